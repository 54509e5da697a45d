/* stackdist.c - whole LRU and OPT fault curves in one pass each.
 *
 * Theory (Mattson, Gecsei, Slutz and Traiger 1970): for a stack algorithm
 * the pages a cache of k frames holds are always the top k entries of one
 * stack shared by every k.  A reference found at depth d (its stack
 * distance) hits in every cache of at least d frames and faults in every
 * smaller one; a first touch faults everywhere.  So faults(k) = cold
 * faults + the number of references with distance > k.
 *
 *   LRU: the stack is ordered by last use, so d = 1 + the number of
 *   distinct pages used since the page's previous use.  Each page's latest
 *   use holds a slot in time order; d = 1 + the slots after it that still
 *   hold a latest use, counted from a bitmap of live slots and a Fenwick
 *   tree of dead slots ("holes") per 64-slot word, in O(log(n / 64));
 *   slots are renumbered (compacted) when they run out (the Bennett and
 *   Kruskal 1975 idea of counting distinct pages over a tree of times,
 *   kept small enough to stay in L1).
 *
 *   OPT (Belady's MIN): priority = next use, sooner is higher.  A
 *   reference to y at depth d puts y on top; the old top becomes the
 *   "carry"; going down slots 2 .. d - 1, a page used later than the carry
 *   swaps with it (that page is what OPT with that many frames evicts);
 *   the last carry fills depth d.  The swaps are the left-to-right maxima
 *   of next use below the top, and they come in runs where next use
 *   ascends (a scan referenced again in order): the stack is a blocked
 *   list (below) so that a run costs one removal and one insertion, not
 *   one step per page.  Pages never used again tie and never swap among
 *   themselves: which of them a cache holds changes no later hit, so the
 *   distances are those of any tie rule.
 *
 *   Cost: O(runs x (B + log V)) per reference for blocks of B pages and V
 *   distinct pages; on the benchmark trace a reference makes ~1,300 swaps
 *   in ~3 runs.  Not done here: Bilardi, Ekanadham and Pattnaik ("Optimal
 *   on-line computation of stack distances for MIN and OPT", Computing
 *   Frontiers 2017) state an O(log V) per access method.  The dual view
 *   that needs only the past (OPT with k frames hits on the reuse
 *   intervals that greedy interval scheduling by earliest end accepts
 *   while at most k - 1 accepted ones cover any point; d = 1 + the first
 *   "track" free since the previous use) gives the same distances, but
 *   its update is again a chain of left-to-right maxima, ~590 long in ~3
 *   runs per reference on the benchmark, and searching that chain is a
 *   two-sided (range) query where the stack's is one-sided.
 *
 * Write-backs for every k: between two references to a page, the page only
 * sinks, so it leaves each cache k < d exactly once and is written back
 * there if it was dirty in that cache.  A page is dirty in cache k exactly
 * for k >= D (its dirty threshold): a write sets D = 1; a read found at
 * distance d reloads it clean in caches below d, so D = max(D, d).  Each
 * reference adds one write-back to every k in [D, d - 1] (a difference
 * array), and at the end of the trace every page adds [D, f - 1] for its
 * final depth f.  Nothing is flushed at the end, as in a replay.  For
 * OPT, f is the page's LRU rank at the end (opt_final_by_recency says
 * why), so the write-backs need only the per-reference distances; and
 * those do not depend on the tie rule: pages never used again go before
 * any other, and which of them goes changes no later hit or fault.
 * (opt_final_by_recency assumes the least-recently-used tie rule of a
 * replay, which fixes the final depths; the pass itself need not follow
 * it.)
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "machine.h"
#include "ref.h"
#include "sweep.h"

#define NEVER_DIRTY UINT32_MAX

/* Distances, write-backs and dirty thresholds while a pass runs. */
struct curve_acc {
	uint64_t V;           /* distinct pages: the deepest a stack gets */
	uint64_t cold;
	uint64_t *hist;       /* hist[d]: references at distance d, 1..V */
	int64_t *wb;          /* difference array of write-backs over k, 1..V+1 */
	uint32_t *dirty;      /* per vpn: dirty threshold D, or NEVER_DIRTY (NULL
			       * when the pass keeps D beside its own per-page state) */
};

