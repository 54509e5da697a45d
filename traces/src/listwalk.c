/* listwalk.c - walk a linked list whose nodes are scattered over 32 pages,
 * printing as it goes.
 *
 * 256 nodes of 512 bytes (8 to a page) are linked in the order 0, 101, 202,
 * ... (mod 256), so each step jumps about twelve pages, then the list is
 * walked four times.  Each pass references the 32 pages in the same
 * scattered cyclic order: below about 32 frames for the nodes, LRU and FIFO
 * fault on nearly every node of every pass, OPT does not.
 *
 * The program is freestanding (no libc, its own _start and write/exit
 * system calls) so its trace stays small: glibc's start-up alone would add
 * 22,000 references.  It writes progress to stdout with separate write()
 * calls, some without a newline, so that when valgrind's log shares the
 * stream (--log-fd=1) the program's text lands between trace records and
 * glued to the front of them ("pass I  00401103,5").
 */
#define NODES 256 /* a power of two */
#define STRIDE 101 /* odd, so coprime with NODES: one cycle through all */
#define PASSES 4

struct node {
	struct node *next;
	long val;
	char pad[512 - 2 * sizeof(long)];
};

static struct node pool[NODES] __attribute__((aligned(4096)));

int main(void);

__asm__(".globl _start\n"
	"_start:\n"
	"\txor %ebp, %ebp\n"
	"\tand $-16, %rsp\n"
	"\tcall main\n"
	"\tmov %eax, %edi\n"
	"\tmov $60, %eax\n" /* exit */
	"\tsyscall\n");

static long sys_write(int fd, const char *buf, unsigned long n)
{
	long r;

	__asm__ volatile("syscall"
			 : "=a"(r)
			 : "a"(1L), "D"((long)fd), "S"(buf), "d"(n)
			 : "rcx", "r11", "memory");
	return r;
}

static void put(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	sys_write(1, s, n);
}

static void putnum(long v)
{
	char b[24];
	int i = 23;

	b[i] = 0;
	do {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put(b + i);
}

int main(void)
{
	struct node *prev = &pool[0];

	put("building list of 256 nodes... ");
	for (unsigned long i = 1, j = STRIDE; i < NODES; i++, j = (j + STRIDE) & (NODES - 1)) {
		pool[j].val = (long)i;
		prev->next = &pool[j];
		prev = &pool[j];
	}
	prev->next = 0;
	put("done\n");
	for (int pass = 1; pass <= PASSES; pass++) {
		long sum = 0;

		for (struct node *p = &pool[0]; p; p = p->next)
			sum += p->val;
		put("pass ");
		putnum(pass);
		put(": sum=");
		putnum(sum);
		put("\n");
	}
	put("total 9624\n");
	return 0;
}
