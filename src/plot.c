/* plot.c - charts of a sweep, drawn by gnuplot.
 *
 * What the charts show.  One image holds one to three charts, stacked in
 * the order below (gnuplot's multiplot); the image is 1000 pixels wide
 * and 700 high per chart:
 *
 *  - Page faults by frames (plots/faults.gp), for the sweeps whose points
 *    are keyed by "frames" (fifo, lru, opt, clock, lfu): faults against
 *    the number of frames, one line per policy.  Every Belady anomaly of
 *    the document's "anomalies" arrays - a frame count that gave more
 *    faults than the one before it - is circled in red and labelled
 *    "4: 10 > 9" (at 4 frames 10 faults, more than the 9 at 3 frames).
 *    The label starts with the policy when the chart has several ("fifo
 *    4: 10 > 9"), and ends " at N" when the frame count before was N, not
 *    one fewer.  Each anomaly is circled; at most MAX_LABELS are labelled
 *    (those with the largest increase), and the key gives the count.  A
 *    sweep without an "anomalies" array has its anomalies found in its
 *    points (more faults than at one frame fewer).
 *  - The miss-ratio curve (plots/missratio.gp) replaces that chart with
 *    plot_options.log_frames (`--log`), and on its own when the largest
 *    frame count is above LOG_FRAMES_ABOVE (1000): fault_rate (faults /
 *    references) against frames on a log axis.  A linear axis to thousands
 *    of frames would crush the small-memory end of the curve, where it
 *    bends, into a few pixels.  Anomalies are marked the same way.
 *  - Simulated time by frames (plots/time.gp), below the frame chart, for
 *    the frame sweeps whose points carry a "time" object (a sweep with a
 *    cost option): time.total_ns against frames, one line per policy
 *    labelled "policy (device)", the frame axis as above.  The time axis
 *    is logarithmic, because the devices and the frame counts that matter
 *    span orders of magnitude (a read costs 500 times more on an HDD than
 *    on NVMe, and a few frames more can cut the faults a hundredfold), and
 *    its tics are round numbers in human units
 *    ("10 ms", "1 s"): total time is what a reader asks ("how long would
 *    it take?").  The right axis reads the same curves as the effective
 *    access time, total / references, which compares with a memory
 *    latency; as both are the same curve scaled, one set of lines serves.
 *    A point that ran out of memory ("oom" not null) carries the time of
 *    the references before the kill, which would read as a low time: it
 *    is a gap in its line and a cross above every curve instead.
 *  - The working set (plots/ws.gp), when a sweep's points are keyed by
 *    "tau": page faults (left axis) and mean_resident, the mean size of
 *    the working set (right axis), against the window tau; a log tau axis
 *    with --log or a largest tau above 1000.  (A timed WS sweep's time is
 *    not charted: its x axis is the window, not memory.)
 * Several documents (plot_sweeps()) compare devices: sweeps of one trace,
 * each with time, and only the time chart, in which a policy keeps its
 * colour and each document takes its own dash pattern.  Their fault
 * charts would be the same curves again: the device changes what a fault
 * costs, not which references fault.
 * A policy with more than LINES_ONLY_ABOVE points is drawn as a line
 * without a mark at each point.
 *
 * The script.  The templates in plots/ are compiled into the binary
 * (scripts/embed-templates.sh writes src/plot_templates.c at build time),
 * and their @NAME@ placeholders filled in here.  The data goes inline as
 * gnuplot 5 datablocks, so the script is self-contained: what --plot-script
 * keeps is byte for byte what gnuplot ran, and `gnuplot SCRIPT` draws the
 * chart again.  Text is drawn noenhanced (no sub- and superscripts from
 * '_', '^', '@', '&'); strings are single-quoted, where only ' is special
 * (written ''); control characters in a trace path become '?'.
 *
 * Running gnuplot.  The program is plot_options.gnuplot, else the
 * environment variable VMTRACE_GNUPLOT (when set and not empty), else
 * "gnuplot" on PATH.  It is started with posix_spawnp - no shell - as
 *     gnuplot -d -e "vmtrace_output='TARGET.tmp.XXXXXX'" /dev/stdin
 * (-d: ignore ~/.gnuplot, so every machine draws the same chart), its
 * stdin a pipe the script is written to, stdout and stderr inherited.  The
 * script sets its output to vmtrace_output when that is defined, else to
 * TARGET, so by hand it writes the chart itself.  The temporary file,
 * made with mkstemp next to TARGET, is renamed over it only when gnuplot
 * exited 0 and the file is not empty; otherwise it is removed.  A gnuplot
 * that cannot be started (spawn fails with ENOENT, or the child exits 127,
 * the status of a failed exec) is not an error of the data: a message, no
 * file, PLOT_NO_GNUPLOT.  SIGPIPE is ignored while the script is written,
 * so a gnuplot that dies early gives EPIPE, not a dead vmtrace.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>   /* isnan and NAN only: vmtrace does not link libm */
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "exitcodes.h"
#include "outfile.h"
#include "plot.h"
#include "plot_script.h"

extern char **environ;

#define LOG_FRAMES_ABOVE 1000   /* larger frame counts (or taus): log axis */
#define MAX_LABELS 24           /* anomaly labels per chart */
#define LINES_ONLY_ABOVE 60     /* more points: no point marks */
#define FEW_TICS 24             /* a tic per integer up to this range */
#define ANOMALY_STYLE "pt 6 ps 3 lw 2 lc rgb '#d62728'"

/* --- the sweep document, read once and checked --------------------------- */

struct point {
	double x;       /* frames, or tau */
	double faults;
	double rate;    /* fault_rate; NAN when unknown */
	double mean;    /* mean_resident (tau sweeps); NAN when absent */
	double time;    /* time.total_ns in seconds; NAN when none, 0, or oom */
	bool oom;       /* "oom" is there and not null: the run was killed */
};

struct series {
	const char *policy;
	size_t index;   /* in "sweeps" */
	size_t doc;     /* which document, from 0 */
	bool tau;       /* points keyed by "tau" (WS), else by "frames" */
	bool timed;     /* frame points with a "time" object */
	const char *device;   /* time.device of the first point, or NULL */
	size_t n;
	struct point *pt;
	size_t nanomalies;
	size_t noom;    /* points that ran out of memory */
	size_t lt;      /* gnuplot linetype: the policy's colour, by sweep order */
	size_t tlt;     /* the same on the time chart: by policy name */
};

struct anomaly {
	size_t series;
	double x, faults, prev_x, prev_faults, rate;
	bool labelled;
};

struct chart_data {
	const char *trace;      /* trace.path, or NULL */
	double references;      /* trace.references, or 0 */
	double page_size;       /* trace.page_size, or 0 */
	const char *name;       /* the document being read, when several */
	const char *first;      /* the first document's name, when several */
	size_t ndocs;
	size_t ntimed;          /* series with time */
	struct series *s;
	size_t ns;
	struct anomaly *a;
	size_t na;
	size_t nframe, ntau;    /* series with points, of each kind */
	double fmin, fmax, tmin, tmax;
	bool fint, tint;        /* all frame counts / taus are integers */
};

static void data_release(struct chart_data *d)
{
	for (size_t i = 0; i < d->ns; i++)
		free(d->s[i].pt);
	free(d->s);
	free(d->a);
	memset(d, 0, sizeof(*d));
}

int plot_nomem(void)
{
	return vt_error(VT_SOFTWARE, "out of memory");
}

/* A number member of obj, or false. */
bool plot_json_num(const json_t *obj, const char *key, double *v)
{
	const json_t *j = json_object_get(obj, key);

	if (!json_is_number(j))
		return false;
	*v = json_number_value(j);
	return true;
}

