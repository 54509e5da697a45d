/* cmd_merge.c - `vmtrace merge`: join sweep results computed apart.
 *
 * Notes on the model.  A sweep of one trace can be cut by frame range, by
 * window range or by policy and run on several machines; the pieces are
 * the JSON documents of `vmtrace sweep -O json`.  Pieces belong together
 * when they agree on the trace (the whole "trace" object: path, format,
 * page size, line, record and reference counts, address range, mapped
 * regions) and on the options (the whole "options" object less the three
 * keys that describe the cut: "policies", "frames" and "tau") and were
 * written by the same vmtrace version.  Their curves are joined per policy
 * (name and parameters): points sorted by frame count (or tau), a point
 * present in two pieces must be the same in both (an error otherwise: two
 * runs of one trace cannot disagree), and the anomalies are found again
 * across the joined curve, since a cut hides the one that straddles it.
 *
 * Pieces of different traces are refused, unless --multi: then the output
 * is a document of several sweeps, { "vmtrace", "command": "merge",
 * "traces": [ SWEEP, ... ] }, one merged sweep document per trace (and
 * options), in the order they first appear.  A merge document is accepted
 * as an input too, so merges can be merged.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "error.h"
#include "exitcodes.h"
#include "outfile.h"

static const char usage[] =
	"usage: vmtrace merge [options] SWEEP.json...\n"
	"\n"
	"Join sweep results (vmtrace sweep -O json) of one trace that were computed\n"
	"apart, split by frame range, tau range or policy: each policy's points are\n"
	"joined and sorted, and Belady's anomalies found again across the joined\n"
	"curve.  Results of different traces or options are refused, unless --multi.\n"
	"- reads one result from stdin.  The output is JSON.\n"
	"\n"
	"  -o, --output FILE   write there instead of stdout\n"
	"  -m, --multi         results of several traces: one document with a merged\n"
	"                      sweep per trace ({\"command\": \"merge\", \"traces\": [...]})\n"
	"  -q, --quiet         accepted for uniformity; merge shows no progress\n"
	"  -h, --help          show this help\n"
	"  -V, --version       show the version\n";

/* Where a point came from, kept on the point while merging (so that a
 * disagreement can name both files) and removed before output. */
#define SOURCE_KEY " source"

/* The keys of "options" that say how a sweep was cut, not what it means. */
static const char *const cut_keys[] = { "policies", "frames", "tau" };

struct piece {
	json_t *doc;        /* merged sweep document (owned) */
	const char *file;   /* the first input it came from */
	json_t *ranges[2];  /* "frames", "tau" of the inputs if all alike, else NULL */
	bool mixed[2];      /* the inputs' ranges differ: recompute */
};

struct merge {
	struct piece *pieces;
	size_t n;
	bool multi;
	const char *version;   /* of the first input (borrowed from it) */
	const char *version_file;
	json_t *inputs;        /* keeps every input document alive */
};

