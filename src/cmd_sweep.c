/* cmd_sweep.c - `vmtrace sweep`: fault curves and Belady anomalies. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "memopts.h"
#include "options.h"
#include "plot.h"
#include "ref.h"
#include "replay.h"
#include "sweep.h"

#define MAX_TAU (UINT64_C(1) << 28)
#define MAX_THREADS 256

static const char usage[] =
	"usage: vmtrace sweep [options] TRACE\n"
	"\n"
	"Faults for every frame count in a range, for each policy, and every point\n"
	"where more frames gave more faults (Belady's anomaly).  LRU, OPT and WS\n"
	"take one pass for the whole curve; the other policies are simulated per\n"
	"frame count (pff: per --tau), in parallel.\n"
	"\n"
	"  -p, --policy LIST        policies, comma-separated, or all (default: all,\n"
	"                           meaning the frame policies with -n, ws and pff\n"
	"                           with --tau)\n"
	"  -n, --frames RANGE       LO-HI or LO-HI:STEP, or all (1 .. distinct pages)\n"
	"      --tau RANGE          working-set windows, LO-HI[:STEP]\n"
	"  -j, --jobs N             threads for simulated policies and side-by-side\n"
	"                           one-pass curves (default: cores)\n"
	"  -t, --format FORMAT      auto (default), seq or lackey\n"
	"  -D, --data-only          drop instruction fetches (lackey I records)\n"
	"      --page-size BYTES    power of two from 1K to 4M (default 4K)\n"
	"      --first-page-only    an access counts only the page it starts in\n"
	"      --reject-high        refuse addresses at or above 4 GiB\n"
	"      --strict             lines that are not trace records are errors\n"
	"  -O, --output-format FMT  text (default), json or csv\n"
	"  -o, --output FILE        write there (format from .json/.csv) instead of stdout\n"
	"      --plot FILE          also draw the curves with gnuplot: FILE.png or FILE.svg\n"
	"                           (with a cost option, simulated time by frames too)\n"
	"      --plot-script FILE   keep the gnuplot script that drew the chart\n"
	"      --log                miss-ratio chart on a log frame axis (automatic\n"
	"                           above 1000 frames)\n"
	"  -q, --quiet              no progress line on a terminal\n"
	"  -h, --help               show this help\n"
	"  -V, --version            show the version\n";

struct sweep_cmd {
	struct cmd_common common;
	struct policy_choice *policies;
	size_t npolicies;
	struct sweep_range frames, taus;
	bool have_frames, have_taus;
	unsigned jobs;
	const char *trace;
	struct plot_options plot;
	struct mem_options memo;
};

static int parse(struct sweep_cmd *sc, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "frames", required_argument, NULL, 'n' },
		{ "tau", required_argument, NULL, OPT_TAU },
		{ "jobs", required_argument, NULL, 'j' },
		{ "plot", required_argument, NULL, OPT_PLOT },
		{ "plot-script", required_argument, NULL, OPT_PLOT_SCRIPT },
		{ "log", no_argument, NULL, OPT_LOG },
		MEM_LONGOPTS,
		CMD_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	const char *policy_arg = NULL;
	uint64_t v;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int c, err;

	cmd_common_init(&sc->common);
	mem_options_init(&sc->memo);
	sc->jobs = cores > 0 ? (unsigned)(cores < MAX_THREADS ? cores : MAX_THREADS) : 1;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, CMD_COMMON_SHORTOPTS "p:n:j:", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			policy_arg = optarg;
			break;
		case 'n':
			if ((err = sweep_parse_range("--frames", optarg, MAX_FRAMES, true, &sc->frames)))
				return err;
			sc->have_frames = true;
			break;
		case OPT_TAU:
			if ((err = sweep_parse_range("--tau", optarg, MAX_TAU, false, &sc->taus)))
				return err;
			sc->have_taus = true;
			break;
		case 'j':
			if ((err = opt_parse_u64("--jobs", optarg, 1, MAX_THREADS, &v)))
				return err;
			sc->jobs = (unsigned)v;
			break;
		case OPT_PLOT:
			if (!plot_file_ok(optarg))
				return vt_error(VT_USAGE, "--plot: the chart file must end in .png or .svg ('%s')",
						optarg);
			sc->plot.output = optarg;
			break;
		case OPT_PLOT_SCRIPT:
			sc->plot.script = optarg;
			break;
		case OPT_LOG:
			sc->plot.log_frames = true;
			break;
		case 'h':
			fputs(usage, stdout);
			printf("\nMemory model and cost (every point is then a replay):\n%s",
			       mem_options_usage);
			return -1;
		case 'V':
			cmd_version();
			return -1;
		case '?':
		case ':':
			return cmd_bad_option("sweep", c, argv);
		default:
			if ((err = cmd_memory_option(&sc->common, &sc->memo, c, optarg)))
				return err;
		}
	}
	if ((err = cmd_take_trace("sweep", argc, argv, usage, &sc->trace)))
		return err;
	cmd_common_finish(&sc->common);
	if ((err = mem_options_finish(&sc->memo, sc->common.topt.page_shift)))
		return err;
	/* A sweep runs plain traces (one process), where every allocation is
	 * global: a local one would only promise something it cannot show. */
	if (sc->memo.mem.alloc != ALLOC_GLOBAL)
		return vt_error(VT_USAGE, "sweep: --alloc is for replay (events traces)");
	if (sc->memo.nodes.frames_given)
		return vt_error(VT_USAGE, "sweep: the frames vary, so --numa takes a node count "
				"(nodes share each point's frames), not each node's frames");
	if ((sc->plot.script || sc->plot.log_frames) && !sc->plot.output)
		return vt_error(VT_USAGE, "sweep: --plot-script and --log go with --plot FILE");
	/* "all" (and the default) means every policy whose axis was given:
	 * the frame policies with -n, ws with --tau. */
	if (!policy_arg || strcmp(policy_arg, "all") == 0) {
		size_t k = 0;
		if ((err = opt_parse_policies("all", &sc->policies, &sc->npolicies)))
			return err;
		for (size_t i = 0; i < sc->npolicies; i++) {
			int window = (sc->policies[i].ops->flags & POLICY_WINDOW) != 0;
			if (window ? sc->have_taus : sc->have_frames)
				sc->policies[k++] = sc->policies[i];
		}
		sc->npolicies = k;
		if (k == 0)
			return vt_error(VT_USAGE, "sweep: give frame counts (-n LO-HI, or all) or "
					"working-set windows (--tau LO-HI)");
	} else if ((err = opt_parse_policies(policy_arg, &sc->policies, &sc->npolicies))) {
		return err;
	}
	for (size_t i = 0; i < sc->npolicies; i++) {
		const struct policy_ops *p = sc->policies[i].ops;
		if ((err = mem_options_check(&sc->memo, p)))
			return err;
		if ((p->flags & POLICY_WINDOW) && !sc->have_taus)
			return vt_error(VT_USAGE, "sweep: policy %s sweeps a window: --tau LO-HI", p->name);
		if (!(p->flags & POLICY_WINDOW) && !sc->have_frames)
			return vt_error(VT_USAGE, "sweep: policy %s needs frame counts: -n LO-HI or -n all",
					p->name);
	}
	return 0;
}

