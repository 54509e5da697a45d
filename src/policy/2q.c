/* 2q.c - 2Q, the full version (Johnson and Shasha, "2Q: A Low Overhead
 * High Performance Buffer Management Replacement Algorithm", VLDB 1994,
 * section 2.1, "Full Version").
 *
 * Theory: LRU-2 without its cost.  A page seen once sits in A1in, a FIFO
 * of resident pages; when it leaves A1in its number is remembered in
 * A1out, a FIFO of page numbers only.  A page referenced again while its
 * number is in A1out has shown that it is reused: it goes to Am, an LRU
 * list of resident pages.  Hits in A1in change nothing (correlated
 * references right after a load do not count as reuse); hits in Am move
 * the page to the front.  On a fault with no free frame ("reclaimfor"):
 * if A1in holds more than Kin pages, its oldest page is evicted and its
 * number goes to the head of A1out (the oldest number drops off when
 * A1out holds more than Kout); otherwise the least recently used page of
 * Am is evicted and forgotten.  Whether the incoming page is in A1out is
 * decided before that reclaim, as in the paper's pseudocode, and, as
 * there, its number stays in A1out until it drops off.
 *
 * Parameters (the paper's recommended tuning): kin=25 (Kin, percent of
 * the frames), kout=50 (Kout, percent of the frames).  Sizes compare
 * exactly in integers: A1in holds more than Kin when 100 |A1in| > kin *
 * frames; A1out keeps at most floor(kout * frames / 100) numbers.
 * Ties: none.  Not a stack algorithm.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "machine.h"
#include "policy.h"
#include "qlist.h"

enum { P_KIN, P_KOUT };

static const struct policy_param twoq_params[] = {
	{ "kin", 25, 1, 99, "A1in (FIFO of pages seen once) size, percent of the frames" },
	{ "kout", 50, 0, 1000, "A1out (ghost FIFO) length, percent of the frames" },
	{ NULL, 0, 0, 0, NULL },
};

struct twoq {
	struct machine *m;
	uint64_t frames, kin;
	struct qlinks k;          /* frames 0..n-1, then A1out's ghost nodes */
	struct qlist a1in, am, a1out;
	uint8_t *in_am;           /* per frame */
	int to_am;                /* victim() found the faulting page in A1out */
	struct ghosts gh;
};

static void twoq_release(struct policy *p)
{
	struct twoq *q = (struct twoq *)p;

	if (!q)
		return;
	qlinks_release(&q->k);
	ghosts_release(&q->gh);
	free(q->in_am);
	free(q);
}

static int twoq_init(struct policy **out, const struct policy_env *env)
{
	struct twoq *q = calloc(1, sizeof(*q));
	uint32_t kout;

	if (!q)
		return vt_error(VT_SOFTWARE, "out of memory");
	q->m = env->machine;
	q->frames = env->frames;
	q->kin = env->param[P_KIN];
	kout = (uint32_t)(env->param[P_KOUT] * env->frames / 100);
	qlist_init(&q->a1in);
	qlist_init(&q->am);
	qlist_init(&q->a1out);
	if (qlinks_init(&q->k, env->frames + kout) ||
	    ghosts_init(&q->gh, machine_vpn_space(env->machine), env->frames, kout) ||
	    !(q->in_am = calloc(env->frames, 1))) {
		twoq_release((struct policy *)q);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	*out = (struct policy *)q;
	return 0;
}

static void twoq_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	struct twoq *q = (struct twoq *)p;

	(void)t;
	if (q->in_am[frame])
		qlist_move_head(&q->k, &q->am, frame);
}

static void twoq_load(struct policy *p, uint32_t frame, uint64_t t)
{
	struct twoq *q = (struct twoq *)p;

	(void)t;
	/* Without a victim there was no reclaim, and A1out is still empty. */
	q->in_am[frame] = (uint8_t)q->to_am;
	qlist_push_head(&q->k, q->to_am ? &q->am : &q->a1in, frame);
	q->to_am = 0;
}

static uint32_t twoq_victim(struct policy *p, uint64_t t)
{
	struct twoq *q = (struct twoq *)p;
	uint32_t y;

	(void)t;
	q->to_am = ghosts_find(&q->gh, machine_fault_page(q->m)) != QNIL;
	if (100 * (uint64_t)q->a1in.size > q->kin * q->frames) {
		y = q->a1in.tail;
		qlist_remove(&q->k, &q->a1in, y);
		ghosts_push_fifo(&q->gh, &q->k, &q->a1out, machine_frame_page(q->m, y));
		return y;
	}
	y = q->am.tail;
	qlist_remove(&q->k, &q->am, y);
	return y;
}

const struct policy_ops policy_2q = {
	.name = "2q",
	.summary = "2Q (Johnson & Shasha): FIFO for pages seen once, LRU for pages reused",
	.params = twoq_params,
	.init = twoq_init,
	.release = twoq_release,
	.hit = twoq_hit,
	.load = twoq_load,
	.victim = twoq_victim,
};
