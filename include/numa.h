/* numa.h - physical memory as nodes: NUMA topology, memory policies,
 * balancing, and 4 MiB pages; the options that describe them.
 *
 *   --numa N | F0,F1,...   N nodes sharing the frames equally, or the
 *                          frames of each node (then -n is their sum)
 *   --numa-distance D | M  remote distance for every pair (local is 10,
 *                          ACPI SLIT units), or the whole N x N matrix
 *   --mempolicy [PID=]MODE[:NODES]  default|local, preferred:N, bind:SET,
 *                          interleave:SET (SET: 0,2-3 or all); repeatable
 *   --numa-balance PERIOD  NUMA balancing: mark every resident page each
 *                          PERIOD references; a hinting fault from a remote
 *                          node migrates the page there
 *   --buddy                the buddy allocator over one node, and its report
 *   --buddyinfo-every N    record free blocks per order every N references
 *   --huge all | LO-HI     4 MiB pages (x86 PSE) for these 32-bit virtual
 *                          addresses; repeatable
 * Any of them turns the node layer on (src/machine.c, "Nodes"): each node
 * has a buddy allocator for its frames and its own instance of the
 * replacement policy, as Linux keeps an LRU per node.
 */
#ifndef VMTRACE_NUMA_H
#define VMTRACE_NUMA_H

#include <stdbool.h>
#include <stdint.h>

#include "buddy.h"

#define NUMA_MAX_NODES 64          /* a node set is one 64-bit mask */
#define NUMA_LOCAL_DISTANCE 10     /* ACPI SLIT: a node to itself */
#define NUMA_REMOTE_DEFAULT 20     /* two sockets, one hop: twice local */
#define NUMA_MAX_DISTANCE 254      /* SLIT's largest entry (255: unreachable) */
#define NUMA_MAX_RULES 64
#define NUMA_MAX_HUGE 64

/* Linux's memory policy modes (include/uapi/linux/mempolicy.h). */
enum mpol_mode {
	MPOL_DEFAULT,      /* the node the process runs on, then the nearest */
	MPOL_PREFERRED,    /* one node, then the nearest to it */
	MPOL_BIND,         /* only these nodes, nearest first */
	MPOL_INTERLEAVE,   /* these nodes in turn, page by page */
};

struct mempolicy {
	enum mpol_mode mode;
	uint64_t nodes;            /* PREFERRED: one bit; BIND, INTERLEAVE: the set */
};

/* --mempolicy: pid 0 is every process without a rule of its own. */
struct mempolicy_rule {
	uint32_t pid;
	struct mempolicy pol;
};

/* A 4 MiB-aligned range of the 32-bit virtual space, in page-directory
 * slots (4 MiB each): [lo, hi]. */
struct huge_range {
	uint32_t lo, hi;
};

struct node_config {
	uint32_t nodes;            /* 0: no node layer */
	bool numa;                 /* --numa given (else one node, for --buddy/--huge) */
	uint32_t frames[NUMA_MAX_NODES]; /* each node's frames; all 0: equal shares */
	bool frames_given;
	uint8_t distance[NUMA_MAX_NODES][NUMA_MAX_NODES];
	bool distance_given;       /* else local 10, remote remote_default */
	uint32_t remote_default;
	struct mempolicy_rule rules[NUMA_MAX_RULES];
	uint32_t nrules;
	uint64_t balance_period;   /* 0: no NUMA balancing */
	bool buddy;                /* --buddy */
	uint64_t buddyinfo_every;  /* 0: the report at the end only */
	bool huge_all;
	struct huge_range huge[NUMA_MAX_HUGE];
	uint32_t nhuge;
	/* as given, checked by node_config_finish() */
	const char *distance_arg;
};

void node_config_init(struct node_config *c);

/* --numa ARG, --numa-distance ARG, --mempolicy ARG, --huge ARG.
 * Return: 0 or VT_USAGE after a message. */
int numa_parse_nodes(struct node_config *c, const char *arg);
int numa_parse_distance(struct node_config *c, const char *arg);
int numa_parse_mempolicy(struct node_config *c, const char *arg);
int numa_parse_huge(struct node_config *c, const char *arg);

/* After parsing, knowing the machine's frames (0: not known yet, as for a
 * sweep): the node count, each node's frames, the distance table, the node
 * numbers the rules name.  Return: 0 or VT_USAGE after a message. */
int node_config_finish(struct node_config *c, uint32_t frames);

/* Can a machine of this many frames have these nodes (each node a frame,
 * --huge 1024 frames, --numa F0,F1,... their sum)?  Return: 0 or VT_USAGE
 * after a message. */
int node_config_frames(const struct node_config *c, uint32_t frames);

/* The frames of node n when the machine has frames in all. */
uint32_t node_frames(const struct node_config *c, uint32_t n, uint32_t frames);

/* The policy of process pid: its own rule, else the rule for every
 * process, else MPOL_DEFAULT. */
struct mempolicy node_policy_of(const struct node_config *c, uint32_t pid);

/* The nodes an allocation may use, in the order it tries them: from, then
 * the others of allowed by increasing distance from `from` (ties: lower
 * node number).  Return: how many, written to order[]. */
uint32_t numa_fallback(const struct node_config *c, uint32_t from, uint64_t allowed,
		       uint8_t order[NUMA_MAX_NODES]);

/* "default", "preferred:1", "bind:0-1", "interleave:0,2": for outputs. */
void mempolicy_format(const struct mempolicy *p, char *buf, unsigned len);

/* Per-node counters, named as numastat(8) and /proc/vmstat name them. */
struct node_counters {
	uint32_t frames, base;
	uint64_t numa_hit;         /* allocated here, as the process wanted */
	uint64_t numa_miss;        /* allocated here, wanted elsewhere */
	uint64_t numa_foreign;     /* wanted here, allocated elsewhere */
	uint64_t interleave_hit;   /* interleave wanted here and got it */
	uint64_t local_node;       /* allocated here for a process running here */
	uint64_t other_node;       /* allocated here for a process running elsewhere */
	uint64_t accesses;         /* references served from this node's frames */
	uint64_t remote_accesses;  /* ... by a process running on another node */
	uint32_t free_frames;      /* at the end */
	uint32_t buddyinfo[BUDDY_ORDERS]; /* free blocks per order, at the end */
	int frag_index[BUDDY_ORDERS];     /* buddy_frag_index(), thousandths */
	int unusable_index[BUDDY_ORDERS]; /* buddy_unusable_index(), thousandths */
	uint64_t splits, merges;
};

#endif
