/* policy.c - the policy registry: one line per policy. */
#include <stdio.h>
#include <string.h>

#include "policy.h"

extern const struct policy_ops policy_fifo;
extern const struct policy_ops policy_lru;
extern const struct policy_ops policy_opt;
extern const struct policy_ops policy_clock;
extern const struct policy_ops policy_lfu;
extern const struct policy_ops policy_ws;
extern const struct policy_ops policy_mru;
extern const struct policy_ops policy_random;
extern const struct policy_ops policy_nru;
extern const struct policy_ops policy_esc;
extern const struct policy_ops policy_aging;
extern const struct policy_ops policy_linux2q;
extern const struct policy_ops policy_wsclock;
extern const struct policy_ops policy_pff;
extern const struct policy_ops policy_sieve;
extern const struct policy_ops policy_s3fifo;
extern const struct policy_ops policy_2q;
extern const struct policy_ops policy_arc;
extern const struct policy_ops policy_lirs;
extern const struct policy_ops policy_clockpro;

const struct policy_ops *const policy_list[] = {
	&policy_opt,
	&policy_fifo,
	&policy_lru,
	&policy_clock,
	&policy_lfu,
	&policy_ws,
	&policy_mru,
	&policy_random,
	&policy_nru,
	&policy_esc,
	&policy_aging,
	&policy_linux2q,
	&policy_wsclock,
	&policy_pff,
	&policy_sieve,
	&policy_s3fifo,
	&policy_2q,
	&policy_arc,
	&policy_lirs,
	&policy_clockpro,
	NULL,
};

const struct policy_ops *policy_find(const char *name)
{
	for (size_t i = 0; policy_list[i]; i++)
		if (strcmp(policy_list[i]->name, name) == 0)
			return policy_list[i];
	return NULL;
}

void policy_choice_default(struct policy_choice *c, const struct policy_ops *ops)
{
	memset(c, 0, sizeof(*c));
	c->ops = ops;
	for (size_t i = 0; ops->params && ops->params[i].name && i < POLICY_MAX_PARAMS; i++)
		c->param[i] = ops->params[i].def;
	snprintf(c->name, sizeof(c->name), "%s", ops->name);
}
