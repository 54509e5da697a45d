/* csv.c - RFC 4180 tables whose column names are the JSON keys.
 *
 * Replay: one row per run.  An events trace adds the process totals and
 * the columns pid, ppid, exited, evicted, resident: after each run's row
 * (pid empty), one row per process with what applies to a process.
 * With --steps: one row per run and reference,
 * frame contents in columns frame0, frame1, ...  Stats: one row.  Fields
 * that do not apply (tau for a frame policy) are empty.  Policy names and
 * paths are quoted only if they need it.
 */
#include <inttypes.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "report.h"

static void field(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', fp);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', fp);
			fputc(*s, fp);
		}
		fputc('"', fp);
	} else {
		fputs(s, fp);
	}
}

static void page_field(FILE *fp, const struct report *rep, uint32_t vpn)
{
	if (vpn != NO_PAGE)
		fprintf(fp, "%" PRIu64, report_page(rep, vpn));
}

static int finish(FILE *fp)
{
	return ferror(fp) ? vt_error(VT_IOERR, "error writing CSV output") : 0;
}

static void frames_or_tau(FILE *fp, const struct replay_run *run)
{
	if (run->policy->ops->flags & POLICY_WINDOW)
		fprintf(fp, ",%" PRIu64, run->tau);
	else
		fprintf(fp, "%" PRIu32 ",", run->frames);
}

static int csv_steps(FILE *fp, const struct report *rep)
{
	uint32_t width = 0;

	for (size_t i = 0; i < rep->nruns; i++)
		if (rep->runs[i].steps && rep->runs[i].steps->nframes > width)
			width = rep->runs[i].steps->nframes;
	fputs("policy,frames,tau,t,page,access,fault,victim,expired", fp);
	for (uint32_t f = 0; f < width; f++)
		fprintf(fp, ",frame%" PRIu32, f);
	fputs("\r\n", fp);
	for (size_t i = 0; i < rep->nruns; i++) {
		const struct replay_run *run = &rep->runs[i];
		const struct steps *s = run->steps;
		for (size_t t = 0; s && t < s->n; t++) {
			field(fp, run->policy->name);
			fputc(',', fp);
			frames_or_tau(fp, run);
			fprintf(fp, ",%zu,", t + 1);
			page_field(fp, rep, ref_vpn(s->refs[t]));
			fprintf(fp, ",%s,%s,", report_access_name(s->refs[t]),
				s->fault[t] ? "true" : "false");
			page_field(fp, rep, s->victim[t]);
			fputc(',', fp);
			page_field(fp, rep, s->expired[t]);
			for (uint32_t f = 0; f < width; f++) {
				fputc(',', fp);
				if (f < s->nframes)
					page_field(fp, rep, s->contents[t * s->nframes + f]);
			}
			fputs("\r\n", fp);
		}
	}
	return finish(fp);
}

/* The memory model's columns: the header, or one run's fields (run NULL
 * for the header).  Only with a memory or cost option. */
static void memory_columns(FILE *fp, const struct report *rep, const struct machine_counters *run)
{
	const struct mem_options *mo = rep->memo;
	struct machine_counters none = { 0 };
	const struct machine_counters *c = run ? run : &none;
	struct report_field f[REPORT_MAX_FIELDS];
	size_t n;

	if (!mo || !mo->memory_on)
		return;
	n = report_memory_fields(c, mo, f);
	for (size_t i = 0; i < n; i++) {
		if (run)
			fprintf(fp, ",%" PRIu64, f[i].value);
		else
			fprintf(fp, ",%s", f[i].name);
	}
	if (!run) {
		fputs(",oom_reference,oom_page", fp);
	} else if (c->oom) {
		fprintf(fp, ",%" PRIu64 ",", c->oom_reference + 1);
		page_field(fp, rep, c->oom_vpn);
	} else {
		fputs(",,", fp);
	}
	if (!mo->cost_on)
		return;
	if (!run) {
		fputs(",device,total_ns,eat_ns,slowdown", fp);
		for (int e = 0; e < mem_cost_events(mo); e++)
			fprintf(fp, ",%s_ns", cost_event_name(e));
	} else {
		struct cost_breakdown b;
		cost_compute(&mo->cost, c, &b);
		fprintf(fp, ",%s,%.10g,%.10g,%.10g", mo->cost.device, b.total_ns, b.eat_ns,
			b.slowdown);
		for (int e = 0; e < mem_cost_events(mo); e++)
			fprintf(fp, ",%.10g", b.ns[e]);
	}
}

/* Events traces: the process columns of a run's row (run != NULL), of a
 * process's row (p != NULL), or their names. */
static void process_columns(FILE *fp, const struct replay_run *run, const struct proc_counters *p)
{
	struct report_field f[REPORT_MAX_FIELDS];
	struct machine_counters none = { 0 };
	size_t n = report_process_totals(run ? &run->c : &none, f);

	for (size_t i = 0; i < n; i++) {
		if (run)
			fprintf(fp, ",%" PRIu64, f[i].value);
		else if (p && i < 4)  /* cow_faults .. pages_shared: a process has them */
			fprintf(fp, ",%" PRIu64,
				i == 0 ? p->cow_faults : i == 1 ? p->cow_copies
				: i == 2 ? p->cow_reuses : p->pages_shared);
		else if (p)
			fputc(',', fp);
		else
			fprintf(fp, ",%s", f[i].name);
	}
	if (p) {
		fprintf(fp, ",%" PRIu32 ",", p->pid);
		if (p->ppid)  /* empty: not forked */
			fprintf(fp, "%" PRIu32, p->ppid);
		fprintf(fp, ",%d,%" PRIu64 ",%" PRIu32, p->exited, p->evicted, p->resident);
	}
	else if (run)
		fputs(",,,,,", fp);
	else
		fputs(",pid,ppid,exited,evicted,resident", fp);
}

