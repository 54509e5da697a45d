/* test_plot.c - charts of a sweep (src/plot.c): the gnuplot script it
 * writes, and how it runs gnuplot, through plot_sweep() only.
 *
 * The script is read back from plot_options.script, kept while gnuplot is
 * pointed at a program that does not exist (so nothing is drawn); fake
 * gnuplots - false, true, a shell script - check the protocol, and the
 * real gnuplot, when installed, draws real PNG and SVG files. */
#include <dirent.h>
#include <jansson.h>
#include <signal.h>
#include <sys/stat.h>

#include "helpers.h"
#include "plot.h"

/* Belady's string: FIFO 9 faults at 3 frames, 10 at 4. */
static const char belady_json[] =
	"{ \"vmtrace\": \"0.1.0\", \"command\": \"sweep\","
	"  \"trace\": { \"path\": \"traces/belady.seq\", \"format\": \"seq\", \"references\": 12 },"
	"  \"sweeps\": ["
	"    { \"policy\": \"fifo\", \"method\": \"simulated\", \"points\": ["
	"        { \"frames\": 1, \"faults\": 12, \"fault_rate\": 1.0, \"anomaly\": false },"
	"        { \"frames\": 2, \"faults\": 12, \"fault_rate\": 1.0, \"anomaly\": false },"
	"        { \"frames\": 3, \"faults\": 9, \"fault_rate\": 0.75, \"anomaly\": false },"
	"        { \"frames\": 4, \"faults\": 10, \"fault_rate\": 0.8333333333, \"anomaly\": true },"
	"        { \"frames\": 5, \"faults\": 5, \"fault_rate\": 0.4166666667, \"anomaly\": false } ],"
	"      \"anomalies\": [ { \"frames\": 4, \"faults\": 10, \"prev_frames\": 3, \"prev_faults\": 9 } ] },"
	"    { \"policy\": \"lru\", \"method\": \"one-pass\", \"points\": ["
	"        { \"frames\": 1, \"faults\": 12, \"fault_rate\": 1.0, \"anomaly\": false },"
	"        { \"frames\": 2, \"faults\": 12, \"fault_rate\": 1.0, \"anomaly\": false },"
	"        { \"frames\": 3, \"faults\": 10, \"fault_rate\": 0.8333333333, \"anomaly\": false },"
	"        { \"frames\": 4, \"faults\": 8, \"fault_rate\": 0.6666666667, \"anomaly\": false },"
	"        { \"frames\": 5, \"faults\": 5, \"fault_rate\": 0.4166666667, \"anomaly\": false } ],"
	"      \"anomalies\": [] } ] }";

/* A WS sweep alone (Silberschatz's string, tau 1..4). */
static const char ws_json[] =
	"{ \"vmtrace\": \"0.1.0\", \"command\": \"sweep\","
	"  \"trace\": { \"path\": \"traces/silberschatz.seq\", \"references\": 20 },"
	"  \"sweeps\": ["
	"    { \"policy\": \"ws\", \"method\": \"one-pass\", \"points\": ["
	"        { \"tau\": 1, \"faults\": 20, \"mean_resident\": 1.0, \"anomaly\": false },"
	"        { \"tau\": 2, \"faults\": 17, \"mean_resident\": 1.95, \"anomaly\": false },"
	"        { \"tau\": 3, \"faults\": 13, \"mean_resident\": 2.7, \"anomaly\": false },"
	"        { \"tau\": 4, \"faults\": 10, \"mean_resident\": 3.2, \"anomaly\": false } ],"
	"      \"anomalies\": [] } ] }";

/* Both kinds. */
static const char both_json[] =
	"{ \"vmtrace\": \"0.1.0\", \"command\": \"sweep\","
	"  \"trace\": { \"path\": \"t.seq\", \"references\": 20 },"
	"  \"sweeps\": ["
	"    { \"policy\": \"lru\", \"points\": ["
	"        { \"frames\": 3, \"faults\": 12, \"fault_rate\": 0.6 },"
	"        { \"frames\": 4, \"faults\": 8, \"fault_rate\": 0.4 } ], \"anomalies\": [] },"
	"    { \"policy\": \"ws\", \"points\": ["
	"        { \"tau\": 10, \"faults\": 8, \"mean_resident\": 4.55 },"
	"        { \"tau\": 11, \"faults\": 8, \"mean_resident\": 4.7 } ], \"anomalies\": [] } ] }";

/* A sweep with a cost option: two policies on an SSD, and at 1 frame
 * both killed out of memory, with the (low) time of the references before
 * the kill. */
#define TIMED_POINT(f, ns, oom) \
	"{ \"frames\": " #f ", \"faults\": 9, \"oom\": " oom ", \"time\": " \
	"{ \"device\": \"ssd\", \"total_ns\": " #ns " } }"
#define KILLED "{ \"reference\": 5, \"page\": 3 }"
static const char timed_json[] =
	"{ \"vmtrace\": \"0.1.0\", \"command\": \"sweep\","
	"  \"trace\": { \"path\": \"traces/t.lackey\", \"references\": 1000, \"page_size\": 4096 },"
	"  \"sweeps\": ["
	"    { \"policy\": \"lru\", \"points\": [ " TIMED_POINT(1, 1000, KILLED) ", "
	TIMED_POINT(2, 8e6, "null") ", " TIMED_POINT(3, 4e6, "null") ", "
	TIMED_POINT(4, 2e6, "null") " ], \"anomalies\": [] },"
	"    { \"policy\": \"fifo\", \"points\": [ " TIMED_POINT(1, 1000, KILLED) ", "
	TIMED_POINT(2, 9e6, "null") ", " TIMED_POINT(3, 5e6, "null") ", "
	TIMED_POINT(4, 2.5e6, "null") " ], \"anomalies\": [] } ] }";

struct plot_run {
	int rc;
	char dir[64];
	char out[128];
	char script_path[128];
	char *script;     /* the kept script, or NULL */
	char err[8192];   /* what plot_sweep wrote to stderr */
};

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	cr_assert_not_null(buf);
	cr_assert_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	if (len)
		*len = (size_t)n;
	return buf;
}

/* Entries of dir other than . and .. */
static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	cr_assert_not_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[64 + sizeof(e->d_name)];

	if (!d)
		return;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
	closedir(d);
	rmdir(dir);
}

/* plot_sweeps() on n documents, drawing to DIR/chart.EXT, keeping the
 * script (keep) in DIR/chart.gp, with gnuplot = prog (NULL: the default). */
static void run_docs(struct plot_run *r, const struct plot_doc *docs, size_t n, const char *ext,
		     bool log, bool keep, const char *prog)
{
	struct plot_options opt = { 0 };
	struct th_capture cap;

	memset(r, 0, sizeof(*r));
	snprintf(r->dir, sizeof(r->dir), "/tmp/vmtrace-plot-XXXXXX");
	cr_assert_not_null(mkdtemp(r->dir));
	snprintf(r->out, sizeof(r->out), "%s/chart.%s", r->dir, ext);
	snprintf(r->script_path, sizeof(r->script_path), "%s/chart.gp", r->dir);
	opt.output = r->out;
	opt.script = keep ? r->script_path : NULL;
	opt.gnuplot = prog;
	opt.log_frames = log;
	th_capture_begin(&cap);
	r->rc = n == 1 && !docs[0].name ? plot_sweep(docs[0].doc, &opt)
					 : plot_sweeps(docs, n, &opt);
	th_capture_end(&cap, r->err, sizeof(r->err));
	r->script = slurp(r->script_path, NULL);
}

/* The same for one document, through plot_sweep(). */
static void run_doc(struct plot_run *r, json_t *doc, const char *ext, bool log, bool keep,
		    const char *prog)
{
	struct plot_doc one = { NULL, doc };

	run_docs(r, &one, 1, ext, log, keep, prog);
}

static void run_json(struct plot_run *r, const char *json, const char *ext, bool log,
		     const char *prog)
{
	json_error_t jerr;
	json_t *doc = json_loads(json, 0, &jerr);

	cr_assert_not_null(doc, "test JSON: %s at line %d", jerr.text, jerr.line);
	run_doc(r, doc, ext, log, true, prog);
	json_decref(doc);
}

/* The script, with gnuplot missing so that nothing is drawn. */
static void script_of(struct plot_run *r, const char *json, const char *ext, bool log)
{
	run_json(r, json, ext, log, "/nonexistent/gnuplot");
	cr_assert_eq(r->rc, PLOT_NO_GNUPLOT, "plot_sweep returned %d: %s", r->rc, r->err);
	cr_assert_not_null(r->script, "the script was not kept");
}

