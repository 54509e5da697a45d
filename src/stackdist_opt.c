/* stackdist_opt.c - the whole OPT (Belady's MIN) fault curve in one pass.
 *
 * Mattson, Gecsei, Slutz and Traiger (1970): OPT is a stack algorithm
 * with priority = next use, sooner is higher.  A reference to y at depth d
 * puts y on top; the old top becomes the "carry"; going down slots
 * 2 .. d - 1, a page used later than the carry swaps with it (that page is
 * what OPT with that many frames evicts); the last carry fills depth d.
 * Done slot by slot that is O(d) a reference, about 5,200 on the
 * benchmark trace.
 *
 * Here the stack is cut, top to bottom, into runs: stretches where the key
 * (next use) ascends.  Three facts make that cheap.
 *   - The page referenced at time t has key t, smaller than every other
 *     page's (all are used later or never), so it is the first page of
 *     its run: its depth is 1 + the sizes of the runs above its run, and
 *     taking it out is taking a run's smallest key.
 *   - Within a run every page is larger than the ones before it, so the
 *     swaps there are a suffix of the run: the carry goes in where its key
 *     belongs and the run's largest key comes out as the next carry, or,
 *     if the run's largest key is below the carry, nothing happens.  The
 *     top run gives up its largest key as the first carry; the last carry
 *     is larger than everything above y and ends the run just above y's
 *     place.
 *   - So a run needs its pages in key order only, not their slots: it is
 *     a sorted set with "smallest out", "largest out" and "insert".
 * Runs are made only at the top (when y's next use comes after the top
 * run's first page: a run of one, kept without a block) and go when they
 * empty.  On the benchmark trace the stack has about 65 runs, a reference
 * reads about 21 of them and changes about 3.6, and 84% of the insertions
 * land in a run's last block.  Cost: O(runs above + changed runs x (RB +
 * log blocks)) a reference; at worst (every page a run of its own) that
 * is Mattson's O(d).  Bilardi, Ekanadham and Pattnaik ("Optimal on-line
 * computation of stack distances for MIN and OPT", Computing Frontiers
 * 2017) state an O(log V) method, not done here.
 *
 * Entries are key << 32 | page.  Pages never used again (key
 * NEXT_USE_NEVER) tie; the page number breaks the tie, which is a tie rule
 * of its own, and which of them a cache holds changes no later hit, so the
 * distances are those of any tie rule.
 *
 * The final depth of every page, for the write-backs (curve_acc.h), is its
 * LRU rank: see opt_final_by_recency.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "curve_acc.h"
#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "policy.h"
#include "ref.h"
#include "sweep.h"

#define RB 64                  /* entries a block holds */
#define HOLE (UINT32_MAX - 1)  /* a rank whose run has gone */
#define NO_KEY NEXT_USE_NEVER  /* never the time of a reference */
#define NO_BLOCK UINT32_MAX
#define OPT_AHEAD 16           /* references between a prefetch and its use */

struct rblock {
	uint32_t len;
	uint64_t e[RB];            /* ascending */
};

/* A run of one entry keeps it in `one` (nb == 0); a longer one in blocks. */
struct orun {
	uint64_t one;
	uint32_t n;                /* entries */
	uint32_t nb, cap;          /* blocks, room in blk[] and bmax[] */
	uint32_t *blk;             /* block indices, ascending */
	uint64_t *bmax;            /* bmax[i]: the last entry of block blk[i].
				    * The last block's may be stale (too
				    * large: a swap from the rank alone
				    * lowers that block's largest without
				    * the run); run_max reads the block, and
				    * first_above never reads a[n - 1]. */
};

/* A rank: what the walk down the stack reads of a run, in one place. */
struct rslot {
	uint64_t max;              /* largest entry; 0 when empty or a hole */
	uint64_t prevmax;          /* the largest entry before the last block
				    * (0 when there is none) */
	uint32_t n;
	uint32_t id;               /* run id, or HOLE */
	uint32_t minkey;           /* the key of the smallest entry; NO_KEY
				    * when empty or a hole */
	uint32_t lb;               /* the last block, or NO_BLOCK (none) */
};

