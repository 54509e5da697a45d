/* numa.c - the node options (numa.h): parsing, node sizes, fallback order.
 *
 * Distances are ACPI SLIT units as `numactl --hardware` prints them: 10 for
 * a node's own memory, and for a remote node the access time relative to
 * local times 10.  The default remote distance, 20, is a two-socket machine
 * where a remote access takes twice as long; Linux itself assumes 20
 * (REMOTE_DISTANCE, include/linux/topology.h) when firmware gives no
 * table.  Measured two-socket machines report 21 (Intel) to 32 (AMD).
 *
 * The fallback order is Linux's zonelist for a node (build_zonelists):
 * the node itself, then the others by increasing distance, equal distances
 * by node number.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "numa.h"
#include "options.h"

void node_config_init(struct node_config *c)
{
	memset(c, 0, sizeof(*c));
	c->remote_default = NUMA_REMOTE_DEFAULT;
}

/* A decimal number at *s, advancing *s.  Return: 0, or -1 if none. */
static int number(const char **s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (**s < '0' || **s > '9')
		return -1;
	errno = 0;
	v = strtoull(*s, &end, 10);
	if (errno || v > max)
		return -1;
	*s = end;
	*out = v;
	return 0;
}

/* A node set: "all", or numbers and ranges joined by commas ("0,2-3"). */
static int parse_nodeset(const char *opt, const char *arg, uint64_t *out)
{
	const char *s = arg;
	uint64_t set = 0;

	if (!strcmp(arg, "all")) {
		*out = UINT64_MAX;
		return 0;
	}
	for (;;) {
		uint64_t lo, hi;
		if (number(&s, NUMA_MAX_NODES - 1, &lo))
			goto bad;
		hi = lo;
		if (*s == '-') {
			s++;
			if (number(&s, NUMA_MAX_NODES - 1, &hi) || hi < lo)
				goto bad;
		}
		for (uint64_t n = lo; n <= hi; n++)
			set |= UINT64_C(1) << n;
		if (!*s)
			break;
		if (*s++ != ',')
			goto bad;
	}
	*out = set;
	return 0;
bad:
	return vt_error(VT_USAGE, "%s: '%s' is not a node set (all, or nodes like 0,2-3)", opt,
			arg);
}

int numa_parse_nodes(struct node_config *c, const char *arg)
{
	uint64_t *v = NULL;
	size_t n = 0;
	int err;

	if ((err = opt_parse_u64_list("--numa", arg, 0, UINT32_MAX, &v, &n)))
		return err;
	c->numa = true;
	c->frames_given = n > 1;
	memset(c->frames, 0, sizeof(c->frames));
	for (size_t i = 0; n > 1 && i < n; i++)
		if (v[i] == 0) {
			free(v);
			return vt_error(VT_USAGE, "--numa: node %zu has no frames; each node needs one "
					"at least", i);
		}
	if (n == 1) {
		if (v[0] == 0 || v[0] > NUMA_MAX_NODES) {
			free(v);
			return vt_error(VT_USAGE, "--numa: '%s': give 1 to %d nodes, or each node's "
					"frames (F0,F1,...)", arg, NUMA_MAX_NODES);
		}
		c->nodes = (uint32_t)v[0];
	} else if (n > NUMA_MAX_NODES) {
		free(v);
		return vt_error(VT_USAGE, "--numa: at most %d nodes", NUMA_MAX_NODES);
	} else {
		c->nodes = (uint32_t)n;
		for (size_t i = 0; i < n; i++)
			c->frames[i] = (uint32_t)v[i];
	}
	free(v);
	return 0;
}

int numa_parse_distance(struct node_config *c, const char *arg)
{
	c->distance_arg = arg;
	return 0;
}

