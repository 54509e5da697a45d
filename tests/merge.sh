#!/bin/sh
# tests/merge.sh - sweeps split apart and merged equal the sweep done whole,
# and the GNU parallel recipes of the README and the man page run.
#
# 1. colmajor.lackey swept by every frame policy over 1-48 frames and WS
#    over tau 1-400:50 in one go, and in three frame ranges (the cut at 4
#    and 44 frames falls between anomalies and across them), merged: the
#    documents must be byte for byte the same.
# 2. The recipe: sweep every trace of a directory with parallel, one job a
#    trace, and merge --multi; then split one trace's sweep by frame range
#    with parallel and merge it.  Skipped with a note if parallel is absent.
test_name=merge
. tests/lib.sh
fail=0

# same WHOLE MERGED MESSAGE: the merged document must be the whole one.
same() {
	if cmp -s "$1" "$2"; then
		echo "merge: $3"
	else
		echo "FAIL merge: $2 differs from $1, the sweep done whole:"
		diff -u "$1" "$2" | head -30 | sed 's/^/    /'
		fail=1
	fi
}

cd "$tmp"
ln -s "$top/traces" traces
t=traces/colmajor.lackey
"$VMTRACE" sweep -p all -n 1-48 --tau 1-400:50 -o whole.json $t
"$VMTRACE" sweep -p all -n 1-3 --tau 1-400:50 -o p1.json $t
"$VMTRACE" sweep -p all -n 4-43 --tau 1-400:50 -o p2.json $t
"$VMTRACE" sweep -p all -n 44-48 --tau 1-400:50 -o p3.json $t
"$VMTRACE" merge p3.json p1.json p2.json -o merged.json
same whole.json merged.json "three frame ranges of colmajor.lackey merge into the whole sweep"

if ! command -v parallel >/dev/null 2>&1; then
	echo "merge: SKIPPED the GNU parallel recipe: parallel is not installed (Debian package parallel; scripts/deps.sh installs it)"
	exit "$fail"
fi
mkdir bin
ln -s "$VMTRACE" bin/vmtrace
PATH=$tmp/bin:$PATH
export PATH

# The recipe as the README gives it (the traces of a directory, one job
# each, then one document).  --will-cite is not needed: parallel asks only
# when it talks to a terminal.
mkdir sweeps
parallel vmtrace sweep -p lru,opt -n 1-64 -o sweeps/{/.}.json {} ::: traces/*.lackey \
	</dev/null 2>par.err || { cat par.err; fail=1; }
vmtrace merge --multi sweeps/*.json -o all.json
ntraces=$(ls traces/*.lackey | wc -l)
got=$(grep -c '"command": "sweep"' all.json || :)
if [ "$got" -ne "$ntraces" ]; then
	echo "FAIL merge: parallel recipe: $got sweeps in all.json, expected $ntraces"
	fail=1
fi
# One trace split by frame range over jobs, merged: the same as whole.
parallel vmtrace sweep -p fifo,clock -n {} -o part-{#}.json traces/colmajor.lackey ::: 1-20 21-40 41-64 \
	</dev/null || fail=1
vmtrace merge part-*.json -o split.json
vmtrace sweep -p fifo,clock -n 1-64 -o whole64.json traces/colmajor.lackey
same whole64.json split.json "the GNU parallel recipes run (a directory of traces; one trace by frame range)"
exit "$fail"