static int cmp_point(const void *a, const void *b)
{
	double x = ((const struct point *)a)->x, y = ((const struct point *)b)->x;

	return (x > y) - (x < y);
}

static int cmp_anomaly_excess(const void *a, const void *b)
{
	const struct anomaly *p = *(const struct anomaly *const *)a;
	const struct anomaly *q = *(const struct anomaly *const *)b;
	double x = p->faults - p->prev_faults, y = q->faults - q->prev_faults;

	if (x != y)
		return x < y ? 1 : -1;
	return (p->x > q->x) - (p->x < q->x);
}

static double rate_of(const struct chart_data *d, const struct series *s, double x, double faults)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->pt[i].x == x && s->pt[i].faults == faults)
			return s->pt[i].rate;
	return d->references > 0 ? faults / d->references : NAN;
}

static int add_anomaly(struct chart_data *d, size_t *cap, const struct anomaly *a)
{
	if (d->na == *cap) {
		size_t ncap = *cap ? 2 * *cap : 16;
		struct anomaly *na = realloc(d->a, ncap * sizeof(*na));
		if (!na)
			return plot_nomem();
		d->a = na;
		*cap = ncap;
	}
	d->a[d->na++] = *a;
	d->s[a->series].nanomalies++;
	return 0;
}

/* Report a document that cannot be charted, named when there are several. */
static int bad(const struct chart_data *d, const char *fmt, ...) VT_PRINTF(2, 3);

static int bad(const struct chart_data *d, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return vt_error(VT_DATAERR, "cannot chart %s: %s", d->name ? d->name : "the sweep", msg);
}

#define BAD(...) bad(d, __VA_ARGS__)

/*
 * The time of point j (a frame sweep's, when its first point has one).
 * vmtrace writes "time" on every point of a costed sweep, those that ran
 * out of memory too; their time is left out (see the top).  So is a time
 * of 0, which only zero latencies give and a log axis cannot show.
 */
static int read_time(struct chart_data *d, struct series *s, const json_t *p, size_t j,
		     struct point *pt)
{
	const json_t *t = json_object_get(p, "time"), *oom = json_object_get(p, "oom");
	double ns;

	pt->time = NAN;
	pt->oom = oom && !json_is_null(oom);
	s->noom += pt->oom;
	if (!json_is_object(t))
		return BAD("sweeps[%zu].points[%zu]: no \"time\" object (the first point has one)",
			   s->index, j);
	if (!plot_json_num(t, "total_ns", &ns) || !(ns >= 0))
		return BAD("sweeps[%zu].points[%zu]: \"time\" has no number \"total_ns\" of 0 or "
			   "more", s->index, j);
	if (!s->device)
		s->device = json_string_value(json_object_get(t, "device"));
	if (!pt->oom && ns > 0)
		pt->time = ns / 1e9;
	return 0;
}

static int read_points(struct chart_data *d, struct series *s, const json_t *points)
{
	size_t n = json_array_size(points);

	s->pt = calloc(n ? n : 1, sizeof(*s->pt));
	if (!s->pt)
		return plot_nomem();
	s->tau = n > 0 && json_object_get(json_array_get(points, 0), "tau") != NULL;
	s->timed = n > 0 && !s->tau && json_object_get(json_array_get(points, 0), "time") != NULL;
	for (size_t j = 0; j < n; j++) {
		const json_t *p = json_array_get(points, j);
		const char *key = s->tau ? "tau" : "frames";
		struct point *pt = &s->pt[j];

		if (!json_is_object(p))
			return BAD("sweeps[%zu].points[%zu] is not an object", s->index, j);
		if (!plot_json_num(p, key, &pt->x))
			return BAD("sweeps[%zu].points[%zu]: no number \"%s\"%s", s->index, j, key,
				   s->tau ? " (the first point has \"tau\")" : "");
		if (!(pt->x > 0))
			return BAD("sweeps[%zu].points[%zu]: \"%s\" is %g, not positive", s->index, j,
				   key, pt->x);
		if (!plot_json_num(p, "faults", &pt->faults))
			return BAD("sweeps[%zu].points[%zu]: no number \"faults\"", s->index, j);
		if (!plot_json_num(p, "fault_rate", &pt->rate))
			pt->rate = d->references > 0 ? pt->faults / d->references : NAN;
		if (!plot_json_num(p, "mean_resident", &pt->mean))
			pt->mean = NAN;
		if (s->tau && isnan(pt->mean))
			return BAD("sweeps[%zu].points[%zu]: no number \"mean_resident\"", s->index, j);
		if (s->timed) {
			int err = read_time(d, s, p, j, pt);
			if (err)
				return err;
		} else {
			pt->time = NAN;
		}
	}
	s->n = n;
	qsort(s->pt, n, sizeof(*s->pt), cmp_point);
	return 0;
}

/* The anomalies of a frame sweep: its "anomalies" array, or when it has
 * none, the points with more faults than the point one frame before. */
static int read_anomalies(struct chart_data *d, size_t si, const json_t *anomalies, size_t *cap)
{
	const struct series *s = &d->s[si];
	int err;

	if (!anomalies) {
		for (size_t j = 1; j < s->n; j++) {
			const struct point *p = &s->pt[j - 1], *q = &s->pt[j];
			if (q->x == p->x + 1 && q->faults > p->faults) {
				struct anomaly a = { si, q->x, q->faults, p->x, p->faults, q->rate, false };
				if ((err = add_anomaly(d, cap, &a)))
					return err;
			}
		}
		return 0;
	}
	if (!json_is_array(anomalies))
		return BAD("sweeps[%zu].anomalies is not an array", s->index);
	for (size_t j = 0; j < json_array_size(anomalies); j++) {
		const json_t *o = json_array_get(anomalies, j);
		struct anomaly a = { .series = si };

		if (!json_is_object(o) || !plot_json_num(o, "frames", &a.x) ||
		    !plot_json_num(o, "faults", &a.faults) ||
		    !plot_json_num(o, "prev_frames", &a.prev_x) ||
		    !plot_json_num(o, "prev_faults", &a.prev_faults))
			return BAD("sweeps[%zu].anomalies[%zu]: wants numbers \"frames\", \"faults\", "
				   "\"prev_frames\", \"prev_faults\"", s->index, j);
		if (!(a.x > 0))
			return BAD("sweeps[%zu].anomalies[%zu]: \"frames\" is %g, not positive",
				   s->index, j, a.x);
		a.rate = rate_of(d, s, a.x, a.faults);
		if ((err = add_anomaly(d, cap, &a)))
			return err;
	}
	return 0;
}

static bool is_integer(double x)
{
	return x < 9007199254740992.0 && x == (double)(long long)x;
}

static double min2(double a, double b)
{
	return a < b ? a : b;
}

static double max2(double a, double b)
{
	return a > b ? a : b;
}

/* The last component of a path: "traces/a.seq" and "a.seq" name one trace
 * swept from two directories. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* A document's trace must be the first one's: the time curves of several
 * compare devices on one reference stream.  The file name names the
 * trace; the references and page size tell the same trace read with other
 * options (--data-only, --page-size), whose frames do not compare. */
static int same_trace(const struct chart_data *d, const char *path, double refs, double page)
{
	const char *me = d->name, *first = d->first;

	if (!path)
		return vt_error(VT_DATAERR, "cannot compare %s: no \"trace\" with a \"path\" to "
				"tell which trace it swept", me);
	if (strcmp(base_name(path), base_name(d->trace)) != 0)
		return vt_error(VT_DATAERR, "cannot compare %s with %s: a sweep of '%s', not of "
				"'%s' (time curves compare one trace on several devices)", me, first,
				base_name(path), base_name(d->trace));
	if (refs != d->references)
		return vt_error(VT_DATAERR, "cannot compare %s with %s: %.15g references, not "
				"%.15g (the same trace read with other options)", me, first, refs,
				d->references);
	if (page != d->page_size)
		return vt_error(VT_DATAERR, "cannot compare %s with %s: pages of %.15g bytes, not "
				"%.15g", me, first, page, d->page_size);
	return 0;
}

