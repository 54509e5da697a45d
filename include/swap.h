/* swap.h - the swap area: slots with reference counts, and zswap in front.
 *
 * As Linux's swap_info_struct: an array of slots, each with a use count in
 * swap_map (0 = free; more than one user once fork shares a swapped page).
 * A swap entry names a slot by (type, offset): a PTE's 20-bit offset field
 * addresses 2^20 slots, so a larger area is split into several types, as
 * Linux has several swap devices.
 *
 * With a zswap pool, a page written to swap is compressed into a pool in
 * RAM instead; when the pool is full its oldest entry is written back to
 * the device to make room (the seeds' zswap chapter; Linux's
 * zswap_shrink).  A read finds the page in the pool or on the device.
 */
#ifndef VMTRACE_SWAP_H
#define VMTRACE_SWAP_H

#include <stdint.h>

#define SWAP_OFFSET_BITS 20u
#define SWAP_TYPES 32u
#define SWAP_MAX_SLOTS (SWAP_TYPES << SWAP_OFFSET_BITS)
#define NO_SLOT UINT32_MAX
#define SWAP_NOMEM (UINT32_MAX - 1)

struct swap_config {
	uint32_t slots;          /* 0 .. SWAP_MAX_SLOTS */
	uint32_t zswap_pages;    /* pool size in page frames of RAM; 0 = no zswap */
	double zswap_ratio;      /* compressed pages a pool page holds (>= 1) */
};

struct swap_counters {
	uint64_t device_writes;     /* slot written to the device */
	uint64_t device_reads;      /* slot read from the device */
	uint64_t zswap_stores;      /* page compressed into the pool */
	uint64_t zswap_loads;       /* page decompressed from the pool */
	uint64_t zswap_writebacks;  /* oldest pool entry written to the device */
	uint64_t max_used;          /* most slots in use at once */
};

struct swap_area;

/* Return: 0 with *out set, or an exit code after a message. */
int swap_new(struct swap_area **out, const struct swap_config *cfg);
void swap_free(struct swap_area *s);

/* A free slot with use count 1; NO_SLOT when the area is full, SWAP_NOMEM
 * when the simulator itself is out of memory. */
uint32_t swap_alloc(struct swap_area *s);
/* One more user of slot (fork sharing a swapped page). */
void swap_dup(struct swap_area *s, uint32_t slot);
/* One user fewer; the slot is free (and leaves the pool) at zero. */
void swap_put(struct swap_area *s, uint32_t slot);

/* Write a page's contents to slot, through the pool when there is one. */
void swap_write(struct swap_area *s, uint32_t slot);
/* Read slot back (a major fault's I/O). */
void swap_read(struct swap_area *s, uint32_t slot);

uint32_t swap_used(const struct swap_area *s);
/* The users of slot (0 when free). */
uint32_t swap_count(const struct swap_area *s, uint32_t slot);
const struct swap_counters *swap_counters(const struct swap_area *s);

/* The non-present PTE bits of a swap entry, and back (geometry.h). */
uint32_t swap_entry_pte(uint32_t slot);
uint32_t swap_entry_slot(uint32_t pte);

#endif
