# formats.t - which reader reads a trace (auto-detection, -t), stdin, and
# page sizes (--page-size: a power of two from 1 KiB to 4 MiB).

%%TEST auto: plain numbers are a reference string
%%ARGS stats -O csv s.seq
%%FILE s.seq
1,2,3
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
s.seq,seq,4096,1,3,3,3,0,0,0,0,0,0,0,0x1000,0x3fff,0,3,12288,1
%%STDERR

%%TEST auto: hex page numbers are a reference string too
# 0xa = 10, 0xb = 11: addresses 0xa000 and 0xb000.
%%ARGS stats -O csv -
%%STDIN
0xa 0xb
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
-,seq,4096,1,2,2,2,0,0,0,0,0,0,0,0xa000,0xbfff,0,2,8192,1
%%STDERR

%%TEST auto: lackey even when program output comes first
# Line 1 is stray; the records after it decide.  Pages 0x400 (table 1) and 1.
%%ARGS stats -O csv first.lk
%%FILE first.lk
total 9624
I  00400000,4
 L 00001000,4
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
first.lk,lackey,4096,3,2,2,1,0,1,0,0,0,1,0,0x1000,0x400003,0,2,8192,2
%%STDERR-CONTAINS (first at line 1: 'total 9624')

%%TEST auto: lackey on stdin, through a pipe
# OPT spools stdin.  Pages 0x400 1 0x400 2w 0x400 on 2 frames: t4 evicts 1
# (never used again), t5 hits: 3 faults.
%%ARGS replay -p opt -n 2 -O csv -
%%STDIN
I  00400000,4
 L 00001000,4
I  00400004,4
 S 00002000,4
I  00400008,4
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
opt,2,,5,1,1,3,3,2,1,0,3,2,0.6,,
%%STDERR

%%TEST auto: neither format
%%ARGS stats -
%%STDIN
hello, world
%%EXIT 65
%%STDERR
vmtrace: <stdin>: not a trace: neither lackey records nor page numbers

%%TEST -t auto is the default
%%ARGS replay -t auto -p fifo -n 3 -O csv s.seq
%%FILE s.seq
1,2,3,4
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,3,,4,4,0,0,4,0,1,0,4,1,1,,
%%STDERR

%%TEST -t lackey on stdin
%%ARGS stats -t lackey -O csv -
%%STDIN
 S 00001000,4
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
-,lackey,4096,1,1,1,0,1,0,0,0,0,0,0,0x1000,0x1003,0,1,4096,1
%%STDERR

%%TEST -t lackey on a reference string: no records
%%ARGS stats -t lackey s.seq
%%FILE s.seq
1,2,3
%%EXIT 65
%%STDERR-CONTAINS vmtrace: s.seq: no lackey records in the trace

%%TEST -t seq on a lackey trace: the first token is not a page number
%%ARGS replay -t seq -p fifo -n 2 t.lk
%%FILE t.lk
 L 00001000,4
%%EXIT 65
%%STDERR
vmtrace: t.lk:1: not a page number: 'L'
%%END

# p4.lk, for page sizes:
#    L 00001000,4     4 KiB page 1;  16 KiB page 0;      4 MiB page 0
#    L 00400000,4     4 KiB 0x400;   16 KiB 0x100;       4 MiB page 1
#    L 1ffefff000,4   region 0x7ffb (above 4 GiB) borrows slot 1023
#    S 00001ff0,32    0x1ff0..0x200f: crosses 4 KiB pages 1 and 2 only

%%TEST page size 4 MiB (x86 PSE): one page table covers everything
# Pages 0, 1 and the stack's 4 MiB page; the directory has one entry.
# Footprint 3 * 4 MiB = 12582912.
%%ARGS stats --page-size 4M -O csv p4.lk
%%FILE p4.lk
 L 00001000,4
 L 00400000,4
 L 1ffefff000,4
 S 00001ff0,32
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
p4.lk,lackey,4194304,4,4,4,3,1,0,0,0,0,0,0,0x1000,0x1ffefff003,1,3,12582912,1
%%STDERR

%%TEST page size 4 MiB: text names the page size
%%ARGS stats --page-size 4MiB p4.lk
%%FILE p4.lk
 L 00001000,4
 L 00400000,4
 L 1ffefff000,4
 S 00001ff0,32
%%STDOUT
trace      p4.lk (lackey, 4.0 MiB pages)
references 4 (3 reads, 1 write, 0 fetches)
mapped     1 4 MiB region above 4 GiB into the top of the 32-bit space
records    4 in 4 lines
distinct   3 pages, footprint 12.0 MiB, 1 page table
addresses  0x1000 .. 0x1ffefff003
  region   0x1ffec00000 -> 0xffc00000 (slot 1023)
%%STDERR

%%TEST page size 4 MiB: replay
# Pages 0 1 hi 0w on 2 LRU frames: t3 evicts 0, t4 evicts 1: 4 faults.
%%ARGS replay --page-size 4194304 -p lru -n 2 -O csv p4.lk
%%FILE p4.lk
 L 00001000,4
 L 00400000,4
 L 1ffefff000,4
 S 00001ff0,32
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
lru,2,,4,3,1,0,4,0,2,0,3,1,1,,
%%STDERR

