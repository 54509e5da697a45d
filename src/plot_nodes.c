/* plot_nodes.c - charts of a replay's node layer (issue #9), drawn by gnuplot.
 *
 * The input is the JSON document of `vmtrace replay -O json` run with the
 * node layer (--numa, --buddy or --huge): each of its "results" carries
 * "nodes", one object per node with numastat's counters, the references
 * to the node's frames ("accesses", of which "remote_accesses" came from
 * a process on another node) and the buddy allocator's free blocks per
 * order at the end ("buddyinfo", orders 0 .. 10); with --buddyinfo-every
 * N also "buddyinfo_series", the free blocks of each node every N
 * references.  A replay without the node layer has nothing to draw here.
 *
 * What the charts show, stacked in this order (gnuplot's multiplot), each
 * CHART_HEIGHT pixels high:
 *
 *  - With NUMA ("options"."numa" not null; plots/numa.gp): one group of
 *    bars per run, the remote share - the references that went to a
 *    frame on another node than their process's, summed over the nodes,
 *    in percent of all - and, when the runs carry "time" (a cost
 *    option), the run's simulated time on the right axis, in the one unit
 *    (s, ms, us, ns) that suits the longest.  Bars, not lines: the runs
 *    are policies side by side, not points of a curve.  A run is
 *    labelled by its policy, with " n=FRAMES" when the replay ran several
 *    frame counts, and " (oom)" when it ran out of memory (its bars count
 *    what ran).  Each bar carries its value ("40.0%", "25 ms") when every
 *    value fits above its bar without running into the next one: the
 *    runs' slots on the x axis are wide enough, so a few runs (about six
 *    with time, a dozen without).
 *  - Always (plots/buddyinfo.gp): the free blocks per order at the end,
 *    clustered by order, one bar per node, the block sizes on the x axis
 *    (4K .. 4M with 4 KiB pages).  For the first run only: the buddy
 *    state hardly depends on the policy (frames are allocated at faults
 *    in the same order and come back only when a process exits, a page
 *    migrates or a 4 MiB page is split), and one panel per run would
 *    stack charts that look alike.  The title names the run.
 *  - With "buddyinfo_series" in the first run (plots/buddyseries.gp):
 *    the free blocks of each order against the references, summed over
 *    the nodes (the title says so), one line per order that ever had a
 *    free block, drawn as steps.
 *
 * The script is built and run as src/plot.c builds and runs the sweep
 * charts (plot_script.h): data inline as datablocks, the templates of
 * plots/ filled in, gnuplot started without a shell, the image written
 * under a temporary name and renamed into place.
 */
#include <math.h>   /* isnan and NAN only: vmtrace does not link libm */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buddy.h"
#include "error.h"
#include "exitcodes.h"
#include "plot.h"
#include "plot_script.h"

#define LABEL_CHAR_W 8.5      /* pixels of a character of the default font */
#define PLOT_AREA_W 880.0     /* pixels of the plot area, about */

/* One run of the replay: what the NUMA chart shows of it. */
struct node_run {
	size_t index;          /* in "results" */
	const char *policy;
	double frames;         /* NAN when the result has none */
	double accesses;       /* summed over its nodes */
	double remote;
	double time;           /* time.total_ns in seconds, or NAN */
	bool oom;
};

/* One sample of the first run's buddyinfo_series, summed over the nodes. */
struct node_sample {
	double references;
	double free[BUDDY_ORDERS];
};

struct node_data {
	const char *name;      /* the document, for messages; NULL: "the replay" */
	const char *trace;     /* trace.path, or NULL */
	double references;     /* trace.references, or 0 */
	double page_size;      /* bytes of a page (frame): order 0's block */
	bool numa;             /* options.numa is an object */
	double nnuma;          /* options.numa.nodes, or 0 */
	struct node_run *runs;
	size_t nruns;
	bool several_frames;   /* the runs have more than one frame count */
	bool timed;            /* every run has "time" */
	double time_per;       /* seconds a unit of the time axis */
	const char *time_unit; /* its name */
	/* the first run's nodes */
	size_t nnodes;
	double (*free)[BUDDY_ORDERS];
	struct node_sample *samples;
	size_t nsamples;
	size_t series_nodes;   /* distinct nodes in the series */
};

