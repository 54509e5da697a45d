/* test_sweep.c - every sweep point equals a plain replay at that point.
 *
 * The one-pass curves (LRU and OPT by stack distance, WS from the gap
 * histograms) and the simulated ones are checked point by point against
 * replay_refs() on seeded random traces of several shapes with writes, for
 * every frame count 1 .. distinct + 2 and many windows; and the anomaly
 * marks against the textbook strings.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "ref.h"
#include "replay.h"
#include "sweep.h"
#include "helpers.h"

static uint64_t rng;

static uint64_t rnd(void)
{
	uint64_t z = (rng += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

enum shape { UNIFORM, HOTSET, LOOP, PHASES, SHAPES };

static uint32_t *random_trace(enum shape shape, size_t n, uint32_t pages, unsigned wpct)
{
	uint32_t *r = malloc(sizeof(uint32_t) * n);

	for (size_t i = 0; i < n; i++) {
		uint32_t p;
		switch (shape) {
		case UNIFORM: p = (uint32_t)(rnd() % pages); break;
		case HOTSET: p = rnd() % 10 < 9 ? (uint32_t)(rnd() % (pages / 5 + 1)) : (uint32_t)(rnd() % pages); break;
		case LOOP: p = (uint32_t)(i % (pages / 2 + 1)) + (rnd() % 8 == 0 ? (uint32_t)(rnd() % pages) : 0); break;
		default: p = (uint32_t)((i / (n / 4 + 1)) * (pages / 4) + rnd() % (pages / 3 + 1)); break;
		}
		/* Page numbers spread over more than one page table. */
		p = p * 37 + 3;
		r[i] = ref_make(p, rnd() % 100 < wpct ? REF_WRITE : REF_READ);
	}
	return r;
}

static uint64_t distinct_of(const uint32_t *r, size_t n)
{
	uint64_t d = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j;
		for (j = 0; j < i && ref_vpn(r[j]) != ref_vpn(r[i]); j++)
			;
		d += j == i;
	}
	return d;
}

static void check_policy(const char *name, const uint32_t *refs, size_t n, uint64_t distinct,
			 const uint64_t *xs, size_t nx, const char *what)
{
	const struct policy_choice *p = th_policy(name);
	struct sweep_input in = { .refs = refs, .n = n, .page_shift = 12, .distinct = distinct };
	struct sweep_curve cv = { 0 };
	uint32_t *next_use = NULL;

	cr_assert_not_null(p);
	cr_assert_eq(sweep_run(&in, p, xs, nx, 2, NULL, &cv), 0);
	cr_assert_eq(next_use_compute(refs, n, 12, &next_use), 0);
	for (size_t i = 0; i < nx; i++) {
		struct replay_run run = { .policy = p, .frames = (uint32_t)xs[i], .tau = xs[i] };
		cr_assert_eq(replay_refs(refs, n, next_use, 12, &run, 1, false), 0);
		cr_assert_eq(cv.pts[i].faults, run.c.faults, "%s %s at %" PRIu64 ": faults %" PRIu64
			     ", replay %" PRIu64, what, name, xs[i], cv.pts[i].faults, run.c.faults);
		cr_assert_eq(cv.pts[i].hits, run.c.hits, "%s %s at %" PRIu64 ": hits", what, name, xs[i]);
		cr_assert_eq(cv.pts[i].evictions, run.c.evictions, "%s %s at %" PRIu64 ": evictions %"
			     PRIu64 ", replay %" PRIu64, what, name, xs[i], cv.pts[i].evictions,
			     run.c.evictions);
		cr_assert_eq(cv.pts[i].writebacks, run.c.writebacks, "%s %s at %" PRIu64
			     ": writebacks %" PRIu64 ", replay %" PRIu64, what, name, xs[i],
			     cv.pts[i].writebacks, run.c.writebacks);
		if (p->ops->flags & POLICY_WINDOW)
			cr_assert_float_eq(cv.pts[i].mean_resident,
					   (double)run.c.resident_sum / (double)run.c.references, 1e-9,
					   "%s %s tau %" PRIu64 ": mean resident", what, name, xs[i]);
	}
	free(next_use);
	sweep_curve_release(&cv);
}