static void run_release(struct plot_run *r)
{
	free(r->script);
	remove_dir(r->dir);
}

#define expect_has(hay, needle) \
	cr_expect_not_null(strstr((hay), (needle)), "no \"%s\" in:\n%s", (needle), (hay))
#define expect_lacks(hay, needle) \
	cr_expect_null(strstr((hay), (needle)), "\"%s\" should not be in:\n%s", (needle), (hay))

static bool gnuplot_installed(void)
{
	return system("command -v gnuplot >/dev/null 2>&1") == 0;
}

/* --- the script ---------------------------------------------------------- */

Test(plot, puts_each_policy_inline_as_a_datablock)
{
	struct plot_run r;

	script_of(&r, belady_json, "png", false);
	expect_has(r.script, "$p1 << EOD\n1 12 1\n2 12 1\n3 9 0.75\n4 10 0.8333333333\n"
			     "5 5 0.4166666667\nEOD\n");
	expect_has(r.script, "$p2 << EOD\n1 12 1\n");
	expect_has(r.script, "$p1 using 1:2 with linespoints lt 1 title 'fifo'");
	expect_has(r.script, "$p2 using 1:2 with linespoints lt 2 title 'lru'");
	expect_has(r.script, "set xlabel 'frames'");
	expect_has(r.script, "set ylabel 'page faults'");
	expect_has(r.script, "set title 'Page faults by number of frames: traces/belady.seq "
			     "(12 references)'");
	expect_lacks(r.script, "logscale");
	expect_lacks(r.script, "multiplot");
	run_release(&r);
}

Test(plot, circles_and_labels_every_belady_anomaly)
{
	struct plot_run r;

	script_of(&r, belady_json, "png", false);
	expect_has(r.script, "$anomalies << EOD\n4 10 0.8333333333\nEOD\n");
	expect_has(r.script, "set label 1 'fifo 4: 10 > 9' at 4,10 offset char 1.5,1.0 front");
	expect_has(r.script, "$anomalies using 1:2 with points pt 6 ps 3 lw 2 lc rgb '#d62728' "
			     "title 'Belady''s anomaly (1)'");
	expect_lacks(r.script, "set label 2 ");
	run_release(&r);
}

Test(plot, names_the_policy_in_labels_when_the_chart_has_several)
{
	json_t *doc = json_pack(
		"{s:s, s:[{s:s, s:[{s:i,s:i},{s:i,s:i},{s:i,s:i}]}, {s:s, s:[{s:i,s:i},{s:i,s:i}]}]}",
		"command", "sweep", "sweeps", "policy", "fifo", "points", "frames", 2, "faults", 5,
		"frames", 3, "faults", 7, "frames", 5, "faults", 8, "policy", "clock", "points",
		"frames", 3, "faults", 6, "frames", 4, "faults", 7);
	struct plot_run r;

	cr_assert_not_null(doc);
	/* No "anomalies" arrays: taken from the points one frame apart. */
	run_doc(&r, doc, "png", false, true, "/nonexistent/gnuplot");
	cr_assert_eq(r.rc, PLOT_NO_GNUPLOT, "%s", r.err);
	expect_has(r.script, "'fifo 3: 7 > 5' at 3,7");
	expect_has(r.script, "'clock 4: 7 > 6' at 4,7");
	expect_lacks(r.script, "'fifo 5:");   /* 4 frames were not swept */
	expect_has(r.script, "Belady''s anomaly (2)");
	run_release(&r);
	json_decref(doc);
}

Test(plot, says_so_when_the_frame_count_before_was_not_one_fewer)
{
	static const char json[] =
		"{ \"command\": \"sweep\", \"sweeps\": [ { \"policy\": \"fifo\", \"points\": ["
		"  { \"frames\": 2, \"faults\": 9 }, { \"frames\": 4, \"faults\": 10 } ],"
		"  \"anomalies\": [ { \"frames\": 4, \"faults\": 10, \"prev_frames\": 2,"
		"                     \"prev_faults\": 9 } ] } ] }";
	struct plot_run r;

	script_of(&r, json, "png", false);
	expect_has(r.script, "set label 1 '4: 10 > 9 at 2' at 4,10");
	/* No trace: a generic title, no reference count. */
	expect_has(r.script, "set title 'Page faults by number of frames: a vmtrace sweep'\n");
	run_release(&r);
}

Test(plot, stacks_labels_of_anomalies_close_together)
{
	json_t *points = json_array(), *anomalies = json_array(), *doc;
	struct plot_run r;

	/* A saw tooth: every even frame count has one fault more. */
	for (int f = 1; f <= 40; f++)
		json_array_append_new(points, json_pack("{s:i,s:i}", "frames", f, "faults",
							 100 - f + (f % 2 == 0 ? 2 : 0)));
	for (int f = 2; f <= 40; f += 2)
		json_array_append_new(anomalies, json_pack("{s:i,s:i,s:i,s:i}", "frames", f, "faults",
							    100 - f + 2, "prev_frames", f - 1,
							    "prev_faults", 100 - f + 1));
	doc = json_pack("{s:s,s:[{s:s,s:o,s:o}]}", "command", "sweep", "sweeps", "policy", "fifo",
			"points", points, "anomalies", anomalies);
	run_doc(&r, doc, "png", false, true, "/nonexistent/gnuplot");
	cr_assert_eq(r.rc, PLOT_NO_GNUPLOT, "%s", r.err);
	expect_has(r.script, "set label 1 '2: 100 > 99' at 2,100 offset char 1.5,1.0 ");
	/* Label 2 would cover label 1: it goes a row or more higher. */
	expect_has(r.script, "set label 2 '4: 98 > 97' at 4,98 offset char 1.5,");
	expect_lacks(r.script, "set label 2 '4: 98 > 97' at 4,98 offset char 1.5,1.0 ");
	run_release(&r);
	json_decref(doc);
}

Test(plot, labels_at_most_24_anomalies_and_counts_them_all)
{
	json_t *points = json_array(), *anomalies = json_array(), *doc;
	struct plot_run r;
	int labels = 0;

	for (int f = 1; f <= 60; f++)
		json_array_append_new(points, json_pack("{s:i,s:i}", "frames", f, "faults",
							 1000 - 10 * f + (f % 2 == 0 ? f : 0)));
	for (int f = 2; f <= 60; f += 2)
		json_array_append_new(anomalies, json_pack("{s:i,s:i,s:i,s:i}", "frames", f, "faults",
							    1000 - 9 * f, "prev_frames", f - 1,
							    "prev_faults", 1000 - 10 * (f - 1)));
	doc = json_pack("{s:s,s:[{s:s,s:o,s:o}]}", "command", "sweep", "sweeps", "policy", "fifo",
			"points", points, "anomalies", anomalies);
	run_doc(&r, doc, "png", false, true, "/nonexistent/gnuplot");
	cr_assert_eq(r.rc, PLOT_NO_GNUPLOT, "%s", r.err);
	for (const char *p = r.script; (p = strstr(p, "\nset label ")); p++)
		labels++;
	cr_expect_eq(labels, 24);
	expect_has(r.script, "Belady''s anomaly (30; 24 labelled)");
	/* The largest increases are labelled: f = 60 gains 50, f = 2 gains 8. */
	expect_has(r.script, "'60: 460 > 410'");
	expect_lacks(r.script, "'2: 982 > 990'");
	run_release(&r);
	json_decref(doc);
}

Test(plot, draws_the_miss_ratio_curve_on_a_log_axis_with_log_frames)
{
	struct plot_run r;

	script_of(&r, belady_json, "png", true);
	expect_has(r.script, "set logscale x 2\nset format x '%g'\n");
	expect_has(r.script, "set ylabel 'miss ratio (page faults / references)'");
	expect_has(r.script, "set title 'Miss-ratio curve: traces/belady.seq (12 references)'");
	expect_has(r.script, "$p1 using 1:3 with linespoints lt 1 title 'fifo'");
	expect_has(r.script, "set label 1 'fifo 4: 10 > 9' at 4,0.8333333333 ");
	expect_has(r.script, "$anomalies using 1:3 with points");
	run_release(&r);
}

