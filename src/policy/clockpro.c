/* clockpro.c - CLOCK-Pro (Jiang, Chen and Zhang, "CLOCK-Pro: An Effective
 * Improvement of the CLOCK Replacement", USENIX ATC 2005, section 3).
 *
 * Theory: LIRS's idea (rank pages by reuse distance, not recency) at
 * CLOCK's cost.  Pages are hot (small reuse distance) or cold; a cold page
 * is in its "test period" from an access until the hot page with the
 * largest recency is younger than it.  A cold page re-referenced inside its
 * test period has a reuse distance smaller than some hot page's recency
 * and turns hot.  Resident hot pages, resident cold pages and non-resident
 * cold pages still in their test period share one circular list in access
 * order; three hands go round it in the same direction:
 *
 *             list head (newest) | HANDhot (hot page of largest recency)
 *                         \      v
 *          ... <- [c] <- [H] <- [h] <- [c*] <- [n] <- [c] ...   (tail)
 *                                       ^ HANDtest     ^ HANDcold
 *
 *   HANDcold (a page fault with every frame full) stops at resident cold
 *     pages.  Reference bit 0: that page is the victim; if in its test
 *     period it stays on the list, non-resident, else it leaves the list.
 *     Bit 1: clear it, move the page to the list head; in its test period
 *     it turns hot (and HANDhot runs), otherwise it starts a new test
 *     period.  Then on to the next resident cold page.
 *   HANDhot (when there are more hot pages than m - m_c) turns the first
 *     hot page with bit 0 cold, clearing the bits of the hot pages it
 *     spares; every cold page it passes leaves its test period, and a
 *     non-resident one leaves the list.  It stops at the next hot page.
 *   HANDtest (when more than m pages are non-resident) ends the test
 *     period of the cold page under it, removing it if non-resident, and
 *     stops at the next cold page.
 *   A fault on a page not on the list loads it cold, in its test period,
 *     at the list head.  A fault on a non-resident page of the list (inside
 *     its test period) loads it hot at the list head; HANDhot runs.
 * m_c, the target for resident cold pages, adapts: +1 when a cold page is
 * re-referenced in its test period, -1 when a test period ends without.
 *
 * Choices where the paper leaves room, all checked by tests/unit/test_modern.c:
 * - Reference bit: the x86 accessed bit (A), read and cleared through
 *   machine_test_and_clear_accessed as clock.c does, so hits cost nothing
 *   (no hit hook) and this is the bit a kernel's CLOCK-Pro has.  The MMU
 *   sets A on the faulting access; load() clears it, because the fault
 *   itself starts the test period and only a later reference may count as
 *   a re-reference (else every new page would turn hot at HANDcold).
 * - A hand "stops at the next page of its kind" (the paper's wording) right
 *   after it acts, scanning at most once round; if none is there it rests
 *   on the next node, and it skips forward to its kind when it acts next.
 *   A hand whose page leaves the list (or moves to the head) stops at the
 *   next page of its kind after it.  Stopping early matters: a hand left
 *   just before the list head would meet a newly loaded page first.
 * - The list head is the place just behind HANDhot (pages HANDhot passes
 *   are "at the head" by the paper's own remark); on an empty list the
 *   first page takes all three hands.
 * - Warm-up: the paper's one rule, "a faulted page not on the list is
 *   cold", holds from the first reference; nothing is hot until a
 *   re-reference in a test period is seen.
 * - A cold page re-referenced outside its test period is moved to the head
 *   and starts a new one (by the paper's definition a test period starts
 *   at an access).
 * - HANDhot and HANDtest do not read the bits of the cold pages whose test
 *   periods they end: CLOCK-Pro learns of a reference only when a hand
 *   looks at it, and the paper gives cold pages' bits to HANDcold.  Every
 *   test period that ends this way decrements m_c.
 * - Non-resident pages: at most m (the paper's bound), enforced right after
 *   each eviction by running HANDtest.
 * - m_c stays within [1, m - 1] (at least one frame each; [1, 1] with one
 *   frame) so HANDcold always finds a resident cold page.  Its start is open
 *   in the paper: parameter cold=1, in percent of the frames (LIRS's 1%
 *   for its HIR pages), at least 1.  adapt=0 freezes m_c (the paper's
 *   fixed-allocation variant), for teaching and for tests.
 * Ties: none; all is determined by the list order.
 *
 * Machine fit: nodes 0..m-1 are frames, m..2m ghost nodes for non-resident
 * pages (one spare: an eviction adds one before HANDtest trims).  An
 * evicted page in its test period becomes a ghost node in place.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "machine.h"
#include "policy.h"
#include "qlist.h"

enum { P_COLD, P_ADAPT };

static const struct policy_param clockpro_params[] = {
	{ "cold", 1, 0, 100, "initial target for resident cold pages, percent of the frames" },
	{ "adapt", 1, 0, 1, "1: adapt the cold target as the paper does; 0: keep it fixed" },
	{ NULL, 0, 0, 0, NULL },
};

/* Per-frame status; a ghost node is always cold and in its test period. */
#define F_HOT 1u
#define F_TEST 2u

