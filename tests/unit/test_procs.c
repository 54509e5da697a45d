/* test_procs.c - processes: copy-on-write fork, exit, exec, shared frames.
 *
 * Every scenario is an events trace small enough to follow by hand; the
 * comment above each walks through it.  Every run ends in
 * machine_release(), which fails if a frame or a swap slot is still
 * referenced, so no test passes with a leaked reference count.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "machine.h"
#include "replay.h"


static struct mem_config mem_default(void)
{
	return (struct mem_config){ .swap_default = true, .zswap_ratio = 3, .zswap_share = 0.2 };
}

/* Replay an events trace; the caller frees run.procs. */
static struct replay_run run_events(const char *policy, const char *text, uint32_t frames,
				    const struct mem_config *mem)
{
	struct trace_options opt = TH_OPT();
	struct trace_reader *r;
	struct replay_run run = { .policy = th_policy(policy), .frames = frames, .mem = mem,
				  .processes = true };

	cr_assert_eq(trace_open_memory(&r, "t", text, strlen(text), "events", &opt), 0);
	cr_assert_eq(replay_trace(r, &run, 1, 0, NULL), 0, "%s on %s", policy, text);
	trace_close(r);
	return run;
}

static const struct proc_counters *proc(const struct replay_run *run, uint32_t pid)
{
	for (size_t i = 0; i < run->nprocs; i++)
		if (run->procs[i].pid == pid)
			return &run->procs[i];
	cr_assert_fail("no process %u in the results", pid);
	return NULL;
}

#define EQ(field, want)                                                                      \
	cr_expect_eq(run.c.field, (uint64_t)(want), #field " = %" PRIu64 ", want %d",         \
		     (uint64_t)run.c.field, want)
#define PEQ(pid, field, want)                                                                \
	cr_expect_eq(proc(&run, pid)->field, (uint64_t)(want),                                \
		     "process %d: " #field " = %" PRIu64 ", want %d", pid,                    \
		     (uint64_t)proc(&run, pid)->field, want)

/* 1 reads page 1, writes 2 (two minor faults), forks 2: both frames are
 * shared.  1 writes page 1: a CoW fault, and 2 still maps the frame, so
 * it is copied into frame 2.  No page fault: the page was resident. */
Test(procs, parent_write_copies_the_shared_page)
{
	struct mem_config mem = mem_default();
	struct replay_run run = run_events("lru", "1: 1 2w\nfork 1 2\n1: 1w\n", 8, &mem);

	EQ(faults, 2);
	EQ(hits, 1);
	EQ(pages_shared, 2);
	EQ(cow_faults, 1);
	EQ(cow_copies, 1);
	EQ(cow_reuses, 0);
	EQ(max_resident, 3);
	PEQ(1, cow_copies, 1);
	PEQ(1, resident, 2);
	PEQ(2, pages_shared, 2);
	PEQ(2, resident, 2);
	PEQ(2, references, 0);
	PEQ(2, ppid, 1);
	free(run.procs);
}

/* The child writes page 2 first: its copy.  Its second write is a plain
 * hit.  Then the parent writes page 2: the frame is its alone now, so R/W
 * comes back without a copy. */
Test(procs, child_write_copies_then_parent_reuses)
{
	struct mem_config mem = mem_default();
	struct replay_run run = run_events("lru", "1: 1 2w\nfork 1 2\n2: 2w 2w\n1: 2w\n", 8, &mem);

	EQ(cow_faults, 2);
	EQ(cow_copies, 1);
	EQ(cow_reuses, 1);
	EQ(faults, 2);
	PEQ(2, cow_copies, 1);
	PEQ(2, references, 2);
	PEQ(1, cow_reuses, 1);
	PEQ(1, references, 3);
	free(run.procs);
}

/* Both write the one shared page: the first writer copies, the second is
 * the last sharer and writes in place.  Two frames in all. */
Test(procs, both_write_one_copy)
{
	struct mem_config mem = mem_default();
	struct replay_run run = run_events("fifo", "1: 1w\nfork 1 2\n1: 1w\n2: 1w\n", 8, &mem);

	EQ(cow_faults, 2);
	EQ(cow_copies, 1);
	EQ(cow_reuses, 1);
	EQ(max_resident, 2);
	EQ(switches, 1);
	free(run.procs);
}