Test(sweep, every_point_equals_a_replay_on_random_traces)
{
	static const char *const policies[] = { "lru", "opt", "fifo", "clock", "lfu" };

	rng = 2026;
	for (int round = 0; round < 24; round++) {
		enum shape shape = (enum shape)(round % SHAPES);
		uint32_t pages = 3 + (uint32_t)(rnd() % 40);
		size_t n = 50 + (size_t)(rnd() % 600);
		uint32_t *refs = random_trace(shape, n, pages, (unsigned)(rnd() % 60));
		uint64_t distinct = distinct_of(refs, n);
		uint64_t xs[64], taus[] = { 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 1000, 5000 };
		size_t nx = 0;
		char what[64];

		for (uint64_t k = 1; k <= distinct + 2 && nx < 64; k++)
			xs[nx++] = k;
		snprintf(what, sizeof(what), "round %d (shape %d, %zu refs)", round, shape, n);
		for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
			check_policy(policies[i], refs, n, distinct, xs, nx, what);
		check_policy("ws", refs, n, distinct, taus, sizeof(taus) / sizeof(taus[0]), what);
		free(refs);
	}
}

/* The policies of test_modern.c, simulated frame count by frame count. */
Test(sweep, every_point_of_the_queue_policies_equals_a_replay)
{
	static const char *const policies[] = { "sieve", "s3fifo", "2q", "arc", "lirs", "clockpro" };

	rng = 808;
	for (int round = 0; round < 8; round++) {
		uint32_t pages = 3 + (uint32_t)(rnd() % 40);
		size_t n = 50 + (size_t)(rnd() % 600);
		uint32_t *refs = random_trace((enum shape)(round % SHAPES), n, pages, 30);
		uint64_t distinct = distinct_of(refs, n), xs[64];
		size_t nx = 0;

		for (uint64_t k = 1; k <= distinct + 2 && nx < 64; k++)
			xs[nx++] = k;
		for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
			check_policy(policies[i], refs, n, distinct, xs, nx, "queue policies");
		free(refs);
	}
}

Test(sweep, a_longer_trace_with_deep_stacks_agrees_with_replay)
{
	uint32_t *refs;
	uint64_t xs[] = { 1, 2, 7, 50, 199, 200, 333, 600, 601, 1000 }, taus[] = { 1, 10, 100, 999, 5000 };

	rng = 7;
	refs = random_trace(UNIFORM, 20000, 600, 20);
	check_policy("lru", refs, 20000, distinct_of(refs, 20000), xs, 10, "long");
	check_policy("opt", refs, 20000, distinct_of(refs, 20000), xs, 10, "long");
	check_policy("fifo", refs, 20000, distinct_of(refs, 20000), xs, 10, "long");
	check_policy("ws", refs, 20000, distinct_of(refs, 20000), taus, 5, "long");
	free(refs);
}

Test(sweep, opt_agrees_with_replay_when_its_stack_spans_many_blocks)
{
	/* Thousands of pages: the OPT pass splits, empties and regrows the
	 * blocks of its stack many times over. */
	uint64_t xs[] = { 1, 63, 64, 65, 127, 128, 129, 700, 2000, 3999, 4000, 6000 };
	uint32_t *refs;

	rng = 11;
	for (int shape = 0; shape < SHAPES; shape++) {
		refs = random_trace((enum shape)shape, 30000, 4000, 25);
		check_policy("opt", refs, 30000, distinct_of(refs, 30000), xs, 12, "many blocks");
		free(refs);
	}
}

static void curve_of(const char *name, const int *s, size_t n, uint64_t lo, uint64_t hi,
		     struct sweep_curve *cv)
{
	uint32_t refs[32];
	uint64_t xs[16], nx = 0;
	struct sweep_input in = { .refs = refs, .n = n, .page_shift = 12 };

