/* json.c - one JSON document per run (DESIGN.md output contract).
 *
 * Replay: { "vmtrace", "command", "trace": {...}, "options": {...},
 *           "results": [ { "policy", "frames" | "tau", "references", ... } ] }
 * Stats:  { "vmtrace", "command", "trace": {...} }
 * Addresses are strings ("0x1ffefff000") since JSON numbers lose 64-bit
 * precision in many readers; counters are integers.
 */
#include <inttypes.h>
#include <jansson.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "geometry.h"
#include "report.h"

#define I(x) ((json_int_t)(x))

static json_t *hex(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
	return json_string(buf);
}

static json_t *trace_json(const struct report *rep)
{
	const struct trace_summary *s = rep->sum;
	json_t *t = json_object(), *regions = json_array();

	json_object_set_new(t, "path", json_string(rep->trace_path));
	json_object_set_new(t, "format", json_string(rep->format));
	json_object_set_new(t, "page_size", json_integer(I(1) << rep->topt->page_shift));
	json_object_set_new(t, "lines", json_integer(I(s->lines)));
	json_object_set_new(t, "records", json_integer(I(s->records)));
	json_object_set_new(t, "references", json_integer(I(s->references)));
	json_object_set_new(t, "reads", json_integer(I(s->reads)));
	json_object_set_new(t, "writes", json_integer(I(s->writes)));
	json_object_set_new(t, "fetches", json_integer(I(s->fetches)));
	json_object_set_new(t, "dropped_fetches", json_integer(I(s->dropped_fetches)));
	json_object_set_new(t, "crossing", json_integer(I(s->crossing)));
	json_object_set_new(t, "valgrind_lines", json_integer(I(s->valgrind_lines)));
	json_object_set_new(t, "stray_lines", json_integer(I(s->stray_lines)));
	json_object_set_new(t, "glued_lines", json_integer(I(s->glued_lines)));
	json_object_set_new(t, "min_addr", s->any_addr ? hex(s->min_addr) : json_null());
	json_object_set_new(t, "max_addr", s->any_addr ? hex(s->max_addr) : json_null());
	for (uint32_t slot = ADDRMAP_SLOTS; slot-- > 0;) {
		uint64_t region;
		if (addrmap_slot_region(rep->map, slot, &region)) {
			json_t *r = json_object();
			json_object_set_new(r, "from", hex(region << ADDRMAP_REGION_SHIFT));
			json_object_set_new(r, "to", hex((uint64_t)slot << ADDRMAP_REGION_SHIFT));
			json_object_set_new(r, "slot", json_integer(slot));
			json_array_append_new(regions, r);
		}
	}
	json_object_set_new(t, "high_regions", regions);
	if (strcmp(rep->command, "stats") == 0) {
		json_object_set_new(t, "distinct_pages", json_integer(I(rep->distinct_pages)));
		json_object_set_new(t, "footprint_bytes",
				    json_integer(I(rep->distinct_pages << rep->topt->page_shift)));
		json_object_set_new(t, "page_tables", json_integer(I(rep->page_tables)));
	}
	return t;
}

static json_t *u64_array(const uint64_t *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_integer(I(v[i])));
	return a;
}

/* The memory model and cost model the runs used. */
/* The node layer's options: "numa" (null without --numa), "buddy",
 * "huge". */
static void node_options_json(json_t *o, const struct node_config *nc)
{
	if (nc->numa) {
		json_t *n = json_object(), *d = json_array(), *pol = json_array();
		for (uint32_t i = 0; i < nc->nodes; i++) {
			json_t *row = json_array();
			for (uint32_t j = 0; j < nc->nodes; j++)
				json_array_append_new(row, json_integer(nc->distance[i][j]));
			json_array_append_new(d, row);
		}
		json_object_set_new(n, "nodes", json_integer(nc->nodes));
		json_object_set_new(n, "distance", d);
		for (uint32_t i = 0; i < nc->nrules; i++) {
			char buf[256];
			mempolicy_format(&nc->rules[i].pol, buf, sizeof(buf));
			json_array_append_new(pol, json_pack("{s:o,s:s}", "pid",
							     nc->rules[i].pid ? json_integer(nc->rules[i].pid)
									      : json_null(),
							     "policy", buf));
		}
		json_object_set_new(n, "mempolicy", pol);
		json_object_set_new(n, "balance_period", nc->balance_period
								 ? json_integer(I(nc->balance_period))
								 : json_null());
		json_object_set_new(o, "numa", n);
	} else {
		json_object_set_new(o, "numa", json_null());
	}
	json_object_set_new(o, "buddyinfo_every", nc->buddyinfo_every
							  ? json_integer(I(nc->buddyinfo_every))
							  : json_null());
	if (nc->huge_all || nc->nhuge) {
		json_t *h = json_array();
		if (nc->huge_all)
			json_array_append_new(h, json_string("all"));
		for (uint32_t i = 0; i < nc->nhuge; i++) {
			char buf[48];
			snprintf(buf, sizeof(buf), "0x%llx-0x%llx",
				 (unsigned long long)nc->huge[i].lo << 22,
				 ((unsigned long long)nc->huge[i].hi + 1) << 22);
			json_array_append_new(h, json_string(buf));
		}
		json_object_set_new(o, "huge", h);
	} else {
		json_object_set_new(o, "huge", json_null());
	}
}