static const char *name_of(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* The x key of a curve: "tau" for a window policy, else "frames". */
static const char *x_key(const json_t *curve)
{
	const json_t *pts = json_object_get(curve, "points");
	const json_t *p0 = json_array_get(pts, 0);

	return p0 && json_object_get(p0, "tau") ? "tau" : "frames";
}

/* A sweep document must have what merging reads: checked once here so that
 * the rest can trust it. */
static int check_sweep(const char *file, const json_t *doc)
{
	const json_t *sweeps = json_object_get(doc, "sweeps");
	size_t i, j;
	const json_t *c, *p;

	if (!json_is_object(json_object_get(doc, "trace")) ||
	    !json_is_object(json_object_get(doc, "options")) || !json_is_array(sweeps) ||
	    !json_is_string(json_object_get(doc, "vmtrace")))
		return vt_error(VT_DATAERR, "%s: not a sweep result (no \"vmtrace\", \"trace\", "
				"\"options\" or \"sweeps\")", file);
	json_array_foreach(sweeps, i, c) {
		const json_t *pts = json_object_get(c, "points");
		const char *x = x_key(c);
		if (!json_is_string(json_object_get(c, "policy")) || !json_is_array(pts))
			return vt_error(VT_DATAERR, "%s: not a sweep result (sweep %zu has no "
					"\"policy\" or \"points\")", file, i + 1);
		json_array_foreach(pts, j, p) {
			if (!json_is_integer(json_object_get(p, x)) ||
			    !json_is_integer(json_object_get(p, "faults")))
				return vt_error(VT_DATAERR, "%s: not a sweep result (%s point %zu has no "
						"integer \"%s\" and \"faults\")", file,
						json_string_value(json_object_get(c, "policy")), j + 1, x);
		}
	}
	return 0;
}

/* json_equal() calls two absent values different; here they are alike. */
static bool same(const json_t *a, const json_t *b)
{
	return a == b || json_equal((json_t *)a, (json_t *)b);
}

/* obj without the keys listed (a shallow copy). */
static json_t *without(const json_t *obj, const char *const *keys, size_t nkeys)
{
	json_t *o = json_copy((json_t *)obj);

	for (size_t i = 0; o && i < nkeys; i++)
		json_object_del(o, keys[i]);
	return o;
}

static bool options_agree(const json_t *a, const json_t *b)
{
	json_t *x = without(a, cut_keys, 3), *y = without(b, cut_keys, 3);
	bool eq = json_equal(x, y);

	json_decref(x);
	json_decref(y);
	return eq;
}

/* The first key whose value differs, for a message ("" if none found). */
static const char *first_difference(const json_t *a, const json_t *b, const char *const *skip,
				    size_t nskip)
{
	const char *key;
	const json_t *v;

	json_object_foreach((json_t *)a, key, v) {
		bool skipped = false;
		for (size_t i = 0; i < nskip; i++)
			skipped |= strcmp(key, skip[i]) == 0;
		if (!skipped && !same(v, json_object_get(b, key)))
			return key;
	}
	json_object_foreach((json_t *)b, key, v) {
		if (!json_object_get(a, key))
			return key;
	}
	return "";
}

/* A short text of a JSON value for a message. */
static char *show(const json_t *v)
{
	char *s = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;

	return s ? s : strdup("(none)");
}

static int refuse(const char *file, const struct piece *pc, const json_t *doc)
{
	const json_t *ta = json_object_get(pc->doc, "trace"), *tb = json_object_get(doc, "trace");
	const char *key;
	char *va, *vb;
	int err;

	if (!json_equal(ta, tb)) {
		key = first_difference(tb, ta, NULL, 0);
		va = show(json_object_get(tb, key));
		vb = show(json_object_get(ta, key));
		err = vt_error(VT_DATAERR, "merge: %s and %s are sweeps of different traces "
			       "(trace %s %s against %s); --multi keeps them side by side", file,
			       pc->file, key, va, vb);
	} else {
		const json_t *oa = json_object_get(pc->doc, "options");
		const json_t *ob = json_object_get(doc, "options");
		key = first_difference(ob, oa, cut_keys, 3);
		va = show(json_object_get(ob, key));
		vb = show(json_object_get(oa, key));
		err = vt_error(VT_DATAERR, "merge: %s and %s were swept with different options "
			       "(%s %s against %s)", file, pc->file, key, va, vb);
	}
	free(va);
	free(vb);
	return err;
}

/* The curve of pc with the same policy and parameters as c, or NULL. */
static json_t *find_curve(json_t *sweeps, const json_t *c)
{
	size_t i;
	json_t *d;

	json_array_foreach(sweeps, i, d) {
		if (same(json_object_get(d, "policy"), json_object_get(c, "policy")) &&
		    same(json_object_get(d, "params"), json_object_get(c, "params")))
			return d;
	}
	return NULL;
}

static int add_points(json_t *into, const json_t *from, const char *file)
{
	const json_t *p;
	json_t *pts = json_object_get(into, "points");
	size_t i;

	json_array_foreach(json_object_get(from, "points"), i, p) {
		json_t *q = json_deep_copy(p);
		if (!q || json_object_set_new(q, SOURCE_KEY, json_string(file)) ||
		    json_array_append_new(pts, q))
			return vt_error(VT_SOFTWARE, "out of memory");
	}
	return 0;
}

/* Fold one sweep document (already checked) into the merge. */
static int merge_sweep(struct merge *m, const char *file, json_t *doc)
{
	static const char *const axes[2] = { "frames", "tau" };
	const char *version = json_string_value(json_object_get(doc, "vmtrace"));
	struct piece *pc = NULL;
	const json_t *c;
	size_t i;
	int err;

	if (!m->version) {
		m->version = version;
		m->version_file = file;
	} else if (strcmp(m->version, version) != 0) {
		return vt_error(VT_DATAERR, "merge: %s was written by vmtrace %s and %s by %s: "
				"sweep again with one version", file, version, m->version_file,
				m->version);
	}
	for (i = 0; i < m->n && !pc; i++) {
		struct piece *q = &m->pieces[i];
		if (json_equal(json_object_get(q->doc, "trace"), json_object_get(doc, "trace")) &&
		    options_agree(json_object_get(q->doc, "options"), json_object_get(doc, "options")))
			pc = q;
	}
	if (!pc && m->n > 0 && !m->multi)
		return refuse(file, &m->pieces[0], doc);
	if (!pc) {
		struct piece *np = realloc(m->pieces, (m->n + 1) * sizeof(*np));
		if (!np)
			return vt_error(VT_SOFTWARE, "out of memory");
		m->pieces = np;
		pc = &m->pieces[m->n++];
		memset(pc, 0, sizeof(*pc));
		pc->file = file;
		/* The options are rewritten at the end (policies, ranges): a copy. */
		pc->doc = json_pack("{s:s,s:s,s:O,s:o,s:[]}", "vmtrace", VMTRACE_VERSION, "command",
				    "sweep", "trace", json_object_get(doc, "trace"), "options",
				    json_deep_copy(json_object_get(doc, "options")), "sweeps");
		if (!pc->doc)
			return vt_error(VT_SOFTWARE, "out of memory");
		for (int a = 0; a < 2; a++)
			pc->ranges[a] = json_object_get(json_object_get(doc, "options"), axes[a]);
	} else {
		for (int a = 0; a < 2; a++) {
			json_t *r = json_object_get(json_object_get(doc, "options"), axes[a]);
			if (!same(r, pc->ranges[a]))
				pc->mixed[a] = true;
		}
	}
	json_array_foreach(json_object_get(doc, "sweeps"), i, c) {
		json_t *sweeps = json_object_get(pc->doc, "sweeps");
		json_t *d = find_curve(sweeps, c);
		if (!d) {
			d = json_deep_copy(c);
			if (!d || json_object_set_new(d, "points", json_array()) ||
			    json_array_append_new(sweeps, d))
				return vt_error(VT_SOFTWARE, "out of memory");
		} else if (strcmp(x_key(c), x_key(d)) != 0) {
			return vt_error(VT_DATAERR, "merge: %s: policy %s sweeps %s, in %s %s",
					file, json_string_value(json_object_get(c, "policy")),
					x_key(c), pc->file, x_key(d));
		}
		if ((err = add_points(d, c, file)))
			return err;
	}
	return 0;
}

static int merge_file(struct merge *m, const char *path)
{
	const char *file = name_of(path);
	const char *command;
	json_t *doc;
	size_t i;
	json_t *sub;
	int err = cmd_load_sweep_json(path, &doc);

	if (err)
		return err;
	if (json_array_append_new(m->inputs, doc))
		return vt_error(VT_SOFTWARE, "out of memory");
	command = json_string_value(json_object_get(doc, "command"));
	if (!json_is_object(doc) || !command)
		return vt_error(VT_DATAERR, "%s: not a sweep result (no \"command\")", file);
	if (strcmp(command, "sweep") == 0) {
		if ((err = check_sweep(file, doc)))
			return err;
		return merge_sweep(m, file, doc);
	}
	if (strcmp(command, "merge") != 0 || !json_is_array(json_object_get(doc, "traces")))
		return vt_error(VT_DATAERR, "%s: not a sweep result (the result of vmtrace %s; "
				"merge reads vmtrace sweep -O json)", file, command);
	json_array_foreach(json_object_get(doc, "traces"), i, sub) {
		if ((err = check_sweep(file, sub)) || (err = merge_sweep(m, file, sub)))
			return err;
	}
	return 0;
}

static json_int_t x_of(const json_t *p, const char *x)
{
	return json_integer_value(json_object_get(p, x));
}

/* qsort has no context argument in C11: sort (x, point) pairs instead. */
struct keyed {
	json_int_t x;
	size_t order;   /* input order, so that equal x stay in it */
	json_t *p;
};

static int by_x(const void *a, const void *b)
{
	const struct keyed *u = a, *v = b;

	if (u->x != v->x)
		return u->x < v->x ? -1 : 1;
	return u->order < v->order ? -1 : u->order > v->order;
}

/* Sort, drop duplicates (which must agree), find the anomalies again. */
static int finish_curve(json_t *c)
{
	static const char *const volatile_keys[] = { "anomaly", SOURCE_KEY };
	const char *x = x_key(c);
	const char *prev_x = strcmp(x, "tau") == 0 ? "prev_tau" : "prev_frames";
	json_t *pts = json_object_get(c, "points"), *out = json_array(), *an = json_array();
	size_t n = json_array_size(pts);
	struct keyed *k = calloc(n ? n : 1, sizeof(*k));
	json_t *last = NULL;
	int err = 0;

	if (!k || !out || !an) {
		free(k);
		json_decref(out);
		json_decref(an);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	for (size_t i = 0; i < n; i++)
		k[i] = (struct keyed){ x_of(json_array_get(pts, i), x), i, json_array_get(pts, i) };
	qsort(k, n, sizeof(*k), by_x);
	for (size_t i = 0; i < n && !err; i++) {
		json_t *p = k[i].p;
		if (last && x_of(last, x) == k[i].x) {
			json_t *a = without(last, volatile_keys, 2), *b = without(p, volatile_keys, 2);
			if (!json_equal(a, b)) {
				const char *key = first_difference(a, b, NULL, 0);
				char *va = show(json_object_get(a, key)), *vb = show(json_object_get(b, key));
				err = vt_error(VT_DATAERR, "merge: %s and %s disagree on %s at %s %lld "
					       "(%s %s against %s)",
					       json_string_value(json_object_get(last, SOURCE_KEY)),
					       json_string_value(json_object_get(p, SOURCE_KEY)),
					       json_string_value(json_object_get(c, "policy")), x,
					       (long long)k[i].x, key, va, vb);
				free(va);
				free(vb);
			}
			json_decref(a);
			json_decref(b);
			continue;
		}
		/* More frames (or a longer window), more faults: as sweep marks it. */
		bool anomaly = last && json_integer_value(json_object_get(p, "faults")) >
					       json_integer_value(json_object_get(last, "faults"));
		json_object_set_new(p, "anomaly", json_boolean(anomaly));
		if (anomaly) {
			json_t *a = json_object();
			json_object_set(a, x, json_object_get(p, x));
			json_object_set(a, "faults", json_object_get(p, "faults"));
			json_object_set(a, prev_x, json_object_get(last, x));
			json_object_set(a, "prev_faults", json_object_get(last, "faults"));
			json_array_append_new(an, a);
		}
		json_array_append(out, p);
		last = p;
	}
	for (size_t i = 0; i < json_array_size(out); i++)
		json_object_del(json_array_get(out, i), SOURCE_KEY);
	free(k);
	json_object_set_new(c, "points", out);
	json_object_set_new(c, "anomalies", an);
	return err;
}

/* options.frames / options.tau of the merged document: the inputs' range
 * when they all had the same one; else the range the points cover,
 * {lo, hi, step} when they are evenly spaced, or the list of them. */
static json_t *joined_range(const json_t *sweeps, const char *axis)
{
	json_t *xs = json_array();
	json_int_t lo = 0, hi = 0, step = 0;
	bool even = true;
	size_t i, j, n = 0;
	const json_t *c, *p;
	struct keyed *k;

	json_array_foreach(sweeps, i, c) {
		if (strcmp(x_key(c), axis) == 0)
			n += json_array_size(json_object_get(c, "points"));
	}
	if (!xs || !(k = calloc(n ? n : 1, sizeof(*k)))) {
		json_decref(xs);
		return NULL;
	}
	n = 0;
	json_array_foreach(sweeps, i, c) {
		if (strcmp(x_key(c), axis) != 0)
			continue;
		json_array_foreach(json_object_get(c, "points"), j, p)
			k[n++] = (struct keyed){ x_of(p, axis), n, NULL };
	}
	qsort(k, n, sizeof(*k), by_x);
	for (i = 0; i < n; i++) {
		if (i > 0 && k[i].x == k[i - 1].x)
			continue;
		json_array_append_new(xs, json_integer(k[i].x));
	}
	free(k);
	n = json_array_size(xs);
	if (n == 0) {
		json_decref(xs);
		return json_null();
	}
	lo = json_integer_value(json_array_get(xs, 0));
	hi = json_integer_value(json_array_get(xs, n - 1));
	step = n > 1 ? json_integer_value(json_array_get(xs, 1)) - lo : 1;
	for (i = 1; i < n; i++)
		even &= json_integer_value(json_array_get(xs, i)) -
				json_integer_value(json_array_get(xs, i - 1)) == step;
	if (!even)
		return xs;
	json_decref(xs);
	return json_pack("{s:I,s:I,s:I}", "lo", lo, "hi", hi, "step", step);
}

static int finish_piece(struct piece *pc)
{
	static const char *const axes[2] = { "frames", "tau" };
	json_t *sweeps = json_object_get(pc->doc, "sweeps");
	json_t *options = json_object_get(pc->doc, "options"), *names = json_array();
	const json_t *c;
	size_t i;
	int err;

	json_array_foreach(sweeps, i, c) {
		if ((err = finish_curve((json_t *)c))) {
			json_decref(names);
			return err;
		}
		json_array_append(names, json_object_get(c, "policy"));
	}
	json_object_set_new(options, "policies", names);
	for (int a = 0; a < 2; a++) {
		if (pc->mixed[a]) {
			json_t *r = joined_range(sweeps, axes[a]);
			if (!r)
				return vt_error(VT_SOFTWARE, "out of memory");
			json_object_set_new(options, axes[a], r);
		}
	}
	return 0;
}

static int write_doc(const char *output, json_t *doc)
{
	struct outfile of;
	int err = outfile_open(&of, output);

	if (err)
		return err;
	if (json_dumpf(doc, of.fp, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) != 0 ||
	    fputc('\n', of.fp) == EOF) {
		outfile_abort(&of);
		return vt_error(VT_IOERR, "error writing JSON output");
	}
	return outfile_commit(&of);
}

static int parse(int argc, char **argv, bool *multi, const char **output)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "multi", no_argument, NULL, 'm' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, stdins = 0;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":o:mqhV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			*output = optarg;
			break;
		case 'm':
			*multi = true;
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
			return cmd_bad_option("merge", opt, argv);
		}
	}
	if (optind == argc)
		return vt_error(VT_USAGE, "merge: no sweep results given (JSON files, or - for "
				"stdin)\n%s", usage);
	for (int i = optind; i < argc; i++)
		stdins += strcmp(argv[i], "-") == 0;
	if (stdins > 1)
		return vt_error(VT_USAGE, "merge: - (stdin) can be given once");
	return 0;
}

