# page.gp - the frame of every chart script vmtrace writes (src/plot.c).
#
# vmtrace compiles the templates in plots/ into its binary and fills in the
# placeholders, each of them a capitalised name between at-signs:
#   HEADER    comment lines: what was swept, how to draw the chart again
#   TERMINAL  the terminal for the image type: pngcairo (plain png when this
#             gnuplot lacks cairo) or svg; 1000 pixels wide, 700 high a chart
#   OUTPUT    the image file as a quoted string.  vmtrace itself runs gnuplot
#             with -e "vmtrace_output='FILE.tmp.XXXXXX'", so the image is
#             written under a temporary name and renamed once complete; run
#             by hand, the script writes the file named here
#   DATA      the sweep's points as gnuplot 5 datablocks
#   CHARTS    the charts: faults.gp or missratio.gp, then time.gp, then ws.gp,
#             stacked with multiplot when there are several; for a replay's
#             node layer numa.gp, buddyinfo.gp, then buddyseries.gp; thrash.gp
# Text is drawn noenhanced, so '_', '^', '@' and '&' in trace paths and
# policy names print as themselves; strings are single-quoted ('' for ').

@HEADER@
@TERMINAL@
if (!exists('vmtrace_output')) vmtrace_output = @OUTPUT@
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

@DATA@
@CHARTS@
set output
