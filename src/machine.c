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
 *   - Memory model (it never changes which pages fault): a page first
 *     touched by a fetch is file-backed (text): its faults read the file
 *     and it is dropped when evicted, unless written, which makes it
 *     anonymous.  Other pages are anonymous: a first touch is a minor fault
 *     (zero fill); an eviction writes a swap slot unless the page is clean
 *     and still has a valid copy in one (swap cache); a fault on a swapped
 *     page reads it back (major fault) and keeps the slot as that copy
 *     until the page is written.  Swap full when a victim needs a slot:
 *     out of memory, and the run stops there.  With --zero-page a read
 *     first touch maps the shared zero page (no frame; the first write
 *     faults and gets a frame).  The TLB, when modelled, is looked up on
 *     every reference and shot down when a page is evicted.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "machine.h"
#include "ref.h"
#include "swap.h"
#include "tlb.h"

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
	uint32_t fault_vpn;     /* page of the fault being served */
	uint64_t kinds[4];      /* references by enum ref_kind */
	struct machine_counters c;
	struct swap_area *swap;
	uint32_t *frame_slot;   /* valid swap copy of the page in each frame */
	struct tlb *tlb;        /* NULL without a TLB model */
	bool zero_page;
	bool dead;              /* out of memory: no more references */
};

static uint32_t pool_default(double share, uint32_t frames)
{
	uint32_t pages = (uint32_t)(share * frames);

	return pages ? pages : 1;
}

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
		uint64_t n = cfg->tau + 1 < vpn_space(cfg->page_shift) ? cfg->tau + 1
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
	m->frame_slot = malloc(sizeof(*m->frame_slot) * m->nframes);
	if (!m->frame_vpn || !m->pgdir || !m->frame_slot ||
	    ((m->ops->flags & POLICY_WINDOW) && !m->free_stack)) {
		machine_free(m);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	for (uint32_t f = 0; f < m->nframes; f++) {
		m->frame_vpn[f] = NO_PAGE;
		m->frame_slot[f] = NO_SLOT;
	}
	{
		const struct mem_config *mem = cfg->mem;
		uint32_t pages = vpn_space(cfg->page_shift);
		struct swap_config sc = {
			.slots = !mem || mem->swap_default ? pages : mem->swap_slots,
			.zswap_pages = !mem || !mem->zswap ? 0
				       : mem->zswap_pages ? mem->zswap_pages
				       : pool_default(mem->zswap_share, m->nframes),
			.zswap_ratio = mem ? mem->zswap_ratio : 1,
		};
		if ((err = swap_new(&m->swap, &sc)) ||
		    (mem && mem->tlb_entries &&
		     (err = tlb_new(&m->tlb, mem->tlb_entries, mem->tlb_ways, pages)))) {
			machine_free(m);
			return err;
		}
		m->zero_page = mem && mem->zero_page;
	}
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
	free(m->frame_slot);
	free(m->free_stack);
	swap_free(m->swap);
	tlb_free(m->tlb);
	free(m);
}

static uint32_t *pte_of(struct machine *m, uint32_t vpn)
{
	return &m->pgdir[vpn >> PTE_INDEX_BITS][vpn & (PTRS_PER_PTE - 1)];
}

#define ALWAYS_INLINE inline __attribute__((always_inline))

/* Not an exit code: access1() stops the run, out of memory. */
#define STOP_OOM (-1)

/* Take the page out of frame.  Return: 0, STOP_OOM when it needs a swap
 * slot and there is none (then nothing has changed), or an exit code. */
static ALWAYS_INLINE int evict(struct machine *m, uint32_t frame, struct machine_step *step,
			       int expired)
{
	uint32_t vpn = m->frame_vpn[frame];
	uint32_t *pte = pte_of(m, vpn);
	uint32_t keep = *pte & (PTE_SEEN | PTE_COW);
	uint32_t slot = m->frame_slot[frame];

	if (*pte & PTE_FILE) {
		/* Clean text: the file has it. */
		m->c.file_drops++;
		keep |= PTE_FILE | PTE_USER | PTE_RW;
	} else {
		if (slot != NO_SLOT && !(*pte & PTE_DIRTY)) {
			m->c.swap_drops++;
		} else {
			slot = swap_alloc(m->swap);
			if (slot == NO_SLOT)
				return STOP_OOM;
			if (slot == SWAP_NOMEM)
				return vt_error(VT_SOFTWARE, "out of memory for the swap area");
			swap_write(m->swap, slot);
			m->c.swap_outs++;
		}
		keep |= swap_entry_pte(slot);
		m->frame_slot[frame] = NO_SLOT;
	}
	if (*pte & PTE_DIRTY)
		m->c.writebacks++;
	m->c.evictions++;
	*pte = keep;
	if (m->tlb)
		tlb_shootdown(m->tlb, vpn);
	m->frame_vpn[frame] = NO_PAGE;
	m->resident--;
	if (step) {
		if (expired)
			step->expired_vpn = vpn;
		else
			step->victim_vpn = vpn;
	}
	return 0;
}

