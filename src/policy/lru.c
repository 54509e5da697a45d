/* lru.c - least recently used.
 *
 * A doubly linked list of frames in order of last reference, most recent at
 * the head, kept in flat arrays indexed by frame (flist.h).  A hit or a
 * load moves the frame to the head; the victim is the tail.  O(1) per
 * reference.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "flist.h"
#include "policy.h"

struct lru {
	struct flink link;
	struct flist list;
};

static int lru_init(struct policy **out, const struct policy_env *env)
{
	struct lru *l = calloc(1, sizeof(*l));

	if (!l || flink_init(&l->link, env->frames)) {
		free(l);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	flist_init(&l->list);
	*out = (struct policy *)l;
	return 0;
}

static void lru_release(struct policy *p)
{
	struct lru *l = (struct lru *)p;

	flink_release(&l->link);
	free(l);
}

static void lru_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	struct lru *l = (struct lru *)p;

	(void)t;
	if (l->list.head == frame)
		return;
	flist_unlink(&l->link, &l->list, frame);
	flist_push_head(&l->link, &l->list, frame);
}

/* A loaded frame is either new (not linked) or the victim just unlinked. */
static void lru_load(struct policy *p, uint32_t frame, uint64_t t)
{
	struct lru *l = (struct lru *)p;

	(void)t;
	flist_push_head(&l->link, &l->list, frame);
}

static uint32_t lru_victim(struct policy *p, uint64_t t)
{
	struct lru *l = (struct lru *)p;

	(void)t;
	return flist_pop_tail(&l->link, &l->list);
}

const struct policy_ops policy_lru = {
	.name = "lru",
	.summary = "least recently used: evict the page referenced longest ago",
	.init = lru_init,
	.release = lru_release,
	.hit = lru_hit,
	.load = lru_load,
	.victim = lru_victim,
};
