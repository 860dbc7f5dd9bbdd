// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * session_host.c - the host half of a Media Session: IPmpMediaSessionHost
 * (CLSID_PmpMediaSession, a class every registry has) and its factory
 *
 * A session holds at most one presentation: a topology received by value,
 * resolved into the objects its nodes name (PMP_TOPONODE_OBJECT_CLSID),
 * created through the registry the session came from.  The shape
 * supported is one source-stream node per stream, its output 0 connected
 * straight to an output node; anything else is MF_E_TOPO_UNSUPPORTED.  A
 * worker thread, started by the first Start, moves samples from each
 * source to its sink when the presentation clock reaches their time, and
 * makes every call into a source or sink but Open (made while resolving,
 * before the worker can see the objects), so that components see one
 * thread at a time.
 *
 * Every command (SetTopology, Start...) returns at once and says how it
 * went as an event, as Windows' session does; the statuses follow Windows
 * as Wine's mf tests record it (Documentation/userspace-api/mf.rst, "The
 * Media Session in a PMP process", lists them and where pmp differs).
 *
 * Locking overview.  command_lock orders the commands: it is held for a
 * whole command, resolution included, so that each command sees the
 * previous one done.  lock guards the state below it in struct session
 * and the presentation's streams; the worker holds it except while it
 * calls a component, and waits on cond.  Order: command_lock, lock, then
 * the event queue's lock.  A presentation is reference-counted: the
 * worker keeps one while it calls a component, so that a command may
 * drop the presentation at any time; presentations are released with no
 * lock held but command_lock (releasing one releases components).  What
 * the worker learnt during a call counts only if the generation has not
 * changed meanwhile: Stop, Start, SetTopology, Close and Shutdown change
 * it, Pause does not (a paused presentation keeps its next sample).
 */

#define COBJMACROS
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mfapi.h"
#include "mfidl.h"
#include "pmpmedia.h"

#include "../memfd.h"
#include "../registry.h"
#include "mf.h"
#include "session_host.h"

/* A serialized topology larger than this is refused (E_INVALIDARG). */
#define TOPOLOGY_BLOB_MAX (1U << 20)
#define SET_TOPOLOGY_FLAGS                                                     \
	(MFSESSION_SETTOPOLOGY_IMMEDIATE |                                     \
	 MFSESSION_SETTOPOLOGY_NORESOLUTION |                                  \
	 MFSESSION_SETTOPOLOGY_CLEAR_CURRENT)
/* What a session with a topology can do (no rate control). */
#define CAPS_READY (MFSESSIONCAP_START | MFSESSIONCAP_SEEK)

/* The object of one output node; several streams may feed it. */
struct sink_object {
	IPmpMediaSink *sink;
	TOPOID node;
	UINT64 count;
};

/* One source node, its object and where its samples go. */
struct stream {
	IPmpMediaSource *source;
	TOPOID node, peer;
	struct sink_object *sink;
	UINT64 count;
	bool have, ended;
	LONGLONG time, duration;
};

struct presentation {
	atomic_long refcount;
	IMFTopology *topology;
	TOPOID id;
	struct stream *streams;
	struct sink_object *sinks;
	WORD nr_streams, nr_sinks;
	/* The end of the latest sample a sink took: when the end comes. */
	LONGLONG end;
};

enum session_state {
	STATE_STOPPED,
	STATE_RUNNING,
	STATE_PAUSED,
	STATE_CLOSED,
};

struct session {
	IPmpMediaSessionHost IPmpMediaSessionHost_iface;
	atomic_long refcount;
	struct pmp_registry *reg;
	struct pmp_event_fifo events;
	pthread_mutex_t command_lock;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	/* lock: */
	enum session_state state;
	bool shutdown;
	struct presentation *pres;
	struct pmp_pclock clock;
	DWORD caps;
	unsigned long generation;
	bool seek_pending;
	LONGLONG seek_to;
	bool worker_started;
	bool quit;
	pthread_t worker;
};

static struct session *
impl_from_IPmpMediaSessionHost(IPmpMediaSessionHost *iface)
{
	return (struct session *)iface;
}

/* ---- presentations ---- */

static void pres_get(struct presentation *p)
{
	atomic_fetch_add(&p->refcount, 1);
}