int cmd_merge(int argc, char **argv)
{
	struct merge m = { .inputs = json_array() };
	const char *output = NULL;
	json_t *out = NULL;
	int err = parse(argc, argv, &m.multi, &output);

	if (err < 0) {
		json_decref(m.inputs);
		return fflush(stdout) == 0 && !ferror(stdout) ? 0 : VT_IOERR;
	}
	if (!err && !m.inputs)
		err = vt_error(VT_SOFTWARE, "out of memory");
	for (int i = optind; !err && i < argc; i++)
		err = merge_file(&m, argv[i]);
	for (size_t i = 0; !err && i < m.n; i++)
		err = finish_piece(&m.pieces[i]);
	if (!err && m.multi) {
		json_t *list = json_array();
		for (size_t i = 0; i < m.n; i++)
			json_array_append(list, m.pieces[i].doc);
		out = json_pack("{s:s,s:s,s:o}", "vmtrace", VMTRACE_VERSION, "command", "merge",
				"traces", list);
	} else if (!err) {
		out = json_incref(m.pieces[0].doc);
	}
	if (!err)
		err = out ? write_doc(output, out) : vt_error(VT_SOFTWARE, "out of memory");
	json_decref(out);
	for (size_t i = 0; i < m.n; i++)
		json_decref(m.pieces[i].doc);
	free(m.pieces);
	json_decref(m.inputs);
	return err;
}