static json_t *ints_json(const uint32_t *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_integer(v[i]));
	return a;
}

/* Thousandths as Linux prints them (extfrag_index: -1.000 .. 1.000). */
static json_t *milli_json(const int *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_real(v[i] / 1000.0));
	return a;
}

/* "nodes": each node's numastat counters and buddy allocator at the end;
 * "buddyinfo_series" with --buddyinfo-every. */
static void nodes_json(json_t *r, const struct replay_run *run)
{
	json_t *ns = json_array();

	for (uint32_t i = 0; i < run->nnodes; i++) {
		const struct node_counters *n = &run->nodes[i];
		json_t *o = json_object();
		json_object_set_new(o, "node", json_integer(i));
		json_object_set_new(o, "frames", json_integer(n->frames));
		json_object_set_new(o, "first_frame", json_integer(n->base));
		json_object_set_new(o, "numa_hit", json_integer(I(n->numa_hit)));
		json_object_set_new(o, "numa_miss", json_integer(I(n->numa_miss)));
		json_object_set_new(o, "numa_foreign", json_integer(I(n->numa_foreign)));
		json_object_set_new(o, "interleave_hit", json_integer(I(n->interleave_hit)));
		json_object_set_new(o, "local_node", json_integer(I(n->local_node)));
		json_object_set_new(o, "other_node", json_integer(I(n->other_node)));
		json_object_set_new(o, "accesses", json_integer(I(n->accesses)));
		json_object_set_new(o, "remote_accesses", json_integer(I(n->remote_accesses)));
		json_object_set_new(o, "free_frames", json_integer(n->free_frames));
		json_object_set_new(o, "buddyinfo", ints_json(n->buddyinfo, BUDDY_ORDERS));
		json_object_set_new(o, "extfrag_index", milli_json(n->frag_index, BUDDY_ORDERS));
		json_object_set_new(o, "unusable_index", milli_json(n->unusable_index, BUDDY_ORDERS));
		json_object_set_new(o, "splits", json_integer(I(n->splits)));
		json_object_set_new(o, "merges", json_integer(I(n->merges)));
		json_array_append_new(ns, o);
	}
	json_object_set_new(r, "nodes", ns);
	if (run->nseries) {
		json_t *a = json_array();
		for (size_t i = 0; i < run->nseries; i++)
			json_array_append_new(a, json_pack("{s:I,s:i,s:o}", "references",
							   I(run->series[i].time), "node",
							   (int)run->series[i].node, "free",
							   ints_json(run->series[i].free, BUDDY_ORDERS)));
		json_object_set_new(r, "buddyinfo_series", a);
	}
}

static void mem_options_json(json_t *o, const struct mem_options *mo)
{
	const struct mem_config *m = &mo->mem;

	json_object_set_new(o, "swap_slots", m->swap_default ? json_null()
							       : json_integer(I(m->swap_slots)));
	json_object_set_new(o, "zero_page", json_boolean(m->zero_page));
	if (m->tlb_entries) {
		json_t *t = json_object();
		json_object_set_new(t, "entries", json_integer(I(m->tlb_entries)));
		json_object_set_new(t, "ways", json_integer(I(m->tlb_ways)));
		json_object_set_new(o, "tlb", t);
	} else {
		json_object_set_new(o, "tlb", json_null());
	}
	if (m->zswap) {
		json_t *z = json_object();
		json_object_set_new(z, "pool_pages", m->zswap_pages ? json_integer(I(m->zswap_pages))
								    : json_null());
		json_object_set_new(z, "ratio", json_real(m->zswap_ratio));
		json_object_set_new(o, "zswap", z);
	} else {
		json_object_set_new(o, "zswap", json_null());
	}
	if (mo->cost_on) {
		json_t *c = json_object();
		json_object_set_new(c, "device", json_string(mo->cost.device));
		for (int p = 0; p < COST_PARAMS; p++)
			json_object_set_new(c, cost_param_name(p), json_real(mo->cost.ns[p]));
		json_object_set_new(o, "cost_ns", c);
	}
	if (mo->nodes.nodes)
		node_options_json(o, &mo->nodes);
}

