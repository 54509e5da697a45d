/* test_lackey_fastpath.c - the lackey reader against an obvious parser.
 *
 * The reader has a one-pass vectorised fast path for the common record
 * shapes and a general parser behind it; a trace of random lines -
 * well-formed records of every width and size, 32- and 64-bit addresses,
 * page-crossing ones, uppercase hex, trailing blanks, valgrind lines,
 * program output, glued records, CRLF, blank lines - must decode exactly
 * as a line-by-line parser written here from the format's description
 * decodes it, across buffer refills (a chunk boundary at every offset of
 * the lines around it) and block boundaries (blocks of random sizes).
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ref.h"
#include "source.h"
#include "trace.h"

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

struct expect {
	uint32_t *refs;
	size_t n, cap;
	uint64_t stray, glued, valgrind;
	/* The 4 MiB regions above 4 GiB in order of first touch: region i
	 * borrows page-directory slot 1023 - i (low addresses stay below
	 * 2 GiB here, so no slot they use is ever in the way). */
	uint64_t high[64];
	unsigned nhigh;
};

static void push(struct expect *e, uint32_t ref)
{
	if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 1024;
		e->refs = realloc(e->refs, e->cap * sizeof(*e->refs));
		cr_assert_not_null(e->refs);
	}
	e->refs[e->n++] = ref;
}

/* The page number in the 32-bit space, by the rule of DESIGN.md. */
static uint32_t model_vpn(struct expect *e, uint64_t page, unsigned shift)
{
	uint64_t addr = page << shift, region = addr >> 22;
	unsigned i;

	if (addr < (UINT64_C(1) << 32))
		return (uint32_t)page;
	for (i = 0; i < e->nhigh && e->high[i] != region; i++)
		;
	if (i == e->nhigh) {
		cr_assert_lt(e->nhigh, 64, "the generator touches too many high regions");
		e->high[e->nhigh++] = region;
	}
	return (uint32_t)(((uint64_t)(1023 - i) << 22 | (addr & ((1u << 22) - 1))) >> shift);
}

/* The obvious model: every page from addr to addr+size-1, in order. */
static void model_record(struct expect *e, char kind, uint64_t addr, uint64_t size,
			 unsigned shift, int data_only)
{
	enum ref_kind k = kind == 'I' ? REF_FETCH : kind == 'L' ? REF_READ : REF_WRITE;

	if (k == REF_FETCH && data_only)
		return;
	for (uint64_t p = addr >> shift; p <= (addr + size - 1) >> shift; p++)
		push(e, ref_make(model_vpn(e, p, shift), k));
}

/* A random address: mostly below 2 GiB, often page-aligned; a third in a
 * few places above 4 GiB (9 to 12 hex digits), each spanning 16 MiB. */
static uint64_t random_addr(void)
{
	static const uint64_t high[] = {
		UINT64_C(0x100000000), UINT64_C(0x1ffeff0000), UINT64_C(0x4000000000),
		UINT64_C(0x7ff000000000),
	};
	uint64_t a;

	if (rnd() % 3 == 0)
		a = high[rnd() % 4] + rnd() % (UINT64_C(16) << 20);
	else
		a = rnd() % (UINT64_C(1) << 31);
	if (rnd() % 2)
		a &= ~UINT64_C(0xfff);
	return a;
}

/* Write one random line to f, and what it must decode to into e. */
static void random_line(FILE *f, struct expect *e, unsigned shift, int data_only)
{
	static const char kinds[] = "ILSM";
	static const uint64_t sizes[] = { 1, 2, 4, 8, 16, 32, 64, 3, 5, 7, 10, 99, 464, 2688 };
	static const char *const eols[] = { "\n", "\n", "\n", "\n", "\r\n", " \n", "\t\r\n", " \r\n" };
	unsigned what = (unsigned)(rnd() % 100);
	char kind = kinds[rnd() % 4];
	uint64_t size = sizes[rnd() % (sizeof(sizes) / sizeof(sizes[0]))];
	uint64_t addr = random_addr();
	/* As lackey prints: at least 8 digits; now and then more leading
	 * zeros (up to 16 digits), or fewer digits than 8. */
	int width = (int)(rnd() % 10 == 0 ? 1 + rnd() % 16 : 8);
	const char *eol = rnd() % 4 ? "\n" : eols[rnd() % 8];
	char head[4];

	if (addr < (UINT64_C(1) << 31) && addr + size - 1 >= (UINT64_C(1) << 31))
		addr = (UINT64_C(1) << 31) - size;
	if (kind == 'I')
		strcpy(head, "I  ");
	else
		snprintf(head, sizeof(head), " %c ", kind);
	if (what < 80) {
		fprintf(f, "%s%0*" PRIx64 ",%" PRIu64 "%s", head, width, addr, size, eol);
		model_record(e, kind, addr, size, shift, data_only);
	} else if (what < 84) {
		fprintf(f, "%s%0*" PRIX64 ",%" PRIu64 "%s", head, width, addr, size, eol);
		model_record(e, kind, addr, size, shift, data_only);
	} else if (what < 88) {
		fprintf(f, "==%u== some valgrind message%s", (unsigned)(rnd() % 99999), eol);
		e->valgrind++;
	} else if (what < 92) {
		fprintf(f, "total %u%s", (unsigned)(rnd() % 10000), eol);
		e->stray++;
	} else if (what < 95) {
		fprintf(f, "XYZ%s%08" PRIx64 ",%" PRIu64 "%s", head, addr, size, eol);
		model_record(e, kind, addr, size, shift, data_only);
		e->glued++;
	} else {
		fputs(rnd() % 2 ? "\n" : "   \n", f);
	}
}

