/* cmd_thrash.c - `vmtrace thrash`: throughput against the degree of
 * multiprogramming.
 *
 * Notes (the man page says the same).
 *   - For K = K1 .. K2, K copies of one workload trace run as K processes
 *     (pids 1 .. K), each with its own address space, scheduled round-robin
 *     with a quantum of Q references, under one machine of FRAMES frames
 *     and global replacement.  A copy whose trace ends exits (its frames go
 *     back to the pool).  The combined stream is the events words ref.h
 *     describes, built in memory for one K at a time: K x the workload's
 *     references, plus a switch word per turn.
 *   - Time is the cost model's (cost.h, default device ssd), split in two:
 *     CPU time (memory references, walks, minor faults, zswap work, copies)
 *     and device time (swap-ins, file reads, swap-outs, pool write-backs).
 *     One process waits for each of its transfers: elapsed = CPU + device.
 *     With two or more, the device works while another process computes:
 *     elapsed = max(CPU, device), the ideal overlap of a multiprogrammed
 *     machine with one CPU and one device (an upper bound on the overlap a
 *     real scheduler gets).  So the curve rises while added copies fit and
 *     overlap their I/O, then collapses when faults make the device the
 *     bottleneck: the classic thrashing curve.
 *   - throughput = references / elapsed time (references per
 *     microsecond); cpu utilisation = time on hits (hits x the hit latency)
 *     / elapsed time.
 *   - A run whose swap area fills stops there (an OOM, as in replay): its
 *     row counts only what ran, and says out_of_memory.
 */
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cost.h"
#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "memopts.h"
#include "options.h"
#include "outfile.h"
#include "plot.h"
#include "ref.h"
#include "replay.h"

#define DEFAULT_QUANTUM 1000
#define DEFAULT_MAX_COPIES 8
/* A copy is a process: pids run below PID_LIMIT; more copies than this
 * would not make a readable curve anyway. */
#define MAX_COPIES 4096

enum { OPT_QUANTUM = 400 };

static const char usage[] =
	"usage: vmtrace thrash -n FRAMES [options] WORKLOAD\n"
	"\n"
	"Run K = 1, 2, ... copies of a workload trace (seq or lackey) as K\n"
	"processes, round-robin, in FRAMES frames with global replacement, and\n"
	"report for each K the throughput (references per simulated microsecond)\n"
	"and the CPU utilisation (time on hits / elapsed time); with two or more\n"
	"copies the device's time overlaps the CPU's (elapsed = max of the two).\n"
	"\n"
	"  -n, --frames N           frames of the machine (required)\n"
	"  -k, --copies RANGE       K from A to B: A-B, or N for 1-N (default 1-8)\n"
	"  -p, --policy NAME        the replacement policy (default lru)\n"
	"      --quantum N          references per turn (default 1000)\n"
	"      --plot FILE          chart throughput and CPU utilisation against K with\n"
	"                           gnuplot: FILE.png or FILE.svg\n"
	"      --plot-script FILE   keep the gnuplot script that drew the chart\n"
	"  -t, --format FORMAT      auto (default), seq or lackey\n"
	"  -D, --data-only          drop instruction fetches (lackey I records)\n"
	"      --page-size BYTES    power of two from 1K to 4M (default 4K)\n"
	"      --first-page-only    an access counts only the page it starts in\n"
	"      --reject-high        refuse addresses at or above 4 GiB\n"
	"      --strict             lines that are not trace records are errors\n"
	"  -O, --output-format FMT  text (default), json or csv\n"
	"  -o, --output FILE        write there (format from .json/.csv) instead of stdout\n"
	"  -q, --quiet              no progress line on a terminal\n"
	"  -h, --help               show this help\n"
	"  -V, --version            show the version\n";

struct thrash_point {
	uint64_t copies;
	struct machine_counters c;
	struct cost_breakdown bd;
	double cpu_ns, io_ns;  /* the cost model's time, split */
	double elapsed_ns;     /* with the overlap (see the notes above) */
	double throughput;     /* references per microsecond */
	double cpu;            /* time on hits / elapsed time */
};

struct thrash_cmd {
	struct cmd_common common;
	struct mem_options memo;
	struct policy_choice *policy;
	size_t npolicies;
	uint64_t frames;
	uint64_t kmin, kmax;
	uint64_t quantum;
	const char *trace;
	struct plot_options plot;
};

