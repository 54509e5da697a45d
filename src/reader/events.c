/* events.c - several processes: tagged accesses, fork, exit, exec, switch.
 *
 * Format (the man page says the same), one item a line:
 *   PID: PAGES     accesses by process PID (it runs from here on)
 *   PAGES          more accesses by the process that runs
 *   fork P C       P forks C (P runs from here on)
 *   exec P         P starts a new program: an empty address space (P runs)
 *   exit P         P ends, wherever it runs; after its own exit nothing runs
 *   switch P       a context switch to P
 *   node P N       P runs on NUMA node N (0 .. 63) from now on
 *   # text         a comment, to the end of the line
 * PAGES are seq tokens (decimal or 0x hex page numbers, separated by commas
 * or blanks) with an optional marker: w a write, r a read, x an
 * instruction fetch (so lackey's I records survive a conversion).
 * Process ids run from 1 to PID_LIMIT - 1.  Process 1 runs at the start; a
 * process comes into being by fork, or with an empty address space by its
 * first `PID:` or `switch PID` (a program started from outside the trace).
 * A pid is free again after its exit.
 *
 * The reader checks every event against the processes alive, so the
 * machine can trust the stream; it emits a switch word only when the
 * running process changes (ref.h has the encoding).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "ref.h"
#include "scan.h"
#include "trace.h"

/* Longer than any valid token; an event line is shorter than this. */
#define TOKEN_MAX 64
#define EVENT_LINE_MAX 256

struct events_state {
	bool in_comment;
	bool line_start;       /* nothing but blanks read on this line yet */
	uint32_t cur;          /* the running process, 0 for none */
	/* A bitmap over every pid: 512 KiB that calloc maps lazily, and
	 * trace_close() frees with the state on every path. */
	uint64_t alive[PID_LIMIT / 64];
	struct page_range pages;
};

static bool is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == ',' || c == '\v' || c == '\f';
}

static bool is_token_char(unsigned char c)
{
	return c != '\0' && c != '#' && c != '\n' && !is_blank(c);
}

static bool alive(const struct events_state *st, uint32_t pid)
{
	return st->alive[pid / 64] >> (pid % 64) & 1;
}

static void set_alive(struct events_state *st, uint32_t pid, bool on)
{
	if (on)
		st->alive[pid / 64] |= UINT64_C(1) << (pid % 64);
	else
		st->alive[pid / 64] &= ~(UINT64_C(1) << (pid % 64));
}

static int line_error(struct trace_reader *r, const char *text, size_t len, const char *why)
{
	char ex[EVENT_LINE_MAX + 1];

	scan_excerpt(ex, sizeof(ex), text, len);
	return vt_error(VT_DATAERR, "%s:%llu: %s: '%s'", r->src.name, (unsigned long long)r->line,
			why, ex);
}

/* A process id at p[0..len): all of it, 1 .. PID_LIMIT - 1. */
static bool parse_pid(const char *p, size_t len, uint32_t *pid)
{
	uint64_t v;
	size_t used;

	if (scan_number(p, len, &v, &used) != SCAN_NUMBER_OK || used != len || v == 0 ||
	    v >= PID_LIMIT)
		return false;
	*pid = (uint32_t)v;
	return true;
}

/* Make pid the running process, creating it if it is new. */
static void run(struct trace_reader *r, uint32_t pid, uint32_t *out, size_t *k)
{
	struct events_state *st = r->state;

	set_alive(st, pid, true);
	if (st->cur != pid)
		out[(*k)++] = ref_event_make(EVENT_SWITCH, pid);
	st->cur = pid;
}

static const char *const event_names[] = {
	[EVENT_SWITCH] = "switch", [EVENT_FORK] = "fork", [EVENT_EXIT] = "exit",
	[EVENT_EXEC] = "exec",
};

/* The word at the start of a line: an event's name, or 0.  "node" is
 * EVENT_NODE (its node comes with it). */
