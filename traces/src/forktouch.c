/* forktouch.c - a parent and its forked child touch memory of their own.
 *
 * For `vmtrace merge-lackey`: recorded with valgrind --trace-children=yes
 * --log-file=forktouch.%p, it gives one lackey trace per process.  Both
 * write 16 pages of one static array, 4 times over: the child the first
 * half, the parent the second (after the fork each has its own copy).
 */
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define PAGES 32
#define ROUNDS 4

/* volatile: the stores are the point, though nothing reads them. */
static volatile char data[PAGES * PAGE];

static void touch(int first, int last)
{
	for (int r = 0; r < ROUNDS; r++)
		for (int p = first; p < last; p++)
			data[p * PAGE + r] = (char)(p + r);
}

int main(void)
{
	pid_t child = fork();

	if (child == 0) {
		touch(0, PAGES / 2);
		_exit(0);
	}
	touch(PAGES / 2, PAGES);
	if (child > 0)
		waitpid(child, NULL, 0);
	return child < 0;
}