%%TEST page size 16 KiB, unit in lower case
# 16 KiB pages: 256 directory entries of 1024 PTEs; pages 0 and 0x100 share
# table 0, the stack's page lands in the last table (255).
%%ARGS stats --page-size 16kib -O csv p4.lk
%%FILE p4.lk
 L 00001000,4
 L 00400000,4
 L 1ffefff000,4
 S 00001ff0,32
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
p4.lk,lackey,16384,4,4,4,3,1,0,0,0,0,0,0,0x1000,0x1ffefff003,1,3,49152,2
%%STDERR

%%TEST page size 4 KiB given in bytes is the default
# 4 KiB: pages 1, 0x400, the stack page, 1 and 2 (the S crosses): 5
# references, 4 pages in tables 0, 1 and 1023.
%%ARGS stats --page-size 4096 -O csv p4.lk
%%FILE p4.lk
 L 00001000,4
 L 00400000,4
 L 1ffefff000,4
 S 00001ff0,32
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
p4.lk,lackey,4096,4,4,5,3,2,0,0,1,0,0,0,0x1000,0x1ffefff003,1,4,16384,3
%%STDERR

%%TEST page size 1 KiB, the smallest
# 1 KiB pages: 0x1000 is page 4, 0x400000 page 0x1000, 0x1ff0..0x200f
# pages 7 and 8 (crossing).  4096 directory entries: pages 4, 7, 8 in
# table 0, 0x1000 in table 4, the stack in the last one.
%%ARGS stats --page-size 1K -O csv p4.lk
%%FILE p4.lk
 L 00001000,4
 L 00400000,4
 L 1ffefff000,4
 S 00001ff0,32
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
p4.lk,lackey,1024,4,4,5,3,2,0,0,1,0,0,0,0x1000,0x1ffefff003,1,5,5120,3
%%STDERR

%%TEST streaming: a reference string of 1,000,000 tokens (about 3.9 MB)
# Pages i % 1000 for i = 0 .. 999999, ten to a line (100000 lines), the
# tenth written (3w): 100000 writes.  The input spans several read buffers,
# so tokens and line ends fall on buffer boundaries.
# 1000 frames hold the whole loop: 1000 cold faults.  999 frames: FIFO and
# LRU fault on every reference and evict the page loaded 999 references
# earlier, which is dirty when that load was a write: (i - 999) % 10 == 9,
# i.e. i % 10 == 8, for i = 1008, 1018, ..., 999998: 99900 write-backs.
%%ARGS replay -p fifo,lru -n 1000,999 -O csv big.seq
%%FILE-SH big.seq
awk 'BEGIN {
	for (i = 0; i < 1000000; i++)
		printf "%d%s", i % 1000, (i % 10 == 9 ? "w\n" : ",")
}'
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
fifo,1000,,1000000,900000,100000,0,1000,999000,0,0,1000,1,0.001,,
fifo,999,,1000000,900000,100000,0,1000000,0,999001,99900,1000,1,1,,
lru,1000,,1000000,900000,100000,0,1000,999000,0,0,1000,1,0.001,,
lru,999,,1000000,900000,100000,0,1000000,0,999001,99900,1000,1,1,,
%%STDERR

%%TEST streaming: the same reference string through a pipe
%%ARGS stats -O csv -
%%STDIN-SH
awk 'BEGIN {
	for (i = 0; i < 1000000; i++)
		printf "%d%s", i % 1000, (i % 10 == 9 ? "w\n" : ",")
}'
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
-,seq,4096,100000,1000000,1000000,900000,100000,0,0,0,0,0,0,0x0,0x3e7fff,0,1000,4096000,1
%%STDERR

%%TEST streaming: a lackey trace of 600,001 lines (about 9 MB)
# A valgrind line, then 300000 times: a fetch from one of 16 code pages
# (0x400 .. 0x40f) and an 8-byte store at offset 4092 of one of 64 data
# pages (0x10000 .. 0x1003f), which crosses into the next page: 300000 +
# 600000 references, 300000 crossing, 16 + 65 pages in 2 page tables (1 and
# 64).  The highest byte: 0x1003f000 + 4092 + 7 = 0x10040003.
%%ARGS stats -O csv big.lk
%%FILE-SH big.lk
awk 'BEGIN {
	print "==77== Lackey, an example Valgrind tool"
	for (i = 0; i < 300000; i++) {
		printf "I  %08x,4\n", 4194304 + (i % 16) * 4096
		printf " S %08x,8\n", 268435456 + (i % 64) * 4096 + 4092
	}
}'
%%STDOUT-CRLF
path,format,page_size,lines,records,references,reads,writes,fetches,dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,high_regions,distinct_pages,footprint_bytes,page_tables
big.lk,lackey,4096,600001,600000,900000,0,600000,300000,0,300000,1,0,0,0x400000,0x10040003,0,81,331776,2
%%STDERR

%%TEST streaming: the lackey trace through a pipe, data only, in a replay
# -D leaves the 600000 store references, on 65 data pages (0x10000 ..
# 0x10040): with 65 frames only the 65 cold faults; fault rate 65/600000.
%%ARGS replay -D -p lru -n 65 -O csv -
%%STDIN-SH
awk 'BEGIN {
	print "==77== Lackey, an example Valgrind tool"
	for (i = 0; i < 300000; i++) {
		printf "I  %08x,4\n", 4194304 + (i % 16) * 4096
		printf " S %08x,8\n", 268435456 + (i % 64) * 4096 + 4092
	}
}'
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
lru,65,,600000,0,600000,0,65,599935,0,0,65,1,0.0001083333333,,
%%STDERR
