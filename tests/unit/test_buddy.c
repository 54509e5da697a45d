/* test_buddy.c - the buddy allocator (src/buddy.c) against buddy.h.
 *
 * Hand-checked states first: the order a fresh pool hands frames out in,
 * split and merge counts, /proc/buddyinfo columns after given sequences,
 * pools that do not start or end on a 2^10 boundary, order-10 blocks, and
 * both fragmentation indexes worked out on paper.  Then a randomized run
 * against a model that shares nothing with src/buddy.c: one byte per frame
 * (taken or not), from which the free blocks of a buddy allocator that
 * always merges are derived directly -- they are the aligned blocks of
 * order <= 10, inside the pool, all of whose frames are free, whose parent
 * block is not (or which are of order 10).  The model therefore knows
 * which block every allocation must return and what buddyinfo must say.
 */
#include "buddy.h"
#include "helpers.h"

#define WHY_LEN 200

static struct buddy *pool(uint32_t base, uint32_t frames)
{
	struct buddy *b = NULL;

	cr_assert_eq(buddy_new(&b, base, frames), 0, "buddy_new(%u, %u)", base, frames);
	cr_assert_not_null(b);
	return b;
}

static void checked(const struct buddy *b, const char *after)
{
	char why[WHY_LEN] = "";

	cr_assert_eq(buddy_check(b, why, sizeof(why)), 0, "after %s: %s", after, why);
}

static uint32_t take(struct buddy *b, unsigned order)
{
	uint32_t f = UINT32_MAX;

	cr_assert_eq(buddy_alloc(b, order, &f), 0, "order %u should succeed", order);
	checked(b, "alloc");
	return f;
}

static void give(struct buddy *b, uint32_t frame, unsigned order)
{
	buddy_release(b, frame, order);
	checked(b, "release");
}

/* buddyinfo must read exactly want[0..10]. */
static void expect_info(const struct buddy *b, const uint32_t want[BUDDY_ORDERS], const char *when)
{
	uint32_t got[BUDDY_ORDERS];
	char gs[128] = "", ws[128] = "";

	buddy_info(b, got);
	for (unsigned k = 0; k < BUDDY_ORDERS; k++) {
		snprintf(gs + strlen(gs), sizeof(gs) - strlen(gs), " %u", got[k]);
		snprintf(ws + strlen(ws), sizeof(ws) - strlen(ws), " %u", want[k]);
	}
	cr_expect_str_eq(gs, ws, "buddyinfo %s", when);
}

#define INFO(...) ((const uint32_t[BUDDY_ORDERS]){ __VA_ARGS__ })

/* --- hand-checked cases ---------------------------------------------------- */

Test(buddy, fresh_16_frame_pool_hands_out_0_1_2_in_order)
{
	struct buddy *b = pool(0, 16);
	const struct buddy_counters *c = buddy_counters(b);
	uint32_t f;

	checked(b, "buddy_new");
	expect_info(b, INFO(0, 0, 0, 0, 1), "fresh");
	cr_expect_eq(buddy_free_frames(b), 16);
	cr_expect_eq(buddy_base(b), 0);
	cr_expect_eq(buddy_size(b), 16);
	for (uint32_t i = 0; i < 16; i++)
		cr_expect_eq(take(b, 0), i);
	/* One block became sixteen: fifteen halvings. */
	cr_expect_eq(c->splits, 15);
	cr_expect_eq(c->allocs[0], 16);
	cr_expect_eq(buddy_free_frames(b), 0);
	f = 12345;
	cr_expect_eq(buddy_alloc(b, 0, &f), -1);
	cr_expect_eq(f, 12345, "a failed allocation leaves *frame alone");
	cr_expect_eq(c->failures[0], 1);
	checked(b, "failure");
	for (uint32_t i = 0; i < 16; i++)
		give(b, i, 0);
	cr_expect_eq(c->merges, 15);
	cr_expect_eq(c->frees[0], 16);
	expect_info(b, INFO(0, 0, 0, 0, 1), "all freed");
	buddy_free_pool(b);
}

