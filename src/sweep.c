/* sweep.c - one curve per policy: one pass where theory allows, else
 * frame counts simulated in parallel over the one decoded trace. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exitcodes.h"
#include "machine.h"
#include "options.h"
#include "replay.h"
#include "sweep.h"

int sweep_parse_range(const char *opt, const char *arg, uint64_t max, bool allow_all,
		      struct sweep_range *out)
{
	char lo[32], hi[32], step[32];
	const char *dash, *colon;
	int err;

	memset(out, 0, sizeof(*out));
	out->step = 1;
	if (allow_all && strcmp(arg, "all") == 0) {
		out->all = true;
		return 0;
	}
	dash = strchr(arg, '-');
	colon = strchr(arg, ':');
	if (strchr(arg, ','))
		return vt_error(VT_USAGE, "%s: '%s': a sweep takes a range LO-HI or LO-HI:STEP%s, not a list",
				opt, arg, allow_all ? " (or all)" : "");
	if (strlen(arg) >= sizeof(lo) || (colon && dash && colon < dash) || (colon && !dash) ||
	    (dash && (dash == arg || dash[1] == '\0' || dash[1] == ':')))
		return vt_error(VT_USAGE, "%s: '%s' is not a range (LO-HI or LO-HI:STEP%s)", opt, arg,
				allow_all ? ", or all" : "");
	if (!dash) {
		if ((err = opt_parse_u64(opt, arg, 1, max, &out->lo)))
			return err;
		out->hi = out->lo;
		return 0;
	}
	memcpy(lo, arg, (size_t)(dash - arg));
	lo[dash - arg] = '\0';
	if (colon) {
		memcpy(hi, dash + 1, (size_t)(colon - dash - 1));
		hi[colon - dash - 1] = '\0';
		strcpy(step, colon + 1);
	} else {
		strcpy(hi, dash + 1);
		strcpy(step, "1");
	}
	if ((err = opt_parse_u64(opt, lo, 1, max, &out->lo)) ||
	    (err = opt_parse_u64(opt, hi, 1, max, &out->hi)) ||
	    (err = opt_parse_u64(opt, step, 1, max, &out->step)))
		return err;
	if (out->hi < out->lo)
		return vt_error(VT_USAGE, "%s: %s is an empty range (%llu > %llu)", opt, arg,
				(unsigned long long)out->lo, (unsigned long long)out->hi);
	return 0;
}

int sweep_range_values(const struct sweep_range *r, uint64_t all_hi, uint64_t **out, size_t *n)
{
	uint64_t lo = r->all ? 1 : r->lo, hi = r->all ? all_hi : r->hi, step = r->all ? 1 : r->step;
	size_t k = 0, count;
	uint64_t *v;

	if (hi < lo)
		hi = lo;
	count = (size_t)((hi - lo) / step + 1);
	v = malloc(sizeof(*v) * count);
	if (!v)
		return vt_error(VT_SOFTWARE, "out of memory for %zu sweep points", count);
	for (uint64_t x = lo; k < count; x += step)
		v[k++] = x;
	*out = v;
	*n = k;
	return 0;
}

void sweep_mark_anomalies(struct sweep_curve *curve)
{
	for (size_t i = 0; i < curve->n; i++)
		curve->pts[i].anomaly = i > 0 && curve->pts[i].faults > curve->pts[i - 1].faults;
}

void sweep_curve_release(struct sweep_curve *curve)
{
	free(curve->pts);
	curve->pts = NULL;
	curve->n = 0;
}

/* --- simulated policies: a pool of threads over frame counts ---------- */

struct sim_job {
	const struct sweep_input *in;
	const struct policy_choice *policy;
	const uint32_t *next_use;  /* OPT */
	const uint64_t *xs;
	struct sweep_point *pts;
	size_t nx;
	atomic_size_t next;     /* next point to take */
	atomic_size_t done;
	atomic_int err;
};

