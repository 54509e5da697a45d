# textbook.t - the textbook numbers of DESIGN.md, through the command line.
# Every number below was worked out by hand from the policy definitions in
# DESIGN.md ("Reference semantics"); hits = references - faults, and with
# fixed frames evictions = faults - frames once the frames are full.
# CSV is RFC 4180, so its lines end in CR LF (%%STDOUT-CRLF).

%%TEST belady: FIFO, LRU, OPT at 3 and 4 frames (csv)
# DESIGN.md: FIFO 9 and 10 (Belady's anomaly), LRU 10 and 8, OPT 7 and 6.
%%ARGS replay -p fifo,lru,opt -n 3,4 -O csv belady.seq
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,3,,12,12,0,0,9,3,6,0,5,1,0.75,,
fifo,4,,12,12,0,0,10,2,6,0,5,1,0.8333333333,,
lru,3,,12,12,0,0,10,2,7,0,5,1,0.8333333333,,
lru,4,,12,12,0,0,8,4,4,0,5,1,0.6666666667,,
opt,3,,12,12,0,0,7,5,4,0,5,1,0.5833333333,,
opt,4,,12,12,0,0,6,6,2,0,5,1,0.5,,
%%STDERR

%%TEST belady: FIFO, LRU, OPT at 3 and 4 frames (json)
%%ARGS replay -p fifo,lru,opt -n 3,4 -O json belady.seq
%%FILE belady.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT
{
  "vmtrace": "0.1.0",
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
      "fifo",
      "lru",
      "opt"
    ],
    "frames": [
      3,
      4
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
    },
    {
      "policy": "fifo",
      "frames": 4,
      "references": 12,
      "reads": 12,
      "writes": 0,
      "fetches": 0,
      "faults": 10,
      "hits": 2,
      "evictions": 6,
      "writebacks": 0,
      "distinct_pages": 5,
      "page_tables": 1,
      "fault_rate": 0.8333333333
    },
    {
      "policy": "lru",
      "frames": 3,
      "references": 12,
      "reads": 12,
      "writes": 0,
      "fetches": 0,
      "faults": 10,
      "hits": 2,
      "evictions": 7,
      "writebacks": 0,
      "distinct_pages": 5,
      "page_tables": 1,
      "fault_rate": 0.8333333333
    },
    {
      "policy": "lru",
      "frames": 4,
      "references": 12,
      "reads": 12,
      "writes": 0,
      "fetches": 0,
      "faults": 8,
      "hits": 4,
      "evictions": 4,
      "writebacks": 0,
      "distinct_pages": 5,
      "page_tables": 1,
      "fault_rate": 0.6666666667
    },
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
      "fault_rate": 0.5833333333
    },
    {
      "policy": "opt",
      "frames": 4,
      "references": 12,
      "reads": 12,
      "writes": 0,
      "fetches": 0,
      "faults": 6,
      "hits": 6,
      "evictions": 2,
      "writebacks": 0,
      "distinct_pages": 5,
      "page_tables": 1,
      "fault_rate": 0.5
    }
  ]
}
%%STDERR

%%TEST belady from stdin: OPT spools a pipe
# OPT needs the future; reading it from a pipe must give the same counts.
%%ARGS replay -p opt,fifo -n 3,4 -O csv -
%%STDIN
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
opt,3,,12,12,0,0,7,5,4,0,5,1,0.5833333333,,
opt,4,,12,12,0,0,6,6,2,0,5,1,0.5,,
fifo,3,,12,12,0,0,9,3,6,0,5,1,0.75,,
fifo,4,,12,12,0,0,10,2,6,0,5,1,0.8333333333,,
%%STDERR