/* One policy over frames 1, 1+step, ... up to hi. */
static json_t *wide_sweep(int hi, int step, bool with_rate)
{
	json_t *points = json_array();

	for (int f = 1; f <= hi; f += step) {
		json_t *p = json_pack("{s:i,s:i}", "frames", f, "faults", 100000 / f);
		if (with_rate)
			json_object_set_new(p, "fault_rate", json_real(1.0 / f));
		json_array_append_new(points, p);
	}
	return json_pack("{s:s,s:{s:s},s:[{s:s,s:o,s:[]}]}", "command", "sweep", "trace", "path",
			 "big.lackey", "sweeps", "policy", "lru", "points", points, "anomalies");
}

Test(plot, switches_to_the_miss_ratio_curve_above_1000_frames)
{
	json_t *doc = wide_sweep(2048, 1, true);
	struct plot_run r;

	run_doc(&r, doc, "png", false, true, "/nonexistent/gnuplot");
	cr_assert_eq(r.rc, PLOT_NO_GNUPLOT, "%s", r.err);
	expect_has(r.script, "set logscale x 2\n");
	expect_has(r.script, "using 1:3 with lines lt 1 title 'lru'");   /* 2048 points */
	run_release(&r);
	json_decref(doc);

	doc = wide_sweep(1000, 1, true);
	run_doc(&r, doc, "png", false, true, "/nonexistent/gnuplot");
	expect_lacks(r.script, "logscale");
	run_release(&r);
	json_decref(doc);

	doc = wide_sweep(100000, 99, true);
	run_doc(&r, doc, "png", false, true, "/nonexistent/gnuplot");
	expect_has(r.script, "set logscale x 10\n");
	run_release(&r);
	json_decref(doc);
}

Test(plot, computes_the_fault_rate_from_the_references_when_points_lack_it)
{
	static const char json[] =
		"{ \"command\": \"sweep\", \"trace\": { \"references\": 8 },"
		"  \"sweeps\": [ { \"policy\": \"lru\", \"points\": ["
		"  { \"frames\": 1, \"faults\": 8 }, { \"frames\": 2, \"faults\": 2 } ] } ] }";
	struct plot_run r;

	script_of(&r, json, "png", true);
	expect_has(r.script, "$p1 << EOD\n1 8 1\n2 2 0.25\nEOD\n");
	run_release(&r);
}

Test(plot, refuses_a_miss_ratio_curve_without_fault_rates)
{
	json_t *doc = wide_sweep(2000, 1, false);
	struct plot_run r;

	run_doc(&r, doc, "png", false, true, "/nonexistent/gnuplot");
	cr_expect_eq(r.rc, VT_DATAERR);
	expect_has(r.err, "sweeps[0].points[0]: no number \"fault_rate\"");
	cr_expect_null(r.script);
	cr_expect_eq(count_files(r.dir), 0);
	run_release(&r);
	json_decref(doc);
}

Test(plot, draws_ws_faults_and_mean_resident_set_on_two_axes)
{
	struct plot_run r;

	script_of(&r, ws_json, "png", false);
	expect_has(r.script, "$w1 << EOD\n1 20 1\n2 17 1.95\n3 13 2.7\n4 10 3.2\nEOD\n");
	expect_has(r.script, "set xlabel 'window tau (references)'");
	expect_has(r.script, "set y2label 'mean resident set (pages)'");
	expect_has(r.script, "set y2tics");
	expect_has(r.script, "$w1 using 1:2 axes x1y1 with linespoints lt 1 title 'page faults'");
	expect_has(r.script, "$w1 using 1:3 axes x1y2 with linespoints lt 1 dt 2 pt 6 "
			     "title 'mean resident set'");
	expect_has(r.script, "size 1000,700 ");
	expect_lacks(r.script, "multiplot");
	expect_lacks(r.script, "$anomalies");
	run_release(&r);
}

Test(plot, stacks_the_frame_and_ws_charts_in_one_image)
{
	struct plot_run r;
	const char *m, *frames, *ws, *end;

	script_of(&r, both_json, "png", false);
	m = strstr(r.script, "set multiplot layout 2,1\n");
	frames = strstr(r.script, "set title 'Page faults by number of frames");
	ws = strstr(r.script, "set title 'Working set by window tau");
	end = strstr(r.script, "unset multiplot\n");
	cr_assert(m && frames && ws && end, "%s", r.script);
	cr_expect(m < frames && frames < ws && ws < end, "charts out of order:\n%s", r.script);
	expect_has(r.script, "size 1000,1400 ");
	/* Each policy keeps one colour: lru is 1, ws 2. */
	expect_has(r.script, "$p1 using 1:2 with linespoints lt 1 title 'lru'");
	expect_has(r.script, "$w2 using 1:2 axes x1y1 with linespoints lt 2 ");
	run_release(&r);
}

/* --- simulated time ------------------------------------------------------- */

Test(plot, adds_no_time_chart_to_a_sweep_without_time)
{
	struct plot_run r;

	script_of(&r, belady_json, "png", false);
	expect_lacks(r.script, "Simulated time");
	expect_lacks(r.script, "$t1");
	expect_lacks(r.script, "multiplot");
	run_release(&r);
}

Test(plot, draws_simulated_time_below_the_faults_when_points_carry_time)
{
	struct plot_run r;
	const char *m, *frames, *time, *end;

	script_of(&r, timed_json, "png", false);
	m = strstr(r.script, "set multiplot layout 2,1\n");
	frames = strstr(r.script, "set title 'Page faults by number of frames");
	time = strstr(r.script, "set title 'Simulated time by number of frames: traces/t.lackey "
				"(1000 references)'");
	end = strstr(r.script, "unset multiplot\n");
	cr_assert(m && frames && time && end, "%s", r.script);
	cr_expect(m < frames && frames < time && time < end, "charts out of order:\n%s", r.script);
	expect_has(r.script, "size 1000,1400 ");
	expect_has(r.script, "set logscale y\n");
	expect_has(r.script, "set key bottom left box opaque\n");
	/* Seconds, and the policy's colour of the faults chart. */
	expect_has(r.script, "$t1 << EOD\n1 NaN 1\n2 0.008 0\n3 0.004 0\n4 0.002 0\nEOD\n");
	expect_has(r.script, "$t1 using 1:2 with linespoints lt 1 dt 1 title 'lru (ssd)'");
	expect_has(r.script, "$t2 using 1:2 with linespoints lt 2 dt 1 title 'fifo (ssd)'");
	run_release(&r);
}

Test(plot, labels_the_time_axes_with_round_numbers_in_human_units)
{
	struct plot_run r;

	script_of(&r, timed_json, "png", false);
	/* 2 to 9 ms: from the rung below to the rung above, every rung. */
	expect_has(r.script, "set yrange [0.002:");
	expect_has(r.script, "set ytics nomirror ('2 ms' 0.002, '5 ms' 0.005, '10 ms' 0.01)\n");
	/* The same curves per reference: 1000 references. */
	expect_has(r.script, "set y2label 'effective access time (per reference)'\n");
	expect_has(r.script, "set logscale y2\n");
	expect_has(r.script, "set y2range [2e-06:");
	expect_has(r.script, "set y2tics ('2 us' 2e-06, '5 us' 5e-06, '10 us' 1e-05)\n");
	run_release(&r);
}

Test(plot, labels_only_powers_of_ten_over_many_decades_and_no_y2_without_references)
{
	json_t *doc = json_pack("{s:s,s:[{s:s,s:[{s:i,s:i,s:n,s:{s:f}},{s:i,s:i,s:n,s:{s:f}}]}]}",
				"command", "sweep", "sweeps", "policy", "lru", "points",
				"frames", 1, "faults", 9, "oom", "time", "total_ns", 3e12,
				"frames", 2, "faults", 1, "oom", "time", "total_ns", 150.0);
	struct plot_run r;

	run_doc(&r, doc, "png", false, true, "/nonexistent/gnuplot");
	cr_assert_eq(r.rc, PLOT_NO_GNUPLOT, "%s", r.err);
	expect_has(r.script, "set yrange [1e-07:5000]\n");
	expect_has(r.script, "set ytics ('100 ns' 1e-07, '1 us' 1e-06, '10 us' 1e-05, "
			     "'100 us' 0.0001, '1 ms' 0.001, '10 ms' 0.01, '100 ms' 0.1, '1 s' 1, "
			     "'10 s' 10, '100 s' 100, '1000 s' 1000)\n");
	/* Not "y2" alone: the temporary directory's random name may hold it. */
	expect_lacks(r.script, "y2tics");
	expect_lacks(r.script, "y2label");
	expect_lacks(r.script, "x1y2");
	/* No device named: the policy alone. */
	expect_has(r.script, "with linespoints lt 1 dt 1 title 'lru'\n");
	run_release(&r);
	json_decref(doc);
}

