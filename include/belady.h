/* belady.h - looking for Belady's anomaly: more frames, more faults.
 *
 * A stack algorithm (LRU, OPT; WS over its window) never faults more with
 * more memory.  FIFO, Clock and LFU are not stack algorithms: on some
 * reference strings f+1 frames give more faults than f (DESIGN.md has one
 * string for each).  This module finds such strings by a seeded random
 * search, or checks one given string.  Every fault count it reports comes
 * from the tool's own machine (replay_refs, one run per frame count), so it
 * is exactly what `vmtrace replay` would say; a fast simulator of FIFO,
 * Clock and LFU only picks which random strings are worth that.
 *
 * An anomaly is a string and a frame count f with faults(f+1) > faults(f).
 * Its ratio is faults(f+1) / faults(f).  Anomalies are ranked by ratio
 * (larger first), then by the order they were found: by string, then by f.
 */
#ifndef VMTRACE_BELADY_H
#define VMTRACE_BELADY_H

#include <stddef.h>
#include <stdint.h>

#include "policy.h"

/* Limits the command enforces (and belady_config_check). */
#define BELADY_MAX_LENGTH 10000u    /* references in a string */
#define BELADY_MAX_PAGES 4096u      /* distinct page numbers of a search */
#define BELADY_MAX_SHOW 100000u     /* anomalies kept for the report */
#define BELADY_MAX_PAGE 1048575u    /* a --string page: a 4 KiB page of 32 bits */
#define BELADY_MAX_THREADS 64u

/* Default search.  The tries rediscover FIFO's 9 -> 10 on 12 references
 * over 5 pages: exhaustively, 120 of the 5^12 strings show it (Belady's
 * string relabelled), one in 2.03 million, so 10^7 tries find it with
 * probability 1 - e^-4.9 = 99.3% (all of seeds 1 to 30 do; seed 1 first
 * at try 4504290). */
#define BELADY_DEFAULT_LENGTH 12u
#define BELADY_DEFAULT_PAGES 5u
#define BELADY_DEFAULT_TRIES 10000000u
#define BELADY_DEFAULT_SEED 1u
#define BELADY_DEFAULT_SHOW 10u

struct belady_config {
	const struct policy_ops *policy;
	uint32_t length;   /* references in each random string, 2 .. */
	uint32_t pages;    /* page numbers drawn from 0 .. pages-1, 2 .. */
	/* Frame counts f examined, each against f+1; 0 and 0 mean the default
	 * 1 .. pages-1 (for a given string: 1 .. its distinct pages - 1). */
	uint32_t lo, hi;
	uint64_t tries;    /* random strings to try */
	uint64_t seed;
	size_t show;       /* anomalies kept in found[] (distinct ones), 0 .. */
	/* Run every string on the machine.  Otherwise FIFO, Clock and LFU
	 * screen strings with a small simulator and run only the strings it
	 * flags on the machine; the result is the same, only slower. */
	int machine_only;
	/* Threads that screen strings: 0 for one per processor (one for
	 * small searches).  The result does not depend on it. */
	unsigned threads;
	/* Called now and then with the strings tried so far; may be NULL. */
	void (*progress)(void *ctx, uint64_t done, uint64_t total);
	void *progress_ctx;
};

struct belady_anomaly {
	uint32_t *pages;       /* the reference string, page numbers (owned) */
	size_t n;
	uint32_t frames;       /* f */
	uint64_t faults;       /* faults with f frames */
	uint64_t next_faults;  /* faults with f+1 frames, > faults */
	uint64_t index;        /* which string it was: 0-based try number */
	uint64_t hash;         /* of frames and pages, to find repeats */
};

struct belady_result {
	uint32_t lo, hi;           /* the frame range used (defaults resolved) */
	uint64_t tried;            /* strings tried */
	uint64_t anomalous;        /* of those, strings with an anomaly in lo..hi
				      (a string drawn twice counts twice) */
	uint64_t anomalies;        /* anomalies (string, f) in all, repeats too */
	int has_max;               /* max is set: at least one anomaly */
	struct belady_anomaly max; /* largest ratio, the first found among equals */
	struct belady_anomaly *found; /* best first, at most show, no repeats */
	size_t nfound;
	/* belady_check only: faults with lo .. hi+1 frames. */
	uint64_t *curve;
	size_t ncurve;
};

/*
 * belady_config_check - is cfg searchable?  For a given string pass its
 * number of distinct pages as pages (length is then not checked).
 * Return: NULL, or a message naming the option at fault.
 */
const char *belady_config_check(const struct belady_config *cfg, int given_string);

/*
 * belady_policy_check - can this policy show the anomaly at all?
 * Return: NULL, or why not (LRU and OPT are stack algorithms; WS is sized
 * by a window, not a frame count).
 */
const char *belady_policy_check(const struct policy_ops *policy);

/*
 * belady_search - try cfg->tries random strings drawn from cfg->seed.
 * The same configuration gives the same result, bit for bit.
 * Return: 0 with *res filled (release it with belady_result_release), or
 * an exit code after a message (VT_USAGE for a configuration that
 * belady_config_check refuses).
 */
int belady_search(const struct belady_config *cfg, struct belady_result *res);

/*
 * belady_check - the anomalies of one given string pages[0..n) for frame
 * counts cfg->lo .. cfg->hi (length, pages, tries and seed are ignored),
 * plus its fault curve.  Return: as belady_search.
 */
int belady_check(const struct belady_config *cfg, const uint32_t *pages, size_t n,
		 struct belady_result *res);

/*
 * belady_faults - faults of policy on pages[0..n) with lo, lo+1, ..., hi
 * frames, each from a fresh machine through replay_refs(), into
 * faults[0 .. hi-lo].  Return: 0 or an exit code after a message.
 */
int belady_faults(const struct policy_ops *policy, const uint32_t *pages, size_t n, uint32_t lo,
		  uint32_t hi, uint64_t *faults);

/*
 * belady_sim_faults - the same as belady_faults from the screening
 * simulator the search uses for fifo, clock and lfu (pages below npages,
 * hi < npages), for tests to compare with the machine.  Return: 0, or
 * VT_SOFTWARE for a policy without one.
 */
int belady_sim_faults(const struct policy_ops *policy, const uint32_t *pages, size_t n,
		      uint32_t npages, uint32_t lo, uint32_t hi, uint64_t *faults);

/*
 * belady_string - the i-th random string (0-based) of a search with this
 * seed: length pages, each drawn from 0 .. npages-1.  belady_search tries
 * exactly these, so any one of them can be reproduced alone.
 */
void belady_string(uint64_t seed, uint64_t i, uint32_t npages, uint32_t *out, size_t length);

/* Compare the ratios faults(f+1)/faults(f) of a and b exactly: <0, 0, >0. */
int belady_ratio_cmp(const struct belady_anomaly *a, const struct belady_anomaly *b);

/* The ratio as a double, for output. */
double belady_ratio(const struct belady_anomaly *a);

void belady_result_release(struct belady_result *res);

#endif
