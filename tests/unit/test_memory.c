/* test_memory.c - the swap area, zero page, file pages, TLB and cost model.
 *
 * Every scenario is small enough to follow by hand; the comment above each
 * one walks through it.  Page numbers in the strings: "3w" writes page 3,
 * "3x" fetches from it (a text page), plain "3" reads it.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdlib.h>

#include "cost.h"
#include "geometry.h"
#include "helpers.h"
#include "machine.h"
#include "options.h"
#include "replay.h"
#include "swap.h"
#include "tlb.h"

static struct mem_config mem_default(void)
{
	return (struct mem_config){ .swap_default = true, .zswap_ratio = 3, .zswap_share = 0.2 };
}

/* Replay refstr with policy at frames under mem; the run must succeed,
 * which includes machine_release() finding every swap slot freed. */
static struct machine_counters run_mem(const char *policy, const char *refstr, uint32_t frames,
				       const struct mem_config *mem)
{
	uint32_t refs[256];
	size_t n = th_refs(refstr, refs, ARRAY_LEN(refs));
	struct replay_run run = { .policy = th_policy(policy), .frames = frames, .mem = mem };
	uint32_t *nu = NULL;

	if (run.policy->ops->flags & POLICY_NEEDS_FUTURE)
		cr_assert_eq(next_use_compute(refs, n, 12, &nu), 0);
	cr_assert_eq(replay_refs(refs, n, nu, 12, &run, 1, false), 0, "%s on %s", policy, refstr);
	free(nu);
	return run.c;
}

