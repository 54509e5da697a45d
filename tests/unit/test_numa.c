/* test_numa.c - the node layer: NUMA placement under each memory policy,
 * numastat counters, NUMA balancing, the buddy allocator as the frame
 * pool, and 4 MiB pages.
 *
 * Every scenario is small enough to follow by hand; the comment above
 * each walks through it.  Every run ends in machine_release(), which
 * fails if a frame or a slot is still held.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "machine.h"
#include "numa.h"
#include "options.h"
#include "replay.h"

struct numa_run {
	struct node_config nc;
	struct mem_config mem;
	struct replay_run run;
};

static void setup(struct numa_run *r, const char *nodes, const char *const *policies,
		  size_t npolicies)
{
	memset(r, 0, sizeof(*r));
	node_config_init(&r->nc);
	if (nodes)
		cr_assert_eq(numa_parse_nodes(&r->nc, nodes), 0);
	for (size_t i = 0; i < npolicies; i++)
		cr_assert_eq(numa_parse_mempolicy(&r->nc, policies[i]), 0);
	r->mem = (struct mem_config){ .swap_default = true, .zswap_ratio = 3, .zswap_share = 0.2,
				      .nodes = &r->nc };
}

/* Replay text (an events trace when events, else seq) under r's nodes. */
static void run(struct numa_run *r, const char *policy, const char *text, uint32_t frames,
		bool events)
{
	struct trace_options opt = TH_OPT();
	struct trace_reader *rd;

	cr_assert_eq(node_config_finish(&r->nc, frames), 0);
	r->run = (struct replay_run){ .policy = th_policy(policy), .frames = frames,
				      .mem = &r->mem, .processes = events };
	cr_assert_eq(trace_open_memory(&rd, "t", text, strlen(text), events ? "events" : "seq",
				       &opt), 0);
	cr_assert_eq(replay_trace(rd, &r->run, 1, 0, NULL), 0, "%s on %s", policy, text);
	trace_close(rd);
}

static void done(struct numa_run *r)
{
	replay_runs_release(&r->run, 1);
}

#define EQ(field, want)                                                                      \
	cr_expect_eq(r.run.c.field, (uint64_t)(want), #field " = %" PRIu64 ", want %d",       \
		     (uint64_t)r.run.c.field, want)
#define NEQ(node, field, want)                                                               \
	cr_expect_eq(r.run.nodes[node].field, (uint64_t)(want),                               \
		     "node %d: " #field " = %" PRIu64 ", want %d", node,                      \
		     (uint64_t)r.run.nodes[node].field, want)
#define FREE_BLOCKS(node, ...)                                                               \
	do {                                                                                 \
		uint32_t want_[BUDDY_ORDERS] = { __VA_ARGS__ };                              \
		for (unsigned o_ = 0; o_ < BUDDY_ORDERS; o_++)                               \
			cr_expect_eq(r.run.nodes[node].buddyinfo[o_], want_[o_],              \
				     "node %d order %u: %u free blocks, want %u", node, o_,     \
				     r.run.nodes[node].buddyinfo[o_], want_[o_]);              \
	} while (0)

/* Two nodes of 2 frames, process 1 on node 0, default policy.  Pages 1
 * and 2 fit on node 0; 3 and 4 fall back to node 1 (a miss there, a
 * foreign allocation for node 0); 5 finds every node full and node 0's
 * LRU gives up page 1.  References to 3 and 4 are remote: distance 20. */
Test(numa, default_policy_falls_back_to_the_nearest_node)
{
	struct numa_run r;

	setup(&r, "2", NULL, 0);
	run(&r, "lru", "1 2 3 4 5 3", 4, false);
	EQ(faults, 5);
	EQ(evictions, 1);
	NEQ(0, numa_hit, 3);
	NEQ(0, numa_foreign, 2);
	NEQ(0, local_node, 3);
	NEQ(1, numa_miss, 2);
	NEQ(1, other_node, 2);
	NEQ(1, numa_hit, 0);
	EQ(local_accesses, 3);
	EQ(remote_accesses, 3);
	EQ(access_distance, 3 * 10 + 3 * 20);
	NEQ(1, remote_accesses, 3);
	NEQ(0, free_frames, 0);
	NEQ(1, free_frames, 0);
	done(&r);
}

/* bind:1 from a process on node 0: only node 1's two frames.  Page 3
 * evicts page 1 there although node 0 is empty; node 0 never allocates. */
