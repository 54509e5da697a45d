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
 *   the last carry fills depth d.  Done slot by slot that is O(d) a
 *   reference (~5,200 on the benchmark trace).  Here the stack is cut into
 *   runs where next use ascends, and a run is kept as a sorted set rather
 *   than as slots: y, used now, has the smallest key of all, so it is the
 *   first page of its run and its depth is 1 + the sizes of the runs above;
 *   in a run the swaps are a suffix, so a run either passes the carry on
 *   untouched or takes it in and gives up its largest key.  The benchmark
 *   stack has about 65 runs; a reference reads about 21 of them and
 *   changes about 3.6.  Pages never used again tie; the tie is broken by
 *   page number, and which of them a cache holds changes no later hit, so
 *   the distances are those of any tie rule.  Not done here: Bilardi,
 *   Ekanadham and Pattnaik ("Optimal on-line computation of stack
 *   distances for MIN and OPT", Computing Frontiers 2017) state an
 *   O(log V) per access method; with few runs this one is close to it in
 *   practice, but a trace whose stack has many runs costs O(runs above).
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

/* --- OPT: the priority stack as a few ascending runs ------------------ */

/*
 * Cut the OPT stack, top to bottom, into runs: stretches where the key
 * (next use) ascends.  Three facts make that cheap.
 *
 *   - The page referenced at time t has key t, smaller than every other
 *     page's (all are used later or never), so it is the first page of
 *     its run: its depth is 1 + the sizes of the runs above its run, and
 *     taking it out is taking a run's smallest key.
 *   - Within a run every page is larger than the ones before it, so the
 *     swaps there are a suffix of the run: the carry goes in where its key
 *     belongs and the run's largest key comes out as the next carry, or,
 *     if the run's largest key is below the carry, nothing happens.  The
 *     top run gives up its largest key as the first carry; the last carry
 *     is larger than everything above it and ends its run.
 *   - So a run only needs its pages in key order, not their slots: it is
 *     a sorted multiset with "smallest out", "largest out" and "insert".
 *
 * A run is a list of blocks of up to RB sorted entries (entry = key << 32
 * | page, so pages never used again, key NEXT_USE_NEVER, tie-break by page
 * number: a tie rule of its own; see the top of this file).  Runs only
 * grow at the top (when the referenced page's next use is later than the
 * top run's first) and vanish when emptied.  On the benchmark trace there
 * are about 65 runs (at most 90), a reference passes about 22 of them and
 * changes about 3.6, and 84% of the insertions land within 8 entries of a
 * run's end.  Cost: O(runs above + changed runs x (RB + log blocks)) per
 * reference; the runs above are read from one small array.  Worst case
 * (every page its own run) this is Mattson's O(depth).
 */
#define RB 64
#define NO_RUN UINT32_MAX
#define OPT_AHEAD 16           /* references between a prefetch and its use */

struct rblock {
	uint32_t len;
	uint64_t e[RB];           /* ascending */
};

struct orun {
	uint64_t max;             /* largest entry; 0 when empty */
	uint32_t n;               /* entries */
	uint32_t nb, cap;         /* blocks, room in blk[] and bmax[] */
	uint32_t *blk;            /* block indices, ascending */
	uint64_t *bmax;           /* bmax[i]: the last entry of block blk[i] */
};

/* Per page: its run and its dirty threshold, side by side so that a
 * reference touches one cache line for both. */
struct opage {
	uint32_t run;             /* run id, or NO_RUN */
	uint32_t dirty;
};

struct oruns {
	struct rblock *pool;
	uint32_t *free_blk;
	uint32_t npool, pool_cap, nfree_blk;
	struct orun *run;         /* by run id */
	uint32_t *free_run;
	uint32_t nruns, nfree_run;
	/* The runs by rank, bottom of the stack first (runs are only made at
	 * the top): id, entries and largest entry, side by side so that a
	 * reference reads the runs above its page from three small arrays. */
	uint32_t *rk_id, *rk_n;
	uint64_t *rk_max;
	uint32_t nord;
	struct opage *pg;         /* per vpn */
};

static inline uint32_t ent_page(uint64_t e)
{
	return (uint32_t)e;
}

static int or_init(struct oruns *s, size_t pages, uint64_t distinct)
{
	size_t most = (size_t)distinct + 2;

	memset(s, 0, sizeof(*s));
	s->pool_cap = 64;
	s->pool = malloc(sizeof(*s->pool) * s->pool_cap);
	s->free_blk = malloc(sizeof(uint32_t) * s->pool_cap);
	/* At most one run per page, and one being made. */
	s->run = calloc(most, sizeof(*s->run));
	s->free_run = malloc(sizeof(uint32_t) * most);
	s->rk_id = malloc(sizeof(uint32_t) * most);
	s->rk_n = malloc(sizeof(uint32_t) * most);
	s->rk_max = malloc(sizeof(uint64_t) * most);
	s->pg = malloc(sizeof(*s->pg) * pages);
	if (!s->pool || !s->free_blk || !s->run || !s->free_run || !s->rk_id || !s->rk_n ||
	    !s->rk_max || !s->pg)
		return -1;
	for (size_t p = 0; p < pages; p++)
		s->pg[p] = (struct opage){ .run = NO_RUN, .dirty = NEVER_DIRTY };
	return 0;
}

static void or_release(struct oruns *s)
{
	for (uint32_t i = 0; s->run && i < s->nruns; i++) {
		free(s->run[i].blk);
		free(s->run[i].bmax);
	}
	free(s->pool);
	free(s->free_blk);
	free(s->run);
	free(s->free_run);
	free(s->rk_id);
	free(s->rk_n);
	free(s->rk_max);
	free(s->pg);
}

static int blk_new(struct oruns *s, uint32_t *out)
{
	if (s->nfree_blk) {
		*out = s->free_blk[--s->nfree_blk];
		return 0;
	}
	if (s->npool == s->pool_cap) {
		uint32_t ncap = s->pool_cap * 2;
		struct rblock *np = realloc(s->pool, sizeof(*np) * ncap);
		uint32_t *nf;
		if (!np)
			return -1;
		s->pool = np;
		nf = realloc(s->free_blk, sizeof(uint32_t) * ncap);
		if (!nf)
			return -1;
		s->free_blk = nf;
		s->pool_cap = ncap;
	}
	*out = s->npool++;
	return 0;
}

/* Room for one more block in run r's list. */
static int run_room(struct orun *r)
{
	if (r->nb < r->cap)
		return 0;
	uint32_t ncap = r->cap ? r->cap * 2 : 8;
	uint32_t *nb = realloc(r->blk, sizeof(uint32_t) * ncap);
	uint64_t *nm;
	if (!nb)
		return -1;
	r->blk = nb;
	nm = realloc(r->bmax, sizeof(uint64_t) * ncap);
	if (!nm)
		return -1;
	r->bmax = nm;
	r->cap = ncap;
	return 0;
}

/* Drop block i of run r (it is empty). */
static void run_drop_block(struct oruns *s, struct orun *r, uint32_t i)
{
	s->free_blk[s->nfree_blk++] = r->blk[i];
	memmove(r->blk + i, r->blk + i + 1, sizeof(uint32_t) * (r->nb - i - 1));
	memmove(r->bmax + i, r->bmax + i + 1, sizeof(uint64_t) * (r->nb - i - 1));
	r->nb--;
	r->max = r->nb ? r->bmax[r->nb - 1] : 0;
}

static inline uint64_t run_min(const struct oruns *s, const struct orun *r)
{
	return s->pool[r->blk[0]].e[0];
}

static uint64_t run_pop_min(struct oruns *s, struct orun *r)
{
	struct rblock *b = &s->pool[r->blk[0]];
	uint64_t x = b->e[0];

	memmove(b->e, b->e + 1, sizeof(uint64_t) * (b->len - 1));
	b->len--;
	r->n--;
	if (!b->len)
		run_drop_block(s, r, 0);
	return x;
}

static uint64_t run_pop_max(struct oruns *s, struct orun *r)
{
	uint32_t i = r->nb - 1;
	struct rblock *b = &s->pool[r->blk[i]];
	uint64_t x = b->e[--b->len];

	r->n--;
	if (!b->len) {
		run_drop_block(s, r, i);
	} else {
		r->bmax[i] = b->e[b->len - 1];
		r->max = r->bmax[i];
	}
	return x;
}

/* The first of a[0 .. n) above x, for ascending a with a[n - 1] > x; a
 * binary search without branches on the data (they would mispredict half
 * the time: the searches are the pass's hot spot). */
static inline uint32_t first_above(const uint64_t *a, uint32_t n, uint64_t x)
{
	const uint64_t *b = a;

	while (n > 1) {
		uint32_t half = n / 2;
		b = b[half - 1] <= x ? b + half : b;
		n -= half;
	}
	return (uint32_t)(b - a);
}

/* Put entry x (not in the run) into run id in key order. */
static int run_insert(struct oruns *s, uint32_t id, uint64_t x)
{
	struct orun *r = &s->run[id];
	struct rblock *b;
	uint32_t i, at;

	s->pg[ent_page(x)].run = id;
	r->n++;
	if (r->nb == 0) {
		if (run_room(r) || blk_new(s, &at))
			return -1;
		s->pool[at].len = 1;
		s->pool[at].e[0] = x;
		r->blk[0] = at;
		r->bmax[0] = x;
		r->nb = 1;
		r->max = x;
		return 0;
	}
	/* The first block whose last entry is above x, else the last. */
	i = x > r->max ? r->nb - 1 : first_above(r->bmax, r->nb, x);
	b = &s->pool[r->blk[i]];
	if (b->len == RB) {
		/* Split: the upper half goes to a new block after it. */
		uint32_t nbk;
		if (run_room(r) || blk_new(s, &nbk))
			return -1;
		b = &s->pool[r->blk[i]];   /* the pool may have moved */
		memcpy(s->pool[nbk].e, b->e + RB / 2, sizeof(uint64_t) * (RB / 2));
		s->pool[nbk].len = RB / 2;
		b->len = RB / 2;
		memmove(r->blk + i + 2, r->blk + i + 1, sizeof(uint32_t) * (r->nb - i - 1));
		memmove(r->bmax + i + 2, r->bmax + i + 1, sizeof(uint64_t) * (r->nb - i - 1));
		r->blk[i + 1] = nbk;
		r->bmax[i + 1] = r->bmax[i];
		r->bmax[i] = b->e[RB / 2 - 1];
		r->nb++;
		if (x > r->bmax[i]) {
			i++;
			b = &s->pool[nbk];
		}
	}
	at = b->len && b->e[b->len - 1] > x ? first_above(b->e, b->len, x) : b->len;
	memmove(b->e + at + 1, b->e + at, sizeof(uint64_t) * (b->len - at));
	b->e[at] = x;
	b->len++;
	if (at == b->len - 1) {
		r->bmax[i] = x;
		if (i == r->nb - 1)
			r->max = x;
	}
	return 0;
}

/* Copy run id's size and largest entry to rank k. */
static inline void rank_sync(struct oruns *s, uint32_t k, uint32_t id)
{
	s->rk_n[k] = s->run[id].n;
	s->rk_max[k] = s->run[id].max;
}

/* A new run, empty, on top of the stack; its id. */
static uint32_t run_new_top(struct oruns *s)
{
	uint32_t id = s->nfree_run ? s->free_run[--s->nfree_run] : s->nruns++;

	s->run[id].n = 0;
	s->run[id].nb = 0;
	s->run[id].max = 0;
	s->rk_id[s->nord] = id;
	rank_sync(s, s->nord, id);
	s->nord++;
	return id;
}

/* Take the run at rank k out of the order if it is empty. */
static void run_retire(struct oruns *s, uint32_t k)
{
	uint32_t id = s->rk_id[k], above = s->nord - k - 1;

	if (s->run[id].n)
		return;
	s->free_run[s->nfree_run++] = id;
	memmove(s->rk_id + k, s->rk_id + k + 1, sizeof(uint32_t) * above);
	memmove(s->rk_n + k, s->rk_n + k + 1, sizeof(uint32_t) * above);
	memmove(s->rk_max + k, s->rk_max + k + 1, sizeof(uint64_t) * above);
	s->nord--;
}

/*
 * One reference to page y, whose entry (next use << 32 | y) is ent: its
 * distance (0: a first touch) in *dist, and the stack updated.  Ranks count
 * down from the top run, nord - 1; one pass over the runs above y's run
 * both sums their sizes and moves the carry along.
 */
static int opt_step(struct oruns *s, uint32_t y, uint64_t ent, uint64_t *dist)
{
	uint32_t ry = s->pg[y].run, top = s->nord - 1, k, id;
	int err = 0;

	*dist = 0;
	if (s->nord && s->rk_id[top] == ry) {
		/* On top already: the top run's first page. */
		*dist = 1;
		run_pop_min(s, &s->run[ry]);
		rank_sync(s, top, ry);
		run_retire(s, top);
	} else if (s->nord) {
		uint64_t above = s->rk_n[top], carry;

		id = s->rk_id[top];
		carry = run_pop_max(s, &s->run[id]);
		rank_sync(s, top, id);
		/* k ends at y's run, or wraps past rank 0 on a first touch. */
		for (k = top; k-- > 0 && !err;) {
			id = s->rk_id[k];
			if (id == ry)
				break;
			above += s->rk_n[k];
			if (s->rk_max[k] > carry) {
				uint64_t out = run_pop_max(s, &s->run[id]);
				err = run_insert(s, id, carry);
				rank_sync(s, k, id);
				carry = out;
			}
		}
		if (err)
			return err;
		/* The last carry is larger than all above it: it ends the run
		 * just above y's place. */
		id = s->rk_id[k + 1];
		if ((err = run_insert(s, id, carry)))
			return err;
		rank_sync(s, k + 1, id);
		run_retire(s, top);
		if (ry != NO_RUN) {
			*dist = above + 1;
			run_pop_min(s, &s->run[ry]);
			rank_sync(s, k, ry);
			run_retire(s, k);
		}
	}
	/* y on top: first of the top run if it comes before that run's first
	 * page, else a run of its own. */
	if (s->nord && run_min(s, &s->run[s->rk_id[s->nord - 1]]) > ent) {
		id = s->rk_id[s->nord - 1];
	} else {
		id = run_new_top(s);
	}
	err = run_insert(s, id, ent);
	rank_sync(s, s->nord - 1, id);
	return err;
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
static int opt_final_by_recency(struct curve_acc *a, const struct sweep_input *in,
				const struct opage *pg)
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
		acc_final(a, pg[vpn].dirty, ++rank);
	}
	free(seen);
	return 0;
}

