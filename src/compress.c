/* compress.c - the decompressor registry: one line per format. */
#include <string.h>

#include "compress.h"

extern const struct decomp_ops decomp_gzip;
extern const struct decomp_ops decomp_zstd;

const struct decomp_ops *const decomp_list[] = {
	&decomp_gzip,
	&decomp_zstd,
	NULL,
};

const struct decomp_ops *decomp_detect(const unsigned char *data, size_t len, size_t *need)
{
	*need = 0;
	for (size_t i = 0; decomp_list[i]; i++) {
		const struct decomp_ops *d = decomp_list[i];
		size_t n = len < d->magic_len ? len : d->magic_len;
		if (memcmp(data, d->magic, n) != 0)
			continue;
		if (n == d->magic_len)
			return d;
		/* A prefix of this magic so far: more bytes will tell. */
		if (d->magic_len > *need)
			*need = d->magic_len;
	}
	return NULL;
}