static json_t *options_json(const struct report *rep)
{
	json_t *o = json_object(), *p = json_array();

	for (size_t i = 0; i < rep->npolicies; i++)
		json_array_append_new(p, json_string(rep->policies[i].name));
	json_object_set_new(o, "policies", p);
	json_object_set_new(o, "frames", u64_array(rep->frames, rep->nframes));
	json_object_set_new(o, "tau", u64_array(rep->taus, rep->ntaus));
	json_object_set_new(o, "page_size", json_integer(I(1) << rep->topt->page_shift));
	json_object_set_new(o, "data_only", json_boolean(rep->topt->data_only));
	json_object_set_new(o, "first_page_only", json_boolean(rep->topt->first_page_only));
	json_object_set_new(o, "reject_high", json_boolean(rep->topt->reject_high));
	json_object_set_new(o, "strict", json_boolean(rep->topt->strict));
	if (rep->memo && rep->memo->memory_on)
		mem_options_json(o, rep->memo);
	return o;
}

static json_t *page_or_null(const struct report *rep, uint32_t vpn)
{
	return vpn == NO_PAGE ? json_null() : json_integer(I(report_page(rep, vpn)));
}

static json_t *steps_json(const struct report *rep, const struct steps *s)
{
	json_t *a = json_array();

	for (size_t i = 0; i < s->n; i++) {
		json_t *st = json_object(), *fr = json_array();
		json_object_set_new(st, "t", json_integer(I(i + 1)));
		json_object_set_new(st, "page", page_or_null(rep, ref_vpn(s->refs[i])));
		json_object_set_new(st, "access", json_string(report_access_name(s->refs[i])));
		json_object_set_new(st, "fault", json_boolean(s->fault[i]));
		json_object_set_new(st, "victim", page_or_null(rep, s->victim[i]));
		json_object_set_new(st, "expired", page_or_null(rep, s->expired[i]));
		for (uint32_t f = 0; f < s->nframes; f++)
			json_array_append_new(fr, page_or_null(rep, s->contents[i * s->nframes + f]));
		json_object_set_new(st, "frames", fr);
		json_array_append_new(a, st);
	}
	return a;
}

/* "params": every parameter's value, for policies that have any. */
static void params_json(json_t *o, const struct policy_choice *pc)
{
	const struct policy_param *pp = pc->ops->params;
	json_t *ps;

	if (!pp || !pp[0].name)
		return;
	ps = json_object();
	for (size_t i = 0; pp[i].name; i++)
		json_object_set_new(ps, pp[i].name, json_integer(I(pc->param[i])));
	json_object_set_new(o, "params", ps);
}

/* The memory model's counters, out of memory, and the time they cost. */
static void memory_json(json_t *r, const struct report *rep, const struct machine_counters *c)
{
	const struct mem_options *mo = rep->memo;
	struct report_field f[REPORT_MAX_FIELDS];
	size_t n = report_memory_fields(c, mo, f);
	json_t *m = json_object();

	for (size_t i = 0; i < n; i++)
		json_object_set_new(m, f[i].name, json_integer(I(f[i].value)));
	json_object_set_new(r, "memory", m);
	if (c->oom) {
		json_t *o = json_object();
		json_object_set_new(o, "reference", json_integer(I(c->oom_reference + 1)));
		json_object_set_new(o, "page", page_or_null(rep, c->oom_vpn));
		json_object_set_new(r, "oom", o);
	} else {
		json_object_set_new(r, "oom", json_null());
	}
	if (mo->cost_on) {
		struct cost_breakdown b;
		json_t *t = json_object(), *bd = json_object();
		cost_compute(&mo->cost, c, &b);
		json_object_set_new(t, "device", json_string(mo->cost.device));
		json_object_set_new(t, "total_ns", json_real(b.total_ns));
		json_object_set_new(t, "eat_ns", json_real(b.eat_ns));
		json_object_set_new(t, "slowdown", json_real(b.slowdown));
		for (int e = 0; e < mem_cost_events(mo); e++) {
			json_t *ev = json_object();
			json_object_set_new(ev, "count", json_integer(I((uint64_t)b.count[e])));
			json_object_set_new(ev, "ns", json_real(b.ns[e]));
			json_object_set_new(bd, cost_event_name(e), ev);
		}
		json_object_set_new(t, "breakdown", bd);
		json_object_set_new(r, "time", t);
	}
}