/* 1 forks 2, 2 forks 3: page 1's frame has three sharers.  3 writes: a
 * copy (two left); 2 writes: a copy (one left); 1 writes in place. */
Test(procs, fork_of_a_fork)
{
	struct mem_config mem = mem_default();
	struct replay_run run = run_events(
		"lru", "1: 1w 2w\nfork 1 2\nfork 2 3\n3: 1w\n2: 1w\n1: 1w\n", 8, &mem);

	EQ(forks, 2);
	EQ(pages_shared, 4);
	EQ(cow_copies, 2);
	EQ(cow_reuses, 1);
	EQ(max_resident, 4);
	PEQ(3, ppid, 2);
	PEQ(3, pages_shared, 2);
	PEQ(3, cow_copies, 1);
	PEQ(2, cow_copies, 1);
	PEQ(1, cow_reuses, 1);
	free(run.procs);
}

/* One frame.  1w; 2w evicts dirty page 1 to slot s0 (a write-back).  fork
 * shares page 2's frame and s0 (count 2).  The child reads page 1: the
 * shared frame (dirty) is evicted from both (one swap-out to s1, one
 * write-back), page 1 comes in from s0, read-only, the frame caching s0.
 * The parent reads page 1: found in the swap cache, a minor fault, no I/O.
 * The child writes it: a CoW fault whose copy needs a frame; the policy
 * picks the shared frame itself, so the parent's mapping goes (clean,
 * s0 still valid: dropped) and the child keeps the frame. */
Test(procs, fork_with_swapped_pages)
{
	struct mem_config mem = mem_default();
	struct replay_run run = run_events("lru", "1: 1w 2w\nfork 1 2\n2: 1\n1: 1\n2: 1w\n", 1,
					   &mem);

	EQ(references, 5);
	EQ(faults, 4);
	EQ(minor_faults, 3);
	EQ(major_faults, 1);
	EQ(swap_ins, 1);
	EQ(swap_outs, 2);
	EQ(swap_drops, 1);
	EQ(writebacks, 2);
	EQ(evictions, 3);
	EQ(pages_shared, 2);
	EQ(cow_faults, 1);
	EQ(cow_copies, 0);
	EQ(cow_reuses, 1);
	EQ(swap.device_reads, 1);
	PEQ(1, evicted, 3);
	PEQ(2, evicted, 1);
	PEQ(2, major_faults, 1);
	PEQ(1, minor_faults, 3);
	free(run.procs);
}

/* Two frames, FIFO.  After the fork, page 3 evicts frame 0 (page 1, shared
 * and dirty): one swap-out for both sharers.  The parent's read of page 1
 * swaps it in (evicting shared page 2 the same way); the child's read
 * finds it in the swap cache. */
Test(procs, evicting_a_shared_frame_unmaps_every_sharer)
{
	struct mem_config mem = mem_default();
	struct replay_run run = run_events("fifo", "1: 1w 2w\nfork 1 2\n2: 3\n1: 1\n2: 1\n", 2,
					   &mem);

	EQ(faults, 5);
	EQ(major_faults, 1);
	EQ(minor_faults, 4);
	EQ(evictions, 2);
	EQ(swap_outs, 2);
	EQ(writebacks, 2);
	EQ(swap_ins, 1);
	PEQ(1, evicted, 2);
	PEQ(2, evicted, 2);
	free(run.procs);
}

/* The parent exits while its pages are shared: the child is the last
 * sharer, so its write needs no copy; its frames outlive the parent. */
Test(procs, exit_while_shared)
{
	struct mem_config mem = mem_default();
	struct replay_run run = run_events("clock", "1: 1w 2\nfork 1 2\nexit 1\n2: 1w 2\n", 8,
					   &mem);

	EQ(exits, 1);
	EQ(cow_faults, 1);
	EQ(cow_copies, 0);
	EQ(cow_reuses, 1);
	EQ(faults, 2);
	cr_expect(proc(&run, 1)->exited);
	cr_expect(!proc(&run, 2)->exited);
	PEQ(2, resident, 2);
	free(run.procs);
}

