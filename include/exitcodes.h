/* exitcodes.h - the process exit codes vmtrace promises (DESIGN.md, "Errors").
 *
 * They are the <sysexits.h> values, named here once so every module returns
 * the same numbers and scripts can rely on them.
 */
#ifndef VMTRACE_EXITCODES_H
#define VMTRACE_EXITCODES_H

enum vt_exit {
	VT_OK = 0,
	VT_USAGE = 64,     /* bad command line */
	VT_DATAERR = 65,   /* malformed input; the message names file and line */
	VT_NOINPUT = 66,   /* input missing or unreadable */
	VT_SOFTWARE = 70,  /* internal error (out of memory, a broken invariant) */
	VT_CANTCREAT = 73, /* output file cannot be created */
	VT_IOERR = 74,     /* read or write failed part way */
};

#endif