static void data_release(struct node_data *d)
{
	free(d->runs);
	free(d->free);
	free(d->samples);
	memset(d, 0, sizeof(*d));
}

/* Report a document that cannot be charted. */
static int bad(const struct node_data *d, const char *fmt, ...) VT_PRINTF(2, 3);

static int bad(const struct node_data *d, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return vt_error(VT_DATAERR, "cannot chart %s: %s", d->name ? d->name : "the replay", msg);
}

/* An array of BUDDY_ORDERS numbers of 0 or more into v. */
static bool orders(const json_t *a, double v[BUDDY_ORDERS])
{
	if (!json_is_array(a) || json_array_size(a) != BUDDY_ORDERS)
		return false;
	for (size_t k = 0; k < BUDDY_ORDERS; k++) {
		const json_t *x = json_array_get(a, k);
		if (!json_is_number(x) || !(json_number_value(x) >= 0))
			return false;
		v[k] = json_number_value(x);
	}
	return true;
}

/* Run i's nodes: the sums, and for the first run the free blocks. */
static int read_nodes(struct node_data *d, struct node_run *run, const json_t *nodes)
{
	size_t n = json_array_size(nodes);

	if (!json_is_array(nodes) || n == 0)
		return bad(d, "results[%zu]: \"nodes\" is not an array of nodes", run->index);
	if (run->index == 0) {
		d->free = calloc(n, sizeof(*d->free));
		if (!d->free)
			return plot_nomem();
		d->nnodes = n;
	}
	for (size_t j = 0; j < n; j++) {
		const json_t *o = json_array_get(nodes, j);
		double acc, rem, freev[BUDDY_ORDERS];

		if (!json_is_object(o) || !plot_json_num(o, "accesses", &acc) ||
		    !plot_json_num(o, "remote_accesses", &rem) || !(acc >= 0) || !(rem >= 0) ||
		    rem > acc)
			return bad(d, "results[%zu].nodes[%zu]: wants numbers \"accesses\" and "
				   "\"remote_accesses\" (at most the accesses)", run->index, j);
		if (!orders(json_object_get(o, "buddyinfo"), freev))
			return bad(d, "results[%zu].nodes[%zu]: \"buddyinfo\" is not %d counts "
				   "(orders 0 to %d)", run->index, j, BUDDY_ORDERS, BUDDY_MAX_ORDER);
		run->accesses += acc;
		run->remote += rem;
		if (run->index == 0)
			memcpy(d->free[j], freev, sizeof(freev));
	}
	return 0;
}

static int cmp_sample(const void *a, const void *b)
{
	double x = ((const struct node_sample *)a)->references;
	double y = ((const struct node_sample *)b)->references;

	return (x > y) - (x < y);
}

/* The first run's buddyinfo_series, summed over the nodes per sample. */
static int read_series(struct node_data *d, const json_t *series)
{
	size_t n = json_array_size(series), k = 0;

	if (!json_is_array(series))
		return bad(d, "results[0]: \"buddyinfo_series\" is not an array");
	if (n == 0)
		return 0;
	d->samples = calloc(n, sizeof(*d->samples));
	if (!d->samples)
		return plot_nomem();
	for (size_t j = 0; j < n; j++) {
		const json_t *o = json_array_get(series, j);
		struct node_sample *s = &d->samples[j];
		double node;

		if (!json_is_object(o) || !plot_json_num(o, "references", &s->references) ||
		    !(s->references >= 0) || !plot_json_num(o, "node", &node) || !(node >= 0) ||
		    !orders(json_object_get(o, "free"), s->free))
			return bad(d, "results[0].buddyinfo_series[%zu]: wants numbers "
				   "\"references\" and \"node\", and \"free\", %d counts", j,
				   BUDDY_ORDERS);
	}
	/* The nodes of one sample share its references: add them up. */
	qsort(d->samples, n, sizeof(*d->samples), cmp_sample);
	for (size_t j = 0; j < n && d->samples[j].references == d->samples[0].references; j++)
		d->series_nodes++;
	for (size_t j = 0; j < n; j++) {
		if (k > 0 && d->samples[k - 1].references == d->samples[j].references) {
			for (size_t o = 0; o < BUDDY_ORDERS; o++)
				d->samples[k - 1].free[o] += d->samples[j].free[o];
			continue;
		}
		d->samples[k++] = d->samples[j];
	}
	d->nsamples = k;
	return 0;
}

