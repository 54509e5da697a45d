/* timeit.c - run a command, report its wall time and peak RSS.
 *
 *   timeit CMD [ARG...]
 *
 * Prints "SECONDS MAXRSS_KIB" on stderr (seconds with microseconds, from
 * CLOCK_MONOTONIC; the child's ru_maxrss, which Linux gives in KiB, the
 * same figure as GNU time's %M) and exits with the command's status (128 +
 * signal if it was killed, 127 if it could not be run).  stdin, stdout and
 * stderr are the command's own, so the shell's redirections apply to it.
 * Used by tests/bench/run.sh in place of /usr/bin/time, which is not always
 * installed and has only 10 ms resolution.
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	int status;

	if (argc < 2) {
		fprintf(stderr, "usage: timeit CMD [ARG...]\n");
		return 64;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("timeit: fork");
		return 70;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "timeit: cannot run '%s'\n", argv[1]);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("timeit: waitpid");
		return 70;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (getrusage(RUSAGE_CHILDREN, &ru) < 0) {
		perror("timeit: getrusage");
		return 70;
	}
	fprintf(stderr, "%.6f %ld\n",
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
		ru.ru_maxrss);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
