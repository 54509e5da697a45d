/* options.c - parsing command-line values (see options.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "exitcodes.h"
#include "options.h"

int opt_parse_u64(const char *opt, const char *arg, uint64_t min, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	const char *p = arg;

	if (!*p)
		return vt_error(VT_USAGE, "%s: empty value", opt);
	for (; *p >= '0' && *p <= '9'; p++) {
		uint64_t d = (uint64_t)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			return vt_error(VT_USAGE, "%s: '%s' is too large (at most %llu)", opt, arg,
					(unsigned long long)max);
		v = v * 10 + d;
	}
	if (*p)
		return vt_error(VT_USAGE, "%s: '%s' is not a whole number", opt, arg);
	if (v < min || v > max)
		return vt_error(VT_USAGE, "%s: %s is out of range (%llu to %llu)", opt, arg,
				(unsigned long long)min, (unsigned long long)max);
	*out = v;
	return 0;
}

int opt_parse_size(const char *opt, const char *arg, uint64_t *out)
{
	static const struct { const char *suffix; unsigned shift; } units[] = {
		{ "", 0 }, { "b", 0 },
		{ "k", 10 }, { "kb", 10 }, { "kib", 10 },
		{ "m", 20 }, { "mb", 20 }, { "mib", 20 },
		{ "g", 30 }, { "gb", 30 }, { "gib", 30 },
	};
	uint64_t v = 0;
	const char *p = arg;

	if (!(*p >= '0' && *p <= '9'))
		return vt_error(VT_USAGE, "%s: '%s' is not a size (e.g. 4096, 4K, 4MiB)", opt, arg);
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - 9) / 10)
			return vt_error(VT_USAGE, "%s: '%s' is too large", opt, arg);
		v = v * 10 + (uint64_t)(*p - '0');
	}
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcasecmp(p, units[i].suffix) == 0) {
			if (units[i].shift && v > (UINT64_MAX >> units[i].shift))
				return vt_error(VT_USAGE, "%s: '%s' is too large", opt, arg);
			*out = v << units[i].shift;
			return 0;
		}
	}
	return vt_error(VT_USAGE, "%s: unknown unit in '%s' (use K, KiB, M or MiB)", opt, arg);
}

int opt_parse_page_size(const char *arg, unsigned *shift)
{
	uint64_t v;
	int err = opt_parse_size("--page-size", arg, &v);

	if (err)
		return err;
	if (v < 1024 || v > (4u << 20) || (v & (v - 1)))
		return vt_error(VT_USAGE,
				"--page-size: %s is not a power of two from 1 KiB to 4 MiB", arg);
	for (*shift = 0; (UINT64_C(1) << *shift) < v; (*shift)++)
		;
	return 0;
}

int opt_parse_u64_list(const char *opt, const char *arg, uint64_t min, uint64_t max,
		       uint64_t **out, size_t *n)
{
	char *copy = strdup(arg), *save = NULL, *tok;
	uint64_t *v = NULL;
	size_t k = 0, cap = 0;
	int err = 0;

	*out = NULL;
	*n = 0;
	if (!copy)
		return vt_error(VT_SOFTWARE, "out of memory");
	if (!*arg || arg[strlen(arg) - 1] == ',' || strstr(arg, ",,") || *arg == ',')
		err = vt_error(VT_USAGE, "%s: '%s' is not a comma-separated list of numbers", opt, arg);
	for (tok = strtok_r(copy, ",", &save); tok && !err; tok = strtok_r(NULL, ",", &save)) {
		if (k == cap) {
			uint64_t *nv = realloc(v, sizeof(*v) * (cap = cap ? cap * 2 : 8));
			if (!nv) {
				err = vt_error(VT_SOFTWARE, "out of memory");
				break;
			}
			v = nv;
		}
		err = opt_parse_u64(opt, tok, min, max, &v[k]);
		k++;
	}
	free(copy);
	if (err) {
		free(v);
		return err;
	}
	*out = v;
	*n = k;
	return 0;
}

/* One key=val of a policy's parameters (kv is not NUL-terminated). */
static int parse_param(struct policy_choice *c, bool *given, const char *kv, size_t len)
{
	const struct policy_param *pp = c->ops->params;
	const char *eq = memchr(kv, '=', len);
	size_t klen = eq ? (size_t)(eq - kv) : len;
	char opt[64], val[32];

	if (!pp || !pp[0].name)
		return vt_error(VT_USAGE, "--policy: %s takes no parameters", c->ops->name);
	for (size_t i = 0; pp[i].name; i++) {
		if (strlen(pp[i].name) != klen || strncmp(pp[i].name, kv, klen) != 0)
			continue;
		if (!eq || len - klen - 1 == 0 || len - klen - 1 >= sizeof(val))
			return vt_error(VT_USAGE, "--policy: %s: give %s=VALUE", c->ops->name,
					pp[i].name);
		memcpy(val, eq + 1, len - klen - 1);
		val[len - klen - 1] = '\0';
		snprintf(opt, sizeof(opt), "--policy %s:%s", c->ops->name, pp[i].name);
		given[i] = true;
		return opt_parse_u64(opt, val, pp[i].min, pp[i].max, &c->param[i]);
	}
	{
		char keys[160] = "";
		for (size_t i = 0; pp[i].name; i++)
			snprintf(keys + strlen(keys), sizeof(keys) - strlen(keys), "%s%s",
				 i ? ", " : "", pp[i].name);
		return vt_error(VT_USAGE, "--policy: %s has no parameter '%.*s' (it has: %s)",
				c->ops->name, (int)klen, kv, keys);
	}
}

