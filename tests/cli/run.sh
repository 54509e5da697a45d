#!/bin/sh
# run.sh - the command-line tests of vmtrace: cases as data, one small driver.
#
# Usage, from the top of the source tree (`make cli` does this):
#     sh tests/cli/run.sh                  run every tests/cli/*.t
#     sh tests/cli/run.sh tests/cli/seq.t  run the cases of some files only
# Environment:
#     VMTRACE   the binary under test (default ./vmtrace)
#     VALGRIND  if set, prefixes every invocation, e.g.
#               VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full"
#     CLI_TIMEOUT  seconds one invocation may take (default 30; needs timeout(1))
#     CLI_KEEP  if set, keep the temporary directory (cases split out, and the
#               working directory of each case) for a look afterwards
# It prints one FAIL line per failing case, followed by a diff, then the
# summary `cli: N passed, M failed`; the exit status is 1 if any case failed.
#
# The .t format.  A file is a list of cases.  Each line that starts with %% is
# a directive; a directive that opens a block takes every following line up to
# the next %% line (trailing empty lines of a block are dropped; %%END closes
# a block explicitly).  Outside blocks, lines starting with # and empty lines
# are comments.  So a comment about a case goes right after its %%TEST line;
# a comment between cases needs %%END first if a block precedes it (the
# driver refuses a block that ends in an empty line and # lines).
#
#   %%TEST name          starts a case
#   %%ARGS words         the command line after the binary, split as by the
#                        shell (quotes work; do not use $ or `).  @DIR@ is
#                        the case's private directory, which is also the
#                        current directory of the command
#   %%EXIT n             the expected exit status (default 0)
#   %%STDIN              block: the standard input, fed through a pipe
#                        (without it, stdin is /dev/null)
#   %%FILE name          block: a file created in the case's directory
#   %%DIR name           an empty directory created there
#   %%STDOUT             block: the exact standard output expected
#   %%STDOUT-CONTAINS s  standard output must contain the string s
#                        Without %%STDOUT or %%STDOUT-CONTAINS, stdout must be
#                        empty.
#   %%STDOUT-TO path     send stdout to path (e.g. /dev/full); not checked
#   %%STDERR             block: the exact standard error expected (an empty
#                        block: stderr must be empty)
#   %%STDERR-CONTAINS s  standard error must contain the string s
#                        Without %%STDERR or %%STDERR-CONTAINS, stderr is not
#                        checked.
#   %%OUTFILE name       block: after the run, the file name must exist in the
#                        case's directory with exactly this content
#   %%NOFILE pattern     after the run, nothing in the case's directory may
#                        match the shell pattern (e.g. out.json*)
#   %%END                closes a block
#
# Every block directive takes a suffix that says how its lines become bytes:
#   (none)   each line ends with LF
#   -CRLF    each line ends with CR LF (CSV output is RFC 4180: CRLF)
#   -ESC     the lines are joined with nothing between them, then printf %b
#            escapes are applied: \n \r \t \\ \0NNN.  This is how to write a
#            missing final newline or a stray CR: %%FILE-ESC t.lk
#                                                I  0493f350,6\r\n L 00001000,4
#   -SH      the lines are a sh script; its output is the content (for big
#            generated traces: %%STDIN-SH, then an awk one-liner)
# In ARGS and in expected text (STDOUT, STDERR, OUTFILE, the -CONTAINS
# strings) @DIR@ stands for the case's directory and @VERSION@ for the
# VERSION of the Makefile (or $VMTRACE_VERSION).
set -eu
LC_ALL=C
export LC_ALL

VMTRACE=${VMTRACE:-./vmtrace}
VALGRIND=${VALGRIND:-}
CLI_TIMEOUT=${CLI_TIMEOUT:-30}

