/* esc.c - enhanced second chance: a clock on the (R, D) classes.
 *
 * Theory (Stallings, Operating Systems: Internals and Design Principles,
 * "the clock policy" with use and modify bits; Silberschatz et al. call it
 * enhanced second chance).  Frames fill 0..n-1 while free; the hand starts
 * at frame 0.  R is the x86 accessed bit (set on load and on every hit), D
 * the dirty bit.  On a fault with every frame full:
 *   1. from the hand, go once round the frames looking for R=0 D=0,
 *      changing nothing; the first such frame is the victim;
 *   2. otherwise go round again looking for R=0 D=1, clearing R of every
 *      frame passed over; the first such frame is the victim;
 *   3. otherwise (every R is now 0) repeat step 1 and, if need be, step 2,
 *      which then cannot fail.
 * The new page goes into the victim's frame and the hand moves to the
 * frame after it.  A dirty victim is written back when evicted.  With the
 * parameter tick > 0, every R is also cleared just before the references at
 * times tick, 2*tick, ... (0-based), as NRU's clock interrupt does; the
 * default, 0, leaves clearing to the hand alone.
 *
 * State: R and D as bit sets (ptebits.h); each step is a cyclic search over frames/64
 * words, and step 2 clears R over the frames it passed as one range.
 * Not a stack algorithm.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "policy.h"
#include "ptebits.h"

struct esc {
	struct ptebits bits;
	uint32_t hand, frames;
};

static void esc_release(struct policy *p)
{
	struct esc *e = (struct esc *)p;

	ptebits_release(&e->bits);
	free(e);
}

static int esc_init(struct policy **out, const struct policy_env *env)
{
	struct esc *e = calloc(1, sizeof(*e));

	if (!e)
		return vt_error(VT_SOFTWARE, "out of memory");
	e->frames = env->frames;
	if (ptebits_init(&e->bits, env->machine, env->frames, env->param[0])) {
		esc_release((struct policy *)e);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	*out = (struct policy *)e;
	return 0;
}

static void esc_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	ptebits_hit(&((struct esc *)p)->bits, frame, t);
}

static void esc_load(struct policy *p, uint32_t frame, uint64_t t)
{
	ptebits_load(&((struct esc *)p)->bits, frame, t);
}

static uint32_t esc_victim(struct policy *p, uint64_t t)
{
	struct esc *e = (struct esc *)p;
	struct ptebits *b = &e->bits;
	const uint64_t take = 0, omit = ~UINT64_C(0);
	uint32_t f = NO_FRAME;

	ptebits_tick(b, t);
	for (int round = 0; round < 2 && f == NO_FRAME; round++) {
		f = frameset_find(&b->r, omit, &b->d, omit, e->hand);
		if (f != NO_FRAME)
			break;
		f = frameset_find(&b->r, omit, &b->d, take, e->hand);
		/* Step 2 passed over hand .. f-1, or all the way round. */
		if (f == NO_FRAME) {
			frameset_clear_all(&b->r);
		} else if (f >= e->hand) {
			frameset_clear_range(&b->r, e->hand, f);
		} else {
			frameset_clear_range(&b->r, e->hand, e->frames);
			frameset_clear_range(&b->r, 0, f);
		}
	}
	e->hand = f + 1 == e->frames ? 0 : f + 1;
	return f;
}

static const struct policy_param esc_params[] = {
	{ "tick", 0, 0, UINT64_MAX, "references between clearings of every R bit; 0: never" },
	{ NULL, 0, 0, 0, NULL },
};

const struct policy_ops policy_esc = {
	.name = "esc",
	.summary = "enhanced second chance: clock hand over (R, D) classes, clean first",
	.params = esc_params,
	.init = esc_init,
	.release = esc_release,
	.hit = esc_hit,
	.load = esc_load,
	.victim = esc_victim,
};
