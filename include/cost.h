/* cost.h - the cost model: what a run's events cost in simulated time.
 *
 * Time is computed from a run's counters after the run, so the model costs
 * nothing per reference: every reference pays a memory access, a TLB miss
 * a page walk, each fault and each swap or file transfer its latency.
 * Device presets give the transfer latencies (the man page says where the
 * figures come from); --cost NAME=TIME overrides any one.
 */
#ifndef VMTRACE_COST_H
#define VMTRACE_COST_H

#include <stdbool.h>

#include "machine.h"

enum cost_param {
	COST_HIT,      /* a memory reference */
	COST_WALK,     /* a TLB miss: two-level walk, two memory references */
	COST_MINOR,    /* a minor fault: trap, allocate, zero-fill */
	COST_READ,     /* a 4 KiB read from the device: swap-in or file page */
	COST_WRITE,    /* a 4 KiB write to the device: swap-out */
	COST_ZSTORE,   /* compressing a page into the zswap pool */
	COST_ZLOAD,    /* decompressing a page from the pool */
	COST_COPY,     /* copying a page at a copy-on-write fault (beside its minor fault) */
	COST_PARAMS
};

struct cost_model {
	const char *device;        /* preset name */
	double ns[COST_PARAMS];
	bool zswap;                /* the device sits behind a zswap pool */
	double zswap_ratio;        /* compressed pages per pool page */
	double zswap_pool_share;   /* default pool: this share of the frames */
};

/* The event kinds of a breakdown, in output order. */
enum cost_event {
	EV_MEMORY,           /* references x hit */
	EV_TLB_WALKS,
	EV_MINOR_FAULTS,
	EV_SWAP_INS,         /* device reads of swap slots */
	EV_FILE_READS,
	EV_SWAP_OUTS,        /* device writes of swap slots */
	EV_ZSWAP_STORES,
	EV_ZSWAP_LOADS,
	EV_ZSWAP_WRITEBACKS, /* pool entries written to the device */
	EV_COW_COPIES,       /* pages copied at copy-on-write faults */
	EV_REMOTE,           /* remote references: hit x (distance - 10) / 10 more */
	EV_HINT_FAULTS,      /* NUMA balancing's hinting faults, as minor faults */
	EV_MIGRATIONS,       /* pages migrated between nodes, as copies */
	COST_EVENTS
};

struct cost_breakdown {
	double count[COST_EVENTS];
	double ns[COST_EVENTS];
	double total_ns;
	double eat_ns;             /* effective access time: total / references */
	double slowdown;           /* total / (references x hit) */
};

/* The names --cost takes and outputs use. */
const char *cost_param_name(enum cost_param p);
const char *cost_event_name(enum cost_event e);

/* Return: 0, or VT_USAGE after a message (unknown preset). */
int cost_preset(const char *device, struct cost_model *out);
/* "NAME=TIME" with TIME like 100ns, 80us, 5ms, 0.5s.  Return: 0 or VT_USAGE. */
int cost_override(const char *arg, struct cost_model *m);
/* The preset names, comma-separated, for messages and --help. */
const char *cost_presets(void);

void cost_compute(const struct cost_model *m, const struct machine_counters *c,
		  struct cost_breakdown *out);

#endif
