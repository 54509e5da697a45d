/* test_modern.c - sieve, s3fifo, 2q, arc and lirs against second
 * implementations written here from the papers' pseudocode.
 *
 * The models below share nothing with src/policy/: each keeps its queues
 * as plain arrays of page numbers in order (index 0 = head, the newest),
 * finds a page by a linear scan and shifts elements to insert or remove.
 * Each model says, for every reference, whether it hit and which page (if
 * any) it evicted; the driver adds the machine's bookkeeping (dirty pages,
 * write-backs).  The library must agree on every victim, not just on the
 * counts.  Traces come from a fixed-seed generator, so runs repeat.
 */
#include "helpers.h"

#define MAXQ 512          /* longest model queue (pages, ghosts included) */
#define NONE UINT32_MAX

/* --- an ordered array of pages ------------------------------------------ */

struct vec {
	uint32_t v[MAXQ];
	uint32_t aux[MAXQ];  /* a per-entry value: a bit, a counter */
	size_t n;
};

static long vec_find(const struct vec *q, uint32_t page)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->v[i] == page)
			return (long)i;
	return -1;
}

static void vec_insert(struct vec *q, size_t at, uint32_t page, uint32_t aux)
{
	cr_assert_lt(q->n, MAXQ);
	memmove(q->v + at + 1, q->v + at, (q->n - at) * sizeof(uint32_t));
	memmove(q->aux + at + 1, q->aux + at, (q->n - at) * sizeof(uint32_t));
	q->v[at] = page;
	q->aux[at] = aux;
	q->n++;
}

static void vec_erase(struct vec *q, size_t at)
{
	memmove(q->v + at, q->v + at + 1, (q->n - at - 1) * sizeof(uint32_t));
	memmove(q->aux + at, q->aux + at + 1, (q->n - at - 1) * sizeof(uint32_t));
	q->n--;
}

/* Remove and return the last (oldest) page. */
static uint32_t vec_pop(struct vec *q)
{
	cr_assert_gt(q->n, 0);
	return q->v[--q->n];
}

/* --- the models --------------------------------------------------------- */

struct model {
	uint32_t frames;
	const uint64_t *param;
	struct vec a, b, c, d;  /* the model's queues, named in each model */
	uint32_t hand;           /* sieve: page under the hand, or NONE */
	uint64_t p;              /* arc: target size of T1; clockpro: m_c */
	uint32_t hands[3];       /* clockpro: pages under HANDhot, HANDcold, HANDtest */
};

/* Returns the page evicted (NONE if none); *hit says whether x was resident. */
typedef uint32_t (*model_fn)(struct model *m, uint32_t x, bool *hit);

/* SIEVE, NSDI 2024 Algorithm 1.  a = the queue, aux = visited. */
static uint32_t model_sieve(struct model *m, uint32_t x, bool *hit)
{
	struct vec *q = &m->a;
	long i = vec_find(q, x);
	uint32_t victim = NONE;

	if (i >= 0) {
		q->aux[i] = 1;
		*hit = true;
		return NONE;
	}
	*hit = false;
	if (q->n == m->frames) {
		long o = m->hand != NONE ? vec_find(q, m->hand) : (long)q->n - 1;
		cr_assert_geq(o, 0);
		while (q->aux[o]) {
			q->aux[o] = 0;
			o = o == 0 ? (long)q->n - 1 : o - 1;
		}
		m->hand = o > 0 ? q->v[o - 1] : NONE;
		victim = q->v[o];
		vec_erase(q, (size_t)o);
	}
	vec_insert(q, 0, x, 0);
	return victim;
}

/* S3-FIFO, SOSP 2023 Algorithm 1, one victim per fault (see s3fifo.c).
 * a = S, b = M (aux = freq), c = G.  param: small%, ghost%, cap, promote. */
static uint32_t s3_evict_main(struct model *m)
{
	for (;;) {
		size_t last = m->b.n - 1;
		uint32_t page = m->b.v[last], f = m->b.aux[last];
		vec_erase(&m->b, last);
		if (f == 0)
			return page;
		vec_insert(&m->b, 0, page, f - 1);
	}
}

