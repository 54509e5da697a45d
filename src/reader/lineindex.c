/* lineindex.c - indexing the newlines of a block of text. */
#include <string.h>

#include "lineindex.h"

#if defined(__SSE2__)
#include <emmintrin.h>

/* Bit i set where p[i] is '\n', for 64 bytes. */
static inline uint64_t newlines64(const unsigned char *p)
{
	const __m128i nl = _mm_set1_epi8('\n');
	const __m128i *v = (const __m128i *)(const void *)p;
	uint64_t m0 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(v), nl));
	uint64_t m1 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(v + 1), nl));
	uint64_t m2 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(v + 2), nl));
	uint64_t m3 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(v + 3), nl));

	return m0 | m1 << 16 | m2 << 32 | m3 << 48;
}
#else
static inline uint64_t newlines64(const unsigned char *p)
{
	uint64_t m = 0;

	for (unsigned i = 0; i < 64; i++)
		m |= (uint64_t)(p[i] == '\n') << i;
	return m;
}
#endif

size_t index_lines(const unsigned char *base, size_t len, struct line_ix *ix, size_t max)
{
	size_t n = 0;
	uint32_t start = 0;

	for (size_t i = 0; i < len && n < max; i += 64) {
		uint64_t nl = newlines64(base + i);

		if (len - i < 64)
			nl &= (UINT64_C(1) << (len - i)) - 1;
		while (nl) {
			uint32_t pos = (uint32_t)i + (uint32_t)__builtin_ctzll(nl);
			nl &= nl - 1;
			ix[n].start = start;
			ix[n].end = pos;
			start = pos + 1;
			if (++n == max)
				return n;
		}
	}
	return n;
}
