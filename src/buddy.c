/* buddy.c - a binary buddy allocator over a range of frames (see buddy.h).
 *
 * Theory.  Knowlton's buddy system as Knuth gives it (TAOCP vol. 1, 2.5,
 * "the buddy system", Algorithms R and S): memory is cut into blocks of
 * 2^k units, each aligned to its size, so the block of order k at x has
 * exactly one partner of the same size, its buddy, at x XOR 2^k; the two
 * together are the block of order k+1 at x AND NOT 2^k.  Reserving 2^k
 * takes a free block of the smallest order j >= k and halves it j - k
 * times, keeping one half and giving the other back to the free list of
 * its order; freeing a block joins it with its buddy as long as the buddy
 * is free and of the same size (not itself cut into pieces, some taken),
 * and tries again one order up.
 *
 * Linux's page allocator is the same scheme over page frame numbers
 * (mm/page_alloc.c: __rmqueue_smallest() finds the smallest order with a
 * free block, expand() gives back the upper halves, __free_one_page()
 * merges while the buddy is free and of the same order, up to the top
 * order).  Two differences here.  The block taken is the lowest-numbered
 * free block of any order that fits, not the head of the smallest order's
 * list: so a fresh pool of any size hands out frames 0, 1, 2, ... (the
 * order DESIGN.md gives free frames, which FIFO's and Clock's hands rely
 * on), runs are reproducible, and the allocator is address-ordered first
 * fit, which keeps busy frames low and free ones together (Wilson,
 * Johnstone, Neely and Boles, "Dynamic Storage Allocation: A Survey and
 * Critical Review", 1995, found it among the least fragmenting).  And
 * there are no migrate types or per-CPU lists.
 *
 *     order 3   [0 ............................ 8)
 *     alloc 0:  [0][1] [2 ..  4) [4 ........... 8)   0 taken; 1, 2, 4 free
 *     free 0:   joins 1, then [2, 4), then [4, 8):   [0, 8) free again
 *
 * Alignment is in absolute frame numbers, so a pool that starts at frame
 * 3 has no order-1 block at 3: the buddy of a block whose pair would
 * stick out of [base, end) is never free, and such blocks never merge.
 * At birth the range is cut, from its start, into the largest aligned
 * blocks that fit (order min(ctz(f), BUDDY_MAX_ORDER), lowered until the
 * block ends inside the range), as memblock hands boot memory over.
 *
 * Data structures (sizes for F frames):
 *   - state[F], one byte per frame: the first frame of a block holds its
 *     order and whether it is free or allocated; every other frame holds
 *     ST_TAIL.  Only first frames change on a split or a merge, so both
 *     are O(1) on the bytes; buddy_check() walks the bytes block by block
 *     to prove the blocks tile the range.
 *   - one bitmap per order of the free blocks' first frames, indexed by
 *     (f >> k) - (base >> k); each is a 64-ary tree of words (level 0 the
 *     bits, a bit of level l+1 set when word i of level l is non-zero), so
 *     the lowest free block is found with one ctz per level: 4 levels for
 *     2^20 blocks.  A mask of the orders with a free block picks the
 *     orders that fit with one more ctz each.
 * buddy_alloc() and buddy_release() are therefore O(BUDDY_MAX_ORDER *
 * levels) = O(log F); buddy_split() and freeing a piece of a split block
 * touch one byte per frame of it, as Linux's split_page() touches each
 * struct page.
 *
 * Fragmentation measures (mm/vmstat.c, fill_contig_page_info() and
 * __fragmentation_index(); Gorman and Whitcroft, "The What, The Why and
 * The Where To of Anti-Fragmentation", Ottawa Linux Symposium 2006, for
 * the unusable free space index): with F free frames in B free blocks, of
 * which S blocks of 2^order frames could be carved out of the blocks of
 * order >= `order`,
 *     fragmentation index = -1000 if S > 0, 0 if B = 0, otherwise
 *                           1000 - (1000 + F * 1000 / 2^order) / B
 *     unusable index      = (F - S * 2^order) * 1000 / F
 * all in integer arithmetic, each division truncating, as the kernel
 * computes them.  With S = 0 every free block is smaller than 2^order, so
 * F <= B * 2^(order-1) and the fragmentation index lies in -500 .. 999;
 * it is negative only with a single free block left (B = 1, e.g. one
 * order-1 block and order 2: 1000 - (1000 + 500) / 1 = -500), a value
 * the kernel returns too.  With no free frame at all the kernel's
 * unusable index is 1000 ("no free memory is all unusable"); buddy.h
 * promises 0, and that is what is returned here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buddy.h"

/* state[] bytes.  First frame of a free block: its order (0 .. 10). */
#define ST_USED 0x40u   /* | order: first frame of an allocated block */
#define ST_TAIL 0xffu   /* any other frame of a block, free or allocated */
#define ST_ORDER 0x3fu

