# missratio.gp - the miss-ratio curve: fault rate against frames, log scale.
#
# Drawn instead of faults.gp with --log, and whenever the largest frame
# count is above 1000, where a linear axis would crush the interesting
# small-memory end of the curve (src/plot.c).  Placeholders, between
# at-signs: TITLE, AXES (the log scale), LABELS, PLOTS, as in faults.gp;
# the plots use the third column of each datablock, faults / references.

# Miss-ratio curve.
reset
set title @TITLE@
set xlabel 'frames (log scale)'
set ylabel 'miss ratio (page faults / references)'
set grid xtics ytics mxtics
set key top right box opaque
set yrange [0:*]
set autoscale xfix
set offsets graph 0.03, graph 0.03, graph 0.12, 0
@AXES@
@LABELS@
plot @PLOTS@
