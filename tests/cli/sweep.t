# sweep.t - fault curves across frame counts and windows, anomalies, errors.
# Every number here was worked out by hand from DESIGN.md's semantics (the
# unit tests also check every sweep point against a replay).

%%TEST belady: FIFO rises at 4 frames, LRU and OPT never rise
# Belady's string 1,2,3,4,1,2,5,1,2,3,4,5.  FIFO: 12 12 9 10 5 5 (2 frames:
# every reference faults).  LRU stack distances: five first touches, then
# 4 4 3 3 5 5 5, so 12 12 10 8 5 5.  OPT: 12 9 7 6 5 5 (2 frames: victims
# 2, 3, 4, 2, 1, 2, 3).
%%ARGS sweep -p fifo,lru,opt -n 1-6 b.seq
%%FILE b.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT
trace      b.seq (seq, 4.0 KiB pages)
references 12 (12 reads, 0 writes, 0 fetches)

faults by frame count (! = more faults than the row before)
  frames         fifo          lru          opt
       1          12           12           12
       2          12           12            9
       3           9           10            7
       4          10!           8            6
       5           5            5            5
       6           5            5            5

anomalies (more memory, more faults):
  fifo     frames 4: 10 faults, frames 3: 9
%%END

%%TEST belady: one-pass curves in threads of their own (-j 2) give the same numbers
# LRU and OPT run beside FIFO's pool; the columns keep the -p order.
%%ARGS sweep -j 2 -p lru,opt,fifo -n 1-6 b.seq
%%FILE b.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT
trace      b.seq (seq, 4.0 KiB pages)
references 12 (12 reads, 0 writes, 0 fetches)

faults by frame count (! = more faults than the row before)
  frames          lru          opt         fifo
       1          12           12           12
       2          12            9           12
       3          10            7            9
       4           8            6           10!
       5           5            5            5
       6           5            5            5

anomalies (more memory, more faults):
  fifo     frames 4: 10 faults, frames 3: 9
%%END

%%TEST belady: csv, one row per policy and point
%%ARGS sweep -p fifo,opt -n 3-4 -O csv b.seq
%%FILE b.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT-CRLF
policy,method,frames,tau,faults,hits,evictions,writebacks,fault_rate,mean_resident,anomaly,prev_faults
fifo,simulated,3,,9,3,6,0,0.75,,false,
fifo,simulated,4,,10,2,6,0,0.8333333333,,true,9
opt,one-pass,3,,7,5,4,0,0.5833333333,,false,
opt,one-pass,4,,6,6,2,0,0.5,,false,
%%END

%%TEST clock and lfu anomalies from DESIGN.md
# Clock on 0,1,2,3,1,0,1,4,0,1: 6 at 3 frames, 7 at 4.
%%ARGS sweep -p clock -n 3-4 -O csv c.seq
%%FILE c.seq
0,1,2,3,1,0,1,4,0,1
%%STDOUT-CRLF
policy,method,frames,tau,faults,hits,evictions,writebacks,fault_rate,mean_resident,anomaly,prev_faults
clock,simulated,3,,6,4,3,0,0.6,,false,
clock,simulated,4,,7,3,3,0,0.7,,true,6
%%END

%%TEST a step over the range compares with the previous point shown
# FIFO on Belady's string at 1, 3, 5: 12, 9, 5: falling, no anomaly.
%%ARGS sweep -p fifo -n 1-5:2 -O csv b.seq
%%FILE b.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT-CRLF
policy,method,frames,tau,faults,hits,evictions,writebacks,fault_rate,mean_resident,anomaly,prev_faults
fifo,simulated,1,,12,0,11,0,1,,false,
fifo,simulated,3,,9,3,6,0,0.75,,false,
fifo,simulated,5,,5,7,0,0,0.4166666667,,false,
%%END

