/* output.c - the output-format registry and helpers shared by formats. */
#include <inttypes.h>
#include <string.h>

#include "ref.h"
#include "report.h"

extern const struct output_format output_text;
extern const struct output_format output_json;
extern const struct output_format output_csv;

const struct output_format *const output_formats[] = {
	&output_text,
	&output_json,
	&output_csv,
	NULL,
};

const struct output_format *output_format_find(const char *name)
{
	for (size_t i = 0; output_formats[i]; i++)
		if (strcmp(output_formats[i]->name, name) == 0)
			return output_formats[i];
	return NULL;
}

uint64_t report_page(const struct report *rep, uint32_t vpn)
{
	return rep->map ? addrmap_unmap(rep->map, vpn) : vpn;
}

void report_page_name(const struct report *rep, uint32_t vpn, char *buf, size_t size)
{
	uint64_t page = report_page(rep, vpn);

	if (rep->format && strcmp(rep->format, "lackey") == 0)
		snprintf(buf, size, "0x%" PRIx64, page);
	else
		snprintf(buf, size, "%" PRIu64, page);
}

double report_fault_rate(const struct replay_run *run)
{
	return run->c.references ? (double)run->c.faults / (double)run->c.references : -1.0;
}

double report_mean_resident(const struct replay_run *run)
{
	return run->c.references ? (double)run->c.resident_sum / (double)run->c.references : 0.0;
}

const char *report_access_name(uint32_t ref)
{
	switch (ref_kind(ref)) {
	case REF_READ: return "R";
	case REF_WRITE: return "W";
	case REF_FETCH: return "X";
	}
	return "?";
}
