/* belady.c - a seeded random search for Belady's anomaly (see belady.h).
 *
 * Notes:
 *   - Every number reported comes from the real machine: replay_refs()
 *     with one run per frame count lo .. hi+1, each a fresh machine, pages
 *     read-only (writes cannot change a fault count).  So an anomaly
 *     reported here is one `vmtrace replay -p POLICY -n f,f+1` shows on the
 *     same string.  A fresh machine costs microseconds, though, so FIFO,
 *     Clock and LFU strings are screened first by a small simulator of the
 *     same rules, and only the strings it flags go to the machine (see
 *     "the screening simulator" below; --machine skips the screening).
 *   - The screening runs in threads, one contiguous range of strings each;
 *     the flagged strings then go to the machine in string order, so the
 *     result is the same whatever the number of threads.
 *   - Random numbers: splitmix64 (Steele, Lea and Flood, "Fast splittable
 *     pseudorandom number generators", OOPSLA 2014; the constants of
 *     Vigna's public-domain splitmix64.c).  Its state advances by the golden
 *     gamma 0x9e3779b97f4a7c15 and each output is a mix of the state, so the
 *     i-th output of the stream seeded with S is mix(S + (i+1) * gamma),
 *     computable directly.  String i (0-based) of a search with seed S
 *     draws its pages from its own splitmix64 stream whose state starts at
 *     that i-th output: any string can be regenerated alone, and the result
 *     does not depend on how the search is run.
 *   - Each splitmix64 output is two 32-bit words, low half first.  A page
 *     is drawn uniformly from 0 .. P-1 by Lemire's method: the high half
 *     of word * P, drawing again when the low half falls below 2^32 mod P
 *     (so there is no modulo bias).
 *   - Ranking: ratio faults(f+1)/faults(f) compared exactly by cross-
 *     multiplication, then the order found (string index, then f).  The
 *     kept list holds the best `show` distinct (string, f) anomalies; a
 *     repeat of a kept one is dropped, and a repeat of one already pushed
 *     out ranks below everything kept (same ratio, found later), so it
 *     never comes back: keeping only the best `show` dedupes exactly.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "belady.h"
#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "ref.h"
#include "replay.h"

#define GOLDEN_GAMMA UINT64_C(0x9e3779b97f4a7c15)
/* Report progress every this many strings. */
#define PROGRESS_EVERY 4096u

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t splitmix64_next(uint64_t *state)
{
	*state += GOLDEN_GAMMA;
	return mix64(*state);
}

/* A stream of 32-bit words: each splitmix64 output gives two, low half
 * first. */
struct words {
	uint64_t state, spare;
	int have;
};

static uint32_t next_word(struct words *w)
{
	if (w->have) {
		w->have = 0;
		return (uint32_t)(w->spare >> 32);
	}
	w->spare = splitmix64_next(&w->state);
	w->have = 1;
	return (uint32_t)w->spare;
}

/* Uniform in 0 .. n-1, n >= 1: Lemire's multiply-and-shift with
 * rejection ("Fast random integer generation in an interval", 2019).  The
 * high word of x * n is the draw; a low word below 2^32 mod n would make
 * it biased, and x is drawn again. */
static uint32_t draw_below(struct words *w, uint32_t n)
{
	uint64_t m = (uint64_t)next_word(w) * n;

	if ((uint32_t)m < n) {
		uint32_t threshold = (0 - n) % n; /* 2^32 mod n */
		while ((uint32_t)m < threshold)
			m = (uint64_t)next_word(w) * n;
	}
	return (uint32_t)(m >> 32);
}

void belady_string(uint64_t seed, uint64_t i, uint32_t npages, uint32_t *out, size_t length)
{
	struct words w = { .state = mix64(seed + (i + 1) * GOLDEN_GAMMA) };

	for (size_t k = 0; k < length; k++)
		out[k] = draw_below(&w, npages);
}

int belady_ratio_cmp(const struct belady_anomaly *a, const struct belady_anomaly *b)
{
	/* a->next/a->faults vs b->next/b->faults; fault counts are at most the
	 * string length, so the products cannot overflow. */
	uint64_t l = a->next_faults * b->faults, r = b->next_faults * a->faults;

	return l < r ? -1 : l > r;
}

double belady_ratio(const struct belady_anomaly *a)
{
	return (double)a->next_faults / (double)a->faults;
}