Test(plot, breaks_the_line_and_marks_points_that_ran_out_of_memory)
{
	struct plot_run r;

	script_of(&r, timed_json, "png", false);
	/* The axis does not reach down to the 1 us the killed runs had taken. */
	expect_has(r.script, "set yrange [0.002:");
	expect_lacks(r.script, "1e-06");
	/* Crosses a row each above the top tic (10 ms), in the policy's colour. */
	expect_has(r.script, "$t1 using 1:($3 > 0 ? 0.013 : NaN) with points lt 1 pt 2 ps 2 lw 2 "
			     "title 'lru (ssd): out of memory (1)'");
	expect_has(r.script, "$t2 using 1:($3 > 0 ? 0.0169 : NaN) with points lt 2 pt 2 ps 2 lw 2 "
			     "title 'fifo (ssd): out of memory (1)'");
	expect_has(r.script, "set yrange [0.002:0.02197]\n");
	run_release(&r);
}

Test(plot, stacks_faults_time_and_ws_charts_in_one_image)
{
	json_t *doc = json_loads(timed_json, 0, NULL), *ws = json_loads(ws_json, 0, NULL);
	struct plot_run r;
	const char *time, *wsc;

	cr_assert(doc && ws);
	json_array_extend(json_object_get(doc, "sweeps"), json_object_get(ws, "sweeps"));
	run_doc(&r, doc, "png", false, true, "/nonexistent/gnuplot");
	cr_assert_eq(r.rc, PLOT_NO_GNUPLOT, "%s", r.err);
	expect_has(r.script, "set multiplot layout 3,1\n");
	expect_has(r.script, "size 1000,2100 ");
	time = strstr(r.script, "set title 'Simulated time");
	wsc = strstr(r.script, "set title 'Working set");
	cr_expect(time && wsc && time < wsc, "%s", r.script);
	run_release(&r);
	json_decref(doc);
	json_decref(ws);
}

/* timed_json on another device: "ssd" becomes dev, the times times k. */
static json_t *on_device(const char *dev, double k)
{
	json_t *doc = json_loads(timed_json, 0, NULL), *sw;
	size_t i, j;

	cr_assert_not_null(doc);
	json_array_foreach(json_object_get(doc, "sweeps"), i, sw) {
		json_t *p;
		json_array_foreach(json_object_get(sw, "points"), j, p) {
			json_t *t = json_object_get(p, "time");
			json_object_set_new(t, "device", json_string(dev));
			json_object_set_new(t, "total_ns", json_real(k * json_number_value(
							json_object_get(t, "total_ns"))));
		}
	}
	return doc;
}

Test(plot, compares_the_time_of_several_sweeps_on_one_chart)
{
	json_t *ssd = on_device("ssd", 1), *hdd = on_device("hdd", 100);
	struct plot_doc docs[] = { { "ssd.json", ssd }, { "hdd.json", hdd } };
	struct plot_run r;

	run_docs(&r, docs, 2, "png", false, true, "/nonexistent/gnuplot");
	cr_assert_eq(r.rc, PLOT_NO_GNUPLOT, "%s", r.err);
	/* The time chart alone: the faults do not depend on the device. */
	expect_lacks(r.script, "Page faults");
	expect_lacks(r.script, "$p1");
	expect_lacks(r.script, "multiplot");
	expect_has(r.script, "size 1000,700 ");
	expect_has(r.script, "# The simulated time of 2 vmtrace sweeps of traces/t.lackey");
	/* A policy keeps its colour, a document takes a dash pattern. */
	expect_has(r.script, "$t1 using 1:2 with linespoints lt 1 dt 1 title 'lru (ssd)'");
	expect_has(r.script, "$t2 using 1:2 with linespoints lt 2 dt 1 title 'fifo (ssd)'");
	expect_has(r.script, "$t3 using 1:2 with linespoints lt 1 dt 2 title 'lru (hdd)'");
	expect_has(r.script, "$t4 using 1:2 with linespoints lt 2 dt 2 title 'fifo (hdd)'");
	expect_has(r.script, "set key outside right top box\n");
	/* 2 ms on the SSD to 900 ms on the HDD: over two decades, only the
	 * powers of ten are labelled. */
	expect_has(r.script, "set yrange [0.002:");
	expect_has(r.script, "set ytics nomirror ('10 ms' 0.01, '100 ms' 0.1, '1 s' 1)\n");
	run_release(&r);
	json_decref(ssd);
	json_decref(hdd);
}

Test(plot, refuses_to_compare_sweeps_of_different_traces)
{
	json_t *a = on_device("ssd", 1), *b = on_device("hdd", 1), *c = on_device("nvme", 1);
	struct plot_doc docs[] = { { "a.json", a }, { "b.json", b } };
	struct plot_run r;

	/* Another directory is the same trace... */
	json_object_set_new(json_object_get(b, "trace"), "path", json_string("/x/t.lackey"));
	run_docs(&r, docs, 2, "png", false, false, "/nonexistent/gnuplot");
	cr_expect_eq(r.rc, PLOT_NO_GNUPLOT, "%s", r.err);
	run_release(&r);

	/* ...another name is not. */
	json_object_set_new(json_object_get(b, "trace"), "path", json_string("traces/u.lackey"));
	run_docs(&r, docs, 2, "png", false, false, "false");
	cr_expect_eq(r.rc, VT_DATAERR);
	expect_has(r.err, "vmtrace: cannot compare b.json with a.json: a sweep of 'u.lackey', "
			  "not of 't.lackey' (time curves compare one trace on several devices)");
	cr_expect_eq(count_files(r.dir), 0);
	run_release(&r);

	/* Nor the same trace read into other references, or other pages. */
	docs[1].doc = c;
	json_object_set_new(json_object_get(c, "trace"), "references", json_integer(500));
	run_docs(&r, docs, 2, "png", false, false, "false");
	cr_expect_eq(r.rc, VT_DATAERR);
	expect_has(r.err, "cannot compare b.json with a.json: 500 references, not 1000");
	run_release(&r);
	json_object_set_new(json_object_get(c, "trace"), "references", json_integer(1000));
	json_object_set_new(json_object_get(c, "trace"), "page_size", json_integer(8192));
	run_docs(&r, docs, 2, "png", false, false, "false");
	cr_expect_eq(r.rc, VT_DATAERR);
	expect_has(r.err, "cannot compare b.json with a.json: pages of 8192 bytes, not 4096");
	run_release(&r);
	json_decref(a);
	json_decref(b);
	json_decref(c);
}

Test(plot, refuses_to_compare_a_sweep_without_time)
{
	json_t *a = on_device("ssd", 1), *b = json_loads(belady_json, 0, NULL);
	struct plot_doc docs[] = { { "a.json", a }, { "b.json", b } };
	struct plot_run r;

	json_object_set_new(json_object_get(b, "trace"), "path", json_string("t.lackey"));
	json_object_set_new(json_object_get(b, "trace"), "references", json_integer(1000));
	json_object_set_new(json_object_get(b, "trace"), "page_size", json_integer(4096));
	run_docs(&r, docs, 2, "png", false, false, "false");
	cr_expect_eq(r.rc, VT_DATAERR);
	expect_has(r.err, "vmtrace: cannot compare b.json: its points carry no simulated time "
			  "(sweep with --device or --cost)");
	run_release(&r);
	/* And a malformed one is named. */
	json_object_set_new(b, "sweeps", json_integer(1));
	run_docs(&r, docs, 2, "png", false, false, "false");
	cr_expect_eq(r.rc, VT_DATAERR);
	expect_has(r.err, "vmtrace: cannot chart b.json: no \"sweeps\" array");
	run_release(&r);
	json_decref(a);
	json_decref(b);
}

Test(plot, quotes_and_escapes_trace_paths_and_policy_names)
{
	json_t *doc = json_pack("{s:s,s:{s:s,s:i},s:[{s:s,s:[{s:i,s:i}]}]}", "command", "sweep",
				"trace", "path", "it's_a^b@c&d\\e\n.seq", "references", 3, "sweeps",
				"policy", "x'y_z", "points", "frames", 1, "faults", 3);
	struct plot_run r;

	run_doc(&r, doc, "png", false, true, "/nonexistent/gnuplot");
	cr_assert_eq(r.rc, PLOT_NO_GNUPLOT, "%s", r.err);
	/* Single quotes: '' is a quote, a backslash is itself, a newline would
	 * end the command. */
	expect_has(r.script, "set title 'Page faults by number of frames: "
			     "it''s_a^b@c&d\\e?.seq (3 references)'\n");
	expect_has(r.script, "title 'x''y_z'");
	expect_has(r.script, "# x'y_z: frames, faults, fault rate\n");
	expect_has(r.script, "# A chart of a vmtrace sweep of it's_a^b@c&d\\e?.seq, written");
	/* Enhanced text off: _ ^ @ & print as themselves. */
	expect_has(r.script, "set terminal pngcairo size 1000,700 noenhanced");
	expect_has(r.script, "set terminal png size 1000,700 noenhanced");
	run_release(&r);
	json_decref(doc);
}

