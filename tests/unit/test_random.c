/* test_random.c - the library against a tiny, obviously correct simulator.
 *
 * The simulator below shares nothing with src/: resident pages sit in plain
 * arrays indexed by frame, every lookup is a linear scan, every victim is
 * found by scanning all frames, exactly as DESIGN.md's "Reference semantics
 * (contract)" words each policy:
 *   - free frames are taken 0, 1, 2, ...; a loaded page takes its victim's
 *     frame; a dirty victim is a write-back; nothing is flushed at the end;
 *   - FIFO: earliest loaded; LRU: least recently referenced; OPT: next use
 *     farthest (never = farthest), ties to the least recently used (opt.c
 *     since commit 92b46b5; DESIGN.md still says lowest frame); Clock: the hand
 *     walk with R bits set on load and hit; LFU: fewest references since
 *     loaded, ties to the earliest loaded; WS: resident set = W(t, tau).
 * Traces are generated from fixed seeds by splitmix64, so every run is the
 * same.  Mismatches are collected and reported once per policy with the
 * first few cases, rather than as thousands of separate failures.
 */
#include <stdarg.h>

#include "helpers.h"

/* --- a reproducible PRNG ------------------------------------------------- */

/* rng_next(), rng_below(): helpers.h */

/* --- traces -------------------------------------------------------------- */

enum shape { UNIFORM, HOTSET, LOOPS, PHASES, WALK, NSHAPES };

static const char *const shape_name[] = { "uniform", "hotset", "loops", "phases", "walk" };

struct trace {
	size_t n;
	uint32_t npages;     /* P */
	uint32_t *vpn;       /* vpn[t] */
	uint8_t *kind;       /* enum ref_kind */
	uint32_t *refs;      /* packed, for the library */
	uint32_t *page_vpn;  /* the P pages' vpns */
	uint64_t seed;
	enum shape shape;
	unsigned page_shift;
};

/* P distinct vpns: contiguous from a base, or scattered over the space. */
static void choose_pages(struct trace *tr, struct rng *r, uint32_t space)
{
	int scattered = rng_below(r, 2);
	uint32_t base = rng_below(r, space - tr->npages);

	for (uint32_t i = 0; i < tr->npages; i++) {
		if (!scattered) {
			tr->page_vpn[i] = base + i;
			continue;
		}
		for (;;) {
			uint32_t v = rng_below(r, space);
			uint32_t j;
			for (j = 0; j < i && tr->page_vpn[j] != v; j++)
				;
			if (j == i) {
				tr->page_vpn[i] = v;
				break;
			}
		}
	}
}

static uint32_t next_page(struct trace *tr, struct rng *r, size_t t, uint32_t *state)
{
	uint32_t P = tr->npages;

	switch (tr->shape) {
	case UNIFORM:
		return rng_below(r, P);
	case HOTSET: {
		uint32_t hot = P / 10 ? P / 10 : 1;
		if (hot == P || rng_below(r, 10) < 9)
			return rng_below(r, hot);
		return hot + rng_below(r, P - hot);
	}
	case LOOPS:
		/* Sequential scans of the first L pages, L changing now and then,
		 * with 5% noise. */
		if (t % 97 == 0)
			state[1] = 1 + rng_below(r, P);
		if (rng_below(r, 20) == 0)
			return rng_below(r, P);
		state[0] = (state[0] + 1) % state[1];
		return state[0];
	case PHASES: {
		/* A working set of W pages that moves every n/8 references. */
		uint32_t w = P / 3 > 2 ? P / 3 : (P < 2 ? P : 2);
		if (t % (tr->n / 8 + 1) == 0)
			state[2] = rng_below(r, P - w + 1);
		return state[2] + rng_below(r, w);
	}
	case WALK:
	default: {
		uint32_t step = rng_below(r, 5);
		state[0] = (state[0] + P + step - 2) % P;
		return state[0];
	}
	}
}

