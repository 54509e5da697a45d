/* ptebits.h - a policy's copy of the R (accessed) and D (dirty) PTE bits.
 *
 * NRU, ESC and WSClock rank frames by R and D.  Reading them from the page
 * tables frame by frame would cost a table walk per frame per fault, so
 * they keep them as bit sets over frames: R is set on the events that set
 * the x86 A bit (the load, every hit) and cleared by the policy, which is
 * what clearing A would do; D is read from the PTE (machine_test_dirty)
 * when a page known to be clean is referenced, and cleared with
 * machine_clean().  With tick > 0, every R is cleared just before the
 * references at times tick, 2*tick, ... (0-based): a clock interrupt.
 */
#ifndef VMTRACE_PTEBITS_H
#define VMTRACE_PTEBITS_H

#include "frameset.h"
#include "machine.h"

struct ptebits {
	struct machine *m;
	struct frameset r, d;
	uint64_t tick, next_tick;   /* tick 0: no clock interrupt */
};

/* Return: 0, or -1 when out of memory. */
static inline int ptebits_init(struct ptebits *b, struct machine *m, uint32_t frames,
			       uint64_t tick)
{
	b->m = m;
	b->tick = b->next_tick = tick;
	b->r.w = b->d.w = NULL;
	return frameset_init(&b->r, frames) || frameset_init(&b->d, frames) ? -1 : 0;
}

static inline void ptebits_release(struct ptebits *b)
{
	frameset_release(&b->r);
	frameset_release(&b->d);
}

/* The clock interrupt, if one is due before the reference at t. */
static inline void ptebits_tick(struct ptebits *b, uint64_t t)
{
	if (b->tick && t >= b->next_tick) {
		frameset_clear_all(&b->r);
		b->next_tick = (t / b->tick + 1) * b->tick;
	}
}

static inline void ptebits_hit(struct ptebits *b, uint32_t frame, uint64_t t)
{
	ptebits_tick(b, t);
	frameset_set(&b->r, frame);
	if (!frameset_test(&b->d, frame) && machine_test_dirty(b->m, frame))
		frameset_set(&b->d, frame);
}

static inline void ptebits_load(struct ptebits *b, uint32_t frame, uint64_t t)
{
	ptebits_tick(b, t);
	frameset_set(&b->r, frame);
	if (machine_test_dirty(b->m, frame))
		frameset_set(&b->d, frame);
	else
		frameset_clear(&b->d, frame);
}

#endif