%%TEST silberschatz: every policy at 3 frames, WS tau=10 (csv)
# DESIGN.md: FIFO 15, LRU 12, OPT 9, Clock 14, LFU 13 at 3 frames;
# WS tau=10: 8 faults, mean |W| 4.55 (91/20), max |W| 6 (W(10) = {7,0,1,2,3,4}).
# WS evictions: 7 leaves at t=11, 1 at t=13, 4 at t=18.  -p all lists the
# policies in the order of `vmtrace policies`; WS uses the default tau, 10.
%%ARGS replay -p all -n 3 -O csv silberschatz.seq
%%FILE silberschatz.seq
7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
opt,3,,20,20,0,0,9,11,6,0,6,1,0.45,,
fifo,3,,20,20,0,0,15,5,12,0,6,1,0.75,,
lru,3,,20,20,0,0,12,8,9,0,6,1,0.6,,
clock,3,,20,20,0,0,14,6,11,0,6,1,0.7,,
lfu,3,,20,20,0,0,13,7,10,0,6,1,0.65,,
ws,,10,20,20,0,0,8,12,3,0,6,1,0.4,4.55,6
mru,3,,20,20,0,0,16,4,13,0,6,1,0.8,,
random,3,,20,20,0,0,13,7,10,0,6,1,0.65,,
nru,3,,20,20,0,0,10,10,7,0,6,1,0.5,,
esc,3,,20,20,0,0,14,6,11,0,6,1,0.7,,
aging,3,,20,20,0,0,15,5,12,0,6,1,0.75,,
linux2q,3,,20,20,0,0,10,10,7,0,6,1,0.5,,
wsclock,3,,20,20,0,0,15,5,12,0,6,1,0.75,,
pff,,10,20,20,0,0,6,14,0,0,6,1,0.3,5.1,6
sieve,3,,20,20,0,0,11,9,8,0,6,1,0.55,,
s3fifo,3,,20,20,0,0,14,6,11,0,6,1,0.7,,
2q,3,,20,20,0,0,14,6,11,0,6,1,0.7,,
arc,3,,20,20,0,0,13,7,10,0,6,1,0.65,,
lirs,3,,20,20,0,0,13,7,10,0,6,1,0.65,,
clockpro,3,,20,20,0,0,11,9,8,0,6,1,0.55,,
%%STDERR

%%TEST silberschatz: every policy at 3 frames, WS tau=10 (json)
%%ARGS replay -p all -n 3 -O json silberschatz.seq
%%FILE silberschatz.seq
7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1
%%STDOUT
{
  "vmtrace": "0.1.0",
  "command": "replay",
  "trace": {
    "path": "silberschatz.seq",
    "format": "seq",
    "page_size": 4096,
    "lines": 1,
    "records": 20,
    "references": 20,
    "reads": 20,
    "writes": 0,
    "fetches": 0,
    "dropped_fetches": 0,
    "crossing": 0,
    "valgrind_lines": 0,
    "stray_lines": 0,
    "glued_lines": 0,
    "min_addr": "0x0",
    "max_addr": "0x7fff",
    "high_regions": []
  },
  "options": {
    "policies": [
      "opt",
      "fifo",
      "lru",
      "clock",
      "lfu",
      "ws",
      "mru",
      "random",
      "nru",
      "esc",
      "aging",
      "linux2q",
      "wsclock",
      "pff",
      "sieve",
      "s3fifo",
      "2q",
      "arc",
      "lirs",
      "clockpro"
    ],
    "frames": [
      3
    ],
    "tau": [
      10
    ],
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
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 9,
      "hits": 11,
      "evictions": 6,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.45
    },
    {
      "policy": "fifo",
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 15,
      "hits": 5,
      "evictions": 12,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.75
    },
    {
      "policy": "lru",
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 12,
      "hits": 8,
      "evictions": 9,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.6
    },
    {
      "policy": "clock",
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 14,
      "hits": 6,
      "evictions": 11,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.7
    },
    {
      "policy": "lfu",
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 13,
      "hits": 7,
      "evictions": 10,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.65
    },
    {
      "policy": "ws",
      "tau": 10,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 8,
      "hits": 12,
      "evictions": 3,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.4,
      "mean_resident": 4.55,
      "max_resident": 6
    },
    {
      "policy": "mru",
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 16,
      "hits": 4,
      "evictions": 13,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.8
    },
    {
      "policy": "random",
      "params": {
        "seed": 1
      },
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 13,
      "hits": 7,
      "evictions": 10,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.65
    },
    {
      "policy": "nru",
      "params": {
        "tick": 1000
      },
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 10,
      "hits": 10,
      "evictions": 7,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.5
    },
    {
      "policy": "esc",
      "params": {
        "tick": 0
      },
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 14,
      "hits": 6,
      "evictions": 11,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.7
    },
    {
      "policy": "aging",
      "params": {
        "bits": 8,
        "tick": 1000
      },
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 15,
      "hits": 5,
      "evictions": 12,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.75
    },
    {
      "policy": "linux2q",
      "params": {
        "ratio": 1
      },
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 10,
      "hits": 10,
      "evictions": 7,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.5
    },
    {
      "policy": "wsclock",
      "params": {
        "tau": 1000
      },
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 15,
      "hits": 5,
      "evictions": 12,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.75
    },
    {
      "policy": "pff",
      "tau": 10,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 6,
      "hits": 14,
      "evictions": 0,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.3,
      "mean_resident": 5.1,
      "max_resident": 6
    },
    {
      "policy": "sieve",
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 11,
      "hits": 9,
      "evictions": 8,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.55
    },
    {
      "policy": "s3fifo",
      "params": {
        "small": 10,
        "ghost": 90,
        "cap": 3,
        "promote": 2
      },
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 14,
      "hits": 6,
      "evictions": 11,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.7
    },
    {
      "policy": "2q",
      "params": {
        "kin": 25,
        "kout": 50
      },
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 14,
      "hits": 6,
      "evictions": 11,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.7
    },
    {
      "policy": "arc",
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 13,
      "hits": 7,
      "evictions": 10,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.65
    },
    {
      "policy": "lirs",
      "params": {
        "hir": 1,
        "ghost": 100
      },
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 13,
      "hits": 7,
      "evictions": 10,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.65
    },
    {
      "policy": "clockpro",
      "params": {
        "cold": 1,
        "adapt": 1
      },
      "frames": 3,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 11,
      "hits": 9,
      "evictions": 8,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.55
    }
  ]
}
%%STDERR

