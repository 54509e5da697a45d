/* test_lackey_helper.c - the lackey reader's helper thread changes nothing.
 *
 * With two CPUs the lackey reader gives a later share of the text to a
 * second thread (src/reader/lackey.c).  Whatever share it gives, the
 * references, every count of the summary, the address map and any error
 * message (with its line number) must be what the reader alone makes.
 * Here each trace is read once with the helper off and then with it
 * forced on, its share starting at every byte offset of the text; the
 * reader rounds the offset to the next line start, so every line start
 * and every byte in between are tried.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdarg.h>

#include "helpers.h"
#include "source.h"

static uint64_t rng;

static uint64_t rnd(void)
{
	rng = rng * 6364136223846793005u + 1442695040888963407u;
	return rng >> 33;
}

struct text {
	char *s;
	size_t len, cap;
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->cap - t->len < 8192) {
		t->cap = t->cap ? 2 * t->cap : 1u << 16;
		t->s = realloc(t->s, t->cap);
		cr_assert_not_null(t->s);
	}
	va_start(ap, fmt);
	n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	cr_assert(n >= 0 && (size_t)n < t->cap - t->len);
	t->len += (size_t)n;
}

/*
 * A trace of `lines` random lines: mostly common records (the fast path's
 * shape), with small accesses that cross a page, a high region first
 * touched at line `new_region` (so it may fall in the helper's share) and
 * now and then a new low one,
 * uppercase hex, long sizes, CRLF, valgrind lines, program output alone
 * and glued in front of a record, blank lines, and one line of over 4 KiB.
 */
static struct text random_trace(uint64_t seed, size_t lines, size_t new_region)
{
	static const char *const pfx[] = { "I  ", " L ", " S ", " M " };
	struct text t = { 0 };

	rng = seed;
	for (size_t i = 0; i < lines; i++) {
		unsigned what = (unsigned)(rnd() % 100);
		const char *p = pfx[rnd() % 4];
		/* A program's few regions: code, heap, stack; now and then
		 * anywhere below 2 GiB. */
		uint64_t addr = UINT64_C(0x400000) + rnd() % 0x100000, size = 1 + rnd() % 8;
		const char *eol = rnd() % 8 ? "\n" : "\r\n";

		if (rnd() % 4 == 0)
			addr = UINT64_C(0x5000000) + rnd() % 0x800000;
		if (rnd() % 4 == 0)
			addr = UINT64_C(0x1ffefff000) + rnd() % 0x1000;   /* the stack */
		if (rnd() % 50 == 0)
			addr = rnd() % 0x7ffff000;
		if (i >= new_region && rnd() % 4 == 0)
			addr = UINT64_C(0x7ff000000000) + rnd() % 0x4000;
		if (what < 70)
			add(&t, "%s%08" PRIx64 ",%" PRIu64 "%s", p, addr, size, eol);
		else if (what < 76)   /* across a page: two references */
			add(&t, "%s%08" PRIx64 ",%u%s", p, addr | 0xffc, 8 + (unsigned)(rnd() % 90), eol);
		else if (what < 78)
			add(&t, "%s%08" PRIX64 ",%" PRIu64 "%s", p, addr, size, eol);
		else if (what < 80)
			add(&t, "%s%08" PRIx64 ",%u%s", p, addr, 100 + (unsigned)(rnd() % 3000), eol);
		else if (what < 84)
			add(&t, "==%u== a valgrind message%s", (unsigned)rnd() % 99999, eol);
		else if (what < 88)
			add(&t, "total %u%s", (unsigned)rnd() % 9999, eol);
		else if (what < 92)
			add(&t, "XYZ%s%08" PRIx64 ",%" PRIu64 "%s", p, addr, size, eol);
		else if (what < 99)
			add(&t, "%s", rnd() % 2 ? "\n" : "  \n");
		else
			add(&t, "%0*d\n", 5000, 0);
	}
	return t;
}

/* The reader alone and the reader with its helper agree in everything. */
static void expect_same(const struct th_read *alone, const struct th_read *both, const char *what)
{
	cr_assert_eq(both->rc, alone->rc, "%s: status %d, alone %d", what, both->rc, alone->rc);
	cr_assert_str_eq(both->err, alone->err, "%s: messages differ", what);
	cr_assert_eq(both->n, alone->n, "%s: %zu references, alone %zu", what, both->n, alone->n);
	for (size_t i = 0; i < alone->n; i++)
		cr_assert_eq(both->refs[i], alone->refs[i], "%s: reference %zu is %#x, alone %#x",
			     what, i, both->refs[i], alone->refs[i]);
	cr_assert(trace_summary_same(&alone->sum, &both->sum), "%s: the summaries differ", what);
	cr_assert_eq(both->map.lent, alone->map.lent, "%s", what);
	cr_assert(memcmp(both->map.slot_state, alone->map.slot_state,
			 sizeof(alone->map.slot_state)) == 0, "%s: the maps differ", what);
}

