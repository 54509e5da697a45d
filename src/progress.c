/* progress.c - a self-erasing progress line on a terminal's stderr. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(struct progress *p, const char *what, uint64_t total)
{
	p->on = isatty(STDERR_FILENO);
	p->drawn = false;
	p->total = total;
	p->what = what;
	p->started = p->last = p->on ? now() : 0;
}

void progress_update(struct progress *p, uint64_t done)
{
	double t, mb;

	if (!p->on)
		return;
	t = now();
	/* Quick runs never show a line; then four redraws a second. */
	if (t - p->started < 0.5 || t - p->last < 0.25)
		return;
	p->last = t;
	mb = (double)done / 1e6;
	if (p->total)
		fprintf(stderr, "\rvmtrace: %s %3.0f%% (%.0f of %.0f MB, %.0f MB/s) ", p->what,
			100.0 * (double)done / (double)p->total, mb, (double)p->total / 1e6,
			mb / (t - p->started));
	else
		fprintf(stderr, "\rvmtrace: %s %.0f MB (%.0f MB/s) ", p->what, mb,
			mb / (t - p->started));
	p->drawn = true;
}

void progress_count(struct progress *p, uint64_t done, uint64_t total)
{
	double t;

	if (!p->on)
		return;
	t = now();
	if (t - p->started < 0.5 || t - p->last < 0.25)
		return;
	p->last = t;
	fprintf(stderr, "\rvmtrace: %s %llu of %llu ", p->what, (unsigned long long)done,
		(unsigned long long)total);
	p->drawn = true;
}

void progress_done(struct progress *p)
{
	if (p->on && p->drawn)
		fputs("\r\033[K", stderr);
	p->drawn = false;
}
