/* replay.c - feeding one trace to many machines. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "ref.h"
#include "replay.h"

#define BLOCK_REFS (1u << 16)

int ref_vec_read_all(struct ref_vec *vec, struct trace_reader *r, struct progress *prog)
{
	for (;;) {
		size_t got;
		int err;

		if (vec->cap - vec->n < BLOCK_REFS) {
			size_t ncap = vec->cap ? vec->cap * 2 : 4 * BLOCK_REFS;
			uint32_t *nv = realloc(vec->v, ncap * sizeof(*nv));
			if (!nv)
				return vt_error(VT_SOFTWARE, "out of memory holding the trace (%zu references)",
						vec->n);
			vec->v = nv;
			vec->cap = ncap;
		}
		if ((err = trace_next(r, vec->v + vec->n, BLOCK_REFS, &got)))
			return err;
		if (got == 0)
			return 0;
		vec->n += got;
		if (prog)
			progress_update(prog, trace_bytes_read(r), r->sum.references);
	}
}

void ref_vec_release(struct ref_vec *vec)
{
	free(vec->v);
	vec->v = NULL;
	vec->n = vec->cap = 0;
}

void steps_free(struct steps *s)
{
	if (!s)
		return;
	free(s->refs);
	free(s->fault);
	free(s->victim);
	free(s->expired);
	free(s->contents);
	free(s);
}

static int new_machine(struct machine **m, const struct replay_run *run, unsigned page_shift,
		       const uint32_t *next_use)
{
	struct machine_config cfg = {
		.policy = run->policy->ops,
		.param = run->policy->param,
		.frames = run->frames,
		.tau = run->tau,
		.page_shift = page_shift,
		.next_use = next_use,
		.mem = run->mem,
	};
	return machine_new(m, &cfg);
}

/* The node layer's per-node counters and buddyinfo samples, copied. */
static int keep_nodes(struct machine *m, struct replay_run *run)
{
	uint32_t n = machine_nnodes(m);
	size_t ns;
	const struct buddy_sample *bs = machine_buddy_series(m, &ns);

	if (n) {
		if (!(run->nodes = malloc(sizeof(*run->nodes) * n)))
			return vt_error(VT_SOFTWARE, "out of memory");
		machine_nodes(m, run->nodes);
		run->nnodes = n;
	}
	if (ns) {
		if (!(run->series = malloc(sizeof(*run->series) * ns)))
			return vt_error(VT_SOFTWARE, "out of memory");
		memcpy(run->series, bs, sizeof(*run->series) * ns);
		run->nseries = ns;
	}
	return 0;
}

/* The run's results, then every reference count checked by releasing
 * the address spaces. */
static int finish_run(struct machine *m, struct replay_run *run)
{
	int err;

	run->c = *machine_counters(m);
	if (run->processes && (err = machine_procs(m, &run->procs, &run->nprocs)))
		return err;
	if ((err = machine_check(m)) || (err = keep_nodes(m, run)))
		return err;
	return machine_release(m);
}

void replay_runs_release(struct replay_run *runs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(runs[i].procs);
		free(runs[i].nodes);
		free(runs[i].series);
		steps_free(runs[i].steps);
		runs[i].procs = NULL;
		runs[i].nodes = NULL;
		runs[i].series = NULL;
		runs[i].steps = NULL;
	}
}