/*
 * check_every_split - read text alone, then with the helper (mode) and its
 * share from every offset of [from, to), in blocks of cap.  Return: the
 * lines the helper parsed in all, so a caller can tell it did run.
 */
static uint64_t check_every_split(const struct text *t, struct trace_options opt, size_t cap,
				  size_t from, size_t to, enum trace_helper mode)
{
	char path[TH_PATH_MAX];
	struct th_read *alone;
	uint64_t helped = 0;

	th_write_temp(path, t->s, t->len);
	opt.helper = TRACE_HELPER_NEVER;
	alone = th_read_path(path, "lackey", opt, cap);
	cr_assert_eq(alone->sum.helper_lines, 0);
	opt.helper = mode;
	for (size_t split = from; split < to && split < t->len; split++) {
		char what[64];
		struct th_read *both;

		opt.helper_split = split;
		both = th_read_path(path, "lackey", opt, cap);
		snprintf(what, sizeof(what), "split %zu, cap %zu", split, cap);
		expect_same(alone, both, what);
		helped += both->sum.helper_lines;
		th_read_free(both);
	}
	th_read_free(alone);
	unlink(path);
	return helped;
}

/* The words the tests share: a small trace, every split of it. */
static void check_trace(uint64_t seed, size_t lines, struct trace_options opt, size_t cap)
{
	struct text t = random_trace(seed, lines, lines / 2);
	uint64_t helped = check_every_split(&t, opt, cap, 1, t.len, TRACE_HELPER_WAIT);

	cr_assert_gt(helped, 0, "the helper never ran");
	free(t.s);
}

Test(lackey_helper, decodes_as_the_reader_alone_at_every_split)
{
	check_trace(1, 80, TH_OPT(), 4096);
}

Test(lackey_helper, agrees_with_data_only_and_first_page_only)
{
	check_trace(2, 70, TH_OPT(.data_only = true), 4096);
	check_trace(3, 70, TH_OPT(.first_page_only = true), 4096);
}

Test(lackey_helper, agrees_with_1_kib_and_4_mib_pages)
{
	check_trace(4, 70, TH_OPT_SHIFT(10), 4096);
	check_trace(5, 70, TH_OPT_SHIFT(22), 4096);
}

/* Blocks smaller than the helper's references: they are handed over in
 * pieces, across calls. */
Test(lackey_helper, hands_its_references_over_across_small_blocks)
{
	check_trace(6, 80, TH_OPT(), TRACE_BLOCK_SLACK + 1);
	check_trace(7, 80, TH_OPT(), 100);
}

/* A job the helper has not begun when the reader reaches it is taken
 * back (a busy machine): the reader parses that text itself. */
Test(lackey_helper, a_job_taken_back_is_parsed_by_the_reader)
{
	struct text t = random_trace(9, 80, 40);
	uint64_t helped = check_every_split(&t, TH_OPT(), 4096, 1, t.len, TRACE_HELPER_TAKE_BACK);

	cr_assert_eq(helped, 0, "a job not taken back");
	free(t.s);
}

/* Lines the helper stops at: a malformed record, a stray line under
 * --strict, an address refused by --reject-high, each at every split
 * before and after it.  The message must name the same line. */
Test(lackey_helper, errors_in_either_share_name_the_line_they_always_named)
{
	static const char *const bad[] = {
		" L 00400000,0\n", " S 0040000g,4\n", "stray output\n", "I  1ffefff000,4\n",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct text t = { 0 };
		uint64_t helped;

		for (unsigned j = 0; j < 40; j++)
			add(&t, " L %08x,4\n", 0x400000 + 64 * j);
		add(&t, "%s", bad[i]);
		for (unsigned j = 0; j < 40; j++)
			add(&t, "I  %08x,2\n", 0x500000 + 64 * j);
		helped = check_every_split(&t, TH_OPT(.strict = i == 2, .reject_high = i == 3), 4096,
					   1, t.len, TRACE_HELPER_WAIT);
		cr_assert_gt(helped, 0, "case %zu: the helper never ran", i);
		free(t.s);
	}
}

/* A high region first touched in the helper's share takes its slot in the
 * order of the trace, not of the threads: the helper does not map. */
