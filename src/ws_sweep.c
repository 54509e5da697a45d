/* ws_sweep.c - the working set for every window tau in one pass.
 *
 * Theory (Denning and Schwartz 1972): with times 0..N-1, let g(u) be the
 * gap from the reference at u to the next reference to the same page
 * (infinite if none).  Then for a window tau:
 *   - the reference at v faults iff it is a first touch or the gap from
 *     the previous reference to its page is > tau;
 *   - the page referenced at u counts in |W(t, tau)| for t = u ..
 *     min(u + tau, u + g(u), N) - 1, so the sum over t of |W(t, tau)| is
 *     the sum over u of min(tau, h(u)) with h(u) = min(g(u), N - u);
 *   - after the reference at u + tau the page leaves the window (an
 *     eviction) iff g(u) > tau and u + tau <= N - 1;
 *   - it is then written back iff it was written during its stay: iff
 *     M(u) <= tau, where M(u) is the largest gap between the last write at
 *     or before u and u (0 when u writes, infinite if no write since).
 * Histograms of g and h give faults and the mean for every tau; evictions
 * and write-backs are ranges of tau added into difference arrays.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "ref.h"
#include "sweep.h"

#define INF UINT64_MAX

int ws_sweep(const struct sweep_input *in, const uint32_t *next_use, const uint64_t *taus,
	     size_t nt, struct sweep_point *pts)
{
	uint64_t T = 0, N = in->n, cold = 0;
	size_t pages = vpn_space(in->page_shift);
	uint64_t *gap_cnt, *h_cnt, *h_sum, *maxgap, *prev;
	int64_t *ev, *wb;
	int err = 0;

	for (size_t i = 0; i < nt; i++)
		if (taus[i] > T)
			T = taus[i];
	/* A window as long as the trace holds every reference, so every
	 * larger tau gives the same point: the tables stop at N. */
	if (T > N)
		T = N ? N : 1;
	/* Bins 1..T exactly; bin T+1 holds everything larger. */
	gap_cnt = calloc(T + 2, sizeof(uint64_t));
	h_cnt = calloc(T + 2, sizeof(uint64_t));
	h_sum = calloc(T + 2, sizeof(uint64_t));
	ev = calloc(T + 2, sizeof(int64_t));
	wb = calloc(T + 2, sizeof(int64_t));
	maxgap = malloc(sizeof(uint64_t) * pages);
	prev = malloc(sizeof(uint64_t) * pages);
	if (!gap_cnt || !h_cnt || !h_sum || !ev || !wb || !maxgap || !prev) {
		err = vt_error(VT_SOFTWARE, "out of memory for the working-set pass");
		goto out;
	}
	for (size_t p = 0; p < pages; p++)
		prev[p] = INF;

	for (uint64_t u = 0; u < N; u++) {
		uint32_t vpn = ref_vpn(in->refs[u]);
		uint64_t g = next_use[u] == NEXT_USE_NEVER ? INF : next_use[u] - u;
		uint64_t h = g < N - u ? g : N - u;
		uint64_t M, hi;

		/* Backward gap: faults for tau < gap. */
		if (prev[vpn] == INF) {
			cold++;
			M = INF;
		} else {
			uint64_t back = u - prev[vpn];
			gap_cnt[back <= T ? back : T + 1]++;
			M = maxgap[vpn] == INF ? INF : (back > maxgap[vpn] ? back : maxgap[vpn]);
		}
		if (ref_kind(in->refs[u]) == REF_WRITE)
			M = 0;
		maxgap[vpn] = M;
		prev[vpn] = u;

		if (h <= T) {
			h_cnt[h]++;
			h_sum[h] += h;
		} else {
			h_cnt[T + 1]++;
		}
		/* It leaves after u + tau for 1 <= tau <= min(g - 1, N - 1 - u). */
		hi = g == INF ? N - 1 - u : (g - 1 < N - 1 - u ? g - 1 : N - 1 - u);
		if (hi > T)
			hi = T;
		if (hi >= 1) {
			ev[1]++;
			ev[hi + 1]--;
			if (M != INF && (M < 1 ? 1 : M) <= hi) {
				wb[M < 1 ? 1 : M]++;
				wb[hi + 1]--;
			}
		}
	}

	{
		/* Sweep tau upwards keeping running sums. */
		uint64_t faults_above = 0, hsum_below = 0, hcnt_above = N;
		int64_t e = 0, w = 0;
		uint64_t *F = malloc(sizeof(uint64_t) * (T + 1));
		double *mean = malloc(sizeof(double) * (T + 1));
		uint64_t *E = malloc(sizeof(uint64_t) * (T + 1));
		uint64_t *W = malloc(sizeof(uint64_t) * (T + 1));

		if (!F || !mean || !E || !W) {
			free(F);
			free(mean);
			free(E);
			free(W);
			err = vt_error(VT_SOFTWARE, "out of memory for the working-set pass");
			goto out;
		}
		for (uint64_t g = 1; g <= T + 1; g++)
			faults_above += gap_cnt[g];
		for (uint64_t tau = 1; tau <= T; tau++) {
			/* gaps > tau fault */
			faults_above -= gap_cnt[tau];
			F[tau] = cold + faults_above;
			/* sum of min(tau, h) = sum of h <= tau + tau * count(h > tau) */
			hsum_below += h_sum[tau];
			hcnt_above -= h_cnt[tau];
			mean[tau] = N ? ((double)hsum_below + (double)tau * (double)hcnt_above) / (double)N : 0;
			e += ev[tau];
			w += wb[tau];
			E[tau] = (uint64_t)e;
			W[tau] = (uint64_t)w;
		}
		for (size_t i = 0; i < nt; i++) {
			uint64_t tau = taus[i] < T ? taus[i] : T;
			pts[i] = (struct sweep_point){
				.x = taus[i],
				.faults = F[tau],
				.hits = N - F[tau],
				.evictions = E[tau],
				.writebacks = W[tau],
				.mean_resident = mean[tau],
			};
		}
		free(F);
		free(mean);
		free(E);
		free(W);
	}
out:
	free(gap_cnt);
	free(h_cnt);
	free(h_sum);
	free(ev);
	free(wb);
	free(maxgap);
	free(prev);
	return err;
}
