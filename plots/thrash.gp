# thrash.gp - `vmtrace thrash --plot`: throughput and CPU utilisation
# against the number of copies (src/plot.c, plot_thrash()).
#
# The datablock $thrash has one row per K: copies, references a simulated
# microsecond, CPU utilisation in percent, and 1 for a run that ran out of
# swap (drawn as a cross: its row counts only what ran).  Placeholders:
#   TITLE     the chart's title (a quoted string)
#   PLOT      the plot command: both curves, and the crosses when a run ran
#             out of swap (gnuplot complains of a plot with no points)

set title @TITLE@
set xlabel 'copies of the workload (degree of multiprogramming)'
set ylabel 'references per simulated microsecond'
set y2label 'CPU utilisation (%)'
set xtics 1
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:100]
set grid
set key top right
@PLOT@
