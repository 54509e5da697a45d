/* progress.h - a progress line on stderr for long runs.
 *
 * Shown only when stderr is a terminal, so pipelines and scripts see
 * nothing; redrawn at most four times a second; erased when done.
 */
#ifndef VMTRACE_PROGRESS_H
#define VMTRACE_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

struct progress {
	bool on;
	bool drawn;
	uint64_t total;     /* bytes expected, 0 if unknown (a pipe) */
	double started, last;
	const char *what;
};

/* Start; total may be 0.  Off unless stderr is a terminal. */
void progress_init(struct progress *p, const char *what, uint64_t total);
/* Report bytes done; cheap when there is nothing to draw. */
void progress_update(struct progress *p, uint64_t done);
/* Report items done out of total (a count, not bytes). */
void progress_count(struct progress *p, uint64_t done, uint64_t total);
/* Erase the line. */
void progress_done(struct progress *p);

#endif
