/* machine.c - the simulated MMU, frame table and fault path.
 *
 * Notes (the model; the man page says the same):
 *   - One address space: a page directory of pgdir_entries() slots, each
 *     pointing to a page table of 1024 PTEs allocated on first touch (and
 *     counted: page_tables).
 *   - A PTE is an x86 PTE: frame number in bits 12..31, P, R/W, U/S, A, D.
 *     A hit sets A, and D when it writes, as the CPU would.  Loading a page
 *     sets P, R/W, U/S, A (and D for a write).  Evicting clears P and A/D.
 *     Bit 9 (available to software) remembers that the page was touched, so
 *     distinct pages are counted without a side table.
 *   - Frames are handed out 0, 1, 2, ... while free; after that a fault asks
 *     the policy for a victim, evicts it (a write-back if its D bit is set)
 *     and loads the new page into the same frame.  Nothing is flushed at the
 *     end.  Window policies (WS) free frames through expire(); the frame
 *     freed most recently is reused first.
 *   - A fault is a reference to a page that is not present; first touches
 *     count.  Instruction fetches are references like reads.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "machine.h"
#include "ref.h"

struct machine {
	const struct policy_ops *ops;
	struct policy *policy;
	uint32_t nframes;
	uint32_t used;          /* frames handed out so far, 0..nframes */
	uint32_t *free_stack;   /* window policies: frames given back */
	uint32_t nfree;
	uint32_t resident;
	uint32_t *frame_vpn;    /* page in each frame, NO_PAGE when free */
	uint32_t **pgdir;
	uint32_t npgdir;
	uint64_t now;           /* time of the next reference */
	uint64_t kinds[4];      /* references by enum ref_kind */
	struct machine_counters c;
};