/* 64^6 = 2^36 bits: more than any uint32_t range can need. */
#define TREE_LEVELS 6

/* A set of block numbers 0 .. bits-1 with "lowest member" in O(levels). */
struct bittree {
	uint64_t *w[TREE_LEVELS];
	uint32_t nwords[TREE_LEVELS];
	unsigned levels;
	uint32_t bits;
};

struct buddy {
	uint32_t base, end;          /* frames [base, end) */
	uint32_t free_frames;
	uint32_t nr_free[BUDDY_ORDERS];
	uint32_t nonempty;           /* bit k: nr_free[k] > 0 */
	uint32_t first[BUDDY_ORDERS];/* base >> k: block numbers are relative */
	uint32_t initial_blocks;     /* free blocks at birth (for buddy_check) */
	struct bittree tree[BUDDY_ORDERS];
	uint8_t *state;              /* state[f - base] */
	struct buddy_counters c;
};

/* --- the bit trees --------------------------------------------------------- */

static int tree_init(struct bittree *t, uint32_t bits)
{
	uint64_t count = bits, total = 0;
	uint64_t *words;
	unsigned l = 0;

	t->bits = bits;
	do {
		count = (count + 63) / 64;
		t->nwords[l++] = (uint32_t)count;
		total += count;
	} while (count > 1);
	t->levels = l;
	words = calloc(total, sizeof(*words));
	if (!words)
		return -1;
	for (l = 0; l < t->levels; l++) {
		t->w[l] = words;
		words += t->nwords[l];
	}
	return 0;
}

static void tree_release(struct bittree *t)
{
	free(t->w[0]);
	t->w[0] = NULL;
}

static void tree_set(struct bittree *t, uint32_t i)
{
	for (unsigned l = 0; l < t->levels; l++) {
		uint64_t old = t->w[l][i >> 6];

		t->w[l][i >> 6] = old | UINT64_C(1) << (i & 63);
		if (old)
			return;
		i >>= 6;
	}
}

static void tree_clear(struct bittree *t, uint32_t i)
{
	for (unsigned l = 0; l < t->levels; l++) {
		uint64_t now = t->w[l][i >> 6] & ~(UINT64_C(1) << (i & 63));

		t->w[l][i >> 6] = now;
		if (now)
			return;
		i >>= 6;
	}
}

static int tree_test(const struct bittree *t, uint32_t i)
{
	return (int)(t->w[0][i >> 6] >> (i & 63) & 1);
}

/* The lowest member; the tree must not be empty. */
static uint32_t tree_first(const struct bittree *t)
{
	uint32_t i = 0;

	for (unsigned l = t->levels; l-- > 0;)
		i = i * 64 + (uint32_t)__builtin_ctzll(t->w[l][i]);
	return i;
}

/* --- free lists ------------------------------------------------------------ */

