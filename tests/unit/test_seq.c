/* test_seq.c - the seq reader ("1,2,3,4,1,2,5"), through trace_open(),
 * trace_next() and trace_close() on temporary files. */
#include <fcntl.h>

#include "helpers.h"

#define R(v) ref_make((v), REF_READ)
#define W(v) ref_make((v), REF_WRITE)

/* Expect the references of a successful read. */
static void expect_refs(const struct th_read *res, const uint32_t *want, size_t n)
{
	cr_assert_eq(res->rc, 0, "read failed with %d: %s", res->rc, res->err);
	cr_assert_eq(res->n, n, "%zu references, want %zu", res->n, n);
	for (size_t i = 0; i < n; i++)
		cr_expect_eq(res->refs[i], want[i], "ref %zu: page %u kind %d, want page %u kind %d", i,
			     ref_vpn(res->refs[i]), (int)ref_kind(res->refs[i]), ref_vpn(want[i]),
			     (int)ref_kind(want[i]));
}

Test(seq, reads_page_numbers_separated_by_commas_and_whitespace)
{
	const uint32_t want[] = { R(1), R(2), R(3), R(4), R(5), R(6), R(7), R(8) };
	struct th_read *res = th_read_text("1,2, 3\t4\n5 ,6\n\n  7\v8\n", "auto", TH_OPT());

	expect_refs(res, want, ARRAY_LEN(want));
	cr_expect_str_eq(res->format, "seq");
	cr_expect_eq(res->sum.records, 8);
	cr_expect_eq(res->sum.references, 8);
	cr_expect_eq(res->sum.reads, 8);
	cr_expect_eq(res->sum.lines, 4);
	cr_expect_str_eq(res->err, "", "no message on a good trace");
	th_read_free(res);
}

Test(seq, reads_decimal_and_0x_hex)
{
	const uint32_t want[] = { R(10), R(16), R(31), R(0xabc), R(0), R(0xfffff), R(7) };
	struct th_read *res = th_read_text("10 0x10 0X1f 0xABC 0 0xfffff 007\n", "auto", TH_OPT());

	expect_refs(res, want, ARRAY_LEN(want));
	th_read_free(res);
}

Test(seq, marks_writes_with_w_and_reads_with_r)
{
	const uint32_t want[] = { W(3), R(4), W(5), R(6), W(0x7), R(8), W(0xa) };
	struct th_read *res = th_read_text("3w,4r,5W 6R\n0x7w 8 0xaw\n", "auto", TH_OPT());

	expect_refs(res, want, ARRAY_LEN(want));
	cr_expect_eq(res->sum.writes, 4);
	cr_expect_eq(res->sum.reads, 3);
	th_read_free(res);
}

Test(seq, skips_comments_to_the_end_of_the_line)
{
	const uint32_t want[] = { R(1), R(2), R(4), R(5), R(6) };
	struct th_read *res =
		th_read_text("# a reference string\n1,2 # two pages, 3 is not here\n#3\n4#5\n5\n6 #", "auto",
			     TH_OPT());

	expect_refs(res, want, ARRAY_LEN(want));
	th_read_free(res);
}

/* Whatever follows '#' on its line is no reference, digits included. */
struct comment_case {
	char text[48];
	uint32_t pages[4];
	size_t n;
};