static void make_trace(struct trace *tr, enum shape shape, uint64_t seed, uint32_t P, size_t n,
		       unsigned page_shift)
{
	struct rng r = { seed * 1000003u + (uint64_t)shape * 7919u + P };
	uint32_t state[3] = { 0, P, 0 };
	uint32_t wpct = (uint32_t[]){ 0, 25, 60, 100 }[seed % 4];

	memset(tr, 0, sizeof(*tr));
	tr->n = n;
	tr->npages = P;
	tr->seed = seed;
	tr->shape = shape;
	tr->page_shift = page_shift;
	tr->vpn = malloc(sizeof(uint32_t) * n);
	tr->kind = malloc(n);
	tr->refs = malloc(sizeof(uint32_t) * n);
	tr->page_vpn = malloc(sizeof(uint32_t) * P);
	cr_assert(tr->vpn && tr->kind && tr->refs && tr->page_vpn);
	choose_pages(tr, &r, vpn_space(page_shift));
	for (size_t t = 0; t < n; t++) {
		uint32_t i = next_page(tr, &r, t, state);
		uint32_t k = rng_below(&r, 100);
		cr_assert_lt(i, P);
		tr->vpn[t] = tr->page_vpn[i];
		tr->kind[t] = k < wpct ? REF_WRITE : (k % 7 == 0 ? REF_FETCH : REF_READ);
		tr->refs[t] = ref_make(tr->vpn[t], (enum ref_kind)tr->kind[t]);
	}
}

static void free_trace(struct trace *tr)
{
	free(tr->vpn);
	free(tr->kind);
	free(tr->refs);
	free(tr->page_vpn);
}

/* --- the reference simulator -------------------------------------------- */

enum pol { FIFO, LRU, OPT, CLOCK, LFU, WS, NPOLS };

static const char *const pol_name[] = { "fifo", "lru", "opt", "clock", "lfu", "ws" };

#define NEVER SIZE_MAX

struct sim {
	uint64_t faults, hits, evictions, writebacks, distinct;
	uint64_t resident_sum, max_resident, page_tables;
};

/* Next reference to the same page, by a plain forward scan. */
static size_t *sim_next_use(const struct trace *tr)
{
	size_t *nu = malloc(sizeof(size_t) * (tr->n ? tr->n : 1));

	cr_assert_not_null(nu);
	for (size_t t = 0; t < tr->n; t++) {
		nu[t] = NEVER;
		for (size_t u = t + 1; u < tr->n; u++) {
			if (tr->vpn[u] == tr->vpn[t]) {
				nu[t] = u;
				break;
			}
		}
	}
	return nu;
}

/* Distinct pages and page tables (distinct vpn >> 10), by linear scans. */
static void sim_distinct(const struct trace *tr, struct sim *s)
{
	uint32_t *seen = malloc(sizeof(uint32_t) * tr->npages);
	uint32_t *dirs = malloc(sizeof(uint32_t) * tr->npages);
	size_t nseen = 0, ndirs = 0;

	cr_assert(seen && dirs);
	for (size_t t = 0; t < tr->n; t++) {
		size_t i;
		for (i = 0; i < nseen && seen[i] != tr->vpn[t]; i++)
			;
		if (i < nseen)
			continue;
		seen[nseen++] = tr->vpn[t];
		for (i = 0; i < ndirs && dirs[i] != tr->vpn[t] >> 10; i++)
			;
		if (i == ndirs)
			dirs[ndirs++] = tr->vpn[t] >> 10;
	}
	s->distinct = nseen;
	s->page_tables = ndirs;
	free(seen);
	free(dirs);
}

/*
 * Fixed-allocation policies.  contents (n * nframes) and victims (n), when
 * not NULL, receive the frame contents after each reference (NO_PAGE for a
 * free frame) and the page evicted at each reference (NO_PAGE if none);
 * faulted (n), when not NULL, whether each reference faulted.
 */