/* Add the sweeps of document docno (named name when there are several). */
static int data_add(struct chart_data *d, const json_t *doc, const char *name, size_t docno,
		    size_t *cap)
{
	const json_t *trace = json_object_get(doc, "trace");
	const json_t *sweeps = json_object_get(doc, "sweeps");
	const char *path = NULL;
	double refs = 0, page = 0;
	size_t timed = d->ntimed;
	struct series *ns;
	int err;

	d->name = name;
	if (!json_is_object(doc))
		return BAD("the document is not a JSON object");
	if (!json_is_array(sweeps))
		return BAD("no \"sweeps\" array");
	if (json_is_object(trace)) {
		path = json_string_value(json_object_get(trace, "path"));
		if (!plot_json_num(trace, "references", &refs) || !(refs > 0))
			refs = 0;
		if (!plot_json_num(trace, "page_size", &page) || !(page > 0))
			page = 0;
	}
	if (docno == 0) {
		d->trace = path;
		d->references = refs;
		d->page_size = page;
		d->first = name;
		if (name && !path)
			return same_trace(d, path, refs, page);
	} else if ((err = same_trace(d, path, refs, page))) {
		return err;
	}
	ns = realloc(d->s, (d->ns + json_array_size(sweeps) + 1) * sizeof(*ns));
	if (!ns)
		return plot_nomem();
	d->s = ns;
	memset(d->s + d->ns, 0, (json_array_size(sweeps) + 1) * sizeof(*ns));
	for (size_t i = 0; i < json_array_size(sweeps); i++) {
		const json_t *sw = json_array_get(sweeps, i);
		const json_t *points = json_object_get(sw, "points");
		struct series *s = &d->s[d->ns];

		if (!json_is_object(sw))
			return BAD("sweeps[%zu] is not an object", i);
		if (!json_is_array(points))
			return BAD("sweeps[%zu]: no \"points\" array", i);
		s->index = i;
		s->doc = docno;
		s->policy = json_string_value(json_object_get(sw, "policy"));
		if (!s->policy)
			return BAD("sweeps[%zu]: no string \"policy\"", i);
		d->ns++;
		if ((err = read_points(d, s, points)))
			return err;
		if (s->n == 0)
			continue;
		s->lt = d->nframe + d->ntau + 1;
		if (s->tau) {
			d->tmin = d->ntau++ ? min2(d->tmin, s->pt[0].x) : s->pt[0].x;
			d->tmax = max2(d->tmax, s->pt[s->n - 1].x);
			for (size_t j = 0; j < s->n; j++)
				d->tint = d->tint && is_integer(s->pt[j].x);
			/* WS cannot show Belady's anomaly; a tau sweep's list is empty. */
			continue;
		}
		d->ntimed += s->timed;
		d->fmin = d->nframe++ ? min2(d->fmin, s->pt[0].x) : s->pt[0].x;
		d->fmax = max2(d->fmax, s->pt[s->n - 1].x);
		for (size_t j = 0; j < s->n; j++)
			d->fint = d->fint && is_integer(s->pt[j].x);
		if ((err = read_anomalies(d, d->ns - 1, json_object_get(sw, "anomalies"), cap)))
			return err;
	}
	if (name && d->ntimed == timed)
		return vt_error(VT_DATAERR, "cannot compare %s: its points carry no simulated time "
				"(sweep with --device or --cost)", name);
	return 0;
}

/*
 * Read n documents into d.  One is drawn whole; several (each named) are
 * compared on the time chart alone, where a policy takes the colour of its
 * first appearance in any of them.
 */
static int data_read(struct chart_data *d, const struct plot_doc *docs, size_t n)
{
	size_t cap = 0, colours = 0;
	int err;

	memset(d, 0, sizeof(*d));
	d->fint = d->tint = true;
	d->ndocs = n;
	for (size_t k = 0; k < n; k++)
		if ((err = data_add(d, docs[k].doc, n > 1 ? docs[k].name : NULL, k, &cap)))
			return err;
	d->name = NULL;
	if (d->nframe + d->ntau == 0)
		return BAD("no sweep has any points");
	for (size_t i = 0; i < d->ns; i++) {
		struct series *s = &d->s[i];
		if (!s->timed || s->n == 0)
			continue;
		s->tlt = s->lt;
		if (n == 1)
			continue;
		s->tlt = 0;
		for (size_t j = 0; j < i && !s->tlt; j++)
			if (d->s[j].tlt && strcmp(d->s[j].policy, s->policy) == 0)
				s->tlt = d->s[j].tlt;
		if (!s->tlt)
			s->tlt = ++colours;
	}
	return 0;
}

/* --- building the script ------------------------------------------------- */

int plot_buf_open(struct plot_buf *b)
{
	b->s = NULL;
	b->len = 0;
	b->fp = open_memstream(&b->s, &b->len);
	return b->fp ? 0 : plot_nomem();
}

/* Finish b: b->s is then a string the caller frees. */
int plot_buf_close(struct plot_buf *b)
{
	bool bad = ferror(b->fp) != 0;

	if (fclose(b->fp) != 0)
		bad = true;
	b->fp = NULL;
	if (bad || !b->s) {
		free(b->s);
		b->s = NULL;
		return plot_nomem();
	}
	return 0;
}

#define MAX_BUFS 8

/* Open n strings (struct plot_buf *, ...): all of them, or none after a message. */
int plot_bufs_open(size_t n, ...)
{
	struct plot_buf *b[MAX_BUFS];
	va_list ap;

	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		b[i] = va_arg(ap, struct plot_buf *);
	va_end(ap);
	for (size_t i = 0; i < n; i++) {
		if (plot_buf_open(b[i]) != 0) {
			while (i-- > 0) {
				plot_buf_close(b[i]);
				free(b[i]->s);
				b[i]->s = NULL;
			}
			return VT_SOFTWARE;
		}
	}
	return 0;
}

/* Finish n strings (struct plot_buf *, ...).  Return: 0, or the first error. */
int plot_bufs_close(size_t n, ...)
{
	va_list ap;
	int err = 0;

	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		int e = plot_buf_close(va_arg(ap, struct plot_buf *));
		if (!err)
			err = e;
	}
	va_end(ap);
	return err;
}

/* The inside of a single-quoted gnuplot string: ' doubled, control
 * characters (a newline would end the command) turned into '?'. */
void plot_quote_body(FILE *fp, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\'')
			fputs("''", fp);
		else if (c < 0x20 || c == 0x7f)
			fputc('?', fp);
		else
			fputc(c, fp);
	}
}

/* s as a single-quoted gnuplot string. */
void plot_quote(FILE *fp, const char *s)
{
	fputc('\'', fp);
	plot_quote_body(fp, s);
	fputc('\'', fp);
}

/* s on a comment line: control characters (a newline!) become '?'. */
void plot_comment_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		fputc(c < 0x20 || c == 0x7f ? '?' : c, fp);
	}
}

void plot_num(FILE *fp, double v)
{
	if (isnan(v))
		fputs("NaN", fp);
	else
		fprintf(fp, "%.15g", v);
}

/*
 * expand - copy tpl to fp with every @NAME@ replaced by its value.  A
 * placeholder alone on its line whose value is empty or ends in a newline
 * takes the line's own newline with it, so values are whole lines or
 * nothing.  An '@' that does not open a placeholder is copied.
 * Return: 0, or VT_SOFTWARE for a placeholder with no value (a bug).
 */
