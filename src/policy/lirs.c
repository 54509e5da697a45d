/* lirs.c - LIRS, Low Inter-reference Recency Set (Jiang and Zhang, "LIRS:
 * An Efficient Low Inter-reference Recency Set Replacement Policy to
 * Improve Buffer Cache Performance", SIGMETRICS 2002, section 3).
 *
 * Theory: rank pages by inter-reference recency (IRR: the number of other
 * pages referenced between a page's last two references) rather than by
 * recency alone.  The frames are split into Llirs for LIR pages (low IRR,
 * never evicted while LIR) and Lhirs for resident HIR pages; HIR pages
 * may also be remembered while not resident.
 *   S: a recency stack of LIR pages, resident HIR pages and non-resident
 *      HIR pages, most recent on top.  "Stack pruning" removes HIR entries
 *      from the bottom until an LIR page is there, so any HIR page in S
 *      was referenced more recently than the oldest LIR page: referencing
 *      it again gives it a smaller IRR than that LIR page's recency.
 *   Q: the resident HIR pages in FIFO order; the victim is its front.
 * A reference to page x:
 *   - x LIR (hit): move it to the top of S; prune if it was the bottom.
 *   - x resident HIR (hit): to the top of S.  If it was in S, it becomes
 *     LIR (leaves Q) and the LIR page at the bottom of S becomes a resident
 *     HIR page at the end of Q; prune.  Else it stays HIR, moves to the end
 *     of Q.
 *   - x not resident (fault): evict Q's front page (it stays in S as a
 *     non-resident HIR entry if it was there); then, if x was in S, it
 *     becomes LIR on top of S and the bottom LIR page is demoted as above;
 *     else it becomes a resident HIR page on top of S and at the end of Q.
 *     While fewer than Llirs pages are LIR (the frames filling), a new
 *     page is LIR at once.
 *
 * Parameters: hir=1, the percent of the frames for resident HIR pages
 * (the paper's 1%: Lhirs = max(1, frames * hir / 100), Llirs the rest; one
 * frame gives Llirs = 0 and LIRS degenerates to FIFO); ghost=100, the
 * most non-resident HIR entries S keeps, in percent of the frames.  The
 * paper lets pruning alone bound S; to keep memory flat a bound is needed,
 * and the one CLOCK-Pro (by the same group) uses for its non-resident
 * pages, the number of frames, is the default.  Past it, the entry that
 * became non-resident earliest leaves S.  Ties: none.
 *
 * Machine fit: S holds frames and, for non-resident entries, ghost nodes
 * keyed by page; an evicted page's S entry becomes a ghost node in place.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "machine.h"
#include "policy.h"
#include "qlist.h"

enum { P_HIR, P_GHOST };

static const struct policy_param lirs_params[] = {
	{ "hir", 1, 1, 99, "percent of the frames for resident HIR pages" },
	{ "ghost", 100, 0, 1000, "non-resident HIR pages remembered, percent of the frames" },
	{ NULL, 0, 0, 0, NULL },
};

struct lirs {
	struct machine *m;
	uint32_t c, llirs, nlir, gmax;
	struct qlinks ks;         /* S: frames 0..c-1 and ghost nodes */
	struct qlinks kq;         /* Q over frames; the ghost nodes' FIFO over nodes */
	struct qlist s, q, nr;
	uint8_t *lir, *in_s;      /* per frame */
	struct ghosts gh;
};

static void lirs_release(struct policy *p)
{
	struct lirs *l = (struct lirs *)p;

	if (!l)
		return;
	qlinks_release(&l->ks);
	qlinks_release(&l->kq);
	ghosts_release(&l->gh);
	free(l->lir);
	free(l->in_s);
	free(l);
}