	for (size_t i = 0; i < n; i++)
		refs[i] = ref_make((uint32_t)s[i], REF_READ);
	in.distinct = distinct_of(refs, n);
	for (uint64_t k = lo; k <= hi; k++)
		xs[nx++] = k;
	cr_assert_eq(sweep_run(&in, th_policy(name), xs, nx, 1, NULL, cv), 0);
}

Test(sweep, marks_beladys_anomaly_exactly_where_the_curve_rises)
{
	static const int belady[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };
	static const int clock[] = { 0, 1, 2, 3, 1, 0, 1, 4, 0, 1 };
	static const int lfu[] = { 0, 0, 1, 2, 1, 2, 3, 0, 3, 0 };
	struct sweep_curve cv;

	curve_of("fifo", belady, 12, 1, 6, &cv);
	for (size_t i = 0; i < cv.n; i++)
		cr_assert_eq(cv.pts[i].anomaly, cv.pts[i].x == 4, "fifo at %" PRIu64, cv.pts[i].x);
	cr_assert_eq(cv.pts[2].faults, 9);
	cr_assert_eq(cv.pts[3].faults, 10);
	sweep_curve_release(&cv);
	for (int k = 0; k < 2; k++) {
		curve_of(k ? "opt" : "lru", belady, 12, 1, 6, &cv);
		for (size_t i = 0; i < cv.n; i++)
			cr_assert(!cv.pts[i].anomaly, "stack algorithms have no anomaly");
		sweep_curve_release(&cv);
	}
	curve_of("clock", clock, 10, 3, 4, &cv);
	cr_assert_eq(cv.pts[0].faults, 6);
	cr_assert_eq(cv.pts[1].faults, 7);
	cr_assert(cv.pts[1].anomaly);
	sweep_curve_release(&cv);
	curve_of("lfu", lfu, 10, 2, 3, &cv);
	cr_assert_eq(cv.pts[0].faults, 6);
	cr_assert_eq(cv.pts[1].faults, 7);
	cr_assert(cv.pts[1].anomaly);
	sweep_curve_release(&cv);
}

Test(sweep, parses_ranges_and_refuses_bad_ones, .init = NULL)
{
	struct sweep_range r;
	uint64_t *v;
	size_t n;

	cr_assert_eq(sweep_parse_range("-n", "1-64:2", 1u << 20, true, &r), 0);
	cr_assert_eq(r.lo, 1);
	cr_assert_eq(r.hi, 64);
	cr_assert_eq(r.step, 2);
	cr_assert_eq(sweep_range_values(&r, 0, &v, &n), 0);
	cr_assert_eq(n, 32);
	cr_assert_eq(v[31], 63);
	free(v);
	cr_assert_eq(sweep_parse_range("-n", "all", 1u << 20, true, &r), 0);
	cr_assert(r.all);
	cr_assert_eq(sweep_range_values(&r, 5, &v, &n), 0);
	cr_assert_eq(n, 5);
	free(v);
	cr_assert_eq(sweep_parse_range("-n", "7", 1u << 20, true, &r), 0);
	cr_assert_eq(r.lo, 7);
	cr_assert_eq(r.hi, 7);
}

/* Edge shapes for the one-pass structures: one page only; thousands of
 * pages touched once at the end (a long never-reused tail, all ties for
 * OPT); page numbers far above 2^16; write-heavy traces; frame counts far
 * beyond the distinct pages. */
