/* bsearch.c - binary searches over a sorted 256 KiB table.
 *
 * table[] holds the 65,536 odd numbers 1, 3, 5, ... (built by the
 * preprocessor, so filling it costs no references: it sits in .rodata,
 * 64 pages of 4 KiB).  The program looks up QUERIES pseudo-random keys,
 * about half of them absent.  Every search probes the middle element, half
 * of them the quarter points, and so on: the table's pages are referenced
 * with a strongly skewed popularity (the page of table[32767] by every
 * search, the pages of the first levels of the implicit search tree often,
 * the leaves' pages rarely).  The last ten probes of a search stay inside
 * one page.  Frequency-based replacement (LFU) has something to work with
 * here, and the miss-ratio curve falls gradually between a handful and
 * about 100 frames instead of dropping off a cliff.
 */
#include <stdio.h>

#define N 65536
#define QUERIES 400

#define T1(x) 2 * (x) + 1
#define T2(x) T1(x), T1((x) + 1)
#define T4(x) T2(x), T2((x) + 2)
#define T8(x) T4(x), T4((x) + 4)
#define T16(x) T8(x), T8((x) + 8)
#define T32(x) T16(x), T16((x) + 16)
#define T64(x) T32(x), T32((x) + 32)
#define T128(x) T64(x), T64((x) + 64)
#define T256(x) T128(x), T128((x) + 128)
#define T512(x) T256(x), T256((x) + 256)
#define T1K(x) T512(x), T512((x) + 512)
#define T2K(x) T1K(x), T1K((x) + 1024)
#define T4K(x) T2K(x), T2K((x) + 2048)
#define T8K(x) T4K(x), T4K((x) + 4096)
#define T16K(x) T8K(x), T8K((x) + 8192)
#define T32K(x) T16K(x), T16K((x) + 16384)
#define T64K(x) T32K(x), T32K((x) + 32768)

static const int table[N] __attribute__((aligned(4096))) = { T64K(0) };

static int find(const int *a, int n, int key)
{
	int lo = 0, hi = n - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (a[mid] < key)
			lo = mid + 1;
		else if (a[mid] > key)
			hi = mid - 1;
		else
			return mid;
	}
	return -1;
}

int main(void)
{
	unsigned x = 12345; /* a fixed LCG seed: the trace is reproducible */
	int hits = 0;

	for (int q = 0; q < QUERIES; q++) {
		x = x * 1103515245u + 12345u;
		hits += find(table, N, (int)((x >> 14) % (2 * N))) >= 0;
	}
	printf("%d hits\n", hits);
	return 0;
}