Test(plot, fills_in_every_placeholder)
{
	const char *docs[] = { belady_json, ws_json, both_json, timed_json };

	for (size_t i = 0; i < ARRAY_LEN(docs); i++) {
		struct plot_run r;

		script_of(&r, docs[i], i == 1 ? "svg" : "png", i == 2);
		for (const char *p = r.script; (p = strchr(p, '@')); p++) {
			const char *q = p + 1;
			while (*q >= 'A' && *q <= 'Z')
				q++;
			cr_expect(!(*q == '@' && q > p + 1), "placeholder %.*s left in:\n%s",
				  (int)(q - p + 1), p, r.script);
		}
		/* The template headers are not copied. */
		expect_lacks(r.script, "Placeholders");
		run_release(&r);
	}
}

Test(plot, chooses_the_terminal_from_the_extension)
{
	struct plot_run r;

	script_of(&r, belady_json, "svg", false);
	expect_has(r.script, "set terminal svg size 1000,700 dynamic noenhanced");
	expect_lacks(r.script, "pngcairo");
	expect_has(r.script, "if (!exists('vmtrace_output')) vmtrace_output = '");
	expect_has(r.script, "/chart.svg'\nset output vmtrace_output\n");
	run_release(&r);

	script_of(&r, belady_json, "PNG", false);
	expect_has(r.script, "if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) "
			     "{ set terminal pngcairo size 1000,700 noenhanced } "
			     "else { set terminal png size 1000,700 noenhanced }");
	run_release(&r);
}

/* --- errors before anything runs ------------------------------------------ */

Test(plot, refuses_other_extensions_as_a_usage_error)
{
	const char *exts[] = { "jpg", "pdf", "png.txt", "gp" };

	for (size_t i = 0; i < ARRAY_LEN(exts); i++) {
		struct plot_run r;

		/* `false` would fail if it ran: the error must come first. */
		run_json(&r, belady_json, exts[i], false, "false");
		cr_expect_eq(r.rc, VT_USAGE, ".%s: %d", exts[i], r.rc);
		expect_has(r.err, "must end in .png or .svg");
		cr_expect_eq(count_files(r.dir), 0, "nothing written for .%s", exts[i]);
		run_release(&r);
	}
}