Test(buddy, buddyinfo_follows_a_sequence_of_allocations_and_frees)
{
	struct buddy *b = pool(0, 16);
	const struct buddy_counters *c = buddy_counters(b);

	cr_expect_eq(take(b, 0), 0);
	expect_info(b, INFO(1, 1, 1, 1, 0), "alloc 0: 1, 2-3, 4-7, 8-15 free");
	cr_expect_eq(c->splits, 4);
	cr_expect_eq(take(b, 1), 2);
	expect_info(b, INFO(1, 0, 1, 1, 0), "alloc 2-3");
	cr_expect_eq(take(b, 0), 1);
	expect_info(b, INFO(0, 0, 1, 1, 0), "alloc 1");
	cr_expect_eq(c->splits, 4, "no halving when a block of the order is free");
	give(b, 0, 0);
	expect_info(b, INFO(1, 0, 1, 1, 0), "free 0: buddy 1 taken");
	cr_expect_eq(c->merges, 0);
	give(b, 1, 0);
	expect_info(b, INFO(0, 1, 1, 1, 0), "free 1: 0-1 merged, 2-3 taken");
	cr_expect_eq(c->merges, 1);
	give(b, 2, 1);
	expect_info(b, INFO(0, 0, 0, 0, 1), "free 2-3: merged up to 0-15");
	cr_expect_eq(c->merges, 4);
	cr_expect_eq(c->frees[0], 2);
	cr_expect_eq(c->frees[1], 1);
	cr_expect_eq(c->allocs[1], 1);
	buddy_free_pool(b);
}

Test(buddy, takes_the_lowest_block_of_any_order_that_fits)
{
	struct buddy *b = pool(0, 16);

	for (uint32_t i = 0; i < 16; i++)
		take(b, 0);
	for (uint32_t i = 4; i < 8; i++)
		give(b, i, 0);
	give(b, 13, 0);
	give(b, 9, 0);
	expect_info(b, INFO(2, 0, 1, 0, 0), "4-7, 9 and 13 free");
	/* The order-2 block at 4 is lower than the order-0 blocks 9 and 13:
	 * it is halved, 4 is taken, 5 and 6-7 stay free. */
	cr_expect_eq(take(b, 0), 4);
	expect_info(b, INFO(3, 1, 0, 0, 0), "after halving 4-7");
	/* Order 1: 6-7 is the only block that fits. */
	cr_expect_eq(take(b, 1), 6);
	cr_expect_eq(take(b, 0), 5);
	cr_expect_eq(take(b, 0), 9);
	cr_expect_eq(take(b, 0), 13);
	cr_expect_eq(buddy_free_frames(b), 0);
	buddy_free_pool(b);
}

Test(buddy, an_unaligned_pool_starts_as_the_largest_aligned_blocks)
{
	/* [3, 16): 3 alone, 4-7, 8-15. */
	struct buddy *b = pool(3, 13);
	uint32_t f;

	checked(b, "buddy_new(3, 13)");
	expect_info(b, INFO(1, 0, 1, 1), "base 3, 13 frames");
	cr_expect_eq(buddy_free_frames(b), 13);
	cr_expect_eq(take(b, 0), 3);
	cr_expect_eq(take(b, 0), 4);
	expect_info(b, INFO(1, 1, 0, 1), "4-7 halved");
	cr_expect_eq(take(b, 3), 8);
	cr_expect_eq(buddy_alloc(b, 3, &f), -1, "only 5-7 left");
	cr_expect_eq(buddy_alloc(b, 2, &f), -1);
	cr_expect_eq(take(b, 1), 6);
	give(b, 3, 0);
	expect_info(b, INFO(2, 0, 0, 0), "3 free: its buddy 2 is not in the pool");
	give(b, 4, 0);
	give(b, 6, 1);
	give(b, 8, 3);
	expect_info(b, INFO(1, 0, 1, 1), "all freed");
	cr_expect_eq(buddy_counters(b)->failures[3], 1);
	cr_expect_eq(buddy_counters(b)->failures[2], 1);
	buddy_free_pool(b);
}

