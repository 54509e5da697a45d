#!/bin/bash
# tests/completion.sh - the bash completion of scripts/completion.bash.
#
# Sources the script and calls its completion function as bash would, with
# COMP_WORDS and COMP_CWORD set, against ./vmtrace (or $VMTRACE), and checks
# the candidates.  Needs bash, nothing from the bash-completion package.
set -u
LC_ALL=C
export LC_ALL
VMTRACE=${VMTRACE:-./vmtrace}
# shellcheck source=../scripts/completion.bash
. scripts/completion.bash
pass=0
fail=0

# check "WANTED CANDIDATES" WORD...: complete the last word of the line.
check() {
	local want=$1 got
	shift
	COMP_WORDS=("$VMTRACE" "$@")
	COMP_CWORD=$#
	_vmtrace
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
	got=${got% }
	if [[ $got == "$want" ]]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL completion: vmtrace $*|: got '$got', expected '$want'"
	fi
}

check "merge merge-lackey" me
check "belady help merge merge-lackey plot policies record replay stats sweep thrash" ""
check "sweep" help sw
# Policy names come from `vmtrace policies` at completion time, so the
# expected lists do too (policies keep being added).
names_from() { # PREFIX [LEAD]: the policy names starting with PREFIX
	"$VMTRACE" policies | awk '/^[^ ]/ { print $1 }' | grep "^$1" | LC_ALL=C sort |
		sed "s/^/${2:-}/" | tr '\n' ' ' | sed 's/ $//'
}
check "$(names_from l)" replay -p l
check "$(names_from l fifo,)" replay -p fifo,l
check "$( (echo all; "$VMTRACE" policies | awk '/^a/ { print $1 }') | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')" sweep -p a
check "$(names_from c)" sweep --policy c
check "--plot --plot-script" sweep --pl
check "--multi" merge --m
check "--output" record --ou
check "traces/belady.seq" record -o t.lackey -- prog traces/bel
check "json" replay -O j
check "auto events lackey seq" stats -t ""
check "hdd" replay --device h
check "" replay -n ""
check "traces/belady.seq" replay -p fifo -n 3 traces/bel
check "--steps --strict --swap" replay --s
check "--numa --numa-balance --numa-distance" replay --nu
check "interleave:" replay --mempolicy i
check "all" sweep --huge a
check "" replay --numa ""
echo "completion: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
