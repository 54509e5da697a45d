/* s3fifo.c - S3-FIFO (Yang, Zhang, Qiu, Yue and Vinayak, "FIFO queues are
 * all you need for cache eviction", SOSP 2023, Algorithm 1).
 *
 * Theory: three FIFO queues.  A new page enters the small queue S; a page
 * whose id is still in the ghost queue G (it was evicted from S not long
 * ago) enters the main queue M instead.  Each resident page has a 2-bit
 * frequency, 0 on load, +1 per hit up to a cap.  To evict: if S holds at
 * least its share of the frames (`small` %), look at the tail of S: a page
 * with freq >= `promote` moves to the head of M (keeping its freq), any
 * other page is evicted and its id goes to the head of G.  Otherwise take
 * the tail of M: a page with freq > 0 goes back to the head of M with freq
 * - 1, a page with freq 0 is evicted.  G is a FIFO of `ghost` % of the
 * frames; its oldest id drops off when it is full, and an id leaves G
 * when its page is loaded again (into M).
 *
 * Parameters (paper defaults): small=10 (% of the frames for S), ghost=90
 * (G remembers as many ids as M holds pages), cap=3 (a 2-bit counter),
 * promote=2 (Algorithm 1 moves a page from S to M when freq > 1; the text
 * and some implementations use freq > 0: promote=1).
 *
 * Ties: none; every step is a FIFO step.  Machine fit, a choice the paper
 * leaves open: the machine frees exactly one frame per fault.  When a page
 * promoted from S pushes M over its share (100 - small % of the frames),
 * Algorithm 1 evicts from M and then goes on to evict from S as well,
 * freeing two frames; here the page M evicts is the victim and the search
 * stops, so the frames stay full.  Shares are compared exactly, in
 * integers: S holds its share when 100 |S| >= small * frames.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "machine.h"
#include "policy.h"
#include "qlist.h"

enum { P_SMALL, P_GHOST, P_CAP, P_PROMOTE };

static const struct policy_param s3fifo_params[] = {
	{ "small", 10, 1, 99, "percent of the frames for the small FIFO" },
	{ "ghost", 90, 0, 1000, "ghost FIFO length, percent of the frames" },
	{ "cap", 3, 1, 255, "frequency counter cap" },
	{ "promote", 2, 1, 255, "frequency that moves a page from small to main" },
	{ NULL, 0, 0, 0, NULL },
};

struct s3fifo {
	struct machine *m;
	uint64_t frames, small, cap, promote;
	struct qlinks k;          /* frames 0..n-1, then ghost nodes */
	struct qlist s, mq, g;
	uint8_t *freq;            /* per frame */
	struct ghosts gh;
};

static void s3fifo_release(struct policy *p)
{
	struct s3fifo *s = (struct s3fifo *)p;

	if (!s)
		return;
	qlinks_release(&s->k);
	ghosts_release(&s->gh);
	free(s->freq);
	free(s);
}

static int s3fifo_init(struct policy **out, const struct policy_env *env)
{
	struct s3fifo *s = calloc(1, sizeof(*s));
	uint32_t gcap;

	if (!s)
		return vt_error(VT_SOFTWARE, "out of memory");
	s->m = env->machine;
	s->frames = env->frames;
	s->small = env->param[P_SMALL];
	s->cap = env->param[P_CAP];
	s->promote = env->param[P_PROMOTE];
	gcap = (uint32_t)(env->param[P_GHOST] * env->frames / 100);
	qlist_init(&s->s);
	qlist_init(&s->mq);
	qlist_init(&s->g);
	if (qlinks_init(&s->k, env->frames + gcap) ||
	    ghosts_init(&s->gh, machine_vpn_space(env->machine), env->frames, gcap) ||
	    !(s->freq = calloc(env->frames, 1))) {
		s3fifo_release((struct policy *)s);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	*out = (struct policy *)s;
	return 0;
}

static void s3fifo_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	struct s3fifo *s = (struct s3fifo *)p;

	(void)t;
	if (s->freq[frame] < s->cap)
		s->freq[frame]++;
}

static void s3fifo_load(struct policy *p, uint32_t frame, uint64_t t)
{
	struct s3fifo *s = (struct s3fifo *)p;
	uint32_t g = ghosts_find(&s->gh, machine_frame_page(s->m, frame));

	(void)t;
	s->freq[frame] = 0;
	if (g != QNIL) {
		qlist_remove(&s->k, &s->g, g);
		ghosts_drop(&s->gh, g);
		qlist_push_head(&s->k, &s->mq, frame);
	} else {
		qlist_push_head(&s->k, &s->s, frame);
	}
}

/* M's tail, skipping (and re-queueing) pages with freq > 0. */
static uint32_t evict_main(struct s3fifo *s)
{
	for (;;) {
		uint32_t f = s->mq.tail;
		if (!s->freq[f]) {
			qlist_remove(&s->k, &s->mq, f);
			return f;
		}
		s->freq[f]--;
		qlist_move_head(&s->k, &s->mq, f);
	}
}

static uint32_t s3fifo_victim(struct policy *p, uint64_t t)
{
	struct s3fifo *s = (struct s3fifo *)p;

	(void)t;
	if (100 * (uint64_t)s->s.size >= s->small * s->frames) {
		while (s->s.size) {
			uint32_t f = s->s.tail;
			qlist_remove(&s->k, &s->s, f);
			if (s->freq[f] < s->promote) {
				ghosts_push_fifo(&s->gh, &s->k, &s->g, machine_frame_page(s->m, f));
				return f;
			}
			qlist_push_head(&s->k, &s->mq, f);
			if (100 * (uint64_t)s->mq.size > (100 - s->small) * s->frames)
				return evict_main(s);
		}
	}
	return evict_main(s);
}

const struct policy_ops policy_s3fifo = {
	.name = "s3fifo",
	.summary = "S3-FIFO: small, main and ghost FIFO queues with 2-bit frequencies",
	.params = s3fifo_params,
	.init = s3fifo_init,
	.release = s3fifo_release,
	.hit = s3fifo_hit,
	.load = s3fifo_load,
	.victim = s3fifo_victim,
};
