/* test_textbook.c - the exact numbers of DESIGN.md's "Textbook checks",
 * the non-stack counterexamples, write-backs, OPT's tie rule, Clock's hand
 * and the MMU counters, all through replay_refs(). */
#include "helpers.h"

#define BELADY "1,2,3,4,1,2,5,1,2,3,4,5"
#define SILBERSCHATZ "7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1"
#define CLOCK_ANOMALY "0,1,2,3,1,0,1,4,0,1"
#define LFU_ANOMALY "0,0,1,2,1,2,3,0,3,0"

/* Parameters are copied into the test process: no pointers, only arrays. */
struct fault_case {
	char policy[8];
	char refs[64];
	uint32_t frames;
	uint64_t tau;
	uint64_t faults;
};

ParameterizedTestParameters(textbook, gives_the_published_fault_count)
{
	static struct fault_case cases[] = {
		{ "fifo", BELADY, 3, 0, 9 },
		{ "fifo", BELADY, 4, 0, 10 },
		{ "lru", BELADY, 3, 0, 10 },
		{ "lru", BELADY, 4, 0, 8 },
		{ "opt", BELADY, 3, 0, 7 },
		{ "opt", BELADY, 4, 0, 6 },
		{ "fifo", SILBERSCHATZ, 3, 0, 15 },
		{ "lru", SILBERSCHATZ, 3, 0, 12 },
		{ "opt", SILBERSCHATZ, 3, 0, 9 },
		{ "clock", SILBERSCHATZ, 3, 0, 14 },
		{ "lfu", SILBERSCHATZ, 3, 0, 13 },
		{ "fifo", SILBERSCHATZ, 4, 0, 10 },
		{ "lru", SILBERSCHATZ, 4, 0, 8 },
		{ "opt", SILBERSCHATZ, 4, 0, 8 },
		{ "ws", SILBERSCHATZ, 0, 10, 8 },
		{ "clock", CLOCK_ANOMALY, 3, 0, 6 },
		{ "clock", CLOCK_ANOMALY, 4, 0, 7 },
		{ "lfu", LFU_ANOMALY, 2, 0, 6 },
		{ "lfu", LFU_ANOMALY, 3, 0, 7 },
	};
	return cr_make_param_array(struct fault_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct fault_case *tc, textbook, gives_the_published_fault_count)
{
	uint32_t refs[64];
	size_t n = th_refs(tc->refs, refs, ARRAY_LEN(refs));
	struct machine_counters c;

	cr_assert_eq(th_replay(tc->policy, refs, n, tc->frames, tc->tau, 12, &c, NULL), 0);
	cr_expect_eq(c.faults, tc->faults, "%s frames=%u tau=%llu on %s: %llu faults, want %llu",
		     tc->policy, tc->frames, (unsigned long long)tc->tau, tc->refs,
		     (unsigned long long)c.faults, (unsigned long long)tc->faults);
	cr_expect_eq(c.references, n);
	cr_expect_eq(c.hits + c.faults, n);
}

Test(fifo, shows_beladys_anomaly_on_the_classic_string)
{
	cr_expect_eq(th_faults("fifo", BELADY, 3, 0), 9);
	cr_expect_eq(th_faults("fifo", BELADY, 4, 0), 10);
}

Test(clock, shows_beladys_anomaly_on_its_counterexample)
{
	cr_expect_eq(th_faults("clock", CLOCK_ANOMALY, 3, 0), 6);
	cr_expect_eq(th_faults("clock", CLOCK_ANOMALY, 4, 0), 7);
}

Test(lfu, shows_beladys_anomaly_on_its_counterexample)
{
	cr_expect_eq(th_faults("lfu", LFU_ANOMALY, 2, 0), 6);
	cr_expect_eq(th_faults("lfu", LFU_ANOMALY, 3, 0), 7);
}

Test(ws, tau_10_on_silberschatz_has_8_faults_and_mean_resident_4_55)
{
	uint32_t refs[32];
	size_t n = th_refs(SILBERSCHATZ, refs, ARRAY_LEN(refs));
	struct machine_counters c;

	cr_assert_eq(th_replay("ws", refs, n, 0, 10, 12, &c, NULL), 0);
	cr_expect_eq(c.faults, 8);
	cr_expect_eq(c.references, 20);
	/* mean |W(t, 10)| = resident_sum / references = 91 / 20 */
	cr_expect_eq(c.resident_sum, 91);
	cr_expect_float_eq((double)c.resident_sum / (double)c.references, 4.55, 1e-9);
	/* W(t,10) for t = 10..13 (1-based) is {7,0,1,2,3,4}. */
	cr_expect_eq(c.max_resident, 6);
}

/* Exact by the definition W(t, tau) = pages referenced at t-tau+1..t. */
struct ws_case {
	uint64_t tau;
	uint64_t faults, resident_sum, max_resident;
};

Test(ws, follows_the_window_definition_for_every_small_tau)
{
	static const struct ws_case cases[] = {
		{ 1, 20, 20, 1 }, { 2, 17, 39, 2 }, { 3, 13, 54, 3 }, { 4, 10, 64, 4 },
		{ 5, 8, 71, 4 },  { 6, 8, 76, 5 },  { 7, 8, 80, 5 },  { 8, 8, 84, 6 },
		{ 9, 8, 88, 6 },  { 10, 8, 91, 6 }, { 11, 7, 94, 6 },
	};
	uint32_t refs[32];
	size_t n = th_refs(SILBERSCHATZ, refs, ARRAY_LEN(refs));

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct machine_counters c = { 0 };
		int err = th_replay("ws", refs, n, 0, cases[i].tau, 12, &c, NULL);
		cr_expect_eq(err, 0, "ws tau=%llu failed with %d", (unsigned long long)cases[i].tau,
			     err);
		if (err)
			continue;
		cr_expect_eq(c.faults, cases[i].faults, "tau=%llu: faults %llu, want %llu",
			     (unsigned long long)cases[i].tau, (unsigned long long)c.faults,
			     (unsigned long long)cases[i].faults);
		cr_expect_eq(c.resident_sum, cases[i].resident_sum,
			     "tau=%llu: resident_sum %llu, want %llu", (unsigned long long)cases[i].tau,
			     (unsigned long long)c.resident_sum,
			     (unsigned long long)cases[i].resident_sum);
		cr_expect_eq(c.max_resident, cases[i].max_resident, "tau=%llu: max %llu, want %llu",
			     (unsigned long long)cases[i].tau, (unsigned long long)c.max_resident,
			     (unsigned long long)cases[i].max_resident);
	}
}

