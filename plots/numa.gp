# numa.gp - a replay with --numa: remote accesses and simulated time by run
# (src/plot_nodes.c).
#
# One group of bars per run of the replay, labelled with its policy ("lru",
# or "lru n=64" when the replay ran several frame counts): the share of its
# references that went to a frame on another node than the one its process
# runs on, in percent (left axis), and, when the replay had a cost option,
# its simulated time (right axis, in one unit for all runs).  Each bar
# carries its value when the values fit above the bars.  The datablock $runs has one row per run: position,
# label, remote share (%), time (NaN: none), and the two bar labels.
# Placeholders, between at-signs:
#   TITLE   the chart title, a quoted string
#   AXES    the ranges (room above the tallest bar for its label), the
#           right axis when there is time, the bar width, slanted run
#           labels when they would run into each other
#   PLOTS   the plot elements: the bars, and their values when they fit

# Remote accesses (and time) by run.
reset
set title @TITLE@
set ylabel 'remote accesses (% of references)'
set style fill solid 0.8 border -1
set xtics scale 0
set ytics nomirror
set grid ytics
set key outside top center horizontal
@AXES@
plot @PLOTS@