static int acc_init(struct curve_acc *a, const struct sweep_input *in, bool dirty_table)
{
	size_t pages = vpn_space(in->page_shift);

	memset(a, 0, sizeof(*a));
	a->V = in->distinct;
	a->hist = calloc(a->V + 2, sizeof(*a->hist));
	a->wb = calloc(a->V + 2, sizeof(*a->wb));
	a->dirty = dirty_table ? malloc(sizeof(*a->dirty) * pages) : NULL;
	if (!a->hist || !a->wb || (dirty_table && !a->dirty))
		return vt_error(VT_SOFTWARE, "out of memory for a stack-distance pass");
	for (size_t p = 0; dirty_table && p < pages; p++)
		a->dirty[p] = NEVER_DIRTY;
	return 0;
}

static void acc_release(struct curve_acc *a)
{
	free(a->hist);
	free(a->wb);
	free(a->dirty);
}

/* A reference found at distance d (0: first touch) to the page whose
 * dirty threshold is *dirty. */
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

static void acc_points(const struct curve_acc *a, uint64_t nrefs, const uint64_t *xs, size_t nx,
		       struct sweep_point *pts)
{
	uint64_t V = a->V;
	uint64_t *faults = malloc(sizeof(uint64_t) * (V + 2));
	int64_t *wbk = malloc(sizeof(int64_t) * (V + 2));

	if (!faults || !wbk) {
		/* Fall back to per-point sums: slower, same answer. */
		for (size_t i = 0; i < nx; i++) {
			uint64_t k = xs[i] < V ? xs[i] : V, f = a->cold;
			int64_t w = 0;
			for (uint64_t d = k + 1; d <= V; d++)
				f += a->hist[d];
			for (uint64_t j = 1; j <= k; j++)
				w += a->wb[j];
			pts[i] = (struct sweep_point){ .x = xs[i], .faults = f, .hits = nrefs - f,
						       .evictions = f - (xs[i] < V ? xs[i] : V),
						       .writebacks = (uint64_t)w };
		}
		free(faults);
		free(wbk);
		return;
	}
	faults[V] = a->cold;
	for (uint64_t k = V; k-- > 0;)
		faults[k] = faults[k + 1] + a->hist[k + 1];
	wbk[0] = 0;
	for (uint64_t k = 1; k <= V; k++)
		wbk[k] = wbk[k - 1] + a->wb[k];
	for (size_t i = 0; i < nx; i++) {
		uint64_t k = xs[i] < V ? xs[i] : V;
		pts[i] = (struct sweep_point){
			.x = xs[i],
			.faults = faults[k],
			.hits = nrefs - faults[k],
			.evictions = faults[k] - k,
			.writebacks = (uint64_t)wbk[k],
		};
	}
	free(faults);
	free(wbk);
}

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
	int err = acc_init(&a, in, false);

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

/* --- OPT: a max tree (block maxima) and the blocked priority stack ---- */

struct maxtree {
	uint32_t *t;     /* t[1] root; leaves t[size + i] for slot i */
	uint32_t size;
};

static inline void mt_set(struct maxtree *m, uint32_t slot, uint32_t v)
{
	uint32_t i = slot + m->size;

	m->t[i] = v;
	for (i >>= 1; i >= 1; i >>= 1) {
		uint32_t a = m->t[2 * i], b = m->t[2 * i + 1];
		uint32_t mx = a > b ? a : b;
		if (m->t[i] == mx)
			break;
		m->t[i] = mx;
	}
}

