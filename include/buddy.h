/* buddy.h - a binary buddy allocator over a range of physical frames.
 *
 * The frame pool of one NUMA node (or of the whole machine) as Linux's
 * page allocator keeps it: free blocks of 2^order frames, order 0 ..
 * BUDDY_MAX_ORDER, each aligned to its size in absolute frame numbers;
 * allocation takes a free block of that order or larger, splitting it and
 * keeping the lower half; freeing merges a block with its buddy (the
 * block of the same order that differs in bit `order` of the frame
 * number) as long as that buddy is free and whole.
 *
 * Which block is taken: the lowest-numbered free block among the orders
 * that fit (address-ordered first fit; Linux takes the smallest order
 * first), so that a fresh pool of any size hands out frames 0, 1, 2, ...
 * in order (DESIGN.md's rule for free frames) and a run is reproducible.
 *
 * A range that is not a multiple of 2^BUDDY_MAX_ORDER frames, or does not
 * start on such a boundary, begins life as the largest aligned blocks
 * that fit (as memblock hands memory to the buddy allocator at boot).
 */
#ifndef VMTRACE_BUDDY_H
#define VMTRACE_BUDDY_H

#include <stdbool.h>
#include <stdint.h>

/* Orders 0 .. 10: blocks of 1 .. 1024 frames, 4 MiB with 4 KiB frames
 * (Linux's MAX_ORDER 11 on x86 before 6.4, /proc/buddyinfo's 11 columns). */
#define BUDDY_MAX_ORDER 10
#define BUDDY_ORDERS (BUDDY_MAX_ORDER + 1)

struct buddy;

struct buddy_counters {
	uint64_t allocs[BUDDY_ORDERS];  /* blocks handed out, by order asked */
	uint64_t frees[BUDDY_ORDERS];   /* blocks given back, by order */
	uint64_t failures[BUDDY_ORDERS];/* allocations with no block big enough */
	uint64_t splits;                /* a block cut into its two halves */
	uint64_t merges;                /* a block joined with its free buddy */
};

/* A pool of frames [base, base + frames), all free.  frames >= 1.
 * Return: 0 with *out set, or -1 out of memory (or frames == 0, or
 * base + frames past UINT32_MAX). */
int buddy_new(struct buddy **out, uint32_t base, uint32_t frames);
void buddy_free_pool(struct buddy *b);

/* Take a block of 2^order frames: *frame is its first frame.
 * Return: 0, or -1 when no free block of that order or larger exists
 * (counted in failures; nothing changes), or order > BUDDY_MAX_ORDER
 * (not counted). */
int buddy_alloc(struct buddy *b, unsigned order, uint32_t *frame);

/* Give back the block of 2^order frames at frame, which buddy_alloc()
 * returned with that order (or a part of one: any aligned block inside
 * an allocated block may be freed on its own once its allocation is
 * split with buddy_split()).  Anything else (a double free, a wrong
 * order) is the caller's bug and is not detected here; buddy_check()
 * reports most of the damage afterwards. */
void buddy_release(struct buddy *b, uint32_t frame, unsigned order);

/* Turn the allocated block of 2^order frames at frame into 2^order
 * allocated order-0 frames that can be freed one by one (Linux's
 * split_page()).  Not counted in buddy_counters' splits, which count
 * the allocator's own halvings. */
void buddy_split(struct buddy *b, uint32_t frame, unsigned order);

/* Is frame (inside the pool) in a free block? */
bool buddy_frame_free(const struct buddy *b, uint32_t frame);

/* Free blocks of each order now: /proc/buddyinfo's columns. */
void buddy_info(const struct buddy *b, uint32_t out[BUDDY_ORDERS]);
uint32_t buddy_free_frames(const struct buddy *b);
uint32_t buddy_base(const struct buddy *b);
uint32_t buddy_size(const struct buddy *b);
const struct buddy_counters *buddy_counters(const struct buddy *b);

/* Linux's external fragmentation index for an allocation of 2^order
 * frames (mm/vmstat.c, __fragmentation_index), in thousandths:
 * -1000 when a free block of that order or larger exists (the request
 * would succeed); 0 when no block is free at all; otherwise
 * 1000 - (1000 + 1000 * free_frames / 2^order) / free_blocks, which tends
 * to 0 when a failure is for lack of memory and to 1000 when it is for
 * fragmentation.  Both divisions truncate, as the kernel's; with a single
 * free block left the value can be negative (down to -500), as the
 * kernel's can.  0 for order > BUDDY_MAX_ORDER (the kernel's WARN path). */
int buddy_frag_index(const struct buddy *b, unsigned order);

/* Mel Gorman's unusable free space index for 2^order frames, in
 * thousandths, truncated: the share of free frames that sit in blocks
 * smaller than 2^order (1000 for order > BUDDY_MAX_ORDER).  0 with no
 * free frames -- where Linux's debugfs unusable_index says 1000. */
int buddy_unusable_index(const struct buddy *b, unsigned order);

/* Check every invariant: free blocks aligned, inside the range, not
 * overlapping each other or any allocated frame, no two free buddies of
 * the same order left unmerged, per-order counts and the free-frame total
 * consistent, and the counters accounting for the allocated frames and
 * the free blocks.  O(frames).  Return: 0, or -1 (with what is wrong in
 * why[0..len), when why is not NULL and len > 0). */
int buddy_check(const struct buddy *b, char *why, unsigned len);

#endif
