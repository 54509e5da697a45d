/* memopts.h - the memory-model options replay and sweep share.
 *
 *   --swap SLOTS        swap area size (default: one slot per virtual page)
 *   --zero-page         a read first touch maps the shared zero page
 *   --tlb E[:W]         model a TLB of E entries, W ways
 *   --device NAME       cost preset: hdd, ssd, nvme, zswap
 *   --cost NAME=TIME    override one latency (repeatable)
 *   --zswap-pool PAGES  zswap pool size (default 20% of the frames)
 *   --zswap-ratio R     compressed pages per pool page (default 3)
 *   --explain           the time breakdown, for people
 *   --alloc NAME        frames between processes: global, equal, proportional,
 *                       pff[:LOW,HIGH]
 *   --numa, --numa-distance, --mempolicy, --numa-balance, --buddy,
 *   --buddyinfo-every, --huge: the node layer (numa.h)
 * Any cost option (--device, --cost, --zswap-*, --explain) turns the cost
 * model on: outputs then carry simulated time; the device defaults to ssd.
 */
#ifndef VMTRACE_MEMOPTS_H
#define VMTRACE_MEMOPTS_H

#include <getopt.h>
#include <stdbool.h>

#include "cost.h"
#include "machine.h"
#include "numa.h"

#define MEM_MAX_COSTS 16

struct mem_options {
	struct mem_config mem;
	struct node_config nodes;  /* mem.nodes points here when it is on */
	struct cost_model cost;
	bool cost_on;              /* outputs carry time */
	bool memory_on;            /* any memory option: outputs carry its counters */
	bool explain;
	/* as given, applied by mem_options_finish() */
	const char *device;
	const char *costs[MEM_MAX_COSTS];
	size_t ncosts;
	bool ratio_given;
};

enum {
	OPT_SWAP = 300,
	OPT_ZERO_PAGE,
	OPT_TLB,
	OPT_DEVICE,
	OPT_COST,
	OPT_ZSWAP_POOL,
	OPT_ZSWAP_RATIO,
	OPT_EXPLAIN,
	OPT_ALLOC,
	OPT_NUMA,
	OPT_NUMA_DISTANCE,
	OPT_MEMPOLICY,
	OPT_NUMA_BALANCE,
	OPT_BUDDY,
	OPT_BUDDYINFO_EVERY,
	OPT_HUGE,
};

#define MEM_LONGOPTS                                                          \
	{ "swap", required_argument, NULL, OPT_SWAP },                        \
	{ "zero-page", no_argument, NULL, OPT_ZERO_PAGE },                    \
	{ "tlb", required_argument, NULL, OPT_TLB },                          \
	{ "device", required_argument, NULL, OPT_DEVICE },                    \
	{ "cost", required_argument, NULL, OPT_COST },                        \
	{ "zswap-pool", required_argument, NULL, OPT_ZSWAP_POOL },            \
	{ "zswap-ratio", required_argument, NULL, OPT_ZSWAP_RATIO },          \
	{ "explain", no_argument, NULL, OPT_EXPLAIN },                        \
	{ "alloc", required_argument, NULL, OPT_ALLOC },                      \
	{ "numa", required_argument, NULL, OPT_NUMA },                        \
	{ "numa-distance", required_argument, NULL, OPT_NUMA_DISTANCE },      \
	{ "mempolicy", required_argument, NULL, OPT_MEMPOLICY },              \
	{ "numa-balance", required_argument, NULL, OPT_NUMA_BALANCE },        \
	{ "buddy", no_argument, NULL, OPT_BUDDY },                            \
	{ "buddyinfo-every", required_argument, NULL, OPT_BUDDYINFO_EVERY },  \
	{ "huge", required_argument, NULL, OPT_HUGE }

/* The lines --help prints for them. */
extern const char mem_options_usage[];

void mem_options_init(struct mem_options *o);
/* Return: 0 if handled, -1 if not a memory option, or an exit code. */
int mem_option(struct mem_options *o, int opt, const char *arg);
/* After parsing: apply the preset, then the overrides; check the node
 * options against the page size.  Return: 0 or an exit code. */
int mem_options_finish(struct mem_options *o, unsigned page_shift);

/* Can policy run under these options?  Window policies count every
 * reference in their window, and a zero-page read takes no frame: the two
 * do not mix.  A local --alloc restarts a process's policy when its share
 * changes: not for window policies (they size themselves) nor for those
 * that read the future (indexed by the time of the whole trace).
 * Return: 0 or VT_USAGE after a message. */
int mem_options_check(const struct mem_options *o, const struct policy_ops *policy);

/* Outputs list the NUMA cost events only when --numa is on. */
static inline int mem_cost_events(const struct mem_options *o)
{
	return o->nodes.numa ? COST_EVENTS : EV_REMOTE;
}

/* Can the machine have this many frames under these options (the node
 * layer's node sizes)?  Return: 0 or VT_USAGE after a message. */
int mem_options_frames(const struct mem_options *o, uint32_t frames);

#endif