Test(numa, bind_reclaims_on_the_bound_node_only)
{
	static const char *const pol[] = { "bind:1" };
	struct numa_run r;

	setup(&r, "2", pol, 1);
	run(&r, "lru", "1 2 3 1", 4, false);
	EQ(faults, 4);
	EQ(evictions, 2);
	NEQ(1, numa_hit, 4);
	NEQ(1, other_node, 4);
	NEQ(0, numa_hit, 0);
	NEQ(0, numa_miss, 0);
	NEQ(0, free_frames, 2);
	FREE_BLOCKS(0, 0, 1);
	EQ(remote_accesses, 4);
	done(&r);
}

/* preferred:1: node 1 first (1 frame), then the nearest other node.
 * Page 1 on node 1, pages 2 and 3 miss to node 0, where the process
 * runs: local_node counts them. */
Test(numa, preferred_node_then_fallback)
{
	static const char *const pol[] = { "preferred:1" };
	struct numa_run r;

	setup(&r, "3,1", pol, 1);
	run(&r, "lru", "1 2 3", 4, false);
	NEQ(1, numa_hit, 1);
	NEQ(1, numa_foreign, 2);
	NEQ(1, other_node, 1);
	NEQ(0, numa_miss, 2);
	NEQ(0, local_node, 2);
	EQ(remote_accesses, 1);
	done(&r);
}

/* interleave over nodes 0 (2 frames) and 1 (1 frame): pages go 0, 1, 0;
 * page 4 wants node 1, which is full, and so is node 0: node 1's LRU
 * gives up page 2.  Every allocation landed where interleave wanted. */
Test(numa, interleave_in_turn_and_reclaim_on_the_wanted_node)
{
	static const char *const pol[] = { "interleave:all" };
	struct numa_run r;

	setup(&r, "2,1", pol, 1);
	run(&r, "lru", "1 2 3 4 2", 3, false);
	EQ(faults, 5);
	NEQ(0, interleave_hit, 3);
	NEQ(1, interleave_hit, 2);
	NEQ(0, numa_hit, 3);
	NEQ(1, numa_hit, 2);
	NEQ(0, numa_miss, 0);
	NEQ(1, numa_miss, 0);
	done(&r);
}

/* Per-process rules and the events trace's "node" line: process 2 runs
 * on node 1 (round robin: the second process), binds to node 0 by its
 * own rule, while process 1 keeps the default. */
Test(numa, rules_per_process_and_round_robin_placement)
{
	static const char *const pol[] = { "2=bind:0" };
	struct numa_run r;

	setup(&r, "2", pol, 1);
	run(&r, "lru", "1: 1 2\n2: 5 6\n", 8, true);
	NEQ(0, local_node, 2);
	NEQ(0, other_node, 2);
	NEQ(1, numa_hit, 0);
	cr_expect_eq(r.run.procs[1].node, 1u);
	EQ(remote_accesses, 2);
	done(&r);
}

/* NUMA balancing every 2 references.  Process 1 touches pages 1 and 2 on
 * node 0; the scan after the second reference marks both.  It moves to
 * node 1: its next references take hinting faults from node 1 and each
 * page moves there (node 1 has free frames), so every reference stays
 * local.  The scan after the fourth reference marks the two moved pages;
 * the fifth reference's hinting fault is local.  Node 0's two frames stay
 * with its policy, empty, until it chooses them: not free. */
Test(numa, balancing_migrates_towards_the_user)
{
	struct numa_run r;

	setup(&r, "2", NULL, 0);
	r.nc.balance_period = 2;
	run(&r, "lru", "1: 1 2\nnode 1 1\n1: 1 2 1\n", 4, true);
	EQ(numa_pte_updates, 4);
	EQ(numa_hint_faults, 3);
	EQ(numa_hint_faults_local, 1);
	EQ(numa_pages_migrated, 2);
	EQ(pgmigrate_fail, 0);
	EQ(remote_accesses, 0);
	EQ(local_accesses, 5);
	NEQ(0, free_frames, 0);
	NEQ(1, free_frames, 0);
	done(&r);
}

/* The same with node 1 holding one frame, taken by page 3 first (node 0
 * was full): the hinting faults cannot move anything, and the references
 * stay remote. */
