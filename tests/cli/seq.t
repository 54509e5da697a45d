# seq.t - reference strings: page numbers separated by commas and/or white
# space, decimal or 0x hex, a w/W suffix for a write (r/R: an explicit read),
# '#' comments to the end of the line.

%%TEST separators: commas, blanks, tabs, empty lines, a comment line
# 7 tokens on 5 lines (one comment line, one empty line, a trailing comma).
# Pages 1..7: addresses 0x1000..0x7000, footprint 7 * 4096 = 28672.
%%ARGS stats -O csv sep.seq
%%FILE-ESC sep.seq
# header comment\n1, 2 ,3\t4\n\n  5 ,6,\n7\n
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
sep.seq,seq,4096,5,7,7,7,0,0,0,0,0,0,0,0x1000,0x7fff,0,7,28672,1
%%STDERR

%%TEST separators: the same string however it is spelled
# Belady's string with mixed separators gives FIFO's 9 and 10.
%%ARGS replay -p fifo -n 3,4 -O csv -
%%STDIN-ESC
1 ,2,3\n4\t1,  2\n\n5\n1 2 3\t\t4,5\n
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,3,,12,12,0,0,9,3,6,0,5,1,0.75,,
fifo,4,,12,12,0,0,10,2,6,0,5,1,0.8333333333,,
%%STDERR

