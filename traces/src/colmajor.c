/* colmajor.c - a matrix filled in the wrong loop order.
 *
 * Silberschatz's "program structure" example, at 4 KiB pages: each row of
 * data[ROWS][COLS] is exactly one page (1024 ints), and the loops walk the
 * matrix column by column, so consecutive stores land on ROWS different
 * pages, cycling through all of them 1024/4 = 256 times.  (GCC -O2
 * vectorizes the inner loop four columns at a time, 16-byte stores; the
 * page order is the same as the scalar loop's.)
 *
 * With at least ROWS frames for the matrix (plus a few for code, stack and
 * libc data) only the cold faults remain; with fewer, LRU, FIFO and Clock
 * fault on every store of the column phase, while OPT keeps most of the
 * matrix resident: a textbook cliff in the miss-ratio curve.  Swapping the
 * two loops (row by row) would touch each page once.
 *
 * The trace is recorded from a static binary (gcc -static -O2) so that
 * ld.so does not add its startup; glibc's static start-up still contributes
 * about 22,000 references before main (in record.sh's empty environment).
 */
#include <stdio.h>

#define ROWS 40
#define COLS 1024 /* 1024 ints = one 4 KiB page per row */

static int data[ROWS][COLS];

int main(void)
{
	for (int j = 0; j < COLS; j++)
		for (int i = 0; i < ROWS; i++)
			data[i][j] = j;
	printf("%d\n", data[ROWS - 1][COLS - 1]);
	return 0;
}