Test(numa, balancing_refused_when_the_node_is_full)
{
	struct numa_run r;

	setup(&r, "2,1", NULL, 0);
	r.nc.balance_period = 3;
	run(&r, "lru", "1: 1 2 3\nnode 1 1\n1: 1 2\n", 3, true);
	/* 1, 2 on node 0; 3 on node 1 (a miss); scan after the third
	 * reference marks all three. */
	EQ(numa_pte_updates, 3);
	EQ(numa_hint_faults, 2);
	EQ(numa_pages_migrated, 0);
	EQ(pgmigrate_fail, 2);
	EQ(remote_accesses, 1 + 2);
	done(&r);
}

/* The fallback order is the distance table's: from node 0 of a 4-node
 * ring (10 / 20 next / 30 across), 0, then 1 and 3, then 2. */
Test(numa, fallback_order_follows_distance)
{
	struct node_config c;
	uint8_t order[NUMA_MAX_NODES];

	node_config_init(&c);
	cr_assert_eq(numa_parse_nodes(&c, "4"), 0);
	cr_assert_eq(numa_parse_distance(&c, "10,20,30,20,20,10,20,30,30,20,10,20,20,30,20,10"), 0);
	cr_assert_eq(node_config_finish(&c, 8), 0);
	cr_assert_eq(numa_fallback(&c, 0, 0xf, order), 4u);
	cr_expect_eq(order[0], 0);
	cr_expect_eq(order[1], 1);
	cr_expect_eq(order[2], 3);
	cr_expect_eq(order[3], 2);
	cr_assert_eq(numa_fallback(&c, 2, 0xa, order), 2u);  /* bind to 1 and 3, from 2 */
	cr_expect_eq(order[0], 1);
	cr_expect_eq(order[1], 3);
}

Test(numa, bad_options_are_usage_errors)
{
	struct node_config c;

	node_config_init(&c);
	cr_expect_eq(numa_parse_nodes(&c, "65"), VT_USAGE);
	cr_expect_eq(numa_parse_mempolicy(&c, "preferred:0,1"), VT_USAGE);
	cr_expect_eq(numa_parse_mempolicy(&c, "bind"), VT_USAGE);
	cr_expect_eq(numa_parse_mempolicy(&c, "local:1"), VT_USAGE);
	cr_expect_eq(numa_parse_mempolicy(&c, "0=default"), VT_USAGE);
	cr_expect_eq(numa_parse_mempolicy(&c, "interleave:3-1"), VT_USAGE);
	cr_expect_eq(numa_parse_huge(&c, "0x1000-0x1000"), VT_USAGE);
	cr_assert_eq(numa_parse_nodes(&c, "2"), 0);
	cr_assert_eq(numa_parse_mempolicy(&c, "bind:2"), 0);
	cr_expect_eq(node_config_finish(&c, 4), VT_USAGE);  /* no node 2 */
	node_config_init(&c);
	cr_assert_eq(numa_parse_nodes(&c, "2"), 0);
	cr_assert_eq(numa_parse_distance(&c, "10,20,20"), 0);
	cr_expect_eq(node_config_finish(&c, 4), VT_USAGE);  /* not 2 x 2 */
	node_config_init(&c);
	cr_assert_eq(numa_parse_nodes(&c, "2"), 0);
	cr_assert_eq(numa_parse_distance(&c, "12,20,20,10"), 0);
	cr_expect_eq(node_config_finish(&c, 4), VT_USAGE);  /* local must be 10 */
	node_config_init(&c);
	cr_assert_eq(numa_parse_nodes(&c, "3,5"), 0);
	cr_expect_eq(node_config_finish(&c, 9), VT_USAGE);  /* the nodes hold 8 */
}

Test(numa, mempolicy_names_round_trip)
{
	struct node_config c;
	char buf[64];

	node_config_init(&c);
	cr_assert_eq(numa_parse_mempolicy(&c, "interleave:0,2-4,7"), 0);
	mempolicy_format(&c.rules[0].pol, buf, sizeof(buf));
	cr_expect_str_eq(buf, "interleave:0,2-4,7");
	cr_assert_eq(numa_parse_mempolicy(&c, "5=preferred:3"), 0);
	mempolicy_format(&c.rules[1].pol, buf, sizeof(buf));
	cr_expect_str_eq(buf, "preferred:3");
	cr_expect_eq(c.rules[1].pid, 5u);
}

/* One node (the buddy allocator alone) changes nothing a policy sees:
 * frames are handed out 0, 1, 2, ... as without it.  Every policy but
 * the window ones, random traces, several frame counts; and with two
 * nodes the numastat sums hold. */
