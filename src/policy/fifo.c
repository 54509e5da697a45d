/* fifo.c - first in, first out.
 *
 * Evict the page loaded earliest; hits change nothing.  Frames fill in order
 * 0..n-1 and each new page takes its victim's frame, so load order is always
 * frame order rotated: the oldest page sits under a hand that walks the
 * frames cyclically.  No queue is needed.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "policy.h"

struct fifo {
	uint32_t frames;
	uint32_t hand;
};

static int fifo_init(struct policy **out, const struct policy_env *env)
{
	struct fifo *f = calloc(1, sizeof(*f));

	if (!f)
		return vt_error(VT_SOFTWARE, "out of memory");
	f->frames = env->frames;
	*out = (struct policy *)f;
	return 0;
}

static void fifo_release(struct policy *p)
{
	free(p);
}

static void fifo_load(struct policy *p, uint32_t frame, uint64_t t)
{
	(void)p;
	(void)frame;
	(void)t;
}

static uint32_t fifo_victim(struct policy *p, uint64_t t)
{
	struct fifo *f = (struct fifo *)p;
	uint32_t v = f->hand;

	(void)t;
	f->hand = v + 1 == f->frames ? 0 : v + 1;
	return v;
}

const struct policy_ops policy_fifo = {
	.name = "fifo",
	.summary = "first in, first out: evict the page loaded earliest",
	.init = fifo_init,
	.release = fifo_release,
	.load = fifo_load,
	.victim = fifo_victim,
};