static int read_run(struct node_data *d, struct node_run *run, const json_t *r)
{
	const json_t *t = json_object_get(r, "time"), *oom = json_object_get(r, "oom");
	const json_t *series = json_object_get(r, "buddyinfo_series");
	double ns;
	int err;

	if (!json_is_object(r))
		return bad(d, "results[%zu] is not an object", run->index);
	run->policy = json_string_value(json_object_get(r, "policy"));
	if (!run->policy)
		return bad(d, "results[%zu]: no string \"policy\"", run->index);
	if (!plot_json_num(r, "frames", &run->frames))
		run->frames = NAN;
	run->oom = oom && !json_is_null(oom);
	run->time = NAN;
	if (t && !json_is_null(t)) {
		if (!json_is_object(t) || !plot_json_num(t, "total_ns", &ns) || !(ns >= 0))
			return bad(d, "results[%zu]: \"time\" has no number \"total_ns\" of 0 or more",
				   run->index);
		run->time = ns / 1e9;
	}
	if ((err = read_nodes(d, run, json_object_get(r, "nodes"))))
		return err;
	if (run->index == 0 && series)
		return read_series(d, series);
	return 0;
}

/* The time unit for the longest time: seconds per unit and its name. */
static void time_unit(double max, double *per, const char **name)
{
	if (max >= 1) {
		*per = 1;
		*name = "s";
	} else if (max >= 1e-3) {
		*per = 1e-3;
		*name = "ms";
	} else if (max >= 1e-6) {
		*per = 1e-6;
		*name = "us";
	} else {
		*per = 1e-9;
		*name = "ns";
	}
}

/* Read and check doc into d. */
static int data_read(struct node_data *d, const struct plot_doc *doc)
{
	const json_t *trace = json_object_get(doc->doc, "trace");
	const json_t *options = json_object_get(doc->doc, "options");
	const json_t *results = json_object_get(doc->doc, "results");
	const json_t *numa = json_object_get(options, "numa");
	size_t n = json_array_size(results), with_nodes = 0;
	double page, tmax = 0;
	int err;

	memset(d, 0, sizeof(*d));
	d->name = doc->name;
	d->page_size = 4096;
	if (!json_is_object(doc->doc))
		return bad(d, "the document is not a JSON object");
	if (!json_is_array(results) || n == 0)
		return bad(d, "no \"results\" array with a run in it");
	for (size_t i = 0; i < n; i++)
		with_nodes += json_object_get(json_array_get(results, i), "nodes") != NULL;
	if (with_nodes == 0)
		return bad(d, "a replay without the node layer (vmtrace plot draws sweeps, and "
			   "replays run with --numa, --buddy or --huge)");
	if (json_is_object(trace)) {
		d->trace = json_string_value(json_object_get(trace, "path"));
		if (!plot_json_num(trace, "references", &d->references) || !(d->references > 0))
			d->references = 0;
		if (!plot_json_num(trace, "page_size", &d->page_size) || !(d->page_size > 0))
			d->page_size = 4096;
	}
	if (plot_json_num(options, "page_size", &page) && page > 0)
		d->page_size = page;
	d->numa = json_is_object(numa);
	if (!d->numa || !plot_json_num(numa, "nodes", &d->nnuma))
		d->nnuma = 0;
	d->runs = calloc(n, sizeof(*d->runs));
	if (!d->runs)
		return plot_nomem();
	d->timed = true;
	for (size_t i = 0; i < n; i++) {
		struct node_run *run = &d->runs[i];
		run->index = i;
		if ((err = read_run(d, run, json_array_get(results, i))))
			return err;
		d->timed = d->timed && !isnan(run->time);
		tmax = run->time > tmax ? run->time : tmax;
		if (i > 0 && !(run->frames == d->runs[0].frames ||
			       (isnan(run->frames) && isnan(d->runs[0].frames))))
			d->several_frames = true;
	}
	d->nruns = n;
	time_unit(tmax, &d->time_per, &d->time_unit);
	return 0;
}

