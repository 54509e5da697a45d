# ws.gp - the working-set policy: faults and mean resident set against the
# window tau (src/plot.c).
#
# Page faults on the left axis, the mean working-set size |W(t, tau)| on the
# right one: the trade a larger window makes.  Placeholders, between
# at-signs:
#   TITLE   the chart title, a quoted string
#   AXES    axis settings: log scale with --log or a largest tau above
#           1000, else a tic per tau when there are few; fixed ranges where
#           the data has none (one point, no faults)
#   PLOTS   the plot elements: $w1, ... (tau, faults, mean resident)

# Working set: faults and mean resident set against tau.
reset
set title @TITLE@
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
@AXES@
plot @PLOTS@