int numa_parse_mempolicy(struct node_config *c, const char *arg)
{
	struct mempolicy_rule r = { 0 };
	const char *s = arg, *eq = strchr(arg, '='), *colon;
	size_t len;
	int err;

	if (c->nrules == NUMA_MAX_RULES)
		return vt_error(VT_USAGE, "--mempolicy: at most %d of them", NUMA_MAX_RULES);
	if (eq) {
		uint64_t pid;
		if (number(&s, UINT32_MAX, &pid) || s != eq || pid == 0)
			return vt_error(VT_USAGE, "--mempolicy: '%.*s' is not a process id", (int)(eq - arg),
					arg);
		r.pid = (uint32_t)pid;
		s = eq + 1;
	}
	colon = strchr(s, ':');
	len = colon ? (size_t)(colon - s) : strlen(s);
	if ((len == 7 && !strncmp(s, "default", 7)) || (len == 5 && !strncmp(s, "local", 5))) {
		if (colon)
			return vt_error(VT_USAGE, "--mempolicy: %.*s takes no nodes", (int)len, s);
		r.pol.mode = MPOL_DEFAULT;
	} else if (len == 9 && !strncmp(s, "preferred", 9)) {
		uint64_t node;
		const char *t = colon ? colon + 1 : "";
		if (number(&t, NUMA_MAX_NODES - 1, &node) || *t)
			return vt_error(VT_USAGE, "--mempolicy: preferred takes one node: "
					"preferred:N, not '%s'", s);
		r.pol.mode = MPOL_PREFERRED;
		r.pol.nodes = UINT64_C(1) << node;
	} else if ((len == 4 && !strncmp(s, "bind", 4)) || (len == 10 && !strncmp(s, "interleave", 10))) {
		r.pol.mode = len == 4 ? MPOL_BIND : MPOL_INTERLEAVE;
		if (!colon)
			return vt_error(VT_USAGE, "--mempolicy: %.*s needs nodes, e.g. %.*s:0-1", (int)len,
					s, (int)len, s);
		if ((err = parse_nodeset("--mempolicy", colon + 1, &r.pol.nodes)))
			return err;
	} else {
		return vt_error(VT_USAGE, "--mempolicy: '%s' is not default, local, preferred:N, "
				"bind:NODES or interleave:NODES", s);
	}
	/* A later rule for the same process replaces the earlier one. */
	for (uint32_t i = 0; i < c->nrules; i++)
		if (c->rules[i].pid == r.pid) {
			c->rules[i] = r;
			return 0;
		}
	c->rules[c->nrules++] = r;
	return 0;
}

/* An address: decimal or 0x-hex, at most 4 GiB. */
static int parse_addr(const char *s, const char **end, uint64_t *out)
{
	char *e;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &e, 0);
	if (errno || v > (UINT64_C(1) << 32))
		return -1;
	*end = e;
	*out = v;
	return 0;
}

int numa_parse_huge(struct node_config *c, const char *arg)
{
	uint64_t lo, hi;
	const char *s;

	if (!strcmp(arg, "all")) {
		c->huge_all = true;
		return 0;
	}
	if (c->nhuge == NUMA_MAX_HUGE)
		return vt_error(VT_USAGE, "--huge: at most %d ranges", NUMA_MAX_HUGE);
	if (parse_addr(arg, &s, &lo) || *s != '-' || parse_addr(s + 1, &s, &hi) || *s || hi <= lo ||
	    lo >= (UINT64_C(1) << 32))
		return vt_error(VT_USAGE, "--huge: '%s' is not 'all' or LO-HI, a range of 32-bit "
				"virtual addresses with LO < HI <= 0x100000000", arg);
	/* Every 4 MiB region the range touches. */
	c->huge[c->nhuge].lo = (uint32_t)(lo >> 22);
	c->huge[c->nhuge].hi = (uint32_t)((hi - 1) >> 22);
	c->nhuge++;
	return 0;
}

static int finish_distance(struct node_config *c)
{
	uint64_t *v = NULL;
	size_t n = 0;
	uint32_t N = c->nodes;
	int err;

	for (uint32_t i = 0; i < N; i++)
		for (uint32_t j = 0; j < N; j++)
			c->distance[i][j] = i == j ? NUMA_LOCAL_DISTANCE : (uint8_t)c->remote_default;
	if (!c->distance_arg)
		return 0;
	if ((err = opt_parse_u64_list("--numa-distance", c->distance_arg, 1, 255, &v, &n)))
		return err;
	if (n == 1) {
		if (v[0] <= NUMA_LOCAL_DISTANCE || v[0] > NUMA_MAX_DISTANCE) {
			free(v);
			return vt_error(VT_USAGE, "--numa-distance: a remote distance is 11 .. 254 "
					"(local is 10)");
		}
		for (uint32_t i = 0; i < N; i++)
			for (uint32_t j = 0; j < N; j++)
				if (i != j)
					c->distance[i][j] = (uint8_t)v[0];
	} else if (n != (size_t)N * N) {
		free(v);
		return vt_error(VT_USAGE, "--numa-distance: %zu numbers; a table for %u nodes has %u",
				n, N, N * N);
	} else {
		for (uint32_t i = 0; i < N; i++)
			for (uint32_t j = 0; j < N; j++) {
				uint64_t d = v[i * N + j];
				if (i == j ? d != NUMA_LOCAL_DISTANCE
					   : d <= NUMA_LOCAL_DISTANCE || d > NUMA_MAX_DISTANCE) {
					free(v);
					return vt_error(VT_USAGE, "--numa-distance: entry %u,%u is %llu; "
							"a node to itself is 10, to another 11 .. 254",
							i, j, (unsigned long long)d);
				}
				c->distance[i][j] = (uint8_t)d;
			}
	}
	free(v);
	c->distance_given = true;
	return 0;
}