struct oruns {
	struct rblock *pool;
	uint32_t *free_blk;
	uint32_t npool, pool_cap, nfree_blk;
	struct orun *run;          /* by run id */
	uint32_t *free_run;
	uint32_t nruns, nfree_run;
	/* Ranks, bottom of the stack first (runs are made on top).  A run
	 * that empties leaves a hole (no entries, never the largest) until
	 * the next reference begins; holes on top are dropped at once. */
	struct rslot *rk;
	uint32_t nrk, holes;
	uint32_t *dirty;           /* per vpn: dirty threshold (curve_acc.h) */
};

static inline uint32_t ent_page(uint64_t e)
{
	return (uint32_t)e;
}

static int or_init(struct oruns *s, size_t pages, uint64_t distinct)
{
	/* At most one run per page, and one being made. */
	size_t most = (size_t)distinct + 2;

	memset(s, 0, sizeof(*s));
	s->pool_cap = 64;
	s->pool = malloc(sizeof(*s->pool) * s->pool_cap);
	s->free_blk = malloc(sizeof(uint32_t) * s->pool_cap);
	s->run = calloc(most, sizeof(*s->run));
	s->free_run = malloc(sizeof(uint32_t) * most);
	/* Holes are squeezed out as each reference begins and at most two
	 * appear in one, so the ranks never outnumber the runs by more. */
	s->rk = malloc(sizeof(*s->rk) * (most + 2));
	s->dirty = malloc(sizeof(uint32_t) * pages);
	if (!s->pool || !s->free_blk || !s->run || !s->free_run || !s->rk || !s->dirty)
		return -1;
	for (size_t p = 0; p < pages; p++)
		s->dirty[p] = NEVER_DIRTY;
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
	free(s->rk);
	free(s->dirty);
}

/* --- a run: a sorted set in blocks ------------------------------------ */

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
	uint32_t ncap, *nb;
	uint64_t *nm;

	if (r->nb < r->cap)
		return 0;
	ncap = r->cap ? r->cap * 2 : 8;
	nb = realloc(r->blk, sizeof(uint32_t) * ncap);
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

static inline uint64_t run_max(const struct oruns *s, const struct orun *r)
{
	const struct rblock *b;

	if (!r->nb)
		return r->n ? r->one : 0;
	b = &s->pool[r->blk[r->nb - 1]];
	return b->e[b->len - 1];
}

static inline uint64_t run_min(const struct oruns *s, const struct orun *r)
{
	return r->nb ? s->pool[r->blk[0]].e[0] : r->one;
}

/* Drop block i of run r (it is empty). */
static void run_drop_block(struct oruns *s, struct orun *r, uint32_t i)
{
	s->free_blk[s->nfree_blk++] = r->blk[i];
	memmove(r->blk + i, r->blk + i + 1, sizeof(uint32_t) * (r->nb - i - 1));
	memmove(r->bmax + i, r->bmax + i + 1, sizeof(uint64_t) * (r->nb - i - 1));
	r->nb--;
}

static uint64_t run_pop_min(struct oruns *s, struct orun *r)
{
	struct rblock *b;
	uint64_t x;

	r->n--;
	if (!r->nb)
		return r->one;
	b = &s->pool[r->blk[0]];
	x = b->e[0];
	b->len--;
	memmove(b->e, b->e + 1, sizeof(uint64_t) * b->len);
	if (!b->len)
		run_drop_block(s, r, 0);
	return x;
}

static uint64_t run_pop_max(struct oruns *s, struct orun *r)
{
	uint32_t i = r->nb - 1;
	struct rblock *b;
	uint64_t x;

	r->n--;
	if (!r->nb)
		return r->one;
	b = &s->pool[r->blk[i]];
	x = b->e[--b->len];
	if (!b->len)
		run_drop_block(s, r, i);
	else
		r->bmax[i] = b->e[b->len - 1];
	return x;
}