static void sim_frames(enum pol pol, const struct trace *tr, const size_t *nu, uint32_t nframes,
		       struct sim *s, uint32_t *contents, uint32_t *victims, uint8_t *faulted)
{
	uint32_t *page = malloc(sizeof(uint32_t) * nframes);
	uint8_t *dirty = malloc(nframes);
	uint8_t *rbit = malloc(nframes);
	size_t *loaded = malloc(sizeof(size_t) * nframes);
	size_t *last = malloc(sizeof(size_t) * nframes);
	size_t *count = malloc(sizeof(size_t) * nframes);
	size_t *next = malloc(sizeof(size_t) * nframes);
	uint32_t used = 0, hand = 0;

	cr_assert(page && dirty && rbit && loaded && last && count && next);
	memset(s, 0, sizeof(*s));
	sim_distinct(tr, s);
	for (size_t t = 0; t < tr->n; t++) {
		uint32_t p = tr->vpn[t], f;
		int w = tr->kind[t] == REF_WRITE;

		if (victims)
			victims[t] = NO_PAGE;
		for (f = 0; f < used && page[f] != p; f++)
			;
		if (faulted)
			faulted[t] = f == used;
		if (f < used) {
			s->hits++;
			dirty[f] |= (uint8_t)w;
			rbit[f] = 1;
			last[f] = t;
			count[f]++;
			next[f] = nu[t];
		} else {
			s->faults++;
			if (used < nframes) {
				f = used++;
			} else {
				f = 0;
				switch (pol) {
				case FIFO:
					for (uint32_t g = 1; g < nframes; g++)
						if (loaded[g] < loaded[f])
							f = g;
					break;
				case LRU:
					for (uint32_t g = 1; g < nframes; g++)
						if (last[g] < last[f])
							f = g;
					break;
				case OPT: /* ties (never used again): least recently used */
					for (uint32_t g = 1; g < nframes; g++)
						if (next[g] > next[f] ||
						    (next[g] == next[f] && last[g] < last[f]))
							f = g;
					break;
				case LFU:
					for (uint32_t g = 1; g < nframes; g++)
						if (count[g] < count[f] ||
						    (count[g] == count[f] && loaded[g] < loaded[f]))
							f = g;
					break;
				case CLOCK:
					while (rbit[hand]) {
						rbit[hand] = 0;
						hand = (hand + 1) % nframes;
					}
					f = hand;
					hand = (hand + 1) % nframes;
					break;
				default:
					cr_assert_fail("not a frame policy");
				}
				s->evictions++;
				if (dirty[f])
					s->writebacks++;
				if (victims)
					victims[t] = page[f];
			}
			page[f] = p;
			dirty[f] = (uint8_t)w;
			rbit[f] = 1;
			loaded[f] = last[f] = t;
			count[f] = 1;
			next[f] = nu[t];
		}
		s->resident_sum += used;
		if (used > s->max_resident)
			s->max_resident = used;
		if (contents)
			for (uint32_t g = 0; g < nframes; g++)
				contents[t * nframes + g] = g < used ? page[g] : NO_PAGE;
	}
	free(page);
	free(dirty);
	free(rbit);
	free(loaded);
	free(last);
	free(count);
	free(next);
}

/*
 * Working set: after the reference at t (0-based), the resident set is the
 * pages referenced at t-tau+1 .. t.  A reference faults when its page is not
 * resident.  expired (n), when not NULL, gets the page that left after t.
 */
static void sim_ws(const struct trace *tr, uint64_t tau, struct sim *s, uint32_t *expired)
{
	uint32_t *page = malloc(sizeof(uint32_t) * tr->npages);
	uint8_t *dirty = malloc(tr->npages);
	size_t *last = malloc(sizeof(size_t) * tr->npages);
	uint32_t nres = 0;

	cr_assert(page && dirty && last);
	memset(s, 0, sizeof(*s));
	sim_distinct(tr, s);
	for (size_t t = 0; t < tr->n; t++) {
		uint32_t p = tr->vpn[t], i;
		int w = tr->kind[t] == REF_WRITE;

		if (expired)
			expired[t] = NO_PAGE;
		for (i = 0; i < nres && page[i] != p; i++)
			;
		if (i < nres) {
			s->hits++;
			dirty[i] |= (uint8_t)w;
		} else {
			s->faults++;
			page[nres] = p;
			dirty[nres] = (uint8_t)w;
			nres++;
		}
		last[i] = t;
		/* Drop every page last referenced at or before t - tau. */
		for (i = 0; i < nres;) {
			if ((uint64_t)t >= tau && last[i] <= t - tau) {
				s->evictions++;
				if (dirty[i])
					s->writebacks++;
				if (expired)
					expired[t] = page[i];
				nres--;
				page[i] = page[nres];
				dirty[i] = dirty[nres];
				last[i] = last[nres];
			} else {
				i++;
			}
		}
		s->resident_sum += nres;
		if (nres > s->max_resident)
			s->max_resident = nres;
	}
	free(page);
	free(dirty);
	free(last);
}

