/* mru.c - most recently used.
 *
 * Theory: evict the page referenced most recently.  That is always the page
 * of the reference just before the fault (it is resident: it was just
 * referenced), so the policy only remembers the frame of the last
 * reference; there are no ties.  MRU suits cyclic scans longer than memory,
 * where LRU faults on every reference.  It is a stack algorithm in Mattson
 * et al.'s sense (the priority, recency, does not depend on the memory
 * size): with n+1 frames the resident set always contains the one with n,
 * so more frames never give more faults and `belady` refuses it.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "policy.h"

struct mru {
	uint32_t last;   /* frame of the most recent reference */
};

static int mru_init(struct policy **out, const struct policy_env *env)
{
	struct mru *m = calloc(1, sizeof(*m));

	(void)env;
	if (!m)
		return vt_error(VT_SOFTWARE, "out of memory");
	m->last = NO_FRAME;
	*out = (struct policy *)m;
	return 0;
}

static void mru_release(struct policy *p)
{
	free(p);
}

static void mru_touch(struct policy *p, uint32_t frame, uint64_t t)
{
	(void)t;
	((struct mru *)p)->last = frame;
}

static uint32_t mru_victim(struct policy *p, uint64_t t)
{
	(void)t;
	return ((struct mru *)p)->last;
}

const struct policy_ops policy_mru = {
	.name = "mru",
	.summary = "most recently used: evict the page referenced last",
	.init = mru_init,
	.release = mru_release,
	.hit = mru_touch,
	.load = mru_touch,
	.victim = mru_victim,
};
