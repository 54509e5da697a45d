/* sieve.c - SIEVE (Zhang, Yang, Yue, Vigfusson and Vinayak, "SIEVE is
 * Simpler than LRU: an Efficient Turn-Key Eviction Algorithm for Web
 * Caches", NSDI 2024, Algorithm 1).
 *
 * Theory: one FIFO queue, new pages at the head, and a "visited" bit per
 * page, set by a hit and clear on load (unlike Clock's accessed bit, which
 * the load sets too).  A hand remembers where the last eviction stopped;
 * it starts at the tail.  To evict: from the hand (the tail if the hand
 * has fallen off), while the page under it is visited, clear its bit and
 * step toward the head, wrapping from the head back to the tail; evict the
 * page under the hand and leave the hand on its neighbour toward the head.
 * Unlike Clock, a survivor is not moved: new pages still enter at the head
 * while old, visited pages keep their place behind the hand ("lazy
 * promotion, quick demotion").  No parameters; no ties (the walk is
 * deterministic).  Not a stack algorithm.
 *
 *     head (newest) <-prev--  ...  --next-> tail (oldest)
 *                           hand walks prev-ward, wraps to tail
 *
 * Machine fit: the new page takes the victim's frame but goes to the head
 * of the queue, so the queue is a linked list of frames.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "policy.h"
#include "qlist.h"

struct sieve {
	struct qlinks k;
	struct qlist q;
	uint8_t *visited;
	uint32_t hand;     /* QNIL: start at the tail */
};

static void sieve_release(struct policy *p)
{
	struct sieve *s = (struct sieve *)p;

	if (!s)
		return;
	qlinks_release(&s->k);
	free(s->visited);
	free(s);
}

static int sieve_init(struct policy **out, const struct policy_env *env)
{
	struct sieve *s = calloc(1, sizeof(*s));

	if (!s || qlinks_init(&s->k, env->frames) ||
	    !(s->visited = calloc(env->frames, 1))) {
		sieve_release((struct policy *)s);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	qlist_init(&s->q);
	s->hand = QNIL;
	*out = (struct policy *)s;
	return 0;
}

static void sieve_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	(void)t;
	((struct sieve *)p)->visited[frame] = 1;
}

static void sieve_load(struct policy *p, uint32_t frame, uint64_t t)
{
	struct sieve *s = (struct sieve *)p;

	(void)t;
	s->visited[frame] = 0;
	qlist_push_head(&s->k, &s->q, frame);
}

static uint32_t sieve_victim(struct policy *p, uint64_t t)
{
	struct sieve *s = (struct sieve *)p;
	uint32_t o = s->hand != QNIL ? s->hand : s->q.tail;

	(void)t;
	/* Ends within one lap: every step clears a bit. */
	while (s->visited[o]) {
		s->visited[o] = 0;
		o = s->k.prev[o];
		if (o == QNIL)
			o = s->q.tail;
	}
	s->hand = s->k.prev[o];
	qlist_remove(&s->k, &s->q, o);
	return o;
}

const struct policy_ops policy_sieve = {
	.name = "sieve",
	.summary = "SIEVE: FIFO queue with visited bits and a hand that keeps its place",
	.init = sieve_init,
	.release = sieve_release,
	.hit = sieve_hit,
	.load = sieve_load,
	.victim = sieve_victim,
};
