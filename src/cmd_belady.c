/* cmd_belady.c - `vmtrace belady`: find reference strings where more frames
 * give more faults (Belady's anomaly), or check one given string.
 *
 * The search itself is src/belady.c; this file parses and validates the
 * options, shows progress, and writes the report as text, JSON or CSV.
 */
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "belady.h"
#include "cmd.h"
#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "options.h"
#include "outfile.h"
#include "progress.h"

/* --tries beyond this would run for days. */
#define MAX_TRIES UINT64_C(1000000000000)

static const char usage[] =
	"usage: vmtrace belady [options]\n"
	"       vmtrace belady [options] --string 1,2,3,4,1,2,5,1,2,3,4,5\n"
	"\n"
	"Search random reference strings for Belady's anomaly: a frame count f\n"
	"where f+1 frames give more faults than f.  Reproducible: the same options\n"
	"and seed give the same output.  With --string, check one given string.\n"
	"\n"
	"  -p, --policy NAME        fifo (default), clock or lfu; lru and opt are\n"
	"                           stack algorithms and ws is variable allocation:\n"
	"                           none of them can show the anomaly\n"
	"  -l, --length N           references in each string (default 12)\n"
	"  -P, --pages N            pages 0..N-1 to draw from (default 5)\n"
	"  -n, --frames LO-HI       compare f with f+1 frames for f in LO..HI, or\n"
	"                           just f: -n 3 (default 1 to pages-1)\n"
	"      --tries N            random strings to try (default 10000000)\n"
	"      --seed S             seed of the random strings (default 1)\n"
	"      --show K             list the K anomalies with the largest ratio\n"
	"                           faults(f+1)/faults(f), each string once (default 10)\n"
	"      --string LIST        check this string (pages separated by commas or\n"
	"                           spaces) instead of searching\n"
	"      --machine            run every string on the simulated machine, not\n"
	"                           only those a fast pre-check flags (slower; same\n"
	"                           output)\n"
	"  -O, --output-format FMT  text (default), json or csv\n"
	"  -o, --output FILE        write there (format from .json/.csv) instead of stdout\n"
	"  -q, --quiet              no progress line on a terminal\n"
	"  -h, --help               show this help\n"
	"  -V, --version            show the version\n";

enum {
	OPT_TRIES = 1000,
	OPT_SEED,
	OPT_SHOW,
	OPT_STRING,
	OPT_MACHINE,
};

struct belady_cmd {
	struct cmd_common common;
	struct belady_config cfg;
	const char *string_arg;   /* --string, or NULL */
	uint32_t *string;         /* its pages */
	size_t nstring;
	const char *search_only;  /* an option given that --string excludes */
};

static int parse_frames(const char *arg, uint32_t *lo, uint32_t *hi)
{
	const char *dash = strchr(arg, '-');
	uint64_t a, b;
	char buf[32];
	int err;

	if (strspn(arg, "0123456789-") != strlen(arg))
		return vt_error(VT_USAGE, "--frames: '%s' is not a frame count or a range LO-HI", arg);
	if (!dash) {
		if ((err = opt_parse_u64("--frames", arg, 1, MAX_FRAMES - 1, &a)))
			return err;
		*lo = *hi = (uint32_t)a;
		return 0;
	}
	if ((size_t)(dash - arg) >= sizeof(buf) || dash == arg || !dash[1] || strchr(dash + 1, '-'))
		return vt_error(VT_USAGE, "--frames: '%s' is not a frame count or a range LO-HI", arg);
	memcpy(buf, arg, (size_t)(dash - arg));
	buf[dash - arg] = '\0';
	if ((err = opt_parse_u64("--frames", buf, 1, MAX_FRAMES - 1, &a)) ||
	    (err = opt_parse_u64("--frames", dash + 1, 1, MAX_FRAMES - 1, &b)))
		return err;
	if (a > b)
		return vt_error(VT_USAGE, "--frames: %s is empty (LO must not exceed HI)", arg);
	*lo = (uint32_t)a;
	*hi = (uint32_t)b;
	return 0;
}

