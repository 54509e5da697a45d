/* fuzz_options.c - libFuzzer harness for the option value parsers: frame
 * ranges (-n 1-64:2, all), sizes with units (--page-size 4KiB), number
 * lists (-n 3,4) and policy lists.  Each must accept or refuse with
 * VT_USAGE, and what it accepts must be within its bounds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "geometry.h"
#include "options.h"
#include "sweep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct sweep_range range;
	struct policy_choice *pol;
	uint64_t v, *list;
	unsigned shift;
	size_t n;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (sweep_parse_range("-n", s, MAX_FRAMES, true, &range) == 0) {
		if (!range.all && (range.lo < 1 || range.hi < range.lo || range.hi > MAX_FRAMES ||
				   range.step < 1))
			abort();
		if (!range.all && (range.hi - range.lo) / range.step < 4096) {
			uint64_t *xs;
			size_t nx;
			if (sweep_range_values(&range, 8, &xs, &nx) == 0) {
				for (size_t i = 0; i < nx; i++)
					if (xs[i] < range.lo || xs[i] > range.hi)
						abort();
				free(xs);
			}
		}
	}
	if (opt_parse_size("--size", s, &v) == 0 && strchr(s, '-'))
		abort();
	if (opt_parse_page_size(s, &shift) == 0 && (shift < PAGE_SHIFT_MIN || shift > PAGE_SHIFT_MAX))
		abort();
	if (opt_parse_u64_list("-n", s, 1, MAX_FRAMES, &list, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			if (list[i] < 1 || list[i] > MAX_FRAMES)
				abort();
		free(list);
	}
	if (opt_parse_policies(s, &pol, &n) == 0) {
		if (n == 0)
			abort();
		free(pol);
	}
	free(s);
	return 0;
}
