/* helpers.h - small shared helpers for the Criterion unit tests.
 *
 * Everything is static inline: the Makefile links only tests/unit/test_*.c,
 * so there is no helpers.c.  Nothing here reimplements library logic; the
 * reference simulator of test_random.c lives in that file on purpose.
 */
#ifndef VMTRACE_TEST_HELPERS_H
#define VMTRACE_TEST_HELPERS_H

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addrmap.h"
#include "exitcodes.h"
#include "geometry.h"
#include "machine.h"
#include "policy.h"
#include "ref.h"
#include "replay.h"
#include "trace.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* A reproducible PRNG for random tests (splitmix64). */
struct rng {
	uint64_t s;
};

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static inline uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(rng_next(r) % n);
}

/* Every fixed-allocation policy, one spelling each (wsclock with a short
 * window so that it writes back), for tests that run them all. */
#define TH_FRAME_POLICIES                                                                   \
	"opt", "fifo", "lru", "clock", "lfu", "mru", "random", "nru", "esc", "aging",         \
	"linux2q", "wsclock:tau=5", "sieve", "s3fifo", "2q", "arc", "lirs", "clockpro"

/* Trace options with 4 KiB pages; name other fields to change them:
 * TH_OPT(.data_only = true).  TH_OPT_SHIFT(22, ...) for other page sizes. */
#define TH_OPT(...) ((struct trace_options){ .page_shift = 12, __VA_ARGS__ })
#define TH_OPT_SHIFT(shift, ...) ((struct trace_options){ .page_shift = (shift), __VA_ARGS__ })

/*
 * th_refs - turn a tiny reference string such as "1,2w,3 0x10" into packed
 * references: decimal or 0x-hex page numbers, an optional w (write) or
 * x (fetch) suffix.  Written here, independently of the seq reader, so the
 * policy tests do not depend on it.  Return: the number of references.
 */
static inline size_t th_refs(const char *s, uint32_t *out, size_t cap)
{
	size_t n = 0;

	while (*s) {
		char *end;
		unsigned long v;
		enum ref_kind kind = REF_READ;

		if (*s == ',' || isspace((unsigned char)*s)) {
			s++;
			continue;
		}
		v = strtoul(s, &end, 0);
		cr_assert(end != s, "bad test reference string at '%s'", s);
		s = end;
		if (*s == 'w') {
			kind = REF_WRITE;
			s++;
		} else if (*s == 'x') {
			kind = REF_FETCH;
			s++;
		}
		cr_assert(n < cap, "test reference string too long");
		out[n++] = ref_make((uint32_t)v, kind);
	}
	return n;
}

/* Page numbers, all reads. */
static inline void th_refs_from_pages(const uint32_t *pages, size_t n, uint32_t *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = ref_make(pages[i], REF_READ);
}

/*
 * th_replay - replay refs under one policy through replay_refs(), computing
 * next-use with next_use_compute() when the policy needs it.  steps may be
 * NULL; otherwise *steps receives the step table (free with steps_free).
 * Return: replay_refs()'s status.
 */
/* The policy named, every parameter at its default (the process lives for
 * one test, so a table filled on first use is enough). */
static inline const struct policy_choice *th_policy(const char *name)
{
	static struct policy_choice table[64];
	const struct policy_ops *ops = policy_find(name);
	size_t i = 0;

	cr_assert_not_null(ops, "no policy named %s", name);
	while (policy_list[i] != ops)
		i++;
	cr_assert_lt(i, sizeof(table) / sizeof(table[0]));
	if (table[i].ops != ops)
		policy_choice_default(&table[i], ops);
	return &table[i];
}

static inline int th_replay(const char *policy, const uint32_t *refs, size_t n, uint32_t frames,
			    uint64_t tau, unsigned page_shift, struct machine_counters *c,
			    struct steps **steps)
{
	const struct policy_ops *ops = policy_find(policy);
	struct replay_run run = { 0 };
	uint32_t *nu = NULL;
	int err;

	cr_assert_not_null(ops, "no policy named %s", policy);
	if (ops->flags & POLICY_NEEDS_FUTURE)
		cr_assert_eq(next_use_compute(refs, n, page_shift, &nu), 0);
	run.policy = th_policy(policy);
	run.frames = frames;
	run.tau = tau;
	err = replay_refs(refs, n, nu, page_shift, &run, 1, steps != NULL);
	free(nu);
	if (c)
		*c = run.c;
	if (steps)
		*steps = run.steps;
	else
		steps_free(run.steps);
	return err;
}