/* Drops a reference; the last releases the objects.  No lock but commands. */
static void pres_put(struct presentation *p)
{
	WORD i;

	if (!p || atomic_fetch_sub(&p->refcount, 1) != 1)
		return;
	for (i = 0; i < p->nr_streams; i++)
		if (p->streams[i].source)
			IPmpMediaSource_Release(p->streams[i].source);
	for (i = 0; i < p->nr_sinks; i++)
		if (p->sinks[i].sink)
			IPmpMediaSink_Release(p->sinks[i].sink);
	if (p->topology)
		IMFTopology_Release(p->topology);
	free(p->streams);
	free(p->sinks);
	free(p);
}

/* The object of class PMP_TOPONODE_OBJECT_CLSID of @node, as @iid. */
static HRESULT create_node_object(struct pmp_registry *reg,
				  IMFTopologyNode *node, REFIID iid, void **out)
{
	IClassFactory *factory = NULL;
	GUID clsid;
	HRESULT hr;

	*out = NULL;
	if (FAILED(IMFTopologyNode_GetGUID(node, &PMP_TOPONODE_OBJECT_CLSID,
					   &clsid)))
		return MF_E_TOPO_UNSUPPORTED;
	hr = pmp_registry_get_class_object(reg, (const pmp_guid *)&clsid,
					   (const pmp_guid *)&IID_IClassFactory,
					   (void **)&factory);
	if (SUCCEEDED(hr) && !factory)
		hr = E_UNEXPECTED;
	if (FAILED(hr))
		return hr;
	hr = IClassFactory_CreateInstance(factory, NULL, iid, out);
	IClassFactory_Release(factory);
	if (SUCCEEDED(hr) && !*out)
		hr = E_UNEXPECTED;
	return hr;
}

/* Whether every input of output node @node is connected (one at least). */
static bool sink_inputs_connected(IMFTopologyNode *node)
{
	IMFTopologyNode *peer;
	DWORD inputs = 0, i, index;

	IMFTopologyNode_GetInputCount(node, &inputs);
	for (i = 0; i < inputs; i++) {
		if (FAILED(IMFTopologyNode_GetInput(node, i, &peer, &index)))
			return false;
		IMFTopologyNode_Release(peer);
	}
	return inputs > 0;
}

/*
 * The output node that output 0 of source node @node feeds, into @peer;
 * MF_E_TOPO_UNSUPPORTED for any other shape.
 */
static HRESULT stream_peer(IMFTopologyNode *node, TOPOID *peer_id)
{
	MF_TOPOLOGY_TYPE type = MF_TOPOLOGY_TEE_NODE;
	IMFTopologyNode *peer;
	DWORD outputs = 0, o, index;

	IMFTopologyNode_GetOutputCount(node, &outputs);
	for (o = 0; o < outputs; o++) {
		if (FAILED(IMFTopologyNode_GetOutput(node, o, &peer, &index)))
			continue;
		if (!o) {
			IMFTopologyNode_GetNodeType(peer, &type);
			IMFTopologyNode_GetTopoNodeID(peer, peer_id);
		}
		IMFTopologyNode_Release(peer);
		if (o)
			return MF_E_TOPO_UNSUPPORTED;
	}
	return type == MF_TOPOLOGY_OUTPUT_NODE ? S_OK : MF_E_TOPO_UNSUPPORTED;
}

/* Checks @node's shape and creates and opens its object. */
static HRESULT resolve_node(struct pmp_registry *reg, struct presentation *p,
			    IMFTopologyNode *node)
{
	IMFAttributes *attrs = (IMFAttributes *)node;
	MF_TOPOLOGY_TYPE type;
	struct sink_object *sink;
	struct stream *st;
	HRESULT hr;

	IMFTopologyNode_GetNodeType(node, &type);
	if (type == MF_TOPOLOGY_OUTPUT_NODE) {
		if (!sink_inputs_connected(node))
			return MF_E_TOPO_UNSUPPORTED;
		sink = &p->sinks[p->nr_sinks++];
		IMFTopologyNode_GetTopoNodeID(node, &sink->node);
		hr = create_node_object(reg, node, &IID_IPmpMediaSink,
					(void **)&sink->sink);
		return SUCCEEDED(hr) ? IPmpMediaSink_Open(sink->sink, attrs)
				     : hr;
	}
	if (type != MF_TOPOLOGY_SOURCESTREAM_NODE)
		return MF_E_TOPO_UNSUPPORTED;
	st = &p->streams[p->nr_streams++];
	IMFTopologyNode_GetTopoNodeID(node, &st->node);
	hr = stream_peer(node, &st->peer);
	if (SUCCEEDED(hr))
		hr = create_node_object(reg, node, &IID_IPmpMediaSource,
					(void **)&st->source);
	return SUCCEEDED(hr) ? IPmpMediaSource_Open(st->source, attrs) : hr;
}