/* First slot >= lo whose value is > x, or UINT32_MAX. */
static inline uint32_t mt_first_above(const struct maxtree *m, uint32_t lo, uint32_t x)
{
	uint32_t i = lo + m->size;

	while (m->t[i] <= x) {
		/* Climb while this is a right child, then step to the right. */
		while (i & 1) {
			i >>= 1;
			if (i <= 1)
				return UINT32_MAX;
		}
		i++;
	}
	while (i < m->size)
		i = m->t[2 * i] > x ? 2 * i : 2 * i + 1;
	return i - m->size;
}

/*
 * The OPT stack as a blocked list.  A reference moves pages along a chain
 * of swaps, but the swaps come in runs: where the stack is ordered by key
 * the carry swaps with every page in turn, which only shifts that stretch
 * down by one.  So the stack is kept as a sequence of small blocks (no
 * page knows its absolute slot; a Fenwick tree of block sizes gives
 * positions), and a run of swaps is one removal (the run's last page, the
 * next carry) and one insertion (the carry, at the run's start).  A
 * segment tree of block maxima finds the next swap; a bitmask of the
 * descents in each block (places where a key is <= the one before) finds
 * where a run ends, one count-trailing-zeros per block, from the blocks'
 * heads alone (a small array apart from the pages and keys).
 *
 * On the benchmark trace (tests/bench/gen.c, 10^7 references over 64 Ki
 * pages) a reference makes about 1,300 swaps but only about 3 runs, so the
 * cost is per run, not per swap: a few tree walks and two memmoves inside
 * one block each.
 */
#define OB 64                  /* blocks hold 1 .. 2 * OB pages */
#define NO_BLOCK UINT32_MAX

_Static_assert(2 * OB <= 128, "the descent mask of a block has 128 bits");

/* What a run needs to know of a block without reading its keys. */
struct ohead {
	uint32_t n;
	uint32_t max;              /* largest key, 0 when empty */
	uint32_t first, last;      /* key[0] and key[n - 1] */
	uint64_t dmask[2];         /* bit i (0 < i < n): key[i] <= key[i - 1] */
};

struct oblock {
	uint32_t page[2 * OB];
	uint32_t key[2 * OB];
};

/* A place in the stack: the block at rank r, slot i in it. */
struct ocur {
	uint32_t r, i;
};

struct ostack {
	struct ohead *head;        /* by block id */
	struct oblock *blk;        /* by block id */
	uint32_t *order;           /* order[rank] = block id */
	uint32_t *rank;            /* rank[block id] */
	uint32_t *free_ids;
	uint32_t nb, nfree, cap;   /* blocks in order, free ids, capacity */
	struct fenwick size;       /* block sizes by rank + 1 */
	uint32_t top_step;         /* size.n, a power of two: the Fenwick descent's first step */
	struct maxtree mx;         /* block maxima by rank */
	uint32_t *blk_of;          /* per vpn: block id, or NO_BLOCK */
	uint32_t len;
};

/* The descent mask: set bit i, open a gap at bit i (bits >= i move up
 * one), close bit i (bits > i move down one), find the next set bit. */
static inline void dm_put(uint64_t m[2], uint32_t i, bool on)
{
	uint64_t bit = UINT64_C(1) << (i & 63);

	if (on)
		m[i >> 6] |= bit;
	else
		m[i >> 6] &= ~bit;
}

static inline uint64_t bits_below(uint32_t i)  /* i < 64 */
{
	return i ? ~UINT64_C(0) >> (64 - i) : 0;
}

static inline void dm_open(uint64_t m[2], uint32_t i)
{
	if (i < 64) {
		uint64_t lo = m[0], keep = bits_below(i);
		m[1] = m[1] << 1 | lo >> 63;
		m[0] = (lo & keep) | (lo & ~keep) << 1;
	} else {
		uint64_t hi = m[1], keep = bits_below(i - 64);
		m[1] = (hi & keep) | (hi & ~keep) << 1;
	}
}