/* mru too: its priority, recency, does not depend on the frame count. */
static const char *const stack_algorithms[] = { "lru", "opt", "mru" };

const char *belady_policy_check(const struct policy_ops *policy)
{
	static char msg[160];

	if (!policy)
		return "--policy: no policy given";
	for (size_t i = 0; i < sizeof(stack_algorithms) / sizeof(stack_algorithms[0]); i++) {
		if (strcmp(policy->name, stack_algorithms[i]) == 0) {
			snprintf(msg, sizeof(msg),
				 "--policy: %s is a stack algorithm: more frames never give it more "
				 "faults, so it cannot show the anomaly (use fifo, clock or lfu)",
				 policy->name);
			return msg;
		}
	}
	if ((policy->flags & POLICY_WINDOW) && strcmp(policy->name, "ws") != 0) {
		snprintf(msg, sizeof(msg),
			 "--policy: %s is variable allocation (sized by --tau, not a frame "
			 "count); belady searches over frame counts (use fifo, clock or lfu)",
			 policy->name);
		return msg;
	}
	if (policy->flags & POLICY_WINDOW) {
		snprintf(msg, sizeof(msg),
			 "--policy: %s is variable allocation (sized by a window, not a frame "
			 "count) and a stack algorithm: it cannot show the anomaly (use fifo, "
			 "clock or lfu)", policy->name);
		return msg;
	}
	if (policy->flags & POLICY_NEEDS_FUTURE) {
		snprintf(msg, sizeof(msg), "--policy: %s needs the future; belady cannot run it",
			 policy->name);
		return msg;
	}
	return NULL;
}

const char *belady_config_check(const struct belady_config *cfg, int given_string)
{
	static char msg[200];
	const char *why = belady_policy_check(cfg->policy);

	if (why)
		return why;
	if (!given_string && (cfg->length < 2 || cfg->length > BELADY_MAX_LENGTH)) {
		snprintf(msg, sizeof(msg), "--length: %u is out of range (2 to %u)", cfg->length,
			 BELADY_MAX_LENGTH);
		return msg;
	}
	if (given_string && cfg->pages < 2)
		return "--string: a string needs at least 2 distinct pages to show the anomaly";
	if (!given_string && (cfg->pages < 2 || cfg->pages > BELADY_MAX_PAGES)) {
		snprintf(msg, sizeof(msg), "--pages: %u is out of range (2 to %u)", cfg->pages,
			 BELADY_MAX_PAGES);
		return msg;
	}
	if (cfg->lo != 0 || cfg->hi != 0) {
		if (cfg->lo < 1) {
			snprintf(msg, sizeof(msg), "--frames: %u-%u starts at 0; frame counts start at 1",
				 cfg->lo, cfg->hi);
			return msg;
		}
		if (cfg->lo > cfg->hi) {
			snprintf(msg, sizeof(msg), "--frames: %u-%u is empty (LO must not exceed HI)",
				 cfg->lo, cfg->hi);
			return msg;
		}
		if (cfg->hi > cfg->pages - 1) {
			snprintf(msg, sizeof(msg),
				 "--frames: HI is at most %u with %u %spages (%u-%u given): from %u "
				 "frames on, every page fits and nothing is evicted",
				 cfg->pages - 1, cfg->pages, given_string ? "distinct " : "", cfg->lo,
				 cfg->hi, cfg->pages);
			return msg;
		}
	}
	if (!given_string && cfg->tries < 1)
		return "--tries: 0 is out of range (at least 1)";
	if (cfg->show > BELADY_MAX_SHOW) {
		snprintf(msg, sizeof(msg), "--show: %zu is out of range (0 to %u)", cfg->show,
			 BELADY_MAX_SHOW);
		return msg;
	}
	return NULL;
}

int belady_faults(const struct policy_ops *policy, const uint32_t *pages, size_t n, uint32_t lo,
		  uint32_t hi, uint64_t *faults)
{
	size_t nruns = (size_t)(hi - lo) + 1;
	struct replay_run *runs = calloc(nruns, sizeof(*runs));
	uint32_t *refs = malloc(sizeof(*refs) * (n ? n : 1));
	struct policy_choice choice;
	int err = 0;

	policy_choice_default(&choice, policy);
	if (!runs || !refs) {
		err = vt_error(VT_SOFTWARE, "out of memory");
	} else {
		for (size_t i = 0; i < n; i++)
			refs[i] = ref_make(pages[i], REF_READ);
		for (size_t k = 0; k < nruns; k++)
			runs[k] = (struct replay_run){ .policy = &choice, .frames = lo + (uint32_t)k };
		err = replay_refs(refs, n, NULL, PAGE_SHIFT_DEFAULT, runs, nruns, false);
		for (size_t k = 0; !err && k < nruns; k++)
			faults[k] = runs[k].c.faults;
	}
	free(runs);
	free(refs);
	return err;
}

