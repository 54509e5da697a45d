/* text.c - aligned tables for people. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "report.h"

static void human_bytes(char *buf, size_t size, uint64_t v)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	unsigned u = 0;
	double d = (double)v;

	while (d >= 1024 && u + 1 < sizeof(unit) / sizeof(unit[0])) {
		d /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, size, "%" PRIu64 " B", v);
	else
		snprintf(buf, size, "%.1f %s", d, unit[u]);
}

/* "s" unless n is one: "1 write", "2 writes". */
static const char *s_(uint64_t n)
{
	return n == 1 ? "" : "s";
}

static void trace_lines(FILE *fp, const struct report *rep)
{
	const struct trace_summary *s = rep->sum;
	char ps[32];

	human_bytes(ps, sizeof(ps), (uint64_t)1 << rep->topt->page_shift);
	fprintf(fp, "trace      %s (%s, %s pages)\n", rep->trace_path, rep->format, ps);
	fprintf(fp, "references %" PRIu64 " (%" PRIu64 " read%s, %" PRIu64 " write%s, %" PRIu64
		" fetch%s)\n", s->references, s->reads, s_(s->reads), s->writes, s_(s->writes),
		s->fetches, s->fetches == 1 ? "" : "es");
	if (s->dropped_fetches)
		fprintf(fp, "dropped    %" PRIu64 " instruction fetch%s (--data-only)\n",
			s->dropped_fetches, s->dropped_fetches == 1 ? "" : "es");
	if (s->crossing)
		fprintf(fp, "crossing   %" PRIu64 " access%s touch more than one page%s\n", s->crossing,
			s->crossing == 1 ? "" : "es",
			rep->topt->first_page_only ? " (only the first counted)" : "");
	if (s->stray_lines)
		fprintf(fp, "skipped    %" PRIu64 " line%s of program output, first at line %" PRIu64 "\n",
			s->stray_lines, s_(s->stray_lines), s->first_stray_line);
	if (s->glued_lines)
		fprintf(fp, "kept       %" PRIu64 " record%s with program output glued in front\n",
			s->glued_lines, s_(s->glued_lines));
	if (rep->map->lent)
		fprintf(fp, "mapped     %" PRIu32 " 4 MiB region%s above 4 GiB into the top of the 32-bit space\n",
			rep->map->lent, s_(rep->map->lent));
}

static int finish(FILE *fp)
{
	return ferror(fp) ? vt_error(VT_IOERR, "error writing output") : 0;
}

/* One row of the steps table, built in a buffer so its trailing blanks
 * (empty cells at the end) can be dropped. */
struct row {
	char *buf;
	size_t len, cap;
};

static void row_cell(struct row *r, int width, const char *text)
{
	int n = snprintf(r->buf + r->len, r->cap - r->len, " %*s", width, text);

	if (n > 0)
		r->len += (size_t)n < r->cap - r->len ? (size_t)n : r->cap - r->len - 1;
}

static void row_start(struct row *r, const char *label)
{
	r->len = 0;
	r->buf[0] = '\0';
	r->len = (size_t)snprintf(r->buf, r->cap, "%-9s", label);
}

static void row_print(FILE *fp, struct row *r)
{
	while (r->len > 0 && r->buf[r->len - 1] == ' ')
		r->len--;
	fwrite(r->buf, 1, r->len, fp);
	fputc('\n', fp);
}

