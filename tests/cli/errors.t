# errors.t - every error: its exit status (sysexits.h: 64 usage, 65 bad
# input, 66 input missing, 73 output cannot be created, 74 I/O error) and its
# exact message: one line on stderr, "vmtrace: ", the file and line when the
# input is at fault.  Nothing on stdout.

%%TEST malformed seq token: file and line
%%ARGS replay -p fifo -n 3 bad.seq
%%FILE bad.seq
1 2
3 x3 4
%%EXIT 65
%%STDERR
vmtrace: bad.seq:2: not a page number: 'x3'

%%TEST malformed seq token: a wrong write marker
%%ARGS replay -p fifo -n 3 bad.seq
%%FILE bad.seq
1 3x
%%EXIT 65
%%STDERR
vmtrace: bad.seq:1: not a page number (a write is written 3w): '3x'

%%TEST malformed seq token on stdin, with OPT spooling
%%ARGS replay -p opt -n 3 -
%%STDIN
1 2
4 x
%%EXIT 65
%%STDERR
vmtrace: <stdin>:2: not a page number: 'x'

%%TEST page number beyond 64 bits (decimal)
# 18446744073709551616 = 2^64.
%%ARGS replay -p fifo -n 3 big.seq
%%FILE big.seq
1
2
18446744073709551616
%%EXIT 65
%%STDERR
vmtrace: big.seq:3: page number beyond 64 bits: '18446744073709551616'

%%TEST page number beyond 64 bits (hex)
%%ARGS stats big.seq
%%FILE big.seq
0x1 0x10000000000000000
%%EXIT 65
%%STDERR
vmtrace: big.seq:1: page number beyond 64 bits: '0x10000000000000000'

%%TEST empty file
%%ARGS replay -p fifo -n 3 empty.seq
%%FILE empty.seq
%%EXIT 65
%%STDERR
vmtrace: empty.seq: empty trace

%%TEST empty stdin
%%ARGS stats -
%%STDIN
%%EXIT 65
%%STDERR
vmtrace: <stdin>: empty trace

%%TEST a file of comments only is not a trace
%%ARGS stats c.seq
%%FILE c.seq
# nothing here

%%EXIT 65
%%STDERR
vmtrace: c.seq: not a trace: neither lackey records nor page numbers

%%TEST valgrind lines without a single record
# DESIGN.md: a file with no trace record at all is an error.
%%ARGS stats vg.lk
%%FILE vg.lk
==12== Lackey, an example Valgrind tool
==12== 
%%EXIT 65
%%STDERR
vmtrace: vg.lk: no lackey records in the trace

%%TEST lackey: access size 0
%%ARGS stats z.lk
%%FILE z.lk
 L 00001000,4
 S 00001000,0
%%EXIT 65
%%STDERR
vmtrace: z.lk:2: access size 0: ' S 00001000,0'

%%TEST lackey: missing access size
%%ARGS stats z.lk
%%FILE z.lk
 L 00001000,4
 S 00001000,
%%EXIT 65
%%STDERR
vmtrace: z.lk:2: bad access size: ' S 00001000,'

%%TEST lackey: junk after the size
%%ARGS stats z.lk
%%FILE z.lk
 L 00001000,4
 S 00001000,4x
%%EXIT 65
%%STDERR
vmtrace: z.lk:2: bad access size: ' S 00001000,4x'

%%TEST lackey: address beyond 64 bits
%%ARGS stats z.lk
%%FILE z.lk
 L 00001000,4
 S 123456789abcdef01,4
%%EXIT 65
%%STDERR
vmtrace: z.lk:2: address beyond 64 bits: ' S 123456789abcdef01,4'

%%TEST lackey: access runs past the end of the address space
%%ARGS stats z.lk
%%FILE z.lk
 L 00001000,4
 S ffffffffffffffff,2
%%EXIT 65
%%STDERR
vmtrace: z.lk:2: access runs past the end of the 64-bit address space: ' S ffffffffffffffff,2'

