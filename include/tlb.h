/* tlb.h - a set-associative TLB with LRU replacement within each set.
 *
 * ENTRIES entries in ENTRIES / WAYS sets; a page's set is its page number
 * modulo the number of sets (the low bits, as hardware indexes).  Each set
 * keeps its ways on a doubly linked list, most recent first, so LRU order
 * costs O(1) a reference whatever the associativity; a per-page hint says
 * which way the page was last put in, and the tag there confirms it (a
 * stale hint is simply a miss).  A miss costs a page walk and fills the
 * set's LRU way; evicting a page from memory shoots its entry down.
 */
#ifndef VMTRACE_TLB_H
#define VMTRACE_TLB_H

#include <stdbool.h>
#include <stdint.h>

#define TLB_EMPTY UINT32_MAX
#define TLB_MAX_ENTRIES 65536u

struct tlb {
	uint32_t sets, ways;
	uint32_t set_mask;      /* sets is a power of two */
	uint32_t *tag;          /* tag[set * ways + way]: a page, or TLB_EMPTY */
	uint16_t *prev, *next;  /* per entry: ways of the set's LRU list */
	uint16_t *head, *tail;  /* per set: most and least recent way */
	uint16_t *hint;         /* per page: the way it was last put in */
	uint64_t hits, misses, shootdowns;
};

/* Return: 0 with *out set, or an exit code after a message.  entries and
 * ways: entries a multiple of ways, entries / ways a power of two; pages:
 * the size of the page-number space. */
int tlb_new(struct tlb **out, uint32_t entries, uint32_t ways, uint32_t pages);
void tlb_free(struct tlb *t);

/* Parse "ENTRIES[:WAYS]" for --tlb (WAYS defaults to ENTRIES: fully
 * associative).  Return: 0 or VT_USAGE after a message. */
int tlb_parse(const char *arg, uint32_t *entries, uint32_t *ways);

/* Make way w of the set at base the most recent. */
static inline void tlb_touch(struct tlb *t, uint32_t set, uint32_t base, uint16_t w)
{
	uint16_t p, n;

	if (t->head[set] == w)
		return;
	p = t->prev[base + w];
	n = t->next[base + w];
	t->next[base + p] = n;  /* w is not the head, so it has a prev */
	if (t->tail[set] == w)
		t->tail[set] = p;
	else
		t->prev[base + n] = p;
	t->next[base + w] = t->head[set];
	t->prev[base + t->head[set]] = w;
	t->head[set] = w;
}

/* Look vpn up; on a miss, fill it in as the most recent entry of its set.
 * Return: true on a hit. */
static inline bool tlb_access(struct tlb *t, uint32_t vpn)
{
	uint32_t set = vpn & t->set_mask, base = set * t->ways;
	uint16_t w = t->hint[vpn];

	if (t->tag[base + w] == vpn) {
		t->hits++;
		tlb_touch(t, set, base, w);
		return true;
	}
	t->misses++;
	w = t->tail[set];
	t->tag[base + w] = vpn;
	t->hint[vpn] = w;
	tlb_touch(t, set, base, w);
	return false;
}

/* Drop vpn's entry, if any (its page left memory). */
void tlb_shootdown(struct tlb *t, uint32_t vpn);

/* The walk that followed old's miss found a mapping tagged key instead
 * (a 4 MiB page): the entry filled for old holds key.  No counter moves:
 * the miss is counted already. */
void tlb_refill(struct tlb *t, uint32_t old, uint32_t key);
/* Drop every entry (a context switch without tagged TLB entries). */
void tlb_flush(struct tlb *t);

#endif
