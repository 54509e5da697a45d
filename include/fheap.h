/* fheap.h - an indexed 4-ary min-heap of frame numbers.
 *
 * Keys are (k1, k2, frame), compared in that order, so ties are broken by
 * the lowest frame number and every order is total.  The keys live in the
 * caller's arrays (indexed by frame); after changing a frame's key, call
 * fheap_update().  Used by LFU and OPT.
 */
#ifndef VMTRACE_FHEAP_H
#define VMTRACE_FHEAP_H

#include <stdint.h>

struct fheap_slot {
	uint64_t k1, k2;  /* copies of the frame's keys */
	uint32_t frame;
};

struct fheap {
	struct fheap_slot *slot;  /* slot[i]: the frame at heap index i */
	uint32_t *pos;            /* pos[frame] = index in heap, or UINT32_MAX */
	uint64_t *k1, *k2;        /* the caller's keys, by frame */
	uint32_t n, cap;
};

/* Return: 0, or -1 when out of memory. */
int fheap_init(struct fheap *h, uint32_t cap);
void fheap_release(struct fheap *h);

void fheap_insert(struct fheap *h, uint32_t frame);
void fheap_update(struct fheap *h, uint32_t frame);
/* Remove and return the least frame; the heap must not be empty. */
uint32_t fheap_pop(struct fheap *h);

#endif