%%TEST lackey: --format seq on a lackey file
%%ARGS stats -t seq h.lk
%%FILE h.lk
I  00108000,4
%%EXIT 65
%%STDERR
vmtrace: h.lk:1: not a page number: 'I'

%%TEST missing file
%%ARGS replay -p fifo -n 3 nosuch.seq
%%EXIT 66
%%STDERR
vmtrace: cannot open 'nosuch.seq': No such file or directory

%%TEST directory as trace
%%ARGS stats d
%%DIR d
%%EXIT 66
%%STDERR
vmtrace: 'd' is a directory, not a trace

%%TEST unknown policy
%%ARGS replay -p fifo,foo -n 3 t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: unknown policy 'foo' (see 'vmtrace policies')

%%TEST empty policy list
%%ARGS replay -p '' -n 3 t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --policy: empty name in ''

%%TEST -n 0
%%ARGS replay -p fifo -n 0 t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --frames: 0 is out of range (1 to 1048576)

%%TEST -n -3
%%ARGS replay -p fifo -n -3 t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --frames: '-3' is not a whole number

%%TEST -n beyond the 20-bit frame number of a PTE
%%ARGS replay -p fifo -n 4,1048577 t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --frames: 1048577 is out of range (1 to 1048576)

%%TEST -n with an empty item
%%ARGS replay -p fifo -n 3,,4 t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --frames: '3,,4' is not a comma-separated list of numbers

%%TEST missing -n
%%ARGS replay -p fifo,ws t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: replay: policy fifo needs a frame count: -n N

%%TEST missing -n with the default policy list
%%ARGS replay t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: replay: policy opt needs a frame count: -n N

%%TEST --tau 0
%%ARGS replay -p ws --tau 0 t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --tau: 0 is out of range (1 to 268435456)

%%TEST unknown long option
%%ARGS replay -p fifo -n 3 --bogus t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: replay: unknown option '--bogus' (see vmtrace replay --help)

%%TEST unknown short option
%%ARGS replay -p fifo -n 3 -x t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: replay: unknown option '-x' (see vmtrace replay --help)

%%TEST an option of replay is unknown to stats
%%ARGS stats --frames 3 t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: stats: unknown option '--frames' (see vmtrace stats --help)

%%TEST missing value of a short option
# The option exists; the message must not call it unknown.
%%ARGS replay -p fifo t.seq -n
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: replay: option '-n' needs a value

%%TEST missing value of a long option
%%ARGS replay -p fifo t.seq --frames
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: replay: option '--frames' needs a value

%%TEST missing value of a long-only option
%%ARGS replay -p ws t.seq --tau
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: replay: option '--tau' needs a value

%%TEST missing value of a long-only option of stats
%%ARGS stats t.seq --page-size
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: stats: option '--page-size' needs a value

%%TEST a value given to an option that takes none
%%ARGS replay -p fifo -n 3 --steps=yes t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR-CONTAINS vmtrace: replay: option '--steps

%%TEST bad --page-size: not a power of two
%%ARGS replay -p fifo -n 3 --page-size 3000 t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --page-size: 3000 is not a power of two from 1 KiB to 4 MiB

%%TEST bad --page-size: too small
%%ARGS stats --page-size 512 t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --page-size: 512 is not a power of two from 1 KiB to 4 MiB

%%TEST bad --page-size: too large
%%ARGS stats --page-size 8M t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --page-size: 8M is not a power of two from 1 KiB to 4 MiB

%%TEST bad --page-size: unknown unit
%%ARGS stats --page-size 4X t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --page-size: unknown unit in '4X' (use K, KiB, M or MiB)

%%TEST bad --page-size: not a number
%%ARGS stats --page-size abc t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --page-size: 'abc' is not a size (e.g. 4096, 4K, 4MiB)

%%TEST unknown output format
%%ARGS replay -p fifo -n 3 -O xml t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --output-format: unknown format 'xml' (text, json, csv)

%%TEST unknown trace format
%%ARGS stats -t foo t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --format: unknown trace format 'foo' (auto, seq, lackey, events)

