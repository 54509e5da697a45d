# lackey.t - valgrind --tool=lackey --trace-mem=yes output.
# Records: "I  addr,size" (fetch), " L", " S", " M" (load, store, modify);
# addr is hex without 0x.  Addresses below are chosen so the pages are easy
# to read: page = addr >> 12 with 4 KiB pages.

# a.lk, used by several cases:
#   I  04000ffe,4   fetch 0x4000ffe..0x4001001: pages 0x4000 and 0x4001
#    L 00001000,4   read page 1
#    S 00002ff8,16  write 0x2ff8..0x3007: pages 2 and 3
#    M 00003000,8   modify page 3: ONE reference, a write
# 6 references (1 read, 3 writes, 2 fetches), 2 crossing accesses, 5 pages
# in 2 page tables (directory slots 0 and 0x4000 >> 10 = 16).

%%TEST crossing: an access that crosses a page counts both pages
%%ARGS stats -O csv a.lk
%%FILE a.lk
I  04000ffe,4
 L 00001000,4
 S 00002ff8,16
 M 00003000,8
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
a.lk,lackey,4096,4,4,6,1,3,2,0,2,0,0,0,0x1000,0x4001001,0,5,20480,2
%%STDERR

%%TEST crossing: replay sees both pages
# References 4000 4001 1 2w 3w 3w.  FIFO and LRU on 2 frames evict 4000,
# 4001, 1 (all clean); the last 3w hits: 5 faults, 3 evictions, 0
# write-backs (2 and 3 are dirty but stay).
%%ARGS replay -p fifo,lru -n 2 -O csv a.lk
%%FILE a.lk
I  04000ffe,4
 L 00001000,4
 S 00002ff8,16
 M 00003000,8
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,2,,6,1,3,2,5,1,3,0,5,2,0.8333333333,,
lru,2,,6,1,3,2,5,1,3,0,5,2,0.8333333333,,
%%STDERR

%%TEST crossing: --first-page-only counts the page of the start address
# References 4000 1 2w 3w: 4 faults.  The crossing count is a fact about the
# trace and stays 2.
%%ARGS stats --first-page-only -O csv a.lk
%%FILE a.lk
I  04000ffe,4
 L 00001000,4
 S 00002ff8,16
 M 00003000,8
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
a.lk,lackey,4096,4,4,4,1,2,1,0,2,0,0,0,0x1000,0x4001001,0,4,16384,2
%%STDERR

%%TEST crossing: --first-page-only in a replay
%%ARGS replay --first-page-only -p fifo,lru -n 2 -O csv a.lk
%%FILE a.lk
I  04000ffe,4
 L 00001000,4
 S 00002ff8,16
 M 00003000,8
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,2,,4,1,2,1,4,0,2,0,4,2,1,,
lru,2,,4,1,2,1,4,0,2,0,4,2,1,,
%%STDERR

%%TEST crossing: a 464-byte fxsave store
# 0x1f00 + 463 = 0x20cf: pages 1 and 2, two writes.
%%ARGS stats -O csv fx.lk
%%FILE fx.lk
 S 00001f00,464
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
fx.lk,lackey,4096,1,1,2,0,2,0,0,1,0,0,0,0x1f00,0x20cf,0,2,8192,1
%%STDERR

%%TEST crossing depends on the page size
# 0xff8..0x1007 crosses the 4 KiB boundary at 0x1000; with 8 KiB pages it
# lies in page 0.
%%ARGS stats --page-size 8K -O csv ps.lk
%%FILE ps.lk
 L 00000ff8,16
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
ps.lk,lackey,8192,1,1,1,1,0,0,0,0,0,0,0,0xff8,0x1007,0,1,8192,1
%%STDERR

%%TEST crossing with 1 KiB pages
# 0xff8 >> 10 = 3, 0x1007 >> 10 = 4: two 1 KiB pages, footprint 2048.
%%ARGS stats --page-size 1024 -O csv ps.lk
%%FILE ps.lk
 L 00000ff8,16
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
ps.lk,lackey,1024,1,1,2,2,0,0,0,1,0,0,0,0xff8,0x1007,0,2,2048,1
%%STDERR