/* --- comparing ------------------------------------------------------------ */

/* Mismatches of one policy: a count and the first few, described. */
struct tally {
	unsigned runs, bad, failed;
	char first[4][320];
	char first_diff[320];  /* the first run that finished with other numbers */
};

static void note(struct tally *ty, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct tally *ty, const char *fmt, ...)
{
	if (ty->bad < ARRAY_LEN(ty->first)) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(ty->first[ty->bad], sizeof(ty->first[0]), fmt, ap);
		va_end(ap);
	}
	ty->bad++;
}

#define FIELDS(X)                                                                              \
	X(faults, faults) X(hits, hits) X(evictions, evictions) X(writebacks, writebacks)      \
	X(distinct_pages, distinct) X(resident_sum, resident_sum)                              \
	X(max_resident, max_resident) X(page_tables, page_tables)

static void compare(struct tally *ty, const struct trace *tr, enum pol pol, uint32_t frames,
		    uint64_t tau, int err, const struct machine_counters *c, const struct sim *s)
{
	char where[160];

	snprintf(where, sizeof(where), "%s seed=%llu P=%u n=%zu shift=%u %s=%llu", shape_name[tr->shape],
		 (unsigned long long)tr->seed, tr->npages, tr->n, tr->page_shift,
		 pol == WS ? "tau" : "frames", (unsigned long long)(pol == WS ? tau : frames));
	ty->runs++;
	if (err) {
		ty->failed++;
		note(ty, "%s: replay failed with status %d", where, err);
		return;
	}
	if (c->references != tr->n) {
		note(ty, "%s: references %llu, want %zu", where, (unsigned long long)c->references,
		     tr->n);
		return;
	}
#define CMP(lib, mine)                                                                         \
	if (c->lib != s->mine) {                                                               \
		note(ty, "%s: " #lib " %llu, want %llu", where, (unsigned long long)c->lib,    \
		     (unsigned long long)s->mine);                                             \
		if (!ty->first_diff[0])                                                        \
			snprintf(ty->first_diff, sizeof(ty->first_diff), "%s: " #lib " %llu, want %llu", \
				 where, (unsigned long long)c->lib, (unsigned long long)s->mine); \
		return;                                                                        \
	}
	FIELDS(CMP)
#undef CMP
}

static void report(const struct tally *ty, const char *what)
{
	cr_expect(ty->runs > 0, "%s: no runs", what);
	cr_expect_eq(ty->bad, 0,
		     "%s: %u of %u runs differ from the reference simulator (%u failed with an "
		     "error status); first:\n  %s\n  %s\n  %s\n  %s\n  first with other numbers: %s",
		     what, ty->bad, ty->runs, ty->failed, ty->bad > 0 ? ty->first[0] : "",
		     ty->bad > 1 ? ty->first[1] : "", ty->bad > 2 ? ty->first[2] : "",
		     ty->bad > 3 ? ty->first[3] : "", ty->first_diff[0] ? ty->first_diff : "none");
}

static const uint64_t taus[] = { 1, 2, 3, 4, 5, 8, 13, 30, 100, 100000 };

