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
 *   - Processes (events traces; a plain trace is process 1 alone).  Each
 *     has its own page directory; one frame pool and one policy serve all
 *     (global replacement).  A context switch flushes the TLB (no ASIDs).
 *     fork copies the parent's directory and tables: every resident page
 *     becomes shared (R/W cleared and COW set in both PTEs, the frame's
 *     map count raised), every swapped page shares its slot (swap_map
 *     count raised); zero-page mappings are copied as they are, since
 *     the zero page is never copied.  A write to a COW page is a CoW
 *     fault: while another process maps the frame it is copied into a new
 *     frame (which may evict, like a fault); the last sharer just gets R/W
 *     back (a copy avoided).  A CoW fault is not a page fault: the page
 *     was resident.  A swapped page shared through its slot comes back
 *     read-only, and the frame caches the slot: a sharer faulting on the
 *     same slot later maps that frame (a minor fault) instead of reading
 *     the slot again; a write to it needs no copy, since the slot keeps
 *     the others' contents.  exit and exec release frames and slots.
 *   - Reverse map: a shared frame sits at the same page number in every
 *     sharer (fork copies the space page for page), so the sharers are
 *     found by looking at that one PTE in each live process, as Linux
 *     walks an anon_vma.  Evicting a shared frame unmaps it everywhere:
 *     one swap-out (or drop), the slot shared by all; Clock sees the OR of
 *     the sharers' accessed bits.  Counters of the references a process
 *     makes are settled at each switch (deltas of the machine's), so the
 *     per-reference path does not look at processes at all.
 *   - Local allocation (--alloc equal, proportional or pff).  Each live
 *     process holds a share of the frames and has its own policy instance,
 *     which ranks the frames it holds by a local index (proc.table maps it
 *     to the frame; frame_idx back).  A frame is held by the process it is
 *     charged to (frame_owner): the one that loaded it, and after that one
 *     unmaps it, another sharer.  A hit on a shared frame is told to its
 *     holder's policy.  A fault while under the share takes a free frame; at
 *     the share, the process's own policy chooses the victim among its own
 *     frames (evicting a shared frame unmaps every sharer). Shares are
 *     recomputed at fork, exit and exec; live processes count, process 1
 *     from the start.  equal: frames / live, the remainder one each to the
 *     lowest pids.  proportional: each gets 1, and the other frames - live
 *     in proportion to its virtual size (pages it has touched, 1 at least; a
 *     child inherits its parent's), rounded down, the remainder one each to
 *     the lowest pids.  More live processes than frames is an error.  pff:
 *     equal at each recomputation, then moved a frame at a time at page
 *     faults by pff_adjust().  After a recomputation (and when a shared
 *     frame changes holder) each process's policy restarts: a new instance
 *     sized to its share is told of its frames in the order of their last
 *     reference, each at that time; a process holding more than its share
 *     first evicts its own victims until it fits.  With one process equal
 *     and proportional are global, frame for frame; pff may shrink it.
 *   - Nodes (--numa, --buddy, --huge; numa.h).  The frames are split into
 *     nodes, contiguous ranges (--buddy and --huge alone: one node).  Each
 *     node hands out its free frames through a buddy allocator (buddy.h:
 *     the lowest free frame first, so a fresh node fills 0, 1, 2, ...)
 *     and ranks its frames with an instance of the policy of its own, as
 *     Linux keeps an LRU per node.  Processes run on nodes: round robin
 *     in order of creation, or as the events trace's "node P N" says.  A
 *     fault asks the process's memory policy for a node (default: the one
 *     it runs on; preferred: that node; bind: the nearest of its set;
 *     interleave: its set in turn, one page each) and takes a free frame
 *     from the first node of that node's fallback order (itself, then the
 *     others by distance; bind only its set) that has one; when none has,
 *     the wanted node's policy chooses a victim there.  numastat's
 *     counters follow each allocation (zone_statistics()).  Every
 *     reference is local or remote by the node of its frame and the node
 *     its process runs on, and costs hit x distance / 10.  NUMA balancing
 *     (--numa-balance P): every P references every resident 4 KiB page is
 *     marked (numa_pte_updates); the next reference to a marked page is a
 *     hinting fault, and if its frame is on another node than the one
 *     the process's memory policy wants it on (mpol_misplaced()), the
 *     page moves to a free frame there (copy and remap; refused when that
 *     node has none or the frame is shared).  A policy
 *     cannot forget a frame, so a frame emptied by an exit or a migration
 *     stays allocated, empty, until its policy chooses it.
 *   - 4 MiB pages (--huge; one process, 4 KiB pages).  The first load or
 *     store in a 4 MiB range --huge names takes an order-10 block from the
 *     nodes in the policy's order and maps the range with one directory
 *     entry (PS): one fault, 1024 frames, one TLB entry, one accessed and
 *     one dirty bit; the policy ranks its first frame.  No free order-10
 *     block: the range uses 4 KiB pages from then on (thp_fault_fallback),
 *     as does one first touched by an instruction fetch.  Evicting it
 *     splits it: every page of it ever touched goes to its own swap slot
 *     (a write-back each if the page was written), the rest were zero and
 *     are dropped, the range uses 4 KiB pages from then on, and its frames
 *     go back to the allocator but the one the faulting page takes.  Its
 *     page table is kept for the per-page bits but counted only once the
 *     range is split.
 */
#include <stdlib.h>
#include <string.h>

#include "buddy.h"
#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "machine.h"
#include "numa.h"
#include "ref.h"
#include "swap.h"
#include "tlb.h"

#define NO_PROC UINT32_MAX

struct proc {
	uint32_t **pgdir;       /* NULL once it exited */
	struct proc_counters c;
	bool seen;              /* took part: listed in machine_procs() */
	/* local allocation only */
	struct policy *policy;  /* its own instance over its share */
	uint32_t *table;        /* frame at each local index, nframes long */
	uint32_t held;          /* frames it holds: table[0..held) */
	uint32_t share;
	uint64_t last_fault;    /* pff: its own references before its last fault */
	bool faulted;           /* pff: last_fault is set */
	/* the node layer */
	uint32_t node;          /* the node it runs on */
	struct mempolicy pol;
	uint32_t il_next;       /* interleave: the node after the last one used */
};

/* One node of the node layer: a contiguous range of frames. */
struct mnode {
	struct buddy *pool;
	struct policy *policy;  /* its own instance, indexed frame - base */
	struct node_counters c;
};

struct machine {
	const struct policy_ops *ops;
	struct policy *policy;
	uint32_t nframes;
	uint32_t used;          /* frames handed out so far, 0..nframes */
	uint32_t *free_stack;   /* window policies: frames given back */
	uint32_t nfree;
	uint32_t resident;
	uint32_t *frame_vpn;    /* page in each frame, NO_PAGE when free */
	uint32_t **pgdir;       /* the running process's directory */
	uint32_t npgdir;
	struct proc *procs;     /* every process ever, in order of creation */
	uint32_t nprocs, procs_cap;
	uint32_t cur;           /* index of the running process, or NO_PROC */
	uint32_t *frame_owner;  /* a process mapping each frame; NULL: process 0 */
	uint32_t *frame_refs;   /* processes mapping each frame; NULL before a fork */
	struct machine_counters snap; /* c when cur began to run */
	uint64_t now;           /* time of the next reference */
	uint32_t fault_vpn;     /* page of the fault being served */
	uint64_t kinds[4];      /* references by enum ref_kind */
	struct machine_counters c;
	struct swap_area *swap;
	uint32_t *frame_slot;   /* valid swap copy of the page in each frame */
	struct tlb *tlb;        /* NULL without a TLB model */
	bool zero_page;
	bool dead;              /* out of memory: no more references */
	/* local allocation (--alloc equal, proportional); see the notes */
	enum mem_alloc alloc;
	bool local;
	uint32_t *frame_idx;    /* local index of each frame in its holder's table */
	uint64_t *frame_stamp;  /* time of each frame's last reference */
	uint32_t pol_proc;      /* whose policy is running now, else NO_PROC */
	uint64_t param[POLICY_MAX_PARAMS];
	uint64_t tau;
	uint32_t pff_low, pff_high;
	/* policy calls go through local_tell() or node_tell() */
	bool indirect;
	uint32_t pol_base;      /* first frame of the node whose policy runs */
	/* the node layer (numa.h); nnodes == 0 without it */
	const struct node_config *ncfg;
	uint32_t nnodes;
	struct mnode *node;
	uint8_t *frame_node;
	uint8_t *scan_mark;     /* NUMA balancing: frames marked by the last scan */
	uint64_t next_scan, next_sample;
	uint64_t next_tick;     /* the sooner of the two, UINT64_MAX for neither */
	struct buddy_sample *series;
	size_t nseries, series_cap;
	/* 4 MiB pages (one process only) */
	bool huge;
	uint32_t *pde;          /* per directory slot: PDE_PS mapping, PDE_SPLIT or 0 */
	uint8_t *huge_ok;       /* per directory slot: --huge names it */
	uint8_t *frame_huge;    /* per frame: part of a 4 MiB page */
	uint32_t swap_slots;
};

static int nodes_new(struct machine *m, const struct node_config *nc, const uint32_t *next_use,
		     unsigned page_shift);
static void nodes_free(struct machine *m);