Test(ws, tau_1_faults_whenever_the_page_changes)
{
	/* W(t, 1) is the page just referenced: a new page faults, a repeat hits. */
	uint32_t refs[16];
	size_t n = th_refs("1,2,2,3,1,1", refs, ARRAY_LEN(refs));
	struct machine_counters c = { 0 };

	cr_assert_eq(th_replay("ws", refs, n, 0, 1, 12, &c, NULL), 0,
		     "ws tau=1 on 1,2,2,3,1,1 must not fail");
	cr_expect_eq(c.faults, 4);
	cr_expect_eq(c.hits, 2);
	cr_expect_eq(c.evictions, 3);
	cr_expect_eq(c.max_resident, 1);
	cr_expect_eq(c.resident_sum, 6);
}

Test(ws, window_full_of_distinct_pages_takes_a_new_page)
{
	/* tau = 3: after 1,2,3 the window holds three pages; 4 enters as 1 leaves. */
	uint32_t refs[16];
	size_t n = th_refs("1,2,3,4,5,6", refs, ARRAY_LEN(refs));
	struct machine_counters c = { 0 };

	cr_assert_eq(th_replay("ws", refs, n, 0, 3, 12, &c, NULL), 0,
		     "ws tau=3 on 1,2,3,4,5,6 must not fail");
	cr_expect_eq(c.faults, 6);
	cr_expect_eq(c.evictions, 3);
	cr_expect_eq(c.max_resident, 3);
	cr_expect_eq(c.resident_sum, 1 + 2 + 3 + 3 + 3 + 3);
}