int plot_page_finish(struct plot_buf *hdr, struct plot_buf *term, struct plot_buf *out,
		     struct plot_buf *data, struct plot_buf *charts, int err, char **script,
		     size_t *len)
{
	struct plot_buf s;
	int e = plot_bufs_close(5, hdr, term, out, data, charts);

	if (!err)
		err = e;
	if (!err && !(err = plot_buf_open(&s))) {
		struct plot_var vars[] = {
			{ "HEADER", hdr->s }, { "TERMINAL", term->s }, { "OUTPUT", out->s },
			{ "DATA", data->s },  { "CHARTS", charts->s },
		};
		err = plot_expand(s.fp, plot_tpl_page, vars, sizeof(vars) / sizeof(vars[0]));
		if (plot_buf_close(&s) != 0 && !err)
			err = VT_SOFTWARE;
		if (err) {
			free(s.s);
		} else {
			*script = s.s;
			*len = s.len;
		}
	}
	free(hdr->s);
	free(term->s);
	free(out->s);
	free(data->s);
	free(charts->s);
	return err;
}

int plot_expand(FILE *fp, const char *tpl, const struct plot_var *vars, size_t nvars)
{
	const char *p = tpl;

	for (;;) {
		const char *at = strchr(p, '@'), *end;
		const struct plot_var *v = NULL;
		size_t len, vlen;

		if (!at) {
			fputs(p, fp);
			return 0;
		}
		fwrite(p, 1, (size_t)(at - p), fp);
		for (end = at + 1; isupper((unsigned char)*end) || *end == '_'; end++)
			;
		if (*end != '@' || end == at + 1) {
			fputc('@', fp);
			p = at + 1;
			continue;
		}
		len = (size_t)(end - at - 1);
		for (size_t i = 0; i < nvars && !v; i++)
			if (strlen(vars[i].name) == len && memcmp(vars[i].name, at + 1, len) == 0)
				v = &vars[i];
		if (!v)
			return vt_error(VT_SOFTWARE, "plot template: no value for @%.*s@", (int)len,
					at + 1);
		vlen = strlen(v->value);
		fputs(v->value, fp);
		p = end + 1;
		if ((at == tpl || at[-1] == '\n') && *p == '\n' &&
		    (vlen == 0 || v->value[vlen - 1] == '\n'))
			p++;
	}
}

enum image_type { IMAGE_NONE, IMAGE_PNG, IMAGE_SVG };

static enum image_type image_type(const char *path)
{
	size_t n = strlen(path);

	if (n > 4 && strcasecmp(path + n - 4, ".png") == 0)
		return IMAGE_PNG;
	if (n > 4 && strcasecmp(path + n - 4, ".svg") == 0)
		return IMAGE_SVG;
	return IMAGE_NONE;
}

bool plot_file_ok(const char *path)
{
	return image_type(path) != IMAGE_NONE;
}

void plot_terminal(FILE *fp, const char *output, int height)
{
	if (image_type(output) == IMAGE_SVG)
		fprintf(fp, "set terminal svg size %d,%d dynamic noenhanced background rgb 'white'",
			CHART_WIDTH, height);
	else
		fprintf(fp,
			"if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) "
			"{ set terminal pngcairo size %d,%d noenhanced } "
			"else { set terminal png size %d,%d noenhanced }",
			CHART_WIDTH, height, CHART_WIDTH, height);
}

static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

/* The x-axis settings of a chart over [lo, hi]. */
static void x_axis(FILE *fp, bool log, double lo, double hi, bool integers)
{
	if (log) {
		/* Base 2 puts a tic at each doubling while there are few. */
		fprintf(fp, "set logscale x %d\nset format x '%%g'\n", hi / lo <= 4096 ? 2 : 10);
	} else if (integers && hi - lo <= FEW_TICS) {
		fputs("set xtics 1\n", fp);
	}
	/* One point: gnuplot would warn of an empty range and make one up. */
	if (hi == lo) {
		fputs("set xrange [", fp);
		plot_num(fp, log ? lo / 2 : lo - 1);
		fputc(':', fp);
		plot_num(fp, log ? hi * 2 : hi + 1);
		fputs("]\n", fp);
	}
}

/* A y axis from 0 whose data is all 0: give it a range (no warning). */
static void y_axis(FILE *fp, const char *axis, double max)
{
	if (!(max > 0))
		fprintf(fp, "set %srange [0:1]\n", axis);
}

static void title(FILE *fp, const char *what, const struct chart_data *d)
{
	fprintf(fp, "'%s: ", what);
	plot_quote_body(fp, d->trace ? d->trace : "a vmtrace sweep");
	if (d->references > 0)
		fprintf(fp, " (%.15g references)", d->references);
	fputc('\'', fp);
}

/*
 * Labels that do not cover each other.  gnuplot places a label where it is
 * told, so where the anomalies crowd (FIFO and Clock often have several a
 * few frames apart) the labels are stacked: each goes in the lowest row
 * above its point whose box, in pixels estimated from the chart's size and
 * the font, overlaps no label placed before.
 */
#define PLOT_AREA_W 880.0   /* pixels of the plot area, about */
#define PLOT_AREA_H 580.0
#define CHAR_W 8.5          /* pixels of a character of the default font */
#define CHAR_H 17.0
#define LABEL_ROWS 6
#define LABEL_ROW_STEP 1.2  /* rows apart, in character heights */

struct rect {
	double l, r, b, t;
};

/* log2 for placing labels, good to a few percent (vmtrace links no libm). */
static double rough_log2(double v)
{
	double e = 0;

	while (v >= 2) {
		v /= 2;
		e++;
	}
	while (v < 1 && v > 0) {
		v *= 2;
		e--;
	}
	return e + (v - 1);
}

/* Where v falls on an axis from lo to hi, 0 to 1. */
static double axis_fraction(double v, double lo, double hi, bool log)
{
	if (log) {
		v = rough_log2(v);
		lo = rough_log2(lo);
		hi = rough_log2(hi);
	}
	return hi > lo ? (v - lo) / (hi - lo) : 0.5;
}

/* Where a label goes: a row above its point, to the right of it, or to the
 * left when it would run past the right edge of the chart. */
struct spot {
	size_t row;
	bool left;
};

/* The spot for a label of len characters at (fx, fy), recorded in placed. */
static struct spot place_label(struct rect *placed, size_t nplaced, size_t len, double fx,
			       double fy)
{
	double w = (double)len * CHAR_W, px = fx * PLOT_AREA_W, y = fy * PLOT_AREA_H;
	struct spot sp = { 0, px + 1.5 * CHAR_W + w > PLOT_AREA_W + 2 * CHAR_W };
	double x = sp.left ? px - 1.5 * CHAR_W - w : px + 1.5 * CHAR_W;
	struct rect box = { 0 };

	for (sp.row = 0; sp.row < LABEL_ROWS; sp.row++) {
		double cy = y + (1 + LABEL_ROW_STEP * (double)sp.row) * CHAR_H;
		bool clear = true;

		box = (struct rect){ x, x + w, cy - CHAR_H / 2, cy + CHAR_H / 2 };
		for (size_t i = 0; i < nplaced && clear; i++)
			clear = !(box.l < placed[i].r && placed[i].l < box.r && box.b < placed[i].t &&
				  placed[i].b < box.t);
		if (clear)
			break;
	}
	if (sp.row == LABEL_ROWS) {
		/* Crowded everywhere: the first row, covered or not. */
		sp.row = 0;
		box.b = y + CHAR_H / 2;
		box.t = y + 3 * CHAR_H / 2;
	}
	placed[nplaced] = box;
	return sp;
}