/* A policy instance of frames frames (local allocation: one process's). */
static int policy_start(struct machine *m, uint32_t frames, struct policy **out)
{
	struct policy_env env = {
		.frames = frames,
		.param = m->param,
		.tau = m->tau,
		.machine = m,
	};

	return m->ops->init(out, &env);
}

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
	/* Window policies and exiting processes give frames back. */
	m->free_stack = malloc(sizeof(*m->free_stack) * m->nframes);
	m->frame_slot = malloc(sizeof(*m->frame_slot) * m->nframes);
	m->procs = calloc(1, sizeof(*m->procs));
	if (!m->frame_vpn || !m->pgdir || !m->frame_slot || !m->free_stack || !m->procs) {
		machine_free(m);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	for (uint32_t f = 0; f < m->nframes; f++) {
		m->frame_vpn[f] = NO_PAGE;
		m->frame_slot[f] = NO_SLOT;
	}
	m->procs[0].pgdir = m->pgdir;
	m->procs[0].c.pid = 1;
	m->nprocs = m->procs_cap = 1;
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
		bool huge = mem && mem->nodes && (mem->nodes->huge_all || mem->nodes->nhuge);
		m->swap_slots = sc.slots;
		/* 4 MiB mappings have TLB tags of their own, past the pages'. */
		if ((err = swap_new(&m->swap, &sc)) ||
		    (mem && mem->tlb_entries &&
		     (err = tlb_new(&m->tlb, mem->tlb_entries, mem->tlb_ways,
				    pages + (huge ? m->npgdir : 0))))) {
			machine_free(m);
			return err;
		}
		m->zero_page = mem && mem->zero_page;
	}
	policy_choice_default(&defaults, m->ops);
	memcpy(m->param, cfg->param ? cfg->param : defaults.param, sizeof(m->param));
	m->tau = cfg->tau;
	m->pol_proc = NO_PROC;
	m->alloc = cfg->mem ? cfg->mem->alloc : ALLOC_GLOBAL;
	m->local = m->alloc != ALLOC_GLOBAL;
	if (m->alloc == ALLOC_PFF) {
		m->pff_low = cfg->mem->pff_low;
		m->pff_high = cfg->mem->pff_high;
	}
	m->indirect = m->local;
	if (cfg->mem && cfg->mem->nodes && cfg->mem->nodes->nodes) {
		err = nodes_new(m, cfg->mem->nodes, cfg->next_use, cfg->page_shift);
	} else if (m->local) {
		/* Process 1 alone holds every frame until a fork. */
		m->frame_owner = calloc(m->nframes, sizeof(*m->frame_owner));
		m->frame_idx = calloc(m->nframes, sizeof(*m->frame_idx));
		m->frame_stamp = calloc(m->nframes, sizeof(*m->frame_stamp));
		m->procs[0].table = malloc(sizeof(*m->procs[0].table) * m->nframes);
		m->procs[0].share = m->nframes;
		if (!m->frame_owner || !m->frame_idx || !m->frame_stamp || !m->procs[0].table) {
			machine_free(m);
			return vt_error(VT_SOFTWARE, "out of memory");
		}
		err = policy_start(m, m->nframes, &m->procs[0].policy);
	} else {
		env = (struct policy_env){
			.frames = m->nframes,
			.param = m->param,
			.tau = cfg->tau,
			.next_use = cfg->next_use,
			.machine = m,
		};
		err = m->ops->init(&m->policy, &env);
	}
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
	if (!m->procs && m->pgdir)
		free(m->pgdir);
	for (uint32_t p = 0; m->procs && p < m->nprocs; p++) {
		if (m->procs[p].policy)
			m->ops->release(m->procs[p].policy);
		free(m->procs[p].table);
		if (!m->procs[p].pgdir)
			continue;
		for (uint32_t i = 0; i < m->npgdir; i++)
			free(m->procs[p].pgdir[i]);
		free(m->procs[p].pgdir);
	}
	free(m->procs);
	free(m->frame_owner);
	free(m->frame_refs);
	free(m->frame_vpn);
	free(m->frame_slot);
	free(m->free_stack);
	free(m->frame_idx);
	free(m->frame_stamp);
	swap_free(m->swap);
	tlb_free(m->tlb);
	nodes_free(m);
	free(m);
}

#define ALWAYS_INLINE inline __attribute__((always_inline))

#define PDE_PRESENT  UINT32_C(1)
#define PDE_ACCESSED (UINT32_C(1) << 5)
#define PDE_DIRTY    (UINT32_C(1) << 6)
#define PDE_PS       (UINT32_C(1) << 7)  /* a 4 MiB page */
#define PDE_SPLIT    (UINT32_C(1) << 9)  /* AVL: this range uses 4 KiB pages */
#define HUGE_ORDER   10u                 /* 1024 frames of 4 KiB */
#define HUGE_FRAMES  (UINT32_C(1) << HUGE_ORDER)
#define HUGE_SMALL   1                   /* huge_fault(): go on with a 4 KiB fault */

static ALWAYS_INLINE uint32_t owner_of(const struct machine *m, uint32_t frame)
{
	return m->frame_owner ? m->frame_owner[frame] : 0;
}

/* The PTE of the process charged with frame (one that maps it). */
static ALWAYS_INLINE uint32_t *frame_pte(struct machine *m, uint32_t frame)
{
	uint32_t vpn = m->frame_vpn[frame];
	uint32_t **dir = m->frame_owner ? m->procs[m->frame_owner[frame]].pgdir : m->pgdir;

	return &dir[vpn >> PTE_INDEX_BITS][vpn & (PTRS_PER_PTE - 1)];
}

/* Process p's PTE for frame's page if it maps frame there, else NULL: one
 * step of the reverse-map walk. */
static uint32_t *maps_frame(struct machine *m, uint32_t p, uint32_t frame)
{
	uint32_t vpn = m->frame_vpn[frame], *pte;
	uint32_t **dir = m->procs[p].pgdir;

	if (!dir || !dir[vpn >> PTE_INDEX_BITS])
		return NULL;
	pte = &dir[vpn >> PTE_INDEX_BITS][vpn & (PTRS_PER_PTE - 1)];
	return (*pte & (PTE_PRESENT | PTE_ZERO)) == PTE_PRESENT && *pte >> PTE_FRAME_SHIFT == frame
		       ? pte : NULL;
}

/* Charge frame to a process that still maps it, other than gone. */
static void recharge(struct machine *m, uint32_t frame, uint32_t gone)
{
	for (uint32_t p = 0; p < m->nprocs; p++)
		if (p != gone && maps_frame(m, p, frame)) {
			m->frame_owner[frame] = p;
			return;
		}
}

/* Not an exit code: access1() stops the run, out of memory. */
#define STOP_OOM (-1)

static int evict_shared(struct machine *m, uint32_t frame, struct machine_step *step, int expired,
			uint32_t keeper);
static int evict_huge(struct machine *m, uint32_t frame, struct machine_step *step);

/*
 * page_out - where an evicted page goes, given its PTE flags (ORed over
 * its sharers) and *slot, the frame's valid swap copy or NO_SLOT.  Clean
 * text is dropped (*slot = NO_SLOT: the file has it); a clean page with a
 * valid copy is dropped (*slot stays); else a new slot is written.
 * Return: 0, STOP_OOM when swap is full (nothing changed), or an exit code.
 */
static ALWAYS_INLINE int page_out(struct machine *m, uint32_t flags, uint32_t *slot)
{
	if (flags & PTE_FILE) {
		m->c.file_drops++;
		*slot = NO_SLOT;
	} else if (*slot != NO_SLOT && !(flags & PTE_DIRTY)) {
		m->c.swap_drops++;
	} else {
		*slot = swap_alloc(m->swap);
		if (*slot == NO_SLOT)
			return STOP_OOM;
		if (*slot == SWAP_NOMEM)
			return vt_error(VT_SOFTWARE, "out of memory for the swap area");
		swap_write(m->swap, *slot);
		m->c.swap_outs++;
	}
	return 0;
}

/* The last mapping of frame's page is gone: the frame is free. */
static ALWAYS_INLINE void frame_gone(struct machine *m, uint32_t frame, struct machine_step *step,
				     int expired)
{
	if (step) {
		if (expired)
			step->expired_vpn = m->frame_vpn[frame];
		else
			step->victim_vpn = m->frame_vpn[frame];
	}
	if (m->frame_refs)
		m->frame_refs[frame] = 0;
	m->frame_vpn[frame] = NO_PAGE;
	m->resident--;
}

/* Take the page out of frame.  Return: 0, STOP_OOM when it needs a swap
 * slot and there is none (then nothing has changed), or an exit code. */
static ALWAYS_INLINE int evict(struct machine *m, uint32_t frame, struct machine_step *step,
			       int expired)
{
	uint32_t vpn = m->frame_vpn[frame];
	uint32_t *pte;
	uint32_t keep, owner;
	uint32_t slot = m->frame_slot[frame];
	int err;

	if (__builtin_expect(m->frame_refs && m->frame_refs[frame] > 1, 0))
		return evict_shared(m, frame, step, expired, NO_PROC);
	if (__builtin_expect(m->frame_huge && m->frame_huge[frame], 0))
		return evict_huge(m, frame, step);
	pte = frame_pte(m, frame);
	keep = *pte & (PTE_SEEN | PTE_COW);
	if ((err = page_out(m, *pte, &slot)))
		return err;
	if (slot == NO_SLOT) {
		/* Clean text: the file has it. */
		keep |= PTE_FILE | PTE_USER | PTE_RW;
	} else {
		keep |= swap_entry_pte(slot);
		m->frame_slot[frame] = NO_SLOT;
	}
	if (*pte & PTE_DIRTY)
		m->c.writebacks++;
	m->c.evictions++;
	*pte = keep;
	/* One process alone: its evictions are counted at the second's birth. */
	if (__builtin_expect(m->frame_owner != NULL, 0)) {
		owner = m->frame_owner[frame];
		m->procs[owner].c.evicted++;
		if (m->tlb && owner == m->cur)
			tlb_shootdown(m->tlb, vpn);
	} else if (m->tlb) {
		tlb_shootdown(m->tlb, vpn);
	}
	frame_gone(m, frame, step, expired);
	return 0;
}

/*
 * evict_shared - unmap a frame from every process that maps it but keeper
 * (NO_PROC for none): one swap-out, or a drop when the page is clean and
 * its slot copy valid, and every sharer's PTE holds the slot, COW kept.
 * With a keeper the frame stays, its page now the keeper's alone.
 * Return: as evict().
 */