static int lirs_init(struct policy **out, const struct policy_env *env)
{
	struct lirs *l = calloc(1, sizeof(*l));
	uint64_t hirs = env->param[P_HIR] * env->frames / 100;
	uint32_t nodes;

	if (!l)
		return vt_error(VT_SOFTWARE, "out of memory");
	l->m = env->machine;
	l->c = env->frames;
	l->llirs = env->frames - (uint32_t)(hirs ? hirs : 1);
	l->gmax = (uint32_t)(env->param[P_GHOST] * env->frames / 100);
	/* One more ghost than kept: an eviction makes one before load() trims. */
	nodes = env->frames + l->gmax + 1;
	qlist_init(&l->s);
	qlist_init(&l->q);
	qlist_init(&l->nr);
	if (qlinks_init(&l->ks, nodes) || qlinks_init(&l->kq, nodes) ||
	    ghosts_init(&l->gh, machine_vpn_space(env->machine), env->frames, l->gmax + 1) ||
	    !(l->lir = calloc(env->frames, 1)) || !(l->in_s = calloc(env->frames, 1))) {
		lirs_release((struct policy *)l);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	*out = (struct policy *)l;
	return 0;
}

static void forget_ghost(struct lirs *l, uint32_t g)
{
	qlist_remove(&l->ks, &l->s, g);
	qlist_remove(&l->kq, &l->nr, g);
	ghosts_drop(&l->gh, g);
}

/* Remove HIR entries from the bottom of S until an LIR page is there. */
static void prune(struct lirs *l)
{
	for (;;) {
		uint32_t b = l->s.tail;
		if (b == QNIL || (b < l->c && l->lir[b]))
			return;
		if (b >= l->c) {
			forget_ghost(l, b);
		} else {
			qlist_remove(&l->ks, &l->s, b);
			l->in_s[b] = 0;
		}
	}
}

/* f (on top of S) turns LIR; the bottom LIR pages turn HIR while there are
 * more than Llirs. */
static void make_lir(struct lirs *l, uint32_t f)
{
	l->lir[f] = 1;
	l->nlir++;
	while (l->nlir > l->llirs) {
		uint32_t b = l->s.tail;
		l->lir[b] = 0;
		l->nlir--;
		qlist_remove(&l->ks, &l->s, b);
		l->in_s[b] = 0;
		qlist_push_head(&l->kq, &l->q, b);
		prune(l);
	}
}

static void lirs_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	struct lirs *l = (struct lirs *)p;

	(void)t;
	if (l->lir[frame]) {
		int bottom = l->s.tail == frame;
		qlist_move_head(&l->ks, &l->s, frame);
		if (bottom)
			prune(l);
	} else if (l->in_s[frame]) {
		qlist_move_head(&l->ks, &l->s, frame);
		qlist_remove(&l->kq, &l->q, frame);
		make_lir(l, frame);
		prune(l);
	} else {
		l->in_s[frame] = 1;
		qlist_push_head(&l->ks, &l->s, frame);
		qlist_move_head(&l->kq, &l->q, frame);
	}
}

static void lirs_load(struct policy *p, uint32_t frame, uint64_t t)
{
	struct lirs *l = (struct lirs *)p;
	uint32_t g = ghosts_find(&l->gh, machine_frame_page(l->m, frame));

	(void)t;
	l->lir[frame] = 0;
	l->in_s[frame] = 1;
	qlist_push_head(&l->ks, &l->s, frame);
	if (g != QNIL) {
		forget_ghost(l, g);
		make_lir(l, frame);
	} else if (l->nlir < l->llirs) {
		l->lir[frame] = 1;
		l->nlir++;
	} else {
		qlist_push_head(&l->kq, &l->q, frame);
	}
	while (l->nr.size > l->gmax)
		forget_ghost(l, l->nr.tail);
	prune(l);
}

static uint32_t lirs_victim(struct policy *p, uint64_t t)
{
	struct lirs *l = (struct lirs *)p;
	uint32_t f = l->q.tail;

	(void)t;
	qlist_remove(&l->kq, &l->q, f);
	if (l->in_s[f]) {
		uint32_t g = ghosts_add(&l->gh, machine_frame_page(l->m, f));
		qlist_replace(&l->ks, &l->s, f, g);
		qlist_push_head(&l->kq, &l->nr, g);
		l->in_s[f] = 0;
	}
	return f;
}

const struct policy_ops policy_lirs = {
	.name = "lirs",
	.summary = "LIRS (Jiang & Zhang): keep pages of low inter-reference recency",
	.params = lirs_params,
	.init = lirs_init,
	.release = lirs_release,
	.hit = lirs_hit,
	.load = lirs_load,
	.victim = lirs_victim,
};
