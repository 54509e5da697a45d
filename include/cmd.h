/* cmd.h - subcommands.
 *
 * Adding a command: write src/cmd_<name>.c with
 *     int cmd_<name>(int argc, char **argv);
 * declare it here, and add one line to commands[] in src/main.c.  A command
 * parses its own options (getopt_long; argv[0] is the command name),
 * returns an exit code from exitcodes.h and never calls exit().
 */
#ifndef VMTRACE_CMD_H
#define VMTRACE_CMD_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "report.h"
#include "trace.h"

int cmd_belady(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_policies(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_merge_lackey(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_thrash(int argc, char **argv);

/* Options every trace-reading command shares. */
struct cmd_common {
	struct trace_options topt;
	const char *format;                 /* -t */
	const struct output_format *out;    /* -O, or NULL for "from -o, else text" */
	const char *output;                 /* -o */
	bool quiet;                         /* -q: no progress line */
};

/* Long-option codes for the shared options (above any short option). */
enum {
	OPT_PAGE_SIZE = 256,
	OPT_FIRST_PAGE_ONLY,
	OPT_REJECT_HIGH,
	OPT_STRICT,
	OPT_TAU,
	OPT_STEPS,
	OPT_PLOT,
	OPT_PLOT_SCRIPT,
	OPT_LOG,
};

/* The leading colon makes getopt_long report a missing value as ':'. */
#define CMD_COMMON_SHORTOPTS ":t:DO:o:qhV"
#define CMD_COMMON_LONGOPTS                                                   \
	{ "format", required_argument, NULL, 't' },                           \
	{ "data-only", no_argument, NULL, 'D' },                              \
	{ "output-format", required_argument, NULL, 'O' },                    \
	{ "output", required_argument, NULL, 'o' },                           \
	{ "page-size", required_argument, NULL, OPT_PAGE_SIZE },              \
	{ "first-page-only", no_argument, NULL, OPT_FIRST_PAGE_ONLY },        \
	{ "reject-high", no_argument, NULL, OPT_REJECT_HIGH },                \
	{ "strict", no_argument, NULL, OPT_STRICT },                          \
	{ "quiet", no_argument, NULL, 'q' },                                  \
	{ "help", no_argument, NULL, 'h' },                                   \
	{ "version", no_argument, NULL, 'V' }

void cmd_common_init(struct cmd_common *c);

/* Handle one shared option.  Return: 0 if handled, -1 if not a shared
 * option, or an exit code. */
int cmd_common_option(struct cmd_common *c, int opt, const char *arg);
/* A memory-model option (memopts.h) or else a common one, for the commands
 * that take both.  Return: 0, or an exit code after a message. */
int cmd_memory_option(struct cmd_common *c, struct mem_options *mo, int opt, const char *arg);

/* After option parsing: pick the output format (-O, else -o's extension,
 * else text). */
void cmd_common_finish(struct cmd_common *c);

/* Write rep through the chosen format to -o (complete or absent). */
int cmd_write_report(const struct cmd_common *c, const struct report *rep,
		     int (*write)(const struct output_format *, FILE *, const struct report *));

/* After the options: the one trace argument, at argv[optind].
 * Return: 0 with *trace set, or VT_USAGE after a message. */
int cmd_take_trace(const char *cmd, int argc, char **argv, const char *usage, const char **trace);

/* The message for getopt_long's '?' or ':' (opt), as a usage error. */
int cmd_bad_option(const char *cmd, int opt, char **argv);

/* Read a JSON document (a sweep result) from path, or stdin for "-".
 * Return: 0 with *doc set, VT_NOINPUT (unreadable) or VT_DATAERR (not
 * JSON, naming file and line) after a message. */
int cmd_load_sweep_json(const char *path, json_t **doc);

/* Print the version line. */
int cmd_version(void);

#endif
