# node-plot.t - charts of a replay's node layer (issue #9): replay --plot,
# and vmtrace plot on a replay's JSON.  A replay without the node layer
# (--numa, --buddy, --huge) has nothing to chart: replay --plot is then a
# usage error (64), plot of such a document a data error (65).  The
# charts need gnuplot (make check installs gnuplot-nox); a PNG is checked
# as in plot.t, and a kept script by an %%OUTFILE-SH block that prints it
# back only when every line it must have is there.

%%TEST replay --help lists --plot
%%ARGS replay --help
%%STDOUT-CONTAINS       --plot FILE          also chart the node layer (with --numa, --buddy or

%%TEST replay --plot without the node layer
%%ARGS replay -p lru -n 3 --plot chart.png t.seq
%%FILE t.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%EXIT 64
%%STDERR
vmtrace: replay: --plot charts the node layer: it needs --numa, --buddy or --huge (sweep --plot draws fault curves)
%%NOFILE chart*

%%TEST replay --plot-script without --plot
%%ARGS replay -p lru -n 3 --buddy --plot-script chart.gp t.seq
%%FILE t.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%EXIT 64
%%STDERR
vmtrace: replay: --plot-script goes with --plot FILE
%%NOFILE chart*

%%TEST replay --plot to a file that is not PNG or SVG
%%ARGS replay -p lru -n 3 --buddy --plot chart.jpg t.seq
%%FILE t.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%EXIT 64
%%STDERR
vmtrace: --plot: the chart file must end in .png or .svg ('chart.jpg')
%%NOFILE chart*

%%TEST replay --plot without its value
%%ARGS replay -p lru -n 3 --buddy t.seq --plot
%%FILE t.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%EXIT 64
%%STDERR
vmtrace: replay: option '--plot' needs a value

%%TEST replay --plot with NUMA draws the chart and keeps its script
# Belady's string on two nodes of 2 frames, the process on node 0: the
# pages on node 1 are remote.  The report is written as without --plot.
%%ARGS replay -p fifo,lru -n 4 --numa 2 --device ssd -O json -o r.json --plot chart.png --plot-script chart.gp t.seq
%%FILE t.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDERR
%%OUTFILE-SH chart.png
sig=$(head -c 8 chart.png | od -An -tx1 | tr -d ' \n')
if [ "$sig" = 89504e470d0a1a0a ] && [ "$(wc -c <chart.png)" -gt 2048 ]; then
	cat chart.png
fi
%%OUTFILE-SH chart.gp
# Both runs with their remote share and time, both charts.
if [ "$(grep -c '^[01] "[a-z]*" [0-9.]* [0-9.]* "[0-9.]*%" "[0-9.]* us"$' chart.gp)" = 2 ] &&
   grep -q '^0 "fifo" ' chart.gp && grep -q '^1 "lru" ' chart.gp &&
   grep -qx "set title 'Remote accesses and simulated time by run: t.seq (12 references), 2 NUMA nodes'" chart.gp &&
   grep -qx "set title 'Free blocks per order at the end: fifo, 4 frames (the first of 2 runs)'" chart.gp &&
   grep -qx "set multiplot layout 2,1" chart.gp && grep -q '"command": "replay"' r.json; then
	cat chart.gp
fi
%%NOFILE chart.png.tmp*

%%TEST replay --plot with --buddyinfo-every adds the free blocks over the run
%%ARGS replay -p fifo -n 8 --buddy --buddyinfo-every 4 --plot chart.svg --plot-script chart.gp t.seq
%%FILE t.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT-CONTAINS fifo, 8 frames: buddyinfo
%%STDERR
%%OUTFILE-SH chart.gp
if grep -qx "set title 'Free blocks per order over the run: fifo, 8 frames of t.seq (12 references)'" chart.gp &&
   grep -qx '\$buddyseries << EOD' chart.gp && ! grep -q 'Remote accesses' chart.gp &&
   head -c 5 chart.svg | grep -q '^<?xml'; then
	cat chart.gp
fi
%%NOFILE chart.svg.tmp*

%%TEST plot of a replay without the node layer
%%ARGS plot r.json -o chart.png
%%FILE r.json
{ "vmtrace": "0.1.0", "command": "replay", "trace": { "path": "t.seq" },
  "options": { "numa": null, "buddyinfo_every": null, "huge": null },
  "results": [ { "policy": "lru", "frames": 3, "faults": 10 } ] }
%%EXIT 65
%%STDERR
vmtrace: cannot chart r.json: a replay without the node layer (vmtrace plot draws sweeps, and replays run with --numa, --buddy or --huge)
%%NOFILE chart*

%%TEST plot of a replay whose nodes are broken
%%ARGS plot r.json -o chart.png
%%FILE r.json
{ "command": "replay", "results": [ { "policy": "lru", "frames": 3,
  "nodes": [ { "node": 0, "accesses": 12, "remote_accesses": 0, "buddyinfo": [1, 0] } ] } ] }
%%EXIT 65
%%STDERR
vmtrace: cannot chart r.json: results[0].nodes[0]: "buddyinfo" is not 11 counts (orders 0 to 10)
%%NOFILE chart*

%%TEST plot of a replay among several results
%%ARGS plot s.json r.json -o chart.png
%%FILE s.json
{ "command": "sweep", "trace": { "path": "a.seq", "references": 12 },
  "sweeps": [ { "policy": "lru", "points": [ { "frames": 3, "faults": 10 } ] } ] }
%%FILE r.json
{ "command": "replay", "results": [ { "policy": "lru", "frames": 3,
  "nodes": [ { "node": 0, "accesses": 12, "remote_accesses": 0,
               "buddyinfo": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] } ] } ] }
%%EXIT 64
%%STDERR
vmtrace: plot: a replay result is drawn alone (several results are sweeps whose time curves are compared)
%%NOFILE chart*

%%TEST plot --log of a replay
%%ARGS plot --log r.json -o chart.png
%%FILE r.json
{ "command": "replay", "results": [ { "policy": "lru", "frames": 3,
  "nodes": [ { "node": 0, "accesses": 12, "remote_accesses": 0,
               "buddyinfo": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] } ] } ] }
%%EXIT 64
%%STDERR
vmtrace: plot: --log is for a sweep's frame axis; the charts of a replay have none
%%NOFILE chart*

%%TEST plot of a replay with nodes, from stdin
%%ARGS plot - -o chart.svg --plot-script chart.gp
%%STDIN
{ "command": "replay", "trace": { "path": "t.seq", "references": 12 },
  "options": { "numa": null },
  "results": [ { "policy": "lru", "frames": 3,
  "nodes": [ { "node": 0, "accesses": 12, "remote_accesses": 0,
               "buddyinfo": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] } ] } ] }
%%STDERR
%%OUTFILE-SH chart.gp
if grep -qx '0 "4K" 1' chart.gp && grep -qx '10 "4M" 1' chart.gp &&
   grep -q 'Free blocks per order at the end: lru, 3 frames of t.seq' chart.svg; then
	cat chart.gp
fi
%%NOFILE *.tmp.*