%%TEST -n all: 1 .. the number of distinct pages
%%ARGS sweep -p lru -n all -O csv b.seq
%%FILE b.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT-CRLF
policy,method,frames,tau,faults,hits,evictions,writebacks,fault_rate,mean_resident,anomaly,prev_faults
lru,one-pass,1,,12,0,11,0,1,,false,
lru,one-pass,2,,12,0,10,0,1,,false,
lru,one-pass,3,,10,2,7,0,0.8333333333,,false,
lru,one-pass,4,,8,4,4,0,0.6666666667,,false,
lru,one-pass,5,,5,7,0,0,0.4166666667,,false,
%%END

%%TEST working set over tau, Silberschatz's string
# tau 10: 8 faults, mean |W| 4.55 (DESIGN.md); tau 1: every reference
# faults but the repeats 3,3? none are adjacent, so 20, and |W| is 1.
%%ARGS sweep -p ws --tau 1-10:9 -O csv s.seq
%%FILE s.seq
7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1
%%STDOUT-CRLF
policy,method,frames,tau,faults,hits,evictions,writebacks,fault_rate,mean_resident,anomaly,prev_faults
ws,one-pass,,1,20,0,19,0,1,1,false,
ws,one-pass,,10,8,12,3,0,0.4,4.55,false,
%%END

%%TEST write-backs along the curve
# 1w 2 1w 3 4 2w 5 6 (the seq.t write-marker case).  LRU at 2 frames:
# victims 2, 1 (dirty), 3, 4, 2 (dirty): 2 write-backs; at 6 frames none.
%%ARGS sweep -p lru -n 2-6:4 -O csv w.seq
%%FILE w.seq
1w 2 1w 3 4 2w 5 6
%%STDOUT-CRLF
policy,method,frames,tau,faults,hits,evictions,writebacks,fault_rate,mean_resident,anomaly,prev_faults
lru,one-pass,2,,7,1,5,2,0.875,,false,
lru,one-pass,6,,6,2,0,0,0.75,,false,
%%END

%%TEST json: sweeps with points and anomalies
%%ARGS sweep -p fifo -n 3-4 -O json b.seq
%%FILE b.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT-CONTAINS "anomalies": [
%%END

%%TEST json: the anomaly names both points
%%ARGS sweep -p fifo -n 3-4 -O json b.seq
%%FILE b.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT-CONTAINS "prev_frames": 3,
%%END

%%TEST errors: an empty range
%%ARGS sweep -p fifo -n 5-3 b.seq
%%FILE b.seq
1,2,3
%%EXIT 64
%%STDERR
vmtrace: --frames: 5-3 is an empty range (5 > 3)
%%END

%%TEST errors: zero frames
%%ARGS sweep -p fifo -n 0-3 b.seq
%%FILE b.seq
1,2,3
%%EXIT 64
%%STDERR
vmtrace: --frames: 0 is out of range (1 to 1048576)
%%END

%%TEST errors: a range without its end
%%ARGS sweep -p fifo -n 3- b.seq
%%FILE b.seq
1,2,3
%%EXIT 64
%%STDERR
vmtrace: --frames: '3-' is not a range (LO-HI or LO-HI:STEP, or all)
%%END

%%TEST errors: ws without a window range
%%ARGS sweep -p ws -n 1-3 b.seq
%%FILE b.seq
1,2,3
%%EXIT 64
%%STDERR
vmtrace: sweep: policy ws sweeps a window: --tau LO-HI
%%END

%%TEST errors: frame policies need -n
%%ARGS sweep -p lru b.seq
%%FILE b.seq
1,2,3
%%EXIT 64
%%STDERR
vmtrace: sweep: policy lru needs frame counts: -n LO-HI or -n all
%%END

%%TEST errors: --tau all is not a window range
%%ARGS sweep -p ws --tau all b.seq
%%FILE b.seq
1,2,3
%%EXIT 64
%%STDERR
vmtrace: --tau: 'all' is not a whole number
%%END