/* --- the screening simulator ------------------------------------------------
 *
 * A fresh machine costs microseconds to set up (page directory, page table,
 * policy state); a 12-reference string costs nanoseconds to simulate.  So
 * the search screens each string with these small simulators of DESIGN.md's
 * FIFO, Clock and LFU - flat arrays over the few pages of a search - and
 * runs every string they flag through the machine, whose numbers are the
 * ones reported (a disagreement there is an internal error).  A string they
 * pass is not run on the machine: tests/unit/test_belady.c checks that they
 * agree with the machine on every string of 1 to 7 references over 4 pages
 * and on random strings of 40 references over 9 pages, for every frame
 * count from 1 to pages+1, and belady_config.machine_only (--machine) runs
 * every string on the machine instead.
 */
struct sim {
	uint32_t *where;  /* page -> frame holding it, or NO_FRAME */
	uint32_t *page;   /* frame -> page */
	uint64_t *count;  /* LFU: references since load; Clock: reference bit */
	uint64_t *loaded; /* LFU: load time */
	uint8_t *seen;    /* page -> referenced yet (screen_faults) */
};

typedef uint64_t sim_fn(struct sim *s, const uint32_t *pages, size_t n, uint32_t nframes);

/* Forget the resident pages (where[] back to all NO_FRAME). */
static void sim_reset(struct sim *s, uint32_t used)
{
	for (uint32_t f = 0; f < used; f++)
		s->where[s->page[f]] = NO_FRAME;
}

/* Put page p in frame f, evicting whatever is there (f < used). */
static void sim_replace(struct sim *s, uint32_t f, uint32_t p)
{
	s->where[s->page[f]] = NO_FRAME;
	s->page[f] = p;
	s->where[p] = f;
}

static uint64_t sim_fifo(struct sim *s, const uint32_t *pages, size_t n, uint32_t nframes)
{
	uint32_t used = 0, hand = 0;
	uint64_t faults = 0;

	for (size_t i = 0; i < n; i++) {
		uint32_t p = pages[i];
		if (s->where[p] != NO_FRAME)
			continue;
		faults++;
		if (used < nframes) {
			s->page[used] = p;
			s->where[p] = used++;
		} else {
			/* Frames were filled in order and each new page takes
			 * its victim's frame: the oldest is under the hand. */
			sim_replace(s, hand, p);
			hand = hand + 1 == nframes ? 0 : hand + 1;
		}
	}
	sim_reset(s, used);
	return faults;
}

static uint64_t sim_clock(struct sim *s, const uint32_t *pages, size_t n, uint32_t nframes)
{
	uint64_t *r = s->count;
	uint32_t used = 0, hand = 0;
	uint64_t faults = 0;

	for (size_t i = 0; i < n; i++) {
		uint32_t p = pages[i], f = s->where[p];
		if (f != NO_FRAME) {
			r[f] = 1;
			continue;
		}
		faults++;
		if (used < nframes) {
			f = used++;
			s->page[f] = p;
			s->where[p] = f;
		} else {
			while (r[hand]) {
				r[hand] = 0;
				hand = hand + 1 == nframes ? 0 : hand + 1;
			}
			f = hand;
			sim_replace(s, f, p);
			hand = hand + 1 == nframes ? 0 : hand + 1;
		}
		r[f] = 1;
	}
	sim_reset(s, used);
	return faults;
}

static uint64_t sim_lfu(struct sim *s, const uint32_t *pages, size_t n, uint32_t nframes)
{
	uint32_t used = 0;
	uint64_t faults = 0;

	for (size_t i = 0; i < n; i++) {
		uint32_t p = pages[i], f = s->where[p];
		if (f != NO_FRAME) {
			s->count[f]++;
			continue;
		}
		faults++;
		if (used < nframes) {
			f = used++;
			s->page[f] = p;
			s->where[p] = f;
		} else {
			/* Fewest references since load; ties: loaded earliest. */
			f = 0;
			for (uint32_t g = 1; g < nframes; g++)
				if (s->count[g] < s->count[f] ||
				    (s->count[g] == s->count[f] && s->loaded[g] < s->loaded[f]))
					f = g;
			sim_replace(s, f, p);
		}
		s->count[f] = 1;
		s->loaded[f] = i;
	}
	sim_reset(s, used);
	return faults;
}

