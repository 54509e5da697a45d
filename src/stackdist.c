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
 *   distinct pages used since the page's previous use.  A Fenwick tree over
 *   use times, one mark at each page's latest use, counts them in
 *   O(log n); times are renumbered (compacted) when the tree fills.
 *
 *   OPT (Belady's MIN): priority = next use, sooner is higher, and among
 *   pages never used again the more recently used is higher.  The stack
 *   is kept in fixed slots 1..V.  A reference to y at slot d puts y in
 *   slot 1; the old top becomes the "carry"; going down, a slot whose page
 *   is used later than the carry's swaps with it (that page is what OPT
 *   with that many frames evicts); the last carry fills slot d.  A segment
 *   tree of next-use times over the slots finds the next swap in O(log V),
 *   so a reference costs O(log V) per swap instead of O(d).
 *
 * Write-backs for every k: between two references to a page, the page only
 * sinks, so it leaves each cache k < d exactly once and is written back
 * there if it was dirty in that cache.  A page is dirty in cache k exactly
 * for k >= D (its dirty threshold): a write sets D = 1; a read found at
 * distance d reloads it clean in caches below d, so D = max(D, d).  Each
 * reference adds one write-back to every k in [D, d - 1] (a difference
 * array), and at the end of the trace every page adds [D, f - 1] for its
 * final depth f.  Nothing is flushed at the end, as in a replay.
 */
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
	uint32_t *dirty;      /* per vpn: dirty threshold D, or NEVER_DIRTY */
};

static int acc_init(struct curve_acc *a, const struct sweep_input *in)
{
	size_t pages = vpn_space(in->page_shift);

	memset(a, 0, sizeof(*a));
	a->V = in->distinct;
	a->hist = calloc(a->V + 2, sizeof(*a->hist));
	a->wb = calloc(a->V + 2, sizeof(*a->wb));
	a->dirty = malloc(sizeof(*a->dirty) * pages);
	if (!a->hist || !a->wb || !a->dirty)
		return vt_error(VT_SOFTWARE, "out of memory for a stack-distance pass");
	for (size_t p = 0; p < pages; p++)
		a->dirty[p] = NEVER_DIRTY;
	return 0;
}

static void acc_release(struct curve_acc *a)
{
	free(a->hist);
	free(a->wb);
	free(a->dirty);
}

/* A reference to vpn found at distance d (0: first touch). */
static inline void acc_ref(struct curve_acc *a, uint32_t vpn, uint64_t d, int write)
{
	uint32_t D = a->dirty[vpn];

	if (d == 0) {
		a->cold++;
		a->dirty[vpn] = write ? 1 : NEVER_DIRTY;
		return;
	}
	a->hist[d]++;
	if (D < d) {
		a->wb[D]++;
		a->wb[d]--;
	}
	a->dirty[vpn] = write ? 1 : (D < d ? (uint32_t)d : D);
}

