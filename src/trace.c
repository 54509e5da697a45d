/* trace.c - the reader registry, format detection and the common checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "trace.h"

extern const struct trace_format trace_format_seq;
extern const struct trace_format trace_format_lackey;
extern const struct trace_format trace_format_events;

const struct trace_format *const trace_formats[] = {
	&trace_format_lackey,
	&trace_format_seq,
	&trace_format_events,
	NULL,
};

const struct trace_format *trace_format_find(const char *name)
{
	for (size_t i = 0; trace_formats[i]; i++)
		if (strcmp(trace_formats[i]->name, name) == 0)
			return trace_formats[i];
	return NULL;
}

/* The most confident prober wins; seq is the fallback for plain numbers. */
static const struct trace_format *detect(const char *buf, size_t len)
{
	const struct trace_format *best = NULL;
	int best_score = 0;

	for (size_t i = 0; trace_formats[i]; i++) {
		int score = trace_formats[i]->probe(buf, len);
		if (score > best_score) {
			best = trace_formats[i];
			best_score = score;
		}
	}
	return best;
}

/* Pick the format: named, or detected from the first chunk. */
static int choose_format(struct trace_reader *r, const char *format)
{
	size_t head;
	int err;

	if (format && strcmp(format, "auto") != 0) {
		r->format = trace_format_find(format);
		if (!r->format)
			return vt_error(VT_USAGE, "unknown trace format '%s' (try auto, seq, lackey, events)",
					format);
		return 0;
	}
	/* Detection looks at the first chunk; keep reading until there is a
	 * full chunk or the input ends, so a slow pipe is judged fairly. */
	while (!r->src.eof && r->src.end < SOURCE_CHUNK / 2)
		if ((err = source_fill(&r->src)))
			return err;
	/* A mapped window is larger than a chunk: judge the chunk a read()
	 * would have brought, no more (probes scan all they are given). */
	head = r->src.map && r->src.end > SOURCE_CHUNK ? SOURCE_CHUNK : r->src.end;
	r->format = detect(r->src.buf, head);
	if (!r->format)
		return vt_error(VT_DATAERR, "%s: %s", r->src.name,
				r->src.end == 0 ? "empty trace" :
				"not a trace: neither lackey records nor page numbers");
	return 0;
}

static struct trace_reader *reader_new(const struct trace_options *opt)
{
	struct trace_reader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->opt = *opt;
	r->line = 1;
	addrmap_init(&r->map, opt->page_shift, opt->reject_high);
	return r;
}

/* The rest of opening, once the source is set (or failed with err). */
static int open_finish(struct trace_reader *r, int err, const char *format,
		       struct trace_reader **out)
{
	if (err) {
		free(r);
		return err;
	}
	if ((err = choose_format(r, format))) {
		trace_close(r);
		return err;
	}
	*out = r;
	return 0;
}

int trace_open(struct trace_reader **out, const char *path, const char *format,
	       const struct trace_options *opt)
{
	struct trace_reader *r = reader_new(opt);
	size_t window;

	*out = NULL;
	if (!r)
		return vt_error(VT_SOFTWARE, "out of memory");
	window = opt->no_map ? 0 : opt->map_window ? opt->map_window : SOURCE_WINDOW;
	return open_finish(r, source_open_window(&r->src, path, window), format, out);
}

int trace_open_memory(struct trace_reader **out, const char *name, const void *data, size_t len,
		      const char *format, const struct trace_options *opt)
{
	struct trace_reader *r = reader_new(opt);

	*out = NULL;
	if (!r)
		return vt_error(VT_SOFTWARE, "out of memory");
	return open_finish(r, source_open_memory(&r->src, name, data, len), format, out);
}

/* One warning for all the program output found in the trace. */
static void warn_stray(const struct trace_reader *r)
{
	const struct trace_summary *s = &r->sum;
	char glued[160] = "";

	if (s->glued_lines)
		snprintf(glued, sizeof(glued),
			 "%skept %llu record%s with program output glued in front (first at line %llu)",
			 s->stray_lines ? "; " : "", (unsigned long long)s->glued_lines,
			 s->glued_lines == 1 ? "" : "s", (unsigned long long)s->first_glued_line);
	if (s->stray_lines)
		vt_warn("%s: skipped %llu line%s that %s (first at line %llu: '%s')%s",
			r->src.name, (unsigned long long)s->stray_lines,
			s->stray_lines == 1 ? "" : "s",
			s->stray_lines == 1 ? "is not a trace record" : "are not trace records",
			(unsigned long long)s->first_stray_line, s->first_stray, glued);
	else if (s->glued_lines)
		vt_warn("%s: %s", r->src.name, glued);
}

int trace_next(struct trace_reader *r, uint32_t *out, size_t cap, size_t *n)
{
	int err;

	*n = 0;
	if (r->finished)
		return 0;
	err = r->format->next(r, out, cap, n);
	if (err || *n)
		return err;
	r->finished = true;
	/* End of input: the checks that need the whole trace. */
	r->sum.bytes = r->src.offset + r->src.end;
	if (r->sum.records == 0)
		return vt_error(VT_DATAERR, "%s: no %s records in the trace", r->src.name,
				r->format->name);
	warn_stray(r);
	return 0;
}

int trace_map_error(struct trace_reader *r, int status, uint64_t page)
{
	unsigned sh = r->opt.page_shift;

	/* Name what the trace wrote: a page number in seq, an address in lackey. */
	if (strcmp(r->format->name, "seq") == 0)
		return vt_error(VT_DATAERR, "%s:%llu: page %llu: %s", r->src.name,
				(unsigned long long)r->line, (unsigned long long)page,
				addrmap_strerror((enum addrmap_status)status));
	return vt_error(VT_DATAERR, "%s:%llu: address 0x%llx: %s", r->src.name,
			(unsigned long long)r->line,
			(unsigned long long)(page >> (64 - sh) ? UINT64_MAX : page << sh),
			addrmap_strerror((enum addrmap_status)status));
}

bool trace_has_events(const struct trace_reader *r)
{
	return r->format == &trace_format_events;
}

void trace_close(struct trace_reader *r)
{
	if (!r)
		return;
	if (r->format && r->format->close)
		r->format->close(r);
	source_close(&r->src);
	free(r->state);
	free(r);
}

bool trace_summary_same(const struct trace_summary *a, const struct trace_summary *b)
{
	return a->lines == b->lines && a->records == b->records &&
	       a->references == b->references && a->reads == b->reads &&
	       a->writes == b->writes && a->fetches == b->fetches &&
	       a->dropped_fetches == b->dropped_fetches && a->crossing == b->crossing &&
	       a->valgrind_lines == b->valgrind_lines && a->stray_lines == b->stray_lines &&
	       a->first_stray_line == b->first_stray_line &&
	       strcmp(a->first_stray, b->first_stray) == 0 && a->glued_lines == b->glued_lines &&
	       a->first_glued_line == b->first_glued_line && a->any_addr == b->any_addr &&
	       (!a->any_addr || (a->min_addr == b->min_addr && a->max_addr == b->max_addr)) &&
	       a->bytes == b->bytes && a->events == b->events;
}
