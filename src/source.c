/* source.c - chunked reading of a trace file or stdin. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "exitcodes.h"
#include "source.h"

int source_open(struct source *src, const char *path)
{
	struct stat st;

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
	}
	src->cap = SOURCE_CHUNK;
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

int source_fill(struct source *src)
{
	size_t keep = src->end - src->pos;

	if (src->eof)
		return 0;
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
	while (src->end < src->cap) {
		ssize_t got = read(src->fd, src->buf + src->end, src->cap - src->end);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			memset(src->buf + src->end, 0, SOURCE_PAD);
			return vt_error(VT_IOERR, "%s: read failed: %s", src->name, strerror(errno));
		}
		if (got == 0) {
			src->eof = true;
			break;
		}
		src->end += (size_t)got;
		/* One read is enough to make progress; do not block a pipe. */
		break;
	}
	memset(src->buf + src->end, 0, SOURCE_PAD);
	return 0;
}

void source_close(struct source *src)
{
	if (src->owns_fd && src->fd >= 0)
		close(src->fd);
	src->owns_fd = false;
	src->fd = -1;
	free(src->buf);
	src->buf = NULL;
}
