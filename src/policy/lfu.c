/* lfu.c - least frequently used.
 *
 * Theory: evict the page with the fewest references since it was loaded;
 * among equals, the page loaded earliest.  A page's count starts again at
 * 1 each time it is loaded (no memory of earlier residencies).  Not a stack
 * algorithm: 0,0,1,2,1,2,3,0,3,0 faults 6 times on 2 frames and 7 on 3.
 *
 * Structure.  Pages referenced once since their load (count 1) are the
 * likeliest victims, and on a trace that faults often nearly every victim
 * is one of them.  They can only have entered count 1 by a load, so a FIFO
 * list in load order holds them with the tie rule for free: its oldest end
 * is the victim, O(1).  Pages with count >= 2 sit in an indexed min-heap on
 * (count, load time).  A plain frequency list (one FIFO per count, a page
 * moving up one list per hit) would not keep the tie rule above count 1:
 * a page reaches count c in the order of its hits, not of its loads.  A hit
 * to a count-1 page moves it to the heap, O(log n); the victim is the list's
 * oldest page if the list is not empty, else the heap's least.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "fheap.h"
#include "flist.h"
#include "policy.h"

struct lfu {
	struct fheap heap;   /* k1 = references since load (of every frame),
			      * k2 = load time; holds the frames with k1 >= 2 */
	struct flink link;
	struct flist once;   /* frames with k1 == 1, newest load at the head */
};

static void lfu_release(struct policy *p)
{
	struct lfu *l = (struct lfu *)p;

	fheap_release(&l->heap);
	flink_release(&l->link);
	free(l);
}

static int lfu_init(struct policy **out, const struct policy_env *env)
{
	struct lfu *l = calloc(1, sizeof(*l));

	if (!l)
		return vt_error(VT_SOFTWARE, "out of memory");
	if (fheap_init(&l->heap, env->frames) || flink_init(&l->link, env->frames)) {
		lfu_release((struct policy *)l);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	flist_init(&l->once);
	*out = (struct policy *)l;
	return 0;
}

static void lfu_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	struct lfu *l = (struct lfu *)p;

	(void)t;
	if (l->heap.k1[frame]++ == 1) {
		flist_unlink(&l->link, &l->once, frame);
		fheap_insert(&l->heap, frame);
	} else {
		fheap_update(&l->heap, frame);
	}
}

static void lfu_load(struct policy *p, uint32_t frame, uint64_t t)
{
	struct lfu *l = (struct lfu *)p;

	l->heap.k1[frame] = 1;
	l->heap.k2[frame] = t;
	flist_push_head(&l->link, &l->once, frame);
}

static uint32_t lfu_victim(struct policy *p, uint64_t t)
{
	struct lfu *l = (struct lfu *)p;

	(void)t;
	if (l->once.n)
		return flist_pop_tail(&l->link, &l->once);
	return fheap_pop(&l->heap);
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