Test(ws, steps_show_the_page_that_leaves_the_window)
{
	/* tau = 2 over 1,2,1,3,3,3: after t=3 (0-based) page 2 (last at t=1)
	 * leaves; after t=4 page 1 (last at t=2) leaves. */
	uint32_t refs[16];
	size_t n = th_refs("1,2,1,3,3,3", refs, ARRAY_LEN(refs));
	static const uint32_t expired[] = { NO_PAGE, NO_PAGE, NO_PAGE, 2, 1, NO_PAGE };
	static const uint8_t fault[] = { 1, 1, 0, 1, 0, 0 };
	struct steps *s = NULL;
	struct machine_counters c = { 0 };

	cr_assert_eq(th_replay("ws", refs, n, 0, 2, 12, &c, &s), 0);
	cr_assert_not_null(s);
	cr_assert_eq(s->n, n);
	for (size_t i = 0; i < n; i++) {
		cr_expect_eq(s->expired[i], expired[i], "t=%zu: expired %u, want %u", i,
			     s->expired[i], expired[i]);
		cr_expect_eq(s->fault[i], fault[i], "t=%zu: fault %u, want %u", i, s->fault[i],
			     fault[i]);
		cr_expect_eq(s->victim[i], NO_PAGE, "ws never evicts for room");
	}
	cr_expect_eq(c.faults, 3);
	cr_expect_eq(c.evictions, 2);
	steps_free(s);
}

/* --- write-backs ------------------------------------------------------------ */

struct wb_case {
	char policy[8];
	char refs[64];
	uint32_t frames;
	uint64_t tau;
	uint64_t faults, evictions, writebacks;
	char why[96];
};

