/* gzip.c - gzip (and zlib) streams through zlib's inflate.
 *
 * inflateInit2 with window bits 15 + 32 accepts a gzip or zlib header.
 * gzip allows members back to back (`cat a.gz b.gz`), and gzip -d reads
 * them all, so the end of one member resets the inflater for the next.
 */
#include <stdlib.h>
#include <zlib.h>

#include "compress.h"
#include "error.h"
#include "exitcodes.h"

struct decomp {
	z_stream z;
	bool mid;     /* inside a member */
};

static int gz_open(struct decomp **out)
{
	struct decomp *d = calloc(1, sizeof(*d));

	*out = NULL;
	if (!d)
		return vt_error(VT_SOFTWARE, "out of memory");
	if (inflateInit2(&d->z, 15 + 32) != Z_OK) {
		free(d);
		return vt_error(VT_SOFTWARE, "cannot start zlib's inflate");
	}
	*out = d;
	return 0;
}

static int gz_step(struct decomp *d, const unsigned char *in, size_t in_len, size_t *in_used,
		   char *out, size_t out_cap, size_t *out_made, bool *mid_stream, const char **why)
{
	int rc;

	/* zlib counts in uInt; the source's buffers are far smaller. */
	d->z.next_in = (unsigned char *)in;
	d->z.avail_in = (uInt)in_len;
	d->z.next_out = (unsigned char *)out;
	d->z.avail_out = (uInt)out_cap;
	rc = in_len ? inflate(&d->z, Z_NO_FLUSH) : Z_BUF_ERROR;
	*in_used = in_len - d->z.avail_in;
	*out_made = out_cap - d->z.avail_out;
	if (rc == Z_STREAM_END) {
		d->mid = false;
		inflateReset(&d->z);
	} else if (rc == Z_OK || (rc == Z_BUF_ERROR && (*in_used || *out_made || !in_len))) {
		d->mid = d->mid || *in_used > 0;
	} else {
		*why = d->z.msg ? d->z.msg : "corrupt data";
		return -1;
	}
	*mid_stream = d->mid;
	return 0;
}

static void gz_close(struct decomp *d)
{
	if (!d)
		return;
	inflateEnd(&d->z);
	free(d);
}

static const unsigned char gz_magic[] = { 0x1f, 0x8b };

const struct decomp_ops decomp_gzip = {
	.name = "gzip",
	.magic = gz_magic,
	.magic_len = sizeof(gz_magic),
	.open = gz_open,
	.step = gz_step,
	.close = gz_close,
};
