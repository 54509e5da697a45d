# belady.t - `vmtrace belady`: the search for Belady's anomaly and the check
# of a given string.  Every fault count below was checked apart from the
# search: the given strings by hand from DESIGN.md's rules, the strings a
# search reports with `vmtrace replay -p lfu -n 2,3` on each of them (a
# different engine path: replay streams the trace), and the top one by hand.
# CSV is RFC 4180, so its lines end in CR LF (%%STDOUT-CRLF).

%%TEST given string: FIFO on Belady's string, 9 faults at 3 frames, 10 at 4
# By hand: 1 frame faults on every reference (no page repeats the one before
# it); 2 frames too (each page comes back two faults after it left); 5
# frames hold all 5 pages, which fault once each.
%%ARGS belady --string 1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT
policy     fifo
string     1,2,3,4,1,2,5,1,2,3,4,5 (12 references, 5 pages)
frames      1  2  3  4  5
faults     12 12  9 10  5
anomalies  1

ratio   f  faults(f)  faults(f+1)
1.1111  3          9           10
%%STDERR

%%TEST given string: Clock, 6 faults at 3 frames, 7 at 4
# By hand (DESIGN.md's Clock): with 2 frames only references 7 (page 1) and
# 9 (page 0) hit: 8 faults.
%%ARGS belady -p clock --string 0,1,2,3,1,0,1,4,0,1
%%STDOUT
policy     clock
string     0,1,2,3,1,0,1,4,0,1 (10 references, 5 pages)
frames      1  2  3  4  5
faults     10  8  6  7  5
anomalies  1

ratio   f  faults(f)  faults(f+1)
1.1667  3          6            7

%%TEST given string: LFU, 6 faults at 2 frames, 7 at 3 (pages separated by spaces)
# By hand: 1 frame hits only the second 0: 9 faults.
%%ARGS belady -p lfu --string "0 0 1 2 1 2 3 0 3 0"
%%STDOUT
policy     lfu
string     0,0,1,2,1,2,3,0,3,0 (10 references, 4 pages)
frames     1 2 3 4
faults     9 6 7 4
anomalies  1

ratio   f  faults(f)  faults(f+1)
1.1667  2          6            7

%%TEST given string: only the frames asked for
%%ARGS belady --string 1,2,3,4,1,2,5,1,2,3,4,5 -n 1-2
%%STDOUT
policy     fifo
string     1,2,3,4,1,2,5,1,2,3,4,5 (12 references, 5 pages)
frames      1  2  3
faults     12 12  9
anomalies  none: faults never rise from 1 to 3 frames

%%TEST given string: LRU is refused, it is a stack algorithm
%%ARGS belady -p lru --string 1,2,3,4,1,2,5,1,2,3,4,5
%%EXIT 64
%%STDERR
vmtrace: --policy: lru is a stack algorithm: more frames never give it more faults, so it cannot show the anomaly (use fifo, clock or lfu)

%%TEST given string: CSV, one row per anomaly
%%ARGS belady --string 1,2,3,4,1,2,5,1,2,3,4,5 -O csv
%%STDOUT-CRLF
string,frames,faults,next_frames,next_faults,ratio
"1,2,3,4,1,2,5,1,2,3,4,5",3,9,4,10,1.111111111

%%TEST given string: JSON, with the fault curve
%%ARGS belady -p lfu --string 0,0,1,2,1,2,3,0,3,0 -O json
%%STDOUT
{
  "vmtrace": "@VERSION@",
  "command": "belady",
  "options": {
    "policy": "lfu",
    "string": "0,0,1,2,1,2,3,0,3,0",
    "frames": {
      "from": 1,
      "to": 3
    },
    "show": 10
  },
  "tried": 1,
  "anomalous": 1,
  "max_ratio": {
    "string": "0,0,1,2,1,2,3,0,3,0",
    "frames": 2,
    "faults": 6,
    "next_frames": 3,
    "next_faults": 7,
    "ratio": 1.166666667
  },
  "found": [
    {
      "string": "0,0,1,2,1,2,3,0,3,0",
      "frames": 2,
      "faults": 6,
      "next_frames": 3,
      "next_faults": 7,
      "ratio": 1.166666667
    }
  ],
  "curve": [
    {
      "frames": 1,
      "faults": 9
    },
    {
      "frames": 2,
      "faults": 6
    },
    {
      "frames": 3,
      "faults": 7
    },
    {
      "frames": 4,
      "faults": 4
    }
  ]
}

