/* ref.h - one decoded memory reference, packed into 32 bits.
 *
 * Readers turn trace text into blocks of these; the machine consumes them.
 * The virtual page number (at most 22 bits, for 1 KiB pages) sits above a
 * 2-bit access kind, so a block of a million references is 4 MB.
 */
#ifndef VMTRACE_REF_H
#define VMTRACE_REF_H

#include <stdint.h>

enum ref_kind {
	REF_READ = 0,  /* data load (lackey L, seq page) */
	REF_WRITE = 1, /* data store or modify (lackey S and M, seq "3w") */
	REF_FETCH = 2, /* instruction fetch (lackey I) */
};

#define REF_KIND_BITS 2u
#define REF_KIND_MASK 3u

static inline uint32_t ref_make(uint32_t vpn, enum ref_kind kind)
{
	return vpn << REF_KIND_BITS | (uint32_t)kind;
}

static inline uint32_t ref_vpn(uint32_t ref)
{
	return ref >> REF_KIND_BITS;
}

static inline enum ref_kind ref_kind(uint32_t ref)
{
	return (enum ref_kind)(ref & REF_KIND_MASK);
}

#endif
