/* progress.c - a self-erasing progress line on a terminal's stderr. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

/* Wait this long before the first line: most runs end before it. */
#define FIRST_DRAW 0.5
/* And this long between redraws. */
#define REDRAW 0.25

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(struct progress *p, const char *what, uint64_t total, bool quiet)
{
	p->on = !quiet && isatty(STDERR_FILENO);
	p->drawn = false;
	p->total = total;
	p->what = what;
	p->started = p->last = p->on ? now() : 0;
}

/* "1.5 G" style: three significant figures are plenty on a moving line. */
static void si(char *buf, size_t size, double v)
{
	static const char prefix[] = " kMGTP";
	int i = 0;

	while (v >= 999.5 && i < 5) {
		v /= 1000;
		i++;
	}
	if (i == 0)
		snprintf(buf, size, "%.0f ", v);
	else
		snprintf(buf, size, "%.*f %c", v < 9.95 ? 1 : 0, v, prefix[i]);
}

/* h:mm:ss, or m:ss under an hour. */
static void clock_text(char *buf, size_t size, double s)
{
	uint64_t t = (uint64_t)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, size, "%" PRIu64 ":%02u:%02u", t / 3600, (unsigned)(t / 60 % 60),
			 (unsigned)(t % 60));
	else
		snprintf(buf, size, "%u:%02u", (unsigned)(t / 60), (unsigned)(t % 60));
}

int progress_format(char *buf, size_t size, const char *what, uint64_t done, uint64_t total,
		    bool items, uint64_t refs, double elapsed)
{
	char d[16], tot[16], rate[32] = "", eta[64] = "";
	const char *unit = items ? "" : "B";
	double frac = total ? (double)done / (double)total : 0;

	si(d, sizeof(d), (double)done);
	si(tot, sizeof(tot), (double)total);
	if ((refs || items) && elapsed > 0) {
		char r[16];
		size_t len;
		si(r, sizeof(r), (double)(refs ? refs : done) / elapsed);
		len = strlen(r);
		if (r[len - 1] == ' ')
			r[len - 1] = '\0';  /* no prefix: "25 refs/s", "25/s" */
		snprintf(rate, sizeof(rate), ", %s%s", r, refs ? " refs/s" : "/s");
	}
	/* The time left at the mean rate so far; none before there is a rate. */
	if (total && done && done <= total && elapsed > 0) {
		char c[40];
		clock_text(c, sizeof(c), elapsed * (1 - frac) / frac);
		snprintf(eta, sizeof(eta), ", ETA %s", c);
	}
	if (total)
		return snprintf(buf, size, "vmtrace: %s %3.0f%% (%s%s of %s%s%s%s)", what, 100 * frac,
				d, unit, tot, unit, rate, eta);
	return snprintf(buf, size, "vmtrace: %s %s%s%s", what, d, unit, rate);
}

/* Is it time to draw?  Updates the clock when it is. */
static bool due(struct progress *p, double *elapsed)
{
	double t;

	if (!p->on)
		return false;
	t = now();
	if (t - p->started < FIRST_DRAW || t - p->last < REDRAW)
		return false;
	p->last = t;
	*elapsed = t - p->started;
	return true;
}

static void draw(struct progress *p, const char *line)
{
	/* \033[K clears what a longer previous line left. */
	fprintf(stderr, "\r%s\033[K", line);
	p->drawn = true;
}

void progress_update(struct progress *p, uint64_t bytes, uint64_t refs)
{
	char line[160];
	double elapsed;

	if (!due(p, &elapsed))
		return;
	progress_format(line, sizeof(line), p->what, bytes, p->total, false, refs, elapsed);
	draw(p, line);
}

void progress_count(struct progress *p, uint64_t done, uint64_t total)
{
	char line[160];
	double elapsed;

	if (!due(p, &elapsed))
		return;
	progress_format(line, sizeof(line), p->what, done, total, true, 0, elapsed);
	draw(p, line);
}

void progress_done(struct progress *p)
{
	if (p->on && p->drawn)
		fputs("\r\033[K", stderr);
	p->drawn = false;
}
