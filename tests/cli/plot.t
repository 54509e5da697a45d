# plot.t - `vmtrace plot`: charts drawn by gnuplot from a sweep's JSON.
# Usage errors are 64, a document that is not a sweep result 65, an input
# that cannot be read 66; a chart gnuplot could not draw is 70, with no file
# left behind.  The charts themselves need gnuplot (make check installs
# gnuplot-nox); a PNG is checked by an %%OUTFILE-SH block that prints the
# file back only when it starts with the PNG signature and is over 2 KB.

%%TEST help
%%ARGS plot --help
%%STDOUT-CONTAINS usage: vmtrace plot [options] RESULT.json... -o FILE.png|FILE.svg
%%STDERR

%%TEST help through vmtrace help plot
%%ARGS help plot
%%STDOUT-CONTAINS --plot-script FILE

%%TEST listed among the commands
%%ARGS --help
%%STDOUT-CONTAINS    plot          chart a sweep or replay result with gnuplot (PNG or SVG)

%%TEST version
%%ARGS plot -V
%%STDOUT
vmtrace @VERSION@

%%TEST no input
%%ARGS plot -o chart.png
%%EXIT 64
%%STDERR-CONTAINS vmtrace: plot: no sweep result given (a JSON file, or - for stdin)

%%TEST no -o
%%ARGS plot sweep.json
%%EXIT 64
%%STDERR
vmtrace: plot: no chart file given (-o FILE.png or -o FILE.svg)

%%TEST -o without its value
%%ARGS plot sweep.json -o
%%EXIT 64
%%STDERR
vmtrace: plot: option '-o' needs a value

%%TEST --plot-script without its value
%%ARGS plot sweep.json -o chart.png --plot-script
%%EXIT 64
%%STDERR
vmtrace: plot: option '--plot-script' needs a value

%%TEST unknown option
%%ARGS plot -x sweep.json -o chart.png
%%EXIT 64
%%STDERR
vmtrace: plot: unknown option '-x' (see vmtrace plot --help)

%%TEST --log takes no value
%%ARGS plot --log=yes sweep.json -o chart.png
%%EXIT 64
%%STDERR
vmtrace: plot: option '--log' takes no value

%%TEST two inputs, the first missing
# Several results are read in order; the first that cannot be read stops it.
%%ARGS plot a.json b.json -o chart.png
%%EXIT 66
%%STDERR
vmtrace: cannot open 'a.json': No such file or directory
%%NOFILE chart*

%%TEST an image type other than PNG or SVG, before the input is read
%%ARGS plot missing.json -o chart.jpg
%%EXIT 64
%%STDERR
vmtrace: plot: the chart file must end in .png or .svg ('chart.jpg')
%%NOFILE chart*

%%TEST missing input
%%ARGS plot missing.json -o chart.png
%%EXIT 66
%%STDERR
vmtrace: cannot open 'missing.json': No such file or directory
%%NOFILE chart*

%%TEST a directory as input
%%ARGS plot d -o chart.png
%%DIR d
%%EXIT 66
%%STDERR
vmtrace: cannot read 'd': Is a directory

%%TEST not JSON
%%ARGS plot belady.seq -o chart.png
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%EXIT 65
%%STDERR
vmtrace: belady.seq:1: not a sweep result (not JSON: '[' or '{' expected near '1')
%%NOFILE chart*

