/* scan.h - character tables shared by the trace readers (private). */
#ifndef VMTRACE_SCAN_H
#define VMTRACE_SCAN_H

#include <stddef.h>
#include <stdint.h>

/* A hex digit's value plus one, or 0 for any other byte. */
extern const uint8_t scan_hex[256];

static inline int scan_is_digit(unsigned char c)
{
	return (unsigned)(c - '0') < 10u;
}

/* Copy up to size-1 bytes of a line for a message, stopping at a line end,
 * with control bytes shown as '?'. */
void scan_excerpt(char *dst, size_t size, const char *src, size_t len);

#endif