/* Links each stream to the sink object of its peer node. */
static HRESULT link_streams(struct presentation *p)
{
	WORD i, j;

	for (i = 0; i < p->nr_streams; i++) {
		for (j = 0; j < p->nr_sinks; j++)
			if (p->sinks[j].node == p->streams[i].peer)
				p->streams[i].sink = &p->sinks[j];
		if (!p->streams[i].sink)
			return MF_E_TOPO_UNSUPPORTED;
	}
	return p->nr_streams ? S_OK : MF_E_TOPO_UNSUPPORTED;
}

/*
 * Resolves @topology (taking it) into a presentation.  Return: S_OK,
 * MF_E_TOPO_UNSUPPORTED (a shape other than source -> output), or the
 * failure of a node's object: its creation, QueryInterface or Open.
 */
static HRESULT pres_resolve(struct pmp_registry *reg, IMFTopology *topology,
			    struct presentation **out)
{
	IMFTopologyNode *node;
	struct presentation *p;
	WORD count = 0, i;
	HRESULT hr = S_OK;

	*out = NULL;
	p = calloc(1, sizeof(*p));
	if (!p) {
		IMFTopology_Release(topology);
		return E_OUTOFMEMORY;
	}
	atomic_init(&p->refcount, 1);
	p->topology = topology;
	IMFTopology_GetTopologyID(topology, &p->id);
	IMFTopology_GetNodeCount(topology, &count);
	p->streams = calloc(count ? count : 1, sizeof(*p->streams));
	p->sinks = calloc(count ? count : 1, sizeof(*p->sinks));
	if (!p->streams || !p->sinks)
		hr = E_OUTOFMEMORY;
	for (i = 0; SUCCEEDED(hr) && i < count; i++) {
		hr = IMFTopology_GetNode(topology, i, &node);
		if (FAILED(hr))
			break;
		hr = resolve_node(reg, p, node);
		IMFTopologyNode_Release(node);
	}
	if (SUCCEEDED(hr))
		hr = link_streams(p);
	if (FAILED(hr)) {
		pres_put(p);
		return hr;
	}
	*out = p;
	return S_OK;
}

/* Back to the start: no sample read, none ended.  Lock held. */
static void pres_rewind_locked(struct presentation *p, bool counts)
{
	WORD i;

	p->end = 0;
	for (i = 0; i < p->nr_streams; i++) {
		p->streams[i].have = p->streams[i].ended = false;
		if (counts)
			p->streams[i].count = 0;
	}
	for (i = 0; counts && i < p->nr_sinks; i++)
		p->sinks[i].count = 0;
}

/* ---- events and state changes (lock held) ---- */

static HRESULT queue_event(struct session *s, MediaEventType type,
			   HRESULT status, DWORD vt, ULONGLONG value,
			   DWORD topology_status)
{
	struct pmp_session_event ev = { type, status, vt, value,
					topology_status };

	return pmp_event_fifo_push(&s->events, &ev);
}

static HRESULT queue_status(struct session *s, MediaEventType type,
			    HRESULT status)
{
	return queue_event(s, type, status, VT_EMPTY, 0, 0);
}

/* Stops the presentation where it is: the clock back to 0. */
static void stop_locked(struct session *s)
{
	s->generation++;
	s->seek_pending = false;
	s->state = STATE_STOPPED;
	s->caps = s->pres ? CAPS_READY : 0;
	pmp_pclock_stop(&s->clock);
	if (s->pres)
		pres_rewind_locked(s->pres, false);
	pthread_cond_broadcast(&s->cond);
}

/* Runs the presentation from @position, sources sought there first. */
static void run_from_locked(struct session *s, LONGLONG position)
{
	s->generation++;
	pres_rewind_locked(s->pres, s->state == STATE_STOPPED);
	s->seek_pending = true;
	s->seek_to = position;
	pmp_pclock_run(&s->clock, position, MFGetSystemTime());
}

/* ---- the worker ---- */

enum action_kind { ACT_SEEK, ACT_READ, ACT_DELIVER, ACT_END };

struct action {
	enum action_kind kind;
	struct stream *st;
	LONGLONG time, duration;
};

