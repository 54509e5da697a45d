/* tlb.c - the TLB model's set-up, parsing and shoot-downs (tlb.h). */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "options.h"
#include "tlb.h"


int tlb_new(struct tlb **out, uint32_t entries, uint32_t ways, uint32_t pages)
{
	struct tlb *t = calloc(1, sizeof(*t));

	*out = NULL;
	if (!t)
		return vt_error(VT_SOFTWARE, "out of memory");
	t->ways = ways;
	t->sets = entries / ways;
	t->set_mask = t->sets - 1;
	t->tag = malloc(sizeof(*t->tag) * entries);
	t->prev = malloc(sizeof(*t->prev) * entries);
	t->next = malloc(sizeof(*t->next) * entries);
	t->head = malloc(sizeof(*t->head) * t->sets);
	t->tail = malloc(sizeof(*t->tail) * t->sets);
	/* calloc: the pages never touched cost no memory. */
	t->hint = calloc(pages, sizeof(*t->hint));
	if (!t->tag || !t->prev || !t->next || !t->head || !t->tail || !t->hint) {
		tlb_free(t);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	tlb_flush(t);
	*out = t;
	return 0;
}

void tlb_free(struct tlb *t)
{
	if (!t)
		return;
	free(t->tag);
	free(t->prev);
	free(t->next);
	free(t->head);
	free(t->tail);
	free(t->hint);
	free(t);
}

int tlb_parse(const char *arg, uint32_t *entries, uint32_t *ways)
{
	const char *colon = strchr(arg, ':');
	char num[24];
	uint64_t e, w;
	int err;

	if (colon) {
		if ((size_t)(colon - arg) >= sizeof(num))
			return vt_error(VT_USAGE, "--tlb: '%s' is not ENTRIES[:WAYS]", arg);
		memcpy(num, arg, (size_t)(colon - arg));
		num[colon - arg] = '\0';
	}
	if ((err = opt_parse_u64("--tlb", colon ? num : arg, 1, TLB_MAX_ENTRIES, &e)))
		return err;
	w = e;
	if (colon && (err = opt_parse_u64("--tlb WAYS", colon + 1, 1, e, &w)))
		return err;
	if (e % w != 0 || ((e / w) & (e / w - 1)) != 0)
		return vt_error(VT_USAGE, "--tlb: %llu entries in %llu ways make %s sets; the sets "
				"must be a whole power of two (e.g. 64:4)", (unsigned long long)e,
				(unsigned long long)w, e % w ? "a fraction of" : "a non-power-of-two number of");
	*entries = (uint32_t)e;
	*ways = (uint32_t)w;
	return 0;
}

void tlb_shootdown(struct tlb *t, uint32_t vpn)
{
	uint32_t set = vpn & t->set_mask, base = set * t->ways;
	uint16_t w = t->hint[vpn];

	if (t->tag[base + w] != vpn)
		return;
	t->tag[base + w] = TLB_EMPTY;
	t->shootdowns++;
	/* The freed way is the next to fill: move it to the LRU end. */
	if (t->tail[set] == w)
		return;
	{
		uint16_t p = t->prev[base + w], n = t->next[base + w];
		if (t->head[set] == w)
			t->head[set] = n;
		else
			t->next[base + p] = n;
		t->prev[base + n] = p;
	}
	t->prev[base + w] = t->tail[set];
	t->next[base + t->tail[set]] = w;
	t->tail[set] = w;
}

void tlb_refill(struct tlb *t, uint32_t old, uint32_t key)
{
	uint64_t hits = t->hits, misses = t->misses, shootdowns = t->shootdowns;

	tlb_shootdown(t, old);
	tlb_access(t, key);
	t->hits = hits;
	t->misses = misses;
	t->shootdowns = shootdowns;
}

void tlb_flush(struct tlb *t)
{
	for (uint32_t s = 0; s < t->sets; s++) {
		uint32_t base = s * t->ways;
		for (uint32_t w = 0; w < t->ways; w++) {
			t->tag[base + w] = TLB_EMPTY;
			t->prev[base + w] = (uint16_t)(w ? w - 1 : 0);
			t->next[base + w] = (uint16_t)(w + 1 < t->ways ? w + 1 : 0);
		}
		t->head[s] = 0;
		t->tail[s] = (uint16_t)(t->ways - 1);
	}
}
