/* main.c - vmtrace: dispatch to a subcommand. */
#include <stdio.h>
#include <string.h>

#include "cleanup.h"
#include "cmd.h"
#include "error.h"
#include "exitcodes.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "replay", cmd_replay, "replay a trace against replacement policies" },
	{ "sweep", cmd_sweep, "fault curves across frame counts, Belady anomalies" },
	{ "belady", cmd_belady, "search random reference strings for Belady's anomaly" },
	{ "plot", cmd_plot, "chart a sweep or replay result with gnuplot (PNG or SVG)" },
	{ "thrash", cmd_thrash, "throughput as copies of a workload share the frames" },
	{ "stats", cmd_stats, "describe a trace: references, pages, address ranges" },
	{ "policies", cmd_policies, "list the replacement policies" },
	{ "merge", cmd_merge, "join sweep results computed apart (JSON)" },
	{ "merge-lackey", cmd_merge_lackey, "per-process lackey traces into one events trace" },
	{ "record", cmd_record, "run a program under valgrind lackey, write its trace" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static int usage(FILE *fp)
{
	fputs("usage: vmtrace COMMAND [options] TRACE\n"
	      "\n"
	      "Page-replacement trace analyzer: replays memory-access traces (valgrind\n"
	      "lackey output or reference strings such as 1,2,3,4,1,2,5) on a simulated\n"
	      "32-bit x86 MMU.\n"
	      "\n"
	      "commands:\n", fp);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "   %-13s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "'vmtrace COMMAND --help' shows a command's options; 'man vmtrace' explains\n"
	      "the model.  Example:  vmtrace replay -p fifo,lru,opt -n 3,4 traces/belady.seq\n",
	      fp);
	return 0;
}

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : NULL;

	cleanup_install();

	if (!name) {
		usage(stderr);
		return VT_USAGE;
	}
	if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "help") == 0) {
		if (argc > 2) {
			char *help_argv[] = { argv[2], "--help", NULL };
			for (size_t i = 0; i < NCOMMANDS; i++)
				if (strcmp(argv[2], commands[i].name) == 0)
					return commands[i].run(2, help_argv);
		}
		usage(stdout);
		return fflush(stdout) == 0 ? 0 : VT_IOERR;
	}
	if (strcmp(name, "-V") == 0 || strcmp(name, "--version") == 0)
		return cmd_version();
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(name, commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	vt_error(VT_USAGE, "unknown command '%s'", name);
	usage(stderr);
	return VT_USAGE;
}