static uint32_t model_s3fifo(struct model *m, uint32_t x, bool *hit)
{
	uint64_t small = m->param[0], cap = m->param[2], promote = m->param[3];
	size_t gcap = (size_t)(m->param[1] * m->frames / 100);
	struct vec *S = &m->a, *M = &m->b, *G = &m->c;
	long i = vec_find(S, x), j = vec_find(M, x), gi;
	uint32_t victim = NONE;

	if (i >= 0 || j >= 0) {
		uint32_t *f = i >= 0 ? &S->aux[i] : &M->aux[j];
		if (*f < cap)
			(*f)++;
		*hit = true;
		return NONE;
	}
	*hit = false;
	if (S->n + M->n == m->frames) {
		if (100 * S->n >= small * m->frames) {
			while (S->n > 0 && victim == NONE) {
				uint32_t f = S->aux[S->n - 1];
				uint32_t page = vec_pop(S);
				if (f >= promote) {
					vec_insert(M, 0, page, f);
					if (100 * M->n > (100 - small) * m->frames)
						victim = s3_evict_main(m);
				} else {
					if (gcap) {
						if (G->n == gcap)
							vec_pop(G);
						vec_insert(G, 0, page, 0);
					}
					victim = page;
				}
			}
		}
		if (victim == NONE)
			victim = s3_evict_main(m);
	}
	gi = vec_find(G, x);
	if (gi >= 0) {
		vec_erase(G, (size_t)gi);
		vec_insert(M, 0, x, 0);
	} else {
		vec_insert(S, 0, x, 0);
	}
	return victim;
}

/* 2Q full version, VLDB 1994 section 2.1.  a = A1in (FIFO), b = Am (LRU),
 * c = A1out (FIFO of numbers).  param: kin%, kout%.  X's number stays in
 * A1out when X moves to Am, as in the paper. */
static uint32_t model_2q(struct model *m, uint32_t x, bool *hit)
{
	struct vec *A1in = &m->a, *Am = &m->b, *A1out = &m->c;
	size_t kout = (size_t)(m->param[1] * m->frames / 100);
	long i = vec_find(Am, x);
	bool to_am;
	uint32_t victim = NONE;

	if (i >= 0) {
		vec_erase(Am, (size_t)i);
		vec_insert(Am, 0, x, 0);
		*hit = true;
		return NONE;
	}
	if (vec_find(A1in, x) >= 0) {
		*hit = true;
		return NONE;
	}
	*hit = false;
	to_am = vec_find(A1out, x) >= 0;
	if (A1in->n + Am->n == m->frames) { /* reclaimfor(X) */
		if (100 * A1in->n > m->param[0] * m->frames) {
			victim = vec_pop(A1in);
			vec_insert(A1out, 0, victim, 0);
			if (A1out->n > kout)
				vec_pop(A1out);
		} else {
			victim = vec_pop(Am);
		}
	}
	vec_insert(to_am ? Am : A1in, 0, x, 0);
	return victim;
}

/* ARC, FAST 2003 Figure 4, with the ratios rounded down.  a = T1, b = T2,
 * c = B1, d = B2, all MRU first. */
static uint32_t arc_replace(struct model *m, bool x_in_b2)
{
	uint32_t v;

	if (m->a.n >= 1 && (m->a.n > m->p || (x_in_b2 && m->a.n == m->p))) {
		v = vec_pop(&m->a);
		vec_insert(&m->c, 0, v, 0);
	} else {
		v = vec_pop(&m->b);
		vec_insert(&m->d, 0, v, 0);
	}
	return v;
}

static uint32_t model_arc(struct model *m, uint32_t x, bool *hit)
{
	struct vec *T1 = &m->a, *T2 = &m->b, *B1 = &m->c, *B2 = &m->d;
	uint64_t c = m->frames;
	long i;
	uint32_t victim = NONE;

	*hit = false;
	if ((i = vec_find(T1, x)) >= 0 || (i = vec_find(T2, x)) >= 0) { /* case I */
		vec_erase(vec_find(T1, x) >= 0 ? T1 : T2, (size_t)i);
		vec_insert(T2, 0, x, 0);
		*hit = true;
		return NONE;
	}
	if ((i = vec_find(B1, x)) >= 0) { /* case II */
		uint64_t d = B1->n >= B2->n ? 1 : B2->n / B1->n;
		m->p = m->p + d < c ? m->p + d : c;
		victim = arc_replace(m, false);
		vec_erase(B1, (size_t)vec_find(B1, x));
		vec_insert(T2, 0, x, 0);
		return victim;
	}
	if ((i = vec_find(B2, x)) >= 0) { /* case III */
		uint64_t d = B2->n >= B1->n ? 1 : B1->n / B2->n;
		m->p = m->p > d ? m->p - d : 0;
		victim = arc_replace(m, true);
		vec_erase(B2, (size_t)vec_find(B2, x));
		vec_insert(T2, 0, x, 0);
		return victim;
	}
	/* case IV */
	if (T1->n + B1->n == c) {
		if (T1->n < c) {
			vec_pop(B1);
			victim = arc_replace(m, false);
		} else {
			victim = vec_pop(T1);
		}
	} else if (T1->n + B1->n + T2->n + B2->n >= c) {
		if (T1->n + B1->n + T2->n + B2->n == 2 * c)
			vec_pop(B2);
		victim = arc_replace(m, false);
	}
	vec_insert(T1, 0, x, 0);
	return victim;
}