/* The chart of the frame sweeps: faults.gp, or missratio.gp when log. */
static int frame_chart(FILE *fp, const struct chart_data *d, bool log)
{
	struct plot_buf t, x, l, p;
	size_t col = log ? 3 : 2, na = 0, nlabelled = 0;
	struct rect placed[MAX_LABELS];
	const char *sep = "";
	double ymax = 0;
	int err;

	if ((err = plot_bufs_open(4, &t, &x, &l, &p)))
		return err;
	title(t.fp, log ? "Miss-ratio curve" : "Page faults by number of frames", d);
	for (size_t i = 0; i < d->ns; i++)
		for (size_t j = 0; !d->s[i].tau && j < d->s[i].n; j++)
			ymax = max2(ymax, log ? d->s[i].pt[j].rate : d->s[i].pt[j].faults);
	x_axis(x.fp, log, d->fmin, d->fmax, d->fint);
	y_axis(x.fp, "y", ymax);
	for (size_t i = 0; i < d->na && !err; i++) {
		const struct anomaly *a = &d->a[i];
		const char *policy = d->s[a->series].policy;
		double y = log ? a->rate : a->faults;
		struct plot_buf text;
		struct spot sp;

		if (!a->labelled || isnan(y))
			continue;
		if ((err = plot_buf_open(&text)))
			break;
		if (d->nframe > 1)
			fprintf(text.fp, "%s ", policy);
		fprintf(text.fp, "%.15g: %.15g > %.15g", a->x, a->faults, a->prev_faults);
		if (a->prev_x != a->x - 1)
			fprintf(text.fp, " at %.15g", a->prev_x);
		if ((err = plot_buf_close(&text)))
			break;
		sp = place_label(placed, nlabelled, strlen(text.s),
				  axis_fraction(a->x, d->fmin, d->fmax, log),
				  ymax > 0 ? y / (ymax * 1.12) : 0);
		fprintf(l.fp, "set label %zu ", ++nlabelled);
		plot_quote(l.fp, text.s);
		free(text.s);
		fputs(" at ", l.fp);
		plot_num(l.fp, a->x);
		fputc(',', l.fp);
		plot_num(l.fp, y);
		fprintf(l.fp, "%s offset char %s1.5,%.1f front textcolor rgb '#d62728'\n",
			sp.left ? " right" : "", sp.left ? "-" : "",
			1 + LABEL_ROW_STEP * (double)sp.row);
	}

	for (size_t i = 0; i < d->ns; i++) {
		const struct series *s = &d->s[i];
		if (s->tau || s->n == 0)
			continue;
		fprintf(p.fp, "%s$p%zu using 1:%zu with %s lt %zu title ", sep, i + 1, col,
			s->n > LINES_ONLY_ABOVE ? "lines" : "linespoints", s->lt);
		plot_quote(p.fp, s->policy);
		na += s->nanomalies;
		sep = ", \\\n     ";
	}
	if (na > 0) {
		struct plot_buf k;
		if (!err && !(err = plot_buf_open(&k))) {
			fprintf(k.fp, "Belady's anomaly (%zu", na);
			if (nlabelled < na)
				fprintf(k.fp, "; %zu labelled", nlabelled);
			fputc(')', k.fp);
			if (!(err = plot_buf_close(&k))) {
				fprintf(p.fp, "%s$anomalies using 1:%zu with points %s title ", sep, col,
					ANOMALY_STYLE);
				plot_quote(p.fp, k.s);
				free(k.s);
			}
		}
	}

	{
		int e = plot_bufs_close(4, &t, &x, &l, &p);
		if (!err)
			err = e;
	}
	if (!err) {
		struct plot_var vars[] = {
			{ "TITLE", t.s }, { "AXES", x.s }, { "LABELS", l.s }, { "PLOTS", p.s },
		};
		err = plot_expand(fp, log ? plot_tpl_missratio : plot_tpl_faults, vars,
			     sizeof(vars) / sizeof(vars[0]));
	}
	free(t.s);
	free(x.s);
	free(l.s);
	free(p.s);
	return err;
}

/* "policy: what" (or "what" alone) as a quoted string. */
static void key_title(FILE *fp, const char *policy, const char *what)
{
	fputc('\'', fp);
	if (policy) {
		plot_quote_body(fp, policy);
		fputs(": ", fp);
	}
	plot_quote_body(fp, what);
	fputc('\'', fp);
}

/* The chart of the tau sweeps (WS): ws.gp. */
static int ws_chart(FILE *fp, const struct chart_data *d, bool log)
{
	struct plot_buf t, x, p;
	const char *sep = "";
	bool several = d->ntau > 1;
	double faults_max = 0, mean_max = 0;
	int err;

	if ((err = plot_bufs_open(3, &t, &x, &p)))
		return err;
	title(t.fp, "Working set by window tau", d);
	x_axis(x.fp, log, d->tmin, d->tmax, d->tint);
	for (size_t i = 0; i < d->ns; i++)
		for (size_t j = 0; d->s[i].tau && j < d->s[i].n; j++) {
			faults_max = max2(faults_max, d->s[i].pt[j].faults);
			mean_max = max2(mean_max, d->s[i].pt[j].mean);
		}
	y_axis(x.fp, "y", faults_max);
	y_axis(x.fp, "y2", mean_max);
	for (size_t i = 0; i < d->ns; i++) {
		const struct series *s = &d->s[i];
		const char *with = s->n > LINES_ONLY_ABOVE ? "lines" : "linespoints";
		if (!s->tau || s->n == 0)
			continue;
		/* Both in the policy's colour; the mean resident set dashed, with
		 * open circles. */
		fprintf(p.fp, "%s$w%zu using 1:2 axes x1y1 with %s lt %zu title ", sep, i + 1, with,
			s->lt);
		key_title(p.fp, several ? s->policy : NULL, "page faults");
		fprintf(p.fp, ", \\\n     $w%zu using 1:3 axes x1y2 with %s lt %zu dt 2%s title ",
			i + 1, with, s->lt, s->n > LINES_ONLY_ABOVE ? "" : " pt 6");
		key_title(p.fp, several ? s->policy : NULL, "mean resident set");
		sep = ", \\\n     ";
	}
	err = plot_bufs_close(3, &t, &x, &p);
	if (!err) {
		struct plot_var vars[] = { { "TITLE", t.s }, { "AXES", x.s }, { "PLOTS", p.s } };
		err = plot_expand(fp, plot_tpl_ws, vars, sizeof(vars) / sizeof(vars[0]));
	}
	free(t.s);
	free(x.s);
	free(p.s);
	return err;
}

/*
 * The time axes.  gnuplot's own log-scale tics are powers of ten printed
 * as numbers (1e-05); these are round numbers in a unit a reader says: the
 * rungs of the ladder 1, 2, 5, 10, 20, 50, ... seconds, every rung when
 * the axis spans two decades or less, else the powers of ten only.  Rung n
 * is {1, 2, 5}[n mod 3] * 10^(n div 3); vmtrace links no libm, so powers
 * are products of exact tens.
 */
#define RUNG_MIN (-3 * 30)   /* 1e-30 s */
#define RUNG_MAX (3 * 30)    /* 1e30 s */
#define OOM_STEP 1.3         /* out-of-memory rows above the curves, a factor apart */

static double rung(int n)
{
	static const double m[] = { 1, 2, 5 };
	int e = n >= 0 ? n / 3 : -((2 - n) / 3);
	double p = 1;

	for (int i = 0; i < (e < 0 ? -e : e); i++)
		p *= 10;
	return e < 0 ? m[n - 3 * e] / p : m[n - 3 * e] * p;
}

