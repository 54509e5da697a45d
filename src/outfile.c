/* outfile.c - write to a temporary file, rename when complete. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "error.h"
#include "exitcodes.h"
#include "outfile.h"

#define TMP_SUFFIX ".tmp.XXXXXX"

int tempfile_create(struct tempfile *tf, const char *target)
{
	size_t len = strlen(target);
	mode_t mask;

	tf->fd = -1;
	tf->slot = -1;
	tf->path = malloc(len + sizeof(TMP_SUFFIX));
	if (!tf->path)
		return vt_error(VT_SOFTWARE, "out of memory");
	memcpy(tf->path, target, len);
	memcpy(tf->path + len, TMP_SUFFIX, sizeof(TMP_SUFFIX));
	/* Registered before it exists: a signal in between finds nothing. */
	tf->slot = cleanup_register(tf->path);
	tf->fd = mkstemp(tf->path);
	if (tf->fd < 0) {
		int e = errno;
		cleanup_unregister(tf->slot);
		free(tf->path);
		tf->path = NULL;
		return vt_error(VT_CANTCREAT, "cannot create '%s': %s", target, strerror(e));
	}
	/* mkstemp makes 0600; an output file should get the usual umask mode
	 * (failing that, the data is still right). */
	mask = umask(0);
	umask(mask);
	(void)fchmod(tf->fd, 0666 & ~mask);
	return 0;
}

int tempfile_commit(struct tempfile *tf, const char *target)
{
	int err = 0;

	if (rename(tf->path, target) != 0) {
		err = vt_error(VT_CANTCREAT, "cannot create '%s': %s", target, strerror(errno));
		unlink(tf->path);
	}
	cleanup_unregister(tf->slot);
	free(tf->path);
	tf->path = NULL;
	return err;
}

void tempfile_discard(struct tempfile *tf)
{
	if (!tf->path)
		return;
	unlink(tf->path);
	cleanup_unregister(tf->slot);
	free(tf->path);
	tf->path = NULL;
}

int outfile_open(struct outfile *of, const char *path)
{
	struct stat st;
	int err;

	memset(of, 0, sizeof(*of));
	if (!path || strcmp(path, "-") == 0) {
		of->fp = stdout;
		return 0;
	}
	/* A device or a FIFO (/dev/null, /dev/stdout, a named pipe) is written
	 * in place: renaming a temporary file over it would replace it. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			return vt_error(VT_CANTCREAT, "cannot create '%s': %s", path, strerror(EISDIR));
		of->fp = fopen(path, "w");
		if (!of->fp)
			return vt_error(VT_CANTCREAT, "cannot open '%s': %s", path, strerror(errno));
		of->path = path;
		of->direct = 1;
		return 0;
	}
	of->path = path;
	if ((err = tempfile_create(&of->tmp, path)))
		return err;
	of->fp = fdopen(of->tmp.fd, "w");
	if (!of->fp) {
		int e = errno;
		close(of->tmp.fd);
		tempfile_discard(&of->tmp);
		return vt_error(VT_CANTCREAT, "cannot create '%s': %s", path, strerror(e));
	}
	return 0;
}

int outfile_commit(struct outfile *of)
{
	int err = 0;

	if (!of->path) {
		if (fflush(stdout) != 0 || ferror(stdout))
			return vt_error(VT_IOERR, "error writing standard output: %s", strerror(errno));
		return 0;
	}
	if (fflush(of->fp) != 0 || ferror(of->fp))
		err = vt_error(VT_IOERR, "error writing '%s': %s", of->path, strerror(errno));
	if (fclose(of->fp) != 0 && !err)
		err = vt_error(VT_IOERR, "error writing '%s': %s", of->path, strerror(errno));
	of->fp = NULL;
	if (of->direct)
		return err;
	if (err) {
		tempfile_discard(&of->tmp);
		return err;
	}
	return tempfile_commit(&of->tmp, of->path);
}

void outfile_abort(struct outfile *of)
{
	if (of->path && of->fp)
		fclose(of->fp);
	of->fp = NULL;
	if (of->path && !of->direct)
		tempfile_discard(&of->tmp);
}