/* The component calls of @a; no lock held. */
static HRESULT act(struct presentation *p, struct action *a)
{
	HRESULT hr = S_OK;
	WORD i;

	switch (a->kind) {
	case ACT_SEEK:
		for (i = 0; SUCCEEDED(hr) && i < p->nr_streams; i++)
			hr = IPmpMediaSource_Seek(p->streams[i].source,
						  a->time);
		return hr;
	case ACT_READ:
		return IPmpMediaSource_ReadSample(a->st->source, &a->time,
						  &a->duration);
	case ACT_DELIVER:
		return IPmpMediaSink_ProcessSample(a->st->sink->sink, a->time,
						   a->duration);
	default: /* ACT_END */
		for (i = 0; SUCCEEDED(hr) && i < p->nr_sinks; i++)
			hr = IPmpMediaSink_EndOfStream(p->sinks[i].sink);
		return hr;
	}
}

/* A failed source or sink ends the presentation with MEError. */
static void fail_locked(struct session *s, HRESULT hr)
{
	stop_locked(s);
	queue_status(s, MEError, hr);
}

/* What @a's calls returned, applied: nothing changed since they began. */
static void apply_locked(struct session *s, struct presentation *p,
			 const struct action *a, HRESULT hr)
{
	struct stream *st = a->st;

	if (a->kind == ACT_DELIVER) {
		st->count++;
		st->have = false;
		if (SUCCEEDED(hr)) {
			st->sink->count++;
			if (p->end < a->time + a->duration)
				p->end = a->time + a->duration;
		}
	}
	if (FAILED(hr)) {
		fail_locked(s, hr);
	} else if (a->kind == ACT_READ) {
		st->ended = hr == S_FALSE;
		st->have = !st->ended;
		st->time = a->time;
		st->duration = a->duration;
	} else if (a->kind == ACT_END) {
		stop_locked(s);
		queue_status(s, MESessionEnded, S_OK);
	}
}

/*
 * The next thing to do, or 0 with *@due set when it is to wait until the
 * system time @due.  The presentation runs.
 */
static bool next_action_locked(struct session *s, struct presentation *p,
			       struct action *a, MFTIME *due)
{
	struct stream *next = NULL, *st;
	WORD i;

	*due = 0;
	if (s->seek_pending) {
		s->seek_pending = false;
		*a = (struct action){ .kind = ACT_SEEK, .time = s->seek_to };
		return true;
	}
	for (i = 0; i < p->nr_streams; i++) {
		st = &p->streams[i];
		if (!st->have && !st->ended) {
			*a = (struct action){ .kind = ACT_READ, .st = st };
			return true;
		}
		if (st->have && (!next || st->time < next->time))
			next = st;
	}
	if (next)
		*a = (struct action){ .kind = ACT_DELIVER,
				      .st = next,
				      .time = next->time,
				      .duration = next->duration };
	else
		*a = (struct action){ .kind = ACT_END };
	*due = pmp_pclock_system_time_at(&s->clock, next ? next->time : p->end);
	if (MFGetSystemTime() < *due)
		return false;
	*due = 0;
	return true;
}

/* One step of a running presentation. */
static void worker_step_locked(struct session *s)
{
	struct presentation *p = s->pres;
	unsigned long generation = s->generation;
	struct action a;
	MFTIME due;
	HRESULT hr;

	if (!next_action_locked(s, p, &a, &due)) {
		pmp_cond_wait_until(&s->cond, &s->lock, due);
		return;
	}
	pres_get(p);
	pthread_mutex_unlock(&s->lock);
	hr = act(p, &a);
	pthread_mutex_lock(&s->lock);
	if (generation == s->generation)
		apply_locked(s, p, &a, hr);
	pthread_mutex_unlock(&s->lock);
	pres_put(p);
	pthread_mutex_lock(&s->lock);
}

