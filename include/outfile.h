/* outfile.h - output that is either complete or absent.
 *
 * A file is written under a temporary name in the same directory and
 * renamed over the target only when everything was written and flushed;
 * on failure the temporary is removed.  "-" or NULL means stdout, which is
 * flushed and checked for errors at the end (a full disk is an error).
 */
#ifndef VMTRACE_OUTFILE_H
#define VMTRACE_OUTFILE_H

#include <stdio.h>

struct outfile {
	const char *path;   /* NULL for stdout */
	char *tmp;          /* temporary path while writing */
	FILE *fp;
};

/* Return: 0 with of->fp ready, or VT_CANTCREAT after a message. */
int outfile_open(struct outfile *of, const char *path);

/* Flush, close, rename.  Return: 0, or VT_IOERR after a message. */
int outfile_commit(struct outfile *of);

/* Drop what was written (remove the temporary file). */
void outfile_abort(struct outfile *of);

#endif
