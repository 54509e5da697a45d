/* swar.h - reading several text bytes at once in a 64-bit word (private).
 *
 * "SIMD within a register": the lackey fast path loads 8 bytes at a time
 * and finds delimiters, checks digits and converts numbers with word-wide
 * arithmetic instead of a loop whose exit the CPU cannot predict (addresses
 * are 8 or 10 hex digits, sizes 1 or 2 decimal digits, at random).  Callers
 * must be able to read 16 bytes past any position they pass (source.h
 * keeps SOURCE_PAD bytes after the data).
 */
#ifndef VMTRACE_SWAR_H
#define VMTRACE_SWAR_H

#include <stdint.h>
#include <string.h>

#define SWAR_ONES  UINT64_C(0x0101010101010101)
#define SWAR_HIGHS UINT64_C(0x8080808080808080)
#define SWAR_LOWS  UINT64_C(0x0f0f0f0f0f0f0f0f)

/* 8 bytes at p, byte p[0] in the least significant position. */
static inline uint64_t swar_load(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/* Index of the first byte equal to c, or 8 if none. */
static inline unsigned swar_find(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (SWAR_ONES * c);
	uint64_t z = (x - SWAR_ONES) & ~x & SWAR_HIGHS;

	return z ? (unsigned)__builtin_ctzll(z) >> 3 : 8;
}

/* Mask of the first n bytes (n = 0..8). */
static inline uint64_t swar_prefix(unsigned n)
{
	return n >= 8 ? UINT64_MAX : (UINT64_C(1) << (8 * n)) - 1;
}

/* 0x80 in every byte that is >= lo and < hi (ASCII only; lo < hi <= 0x80). */
static inline uint64_t swar_in_range(uint64_t w, unsigned char lo, unsigned char hi)
{
	uint64_t w7 = w & ~SWAR_HIGHS;
	uint64_t ge_lo = (w7 + SWAR_ONES * (0x80u - lo)) & SWAR_HIGHS;
	uint64_t ge_hi = (w7 + SWAR_ONES * (0x80u - hi)) & SWAR_HIGHS;

	return ge_lo & ~ge_hi & ~w;
}

/* Lowercase hex digits: 0x80 in each byte that is [0-9a-f]. */
static inline uint64_t swar_hex_digits(uint64_t w)
{
	return swar_in_range(w, '0', '9' + 1) | swar_in_range(w, 'a', 'f' + 1);
}

/* Eight hex digit values (one per byte, first digit in byte 0) -> 32 bits. */
static inline uint64_t swar_pack_nibbles(uint64_t nib)
{
	uint64_t x = __builtin_bswap64(nib);   /* first digit most significant */

	x = (x | x >> 4) & UINT64_C(0x00ff00ff00ff00ff);
	x = (x | x >> 8) & UINT64_C(0x0000ffff0000ffff);
	return (x | x >> 16) & UINT64_C(0xffffffff);
}

#if defined(__SSE2__)
#include <emmintrin.h>

/*
 * swar_hex_field - the lowercase hex number at p that ends at a comma
 * within 16 bytes.
 * Return: 1 with *val and its digit count *n (1..15), or 0 if there is no
 * such comma or a byte before it is not a digit.
 * With SSE2 the 16 bytes are searched, checked and converted in one vector.
 */
static inline int swar_hex_field(const unsigned char *p, unsigned *np, uint64_t *val)
{
	const __m128i iota = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	unsigned commas = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')));
	unsigned n = commas ? (unsigned)__builtin_ctz(commas) : 0;
	__m128i in = _mm_cmpgt_epi8(_mm_set1_epi8((char)n), iota);
	/* Signed compares: bytes >= 0x80 are negative, so never digits. */
	__m128i dig = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
				    _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
	__m128i let = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)),
				    _mm_cmplt_epi8(v, _mm_set1_epi8('f' + 1)));
	__m128i nib, pairs;
	uint64_t x;

	if (n == 0 || _mm_movemask_epi8(_mm_andnot_si128(_mm_or_si128(dig, let), in)))
		return 0;
	nib = _mm_add_epi8(_mm_and_si128(v, _mm_set1_epi8(0x0f)),
			   _mm_and_si128(let, _mm_set1_epi8(9)));
	nib = _mm_and_si128(nib, in);
	/* Digit pairs into bytes (first digit high), then 16 digits into 64 bits. */
	pairs = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(nib, _mm_set1_epi16(0x00ff)), 4),
			     _mm_srli_epi16(nib, 8));
	x = (uint64_t)_mm_cvtsi128_si64(_mm_packus_epi16(pairs, pairs));
	*val = __builtin_bswap64(x) >> (4 * (16 - n));
	*np = n;
	return 1;
}
#else
/* As above, eight bytes at a time. */
static inline int swar_hex_field(const unsigned char *p, unsigned *np, uint64_t *val)
{
	uint64_t a = swar_load(p), b = swar_load(p + 8);
	unsigned n = swar_find(a, ',');
	if (n == 8)
		n = 8 + swar_find(b, ',');
	if (n == 0 || n == 16)
		return 0;
	*np = n;
	uint64_t ma = swar_prefix(n), mb = swar_prefix(n > 8 ? n - 8 : 0);
	uint64_t ok = (swar_hex_digits(a) | ~ma) & (swar_hex_digits(b) | ~mb) & SWAR_HIGHS;
	uint64_t na = ((a & SWAR_LOWS) + 9 * ((a >> 6) & SWAR_ONES)) & ma;
	uint64_t nb = ((b & SWAR_LOWS) + 9 * ((b >> 6) & SWAR_ONES)) & mb;
	uint64_t full = swar_pack_nibbles(na) << 32 | swar_pack_nibbles(nb);

	*val = full >> (4 * (16 - n));
	return ok == SWAR_HIGHS;
}
#endif

/*
 * swar_dec - the value of the n (1..8) decimal digits at p.
 * Return: 1 and *val, or 0 if any of the n bytes is not a digit.
 */
static inline int swar_dec(const unsigned char *p, unsigned n, uint64_t *val)
{
	uint64_t w = swar_load(p);
	uint64_t m = swar_prefix(n);
	uint64_t ok = (swar_in_range(w, '0', '9' + 1) | ~m) & SWAR_HIGHS;
	/* Right-align: the last digit to byte 7, zeros (leading "0"s) below. */
	uint64_t x = ((w & m) - (SWAR_ONES * '0' & m)) << (8 * (8 - n));

	/* Combine neighbours: pairs (x10), then quads (x100), then halves. */
	x = (x * 10 + (x >> 8)) & UINT64_C(0x00ff00ff00ff00ff);
	x = (x * 100 + (x >> 16)) & UINT64_C(0x0000ffff0000ffff);
	x = (x * 10000 + (x >> 32)) & UINT64_C(0xffffffff);
	*val = x;
	return ok == SWAR_HIGHS;
}

#endif
