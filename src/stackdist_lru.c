/* stackdist_lru.c - the whole LRU fault curve in one pass.
 *
 * Theory (Mattson, Gecsei, Slutz and Traiger 1970): for a stack algorithm
 * the pages a cache of k frames holds are always the top k entries of one
 * stack shared by every k.  A reference found at depth d (its stack
 * distance) hits in every cache of at least d frames and faults in every
 * smaller one; a first touch faults everywhere.  So faults(k) = cold
 * faults + the number of references with distance > k (curve_acc.h, which
 * also says how the write-backs come out of the same distances).
 *
 *   LRU: the stack is ordered by last use, so d = 1 + the number of
 *   distinct pages used since the page's previous use.  Each page's latest
 *   use holds a slot in time order; d = 1 + the slots after it that still
 *   hold a latest use, counted from a bitmap of live slots and a Fenwick
 *   tree of dead slots ("holes") per 64-slot word, in O(log(n / 64));
 *   slots are renumbered (compacted) when they run out (the Bennett and
 *   Kruskal 1975 idea of counting distinct pages over a tree of times,
 *   kept small enough to stay in L1).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "curve_acc.h"
#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "machine.h"
#include "ref.h"
#include "sweep.h"

/* --- LRU: Fenwick tree over compacted use times --------------------- */

struct fenwick {
	uint32_t *t;     /* 1-based */
	uint32_t n;
};

static inline void fen_add(struct fenwick *f, uint32_t i, int32_t v)
{
	for (; i <= f->n; i += i & -i)
		f->t[i] += (uint32_t)v;
}

static inline uint32_t fen_prefix(const struct fenwick *f, uint32_t i)
{
	uint32_t s = 0;

	for (; i > 0; i -= i & -i)
		s += f->t[i];
	return s;
}

/*
 * Each page's latest use holds a slot; slots are handed out in time order
 * and renumbered (compacted) when they run out.  The distance of a
 * reference is 1 + the marks after its page's slot.  Every slot below
 * `next` was marked once and has either kept its mark or become a hole
 * (its page was used again), so marks after p = slots after p - holes
 * after p.  Holes appear one per reference and only one tree update is
 * needed per reference, where counting marks needed two.
 *
 * The live bits sit in a bitmap and the Fenwick tree counts holes per
 * 64-slot word, not per slot: a query is one popcount plus a walk over
 * ~log2(slots / 64) counters.  For 64 Ki distinct pages that is a 16 KiB
 * bitmap and an 8 KiB tree, which stay in L1 where a per-slot tree (half
 * a megabyte) did not.  A short move-to-front prefix would not help:
 * most references on real traces (the benchmark's: 90% beyond 64) are
 * deep.
 */
struct lru_slots {
	uint64_t *live;       /* bit s % 64 of word s / 64: slot s holds a latest use */
	struct fenwick holes; /* holes per word, word w at index w + 1 */
	uint32_t nholes;
	uint32_t nslots;      /* a multiple of 64 */
};

/* Per page: its slot + 1 (0: not used yet) and its dirty threshold, side
 * by side so that a reference touches one cache line for both. */
struct lru_page {
	uint32_t slot1;
	uint32_t dirty;
};

/* Without -mpopcnt, __builtin_popcountll is a library call. */
static inline uint32_t popcount64(uint64_t x)
{
	x = x - ((x >> 1) & UINT64_C(0x5555555555555555));
	x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
	x = (x + (x >> 4)) & UINT64_C(0x0f0f0f0f0f0f0f0f);
	return (uint32_t)((x * UINT64_C(0x0101010101010101)) >> 56);
}

/* Live slots after slot p (p excluded), with slots 0 .. next - 1 used. */
static inline uint32_t live_after(const struct lru_slots *m, uint32_t p, uint32_t next)
{
	uint32_t w = p >> 6, end = (w + 1) * 64;
	uint32_t in_word = popcount64(m->live[w] >> (p & 63) >> 1);
	uint32_t later = next > end ? next - end : 0;

	return in_word + later - (m->nholes - fen_prefix(&m->holes, w + 1));
}

/* Renumber the live slots 0 .. live - 1 in order; no holes remain. */
static uint32_t slots_compact(struct lru_slots *m, uint32_t *at, struct lru_page *pg)
{
	uint32_t k = 0, nw = m->nslots / 64;

	for (uint32_t w = 0; w < nw; w++) {
		uint64_t b = m->live[w];
		m->live[w] = 0;
		while (b) {
			uint32_t s = w * 64 + (uint32_t)__builtin_ctzll(b);
			b &= b - 1;
			at[k] = at[s];
			pg[at[k]].slot1 = k + 1;
			k++;
		}
	}
	for (uint32_t s = 0; s < k; s++)
		m->live[s >> 6] |= UINT64_C(1) << (s & 63);
	memset(m->holes.t, 0, sizeof(uint32_t) * ((size_t)m->holes.n + 1));
	m->nholes = 0;
	return k;
}

int stackdist_lru(const struct sweep_input *in, const uint64_t *xs, size_t nx,
		  struct sweep_point *pts)
{
	struct curve_acc a;
	struct lru_slots sl = { 0 };
	struct lru_page *pg = NULL;
	uint32_t *at = NULL;                /* slot -> vpn */
	uint32_t next = 0;
	size_t pages = vpn_space(in->page_shift);
	int err = acc_init(&a, in);

	/* Twice the live marks: a compaction frees at least half the slots. */
	sl.nslots = (uint32_t)((2 * in->distinct + 1024 + 63) & ~(uint64_t)63);
	sl.holes.n = sl.nslots / 64;
	sl.live = calloc(sl.nslots / 64, sizeof(uint64_t));
	sl.holes.t = calloc((size_t)sl.holes.n + 1, sizeof(uint32_t));
	pg = malloc(sizeof(*pg) * pages);
	at = malloc(sizeof(uint32_t) * sl.nslots);
	if (!err && (!sl.live || !sl.holes.t || !pg || !at))
		err = vt_error(VT_SOFTWARE, "out of memory for the LRU stack-distance pass");
	if (err)
		goto out;
	for (size_t p = 0; p < pages; p++)
		pg[p] = (struct lru_page){ .slot1 = 0, .dirty = NEVER_DIRTY };

	for (size_t t = 0; t < in->n; t++) {
		uint32_t vpn = ref_vpn(in->refs[t]);
		struct lru_page *e = &pg[vpn];
		uint64_t d = 0;

		if (next == sl.nslots)
			next = slots_compact(&sl, at, pg);
		if (e->slot1) {
			uint32_t p = e->slot1 - 1;
			d = 1 + live_after(&sl, p, next);
			sl.live[p >> 6] &= ~(UINT64_C(1) << (p & 63));
			fen_add(&sl.holes, (p >> 6) + 1, 1);
			sl.nholes++;
		}
		acc_ref(&a, &e->dirty, d, ref_kind(in->refs[t]) == REF_WRITE);
		e->slot1 = next + 1;
		at[next] = vpn;
		sl.live[next >> 6] |= UINT64_C(1) << (next & 63);
		next++;
	}
	/* Final depths: the latest use is depth 1. */
	{
		uint64_t depth = 0;
		for (uint32_t s = next; s-- > 0;)
			if (sl.live[s >> 6] >> (s & 63) & 1)
				acc_final(&a, pg[at[s]].dirty, ++depth);
	}
	acc_points(&a, in->n, xs, nx, pts);
out:
	acc_release(&a);
	free(sl.live);
	free(sl.holes.t);
	free(pg);
	free(at);
	return err;
}
