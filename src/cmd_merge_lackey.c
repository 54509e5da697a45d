/* cmd_merge_lackey.c - `vmtrace merge-lackey`: per-process lackey traces
 * into one events trace.
 *
 * Notes (the man page says the same).
 *   - `valgrind --trace-children=yes --log-file=trace.%p` writes one lackey
 *     file per process.  A file's process id is the one in its first
 *     `==PID==` line, else the number that ends its name (trace.1234).
 *   - Each file goes through the lackey reader, so page size, splitting of
 *     page-crossing accesses, -D, --first-page-only and stray lines mean
 *     what they mean in `replay`.  The merge writes the reader's page
 *     numbers (addresses above 4 GiB unmapped again, so the events reader
 *     maps them for the whole trace): S and M become `w`, I becomes `x`, L
 *     a bare page.  Replay the result with the same --page-size.
 *   - Scheduling is round-robin over the processes in pid order, a quantum
 *     of N page references each; a process whose trace ends leaves the
 *     rotation with `exit PID`.  No fork lines are written: valgrind's
 *     banner names a child's parent (`Parent PID: N`), but no log says where
 *     in the parent's trace the fork happened, and a fork placed at a guess
 *     would share the wrong pages.  So each process starts with its own
 *     empty address space (no copy-on-write sharing between them).
 *   - It streams: one block of decoded references per input.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "error.h"
#include "exitcodes.h"
#include "options.h"
#include "outfile.h"
#include "ref.h"
#include "trace.h"

#define DEFAULT_QUANTUM 1000
#define MAX_QUANTUM (UINT64_C(1) << 32)
/* References decoded at a time per input: bounded memory per input. */
#define BLOCK 4096
/* Page tokens per output line, to keep lines short enough to read. */
#define TOKENS_PER_LINE 16
/* Valgrind's preamble, where the ==PID== lines are, fits in this. */
#define BANNER_BYTES 4096

static const char usage[] =
	"usage: vmtrace merge-lackey [options] TRACE...\n"
	"\n"
	"Merge per-process lackey traces (valgrind --trace-children=yes\n"
	"--log-file=trace.%p) into one events trace, scheduling the processes\n"
	"round-robin.  A file's process id is that of its ==PID== lines, else the\n"
	"number at the end of its name.\n"
	"\n"
	"  -q, --quantum N          page references per turn (default 1000)\n"
	"  -o, --output FILE        write there instead of stdout\n"
	"  -D, --data-only          drop instruction fetches (lackey I records)\n"
	"      --page-size BYTES    power of two from 1K to 4M (default 4K); replay\n"
	"                           the result with the same page size\n"
	"      --first-page-only    an access counts only the page it starts in\n"
	"      --reject-high        refuse addresses at or above 4 GiB\n"
	"      --strict             lines that are not trace records are errors\n"
	"  -h, --help               show this help\n"
	"  -V, --version            show the version\n";

struct input {
	const char *path;
	uint32_t pid;
	struct trace_reader *r;
	uint32_t *block;
	size_t n, pos;
	bool started;   /* a `PID:` line was written */
	bool done;
};

struct merge_cmd {
	uint64_t quantum;
	const char *output;
	struct trace_options topt;
	struct input *in;
	size_t nin;
};

static int parse(struct merge_cmd *mc, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "quantum", required_argument, NULL, 'q' },
		{ "output", required_argument, NULL, 'o' },
		{ "data-only", no_argument, NULL, 'D' },
		{ "page-size", required_argument, NULL, OPT_PAGE_SIZE },
		{ "first-page-only", no_argument, NULL, OPT_FIRST_PAGE_ONLY },
		{ "reject-high", no_argument, NULL, OPT_REJECT_HIGH },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_common common;
	int c, err;

	/* The shared defaults (page size), without the shared -q (quiet):
	 * here -q is the quantum, and merging shows no progress anyway. */
	cmd_common_init(&common);
	mc->topt = common.topt;
	/* One parsing thread per input would be too many; the inputs are
	 * read in turn anyway. */
	mc->topt.helper = TRACE_HELPER_NEVER;
	mc->quantum = DEFAULT_QUANTUM;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":q:o:DhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			if ((err = opt_parse_u64("--quantum", optarg, 1, MAX_QUANTUM, &mc->quantum)))
				return err;
			break;
		case 'o':
			mc->output = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return -1;
		case 'V':
			cmd_version();
			return -1;
		case '?':
		case ':':
			return cmd_bad_option("merge-lackey", c, argv);
		default:
			common.topt = mc->topt;
			if ((err = cmd_common_option(&common, c, optarg)))
				return err < 0 ? vt_error(VT_SOFTWARE, "unhandled option %d", c) : err;
			mc->topt = common.topt;
	/* One parsing thread per input would be too many; the inputs are
	 * read in turn anyway. */
	mc->topt.helper = TRACE_HELPER_NEVER;
		}
	}
	if (optind >= argc)
		return vt_error(VT_USAGE, "merge-lackey: no trace given\n%s", usage);
	mc->nin = (size_t)(argc - optind);
	if (!(mc->in = calloc(mc->nin, sizeof(*mc->in))))
		return vt_error(VT_SOFTWARE, "out of memory");
	for (size_t i = 0; i < mc->nin; i++) {
		mc->in[i].path = argv[optind + (int)i];
		if (strcmp(mc->in[i].path, "-") == 0)
			return vt_error(VT_USAGE, "merge-lackey: traces are files: their names "
					"give the process ids");
	}
	return 0;
}