Test(sweep, stack_passes_agree_with_replay_on_edge_traces)
{
	static const char *const policies[] = { "lru", "opt" };
	uint64_t xs[] = { 1, 2, 3, 31, 64, 65, 500, 1999, 2000, 2001, 4999, 5000, 70000, 1u << 20 };
	size_t nx = sizeof(xs) / sizeof(xs[0]);
	uint32_t *refs = malloc(sizeof(uint32_t) * 40000);

	/* One page, read and written. */
	for (size_t i = 0; i < 100; i++)
		refs[i] = ref_make(123456, i % 3 ? REF_READ : REF_WRITE);
	for (size_t p = 0; p < 2; p++)
		check_policy(policies[p], refs, 100, 1, xs, nx, "one page");

	/* A hot loop, then a tail of 5000 pages never used again, some
	 * written, at page numbers up to 2^20 - 1. */
	rng = 99;
	for (size_t i = 0; i < 20000; i++)
		refs[i] = ref_make((uint32_t)(rnd() % 300) * 3000 + 7, rnd() % 4 ? REF_READ : REF_WRITE);
	for (size_t i = 0; i < 5000; i++)
		refs[20000 + i] = ref_make((uint32_t)((1u << 20) - 1 - i * 13), i % 5 ? REF_READ : REF_WRITE);
	for (size_t p = 0; p < 2; p++)
		check_policy(policies[p], refs, 25000, distinct_of(refs, 25000), xs, nx, "tail");

	/* Every other reference a first touch: the LRU slots run out and are
	 * renumbered many times; then mostly writes over many pages. */
	for (size_t i = 0; i < 40000; i++)
		refs[i] = ref_make(i % 2 ? (uint32_t)(70000 + i) : (uint32_t)(rnd() % 2000) * 200,
				   rnd() % 10 < 7 ? REF_WRITE : REF_READ);
	for (size_t p = 0; p < 2; p++)
		check_policy(policies[p], refs, 40000, distinct_of(refs, 40000), xs, nx, "first touches");
	free(refs);
}

/* The trace on which a public one-pass OPT implementation gives the last
 * reference distance 2: Belady with 2 frames keeps 3 (used again at 4 and
 * 5) and evicts 0 at time 4, so the last 0 faults at 2 frames and hits at
 * 3.  Distances 0 0 0 0 2 1 3: faults 6, 5, 4, 4 at 1 .. 4 frames. */
Test(sweep, opt_distance_on_0_5_3_2_3_3_0_is_three)
{
	static const int s[] = { 0, 5, 3, 2, 3, 3, 0 };
	static const uint64_t want[] = { 6, 5, 4, 4 };
	struct sweep_curve cv;

	curve_of("opt", s, 7, 1, 4, &cv);
	for (size_t i = 0; i < 4; i++)
		cr_assert_eq(cv.pts[i].faults, want[i], "opt at %zu frames: %" PRIu64 " faults, want %"
			     PRIu64, i + 1, cv.pts[i].faults, want[i]);
	sweep_curve_release(&cv);
}

/*
 * Many small traces with writes, every frame count: what a faster OPT
 * pass must reproduce.  Small alphabets make ties among pages never used
 * again, re-reads of dirty pages and pages that leave and come back
 * frequent, so every rule of the write-back accounting is exercised:
 * a write resets the dirty threshold, a read found at depth d raises it
 * to d, and the end-of-trace depths (which, under the least-recently-used
 * tie rule, are the pages' LRU ranks) close the accounts.
 */
Test(sweep, opt_and_lru_match_replays_on_many_small_traces_with_writes)
{
	static const char *const policies[] = { "lru", "opt" };

	rng = 31337;
	for (int round = 0; round < 1500; round++) {
		uint32_t pages = 1 + (uint32_t)(rnd() % 9);
		size_t n = 1 + (size_t)(rnd() % 40);
		unsigned wpct = (unsigned)(rnd() % 101);
		uint32_t refs[40];
		uint64_t xs[12], distinct;
		size_t nx = 0;
		char what[64];

		for (size_t i = 0; i < n; i++)
			refs[i] = ref_make((uint32_t)(rnd() % pages) * 1031 + 5,
					   rnd() % 100 < wpct ? REF_WRITE : REF_READ);
		distinct = distinct_of(refs, n);
		for (uint64_t k = 1; k <= distinct + 1; k++)
			xs[nx++] = k;
		snprintf(what, sizeof(what), "small round %d (%zu refs, %u%% writes)", round, n, wpct);
		for (size_t p = 0; p < 2; p++)
			check_policy(policies[p], refs, n, distinct, xs, nx, what);
	}
}

/*
 * Traces shaped against the OPT pass's runs (stackdist_opt.c): sequential
 * scans, forwards and backwards, longer than a block (runs of ascending
 * keys that cross many blocks, and descents); cyclic loops a little
 * longer than the frame counts around them; the benchmark's mix of a
 * moving hot set, scans and random pages; thousands of distinct pages;
 * writes.  Every point against a replay: every frame count where the
 * trace is small enough, else a spread of them around block sizes.
 */
