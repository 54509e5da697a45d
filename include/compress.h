/* compress.h - streaming decompressors for compressed traces.
 *
 * A decompressor is a `const struct decomp_ops` in src/compress/<name>.c,
 * registered in decomp_list[] (src/compress.c).  The source (source.c)
 * looks at a trace's first bytes: when they are a registered magic number,
 * every later read goes through that decompressor, so files and stdin are
 * handled alike and no reader knows the difference.
 */
#ifndef VMTRACE_COMPRESS_H
#define VMTRACE_COMPRESS_H

#include <stdbool.h>
#include <stddef.h>

struct decomp;  /* a decompressor's own state */

struct decomp_ops {
	const char *name;              /* "gzip", "zstd": for messages */
	const unsigned char *magic;    /* the first bytes of such a stream */
	size_t magic_len;

	/* Return: 0 with *out set, or an exit code after a message. */
	int (*open)(struct decomp **out);
	/*
	 * Decompress: take input from in[0..in_len) and write output to
	 * out[0..out_cap); say how much of each was used.  *mid_stream is
	 * false when the input used so far ends exactly at the end of a
	 * stream (or frame, or gzip member), where the data may end.
	 * Return: 0, or -1 on corrupt data with *why set.
	 */
	int (*step)(struct decomp *d, const unsigned char *in, size_t in_len, size_t *in_used,
		    char *out, size_t out_cap, size_t *out_made, bool *mid_stream,
		    const char **why);
	void (*close)(struct decomp *d);
};

/* NULL-terminated. */
extern const struct decomp_ops *const decomp_list[];

/* The decompressor whose magic begins data[0..len), or NULL.  *need is set
 * to the bytes needed to decide when len is too short (0 if decided). */
const struct decomp_ops *decomp_detect(const unsigned char *data, size_t len, size_t *need);

#endif
