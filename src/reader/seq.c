/* seq.c - reference strings: "1,2,3,4,1,2,5".
 *
 * Format (the man page says the same):
 *   - page numbers separated by commas and/or white space, across any
 *     number of lines;
 *   - decimal (17) or hexadecimal with 0x (0x11);
 *   - a suffix w or W marks a write ("3w"); r or R marks a read explicitly;
 *   - '#' starts a comment that runs to the end of the line.
 * A page number is a page, not an address: page p stands for the bytes
 * p << page_shift ... and goes through the same 4 GiB map as lackey
 * addresses (addrmap.h), so numbers beyond the 32-bit page space still
 * replay without aliasing.
 *
 * The scanner works on tokens, not lines, so a whole trace on one line (a
 * common way to paste a reference string) streams like any other.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "ref.h"
#include "scan.h"
#include "trace.h"

/* Longer than any valid token ("0x" + 16 digits + marker). */
#define TOKEN_MAX 64

static int is_sep(unsigned char c)
{
	return c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	       c == '\v' || c == '\f';
}

static int is_token_char(unsigned char c)
{
	return c != '\0' && c != '#' && !is_sep(c);
}

static int bad_token(struct trace_reader *r, const char *tok, size_t len, const char *why)
{
	char ex[TOKEN_MAX + 1];

	scan_excerpt(ex, sizeof(ex), tok, len);
	return vt_error(VT_DATAERR, "%s:%llu: %s '%s%s'", r->src.name,
			(unsigned long long)r->line, why, ex, len > TOKEN_MAX ? "..." : "");
}

struct seq_state {
	int in_comment;
	struct page_range pages;
};

static inline void count(struct trace_reader *r, uint64_t page, enum ref_kind kind)
{
	struct seq_state *st = r->state;

	r->sum.records++;
	r->sum.references++;
	if (kind == REF_WRITE)
		r->sum.writes++;
	else
		r->sum.reads++;
	scan_note_page(r, &st->pages, page);
}

/* Parse one complete token; emit its reference. */
static int parse_token(struct trace_reader *r, const char *tok, size_t len, uint32_t *out)
{
	const unsigned char *p, *e = (const unsigned char *)tok + len;
	uint64_t page = 0;
	enum ref_kind kind = REF_READ;
	uint32_t vpn;
	size_t used;
	int st;

	if (len > TOKEN_MAX)
		return bad_token(r, tok, len, "token too long:");
	switch (scan_number(tok, len, &page, &used)) {
	case SCAN_NUMBER_OVERFLOW:
		return bad_token(r, tok, len, "page number beyond 64 bits:");
	case SCAN_NUMBER_NONE:
		return bad_token(r, tok, len, "not a page number:");
	case SCAN_NUMBER_OK:
		break;
	}
	p = (const unsigned char *)tok + used;
	if (p < e) {
		if (e - p == 1 && (*p == 'w' || *p == 'W'))
			kind = REF_WRITE;
		else if (!(e - p == 1 && (*p == 'r' || *p == 'R')))
			return bad_token(r, tok, len, "not a page number (a write is written 3w):");
	}
	st = addrmap_page(&r->map, page, &vpn);
	if (st)
		return trace_map_error(r, st, page);

	count(r, page, kind);
	*out = ref_make(vpn, kind);
	return 0;
}

/* One step of the general scanner at s->pos: a separator, a comment, a
 * token (possibly after refilling), or a refill.  Sets *emitted. */