ParameterizedTestParameters(writeback, counts_dirty_victims_and_flushes_nothing_at_the_end)
{
	static struct wb_case cases[] = {
		{ "fifo", "1w,2", 1, 0, 2, 1, 1, "a written page evicted is written back" },
		{ "fifo", "1,2", 1, 0, 2, 1, 0, "a clean victim costs nothing" },
		{ "fifo", "1,1w,2", 1, 0, 2, 1, 1, "a write hit dirties the page" },
		{ "fifo", "1w,1,2", 1, 0, 2, 1, 1, "a later read does not clean it" },
		{ "fifo", "1w,2w", 1, 0, 2, 1, 1, "the dirty page left at the end is not flushed" },
		{ "fifo", "1w", 1, 0, 1, 0, 0, "nothing is flushed at the end" },
		{ "fifo", "1w,2,1,2w,3", 1, 0, 5, 4, 2, "dirtiness does not survive eviction" },
		{ "lru", "1w,2,1,3", 2, 0, 3, 1, 0, "lru evicts the clean page 2" },
		{ "lru", "1w,2,2,3", 2, 0, 3, 1, 1, "lru evicts the dirty page 1" },
		{ "opt", "1w,2,3,2", 2, 0, 3, 1, 1, "opt evicts 1 (never used again), dirty" },
		{ "opt", "1w,2,1,3", 2, 0, 3, 1, 0, "a tie evicts the least recently used, clean 2" },
		{ "opt", "1,2w,1,3", 2, 0, 3, 1, 1, "a tie evicts the least recently used, dirty 2" },
		{ "clock", "1w,2w,3w,4", 3, 0, 4, 1, 1, "clock evicts frame 0, dirty" },
		{ "lfu", "1w,1,2w,3", 2, 0, 3, 1, 1, "lfu evicts 2 (count 1), dirty" },
		{ "ws", "1w,2,3,4", 0, 2, 4, 2, 1, "a dirty page leaving the window is written back" },
		{ "ws", "1,2w,3,4", 0, 2, 4, 2, 1, "2 leaves after t=3 and is dirty" },
		{ "ws", "1,2,3w", 0, 2, 3, 1, 0, "3 stays in the window: no flush" },
	};
	return cr_make_param_array(struct wb_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct wb_case *tc, writeback, counts_dirty_victims_and_flushes_nothing_at_the_end)
{
	uint32_t refs[64];
	size_t n = th_refs(tc->refs, refs, ARRAY_LEN(refs));
	struct machine_counters c = { 0 };

	cr_assert_eq(th_replay(tc->policy, refs, n, tc->frames, tc->tau, 12, &c, NULL), 0,
		     "%s on %s failed", tc->policy, tc->refs);
	cr_expect_eq(c.faults, tc->faults, "%s on %s: faults %llu, want %llu", tc->policy,
		     tc->refs, (unsigned long long)c.faults, (unsigned long long)tc->faults);
	cr_expect_eq(c.evictions, tc->evictions, "%s on %s: evictions %llu, want %llu",
		     tc->policy, tc->refs, (unsigned long long)c.evictions,
		     (unsigned long long)tc->evictions);
	cr_expect_eq(c.writebacks, tc->writebacks, "%s on %s (%s): writebacks %llu, want %llu",
		     tc->policy, tc->refs, tc->why, (unsigned long long)c.writebacks,
		     (unsigned long long)tc->writebacks);
}

/* --- step tables -------------------------------------------------------------- */

#define X NO_PAGE

/* Compare a step table with expected frame contents and victims. */
static void expect_steps(const struct steps *s, const uint32_t *contents, uint32_t nframes,
			 const uint32_t *victims, const uint8_t *faults, size_t n)
{
	cr_assert_eq(s->n, n);
	cr_assert_eq(s->nframes, nframes, "step table has %u frame columns, want %u", s->nframes,
		     nframes);
	for (size_t i = 0; i < n; i++) {
		cr_expect_eq(s->fault[i], faults[i], "t=%zu: fault=%u, want %u", i, s->fault[i],
			     faults[i]);
		cr_expect_eq(s->victim[i], victims[i], "t=%zu: victim %u, want %u", i,
			     s->victim[i], victims[i]);
		for (uint32_t f = 0; f < nframes; f++)
			cr_expect_eq(s->contents[i * nframes + f], contents[i * nframes + f],
				     "t=%zu frame %u: page %u, want %u", i, f,
				     s->contents[i * nframes + f], contents[i * nframes + f]);
	}
}

Test(clock, moves_its_hand_as_the_design_describes)
{
	/* 0,1,2,3,1,0,1,4,0,1 on 3 frames, worked by hand:
	 *   t=3: every R is 1; the hand clears 0,1,2, comes back to frame 0:
	 *        victim 0, 3 goes to frame 0, hand -> 1.
	 *   t=4: hit on 1 sets R(frame 1).
	 *   t=5: hand at 1 (R=1): clear, advance; frame 2 has R=0: victim 2,
	 *        0 goes to frame 2, hand -> 0.
	 *   t=6: hit on 1.  t=7: R = 1,1,1: full sweep, victim frame 0 (page 3).
	 *   t=8, t=9: hits. */
	static const uint32_t contents[] = {
		0, X, X, /* 0 */
		0, 1, X, /* 1 */
		0, 1, 2, /* 2 */
		3, 1, 2, /* 3 */
		3, 1, 2, /* 1 */
		3, 1, 0, /* 0 */
		3, 1, 0, /* 1 */
		4, 1, 0, /* 4 */
		4, 1, 0, /* 0 */
		4, 1, 0, /* 1 */
	};
	static const uint32_t victims[] = { X, X, X, 0, X, 2, X, 3, X, X };
	static const uint8_t faults[] = { 1, 1, 1, 1, 0, 1, 0, 1, 0, 0 };
	uint32_t refs[16];
	size_t n = th_refs(CLOCK_ANOMALY, refs, ARRAY_LEN(refs));
	struct steps *s = NULL;

	cr_assert_eq(th_replay("clock", refs, n, 3, 0, 12, NULL, &s), 0);
	expect_steps(s, contents, 3, victims, faults, n);
	steps_free(s);
}

Test(clock, gives_second_chances_to_referenced_frames_only)
{
	/* 4 frames on the same string: at t=7 the sweep clears all and takes
	 * frame 0; at t=8 the hand is at frame 1 whose bit is already clear,
	 * so page 1 goes at once (no second chance), then page 2 at t=9. */
	static const uint32_t contents[] = {
		0, X, X, X, 0, 1, X, X, 0, 1, 2, X, 0, 1, 2, 3, 0, 1, 2, 3,
		0, 1, 2, 3, 0, 1, 2, 3, 4, 1, 2, 3, 4, 0, 2, 3, 4, 0, 1, 3,
	};
	static const uint32_t victims[] = { X, X, X, X, X, X, X, 0, 1, 2 };
	static const uint8_t faults[] = { 1, 1, 1, 1, 0, 0, 0, 1, 1, 1 };
	uint32_t refs[16];
	size_t n = th_refs(CLOCK_ANOMALY, refs, ARRAY_LEN(refs));
	struct steps *s = NULL;

	cr_assert_eq(th_replay("clock", refs, n, 4, 0, 12, NULL, &s), 0);
	expect_steps(s, contents, 4, victims, faults, n);
	steps_free(s);
}

Test(fifo, fills_frames_in_order_and_reuses_the_victims_frame)
{
	/* The correct FIFO table for 1,2,3,4,1,2,5,1,2,3,4,5 on 3 frames. */
	static const uint32_t contents[] = {
		1, X, X, 1, 2, X, 1, 2, 3, 4, 2, 3, 4, 1, 3, 4, 1, 2,
		5, 1, 2, 5, 1, 2, 5, 1, 2, 5, 3, 2, 5, 3, 4, 5, 3, 4,
	};
	static const uint32_t victims[] = { X, X, X, 1, 2, 3, 4, X, X, 1, 2, X };
	static const uint8_t faults[] = { 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0 };
	uint32_t refs[16];
	size_t n = th_refs(BELADY, refs, ARRAY_LEN(refs));
	struct steps *s = NULL;

	cr_assert_eq(th_replay("fifo", refs, n, 3, 0, 12, NULL, &s), 0);
	expect_steps(s, contents, 3, victims, faults, n);
	steps_free(s);
}

/* OPT's tie rule.  DESIGN.md says "break them by the lowest frame number";
 * commit 92b46b5 changed it on purpose (opt.c, man page, README): among
 * pages never used again, the least recently used goes, so that a one-pass
 * sweep gives the same write-backs as a replay.  These tests follow opt.c. */
Test(opt, breaks_ties_among_never_used_pages_by_least_recent_use)
{
	/* 2 frames, 1,2,1,3: at t=3 pages 1 (frame 0, loaded first, used at
	 * t=2) and 2 (frame 1, used at t=1) are both never used again.  The
	 * least recently used, 2, goes -- not the lowest frame, not the
	 * earliest loaded. */
	static const uint32_t contents[] = { 1, X, 1, 2, 1, 2, 1, 3 };
	static const uint32_t victims[] = { X, X, X, 2 };
	static const uint8_t faults[] = { 1, 1, 0, 1 };
	uint32_t refs[16];
	size_t n = th_refs("1,2,1,3", refs, ARRAY_LEN(refs));
	struct steps *s = NULL;

	cr_assert_eq(th_replay("opt", refs, n, 2, 0, 12, NULL, &s), 0);
	expect_steps(s, contents, 2, victims, faults, n);
	steps_free(s);
}

Test(opt, evicts_the_least_recently_used_of_many_never_used_pages)
{
	/* 3 frames: 5,6,7,6,7,5 then 8 and 9.  At t=6 5, 6 and 7 are dead:
	 * 6 (last used t=3) goes from frame 1.  At t=7 5 (t=5), 8 (t=6) and
	 * 7 (t=4) are dead: 7 goes from frame 2. */
	static const uint32_t victims[] = { X, X, X, X, X, X, 6, 7 };
	uint32_t refs[16];
	size_t n = th_refs("5,6,7,6,7,5,8,9", refs, ARRAY_LEN(refs));
	struct steps *s = NULL;

	cr_assert_eq(th_replay("opt", refs, n, 3, 0, 12, NULL, &s), 0);
	cr_assert_eq(s->n, n);
	for (size_t i = 0; i < n; i++)
		cr_expect_eq(s->victim[i], victims[i], "t=%zu: victim %u, want %u", i, s->victim[i],
			     victims[i]);
	cr_expect_eq(s->contents[7 * s->nframes + 0], 5);
	cr_expect_eq(s->contents[7 * s->nframes + 1], 8);
	cr_expect_eq(s->contents[7 * s->nframes + 2], 9);
	steps_free(s);
}

Test(opt, evicts_the_page_used_farthest_in_the_future)
{
	/* 3 frames, 1,2,3,4,1,2,...: at t=3 next uses are 1@4, 2@5, 3@9. */
	uint32_t refs[16];
	size_t n = th_refs("1,2,3,4,1,2,1,2,4,3", refs, ARRAY_LEN(refs));
	struct steps *s = NULL;

	cr_assert_eq(th_replay("opt", refs, n, 3, 0, 12, NULL, &s), 0);
	cr_expect_eq(s->victim[3], 3);
	cr_expect_eq(s->fault[9], 1);
	steps_free(s);
}

Test(lru, evicts_least_recently_used_page)
{
	/* 3 frames, 1,2,3,1,4: 2 is least recently used at t=4, not 1. */
	uint32_t refs[16];
	size_t n = th_refs("1,2,3,1,4,2", refs, ARRAY_LEN(refs));
	struct steps *s = NULL;

	cr_assert_eq(th_replay("lru", refs, n, 3, 0, 12, NULL, &s), 0);
	cr_expect_eq(s->victim[4], 2);
	cr_expect_eq(s->contents[4 * 3 + 1], 4, "4 takes the victim's frame");
	cr_expect_eq(s->victim[5], 3);
	steps_free(s);
}

Test(lfu, breaks_ties_by_the_earliest_loaded_page)
{
	/* 2 frames: 1,2,3 evicts 1 (frame 0); then 4: 2 (frame 1, loaded t=1) and
	 * 3 (frame 0, loaded t=2) both have count 1: 2 goes, not frame 0. */
	static const uint32_t victims[] = { X, X, 1, 2 };
	uint32_t refs[8];
	size_t n = th_refs("1,2,3,4", refs, ARRAY_LEN(refs));
	struct steps *s = NULL;

	cr_assert_eq(th_replay("lfu", refs, n, 2, 0, 12, NULL, &s), 0);
	for (size_t i = 0; i < n; i++)
		cr_expect_eq(s->victim[i], victims[i], "t=%zu: victim %u, want %u", i, s->victim[i],
			     victims[i]);
	steps_free(s);
}

Test(lfu, restarts_a_pages_count_when_it_is_loaded_again)
{
	/* 2 frames: 1 x3, 2 x4, 3 evicts 1 (3 < 4), 1 evicts 3 (1 < 4) with count
	 * 1 again; 4 then evicts 1, not 2 (had 1 kept its old count it would
	 * tie 2 at 4 and 2, loaded earlier, would go). */
	uint32_t refs[16];
	size_t n = th_refs("1,1,1,2,2,2,2,3,1,4", refs, ARRAY_LEN(refs));
	struct steps *s = NULL;

	cr_assert_eq(th_replay("lfu", refs, n, 2, 0, 12, NULL, &s), 0);
	cr_expect_eq(s->victim[7], 1);
	cr_expect_eq(s->victim[8], 3);
	cr_expect_eq(s->victim[9], 1);
	steps_free(s);
}

Test(steps, record_only_the_frames_ever_used)
{
	uint32_t refs[8];
	size_t n = th_refs("1,2,1,2", refs, ARRAY_LEN(refs));
	struct steps *s = NULL;
	struct machine_counters c;

	cr_assert_eq(th_replay("lru", refs, n, 5, 0, 12, &c, &s), 0);
	cr_expect_eq(s->nframes, 2);
	cr_expect_eq(s->refs[2], refs[2]);
	cr_expect_eq(c.faults, 2);
	steps_free(s);
}

/* --- the MMU counters ----------------------------------------------------- */

Test(machine, counts_page_tables_and_distinct_pages)
{
	/* Directory entries 0, 1 and 5 (vpn >> 10) are touched. */
	uint32_t refs[16];
	size_t n = th_refs("0,1023,1024,5127,0,1023,1024w,7x", refs, ARRAY_LEN(refs));
	struct machine_counters c;

	cr_assert_eq(th_replay("lru", refs, n, 8, 0, 12, &c, NULL), 0);
	cr_expect_eq(c.page_tables, 3);
	cr_expect_eq(c.distinct_pages, 5);
	cr_expect_eq(c.references, 8);
	cr_expect_eq(c.reads, 6);
	cr_expect_eq(c.writes, 1);
	cr_expect_eq(c.fetches, 1);
	cr_expect_eq(c.faults, 5);
	cr_expect_eq(c.hits, 3);
	cr_expect_eq(c.evictions, 0);
}

Test(machine, counts_distinct_pages_once_even_after_eviction)
{
	uint32_t refs[16];
	size_t n = th_refs("1,2,3,1,2,3,1,2,3", refs, ARRAY_LEN(refs));
	struct machine_counters c;

	cr_assert_eq(th_replay("fifo", refs, n, 1, 0, 12, &c, NULL), 0);
	cr_expect_eq(c.faults, 9);
	cr_expect_eq(c.distinct_pages, 3);
	cr_expect_eq(c.evictions, 8);
	cr_expect_eq(c.page_tables, 1);
}

Test(machine, sizes_the_directory_for_every_page_size)
{
	/* 1 KiB pages: 2^22 pages, 4096 tables; 4 MiB pages: 1024 pages, one table. */
	uint32_t refs[8];
	size_t n = th_refs("0,4194303,2048", refs, ARRAY_LEN(refs));
	struct machine_counters c;

	cr_assert_eq(th_replay("fifo", refs, n, 4, 0, 10, &c, NULL), 0);
	cr_expect_eq(c.page_tables, 3);
	cr_expect_eq(c.distinct_pages, 3);

	n = th_refs("0,1023,512,0", refs, ARRAY_LEN(refs));
	cr_assert_eq(th_replay("opt", refs, n, 2, 0, 22, &c, NULL), 0);
	cr_expect_eq(c.page_tables, 1);
	cr_expect_eq(c.distinct_pages, 3);
	cr_expect_eq(c.faults, 3);
}

Test(machine, tracks_resident_pages_for_frame_policies)
{
	uint32_t refs[8];
	size_t n = th_refs("1,2,3,4", refs, ARRAY_LEN(refs));
	struct machine_counters c;

	cr_assert_eq(th_replay("fifo", refs, n, 2, 0, 12, &c, NULL), 0);
	cr_expect_eq(c.resident_sum, 1 + 2 + 2 + 2);
	cr_expect_eq(c.max_resident, 2);
}

Test(replay, runs_several_policies_in_one_call)
{
	uint32_t refs[32];
	size_t n = th_refs(SILBERSCHATZ, refs, ARRAY_LEN(refs));
	uint32_t *nu = NULL;
	struct replay_run runs[] = {
		{ .policy = th_policy("fifo"), .frames = 3 },
		{ .policy = th_policy("lru"), .frames = 3 },
		{ .policy = th_policy("opt"), .frames = 3 },
		{ .policy = th_policy("clock"), .frames = 3 },
		{ .policy = th_policy("lfu"), .frames = 3 },
		{ .policy = th_policy("ws"), .tau = 10 },
	};
	static const uint64_t want[] = { 15, 12, 9, 14, 13, 8 };

	cr_assert_eq(next_use_compute(refs, n, 12, &nu), 0);
	cr_assert_eq(replay_refs(refs, n, nu, 12, runs, ARRAY_LEN(runs), false), 0);
	for (size_t i = 0; i < ARRAY_LEN(runs); i++)
		cr_expect_eq(runs[i].c.faults, want[i], "%s: %llu faults, want %llu",
			     runs[i].policy->name, (unsigned long long)runs[i].c.faults,
			     (unsigned long long)want[i]);
	free(nu);
}

Test(nextuse, gives_the_next_reference_to_the_same_page)
{
	uint32_t refs[8];
	size_t n = th_refs("1,2,1w,3,2", refs, ARRAY_LEN(refs));
	static const uint32_t want[] = { 2, 4, NEXT_USE_NEVER, NEXT_USE_NEVER, NEXT_USE_NEVER };
	uint32_t *nu = NULL;

	cr_assert_eq(next_use_compute(refs, n, 12, &nu), 0);
	for (size_t i = 0; i < n; i++)
		cr_expect_eq(nu[i], want[i], "t=%zu: %u, want %u", i, nu[i], want[i]);
	free(nu);
}

Test(policy, registry_finds_every_policy_by_name)
{
	static const char *const names[] = { "opt", "fifo", "lru", "clock", "lfu", "ws" };

	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		const struct policy_ops *ops = policy_find(names[i]);
		cr_expect_not_null(ops, "%s", names[i]);
		if (ops)
			cr_expect_str_eq(ops->name, names[i]);
	}
	cr_expect_null(policy_find("nope"));
	cr_expect(policy_find("opt")->flags & POLICY_NEEDS_FUTURE);
	cr_expect(policy_find("ws")->flags & POLICY_WINDOW);
}