%%TEST search: a small LFU search, text
# 8 of 30000 strings rise somewhere; the best 3 by ratio, ties in the order
# found.  Top one by hand (LFU, ties to the page loaded earliest):
# 0,0,3,4,3,4,1,0,1,2,0,2 with 2 frames keeps 0 (count 2, then more) and
# faults on 0,3,4,3,4,1,2: 7; with 3 frames 3 and 4 reach count 2 too, so
# 1 evicts 0 (loaded first) and 0,1,2,0,2 then fault in turn: 9.
%%ARGS belady -p lfu -l 12 -P 5 --tries 30000 --show 3
%%STDOUT
policy     lfu
search     30000 random strings of 12 references over pages 0..4, seed 1
frames     f against f+1, f = 1..4
anomalous  8 strings (1 in 3750)
max ratio  1.2857: 7 faults with 2 frames, 9 with 3, on 0,0,3,4,3,4,1,0,1,2,0,2

ratio   f  faults(f)  faults(f+1)  string
1.2857  2          7            9  0,0,3,4,3,4,1,0,1,2,0,2
1.1429  2          7            8  3,0,3,2,4,2,4,1,3,1,3,3
1.1250  2          8            9  0,0,1,3,1,3,2,0,2,4,0,2
(the best 3; --show K lists more)
%%STDERR

%%TEST search: the same, every string on the machine (--machine), same output
%%ARGS belady -p lfu -l 12 -P 5 --tries 30000 --show 3 --machine
%%STDOUT
policy     lfu
search     30000 random strings of 12 references over pages 0..4, seed 1
frames     f against f+1, f = 1..4
anomalous  8 strings (1 in 3750)
max ratio  1.2857: 7 faults with 2 frames, 9 with 3, on 0,0,3,4,3,4,1,0,1,2,0,2

ratio   f  faults(f)  faults(f+1)  string
1.2857  2          7            9  0,0,3,4,3,4,1,0,1,2,0,2
1.1429  2          7            8  3,0,3,2,4,2,4,1,3,1,3,3
1.1250  2          8            9  0,0,1,3,1,3,2,0,2,4,0,2
(the best 3; --show K lists more)

%%TEST search: the same, CSV, all 8
# Each row checked with `vmtrace replay -p lfu -n 2,3`.
%%ARGS belady -p lfu -l 12 -P 5 --tries 30000 --show 100 -O csv
%%STDOUT-CRLF
string,frames,faults,next_frames,next_faults,ratio
"0,0,3,4,3,4,1,0,1,2,0,2",2,7,3,9,1.285714286
"3,0,3,2,4,2,4,1,3,1,3,3",2,7,3,8,1.142857143
"0,0,1,3,1,3,2,0,2,4,0,2",2,8,3,9,1.125
"1,1,0,4,3,4,3,2,1,0,1,0",2,8,3,9,1.125
"0,3,1,3,2,1,2,4,3,4,0,3",2,8,3,9,1.125
"4,3,4,2,3,2,1,4,1,0,4,1",2,8,3,9,1.125
"3,0,4,3,0,1,2,4,2,4,2,1",2,9,3,10,1.111111111
"1,3,2,1,4,2,3,0,4,0,4,0",2,9,3,10,1.111111111

%%TEST search: --show 0 keeps the summary and the maximum
%%ARGS belady -p lfu -l 12 -P 5 --tries 30000 --show 0
%%STDOUT
policy     lfu
search     30000 random strings of 12 references over pages 0..4, seed 1
frames     f against f+1, f = 1..4
anomalous  8 strings (1 in 3750)
max ratio  1.2857: 7 faults with 2 frames, 9 with 3, on 0,0,3,4,3,4,1,0,1,2,0,2

%%TEST search: nothing found
%%ARGS belady -l 12 -P 5 --tries 1000
%%STDOUT
policy     fifo
search     1000 random strings of 12 references over pages 0..4, seed 1
frames     f against f+1, f = 1..4
anomalous  none

%%TEST search: nothing found, JSON
%%ARGS belady -n 3 --tries 1000 --seed 5 --show 2 -O json
%%STDOUT
{
  "vmtrace": "@VERSION@",
  "command": "belady",
  "options": {
    "policy": "fifo",
    "length": 12,
    "pages": 5,
    "frames": {
      "from": 3,
      "to": 3
    },
    "tries": 1000,
    "seed": 5,
    "show": 2
  },
  "tried": 1000,
  "anomalous": 0,
  "max_ratio": null,
  "found": []
}

%%TEST search: -o FILE, format from the extension
%%ARGS belady -p lfu -l 12 -P 5 --tries 30000 --show 1 -o found.csv
%%OUTFILE-CRLF found.csv
string,frames,faults,next_frames,next_faults,ratio
"0,0,3,4,3,4,1,0,1,2,0,2",2,7,3,9,1.285714286
%%NOFILE found.csv.tmp*

%%TEST search: an output file that cannot be created leaves nothing behind
%%ARGS belady --tries 10 -o nodir/out.json
%%EXIT 73
%%STDERR
vmtrace: cannot create 'nodir/out.json': No such file or directory
%%NOFILE nodir*