static inline void dm_close(uint64_t m[2], uint32_t i)
{
	if (i < 64) {
		uint64_t lo = m[0], keep = bits_below(i);
		m[0] = (lo & keep) | ((lo >> 1) & ~keep) | m[1] << 63;
		m[1] >>= 1;
	} else {
		uint64_t hi = m[1], keep = bits_below(i - 64);
		m[1] = (hi & keep) | ((hi >> 1) & ~keep);
	}
}

/* First descent at a bit >= i, or 2 * OB. */
static inline uint32_t dm_next(const uint64_t m[2], uint32_t i)
{
	if (i < 64) {
		uint64_t w = m[0] >> i;
		if (w)
			return i + (uint32_t)__builtin_ctzll(w);
		i = 64;
	}
	if (i < 128) {
		uint64_t w = m[1] >> (i - 64);
		if (w)
			return i + (uint32_t)__builtin_ctzll(w);
	}
	return 2 * OB;
}

/* Bit i of the descent mask from the keys around it. */
static inline void ob_fix(struct ohead *h, const struct oblock *b, uint32_t i)
{
	if (i < 2 * OB)
		dm_put(h->dmask, i, i > 0 && i < h->n && b->key[i] <= b->key[i - 1]);
}

static inline void ob_ends(struct ohead *h, const struct oblock *b)
{
	h->first = h->n ? b->key[0] : 0;
	h->last = h->n ? b->key[h->n - 1] : 0;
}

static void ob_max(struct ohead *h, const struct oblock *b)
{
	uint32_t mx = 0;

	if (!(h->dmask[0] | h->dmask[1])) {
		/* An ascending block keeps its largest key last. */
		h->max = h->last;
		return;
	}
	for (uint32_t i = 0; i < h->n; i++)
		mx = b->key[i] > mx ? b->key[i] : mx;
	h->max = mx;
}

static void ob_stats(struct ohead *h, const struct oblock *b)
{
	h->dmask[0] = h->dmask[1] = 0;
	for (uint32_t i = 1; i < h->n; i++)
		ob_fix(h, b, i);
	ob_ends(h, b);
	ob_max(h, b);
}

/* Ranks, the size tree and the max tree, from order[] (after a split or a
 * block leaving the order), for ranks from r0 on; old_nb is the number of
 * blocks before the change.  O(blocks), not O(capacity). */
static void os_reindex(struct ostack *s, uint32_t r0, uint32_t old_nb)
{
	uint32_t hi = s->nb > old_nb ? s->nb : old_nb;

	for (uint32_t r = r0; r < s->nb; r++)
		s->rank[s->order[r]] = r;
	/* The Fenwick tree over the first power of two >= nb ranks. */
	for (s->size.n = 1; s->size.n < s->nb; s->size.n *= 2)
		;
	s->top_step = s->size.n;
	for (uint32_t r = 0; r < s->size.n; r++)
		s->size.t[r + 1] = r < s->nb ? s->head[s->order[r]].n : 0;
	for (uint32_t i = 1; i <= s->size.n; i++) {
		uint32_t j = i + (i & -i);
		if (j <= s->size.n)
			s->size.t[j] += s->size.t[i];
	}
	/* Max-tree leaves r0 .. hi - 1, then their ancestors level by level. */
	for (uint32_t r = r0; r < hi; r++)
		s->mx.t[s->mx.size + r] = r < s->nb ? s->head[s->order[r]].max : 0;
	for (uint32_t lo = (r0 + s->mx.size) >> 1, up = (hi - 1 + s->mx.size) >> 1;;
	     lo >>= 1, up >>= 1) {
		for (uint32_t i = lo; i <= up; i++)
			s->mx.t[i] = s->mx.t[2 * i] > s->mx.t[2 * i + 1] ? s->mx.t[2 * i] : s->mx.t[2 * i + 1];
		if (lo <= 1)
			break;
	}
}

