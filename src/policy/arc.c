/* arc.c - ARC, Adaptive Replacement Cache (Megiddo and Modha, "ARC: A
 * Self-Tuning, Low Overhead Replacement Cache", FAST 2003, Figure 4).
 *
 * Theory: two LRU lists of resident pages, T1 (seen once recently) and T2
 * (seen at least twice), and two LRU lists of page numbers just evicted
 * from them, B1 and B2 (ghosts).  |T1| + |T2| <= c frames, |T1| + |B1| <=
 * c, and all four together <= 2c.  A target p for |T1| adapts: a fault on
 * a page in B1 says T1 was too small (p += max(1, |B2| / |B1|), at most
 * c), one in B2 says T2 was (p -= max(1, |B1| / |B2|), at least 0).  The
 * cases of Figure 4, for a reference to page x:
 *   I   x in T1 or T2 (a hit): move x to the front of T2.
 *   II  x in B1: adapt p up; REPLACE; x leaves B1 for the front of T2.
 *   III x in B2: adapt p down; REPLACE; x leaves B2 for the front of T2.
 *   IV  x nowhere: if |T1| + |B1| = c: when |T1| < c drop B1's LRU number
 *       and REPLACE, else evict T1's LRU page (no ghost); otherwise, when
 *       all four lists hold 2c, drop B2's LRU number, and REPLACE.  x goes
 *       to the front of T1.
 *   REPLACE: if |T1| >= 1 and (|T1| > p or (x in B2 and |T1| = p)), evict
 *       T1's LRU page and put its number at the front of B1; else evict
 *       T2's LRU page into B2.
 * While free frames remain no ghost exists yet (the frames only fill), so
 * every case that evicts happens with the frames full, in victim(), which
 * is why it needs the faulting page (machine_fault_page).
 *
 * No parameters: p starts at 0, the ghost lists are bounded by c as the
 * paper fixes them.  The paper's p is real; here the ratios |B2| / |B1|
 * and |B1| / |B2| are rounded down, so p stays whole.  Ties: none.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "machine.h"
#include "policy.h"
#include "qlist.h"

enum where { NOWHERE, IN_B1, IN_B2 };

struct arc {
	struct machine *m;
	uint32_t c;
	uint64_t p;
	struct qlinks k;          /* frames 0..c-1, then c ghost nodes */
	struct qlist t1, t2, b1, b2;
	uint8_t *in_t2;           /* per frame */
	uint8_t *in_b2;           /* per ghost node */
	enum where x_was;         /* what victim() found for the faulting page */
	struct ghosts gh;
};

static void arc_release(struct policy *p)
{
	struct arc *a = (struct arc *)p;

	if (!a)
		return;
	qlinks_release(&a->k);
	ghosts_release(&a->gh);
	free(a->in_t2);
	free(a->in_b2);
	free(a);
}

static int arc_init(struct policy **out, const struct policy_env *env)
{
	struct arc *a = calloc(1, sizeof(*a));

	if (!a)
		return vt_error(VT_SOFTWARE, "out of memory");
	a->m = env->machine;
	a->c = env->frames;
	qlist_init(&a->t1);
	qlist_init(&a->t2);
	qlist_init(&a->b1);
	qlist_init(&a->b2);
	if (qlinks_init(&a->k, 2 * env->frames) ||
	    ghosts_init(&a->gh, machine_vpn_space(env->machine), env->frames, env->frames) ||
	    !(a->in_t2 = calloc(env->frames, 1)) || !(a->in_b2 = calloc(env->frames, 1))) {
		arc_release((struct policy *)a);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	*out = (struct policy *)a;
	return 0;
}

static void arc_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	struct arc *a = (struct arc *)p;

	(void)t;
	if (a->in_t2[frame]) {
		qlist_move_head(&a->k, &a->t2, frame);
		return;
	}
	qlist_remove(&a->k, &a->t1, frame);
	a->in_t2[frame] = 1;
	qlist_push_head(&a->k, &a->t2, frame);
}

static void arc_load(struct policy *p, uint32_t frame, uint64_t t)
{
	struct arc *a = (struct arc *)p;
	int t2 = a->x_was != NOWHERE;

	(void)t;
	a->in_t2[frame] = (uint8_t)t2;
	qlist_push_head(&a->k, t2 ? &a->t2 : &a->t1, frame);
	a->x_was = NOWHERE;
}

static void forget(struct arc *a, struct qlist *b, uint32_t g)
{
	qlist_remove(&a->k, b, g);
	ghosts_drop(&a->gh, g);
}

/* Evict the LRU page of T1 (into B1) or T2 (into B2). */
static uint32_t replace(struct arc *a, int x_in_b2)
{
	int from_t1 = a->t1.size >= 1 && (a->t1.size > a->p || (x_in_b2 && a->t1.size == a->p));
	struct qlist *t = from_t1 ? &a->t1 : &a->t2, *b = from_t1 ? &a->b1 : &a->b2;
	uint32_t v = t->tail, g;

	qlist_remove(&a->k, t, v);
	g = ghosts_add(&a->gh, machine_frame_page(a->m, v));
	a->in_b2[g - a->c] = (uint8_t)!from_t1;
	qlist_push_head(&a->k, b, g);
	return v;
}

static uint32_t arc_victim(struct policy *p, uint64_t t)
{
	struct arc *a = (struct arc *)p;
	uint32_t g = ghosts_find(&a->gh, machine_fault_page(a->m));
	uint64_t b1 = a->b1.size, b2 = a->b2.size, d;

	(void)t;
	if (g != QNIL && !a->in_b2[g - a->c]) {
		d = b1 >= b2 ? 1 : b2 / b1;
		a->p = a->p + d < a->c ? a->p + d : a->c;
		a->x_was = IN_B1;
		forget(a, &a->b1, g);
		return replace(a, 0);
	}
	if (g != QNIL) {
		d = b2 >= b1 ? 1 : b1 / b2;
		a->p = a->p > d ? a->p - d : 0;
		a->x_was = IN_B2;
		forget(a, &a->b2, g);
		return replace(a, 1);
	}
	a->x_was = NOWHERE;
	if (a->t1.size + b1 == a->c) {
		if (a->t1.size < a->c) {
			forget(a, &a->b1, a->b1.tail);
			return replace(a, 0);
		}
		g = a->t1.tail;
		qlist_remove(&a->k, &a->t1, g);
		return g;
	}
	if (a->t1.size + a->t2.size + b1 + b2 == 2 * (uint64_t)a->c)
		forget(a, &a->b2, a->b2.tail);
	return replace(a, 0);
}

const struct policy_ops policy_arc = {
	.name = "arc",
	.summary = "ARC (Megiddo & Modha): LRU lists for once and twice seen pages, self-tuning split",
	.init = arc_init,
	.release = arc_release,
	.hit = arc_hit,
	.load = arc_load,
	.victim = arc_victim,
};
