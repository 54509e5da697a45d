#!/bin/sh
# tests/progress.sh - the progress line: on a terminal after half a second,
# never with -q, never when stderr is not a terminal.
#
# script(1) (util-linux) gives the command a pseudo-terminal; the trace
# arrives through a pipe that stalls for a second, so the run is long
# enough for a line (-t seq: format detection would wait for that input
# before the clock starts).  The figures themselves are unit-tested
# (tests/unit/test_progress.c).
test_name=progress
. tests/lib.sh
if ! script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
	echo "progress: SKIPPED: script(1) from util-linux cannot open a pseudo-terminal here"
	exit 0
fi
fail=0
slow="(printf '1 2 3 '; sleep 1.2; echo 4 1 2)"

# on_tty OUT ARGS: run vmtrace ARGS on a terminal, trace from the slow pipe.
on_tty() {
	out=$1
	shift
	script -qec "sh -c \"$slow | '$VMTRACE' $* >/dev/null\"" /dev/null </dev/null >"$out" 2>&1 || :
}

on_tty "$tmp/tty" replay -t seq -p lru -n 2 -
if grep -q 'vmtrace: replaying [0-9.]* [kMG]*B' "$tmp/tty" && grep -q "$(printf '\033')\[K" "$tmp/tty"; then
	echo "progress: a line on a terminal, erased at the end"
else
	echo "FAIL progress: no progress line on a terminal:"
	od -c "$tmp/tty" | sed 's/^/    /' | head -10
	fail=1
fi
for q in -q --quiet; do
	on_tty "$tmp/quiet" replay $q -t seq -p lru -n 2 -
	if grep -q 'vmtrace:' "$tmp/quiet"; then
		echo "FAIL progress: a line despite $q:"
		sed 's/^/    /' "$tmp/quiet"
		fail=1
	fi
done
sh -c "$slow | '$VMTRACE' replay -t seq -p lru -n 2 - >/dev/null 2>'$tmp/pipe'"
if [ -s "$tmp/pipe" ]; then
	echo "FAIL progress: stderr not a terminal, yet:"
	sed 's/^/    /' "$tmp/pipe"
	fail=1
fi
[ "$fail" -eq 0 ] && echo "progress: none with -q or --quiet, none into a pipe"
exit "$fail"