static int os_init(struct ostack *s, size_t pages, uint64_t distinct)
{
	memset(s, 0, sizeof(*s));
	s->cap = (uint32_t)(2 * (distinct / OB) + 8);
	for (s->mx.size = 2; s->mx.size < s->cap; s->mx.size *= 2)
		;
	s->cap = s->mx.size;
	s->head = malloc(sizeof(*s->head) * s->cap);
	s->blk = malloc(sizeof(*s->blk) * s->cap);
	s->order = malloc(sizeof(uint32_t) * s->cap);
	s->rank = malloc(sizeof(uint32_t) * s->cap);
	s->free_ids = malloc(sizeof(uint32_t) * s->cap);
	s->size.t = calloc((size_t)s->cap + 1, sizeof(uint32_t));
	s->mx.t = calloc(2 * (size_t)s->mx.size, sizeof(uint32_t));
	s->blk_of = malloc(sizeof(uint32_t) * pages);
	if (!s->head || !s->blk || !s->order || !s->rank || !s->free_ids || !s->size.t || !s->mx.t ||
	    !s->blk_of)
		return -1;
	for (size_t p = 0; p < pages; p++)
		s->blk_of[p] = NO_BLOCK;
	for (uint32_t i = 0; i < s->cap; i++)
		s->free_ids[s->nfree++] = s->cap - 1 - i;
	/* One empty block to start in. */
	s->order[s->nb++] = s->free_ids[--s->nfree];
	s->head[s->order[0]].n = 0;
	ob_stats(&s->head[s->order[0]], &s->blk[s->order[0]]);
	os_reindex(s, 0, 1);
	return 0;
}

static void os_release(struct ostack *s)
{
	free(s->head);
	free(s->blk);
	free(s->order);
	free(s->rank);
	free(s->free_ids);
	free(s->size.t);
	free(s->mx.t);
	free(s->blk_of);
}

/* Double the block capacity (and the trees indexed by rank). */
static int os_grow(struct ostack *s)
{
	uint32_t ncap = s->cap * 2;
	struct ohead *nh = realloc(s->head, sizeof(*nh) * ncap);
	struct oblock *nb;
	uint32_t *no, *nr, *nf, *nt, *nm;

	if (!nh)
		return -1;
	s->head = nh;
	nb = realloc(s->blk, sizeof(*nb) * ncap);
	if (!nb)
		return -1;
	s->blk = nb;
	no = realloc(s->order, sizeof(uint32_t) * ncap);
	if (!no)
		return -1;
	s->order = no;
	nr = realloc(s->rank, sizeof(uint32_t) * ncap);
	if (!nr)
		return -1;
	s->rank = nr;
	nf = realloc(s->free_ids, sizeof(uint32_t) * ncap);
	if (!nf)
		return -1;
	s->free_ids = nf;
	nt = realloc(s->size.t, sizeof(uint32_t) * ((size_t)ncap + 1));
	if (!nt)
		return -1;
	s->size.t = nt;
	nm = realloc(s->mx.t, sizeof(uint32_t) * 2 * (size_t)ncap);
	if (!nm)
		return -1;
	s->mx.t = nm;
	/* The max tree's shape changes with its size: rebuild it whole. */
	memset(s->mx.t, 0, sizeof(uint32_t) * 2 * (size_t)ncap);
	s->mx.size = ncap;
	for (uint32_t i = s->cap; i < ncap; i++)
		s->free_ids[s->nfree++] = i;
	s->cap = ncap;
	os_reindex(s, 0, s->nb);
	return 0;
}

/* The place of position pos (1 .. len: with pos <= len the descent never
 * steps past size.n, whose prefix is len). */
static inline struct ocur os_seek(const struct ostack *s, uint32_t pos)
{
	uint32_t i = 0, rem = pos;

	for (uint32_t step = s->top_step; step; step >>= 1)
		if (s->size.t[i + step] < rem) {
			i += step;
			rem -= s->size.t[i];
		}
	return (struct ocur){ .r = i, .i = rem - 1 };
}

static inline void os_touch(struct ostack *s, uint32_t r)
{
	mt_set(&s->mx, r, s->head[s->order[r]].max);
}

