/* progress.h - a progress line on stderr for long runs.
 *
 * Shown only when stderr is a terminal and the run is not quiet (-q), so
 * pipelines, scripts and tests see nothing; drawn only once a run has
 * taken half a second (quick runs never flicker), then redrawn at most
 * four times a second, and erased when done.  A byte count shows how much
 * of the input was read, the rate in references a second and, when the
 * input's size is known (a file, not a pipe), the time left.
 */
#ifndef VMTRACE_PROGRESS_H
#define VMTRACE_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct progress {
	bool on;
	bool drawn;
	uint64_t total;     /* bytes (or items) expected, 0 if unknown (a pipe) */
	double started, last;
	const char *what;
};

/* Start; total may be 0.  Off when quiet or stderr is not a terminal. */
void progress_init(struct progress *p, const char *what, uint64_t total, bool quiet);
/* Report bytes read and references decoded so far; cheap when there is
 * nothing to draw. */
void progress_update(struct progress *p, uint64_t bytes, uint64_t refs);
/* Report items done out of total (a count, not bytes). */
void progress_count(struct progress *p, uint64_t done, uint64_t total);
/* Erase the line. */
void progress_done(struct progress *p);

/*
 * progress_format - the text of one progress line, without "\r".
 * @what: the activity ("replaying")
 * @done, @total: bytes read and expected (total 0: unknown), or items
 *   when @items is true
 * @refs: references decoded so far (0: not shown)
 * @elapsed: seconds since the start
 * Return: what snprintf returns.  Kept apart from the drawing so that the
 * figures can be tested without a terminal.
 */
int progress_format(char *buf, size_t size, const char *what, uint64_t done, uint64_t total,
		    bool items, uint64_t refs, double elapsed);

#endif
