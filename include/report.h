/* report.h - what a command hands to an output format.
 *
 * An output format is a `const struct output_format` in src/output/<name>.c
 * registered in src/output.c.  It writes one complete document to fp and
 * returns 0, or an exit code after a message.
 */
#ifndef VMTRACE_REPORT_H
#define VMTRACE_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "memopts.h"
#include "ref.h"
#include "replay.h"
#include "sweep.h"
#include "trace.h"

struct report {
	const char *command;              /* "replay" or "stats" */
	const char *trace_path;
	const char *format;               /* reader used: "seq", "lackey" */
	const struct trace_options *topt;
	const struct trace_summary *sum;
	const struct addrmap *map;
	/* replay */
	const struct policy_choice *policies;
	size_t npolicies;
	const uint64_t *frames;
	size_t nframes;
	const uint64_t *taus;
	size_t ntaus;
	const struct replay_run *runs;
	size_t nruns;
	bool steps;
	const struct mem_options *memo;   /* replay and sweep: memory model, cost */
	/* sweep */
	const struct sweep_curve *curves;
	size_t ncurves;
	const struct sweep_range *frame_range, *tau_range;
	/* stats */
	uint64_t distinct_pages;
	uint64_t page_tables;
};

struct output_format {
	const char *name;
	int (*replay)(FILE *fp, const struct report *rep);
	int (*stats)(FILE *fp, const struct report *rep);
	int (*sweep)(FILE *fp, const struct report *rep);
};

extern const struct output_format *const output_formats[];
const struct output_format *output_format_find(const char *name);

/* The sweep document (DESIGN.md contract; plot.h draws from it).  The
 * caller owns the reference.  NULL only when out of memory. */
struct json_t;
struct json_t *report_sweep_json(const struct report *rep);
/* The replay document the same way (plot_replay() draws its node layer). */
struct json_t *report_replay_json(const struct report *rep);

/* The name of a page for people: the trace's own page number (high pages
 * un-mapped), decimal for seq traces, hex for lackey. */
void report_page_name(const struct report *rep, uint32_t vpn, char *buf, size_t size);

/* The trace's own page number for a vpn. */
uint64_t report_page(const struct report *rep, uint32_t vpn);

/* Faults per reference, or -1 when there were no references. */
double report_fault_rate(const struct replay_run *run);

/* Mean resident pages over the run (window policies). */
double report_mean_resident(const struct replay_run *run);

/* A run's memory-model counters as (name, value) pairs, in output order
 * (the JSON keys and CSV columns); TLB, NUMA and 4 MiB page counters only
 * when mo turns them on. */
#define REPORT_MAX_FIELDS 40
struct report_field {
	const char *name;
	uint64_t value;
};
size_t report_memory_fields(const struct machine_counters *c, const struct mem_options *mo,
			    struct report_field out[REPORT_MAX_FIELDS]);

/* Events traces: a run's process totals, and one process's counters, as
 * (name, value) pairs in output order (JSON keys, CSV columns).  pid,
 * ppid and exited are the formats' own business. */
size_t report_process_totals(const struct machine_counters *c,
			     struct report_field out[REPORT_MAX_FIELDS]);
size_t report_process_fields(const struct proc_counters *p,
			     struct report_field out[REPORT_MAX_FIELDS]);

/* "R", "W" or "X" for a reference kind. */
const char *report_access_name(uint32_t ref);

#endif
