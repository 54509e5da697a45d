/* curve_acc.c - stack distances and write-backs into a fault curve. */
#include <stdlib.h>
#include <string.h>

#include "curve_acc.h"
#include "error.h"
#include "exitcodes.h"

int acc_init(struct curve_acc *a, const struct sweep_input *in)
{
	memset(a, 0, sizeof(*a));
	a->V = in->distinct;
	a->hist = calloc(a->V + 2, sizeof(*a->hist));
	a->wb = calloc(a->V + 2, sizeof(*a->wb));
	if (!a->hist || !a->wb)
		return vt_error(VT_SOFTWARE, "out of memory for a stack-distance pass");
	return 0;
}

void acc_release(struct curve_acc *a)
{
	free(a->hist);
	free(a->wb);
}

void acc_points(const struct curve_acc *a, uint64_t nrefs, const uint64_t *xs, size_t nx,
		struct sweep_point *pts)
{
	uint64_t V = a->V;
	uint64_t *faults = malloc(sizeof(uint64_t) * (V + 2));
	int64_t *wbk = malloc(sizeof(int64_t) * (V + 2));

	if (!faults || !wbk) {
		/* Fall back to per-point sums: slower, same answer. */
		for (size_t i = 0; i < nx; i++) {
			uint64_t k = xs[i] < V ? xs[i] : V, f = a->cold;
			int64_t w = 0;
			for (uint64_t d = k + 1; d <= V; d++)
				f += a->hist[d];
			for (uint64_t j = 1; j <= k; j++)
				w += a->wb[j];
			pts[i] = (struct sweep_point){ .x = xs[i], .faults = f, .hits = nrefs - f,
						       .evictions = f - (xs[i] < V ? xs[i] : V),
						       .writebacks = (uint64_t)w };
		}
		free(faults);
		free(wbk);
		return;
	}
	faults[V] = a->cold;
	for (uint64_t k = V; k-- > 0;)
		faults[k] = faults[k + 1] + a->hist[k + 1];
	wbk[0] = 0;
	for (uint64_t k = 1; k <= V; k++)
		wbk[k] = wbk[k - 1] + a->wb[k];
	for (size_t i = 0; i < nx; i++) {
		uint64_t k = xs[i] < V ? xs[i] : V;
		pts[i] = (struct sweep_point){
			.x = xs[i],
			.faults = faults[k],
			.hits = nrefs - faults[k],
			.evictions = faults[k] - k,
			.writebacks = (uint64_t)wbk[k],
		};
	}
	free(faults);
	free(wbk);
}
