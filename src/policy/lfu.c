/* lfu.c - least frequently used.
 *
 * Theory: evict the page with the fewest references since it was loaded;
 * among equals, the page loaded earliest.  A page's count starts again at
 * 1 each time it is loaded (no memory of earlier residencies).  Keys in an
 * indexed min-heap: (count, load time), so a hit is O(log n).  Not a stack
 * algorithm: 0,0,1,2,1,2,3,0,3,0 faults 6 times on 2 frames and 7 on 3.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "fheap.h"
#include "policy.h"

struct lfu {
	struct fheap heap;  /* k1 = references since load, k2 = load time */
};

static int lfu_init(struct policy **out, const struct policy_env *env)
{
	struct lfu *l = calloc(1, sizeof(*l));

	if (!l || fheap_init(&l->heap, env->frames)) {
		free(l);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	*out = (struct policy *)l;
	return 0;
}

static void lfu_release(struct policy *p)
{
	struct lfu *l = (struct lfu *)p;

	fheap_release(&l->heap);
	free(l);
}

static void lfu_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	struct lfu *l = (struct lfu *)p;

	(void)t;
	l->heap.k1[frame]++;
	fheap_update(&l->heap, frame);
}

static void lfu_load(struct policy *p, uint32_t frame, uint64_t t)
{
	struct lfu *l = (struct lfu *)p;

	l->heap.k1[frame] = 1;
	l->heap.k2[frame] = t;
	fheap_insert(&l->heap, frame);
}

static uint32_t lfu_victim(struct policy *p, uint64_t t)
{
	(void)t;
	return fheap_pop(&((struct lfu *)p)->heap);
}

const struct policy_ops policy_lfu = {
	.name = "lfu",
	.summary = "least frequently used since loaded; ties evict the earliest loaded",
	.init = lfu_init,
	.release = lfu_release,
	.hit = lfu_hit,
	.load = lfu_load,
	.victim = lfu_victim,
};
