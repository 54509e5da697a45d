#!/bin/sh
# embed-templates.sh - compile gnuplot templates into C string constants.
#
# Usage:  sh scripts/embed-templates.sh OUT.c plots/a.gp plots/b.gp ...
#
# Each plots/NAME.gp becomes
#     const char plot_tpl_NAME[] = "line 1\n" "line 2\n" ...;
# (NAME with every character other than a letter or digit turned into '_'),
# so the binary needs no files at run time; src/plot.c declares the ones it
# uses, and a template that is missing fails the link.  A template's opening
# comment block is left out: it documents the template, not the chart.  Plain POSIX sh and
# awk, byte by byte (LC_ALL=C), since xxd is not always installed.  The
# output is written to a temporary file and renamed, so an interrupted
# build never leaves half a source file behind.
set -eu
LC_ALL=C
export LC_ALL

[ $# -ge 2 ] || { echo "usage: sh $0 OUT.c TEMPLATE.gp..." >&2; exit 64; }
out=$1
shift
tmp=$out.tmp.$$
trap 'rm -f "$tmp"' EXIT

awk '
BEGIN {
	print "/* Generated from plots/NAME.gp by scripts/embed-templates.sh; do not edit."
	print " * make regenerates it when a template changes; make clean removes it. */"
}
function flush() {
	if (name != "")
		printf "%s;\n", (nlines ? "" : "\t\"\"")
}
# A C string literal body for one line: backslash, quote and question mark
# (trigraphs are on in -std=c11) escaped, and tab and CR written as \t, \r.
function cstr(s,   i, c, r) {
	r = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\")
			r = r "\\\\"
		else if (c == "\"")
			r = r "\\\""
		else if (c == "?")
			r = r "\\?"
		else if (c == "\t")
			r = r "\\t"
		else if (c == "\r")
			r = r "\\r"
		else
			r = r c
	}
	return r
}
FNR == 1 {
	flush()
	name = FILENAME
	sub(/.*\//, "", name)
	sub(/\.gp$/, "", name)
	gsub(/[^A-Za-z0-9]/, "_", name)
	printf "\n/* %s */\nconst char plot_tpl_%s[] =\n", FILENAME, name
	head = 1
	nlines = 0
}
# The opening comment block (and the empty line after it) explains the
# template to its reader; the scripts vmtrace writes do not repeat it.
head && /^#/ {
	next
}
head && /^$/ {
	head = 0
	next
}
{
	head = 0
	nlines++
	printf "\t\"%s\\n\"\n", cstr($0)
}
END {
	flush()
}
' "$@" >"$tmp"
mv "$tmp" "$out"
trap - EXIT
