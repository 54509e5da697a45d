/* test_source.c - a mapped regular file reads as read() would read it.
 *
 * source.c maps a plain regular file a window at a time (source_map.c)
 * and falls back to read() for everything else.  Here files of sizes
 * around page and window edges are read through the source with a
 * consumer that leaves an unparsed tail of varying length before each
 * refill (as the readers do with an incomplete line), and every byte,
 * every offset and the zero padding behind the data are checked; then
 * whole traces are read through small windows against read().
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <zlib.h>

#include "helpers.h"
#include "source.h"

/* A source that stops making progress would loop: fail it instead. */
TestSuite(source, .timeout = 120);

static size_t page_size(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

/* Bytes that tell their own offset apart: no two pages alike. */
static char *pattern(size_t len)
{
	char *s = malloc(len + 1);

	cr_assert_not_null(s);
	for (size_t i = 0; i < len; i++)
		s[i] = (char)('a' + (i * 7 + i / 4093) % 26);
	s[len] = '\0';
	return s;
}

/*
 * read_all - read path through a source opened with window, keeping a
 * tail of tail(i) bytes unparsed before the i-th refill, and check what
 * it holds against data[0..len).  Return: whether any fill mapped.
 */
static bool read_all(const char *path, const char *data, size_t len, size_t window,
		     size_t (*tail)(size_t i))
{
	struct source src;
	bool mapped = false;
	size_t i = 0;

	cr_assert_eq(source_open_window(&src, path, window), 0);
	while (!src.eof) {
		size_t keep;

		cr_assert_eq(source_fill(&src), 0);
		mapped |= src.map != NULL;
		cr_assert_leq(src.offset + src.end, len, "the source ran past the file");
		cr_assert(memcmp(src.buf, data + src.offset, src.end) == 0,
			  "bytes differ in [%llu, %llu)", (unsigned long long)src.offset,
			  (unsigned long long)(src.offset + src.end));
		for (size_t z = 0; z < SOURCE_PAD; z++)
			cr_assert_eq(src.buf[src.end + z], 0, "pad byte %zu is not zero", z);
		keep = tail(i++);
		if (keep > src.end - src.pos)
			keep = src.end - src.pos;
		src.pos = src.end - keep;
		cr_assert_eq(source_progress(&src), src.offset + src.pos);
		cr_assert_lt(i, 100000, "no progress");
	}
	/* At the end the tail is what is left of the file. */
	cr_assert_eq(src.offset + src.end, len);
	source_close(&src);
	return mapped;
}

static size_t tail_none(size_t i)
{
	(void)i;
	return 0;
}

/* 0, 1, 63, 64, 4095, 4096, 4097 ... : tails ending everywhere in a page. */
static size_t tail_varied(size_t i)
{
	static const size_t tails[] = { 1, 0, 63, 64, 65, 4095, 4096, 4097, 100, 5000 };

	return tails[i % ARRAY_LEN(tails)];
}

struct size_case {
	long pages;   /* the size: pages * page + extra */
	long extra;
};

static struct size_case size_cases[] = {
	{ 0, 1 }, { 0, 63 }, { 0, 64 }, { 1, -64 }, { 1, -1 }, { 1, 0 }, { 1, 1 },
	{ 2, 0 }, { 3, -1 }, { 3, 0 }, { 3, 1 }, { 4, 0 }, { 7, 5 }, { 16, 0 }, { 17, 3 },
};

ParameterizedTestParameters(source, reads_every_byte_through_windows)
{
	return cr_make_param_array(struct size_case, size_cases, ARRAY_LEN(size_cases));
}

/* One and two page windows put the window's edge at every size's edge
 * and inside the kept tail; SOURCE_WINDOW maps these files whole. */
ParameterizedTest(struct size_case *c, source, reads_every_byte_through_windows)
{
	size_t page = page_size(), len = (size_t)((long)page * c->pages + c->extra);
	size_t windows[] = { 1, page, 2 * page, 3 * page, SOURCE_WINDOW, 0 };
	char path[TH_PATH_MAX];
	char *data = pattern(len);

	th_write_temp(path, data, len);
	for (size_t w = 0; w < ARRAY_LEN(windows); w++) {
		cr_expect_eq(read_all(path, data, len, windows[w], tail_none), windows[w] != 0,
			     "window %zu: mapped or not as asked", windows[w]);
		read_all(path, data, len, windows[w], tail_varied);
	}
	unlink(path);
	free(data);
}

/* A tail longer than a window still makes progress: the next window
 * holds the tail and a window more. */
Test(source, a_tail_longer_than_the_window_is_kept_whole)
{
	size_t page = page_size(), len = 9 * page + 17;
	char path[TH_PATH_MAX];
	char *data = pattern(len);
	struct source src;

	th_write_temp(path, data, len);
	cr_assert_eq(source_open_window(&src, path, page), 0);
	cr_assert_eq(source_fill(&src), 0);
	while (!src.eof) {
		size_t had = src.offset + src.end;

		/* Keep everything: the reader waits for a line end. */
		cr_assert_eq(source_fill(&src), 0);
		cr_assert(src.eof || src.offset + src.end > had, "no progress");
		cr_assert(memcmp(src.buf + src.pos, data + src.offset + src.pos, src.end - src.pos) == 0);
	}
	cr_expect_eq(src.offset + src.pos, 0);
	cr_expect_eq(src.end, len);
	source_close(&src);
	unlink(path);
	free(data);
}

Test(source, an_empty_file_is_read_not_mapped)
{
	char path[TH_PATH_MAX];
	struct source src;

	th_write_temp(path, "", 0);
	cr_assert_eq(source_open(&src, path), 0);
	cr_assert_eq(source_fill(&src), 0);
	cr_expect(src.eof);
	cr_expect_eq(src.end, 0);
	cr_expect_null(src.map);
	cr_expect_eq(src.buf[0], 0);
	source_close(&src);
	unlink(path);
}

/* Bytes appended after the file was mapped are read too, as read()
 * would: past the mapped size the source reads on. */
Test(source, reads_on_when_the_file_grows)
{
	size_t page = page_size();
	char *data = pattern(3 * page + 10);
	char path[TH_PATH_MAX];
	struct source src;
	int fd;

	th_write_temp(path, data, 2 * page);
	cr_assert_eq(source_open_window(&src, path, page), 0);
	cr_assert_eq(source_fill(&src), 0);
	cr_assert_not_null(src.map);
	fd = open(path, O_WRONLY | O_APPEND);
	cr_assert(fd >= 0);
	cr_assert_eq(write(fd, data + 2 * page, page + 10), (ssize_t)(page + 10));
	close(fd);
	while (!src.eof) {
		src.pos = src.end;
		cr_assert_eq(source_fill(&src), 0);
		cr_assert(memcmp(src.buf, data + src.offset, src.end) == 0);
	}
	cr_expect_eq(src.offset + src.end, 3 * page + 10);
	source_close(&src);
	unlink(path);
	free(data);
}

/* Standard input that is a file part-read already is read from where it
 * is, with read(); at its start it is mapped. */
Test(source, maps_stdin_only_from_the_files_start)
{
	char *data = pattern(10000);
	char path[TH_PATH_MAX];
	struct source src;
	int fd;

	th_write_temp(path, data, 10000);
	fd = open(path, O_RDONLY);
	cr_assert(fd >= 0);
	cr_assert_eq(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);

	cr_assert_eq(source_open(&src, "-"), 0);
	cr_assert_eq(source_fill(&src), 0);
	cr_expect_not_null(src.map);
	cr_expect_eq(src.end, 10000);
	cr_expect(memcmp(src.buf, data, 10000) == 0);
	source_close(&src);

	cr_assert_eq(lseek(STDIN_FILENO, 100, SEEK_SET), 100);
	cr_assert_eq(source_open(&src, "-"), 0);
	while (!src.eof)
		cr_assert_eq(source_fill(&src), 0);
	cr_expect_null(src.map);
	cr_expect_eq(src.offset + src.end, 9900);
	cr_expect(memcmp(src.buf, data + 100, src.end) == 0);
	source_close(&src);
	unlink(path);
	free(data);
}

/* A gzip file is seen in the first window and read from its start,
 * decompressed; nothing of the mapping is left behind. */
Test(source, a_compressed_file_is_decompressed_not_mapped)
{
	const char *text = "I  0493f350,6\n S 7ff000100,8\n";
	char path[TH_PATH_MAX];
	struct source src;
	gzFile gz;
	int fd;

	snprintf(path, sizeof(path), "/tmp/vmtrace-unit-XXXXXX");
	fd = mkstemp(path);
	cr_assert(fd >= 0);
	gz = gzdopen(fd, "wb");
	cr_assert_not_null(gz);
	cr_assert_eq(gzwrite(gz, text, (unsigned)strlen(text)), (int)strlen(text));
	cr_assert_eq(gzclose(gz), Z_OK);

	cr_assert_eq(source_open(&src, path), 0);
	while (!src.eof)
		cr_assert_eq(source_fill(&src), 0);
	cr_expect_null(src.map);
	cr_expect_eq(src.end, strlen(text));
	cr_expect(memcmp(src.buf, text, strlen(text)) == 0);
	source_close(&src);
	unlink(path);
}

/* --- whole traces through small windows ---------------------------------- */

/* The same trace read with read() and through windows of window bytes:
 * everything a reader reports agrees.  Return: read()'s status. */
static int expect_same_through_window(const char *text, size_t len, const char *format,
				       struct trace_options opt, size_t window)
{
	struct th_read *via_read, *via_map;
	char path[TH_PATH_MAX];
	int rc;

	th_write_temp(path, text, len);
	opt.no_map = true;
	via_read = th_read_path(path, format, opt, 4096);
	opt.no_map = false;
	opt.map_window = window;
	via_map = th_read_path(path, format, opt, 4096);
	cr_expect_eq(via_map->rc, via_read->rc, "window %zu", window);
	cr_expect_str_eq(via_map->err, via_read->err, "window %zu", window);
	cr_expect_str_eq(via_map->format, via_read->format);
	cr_expect_eq(via_map->n, via_read->n, "window %zu", window);
	if (via_map->n == via_read->n)
		cr_expect(memcmp(via_map->refs, via_read->refs, via_map->n * sizeof(uint32_t)) == 0,
			  "window %zu: references differ", window);
	cr_expect_eq(via_map->sum.lines, via_read->sum.lines, "window %zu", window);
	cr_expect_eq(via_map->sum.records, via_read->sum.records);
	cr_expect_eq(via_map->sum.stray_lines, via_read->sum.stray_lines);
	cr_expect_eq(via_map->sum.first_stray_line, via_read->sum.first_stray_line);
	cr_expect_eq(via_map->sum.bytes, via_read->sum.bytes);
	if (via_read->rc == 0)
		cr_expect_eq(via_map->sum.bytes, len, "window %zu", window);
	rc = via_read->rc;
	th_read_free(via_read);
	th_read_free(via_map);
	unlink(path);
	return rc;
}

/* Lackey lines of 6 to 24 bytes, some with CR, one over-long stray line
 * of 5000 bytes (longer than a one-page window), program output, and an
 * error at the end when asked: the same through every window. */
static char *lackey_text(size_t lines, bool crlf, bool trailing_newline, size_t *len)
{
	size_t cap = lines * 32 + 6000, n = 0;
	char *s = malloc(cap);
	struct rng rng = { 42 };

	cr_assert_not_null(s);
	for (size_t i = 0; i < lines; i++) {
		static const char *const prefix[] = { "I  ", " L ", " S ", " M " };
		/* Below 4 GiB, or in the two regions of a 64-bit stack. */
		unsigned digits = 8 + 2 * rng_below(&rng, 2);
		uint64_t addr = rng_next(&rng) & UINT64_C(0xffffffff);

		if (digits == 10)
			addr = UINT64_C(0x1ffe800000) + (addr & 0x7fffff);

		if (i == lines / 3) {
			memset(s + n, 'x', 5000);
			n += 5000;
			s[n++] = '\n';
			n += (size_t)sprintf(s + n, "program output\n");
		}
		n += (size_t)sprintf(s + n, "%s%0*llx,%u%s\n", prefix[rng_below(&rng, 4)], (int)digits,
				     (unsigned long long)addr, 1 + rng_below(&rng, 16),
				     crlf && i % 3 == 0 ? "\r" : "");
	}
	if (!trailing_newline)
		n--;
	*len = n;
	return s;
}

Test(source, lackey_reads_alike_through_windows_of_every_edge)
{
	size_t page = page_size();
	const size_t windows[] = { 1, page, 2 * page, 5 * page };

	for (int variant = 0; variant < 4; variant++) {
		size_t len;
		char *text = lackey_text(3000, variant & 1, variant & 2, &len);

		for (size_t w = 0; w < ARRAY_LEN(windows); w++) {
			cr_expect_eq(expect_same_through_window(text, len, "lackey",
								TH_OPT(.helper = TRACE_HELPER_NEVER),
								windows[w]), 0);
			cr_expect_eq(expect_same_through_window(text, len, "lackey",
								TH_OPT(.helper = TRACE_HELPER_WAIT),
								windows[w]), 0);
		}
		free(text);
	}
}

/* A file whose size is a whole number of pages, its last line ending
 * exactly there; then the same cut so that a window edge falls on each
 * byte of a line. */
Test(source, lackey_line_ends_on_page_edges)
{
	size_t page = page_size();
	const char *line = " L 0493f350,6\n";   /* 14 bytes */
	size_t per = strlen(line), len = 2 * page;
	char *text = malloc(len + 1);

	cr_assert_not_null(text);
	/* Whole lines, then a program-output line padding to the page. */
	for (size_t at = 0; at < len;) {
		size_t left = len - at;
		if (left >= per + 20 || left == per) {
			memcpy(text + at, line, per);
			at += per;
		} else {
			memset(text + at, 'y', left - 1);
			text[len - 1] = '\n';
			at = len;
		}
	}
	for (size_t cut = 0; cut < 2 * per; cut++)
		cr_expect_eq(expect_same_through_window(text, len - cut, "lackey",
							TH_OPT(.helper = TRACE_HELPER_NEVER), page),
			     0, "cut %zu", cut);
	free(text);
}

/* An error names the line it always named, whichever window holds it. */
Test(source, lackey_errors_name_their_line_through_windows)
{
	size_t len;
	char *text = lackey_text(2000, false, true, &len);
	const char bad[] = " L 0493f350,0\n";   /* access size 0 */
	char *with = malloc(len + sizeof(bad));

	cr_assert_not_null(with);
	memcpy(with, text, len);
	memcpy(with + len, bad, sizeof(bad) - 1);
	cr_expect_eq(expect_same_through_window(with, len + sizeof(bad) - 1, "lackey",
						TH_OPT(.strict = false), page_size()), VT_DATAERR);
	cr_expect_eq(expect_same_through_window(with, len + sizeof(bad) - 1, "lackey",
						TH_OPT(.strict = true), page_size()), VT_DATAERR);
	free(with);
	free(text);
}

/* The other readers take the same source. */
Test(source, seq_and_events_read_alike_through_windows)
{
	size_t page = page_size(), n = 0;
	char *seq = malloc(200000), *events = malloc(200000);

	cr_assert_not_null(seq);
	cr_assert_not_null(events);
	for (unsigned i = 0; n < 3 * page + 100; i++)
		n += (size_t)sprintf(seq + n, "%u%s%s", (i * 2654435761u) % 100000, i % 5 ? "" : "w",
				     i % 17 ? "," : "\n");
	cr_expect_eq(expect_same_through_window(seq, n, "seq", TH_OPT(), page), 0);
	cr_expect_eq(expect_same_through_window(seq, n, "auto", TH_OPT(), 1), 0);
	n = 0;
	for (unsigned i = 0; n < 3 * page + 100; i++) {
		if (i % 50 == 0)
			n += (size_t)sprintf(events + n, "fork 1 %u\n", 2 + i / 50);
		else
			n += (size_t)sprintf(events + n, "%u 1 2 3w\n", i);
	}
	cr_expect_eq(expect_same_through_window(events, n, "events", TH_OPT(), page), 0);
	free(seq);
	free(events);
}

/* An over-long stray last line without a newline is one line and one
 * stray line, whether the whole text is in memory (as the fuzzers read it)
 * or comes from a file a window or a read() at a time, where the reader
 * drops the line as it comes. */
Test(source, an_over_long_last_line_counts_once_however_it_is_read)
{
	size_t page = page_size();
	const size_t windows[] = { page, 2 * page, 8u << 20 };
	const char *head = " L 0493f350,6\n";
	size_t n = strlen(head), len = n + 5000;
	char *text = malloc(len);
	struct trace_reader *r = NULL;
	struct trace_options opt = TH_OPT();
	uint32_t *refs = malloc(sizeof(uint32_t) * 4096);
	size_t got = 0;

	cr_assert_not_null(text);
	memcpy(text, head, n);
	memset(text + n, 'x', 5000);
	cr_assert_eq(trace_open_memory(&r, "mem", text, len, "lackey", &opt), 0);
	cr_assert_not_null(refs);
	cr_assert_eq(trace_next(r, refs, 4096, &got), 0);
	cr_assert_eq(got, 1);
	cr_assert_eq(trace_next(r, refs, 4096, &got), 0);
	cr_assert_eq(got, 0);
	cr_expect_eq(r->sum.lines, 2);
	cr_expect_eq(r->sum.stray_lines, 1);
	trace_close(r);
	for (size_t w = 0; w < ARRAY_LEN(windows); w++) {
		for (int mapped = 0; mapped < 2; mapped++) {
			struct th_read *res = th_read_text_cap(
				text, len, "lackey",
				TH_OPT(.no_map = !mapped, .map_window = windows[w]), 4096);
			cr_expect_eq(res->rc, 0);
			cr_expect_eq(res->n, 1);
			cr_expect_eq(res->sum.lines, 2, "window %zu, %s", windows[w],
				     mapped ? "mapped" : "read()");
			cr_expect_eq(res->sum.stray_lines, 1);
			th_read_free(res);
		}
	}
	free(refs);
	free(text);
}
