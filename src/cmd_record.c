/* cmd_record.c - `vmtrace record -- PROG ARGS`: a lackey trace of a program.
 *
 * Notes.  It runs
 *     valgrind --tool=lackey --trace-mem=yes --log-fd=3 PROG ARGS
 * as a child, without a shell, with descriptor 3 leading to the trace:
 * the output file, or a pipe into gzip or zstd (also children, no shell)
 * when the name ends in .gz or .zst, or vmtrace's standard output.  The
 * program's own standard output and error stay where vmtrace's are, so they
 * never mix with the trace (the trap DESIGN.md's lackey section describes);
 * when the trace itself goes to standard output, the program's standard
 * output is sent to standard error instead.  Valgrind moves descriptor 3 out
 * of the program's reach, so the program does not see it.
 *
 * The file is written under a temporary name and renamed when valgrind and
 * the compressor have both finished well; a program that exits with a
 * non-zero status still leaves a whole trace (it is kept, with a warning),
 * but one that cannot be run at all (valgrind's 126 and 127) leaves none.
 * Reading compressed traces is not in vmtrace yet: decompress them into
 * vmtrace (gzip -dc t.lackey.gz | vmtrace replay ... -).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "error.h"
#include "exitcodes.h"
#include "outfile.h"

extern char **environ;

/* The descriptor valgrind is told to write the trace to. */
#define LOG_FD 3

static const char usage[] =
	"usage: vmtrace record [options] -- PROGRAM [ARGS...]\n"
	"\n"
	"Run PROGRAM under valgrind --tool=lackey --trace-mem=yes and write its\n"
	"memory trace.  The program's own output never enters the trace: valgrind\n"
	"writes the trace to a descriptor of its own.\n"
	"\n"
	"  -o, --output FILE   the trace (default: standard output, where the\n"
	"                      program's standard output then goes to stderr);\n"
	"                      FILE.gz is written through gzip, FILE.zst through\n"
	"                      zstd, anything else plain\n"
	"  -q, --quiet         accepted like every command; record shows no progress\n"
	"  -h, --help          show this help\n"
	"  -V, --version       show the version\n"
	"\n"
	"valgrind is the program named by $VMTRACE_VALGRIND, else valgrind on PATH.\n";

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a > b && strcmp(s + a - b, suffix) == 0;
}

/* One descriptor move in a child: from becomes to. */
struct move {
	int from, to;
};

/*
 * spawn - start argv[0], looked up in PATH, without a shell.
 * The child gets the moves in order, default signal actions for SIGPIPE
 * (a caller may ignore it) and no blocked signals; every other descriptor
 * of ours is close-on-exec.
 * Return: 0, or the errno of the failure (ENOENT: not found).
 */
static int spawn(pid_t *pid, char *const argv[], const struct move *mv, size_t nmv)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t dfl, none;
	int rc;

	posix_spawn_file_actions_init(&fa);
	for (size_t i = 0; i < nmv; i++)
		posix_spawn_file_actions_adddup2(&fa, mv[i].from, mv[i].to);
	posix_spawnattr_init(&attr);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	sigemptyset(&none);
	posix_spawnattr_setsigdefault(&attr, &dfl);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
	rc = posix_spawnp(pid, argv[0], &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	return rc;
}

static int wait_child(pid_t pid, const char *name, int *status)
{
	while (waitpid(pid, status, 0) < 0) {
		if (errno != EINTR)
			return vt_error(VT_SOFTWARE, "waiting for %s: %s", name, strerror(errno));
	}
	return 0;
}

/* A close-on-exec copy of fd numbered above the standard ones and LOG_FD,
 * so that moving it to LOG_FD in a child really copies it (a dup2 onto
 * itself would keep close-on-exec). */
static int high_copy(int fd)
{
	return fcntl(fd, F_DUPFD_CLOEXEC, LOG_FD + 1);
}

struct record {
	const char *output;     /* NULL: standard output */
	const char *compressor; /* "gzip", "zstd" or NULL */
	const char *valgrind;
	char **prog;            /* PROGRAM ARGS..., NULL-terminated */
	int nprog;
};

