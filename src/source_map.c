/* source_map.c - a regular file read through a window of memory mapping.
 *
 * Copying a file with read() costs as much as a third of the parse of a
 * lackey trace, and on the reader's thread, while the helper thread waits
 * for its next share (lackey.c); mapped, the parser reads the page cache
 * itself.  See source_map.h for the contract.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compress.h"
#include "error.h"
#include "exitcodes.h"
#include "source_map.h"

static size_t round_up(size_t n, size_t page)
{
	return (n + page - 1) / page * page;
}

void source_map_release(struct source *src)
{
	if (src->map)
		munmap(src->map, src->map_len);
	src->map = NULL;
	src->map_len = 0;
}

/* What buf points into: a window, or before the first one the empty
 * buffer source_open_window() made. */
static void drop_buffer(struct source *src)
{
	if (src->map)
		source_map_release(src);
	else
		free(src->buf);
	src->buf = NULL;
}

/* Carry on with read(): the unparsed tail into a buffer of the source's
 * own, the descriptor after the bytes seen. */
static int switch_to_read(struct source *src)
{
	size_t keep = src->end - src->pos;
	size_t cap = keep > SOURCE_CHUNK ? keep : SOURCE_CHUNK;
	uint64_t seen = src->offset + src->end;
	char *buf = calloc(1, cap + SOURCE_PAD);

	if (!buf)
		return vt_error(VT_SOFTWARE, "out of memory");
	if (lseek(src->fd, (off_t)seen, SEEK_SET) < 0) {
		free(buf);
		return vt_error(VT_IOERR, "%s: seek failed: %s", src->name, strerror(errno));
	}
	if (keep)
		memcpy(buf, src->buf + src->pos, keep);
	drop_buffer(src);
	src->buf = buf;
	src->cap = cap;
	src->offset += src->pos;
	src->pos = 0;
	src->end = keep;
	src->window = 0;
	return 0;
}

/*
 * map_window - map the file from offset at (its page) on, len bytes of it,
 * with a page of zeros behind.  A reservation of anonymous zero pages is
 * made first and the file mapped over its front, so the zeros follow the
 * file's bytes whether or not they end on a page boundary (the kernel
 * zeroes the rest of a file's last page).  Return: the mapping, or NULL.
 */
static char *map_window(const struct source *src, uint64_t base, size_t len, size_t *map_len)
{
	size_t total = round_up(len, src->page) + src->page;
	void *res = mmap(NULL, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (res == MAP_FAILED)
		return NULL;
	/* Not populated here: that would be the reader's thread's work alone,
	 * at every window, while the helper waits for its next job; faulted
	 * in as parsed (the kernel maps a few pages around each fault), the
	 * work falls to whichever thread reads the page, and pages not yet
	 * reached take no memory. */
	if (mmap(res, len, PROT_READ, MAP_PRIVATE | MAP_FIXED, src->fd, (off_t)base) ==
	    MAP_FAILED) {
		munmap(res, total);
		return NULL;
	}
	*map_len = total;
	return res;
}

/* The first window is text, not a compressed stream. */
static bool is_plain(const struct source *src)
{
	size_t need, n = src->end < 8 ? src->end : 8;

	return decomp_detect((const unsigned char *)src->buf, n, &need) == NULL;
}

int source_map_fill(struct source *src)
{
	uint64_t at = src->offset + src->pos;   /* the first unparsed byte */
	uint64_t seen = src->offset + src->end;
	uint64_t base = at / src->page * src->page;
	size_t keep = src->end - src->pos, len, map_len;
	struct stat st;
	char *map;

	/* Map no further than the file goes now: pages past its end are
	 * not there to read.  At its end, read() says whether more came. */
	if (fstat(src->fd, &st) == 0)
		src->file_end = (uint64_t)st.st_size;
	if (seen >= src->file_end)
		return switch_to_read(src);
	len = round_up((size_t)(at - base) + keep + src->window, src->page);
	if (len > src->file_end - base)
		len = (size_t)(src->file_end - base);
	map = map_window(src, base, len, &map_len);
	if (!map)
		return switch_to_read(src);
	drop_buffer(src);
	src->map = map;
	src->map_len = map_len;
	src->buf = map + (at - base);
	src->offset = at;
	src->pos = 0;
	src->end = len - (size_t)(at - base);
	if (!src->probed) {
		src->probed = true;
		if (!is_plain(src)) {
			/* Compressed: read() it from the start, through probe(). */
			src->probed = false;
			src->end = 0;
			return switch_to_read(src);
		}
	}
	return 0;
}