/* Every policy, every frame count 1..P+2, several tau, on one trace. */
static void check_trace(const struct trace *tr, struct tally ty[NPOLS])
{
	size_t *nu = sim_next_use(tr);
	uint32_t *lib_nu = NULL;
	struct th_capture cap;
	char junk[256];

	cr_assert_eq(next_use_compute(tr->refs, tr->n, tr->page_shift, &lib_nu), 0);
	th_capture_begin(&cap); /* library messages on failure: counted, not shown */
	for (uint32_t frames = 1; frames <= tr->npages + 2; frames++) {
		struct replay_run runs[WS];
		for (int p = 0; p < WS; p++)
			runs[p] = (struct replay_run){ .policy = th_policy(pol_name[p]), .frames = frames };
		for (int p = 0; p < WS; p++) {
			struct sim s;
			int err = replay_refs(tr->refs, tr->n, lib_nu, tr->page_shift, &runs[p], 1, false);
			sim_frames((enum pol)p, tr, nu, frames, &s, NULL, NULL, NULL);
			compare(&ty[p], tr, (enum pol)p, frames, 0, err, &runs[p].c, &s);
		}
	}
	for (size_t i = 0; i < ARRAY_LEN(taus); i++) {
		struct replay_run run = { .policy = th_policy("ws"), .tau = taus[i] };
		struct sim s;
		int err = replay_refs(tr->refs, tr->n, NULL, tr->page_shift, &run, 1, false);
		sim_ws(tr, taus[i], &s, NULL);
		compare(&ty[WS], tr, WS, 0, taus[i], err, &run.c, &s);
	}
	th_capture_end(&cap, junk, sizeof(junk));
	free(lib_nu);
	free(nu);
}

static void check_shape(enum shape shape)
{
	static const uint32_t pages[] = { 1, 3, 7, 16, 40 };
	static const size_t lengths[] = { 1, 50, 400, 1500 };
	struct tally ty[NPOLS];

	memset(ty, 0, sizeof(ty));
	for (uint64_t seed = 1; seed <= 4; seed++) {
		for (size_t pi = 0; pi < ARRAY_LEN(pages); pi++) {
			for (size_t li = 0; li < ARRAY_LEN(lengths); li++) {
				struct trace tr;
				/* Mostly 4 KiB pages; some runs at 1 KiB and 4 MiB. */
				unsigned shift = (seed + pi + li) % 5 == 0 ? 10
						 : (seed + pi + li) % 5 == 1 && pages[pi] <= 1024 ? 22
						 : 12;
				make_trace(&tr, shape, seed, pages[pi], lengths[li], shift);
				check_trace(&tr, ty);
				free_trace(&tr);
			}
		}
	}
	for (int p = 0; p < NPOLS; p++) {
		char what[64];
		snprintf(what, sizeof(what), "%s on %s traces", pol_name[p], shape_name[shape]);
		report(&ty[p], what);
	}
}

TestSuite(random, .timeout = 60);

Test(random, uniform_traces_match_the_reference_simulator)
{
	check_shape(UNIFORM);
}

Test(random, hot_set_traces_match_the_reference_simulator)
{
	check_shape(HOTSET);
}

Test(random, looping_scans_match_the_reference_simulator)
{
	check_shape(LOOPS);
}

Test(random, shifting_working_sets_match_the_reference_simulator)
{
	check_shape(PHASES);
}

Test(random, random_walks_match_the_reference_simulator)
{
	check_shape(WALK);
}

/* Compare one step table with the simulator's, step by step. */
static void compare_steps(struct tally *ty, const struct trace *tr, enum pol pol, uint32_t frames,
			  const struct steps *st, const uint32_t *contents, const uint32_t *victims,
			  const uint8_t *faulted, uint32_t used)
{
	if (st->n != tr->n || st->nframes != used) {
		note(ty, "%s seed=%llu frames=%u: table %zu x %u, want %zu x %u", pol_name[pol],
		     (unsigned long long)tr->seed, frames, st->n, st->nframes, tr->n, used);
		return;
	}
	for (size_t t = 0; t < tr->n; t++) {
		int bad = st->victim[t] != victims[t] || st->fault[t] != faulted[t] ||
			  st->refs[t] != tr->refs[t];
		for (uint32_t f = 0; f < used; f++)
			bad |= st->contents[t * used + f] != contents[t * frames + f];
		if (bad) {
			note(ty, "%s %s seed=%llu P=%u frames=%u: step %zu differs (victim %u, want %u)",
			     pol_name[pol], shape_name[tr->shape], (unsigned long long)tr->seed,
			     tr->npages, frames, t, st->victim[t], victims[t]);
			return;
		}
	}
}

