/* machine.h - one simulated process on a 32-bit x86 MMU with a frame pool.
 *
 * See src/machine.c for the model: two-level page tables allocated on first
 * touch, PTE bits kept as x86 keeps them, a frame table, and a policy
 * choosing victims.
 */
#ifndef VMTRACE_MACHINE_H
#define VMTRACE_MACHINE_H

#include <stddef.h>
#include <stdint.h>

#include "policy.h"

struct machine_config {
	const struct policy_ops *policy;
	const uint64_t *param;     /* policy parameters; NULL for the defaults */
	uint32_t frames;           /* 1 .. MAX_FRAMES; ignored for window policies */
	uint64_t tau;              /* window policies: 1 .. */
	unsigned page_shift;       /* PAGE_SHIFT_MIN .. PAGE_SHIFT_MAX */
	const uint32_t *next_use;  /* for POLICY_NEEDS_FUTURE, indexed by time */
};

struct machine_counters {
	uint64_t references, reads, writes, fetches;
	uint64_t faults, hits, evictions, writebacks;
	uint64_t distinct_pages;
	uint64_t page_tables;      /* page tables allocated */
	uint64_t resident_sum;     /* sum over t of resident pages after t */
	uint64_t max_resident;
};

/* What one reference did, for --steps. */
struct machine_step {
	int fault;
	uint32_t frame;            /* the frame now holding the page */
	uint32_t victim_vpn;       /* page evicted to make room, or NO_PAGE */
	uint32_t expired_vpn;      /* page that left a window, or NO_PAGE */
};
#define NO_PAGE UINT32_MAX

struct machine;

/* Return: 0 with *out set, or an exit code after a message. */
int machine_new(struct machine **out, const struct machine_config *cfg);
void machine_free(struct machine *m);

/* Replay refs[0..n) at the next times.  Return: 0 or an exit code. */
int machine_run(struct machine *m, const uint32_t *refs, size_t n);

/* Replay one reference and say what happened (slow path, for --steps). */
int machine_step(struct machine *m, uint32_t ref, struct machine_step *out);

const struct machine_counters *machine_counters(const struct machine *m);
uint32_t machine_frames(const struct machine *m);
/* The page in frame, or NO_PAGE when it is free. */
uint32_t machine_frame_page(const struct machine *m, uint32_t frame);

/* Clock's view of the x86 accessed bit of the page in frame. */
int machine_test_and_clear_accessed(struct machine *m, uint32_t frame);

/* The x86 dirty bit (D) of the page in frame. */
int machine_test_dirty(const struct machine *m, uint32_t frame);
/* Write the page in frame back now if it is dirty: a write-back is counted
 * and D cleared, the page stays resident (WSClock's scheduled write). */
void machine_clean(struct machine *m, uint32_t frame);

#endif