/* The classic table: one column per reference. */
static int steps_table(FILE *fp, const struct report *rep, const struct replay_run *run)
{
	const struct steps *s = run->steps;
	int window = (run->policy->ops->flags & POLICY_WINDOW) != 0;
	char name[32], label[24];
	struct row row;
	int w = 2;

	/* Column width: the widest page name, plus a write mark. */
	for (size_t i = 0; i < s->n; i++) {
		report_page_name(rep, ref_vpn(s->refs[i]), name, sizeof(name));
		if ((int)strlen(name) + 1 > w)
			w = (int)strlen(name) + 1;
	}
	row.cap = 16 + (s->n + 1) * (size_t)(w + 1);
	row.buf = malloc(row.cap);
	if (!row.buf)
		return vt_error(VT_SOFTWARE, "out of memory");
	if (window)
		fprintf(fp, "\n%s, tau %" PRIu64 ": %" PRIu64 " fault%s\n", run->policy->name,
			run->tau, run->c.faults, s_(run->c.faults));
	else
		fprintf(fp, "\n%s, %" PRIu32 " frame%s: %" PRIu64 " fault%s\n", run->policy->name,
			run->frames, s_(run->frames), run->c.faults, s_(run->c.faults));
	row_start(&row, "ref");
	for (size_t i = 0; i < s->n; i++) {
		char cell[40];
		report_page_name(rep, ref_vpn(s->refs[i]), name, sizeof(name));
		snprintf(cell, sizeof(cell), "%s%s", name,
			 ref_kind(s->refs[i]) == REF_WRITE ? "w" : "");
		row_cell(&row, w, cell);
	}
	row_print(fp, &row);
	for (uint32_t f = 0; f < s->nframes; f++) {
		snprintf(label, sizeof(label), "frame %" PRIu32, f);
		row_start(&row, label);
		for (size_t i = 0; i < s->n; i++) {
			uint32_t vpn = s->contents[i * s->nframes + f];
			if (vpn == NO_PAGE)
				name[0] = '\0';
			else
				report_page_name(rep, vpn, name, sizeof(name));
			row_cell(&row, w, name);
		}
		row_print(fp, &row);
	}
	row_start(&row, "fault");
	for (size_t i = 0; i < s->n; i++)
		row_cell(&row, w, s->fault[i] ? "*" : "");
	row_print(fp, &row);
	row_start(&row, window ? "left" : "victim");
	for (size_t i = 0; i < s->n; i++) {
		uint32_t v = window ? s->expired[i] : s->victim[i];
		if (v == NO_PAGE)
			name[0] = '\0';
		else
			report_page_name(rep, v, name, sizeof(name));
		row_cell(&row, w, name);
	}
	row_print(fp, &row);
	free(row.buf);
	return 0;
}

/* A time for people: 850 ns, 12.5 us, 3.20 ms, 1.50 s, 2.1 min. */
static void human_time(char *buf, size_t size, double ns)
{
	if (ns < 1e3)
		snprintf(buf, size, "%.0f ns", ns);
	else if (ns < 1e6)
		snprintf(buf, size, "%.3g us", ns / 1e3);
	else if (ns < 1e9)
		snprintf(buf, size, "%.3g ms", ns / 1e6);
	else if (ns < 600e9)
		snprintf(buf, size, "%.3g s", ns / 1e9);
	else
		snprintf(buf, size, "%.3g min", ns / 60e9);
}

static void run_label(char *buf, size_t size, const struct replay_run *run)
{
	if (run->policy->ops->flags & POLICY_WINDOW)
		snprintf(buf, size, "tau=%" PRIu64, run->tau);
	else
		snprintf(buf, size, "%" PRIu32, run->frames);
}

/* A run's time, and its label, total and per-reference time for people
 * (buffers of 32). */
static void run_cost(const struct mem_options *mo, const struct replay_run *run,
		     struct cost_breakdown *b, char *frames, char *total, char *eat)
{
	cost_compute(&mo->cost, &run->c, b);
	run_label(frames, 32, run);
	human_time(total, 32, b->total_ns);
	human_time(eat, 32, b->eat_ns);
}

/* What the memory model counted, what it cost, and (--explain) where the
 * time went. */
