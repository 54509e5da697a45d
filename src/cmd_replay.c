/* cmd_replay.c - `vmtrace replay`: run policies over one trace. */
#include <getopt.h>
#include <inttypes.h>
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
#include "replay.h"

/* --steps draws one column per reference; beyond this nobody reads it. */
#define MAX_STEPS 100
/* The WS window is a ring of tau entries: 4 bytes each. */
#define MAX_TAU (UINT64_C(1) << 28)
#define DEFAULT_TAU 10

static const char usage[] =
	"usage: vmtrace replay [options] TRACE\n"
	"\n"
	"Replay a trace (a file, or - for stdin) against replacement policies.\n"
	"\n"
	"  -p, --policy LIST        policies, comma-separated, or all (default all):\n"
	"                           opt, fifo, lru, clock, lfu, ws\n"
	"  -n, --frames LIST        frame counts, comma-separated (e.g. 3,4)\n"
	"      --tau LIST           working-set windows in references (default 10)\n"
	"      --steps              print the frame contents after every reference\n"
	"                           (traces of at most 100 references)\n"
	"  -t, --format FORMAT      auto (default), seq, lackey or events\n"
	"  -D, --data-only          drop instruction fetches (lackey I records)\n"
	"      --page-size BYTES    power of two from 1K to 4M (default 4K)\n"
	"      --first-page-only    an access counts only the page it starts in\n"
	"      --reject-high        refuse addresses at or above 4 GiB instead of\n"
	"                           mapping them into the 32-bit space\n"
	"      --strict             lines that are not trace records are errors\n"
	"  -O, --output-format FMT  text (default), json or csv\n"
	"  -o, --output FILE        write there (format from .json/.csv) instead of stdout\n"
	"      --plot FILE          also chart the node layer (with --numa, --buddy or\n"
	"                           --huge) with gnuplot: FILE.png or FILE.svg\n"
	"      --plot-script FILE   keep the gnuplot script that drew the chart\n"
	"  -q, --quiet              no progress line on a terminal\n"
	"  -h, --help               show this help\n"
	"  -V, --version            show the version\n";

struct replay_cmd {
	struct cmd_common common;
	struct policy_choice *policies;
	size_t npolicies;
	uint64_t *frames;
	size_t nframes;
	uint64_t *taus;
	size_t ntaus;
	int steps;
	const char *trace;
	struct plot_options plot;
	struct mem_options memo;
};