case $VMTRACE in
*/*)
	[ -x "$VMTRACE" ] || { echo "cli: $VMTRACE: no such executable (run make vmtrace)" >&2; exit 2; }
	VMTRACE=$(cd "$(dirname "$VMTRACE")" && pwd)/$(basename "$VMTRACE")
	;;
esac
version=${VMTRACE_VERSION:-$(sed -n 's/^VERSION *= *//p' Makefile 2>/dev/null | sed 1q)}
timeout_cmd=
if command -v timeout >/dev/null 2>&1; then
	timeout_cmd="timeout $CLI_TIMEOUT"
fi
cr=$(printf '\r')
diff_a=
if diff -a /dev/null /dev/null >/dev/null 2>&1; then
	diff_a=-a # show binary junk too, rather than "Binary files differ"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmtrace-cli.XXXXXX")
if [ -n "${CLI_KEEP:-}" ]; then
	echo "cli: keeping $tmp" >&2
else
	trap 'rm -rf "$tmp"' EXIT
fi
trap 'exit 130' INT
trap 'exit 143' TERM

if [ $# -eq 0 ]; then
	set -- tests/cli/*.t
fi
for t in "$@"; do
	[ -f "$t" ] || { echo "cli: $t: no such file" >&2; exit 2; }
done

# Every case gets a directory $tmp/w/NNNN, made up front in one go so that
# the parser can write the case's files straight into it.
mkdir "$tmp/c" "$tmp/w"
ncases=$(cat "$@" | grep -c '^%%TEST' || :)
[ "$ncases" -gt 0 ] || { echo "cli: no %%TEST in $*" >&2; exit 2; }
(
	cd "$tmp/w"
	i=0
	while [ "$i" -lt "$ncases" ]; do
		i=$((i + 1))
		printf '%04d\n' "$i"
	done | xargs mkdir
)

# Split the .t files: per case NNNN, $tmp/c/NNNN.name, .args, .exit, and
# .setup / .checks listing "kind mode file arg", one file per block.
awk -v dir="$tmp/c" -v work="$tmp/w" -v version="$version" '
function fail(msg) {
	printf "cli: %s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	bad = 1
	exit 2
}
# Replacement text for gsub: & and \ are special there.
function lit(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/&/, "\\\\&", s)
	return s
}
function subst(s) {
	gsub(/@DIR@/, wdir_lit, s)
	gsub(/@VERSION@/, version_lit, s)
	return s
}
function close_block(   i, n, out, line) {
	if (blk == "")
		return
	n = nlines
	while (n > 0 && lines[n] == "")
		n--
	# A comment meant for the next case, written after a block, would
	# silently become part of it: refuse that (an empty line, then only
	# comment lines, at the end of a block).
	for (i = n; i > 1 && lines[i] ~ /^#/; i--)
		;
	if (i < n && i > 1 && lines[i] == "")
		fail("block of line " blkline " ends in comments after an empty line: " \
		     "close the block with %%END before them (or use -ESC)")
	out = blkfile
	printf "" > out
	for (i = 1; i <= n; i++) {
		line = expect ? subst(lines[i]) : lines[i]
		if (blkmode == "esc")
			printf "%s", line > out
		else if (blkmode == "crlf")
			printf "%s\r\n", line > out
		else
			printf "%s\n", line > out
	}
	close(out)
	blk = ""
}
function finish_case() {
	if (id != "" && !hasargs)
		fail("case \"" casename "\" has no %%ARGS")
}
function one(kind, text,   f) {
	f = dir "/" id "." kind
	printf "%s\n", text > f
	close(f)
}
function add(list, kind, mode, file, arg,   f) {
	f = dir "/" id "." list
	printf "%s %s %s %s\n", kind, mode, file, arg >> f
	close(f)
}
BEGIN {
	version_lit = lit(version)
}
FNR == 1 {
	close_block()
	finish_case()
	id = ""
}
/^%%/ {
	close_block()
	line = substr($0, 3)
	word = line
	sub(/[ \t].*/, "", word)
	rest = substr(line, length(word) + 1)
	sub(/^[ \t]/, "", rest)
	mode = "plain"
	base = word
	if (word ~ /-ESC$/) { mode = "esc"; base = substr(word, 1, length(word) - 4) }
	else if (word ~ /-CRLF$/) { mode = "crlf"; base = substr(word, 1, length(word) - 5) }
	else if (word ~ /-SH$/) { mode = "sh"; base = substr(word, 1, length(word) - 3) }
	if (word == "TEST") {
		finish_case()
		ncase++
		id = sprintf("%04d", ncase)
		wdir = work "/" id
		wdir_lit = lit(wdir)
		casename = rest
		hasargs = 0
		nblk = 0
		one("name", FILENAME ":" FNR ": " rest)
		next
	}
	if (word == "END")
		next
	if (id == "")
		fail("%%" word " before the first %%TEST")
	if (word == "ARGS") { hasargs = 1; one("args", subst(rest)); next }
	if (word == "EXIT") {
		if (rest !~ /^[0-9]+$/)
			fail("%%EXIT wants a number")
		one("exit", rest)
		next
	}
	if (word == "DIR" || word == "STDOUT-TO") {
		if (rest == "")
			fail("%%" word " wants an argument")
		add("setup", tolower(word), "plain", "-", rest)
		next
	}
	if (word == "STDOUT-CONTAINS" || word == "STDERR-CONTAINS" || word == "NOFILE") {
		if (rest == "")
			fail("%%" word " wants an argument")
		nblk++
		f = dir "/" id ".b" nblk
		printf "%s\n", (word == "NOFILE" ? rest : subst(rest)) > f
		close(f)
		add("checks", tolower(word), "plain", f, "-")
		next
	}
	if (base == "STDIN" || base == "FILE" || base == "STDOUT" || base == "STDERR" ||
	    base == "OUTFILE") {
		if ((base == "FILE" || base == "OUTFILE") && rest == "")
			fail("%%" word " wants a file name")
		if (base != "FILE" && base != "OUTFILE" && rest != "")
			fail("%%" word " takes no argument")
		nblk++
		blk = base
		blkmode = mode
		blkline = FNR
		expect = base == "STDOUT" || base == "STDERR" || base == "OUTFILE"
		nlines = 0
		blkfile = dir "/" id ".b" nblk
		if (base == "FILE" && (mode == "plain" || mode == "crlf") && rest !~ /\//) {
			# Plain files go straight where the command will look.
			blkfile = wdir "/" rest
		} else if (base == "STDIN" || base == "FILE") {
			add("setup", tolower(base), mode, blkfile, rest == "" ? "-" : rest)
		} else {
			add("checks", tolower(base), mode, blkfile, rest == "" ? "-" : rest)
		}
		next
	}
	fail("unknown directive %%" word)
}
{
	if (blk != "") {
		lines[++nlines] = $0
		next
	}
	if ($0 ~ /^#/ || $0 ~ /^[ \t]*$/)
		next
	fail("text outside a block (comments start with #)")
}
END {
	if (bad)
		exit 2
	close_block()
	finish_case()
}
' "$@" || exit 2

# The bytes of a block, in $bytes: -ESC blocks are one line of printf %b,
# -SH blocks a script whose output they are (run in the case's directory).
materialize() { # mode file
	bytes=$2
	case $1 in
	esc)
		_esc=
		IFS= read -r _esc <"$2" || :
		printf '%b' "$_esc" >"$2.bytes"
		bytes=$2.bytes
		;;
	sh)
		(cd "$work" && sh "$2") >"$2.bytes" || echo "cli: $name: the -SH block of $2 failed" >&2
		bytes=$2.bytes
		;;
	esac
}