static void memory_tables(FILE *fp, const struct report *rep)
{
	const struct mem_options *mo = rep->memo;
	bool tlb = mo->mem.tlb_entries != 0;
	char frames[32], t1[32], t2[32];

	fprintf(fp, "\n%-8s %8s %10s %10s %10s %10s %10s %10s", "memory", "frames", "minor",
		"major", "swap-ins", "swap-outs", "swap-drops", "file-reads");
	if (tlb)
		fprintf(fp, " %10s %12s", "tlb-hit%", "tlb-misses");
	fputc('\n', fp);
	for (size_t i = 0; i < rep->nruns; i++) {
		const struct replay_run *run = &rep->runs[i];
		const struct machine_counters *c = &run->c;
		run_label(frames, sizeof(frames), run);
		fprintf(fp, "%-8s %8s %10" PRIu64 " %10" PRIu64 " %10" PRIu64 " %10" PRIu64 " %10" PRIu64
			" %10" PRIu64, run->policy->name, frames, c->minor_faults, c->major_faults,
			c->swap_ins, c->swap_outs, c->swap_drops, c->file_reads);
		if (tlb)
			fprintf(fp, " %10.2f %12" PRIu64,
				c->references ? 100.0 * (double)c->tlb_hits / (double)c->references : 0.0,
				c->tlb_misses);
		if (c->oom)
			fprintf(fp, "  out of memory at reference %" PRIu64, c->oom_reference + 1);
		fputc('\n', fp);
	}
	if (!mo->cost_on)
		return;
	fprintf(fp, "\n%-8s %8s %12s %12s %12s   (device %s)\n", "time", "frames", "total", "per-ref",
		"slowdown", mo->cost.device);
	for (size_t i = 0; i < rep->nruns; i++) {
		const struct replay_run *run = &rep->runs[i];
		struct cost_breakdown b;
		run_cost(mo, run, &b, frames, t1, t2);
		fprintf(fp, "%-8s %8s %12s %12s %11.1fx\n", run->policy->name, frames, t1, t2,
			b.slowdown);
	}
	if (!mo->explain)
		return;
	for (size_t i = 0; i < rep->nruns; i++) {
		const struct replay_run *run = &rep->runs[i];
		struct cost_breakdown b;
		run_cost(mo, run, &b, frames, t1, t2);
		fprintf(fp, "\n%s, %s%s: %s simulated, %s a reference, %.1fx an all-hit run\n",
			run->policy->name, frames,
			(run->policy->ops->flags & POLICY_WINDOW) ? "" : run->frames == 1 ? " frame"
												 : " frames",
			t1, t2,
			b.slowdown);
		for (int e = 0; e < COST_EVENTS; e++) {
			char each[32];
			if (b.count[e] == 0)
				continue;
			human_time(each, sizeof(each), b.ns[e] / b.count[e]);
			human_time(t2, sizeof(t2), b.ns[e]);
			fprintf(fp, "  %-17s %12.0f x %-9s = %10s %7.2f%%\n", cost_event_name(e),
				b.count[e], each, t2, b.total_ns > 0 ? 100 * b.ns[e] / b.total_ns : 0.0);
		}
	}
}

/* Events traces: one line per process, and the totals. */
static void process_table(FILE *fp, const struct replay_run *run)
{
	const struct machine_counters *c = &run->c;
	char frames[32];

	run_label(frames, sizeof(frames), run);
	fprintf(fp, "\nprocesses, %s, %s frame%s: %" PRIu64 " fork%s, %" PRIu64 " exit%s, %" PRIu64
		" exec%s, %" PRIu64 " switch%s\n", run->policy->name, frames, s_(run->frames),
		c->forks, s_(c->forks),
		c->exits, s_(c->exits), c->execs, s_(c->execs), c->switches,
		c->switches == 1 ? "" : "es");
	fprintf(fp, "%8s %8s %12s %10s %10s %8s %8s %8s %9s %9s  %s\n", "pid", "ppid",
		"references", "faults", "cow-faults", "copies", "avoided", "shared", "evicted",
		"resident", "state");
	for (size_t k = 0; k < run->nprocs; k++) {
		const struct proc_counters *p = &run->procs[k];
		char ppid[16] = "-";
		if (p->ppid)
			snprintf(ppid, sizeof(ppid), "%" PRIu32, p->ppid);
		fprintf(fp, "%8" PRIu32 " %8s %12" PRIu64 " %10" PRIu64 " %10" PRIu64 " %8" PRIu64
			" %8" PRIu64 " %8" PRIu64 " %9" PRIu64 " %9" PRIu32 "  %s\n", p->pid, ppid,
			p->references, p->faults, p->cow_faults, p->cow_copies, p->cow_reuses,
			p->pages_shared, p->evicted, p->resident, p->exited ? "exited" : "running");
	}
	fprintf(fp, "%8s %8s %12" PRIu64 " %10" PRIu64 " %10" PRIu64 " %8" PRIu64 " %8" PRIu64
		" %8" PRIu64 "\n", "total", "", c->references, c->faults, c->cow_faults,
		c->cow_copies, c->cow_reuses, c->pages_shared);
}

/* The node layer: NUMA traffic, 4 MiB pages, and each run's nodes as
 * numastat(8) and /proc/buddyinfo show them. */
