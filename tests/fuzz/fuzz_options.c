/* fuzz_options.c - libFuzzer harness for the option value parsers: frame
 * ranges (-n 1-64:2, all), sizes with units (--page-size 4KiB), number
 * lists (-n 3,4), policy lists with parameters (-p aging:bits=4), TLB
 * shapes (--tlb 64:4), cost overrides (--cost read=80us) and the node
 * options (--numa 6,2, --numa-distance on 4 nodes, --mempolicy
 * 2=interleave:0,2-3, --huge 0x400000-0x800000).  Each must accept or
 * refuse with VT_USAGE, and what it accepts must be within its bounds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cost.h"
#include "exitcodes.h"
#include "geometry.h"
#include "numa.h"
#include "options.h"
#include "sweep.h"
#include "tlb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The node options on s: what node_config_finish() accepts is a machine
 * the node layer can trust (numa.h). */
static void node_options(const char *s)
{
	static struct node_config c;
	int rc;

	node_config_init(&c);
	if (numa_parse_nodes(&c, s) == 0) {
		if (c.nodes < 1 || c.nodes > NUMA_MAX_NODES || (c.frames_given && c.nodes < 2))
			abort();
		for (uint32_t n = 0; c.frames_given && n < c.nodes; n++)
			if (c.frames[n] < 1)
				abort();
		rc = node_config_finish(&c, 0);
		if (rc != 0 && rc != VT_USAGE)
			abort();
	}
	/* A distance table and a policy for a machine of 4 nodes, 8 frames. */
	node_config_init(&c);
	if (numa_parse_nodes(&c, "4") || numa_parse_distance(&c, s))
		abort();
	rc = node_config_finish(&c, 8);
	if (rc == 0)
		for (uint32_t i = 0; i < 4; i++)
			for (uint32_t j = 0; j < 4; j++)
				if (i == j ? c.distance[i][j] != NUMA_LOCAL_DISTANCE
					   : c.distance[i][j] <= NUMA_LOCAL_DISTANCE ||
						     c.distance[i][j] > NUMA_MAX_DISTANCE)
					abort();
	if (rc != 0 && rc != VT_USAGE)
		abort();
	node_config_init(&c);
	if (numa_parse_nodes(&c, "4"))
		abort();
	if (numa_parse_mempolicy(&c, s) == 0) {
		if (c.nrules != 1)
			abort();
		rc = node_config_finish(&c, 8);
		if (rc == 0 && c.rules[0].pol.mode != MPOL_DEFAULT &&
		    (c.rules[0].pol.nodes == 0 || (c.rules[0].pol.nodes & ~UINT64_C(0xf))))
			abort();
		if (rc != 0 && rc != VT_USAGE)
			abort();
	}
	node_config_init(&c);
	if (numa_parse_huge(&c, s) == 0 && !c.huge_all &&
	    (c.nhuge != 1 || c.huge[0].lo > c.huge[0].hi || c.huge[0].hi > 1023))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct sweep_range range;
	struct policy_choice *pol;
	struct cost_model cm;
	uint32_t entries, ways;
	uint64_t v, *list;
	unsigned shift;
	size_t n;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (sweep_parse_range("-n", s, MAX_FRAMES, true, &range) == 0) {
		if (!range.all && (range.lo < 1 || range.hi < range.lo || range.hi > MAX_FRAMES ||
				   range.step < 1))
			abort();
		if (!range.all && (range.hi - range.lo) / range.step < 4096) {
			uint64_t *xs;
			size_t nx;
			if (sweep_range_values(&range, 8, &xs, &nx) == 0) {
				for (size_t i = 0; i < nx; i++)
					if (xs[i] < range.lo || xs[i] > range.hi)
						abort();
				free(xs);
			}
		}
	}
	if (opt_parse_size("--size", s, &v) == 0 && strchr(s, '-'))
		abort();
	if (opt_parse_page_size(s, &shift) == 0 && (shift < PAGE_SHIFT_MIN || shift > PAGE_SHIFT_MAX))
		abort();
	if (opt_parse_u64_list("-n", s, 1, MAX_FRAMES, &list, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			if (list[i] < 1 || list[i] > MAX_FRAMES)
				abort();
		free(list);
	}
	if (opt_parse_policies(s, &pol, &n) == 0) {
		if (n == 0)
			abort();
		for (size_t i = 0; i < n; i++) {
			const struct policy_param *pp = pol[i].ops->params;
			if (strncmp(pol[i].name, pol[i].ops->name, strlen(pol[i].ops->name)) != 0)
				abort();
			for (size_t j = 0; pp && pp[j].name; j++)
				if (pol[i].param[j] < pp[j].min || pol[i].param[j] > pp[j].max)
					abort();
		}
		free(pol);
	}
	if (tlb_parse(s, &entries, &ways) == 0 &&
	    (ways == 0 || entries % ways || ((entries / ways) & (entries / ways - 1))))
		abort();
	if (cost_preset("ssd", &cm) == 0 && cost_override(s, &cm) == 0)
		for (int p = 0; p < COST_PARAMS; p++)
			if (!(cm.ns[p] >= 0))
				abort();
	node_options(s);
	free(s);
	return 0;
}
