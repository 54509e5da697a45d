/* ws.c - Denning's working set, variable allocation.
 *
 * Theory: W(t, tau) is the set of pages referenced at times t-tau+1 ... t
 * (times counted from 1).  The reference at t faults when its page is not
 * in W(t-1, tau), i.e. when the page was last referenced before t-tau or
 * never.  The resident set after t is exactly W(t, tau): when the window
 * moves past the reference at t-tau, that page leaves unless it was
 * referenced again since, and the machine evicts it then (a write-back if
 * dirty).  The report gives faults, mean |W(t, tau)| over all t, and the
 * maximum.
 *
 * State: the frame referenced at each of the last tau times (a ring) and
 * each frame's last reference time.  The page referenced at t-tau leaves
 * after t exactly when its frame's last reference is still t-tau.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "policy.h"

struct ws {
	uint64_t tau;
	uint32_t *ring;      /* ring[t % tau] = frame referenced at t (0-based) */
	uint64_t *last;      /* last[frame] = time of its page's last reference */
	uint32_t leaving;    /* frame referenced at t - tau, read before overwrite */
};

static int ws_init(struct policy **out, const struct policy_env *env)
{
	struct ws *w = calloc(1, sizeof(*w));

	if (!w)
		return vt_error(VT_SOFTWARE, "out of memory");
	w->tau = env->tau;
	w->ring = malloc(sizeof(uint32_t) * w->tau);
	w->last = malloc(sizeof(uint64_t) * env->frames);
	if (!w->ring || !w->last) {
		free(w->ring);
		free(w->last);
		free(w);
		return vt_error(VT_SOFTWARE, "out of memory (--tau %llu is too large?)",
				(unsigned long long)env->tau);
	}
	*out = (struct policy *)w;
	return 0;
}

static void ws_release(struct policy *p)
{
	struct ws *w = (struct ws *)p;

	free(w->ring);
	free(w->last);
	free(w);
}

static void ws_touch(struct policy *p, uint32_t frame, uint64_t t)
{
	struct ws *w = (struct ws *)p;
	uint64_t slot = t % w->tau;

	w->leaving = t >= w->tau ? w->ring[slot] : NO_FRAME;
	w->ring[slot] = frame;
	w->last[frame] = t;
}

static uint32_t ws_expire(struct policy *p, uint64_t t)
{
	struct ws *w = (struct ws *)p;
	uint32_t f = w->leaving;

	/* One page at most leaves per reference: the machine asks again. */
	w->leaving = NO_FRAME;
	if (f != NO_FRAME && w->last[f] == t - w->tau)
		return f;
	return NO_FRAME;
}

/* The window never holds more than tau pages (tau + 1 for a moment, while
 * a fault loads a page before the oldest leaves) and the machine gives WS
 * that many frames, or the whole space, so a victim is never needed. */
static uint32_t ws_victim(struct policy *p, uint64_t t)
{
	(void)p;
	(void)t;
	return NO_FRAME;
}

const struct policy_ops policy_ws = {
	.name = "ws",
	.summary = "working set: keep the pages referenced in the last tau references",
	.flags = POLICY_WINDOW,
	.init = ws_init,
	.release = ws_release,
	.hit = ws_touch,
	.load = ws_touch,
	.victim = ws_victim,
	.expire = ws_expire,
};