/* One point by replaying the trace; frames is tau for a window policy. */
static int simulate_point(const struct sweep_input *in, const struct policy_choice *choice,
			  const uint32_t *next_use, uint64_t frames, struct sweep_point *pt)
{
	const struct policy_ops *policy = choice->ops;
	struct machine *m;
	struct machine_config cfg = {
		.policy = policy,
		.param = choice->param,
		.mem = in->mem,
		.next_use = next_use,
		.frames = (uint32_t)frames,
		.tau = frames,
		.page_shift = in->page_shift,
	};
	const struct machine_counters *c;
	int err;

	if (frames >= in->distinct && !(policy->flags & POLICY_WINDOW) && !in->mem) {
		/* Every page fits: first touches only, nothing evicted. */
		*pt = (struct sweep_point){ .x = frames, .faults = in->distinct,
					    .hits = in->n - in->distinct };
		return 0;
	}
	if ((err = machine_new(&m, &cfg)))
		return err;
	err = machine_run(m, in->refs, in->n);
	c = machine_counters(m);
	*pt = (struct sweep_point){ .x = frames, .faults = c->faults, .hits = c->hits,
				    .evictions = c->evictions, .writebacks = c->writebacks,
				    .mean_resident = c->references ? (double)c->resident_sum /
								     (double)c->references : 0,
				    .c = *c };
	if (!err && in->mem && !(err = machine_check(m)))
		err = machine_release(m);
	machine_free(m);
	return err;
}

/* Take points until none are left; report to prog (the calling thread
 * only: the progress line is not shared between threads). */
static void sim_points(struct sim_job *job, struct progress *prog)
{
	for (;;) {
		size_t i = atomic_fetch_add(&job->next, 1);
		int err;
		if (i >= job->nx || atomic_load(&job->err))
			break;
		err = simulate_point(job->in, job->policy, job->next_use, job->xs[i], &job->pts[i]);
		if (err) {
			int none = 0;
			atomic_compare_exchange_strong(&job->err, &none, err);
		}
		atomic_fetch_add(&job->done, 1);
		if (prog)
			progress_count(prog, atomic_load(&job->done), job->nx);
	}
}

static void *sim_worker(void *arg)
{
	sim_points(arg, NULL);
	return NULL;
}

