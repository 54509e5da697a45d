/* memopts.c - parsing the memory-model options (memopts.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "memopts.h"
#include "options.h"
#include "swap.h"
#include "tlb.h"

const char mem_options_usage[] =
	"      --swap SLOTS         swap area in page slots (default: as many as pages;\n"
	"                           0: no swap, an anonymous victim is out of memory)\n"
	"      --zero-page          a read first touch maps the shared zero page\n"
	"      --tlb E[:W]          model a TLB of E entries in W ways (default W = E)\n"
	"      --device NAME        cost preset: hdd, ssd (default), nvme, zswap\n"
	"      --cost NAME=TIME     set one latency: hit, walk, minor, read, write,\n"
	"                           zstore, zload, copy (e.g. read=80us; repeatable)\n"
	"      --zswap-pool PAGES   zswap pool in pages of RAM (default 20% of frames)\n"
	"      --zswap-ratio R      compressed pages a pool page holds (default 3)\n"
	"      --explain            show where the simulated time went\n"
	"      --alloc NAME         frames between processes: global (default: one\n"
	"                           pool), equal, proportional or pff[:LOW,HIGH]\n"
	"                           (local shares; pff: by fault intervals)\n"
	"      --numa N|F0,F1,...   NUMA nodes: N sharing the frames, or each one's frames\n"
	"      --numa-distance D|M  remote distance (default 20; local is 10), or the\n"
	"                           N x N table, row by row\n"
	"      --mempolicy [PID=]MODE  default, preferred:N, bind:NODES, interleave:NODES\n"
	"                           (NODES: 0,2-3 or all; repeatable, per process)\n"
	"      --numa-balance P     NUMA balancing: scan every P references, migrate\n"
	"                           pages towards the node that uses them\n"
	"      --buddy              frames from a buddy allocator; report free blocks\n"
	"      --buddyinfo-every N  record free blocks per order every N references\n"
	"      --huge all|LO-HI     4 MiB pages (x86 PSE) for these virtual addresses,\n"
	"                           falling back to 4 KiB when no 4 MiB block is free\n";

void mem_options_init(struct mem_options *o)
{
	memset(o, 0, sizeof(*o));
	node_config_init(&o->nodes);
	o->mem.swap_default = true;
	o->mem.zswap_ratio = 3.0;
	o->mem.zswap_share = 0.2;
}

/* --alloc pff[:LOW,HIGH]: the inter-fault thresholds, 1 <= LOW <= HIGH. */
static int parse_pff(struct mem_options *o, const char *arg)
{
	uint64_t *v = NULL;
	size_t n = 0;
	int err;

	o->mem.alloc = ALLOC_PFF;
	o->mem.pff_low = ALLOC_PFF_LOW;
	o->mem.pff_high = ALLOC_PFF_HIGH;
	if (!arg)
		return 0;
	if ((err = opt_parse_u64_list("--alloc pff", arg, 1, UINT32_MAX, &v, &n)))
		return err;
	if (n != 2 || v[0] > v[1]) {
		free(v);
		return vt_error(VT_USAGE, "--alloc pff: '%s' is not LOW,HIGH with LOW <= HIGH", arg);
	}
	o->mem.pff_low = (uint32_t)v[0];
	o->mem.pff_high = (uint32_t)v[1];
	free(v);
	return 0;
}