/* "A-B" or "N" (1-N). */
static int parse_copies(const char *arg, uint64_t *lo, uint64_t *hi)
{
	const char *dash = strchr(arg, '-');
	char a[32];
	int err;

	if (!dash) {
		*lo = 1;
		return opt_parse_u64("--copies", arg, 1, MAX_COPIES, hi);
	}
	if ((size_t)(dash - arg) >= sizeof(a))
		return vt_error(VT_USAGE, "--copies: '%s' is not a range like 1-8", arg);
	memcpy(a, arg, (size_t)(dash - arg));
	a[dash - arg] = '\0';
	if ((err = opt_parse_u64("--copies", a, 1, MAX_COPIES, lo)) ||
	    (err = opt_parse_u64("--copies", dash + 1, 1, MAX_COPIES, hi)))
		return err;
	if (*lo > *hi)
		return vt_error(VT_USAGE, "--copies: '%s' runs backwards", arg);
	return 0;
}

static int parse(struct thrash_cmd *tc, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "frames", required_argument, NULL, 'n' },
		{ "copies", required_argument, NULL, 'k' },
		{ "policy", required_argument, NULL, 'p' },
		{ "quantum", required_argument, NULL, OPT_QUANTUM },
		{ "plot", required_argument, NULL, OPT_PLOT },
		{ "plot-script", required_argument, NULL, OPT_PLOT_SCRIPT },
		MEM_LONGOPTS,
		CMD_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	const char *policy_arg = "lru";
	int c, err;

	cmd_common_init(&tc->common);
	mem_options_init(&tc->memo);
	tc->kmin = 1;
	tc->kmax = DEFAULT_MAX_COPIES;
	tc->quantum = DEFAULT_QUANTUM;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, CMD_COMMON_SHORTOPTS "n:k:p:", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if ((err = opt_parse_u64("--frames", optarg, 1, MAX_FRAMES, &tc->frames)))
				return err;
			break;
		case 'k':
			if ((err = parse_copies(optarg, &tc->kmin, &tc->kmax)))
				return err;
			break;
		case 'p':
			policy_arg = optarg;
			break;
		case OPT_QUANTUM:
			if ((err = opt_parse_u64("--quantum", optarg, 1, UINT32_MAX, &tc->quantum)))
				return err;
			break;
		case OPT_PLOT:
			if (!plot_file_ok(optarg))
				return vt_error(VT_USAGE, "--plot: the chart file must end in .png or .svg ('%s')",
						optarg);
			tc->plot.output = optarg;
			break;
		case OPT_PLOT_SCRIPT:
			tc->plot.script = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			printf("\nMemory model and cost:\n%s", mem_options_usage);
			return -1;
		case 'V':
			cmd_version();
			return -1;
		case '?':
		case ':':
			return cmd_bad_option("thrash", c, argv);
		default:
			if ((err = cmd_memory_option(&tc->common, &tc->memo, c, optarg)))
				return err;
		}
	}
	if ((err = cmd_take_trace("thrash", argc, argv, usage, &tc->trace)))
		return err;
	if (tc->frames == 0)
		return vt_error(VT_USAGE, "thrash: the machine needs a frame count: -n N");
	if (tc->plot.script && !tc->plot.output)
		return vt_error(VT_USAGE, "thrash: --plot-script goes with --plot FILE");
	cmd_common_finish(&tc->common);
	/* Time is what this command measures: the cost model is always on. */
	tc->memo.cost_on = true;
	if ((err = mem_options_finish(&tc->memo, tc->common.topt.page_shift)))
		return err;
	if ((err = opt_parse_policies(policy_arg, &tc->policy, &tc->npolicies)))
		return err;
	if (tc->npolicies != 1)
		return vt_error(VT_USAGE, "thrash: one policy at a time (-p %s)", policy_arg);
	if (tc->policy->ops->flags & (POLICY_NEEDS_FUTURE | POLICY_WINDOW))
		return vt_error(VT_USAGE, "thrash: %s cannot follow several processes; choose "
				"another with -p, e.g. -p lru", tc->policy->ops->name);
	return mem_options_check(&tc->memo, tc->policy->ops);
}

/*
 * build_stream - K copies of work[0..n) round-robin: the events words of
 * ref.h.  Process 1 runs at the start, as in an events trace, so its first
 * turn needs no switch.  Return: 0 with *out (free() it) and *len, or
 * VT_SOFTWARE when it does not fit in memory.
 */
static int build_stream(const uint32_t *work, size_t n, uint64_t k, uint64_t quantum,
			uint32_t **out, size_t *len)
{
	size_t turns = n / quantum + (n % quantum != 0);
	size_t cap, i = 0;
	uint32_t *s;

	/* K x (n references + a switch per turn + an exit); n + turns + 1
	 * cannot overflow, work[] being in memory. */
	if (n + turns + 1 > SIZE_MAX / sizeof(*s) / k)
		return vt_error(VT_SOFTWARE, "thrash: %" PRIu64 " copies do not fit in memory", k);
	cap = (size_t)k * (n + turns + 1);
	if (!(s = malloc((cap ? cap : 1) * sizeof(*s))))
		return vt_error(VT_SOFTWARE, "thrash: out of memory for %" PRIu64 " copies", k);
	for (size_t t = 0; t < turns; t++) {
		size_t from = t * quantum, to = n - from < quantum ? n : from + quantum;
		for (uint64_t p = 1; p <= k; p++) {
			if (k > 1 && !(t == 0 && p == 1))
				s[i++] = ref_event_make(EVENT_SWITCH, (uint32_t)p);
			memcpy(s + i, work + from, (to - from) * sizeof(*s));
			i += to - from;
			if (to == n)
				s[i++] = ref_event_make(EVENT_EXIT, (uint32_t)p);
		}
	}
	*out = s;
	*len = i;
	return 0;
}

