/* policy.h - the replacement-policy plug-in interface.
 *
 * A policy is one file, src/policy/<name>.c, ending in
 *     const struct policy_ops policy_<name> = { .name = "<name>", ... };
 * and one line in policy_list[] (src/policy.c).  That is all it takes.
 *
 * The machine owns pages, PTEs and frames; a policy only ranks frames.  It
 * keeps its state in flat arrays indexed by frame number and is told about
 * every hit and every load; on a fault with no free frame the machine asks
 * it for a victim, evicts that page and loads the new one into the same
 * frame (DESIGN.md: "a page loaded after an eviction takes its victim's
 * frame").  Times are 0-based reference indices into the whole trace.
 */
#ifndef VMTRACE_POLICY_H
#define VMTRACE_POLICY_H

#include <stdbool.h>
#include <stdint.h>

struct machine;

#define NO_FRAME UINT32_MAX
#define NEXT_USE_NEVER UINT32_MAX

enum policy_flags {
	/* Needs next_use[]: the index of the next reference to the same page
	 * (NEXT_USE_NEVER if none).  The engine decodes the whole trace first. */
	POLICY_NEEDS_FUTURE = 1u << 0,
	/* Variable allocation: sized by a window tau, not a frame count; frees
	 * pages through expire(). */
	POLICY_WINDOW = 1u << 1,
	/* With POLICY_WINDOW: tau does not bound the resident set (PFF's tau
	 * is a fault interval); the machine offers every frame there is. */
	POLICY_UNBOUNDED = 1u << 2,
};

/* A tunable of a policy: -p name:key=val,key=val.  Values are unsigned
 * integers in [min, max]; a policy reads them from policy_env.param[i] in
 * the order of its params[] table. */
#define POLICY_MAX_PARAMS 4
struct policy_param {
	const char *name;
	uint64_t def, min, max;
	const char *help;         /* one line, for `vmtrace policies` */
};

struct policy_env {
	uint32_t frames;          /* frames the policy manages */
	const uint64_t *param;    /* values for ops->params[], defaults filled in */
	uint64_t tau;             /* window, POLICY_WINDOW policies only */
	const uint32_t *next_use; /* POLICY_NEEDS_FUTURE policies only */
	struct machine *machine;  /* for reading PTE bits (Clock) */
};

struct policy;  /* each policy's own struct; opaque to the machine */

struct policy_ops {
	const char *name;
	const char *summary;  /* one line, for `vmtrace policies` and --help */
	unsigned flags;
	/* Tunables, ended by an entry with a NULL name; NULL for none. */
	const struct policy_param *params;

	/* Return: 0 with *out set, or an exit code after a message. */
	int (*init)(struct policy **out, const struct policy_env *env);
	void (*release)(struct policy *p);

	/* A resident page in frame was referenced at time t.  May be NULL. */
	void (*hit)(struct policy *p, uint32_t frame, uint64_t t);
	/* A page was loaded into frame at time t (after a fault). */
	void (*load)(struct policy *p, uint32_t frame, uint64_t t);
	/* Every frame is full: which one goes?  Called only when all frames
	 * hold pages.  The machine then evicts it and calls load() for it. */
	uint32_t (*victim)(struct policy *p, uint64_t t);
	/* POLICY_WINDOW only: after the reference at t, a frame whose page
	 * just left the resident set, or NO_FRAME.  The machine evicts it and
	 * asks again until NO_FRAME. */
	uint32_t (*expire)(struct policy *p, uint64_t t);
};

/* The registry, NULL-terminated, in the order `-p all` runs them. */
extern const struct policy_ops *const policy_list[];

const struct policy_ops *policy_find(const char *name);

/* A policy as -p names it: the ops and its parameter values.  name is what
 * outputs print: the policy's name, followed by ":key=val,..." for the
 * parameters the user set. */
struct policy_choice {
	const struct policy_ops *ops;
	uint64_t param[POLICY_MAX_PARAMS];
	char name[96];
};

/* ops with every parameter at its default. */
void policy_choice_default(struct policy_choice *c, const struct policy_ops *ops);

#endif