/* Distinct pages of the decoded trace. */
static int count_distinct(const uint32_t *refs, size_t n, unsigned page_shift, uint64_t *out)
{
	uint32_t pages = vpn_space(page_shift);
	uint64_t *bits = calloc(pages / 64 + 1, sizeof(uint64_t));
	uint64_t d = 0;

	if (!bits)
		return vt_error(VT_SOFTWARE, "out of memory");
	for (size_t i = 0; i < n; i++) {
		uint32_t vpn = ref_vpn(refs[i]);
		uint64_t bit = UINT64_C(1) << (vpn & 63);
		d += !(bits[vpn >> 6] & bit);
		bits[vpn >> 6] |= bit;
	}
	free(bits);
	*out = d;
	return 0;
}

static int write_sweep(const struct output_format *f, FILE *fp, const struct report *rep)
{
	return f->sweep(fp, rep);
}

int cmd_sweep(int argc, char **argv)
{
	struct sweep_cmd sc = {0};
	struct trace_reader *r = NULL;
	struct ref_vec vec = {0};
	struct sweep_curve *curves = NULL;
	struct sweep_input in = {0};
	uint64_t *fx = NULL, *tx = NULL;
	size_t nfx = 0, ntx = 0, ncurves = 0;
	struct progress prog;
	int err = parse(&sc, argc, argv);

	/* An events trace's "node" lines must name nodes the machine has. */
	sc.common.topt.nodes = sc.memo.nodes.numa ? sc.memo.nodes.nodes : 0;
	if (err == 0 && strcmp(sc.trace, "-") == 0 && isatty(STDIN_FILENO))
		vt_warn("reading the trace from the terminal; end it with Ctrl-D");
	if (err == 0)
		err = trace_open(&r, sc.trace, sc.common.format, &sc.common.topt);
	/* One-pass curves and next-use know one address space only. */
	if (err == 0 && trace_has_events(r))
		err = vt_error(VT_USAGE, "sweep: %s is an events trace (several processes); "
			       "sweep cannot replay processes: use vmtrace replay -n N", r->src.name);
	if (err == 0) {
		progress_init(&prog, "reading", r->src.size, sc.common.quiet);
		err = ref_vec_read_all(&vec, r, &prog);
		progress_done(&prog);
	}
	if (err == 0) {
		in = (struct sweep_input){ .refs = vec.v, .n = vec.n,
					   .page_shift = r->opt.page_shift,
					   .mem = sc.memo.memory_on ? &sc.memo.mem : NULL };
		err = count_distinct(vec.v, vec.n, r->opt.page_shift, &in.distinct);
	}
	if (err == 0 && sc.have_frames)
		err = sweep_range_values(&sc.frames, in.distinct, &fx, &nfx);
	/* The node layer's limits, before any point runs (in parallel, a
	 * machine refusing its frames would say so once per point). */
	for (size_t i = 0; err == 0 && i < nfx; i++)
		err = mem_options_frames(&sc.memo, (uint32_t)fx[i]);
	if (err == 0 && sc.have_taus)
		err = sweep_range_values(&sc.taus, 0, &tx, &ntx);
	if (err == 0 && !(curves = calloc(sc.npolicies, sizeof(*curves))))
		err = vt_error(VT_SOFTWARE, "out of memory");
	if (err == 0) {
		ncurves = sc.npolicies;
		err = sweep_run_all(&in, sc.policies, sc.npolicies, fx, nfx, tx, ntx, sc.jobs,
				    sc.common.quiet, curves);
	}
	if (err == 0) {
		struct report rep = {
			.command = "sweep",
			.trace_path = sc.trace,
			.format = r->format->name,
			.topt = &r->opt,
			.sum = &r->sum,
			.map = &r->map,
			.curves = curves,
			.ncurves = ncurves,
			.frame_range = sc.have_frames ? &sc.frames : NULL,
			.tau_range = sc.have_taus ? &sc.taus : NULL,
			.memo = &sc.memo,
		};
		err = cmd_write_report(&sc.common, &rep, write_sweep);
		if (err == 0 && sc.plot.output) {
			/* The chart draws the very document -O json writes. */
			json_t *doc = report_sweep_json(&rep);
			err = doc ? plot_sweep(doc, &sc.plot) : vt_error(VT_SOFTWARE, "out of memory");
			json_decref(doc);
			if (err == PLOT_NO_GNUPLOT)
				err = 0; /* said so; the data stands */
		}
	}
	for (size_t i = 0; i < ncurves; i++)
		sweep_curve_release(&curves[i]);
	free(curves);
	free(fx);
	free(tx);
	ref_vec_release(&vec);
	trace_close(r);
	free(sc.policies);
	return err < 0 ? 0 : err;
}
