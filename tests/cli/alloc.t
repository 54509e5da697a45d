# alloc.t - --alloc: frames between processes (man page, PROCESSES AND
# COPY-ON-WRITE, Frame allocation), and its errors.

%%TEST alloc: equal shares on the fork demo, by hand
# lru, 6 frames.  1 loads 10, 20, 30; fork: shares 3 and 3, the parent
# holds its 3.  2 reads 10 (a hit, told to 1's policy) and writes 30: a
# copy into a free frame of 2's share.  1 writes 20: a CoW fault at its
# share, and its own LRU page is 20 itself: 2's mapping goes to swap (a
# write-back) and 1 keeps the frame, no copy.  2 execs: shares stay 3
# and 3; 2 loads 40 and 41 into free frames.  1's write to 30 needs no
# copy; 2 exits and 1 reads its three pages: hits.
%%ARGS replay -p lru -n 6 --alloc equal fork-cow.events
%%FILE fork-cow.events
1: 10x 20w 30w
fork 1 2
2: 10x 30w
1: 10x 20w
exec 2
2: 40x 41w
1: 30w
exit 2
1: 10x 20 30
%%STDOUT
trace      fork-cow.events (events, 4.0 KiB pages)
references 13 (2 reads, 6 writes, 5 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru             6           13            5    38.46            1            1

5 distinct pages, 3 page tables

processes, lru, 6 frames: 1 fork, 1 exit, 1 exec, 4 switches
     pid     ppid   references     faults cow-faults   copies  avoided   shared   evicted  resident  state
       1        -            9          3          2        0        2        0         0         3  running
       2        1            4          2          1        1        0        3         1         0  exited
   total                    13          5          3        1        2        3

%%TEST alloc: global is the default, output unchanged
# Global LRU: 2's pages evict 1's pages 1, 2 and 3.
%%ARGS replay -p lru -n 4 --alloc global t.ev
%%FILE t.ev
1: 1 2 3 4
2: 10 11 12
%%STDOUT
trace      t.ev (events, 4.0 KiB pages)
references 7 (7 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru             4            7            7   100.00            3            0

7 distinct pages, 2 page tables

processes, lru, 4 frames: 0 forks, 0 exits, 0 execs, 1 switch
     pid     ppid   references     faults cow-faults   copies  avoided   shared   evicted  resident  state
       1        -            4          4          0        0        0        0         3         1  running
       2        -            3          3          0        0        0        0         0         3  running
   total                     7          7          0        0        0        0

%%TEST alloc: equal, each process evicts its own pages
# 2 appears: shares 2 and 2.  1 holds 4 frames and gives back its two
# LRU pages, 1 and 2.  2 loads 10 and 11 into them, and 12 evicts its
# own 10.
%%ARGS replay -p lru -n 4 --alloc equal t.ev
%%FILE t.ev
1: 1 2 3 4
2: 10 11 12
%%STDOUT
trace      t.ev (events, 4.0 KiB pages)
references 7 (7 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru             4            7            7   100.00            3            0

7 distinct pages, 2 page tables

processes, lru, 4 frames: 0 forks, 0 exits, 0 execs, 1 switch
     pid     ppid   references     faults cow-faults   copies  avoided   shared   evicted  resident  state
       1        -            4          4          0        0        0        0         2         2  running
       2        -            3          3          0        0        0        0         1         2  running
   total                     7          7          0        0        0        0

%%TEST alloc: an unknown allocation
%%ARGS replay -p lru -n 3 --alloc local t.ev
%%FILE t.ev
1: 1
%%EXIT 64
%%STDERR
vmtrace: --alloc: 'local' is not global, equal, proportional or pff[:LOW,HIGH]

%%TEST alloc: not with opt
%%ARGS replay -p opt -n 3 --alloc equal t.ev
%%FILE t.ev
1: 1
%%EXIT 64
%%STDERR
vmtrace: --alloc: opt needs global replacement (it reads the whole trace's future)

%%TEST alloc: not with a window policy
%%ARGS replay -p pff --alloc proportional t.ev
%%FILE t.ev
1: 1
%%EXIT 64
%%STDERR
vmtrace: --alloc: pff needs global replacement (it sizes its own resident set)

%%TEST alloc: sweep refuses it
%%ARGS sweep -p lru -n 1-3 --alloc equal t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: sweep: --alloc is for replay (events traces)

%%TEST alloc: more live processes than frames
%%ARGS replay -p fifo -n 2 --alloc equal t.ev
%%FILE t.ev
1: 1
fork 1 2
fork 1 3
%%EXIT 65
%%STDERR
vmtrace: --alloc equal: 3 processes alive and 2 frames: less than one frame each

%%TEST alloc: pff grows a process that faults often, shrinks one that does not
# 2 appears: shares 3 and 3 (1's faults came while it was alone: no
# change).  2's faults 11 and 12 come 1 of its references after the last,
# below 2: each takes a frame from 1, which evicts its LRU page (1, then
# 2); 1 is down to 1 frame, so 13 takes nothing.  14 comes 9 references
# after 13, above 4: 2 shrinks to 4 frames and evicts its own 10.
%%ARGS replay -p lru -n 6 --alloc pff:2,4 p.ev
%%FILE p.ev
1: 1 2 3
2: 10 11 12 13
2: 10 11 12 13 10 11 12 13 14
%%STDOUT
trace      p.ev (events, 4.0 KiB pages)
references 16 (16 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru             6           16            8    50.00            3            0

8 distinct pages, 2 page tables

processes, lru, 6 frames: 0 forks, 0 exits, 0 execs, 1 switch
     pid     ppid   references     faults cow-faults   copies  avoided   shared   evicted  resident  state
       1        -            3          3          0        0        0        0         2         1  running
       2        -           13          5          0        0        0        0         1         4  running
   total                    16          8          0        0        0        0

%%TEST alloc: pff thresholds out of order
%%ARGS replay -p lru -n 6 --alloc pff:5,2 t.ev
%%FILE t.ev
1: 1
%%EXIT 64
%%STDERR
vmtrace: --alloc pff: '5,2' is not LOW,HIGH with LOW <= HIGH

%%TEST alloc: pff needs both thresholds
%%ARGS replay -p lru -n 6 --alloc pff:3 t.ev
%%FILE t.ev
1: 1
%%EXIT 64
%%STDERR
vmtrace: --alloc pff: '3' is not LOW,HIGH with LOW <= HIGH
