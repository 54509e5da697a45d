/* fheap.c - indexed 4-ary min-heap of frames (see fheap.h).
 *
 * Each heap slot carries a copy of its frame's keys, so a comparison reads
 * the slot it already has in cache instead of two arrays indexed by frame;
 * four children a node halve the depth, and the four sit in one or two
 * cache lines.  OPT makes a heap operation on every reference, so this is
 * its hot path.
 */
#include <stdlib.h>

#include "fheap.h"

#define ARITY 4

int fheap_init(struct fheap *h, uint32_t cap)
{
	h->n = 0;
	h->cap = cap;
	h->slot = malloc(sizeof(*h->slot) * (cap ? cap : 1));
	h->pos = malloc(sizeof(uint32_t) * (cap ? cap : 1));
	h->k1 = calloc(cap ? cap : 1, sizeof(uint64_t));
	h->k2 = calloc(cap ? cap : 1, sizeof(uint64_t));
	if (!h->slot || !h->pos || !h->k1 || !h->k2) {
		fheap_release(h);
		return -1;
	}
	for (uint32_t i = 0; i < cap; i++)
		h->pos[i] = UINT32_MAX;
	return 0;
}

void fheap_release(struct fheap *h)
{
	free(h->slot);
	free(h->pos);
	free(h->k1);
	free(h->k2);
	h->slot = NULL;
	h->pos = NULL;
	h->k1 = h->k2 = NULL;
}

static inline int less(const struct fheap_slot *a, const struct fheap_slot *b)
{
	if (a->k1 != b->k1)
		return a->k1 < b->k1;
	if (a->k2 != b->k2)
		return a->k2 < b->k2;
	return a->frame < b->frame;
}

static inline void place(struct fheap *h, uint32_t i, const struct fheap_slot *s)
{
	h->slot[i] = *s;
	h->pos[s->frame] = i;
}

static void sift_up(struct fheap *h, uint32_t i)
{
	struct fheap_slot s = h->slot[i];

	while (i > 0) {
		uint32_t parent = (i - 1) / ARITY;
		if (!less(&s, &h->slot[parent]))
			break;
		place(h, i, &h->slot[parent]);
		i = parent;
	}
	place(h, i, &s);
}

static void sift_down(struct fheap *h, uint32_t i)
{
	struct fheap_slot s = h->slot[i];

	for (;;) {
		uint32_t c = ARITY * i + 1, best, end;
		if (c >= h->n)
			break;
		end = c + ARITY < h->n ? c + ARITY : h->n;
		best = c;
		for (uint32_t j = c + 1; j < end; j++)
			if (less(&h->slot[j], &h->slot[best]))
				best = j;
		if (!less(&h->slot[best], &s))
			break;
		place(h, i, &h->slot[best]);
		i = best;
	}
	place(h, i, &s);
}

static void load_keys(struct fheap *h, uint32_t i, uint32_t frame)
{
	h->slot[i] = (struct fheap_slot){ h->k1[frame], h->k2[frame], frame };
	h->pos[frame] = i;
}

void fheap_insert(struct fheap *h, uint32_t frame)
{
	load_keys(h, h->n, frame);
	sift_up(h, h->n++);
}

void fheap_update(struct fheap *h, uint32_t frame)
{
	uint32_t i = h->pos[frame];
	struct fheap_slot old = h->slot[i];

	load_keys(h, i, frame);
	/* A key moves one way only: up if it shrank, else down. */
	if (less(&h->slot[i], &old))
		sift_up(h, i);
	else
		sift_down(h, i);
}

uint32_t fheap_pop(struct fheap *h)
{
	uint32_t top = h->slot[0].frame;

	h->pos[top] = UINT32_MAX;
	if (--h->n > 0) {
		place(h, 0, &h->slot[h->n]);
		sift_down(h, 0);
	}
	return top;
}