static int seq_slow(struct trace_reader *r, uint32_t *out, int *emitted)
{
	struct source *s = &r->src;
	struct seq_state *st = r->state;
	const char *buf = s->buf;
	size_t pos = s->pos, end = s->end;
	unsigned char c;
	size_t t;

	*emitted = 0;
	if (pos >= end)
		return s->eof ? 0 : source_fill(s);
	if (st->in_comment) {
		const char *nl = memchr(buf + pos, '\n', end - pos);
		if (nl)
			st->in_comment = 0;
		s->pos = nl ? (size_t)(nl - buf) : end;
		return 0;
	}
	c = (unsigned char)buf[pos];
	if (c == '\n') {
		r->line++;
		r->sum.lines++;
		s->pos = pos + 1;
		return 0;
	}
	if (is_sep(c)) {
		s->pos = pos + 1;
		return 0;
	}
	if (c == '#') {
		st->in_comment = 1;
		s->pos = pos + 1;
		return 0;
	}
	/* A token is complete only if a separator (or the end of the input)
	 * follows it inside the buffer. */
	for (t = pos; t < end && is_token_char((unsigned char)buf[t]); t++)
		;
	if (t == end && !s->eof && t - pos <= TOKEN_MAX)
		return source_fill(s);
	if (t < end && buf[t] == '\0')
		return bad_token(r, buf + pos, t - pos + 1, "NUL byte in");
	*emitted = 1;
	s->pos = t;
	return parse_token(r, buf + pos, t - pos, out);
}

static int seq_next(struct trace_reader *r, uint32_t *out, size_t cap, size_t *n)
{
	struct source *s = &r->src;
	size_t k = 0;
	int err;

	if (!r->state && !(r->state = calloc(1, sizeof(struct seq_state))))
		return vt_error(VT_SOFTWARE, "out of memory");
	while (k < cap) {
		const unsigned char *base = (const unsigned char *)s->buf;
		const unsigned char *p = base + s->pos;
		int emitted;

		/* Fast path: decimal page numbers of up to 18 digits, each ended
		 * by a comma, space or newline inside the buffer.  buf[end] is a
		 * NUL, so no scan runs past the data. */
		while (k < cap && !((struct seq_state *)r->state)->in_comment) {
			const unsigned char *q = p;
			uint64_t page = 0;
			uint32_t vpn;
			enum ref_kind kind;

			while (*q == ',' || *q == ' ')
				q++;
			if (*q == '\n') {
				r->line++;
				r->sum.lines++;
				p = q + 1;
				continue;
			}
			p = q;
			while (scan_is_digit(*q) && q - p < 18)
				page = page * 10 + (uint64_t)(*q++ - '0');
			kind = REF_READ;
			if (*q == 'w' && q > p) {
				kind = REF_WRITE;
				q++;
			}
			if (q == p || !(*q == ',' || *q == ' ' || *q == '\n') ||
			    addrmap_page(&r->map, page, &vpn) != ADDRMAP_OK)
				break;
			out[k++] = ref_make(vpn, kind);
			count(r, page, kind);
			p = q;
		}
		s->pos = (size_t)(p - base);
		if (k == cap)
			break;
		if (s->pos >= s->end && s->eof)
			break;
		if ((err = seq_slow(r, &out[k], &emitted)))
			return err;
		k += (size_t)emitted;
	}
	if (k == 0) {
		if (s->end > 0 && s->buf[s->end - 1] != '\n')
			r->sum.lines++; /* a last line without its newline */
		scan_page_range_done(r, &((struct seq_state *)r->state)->pages);
	}
	*n = k;
	return 0;
}

/* Plain numbers, separators, w/r markers and comments: nothing else. */
static int seq_probe(const char *buf, size_t len)
{
	size_t tokens = 0;
	int in_comment = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (in_comment) {
			in_comment = c != '\n';
			continue;
		}
		if (c == '#') {
			in_comment = 1;
		} else if (scan_is_digit(c)) {
			if (i == 0 || !is_token_char((unsigned char)buf[i - 1]))
				tokens++;
		} else if (!is_sep(c) && !scan_hex[c] && c != 'x' && c != 'X' &&
			   c != 'w' && c != 'W' && c != 'r' && c != 'R') {
			return 0;
		}
	}
	return tokens ? 50 : 0;
}

const struct trace_format trace_format_seq = {
	.name = "seq",
	.summary = "reference string: page numbers, e.g. 1,2,3,4,1,2,5 (3w = write)",
	.probe = seq_probe,
	.next = seq_next,
};