/* The highest rung at or below v > 0, and the lowest at or above it. */
static int rung_below(double v)
{
	int n = 0;

	while (n > RUNG_MIN && rung(n) > v)
		n--;
	while (n < RUNG_MAX && rung(n + 1) <= v)
		n++;
	return n;
}

static int rung_above(double v)
{
	int n = rung_below(v);

	return rung(n) < v && n < RUNG_MAX ? n + 1 : n;
}

/* A time in seconds as "20 ms": the largest unit it is at least one of. */
void plot_put_time(FILE *fp, double sec)
{
	static const struct {
		double unit;
		const char *name;
	} units[] = { { 1, "s" }, { 1e-3, "ms" }, { 1e-6, "us" }, { 1e-9, "ns" } };
	size_t i = 0;

	/* (1 - 1e-9): a rung computed as 1/1000 is not below 1e-3. */
	while (i + 1 < sizeof(units) / sizeof(units[0]) && sec < units[i].unit * (1 - 1e-9))
		i++;
	if (sec >= 1000)
		fprintf(fp, "%.0f s", sec);   /* %g would write 1e+03 */
	else
		fprintf(fp, "%.3g %s", sec / units[i].unit, units[i].name);
}

/* One tic of a list: 'label' position. */
static void time_tic(FILE *fp, const char *sep, double sec)
{
	fprintf(fp, "%s'", sep);
	plot_put_time(fp, sec);
	fputs("' ", fp);
	plot_num(fp, sec);
}

/* "set AXIStics ..." at the rungs from lo to hi; a range between two rungs
 * has its ends labelled instead, so the axis is never bare. */
static void time_tics(FILE *fp, const char *axis, const char *how, double lo, double hi,
		      bool every)
{
	int nlo = rung_above(lo), nhi = rung_below(hi);
	const char *sep = "";

	fprintf(fp, "set %stics %s(", axis, how);
	if (nlo > nhi) {
		time_tic(fp, "", lo);
		time_tic(fp, ", ", hi);
	}
	for (int n = nlo; n <= nhi; n++) {
		if (!every && n % 3 != 0)
			continue;
		time_tic(fp, sep, rung(n));
		sep = ", ";
	}
	fputs(")\n", fp);
}

/*
 * The y axes of the time chart over the times lo..hi: a log range from the
 * rung below lo to the rung above hi, then noom rows for the crosses of
 * the series that ran out of memory, above the tics.  Return: the top
 * rung, where the first row of crosses is one OOM_STEP above.
 */
static double time_axes(FILE *fp, const struct chart_data *d, double lo, double hi, size_t noom)
{
	int nlo = rung_below(lo), nhi = rung_above(hi);
	double top;
	bool every;

	if (nlo == nhi) {   /* one time (or one rung): a range around it */
		nlo--;
		nhi++;
	}
	every = nhi - nlo <= 6;
	top = rung(nhi);
	for (size_t k = 0; k < noom; k++)
		top *= OOM_STEP;
	if (noom)
		top *= OOM_STEP;
	fputs("set yrange [", fp);
	plot_num(fp, rung(nlo));
	fputc(':', fp);
	plot_num(fp, top);
	fputs("]\n", fp);
	time_tics(fp, "y", d->references > 0 ? "nomirror " : "", rung(nlo), rung(nhi), every);
	if (d->references > 0) {
		fputs("set y2label 'effective access time (per reference)'\nset logscale y2\n"
		      "set y2range [", fp);
		plot_num(fp, rung(nlo) / d->references);
		fputc(':', fp);
		plot_num(fp, top / d->references);
		fputs("]\n", fp);
		time_tics(fp, "y2", "", rung(nlo) / d->references, rung(nhi) / d->references, every);
	}
	return rung(nhi);
}

/* "policy (device)", or "policy" when the document names no device. */
static void put_policy_device(FILE *fp, const struct series *s)
{
	plot_quote_body(fp, s->policy);
	if (s->device) {
		fputs(" (", fp);
		plot_quote_body(fp, s->device);
		fputc(')', fp);
	}
}

/* The chart of simulated time against frames: time.gp. */
static int time_chart(FILE *fp, const struct chart_data *d, bool log)
{
	struct plot_buf t, k, x, p;
	const char *sep = "";
	double lo = 0, hi = 0, row;
	size_t noom = 0;
	bool any = false;
	int err;

	for (size_t i = 0; i < d->ns; i++) {
		const struct series *s = &d->s[i];
		for (size_t j = 0; s->timed && j < s->n; j++) {
			double v = s->pt[j].time;
			if (isnan(v))
				continue;
			lo = any ? min2(lo, v) : v;
			hi = any ? max2(hi, v) : v;
			any = true;
		}
		noom += s->timed && s->noom > 0;
	}
	if (!any)   /* every point ran out of memory: an axis for the crosses */
		lo = hi = 1;
	if ((err = plot_bufs_open(4, &t, &k, &x, &p)))
		return err;
	title(t.fp, "Simulated time by number of frames", d);
	if (d->ndocs > 1)
		fputs("set key outside right top box", k.fp);
	else
		fputs("set key bottom left box opaque", k.fp);
	x_axis(x.fp, log, d->fmin, d->fmax, d->fint);
	row = time_axes(x.fp, d, lo, hi, noom);
	for (size_t i = 0; i < d->ns; i++) {
		const struct series *s = &d->s[i];
		if (!s->timed || s->n == 0)
			continue;
		/* The dash tells the documents apart, the colour the policies. */
		fprintf(p.fp, "%s$t%zu using 1:2 with %s lt %zu dt %zu title '", sep, i + 1,
			s->n > LINES_ONLY_ABOVE ? "lines" : "linespoints", s->tlt, 1 + s->doc % 5);
		put_policy_device(p.fp, s);
		fputc('\'', p.fp);
		sep = ", \\\n     ";
	}
	for (size_t i = 0; i < d->ns; i++) {
		const struct series *s = &d->s[i];
		if (!s->timed || s->noom == 0)
			continue;
		row *= OOM_STEP;
		fprintf(p.fp, "%s$t%zu using 1:($3 > 0 ? ", sep, i + 1);
		plot_num(p.fp, row);
		fprintf(p.fp, " : NaN) with points lt %zu pt 2 ps 2 lw 2 title '", s->tlt);
		put_policy_device(p.fp, s);
		fprintf(p.fp, ": out of memory (%zu)'", s->noom);
	}
	err = plot_bufs_close(4, &t, &k, &x, &p);
	if (!err) {
		struct plot_var vars[] = {
			{ "TITLE", t.s }, { "KEY", k.s }, { "AXES", x.s }, { "PLOTS", p.s },
		};
		err = plot_expand(fp, plot_tpl_time, vars, sizeof(vars) / sizeof(vars[0]));
	}
	free(t.s);
	free(k.s);
	free(x.s);
	free(p.s);
	return err;
}

/* The time of a timed series: $tN (frames, seconds, 1 when out of memory). */
static void time_block(FILE *fp, const struct series *s, size_t i)
{
	fputs("# ", fp);
	plot_comment_text(fp, s->policy);
	if (s->device) {
		fputs(" (", fp);
		plot_comment_text(fp, s->device);
		fputc(')', fp);
	}
	/* NaN breaks the line: gnuplot draws no segment to an undefined point. */
	fprintf(fp, ": frames, simulated seconds (NaN: none), out of memory\n$t%zu << EOD\n",
		i + 1);
	for (size_t j = 0; j < s->n; j++) {
		plot_num(fp, s->pt[j].x);
		fputc(' ', fp);
		plot_num(fp, s->pt[j].time);
		fprintf(fp, " %d\n", s->pt[j].oom ? 1 : 0);
	}
	fputs("EOD\n\n", fp);
}

/* The data of the charts drawn: faults (and WS) when whole, time when
 * timed. */