static __attribute__((noinline)) int out_of_memory(struct machine *m, uint32_t vpn)
{
	m->dead = true;
	m->c.oom = true;
	m->c.oom_reference = m->now;
	m->c.oom_vpn = vpn;
	return STOP_OOM;
}

/* A first touch by a read, with --zero-page: map the shared zero page. */
static int map_zero_page(struct machine *m, uint32_t *pte, struct machine_step *step)
{
	m->c.faults++;
	m->c.minor_faults++;
	m->c.zero_maps++;
	m->c.distinct_pages++;
	*pte = PTE_SEEN | PTE_USER | PTE_ACCESSED | PTE_PRESENT | PTE_ZERO;
	if (step) {
		step->fault = 1;
		step->frame = NO_FRAME;
	}
	return 0;
}

/* The fault path: find a frame, evicting if need be, and map vpn there. */
static ALWAYS_INLINE int fault(struct machine *m, uint32_t *pte, uint32_t vpn, uint32_t ref,
			       struct machine_step *step)
{
	uint32_t old = *pte, frame, slot = NO_SLOT, file = 0;
	int write = ref_kind(ref) == REF_WRITE;
	int err;

	if (!(old & PTE_SEEN) && m->zero_page && ref_kind(ref) == REF_READ)
		return map_zero_page(m, pte, step);
	m->fault_vpn = vpn;
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
		if ((err = evict(m, frame, step, 0)))
			return err == STOP_OOM ? out_of_memory(m, vpn) : err;
	}
	m->c.faults++;
	if (!(old & PTE_SEEN)) {
		m->c.distinct_pages++;
		if (ref_kind(ref) == REF_FETCH) {
			file = PTE_FILE;
			m->c.file_reads++;
			m->c.major_faults++;
		} else {
			m->c.minor_faults++;
		}
	} else if (old & PTE_SWAP) {
		slot = swap_entry_slot(old);
		swap_read(m->swap, slot);
		m->c.swap_ins++;
		m->c.major_faults++;
	} else if (old & PTE_FILE) {
		file = PTE_FILE;
		m->c.file_reads++;
		m->c.major_faults++;
	} else {
		/* The first write to a zero-page mapping: a fresh zeroed frame. */
		m->c.minor_faults++;
	}
	if (write) {
		/* Written: a private anonymous page whose swap copy is stale. */
		file = 0;
		if (slot != NO_SLOT)
			swap_put(m->swap, slot);
		slot = NO_SLOT;
	}
	m->frame_slot[frame] = slot;
	*pte = frame << PTE_FRAME_SHIFT | (old & PTE_COW) | file | PTE_SEEN | PTE_USER | PTE_RW |
	       PTE_ACCESSED | PTE_PRESENT | (write ? PTE_DIRTY : 0);
	m->frame_vpn[frame] = vpn;
	m->resident++;
	m->ops->load(m->policy, frame, m->now);
	if (step) {
		step->fault = 1;
		step->frame = frame;
	}
	return 0;
}

/* The first write to a resident page since it was loaded. */
static __attribute__((noinline)) void first_write(struct machine *m, uint32_t *pte)
{
	uint32_t frame = *pte >> PTE_FRAME_SHIFT;

	*pte &= ~PTE_FILE;
	if (m->frame_slot[frame] != NO_SLOT) {
		swap_put(m->swap, m->frame_slot[frame]);
		m->frame_slot[frame] = NO_SLOT;
	}
}

static __attribute__((noinline)) int alloc_table(struct machine *m, uint32_t dir)
{
	m->pgdir[dir] = calloc(PTRS_PER_PTE, sizeof(uint32_t));
	if (!m->pgdir[dir])
		return vt_error(VT_SOFTWARE, "out of memory");
	m->c.page_tables++;
	return 0;
}

/* After the reference: window policies may let one page go. */
static ALWAYS_INLINE int after(struct machine *m, struct machine_step *step)
{
	if (m->ops->expire) {
		uint32_t f = m->ops->expire(m->policy, m->now);
		if (f != NO_FRAME) {
			int err = evict(m, f, step, 1);
			if (err)
				return err == STOP_OOM ? out_of_memory(m, m->frame_vpn[f]) : err;
			m->free_stack[m->nfree++] = f;
		}
	}
	m->c.resident_sum += m->resident;
	if (m->resident > m->c.max_resident)
		m->c.max_resident = m->resident;
	return 0;
}