static int parse(struct replay_cmd *rc, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "frames", required_argument, NULL, 'n' },
		{ "tau", required_argument, NULL, OPT_TAU },
		{ "steps", no_argument, NULL, OPT_STEPS },
		{ "plot", required_argument, NULL, OPT_PLOT },
		{ "plot-script", required_argument, NULL, OPT_PLOT_SCRIPT },
		MEM_LONGOPTS,
		CMD_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	const char *policy_arg = "all";
	int c, err, window = 0;

	cmd_common_init(&rc->common);
	mem_options_init(&rc->memo);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, CMD_COMMON_SHORTOPTS "p:n:", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			policy_arg = optarg;
			break;
		case 'n':
			free(rc->frames);
			if ((err = opt_parse_u64_list("--frames", optarg, 1, MAX_FRAMES, &rc->frames,
						      &rc->nframes)))
				return err;
			break;
		case OPT_TAU:
			free(rc->taus);
			if ((err = opt_parse_u64_list("--tau", optarg, 1, MAX_TAU, &rc->taus, &rc->ntaus)))
				return err;
			break;
		case OPT_STEPS:
			rc->steps = 1;
			break;
		case OPT_PLOT:
			if (!plot_file_ok(optarg))
				return vt_error(VT_USAGE, "--plot: the chart file must end in .png or .svg ('%s')",
						optarg);
			rc->plot.output = optarg;
			break;
		case OPT_PLOT_SCRIPT:
			rc->plot.script = optarg;
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
			return cmd_bad_option("replay", c, argv);
		default:
			if ((err = cmd_memory_option(&rc->common, &rc->memo, c, optarg)))
				return err;
		}
	}
	if ((err = cmd_take_trace("replay", argc, argv, usage, &rc->trace)))
		return err;
	cmd_common_finish(&rc->common);
	if ((err = mem_options_finish(&rc->memo, rc->common.topt.page_shift)))
		return err;
	if (rc->plot.script && !rc->plot.output)
		return vt_error(VT_USAGE, "replay: --plot-script goes with --plot FILE");
	/* The charts of a replay are those of its node layer (plot_replay()). */
	if (rc->plot.output && !rc->memo.nodes.nodes)
		return vt_error(VT_USAGE, "replay: --plot charts the node layer: it needs --numa, "
				"--buddy or --huge (sweep --plot draws fault curves)");
	if ((err = opt_parse_policies(policy_arg, &rc->policies, &rc->npolicies)))
		return err;
	if (rc->memo.nodes.frames_given && rc->nframes == 0) {
		/* --numa F0,F1,... says how many frames there are. */
		uint64_t sum = 0;
		for (uint32_t n = 0; n < rc->memo.nodes.nodes; n++)
			sum += rc->memo.nodes.frames[n];
		if (sum > MAX_FRAMES)
			return vt_error(VT_USAGE, "--numa: %llu frames in all; at most %u",
					(unsigned long long)sum, (unsigned)MAX_FRAMES);
		if (!(rc->frames = malloc(sizeof(*rc->frames))))
			return vt_error(VT_SOFTWARE, "out of memory");
		rc->frames[0] = sum;
		rc->nframes = 1;
	}
	for (size_t j = 0; j < rc->nframes; j++)
		if ((err = mem_options_frames(&rc->memo, (uint32_t)rc->frames[j])))
			return err;
	for (size_t i = 0; i < rc->npolicies; i++) {
		if ((err = mem_options_check(&rc->memo, rc->policies[i].ops)))
			return err;
		if (rc->policies[i].ops->flags & POLICY_WINDOW)
			window = 1;
		else if (rc->nframes == 0)
			return vt_error(VT_USAGE, "replay: policy %s needs a frame count: -n N",
					rc->policies[i].ops->name);
	}
	if (!window) {
		/* Report no window when no policy has one. */
		free(rc->taus);
		rc->taus = NULL;
		rc->ntaus = 0;
	} else if (rc->ntaus == 0) {
		rc->taus = malloc(sizeof(*rc->taus));
		if (!rc->taus)
			return vt_error(VT_SOFTWARE, "out of memory");
		rc->taus[0] = DEFAULT_TAU;
		rc->ntaus = 1;
	}
	return 0;
}

static int build_runs(const struct replay_cmd *rc, struct replay_run **out, size_t *n)
{
	size_t k = 0, cap = 0;
	struct replay_run *runs;

	for (size_t i = 0; i < rc->npolicies; i++)
		cap += (rc->policies[i].ops->flags & POLICY_WINDOW) ? rc->ntaus : rc->nframes;
	runs = calloc(cap ? cap : 1, sizeof(*runs));
	if (!runs)
		return vt_error(VT_SOFTWARE, "out of memory");
	for (size_t i = 0; i < rc->npolicies; i++) {
		const struct policy_choice *p = &rc->policies[i];
		if (p->ops->flags & POLICY_WINDOW) {
			for (size_t j = 0; j < rc->ntaus; j++)
				runs[k++] = (struct replay_run){ .policy = p, .tau = rc->taus[j],
								 .mem = &rc->memo.mem };
		} else {
			for (size_t j = 0; j < rc->nframes; j++)
				runs[k++] = (struct replay_run){ .policy = p,
								 .frames = (uint32_t)rc->frames[j],
								 .mem = &rc->memo.mem };
		}
	}
	*out = runs;
	*n = k;
	return 0;
}

/* An events trace: what cannot follow processes is refused, the rest
 * report per process. */