static void node_tables(FILE *fp, const struct report *rep)
{
	const struct node_config *nc = &rep->memo->nodes;
	char frames[32];

	if (nc->numa) {
		fprintf(fp, "\n%-8s %8s %8s %12s %10s %12s %10s\n", "numa", "frames", "remote%",
			"mean-dist", "migrated", "hint-faults", "refused");
		for (size_t i = 0; i < rep->nruns; i++) {
			const struct replay_run *run = &rep->runs[i];
			const struct machine_counters *c = &run->c;
			uint64_t served = c->local_accesses + c->remote_accesses;
			run_label(frames, sizeof(frames), run);
			fprintf(fp, "%-8s %8s %8.2f %12.2f %10" PRIu64 " %12" PRIu64 " %10" PRIu64 "\n",
				run->policy->name, frames,
				served ? 100.0 * (double)c->remote_accesses / (double)served : 0.0,
				served ? (double)c->access_distance / (double)served : 0.0,
				c->numa_pages_migrated, c->numa_hint_faults, c->pgmigrate_fail);
		}
	}
	if (nc->huge_all || nc->nhuge) {
		fprintf(fp, "\n%-8s %8s %10s %10s %10s %10s\n", "4M pages", "frames", "allocated",
			"fallback", "evicted", "split");
		for (size_t i = 0; i < rep->nruns; i++) {
			const struct replay_run *run = &rep->runs[i];
			const struct machine_counters *c = &run->c;
			run_label(frames, sizeof(frames), run);
			fprintf(fp, "%-8s %8s %10" PRIu64 " %10" PRIu64 " %10" PRIu64 " %10" PRIu64 "\n",
				run->policy->name, frames, c->thp_fault_alloc, c->thp_fault_fallback,
				c->huge_evictions, c->thp_split);
		}
	}
	for (size_t i = 0; i < rep->nruns; i++) {
		const struct replay_run *run = &rep->runs[i];
		run_label(frames, sizeof(frames), run);
		fprintf(fp, "\n%s, %s frame%s: ", run->policy->name, frames, run->frames == 1 ? "" : "s");
		if (nc->numa) {
			fprintf(fp, "numastat\n%-6s %8s %10s %10s %12s %14s %10s %10s %8s\n", "node",
				"frames", "numa_hit", "numa_miss", "numa_foreign", "interleave_hit",
				"local_node", "other_node", "remote%");
			for (uint32_t n = 0; n < run->nnodes; n++) {
				const struct node_counters *k = &run->nodes[n];
				fprintf(fp, "%-6u %8u %10" PRIu64 " %10" PRIu64 " %12" PRIu64 " %14" PRIu64
					" %10" PRIu64 " %10" PRIu64 " %8.2f\n", n, k->frames, k->numa_hit,
					k->numa_miss, k->numa_foreign, k->interleave_hit, k->local_node,
					k->other_node,
					k->accesses ? 100.0 * (double)k->remote_accesses / (double)k->accesses
						    : 0.0);
			}
			fputs("  ", fp);
		}
		fputs("buddyinfo (free blocks of 1, 2, 4 ... 1024 frames)\n", fp);
		for (uint32_t n = 0; n < run->nnodes; n++) {
			const struct node_counters *k = &run->nodes[n];
			fprintf(fp, "Node %u, zone   Normal", n);
			for (unsigned o = 0; o < BUDDY_ORDERS; o++)
				fprintf(fp, " %6u", k->buddyinfo[o]);
			fprintf(fp, "\n  extfrag index         ");
			for (unsigned o = 0; o < BUDDY_ORDERS; o++)
				fprintf(fp, " %6.3f", k->frag_index[o] / 1000.0);
			fputc('\n', fp);
		}
		if (run->nseries) {
			fprintf(fp, "  free blocks of 1, 2 ... 1024 frames over time\n%12s %4s", "references",
				"node");
			for (unsigned o = 0; o < BUDDY_ORDERS; o++)
				fprintf(fp, " %6u", 1u << o);
			fputc('\n', fp);
			for (size_t j = 0; j < run->nseries; j++) {
				const struct buddy_sample *bs = &run->series[j];
				fprintf(fp, "%12" PRIu64 " %4u", bs->time, bs->node);
				for (unsigned o = 0; o < BUDDY_ORDERS; o++)
					fprintf(fp, " %6u", bs->free[o]);
				fputc('\n', fp);
			}
		}
	}
}

