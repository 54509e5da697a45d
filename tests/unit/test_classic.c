/* test_classic.c - mru, random, nru, esc, aging, linux2q, wsclock and pff:
 * hand-checked examples, and agreement with a second, deliberately naive
 * simulator of each on random traces.
 *
 * The simulator below shares nothing with src/: pages sit in plain arrays,
 * every lookup and every victim is a linear scan or a literal walk of the
 * hand, written from each policy's theory block (the man page says the
 * same).  Counters compared: faults, hits, evictions, write-backs, the sum
 * and maximum of the resident set.  Traces come from fixed seeds.
 */
#include "helpers.h"
#include "options.h"

/* --- traces ---------------------------------------------------------------- */

static uint64_t mix(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

struct ctrace {
	size_t n;
	uint32_t *page;   /* page[t] */
	uint8_t *write;
	uint32_t *refs;   /* packed */
};

/* Pages 0..P-1: uniform, or a hot fifth most of the time, or loops. */
static void make_ctrace(struct ctrace *tr, uint64_t seed, uint32_t P, size_t n)
{
	uint64_t s = seed * 7919 + P;
	unsigned shape = (unsigned)(seed % 3), wpct = (unsigned)(seed % 4) * 20;
	uint32_t pos = 0;

	tr->n = n;
	tr->page = malloc(sizeof(uint32_t) * (n ? n : 1));
	tr->write = malloc(n ? n : 1);
	tr->refs = malloc(sizeof(uint32_t) * (n ? n : 1));
	cr_assert(tr->page && tr->write && tr->refs);
	for (size_t t = 0; t < n; t++) {
		uint32_t p;
		if (shape == 0) {
			p = (uint32_t)(mix(&s) % P);
		} else if (shape == 1) {
			uint32_t hot = P / 5 ? P / 5 : 1;
			p = mix(&s) % 10 < 8 ? (uint32_t)(mix(&s) % hot) : (uint32_t)(mix(&s) % P);
		} else {
			pos = mix(&s) % 16 == 0 ? (uint32_t)(mix(&s) % P) : (pos + 1) % P;
			p = pos;
		}
		tr->page[t] = p;
		tr->write[t] = mix(&s) % 100 < wpct;
		tr->refs[t] = ref_make(p, tr->write[t] ? REF_WRITE : REF_READ);
	}
}

static void free_ctrace(struct ctrace *tr)
{
	free(tr->page);
	free(tr->write);
	free(tr->refs);
}

/* --- the naive simulator ----------------------------------------------------- */

enum cpol { MRU, RANDOM, NRU, ESC, AGING, LINUX2Q, WSCLOCK, PFF };

static const char *const cpol_name[] = { "mru", "random", "nru", "esc", "aging",
					 "linux2q", "wsclock", "pff" };

struct csim {
	uint64_t faults, hits, evictions, writebacks, resident_sum, max_resident;
};

#define MAXF 64

/* Move page at index i of list[0..*n) out; return it. */
static uint32_t list_take(uint32_t *list, uint32_t *n, uint32_t i)
{
	uint32_t v = list[i];

	memmove(list + i, list + i + 1, sizeof(uint32_t) * (*n - i - 1));
	(*n)--;
	return v;
}

/* Put v at the front (index 0, the newest end) of list. */
static void list_front(uint32_t *list, uint32_t *n, uint32_t v)
{
	memmove(list + 1, list, sizeof(uint32_t) * *n);
	list[0] = v;
	(*n)++;
}

static uint32_t list_find(const uint32_t *list, uint32_t n, uint32_t v)
{
	for (uint32_t i = 0; i < n; i++)
		if (list[i] == v)
			return i;
	return UINT32_MAX;
}

/* Fixed-allocation policies: nframes frames, params p0, p1. */
static void csim_frames(enum cpol pol, const struct ctrace *tr, uint32_t nframes, uint64_t p0,
			uint64_t p1, struct csim *s, uint32_t *victims)
{
	uint32_t page[MAXF], used = 0, hand = 0, lastf = 0;
	uint8_t dirty[MAXF], R[MAXF], ref2q[MAXF];
	uint64_t count[MAXF], loaded[MAXF], lastuse[MAXF];
	uint32_t active[MAXF], inactive[MAXF], na = 0, ni = 0;
	uint64_t rng = p0;

	cr_assert_leq(nframes, MAXF);
	memset(s, 0, sizeof(*s));
	for (size_t t = 0; t < tr->n; t++) {
		uint32_t p = tr->page[t], f;
		int w = tr->write[t];

		if (victims)
			victims[t] = NO_PAGE;
		/* Clock interrupts come before the reference at t. */
		if (t > 0 && pol == NRU && t % p0 == 0)
			memset(R, 0, sizeof(R));
		if (t > 0 && pol == ESC && p0 && t % p0 == 0)
			memset(R, 0, sizeof(R));
		if (t > 0 && pol == AGING && t % p1 == 0) {
			for (f = 0; f < used; f++) {
				if (p0 == 0)
					count[f] += R[f];
				else
					count[f] = count[f] >> 1 | (uint64_t)R[f] << (p0 - 1);
				R[f] = 0;
			}
		}
		for (f = 0; f < used && page[f] != p; f++)
			;
		if (f < used) {
			s->hits++;
			dirty[f] |= (uint8_t)w;
			R[f] = 1;
			lastf = f;
			if (pol == LINUX2Q) {
				uint32_t i = list_find(inactive, ni, f);
				if (i == UINT32_MAX || !ref2q[f]) {
					ref2q[f] = 1;
				} else {
					list_take(inactive, &ni, i);
					list_front(active, &na, f);
					ref2q[f] = 0;
				}
			}
		} else {
			s->faults++;
			if (used < nframes) {
				f = used++;
			} else {
				switch (pol) {
				case MRU:
					f = lastf;
					break;
				case RANDOM:
					f = (uint32_t)(mix(&rng) % nframes);
					break;
				case NRU:
					for (unsigned cls = 0;; cls++) {
						for (f = 0; f < nframes; f++)
							if ((unsigned)(R[f] * 2 + dirty[f]) == cls)
								break;
						if (f < nframes)
							break;
					}
					break;
				case ESC:
					f = UINT32_MAX;
					for (int round = 0; round < 2 && f == UINT32_MAX; round++) {
						for (uint32_t k = 0; k < nframes && f == UINT32_MAX; k++) {
							uint32_t g = (hand + k) % nframes;
							if (!R[g] && !dirty[g])
								f = g;
						}
						for (uint32_t k = 0; k < nframes && f == UINT32_MAX; k++) {
							uint32_t g = (hand + k) % nframes;
							if (!R[g] && dirty[g])
								f = g;
							else
								R[g] = 0;
						}
					}
					hand = (f + 1) % nframes;
					break;
				case AGING:
					f = 0;
					for (uint32_t g = 1; g < nframes; g++)
						if (count[g] < count[f] ||
						    (count[g] == count[f] && loaded[g] < loaded[f]))
							f = g;
					break;
				case LINUX2Q:
					while (na > p0 * ni) {
						uint32_t g = list_take(active, &na, na - 1);
						if (ref2q[g]) {
							ref2q[g] = 0;
							list_front(active, &na, g);
						} else {
							list_front(inactive, &ni, g);
						}
					}
					f = list_take(inactive, &ni, ni - 1);
					break;
				case WSCLOCK: {
					uint32_t h0 = hand, sched = UINT32_MAX;
					f = UINT32_MAX;
					for (uint32_t k = 0; k < nframes && f == UINT32_MAX; k++) {
						uint32_t g = (h0 + k) % nframes;
						if (R[g]) {
							R[g] = 0;
							lastuse[g] = t;
						} else if (t - lastuse[g] > p0) {
							if (!dirty[g]) {
								f = g;
							} else {
								dirty[g] = 0;
								s->writebacks++;
								if (sched == UINT32_MAX)
									sched = g;
							}
						}
					}
					if (f == UINT32_MAX && sched != UINT32_MAX) {
						/* Second turn: the writes are done. */
						for (uint32_t k = 0; k < nframes && f == UINT32_MAX; k++) {
							uint32_t g = (h0 + k) % nframes;
							if (!R[g] && t - lastuse[g] > p0 && !dirty[g])
								f = g;
						}
						cr_assert_eq(f, sched);
					}
					for (uint32_t k = 0; k < nframes && f == UINT32_MAX; k++)
						if (!dirty[(h0 + k) % nframes])
							f = (h0 + k) % nframes;
					if (f == UINT32_MAX)
						f = h0;
					hand = (f + 1) % nframes;
					break;
				}
				default:
					cr_assert_fail("not a frame policy");
				}
				s->evictions++;
				s->writebacks += dirty[f];
				if (victims)
					victims[t] = page[f];
			}
			page[f] = p;
			dirty[f] = (uint8_t)w;
			R[f] = 1;
			count[f] = 0;
			loaded[f] = lastuse[f] = t;
			lastf = f;
			ref2q[f] = 1;
			if (pol == LINUX2Q)
				list_front(inactive, &ni, f);
		}
		s->resident_sum += used;
		if (used > s->max_resident)
			s->max_resident = used;
	}
}

/* PFF with critical interval T. */
static void csim_pff(const struct ctrace *tr, uint64_t T, struct csim *s)
{
	uint32_t *page = malloc(sizeof(uint32_t) * (tr->n + 1));
	uint8_t *dirty = malloc(tr->n + 1);
	size_t *last = malloc(sizeof(size_t) * (tr->n + 1));
	uint32_t nres = 0;
	size_t prev = 0;
	int any = 0;

	cr_assert(page && dirty && last);
	memset(s, 0, sizeof(*s));
	for (size_t t = 0; t < tr->n; t++) {
		uint32_t i;
		for (i = 0; i < nres && page[i] != tr->page[t]; i++)
			;
		if (i < nres) {
			s->hits++;
			dirty[i] |= tr->write[t];
			last[i] = t;
		} else {
			s->faults++;
			if (any && t - prev > T) {
				for (uint32_t j = 0; j < nres;) {
					if (last[j] < prev) {
						s->evictions++;
						s->writebacks += dirty[j];
						nres--;
						page[j] = page[nres];
						dirty[j] = dirty[nres];
						last[j] = last[nres];
					} else {
						j++;
					}
				}
			}
			page[nres] = tr->page[t];
			dirty[nres] = tr->write[t];
			last[nres] = t;
			nres++;
			any = 1;
			prev = t;
		}
		s->resident_sum += nres;
		if (nres > s->max_resident)
			s->max_resident = nres;
	}
	free(page);
	free(dirty);
	free(last);
}

/* --- running the library ------------------------------------------------------ */

static struct policy_choice choice(const char *name, uint64_t p0, uint64_t p1)
{
	struct policy_choice c;

	policy_choice_default(&c, policy_find(name));
	cr_assert_not_null(c.ops, "no policy %s", name);
	c.param[0] = p0;
	c.param[1] = p1;
	return c;
}

static int lib_run(const struct policy_choice *c, const struct ctrace *tr, uint32_t frames,
		   uint64_t tau, struct machine_counters *out, struct steps **steps)
{
	struct replay_run run = { .policy = c, .frames = frames, .tau = tau };
	int err = replay_refs(tr->refs, tr->n, NULL, 12, &run, 1, steps != NULL);

	*out = run.c;
	if (steps)
		*steps = run.steps;
	return err;
}

static int same(const struct machine_counters *c, const struct csim *s)
{
	return c->faults == s->faults && c->hits == s->hits && c->evictions == s->evictions &&
	       c->writebacks == s->writebacks && c->resident_sum == s->resident_sum &&
	       c->max_resident == s->max_resident;
}

/* Parameter sets tried for each policy (p0, p1). */
static const uint64_t cparams[][4][2] = {
	[MRU] = { { 0, 0 } },
	[RANDOM] = { { 1, 0 }, { 42, 0 }, { 0, 0 } },
	[NRU] = { { 1, 0 }, { 3, 0 }, { 10, 0 }, { 1000, 0 } },
	[ESC] = { { 0, 0 }, { 2, 0 }, { 7, 0 } },
	[AGING] = { { 8, 3 }, { 2, 1 }, { 0, 5 }, { 64, 2 } },
	[LINUX2Q] = { { 1, 0 }, { 2, 0 }, { 5, 0 } },
	[WSCLOCK] = { { 1, 0 }, { 4, 0 }, { 20, 0 }, { 1000, 0 } },
};

static void check_policy(enum cpol pol)
{
	static const uint32_t pages[] = { 1, 3, 7, 16, 40 };
	static const size_t lengths[] = { 1, 60, 500 };
	unsigned runs = 0, bad = 0;
	char first[256] = "";

	for (uint64_t seed = 1; seed <= 6; seed++)
	for (size_t pi = 0; pi < ARRAY_LEN(pages); pi++)
	for (size_t li = 0; li < ARRAY_LEN(lengths); li++) {
		struct ctrace tr;
		make_ctrace(&tr, seed, pages[pi], lengths[li]);
		for (size_t k = 0; k < 4 && (k == 0 || cparams[pol][k][0] || cparams[pol][k][1]); k++) {
			struct policy_choice c = choice(cpol_name[pol], cparams[pol][k][0],
							cparams[pol][k][1]);
			for (uint32_t frames = 1; frames <= pages[pi] + 2 && frames <= MAXF; frames++) {
				struct machine_counters mc;
				struct csim s;
				int err = lib_run(&c, &tr, frames, 0, &mc, NULL);
				csim_frames(pol, &tr, frames, c.param[0], c.param[1], &s, NULL);
				runs++;
				if (err || !same(&mc, &s)) {
					if (!bad++)
						snprintf(first, sizeof(first),
							 "seed %llu P=%u n=%zu %s frames=%u: faults %llu "
							 "want %llu, writebacks %llu want %llu (err %d)",
							 (unsigned long long)seed, pages[pi], tr.n, c.name,
							 frames, (unsigned long long)mc.faults,
							 (unsigned long long)s.faults,
							 (unsigned long long)mc.writebacks,
							 (unsigned long long)s.writebacks, err);
				}
			}
		}
		free_ctrace(&tr);
	}
	cr_expect_eq(bad, 0, "%s: %u of %u runs differ; first: %s", cpol_name[pol], bad, runs,
		     first);
}

TestSuite(classic);

Test(classic, mru_matches_the_naive_simulator) { check_policy(MRU); }
Test(classic, random_matches_the_naive_simulator) { check_policy(RANDOM); }
Test(classic, nru_matches_the_naive_simulator) { check_policy(NRU); }
Test(classic, esc_matches_the_naive_simulator) { check_policy(ESC); }
Test(classic, aging_matches_the_naive_simulator) { check_policy(AGING); }
Test(classic, linux2q_matches_the_naive_simulator) { check_policy(LINUX2Q); }
Test(classic, wsclock_matches_the_naive_simulator) { check_policy(WSCLOCK); }

Test(classic, pff_matches_the_naive_simulator)
{
	static const uint64_t Ts[] = { 1, 2, 3, 5, 10, 50, 1000 };
	unsigned runs = 0, bad = 0;

	for (uint64_t seed = 1; seed <= 6; seed++) {
		for (uint32_t P = 1; P <= 60; P += 7) {
			struct ctrace tr;
			struct policy_choice c = choice("pff", 0, 0);
			make_ctrace(&tr, seed, P, 700);
			for (size_t i = 0; i < ARRAY_LEN(Ts); i++) {
				struct machine_counters mc;
				struct csim s;
				int err = lib_run(&c, &tr, 0, Ts[i], &mc, NULL);
				csim_pff(&tr, Ts[i], &s);
				runs++;
				if (err || !same(&mc, &s))
					cr_expect(bad++ > 0, "pff seed %llu P=%u T=%llu: faults %llu want "
						  "%llu, resident_sum %llu want %llu (err %d)",
						  (unsigned long long)seed, P, (unsigned long long)Ts[i],
						  (unsigned long long)mc.faults, (unsigned long long)s.faults,
						  (unsigned long long)mc.resident_sum,
						  (unsigned long long)s.resident_sum, err);
			}
			free_ctrace(&tr);
		}
	}
	cr_expect_eq(bad, 0, "pff: %u of %u runs differ", bad, runs);
}

/* The step tables (which page each fault evicted) agree too. */
Test(classic, victims_match_the_naive_simulator_step_by_step)
{
	for (int pol = MRU; pol <= WSCLOCK; pol++) {
		for (uint64_t seed = 1; seed <= 6; seed++) {
			struct ctrace tr;
			struct policy_choice c = choice(cpol_name[pol], cparams[pol][seed % 2][0],
							cparams[pol][seed % 2][1]);
			if (pol == MRU)
				c = choice("mru", 0, 0);
			make_ctrace(&tr, seed, 9, 120);
			for (uint32_t frames = 1; frames <= 8; frames++) {
				struct machine_counters mc;
				struct steps *st = NULL;
				struct csim s;
				uint32_t victims[120];
				cr_assert_eq(lib_run(&c, &tr, frames, 0, &mc, &st), 0);
				csim_frames((enum cpol)pol, &tr, frames, c.param[0], c.param[1], &s,
					    victims);
				for (size_t t = 0; t < tr.n; t++)
					cr_assert_eq(st->victim[t], victims[t],
						     "%s seed %llu frames %u t=%zu: victim %u, want %u",
						     c.name, (unsigned long long)seed, frames, t,
						     st->victim[t], victims[t]);
				steps_free(st);
			}
			free_ctrace(&tr);
		}
	}
}

/* --- properties ------------------------------------------------------------------ */

/* MRU is a stack algorithm: more frames never fault more. */
Test(classic, mru_never_faults_more_with_more_frames)
{
	struct policy_choice c = choice("mru", 0, 0);

	for (uint64_t seed = 1; seed <= 30; seed++) {
		struct ctrace tr;
		uint64_t prev = UINT64_MAX;
		make_ctrace(&tr, seed, 12, 300);
		for (uint32_t frames = 1; frames <= 14; frames++) {
			struct machine_counters mc;
			cr_assert_eq(lib_run(&c, &tr, frames, 0, &mc, NULL), 0);
			cr_expect_leq(mc.faults, prev, "seed %llu: %llu faults at %u frames",
				      (unsigned long long)seed, (unsigned long long)mc.faults, frames);
			prev = mc.faults;
		}
		free_ctrace(&tr);
	}
}

/* NFU counting every reference (tick 1) is LFU; aging with 64 bits and tick
 * 1 is LRU while every reference is within the last 64. */
Test(classic, nfu_with_tick_1_is_lfu_and_aging_with_tick_1_is_lru)
{
	struct policy_choice nfu = choice("aging", 0, 1), aging = choice("aging", 64, 1);

	for (uint64_t seed = 1; seed <= 20; seed++) {
		struct ctrace tr;
		make_ctrace(&tr, seed, 10, 65);
		for (uint32_t frames = 1; frames <= 11; frames++) {
			struct machine_counters a, b;
			cr_assert_eq(lib_run(&nfu, &tr, frames, 0, &a, NULL), 0);
			cr_assert_eq(th_replay("lfu", tr.refs, tr.n, frames, 0, 12, &b, NULL), 0);
			cr_expect(a.faults == b.faults && a.writebacks == b.writebacks,
				  "nfu vs lfu seed %llu frames %u", (unsigned long long)seed, frames);
			cr_assert_eq(lib_run(&aging, &tr, frames, 0, &a, NULL), 0);
			cr_assert_eq(th_replay("lru", tr.refs, tr.n, frames, 0, 12, &b, NULL), 0);
			cr_expect(a.faults == b.faults && a.writebacks == b.writebacks,
				  "aging vs lru seed %llu frames %u", (unsigned long long)seed, frames);
		}
		free_ctrace(&tr);
	}
}

Test(classic, random_is_reproducible_and_depends_on_its_seed)
{
	struct policy_choice a = choice("random", 7, 0), b = choice("random", 8, 0);
	struct ctrace tr;
	struct machine_counters x, y, z;

	make_ctrace(&tr, 3, 40, 2000);
	cr_assert_eq(lib_run(&a, &tr, 10, 0, &x, NULL), 0);
	cr_assert_eq(lib_run(&a, &tr, 10, 0, &y, NULL), 0);
	cr_assert_eq(lib_run(&b, &tr, 10, 0, &z, NULL), 0);
	cr_expect_eq(memcmp(&x, &y, sizeof(x)), 0);
	cr_expect_neq(x.faults, z.faults);
	free_ctrace(&tr);
}

/* --- hand-checked examples -------------------------------------------------------- */

/* The victims of one run over a reference string, as "p,p,..." (NO_PAGE
 * steps skipped), and its faults and write-backs. */
static void hand_case(const char *policy, const char *params, const char *refstr,
		      uint32_t frames, uint64_t tau, uint64_t faults, uint64_t writebacks,
		      const char *victims)
{
	uint32_t refs[64];
	size_t n = th_refs(refstr, refs, ARRAY_LEN(refs));
	struct policy_choice *c = NULL;
	struct replay_run run = { 0 };
	size_t nc = 0;
	char spec[64], got[256] = "";

	snprintf(spec, sizeof(spec), "%s%s", policy, params);
	cr_assert_eq(opt_parse_policies(spec, &c, &nc), 0);
	run = (struct replay_run){ .policy = c, .frames = frames, .tau = tau };
	cr_assert_eq(replay_refs(refs, n, NULL, 12, &run, 1, true), 0);
	for (size_t t = 0; t < n; t++) {
		uint32_t v = run.steps->victim[t] != NO_PAGE ? run.steps->victim[t]
							      : run.steps->expired[t];
		if (v != NO_PAGE)
			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%u",
				 got[0] ? "," : "", v);
	}
	cr_expect_eq(run.c.faults, faults, "%s on %s: %llu faults, want %llu", spec, refstr,
		     (unsigned long long)run.c.faults, (unsigned long long)faults);
	cr_expect_eq(run.c.writebacks, writebacks, "%s on %s: %llu write-backs, want %llu", spec,
		     refstr, (unsigned long long)run.c.writebacks, (unsigned long long)writebacks);
	cr_expect_str_eq(got, victims, "%s on %s: victims %s, want %s", spec, refstr, got,
			 victims);
	steps_free(run.steps);
	free(c);
}