/* LIRS, SIGMETRICS 2002 section 3, with non-resident entries bounded (see
 * lirs.c).  a = S, top first, aux = LIR_ / HIR_RES / HIR_NONRES; b = Q,
 * end (newest) first; c = the non-resident entries, newest first.
 * param: hir%, ghost%. */
enum { LIR_, HIR_RES, HIR_NONRES };

static size_t lirs_count_lir(const struct vec *S)
{
	size_t k = 0;

	for (size_t i = 0; i < S->n; i++)
		k += S->aux[i] == LIR_;
	return k;
}

static void lirs_prune(struct model *m)
{
	while (m->a.n && m->a.aux[m->a.n - 1] != LIR_) {
		uint32_t st = m->a.aux[m->a.n - 1], page = vec_pop(&m->a);
		if (st == HIR_NONRES)
			vec_erase(&m->c, (size_t)vec_find(&m->c, page));
	}
}

/* Demote bottom LIR pages while there are more than Llirs. */
static void lirs_balance(struct model *m, size_t llirs)
{
	while (lirs_count_lir(&m->a) > llirs) {
		uint32_t page = vec_pop(&m->a);
		vec_insert(&m->b, 0, page, 0);
		lirs_prune(m);
	}
}

static uint32_t model_lirs(struct model *m, uint32_t x, bool *hit)
{
	struct vec *S = &m->a, *Q = &m->b, *NR = &m->c;
	size_t hirs = (size_t)(m->param[0] * m->frames / 100), llirs, gmax;
	long si = vec_find(S, x), qi = vec_find(Q, x);
	uint32_t victim = NONE;

	hirs = hirs ? hirs : 1;
	llirs = m->frames - hirs;
	gmax = (size_t)(m->param[1] * m->frames / 100);
	if ((si >= 0 && S->aux[si] == LIR_) || qi >= 0) {
		*hit = true;
		if (si >= 0 && S->aux[si] == LIR_) {
			vec_erase(S, (size_t)si);
			vec_insert(S, 0, x, LIR_);
			lirs_prune(m);
		} else if (si >= 0) {
			vec_erase(S, (size_t)si);
			vec_insert(S, 0, x, LIR_);
			vec_erase(Q, (size_t)qi);
			lirs_balance(m, llirs);
			lirs_prune(m);
		} else {
			vec_insert(S, 0, x, HIR_RES);
			vec_erase(Q, (size_t)qi);
			vec_insert(Q, 0, x, 0);
		}
		return NONE;
	}
	*hit = false;
	if (lirs_count_lir(S) + Q->n == m->frames) {
		long vi;
		victim = vec_pop(Q);
		vi = vec_find(S, victim);
		if (vi >= 0) {
			S->aux[vi] = HIR_NONRES;
			vec_insert(NR, 0, victim, 0);
		}
	}
	si = vec_find(S, x);
	if (si >= 0) {
		vec_erase(S, (size_t)si);
		vec_erase(NR, (size_t)vec_find(NR, x));
		vec_insert(S, 0, x, LIR_);
		lirs_balance(m, llirs);
	} else if (lirs_count_lir(S) < llirs) {
		vec_insert(S, 0, x, LIR_);
	} else {
		vec_insert(S, 0, x, HIR_RES);
		vec_insert(Q, 0, x, 0);
	}
	while (NR->n > gmax) {
		uint32_t page = vec_pop(NR);
		vec_erase(S, (size_t)vec_find(S, page));
	}
	lirs_prune(m);
	return victim;
}

/* CLOCK-Pro, USENIX ATC 2005 section 3, with the choices clockpro.c states.
 * a = the clock, in the hands' direction from index 0, wrapping; aux =
 * CP_* bits.  A non-resident page keeps its own number, so a hand on a page
 * that is evicted stays on it.  hands[] hold pages (NONE: empty clock);
 * p = m_c.  param: cold%, adapt. */
