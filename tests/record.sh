#!/bin/sh
# tests/record.sh - vmtrace record, and the valgrind pipeline of the README.
#
# The traced program is traces/src/listwalk.c, built freestanding (no libc,
# a trace of about 11,000 references that valgrind records in a moment);
# it prints lines of its own ("total 9624"), which must never reach the
# trace.  Needs valgrind and a C compiler; zstd is optional (its case is
# skipped with a note when absent).
test_name=record
. tests/lib.sh
CC=${CC:-cc}
fail=0
bad() {
	echo "FAIL record: $*"
	fail=1
}
if ! command -v valgrind >/dev/null 2>&1; then
	echo "record: SKIPPED: valgrind is not installed (scripts/deps.sh installs it)"
	exit 0
fi
cd "$tmp"
# As traces/src/record.sh builds it, without $CFLAGS: a sanitizer's flags
# would not link without libc.
$CC -std=c11 -static -nostdlib -ffreestanding -fno-stack-protector -O2 -o listwalk \
	"$top/traces/src/listwalk.c"

# expect_trace FILE|- WHAT: stats on it finds the whole trace and no stray line.
expect_trace() {
	if "$VMTRACE" stats "$1" >stats.out 2>stats.err &&
		grep -q '^references 10975 ' stats.out && [ ! -s stats.err ]; then
		:
	else
		bad "$2: not the clean listwalk trace:"
		sed 's/^/    /' stats.out stats.err | head -8
	fi
}

# 1. A plain file; the program's output stays on vmtrace's stdout.
"$VMTRACE" record -o t.lackey -- ./listwalk >prog.out 2>prog.err || bad "record -o t.lackey: exit $?"
grep -q '^total 9624' prog.out || bad "the program's output did not reach stdout"
expect_trace t.lackey "record -o t.lackey"
ls | grep -q 'tmp\.' && bad "a temporary file is left: $(ls)"

# 2. Through gzip and zstd.
"$VMTRACE" record -o t.lackey.gz -- ./listwalk >/dev/null || bad "record -o t.lackey.gz: exit $?"
gzip -t t.lackey.gz || bad "t.lackey.gz is not gzip"
gzip -dc t.lackey.gz >t2.lackey
expect_trace t2.lackey "record -o t.lackey.gz"
if command -v zstd >/dev/null 2>&1; then
	"$VMTRACE" record -o t.lackey.zst -- ./listwalk >/dev/null || bad "record -o t.lackey.zst: exit $?"
	zstd -q -dc t.lackey.zst >t3.lackey || bad "t.lackey.zst is not zstd"
	expect_trace t3.lackey "record -o t.lackey.zst"
else
	echo "record: SKIPPED the .zst case: zstd is not installed"
fi

# 3. To standard output, into replay; the program's output goes to stderr.
"$VMTRACE" record -- ./listwalk 2>prog.err | "$VMTRACE" replay -p lru -n 8 - >replay.out 2>replay.err ||
	bad "record | replay failed"
grep -q '^lru             8        10975 ' replay.out || bad "record | replay: $(cat replay.out replay.err)"
[ -s replay.err ] && bad "record | replay warned: $(cat replay.err)"
grep -q '^total 9624' prog.err || bad "the program's output did not reach stderr"

# 4. The pipeline of the README and the man page, straight from valgrind.
valgrind --tool=lackey --trace-mem=yes --log-fd=3 ./listwalk 3>&1 1>/dev/null |
	"$VMTRACE" replay -p all -n 64 - >pipe.out 2>pipe.err || bad "the valgrind pipeline failed"
grep -q '^references 10975 ' pipe.out || bad "valgrind pipeline: $(cat pipe.out)"
[ -s pipe.err ] && bad "valgrind pipeline: program output taken for the trace: $(cat pipe.err)"

# 5. Failures leave no file.
status=0
"$VMTRACE" record -o gone.lackey -- ./no-such-program 2>err || status=$?
[ "$status" -eq 66 ] || bad "a program that cannot run: exit $status, expected 66"
status=0
VMTRACE_VALGRIND=no-such-valgrind "$VMTRACE" record -o gone.lackey -- ./listwalk 2>err || status=$?
[ "$status" -eq 70 ] && grep -q 'cannot run no-such-valgrind' err ||
	bad "valgrind missing: exit $status, expected 70: $(cat err)"
status=0
PATH=/nonexistent VMTRACE_VALGRIND=$(command -v valgrind) \
	"$VMTRACE" record -o gone.lackey.gz -- ./listwalk >/dev/null 2>err || status=$?
[ "$status" -eq 70 ] && grep -q 'cannot run gzip' err ||
	bad "gzip missing: exit $status, expected 70: $(cat err)"
ls | grep -q gone && bad "a failed record left $(ls | grep gone)"
status=0
"$VMTRACE" record 2>err || status=$?
[ "$status" -eq 64 ] || bad "record without a program: exit $status, expected 64"

[ "$fail" -eq 0 ] && echo "record: plain, gzip, zstd, stdout and the valgrind pipeline; failures leave no file"
exit "$fail"