/* At the end of the trace vpn sits at depth f. */
static inline void acc_final(struct curve_acc *a, uint32_t vpn, uint64_t f)
{
	uint32_t D = a->dirty[vpn];

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

/* Build from 0/1 marks in O(n). */
static void fen_build(struct fenwick *f, const uint32_t *at)
{
	for (uint32_t i = 1; i <= f->n; i++)
		f->t[i] = at[i] != NO_PAGE;
	for (uint32_t i = 1; i <= f->n; i++) {
		uint32_t j = i + (i & -i);
		if (j <= f->n)
			f->t[j] += f->t[i];
	}
}

int stackdist_lru(const struct sweep_input *in, const uint64_t *xs, size_t nx,
		  struct sweep_point *pts)
{
	struct curve_acc a;
	struct fenwick fen = { 0 };
	uint32_t *pos = NULL, *at = NULL;   /* vpn -> time slot, slot -> vpn */
	uint32_t next = 1, marks = 0;
	size_t pages = vpn_space(in->page_shift);
	int err = acc_init(&a, in);

	/* Twice the live marks: a compaction frees at least half the slots. */
	fen.n = (uint32_t)(2 * in->distinct + 1024);
	fen.t = calloc((size_t)fen.n + 1, sizeof(uint32_t));
	pos = calloc(pages, sizeof(uint32_t));
	at = malloc(sizeof(uint32_t) * ((size_t)fen.n + 1));
	if (!err && (!fen.t || !pos || !at))
		err = vt_error(VT_SOFTWARE, "out of memory for the LRU stack-distance pass");
	if (err)
		goto out;
	for (uint32_t i = 0; i <= fen.n; i++)
		at[i] = NO_PAGE;

	for (size_t t = 0; t < in->n; t++) {
		uint32_t vpn = ref_vpn(in->refs[t]);
		uint32_t p = pos[vpn];
		uint64_t d = 0;

		if (next > fen.n) {
			/* Renumber the live marks 1..marks, in order. */
			uint32_t k = 0;
			for (uint32_t i = 1; i <= fen.n; i++) {
				if (at[i] == NO_PAGE)
					continue;
				at[++k] = at[i];
				pos[at[k]] = k;
			}
			for (uint32_t i = k + 1; i <= fen.n; i++)
				at[i] = NO_PAGE;
			fen_build(&fen, at);
			next = k + 1;
			p = pos[vpn];
		}
		if (p) {
			d = 1 + marks - fen_prefix(&fen, p);
			fen_add(&fen, p, -1);
			at[p] = NO_PAGE;
		} else {
			marks++;
		}
		acc_ref(&a, vpn, d, ref_kind(in->refs[t]) == REF_WRITE);
		pos[vpn] = next;
		at[next] = vpn;
		fen_add(&fen, next, 1);
		next++;
	}
	/* Final depths: the latest mark is depth 1. */
	{
		uint64_t depth = 0;
		for (uint32_t i = next; i-- > 1;)
			if (at[i] != NO_PAGE)
				acc_final(&a, at[i], ++depth);
	}
	acc_points(&a, in->n, xs, nx, pts);
out:
	acc_release(&a);
	free(fen.t);
	free(pos);
	free(at);
	return err;
}

/* --- OPT: priority stack in fixed slots, segment tree of next uses ---- */

struct maxtree {
	uint64_t *t;     /* t[1] root; leaves t[size + i] for slot i */
	uint32_t size;
};

static inline void mt_set(struct maxtree *m, uint32_t slot, uint64_t v)
{
	uint32_t i = slot + m->size;

	m->t[i] = v;
	for (i >>= 1; i >= 1; i >>= 1) {
		uint64_t a = m->t[2 * i], b = m->t[2 * i + 1];
		uint64_t mx = a > b ? a : b;
		if (m->t[i] == mx)
			break;
		m->t[i] = mx;
	}
}

/* First slot >= lo whose value is > x, or UINT32_MAX. */
static inline uint32_t mt_first_above(const struct maxtree *m, uint32_t lo, uint64_t x)
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

int stackdist_opt(const struct sweep_input *in, const uint32_t *next_use, const uint64_t *xs,
		  size_t nx, struct sweep_point *pts)
{
	struct curve_acc a;
	struct maxtree mt = { 0 };
	uint32_t *slot_of = NULL, *page_at = NULL;
	uint64_t *prio = NULL;
	uint32_t depth = 0;    /* slots in use */
	size_t pages = vpn_space(in->page_shift);
	int err = acc_init(&a, in);

	/* Slots 1..V (slot 0 unused); a power of two of leaves. */
	for (mt.size = 2; mt.size < in->distinct + 2; mt.size *= 2)
		;
	mt.t = calloc(2 * (size_t)mt.size, sizeof(uint64_t));
	slot_of = calloc(pages, sizeof(uint32_t));
	page_at = malloc(sizeof(uint32_t) * mt.size);
	prio = malloc(sizeof(uint64_t) * pages);
	if (!err && (!mt.t || !slot_of || !page_at || !prio))
		err = vt_error(VT_SOFTWARE, "out of memory for the OPT stack-distance pass");
	if (err)
		goto out;

	/* A page's key: its next use in the high half (sooner is a smaller
	 * number, NEXT_USE_NEVER the largest), and among pages never used
	 * again the one used least recently is the larger (the OPT tie rule,
	 * policy/opt.c).  A larger key is a lower priority.  Empty leaves hold
	 * 0 and never match a search. */
	for (size_t t = 0; t < in->n; t++) {
		uint32_t y = ref_vpn(in->refs[t]);
		uint32_t d = slot_of[y];
		uint32_t carry, cur;

		acc_ref(&a, y, d, ref_kind(in->refs[t]) == REF_WRITE);
		if (d == 0)
			d = ++depth;          /* a first touch grows the stack */
		prio[y] = (uint64_t)next_use[t] << 32 | (uint32_t)(UINT32_MAX - t);
		if (d == 1) {
			/* Already on top (or the very first page): only its
			 * priority changes. */
			page_at[1] = y;
			slot_of[y] = 1;
			mt_set(&mt, 1, prio[y]);
			continue;
		}
		carry = page_at[1];
		page_at[1] = y;
		slot_of[y] = 1;
		mt_set(&mt, 1, prio[y]);
		for (cur = 2; cur < d;) {
			uint32_t j = mt_first_above(&mt, cur, prio[carry]);
			uint32_t out;
			if (j >= d)
				break;
			/* The page in slot j is used later than the carry: a
			 * cache of j frames evicts it and keeps the carry. */
			out = page_at[j];
			page_at[j] = carry;
			slot_of[carry] = j;
			mt_set(&mt, j, prio[carry]);
			carry = out;
			cur = j + 1;
		}
		page_at[d] = carry;
		slot_of[carry] = d;
		mt_set(&mt, d, prio[carry]);
	}
	for (uint32_t s = 1; s <= depth; s++)
		acc_final(&a, page_at[s], s);
	acc_points(&a, in->n, xs, nx, pts);
out:
	acc_release(&a);
	free(mt.t);
	free(slot_of);
	free(page_at);
	free(prio);
	return err;
}