static enum ref_event event_word(const char *p, size_t len)
{
	for (int e = EVENT_SWITCH; e <= EVENT_EXEC; e++)
		if (strlen(event_names[e]) == len && memcmp(event_names[e], p, len) == 0)
			return (enum ref_event)e;
	if (len == 4 && memcmp(p, "node", 4) == 0)
		return EVENT_NODE;
	return 0;
}

/* "node P N": P (alive) runs on node N. */
static int node_line(struct trace_reader *r, const char *line, size_t len, uint32_t *out,
		     size_t *k)
{
	struct events_state *st = r->state;
	uint64_t v[2];
	size_t n = 0, i = 4;

	while (i < len && line[i] != '#') {
		size_t t, used;
		if (is_blank((unsigned char)line[i]) && line[i] != ',') {
			i++;
			continue;
		}
		for (t = i; t < len && is_token_char((unsigned char)line[t]); t++)
			;
		if (n == 2 || scan_number(line + i, t - i, &v[n], &used) != SCAN_NUMBER_OK ||
		    used != t - i)
			return line_error(r, line, len, "node takes a process id and a node: "
					  "node PID N");
		if (n == 0 && (v[0] == 0 || v[0] >= PID_LIMIT))
			return line_error(r, line, len, "node: process ids run from 1 to 4194303");
		if (n == 1 && (v[1] >= 64 || (r->opt.nodes && v[1] >= r->opt.nodes))) {
			char why[80];
			snprintf(why, sizeof(why), "node: the machine has nodes 0 .. %u",
				 r->opt.nodes ? r->opt.nodes - 1 : 63);
			return line_error(r, line, len, why);
		}
		n++;
		i = t;
	}
	if (n != 2)
		return line_error(r, line, len, "node takes a process id and a node: node PID N");
	if (!alive(st, (uint32_t)v[0])) {
		char why[64];
		snprintf(why, sizeof(why), "node: no process %u is alive", (unsigned)v[0]);
		return line_error(r, line, len, why);
	}
	r->sum.records++;
	r->sum.events++;
	out[(*k)++] = ref_event_make((enum ref_event)(EVENT_NODE + v[1]), (uint32_t)v[0]);
	return 0;
}

/* An event line, line[0..len) without its newline; the name is taken. */
static int event_line(struct trace_reader *r, enum ref_event ev, const char *line, size_t len,
		      uint32_t *out, size_t *k)
{
	struct events_state *st = r->state;
	uint32_t pid[3];
	size_t n = 0, want = ev == EVENT_FORK ? 2 : 1;
	size_t i = strlen(event_names[ev]);
	char why[96];

	while (i < len && line[i] != '#') {
		size_t t;
		if (is_blank((unsigned char)line[i]) && line[i] != ',') {
			i++;
			continue;
		}
		for (t = i; t < len && is_token_char((unsigned char)line[t]); t++)
			;
		if (n == 3 || !parse_pid(line + i, t - i, &pid[n])) {
			snprintf(why, sizeof(why), "%s takes %s from 1 to %u", event_names[ev],
				 want == 2 ? "two process ids, PARENT CHILD," : "one process id",
				 (unsigned)(PID_LIMIT - 1));
			return line_error(r, line, len, why);
		}
		n++;
		i = t;
	}
	if (n != want) {
		snprintf(why, sizeof(why), "%s takes %s", event_names[ev],
			 want == 2 ? "two process ids: fork PARENT CHILD" : "one process id");
		return line_error(r, line, len, why);
	}
	if (ev != EVENT_SWITCH && !alive(st, pid[0])) {
		snprintf(why, sizeof(why), "%s: no process %u is alive", event_names[ev],
			 (unsigned)pid[0]);
		return line_error(r, line, len, why);
	}
	r->sum.records++;
	r->sum.events++;
	switch (ev) {
	case EVENT_FORK:
		if (alive(st, pid[1])) {
			snprintf(why, sizeof(why), "fork: process %u already exists",
				 (unsigned)pid[1]);
			return line_error(r, line, len, why);
		}
		run(r, pid[0], out, k);
		set_alive(st, pid[1], true);
		out[(*k)++] = ref_event_make(EVENT_FORK, pid[1]);
		return 0;
	case EVENT_EXEC:
		run(r, pid[0], out, k);
		out[(*k)++] = ref_event_make(EVENT_EXEC, pid[0]);
		return 0;
	case EVENT_EXIT:
		set_alive(st, pid[0], false);
		if (st->cur == pid[0])
			st->cur = 0;
		out[(*k)++] = ref_event_make(EVENT_EXIT, pid[0]);
		return 0;
	case EVENT_SWITCH:
		run(r, pid[0], out, k);
		return 0;
	case EVENT_NODE:
		break;  /* node_line() */
	}
	return vt_error(VT_SOFTWARE, "unknown event %d", (int)ev);
}

