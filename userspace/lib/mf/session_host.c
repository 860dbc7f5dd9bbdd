// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * session_host.c - the host half of a Media Session: IPmpMediaSessionHost
 * (CLSID_PmpMediaSession, a class every registry has) and its factory
 *
 * A session holds at most one presentation: a topology received by value,
 * resolved into objects through the registry the session came from
 * (session_graph.c).  A worker thread, started by the first Start, pulls
 * samples from each stream (through its transforms) and hands them to its
 * sink when the presentation clock reaches their time (at once when every
 * sink is rateless), and makes every call into a source or transform but
 * the ones resolution makes, so that those see one thread at a time.
 * Sinks are also read (ReadOutput) and flushed (a stop, a seek) from the
 * threads serving the client.  The samples of client streams come from
 * the client's PushSample calls (session_feed.c); the session's ClearKey
 * keys from UpdateLicense (keys.c).
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
#include "keys.h"
#include "mf.h"
#include "sample_blob.h"
#include "session_host.h"

/* A serialized topology larger than this is refused (E_INVALIDARG). */
#define TOPOLOGY_BLOB_MAX (1U << 20)
/* A pushed sample larger than this is refused (E_INVALIDARG). */
#define PMP_SESSION_SAMPLE_MAX (16U << 20)
/*
 * How long PushSample waits for room, and ReadOutput at most for output:
 * far below the module's call timeout, so that a paused session or an
 * idle sink answers MF_E_NOTACCEPTING or MF_E_NO_EVENTS_AVAILABLE and the
 * client asks again, instead of the call timing out.
 */
#define PMP_SESSION_PUSH_WAIT_MS 1000
#define PMP_SESSION_READ_WAIT_MAX_MS 5000
#define SET_TOPOLOGY_FLAGS                                                     \
	(MFSESSION_SETTOPOLOGY_IMMEDIATE |                                     \
	 MFSESSION_SETTOPOLOGY_NORESOLUTION |                                  \
	 MFSESSION_SETTOPOLOGY_CLEAR_CURRENT)
/* What a session with a topology can do (no rate control). */
#define CAPS_READY (MFSESSIONCAP_START | MFSESSIONCAP_SEEK)

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
	IPmpKeyStore *keys;
	IPmpKeyStore *lookup;
	pthread_mutex_t command_lock;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	/* lock: */
	enum session_state state;
	bool shutdown;
	struct presentation *pres;
	struct pmp_pclock clock;
	DWORD caps;
	DWORD output_policy;
	unsigned long generation;
	/* The segment client streams push for, and where it began. */
	DWORD segment;
	LONGLONG segment_from;
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

/* Back to the start: no sample read, none ended.  Lock held. */
static void pres_rewind_locked(struct presentation *p, bool counts)
{
	struct stream *st;
	WORD i;

	p->end = 0;
	for (i = 0; i < p->nr_streams; i++) {
		st = &p->streams[i];
		st->have = st->ended = false;
		if (st->sample)
			IMFSample_Release(st->sample);
		st->sample = NULL;
		if (counts)
			st->count = st->secret = st->fallback = 0;
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
					topology_status, GUID_NULL };

	return pmp_event_fifo_push(&s->events, &ev);
}

static HRESULT queue_status(struct session *s, MediaEventType type,
			    HRESULT status)
{
	return queue_event(s, type, status, VT_EMPTY, 0, 0);
}

/*
 * Stops the presentation where it is: the clock back to 0.  A command
 * flushes the sinks (@flush), which drops what the client has not read
 * and frees a worker waiting in a full sink; the worker's own stops (the
 * end, a failure) keep what the sinks hold for the client to read.
 */
static void stop_locked(struct session *s, bool flush)
{
	s->generation++;
	s->seek_pending = false;
	s->state = STATE_STOPPED;
	s->caps = s->pres ? CAPS_READY : 0;
	pmp_pclock_stop(&s->clock);
	if (s->pres) {
		pres_rewind_locked(s->pres, false);
		/* Pushers and a worker waiting in a sink let go. */
		pmp_pres_restart_feeds(s->pres, (DWORD)s->generation, false);
		if (flush)
			pmp_pres_flush_sinks(s->pres);
	}
	pthread_cond_broadcast(&s->cond);
}

