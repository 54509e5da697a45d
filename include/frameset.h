/* frameset.h - a bit per frame, and the cyclic searches clock hands need.
 *
 * Policies that rank frames by the x86 accessed and dirty bits (NRU, ESC,
 * WSClock) keep those bits, and bits of their own ("old"), as bit sets, so
 * that "the first frame at or after the hand whose A is 0 and D is 0" is a
 * scan of frames/64 words instead of one PTE per frame.
 */
#ifndef VMTRACE_FRAMESET_H
#define VMTRACE_FRAMESET_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

struct frameset {
	uint64_t *w;
	uint32_t n, nwords;
};

/* All bits clear.  Return: 0, or -1 when out of memory. */
static inline int frameset_init(struct frameset *s, uint32_t frames)
{
	s->n = frames;
	s->nwords = (frames + 63) / 64;
	s->w = calloc(s->nwords ? s->nwords : 1, sizeof(uint64_t));
	return s->w ? 0 : -1;
}

static inline void frameset_release(struct frameset *s)
{
	free(s->w);
	s->w = NULL;
}

static inline void frameset_set(struct frameset *s, uint32_t f)
{
	s->w[f >> 6] |= UINT64_C(1) << (f & 63);
}

static inline void frameset_clear(struct frameset *s, uint32_t f)
{
	s->w[f >> 6] &= ~(UINT64_C(1) << (f & 63));
}

static inline int frameset_test(const struct frameset *s, uint32_t f)
{
	return (int)(s->w[f >> 6] >> (f & 63) & 1);
}

static inline void frameset_clear_all(struct frameset *s)
{
	memset(s->w, 0, sizeof(uint64_t) * s->nwords);
}

/* Clear the bits of frames lo .. hi-1 (lo <= hi <= n). */
static inline void frameset_clear_range(struct frameset *s, uint32_t lo, uint32_t hi)
{
	while (lo < hi) {
		uint32_t i = lo >> 6, end = (i + 1) * 64 < hi ? (i + 1) * 64 : hi;
		uint64_t bits = end - lo == 64 ? ~UINT64_C(0)
					       : ((UINT64_C(1) << (end - lo)) - 1) << (lo & 63);
		s->w[i] &= ~bits;
		lo = end;
	}
}

/* Word i of (a XOR xa) AND (b XOR xb), without the bits past the last frame.
 * xa, xb are 0 (take the set) or ~0 (take its complement); b may be NULL. */
static inline uint64_t frameset_word(const struct frameset *a, uint64_t xa,
				     const struct frameset *b, uint64_t xb, uint32_t i)
{
	uint64_t v = (a->w[i] ^ xa) & (b ? b->w[i] ^ xb : ~UINT64_C(0));

	if (i == a->nwords - 1 && (a->n & 63))
		v &= (UINT64_C(1) << (a->n & 63)) - 1;
	return v;
}

/*
 * frameset_find - the first frame f at or after from, going round past the
 * last frame to frame 0, whose bit is set in (a ^ xa) & (b ^ xb).
 * Return: that frame, or NO_FRAME if there is none.
 */
static inline uint32_t frameset_find(const struct frameset *a, uint64_t xa,
				     const struct frameset *b, uint64_t xb, uint32_t from)
{
	uint32_t i = from >> 6;
	uint64_t v = frameset_word(a, xa, b, xb, i) & (~UINT64_C(0) << (from & 63));

	/* nwords + 1 words: the first one is seen again, for the bits below from. */
	for (uint32_t k = 0; k <= a->nwords; k++) {
		if (v) {
			uint32_t f = i * 64 + (uint32_t)__builtin_ctzll(v);
			if (k < a->nwords || f < from)
				return f;
			return NO_FRAME;
		}
		i = i + 1 == a->nwords ? 0 : i + 1;
		v = frameset_word(a, xa, b, xb, i);
	}
	return NO_FRAME;
}

#endif
