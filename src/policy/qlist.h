/* qlist.h - queues threaded through flat index arrays, and page-keyed
 * ghost entries, for the policies that keep several queues (sieve, s3fifo,
 * 2q, arc, lirs).
 *
 * A node is a small integer: a frame number, or a ghost node numbered
 * after the frames.  Several lists share one pair of link arrays (a node
 * is on at most one of them at a time); a node on none has stale links.
 * Every list runs from head (newest, most recently used) to tail (oldest):
 * next[] points toward the tail, prev[] toward the head.  Everything here
 * is O(1) and allocation-free once initialised.
 *
 * Ghost entries remember evicted pages (ARC's B1/B2, 2Q's A1out, S3-FIFO's
 * G, LIRS's non-resident HIR blocks).  They are keyed by page, not frame,
 * so a direct-indexed table over the virtual page space (2^20 entries with
 * 4 KiB pages) maps a page to its ghost node; no hashing.
 */
#ifndef VMTRACE_POLICY_QLIST_H
#define VMTRACE_POLICY_QLIST_H

#include <stdint.h>
#include <stdlib.h>

#define QNIL UINT32_MAX

struct qlinks {
	uint32_t *prev, *next;
};

struct qlist {
	uint32_t head, tail, size;
};

/* Return: 0, or -1 when out of memory (nothing to release then). */
static inline int qlinks_init(struct qlinks *k, uint32_t nodes)
{
	k->prev = malloc(sizeof(uint32_t) * (nodes ? nodes : 1));
	k->next = malloc(sizeof(uint32_t) * (nodes ? nodes : 1));
	if (!k->prev || !k->next) {
		free(k->prev);
		free(k->next);
		k->prev = k->next = NULL;
		return -1;
	}
	return 0;
}

static inline void qlinks_release(struct qlinks *k)
{
	free(k->prev);
	free(k->next);
}

static inline void qlist_init(struct qlist *l)
{
	l->head = l->tail = QNIL;
	l->size = 0;
}

static inline void qlist_push_head(struct qlinks *k, struct qlist *l, uint32_t i)
{
	k->prev[i] = QNIL;
	k->next[i] = l->head;
	if (l->head != QNIL)
		k->prev[l->head] = i;
	else
		l->tail = i;
	l->head = i;
	l->size++;
}

static inline void qlist_remove(struct qlinks *k, struct qlist *l, uint32_t i)
{
	uint32_t pv = k->prev[i], nx = k->next[i];

	if (pv != QNIL)
		k->next[pv] = nx;
	else
		l->head = nx;
	if (nx != QNIL)
		k->prev[nx] = pv;
	else
		l->tail = pv;
	l->size--;
}

/* Node j takes node i's place in the list (j on no list before). */
static inline void qlist_replace(struct qlinks *k, struct qlist *l, uint32_t i, uint32_t j)
{
	uint32_t pv = k->prev[i], nx = k->next[i];

	k->prev[j] = pv;
	k->next[j] = nx;
	if (pv != QNIL)
		k->next[pv] = j;
	else
		l->head = j;
	if (nx != QNIL)
		k->prev[nx] = j;
	else
		l->tail = j;
}

static inline void qlist_move_head(struct qlinks *k, struct qlist *l, uint32_t i)
{
	if (l->head == i)
		return;
	qlist_remove(k, l, i);
	qlist_push_head(k, l, i);
}

/*
 * Ghost nodes first .. first+cap-1, with the page each remembers.  map[vpn]
 * is the node + 1, or 0 when the page has no ghost (calloc'd: untouched
 * parts of the page space cost no memory).
 */
struct ghosts {
	uint32_t first, cap;
	uint32_t *map;     /* indexed by page */
	uint32_t *vpn;     /* indexed by node - first */
	uint32_t *free;    /* stack of free nodes */
	uint32_t nfree;
};

static inline int ghosts_init(struct ghosts *g, uint32_t vpn_space, uint32_t first, uint32_t cap)
{
	g->first = first;
	g->cap = cap;
	g->map = calloc(vpn_space, sizeof(uint32_t));
	g->vpn = malloc(sizeof(uint32_t) * (cap ? cap : 1));
	g->free = malloc(sizeof(uint32_t) * (cap ? cap : 1));
	if (!g->map || !g->vpn || !g->free) {
		free(g->map);
		free(g->vpn);
		free(g->free);
		g->map = g->vpn = g->free = NULL;
		return -1;
	}
	/* Lowest node on top: the order nodes are handed out is fixed. */
	for (uint32_t i = 0; i < cap; i++)
		g->free[i] = first + cap - 1 - i;
	g->nfree = cap;
	return 0;
}

static inline void ghosts_release(struct ghosts *g)
{
	free(g->map);
	free(g->vpn);
	free(g->free);
}

/* A frame emptied by a process's exit or exec holds no page (the machine's
 * NO_PAGE): a ghost made from it remembers nothing and is never found. */
#define GHOST_NO_PAGE UINT32_MAX

/* The ghost node of page vpn, or QNIL. */
static inline uint32_t ghosts_find(const struct ghosts *g, uint32_t vpn)
{
	if (vpn == GHOST_NO_PAGE)
		return QNIL;
	return g->map[vpn] - 1;  /* 0 - 1 wraps to QNIL */
}

/* A node for vpn, which has none; the caller keeps one free (nfree > 0). */
static inline uint32_t ghosts_add(struct ghosts *g, uint32_t vpn)
{
	uint32_t n = g->free[--g->nfree];

	g->vpn[n - g->first] = vpn;
	if (vpn != GHOST_NO_PAGE)
		g->map[vpn] = n + 1;
	return n;
}

static inline void ghosts_drop(struct ghosts *g, uint32_t n)
{
	if (g->vpn[n - g->first] != GHOST_NO_PAGE)
		g->map[g->vpn[n - g->first]] = 0;
	g->free[g->nfree++] = n;
}

static inline uint32_t ghosts_page(const struct ghosts *g, uint32_t n)
{
	return g->vpn[n - g->first];
}

/* Remember vpn at the head of a FIFO of ghosts, l, dropping the oldest
 * when every node is taken; with no nodes at all, remember nothing. */
static inline void ghosts_push_fifo(struct ghosts *g, struct qlinks *k, struct qlist *l,
				    uint32_t vpn)
{
	if (!g->cap)
		return;
	if (!g->nfree) {
		uint32_t old = l->tail;
		qlist_remove(k, l, old);
		ghosts_drop(g, old);
	}
	qlist_push_head(k, l, ghosts_add(g, vpn));
}

#endif