Test(buddy, a_pool_far_from_zero_is_cut_at_its_alignments)
{
	/* [1000, 3000): 1000-1007 (o3), 1008-1023 (o4), 1024-2047 (o10),
	 * then 2048 + 512 + 256 + 128 + 32 + 16 + 8 = 3000. */
	struct buddy *b = pool(1000, 2000);

	checked(b, "buddy_new(1000, 2000)");
	expect_info(b, INFO(0, 0, 0, 2, 2, 1, 0, 1, 1, 1, 1), "base 1000, 2000 frames");
	cr_expect_eq(take(b, 10), 1024);
	cr_expect_eq(take(b, 0), 1000);
	cr_expect_eq(take(b, 4), 1008);
	/* 2048-2559 is the lowest block left that fits: it is halved. */
	cr_expect_eq(take(b, 4), 2048);
	give(b, 1024, 10);
	give(b, 1000, 0);
	give(b, 1008, 4);
	give(b, 2048, 4);
	expect_info(b, INFO(0, 0, 0, 2, 2, 1, 0, 1, 1, 1, 1), "all freed");
	buddy_free_pool(b);
}

Test(buddy, order_10_blocks_succeed_and_fail)
{
	struct buddy *b = pool(0, 2048);
	struct buddy *odd = pool(0, 2047);
	struct buddy *off = pool(1, 2046);
	uint32_t f;

	cr_expect_eq(take(b, 10), 0);
	cr_expect_eq(take(b, 10), 1024);
	cr_expect_eq(buddy_alloc(b, 10, &f), -1);
	cr_expect_eq(buddy_counters(b)->failures[10], 1);
	give(b, 0, 10);
	give(b, 1024, 10);
	expect_info(b, INFO(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2), "two order-10 blocks never merge");
	cr_expect_eq(buddy_counters(b)->merges, 0);

	expect_info(odd, INFO(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), "2047 frames");
	cr_expect_eq(take(odd, 10), 0);
	cr_expect_eq(buddy_alloc(odd, 10, &f), -1, "1023 frames left, none in a 1024-block");

	/* [1, 2047): 1, 2-3, ..., 512-1023, then 1024-1535, ..., 2046. */
	expect_info(off, INFO(2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0), "base 1, 2046 frames");
	cr_expect_eq(buddy_alloc(off, 10, &f), -1, "2046 free frames, no order-10 block");
	cr_expect_eq(buddy_alloc(off, 11, &f), -1, "orders above 10 are refused");
	cr_expect_eq(buddy_counters(off)->failures[10], 1);
	checked(off, "failures");
	buddy_free_pool(b);
	buddy_free_pool(odd);
	buddy_free_pool(off);
}

Test(buddy, split_blocks_are_freed_piece_by_piece)
{
	static const uint32_t order[] = { 5, 3, 0, 7, 1, 6, 2, 4 };
	struct buddy *b = pool(0, 16);
	uint32_t f = take(b, 3);

	cr_expect_eq(f, 0);
	buddy_split(b, 0, 3);
	checked(b, "split");
	cr_expect_eq(buddy_counters(b)->splits, 1, "buddy_split is not a halving");
	for (size_t i = 0; i < ARRAY_LEN(order); i++)
		give(b, order[i], 0);
	expect_info(b, INFO(0, 0, 0, 0, 1), "all eight pieces freed");

	cr_expect_eq(take(b, 3), 0);
	buddy_split(b, 0, 3);
	give(b, 4, 2);
	expect_info(b, INFO(0, 0, 1, 1, 0), "4-7 back");
	give(b, 2, 1);
	expect_info(b, INFO(0, 1, 1, 1, 0), "2-3 back, 0 and 1 still taken");
	give(b, 1, 0);
	give(b, 0, 0);
	expect_info(b, INFO(0, 0, 0, 0, 1), "all back");
	/* The counters account for 8 frames out and 8 back in. */
	cr_expect_eq(buddy_counters(b)->frees[0], 8 + 2);
	cr_expect_eq(buddy_counters(b)->frees[1], 1);
	cr_expect_eq(buddy_counters(b)->frees[2], 1);
	buddy_free_pool(b);
}