static const struct {
	const char *policy;
	sim_fn *run;
} sims[] = {
	{ "fifo", sim_fifo },
	{ "clock", sim_clock },
	{ "lfu", sim_lfu },
};

static sim_fn *sim_find(const struct policy_ops *policy)
{
	for (size_t i = 0; i < sizeof(sims) / sizeof(sims[0]); i++)
		if (strcmp(policy->name, sims[i].policy) == 0)
			return sims[i].run;
	return NULL;
}

static int sim_init(struct sim *s, uint32_t npages, uint32_t nframes)
{
	s->where = malloc(sizeof(*s->where) * npages);
	s->page = malloc(sizeof(*s->page) * nframes);
	s->count = calloc(nframes, sizeof(*s->count));
	s->loaded = calloc(nframes, sizeof(*s->loaded));
	s->seen = calloc(npages, 1);
	if (!s->where || !s->page || !s->count || !s->loaded || !s->seen)
		return vt_error(VT_SOFTWARE, "out of memory");
	for (uint32_t p = 0; p < npages; p++)
		s->where[p] = NO_FRAME;
	return 0;
}

static void sim_release(struct sim *s)
{
	free(s->where);
	free(s->page);
	free(s->count);
	free(s->loaded);
	free(s->seen);
}

/*
 * screen_faults - faults with lo .. hi frames into faults[0 .. hi-lo].  Two
 * counts need no simulation, whatever the policy: with one frame, every
 * reference to a page other than the one before it faults; with at least
 * as many frames as the string has distinct pages, nothing is ever
 * evicted, so each page faults once.
 */
static void screen_faults(sim_fn *run, struct sim *s, const uint32_t *pages, size_t n,
			  uint32_t lo, uint32_t hi, uint64_t *faults)
{
	uint64_t distinct = 0, changes = 0;

	for (size_t i = 0; i < n; i++) {
		distinct += !s->seen[pages[i]];
		s->seen[pages[i]] = 1;
		changes += i == 0 || pages[i] != pages[i - 1];
	}
	for (size_t i = 0; i < n; i++)
		s->seen[pages[i]] = 0;
	for (uint32_t f = lo; f <= hi; f++) {
		if (f == 1)
			faults[f - lo] = changes;
		else if (f >= distinct)
			faults[f - lo] = distinct;
		else
			faults[f - lo] = run(s, pages, n, f);
	}
}

int belady_sim_faults(const struct policy_ops *policy, const uint32_t *pages, size_t n,
		      uint32_t npages, uint32_t lo, uint32_t hi, uint64_t *faults)
{
	sim_fn *run = sim_find(policy);
	struct sim s = { 0 };
	int err;

	if (!run)
		return vt_error(VT_SOFTWARE, "no screening simulator for %s", policy->name);
	err = sim_init(&s, npages, hi);
	if (!err)
		screen_faults(run, &s, pages, n, lo, hi, faults);
	sim_release(&s);
	return err;
}

static uint64_t anomaly_hash(uint32_t frames, const uint32_t *pages, size_t n)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325) ^ frames; /* FNV-1a, word-wise */

	for (size_t i = 0; i < n; i++)
		h = (h ^ pages[i]) * UINT64_C(0x100000001b3);
	return h;
}

static int anomaly_copy(struct belady_anomaly *dst, const struct belady_anomaly *src)
{
	uint32_t *p = malloc(sizeof(*p) * (src->n ? src->n : 1));

	if (!p)
		return vt_error(VT_SOFTWARE, "out of memory");
	memcpy(p, src->pages, sizeof(*p) * src->n);
	*dst = *src;
	dst->pages = p;
	return 0;
}

static int same_anomaly(const struct belady_anomaly *a, const struct belady_anomaly *b)
{
	return a->hash == b->hash && a->frames == b->frames && a->n == b->n &&
	       memcmp(a->pages, b->pages, sizeof(*a->pages) * a->n) == 0;
}

