# output.t - output formats and where they go: text tables, --steps tables
# (text, csv, json), -o FILE (format from .json/.csv), --version, policies.

%%TEST --steps: text tables for Belady's string, FIFO/LRU/OPT at 3 and 4
# Checked column by column by hand.  Frames fill 0, 1, 2, ...; a page
# loaded after an eviction takes its victim's frame.  OPT at 3 frames: t10
# and t11 tie (1 and 2, then 3 and 2, never used again) and evict the least
# recently used: 1 (used t8, 2 at t9), then 2 (t9, 3 at t10).  OPT at 4
# frames: t11 ties 1, 2, 3: 1, used longest ago.
%%ARGS replay -p fifo,lru,opt -n 3,4 --steps belady.seq
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT
trace      belady.seq (seq, 4.0 KiB pages)
references 12 (12 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
fifo            3           12            9    75.00            6            0
fifo            4           12           10    83.33            6            0
lru             3           12           10    83.33            7            0
lru             4           12            8    66.67            4            0
opt             3           12            7    58.33            4            0
opt             4           12            6    50.00            2            0

5 distinct pages, 1 page table

fifo, 3 frames: 9 faults
ref        1  2  3  4  1  2  5  1  2  3  4  5
frame 0    1  1  1  4  4  4  5  5  5  5  5  5
frame 1       2  2  2  1  1  1  1  1  3  3  3
frame 2          3  3  3  2  2  2  2  2  4  4
fault      *  *  *  *  *  *  *        *  *
victim              1  2  3  4        1  2

fifo, 4 frames: 10 faults
ref        1  2  3  4  1  2  5  1  2  3  4  5
frame 0    1  1  1  1  1  1  5  5  5  5  4  4
frame 1       2  2  2  2  2  2  1  1  1  1  5
frame 2          3  3  3  3  3  3  2  2  2  2
frame 3             4  4  4  4  4  4  3  3  3
fault      *  *  *  *        *  *  *  *  *  *
victim                       1  2  3  4  5  1

lru, 3 frames: 10 faults
ref        1  2  3  4  1  2  5  1  2  3  4  5
frame 0    1  1  1  4  4  4  5  5  5  3  3  3
frame 1       2  2  2  1  1  1  1  1  1  4  4
frame 2          3  3  3  2  2  2  2  2  2  5
fault      *  *  *  *  *  *  *        *  *  *
victim              1  2  3  4        5  1  2

lru, 4 frames: 8 faults
ref        1  2  3  4  1  2  5  1  2  3  4  5
frame 0    1  1  1  1  1  1  1  1  1  1  1  5
frame 1       2  2  2  2  2  2  2  2  2  2  2
frame 2          3  3  3  3  5  5  5  5  4  4
frame 3             4  4  4  4  4  4  3  3  3
fault      *  *  *  *        *        *  *  *
victim                       3        4  5  1

opt, 3 frames: 7 faults
ref        1  2  3  4  1  2  5  1  2  3  4  5
frame 0    1  1  1  1  1  1  1  1  1  3  3  3
frame 1       2  2  2  2  2  2  2  2  2  4  4
frame 2          3  4  4  4  5  5  5  5  5  5
fault      *  *  *  *        *        *  *
victim              3        4        1  2

opt, 4 frames: 6 faults
ref        1  2  3  4  1  2  5  1  2  3  4  5
frame 0    1  1  1  1  1  1  1  1  1  1  4  4
frame 1       2  2  2  2  2  2  2  2  2  2  2
frame 2          3  3  3  3  3  3  3  3  3  3
frame 3             4  4  4  5  5  5  5  5  5
fault      *  *  *  *        *           *
victim                       4           1
%%STDERR

%%TEST --steps: csv, one row per run and reference, frames as columns
# The 3-frame run leaves frame3 empty.
%%ARGS replay -p lru -n 3,4 --steps -O csv belady.seq
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT-CRLF
policy,frames,tau,t,page,access,fault,victim,expired,frame0,frame1,frame2,frame3
lru,3,,1,1,R,true,,,1,,,
lru,3,,2,2,R,true,,,1,2,,
lru,3,,3,3,R,true,,,1,2,3,
lru,3,,4,4,R,true,1,,4,2,3,
lru,3,,5,1,R,true,2,,4,1,3,
lru,3,,6,2,R,true,3,,4,1,2,
lru,3,,7,5,R,true,4,,5,1,2,
lru,3,,8,1,R,false,,,5,1,2,
lru,3,,9,2,R,false,,,5,1,2,
lru,3,,10,3,R,true,5,,3,1,2,
lru,3,,11,4,R,true,1,,3,4,2,
lru,3,,12,5,R,true,2,,3,4,5,
lru,4,,1,1,R,true,,,1,,,
lru,4,,2,2,R,true,,,1,2,,
lru,4,,3,3,R,true,,,1,2,3,
lru,4,,4,4,R,true,,,1,2,3,4
lru,4,,5,1,R,false,,,1,2,3,4
lru,4,,6,2,R,false,,,1,2,3,4
lru,4,,7,5,R,true,3,,1,2,5,4
lru,4,,8,1,R,false,,,1,2,5,4
lru,4,,9,2,R,false,,,1,2,5,4
lru,4,,10,3,R,true,4,,1,2,5,3
lru,4,,11,4,R,true,5,,1,2,4,3
lru,4,,12,5,R,true,1,,5,2,4,3
%%STDERR

%%TEST --steps: json, OPT at 3 frames
%%ARGS replay -p opt -n 3 --steps -O json belady.seq
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT
{
  "vmtrace": "@VERSION@",
  "command": "replay",
  "trace": {
    "path": "belady.seq",
    "format": "seq",
    "page_size": 4096,
    "lines": 1,
    "records": 12,
    "references": 12,
    "reads": 12,
    "writes": 0,
    "fetches": 0,
    "dropped_fetches": 0,
    "crossing": 0,
    "valgrind_lines": 0,
    "stray_lines": 0,
    "glued_lines": 0,
    "min_addr": "0x1000",
    "max_addr": "0x5fff",
    "high_regions": []
  },
  "options": {
    "policies": [
      "opt"
    ],
    "frames": [
      3
    ],
    "tau": [],
    "page_size": 4096,
    "data_only": false,
    "first_page_only": false,
    "reject_high": false,
    "strict": false
  },
  "results": [
    {
      "policy": "opt",
      "frames": 3,
      "references": 12,
      "reads": 12,
      "writes": 0,
      "fetches": 0,
      "faults": 7,
      "hits": 5,
      "evictions": 4,
      "writebacks": 0,
      "distinct_pages": 5,
      "page_tables": 1,
      "fault_rate": 0.5833333333,
      "steps": [
        {
          "t": 1,
          "page": 1,
          "access": "R",
          "fault": true,
          "victim": null,
          "expired": null,
          "frames": [
            1,
            null,
            null
          ]
        },
        {
          "t": 2,
          "page": 2,
          "access": "R",
          "fault": true,
          "victim": null,
          "expired": null,
          "frames": [
            1,
            2,
            null
          ]
        },
        {
          "t": 3,
          "page": 3,
          "access": "R",
          "fault": true,
          "victim": null,
          "expired": null,
          "frames": [
            1,
            2,
            3
          ]
        },
        {
          "t": 4,
          "page": 4,
          "access": "R",
          "fault": true,
          "victim": 3,
          "expired": null,
          "frames": [
            1,
            2,
            4
          ]
        },
        {
          "t": 5,
          "page": 1,
          "access": "R",
          "fault": false,
          "victim": null,
          "expired": null,
          "frames": [
            1,
            2,
            4
          ]
        },
        {
          "t": 6,
          "page": 2,
          "access": "R",
          "fault": false,
          "victim": null,
          "expired": null,
          "frames": [
            1,
            2,
            4
          ]
        },
        {
          "t": 7,
          "page": 5,
          "access": "R",
          "fault": true,
          "victim": 4,
          "expired": null,
          "frames": [
            1,
            2,
            5
          ]
        },
        {
          "t": 8,
          "page": 1,
          "access": "R",
          "fault": false,
          "victim": null,
          "expired": null,
          "frames": [
            1,
            2,
            5
          ]
        },
        {
          "t": 9,
          "page": 2,
          "access": "R",
          "fault": false,
          "victim": null,
          "expired": null,
          "frames": [
            1,
            2,
            5
          ]
        },
        {
          "t": 10,
          "page": 3,
          "access": "R",
          "fault": true,
          "victim": 1,
          "expired": null,
          "frames": [
            3,
            2,
            5
          ]
        },
        {
          "t": 11,
          "page": 4,
          "access": "R",
          "fault": true,
          "victim": 2,
          "expired": null,
          "frames": [
            3,
            4,
            5
          ]
        },
        {
          "t": 12,
          "page": 5,
          "access": "R",
          "fault": false,
          "victim": null,
          "expired": null,
          "frames": [
            3,
            4,
            5
          ]
        }
      ]
    }
  ]
}
%%STDERR

%%TEST --steps: exactly 100 references are allowed
# 1..100 on 3 FIFO frames: every reference faults; the last row holds
# 100 98 99 after 100 replaced 97.
%%ARGS replay -p fifo -n 3 --steps -O csv -
%%STDIN
1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57
58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 81 82 83 84
85 86 87 88 89 90 91 92 93 94 95 96 97 98 99 100
%%STDOUT-CONTAINS fifo,3,,100,100,R,true,97,,100,98,99
%%STDERR

%%TEST --steps: 101 references are refused
%%ARGS replay -p fifo -n 3 --steps -
%%STDIN
1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57
58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 81 82 83 84
85 86 87 88 89 90 91 92 93 94 95 96 97 98 99 100 101
%%EXIT 64
%%STDERR
vmtrace: --steps shows at most 100 references; <stdin> has 101

%%TEST --steps: 101 references in a file are refused too
# Four lines of 1..10 four times, and 21 more: 40 + 40 + 21.
%%ARGS replay -p lru -n 3 --steps -O json long.seq
%%FILE long.seq
1 2 3 4 5 6 7 8 9 10 1 2 3 4 5 6 7 8 9 10 1 2 3 4 5 6 7 8 9 10 1 2 3 4 5 6 7 8 9 10
1 2 3 4 5 6 7 8 9 10 1 2 3 4 5 6 7 8 9 10 1 2 3 4 5 6 7 8 9 10 1 2 3 4 5 6 7 8 9 10
1 2 3 4 5 6 7 8 9 10 1 2 3 4 5 6 7 8 9 10 1
%%EXIT 64
%%STDERR
vmtrace: --steps shows at most 100 references; long.seq has 101

%%TEST text: the replay table with every policy
%%ARGS replay -p all -n 3 silberschatz.seq
%%FILE silberschatz.seq
7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1
%%STDOUT
trace      silberschatz.seq (seq, 4.0 KiB pages)
references 20 (20 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks   mean-res  max-res
opt             3           20            9    45.00            6            0          -        -
fifo            3           20           15    75.00           12            0          -        -
lru             3           20           12    60.00            9            0          -        -
clock           3           20           14    70.00           11            0          -        -
lfu             3           20           13    65.00           10            0          -        -
ws         tau=10           20            8    40.00            3            0       4.55        6
mru             3           20           16    80.00           13            0          -        -
random          3           20           13    65.00           10            0          -        -
nru             3           20           10    50.00            7            0          -        -
esc             3           20           14    70.00           11            0          -        -
aging           3           20           15    75.00           12            0          -        -
linux2q         3           20           10    50.00            7            0          -        -
wsclock         3           20           15    75.00           12            0          -        -
pff        tau=10           20            6    30.00            0            0       5.10        6
sieve           3           20           11    55.00            8            0          -        -
s3fifo          3           20           14    70.00           11            0          -        -
2q              3           20           14    70.00           11            0          -        -
arc             3           20           13    65.00           10            0          -        -
lirs            3           20           13    65.00           10            0          -        -
clockpro        3           20           11    55.00            8            0          -        -

6 distinct pages, 1 page table
%%STDERR

%%TEST text: working-set windows
# tau=20 spans the whole string: 6 cold faults, mean |W| 102/20 = 5.10.
%%ARGS replay -p ws --tau 10,20 silberschatz.seq
%%FILE silberschatz.seq
7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1
%%STDOUT
trace      silberschatz.seq (seq, 4.0 KiB pages)
references 20 (20 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks   mean-res  max-res
ws         tau=10           20            8    40.00            3            0       4.55        6
ws         tau=20           20            6    30.00            0            0       5.10        6

6 distinct pages, 1 page table
%%STDERR

%%TEST text: stats of a reference string
%%ARGS stats belady.seq
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT
trace      belady.seq (seq, 4.0 KiB pages)
references 12 (12 reads, 0 writes, 0 fetches)
records    12 in 1 line
distinct   5 pages, footprint 20.0 KiB, 1 page table
addresses  0x1000 .. 0x5fff
%%STDERR

%%TEST -o FILE.json writes json there, nothing on stdout
%%ARGS replay -p fifo -n 3 -o out.json belady.seq
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%OUTFILE out.json
{
  "vmtrace": "@VERSION@",
  "command": "replay",
  "trace": {
    "path": "belady.seq",
    "format": "seq",
    "page_size": 4096,
    "lines": 1,
    "records": 12,
    "references": 12,
    "reads": 12,
    "writes": 0,
    "fetches": 0,
    "dropped_fetches": 0,
    "crossing": 0,
    "valgrind_lines": 0,
    "stray_lines": 0,
    "glued_lines": 0,
    "min_addr": "0x1000",
    "max_addr": "0x5fff",
    "high_regions": []
  },
  "options": {
    "policies": [
      "fifo"
    ],
    "frames": [
      3
    ],
    "tau": [],
    "page_size": 4096,
    "data_only": false,
    "first_page_only": false,
    "reject_high": false,
    "strict": false
  },
  "results": [
    {
      "policy": "fifo",
      "frames": 3,
      "references": 12,
      "reads": 12,
      "writes": 0,
      "fetches": 0,
      "faults": 9,
      "hits": 3,
      "evictions": 6,
      "writebacks": 0,
      "distinct_pages": 5,
      "page_tables": 1,
      "fault_rate": 0.75
    }
  ]
}
%%STDERR
%%NOFILE out.json.*

%%TEST -o FILE.csv writes csv there
%%ARGS replay -p fifo -n 3,4 -o out.csv belady.seq
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%OUTFILE-CRLF out.csv
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,3,,12,12,0,0,9,3,6,0,5,1,0.75,,
fifo,4,,12,12,0,0,10,2,6,0,5,1,0.8333333333,,
%%STDERR
%%NOFILE out.csv.*

%%TEST -o FILE with another suffix writes text
%%ARGS replay -p fifo -n 3 -o out.txt belady.seq
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%OUTFILE out.txt
trace      belady.seq (seq, 4.0 KiB pages)
references 12 (12 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
fifo            3           12            9    75.00            6            0

5 distinct pages, 1 page table
%%STDERR

%%TEST -O beats the suffix of -o
%%ARGS replay -p fifo -n 3 -O csv -o out.json belady.seq
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%OUTFILE-CRLF out.json
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,3,,12,12,0,0,9,3,6,0,5,1,0.75,,
%%STDERR

%%TEST -o replaces an existing file
%%ARGS stats -o stats.csv belady.seq
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%FILE stats.csv
old contents
%%OUTFILE-CRLF stats.csv
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
belady.seq,seq,4096,1,12,12,12,0,0,0,0,0,0,0,0x1000,0x5fff,0,5,20480,1
%%STDERR
%%NOFILE stats.csv.*

%%TEST -o - is standard output
%%ARGS replay -p opt -n 4 -O csv -o - belady.seq
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
opt,4,,12,12,0,0,6,6,2,0,5,1,0.5,,
%%STDERR

%%TEST -o with --steps, the format from the suffix
%%ARGS replay -p fifo -n 3 --steps -o steps.csv belady.seq
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%OUTFILE-CRLF steps.csv
policy,frames,tau,t,page,access,fault,victim,expired,frame0,frame1,frame2
fifo,3,,1,1,R,true,,,1,,
fifo,3,,2,2,R,true,,,1,2,
fifo,3,,3,3,R,true,,,1,2,3
fifo,3,,4,4,R,true,1,,4,2,3
fifo,3,,5,1,R,true,2,,4,1,3
fifo,3,,6,2,R,true,3,,4,1,2
fifo,3,,7,5,R,true,4,,5,1,2
fifo,3,,8,1,R,false,,,5,1,2
fifo,3,,9,2,R,false,,,5,1,2
fifo,3,,10,3,R,true,1,,5,3,2
fifo,3,,11,4,R,true,2,,5,3,4
fifo,3,,12,5,R,false,,,5,3,4
%%STDERR

%%TEST --version
%%ARGS --version
%%STDOUT
vmtrace @VERSION@
%%STDERR

%%TEST -V
%%ARGS -V
%%STDOUT
vmtrace @VERSION@

%%TEST replay --version
%%ARGS replay --version
%%STDOUT
vmtrace @VERSION@

%%TEST policies
%%ARGS policies
%%STDOUT
opt      Belady's MIN: evict the page used farthest in the future (offline) [reads the whole trace first]
fifo     first in, first out: evict the page loaded earliest
lru      least recently used: evict the page referenced longest ago
clock    second chance: FIFO hand that skips (and clears) referenced frames
lfu      least frequently used since loaded; ties evict the earliest loaded
ws       working set: keep the pages referenced in the last tau references [--tau]
mru      most recently used: evict the page referenced last
random   evict a frame drawn by a seeded generator (reproducible)
           seed=N  starting state of the splitmix64 generator (default 1, 0..18446744073709551615)
nru      not recently used: lowest (R, D) class, R cleared every tick
           tick=N  references between clearings of every R bit (default 1000, 1..18446744073709551615)
esc      enhanced second chance: clock hand over (R, D) classes, clean first
           tick=N  references between clearings of every R bit; 0: never (default 0, 0..18446744073709551615)
aging    aging: evict the smallest k-bit history of R bits (bits=0: NFU counts)
           bits=N  counter width k; 0: unbounded counts, NFU (default 8, 0..64)
           tick=N  references between counter updates (default 1000, 1..18446744073709551615)
linux2q  Linux active/inactive lists: a second reference activates, evict inactive tail
           ratio=N  the active list is kept to at most ratio x the inactive one (default 1, 1..1000)
wsclock  WSClock: clock hand evicting clean pages unused for over tau references
           tau=N  working-set window: older unused pages may go (default 1000, 1..18446744073709551615)
pff      page-fault frequency: grow on faults within tau, else drop pages unused since the last [--tau]
sieve    SIEVE: FIFO queue with visited bits and a hand that keeps its place
s3fifo   S3-FIFO: small, main and ghost FIFO queues with 2-bit frequencies
           small=N  percent of the frames for the small FIFO (default 10, 1..99)
           ghost=N  ghost FIFO length, percent of the frames (default 90, 0..1000)
           cap=N  frequency counter cap (default 3, 1..255)
           promote=N  frequency that moves a page from small to main (default 2, 1..255)
2q       2Q (Johnson & Shasha): FIFO for pages seen once, LRU for pages reused
           kin=N  A1in (FIFO of pages seen once) size, percent of the frames (default 25, 1..99)
           kout=N  A1out (ghost FIFO) length, percent of the frames (default 50, 0..1000)
arc      ARC (Megiddo & Modha): LRU lists for once and twice seen pages, self-tuning split
lirs     LIRS (Jiang & Zhang): keep pages of low inter-reference recency
           hir=N  percent of the frames for resident HIR pages (default 1, 1..99)
           ghost=N  non-resident HIR pages remembered, percent of the frames (default 100, 0..1000)
clockpro CLOCK-Pro (Jiang, Chen & Zhang): hot and cold pages on one clock, three hands
           cold=N  initial target for resident cold pages, percent of the frames (default 1, 0..100)
           adapt=N  1: adapt the cold target as the paper does; 0: keep it fixed (default 1, 0..1)
%%STDERR

%%TEST --help
%%ARGS --help
%%STDOUT-CONTAINS usage: vmtrace COMMAND [options] TRACE
%%STDERR

%%TEST replay --help
%%ARGS replay --help
%%STDOUT-CONTAINS usage: vmtrace replay [options] TRACE
%%STDERR

%%TEST stats -h
%%ARGS stats -h
%%STDOUT-CONTAINS usage: vmtrace stats [options] TRACE
%%STDERR

%%TEST help replay
%%ARGS help replay
%%STDOUT-CONTAINS -p, --policy LIST
%%STDERR