static int text_replay(FILE *fp, const struct report *rep)
{
	int window = 0;

	trace_lines(fp, rep);
	for (size_t i = 0; i < rep->nruns; i++)
		if (rep->runs[i].policy->ops->flags & POLICY_WINDOW)
			window = 1;
	fprintf(fp, "\n%-8s %8s %12s %12s %8s %12s %12s", "policy", "frames", "references",
		"faults", "fault%", "evictions", "writebacks");
	if (window)
		fprintf(fp, " %10s %8s", "mean-res", "max-res");
	fputc('\n', fp);
	for (size_t i = 0; i < rep->nruns; i++) {
		const struct replay_run *run = &rep->runs[i];
		const struct machine_counters *c = &run->c;
		double rate = report_fault_rate(run);
		char frames[32];

		run_label(frames, sizeof(frames), run);
		fprintf(fp, "%-8s %8s %12" PRIu64 " %12" PRIu64 " %8.2f %12" PRIu64 " %12" PRIu64,
			run->policy->name, frames, c->references, c->faults,
			rate >= 0 ? 100 * rate : 0.0, c->evictions, c->writebacks);
		if (run->policy->ops->flags & POLICY_WINDOW)
			fprintf(fp, " %10.2f %8" PRIu64, report_mean_resident(run), c->max_resident);
		else if (window)
			fprintf(fp, " %10s %8s", "-", "-");
		fputc('\n', fp);
	}
	if (rep->nruns) {
		/* Runs differ in page tables only where 4 MiB pages need none. */
		uint64_t lo = rep->runs[0].c.page_tables, hi = lo;
		for (size_t i = 1; i < rep->nruns; i++) {
			uint64_t pt = rep->runs[i].c.page_tables;
			lo = pt < lo ? pt : lo;
			hi = pt > hi ? pt : hi;
		}
		fprintf(fp, "\n%" PRIu64 " distinct page%s, ", rep->runs[0].c.distinct_pages,
			s_(rep->runs[0].c.distinct_pages));
		if (lo == hi)
			fprintf(fp, "%" PRIu64 " page table%s\n", lo, s_(lo));
		else
			fprintf(fp, "%" PRIu64 " to %" PRIu64 " page tables (4 MiB pages need none)\n",
				lo, hi);
	}
	if (rep->memo && (rep->memo->memory_on))
		memory_tables(fp, rep);
	if (rep->memo && rep->memo->nodes.nodes)
		node_tables(fp, rep);
	for (size_t i = 0; i < rep->nruns; i++)
		if (rep->runs[i].processes)
			process_table(fp, &rep->runs[i]);
	for (size_t i = 0; i < rep->nruns; i++) {
		int err = rep->runs[i].steps ? steps_table(fp, rep, &rep->runs[i]) : 0;
		if (err)
			return err;
	}
	return finish(fp);
}

static int text_stats(FILE *fp, const struct report *rep)
{
	const struct trace_summary *s = rep->sum;
	char fp_bytes[32];

	trace_lines(fp, rep);
	human_bytes(fp_bytes, sizeof(fp_bytes), rep->distinct_pages << rep->topt->page_shift);
	fprintf(fp, "records    %" PRIu64 " in %" PRIu64 " line%s", s->records, s->lines, s_(s->lines));
	if (s->valgrind_lines)
		fprintf(fp, " (%" PRIu64 " valgrind line%s skipped)", s->valgrind_lines,
			s_(s->valgrind_lines));
	fputc('\n', fp);
	fprintf(fp, "distinct   %" PRIu64 " page%s, footprint %s, %" PRIu64 " page table%s\n",
		rep->distinct_pages, s_(rep->distinct_pages), fp_bytes, rep->page_tables,
		s_(rep->page_tables));
	if (s->any_addr)
		fprintf(fp, "addresses  0x%" PRIx64 " .. 0x%" PRIx64 "\n", s->min_addr, s->max_addr);
	for (uint32_t slot = ADDRMAP_SLOTS; slot-- > 0;) {
		uint64_t region;
		if (addrmap_slot_region(rep->map, slot, &region))
			fprintf(fp, "  region   0x%" PRIx64 " -> 0x%08" PRIx64 " (slot %" PRIu32 ")\n",
				region << ADDRMAP_REGION_SHIFT,
				(uint64_t)slot << ADDRMAP_REGION_SHIFT, slot);
	}
	return finish(fp);
}

/* One table for the frame policies (a column each, "!" marks a point with
 * more faults than the one before), one for each window policy. */
/* Simulated time per point, one column per curve on the axis (frames or
 * window). */
