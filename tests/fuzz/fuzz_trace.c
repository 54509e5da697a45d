/* fuzz_trace.c - libFuzzer harness for the trace readers.
 *
 * Built three times by `make fuzz`, with FUZZ_FORMAT "seq", "lackey" or
 * "auto".  The first byte chooses the reader options (page size, -D,
 * --first-page-only, --strict, --reject-high), the rest is the trace.  The
 * reader must return 0 or an exit code from exitcodes.h, never crash, and
 * keep its counters consistent.  A lackey trace is then read again with
 * the helper thread forced on (lackey.c), its share starting at two
 * offsets the input chooses, and must give the same references, summary,
 * status and line as the reader alone; and repeated past two pages, it
 * must read from a file mapped a page at a time (source_map.c) as from
 * memory.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitcodes.h"
#include "geometry.h"
#include "ref.h"
#include "trace.h"

#ifndef FUZZ_FORMAT
#define FUZZ_FORMAT "auto"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What one read of a trace gave, to compare two reads. */
struct outcome {
	int err;
	uint64_t n, hash, line;
	struct trace_summary sum;
};

/* Read data as a lackey trace: from memory, or from the file at path. */
static int read_lackey(const uint8_t *data, size_t size, const char *path,
		       struct trace_options opt, struct outcome *o)
{
	static uint32_t block[4096];
	struct trace_reader *r;
	size_t got;

	memset(o, 0, sizeof(*o));
	o->hash = UINT64_C(14695981039346656037);
	o->err = path ? trace_open(&r, path, "lackey", &opt)
		      : trace_open_memory(&r, "fuzz", data, size, "lackey", &opt);
	if (o->err)
		return -1;
	while ((o->err = trace_next(r, block, sizeof(block) / sizeof(block[0]), &got)) == 0 && got)
		for (size_t i = 0; i < got; i++, o->n++)
			o->hash = (o->hash ^ block[i]) * UINT64_C(1099511628211);
	o->sum = r->sum;
	o->line = r->line;
	trace_close(r);
	return 0;
}

static void expect_same(const struct outcome *a, const struct outcome *b)
{
	if (b->err != a->err || b->n != a->n || b->hash != a->hash || b->line != a->line ||
	    !trace_summary_same(&b->sum, &a->sum))
		abort();
}

/* The data in a temporary file (named into path).  Return: 0, or -1 if
 * no file could be made. */
static int write_file(const uint8_t *data, size_t size, char *path, size_t len)
{
	FILE *f;
	int fd;

	snprintf(path, len, "/tmp/vmtrace-fuzz-XXXXXX");
	if ((fd = mkstemp(path)) < 0)
		return -1;
	if (!(f = fdopen(fd, "wb"))) {
		close(fd);
		unlink(path);
		return -1;
	}
	if (fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		unlink(path);
		return -1;
	}
	return 0;
}

/* Windows of a mapping are pages: the input repeated past two pages (and
 * a few bytes, which the input's length moves) puts their edges inside
 * lines, at newlines and near the end.  Read from a file through windows
 * of a page, alone and with the helper, it must read as with read(), and
 * as from memory. */
static void check_windows(const uint8_t *data, size_t size, struct trace_options opt)
{
	size_t len = 0, want = 2 * 4096 + 1 + size % 61;
	struct outcome by_read, mapped;
	char path[64];
	uint8_t *rep;

	if (size == 0 || !(rep = malloc(want + size)))
		return;
	while (len < want) {
		memcpy(rep + len, data, size);
		len += size;
	}
	if (write_file(rep, len, path, sizeof(path)) == 0) {
		struct outcome in_memory;

		opt.helper = TRACE_HELPER_NEVER;
		opt.no_map = true;
		read_lackey(rep, len, path, opt, &by_read);
		read_lackey(rep, len, NULL, opt, &in_memory);
		expect_same(&in_memory, &by_read);
		opt.no_map = false;
		opt.map_window = 1;
		for (int i = 0; i < 2; i++) {
			opt.helper = i == 0 ? TRACE_HELPER_NEVER : TRACE_HELPER_WAIT;
			read_lackey(rep, len, path, opt, &mapped);
			expect_same(&by_read, &mapped);
		}
		unlink(path);
	}
	free(rep);
}

static void check_helper(const uint8_t *data, size_t size, struct trace_options opt)
{
	struct outcome alone, both;

	opt.helper = TRACE_HELPER_NEVER;
	if (read_lackey(data, size, NULL, opt, &alone))
		return;
	for (int i = 0; i < 2; i++) {
		opt.helper = TRACE_HELPER_WAIT;
		opt.helper_split = i == 0 ? size / 2 + 1 : 1 + (size ? data[size - 1] % size : 0);
		if (read_lackey(data, size, NULL, opt, &both))
			abort();
		expect_same(&alone, &both);
	}
	check_windows(data, size, opt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint32_t block[4096];
	struct trace_options opt = { .page_shift = PAGE_SHIFT_DEFAULT };
	struct trace_reader *r;
	uint64_t refs = 0;
	uint8_t flags = size ? data[0] : 0;
	size_t got;
	int err;

	if (size) {
		data++;
		size--;
	}
	opt.page_shift = PAGE_SHIFT_MIN + (flags & 15) % (PAGE_SHIFT_MAX - PAGE_SHIFT_MIN + 1);
	opt.data_only = flags & 16;
	opt.first_page_only = flags & 32;
	opt.strict = flags & 64;
	opt.reject_high = flags & 128;
	if (trace_open_memory(&r, "fuzz", data, size, FUZZ_FORMAT, &opt))
		return 0;
	while ((err = trace_next(r, block, sizeof(block) / sizeof(block[0]), &got)) == 0 && got) {
		for (size_t i = 0; i < got; i++) {
			/* Events traces carry process events between references. */
			if (ref_is_event(block[i])) {
				if (ref_event(block[i]) < EVENT_SWITCH || ref_event(block[i]) > EVENT_EXEC ||
				    ref_event_pid(block[i]) == 0)
					abort();
				continue;
			}
			if (ref_vpn(block[i]) >= vpn_space(opt.page_shift) || ref_kind(block[i]) > REF_FETCH)
				abort();
			refs++;
		}
	}
	if (err != 0 && err != VT_DATAERR && err != VT_USAGE && err != VT_SOFTWARE)
		abort();
	if (!err && r->sum.references != refs)
		abort();
	if (!err && r->sum.reads + r->sum.writes + r->sum.fetches != refs)
		abort();
	if (strcmp(r->format->name, "lackey") == 0)
		check_helper(data, size, opt);
	trace_close(r);
	return 0;
}