/* Runs the presentation from @position, sources sought there first. */
static void run_from_locked(struct session *s, LONGLONG position)
{
	s->generation++;
	pres_rewind_locked(s->pres, s->state == STATE_STOPPED);
	pmp_pres_flush_sinks(s->pres);
	s->segment = (DWORD)s->generation;
	s->segment_from = position;
	pmp_pres_restart_feeds(s->pres, s->segment, true);
	s->seek_pending = true;
	s->seek_to = position;
	pmp_pclock_run(&s->clock, position, MFGetSystemTime());
}

/* ---- the worker ---- */

enum action_kind { ACT_SEEK, ACT_READ, ACT_DELIVER, ACT_END };

/*
 * One step of the worker.  ACT_READ leaves the sample read in @sample;
 * ACT_DELIVER holds a reference to the sample it delivers.
 */
struct action {
	enum action_kind kind;
	struct stream *st;
	DWORD segment;
	LONGLONG time;
	IMFSample *sample;
};

/* The component calls of @a; no lock held. */
static HRESULT act(struct presentation *p, struct action *a)
{
	HRESULT hr = S_OK;
	WORD i;

	switch (a->kind) {
	case ACT_SEEK:
		return pmp_pres_seek(p, a->time);
	case ACT_READ:
		return pmp_stream_pull(a->st, a->segment, &a->sample);
	case ACT_DELIVER:
		return IPmpMediaSink_ProcessSample(a->st->sink->sink,
						   a->sample);
	default: /* ACT_END */
		for (i = 0; SUCCEEDED(hr) && i < p->nr_sinks; i++)
			hr = IPmpMediaSink_EndOfStream(p->sinks[i].sink);
		return hr;
	}
}

/*
 * A failed source, transform or sink ends the presentation with MEError;
 * a key that is missing is named in the event (VT_CLSID).
 */
static void fail_locked(struct session *s, HRESULT hr)
{
	struct pmp_session_event ev = { .type = MEError, .status = hr };
	BYTE kid[16];

	stop_locked(s, false);
	/* As MFSampleExtension_Content_KeyID: its string form is the KID. */
	if (hr == MF_E_LICENSE_REQUIRED &&
	    pmp_key_lookup_missing(s->lookup, kid)) {
		ev.vt = VT_CLSID;
		ev.guid.Data1 = (DWORD)kid[0] << 24 | kid[1] << 16 |
				kid[2] << 8 | kid[3];
		ev.guid.Data2 = kid[4] << 8 | kid[5];
		ev.guid.Data3 = kid[6] << 8 | kid[7];
		memcpy(ev.guid.Data4, kid + 8, 8);
	}
	pmp_event_fifo_push(&s->events, &ev);
}

/* The time and duration of a sample read; 0 for an unset duration. */
static HRESULT sample_timing(IMFSample *sample, LONGLONG *time,
			     LONGLONG *duration)
{
	HRESULT hr = IMFSample_GetSampleTime(sample, time);

	if (FAILED(hr))
		return hr;
	if (FAILED(IMFSample_GetSampleDuration(sample, duration)) ||
	    *duration < 0)
		*duration = 0;
	return S_OK;
}

/* Which memory the sample delivered was in, if a host component says. */
static void count_memory(struct stream *st, IMFSample *sample)
{
	UINT32 secret;

	if (FAILED(IMFSample_GetUINT32(sample, &PMP_SAMPLE_SECRET_MEMORY,
				       &secret)))
		return;
	if (secret)
		st->secret++;
	else
		st->fallback++;
}

/* What @a's calls returned, applied: nothing changed since they began. */
static void apply_locked(struct session *s, struct presentation *p,
			 struct action *a, HRESULT hr)
{
	struct stream *st = a->st;