/* "name" followed by ":key=val" for each parameter the user set. */
static int choice_name(struct policy_choice *c, const bool *given)
{
	size_t len = (size_t)snprintf(c->name, sizeof(c->name), "%s", c->ops->name);
	char sep = ':';

	for (size_t i = 0; c->ops->params && c->ops->params[i].name; i++) {
		if (!given[i])
			continue;
		len += (size_t)snprintf(c->name + len, len < sizeof(c->name) ? sizeof(c->name) - len : 0,
					"%c%s=%" PRIu64, sep, c->ops->params[i].name, c->param[i]);
		sep = ',';
	}
	if (len >= sizeof(c->name))
		return vt_error(VT_USAGE, "--policy: parameters of %s too long", c->ops->name);
	return 0;
}

static bool same_choice(const struct policy_choice *a, const struct policy_choice *b)
{
	return a->ops == b->ops && memcmp(a->param, b->param, sizeof(a->param)) == 0;
}

int opt_parse_policies(const char *arg, struct policy_choice **out, size_t *n)
{
	size_t total = 0, k = 0, cap;
	struct policy_choice *v;
	const char *p = arg;
	bool given[POLICY_MAX_PARAMS];
	struct policy_choice *open_choice = NULL;  /* still taking key=val */
	int err = 0;

	while (policy_list[total])
		total++;
	*out = NULL;
	*n = 0;
	/* Every comma-separated item adds at most "all" of them. */
	cap = total;
	for (const char *q = arg; *q; q++)
		cap += *q == ',' ? total : 0;
	v = malloc(sizeof(*v) * cap);
	if (!v)
		return vt_error(VT_SOFTWARE, "out of memory");
	/* Items separated by commas: a name, "all", "name:key=val", or a
	 * further "key=val" for the name before it. */
	for (;;) {
		size_t len = strcspn(p, ",");
		const char *colon = memchr(p, ':', len);
		size_t nlen = colon ? (size_t)(colon - p) : len;
		int all = nlen == 3 && strncmp(p, "all", 3) == 0;

		if (!colon && memchr(p, '=', len)) {
			/* key=val continuing the policy before it */
			if (!open_choice) {
				err = vt_error(VT_USAGE, "--policy: '%.*s' follows no 'name:' "
						"(write -p name:key=val,key=val)", (int)len, p);
				break;
			}
			if ((err = parse_param(open_choice, given, p, len)))
				break;
		} else if (all) {
			if (colon) {
				err = vt_error(VT_USAGE, "--policy: 'all' takes no parameters");
				break;
			}
			open_choice = NULL;
			for (size_t i = 0; i < total; i++)
				policy_choice_default(&v[k++], policy_list[i]);
		} else {
			const struct policy_ops *pol = NULL;
			for (size_t i = 0; i < total && !pol; i++)
				if (strlen(policy_list[i]->name) == nlen &&
				    strncmp(policy_list[i]->name, p, nlen) == 0)
					pol = policy_list[i];
			if (!pol) {
				if (nlen == 0)
					err = vt_error(VT_USAGE, "--policy: empty name in '%s'", arg);
				else
					err = vt_error(VT_USAGE, "unknown policy '%.*s' (see 'vmtrace "
							"policies')", (int)nlen, p);
				break;
			}
			if (open_choice && (err = choice_name(open_choice, given)))
				break;
			open_choice = NULL;
			policy_choice_default(&v[k], pol);
			memset(given, 0, sizeof(given));
			if (colon) {
				open_choice = &v[k];
				if ((err = parse_param(open_choice, given, colon + 1, len - nlen - 1)))
					break;
			}
			k++;
		}
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	if (!err && open_choice)
		err = choice_name(open_choice, given);
	if (err) {
		free(v);
		return err;
	}
	/* The same policy with the same parameters runs once. */
	{
		size_t m = 0;
		for (size_t i = 0; i < k; i++) {
			bool dup = false;
			for (size_t j = 0; j < m && !dup; j++)
				dup = same_choice(&v[j], &v[i]);
			if (!dup)
				v[m++] = v[i];
		}
		k = m;
	}
	*out = v;
	*n = k;
	return 0;
}