enum { CP_HOT = 1, CP_TEST = 2, CP_REF = 4, CP_RES = 8 };
enum { HH, HC, HT };  /* the hands; each stops at: hot, resident cold, cold */

static bool cp_is(uint32_t aux, int hand)
{
	if (hand == HH)
		return aux & CP_HOT;
	if (hand == HC)
		return (aux & (CP_RES | CP_HOT)) == CP_RES;
	return !(aux & CP_HOT);
}

static size_t cp_count(const struct vec *q, uint32_t mask, uint32_t want)
{
	size_t k = 0;

	for (size_t i = 0; i < q->n; i++)
		k += (q->aux[i] & mask) == want;
	return k;
}

/* Index of the first page hand stops at among steps pages from index i. */
static size_t cp_seek(const struct vec *q, size_t i, size_t steps, int hand)
{
	for (size_t s = 0; s < steps; s++)
		if (cp_is(q->aux[(i + s) % q->n], hand))
			return (i + s) % q->n;
	return i;
}

static size_t cp_at(struct model *m, int hand)
{
	long i = vec_find(&m->a, m->hands[hand]);

	cr_assert_geq(i, 0);
	return (size_t)i;
}

/* Take index i off the clock; hands on it go to the next page they stop at. */
static void cp_remove(struct model *m, size_t i)
{
	struct vec *q = &m->a;

	for (int h = 0; h < 3; h++) {
		if (m->hands[h] != q->v[i])
			continue;
		if (q->n == 1)
			m->hands[h] = NONE;
		else
			m->hands[h] = q->v[cp_seek(q, (i + 1) % q->n, q->n - 1, h)];
	}
	vec_erase(q, i);
}

/* At the list head: just before HANDhot's page. */
static void cp_insert_head(struct model *m, uint32_t page, uint32_t aux)
{
	if (m->a.n == 0) {
		vec_insert(&m->a, 0, page, aux);
		m->hands[HH] = m->hands[HC] = m->hands[HT] = page;
		return;
	}
	vec_insert(&m->a, cp_at(m, HH), page, aux);
}

static void cp_adapt(struct model *m, int up)
{
	uint64_t hi = m->frames > 1 ? m->frames - 1 : 1;

	if (!m->param[1])
		return;
	if (up && m->p < hi)
		m->p++;
	if (!up && m->p > 1)
		m->p--;
}

/* A cold page at index i leaves its test period. */
static void cp_end_test(struct model *m, size_t i)
{
	if (!(m->a.aux[i] & CP_RES)) {
		cp_remove(m, i);
		cp_adapt(m, 0);
	} else if (m->a.aux[i] & CP_TEST) {
		m->a.aux[i] &= ~(uint32_t)CP_TEST;
		cp_adapt(m, 0);
	}
}

static void cp_balance(struct model *m)
{
	while (cp_count(&m->a, CP_HOT, CP_HOT) > m->frames - m->p) {
		for (;;) { /* HANDhot: one hot page turns cold */
			size_t i = cp_at(m, HH), n = m->a.n;
			uint32_t next = m->a.v[(i + 1) % n];
			if (m->a.aux[i] & CP_HOT) {
				if (!(m->a.aux[i] & CP_REF)) {
					m->a.aux[i] &= ~(uint32_t)CP_HOT;
					m->hands[HH] = m->a.v[cp_seek(&m->a, (i + 1) % n, n, HH)];
					break;
				}
				m->a.aux[i] &= ~(uint32_t)CP_REF;
			} else {
				cp_end_test(m, i);
			}
			m->hands[HH] = next;
		}
	}
}

