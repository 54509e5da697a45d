# tests/lib.sh - the start every shell test shares.  Set test_name, then
# source it from the top of the source tree:
#     test_name=merge
#     . tests/lib.sh
# It gives: set -eu and the C locale; $VMTRACE, the binary under test
# (default ./vmtrace), as an absolute path; $top, the source tree; $tmp, a
# scratch directory removed at exit.
set -eu
LC_ALL=C
export LC_ALL
VMTRACE=${VMTRACE:-./vmtrace}
case $VMTRACE in
*/*) VMTRACE=$(cd "$(dirname "$VMTRACE")" && pwd)/$(basename "$VMTRACE") ;;
*) VMTRACE=$(command -v "$VMTRACE") ;;
esac
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmtrace-$test_name.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
