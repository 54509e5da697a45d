/* machine.h - simulated processes on a 32-bit x86 MMU with a frame pool.
 *
 * See src/machine.c for the model: two-level page tables allocated on first
 * touch, PTE bits kept as x86 keeps them, a frame table, and a policy
 * choosing victims.  A plain trace is process 1; an events trace (ref.h)
 * adds processes by fork (copy-on-write) and removes them by exit.
 */
#ifndef VMTRACE_MACHINE_H
#define VMTRACE_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "numa.h"
#include "policy.h"
#include "swap.h"

/* How the frames are divided between processes (--alloc).  Global: one
 * policy over every frame.  The others are local: each live process has
 * a share of the frames and its own policy instance over them; see
 * src/machine.c for how shares are computed and enforced. */
enum mem_alloc {
	ALLOC_GLOBAL,
	ALLOC_EQUAL,         /* frames / live processes */
	ALLOC_PROPORTIONAL,  /* by each process's virtual size */
	ALLOC_PFF,           /* equal, then grown and shrunk by fault frequency */
};
#define ALLOC_PFF_LOW 4      /* default thresholds of --alloc pff, in a */
#define ALLOC_PFF_HIGH 16    /* process's own references between faults */

/* The memory model beside the policy: swap area, zero page, TLB. */
struct mem_config {
	enum mem_alloc alloc;      /* ALLOC_GLOBAL unless --alloc says */
	uint32_t pff_low, pff_high; /* ALLOC_PFF: interval thresholds, low <= high */
	uint32_t swap_slots;       /* 0 = no swap */
	bool swap_default;         /* ignore swap_slots: as many as pages */
	bool zero_page;            /* a read first touch maps the zero page */
	uint32_t tlb_entries;      /* 0 = no TLB model */
	uint32_t tlb_ways;
	bool zswap;                /* a compressed pool in front of the device */
	uint32_t zswap_pages;      /* pool size; 0: zswap_share of the frames */
	double zswap_share;
	double zswap_ratio;
	const struct node_config *nodes; /* NULL or nodes == 0: no node layer */
};

struct machine_config {
	const struct policy_ops *policy;
	const uint64_t *param;     /* policy parameters; NULL for the defaults */
	uint32_t frames;           /* 1 .. MAX_FRAMES; ignored for window policies */
	uint64_t tau;              /* window policies: 1 .. */
	unsigned page_shift;       /* PAGE_SHIFT_MIN .. PAGE_SHIFT_MAX */
	const uint32_t *next_use;  /* for POLICY_NEEDS_FUTURE, indexed by time */
	const struct mem_config *mem;  /* NULL: default swap, no zero page, no TLB */
};

struct machine_counters {
	uint64_t references, reads, writes, fetches;
	uint64_t faults, hits, evictions, writebacks;
	uint64_t distinct_pages;
	uint64_t page_tables;      /* page tables allocated */
	uint64_t resident_sum;     /* sum over t of resident pages after t */
	uint64_t max_resident;
	/* faults = minor_faults + major_faults */
	uint64_t minor_faults;     /* zero-filled first touches, zero-page maps and copies */
	uint64_t zero_maps;        /* read first touches given the zero page */
	uint64_t major_faults;     /* swap_ins + file_reads: faults that wait for I/O */
	uint64_t swap_ins;
	uint64_t file_reads;       /* text pages: first touch by a fetch, or re-read */
	uint64_t swap_outs;        /* evictions that wrote a slot */
	uint64_t swap_cleans;      /* dirty pages written to a slot before eviction (WSClock) */
	uint64_t swap_drops;       /* clean evictions whose slot copy was still valid */
	uint64_t file_drops;       /* clean text pages dropped */
	uint64_t tlb_hits, tlb_misses, tlb_shootdowns;
	struct swap_counters swap; /* device and zswap traffic */
	/* processes (events traces); all zero for a plain trace */
	uint64_t cow_faults;       /* writes to a page marked copy-on-write */
	uint64_t cow_copies;       /* ... that copied it into a new frame */
	uint64_t cow_reuses;       /* ... that kept the frame: copies avoided */
	uint64_t pages_shared;     /* frames and swap slots shared at forks */
	uint64_t forks, exits, execs, switches;
	/* out of memory: swap full when a victim needed a slot */
	bool oom;
	uint64_t oom_reference;    /* 0-based index of the reference not served */
	uint32_t oom_vpn;          /* its page */
	/* the node layer (numa.h); all zero without it */
	uint64_t local_accesses;   /* references served from the process's own node */
	uint64_t remote_accesses;  /* ... from another node's frames */
	uint64_t access_distance;  /* sum of their SLIT distances (10 = local) */
	uint64_t numa_pte_updates; /* pages marked by NUMA balancing scans */
	uint64_t numa_hint_faults; /* references to a marked page */
	uint64_t numa_hint_faults_local; /* ... from the node the page is on */
	uint64_t numa_pages_migrated;    /* pages moved to the referencing node */
	uint64_t pgmigrate_fail;   /* moves refused: no free frame on that node */
	uint64_t thp_fault_alloc;  /* 4 MiB pages mapped at a fault */
	uint64_t thp_fault_fallback; /* ... wanted but no free 4 MiB block: 4 KiB */
	uint64_t thp_split;        /* 4 MiB pages split into 4 KiB pages to evict */
	uint64_t huge_evictions;   /* 4 MiB pages evicted */
};

