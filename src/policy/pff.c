/* pff.c - page-fault frequency (Chu and Opderbeck 1972), variable
 * allocation.
 *
 * Theory: the resident set grows while the process faults often and
 * shrinks when it faults rarely.  The one parameter is the critical
 * inter-fault interval T, read from --tau (it plays the part WS's window
 * plays, and is swept the same way).  On a fault at time t (0-based), with
 * the previous fault at time t':
 *   - t - t' <= T (faulting often): the new page is added, nothing leaves;
 *   - t - t' >  T (faulting rarely): the new page is added and every page
 *     not referenced since the previous fault -- last reference before t'
 *     -- leaves the resident set (an eviction, and a write-back if dirty).
 * The first fault of the trace only adds.  There is no fixed frame count
 * and no victim: pages leave only as above, so the resident set may grow
 * to every page of the trace; the machine offers PFF all frames a PTE can
 * address.  "Referenced since the previous fault" is what Chu and
 * Opderbeck's use bits, reset at every fault, record.
 *
 * State: the resident pages in order of last reference (an LRU list); the
 * pages to drop are its tail, up to the first one referenced at or after
 * t'.  The machine asks expire() after the reference until it says
 * NO_FRAME, so a shrink costs O(1) per page dropped.  PFF is not a stack
 * algorithm in T (Franklin, Graham and Gupta 1978 show anomalies).
 */
#include <stdbool.h>
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "flist.h"
#include "policy.h"

struct pff {
	uint64_t T;
	uint64_t *last;        /* last reference of each frame's page */
	struct flink link;
	struct flist lru;      /* most recently referenced at the head */
	uint64_t prev_fault, cutoff;
	bool faulted, shrinking;
};

static void pff_release(struct policy *p)
{
	struct pff *f = (struct pff *)p;

	flink_release(&f->link);
	free(f->last);
	free(f);
}

static int pff_init(struct policy **out, const struct policy_env *env)
{
	struct pff *f = calloc(1, sizeof(*f));

	if (!f)
		return vt_error(VT_SOFTWARE, "out of memory");
	f->T = env->tau;
	flist_init(&f->lru);
	f->last = malloc(sizeof(uint64_t) * (env->frames ? env->frames : 1));
	if (!f->last || flink_init(&f->link, env->frames)) {
		pff_release((struct policy *)f);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	*out = (struct policy *)f;
	return 0;
}

static void pff_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	struct pff *f = (struct pff *)p;

	f->last[frame] = t;
	if (f->lru.head != frame) {
		flist_unlink(&f->link, &f->lru, frame);
		flist_push_head(&f->link, &f->lru, frame);
	}
}

static void pff_load(struct policy *p, uint32_t frame, uint64_t t)
{
	struct pff *f = (struct pff *)p;

	if (f->faulted && t - f->prev_fault > f->T) {
		f->shrinking = true;
		f->cutoff = f->prev_fault;
	}
	f->faulted = true;
	f->prev_fault = t;
	f->last[frame] = t;
	flist_push_head(&f->link, &f->lru, frame);
}

static uint32_t pff_expire(struct policy *p, uint64_t t)
{
	struct pff *f = (struct pff *)p;

	(void)t;
	if (f->shrinking && f->last[f->lru.tail] < f->cutoff)
		return flist_pop_tail(&f->link, &f->lru);
	f->shrinking = false;
	return NO_FRAME;
}

/* Never asked while frames are free, and PFF has every frame there is. */
static uint32_t pff_victim(struct policy *p, uint64_t t)
{
	(void)p;
	(void)t;
	return NO_FRAME;
}

const struct policy_ops policy_pff = {
	.name = "pff",
	.summary = "page-fault frequency: grow on faults within tau, else drop pages unused since the last",
	.flags = POLICY_WINDOW | POLICY_UNBOUNDED,
	.init = pff_init,
	.release = pff_release,
	.hit = pff_hit,
	.load = pff_load,
	.victim = pff_victim,
	.expire = pff_expire,
};