/* Events traces: the totals, and "processes", one object each. */
static void processes_json(json_t *r, const struct replay_run *run)
{
	struct report_field f[REPORT_MAX_FIELDS];
	size_t n = report_process_totals(&run->c, f);
	json_t *ps = json_array();

	for (size_t i = 0; i < n; i++)
		json_object_set_new(r, f[i].name, json_integer(I(f[i].value)));
	for (size_t k = 0; k < run->nprocs; k++) {
		const struct proc_counters *pc = &run->procs[k];
		json_t *p = json_object();
		json_object_set_new(p, "pid", json_integer(pc->pid));
		json_object_set_new(p, "ppid", pc->ppid ? json_integer(pc->ppid) : json_null());
		json_object_set_new(p, "exited", json_boolean(pc->exited));
		if (run->nnodes)
			json_object_set_new(p, "node", json_integer(pc->node));
		n = report_process_fields(pc, f);
		for (size_t i = 0; i < n; i++)
			json_object_set_new(p, f[i].name, json_integer(I(f[i].value)));
		json_array_append_new(ps, p);
	}
	json_object_set_new(r, "processes", ps);
}

static json_t *result_json(const struct report *rep, const struct replay_run *run)
{
	const struct machine_counters *c = &run->c;
	json_t *r = json_object();
	double rate = report_fault_rate(run);

	json_object_set_new(r, "policy", json_string(run->policy->name));
	params_json(r, run->policy);
	if (run->policy->ops->flags & POLICY_WINDOW)
		json_object_set_new(r, "tau", json_integer(I(run->tau)));
	else
		json_object_set_new(r, "frames", json_integer(I(run->frames)));
	json_object_set_new(r, "references", json_integer(I(c->references)));
	json_object_set_new(r, "reads", json_integer(I(c->reads)));
	json_object_set_new(r, "writes", json_integer(I(c->writes)));
	json_object_set_new(r, "fetches", json_integer(I(c->fetches)));
	json_object_set_new(r, "faults", json_integer(I(c->faults)));
	json_object_set_new(r, "hits", json_integer(I(c->hits)));
	json_object_set_new(r, "evictions", json_integer(I(c->evictions)));
	json_object_set_new(r, "writebacks", json_integer(I(c->writebacks)));
	json_object_set_new(r, "distinct_pages", json_integer(I(c->distinct_pages)));
	json_object_set_new(r, "page_tables", json_integer(I(c->page_tables)));
	/* json_real() refuses NaN, so an empty run's rate is null. */
	json_object_set_new(r, "fault_rate", rate >= 0 ? json_real(rate) : json_null());
	if (run->policy->ops->flags & POLICY_WINDOW) {
		json_object_set_new(r, "mean_resident", json_real(report_mean_resident(run)));
		json_object_set_new(r, "max_resident", json_integer(I(c->max_resident)));
	}
	if (rep->memo && (rep->memo->memory_on || c->oom))
		memory_json(r, rep, c);
	if (run->steps)
		json_object_set_new(r, "steps", steps_json(rep, run->steps));
	if (run->processes)
		processes_json(r, run);
	if (run->nnodes)
		nodes_json(r, run);
	return r;
}

static int dump(FILE *fp, json_t *doc)
{
	int rc = json_dumpf(doc, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(10));

	json_decref(doc);
	if (rc != 0 || fputc('\n', fp) == EOF)
		return vt_error(VT_IOERR, "error writing JSON output");
	return 0;
}

static json_t *header(const struct report *rep)
{
	json_t *doc = json_object();

	json_object_set_new(doc, "vmtrace", json_string(VMTRACE_VERSION));
	json_object_set_new(doc, "command", json_string(rep->command));
	json_object_set_new(doc, "trace", trace_json(rep));
	return doc;
}

json_t *report_replay_json(const struct report *rep)
{
	json_t *doc = header(rep), *results = json_array();

	json_object_set_new(doc, "options", options_json(rep));
	for (size_t i = 0; i < rep->nruns; i++)
		json_array_append_new(results, result_json(rep, &rep->runs[i]));
	json_object_set_new(doc, "results", results);
	return doc;
}