/* exec drops the child's shared mappings: its next write is a fresh page
 * (a minor fault), not a CoW fault. */
Test(procs, exec_releases_the_shared_space)
{
	struct mem_config mem = mem_default();
	struct replay_run run = run_events("lru", "1: 1w 2w\nfork 1 2\nexec 2\n2: 1w\n", 8, &mem);

	EQ(execs, 1);
	EQ(cow_faults, 0);
	EQ(faults, 3);
	EQ(max_resident, 3);
	PEQ(2, resident, 1);
	PEQ(1, resident, 2);
	free(run.procs);
}

/* A read first touch maps the zero page; fork copies that mapping as it
 * is (nothing shared), and each write gets a zeroed frame of its own. */
Test(procs, zero_page_is_never_copied)
{
	struct mem_config mem = mem_default();
	struct replay_run run;

	mem.zero_page = true;
	run = run_events("lru", "1: 1\nfork 1 2\n2: 1w\n1: 1w\n", 8, &mem);
	EQ(pages_shared, 0);
	EQ(zero_maps, 1);
	EQ(faults, 3);
	EQ(minor_faults, 3);
	EQ(cow_faults, 0);
	EQ(cow_copies, 0);
	free(run.procs);
}

/* A process that appears without a fork starts empty; process 1 never
 * ran and is not listed. */
Test(procs, processes_without_fork_start_empty)
{
	struct mem_config mem = mem_default();
	struct replay_run run = run_events("lru", "5: 1 2\n7: 1 2\n5: 1\n", 3, &mem);

	cr_assert_eq(run.nprocs, 2);
	cr_expect_eq(run.procs[0].pid, 5);
	cr_expect_eq(run.procs[1].pid, 7);
	EQ(faults, 5);
	EQ(switches, 3);
	PEQ(5, references, 3);
	PEQ(5, faults, 3);
	PEQ(7, faults, 2);
	free(run.procs);
}

/* A plain seq trace through the same machine: one process, same counts. */
Test(procs, plain_trace_is_process_one)
{
	struct mem_config mem = mem_default();
	struct replay_run run = run_events("fifo", "1 2 3 4 1 2 5 1 2 3 4 5", 3, &mem);

	EQ(faults, 9);
	cr_assert_eq(run.nprocs, 1);
	PEQ(1, faults, 9);
	PEQ(1, references, 12);
	free(run.procs);
}

/* --- --alloc: local shares (machine.c's notes) --- */

static struct mem_config mem_alloc(enum mem_alloc alloc)
{
	struct mem_config mem = mem_default();

	mem.alloc = alloc;
	return mem;
}

/* equal, 4 frames.  1 reads 1..4 (every frame), forks 2: shares 2 and 2,
 * so 1 gives back its two least recently used pages, 1 and 2 (shared:
 * both processes lose them, one swap-out each).  2 reads 5 and 6 into
 * the free frames, then 7: at its share, it evicts its own LRU page, 5.
 * 2 exits: 1 gets all 4 frames and swaps 1 and 2 back in, no eviction. */
Test(alloc, equal_shares_after_fork_and_exit)
{
	struct mem_config mem = mem_alloc(ALLOC_EQUAL);
	struct replay_run run = run_events(
		"lru", "1: 1 2 3 4\nfork 1 2\n2: 5 6 7\nexit 2\n1: 1 2\n", 4, &mem);

	EQ(faults, 9);
	EQ(evictions, 3);
	EQ(swap_outs, 3);
	EQ(swap_ins, 2);
	PEQ(1, share, 4);
	PEQ(1, resident, 4);
	PEQ(1, evicted, 2);
	PEQ(2, share, 0);
	PEQ(2, evicted, 3);
	free(run.procs);
}

/* equal, 4 frames, two processes without a fork: 2 appears, shares 2
 * and 2.  2's third page evicts its own LRU page (10); global LRU would
 * have taken 1's page 1. */