/* What each hand stops at. */
enum kind { K_HOT, K_RES_COLD, K_COLD };

struct clockpro {
	struct machine *m;
	uint32_t frames;
	uint32_t len;             /* nodes on the circle */
	uint32_t hot, cold, test; /* the hands: nodes, QNIL on an empty circle */
	uint32_t nhot, ncold, nnr;  /* hot, resident cold, non-resident pages */
	uint32_t mc, mc_lo, mc_hi;
	int adapt;
	uint8_t *flag;            /* per frame: F_HOT, F_TEST */
	struct qlinks k;          /* the circle; next[] is the hands' direction */
	struct ghosts gh;
};

static void clockpro_release(struct policy *p)
{
	struct clockpro *c = (struct clockpro *)p;

	if (!c)
		return;
	qlinks_release(&c->k);
	ghosts_release(&c->gh);
	free(c->flag);
	free(c);
}

static int clockpro_init(struct policy **out, const struct policy_env *env)
{
	struct clockpro *c = calloc(1, sizeof(*c));
	uint64_t mc = env->param[P_COLD] * env->frames / 100;

	if (!c)
		return vt_error(VT_SOFTWARE, "out of memory");
	c->m = env->machine;
	c->frames = env->frames;
	c->hot = c->cold = c->test = QNIL;
	c->mc_lo = 1;
	c->mc_hi = env->frames > 1 ? env->frames - 1 : 1;
	c->mc = mc < c->mc_lo ? c->mc_lo : mc > c->mc_hi ? c->mc_hi : (uint32_t)mc;
	c->adapt = env->param[P_ADAPT] != 0;
	if (qlinks_init(&c->k, 2 * env->frames + 1) ||
	    ghosts_init(&c->gh, machine_vpn_space(env->machine), env->frames, env->frames + 1) ||
	    !(c->flag = calloc(env->frames ? env->frames : 1, 1))) {
		clockpro_release((struct policy *)c);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	*out = (struct policy *)c;
	return 0;
}

static int is_kind(const struct clockpro *c, uint32_t n, enum kind kd)
{
	int hot = n < c->frames && (c->flag[n] & F_HOT);

	switch (kd) {
	case K_HOT:
		return hot;
	case K_RES_COLD:
		return n < c->frames && !hot;
	default:
		return !hot;
	}
}

static uint32_t count_of(const struct clockpro *c, enum kind kd)
{
	return kd == K_HOT ? c->nhot : kd == K_RES_COLD ? c->ncold : c->ncold + c->nnr;
}

/* The first node of kind kd among the steps nodes from n on, or n if none.
 * The counts say when there is none, so a hand with nothing to stop at
 * costs no walk round the circle. */
static uint32_t seek(const struct clockpro *c, uint32_t n, uint32_t steps, enum kind kd)
{
	uint32_t x = n;

	if (!count_of(c, kd))
		return n;
	for (uint32_t i = 0; i < steps; i++, x = c->k.next[x])
		if (is_kind(c, x, kd))
			return x;
	return n;
}

/* Take n off the circle; a hand on it stops at the next node of its kind. */
static void unlink_node(struct clockpro *c, uint32_t n)
{
	uint32_t pv = c->k.prev[n], nx = c->k.next[n];

	if (--c->len == 0) {
		c->hot = c->cold = c->test = QNIL;
		return;
	}
	if (c->hot == n)
		c->hot = seek(c, nx, c->len, K_HOT);
	if (c->cold == n)
		c->cold = seek(c, nx, c->len, K_RES_COLD);
	if (c->test == n)
		c->test = seek(c, nx, c->len, K_COLD);
	c->k.next[pv] = nx;
	c->k.prev[nx] = pv;
}

/* Put n at the list head: just behind HANDhot. */
static void insert_head(struct clockpro *c, uint32_t n)
{
	uint32_t at = c->hot, pv;

	if (c->len++ == 0) {
		c->k.next[n] = c->k.prev[n] = n;
		c->hot = c->cold = c->test = n;
		return;
	}
	pv = c->k.prev[at];
	c->k.prev[n] = pv;
	c->k.next[n] = at;
	c->k.next[pv] = n;
	c->k.prev[at] = n;
}

static void mc_up(struct clockpro *c)
{
	if (c->adapt && c->mc < c->mc_hi)
		c->mc++;
}

/* Node n (cold) leaves its test period; a non-resident one leaves the list. */
static void end_test(struct clockpro *c, uint32_t n)
{
	if (n >= c->frames) {
		unlink_node(c, n);
		ghosts_drop(&c->gh, n);
		c->nnr--;
	} else if (c->flag[n] & F_TEST) {
		c->flag[n] &= (uint8_t)~F_TEST;
	} else {
		return;
	}
	if (c->adapt && c->mc > c->mc_lo)
		c->mc--;
}

/* HANDhot: turn one hot page cold.  Called with a hot page on the list. */
static void run_hot(struct clockpro *c)
{
	for (;;) {
		uint32_t n = c->hot, nx = c->k.next[n];

		if (is_kind(c, n, K_HOT)) {
			if (!machine_test_and_clear_accessed(c->m, n)) {
				c->flag[n] &= (uint8_t)~F_HOT;
				c->nhot--;
				c->ncold++;
				c->hot = seek(c, nx, c->len, K_HOT);
				return;
			}
		} else {
			end_test(c, n);
		}
		c->hot = nx;
	}
}

static void balance_hot(struct clockpro *c)
{
	while (c->nhot > c->frames - c->mc)
		run_hot(c);
}

/* HANDtest: end the test period of the next cold page.  Called with a
 * non-resident page on the list. */
static void run_test(struct clockpro *c)
{
	uint32_t n = seek(c, c->test, c->len, K_COLD);

	c->test = n;
	if (n >= c->frames) {
		end_test(c, n);  /* it leaves the list, which moves the hand on */
		return;
	}
	end_test(c, n);
	c->test = seek(c, c->k.next[n], c->len, K_COLD);
}

static void clockpro_load(struct policy *p, uint32_t frame, uint64_t t)
{
	struct clockpro *c = (struct clockpro *)p;
	uint32_t g = ghosts_find(&c->gh, machine_frame_page(c->m, frame));

	(void)t;
	machine_test_and_clear_accessed(c->m, frame);
	if (g == QNIL) {
		c->flag[frame] = F_TEST;
		c->ncold++;
		insert_head(c, frame);
		return;
	}
	unlink_node(c, g);
	ghosts_drop(&c->gh, g);
	c->nnr--;
	c->flag[frame] = F_HOT;
	c->nhot++;
	mc_up(c);
	insert_head(c, frame);
	balance_hot(c);
}

/* HANDcold.  With every frame full and hot pages at most m - m_c <= m - 1,
 * a resident cold page exists; each step that does not evict clears a bit,
 * and a page HANDhot turns cold has its bit clear, so the search ends. */
static uint32_t clockpro_victim(struct policy *p, uint64_t t)
{
	struct clockpro *c = (struct clockpro *)p;

	(void)t;
	for (;;) {
		uint32_t n = seek(c, c->cold, c->len, K_RES_COLD);

		c->cold = n;
		if (machine_test_and_clear_accessed(c->m, n)) {
			int promote = (c->flag[n] & F_TEST) != 0;

			if (promote) {
				c->flag[n] = F_HOT;
				c->ncold--;
				c->nhot++;
				mc_up(c);
			} else {
				c->flag[n] |= F_TEST;
			}
			unlink_node(c, n);
			insert_head(c, n);
			if (promote)
				balance_hot(c);
			continue;
		}
		c->ncold--;
		if (c->flag[n] & F_TEST) {
			uint32_t g = ghosts_add(&c->gh, machine_frame_page(c->m, n));
			uint32_t pv = c->k.prev[n], nx = c->k.next[n];

			/* g takes n's place, and any hand on it but HANDcold. */
			c->k.prev[g] = c->len == 1 ? g : pv;
			c->k.next[g] = c->len == 1 ? g : nx;
			if (c->len > 1) {
				c->k.next[pv] = g;
				c->k.prev[nx] = g;
			}
			if (c->hot == n)
				c->hot = g;
			if (c->test == n)
				c->test = g;
			c->nnr++;
			c->cold = seek(c, c->k.next[g], c->len, K_RES_COLD);
			while (c->nnr > c->frames)
				run_test(c);
		} else {
			unlink_node(c, n);
		}
		return n;
	}
}

const struct policy_ops policy_clockpro = {
	.name = "clockpro",
	.summary = "CLOCK-Pro (Jiang, Chen & Zhang): hot and cold pages on one clock, three hands",
	.params = clockpro_params,
	.init = clockpro_init,
	.release = clockpro_release,
	.load = clockpro_load,
	.victim = clockpro_victim,
};
