/* nru.c - not recently used (Tanenbaum, Modern Operating Systems, 3.4.2).
 *
 * Theory: every page has the two bits the MMU keeps in its PTE, R (the x86
 * accessed bit A, set when the page is loaded and on every reference) and
 * D (dirty, set by a write).  Every `tick` references the operating system
 * clears every R (a clock interrupt): just before the references at times
 * tick, 2*tick, 3*tick, ... (0-based).  The bits put each page in a class:
 *     0: R=0 D=0    1: R=0 D=1    2: R=1 D=0    3: R=1 D=1
 * and the victim is a page of the lowest class that is not empty.  Within a
 * class Tanenbaum takes any page; here it is the lowest frame number, so a
 * run is reproducible.  Eviction writes a dirty victim back as usual.
 *
 * State: R and D as bit sets over frames (ptebits.h), so the victim is the
 * first set bit of (~R & ~D), then (~R & D), ...: frames/64 words per
 * class.  Not a stack algorithm.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "policy.h"
#include "ptebits.h"

struct nru {
	struct ptebits bits;
};

static void nru_release(struct policy *p)
{
	struct nru *n = (struct nru *)p;

	ptebits_release(&n->bits);
	free(n);
}

static int nru_init(struct policy **out, const struct policy_env *env)
{
	struct nru *n = calloc(1, sizeof(*n));

	if (!n)
		return vt_error(VT_SOFTWARE, "out of memory");
	if (ptebits_init(&n->bits, env->machine, env->frames, env->param[0])) {
		nru_release((struct policy *)n);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	*out = (struct policy *)n;
	return 0;
}

static void nru_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	ptebits_hit(&((struct nru *)p)->bits, frame, t);
}

static void nru_load(struct policy *p, uint32_t frame, uint64_t t)
{
	ptebits_load(&((struct nru *)p)->bits, frame, t);
}

static uint32_t nru_victim(struct policy *p, uint64_t t)
{
	struct ptebits *b = &((struct nru *)p)->bits;
	const uint64_t take = 0, omit = ~UINT64_C(0);

	ptebits_tick(b, t);
	for (unsigned cls = 0; cls < 4; cls++) {
		uint32_t f = frameset_find(&b->r, cls & 2 ? take : omit, &b->d,
					   cls & 1 ? take : omit, 0);
		if (f != NO_FRAME)
			return f;
	}
	return NO_FRAME; /* every frame is in some class */
}

static const struct policy_param nru_params[] = {
	{ "tick", 1000, 1, UINT64_MAX, "references between clearings of every R bit" },
	{ NULL, 0, 0, 0, NULL },
};

const struct policy_ops policy_nru = {
	.name = "nru",
	.summary = "not recently used: lowest (R, D) class, R cleared every tick",
	.params = nru_params,
	.init = nru_init,
	.release = nru_release,
	.hit = nru_hit,
	.load = nru_load,
	.victim = nru_victim,
};