Test(alloc, equal_evicts_the_faulting_process_own_page)
{
	struct mem_config mem = mem_alloc(ALLOC_EQUAL);
	struct replay_run run = run_events("lru", "1: 1 2\n2: 10 11 12\n", 4, &mem);

	EQ(faults, 5);
	EQ(evictions, 1);
	PEQ(1, evicted, 0);
	PEQ(1, resident, 2);
	PEQ(1, share, 2);
	PEQ(2, evicted, 1);
	PEQ(2, resident, 2);
	free(run.procs);

	mem.alloc = ALLOC_GLOBAL;
	run = run_events("lru", "1: 1 2\n2: 10 11 12\n", 4, &mem);
	PEQ(1, evicted, 1);
	free(run.procs);
}

/* equal: three processes and 4 frames: 2, 1, 1, the remainder to the
 * lowest pid. */
Test(alloc, equal_remainder_goes_to_the_lowest_pids)
{
	struct mem_config mem = mem_alloc(ALLOC_EQUAL);
	struct replay_run run = run_events("fifo", "1: 1\nfork 1 3\nfork 1 2\n", 4, &mem);

	PEQ(1, share, 2);
	PEQ(2, share, 1);
	PEQ(3, share, 1);
	free(run.procs);
}

/* proportional, 8 frames.  1 touches 1..6; 2 appears (size 1 at least):
 * 1 + 6*6/7 = 6 and 1 + 6*1/7 = 1, the spare frame to pid 1: 7 and 1.
 * 2 reads 10 and 11: the second evicts the first.  1 reads 1 and forks
 * 3, which inherits size 6; 2 has touched 2: 5 spare frames over sizes
 * 6, 2, 6 give 1+2, 1+0, 1+2, the spare one to pid 1: 4, 1, 3.  1 holds
 * 6 frames: it gives back its LRU pages 2 and 3 (shared with 3). */
Test(alloc, proportional_shares_follow_virtual_size)
{
	struct mem_config mem = mem_alloc(ALLOC_PROPORTIONAL);
	struct replay_run run = run_events(
		"lru", "1: 1 2 3 4 5 6\n2: 10 11\n1: 1\nfork 1 3\n", 8, &mem);

	PEQ(1, share, 4);
	PEQ(2, share, 1);
	PEQ(3, share, 3);
	EQ(evictions, 3);
	PEQ(1, resident, 4);
	PEQ(3, resident, 4);
	PEQ(3, evicted, 2);
	PEQ(2, evicted, 1);
	free(run.procs);
}

/* equal, 4 frames.  1 writes 1 and forks 2: shares 2 and 2, 1 holds the
 * shared frame.  1 writes 1: a copy into a free frame of its share; the
 * old frame is 2's alone now and charged to it.  2 reads 5 (its second
 * frame) and 6: at its share, it evicts its LRU page, 1. */
Test(alloc, copied_frame_is_charged_to_the_other_sharer)
{
	struct mem_config mem = mem_alloc(ALLOC_EQUAL);
	struct replay_run run = run_events("lru", "1: 1w\nfork 1 2\n1: 1w\n2: 5 6\n", 4, &mem);

	EQ(cow_copies, 1);
	EQ(evictions, 1);
	PEQ(1, evicted, 0);
	PEQ(1, resident, 1);
	PEQ(2, evicted, 1);
	PEQ(2, resident, 2);
	free(run.procs);
}

/* The writer's own victim is the shared frame: the child's mapping goes
 * to swap and the writer keeps the frame (as with global replacement). */
Test(alloc, writer_victim_is_the_shared_frame)
{
	struct mem_config mem = mem_alloc(ALLOC_EQUAL);
	struct replay_run run = run_events("lru", "1: 1w 2w\nfork 1 2\n1: 1w\n", 4, &mem);

	EQ(cow_faults, 1);
	EQ(cow_copies, 0);
	EQ(cow_reuses, 1);
	EQ(swap_outs, 1);
	PEQ(2, evicted, 1);
	free(run.procs);
}