/* Step through refs one at a time, recording the frames after each. */
static int record_steps(struct machine *m, const uint32_t *refs, size_t n, struct steps **out)
{
	struct steps *s = calloc(1, sizeof(*s));
	uint32_t nf = machine_frames(m);
	uint32_t *snap = NULL;
	int err = 0;

	*out = NULL;
	if (!s)
		return vt_error(VT_SOFTWARE, "out of memory");
	s->n = n;
	s->refs = malloc(sizeof(uint32_t) * (n ? n : 1));
	s->fault = malloc(n ? n : 1);
	s->victim = malloc(sizeof(uint32_t) * (n ? n : 1));
	s->expired = malloc(sizeof(uint32_t) * (n ? n : 1));
	snap = malloc(sizeof(uint32_t) * (n ? n : 1) * nf);
	if (!s->refs || !s->fault || !s->victim || !s->expired || !snap) {
		free(snap);
		steps_free(s);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		struct machine_step st;
		if ((err = machine_step(m, refs[i], &st)))
			break;
		s->refs[i] = refs[i];
		s->fault[i] = (uint8_t)st.fault;
		s->victim[i] = st.victim_vpn;
		s->expired[i] = st.expired_vpn;
		for (uint32_t f = 0; f < nf; f++) {
			uint32_t page = machine_frame_page(m, f);
			snap[i * nf + f] = page;
			if (page != NO_PAGE && f + 1 > s->nframes)
				s->nframes = f + 1;
		}
	}
	if (err) {
		free(snap);
		steps_free(s);
		return err;
	}
	/* Keep only the columns of frames that ever held a page. */
	s->contents = malloc(sizeof(uint32_t) * (n ? n : 1) * (s->nframes ? s->nframes : 1));
	if (!s->contents) {
		free(snap);
		steps_free(s);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	for (size_t i = 0; i < n; i++)
		memcpy(s->contents + i * s->nframes, snap + i * nf, sizeof(uint32_t) * s->nframes);
	free(snap);
	*out = s;
	return 0;
}

int replay_refs(const uint32_t *refs, size_t n, const uint32_t *next_use, unsigned page_shift,
		struct replay_run *runs, size_t nruns, bool steps)
{
	for (size_t i = 0; i < nruns; i++) {
		struct machine *m;
		int err = new_machine(&m, &runs[i], page_shift, next_use);
		if (err)
			return err;
		if (steps)
			err = record_steps(m, refs, n, &runs[i].steps);
		else
			err = machine_run(m, refs, n);
		if (!err)
			err = finish_run(m, &runs[i]);
		machine_free(m);
		if (err)
			return err;
	}
	return 0;
}

static int needs_future(const struct replay_run *runs, size_t nruns)
{
	for (size_t i = 0; i < nruns; i++)
		if (runs[i].policy->ops->flags & POLICY_NEEDS_FUTURE)
			return 1;
	return 0;
}

/* Whole trace in memory: OPT, or step tables. */
static int replay_spooled(struct trace_reader *r, struct replay_run *runs, size_t nruns,
			  size_t max_steps, struct progress *prog)
{
	struct ref_vec vec = {0};
	uint32_t *next_use = NULL;
	int err = ref_vec_read_all(&vec, r, prog);

	if (!err && max_steps && vec.n > max_steps)
		err = vt_error(VT_USAGE, "--steps shows at most %zu references; %s has %zu",
			       max_steps, r->src.name, vec.n);
	if (!err && needs_future(runs, nruns))
		err = next_use_compute(vec.v, vec.n, r->opt.page_shift, &next_use);
	if (!err)
		err = replay_refs(vec.v, vec.n, next_use, r->opt.page_shift, runs, nruns,
				  max_steps > 0);
	free(next_use);
	ref_vec_release(&vec);
	return err;
}

int replay_trace(struct trace_reader *r, struct replay_run *runs, size_t nruns, size_t max_steps,
		 struct progress *prog)
{
	struct machine **ms;
	uint32_t *block;
	int err = 0;

	if (max_steps || needs_future(runs, nruns))
		return replay_spooled(r, runs, nruns, max_steps, prog);

	ms = calloc(nruns, sizeof(*ms));
	block = malloc(sizeof(uint32_t) * BLOCK_REFS);
	if (!ms || !block) {
		free(ms);
		free(block);
		return vt_error(VT_SOFTWARE, "out of memory");
	}
	for (size_t i = 0; i < nruns && !err; i++)
		err = new_machine(&ms[i], &runs[i], r->opt.page_shift, NULL);
	while (!err) {
		size_t got;
		if ((err = trace_next(r, block, BLOCK_REFS, &got)) || got == 0)
			break;
		for (size_t i = 0; i < nruns && !err; i++)
			err = machine_run(ms[i], block, got);
		if (prog)
			progress_update(prog, trace_bytes_read(r), r->sum.references);
	}
	for (size_t i = 0; i < nruns; i++) {
		if (ms[i] && !err)
			err = finish_run(ms[i], &runs[i]);
		machine_free(ms[i]);
	}
	free(ms);
	free(block);
	return err;
}
