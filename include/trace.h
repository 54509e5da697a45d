/* trace.h - reading a trace: format detection, options, summary.
 *
 * A trace_reader turns a source into blocks of packed references (ref.h).
 * It streams: memory does not grow with the length of the trace.
 */
#ifndef VMTRACE_TRACE_H
#define VMTRACE_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addrmap.h"
#include "source.h"

enum trace_helper {
	TRACE_HELPER_AUTO = 0,   /* with two CPUs or more; a job the helper has
	                          * not begun when the reader needs it is taken
	                          * back (the machine is busy) */
	TRACE_HELPER_NEVER,
	/* For tests, which must reach each path on small inputs: */
	TRACE_HELPER_WAIT,       /* always, and wait for the helper */
	TRACE_HELPER_TAKE_BACK,  /* always start a job, always take it back */
};

struct trace_options {
	unsigned page_shift;   /* log2 of the page size, 10..22 */
	bool data_only;        /* drop instruction fetches (-D) */
	bool first_page_only;  /* an access references only its first page */
	bool reject_high;      /* addresses >= 4 GiB are errors */
	bool strict;           /* stray lines in lackey traces are errors */
	uint32_t nodes;        /* events traces: NUMA nodes a "node" line may name
				* (0: any of 0 .. 63) */
	/* A second thread parses part of a lackey trace (lackey.c); the
	 * output is the same either way.  helper_split chooses where the
	 * helper's share starts (bytes of whole lines the reader keeps;
	 * 0 = balanced as the run goes). */
	enum trace_helper helper;
	size_t helper_split;
	/* How a plain regular file is read (source.h), for tests: mapped
	 * map_window bytes at a time (0: SOURCE_WINDOW), or with read() if
	 * no_map. */
	size_t map_window;
	bool no_map;
};

/* What a reader saw, for reports and for `vmtrace stats`. */
struct trace_summary {
	uint64_t lines;          /* lines read */
	uint64_t records;        /* trace records (lackey lines, seq tokens) */
	uint64_t references;     /* page references emitted */
	uint64_t reads, writes, fetches;
	uint64_t dropped_fetches;/* I records skipped by data_only */
	uint64_t crossing;       /* records that touched more than one page */
	uint64_t valgrind_lines; /* ==PID== and similar, skipped */
	uint64_t stray_lines;    /* other lines skipped */
	uint64_t first_stray_line;
	char first_stray[48];    /* start of the first stray line */
	uint64_t glued_lines;    /* records kept from behind program output */
	uint64_t first_glued_line;
	uint64_t min_addr, max_addr; /* byte addresses as recorded (seq: page << shift) */
	bool any_addr;
	uint64_t bytes;          /* input bytes read */
	uint64_t events;         /* events traces: fork, exit, exec, switch lines */
	uint64_t helper_lines;   /* lackey lines parsed by the helper thread (tests) */
};

/* Whether two reads of a trace saw the same: every count but helper_lines,
 * which says how the work was shared, not what was read (field by field:
 * padding is not compared).  For tests and fuzzers that read one trace two
 * ways. */
bool trace_summary_same(const struct trace_summary *a, const struct trace_summary *b);

struct trace_reader;

/* One input format: a `const struct trace_format` in src/reader/<name>.c. */
struct trace_format {
	const char *name;
	const char *summary;
	/* How sure is it that buf (the start of the input) is in this format?
	 * 0 = not at all ... 100 = certain. */
	int (*probe)(const char *buf, size_t len);
	/* Fill out[0..cap) with references; *n = 0 only at the end.
	 * Return: 0, or an exit code after printing a message. */
	int (*next)(struct trace_reader *r, uint32_t *out, size_t cap, size_t *n);
	/* Release what next() set up beyond r->state (a thread), or NULL.
	 * Called before the source is closed. */
	void (*close)(struct trace_reader *r);
};

struct trace_reader {
	const struct trace_format *format;
	struct source src;
	struct trace_options opt;
	struct addrmap map;
	struct trace_summary sum;
	uint64_t line;           /* current line number, 1-based */
	void *state;             /* format-specific, freed by trace_close() */
	bool finished;
};

/* The registered formats, NULL-terminated. */
extern const struct trace_format *const trace_formats[];
const struct trace_format *trace_format_find(const char *name);

/* Room a block must keep beyond its last reference: one record's pages. */
#define TRACE_BLOCK_SLACK 64u

/*
 * trace_open - open path ("-" for stdin) as format (NULL or "auto" to
 * detect).  Return: 0 with *out set, or an exit code after a message.
 */
int trace_open(struct trace_reader **out, const char *path, const char *format,
	       const struct trace_options *opt);

/* The same over bytes in memory (fuzzing, tests); name is for messages. */
int trace_open_memory(struct trace_reader **out, const char *name, const void *data, size_t len,
		      const char *format, const struct trace_options *opt);

/* Read up to cap references (cap > TRACE_BLOCK_SLACK); *n == 0 at the end. */
int trace_next(struct trace_reader *r, uint32_t *out, size_t cap, size_t *n);

/* Input bytes consumed so far (compressed bytes for a compressed trace). */
static inline uint64_t trace_bytes_read(const struct trace_reader *r)
{
	return source_progress(&r->src);
}

/* The stream carries process events (ref.h): an events trace. */
bool trace_has_events(const struct trace_reader *r);

/* Close.  Safe on NULL. */
void trace_close(struct trace_reader *r);

/* Map a page number through r->map; on failure print FILE:LINE and return 65. */
int trace_map_error(struct trace_reader *r, int status, uint64_t page);

#endif