/* Step tables: every frame's content and every victim, on short traces. */
Test(random, step_tables_match_the_reference_simulator_frame_by_frame)
{
	struct tally ty[NPOLS];

	memset(ty, 0, sizeof(ty));
	for (uint64_t seed = 11; seed <= 40; seed++) {
		struct trace tr;
		uint32_t P = 2 + (uint32_t)(seed % 9);
		size_t *nu;
		uint32_t *lib_nu = NULL;

		make_trace(&tr, (enum shape)(seed % NSHAPES), seed, P, 40 + seed, 12);
		nu = sim_next_use(&tr);
		cr_assert_eq(next_use_compute(tr.refs, tr.n, 12, &lib_nu), 0);
		for (uint32_t frames = 1; frames <= P + 1; frames++) {
			for (int p = 0; p < WS; p++) {
				struct replay_run run = { .policy = th_policy(pol_name[p]),
							  .frames = frames };
				uint32_t *contents = malloc(sizeof(uint32_t) * tr.n * frames);
				uint32_t *victims = malloc(sizeof(uint32_t) * tr.n);
				uint8_t *faulted = malloc(tr.n);
				struct sim s;
				int err;

				cr_assert(contents && victims && faulted);
				sim_frames((enum pol)p, &tr, nu, frames, &s, contents, victims, faulted);
				err = replay_refs(tr.refs, tr.n, lib_nu, 12, &run, 1, true);
				compare(&ty[p], &tr, (enum pol)p, frames, 0, err, &run.c, &s);
				if (!err)
					compare_steps(&ty[p], &tr, (enum pol)p, frames, run.steps, contents,
						      victims, faulted, (uint32_t)s.max_resident);
				steps_free(run.steps);
				free(contents);
				free(victims);
				free(faulted);
			}
		}
		free(lib_nu);
		free(nu);
		free_trace(&tr);
	}
	for (int p = 0; p < WS; p++) {
		char what[64];
		snprintf(what, sizeof(what), "%s step tables", pol_name[p]);
		report(&ty[p], what);
	}
}

Test(random, ws_step_tables_show_each_page_as_it_leaves_the_window)
{
	struct tally ty = { 0 };
	struct th_capture cap;
	char junk[256];

	th_capture_begin(&cap);
	for (uint64_t seed = 50; seed < 80; seed++) {
		struct trace tr;
		uint32_t P = 2 + (uint32_t)(seed % 7);

		make_trace(&tr, (enum shape)(seed % NSHAPES), seed, P, 60, 12);
		for (size_t i = 0; i < 6; i++) {
			uint64_t tau = taus[i];
			struct replay_run run = { .policy = th_policy("ws"), .tau = tau };
			uint32_t *expired = malloc(sizeof(uint32_t) * tr.n);
			struct sim s;
			int err;

			cr_assert_not_null(expired);
			sim_ws(&tr, tau, &s, expired);
			err = replay_refs(tr.refs, tr.n, NULL, 12, &run, 1, true);
			compare(&ty, &tr, WS, 0, tau, err, &run.c, &s);
			for (size_t t = 0; !err && t < tr.n; t++) {
				if (run.steps->expired[t] != expired[t]) {
					note(&ty, "seed=%llu tau=%llu t=%zu: expired %u, want %u",
					     (unsigned long long)seed, (unsigned long long)tau, t,
					     run.steps->expired[t], expired[t]);
					break;
				}
			}
			steps_free(run.steps);
			free(expired);
		}
		free_trace(&tr);
	}
	th_capture_end(&cap, junk, sizeof(junk));
	report(&ty, "ws step tables");
}

