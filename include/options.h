/* options.h - parsing and validating command-line values, once, up front.
 *
 * Every parser returns 0 or VT_USAGE after a message naming the option, so
 * the code that runs the simulation can trust what it is given.
 */
#ifndef VMTRACE_OPTIONS_H
#define VMTRACE_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "policy.h"

/* A decimal count in [min, max]. */
int opt_parse_u64(const char *opt, const char *arg, uint64_t min, uint64_t max, uint64_t *out);

/* A size in bytes: 4096, 4K, 4KiB, 16k, 4M, 4MiB. */
int opt_parse_size(const char *opt, const char *arg, uint64_t *out);

/* --page-size: a power of two from 1 KiB to 4 MiB; gives log2. */
int opt_parse_page_size(const char *arg, unsigned *shift);

/* A comma-separated list of counts in [min, max]: "3,4,8".  *out is
 * malloc'd; the caller frees it. */
int opt_parse_u64_list(const char *opt, const char *arg, uint64_t min, uint64_t max,
		       uint64_t **out, size_t *n);

/* A comma-separated list of policies, or "all": "lru,aging:bits=4,tick=64"
 * (a key=val item belongs to the policy named before it).  The same policy
 * with the same parameters is listed once.  *out is malloc'd. */
int opt_parse_policies(const char *arg, struct policy_choice **out, size_t *n);

#endif
