/* aging.c - aging counters, and NFU as their limit (Tanenbaum, Modern
 * Operating Systems, 3.4.7).
 *
 * Theory: each resident page has a counter and an R bit (the x86 accessed
 * bit: set when the page is loaded and on every hit).  Every `tick`
 * references, just before the references at times tick, 2*tick, ...
 * (0-based), every resident page's counter takes in its R bit and R is
 * cleared:
 *   aging, k = `bits` (1..64):  counter = counter >> 1 | R << (k-1)
 *   NFU,   bits = 0 (k = infinity, nothing is ever forgotten):
 *                               counter = counter + R
 * A page's counter is 0 when it is loaded (its R is 1).  The victim is the
 * page with the smallest counter; among equal counters, the page loaded
 * earliest.  With tick = 1 and bits = 64, aging is LRU as long as every
 * resident page was referenced in the last 64 references.
 *
 * Structure.  Counters change only at a tick, so after a tick the resident
 * pages are sorted once by (counter, load time) -- a stable radix sort by
 * counter of the pages in load order, a byte per pass -- and victims are
 * taken from the front.  Pages loaded since that sort have counter 0 and
 * the latest load times: they queue after the sorted pages of counter 0 and
 * before the others.  A victim is O(1); a tick is O(frames), once per
 * tick, the sort done at the first fault after it.  Not a stack algorithm.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "flist.h"
#include "policy.h"

struct aging {
	unsigned bits;            /* 0: NFU */
	uint64_t tick, next_tick;
	uint64_t *count;
	uint8_t *r;
	struct flink link;
	struct flist loads;       /* resident frames, newest load at the head */
	uint32_t *sorted, *tmp;   /* sorted[cursor .. nsorted): by (count, load) */
	uint32_t nsorted, cursor;
	bool stale;               /* a tick since the sort */
	uint32_t *fresh;          /* ring of frames loaded since the sort */
	uint32_t fresh_head, fresh_n, frames;
};

static void aging_release(struct policy *p)
{
	struct aging *a = (struct aging *)p;

	free(a->count);
	free(a->r);
	flink_release(&a->link);
	free(a->sorted);
	free(a->tmp);
	free(a->fresh);
	free(a);
}

static int aging_init(struct policy **out, const struct policy_env *env)
{
	struct aging *a = calloc(1, sizeof(*a));
	uint32_t n = env->frames ? env->frames : 1;

	if (!a)
		return vt_error(VT_SOFTWARE, "out of memory");
	a->bits = (unsigned)env->param[0];
	a->tick = a->next_tick = env->param[1];
	a->frames = env->frames;
	a->stale = true;
	flist_init(&a->loads);
	a->count = calloc(n, sizeof(*a->count));
	a->r = calloc(n, 1);
	a->sorted = malloc(sizeof(uint32_t) * n);
	a->tmp = malloc(sizeof(uint32_t) * n);
	a->fresh = malloc(sizeof(uint32_t) * n);
	if (!a->count || !a->r || !a->sorted || !a->tmp || !a->fresh ||
	    flink_init(&a->link, env->frames)) {
		aging_release((struct policy *)a);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	*out = (struct policy *)a;
	return 0;
}

/* The clock interrupt before the reference at t.  Frames 0 .. resident-1
 * hold pages: a fixed allocation fills them in order and never frees one
 * (a victim's frame is loaded again at once). */
static void aging_tick(struct aging *a, uint64_t t)
{
	if (t < a->next_tick)
		return;
	for (uint32_t f = 0; f < a->loads.n; f++) {
		if (a->bits == 0)
			a->count[f] += a->r[f];
		else
			a->count[f] = a->count[f] >> 1 | (uint64_t)a->r[f] << (a->bits - 1);
		a->r[f] = 0;
	}
	a->next_tick = (t / a->tick + 1) * a->tick;
	a->stale = true;
}

/* Sort the resident frames by (counter, load time) into sorted[]. */
static void aging_sort(struct aging *a)
{
	uint32_t n = 0, *src = a->sorted, *dst = a->tmp;
	uint64_t most = 0;

	for (uint32_t f = a->loads.tail; f != NO_FRAME; f = a->link.prev[f]) {
		src[n++] = f;
		most |= a->count[f];
	}
	/* LSD radix by bytes, stable, so load order survives among equals. */
	for (unsigned shift = 0; shift < 64 && (most >> shift); shift += 8) {
		uint32_t start[257] = { 0 }, *sw;
		for (uint32_t i = 0; i < n; i++)
			start[(a->count[src[i]] >> shift & 0xff) + 1]++;
		for (unsigned b = 0; b < 256; b++)
			start[b + 1] += start[b];
		for (uint32_t i = 0; i < n; i++)
			dst[start[a->count[src[i]] >> shift & 0xff]++] = src[i];
		sw = src;
		src = dst;
		dst = sw;
	}
	if (src != a->sorted)
		memcpy(a->sorted, src, sizeof(uint32_t) * n);
	a->nsorted = n;
	a->cursor = 0;
	a->fresh_n = 0;
	a->stale = false;
}

static void aging_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	struct aging *a = (struct aging *)p;

	aging_tick(a, t);
	a->r[frame] = 1;
}

static void aging_load(struct policy *p, uint32_t frame, uint64_t t)
{
	struct aging *a = (struct aging *)p;

	aging_tick(a, t);
	a->count[frame] = 0;
	a->r[frame] = 1;
	flist_push_head(&a->link, &a->loads, frame);
	if (!a->stale) {
		uint32_t i = a->fresh_head + a->fresh_n;
		a->fresh[i >= a->frames ? i - a->frames : i] = frame;
		a->fresh_n++;
	}
}

static uint32_t aging_victim(struct policy *p, uint64_t t)
{
	struct aging *a = (struct aging *)p;
	uint32_t f;

	aging_tick(a, t);
	if (a->stale)
		aging_sort(a);
	if (a->fresh_n && (a->cursor == a->nsorted || a->count[a->sorted[a->cursor]] != 0)) {
		f = a->fresh[a->fresh_head];
		a->fresh_head = a->fresh_head + 1 == a->frames ? 0 : a->fresh_head + 1;
		a->fresh_n--;
	} else {
		f = a->sorted[a->cursor++];
	}
	flist_unlink(&a->link, &a->loads, f);
	return f;
}

static const struct policy_param aging_params[] = {
	{ "bits", 8, 0, 64, "counter width k; 0: unbounded counts, NFU" },
	{ "tick", 1000, 1, UINT64_MAX, "references between counter updates" },
	{ NULL, 0, 0, 0, NULL },
};

const struct policy_ops policy_aging = {
	.name = "aging",
	.summary = "aging: evict the smallest k-bit history of R bits (bits=0: NFU counts)",
	.params = aging_params,
	.init = aging_init,
	.release = aging_release,
	.hit = aging_hit,
	.load = aging_load,
	.victim = aging_victim,
};