%%TEST empty input
%%ARGS plot empty.json -o chart.png
%%FILE-ESC empty.json
%%EXIT 65
%%STDERR-CONTAINS vmtrace: empty.json:
%%STDERR-CONTAINS not a sweep result (not JSON:

%%TEST a stats result is not a sweep result
# Replays with the node layer are charted too: tests/cli/node-plot.t.
%%ARGS plot stats.json -o chart.png
%%FILE stats.json
{ "vmtrace": "0.1.0", "command": "stats", "trace": { "path": "a.seq" } }
%%EXIT 65
%%STDERR
vmtrace: stats.json: not a sweep result (the result of vmtrace stats; charts are drawn from vmtrace sweep -O json, and from vmtrace replay -O json run with --numa, --buddy or --huge)
%%NOFILE chart*

%%TEST no command
%%ARGS plot x.json -o chart.png
%%FILE x.json
{ "sweeps": [] }
%%EXIT 65
%%STDERR
vmtrace: x.json: not a sweep result (no "command")

%%TEST no sweeps array
%%ARGS plot x.json -o chart.png
%%FILE x.json
{ "command": "sweep", "sweeps": {} }
%%EXIT 65
%%STDERR
vmtrace: x.json: not a sweep result (no "sweeps" array)

%%TEST a JSON array
%%ARGS plot x.json -o chart.png
%%FILE x.json
[ 1, 2 ]
%%EXIT 65
%%STDERR
vmtrace: x.json: not a sweep result (not a JSON object)

%%TEST a sweep with nothing to draw
%%ARGS plot x.json -o chart.png
%%FILE x.json
{ "command": "sweep", "sweeps": [ { "policy": "lru", "points": [] } ] }
%%EXIT 65
%%STDERR
vmtrace: cannot chart the sweep: no sweep has any points
%%NOFILE chart*

%%TEST a point without faults
%%ARGS plot x.json -o chart.png
%%FILE x.json
{ "command": "sweep", "sweeps": [ { "policy": "lru", "points": [ { "frames": 3 } ] } ] }
%%EXIT 65
%%STDERR
vmtrace: cannot chart the sweep: sweeps[0].points[0]: no number "faults"
%%NOFILE chart*

%%TEST an output directory that does not exist
%%ARGS plot sweep.json -o nodir/chart.png
%%FILE sweep.json
{ "command": "sweep", "sweeps": [ { "policy": "lru", "points": [ { "frames": 3, "faults": 9 } ] } ] }
%%EXIT 73
%%STDERR
vmtrace: cannot create 'nodir/chart.png': No such file or directory

%%TEST a PNG chart of a hand-written sweep
%%ARGS plot sweep.json -o chart.png
%%FILE sweep.json
{ "vmtrace": "0.1.0", "command": "sweep",
  "trace": { "path": "belady.seq", "format": "seq", "references": 12 },
  "sweeps": [
    { "policy": "fifo", "method": "simulated",
      "points": [ { "frames": 1, "faults": 12, "fault_rate": 1.0, "anomaly": false },
                  { "frames": 2, "faults": 12, "fault_rate": 1.0, "anomaly": false },
                  { "frames": 3, "faults": 9, "fault_rate": 0.75, "anomaly": false },
                  { "frames": 4, "faults": 10, "fault_rate": 0.8333333333, "anomaly": true },
                  { "frames": 5, "faults": 5, "fault_rate": 0.4166666667, "anomaly": false } ],
      "anomalies": [ { "frames": 4, "faults": 10, "prev_frames": 3, "prev_faults": 9 } ] },
    { "policy": "lru", "method": "one-pass",
      "points": [ { "frames": 1, "faults": 12, "fault_rate": 1.0, "anomaly": false },
                  { "frames": 2, "faults": 12, "fault_rate": 1.0, "anomaly": false },
                  { "frames": 3, "faults": 10, "fault_rate": 0.8333333333, "anomaly": false },
                  { "frames": 4, "faults": 8, "fault_rate": 0.6666666667, "anomaly": false },
                  { "frames": 5, "faults": 5, "fault_rate": 0.4166666667, "anomaly": false } ],
      "anomalies": [] } ] }
%%STDERR
%%OUTFILE-SH chart.png
sig=$(head -c 8 chart.png | od -An -tx1 | tr -d ' \n')
if [ "$sig" = 89504e470d0a1a0a ] && [ "$(wc -c <chart.png)" -gt 2048 ]; then
	cat chart.png
fi
%%NOFILE chart.png.tmp*

%%TEST an SVG chart from stdin, with the miss-ratio curve
%%ARGS plot --log - -o chart.svg
%%STDIN
{ "command": "sweep", "trace": { "path": "t.seq", "references": 10 },
  "sweeps": [ { "policy": "lru", "points": [ { "frames": 1, "faults": 10, "fault_rate": 1.0 },
                                             { "frames": 2, "faults": 6, "fault_rate": 0.6 },
                                             { "frames": 4, "faults": 3, "fault_rate": 0.3 } ] } ] }
%%STDERR
%%OUTFILE-SH chart.svg
if head -c 5 chart.svg | grep -q '^<?xml' && grep -q 'Miss-ratio curve: t.seq' chart.svg; then
	cat chart.svg
fi
%%NOFILE chart.svg.tmp*

%%TEST the kept script is the whole chart, data inline
# The frame chart and the WS chart stacked; the script draws the chart again
# with `gnuplot chart.gp`.
%%ARGS plot sweep.json -o chart.svg --plot-script chart.gp
%%FILE sweep.json
{ "vmtrace": "0.1.0", "command": "sweep",
  "trace": { "path": "belady.seq", "format": "seq", "references": 12 },
  "sweeps": [
    { "policy": "fifo", "method": "simulated",
      "points": [ { "frames": 3, "faults": 9, "fault_rate": 0.75, "anomaly": false },
                  { "frames": 4, "faults": 10, "fault_rate": 0.8333333333, "anomaly": true } ],
      "anomalies": [ { "frames": 4, "faults": 10, "prev_frames": 3, "prev_faults": 9 } ] },
    { "policy": "ws", "method": "one-pass",
      "points": [ { "tau": 1, "faults": 12, "mean_resident": 1.0, "anomaly": false },
                  { "tau": 2, "faults": 11, "mean_resident": 1.9, "anomaly": false } ],
      "anomalies": [] } ] }
%%STDERR
%%OUTFILE chart.gp
# A chart of a vmtrace sweep of belady.seq, written by vmtrace @VERSION@.
# Draw it again with: gnuplot chart.gp   (it writes chart.svg)
set terminal svg size 1000,1400 dynamic noenhanced background rgb 'white'
if (!exists('vmtrace_output')) vmtrace_output = 'chart.svg'
set output vmtrace_output

# One colour and point type per policy, in the order of the sweep; red is
# kept for Belady's anomalies.
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.2
set linetype 2 lc rgb '#ff7f0e' lw 2 pt 5 ps 1.2
set linetype 3 lc rgb '#2ca02c' lw 2 pt 9 ps 1.4
set linetype 4 lc rgb '#9467bd' lw 2 pt 11 ps 1.4
set linetype 5 lc rgb '#8c564b' lw 2 pt 13 ps 1.4
set linetype 6 lc rgb '#e377c2' lw 2 pt 15 ps 1.4
set linetype 7 lc rgb '#17becf' lw 2 pt 4 ps 1.2
set linetype 8 lc rgb '#7f7f7f' lw 2 pt 8 ps 1.2
set linetype cycle 8

# fifo: frames, faults, fault rate
$p1 << EOD
3 9 0.75
4 10 0.8333333333
EOD

# ws: tau, faults, mean resident set
$w2 << EOD
1 12 1
2 11 1.9
EOD

# Belady's anomalies: frames, faults, fault rate
$anomalies << EOD
4 10 0.8333333333
EOD

set multiplot layout 2,1

# Page faults against frames.
reset
set title 'Page faults by number of frames: belady.seq (12 references)'
set xlabel 'frames'
set ylabel 'page faults'
set grid
set key top right box opaque
set yrange [0:*]
set autoscale xfix
set offsets graph 0.03, graph 0.03, graph 0.12, 0
set xtics 1
set label 1 '4: 10 > 9' at 4,10 right offset char -1.5,1.0 front textcolor rgb '#d62728'
plot $p1 using 1:2 with linespoints lt 1 title 'fifo', \
     $anomalies using 1:2 with points pt 6 ps 3 lw 2 lc rgb '#d62728' title 'Belady''s anomaly (1)'

# Working set: faults and mean resident set against tau.
reset
set title 'Working set by window tau: belady.seq (12 references)'
set xlabel 'window tau (references)'
set ylabel 'page faults'
set y2label 'mean resident set (pages)'
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:*]
set grid
set key top center box opaque
set autoscale xfix
set offsets graph 0.03, graph 0.03, graph 0.12, 0
set xtics 1
plot $w2 using 1:2 axes x1y1 with linespoints lt 2 title 'page faults', \
     $w2 using 1:3 axes x1y2 with linespoints lt 2 dt 2 pt 6 title 'mean resident set'