/* Count anomaly a (pages borrowed), keep it as max and in found[] if it
 * ranks there.  found[] has room for show + 1. */
static int record(struct belady_result *res, size_t show, struct belady_anomaly *a)
{
	size_t pos;
	int err;

	res->anomalies++;
	a->hash = anomaly_hash(a->frames, a->pages, a->n);
	if (!res->has_max || belady_ratio_cmp(a, &res->max) > 0) {
		struct belady_anomaly copy;
		if ((err = anomaly_copy(&copy, a)))
			return err;
		free(res->max.pages);
		res->max = copy;
		res->has_max = 1;
	}
	if (show == 0)
		return 0;
	/* a was found after everything kept: it goes after all it does not
	 * beat. */
	for (pos = res->nfound; pos > 0 && belady_ratio_cmp(a, &res->found[pos - 1]) > 0; pos--)
		;
	if (pos >= show)
		return 0;
	for (size_t i = 0; i < res->nfound; i++)
		if (same_anomaly(a, &res->found[i]))
			return 0;
	if (res->nfound == show) {
		free(res->found[show - 1].pages);
		res->nfound--;
	}
	memmove(&res->found[pos + 1], &res->found[pos], sizeof(*res->found) * (res->nfound - pos));
	if ((err = anomaly_copy(&res->found[pos], a))) {
		memmove(&res->found[pos], &res->found[pos + 1],
			sizeof(*res->found) * (res->nfound - pos));
		return err;
	}
	res->nfound++;
	return 0;
}

/* The anomalies of one string whose faults for lo .. hi+1 are faults[]. */
static int scan_string(struct belady_result *res, size_t show, const uint32_t *pages, size_t n,
		       uint64_t index, const uint64_t *faults)
{
	int any = 0, err;

	for (uint32_t f = res->lo; f <= res->hi; f++) {
		uint64_t a = faults[f - res->lo], b = faults[f - res->lo + 1];
		if (b > a) {
			struct belady_anomaly an = {
				.pages = (uint32_t *)pages,
				.n = n,
				.frames = f,
				.faults = a,
				.next_faults = b,
				.index = index,
			};
			any = 1;
			if ((err = record(res, show, &an)))
				return err;
		}
	}
	res->anomalous += (uint64_t)any;
	return 0;
}

static int start(const struct belady_config *cfg, int given_string, struct belady_result *res)
{
	const char *why = belady_config_check(cfg, given_string);

	memset(res, 0, sizeof(*res));
	if (why)
		return vt_error(VT_USAGE, "%s", why);
	res->lo = cfg->lo ? cfg->lo : 1;
	res->hi = cfg->hi ? cfg->hi : cfg->pages - 1;
	res->found = calloc(cfg->show + 1, sizeof(*res->found));
	if (!res->found)
		return vt_error(VT_SOFTWARE, "out of memory");
	return 0;
}

/* Does faults[] (for lo .. hi+1) rise anywhere? */
static int rises(const uint64_t *faults, uint32_t lo, uint32_t hi)
{
	for (uint32_t f = lo; f <= hi; f++)
		if (faults[f - lo + 1] > faults[f - lo])
			return 1;
	return 0;
}

static void report_progress(const struct belady_config *cfg, uint64_t done)
{
	if (cfg->progress)
		cfg->progress(cfg->progress_ctx, done, cfg->tries);
}

/* String i through the machine: count and rank its anomalies.  quick, if
 * not NULL, is what the screening simulator said; it must agree. */
static int run_on_machine(const struct belady_config *cfg, struct belady_result *res,
			  uint64_t i, uint32_t *pages, uint64_t *faults, const uint64_t *quick)
{
	size_t nf = (size_t)(res->hi - res->lo) + 2;
	int err = belady_faults(cfg->policy, pages, cfg->length, res->lo, res->hi + 1, faults);

	if (!err && quick && memcmp(faults, quick, sizeof(*faults) * nf) != 0)
		err = vt_error(VT_SOFTWARE, "belady: the screening simulator of %s disagrees with "
			       "the machine on string %llu of seed %llu", cfg->policy->name,
			       (unsigned long long)i, (unsigned long long)cfg->seed);
	if (!err)
		err = scan_string(res, cfg->show, pages, cfg->length, i, faults);
	return err;
}

