/* options.c - parsing command-line values (see options.h). */
#include <errno.h>
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

int opt_parse_policies(const char *arg, const struct policy_ops ***out, size_t *n)
{
	size_t total = 0, k = 0;
	const struct policy_ops **v;
	const char *p = arg;

	while (policy_list[total])
		total++;
	*out = NULL;
	*n = 0;
	v = malloc(sizeof(*v) * total);
	if (!v)
		return vt_error(VT_SOFTWARE, "out of memory");
	/* Names separated by commas; "all" adds every policy; repeats once. */
	for (;;) {
		size_t len = strcspn(p, ",");
		int all = len == 3 && strncmp(p, "all", 3) == 0;
		size_t added = 0;

		for (size_t i = 0; i < total; i++) {
			const struct policy_ops *pol = policy_list[i];
			int dup = 0;
			if (!all && (strlen(pol->name) != len || strncmp(pol->name, p, len) != 0))
				continue;
			added++;
			for (size_t j = 0; j < k; j++)
				dup |= v[j] == pol;
			if (!dup)
				v[k++] = pol;
		}
		if (!added) {
			free(v);
			if (len == 0)
				return vt_error(VT_USAGE, "--policy: empty name in '%s'", arg);
			return vt_error(VT_USAGE, "unknown policy '%.*s' (see 'vmtrace policies')",
					(int)len, p);
		}
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	*out = v;
	*n = k;
	return 0;
}
