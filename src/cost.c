/* cost.c - device presets, --cost overrides and the time of a run.
 *
 * The figures (nanoseconds) and where they come from; the man page lists
 * the same.  They are orders of magnitude for a textbook effective-access-
 * time calculation, not a model of one machine: override them with --cost.
 *   hit 100 ns       a main-memory reference ("Latency numbers every
 *                    programmer should know", J. Dean / P. Norvig: 100 ns)
 *   walk 200 ns      a TLB miss on two-level paging reads the page-directory
 *                    entry and the PTE: two memory references
 *   minor 1 us       trap, page allocation and zeroing 4 KiB, the order a
 *                    minor fault takes on current x86 Linux
 *   hdd 10 ms        a random 4 KiB transfer is a seek plus half a rotation
 *                    (Dean's table: disk seek 10 ms)
 *   ssd 150 us       Dean's table: read 4 KiB randomly from SSD, 150 us
 *   nvme 20 us       NVMe flash at queue depth 1 reads 4 KiB in a few tens
 *                    of microseconds, low-latency drives in about ten
 *   zswap            the ssd preset behind a compressed pool in RAM:
 *                    storing a page compresses 4 KiB (about 5 us at LZ4's
 *                    ~780 MB/s), loading decompresses it (about 1 us at
 *                    ~5 GB/s; the LZ4 project's published benchmarks);
 *                    3 compressed pages per pool page, a pool of 20% of the
 *                    frames (Linux zswap's max_pool_percent default, 20).
 *   copy 500 ns      a copy-on-write copy of 4 KiB at ~8 GB/s (memcpy within
 *                    DRAM), on top of the fault's own minor cost
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cost.h"
#include "numa.h"
#include "error.h"
#include "exitcodes.h"

static const char *const param_names[COST_PARAMS] = {
	[COST_HIT] = "hit",       [COST_WALK] = "walk",     [COST_MINOR] = "minor",
	[COST_READ] = "read",     [COST_WRITE] = "write",   [COST_ZSTORE] = "zstore",
	[COST_ZLOAD] = "zload",   [COST_COPY] = "copy",
};

static const char *const event_names[COST_EVENTS] = {
	[EV_MEMORY] = "memory",             [EV_TLB_WALKS] = "tlb_walks",
	[EV_MINOR_FAULTS] = "minor_faults", [EV_SWAP_INS] = "swap_ins",
	[EV_FILE_READS] = "file_reads",     [EV_SWAP_OUTS] = "swap_outs",
	[EV_ZSWAP_STORES] = "zswap_stores", [EV_ZSWAP_LOADS] = "zswap_loads",
	[EV_ZSWAP_WRITEBACKS] = "zswap_writebacks", [EV_COW_COPIES] = "cow_copies",
	[EV_REMOTE] = "remote_memory",      [EV_HINT_FAULTS] = "numa_hint_faults",
	[EV_MIGRATIONS] = "numa_migrations",
};

struct preset {
	const char *name;
	double read, write;
	bool zswap;
};

static const struct preset presets[] = {
	{ "hdd", 10e6, 10e6, false },
	{ "ssd", 150e3, 150e3, false },
	{ "nvme", 20e3, 20e3, false },
	{ "zswap", 150e3, 150e3, true },
};

const char *cost_param_name(enum cost_param p)
{
	return param_names[p];
}

const char *cost_event_name(enum cost_event e)
{
	return event_names[e];
}

const char *cost_presets(void)
{
	return "hdd, ssd, nvme, zswap";
}

int cost_preset(const char *device, struct cost_model *out)
{
	for (size_t i = 0; i < sizeof(presets) / sizeof(presets[0]); i++) {
		if (strcmp(presets[i].name, device) != 0)
			continue;
		*out = (struct cost_model){
			.device = presets[i].name,
			.ns = {
				[COST_HIT] = 100,
				[COST_WALK] = 200,
				[COST_MINOR] = 1000,
				[COST_READ] = presets[i].read,
				[COST_WRITE] = presets[i].write,
				[COST_ZSTORE] = 5000,
				[COST_ZLOAD] = 1000,
				[COST_COPY] = 500,
			},
			.zswap = presets[i].zswap,
			.zswap_ratio = 3.0,
			.zswap_pool_share = 0.2,
		};
		return 0;
	}
	return vt_error(VT_USAGE, "--device: unknown device '%s' (%s)", device, cost_presets());
}

int cost_override(const char *arg, struct cost_model *m)
{
	static const struct {
		const char *unit;
		double ns;
	} units[] = { { "ns", 1 }, { "us", 1e3 }, { "ms", 1e6 }, { "s", 1e9 } };
	const char *eq = strchr(arg, '=');
	char *end;
	double v;
	size_t klen;

	if (!eq)
		return vt_error(VT_USAGE, "--cost: '%s' is not NAME=TIME (e.g. read=80us)", arg);
	klen = (size_t)(eq - arg);
	for (int p = 0; p < COST_PARAMS; p++) {
		if (strlen(param_names[p]) != klen || strncmp(param_names[p], arg, klen) != 0)
			continue;
		errno = 0;
		v = strtod(eq + 1, &end);
		if (end == eq + 1 || errno || !(v >= 0) || v > 1e6)
			return vt_error(VT_USAGE, "--cost %.*s: '%s' is not a time (e.g. 80us, 5ms)",
					(int)klen, arg, eq + 1);
		for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
			if (strcmp(end, units[u].unit) == 0) {
				m->ns[p] = v * units[u].ns;
				return 0;
			}
		}
		return vt_error(VT_USAGE, "--cost %.*s: give a unit: ns, us, ms or s ('%s')",
				(int)klen, arg, eq + 1);
	}
	return vt_error(VT_USAGE, "--cost: unknown cost '%.*s' (hit, walk, minor, read, write, "
			"zstore, zload, copy)", (int)klen, arg);
}

void cost_compute(const struct cost_model *m, const struct machine_counters *c,
		  struct cost_breakdown *out)
{
	static const enum cost_param price[COST_EVENTS] = {
		[EV_MEMORY] = COST_HIT,          [EV_TLB_WALKS] = COST_WALK,
		[EV_MINOR_FAULTS] = COST_MINOR,  [EV_SWAP_INS] = COST_READ,
		[EV_FILE_READS] = COST_READ,     [EV_SWAP_OUTS] = COST_WRITE,
		[EV_ZSWAP_STORES] = COST_ZSTORE, [EV_ZSWAP_LOADS] = COST_ZLOAD,
		[EV_ZSWAP_WRITEBACKS] = COST_WRITE, [EV_COW_COPIES] = COST_COPY,
		[EV_REMOTE] = COST_HIT,          [EV_HINT_FAULTS] = COST_MINOR,
		[EV_MIGRATIONS] = COST_COPY,
	};

	*out = (struct cost_breakdown){ 0 };
	out->count[EV_MEMORY] = (double)c->references;
	out->count[EV_TLB_WALKS] = (double)c->tlb_misses;
	out->count[EV_MINOR_FAULTS] = (double)c->minor_faults;
	out->count[EV_SWAP_INS] = (double)c->swap.device_reads;
	out->count[EV_FILE_READS] = (double)c->file_reads;
	out->count[EV_SWAP_OUTS] = (double)c->swap.device_writes;
	out->count[EV_ZSWAP_STORES] = (double)c->swap.zswap_stores;
	out->count[EV_ZSWAP_LOADS] = (double)c->swap.zswap_loads;
	out->count[EV_ZSWAP_WRITEBACKS] = (double)c->swap.zswap_writebacks;
	out->count[EV_COW_COPIES] = (double)c->cow_copies;
	out->count[EV_REMOTE] = (double)c->remote_accesses;
	out->count[EV_HINT_FAULTS] = (double)c->numa_hint_faults;
	out->count[EV_MIGRATIONS] = (double)c->numa_pages_migrated;
	for (int e = 0; e < COST_EVENTS; e++) {
		out->ns[e] = out->count[e] * m->ns[price[e]];
		/* What a reference costs scales with its node distance (SLIT:
		 * 10 local): the local share is in EV_MEMORY, the rest here. */
		if (e == EV_REMOTE)
			out->ns[e] = ((double)c->access_distance / NUMA_LOCAL_DISTANCE -
				      (double)(c->local_accesses + c->remote_accesses)) *
				     m->ns[COST_HIT];
		out->total_ns += out->ns[e];
	}
	out->eat_ns = c->references ? out->total_ns / (double)c->references : 0;
	out->slowdown = c->references && m->ns[COST_HIT] > 0
				? out->total_ns / ((double)c->references * m->ns[COST_HIT])
				: 0;
}