/* --- building the script ------------------------------------------------- */

/* s inside a double-quoted datablock field: " and control characters are
 * replaced (gnuplot reads no escapes there). */
static void field_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		fputc(c == '"' ? '\'' : c < 0x20 || c == 0x7f ? '?' : c, fp);
	}
}

/* A run's label: "lru", "lru n=64", "lru (oom)". */
static void run_label(FILE *fp, const struct node_data *d, const struct node_run *r)
{
	field_text(fp, r->policy);
	if (d->several_frames && !isnan(r->frames))
		fprintf(fp, " n=%.15g", r->frames);
	if (r->oom)
		fputs(" (oom)", fp);
}

/* A block of 2^order pages as "4K", "64K", "4M". */
static void block_size(FILE *fp, double page, size_t order)
{
	static const char *const units[] = { "", "K", "M", "G", "T" };
	double bytes = page;
	size_t u = 0;

	for (size_t k = 0; k < order; k++)
		bytes *= 2;
	while (u + 1 < sizeof(units) / sizeof(units[0]) && bytes >= 1024) {
		bytes /= 1024;
		u++;
	}
	fprintf(fp, "%.15g%s", bytes, units[u]);
}

/* "TRACE (N references)" inside a quoted title. */
static void trace_text(FILE *fp, const struct node_data *d)
{
	plot_quote_body(fp, d->trace ? d->trace : "a vmtrace replay");
	if (d->references > 0)
		fprintf(fp, " (%.15g references)", d->references);
}

/* The title of a chart of the first run: "WHAT: lru, 64 frames (the first
 * of 3 runs)", then the trace when the chart is the image's first. */
static void run_title(FILE *fp, const char *what, const struct node_data *d)
{
	const struct node_run *r = &d->runs[0];

	fprintf(fp, "'%s: ", what);
	plot_quote_body(fp, r->policy);
	if (!isnan(r->frames))
		fprintf(fp, ", %.15g frame%s", r->frames, r->frames == 1 ? "" : "s");
	if (d->nruns > 1)
		fprintf(fp, " (the first of %zu runs)", d->nruns);
	if (!d->numa) {
		fputs(" of ", fp);
		trace_text(fp, d);
	}
	fputc('\'', fp);
}

static double share(const struct node_run *r)
{
	return r->accesses > 0 ? 100 * r->remote / r->accesses : 0;
}

/* $runs: position, label, remote %, time in the unit, the bar labels. */
static void runs_block(FILE *fp, const struct node_data *d)
{
	fputs("# runs: position, label, remote accesses (% of references), simulated time, "
	      "bar labels\n$runs << EOD\n", fp);
	for (size_t i = 0; i < d->nruns; i++) {
		const struct node_run *r = &d->runs[i];
		fprintf(fp, "%zu \"", i);
		run_label(fp, d, r);
		fputs("\" ", fp);
		plot_num(fp, share(r));
		fputc(' ', fp);
		plot_num(fp, d->timed ? r->time / d->time_per : NAN);
		fprintf(fp, " \"%.1f%%\" \"", share(r));
		if (d->timed)
			plot_put_time(fp, r->time);
		fputs("\"\n", fp);
	}
	fputs("EOD\n\n", fp);
}

