# plot.t - `vmtrace plot`: charts drawn by gnuplot from a sweep's JSON.
# Usage errors are 64, a document that is not a sweep result 65, an input
# that cannot be read 66; a chart gnuplot could not draw is 70, with no file
# left behind.  The charts themselves need gnuplot (make check installs
# gnuplot-nox); a PNG is checked by an %%OUTFILE-SH block that prints the
# file back only when it starts with the PNG signature and is over 2 KB.

%%TEST help
%%ARGS plot --help
%%STDOUT-CONTAINS usage: vmtrace plot [options] RESULT.json -o FILE.png|FILE.svg
%%STDERR

%%TEST help through vmtrace help plot
%%ARGS help plot
%%STDOUT-CONTAINS --plot-script FILE

%%TEST listed among the commands
%%ARGS --help
%%STDOUT-CONTAINS    plot       chart a sweep result with gnuplot (PNG or SVG)

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

%%TEST two inputs
%%ARGS plot a.json b.json -o chart.png
%%EXIT 64
%%STDERR
vmtrace: plot: one sweep result at a time ('b.json' is extra)

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

%%TEST a replay result is not a sweep result
%%ARGS plot replay.json -o chart.png
%%FILE replay.json
{ "vmtrace": "0.1.0", "command": "replay", "results": [] }
%%EXIT 65
%%STDERR
vmtrace: replay.json: not a sweep result (the result of vmtrace replay; charts are drawn from vmtrace sweep -O json)
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
