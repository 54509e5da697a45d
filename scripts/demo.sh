#!/bin/sh
# `make demo`: replay a bundled real trace with every policy.
# traces/colmajor.lackey is valgrind lackey output of a program that fills
# a 40-page matrix column by column (traces/README.md): with 40 frames
# every policy but OPT thrashes, with 41 the matrix fits.
set -eu
cmd="./vmtrace replay -p all -n 32,40,41,64 --tau 1000 traces/colmajor.lackey"
echo "\$ $cmd"
$cmd
echo
echo "\$ ./vmtrace replay -p fifo,lru,opt -n 3,4 traces/belady.seq   # Belady's anomaly"
./vmtrace replay -p fifo,lru,opt -n 3,4 traces/belady.seq