unset multiplot
set output
%%NOFILE *.tmp.*

%%TEST a sweep with time draws simulated time by frames below the faults
# Belady's string on an HDD with a swap area of 2 slots: up to 4 frames the
# run is killed out of memory, and those points are a gap in the line and a
# cross above it (NaN, then 1 in the third column), never the short time
# the run took before the kill.
%%ARGS sweep -p lru,fifo -n 1-5 --device hdd --swap 2 -O json -o s.json --plot chart.png --plot-script chart.gp belady.seq
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDERR
%%OUTFILE-SH chart.gp
if grep -q "^set multiplot layout 2,1$" chart.gp &&
   grep -q "^set title 'Simulated time by number of frames: belady.seq (12 references)'$" chart.gp &&
   grep -q "^4 NaN 1$" chart.gp && grep -q "^5 6.2e-06 0$" chart.gp &&
   grep -q "^set ytics nomirror ('5 us' 5e-06, '10 us' 1e-05)$" chart.gp &&
   grep -q "title 'lru (hdd): out of memory (4)'" chart.gp; then
	cat chart.gp
fi
%%OUTFILE-SH chart.png
sig=$(head -c 8 chart.png | od -An -tx1 | tr -d ' \n')
if [ "$sig" = 89504e470d0a1a0a ] && [ "$(wc -c <chart.png)" -gt 2048 ]; then
	cat chart.png
