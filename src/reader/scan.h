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

enum scan_number_status {
	SCAN_NUMBER_OK,
	SCAN_NUMBER_NONE,      /* no digit where a number should start */
	SCAN_NUMBER_OVERFLOW,  /* beyond 64 bits */
};

/* A decimal number, or hex after 0x, at the start of p[0..len); *used says
 * how many bytes it took (what follows is the caller's business). */
enum scan_number_status scan_number(const char *p, size_t len, uint64_t *value, size_t *used);

/* Readers of page numbers (seq, events): the lowest and highest page
 * seen, which become the summary's address range at the end. */
struct trace_reader;
struct page_range {
	uint64_t min, max;
};
void scan_note_page(struct trace_reader *r, struct page_range *pr, uint64_t page);
void scan_page_range_done(struct trace_reader *r, const struct page_range *pr);

#endif
