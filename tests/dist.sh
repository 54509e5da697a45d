#!/bin/sh
# tests/dist.sh - the release tarball is complete.
#
# make dist, then check that the tarball holds exactly the files git tracks
# under vmtrace-VERSION/, unpack it in a temporary directory away from the
# checkout, build there and replay a bundled trace.  DIST_FULL=1 (make
# check-dist) runs the whole `make check` in the unpacked tree instead:
# several minutes, so make check itself does the quick build only.
# Outside a git checkout (an unpacked tarball) there is nothing to pack:
# the test says so and passes.
set -eu
LC_ALL=C
export LC_ALL
MAKE=${MAKE:-make}
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	echo "dist: skipped (not a git checkout, so make dist has nothing to pack)"
	exit 0
fi
version=$(sed -n 's/^VERSION *= *//p' Makefile | sed 1q)
name=vmtrace-$version
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmtrace-dist.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

$MAKE -s dist >"$tmp/log" 2>&1 || { cat "$tmp/log"; echo "FAIL dist: make dist failed"; exit 1; }
mv "$name.tar.gz" "$tmp/"
tar -tzf "$tmp/$name.tar.gz" | grep -v '/$' | sort >"$tmp/listed"
git ls-files | sed "s,^,$name/," | sort >"$tmp/tracked"
if ! cmp -s "$tmp/tracked" "$tmp/listed"; then
	echo "FAIL dist: the tarball is not the tracked files:"
	diff -u "$tmp/tracked" "$tmp/listed" | sed 's/^/    /' | head -40
	exit 1
fi
tar -xzf "$tmp/$name.tar.gz" -C "$tmp"
cd "$tmp/$name"
if [ -n "${DIST_FULL:-}" ]; then
	$MAKE check || { echo "FAIL dist: make check failed in the unpacked tarball"; exit 1; }
	echo "dist: $name.tar.gz unpacks and passes make check"
	exit 0
fi
$MAKE -s vmtrace >"$tmp/log" 2>&1 || { cat "$tmp/log"; echo "FAIL dist: no build from the tarball"; exit 1; }
got=$(./vmtrace replay -p opt -n 3 -O csv traces/belady.seq | tr -d '\r' | sed -n 2p | cut -d, -f8)
[ "$got" = 7 ] || { echo "FAIL dist: the unpacked build gives OPT $got faults on belady.seq, not 7"; exit 1; }
echo "dist: $name.tar.gz holds the $(wc -l <"$tmp/tracked") tracked files and builds"