%%TEST hex: 0x and 0X name the same pages as decimal
# 0x10 = 16, 0X1f = 31, 0xA = 10: pages 16 31 16 31 10, 3 cold faults.
%%ARGS replay -p lru -n 3 --steps hex.seq
%%FILE hex.seq
0x10 0X1f 16 31 0xA
%%STDOUT
trace      hex.seq (seq, 4.0 KiB pages)
references 5 (5 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
lru             3            5            3    60.00            0            0

3 distinct pages, 1 page table

lru, 3 frames: 3 faults
ref        16  31  16  31  10
frame 0    16  16  16  16  16
frame 1        31  31  31  31
frame 2                    10
fault       *   *           *
victim
%%STDERR

%%TEST write marker: a page written and evicted is written back
# 1w 2 3 1 2 3 on 2 frames.  FIFO and LRU: 1 (dirty) leaves at t3 -> one
# write-back; 1 comes back clean at t4 (a read) and leaves clean at t6.
# OPT: t3 evicts 2 (next use t5, 1's is t4); t5 evicts 1 (never used again,
# dirty): 4 faults, 1 write-back.
%%ARGS replay -p fifo,lru,opt -n 2 -O csv w.seq
%%FILE w.seq
1w 2 3 1 2 3
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,2,,6,5,1,0,6,0,4,1,3,1,1,,
lru,2,,6,5,1,0,6,0,4,1,3,1,1,,
opt,2,,6,5,1,0,4,2,2,1,3,1,0.6666666667,,
%%STDERR

%%TEST write marker: W on a hit dirties the page; r and R are reads
# 1 1W 2r 3R on 2 FIFO frames: 1 is dirtied by the hit at t2 and evicted
# at t4: one write-back.
%%ARGS replay -p fifo -n 2 -O csv w2.seq
%%FILE w2.seq
1 1W 2r 3R
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,2,,4,3,1,0,3,1,1,1,3,1,0.75,,
%%STDERR

%%TEST write marker: nothing is flushed at the end
# Both pages are dirty at the end, none was evicted: 0 write-backs.
%%ARGS replay -p fifo,lru,opt,clock,lfu -n 2 -O csv -
%%STDIN
1w 2w 1w
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,2,,3,0,3,0,2,1,0,0,2,1,0.6666666667,,
lru,2,,3,0,3,0,2,1,0,0,2,1,0.6666666667,,
opt,2,,3,0,3,0,2,1,0,0,2,1,0.6666666667,,
clock,2,,3,0,3,0,2,1,0,0,2,1,0.6666666667,,
lfu,2,,3,0,3,0,2,1,0,0,2,1,0.6666666667,,
%%STDERR

%%TEST write marker: every policy counts dirty evictions
# 1w 2 1w 3 4 2w 5 6 on 2 frames, by hand:
#   FIFO  victims 1d 2 3 4 2d      7 faults, 2 write-backs
#   LRU   victims 2 1d 3 4 2d      7 faults, 2 write-backs
#   OPT   victims 1d 3 4 2d        6 faults, 2 write-backs (t6 and t7 tie:
#         no page is used again, the least recently used goes: 4, then 2d)
#   Clock victims 1d 2 3 4 2d      7 faults, 2 write-backs
#   LFU   victims 2 3 4 2d 5       7 faults, 1 write-back (1d stays, count 2)
%%ARGS replay -p fifo,lru,opt,clock,lfu -n 2 -O csv -
%%STDIN-ESC
1w 2 1w 3 4 2w 5 6
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,2,,8,5,3,0,7,1,5,2,6,1,0.875,,
lru,2,,8,5,3,0,7,1,5,2,6,1,0.875,,
opt,2,,8,5,3,0,6,2,4,2,6,1,0.75,,
clock,2,,8,5,3,0,7,1,5,2,6,1,0.875,,
lfu,2,,8,5,3,0,7,1,5,1,6,1,0.875,,
%%STDERR

%%TEST write marker in step tables
# The ref row marks writes with w (columns are as wide as the widest page
# name plus one, so 1w fits).  Victims: 1 (dirty) at t3, then 2, 3, 1.
%%ARGS replay -p fifo -n 2 --steps -
%%STDIN
1w 2 3 1 2 3
%%STDOUT
trace      - (seq, 4.0 KiB pages)
references 6 (5 reads, 1 write, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
fifo            2            6            6   100.00            4            1

3 distinct pages, 1 page table

fifo, 2 frames: 6 faults
ref       1w  2  3  1  2  3
frame 0    1  1  3  3  2  2
frame 1       2  2  1  1  3
fault      *  *  *  *  *  *
victim           1  2  3  1
%%STDERR

%%TEST comments: to the end of the line, also right after a token
# Only 1 2 3 are references: 3 lines, pages 1..3.
%%ARGS stats -O csv cm.seq
%%FILE cm.seq
# comment 1 2 3
1 2 # 9 9 9
3#4
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
cm.seq,seq,4096,3,3,3,3,0,0,0,0,0,0,0,0x1000,0x3fff,0,3,12288,1
%%STDERR

%%TEST comments: a commented-out page changes the faults
# Belady's string with its first 5 commented out: 1,2,3,4,1,2,1,2,3,4,5
# on 3 FIFO frames:
#   t1-3 [1 2 3]; t4 4 evicts 1; t5 1 evicts 2; t6 2 evicts 3;
#   t7 1 hit; t8 2 hit; t9 3 evicts 4; t10 4 evicts 1; t11 5 evicts 2.
# 9 faults, 2 hits, 6 evictions; fault rate 9/11.
%%ARGS replay -p fifo -n 3 -O csv -
%%STDIN
1,2,3,4,1,2,   # 5,
1,2,3,4,5
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,3,,11,11,0,0,9,2,6,0,5,1,0.8181818182,,
%%STDERR

%%TEST CRLF line ends
%%ARGS stats -O csv crlf.seq
%%FILE-ESC crlf.seq
1,2\r\n3\r\n
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
crlf.seq,seq,4096,2,3,3,3,0,0,0,0,0,0,0,0x1000,0x3fff,0,3,12288,1
%%STDERR

%%TEST no final newline: the last line and its last token count
%%ARGS stats -O csv nonl.seq
%%FILE-ESC nonl.seq
1 2 3\n4
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
nonl.seq,seq,4096,2,4,4,4,0,0,0,0,0,0,0,0x1000,0x4fff,0,4,16384,1
%%STDERR

%%TEST no final newline on stdin, a write marker last
# 1 2 1w on 1 frame: 3 faults, the last page dirty but never evicted.
%%ARGS replay -p fifo -n 1 -O csv -
%%STDIN-ESC
1 2 1w
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,1,,3,2,1,0,3,0,2,0,2,1,1,,
%%STDERR

%%TEST page numbers beyond the 32-bit space are mapped, not merged
# Page 0x100000 is address 4 GiB: its 4 MiB region 0x100000000 borrows
# directory slot 1023 (0xffc00000).  Pages 1 1048576 1048577 2 stay four
# distinct pages (2 page tables: slots 0 and 1023); FIFO on 2 frames faults
# on all four.  Tables show the trace's own page numbers.
%%ARGS replay -p fifo -n 2 --steps hi.seq
%%FILE hi.seq
1 0x100000 0x100001 2
%%STDOUT
trace      hi.seq (seq, 4.0 KiB pages)
references 4 (4 reads, 0 writes, 0 fetches)
mapped     1 4 MiB region above 4 GiB into the top of the 32-bit space

policy     frames   references       faults   fault%    evictions   writebacks
fifo            2            4            4   100.00            2            0

4 distinct pages, 2 page tables

fifo, 2 frames: 4 faults
ref              1  1048576  1048577        2
frame 0          1        1  1048577  1048577
frame 1             1048576  1048576        2
fault            *        *        *        *
victim                             1  1048576
%%STDERR

%%TEST page numbers beyond the 32-bit space: stats json
%%ARGS stats -O json hi.seq
%%FILE hi.seq
1 0x100000 0x100001 2
%%STDOUT
{
  "vmtrace": "@VERSION@",
  "command": "stats",
  "trace": {
    "path": "hi.seq",
    "format": "seq",
    "page_size": 4096,
    "lines": 1,
    "records": 4,
    "references": 4,
    "reads": 4,
    "writes": 0,
    "fetches": 0,
    "dropped_fetches": 0,
    "crossing": 0,
    "valgrind_lines": 0,
    "stray_lines": 0,
    "glued_lines": 0,
    "min_addr": "0x1000",
    "max_addr": "0x100001fff",
    "high_regions": [
      {
        "from": "0x100000000",
        "to": "0xffc00000",
        "slot": 1023
      }
    ],
    "distinct_pages": 4,
    "footprint_bytes": 16384,
    "page_tables": 2
  }
}
%%STDERR

%%TEST page numbers beyond the 32-bit space: --reject-high
%%ARGS stats --reject-high hi.seq
%%FILE hi.seq
1 2
3 0x100000 0x100001 2
%%EXIT 65
%%STDERR
vmtrace: hi.seq:2: page 1048576: lies at or above 4 GiB (--reject-high refuses it)

%%TEST page size: seq page numbers stay pages, addresses scale
# --page-size 16K: page 3 is address 3 << 14 = 0xc000; footprint 2 * 16384.
%%ARGS stats --page-size 16K -O csv -
%%STDIN
1 3 1w
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
-,seq,16384,1,3,3,2,1,0,0,0,0,0,0,0x4000,0xffff,0,2,32768,1
%%STDERR