/* A process's row: the run's policy and frames, its own counts. */
static void process_row(FILE *fp, const struct report *rep, const struct replay_run *run,
			const struct proc_counters *p)
{
	field(fp, run->policy->name);
	fputc(',', fp);
	frames_or_tau(fp, run);
	fprintf(fp, ",%" PRIu64 ",,,,%" PRIu64 ",,,,,,,,", p->references, p->faults);
	if (rep->memo && rep->memo->memory_on) {
		struct report_field f[REPORT_MAX_FIELDS];
		size_t n = report_memory_fields(&run->c, rep->memo, f);
		for (size_t i = 0; i < n + 2; i++)
			fputc(',', fp);
		if (rep->memo->cost_on)
			for (int e = 0; e < mem_cost_events(rep->memo) + 4; e++)
				fputc(',', fp);
	}
	process_columns(fp, NULL, p);
	fputs("\r\n", fp);
}

static int csv_replay(FILE *fp, const struct report *rep)
{
	if (rep->steps)
		return csv_steps(fp, rep);
	fputs("policy,frames,tau,references,reads,writes,fetches,faults,hits,evictions,"
	      "writebacks,distinct_pages,page_tables,fault_rate,mean_resident,max_resident", fp);
	memory_columns(fp, rep, NULL);
	if (rep->nruns && rep->runs[0].processes)
		process_columns(fp, NULL, NULL);
	fputs("\r\n", fp);
	for (size_t i = 0; i < rep->nruns; i++) {
		const struct replay_run *run = &rep->runs[i];
		const struct machine_counters *c = &run->c;
		double rate = report_fault_rate(run);

		field(fp, run->policy->name);
		fputc(',', fp);
		frames_or_tau(fp, run);
		fprintf(fp, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
			",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",",
			c->references, c->reads, c->writes, c->fetches, c->faults, c->hits,
			c->evictions, c->writebacks, c->distinct_pages, c->page_tables);
		if (rate >= 0)
			fprintf(fp, "%.10g", rate);
		if (run->policy->ops->flags & POLICY_WINDOW)
			fprintf(fp, ",%.10g,%" PRIu64, report_mean_resident(run), c->max_resident);
		else
			fputs(",,", fp);
		memory_columns(fp, rep, &run->c);
		if (run->processes)
			process_columns(fp, run, NULL);
		fputs("\r\n", fp);
		for (size_t k = 0; run->processes && k < run->nprocs; k++)
			process_row(fp, rep, run, &run->procs[k]);
	}
	return finish(fp);
}

static int csv_stats(FILE *fp, const struct report *rep)
{
	const struct trace_summary *s = rep->sum;

	fputs("path,format,page_size,lines,records,references,reads,writes,fetches,"
	      "dropped_fetches,crossing,valgrind_lines,stray_lines,glued_lines,min_addr,max_addr,"
	      "high_regions,distinct_pages,footprint_bytes,page_tables\r\n", fp);
	field(fp, rep->trace_path);
	fprintf(fp, ",%s,%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
		",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",",
		rep->format, (uint64_t)1 << rep->topt->page_shift, s->lines, s->records,
		s->references, s->reads, s->writes, s->fetches, s->dropped_fetches, s->crossing,
		s->valgrind_lines, s->stray_lines, s->glued_lines);
	if (s->any_addr)
		fprintf(fp, "0x%" PRIx64 ",0x%" PRIx64, s->min_addr, s->max_addr);
	else
		fputc(',', fp);
	fprintf(fp, ",%" PRIu32 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 "\r\n", rep->map->lent,
		rep->distinct_pages, rep->distinct_pages << rep->topt->page_shift,
		rep->page_tables);
	return finish(fp);
}

static int csv_sweep(FILE *fp, const struct report *rep)
{
	uint64_t refs = rep->sum->references;

	fputs("policy,method,frames,tau,faults,hits,evictions,writebacks,fault_rate,"
	      "mean_resident,anomaly,prev_faults", fp);
	memory_columns(fp, rep, NULL);
	fputs("\r\n", fp);
	for (size_t i = 0; i < rep->ncurves; i++) {
		const struct sweep_curve *cv = &rep->curves[i];
		int window = (cv->policy->ops->flags & POLICY_WINDOW) != 0;
		for (size_t j = 0; j < cv->n; j++) {
			const struct sweep_point *p = &cv->pts[j];
			field(fp, cv->policy->name);
			fprintf(fp, ",%s,", cv->method);
			if (window)
				fprintf(fp, ",%" PRIu64, p->x);
			else
				fprintf(fp, "%" PRIu64 ",", p->x);
			fprintf(fp, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",", p->faults,
				p->hits, p->evictions, p->writebacks);
			if (refs)
				fprintf(fp, "%.10g", (double)p->faults / (double)refs);
			fputc(',', fp);
			if (window)
				fprintf(fp, "%.10g", p->mean_resident);
			fprintf(fp, ",%s,", p->anomaly ? "true" : "false");
			if (p->anomaly)
				fprintf(fp, "%" PRIu64, cv->pts[j - 1].faults);
			memory_columns(fp, rep, &p->c);
			fputs("\r\n", fp);
		}
	}
	return finish(fp);
}

const struct output_format output_csv = {
	.name = "csv",
	.replay = csv_replay,
	.stats = csv_stats,
	.sweep = csv_sweep,
};