fi

%%TEST several sweeps with time: one chart of their time curves
# One trace on two devices (the path may differ by directory): the time
# chart alone, a policy in one colour, each document in its own dashes;
# two decades of time, so a tic at every 1, 2 and 5.
%%ARGS plot ssd.json hdd.json -o chart.svg --plot-script chart.gp
%%FILE ssd.json
{ "command": "sweep", "trace": { "path": "traces/t.seq", "references": 12 },
  "sweeps": [ { "policy": "lru", "points": [
    { "frames": 3, "faults": 10, "oom": null, "time": { "device": "ssd", "total_ns": 1500000 } },
    { "frames": 4, "faults": 8, "oom": null, "time": { "device": "ssd", "total_ns": 1200000 } } ] } ] }
%%FILE hdd.json
{ "command": "sweep", "trace": { "path": "t.seq", "references": 12 },
  "sweeps": [ { "policy": "lru", "points": [
    { "frames": 3, "faults": 10, "oom": { "reference": 9, "page": 3 },
      "time": { "device": "hdd", "total_ns": 70000000 } },
    { "frames": 4, "faults": 8, "oom": null, "time": { "device": "hdd", "total_ns": 80000000 } } ] } ] }
%%STDERR
%%OUTFILE chart.gp
# The simulated time of 2 vmtrace sweeps of traces/t.seq, written by vmtrace @VERSION@.
# Draw it again with: gnuplot chart.gp   (it writes chart.svg)
set terminal svg size 1000,700 dynamic noenhanced background rgb 'white'
if (!exists('vmtrace_output')) vmtrace_output = 'chart.svg'
set output vmtrace_output

# One colour and point type per policy, in the order of the sweep; red is
# kept for Belady's anomalies.
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.2
set linetype 2 lc rgb '#ff7f0e' lw 2 pt 5 ps 1.2
set linetype 3 lc rgb '#2ca02c' lw 2 pt 9 ps 1.4
set linetype 4 lc rgb '#9467bd' lw 2 pt 11 ps 1.4
set linetype 5 lc rgb '#8c564b' lw 2 pt 13 ps 1.4
set linetype 6 lc rgb '#e377c2' lw 2 pt 15 ps 1.4
set linetype 7 lc rgb '#17becf' lw 2 pt 4 ps 1.2
set linetype 8 lc rgb '#7f7f7f' lw 2 pt 8 ps 1.2
set linetype cycle 8

# lru (ssd): frames, simulated seconds (NaN: none), out of memory
$t1 << EOD
3 0.0015 0
4 0.0012 0
EOD

