/* addrmap.c - lending page-directory slots to 4 MiB regions above 4 GiB.
 *
 * The rule is in addrmap.h.  Slot states: FREE (never touched), LOW (used
 * by addresses below 4 GiB, identity-mapped), LENT (given to a high region).
 * Looking up a high region is a hash probe behind the region cache of
 * addrmap.h; the table has twice as many entries as there are slots, so
 * probes stay short.
 */
#include <string.h>

#include "addrmap.h"
#include "geometry.h"

enum slot_state { SLOT_FREE = 0, SLOT_LOW = 1, SLOT_LENT = 2 };

#define TABLE_SIZE (2 * ADDRMAP_SLOTS)

void addrmap_init(struct addrmap *map, unsigned page_shift, bool reject_high)
{
	memset(map, 0, sizeof(*map));
	map->page_shift = page_shift;
	map->region_shift = ADDRMAP_REGION_SHIFT - page_shift;
	map->low_pages = (uint64_t)1 << (ADDR_BITS - page_shift);
	map->reject_high = reject_high;
	map->next_slot = ADDRMAP_SLOTS - 1;
	/* Any region number can occur (seq pages go up to 2^64 - 1), but
	 * entry i is looked up only for regions congruent to i. */
	for (size_t i = 0; i < ADDRMAP_CACHE; i++)
		map->cache[i].region = i ^ 1;
}

static size_t hash_region(uint64_t region)
{
	/* Fibonacci hashing; regions of one process cluster, so mix them. */
	return (size_t)((region * UINT64_C(0x9e3779b97f4a7c15)) >> 53) & (TABLE_SIZE - 1);
}

static enum addrmap_status lend_slot(struct addrmap *map, uint64_t region, uint32_t *slot)
{
	size_t i = hash_region(region);

	/* Region numbers above 4 GiB are never 0, so 0 marks an empty entry. */
	while (map->table[i].region != 0) {
		if (map->table[i].region == region) {
			*slot = map->table[i].slot;
			return ADDRMAP_OK;
		}
		i = (i + 1) & (TABLE_SIZE - 1);
	}
	while (map->lent < ADDRMAP_SLOTS && map->slot_state[map->next_slot] != SLOT_FREE) {
		if (map->next_slot == 0)
			return ADDRMAP_FULL;
		map->next_slot--;
	}
	if (map->lent >= ADDRMAP_SLOTS || map->slot_state[map->next_slot] != SLOT_FREE)
		return ADDRMAP_FULL;
	*slot = map->next_slot;
	map->slot_state[*slot] = SLOT_LENT;
	map->table[i].region = region;
	map->table[i].slot = *slot;
	map->lent++;
	return ADDRMAP_OK;
}

enum addrmap_status addrmap_page_slow(struct addrmap *map, uint64_t page, uint32_t *vpn)
{
	uint64_t region = page >> map->region_shift;
	uint32_t slot;
	enum addrmap_status st;

	if (page < map->low_pages) {
		if (map->slot_state[region] == SLOT_LENT)
			return ADDRMAP_COLLISION;
		map->slot_state[region] = SLOT_LOW;
		slot = (uint32_t)region;
	} else if (map->reject_high) {
		return ADDRMAP_HIGH_REJECTED;
	} else if ((st = lend_slot(map, region, &slot)) != ADDRMAP_OK) {
		return st;
	}
	map->cache[region & (ADDRMAP_CACHE - 1)] = (struct addrmap_cached){
		.region = region,
		.delta = ((uint64_t)slot - region) << map->region_shift,
	};
	*vpn = (uint32_t)(((uint64_t)slot << map->region_shift) |
			  (page & (((uint64_t)1 << map->region_shift) - 1)));
	return ADDRMAP_OK;
}

bool addrmap_slot_region(const struct addrmap *map, uint32_t slot, uint64_t *region)
{
	if (slot >= ADDRMAP_SLOTS || map->slot_state[slot] != SLOT_LENT)
		return false;
	for (size_t i = 0; i < TABLE_SIZE; i++) {
		if (map->table[i].region != 0 && map->table[i].slot == slot) {
			*region = map->table[i].region;
			return true;
		}
	}
	return false;
}

uint64_t addrmap_unmap(const struct addrmap *map, uint32_t vpn)
{
	uint32_t slot = vpn >> map->region_shift;
	uint64_t region;

	if (!addrmap_slot_region(map, slot, &region))
		return vpn;
	return region << map->region_shift | (vpn & (((uint64_t)1 << map->region_shift) - 1));
}

const char *addrmap_strerror(enum addrmap_status st)
{
	switch (st) {
	case ADDRMAP_OK:
		return "no error";
	case ADDRMAP_HIGH_REJECTED:
		return "lies at or above 4 GiB (--reject-high refuses it)";
	case ADDRMAP_COLLISION:
		return "lies below 4 GiB in a 4 MiB slot already lent to a region above 4 GiB";
	case ADDRMAP_FULL:
		return "needs a 4 MiB slot, but all 1024 are taken: the 32-bit space is full";
	}
	return "unknown address-map error";
}
