/* lackey.c - `valgrind --tool=lackey --trace-mem=yes` output.
 *
 * Notes (the model; the man page says the same):
 *   - Records, as lk_main.c prints them: "I  addr,size" (instruction fetch,
 *     from column 0, two spaces), " L addr,size", " S addr,size",
 *     " M addr,size" (load, store, modify).  addr is hex without 0x, at
 *     least 8 digits, longer on 64-bit hosts; size is decimal.
 *   - M is a load and a store of the same bytes: ONE reference, a write.
 *   - An access that crosses a page boundary references every page it
 *     touches, lowest first (first_page_only: only the page of addr).
 *   - Valgrind's own lines (==PID==, --PID--, **PID**, ++PID++) are skipped
 *     silently.  Anything else is the traced program's output sharing the
 *     stream: a stray line, skipped and counted (strict: an error).  Program
 *     output can be glued to the front of a record ("XYZI  0493f350,6"); the
 *     record at the end of such a line is kept and the line counted apart
 *     (glued_lines; strict: an error).  CR before LF is ignored.
 *   - A line that starts like a record and has a hex address and a comma is
 *     a record: a bad size or an address beyond 64 bits is malformed input,
 *     not stray output.
 *   - Sizes above LACKEY_MAX_SIZE are refused: lackey's largest accesses are
 *     a few KiB (xsave areas), and the cap bounds the pages one record makes.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "ref.h"
#include "scan.h"
#include "lineindex.h"
#include "swar.h"
#include "trace.h"

#define LACKEY_MAX_SIZE 32768u
/* Lines longer than this cannot be records; they are skipped as stray
 * output without being held in memory. */
#define LACKEY_MAX_LINE 4096u

enum parse_result { REC_OK, REC_NOT_RECORD, REC_MALFORMED };

struct record {
	enum ref_kind kind;
	uint64_t addr;
	uint64_t size;
	const char *why;   /* for REC_MALFORMED */
};

/* Parse "addr,size" at p..e, the record body after its 3-byte prefix. */
static enum parse_result parse_body(const unsigned char *p, const unsigned char *e,
				    struct record *rec)
{
	uint64_t addr = 0, size = 0;
	const unsigned char *start = p;
	unsigned d;

	while (p < e && (d = scan_hex[*p]) != 0) {
		if (p - start >= 16) {
			rec->why = "address beyond 64 bits";
			return REC_MALFORMED;
		}
		addr = addr << 4 | (d - 1);
		p++;
	}
	if (p == start || p >= e || *p != ',')
		return REC_NOT_RECORD;
	p++;
	start = p;
	while (p < e && scan_is_digit(*p)) {
		size = size * 10 + (uint64_t)(*p - '0');
		if (size > LACKEY_MAX_SIZE) {
			rec->why = "access size too large (at most 32768 bytes)";
			return REC_MALFORMED;
		}
		p++;
	}
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	if (p == start || p != e) {
		rec->why = "bad access size";
		return REC_MALFORMED;
	}
	if (size == 0) {
		rec->why = "access size 0";
		return REC_MALFORMED;
	}
	if (addr > UINT64_MAX - (size - 1)) {
		rec->why = "access runs past the end of the 64-bit address space";
		return REC_MALFORMED;
	}
	rec->addr = addr;
	rec->size = size;
	return REC_OK;
}

/* The 3-byte record prefix at p, or -1. */
static int prefix_kind(const unsigned char *p, const unsigned char *e)
{
	if (e - p < 3 || p[2] != ' ')
		return -1;
	if (p[0] == 'I' && p[1] == ' ')
		return REF_FETCH;
	if (p[0] != ' ')
		return -1;
	if (p[1] == 'L')
		return REF_READ;
	if (p[1] == 'S' || p[1] == 'M')
		return REF_WRITE;
	return -1;
}

static enum parse_result parse_record(const unsigned char *p, const unsigned char *e,
				      struct record *rec)
{
	int kind = prefix_kind(p, e);

	if (kind < 0)
		return REC_NOT_RECORD;
	rec->kind = (enum ref_kind)kind;
	return parse_body(p + 3, e, rec);
}

/* ==123==, --123--, **123**, ++123++ */
static int is_valgrind_line(const unsigned char *p, const unsigned char *e)
{
	unsigned char c = *p;
	const unsigned char *q;

	if (e - p < 5 || (c != '=' && c != '-' && c != '*' && c != '+') || p[1] != c)
		return 0;
	for (q = p + 2; q < e && scan_is_digit(*q); q++)
		;
	return q > p + 2 && q + 1 < e && q[0] == c && q[1] == c;
}

