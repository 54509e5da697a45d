#!/bin/sh
# Install the Debian packages vmtrace needs to build and test, if missing.
# As root with apt-get: installs them.  Otherwise: prints the command to run
# and fails, so `make check` never half-works on a machine without them.
set -eu

PACKAGES="gcc make pkg-config libjansson-dev libcriterion-dev zlib1g-dev libzstd-dev gnuplot-nox mandoc valgrind gzip zstd parallel"

if ! command -v dpkg-query >/dev/null 2>&1; then
	# Not Debian: trust pkg-config to tell whether the libraries are there.
	if pkg-config --exists jansson criterion zlib libzstd 2>/dev/null; then
		exit 0
	fi
	echo "deps: jansson and criterion development files not found by pkg-config;" >&2
	echo "deps: install them with your system's package manager" >&2
	exit 1
fi

missing=""
for p in $PACKAGES; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
	echo "deps: done"
else
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run:  sudo apt-get install$missing" >&2
	exit 1
fi