/* The widest bar label, in characters: "40.0%", "25 ms". */
static int widest_label(const struct node_data *d, size_t *chars)
{
	*chars = 0;
	for (size_t i = 0; i < d->nruns; i++) {
		struct plot_buf b;
		int err = plot_buf_open(&b);

		if (err)
			return err;
		fprintf(b.fp, "%.1f%%", share(&d->runs[i]));
		if (d->timed) {
			fputc('\n', b.fp);
			plot_put_time(b.fp, d->runs[i].time);
		}
		if ((err = plot_buf_close(&b)))
			return err;
		for (char *line = strtok(b.s, "\n"); line; line = strtok(NULL, "\n"))
			*chars = strlen(line) > *chars ? strlen(line) : *chars;
		free(b.s);
	}
	return 0;
}

/* The NUMA chart: plots/numa.gp. */
static int numa_chart(FILE *fp, const struct node_data *d)
{
	struct plot_buf t, x, p;
	double smax = 0, tmax = 0, chars = 0;
	/* With time, two bars a run: the share left of its tic, the time right. */
	const char *left = d->timed ? "($1-0.19)" : "1", *right = "($1+0.19)";
	bool labels;
	size_t widest;
	int err;

	for (size_t i = 0; i < d->nruns; i++) {
		smax = share(&d->runs[i]) > smax ? share(&d->runs[i]) : smax;
		if (d->timed && d->runs[i].time > tmax)
			tmax = d->runs[i].time;
		chars += strlen(d->runs[i].policy) + (d->several_frames ? 8 : 0) + 2;
	}
	/* A run's slot is PLOT_AREA_W / runs pixels; with time each of its
	 * two labels has half of it. */
	if ((err = widest_label(d, &widest)))
		return err;
	labels = (double)widest * LABEL_CHAR_W <=
		 PLOT_AREA_W / (double)d->nruns / (d->timed ? 2 : 1);
	if ((err = plot_bufs_open(3, &t, &x, &p)))
		return err;
	fprintf(t.fp, "'%s: ", d->timed ? "Remote accesses and simulated time by run"
				       : "Remote accesses by run");
	trace_text(t.fp, d);
	if (d->nnuma > 0)
		fprintf(t.fp, ", %.15g NUMA nodes", d->nnuma);
	fputc('\'', t.fp);

	/* Room above the tallest bar for its label. */
	fputs("set yrange [0:", x.fp);
	plot_num(x.fp, smax > 0 ? smax * 1.15 : 1);
	fputs("]\n", x.fp);
	fprintf(x.fp, "set xrange [-0.6:%.1f]\n", (double)d->nruns - 0.4);
	fprintf(x.fp, "set boxwidth %s\n", d->timed ? "0.36" : "0.6");
	if (d->timed) {
		fprintf(x.fp, "set y2label 'simulated time (%s)'\nset y2tics\nset y2range [0:",
			d->time_unit);
		plot_num(x.fp, tmax > 0 ? tmax / d->time_per * 1.15 : 1);
		fputs("]\n", x.fp);
	}
	if (chars * LABEL_CHAR_W > PLOT_AREA_W)
		fputs("set xtics rotate by -30\n", x.fp);

	fprintf(p.fp, "$runs using %s:3:xtic(2) with boxes lt 1 "
		"title 'remote accesses (%% of references)'", left);
	if (labels)
		fprintf(p.fp, ", \\\n     $runs using %s:3:5 with labels offset 0,0.7 notitle",
			left);
	if (d->timed) {
		fprintf(p.fp, ", \\\n     $runs using %s:4 axes x1y2 with boxes lt 2 "
			"title 'simulated time'", right);
		if (labels)
			fprintf(p.fp, ", \\\n     $runs using %s:4:6 axes x1y2 with labels "
				"offset 0,0.7 notitle", right);
	}
	err = plot_bufs_close(3, &t, &x, &p);
	if (!err) {
		struct plot_var vars[] = { { "TITLE", t.s }, { "AXES", x.s }, { "PLOTS", p.s } };
		err = plot_expand(fp, plot_tpl_numa, vars, sizeof(vars) / sizeof(vars[0]));
	}
	free(t.s);
	free(x.s);
	free(p.s);
	return err;
}