/* Parameters are copied into the test process: arrays, no pointers. */
struct hand {
	char policy[24], refs[48];
	uint32_t frames;
	uint64_t faults, writebacks;
	char victims[24];
};

ParameterizedTestParameters(classic, hand_checked_examples)
{
	static struct hand cases[] = {
		/* 1 2 3 fill; 4 evicts 3 (just used); 1 2 hit; 5 evicts 2; 1 hits;
		 * 2 evicts 1; 3 evicts 2; 4 5 hit: 7 faults where LRU has 10. */
		{ "mru", "1,2,3,4,1,2,5,1,2,3,4,5", 3, 7, 0, "3,2,1,2" },
		/* A loop one page longer than memory: LRU faults 8 times, MRU
		 * keeps all but one page. */
		{ "mru", "1,2,3,4,1,2,3,4", 3, 5, 0, "3,2" },
		/* tick 4.  t3: classes 2,3,2 -> frame 0 (page 1).  R cleared
		 * before t4: classes 0,1,0 -> frame 0 (page 4).  t5: classes
		 * 2,1,0 -> frame 2 (page 3). */
		{ "nru:tick=4", "1,2w,3,4,1,5", 3, 6, 0, "1,4,3" },
		/* t3: step 1 finds no (0,0); step 2 clears every R and finds no
		 * (0,1); step 1 again takes frame 1 (page 2).  t4 (hand 2): no
		 * (0,0); step 2 takes frame 2 (page 3, dirty).  t5 (hand 0):
		 * step 2 takes frame 0 (page 1, dirty). */
		{ "esc", "1w,2,3w,4,2,5", 3, 6, 2, "2,3,1" },
		/* bits 2, tick 2.  Before t2 both counters become 10b; page 1's
		 * hit at t2 sets only R.  At t3 the tie goes to the page loaded
		 * earliest: page 1. */
		{ "aging:bits=2,tick=2", "1,2,1,3,2,3", 2, 3, 0, "1" },
		/* 1 and 2 are referenced twice and go active; 3..6 pass through
		 * the inactive list and evict each other (3, then 4), leaving 1
		 * and 2: 6 faults where LRU, flushed by the scan, has 8. */
		{ "linux2q", "1,2,1,2,3,4,5,6,1,2", 4, 6, 0, "3,4" },
		/* tau 2, 3 frames.  t3: every R is set, the hand clears them all
		 * (last use 3); nothing old, no write scheduled: the first clean
		 * page, 2.  t4: 3 is the first clean page.  t5: 4.  t6: page 1,
		 * dirty and 3 old, is written back, not evicted; page 6 (R=1) is
		 * used; a turn later page 1 is clean and goes: 1 write-back. */
		{ "wsclock:tau=2", "1w,2,3,4,5,6,7", 3, 7, 1, "2,3,4,1" },
	};
	return cr_make_param_array(struct hand, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct hand *h, classic, hand_checked_examples)
{
	hand_case(h->policy, "", h->refs, h->frames, 0, h->faults, h->writebacks, h->victims);
}

Test(classic, lru_on_the_same_examples_faults_more)
{
	cr_expect_eq(th_faults("lru", "1,2,3,4,1,2,5,1,2,3,4,5", 3, 0), 10);
	cr_expect_eq(th_faults("lru", "1,2,3,4,1,2,3,4", 3, 0), 8);
	cr_expect_eq(th_faults("lru", "1,2,1,2,3,4,5,6,1,2", 4, 0), 8);
}

/* T 2.  1, 2, 3 fault at intervals of 1: the set grows.  At t6 the
 * interval is 4 > 2: page 2, last used at t1 before the previous fault
 * (t2), leaves; 3, used at the fault at t2, stays. */
Test(classic, pff_drops_pages_unused_since_the_previous_fault)
{
	struct machine_counters c;
	uint32_t refs[16];
	size_t n = th_refs("1,2,3,1,1,1,4", refs, ARRAY_LEN(refs));

	hand_case("pff", "", "1,2,3,1,1,1,4", 0, 2, 4, 0, "2");
	cr_assert_eq(th_replay("pff", refs, n, 0, 2, 12, &c, NULL), 0);
	cr_expect_eq(c.resident_sum, 1 + 2 + 3 + 3 + 3 + 3 + 3);
	cr_expect_eq(c.max_resident, 3);
}

/* A threshold longer than the trace never shrinks: one fault per page. */
Test(classic, pff_with_a_long_interval_keeps_every_page)
{
	cr_expect_eq(th_faults("pff", "1,2,3,1,2,3,4,1,2,3,4", 0, 100), 4);
}