/* The pid of a `==PID==` line in buf[0..len), or 0. */
static uint32_t banner_pid(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; ) {
		uint64_t v = 0;
		size_t j = i + 2;
		if (len - i > 4 && buf[i] == '=' && buf[i + 1] == '=') {
			while (j < len && buf[j] >= '0' && buf[j] <= '9' && v < PID_LIMIT)
				v = v * 10 + (uint64_t)(buf[j++] - '0');
			if (j > i + 2 && j + 1 < len && buf[j] == '=' && buf[j + 1] == '=' &&
			    v > 0 && v < PID_LIMIT)
				return (uint32_t)v;
		}
		const char *nl = memchr(buf + i, '\n', len - i);
		if (!nl)
			break;
		i = (size_t)(nl - buf) + 1;
	}
	return 0;
}

/* The number that ends path's name, or 0. */
static uint32_t name_pid(const char *path)
{
	size_t end = strlen(path), start = end;
	uint64_t v = 0;

	while (start > 0 && path[start - 1] >= '0' && path[start - 1] <= '9')
		start--;
	if (start == end || end - start > 7)
		return 0;
	for (size_t i = start; i < end; i++)
		v = v * 10 + (uint64_t)(path[i] - '0');
	return v > 0 && v < PID_LIMIT ? (uint32_t)v : 0;
}

static int by_pid(const void *a, const void *b)
{
	const struct input *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int open_inputs(struct merge_cmd *mc)
{
	int err;

	for (size_t i = 0; i < mc->nin; i++) {
		struct input *in = &mc->in[i];
		if ((err = trace_open(&in->r, in->path, "lackey", &mc->topt)))
			return err;
		/* The start of the file, read now to find the banner (the
		 * first fill may stop after the compression probe's bytes); the
		 * reader parses it from the start all the same. */
		while (!in->r->src.eof && in->r->src.end < BANNER_BYTES)
			if ((err = source_fill(&in->r->src)))
				return err;
		in->pid = banner_pid(in->r->src.buf, in->r->src.end);
		if (!in->pid)
			in->pid = name_pid(in->path);
		if (!in->pid)
			return vt_error(VT_DATAERR, "%s:1: no process id: no ==PID== line at the "
					"start and no number at the end of the name", in->path);
		if (!(in->block = malloc(BLOCK * sizeof(*in->block))))
			return vt_error(VT_SOFTWARE, "out of memory");
	}
	qsort(mc->in, mc->nin, sizeof(*mc->in), by_pid);
	for (size_t i = 1; i < mc->nin; i++)
		if (mc->in[i].pid == mc->in[i - 1].pid)
			return vt_error(VT_USAGE, "merge-lackey: %s and %s are both process %" PRIu32,
					mc->in[i - 1].path, mc->in[i].path, mc->in[i].pid);
	return 0;
}

/* One page token: the trace's page number and the kind's marker. */
static void put_ref(FILE *fp, const struct input *in, uint32_t ref)
{
	static const char *const marker[] = { [REF_READ] = "", [REF_WRITE] = "w",
					      [REF_FETCH] = "x" };
	uint64_t page = addrmap_unmap(&in->r->map, ref_vpn(ref));

	fprintf(fp, "%" PRIu64 "%s", page, marker[ref_kind(ref) & 3]);
}

/* One turn of in: up to quantum references, or its exit. */
static int turn(const struct merge_cmd *mc, struct input *in, FILE *fp)
{
	uint64_t k = 0;
	int err;

	while (k < mc->quantum) {
		if (in->pos == in->n) {
			in->pos = 0;
			if ((err = trace_next(in->r, in->block, BLOCK, &in->n)))
				return err;
			if (in->n == 0) {
				in->done = true;
				break;
			}
		}
		if (k == 0)
			fprintf(fp, "%" PRIu32 ":", in->pid);
		else if (k % TOKENS_PER_LINE == 0)
			fputs("\n   ", fp);
		fputc(' ', fp);
		put_ref(fp, in, in->block[in->pos++]);
		k++;
	}
	if (k > 0) {
		fputc('\n', fp);
		in->started = true;
	}
	/* A process that never referenced a page never came to be. */
	if (in->done && in->started)
		fprintf(fp, "exit %" PRIu32 "\n", in->pid);
	return 0;
}

static int merge(struct merge_cmd *mc, FILE *fp)
{
	size_t alive = mc->nin;
	int err;

	fprintf(fp, "# vmtrace merge-lackey: %zu processes, round-robin, quantum %" PRIu64
		" references, %u-byte pages\n", mc->nin, mc->quantum, 1u << mc->topt.page_shift);
	while (alive > 0) {
		for (size_t i = 0; i < mc->nin; i++) {
			if (mc->in[i].done)
				continue;
			if ((err = turn(mc, &mc->in[i], fp)))
				return err;
			if (mc->in[i].done)
				alive--;
		}
		if (ferror(fp))
			return vt_error(VT_IOERR, "merge-lackey: write error");
	}
	return 0;
}

int cmd_merge_lackey(int argc, char **argv)
{
	struct merge_cmd mc = {0};
	struct outfile of = {0};
	bool opened = false;
	int err = parse(&mc, argc, argv);

	if (err == 0)
		err = open_inputs(&mc);
	if (err == 0 && (err = outfile_open(&of, mc.output)) == 0)
		opened = true;
	if (err == 0)
		err = merge(&mc, of.fp);
	if (opened) {
		if (err == 0)
			err = outfile_commit(&of);
		else
			outfile_abort(&of);
	}
	for (size_t i = 0; mc.in && i < mc.nin; i++) {
		trace_close(mc.in[i].r);
		free(mc.in[i].block);
	}
	free(mc.in);
	return err < 0 ? 0 : err;
}
