# events.t - events traces: several processes, copy-on-write fork, errors.

%%TEST events: the bundled fork demo, by hand (see its header)
%%ARGS replay -p lru -n 6 fork-cow.events
%%FILE fork-cow.events
# fork-cow.events - a shell-like parent forks a child; copy-on-write by hand.
#
# vmtrace replay -p lru -n 6,4 traces/fork-cow.events
#
# Process 1 touches its text (fetch, x), data and stack pages, then forks.
# Every resident page becomes shared, read-only in both processes.
# The child writes its stack (page 30): a CoW fault, and the parent still
# maps the frame, so the page is copied.  The parent writes its data
# (page 20): another copy.  The child execs a new program: its shared
# mappings go.  The parent's stack frame is its own since the child's
# copy, so its write there needs no copy.  The new program runs on,
# exits, and the parent reads everything once more.
#
# With lru and 6 frames nothing is evicted: 5 faults (all first touches),
# 3 CoW faults, 2 copies, 1 avoided.  With 4 frames the parent's copy of
# page 20 finds LRU choosing the shared frame itself: the child's mapping
# goes to swap and the parent keeps the frame (2 CoW faults, 1 copy), and
# page 30 is swapped out before the parent writes it: 6 faults.
1: 10x 20w 30w          # text, data, stack
fork 1 2
2: 10x 30w              # child: text (shared), stack (copied)
1: 10x 20w              # parent: data (copied)
exec 2                  # the child's shared pages are released
2: 40x 41w
1: 30w                  # last sharer of the stack: R/W again, no copy
exit 2
1: 10x 20 30
%%STDOUT
trace      fork-cow.events (events, 4.0 KiB pages)
references 13 (2 reads, 6 writes, 5 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru             6           13            5    38.46            0            0

5 distinct pages, 3 page tables

processes, lru, 6 frames: 1 fork, 1 exit, 1 exec, 4 switches
     pid     ppid   references     faults cow-faults   copies  avoided   shared   evicted  resident  state
       1        -            9          3          2        1        1        0         0         3  running
       2        1            4          2          1        1        0        3         0         0  exited
   total                    13          5          3        2        1        3

%%TEST events: auto-detected from a PID: line; CSV rows per process
# 1 reads page 1 and forks 2 (one shared frame); 2 reads page 5x as a
# fetch, dropped by -D.
%%ARGS replay -D -p lru -n 2 -O csv t.ev
%%FILE t.ev
1: 1
fork 1 2
2: 5x
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident,cow_faults,cow_copies,cow_reuses,pages_shared,forks,exits,execs,switches,pid,ppid,exited,evicted,resident
lru,2,,1,1,0,0,1,0,0,0,1,2,1,,,0,0,0,1,1,0,0,1,,,,,
lru,2,,1,,,,1,,,,,,,,,0,0,0,0,,,,,1,,0,0,1
lru,2,,0,,,,0,,,,,,,,,0,0,0,1,,,,,2,1,0,0,1

%%TEST events: JSON has a processes array per result
%%ARGS replay -p fifo -n 2 -O json t.ev
%%FILE t.ev
1: 1w
fork 1 2
2: 1w
%%STDOUT-CONTAINS "processes": [

%%TEST events: a process without fork starts empty; process 1 unlisted
%%ARGS replay -p clock -n 2 t.ev
%%FILE t.ev
5: 1 2
7: 1 2
%%STDOUT-CONTAINS        7        -            2          2          0        0        0        0         0         2  running

%%TEST events: replay refuses opt and ws (the default -p all)
%%ARGS replay -n 3 t.ev
%%FILE t.ev
1: 1 2
%%EXIT 64
%%STDERR
vmtrace: replay: opt cannot replay an events trace (several processes): its next-use follows one address space; choose others with -p, e.g. -p fifo,lru,clock,lfu

%%TEST events: replay refuses --steps
%%ARGS replay -p fifo -n 3 --steps t.ev
%%FILE t.ev
1: 1 2
%%EXIT 64
%%STDERR
vmtrace: replay: --steps shows one address space; it cannot show an events trace

%%TEST events: sweep refuses an events trace
%%ARGS sweep -p lru -n 1-4 t.ev
%%FILE t.ev
1: 1 2
%%EXIT 64
%%STDERR
vmtrace: sweep: t.ev is an events trace (several processes); sweep cannot replay processes: use vmtrace replay -n N

%%TEST events: malformed: fork with one id
%%ARGS replay -p lru -n 2 -t events bad.ev
%%FILE bad.ev
1: 1
fork 1
%%EXIT 65
%%STDERR
vmtrace: bad.ev:2: fork takes two process ids: fork PARENT CHILD: 'fork 1'

%%TEST events: malformed: fork of a live child
%%ARGS replay -p lru -n 2 -t events bad.ev
%%FILE bad.ev
fork 1 1
%%EXIT 65
%%STDERR
vmtrace: bad.ev:1: fork: process 1 already exists: 'fork 1 1'

%%TEST events: malformed: fork by a dead parent
%%ARGS replay -p lru -n 2 -t events bad.ev
%%FILE bad.ev
fork 3 4
%%EXIT 65
%%STDERR
vmtrace: bad.ev:1: fork: no process 3 is alive: 'fork 3 4'

%%TEST events: malformed: exit of an unknown process
%%ARGS replay -p lru -n 2 -t events bad.ev
%%FILE bad.ev
1: 2
exit 7
%%EXIT 65
%%STDERR
vmtrace: bad.ev:2: exit: no process 7 is alive: 'exit 7'

%%TEST events: malformed: exec of pid 0
%%ARGS replay -p lru -n 2 -t events bad.ev
%%FILE bad.ev
exec 0
%%EXIT 65
%%STDERR
vmtrace: bad.ev:1: exec takes one process id from 1 to 4194303: 'exec 0'

%%TEST events: malformed: three ids
%%ARGS replay -p lru -n 2 -t events bad.ev
%%FILE bad.ev
fork 1 2 3
%%EXIT 65
%%STDERR
vmtrace: bad.ev:1: fork takes two process ids: fork PARENT CHILD: 'fork 1 2 3'

%%TEST events: malformed: pid beyond the limit
%%ARGS replay -p lru -n 2 -t events bad.ev
%%FILE bad.ev
switch 4194304
%%EXIT 65
%%STDERR
vmtrace: bad.ev:1: switch takes one process id from 1 to 4194303: 'switch 4194304'

%%TEST events: malformed: bad marker
%%ARGS replay -p lru -n 2 -t events bad.ev
%%FILE bad.ev
1: 3q
%%EXIT 65
%%STDERR
vmtrace: bad.ev:1: not a page number (markers: 3w write, 3r read, 3x instruction fetch): '3q'

%%TEST events: malformed: pages after the running process exited
%%ARGS replay -p lru -n 2 -t events bad.ev
%%FILE bad.ev
1: 2
exit 1
5
%%EXIT 65
%%STDERR
vmtrace: bad.ev:3: pages but no process runs (its exit was the last event): write PID: before them: '5'

%%TEST events: malformed: misspelt event
%%ARGS replay -p lru -n 2 -t events bad.ev
%%FILE bad.ev
1: 2
forkk 1 2
%%EXIT 65
%%STDERR
vmtrace: bad.ev:2: not a page number, PID: or event (fork, exit, exec, switch, node): 'forkk'

%%TEST events: malformed: PID 0 tag
%%ARGS replay -p lru -n 2 -t events bad.ev
%%FILE bad.ev
0: 1
%%EXIT 65
%%STDERR
vmtrace: bad.ev:1: process ids run from 1 to 4194303: '0:'

%%TEST events: exec and exit empty frames; history policies skip them
# Frames emptied by exec (and exit) stay in the policy's lists holding no
# page; s3fifo, 2q, arc, lirs and clockpro must not remember a ghost for
# them (this crashed once).
%%ARGS replay -p s3fifo,2q,arc,lirs,clockpro -n 2 -O csv t.events
%%FILE t.events
1: 1 2
exec 1
1: 3 4 5
1: 1 2 3 4 5 6 7 1 2
fork 1 2
2: 1 3 5w
exit 2
1: 8 9 1
%%STDOUT-CONTAINS clockpro,2,
