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

size_t report_process_totals(const struct machine_counters *c,
			     struct report_field out[REPORT_MAX_FIELDS])
{
	size_t n = 0;

#define F(name, v) out[n++] = (struct report_field){ name, v }
	F("cow_faults", c->cow_faults);
	F("cow_copies", c->cow_copies);
	F("cow_reuses", c->cow_reuses);
	F("pages_shared", c->pages_shared);
	F("forks", c->forks);
	F("exits", c->exits);
	F("execs", c->execs);
	F("switches", c->switches);
#undef F
	return n;
}

size_t report_process_fields(const struct proc_counters *p,
			     struct report_field out[REPORT_MAX_FIELDS])
{
	size_t n = 0;

#define F(name, v) out[n++] = (struct report_field){ name, v }
	F("references", p->references);
	F("faults", p->faults);
	F("minor_faults", p->minor_faults);
	F("major_faults", p->major_faults);
	F("cow_faults", p->cow_faults);
	F("cow_copies", p->cow_copies);
	F("cow_reuses", p->cow_reuses);
	F("pages_shared", p->pages_shared);
	F("evicted", p->evicted);
	F("resident", p->resident);
#undef F
	return n;
}

size_t report_memory_fields(const struct machine_counters *c, const struct mem_options *mo,
			    struct report_field out[REPORT_MAX_FIELDS])
{
	size_t n = 0;
	bool tlb = mo->mem.tlb_entries != 0;

#define F(name, v) out[n++] = (struct report_field){ name, v }
	F("minor_faults", c->minor_faults);
	F("major_faults", c->major_faults);
	F("zero_maps", c->zero_maps);
	F("swap_ins", c->swap_ins);
	F("file_reads", c->file_reads);
	F("swap_outs", c->swap_outs);
	F("swap_cleans", c->swap_cleans);
	F("swap_drops", c->swap_drops);
	F("file_drops", c->file_drops);
	F("swap_slots_max", c->swap.max_used);
	F("device_reads", c->swap.device_reads);
	F("device_writes", c->swap.device_writes);
	F("zswap_stores", c->swap.zswap_stores);
	F("zswap_loads", c->swap.zswap_loads);
	F("zswap_writebacks", c->swap.zswap_writebacks);
	if (tlb) {
		F("tlb_hits", c->tlb_hits);
		F("tlb_misses", c->tlb_misses);
		F("tlb_shootdowns", c->tlb_shootdowns);
	}
	if (mo->nodes.numa) {
		F("local_accesses", c->local_accesses);
		F("remote_accesses", c->remote_accesses);
		F("access_distance", c->access_distance);
		F("numa_pte_updates", c->numa_pte_updates);
		F("numa_hint_faults", c->numa_hint_faults);
		F("numa_hint_faults_local", c->numa_hint_faults_local);
		F("numa_pages_migrated", c->numa_pages_migrated);
		F("pgmigrate_fail", c->pgmigrate_fail);
	}
	if (mo->nodes.huge_all || mo->nodes.nhuge) {
		F("thp_fault_alloc", c->thp_fault_alloc);
		F("thp_fault_fallback", c->thp_fault_fallback);
		F("thp_split", c->thp_split);
		F("huge_evictions", c->huge_evictions);
	}
#undef F
	return n;
}