/* Returns, never pthread_exit(): pmphost's sandbox cannot load libgcc_s. */
static void *session_worker(void *arg)
{
	struct session *s = arg;

	pthread_mutex_lock(&s->lock);
	while (!s->quit) {
		if (s->state == STATE_RUNNING && s->pres)
			worker_step_locked(s);
		else
			pthread_cond_wait(&s->cond, &s->lock);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

static HRESULT worker_start_locked(struct session *s)
{
	int err;

	if (s->worker_started)
		return S_OK;
	err = pthread_create(&s->worker, NULL, session_worker, s);
	if (err)
		return pmp_hresult_from_errno(err);
	s->worker_started = true;
	return S_OK;
}

/* ---- commands ---- */

/* Begins a command: both locks held.  MF_E_SHUTDOWN: none held. */
static HRESULT command_begin(struct session *s)
{
	pthread_mutex_lock(&s->command_lock);
	pthread_mutex_lock(&s->lock);
	if (!s->shutdown)
		return S_OK;
	pthread_mutex_unlock(&s->lock);
	pthread_mutex_unlock(&s->command_lock);
	return MF_E_SHUTDOWN;
}

/* Ends a command, releasing @dead (a presentation it dropped) unlocked. */
static void command_end(struct session *s, struct presentation *dead)
{
	pthread_mutex_unlock(&s->lock);
	pres_put(dead);
	pthread_mutex_unlock(&s->command_lock);
}

/* Whether a transport command may act: a topology, not closed. */
static bool playable_locked(const struct session *s)
{
	return s->state != STATE_CLOSED && s->pres;
}

/* Reads and parses the topology @id a client sent; E_INVALIDARG if bad. */
static HRESULT receive_topology(TOPOID id, int fd, DWORD size,
				IMFTopology **out)
{
	IMFTopology *topology;
	TOPOID got = 0;
	void *buf;
	HRESULT hr;
	int err;

	err = pmp_memfd_read(fd, size, TOPOLOGY_BLOB_MAX, &buf);
	if (err)
		return pmp_hresult_from_errno(err);
	hr = pmp_topology_deserialize(buf, size, &topology);
	free(buf);
	if (FAILED(hr))
		return hr;
	IMFTopology_GetTopologyID(topology, &got);
	if (got != id) {
		IMFTopology_Release(topology);
		return E_INVALIDARG;
	}
	*out = topology;
	return S_OK;
}

/* Installs @p as the presentation: whatever ran stops (Stopped event). */
static HRESULT set_presentation_locked(struct session *s,
				       struct presentation *p,
				       struct presentation **dead)
{
	HRESULT hr = S_OK;

	if (s->state != STATE_STOPPED)
		hr = queue_status(s, MESessionStopped, S_OK);
	*dead = s->pres;
	s->pres = p;
	stop_locked(s);
	if (SUCCEEDED(hr))
		hr = queue_event(s, MESessionTopologySet, S_OK, VT_UNKNOWN,
				 p->id, 0);
	if (SUCCEEDED(hr))
		hr = queue_event(s, MESessionTopologyStatus, S_OK, VT_UNKNOWN,
				 p->id, MF_TOPOSTATUS_READY);
	return hr;
}

static HRESULT STDMETHODCALLTYPE host_SetTopology(IPmpMediaSessionHost *iface,
						  DWORD flags, TOPOID id,
						  int topology, DWORD size)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	struct presentation *p = NULL, *dead = NULL;
	IMFTopology *t = NULL;
	HRESULT hr;

	if (flags & ~SET_TOPOLOGY_FLAGS)
		return E_INVALIDARG;
	hr = receive_topology(id, topology, size, &t);
	if (FAILED(hr))
		return hr;
	hr = command_begin(s);
	if (FAILED(hr)) {
		IMFTopology_Release(t);
		return hr;
	}
	if (s->state == STATE_CLOSED) {
		IMFTopology_Release(t);
		hr = queue_event(s, MESessionTopologySet, MF_E_INVALIDREQUEST,
				 VT_UNKNOWN, id, 0);
		command_end(s, NULL);
		return hr;
	}
	/* Components' Open may take time: the worker and clock go on. */
	pthread_mutex_unlock(&s->lock);
	hr = pres_resolve(s->reg, t, &p);
	pthread_mutex_lock(&s->lock);
	if (FAILED(hr))
		hr = queue_event(s, MESessionTopologySet, hr, VT_UNKNOWN, id,
				 0);
	else
		hr = set_presentation_locked(s, p, &dead);
	command_end(s, dead);
	return hr;
}

static HRESULT STDMETHODCALLTYPE
host_ClearTopologies(IPmpMediaSessionHost *iface)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	HRESULT hr = command_begin(s);

	if (FAILED(hr))
		return hr;
	/* No topology waits behind the current one: nothing to clear. */
	hr = queue_status(s, MESessionTopologiesCleared,
			  s->state == STATE_CLOSED ? MF_E_INVALIDREQUEST
						   : S_OK);
	command_end(s, NULL);
	return hr;
}