/* Every string on the machine, one after another. */
static int search_machine(const struct belady_config *cfg, struct belady_result *res)
{
	size_t nf = (size_t)(res->hi - res->lo) + 2;
	uint32_t *pages = malloc(sizeof(*pages) * cfg->length);
	uint64_t *faults = malloc(sizeof(*faults) * nf);
	int err = pages && faults ? 0 : vt_error(VT_SOFTWARE, "out of memory");

	for (uint64_t i = 0; !err && i < cfg->tries; i++) {
		belady_string(cfg->seed, i, cfg->pages, pages, cfg->length);
		err = run_on_machine(cfg, res, i, pages, faults, NULL);
		res->tried = i + 1;
		if (res->tried % PROGRESS_EVERY == 0)
			report_progress(cfg, res->tried);
	}
	free(pages);
	free(faults);
	return err;
}

/*
 * The screened search.  Strings [0, tries) are split into one contiguous
 * range per thread; each thread screens its range and lists the strings
 * that its simulator flags.  The lists, taken in thread order, are in
 * string order, and the calling thread then runs those strings on the
 * machine one by one: the result does not depend on the number of threads.
 */
struct screen {
	const struct belady_config *cfg;
	sim_fn *run;
	uint32_t lo, hi;
	uint64_t from, to;          /* strings [from, to) */
	uint64_t *flagged;          /* strings whose faults rise */
	size_t nflagged, cap;
	atomic_uint_fast64_t *done; /* strings screened, all threads */
	atomic_int *finished;       /* threads done */
	int err;
};

static void *screen_range(void *arg)
{
	struct screen *w = arg;
	const struct belady_config *cfg = w->cfg;
	size_t nf = (size_t)(w->hi - w->lo) + 2;
	uint32_t *pages = malloc(sizeof(*pages) * cfg->length);
	uint64_t *quick = malloc(sizeof(*quick) * nf);
	uint64_t since = 0;
	struct sim s = { 0 };

	if (!pages || !quick)
		w->err = vt_error(VT_SOFTWARE, "out of memory");
	else
		w->err = sim_init(&s, cfg->pages, w->hi + 1);
	for (uint64_t i = w->from; !w->err && i < w->to; i++) {
		belady_string(cfg->seed, i, cfg->pages, pages, cfg->length);
		screen_faults(w->run, &s, pages, cfg->length, w->lo, w->hi + 1, quick);
		if (rises(quick, w->lo, w->hi)) {
			if (w->nflagged == w->cap) {
				size_t cap = w->cap ? 2 * w->cap : 64;
				uint64_t *v = realloc(w->flagged, sizeof(*v) * cap);
				if (!v) {
					w->err = vt_error(VT_SOFTWARE, "out of memory");
					break;
				}
				w->flagged = v;
				w->cap = cap;
			}
			w->flagged[w->nflagged++] = i;
		}
		if (++since == PROGRESS_EVERY) {
			atomic_fetch_add(w->done, since);
			since = 0;
		}
	}
	atomic_fetch_add(w->done, since);
	sim_release(&s);
	free(pages);
	free(quick);
	atomic_fetch_add(w->finished, 1);
	return NULL;
}

static unsigned search_threads(const struct belady_config *cfg)
{
	long n = cfg->threads;

	if (n == 0) {
		if (cfg->tries < 16 * PROGRESS_EVERY)
			return 1;
		n = sysconf(_SC_NPROCESSORS_ONLN);
	}
	if (n < 1)
		n = 1;
	if (n > BELADY_MAX_THREADS)
		n = BELADY_MAX_THREADS;
	if ((uint64_t)n > cfg->tries)
		n = (long)cfg->tries;
	return (unsigned)n;
}

