/* outfile.h - output that is either complete or absent.
 *
 * A file is written under a temporary name in the same directory and
 * renamed over the target only when everything was written and flushed;
 * on failure the temporary is removed, and so it is when a signal stops the
 * run (cleanup.h).  "-" or NULL means stdout, which is flushed and checked
 * for errors at the end (a full disk is an error).  A target that exists
 * and is not a regular file (/dev/null, a FIFO) is written in place.
 */
#ifndef VMTRACE_OUTFILE_H
#define VMTRACE_OUTFILE_H

#include <stdio.h>

/* TARGET.tmp.XXXXXX, created with the mode a new file would get. */
struct tempfile {
	char *path;
	int fd;
	int slot;           /* cleanup.h registration */
};

/* Return: 0, or VT_CANTCREAT (naming target) after a message. */
int tempfile_create(struct tempfile *tf, const char *target);
/* Rename over target.  Return: 0, or VT_CANTCREAT after a message (the
 * temporary is then removed). */
int tempfile_commit(struct tempfile *tf, const char *target);
/* Remove the temporary. */
void tempfile_discard(struct tempfile *tf);

struct outfile {
	const char *path;   /* NULL for stdout */
	struct tempfile tmp;
	FILE *fp;
	int direct;         /* a device or FIFO, written in place */
};

/* Return: 0 with of->fp ready, or VT_CANTCREAT after a message. */
int outfile_open(struct outfile *of, const char *path);

/* Flush, close, rename.  Return: 0, or VT_IOERR after a message. */
int outfile_commit(struct outfile *of);

/* Drop what was written (remove the temporary file). */
void outfile_abort(struct outfile *of);

#endif