/* Page numbers separated by commas and/or blanks: "1,2,3" or "1 2 3". */
static int parse_string(const char *arg, uint32_t **out, size_t *n)
{
	uint32_t *v = malloc(sizeof(*v) * BELADY_MAX_LENGTH);
	const char *p = arg;
	size_t k = 0;

	if (!v)
		return vt_error(VT_SOFTWARE, "out of memory");
	for (;;) {
		const char *start;
		uint64_t page = 0;

		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		start = p;
		while (*p >= '0' && *p <= '9') {
			if (page <= BELADY_MAX_PAGE)
				page = page * 10 + (uint64_t)(*p - '0');
			p++;
		}
		if (p == start || (*p && *p != ',' && *p != ' ' && *p != '\t')) {
			size_t len = strcspn(start, ", \t");
			free(v);
			return vt_error(VT_USAGE, "--string: '%.*s' is not a page number", (int)len, start);
		}
		if (page > BELADY_MAX_PAGE) {
			free(v);
			return vt_error(VT_USAGE, "--string: page %.*s is beyond the 32-bit space (at most %u)",
					(int)(p - start), start, BELADY_MAX_PAGE);
		}
		if (k == BELADY_MAX_LENGTH) {
			free(v);
			return vt_error(VT_USAGE, "--string: more than %u references", BELADY_MAX_LENGTH);
		}
		v[k++] = (uint32_t)page;
	}
	if (k == 0) {
		free(v);
		return vt_error(VT_USAGE, "--string: no page numbers in '%s'", arg);
	}
	*out = v;
	*n = k;
	return 0;
}

static int parse_policy(const char *arg, const struct policy_ops **out)
{
	const struct policy_ops *p = policy_find(arg);
	const char *why;

	if (!p)
		return vt_error(VT_USAGE, "--policy: unknown policy '%s' (fifo, clock or lfu)", arg);
	if ((why = belady_policy_check(p)))
		return vt_error(VT_USAGE, "%s", why);
	*out = p;
	return 0;
}

static int parse(struct belady_cmd *bc, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "length", required_argument, NULL, 'l' },
		{ "pages", required_argument, NULL, 'P' },
		{ "frames", required_argument, NULL, 'n' },
		{ "tries", required_argument, NULL, OPT_TRIES },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "show", required_argument, NULL, OPT_SHOW },
		{ "string", required_argument, NULL, OPT_STRING },
		{ "machine", no_argument, NULL, OPT_MACHINE },
		{ "output-format", required_argument, NULL, 'O' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct belady_config *cfg = &bc->cfg;
	uint64_t v;
	int c, err;

	cmd_common_init(&bc->common);
	*cfg = (struct belady_config){
		.policy = policy_find("fifo"),
		.length = BELADY_DEFAULT_LENGTH,
		.pages = BELADY_DEFAULT_PAGES,
		.tries = BELADY_DEFAULT_TRIES,
		.seed = BELADY_DEFAULT_SEED,
		.show = BELADY_DEFAULT_SHOW,
	};
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":p:l:P:n:O:o:qhV", longopts, NULL)) != -1) {
		err = 0;
		switch (c) {
		case 'p':
			err = parse_policy(optarg, &cfg->policy);
			break;
		case 'l':
			err = opt_parse_u64("--length", optarg, 2, BELADY_MAX_LENGTH, &v);
			cfg->length = (uint32_t)v;
			bc->search_only = "--length";
			break;
		case 'P':
			err = opt_parse_u64("--pages", optarg, 2, BELADY_MAX_PAGES, &v);
			cfg->pages = (uint32_t)v;
			bc->search_only = "--pages";
			break;
		case 'n':
			err = parse_frames(optarg, &cfg->lo, &cfg->hi);
			break;
		case OPT_TRIES:
			err = opt_parse_u64("--tries", optarg, 1, MAX_TRIES, &cfg->tries);
			bc->search_only = "--tries";
			break;
		case OPT_SEED:
			/* JSON integers are signed 64-bit. */
			err = opt_parse_u64("--seed", optarg, 0, INT64_MAX, &cfg->seed);
			bc->search_only = "--seed";
			break;
		case OPT_SHOW:
			err = opt_parse_u64("--show", optarg, 0, BELADY_MAX_SHOW, &v);
			cfg->show = (size_t)v;
			break;
		case OPT_STRING:
			free(bc->string);
			bc->string = NULL;
			err = parse_string(optarg, &bc->string, &bc->nstring);
			bc->string_arg = optarg;
			break;
		case OPT_MACHINE:
			cfg->machine_only = 1;
			break;
		case 'O':
		case 'o':
		case 'q':
			err = cmd_common_option(&bc->common, c, optarg);
			break;
		case 'h':
			fputs(usage, stdout);
			return -1;
		case 'V':
			cmd_version();
			return -1;
		default: /* '?' or ':' */
			return cmd_bad_option("belady", c, argv);
		}
		if (err)
			return err;
	}
	if (optind < argc)
		return vt_error(VT_USAGE, "belady: unexpected argument '%s' (belady reads no trace; "
				"--string checks a given string)", argv[optind]);
	if (bc->string_arg && bc->search_only)
		return vt_error(VT_USAGE, "belady: %s is for searching; --string checks one given string",
				bc->search_only);
	cmd_common_finish(&bc->common);
	if (strcmp(bc->common.out->name, "text") != 0 && strcmp(bc->common.out->name, "json") != 0 &&
	    strcmp(bc->common.out->name, "csv") != 0)
		return vt_error(VT_USAGE, "--output-format: belady writes text, json or csv, not %s",
				bc->common.out->name);
	if (!bc->string_arg) {
		const char *why = belady_config_check(cfg, 0);
		if (why)
			return vt_error(VT_USAGE, "%s", why);
	}
	return 0;
}

