/* replay.h - running policies over a trace: the engine behind `replay`.
 *
 * One read of the trace feeds every run (policy x frame count or window).
 * Runs of policies that need the future (OPT), and --steps, make the engine
 * decode the whole trace into memory first (4 bytes a reference, plus 4 for
 * next-use); otherwise it streams block by block and memory stays flat.
 */
#ifndef VMTRACE_REPLAY_H
#define VMTRACE_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "machine.h"
#include "progress.h"
#include "trace.h"

/* The frame contents after each reference of a short trace (--steps). */
struct steps {
	size_t n;            /* references */
	uint32_t nframes;    /* columns of contents[]: frames ever used */
	uint32_t *refs;      /* the references (ref.h) */
	uint8_t *fault;
	uint32_t *victim;    /* page evicted, or NO_PAGE */
	uint32_t *expired;   /* page that left a window, or NO_PAGE */
	uint32_t *contents;  /* contents[i * nframes + f]: page in f after i */
};

struct replay_run {
	const struct policy_choice *policy;
	uint32_t frames;              /* frame policies */
	uint64_t tau;                 /* window policies */
	const struct mem_config *mem; /* NULL for the defaults */
	struct machine_counters c;    /* filled by replay_trace() */
	struct steps *steps;          /* filled when steps are asked for */
	bool processes;               /* fill procs[] (events traces) */
	struct proc_counters *procs;  /* per process; free() it */
	size_t nprocs;
	struct node_counters *nodes;  /* the node layer, per node; free() it */
	uint32_t nnodes;
	struct buddy_sample *series;  /* --buddyinfo-every; free() it */
	size_t nseries;
};

/* Free what replay_trace() allocated in runs[0..n). */
void replay_runs_release(struct replay_run *runs, size_t n);

/* A growable array of decoded references. */
struct ref_vec {
	uint32_t *v;
	size_t n, cap;
};

/* Read the rest of a trace into vec, reporting to prog (may be NULL).
 * Return: 0 or an exit code. */
int ref_vec_read_all(struct ref_vec *vec, struct trace_reader *r, struct progress *prog);
void ref_vec_release(struct ref_vec *vec);

/*
 * next_use_compute - for each t, the time of the next reference to the same
 * page, or NEXT_USE_NEVER.  One backward pass with a table over the page
 * space.  Return: 0, or an exit code (traces of 2^32 - 1 references or more
 * cannot be indexed).
 */
int next_use_compute(const uint32_t *refs, size_t n, unsigned page_shift, uint32_t **out);

/*
 * replay_trace - run every run over the trace r, filling in its counters.
 * max_steps: 0 for no step tables; otherwise the longest trace for which
 * tables are recorded (longer traces fail with VT_USAGE).  prog (may be
 * NULL) hears how many input bytes have been read.
 * Return: 0 or an exit code after a message.
 */
int replay_trace(struct trace_reader *r, struct replay_run *runs, size_t nruns,
		 size_t max_steps, struct progress *prog);

/* Replay runs over refs[0..n) already in memory (next_use may be NULL if no
 * run needs it). */
int replay_refs(const uint32_t *refs, size_t n, const uint32_t *next_use, unsigned page_shift,
		struct replay_run *runs, size_t nruns, bool steps);

void steps_free(struct steps *s);

#endif
