/* fheap.c - indexed binary min-heap of frames (see fheap.h). */
#include <stdlib.h>

#include "fheap.h"

int fheap_init(struct fheap *h, uint32_t cap)
{
	h->n = 0;
	h->cap = cap;
	h->heap = malloc(sizeof(uint32_t) * cap);
	h->pos = malloc(sizeof(uint32_t) * cap);
	h->k1 = calloc(cap, sizeof(uint64_t));
	h->k2 = calloc(cap, sizeof(uint64_t));
	if (!h->heap || !h->pos || !h->k1 || !h->k2) {
		fheap_release(h);
		return -1;
	}
	for (uint32_t i = 0; i < cap; i++)
		h->pos[i] = UINT32_MAX;
	return 0;
}

void fheap_release(struct fheap *h)
{
	free(h->heap);
	free(h->pos);
	free(h->k1);
	free(h->k2);
	h->heap = h->pos = NULL;
	h->k1 = h->k2 = NULL;
}

static int less(const struct fheap *h, uint32_t a, uint32_t b)
{
	if (h->k1[a] != h->k1[b])
		return h->k1[a] < h->k1[b];
	if (h->k2[a] != h->k2[b])
		return h->k2[a] < h->k2[b];
	return a < b;
}

static void place(struct fheap *h, uint32_t i, uint32_t frame)
{
	h->heap[i] = frame;
	h->pos[frame] = i;
}

static void sift_up(struct fheap *h, uint32_t i)
{
	uint32_t f = h->heap[i];

	while (i > 0) {
		uint32_t parent = (i - 1) / 2;
		if (!less(h, f, h->heap[parent]))
			break;
		place(h, i, h->heap[parent]);
		i = parent;
	}
	place(h, i, f);
}

static void sift_down(struct fheap *h, uint32_t i)
{
	uint32_t f = h->heap[i];

	for (;;) {
		uint32_t c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && less(h, h->heap[c + 1], h->heap[c]))
			c++;
		if (!less(h, h->heap[c], f))
			break;
		place(h, i, h->heap[c]);
		i = c;
	}
	place(h, i, f);
}

void fheap_insert(struct fheap *h, uint32_t frame)
{
	place(h, h->n, frame);
	sift_up(h, h->n++);
}

void fheap_update(struct fheap *h, uint32_t frame)
{
	uint32_t i = h->pos[frame];

	sift_up(h, i);
	sift_down(h, h->pos[frame]);
}

uint32_t fheap_pop(struct fheap *h)
{
	uint32_t top = h->heap[0];

	h->pos[top] = UINT32_MAX;
	if (--h->n > 0) {
		place(h, 0, h->heap[h->n]);
		sift_down(h, 0);
	}
	return top;
}
