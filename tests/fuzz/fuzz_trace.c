/* fuzz_trace.c - libFuzzer harness for the trace readers.
 *
 * Built three times by `make fuzz`, with FUZZ_FORMAT "seq", "lackey" or
 * "auto".  The first byte chooses the reader options (page size, -D,
 * --first-page-only, --strict, --reject-high), the rest is the trace.  The
 * reader must return 0 or an exit code from exitcodes.h, never crash, and
 * keep its counters consistent.
 */
#include <stdint.h>
#include <stdlib.h>

#include "exitcodes.h"
#include "geometry.h"
#include "ref.h"
#include "trace.h"

#ifndef FUZZ_FORMAT
#define FUZZ_FORMAT "auto"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint32_t block[4096];
	struct trace_options opt = { .page_shift = PAGE_SHIFT_DEFAULT };
	struct trace_reader *r;
	uint64_t refs = 0;
	uint8_t flags = size ? data[0] : 0;
	size_t got;
	int err;

	if (size) {
		data++;
		size--;
	}
	opt.page_shift = PAGE_SHIFT_MIN + (flags & 15) % (PAGE_SHIFT_MAX - PAGE_SHIFT_MIN + 1);
	opt.data_only = flags & 16;
	opt.first_page_only = flags & 32;
	opt.strict = flags & 64;
	opt.reject_high = flags & 128;
	if (trace_open_memory(&r, "fuzz", data, size, FUZZ_FORMAT, &opt))
		return 0;
	while ((err = trace_next(r, block, sizeof(block) / sizeof(block[0]), &got)) == 0 && got) {
		for (size_t i = 0; i < got; i++) {
			/* Events traces carry process events between references. */
			if (ref_is_event(block[i])) {
				if (ref_event(block[i]) < EVENT_SWITCH || ref_event(block[i]) > EVENT_EXEC ||
				    ref_event_pid(block[i]) == 0)
					abort();
				continue;
			}
			if (ref_vpn(block[i]) >= vpn_space(opt.page_shift) || ref_kind(block[i]) > REF_FETCH)
				abort();
			refs++;
		}
	}
	if (err != 0 && err != VT_DATAERR && err != VT_USAGE && err != VT_SOFTWARE)
		abort();
	if (!err && r->sum.references != refs)
		abort();
	if (!err && r->sum.reads + r->sum.writes + r->sum.fetches != refs)
		abort();
	trace_close(r);
	return 0;
}
