/* random.c - a victim drawn at random, reproducibly.
 *
 * Theory: the baseline every policy should beat.  On the k-th fault that
 * needs a victim (k = 1, 2, ...), the victim is frame x_k mod n, where n is
 * the frame count and x_k the k-th output of splitmix64 (Steele, Lea and
 * Flood 2014) started from the state `seed`:
 *     s += 0x9e3779b97f4a7c15;  z = s;
 *     z = (z ^ z >> 30) * 0xbf58476d1ce4e5b9;
 *     z = (z ^ z >> 27) * 0x94d049bb133111eb;
 *     x = z ^ z >> 31.
 * The generator is the policy's own, so a run gives the same faults on
 * every machine and in every sweep thread; hits draw nothing.  (The modulo
 * bias, under 2^-40 for n <= 2^20 frames, is of no consequence.)  Not a
 * stack algorithm: a victim depends on the frame count.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "policy.h"

struct random_policy {
	uint64_t state;
	uint32_t frames;
};

static int random_init(struct policy **out, const struct policy_env *env)
{
	struct random_policy *r = calloc(1, sizeof(*r));

	if (!r)
		return vt_error(VT_SOFTWARE, "out of memory");
	r->state = env->param[0];
	r->frames = env->frames;
	*out = (struct policy *)r;
	return 0;
}

static void random_release(struct policy *p)
{
	free(p);
}

static void random_load(struct policy *p, uint32_t frame, uint64_t t)
{
	(void)p;
	(void)frame;
	(void)t;
}

static uint32_t random_victim(struct policy *p, uint64_t t)
{
	struct random_policy *r = (struct random_policy *)p;
	uint64_t z = (r->state += UINT64_C(0x9e3779b97f4a7c15));

	(void)t;
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return (uint32_t)((z ^ (z >> 31)) % r->frames);
}

static const struct policy_param random_params[] = {
	{ "seed", 1, 0, UINT64_MAX, "starting state of the splitmix64 generator" },
	{ NULL, 0, 0, 0, NULL },
};

const struct policy_ops policy_random = {
	.name = "random",
	.summary = "evict a frame drawn by a seeded generator (reproducible)",
	.params = random_params,
	.init = random_init,
	.release = random_release,
	.load = random_load,
	.victim = random_victim,
};