Test(buddy, check_reports_a_double_free)
{
	struct buddy *b = pool(0, 16);
	char why[WHY_LEN] = "";

	take(b, 0);
	take(b, 0);
	give(b, 1, 0);
	buddy_release(b, 1, 0);
	cr_expect_eq(buddy_check(b, why, sizeof(why)), -1);
	cr_expect_neq(why[0], '\0', "a reason is given");
	cr_expect_eq(buddy_check(b, NULL, 0), -1, "no room for a reason is fine");
	buddy_free_pool(b);
}

Test(buddy, refuses_empty_and_overflowing_ranges)
{
	struct buddy *b = NULL;

	cr_expect_eq(buddy_new(&b, 0, 0), -1);
	cr_expect_eq(buddy_new(&b, UINT32_MAX - 3, 4), -1);
	cr_expect_null(b);
	cr_assert_eq(buddy_new(&b, UINT32_MAX - 4, 4), 0);
	checked(b, "a pool at the top of the frame numbers");
	expect_info(b, INFO(2, 1), "frames 2^32-5 .. 2^32-2: 1, 2, 1");
	buddy_free_pool(b);
	buddy_free_pool(NULL);
}

/* --- the fragmentation indexes --------------------------------------------- */

Test(buddy, frag_index_is_minus_1000_with_a_suitable_block_and_0_with_none_free)
{
	struct buddy *b = pool(0, 16);

	for (unsigned k = 0; k <= 4; k++)
		cr_expect_eq(buddy_frag_index(b, k), -1000, "order %u", k);
	cr_expect_eq(buddy_frag_index(b, 5), 1000 - (1000 + 16000 / 32) / 1);
	cr_expect_eq(buddy_frag_index(b, 11), 0, "order past the top");
	for (unsigned k = 0; k <= 4; k++)
		cr_expect_eq(buddy_unusable_index(b, k), 0, "order %u", k);
	cr_expect_eq(buddy_unusable_index(b, 5), 1000);
	cr_expect_eq(buddy_unusable_index(b, 11), 1000);
	for (int i = 0; i < 16; i++)
		take(b, 0);
	for (unsigned k = 0; k <= BUDDY_MAX_ORDER; k++) {
		cr_expect_eq(buddy_frag_index(b, k), 0, "nothing free, order %u", k);
		cr_expect_eq(buddy_unusable_index(b, k), 0, "nothing free, order %u", k);
	}
	buddy_free_pool(b);
}

Test(buddy, indexes_of_eight_scattered_free_frames)
{
	struct buddy *b = pool(0, 16);

	for (int i = 0; i < 16; i++)
		take(b, 0);
	for (uint32_t i = 0; i < 16; i += 2)
		give(b, i, 0);
	expect_info(b, INFO(8), "the even frames");
	cr_expect_eq(buddy_frag_index(b, 0), -1000);
	/* 1000 - (1000 + 8000 / 2^k) / 8 */
	cr_expect_eq(buddy_frag_index(b, 1), 375);
	cr_expect_eq(buddy_frag_index(b, 2), 625);
	cr_expect_eq(buddy_frag_index(b, 3), 750);
	cr_expect_eq(buddy_frag_index(b, 4), 813, "1500 / 8 truncates to 187");
	cr_expect_eq(buddy_unusable_index(b, 0), 0);
	cr_expect_eq(buddy_unusable_index(b, 1), 1000);
	buddy_free_pool(b);
}

