/* tlb.h - a set-associative TLB with LRU replacement within each set.
 *
 * ENTRIES entries in ENTRIES / WAYS sets; a page's set is its page number
 * modulo the number of sets (the low bits, as hardware indexes).  Each set
 * keeps its pages most recent first, so a hit is a short scan from the
 * front and LRU order is the array order.  A miss costs a page walk and
 * fills the entry; evicting a page from memory shoots its entry down.
 */
#ifndef VMTRACE_TLB_H
#define VMTRACE_TLB_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define TLB_EMPTY UINT32_MAX

struct tlb {
	uint32_t sets, ways;
	uint32_t set_mask;      /* sets is a power of two */
	uint32_t *tag;          /* tag[set * ways + i], most recent first */
	uint64_t hits, misses, shootdowns;
};

/* Return: 0 with *out set, or an exit code after a message.  entries and
 * ways: entries a multiple of ways, entries / ways a power of two. */
int tlb_new(struct tlb **out, uint32_t entries, uint32_t ways);
void tlb_free(struct tlb *t);

/* Parse "ENTRIES[:WAYS]" for --tlb (WAYS defaults to ENTRIES: fully
 * associative).  Return: 0 or VT_USAGE after a message. */
int tlb_parse(const char *arg, uint32_t *entries, uint32_t *ways);

/* Look vpn up; on a miss, fill it in as the most recent entry of its set.
 * Return: true on a hit. */
static inline bool tlb_access(struct tlb *t, uint32_t vpn)
{
	uint32_t *set = t->tag + (size_t)(vpn & t->set_mask) * t->ways;
	uint32_t i;
	bool hit;

	if (set[0] == vpn) {
		t->hits++;
		return true;
	}
	for (i = 1; i < t->ways && set[i] != vpn; i++)
		;
	hit = i < t->ways;
	if (hit) {
		t->hits++;
	} else {
		t->misses++;
		i = t->ways - 1;
	}
	memmove(set + 1, set, sizeof(*set) * i);
	set[0] = vpn;
	return hit;
}

/* Drop vpn's entry, if any (its page left memory). */
void tlb_shootdown(struct tlb *t, uint32_t vpn);

/* Drop every entry (a context switch without tagged TLB entries). */
void tlb_flush(struct tlb *t);

#endif
