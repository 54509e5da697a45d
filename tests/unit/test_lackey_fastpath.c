/* test_lackey_fastpath.c - the lackey reader against an obvious parser.
 *
 * The reader has a vectorised fast path and a general parser behind it; a
 * trace of random lines - well-formed records of every width and size,
 * page-crossing ones, uppercase hex, valgrind lines, program output, glued
 * records, CRLF, blank lines - must decode exactly as a line-by-line
 * parser written here from the format's description decodes it, across
 * buffer and block boundaries.
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ref.h"
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

/* The obvious model: every page from addr to addr+size-1, low addresses
 * only (the generator keeps to 32 bits), so page number = vpn. */
static void model_record(struct expect *e, char kind, uint64_t addr, uint64_t size,
			 unsigned shift, int data_only)
{
	enum ref_kind k = kind == 'I' ? REF_FETCH : kind == 'L' ? REF_READ : REF_WRITE;

	if (k == REF_FETCH && data_only)
		return;
	for (uint64_t p = addr >> shift; p <= (addr + size - 1) >> shift; p++)
		push(e, ref_make((uint32_t)p, k));
}

/* Write one random line to f, and what it must decode to into e. */
static void random_line(FILE *f, struct expect *e, unsigned shift, int data_only)
{
	static const char kinds[] = "ILSM";
	static const uint64_t sizes[] = { 1, 2, 4, 8, 16, 32, 64, 3, 5, 7, 10, 99, 464, 2688 };
	unsigned what = (unsigned)(rnd() % 100);
	char kind = kinds[rnd() % 4];
	uint64_t size = sizes[rnd() % (sizeof(sizes) / sizeof(sizes[0]))];
	/* Mostly 8 digits; some shorter, some with leading zeros up to 15. */
	uint64_t addr = rnd() % (UINT64_C(1) << 32) & ~(rnd() % 2 ? UINT64_C(0) : UINT64_C(0xfff));
	int width = (int)(rnd() % 10 == 0 ? 1 + rnd() % 15 : 8);
	const char *eol = rnd() % 20 == 0 ? "\r\n" : "\n";
	char head[4];

	if (addr + size - 1 >= (UINT64_C(1) << 32))
		addr = (UINT64_C(1) << 32) - size;
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

static void check_random_trace(uint64_t seed, size_t lines, unsigned shift, int data_only)
{
	char path[] = "/tmp/vmtrace-fastpath-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	struct expect e = { 0 };
	struct trace_options opt = { .page_shift = shift, .data_only = data_only };
	struct trace_reader *r;
	uint32_t *block = malloc(sizeof(uint32_t) * 4096);
	size_t at = 0, got;

	cr_assert_not_null(f);
	rng_state = seed;
	fputs("==1== Lackey, an example Valgrind tool\n", f);
	e.valgrind++;
	for (size_t i = 0; i < lines; i++)
		random_line(f, &e, shift, data_only);
	fclose(f);

	cr_assert_eq(trace_open(&r, path, "lackey", &opt), 0);
	for (;;) {
		cr_assert_eq(trace_next(r, block, 4096, &got), 0);
		if (got == 0)
			break;
		for (size_t i = 0; i < got; i++, at++) {
			cr_assert_lt(at, e.n, "seed %" PRIu64 ": more references than expected", seed);
			cr_assert_eq(block[i], e.refs[at],
				     "seed %" PRIu64 ": reference %zu is %#x, expected %#x", seed, at,
				     block[i], e.refs[at]);
		}
	}
	cr_assert_eq(at, e.n, "seed %" PRIu64 ": %zu references, expected %zu", seed, at, e.n);
	cr_assert_eq(r->sum.references, e.n);
	cr_assert_eq(r->sum.stray_lines, e.stray);
	cr_assert_eq(r->sum.glued_lines, e.glued);
	cr_assert_eq(r->sum.valgrind_lines, e.valgrind);
	trace_close(r);
	unlink(path);
	free(block);
	free(e.refs);
}

Test(lackey_fastpath, decodes_random_lines_as_the_obvious_parser_does, .init = cr_redirect_stderr)
{
	for (uint64_t seed = 1; seed <= 6; seed++)
		check_random_trace(seed, 20000, 12, 0);
}

Test(lackey_fastpath, agrees_across_buffer_refills_on_a_long_trace, .init = cr_redirect_stderr)
{
	/* About 6 MB: several 1 MiB source chunks and many 4096-ref blocks. */
	check_random_trace(77, 300000, 12, 0);
}

Test(lackey_fastpath, agrees_with_small_pages_and_data_only, .init = cr_redirect_stderr)
{
	check_random_trace(5, 20000, 10, 1);
	check_random_trace(6, 20000, 22, 0);
}