Test(buddy, indexes_truncate_as_the_kernel_does)
{
	/* [0, 4) with 0 taken: 1 (o0) and 2-3 (o1) free: F = 3, B = 2. */
	struct buddy *b = pool(0, 4);

	take(b, 0);
	cr_expect_eq(buddy_frag_index(b, 1), -1000);
	cr_expect_eq(buddy_frag_index(b, 2), 125, "1000 - (1000 + 750) / 2");
	cr_expect_eq(buddy_frag_index(b, 3), 313, "1000 - (1000 + 375) / 2, 687.5 truncated");
	cr_expect_eq(buddy_unusable_index(b, 0), 0);
	cr_expect_eq(buddy_unusable_index(b, 1), 333, "1 of 3 free frames unusable");
	cr_expect_eq(buddy_unusable_index(b, 2), 1000);
	buddy_free_pool(b);
}

Test(buddy, frag_index_goes_negative_with_one_small_block_left)
{
	/* [0, 2) with 0 taken: a single free frame. */
	struct buddy *b = pool(0, 2);

	take(b, 0);
	cr_expect_eq(buddy_frag_index(b, 1), -500, "1000 - (1000 + 500) / 1");
	cr_expect_eq(buddy_frag_index(b, 2), -250);
	cr_expect_eq(buddy_frag_index(b, 10), 0, "1000 - (1000 + 0) / 1");
	buddy_free_pool(b);
}

Test(buddy, indexes_of_a_pool_without_an_order_10_block)
{
	/* [1, 2047): two blocks of each order 0 .. 9: F = 2046, B = 20. */
	struct buddy *b = pool(1, 2046);

	cr_expect_eq(buddy_frag_index(b, 10), 851, "1000 - (1000 + 1998) / 20");
	cr_expect_eq(buddy_frag_index(b, 9), -1000);
	cr_expect_eq(buddy_unusable_index(b, 10), 1000);
	cr_expect_eq(buddy_unusable_index(b, 9), 499, "(2046 - 1024) * 1000 / 2046");
	cr_expect_eq(buddy_unusable_index(b, 1), 0, "(2046 - 2 * 1022) * 1000 / 2046 = 0.97");
	cr_expect_eq(buddy_unusable_index(b, 2), 2 * 3 * 1000 / 2046, "frames in o0, o1 blocks");
	buddy_free_pool(b);
}

/* --- a 2^20-frame pool ----------------------------------------------------- */

Test(buddy, a_full_size_pool_hands_out_every_frame_in_order)
{
	struct buddy *b = pool(0, MAX_FRAMES);
	uint32_t f;

	for (uint32_t i = 0; i < MAX_FRAMES / 1024; i++)
		cr_assert_eq(take(b, 10), i * 1024);
	cr_expect_eq(buddy_alloc(b, 0, &f), -1);
	for (uint32_t i = 0; i < MAX_FRAMES / 1024; i++)
		buddy_release(b, i * 1024, 10);
	checked(b, "order-10 round");
	for (uint32_t i = 0; i < MAX_FRAMES; i++) {
		cr_assert_eq(buddy_alloc(b, 0, &f), 0);
		if (f != i)
			cr_assert_fail("allocation %u returned frame %u", i, f);
	}
	checked(b, "every frame taken");
	for (uint32_t i = MAX_FRAMES; i-- > 0;)
		buddy_release(b, i, 0);
	checked(b, "every frame back");
	expect_info(b, INFO(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, MAX_FRAMES / 1024), "all back");
	cr_expect_eq(buddy_counters(b)->splits, MAX_FRAMES - MAX_FRAMES / 1024);
	cr_expect_eq(buddy_counters(b)->merges, MAX_FRAMES - MAX_FRAMES / 1024);
	buddy_free_pool(b);
}

/* --- randomized, against the model ---------------------------------------- */

/* rng_next(), rng_below(): helpers.h */

struct piece {
	uint32_t frame;
	unsigned order;
	bool whole;          /* as buddy_alloc returned it, not yet split */
};

struct model {
	uint32_t base, end;
	uint8_t *taken;      /* taken[f - base] */
	uint32_t *prefix;    /* prefix[i]: free frames among base .. base+i-1 */
	struct piece *live;
	size_t nlive;
};