static int simulate_all(struct sim_job *job, unsigned threads, struct progress *prog)
{
	pthread_t *tids;
	unsigned started = 0;

	if (threads > job->nx)
		threads = job->nx ? (unsigned)job->nx : 1;
	tids = malloc(sizeof(*tids) * threads);
	if (!tids)
		return vt_error(VT_SOFTWARE, "out of memory");
	/* Workers beyond the first are a speed-up, not a requirement. */
	for (unsigned i = 1; i < threads; i++)
		if (pthread_create(&tids[started], NULL, sim_worker, job) == 0)
			started++;
	sim_points(job, prog);
	for (unsigned i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	free(tids);
	return atomic_load(&job->err);
}

/* Every point by its own replay, in threads. */
static int simulate_curve(const struct sweep_input *in, const struct policy_choice *choice,
			  const uint32_t *next_use, const uint64_t *xs, size_t nx, unsigned threads,
			  struct progress *prog, struct sweep_curve *curve)
{
	struct sim_job job = {
		.in = in, .policy = choice, .next_use = next_use, .xs = xs, .pts = curve->pts,
		.nx = nx,
	};

	curve->method = "simulated";
	atomic_init(&job.next, 0);
	atomic_init(&job.done, 0);
	atomic_init(&job.err, 0);
	return simulate_all(&job, threads ? threads : 1, prog);
}

/* The one-pass method for a curve, if there is one: a memory model's
 * counters need a replay per point, so with one every policy is
 * simulated. */
enum one_pass { PASS_NONE, PASS_LRU, PASS_OPT, PASS_WS };

static enum one_pass one_pass_of(const struct sweep_input *in, const struct policy_choice *choice)
{
	const char *name = choice->ops->name;

	if (in->mem)
		return PASS_NONE;
	if (strcmp(name, "lru") == 0)
		return PASS_LRU;
	if (strcmp(name, "opt") == 0)
		return PASS_OPT;
	if (strcmp(name, "ws") == 0)
		return PASS_WS;
	return PASS_NONE;
}

int sweep_run(const struct sweep_input *in, const struct policy_choice *choice,
	      const uint64_t *xs, size_t nx, unsigned threads, struct progress *prog,
	      struct sweep_curve *curve)
{
	const struct policy_ops *policy = choice->ops;
	uint32_t *next_use = NULL;
	int err = 0;

	curve->policy = choice;
	curve->n = nx;
	curve->pts = calloc(nx ? nx : 1, sizeof(*curve->pts));
	if (!curve->pts)
		return vt_error(VT_SOFTWARE, "out of memory for %zu sweep points", nx);
	if (strcmp(policy->name, "opt") == 0 || strcmp(policy->name, "ws") == 0)
		err = next_use_compute(in->refs, in->n, in->page_shift, &next_use);
	if (!err) {
		enum one_pass pass = one_pass_of(in, choice);

		if (pass != PASS_NONE)
			curve->method = "one-pass";
		switch (pass) {
		case PASS_LRU:
			err = stackdist_lru(in, xs, nx, curve->pts);
			break;
		case PASS_OPT:
			err = stackdist_opt(in, next_use, xs, nx, curve->pts);
			break;
		case PASS_WS:
			err = ws_sweep(in, next_use, xs, nx, curve->pts);
			break;
		case PASS_NONE:
			err = simulate_curve(in, choice, next_use, xs, nx, threads, prog, curve);
			break;
		}
	}
	free(next_use);
	if (!err)
		sweep_mark_anomalies(curve);
	return err;
}

/* --- several curves: one-pass curves beside the others ---------------- */

struct pass_job {
	const struct sweep_input *in;
	const struct policy_choice *choice;
	const uint64_t *xs;
	size_t nx;
	struct sweep_curve *curve;
	int err;
	bool threaded;
	pthread_t tid;
};

static void *pass_main(void *arg)
{
	struct pass_job *j = arg;

	j->err = sweep_run(j->in, j->choice, j->xs, j->nx, 1, NULL, j->curve);
	return NULL;
}

int sweep_run_all(const struct sweep_input *in, const struct policy_choice *choices, size_t n,
		  const uint64_t *fx, size_t nfx, const uint64_t *tx, size_t ntx, unsigned threads,
		  bool quiet, struct sweep_curve *curves)
{
	struct pass_job *jobs = calloc(n ? n : 1, sizeof(*jobs));
	struct progress prog;
	int err = 0;

	if (!jobs)
		return vt_error(VT_SOFTWARE, "out of memory");
	for (size_t i = 0; i < n; i++) {
		bool window = (choices[i].ops->flags & POLICY_WINDOW) != 0;
		jobs[i] = (struct pass_job){ .in = in, .choice = &choices[i],
					     .xs = window ? tx : fx, .nx = window ? ntx : nfx,
					     .curve = &curves[i] };
	}
	/* With more than one thread and more than one curve, each one-pass
	 * curve (one thread's work from start to end) gets a thread of its
	 * own, so sweep -p lru,opt takes the longer pass's time, not the sum;
	 * the simulated curves keep the calling thread and their pool. */
	for (size_t i = 0; threads > 1 && n > 1 && i < n; i++)
		if (one_pass_of(in, &choices[i]) != PASS_NONE)
			jobs[i].threaded = pthread_create(&jobs[i].tid, NULL, pass_main, &jobs[i]) == 0;
	for (size_t i = 0; i < n; i++) {
		if (jobs[i].threaded)
			continue;
		progress_init(&prog, choices[i].name, 0, quiet);
		jobs[i].err = sweep_run(in, &choices[i], jobs[i].xs, jobs[i].nx, threads, &prog,
					&curves[i]);
		progress_done(&prog);
	}
	for (size_t i = 0; i < n; i++) {
		if (jobs[i].threaded)
			pthread_join(jobs[i].tid, NULL);
		if (!err)
			err = jobs[i].err;
	}
	free(jobs);
	return err;
}
