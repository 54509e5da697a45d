/* swar.h - reading 16 or 64 text bytes at once (private).
 *
 * The lackey fast path finds newlines 64 bytes at a step, and checks and
 * converts a record's hex address 16 bytes at a step, with vector (SSE2)
 * arithmetic instead of a loop per byte, whose exit the CPU cannot predict
 * (addresses are 8 or 10 hex digits, at random).  Without SSE2, words of
 * 8 bytes ("SIMD within a register") and plain loops do the same.  Callers must be able to read 16 (or 64) bytes from any
 * position they pass (source.h keeps SOURCE_PAD bytes after the data).
 */
#ifndef VMTRACE_SWAR_H
#define VMTRACE_SWAR_H

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>

static inline __m128i swar_v16(const unsigned char *p)
{
	return _mm_loadu_si128((const __m128i *)(const void *)p);
}

static inline unsigned swar_eq16(__m128i v, char c)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
}

/* swar_newlines64 - bit i set where p[i] is '\n', for i < 64. */
static inline uint64_t swar_newlines64(const unsigned char *p)
{
	uint64_t m0 = swar_eq16(swar_v16(p), '\n'), m1 = swar_eq16(swar_v16(p + 16), '\n');
	uint64_t m2 = swar_eq16(swar_v16(p + 32), '\n'), m3 = swar_eq16(swar_v16(p + 48), '\n');

	return m0 | m1 << 16 | m2 << 32 | m3 << 48;
}

/*
 * swar_hex16 - p[0..16) read as 16 hex digits, the first most significant,
 * and in *hex a bit for each byte that is a lowercase hex digit (bit i for
 * p[i]).  A byte that is not a digit spoils only its own 4 bits, so a
 * caller with n digits shifts the rest out: swar_hex16(p) >> 4 * (16 - n).
 */
static inline uint64_t swar_hex16(const unsigned char *p, unsigned *hex)
{
	__m128i v = swar_v16(p);
	/* Signed compares: bytes >= 0x80 are negative, so never digits. */
	__m128i dig = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
				    _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
	__m128i let = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)),
				    _mm_cmplt_epi8(v, _mm_set1_epi8('f' + 1)));
	/* 'a'..'f' have low nibbles 1..6; any other byte keeps its own. */
	__m128i nib = _mm_add_epi8(_mm_and_si128(v, _mm_set1_epi8(0x0f)),
				   _mm_and_si128(let, _mm_set1_epi8(9)));
	/* Digit pairs into bytes (first digit high), then 16 digits into 64 bits. */
	__m128i pairs = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(nib, _mm_set1_epi16(0x00ff)), 4),
				     _mm_srli_epi16(nib, 8));

	*hex = (unsigned)_mm_movemask_epi8(_mm_or_si128(dig, let));
	return __builtin_bswap64((uint64_t)_mm_cvtsi128_si64(_mm_packus_epi16(pairs, pairs)));
}
#else
#define SWAR_ONES  UINT64_C(0x0101010101010101)
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

/* Eight hex digit values (one per byte, first digit in byte 0) -> 32 bits. */
static inline uint64_t swar_pack_nibbles(uint64_t nib)
{
	uint64_t x = __builtin_bswap64(nib);   /* first digit most significant */

	x = (x | x >> 4) & UINT64_C(0x00ff00ff00ff00ff);
	x = (x | x >> 8) & UINT64_C(0x0000ffff0000ffff);
	return (x | x >> 16) & UINT64_C(0xffffffff);
}

/* As above, a byte at a time and eight bytes at a time. */
static inline uint64_t swar_newlines64(const unsigned char *p)
{
	uint64_t m = 0;

	for (unsigned i = 0; i < 64; i++)
		m |= (uint64_t)(p[i] == '\n') << i;
	return m;
}

static inline uint64_t swar_hex16(const unsigned char *p, unsigned *hex)
{
	uint64_t a = swar_load(p), b = swar_load(p + 8);
	uint64_t na = ((a & SWAR_LOWS) + 9 * ((a >> 6) & SWAR_ONES)) & SWAR_LOWS;
	uint64_t nb = ((b & SWAR_LOWS) + 9 * ((b >> 6) & SWAR_ONES)) & SWAR_LOWS;

	*hex = 0;
	for (unsigned i = 0; i < 16; i++)
		if ((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f'))
			*hex |= 1u << i;
	return swar_pack_nibbles(na) << 32 | swar_pack_nibbles(nb);
}
#endif

#endif
