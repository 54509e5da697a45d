# classic.t - mru, random, nru, esc, aging, linux2q, wsclock and pff from
# the command line: parameters, sweeps, belady's refusals.  The numbers
# are checked by hand in tests/unit/test_classic.c.

%%TEST wsclock: a dirty old page is written back, then taken a turn later
%%ARGS replay -p wsclock:tau=2 -n 3 --steps w.seq
%%FILE w.seq
1w,2,3,4,5,6,7
%%STDOUT
trace      w.seq (seq, 4.0 KiB pages)
references 7 (6 reads, 1 write, 0 fetches)

policy     frames   references       faults   fault%    evictions   writebacks
wsclock:tau=2        3            7            7   100.00            4            1

7 distinct pages, 1 page table

wsclock:tau=2, 3 frames: 7 faults
ref       1w  2  3  4  5  6  7
frame 0    1  1  1  1  1  1  7
frame 1       2  2  4  4  6  6
frame 2          3  3  5  5  5
fault      *  *  *  *  *  *  *
victim              2  3  4  1
%%STDERR

%%TEST sweep: every classic fixed-frame policy, simulated (csv)
# esc and wsclock:tau=2 fault 9 times with 3 frames and 10 with 4.
%%ARGS sweep -p mru,random,nru:tick=2,esc,aging:bits=2,tick=2,linux2q,wsclock:tau=2 -n 1-5 -O csv b.seq
%%FILE b.seq
1,2,3,4,1,2,5,1,2,3,4,5
%%STDOUT-CRLF
policy,method,frames,tau,faults,hits,evictions,writebacks,fault_rate,mean_resident,anomaly,prev_faults
mru,simulated,1,,12,0,11,0,1,,false,
mru,simulated,2,,10,2,8,0,0.8333333333,,false,
mru,simulated,3,,7,5,4,0,0.5833333333,,false,
mru,simulated,4,,6,6,2,0,0.5,,false,
mru,simulated,5,,5,7,0,0,0.4166666667,,false,
random,simulated,1,,12,0,11,0,1,,false,
random,simulated,2,,10,2,8,0,0.8333333333,,false,
random,simulated,3,,8,4,5,0,0.6666666667,,false,
random,simulated,4,,7,5,3,0,0.5833333333,,false,
random,simulated,5,,5,7,0,0,0.4166666667,,false,
nru:tick=2,simulated,1,,12,0,11,0,1,,false,
nru:tick=2,simulated,2,,12,0,10,0,1,,false,
nru:tick=2,simulated,3,,10,2,7,0,0.8333333333,,false,
nru:tick=2,simulated,4,,8,4,4,0,0.6666666667,,false,
nru:tick=2,simulated,5,,5,7,0,0,0.4166666667,,false,
esc,simulated,1,,12,0,11,0,1,,false,
esc,simulated,2,,12,0,10,0,1,,false,
esc,simulated,3,,9,3,6,0,0.75,,false,
esc,simulated,4,,10,2,6,0,0.8333333333,,true,9
esc,simulated,5,,5,7,0,0,0.4166666667,,false,
"aging:bits=2,tick=2",simulated,1,,12,0,11,0,1,,false,
"aging:bits=2,tick=2",simulated,2,,11,1,9,0,0.9166666667,,false,
"aging:bits=2,tick=2",simulated,3,,7,5,4,0,0.5833333333,,false,
"aging:bits=2,tick=2",simulated,4,,7,5,3,0,0.5833333333,,false,
"aging:bits=2,tick=2",simulated,5,,5,7,0,0,0.4166666667,,false,
linux2q,simulated,1,,12,0,11,0,1,,false,
linux2q,simulated,2,,12,0,10,0,1,,false,
linux2q,simulated,3,,10,2,7,0,0.8333333333,,false,
linux2q,simulated,4,,8,4,4,0,0.6666666667,,false,
linux2q,simulated,5,,5,7,0,0,0.4166666667,,false,
wsclock:tau=2,simulated,1,,12,0,11,0,1,,false,
wsclock:tau=2,simulated,2,,12,0,10,0,1,,false,
wsclock:tau=2,simulated,3,,9,3,6,0,0.75,,false,
wsclock:tau=2,simulated,4,,10,2,6,0,0.8333333333,,true,9
wsclock:tau=2,simulated,5,,5,7,0,0,0.4166666667,,false,
%%STDERR

%%TEST sweep: pff sweeps its critical interval on the --tau axis
%%ARGS sweep -p pff --tau 1-4 -O csv s.seq
%%FILE s.seq
7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1
%%STDOUT-CRLF
policy,method,frames,tau,faults,hits,evictions,writebacks,fault_rate,mean_resident,anomaly,prev_faults
pff,simulated,,1,9,11,5,0,0.45,3.55,false,
pff,simulated,,2,6,14,0,0,0.3,5.1,false,
pff,simulated,,3,6,14,0,0,0.3,5.1,false,
pff,simulated,,4,6,14,0,0,0.3,5.1,false,
%%STDERR

%%TEST pff without --tau in a sweep is a usage error
%%ARGS sweep -p pff -n 1-3 s.seq
%%FILE s.seq
1,2,3
%%EXIT 64
%%STDERR
vmtrace: sweep: policy pff sweeps a window: --tau LO-HI

%%TEST belady refuses mru, a stack algorithm
%%ARGS belady -p mru
%%EXIT 64
%%STDERR
vmtrace: --policy: mru is a stack algorithm: more frames never give it more faults, so it cannot show the anomaly (use fifo, clock or lfu)

%%TEST belady refuses pff, sized by --tau
%%ARGS belady -p pff
%%EXIT 64
%%STDERR
vmtrace: --policy: pff is variable allocation (sized by --tau, not a frame count); belady searches over frame counts (use fifo, clock or lfu)

%%TEST aging: bits above 64 are refused
%%ARGS replay -p aging:bits=65 -n 3 s.seq
%%FILE s.seq
1,2,3
%%EXIT 64
%%STDERR
vmtrace: --policy aging:bits: 65 is out of range (0 to 64)

%%TEST nru: tick 0 is refused (R would never be cleared: use a long tick)
%%ARGS replay -p nru:tick=0 -n 3 s.seq
%%FILE s.seq
1,2,3
%%EXIT 64
%%STDERR
vmtrace: --policy nru:tick: 0 is out of range (1 to 18446744073709551615)
