/* lackey.c - `valgrind --tool=lackey --trace-mem=yes` output.
 *
 * Notes (the model; the man page says the same):
 *   - Records, as lk_main.c prints them: "I  addr,size" (instruction fetch,
 *     from column 0, two spaces), " L addr,size", " S addr,size",
 *     " M addr,size" (load, store, modify).  addr is hex without 0x, at
 *     least 8 digits, longer on 64-bit hosts; size is decimal.
 *   - M is a load and a store of the same bytes: ONE reference, a write.
 *   - An access that crosses a page boundary references every page it
 *     touches, lowest first (first_page_only: only the page of addr).
 *   - Valgrind's own lines (==PID==, --PID--, **PID**, ++PID++) are skipped
 *     silently.  Anything else is the traced program's output sharing the
 *     stream: a stray line, skipped and counted (strict: an error).  Program
 *     output can be glued to the front of a record ("XYZI  0493f350,6"); the
 *     record at the end of such a line is kept and the line counted apart
 *     (glued_lines; strict: an error).  CR before LF is ignored.
 *   - A line that starts like a record and has a hex address and a comma is
 *     a record: a bad size or an address beyond 64 bits is malformed input,
 *     not stray output.
 *   - Sizes above LACKEY_MAX_SIZE are refused: lackey's largest accesses are
 *     a few KiB (xsave areas), and the cap bounds the pages one record makes.
 */
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "exitcodes.h"
#include "ref.h"
#include "scan.h"
#include "swar.h"
#include "trace.h"

#define LACKEY_MAX_SIZE 32768u
/* Lines longer than this cannot be records; they are skipped as stray
 * output without being held in memory. */
#define LACKEY_MAX_LINE 4096u

enum parse_result { REC_OK, REC_NOT_RECORD, REC_MALFORMED };

struct record {
	enum ref_kind kind;
	uint64_t addr;
	uint64_t size;
	const char *why;   /* for REC_MALFORMED */
};

/* Parse "addr,size" at p..e, the record body after its 3-byte prefix. */
static enum parse_result parse_body(const unsigned char *p, const unsigned char *e,
				    struct record *rec)
{
	uint64_t addr = 0, size = 0;
	const unsigned char *start = p;
	unsigned d;

	while (p < e && (d = scan_hex[*p]) != 0) {
		if (p - start >= 16) {
			rec->why = "address beyond 64 bits";
			return REC_MALFORMED;
		}
		addr = addr << 4 | (d - 1);
		p++;
	}
	if (p == start || p >= e || *p != ',')
		return REC_NOT_RECORD;
	p++;
	start = p;
	while (p < e && scan_is_digit(*p)) {
		size = size * 10 + (uint64_t)(*p - '0');
		if (size > LACKEY_MAX_SIZE) {
			rec->why = "access size too large (at most 32768 bytes)";
			return REC_MALFORMED;
		}
		p++;
	}
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	if (p == start || p != e) {
		rec->why = "bad access size";
		return REC_MALFORMED;
	}
	if (size == 0) {
		rec->why = "access size 0";
		return REC_MALFORMED;
	}
	if (addr > UINT64_MAX - (size - 1)) {
		rec->why = "access runs past the end of the 64-bit address space";
		return REC_MALFORMED;
	}
	rec->addr = addr;
	rec->size = size;
	return REC_OK;
}

/* The 3-byte record prefix at p, or -1. */
static int prefix_kind(const unsigned char *p, const unsigned char *e)
{
	if (e - p < 3 || p[2] != ' ')
		return -1;
	if (p[0] == 'I' && p[1] == ' ')
		return REF_FETCH;
	if (p[0] != ' ')
		return -1;
	if (p[1] == 'L')
		return REF_READ;
	if (p[1] == 'S' || p[1] == 'M')
		return REF_WRITE;
	return -1;
}

static enum parse_result parse_record(const unsigned char *p, const unsigned char *e,
				      struct record *rec)
{
	int kind = prefix_kind(p, e);

	if (kind < 0)
		return REC_NOT_RECORD;
	rec->kind = (enum ref_kind)kind;
	return parse_body(p + 3, e, rec);
}