static int parse(struct record *rc, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *env = getenv("VMTRACE_VALGRIND");
	int opt;

	opterr = 0;
	optind = 1;
	/* "+": options end at the program, whose own options are its own. */
	while ((opt = getopt_long(argc, argv, "+:o:qhV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			rc->output = strcmp(optarg, "-") == 0 ? NULL : optarg;
			break;
		case 'q':
			break;
		case 'h':
			fputs(usage, stdout);
			return -1;
		case 'V':
			cmd_version();
			return -1;
		default:
			return cmd_bad_option("record", opt, argv);
		}
	}
	if (optind == argc)
		return vt_error(VT_USAGE, "record: no program given (vmtrace record -- PROGRAM "
				"ARGS)\n%s", usage);
	rc->prog = argv + optind;
	rc->nprog = argc - optind;
	rc->valgrind = env && *env ? env : "valgrind";
	if (rc->output && ends_with(rc->output, ".gz"))
		rc->compressor = "gzip";
	else if (rc->output && ends_with(rc->output, ".zst"))
		rc->compressor = "zstd";
	if (!rc->output && isatty(STDOUT_FILENO))
		return vt_error(VT_USAGE, "record: the trace would go to the terminal; give -o FILE "
				"or a pipe");
	return 0;
}

/* Start the compressor reading *logfd's other end and writing outfd; on
 * return *logfd is the pipe's write end for valgrind. */
static int start_compressor(const struct record *rc, int outfd, int *logfd, pid_t *pid)
{
	char *gz[] = { "gzip", "-c", NULL }, *zst[] = { "zstd", "-q", "-c", NULL };
	char **argv = strcmp(rc->compressor, "gzip") == 0 ? gz : zst;
	int p[2], e;

	if (pipe(p) != 0)
		return vt_error(VT_SOFTWARE, "cannot run %s: pipe: %s", rc->compressor, strerror(errno));
	/* Only the moved copies stay open in the children. */
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	{
		struct move mv[] = { { p[0], STDIN_FILENO }, { outfd, STDOUT_FILENO } };
		e = spawn(pid, argv, mv, 2);
	}
	close(p[0]);
	if (e != 0) {
		close(p[1]);
		return vt_error(VT_SOFTWARE, "cannot run %s for '%s': %s%s", rc->compressor,
				rc->output, strerror(e),
				e == ENOENT ? " (install it, or write the trace plain)" : "");
	}
	*logfd = p[1];
	return 0;
}

static int run_valgrind(const struct record *rc, int logfd, int *status)
{
	char fdarg[32];
	char **argv = calloc((size_t)rc->nprog + 5, sizeof(*argv));
	int lf = high_copy(logfd), e, err = 0;
	pid_t pid;

	if (!argv || lf < 0) {
		free(argv);
		if (lf >= 0)
			close(lf);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	snprintf(fdarg, sizeof(fdarg), "--log-fd=%d", LOG_FD);
	argv[0] = (char *)rc->valgrind;
	argv[1] = "--tool=lackey";
	argv[2] = "--trace-mem=yes";
	argv[3] = fdarg;
	memcpy(argv + 4, rc->prog, (size_t)rc->nprog * sizeof(*argv));
	{
		/* The trace on standard output: the program's goes to stderr. */
		struct move mv[] = { { lf, LOG_FD }, { STDERR_FILENO, STDOUT_FILENO } };
		e = spawn(&pid, argv, mv, rc->output ? 1 : 2);
	}
	close(lf);
	free(argv);
	if (e != 0)
		return vt_error(VT_SOFTWARE, "cannot run %s: %s%s", rc->valgrind, strerror(e),
				e == ENOENT ? " (install valgrind, or set VMTRACE_VALGRIND)" : "");
	err = wait_child(pid, rc->valgrind, status);
	return err;
}

/* What valgrind's exit says about the trace.  Return: 0 (kept) or an exit
 * code after a message. */
static int judge(const struct record *rc, int status)
{
	if (WIFSIGNALED(status))
		return vt_error(VT_SOFTWARE, "record: valgrind was killed by signal %d; no trace "
				"written", WTERMSIG(status));
	if (WEXITSTATUS(status) == 126 || WEXITSTATUS(status) == 127)
		return vt_error(VT_NOINPUT, "record: cannot run '%s' (valgrind's message above); "
				"no trace written", rc->prog[0]);
	if (WEXITSTATUS(status) != 0)
		vt_warn("record: '%s' exited with status %d; its trace is kept", rc->prog[0],
			WEXITSTATUS(status));
	return 0;
}

int cmd_record(int argc, char **argv)
{
	struct record rc = { 0 };
	struct tempfile tf = { .fd = -1 };
	pid_t comp = -1;
	int status = 0, cstatus = 0, outfd = STDOUT_FILENO, logfd, err = parse(&rc, argc, argv);

	if (err < 0)
		return fflush(stdout) == 0 && !ferror(stdout) ? 0 : VT_IOERR;
	if (err)
		return err;
	if (rc.output) {
		if ((err = tempfile_create(&tf, rc.output)))
			return err;
		fcntl(tf.fd, F_SETFD, FD_CLOEXEC);
		outfd = tf.fd;
	}
	logfd = outfd;
	if (rc.compressor)
		err = start_compressor(&rc, outfd, &logfd, &comp);
	if (!err) {
		err = run_valgrind(&rc, logfd, &status);
		if (logfd != outfd)
			close(logfd); /* the compressor's end of input */
	}
	if (comp > 0) {
		int e = wait_child(comp, rc.compressor, &cstatus);
		if (!err && e)
			err = e;
		else if (!err && !(WIFEXITED(cstatus) && WEXITSTATUS(cstatus) == 0))
			err = vt_error(VT_IOERR, "record: %s failed writing '%s'", rc.compressor,
				       rc.output);
	}
	if (!err)
		err = judge(&rc, status);
	if (tf.fd >= 0) {
		if (close(tf.fd) != 0 && !err)
			err = vt_error(VT_IOERR, "error writing '%s': %s", rc.output, strerror(errno));
		if (err)
			tempfile_discard(&tf);
		else
			err = tempfile_commit(&tf, rc.output);
	}
	return err;
}