static HRESULT start_locked(struct session *s, DWORD vt, LONGLONG position)
{
	HRESULT hr;

	if (!playable_locked(s))
		return MF_E_INVALIDREQUEST;
	hr = worker_start_locked(s);
	if (FAILED(hr))
		return hr;
	if (s->state == STATE_STOPPED || vt == VT_I8)
		run_from_locked(s, vt == VT_I8 ? position : 0);
	else if (s->state == STATE_PAUSED)
		pmp_pclock_run(&s->clock, s->clock.position, MFGetSystemTime());
	s->state = STATE_RUNNING;
	s->caps = CAPS_READY | MFSESSIONCAP_PAUSE;
	pthread_cond_broadcast(&s->cond);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE host_Start(IPmpMediaSessionHost *iface,
					    DWORD vt, LONGLONG position)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	HRESULT hr;

	if ((vt != VT_EMPTY && vt != VT_I8) || (vt == VT_I8 && position < 0))
		return E_INVALIDARG;
	hr = command_begin(s);
	if (FAILED(hr))
		return hr;
	hr = queue_status(s, MESessionStarted, start_locked(s, vt, position));
	command_end(s, NULL);
	return hr;
}

static HRESULT pause_locked(struct session *s)
{
	if (!playable_locked(s))
		return MF_E_INVALIDREQUEST;
	if (s->state == STATE_STOPPED)
		return MF_E_SESSION_PAUSEWHILESTOPPED;
	if (s->state != STATE_RUNNING)
		return MF_E_INVALIDREQUEST;
	pmp_pclock_pause(&s->clock, MFGetSystemTime());
	s->state = STATE_PAUSED;
	s->caps = CAPS_READY;
	pthread_cond_broadcast(&s->cond);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE host_Pause(IPmpMediaSessionHost *iface)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	HRESULT hr = command_begin(s);

	if (FAILED(hr))
		return hr;
	hr = queue_status(s, MESessionPaused, pause_locked(s));
	command_end(s, NULL);
	return hr;
}

static HRESULT STDMETHODCALLTYPE host_Stop(IPmpMediaSessionHost *iface)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	HRESULT hr = command_begin(s), status = MF_E_INVALIDREQUEST;

	if (FAILED(hr))
		return hr;
	if (playable_locked(s)) {
		stop_locked(s);
		status = S_OK;
	}
	hr = queue_status(s, MESessionStopped, status);
	command_end(s, NULL);
	return hr;
}

static HRESULT STDMETHODCALLTYPE host_Close(IPmpMediaSessionHost *iface)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	HRESULT hr = command_begin(s), status = MF_E_INVALIDREQUEST;
	struct presentation *dead = NULL;

	if (FAILED(hr))
		return hr;
	if (s->state != STATE_CLOSED) {
		dead = s->pres;
		s->pres = NULL;
		stop_locked(s);
		s->state = STATE_CLOSED;
		status = S_OK;
	}
	hr = queue_status(s, MESessionClosed, status);
	command_end(s, dead);
	return hr;
}

