/* plot.h - charts drawn by gnuplot from a sweep result.
 *
 * The input is the sweep's JSON document (the same one `vmtrace sweep -O
 * json` writes, so `vmtrace plot RESULT.json` draws exactly what a live
 * `sweep --plot` draws):
 *
 *   { "vmtrace": "0.1.0", "command": "sweep",
 *     "trace": { "path": ..., "format": ..., "references": N, ... },
 *     "sweeps": [
 *       { "policy": "fifo", "method": "simulated",
 *         "points": [ { "frames": 3, "faults": 9, "hits": 3, "evictions": 6,
 *                       "writebacks": 0, "fault_rate": 0.75,
 *                       "anomaly": false }, ... ],
 *         "anomalies": [ { "frames": 4, "faults": 10,
 *                          "prev_frames": 3, "prev_faults": 9 } ] },
 *       { "policy": "ws", "method": "one-pass",
 *         "points": [ { "tau": 10, "faults": 8, ..., "mean_resident": 4.55,
 *                       "anomaly": false }, ... ],
 *         "anomalies": [] } ] }
 *
 * A sweep with a cost option (--device, --cost, ...) adds to every point
 *   "memory": {...}, "oom": null or { "reference": R, "page": P },
 *   "time": { "device": "ssd", "total_ns": T, "eat_ns": E, ... }
 * and the chart gains the simulated time by frames (src/plot.c).
 *
 * gnuplot is run as a child process without a shell, the script fed
 * through a pipe; the image is written to a temporary file next to the
 * target and renamed into place only when gnuplot succeeded, so a failed
 * chart leaves nothing behind.
 */
#ifndef VMTRACE_PLOT_H
#define VMTRACE_PLOT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct plot_options {
	const char *output;       /* FILE.png or FILE.svg */
	const char *script;       /* keep the gnuplot script here, or NULL */
	const char *gnuplot;      /* program to run; NULL means "gnuplot" on PATH */
	bool log_frames;          /* log-scale frame axis (miss-ratio curve) */
};

/*
 * plot_sweep - draw a sweep document.
 * Return: 0 when the chart was written; PLOT_NO_GNUPLOT when gnuplot could
 * not be started (a message was printed, nothing was written, and callers
 * treat this as success for the data); or an exit code after a message.
 */
#define PLOT_NO_GNUPLOT (-2)

/* Is path a chart file name plot_sweep() can write (.png or .svg)? */
bool plot_file_ok(const char *path);
int plot_sweep(const json_t *doc, const struct plot_options *opt);

/* A sweep document and the name messages call it by (its file). */
struct plot_doc {
	const char *name;
	const json_t *doc;
};

/*
 * plot_sweeps - draw ndocs documents: one as plot_sweep() does; several,
 * sweeps of one trace with time (on several devices, say), as one chart of
 * their time curves, each line labelled "policy (device)".
 * Return: as plot_sweep(); VT_DATAERR, naming the documents, for one
 * without time or of another trace than the first.
 */
int plot_sweeps(const struct plot_doc *docs, size_t ndocs, const struct plot_options *opt);

/*
 * plot_replay - draw the node layer of a replay document (the JSON of
 * `vmtrace replay -O json` with --numa, --buddy or --huge; src/plot_nodes.c
 * says what the charts show): with NUMA the remote-access share and the
 * simulated time of each run, always the free blocks per order at the end,
 * and with --buddyinfo-every the free blocks over the run.  doc->name
 * names the document in messages (NULL: "the replay").
 * Return: as plot_sweep(); VT_DATAERR for a replay without the node layer
 * or with node data it cannot read.
 */
int plot_replay(const struct plot_doc *doc, const struct plot_options *opt);

/* One row of `vmtrace thrash`: K copies, references a simulated
 * microsecond, CPU utilisation (0..1), and whether the run ran out of swap. */
struct plot_thrash_row {
	uint64_t copies;
	double throughput, cpu;
	bool oom;
};

/* plot_thrash - throughput and CPU utilisation against copies, one chart;
 * workload and machine go into the title.  Return: as plot_sweep(). */
int plot_thrash(const char *workload, const char *machine, const struct plot_thrash_row *rows,
		size_t n, const struct plot_options *opt);

#endif
