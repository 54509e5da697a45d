/* cmd_common.c - options and output shared by trace-reading commands. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "memopts.h"
#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "options.h"
#include "outfile.h"

void cmd_common_init(struct cmd_common *c)
{
	memset(c, 0, sizeof(*c));
	c->topt.page_shift = PAGE_SHIFT_DEFAULT;
	c->format = "auto";
}

int cmd_memory_option(struct cmd_common *c, struct mem_options *mo, int opt, const char *arg)
{
	int err = mem_option(mo, opt, arg);

	if (err >= 0)
		return err;
	err = cmd_common_option(c, opt, arg);
	return err < 0 ? vt_error(VT_SOFTWARE, "unhandled option %d", opt) : err;
}

int cmd_common_option(struct cmd_common *c, int opt, const char *arg)
{
	switch (opt) {
	case 't':
		if (strcmp(arg, "auto") != 0 && !trace_format_find(arg))
			return vt_error(VT_USAGE,
					"--format: unknown trace format '%s' (auto, seq, lackey, events)",
					arg);
		c->format = arg;
		return 0;
	case 'D':
		c->topt.data_only = true;
		return 0;
	case 'O':
		c->out = output_format_find(arg);
		if (!c->out)
			return vt_error(VT_USAGE, "--output-format: unknown format '%s' (text, json, csv)", arg);
		return 0;
	case 'o':
		c->output = arg;
		return 0;
	case OPT_PAGE_SIZE:
		return opt_parse_page_size(arg, &c->topt.page_shift);
	case OPT_FIRST_PAGE_ONLY:
		c->topt.first_page_only = true;
		return 0;
	case OPT_REJECT_HIGH:
		c->topt.reject_high = true;
		return 0;
	case OPT_STRICT:
		c->topt.strict = true;
		return 0;
	case 'q':
		c->quiet = true;
		return 0;
	}
	return -1;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

void cmd_common_finish(struct cmd_common *c)
{
	if (c->out)
		return;
	if (c->output && ends_with(c->output, ".json"))
		c->out = output_format_find("json");
	else if (c->output && ends_with(c->output, ".csv"))
		c->out = output_format_find("csv");
	else
		c->out = output_format_find("text");
}

int cmd_write_report(const struct cmd_common *c, const struct report *rep,
		     int (*write)(const struct output_format *, FILE *, const struct report *))
{
	struct outfile of;
	int err = outfile_open(&of, c->output);

	if (err)
		return err;
	err = write(c->out, of.fp, rep);
	if (err) {
		outfile_abort(&of);
		return err;
	}
	return outfile_commit(&of);
}

int cmd_take_trace(const char *cmd, int argc, char **argv, const char *usage, const char **trace)
{
	if (optind == argc)
		return vt_error(VT_USAGE, "%s: no trace given (a file, or - for stdin)\n%s", cmd, usage);
	if (optind + 1 < argc)
		return vt_error(VT_USAGE, "%s: one trace at a time ('%s' is extra)", cmd, argv[optind + 1]);
	*trace = argv[optind];
	return 0;
}

int cmd_bad_option(const char *cmd, int opt, char **argv)
{
	/* optind has moved past the offending word, whatever its form. */
	const char *word = argv[optind - 1];

	if (opt == ':')
		return vt_error(VT_USAGE, "%s: option '%s' needs a value", cmd, word);
	if (optopt > 0 && optopt < 256 && strncmp(word, "--", 2) != 0)
		return vt_error(VT_USAGE, "%s: unknown option '-%c' (see vmtrace %s --help)", cmd,
				optopt, cmd);
	if (strncmp(word, "--", 2) == 0 && strchr(word, '='))
		return vt_error(VT_USAGE, "%s: option '%.*s' takes no value", cmd,
				(int)(strchr(word, '=') - word), word);
	return vt_error(VT_USAGE, "%s: unknown option '%s' (see vmtrace %s --help)", cmd, word,
			cmd);
}

int cmd_load_sweep_json(const char *path, json_t **doc)
{
	bool std = strcmp(path, "-") == 0;
	const char *name = std ? "<stdin>" : path;
	json_error_t jerr;
	struct stat st;
	FILE *fp;

	*doc = NULL;
	fp = std ? stdin : fopen(path, "r");
	if (!fp)
		return vt_error(VT_NOINPUT, "cannot open '%s': %s", path, strerror(errno));
	if (!std && fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		return vt_error(VT_NOINPUT, "cannot read '%s': %s", path, strerror(EISDIR));
	}
	*doc = json_loadf(fp, 0, &jerr);
	if (!*doc && ferror(fp)) {
		int e = errno;
		if (!std)
			fclose(fp);
		return vt_error(VT_NOINPUT, "cannot read '%s': %s", name, strerror(e));
	}
	if (!std)
		fclose(fp);
	if (!*doc)
		return vt_error(VT_DATAERR, "%s:%d: not a sweep result (not JSON: %s)", name,
				jerr.line, jerr.text);
	return 0;
}

int cmd_version(void)
{
	printf("vmtrace %s\n", VMTRACE_VERSION);
	return 0;
}