ParameterizedTestParameters(seq, ignores_digits_inside_comments)
{
	static struct comment_case cases[] = {
		{ "1\n#3\n4\n", { 1, 4 }, 2 },
		{ "1 # 3 pages\n2\n", { 1, 2 }, 2 },
		{ "1 #3,4 5\n2\n", { 1, 2 }, 2 },
		{ "1#2\n3\n", { 1, 3 }, 2 },
		{ "7 8 # 9\n10 #\n11", { 7, 8, 10, 11 }, 4 },
		{ "#\n#12\n13 14\n", { 13, 14 }, 2 },
	};
	return cr_make_param_array(struct comment_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct comment_case *tc, seq, ignores_digits_inside_comments)
{
	struct th_read *res = th_read_text(tc->text, "seq", TH_OPT());
	uint32_t want[4];

	for (size_t i = 0; i < tc->n; i++)
		want[i] = R(tc->pages[i]);
	cr_expect_eq(res->rc, 0, "%s", res->err);
	cr_expect_eq(res->n, tc->n, "on '%s': %zu references, want %zu", tc->text, res->n, tc->n);
	for (size_t i = 0; i < res->n && i < tc->n; i++)
		cr_expect_eq(res->refs[i], want[i], "on '%s': ref %zu is page %u, want %u", tc->text, i,
			     ref_vpn(res->refs[i]), tc->pages[i]);
	th_read_free(res);
}

Test(seq, accepts_a_last_token_without_a_newline)
{
	const uint32_t want[] = { R(1), R(2), R(0x1f), W(12) };
	struct th_read *res = th_read_text("1 2\n0x1f,12w", "seq", TH_OPT());

	expect_refs(res, want, ARRAY_LEN(want));
	cr_expect_eq(res->sum.lines, 2);
	th_read_free(res);
}

Test(seq, accepts_crlf_line_ends)
{
	const uint32_t want[] = { R(1), R(2), W(3), R(4) };
	struct th_read *res = th_read_text("1,2\r\n3w\r\n# note\r\n4\r\n", "auto", TH_OPT());

	expect_refs(res, want, ARRAY_LEN(want));
	th_read_free(res);
}

/* A whole trace on one line of several MiB: tokens cross the reader's
 * chunk boundaries, and every block size gives the same references. */
Test(seq, streams_one_huge_single_line)
{
	enum { N = 500000 };
	static const size_t caps[] = { 65, 1000, 1u << 16 };
	char *text = malloc((size_t)N * 16);
	uint32_t *want = malloc(sizeof(uint32_t) * N);
	size_t len = 0;
	uint64_t x = 12345;
	char path[TH_PATH_MAX];

	cr_assert(text && want);
	for (size_t i = 0; i < N; i++) {
		uint32_t page;
		int write;
		x = x * 6364136223846793005u + 1442695040888963407u;
		page = (uint32_t)(x >> 44) & 0xfffff; /* below 2^20: identity */
		write = (x >> 20) % 5 == 0;
		want[i] = ref_make(page, write ? REF_WRITE : REF_READ);
		len += (size_t)sprintf(text + len, (x >> 30) & 1 ? "0x%x%s" : "%u%s", page,
				       write ? "w" : "");
		text[len++] = (x >> 33) % 3 == 0 ? ' ' : ',';
	}
	len--; /* no separator, no newline after the last token */
	cr_assert_gt(len, 3u << 20, "the line must span several chunks");
	th_write_temp(path, text, len);
	for (size_t c = 0; c < ARRAY_LEN(caps); c++) {
		struct th_read *res = th_read_path(path, "auto", TH_OPT(), caps[c]);
		cr_assert_eq(res->rc, 0, "cap %zu: %s", caps[c], res->err);
		cr_expect_str_eq(res->format, "seq");
		cr_assert_eq(res->n, N, "cap %zu: %zu references, want %d", caps[c], res->n, N);
		cr_expect_eq(memcmp(res->refs, want, sizeof(uint32_t) * N), 0,
			     "cap %zu: references differ", caps[c]);
		cr_expect_eq(res->sum.lines, 1);
		cr_expect_eq(res->sum.bytes, len);
		th_read_free(res);
	}
	unlink(path);
	free(text);
	free(want);
}

Test(seq, streams_many_lines_across_chunks)
{
	enum { N = 300000 };
	char *text = malloc((size_t)N * 16);
	size_t len = 0;
	struct th_read *res;

	cr_assert_not_null(text);
	for (size_t i = 0; i < N; i++)
		len += (size_t)sprintf(text + len, "%zu%s\r\n", i % 1000, i % 4 ? "" : "w");
	res = th_read_text_cap(text, len, "auto", TH_OPT(), 4096);
	cr_assert_eq(res->rc, 0, "%s", res->err);
	cr_assert_eq(res->n, N);
	for (size_t i = 0; i < N; i++)
		if (res->refs[i] != ref_make((uint32_t)(i % 1000), i % 4 ? REF_READ : REF_WRITE))
			cr_assert_fail("ref %zu differs", i);
	cr_expect_eq(res->sum.lines, N);
	th_read_free(res);
	free(text);
}

/* Comments full of digits, over several MiB, so that some comments are
 * cut by the reader's chunk boundaries: only the tokens before '#' count. */
Test(seq, ignores_comments_across_chunk_boundaries)
{
	enum { LINES = 200000 };
	char *text = malloc((size_t)LINES * 64);
	uint32_t *want = malloc(sizeof(uint32_t) * LINES * 2);
	size_t len = 0, n = 0;
	uint64_t x = 777;
	struct th_read *res;

	cr_assert(text && want);
	for (size_t i = 0; i < LINES; i++) {
		uint32_t a, b;
		x = x * 6364136223846793005u + 1442695040888963407u;
		a = (uint32_t)(x >> 40) % 5000;
		b = (uint32_t)(x >> 20) % 5000;
		switch ((x >> 60) % 4) {
		case 0: /* a comment-only line of digits */
			len += (size_t)sprintf(text + len, "#%u %u,%u\n", a, b, a);
			break;
		case 1: /* tokens, then a comment right after '#' */
			len += (size_t)sprintf(text + len, "%u,%uw #%u 1 2 3 4 5 6 7 8 9 0\n", a, b, a);
			want[n++] = ref_make(a, REF_READ);
			want[n++] = ref_make(b, REF_WRITE);
			break;
		case 2: /* tokens, then a comment after blanks */
			len += (size_t)sprintf(text + len, "%u %u  # %u, %u\n", a, b, b, a);
			want[n++] = ref_make(a, REF_READ);
			want[n++] = ref_make(b, REF_READ);
			break;
		default: /* one token glued to its comment */
			len += (size_t)sprintf(text + len, "%u#%u\n", a, b);
			want[n++] = ref_make(a, REF_READ);
			break;
		}
	}
	cr_assert_gt(len, 3u << 20);
	res = th_read_text_cap(text, len, "auto", TH_OPT(), 4096);
	cr_assert_eq(res->rc, 0, "%s", res->err);
	cr_expect_eq(res->n, n, "%zu references, want %zu", res->n, n);
	for (size_t i = 0; i < n && i < res->n; i++)
		if (res->refs[i] != want[i]) {
			cr_expect_fail("ref %zu: page %u kind %d, want page %u kind %d", i,
				       ref_vpn(res->refs[i]), (int)ref_kind(res->refs[i]), ref_vpn(want[i]),
				       (int)ref_kind(want[i]));
			break;
		}
	cr_expect_eq(res->sum.lines, LINES);
	th_read_free(res);
	free(text);
	free(want);
}

/* --- malformed input: exit code 65, the message names file and line ----- */

struct bad_case {
	char text[48];
	char why[48];
};

ParameterizedTestParameters(seq, rejects_malformed_tokens_with_65_naming_the_line)
{
	static struct bad_case cases[] = {
		{ "x", "a letter" },
		{ "12abc", "trailing letters" },
		{ "3ww", "two markers" },
		{ "3x", "an unknown marker" },
		{ "0x", "0x without digits" },
		{ "0xg", "0x with a non-hex digit" },
		{ "-1", "a sign" },
		{ "+1", "a plus sign" },
		{ "1.5", "a fraction" },
		{ "w3", "the marker in front" },
		{ "w", "a marker alone" },
		{ "0x1w2", "digits after the marker" },
		{ "1;2", "a semicolon" },
		{ "18446744073709551616", "2^64 in decimal" },
		{ "99999999999999999999999", "far beyond 64 bits" },
		{ "0x10000000000000000", "2^64 in hex" },
		{ "0x1ffffffffffffffff", "65 bits of hex" },
	};
	return cr_make_param_array(struct bad_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct bad_case *tc, seq, rejects_malformed_tokens_with_65_naming_the_line)
{
	char text[96];
	struct th_read *res;

	snprintf(text, sizeof(text), "1,2\n# fine so far\n3 %s 4\n5\n", tc->text);
	res = th_read_text(text, "seq", TH_OPT());
	cr_expect_eq(res->rc, VT_DATAERR, "'%s' (%s): status %d, want 65", tc->text, tc->why, res->rc);
	cr_expect(th_err_names_line(res, 3), "'%s': the message should name %s:3, got: %s", tc->text,
		  res->path, res->err);
	cr_expect(strncmp(res->err, "vmtrace: ", 9) == 0, "message prefix: %s", res->err);
	th_read_free(res);
}

Test(seq, accepts_the_largest_64_bit_page_numbers)
{
	struct th_read *res = th_read_text("18446744073709551615 0xffffffffffffffff 0x0000000000000000001\n",
					   "seq", TH_OPT());

	cr_assert_eq(res->rc, 0, "%s", res->err);
	cr_assert_eq(res->n, 3);
	cr_expect_eq(res->refs[0], res->refs[1], "the same page twice");
	cr_expect_eq(ref_vpn(res->refs[2]), 1);
	cr_expect_eq(addrmap_unmap(&res->map, ref_vpn(res->refs[0])), UINT64_MAX);
	th_read_free(res);
}

Test(seq, rejects_a_nul_byte)
{
	static const char text[] = "1 2\n3\0 4\n";
	struct th_read *res = th_read_text_cap(text, sizeof(text) - 1, "seq", TH_OPT(), 4096);

	cr_expect_eq(res->rc, VT_DATAERR);
	th_read_free(res);
}

Test(seq, rejects_an_empty_file_with_65)
{
	static const char *const texts[] = { "", "\n\n", "   ,, \n", "# only a comment\n" };

	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		struct th_read *res = th_read_text(texts[i], "auto", TH_OPT());
		cr_expect_eq(res->rc, VT_DATAERR, "auto on '%s': %d", texts[i], res->rc);
		th_read_free(res);
		res = th_read_text(texts[i], "seq", TH_OPT());
		cr_expect_eq(res->rc, VT_DATAERR, "seq on '%s': %d", texts[i], res->rc);
		cr_expect_eq(res->n, 0);
		th_read_free(res);
	}
}

Test(seq, autodetection_rejects_text_that_is_no_trace)
{
	struct th_read *res = th_read_text("hello, world\n", "auto", TH_OPT());

	cr_expect_eq(res->rc, VT_DATAERR);
	cr_expect(res->open_failed);
	th_read_free(res);
}

Test(seq, reads_stdin_when_the_path_is_a_dash)
{
	const uint32_t want[] = { R(3), W(1), R(4) };
	char path[TH_PATH_MAX];
	struct th_read *res;
	int fd, saved;

	th_write_temp(path, "3 1w\n4\n", 7);
	fd = open(path, O_RDONLY);
	cr_assert(fd >= 0);
	saved = dup(0);
	dup2(fd, 0);
	close(fd);
	res = th_read_path("-", "auto", TH_OPT(), 4096);
	dup2(saved, 0);
	close(saved);
	unlink(path);
	expect_refs(res, want, ARRAY_LEN(want));
	th_read_free(res);
}

Test(seq, refuses_an_unknown_format_name_with_64)
{
	struct th_read *res = th_read_text("1 2 3\n", "nope", TH_OPT());

	cr_expect_eq(res->rc, VT_USAGE);
	th_read_free(res);
}

Test(seq, reports_a_missing_file_with_66)
{
	struct th_read *res = th_read_path("/nonexistent/vmtrace-unit-trace", "auto", TH_OPT(), 4096);

	cr_expect_eq(res->rc, VT_NOINPUT);
	th_read_free(res);
}

/* --- page numbers beyond the 32-bit page space (addrmap.h) -------------- */

Test(seq, maps_pages_beyond_the_20_bit_space_without_merging)
{
	/* 4 KiB pages: page 2^20 is address 4 GiB, region 1024 -> slot 1023;
	 * 2^21 is region 2048 -> slot 1022; 0x1ffefff is region 0x7ffb -> slot
	 * 1021.  Low pages keep their numbers. */
	static const uint64_t pages[] = { 1048576, 1048577, 2097152, 1048576, 5, 0x1ffefff, 1049599 };
	static const uint32_t vpns[] = { 0xffc00, 0xffc01, 0xff800, 0xffc00, 5, 0xff7ff, 0xfffff };
	char text[256];
	size_t len = 0;
	struct th_read *res;

	for (size_t i = 0; i < ARRAY_LEN(pages); i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%llu\n",
					(unsigned long long)pages[i]);
	res = th_read_text(text, "auto", TH_OPT());
	cr_assert_eq(res->rc, 0, "%s", res->err);
	cr_assert_eq(res->n, ARRAY_LEN(pages));
	for (size_t i = 0; i < ARRAY_LEN(pages); i++) {
		cr_expect_eq(ref_vpn(res->refs[i]), vpns[i], "page 0x%llx: vpn 0x%x, want 0x%x",
			     (unsigned long long)pages[i], ref_vpn(res->refs[i]), vpns[i]);
		cr_expect_eq(addrmap_unmap(&res->map, ref_vpn(res->refs[i])), pages[i]);
	}
	th_read_free(res);
}

Test(seq, rejects_high_pages_with_reject_high)
{
	struct th_read *res = th_read_text("1\n2\n1048576\n", "seq", TH_OPT(.reject_high = true));

	cr_expect_eq(res->rc, VT_DATAERR);
	cr_expect(th_err_names_line(res, 3), "%s", res->err);
	th_read_free(res);

	res = th_read_text("1\n1048575\n", "seq", TH_OPT(.reject_high = true));
	cr_expect_eq(res->rc, 0, "the last low page is fine: %s", res->err);
	th_read_free(res);
}

Test(seq, stops_when_a_low_page_lands_in_a_lent_slot)
{
	/* 1048576 borrows slot 1023; then page 0xffc00 (1047552), which lives
	 * in slot 1023, would alias it. */
	struct th_read *res = th_read_text("1048576\n1047552\n", "seq", TH_OPT());

	cr_expect_eq(res->rc, VT_DATAERR);
	cr_expect(th_err_names_line(res, 2), "%s", res->err);
	th_read_free(res);
}

Test(seq, maps_high_pages_at_other_page_sizes)
{
	/* 4 MiB pages: page 1024 is 4 GiB -> slot 1023 = vpn 1023.
	 * 1 KiB pages: page 2^22 is 4 GiB -> slot 1023 -> vpn 1023 << 12. */
	struct th_read *res = th_read_text("1024 1023w", "seq", TH_OPT_SHIFT(22));

	cr_assert_eq(res->rc, VT_DATAERR, "page 1023 is in slot 1023, lent to page 1024");
	th_read_free(res);

	res = th_read_text("1024 1022 1025", "seq", TH_OPT_SHIFT(22));
	cr_assert_eq(res->rc, 0, "%s", res->err);
	cr_assert_eq(res->n, 3);
	cr_expect_eq(ref_vpn(res->refs[0]), 1023);
	cr_expect_eq(ref_vpn(res->refs[1]), 1022);
	cr_expect_eq(ref_vpn(res->refs[2]), 1021, "1022 is low, so 1025 takes 1021");
	th_read_free(res);

	res = th_read_text("4194304 4194305 7", "seq", TH_OPT_SHIFT(10));
	cr_assert_eq(res->rc, 0, "%s", res->err);
	cr_assert_eq(res->n, 3);
	cr_expect_eq(ref_vpn(res->refs[0]), 1023u << 12);
	cr_expect_eq(ref_vpn(res->refs[1]), (1023u << 12) + 1);
	cr_expect_eq(ref_vpn(res->refs[2]), 7);
	th_read_free(res);
}

Test(seq, summary_records_the_address_range)
{
	struct th_read *res = th_read_text("5 1 9w", "seq", TH_OPT());

	cr_assert_eq(res->rc, 0);
	cr_expect(res->sum.any_addr);
	cr_expect_eq(res->sum.min_addr, 1u << 12);
	cr_expect_eq(res->sum.max_addr, (10u << 12) - 1, "the last byte of page 9, as for lackey");
	cr_expect_eq(res->sum.bytes, 6);
	th_read_free(res);
}