%%TEST M is one reference that writes: evicted dirty, written back
# M 1, L 2, L 1 on one frame: 1 is dirty when 2 evicts it (1 write-back);
# 2 is clean when 1 comes back.  3 references, not 4.
%%ARGS replay -p fifo,lru,opt,clock,lfu -n 1 -O csv m.lk
%%FILE m.lk
 M 00001000,4
 L 00002000,4
 L 00001000,4
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,1,,3,2,1,0,3,0,2,1,2,1,1,,
lru,1,,3,2,1,0,3,0,2,1,2,1,1,,
opt,1,,3,2,1,0,3,0,2,1,2,1,1,,
clock,1,,3,2,1,0,3,0,2,1,2,1,1,,
lfu,1,,3,2,1,0,3,0,2,1,2,1,1,,
%%STDERR

%%TEST instruction fetches are references
# 400x 1 400x 2w 400x on 2 FIFO frames: t3 hits, t4 evicts 400, t5 evicts
# 1: 4 faults.  Pages 0x400 (slot 1) and 1, 2 (slot 0): 2 page tables.
%%ARGS replay -p fifo -n 2 -O csv d.lk
%%FILE d.lk
I  00400000,4
 L 00001000,4
I  00400004,4
 S 00002000,4
I  00400008,4
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,2,,5,1,1,3,4,1,2,0,3,2,0.8,,
%%STDERR

%%TEST -D drops instruction fetches
# Only 1 and 2w remain: 2 cold faults, nothing evicted, one page table.
%%ARGS replay -D -p fifo -n 2 -O csv d.lk
%%FILE d.lk
I  00400000,4
 L 00001000,4
I  00400004,4
 S 00002000,4
I  00400008,4
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,2,,2,1,1,0,2,0,0,0,2,1,1,,
%%STDERR

%%TEST --data-only in stats: dropped fetches are counted, not referenced
# The dropped fetch was the only access above 0x3007 and one of the two
# crossing accesses.
%%ARGS stats --data-only -O csv a.lk
%%FILE a.lk
I  04000ffe,4
 L 00001000,4
 S 00002ff8,16
 M 00003000,8
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
a.lk,lackey,4096,4,4,4,1,3,0,1,1,0,0,0,0x1000,0x3007,0,3,12288,1
%%STDERR

%%TEST valgrind's own lines are skipped silently
# ==PID==, --PID--, **PID**, ++PID++ lines (8 of them) and an empty line:
# no warning, 2 records in 11 lines.
%%ARGS stats -O csv vg.lk
%%FILE vg.lk
==4242== Lackey, an example Valgrind tool
==4242== Command: ./a.out
==4242== 
--4242-- warning: something
I  00400000,4
**4242** internal

 L 00001000,4
++4242++ x
==4242== 
==4242== Counted 1 call to main()
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
vg.lk,lackey,4096,11,2,2,1,0,1,0,0,8,0,0,0x1000,0x400003,0,2,8192,2
%%STDERR

%%TEST stray program output: skipped, one warning naming the first
# s.lk: 11 lines; valgrind lines 1, 6, 7, 11; stray lines 3 (total 9624)
# and 9 (foo bar); line 5 has program output (XYZ) glued in front of an I
# record, which is kept and counted as glued, not stray.  One warning says
# both.  References: fetch 0x4000, read 1, fetch 0x493f, write 1.
%%ARGS stats -O csv s.lk
%%FILE s.lk
==4242== Lackey, an example Valgrind tool
I  04000000,3
total 9624
 L 00001000,4
XYZI  0493f350,6
**4242** internal
++4242++ x

foo bar
 S 00001004,4
==4242== 
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
s.lk,lackey,4096,11,4,4,1,1,2,0,0,4,2,1,0x1000,0x493f355,0,3,12288,3
%%STDERR
vmtrace: warning: s.lk: skipped 2 lines that are not trace records (first at line 3: 'total 9624'); kept 1 record with program output glued in front (first at line 5)

%%TEST stray program output: replay warns once too
# LRU on 2 frames: 4000 1 493f (evicts 4000) 1w (hit): 3 faults.
%%ARGS replay -p lru -n 2 -O csv s.lk
%%FILE s.lk
==4242== Lackey, an example Valgrind tool
I  04000000,3
total 9624
 L 00001000,4
