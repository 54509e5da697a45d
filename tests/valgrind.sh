#!/bin/sh
# tests/valgrind.sh - representative runs under valgrind memcheck, and the
# threaded ones under helgrind.  Any memcheck error or leak, or any race,
# fails the run (exit 99 from valgrind).
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
run 0 replay -p all -n 3,16 --tau 50 --tlb 16:4 --device zswap --zswap-pool 2 --explain traces/bsearch.lackey
run 0 replay -p opt,lru,clock -n 5 --zero-page --swap 40 traces/listwalk.lackey
run 64 replay -p ws --zero-page traces/belady.seq
run 0 replay -p lru,fifo -n 2 --swap 3 -O json traces/colmajor.lackey
run 0 sweep -p opt,clock -n 1-6 --device hdd --tlb 8 -O csv traces/belady.seq
# Charts of simulated time, out-of-memory points among them, and a
# comparison of two devices (gnuplot itself is not traced).
run 0 sweep -p lru,fifo -n 1-5 --device hdd --swap 2 traces/belady.seq -O json -o "$tmp/hdd.json" \
	--plot "$tmp/hdd.png"
run 0 sweep -p lru,fifo -n 1-5 --device ssd traces/belady.seq -O json -o "$tmp/ssd.json"
run 0 plot "$tmp/hdd.json" "$tmp/ssd.json" -o "$tmp/devices.svg"
run 65 plot "$tmp/hdd.json" "$tmp/s.json" -o "$tmp/x.svg"
# Compressed traces, whole and cut short.
gzip -c traces/listwalk.lackey >"$tmp/l.gz"
zstd -q -c traces/listwalk.lackey >"$tmp/l.zst"
head -c 3000 "$tmp/l.zst" >"$tmp/cut.zst"
run 0 replay -p lru,clock -n 8 "$tmp/l.gz"
run 0 stats "$tmp/l.zst"
run 65 stats "$tmp/cut.zst"
run 0 merge --multi "$tmp/s.json" "$tmp/s.json" -o "$tmp/m.json"
run 0 record -o "$tmp/t.lackey.gz" -- true
run 0 belady --string 1,2,3,4,1,2,5,1,2,3,4,5
run 0 belady -p clock -l 10 -P 5 --tries 2000
run 0 replay -p fifo,lru,clock,lfu -n 1,2,6 --tlb 4 traces/fork-cow.events
run 0 replay -p lru -n 1 --swap 2 -O csv traces/fork-cow.events
run 0 merge-lackey -q 500 -o "$tmp/ft.events" traces/forktouch-parent.lackey traces/forktouch-child.lackey
run 0 replay -p lru,clock -n 16 "$tmp/ft.events"
run 0 thrash -n 40 -k 1-3 -O json traces/listwalk.lackey
run 0 thrash -n 6 -k 1-3 --quantum 3 --plot "$tmp/thrash.svg" traces/loop3.seq
run 0 thrash -n 6 -k 1-4 --quantum 3 --swap 4 --device hdd traces/loop3.seq
run 65 merge-lackey -o "$tmp/bad.events" traces/forktouch-child.lackey traces/README.md
# Errors must not leak either.
# The node layer: NUMA nodes with every memory policy, balancing, buddyinfo
# samples, 4 MiB pages that split.
run 0 replay -p lru,clock,lfu,arc -n 6,9 --numa 3 --mempolicy interleave:all --mempolicy 2=bind:1 \
	--numa-balance 5 --buddyinfo-every 7 --device ssd -O json traces/fork-cow.events
awk 'BEGIN { for (i = 0; i < 4000; i++) printf "%d%s ", (i * 7919) % 2048, i % 5 ? "" : "w" }' \
	>"$tmp/h.seq"
run 0 replay -p fifo,lru,clock,sieve -n 1100,1500 --huge all --tlb 16:4 "$tmp/h.seq"
run 0 sweep -p lru,opt -n 2-8:2 --numa 2 --mempolicy preferred:1 -O csv traces/belady.seq
run 65 replay -p lru -n 3 traces/README.md
run 64 sweep -p fifo -n 5-3 traces/belady.seq
run 65 merge "$tmp/s.json" traces/belady.seq
# A lackey trace over several mapped windows (8 MiB each), parsed with
# the helper thread: windows unmapped behind, jobs handed over, the
# thread joined, nothing left.
${CC:-cc} -O2 -o "$tmp/gen" tests/bench/gen.c
"$tmp/gen" lackey 20 1 >"$tmp/big.lackey"
run 0 stats "$tmp/big.lackey"
# Threads, under helgrind: one-pass curves side by side with the pool that
# simulates the others, and the lackey reader's parsing helper.  A data
# race it reports fails the run like a memcheck error.
hg="valgrind -q --tool=helgrind --error-exitcode=99"
hrun() {
	echo "helgrind: vmtrace $*"
	status=0
	# shellcheck disable=SC2086
	$hg $VMTRACE "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
	if [ "$status" -ne 0 ]; then
		cat "$tmp/err" >&2
		echo "helgrind: exit $status (99: a race or a lock misused)" >&2
		exit 1
	fi
}
hrun sweep -j 2 -p lru,opt,ws,fifo,clock -n 1-40 --tau 1-100:10 -O csv traces/listwalk.lackey
hrun stats "$tmp/big.lackey"
echo "valgrind: no errors, no leaks"
