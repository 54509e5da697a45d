/* tlb.c - the TLB model's set-up, parsing and shoot-downs (tlb.h). */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "options.h"
#include "tlb.h"

#define TLB_MAX_ENTRIES 65536u

int tlb_new(struct tlb **out, uint32_t entries, uint32_t ways)
{
	struct tlb *t = calloc(1, sizeof(*t));

	*out = NULL;
	if (!t)
		return vt_error(VT_SOFTWARE, "out of memory");
	t->ways = ways;
	t->sets = entries / ways;
	t->set_mask = t->sets - 1;
	t->tag = malloc(sizeof(*t->tag) * entries);
	if (!t->tag) {
		free(t);
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
	uint32_t *set = t->tag + (size_t)(vpn & t->set_mask) * t->ways;

	for (uint32_t i = 0; i < t->ways; i++) {
		if (set[i] != vpn)
			continue;
		/* Later entries move up; the freed way becomes the LRU one. */
		memmove(set + i, set + i + 1, sizeof(*set) * (t->ways - 1 - i));
		set[t->ways - 1] = TLB_EMPTY;
		t->shootdowns++;
		return;
	}
}

void tlb_flush(struct tlb *t)
{
	for (size_t i = 0; i < (size_t)t->sets * t->ways; i++)
		t->tag[i] = TLB_EMPTY;
}