static void add_free(struct buddy *b, uint32_t f, unsigned k)
{
	b->state[f - b->base] = (uint8_t)k;
	tree_set(&b->tree[k], (f >> k) - b->first[k]);
	b->nr_free[k]++;
	b->nonempty |= 1u << k;
	b->free_frames += UINT32_C(1) << k;
}

/* Take the free block at f of order k off its list; state[] is the
 * caller's to rewrite. */
static void del_free(struct buddy *b, uint32_t f, unsigned k)
{
	tree_clear(&b->tree[k], (f >> k) - b->first[k]);
	if (--b->nr_free[k] == 0)
		b->nonempty &= ~(1u << k);
	b->free_frames -= UINT32_C(1) << k;
}

/* --- the interface --------------------------------------------------------- */

int buddy_new(struct buddy **out, uint32_t base, uint32_t frames)
{
	struct buddy *b;

	if (frames == 0 || frames > UINT32_MAX - base)
		return -1;
	b = calloc(1, sizeof(*b));
	if (!b)
		return -1;
	b->base = base;
	b->end = base + frames;
	b->state = malloc(frames);
	if (!b->state)
		goto fail;
	memset(b->state, ST_TAIL, frames);
	for (unsigned k = 0; k < BUDDY_ORDERS; k++) {
		b->first[k] = base >> k;
		if (tree_init(&b->tree[k], ((b->end - 1) >> k) - b->first[k] + 1) < 0)
			goto fail;
	}
	for (uint32_t f = base; f < b->end;) {
		unsigned k = f ? (unsigned)__builtin_ctz(f) : BUDDY_MAX_ORDER;

		if (k > BUDDY_MAX_ORDER)
			k = BUDDY_MAX_ORDER;
		while ((UINT32_C(1) << k) > b->end - f)
			k--;
		add_free(b, f, k);
		b->initial_blocks++;
		f += UINT32_C(1) << k;
	}
	*out = b;
	return 0;
fail:
	buddy_free_pool(b);
	return -1;
}

void buddy_free_pool(struct buddy *b)
{
	if (!b)
		return;
	for (unsigned k = 0; k < BUDDY_ORDERS; k++)
		tree_release(&b->tree[k]);
	free(b->state);
	free(b);
}

int buddy_alloc(struct buddy *b, unsigned order, uint32_t *frame)
{
	uint32_t f, orders;
	unsigned k;

	if (order > BUDDY_MAX_ORDER)
		return -1;
	orders = b->nonempty & ~((1u << order) - 1);
	if (!orders) {
		b->c.failures[order]++;
		return -1;
	}
	/* The lowest-numbered block among the orders that fit. */
	k = (unsigned)__builtin_ctz(orders);
	f = ((tree_first(&b->tree[k]) + b->first[k]) << k);
	for (uint32_t rest = orders & (orders - 1); rest; rest &= rest - 1) {
		unsigned o = (unsigned)__builtin_ctz(rest);
		uint32_t g = (tree_first(&b->tree[o]) + b->first[o]) << o;
		if (g < f) {
			f = g;
			k = o;
		}
	}
	del_free(b, f, k);
	/* Halve down to the order asked: the lower half is kept, the upper
	 * half (whose first frame was a tail) becomes a free block. */
	while (k > order) {
		k--;
		add_free(b, f + (UINT32_C(1) << k), k);
		b->c.splits++;
	}
	b->state[f - b->base] = (uint8_t)(ST_USED | order);
	b->c.allocs[order]++;
	*frame = f;
	return 0;
}