static __attribute__((noinline)) int evict_shared(struct machine *m, uint32_t frame,
						  struct machine_step *step, int expired,
						  uint32_t keeper)
{
	uint32_t vpn = m->frame_vpn[frame], slot = m->frame_slot[frame];
	uint32_t flags = 0, users = 0;
	int err;

	for (uint32_t p = 0; p < m->nprocs; p++) {
		uint32_t *pte = maps_frame(m, p, frame);
		if (pte && p != keeper)
			flags |= *pte;
	}
	if ((err = page_out(m, flags, &slot)))
		return err;
	for (uint32_t p = 0; p < m->nprocs; p++) {
		uint32_t *pte = maps_frame(m, p, frame);
		if (!pte || p == keeper)
			continue;
		if (slot == NO_SLOT) {
			*pte = (*pte & (PTE_SEEN | PTE_COW)) | PTE_FILE | PTE_USER | PTE_RW;
		} else {
			/* The first sharer takes the slot's reference, the others
			 * one more each. */
			if (users)
				swap_dup(m->swap, slot);
			*pte = (*pte & (PTE_SEEN | PTE_COW)) | swap_entry_pte(slot);
		}
		users++;
		m->procs[p].c.evicted++;
		if (m->tlb && p == m->cur)
			tlb_shootdown(m->tlb, vpn);
	}
	if (flags & PTE_DIRTY)
		m->c.writebacks++;
	m->c.evictions++;
	m->frame_slot[frame] = NO_SLOT;
	if (keeper != NO_PROC) {
		m->frame_refs[frame] = 1;
		m->frame_owner[frame] = keeper;
		return 0;
	}
	frame_gone(m, frame, step, expired);
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

/* --- local allocation (--alloc equal, proportional, pff; see the notes) --- */

/* Tell the policy of frame's holder that frame was loaded or hit, by its
 * local index, and stamp the frame for a later restart. */
static __attribute__((noinline)) void local_tell(struct machine *m, uint32_t frame, int load)
{
	uint32_t p = m->frame_owner[frame];

	m->frame_stamp[frame] = m->now;
	m->pol_proc = p;
	if (load)
		m->ops->load(m->procs[p].policy, m->frame_idx[frame], m->now);
	else if (m->ops->hit)
		m->ops->hit(m->procs[p].policy, m->frame_idx[frame], m->now);
	m->pol_proc = NO_PROC;
}

static inline void node_tell(struct machine *m, uint32_t frame, int load);

static ALWAYS_INLINE void policy_hit(struct machine *m, uint32_t frame)
{
	if (__builtin_expect(m->indirect, 0))
		m->local ? local_tell(m, frame, 0) : node_tell(m, frame, 0);
	else if (m->ops->hit)
		m->ops->hit(m->policy, frame, m->now);
}

static ALWAYS_INLINE void policy_load(struct machine *m, uint32_t frame)
{
	if (__builtin_expect(m->indirect, 0))
		m->local ? local_tell(m, frame, 1) : node_tell(m, frame, 1);
	else
		m->ops->load(m->policy, frame, m->now);
}

/* The frame a policy means: its local index, while a local policy runs. */
static ALWAYS_INLINE uint32_t policy_frame(const struct machine *m, uint32_t frame)
{
	return m->pol_proc == NO_PROC ? frame + m->pol_base : m->procs[m->pol_proc].table[frame];
}

/* Pages process p has touched: its virtual size for proportional shares. */
static uint64_t vsize_of(const struct machine *m, uint32_t p)
{
	uint64_t n = 0;

	for (uint32_t d = 0; m->procs[p].pgdir && d < m->npgdir; d++)
		for (uint32_t i = 0; m->procs[p].pgdir[d] && i < PTRS_PER_PTE; i++)
			n += (m->procs[p].pgdir[d][i] & PTE_SEEN) != 0;
	return n ? n : 1;
}

/* Every live process's share (the notes say how).  Return: 0 or an exit
 * code after a message. */
static int compute_shares(struct machine *m)
{
	uint32_t live = 0, given = 0, last_pid = 0;
	uint64_t vsum = 0;

	for (uint32_t p = 0; p < m->nprocs; p++) {
		m->procs[p].share = 0;
		if (!m->procs[p].pgdir)
			continue;
		live++;
		if (m->alloc == ALLOC_PROPORTIONAL)
			vsum += vsize_of(m, p);
	}
	if (live > m->nframes)
		return vt_error(VT_DATAERR, "--alloc %s: %u processes alive and %u frames: "
				"less than one frame each",
				m->alloc == ALLOC_EQUAL ? "equal"
				: m->alloc == ALLOC_PFF ? "pff" : "proportional", live, m->nframes);
	for (uint32_t p = 0; p < m->nprocs; p++) {
		struct proc *pr = &m->procs[p];
		if (!pr->pgdir)
			continue;
		if (m->alloc != ALLOC_PROPORTIONAL)
			pr->share = m->nframes / live;
		else
			pr->share = 1 + (uint32_t)((uint64_t)(m->nframes - live) * vsize_of(m, p) /
						   vsum);
		given += pr->share;
	}
	/* The remainder, fewer than live frames: one each to the lowest pids. */
	for (uint32_t rest = m->nframes - given; rest > 0; rest--) {
		uint32_t low = NO_PROC;
		for (uint32_t p = 0; p < m->nprocs; p++)
			if (m->procs[p].pgdir && m->procs[p].c.pid > last_pid &&
			    (low == NO_PROC || m->procs[p].c.pid < m->procs[low].c.pid))
				low = p;
		m->procs[low].share++;
		last_pid = m->procs[low].c.pid;
	}
	return 0;
}

/* Start process p's policy afresh over the frames charged to it, told of
 * them in the order of their last reference, each at that time.  While it
 * holds more than its share, its policy (sized to what it holds) chooses
 * a victim, which is evicted and its frame freed, and it starts again.
 * Return: 0, STOP_OOM (recorded) or an exit code. */
static int restart(struct machine *m, uint32_t p)
{
	struct proc *pr = &m->procs[p];
	uint32_t n = 0;
	int err;

	for (;;) {
		if (pr->policy)
			m->ops->release(pr->policy);
		pr->policy = NULL;
		pr->held = 0;
		if (!pr->pgdir)
			return 0;
		if (!pr->table && !(pr->table = malloc(sizeof(*pr->table) * m->nframes)))
			return vt_error(VT_SOFTWARE, "out of memory");
		n = 0;
		for (uint32_t f = 0; f < m->nframes; f++) {
			if (m->frame_vpn[f] == NO_PAGE || m->frame_owner[f] != p)
				continue;
			/* Insertion by (stamp, frame): frames come in frame order. */
			uint32_t i = n++;
			while (i > 0 && m->frame_stamp[pr->table[i - 1]] > m->frame_stamp[f]) {
				pr->table[i] = pr->table[i - 1];
				i--;
			}
			pr->table[i] = f;
		}
		pr->held = n;
		if ((err = policy_start(m, n > pr->share ? n : pr->share, &pr->policy)))
			return err;
		m->pol_proc = p;
		for (uint32_t i = 0; i < n; i++) {
			m->frame_idx[pr->table[i]] = i;
			m->ops->load(pr->policy, i, m->frame_stamp[pr->table[i]]);
		}
		if (n <= pr->share) {
			m->pol_proc = NO_PROC;
			return 0;
		}
		{
			uint32_t v = m->ops->victim(pr->policy, m->now), f;
			m->pol_proc = NO_PROC;
			if (v >= n)
				return vt_error(VT_SOFTWARE, "policy %s chose frame %u of %u",
						m->ops->name, v, n);
			f = pr->table[v];
			if ((err = evict(m, f, NULL, 0)))
				return err == STOP_OOM ? out_of_memory(m, m->frame_vpn[f]) : err;
			m->free_stack[m->nfree++] = f;
		}
	}
}

/* Shares recomputed (fork, exit, exec, a new process), every policy
 * restarted, and the free frames gathered: the lowest is taken first.
 * Return: as restart(). */
static __attribute__((noinline)) int rebalance(struct machine *m)
{
	int err;

	if ((err = compute_shares(m)))
		return err;
	m->nfree = 0;
	for (uint32_t p = 0; p < m->nprocs; p++)
		if ((m->procs[p].policy || m->procs[p].pgdir) && (err = restart(m, p)))
			return err;
	m->nfree = 0;
	m->used = m->nframes;
	for (uint32_t f = m->nframes; f-- > 0;)
		if (m->frame_vpn[f] == NO_PAGE)
			m->free_stack[m->nfree++] = f;
	return 0;
}

/* Own references of process p so far (the running one's are settled
 * only at a switch). */
static uint64_t own_refs(const struct machine *m, uint32_t p)
{
	return m->procs[p].c.references +
	       (p == m->cur ? m->c.references - m->snap.references : 0);
}

/* Own references of p since its last page fault (since it began, if none). */
static uint64_t since_fault(const struct machine *m, uint32_t p)
{
	return own_refs(m, p) - (m->procs[p].faulted ? m->procs[p].last_fault : 0);
}

/*
 * pff_adjust - --alloc pff, before the running process's page fault is
 * served.  d is its own references since its previous page fault, this
 * one included (none before: no change).  d < low: its share grows by a
 * frame, one no share has if there is one, else one from the live process
 * with the most own references since its last fault (ties: the lowest
 * pid) whose share is above 1, which gives back a frame (its own victim)
 * if it holds more than its new share.  d > high and a share above 1: it
 * shrinks by a frame, and gives back its own victim if it holds more.
 * Return: as restart().
 */
static __attribute__((noinline)) int pff_adjust(struct machine *m)
{
	struct proc *pr = &m->procs[m->cur];
	uint64_t now = own_refs(m, m->cur), d = now + 1 - pr->last_fault;
	bool first = !pr->faulted;
	uint32_t shared = 0, donor = NO_PROC;
	int err;

	pr->faulted = true;
	pr->last_fault = now + 1;
	if (first)
		return 0;
	if (d > m->pff_high && pr->share > 1) {
		pr->share--;
		return restart(m, m->cur);
	}
	if (d >= m->pff_low)
		return 0;
	for (uint32_t p = 0; p < m->nprocs; p++) {
		if (!m->procs[p].pgdir)
			continue;
		shared += m->procs[p].share;
		if (p != m->cur && m->procs[p].share > 1 &&
		    (donor == NO_PROC || since_fault(m, p) > since_fault(m, donor) ||
		     (since_fault(m, p) == since_fault(m, donor) &&
		      m->procs[p].c.pid < m->procs[donor].c.pid)))
			donor = p;
	}
	if (shared == m->nframes) {
		if (donor == NO_PROC)
			return 0;
		m->procs[donor].share--;
		if ((err = restart(m, donor)))
			return err;
	}
	pr->share++;
	return restart(m, m->cur);
}

/* take_frame() for a local allocation: a free frame while the running
 * process is under its share, else its own policy's victim. */
static __attribute__((noinline)) int local_take(struct machine *m, uint32_t vpn, uint32_t keep,
						uint32_t *out, struct machine_step *step)
{
	struct proc *pr = &m->procs[m->cur];
	uint32_t v, f;
	int err;

	if (pr->held < pr->share) {
		if (m->nfree)
			f = m->free_stack[--m->nfree];
		else if (m->used < m->nframes)
			f = m->used++;
		else
			return vt_error(VT_SOFTWARE, "no free frame for process %u, under its share",
					pr->c.pid);
		pr->table[pr->held] = f;
		m->frame_idx[f] = pr->held++;
		m->frame_owner[f] = m->cur;
		*out = f;
		return 0;
	}
	m->pol_proc = m->cur;
	v = m->ops->victim(pr->policy, m->now);
	m->pol_proc = NO_PROC;
	if (v >= pr->held)
		return vt_error(VT_SOFTWARE, "policy %s chose frame %u of %u", m->ops->name, v,
				pr->held);
	f = pr->table[v];
	/* Held frames are never empty (a release restarts every policy), but
	 * an empty one would only need no eviction. */
	if (f != keep && m->frame_vpn[f] != NO_PAGE && (err = evict(m, f, step, 0)))
		return err == STOP_OOM ? out_of_memory(m, vpn) : err;
	*out = f;
	return 0;
}

/* --- the node layer (numa.h; see "Nodes" in the notes) ---------------- */

static ALWAYS_INLINE struct mnode *node_of(const struct machine *m, uint32_t frame)
{
	return &m->node[m->frame_node[frame]];
}

/* Tell the policy of frame's node that frame was loaded or hit. */
static ALWAYS_INLINE void node_tell(struct machine *m, uint32_t frame, int load)
{
	struct mnode *n = node_of(m, frame);

	m->pol_base = n->c.base;
	if (load)
		m->ops->load(n->policy, frame - n->c.base, m->now);
	else if (m->ops->hit)
		m->ops->hit(n->policy, frame - n->c.base, m->now);
	m->pol_base = 0;
}

/* The node the running process's policy wants the next page on, and the
 * nodes it may fall back to, in order.  Return: how many in order[]. */
/*
 * policy_node - the node pr's memory policy wants a page on: the node it
 * runs on (default; bind, when that node is in its set, else the nearest
 * of the set), the preferred node, or for interleave, at a fault the set's
 * next node in turn (one page each), at a hinting fault the set's node for
 * the page number vpn, as Linux's mpol_misplaced() places it by address.
 */
static ALWAYS_INLINE uint32_t policy_node(struct machine *m, struct proc *pr, uint32_t vpn,
					  bool fault)
{
	uint8_t order[NUMA_MAX_NODES];

	switch (pr->pol.mode) {
	case MPOL_PREFERRED:
		return (uint32_t)__builtin_ctzll(pr->pol.nodes);
	case MPOL_BIND:
		numa_fallback(m->ncfg, pr->node, pr->pol.nodes, order);
		return order[0];
	case MPOL_INTERLEAVE:
		if (fault) {
			uint32_t n = pr->il_next % m->nnodes;
			while (!(pr->pol.nodes >> n & 1))
				n = (n + 1) % m->nnodes;
			pr->il_next = n + 1;
			return n;
		} else {
			uint32_t k = vpn % (uint32_t)__builtin_popcountll(pr->pol.nodes), n = 0;
			for (;; n++)
				if ((pr->pol.nodes >> n & 1) && k-- == 0)
					return n;
		}
	case MPOL_DEFAULT:
		break;
	}
	return pr->node;
}

/* The node the running process's policy wants the page it faults on, and
 * the nodes it may fall back to, in order (bind: only its set).
 * Return: how many in order[]. */
static uint32_t node_wanted(struct machine *m, uint32_t *want, uint8_t order[NUMA_MAX_NODES])
{
	struct proc *pr = &m->procs[m->cur == NO_PROC ? 0 : m->cur];
	uint64_t all = m->nnodes == 64 ? UINT64_MAX : (UINT64_C(1) << m->nnodes) - 1;

	*want = policy_node(m, pr, 0, true);
	return numa_fallback(m->ncfg, *want, pr->pol.mode == MPOL_BIND ? pr->pol.nodes : all,
			     order);
}

/* numastat's bookkeeping for a frame allocated on node got. */
static void node_account(struct machine *m, uint32_t want, uint32_t got)
{
	struct proc *pr = &m->procs[m->cur == NO_PROC ? 0 : m->cur];

	if (got == want) {
		m->node[got].c.numa_hit++;
		if (pr->pol.mode == MPOL_INTERLEAVE)
			m->node[got].c.interleave_hit++;
	} else {
		m->node[got].c.numa_miss++;
		m->node[want].c.numa_foreign++;
	}
	if (got == pr->node)
		m->node[got].c.local_node++;
	else
		m->node[got].c.other_node++;
}

/* take_frame() with nodes: a free frame from the first node in the
 * fallback order that has one; when none has, the wanted node's policy
 * chooses a victim there (reclaim on the preferred node). */
static __attribute__((noinline)) int node_take(struct machine *m, uint32_t vpn, uint32_t keep,
					       uint32_t *out, struct machine_step *step)
{
	uint8_t order[NUMA_MAX_NODES];
	uint32_t want = 0, n = node_wanted(m, &want, order), f, v;
	struct mnode *nd;
	int err;

	for (uint32_t i = 0; i < n; i++)
		if (buddy_alloc(m->node[order[i]].pool, 0, &f) == 0) {
			node_account(m, want, order[i]);
			*out = f;
			return 0;
		}
	nd = &m->node[order[0]];
	m->pol_base = nd->c.base;
	v = m->ops->victim(nd->policy, m->now);
	m->pol_base = 0;
	if (v >= nd->c.frames)
		return vt_error(VT_SOFTWARE, "policy %s chose frame %u of node %u's %u", m->ops->name,
				v, order[0], nd->c.frames);
	f = nd->c.base + v;
	/* An empty frame (its page exited or moved) needs no eviction. */
	if (f != keep && m->frame_vpn[f] != NO_PAGE && (err = evict(m, f, step, 0)))
		return err == STOP_OOM ? out_of_memory(m, vpn) : err;
	node_account(m, want, order[0]);
	*out = f;
	return 0;
}

static __attribute__((noinline)) int sample_buddy(struct machine *m)
{
	for (uint32_t i = 0; i < m->nnodes; i++) {
		struct buddy_sample *s;
		if (m->nseries == m->series_cap) {
			size_t cap = m->series_cap ? 2 * m->series_cap : 64;
			struct buddy_sample *ns = realloc(m->series, sizeof(*ns) * cap);
			if (!ns)
				return vt_error(VT_SOFTWARE, "out of memory");
			m->series = ns;
			m->series_cap = cap;
		}
		s = &m->series[m->nseries++];
		s->time = m->now + 1;  /* references replayed, this one included */
		s->node = i;
		buddy_info(m->node[i].pool, s->free);
	}
	return 0;
}

/* NUMA balancing's scan (Linux's task_numa_work): every resident page is
 * marked, so that its next reference takes a hinting fault. */
static __attribute__((noinline)) void numa_scan(struct machine *m)
{
	for (uint32_t f = 0; f < m->nframes; f++)
		if (m->frame_vpn[f] != NO_PAGE && !m->scan_mark[f] &&
		    !(m->frame_huge && m->frame_huge[f])) {
			m->scan_mark[f] = 1;
			m->c.numa_pte_updates++;
		}
}

/* A hinting fault on the page in frame f, referenced through pte by the
 * running process: a page on another node than its memory policy wants
 * (policy_node()) moves there if a frame is free there
 * (migrate_misplaced_page: a full node refuses), copied, remapped, its
 * old frame left empty.  Shared pages stay. */
static __attribute__((noinline)) void numa_hint(struct machine *m, uint32_t *pte, uint32_t f)
{
	uint32_t cpu = m->procs[m->cur].node, g, want;

	m->scan_mark[f] = 0;
	m->c.numa_hint_faults++;
	if (m->frame_node[f] == cpu)
		m->c.numa_hint_faults_local++;
	want = policy_node(m, &m->procs[m->cur], m->frame_vpn[f], false);
	if (m->frame_node[f] == want)
		return;
	if ((m->frame_refs && m->frame_refs[f] > 1) || buddy_alloc(m->node[want].pool, 0, &g)) {
		m->c.pgmigrate_fail++;
		return;
	}
	m->c.numa_pages_migrated++;
	m->frame_vpn[g] = m->frame_vpn[f];
	m->frame_slot[g] = m->frame_slot[f];
	if (m->frame_owner)
		m->frame_owner[g] = m->frame_owner[f];
	if (m->frame_refs)
		m->frame_refs[g] = m->frame_refs[f];
	*pte = (*pte & PTE_FLAGS_MASK) | g << PTE_FRAME_SHIFT;
	if (m->tlb)
		tlb_shootdown(m->tlb, m->frame_vpn[f]);
	/* The old node's policy still ranks f and cannot forget it: f stays
	 * allocated and empty until that policy chooses it (node_take()), as
	 * a frame an exit released does. */
	m->frame_vpn[f] = NO_PAGE;
	m->frame_slot[f] = NO_SLOT;
	if (m->frame_refs)
		m->frame_refs[f] = 0;
	node_tell(m, g, 1);
}

/* The next NUMA balancing scan or buddyinfo sample is due. */
static __attribute__((noinline)) int node_tick(struct machine *m)
{
	int err = 0;

	if (m->scan_mark && m->now + 1 >= m->next_scan) {
		numa_scan(m);
		m->next_scan += m->ncfg->balance_period;
	}
	if (m->ncfg->buddyinfo_every && m->now + 1 >= m->next_sample) {
		m->next_sample += m->ncfg->buddyinfo_every;
		err = sample_buddy(m);
	}
	m->next_tick = UINT64_MAX;
	if (m->scan_mark)
		m->next_tick = m->next_scan;
	if (m->ncfg->buddyinfo_every && m->next_sample < m->next_tick)
		m->next_tick = m->next_sample;
	return err;
}

/* After each reference served through pte, with the node layer on: where
 * the access went, NUMA balancing, buddyinfo samples. */
static ALWAYS_INLINE int node_ref(struct machine *m, uint32_t *pte, uint32_t vpn)
{
	uint32_t cpu = m->procs[m->cur].node, f, at;

	if (m->huge && (m->pde[vpn >> PTE_INDEX_BITS] & PDE_PS)) {
		at = m->frame_node[m->pde[vpn >> PTE_INDEX_BITS] >> PTE_FRAME_SHIFT];
	} else if ((*pte & (PTE_PRESENT | PTE_ZERO)) == PTE_PRESENT) {
		f = *pte >> PTE_FRAME_SHIFT;
		if (m->scan_mark && m->scan_mark[f])
			numa_hint(m, pte, f);
		f = *pte >> PTE_FRAME_SHIFT;
		at = m->frame_node[f];
	} else {
		at = cpu;  /* the zero page: every node has a copy */
	}
	m->node[at].c.accesses++;
	if (at == cpu) {
		m->c.local_accesses++;
	} else {
		m->c.remote_accesses++;
		m->node[at].c.remote_accesses++;
	}
	m->c.access_distance += m->ncfg->distance[cpu][at];
	return m->now + 1 >= m->next_tick ? node_tick(m) : 0;
}

/* Nodes, their allocators and policies, per numa.h's config. */
static int nodes_new(struct machine *m, const struct node_config *nc, const uint32_t *next_use,
		     unsigned page_shift)
{
	uint32_t base = 0;
	int err;

	if ((err = node_config_frames(nc, m->nframes)))
		return err;
	m->ncfg = nc;
	m->nnodes = nc->nodes;
	m->indirect = true;
	m->node = calloc(m->nnodes, sizeof(*m->node));
	m->frame_node = malloc(m->nframes);
	if (!m->node || !m->frame_node)
		return vt_error(VT_SOFTWARE, "out of memory");
	if (nc->balance_period) {
		if (!(m->scan_mark = calloc(m->nframes, 1)))
			return vt_error(VT_SOFTWARE, "out of memory");
		m->next_scan = nc->balance_period;
	}
	m->next_sample = nc->buddyinfo_every;
	m->next_tick = UINT64_MAX;
	if (nc->balance_period)
		m->next_tick = m->next_scan;
	if (nc->buddyinfo_every && m->next_sample < m->next_tick)
		m->next_tick = m->next_sample;
	for (uint32_t i = 0; i < m->nnodes; i++) {
		struct mnode *n = &m->node[i];
		struct policy_env env = {
			.param = m->param,
			.tau = m->tau,
			.next_use = next_use,
			.machine = m,
		};
		n->c.base = base;
		n->c.frames = env.frames = node_frames(nc, i, m->nframes);
		if (buddy_new(&n->pool, base, n->c.frames))
			return vt_error(VT_SOFTWARE, "out of memory");
		memset(m->frame_node + base, (int)i, n->c.frames);
		base += n->c.frames;
		if ((err = m->ops->init(&n->policy, &env)))
			return err;
	}
	m->procs[0].pol = node_policy_of(nc, 1);
	if (nc->huge_all || nc->nhuge) {
		/* memopts.c has refused other page sizes. */
		if (page_shift != PAGE_SHIFT_DEFAULT)
			return vt_error(VT_SOFTWARE, "--huge with %u-byte pages", 1u << page_shift);
		m->huge = true;
		m->pde = calloc(m->npgdir, sizeof(*m->pde));
		m->huge_ok = calloc(m->npgdir, 1);
		m->frame_huge = calloc(m->nframes, 1);
		if (!m->pde || !m->huge_ok || !m->frame_huge)
			return vt_error(VT_SOFTWARE, "out of memory");
		for (uint32_t d = 0; d < m->npgdir; d++) {
			bool in = nc->huge_all;
			for (uint32_t i = 0; i < nc->nhuge; i++)
				in |= d >= nc->huge[i].lo && d <= nc->huge[i].hi;
			m->huge_ok[d] = in;
		}
	}
	return 0;
}

static void nodes_free(struct machine *m)
{
	for (uint32_t i = 0; m->node && i < m->nnodes; i++) {
		if (m->node[i].policy)
			m->ops->release(m->node[i].policy);
		buddy_free_pool(m->node[i].pool);
	}
	free(m->node);
	free(m->frame_node);
	free(m->scan_mark);
	free(m->series);
	free(m->pde);
	free(m->huge_ok);
	free(m->frame_huge);
}

/* --- 4 MiB pages (--huge; see "4 MiB pages" in the notes) ------------- */

static ALWAYS_INLINE uint32_t huge_head(uint32_t frame)
{
	return frame & ~(HUGE_FRAMES - 1);
}

/* The TLB tag of a reference: a 4 MiB mapping has one entry for its
 * 1024 pages, tagged past the 4 KiB pages' tags. */
static ALWAYS_INLINE uint32_t tlb_key(const struct machine *m, uint32_t vpn)
{
	uint32_t dir = vpn >> PTE_INDEX_BITS;

	return __builtin_expect(m->huge, 0) && (m->pde[dir] & PDE_PS) ? m->npgdir * PTRS_PER_PTE + dir
								      : vpn;
}

/* First touch of a page in the range: mark it, count it distinct. */
static ALWAYS_INLINE void huge_seen(struct machine *m, uint32_t *pte)
{
	if (!(*pte & PTE_SEEN)) {
		*pte |= PTE_SEEN;
		m->c.distinct_pages++;
	}
}

/*
 * huge_fault - a reference to a page in a range --huge names, whose PTE is
 * not present.  A range mapped by a 4 MiB page: a hit.  A range not yet
 * decided, touched by a load or store: a 4 MiB page if some node in the
 * policy's order has a free order-10 block (one fault, zero-filled),
 * else 4 KiB pages from now on (thp_fault_fallback).  Return: 0 when
 * done, HUGE_SMALL for the 4 KiB fault path, or an exit code.
 */
static __attribute__((noinline)) int huge_fault(struct machine *m, uint32_t *pte, uint32_t vpn,
						 uint32_t ref, struct machine_step *step)
{
	uint32_t dir = vpn >> PTE_INDEX_BITS, *pde = &m->pde[dir], base = 0, want = 0, n, i;
	int write = ref_kind(ref) == REF_WRITE;
	uint8_t order[NUMA_MAX_NODES];

	if (*pde & PDE_SPLIT)
		return HUGE_SMALL;
	if (*pde & PDE_PS) {
		m->c.hits++;
		*pde |= PDE_ACCESSED | (write ? PDE_DIRTY : 0);
		huge_seen(m, pte);
		base = *pde >> PTE_FRAME_SHIFT;
		policy_hit(m, base);
		if (step) {
			step->fault = 0;
			step->frame = base + (vpn & (PTRS_PER_PTE - 1));
		}
		return 0;
	}
	/* Text stays in 4 KiB pages: 4 MiB pages here are anonymous memory. */
	if (ref_kind(ref) == REF_FETCH || (*pte & PTE_SEEN)) {
		*pde = PDE_SPLIT;
		return HUGE_SMALL;
	}
	n = node_wanted(m, &want, order);
	for (i = 0; i < n; i++)
		if (buddy_alloc(m->node[order[i]].pool, HUGE_ORDER, &base) == 0)
			break;
	if (i == n) {
		*pde = PDE_SPLIT;
		m->c.thp_fault_fallback++;
		return HUGE_SMALL;
	}
	node_account(m, want, order[i]);
	m->c.thp_fault_alloc++;
	m->c.faults++;
	m->c.minor_faults++;
	/* The table stays for the pages' own bookkeeping (touched, swapped),
	 * but the hardware walks none: the directory entry maps 4 MiB. */
	m->c.page_tables--;
	*pde = base << PTE_FRAME_SHIFT | PDE_PS | PDE_ACCESSED | PDE_PRESENT | (write ? PDE_DIRTY : 0);
	huge_seen(m, pte);
	for (uint32_t k = 0; k < HUGE_FRAMES; k++) {
		m->frame_vpn[base + k] = dir << PTE_INDEX_BITS | k;
		m->frame_slot[base + k] = NO_SLOT;
		m->frame_huge[base + k] = 1;
	}
	m->resident += HUGE_FRAMES;
	if (m->tlb)
		tlb_refill(m->tlb, vpn, tlb_key(m, vpn));
	policy_load(m, base);
	if (step) {
		step->fault = 1;
		step->frame = base + (vpn & (PTRS_PER_PTE - 1));
	}
	return 0;
}

/* The frames of the 4 MiB page at base are empty; all go back to the
 * allocator but keep (the victim's frame, for the caller; NO_FRAME for
 * none) and the page's own frame if its policy still ranks it (a policy
 * chose another of its frames: like a frame an exit released, it stays
 * allocated until the policy chooses it). */
static void huge_frames_gone(struct machine *m, uint32_t base, uint32_t keep)
{
	struct buddy *pool = node_of(m, base)->pool;

	for (uint32_t k = 0; k < HUGE_FRAMES; k++) {
		m->frame_vpn[base + k] = NO_PAGE;
		m->frame_huge[base + k] = 0;
		if (m->scan_mark)
			m->scan_mark[base + k] = 0;
	}
	m->resident -= HUGE_FRAMES;
	if (keep == NO_FRAME) {
		buddy_release(pool, base, HUGE_ORDER);
		return;
	}
	buddy_split(pool, base, HUGE_ORDER);
	for (uint32_t k = 1; k < HUGE_FRAMES; k++)
		if (base + k != keep)
			buddy_release(pool, base + k, 0);
}

/*
 * evict_huge - the policy chose a frame of a 4 MiB page: the page is split
 * (Linux splits a THP to reclaim it) and every 4 KiB page of it that was
 * ever touched goes to its own swap slot (a write-back each if the page
 * was written: one dirty bit covers all 4 MiB); the others were never
 * used and are zero, so nothing keeps them.  The range uses 4 KiB pages
 * from now on.  Return: 0, STOP_OOM when the slots are not there (nothing
 * changed), or an exit code.
 */
static __attribute__((noinline)) int evict_huge(struct machine *m, uint32_t frame,
						 struct machine_step *step)
{
	uint32_t base = huge_head(frame), dir = m->frame_vpn[base] >> PTE_INDEX_BITS;
	uint32_t *pde = &m->pde[dir], *table = m->pgdir[dir], seen = 0;

	for (uint32_t k = 0; k < PTRS_PER_PTE; k++)
		seen += (table[k] & PTE_SEEN) != 0;
	if (swap_used(m->swap) + (uint64_t)seen > m->swap_slots)
		return STOP_OOM;
	for (uint32_t k = 0; k < PTRS_PER_PTE; k++) {
		uint32_t slot;
		if (!(table[k] & PTE_SEEN))
			continue;
		slot = swap_alloc(m->swap);
		if (slot == NO_SLOT || slot == SWAP_NOMEM)
			return vt_error(VT_SOFTWARE, "out of memory for the swap area");
		swap_write(m->swap, slot);
		m->c.swap_outs++;
		m->c.evictions++;
		if (*pde & PDE_DIRTY)
			m->c.writebacks++;
		table[k] = PTE_SEEN | swap_entry_pte(slot);
	}
	m->c.huge_evictions++;
	m->c.thp_split++;
	m->c.page_tables++;
	*pde = PDE_SPLIT;
	if (m->tlb)
		tlb_shootdown(m->tlb, m->npgdir * PTRS_PER_PTE + dir);
	if (step)
		step->victim_vpn = dir << PTE_INDEX_BITS;
	huge_frames_gone(m, base, frame);
	return 0;
}

/* A frame for a new page: a free one, else the policy's victim, evicted;
 * but if the victim is keep, it is left as it is for the caller.
 * Return: 0 with *out set, STOP_OOM (recorded), or an exit code. */
static ALWAYS_INLINE int take_frame(struct machine *m, uint32_t vpn, uint32_t keep, uint32_t *out,
				    struct machine_step *step)
{
	uint32_t frame;
	int err;

	m->fault_vpn = vpn;
	if (__builtin_expect(m->indirect, 0))
		return (m->local ? local_take : node_take)(m, vpn, keep, out, step);
	if (m->nfree) {
		*out = m->free_stack[--m->nfree];
		return 0;
	}
	if (m->used < m->nframes) {
		*out = m->used++;
		return 0;
	}
	frame = m->ops->victim(m->policy, m->now);
	if (frame == NO_FRAME && (m->ops->flags & POLICY_WINDOW))
		return vt_error(VT_USAGE, "%s: the working set outgrew the %u frames a 32-bit "
				"PTE can address (use a smaller --tau or larger pages)",
				m->ops->name, m->nframes);
	if (frame >= m->nframes ||
	    (m->frame_vpn[frame] == NO_PAGE && !(m->c.exits + m->c.execs)))
		return vt_error(VT_SOFTWARE, "policy %s chose frame %u, which holds no page",
				m->ops->name, frame);
	/* An empty frame is one an exit or exec released: no eviction. */
	if (frame != keep && m->frame_vpn[frame] != NO_PAGE && (err = evict(m, frame, step, 0)))
		return err == STOP_OOM ? out_of_memory(m, vpn) : err;
	*out = frame;
	return 0;
}

/* Another process's frame that caches slot at vpn (it swapped the page in
 * first), or NO_FRAME: Linux's swap-cache lookup, through the reverse
 * map's rule that sharers map the page at the same number. */
static uint32_t swap_cache_find(struct machine *m, uint32_t vpn, uint32_t slot)
{
	for (uint32_t p = 0; p < m->nprocs; p++) {
		uint32_t **dir = m->procs[p].pgdir, pte;
		if (p == m->cur || !dir || !dir[vpn >> PTE_INDEX_BITS])
			continue;
		pte = dir[vpn >> PTE_INDEX_BITS][vpn & (PTRS_PER_PTE - 1)];
		if ((pte & (PTE_PRESENT | PTE_ZERO)) == PTE_PRESENT &&
		    m->frame_slot[pte >> PTE_FRAME_SHIFT] == slot)
			return pte >> PTE_FRAME_SHIFT;
	}
	return NO_FRAME;
}

/* Map the frame that caches this PTE's slot, read-only and shared: a minor
 * fault without I/O.  A write then takes the CoW path from access1(). */
static __attribute__((noinline)) void map_cached(struct machine *m, uint32_t *pte, uint32_t frame,
						 struct machine_step *step)
{
	m->c.faults++;
	m->c.minor_faults++;
	swap_put(m->swap, swap_entry_slot(*pte));
	*pte = frame << PTE_FRAME_SHIFT | (*pte & PTE_SEEN) | PTE_COW | PTE_USER | PTE_ACCESSED |
	       PTE_PRESENT;
	m->frame_refs[frame]++;
	policy_hit(m, frame);
	if (step) {
		step->fault = 1;
		step->frame = frame;
	}
}

/* The fault path: find a frame, evicting if need be, and map vpn there. */
static ALWAYS_INLINE int fault(struct machine *m, uint32_t *pte, uint32_t vpn, uint32_t ref,
			       struct machine_step *step)
{
	uint32_t old = *pte, frame = 0, slot = NO_SLOT, file = 0, cow = 0;
	int write = ref_kind(ref) == REF_WRITE;
	int err;

	if (__builtin_expect(m->huge, 0) && m->huge_ok[vpn >> PTE_INDEX_BITS] &&
	    (err = huge_fault(m, pte, vpn, ref, step)) != HUGE_SMALL)
		return err;

	if (!(old & PTE_SEEN) && m->zero_page && ref_kind(ref) == REF_READ)
		return map_zero_page(m, pte, step);
	/* After a fork a swapped page may be shared through its slot. */
	if (__builtin_expect(m->frame_refs != NULL, 0) && (old & PTE_SWAP) &&
	    swap_count(m->swap, swap_entry_slot(old)) > 1) {
		uint32_t cached = swap_cache_find(m, vpn, swap_entry_slot(old));
		if (cached != NO_FRAME) {
			map_cached(m, pte, cached, step);
			return 0;
		}
		cow = PTE_COW;
	}
	/* restart() has recorded an out-of-memory stop itself. */
	if (__builtin_expect(m->alloc == ALLOC_PFF, 0) && (err = pff_adjust(m)))
		return err;
	if ((err = take_frame(m, vpn, NO_FRAME, &frame, step)))
		return err;
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
		/* Written: a private anonymous page whose swap copy is stale.
		 * Others sharing the slot keep it: the read was the copy. */
		if (cow) {
			m->c.cow_faults++;
			m->c.cow_reuses++;
			cow = 0;
		}
		file = 0;
		if (slot != NO_SLOT)
			swap_put(m->swap, slot);
		slot = NO_SLOT;
	}
	m->frame_slot[frame] = slot;
	*pte = frame << PTE_FRAME_SHIFT | cow | file | PTE_SEEN | PTE_USER | (cow ? 0 : PTE_RW) |
	       PTE_ACCESSED | PTE_PRESENT | (write ? PTE_DIRTY : 0);
	m->frame_vpn[frame] = vpn;
	if (__builtin_expect(m->frame_owner != NULL, 0)) {
		m->frame_owner[frame] = m->cur;
		if (m->frame_refs)
			m->frame_refs[frame] = 1;
	}
	m->resident++;
	policy_load(m, frame);
	if (step) {
		step->fault = 1;
		step->frame = frame;
	}
	return 0;
}