%%TEST help
%%ARGS belady --help
%%STDOUT-CONTAINS usage: vmtrace belady [options]

%%TEST help through vmtrace help belady
%%ARGS help belady
%%STDOUT-CONTAINS --string LIST

# --- bad options: exit 64, one line on stderr, nothing on stdout ----------
%%END

%%TEST bad option: OPT is a stack algorithm
%%ARGS belady -p opt
%%EXIT 64
%%STDERR
vmtrace: --policy: opt is a stack algorithm: more frames never give it more faults, so it cannot show the anomaly (use fifo, clock or lfu)

%%TEST bad option: WS is variable allocation
%%ARGS belady --policy ws
%%EXIT 64
%%STDERR
vmtrace: --policy: ws is variable allocation (sized by a window, not a frame count) and a stack algorithm: it cannot show the anomaly (use fifo, clock or lfu)

%%TEST bad option: unknown policy
%%ARGS belady -p fifo,clock
%%EXIT 64
%%STDERR
vmtrace: --policy: unknown policy 'fifo,clock' (fifo, clock or lfu)

%%TEST bad option: frames beyond the pages
%%ARGS belady -P 5 -n 3-5
%%EXIT 64
%%STDERR
vmtrace: --frames: HI is at most 4 with 5 pages (3-5 given): from 5 frames on, every page fits and nothing is evicted

%%TEST bad option: an empty frame range
%%ARGS belady -n 4-2
%%EXIT 64
%%STDERR
vmtrace: --frames: 4-2 is empty (LO must not exceed HI)

%%TEST bad option: no frames
%%ARGS belady -n 0-2
%%EXIT 64
%%STDERR
vmtrace: --frames: 0 is out of range (1 to 1048575)

%%TEST bad option: a frame range that is not one
%%ARGS belady --frames 2..4
%%EXIT 64
%%STDERR
vmtrace: --frames: '2..4' is not a frame count or a range LO-HI

%%TEST bad option: a length of one
%%ARGS belady -l 1
%%EXIT 64
%%STDERR
vmtrace: --length: 1 is out of range (2 to 10000)

%%TEST bad option: one page
%%ARGS belady --pages 1
%%EXIT 64
%%STDERR
vmtrace: --pages: 1 is out of range (2 to 4096)

%%TEST bad option: no tries
%%ARGS belady --tries 0
%%EXIT 64
%%STDERR
vmtrace: --tries: 0 is out of range (1 to 1000000000000)

%%TEST bad option: a negative seed
%%ARGS belady --seed -1
%%EXIT 64
%%STDERR
vmtrace: --seed: '-1' is not a whole number

%%TEST bad option: a seed beyond JSON's integers
%%ARGS belady --seed 9223372036854775808
%%EXIT 64
%%STDERR
vmtrace: --seed: 9223372036854775808 is out of range (0 to 9223372036854775807)

%%TEST bad option: --show too large
%%ARGS belady --show 100001
%%EXIT 64
%%STDERR
vmtrace: --show: 100001 is out of range (0 to 100000)

%%TEST bad option: a string with a word in it
%%ARGS belady --string 1,2,three
%%EXIT 64
%%STDERR
vmtrace: --string: 'three' is not a page number

%%TEST bad option: a string of one page
%%ARGS belady --string 7,7,7
%%EXIT 64
%%STDERR
vmtrace: --string: a string needs at least 2 distinct pages to show the anomaly

%%TEST bad option: a string's frames beyond its pages
%%ARGS belady --string 1,2,3,1,2,3 -n 3
%%EXIT 64
%%STDERR
vmtrace: --frames: HI is at most 2 with 3 distinct pages (3-3 given): from 3 frames on, every page fits and nothing is evicted

%%TEST bad option: search options with --string
%%ARGS belady --string 1,2,3 --tries 5
%%EXIT 64
%%STDERR
vmtrace: belady: --tries is for searching; --string checks one given string

%%TEST bad option: a trace argument
%%ARGS belady traces/belady.seq
%%EXIT 64
%%STDERR
vmtrace: belady: unexpected argument 'traces/belady.seq' (belady reads no trace; --string checks a given string)

%%TEST bad option: unknown output format
%%ARGS belady -O xml
%%EXIT 64
%%STDERR
vmtrace: --output-format: unknown format 'xml' (text, json, csv)

%%TEST bad option: unknown option
%%ARGS belady --frams 3
%%EXIT 64
%%STDERR
vmtrace: belady: unknown option '--frams' (see vmtrace belady --help)

%%TEST bad option: a value for a flag
%%ARGS belady --machine=yes
%%EXIT 64
%%STDERR
vmtrace: belady: option '--machine' takes no value

%%TEST bad option: a missing value
%%ARGS belady --tries 1000 --seed
%%EXIT 64
%%STDERR
vmtrace: belady: option '--seed' needs a value
