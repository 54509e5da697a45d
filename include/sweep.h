/* sweep.h - fault curves across frame counts (or WS windows).
 *
 * A sweep decodes the trace once into memory and then computes, for each
 * policy, one point per frame count (or window tau):
 *   - LRU and OPT are stack algorithms (Mattson et al. 1970): one pass
 *     gives every frame count at once (stackdist_lru.c, stackdist_opt.c);
 *   - WS gives every tau from one pass over the inter-reference gaps
 *     (Denning and Schwartz 1972; ws_sweep.c);
 *   - the others (FIFO, Clock, LFU, MRU, random, NRU, ESC, aging, linux2q,
 *     WSClock; PFF over tau) are simulated frame count by frame count, in
 *     parallel threads over the one decoded copy.  For a fixed-frame
 *     policy, a frame count at or above the number of distinct pages needs
 *     no simulation: only cold faults, no evictions.
 * Every point equals what a plain replay at that frame count gives.
 */
#ifndef VMTRACE_SWEEP_H
#define VMTRACE_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "machine.h"
#include "policy.h"
#include "progress.h"

struct sweep_point {
	uint64_t x;              /* frames, or tau for a window policy */
	uint64_t faults, hits, evictions, writebacks;
	double mean_resident;    /* window policies */
	bool anomaly;            /* more faults than the previous point */
	/* with a memory model (sweep_input.mem): the run's full counters */
	struct machine_counters c;
};

struct sweep_curve {
	const struct policy_choice *policy;
	const char *method;      /* "one-pass" or "simulated" */
	size_t n;
	struct sweep_point *pts;
};

/* A range LO-HI[:STEP], or "all" (1 .. distinct pages, resolved later). */
struct sweep_range {
	uint64_t lo, hi, step;
	bool all;
};

/* What every point needs: the decoded trace and what it implies. */
struct sweep_input {
	const uint32_t *refs;
	size_t n;
	unsigned page_shift;
	uint64_t distinct;       /* distinct pages in refs */
	/* A memory model to replay every point with (NULL: none).  Its
	 * counters need a replay per point, so every policy is simulated. */
	const struct mem_config *mem;
};

/* Parse "LO-HI", "LO-HI:STEP", "N" or (if allow_all) "all".  Return: 0 or
 * VT_USAGE after a message naming opt. */
int sweep_parse_range(const char *opt, const char *arg, uint64_t max, bool allow_all,
		      struct sweep_range *out);

/* The values of a range (with "all" meaning 1 .. all_hi), malloc'd. */
int sweep_range_values(const struct sweep_range *r, uint64_t all_hi, uint64_t **out, size_t *n);

/*
 * sweep_run - fill curve->pts for the values xs[0..nx) of one policy.
 * threads: workers for simulated policies (>= 1).  prog may be NULL.
 * Return: 0 or an exit code after a message.
 */
int sweep_run(const struct sweep_input *in, const struct policy_choice *policy,
	      const uint64_t *xs, size_t nx, unsigned threads, struct progress *prog,
	      struct sweep_curve *curve);

/*
 * sweep_run_all - sweep_run for choices[0..n) into curves[0..n): fx/nfx
 * are the frame counts, tx/ntx the windows (for window policies).  With
 * threads > 1, one-pass curves (LRU, OPT, WS without a memory model) run
 * in threads of their own beside the rest; progress lines (unless quiet)
 * are for the curves the calling thread runs.  Every curve is run even
 * after one fails.  Return: 0 or the first failing curve's exit code.
 */
int sweep_run_all(const struct sweep_input *in, const struct policy_choice *choices, size_t n,
		  const uint64_t *fx, size_t nfx, const uint64_t *tx, size_t ntx, unsigned threads,
		  bool quiet, struct sweep_curve *curves);

/* Mark the points with more faults than the point before them. */
void sweep_mark_anomalies(struct sweep_curve *curve);

void sweep_curve_release(struct sweep_curve *curve);

/* One-pass curves (stackdist_lru.c, stackdist_opt.c, ws_sweep.c): points
 * for xs[0..nx). */
int stackdist_lru(const struct sweep_input *in, const uint64_t *xs, size_t nx,
		  struct sweep_point *pts);
int stackdist_opt(const struct sweep_input *in, const uint32_t *next_use, const uint64_t *xs,
		  size_t nx, struct sweep_point *pts);
int ws_sweep(const struct sweep_input *in, const uint32_t *next_use, const uint64_t *taus,
	     size_t nt, struct sweep_point *pts);

#endif
