/* swap.c - swap slots, their use counts, and the zswap pool (swap.h).
 *
 * Free slots are kept on a stack, so allocation and release are O(1) and
 * which slot a page gets never changes a count.  Slots never handed out
 * are taken from a cursor, and the per-slot arrays grow with it, so a
 * large area costs nothing until it is used (belady builds thousands of
 * machines for strings of a dozen references).
 * The zswap pool is a FIFO of slots threaded through two arrays: storing
 * appends, a full pool writes its oldest entry back to the device, freeing
 * a slot unlinks it wherever it is.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "swap.h"

enum where { NOWHERE = 0, ON_DEVICE = 1, IN_POOL = 2 };

struct swap_area {
	uint32_t nslots;
	uint32_t cap;           /* slots the arrays have room for */
	bool pool;
	uint32_t cursor;        /* slots below it have been handed out once */
	uint32_t *free_stack;
	uint32_t nfree;
	uint32_t used;
	uint16_t *swap_map;     /* use count per slot */
	uint8_t *where;         /* enum where, per slot */
	/* zswap */
	uint64_t pool_cap;      /* compressed pages the pool holds */
	uint64_t pool_n;
	uint32_t *prev, *next;  /* FIFO links per slot; NO_SLOT ends */
	uint32_t head, tail;    /* oldest, newest */
	struct swap_counters c;
};

int swap_new(struct swap_area **out, const struct swap_config *cfg)
{
	struct swap_area *s = calloc(1, sizeof(*s));

	*out = NULL;
	if (!s)
		return vt_error(VT_SOFTWARE, "out of memory");
	s->nslots = cfg->slots;
	s->head = s->tail = NO_SLOT;
	s->pool = cfg->zswap_pages != 0;
	if (s->pool)
		s->pool_cap = (uint64_t)((double)cfg->zswap_pages * cfg->zswap_ratio);
	*out = s;
	return 0;
}

#define GROW(p, n) \
	((tmp = realloc((p), sizeof(*(p)) * (n))) ? ((p) = tmp, 1) : 0)

/* Room for slots up to n (n <= nslots).  Return: false out of memory. */
static bool grow(struct swap_area *s, uint32_t n)
{
	void *tmp;

	if (!GROW(s->free_stack, n) || !GROW(s->swap_map, n) || !GROW(s->where, n))
		return false;
	if (s->pool && (!GROW(s->prev, n) || !GROW(s->next, n)))
		return false;
	s->cap = n;
	return true;
}

void swap_free(struct swap_area *s)
{
	if (!s)
		return;
	free(s->free_stack);
	free(s->swap_map);
	free(s->where);
	free(s->prev);
	free(s->next);
	free(s);
}

static void pool_unlink(struct swap_area *s, uint32_t slot)
{
	uint32_t p = s->prev[slot], n = s->next[slot];

	if (p != NO_SLOT)
		s->next[p] = n;
	else
		s->head = n;
	if (n != NO_SLOT)
		s->prev[n] = p;
	else
		s->tail = p;
	s->pool_n--;
}

static void pool_append(struct swap_area *s, uint32_t slot)
{
	s->prev[slot] = s->tail;
	s->next[slot] = NO_SLOT;
	if (s->tail != NO_SLOT)
		s->next[s->tail] = slot;
	else
		s->head = slot;
	s->tail = slot;
	s->pool_n++;
}

uint32_t swap_alloc(struct swap_area *s)
{
	uint32_t slot;

	if (s->nfree) {
		slot = s->free_stack[--s->nfree];
	} else if (s->cursor < s->nslots) {
		if (s->cursor == s->cap) {
			uint32_t want = s->cap < 1024 ? 1024 : s->cap * 2;
			if (!grow(s, want < s->nslots ? want : s->nslots))
				return SWAP_NOMEM;
		}
		slot = s->cursor++;
	} else {
		return NO_SLOT;
	}
	s->swap_map[slot] = 1;
	s->where[slot] = NOWHERE;
	if (++s->used > s->c.max_used)
		s->c.max_used = s->used;
	return slot;
}

void swap_dup(struct swap_area *s, uint32_t slot)
{
	s->swap_map[slot]++;
}

void swap_put(struct swap_area *s, uint32_t slot)
{
	if (--s->swap_map[slot])
		return;
	if (s->where[slot] == IN_POOL)
		pool_unlink(s, slot);
	s->where[slot] = NOWHERE;
	s->free_stack[s->nfree++] = slot;
	s->used--;
}

void swap_write(struct swap_area *s, uint32_t slot)
{
	if (s->where[slot] == IN_POOL)
		pool_unlink(s, slot);
	if (!s->pool_cap) {
		s->c.device_writes++;
		s->where[slot] = ON_DEVICE;
		return;
	}
	while (s->pool_n >= s->pool_cap) {
		uint32_t old = s->head;
		pool_unlink(s, old);
		s->where[old] = ON_DEVICE;
		s->c.zswap_writebacks++;
	}
	pool_append(s, slot);
	s->where[slot] = IN_POOL;
	s->c.zswap_stores++;
}

void swap_read(struct swap_area *s, uint32_t slot)
{
	if (s->where[slot] == IN_POOL)
		s->c.zswap_loads++;
	else
		s->c.device_reads++;
}

uint32_t swap_used(const struct swap_area *s)
{
	return s->used;
}

uint32_t swap_count(const struct swap_area *s, uint32_t slot)
{
	return slot < s->cursor ? s->swap_map[slot] : 0;
}

const struct swap_counters *swap_counters(const struct swap_area *s)
{
	return &s->c;
}

uint32_t swap_entry_pte(uint32_t slot)
{
	uint32_t type = slot >> SWAP_OFFSET_BITS, offset = slot & ((1u << SWAP_OFFSET_BITS) - 1);

	return offset << PTE_FRAME_SHIFT | type << PTE_SWAP_TYPE_SHIFT | PTE_SWAP;
}

uint32_t swap_entry_slot(uint32_t pte)
{
	uint32_t type = (pte >> PTE_SWAP_TYPE_SHIFT) & (SWAP_TYPES - 1);

	return type << SWAP_OFFSET_BITS | pte >> PTE_FRAME_SHIFT;
}