XYZI  0493f350,6
**4242** internal
++4242++ x

foo bar
 S 00001004,4
==4242== 
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
lru,2,,4,1,1,2,3,1,1,0,3,3,0.75,,
%%STDERR
vmtrace: warning: s.lk: skipped 2 lines that are not trace records (first at line 3: 'total 9624'); kept 1 record with program output glued in front (first at line 5)

%%TEST stray program output: text stats say so
%%ARGS stats s.lk
%%FILE s.lk
==4242== Lackey, an example Valgrind tool
I  04000000,3
total 9624
 L 00001000,4
XYZI  0493f350,6
**4242** internal
++4242++ x

foo bar
 S 00001004,4
==4242== 
%%STDOUT
trace      s.lk (lackey, 4.0 KiB pages)
references 4 (1 read, 1 write, 2 fetches)
skipped    2 lines of program output, first at line 3
kept       1 record with program output glued in front
records    4 in 11 lines (4 valgrind lines skipped)
distinct   3 pages, footprint 12.0 KiB, 3 page tables
addresses  0x1000 .. 0x493f355
%%STDERR-CONTAINS skipped 2 lines

%%TEST stray program output: one stray line, one warning in the singular
%%ARGS stats -O csv one.lk
%%FILE one.lk
 L 00001000,4
hello world
 S 00002000,4
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
one.lk,lackey,4096,3,2,2,1,1,0,0,0,0,1,0,0x1000,0x2003,0,2,8192,1
%%STDERR
vmtrace: warning: one.lk: skipped 1 line that is not a trace record (first at line 2: 'hello world')

%%TEST --strict: a stray line is an error
%%ARGS stats --strict s.lk
%%FILE s.lk
==4242== Lackey, an example Valgrind tool
I  04000000,3
total 9624
 L 00001000,4
XYZI  0493f350,6
**4242** internal
++4242++ x

foo bar
 S 00001004,4
==4242== 
%%EXIT 65
%%STDERR
vmtrace: s.lk:3: not a lackey record: 'total 9624' (--strict)

%%TEST --strict: glued program output is an error too
%%ARGS replay --strict -p fifo -n 2 glued.lk
%%FILE glued.lk
I  04000000,3
XYZI  0493f350,6
%%EXIT 65
%%STDERR
vmtrace: glued.lk:2: not a lackey record: 'XYZI  0493f350,6' (--strict)

%%TEST glued output: the record at the end of the line is kept
# XYZI  0493f350,6 is a fetch of 0x493f350..0x493f355, page 0x493f; the
# line counts as glued.  Steps show lackey pages in hex.
%%ARGS replay -p fifo -n 1 --steps glued.lk
%%FILE glued.lk
I  04000000,3
XYZI  0493f350,6
 L 04000004,4
%%STDOUT
trace      glued.lk (lackey, 4.0 KiB pages)
references 3 (1 read, 0 writes, 2 fetches)
kept       1 record with program output glued in front

policy     frames   references       faults   fault%    evictions   writebacks
fifo            1            3            3   100.00            2            0

2 distinct pages, 2 page tables

fifo, 1 frame: 3 faults
ref        0x4000  0x493f  0x4000
frame 0    0x4000  0x493f  0x4000
fault           *       *       *
victim             0x4000  0x493f
%%STDERR
vmtrace: warning: glued.lk: kept 1 record with program output glued in front (first at line 2)

%%TEST CRLF line ends
# I 0x4000000,3 (page 0x4000), L and M on page 1.
%%ARGS stats -O csv crlf.lk
%%FILE-CRLF crlf.lk
I  04000000,3
 L 00001000,4
 M 00001004,4
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
crlf.lk,lackey,4096,3,3,3,1,1,1,0,0,0,0,0,0x1000,0x4000002,0,2,8192,2
%%STDERR

%%TEST CRLF line ends in a replay: the M at the end is still a write
# One frame: 4000, 1 (evicts 4000), 1w hits.
%%ARGS replay -p fifo -n 1 -O csv crlf.lk
%%FILE-CRLF crlf.lk
I  04000000,3
 L 00001000,4
 M 00001004,4
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,1,,3,1,1,1,2,1,1,0,2,2,0.6666666667,,
%%STDERR