	if (a->kind == ACT_DELIVER) {
		st->count++;
		st->have = false;
		IMFSample_Release(st->sample);
		st->sample = NULL;
		if (SUCCEEDED(hr)) {
			st->sink->count++;
			count_memory(st, a->sample);
			if (p->end < st->time + st->duration)
				p->end = st->time + st->duration;
		}
	}
	if (a->kind == ACT_READ && hr == S_OK)
		hr = sample_timing(a->sample, &st->time, &st->duration);
	if (FAILED(hr)) {
		fail_locked(s, hr);
	} else if (a->kind == ACT_READ) {
		st->ended = hr == S_FALSE;
		st->have = !st->ended;
		st->sample = a->sample;
		a->sample = NULL;
	} else if (a->kind == ACT_END) {
		stop_locked(s, false);
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
			*a = (struct action){ .kind = ACT_READ,
					      .st = st,
					      .segment = s->segment };
			return true;
		}
		if (st->have && (!next || st->time < next->time))
			next = st;
	}
	if (next) {
		*a = (struct action){ .kind = ACT_DELIVER,
				      .st = next,
				      .time = next->time,
				      .sample = next->sample };
		IMFSample_AddRef(a->sample);
	} else {
		*a = (struct action){ .kind = ACT_END };
	}
	/* Rateless sinks take each sample as soon as it is there. */
	if (p->rateless)
		return true;
	*due = pmp_pclock_system_time_at(&s->clock, next ? next->time : p->end);
	if (MFGetSystemTime() < *due) {
		if (a->sample)
			IMFSample_Release(a->sample);
		return false;
	}
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
	pmp_pres_get(p);
	pthread_mutex_unlock(&s->lock);
	hr = act(p, &a);
	pthread_mutex_lock(&s->lock);
	if (generation == s->generation)
		apply_locked(s, p, &a, hr);
	pthread_mutex_unlock(&s->lock);
	/* A sample of a run that is over, or the one delivered. */
	if (a.sample)
		IMFSample_Release(a.sample);
	pmp_pres_put(p);
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
	pmp_pres_put(dead);
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
	stop_locked(s, true);
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
	struct pmp_resolve_ctx ctx;
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
	ctx.keys = s->lookup;
	ctx.output_policy = s->output_policy;
	/* Components' Open may take time: the worker and clock go on. */
	pthread_mutex_unlock(&s->lock);
	hr = pmp_pres_resolve(s->reg, t, &ctx, &p);
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
					    DWORD vt, LONGLONG position,
					    DWORD *segment, LONGLONG *from)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	HRESULT hr;

	if (!segment || !from)
		return E_POINTER;
	*segment = 0;
	*from = 0;
	if ((vt != VT_EMPTY && vt != VT_I8) || (vt == VT_I8 && position < 0))
		return E_INVALIDARG;
	hr = command_begin(s);
	if (FAILED(hr))
		return hr;
	hr = queue_status(s, MESessionStarted, start_locked(s, vt, position));
	*segment = s->segment;
	*from = s->segment_from;
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
		stop_locked(s, true);
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
		stop_locked(s, true);
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
	stop_locked(s, true);
	s->state = STATE_CLOSED;
	s->caps = 0;
	join = s->worker_started;
	pthread_mutex_unlock(&s->lock);
	if (join)
		pthread_join(s->worker, NULL);
	pmp_pres_put(dead);
	pmp_key_store_wipe(s->keys);
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

/* Sets UINT64 @key of node @id to @count. */
static void set_count(IMFTopology *topology, TOPOID id, REFGUID key,
		      UINT64 count)
{
	IMFTopologyNode *node;

	if (FAILED(IMFTopology_GetNodeByID(topology, id, &node)))
		return;
	IMFTopologyNode_SetUINT64(node, key, count);
	IMFTopologyNode_Release(node);
}

/* The counts, on the presentation's own topology: commands hold it. */
static void set_counts_locked(struct presentation *p)
{
	struct stream *st;
	WORD i;

	for (i = 0; i < p->nr_streams; i++) {
		st = &p->streams[i];
		set_count(p->topology, st->node, &PMP_TOPONODE_SAMPLE_COUNT,
			  st->count);
		/* Only once a host component said which memory it used. */
		if (!st->secret && !st->fallback)
			continue;
		set_count(p->topology, st->node, &PMP_TOPONODE_SECRET_SAMPLES,
			  st->secret);
		set_count(p->topology, st->node,
			  &PMP_TOPONODE_FALLBACK_SAMPLES, st->fallback);
	}
	for (i = 0; i < p->nr_sinks; i++)
		set_count(p->topology, p->sinks[i].node,
			  &PMP_TOPONODE_SAMPLE_COUNT, p->sinks[i].count);
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
	pmp_pres_get(p);
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
					       DWORD *topology_status,
					       GUID *guid)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	struct pmp_session_event ev;
	HRESULT hr;

	if (!type || !status || !vt || !value || !topology_status || !guid)
		return E_POINTER;
	hr = pmp_event_fifo_pop(&s->events, wait_ms, &ev);
	if (FAILED(hr))
		return hr;
	*type = ev.type;
	*status = ev.status;
	*vt = ev.vt;
	*value = ev.value;
	*topology_status = ev.topology_status;
	*guid = ev.guid;
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

