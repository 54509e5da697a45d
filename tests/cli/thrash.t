# thrash.t - copies of a workload sharing the frames: throughput per K.

%%TEST thrash: a 3-page loop in 6 frames: two copies fit, three thrash
# Each copy writes pages 0, 1, 2 once, then reads them three times: 12
# references, a turn of 3 (one pass of the loop).  K = 1, 2: only the
# first touches fault (3K minor faults, 1 us each), every other reference
# hits (100 ns): 12 x 0.1 + 3 = 4.2 us a copy, 2.857 references/us, and
# 9 hits x 0.1 / 4.2 = 21.43% on hits.  K = 3: 9 pages cycle through 6
# frames under global LRU, so every reference faults: 9 minor faults, 27
# swap-ins and 9 write-backs (each page is dirty until its first eviction,
# clean with a valid slot after) at 150 us on ssd: 12.6 us of CPU (3.6 +
# 9) overlapped by 5400 us of device time: 5400 us, no hits.
%%ARGS thrash -n 6 -k 1-3 --quantum 3 loop.seq
%%FILE loop.seq
0w 1w 2w 0 1 2 0 1 2 0 1 2
%%STDOUT
workload   loop.seq (seq), 12 references a copy
machine    6 frames, lru, global replacement, quantum 3, device ssd

copies   references     faults      major writebacks        time_us    refs/us    cpu%
     1           12          3          0          0          4.200      2.857   21.43
     2           24          6          0          0          8.400      2.857   21.43
     3           36         36         27          9       5400.000      0.007    0.00

%%TEST thrash: CSV, one row per K, from -o's extension
%%ARGS thrash -n 6 -k 2-3 --quantum 3 -o out.csv loop.seq
%%FILE loop.seq
0w 1w 2w 0 1 2 0 1 2 0 1 2
%%OUTFILE-CRLF out.csv
copies,references,faults,major_faults,writebacks,time_ns,cpu_ns,io_ns,throughput,cpu_utilisation,out_of_memory
2,24,6,0,0,8400,8400,0,2.857142857,0.2142857143,false
3,36,36,27,9,5400000,12600,5400000,0.006666666667,0,false

%%TEST thrash: JSON has the machine and a results array
%%ARGS thrash -n 6 -k 1 -O json loop.seq
%%FILE loop.seq
0w 1w 2w 0 1 2
%%STDOUT-CONTAINS "results": [

%%TEST thrash: the device sets the time
# K = 1: 6 x 0.1 + 3 minor faults = 3.6 us, 3 hits.  K = 2 at quantum 1
# in 3 frames: 6 pages cycle through 3 frames, every reference faults: 6
# minor, 6 swap-ins and 6 write-backs at hdd's 10 ms: 1.2 + 6 + 120000 us.
%%ARGS thrash -n 3 -k 2 --quantum 1 --device hdd -O csv loop.seq
%%FILE loop.seq
0w 1w 2w 0 1 2
%%STDOUT-CRLF
copies,references,faults,major_faults,writebacks,time_ns,cpu_ns,io_ns,throughput,cpu_utilisation,out_of_memory
1,6,3,0,0,3600,3600,0,1.666666667,0.08333333333,false
2,12,12,6,6,120000000,7200,120000000,0.0001,0,false

%%TEST thrash: a full swap area stops a run, and its row says so
# Three copies: references 7-9 evict copy 1's three dirty pages (3 slots),
# the 10th swaps copy 1's page 0 in and writes copy 2's page 0 out (the
# 4th slot); the 11th finds no slot.  10 references ran: 1 us of hits, 9
# minor faults (10 us of CPU), 1 swap-in and 4 writes at 150 us (750 us of
# device time); with 3 copies the CPU time overlaps the device's: 750 us.
%%ARGS thrash -n 6 -k 2-3 --quantum 3 --swap 4 loop.seq
%%FILE loop.seq
0w 1w 2w 0 1 2 0 1 2 0 1 2
%%STDOUT-CONTAINS      3           10         10          1          4        750.000      0.013    0.00  out of memory
%%STDERR-CONTAINS 3 copies: out of memory at reference 11

%%TEST thrash: a frame count is needed
%%ARGS thrash loop.seq
%%EXIT 64
%%STDERR-CONTAINS needs a frame count

%%TEST thrash: opt cannot follow processes
%%ARGS thrash -n 3 -p opt loop.seq
%%EXIT 64
%%STDERR-CONTAINS opt cannot follow several processes

%%TEST thrash: a backwards range
%%ARGS thrash -n 3 -k 3-1 loop.seq
%%EXIT 64
%%STDERR-CONTAINS runs backwards

%%TEST thrash: the workload is one process
%%ARGS thrash -n 3 t.ev
%%FILE t.ev
1: 1 2
2: 1 2
%%EXIT 64
%%STDERR-CONTAINS is an events trace

%%TEST thrash: a missing workload is 66
%%ARGS thrash -n 3 nosuch.seq
%%EXIT 66

%%TEST thrash: --plot draws throughput and CPU against copies
# The chart is an SVG whose title names the workload and machine; the kept
# script holds the rows and no out-of-memory crosses (no run ran out).
%%ARGS thrash -n 6 -k 1-3 --quantum 3 --plot chart.svg --plot-script chart.gp loop.seq
%%FILE loop.seq
0w 1w 2w 0 1 2 0 1 2 0 1 2
%%STDOUT-CONTAINS      3           36         36         27          9       5400.000      0.007    0.00
%%OUTFILE-SH chart.svg
if head -c 5 chart.svg | grep -q '^<?xml' && grep -q 'Thrashing: loop.seq, 6 frames, lru, device ssd' chart.svg; then
	cat chart.svg
fi
%%OUTFILE-SH chart.gp
if grep -q '^1 2.85714285714286 21.4285714285714 0$' chart.gp && grep -q '^3 0.00666666666666667 0 0$' chart.gp &&
	! grep -q 'out of memory' chart.gp; then
	cat chart.gp
fi
%%NOFILE chart.svg.tmp*

%%TEST thrash: a run out of swap is a cross on the chart
%%ARGS thrash -n 6 -k 2-3 --quantum 3 --swap 4 --plot-script chart.gp --plot chart.svg loop.seq
%%FILE loop.seq
0w 1w 2w 0 1 2 0 1 2 0 1 2
%%STDOUT-CONTAINS out of memory
%%STDERR-CONTAINS 3 copies: out of memory at reference 11
%%OUTFILE-SH chart.gp
if grep -q "title 'out of memory (partial run)'" chart.gp && grep -q '^3 .* 1$' chart.gp; then
	cat chart.gp
fi

%%TEST thrash: --plot wants .png or .svg
%%ARGS thrash -n 6 --plot chart.pdf loop.seq
%%FILE loop.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --plot: the chart file must end in .png or .svg ('chart.pdf')

%%TEST thrash: --plot-script without --plot
%%ARGS thrash -n 6 --plot-script chart.gp loop.seq
%%FILE loop.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: thrash: --plot-script goes with --plot FILE
%%NOFILE chart.gp
