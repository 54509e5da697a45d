# faults.gp - page faults against the number of frames (src/plot.c).
#
# One line per frame policy; every Belady anomaly (more frames, more faults
# than one frame fewer) is circled in red and labelled "frames: faults >
# faults with one frame fewer".  Placeholders, between at-signs:
#   TITLE   the chart title, a quoted string
#   AXES    axis settings: a tic per frame count when there are few, and
#           fixed ranges where the data has none (one point, no faults)
#   LABELS  one "set label" per labelled anomaly
#   PLOTS   the plot elements: $p1, $p2, ... (frames, faults, fault rate),
#           then $anomalies (frames, faults, fault rate)

# Page faults against frames.
reset
set title @TITLE@
set xlabel 'frames'
set ylabel 'page faults'
set grid
set key top right box opaque
set yrange [0:*]
set autoscale xfix
set offsets graph 0.03, graph 0.03, graph 0.12, 0
@AXES@
@LABELS@
plot @PLOTS@