static void model_sums(struct model *m)
{
	m->prefix[0] = 0;
	for (uint32_t i = 0; i < m->end - m->base; i++)
		m->prefix[i + 1] = m->prefix[i] + !m->taken[i];
}

/* Every frame of the aligned block at s of order k is in the pool and free. */
static bool all_free(const struct model *m, uint64_t s, unsigned k)
{
	uint64_t e = s + (UINT64_C(1) << k);

	return s >= m->base && e <= m->end &&
	       m->prefix[e - m->base] - m->prefix[s - m->base] == (UINT64_C(1) << k);
}

/* A free block of a buddy allocator that always merges. */
static bool free_block(const struct model *m, uint64_t s, unsigned k)
{
	return all_free(m, s, k) &&
	       (k == BUDDY_MAX_ORDER || !all_free(m, s & ~((UINT64_C(2) << k) - 1), k + 1));
}

static uint64_t align_up(uint64_t x, unsigned k)
{
	return (x + (UINT64_C(1) << k) - 1) & ~((UINT64_C(1) << k) - 1);
}

static void model_info(const struct model *m, uint32_t out[BUDDY_ORDERS])
{
	for (unsigned k = 0; k < BUDDY_ORDERS; k++) {
		out[k] = 0;
		for (uint64_t s = align_up(m->base, k); s + (UINT64_C(1) << k) <= m->end;
		     s += UINT64_C(1) << k)
			out[k] += free_block(m, s, k);
	}
}

/* The block buddy_alloc(order) must return, or UINT64_MAX: the
 * lowest-numbered free block of that order or larger. */
static uint64_t model_expect(const struct model *m, unsigned order)
{
	uint64_t best = UINT64_MAX;

	for (unsigned k = order; k < BUDDY_ORDERS; k++)
		for (uint64_t s = align_up(m->base, k); s + (UINT64_C(1) << k) <= m->end && s < best;
		     s += UINT64_C(1) << k)
			if (free_block(m, s, k)) {
				best = s;
				break;
			}
	return best;
}

static void model_mark(struct model *m, uint32_t f, unsigned order, uint8_t v)
{
	for (uint32_t g = f; g < f + (UINT32_C(1) << order); g++) {
		cr_assert_neq(m->taken[g - m->base], v, "frame %u %s twice", g,
			      v ? "taken" : "freed");
		m->taken[g - m->base] = v;
	}
	model_sums(m);
}

/* The two indexes from the model's counts, by the formulas of buddy.h. */
static void model_indexes(const struct model *m, const uint32_t info[BUDDY_ORDERS],
			  unsigned order, int *frag, int *unusable)
{
	uint64_t free_frames = m->prefix[m->end - m->base], blocks = 0, big_frames = 0;

	for (unsigned k = 0; k < BUDDY_ORDERS; k++) {
		blocks += info[k];
		if (k >= order)
			big_frames += (uint64_t)info[k] << k;
	}
	if (!blocks)
		*frag = 0;
	else if (big_frames)
		*frag = -1000;
	else
		*frag = 1000 - (int)((1000 + free_frames * 1000 / (UINT64_C(1) << order)) / blocks);
	*unusable = free_frames ? (int)((free_frames - big_frames) * 1000 / free_frames) : 0;
}

static void compare(const struct model *m, const struct buddy *b, const char *op, size_t step)
{
	uint32_t want[BUDDY_ORDERS], got[BUDDY_ORDERS];
	char why[WHY_LEN] = "";

	cr_assert_eq(buddy_check(b, why, sizeof(why)), 0, "step %zu (%s): %s", step, op, why);
	model_info(m, want);
	buddy_info(b, got);
	for (unsigned k = 0; k < BUDDY_ORDERS; k++)
		cr_assert_eq(got[k], want[k], "step %zu (%s): %u free blocks of order %u, model %u",
			     step, op, got[k], k, want[k]);
	cr_assert_eq(buddy_free_frames(b), m->prefix[m->end - m->base], "step %zu", step);
	for (unsigned k = 0; k < BUDDY_ORDERS; k++) {
		int frag, unusable;

		model_indexes(m, want, k, &frag, &unusable);
		cr_assert_eq(buddy_frag_index(b, k), frag, "step %zu, order %u", step, k);
		cr_assert_eq(buddy_unusable_index(b, k), unusable, "step %zu, order %u", step, k);
	}
}

