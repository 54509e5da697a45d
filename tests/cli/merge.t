# merge.t - vmtrace merge: sweeps computed apart, joined.  The inputs are
# small hand-written sweep documents (merge reads only what it checks:
# "vmtrace", "trace", "options", "sweeps"); tests/merge.sh joins real
# sweeps and compares with the sweep done in one go.

%%TEST split by frame range: points joined, the anomaly across the cut found
# FIFO on Belady's string: 9 faults at 3 frames (first piece), 10 at 4
# (second piece).  Neither piece has the anomaly; the joined curve does.
%%ARGS merge lo.json hi.json
%%FILE lo.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {"path": "b.seq", "references": 12},
 "options": {"policies": ["fifo"], "frames": {"lo": 1, "hi": 3, "step": 1}, "tau": null, "page_size": 4096},
 "sweeps": [{"policy": "fifo", "method": "simulated", "points": [
   {"frames": 1, "faults": 12, "anomaly": false},
   {"frames": 2, "faults": 12, "anomaly": false},
   {"frames": 3, "faults": 9, "anomaly": false}], "anomalies": []}]}
%%FILE hi.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {"path": "b.seq", "references": 12},
 "options": {"policies": ["fifo"], "frames": {"lo": 4, "hi": 5, "step": 1}, "tau": null, "page_size": 4096},
 "sweeps": [{"policy": "fifo", "method": "simulated", "points": [
   {"frames": 4, "faults": 10, "anomaly": false},
   {"frames": 5, "faults": 5, "anomaly": false}], "anomalies": []}]}
%%STDOUT
{
  "vmtrace": "@VERSION@",
  "command": "sweep",
  "trace": {
    "path": "b.seq",
    "references": 12
  },
  "options": {
    "policies": [
      "fifo"
    ],
    "frames": {
      "lo": 1,
      "hi": 5,
      "step": 1
    },
    "tau": null,
    "page_size": 4096
  },
  "sweeps": [
    {
      "policy": "fifo",
      "method": "simulated",
      "points": [
        {
          "frames": 1,
          "faults": 12,
          "anomaly": false
        },
        {
          "frames": 2,
          "faults": 12,
          "anomaly": false
        },
        {
          "frames": 3,
          "faults": 9,
          "anomaly": false
        },
        {
          "frames": 4,
          "faults": 10,
          "anomaly": true
        },
        {
          "frames": 5,
          "faults": 5,
          "anomaly": false
        }
      ],
      "anomalies": [
        {
          "frames": 4,
          "faults": 10,
          "prev_frames": 3,
          "prev_faults": 9
        }
      ]
    }
  ]
}
%%END

%%TEST overlapping points that agree are kept once; uneven frames listed
# 2 is in both pieces, alike; 1, 2, 4 are not evenly spaced, so the options
# list the frame counts.  Pieces are taken in any order.
%%ARGS merge -o all.json b.json a.json
%%FILE a.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {"path": "t"}, "options": {"frames": {"lo": 1, "hi": 2, "step": 1}},
 "sweeps": [{"policy": "lru", "points": [{"frames": 1, "faults": 7}, {"frames": 2, "faults": 5}], "anomalies": []}]}
%%FILE b.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {"path": "t"}, "options": {"frames": {"lo": 2, "hi": 4, "step": 2}},
 "sweeps": [{"policy": "lru", "points": [{"frames": 2, "faults": 5}, {"frames": 4, "faults": 3}], "anomalies": []}]}
%%OUTFILE all.json
{
  "vmtrace": "@VERSION@",
  "command": "sweep",
  "trace": {
    "path": "t"
  },
  "options": {
    "frames": [
      1,
      2,
      4
    ],
    "policies": [
      "lru"
    ]
  },
  "sweeps": [
    {
      "policy": "lru",
      "points": [
        {
          "frames": 1,
          "faults": 7,
          "anomaly": false
        },
        {
          "frames": 2,
          "faults": 5,
          "anomaly": false
        },
        {
          "frames": 4,
          "faults": 3,
          "anomaly": false
        }
      ],
      "anomalies": []
    }
  ]
}
%%END

%%TEST overlapping points that disagree: 65, naming both files, no output
%%ARGS merge -o all.json a.json b.json
%%EXIT 65
%%FILE a.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {"path": "t"}, "options": {},
 "sweeps": [{"policy": "lru", "points": [{"frames": 2, "faults": 5}]}]}
%%FILE b.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {"path": "t"}, "options": {},
 "sweeps": [{"policy": "lru", "points": [{"frames": 2, "faults": 6}]}]}
%%STDERR
vmtrace: merge: a.json and b.json disagree on lru at frames 2 (faults 5 against 6)
%%NOFILE all.json*

%%TEST different traces are refused with the first difference
%%ARGS merge a.json b.json
%%EXIT 65
%%FILE a.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {"path": "t", "references": 12}, "options": {},
 "sweeps": [{"policy": "lru", "points": [{"frames": 2, "faults": 5}]}]}