/* Stops the worker and drops everything; once.  command_lock held. */
static HRESULT shutdown_clocked(struct session *s)
{
	struct presentation *dead;
	bool join;

	pthread_mutex_lock(&s->lock);
	if (s->shutdown) {
		pthread_mutex_unlock(&s->lock);
		return MF_E_SHUTDOWN;
	}
	s->shutdown = true;
	s->quit = true;
	dead = s->pres;
	s->pres = NULL;
	stop_locked(s);
	s->state = STATE_CLOSED;
	s->caps = 0;
	join = s->worker_started;
	pthread_mutex_unlock(&s->lock);
	if (join)
		pthread_join(s->worker, NULL);
	pres_put(dead);
	pmp_event_fifo_shutdown(&s->events);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE host_Shutdown(IPmpMediaSessionHost *iface)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	HRESULT hr;

	pthread_mutex_lock(&s->command_lock);
	hr = shutdown_clocked(s);
	pthread_mutex_unlock(&s->command_lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE
host_GetSessionCapabilities(IPmpMediaSessionHost *iface, DWORD *caps)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	HRESULT hr = S_OK;

	if (!caps)
		return E_POINTER;
	pthread_mutex_lock(&s->lock);
	if (s->shutdown)
		hr = MF_E_SHUTDOWN;
	*caps = s->caps;
	pthread_mutex_unlock(&s->lock);
	return hr;
}

/* Sets PMP_TOPONODE_SAMPLE_COUNT of node @id to @count. */
static void set_count(IMFTopology *topology, TOPOID id, UINT64 count)
{
	IMFTopologyNode *node;

	if (FAILED(IMFTopology_GetNodeByID(topology, id, &node)))
		return;
	IMFTopologyNode_SetUINT64(node, &PMP_TOPONODE_SAMPLE_COUNT, count);
	IMFTopologyNode_Release(node);
}

/* The counts, on the presentation's own topology: commands hold it. */
static void set_counts_locked(struct presentation *p)
{
	WORD i;

	for (i = 0; i < p->nr_streams; i++)
		set_count(p->topology, p->streams[i].node, p->streams[i].count);
	for (i = 0; i < p->nr_sinks; i++)
		set_count(p->topology, p->sinks[i].node, p->sinks[i].count);
}

static HRESULT STDMETHODCALLTYPE
host_GetFullTopology(IPmpMediaSessionHost *iface, DWORD flags, TOPOID id,
		     int *topology, DWORD *size)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	struct presentation *p;
	UINT32 len = 0;
	void *buf = NULL;
	HRESULT hr;

	if (!topology || !size)
		return E_POINTER;
	*topology = -1;
	*size = 0;
	if (flags & ~MFSESSION_GETFULLTOPOLOGY_CURRENT)
		return E_INVALIDARG;
	hr = command_begin(s);
	if (FAILED(hr))
		return hr;
	p = s->pres;
	if (!p || (!(flags & MFSESSION_GETFULLTOPOLOGY_CURRENT) && id &&
		   id != p->id)) {
		command_end(s, NULL);
		return MF_E_NOT_FOUND;
	}
	set_counts_locked(p);
	pres_get(p);
	pthread_mutex_unlock(&s->lock);
	hr = pmp_topology_serialize(p->topology, &buf, &len);
	if (SUCCEEDED(hr))
		hr = pmp_hresult_from_errno(
			pmp_memfd_seal_new(buf, len, topology));
	free(buf);
	if (SUCCEEDED(hr))
		*size = len;
	pthread_mutex_lock(&s->lock);
	command_end(s, p);
	return hr;
}

static HRESULT STDMETHODCALLTYPE host_GetEvent(IPmpMediaSessionHost *iface,
					       DWORD wait_ms, DWORD *type,
					       HRESULT *status, DWORD *vt,
					       ULONGLONG *value,
					       DWORD *topology_status)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	struct pmp_session_event ev;
	HRESULT hr;

	if (!type || !status || !vt || !value || !topology_status)
		return E_POINTER;
	hr = pmp_event_fifo_pop(&s->events, wait_ms, &ev);
	if (FAILED(hr))
		return hr;
	*type = ev.type;
	*status = ev.status;
	*vt = ev.vt;
	*value = ev.value;
	*topology_status = ev.topology_status;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE host_GetClockTime(IPmpMediaSessionHost *iface,
						   LONGLONG *time,
						   LONGLONG *system_time,
						   DWORD *state)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	HRESULT hr = S_OK;

	if (!time || !system_time || !state)
		return E_POINTER;
	pthread_mutex_lock(&s->lock);
	*system_time = MFGetSystemTime();
	*time = pmp_pclock_time(&s->clock, *system_time);
	*state = s->clock.state;
	if (s->shutdown)
		hr = MF_E_SHUTDOWN;
	pthread_mutex_unlock(&s->lock);
	return hr;
}

/* ---- the object ---- */

static HRESULT STDMETHODCALLTYPE
host_QueryInterface(IPmpMediaSessionHost *iface, REFIID riid, void **ppv)
{
	return pmp_query_one(iface, riid, &IID_IPmpMediaSessionHost, ppv);
}

static ULONG STDMETHODCALLTYPE host_AddRef(IPmpMediaSessionHost *iface)
{
	return atomic_fetch_add(
		       &impl_from_IPmpMediaSessionHost(iface)->refcount, 1) +
	       1;
}

static void session_free(struct session *s)
{
	pmp_event_fifo_cleanup(&s->events);
	pthread_cond_destroy(&s->cond);
	pthread_mutex_destroy(&s->lock);
	pthread_mutex_destroy(&s->command_lock);
	free(s);
}

/* The last reference shuts the session down if its client did not. */
static ULONG STDMETHODCALLTYPE host_Release(IPmpMediaSessionHost *iface)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	long refs = atomic_fetch_sub(&s->refcount, 1) - 1;

	if (!refs) {
		pthread_mutex_lock(&s->command_lock);
		shutdown_clocked(s);
		pthread_mutex_unlock(&s->command_lock);
		session_free(s);
	}
	return refs;
}