Test(numa, one_node_is_the_plain_machine)
{
	static const char *const policies[] = {
		TH_FRAME_POLICIES,
	};
	uint64_t x = 0x2545f4914f6cdd1du;

	for (int trial = 0; trial < 120; trial++) {
		uint32_t refs[300], *nu = NULL;
		size_t n = 40 + trial % 260;
		uint32_t pages = 2 + (uint32_t)(trial % 29);
		uint32_t frames = 2 + (uint32_t)(trial % 9);
		struct node_config one, two;
		struct mem_config m1 = { .swap_default = true, .zswap_ratio = 3, .nodes = &one };
		struct mem_config m2 = { .swap_default = true, .zswap_ratio = 3, .nodes = &two };

		node_config_init(&one);
		one.buddy = true;
		cr_assert_eq(node_config_finish(&one, frames), 0);
		node_config_init(&two);
		cr_assert_eq(numa_parse_nodes(&two, "2"), 0);
		cr_assert_eq(numa_parse_mempolicy(&two, trial % 3 == 0 ? "interleave:all"
						  : trial % 3 == 1 ? "preferred:1" : "default"), 0);
		two.balance_period = trial % 2 ? 7 : 0;
		cr_assert_eq(node_config_finish(&two, frames), 0);
		for (size_t i = 0; i < n; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			refs[i] = ref_make((uint32_t)(x % pages), (enum ref_kind)((x >> 32) % 2));
		}
		cr_assert_eq(next_use_compute(refs, n, 12, &nu), 0);
		for (size_t p = 0; p < ARRAY_LEN(policies); p++) {
			struct policy_choice *pc;
			size_t npc;
			cr_assert_eq(opt_parse_policies(policies[p], &pc, &npc), 0);
			struct replay_run plain = { .policy = pc, .frames = frames };
			struct replay_run b = plain, t = plain;
			uint64_t hit = 0, miss = 0, foreign = 0, local = 0, other = 0;
			b.mem = &m1;
			t.mem = &m2;
			/* OPT cannot forget a frame a page migrated away from
			 * (--numa-balance refuses it). */
			if (two.balance_period && (pc->ops->flags & POLICY_NEEDS_FUTURE))
				t.mem = &m1;
			cr_assert_eq(replay_refs(refs, n, nu, 12, &plain, 1, false), 0);
			cr_assert_eq(replay_refs(refs, n, nu, 12, &b, 1, false), 0);
			cr_assert_eq(replay_refs(refs, n, nu, 12, &t, 1, false), 0, "%s trial %d",
				     policies[p], trial);
			cr_expect_eq(b.c.faults, plain.c.faults, "%s trial %d", policies[p], trial);
			cr_expect_eq(b.c.writebacks, plain.c.writebacks, "%s trial %d", policies[p],
				     trial);
			cr_expect_eq(b.nnodes, 1u);
			for (uint32_t k = 0; k < t.nnodes; k++) {
				hit += t.nodes[k].numa_hit;
				miss += t.nodes[k].numa_miss;
				foreign += t.nodes[k].numa_foreign;
				local += t.nodes[k].local_node;
				other += t.nodes[k].other_node;
			}
			/* Every fault allocates one frame (migrations are not
			 * allocations in numastat's sense). */
			cr_expect_eq(hit + miss, t.c.faults, "%s trial %d", policies[p], trial);
			cr_expect_eq(miss, foreign);
			cr_expect_eq(local + other, hit + miss);
			cr_expect_eq(t.c.local_accesses + t.c.remote_accesses, t.c.references);
			cr_expect_geq(t.c.numa_hint_faults,
				      t.c.numa_pages_migrated + t.c.pgmigrate_fail);
			cr_expect_geq(t.c.numa_hint_faults, t.c.numa_hint_faults_local);
			replay_runs_release(&b, 1);
			replay_runs_release(&t, 1);
			free(pc);
		}
		free(nu);
	}
}

/* 4 MiB pages.  2048 frames: pages 0 and 1 share one 4 MiB page (one
 * fault), page 1024 gets the second.  1536 frames: after the first, 512
 * frames are free, no order-10 block: page 1024 falls back to 4 KiB. */
