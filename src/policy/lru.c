/* lru.c - least recently used.
 *
 * A doubly linked list of frames in order of last reference, most recent at
 * the head, kept in two flat arrays indexed by frame.  A hit or a load
 * moves the frame to the head; the victim is the tail.  O(1) per reference.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "policy.h"

struct lru {
	uint32_t head, tail;   /* NO_FRAME when empty */
	uint32_t *prev, *next;
};

static int lru_init(struct policy **out, const struct policy_env *env)
{
	struct lru *l = calloc(1, sizeof(*l));

	if (!l)
		return vt_error(VT_SOFTWARE, "out of memory");
	l->head = l->tail = NO_FRAME;
	l->prev = malloc(sizeof(uint32_t) * env->frames);
	l->next = malloc(sizeof(uint32_t) * env->frames);
	if (!l->prev || !l->next) {
		free(l->prev);
		free(l->next);
		free(l);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	*out = (struct policy *)l;
	return 0;
}

static void lru_release(struct policy *p)
{
	struct lru *l = (struct lru *)p;

	free(l->prev);
	free(l->next);
	free(l);
}

static void unlink_frame(struct lru *l, uint32_t f)
{
	uint32_t pv = l->prev[f], nx = l->next[f];

	if (pv != NO_FRAME)
		l->next[pv] = nx;
	else
		l->head = nx;
	if (nx != NO_FRAME)
		l->prev[nx] = pv;
	else
		l->tail = pv;
}

static void push_head(struct lru *l, uint32_t f)
{
	l->prev[f] = NO_FRAME;
	l->next[f] = l->head;
	if (l->head != NO_FRAME)
		l->prev[l->head] = f;
	else
		l->tail = f;
	l->head = f;
}

static void lru_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	struct lru *l = (struct lru *)p;

	(void)t;
	if (l->head == frame)
		return;
	unlink_frame(l, frame);
	push_head(l, frame);
}

/* A loaded frame is either new (not linked) or the victim just unlinked. */
static void lru_load(struct policy *p, uint32_t frame, uint64_t t)
{
	(void)t;
	push_head((struct lru *)p, frame);
}

static uint32_t lru_victim(struct policy *p, uint64_t t)
{
	struct lru *l = (struct lru *)p;
	uint32_t v = l->tail;

	(void)t;
	unlink_frame(l, v);
	return v;
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