static int json_replay(FILE *fp, const struct report *rep)
{
	json_t *doc = report_replay_json(rep);

	if (!doc)
		return vt_error(VT_SOFTWARE, "out of memory");
	return dump(fp, doc);
}

static json_t *range_json(const struct sweep_range *r)
{
	if (!r)
		return json_null();
	if (r->all)
		return json_string("all");
	return json_pack("{s:I,s:I,s:I}", "lo", I(r->lo), "hi", I(r->hi), "step", I(r->step));
}

static json_t *sweep_options_json(const struct report *rep)
{
	json_t *o = json_object(), *p = json_array();

	for (size_t i = 0; i < rep->ncurves; i++)
		json_array_append_new(p, json_string(rep->curves[i].policy->name));
	json_object_set_new(o, "policies", p);
	json_object_set_new(o, "frames", range_json(rep->frame_range));
	json_object_set_new(o, "tau", range_json(rep->tau_range));
	json_object_set_new(o, "page_size", json_integer(I(1) << rep->topt->page_shift));
	json_object_set_new(o, "data_only", json_boolean(rep->topt->data_only));
	json_object_set_new(o, "first_page_only", json_boolean(rep->topt->first_page_only));
	json_object_set_new(o, "reject_high", json_boolean(rep->topt->reject_high));
	json_object_set_new(o, "strict", json_boolean(rep->topt->strict));
	if (rep->memo && rep->memo->memory_on)
		mem_options_json(o, rep->memo);
	return o;
}

static json_t *curve_json(const struct report *rep, const struct sweep_curve *cv)
{
	int window = (cv->policy->ops->flags & POLICY_WINDOW) != 0;
	json_t *c = json_object(), *pts = json_array(), *an = json_array();
	uint64_t refs = rep->sum->references;

	json_object_set_new(c, "policy", json_string(cv->policy->name));
	params_json(c, cv->policy);
	json_object_set_new(c, "method", json_string(cv->method));
	for (size_t i = 0; i < cv->n; i++) {
		const struct sweep_point *p = &cv->pts[i];
		json_t *o = json_object();
		json_object_set_new(o, window ? "tau" : "frames", json_integer(I(p->x)));
		json_object_set_new(o, "faults", json_integer(I(p->faults)));
		json_object_set_new(o, "hits", json_integer(I(p->hits)));
		json_object_set_new(o, "evictions", json_integer(I(p->evictions)));
		json_object_set_new(o, "writebacks", json_integer(I(p->writebacks)));
		json_object_set_new(o, "fault_rate",
				    refs ? json_real((double)p->faults / (double)refs) : json_null());
		if (window)
			json_object_set_new(o, "mean_resident", json_real(p->mean_resident));
		json_object_set_new(o, "anomaly", json_boolean(p->anomaly));
		if (rep->memo && rep->memo->memory_on)
			memory_json(o, rep, &p->c);
		json_array_append_new(pts, o);
		if (p->anomaly) {
			json_t *a = json_object();
			json_object_set_new(a, window ? "tau" : "frames", json_integer(I(p->x)));
			json_object_set_new(a, "faults", json_integer(I(p->faults)));
			json_object_set_new(a, window ? "prev_tau" : "prev_frames",
					    json_integer(I(cv->pts[i - 1].x)));
			json_object_set_new(a, "prev_faults", json_integer(I(cv->pts[i - 1].faults)));
			json_array_append_new(an, a);
		}
	}
	json_object_set_new(c, "points", pts);
	json_object_set_new(c, "anomalies", an);
	return c;
}

json_t *report_sweep_json(const struct report *rep)
{
	json_t *doc = header(rep), *sweeps = json_array();

	json_object_set_new(doc, "options", sweep_options_json(rep));
	for (size_t i = 0; i < rep->ncurves; i++)
		json_array_append_new(sweeps, curve_json(rep, &rep->curves[i]));
	json_object_set_new(doc, "sweeps", sweeps);
	return doc;
}

static int json_sweep(FILE *fp, const struct report *rep)
{
	json_t *doc = report_sweep_json(rep);

	if (!doc)
		return vt_error(VT_SOFTWARE, "out of memory");
	return dump(fp, doc);
}

static int json_stats(FILE *fp, const struct report *rep)
{
	return dump(fp, header(rep));
}

const struct output_format output_json = {
	.name = "json",
	.replay = json_replay,
	.stats = json_stats,
	.sweep = json_sweep,
};
