/* flist.h - doubly linked lists of frames kept in flat arrays.
 *
 * The links live in one table indexed by frame (struct flink); any number of
 * lists (struct flist) can share it, because a frame is on one list at a
 * time.  Policies that keep pages in order (by load, by last use, on an
 * active or inactive list) use it so that a hit, a load and a victim are
 * O(1) and allocation-free.  "head" is the newest end, "tail" the oldest.
 */
#ifndef VMTRACE_FLIST_H
#define VMTRACE_FLIST_H

#include <stdint.h>
#include <stdlib.h>

#include "policy.h"

struct flink {
	uint32_t *prev, *next;
};

struct flist {
	uint32_t head, tail;   /* NO_FRAME when empty */
	uint32_t n;
};

/* Return: 0, or -1 when out of memory. */
static inline int flink_init(struct flink *k, uint32_t frames)
{
	k->prev = malloc(sizeof(uint32_t) * (frames ? frames : 1));
	k->next = malloc(sizeof(uint32_t) * (frames ? frames : 1));
	if (!k->prev || !k->next) {
		free(k->prev);
		free(k->next);
		k->prev = k->next = NULL;
		return -1;
	}
	return 0;
}

static inline void flink_release(struct flink *k)
{
	free(k->prev);
	free(k->next);
	k->prev = k->next = NULL;
}

static inline void flist_init(struct flist *l)
{
	l->head = l->tail = NO_FRAME;
	l->n = 0;
}

static inline void flist_push_head(const struct flink *k, struct flist *l, uint32_t f)
{
	k->prev[f] = NO_FRAME;
	k->next[f] = l->head;
	if (l->head != NO_FRAME)
		k->prev[l->head] = f;
	else
		l->tail = f;
	l->head = f;
	l->n++;
}

static inline void flist_unlink(const struct flink *k, struct flist *l, uint32_t f)
{
	uint32_t pv = k->prev[f], nx = k->next[f];

	if (pv != NO_FRAME)
		k->next[pv] = nx;
	else
		l->head = nx;
	if (nx != NO_FRAME)
		k->prev[nx] = pv;
	else
		l->tail = pv;
	l->n--;
}

/* Unlink and return the oldest frame; the list must not be empty. */
static inline uint32_t flist_pop_tail(const struct flink *k, struct flist *l)
{
	uint32_t f = l->tail;

	flist_unlink(k, l, f);
	return f;
}

#endif
