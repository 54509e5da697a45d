/* clock.c - second chance.
 *
 * Theory: FIFO that spares pages in use.  Each frame's reference bit is
 * the x86 accessed bit (A) of the PTE mapping it: the MMU sets it when the
 * page is loaded and on every hit, so this policy needs no hit hook at all.
 * The hand starts at frame 0.  On a fault with every frame full: while the
 * frame under the hand has A=1, clear A and advance; the frame under the
 * hand is the victim; the new page goes there (A=1) and the hand advances
 * one frame.  Frames fill 0..n-1 while free, without moving the hand.
 * Not a stack algorithm: 0,1,2,3,1,0,1,4,0,1 faults 6 times on 3 frames
 * and 7 on 4.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "machine.h"
#include "policy.h"

struct clock {
	struct machine *m;
	uint32_t frames;
	uint32_t hand;
};

static int clock_init(struct policy **out, const struct policy_env *env)
{
	struct clock *c = calloc(1, sizeof(*c));

	if (!c)
		return vt_error(VT_SOFTWARE, "out of memory");
	c->m = env->machine;
	c->frames = env->frames;
	*out = (struct policy *)c;
	return 0;
}

static void clock_release(struct policy *p)
{
	free(p);
}

static void clock_load(struct policy *p, uint32_t frame, uint64_t t)
{
	(void)p;
	(void)frame;
	(void)t;
}

static uint32_t clock_victim(struct policy *p, uint64_t t)
{
	struct clock *c = (struct clock *)p;
	uint32_t v;

	(void)t;
	/* Terminates within one revolution: each step clears a bit. */
	while (machine_test_and_clear_accessed(c->m, c->hand))
		c->hand = c->hand + 1 == c->frames ? 0 : c->hand + 1;
	v = c->hand;
	c->hand = v + 1 == c->frames ? 0 : v + 1;
	return v;
}

const struct policy_ops policy_clock = {
	.name = "clock",
	.summary = "second chance: FIFO hand that skips (and clears) referenced frames",
	.init = clock_init,
	.release = clock_release,
	.load = clock_load,
	.victim = clock_victim,
};