static int os_split(struct ostack *s, uint32_t r)
{
	uint32_t id, old = s->order[r], nb0 = s->nb;
	struct ohead *ha, *hb;
	struct oblock *a, *b;

	if (!s->nfree && os_grow(s))
		return -1;
	id = s->free_ids[--s->nfree];
	ha = &s->head[old];
	hb = &s->head[id];
	a = &s->blk[old];
	b = &s->blk[id];
	hb->n = ha->n - OB;
	memcpy(b->page, a->page + OB, sizeof(uint32_t) * hb->n);
	memcpy(b->key, a->key + OB, sizeof(uint32_t) * hb->n);
	ha->n = OB;
	for (uint32_t i = 0; i < hb->n; i++)
		s->blk_of[b->page[i]] = id;
	ob_stats(ha, a);
	ob_stats(hb, b);
	memmove(s->order + r + 2, s->order + r + 1, sizeof(uint32_t) * (s->nb - r - 1));
	s->order[r + 1] = id;
	s->nb++;
	os_reindex(s, r, nb0);
	return 0;
}

/* Insert page with key at place c (c.i may be the block's size: append). */
static int os_insert_at(struct ostack *s, struct ocur c, uint32_t page, uint32_t key)
{
	uint32_t id = s->order[c.r], idx = c.i;
	struct ohead *h = &s->head[id];
	struct oblock *b = &s->blk[id];

	memmove(b->page + idx + 1, b->page + idx, sizeof(uint32_t) * (h->n - idx));
	memmove(b->key + idx + 1, b->key + idx, sizeof(uint32_t) * (h->n - idx));
	b->page[idx] = page;
	b->key[idx] = key;
	h->n++;
	dm_open(h->dmask, idx);
	ob_fix(h, b, idx);
	ob_fix(h, b, idx + 1);
	ob_ends(h, b);
	if (key > h->max)
		h->max = key;
	s->blk_of[page] = id;
	fen_add(&s->size, c.r + 1, 1);
	os_touch(s, c.r);
	s->len++;
	return h->n == 2 * OB ? os_split(s, c.r) : 0;
}

/* Insert page with key so that it becomes position pos (1 .. len + 1). */
static int os_insert(struct ostack *s, uint32_t pos, uint32_t page, uint32_t key)
{
	struct ocur c;

	if (pos <= s->len) {
		c = os_seek(s, pos);
	} else if (s->len == 0) {
		c = (struct ocur){ 0, 0 };
	} else {
		c = os_seek(s, s->len);
		c.i++;
	}
	return os_insert_at(s, c, page, key);
}

/* Remove the page at place c; give its page and key.  An emptied block
 * leaves the order unless keep is set (the caller refills it at once). */
static void os_remove_at(struct ostack *s, struct ocur c, uint32_t *page, uint32_t *key, bool keep)
{
	uint32_t id = s->order[c.r], idx = c.i;
	struct ohead *h = &s->head[id];
	struct oblock *b = &s->blk[id];

	*page = b->page[idx];
	*key = b->key[idx];
	memmove(b->page + idx, b->page + idx + 1, sizeof(uint32_t) * (h->n - idx - 1));
	memmove(b->key + idx, b->key + idx + 1, sizeof(uint32_t) * (h->n - idx - 1));
	h->n--;
	dm_close(h->dmask, idx);
	ob_fix(h, b, idx);
	ob_ends(h, b);
	if (*key == h->max)
		ob_max(h, b);
	s->blk_of[*page] = NO_BLOCK;
	s->len--;
	if (h->n == 0 && s->nb > 1 && !keep) {
		/* An empty block leaves the order. */
		memmove(s->order + c.r, s->order + c.r + 1, sizeof(uint32_t) * (s->nb - c.r - 1));
		s->nb--;
		s->free_ids[s->nfree++] = id;
		os_reindex(s, c.r, s->nb + 1);
		return;
	}
	fen_add(&s->size, c.r + 1, -1);
	os_touch(s, c.r);
}

