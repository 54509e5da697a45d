/* nextuse.c - next-use times for OPT, in one backward pass. */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "policy.h"
#include "ref.h"
#include "replay.h"

int next_use_compute(const uint32_t *refs, size_t n, unsigned page_shift, uint32_t **out)
{
	uint32_t *next, *seen;
	size_t pages = vpn_space(page_shift);

	*out = NULL;
	if (n >= NEXT_USE_NEVER)
		return vt_error(VT_USAGE, "opt: traces of 2^32 - 1 references or more are not supported");
	next = malloc(sizeof(*next) * (n ? n : 1));
	seen = malloc(sizeof(*seen) * pages);
	if (!next || !seen) {
		free(next);
		free(seen);
		return vt_error(VT_SOFTWARE, "out of memory for the next-use table (%zu references)", n);
	}
	for (size_t p = 0; p < pages; p++)
		seen[p] = NEXT_USE_NEVER;
	for (size_t t = n; t-- > 0;) {
		uint32_t vpn = ref_vpn(refs[t]);
		next[t] = seen[vpn];
		seen[vpn] = (uint32_t)t;
	}
	free(seen);
	*out = next;
	return 0;
}
