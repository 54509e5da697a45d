# merge-lackey.t - per-process lackey traces into one events trace.

%%TEST merge-lackey: two processes, quantum 2, exactly
# Process 100 (from its banner): a fetch, a load across pages 2-3, a store
# and a modify (writes); process 200 (from its name).  Each turn takes two
# page references; 200 ends first and leaves the rotation.
%%ARGS merge-lackey -q 2 a.lk trace.200
%%FILE a.lk
==100== Lackey, an example Valgrind tool
I  00001000,4
 L 00002ffe,4
 S 00003000,8
 M 00004000,4
%%FILE trace.200
I  00001000,4
 L 00005000,4
 S 00006000,4
%%STDOUT
# vmtrace merge-lackey: 2 processes, round-robin, quantum 2 references, 4096-byte pages
100: 1x 2
200: 1x 5
100: 3 3w
200: 6w
exit 200
100: 4w
exit 100

%%TEST merge-lackey: the merged trace replays
%%ARGS replay -p lru -n 8 m.events
%%FILE m.events
# vmtrace merge-lackey: 2 processes, round-robin, quantum 2 references, 4096-byte pages
100: 1x 2
200: 1x 5
100: 3 3w
200: 6w
exit 200
100: 4w
exit 100
%%STDOUT-CONTAINS lru             8            8            7    87.50            0            0

%%TEST merge-lackey: -o writes the file, and replay reads it
%%ARGS merge-lackey -q 1 --page-size 8K -D -o out.events trace.7 trace.9
%%FILE trace.7
I  00001000,4
 L 00004000,4
%%FILE trace.9
 S 00002000,4
%%OUTFILE out.events
# vmtrace merge-lackey: 2 processes, round-robin, quantum 1 references, 8192-byte pages
7: 2
9: 1w
exit 7
exit 9

%%TEST merge-lackey: a malformed record names file and line, no output left
%%ARGS merge-lackey -o out.events trace.1 trace.2
%%FILE trace.1
 L 00001000,4
%%FILE trace.2
==2== x
 L 00001000,zz
%%EXIT 65
%%STDERR-CONTAINS trace.2:2: bad access size
%%NOFILE out.events*

%%TEST merge-lackey: an unreadable input is 66
%%ARGS merge-lackey -o out.events trace.1 trace.5
%%FILE trace.1
 L 00001000,4
%%EXIT 66
%%STDERR-CONTAINS trace.5
%%NOFILE out.events*

%%TEST merge-lackey: no process id anywhere
%%ARGS merge-lackey a.lk
%%FILE a.lk
 L 00001000,4
%%EXIT 65
%%STDERR-CONTAINS a.lk:1: no process id

%%TEST merge-lackey: two files of one process
%%ARGS merge-lackey x.3 y.3
%%FILE x.3
 L 00001000,4
%%FILE y.3
 L 00001000,4
%%EXIT 64
%%STDERR-CONTAINS x.3 and y.3 are both process 3

%%TEST merge-lackey: a zero quantum is a usage error
%%ARGS merge-lackey -q 0 t.1
%%EXIT 64