int mem_option(struct mem_options *o, int opt, const char *arg)
{
	uint64_t v;
	int err;

	switch (opt) {
	case OPT_SWAP:
		if ((err = opt_parse_u64("--swap", arg, 0, SWAP_MAX_SLOTS, &v)))
			return err;
		o->mem.swap_slots = (uint32_t)v;
		o->mem.swap_default = false;
		o->memory_on = true;
		return 0;
	case OPT_ZERO_PAGE:
		o->mem.zero_page = true;
		o->memory_on = true;
		return 0;
	case OPT_TLB:
		o->memory_on = true;
		return tlb_parse(arg, &o->mem.tlb_entries, &o->mem.tlb_ways);
	case OPT_DEVICE:
		o->device = arg;
		o->cost_on = true;
		return 0;
	case OPT_COST:
		if (o->ncosts == MEM_MAX_COSTS)
			return vt_error(VT_USAGE, "--cost: at most %d of them", MEM_MAX_COSTS);
		o->costs[o->ncosts++] = arg;
		o->cost_on = true;
		return 0;
	case OPT_ZSWAP_POOL:
		if ((err = opt_parse_u64("--zswap-pool", arg, 1, MAX_FRAMES, &v)))
			return err;
		o->mem.zswap_pages = (uint32_t)v;
		o->mem.zswap = true;
		o->cost_on = true;
		return 0;
	case OPT_ZSWAP_RATIO: {
		char *end;
		double r;
		errno = 0;
		r = strtod(arg, &end);
		if (end == arg || *end || errno || !(r >= 1) || r > 64)
			return vt_error(VT_USAGE, "--zswap-ratio: '%s' is not a ratio from 1 to 64",
					arg);
		o->mem.zswap_ratio = r;
		o->mem.zswap = true;
		o->ratio_given = true;
		o->cost_on = true;
		return 0;
	}
	case OPT_ALLOC:
		if (!strcmp(arg, "global"))
			o->mem.alloc = ALLOC_GLOBAL;
		else if (!strcmp(arg, "equal"))
			o->mem.alloc = ALLOC_EQUAL;
		else if (!strcmp(arg, "proportional"))
			o->mem.alloc = ALLOC_PROPORTIONAL;
		else if (!strncmp(arg, "pff", 3) && (!arg[3] || arg[3] == ':'))
			return parse_pff(o, arg[3] ? arg + 4 : NULL);
		else
			return vt_error(VT_USAGE, "--alloc: '%s' is not global, equal, "
					"proportional or pff[:LOW,HIGH]", arg);
		return 0;
	case OPT_EXPLAIN:
		o->explain = true;
		o->cost_on = true;
		return 0;
	case OPT_NUMA:
		o->memory_on = true;
		return numa_parse_nodes(&o->nodes, arg);
	case OPT_NUMA_DISTANCE:
		return numa_parse_distance(&o->nodes, arg);
	case OPT_MEMPOLICY:
		return numa_parse_mempolicy(&o->nodes, arg);
	case OPT_NUMA_BALANCE:
		return opt_parse_u64("--numa-balance", arg, 1, UINT32_MAX, &o->nodes.balance_period);
	case OPT_BUDDY:
		o->memory_on = true;
		o->nodes.buddy = true;
		return 0;
	case OPT_BUDDYINFO_EVERY:
		o->memory_on = true;
		return opt_parse_u64("--buddyinfo-every", arg, 1, UINT32_MAX,
				     &o->nodes.buddyinfo_every);
	case OPT_HUGE:
		o->memory_on = true;
		return numa_parse_huge(&o->nodes, arg);
	default:
		return -1;
	}
}

int mem_options_check(const struct mem_options *o, const struct policy_ops *policy)
{
	if (o->mem.zero_page && (policy->flags & POLICY_WINDOW))
		return vt_error(VT_USAGE, "--zero-page: not with %s, whose resident set follows every "
				"reference (a zero-page read takes no frame)", policy->name);
	if (o->mem.alloc != ALLOC_GLOBAL &&
	    (policy->flags & (POLICY_WINDOW | POLICY_NEEDS_FUTURE)))
		return vt_error(VT_USAGE, "--alloc: %s needs global replacement (%s)", policy->name,
				(policy->flags & POLICY_WINDOW) ? "it sizes its own resident set"
								 : "it reads the whole trace's future");
	if (o->nodes.nodes && (policy->flags & POLICY_WINDOW))
		return vt_error(VT_USAGE, "%s: not with %s, which sizes its own resident set",
				o->nodes.numa ? "--numa" : o->nodes.huge_all || o->nodes.nhuge ? "--huge"
											: "--buddy",
				policy->name);
	if (o->nodes.balance_period && (policy->flags & POLICY_NEEDS_FUTURE))
		return vt_error(VT_USAGE, "--numa-balance: not with %s, whose next-use order "
				"cannot follow a page to another frame", policy->name);
	if ((o->nodes.huge_all || o->nodes.nhuge) && (policy->flags & POLICY_NEEDS_FUTURE))
		return vt_error(VT_USAGE, "--huge: not with %s, whose next-use times are those of "
				"4 KiB pages", policy->name);
	if ((o->nodes.huge_all || o->nodes.nhuge) && o->mem.zero_page)
		return vt_error(VT_USAGE, "--huge and --zero-page do not mix (no huge zero page)");
	if (o->nodes.nodes && o->mem.alloc != ALLOC_GLOBAL)
		return vt_error(VT_USAGE, "--alloc: local shares do not mix with %s",
				o->nodes.numa ? "--numa" : "the buddy allocator");
	return 0;
}

int mem_options_frames(const struct mem_options *o, uint32_t frames)
{
	return node_config_frames(&o->nodes, frames);
}

int mem_options_finish(struct mem_options *o, unsigned page_shift)
{
	int err;

	if ((o->nodes.huge_all || o->nodes.nhuge) && page_shift != PAGE_SHIFT_DEFAULT)
		return vt_error(VT_USAGE, "--huge: 4 MiB pages are 1024 pages of 4 KiB; not with "
				"--page-size %u", 1u << page_shift);
	if ((err = node_config_finish(&o->nodes, 0)))
		return err;
	if (o->nodes.nodes)
		o->mem.nodes = &o->nodes;
	if (!o->cost_on)
		return 0;
	o->memory_on = true;
	if ((err = cost_preset(o->device ? o->device : "ssd", &o->cost)))
		return err;
	if (o->cost.zswap)
		o->mem.zswap = true;
	if (o->mem.zswap && !o->ratio_given)
		o->mem.zswap_ratio = o->cost.zswap_ratio;
	for (size_t i = 0; i < o->ncosts; i++)
		if ((err = cost_override(o->costs[i], &o->cost)))
			return err;
	return 0;
}
