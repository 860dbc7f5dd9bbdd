/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * session_host.h - what the files of the session's host half share: its
 * event queue and its presentation clock (session_queue.c), used by its
 * state machine (session_host.c) (not installed)
 */

#ifndef PMP_LIB_MF_SESSION_HOST_H
#define PMP_LIB_MF_SESSION_HOST_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "mfidl.h"
#include "pmpmedia.h"

struct pmp_registry;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* One event as IPmpMediaSessionHost::GetEvent hands it out. */
struct pmp_session_event {
	DWORD type;
	HRESULT status;
	DWORD vt;
	ULONGLONG value;
	DWORD topology_status;
	GUID guid;
};

/**
 * struct pmp_event_fifo - a session's events, oldest first
 * @lock: guards the rest; taken after the session's own locks
 * @cond: an event came, or shutdown (CLOCK_MONOTONIC)
 * @events: a ring of @capacity entries, @count of them from @head
 * @shutdown: no more events come; waiters drain what is left
 */
struct pmp_event_fifo {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct pmp_session_event *events;
	size_t head, count, capacity;
	bool shutdown;
};

int pmp_event_fifo_init(struct pmp_event_fifo *q);
void pmp_event_fifo_cleanup(struct pmp_event_fifo *q);
HRESULT pmp_event_fifo_push(struct pmp_event_fifo *q,
			    const struct pmp_session_event *ev);
HRESULT pmp_event_fifo_pop(struct pmp_event_fifo *q, DWORD wait_ms,
			   struct pmp_session_event *ev);
void pmp_event_fifo_shutdown(struct pmp_event_fifo *q);

/* A condition variable whose timed waits run on CLOCK_MONOTONIC. */
int pmp_cond_init_monotonic(pthread_cond_t *cond);
/* Waits on @cond until MFGetSystemTime() reaches @deadline (0: forever). */
void pmp_cond_wait_until(pthread_cond_t *cond, pthread_mutex_t *lock,
			 MFTIME deadline);

/**
 * struct pmp_pclock - a presentation clock driven by the system time
 * @state: MFCLOCK_STATE_*; INVALID until its first start
 * @position: the presentation time at @anchor (all the time unless it
 *	runs)
 * @anchor: the system time when it last started running
 */
struct pmp_pclock {
	MFCLOCK_STATE state;
	LONGLONG position;
	MFTIME anchor;
};

LONGLONG pmp_pclock_time(const struct pmp_pclock *c, MFTIME now);
MFTIME pmp_pclock_system_time_at(const struct pmp_pclock *c, LONGLONG time);
void pmp_pclock_run(struct pmp_pclock *c, LONGLONG position, MFTIME now);
void pmp_pclock_pause(struct pmp_pclock *c, MFTIME now);
void pmp_pclock_stop(struct pmp_pclock *c);

/* ---- session_feed.c: a client stream, fed by PushSample ---- */

struct pmp_feed;

/* A feed for client-stream node @node (its PMP_TOPONODE_MEDIA_TYPE). */
HRESULT pmp_feed_create(IMFAttributes *node, struct pmp_feed **out);
void pmp_feed_get(struct pmp_feed *f);
void pmp_feed_put(struct pmp_feed *f);
/* The stream's media type, borrowed from the feed. */
IMFMediaType *pmp_feed_type(struct pmp_feed *f);
/* Drops what is held; segment @segment begins, taking pushes if @accepting. */
void pmp_feed_restart(struct pmp_feed *f, DWORD segment, bool accepting);
/* Ends every wait for good: MF_E_SHUTDOWN from then on. */
void pmp_feed_close(struct pmp_feed *f);
/*
 * Queues @sample, waiting up to @wait_ms for room: S_OK, S_FALSE (an old
 * segment), MF_E_NOTACCEPTING (still full), MF_E_SHUTDOWN (closed).
 */
HRESULT pmp_feed_push(struct pmp_feed *f, DWORD segment, IMFSample *sample,
		      DWORD wait_ms);