static int search_screened(const struct belady_config *cfg, struct belady_result *res,
			   sim_fn *run)
{
	unsigned nt = search_threads(cfg), started = 0;
	struct screen *w = calloc(nt, sizeof(*w));
	pthread_t *tid = calloc(nt, sizeof(*tid));
	atomic_uint_fast64_t done;
	atomic_int finished;
	size_t nf = (size_t)(res->hi - res->lo) + 2;
	uint32_t *pages = malloc(sizeof(*pages) * cfg->length);
	uint64_t *faults = malloc(sizeof(*faults) * nf), *quick = malloc(sizeof(*quick) * nf);
	struct sim s = { 0 };
	int err = w && tid && pages && faults && quick ? 0 : vt_error(VT_SOFTWARE, "out of memory");

	atomic_init(&done, 0);
	atomic_init(&finished, 0);
	for (unsigned t = 0; !err && t < nt; t++) {
		w[t] = (struct screen){
			.cfg = cfg,
			.run = run,
			.lo = res->lo,
			.hi = res->hi,
			.from = cfg->tries / nt * t,
			.to = t + 1 == nt ? cfg->tries : cfg->tries / nt * (t + 1),
			.done = &done,
			.finished = &finished,
		};
	}
	if (!err && nt == 1) {
		screen_range(&w[0]);
		started = 1;
	} else if (!err) {
		for (; started < nt; started++)
			if (pthread_create(&tid[started], NULL, screen_range, &w[started]) != 0)
				break;
		if (started < nt)
			err = vt_error(VT_SOFTWARE, "cannot start a thread");
		/* Let the started threads finish; report progress meanwhile. */
		while (atomic_load(&finished) < (int)started) {
			struct timespec nap = { 0, 50 * 1000 * 1000 };
			nanosleep(&nap, NULL);
			report_progress(cfg, atomic_load(&done));
		}
		for (unsigned t = 0; t < started; t++)
			pthread_join(tid[t], NULL);
	}
	for (unsigned t = 0; !err && t < started; t++)
		err = w[t].err;
	if (!err)
		err = sim_init(&s, cfg->pages, res->hi + 1);
	for (unsigned t = 0; !err && t < started; t++) {
		for (size_t k = 0; !err && k < w[t].nflagged; k++) {
			uint64_t i = w[t].flagged[k];
			belady_string(cfg->seed, i, cfg->pages, pages, cfg->length);
			screen_faults(run, &s, pages, cfg->length, res->lo, res->hi + 1, quick);
			err = run_on_machine(cfg, res, i, pages, faults, quick);
		}
	}
	if (!err)
		res->tried = cfg->tries;
	sim_release(&s);
	for (unsigned t = 0; w && t < nt; t++)
		free(w[t].flagged);
	free(w);
	free(tid);
	free(pages);
	free(faults);
	free(quick);
	return err;
}

int belady_search(const struct belady_config *cfg, struct belady_result *res)
{
	sim_fn *run;
	int err = start(cfg, 0, res);

	if (!err) {
		run = cfg->machine_only ? NULL : sim_find(cfg->policy);
		err = run ? search_screened(cfg, res, run) : search_machine(cfg, res);
	}
	if (!err)
		report_progress(cfg, res->tried);
	if (err)
		belady_result_release(res);
	return err;
}

int belady_check(const struct belady_config *cfg, const uint32_t *pages, size_t n,
		 struct belady_result *res)
{
	struct belady_config c = *cfg;
	uint32_t distinct = 0;
	uint8_t *seen = calloc(BELADY_MAX_PAGE + 1, 1);
	int err;

	memset(res, 0, sizeof(*res));
	if (!seen)
		return vt_error(VT_SOFTWARE, "out of memory");
	for (size_t i = 0; i < n; i++) {
		if (pages[i] > BELADY_MAX_PAGE) {
			free(seen);
			return vt_error(VT_USAGE, "--string: page %u is beyond the 32-bit space (at most %u)",
					pages[i], BELADY_MAX_PAGE);
		}
		distinct += !seen[pages[i]];
		seen[pages[i]] = 1;
	}
	free(seen);
	if (n > BELADY_MAX_LENGTH)
		return vt_error(VT_USAGE, "--string: %zu references is too long (at most %u)", n,
				BELADY_MAX_LENGTH);
	c.pages = distinct;
	if ((err = start(&c, 1, res))) {
		belady_result_release(res);
		return err;
	}
	res->ncurve = (size_t)(res->hi - res->lo) + 2;
	res->curve = malloc(sizeof(*res->curve) * res->ncurve);
	if (!res->curve)
		err = vt_error(VT_SOFTWARE, "out of memory");
	if (!err)
		err = belady_faults(c.policy, pages, n, res->lo, res->hi + 1, res->curve);
	if (!err)
		err = scan_string(res, c.show, pages, n, 0, res->curve);
	res->tried = 1;
	if (err)
		belady_result_release(res);
	return err;
}

void belady_result_release(struct belady_result *res)
{
	if (!res)
		return;
	for (size_t i = 0; i < res->nfound; i++)
		free(res->found[i].pages);
	free(res->found);
	free(res->max.pages);
	free(res->curve);
	memset(res, 0, sizeof(*res));
}
