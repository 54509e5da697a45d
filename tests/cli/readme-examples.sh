#!/bin/sh
# tests/cli/readme-examples.sh - the README's examples must be true.
#
# Every indented block of README.md whose first line starts with "$ " is an
# example: each "$ COMMAND" line in it is run with sh, and the indented
# lines up to the next "$ " line are exactly what it prints: its standard
# error (warnings come before any output), then its standard output (CR LF
# turned into LF, trailing empty lines dropped).  Blocks that start
# otherwise (make commands, recipes for your own program) are prose.
# The commands run one after the other in one scratch directory, where
# traces/ and plots/ lead to the source tree's and `vmtrace` on PATH is the
# binary under test, so a later example can use a file an earlier one
# wrote.  A command using GNU parallel is skipped, with a note, when
# parallel is not installed.  Any non-zero exit status is a failure.
test_name=readme
. tests/lib.sh
README=${1:-README.md}
mkdir "$tmp/ex" "$tmp/work" "$tmp/bin"
ln -s "$VMTRACE" "$tmp/bin/vmtrace"
ln -s "$top/traces" "$tmp/work/traces"
ln -s "$top/plots" "$tmp/work/plots"

# One example per "$ " line: tmp/ex/NNN.cmd (the command) and .out.
awk -v dir="$tmp/ex" '
function flush(   i) {
	if (out == "")
		return
	while (nl > 0 && lines[nl] == "")
		nl--
	printf "" > out
	for (i = 1; i <= nl; i++)
		print lines[i] > out
	close(out)
	out = ""
}
/^    \$ / {
	flush()
	n++
	f = sprintf("%s/%03d", dir, n)
	print substr($0, 7) > (f ".cmd")
	close(f ".cmd")
	out = f ".out"
	nl = 0
	next
}
out != "" && /^    / { lines[++nl] = substr($0, 5); next }
out != "" && /^$/ { lines[++nl] = ""; next }
{ flush() }
END { flush() }
' "$README"

pass=0 fail=0 skip=0
for cmdfile in "$tmp"/ex/*.cmd; do
	[ -e "$cmdfile" ] || { echo "readme-examples: no examples found in $README" >&2; exit 1; }
	n=${cmdfile%.cmd}
	cmd=$(cat "$cmdfile")
	case $cmd in
	parallel* | *"| parallel"*)
		if ! command -v parallel >/dev/null 2>&1; then
			echo "SKIP readme example (GNU parallel not installed): \$ $cmd"
			skip=$((skip + 1))
			continue
		fi
		;;
	esac
	status=0
	(cd "$tmp/work" && PATH="$tmp/bin:$PATH" sh -c "$cmd") </dev/null >"$n.raw" 2>"$n.err" ||
		status=$?
	cat "$n.err" "$n.raw" | tr -d '\r' >"$n.got"
	if [ "$status" -eq 0 ] && cmp -s "$n.out" "$n.got"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL readme example: \$ $cmd"
		[ "$status" -eq 0 ] || echo "    exit status $status"
		diff -u "$n.out" "$n.got" | sed 's/^/      /' | head -40
	fi
done
echo "readme examples: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
