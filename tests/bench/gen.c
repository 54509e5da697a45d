/* gen.c - synthetic traces for vmtrace's benchmark (tests/bench/run.sh).
 *
 *   gen seq N SEED     > file.seq      N references (default 10000000)
 *   gen lackey MB SEED > file.lackey   about MB * 10^6 bytes (default 200)
 *
 * Standalone C11 with its own PRNG (splitmix64), so a (mode, size, seed)
 * triple gives the same bytes on every machine.  The point is realistic
 * input for timing, not a faithful program model.
 *
 * seq: page numbers in a 64 Ki-page (256 MiB) space, in a mix of
 *   70%  a hot set of 512 pages (skewed towards its low end), which moves
 *        to a new random place every 500,000 references (a phase change);
 *   20%  sequential scans of 64..4095 pages from a random start;
 *   10%  uniformly random pages.
 * Writes, marked with the seq suffix w ("123w"): 25% of hot-set references,
 * 10% of scan references, 5% of random ones.  16 tokens a line separated by
 * commas; the file starts with a '#' comment.
 *
 * lackey: the exact text of valgrind --tool=lackey --trace-mem=yes on
 * amd64: "I  0040a2f0,3" (two spaces) for an instruction fetch,
 * " L 1ffefff8a0,8" (one leading space) for a load, S store, M modify; hex
 * lowercase, at least 8 digits, ten for 64-bit stack addresses; the ==PID==
 * banner before and the summary after.  A walk through loops of code (sizes
 * 1..15, a hot set of 64 loops) in a static binary's text plus a shared
 * library's; about one data access in three instructions: stack near
 * 0x1ffefff000 (above 4 GiB), globals, a heap of hot objects and a 64 MiB
 * array scanned sequentially; sizes 1..64, mostly aligned, and about one
 * data access in 5,000 straddling a page boundary (instruction fetches
 * straddle one now and then too, as real code does).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_SIZE (1u << 20)

static unsigned char buf[BUF_SIZE + 256];
static size_t buf_len;
static unsigned long long total_bytes;

static void flush_out(void)
{
	if (buf_len && fwrite(buf, 1, buf_len, stdout) != buf_len) {
		perror("gen: write");
		exit(1);
	}
	total_bytes += buf_len;
	buf_len = 0;
}

/* Room for one more record (at most a few dozen bytes). */
static unsigned char *room(void)
{
	if (buf_len >= BUF_SIZE)
		flush_out();
	return buf + buf_len;
}

static void put_str(const char *s)
{
	size_t n = strlen(s);

	if (buf_len + n > BUF_SIZE)
		flush_out();
	memcpy(buf + buf_len, s, n);
	buf_len += n;
}

/* splitmix64 (Steele, Lea & Flood 2014): fast, full period, good enough. */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Uniform in [0, n) for n < 2^32 (multiply-shift, no division). */
static uint32_t below(uint32_t n)
{
	return (uint32_t)(((rnd() >> 32) * (uint64_t)n) >> 32);
}

/* True with probability pct percent. */
static int chance(unsigned pct)
{
	return below(100) < pct;
}