static int run_point(const struct thrash_cmd *tc, const struct ref_vec *work, unsigned shift,
		     struct thrash_point *pt)
{
	struct replay_run run = { .policy = tc->policy, .frames = (uint32_t)tc->frames,
				  .mem = &tc->memo.mem, .processes = true };
	uint32_t *s = NULL;
	size_t len = 0;
	int err = build_stream(work->v, work->n, pt->copies, tc->quantum, &s, &len);

	if (err)
		return err;
	err = replay_refs(s, len, NULL, shift, &run, 1, false);
	free(s);
	replay_runs_release(&run, 1);
	if (err)
		return err;
	if (run.c.oom)
		vt_warn("%" PRIu64 " copies: out of memory at reference %" PRIu64 ": the swap "
			"area is full; the run stopped there", pt->copies, run.c.oom_reference + 1);
	pt->c = run.c;
	cost_compute(&tc->memo.cost, &run.c, &pt->bd);
	pt->io_ns = pt->bd.ns[EV_SWAP_INS] + pt->bd.ns[EV_FILE_READS] + pt->bd.ns[EV_SWAP_OUTS] +
		    pt->bd.ns[EV_ZSWAP_WRITEBACKS];
	pt->cpu_ns = pt->bd.total_ns - pt->io_ns;
	pt->elapsed_ns = pt->copies < 2 ? pt->bd.total_ns
			 : pt->cpu_ns > pt->io_ns ? pt->cpu_ns : pt->io_ns;
	pt->throughput = pt->elapsed_ns > 0 ? (double)run.c.references / (pt->elapsed_ns / 1e3) : 0;
	pt->cpu = pt->elapsed_ns > 0 ?
		  (double)run.c.hits * tc->memo.cost.ns[COST_HIT] / pt->elapsed_ns : 0;
	return 0;
}

static void write_text(FILE *fp, const struct thrash_cmd *tc, const char *format, size_t n,
		       const struct thrash_point *pts, size_t npts)
{
	fprintf(fp, "workload   %s (%s), %zu references a copy\n", tc->trace, format, n);
	fprintf(fp, "machine    %" PRIu64 " frames, %s, global replacement, quantum %" PRIu64
		", device %s\n\n", tc->frames, tc->policy->name, tc->quantum, tc->memo.cost.device);
	fprintf(fp, "%6s %12s %10s %10s %10s %14s %10s %7s\n", "copies", "references", "faults",
		"major", "writebacks", "time_us", "refs/us", "cpu%");
	for (size_t i = 0; i < npts; i++) {
		const struct thrash_point *p = &pts[i];
		fprintf(fp, "%6" PRIu64 " %12" PRIu64 " %10" PRIu64 " %10" PRIu64 " %10" PRIu64
			" %14.3f %10.3f %7.2f%s\n", p->copies, p->c.references, p->c.faults,
			p->c.major_faults, p->c.writebacks, p->elapsed_ns / 1e3, p->throughput,
			100 * p->cpu, p->c.oom ? "  out of memory" : "");
	}
}

static const char csv_header[] =
	"copies,references,faults,major_faults,writebacks,time_ns,cpu_ns,io_ns,throughput,"
	"cpu_utilisation,out_of_memory";

static void write_csv(FILE *fp, const struct thrash_point *pts, size_t npts)
{
	fprintf(fp, "%s\r\n", csv_header);
	for (size_t i = 0; i < npts; i++) {
		const struct thrash_point *p = &pts[i];
		fprintf(fp, "%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
			",%.10g,%.10g,%.10g,%.10g,%.10g,%s\r\n", p->copies, p->c.references,
			p->c.faults, p->c.major_faults, p->c.writebacks, p->elapsed_ns, p->cpu_ns,
			p->io_ns, p->throughput, p->cpu,
			p->c.oom ? "true" : "false");
	}
}