# Two files' difference, with CRs made visible.
show_diff() { # expected actual
	sed "s/$cr/\\\\r/g" "$1" >"$tmp/diff.exp"
	sed "s/$cr/\\\\r/g" "$2" >"$tmp/diff.act"
	diff $diff_a -u "$tmp/diff.exp" "$tmp/diff.act" | sed -e '1s/.*/--- expected/' \
		-e '2s/.*/+++ actual/' -e 's/^/    /' || :
}

passed=0
failed=0
out=$tmp/out
err=$tmp/err
problems=$tmp/problems
for namefile in "$tmp"/c/*.name; do
	[ -e "$namefile" ] || continue
	c=${namefile%.name}
	id=${c##*/}
	IFS= read -r name <"$namefile"
	work=$tmp/w/$id
	stdin=
	stdout_to=
	: >"$problems"
	: >"$out"
	: >"$err"

	if [ -f "$c.setup" ]; then
		while read -r kind mode file arg; do
			case $kind in
			dir) mkdir -p "$work/$arg" ;;
			stdout-to) stdout_to=$arg ;;
			stdin) materialize "$mode" "$file"; stdin=$bytes ;;
			file)
				case $arg in */*) mkdir -p "$work/${arg%/*}" ;; esac
				materialize "$mode" "$file"
				cp "$bytes" "$work/$arg"
				;;
			esac
		done <"$c.setup"
	fi

	IFS= read -r args <"$c.args"
	eval "set -- $args"
	dest=$out
	if [ -n "$stdout_to" ]; then
		dest=$stdout_to
	fi
	# $timeout_cmd and $VALGRIND are split into words on purpose; stdin
	# goes through a real pipe (not a file) so streaming is what is tested.
	# shellcheck disable=SC2002,SC2086
	if [ -n "$stdin" ]; then
		if cat "$stdin" | (cd "$work" && exec $timeout_cmd $VALGRIND "$VMTRACE" "$@") >"$dest" 2>"$err"; then
			rc=0
		else
			rc=$?
		fi
	else
		if (cd "$work" && exec $timeout_cmd $VALGRIND "$VMTRACE" "$@") </dev/null >"$dest" 2>"$err"; then
			rc=0
		else
			rc=$?
		fi
	fi

	want_rc=0
	if [ -f "$c.exit" ]; then
		IFS= read -r want_rc <"$c.exit"
	fi
	if [ "$rc" != "$want_rc" ]; then
		echo "exit status $rc, expected $want_rc" >>"$problems"
		if [ -s "$err" ]; then
			echo "  stderr:" >>"$problems"
			sed 's/^/    | /' "$err" >>"$problems"
		fi
	fi

	checked_stdout=no
	if [ -n "$stdout_to" ]; then
		checked_stdout=yes
	fi
	if [ -f "$c.checks" ]; then
		while read -r kind mode file arg; do
			case $kind in
			stdout | stderr | outfile)
				case $kind in
				stdout) actual=$out; what="stdout"; checked_stdout=yes ;;
				stderr) actual=$err; what="stderr" ;;
				outfile) actual=$work/$arg; what=$arg ;;
				esac
				materialize "$mode" "$file"
				if [ ! -f "$actual" ]; then
					echo "$what: no such file after the run" >>"$problems"
				elif ! cmp -s "$bytes" "$actual"; then
					echo "$what differs:" >>"$problems"
					show_diff "$bytes" "$actual" >>"$problems"
				fi
				;;
			stdout-contains | stderr-contains)
				IFS= read -r s <"$file"
				if [ "$kind" = stdout-contains ]; then
					actual=$out
					checked_stdout=yes
				else
					actual=$err
				fi
				if ! grep -qF -e "$s" "$actual"; then
					echo "${kind%-contains} lacks '$s':" >>"$problems"
					sed 's/^/    | /' "$actual" >>"$problems"
				fi
				;;
			nofile)
				IFS= read -r pat <"$file"
				for f in "$work"/$pat; do
					if [ -e "$f" ]; then
						echo "${f#"$work"/} exists after the run" >>"$problems"
					fi
				done
				;;
			esac
		done <"$c.checks"
	fi
	if [ "$checked_stdout" = no ] && [ -s "$out" ]; then
		echo "unexpected stdout:" >>"$problems"
		sed 's/^/    | /' "$out" >>"$problems"
	fi

	if [ -s "$problems" ]; then
		failed=$((failed + 1))
		IFS= read -r first <"$problems"
		echo "FAIL $name: $first"
		sed -e 1d -e 's/^/  /' "$problems"
	else
		passed=$((passed + 1))
	fi
done

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
