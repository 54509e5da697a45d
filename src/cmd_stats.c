/* cmd_stats.c - `vmtrace stats`: what a trace holds. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "progress.h"
#include "ref.h"

static const char usage[] =
	"usage: vmtrace stats [options] TRACE\n"
	"\n"
	"Describe a trace: references by kind, distinct pages, footprint, the\n"
	"address range and how addresses above 4 GiB were mapped.\n"
	"\n"
	"  -t, --format FORMAT      auto (default), seq, lackey or events\n"
	"  -D, --data-only          drop instruction fetches (lackey I records)\n"
	"      --page-size BYTES    power of two from 1K to 4M (default 4K)\n"
	"      --first-page-only    an access counts only the page it starts in\n"
	"      --reject-high        refuse addresses at or above 4 GiB\n"
	"      --strict             lines that are not trace records are errors\n"
	"  -O, --output-format FMT  text (default), json or csv\n"
	"  -o, --output FILE        write there instead of stdout\n"
	"  -q, --quiet              no progress line on a terminal\n"
	"  -h, --help               show this help\n"
	"  -V, --version            show the version\n";

static int parse(struct cmd_common *c, const char **trace, int argc, char **argv)
{
	static const struct option longopts[] = {
		CMD_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	int opt, err;

	cmd_common_init(c);
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, CMD_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(usage, stdout);
			return -1;
		case 'V':
			cmd_version();
			return -1;
		case '?':
		case ':':
			return cmd_bad_option("stats", opt, argv);
		default:
			err = cmd_common_option(c, opt, optarg);
			if (err)
				return err < 0 ? vt_error(VT_SOFTWARE, "unhandled option %d", opt) : err;
		}
	}
	if ((err = cmd_take_trace("stats", argc, argv, usage, trace)))
		return err;
	cmd_common_finish(c);
	return 0;
}

/* Distinct pages and page tables, from a bitmap over the 32-bit page space. */
static int scan(struct trace_reader *r, bool quiet, uint64_t *distinct, uint64_t *tables)
{
	uint32_t npages = vpn_space(r->opt.page_shift);
	uint32_t ntables = pgdir_entries(r->opt.page_shift);
	uint64_t *bits = calloc(npages / 64 + 1, sizeof(uint64_t));
	uint8_t *table = calloc(ntables, 1);
	uint32_t *block = malloc(sizeof(uint32_t) * 65536);
	struct progress prog;
	int err = 0;

	progress_init(&prog, "reading", r->src.size, quiet);
	*distinct = *tables = 0;
	if (!bits || !table || !block)
		err = vt_error(VT_SOFTWARE, "out of memory");
	while (!err) {
		size_t got;
		if ((err = trace_next(r, block, 65536, &got)) || got == 0)
			break;
		for (size_t i = 0; i < got; i++) {
			/* Pages of all processes: the same number counts once. */
			uint32_t vpn = ref_vpn(block[i]);
			uint64_t bit;
			if (ref_is_event(block[i]))
				continue;
			bit = UINT64_C(1) << (vpn & 63);
			if (!(bits[vpn >> 6] & bit)) {
				bits[vpn >> 6] |= bit;
				++*distinct;
				if (!table[vpn >> PTE_INDEX_BITS]) {
					table[vpn >> PTE_INDEX_BITS] = 1;
					++*tables;
				}
			}
		}
		progress_update(&prog, trace_bytes_read(r), r->sum.references);
	}
	progress_done(&prog);
	free(bits);
	free(table);
	free(block);
	return err;
}

static int write_stats(const struct output_format *f, FILE *fp, const struct report *rep)
{
	return f->stats(fp, rep);
}

int cmd_stats(int argc, char **argv)
{
	struct cmd_common c;
	struct trace_reader *r = NULL;
	const char *trace = NULL;
	uint64_t distinct = 0, tables = 0;
	int err = parse(&c, &trace, argc, argv);

	if (err == 0 && strcmp(trace, "-") == 0 && isatty(STDIN_FILENO))
		vt_warn("reading the trace from the terminal; end it with Ctrl-D");
	if (err == 0)
		err = trace_open(&r, trace, c.format, &c.topt);
	if (err == 0)
		err = scan(r, c.quiet, &distinct, &tables);
	if (err == 0) {
		struct report rep = {
			.command = "stats",
			.trace_path = trace,
			.format = r->format->name,
			.topt = &r->opt,
			.sum = &r->sum,
			.map = &r->map,
			.distinct_pages = distinct,
			.page_tables = tables,
		};
		err = cmd_write_report(&c, &rep, write_stats);
	}
	trace_close(r);
	return err < 0 ? 0 : err;
}
