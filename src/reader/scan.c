/* scan.c - character tables shared by the trace readers. */
#include <stddef.h>
#include <stdint.h>

#include "scan.h"
#include "trace.h"

/* Digit value plus one, so the zero default means "not a hex digit". */
#define H(c, v) [c] = (v) + 1
const uint8_t scan_hex[256] = {
	H('0', 0), H('1', 1), H('2', 2), H('3', 3), H('4', 4),
	H('5', 5), H('6', 6), H('7', 7), H('8', 8), H('9', 9),
	H('a', 10), H('b', 11), H('c', 12), H('d', 13), H('e', 14), H('f', 15),
	H('A', 10), H('B', 11), H('C', 12), H('D', 13), H('E', 14), H('F', 15),
};
#undef H

void scan_excerpt(char *dst, size_t size, const char *src, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < size && i < len; i++) {
		unsigned char c = (unsigned char)src[i];
		if (c == '\n' || c == '\r')
			break;
		dst[i] = (c < 0x20 || c >= 0x7f) ? '?' : (char)c;
	}
	dst[i] = '\0';
}

enum scan_number_status scan_number(const char *s, size_t len, uint64_t *value, size_t *used)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len, *start;
	uint64_t v = 0;

	if (e - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && scan_hex[p[2]]) {
		for (start = p += 2; p < e && scan_hex[*p]; p++) {
			if (v >> 60)
				return SCAN_NUMBER_OVERFLOW;
			v = v << 4 | (uint64_t)(scan_hex[*p] - 1);
		}
	} else {
		for (start = p; p < e && scan_is_digit(*p); p++) {
			uint64_t d = (uint64_t)(*p - '0');
			if (v > (UINT64_MAX - d) / 10)
				return SCAN_NUMBER_OVERFLOW;
			v = v * 10 + d;
		}
		if (p == start)
			return SCAN_NUMBER_NONE;
	}
	*value = v;
	*used = (size_t)(p - (const unsigned char *)s);
	return SCAN_NUMBER_OK;
}

void scan_note_page(struct trace_reader *r, struct page_range *pr, uint64_t page)
{
	if (!r->sum.any_addr || page < pr->min)
		pr->min = page;
	if (!r->sum.any_addr || page > pr->max)
		pr->max = page;
	r->sum.any_addr = true;
}

/* Page numbers become the addresses they stand for: the first byte of the
 * lowest page, the last byte of the highest, as lackey traces report. */
void scan_page_range_done(struct trace_reader *r, const struct page_range *pr)
{
	unsigned sh = r->opt.page_shift;

	if (!r->sum.any_addr)
		return;
	r->sum.min_addr = pr->min >> (64 - sh) ? UINT64_MAX : pr->min << sh;
	r->sum.max_addr = pr->max >> (64 - sh) ? UINT64_MAX
						: (pr->max << sh) | ((UINT64_C(1) << sh) - 1);
}
