/* source.h - a trace file or stdin, read in large chunks.
 *
 * Readers parse straight out of the source's buffer.  source_fill() keeps
 * the unparsed tail (an incomplete line or token) and appends fresh input
 * behind it, so a reader never sees a record cut in two unless the input
 * ends there.
 *
 * A gzip or zstd stream (a file or stdin) is recognised by its magic
 * number at the first fill and decompressed on the way in (compress.h);
 * offsets then count decompressed bytes, and raw_done the compressed ones.
 *
 * A plain regular file is not copied at all: it is mapped a window at a
 * time and buf points into the mapping (source_map.c), which a reader
 * cannot tell from the copy.  Pipes, terminals, compressed input and
 * memory sources read() into a buffer of their own.
 */
#ifndef VMTRACE_SOURCE_H
#define VMTRACE_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SOURCE_CHUNK (1u << 20)
/* Bytes of a regular file mapped at a time (rounded up to whole pages):
 * few enough that a streaming run stays small, enough that a second
 * thread has text to parse and the mapping calls are rare. */
#define SOURCE_WINDOW (8u << 20)
/* Bytes readable past buf[end] (a NUL, then zeros), so scanners may load
 * whole machine words near the end of the data. */
#define SOURCE_PAD 64u

struct source {
	const char *name;   /* for messages: the path, or "<stdin>" */
	int fd;
	bool owns_fd;
	bool eof;
	char *buf;          /* buf[0..end) holds data; buf[end .. end+SOURCE_PAD)
	                     * are NUL bytes */
	size_t cap;
	size_t pos;         /* first unparsed byte */
	size_t end;
	uint64_t offset;    /* bytes consumed before buf[0] */
	uint64_t size;      /* file size when known (regular file), else 0 */
	/* a mapped regular file (source_map.c) */
	size_t window;      /* bytes to map at a time; 0: read() instead */
	size_t page;        /* the system's page size */
	char *map;          /* the mapping buf points into, or NULL */
	size_t map_len;     /* its length, a zero page past the file's bytes
	                     * included */
	uint64_t file_end;  /* the file's size when last looked at */
	/* decompression (compress.h) */
	bool probed;        /* the first bytes have been looked at */
	const struct decomp_ops *dec_ops;  /* NULL: plain text */
	struct decomp *dec;
	unsigned char *in;  /* compressed input */
	size_t in_pos, in_end;
	bool raw_eof;
	bool mid_stream;
	uint64_t raw_done;  /* compressed bytes consumed */
};

/* Input bytes consumed so far, as the file counts them (compressed bytes
 * for a compressed trace): what progress against size measures. */
static inline uint64_t source_progress(const struct source *src)
{
	return src->dec_ops ? src->raw_done : src->offset + src->pos;
}

/* Open path ("-" means stdin).  Return: 0, or VT_NOINPUT with a message. */
int source_open(struct source *src, const char *path);

/* The same, mapping a regular file window bytes at a time (rounded up to
 * whole pages; source_open() takes SOURCE_WINDOW), or with read() when
 * window is 0.  Tests use small windows to put their edges everywhere. */
int source_open_window(struct source *src, const char *path, size_t window);

/* A source over a copy of data[0..len), already at its end of input (for
 * fuzzing and tests).  Return: 0, or VT_SOFTWARE when out of memory. */
int source_open_memory(struct source *src, const char *name, const void *data, size_t len);

/*
 * source_fill - move buf[pos..end) to the front and read more behind it.
 * Return: 0 (src->eof set when nothing more will come), or VT_IOERR.
 */
int source_fill(struct source *src);

void source_close(struct source *src);

#endif