Test(huge, allocation_and_fallback)
{
	struct numa_run r;

	setup(&r, NULL, NULL, 0);
	cr_assert_eq(numa_parse_huge(&r.nc, "all"), 0);
	run(&r, "lru", "0 1 1024 1025", 2048, false);
	EQ(faults, 2);
	EQ(hits, 2);
	EQ(thp_fault_alloc, 2);
	EQ(thp_fault_fallback, 0);
	EQ(distinct_pages, 4);
	EQ(minor_faults, 2);
	NEQ(0, free_frames, 0);
	done(&r);

	setup(&r, NULL, NULL, 0);
	cr_assert_eq(numa_parse_huge(&r.nc, "all"), 0);
	run(&r, "lru", "0 1 1024 1025", 1536, false);
	EQ(faults, 3);
	EQ(thp_fault_alloc, 1);
	EQ(thp_fault_fallback, 1);
	NEQ(0, free_frames, 510);
	/* 1026 .. 1535 free: blocks 1026 (2), 1028 (4), ... 1280 (256). */
	FREE_BLOCKS(0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
	done(&r);
}

/* 1024 frames, all one 4 MiB page after page 0.  Page 1024 falls back and
 * needs a frame: LRU's victim is the 4 MiB page, split and evicted: its
 * two touched pages go to swap (one dirty bit for 4 MiB: written, so two
 * write-backs), the other 1022 were never used.  Page 1024 takes the
 * victim's frame; page 0 comes back as a 4 KiB page, read from swap. */
Test(huge, eviction_splits_the_page)
{
	struct numa_run r;

	setup(&r, NULL, NULL, 0);
	cr_assert_eq(numa_parse_huge(&r.nc, "all"), 0);
	run(&r, "lru", "0 1w 1024 0", 1024, false);
	EQ(faults, 3);
	EQ(thp_fault_alloc, 1);
	EQ(thp_fault_fallback, 1);
	EQ(huge_evictions, 1);
	EQ(thp_split, 1);
	EQ(swap_outs, 2);
	EQ(writebacks, 2);
	EQ(evictions, 2);
	EQ(swap_ins, 1);
	EQ(major_faults, 1);
	EQ(distinct_pages, 3);
	NEQ(0, free_frames, 1022);
	done(&r);
}

/* A 4 MiB page is one TLB entry: 2048 pages in two 4 MiB pages touched
 * round robin hit a 2-entry TLB after the first two misses. */
Test(huge, tlb_reach)
{
	struct numa_run r;
	char text[8192];
	size_t at = 0;

	for (int i = 0; i < 512; i++)
		at += (size_t)snprintf(text + at, sizeof(text) - at, "%d %d ", i, 1024 + i);
	setup(&r, NULL, NULL, 0);
	cr_assert_eq(numa_parse_huge(&r.nc, "all"), 0);
	r.mem.tlb_entries = 2;
	r.mem.tlb_ways = 2;
	run(&r, "lru", text, 2048, false);
	EQ(tlb_misses, 2);
	EQ(tlb_hits, 1022);
	done(&r);
}

/* --huge LO-HI names 4 MiB ranges: only 0x400000-0x7fffff here. */
Test(huge, ranges)
{
	struct numa_run r;

	setup(&r, NULL, NULL, 0);
	cr_assert_eq(numa_parse_huge(&r.nc, "0x400000-0x800000"), 0);
	run(&r, "lru", "0 1 1024 1025", 4096, false);
	EQ(faults, 3);
	EQ(thp_fault_alloc, 1);
	done(&r);
}

/* Balancing moves a page where the memory policy wants it, not always to
 * the node the process runs on: bound to node 1, a process on node 0
 * leaves its pages on node 1 (they are where the policy wants them); with
 * preferred:1 the hinting faults find them in place too.  Interleave wants
 * page P on the set's (P mod 2)-th node. */
Test(numa, balancing_follows_the_memory_policy)
{
	static const char *const bind[] = { "bind:1" };
	static const char *const il[] = { "interleave:all" };
	struct numa_run r;

	setup(&r, "2", bind, 1);
	r.nc.balance_period = 2;
	run(&r, "lru", "1 2 1 2 1 2", 4, false);
	EQ(numa_hint_faults, 4);
	EQ(numa_pages_migrated, 0);
	EQ(pgmigrate_fail, 0);
	EQ(remote_accesses, 6);
	done(&r);

	/* interleave: 1 -> node 0, 2 -> node 1 (in turn, from node 0), which
	 * is also where page numbers put them: 1 is odd, so node 1 is wanted
	 * for page 1 and node 0 for page 2.  Both move, once. */
	setup(&r, "2", il, 1);
	r.nc.balance_period = 2;
	run(&r, "lru", "1 2 1 2 1 2", 4, false);
	EQ(numa_pages_migrated, 2);
	EQ(pgmigrate_fail, 0);
	done(&r);
}