/* Give the page at place c a new key. */
static void os_rekey_at(struct ostack *s, struct ocur c, uint32_t key)
{
	uint32_t id = s->order[c.r];
	struct ohead *h = &s->head[id];
	struct oblock *b = &s->blk[id];
	uint32_t old = b->key[c.i];

	b->key[c.i] = key;
	ob_fix(h, b, c.i);
	ob_fix(h, b, c.i + 1);
	ob_ends(h, b);
	if (key >= h->max)
		h->max = key;
	else if (old == h->max)
		ob_max(h, b);
	os_touch(s, c.r);
}

/* Put page with key at place c; give the page and key that were there. */
static void os_replace_at(struct ostack *s, struct ocur c, uint32_t page, uint32_t key,
			  uint32_t *old_page, uint32_t *old_key)
{
	uint32_t id = s->order[c.r];
	struct oblock *b = &s->blk[id];

	*old_page = b->page[c.i];
	*old_key = b->key[c.i];
	s->blk_of[*old_page] = NO_BLOCK;
	b->page[c.i] = page;
	s->blk_of[page] = id;
	os_rekey_at(s, c, key);
}

static inline uint32_t os_position(const struct ostack *s, uint32_t page)
{
	uint32_t id = s->blk_of[page], i = 0;
	const struct oblock *b = &s->blk[id];

	while (b->page[i] != page)
		i++;
	return fen_prefix(&s->size, s->rank[id]) + i + 1;
}

/* First position in [lo, hi] whose key is > x, or 0; its place in *c. */
static uint32_t os_find_above(const struct ostack *s, uint32_t lo, uint32_t hi, uint32_t x,
			      struct ocur *c)
{
	struct ocur at = os_seek(s, lo);
	uint32_t r2, start, id = s->order[at.r];
	const struct oblock *b = &s->blk[id];

	if (s->head[id].max > x)
		for (uint32_t i = at.i; i < s->head[id].n; i++)
			if (b->key[i] > x) {
				*c = (struct ocur){ at.r, i };
				return lo + (i - at.i) <= hi ? lo + (i - at.i) : 0;
			}
	if (at.r + 1 >= s->nb)
		return 0;
	r2 = mt_first_above(&s->mx, at.r + 1, x);
	if (r2 >= s->nb)
		return 0;
	start = fen_prefix(&s->size, r2) + 1;
	if (start > hi)
		return 0;
	id = s->order[r2];
	b = &s->blk[id];
	for (uint32_t i = 0; i < s->head[id].n; i++)
		if (b->key[i] > x) {
			*c = (struct ocur){ r2, i };
			return start + i <= hi ? start + i : 0;
		}
	return 0;
}

/* The last position q in [p, hi] such that keys ascend from p to q, p
 * being at place *c; *c becomes q's place.  Reads block heads only. */
static uint32_t os_run_end(const struct ostack *s, uint32_t p, uint32_t hi, struct ocur *c)
{
	uint32_t r = c->r, i = c->i, q = p;
	const struct ohead *h = &s->head[s->order[r]];

	for (;;) {
		uint32_t e = dm_next(h->dmask, i + 1), last;
		const struct ohead *nx;

		if (e > h->n)
			e = h->n;
		last = e - 1;
		if (last - i >= hi - q) {
			i += hi - q;
			q = hi;
			break;
		}
		q += last - i;
		i = last;
		if (e < h->n || r + 1 >= s->nb)
			break;
		/* The run goes on into the next block if that starts higher. */
		nx = &s->head[s->order[r + 1]];
		if (!nx->n || nx->first <= h->last)
			break;
		r++;
		h = nx;
		i = 0;
		q++;
	}
	*c = (struct ocur){ r, i };
	return q;
}

/*
 * End of the OPT pass: the final depth of every page is its LRU rank.
 * Under the tie rule (among pages never used again, the least recently
 * used goes first) a page x never leaves a cache while a page used less
 * recently than x, and never used again, is still there; so each cache
 * of k frames ends holding the k most recently used pages, which is what
 * depth = recency rank says for every k at once.  Taking the depths from
 * the trace rather than from the priority stack means any method that
 * gives the per-reference distances gives the write-backs too.  One
 * backward scan; a bitmap marks the pages already ranked.
 */
