/* lineindex.c - indexing the newlines of a block of text. */
#include <string.h>

#include "lineindex.h"

#if defined(__SSE2__)
#include <emmintrin.h>

/* Bit i set where p[i] is '\n', for 16 bytes. */
static inline unsigned newlines16(const unsigned char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);

	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
}
#else
static inline unsigned newlines16(const unsigned char *p)
{
	unsigned nl = 0;

	for (unsigned i = 0; i < 16; i++)
		nl |= (unsigned)(p[i] == '\n') << i;
	return nl;
}
#endif

size_t index_lines(const unsigned char *base, size_t len, struct line_ix *ix, size_t max)
{
	size_t n = 0;
	uint32_t start = 0;

	for (size_t i = 0; i < len && n < max; i += 16) {
		unsigned nl = newlines16(base + i);

		if (len - i < 16)
			nl &= (1u << (len - i)) - 1;
		while (nl) {
			uint32_t pos = (uint32_t)i + (uint32_t)__builtin_ctz(nl);
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