int machine_new(struct machine **out, const struct machine_config *cfg)
{
	struct machine *m = calloc(1, sizeof(*m));
	struct policy_env env;
	struct policy_choice defaults;
	int err;

	*out = NULL;
	if (!m)
		return vt_error(VT_SOFTWARE, "out of memory");
	m->ops = cfg->policy;
	if (m->ops->flags & POLICY_WINDOW) {
		/* A window holds at most tau pages, plus the one a fault brings
		 * in before the oldest leaves; never more than the space holds. */
		uint64_t n = cfg->tau + 1 < vpn_space(cfg->page_shift) &&
					     !(m->ops->flags & POLICY_UNBOUNDED)
				     ? cfg->tau + 1
				     : vpn_space(cfg->page_shift);
		m->nframes = n < MAX_FRAMES ? (uint32_t)n : MAX_FRAMES;
	} else {
		m->nframes = cfg->frames;
	}
	m->npgdir = pgdir_entries(cfg->page_shift);
	m->frame_vpn = malloc(sizeof(*m->frame_vpn) * m->nframes);
	m->pgdir = calloc(m->npgdir, sizeof(*m->pgdir));
	if (m->ops->flags & POLICY_WINDOW)
		m->free_stack = malloc(sizeof(*m->free_stack) * m->nframes);
	if (!m->frame_vpn || !m->pgdir || ((m->ops->flags & POLICY_WINDOW) && !m->free_stack)) {
		machine_free(m);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	for (uint32_t f = 0; f < m->nframes; f++)
		m->frame_vpn[f] = NO_PAGE;
	policy_choice_default(&defaults, m->ops);
	env = (struct policy_env){
		.frames = m->nframes,
		.param = cfg->param ? cfg->param : defaults.param,
		.tau = cfg->tau,
		.next_use = cfg->next_use,
		.machine = m,
	};
	err = m->ops->init(&m->policy, &env);
	if (err) {
		machine_free(m);
		return err;
	}
	*out = m;
	return 0;
}

void machine_free(struct machine *m)
{
	if (!m)
		return;
	if (m->policy)
		m->ops->release(m->policy);
	if (m->pgdir)
		for (uint32_t i = 0; i < m->npgdir; i++)
			free(m->pgdir[i]);
	free(m->pgdir);
	free(m->frame_vpn);
	free(m->free_stack);
	free(m);
}

static uint32_t *pte_of(struct machine *m, uint32_t vpn)
{
	return &m->pgdir[vpn >> PTE_INDEX_BITS][vpn & (PTRS_PER_PTE - 1)];
}

#define ALWAYS_INLINE inline __attribute__((always_inline))

static ALWAYS_INLINE void evict(struct machine *m, uint32_t frame, struct machine_step *step,
				int expired)
{
	uint32_t vpn = m->frame_vpn[frame];
	uint32_t *pte = pte_of(m, vpn);

	if (*pte & PTE_DIRTY)
		m->c.writebacks++;
	m->c.evictions++;
	*pte &= PTE_SEEN | PTE_USER | PTE_RW;
	m->frame_vpn[frame] = NO_PAGE;
	m->resident--;
	if (step) {
		if (expired)
			step->expired_vpn = vpn;
		else
			step->victim_vpn = vpn;
	}
}

/* The fault path: find a frame, evicting if need be, and map vpn there. */
static ALWAYS_INLINE int fault(struct machine *m, uint32_t *pte, uint32_t vpn, uint32_t ref,
		 struct machine_step *step)
{
	uint32_t frame;

	m->c.faults++;
	if (!(*pte & PTE_SEEN))
		m->c.distinct_pages++;
	if (m->nfree) {
		frame = m->free_stack[--m->nfree];
	} else if (m->used < m->nframes) {
		frame = m->used++;
	} else {
		frame = m->ops->victim(m->policy, m->now);
		if (frame == NO_FRAME && (m->ops->flags & POLICY_WINDOW))
			return vt_error(VT_USAGE, "%s: the working set outgrew the %u frames a 32-bit "
					"PTE can address (use a smaller --tau or larger pages)",
					m->ops->name, m->nframes);
		if (frame >= m->nframes || m->frame_vpn[frame] == NO_PAGE)
			return vt_error(VT_SOFTWARE, "policy %s chose frame %u, which holds no page",
					m->ops->name, frame);
		evict(m, frame, step, 0);
	}
	*pte = frame << PTE_FRAME_SHIFT | PTE_SEEN | PTE_USER | PTE_RW | PTE_ACCESSED |
	       PTE_PRESENT | (ref_kind(ref) == REF_WRITE ? PTE_DIRTY : 0);
	m->frame_vpn[frame] = vpn;
	m->resident++;
	m->ops->load(m->policy, frame, m->now);
	if (step) {
		step->fault = 1;
		step->frame = frame;
	}
	return 0;
}

static __attribute__((noinline)) int alloc_table(struct machine *m, uint32_t dir)
{
	m->pgdir[dir] = calloc(PTRS_PER_PTE, sizeof(uint32_t));
	if (!m->pgdir[dir])
		return vt_error(VT_SOFTWARE, "out of memory");
	m->c.page_tables++;
	return 0;
}

/* After the reference: window policies may let pages go (WS one at most,
 * PFF every page not used since the last fault). */
static ALWAYS_INLINE void after(struct machine *m, struct machine_step *step)
{
	if (m->ops->expire) {
		uint32_t f;
		while ((f = m->ops->expire(m->policy, m->now)) != NO_FRAME) {
			evict(m, f, step, 1);
			m->free_stack[m->nfree++] = f;
		}
	}
	m->c.resident_sum += m->resident;
	if (m->resident > m->c.max_resident)
		m->c.max_resident = m->resident;
}

/* One reference.  Inlined twice: into machine_run() with step NULL, where
 * the compiler drops the step bookkeeping, and into machine_step(). */
static ALWAYS_INLINE int access1(struct machine *m, uint32_t ref, struct machine_step *step)
{
	uint32_t vpn = ref_vpn(ref);
	uint32_t dir = vpn >> PTE_INDEX_BITS;
	uint32_t *pte;
	int err;

	if (__builtin_expect(!m->pgdir[dir], 0) && (err = alloc_table(m, dir)))
		return err;
	pte = &m->pgdir[dir][vpn & (PTRS_PER_PTE - 1)];
	m->c.references++;
	m->kinds[ref_kind(ref)]++;
	if (*pte & PTE_PRESENT) {
		m->c.hits++;
		*pte |= PTE_ACCESSED | (ref_kind(ref) == REF_WRITE ? PTE_DIRTY : 0);
		if (m->ops->hit)
			m->ops->hit(m->policy, *pte >> PTE_FRAME_SHIFT, m->now);
		if (step) {
			step->fault = 0;
			step->frame = *pte >> PTE_FRAME_SHIFT;
		}
	} else if ((err = fault(m, pte, vpn, ref, step))) {
		return err;
	}
	after(m, step);
	m->now++;
	return 0;
}

int machine_run(struct machine *m, const uint32_t *refs, size_t n)
{
	int err;

	for (size_t i = 0; i < n; i++)
		if ((err = access1(m, refs[i], NULL)))
			return err;
	return 0;
}

int machine_step(struct machine *m, uint32_t ref, struct machine_step *out)
{
	out->fault = 0;
	out->frame = NO_FRAME;
	out->victim_vpn = NO_PAGE;
	out->expired_vpn = NO_PAGE;
	return access1(m, ref, out);
}

const struct machine_counters *machine_counters(const struct machine *m)
{
	struct machine *mm = (struct machine *)m;

	/* Counted by kind in the loop; named for readers here. */
	mm->c.reads = m->kinds[REF_READ];
	mm->c.writes = m->kinds[REF_WRITE];
	mm->c.fetches = m->kinds[REF_FETCH];
	return &m->c;
}

uint32_t machine_frames(const struct machine *m)
{
	return m->nframes;
}

uint32_t machine_frame_page(const struct machine *m, uint32_t frame)
{
	return frame < m->nframes ? m->frame_vpn[frame] : NO_PAGE;
}

int machine_test_and_clear_accessed(struct machine *m, uint32_t frame)
{
	uint32_t *pte = pte_of(m, m->frame_vpn[frame]);
	int was = (*pte & PTE_ACCESSED) != 0;

	*pte &= ~PTE_ACCESSED;
	return was;
}

/* --- PTE bits for policies that read more than A (NRU, ESC, WSClock) --- */

int machine_test_dirty(const struct machine *m, uint32_t frame)
{
	return (*pte_of((struct machine *)m, m->frame_vpn[frame]) & PTE_DIRTY) != 0;
}

void machine_clean(struct machine *m, uint32_t frame)
{
	uint32_t *pte = pte_of(m, m->frame_vpn[frame]);

	if (*pte & PTE_DIRTY) {
		m->c.writebacks++;
		*pte &= ~PTE_DIRTY;
	}
}