static void datablocks(FILE *fp, const struct chart_data *d, bool whole, bool timed)
{
	for (size_t i = 0; i < d->ns; i++) {
		const struct series *s = &d->s[i];
		if (s->n == 0)
			continue;
		if (timed && s->timed)
			time_block(fp, s, i);
		if (!whole)
			continue;
		fputs("# ", fp);
		plot_comment_text(fp, s->policy);
		if (s->tau) {
			fprintf(fp, ": tau, faults, mean resident set\n$w%zu << EOD\n", i + 1);
		} else {
			fprintf(fp, ": frames, faults, fault rate\n$p%zu << EOD\n", i + 1);
		}
		for (size_t j = 0; j < s->n; j++) {
			plot_num(fp, s->pt[j].x);
			fputc(' ', fp);
			plot_num(fp, s->pt[j].faults);
			fputc(' ', fp);
			plot_num(fp, s->tau ? s->pt[j].mean : s->pt[j].rate);
			fputc('\n', fp);
		}
		fputs("EOD\n\n", fp);
	}
	if (whole && d->na > 0) {
		fputs("# Belady's anomalies: frames, faults, fault rate\n$anomalies << EOD\n", fp);
		for (size_t i = 0; i < d->na; i++) {
			plot_num(fp, d->a[i].x);
			fputc(' ', fp);
			plot_num(fp, d->a[i].faults);
			fputc(' ', fp);
			plot_num(fp, d->a[i].rate);
			fputc('\n', fp);
		}
		fputs("EOD\n\n", fp);
	}
}

/* Label every anomaly, or the MAX_LABELS with the largest increase. */
static int choose_labels(struct chart_data *d)
{
	struct anomaly **order;

	if (d->na <= MAX_LABELS) {
		for (size_t i = 0; i < d->na; i++)
			d->a[i].labelled = true;
		return 0;
	}
	order = malloc(d->na * sizeof(*order));
	if (!order)
		return plot_nomem();
	for (size_t i = 0; i < d->na; i++)
		order[i] = &d->a[i];
	qsort(order, d->na, sizeof(*order), cmp_anomaly_excess);
	for (size_t i = 0; i < MAX_LABELS; i++)
		order[i]->labelled = true;
	free(order);
	return 0;
}

/* The whole script for doc into *script (malloc'd). */
static int build_script(const struct plot_doc *docs, size_t ndocs,
			const struct plot_options *opt, char **script, size_t *len)
{
	struct chart_data d;
	struct plot_buf hdr, term, out, data, charts;
	bool log_frames, log_tau, whole = ndocs == 1, frames, timed, ws;
	size_t ncharts, drawn = 0;
	int height, err;

	*script = NULL;
	*len = 0;
	if ((err = data_read(&d, docs, ndocs)) || (err = choose_labels(&d))) {
		data_release(&d);
		return err;
	}
	/* Thousands of frames: the miss-ratio curve on a log axis (see top). */
	log_frames = opt->log_frames || d.fmax > LOG_FRAMES_ABOVE;
	log_tau = opt->log_frames || d.tmax > LOG_FRAMES_ABOVE;
	if (log_frames && whole) {
		for (size_t i = 0; i < d.ns && !err; i++)
			for (size_t j = 0; j < d.s[i].n && !err; j++)
				if (!d.s[i].tau && isnan(d.s[i].pt[j].rate))
					err = bad(&d, "sweeps[%zu].points[%zu]: no number "
						  "\"fault_rate\" (nor trace.references to compute "
						  "it) for the miss-ratio curve", d.s[i].index, j);
		if (err) {
			data_release(&d);
			return err;
		}
	}
	/* One document: every chart it has, stacked frames, time, WS.  Several:
	 * the time chart alone (see top). */
	frames = whole && d.nframe > 0;
	timed = d.ntimed > 0;
	ws = whole && d.ntau > 0;
	ncharts = (size_t)frames + (size_t)timed + (size_t)ws;
	height = CHART_HEIGHT * (int)ncharts;

	if ((err = plot_bufs_open(5, &hdr, &term, &out, &data, &charts))) {
		data_release(&d);
		return err;
	}
	if (whole)
		fputs("# A chart of a vmtrace sweep", hdr.fp);
	else
		fprintf(hdr.fp, "# The simulated time of %zu vmtrace sweeps", ndocs);
	if (d.trace) {
		fputs(" of ", hdr.fp);
		plot_comment_text(hdr.fp, d.trace);
	}
	fprintf(hdr.fp, ", written by vmtrace %s.\n# Draw it again with: gnuplot ", VMTRACE_VERSION);
	plot_comment_text(hdr.fp, opt->script ? opt->script : "THIS-FILE");
	fputs("   (it writes ", hdr.fp);
	plot_comment_text(hdr.fp, opt->output);
	fputs(")\n", hdr.fp);

	plot_terminal(term.fp, opt->output, height);
	plot_quote(out.fp, opt->output);
	datablocks(data.fp, &d, whole, timed);

	if (ncharts > 1)
		fprintf(charts.fp, "set multiplot layout %zu,1\n\n", ncharts);
	if (frames && (err = frame_chart(charts.fp, &d, log_frames)) == 0)
		drawn++;
	if (!err && timed) {
		if (drawn++)
			fputc('\n', charts.fp);
		err = time_chart(charts.fp, &d, log_frames);
	}
	if (!err && ws) {
		if (drawn++)
			fputc('\n', charts.fp);
		err = ws_chart(charts.fp, &d, log_tau);
	}
	if (ncharts > 1)
		fputs("\nunset multiplot\n", charts.fp);

	err = plot_page_finish(&hdr, &term, &out, &data, &charts, err, script, len);
	data_release(&d);
	return err;
}

/* --- running gnuplot ----------------------------------------------------- */

/* Keep the script at path (complete or not at all). */
static int save_script(const char *path, const char *script, size_t len)
{
	struct outfile of;
	int err = outfile_open(&of, path);

	if (err)
		return err;
	if (fwrite(script, 1, len, of.fp) != len) {
		err = vt_error(VT_IOERR, "error writing '%s': %s", path, strerror(errno));
		outfile_abort(&of);
		return err;
	}
	return outfile_commit(&of);
}

static int not_found(const char *prog, const char *target)
{
	if (strcmp(prog, "gnuplot") == 0)
		vt_error(0, "gnuplot not found; chart %s not drawn (install gnuplot-nox)", target);
	else
		vt_error(0, "gnuplot not found (no program '%s'); chart %s not drawn "
			 "(install gnuplot-nox)", prog, target);
	return PLOT_NO_GNUPLOT;
}

/* Write all of buf to fd; false with errno set on a failure (EPIPE...). */
static bool write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		buf += w;
		len -= (size_t)w;
	}
	return true;
}

/*
 * run - feed script to prog, which writes the image to tmpimg (kept: where
 * the script was saved, or NULL).
 * Return: 0 when it exited 0 having read everything; PLOT_NO_GNUPLOT when
 * it could not be started; VT_SOFTWARE after a message otherwise.
 */