%%TEST silberschatz: FIFO, LRU, OPT at 4 frames (csv)
# DESIGN.md: FIFO 10, LRU 8, OPT 8.
%%ARGS replay -p fifo,lru,opt -n 4 -O csv silberschatz.seq
%%FILE silberschatz.seq
7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,4,,20,20,0,0,10,10,6,0,6,1,0.5,,
lru,4,,20,20,0,0,8,12,4,0,6,1,0.4,,
opt,4,,20,20,0,0,8,12,4,0,6,1,0.4,,
%%STDERR

%%TEST silberschatz: FIFO, LRU, OPT at 4 frames (json)
%%ARGS replay -p fifo,lru,opt -n 4 -O json silberschatz.seq
%%FILE silberschatz.seq
7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1
%%STDOUT
{
  "vmtrace": "0.1.0",
  "command": "replay",
  "trace": {
    "path": "silberschatz.seq",
    "format": "seq",
    "page_size": 4096,
    "lines": 1,
    "records": 20,
    "references": 20,
    "reads": 20,
    "writes": 0,
    "fetches": 0,
    "dropped_fetches": 0,
    "crossing": 0,
    "valgrind_lines": 0,
    "stray_lines": 0,
    "glued_lines": 0,
    "min_addr": "0x0",
    "max_addr": "0x7fff",
    "high_regions": []
  },
  "options": {
    "policies": [
      "fifo",
      "lru",
      "opt"
    ],
    "frames": [
      4
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
      "frames": 4,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 10,
      "hits": 10,
      "evictions": 6,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.5
    },
    {
      "policy": "lru",
      "frames": 4,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 8,
      "hits": 12,
      "evictions": 4,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.4
    },
    {
      "policy": "opt",
      "frames": 4,
      "references": 20,
      "reads": 20,
      "writes": 0,
      "fetches": 0,
      "faults": 8,
      "hits": 12,
      "evictions": 4,
      "writebacks": 0,
      "distinct_pages": 6,
      "page_tables": 1,
      "fault_rate": 0.4
    }
  ]
}
%%STDERR

%%TEST silberschatz: Clock and LFU at 4 frames
# Not in DESIGN.md's list; by hand from its definitions.  Clock: victims 7
# (t6), 1 (t8), 2 (t14), 3 (t15), 4 (t18): 9 faults.  LFU: victims 7 (t6),
# 1 (t8), 4 (t14), 1 (t18), 7 (t20): 9 faults.
%%ARGS replay -p clock,lfu -n 4 -O csv silberschatz.seq
%%FILE silberschatz.seq
7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
clock,4,,20,20,0,0,9,11,5,0,6,1,0.45,,
lfu,4,,20,20,0,0,9,11,5,0,6,1,0.45,,
%%STDERR

%%TEST clock anomaly: 6 faults at 3 frames, 7 at 4 (csv)
# 3 frames: victims 0 (t4), 2 (t6), 3 (t8).  4 frames: victims 0, 1, 2 at
# t8, t9, t10.
%%ARGS replay -p clock -n 3,4 -O csv clock.seq
%%FILE clock.seq
0,1,2,3,1,0,1,4,0,1
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
clock,3,,10,10,0,0,6,4,3,0,5,1,0.6,,
clock,4,,10,10,0,0,7,3,3,0,5,1,0.7,,
%%STDERR

%%TEST clock anomaly (json)
%%ARGS replay -p clock -n 3,4 -O json clock.seq
%%FILE clock.seq
0,1,2,3,1,0,1,4,0,1
%%STDOUT
{
  "vmtrace": "0.1.0",
  "command": "replay",
  "trace": {
    "path": "clock.seq",
    "format": "seq",
    "page_size": 4096,
    "lines": 1,
    "records": 10,
    "references": 10,
    "reads": 10,
    "writes": 0,
    "fetches": 0,
    "dropped_fetches": 0,
    "crossing": 0,
    "valgrind_lines": 0,
    "stray_lines": 0,
    "glued_lines": 0,
    "min_addr": "0x0",
    "max_addr": "0x4fff",
    "high_regions": []
  },
  "options": {
    "policies": [
      "clock"
    ],
    "frames": [
      3,
      4
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
      "policy": "clock",
      "frames": 3,
      "references": 10,
      "reads": 10,
      "writes": 0,
      "fetches": 0,
      "faults": 6,
      "hits": 4,
      "evictions": 3,
      "writebacks": 0,
      "distinct_pages": 5,
      "page_tables": 1,
      "fault_rate": 0.6
    },
    {
      "policy": "clock",
      "frames": 4,
      "references": 10,
      "reads": 10,
      "writes": 0,
      "fetches": 0,
      "faults": 7,
      "hits": 3,
      "evictions": 3,
      "writebacks": 0,
      "distinct_pages": 5,
      "page_tables": 1,
      "fault_rate": 0.7
    }
  ]
}
%%STDERR