static int opt_final_by_recency(struct curve_acc *a, const struct sweep_input *in)
{
	size_t pages = vpn_space(in->page_shift);
	uint64_t *seen = calloc((pages + 63) / 64, sizeof(uint64_t));
	uint64_t rank = 0;

	if (!seen)
		return vt_error(VT_SOFTWARE, "out of memory for the OPT stack-distance pass");
	for (size_t t = in->n; t-- > 0 && rank < a->V;) {
		uint32_t vpn = ref_vpn(in->refs[t]);
		uint64_t bit = UINT64_C(1) << (vpn & 63);
		if (seen[vpn >> 6] & bit)
			continue;
		seen[vpn >> 6] |= bit;
		acc_final(a, a->dirty[vpn], ++rank);
	}
	free(seen);
	return 0;
}

int stackdist_opt(const struct sweep_input *in, const uint32_t *next_use, const uint64_t *xs,
		  size_t nx, struct sweep_point *pts)
{
	struct curve_acc a;
	struct ostack s;
	size_t pages = vpn_space(in->page_shift);
	int err = acc_init(&a, in, true);

	if (!err && os_init(&s, pages, in->distinct))
		err = vt_error(VT_SOFTWARE, "out of memory for the OPT stack-distance pass");
	if (err)
		goto out;

	/* A page's key is its next use: sooner is a smaller number, a lower
	 * key a higher priority, NEXT_USE_NEVER the lowest.  Pages never used
	 * again tie, and a tie never swaps (keys must be strictly larger);
	 * that is a tie rule of its own, but the distances do not depend on
	 * it (see the top of this file). */
	for (size_t t = 0; t < in->n && !err; t++) {
		uint32_t y = ref_vpn(in->refs[t]);
		uint32_t d = s.blk_of[y] == NO_BLOCK ? 0 : os_position(&s, y);
		uint32_t ykey = next_use[t], carry, ckey;

		acc_ref(&a, &a.dirty[y], d, ref_kind(in->refs[t]) == REF_WRITE);
		if (d == 1) {
			os_rekey_at(&s, (struct ocur){ 0, 0 }, ykey);
			continue;
		}
		if (d == 0)
			d = s.len + 1;        /* a first touch grows the stack */
		else
			os_remove_at(&s, os_seek(&s, d), &carry, &ckey, false);
		if (s.len == 0) {
			err = os_insert(&s, 1, y, ykey);
			continue;
		}
		/* y goes on top; the old top is the carry. */
		os_replace_at(&s, (struct ocur){ 0, 0 }, y, ykey, &carry, &ckey);
		/* Runs of swaps within slots 2 .. d - 1: the carry goes to the
		 * run's first slot, the run sinks one slot, and its last page
		 * (removed first, so that the places found stay valid) is the
		 * next carry. */
		for (uint32_t cur = 2; cur < d;) {
			struct ocur cj, cq;
			uint32_t j = os_find_above(&s, cur, d - 1, ckey, &cj), q, out, okey;

			if (!j)
				break;
			cq = cj;
			q = os_run_end(&s, j, d - 1, &cq);
			os_remove_at(&s, cq, &out, &okey, cq.r == cj.r);
			if ((err = os_insert_at(&s, cj, carry, ckey)))
				break;
			carry = out;
			ckey = okey;
			cur = q + 1;
		}
		if (!err)
			err = os_insert(&s, d, carry, ckey);
	}
	os_release(&s);
	if (err)
		err = vt_error(VT_SOFTWARE, "out of memory for the OPT stack-distance pass");
	else if (!(err = opt_final_by_recency(&a, in)))
		acc_points(&a, in->n, xs, nx, pts);
out:
	acc_release(&a);
	return err;
}
