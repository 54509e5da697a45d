# time.gp - simulated time against the number of frames (src/plot.c).
#
# For the frame sweeps whose points carry a "time" object (a sweep with a
# cost option: --device, --cost, ...): the total simulated time of the run
# on a log axis, one line per policy and device, labelled in seconds, ms,
# us and ns; the right axis reads the same curves as the effective access
# time (the time divided by the references).  Points that ran out of memory
# are gaps in their line, marked with a cross above the curves.
# Placeholders, between at-signs:
#   TITLE   the chart title, a quoted string
#   KEY     where the key goes: bottom left, where the curves falling with
#           more frames leave room; right of the chart, outside, when
#           several documents make a key long enough to cover the curves
#   AXES    the frame axis as in faults.gp; the time axes: their ranges
#           and tics, worked out by vmtrace so that the labels are round
#           numbers in human units
#   PLOTS   the plot elements: $t1, ... (frames, seconds, out of memory)

# Simulated time against frames.
reset
set title @TITLE@
set xlabel 'frames'
set ylabel 'simulated time (log scale)'
set logscale y
set grid xtics ytics
@KEY@
set autoscale xfix
set offsets graph 0.03, graph 0.03, 0, 0
@AXES@
plot @PLOTS@