Test(random, next_use_matches_a_forward_scan)
{
	for (uint64_t seed = 1; seed <= 20; seed++) {
		struct trace tr;
		size_t *nu;
		uint32_t *lib = NULL;

		make_trace(&tr, (enum shape)(seed % NSHAPES), seed, 3 + (uint32_t)seed, 300, 12);
		nu = sim_next_use(&tr);
		cr_assert_eq(next_use_compute(tr.refs, tr.n, 12, &lib), 0);
		for (size_t t = 0; t < tr.n; t++)
			cr_assert_eq(lib[t], nu[t] == NEVER ? NEXT_USE_NEVER : (uint32_t)nu[t],
				     "seed %llu t=%zu", (unsigned long long)seed, t);
		free(lib);
		free(nu);
		free_trace(&tr);
	}
}

/* Replay a seq file through replay_trace(). */
static int replay_file(const char *path, struct replay_run *runs, size_t nruns)
{
	struct trace_reader *r = NULL;
	struct trace_options opt = TH_OPT();
	int err = trace_open(&r, path, "auto", &opt);

	if (!err)
		err = replay_trace(r, runs, nruns, 0, NULL);
	trace_close(r);
	return err;
}

/* The streaming engine (replay_trace over a seq file, crossing the reader's
 * 1 MiB chunks) and replay_refs over the same references agree.  OPT makes
 * replay_trace spool the trace, so it runs in a second pass of its own.
 * tau is kept above the number of pages so the window never fills up. */
Test(random, streaming_replay_agrees_with_replay_of_refs_in_memory)
{
	static const char *const names[] = { "fifo", "lru", "clock", "lfu", "ws", "lru", "opt" };
	enum { NRUNS = 7, NSTREAM = 6 };

	for (uint64_t seed = 1; seed <= 4; seed++) {
		struct trace tr;
		char *text, path[TH_PATH_MAX];
		size_t len = 0;
		struct replay_run a[NRUNS], b[NRUNS];
		uint32_t *nu = NULL;
		int err1, err2;

		make_trace(&tr, (enum shape)(seed % NSHAPES), seed, 12, seed == 1 ? 300000 : 5000, 12);
		/* seq cannot say "fetch": fetches become reads on both sides. */
		text = malloc(tr.n * 16 + 1);
		cr_assert_not_null(text);
		for (size_t t = 0; t < tr.n; t++) {
			if (tr.kind[t] == REF_FETCH) {
				tr.kind[t] = REF_READ;
				tr.refs[t] = ref_make(tr.vpn[t], REF_READ);
			}
			len += (size_t)sprintf(text + len, t % 3 ? "%u%s," : "0x%x%s\n", tr.vpn[t],
					       tr.kind[t] == REF_WRITE ? "w" : "");
		}
		th_write_temp(path, text, len);
		for (int p = 0; p < NRUNS; p++)
			a[p] = b[p] = (struct replay_run){ .policy = th_policy(names[p]),
							   .frames = p == 5 ? 9 : 5, .tau = 20 };
		err1 = replay_file(path, a, NSTREAM);
		err2 = replay_file(path, a + NSTREAM, NRUNS - NSTREAM);
		unlink(path);
		cr_assert_eq(next_use_compute(tr.refs, tr.n, 12, &nu), 0);
		cr_assert_eq(replay_refs(tr.refs, tr.n, nu, 12, b, NRUNS, false), 0);
		cr_expect_eq(err1, 0);
		cr_expect_eq(err2, 0);
		for (int p = 0; p < NRUNS; p++) {
			cr_expect_eq(a[p].c.references, tr.n);
			cr_expect_eq(memcmp(&a[p].c, &b[p].c, sizeof(a[p].c)), 0,
				     "seed %llu %s: streamed counters differ (faults %llu vs %llu)",
				     (unsigned long long)seed, a[p].policy->name,
				     (unsigned long long)a[p].c.faults, (unsigned long long)b[p].c.faults);
		}
		free(nu);
		free(text);
		free_trace(&tr);
	}
}