/*
 * write_protected - a write to a present page without R/W: the zero page
 * (it faults for a frame of its own: the PTE is cleared, the caller's
 * fault path follows) or a copy-on-write page.  *loaded: a new frame was
 * loaded (the policy heard load(), not hit()).
 * Return: 0, STOP_OOM or an exit code.
 */
static __attribute__((noinline)) int write_protected(struct machine *m, uint32_t *pte,
						     uint32_t vpn, int *loaded,
						     struct machine_step *step)
{
	uint32_t f = *pte >> PTE_FRAME_SHIFT, g = 0, moved = NO_PROC;
	int err;

	if (*pte & PTE_ZERO) {
		*pte &= PTE_SEEN;
		return 0;
	}
	m->c.cow_faults++;
	if (!m->frame_refs || m->frame_refs[f] <= 1) {
		/* The last sharer writes in place. */
		m->c.cow_reuses++;
		*pte = (*pte | PTE_RW) & ~PTE_COW;
		return 0;
	}
	if ((err = take_frame(m, vpn, f, &g, step)))
		return err;
	if (g == f) {
		/* The policy chose the shared frame itself: the other sharers'
		 * copy goes to swap and the writer keeps the frame. */
		if ((err = evict_shared(m, f, step, 0, m->cur)))
			return err == STOP_OOM ? out_of_memory(m, vpn) : err;
		m->c.cow_reuses++;
		*pte = (*pte | PTE_RW) & ~PTE_COW;
		policy_load(m, f);
		*loaded = 1;
		return 0;
	}
	m->c.cow_copies++;
	m->frame_refs[f]--;
	if (m->frame_owner[f] == m->cur) {
		recharge(m, f, m->cur);
		moved = m->frame_owner[f];
	}
	m->frame_vpn[g] = vpn;
	m->frame_slot[g] = NO_SLOT;
	m->frame_refs[g] = 1;
	m->frame_owner[g] = m->cur;
	*pte = g << PTE_FRAME_SHIFT | (*pte & (PTE_SEEN | PTE_USER)) | PTE_RW | PTE_ACCESSED |
	       PTE_PRESENT;
	m->resident++;
	policy_load(m, g);
	*loaded = 1;
	/* Local: f changed holder; both policies restart over their frames
	 * (the new holder may now be over its share). */
	if (m->local && moved != NO_PROC &&
	    ((err = restart(m, m->cur)) || (err = restart(m, moved))))
		return err;
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

/* After the reference: window policies may let pages go (WS one at most,
 * PFF every page not used since the last fault). */
static ALWAYS_INLINE int after(struct machine *m, struct machine_step *step)
{
	if (m->ops->expire) {
		uint32_t f;
		while ((f = m->ops->expire(m->policy, m->now)) != NO_FRAME) {
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
	int loaded = 0;
	int err;

	if (__builtin_expect(!m->pgdir[dir], 0) && (err = alloc_table(m, dir)))
		return err;
	pte = &m->pgdir[dir][vpn & (PTRS_PER_PTE - 1)];
	if (m->tlb)
		tlb_access(m->tlb, tlb_key(m, vpn));
	if (__builtin_expect(write && (*pte & (PTE_PRESENT | PTE_RW)) == PTE_PRESENT, 0) &&
	    (err = write_protected(m, pte, vpn, &loaded, step)))
		return err;
	if (*pte & PTE_PRESENT) {
		m->c.hits++;
		if (write && !(*pte & PTE_DIRTY))
			first_write(m, pte);
		*pte |= PTE_ACCESSED | (write ? PTE_DIRTY : 0);
		if (!(*pte & PTE_ZERO) && !loaded)
			policy_hit(m, *pte >> PTE_FRAME_SHIFT);
		if (step) {
			step->fault = 0;
			step->frame = (*pte & PTE_ZERO) ? NO_FRAME : *pte >> PTE_FRAME_SHIFT;
		}
	} else if ((err = fault(m, pte, vpn, ref, step))) {
		return err;
	}
	if (__builtin_expect(m->nnodes != 0, 0) && (err = node_ref(m, pte, vpn)))
		return err;
	m->c.references++;
	m->kinds[ref_kind(ref)]++;
	if ((err = after(m, step)))
		return err;
	m->now++;
	return 0;
}

/* Add what the running process did since it began to run to its own
 * counters (idempotent: the snapshot moves along). */
static void settle(struct machine *m)
{
	struct proc_counters *pc;
	const struct machine_counters *c = &m->c, *o = &m->snap;

	if (m->cur == NO_PROC)
		return;
	pc = &m->procs[m->cur].c;
	pc->references += c->references - o->references;
	pc->faults += c->faults - o->faults;
	pc->minor_faults += c->minor_faults - o->minor_faults;
	pc->major_faults += c->major_faults - o->major_faults;
	pc->cow_faults += c->cow_faults - o->cow_faults;
	pc->cow_copies += c->cow_copies - o->cow_copies;
	pc->cow_reuses += c->cow_reuses - o->cow_reuses;
	if (c->references != o->references)
		m->procs[m->cur].seen = true;
	m->snap = m->c;
}

/* A new process with an empty address space.  Return: its index, or
 * NO_PROC when out of memory (after a message). */
static uint32_t proc_new(struct machine *m, uint32_t pid, uint32_t ppid)
{
	struct proc *p;

	/* The second process: frames need a charged owner from now on, and
	 * every frame mapped so far is the first process's. */
	if (!m->frame_owner) {
		if (!(m->frame_owner = calloc(m->nframes, sizeof(uint32_t))))
			goto oom;
		m->procs[0].c.evicted = m->c.evictions;
	}
	if (m->nprocs == m->procs_cap) {
		uint32_t cap = m->procs_cap * 2;
		struct proc *np = realloc(m->procs, sizeof(*np) * cap);
		if (!np)
			goto oom;
		m->procs = np;
		m->procs_cap = cap;
	}
	p = &m->procs[m->nprocs];
	*p = (struct proc){ .seen = true, .c = { .pid = pid, .ppid = ppid } };
	if (m->nnodes) {
		/* Round robin over the nodes, in order of creation; a child
		 * keeps its parent's memory policy unless a rule names it. */
		bool own = false;
		for (uint32_t i = 0; i < m->ncfg->nrules; i++)
			own |= m->ncfg->rules[i].pid == pid;
		p->node = m->nprocs % m->nnodes;
		p->pol = ppid && !own && m->cur != NO_PROC ? m->procs[m->cur].pol
							   : node_policy_of(m->ncfg, pid);
	}
	if (!(p->pgdir = calloc(m->npgdir, sizeof(*p->pgdir))))
		goto oom;
	return m->nprocs++;
oom:
	vt_error(VT_SOFTWARE, "out of memory");
	return NO_PROC;
}

/* The live process with pid, or NO_PROC. */
static uint32_t proc_find(const struct machine *m, uint32_t pid)
{
	for (uint32_t p = m->nprocs; p-- > 0;)
		if (m->procs[p].c.pid == pid && m->procs[p].pgdir)
			return p;
	return NO_PROC;
}

static void run_proc(struct machine *m, uint32_t p)
{
	settle(m);
	m->cur = p;
	m->pgdir = p == NO_PROC ? NULL : m->procs[p].pgdir;
	if (m->tlb)
		tlb_flush(m->tlb);
}

/* Drop process p's address space: frames (freed when nobody else maps
 * them) and swap slots; the page tables go too. */
static void release_space(struct machine *m, uint32_t p)
{
	uint32_t **dir = m->procs[p].pgdir;

	for (uint32_t d = 0; d < m->npgdir; d++) {
		if (m->huge && (m->pde[d] & PDE_PS)) {
			huge_frames_gone(m, m->pde[d] >> PTE_FRAME_SHIFT, NO_FRAME);
			m->pde[d] = 0;
		}
		if (!dir[d])
			continue;
		for (uint32_t i = 0; i < PTRS_PER_PTE; i++) {
			uint32_t pte = dir[d][i], f = pte >> PTE_FRAME_SHIFT;
			if ((pte & (PTE_PRESENT | PTE_ZERO)) == PTE_PRESENT) {
						if (m->frame_refs && --m->frame_refs[f] > 0) {
					dir[d][i] = 0;
					if (m->frame_owner[f] == p)
						recharge(m, f, p);
					continue;
				}
				if (m->frame_slot[f] != NO_SLOT)
					swap_put(m->swap, m->frame_slot[f]);
				m->frame_slot[f] = NO_SLOT;
				/* The policy still ranks the frame and has no way
				 * to forget it: it stays empty until the policy
				 * chooses it (take_frame()). */
				m->frame_vpn[f] = NO_PAGE;
				m->resident--;
			} else if (!(pte & PTE_PRESENT) && (pte & PTE_SWAP)) {
				swap_put(m->swap, swap_entry_slot(pte));
			}
			dir[d][i] = 0;
		}
		free(dir[d]);
		dir[d] = NULL;
	}
	if (m->tlb && p == m->cur)
		tlb_flush(m->tlb);
}

/* fork: the running process's space, copied copy-on-write into child. */
static int fork_proc(struct machine *m, uint32_t child_pid)
{
	uint32_t parent = m->cur, child;
	uint64_t shared = 0;

	if (!m->frame_refs) {
		if (!(m->frame_refs = malloc(sizeof(uint32_t) * m->nframes)))
			return vt_error(VT_SOFTWARE, "out of memory");
		for (uint32_t f = 0; f < m->nframes; f++)
			m->frame_refs[f] = m->frame_vpn[f] != NO_PAGE;
	}
	if ((child = proc_new(m, child_pid, m->procs[parent].c.pid)) == NO_PROC)
		return VT_SOFTWARE;
	for (uint32_t d = 0; d < m->npgdir; d++) {
		uint32_t *pt = m->procs[parent].pgdir[d], *ct;
		if (!pt)
			continue;
		if (!(ct = m->procs[child].pgdir[d] = malloc(sizeof(uint32_t) * PTRS_PER_PTE)))
			return vt_error(VT_SOFTWARE, "out of memory");
		m->c.page_tables++;
		for (uint32_t i = 0; i < PTRS_PER_PTE; i++) {
			uint32_t pte = pt[i];
			if ((pte & (PTE_PRESENT | PTE_ZERO)) == PTE_PRESENT) {
				pte = (pte & ~PTE_RW) | PTE_COW;
				m->frame_refs[pte >> PTE_FRAME_SHIFT]++;
				shared++;
				pt[i] = pte;
				pte &= ~PTE_ACCESSED;  /* the child has not used it yet */
			} else if (!(pte & PTE_PRESENT) && (pte & PTE_SWAP)) {
				swap_dup(m->swap, swap_entry_slot(pte));
				pte |= PTE_COW;
				shared++;
				pt[i] = pte;
			}
			ct[i] = pte;
		}
	}
	/* The parent's PTEs lost R/W: its TLB entries are stale. */
	if (m->tlb)
		tlb_flush(m->tlb);
	m->procs[child].c.pages_shared = shared;
	m->procs[parent].seen = true;
	m->c.pages_shared += shared;
	m->c.forks++;
	return 0;
}

/* One event word (ref.h).  The events reader has checked the stream;
 * what it could not have checked is an internal error. */
static __attribute__((noinline)) int event(struct machine *m, uint32_t ref)
{
	uint32_t pid = ref_event_pid(ref), p = proc_find(m, pid);

	if (m->huge && (ref_event(ref) == EVENT_FORK || ref_event(ref) == EVENT_EXEC ||
			(ref_event(ref) == EVENT_SWITCH && p == NO_PROC)))
		return vt_error(VT_USAGE, "--huge: 4 MiB pages are modelled for one process; "
				"this trace has several");
	switch (ref_event(ref)) {
	case EVENT_SWITCH:
		if (p == NO_PROC) {
			int err;
			if ((p = proc_new(m, pid, 0)) == NO_PROC)
				return VT_SOFTWARE;
			if (m->local && (err = rebalance(m)))
				return err;
		}
		if (p != m->cur) {
			run_proc(m, p);
			m->c.switches++;
		}
		m->procs[p].seen = true;
		return 0;
	case EVENT_FORK:
		if (p != NO_PROC || m->cur == NO_PROC)
			break;
		{
			int err = fork_proc(m, pid);
			return !err && m->local ? rebalance(m) : err;
		}
	case EVENT_EXIT:
		if (p == NO_PROC)
			break;
		settle(m);
		release_space(m, p);
		free(m->procs[p].pgdir);
		m->procs[p].pgdir = NULL;
		m->procs[p].c.exited = true;
		m->procs[p].seen = true;
		if (p == m->cur)
			run_proc(m, NO_PROC);
		m->c.exits++;
		return m->local ? rebalance(m) : 0;
	case EVENT_EXEC:
		if (p == NO_PROC || p != m->cur)
			break;
		release_space(m, p);
		m->procs[p].seen = true;
		m->c.execs++;
		return m->local ? rebalance(m) : 0;
	default:
		if (ref_event(ref) >= EVENT_NODE && p != NO_PROC) {
			/* Without nodes, or with fewer, the move is a no-op / error. */
			uint32_t node = ref_event(ref) - EVENT_NODE;
			if (m->nnodes && node >= m->nnodes)
				return vt_error(VT_DATAERR, "the trace moves process %u to node %u; "
						"the machine has nodes 0 .. %u", pid, node,
						m->nnodes - 1);
			if (m->nnodes)
				m->procs[p].node = node;
			m->procs[p].seen = true;
			return 0;
		}
		break;
	}
	return vt_error(VT_SOFTWARE, "event %#x does not fit the processes alive", ref);
}

int machine_run(struct machine *m, const uint32_t *refs, size_t n)
{
	int err;

	for (size_t i = 0; i < n && !m->dead; i++) {
		if (__builtin_expect(ref_is_event(refs[i]), 0))
			err = event(m, refs[i]);
		else
			err = access1(m, refs[i], NULL);
		if (err)
			return err == STOP_OOM ? 0 : err;
	}
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
	err = ref_is_event(ref) ? event(m, ref) : access1(m, ref, out);
	return err == STOP_OOM ? 0 : err;
}

bool machine_dead(const struct machine *m)
{
	return m->dead;
}

int machine_release(struct machine *m)
{
	settle(m);
	for (uint32_t p = 0; p < m->nprocs; p++)
		if (m->procs[p].pgdir)
			release_space(m, p);
	if (m->resident)
		return vt_error(VT_SOFTWARE, "%u frames still mapped after every address space "
				"was released", m->resident);
	if (swap_used(m->swap))
		return vt_error(VT_SOFTWARE, "%u swap slots still in use after the address space "
				"was released", swap_used(m->swap));
	return 0;
}

/* Frames process p maps: counted from its tables when asked, so the
 * fault path keeps no per-process count. */
static uint32_t resident_of(const struct machine *m, uint32_t p)
{
	uint32_t n = 0;

	for (uint32_t d = 0; m->procs[p].pgdir && d < m->npgdir; d++) {
		/* 4 MiB pages: one process only, whose directory m->pde is. */
		if (m->huge && (m->pde[d] & PDE_PS))
			n += HUGE_FRAMES;
		for (uint32_t i = 0; m->procs[p].pgdir[d] && i < PTRS_PER_PTE; i++)
			n += (m->procs[p].pgdir[d][i] & (PTE_PRESENT | PTE_ZERO)) == PTE_PRESENT;
	}
	return n;
}

int machine_procs(struct machine *m, struct proc_counters **out, size_t *n)
{
	size_t k = 0;

	settle(m);
	*n = 0;
	if (!(*out = malloc(sizeof(**out) * m->nprocs)))
		return vt_error(VT_SOFTWARE, "out of memory");
	/* A process that never took part (process 1 of a trace that starts
	 * with another) is left out. */
	for (uint32_t p = 0; p < m->nprocs; p++) {
		if (!m->procs[p].seen)
			continue;
		(*out)[k] = m->procs[p].c;
		(*out)[k].share = m->procs[p].share;
		(*out)[k].node = m->nnodes ? m->procs[p].node : 0;
		(*out)[k++].resident = resident_of(m, p);
	}
	*n = k;
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
	frame = policy_frame(m, frame);
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
	uint32_t *pte;
	int was = 0;

	frame = policy_frame(m, frame);
	if (m->frame_vpn[frame] == NO_PAGE)
		return 0;  /* released by an exit or exec: take it */
	if (__builtin_expect(m->frame_huge && m->frame_huge[frame], 0)) {
		/* One accessed bit for 4 MiB, cleared at the page's own frame:
		 * a hand passing its other frames sees it unchanged. */
		uint32_t *pde = &m->pde[m->frame_vpn[frame] >> PTE_INDEX_BITS];
		was = (*pde & PDE_ACCESSED) != 0;
		if (frame == huge_head(frame))
			*pde &= ~PDE_ACCESSED;
		return was;
	}
	if (__builtin_expect(m->frame_refs && m->frame_refs[frame] > 1, 0)) {
		/* Shared: referenced if any sharer referenced it. */
		for (uint32_t p = 0; p < m->nprocs; p++)
			if ((pte = maps_frame(m, p, frame))) {
				was |= (*pte & PTE_ACCESSED) != 0;
				*pte &= ~PTE_ACCESSED;
			}
		return was;
	}
	pte = frame_pte(m, frame);
	was = (*pte & PTE_ACCESSED) != 0;
	*pte &= ~PTE_ACCESSED;
	return was;
}

/* --- PTE bits for policies that read more than A (NRU, ESC, WSClock) --- */

int machine_test_dirty(const struct machine *m, uint32_t frame)
{
	frame = policy_frame(m, frame);
	if (m->frame_vpn[frame] == NO_PAGE)
		return 0;  /* released by an exit, or its page moved */
	if (m->frame_huge && m->frame_huge[frame])
		return (m->pde[m->frame_vpn[frame] >> PTE_INDEX_BITS] & PDE_DIRTY) != 0;
	return (*frame_pte((struct machine *)m, frame) & PTE_DIRTY) != 0;
}

void machine_clean(struct machine *m, uint32_t frame)
{
	uint32_t *pte, slot;

	frame = policy_frame(m, frame);
	/* A 4 MiB page is written back only when it is evicted. */
	if (m->frame_vpn[frame] == NO_PAGE || (m->frame_huge && m->frame_huge[frame]))
		return;
	pte = frame_pte(m, frame);

	if (!(*pte & PTE_DIRTY))
		return;
	/* The write goes to a swap slot, which then holds the page's copy: its
	 * eviction later is a swap-drop.  No slot free: it stays dirty. */
	slot = swap_alloc(m->swap);
	if (slot == NO_SLOT || slot == SWAP_NOMEM)
		return;
	swap_write(m->swap, slot);
	m->frame_slot[frame] = slot;
	m->c.swap_cleans++;
	m->c.writebacks++;
	*pte &= ~PTE_DIRTY;
}

int machine_check(const struct machine *m)
{
	char why[160];

	for (uint32_t i = 0; i < m->nnodes; i++) {
		const struct mnode *nd = &m->node[i];
		if (buddy_check(nd->pool, why, sizeof(why)))
			return vt_error(VT_SOFTWARE, "node %u's buddy allocator: %s", i, why);
		for (uint32_t f = nd->c.base; f < nd->c.base + nd->c.frames; f++)
			if (buddy_frame_free(nd->pool, f) &&
			    (m->frame_vpn[f] != NO_PAGE || (m->frame_huge && m->frame_huge[f])))
				return vt_error(VT_SOFTWARE, "frame %u holds a page but node %u's "
						"allocator has it free", f, i);
	}
	return 0;
}

uint32_t machine_nnodes(const struct machine *m)
{
	return m->nnodes;
}

void machine_nodes(const struct machine *m, struct node_counters *out)
{
	for (uint32_t i = 0; i < m->nnodes; i++) {
		const struct mnode *nd = &m->node[i];
		const struct buddy_counters *bc = buddy_counters(nd->pool);
		out[i] = nd->c;
		out[i].free_frames = buddy_free_frames(nd->pool);
		buddy_info(nd->pool, out[i].buddyinfo);
		for (unsigned o = 0; o < BUDDY_ORDERS; o++) {
			out[i].frag_index[o] = buddy_frag_index(nd->pool, o);
			out[i].unusable_index[o] = buddy_unusable_index(nd->pool, o);
		}
		out[i].splits = bc->splits;
		out[i].merges = bc->merges;
	}
}

const struct buddy_sample *machine_buddy_series(const struct machine *m, size_t *n)
{
	*n = m->nseries;
	return m->series;
}

uint32_t machine_proc_node(const struct machine *m, uint32_t pid)
{
	for (uint32_t p = m->nprocs; p-- > 0;)
		if (m->procs[p].c.pid == pid)
			return m->nnodes ? m->procs[p].node : 0;
	return 0;
}