/* One reference.  Inlined twice: into machine_run() with step NULL, where
 * the compiler drops the step bookkeeping, and into machine_step(). */
static ALWAYS_INLINE int access1(struct machine *m, uint32_t ref, struct machine_step *step)
{
	uint32_t vpn = ref_vpn(ref);
	uint32_t dir = vpn >> PTE_INDEX_BITS;
	uint32_t *pte;
	int write = ref_kind(ref) == REF_WRITE;
	int err;

	if (__builtin_expect(!m->pgdir[dir], 0) && (err = alloc_table(m, dir)))
		return err;
	pte = &m->pgdir[dir][vpn & (PTRS_PER_PTE - 1)];
	if (m->tlb)
		tlb_access(m->tlb, vpn);
	if (__builtin_expect(write && (*pte & (PTE_PRESENT | PTE_RW)) == PTE_PRESENT, 0))
		*pte &= PTE_SEEN;  /* a write to the zero page: it faults for a frame */
	if (*pte & PTE_PRESENT) {
		m->c.hits++;
		if (write && !(*pte & PTE_DIRTY))
			first_write(m, pte);
		*pte |= PTE_ACCESSED | (write ? PTE_DIRTY : 0);
		if (m->ops->hit && !(*pte & PTE_ZERO))
			m->ops->hit(m->policy, *pte >> PTE_FRAME_SHIFT, m->now);
		if (step) {
			step->fault = 0;
			step->frame = (*pte & PTE_ZERO) ? NO_FRAME : *pte >> PTE_FRAME_SHIFT;
		}
	} else if ((err = fault(m, pte, vpn, ref, step))) {
		return err;
	}
	m->c.references++;
	m->kinds[ref_kind(ref)]++;
	if ((err = after(m, step)))
		return err;
	m->now++;
	return 0;
}

int machine_run(struct machine *m, const uint32_t *refs, size_t n)
{
	int err;

	for (size_t i = 0; i < n && !m->dead; i++)
		if ((err = access1(m, refs[i], NULL)))
			return err == STOP_OOM ? 0 : err;
	return 0;
}

int machine_step(struct machine *m, uint32_t ref, struct machine_step *out)
{
	int err;

	out->fault = 0;
	out->frame = NO_FRAME;
	out->victim_vpn = NO_PAGE;
	out->expired_vpn = NO_PAGE;
	if (m->dead)
		return 0;
	err = access1(m, ref, out);
	return err == STOP_OOM ? 0 : err;
}

bool machine_dead(const struct machine *m)
{
	return m->dead;
}

int machine_release(struct machine *m)
{
	for (uint32_t d = 0; d < m->npgdir; d++) {
		if (!m->pgdir[d])
			continue;
		for (uint32_t i = 0; i < PTRS_PER_PTE; i++) {
			uint32_t pte = m->pgdir[d][i];
			if (!(pte & PTE_PRESENT) && (pte & PTE_SWAP))
				swap_put(m->swap, swap_entry_slot(pte));
			m->pgdir[d][i] = pte & PTE_SEEN;
		}
	}
	for (uint32_t f = 0; f < m->nframes; f++) {
		if (m->frame_slot[f] != NO_SLOT)
			swap_put(m->swap, m->frame_slot[f]);
		m->frame_slot[f] = NO_SLOT;
	}
	if (swap_used(m->swap))
		return vt_error(VT_SOFTWARE, "%u swap slots still in use after the address space "
				"was released", swap_used(m->swap));
	return 0;
}

const struct machine_counters *machine_counters(const struct machine *m)
{
	struct machine *mm = (struct machine *)m;

	/* Counted by kind in the loop; named for readers here. */
	mm->c.reads = m->kinds[REF_READ];
	mm->c.writes = m->kinds[REF_WRITE];
	mm->c.fetches = m->kinds[REF_FETCH];
	mm->c.swap = *swap_counters(m->swap);
	if (m->tlb) {
		mm->c.tlb_hits = m->tlb->hits;
		mm->c.tlb_misses = m->tlb->misses;
		mm->c.tlb_shootdowns = m->tlb->shootdowns;
	}
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

uint32_t machine_fault_page(const struct machine *m)
{
	return m->fault_vpn;
}

uint32_t machine_vpn_space(const struct machine *m)
{
	return m->npgdir * PTRS_PER_PTE;
}

int machine_test_and_clear_accessed(struct machine *m, uint32_t frame)
{
	uint32_t *pte = pte_of(m, m->frame_vpn[frame]);
	int was = (*pte & PTE_ACCESSED) != 0;

	*pte &= ~PTE_ACCESSED;
	return was;
}