/* One page token tok[0..len), complete. */
static int page_token(struct trace_reader *r, const char *tok, size_t len, uint32_t *out,
		      size_t *k)
{
	struct events_state *st = r->state;
	enum ref_kind kind = REF_READ;
	uint64_t page;
	size_t used;
	uint32_t vpn;
	int status;

	if (len > TOKEN_MAX)
		return line_error(r, tok, TOKEN_MAX, "token too long");
	status = scan_number(tok, len, &page, &used);
	if (status == SCAN_NUMBER_OVERFLOW)
		return line_error(r, tok, len, "page number beyond 64 bits");
	if (status == SCAN_NUMBER_NONE)
		return line_error(r, tok, len, st->line_start ?
				  "not a page number, PID: or event (fork, exit, exec, switch, node)" :
				  "not a page number");
	if (used < len) {
		char c = tok[used];
		if (used + 1 < len || !strchr("wWrRxX", c))
			return line_error(r, tok, len, "not a page number (markers: 3w write, "
					  "3r read, 3x instruction fetch)");
		kind = c == 'w' || c == 'W' ? REF_WRITE : c == 'x' || c == 'X' ? REF_FETCH : REF_READ;
	}
	if (kind == REF_FETCH && r->opt.data_only) {
		r->sum.records++;
		r->sum.dropped_fetches++;
		return 0;
	}
	if (!st->cur)
		return line_error(r, tok, len, "pages but no process runs (its exit was the last "
				  "event): write PID: before them");
	if ((status = addrmap_page(&r->map, page, &vpn)))
		return trace_map_error(r, status, page);
	out[(*k)++] = ref_make(vpn, kind);
	r->sum.records++;
	r->sum.references++;
	if (kind == REF_WRITE)
		r->sum.writes++;
	else if (kind == REF_FETCH)
		r->sum.fetches++;
	else
		r->sum.reads++;
	scan_note_page(r, &st->pages, page);
	return 0;
}

/* The item at the start of a line: "PID:" or an event line.  Sets *done
 * when it took it; leaves a page token alone.  *refill: the line is not
 * all in the buffer yet. */
static int line_head(struct trace_reader *r, size_t tlen, uint32_t *out, size_t *k, bool *done,
		     bool *refill)
{
	struct source *s = &r->src;
	const char *p = s->buf + s->pos;
	size_t rest = s->end - s->pos, d = 0;
	enum ref_event ev;

	*done = *refill = false;
	while (d < tlen && scan_is_digit((unsigned char)p[d]))
		d++;
	if (d > 0 && d < tlen && p[d] == ':') {
		uint32_t pid;
		if (!parse_pid(p, d, &pid))
			return line_error(r, p, tlen, "process ids run from 1 to 4194303");
		s->pos += d + 1;
		*done = true;
		run(r, pid, out, k);
		return 0;
	}
	if ((ev = event_word(p, tlen))) {
		const char *nl = memchr(p, '\n', rest);
		size_t len = nl ? (size_t)(nl - p) : rest;
		if (!nl && !s->eof && rest < EVENT_LINE_MAX) {
			*refill = true;
			return 0;
		}
		if (len > EVENT_LINE_MAX)
			return line_error(r, p, EVENT_LINE_MAX, "event line too long");
		s->pos += len;
		*done = true;
		if (ev == EVENT_NODE)
			return node_line(r, p, len, out, k);
		return event_line(r, ev, p, len, out, k);
	}
	return 0;
}