%%TEST missing final newline: the last record counts
%%ARGS stats -O csv nonl.lk
%%FILE-ESC nonl.lk
I  04000000,3\n L 00001000,4\n M 00001004,4
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
nonl.lk,lackey,4096,3,3,3,1,1,1,0,0,0,0,0,0x1000,0x4000002,0,2,8192,2
%%STDERR

%%TEST missing final newline after CRLF lines, from stdin
# S 2 is the last record: 1 and 2 both written, 2 frames, no eviction.
%%ARGS replay -p lru -n 2 -O csv -
%%STDIN-ESC
 L 00001000,4\r\n M 00001004,4\r\n S 00002000,8
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
lru,2,,3,1,2,0,2,1,0,0,2,1,0.6666666667,,
%%STDERR
%%END

# h.lk, 64-bit addresses as valgrind records them on amd64:
#   I  00108000,4          fetch page 0x108
#    S 1ffefff000,8        write page 0x1ffefff (the stack, above 4 GiB)
#    L 1ffeffeff8,8        read page 0x1ffeffe (0x...eff8 + 7 = 0x...efff)
#    M 1ffefff008,8        write page 0x1ffefff
#    S 0000000004a2b010,8  write page 0x4a2b (16 hex digits)
#    L 00108004,4          read page 0x108
# Region 0x1ffefff000 >> 22 = 0x7ffb borrows directory slot 1023; the three
# slots used are 0, 18 (0x4a2b >> 10) and 1023: 3 page tables, 4 pages.

%%TEST 64-bit addresses replay by default
# 2 frames.  FIFO: victims 108 (t3), 1ffefff dirty (t5), 1ffeffe (t6).
# LRU: 108 (t3), 1ffeffe (t5), 1ffefff dirty (t6).  OPT: t3 evicts 108 (next
# use t6 vs t4); t5 and t6 tie (no page used again) and evict the least
# recently used: 1ffeffe (t3), then 1ffefff dirty (t4).  Each: 5 faults,
# 3 evictions, 1 write-back.
# 3 frames.  FIFO: victims 108 (t5), 1ffefff dirty (t6).  LRU: 108 (t5),
# 1ffeffe clean (t6).  OPT: t5 ties 1ffefff (used t4) and 1ffeffe (used t3),
# evicts 1ffeffe, clean; t6 hits: 4 faults, no write-back.
%%ARGS replay -p fifo,lru,opt -n 2,3 -O csv h.lk
%%FILE h.lk
I  00108000,4
 S 1ffefff000,8
 L 1ffeffeff8,8
 M 1ffefff008,8
 S 0000000004a2b010,8
 L 00108004,4
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,2,,6,2,3,1,5,1,3,1,4,3,0.8333333333,,
fifo,3,,6,2,3,1,5,1,2,1,4,3,0.8333333333,,
lru,2,,6,2,3,1,5,1,3,1,4,3,0.8333333333,,
lru,3,,6,2,3,1,5,1,2,0,4,3,0.8333333333,,
opt,2,,6,2,3,1,5,1,3,1,4,3,0.8333333333,,
opt,3,,6,2,3,1,4,2,1,0,4,3,0.6666666667,,
%%STDERR

%%TEST 64-bit addresses: the mapping is reported (json)
%%ARGS replay -p fifo -n 2 -O json h.lk
%%FILE h.lk
I  00108000,4
 S 1ffefff000,8
 L 1ffeffeff8,8
 M 1ffefff008,8
 S 0000000004a2b010,8
 L 00108004,4
