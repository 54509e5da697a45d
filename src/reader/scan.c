/* scan.c - character tables shared by the trace readers. */
#include <stddef.h>

#include "scan.h"

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
