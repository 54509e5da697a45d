/* linux2q.c - Linux's active and inactive lists (mm/vmscan.c, mm/swap.c;
 * the kernel's "Page Reclaim" documentation), reduced to one process.
 *
 * Theory: two lists of resident pages, newest at the head.
 *   - A page that is loaded goes to the head of the inactive list with its
 *     PG_referenced flag set: the faulting access is its first reference.
 *   - A reference to an inactive page without PG_referenced sets it; a
 *     reference to an inactive page with PG_referenced (its second) moves it
 *     to the head of the active list and clears the flag, as
 *     mark_page_accessed() does.  A reference to an active page sets its
 *     flag and does not move it.
 *   - On a fault with every frame full, the active list is first shrunk
 *     while it holds more than `ratio` times as many pages as the inactive
 *     list (inactive_list_is_low()): its tail page, if its flag is set, has
 *     the flag cleared and goes back to the active head (it was used while
 *     active: one more trip, as mapped pages got before Linux 2.6.28);
 *     otherwise it moves to the head of the inactive list, flag clear.
 *   - The victim is the tail of the inactive list.
 * So a page used once passes through the inactive list only and cannot
 * push out the active (twice-used) pages: scan resistance, which is why
 * Linux keeps two lists.  (The seed notes say new pages enter the active
 * list; Linux puts them on the inactive one, as the issue does.)  There are
 * no ties: both lists are ordered.  Each step is O(1) amortized: a page
 * goes round the active list once per reference that set its flag.  Not a
 * stack algorithm.
 */
#include <stdlib.h>

#include "error.h"
#include "exitcodes.h"
#include "flist.h"
#include "policy.h"

struct linux2q {
	struct flink link;
	struct flist active, inactive;
	uint8_t *referenced, *on_active;
	uint64_t ratio;
};

static void linux2q_release(struct policy *p)
{
	struct linux2q *q = (struct linux2q *)p;

	flink_release(&q->link);
	free(q->referenced);
	free(q->on_active);
	free(q);
}

static int linux2q_init(struct policy **out, const struct policy_env *env)
{
	struct linux2q *q = calloc(1, sizeof(*q));
	uint32_t n = env->frames ? env->frames : 1;

	if (!q)
		return vt_error(VT_SOFTWARE, "out of memory");
	q->ratio = env->param[0];
	flist_init(&q->active);
	flist_init(&q->inactive);
	q->referenced = calloc(n, 1);
	q->on_active = calloc(n, 1);
	if (!q->referenced || !q->on_active || flink_init(&q->link, env->frames)) {
		linux2q_release((struct policy *)q);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	*out = (struct policy *)q;
	return 0;
}

static void linux2q_hit(struct policy *p, uint32_t frame, uint64_t t)
{
	struct linux2q *q = (struct linux2q *)p;

	(void)t;
	if (q->on_active[frame] || !q->referenced[frame]) {
		q->referenced[frame] = 1;
		return;
	}
	flist_unlink(&q->link, &q->inactive, frame);
	flist_push_head(&q->link, &q->active, frame);
	q->on_active[frame] = 1;
	q->referenced[frame] = 0;
}

static void linux2q_load(struct policy *p, uint32_t frame, uint64_t t)
{
	struct linux2q *q = (struct linux2q *)p;

	(void)t;
	flist_push_head(&q->link, &q->inactive, frame);
	q->on_active[frame] = 0;
	q->referenced[frame] = 1;
}

static uint32_t linux2q_victim(struct policy *p, uint64_t t)
{
	struct linux2q *q = (struct linux2q *)p;

	(void)t;
	while (q->active.n > q->ratio * q->inactive.n) {
		uint32_t f = flist_pop_tail(&q->link, &q->active);
		if (q->referenced[f]) {
			q->referenced[f] = 0;
			flist_push_head(&q->link, &q->active, f);
		} else {
			q->on_active[f] = 0;
			flist_push_head(&q->link, &q->inactive, f);
		}
	}
	return flist_pop_tail(&q->link, &q->inactive);
}

static const struct policy_param linux2q_params[] = {
	{ "ratio", 1, 1, 1000, "the active list is kept to at most ratio x the inactive one" },
	{ NULL, 0, 0, 0, NULL },
};

const struct policy_ops policy_linux2q = {
	.name = "linux2q",
	.summary = "Linux active/inactive lists: a second reference activates, evict inactive tail",
	.params = linux2q_params,
	.init = linux2q_init,
	.release = linux2q_release,
	.hit = linux2q_hit,
	.load = linux2q_load,
	.victim = linux2q_victim,
};
