#!/bin/sh
# record.sh - rebuild the programs in traces/src and re-record the bundled
# lackey traces in traces/.  Run from anywhere: sh traces/src/record.sh
#
# Needs gcc with static glibc (Debian: libc6-dev), valgrind (lackey), and
# script(1) from util-linux for the terminal (CRLF) trace.  Recorded on
# amd64: valgrind then puts the client stack near 0x1fff000000, above 4 GiB.
# The binaries are static and not position-independent and run in a fixed
# environment, so re-recording with the same compiler and C library
# reproduces the traces exactly, apart from the PIDs in the ==PID== lines.
set -eu
LC_ALL=C
export LC_ALL

src=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$src/.." && pwd)
CC=${CC:-gcc}
# A fixed, minimal environment: the environment strings sit on the initial
# stack, so their size moves every stack address in the trace.
LACKEY="env -i PATH=/usr/local/bin:/usr/bin:/bin valgrind --tool=lackey --trace-mem=yes"
MAX=2097152 # every bundled trace stays under 2 MB

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmtrace-record.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

echo "compiler: $($CC --version | head -n 1)"
echo "valgrind: $(valgrind --version)"

# Two programs on static glibc: no ld.so start-up in the trace.
$CC -std=c11 -Wall -Wextra -static -O2 -o "$tmp/colmajor" "$src/colmajor.c"
$CC -std=c11 -Wall -Wextra -static -O2 -o "$tmp/bsearch" "$src/bsearch.c"
# One freestanding program (no libc at all), small enough to trace with
# its own output in the same stream.
$CC -std=c11 -Wall -Wextra -static -nostdlib -ffreestanding \
	-fno-stack-protector -O2 -o "$tmp/listwalk" "$src/listwalk.c"
# A parent and its forked child, for merge-lackey.
$CC -std=c11 -Wall -Wextra -static -O2 -o "$tmp/forktouch" "$src/forktouch.c"

cd "$tmp" # so that valgrind's banner says "Command: ./prog"

# Plain traces: valgrind's log (banner + records) in a file of its own.
$LACKEY --log-file="$out/colmajor.lackey" ./colmajor >/dev/null
$LACKEY --log-file="$out/bsearch.lackey" ./bsearch >/dev/null
$LACKEY --log-file="$out/listwalk.lackey" ./listwalk >/dev/null

# The program's stdout and valgrind's log share one stream (a file).
$LACKEY --log-fd=1 ./listwalk >"$out/listwalk-stdout.lackey"

# The same through a terminal: script(1) runs it on a pseudo-terminal,
# whose line discipline turns every "\n" into "\r\n".
if command -v script >/dev/null 2>&1; then
	script -q -e -c "$LACKEY --log-fd=1 ./listwalk" /dev/null \
		</dev/null >"$out/listwalk-tty.lackey"
else
	echo "record.sh: script(1) not found; listwalk-tty.lackey not re-recorded" >&2
fi

# One trace per process: valgrind opens forktouch.PID for the child at the
# fork.  The child's banner names its parent ("Parent PID: N").
$LACKEY --trace-children=yes --log-file="$tmp/forktouch.%p" ./forktouch
set -- "$tmp"/forktouch.[0-9]*
if [ $# -ne 2 ]; then
	echo "record.sh: forktouch left $# traces, not 2" >&2
	exit 1
fi
if grep -q "Parent PID: ${1##*.}\$" "$2"; then
	mv "$1" "$out/forktouch-parent.lackey"
	mv "$2" "$out/forktouch-child.lackey"
else
	mv "$2" "$out/forktouch-parent.lackey"
	mv "$1" "$out/forktouch-child.lackey"
fi

status=0
for f in colmajor bsearch listwalk listwalk-stdout listwalk-tty forktouch-parent forktouch-child; do
	[ -f "$out/$f.lackey" ] || continue
	size=$(wc -c <"$out/$f.lackey")
	printf '%-24s %9d bytes\n' "$f.lackey" "$size"
	if [ "$size" -ge "$MAX" ]; then
		echo "record.sh: $f.lackey is over 2 MB" >&2
		status=1
	fi
done
exit "$status"