void buddy_release(struct buddy *b, uint32_t frame, unsigned order)
{
	uint32_t f = frame;
	unsigned k = order;

	/* A piece of a block cut by buddy_split(): its frames are order-0
	 * blocks of their own until now. */
	if (b->state[f - b->base] != (ST_USED | order))
		memset(b->state + (f - b->base) + 1, ST_TAIL, (UINT32_C(1) << order) - 1);
	b->c.frees[order]++;
	while (k < BUDDY_MAX_ORDER) {
		uint32_t buddy = f ^ (UINT32_C(1) << k);

		if (buddy < b->base || buddy >= b->end || b->state[buddy - b->base] != k)
			break;
		del_free(b, buddy, k);
		b->state[(buddy > f ? buddy : f) - b->base] = ST_TAIL;
		f &= ~(UINT32_C(1) << k);
		k++;
		b->c.merges++;
	}
	add_free(b, f, k);
}

void buddy_split(struct buddy *b, uint32_t frame, unsigned order)
{
	memset(b->state + (frame - b->base), ST_USED | 0, UINT32_C(1) << order);
}

void buddy_info(const struct buddy *b, uint32_t out[BUDDY_ORDERS])
{
	memcpy(out, b->nr_free, sizeof(b->nr_free));
}

uint32_t buddy_free_frames(const struct buddy *b)
{
	return b->free_frames;
}

uint32_t buddy_base(const struct buddy *b)
{
	return b->base;
}

uint32_t buddy_size(const struct buddy *b)
{
	return b->end - b->base;
}

const struct buddy_counters *buddy_counters(const struct buddy *b)
{
	return &b->c;
}

/* Free blocks of any order, and how many blocks of 2^order frames the free
 * blocks of order >= `order` hold (fill_contig_page_info()'s numbers). */
static void contig_info(const struct buddy *b, unsigned order, uint64_t *blocks,
			uint64_t *suitable)
{
	*blocks = 0;
	*suitable = 0;
	for (unsigned k = 0; k < BUDDY_ORDERS; k++) {
		*blocks += b->nr_free[k];
		if (k >= order)
			*suitable += (uint64_t)b->nr_free[k] << (k - order);
	}
}

int buddy_frag_index(const struct buddy *b, unsigned order)
{
	uint64_t blocks, suitable;

	if (order > BUDDY_MAX_ORDER)
		return 0;
	contig_info(b, order, &blocks, &suitable);
	if (!blocks)
		return 0;
	if (suitable)
		return -1000;
	return 1000 - (int)((1000 + (uint64_t)b->free_frames * 1000 / (UINT64_C(1) << order)) /
			    blocks);
}

int buddy_unusable_index(const struct buddy *b, unsigned order)
{
	uint64_t blocks, suitable;

	if (!b->free_frames)
		return 0;
	if (order > BUDDY_MAX_ORDER)
		return 1000;
	contig_info(b, order, &blocks, &suitable);
	return (int)(((uint64_t)b->free_frames - (suitable << order)) * 1000 / b->free_frames);
}

/* --- buddy_check ----------------------------------------------------------- */

#define FAIL(...) do { if (why && len) snprintf(why, len, __VA_ARGS__); return -1; } while (0)

/* Level l+1 of a tree says which words of level l are non-zero; no bit of
 * level 0 is set past the last block. */
static int tree_check(const struct bittree *t, unsigned k, char *why, unsigned len)
{
	for (unsigned l = 0; l + 1 < t->levels; l++)
		for (uint32_t i = 0; i < t->nwords[l]; i++)
			if (!!t->w[l][i] != ((t->w[l + 1][i >> 6] >> (i & 63)) & 1))
				FAIL("order %u: summary level %u bit %u is wrong", k, l + 1, i);
	if ((t->bits & 63) && t->w[0][t->nwords[0] - 1] >> (t->bits & 63))
		FAIL("order %u: bits set past block %u", k, t->bits - 1);
	return 0;
}

bool buddy_frame_free(const struct buddy *b, uint32_t frame)
{
	/* The block holding frame starts at frame rounded down to its order:
	 * a free one has its order in that first byte. */
	for (unsigned k = 0; k <= BUDDY_MAX_ORDER; k++) {
		uint32_t head = frame & ~((UINT32_C(1) << k) - 1);
		unsigned st;
		if (head < b->base)
			break;
		st = b->state[head - b->base];
		if (st != ST_TAIL)
			return !(st & ST_USED) && head + (UINT32_C(1) << (st & ST_ORDER)) > frame;
	}
	return false;
}

