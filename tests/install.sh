#!/bin/sh
# tests/install.sh - make install and make uninstall into a DESTDIR.
#
# Installs with PREFIX=/opt/vt under a temporary DESTDIR, checks that every
# file is where the man page and README say, runs the installed binary on
# an installed trace, then uninstalls and checks nothing of vmtrace is left.
set -eu
LC_ALL=C
export LC_ALL
MAKE=${MAKE:-make}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmtrace-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
dest=$tmp/stage
prefix=/opt/vt
fail=0
bad() {
	echo "FAIL install: $*"
	fail=1
}

$MAKE -s install DESTDIR="$dest" PREFIX="$prefix" >"$tmp/log" 2>&1 || {
	cat "$tmp/log"
	echo "FAIL install: make install failed"
	exit 1
}
root=$dest$prefix
for f in bin/vmtrace share/man/man1/vmtrace.1 share/bash-completion/completions/vmtrace \
	share/vmtrace/traces/belady.seq share/vmtrace/traces/colmajor.lackey \
	share/vmtrace/traces/README.md share/vmtrace/plots/faults.gp; do
	[ -f "$root/$f" ] || bad "$prefix/$f not installed"
done
[ -x "$root/bin/vmtrace" ] || bad "$prefix/bin/vmtrace is not executable"
# Every bundled trace and template, and nothing outside DESTDIR$PREFIX.
for f in traces/*.seq traces/*.lackey traces/*.events; do
	cmp -s "$f" "$root/share/vmtrace/$f" || bad "$f differs from its installed copy"
done
for f in plots/*.gp; do
	cmp -s "$f" "$root/share/vmtrace/$f" || bad "$f differs from its installed copy"
done
outside=$(cd "$dest" && find . -type f ! -path ".$prefix/*")
[ -z "$outside" ] || bad "files outside PREFIX: $outside"
# The installed binary works from anywhere on the installed traces.
got=$(cd / && "$root/bin/vmtrace" replay -p fifo -n 3,4 -O csv \
	"$root/share/vmtrace/traces/belady.seq" | tr -d '\r' | cut -d, -f1,2,8 | sed 1d | tr '\n' ' ')
[ "$got" = "fifo,3,9 fifo,4,10 " ] || bad "installed vmtrace replays belady.seq as '$got'"

$MAKE -s uninstall DESTDIR="$dest" PREFIX="$prefix" >"$tmp/log" 2>&1 || {
	cat "$tmp/log"
	bad "make uninstall failed"
}
left=$(cd "$dest" && find . -type f; find . -path '*vmtrace*')
[ -z "$left" ] || bad "left after uninstall: $left"
# Shared directories stay: other packages own them too.
[ -d "$root/bin" ] || bad "uninstall removed $prefix/bin"

if [ "$fail" -eq 0 ]; then
	echo "install: install and uninstall under DESTDIR ok"
fi
exit "$fail"
