/* curve_acc.h - what a stack-distance pass adds up, and the curve from it.
 *
 * A one-pass curve (stackdist_lru.c, stackdist_opt.c) reports each
 * reference's stack distance d (0: a first touch) here; faults(k) is then
 * the cold faults plus the references with d > k, for every k at once.
 *
 * Write-backs for every k: between two references to a page, the page only
 * sinks, so it leaves each cache k < d exactly once and is written back
 * there if it was dirty in that cache.  A page is dirty in cache k exactly
 * for k >= D (its dirty threshold): a write sets D = 1; a read found at
 * distance d reloads it clean in caches below d, so D = max(D, d).  Each
 * reference adds one write-back to every k in [D, d - 1] (a difference
 * array), and at the end of the trace every page adds [D, f - 1] for its
 * final depth f.  Nothing is flushed at the end, as in a replay.  The
 * passes keep each page's D beside their own per-page state (one cache
 * line a reference), so D lives with the caller.
 */
#ifndef VMTRACE_CURVE_ACC_H
#define VMTRACE_CURVE_ACC_H

#include <stddef.h>
#include <stdint.h>

#include "sweep.h"

#define NEVER_DIRTY UINT32_MAX

struct curve_acc {
	uint64_t V;           /* distinct pages: the deepest a stack gets */
	uint64_t cold;
	uint64_t *hist;       /* hist[d]: references at distance d, 1..V */
	int64_t *wb;          /* difference array of write-backs over k, 1..V+1 */
};

/* For in->distinct pages.  Return: 0 or VT_SOFTWARE after a message. */
int acc_init(struct curve_acc *a, const struct sweep_input *in);
void acc_release(struct curve_acc *a);

/* A reference found at distance d (0: first touch) to the page whose
 * dirty threshold is *dirty (NEVER_DIRTY before its first touch). */
static inline void acc_ref(struct curve_acc *a, uint32_t *dirty, uint64_t d, int write)
{
	uint32_t D = *dirty;

	if (d == 0) {
		a->cold++;
		*dirty = write ? 1 : NEVER_DIRTY;
		return;
	}
	a->hist[d]++;
	if (D < d) {
		a->wb[D]++;
		a->wb[d]--;
	}
	*dirty = write ? 1 : (D < d ? (uint32_t)d : D);
}

/* At the end of the trace the page whose threshold is D sits at depth f. */
static inline void acc_final(struct curve_acc *a, uint32_t D, uint64_t f)
{
	if (D < f) {
		a->wb[D]++;
		a->wb[f]--;
	}
}

/* The points for frame counts xs[0..nx) of a trace of nrefs references. */
void acc_points(const struct curve_acc *a, uint64_t nrefs, const uint64_t *xs, size_t nx,
		struct sweep_point *pts);

#endif
