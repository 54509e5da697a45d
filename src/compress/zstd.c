/* zstd.c - Zstandard streams through libzstd's streaming decoder.
 *
 * ZSTD_decompressStream returns 0 exactly when a frame is complete, which
 * is where the data may end; frames back to back decode one after another.
 */
#include <stdlib.h>
#include <zstd.h>

#include "compress.h"
#include "error.h"
#include "exitcodes.h"

struct decomp {
	ZSTD_DStream *z;
	bool mid;
};

static int zs_open(struct decomp **out)
{
	struct decomp *d = calloc(1, sizeof(*d));

	*out = NULL;
	if (!d || !(d->z = ZSTD_createDStream())) {
		free(d);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	ZSTD_initDStream(d->z);
	*out = d;
	return 0;
}

static int zs_step(struct decomp *d, const unsigned char *in, size_t in_len, size_t *in_used,
		   char *out, size_t out_cap, size_t *out_made, bool *mid_stream, const char **why)
{
	ZSTD_inBuffer ib = { in, in_len, 0 };
	ZSTD_outBuffer ob = { out, out_cap, 0 };
	size_t rc = ZSTD_decompressStream(d->z, &ob, &ib);

	*in_used = ib.pos;
	*out_made = ob.pos;
	if (ZSTD_isError(rc)) {
		*why = ZSTD_getErrorName(rc);
		return -1;
	}
	if (rc == 0)
		d->mid = false;
	else if (ib.pos > 0)
		d->mid = true;
	*mid_stream = d->mid;
	return 0;
}

static void zs_close(struct decomp *d)
{
	if (!d)
		return;
	ZSTD_freeDStream(d->z);
	free(d);
}

static const unsigned char zs_magic[] = { 0x28, 0xb5, 0x2f, 0xfd };

const struct decomp_ops decomp_zstd = {
	.name = "zstd",
	.magic = zs_magic,
	.magic_len = sizeof(zs_magic),
	.open = zs_open,
	.step = zs_step,
	.close = zs_close,
};