%%FILE b.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {"path": "t", "references": 13}, "options": {},
 "sweeps": [{"policy": "lru", "points": [{"frames": 3, "faults": 5}]}]}
%%STDERR
vmtrace: merge: b.json and a.json are sweeps of different traces (trace references 13 against 12); --multi keeps them side by side

%%TEST different options are refused (the cut itself may differ)
%%ARGS merge a.json b.json
%%EXIT 65
%%FILE a.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {"path": "t"}, "options": {"policies": ["lru"], "page_size": 4096},
 "sweeps": [{"policy": "lru", "points": [{"frames": 2, "faults": 5}]}]}
%%FILE b.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {"path": "t"}, "options": {"policies": ["opt"], "page_size": 8192},
 "sweeps": [{"policy": "opt", "points": [{"frames": 2, "faults": 4}]}]}
%%STDERR
vmtrace: merge: b.json and a.json were swept with different options (page_size 8192 against 4096)

%%TEST different vmtrace versions are refused
%%ARGS merge a.json b.json
%%EXIT 65
%%FILE a.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {}, "options": {}, "sweeps": []}
%%FILE b.json
{"vmtrace": "0.2.0", "command": "sweep", "trace": {}, "options": {}, "sweeps": []}
%%STDERR
vmtrace: merge: b.json was written by vmtrace 0.2.0 and a.json by 0.1.0: sweep again with one version

%%TEST --multi: one merged sweep per trace, in order of appearance
%%ARGS merge --multi a.json b.json a2.json
%%FILE a.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {"path": "a"}, "options": {},
 "sweeps": [{"policy": "lru", "points": [{"frames": 1, "faults": 5}]}]}
%%FILE b.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {"path": "b"}, "options": {},
 "sweeps": [{"policy": "lru", "points": [{"frames": 1, "faults": 9}]}]}
%%FILE a2.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {"path": "a"}, "options": {},
 "sweeps": [{"policy": "opt", "points": [{"frames": 1, "faults": 5}]}]}
%%STDOUT
{
  "vmtrace": "@VERSION@",
  "command": "merge",
  "traces": [
    {
      "vmtrace": "@VERSION@",
      "command": "sweep",
      "trace": {
        "path": "a"
      },
      "options": {
        "policies": [
          "lru",
          "opt"
        ]
      },
      "sweeps": [
        {
          "policy": "lru",
          "points": [
            {
              "frames": 1,
              "faults": 5,
              "anomaly": false
            }
          ],
          "anomalies": []
        },
        {
          "policy": "opt",
          "points": [
            {
              "frames": 1,
              "faults": 5,
              "anomaly": false
            }
          ],
          "anomalies": []
        }
      ]
    },
    {
      "vmtrace": "@VERSION@",
      "command": "sweep",
      "trace": {
        "path": "b"
      },
      "options": {
        "policies": [
          "lru"
        ]
      },
      "sweeps": [
        {
          "policy": "lru",
          "points": [
            {
              "frames": 1,
              "faults": 9,
              "anomaly": false
            }
          ],
          "anomalies": []
        }
      ]
    }
  ]
}
%%END

%%TEST a replay result is not a sweep
%%ARGS merge r.json
%%EXIT 65
%%FILE r.json
{"vmtrace": "0.1.0", "command": "replay", "results": []}
%%STDERR
vmtrace: r.json: not a sweep result (the result of vmtrace replay; merge reads vmtrace sweep -O json)

%%TEST a point without faults is not a sweep
%%ARGS merge s.json
%%EXIT 65
%%FILE s.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {}, "options": {},
 "sweeps": [{"policy": "lru", "points": [{"frames": 1}]}]}
%%STDERR
vmtrace: s.json: not a sweep result (lru point 1 has no integer "frames" and "faults")

%%TEST not JSON: 65 naming file and line
%%ARGS merge s.json
%%EXIT 65
%%FILE s.json
{"vmtrace":
%%STDERR-CONTAINS vmtrace: s.json:2: not a sweep result (not JSON

%%TEST a missing input: 66
%%ARGS merge nope.json
%%EXIT 66
%%STDERR
vmtrace: cannot open 'nope.json': No such file or directory

%%TEST no input: 64
%%ARGS merge
%%EXIT 64
%%STDERR-CONTAINS vmtrace: merge: no sweep results given

%%TEST stdin at most once
%%ARGS merge - -
%%EXIT 64
%%STDERR
vmtrace: merge: - (stdin) can be given once

%%TEST an output that cannot be created: 73
%%ARGS merge -o nodir/all.json a.json
%%EXIT 73
%%FILE a.json
{"vmtrace": "0.1.0", "command": "sweep", "trace": {}, "options": {}, "sweeps": []}
%%STDERR-CONTAINS vmtrace: cannot create 'nodir/all.json'