#define EQ(field, want) \
	cr_expect_eq(c.field, (uint64_t)(want), #field " = %" PRIu64 ", want %d", (uint64_t)c.field, want)

/* One frame.  1 minor; 2 minor, 1 evicted clean but never in swap: a
 * swap-out; 1 swapped in (its slot kept), 2 evicted: swap-out; 2 swapped
 * in, 1 evicted clean with its copy still valid: dropped, no I/O. */
Test(memory, clean_eviction_needs_a_slot_once)
{
	struct mem_config m = mem_default();
	struct machine_counters c = run_mem("lru", "1 2 1 2", 1, &m);

	EQ(faults, 4);
	EQ(minor_faults, 2);
	EQ(major_faults, 2);
	EQ(swap_ins, 2);
	EQ(swap_outs, 2);
	EQ(swap_drops, 1);
	EQ(writebacks, 0);
	EQ(swap.max_used, 2);
}

/* 1 written (dirty); 2 evicts it: a write-back and a swap-out; 1 evicts
 * 2 (clean, never swapped): swap-out; 2 evicts 1 (clean, copy valid):
 * dropped. */
Test(memory, dirty_eviction_is_a_writeback_and_a_swap_out)
{
	struct mem_config m = mem_default();
	struct machine_counters c = run_mem("fifo", "1w 2 1 2", 1, &m);

	EQ(writebacks, 1);
	EQ(swap_outs, 2);
	EQ(swap_drops, 1);
	EQ(swap_ins, 2);
}

/* A write after a swap-in makes the swap copy stale: the slot is freed at
 * once and the next eviction writes a new one.  1; 2 (1 out: s0); 1 (2
 * out: s1; 1 in from s0, kept); 1w hit frees s0; 2 (1 dirty out: a new
 * slot; 2 in from s1, kept); 1 (2 clean with copy: dropped; 1 in). */
Test(memory, write_after_swap_in_frees_the_copy)
{
	struct mem_config m = mem_default();
	struct machine_counters c = run_mem("lru", "1 2 1 1w 2 1", 1, &m);

	EQ(faults, 5);
	EQ(hits, 1);
	EQ(swap_outs, 3);
	EQ(swap_drops, 1);
	EQ(writebacks, 1);
	EQ(swap_ins, 3);
	EQ(swap.max_used, 2);
}

/* Text pages come from the file and go back to it for free. */
Test(memory, text_pages_are_dropped_and_read_again)
{
	struct mem_config m = mem_default();
	struct machine_counters c = run_mem("fifo", "1x 2x 1x", 1, &m);

	EQ(file_reads, 3);
	EQ(major_faults, 3);
	EQ(minor_faults, 0);
	EQ(file_drops, 2);
	EQ(swap_outs, 0);
	EQ(swap.max_used, 0);
}

/* A written text page becomes anonymous: 1x from the file; 1w hit; 2
 * evicts 1 (dirty, anonymous now): swap-out; 1 comes back from swap. */
Test(memory, written_text_page_goes_to_swap)
{
	struct mem_config m = mem_default();
	struct machine_counters c = run_mem("fifo", "1x 1w 2 1", 1, &m);

	EQ(file_reads, 1);
	EQ(swap_outs, 2);
	EQ(swap_ins, 1);
	EQ(file_drops, 0);
	EQ(writebacks, 1);
}

/* With the zero page: 1 read maps it (a minor fault, no frame); 1 read
 * hits; 1w faults into a frame (zero fill); 2 read maps the zero page and
 * evicts nothing: one frame is enough. */
Test(memory, zero_page_takes_no_frame_until_written)
{
	struct mem_config m = mem_default();
	struct machine_counters c;

	m.zero_page = true;
	c = run_mem("lru", "1 1 1w 2 2", 1, &m);
	EQ(faults, 3);
	EQ(minor_faults, 3);
	EQ(zero_maps, 2);
	EQ(hits, 2);
	EQ(evictions, 0);
	EQ(max_resident, 1);
}

/* Without --zero-page the same string faults like the textbook. */
Test(memory, no_zero_page_by_default)
{
	struct mem_config m = mem_default();
	struct machine_counters c = run_mem("lru", "1 1 1w 2 2", 1, &m);

	EQ(faults, 2);
	EQ(zero_maps, 0);
	EQ(evictions, 1);
}

/* Swap of one slot, one frame: 2 evicts 1 into the slot; 3 must evict 2,
 * which needs a slot: out of memory at the third reference, counters as
 * they stood. */
Test(memory, swap_full_is_out_of_memory)
{
	struct mem_config m = mem_default();
	struct machine_counters c;

	m.swap_default = false;
	m.swap_slots = 1;
	c = run_mem("fifo", "1 2 3 4", 1, &m);
	cr_expect(c.oom);
	EQ(oom_reference, 2);
	EQ(oom_vpn, 3);
	EQ(references, 2);
	EQ(faults, 2);
	EQ(swap_outs, 1);
}

Test(memory, no_swap_stops_at_the_first_anonymous_victim)
{
	struct mem_config m = mem_default();
	struct machine_counters c;

	m.swap_default = false;
	m.swap_slots = 0;
	c = run_mem("lru", "1x 2x 3 4 5", 1, &m);
	cr_expect(c.oom);
	EQ(oom_reference, 3);  /* text pages went for free; page 3 needs a slot */
	EQ(file_drops, 2);
}

/* A full swap area is no problem while victims keep valid copies: 1; 2
 * (1 out: s0); 1 (2 out: s1, 1 in); 2 (1 clean, copy: dropped); 1 (same). */
Test(memory, full_swap_with_clean_victims_runs_on)
{
	struct mem_config m = mem_default();
	struct machine_counters c;

	m.swap_default = false;
	m.swap_slots = 2;
	c = run_mem("lru", "1 2 1 2 1", 1, &m);
	cr_expect(!c.oom);
	EQ(swap_outs, 2);
	EQ(swap_drops, 2);
	EQ(references, 5);
}

/* A pool of one page at ratio 1 holds one compressed page: 2 stores 1; 3
 * stores 2, writing 1 back to the device; 1 stores 3, writing 2 back, and
 * reads 1 from the device; 3 evicts 1 (clean, copy on the device:
 * dropped) and loads 3 from the pool. */
Test(memory, zswap_pool_writes_back_its_oldest)
{
	struct mem_config m = mem_default();
	struct machine_counters c;

	m.zswap = true;
	m.zswap_pages = 1;
	m.zswap_ratio = 1;
	c = run_mem("fifo", "1 2 3 1 3", 1, &m);
	EQ(swap.zswap_stores, 3);
	EQ(swap.zswap_writebacks, 2);
	EQ(swap.device_reads, 1);
	EQ(swap.zswap_loads, 1);
	EQ(swap.device_writes, 0);
	EQ(swap_drops, 1);
}

/* Fully associative, 2 entries: 1 miss, 2 miss, 1 hit, 3 miss (2 out), 2
 * miss. */
Test(tlb, lru_within_the_set)
{
	struct mem_config m = mem_default();
	struct machine_counters c;

	m.tlb_entries = 2;
	m.tlb_ways = 2;
	c = run_mem("lru", "1 2 1 3 2", 8, &m);
	EQ(tlb_hits, 1);
	EQ(tlb_misses, 4);
	EQ(tlb_shootdowns, 0);
}

/* 4 entries in 2 sets of 2 ways: pages 0, 2, 4 share set 0, so 0 is gone
 * when it comes back; fully associative, it stays. */
Test(tlb, set_conflicts)
{
	struct mem_config m = mem_default();
	struct machine_counters c;

	m.tlb_entries = 4;
	m.tlb_ways = 2;
	c = run_mem("lru", "0 2 4 0", 8, &m);
	EQ(tlb_misses, 4);
	m.tlb_ways = 4;
	c = run_mem("lru", "0 2 4 0", 8, &m);
	EQ(tlb_misses, 3);
	EQ(tlb_hits, 1);
}

/* One frame: every eviction shoots the victim's entry down, so 1 misses
 * again although the TLB had room. */
Test(tlb, eviction_shoots_down)
{
	struct mem_config m = mem_default();
	struct machine_counters c;

	m.tlb_entries = 4;
	m.tlb_ways = 4;
	c = run_mem("fifo", "1 2 1", 1, &m);
	EQ(tlb_misses, 3);
	EQ(tlb_shootdowns, 2);
}

Test(tlb, parse)
{
	uint32_t e, w;

	cr_expect_eq(tlb_parse("64", &e, &w), 0);
	cr_expect(e == 64 && w == 64);
	cr_expect_eq(tlb_parse("64:4", &e, &w), 0);
	cr_expect(e == 64 && w == 4);
	cr_expect_neq(tlb_parse("48:4", &e, &w), 0);  /* 12 sets */
	cr_expect_neq(tlb_parse("64:5", &e, &w), 0);
	cr_expect_neq(tlb_parse("0", &e, &w), 0);
	cr_expect_neq(tlb_parse("64:", &e, &w), 0);
}

Test(swap, entry_round_trip)
{
	static const uint32_t slots[] = { 0, 1, 1023, (1u << 20) - 1, 1u << 20, SWAP_MAX_SLOTS - 1 };

	for (size_t i = 0; i < ARRAY_LEN(slots); i++) {
		uint32_t pte = swap_entry_pte(slots[i]);
		cr_expect_eq(pte & PTE_PRESENT, 0u);
		cr_expect_neq(pte & PTE_SWAP, 0u);
		cr_expect_eq(pte & (PTE_SEEN | PTE_COW | PTE_FILE), 0u, "slot %u", slots[i]);
		cr_expect_eq(swap_entry_slot(pte | PTE_SEEN | PTE_COW | PTE_FILE), slots[i]);
	}
}

Test(swap, counts_and_reuse)
{
	struct swap_config cfg = { .slots = 2 };
	struct swap_area *s;
	uint32_t a, b;

	cr_assert_eq(swap_new(&s, &cfg), 0);
	a = swap_alloc(s);
	b = swap_alloc(s);
	cr_expect_neq(a, b);
	cr_expect_eq(swap_alloc(s), NO_SLOT);
	swap_dup(s, a);          /* shared by two (fork) */
	swap_put(s, a);
	cr_expect_eq(swap_used(s), 2u);
	swap_put(s, a);
	cr_expect_eq(swap_used(s), 1u);
	cr_expect_eq(swap_alloc(s), a);
	swap_put(s, a);
	swap_put(s, b);
	cr_expect_eq(swap_used(s), 0u);
	cr_expect_eq(swap_counters(s)->max_used, 2u);
	swap_free(s);
}

/* hdd: 4 references x 100 ns, 2 minor faults x 1 us, 2 swap-ins and 2
 * swap-outs x 10 ms. */
Test(cost, hand_computed_total)
{
	struct mem_config m = mem_default();
	struct machine_counters c = run_mem("lru", "1 2 1 2", 1, &m);
	struct cost_model cm;
	struct cost_breakdown b;
	double sum = 0;

	cr_assert_eq(cost_preset("hdd", &cm), 0);
	cost_compute(&cm, &c, &b);
	cr_expect_float_eq(b.total_ns, 4 * 100.0 + 2 * 1000.0 + 4 * 10e6, 1e-6);
	cr_expect_float_eq(b.eat_ns, b.total_ns / 4, 1e-6);
	cr_expect_float_eq(b.slowdown, b.total_ns / 400.0, 1e-9);
	for (int e = 0; e < COST_EVENTS; e++)
		sum += b.ns[e];
	cr_expect_float_eq(sum, b.total_ns, 1e-6);
}

Test(cost, overrides)
{
	struct cost_model cm;

	cr_assert_eq(cost_preset("ssd", &cm), 0);
	cr_expect_eq(cost_override("read=80us", &cm), 0);
	cr_expect_float_eq(cm.ns[COST_READ], 80e3, 1e-9);
	cr_expect_eq(cost_override("write=0.5ms", &cm), 0);
	cr_expect_float_eq(cm.ns[COST_WRITE], 5e5, 1e-9);
	cr_expect_eq(cost_override("hit=70ns", &cm), 0);
	cr_expect_float_eq(cm.ns[COST_HIT], 70, 1e-9);
	cr_expect_neq(cost_override("read=80", &cm), 0);
	cr_expect_neq(cost_override("read=fast", &cm), 0);
	cr_expect_neq(cost_override("seek=1ms", &cm), 0);
	cr_expect_neq(cost_override("read", &cm), 0);
	cr_expect_neq(cost_override("read=-1us", &cm), 0);
	cr_expect_neq(cost_preset("floppy", &cm), 0);
}

/* Random traces of reads, writes and fetches, every policy, small swap
 * areas and pools: the memory model never changes which references fault
 * (without the zero page), its counters add up, and every slot is free at
 * the end (replay_refs fails otherwise). */
Test(memory, random_invariants)
{
	static const char *const policies[] = {
		TH_FRAME_POLICIES,
	};
	uint64_t x = 0x9e3779b97f4a7c15u;

	for (int trial = 0; trial < 300; trial++) {
		uint32_t refs[400], *nu = NULL;
		size_t n = 50 + trial % 350;
		uint32_t pages = 2 + (uint32_t)(trial % 23);
		uint32_t frames = 1 + (uint32_t)(trial % 7);
		struct mem_config m = mem_default();

		for (size_t i = 0; i < n; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			refs[i] = ref_make((uint32_t)(x % pages), (enum ref_kind)((x >> 32) % 3));
		}
		m.swap_default = trial % 3 == 0;
		m.swap_slots = (uint32_t)(trial % 11);
		m.zswap = trial % 2 == 0;
		m.zswap_pages = (uint32_t)(trial % 4);
		m.zswap_ratio = 1 + trial % 3;
		m.tlb_entries = trial % 5 ? 4 : 0;
		m.tlb_ways = 2;
		cr_assert_eq(next_use_compute(refs, n, 12, &nu), 0);
		for (size_t p = 0; p < ARRAY_LEN(policies); p++) {
			struct policy_choice *pc;
			size_t npc;
			cr_assert_eq(opt_parse_policies(policies[p], &pc, &npc), 0);
			struct replay_run plain = { .policy = pc, .frames = frames };
			struct replay_run run = plain;
			struct machine_counters c;
			run.mem = &m;
			cr_assert_eq(replay_refs(refs, n, nu, 12, &plain, 1, false), 0);
			cr_assert_eq(replay_refs(refs, n, nu, 12, &run, 1, false), 0,
				     "%s trial %d: slots leaked", policies[p], trial);
			c = run.c;
			if (!c.oom)
				cr_expect_eq(c.faults, plain.c.faults, "%s trial %d", policies[p], trial);
			cr_expect_eq(c.faults, c.minor_faults + c.major_faults);
			cr_expect_eq(c.major_faults, c.swap_ins + c.file_reads);
			cr_expect_eq(c.swap_ins, c.swap.device_reads + c.swap.zswap_loads);
			cr_expect_eq(c.swap_outs + c.swap_cleans, c.swap.device_writes + c.swap.zswap_stores);
			cr_expect_eq(c.evictions, c.swap_outs + c.swap_drops + c.file_drops,
				     "%s trial %d", policies[p], trial);
			cr_expect_eq(c.references, c.hits + c.faults);
			if (m.tlb_entries)
				cr_expect_eq(c.tlb_hits + c.tlb_misses,
					     c.references + (c.oom ? 1 : 0));
			if (!m.swap_default)
				cr_expect_leq(c.swap.max_used, m.swap_slots);
			free(pc);
		}
		free(nu);
	}
}

/* The obvious TLB: each set an array, most recent first; a hit moves the
 * page to the front, a miss pushes the last one out, a shoot-down removes
 * the page and leaves its way empty at the back. */
struct model_tlb {
	uint32_t sets, ways;
	uint32_t tag[64 * 64];
};

static bool model_access(struct model_tlb *m, uint32_t vpn)
{
	uint32_t *set = m->tag + (vpn % m->sets) * m->ways;
	uint32_t i = 0;
	bool hit;

	while (i < m->ways && set[i] != vpn)
		i++;
	hit = i < m->ways;
	if (!hit)
		i = m->ways - 1;
	for (; i > 0; i--)
		set[i] = set[i - 1];
	set[0] = vpn;
	return hit;
}

static void model_shootdown(struct model_tlb *m, uint32_t vpn)
{
	uint32_t *set = m->tag + (vpn % m->sets) * m->ways;

	for (uint32_t i = 0; i < m->ways; i++) {
		if (set[i] != vpn)
			continue;
		for (; i + 1 < m->ways; i++)
			set[i] = set[i + 1];
		set[m->ways - 1] = TLB_EMPTY;
		return;
	}
}

Test(tlb, random_against_a_model)
{
	uint64_t x = 12345;

	for (int trial = 0; trial < 200; trial++) {
		uint32_t sets = 1u << (trial % 4), ways = 1 + (uint32_t)(trial % 9);
		uint32_t pages = 2 + (uint32_t)(trial % 40);
		struct model_tlb m = { .sets = sets, .ways = ways };
		struct tlb *t;

		for (size_t i = 0; i < ARRAY_LEN(m.tag); i++)
			m.tag[i] = TLB_EMPTY;
		cr_assert_eq(tlb_new(&t, sets * ways, ways, 64), 0);
		for (int i = 0; i < 2000; i++) {
			uint32_t vpn;
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			vpn = (uint32_t)(x % pages);
			if ((x >> 40) % 5 == 0) {
				tlb_shootdown(t, vpn);
				model_shootdown(&m, vpn);
			} else {
				bool want = model_access(&m, vpn);
				cr_assert_eq(tlb_access(t, vpn), want, "trial %d step %d: %u sets x %u ways, page %u",
					     trial, i, sets, ways, vpn);
			}
		}
		tlb_free(t);
	}
}