static void sweep_time_table(FILE *fp, const struct report *rep, bool window)
{
	const struct sweep_curve *cv[64];
	size_t n = 0, rows = 0;

	for (size_t c = 0; c < rep->ncurves && n < 64; c++)
		if (((rep->curves[c].policy->ops->flags & POLICY_WINDOW) != 0) == window)
			cv[n++] = &rep->curves[c];
	if (n == 0)
		return;
	fprintf(fp, "\nsimulated time (device %s)\n%8s", rep->memo->cost.device,
		window ? "tau" : "frames");
	for (size_t c = 0; c < n; c++) {
		fprintf(fp, " %12s", cv[c]->policy->name);
		if (cv[c]->n > rows)
			rows = cv[c]->n;
	}
	fputc('\n', fp);
	for (size_t r = 0; r < rows; r++) {
		fprintf(fp, "%8" PRIu64, cv[0]->n > r ? cv[0]->pts[r].x : 0);
		for (size_t c = 0; c < n; c++) {
			char t[32] = "";
			if (r < cv[c]->n) {
				struct cost_breakdown b;
				cost_compute(&rep->memo->cost, &cv[c]->pts[r].c, &b);
				human_time(t, sizeof(t), b.total_ns);
				if (cv[c]->pts[r].c.oom)
					strcat(t, " OOM");
			}
			fprintf(fp, " %12s", t);
		}
		fputc('\n', fp);
	}
}

static int text_sweep(FILE *fp, const struct report *rep)
{
	const struct sweep_curve *frame_curves[64];
	size_t nf = 0, anomalies = 0;
	struct row row;

	trace_lines(fp, rep);
	for (size_t i = 0; i < rep->ncurves && nf < 64; i++)
		if (!(rep->curves[i].policy->ops->flags & POLICY_WINDOW))
			frame_curves[nf++] = &rep->curves[i];
	if (nf) {
		fprintf(fp, "\nfaults by frame count (! = more faults than the row before)\n%8s",
			"frames");
		for (size_t c = 0; c < nf; c++)
			fprintf(fp, " %12s", frame_curves[c]->policy->name);
		fputc('\n', fp);
		row.cap = 32 + nf * 16;
		row.buf = malloc(row.cap);
		if (!row.buf)
			return vt_error(VT_SOFTWARE, "out of memory");
		for (size_t r = 0; r < frame_curves[0]->n; r++) {
			char label[24];
			snprintf(label, sizeof(label), "%8" PRIu64, frame_curves[0]->pts[r].x);
			row_start(&row, label);
			row.len = strlen(label); /* no padding to the label column */
			for (size_t c = 0; c < nf; c++) {
				const struct sweep_point *p = &frame_curves[c]->pts[r];
				char cell[32];
				snprintf(cell, sizeof(cell), "%" PRIu64 "%c", p->faults,
					 p->anomaly ? '!' : ' ');
				row_cell(&row, 12, cell);
			}
			row_print(fp, &row);
		}
		free(row.buf);
	}
	for (size_t i = 0; i < rep->ncurves; i++) {
		const struct sweep_curve *cv = &rep->curves[i];
		if (!(cv->policy->ops->flags & POLICY_WINDOW))
			continue;
		fprintf(fp, "\n%s by window\n%10s %12s %12s %12s\n", cv->policy->name, "tau",
			"faults", "mean-res", "writebacks");
		for (size_t r = 0; r < cv->n; r++) {
			const struct sweep_point *p = &cv->pts[r];
			fprintf(fp, "%10" PRIu64 " %11" PRIu64 "%s %12.2f %12" PRIu64 "\n", p->x,
				p->faults, p->anomaly ? "!" : " ", p->mean_resident, p->writebacks);
		}
	}
	for (size_t i = 0; i < rep->ncurves; i++) {
		const struct sweep_curve *cv = &rep->curves[i];
		int window = (cv->policy->ops->flags & POLICY_WINDOW) != 0;
		for (size_t r = 1; r < cv->n; r++) {
			const struct sweep_point *p = &cv->pts[r];
			if (!p->anomaly)
				continue;
			if (anomalies++ == 0)
				fputs("\nanomalies (more memory, more faults):\n", fp);
			fprintf(fp, "  %-8s %s %" PRIu64 ": %" PRIu64 " fault%s, %s %" PRIu64 ": %" PRIu64 "\n",
				cv->policy->name, window ? "tau" : "frames", p->x, p->faults,
				s_(p->faults), window ? "tau" : "frames", cv->pts[r - 1].x,
				cv->pts[r - 1].faults);
		}
	}
	if (!anomalies)
		fputs("\nno anomalies: faults never rise with more memory\n", fp);
	if (rep->memo && rep->memo->cost_on) {
		sweep_time_table(fp, rep, false);
		sweep_time_table(fp, rep, true);
	}
	return finish(fp);
}

const struct output_format output_text = {
	.name = "text",
	.replay = text_replay,
	.stats = text_stats,
	.sweep = text_sweep,
};
