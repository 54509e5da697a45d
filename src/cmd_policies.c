/* cmd_policies.c - `vmtrace policies`: what -p accepts. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "error.h"
#include "exitcodes.h"
#include "policy.h"

int cmd_policies(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		fputs("usage: vmtrace policies\n\nList the replacement policies -p accepts, with their "
		      "parameters\n(set them with -p name:key=N,key=N).\n", stdout);
		return 0;
	}
	if (argc > 1)
		return vt_error(VT_USAGE, "policies: takes no arguments");
	for (size_t i = 0; policy_list[i]; i++) {
		const struct policy_ops *p = policy_list[i];
		printf("%-8s %s%s\n", p->name, p->summary,
		       (p->flags & POLICY_WINDOW) ? " [--tau]" :
		       (p->flags & POLICY_NEEDS_FUTURE) ? " [reads the whole trace first]" : "");
		for (size_t j = 0; p->params && p->params[j].name; j++)
			printf("%-8s   %s=N  %s (default %" PRIu64 ", %" PRIu64 "..%" PRIu64 ")\n", "",
			       p->params[j].name, p->params[j].help, p->params[j].def,
			       p->params[j].min, p->params[j].max);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		return vt_error(VT_IOERR, "error writing standard output");
	return 0;
}