/* Cut the split block (f, order) into random aligned pieces. */
static void model_pieces(struct model *m, struct rng *r, uint32_t f, unsigned order)
{
	uint32_t end = f + (UINT32_C(1) << order);

	for (uint32_t g = f; g < end;) {
		unsigned p = rng_below(r, order + 1);

		while ((g & ((UINT32_C(1) << p) - 1)) || g + (UINT32_C(1) << p) > end)
			p--;
		m->live[m->nlive++] = (struct piece){ .frame = g, .order = p, .whole = false };
		g += UINT32_C(1) << p;
	}
}

static void random_run(uint32_t base, uint32_t frames, uint64_t seed, size_t steps)
{
	struct rng r = { seed };
	struct model m = { .base = base, .end = base + frames };
	struct buddy *b = pool(base, frames);
	uint32_t initial[BUDDY_ORDERS], info[BUDDY_ORDERS];
	size_t allocs = 0, failures = 0;

	m.taken = calloc(frames, 1);
	m.prefix = calloc((size_t)frames + 1, sizeof(*m.prefix));
	m.live = calloc(frames, sizeof(*m.live));
	cr_assert(m.taken && m.prefix && m.live);
	model_sums(&m);
	buddy_info(b, initial);
	compare(&m, b, "new", 0);
	for (size_t step = 1; step <= steps; step++) {
		/* Lean towards allocating while the pool is mostly free. */
		bool alloc = m.nlive == 0 ||
			     rng_below(&r, frames) < m.prefix[frames] + frames / 8;
		uint32_t roll = rng_below(&r, 100);

		if (alloc) {
			/* Mostly small orders, sometimes up to 10 (or 11, refused). */
			unsigned order = roll < 50 ? 0 : roll < 75 ? 1 + rng_below(&r, 3)
							  : rng_below(&r, BUDDY_ORDERS + 1);
			uint64_t want = order <= BUDDY_MAX_ORDER ? model_expect(&m, order)
								 : UINT64_MAX;
			uint32_t f = 0;
			int rc = buddy_alloc(b, order, &f);

			if (want == UINT64_MAX) {
				cr_assert_eq(rc, -1, "step %zu: order %u granted at %u, model has none",
					     step, order, f);
				failures++;
			} else {
				cr_assert_eq(rc, 0, "step %zu: order %u refused, model has %llu", step,
					     order, (unsigned long long)want);
				cr_assert_eq(f, want, "step %zu: order %u at %u, model says %llu",
					     step, order, f, (unsigned long long)want);
				cr_assert_eq(f & ((UINT32_C(1) << order) - 1), 0);
				cr_assert(f >= base && f - base + (UINT32_C(1) << order) <= frames);
				model_mark(&m, f, order, 1);
				m.live[m.nlive++] = (struct piece){ f, order, true };
				allocs++;
			}
			compare(&m, b, "alloc", step);
		} else {
			size_t i = rng_below(&r, (uint32_t)m.nlive);
			struct piece p = m.live[i];

			m.live[i] = m.live[--m.nlive];
			if (p.whole && p.order > 0 && roll < 15) {
				buddy_split(b, p.frame, p.order);
				model_pieces(&m, &r, p.frame, p.order);
				compare(&m, b, "split", step);
			} else {
				buddy_release(b, p.frame, p.order);
				model_mark(&m, p.frame, p.order, 0);
				compare(&m, b, "release", step);
			}
		}
	}
	while (m.nlive) {
		struct piece p = m.live[--m.nlive];

		buddy_release(b, p.frame, p.order);
		model_mark(&m, p.frame, p.order, 0);
		compare(&m, b, "final release", steps);
	}
	buddy_info(b, info);
	for (unsigned k = 0; k < BUDDY_ORDERS; k++)
		cr_expect_eq(info[k], initial[k], "order %u after freeing everything", k);
	cr_expect_eq(buddy_free_frames(b), frames);
	/* The run must have exercised both outcomes. */
	cr_expect_gt(allocs, steps / 4, "base %u frames %u: %zu allocations", base, frames, allocs);
	cr_expect_gt(failures, 0, "base %u frames %u: no allocation ever failed", base, frames);
	free(m.taken);
	free(m.prefix);
	free(m.live);
	buddy_free_pool(b);
}