%%STDOUT
{
  "vmtrace": "@VERSION@",
  "command": "replay",
  "trace": {
    "path": "h.lk",
    "format": "lackey",
    "page_size": 4096,
    "lines": 6,
    "records": 6,
    "references": 6,
    "reads": 2,
    "writes": 3,
    "fetches": 1,
    "dropped_fetches": 0,
    "crossing": 0,
    "valgrind_lines": 0,
    "stray_lines": 0,
    "glued_lines": 0,
    "min_addr": "0x108000",
    "max_addr": "0x1ffefff00f",
    "high_regions": [
      {
        "from": "0x1ffec00000",
        "to": "0xffc00000",
        "slot": 1023
      }
    ]
  },
  "options": {
    "policies": [
      "fifo"
    ],
    "frames": [
      2
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
      "frames": 2,
      "references": 6,
      "reads": 2,
      "writes": 3,
      "fetches": 1,
      "faults": 5,
      "hits": 1,
      "evictions": 3,
      "writebacks": 1,
      "distinct_pages": 4,
      "page_tables": 3,
      "fault_rate": 0.8333333333
    }
  ]
}
%%STDERR

%%TEST 64-bit addresses: step tables name the trace's own pages
%%ARGS replay -p lru -n 2 --steps h.lk
%%FILE h.lk
I  00108000,4
 S 1ffefff000,8
 L 1ffeffeff8,8
 M 1ffefff008,8
 S 0000000004a2b010,8
 L 00108004,4
%%STDOUT
trace      h.lk (lackey, 4.0 KiB pages)
references 6 (2 reads, 3 writes, 1 fetch)
mapped     1 4 MiB region above 4 GiB into the top of the 32-bit space

policy     frames   references       faults   fault%    evictions   writebacks
lru             2            6            5    83.33            3            1

4 distinct pages, 3 page tables

lru, 2 frames: 5 faults
ref            0x108 0x1ffefffw  0x1ffeffe 0x1ffefffw    0x4a2bw      0x108
frame 0        0x108      0x108  0x1ffeffe  0x1ffeffe     0x4a2b     0x4a2b
frame 1               0x1ffefff  0x1ffefff  0x1ffefff  0x1ffefff      0x108
fault              *          *          *                     *          *
victim                               0x108             0x1ffeffe  0x1ffefff
%%STDERR

%%TEST 64-bit addresses: --reject-high refuses them, naming file and line
%%ARGS replay --reject-high -p fifo -n 2 h.lk
%%FILE h.lk
I  00108000,4
 S 1ffefff000,8
 L 1ffeffeff8,8
 M 1ffefff008,8
 S 0000000004a2b010,8
 L 00108004,4
%%EXIT 65
%%STDERR
vmtrace: h.lk:2: address 0x1ffefff000: lies at or above 4 GiB (--reject-high refuses it)

%%TEST 64-bit addresses: --reject-high in stats, after valid low records
%%ARGS stats --reject-high -O json h.lk
%%FILE h.lk
I  00108000,4
 S 1ffefff000,8
 L 1ffeffeff8,8
 M 1ffefff008,8
 S 0000000004a2b010,8
 L 00108004,4
%%EXIT 65
%%STDERR
vmtrace: h.lk:2: address 0x1ffefff000: lies at or above 4 GiB (--reject-high refuses it)

%%TEST 64-bit addresses: two regions take slots 1023 and 1022
# 0x555555554000 >> 22 = 0x1555555: region 0x555555400000.
%%ARGS stats two.lk
%%FILE two.lk
 L 1ffefff000,4
 L 0000555555554000,4
 L 1ffeffe000,4
%%STDOUT
trace      two.lk (lackey, 4.0 KiB pages)
references 3 (3 reads, 0 writes, 0 fetches)
mapped     2 4 MiB regions above 4 GiB into the top of the 32-bit space
records    3 in 3 lines
distinct   3 pages, footprint 12.0 KiB, 2 page tables
addresses  0x1ffeffe000 .. 0x555555554003
  region   0x1ffec00000 -> 0xffc00000 (slot 1023)
  region   0x555555400000 -> 0xff800000 (slot 1022)
%%STDERR

%%TEST 64-bit addresses: a slot used by low addresses is not lent
# 0xffc00000 is in slot 1023 already, so the stack region gets slot 1022.
%%ARGS stats col2.lk
%%FILE col2.lk
 L ffc00000,4
 L 1ffefff000,4
