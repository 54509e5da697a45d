/* wsclock.c - WSClock (Carr and Hennessy 1981; Tanenbaum, Modern Operating
 * Systems, 3.4.9), on a fixed number of frames.
 *
 * Theory: the working-set idea -- a page not used for more than tau
 * references may go -- run by a clock hand over the frames.  Each frame
 * keeps R (the x86 accessed bit: set on load and on every hit), D (dirty)
 * and its page's "time of last use", set to the current time when the page
 * is loaded and when the hand finds R=1.  Times are reference indices.
 * Frames fill 0..n-1 while free; the hand starts at frame 0.  On a fault at
 * time t with every frame full, the hand examines frame after frame:
 *   - R=1: the page was used; R = 0, last use = t, move on;
 *   - R=0 and age t - last use > tau, clean: the victim;
 *   - R=0, age > tau, dirty: schedule its write-back and move on -- the
 *     page is not evicted.  The write completes at once: a write-back is
 *     counted and D cleared (machine_clean), so the hand can take the page
 *     when it comes round again;
 *   - otherwise (R=0, age <= tau: in the working set): move on.
 * If the hand comes back to where it started: when a write-back was
 * scheduled, it keeps going, and the first page scheduled, now clean, is the
 * victim.  When none was, every page is in the working set: the victim is
 * the first clean page from where the hand started, or, if every page is
 * dirty, the page under the hand (written back when it is evicted).  The
 * new page goes into the victim's frame and the hand moves past it.
 *
 * Structure.  "Last use" is only ever set to the current time, so frames
 * in order of last use form a queue; a frame whose age passes tau leaves
 * its front and gets its "old" bit.  The hand then jumps to the first frame
 * with old=1 and R=0 (a cyclic bit-set search) and pays only for the R=1
 * frames it passes, each cleared once per setting.  Not a stack algorithm.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "flist.h"
#include "policy.h"
#include "ptebits.h"

struct wsclock {
	struct ptebits bits;
	struct frameset old;     /* age > tau */
	uint64_t tau;
	uint64_t *last_use;
	struct flink link;
	struct flist young;      /* frames with old=0, latest last use at head */
	uint32_t hand, frames;
};

static void wsclock_release(struct policy *p)
{
	struct wsclock *w = (struct wsclock *)p;

	ptebits_release(&w->bits);
	frameset_release(&w->old);
	flink_release(&w->link);
	free(w->last_use);
	free(w);
}

static int wsclock_init(struct policy **out, const struct policy_env *env)
{
	struct wsclock *w = calloc(1, sizeof(*w));

	if (!w)
		return vt_error(VT_SOFTWARE, "out of memory");
	w->tau = env->param[0];
	w->frames = env->frames;
	flist_init(&w->young);
	w->last_use = malloc(sizeof(uint64_t) * (env->frames ? env->frames : 1));
	if (!w->last_use || ptebits_init(&w->bits, env->machine, env->frames, 0) ||
	    frameset_init(&w->old, env->frames) || flink_init(&w->link, env->frames)) {
		wsclock_release((struct policy *)w);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	*out = (struct policy *)w;
	return 0;
}

/* last use = t; f must not be on the young list. */
static void set_used(struct wsclock *w, uint32_t f, uint64_t t)
{
	w->last_use[f] = t;
	frameset_clear(&w->old, f);
	flist_push_head(&w->link, &w->young, f);
}

static void wsclock_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	ptebits_hit(&((struct wsclock *)p)->bits, frame, t);
}

static void wsclock_load(struct policy *p, uint32_t frame, uint64_t t)
{
	struct wsclock *w = (struct wsclock *)p;

	ptebits_load(&w->bits, frame, t);
	set_used(w, frame, t);
}

/* The hand meets the R=1 frames from..to-1 (from <= to): each is used now.
 * A word of R at a time: the cost is one step per R bit found. */
static void pass_referenced(struct wsclock *w, uint32_t from, uint32_t to, uint64_t t)
{
	while (from < to) {
		uint32_t i = from >> 6, end = (i + 1) * 64 < to ? (i + 1) * 64 : to;
		uint64_t mask = end - from == 64 ? ~UINT64_C(0)
						 : ((UINT64_C(1) << (end - from)) - 1) << (from & 63);
		uint64_t v = w->bits.r.w[i] & mask;

		w->bits.r.w[i] &= ~mask;
		for (; v; v &= v - 1) {
			uint32_t f = i * 64 + (uint32_t)__builtin_ctzll(v);
			if (!frameset_test(&w->old, f))
				flist_unlink(&w->link, &w->young, f);
			set_used(w, f, t);
		}
		from = end;
	}
}

/* The hand moves from hand to f (cyclically; f == hand: a whole turn). */
static void sweep_to(struct wsclock *w, uint32_t f, uint64_t t, int whole)
{
	if (f > w->hand || (f == w->hand && !whole)) {
		pass_referenced(w, w->hand, f, t);
	} else {
		pass_referenced(w, w->hand, w->frames, t);
		pass_referenced(w, 0, f, t);
	}
	w->hand = f;
}

static uint32_t wsclock_victim(struct policy *p, uint64_t t)
{
	struct wsclock *w = (struct wsclock *)p;
	const uint64_t omit = ~UINT64_C(0);
	uint32_t start = w->hand, first_clean, f, scheduled = NO_FRAME;
	uint32_t done = 0;   /* frames the hand has passed in this fault */

	while (w->young.n && t - w->last_use[w->young.tail] > w->tau)
		frameset_set(&w->old, flist_pop_tail(&w->link, &w->young));
	/* Old, R=0 frames from the hand, until one turn is complete. */
	while ((f = frameset_find(&w->old, 0, &w->bits.r, omit, w->hand)) != NO_FRAME) {
		uint32_t dist = f >= w->hand ? f - w->hand : f + w->frames - w->hand;
		if (done + dist >= w->frames) {
			f = NO_FRAME;   /* past the end of the turn */
			break;
		}
		sweep_to(w, f, t, 0);
		done += dist;
		if (!frameset_test(&w->bits.d, f))
			break;
		/* Dirty and old: written back now, taken when the hand returns. */
		machine_clean(w->bits.m, f);
		frameset_clear(&w->bits.d, f);
		if (scheduled == NO_FRAME)
			scheduled = f;
		done++;
		w->hand = f + 1 == w->frames ? 0 : f + 1;
		f = NO_FRAME;
	}
	if (f == NO_FRAME) {
		/* Back where it started: the rest of the turn clears R bits. */
		sweep_to(w, start, t, done == 0);
		if (scheduled != NO_FRAME) {
			f = scheduled;
		} else {
			first_clean = frameset_find(&w->bits.d, omit, NULL, 0, start);
			f = first_clean != NO_FRAME ? first_clean : start;
		}
	}
	if (!frameset_test(&w->old, f))
		flist_unlink(&w->link, &w->young, f);
	frameset_clear(&w->old, f);
	w->hand = f + 1 == w->frames ? 0 : f + 1;
	return f;
}

static const struct policy_param wsclock_params[] = {
	{ "tau", 1000, 1, UINT64_MAX, "working-set window: older unused pages may go" },
	{ NULL, 0, 0, 0, NULL },
};

const struct policy_ops policy_wsclock = {
	.name = "wsclock",
	.summary = "WSClock: clock hand evicting clean pages unused for over tau references",
	.params = wsclock_params,
	.init = wsclock_init,
	.release = wsclock_release,
	.hit = wsclock_hit,
	.load = wsclock_load,
	.victim = wsclock_victim,
};
