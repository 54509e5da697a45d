/* source.c - chunked reading of a trace file or stdin, plain or compressed;
 * a plain regular file is mapped instead (source_map.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compress.h"
#include "error.h"
#include "exitcodes.h"
#include "source.h"
#include "source_map.h"

/* Compressed input is read in pieces this size. */
#define SOURCE_IN_CHUNK (256u << 10)

int source_open(struct source *src, const char *path)
{
	return source_open_window(src, path, SOURCE_WINDOW);
}

int source_open_window(struct source *src, const char *path, size_t window)
{
	struct stat st;
	long page = sysconf(_SC_PAGESIZE);

	memset(src, 0, sizeof(*src));
	if (strcmp(path, "-") == 0) {
		src->name = "<stdin>";
		src->fd = STDIN_FILENO;
	} else {
		src->name = path;
		src->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (src->fd < 0)
			return vt_error(VT_NOINPUT, "cannot open '%s': %s", path, strerror(errno));
		src->owns_fd = true;
	}
	if (fstat(src->fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			source_close(src);
			return vt_error(VT_NOINPUT, "'%s' is a directory, not a trace", path);
		}
		if (S_ISREG(st.st_mode))
			src->size = (uint64_t)st.st_size;
		/* An empty file has nothing to map (and may grow: read() it);
		 * nor has standard input that is not at the file's start. */
		if (S_ISREG(st.st_mode) && st.st_size > 0 && window && page > 0 &&
		    lseek(src->fd, 0, SEEK_CUR) == 0) {
			src->page = (size_t)page;
			src->window = (window + src->page - 1) / src->page * src->page;
			src->file_end = src->size;
		}
	}
	/* Mapped, buf holds no data until the first fill: only the zeros a
	 * reader may look at before it. */
	src->cap = src->window ? 0 : SOURCE_CHUNK;
	src->buf = calloc(1, src->cap + SOURCE_PAD);
	if (!src->buf) {
		source_close(src);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	src->buf[0] = '\0';
	return 0;
}

int source_open_memory(struct source *src, const char *name, const void *data, size_t len)
{
	memset(src, 0, sizeof(*src));
	src->name = name;
	src->fd = -1;
	src->eof = true;
	src->size = len;
	/* No refill ever comes (eof is set), so the data is all it holds. */
	src->cap = len;
	src->buf = calloc(1, src->cap + SOURCE_PAD);
	if (!src->buf)
		return vt_error(VT_SOFTWARE, "out of memory");
	if (len)
		memcpy(src->buf, data, len);
	src->end = len;
	return 0;
}

/* Raw bytes from the descriptor.  Return: bytes read (0 at the end), or
 * -1 after a message. */
static ssize_t raw_read(struct source *src, void *buf, size_t len)
{
	for (;;) {
		ssize_t got = read(src->fd, buf, len);
		if (got >= 0)
			return got;
		if (errno != EINTR) {
			vt_error(VT_IOERR, "%s: read failed: %s", src->name, strerror(errno));
			return -1;
		}
	}
}

/* The first bytes: a compressed stream's magic number, or text.  Reads
 * only as far as a magic needs, so a terminal is not kept waiting.  The
 * bytes read go to the decompressor's input or to the text buffer. */
static int probe(struct source *src)
{
	unsigned char head[8];
	size_t n = 0, need = 1;
	const struct decomp_ops *ops = NULL;
	int err;

	src->probed = true;
	while (n < need) {
		ssize_t got = raw_read(src, head + n, need - n);
		if (got < 0)
			return VT_IOERR;
		if (got == 0)
			break;
		n += (size_t)got;
		ops = decomp_detect(head, n, &need);
		if (ops || need <= n)
			break;
	}
	if (n == 0)
		src->eof = true;
	if (!ops) {
		memcpy(src->buf + src->end, head, n);
		src->end += n;
		return 0;
	}
	src->in = malloc(SOURCE_IN_CHUNK);
	if (!src->in)
		return vt_error(VT_SOFTWARE, "out of memory");
	memcpy(src->in, head, n);
	src->in_end = n;
	if ((err = ops->open(&src->dec)))
		return err;
	src->dec_ops = ops;
	return 0;
}

/* Decompressed bytes into out[0..cap): *made > 0, or 0 at the end. */
static int dec_read(struct source *src, char *out, size_t cap, size_t *made)
{
	*made = 0;
	for (;;) {
		size_t used;
		const char *why = "corrupt data";

		if (src->in_pos == src->in_end && !src->raw_eof) {
			ssize_t got = raw_read(src, src->in, SOURCE_IN_CHUNK);
			if (got < 0)
				return VT_IOERR;
			src->raw_eof = got == 0;
			src->in_pos = 0;
			src->in_end = (size_t)got;
		}
		if (src->dec_ops->step(src->dec, src->in + src->in_pos, src->in_end - src->in_pos,
				       &used, out, cap, made, &src->mid_stream, &why))
			return vt_error(VT_DATAERR, "%s: corrupt %s data: %s", src->name,
					src->dec_ops->name, why);
		src->in_pos += used;
		src->raw_done += used;
		if (*made)
			return 0;
		if (src->in_pos == src->in_end && src->raw_eof) {
			if (src->mid_stream)
				return vt_error(VT_DATAERR, "%s: the %s data ends early (a truncated "
						"file?)", src->name, src->dec_ops->name);
			return 0;
		}
		if (used == 0 && src->in_pos < src->in_end)
			return vt_error(VT_DATAERR, "%s: corrupt %s data", src->name,
					src->dec_ops->name);
	}
}

int source_fill(struct source *src)
{
	size_t keep = src->end - src->pos;
	int err = 0;

	if (src->eof)
		return 0;
	if (src->window) {
		/* Mapped, or switched to read() (window 0) with the tail in a
		 * fresh buffer. */
		if ((err = source_map_fill(src)) || src->window)
			return err;
		keep = src->end;
	}
	if (src->pos > 0) {
		memmove(src->buf, src->buf + src->pos, keep);
		src->offset += src->pos;
		src->pos = 0;
		src->end = keep;
	}
	/* Callers refill only with an incomplete tail; keep at least half a
	 * chunk of room so one refill always makes progress. */
	if (src->cap - src->end < SOURCE_CHUNK / 2) {
		size_t ncap = src->cap * 2;
		char *nbuf = realloc(src->buf, ncap + SOURCE_PAD);
		if (!nbuf)
			return vt_error(VT_SOFTWARE, "out of memory");
		src->buf = nbuf;
		src->cap = ncap;
	}
	if (!src->probed) {
		err = probe(src);
		/* Text bytes from the probe are progress enough. */
		if (err || src->end > keep || src->eof) {
			memset(src->buf + src->end, 0, SOURCE_PAD);
			return err;
		}
	}
	if (src->dec_ops) {
		size_t made;
		err = dec_read(src, src->buf + src->end, src->cap - src->end, &made);
		src->end += made;
		src->eof = !err && made == 0;
	} else {
		/* One read is enough to make progress; do not block a pipe. */
		ssize_t got = raw_read(src, src->buf + src->end, src->cap - src->end);
		if (got < 0)
			err = VT_IOERR;
		else if (got == 0)
			src->eof = true;
		else
			src->end += (size_t)got;
	}
	memset(src->buf + src->end, 0, SOURCE_PAD);
	return err;
}

void source_close(struct source *src)
{
	if (src->owns_fd && src->fd >= 0)
		close(src->fd);
	src->owns_fd = false;
	src->fd = -1;
	if (src->map)
		source_map_release(src);
	else
		free(src->buf);
	src->buf = NULL;
	if (src->dec_ops)
		src->dec_ops->close(src->dec);
	src->dec_ops = NULL;
	src->dec = NULL;
	free(src->in);
	src->in = NULL;
}