/* The first of a[0 .. n) above x, for ascending a with a[n - 1] > x. */
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

/* Move e[at .. end) up one place.  The moves are mostly a few entries
 * long, where a library call costs more than the copy. */
static inline void shift_up(uint64_t *e, uint32_t at, uint32_t end)
{
	if (end - at > 8) {
		memmove(e + at + 1, e + at, sizeof(uint64_t) * (end - at));
		return;
	}
	for (uint32_t j = end; j > at; j--)
		e[j] = e[j - 1];
}

/* Split full block i of run r: its upper half goes to a new block after
 * it. */
static int run_split(struct oruns *s, struct orun *r, uint32_t i)
{
	uint32_t nbk;
	struct rblock *b;

	if (run_room(r) || blk_new(s, &nbk))
		return -1;
	b = &s->pool[r->blk[i]];   /* blk_new may have moved the pool */
	memcpy(s->pool[nbk].e, b->e + RB / 2, sizeof(uint64_t) * (RB / 2));
	s->pool[nbk].len = RB / 2;
	b->len = RB / 2;
	memmove(r->blk + i + 2, r->blk + i + 1, sizeof(uint32_t) * (r->nb - i - 1));
	memmove(r->bmax + i + 2, r->bmax + i + 1, sizeof(uint64_t) * (r->nb - i - 1));
	r->blk[i + 1] = nbk;
	r->bmax[i + 1] = s->pool[nbk].e[RB / 2 - 1];
	r->bmax[i] = b->e[RB / 2 - 1];
	r->nb++;
	return 0;
}

/* A run of one becomes a block of one. */
static int run_to_block(struct oruns *s, struct orun *r)
{
	uint32_t at;

	if (run_room(r) || blk_new(s, &at))
		return -1;
	s->pool[at].len = 1;
	s->pool[at].e[0] = r->one;
	r->blk[0] = at;
	r->bmax[0] = r->one;
	r->nb = 1;
	return 0;
}

/* Put entry x (not in the run) into run id in key order. */
static int run_insert(struct oruns *s, uint32_t id, uint64_t x)
{
	struct orun *r = &s->run[id];
	struct rblock *b;
	uint32_t i, at;

	if (r->n == 0 && r->nb == 0) {
		r->one = x;
		r->n = 1;
		return 0;
	}
	if (r->nb == 0 && run_to_block(s, r))
		return -1;
	r->n++;
	/* The first block whose last entry is above x, else the last. */
	i = x > run_max(s, r) ? r->nb - 1 : first_above(r->bmax, r->nb, x);
	if (s->pool[r->blk[i]].len == RB) {
		if (run_split(s, r, i))
			return -1;
		if (x > r->bmax[i])
			i++;
	}
	b = &s->pool[r->blk[i]];
	at = b->len && b->e[b->len - 1] > x ? first_above(b->e, b->len, x) : b->len;
	shift_up(b->e, at, b->len);
	b->e[at] = x;
	b->len++;
	if (at == b->len - 1)
		r->bmax[i] = x;
	return 0;
}

/* Run id takes x, larger than all its entries, as its last. */
static int run_push_max(struct oruns *s, uint32_t id, uint64_t x)
{
	struct orun *r = &s->run[id];
	struct rblock *b;

	if (!r->nb)
		return run_insert(s, id, x);
	b = &s->pool[r->blk[r->nb - 1]];
	if (b->len == RB)
		return run_insert(s, id, x);
	r->n++;
	b->e[b->len++] = x;
	r->bmax[r->nb - 1] = x;
	return 0;
}

/* Block b takes x, which belongs in it and is below its largest entry,
 * and gives up that largest entry, in *out. */
static inline void block_swap_max(struct rblock *b, uint64_t x, uint64_t *out)
{
	uint32_t at = first_above(b->e, b->len, x);

	*out = b->e[b->len - 1];
	shift_up(b->e, at, b->len - 1);
	b->e[at] = x;
}