/* --- progress: strings, not bytes ------------------------------------------ */

/* belady_search() reports strings tried; the line counts them as items. */
static void show_progress(void *ctx, uint64_t done, uint64_t total)
{
	progress_count(ctx, done, total);
}

/* --- output ------------------------------------------------------------------ */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Distinct pages of a string, or 0 when out of memory. */
static size_t distinct_pages(const uint32_t *pages, size_t n)
{
	uint32_t *v = malloc(sizeof(*v) * (n ? n : 1));
	size_t d = 0;

	if (!v)
		return 0;
	memcpy(v, pages, sizeof(*v) * n);
	qsort(v, n, sizeof(*v), cmp_u32);
	for (size_t i = 0; i < n; i++)
		d += i == 0 || v[i] != v[i - 1];
	free(v);
	return d;
}

/* "1,2,3": the pages of a string, malloc'd. */
static char *seq_string(const uint32_t *pages, size_t n)
{
	char *s = malloc(n * 11 + 1), *p = s;

	if (!s)
		return NULL;
	*p = '\0';
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, i ? ",%" PRIu32 : "%" PRIu32, pages[i]);
	return s;
}

struct view {
	const struct belady_cmd *bc;
	const struct belady_result *res;
};

static int digits(uint64_t v)
{
	int d = 1;

	while (v >= 10) {
		v /= 10;
		d++;
	}
	return d;
}

static int text_table(FILE *fp, const struct belady_result *res, int with_string)
{
	int wf = 1, wa = (int)strlen("faults(f)"), wb = (int)strlen("faults(f+1)");

	for (size_t i = 0; i < res->nfound; i++) {
		const struct belady_anomaly *a = &res->found[i];
		if (digits(a->frames) > wf)
			wf = digits(a->frames);
	}
	fprintf(fp, "\n%-6s  %*s  %*s  %*s%s\n", "ratio", wf, "f", wa, "faults(f)", wb, "faults(f+1)",
		with_string ? "  string" : "");
	for (size_t i = 0; i < res->nfound; i++) {
		const struct belady_anomaly *a = &res->found[i];
		fprintf(fp, "%-6.4f  %*" PRIu32 "  %*" PRIu64 "  %*" PRIu64, belady_ratio(a), wf,
			a->frames, wa, a->faults, wb, a->next_faults);
		if (with_string) {
			char *s = seq_string(a->pages, a->n);
			if (!s)
				return vt_error(VT_SOFTWARE, "out of memory");
			fprintf(fp, "  %s", s);
			free(s);
		}
		fputc('\n', fp);
	}
	return 0;
}

