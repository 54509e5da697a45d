# memory.t - the memory model (swap, zero page, TLB) and the cost model.

%%TEST memory: swap full stops the run with a warning, exit 0
%%ARGS replay -p fifo -n 1 --swap 1 -O csv t.seq
%%FILE t.seq
1 2 3 4
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident,minor_faults,major_faults,zero_maps,swap_ins,file_reads,swap_outs,swap_cleans,swap_drops,file_drops,swap_slots_max,device_reads,device_writes,zswap_stores,zswap_loads,zswap_writebacks,oom_reference,oom_page
fifo,1,,2,2,0,0,2,0,1,0,2,1,1,,,2,0,0,0,0,1,0,0,0,1,0,1,0,0,0,3,3
%%STDERR
vmtrace: warning: fifo, 1 frame: out of memory at reference 3 (page 3): the swap area is full; the run stopped there

%%TEST memory: JSON names the reference and page out of memory
%%ARGS replay -p lru -n 1 --swap 0 -O json t.lackey
%%FILE t.lackey
 L 00001000,4
 L 00002000,4
%%STDOUT-CONTAINS "oom": {
%%STDERR
vmtrace: warning: lru, 1 frame: out of memory at reference 2 (page 0x2): the swap area is full; the run stopped there

%%TEST memory: no option, no memory columns
%%ARGS replay -p lru -n 1 -O csv t.seq
%%FILE t.seq
1 2
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident
lru,1,,2,2,0,0,2,0,1,0,2,1,1,,

%%TEST memory: explain with hdd, by hand
# 1 and 2 minor (1 us each); 2 evicts 1: a swap-out (10 ms); 1 evicts 2
# (swap-out) and is read back (10 ms): 30 ms + 2 us + 3 x 100 ns.
%%ARGS replay -p fifo -n 1 --device hdd --explain t.seq
%%FILE t.seq
1 2 1
%%STDOUT
trace      t.seq (seq, 4.0 KiB pages)
references 3 (3 reads, 0 writes, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
fifo            1            3            3   100.00            2            0

2 distinct pages, 1 page table

memory     frames      minor      major   swap-ins  swap-outs swap-drops file-reads
fifo            1          2          1          1          2          0          0

time       frames        total      per-ref     slowdown   (device hdd)
fifo            1        30 ms        10 ms    100007.7x

fifo, 1 frame: 30 ms simulated, 10 ms a reference, 100007.7x an all-hit run
  memory                       3 x 100 ns    =     300 ns    0.00%
  minor_faults                 2 x 1 us      =       2 us    0.01%
  swap_ins                     1 x 10 ms     =      10 ms   33.33%
  swap_outs                    2 x 10 ms     =      20 ms   66.66%

%%TEST memory: cost override and total in JSON
%%ARGS replay -p fifo -n 1 --device ssd --cost read=1ms --cost write=2ms -O json t.seq
%%FILE t.seq
1 2 1
%%STDOUT-CONTAINS "total_ns": 5002300.0,

%%TEST memory: zero page and TLB in CSV
%%ARGS replay -p lru -n 2 --zero-page --tlb 2:1 -O csv t.seq
%%FILE t.seq
1 1 1w 3
%%STDOUT-CRLF
policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident,minor_faults,major_faults,zero_maps,swap_ins,file_reads,swap_outs,swap_cleans,swap_drops,file_drops,swap_slots_max,device_reads,device_writes,zswap_stores,zswap_loads,zswap_writebacks,tlb_hits,tlb_misses,tlb_shootdowns,oom_reference,oom_page
lru,2,,4,3,1,0,3,1,0,0,2,1,0.75,,,3,0,2,0,0,0,0,0,0,0,0,0,0,0,0,2,2,0,,

%%TEST memory: sweep with a device simulates every point
%%ARGS sweep -p lru -n 1-2 --device nvme -O csv t.seq
%%FILE t.seq
1 2 1
%%STDOUT-CONTAINS lru,simulated,1,,3,0,2,0,1,,false,,2,1,0,1,0,2,0,0,0,2,1,2,0,0,0,,,nvme,62300,

%%TEST memory: unknown device
%%ARGS replay -p lru -n 1 --device floppy t.seq
%%FILE t.seq
1
%%EXIT 64
%%STDERR
vmtrace: --device: unknown device 'floppy' (hdd, ssd, nvme, zswap)

%%TEST memory: a cost without a unit
%%ARGS replay -p lru -n 1 --cost read=80 t.seq
%%FILE t.seq
1
%%EXIT 64
%%STDERR
vmtrace: --cost read: give a unit: ns, us, ms or s ('80')

%%TEST memory: a TLB whose sets are not a power of two
%%ARGS replay -p lru -n 1 --tlb 48:4 t.seq
%%FILE t.seq
1
%%EXIT 64
%%STDERR
vmtrace: --tlb: 48 entries in 4 ways make a non-power-of-two number of sets; the sets must be a whole power of two (e.g. 64:4)

%%TEST memory: swap beyond 32 types of 2^20 slots
%%ARGS replay -p lru -n 1 --swap 33554433 t.seq
%%FILE t.seq
1
%%EXIT 64
%%STDERR
vmtrace: --swap: 33554433 is out of range (0 to 33554432)

%%TEST memory: zswap ratio below one
%%ARGS replay -p lru -n 1 --zswap-ratio 0.5 t.seq
%%FILE t.seq
1
%%EXIT 64
%%STDERR
vmtrace: --zswap-ratio: '0.5' is not a ratio from 1 to 64

%%TEST memory: the zero page does not go with a window policy
%%ARGS replay -p lru,ws -n 2 --zero-page t.seq
%%FILE t.seq
1
%%EXIT 64
%%STDERR
vmtrace: --zero-page: not with ws, whose resident set follows every reference (a zero-page read takes no frame)

%%TEST memory: a copy-on-write copy costs copy on top of its minor fault
# traces/fork-cow.events (its events, without the comments) at 6 frames
# copies two pages, as its header works out: 2 x 500 ns.
%%ARGS replay -p lru -n 6 --device ssd --cost copy=500ns --explain t.events
%%FILE t.events
1: 10x 20w 30w          # text, data, stack
fork 1 2
2: 10x 30w              # child: text (shared), stack (copied)
1: 10x 20w              # parent: data (copied)
exec 2                  # the child's shared pages are released
2: 40x 41w
1: 30w                  # last sharer of the stack: R/W again, no copy
exit 2
1: 10x 20 30
%%STDOUT-CONTAINS   cow_copies                   2 x 500 ns    =       1 us