/* Run id takes x (below its largest entry) and gives up its largest, in
 * *out: one swap of the chain.  The run's size does not change, and
 * mostly x belongs in the last block, where this is one shift. */
static int run_swap_max(struct oruns *s, uint32_t id, uint64_t x, uint64_t *out)
{
	struct orun *r = &s->run[id];
	struct rblock *b;
	uint32_t last;

	if (!r->nb) {
		*out = r->one;
		r->one = x;
		return 0;
	}
	last = r->nb - 1;
	b = &s->pool[r->blk[last]];
	if (last && x < r->bmax[last - 1]) {
		/* x belongs in an earlier block: take the largest out first. */
		r->n--;
		*out = b->e[--b->len];
		if (!b->len)
			run_drop_block(s, r, last);
		else
			r->bmax[last] = b->e[b->len - 1];
		return run_insert(s, id, x);
	}
	block_swap_max(b, x, out);
	r->bmax[last] = b->e[b->len - 1];
	return 0;
}

/* --- ranks ------------------------------------------------------------- */

/* Copy to rank k what the walk reads of run id. */
static inline void rank_sync(struct oruns *s, uint32_t k, uint32_t id)
{
	const struct orun *r = &s->run[id];

	s->rk[k].n = r->n;
	s->rk[k].max = run_max(s, r);
	s->rk[k].minkey = r->n ? (uint32_t)(run_min(s, r) >> 32) : NO_KEY;
	s->rk[k].lb = r->nb ? r->blk[r->nb - 1] : NO_BLOCK;
	s->rk[k].prevmax = r->nb > 1 ? r->bmax[r->nb - 2] : 0;
}

/* Squeeze the holes out of the ranks. */
static void rank_compact(struct oruns *s)
{
	uint32_t w = 0;

	for (uint32_t k = 0; k < s->nrk; k++)
		if (s->rk[k].id != HOLE)
			s->rk[w++] = s->rk[k];
	s->nrk = w;
	s->holes = 0;
}

/* A new run, empty, on top of the stack; its id. */
static uint32_t run_new_top(struct oruns *s)
{
	uint32_t id = s->nfree_run ? s->free_run[--s->nfree_run] : s->nruns++;

	s->run[id].n = 0;
	s->run[id].nb = 0;
	s->rk[s->nrk++] = (struct rslot){ .id = id, .minkey = NO_KEY, .lb = NO_BLOCK };
	return id;
}

/* The run at rank k goes if it is empty. */
static void run_retire(struct oruns *s, uint32_t k)
{
	uint32_t id = s->rk[k].id;

	if (s->run[id].n)
		return;
	s->free_run[s->nfree_run++] = id;
	s->rk[k] = (struct rslot){ .id = HOLE, .minkey = NO_KEY, .lb = NO_BLOCK };
	s->holes++;
	while (s->nrk && s->rk[s->nrk - 1].id == HOLE) {
		s->nrk--;
		s->holes--;
	}
}

/*
 * One reference, at time t, to the page whose entry (next use << 32 |
 * page) is ent: its distance (0: a first touch) in *dist, and the stack
 * updated.  The page's entry in the stack has key t, which no other entry
 * has, and is its run's smallest: so its run is the one whose smallest
 * key is t, and no page needs to know its run.  One walk down the ranks
 * above that run both sums their sizes and moves the carry along.
 */