static uint32_t model_clockpro(struct model *m, uint32_t x, bool *hit)
{
	struct vec *C = &m->a;
	long i = vec_find(C, x);
	uint32_t victim = NONE;

	if (C->n == 0) { /* empty only before the first reference: set m_c */
		uint64_t hi = m->frames > 1 ? m->frames - 1 : 1, mc = m->param[0] * m->frames / 100;
		m->p = mc < 1 ? 1 : mc > hi ? hi : mc;
	}
	if (i >= 0 && (C->aux[i] & CP_RES)) {
		C->aux[i] |= CP_REF;
		*hit = true;
		return NONE;
	}
	*hit = false;
	while (cp_count(C, CP_RES, CP_RES) == m->frames && victim == NONE) { /* HANDcold */
		size_t j = cp_seek(C, cp_at(m, HC), C->n, HC);
		uint32_t page = C->v[j], aux = C->aux[j];
		m->hands[HC] = page;
		if (aux & CP_REF) {
			if (aux & CP_TEST) {
				aux = CP_RES | CP_HOT;
				cp_adapt(m, 1);
			} else {
				aux = CP_RES | CP_TEST;
			}
			cp_remove(m, j);
			cp_insert_head(m, page, aux);
			if (aux & CP_HOT)
				cp_balance(m);
		} else if (aux & CP_TEST) {
			victim = page;
			C->aux[j] = CP_TEST;
			m->hands[HC] = C->v[cp_seek(C, (j + 1) % C->n, C->n, HC)];
			while (cp_count(C, CP_RES, 0) > m->frames) { /* HANDtest */
				size_t k = cp_seek(C, cp_at(m, HT), C->n, HT);
				m->hands[HT] = C->v[k];
				if (C->aux[k] & CP_RES) {
					cp_end_test(m, k);
					m->hands[HT] = C->v[cp_seek(C, (k + 1) % C->n, C->n, HT)];
				} else {
					cp_end_test(m, k);
				}
			}
		} else {
			victim = page;
			cp_remove(m, j);
		}
	}
	i = vec_find(C, x);
	if (i >= 0) { /* non-resident, in its test period */
		cp_remove(m, (size_t)i);
		cp_adapt(m, 1);
		cp_insert_head(m, x, CP_RES | CP_HOT);
		cp_balance(m);
	} else {
		cp_insert_head(m, x, CP_RES | CP_TEST);
	}
	return victim;
}

/* --- traces ------------------------------------------------------------- */