%%TEST two traces
%%ARGS replay -p fifo -n 3 t.seq t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: replay: one trace at a time ('t.seq' is extra)

%%TEST no trace
%%ARGS replay -p fifo -n 3
%%EXIT 64
%%STDERR-CONTAINS vmtrace: replay: no trace given (a file, or - for stdin)

%%TEST no command
%%ARGS
%%EXIT 64
%%STDERR-CONTAINS usage: vmtrace COMMAND [options] TRACE

%%TEST unknown command
%%ARGS frobnicate t.seq
%%EXIT 64
%%STDERR-CONTAINS vmtrace: unknown command 'frobnicate'

%%TEST output into a missing directory: 73, nothing created
%%ARGS replay -p fifo -n 3 -o nodir/out.json t.seq
%%FILE t.seq
1 2 3
%%EXIT 73
%%STDERR
vmtrace: cannot create 'nodir/out.json': No such file or directory
%%NOFILE nodir*

%%TEST output onto a directory: 73, no temporary file left
%%ARGS replay -p fifo -n 3 -o out.json t.seq
%%FILE t.seq
1 2 3
%%DIR out.json
%%EXIT 73
%%STDERR
vmtrace: cannot create 'out.json': Is a directory
%%NOFILE out.json.*

%%TEST a failing run leaves no output file
%%ARGS replay -p fifo -n 3 -o out.json bad.seq
%%FILE bad.seq
1 2 3
4 5 x
%%EXIT 65
%%STDERR
vmtrace: bad.seq:2: not a page number: 'x'
%%NOFILE out.json*

%%TEST a failing run leaves no output file (csv, stdin, OPT)
%%ARGS replay -p opt,lru -n 3 -o out.csv -
%%STDIN
1 2 3 0x
%%EXIT 65
%%STDERR
vmtrace: <stdin>:1: not a page number (a write is written 3w): '0x'
%%NOFILE out.csv*

%%TEST a failing run leaves an existing output file as it was
%%ARGS stats -o out.json big.seq
%%FILE big.seq
1 99999999999999999999
%%FILE out.json
old contents
%%EXIT 65
%%STDERR
vmtrace: big.seq:1: page number beyond 64 bits: '99999999999999999999'
%%OUTFILE out.json
old contents
%%NOFILE out.json.*

%%TEST a failing lackey run leaves no output file
%%ARGS stats --strict -o stats.csv s.lk
%%FILE s.lk
 L 00001000,4
total 9624
%%EXIT 65
%%STDERR
vmtrace: s.lk:2: not a lackey record: 'total 9624' (--strict)
%%NOFILE stats.csv*

%%TEST --steps on a trace over 100 references: 64, no output file
%%ARGS replay -p fifo -n 3 --steps -o steps.csv -
%%STDIN
1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57
58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 81 82 83 84
85 86 87 88 89 90 91 92 93 94 95 96 97 98 99 100 101
%%EXIT 64
%%STDERR
vmtrace: --steps shows at most 100 references; <stdin> has 101
%%NOFILE steps.csv*

%%TEST a full disk on stdout is an I/O error
%%ARGS replay -p fifo -n 3 t.seq
%%FILE t.seq
1 2 3
%%STDOUT-TO /dev/full
%%EXIT 74
%%STDERR
vmtrace: error writing standard output: No space left on device

%%TEST policy parameters: a policy without any
%%ARGS replay -p lru:k=2 -n 3 t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --policy: lru takes no parameters

%%TEST policy parameters: key=val after no name:
%%ARGS replay -p lru,k=2 -n 3 t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --policy: 'k=2' follows no 'name:' (write -p name:key=val,key=val)

%%TEST policy parameters: not for all
%%ARGS replay -p all:k=2 -n 3 t.seq
%%FILE t.seq
1 2 3
%%EXIT 64
%%STDERR
vmtrace: --policy: 'all' takes no parameters

%%TEST policy parameters: the same policy twice runs once
%%ARGS replay -p lru,fifo,lru -n 3 -O csv t.seq
%%FILE t.seq
1 2 3 1
%%STDOUT-CONTAINS fifo,3,
