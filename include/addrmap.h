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
/* Regions remembered for the fast path; a power of two. */
#define ADDRMAP_CACHE 64u

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

/* A region already mapped, low or lent: either is final, so an entry
 * never goes stale. */
struct addrmap_cached {
	uint64_t region; /* when empty, one that never indexes this entry */
	uint64_t delta;  /* (slot - region) << region_shift, mod 2^64: the
	                  * region's pages plus delta are their vpns */
};

struct addrmap {
	unsigned page_shift;
	unsigned region_shift;   /* 22 - page_shift: page number -> region */
	uint64_t low_pages;      /* pages below 4 GiB */
	bool reject_high;
	uint8_t slot_state[ADDRMAP_SLOTS]; /* enum slot_state in addrmap.c */
	uint32_t next_slot;      /* candidate for the next lent slot, counts down */
	uint32_t lent;           /* number of high regions mapped */
	struct addrmap_entry table[2 * ADDRMAP_SLOTS]; /* open addressing */
	/* Direct-mapped by region: a trace's few regions (code, heap, stack)
	 * each hit their own entry, whichever order they come in. */
	struct addrmap_cached cache[ADDRMAP_CACHE];
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
	const struct addrmap_cached *c = &map->cache[region & (ADDRMAP_CACHE - 1)];

	if (c->region == region) {
		*vpn = (uint32_t)(page + c->delta);
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