static int events_next(struct trace_reader *r, uint32_t *out, size_t cap, size_t *n)
{
	struct source *s = &r->src;
	struct events_state *st = r->state;
	size_t k = 0;
	int err;

	if (!st) {
		if (!(st = r->state = calloc(1, sizeof(*st))))
			return vt_error(VT_SOFTWARE, "out of memory");
		st->line_start = true;
		st->cur = 1;
		set_alive(st, 1, true);
	}
	/* An item emits at most two words (a switch and an event). */
	while (k + 2 <= cap) {
		const char *buf = s->buf;
		unsigned char c;
		size_t t;

		if (s->pos >= s->end) {
			if (s->eof)
				break;
			if ((err = source_fill(s)))
				return err;
			continue;
		}
		c = (unsigned char)buf[s->pos];
		if (st->in_comment || c == '#') {
			const char *nl = memchr(buf + s->pos, '\n', s->end - s->pos);
			st->in_comment = !nl;
			s->pos = nl ? (size_t)(nl - buf) : s->end;
			continue;
		}
		if (c == '\n') {
			r->line++;
			r->sum.lines++;
			st->line_start = true;
			s->pos++;
			continue;
		}
		if (is_blank(c)) {
			s->pos++;
			continue;
		}
		for (t = s->pos; t < s->end && is_token_char((unsigned char)buf[t]); t++)
			;
		if (t == s->end && !s->eof && t - s->pos <= TOKEN_MAX) {
			if ((err = source_fill(s)))
				return err;
			continue;
		}
		if (t < s->end && buf[t] == '\0')
			return line_error(r, buf + s->pos, t - s->pos, "NUL byte in the line");
		if (st->line_start) {
			bool done, refill;
			if ((err = line_head(r, t - s->pos, out, &k, &done, &refill)))
				return err;
			if (refill) {
				if ((err = source_fill(s)))
					return err;
				continue;
			}
			if (done) {
				st->line_start = false;
				continue;
			}
		}
		if ((err = page_token(r, buf + s->pos, t - s->pos, out, &k)))
			return err;
		st->line_start = false;
		s->pos = t;
	}
	if (k == 0) {
		if (s->end > 0 && s->buf[s->end - 1] != '\n')
			r->sum.lines++; /* a last line without its newline */
		scan_page_range_done(r, &st->pages);
	}
	*n = k;
	return 0;
}

/* Sure when a line starts with "PID:" or an event's name. */
static int events_probe(const char *buf, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t j = i, d;
		while (j < len && (buf[j] == ' ' || buf[j] == '\t'))
			j++;
		for (d = j; d < len && scan_is_digit((unsigned char)buf[d]); d++)
			;
		if (d > j && d < len && buf[d] == ':')
			return 90;
		for (int e = EVENT_SWITCH; e <= EVENT_EXEC; e++) {
			size_t l = strlen(event_names[e]);
			if (len - j > l && memcmp(buf + j, event_names[e], l) == 0 &&
			    (buf[j + l] == ' ' || buf[j + l] == '\t'))
				return 90;
		}
		if (len - j > 4 && memcmp(buf + j, "node", 4) == 0 &&
		    (buf[j + 4] == ' ' || buf[j + 4] == '\t'))
			return 90;
		const char *nl = memchr(buf + i, '\n', len - i);
		if (!nl)
			break;
		i = (size_t)(nl - buf) + 1;
	}
	return 0;
}

const struct trace_format trace_format_events = {
	.name = "events",
	.summary = "several processes: \"PID: pages\" lines, fork P C, exec P, exit P, switch P, "
		   "node P N",
	.probe = events_probe,
	.next = events_next,
};