/*
 * check_random_trace - write a trace of random lines and read it back.
 * With lead > 0, valgrind lines fill the first lead bytes, so the first
 * buffer refill (after SOURCE_CHUNK bytes) falls among the random lines at
 * an offset that moves with lead.  Blocks are of random sizes.
 */
static void check_random_trace(uint64_t seed, size_t lines, unsigned shift, int data_only,
			       size_t lead)
{
	char path[] = "/tmp/vmtrace-fastpath-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	struct expect e = { 0 };
	struct trace_options opt = { .page_shift = shift, .data_only = data_only };
	struct trace_reader *r;
	uint32_t *block = malloc(sizeof(uint32_t) * 4096);
	uint64_t cap_rng = seed * 31 + lead;
	size_t at = 0, got, written = 0;

	cr_assert_not_null(f);
	rng_state = seed;
	fputs("==1== Lackey, an example Valgrind tool\n", f);
	written += strlen("==1== Lackey, an example Valgrind tool\n");
	e.valgrind++;
	while (written < lead) {
		/* Lines of 100 bytes ("==1== ", x's, '\n"), then one or two to
		 * end exactly at lead; no random numbers, so that the lines
		 * after them do not depend on lead. */
		size_t left = lead - written;
		size_t n = left >= 200 ? 100 : left > 100 ? left / 2 : left;

		cr_assert_geq(n, 7, "lead %zu leaves a line too short", lead);
		fprintf(f, "==1== %.*s\n", (int)(n - 7),
			"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
		written += n;
		e.valgrind++;
	}
	for (size_t i = 0; i < lines; i++)
		random_line(f, &e, shift, data_only);
	fclose(f);

	cr_assert_eq(trace_open(&r, path, "lackey", &opt), 0);
	for (;;) {
		size_t cap;

		rng_state = cap_rng;
		cap = TRACE_BLOCK_SLACK + 1 + (size_t)(rnd() % (4096 - TRACE_BLOCK_SLACK));
		cap_rng = rng_state;
		cr_assert_eq(trace_next(r, block, cap, &got), 0);
		if (got == 0)
			break;
		for (size_t i = 0; i < got; i++, at++) {
			cr_assert_lt(at, e.n, "seed %" PRIu64 ": more references than expected", seed);
			cr_assert_eq(block[i], e.refs[at],
				     "seed %" PRIu64 " lead %zu: reference %zu is %#x, expected %#x",
				     seed, lead, at, block[i], e.refs[at]);
		}
	}
	cr_assert_eq(at, e.n, "seed %" PRIu64 ": %zu references, expected %zu", seed, at, e.n);
	cr_assert_eq(r->sum.references, e.n);
	cr_assert_eq(r->sum.stray_lines, e.stray);
	cr_assert_eq(r->sum.glued_lines, e.glued);
	cr_assert_eq(r->sum.valgrind_lines, e.valgrind);
	cr_assert_eq(r->map.lent, e.nhigh);
	trace_close(r);
	unlink(path);
	free(block);
	free(e.refs);
}

Test(lackey_fastpath, decodes_random_lines_as_the_obvious_parser_does, .init = cr_redirect_stderr)
{
	for (uint64_t seed = 1; seed <= 6; seed++)
		check_random_trace(seed, 20000, 12, 0, 0);
}

Test(lackey_fastpath, agrees_across_buffer_refills_on_a_long_trace, .init = cr_redirect_stderr)
{
	/* About 6 MB: several 1 MiB source chunks and many blocks. */
	check_random_trace(77, 300000, 12, 0, 0);
}

Test(lackey_fastpath, agrees_with_a_refill_at_every_offset_of_a_line, .init = cr_redirect_stderr)
{
	/* The same lines each time, moved one byte on: lines are at most 44
	 * bytes long, so the refill falls at every offset of those around it. */
	for (size_t off = 0; off < 48; off++) {
		check_random_trace(100, 400, 12, 0, SOURCE_CHUNK - 300 + off);
		check_random_trace(101, 400, 12, 1, SOURCE_CHUNK - 300 + off);
	}
}

Test(lackey_fastpath, agrees_with_small_pages_and_data_only, .init = cr_redirect_stderr)
{
	check_random_trace(5, 20000, 10, 1, 0);
	check_random_trace(6, 20000, 22, 0, 0);
	check_random_trace(7, 20000, 12, 1, 0);
}