/* The end of the stream, or its failure: S_OK, S_FALSE (an old segment). */
HRESULT pmp_feed_end(struct pmp_feed *f, DWORD segment, HRESULT status);
/*
 * The next sample of @segment, waiting for one: S_OK, S_FALSE at the end,
 * the status the stream ended with, MF_E_OPERATION_CANCELLED once another
 * segment began.
 */
HRESULT pmp_feed_read(struct pmp_feed *f, DWORD segment, IMFSample **out);

/* ---- session_keys.c: the session's keys, as its decryptors see them ---- */

/* A lookup in @store (referenced) that remembers the key id it missed. */
HRESULT pmp_key_lookup_create(IPmpKeyStore *store, IPmpKeyStore **out);
/* The key id @lookup missed last, if any. */
bool pmp_key_lookup_missing(IPmpKeyStore *lookup, BYTE kid[16]);

/* ---- session_graph.c: a presentation and its objects ---- */

/* The transforms a stream may need between its source and its sink. */
#define PMP_STREAM_CHAIN_MAX 2

/* The object of one output node; several streams may feed it. */
struct sink_object {
	IPmpMediaSink *sink;
	TOPOID node;
	UINT64 count;
};

/*
 * One source node, its object and where its samples go.  The worker owns
 * @chain, @drained and, under the session's lock, the rest below @sink.
 */
struct stream {
	IPmpMediaSource *source;
	struct pmp_feed *feed;
	IPmpMediaTransform *chain[PMP_STREAM_CHAIN_MAX];
	bool drained[PMP_STREAM_CHAIN_MAX];
	WORD nr_chain;
	TOPOID node, peer;
	struct sink_object *sink;
	UINT64 count;
	/* Of @count, those in memfd_secret() memory and in the fallback. */
	UINT64 secret, fallback;
	bool have, ended;
	IMFSample *sample;
	LONGLONG time, duration;
};

struct presentation {
	atomic_long refcount;
	IMFTopology *topology;
	TOPOID id;
	struct stream *streams;
	struct sink_object *sinks;
	WORD nr_streams, nr_sinks;
	/* Every sink is rateless: samples go as fast as they come. */
	bool rateless;
	/* The end of the latest sample a sink took: when the end comes. */
	LONGLONG end;
};

/* What resolution takes from the session. */
struct pmp_resolve_ctx {
	IPmpKeyStore *keys;
	DWORD output_policy;
};

/*
 * Resolves @topology (taking it) into a presentation.  Return: S_OK,
 * MF_E_TOPO_UNSUPPORTED (a shape other than source -> output),
 * MF_E_POLICY_UNSUPPORTED (a sink the output policy forbids),
 * MF_E_TOPO_CANNOT_FIND_DECRYPTOR, MF_E_TOPO_CODEC_NOT_FOUND, or the
 * failure of a node's object: its creation, Open or SetInputType.
 */
HRESULT pmp_pres_resolve(struct pmp_registry *reg, IMFTopology *topology,
			 const struct pmp_resolve_ctx *ctx,
			 struct presentation **out);
void pmp_pres_get(struct presentation *p);
/* Drops a reference; the last releases the objects. */
void pmp_pres_put(struct presentation *p);
struct stream *pmp_pres_stream(struct presentation *p, TOPOID node);
struct sink_object *pmp_pres_sink(struct presentation *p, TOPOID node);
void pmp_pres_restart_feeds(struct presentation *p, DWORD segment,
			    bool accepting);
void pmp_pres_flush_sinks(struct presentation *p);
/* Sources sought to @position, transforms flushed (the worker). */
HRESULT pmp_pres_seek(struct presentation *p, LONGLONG position);
/*
 * The next sample out of @st's last transform (the worker): S_OK, S_FALSE
 * at the end of the stream, or a failure.
 */
HRESULT pmp_stream_pull(struct stream *st, DWORD segment, IMFSample **out);

#endif /* PMP_LIB_MF_SESSION_HOST_H */