/* ==123==, --123--, **123**, ++123++ */
static int is_valgrind_line(const unsigned char *p, const unsigned char *e)
{
	unsigned char c = *p;
	const unsigned char *q;

	if (e - p < 5 || (c != '=' && c != '-' && c != '*' && c != '+') || p[1] != c)
		return 0;
	for (q = p + 2; q < e && scan_is_digit(*q); q++)
		;
	return q > p + 2 && q + 1 < e && q[0] == c && q[1] == c;
}

static int is_blank(const unsigned char *p, const unsigned char *e)
{
	for (; p < e; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

static int stray(struct trace_reader *r, const unsigned char *p, const unsigned char *e)
{
	if (r->opt.strict) {
		char ex[48];
		scan_excerpt(ex, sizeof(ex), (const char *)p, (size_t)(e - p));
		return vt_error(VT_DATAERR, "%s:%llu: not a lackey record: '%s' (--strict)",
				r->src.name, (unsigned long long)r->line, ex);
	}
	if (r->sum.stray_lines++ == 0) {
		r->sum.first_stray_line = r->line;
		scan_excerpt(r->sum.first_stray, sizeof(r->sum.first_stray), (const char *)p,
			     (size_t)(e - p));
	}
	return 0;
}

/* Turn one record into references in out[]; return how many. */
static int emit(struct trace_reader *r, const struct record *rec, uint32_t *out, size_t *k)
{
	unsigned sh = r->opt.page_shift;
	uint64_t first = rec->addr >> sh;
	uint64_t last = (rec->addr + rec->size - 1) >> sh;
	uint64_t hi = rec->addr + rec->size - 1;

	r->sum.records++;
	if (rec->kind == REF_FETCH && r->opt.data_only) {
		r->sum.dropped_fetches++;
		return 0;
	}
	if (!r->sum.any_addr || rec->addr < r->sum.min_addr)
		r->sum.min_addr = rec->addr;
	if (!r->sum.any_addr || hi > r->sum.max_addr)
		r->sum.max_addr = hi;
	r->sum.any_addr = true;
	if (last != first) {
		r->sum.crossing++;
		if (r->opt.first_page_only)
			last = first;
	}
	for (uint64_t page = first; page <= last; page++) {
		uint32_t vpn;
		int st = addrmap_page(&r->map, page, &vpn);
		if (st)
			return trace_map_error(r, st, page);
		out[(*k)++] = ref_make(vpn, rec->kind);
		r->sum.references++;
		if (rec->kind == REF_READ)
			r->sum.reads++;
		else if (rec->kind == REF_WRITE)
			r->sum.writes++;
		else
			r->sum.fetches++;
	}
	return 0;
}

/* One complete line p..e (newline excluded). */
static int do_line(struct trace_reader *r, const unsigned char *p, const unsigned char *e,
		   uint32_t *out, size_t *k)
{
	struct record rec;
	enum parse_result res = parse_record(p, e, &rec);

	if (res == REC_OK)
		return emit(r, &rec, out, k);
	if (res == REC_MALFORMED)
		goto malformed;
	if (is_blank(p, e) || is_valgrind_line(p, e)) {
		if (!is_blank(p, e))
			r->sum.valgrind_lines++;
		return 0;
	}
	/* Program output glued in front of a record: take the first record
	 * prefix from which the rest of the line parses. */
	for (const unsigned char *q = p + 1; q + 3 < e; q++) {
		if (prefix_kind(q, e) < 0)
			continue;
		res = parse_record(q, e, &rec);
		if (res == REC_OK) {
			if (r->opt.strict)
				return stray(r, p, e);
			if (r->sum.glued_lines++ == 0)
				r->sum.first_glued_line = r->line;
			return emit(r, &rec, out, k);
		}
	}
	return stray(r, p, e);
malformed: {
		char ex[48];
		scan_excerpt(ex, sizeof(ex), (const char *)p, (size_t)(e - p));
		return vt_error(VT_DATAERR, "%s:%llu: %s: '%s'", r->src.name,
				(unsigned long long)r->line, rec.why, ex);
	}
}

/* The record prefix for each byte after column 0, as a little-endian
 * number; for byte 0 one no 3 bytes can match, so that 0 means "none". */
#define PREFIX3(a, b, c) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16)
static const uint32_t prefix_of[256] = {
	[0] = UINT32_MAX,
	[' '] = PREFIX3('I', ' ', ' '), ['L'] = PREFIX3(' ', 'L', ' '),
	['S'] = PREFIX3(' ', 'S', ' '), ['M'] = PREFIX3(' ', 'M', ' '),
};
static const uint8_t kind_of[256] = {
	[' '] = REF_FETCH, ['L'] = REF_READ, ['S'] = REF_WRITE, ['M'] = REF_WRITE,
};

static inline uint32_t le32(uint32_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap32(v);
#else
	return v;
#endif
}

/* References by kind, counted in one register: 21 bits each. */
#define TALLY_SHIFT 21u
#define TALLY_MASK ((UINT64_C(1) << TALLY_SHIFT) - 1)
static const uint64_t tally_of[3] = {
	[REF_READ] = 1, [REF_WRITE] = UINT64_C(1) << TALLY_SHIFT,
	[REF_FETCH] = UINT64_C(1) << 2 * TALLY_SHIFT,
};

/* Where fast lines look their pages up and leave their counts. */
struct fast_ctx {
	struct addrmap *map;                 /* the reader's own thread: may map */
	const struct addrmap_cached *cache;  /* the helper: a copy, read only */
	unsigned region_shift, page_shift;
	bool first_page_only;
	struct trace_summary *sum;           /* counts are added here */
	uint64_t *line;                      /* and lines here */
};

/*
 * fast_page - a page's VPN for the fast path.  The reader's thread may map
 * a new region (addrmap_page()); the helper thread only looks in its copy
 * of the map's cache, whose entries are final once made (addrmap.h), so a
 * copy taken when its job starts answers exactly as the map would, or not
 * at all - and then the line is left to the reader's thread, which maps
 * regions in the order the trace first touches them.
 */
static inline __attribute__((always_inline)) bool fast_page(const struct fast_ctx *c,
							    uint64_t page, uint32_t *vpn,
							    bool may_map)
{
	uint64_t region;
	const struct addrmap_cached *e;

	if (may_map)
		return addrmap_page(c->map, page, vpn) == ADDRMAP_OK;
	region = page >> c->region_shift;
	e = &c->cache[region & (ADDRMAP_CACHE - 1)];
	if (e->region != region)
		return false;
	*vpn = (uint32_t)(page + e->delta);
	return true;
}

/* The longest line the fast path takes, '\n' excluded: the bytes after
 * its prefix fit the 16 read at once, and addr + size cannot wrap. */
#define FAST_MAX_LINE 19u

/*
 * fast_lines_body - parse whole lines from p on, in one pass, while each
 * is a record of the common shape: "I  " or " X " at column 0, lowercase
 * hex digits, a comma, a size of 1 or 2 digits, "\n" or "\r\n", at most
 * FAST_MAX_LINE bytes, in regions already mapped.  A size below 100 and a
 * page of 1 KiB or more make at most two pages.  Any other line (or one
 * cut by the end of the data) stops it, for the general parser, which
 * reads such lines exactly as this does.  It stops too when out[] is full:
 * a line makes at most two references here, and one may be parsed while
 * k + TRACE_BLOCK_SLACK <= cap.  SOURCE_PAD readable bytes follow e.
 * data_only and may_map are parameters, not read from c, so that each
 * caller gets a copy without the tests: whether the next line is a fetch
 * is a coin toss the CPU would mispredict.  Return: bytes consumed.
 */
static inline __attribute__((always_inline)) size_t
fast_lines_body(const struct fast_ctx *c, const unsigned char *p, const unsigned char *e,
		uint32_t *out, size_t *kp, size_t cap, bool data_only, bool may_map)
{
	const unsigned sh = c->page_shift;
	const size_t k0 = *kp;
	/* Parse while k < stop; a line adds at most 2 references, and the
	 * tally's fields hold 2^21 - 1. */
	const size_t stop = (cap - TRACE_BLOCK_SLACK + 1 < k0 + TALLY_MASK - 1 ?
			     cap - TRACE_BLOCK_SLACK + 1 : k0 + TALLY_MASK - 1);
	const unsigned char *q = p;   /* the next line */
	size_t k = k0;
	uint64_t lo = UINT64_MAX, hi = 0, dropped = 0, tally = 0, lines = 0, crossing = 0;
	struct trace_summary *s = c->sum;

	/* Newlines 64 bytes at a time: the next line's start does not wait
	 * for this one's parse, so the CPU overlaps lines. */
	for (const unsigned char *blk = p; blk < e; blk += 64) {
		uint64_t nls = swar_newlines64(blk);

		if (e - blk < 64)
			nls &= ((uint64_t)1 << (e - blk)) - 1;
		for (; nls; nls &= nls - 1) {
			const unsigned char *nl = blk + __builtin_ctzll(nls);
			unsigned len = (unsigned)(nl - q), hex, n, digits, two, d0, d1, size, bad;
			uint32_t head, vpn;
			enum ref_kind kind = (enum ref_kind)kind_of[q[1]];
			uint64_t addr, last;

			/* "I  0,1" is the shortest record. */
			if (k >= stop || len - 6 > FAST_MAX_LINE - 6)
				goto done;
			memcpy(&head, q, sizeof(head));
			addr = swar_hex16(q + 3, &hex);
			/* n hex digits end at the comma, then size digits up to
			 * the '\r' or '\n'. */
			n = (unsigned)__builtin_ctz(~hex);
			digits = len - 3 - n - 1 - (nl[-1] == '\r');
			two = digits == 2;
			d0 = (unsigned)q[3 + n + 1] - '0';
			d1 = (unsigned)q[3 + n + 2] - '0';
			/* two ? 10 * d0 + d1 : d0, with a mask: a branch would
			 * be a coin toss. */
			size = d0 + ((9 * d0 + d1) & -two);
			/* One branch for all the checks. */
			bad = ((le32(head) & 0xffffff) != prefix_of[q[1]]) | (n == 0) |
			      (q[3 + n] != ',') | (digits - 1 > 1) | (d0 > 9) | ((d1 > 9) & two) |
			      (size == 0);
			if (bad)
				goto done;
			addr >>= 4 * (16 - n);
			last = addr + size - 1;
			if (data_only && kind == REF_FETCH) {
				dropped++;
			} else {
				if (!fast_page(c, addr >> sh, &vpn, may_map))
					goto done;
				if (__builtin_expect(((addr ^ last) >> sh) != 0, 0)) {
					/* One access in hundreds: the next page too. */
					uint32_t vpn2;

					if (!c->first_page_only) {
						if (!fast_page(c, last >> sh, &vpn2, may_map))
							goto done;
						out[k++] = ref_make(vpn, kind);
						tally += tally_of[kind];
						vpn = vpn2;
					}
					crossing++;
				}
				out[k++] = ref_make(vpn, kind);
				tally += tally_of[kind];
				lo = addr < lo ? addr : lo;
				hi = last > hi ? last : hi;
			}
			lines++;
			q = nl + 1;
		}
	}
done:
	if (k > k0) {
		if (!s->any_addr || lo < s->min_addr)
			s->min_addr = lo;
		if (!s->any_addr || hi > s->max_addr)
			s->max_addr = hi;
		s->any_addr = true;
	}
	*c->line += lines;
	s->lines += lines;
	s->records += lines;
	s->references += k - k0;
	s->reads += tally & TALLY_MASK;
	s->writes += tally >> TALLY_SHIFT & TALLY_MASK;
	s->fetches += tally >> 2 * TALLY_SHIFT;
	s->dropped_fetches += dropped;
	s->crossing += crossing;
	*kp = k;
	return (size_t)(q - p);
}

/* The copies of fast_lines_body(), each its own function: inlined in
 * lackey_next(), the loop shares registers with the caller's state and
 * spills more. */
#define FAST_LINES(name, data_only, may_map)                                                    \
	static __attribute__((noinline)) size_t name(const struct fast_ctx *c,                  \
						     const unsigned char *p,                    \
						     const unsigned char *e, uint32_t *out,     \
						     size_t *kp, size_t cap)                    \
	{                                                                                       \
		return fast_lines_body(c, p, e, out, kp, cap, data_only, may_map);             \
	}
FAST_LINES(fast_lines_all, false, true)
FAST_LINES(fast_lines_data, true, true)
FAST_LINES(fast_lines_all_copy, false, false)
FAST_LINES(fast_lines_data_copy, true, false)
#undef FAST_LINES

/*
 * The helper thread.  Parsing is most of the time vmtrace takes over a big
 * lackey trace (the replay behind it is cheap), and lines are independent
 * but for the address map, so a second thread parses later shares of the
 * text (jobs) while the reader's thread parses the shares between them,
 * and the results are joined in order:
 *
 *   buf:  pos ..... at[0] ......... e[0] ..... at[1] ......... e[1] ... end
 *         [reader's][helper: job 0 ][reader's ][helper: job 1 ][reader's]
 *
 * The helper runs only the fast path, against a copy of the map's cache,
 * into its own array; at the first line it cannot take it stops, and the
 * reader's thread goes on from that line with everything it has (new
 * regions, stray output, errors with their line numbers).  Line numbers
 * and counts are added when the reader's thread reaches a job's start, so
 * every message names the line it always named.  While jobs are out the
 * reader parses only up to the first one's start and never refills, so
 * the helper's text stays where it is; their references are their own, so
 * a refill is free again once they are taken.
 *
 * Two jobs are out at a time when the text allows: the helper finishes
 * one and goes straight on with the next, with no wake-up between them,
 * while the reader's thread hands the first one's references over and
 * parses its own share up to the second; the one handed over then makes
 * room for the next job.  The reader may return a full block before
 * reaching a job: the helper keeps parsing while the caller replays it.
 */
#define HELPER_MIN_TEXT (64u << 10)   /* less is not worth the hand-over */
#define HELPER_MAX_TEXT (1u << 20)
/* The text one job is cut from (the reader's share before it and the
 * helper's), at most: a mapped window holds several. */
#define HELPER_SPAN (2 * HELPER_MAX_TEXT)
/* References a job's array holds: lines are 7 bytes or more; if it fills
 * first (very short lines), the reader's thread does the rest. */
#define HELPER_REFS (HELPER_MAX_TEXT / 6 + TRACE_BLOCK_SLACK)
#define HELPER_JOBS 2u

enum job_state {
	JOB_FREE,     /* the reader's thread may set it */
	JOB_QUEUED,   /* set, not begun */
	JOB_CLAIMED,  /* the helper parses it */
	JOB_DONE,     /* its results wait for the reader's thread */
};

struct helper_job {
	enum job_state state;          /* under the helper's mu */
	uint64_t seq;                  /* jobs are begun in this order */
	/* Set by the reader's thread while the job is free. */
	const unsigned char *p, *e;    /* whole lines */
	size_t at;                     /* p as an index into the source's buffer */
	struct addrmap_cached cache[ADDRMAP_CACHE];
	/* What it made, read by the reader's thread once it is done. */
	uint32_t *refs;
	size_t n;                      /* references in refs[] */
	size_t used;                   /* bytes of [p, e) parsed */
	struct trace_summary sum;
	uint64_t lines;
};

struct helper {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t go, done;
	bool quit;      /* under mu */
	bool idle;      /* tests (TRACE_HELPER_TAKE_BACK): begin nothing */
	bool data_only;
	struct fast_ctx ctx;           /* the run's options */
	struct helper_job job[HELPER_JOBS];
};

struct lackey_state {
	int skipping;   /* inside an over-long line, dropping it */
	struct helper *h;      /* NULL until the first job */
	bool no_helper;        /* options, one CPU, or it could not start */
	unsigned out;          /* jobs out: set and not yet taken */
	unsigned first;        /* the slot of the first of them */
	bool taking;           /* its counts are added; refs[taken..n) remain */
	size_t taken;
	uint64_t seq;          /* of the next job */
	uint64_t next_job;     /* input offset: no job starts before it */
	unsigned keep16;       /* the reader's share of the text, in 16ths */
};

/* The job the helper should begin next, under mu: the oldest queued. */
static struct helper_job *helper_next_job(struct helper *h)
{
	struct helper_job *next = NULL;

	if (h->idle)
		return NULL;
	for (unsigned i = 0; i < HELPER_JOBS; i++)
		if (h->job[i].state == JOB_QUEUED && (!next || h->job[i].seq < next->seq))
			next = &h->job[i];
	return next;
}

static void *helper_main(void *arg)
{
	struct helper *h = arg;

	pthread_mutex_lock(&h->mu);
	for (;;) {
		struct helper_job *j;
		struct fast_ctx ctx;

		while (!(j = helper_next_job(h)) && !h->quit)
			pthread_cond_wait(&h->go, &h->mu);
		if (h->quit)
			break;
		j->state = JOB_CLAIMED;
		pthread_mutex_unlock(&h->mu);
		j->n = 0;
		j->lines = 0;
		memset(&j->sum, 0, sizeof(j->sum));
		ctx = h->ctx;
		ctx.sum = &j->sum;
		ctx.line = &j->lines;
		ctx.cache = j->cache;
		j->used = h->data_only ? fast_lines_data_copy(&ctx, j->p, j->e, j->refs, &j->n,
							      HELPER_REFS)
				       : fast_lines_all_copy(&ctx, j->p, j->e, j->refs, &j->n,
							     HELPER_REFS);
		pthread_mutex_lock(&h->mu);
		j->state = JOB_DONE;
		pthread_cond_signal(&h->done);
	}
	pthread_mutex_unlock(&h->mu);
	return NULL;
}

static void helper_free(struct helper *h)
{
	for (unsigned i = 0; i < HELPER_JOBS; i++)
		free(h->job[i].refs);
	free(h);
}

static struct helper *helper_new(const struct trace_reader *r)
{
	struct helper *h = calloc(1, sizeof(*h));
	sigset_t all, old;
	int err;

	if (!h)
		return NULL;
	for (unsigned i = 0; i < HELPER_JOBS; i++) {
		if (!(h->job[i].refs = malloc(sizeof(uint32_t) * HELPER_REFS))) {
			helper_free(h);
			return NULL;
		}
	}
	h->idle = r->opt.helper == TRACE_HELPER_TAKE_BACK;
	h->data_only = r->opt.data_only;
	h->ctx = (struct fast_ctx){
		.region_shift = r->map.region_shift,
		.page_shift = r->opt.page_shift,
		.first_page_only = r->opt.first_page_only,
	};
	pthread_mutex_init(&h->mu, NULL);
	pthread_cond_init(&h->go, NULL);
	pthread_cond_init(&h->done, NULL);
	/* Signals (the temporary-file cleanup) are the main thread's. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&h->thread, NULL, helper_main, h);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		pthread_cond_destroy(&h->done);
		pthread_cond_destroy(&h->go);
		pthread_mutex_destroy(&h->mu);
		helper_free(h);
		return NULL;
	}
	return h;
}

static void lackey_close(struct trace_reader *r)
{
	struct lackey_state *st = r->state;
	struct helper *h = st ? st->h : NULL;

	if (!h)
		return;
	/* A job still out (the reader stopped on an error) ends first. */
	pthread_mutex_lock(&h->mu);
	h->quit = true;
	pthread_cond_signal(&h->go);
	pthread_mutex_unlock(&h->mu);
	pthread_join(h->thread, NULL);
	pthread_cond_destroy(&h->done);
	pthread_cond_destroy(&h->go);
	pthread_mutex_destroy(&h->mu);
	helper_free(h);
	st->h = NULL;
}

/* The job out i-th in trace order. */
static struct helper_job *job_out(struct lackey_state *st, unsigned i)
{
	return &st->h->job[(st->first + i) % HELPER_JOBS];
}

/* Queue a job for the helper: the later share of the whole lines after
 * the last job out (or pos), if there are enough of them.  Return: whether
 * it did. */
static bool helper_start(struct trace_reader *r, struct lackey_state *st)
{
	struct source *s = &r->src;
	const unsigned char *buf = (const unsigned char *)s->buf;
	const unsigned char *p = buf + s->pos, *e = buf + s->end, *a, *b;
	size_t whole, keep;
	struct helper_job *j;

	if (st->out)
		p = job_out(st, st->out - 1)->e;
	if (s->offset + (size_t)(p - buf) < st->next_job)
		return false;
	/* The whole lines: up to the last newline, a span at most. */
	if ((size_t)(e - p) > HELPER_SPAN)
		e = p + HELPER_SPAN;
	for (b = e; b > p && b[-1] != '\n'; b--)
		;
	whole = (size_t)(b - p);
	if (whole < (r->opt.helper == TRACE_HELPER_AUTO ? HELPER_MIN_TEXT : 1))
		return false;
	keep = r->opt.helper_split ? r->opt.helper_split : whole / 16 * st->keep16;
	if (keep >= whole)
		return false;
	/* The reader keeps one line at least: the line the helper stopped at
	 * last time may be the first, and only the reader can take it. */
	a = p + (keep ? keep : 1);
	if (a[-1] != '\n')
		a = (const unsigned char *)memchr(a, '\n', (size_t)(b - a)) + 1;
	if (a >= b)
		return false;
	if ((size_t)(b - a) > HELPER_MAX_TEXT) {
		for (b = a + HELPER_MAX_TEXT; b > a && b[-1] != '\n'; b--)
			;
		if (b == a)
			return false;
	}
	if (!st->h && !(st->h = helper_new(r))) {
		st->no_helper = true;
		return false;
	}
	j = job_out(st, st->out);
	j->p = a;
	j->e = b;
	j->at = (size_t)(a - buf);
	j->seq = st->seq++;
	memcpy(j->cache, r->map.cache, sizeof(j->cache));
	pthread_mutex_lock(&st->h->mu);
	j->state = JOB_QUEUED;
	pthread_cond_signal(&st->h->go);
	pthread_mutex_unlock(&st->h->mu);
	st->out++;
	return true;
}

static void sum_add(struct trace_summary *to, const struct trace_summary *d)
{
	to->lines += d->lines;
	to->records += d->records;
	to->references += d->references;
	to->reads += d->reads;
	to->writes += d->writes;
	to->fetches += d->fetches;
	to->dropped_fetches += d->dropped_fetches;
	to->crossing += d->crossing;
	if (d->any_addr) {
		if (!to->any_addr || d->min_addr < to->min_addr)
			to->min_addr = d->min_addr;
		if (!to->any_addr || d->max_addr > to->max_addr)
			to->max_addr = d->max_addr;
		to->any_addr = true;
	}
}

/* The first job out is over: the next one becomes the first. */
static void job_retire(struct lackey_state *st, struct helper_job *j)
{
	j->state = JOB_FREE;
	st->first = (st->first + 1) % HELPER_JOBS;
	st->out--;
	st->taking = false;
}

/* The reader is at the first job's start: take the helper's references
 * into out[], or the job back if the helper has not begun it.  Return:
 * true once the job is over (pos is then where the helper stopped). */
static bool helper_take(struct trace_reader *r, struct lackey_state *st, uint32_t *out,
			size_t *k, size_t cap)
{
	struct helper *h = st->h;
	struct helper_job *j = job_out(st, 0);
	size_t m;

	if (!st->taking) {
		bool waited = false;

		pthread_mutex_lock(&h->mu);
		if (j->state == JOB_QUEUED && r->opt.helper != TRACE_HELPER_WAIT) {
			/* Not begun: the machine is busy elsewhere.  Waiting
			 * for the helper to be scheduled would be slower than
			 * parsing alone, so take the job back. */
			job_retire(st, j);
			pthread_mutex_unlock(&h->mu);
			st->next_job = r->src.offset + j->at + (size_t)(j->e - j->p);
			if (st->keep16 < 14)
				st->keep16++;
			return true;
		}
		while (j->state != JOB_DONE) {
			waited = true;
			pthread_cond_wait(&h->done, &h->mu);
		}
		pthread_mutex_unlock(&h->mu);
		/* Balance the shares: the one that waited had less to do. */
		if (waited && st->keep16 < 14)
			st->keep16++;
		else if (!waited && st->keep16 > 2)
			st->keep16--;
		sum_add(&r->sum, &j->sum);
		r->sum.helper_lines += j->lines;
		r->line += j->lines;
		st->taking = true;
		st->taken = 0;
	}
	m = j->n - st->taken < cap - *k ? j->n - st->taken : cap - *k;
	memcpy(out + *k, j->refs + st->taken, m * sizeof(*out));
	*k += m;
	st->taken += m;
	if (st->taken < j->n)
		return false;
	r->src.pos = j->at + j->used;
	pthread_mutex_lock(&h->mu);
	job_retire(st, j);
	pthread_mutex_unlock(&h->mu);
	/* The helper stopped at a line it cannot take (a new region, program
	 * output): the reader takes that line, and the helper may go on
	 * after it with a fresh copy of the map; but where such lines are
	 * many, only after a stretch, so that hand-overs stay rare. */
	st->next_job = r->src.offset + r->src.pos;
	if (j->used < (size_t)(j->e - j->p) && r->opt.helper == TRACE_HELPER_AUTO)
		st->next_job += HELPER_MIN_TEXT;
	return true;
}

static int lackey_next(struct trace_reader *r, uint32_t *out, size_t cap, size_t *n)
{
	struct source *s = &r->src;
	struct lackey_state *st = r->state;
	struct fast_ctx ctx = {
		.map = &r->map,
		.page_shift = r->opt.page_shift,
		.first_page_only = r->opt.first_page_only,
		.sum = &r->sum,
		.line = &r->line,
	};
	size_t k = 0;
	int err;

	if (!st) {
		st = r->state = calloc(1, sizeof(*st));
		if (!st)
			return vt_error(VT_SOFTWARE, "out of memory");
		st->keep16 = 8;
		st->no_helper = r->opt.helper == TRACE_HELPER_NEVER ||
				(r->opt.helper == TRACE_HELPER_AUTO &&
				 sysconf(_SC_NPROCESSORS_ONLN) < 2);
	}
	while (k + TRACE_BLOCK_SLACK <= cap) {
		const unsigned char *buf, *p, *e, *nl;

		if (st->out && s->pos == job_out(st, 0)->at) {
			if (!helper_take(r, st, out, &k, cap))
				break;
			continue;
		}
		/* Both jobs at once: the reader may parse its share in one
		 * go and come back only at the first job's start. */
		while (st->out < HELPER_JOBS && !st->no_helper && !st->skipping &&
		       helper_start(r, st))
			;
		/* With a job out, the text stops at its start: whole lines, so
		 * neither a refill nor an over-long line is met before it. */
		buf = (const unsigned char *)s->buf;
		p = buf + s->pos;
		e = buf + (st->out ? job_out(st, 0)->at : s->end);
		if (!st->skipping) {
			size_t used = r->opt.data_only ? fast_lines_data(&ctx, p, e, out, &k, cap)
						       : fast_lines_all(&ctx, p, e, out, &k, cap);

			s->pos += used;
			p += used;
			if (k + TRACE_BLOCK_SLACK > cap)
				break;
		}
		/* One line the fast path did not take, or none complete. */
		if (p >= e) {
			if (st->out)
				continue;
			if (s->eof) {
				if (st->skipping) {
					/* An over-long last line, without a newline,
					 * dropped as it came: it ends here, a line
					 * like any other (as when the input held it
					 * whole). */
					st->skipping = 0;
					r->line++;
					r->sum.lines++;
				}
				break;
			}
			if ((err = source_fill(s)))
				return err;
			continue;
		}
		nl = memchr(p, '\n', (size_t)(e - p));
		if (!nl) {
			if (!s->eof && (size_t)(e - p) <= LACKEY_MAX_LINE && !st->skipping) {
				if ((err = source_fill(s)))
					return err;
				continue;
			}
			if (!s->eof) {
				/* Over-long line: count it once, drop what we have. */
				if (!st->skipping && (err = stray(r, p, e)))
					return err;
				st->skipping = 1;
				s->pos = s->end;
				continue;
			}
			nl = e; /* last line, no newline */
		}
		if (st->skipping) {
			st->skipping = 0;
		} else if ((size_t)(nl - p) > LACKEY_MAX_LINE) {
			if ((err = stray(r, p, nl)))
				return err;
		} else if ((err = do_line(r, p, nl, out, &k))) {
			return err;
		}
		r->line++;
		r->sum.lines++;
		s->pos = (size_t)(nl - buf) + (nl < e);
	}
	*n = k;
	return 0;
}

/* Lackey when records or valgrind's own lines lead the input. */
static int lackey_probe(const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf, *end = p + len;
	int records = 0, glued = 0, lines = 0;

	while (p < end && lines < 200) {
		const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
		const unsigned char *e = nl ? nl : end;
		/* A record prefix cannot start a seq line, so even a malformed
		 * record (reported later with its line) says "lackey"; so does
		 * valgrind's banner.  Records behind program output count only
		 * when they are most of the lines: prose that quotes a record
		 * is not a trace. */
		if (prefix_kind(p, e) >= 0 || (is_valgrind_line(p, e) && lines < 3)) {
			records++;
		} else {
			for (const unsigned char *q = p + 1; q + 3 < e; q++) {
				struct record rec;
				if (prefix_kind(q, e) >= 0 && parse_record(q, e, &rec) == REC_OK) {
					glued++;
					break;
				}
			}
		}
		lines += !is_blank(p, e);
		p = nl ? nl + 1 : end;
	}
	return records || (glued && 2 * glued >= lines) ? 90 : 0;
}

const struct trace_format trace_format_lackey = {
	.name = "lackey",
	.summary = "valgrind --tool=lackey --trace-mem=yes output",
	.probe = lackey_probe,
	.next = lackey_next,
	.close = lackey_close,
};