int buddy_check(const struct buddy *b, char *why, unsigned len)
{
	uint32_t nr[BUDDY_ORDERS] = { 0 }, free_frames = 0, nonempty = 0;
	uint64_t tree_bits[BUDDY_ORDERS] = { 0 };
	uint64_t blocks = 0, used = 0, given = 0, taken = 0;

	/* The blocks tile [base, end): a first frame, then tails. */
	for (uint32_t f = b->base; f < b->end;) {
		unsigned s = b->state[f - b->base], k = s & ST_ORDER;
		uint32_t size = UINT32_C(1) << k;

		if (s == ST_TAIL || k > BUDDY_MAX_ORDER || (s & ~(ST_USED | ST_ORDER)))
			FAIL("frame %u: no block starts here (state 0x%02x)", f, s);
		if (f & (size - 1))
			FAIL("frame %u: block of order %u not aligned", f, k);
		if (size > b->end - f)
			FAIL("frame %u: block of order %u runs past frame %u", f, k, b->end - 1);
		for (uint32_t g = f + 1; g < f + size; g++)
			if (b->state[g - b->base] != ST_TAIL)
				FAIL("frame %u: inside the block at %u of order %u, yet state 0x%02x",
				     g, f, k, b->state[g - b->base]);
		if (s & ST_USED) {
			used += size;
		} else {
			uint32_t bud = f ^ size;

			if (!tree_test(&b->tree[k], (f >> k) - b->first[k]))
				FAIL("frame %u: free block of order %u not in its bitmap", f, k);
			if (k < BUDDY_MAX_ORDER && bud >= b->base && bud < b->end &&
			    b->state[bud - b->base] == k)
				FAIL("frames %u and %u: free buddies of order %u not merged",
				     f < bud ? f : bud, f < bud ? bud : f, k);
			nr[k]++;
			free_frames += size;
		}
		f += size;
	}
	for (unsigned k = 0; k < BUDDY_ORDERS; k++) {
		const struct bittree *t = &b->tree[k];

		if (tree_check(t, k, why, len) < 0)
			return -1;
		for (uint32_t i = 0; i < t->nwords[0]; i++)
			tree_bits[k] += (uint64_t)__builtin_popcountll(t->w[0][i]);
		if (tree_bits[k] != nr[k])
			FAIL("order %u: %llu bits in the bitmap, %u free blocks", k,
			     (unsigned long long)tree_bits[k], nr[k]);
		if (b->nr_free[k] != nr[k])
			FAIL("order %u: count says %u free blocks, there are %u", k,
			     b->nr_free[k], nr[k]);
		if (nr[k])
			nonempty |= 1u << k;
		blocks += nr[k];
		taken += b->c.allocs[k];
		given += b->c.frees[k];
		used -= (b->c.allocs[k] - b->c.frees[k]) << k;
	}
	if (b->nonempty != nonempty)
		FAIL("mask of non-empty orders 0x%x, should be 0x%x", b->nonempty, nonempty);
	if (b->free_frames != free_frames)
		FAIL("free-frame count %u, free blocks hold %u", b->free_frames, free_frames);
	/* Every frame allocated was counted out, and every block exists
	 * because of a split or the initial cut. */
	if (used)
		FAIL("allocation counters disagree with %u allocated frames",
		     b->end - b->base - free_frames);
	if (b->initial_blocks + b->c.splits - b->c.merges - taken + given != blocks)
		FAIL("%llu free blocks; the counters account for %llu", (unsigned long long)blocks,
		     (unsigned long long)(b->initial_blocks + b->c.splits - b->c.merges - taken +
					  given));
	return 0;
}