/* One process: a local allocation is the global one, frame for frame. */
Test(alloc, one_process_is_global)
{
	static const char *const policies[] = { "lru", "fifo", "clock", "arc", "lirs", "2q",
						"s3fifo", "clockpro", "wsclock", "nru", "random",
						"lfu", "sieve" };
	const char *text = "1: 1 2 3 4w 1 5 2 6 1w 2 3 7 6 3 2 1 2 3 6 4w 8 1 9 2 3\n";

	for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++) {
		struct mem_config g = mem_default(), l = mem_alloc(ALLOC_PROPORTIONAL);
		struct replay_run a = run_events(policies[i], text, 4, &g);
		struct replay_run b = run_events(policies[i], text, 4, &l);
		cr_expect_eq(a.c.faults, b.c.faults, "%s", policies[i]);
		cr_expect_eq(a.c.evictions, b.c.evictions, "%s", policies[i]);
		cr_expect_eq(a.c.writebacks, b.c.writebacks, "%s", policies[i]);
		cr_expect_eq(a.c.swap_outs, b.c.swap_outs, "%s", policies[i]);
		free(a.procs);
		free(b.procs);
	}
}

/* Many forks, exits and execs under a small pool with swap: every run
 * ends in machine_release(), which fails on a leaked frame or slot. */
Test(alloc, nothing_leaks)
{
	static const char *const policies[] = { "lru", "clock", "arc", "wsclock", "fifo" };
	const char *text = "1: 1w 2 3w 4x\nfork 1 2\n2: 1w 5 6w 2\nfork 2 3\n3: 1 2w 7 8\n"
			   "1: 3 4x 9w\nexec 2\n2: 20 21w 22\nexit 3\n1: 1 2 3 4x 5\n"
			   "fork 1 4\n4: 4x 3w 30\nexit 1\n2: 20 1\n";

	for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++) {
		for (enum mem_alloc a = ALLOC_GLOBAL; a <= ALLOC_PFF; a++) {
			struct mem_config mem = mem_alloc(a);
			mem.pff_low = 2;
			mem.pff_high = 3;
			struct replay_run run = run_events(policies[i], text, 5, &mem);
			free(run.procs);
		}
	}
}

/* pff:2,4, 6 frames.  2 appears: shares 3 and 3.  1's faults came while
 * it was alone (no donor, no spare frame: no change).  2's first fault
 * (10) sets its clock; 11 and 12 come 1 reference after the previous
 * fault, below 2: each takes a frame from 1 (the process longest without
 * a fault), which gives back its LRU page (1, then 2); at share 1, 1
 * gives no more, so 13 changes nothing.  2 then hits 10..13 twice, and
 * 14 comes 9 of its references after 13, above 4: its share shrinks to 4
 * and, holding 4, it evicts its own LRU page, 10. */
Test(alloc, pff_grows_and_shrinks_shares)
{
	struct mem_config mem = mem_alloc(ALLOC_PFF);
	struct replay_run run;

	mem.pff_low = 2;
	mem.pff_high = 4;
	run = run_events("lru", "1: 1 2 3\n2: 10 11 12 13\n2: 10 11 12 13 10 11 12 13 14\n", 6,
			 &mem);
	EQ(faults, 8);
	EQ(evictions, 3);
	PEQ(1, share, 1);
	PEQ(1, evicted, 2);
	PEQ(1, resident, 1);
	PEQ(2, share, 4);
	PEQ(2, evicted, 1);
	PEQ(2, resident, 4);
	free(run.procs);
}

/* pff:1,1, 4 frames.  Alone, a process can only shrink (no donor, no
 * spare frame): faults at its references 0, 1 and 5 (d = 1: no change;
 * d = 4 > 1: share 3, one frame spare).  2 appears: equal shares again,
 * 2 and 2, and 1 gives back its least recently used page, 2. */
Test(alloc, pff_shrinks_alone_and_restarts_equal)
{
	struct mem_config mem = mem_alloc(ALLOC_PFF);
	struct replay_run run;

	mem.pff_low = 1;
	mem.pff_high = 1;
	run = run_events("fifo", "1: 1 2 1 2 1 3\n", 4, &mem);
	PEQ(1, share, 3);
	EQ(evictions, 0);
	free(run.procs);
	run = run_events("fifo", "1: 1 2 1 2 1 3\n2: 9\n", 4, &mem);
	PEQ(1, share, 2);
	PEQ(2, share, 2);
	EQ(evictions, 1);
	free(run.procs);
}