int node_config_finish(struct node_config *c, uint32_t frames)
{
	uint64_t all;
	int err;

	if (!c->numa && c->distance_arg)
		return vt_error(VT_USAGE, "--numa-distance needs --numa");
	if (!c->numa && (c->nrules || c->balance_period))
		return vt_error(VT_USAGE, "%s needs --numa", c->nrules ? "--mempolicy"
									: "--numa-balance");
	if (!c->numa && (c->buddy || c->buddyinfo_every || c->huge_all || c->nhuge))
		c->nodes = 1;
	if (!c->nodes)
		return 0;
	all = c->nodes == NUMA_MAX_NODES ? UINT64_MAX : (UINT64_C(1) << c->nodes) - 1;
	if ((err = finish_distance(c)))
		return err;
	for (uint32_t i = 0; i < c->nrules; i++) {
		struct mempolicy *p = &c->rules[i].pol;
		if (p->nodes == UINT64_MAX)
			p->nodes = all;
		if (p->nodes & ~all) {
			char buf[96];
			mempolicy_format(p, buf, sizeof(buf));
			return vt_error(VT_USAGE, "--mempolicy %s: the machine has nodes 0 .. %u", buf,
					c->nodes - 1);
		}
	}
	return frames ? node_config_frames(c, frames) : 0;
}

int node_config_frames(const struct node_config *c, uint32_t frames)
{
	uint64_t sum = 0;

	if (!c->nodes)
		return 0;
	if ((c->huge_all || c->nhuge) && frames < 1024)
		return vt_error(VT_USAGE, "--huge: a 4 MiB page needs 1024 frames; -n is %u", frames);
	if (!c->frames_given) {
		if (frames < c->nodes)
			return vt_error(VT_USAGE, "--numa: %u nodes need at least %u frames, not %u",
					c->nodes, c->nodes, frames);
		return 0;
	}
	for (uint32_t n = 0; n < c->nodes; n++)
		sum += c->frames[n];
	if (sum != frames)
		return vt_error(VT_USAGE, "--numa: the nodes hold %llu frames, -n says %u",
				(unsigned long long)sum, frames);
	return 0;
}

uint32_t node_frames(const struct node_config *c, uint32_t n, uint32_t frames)
{
	if (c->frames_given)
		return c->frames[n];
	/* Equal shares, the remainder one each to the lowest nodes. */
	return frames / c->nodes + (n < frames % c->nodes);
}

struct mempolicy node_policy_of(const struct node_config *c, uint32_t pid)
{
	struct mempolicy def = { MPOL_DEFAULT, 0 };

	for (uint32_t i = 0; i < c->nrules; i++)
		if (c->rules[i].pid == pid)
			return c->rules[i].pol;
	for (uint32_t i = 0; i < c->nrules; i++)
		if (c->rules[i].pid == 0)
			return c->rules[i].pol;
	return def;
}

uint32_t numa_fallback(const struct node_config *c, uint32_t from, uint64_t allowed,
		       uint8_t order[NUMA_MAX_NODES])
{
	uint32_t n = 0;

	if (allowed >> from & 1)
		order[n++] = (uint8_t)from;
	/* Selection by distance: node counts are small. */
	for (;;) {
		uint32_t best = NUMA_MAX_NODES;
		for (uint32_t j = 0; j < c->nodes; j++) {
			bool taken = false;
			if (!(allowed >> j & 1))
				continue;
			for (uint32_t k = 0; k < n; k++)
				taken |= order[k] == j;
			if (!taken && (best == NUMA_MAX_NODES ||
				       c->distance[from][j] < c->distance[from][best]))
				best = j;
		}
		if (best == NUMA_MAX_NODES)
			return n;
		order[n++] = (uint8_t)best;
	}
}

void mempolicy_format(const struct mempolicy *p, char *buf, unsigned len)
{
	static const char *const names[] = { "default", "preferred", "bind", "interleave" };
	int at;

	at = snprintf(buf, len, "%s", names[p->mode]);
	if (p->mode == MPOL_DEFAULT)
		return;
	for (uint32_t n = 0, first = 1; n < NUMA_MAX_NODES && at > 0 && (unsigned)at < len; n++) {
		uint32_t hi = n;
		if (!(p->nodes >> n & 1))
			continue;
		while (hi + 1 < NUMA_MAX_NODES && (p->nodes >> (hi + 1) & 1))
			hi++;
		if (hi == n)
			at += snprintf(buf + at, len - (unsigned)at, "%c%u", first ? ':' : ',', n);
		else
			at += snprintf(buf + at, len - (unsigned)at, "%c%u-%u", first ? ':' : ',', n, hi);
		first = 0;
		n = hi;
	}
}