static int opt_step(struct oruns *s, uint32_t t, uint64_t ent, uint64_t *dist)
{
	uint32_t top = s->nrk - 1, k, id;
	int err;

	/* Holes cost every later walk a step each, and appear only when a
	 * run below the top empties (about one reference in 30 on the
	 * benchmark): squeeze them out at once, here, before any rank is
	 * held. */
	if (s->holes) {
		rank_compact(s);
		top = s->nrk - 1;
	}
	*dist = 0;
	if (s->nrk && s->rk[top].minkey == t) {
		/* On top already: the top run's first page. */
		*dist = 1;
		id = s->rk[top].id;
		run_pop_min(s, &s->run[id]);
		rank_sync(s, top, id);
		run_retire(s, top);
	} else if (s->nrk) {
		uint64_t above = s->rk[top].n, carry;
		uint32_t last;

		id = s->rk[top].id;
		carry = run_pop_max(s, &s->run[id]);
		rank_sync(s, top, id);
		/* k ends at the page's run, or wraps past rank 0 on a first
		 * touch. */
		for (k = top; k-- > 0;) {
			struct rslot *r = &s->rk[k];
			if (r->minkey == t)
				break;
			above += r->n;
			if (r->max > carry) {
				uint64_t out;
				if (r->lb != NO_BLOCK && carry > r->prevmax) {
					/* The usual swap: inside the last block, from
					 * the rank alone (run_swap_max's common case). */
					struct rblock *b = &s->pool[r->lb];
					block_swap_max(b, carry, &out);
					r->max = b->e[b->len - 1];
				} else {
					if ((err = run_swap_max(s, r->id, carry, &out)))
						return err;
					rank_sync(s, k, r->id);
				}
				/* The carry may be the run's new smallest. */
				if ((uint32_t)(carry >> 32) < r->minkey)
					r->minkey = (uint32_t)(carry >> 32);
				carry = out;
			}
		}
		/* The last carry is larger than everything above the page: it
		 * ends the run just above the page's place (the top one at
		 * worst, emptied or not; no rank is a hole during a walk). */
		last = k + 1;
		id = s->rk[last].id;
		if ((err = run_push_max(s, id, carry)))
			return err;
		rank_sync(s, last, id);
		if (k != UINT32_MAX) {
			*dist = above + 1;
			id = s->rk[k].id;
			run_pop_min(s, &s->run[id]);
			rank_sync(s, k, id);
		}
		/* The top first: dropping holes on top stops at the page's run. */
		run_retire(s, top);
		if (k != UINT32_MAX)
			run_retire(s, k);
	}
	/* The page on top: first of the top run if it comes before that run's
	 * first page, else a run of its own. */
	if (s->nrk && run_min(s, &s->run[s->rk[s->nrk - 1].id]) > ent)
		id = s->rk[s->nrk - 1].id;
	else
		id = run_new_top(s);
	err = run_insert(s, id, ent);
	rank_sync(s, s->nrk - 1, id);
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
 * gives the per-reference distances gives the write-backs too (and the
 * write-backs do not depend on the tie rule: pages never used again go
 * before any other, and which of them goes changes no later hit or fault).
 * One backward scan; a bitmap marks the pages already ranked.
 */
static int opt_final_by_recency(struct curve_acc *a, const struct sweep_input *in,
				const uint32_t *dirty)
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
		acc_final(a, dirty[vpn], ++rank);
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
	int err = acc_init(&a, in);

	if (!err && or_init(&s, pages, in->distinct))
		err = vt_error(VT_SOFTWARE, "out of memory for the OPT stack-distance pass");
	for (size_t t = 0; t < in->n && !err; t++) {
		uint32_t y = ref_vpn(in->refs[t]);
		uint64_t d;

		/* The page table is too big for L2: fetch a later page's early. */
		if (t + OPT_AHEAD < in->n)
			__builtin_prefetch(&s.dirty[ref_vpn(in->refs[t + OPT_AHEAD])]);
		if (opt_step(&s, (uint32_t)t, (uint64_t)next_use[t] << 32 | y, &d))
			err = vt_error(VT_SOFTWARE, "out of memory for the OPT stack-distance pass");
		else
			acc_ref(&a, &s.dirty[y], d, ref_kind(in->refs[t]) == REF_WRITE);
	}
	if (!err && !(err = opt_final_by_recency(&a, in, s.dirty)))
		acc_points(&a, in->n, xs, nx, pts);
	or_release(&s);
	acc_release(&a);
	return err;
}