static const IPmpMediaSessionHostVtbl session_vtbl = {
	.QueryInterface = host_QueryInterface,
	.AddRef = host_AddRef,
	.Release = host_Release,
	.SetTopology = host_SetTopology,
	.ClearTopologies = host_ClearTopologies,
	.Start = host_Start,
	.Pause = host_Pause,
	.Stop = host_Stop,
	.Close = host_Close,
	.Shutdown = host_Shutdown,
	.GetSessionCapabilities = host_GetSessionCapabilities,
	.GetFullTopology = host_GetFullTopology,
	.GetEvent = host_GetEvent,
	.GetClockTime = host_GetClockTime,
};

static HRESULT session_create(struct pmp_registry *reg,
			      IPmpMediaSessionHost **out)
{
	struct session *s;
	int err;

	s = calloc(1, sizeof(*s));
	if (!s)
		return E_OUTOFMEMORY;
	err = pmp_event_fifo_init(&s->events);
	if (!err) {
		err = pmp_cond_init_monotonic(&s->cond);
		if (err)
			pmp_event_fifo_cleanup(&s->events);
	}
	if (err) {
		free(s);
		return pmp_hresult_from_errno(err);
	}
	s->IPmpMediaSessionHost_iface.lpVtbl = &session_vtbl;
	atomic_init(&s->refcount, 1);
	s->reg = reg;
	pthread_mutex_init(&s->command_lock, NULL);
	pthread_mutex_init(&s->lock, NULL);
	s->state = STATE_STOPPED;
	*out = &s->IPmpMediaSessionHost_iface;
	return S_OK;
}

/* ---- the class factory: one per request, holding the registry ---- */

struct session_factory {
	IClassFactory IClassFactory_iface;
	atomic_long refcount;
	struct pmp_registry *reg;
};

static struct session_factory *impl_from_IClassFactory(IClassFactory *iface)
{
	return (struct session_factory *)iface;
}

static HRESULT STDMETHODCALLTYPE factory_QueryInterface(IClassFactory *iface,
							REFIID riid, void **ppv)
{
	return pmp_query_one(iface, riid, &IID_IClassFactory, ppv);
}

static ULONG STDMETHODCALLTYPE factory_AddRef(IClassFactory *iface)
{
	return atomic_fetch_add(&impl_from_IClassFactory(iface)->refcount, 1) +
	       1;
}

static ULONG STDMETHODCALLTYPE factory_Release(IClassFactory *iface)
{
	struct session_factory *f = impl_from_IClassFactory(iface);
	long refs = atomic_fetch_sub(&f->refcount, 1) - 1;

	if (!refs)
		free(f);
	return refs;
}

static HRESULT STDMETHODCALLTYPE factory_CreateInstance(IClassFactory *iface,
							IUnknown *outer,
							REFIID riid, void **ppv)
{
	IPmpMediaSessionHost *session = NULL;
	HRESULT hr;

	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	if (outer)
		return CLASS_E_NOAGGREGATION;
	hr = session_create(impl_from_IClassFactory(iface)->reg, &session);
	if (FAILED(hr))
		return hr;
	hr = IPmpMediaSessionHost_QueryInterface(session, riid, ppv);
	IPmpMediaSessionHost_Release(session);
	return hr;
}

static HRESULT STDMETHODCALLTYPE factory_LockServer(IClassFactory *iface,
						    BOOL lock)
{
	(void)iface;
	(void)lock;
	return S_OK;
}

static const IClassFactoryVtbl factory_vtbl = {
	.QueryInterface = factory_QueryInterface,
	.AddRef = factory_AddRef,
	.Release = factory_Release,
	.CreateInstance = factory_CreateInstance,
	.LockServer = factory_LockServer,
};

int32_t pmp_session_host_class_object(struct pmp_registry *reg,
				      const pmp_guid *iid, void **ppv)
{
	struct session_factory *f;
	HRESULT hr;

	f = calloc(1, sizeof(*f));
	if (!f)
		return E_OUTOFMEMORY;
	f->IClassFactory_iface.lpVtbl = &factory_vtbl;
	atomic_init(&f->refcount, 1);
	f->reg = reg;
	hr = factory_QueryInterface(&f->IClassFactory_iface, (REFIID)iid, ppv);
	factory_Release(&f->IClassFactory_iface);
	return hr;
}