/* ---- client streams, keys and what sinks hand out ---- */

/*
 * The feed of client-stream node @node, referenced: MF_E_SHUTDOWN,
 * MF_E_NOT_FOUND (no such client stream in the current topology).
 */
static HRESULT find_feed(struct session *s, TOPOID node, struct pmp_feed **out)
{
	struct stream *st;
	HRESULT hr = S_OK;

	*out = NULL;
	pthread_mutex_lock(&s->lock);
	st = pmp_pres_stream(s->pres, node);
	if (s->shutdown)
		hr = MF_E_SHUTDOWN;
	else if (!st || !st->feed)
		hr = MF_E_NOT_FOUND;
	else
		*out = st->feed;
	if (*out)
		pmp_feed_get(*out);
	pthread_mutex_unlock(&s->lock);
	return hr;
}

/* A feed closed under a push: its presentation went, or the session. */
static HRESULT feed_gone(struct session *s)
{
	bool shutdown;

	pthread_mutex_lock(&s->lock);
	shutdown = s->shutdown;
	pthread_mutex_unlock(&s->lock);
	return shutdown ? MF_E_SHUTDOWN : S_FALSE;
}

/* Pushes @sample (the caller's reference) into client stream @node. */
static HRESULT push_sample(struct session *s, TOPOID node, DWORD segment,
			   IMFSample *sample)
{
	struct pmp_feed *feed;
	HRESULT hr;

	hr = find_feed(s, node, &feed);
	if (SUCCEEDED(hr)) {
		hr = pmp_feed_push(feed, segment, sample,
				   PMP_SESSION_PUSH_WAIT_MS);
		pmp_feed_put(feed);
		if (hr == MF_E_SHUTDOWN)
			hr = feed_gone(s);
	}
	IMFSample_Release(sample);
	return hr;
}

static HRESULT STDMETHODCALLTYPE host_PushSample(IPmpMediaSessionHost *iface,
						 TOPOID node, DWORD segment,
						 int fd, DWORD size)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	IMFSample *sample;
	HRESULT hr;

	hr = pmp_sample_deserialize(fd, size, PMP_SESSION_SAMPLE_MAX, &sample);
	if (FAILED(hr))
		return hr;
	return push_sample(s, node, segment, sample);
}

static HRESULT STDMETHODCALLTYPE
host_PushSampleBytes(IPmpMediaSessionHost *iface, TOPOID node, DWORD segment,
		     const BYTE *bytes, DWORD size)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	IMFSample *sample;
	HRESULT hr;

	hr = pmp_sample_deserialize_bytes(bytes, size, PMP_SESSION_INLINE_MAX,
					  &sample);
	if (FAILED(hr))
		return hr;
	return push_sample(s, node, segment, sample);
}

static HRESULT STDMETHODCALLTYPE host_EndOfStream(IPmpMediaSessionHost *iface,
						  TOPOID node, DWORD segment,
						  HRESULT status)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	struct pmp_feed *feed;
	HRESULT hr;

	hr = find_feed(s, node, &feed);
	if (FAILED(hr))
		return hr;
	hr = pmp_feed_end(feed, segment, status);
	pmp_feed_put(feed);
	return hr == MF_E_SHUTDOWN ? feed_gone(s) : hr;
}

static HRESULT STDMETHODCALLTYPE
host_UpdateLicense(IPmpMediaSessionHost *iface, const char *license)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	bool shutdown;

	if (!license)
		return E_POINTER;
	pthread_mutex_lock(&s->lock);
	shutdown = s->shutdown;
	pthread_mutex_unlock(&s->lock);
	/* The store is the session's until it goes: no lock needed. */
	return shutdown ? MF_E_SHUTDOWN
			: pmp_key_store_update(s->keys, license);
}

static HRESULT STDMETHODCALLTYPE
host_SetOutputPolicy(IPmpMediaSessionHost *iface, DWORD flags)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	HRESULT hr;

	if (flags & ~PMP_OUTPUT_POLICY_NO_FRAMES)
		return E_INVALIDARG;
	hr = command_begin(s);
	if (FAILED(hr))
		return hr;
	/* A topology resolved under the old policy would escape the new. */
	if (s->pres && (flags & ~s->output_policy))
		hr = MF_E_INVALIDREQUEST;
	else
		s->output_policy |= flags;
	command_end(s, NULL);
	return hr;
}