/* Faults of one run over a reference string; asserts the run succeeded. */
static inline uint64_t th_faults(const char *policy, const char *refstr, uint32_t frames,
				 uint64_t tau)
{
	uint32_t refs[256];
	size_t n = th_refs(refstr, refs, ARRAY_LEN(refs));
	struct machine_counters c;

	cr_assert_eq(th_replay(policy, refs, n, frames, tau, 12, &c, NULL), 0,
		     "%s frames=%u tau=%llu failed", policy, frames, (unsigned long long)tau);
	return c.faults;
}

/* --- stderr capture: library messages go to fd 2 ------------------------- */

struct th_capture {
	int saved;
	FILE *tmp;
};

static inline void th_capture_begin(struct th_capture *cap)
{
	fflush(stderr);
	cap->tmp = tmpfile();
	cr_assert_not_null(cap->tmp);
	cap->saved = dup(2);
	cr_assert(cap->saved >= 0);
	cr_assert(dup2(fileno(cap->tmp), 2) >= 0);
}

static inline void th_capture_end(struct th_capture *cap, char *buf, size_t size)
{
	size_t got;

	fflush(stderr);
	dup2(cap->saved, 2);
	close(cap->saved);
	rewind(cap->tmp);
	got = fread(buf, 1, size - 1, cap->tmp);
	buf[got] = '\0';
	fclose(cap->tmp);
}

/* --- temporary trace files ------------------------------------------------ */

#define TH_PATH_MAX 64

static inline void th_write_temp(char path[TH_PATH_MAX], const char *data, size_t len)
{
	int fd;
	size_t done = 0;

	snprintf(path, TH_PATH_MAX, "/tmp/vmtrace-unit-XXXXXX");
	fd = mkstemp(path);
	cr_assert(fd >= 0, "mkstemp failed");
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		cr_assert(w > 0, "write to %s failed", path);
		done += (size_t)w;
	}
	close(fd);
}

/* What reading a whole trace gave. */
struct th_read {
	int rc;               /* first non-zero status, or 0 */
	bool open_failed;     /* rc came from trace_open() */
	uint32_t *refs;
	size_t n;
	struct trace_summary sum;
	struct addrmap map;   /* the reader's map at the end, for addrmap_unmap */
	char format[16];      /* the format trace_open chose */
	char path[TH_PATH_MAX];
	char err[8192];       /* everything written to stderr */
};

/* Read path to the end (or the first error) in blocks of cap references. */
static inline struct th_read *th_read_path(const char *path, const char *format,
					   struct trace_options opt, size_t cap)
{
	struct th_read *res = calloc(1, sizeof(*res));
	struct trace_reader *r = NULL;
	struct th_capture capture;
	size_t alloc = 0;

	cr_assert_not_null(res);
	snprintf(res->path, sizeof(res->path), "%s", path);
	th_capture_begin(&capture);
	res->rc = trace_open(&r, path, format, &opt);
	if (res->rc) {
		res->open_failed = true;
	} else {
		snprintf(res->format, sizeof(res->format), "%s", r->format->name);
		for (;;) {
			size_t got = 0;
			if (alloc - res->n < cap) {
				alloc = alloc ? alloc * 2 + cap : 4 * cap;
				res->refs = realloc(res->refs, alloc * sizeof(uint32_t));
				cr_assert_not_null(res->refs);
			}
			res->rc = trace_next(r, res->refs + res->n, cap, &got);
			if (res->rc || got == 0)
				break;
			cr_assert_leq(got, cap, "trace_next overfilled its block");
			res->n += got;
		}
		res->sum = r->sum;
		res->map = r->map;
		trace_close(r);
	}
	th_capture_end(&capture, res->err, sizeof(res->err));
	return res;
}

/* Write text to a temporary file, read it back as a trace, remove the file. */
static inline struct th_read *th_read_text_cap(const char *text, size_t len, const char *format,
					       struct trace_options opt, size_t cap)
{
	char path[TH_PATH_MAX];
	struct th_read *res;

	th_write_temp(path, text, len);
	res = th_read_path(path, format, opt, cap);
	unlink(path);
	return res;
}

static inline struct th_read *th_read_text(const char *text, const char *format,
					   struct trace_options opt)
{
	return th_read_text_cap(text, strlen(text), format, opt, 4096);
}

static inline void th_read_free(struct th_read *res)
{
	if (res) {
		free(res->refs);
		free(res);
	}
}

/* The message names the file and a line: "PATH:LINE:". */
static inline bool th_err_names_line(const struct th_read *res, unsigned long line)
{
	char want[TH_PATH_MAX + 32];

	snprintf(want, sizeof(want), "%s:%lu:", res->path, line);
	return strstr(res->err, want) != NULL;
}

#endif