int stackdist_opt(const struct sweep_input *in, const uint32_t *next_use, const uint64_t *xs,
		  size_t nx, struct sweep_point *pts)
{
	struct curve_acc a;
	struct oruns s = { 0 };
	size_t pages = vpn_space(in->page_shift);
	int err = acc_init(&a, in, false);

	if (!err && or_init(&s, pages, in->distinct))
		err = vt_error(VT_SOFTWARE, "out of memory for the OPT stack-distance pass");
	if (err)
		goto out;

	for (size_t t = 0; t < in->n && !err; t++) {
		uint32_t y = ref_vpn(in->refs[t]);
		uint64_t d;

		/* The page table is too big for L2: fetch a later page's early. */
		if (t + OPT_AHEAD < in->n)
			__builtin_prefetch(&s.pg[ref_vpn(in->refs[t + OPT_AHEAD])]);

		err = opt_step(&s, y, (uint64_t)next_use[t] << 32 | y, &d);
		acc_ref(&a, &s.pg[y].dirty, d, ref_kind(in->refs[t]) == REF_WRITE);
	}
	if (err)
		err = vt_error(VT_SOFTWARE, "out of memory for the OPT stack-distance pass");
	else if (!(err = opt_final_by_recency(&a, in, s.pg)))
		acc_points(&a, in->n, xs, nx, pts);
out:
	or_release(&s);
	acc_release(&a);
	return err;
}
