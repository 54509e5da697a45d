#!/bin/sh
# tests/cli/man-examples.sh - the man page's EXAMPLES must be true.
#
# Every literal block of man/vmtrace.1 whose first line is "$ vmtrace ARGS"
# is run as ./vmtrace ARGS from the top of the tree, and its stdout must be
# the rest of the block.  (CSV output is compared with its CR LF line ends
# turned into LF, as the page shows it.)  Blocks that start otherwise, such
# as the valgrind recipes, are prose, not tests.
set -eu
LC_ALL=C
export LC_ALL

VMTRACE=${VMTRACE:-./vmtrace}
PAGE=${1:-man/vmtrace.1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# Split the page into one file per example: tmp/N.cmd and tmp/N.out.
awk -v dir="$tmp" '
	/^\.Bd -literal/ { inblock = 1; first = 1; next }
	/^\.Ed/ { if (n) close(out); inblock = 0; cur = ""; next }
	inblock && first {
		first = 0
		if ($0 ~ /^\$ vmtrace /) {
			n++
			cmd = dir "/" n ".cmd"; out = dir "/" n ".out"
			sub(/^\$ vmtrace /, "")
			print > cmd; close(cmd)
			printf "" > out
			cur = out
		}
		next
	}
	inblock && cur != "" {
		gsub(/\\e/, "\\"); gsub(/\\&/, "")
		print >> cur
	}
' "$PAGE"

pass=0 fail=0
for cmd in "$tmp"/*.cmd; do
	[ -e "$cmd" ] || { echo "man-examples: no examples found in $PAGE" >&2; exit 1; }
	n=${cmd%.cmd}
	args=$(cat "$cmd")
	# The arguments are plain words (no quotes or globs in the examples).
	# shellcheck disable=SC2086
	if ! $VMTRACE $args 2>"$n.err" | tr -d '\r' >"$n.got"; then
		:
	fi
	if cmp -s "$n.out" "$n.got"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL man example: vmtrace $args"
		diff -u "$n.out" "$n.got" | sed 's/^/      /' | head -40
	fi
done
echo "man examples: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
