/* cmd_plot.c - `vmtrace plot`: draw a chart from a saved sweep or replay result.
 *
 * The input is the JSON document of `vmtrace sweep -O json` (include/plot.h
 * describes it), so `vmtrace plot r.json -o r.png` draws what
 * `vmtrace sweep --plot r.png` would have drawn from the same run.
 * Several documents, sweeps of one trace with time (one per device, say),
 * are drawn as one chart of their time curves (plot_sweeps()).  A replay's
 * document, run with the node layer (--numa, --buddy, --huge), is drawn
 * alone as `vmtrace replay --plot` draws it (plot_replay()).
 */
#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "error.h"
#include "exitcodes.h"
#include "plot.h"

static const char usage[] =
	"usage: vmtrace plot [options] RESULT.json... -o FILE.png|FILE.svg\n"
	"\n"
	"Draw the charts of a sweep result (the JSON of vmtrace sweep -O json; - reads\n"
	"it from stdin) with gnuplot: page faults by frames, one line per policy, with\n"
	"Belady's anomalies marked; the miss-ratio curve on a log axis with --log or\n"
	"above 1000 frames; simulated time by frames when the sweep has a cost option\n"
	"(--device, --cost); faults and mean resident set by tau for WS.\n"
	"Several results, sweeps of one trace with time (one per --device, say), are\n"
	"drawn as one chart of their time curves, each line \"policy (device)\".\n"
	"A replay result run with the node layer (vmtrace replay -O json with --numa,\n"
	"--buddy or --huge) is drawn alone: with --numa the remote-access share and\n"
	"simulated time of each run; free blocks per order at the end, per node; and\n"
	"with --buddyinfo-every the free blocks per order over the run.\n"
	"\n"
	"  -o, --output FILE        the image: FILE.png or FILE.svg (required)\n"
	"      --plot-script FILE   also keep the gnuplot script there\n"
	"      --log                log-scale frame axis: the miss-ratio curve\n"
	"  -q, --quiet              accepted for uniformity; plot shows no progress\n"
	"  -h, --help               show this help\n"
	"  -V, --version            show the version\n"
	"\n"
	"gnuplot is the program named by $VMTRACE_GNUPLOT, else gnuplot on PATH.\n";


static int parse(struct plot_options *po, char ***inputs, size_t *ninputs, int argc,
		 char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "plot-script", required_argument, NULL, OPT_PLOT_SCRIPT },
		{ "log", no_argument, NULL, OPT_LOG },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	memset(po, 0, sizeof(*po));
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":o:qhV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			po->output = optarg;
			break;
		case OPT_PLOT_SCRIPT:
			po->script = optarg;
			break;
		case OPT_LOG:
			po->log_frames = true;
			break;
		case 'q':
			break; /* nothing to silence: accepted like every command */
		case 'h':
			fputs(usage, stdout);
			return -1;
		case 'V':
			cmd_version();
			return -1;
		default:
			return cmd_bad_option("plot", opt, argv);
		}
	}
	if (optind == argc)
		return vt_error(VT_USAGE, "plot: no sweep result given (a JSON file, or - for stdin)\n%s",
				usage);
	*inputs = argv + optind;
	*ninputs = (size_t)(argc - optind);
	if (!po->output)
		return vt_error(VT_USAGE, "plot: no chart file given (-o FILE.png or -o FILE.svg)");
	/* plot_sweep() checks this too; here it comes before reading anything. */
	if (!plot_file_ok(po->output))
		return vt_error(VT_USAGE, "plot: the chart file must end in .png or .svg ('%s')",
				po->output);
	return 0;
}

/* The document must be what `vmtrace sweep -O json` writes, or
 * `vmtrace replay -O json` (*replay set; plot_replay() checks for nodes). */
static int check(const char *path, const json_t *doc, bool *replay)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	const char *command = json_string_value(json_object_get(doc, "command"));

	*replay = false;
	if (!json_is_object(doc))
		return vt_error(VT_DATAERR, "%s: not a sweep result (not a JSON object)", name);
	if (!command)
		return vt_error(VT_DATAERR, "%s: not a sweep result (no \"command\")", name);
	if (strcmp(command, "replay") == 0) {
		*replay = true;
		return 0;
	}
	if (strcmp(command, "sweep") != 0)
		return vt_error(VT_DATAERR,
				"%s: not a sweep result (the result of vmtrace %s; charts are drawn "
				"from vmtrace sweep -O json, and from vmtrace replay -O json run with "
				"--numa, --buddy or --huge)", name, command);
	if (!json_is_array(json_object_get(doc, "sweeps")))
		return vt_error(VT_DATAERR, "%s: not a sweep result (no \"sweeps\" array)", name);
	return 0;
}

int cmd_plot(int argc, char **argv)
{
	struct plot_options po;
	char **inputs = NULL;
	size_t n = 0, nread = 0, nreplays = 0;
	struct plot_doc *docs = NULL;
	bool replay = false;
	int err = parse(&po, &inputs, &n, argc, argv);

	if (err < 0)
		return fflush(stdout) == 0 && !ferror(stdout) ? 0 : VT_IOERR;
	if (!err && !(docs = calloc(n, sizeof(*docs))))
		err = vt_error(VT_SOFTWARE, "out of memory");
	for (; !err && nread < n; nread++) {
		json_t *doc;
		docs[nread].name = strcmp(inputs[nread], "-") == 0 ? "<stdin>" : inputs[nread];
		if ((err = cmd_load_sweep_json(inputs[nread], &doc)))
			break;
		docs[nread].doc = doc;
		err = check(inputs[nread], doc, &replay);
		nreplays += replay;
	}
	if (!err && nreplays > 0 && n > 1)
		err = vt_error(VT_USAGE, "plot: a replay result is drawn alone (several results "
			       "are sweeps whose time curves are compared)");
	if (!err && nreplays > 0 && po.log_frames)
		err = vt_error(VT_USAGE, "plot: --log is for a sweep's frame axis; the charts of a "
			       "replay have none");
	if (!err) {
		err = nreplays > 0 ? plot_replay(&docs[0], &po) : plot_sweeps(docs, n, &po);
		/* Without gnuplot this command has done nothing it was asked. */
		if (err == PLOT_NO_GNUPLOT)
			err = VT_SOFTWARE;
	}
	for (size_t i = 0; i < nread && docs; i++)
		json_decref((json_t *)docs[i].doc);
	free(docs);
	return err;
}