%%STDOUT
trace      col2.lk (lackey, 4.0 KiB pages)
references 2 (2 reads, 0 writes, 0 fetches)
mapped     1 4 MiB region above 4 GiB into the top of the 32-bit space
records    2 in 2 lines
distinct   2 pages, footprint 8.0 KiB, 2 page tables
addresses  0xffc00000 .. 0x1ffefff003
  region   0x1ffec00000 -> 0xff800000 (slot 1022)
%%STDERR

%%TEST 64-bit addresses: a low address in a lent slot stops the run
%%ARGS stats col.lk
%%FILE col.lk
 L 00001000,4
 L 1ffefff000,4
 L 2000000000,4
 L ffc00000,4
%%EXIT 65
%%STDERR
vmtrace: col.lk:4: address 0xffc00000: lies below 4 GiB in a 4 MiB slot already lent to a region above 4 GiB

%%TEST stats of a small lackey trace (text)
%%ARGS stats h.lk
%%FILE h.lk
I  00108000,4
 S 1ffefff000,8
 L 1ffeffeff8,8
 M 1ffefff008,8
 S 0000000004a2b010,8
 L 00108004,4
%%STDOUT
trace      h.lk (lackey, 4.0 KiB pages)
references 6 (2 reads, 3 writes, 1 fetch)
mapped     1 4 MiB region above 4 GiB into the top of the 32-bit space
records    6 in 6 lines
distinct   4 pages, footprint 16.0 KiB, 3 page tables
addresses  0x108000 .. 0x1ffefff00f
  region   0x1ffec00000 -> 0xffc00000 (slot 1023)
%%STDERR

%%TEST stats of a small lackey trace (json)
%%ARGS stats -O json h.lk
%%FILE h.lk
I  00108000,4
 S 1ffefff000,8
 L 1ffeffeff8,8
 M 1ffefff008,8
 S 0000000004a2b010,8
 L 00108004,4
%%STDOUT
{
  "vmtrace": "@VERSION@",
  "command": "stats",
  "trace": {
    "path": "h.lk",
    "format": "lackey",
    "page_size": 4096,
    "lines": 6,
    "records": 6,
    "references": 6,
    "reads": 2,
    "writes": 3,
    "fetches": 1,
    "dropped_fetches": 0,
    "crossing": 0,
    "valgrind_lines": 0,
    "stray_lines": 0,
    "glued_lines": 0,
    "min_addr": "0x108000",
    "max_addr": "0x1ffefff00f",
    "high_regions": [
      {
        "from": "0x1ffec00000",
        "to": "0xffc00000",
        "slot": 1023
      }
    ],
    "distinct_pages": 4,
    "footprint_bytes": 16384,
    "page_tables": 3
  }
}
%%STDERR

%%TEST stats of a small lackey trace (csv)
# The high address ends at 0x1ffefff008 + 7 = 0x1ffefff00f.
%%ARGS stats -O csv h.lk
%%FILE h.lk
I  00108000,4
 S 1ffefff000,8
 L 1ffeffeff8,8
 M 1ffefff008,8
 S 0000000004a2b010,8
 L 00108004,4
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
h.lk,lackey,4096,6,6,6,2,3,1,0,0,0,0,0,0x108000,0x1ffefff00f,1,4,16384,3
%%STDERR

%%TEST stats of a lackey trace from stdin
%%ARGS stats -O csv -
%%STDIN
I  04000ffe,4
 L 00001000,4
 S 00002ff8,16
 M 00003000,8
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
-,lackey,4096,4,4,6,1,3,2,0,2,0,0,0,0x1000,0x4001001,0,5,20480,2
%%STDERR

%%TEST detection: records behind program output, most of the lines
# Every early record has program output glued in front: still lackey.
%%ARGS stats -O csv -
%%STDIN
hello I  0040102c,7
foo I  0040102c,7
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
-,lackey,4096,2,2,2,0,0,2,0,0,0,0,2,0x40102c,0x401032,0,1,4096,1
%%END

%%TEST detection: prose quoting a record is not a trace
%%ARGS stats -
%%STDIN
# Notes
A lackey line looks like `I  0040102c,7` in a trace.
Nothing else here is a record.
%%EXIT 65
%%STDERR
vmtrace: <stdin>: not a trace: neither lackey records nor page numbers
%%END