# lru (hdd): frames, simulated seconds (NaN: none), out of memory
$t2 << EOD
3 NaN 1
4 0.08 0
EOD

# Simulated time against frames.
reset
set title 'Simulated time by number of frames: traces/t.seq (12 references)'
set xlabel 'frames'
set ylabel 'simulated time (log scale)'
set logscale y
set grid xtics ytics
set key outside right top box
set autoscale xfix
set offsets graph 0.03, graph 0.03, 0, 0
set xtics 1
set yrange [0.001:0.169]
set ytics nomirror ('1 ms' 0.001, '2 ms' 0.002, '5 ms' 0.005, '10 ms' 0.01, '20 ms' 0.02, '50 ms' 0.05, '100 ms' 0.1)
set y2label 'effective access time (per reference)'
set logscale y2
set y2range [8.33333333333333e-05:0.0140833333333333]
set y2tics ('100 us' 0.0001, '200 us' 0.0002, '500 us' 0.0005, '1 ms' 0.001, '2 ms' 0.002, '5 ms' 0.005)
plot $t1 using 1:2 with linespoints lt 1 dt 1 title 'lru (ssd)', \
     $t2 using 1:2 with linespoints lt 1 dt 2 title 'lru (hdd)', \
     $t2 using 1:($3 > 0 ? 0.13 : NaN) with points lt 1 pt 2 ps 2 lw 2 title 'lru (hdd): out of memory (1)'
set output
%%OUTFILE-SH chart.svg
if head -c 5 chart.svg | grep -q '^<?xml' && grep -q 'lru (hdd)' chart.svg &&
   ! grep -q 'Page faults' chart.svg; then
	cat chart.svg
fi
%%NOFILE *.tmp.*

%%TEST several sweeps of different traces
%%ARGS plot a.json b.json -o chart.png
%%FILE a.json
{ "command": "sweep", "trace": { "path": "traces/a.seq", "references": 12 },
  "sweeps": [ { "policy": "lru", "points": [
    { "frames": 3, "faults": 10, "oom": null, "time": { "device": "ssd", "total_ns": 1500000 } } ] } ] }
%%FILE b.json
{ "command": "sweep", "trace": { "path": "traces/b.seq", "references": 12 },
  "sweeps": [ { "policy": "lru", "points": [
    { "frames": 3, "faults": 10, "oom": null, "time": { "device": "hdd", "total_ns": 1500000 } } ] } ] }
%%EXIT 65
%%STDERR
vmtrace: cannot compare b.json with a.json: a sweep of 'b.seq', not of 'a.seq' (time curves compare one trace on several devices)
%%NOFILE chart*

%%TEST several sweeps, one without time
%%ARGS plot a.json b.json -o chart.png
%%FILE a.json
{ "command": "sweep", "trace": { "path": "a.seq", "references": 12 },
  "sweeps": [ { "policy": "lru", "points": [
    { "frames": 3, "faults": 10, "oom": null, "time": { "device": "ssd", "total_ns": 1500000 } } ] } ] }
%%FILE b.json
{ "command": "sweep", "trace": { "path": "a.seq", "references": 12 },
  "sweeps": [ { "policy": "lru", "points": [ { "frames": 3, "faults": 10 } ] } ] }
%%EXIT 65
%%STDERR
vmtrace: cannot compare b.json: its points carry no simulated time (sweep with --device or --cost)
%%NOFILE chart*

%%TEST several inputs, one not a sweep result
%%ARGS plot a.json b.json -o chart.png
%%FILE a.json
{ "command": "sweep", "trace": { "path": "a.seq", "references": 12 },
  "sweeps": [ { "policy": "lru", "points": [
    { "frames": 3, "faults": 10, "oom": null, "time": { "device": "ssd", "total_ns": 1500000 } } ] } ] }
%%FILE b.json
{ "vmtrace": "0.1.0", "command": "stats" }
%%EXIT 65
%%STDERR
vmtrace: b.json: not a sweep result (the result of vmtrace stats; charts are drawn from vmtrace sweep -O json, and from vmtrace replay -O json run with --numa, --buddy or --huge)
%%NOFILE chart*
