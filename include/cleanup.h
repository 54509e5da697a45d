/* cleanup.h - temporary files removed when a signal stops the run.
 *
 * Output is written to a temporary file and renamed when complete
 * (outfile.h, plot.c).  If SIGINT, SIGTERM or SIGHUP arrives meanwhile, the
 * handler installed by cleanup_install() unlinks every registered path and
 * lets the signal take its default course, so an interrupted run leaves no
 * partial file.  The registry is the one piece of process-wide mutable
 * state: a signal handler can reach nothing else.
 */
#ifndef VMTRACE_CLEANUP_H
#define VMTRACE_CLEANUP_H

/* Install the handlers (once, from main). */
void cleanup_install(void);

/* Register path (the caller keeps the string alive until unregistered).
 * Return: a slot for cleanup_unregister(), or -1 if the table is full (the
 * file is then merely not removed on a signal). */
int cleanup_register(const char *path);
void cleanup_unregister(int slot);

#endif