static int is_blank(const unsigned char *p, const unsigned char *e)
{
	for (; p < e; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

static int stray(struct trace_reader *r, const unsigned char *p, const unsigned char *e)
{
	if (r->opt.strict) {
		char ex[48];
		scan_excerpt(ex, sizeof(ex), (const char *)p, (size_t)(e - p));
		return vt_error(VT_DATAERR, "%s:%llu: not a lackey record: '%s' (--strict)",
				r->src.name, (unsigned long long)r->line, ex);
	}
	if (r->sum.stray_lines++ == 0) {
		r->sum.first_stray_line = r->line;
		scan_excerpt(r->sum.first_stray, sizeof(r->sum.first_stray), (const char *)p,
			     (size_t)(e - p));
	}
	return 0;
}

/* Turn one record into references in out[]; return how many. */
static int emit(struct trace_reader *r, const struct record *rec, uint32_t *out, size_t *k)
{
	unsigned sh = r->opt.page_shift;
	uint64_t first = rec->addr >> sh;
	uint64_t last = (rec->addr + rec->size - 1) >> sh;
	uint64_t hi = rec->addr + rec->size - 1;

	r->sum.records++;
	if (rec->kind == REF_FETCH && r->opt.data_only) {
		r->sum.dropped_fetches++;
		return 0;
	}
	if (!r->sum.any_addr || rec->addr < r->sum.min_addr)
		r->sum.min_addr = rec->addr;
	if (!r->sum.any_addr || hi > r->sum.max_addr)
		r->sum.max_addr = hi;
	r->sum.any_addr = true;
	if (last != first) {
		r->sum.crossing++;
		if (r->opt.first_page_only)
			last = first;
	}
	for (uint64_t page = first; page <= last; page++) {
		uint32_t vpn;
		int st = addrmap_page(&r->map, page, &vpn);
		if (st)
			return trace_map_error(r, st, page);
		out[(*k)++] = ref_make(vpn, rec->kind);
		r->sum.references++;
		if (rec->kind == REF_READ)
			r->sum.reads++;
		else if (rec->kind == REF_WRITE)
			r->sum.writes++;
		else
			r->sum.fetches++;
	}
	return 0;
}

/* One complete line p..e (newline excluded). */
static int do_line(struct trace_reader *r, const unsigned char *p, const unsigned char *e,
		   uint32_t *out, size_t *k)
{
	struct record rec;
	enum parse_result res = parse_record(p, e, &rec);

	if (res == REC_OK)
		return emit(r, &rec, out, k);
	if (res == REC_MALFORMED)
		goto malformed;
	if (is_blank(p, e) || is_valgrind_line(p, e)) {
		if (!is_blank(p, e))
			r->sum.valgrind_lines++;
		return 0;
	}
	/* Program output glued in front of a record: take the first record
	 * prefix from which the rest of the line parses. */
	for (const unsigned char *q = p + 1; q + 3 < e; q++) {
		if (prefix_kind(q, e) < 0)
			continue;
		res = parse_record(q, e, &rec);
		if (res == REC_OK) {
			if (r->opt.strict)
				return stray(r, p, e);
			if (r->sum.glued_lines++ == 0)
				r->sum.first_glued_line = r->line;
			return emit(r, &rec, out, k);
		}
	}
	return stray(r, p, e);
malformed: {
		char ex[48];
		scan_excerpt(ex, sizeof(ex), (const char *)p, (size_t)(e - p));
		return vt_error(VT_DATAERR, "%s:%llu: %s: '%s'", r->src.name,
				(unsigned long long)r->line, rec.why, ex);
	}
}

/* Counters the fast path keeps in registers, folded into the summary. */
struct tally {
	uint64_t lines, records, reads, writes, fetches;
	uint64_t min_addr, max_addr;
};

static void fold(struct trace_reader *r, const struct tally *t)
{
	if (t->records) {
		if (!r->sum.any_addr || t->min_addr < r->sum.min_addr)
			r->sum.min_addr = t->min_addr;
		if (!r->sum.any_addr || t->max_addr > r->sum.max_addr)
			r->sum.max_addr = t->max_addr;
		r->sum.any_addr = true;
	}
	r->line += t->lines;
	r->sum.lines += t->lines;
	r->sum.records += t->records;
	r->sum.references += t->reads + t->writes + t->fetches;
	r->sum.reads += t->reads;
	r->sum.writes += t->writes;
	r->sum.fetches += t->fetches;
}

/* Record kind from the byte after column 0, plus one (0: not a record),
 * and the record's whole 3-byte prefix, as a little-endian number. */
static const uint8_t kind_of[256] = {
	[' '] = REF_FETCH + 1, ['L'] = REF_READ + 1, ['S'] = REF_WRITE + 1, ['M'] = REF_WRITE + 1,
};
static inline uint32_t le32(uint32_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap32(v);
#else
	return v;
#endif
}

#define PREFIX3(a, b, c) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16)
static const uint32_t prefix_of[256] = {
	[' '] = PREFIX3('I', ' ', ' '), ['L'] = PREFIX3(' ', 'L', ' '),
	['S'] = PREFIX3(' ', 'S', ' '), ['M'] = PREFIX3(' ', 'M', ' '),
};

/* Lines indexed at a time. */
#define INDEX_LINES 4096u

struct lackey_state {
	int skipping;   /* inside an over-long line, dropping it */
	struct line_ix ix[INDEX_LINES];
};

/* The decimal size of m digits at p; 0 if malformed.  Sizes of one or two
 * digits are nearly all of them: take those without a loop. */
static inline uint64_t size_field(const unsigned char *p, unsigned m)
{
	unsigned d0 = (unsigned)p[0] - '0', d1 = (unsigned)p[1] - '0';
	uint64_t v;

	if (m == 1)
		return d0 <= 9 ? d0 : 0;
	if (m == 2)
		return (d0 <= 9 && d1 <= 9) ? d0 * 10 + d1 : 0;
	return swar_dec(p, m, &v) ? v : 0;
}

/*
 * The fast path for one indexed line: a whole record "I  hex,dec" or
 * " X hex,dec" with lowercase hex that touches one page below 4 GiB or in
 * an already mapped region.  Return: 1 and the reference in *ref, 2 for a
 * well-formed fetch that data_only drops, or 0 to leave the line to the
 * general parser.  SOURCE_PAD bytes follow the data,
 * so the word loads stay inside the buffer.
 */
static inline int fast_record(struct trace_reader *r, const unsigned char *base,
			      const struct line_ix *l, uint32_t *ref, uint64_t *addr_out,
			      uint64_t *last_out)
{
	const unsigned char *p = base + l->start;
	const unsigned sh = r->opt.page_shift;
	unsigned kc = kind_of[p[1]];
	unsigned n, m;
	uint64_t addr, size, last;
	enum ref_kind kind;
	uint32_t vpn;

	uint32_t head;

	if (l->end - l->start < 6)
		return 0;
	memcpy(&head, p, sizeof(head));
	if (!kc || (le32(head) & 0xffffff) != prefix_of[p[1]])
		return 0;
	kind = (enum ref_kind)(kc - 1);
	/* At most 15 hex digits: addr + size cannot wrap around. */
	if (!swar_hex_field(p + 3, &n, &addr))
		return 0;
	m = l->end - l->start - 3 - n - 1;
	if (m - 1 >= 5)
		return 0;
	size = size_field(p + 3 + n + 1, m);
	if (size - 1 >= LACKEY_MAX_SIZE)
		return 0;
	last = addr + size - 1;
	if (kind == REF_FETCH && r->opt.data_only)
		return 2;
	if ((addr >> sh) != (last >> sh))
		return 0;
	if (addrmap_page(&r->map, addr >> sh, &vpn) != ADDRMAP_OK)
		return 0;
	*ref = ref_make(vpn, kind);
	*addr_out = addr;
	*last_out = last;
	return 1;
}

/* Parse indexed lines while the block has room; *used = lines taken. */
static int run_lines(struct trace_reader *r, const unsigned char *base, const struct line_ix *ix,
		     size_t nix, uint32_t *out, size_t *kp, size_t cap, size_t *used)
{
	uint64_t count[3] = { 0, 0, 0 };
	uint64_t lo = UINT64_MAX, hi = 0, fast = 0, dropped = 0;
	size_t i, k = *kp;
	int err = 0;

	/* A line may be parsed while k + TRACE_BLOCK_SLACK <= cap; a fast
	 * line adds one reference. */
	if (cap - k < TRACE_BLOCK_SLACK)
		nix = 0;
	else if (nix > cap - k - TRACE_BLOCK_SLACK + 1)
		nix = cap - k - TRACE_BLOCK_SLACK + 1;
	for (i = 0; i < nix; i++) {
		uint64_t addr, last;
		uint32_t ref;
		int fr = fast_record(r, base, &ix[i], &ref, &addr, &last);

		if (fr == 1) {
			out[k++] = ref;
			count[ref_kind(ref)]++;
			lo = addr < lo ? addr : lo;
			hi = last > hi ? last : hi;
			fast++;
			continue;
		}
		if (fr == 2) {
			dropped++;
			fast++;
			continue;
		}
		/* The general parser numbers lines itself: bring it up to date.
		 * It may make many references: stop when the block is full. */
		r->line += fast;
		r->sum.lines += fast;
		fast = 0;
		err = do_line(r, base + ix[i].start, base + ix[i].end, out, &k);
		if (err)
			break;
		r->line++;
		r->sum.lines++;
		if (cap - k < TRACE_BLOCK_SLACK) {
			i++;
			break;
		}
		if (nix > i + 1 + (cap - k - TRACE_BLOCK_SLACK + 1))
			nix = i + 1 + (cap - k - TRACE_BLOCK_SLACK + 1);
	}
	{
		struct tally t = {
			.lines = fast,
			.records = count[0] + count[1] + count[2],
			.reads = count[REF_READ], .writes = count[REF_WRITE], .fetches = count[REF_FETCH],
			.min_addr = lo, .max_addr = hi,
		};
		fold(r, &t);
		r->sum.records += dropped;
		r->sum.dropped_fetches += dropped;
	}
	*kp = k;
	*used = i;
	return err;
}

static int lackey_next(struct trace_reader *r, uint32_t *out, size_t cap, size_t *n)
{
	struct source *s = &r->src;
	struct lackey_state *st = r->state;
	size_t k = 0;
	int err;

	if (!st) {
		st = r->state = calloc(1, sizeof(*st));
		if (!st)
			return vt_error(VT_SOFTWARE, "out of memory");
	}
	while (k + TRACE_BLOCK_SLACK <= cap) {
		const unsigned char *buf = (const unsigned char *)s->buf;
		const unsigned char *p = buf + s->pos, *e = buf + s->end;
		const unsigned char *nl;
		size_t nix, used;

		if (!st->skipping && p < e) {
			/* Index no more lines than the block has room for. */
			size_t room = cap - k - TRACE_BLOCK_SLACK + 1;
			nix = index_lines(p, (size_t)(e - p), st->ix,
					  room < INDEX_LINES ? room : INDEX_LINES);
			if (nix) {
				err = run_lines(r, p, st->ix, nix, out, &k, cap, &used);
				if (err)
					return err;
				s->pos += used < nix ? st->ix[used].start : st->ix[nix - 1].end + 1;
				continue;
			}
		}
		/* No complete line in the buffer. */
		if (p >= e) {
			if (s->eof)
				break;
			if ((err = source_fill(s)))
				return err;
			continue;
		}
		nl = memchr(p, '\n', (size_t)(e - p));
		if (!nl) {
			if (!s->eof && (size_t)(e - p) <= LACKEY_MAX_LINE && !st->skipping) {
				if ((err = source_fill(s)))
					return err;
				continue;
			}
			if (!s->eof) {
				/* Over-long line: count it once, drop what we have. */
				if (!st->skipping && (err = stray(r, p, e)))
					return err;
				st->skipping = 1;
				s->pos = s->end;
				continue;
			}
			nl = e; /* last line, no newline */
		}
		if (st->skipping) {
			st->skipping = 0;
		} else if ((size_t)(nl - p) > LACKEY_MAX_LINE) {
			if ((err = stray(r, p, nl)))
				return err;
		} else if ((err = do_line(r, p, nl, out, &k))) {
			return err;
		}
		r->line++;
		r->sum.lines++;
		s->pos = (size_t)(nl - buf) + (nl < e);
	}
	*n = k;
	return 0;
}

/* Lackey when records or valgrind's own lines lead the input. */
static int lackey_probe(const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf, *end = p + len;
	int records = 0, glued = 0, lines = 0;

	while (p < end && lines < 200) {
		const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
		const unsigned char *e = nl ? nl : end;
		/* A record prefix cannot start a seq line, so even a malformed
		 * record (reported later with its line) says "lackey"; so does
		 * valgrind's banner.  Records behind program output count only
		 * when they are most of the lines: prose that quotes a record
		 * is not a trace. */
		if (prefix_kind(p, e) >= 0 || (is_valgrind_line(p, e) && lines < 3)) {
			records++;
		} else {
			for (const unsigned char *q = p + 1; q + 3 < e; q++) {
				struct record rec;
				if (prefix_kind(q, e) >= 0 && parse_record(q, e, &rec) == REC_OK) {
					glued++;
					break;
				}
			}
		}
		lines += !is_blank(p, e);
		p = nl ? nl + 1 : end;
	}
	return records || (glued && 2 * glued >= lines) ? 90 : 0;
}

const struct trace_format trace_format_lackey = {
	.name = "lackey",
	.summary = "valgrind --tool=lackey --trace-mem=yes output",
	.probe = lackey_probe,
	.next = lackey_next,
};