Test(plot, reports_documents_it_cannot_chart)
{
	static const struct {
		const char *json, *msg;
	} cases[] = {
		{ "[]", "not a JSON object" },
		{ "{\"command\":\"sweep\"}", "no \"sweeps\" array" },
		{ "{\"sweeps\":[1]}", "sweeps[0] is not an object" },
		{ "{\"sweeps\":[{\"policy\":\"lru\"}]}", "sweeps[0]: no \"points\" array" },
		{ "{\"sweeps\":[{\"points\":[]}]}", "sweeps[0]: no string \"policy\"" },
		{ "{\"sweeps\":[{\"policy\":\"lru\",\"points\":[]}]}", "no sweep has any points" },
		{ "{\"sweeps\":[{\"policy\":\"lru\",\"points\":[{\"frames\":1}]}]}",
		  "sweeps[0].points[0]: no number \"faults\"" },
		{ "{\"sweeps\":[{\"policy\":\"lru\",\"points\":[{\"frames\":\"1\",\"faults\":1}]}]}",
		  "sweeps[0].points[0]: no number \"frames\"" },
		{ "{\"sweeps\":[{\"policy\":\"lru\",\"points\":[{\"frames\":0,\"faults\":1}]}]}",
		  "\"frames\" is 0, not positive" },
		{ "{\"sweeps\":[{\"policy\":\"ws\",\"points\":[{\"tau\":1,\"faults\":1}]}]}",
		  "sweeps[0].points[0]: no number \"mean_resident\"" },
		{ "{\"sweeps\":[{\"policy\":\"ws\",\"points\":[{\"tau\":1,\"faults\":1,"
		  "\"mean_resident\":1},{\"frames\":2,\"faults\":1}]}]}",
		  "sweeps[0].points[1]: no number \"tau\"" },
		{ "{\"sweeps\":[{\"policy\":\"fifo\",\"points\":[{\"frames\":1,\"faults\":1}],"
		  "\"anomalies\":[{\"frames\":1}]}]}", "sweeps[0].anomalies[0]: wants numbers" },
		{ "{\"sweeps\":[{\"policy\":\"lru\",\"points\":[{\"frames\":1,\"faults\":1,"
		  "\"time\":{\"total_ns\":5}},{\"frames\":2,\"faults\":1}]}]}",
		  "sweeps[0].points[1]: no \"time\" object (the first point has one)" },
		{ "{\"sweeps\":[{\"policy\":\"lru\",\"points\":[{\"frames\":1,\"faults\":1,"
		  "\"time\":{\"total_ns\":-5}}]}]}",
		  "sweeps[0].points[0]: \"time\" has no number \"total_ns\" of 0 or more" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct plot_run r;

		run_json(&r, cases[i].json, "png", false, "false");
		cr_expect_eq(r.rc, VT_DATAERR, "%s: %d", cases[i].json, r.rc);
		cr_expect_not_null(strstr(r.err, cases[i].msg), "%s: message %s", cases[i].json,
				   r.err);
		cr_expect_not_null(strstr(r.err, "vmtrace: cannot chart the sweep: "), "%s", r.err);
		cr_expect_eq(count_files(r.dir), 0, "nothing written for %s", cases[i].json);
		run_release(&r);
	}
}

Test(plot, cannot_create_a_chart_in_a_missing_directory)
{
	json_t *doc = json_loads(belady_json, 0, NULL);
	struct plot_options opt = { .output = "/nonexistent/dir/chart.png", .gnuplot = "false" };
	struct th_capture cap;
	char err[1024];

	th_capture_begin(&cap);
	cr_expect_eq(plot_sweep(doc, &opt), VT_CANTCREAT);
	th_capture_end(&cap, err, sizeof(err));
	expect_has(err, "cannot create '/nonexistent/dir/chart.png'");
	json_decref(doc);
}

/* --- running gnuplot ------------------------------------------------------ */

Test(plot, skips_the_chart_when_gnuplot_is_missing)
{
	struct plot_run r;

	run_json(&r, belady_json, "png", false, "/nonexistent/gnuplot");
	cr_expect_eq(r.rc, PLOT_NO_GNUPLOT);
	expect_has(r.err, "vmtrace: gnuplot not found (no program '/nonexistent/gnuplot'); chart ");
	expect_has(r.err, "/chart.png not drawn (install gnuplot-nox)\n");
	/* Only the kept script: no chart, no temporary file. */
	cr_expect_eq(count_files(r.dir), 1);
	cr_expect_not_null(r.script);
	run_release(&r);
}

Test(plot, says_gnuplot_not_found_when_it_is_not_on_path)
{
	json_t *doc = json_loads(belady_json, 0, NULL);
	struct plot_run r;

	setenv("PATH", "/nonexistent", 1);
	unsetenv("VMTRACE_GNUPLOT");
	run_doc(&r, doc, "png", false, false, NULL);
	cr_expect_eq(r.rc, PLOT_NO_GNUPLOT);
	expect_has(r.err, "vmtrace: gnuplot not found; chart ");
	expect_has(r.err, "/chart.png not drawn (install gnuplot-nox)\n");
	cr_expect_eq(count_files(r.dir), 0);
	run_release(&r);
	json_decref(doc);
}

Test(plot, runs_the_program_named_by_vmtrace_gnuplot)
{
	json_t *doc = json_loads(belady_json, 0, NULL);
	struct plot_run r;

	setenv("VMTRACE_GNUPLOT", "/nonexistent/by-env", 1);
	run_doc(&r, doc, "png", false, false, NULL);
	cr_expect_eq(r.rc, PLOT_NO_GNUPLOT);
	expect_has(r.err, "(no program '/nonexistent/by-env')");
	run_release(&r);
	/* plot_options.gnuplot wins over the environment. */
	run_doc(&r, doc, "png", false, false, "false");
	cr_expect_eq(r.rc, VT_SOFTWARE);
	run_release(&r);
	json_decref(doc);
}

Test(plot, fails_and_leaves_nothing_when_gnuplot_fails)
{
	struct plot_run r;

	run_json(&r, belady_json, "png", false, "false");
	cr_expect_eq(r.rc, VT_SOFTWARE);
	expect_has(r.err, "vmtrace: gnuplot failed (exit status 1); chart ");
	expect_has(r.err, "(the script is in ");
	cr_expect_eq(count_files(r.dir), 1, "only the kept script");
	run_release(&r);
}

Test(plot, fails_when_gnuplot_writes_nothing)
{
	struct plot_run r;

	run_json(&r, belady_json, "svg", false, "true");
	cr_expect_eq(r.rc, VT_SOFTWARE);
	/* true may exit before or after reading the script. */
	cr_expect(strstr(r.err, "gnuplot wrote nothing") ||
		  strstr(r.err, "gnuplot did not read the whole script"), "%s", r.err);
	cr_expect_eq(count_files(r.dir), 1);
	run_release(&r);
}

Test(plot, survives_a_gnuplot_that_stops_reading)
{
	/* A script far larger than a pipe's buffer, to a program that reads
	 * none of it: EPIPE, not SIGPIPE. */
	json_t *doc = wide_sweep(300000, 1, true);
	struct sigaction before, after;
	struct plot_run r;

	sigaction(SIGPIPE, NULL, &before);
	run_doc(&r, doc, "png", false, false, "true");
	cr_expect_eq(r.rc, VT_SOFTWARE);
	expect_has(r.err, "gnuplot did not read the whole script (Broken pipe)");
	cr_expect_eq(count_files(r.dir), 0);
	/* The caller's SIGPIPE disposition is back. */
	sigaction(SIGPIPE, NULL, &after);
	cr_expect(after.sa_handler == before.sa_handler);
	run_release(&r);
	json_decref(doc);
}

/* A fake gnuplot: records its arguments and script, writes "IMAGE" to the
 * file vmtrace_output names, exits 0. */
static void write_fake_gnuplot(const char *dir, char *prog, size_t size)
{
	FILE *fp;

	snprintf(prog, size, "%s/fake-gnuplot", dir);
	fp = fopen(prog, "w");
	cr_assert_not_null(fp);
	fprintf(fp, "#!/bin/sh\n"
		    "printf '%%s\\n' \"$@\" > '%s/args'\n"
		    "cat > '%s/ran.gp'\n"
		    "out=$(printf '%%s' \"$3\" | sed \"s/^vmtrace_output='//; s/'\\$//\")\n"
		    "printf IMAGE > \"$out\"\n",
		dir, dir);
	fclose(fp);
	chmod(prog, 0755);
}

Test(plot, feeds_gnuplot_the_kept_script_and_renames_its_image)
{
	json_t *doc = json_loads(belady_json, 0, NULL);
	char fake_dir[] = "/tmp/vmtrace-fake-XXXXXX", prog[128], path[160];
	char *ran, *args, *image;
	struct plot_run r;

	cr_assert_not_null(mkdtemp(fake_dir));
	write_fake_gnuplot(fake_dir, prog, sizeof(prog));
	run_doc(&r, doc, "png", false, true, prog);
	cr_assert_eq(r.rc, 0, "%s", r.err);
	snprintf(path, sizeof(path), "%s/ran.gp", fake_dir);
	ran = slurp(path, NULL);
	cr_assert_not_null(ran);
	cr_expect_str_eq(ran, r.script, "what ran is what was kept");
	snprintf(path, sizeof(path), "%s/args", fake_dir);
	args = slurp(path, NULL);
	cr_assert_not_null(args);
	/* -d: no ~/.gnuplot; the temporary image is next to the target. */
	cr_expect(strncmp(args, "-d\n-e\nvmtrace_output='", 22) == 0, "%s", args);
	expect_has(args, "/chart.png.tmp.");
	expect_has(args, "'\n/dev/stdin\n");
	image = slurp(r.out, NULL);
	cr_assert_not_null(image, "the image was not renamed into place");
	cr_expect_str_eq(image, "IMAGE");
	cr_expect_eq(count_files(r.dir), 2, "chart.png and chart.gp, no temporary file");
	free(ran);
	free(args);
	free(image);
	run_release(&r);
	remove_dir(fake_dir);
	json_decref(doc);
}

/* --- the real gnuplot ------------------------------------------------------ */

Test(plot, draws_a_png_with_gnuplot)
{
	static const unsigned char sig[8] = { 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a };
	struct plot_run r;
	size_t len = 0;
	char *png;

	if (!gnuplot_installed())
		cr_skip_test("gnuplot is not installed");
	run_json(&r, belady_json, "png", false, NULL);
	cr_assert_eq(r.rc, 0, "%s", r.err);
	png = slurp(r.out, &len);
	cr_assert_not_null(png);
	cr_expect(len > 2048, "a %zu-byte PNG", len);
	cr_expect(len >= 8 && memcmp(png, sig, 8) == 0, "no PNG signature");
	cr_expect_eq(count_files(r.dir), 2, "chart.png and chart.gp, no temporary file");
	free(png);
	run_release(&r);
}

Test(plot, draws_an_svg_of_both_charts_with_gnuplot)
{
	struct plot_run r;
	size_t len = 0;
	char *svg;

	if (!gnuplot_installed())
		cr_skip_test("gnuplot is not installed");
	run_json(&r, both_json, "svg", true, NULL);
	cr_assert_eq(r.rc, 0, "%s", r.err);
	svg = slurp(r.out, &len);
	cr_assert_not_null(svg);
	cr_expect(strncmp(svg, "<?xml", 5) == 0 || strncmp(svg, "<svg", 4) == 0, "%.40s", svg);
	expect_has(svg, "Working set by window tau");
	free(svg);
	run_release(&r);
}

Test(plot, draws_compared_time_curves_with_gnuplot)
{
	json_t *ssd = on_device("ssd", 1), *hdd = on_device("hdd", 100);
	struct plot_doc docs[] = { { "ssd.json", ssd }, { "hdd.json", hdd } };
	struct plot_run r;
	char *svg;

	if (!gnuplot_installed())
		cr_skip_test("gnuplot is not installed");
	run_docs(&r, docs, 2, "svg", false, false, NULL);
	cr_assert_eq(r.rc, 0, "%s", r.err);
	expect_lacks(r.err, "warning");
	svg = slurp(r.out, NULL);
	cr_assert_not_null(svg);
	expect_has(svg, "Simulated time by number of frames");
	expect_has(svg, "fifo (hdd): out of memory (1)");
	free(svg);
	run_release(&r);
	json_decref(ssd);
	json_decref(hdd);
}

Test(plot, draws_a_chart_with_hard_names_with_gnuplot)
{
	json_t *doc = json_pack("{s:s,s:{s:s,s:i},s:[{s:s,s:[{s:i,s:i},{s:i,s:i}]}]}", "command",
				"sweep", "trace", "path", "it's_a^b@c&d\\e\n\"q\".seq", "references",
				3, "sweeps", "policy", "x'y_{z}", "points", "frames", 1, "faults",
				3, "frames", 2, "faults", 2);
	struct plot_run r;

	if (!gnuplot_installed())
		cr_skip_test("gnuplot is not installed");
	run_doc(&r, doc, "svg", false, false, NULL);
	cr_assert_eq(r.rc, 0, "%s", r.err);
	run_release(&r);
	json_decref(doc);
}

/* --- the node layer of a replay (src/plot_nodes.c) ------------------------ */

/* Eleven buddyinfo counts: orders 0 .. 10. */
#define ORDERS(a, b, c, d, e, f, g, h, i, j, k) \
	"[" #a "," #b "," #c "," #d "," #e "," #f "," #g "," #h "," #i "," #j "," #k "]"
#define NODE(n, acc, rem, free) \
	"{ \"node\": " #n ", \"accesses\": " #acc ", \"remote_accesses\": " #rem \
	", \"buddyinfo\": " free " }"
#define ZERO ORDERS(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

/* Two NUMA nodes, two runs at two frame counts, on an SSD.  lru: 400 of
 * 1000 references remote (40%), 25 ms; fifo: 100 of 1000 (10%), 5 ms.
 * lru's series has two samples of both nodes, given out of order. */
static const char numa_json[] =
	"{ \"vmtrace\": \"0.1.0\", \"command\": \"replay\","
	"  \"trace\": { \"path\": \"traces/t.lackey\", \"references\": 1000, \"page_size\": 4096 },"
	"  \"options\": { \"page_size\": 4096, \"numa\": { \"nodes\": 2 }, \"huge\": null },"
	"  \"results\": ["
	"    { \"policy\": \"lru\", \"frames\": 64, \"oom\": null,"
	"      \"time\": { \"device\": \"ssd\", \"total_ns\": 2.5e7 },"
	"      \"nodes\": [ " NODE(0, 600, 0, ORDERS(1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0)) ", "
	NODE(1, 400, 400, ORDERS(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1)) " ],"
	"      \"buddyinfo_series\": ["
	"        { \"references\": 999, \"node\": 0, \"free\": " ORDERS(1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0) " },"
	"        { \"references\": 499, \"node\": 0, \"free\": " ORDERS(2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0) " },"
	"        { \"references\": 499, \"node\": 1, \"free\": " ORDERS(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0) " },"
	"        { \"references\": 999, \"node\": 1, \"free\": " ORDERS(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1) " } ] },"
	"    { \"policy\": \"fifo\", \"frames\": 96, \"oom\": null,"
	"      \"time\": { \"device\": \"ssd\", \"total_ns\": 5e6 },"
	"      \"nodes\": [ " NODE(0, 500, 100, ZERO) ", " NODE(1, 500, 0, ZERO) " ] } ] }";

/* --buddy alone: one node, no NUMA chart, no time, no series. */
static const char buddy_json[] =
	"{ \"vmtrace\": \"0.1.0\", \"command\": \"replay\","
	"  \"trace\": { \"path\": \"traces/b.seq\", \"references\": 12 },"
	"  \"options\": { \"page_size\": 8192, \"numa\": null },"
	"  \"results\": ["
	"    { \"policy\": \"fifo\", \"frames\": 8, \"oom\": null,"
	"      \"nodes\": [ " NODE(0, 12, 0, ORDERS(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)) " ] } ] }";

/* plot_replay() on json (named name), as run_docs() does for sweeps. */
static void run_replay(struct plot_run *r, const char *json, const char *name, const char *ext,
		       const char *prog)
{
	struct plot_options opt = { 0 };
	struct plot_doc doc = { name, NULL };
	struct th_capture cap;
	json_error_t jerr;

	doc.doc = json_loads(json, 0, &jerr);
	cr_assert_not_null(doc.doc, "test JSON: %s at line %d", jerr.text, jerr.line);
	memset(r, 0, sizeof(*r));
	snprintf(r->dir, sizeof(r->dir), "/tmp/vmtrace-plot-XXXXXX");
	cr_assert_not_null(mkdtemp(r->dir));
	snprintf(r->out, sizeof(r->out), "%s/chart.%s", r->dir, ext);
	snprintf(r->script_path, sizeof(r->script_path), "%s/chart.gp", r->dir);
	opt.output = r->out;
	opt.script = r->script_path;
	opt.gnuplot = prog;
	th_capture_begin(&cap);
	r->rc = plot_replay(&doc, &opt);
	th_capture_end(&cap, r->err, sizeof(r->err));
	r->script = slurp(r->script_path, NULL);
	json_decref((json_t *)doc.doc);
}

/* The script of a replay, with gnuplot missing. */
static void replay_script_of(struct plot_run *r, const char *json)
{
	run_replay(r, json, NULL, "png", "/nonexistent/gnuplot");
	cr_assert_eq(r->rc, PLOT_NO_GNUPLOT, "plot_replay returned %d: %s", r->rc, r->err);
	cr_assert_not_null(r->script, "the script was not kept");
}

Test(plot, draws_the_remote_share_and_time_of_each_run_with_numa)
{
	struct plot_run r;

	replay_script_of(&r, numa_json);
	/* Several frame counts: each label says which. */
	expect_has(r.script, "$runs << EOD\n"
			     "0 \"lru n=64\" 40 25 \"40.0%\" \"25 ms\"\n"
			     "1 \"fifo n=96\" 10 5 \"10.0%\" \"5 ms\"\nEOD\n");
	expect_has(r.script, "set title 'Remote accesses and simulated time by run: "
			     "traces/t.lackey (1000 references), 2 NUMA nodes'\n");
	expect_has(r.script, "set ylabel 'remote accesses (% of references)'");
	expect_has(r.script, "set y2label 'simulated time (ms)'\n");
	expect_has(r.script, "set yrange [0:46]\n");
	expect_has(r.script, "set boxwidth 0.36\n");
	expect_has(r.script, "$runs using ($1-0.19):3:xtic(2) with boxes lt 1 "
			     "title 'remote accesses (% of references)'");
	expect_has(r.script, "$runs using ($1+0.19):4 axes x1y2 with boxes lt 2 "
			     "title 'simulated time'");
	expect_has(r.script, "$runs using ($1+0.19):4:6 axes x1y2 with labels");
	/* Three charts stacked: NUMA, buddyinfo, the series. */
	expect_has(r.script, "size 1000,2100 ");
	expect_has(r.script, "set multiplot layout 3,1\n");
	expect_has(r.script, "# Charts of the node layer of a vmtrace replay of traces/t.lackey");
	run_release(&r);
}

Test(plot, labels_runs_by_policy_alone_and_draws_no_time_axis_without_time)
{
	json_t *doc = json_loads(numa_json, 0, NULL);
	json_t *results = json_object_get(doc, "results");
	struct plot_run r;
	char *json;

	cr_assert_not_null(doc);
	for (size_t i = 0; i < 2; i++) {
		json_t *run = json_array_get(results, i);
		json_object_del(run, "time");
		json_object_set_new(run, "frames", json_integer(64));
	}
	json = json_dumps(doc, 0);
	replay_script_of(&r, json);
	expect_has(r.script, "0 \"lru\" 40 NaN \"40.0%\" \"\"\n1 \"fifo\" 10 NaN \"10.0%\" \"\"\n");
	expect_has(r.script, "set title 'Remote accesses by run: ");
	expect_has(r.script, "set boxwidth 0.6\n");
	expect_has(r.script, "$runs using 1:3:xtic(2) with boxes lt 1");
	expect_has(r.script, "$runs using 1:3:5 with labels");
	expect_lacks(r.script, "y2label");
	expect_lacks(r.script, "axes x1y2");
	expect_lacks(r.script, "title 'simulated time'");
	run_release(&r);
	free(json);
	json_decref(doc);
}

Test(plot, draws_free_blocks_per_order_per_node_for_the_first_run)
{
	struct plot_run r;

	replay_script_of(&r, numa_json);
	expect_has(r.script, "$buddyinfo << EOD\n"
			     "0 \"4K\" 1 0\n1 \"8K\" 0 1\n2 \"16K\" 2 0\n3 \"32K\" 0 0\n"
			     "4 \"64K\" 0 0\n5 \"128K\" 0 0\n6 \"256K\" 0 0\n7 \"512K\" 0 0\n"
			     "8 \"1M\" 0 0\n9 \"2M\" 0 0\n10 \"4M\" 0 1\nEOD\n");
	expect_has(r.script, "set title 'Free blocks per order at the end: lru, 64 frames "
			     "(the first of 2 runs)'\n");
	expect_has(r.script, "plot $buddyinfo using 3:xtic(2) lt 1 title 'node 0', \\\n"
			     "     $buddyinfo using 4 lt 2 title 'node 1'\n");
	expect_has(r.script, "set style histogram clustered");
	expect_lacks(r.script, "no free block at the end");
	run_release(&r);
}

Test(plot, sums_the_buddyinfo_series_over_the_nodes_in_order_of_references)
{
	struct plot_run r;

	replay_script_of(&r, numa_json);
	expect_has(r.script, "$buddyseries << EOD\n"
			     "499 3 2 0 0 0 0 0 0 0 0 0\n"
			     "999 1 1 2 0 0 0 0 0 0 0 1\nEOD\n");
	expect_has(r.script, "set title 'Free blocks per order over the run, 2 nodes summed: "
			     "lru, 64 frames (the first of 2 runs)'\n");
	/* A line for each order that had a free block, none for the others. */
	expect_has(r.script, "plot $buddyseries using 1:2 with steps lt 1 title '4K (order 0)', "
			     "\\\n     $buddyseries using 1:3 with steps lt 2 title '8K (order 1)', "
			     "\\\n     $buddyseries using 1:4 with steps lt 3 title '16K (order 2)', "
			     "\\\n     $buddyseries using 1:12 with steps lt 3 dt 2 "
			     "title '4M (order 10)'\n");
	expect_lacks(r.script, "(order 3)");
	expect_has(r.script, "set xlabel 'references'\nset ylabel 'free blocks'\n"
			     "set grid\nset key outside right top box\nset yrange [0:3.3]\n");
	run_release(&r);
}

Test(plot, leaves_the_values_off_bars_too_narrow_for_them)
{
	json_t *doc = json_loads(numa_json, 0, NULL);
	json_t *results = json_object_get(doc, "results");
	struct plot_run r;
	char *json;

	cr_assert_not_null(doc);
	/* Two runs: every label fits ("40.0%" and "25 ms" in half a slot). */
	json = json_dumps(doc, 0);
	replay_script_of(&r, json);
	expect_has(r.script, "$runs using ($1-0.19):3:5 with labels");
	expect_has(r.script, "$runs using ($1+0.19):4:6 axes x1y2 with labels");
	run_release(&r);
	free(json);
	/* Twelve: a slot is 880 / 12 pixels, half of it too narrow. */
	for (size_t i = 2; i < 12; i++)
		json_array_append(results, json_array_get(results, 1));
	json = json_dumps(doc, 0);
	replay_script_of(&r, json);
	expect_has(r.script, "11 \"fifo n=96\" 10 5 \"10.0%\" \"5 ms\"\n");
	expect_lacks(r.script, "with labels");
	expect_has(r.script, "set xtics rotate by -30\n");
	run_release(&r);
	free(json);
	json_decref(doc);
}

Test(plot, draws_only_the_free_blocks_without_numa)
{
	struct plot_run r;

	replay_script_of(&r, buddy_json);
	expect_lacks(r.script, "$runs");
	expect_lacks(r.script, "Remote accesses");
	expect_lacks(r.script, "multiplot");
	expect_lacks(r.script, "$buddyseries");
	expect_has(r.script, "size 1000,700 ");
	/* The only chart names the trace; 8 KiB pages make the blocks. */
	expect_has(r.script, "set title 'Free blocks per order at the end: fifo, 8 frames of "
			     "traces/b.seq (12 references)'\n");
	expect_has(r.script, "0 \"8K\" 1\n1 \"16K\" 1\n");
	expect_has(r.script, "10 \"8M\" 0\n");
	run_release(&r);
}

Test(plot, says_why_the_free_blocks_chart_is_empty)
{
	struct plot_run r;
	json_t *doc = json_loads(buddy_json, 0, NULL);
	json_t *node = json_array_get(json_object_get(json_array_get(json_object_get(doc,
			"results"), 0), "nodes"), 0);
	char *json;

	json_object_set_new(node, "buddyinfo", json_loads(ZERO, 0, NULL));
	json = json_dumps(doc, 0);
	replay_script_of(&r, json);
	expect_has(r.script, "set yrange [0:1]\nset label 1 'no free block at the end: every "
			     "frame is in use' at graph 0.5, graph 0.5 center\n");
	run_release(&r);
	free(json);
	json_decref(doc);
}

Test(plot, refuses_a_replay_without_the_node_layer)
{
	static const char plain[] =
		"{ \"command\": \"replay\", \"trace\": { \"path\": \"a.seq\" },"
		"  \"results\": [ { \"policy\": \"lru\", \"frames\": 3, \"faults\": 9 } ] }";
	struct plot_run r;

	run_replay(&r, plain, "r.json", "png", "/nonexistent/gnuplot");
	cr_expect_eq(r.rc, VT_DATAERR);
	expect_has(r.err, "vmtrace: cannot chart r.json: a replay without the node layer "
			  "(vmtrace plot draws sweeps, and replays run with --numa, --buddy or "
			  "--huge)\n");
	cr_expect_eq(count_files(r.dir), 0, "no script, no chart");
	run_release(&r);
}

Test(plot, reports_node_data_it_cannot_read)
{
	static const struct {
		const char *json, *msg;
	} cases[] = {
		{ "[]", "the document is not a JSON object" },
		{ "{\"results\":[]}", "no \"results\" array with a run in it" },
		{ "{\"results\":[{\"nodes\":[]}]}", "results[0]: no string \"policy\"" },
		{ "{\"results\":[{\"policy\":\"lru\",\"nodes\":[]}]}",
		  "results[0]: \"nodes\" is not an array of nodes" },
		{ "{\"results\":[{\"policy\":\"lru\",\"nodes\":[" NODE(0, 1, 0, ZERO) "]},"
		  "{\"policy\":\"fifo\"}]}", "results[1]: \"nodes\" is not an array of nodes" },
		{ "{\"results\":[{\"policy\":\"lru\",\"nodes\":[" NODE(0, 1, 2, ZERO) "]}]}",
		  "results[0].nodes[0]: wants numbers \"accesses\" and \"remote_accesses\"" },
		{ "{\"results\":[{\"policy\":\"lru\",\"nodes\":[" NODE(0, 1, 0, "[0,0]") "]}]}",
		  "results[0].nodes[0]: \"buddyinfo\" is not 11 counts (orders 0 to 10)" },
		{ "{\"results\":[{\"policy\":\"lru\",\"time\":{},\"nodes\":[" NODE(0, 1, 0, ZERO)
		  "]}]}", "results[0]: \"time\" has no number \"total_ns\" of 0 or more" },
		{ "{\"results\":[{\"policy\":\"lru\",\"nodes\":[" NODE(0, 1, 0, ZERO) "],"
		  "\"buddyinfo_series\":[{\"references\":1,\"node\":0}]}]}",
		  "results[0].buddyinfo_series[0]: wants numbers \"references\" and \"node\", "
		  "and \"free\", 11 counts" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct plot_run r;

		run_replay(&r, cases[i].json, NULL, "png", "false");
		cr_expect_eq(r.rc, VT_DATAERR, "%s: %d", cases[i].json, r.rc);
		cr_expect_not_null(strstr(r.err, cases[i].msg), "%s: message %s", cases[i].json,
				   r.err);
		cr_expect_not_null(strstr(r.err, "vmtrace: cannot chart the replay: "), "%s", r.err);
		cr_expect_eq(count_files(r.dir), 0, "nothing written for %s", cases[i].json);
		run_release(&r);
	}
}

Test(plot, skips_the_node_chart_when_gnuplot_is_missing)
{
	struct plot_run r;

	run_replay(&r, numa_json, NULL, "png", "/nonexistent/gnuplot");
	cr_expect_eq(r.rc, PLOT_NO_GNUPLOT);
	expect_has(r.err, "vmtrace: gnuplot not found (no program '/nonexistent/gnuplot'); chart ");
	cr_expect_eq(count_files(r.dir), 1, "only the kept script");
	run_release(&r);
}

Test(plot, draws_the_node_charts_as_a_png_with_gnuplot)
{
	static const unsigned char sig[8] = { 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a };
	struct plot_run r;
	size_t len = 0;
	char *png;

	if (!gnuplot_installed())
		cr_skip_test("gnuplot is not installed");
	run_replay(&r, numa_json, NULL, "png", NULL);
	cr_assert_eq(r.rc, 0, "%s", r.err);
	expect_lacks(r.err, "warning");
	png = slurp(r.out, &len);
	cr_assert_not_null(png);
	cr_expect(len > 2048, "a %zu-byte PNG", len);
	cr_expect(len >= 8 && memcmp(png, sig, 8) == 0, "no PNG signature");
	cr_expect_eq(count_files(r.dir), 2, "chart.png and chart.gp, no temporary file");
	free(png);
	run_release(&r);
}

Test(plot, draws_the_node_charts_as_an_svg_with_gnuplot)
{
	struct plot_run r;
	char *svg;

	if (!gnuplot_installed())
		cr_skip_test("gnuplot is not installed");
	run_replay(&r, numa_json, NULL, "svg", NULL);
	cr_assert_eq(r.rc, 0, "%s", r.err);
	expect_lacks(r.err, "warning");
	svg = slurp(r.out, NULL);
	cr_assert_not_null(svg);
	expect_has(svg, "Remote accesses and simulated time by run");
	expect_has(svg, "lru n=64");
	expect_has(svg, "Free blocks per order at the end");
	expect_has(svg, "Free blocks per order over the run, 2 nodes summed");
	expect_has(svg, "4M (order 10)");
	free(svg);
	run_release(&r);
	/* One node, memory full: a chart with a note, and no gnuplot warning
	 * about an empty range. */
	run_replay(&r, buddy_json, NULL, "svg", NULL);
	cr_assert_eq(r.rc, 0, "%s", r.err);
	expect_lacks(r.err, "warning");
	run_release(&r);
}
