/* outfile.c - write to a temporary file, rename when complete. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "exitcodes.h"
#include "outfile.h"

int outfile_open(struct outfile *of, const char *path)
{
	int fd;
	size_t len;

	memset(of, 0, sizeof(*of));
	if (!path || strcmp(path, "-") == 0) {
		of->fp = stdout;
		return 0;
	}
	of->path = path;
	len = strlen(path);
	of->tmp = malloc(len + sizeof(".tmp.XXXXXX"));
	if (!of->tmp)
		return vt_error(VT_SOFTWARE, "out of memory");
	memcpy(of->tmp, path, len);
	memcpy(of->tmp + len, ".tmp.XXXXXX", sizeof(".tmp.XXXXXX"));
	fd = mkstemp(of->tmp);
	if (fd < 0) {
		int e = errno;
		free(of->tmp);
		of->tmp = NULL;
		return vt_error(VT_CANTCREAT, "cannot create '%s': %s", path, strerror(e));
	}
	/* mkstemp makes 0600; an output file should get the usual umask mode. */
	{
		mode_t mask = umask(0);
		umask(mask);
		if (fchmod(fd, 0666 & ~mask) != 0) {
			/* Not fatal: the data is still right. */
		}
	}
	of->fp = fdopen(fd, "w");
	if (!of->fp) {
		int e = errno;
		close(fd);
		outfile_abort(of);
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
	if (fflush(of->fp) != 0 || ferror(of->fp)) {
		err = vt_error(VT_IOERR, "error writing '%s': %s", of->path, strerror(errno));
	}
	if (fclose(of->fp) != 0 && !err)
		err = vt_error(VT_IOERR, "error writing '%s': %s", of->path, strerror(errno));
	of->fp = NULL;
	if (!err && rename(of->tmp, of->path) != 0)
		err = vt_error(VT_CANTCREAT, "cannot create '%s': %s", of->path, strerror(errno));
	if (err)
		unlink(of->tmp);
	free(of->tmp);
	of->tmp = NULL;
	return err;
}

void outfile_abort(struct outfile *of)
{
	if (of->path && of->fp)
		fclose(of->fp);
	of->fp = NULL;
	if (of->tmp) {
		unlink(of->tmp);
		free(of->tmp);
		of->tmp = NULL;
	}
}
