/* opt.c - Belady's MIN, the optimal offline policy.
 *
 * Theory: evict the page whose next reference lies farthest in the future;
 * a page never referenced again is farthest of all.  The engine computes
 * next_use[t] (the time of the next reference to the page referenced at t)
 * in one backward pass before the replay; each frame's key is the next use
 * of its page, kept in an indexed heap: O(log n) per reference.
 *
 * Ties only happen among pages never used again.  They do not change the
 * fault count, but they do change which dirty pages get written back, so
 * the rule must be one that caches of every size agree on: among pages
 * never used again, the least recently used goes.  (The lowest frame
 * number would depend on the frame count, and a one-pass sweep,
 * stackdist_opt.c, could not give the write-backs a replay gives.)
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "fheap.h"
#include "policy.h"

struct opt {
	struct fheap heap;        /* k1 = NEXT_USE_NEVER - next use: min = farthest;
				   * k2 = last use: among ties, min = least recent */
	const uint32_t *next_use;
};

static int opt_init(struct policy **out, const struct policy_env *env)
{
	struct opt *o = calloc(1, sizeof(*o));

	if (!env->next_use) {
		free(o);
		return vt_error(VT_SOFTWARE, "opt needs the future: no next-use table");
	}
	if (!o || fheap_init(&o->heap, env->frames)) {
		free(o);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	o->next_use = env->next_use;
	*out = (struct policy *)o;
	return 0;
}

static void opt_release(struct policy *p)
{
	struct opt *o = (struct opt *)p;

	fheap_release(&o->heap);
	free(o);
}

static void opt_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	struct opt *o = (struct opt *)p;

	o->heap.k1[frame] = NEXT_USE_NEVER - o->next_use[t];
	o->heap.k2[frame] = t;
	fheap_update(&o->heap, frame);
}

static void opt_load(struct policy *p, uint32_t frame, uint64_t t)
{
	struct opt *o = (struct opt *)p;

	o->heap.k1[frame] = NEXT_USE_NEVER - o->next_use[t];
	o->heap.k2[frame] = t;
	fheap_insert(&o->heap, frame);
}

static uint32_t opt_victim(struct policy *p, uint64_t t)
{
	(void)t;
	return fheap_pop(&((struct opt *)p)->heap);
}

const struct policy_ops policy_opt = {
	.name = "opt",
	.summary = "Belady's MIN: evict the page used farthest in the future (offline)",
	.flags = POLICY_NEEDS_FUTURE,
	.init = opt_init,
	.release = opt_release,
	.hit = opt_hit,
	.load = opt_load,
	.victim = opt_victim,
};
