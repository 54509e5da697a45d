# numa.t - the node layer: NUMA placement, numastat, balancing, the buddy
# allocator and 4 MiB pages, from the command line.  Each case says how its
# numbers come about (tests/unit/test_numa.c walks the same scenarios).

%%TEST numa: default policy, a full node falls back to the nearest, by hand
# Nodes 0 (frames 0-1) and 1 (frames 2-3); process 1 runs on node 0.  Pages
# 1 and 2 fit on node 0 (numa_hit, local_node); 3 and 4 fall back to node 1
# (numa_miss and other_node there, numa_foreign on node 0); 5 finds both
# nodes full and node 0's own LRU gives up page 1 (a swap-out), so 5 is a
# hit on node 0.  References to 3, 4 and 3 are remote: 3 of 6, mean
# distance (3 x 10 + 3 x 20) / 6 = 15.  No node has a free frame: every
# buddyinfo column is 0, and so is every extfrag index (no free block).
%%ARGS replay -p lru -n 4 --numa 2 t.seq
%%FILE t.seq
1 2 3 4 5 3
%%STDOUT
trace      t.seq (seq, 4.0 KiB pages)
references 6 (6 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru             4            6            5    83.33            1            0

5 distinct pages, 1 page table

memory     frames      minor      major   swap-ins  swap-outs swap-drops file-reads
lru             4          5          0          0          1          0          0

numa       frames  remote%    mean-dist   migrated  hint-faults    refused
lru             4    50.00        15.00          0            0          0

lru, 4 frames: numastat
node     frames   numa_hit  numa_miss numa_foreign interleave_hit local_node other_node  remote%
0             2          3          0            2              0          3          0     0.00
1             2          0          2            0              0          0          2   100.00
  buddyinfo (free blocks of 1, 2, 4 ... 1024 frames)
Node 0, zone   Normal      0      0      0      0      0      0      0      0      0      0      0
  extfrag index           0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000
Node 1, zone   Normal      0      0      0      0      0      0      0      0      0      0      0
  extfrag index           0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000

%%TEST numa: bind reclaims on the bound node although another is empty
# bind:1 from a process on node 0: pages 1, 2 take node 1's two frames;
# 3 evicts 1 there, 1 evicts 2: 4 faults, every one numa_hit and
# other_node on node 1; every reference remote.  Node 0 keeps one free
# order-1 block (frames 0-1): extfrag index -1 for orders 0 and 1 (the
# request would succeed), then 1000 - (1000 + 2 x 1000 / 2^k) / 1 for
# order k: -0.500, -0.250, -0.125, -0.062, ... -0.001 (one free block,
# smaller than the request: negative, as Linux's can be).
%%ARGS replay -p lru -n 4 --numa 2 --mempolicy bind:1 t.seq
%%FILE t.seq
1 2 3 1
%%STDOUT
trace      t.seq (seq, 4.0 KiB pages)
references 4 (4 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru             4            4            4   100.00            2            0

3 distinct pages, 1 page table

memory     frames      minor      major   swap-ins  swap-outs swap-drops file-reads
lru             4          3          1          1          2          0          0

numa       frames  remote%    mean-dist   migrated  hint-faults    refused
lru             4   100.00        20.00          0            0          0

lru, 4 frames: numastat
node     frames   numa_hit  numa_miss numa_foreign interleave_hit local_node other_node  remote%
0             2          0          0            0              0          0          0     0.00
1             2          4          0            0              0          0          4   100.00
  buddyinfo (free blocks of 1, 2, 4 ... 1024 frames)
Node 0, zone   Normal      0      1      0      0      0      0      0      0      0      0      0
  extfrag index          -1.000 -1.000 -0.500 -0.250 -0.125 -0.062 -0.031 -0.015 -0.007 -0.003 -0.001
Node 1, zone   Normal      0      0      0      0      0      0      0      0      0      0      0
  extfrag index           0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000

%%TEST numa: preferred node first, then the nearest to it
# No -n: --numa 3,1 gives 4 frames, node 0 = 0-2, node 1 = 3.  Page 1
# takes node 1's only frame (numa_hit, other_node: the process runs on 0);
# 2 and 3 miss to node 0 (numa_miss and local_node there, numa_foreign on
# node 1).  1 remote reference of 3: mean distance 40 / 3 = 13.33.  Node 0
# keeps frame 2 free: one order-0 block, extfrag index
# 1000 - (1000 + 1000 / 2^k) / 1, down to 0 at order 10.
%%ARGS replay -p lru --numa 3,1 --mempolicy preferred:1 t.seq
%%FILE t.seq
1 2 3
%%STDOUT
trace      t.seq (seq, 4.0 KiB pages)
references 3 (3 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru             4            3            3   100.00            0            0

3 distinct pages, 1 page table

memory     frames      minor      major   swap-ins  swap-outs swap-drops file-reads
lru             4          3          0          0          0          0          0

numa       frames  remote%    mean-dist   migrated  hint-faults    refused
lru             4    33.33        13.33          0            0          0

lru, 4 frames: numastat
node     frames   numa_hit  numa_miss numa_foreign interleave_hit local_node other_node  remote%
0             3          0          2            0              0          2          0     0.00
1             1          1          0            2              0          0          1   100.00
  buddyinfo (free blocks of 1, 2, 4 ... 1024 frames)
Node 0, zone   Normal      1      0      0      0      0      0      0      0      0      0      0
  extfrag index          -1.000 -0.500 -0.250 -0.125 -0.062 -0.031 -0.015 -0.007 -0.003 -0.001  0.000
Node 1, zone   Normal      0      0      0      0      0      0      0      0      0      0      0
  extfrag index           0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000

%%TEST numa: interleave in turn, reclaim on the node whose turn it is
# Pages go to nodes 0, 1, 0; page 4's turn is node 1, which is full, as
# is node 0: node 1's LRU gives up page 2.  Page 2 comes back (a swap-in)
# on its turn, node 0, whose LRU gives up page 1.  Every allocation got the
# node interleave wanted: interleave_hit 3 and 2, no miss.  References to
# 2 (the first) and 4 are remote: 2 of 5, mean distance 70 / 5 = 14.
%%ARGS replay -p lru --numa 2,1 --mempolicy interleave:all t.seq
%%FILE t.seq
1 2 3 4 2
%%STDOUT
trace      t.seq (seq, 4.0 KiB pages)
references 5 (5 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru             3            5            5   100.00            2            0

4 distinct pages, 1 page table

memory     frames      minor      major   swap-ins  swap-outs swap-drops file-reads
lru             3          4          1          1          2          0          0

numa       frames  remote%    mean-dist   migrated  hint-faults    refused
lru             3    40.00        14.00          0            0          0

lru, 3 frames: numastat
node     frames   numa_hit  numa_miss numa_foreign interleave_hit local_node other_node  remote%
0             2          3          0            0              3          3          0     0.00
1             1          2          0            0              2          0          2   100.00
  buddyinfo (free blocks of 1, 2, 4 ... 1024 frames)
Node 0, zone   Normal      0      0      0      0      0      0      0      0      0      0      0
  extfrag index           0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000
Node 1, zone   Normal      0      0      0      0      0      0      0      0      0      0      0
  extfrag index           0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000

%%TEST numa: the fallback order follows the distance table
# A ring of 4 nodes of 1 frame (next 20, across 30).  From node 0 the
# fallback order is 0, then 1 and 3 (20; ties by node number), then 2: pages
# 1, 2, 3 land on nodes 0, 1, 3, and node 2 is never used.  access_distance
# 10 + 20 + 20 = 50: mean 16.67.
%%ARGS replay -p lru -n 4 --numa 4 --numa-distance 10,20,30,20,20,10,20,30,30,20,10,20,20,30,20,10 t.seq
%%FILE t.seq
1 2 3
%%STDOUT
trace      t.seq (seq, 4.0 KiB pages)
references 3 (3 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru             4            3            3   100.00            0            0

3 distinct pages, 1 page table

memory     frames      minor      major   swap-ins  swap-outs swap-drops file-reads
lru             4          3          0          0          0          0          0

numa       frames  remote%    mean-dist   migrated  hint-faults    refused
lru             4    66.67        16.67          0            0          0

lru, 4 frames: numastat
node     frames   numa_hit  numa_miss numa_foreign interleave_hit local_node other_node  remote%
0             1          1          0            2              0          1          0     0.00
1             1          0          1            0              0          0          1   100.00
2             1          0          0            0              0          0          0     0.00
3             1          0          1            0              0          0          1   100.00
  buddyinfo (free blocks of 1, 2, 4 ... 1024 frames)
Node 0, zone   Normal      0      0      0      0      0      0      0      0      0      0      0
  extfrag index           0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000
Node 1, zone   Normal      0      0      0      0      0      0      0      0      0      0      0
  extfrag index           0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000
Node 2, zone   Normal      1      0      0      0      0      0      0      0      0      0      0
  extfrag index          -1.000 -0.500 -0.250 -0.125 -0.062 -0.031 -0.015 -0.007 -0.003 -0.001  0.000
Node 3, zone   Normal      0      0      0      0      0      0      0      0      0      0      0
  extfrag index           0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000

%%TEST numa: the bundled two-node trace, by hand (see its header)
%%ARGS replay -p lru -n 8 --numa 2 numa.events
%%FILE numa.events
# numa.events - two processes on a two-node machine; one moves; by hand.
#
# vmtrace replay -p lru -n 8 --numa 2 traces/numa.events
# vmtrace replay -p lru -n 8 --numa 2 --numa-balance 4 traces/numa.events
#
# --numa 2 with 8 frames: node 0 holds frames 0-3, node 1 frames 4-7, at
# distance 10 from themselves and 20 from each other.  Processes are placed
# round robin in order of creation: process 1 on node 0, process 2 (which
# appears at its first tag) on node 1.  Both have the default memory
# policy: a page goes to the node the process runs on while it has a free
# frame.  Nothing is ever evicted.
#
# Without balancing: pages 1, 2, 3 land on node 0 and 11, 12 on node 1,
# each where its process runs (numa_hit, local_node).  Then process 1
# moves to node 1 ("node 1 1", as the scheduler might move it): its next
# six references to pages 1-3 are remote, and page 4, its first touch
# after the move, is allocated on node 1.  22 references, 6 faults, 16
# local and 6 remote: mean distance 280 / 22 = 12.73.
#
# With --numa-balance 4 every resident page not still marked is marked
# after references 4, 8, 12, 16 and 20; the next reference to a marked
# page is a hinting fault.
# The 7 before the move are local.  After it, page 1 (reference 14) and
# page 2 (15) move to node 1's free frames 6 and 7 (numa_pages_migrated 2),
# so those references, and the next hinting faults on them (17, 18), are
# local, as are process 2's last two (21, 22).
# Page 3 had been referenced since its last marking, so reference 16 is
# remote without a hinting fault; at reference 19 it takes one, but node 1
# is full: the migration is refused (pgmigrate_fail 1) and the reference
# is remote.  Page 4 (reference 20) wants node 1, which is full, and falls
# back to node 0's last free frame, 3 (numa_miss on node 0, numa_foreign on
# node 1): remote.  Frames 0 and 1, which pages 1 and 2 left, stay with
# node 0's policy, empty, until it chooses them: not free.  18 pages
# marked, 14 hinting faults (11 local), 3 remote references of 22: mean
# distance 250 / 22 = 11.36.
1: 1 2 3w 1 2 3     # process 1, on node 0
2: 11 12w 11 12     # process 2, on node 1
1: 1 2 3
node 1 1            # process 1 now runs on node 1
1: 1 2 3 1 2 3 4
2: 11 12
%%STDOUT
trace      numa.events (events, 4.0 KiB pages)
references 22 (20 reads, 2 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru             8           22            6    27.27            0            0

6 distinct pages, 2 page tables

memory     frames      minor      major   swap-ins  swap-outs swap-drops file-reads
lru             8          6          0          0          0          0          0

numa       frames  remote%    mean-dist   migrated  hint-faults    refused
lru             8    27.27        12.73          0            0          0

lru, 8 frames: numastat
node     frames   numa_hit  numa_miss numa_foreign interleave_hit local_node other_node  remote%
0             4          3          0            0              0          3          0    40.00
1             4          3          0            0              0          3          0     0.00
  buddyinfo (free blocks of 1, 2, 4 ... 1024 frames)
Node 0, zone   Normal      1      0      0      0      0      0      0      0      0      0      0
  extfrag index          -1.000 -0.500 -0.250 -0.125 -0.062 -0.031 -0.015 -0.007 -0.003 -0.001  0.000
Node 1, zone   Normal      1      0      0      0      0      0      0      0      0      0      0
  extfrag index          -1.000 -0.500 -0.250 -0.125 -0.062 -0.031 -0.015 -0.007 -0.003 -0.001  0.000

processes, lru, 8 frames: 0 forks, 0 exits, 0 execs, 3 switches
     pid     ppid   references     faults cow-faults   copies  avoided   shared   evicted  resident  state
       1        -           16          4          0        0        0        0         0         4  running
       2        -            6          2          0        0        0        0         0         2  running
   total                    22          6          0        0        0        0

%%TEST numa: balancing migrates towards the process, refused on a full node
# traces/numa.events with --numa-balance 4, as its header works out: 18
# pages marked, 14 hinting faults (11 local), 2 migrated, 1 refused;
# 19 local and 3 remote references (access_distance 250).
%%ARGS replay -p lru -n 8 --numa 2 --numa-balance 4 -O csv numa.events
%%FILE numa.events
# numa.events - two processes on a two-node machine; one moves; by hand.
#
# vmtrace replay -p lru -n 8 --numa 2 traces/numa.events
# vmtrace replay -p lru -n 8 --numa 2 --numa-balance 4 traces/numa.events
#
# --numa 2 with 8 frames: node 0 holds frames 0-3, node 1 frames 4-7, at
# distance 10 from themselves and 20 from each other.  Processes are placed
# round robin in order of creation: process 1 on node 0, process 2 (which
# appears at its first tag) on node 1.  Both have the default memory
# policy: a page goes to the node the process runs on while it has a free
# frame.  Nothing is ever evicted.
#
# Without balancing: pages 1, 2, 3 land on node 0 and 11, 12 on node 1,
# each where its process runs (numa_hit, local_node).  Then process 1
# moves to node 1 ("node 1 1", as the scheduler might move it): its next
# six references to pages 1-3 are remote, and page 4, its first touch
# after the move, is allocated on node 1.  22 references, 6 faults, 16
# local and 6 remote: mean distance 280 / 22 = 12.73.
#
# With --numa-balance 4 every resident page not still marked is marked
# after references 4, 8, 12, 16 and 20; the next reference to a marked
# page is a hinting fault.
# The 7 before the move are local.  After it, page 1 (reference 14) and
# page 2 (15) move to node 1's free frames 6 and 7 (numa_pages_migrated 2),
# so those references, and the next hinting faults on them (17, 18), are
# local, as are process 2's last two (21, 22).
# Page 3 had been referenced since its last marking, so reference 16 is
# remote without a hinting fault; at reference 19 it takes one, but node 1
# is full: the migration is refused (pgmigrate_fail 1) and the reference
# is remote.  Page 4 (reference 20) wants node 1, which is full, and falls
# back to node 0's last free frame, 3 (numa_miss on node 0, numa_foreign on
# node 1): remote.  Frames 0 and 1, which pages 1 and 2 left, stay with
# node 0's policy, empty, until it chooses them: not free.  18 pages
# marked, 14 hinting faults (11 local), 3 remote references of 22: mean
# distance 250 / 22 = 11.36.
1: 1 2 3w 1 2 3     # process 1, on node 0
2: 11 12w 11 12     # process 2, on node 1
1: 1 2 3
node 1 1            # process 1 now runs on node 1
1: 1 2 3 1 2 3 4
2: 11 12
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident,minor_faults,major_faults,zero_maps,swap_ins,file_reads,swap_outs,swap_cleans,swap_drops,file_drops,swap_slots_max,device_reads,device_writes,zswap_stores,zswap_loads,zswap_writebacks,local_accesses,remote_accesses,access_distance,numa_pte_updates,numa_hint_faults,numa_hint_faults_local,numa_pages_migrated,pgmigrate_fail,oom_reference,oom_page,cow_faults,cow_copies,cow_reuses,pages_shared,forks,exits,execs,switches,pid,ppid,exited,evicted,resident
lru,8,,22,20,2,0,6,16,0,0,6,2,0.2727272727,,,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,19,3,250,18,14,11,2,1,,,0,0,0,0,0,0,0,3,,,,,
lru,8,,16,,,,4,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,0,0,0,0,,,,,1,,0,0,4
lru,8,,6,,,,2,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,0,0,0,0,,,,,2,,0,0,2

%%TEST numa: hinting faults and migrations in the cost model
# The same run priced: a hinting fault as a minor fault (1 us), a
# migration as a copy (500 ns), a remote reference (distance 20) as one
# more hit (100 ns) on top of its own.
%%ARGS replay -p lru -n 8 --numa 2 --numa-balance 4 --explain numa.events
%%FILE numa.events
# numa.events - two processes on a two-node machine; one moves; by hand.
#
# vmtrace replay -p lru -n 8 --numa 2 traces/numa.events
# vmtrace replay -p lru -n 8 --numa 2 --numa-balance 4 traces/numa.events
#
# --numa 2 with 8 frames: node 0 holds frames 0-3, node 1 frames 4-7, at
# distance 10 from themselves and 20 from each other.  Processes are placed
# round robin in order of creation: process 1 on node 0, process 2 (which
# appears at its first tag) on node 1.  Both have the default memory
# policy: a page goes to the node the process runs on while it has a free
# frame.  Nothing is ever evicted.
#
# Without balancing: pages 1, 2, 3 land on node 0 and 11, 12 on node 1,
# each where its process runs (numa_hit, local_node).  Then process 1
# moves to node 1 ("node 1 1", as the scheduler might move it): its next
# six references to pages 1-3 are remote, and page 4, its first touch
# after the move, is allocated on node 1.  22 references, 6 faults, 16
# local and 6 remote: mean distance 280 / 22 = 12.73.
#
# With --numa-balance 4 every resident page not still marked is marked
# after references 4, 8, 12, 16 and 20; the next reference to a marked
# page is a hinting fault.
# The 7 before the move are local.  After it, page 1 (reference 14) and
# page 2 (15) move to node 1's free frames 6 and 7 (numa_pages_migrated 2),
# so those references, and the next hinting faults on them (17, 18), are
# local, as are process 2's last two (21, 22).
# Page 3 had been referenced since its last marking, so reference 16 is
# remote without a hinting fault; at reference 19 it takes one, but node 1
# is full: the migration is refused (pgmigrate_fail 1) and the reference
# is remote.  Page 4 (reference 20) wants node 1, which is full, and falls
# back to node 0's last free frame, 3 (numa_miss on node 0, numa_foreign on
# node 1): remote.  Frames 0 and 1, which pages 1 and 2 left, stay with
# node 0's policy, empty, until it chooses them: not free.  18 pages
# marked, 14 hinting faults (11 local), 3 remote references of 22: mean
# distance 250 / 22 = 11.36.
1: 1 2 3w 1 2 3     # process 1, on node 0
2: 11 12w 11 12     # process 2, on node 1
1: 1 2 3
node 1 1            # process 1 now runs on node 1
1: 1 2 3 1 2 3 4
2: 11 12
%%STDOUT-CONTAINS   numa_hint_faults            14 x 1 us      =      14 us
%%STDOUT-CONTAINS   numa_migrations              2 x 500 ns    =       1 us
%%STDOUT-CONTAINS   remote_memory                3 x 100 ns    =     300 ns

%%TEST numa: a remote reference costs hit x distance / 10
# The first case's placement with remote distance 30: each of the 3 remote
# references costs 3 hits, 2 of them beyond its own: 3 x 200 ns.
%%ARGS replay -p lru -n 4 --numa 2 --numa-distance 30 --explain t.seq
%%FILE t.seq
1 2 3 4 5 3
%%STDOUT-CONTAINS   remote_memory                3 x 200 ns    =     600 ns

%%TEST numa: per-process rules, round-robin placement
# Process 1 runs on node 0, process 2 (the second created) on node 1.
# Process 2 binds to node 0 by its own rule; process 1 keeps the default.
# All four pages land on node 0: 1 and 2 local, 5 and 6 other_node; the
# two references of process 2 are remote.
%%ARGS replay -p lru -n 8 --numa 2 --mempolicy 2=bind:0 t.events
%%FILE t.events
1: 1 2
2: 5 6
%%STDOUT
trace      t.events (events, 4.0 KiB pages)
references 4 (4 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru             8            4            4   100.00            0            0

4 distinct pages, 2 page tables

memory     frames      minor      major   swap-ins  swap-outs swap-drops file-reads
lru             8          4          0          0          0          0          0

numa       frames  remote%    mean-dist   migrated  hint-faults    refused
lru             8    50.00        15.00          0            0          0

lru, 8 frames: numastat
node     frames   numa_hit  numa_miss numa_foreign interleave_hit local_node other_node  remote%
0             4          4          0            0              0          2          2    50.00
1             4          0          0            0              0          0          0     0.00
  buddyinfo (free blocks of 1, 2, 4 ... 1024 frames)
Node 0, zone   Normal      0      0      0      0      0      0      0      0      0      0      0
  extfrag index           0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000
Node 1, zone   Normal      0      0      1      0      0      0      0      0      0      0      0
  extfrag index          -1.000 -1.000 -1.000 -0.500 -0.250 -0.125 -0.062 -0.031 -0.015 -0.007 -0.003

processes, lru, 8 frames: 0 forks, 0 exits, 0 execs, 1 switch
     pid     ppid   references     faults cow-faults   copies  avoided   shared   evicted  resident  state
       1        -            2          2          0        0        0        0         0         2  running
       2        -            2          2          0        0        0        0         0         2  running
   total                     4          4          0        0        0        0

%%TEST numa: refused migrations leave the references remote
# Pages 1 and 2 on node 0, 3 on node 1 (node 0 is full); the scan after
# the third reference marks all three.  Process 1 moves to node 1, whose one
# frame page 3 holds: the hinting faults on 1 and 2 cannot migrate
# (pgmigrate_fail 2), and the references stay remote: 1 + 2 of 5.  (With
# preferred:0 they would not even try: the pages are where it wants them.)
%%ARGS replay -p lru --numa 2,1 --numa-balance 3 -O csv t.events
%%FILE t.events
1: 1 2 3
node 1 1
1: 1 2
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident,minor_faults,major_faults,zero_maps,swap_ins,file_reads,swap_outs,swap_cleans,swap_drops,file_drops,swap_slots_max,device_reads,device_writes,zswap_stores,zswap_loads,zswap_writebacks,local_accesses,remote_accesses,access_distance,numa_pte_updates,numa_hint_faults,numa_hint_faults_local,numa_pages_migrated,pgmigrate_fail,oom_reference,oom_page,cow_faults,cow_copies,cow_reuses,pages_shared,forks,exits,execs,switches,pid,ppid,exited,evicted,resident
lru,3,,5,5,0,0,3,2,0,0,3,1,0.6,,,3,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,3,80,3,2,0,0,2,,,0,0,0,0,0,0,0,0,,,,,
lru,3,,5,,,,3,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,0,0,0,0,,,,,1,,0,0,3

%%TEST numa: a node line moves the process for its next allocations
# Page 1 on node 0; after "node 1 1" page 2 goes to node 1, where the
# process now runs: both references local (access_distance 20).
%%ARGS replay -p lru -n 4 --numa 2 -O csv t.events
%%FILE t.events
1: 1
node 1 1
1: 2
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident,minor_faults,major_faults,zero_maps,swap_ins,file_reads,swap_outs,swap_cleans,swap_drops,file_drops,swap_slots_max,device_reads,device_writes,zswap_stores,zswap_loads,zswap_writebacks,local_accesses,remote_accesses,access_distance,numa_pte_updates,numa_hint_faults,numa_hint_faults_local,numa_pages_migrated,pgmigrate_fail,oom_reference,oom_page,cow_faults,cow_copies,cow_reuses,pages_shared,forks,exits,execs,switches,pid,ppid,exited,evicted,resident
lru,4,,2,2,0,0,2,0,0,0,2,1,1,,,2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,0,20,0,0,0,0,0,,,0,0,0,0,0,0,0,0,,,,,
lru,4,,2,,,,2,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,0,0,0,0,,,,,1,,0,0,2

%%TEST numa: without the node layer a node line changes nothing
%%ARGS replay -p lru -n 4 -O csv t.events
%%FILE t.events
1: 1
node 1 1
1: 2
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident,cow_faults,cow_copies,cow_reuses,pages_shared,forks,exits,execs,switches,pid,ppid,exited,evicted,resident
lru,4,,2,2,0,0,2,0,0,0,2,1,1,,,0,0,0,0,0,0,0,0,,,,,
lru,4,,2,,,,2,,,,,,,,,0,0,0,0,,,,,1,,0,0,2

%%TEST numa: the buddy allocator alone, buddyinfo and extfrag index
# 5 frames begin as blocks of 4 (frames 0-3) and 1 (frame 4).  Pages 1,
# 2, 3 take frames 0, 1, 2 (lowest first); 4 takes frame 3, leaving
# frame 4: one free order-0 block.  Nothing else changes: FIFO faults as
# without --buddy.
%%ARGS replay -p fifo -n 5 --buddy t.seq
%%FILE t.seq
1 2 3 1w 4
%%STDOUT
trace      t.seq (seq, 4.0 KiB pages)
references 5 (4 reads, 1 write, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
fifo            5            5            4    80.00            0            0

4 distinct pages, 1 page table

memory     frames      minor      major   swap-ins  swap-outs swap-drops file-reads
fifo            5          4          0          0          0          0          0

fifo, 5 frames: buddyinfo (free blocks of 1, 2, 4 ... 1024 frames)
Node 0, zone   Normal      1      0      0      0      0      0      0      0      0      0      0
  extfrag index          -1.000 -0.500 -0.250 -0.125 -0.062 -0.031 -0.015 -0.007 -0.003 -0.001  0.000

%%TEST numa: JSON has each node: numastat, buddyinfo, both indexes, the series
%%ARGS replay -p fifo -n 5 --buddy --buddyinfo-every 2 -O json t.seq
%%FILE t.seq
1 2 3 1w 4
%%STDOUT-CONTAINS "buddyinfo_every": 2,
%%STDOUT-CONTAINS "numa": null,
%%STDOUT-CONTAINS "huge": null
%%STDOUT-CONTAINS "nodes": [
%%STDOUT-CONTAINS "first_frame": 0,
%%STDOUT-CONTAINS "numa_hit": 4,
%%STDOUT-CONTAINS "local_node": 4,
%%STDOUT-CONTAINS "free_frames": 1,
%%STDOUT-CONTAINS "buddyinfo": [
%%STDOUT-CONTAINS "extfrag_index": [
%%STDOUT-CONTAINS "unusable_index": [
%%STDOUT-CONTAINS "splits": 3,
%%STDOUT-CONTAINS "merges": 0
%%STDOUT-CONTAINS "buddyinfo_series": [
%%STDOUT-CONTAINS "free": [

%%TEST numa: JSON options and counters with --numa
%%ARGS replay -p lru -n 8 --numa 2 --mempolicy 2=interleave:all --numa-balance 4 --explain -O json numa.events
%%FILE numa.events
# numa.events - two processes on a two-node machine; one moves; by hand.
#
# vmtrace replay -p lru -n 8 --numa 2 traces/numa.events
# vmtrace replay -p lru -n 8 --numa 2 --numa-balance 4 traces/numa.events
#
# --numa 2 with 8 frames: node 0 holds frames 0-3, node 1 frames 4-7, at
# distance 10 from themselves and 20 from each other.  Processes are placed
# round robin in order of creation: process 1 on node 0, process 2 (which
# appears at its first tag) on node 1.  Both have the default memory
# policy: a page goes to the node the process runs on while it has a free
# frame.  Nothing is ever evicted.
#
# Without balancing: pages 1, 2, 3 land on node 0 and 11, 12 on node 1,
# each where its process runs (numa_hit, local_node).  Then process 1
# moves to node 1 ("node 1 1", as the scheduler might move it): its next
# six references to pages 1-3 are remote, and page 4, its first touch
# after the move, is allocated on node 1.  22 references, 6 faults, 16
# local and 6 remote: mean distance 280 / 22 = 12.73.
#
# With --numa-balance 4 every resident page not still marked is marked
# after references 4, 8, 12, 16 and 20; the next reference to a marked
# page is a hinting fault.
# The 7 before the move are local.  After it, page 1 (reference 14) and
# page 2 (15) move to node 1's free frames 6 and 7 (numa_pages_migrated 2),
# so those references, and the next hinting faults on them (17, 18), are
# local, as are process 2's last two (21, 22).
# Page 3 had been referenced since its last marking, so reference 16 is
# remote without a hinting fault; at reference 19 it takes one, but node 1
# is full: the migration is refused (pgmigrate_fail 1) and the reference
# is remote.  Page 4 (reference 20) wants node 1, which is full, and falls
# back to node 0's last free frame, 3 (numa_miss on node 0, numa_foreign on
# node 1): remote.  Frames 0 and 1, which pages 1 and 2 left, stay with
# node 0's policy, empty, until it chooses them: not free.  18 pages
# marked, 14 hinting faults (11 local), 3 remote references of 22: mean
# distance 250 / 22 = 11.36.
1: 1 2 3w 1 2 3     # process 1, on node 0
2: 11 12w 11 12     # process 2, on node 1
1: 1 2 3
node 1 1            # process 1 now runs on node 1
1: 1 2 3 1 2 3 4
2: 11 12
%%STDOUT-CONTAINS "numa": {
%%STDOUT-CONTAINS "distance": [
%%STDOUT-CONTAINS "mempolicy": [
%%STDOUT-CONTAINS "pid": 2,
%%STDOUT-CONTAINS "policy": "interleave:0-1"
%%STDOUT-CONTAINS "balance_period": 4
%%STDOUT-CONTAINS "local_accesses":
%%STDOUT-CONTAINS "remote_accesses":
%%STDOUT-CONTAINS "access_distance":
%%STDOUT-CONTAINS "numa_pte_updates":
%%STDOUT-CONTAINS "numa_hint_faults":
%%STDOUT-CONTAINS "numa_hint_faults_local":
%%STDOUT-CONTAINS "numa_pages_migrated":
%%STDOUT-CONTAINS "pgmigrate_fail":
%%STDOUT-CONTAINS "numa_foreign":
%%STDOUT-CONTAINS "interleave_hit":
%%STDOUT-CONTAINS "other_node":
%%STDOUT-CONTAINS "remote_memory": {
%%STDOUT-CONTAINS "numa_migrations": {

%%TEST numa: CSV columns with --numa
# The counters of the first case: 3 local, 3 remote, distance 90.
%%ARGS replay -p lru -n 4 --numa 2 -O csv t.seq
%%FILE t.seq
1 2 3 4 5 3
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident,minor_faults,major_faults,zero_maps,swap_ins,file_reads,swap_outs,swap_cleans,swap_drops,file_drops,swap_slots_max,device_reads,device_writes,zswap_stores,zswap_loads,zswap_writebacks,local_accesses,remote_accesses,access_distance,numa_pte_updates,numa_hint_faults,numa_hint_faults_local,numa_pages_migrated,pgmigrate_fail,oom_reference,oom_page
lru,4,,6,6,0,0,5,1,1,0,5,1,0.8333333333,,,5,0,0,0,0,1,0,0,0,1,0,1,0,0,0,3,3,90,0,0,0,0,0,,

%%TEST numa: 4 MiB pages, one fault for each range
# Pages 0 and 1 share one 4 MiB page (an order-10 block, frames
# 0-1023): one fault; page 1024 gets the second (frames 1024-2047); 1025
# hits.  The directory entries map them: no page table.
%%ARGS replay -p lru -n 2048 --huge all t.seq
%%FILE t.seq
0 1 1024 1025
%%STDOUT
trace      t.seq (seq, 4.0 KiB pages)
references 4 (4 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru          2048            4            2    50.00            0            0

4 distinct pages, 0 page tables

memory     frames      minor      major   swap-ins  swap-outs swap-drops file-reads
lru          2048          2          0          0          0          0          0

4M pages   frames  allocated   fallback    evicted      split
lru          2048          2          0          0          0

lru, 2048 frames: buddyinfo (free blocks of 1, 2, 4 ... 1024 frames)
Node 0, zone   Normal      0      0      0      0      0      0      0      0      0      0      0
  extfrag index           0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000  0.000

%%TEST numa: no free order-10 block, 4 KiB pages (thp_fault_fallback)
# After the first 4 MiB page, 512 frames are free (1024-1535): no
# order-10 block, so the second range falls back to 4 KiB pages: 1024 and
# 1025 fault one by one into frames 1024 and 1025.  Free: frames 1026-1535,
# blocks of 2, 4, ... 256 frames (orders 1 to 8).  With F = 510 free frames
# in B = 8 blocks, the extfrag index for order 9 is
# 1000 - (1000 + 510000 / 512) / 8 = 1000 - 1996 / 8 = 751, order 10
# 1000 - (1000 + 498) / 8 = 813: a failure for fragmentation.
%%ARGS replay -p lru -n 1536 --huge all t.seq
%%FILE t.seq
0 1 1024 1025
%%STDOUT
trace      t.seq (seq, 4.0 KiB pages)
references 4 (4 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru          1536            4            3    75.00            0            0

4 distinct pages, 1 page table

memory     frames      minor      major   swap-ins  swap-outs swap-drops file-reads
lru          1536          3          0          0          0          0          0

4M pages   frames  allocated   fallback    evicted      split
lru          1536          1          1          0          0

lru, 1536 frames: buddyinfo (free blocks of 1, 2, 4 ... 1024 frames)
Node 0, zone   Normal      0      1      1      1      1      1      1      1      1      0      0
  extfrag index          -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000  0.751  0.813

%%TEST numa: evicting a 4 MiB page splits it
# One 4 MiB page holds every frame; the write to page 1 sets its one
# dirty bit.  Page 1024 falls back to 4 KiB and needs a frame: LRU's victim
# is the 4 MiB page, split: its two touched pages each go to a swap slot (a
# write-back each, the dirty bit covering all 4 MiB), the other 1022 were
# never used and are dropped; 1024 takes frame 0.  Page 0 comes back as a
# 4 KiB page, read from swap (a major fault) into frame 1.  1022 frames
# free: orders 1 to 9; order 10's extfrag index
# 1000 - (1000 + 1022000 / 1024) / 9 = 1000 - 1998 / 9 = 778.
%%ARGS replay -p lru -n 1024 --huge all t.seq
%%FILE t.seq
0 1w 1024 0
%%STDOUT
trace      t.seq (seq, 4.0 KiB pages)
references 4 (3 reads, 1 write, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru          1024            4            3    75.00            2            2

3 distinct pages, 2 page tables

memory     frames      minor      major   swap-ins  swap-outs swap-drops file-reads
lru          1024          2          1          1          2          0          0

4M pages   frames  allocated   fallback    evicted      split
lru          1024          1          1          1          1

lru, 1024 frames: buddyinfo (free blocks of 1, 2, 4 ... 1024 frames)
Node 0, zone   Normal      0      1      1      1      1      1      1      1      1      1      0
  extfrag index          -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000  0.778

%%TEST numa: a 4 MiB page is one TLB entry
# Pages 0..511 and 1024..1535 in turn (1024 references) touch two 4 MiB
# pages: after the two cold misses a 2-entry TLB hits 1022 times; two
# faults.
%%ARGS replay -p lru -n 2048 --huge all --tlb 2 -O csv -
%%STDIN-SH
awk 'BEGIN { for (i = 0; i < 512; i++) print i, 1024 + i }'
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident,minor_faults,major_faults,zero_maps,swap_ins,file_reads,swap_outs,swap_cleans,swap_drops,file_drops,swap_slots_max,device_reads,device_writes,zswap_stores,zswap_loads,zswap_writebacks,tlb_hits,tlb_misses,tlb_shootdowns,thp_fault_alloc,thp_fault_fallback,thp_split,huge_evictions,oom_reference,oom_page
lru,2048,,1024,1024,0,0,2,1022,0,0,1024,0,0.001953125,,,2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1022,2,0,2,0,0,0,,

%%TEST numa: --huge LO-HI names the 4 MiB ranges it touches
# Only 0x400000-0x7fffff (pages 1024-2047) uses a 4 MiB page: 0 and 1
# fault as 4 KiB pages, 1024 and 1025 share one fault: 3 faults, one
# thp_fault_alloc.
%%ARGS replay -p lru -n 4096 --huge 0x400000-0x800000 -O csv t.seq
%%FILE t.seq
0 1 1024 1025
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident,minor_faults,major_faults,zero_maps,swap_ins,file_reads,swap_outs,swap_cleans,swap_drops,file_drops,swap_slots_max,device_reads,device_writes,zswap_stores,zswap_loads,zswap_writebacks,thp_fault_alloc,thp_fault_fallback,thp_split,huge_evictions,oom_reference,oom_page
lru,4096,,4,4,0,0,3,1,0,0,4,1,0.75,,,3,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,,

%%TEST numa: a range first touched by an instruction fetch stays in 4 KiB pages
# Text is file-backed: the range of the fetches (pages 1 and 2, read from
# the file: major faults) takes 4 KiB pages, and that is not a fallback;
# the load of page 1024 gets a 4 MiB page (a minor fault).
%%ARGS replay -p lru -n 2048 --huge all -O csv t.lackey
%%FILE t.lackey
I  00001000,4
I  00002000,4
 L 00400000,4
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident,minor_faults,major_faults,zero_maps,swap_ins,file_reads,swap_outs,swap_cleans,swap_drops,file_drops,swap_slots_max,device_reads,device_writes,zswap_stores,zswap_loads,zswap_writebacks,thp_fault_alloc,thp_fault_fallback,thp_split,huge_evictions,oom_reference,oom_page
lru,2048,,3,1,0,2,3,0,0,0,3,1,1,,,1,2,0,0,2,0,0,0,0,0,0,0,0,0,0,1,0,0,0,,

%%TEST numa: sweep with --numa N: the nodes share the frames of each point
# At 2 frames each node has one: page 1 on node 0, 2 falls back to node
# 1, 3 evicts 1 on node 0, 1 evicts 3 there (4 faults); at 3 frames node 0
# has 2: 1, 2 there, 3 on node 1 (3 faults).  Either way one reference of
# four is remote: access_distance 50.
%%ARGS sweep -p lru -n 2-3 --numa 2 -O csv t.seq
%%FILE t.seq
1 2 3 1
%%STDOUT-CRLF
policy,method,frames,tau,faults,hits,evictions,writebacks,fault_rate,mean_resident,anomaly,prev_faults,minor_faults,major_faults,zero_maps,swap_ins,file_reads,swap_outs,swap_cleans,swap_drops,file_drops,swap_slots_max,device_reads,device_writes,zswap_stores,zswap_loads,zswap_writebacks,local_accesses,remote_accesses,access_distance,numa_pte_updates,numa_hint_faults,numa_hint_faults_local,numa_pages_migrated,pgmigrate_fail,oom_reference,oom_page
lru,simulated,2,,4,0,2,0,1,,false,,3,1,0,1,0,2,0,0,0,2,1,2,0,0,0,3,1,50,0,0,0,0,0,,
lru,simulated,3,,3,1,0,0,0.75,,false,,3,0,0,0,0,0,0,0,0,0,0,0,0,0,0,3,1,50,0,0,0,0,0,,

%%TEST numa: thrash places the copies round robin on the nodes
# One copy on node 0 (4 frames): pages 5 and 6 fall back to node 1.  6 x
# 100 ns + 6 minor faults x 1 us + 2 remote references x 100 ns more = 6.8 us.
%%ARGS thrash -n 8 -k 1 --numa 2 t.seq
%%FILE t.seq
1 2 3 4 5 6
%%STDOUT
workload   t.seq (seq), 6 references a copy
machine    8 frames, lru, global replacement, quantum 1000, device ssd

copies   references     faults      major writebacks        time_us    refs/us    cpu%
     1            6          6          0          0          6.800      0.882    0.00

%%TEST numa: usage: --numa 0
%%ARGS replay -p lru -n 4 --numa 0 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa: '0': give 1 to 64 nodes, or each node's frames (F0,F1,...)

%%TEST numa: usage: --numa 65 (a node set is 64 bits)
%%ARGS replay -p lru -n 4 --numa 65 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa: '65': give 1 to 64 nodes, or each node's frames (F0,F1,...)

%%TEST numa: usage: --numa not a number
%%ARGS replay -p lru -n 4 --numa two t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa: 'two' is not a whole number

%%TEST numa: usage: --numa with a node of no frames
%%ARGS replay -p lru -n 4 --numa 4,0 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa: node 1 has no frames; each node needs one at least

%%TEST numa: usage: --numa F0,F1 whose sum differs from -n
%%ARGS replay -p lru -n 9 --numa 3,5 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa: the nodes hold 8 frames, -n says 9

%%TEST numa: usage: --numa F0,F1 and one of several -n
%%ARGS replay -p lru -n 4,5 --numa 2,2 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa: the nodes hold 4 frames, -n says 5

%%TEST numa: usage: more nodes than frames
%%ARGS replay -p lru -n 4 --numa 5 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa: 5 nodes need at least 5 frames, not 4

%%TEST numa: usage: --numa-distance without --numa
%%ARGS replay -p lru -n 4 --numa-distance 20 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa-distance needs --numa

%%TEST numa: usage: --numa-distance 10 is local
%%ARGS replay -p lru -n 4 --numa 2 --numa-distance 10 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa-distance: a remote distance is 11 .. 254 (local is 10)

%%TEST numa: usage: --numa-distance 255 is unreachable in SLIT
%%ARGS replay -p lru -n 4 --numa 2 --numa-distance 255 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa-distance: a remote distance is 11 .. 254 (local is 10)

%%TEST numa: usage: --numa-distance table of the wrong size
%%ARGS replay -p lru -n 4 --numa 2 --numa-distance 10,20,20 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa-distance: 3 numbers; a table for 2 nodes has 4

%%TEST numa: usage: --numa-distance table whose diagonal is not 10
%%ARGS replay -p lru -n 4 --numa 2 --numa-distance 12,20,20,10 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa-distance: entry 0,0 is 12; a node to itself is 10, to another 11 .. 254

%%TEST numa: usage: --numa-distance table with a remote entry below 11
%%ARGS replay -p lru -n 4 --numa 2 --numa-distance 10,9,20,10 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa-distance: entry 0,1 is 9; a node to itself is 10, to another 11 .. 254

%%TEST numa: usage: --mempolicy without --numa
%%ARGS replay -p lru -n 4 --mempolicy bind:0 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --mempolicy needs --numa

%%TEST numa: usage: --mempolicy mode unknown
%%ARGS replay -p lru -n 4 --numa 2 --mempolicy firsttouch t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --mempolicy: 'firsttouch' is not default, local, preferred:N, bind:NODES or interleave:NODES

%%TEST numa: usage: --mempolicy bind without nodes
%%ARGS replay -p lru -n 4 --numa 2 --mempolicy bind t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --mempolicy: bind needs nodes, e.g. bind:0-1

%%TEST numa: usage: --mempolicy naming a node the machine lacks
%%ARGS replay -p lru -n 4 --numa 2 --mempolicy bind:2 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --mempolicy bind:2: the machine has nodes 0 .. 1

%%TEST numa: usage: --mempolicy preferred takes one node
%%ARGS replay -p lru -n 4 --numa 2 --mempolicy preferred:0,1 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --mempolicy: preferred takes one node: preferred:N, not 'preferred:0,1'

%%TEST numa: usage: --mempolicy local takes no nodes
%%ARGS replay -p lru -n 4 --numa 2 --mempolicy local:1 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --mempolicy: local takes no nodes

%%TEST numa: usage: --mempolicy process 0
%%ARGS replay -p lru -n 4 --numa 2 --mempolicy 0=default t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --mempolicy: '0' is not a process id

%%TEST numa: usage: --mempolicy a backwards node range
%%ARGS replay -p lru -n 4 --numa 2 --mempolicy interleave:1-0 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --mempolicy: '1-0' is not a node set (all, or nodes like 0,2-3)

%%TEST numa: usage: --numa-balance without --numa
%%ARGS replay -p lru -n 4 --numa-balance 100 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa-balance needs --numa

%%TEST numa: usage: --numa-balance 0
%%ARGS replay -p lru -n 4 --numa 2 --numa-balance 0 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa-balance: 0 is out of range (1 to 4294967295)

%%TEST numa: usage: --numa-balance with opt
# opt with --numa alone is allowed; balancing moves pages between frames.
%%ARGS replay -p lru,opt -n 4 --numa 2 --numa-balance 100 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa-balance: not with opt, whose next-use order cannot follow a page to another frame

%%TEST numa: usage: --numa with ws
%%ARGS replay -p ws --numa 2 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa: not with ws, which sizes its own resident set

%%TEST numa: usage: --numa with -p all, which includes ws
%%ARGS replay -n 4 --numa 2 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa: not with ws, which sizes its own resident set

%%TEST numa: usage: --buddy with pff
%%ARGS replay -p pff -n 4 --buddy t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --buddy: not with pff, which sizes its own resident set

%%TEST numa: usage: --numa with a local --alloc
%%ARGS replay -p lru -n 4 --numa 2 --alloc equal t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --alloc: local shares do not mix with --numa

%%TEST numa: usage: --buddy with a local --alloc
%%ARGS replay -p lru -n 4 --buddy --alloc proportional t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --alloc: local shares do not mix with the buddy allocator

%%TEST numa: usage: --buddyinfo-every 0
%%ARGS replay -p lru -n 4 --buddyinfo-every 0 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --buddyinfo-every: 0 is out of range (1 to 4294967295)

%%TEST numa: usage: --huge not a range
%%ARGS replay -p lru -n 1024 --huge 0x400000 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --huge: '0x400000' is not 'all' or LO-HI, a range of 32-bit virtual addresses with LO < HI <= 0x100000000

%%TEST numa: usage: --huge an empty range
%%ARGS replay -p lru -n 1024 --huge 0x1000-0x1000 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --huge: '0x1000-0x1000' is not 'all' or LO-HI, a range of 32-bit virtual addresses with LO < HI <= 0x100000000

%%TEST numa: usage: --huge beyond 4 GiB
%%ARGS replay -p lru -n 1024 --huge 0-0x100000001 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --huge: '0-0x100000001' is not 'all' or LO-HI, a range of 32-bit virtual addresses with LO < HI <= 0x100000000

%%TEST numa: usage: --huge with opt
%%ARGS replay -p opt -n 1024 --huge all t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --huge: not with opt, whose next-use times are those of 4 KiB pages

%%TEST numa: usage: --huge with --zero-page
%%ARGS replay -p lru -n 1024 --huge all --zero-page t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --huge and --zero-page do not mix (no huge zero page)

%%TEST numa: usage: --huge with --page-size 8192
%%ARGS replay -p lru -n 1024 --huge all --page-size 8192 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --huge: 4 MiB pages are 1024 pages of 4 KiB; not with --page-size 8192

%%TEST numa: usage: --huge with fewer than 1024 frames
%%ARGS replay -p lru -n 1023 --huge all t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --huge: a 4 MiB page needs 1024 frames; -n is 1023

%%TEST numa: usage: --huge with ws
%%ARGS replay -p ws --huge all t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --huge: not with ws, which sizes its own resident set

%%TEST numa: usage: --huge on an events trace with a second process
# One process only: the fork stops the run; nothing is printed.
%%ARGS replay -p lru -n 1024 --huge all t.events
%%EXIT 64
%%FILE t.events
1: 1
fork 1 2
2: 1
%%STDERR
vmtrace: --huge: 4 MiB pages are modelled for one process; this trace has several

%%TEST numa: usage: sweep --numa F0,F1
%%ARGS sweep -p lru -n 2-4 --numa 2,2 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: sweep: the frames vary, so --numa takes a node count (nodes share each point's frames), not each node's frames

%%TEST numa: usage: sweep from fewer frames than nodes
%%ARGS sweep -p lru -n 1-4 --numa 2 t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --numa: 2 nodes need at least 2 frames, not 1

%%TEST numa: usage: sweep --huge from fewer than 1024 frames
%%ARGS sweep -p lru -n 2-3 --huge all t.seq
%%EXIT 64
%%FILE t.seq
1 2 3 1
%%STDERR
vmtrace: --huge: a 4 MiB page needs 1024 frames; -n is 2

%%TEST numa: events: node without its node
%%ARGS replay -p lru -n 4 --numa 2 t.events
%%EXIT 65
%%FILE t.events
1: 1
node 1
1: 2
%%STDERR
vmtrace: t.events:2: node takes a process id and a node: node PID N: 'node 1'

%%TEST numa: events: node beyond 63
%%ARGS replay -p lru -n 4 --numa 2 t.events
%%EXIT 65
%%FILE t.events
1: 1
node 1 64
1: 2
%%STDERR
vmtrace: t.events:2: node: the machine has nodes 0 .. 1: 'node 1 64'

%%TEST numa: events: node of a process not alive
%%ARGS replay -p lru -n 4 --numa 2 t.events
%%EXIT 65
%%FILE t.events
1: 1
node 2 0
1: 2
%%STDERR
vmtrace: t.events:2: node: no process 2 is alive: 'node 2 0'

%%TEST numa: events: node of process 0
%%ARGS replay -p lru -n 4 --numa 2 t.events
%%EXIT 65
%%FILE t.events
1: 1
node 0 1
1: 2
%%STDERR
vmtrace: t.events:2: node: process ids run from 1 to 4194303: 'node 0 1'

%%TEST numa: events: node with a third number
%%ARGS replay -p lru -n 4 --numa 2 t.events
%%EXIT 65
%%FILE t.events
1: 1
node 1 0 5
1: 2
%%STDERR
vmtrace: t.events:2: node takes a process id and a node: node PID N: 'node 1 0 5'

%%TEST numa: events: node with a marker
%%ARGS replay -p lru -n 4 --numa 2 t.events
%%EXIT 65
%%FILE t.events
1: 1
node 1 1w
1: 2
%%STDERR
vmtrace: t.events:2: node takes a process id and a node: node PID N: 'node 1 1w'

%%TEST numa: events: a node the machine does not have
# A valid line, but --numa 2 has nodes 0 and 1 only.
%%ARGS replay -p lru -n 4 --numa 2 t.events
%%EXIT 65
%%FILE t.events
1: 1
node 1 5
1: 2
%%STDERR-CONTAINS t.events:2: node: the machine has nodes 0 .. 1: 'node 1 5'

%%TEST numa: events: --buddy alone is node 0 only
%%ARGS replay -p lru -n 4 --buddy t.events
%%EXIT 65
%%FILE t.events
1: 1
node 1 1
1: 2
%%STDERR-CONTAINS moves process 1 to node 1; the machine has nodes 0 .. 0
