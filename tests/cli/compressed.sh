#!/bin/sh
# tests/cli/compressed.sh - gzip and zstd traces read as the plain ones.
#
# For every bundled trace, `replay -p all` on the file compressed with gzip
# and with zstd (as a file and through stdin) must print exactly what it
# prints on the plain file; gzip members back to back and zstd frames back
# to back read as one trace; a cut or corrupt stream is malformed input
# (exit 65) with a message naming the file.  Needs gzip and zstd (skipped,
# with a note, when either is missing).
set -eu
LC_ALL=C
export LC_ALL
VMTRACE=${VMTRACE:-./vmtrace}
for tool in gzip zstd; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "compressed: $tool not installed; skipped (scripts/deps.sh installs it)"
		exit 0
	fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

check() { # NAME EXPECTED-FILE ACTUAL-FILE
	if cmp -s "$2" "$3"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL compressed: $1"
		diff "$2" "$3" | head -5
	fi
}

expect_error() { # NAME STATUS MESSAGE-FRAGMENT CMD...
	name=$1 want=$2 frag=$3
	shift 3
	set +e
	"$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	set -e
	if [ "$st" = "$want" ] && grep -q -- "$frag" "$tmp/err" && [ ! -s "$tmp/out" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL compressed: $name: exit $st (want $want), stderr:"
		cat "$tmp/err"
	fi
}

for t in traces/*.seq traces/*.lackey; do
	b=$(basename "$t")
	"$VMTRACE" replay -p all -n 4 --tau 20 -O csv "$t" >"$tmp/plain" 2>&1
	gzip -c "$t" >"$tmp/$b.gz"
	zstd -q -c "$t" >"$tmp/$b.zst"
	for c in gz zst; do
		"$VMTRACE" replay -p all -n 4 --tau 20 -O csv "$tmp/$b.$c" >"$tmp/got" 2>&1 || :
		sed "s|$tmp/$b.$c|$t|" "$tmp/got" >"$tmp/got2"
		check "$b.$c" "$tmp/plain" "$tmp/got2"
		"$VMTRACE" replay -p all -n 4 --tau 20 -O csv - <"$tmp/$b.$c" >"$tmp/got" 2>&1 || :
		"$VMTRACE" replay -p all -n 4 --tau 20 -O csv - <"$t" >"$tmp/plain-stdin" 2>&1 || :
		check "$b.$c on stdin" "$tmp/plain-stdin" "$tmp/got"
	done
done

# Back to back: two gzip members, two zstd frames.
t=traces/listwalk.lackey
head -n 300 "$t" >"$tmp/a"
tail -n +301 "$t" >"$tmp/b"
"$VMTRACE" stats -O csv - <"$t" >"$tmp/plain"
{ gzip -c "$tmp/a"; gzip -c "$tmp/b"; } >"$tmp/two.gz"
"$VMTRACE" stats -O csv - <"$tmp/two.gz" >"$tmp/got"
check "gzip members back to back" "$tmp/plain" "$tmp/got"
{ zstd -q -c "$tmp/a"; zstd -q -c "$tmp/b"; } >"$tmp/two.zst"
"$VMTRACE" stats -O csv - <"$tmp/two.zst" >"$tmp/got"
check "zstd frames back to back" "$tmp/plain" "$tmp/got"

# Cut short, and corrupt.
gzip -c "$t" >"$tmp/full.gz"
head -c 2000 "$tmp/full.gz" >"$tmp/cut.gz"
expect_error "gzip cut short" 65 "cut.gz: the gzip data ends early" \
	"$VMTRACE" replay -p lru -n 4 -o "$tmp/never.csv" "$tmp/cut.gz"
[ ! -e "$tmp/never.csv" ] || { fail=$((fail + 1)); echo "FAIL compressed: partial output left"; }
zstd -q -c "$t" >"$tmp/full.zst"
head -c 2000 "$tmp/full.zst" >"$tmp/cut.zst"
expect_error "zstd cut short" 65 "cut.zst: the zstd data ends early" \
	"$VMTRACE" stats "$tmp/cut.zst"
{ head -c 100 "$tmp/full.gz"; printf 'garbage garbage garbage'; tail -c +124 "$tmp/full.gz"; } >"$tmp/bad.gz"
expect_error "gzip corrupt" 65 "bad.gz: corrupt gzip data" "$VMTRACE" stats "$tmp/bad.gz"
{ head -c 100 "$tmp/full.zst"; printf 'garbage garbage garbage'; tail -c +124 "$tmp/full.zst"; } >"$tmp/bad.zst"
expect_error "zstd corrupt" 65 "bad.zst: corrupt zstd data" "$VMTRACE" stats "$tmp/bad.zst"

echo "compressed: $pass passed, $fail failed"
[ "$fail" = 0 ]