static int run(const char *prog, const char *tmpimg, const char *target, const char *kept,
	       const char *script, size_t len)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	struct sigaction ign, old;
	sigset_t dfl, none;
	struct plot_buf setvar;
	int fds[2], status, rc, err, write_errno = 0;
	pid_t pid;
	bool wrote;

	if ((err = plot_buf_open(&setvar)))
		return err;
	fputs("vmtrace_output=", setvar.fp);
	plot_quote(setvar.fp, tmpimg);
	if ((err = plot_buf_close(&setvar)))
		return err;
	if (pipe(fds) != 0) {
		err = vt_error(VT_SOFTWARE, "cannot run gnuplot: pipe: %s", strerror(errno));
		free(setvar.s);
		return err;
	}
	/* Only the child's stdin (a dup2, which clears the flag) stays open. */
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[0], STDIN_FILENO);
	/* gnuplot gets SIGPIPE back (a caller may ignore it) and no blocked
	 * signals. */
	posix_spawnattr_init(&attr);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	sigemptyset(&none);
	posix_spawnattr_setsigdefault(&attr, &dfl);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
	{
		char *argv[] = { (char *)prog, "-d", "-e", setvar.s, "/dev/stdin", NULL };
		rc = posix_spawnp(&pid, prog, &fa, &attr, argv, environ);
	}
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	free(setvar.s);
	close(fds[0]);
	if (rc != 0) {
		close(fds[1]);
		if (rc == ENOENT || rc == ENOTDIR)
			return not_found(prog, target);
		return vt_error(VT_SOFTWARE, "cannot run '%s': %s; chart %s not drawn", prog,
				strerror(rc), target);
	}

	/* A gnuplot that exits early must cost us EPIPE, not our life. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	wrote = write_all(fds[1], script, len);
	if (!wrote)
		write_errno = errno;
	close(fds[1]);
	sigaction(SIGPIPE, &old, NULL);

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return vt_error(VT_SOFTWARE, "waiting for gnuplot: %s", strerror(errno));
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return not_found(prog, target);   /* the exec in the child failed */
	if (WIFSIGNALED(status))
		return vt_error(VT_SOFTWARE, "gnuplot was killed by signal %d; chart %s not drawn",
				WTERMSIG(status), target);
	if (WEXITSTATUS(status) != 0) {
		if (kept)
			return vt_error(VT_SOFTWARE, "gnuplot failed (exit status %d); chart %s not "
					"drawn (the script is in %s)", WEXITSTATUS(status), target, kept);
		return vt_error(VT_SOFTWARE, "gnuplot failed (exit status %d); chart %s not drawn "
				"(--plot-script FILE keeps the script)", WEXITSTATUS(status), target);
	}
	if (!wrote)
		return vt_error(VT_SOFTWARE, "gnuplot did not read the whole script (%s); "
				"chart %s not drawn", strerror(write_errno), target);
	return 0;
}

/* Keep the script if asked, then run gnuplot on it into opt->output. */
int plot_draw(const char *script, size_t len, const struct plot_options *opt,
	      const char *prog)
{
	struct tempfile img;
	struct stat st;
	int err;

	if (opt->script && (err = save_script(opt->script, script, len)))
		return err;
	if ((err = tempfile_create(&img, opt->output)))
		return err;
	close(img.fd);
	err = run(prog, img.path, opt->output, opt->script, script, len);
	if (!err && (stat(img.path, &st) != 0 || st.st_size == 0))
		err = vt_error(VT_SOFTWARE, "gnuplot wrote nothing; chart %s not drawn", opt->output);
	if (err)
		tempfile_discard(&img);
	else
		err = tempfile_commit(&img, opt->output);
	return err;
}

int plot_sweep(const json_t *doc, const struct plot_options *opt)
{
	struct plot_doc one = { NULL, doc };

	return plot_sweeps(&one, 1, opt);
}

/* The chart file is one we can write; *prog the gnuplot to run. */
int plot_check_output(const struct plot_options *opt, const char **prog)
{
	const char *env = getenv("VMTRACE_GNUPLOT");

	if (!opt->output || image_type(opt->output) == IMAGE_NONE)
		return vt_error(VT_USAGE, "chart '%s': the file name must end in .png or .svg",
				opt->output ? opt->output : "");
	if (has_control(opt->output))
		return vt_error(VT_USAGE, "chart file name has control characters");
	*prog = opt->gnuplot ? opt->gnuplot : env && *env ? env : "gnuplot";
	return 0;
}

int plot_sweeps(const struct plot_doc *docs, size_t ndocs, const struct plot_options *opt)
{
	const char *prog;
	char *script = NULL;
	size_t len = 0;
	int err;

	if ((err = plot_check_output(opt, &prog)))
		return err;
	if (ndocs == 0)
		return vt_error(VT_SOFTWARE, "plot_sweeps: no document");
	if ((err = build_script(docs, ndocs, opt, &script, &len)))
		return err;
	err = plot_draw(script, len, opt, prog);
	free(script);
	return err;
}

int plot_thrash(const char *workload, const char *machine, const struct plot_thrash_row *rows,
		size_t n, const struct plot_options *opt)
{
	struct plot_buf s, hdr, term, out, data, chart, title, plot;
	const char *prog;
	bool oom = false;
	int err;

	if ((err = plot_check_output(opt, &prog)))
		return err;
	if ((err = plot_bufs_open(6, &hdr, &term, &out, &data, &title, &plot)))
		return err;
	fputs("# Thrashing: throughput against copies of ", hdr.fp);
	plot_comment_text(hdr.fp, workload);
	fprintf(hdr.fp, ", written by vmtrace %s.\n# Draw it again with: gnuplot ", VMTRACE_VERSION);
	plot_comment_text(hdr.fp, opt->script ? opt->script : "THIS-FILE");
	fputs("   (it writes ", hdr.fp);
	plot_comment_text(hdr.fp, opt->output);
	fputs(")\n", hdr.fp);
	plot_terminal(term.fp, opt->output, CHART_HEIGHT);
	plot_quote(out.fp, opt->output);
	fputs("$thrash << EOD\n", data.fp);
	for (size_t i = 0; i < n; i++) {
		fprintf(data.fp, "%llu ", (unsigned long long)rows[i].copies);
		plot_num(data.fp, rows[i].throughput);
		fputc(' ', data.fp);
		plot_num(data.fp, 100 * rows[i].cpu);
		fprintf(data.fp, " %d\n", rows[i].oom ? 1 : 0);
		oom |= rows[i].oom;
	}
	fputs("EOD\n", data.fp);
	{
		char t[512];
		snprintf(t, sizeof(t), "Thrashing: %s, %s", workload, machine);
		plot_quote(title.fp, t);
	}
	fputs("plot $thrash using 1:2 with linespoints lt 1 title 'throughput', \\\n"
	      "     $thrash using 1:3 axes x1y2 with linespoints lt 2 title 'CPU utilisation'",
	      plot.fp);
	if (oom)
		fputs(", \\\n     $thrash using 1:($4 > 0 ? $2 : 1/0) with points lt 8 pt 2 ps 2.5 "
		      "title 'out of memory (partial run)'", plot.fp);
	fputc('\n', plot.fp);
	err = plot_bufs_close(6, &hdr, &term, &out, &data, &title, &plot);
	if (!err && !(err = plot_buf_open(&chart))) {
		struct plot_var cv[] = { { "TITLE", title.s }, { "PLOT", plot.s } };
		err = plot_expand(chart.fp, plot_tpl_thrash, cv, sizeof(cv) / sizeof(cv[0]));
		if (plot_buf_close(&chart) != 0 && !err)
			err = VT_SOFTWARE;
		if (!err && !(err = plot_buf_open(&s))) {
			struct plot_var vars[] = {
				{ "HEADER", hdr.s }, { "TERMINAL", term.s }, { "OUTPUT", out.s },
				{ "DATA", data.s },  { "CHARTS", chart.s },
			};
			err = plot_expand(s.fp, plot_tpl_page, vars, sizeof(vars) / sizeof(vars[0]));
			if (plot_buf_close(&s) != 0 && !err)
				err = VT_SOFTWARE;
			if (!err)
				err = plot_draw(s.s, s.len, opt, prog);
			free(s.s);
		}
		free(chart.s);
	}
	free(hdr.s);
	free(term.s);
	free(out.s);
	free(data.s);
	free(title.s);
	free(plot.s);
	return err;
}