/* $buddyinfo: order, block size, then each node's free blocks. */
static void buddyinfo_block(FILE *fp, const struct node_data *d)
{
	fputs("# free blocks at the end of the first run: order, block size, node 0, ...\n"
	      "$buddyinfo << EOD\n", fp);
	for (size_t k = 0; k < BUDDY_ORDERS; k++) {
		fprintf(fp, "%zu \"", k);
		block_size(fp, d->page_size, k);
		fputc('"', fp);
		for (size_t j = 0; j < d->nnodes; j++) {
			fputc(' ', fp);
			plot_num(fp, d->free[j][k]);
		}
		fputc('\n', fp);
	}
	fputs("EOD\n\n", fp);
}

/* The free blocks at the end: plots/buddyinfo.gp. */
static int buddyinfo_chart(FILE *fp, const struct node_data *d)
{
	struct plot_buf t, x, p;
	const char *sep = "";
	double max = 0;
	int err;

	for (size_t j = 0; j < d->nnodes; j++)
		for (size_t k = 0; k < BUDDY_ORDERS; k++)
			max = d->free[j][k] > max ? d->free[j][k] : max;
	if ((err = plot_bufs_open(3, &t, &x, &p)))
		return err;
	run_title(t.fp, "Free blocks per order at the end", d);
	if (!(max > 0))
		fputs("set yrange [0:1]\nset label 1 'no free block at the end: every frame is "
		      "in use' at graph 0.5, graph 0.5 center\n", x.fp);
	for (size_t j = 0; j < d->nnodes; j++) {
		fprintf(p.fp, "%s$buddyinfo using %zu%s lt %zu title 'node %zu'", sep, j + 3,
			j == 0 ? ":xtic(2)" : "", j % 8 + 1, j);
		sep = ", \\\n     ";
	}
	err = plot_bufs_close(3, &t, &x, &p);
	if (!err) {
		struct plot_var vars[] = { { "TITLE", t.s }, { "AXES", x.s }, { "PLOTS", p.s } };
		err = plot_expand(fp, plot_tpl_buddyinfo, vars, sizeof(vars) / sizeof(vars[0]));
	}
	free(t.s);
	free(x.s);
	free(p.s);
	return err;
}

/* $buddyseries: references, then the free blocks of orders 0 .. 10. */
static void series_block(FILE *fp, const struct node_data *d)
{
	fputs("# free blocks over the first run, summed over the nodes: references, "
	      "orders 0 .. 10\n$buddyseries << EOD\n", fp);
	for (size_t j = 0; j < d->nsamples; j++) {
		plot_num(fp, d->samples[j].references);
		for (size_t k = 0; k < BUDDY_ORDERS; k++) {
			fputc(' ', fp);
			plot_num(fp, d->samples[j].free[k]);
		}
		fputc('\n', fp);
	}
	fputs("EOD\n\n", fp);
}