struct shape {
	uint32_t base, frames;
	uint64_t seed;
	size_t steps;
};

ParameterizedTestParameters(buddy, agrees_with_a_per_frame_model)
{
	static struct shape shapes[] = {
		{ 0, 16, 1, 3000 },
		{ 3, 13, 2, 3000 },
		{ 5, 1, 3, 200 },
		{ 0, 2048, 4, 4000 },
		{ 1, 2046, 5, 4000 },
		{ 1000, 2000, 6, 4000 },
		{ 1023, 1026, 7, 4000 },
		{ 4096, 3000, 8, 4000 },
		{ 777, 4321, 9, 4000 },
		{ 0, 300, 10, 4000 },
	};

	return cr_make_param_array(struct shape, shapes, ARRAY_LEN(shapes));
}

ParameterizedTest(struct shape *s, buddy, agrees_with_a_per_frame_model)
{
	random_run(s->base, s->frames, s->seed, s->steps);
}

Test(buddy, agrees_with_the_model_on_random_pools)
{
	struct rng r = { 42 };

	for (int i = 0; i < 12; i++) {
		uint32_t frames = 1 + rng_below(&r, 3000);
		uint32_t base = rng_below(&r, 1u << 21);

		random_run(base, frames, rng_next(&r), 1500);
	}
}

/* Two pools side by side, as two NUMA nodes: neither strays into the other. */
Test(buddy, neighbouring_pools_stay_apart)
{
	struct buddy *lo = pool(0, 3000), *hi = pool(3000, 5000);
	uint32_t f;
	uint32_t nlo = 0, nhi = 0;

	while (buddy_alloc(lo, 0, &f) == 0) {
		cr_assert_lt(f, 3000);
		nlo++;
	}
	while (buddy_alloc(hi, 3, &f) == 0) {
		cr_assert(f >= 3000 && f + 8 <= 8000, "block %u", f);
		nhi++;
	}
	cr_expect_eq(nlo, 3000);
	cr_expect_eq(nhi, 5000 / 8);
	checked(lo, "lo full");
	checked(hi, "hi full");
	buddy_free_pool(lo);
	buddy_free_pool(hi);
}

/* buddy_frame_free() finds the block around a frame: free frames inside
 * a large free block, allocated ones, and frames of a split block. */
Test(buddy, frame_free_finds_the_block_around_a_frame)
{
	struct buddy *b = pool(3, 29);  /* [3, 32): 3, 4-7, 8-15, 16-31 */

	cr_expect(buddy_frame_free(b, 3));
	cr_expect(buddy_frame_free(b, 20));
	cr_expect_eq(take(b, 0), 3);
	cr_expect_not(buddy_frame_free(b, 3));
	cr_expect_eq(take(b, 2), 4);
	for (uint32_t f = 4; f < 8; f++)
		cr_expect_not(buddy_frame_free(b, f), "frame %u is taken", f);
	cr_expect(buddy_frame_free(b, 8));
	cr_expect(buddy_frame_free(b, 31));
	buddy_split(b, 4, 2);
	give(b, 6, 0);
	cr_expect(buddy_frame_free(b, 6));
	cr_expect_not(buddy_frame_free(b, 5));
	cr_expect_not(buddy_frame_free(b, 7));
	buddy_free_pool(b);
}
