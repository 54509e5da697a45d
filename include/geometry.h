/* geometry.h - the 32-bit x86 paging geometry and PTE bits vmtrace simulates.
 *
 * Two-level paging as on i386 without PAE: a page directory indexes page
 * tables of 1024 PTEs each.  With the default 4 KiB page the directory has
 * 1024 entries and a 32-bit address splits 10 | 10 | 12.  Other page sizes
 * (--page-size, 1 KiB ... 4 MiB) keep 1024 PTEs a table and size the
 * directory to cover the 4 GiB space: 2^(32 - page_shift - 10) entries, at
 * least one.
 *
 * PTE bits are numbered as in the Intel SDM, vol. 3A, table 4-6; bits 9-11
 * are "available to software" and vmtrace uses them.
 *
 * A non-present PTE of a swapped-out page holds its swap entry, as Linux's
 * i386 swap PTEs do: bit 8 (SWAP) says so, bits 1..5 the swap type, bits
 * 12..31 the slot offset; SEEN, COW and FILE keep their meaning.  In a
 * present PTE bit 8 marks the shared zero page instead (no frame of its
 * own, R/W clear so that the first write faults).
 */
#ifndef VMTRACE_GEOMETRY_H
#define VMTRACE_GEOMETRY_H

#include <stdint.h>

#define PTE_BIT_PRESENT  0  /* page is resident in a frame */
#define PTE_BIT_RW       1  /* writes allowed (cleared for copy-on-write) */
#define PTE_BIT_USER     2  /* user-mode access allowed */
#define PTE_BIT_ACCESSED 5  /* was accessed (set by the CPU, cleared by Clock) */
#define PTE_BIT_DIRTY    6  /* was written since loaded */
#define PTE_BIT_SWAP     8  /* not present: a swap entry; present: zero page */
#define PTE_BIT_SEEN     9  /* AVL: page was touched at least once */
#define PTE_BIT_COW      10 /* AVL: shared copy-on-write page */
#define PTE_BIT_FILE     11 /* AVL: file-backed (first touched by a fetch) */

#define PTE_PRESENT  (UINT32_C(1) << PTE_BIT_PRESENT)
#define PTE_RW       (UINT32_C(1) << PTE_BIT_RW)
#define PTE_USER     (UINT32_C(1) << PTE_BIT_USER)
#define PTE_ACCESSED (UINT32_C(1) << PTE_BIT_ACCESSED)
#define PTE_DIRTY    (UINT32_C(1) << PTE_BIT_DIRTY)
#define PTE_SEEN     (UINT32_C(1) << PTE_BIT_SEEN)
#define PTE_COW      (UINT32_C(1) << PTE_BIT_COW)
#define PTE_SWAP     (UINT32_C(1) << PTE_BIT_SWAP)
#define PTE_ZERO     PTE_SWAP
#define PTE_FILE     (UINT32_C(1) << PTE_BIT_FILE)
#define PTE_SWAP_TYPE_SHIFT 1       /* swap type in bits 1..5 */

#define PTE_FRAME_SHIFT 12          /* frame number in bits 12..31 */
#define PTE_FLAGS_MASK  UINT32_C(0xfff)
#define PTRS_PER_PTE    1024u       /* PTEs in one page table */
#define PTE_INDEX_BITS  10u

#define ADDR_BITS        32u        /* the simulated virtual address space */
#define PAGE_SHIFT_MIN   10u        /* 1 KiB */
#define PAGE_SHIFT_MAX   22u        /* 4 MiB, x86 PSE */
#define PAGE_SHIFT_DEFAULT 12u      /* 4 KiB */

/* A frame number must fit the PTE's 20-bit frame field. */
#define MAX_FRAMES (UINT32_C(1) << 20)

/* Number of page-directory entries for a page size. */
static inline uint32_t pgdir_entries(unsigned page_shift)
{
	unsigned bits = ADDR_BITS - page_shift;
	return bits > PTE_INDEX_BITS ? UINT32_C(1) << (bits - PTE_INDEX_BITS) : 1;
}

/* Number of virtual pages in the 32-bit space for a page size. */
static inline uint32_t vpn_space(unsigned page_shift)
{
	return UINT32_C(1) << (ADDR_BITS - page_shift);
}

#endif