static int write_json(FILE *fp, const struct thrash_cmd *tc, const char *format,
		      const struct thrash_point *pts, size_t npts)
{
	json_t *doc, *rows = json_array();
	int err = 0;

	if (!rows)
		return vt_error(VT_SOFTWARE, "out of memory");
	for (size_t i = 0; i < npts && !err; i++) {
		const struct thrash_point *p = &pts[i];
		json_t *row = json_pack("{s:I,s:I,s:I,s:I,s:I,s:f,s:f,s:f,s:f,s:f,s:b}",
					"copies", (json_int_t)p->copies,
					"references", (json_int_t)p->c.references,
					"faults", (json_int_t)p->c.faults,
					"major_faults", (json_int_t)p->c.major_faults,
					"writebacks", (json_int_t)p->c.writebacks,
					"time_ns", p->elapsed_ns, "cpu_ns", p->cpu_ns,
					"io_ns", p->io_ns, "throughput", p->throughput,
					"cpu_utilisation", p->cpu,
					"out_of_memory", (int)p->c.oom);
		if (!row || json_array_append_new(rows, row))
			err = vt_error(VT_SOFTWARE, "out of memory");
	}
	if (err) {
		json_decref(rows);
		return err;
	}
	doc = json_pack("{s:s,s:s,s:s,s:s,s:I,s:I,s:s,s:o}", "command", "thrash",
			"trace", tc->trace, "format", format, "policy", tc->policy->name,
			"frames", (json_int_t)tc->frames, "quantum", (json_int_t)tc->quantum,
			"device", tc->memo.cost.device, "results", rows);
	if (!doc)
		return vt_error(VT_SOFTWARE, "out of memory");
	if (json_dumpf(doc, fp, JSON_INDENT(2) | JSON_SORT_KEYS) != 0 || fputc('\n', fp) == EOF)
		err = vt_error(VT_IOERR, "thrash: write error");
	json_decref(doc);
	return err;
}

static int write_result(const struct thrash_cmd *tc, const char *format, size_t n,
			const struct thrash_point *pts, size_t npts)
{
	struct outfile of;
	const char *fmt = tc->common.out->name;
	int err = outfile_open(&of, tc->common.output);

	if (err)
		return err;
	if (strcmp(fmt, "json") == 0)
		err = write_json(of.fp, tc, format, pts, npts);
	else if (strcmp(fmt, "csv") == 0)
		write_csv(of.fp, pts, npts);
	else
		write_text(of.fp, tc, format, n, pts, npts);
	if (err) {
		outfile_abort(&of);
		return err;
	}
	return outfile_commit(&of);
}

/* --plot: the data stands even when gnuplot is missing (said so). */
static int draw_chart(const struct thrash_cmd *tc, const struct thrash_point *pts, size_t npts)
{
	struct plot_thrash_row *rows = calloc(npts ? npts : 1, sizeof(*rows));
	char machine[160];
	int err;

	if (!rows)
		return vt_error(VT_SOFTWARE, "out of memory");
	for (size_t i = 0; i < npts; i++)
		rows[i] = (struct plot_thrash_row){ pts[i].copies, pts[i].throughput, pts[i].cpu,
						    pts[i].c.oom };
	snprintf(machine, sizeof(machine), "%" PRIu64 " frames, %s, device %s", tc->frames,
		 tc->policy->name, tc->memo.cost.device);
	err = plot_thrash(tc->trace, machine, rows, npts, &tc->plot);
	free(rows);
	return err == PLOT_NO_GNUPLOT ? 0 : err;
}

int cmd_thrash(int argc, char **argv)
{
	struct thrash_cmd tc = {0};
	struct trace_reader *r = NULL;
	struct ref_vec work = {0};
	struct thrash_point *pts = NULL;
	size_t npts = 0;
	int err = parse(&tc, argc, argv);

	if (err == 0)
		err = trace_open(&r, tc.trace, tc.common.format, &tc.common.topt);
	if (err == 0 && trace_has_events(r))
		err = vt_error(VT_USAGE, "thrash: the workload is one process (seq or lackey); "
			       "%s is an events trace", tc.trace);
	if (err == 0) {
		struct progress prog;
		progress_init(&prog, "reading", r->src.size, tc.common.quiet);
		err = ref_vec_read_all(&work, r, &prog);
		progress_done(&prog);
	}
	if (err == 0 && work.n == 0)
		err = vt_error(VT_DATAERR, "%s: no references", tc.trace);
	if (err == 0 && !(pts = calloc(tc.kmax - tc.kmin + 1, sizeof(*pts))))
		err = vt_error(VT_SOFTWARE, "out of memory");
	for (uint64_t k = tc.kmin; err == 0 && k <= tc.kmax; k++) {
		pts[npts].copies = k;
		if ((err = run_point(&tc, &work, r->opt.page_shift, &pts[npts])) == 0)
			npts++;
	}
	if (err == 0)
		err = write_result(&tc, r->format->name, work.n, pts, npts);
	if (err == 0 && tc.plot.output)
		err = draw_chart(&tc, pts, npts);
	free(pts);
	ref_vec_release(&work);
	trace_close(r);
	free(tc.policy);
	return err < 0 ? 0 : err;
}
