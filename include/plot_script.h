/* plot_script.h - what the chart modules share (src/plot.c, src/plot_nodes.c).
 *
 * Not for commands: they use plot.h.  src/plot.c draws sweeps and thrash
 * runs and owns the machinery every chart needs: strings built with
 * open_memstream, gnuplot quoting, the @NAME@ templates of plots/, the
 * page every script is framed in, and running gnuplot (keep the script,
 * temporary image, rename).  src/plot_nodes.c draws the node layer of a
 * replay with the same machinery.
 */
#ifndef VMTRACE_PLOT_SCRIPT_H
#define VMTRACE_PLOT_SCRIPT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "plot.h"

#define CHART_WIDTH 1000
#define CHART_HEIGHT 700   /* pixels a chart; several are stacked */

/* The templates, from plots/NAME.gp (src/plot_templates.c, generated). */
extern const char plot_tpl_page[], plot_tpl_faults[], plot_tpl_missratio[], plot_tpl_ws[],
	plot_tpl_thrash[], plot_tpl_time[], plot_tpl_numa[], plot_tpl_buddyinfo[],
	plot_tpl_buddyseries[];

/* "out of memory" as an exit code, after the message. */
int plot_nomem(void);

/* A number member of obj into *v, or false. */
bool plot_json_num(const json_t *obj, const char *key, double *v);

/* A string being built; open_memstream does the growing. */
struct plot_buf {
	char *s;
	size_t len;
	FILE *fp;
};

int plot_buf_open(struct plot_buf *b);
/* Finish b: b->s is then a string the caller frees.  Return: 0, or an
 * exit code after a message (b->s is then NULL). */
int plot_buf_close(struct plot_buf *b);
/* Open n strings (struct plot_buf *, ...): all of them, or none after a
 * message; at most 8. */
int plot_bufs_open(size_t n, ...);
/* Finish n strings (struct plot_buf *, ...).  Return: 0, or the first error. */
int plot_bufs_close(size_t n, ...);

/* s as a single-quoted gnuplot string, and its inside alone: ' doubled,
 * control characters turned into '?'. */
void plot_quote(FILE *fp, const char *s);
void plot_quote_body(FILE *fp, const char *s);
/* s on a comment line: control characters become '?'. */
void plot_comment_text(FILE *fp, const char *s);
/* A number as gnuplot reads it back exactly (%.15g); NaN as NaN. */
void plot_num(FILE *fp, double v);
/* A time in seconds as "20 ms": the largest unit it is at least one of. */
void plot_put_time(FILE *fp, double sec);

/* One @NAME@ placeholder's value. */
struct plot_var {
	const char *name;
	const char *value;
};

/* Copy tpl to fp with every @NAME@ replaced by its value (a placeholder
 * alone on its line whose value is empty or ends in a newline takes the
 * line's newline with it).  Return: 0, or VT_SOFTWARE for a placeholder
 * with no value. */
int plot_expand(FILE *fp, const char *tpl, const struct plot_var *vars, size_t nvars);

/* Close a chart page's five parts, expand them into the page template
 * and hand the script over (*script, *len; the caller frees it), freeing
 * the parts either way.  err: an error so far, after which nothing is
 * handed over.  Return: err, or the first new error. */
int plot_page_finish(struct plot_buf *hdr, struct plot_buf *term, struct plot_buf *out,
		     struct plot_buf *data, struct plot_buf *charts, int err, char **script,
		     size_t *len);

/* The set terminal line for opt->output (pngcairo or png, or svg),
 * CHART_WIDTH wide and height high, without a newline. */
void plot_terminal(FILE *fp, const char *output, int height);

/* The chart file can be written (.png or .svg, no control characters);
 * *prog the gnuplot to run.  Return: 0, or VT_USAGE after a message. */
int plot_check_output(const struct plot_options *opt, const char **prog);

/* Keep the script where opt->script says, then run prog on it into
 * opt->output (complete or not at all).  Return: as plot_sweep(). */
int plot_draw(const char *script, size_t len, const struct plot_options *opt, const char *prog);

#endif