enum stress { SCANS, LOOPS, MIX, STRESSES };

static void stress_trace(enum stress kind, uint32_t *r, size_t n, uint32_t pages, unsigned wpct)
{
	size_t i = 0;
	uint32_t base = 0, loop = pages;

	while (i < n) {
		uint32_t p = 0;
		switch (kind) {
		case SCANS: {
			uint32_t start = (uint32_t)(rnd() % pages), len = 1 + (uint32_t)(rnd() % pages);
			int back = rnd() % 4 == 0;
			for (uint32_t k = 0; k < len && i < n; k++, i++) {
				p = back ? (start + pages - k % pages) % pages : (start + k) % pages;
				r[i] = ref_make(p * 7 + 1, rnd() % 100 < wpct ? REF_WRITE : REF_READ);
			}
			continue;
		}
		case LOOPS:
			if (i % 2000 == 0)
				loop = pages / 2 + (uint32_t)(rnd() % (pages / 2 + 1));
			p = rnd() % 16 == 0 ? (uint32_t)(rnd() % pages) : (uint32_t)(i % loop);
			break;
		default:
			if (i % (n / 5 + 1) == 0)
				base = (uint32_t)(rnd() % pages);
			if (rnd() % 10 < 2) {
				uint32_t start = (uint32_t)(rnd() % pages), len = 8 + (uint32_t)(rnd() % (pages / 2));
				for (uint32_t k = 0; k < len && i < n; k++, i++)
					r[i] = ref_make((start + k) % pages * 7 + 1,
							rnd() % 10 == 0 ? REF_WRITE : REF_READ);
				continue;
			}
			p = rnd() % 8 ? (base + (uint32_t)(rnd() % 32)) % pages : (uint32_t)(rnd() % pages);
			break;
		}
		r[i++] = ref_make(p * 7 + 1, rnd() % 100 < wpct ? REF_WRITE : REF_READ);
	}
}

Test(sweep, opt_matches_replays_on_scans_loops_and_mixes_at_every_frame_count)
{
	static const uint32_t sizes[] = { 150, 700 };
	size_t n = 6000;
	uint32_t *refs = malloc(sizeof(uint32_t) * n);
	uint64_t *xs = malloc(sizeof(uint64_t) * 800);

	rng = 4242;
	for (int kind = 0; kind < STRESSES; kind++)
		for (size_t z = 0; z < 2; z++) {
			uint64_t distinct;
			size_t nx = 0;
			char what[64];

			stress_trace((enum stress)kind, refs, n, sizes[z], 5 + 20 * (unsigned)z);
			distinct = distinct_of(refs, n);
			for (uint64_t k = 1; k <= distinct + 2; k++)
				xs[nx++] = k;
			snprintf(what, sizeof(what), "stress %d over %u pages", kind, sizes[z]);
			check_policy("opt", refs, n, distinct, xs, nx, what);
			check_policy("lru", refs, n, distinct, xs, nx, what);
		}
	free(refs);
	free(xs);
}

Test(sweep, opt_matches_replays_on_long_stress_traces_over_thousands_of_pages)
{
	uint64_t xs[] = { 1, 2, 3, 5, 31, 63, 64, 65, 100, 127, 128, 129, 191, 255, 256, 257, 500,
			  1000, 1500, 2047, 2048, 2049, 2500, 3000, 3500, 4000, 4500, 4999, 5000, 5001 };
	size_t n = 60000;
	uint32_t *refs = malloc(sizeof(uint32_t) * n);

	rng = 77;
	for (int kind = 0; kind < STRESSES; kind++) {
		char what[64];

		stress_trace((enum stress)kind, refs, n, 5000, 15);
		snprintf(what, sizeof(what), "long stress %d", kind);
		check_policy("opt", refs, n, distinct_of(refs, n), xs, sizeof(xs) / sizeof(xs[0]), what);
	}
	free(refs);
}