/* The free blocks over the run: plots/buddyseries.gp. */
static int series_chart(FILE *fp, const struct node_data *d)
{
	struct plot_buf t, x, p;
	const char *sep = "";
	double max = 0;
	bool any[BUDDY_ORDERS] = { false };
	int err;

	for (size_t j = 0; j < d->nsamples; j++)
		for (size_t k = 0; k < BUDDY_ORDERS; k++) {
			any[k] = any[k] || d->samples[j].free[k] > 0;
			max = d->samples[j].free[k] > max ? d->samples[j].free[k] : max;
		}
	if ((err = plot_bufs_open(3, &t, &x, &p)))
		return err;
	if (d->series_nodes > 1) {
		char what[96];
		snprintf(what, sizeof(what), "Free blocks per order over the run, %zu nodes summed",
			 d->series_nodes);
		run_title(t.fp, what, d);
	} else {
		run_title(t.fp, "Free blocks per order over the run", d);
	}
	/* Room above the highest step, which would run along the frame. */
	fputs("set yrange [0:", x.fp);
	plot_num(x.fp, max > 0 ? max * 1.1 : 1);
	fputs("]\n", x.fp);
	if (d->nsamples == 1) {
		fputs("set xrange [", x.fp);
		plot_num(x.fp, d->samples[0].references - 1);
		fputc(':', x.fp);
		plot_num(x.fp, d->samples[0].references + 1);
		fputs("]\n", x.fp);
	}
	/* Orders without a free block at any sample would be lines along
	 * zero; order 0 is drawn anyway when no order has one. */
	if (!(max > 0))
		any[0] = true;
	for (size_t k = 0; k < BUDDY_ORDERS; k++) {
		if (!any[k])
			continue;
		fprintf(p.fp, "%s$buddyseries using 1:%zu with steps lt %zu%s title '", sep, k + 2,
			k % 8 + 1, k >= 8 ? " dt 2" : "");
		block_size(p.fp, d->page_size, k);
		fprintf(p.fp, " (order %zu)'", k);
		sep = ", \\\n     ";
	}
	err = plot_bufs_close(3, &t, &x, &p);
	if (!err) {
		struct plot_var vars[] = { { "TITLE", t.s }, { "AXES", x.s }, { "PLOTS", p.s } };
		err = plot_expand(fp, plot_tpl_buddyseries, vars, sizeof(vars) / sizeof(vars[0]));
	}
	free(t.s);
	free(x.s);
	free(p.s);
	return err;
}

/* The whole script into *script (malloc'd). */
static int build_script(const struct node_data *d, const struct plot_options *opt,
			char **script, size_t *len)
{
	struct plot_buf hdr, term, out, data, charts;
	bool series = d->nsamples > 0;
	size_t ncharts = (size_t)d->numa + 1 + (size_t)series;
	int err;

	*script = NULL;
	*len = 0;
	if ((err = plot_bufs_open(5, &hdr, &term, &out, &data, &charts)))
		return err;
	fputs("# Charts of the node layer of a vmtrace replay", hdr.fp);
	if (d->trace) {
		fputs(" of ", hdr.fp);
		plot_comment_text(hdr.fp, d->trace);
	}
	fprintf(hdr.fp, ", written by vmtrace %s.\n# Draw it again with: gnuplot ",
		VMTRACE_VERSION);
	plot_comment_text(hdr.fp, opt->script ? opt->script : "THIS-FILE");
	fputs("   (it writes ", hdr.fp);
	plot_comment_text(hdr.fp, opt->output);
	fputs(")\n", hdr.fp);
	plot_terminal(term.fp, opt->output, CHART_HEIGHT * (int)ncharts);
	plot_quote(out.fp, opt->output);

	if (d->numa)
		runs_block(data.fp, d);
	buddyinfo_block(data.fp, d);
	if (series)
		series_block(data.fp, d);

	if (ncharts > 1)
		fprintf(charts.fp, "set multiplot layout %zu,1\n\n", ncharts);
	if (d->numa)
		err = numa_chart(charts.fp, d);
	if (!err) {
		if (d->numa)
			fputc('\n', charts.fp);
		err = buddyinfo_chart(charts.fp, d);
	}
	if (!err && series) {
		fputc('\n', charts.fp);
		err = series_chart(charts.fp, d);
	}
	if (ncharts > 1)
		fputs("\nunset multiplot\n", charts.fp);
	return plot_page_finish(&hdr, &term, &out, &data, &charts, err, script, len);
}

int plot_replay(const struct plot_doc *doc, const struct plot_options *opt)
{
	struct node_data d;
	const char *prog;
	char *script = NULL;
	size_t len = 0;
	int err;

	if ((err = plot_check_output(opt, &prog)))
		return err;
	if ((err = data_read(&d, doc)) || (err = build_script(&d, opt, &script, &len))) {
		data_release(&d);
		return err;
	}
	data_release(&d);
	err = plot_draw(script, len, opt, prog);
	free(script);
	return err;
}
