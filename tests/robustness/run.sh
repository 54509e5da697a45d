#!/bin/sh
# tests/robustness/run.sh - hostile input and hostile surroundings.
#
# Binary garbage, NUL bytes, a line of a megabyte, unwritable outputs, a
# reader that closes the pipe early, a signal in the middle of writing:
# each must give a clear message and the documented exit code, never a
# crash, and never leave a partial output file.  With SLOW=1 (make
# check-slow) it also streams a generated 5 GB lackey trace through a pipe
# and checks that memory stays flat.
set -eu
LC_ALL=C
export LC_ALL
VMTRACE=${VMTRACE:-./vmtrace}
case $VMTRACE in /*) ;; *) VMTRACE=$(pwd)/$VMTRACE ;; esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL robustness: $*"; }

# expect NAME STATUS STDERR-SUBSTRING CMD...: run CMD in $tmp/w.
expect() {
	name=$1 want=$2 msg=$3
	shift 3
	status=0
	(cd "$tmp/w" && "$@") >"$tmp/out" 2>"$tmp/err" || status=$?
	if [ "$status" -ne "$want" ]; then
		bad "$name: exit $status, expected $want"; sed 's/^/      /' "$tmp/err" | head -5
	elif [ -n "$msg" ] && ! grep -qF -- "$msg" "$tmp/err"; then
		bad "$name: stderr lacks '$msg'"; sed 's/^/      /' "$tmp/err" | head -5
	elif ls "$tmp/w" | grep -q '\.tmp\.'; then
		bad "$name: a temporary file was left behind"
	else
		ok
	fi
}

mkdir "$tmp/w"
cd "$tmp/w"
# Deterministic "random" bytes: an LCG in awk, all 256 byte values.
awk 'BEGIN { x = 12345; for (i = 0; i < 65536; i++) { x = (x * 1103515245 + 12345) % 2147483648; printf "%c", int(x / 65536) % 256 } }' >binary
head -c 4096 /dev/zero >zeros
awk 'BEGIN { while (n++ < 1100000) printf "7"; print "" }' >longtoken.seq
{ echo "1,2,3"; awk 'BEGIN { while (n++ < 1100000) printf "x"; print "" }'; echo " L 00001000,4"; } >longline.lk
{ echo "I  00001000,4"; awk 'BEGIN { while (n++ < 1100000) printf "x"; print "" }'; echo " L 00002000,4"; } >longline2.lk
printf '1,2,3,4,1,2,5,1,2,3,4,5\n' >b.seq
cd - >/dev/null

expect "binary garbage" 65 "vmtrace: binary" "$VMTRACE" replay -p lru -n 4 binary
expect "binary garbage as lackey" 65 "vmtrace: binary" "$VMTRACE" replay -p lru -n 4 -t lackey binary
expect "binary garbage as seq" 65 "binary:1:" "$VMTRACE" replay -p lru -n 4 -t seq binary
expect "NUL bytes" 65 "zeros" "$VMTRACE" replay -p lru -n 4 zeros
expect "NUL bytes as seq" 65 "zeros:1: NUL byte" "$VMTRACE" replay -p lru -n 4 -t seq zeros
expect "a token of a megabyte" 65 "longtoken.seq:1: token too long" "$VMTRACE" replay -p lru -n 4 longtoken.seq
expect "a stray line of a megabyte is skipped" 0 "skipped 1 line" "$VMTRACE" replay -p lru -n 4 longline2.lk
expect "binary garbage, -o: no file" 65 "" "$VMTRACE" replay -p lru -n 4 -o out.json binary
[ ! -e "$tmp/w/out.json" ] && ok || bad "binary garbage left out.json"
expect "output where nothing can be created" 73 "cannot create '/proc/vmtrace-out.json'" "$VMTRACE" replay -p lru -n 3 -o /proc/vmtrace-out.json b.seq
expect "output in a missing directory" 73 "cannot create 'nodir/x.csv'" "$VMTRACE" sweep -p lru -n 1-3 -o nodir/x.csv b.seq
expect "output to a full disk" 74 "error writing" "$VMTRACE" replay -p lru -n 3 -o /dev/full b.seq
expect "output to /dev/null is written in place" 0 "" "$VMTRACE" replay -p lru -n 3 -o /dev/null b.seq
[ -c /dev/null ] && ok || bad "-o /dev/null replaced /dev/null"
expect "a directory as the trace" 66 "is a directory" "$VMTRACE" replay -p lru -n 3 .
expect "negative frames" 64 "not a whole number" "$VMTRACE" replay -p lru -n -3 b.seq
expect "frames beyond 2^20" 64 "out of range" "$VMTRACE" replay -p lru -n 2000000 b.seq

# A trace cut in the middle of a record (a copy truncated while written):
# the complete records replay, the stump is reported as a stray line.
head -c 70000 "$here/../../traces/listwalk.lackey" >"$tmp/w/cut.lk"
expect "a lackey trace cut mid-record" 0 "skipped 1 line that is not a trace record" \
	"$VMTRACE" replay -p lru -n 8 cut.lk

# Standard input that is a terminal gets a hint instead of a silent wait.
if command -v script >/dev/null 2>&1; then
	( cd "$tmp/w" && timeout 10 script -qc "$VMTRACE stats -" /dev/null </dev/null ) \
		| tr -d '\r' >"$tmp/tty" 2>&1 || :
	grep -q "reading the trace from the terminal; end it with Ctrl-D" "$tmp/tty" && ok ||
		bad "terminal stdin: no hint ($(head -c 200 "$tmp/tty"))"
fi

# A reader that stops early: no "Broken pipe" noise; killed by SIGPIPE
# (141 in the shell) or a clean exit are both what a pipeline expects.
awk 'BEGIN { for (i = 0; i < 300000; i++) printf "%d\n", (i * 7919) % 5000 }' >"$tmp/w/big.seq"
( st=0; "$VMTRACE" sweep -p lru,opt -n all -O csv "$tmp/w/big.seq" 2>"$tmp/err" || st=$?
  echo "$st" >"$tmp/st" ) | head -1 >/dev/null
status=$(cat "$tmp/st")
if [ -s "$tmp/err" ]; then
	bad "| head -1: stderr: $(head -c 200 "$tmp/err")"
elif [ "$status" -ne 0 ] && [ "$status" -ne 141 ]; then
	bad "| head -1: exit $status"
else
	ok
fi

# A signal while the chart is drawn: the temporary image must go.  The
# fake gnuplot sleeps, so the temporary file exists when SIGINT arrives.
cat >"$tmp/slowplot" <<'SH'
#!/bin/sh
cat >/dev/null
sleep 30
SH
chmod +x "$tmp/slowplot"
"$VMTRACE" sweep -p fifo -n 1-5 -O json -o "$tmp/w/s.json" "$tmp/w/b.seq"
VMTRACE_GNUPLOT=$tmp/slowplot "$VMTRACE" plot "$tmp/w/s.json" -o "$tmp/w/chart.png" 2>/dev/null &
pid=$!
i=0
while [ $i -lt 50 ] && ! ls "$tmp/w" | grep -q 'chart.png.tmp'; do sleep 0.1; i=$((i + 1)); done
if ! ls "$tmp/w" | grep -q 'chart.png.tmp'; then
	bad "SIGINT: the temporary chart never appeared"
	kill "$pid" 2>/dev/null || :
else
	kill -INT "$pid"
	wait "$pid" 2>/dev/null || :
	pkill -f "$tmp/slowplot" 2>/dev/null || :
	if ls "$tmp/w" | grep -q 'chart.png'; then
		bad "SIGINT: $(ls "$tmp/w" | grep chart) left behind"
	else
		ok
	fi
fi

if [ "${SLOW:-0}" = 1 ]; then
	# 5 GB of lackey text through a pipe: the reader streams, RSS stays flat.
	cc -std=c11 -O2 -o "$tmp/gen" "$here/../bench/gen.c"
	cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -o "$tmp/timeit" "$here/../bench/timeit.c"
	"$tmp/gen" lackey 5000 7 | "$tmp/timeit" "$VMTRACE" replay -p lru,fifo,clock -n 1024 -O csv - \
		>"$tmp/big.csv" 2>"$tmp/time" || { bad "5 GB replay failed"; cat "$tmp/time"; }
	line=$(tail -n 1 "$tmp/time")
	secs=${line% *}
	rss=${line#* }
	echo "robustness: 5 GB lackey trace through a pipe: ${secs} s, peak RSS $((rss / 1024)) MiB"
	# 64 MiB plus what the policies hold per distinct page (a few MiB here).
	[ "$rss" -le $((64 * 1024)) ] && ok || bad "5 GB replay: peak RSS $rss KiB > 64 MiB"
fi

echo "robustness: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
