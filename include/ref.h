/* ref.h - one decoded memory reference, packed into 32 bits.
 *
 * Readers turn trace text into blocks of these; the machine consumes them.
 * The virtual page number (at most 22 bits, for 1 KiB pages) sits above a
 * 2-bit access kind, so a block of a million references is 4 MB.
 *
 * An events trace (several processes) carries its fork, exit, exec and
 * context switches in the same stream, as words with bit 31 set: no
 * reference reaches that bit (22 + 2 bits at most), so a plain trace never
 * holds one and the machine tests one bit per reference.
 *     bit 31 | event (bits 24..30) | process id (bits 0..21)
 * where a node move carries its node in the event field (EVENT_NODE + N).
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

/* Process ids run from 1 to PID_LIMIT - 1, Linux's PID_MAX_LIMIT. */
#define PID_LIMIT (UINT32_C(1) << 22)

#define REF_EVENT (UINT32_C(1) << 31)
#define REF_EVENT_SHIFT 24u

enum ref_event {
	EVENT_SWITCH = 1, /* the process runs from now on (created if new) */
	EVENT_FORK = 2,   /* the running process forks this child */
	EVENT_EXIT = 3,   /* the process ends */
	EVENT_EXEC = 4,   /* the running process (this one) starts a new program */
	EVENT_NODE = 64,  /* 64 + N: the process runs on NUMA node N from now on */
};

static inline uint32_t ref_event_make(enum ref_event e, uint32_t pid)
{
	return REF_EVENT | (uint32_t)e << REF_EVENT_SHIFT | pid;
}

static inline int ref_is_event(uint32_t ref)
{
	return (ref & REF_EVENT) != 0;
}

static inline enum ref_event ref_event(uint32_t ref)
{
	return (enum ref_event)((ref & ~REF_EVENT) >> REF_EVENT_SHIFT);
}

static inline uint32_t ref_event_pid(uint32_t ref)
{
	return ref & (PID_LIMIT - 1);
}

#endif