static int write_text(FILE *fp, const struct view *v)
{
	const struct belady_cmd *bc = v->bc;
	const struct belady_config *cfg = &bc->cfg;
	const struct belady_result *res = v->res;
	int err;

	fprintf(fp, "policy     %s\n", cfg->policy->name);
	if (bc->string_arg) {
		char *s = seq_string(bc->string, bc->nstring);
		if (!s)
			return vt_error(VT_SOFTWARE, "out of memory");
		fprintf(fp, "string     %s (%zu references, %zu pages)\n", s, bc->nstring,
			distinct_pages(bc->string, bc->nstring));
		free(s);
		/* The fault curve, one column per frame count. */
		{
			int w = 1;
			for (size_t k = 0; k < res->ncurve; k++) {
				if (digits(res->lo + k) > w)
					w = digits(res->lo + k);
				if (digits(res->curve[k]) > w)
					w = digits(res->curve[k]);
			}
			fputs("frames    ", fp);
			for (size_t k = 0; k < res->ncurve; k++)
				fprintf(fp, " %*" PRIu64, w, (uint64_t)res->lo + k);
			fputs("\nfaults    ", fp);
			for (size_t k = 0; k < res->ncurve; k++)
				fprintf(fp, " %*" PRIu64, w, res->curve[k]);
			fputc('\n', fp);
		}
		if (res->anomalies == 0) {
			fprintf(fp, "anomalies  none: faults never rise from %" PRIu32 " to %" PRIu32
				" frames\n", res->lo, res->hi + 1);
			return 0;
		}
		fprintf(fp, "anomalies  %" PRIu64 "\n", res->anomalies);
		if (res->nfound && (err = text_table(fp, res, 0)))
			return err;
		return 0;
	}
	fprintf(fp, "search     %" PRIu64 " random string%s of %" PRIu32 " references over pages "
		"0..%" PRIu32 ", seed %" PRIu64 "\n", res->tried, res->tried == 1 ? "" : "s",
		cfg->length, cfg->pages - 1, cfg->seed);
	if (res->lo == res->hi)
		fprintf(fp, "frames     %" PRIu32 " against %" PRIu32 "\n", res->lo, res->lo + 1);
	else
		fprintf(fp, "frames     f against f+1, f = %" PRIu32 "..%" PRIu32 "\n", res->lo,
			res->hi);
	if (res->anomalous == 0) {
		fputs("anomalous  none\n", fp);
		return 0;
	}
	fprintf(fp, "anomalous  %" PRIu64 " string%s (1 in %" PRIu64 ")\n", res->anomalous,
		res->anomalous == 1 ? "" : "s", (res->tried + res->anomalous / 2) / res->anomalous);
	{
		char *s = seq_string(res->max.pages, res->max.n);
		if (!s)
			return vt_error(VT_SOFTWARE, "out of memory");
		fprintf(fp, "max ratio  %.4f: %" PRIu64 " faults with %" PRIu32 " frames, %" PRIu64
			" with %" PRIu32 ", on %s\n", belady_ratio(&res->max), res->max.faults,
			res->max.frames, res->max.next_faults, res->max.frames + 1, s);
		free(s);
	}
	if (res->nfound && (err = text_table(fp, res, 1)))
		return err;
	if (res->nfound > 0 && res->nfound == cfg->show && res->anomalies > res->nfound)
		fprintf(fp, "(the best %zu; --show K lists more)\n", res->nfound);
	return 0;
}

static json_t *anomaly_json(const struct belady_anomaly *a)
{
	json_t *o = json_object();
	char *s = seq_string(a->pages, a->n);

	if (!o || !s) {
		json_decref(o);
		free(s);
		return NULL;
	}
	json_object_set_new(o, "string", json_string(s));
	json_object_set_new(o, "frames", json_integer((json_int_t)a->frames));
	json_object_set_new(o, "faults", json_integer((json_int_t)a->faults));
	json_object_set_new(o, "next_frames", json_integer((json_int_t)a->frames + 1));
	json_object_set_new(o, "next_faults", json_integer((json_int_t)a->next_faults));
	json_object_set_new(o, "ratio", json_real(belady_ratio(a)));
	free(s);
	return o;
}