/*
 * The next sample the sink of output node @node hands out: S_OK and
 * *@sample, or ReadOutput's failures.
 */
static HRESULT read_output(struct session *s, TOPOID node, DWORD wait_ms,
			   IMFSample **out)
{
	IPmpMediaSink *sink = NULL;
	struct sink_object *so;
	IMFSample *sample = NULL;
	HRESULT hr = S_OK;

	*out = NULL;
	pthread_mutex_lock(&s->lock);
	so = pmp_pres_sink(s->pres, node);
	if (s->shutdown)
		hr = MF_E_SHUTDOWN;
	else if (!so)
		hr = MF_E_NOT_FOUND;
	else
		sink = so->sink;
	if (sink)
		IPmpMediaSink_AddRef(sink);
	pthread_mutex_unlock(&s->lock);
	if (FAILED(hr))
		return hr;
	/* The wait is bounded so that the call never outlives its timeout. */
	if (wait_ms > PMP_SESSION_READ_WAIT_MAX_MS)
		wait_ms = PMP_SESSION_READ_WAIT_MAX_MS;
	hr = IPmpMediaSink_ReadOutput(sink, wait_ms, &sample);
	IPmpMediaSink_Release(sink);
	if (hr == S_OK && !sample)
		hr = E_UNEXPECTED;
	/* An [out, fd] success carries a descriptor: the end is a failure. */
	if (hr == S_FALSE)
		hr = MF_E_END_OF_STREAM;
	if (hr != S_OK)
		return hr;
	*out = sample;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE host_ReadOutput(IPmpMediaSessionHost *iface,
						 TOPOID node, DWORD wait_ms,
						 int *fd, DWORD *size)
{
	return IPmpMediaSessionHost_ReadOutputBytes(iface, node, wait_ms, 0,
						    NULL, NULL, fd, size);
}

static HRESULT STDMETHODCALLTYPE
host_ReadOutputBytes(IPmpMediaSessionHost *iface, TOPOID node, DWORD wait_ms,
		     DWORD room, BYTE *data, DWORD *length, int *fd,
		     DWORD *size)
{
	struct session *s = impl_from_IPmpMediaSessionHost(iface);
	IMFSample *sample;
	HRESULT hr;

	if (!fd || !size || (room && (!data || !length)))
		return E_POINTER;
	*fd = -1;
	*size = 0;
	if (length)
		*length = 0;
	if (room > PMP_SESSION_INLINE_MAX)
		room = PMP_SESSION_INLINE_MAX;
	hr = read_output(s, node, wait_ms, &sample);
	if (FAILED(hr))
		return hr;
	hr = pmp_sample_serialize_inline(sample, data, room, length, fd, size);
	IMFSample_Release(sample);
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
	IPmpKeyStore_Release(s->lookup);
	IPmpKeyStore_Release(s->keys);
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
	.PushSample = host_PushSample,
	.EndOfStream = host_EndOfStream,
	.UpdateLicense = host_UpdateLicense,
	.SetOutputPolicy = host_SetOutputPolicy,
	.ReadOutput = host_ReadOutput,
	.PushSampleBytes = host_PushSampleBytes,
	.ReadOutputBytes = host_ReadOutputBytes,
};

static HRESULT session_create(struct pmp_registry *reg,
			      IPmpMediaSessionHost **out)
{
	struct session *s;
	HRESULT hr;
	int err;

	s = calloc(1, sizeof(*s));
	if (!s)
		return E_OUTOFMEMORY;
	hr = pmp_key_store_create(&s->keys);
	if (SUCCEEDED(hr)) {
		hr = pmp_key_lookup_create(s->keys, &s->lookup);
		if (FAILED(hr))
			IPmpKeyStore_Release(s->keys);
	}
	if (FAILED(hr)) {
		free(s);
		return hr;
	}
	err = pmp_event_fifo_init(&s->events);
	if (!err) {
		err = pmp_cond_init_monotonic(&s->cond);
		if (err)
			pmp_event_fifo_cleanup(&s->events);
	}
	if (err) {
		IPmpKeyStore_Release(s->lookup);
		IPmpKeyStore_Release(s->keys);
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
