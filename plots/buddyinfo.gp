# buddyinfo.gp - free blocks per order at the end of a replay with the node
# layer (--numa, --buddy, --huge), as /proc/buddyinfo lists them
# (src/plot_nodes.c).
#
# Clustered bars: for each order 0 .. 10 (a block of 2^order frames, its
# size on the x axis: 4K .. 4M with 4 KiB pages) the free blocks of that
# order on each node, one colour per node.  The run drawn is the replay's
# first; the title names it.  The datablock $buddyinfo has one row per
# order: order, block size, then one column per node.  Placeholders:
#   TITLE   the chart title, a quoted string
#   AXES    a range for an all-zero chart, and a note saying why it is
#           empty (every frame in use)
#   PLOTS   the plot elements: one histogram column per node

# Free blocks per order at the end.
reset
set title @TITLE@
set xlabel 'block size (orders 0 to 10)'
set ylabel 'free blocks'
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set xtics scale 0
set yrange [0:*]
set grid ytics
set key outside top center horizontal
@AXES@
plot @PLOTS@