static int events_runs(const struct replay_cmd *rc, struct replay_run *runs, size_t nruns)
{
	for (size_t i = 0; i < rc->npolicies; i++)
		if (rc->policies[i].ops->flags & (POLICY_NEEDS_FUTURE | POLICY_WINDOW))
			return vt_error(VT_USAGE, "replay: %s cannot replay an events trace (several "
					"processes): its %s follows one address space; choose "
					"others with -p, e.g. -p fifo,lru,clock,lfu",
					rc->policies[i].ops->name,
					rc->policies[i].ops->flags & POLICY_WINDOW ? "window"
										 : "next-use");
	if (rc->steps)
		return vt_error(VT_USAGE, "replay: --steps shows one address space; it cannot "
				"show an events trace");
	for (size_t i = 0; i < nruns; i++)
		runs[i].processes = true;
	return 0;
}

static int write_replay(const struct output_format *f, FILE *fp, const struct report *rep)
{
	return f->replay(fp, rep);
}

int cmd_replay(int argc, char **argv)
{
	struct replay_cmd rc = {0};
	struct trace_reader *r = NULL;
	struct replay_run *runs = NULL;
	size_t nruns = 0;
	int err = parse(&rc, argc, argv);

	/* An events trace's "node" lines must name nodes the machine has. */
	rc.common.topt.nodes = rc.memo.nodes.numa ? rc.memo.nodes.nodes : 0;
	if (err == 0 && strcmp(rc.trace, "-") == 0 && isatty(STDIN_FILENO))
		vt_warn("reading the trace from the terminal; end it with Ctrl-D");
	if (err == 0)
		err = build_runs(&rc, &runs, &nruns);
	if (err == 0)
		err = trace_open(&r, rc.trace, rc.common.format, &rc.common.topt);
	if (err == 0 && trace_has_events(r))
		err = events_runs(&rc, runs, nruns);
	if (err == 0) {
		struct progress prog;
		progress_init(&prog, "replaying", r->src.size, rc.common.quiet);
		err = replay_trace(r, runs, nruns, rc.steps ? MAX_STEPS : 0, &prog);
		progress_done(&prog);
	}
	if (err == 0) {
		struct report rep = {
			.command = "replay",
			.trace_path = rc.trace,
			.format = r->format->name,
			.topt = &r->opt,
			.sum = &r->sum,
			.map = &r->map,
			.policies = rc.policies,
			.npolicies = rc.npolicies,
			.frames = rc.frames,
			.nframes = rc.nframes,
			.taus = rc.taus,
			.ntaus = rc.ntaus,
			.runs = runs,
			.nruns = nruns,
			.steps = rc.steps,
			.memo = &rc.memo,
		};
		for (size_t i = 0; i < nruns; i++) {
			char page[32], frames[32];
			if (!runs[i].c.oom)
				continue;
			report_page_name(&rep, runs[i].c.oom_vpn, page, sizeof(page));
			if (runs[i].policy->ops->flags & POLICY_WINDOW)
				snprintf(frames, sizeof(frames), "tau %" PRIu64, runs[i].tau);
			else
				snprintf(frames, sizeof(frames), "%" PRIu32 " frame%s", runs[i].frames,
					 runs[i].frames == 1 ? "" : "s");
			vt_warn("%s, %s: out of memory at reference %" PRIu64 " (page %s): the swap "
				"area is full; the run stopped there", runs[i].policy->name, frames,
				runs[i].c.oom_reference + 1, page);
		}
		err = cmd_write_report(&rc.common, &rep, write_replay);
		if (err == 0 && rc.plot.output) {
			/* The chart draws the very document -O json writes. */
			struct plot_doc doc = { NULL, report_replay_json(&rep) };
			err = doc.doc ? plot_replay(&doc, &rc.plot)
				      : vt_error(VT_SOFTWARE, "out of memory");
			json_decref((json_t *)doc.doc);
			if (err == PLOT_NO_GNUPLOT)
				err = 0; /* said so; the data stands */
		}
	}
	replay_runs_release(runs, nruns);
	free(runs);
	trace_close(r);
	free(rc.policies);
	free(rc.frames);
	free(rc.taus);
	return err < 0 ? 0 : err;
}