static int write_json(FILE *fp, const struct view *v)
{
	const struct belady_cmd *bc = v->bc;
	const struct belady_config *cfg = &bc->cfg;
	const struct belady_result *res = v->res;
	json_t *doc = json_object(), *opt = json_object(), *range = json_object();
	json_t *found = json_array(), *max = NULL;
	int rc;

	json_object_set_new(doc, "vmtrace", json_string(VMTRACE_VERSION));
	json_object_set_new(doc, "command", json_string("belady"));
	json_object_set_new(opt, "policy", json_string(cfg->policy->name));
	if (bc->string_arg) {
		char *s = seq_string(bc->string, bc->nstring);
		json_object_set_new(opt, "string", s ? json_string(s) : NULL);
		free(s);
	} else {
		json_object_set_new(opt, "length", json_integer((json_int_t)cfg->length));
		json_object_set_new(opt, "pages", json_integer((json_int_t)cfg->pages));
	}
	json_object_set_new(range, "from", json_integer((json_int_t)res->lo));
	json_object_set_new(range, "to", json_integer((json_int_t)res->hi));
	json_object_set_new(opt, "frames", range);
	if (!bc->string_arg) {
		json_object_set_new(opt, "tries", json_integer((json_int_t)cfg->tries));
		json_object_set_new(opt, "seed", json_integer((json_int_t)cfg->seed));
	}
	json_object_set_new(opt, "show", json_integer((json_int_t)cfg->show));
	json_object_set_new(doc, "options", opt);
	json_object_set_new(doc, "tried", json_integer((json_int_t)res->tried));
	json_object_set_new(doc, "anomalous", json_integer((json_int_t)res->anomalous));
	if (res->has_max)
		max = anomaly_json(&res->max);
	json_object_set_new(doc, "max_ratio", max ? max : json_null());
	for (size_t i = 0; i < res->nfound; i++)
		json_array_append_new(found, anomaly_json(&res->found[i]));
	json_object_set_new(doc, "found", found);
	if (bc->string_arg) {
		json_t *curve = json_array();
		for (size_t k = 0; k < res->ncurve; k++) {
			json_t *pt = json_object();
			json_object_set_new(pt, "frames", json_integer((json_int_t)(res->lo + k)));
			json_object_set_new(pt, "faults", json_integer((json_int_t)res->curve[k]));
			json_array_append_new(curve, pt);
		}
		json_object_set_new(doc, "curve", curve);
	}
	rc = json_dumpf(doc, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	json_decref(doc);
	if (rc != 0 || fputc('\n', fp) == EOF)
		return vt_error(VT_IOERR, "error writing JSON output");
	return 0;
}

static int write_csv(FILE *fp, const struct view *v)
{
	const struct belady_result *res = v->res;

	fputs("string,frames,faults,next_frames,next_faults,ratio\r\n", fp);
	for (size_t i = 0; i < res->nfound; i++) {
		const struct belady_anomaly *a = &res->found[i];
		char *s = seq_string(a->pages, a->n);
		if (!s)
			return vt_error(VT_SOFTWARE, "out of memory");
		/* A string of more than one page has commas: quote it. */
		fprintf(fp, a->n > 1 ? "\"%s\"" : "%s", s);
		fprintf(fp, ",%" PRIu32 ",%" PRIu64 ",%" PRIu32 ",%" PRIu64 ",%.10g\r\n", a->frames,
			a->faults, a->frames + 1, a->next_faults, belady_ratio(a));
		free(s);
	}
	return 0;
}

static int write_report(const struct belady_cmd *bc, const struct belady_result *res)
{
	const char *fmt = bc->common.out->name;
	struct view v = { .bc = bc, .res = res };
	struct outfile of;
	int err = outfile_open(&of, bc->common.output);

	if (err)
		return err;
	if (strcmp(fmt, "json") == 0)
		err = write_json(of.fp, &v);
	else if (strcmp(fmt, "csv") == 0)
		err = write_csv(of.fp, &v);
	else
		err = write_text(of.fp, &v);
	if (!err && ferror(of.fp))
		err = vt_error(VT_IOERR, "error writing output");
	if (err) {
		outfile_abort(&of);
		return err;
	}
	return outfile_commit(&of);
}

int cmd_belady(int argc, char **argv)
{
	struct belady_cmd bc = { 0 };
	struct belady_result res = { 0 };
	struct progress prog;
	int err = parse(&bc, argc, argv);

	if (err == 0) {
		if (bc.string_arg) {
			err = belady_check(&bc.cfg, bc.string, bc.nstring, &res);
		} else {
			progress_init(&prog, "belady: searching", bc.cfg.tries, bc.common.quiet);
			bc.cfg.progress = show_progress;
			bc.cfg.progress_ctx = &prog;
			err = belady_search(&bc.cfg, &res);
			progress_done(&prog);
		}
	}
	if (err == 0)
		err = write_report(&bc, &res);
	belady_result_release(&res);
	free(bc.string);
	return err < 0 ? 0 : err;
}