Test(lackey_helper, maps_a_region_first_touched_in_its_share_in_trace_order)
{
	struct text t = { 0 };
	struct trace_options opt = TH_OPT(.helper = TRACE_HELPER_WAIT);
	struct th_read *res;
	char path[TH_PATH_MAX];

	add(&t, " L 1ffefff000,4\n");   /* slot 1023 */
	for (unsigned j = 0; j < 200; j++)
		add(&t, " L %08x,4\n", 0x400000 + 64 * j);
	add(&t, " S 7ff000001000,4\n");  /* slot 1022, in the second half */
	add(&t, " S 1ffefff000,4\n");
	th_write_temp(path, t.s, t.len);
	opt.helper_split = t.len / 2;
	res = th_read_path(path, "lackey", opt, 4096);
	cr_assert_eq(res->rc, 0, "%s", res->err);
	cr_assert_eq(res->n, 203);
	cr_expect_eq(res->refs[0], ref_make(0xfffff, REF_READ));
	cr_expect_eq(res->refs[201], ref_make(0xff801, REF_WRITE));
	cr_expect_eq(res->refs[202], ref_make(0xfffff, REF_WRITE));
	cr_expect_eq(res->map.lent, 2);
	th_read_free(res);
	unlink(path);
	free(t.s);
}

/* The reader stops on an error in its own share while the helper may
 * still be parsing the rest: the status and message are the reader's,
 * and closing waits for the helper (ASan and valgrind see no leak, no
 * use after free). */
Test(lackey_helper, an_error_before_the_helpers_share_ends_the_run_cleanly)
{
	struct text t = { 0 };
	struct trace_options opt = TH_OPT(.helper = TRACE_HELPER_WAIT);
	struct th_read *res;

	add(&t, " L 00400000,4\n L 00400000,x\n");
	for (unsigned j = 0; j < 100000; j++)
		add(&t, "I  %08x,4\n", 0x500000 + 16 * j);
	opt.helper_split = 40;
	res = th_read_text_cap(t.s, t.len, "lackey", opt, 4096);
	cr_expect_eq(res->rc, VT_DATAERR);
	cr_expect(th_err_names_line(res, 2), "%s", res->err);
	th_read_free(res);
	free(t.s);
}

/* A long trace read with the helper as a run would use it (share by
 * balance, several source refills: read() into its buffer, or windows of
 * a mapping), against the reader alone. */
Test(lackey_helper, agrees_over_several_refills_with_balanced_shares)
{
	struct text t = random_trace(8, 400000, 200000);
	static const struct {
		bool no_map;
		size_t window;
	} ways[] = { { true, 0 }, { false, 256u << 10 }, { false, 0 } };
	char path[TH_PATH_MAX];
	struct th_read *alone, *both;

	cr_assert_gt(t.len, 3 * SOURCE_CHUNK);
	th_write_temp(path, t.s, t.len);
	alone = th_read_path(path, "lackey", TH_OPT(.helper = TRACE_HELPER_NEVER), 1u << 16);
	for (size_t i = 0; i < sizeof(ways) / sizeof(ways[0]); i++) {
		char what[64];

		both = th_read_path(path, "lackey",
				    TH_OPT(.helper = TRACE_HELPER_WAIT, .no_map = ways[i].no_map,
					   .map_window = ways[i].window), 1u << 16);
		snprintf(what, sizeof(what), "balanced, no_map %d, window %zu", ways[i].no_map,
			 ways[i].window);
		expect_same(alone, both, what);
		cr_expect_gt(both->sum.helper_lines, 0, "%s", what);
		th_read_free(both);
	}
	th_read_free(alone);
	unlink(path);
	free(t.s);
}

/* Two jobs out at once (text for more than one helper's share): the
 * reader takes the first, or takes it back, while the second waits or
 * runs, and goes on to the second from wherever the first stopped. */
Test(lackey_helper, two_jobs_out_agree_with_the_reader_alone)
{
	struct text t = random_trace(10, 300000, 150000);
	static const size_t splits[] = { 1, 4096, 300000 };
	char path[TH_PATH_MAX];
	struct th_read *alone;

	cr_assert_gt(t.len, 3 * SOURCE_CHUNK);
	th_write_temp(path, t.s, t.len);
	alone = th_read_path(path, "lackey", TH_OPT(.helper = TRACE_HELPER_NEVER), 1u << 16);
	for (size_t i = 0; i < sizeof(splits) / sizeof(splits[0]); i++) {
		for (int take_back = 0; take_back < 2; take_back++) {
			enum trace_helper mode = take_back ? TRACE_HELPER_TAKE_BACK : TRACE_HELPER_WAIT;
			struct th_read *both = th_read_path(path, "lackey",
							    TH_OPT(.helper = mode,
								   .helper_split = splits[i]),
							    1u << 16);
			char what[64];

			snprintf(what, sizeof(what), "split %zu, %s", splits[i],
				 take_back ? "taken back" : "waited for");
			expect_same(alone, both, what);
			if (take_back)
				cr_expect_eq(both->sum.helper_lines, 0, "%s", what);
			else
				cr_expect_gt(both->sum.helper_lines, 0, "%s", what);
			th_read_free(both);
		}
	}
	th_read_free(alone);
	unlink(path);
	free(t.s);
}