/* One process's share of a run.  references, faults and the CoW counts
 * are those of its own references; evicted counts its pages taken away
 * (a shared page counts for each sharer), whoever's fault it was. */
struct proc_counters {
	uint32_t pid;
	uint32_t ppid;             /* the parent, 0 if it was not forked */
	bool exited;
	uint64_t references, faults, minor_faults, major_faults;
	uint64_t cow_faults, cow_copies, cow_reuses;
	uint64_t pages_shared;     /* frames and slots it got shared at its fork */
	uint64_t evicted;
	uint32_t resident;         /* frames it maps at the end (before release) */
	uint32_t share;            /* local --alloc: its share at the end (0 once exited) */
	uint32_t node;             /* the node layer: the node it ran on last */
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

/* Replay refs[0..n) at the next times; event words (ref.h) fork, exit,
 * exec and switch processes.  Return: 0 or an exit code. */
int machine_run(struct machine *m, const uint32_t *refs, size_t n);

/* Replay one reference and say what happened (slow path, for --steps). */
int machine_step(struct machine *m, uint32_t ref, struct machine_step *out);

const struct machine_counters *machine_counters(const struct machine *m);
uint32_t machine_frames(const struct machine *m);
/* The page in frame, or NO_PAGE when it is free. */
uint32_t machine_frame_page(const struct machine *m, uint32_t frame);

/* Release every address space (as exit does): frames, and swap slots held
 * by PTEs and by resident pages.  Return: 0, or VT_SOFTWARE if a frame or
 * a slot is still in use afterwards (a leaked reference count). */
int machine_release(struct machine *m);

/* The run stopped out of memory (counters say where). */
bool machine_dead(const struct machine *m);

/* The page whose fault is being served: valid inside victim() and load(),
 * for policies whose choice depends on the incoming page's history (ARC). */
uint32_t machine_fault_page(const struct machine *m);
/* Pages in the virtual space (2^20 with 4 KiB pages): the size of a
 * direct-indexed table keyed by page, for policies that remember evicted
 * pages. */
uint32_t machine_vpn_space(const struct machine *m);

/* The node layer's invariants: each node's buddy allocator is sound
 * (buddy_check()) and no frame that holds a page is free in it.
 * Return: 0, or VT_SOFTWARE after a message. */
int machine_check(const struct machine *m);

/* The node layer's nodes (0 without it), and their counters with each
 * allocator's state now, in node order, into out[0 .. machine_nnodes()). */
uint32_t machine_nnodes(const struct machine *m);
void machine_nodes(const struct machine *m, struct node_counters *out);

/* --buddyinfo-every: free blocks per order of each node, sampled. */
struct buddy_sample {
	uint64_t time;             /* references replayed before the sample */
	uint32_t node;
	uint32_t free[BUDDY_ORDERS];
};
const struct buddy_sample *machine_buddy_series(const struct machine *m, size_t *n);

/* The node process pid runs on (the node layer), or 0. */
uint32_t machine_proc_node(const struct machine *m, uint32_t pid);

/* Clock's view of the x86 accessed bit of the page in frame. */
int machine_test_and_clear_accessed(struct machine *m, uint32_t frame);

/* The processes that took part, in order of creation (process 1 only if it
 * did anything), counters settled, in a new array *out (the caller frees
 * it).  Return: 0 or an exit code. */
int machine_procs(struct machine *m, struct proc_counters **out, size_t *n);

/* The x86 dirty bit (D) of the page in frame. */
int machine_test_dirty(const struct machine *m, uint32_t frame);
/* Write the page in frame back now if it is dirty: a write-back is counted,
 * the page's copy goes to a swap slot (kept as its swap cache) and D is
 * cleared; the page stays resident (WSClock's scheduled write).  With no
 * free slot nothing happens. */
void machine_clean(struct machine *m, uint32_t frame);

#endif
