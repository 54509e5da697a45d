/* addrmap.h - fitting 64-bit traces into the simulated 32-bit address space.
 *
 * Valgrind on amd64 records addresses above 4 GiB (the stack near
 * 0x1ffefff000).  The rule, from DESIGN.md: an address below 4 GiB maps to
 * itself.  Each distinct 4 MiB region above 4 GiB (addr >> 22) borrows a
 * page-directory slot of the 32-bit space on first touch, from the top
 * (slot 1023) down, skipping slots that low addresses already use.  A region
 * is 4 MiB whatever the page size, and every page size divides 4 MiB, so no
 * page straddles two regions and two distinct pages never merge.  The run
 * stops with an error if a low address later lands in a lent slot, or when
 * all 1024 slots are taken.  With reject_high, any address at or above
 * 4 GiB is an error instead.
 *
 * The map works on page numbers so seq traces (page numbers, no addresses)
 * share it: a page number p stands for address p << page_shift.
 */
#ifndef VMTRACE_ADDRMAP_H
#define VMTRACE_ADDRMAP_H

#include <stdbool.h>
#include <stdint.h>

#define ADDRMAP_SLOTS 1024u   /* 4 GiB / 4 MiB */
#define ADDRMAP_REGION_SHIFT 22u

enum addrmap_status {
	ADDRMAP_OK = 0,
	ADDRMAP_HIGH_REJECTED, /* address >= 4 GiB and reject_high is set */
	ADDRMAP_COLLISION,     /* a low address hit a slot lent to a high region */
	ADDRMAP_FULL,          /* no free slot left for a new high region */
};

struct addrmap_entry {
	uint64_t region; /* addr >> 22 of a high region, 0 when empty */
	uint32_t slot;
};

struct addrmap {
	unsigned page_shift;
	unsigned region_shift;   /* 22 - page_shift: page number -> region */
	uint64_t low_pages;      /* pages below 4 GiB */
	bool reject_high;
	uint8_t slot_state[ADDRMAP_SLOTS]; /* enum slot_state in addrmap.c */
	uint32_t next_slot;      /* candidate for the next lent slot, counts down */
	uint32_t lent;           /* number of high regions mapped */
	uint64_t last_region;    /* one-entry cache: stacks hit one region */
	uint32_t last_slot;
	struct addrmap_entry table[2 * ADDRMAP_SLOTS]; /* open addressing */
};

void addrmap_init(struct addrmap *map, unsigned page_shift, bool reject_high);

/* Out-of-line part of addrmap_page(). */
enum addrmap_status addrmap_page_slow(struct addrmap *map, uint64_t page, uint32_t *vpn);

/*
 * addrmap_page - map a page number of the trace to a 32-bit-space VPN.
 * Return: ADDRMAP_OK with *vpn set, or why the page cannot be mapped.
 */
static inline enum addrmap_status addrmap_page(struct addrmap *map, uint64_t page, uint32_t *vpn)
{
	uint64_t region = page >> map->region_shift;

	/* Fast paths: a low page in a slot already known to be low, or a
	 * page of the high region seen last (a stack). */
	if (page < map->low_pages && map->slot_state[region] == 1) {
		*vpn = (uint32_t)page;
		return ADDRMAP_OK;
	}
	if (region == map->last_region) {
		*vpn = (uint32_t)((uint64_t)map->last_slot << map->region_shift |
				  (page & (((uint64_t)1 << map->region_shift) - 1)));
		return ADDRMAP_OK;
	}
	return addrmap_page_slow(map, page, vpn);
}

/* The 64-bit region (addr >> 22) lent slot s, for reports; false if none. */
bool addrmap_slot_region(const struct addrmap *map, uint32_t slot, uint64_t *region);

/* The trace's own page number for a mapped vpn (inverse of addrmap_page). */
uint64_t addrmap_unmap(const struct addrmap *map, uint32_t vpn);

/* A one-line description of a status, for error messages. */
const char *addrmap_strerror(enum addrmap_status st);

#endif