static uint64_t mix(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

enum { SH_UNIFORM, SH_HOT, SH_LOOP, SH_SCAN, SH_PHASE, NSH };

/* n references over P pages of one of five shapes; about a quarter writes. */
static void gen_trace(uint64_t seed, int shape, uint32_t P, size_t n, uint32_t *vpn,
		      uint8_t *write)
{
	uint64_t s = seed * 7919u + (uint64_t)shape * 104729u + P;
	uint32_t base = (uint32_t)(mix(&s) % (1u << 19)), stride = 1 + (uint32_t)(mix(&s) % 3);
	uint32_t pos = 0, loop = 1 + P / 2, phase = 0;

	for (size_t t = 0; t < n; t++) {
		uint32_t r = (uint32_t)mix(&s), i;
		switch (shape) {
		case SH_UNIFORM:
			i = r % P;
			break;
		case SH_HOT: /* 80% of references to 20% of the pages */
			i = (r % 10 < 8) ? (r >> 8) % (P / 5 + 1) : (r >> 8) % P;
			break;
		case SH_LOOP: /* a loop a little larger than half the pages, with noise */
			i = (r % 16 == 0) ? (r >> 8) % P : (pos = (pos + 1) % loop);
			break;
		case SH_SCAN: /* a hot set interrupted by long one-time scans */
			if (r % 50 == 0)
				pos = P / 4 + 1;
			if (pos && pos < P) {
				i = pos++;
			} else {
				pos = 0;
				i = (r >> 8) % (P / 4 + 1);
			}
			break;
		default: /* a working set that moves */
			if (t % 200 == 0)
				phase = (r >> 4) % (P / 2 + 1);
			i = (phase + (r >> 8) % (P / 2 + 1)) % P;
			break;
		}
		vpn[t] = base + i * stride;
		write[t] = (mix(&s) % 4) == 0;
	}
}

/* --- the driver --------------------------------------------------------- */

struct mcount {
	uint64_t faults, hits, evictions, writebacks;
};

/* Run a model over a trace: counts and the victim of each reference. */
static void run_model(model_fn fn, uint32_t frames, const uint64_t *param, const uint32_t *vpn,
		      const uint8_t *write, size_t n, struct mcount *c, uint32_t *victims)
{
	struct model *m = calloc(1, sizeof(*m));
	uint32_t lo = UINT32_MAX, hi = 0;
	uint8_t *dirty;

	/* Dirty bits over the trace's span of page numbers only. */
	for (size_t t = 0; t < n; t++) {
		lo = vpn[t] < lo ? vpn[t] : lo;
		hi = vpn[t] > hi ? vpn[t] : hi;
	}
	dirty = calloc(n ? hi - lo + 1 : 1, 1);
	cr_assert(m && dirty);
	m->frames = frames;
	m->param = param;
	m->hand = NONE;
	memset(c, 0, sizeof(*c));
	for (size_t t = 0; t < n; t++) {
		bool hit;
		uint32_t v = fn(m, vpn[t], &hit);
		victims[t] = v;
		if (hit) {
			c->hits++;
			dirty[vpn[t] - lo] |= write[t];
			continue;
		}
		c->faults++;
		if (v != NONE) {
			c->evictions++;
			c->writebacks += dirty[v - lo];
			dirty[v - lo] = 0;
		}
		dirty[vpn[t] - lo] = write[t];
	}
	free(dirty);
	free(m);
}

struct tally {
	unsigned runs, bad;
	char first[512];
};

static void check_run(struct tally *ty, const char *policy, const uint64_t *param, model_fn fn,
		      uint32_t frames, const uint32_t *vpn, const uint8_t *write, size_t n,
		      const char *where)
{
	struct policy_choice choice;
	struct replay_run run = { .frames = frames };
	uint32_t *refs = malloc(sizeof(uint32_t) * n), *victims = malloc(sizeof(uint32_t) * n);
	struct mcount c;
	int err;

	cr_assert(refs && victims);
	policy_choice_default(&choice, policy_find(policy));
	cr_assert_not_null(choice.ops);
	for (size_t i = 0; param && i < POLICY_MAX_PARAMS; i++)
		choice.param[i] = param[i];
	for (size_t t = 0; t < n; t++)
		refs[t] = ref_make(vpn[t], write[t] ? REF_WRITE : REF_READ);
	run.policy = &choice;
	run_model(fn, frames, choice.param, vpn, write, n, &c, victims);
	err = replay_refs(refs, n, NULL, 12, &run, 1, true);
	ty->runs++;
	if (err || run.c.faults != c.faults || run.c.hits != c.hits ||
	    run.c.evictions != c.evictions || run.c.writebacks != c.writebacks) {
		if (!ty->bad++)
			snprintf(ty->first, sizeof(ty->first),
				 "%s %s frames=%u: status %d, faults %llu want %llu, evictions %llu "
				 "want %llu, writebacks %llu want %llu", policy, where, frames, err,
				 (unsigned long long)run.c.faults, (unsigned long long)c.faults,
				 (unsigned long long)run.c.evictions, (unsigned long long)c.evictions,
				 (unsigned long long)run.c.writebacks,
				 (unsigned long long)c.writebacks);
	} else {
		for (size_t t = 0; t < n; t++) {
			if (run.steps->victim[t] != victims[t]) {
				if (!ty->bad++)
					snprintf(ty->first, sizeof(ty->first),
						 "%s %s frames=%u: at t=%zu evicted %u, want %u", policy,
						 where, frames, t, run.steps->victim[t], victims[t]);
				break;
			}
		}
	}
	steps_free(run.steps);
	free(refs);
	free(victims);
}

/* Every shape, several sizes and seeds, frame counts 1..P+1. */
static void check_policy(const char *policy, const uint64_t *param, model_fn fn)
{
	static const uint32_t pages[] = { 2, 5, 12, 33, 90 };
	struct tally ty = { 0 };
	uint32_t vpn[1200];
	uint8_t write[1200];

	for (uint64_t seed = 1; seed <= 3; seed++) {
		for (int shape = 0; shape < NSH; shape++) {
			for (size_t pi = 0; pi < ARRAY_LEN(pages); pi++) {
				uint32_t P = pages[pi];
				size_t n = 200 + 250 * pi;
				char where[96];

				gen_trace(seed, shape, P, n, vpn, write);
				snprintf(where, sizeof(where), "seed=%llu shape=%d P=%u n=%zu",
					 (unsigned long long)seed, shape, P, n);
				/* Every frame count for small P; a spread for large. */
				for (uint32_t f = 1; f <= P + 1; f += P > 12 && f > 8 ? 1 + f / 4 : 1)
					check_run(&ty, policy, param, fn, f, vpn, write, n, where);
				check_run(&ty, policy, param, fn, P, vpn, write, n, where);
			}
		}
	}
	cr_expect_eq(ty.bad, 0, "%u of %u runs differ from the model; first: %s", ty.bad, ty.runs,
		     ty.first);
}

/* Victims of a hand-checked example, as page numbers (NONE: no eviction). */
static void expect_victims(const char *policy, const uint64_t *param, const char *refstr,
			   uint32_t frames, const uint32_t *want, size_t nwant, uint64_t faults)
{
	struct policy_choice choice;
	struct replay_run run = { .frames = frames };
	uint32_t refs[128];
	size_t n = th_refs(refstr, refs, ARRAY_LEN(refs));
	size_t k = 0;

	policy_choice_default(&choice, policy_find(policy));
	for (size_t i = 0; param && i < POLICY_MAX_PARAMS; i++)
		choice.param[i] = param[i];
	run.policy = &choice;
	cr_assert_eq(replay_refs(refs, n, NULL, 12, &run, 1, true), 0);
	cr_expect_eq(run.c.faults, faults, "%s on %s: %llu faults, want %llu", policy, refstr,
		     (unsigned long long)run.c.faults, (unsigned long long)faults);
	for (size_t t = 0; t < n; t++) {
		if (run.steps->victim[t] == NO_PAGE)
			continue;
		cr_expect_lt(k, nwant, "%s: more victims than expected (t=%zu, page %u)", policy, t,
			     run.steps->victim[t]);
		if (k < nwant)
			cr_expect_eq(run.steps->victim[t], want[k], "%s: victim %zu (t=%zu) is %u, want %u",
				     policy, k, t, run.steps->victim[t], want[k]);
		k++;
	}
	cr_expect_eq(k, nwant, "%s: %zu victims, want %zu", policy, k, nwant);
	steps_free(run.steps);
}

TestSuite(modern, .timeout = 120);

/*
 * 1,2,3 fill the queue [3 2 1]; 1 hits (visited).  4: the hand starts at
 * the tail, 1 is visited: clear it, step to 2, evict 2; the hand rests on
 * 3.  2: evict 3 (hand to 4).  5: evict 4 (hand to 2).  1 hits again.
 * 3: evict 2, the page under the hand.  LRU would have evicted 1 at 5.
 */
Test(modern, sieve_hand_checked_example)
{
	static const uint32_t want[] = { 2, 3, 4, 2 };

	expect_victims("sieve", NULL, "1,2,3,1,4,2,5,1,3", 3, want, ARRAY_LEN(want), 7);
}

Test(modern, sieve_matches_its_model_on_random_traces)
{
	check_policy("sieve", NULL, model_sieve);
}

/*
 * 5 frames: S's share is 10% of 5, so S holds it whenever it is not
 * empty.  1..5 fill S; 1 hits twice (freq 2), 2 once.  6: the tail of S
 * is 1 with freq 2 >= promote: it moves to M, which stays within its 90%
 * share (1 page of 4.5), so the search goes on: 2 (freq 1) is evicted
 * into G.  7: 3 evicted into G.  2: found in G, so
 * it is loaded into M; S (4 5 6 7 -> tail 4) gives up 4.  8: S's tail 5.
 */
Test(modern, s3fifo_hand_checked_example)
{
	static const uint32_t want[] = { 2, 3, 4, 5 };

	expect_victims("s3fifo", NULL, "1,2,3,4,5,1,1,2,6,7,2,8", 5, want, ARRAY_LEN(want), 9);
}

Test(modern, s3fifo_matches_its_model_on_random_traces)
{
	static const uint64_t alt[][4] = { { 10, 90, 3, 2 }, { 10, 90, 3, 1 }, { 30, 50, 2, 1 },
					   { 50, 0, 3, 2 }, { 25, 300, 7, 3 } };

	for (size_t i = 0; i < ARRAY_LEN(alt); i++)
		check_policy("s3fifo", alt[i], model_s3fifo);
}

/*
 * 4 frames: Kin = 1 page, Kout = 2 numbers.  1..4 fill A1in; 5 reclaims
 * A1in's oldest, 1 (A1out: 1).  1 is in A1out: it goes to Am, and the
 * reclaim evicts 2 (A1out: 2 1).  6 evicts 3 (A1out: 3 2; 1 drops off).
 * 1 hits in Am.  2 is in A1out: to Am, evicting 4 (A1out: 4 3).  7, 8, 9
 * evict 5, 6, 7.  1 hits in Am (now 1 2).  3 has dropped off A1out: into
 * A1in, evicting 8.  8 is in A1out: to Am, evicting 9; A1in now holds only
 * 3 (not more than Kin), so for 9 (in A1out) Am gives up its least
 * recently used page, 2.
 */
Test(modern, twoq_hand_checked_example)
{
	static const uint32_t want[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 2 };

	expect_victims("2q", NULL, "1,2,3,4,5,1,6,1,2,7,8,9,1,3,8,9", 4, want, ARRAY_LEN(want),
		       14);
}

Test(modern, twoq_matches_its_model_on_random_traces)
{
	static const uint64_t alt[][4] = { { 25, 50 }, { 10, 100 }, { 50, 0 }, { 99, 300 } };

	for (size_t i = 0; i < ARRAY_LEN(alt); i++)
		check_policy("2q", alt[i], model_2q);
}

/*
 * 2 frames.  1 2, then 1 hits: T1 = (2), T2 = (1).  3: case IV, REPLACE
 * with p = 0 evicts T1's 2 into B1.  2: in B1, p = 1; |T1| = 1 is not
 * above p, so T2's 1 goes to B2.  1: in B2, p = 0; T1's 3 goes to B1.
 * 4: T1 is empty, T2's LRU 2 goes to B2.  3: in B1 (|B1| = |B2| = 1),
 * p = 1; T2's 1 goes to B2 (now 1 2).  5: the four lists hold 2c = 4, so
 * B2's LRU number 2 is dropped; REPLACE evicts T2's 3.  2: nowhere now;
 * |T1| + |B1| = 2 = c and |T1| = c, so T1's LRU page 4 is evicted with no
 * ghost.
 */
Test(modern, arc_hand_checked_example)
{
	static const uint32_t want[] = { 2, 1, 3, 2, 1, 3, 4 };

	expect_victims("arc", NULL, "1,2,1,3,2,1,4,3,5,2", 2, want, ARRAY_LEN(want), 9);
}

Test(modern, arc_matches_its_model_on_random_traces)
{
	check_policy("arc", NULL, model_arc);
}

/*
 * The reference string of the LIRS paper's Table 1 (A D B C B A D A E,
 * here 1 4 2 3 2 1 4 1 5) on 3 frames: Llirs = 2, Lhirs = 1.  A and D
 * are LIR at once; B is resident HIR.  C evicts B (B stays in S,
 * non-resident).  B: evict C (non-resident in S); B was in S, so it turns
 * LIR and the bottom LIR page, A, turns HIR (S pruned to B C D).  A hits
 * (HIR, not in S: end of Q); D hits at the bottom, pruning C; A hits while
 * in S: LIR again, and B, now the bottom LIR, is demoted.  E evicts B,
 * which is not in S.  Then C evicts E (kept in S), and E, found in S,
 * evicts C and turns LIR.
 */
Test(modern, lirs_hand_checked_example)
{
	static const uint32_t want[] = { 2, 3, 2, 5, 3 };

	expect_victims("lirs", NULL, "1,4,2,3,2,1,4,1,5,3,5", 3, want, ARRAY_LEN(want), 8);
}

Test(modern, lirs_matches_its_model_on_random_traces)
{
	static const uint64_t alt[][4] = { { 1, 100 }, { 25, 100 }, { 10, 0 }, { 40, 300 } };

	for (size_t i = 0; i < ARRAY_LEN(alt); i++)
		check_policy("lirs", alt[i], model_lirs);
}

Test(modern, clockpro_matches_its_model_on_random_traces)
{
	static const uint64_t alt[][4] = { { 1, 1 }, { 50, 1 }, { 30, 0 }, { 100, 1 }, { 0, 0 } };

	for (size_t i = 0; i < ARRAY_LEN(alt); i++)
		check_policy("clockpro", alt[i], model_clockpro);
}

/*
 * 3 frames, m_c = 1 (1% of 3, at least 1; at most m - 1 = 2).  1 2 3 load
 * cold in their test periods, in clock order 1 2 3, all hands on 1.  1 hits.
 * 4: HANDcold finds 1 referenced in its test period: hot, m_c = 2, moved to
 * the head (behind HANDhot, now resting on 2); 2 is unreferenced: evicted,
 * non-resident (clock 2' 3 1 4).  2: HANDcold evicts 3 (non-resident); 2 is
 * found non-resident in its test period, so it loads hot, and with two hot
 * pages over m - m_c = 1 HANDhot turns the unreferenced 1 cold (clock 3' 2
 * 1 4).  5: evict 4.  1 hits.  3: HANDcold finds 1 referenced but out of
 * its test period: to the head, a new test period; it evicts 5; 3 loads hot
 * and HANDhot turns 2 cold.  6: evict 1 (non-resident); four non-resident
 * pages are over m = 3, so HANDtest ends 5's test period (m_c = 1) and
 * drops it.  4: HANDcold evicts 2, out of its test period, for good; 4
 * loads hot (m_c = 2) and HANDhot turns 3 cold.  LRU faults 10 times.
 */
Test(modern, clockpro_hand_checked_example)
{
	static const uint32_t want[] = { 2, 3, 4, 5, 1, 2 };

	expect_victims("clockpro", NULL, "1,2,3,1,4,2,5,1,3,6,4", 3, want, ARRAY_LEN(want), 9);
}