%%TEST lfu anomaly: 6 faults at 2 frames, 7 at 3 (csv)
# 2 frames: victims 1, 2, 1, 2 at t4..t7.  3 frames: at t7 all three have
# count 2 and 0 was loaded first; then 3, 0, 3 at t8..t10.
%%ARGS replay -p lfu -n 2,3 -O csv lfu.seq
%%FILE lfu.seq
0,0,1,2,1,2,3,0,3,0
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
lfu,2,,10,10,0,0,6,4,4,0,4,1,0.6,,
lfu,3,,10,10,0,0,7,3,4,0,4,1,0.7,,
%%STDERR

%%TEST lfu anomaly (json)
%%ARGS replay -p lfu -n 2,3 -O json lfu.seq
%%FILE lfu.seq
0,0,1,2,1,2,3,0,3,0
%%STDOUT
{
  "vmtrace": "0.1.0",
  "command": "replay",
  "trace": {
    "path": "lfu.seq",
    "format": "seq",
    "page_size": 4096,
    "lines": 1,
    "records": 10,
    "references": 10,
    "reads": 10,
    "writes": 0,
    "fetches": 0,
    "dropped_fetches": 0,
    "crossing": 0,
    "valgrind_lines": 0,
    "stray_lines": 0,
    "glued_lines": 0,
    "min_addr": "0x0",
    "max_addr": "0x3fff",
    "high_regions": []
  },
  "options": {
    "policies": [
      "lfu"
    ],
    "frames": [
      2,
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
      "policy": "lfu",
      "frames": 2,
      "references": 10,
      "reads": 10,
      "writes": 0,
      "fetches": 0,
      "faults": 6,
      "hits": 4,
      "evictions": 4,
      "writebacks": 0,
      "distinct_pages": 4,
      "page_tables": 1,
      "fault_rate": 0.6
    },
    {
      "policy": "lfu",
      "frames": 3,
      "references": 10,
      "reads": 10,
      "writes": 0,
      "fetches": 0,
      "faults": 7,
      "hits": 3,
      "evictions": 4,
      "writebacks": 0,
      "distinct_pages": 4,
      "page_tables": 1,
      "fault_rate": 0.7
    }
  ]
}
%%STDERR

%%TEST ws: a window smaller than the working set
# W(t,2) after each reference: {1} {1,2} {2,1} {1,3} {3,4} {4,2} {2,5} {5,6}:
# 7 faults (all but t3), 5 pages leave (2 at t4, 1 at t5, 3 at t6, 4 at t7,
# 2 at t8), mean |W| 15/8 = 1.875, max 2.  1 was written at t1 and t3 and
# leaves dirty; 2 is clean when it leaves at t4, dirty (2w at t6) at t8:
# 2 write-backs.  A fault when |W(t-1)| = tau needs room for tau+1 pages for
# a moment; the report counts |W(t)|, after the oldest page left.
%%ARGS replay -p ws --tau 2 -O csv -
%%STDIN
1w 2 1w 3 4 2w 5 6
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
ws,,2,8,5,3,0,7,1,5,2,6,1,0.875,1.875,2
%%STDERR

%%TEST ws: tau=1 keeps only the last page
# W(t,1) = {page at t}: every change of page faults; 1 2 1 faults 3 times,
# 2 pages leave, |W| = 1 throughout.
%%ARGS replay -p ws --tau 1 -O csv -
%%STDIN
1 2 1
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
ws,,1,3,3,0,0,3,0,2,0,2,1,1,1,1
%%STDERR

%%TEST ws: several windows on silberschatz
# tau=10 as in DESIGN.md.  tau=20 covers the whole string: the 6 cold faults
# only, nothing leaves, |W(t)| = 1,2,3,4,4,5,5,6,...,6 (sum 102, mean 5.1).
%%ARGS replay -p ws --tau 10,20 -O csv silberschatz.seq
%%FILE silberschatz.seq
7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
ws,,10,20,20,0,0,8,12,3,0,6,1,0.4,4.55,6
ws,,20,20,20,0,0,6,14,0,0,6,1,0.3,5.1,6
%%STDERR
