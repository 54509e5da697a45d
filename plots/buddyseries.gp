# buddyseries.gp - free blocks per order over a replay run with
# --buddyinfo-every N (src/plot_nodes.c).
#
# One line per order that had a free block at some sample, the free blocks
# of that order summed over the nodes, against the references replayed;
# drawn as steps, since a sample holds until the next.  The run drawn is
# the replay's first; the title names it and the nodes summed.  The
# datablock $buddyseries has one row per sample: references, then the free
# blocks of orders 0 .. 10.  Placeholders:
#   TITLE   the chart title, a quoted string
#   AXES    the y range, with room above the highest step (which would
#           otherwise run along the frame); an x range around one sample
#   PLOTS   the plot elements: one line per order

# Free blocks per order over the run.
reset
set title @TITLE@
set xlabel 'references'
set ylabel 'free blocks'
set grid
set key outside right top box
@AXES@
plot @PLOTS@
