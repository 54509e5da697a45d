#!/bin/sh
# tests/valgrind.sh - representative runs under valgrind memcheck.
# Any memcheck error or leak fails the run (exit 99 from valgrind).
set -eu
LC_ALL=C
export LC_ALL
VMTRACE=${VMTRACE:-./vmtrace}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible"

# run EXPECTED-STATUS ARGS...: vmtrace must exit with that status, cleanly.
run() {
	want=$1
	shift
	echo "valgrind: vmtrace $*"
	status=0
	# shellcheck disable=SC2086
	$vg $VMTRACE "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
	if [ "$status" -ne "$want" ]; then
		cat "$tmp/err" >&2
		echo "valgrind: exit $status, expected $want (99: memcheck errors)" >&2
		exit 1
	fi
}

run 0 replay -p all -n 3,32 --tau 100 traces/colmajor.lackey
run 0 replay -p opt,lru -n 4 --steps -O json traces/belady.seq
run 0 stats traces/listwalk-stdout.lackey
run 0 sweep -p all -n 1-48:4 --tau 1-500:50 -O csv traces/listwalk.lackey
run 0 sweep -p fifo,lru,opt -n 1-8 traces/belady.seq -O json -o "$tmp/s.json"
run 0 belady --string 1,2,3,4,1,2,5,1,2,3,4,5
run 0 belady -p clock -l 10 -P 5 --tries 2000
run 0 replay -p fifo,lru,clock,lfu -n 1,2,6 --tlb 4 traces/fork-cow.events
run 0 replay -p lru -n 1 --swap 2 -O csv traces/fork-cow.events
# Errors must not leak either.
run 65 replay -p lru -n 3 traces/README.md
run 64 sweep -p fifo -n 5-3 traces/belady.seq
echo "valgrind: no errors, no leaks"