static unsigned char *put_dec(unsigned char *p, uint32_t v)
{
	unsigned char tmp[10];
	int n = 0;

	do {
		tmp[n++] = (unsigned char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* Lowercase hex, at least 8 digits, as lackey prints "%08lx". */
static unsigned char *put_hex8(unsigned char *p, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	int n = 8;

	while (n < 16 && (v >> (4 * n)))
		n++;
	for (int i = n - 1; i >= 0; i--)
		*p++ = (unsigned char)digits[(v >> (4 * i)) & 15];
	return p;
}

/* ---- seq ---------------------------------------------------------------- */

#define SEQ_SPACE (1u << 16) /* pages */
#define SEQ_HOT 512u
#define SEQ_PHASE 500000u
#define SEQ_PER_LINE 16

static void gen_seq(unsigned long long n, unsigned long long seed)
{
	char head[160];
	uint32_t hot_base = below(SEQ_SPACE - SEQ_HOT);
	uint32_t scan_pos = 0, scan_left = 0;

	snprintf(head, sizeof(head),
		 "# vmtrace benchmark: gen seq %llu %llu (hot set, scans, random pages)\n", n,
		 seed);
	put_str(head);
	for (unsigned long long i = 0; i < n; i++) {
		unsigned char *p = room();
		uint32_t u = below(100), page;
		int write;

		if (i % SEQ_PHASE == SEQ_PHASE - 1)
			hot_base = below(SEQ_SPACE - SEQ_HOT);
		if (u < 70) {
			uint32_t a = below(SEQ_HOT), b = below(SEQ_HOT);
			page = hot_base + (a < b ? a : b);
			write = chance(25);
		} else if (u < 90) {
			if (scan_left == 0) {
				scan_left = 64 + below(4032);
				scan_pos = below(SEQ_SPACE - scan_left);
			}
			page = scan_pos++;
			scan_left--;
			write = chance(10);
		} else {
			page = below(SEQ_SPACE);
			write = chance(5);
		}
		p = put_dec(p, page);
		if (write)
			*p++ = 'w';
		*p++ = (i % SEQ_PER_LINE == SEQ_PER_LINE - 1 || i + 1 == n) ? '\n' : ',';
		buf_len = (size_t)(p - buf);
	}
}

/* ---- lackey ------------------------------------------------------------- */

#define TEXT_LO 0x00401000u /* static binary's .text */
#define TEXT_SPAN 0x000a0000u
#define LIB_LO 0x04850000u /* a shared library, where valgrind maps them */
#define LIB_SPAN 0x00180000u
#define GLOBAL_LO 0x004c5000u
#define GLOBAL_SPAN 0x00020000u
#define HEAP_LO 0x04a4c000u /* small hot objects */
#define HEAP_SPAN 0x00200000u
#define ARRAY_LO 0x05000000u /* one big array, scanned */
#define ARRAY_SPAN 0x04000000u /* 64 MiB */
#define STACK_TOP 0x1fff000000ull /* amd64 valgrind client stack */
#define HOT_LOOPS 64

struct loop {
	uint64_t start;
	uint32_t len;
};

static uint32_t data_size(void)
{
	static const uint8_t sizes[16] = { 1, 1, 2, 4, 4, 4, 8, 8, 8, 8, 8, 8, 16, 16, 32, 64 };
	uint32_t s = sizes[below(16)];

	if (s == 64 && chance(50))
		s = 1 + below(64); /* the odd rep-movs-like size */
	return s;
}

static uint64_t align_down(uint64_t a, uint32_t size)
{
	uint32_t al = 1;

	while (al * 2 <= size)
		al *= 2;
	return a & ~(uint64_t)(al - 1);
}

static unsigned char *put_record(unsigned char *p, char kind, uint64_t addr, uint32_t size)
{
	if (kind == 'I') {
		memcpy(p, "I  ", 3);
	} else {
		p[0] = ' ';
		p[1] = (unsigned char)kind;
		p[2] = ' ';
	}
	p = put_hex8(p + 3, addr);
	*p++ = ',';
	p = put_dec(p, size);
	*p++ = '\n';
	return p;
}

static struct loop new_loop(const struct loop *hot)
{
	struct loop l;

	if (chance(85))
		return hot[below(HOT_LOOPS)];
	if (chance(70))
		l.start = TEXT_LO + below(TEXT_SPAN);
	else
		l.start = LIB_LO + below(LIB_SPAN);
	l.len = 16 + below(240);
	return l;
}

static void gen_lackey(unsigned long long mb, unsigned long long seed)
{
	unsigned long long limit = mb * 1000000ull;
	unsigned pid = 1000 + (unsigned)(seed % 60000);
	char line[160];
	struct loop hot[HOT_LOOPS], cur;
	uint64_t ip, sp = STACK_TOP - 0x760; /* 0x1ffefff8a0 */
	uint32_t iters;
	uint64_t array_pos = 0;
	unsigned long long instrs = 0;

	for (int i = 0; i < HOT_LOOPS; i++) {
		hot[i].start = (i % 4 == 3 ? LIB_LO + below(LIB_SPAN) : TEXT_LO + below(TEXT_SPAN));
		hot[i].len = 16 + below(240);
	}
	cur = new_loop(hot);
	ip = cur.start;
	iters = 1 + below(50);

	snprintf(line, sizeof(line),
		 "==%u== Lackey, an example Valgrind tool\n"
		 "==%u== Copyright (C) 2002-2017, and GNU GPL'd, by Nicholas Nethercote.\n",
		 pid, pid);
	put_str(line);
	snprintf(line, sizeof(line),
		 "==%u== Using Valgrind-3.19.0 and LibVEX; rerun with -h for copyright info\n"
		 "==%u== Command: ./synthetic\n",
		 pid, pid);
	put_str(line);
	snprintf(line, sizeof(line), "==%u== Parent PID: %u\n==%u== \n", pid, pid - 1, pid);
	put_str(line);

	while (total_bytes + buf_len < limit) {
		unsigned char *p = room();
		uint32_t isize = chance(60) ? 2 + below(4) : 1 + below(15);

		p = put_record(p, 'I', ip, isize);
		ip += isize;
		instrs++;
		if (ip >= cur.start + cur.len) {
			if (--iters == 0) {
				cur = new_loop(hot);
				iters = 1 + below(50);
				/* a call or a return moves the stack pointer */
				if (chance(50) && sp > STACK_TOP - 0x40000)
					sp -= 16 * (1 + below(16));
				else if (sp < STACK_TOP - 0x400)
					sp += 16 * (1 + below(16));
			}
			ip = cur.start;
		}
		if (chance(35)) {
			uint32_t where = below(100), size = data_size();
			uint32_t k = below(100);
			char kind = k < 60 ? 'L' : k < 92 ? 'S' : 'M';
			uint64_t a;

			if (where < 40) {
				size = chance(80) ? 8 : 4;
				a = sp + 8 * below(64);
			} else if (where < 55) {
				a = GLOBAL_LO + below(GLOBAL_SPAN);
			} else if (where < 80) {
				a = HEAP_LO + below(HEAP_SPAN);
			} else {
				a = ARRAY_LO + array_pos;
				array_pos = (array_pos + size) % ARRAY_SPAN;
			}
			if (!chance(1))
				a = align_down(a, size);
			if (below(5000) == 0) {
				/* straddle a page boundary */
				if (size < 2)
					size = 8;
				a = (a | 0xfff) - size / 2 + 1;
			}
			p = put_record(p, kind, a, size);
		}
		buf_len = (size_t)(p - buf);
	}

	snprintf(line, sizeof(line),
		 "==%u== \n==%u== Counted 1 call to main()\n==%u== \n"
		 "==%u== Executed:\n==%u==   guest instrs:  %llu\n",
		 pid, pid, pid, pid, pid, instrs);
	put_str(line);
	snprintf(line, sizeof(line), "==%u== \n==%u== Exit code:       0\n", pid, pid);
	put_str(line);
}

/* ---- main --------------------------------------------------------------- */

static unsigned long long arg_num(const char *s, const char *what)
{
	char *end;
	unsigned long long v;

	if (!s)
		return 0;
	v = strtoull(s, &end, 10);
	if (*s < '0' || *s > '9' || *end) {
		fprintf(stderr, "gen: %s must be a number, not '%s'\n", what, s);
		exit(64);
	}
	return v;
}

int main(int argc, char **argv)
{
	unsigned long long size, seed;

	if (argc < 2 || argc > 4 || (strcmp(argv[1], "seq") && strcmp(argv[1], "lackey"))) {
		fprintf(stderr, "usage: gen seq [N [SEED]] > file.seq\n"
				"       gen lackey [MB [SEED]] > file.lackey\n");
		return 64;
	}
	size = argc > 2 ? arg_num(argv[2], "size") : 0;
	seed = argc > 3 ? arg_num(argv[3], "seed") : 1;
	rng_state = seed;
	if (!strcmp(argv[1], "seq"))
		gen_seq(size ? size : 10000000ull, seed);
	else
		gen_lackey(size ? size : 200ull, seed);
	flush_out();
	if (fflush(stdout) || ferror(stdout)) {
		perror("gen: write");
		return 1;
	}
	return 0;
}
