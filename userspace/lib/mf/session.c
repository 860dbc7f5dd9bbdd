// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * session.c - MFCreatePMPMediaSession and MFGetService, and the client half
 * of a PMP media session (IMFMediaSession, IMFGetService)
 *
 * A session has two halves.  The host half (IPmpMediaSessionHost,
 * CLSID_PmpMediaSession) lives in the PMP process and does the work; this
 * half lives in the application, forwards each method to it, and turns
 * what it reports into Media Foundation's events:
 *
 * - topologies travel by value (pmp_topology_serialize() into a sealed
 *   memfd); the application's own IMFTopology stays here, referenced until
 *   the session has no more use for it, so that the events about it carry
 *   that very object;
 * - one pump thread per session takes the host half's events
 *   (IPmpMediaSessionHost::GetEvent) and queues them, as IMFMediaEvents,
 *   into the session's local IMFMediaEventQueue, which serves GetEvent and
 *   BeginGetEvent.  The pump holds no reference to the session: the
 *   session joins it when it shuts down, before it can be freed;
 * - when the PMP process dies, the pump queues one MEError carrying the
 *   transport's HRESULT and stops; the session then behaves as shut down,
 *   but hands out the events already queued before its queue shuts down.
 *
 * Locking: session->lock guards the state, the count of queued events and
 * the topologies.  It is never held across a call into the host half or
 * into the event queue.
 */

#define COBJMACROS
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mfapi.h"

#include "pmp/pmp.h"

#include "../cleanup.h"
#include "../export.h"
#include "../memfd.h"
#include "../sys.h"
#include "mf.h"
#include "sample_blob.h"
#include "session.h"

/*
 * How long each of the pump's GetEvent calls waits in the host half.  A
 * waiting pump occupies one of the PMP process's serving threads; Shutdown
 * wakes it at once, so the value only bounds how long a host kept busy by
 * many pumps makes another call wait.
 */
#define PUMP_WAIT_MS 2000

/* The largest topology GetFullTopology accepts from a PMP process. */
#define FULL_TOPOLOGY_MAX (16u << 20)

/*
 * What the sinks hand out: the longest wait of one ReadOutput call (the
 * host caps it too), and the largest sample taken (a frame of 8192 x 8192
 * pixels at 4:4:4 16-bit is 384 MiB; the decoder refuses larger).
 */
#define OUTPUT_WAIT_MS 5000
#define OUTPUT_SAMPLE_MAX (384u << 20)
/* What a call's arguments but a sample by value may take of its payload. */
#define CALL_ARGS_ROOM 1024

static DWORD inline_room = PMP_SESSION_INLINE_MAX;

/* A module whose max_payload cannot be read is taken to have its default. */
static void inline_room_read(void)
{
	size_t max = pmp_sys_max_payload();

	if (max && max < PMP_SESSION_INLINE_MAX + CALL_ARGS_ROOM)
		inline_room = max > CALL_ARGS_ROOM ? max - CALL_ARGS_ROOM : 0;
}

DWORD pmp_session_inline_room(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, inline_room_read);
	return inline_room;
}

enum session_state {
	SESSION_RUNNING,
	SESSION_HOST_GONE, /* the PMP process died: MEError queued */
	SESSION_SHUT_DOWN,
};

/**
 * struct topology_ref - a topology handed to SetTopology
 * @topology: the application's object (a reference)
 * @id: its TOPOID, which the host half's events name
 * @seq: which SetTopology call it came with
 * @delivered: its MESessionTopologySet has been queued
 */
struct topology_ref {
	IMFTopology *topology;
	TOPOID id;
	uint64_t seq;
	bool delivered;
};

/**
 * struct session - the client half of a PMP media session
 * @IMFMediaSession_iface, @IMFGetService_iface: its interfaces
 * @refcount: COM references
 * @server: the IMFPMPServer of its PMP process (a reference)
 * @host: its host half (a proxy, or the object in process)
 * @queue: the events the application takes
 * @clock: its presentation clock
 * @pump: the thread that moves events from @host to @queue
 * @IPmpClearKeyLicense_iface, @IPmpSinkOutput_iface: its pmp services
 * @sources_lock: orders the commands that change @sources or start them
 * @sources: the client streams of the current topology (session_sources.c)
 * @lock: guards what follows
 * @state: enum session_state
 * @events: events in @queue not yet taken
 * @topologies, @ntopologies, @capacity: the topologies, in call order
 * @next_seq: the next SetTopology call's number
 * @current: the TOPOID of the last topology an event reported
 * @has_current: @current is valid
 */
struct session {
	IMFMediaSession IMFMediaSession_iface;
	IMFGetService IMFGetService_iface;
	atomic_long refcount;
	IMFPMPServer *server;
	IPmpMediaSessionHost *host;
	IMFMediaEventQueue *queue;
	IMFPresentationClock *clock;
	pthread_t pump;
	IPmpClearKeyLicense IPmpClearKeyLicense_iface;
	IPmpSinkOutput IPmpSinkOutput_iface;

	/* Orders SetTopology, Start, Stop and Close with @sources. */
	pthread_mutex_t sources_lock;
	struct pmp_client_sources *sources;

	pthread_mutex_t lock;
	enum session_state state;
	long events;
	struct topology_ref *topologies;
	size_t ntopologies, capacity;
	uint64_t next_seq;
	TOPOID current;
	bool has_current;
};

static struct session *impl_from_IMFMediaSession(IMFMediaSession *iface)
{
	return (struct session *)((char *)iface -
				  offsetof(struct session,
					   IMFMediaSession_iface));
}

static struct session *impl_from_IMFGetService(IMFGetService *iface)
{
	return (struct session *)((char *)iface -
				  offsetof(struct session,
					   IMFGetService_iface));
}

/* S_OK while the session runs, else MF_E_SHUTDOWN. */
static HRESULT session_check(struct session *s)
{
	HRESULT hr;

	pthread_mutex_lock(&s->lock);
	hr = s->state == SESSION_RUNNING ? S_OK : MF_E_SHUTDOWN;
	pthread_mutex_unlock(&s->lock);
	return hr;
}

/* ---- the topologies the events name ---- */

static HRESULT topologies_add_locked(struct session *s, IMFTopology *topology,
				     TOPOID id, uint64_t *seq)
{
	struct topology_ref *refs = s->topologies;
	size_t cap;

	if (s->ntopologies == s->capacity) {
		cap = s->capacity ? s->capacity * 2 : 4;
		refs = realloc(refs, cap * sizeof(*refs));
		if (!refs)
			return E_OUTOFMEMORY;
		s->topologies = refs;
		s->capacity = cap;
	}
	*seq = s->next_seq++;
	refs[s->ntopologies++] = (struct topology_ref){
		.topology = topology,
		.id = id,
		.seq = *seq,
	};
	IMFTopology_AddRef(topology);
	return S_OK;
}

/* Which topologies a session lets go of. */
enum topology_drop {
	DROP_CALL, /* the one a failed SetTopology added */
	DROP_CLEARED, /* MESessionTopologiesCleared */
	DROP_CLOSED, /* MESessionClosed */
	DROP_ALL, /* Shutdown */
};

/*
 * ClearTopologies clears what is queued, not what plays: the topologies
 * whose MESessionTopologySet has come go, but the current one.  Close
 * ends them all.  Those whose MESessionTopologySet is still to come were
 * set after the ClearTopologies or Close, and stay.
 */
static bool topology_dropped_locked(struct session *s,
				    const struct topology_ref *r,
				    enum topology_drop what, uint64_t seq)
{
	switch (what) {
	case DROP_CALL:
		return r->seq == seq;
	case DROP_CLEARED:
		return r->delivered && !(s->has_current && r->id == s->current);
	case DROP_CLOSED:
		return r->delivered;
	default:
		return true;
	}
}

/*
 * Lets go of the topologies @what selects (@seq: DROP_CALL's call).
 * Releasing under the lock is safe: a topology never calls its session.
 */
static void topologies_drop_locked(struct session *s, enum topology_drop what,
				   uint64_t seq)
{
	size_t i, kept = 0;

	for (i = 0; i < s->ntopologies; i++) {
		if (topology_dropped_locked(s, &s->topologies[i], what, seq))
			IMFTopology_Release(s->topologies[i].topology);
		else
			s->topologies[kept++] = s->topologies[i];
	}
	s->ntopologies = kept;
}

/*
 * The topology an event about @id names, with a reference, or NULL.  Two
 * topologies may share an id (IMFTopology::CloneFrom copies it): an
 * MESessionTopologySet is about the oldest one set and not yet reported,
 * any other event about the last one reported.
 */
static IMFTopology *topologies_find_locked(struct session *s, TOPOID id,
					   bool set_event)
{
	struct topology_ref *reported = NULL, *pending = NULL, *r;
	size_t i;

	for (i = 0; i < s->ntopologies; i++) {
		r = &s->topologies[i];
		if (r->id != id)
			continue;
		if (r->delivered)
			reported = r;
		else if (!pending)
			pending = r;
	}
	if (set_event)
		r = pending ? pending : reported;
	else
		r = reported ? reported : pending;
	if (!r)
		return NULL;
	if (set_event)
		r->delivered = true;
	IMFTopology_AddRef(r->topology);
	return r->topology;
}

/* ---- events ---- */

/* An event has left the queue, or never made it in. */
static void session_event_gone(struct session *s)
{
	bool drained;

	pthread_mutex_lock(&s->lock);
	s->events--;
	drained = s->state == SESSION_HOST_GONE && !s->events;
	pthread_mutex_unlock(&s->lock);
	/* The PMP process is gone and its last word taken: nothing follows. */
	if (drained)
		IMFMediaEventQueue_Shutdown(s->queue);
}

/* Queues @event, counted in s->events already. */
static HRESULT session_queue_counted(struct session *s, IMFMediaEvent *event)
{
	HRESULT hr = E_OUTOFMEMORY;

	if (event)
		hr = IMFMediaEventQueue_QueueEvent(s->queue, event);
	if (FAILED(hr))
		session_event_gone(s);
	return hr;
}

static HRESULT session_queue(struct session *s, IMFMediaEvent *event)
{
	pthread_mutex_lock(&s->lock);
	s->events++;
	pthread_mutex_unlock(&s->lock);
	return session_queue_counted(s, event);
}

/* Keeps the topologies in step with an event about to be queued. */
static IMFTopology *session_track_topologies(struct session *s, DWORD type,
					     DWORD vt, ULONGLONG value)
{
	IMFTopology *topology = NULL;

	pthread_mutex_lock(&s->lock);
	if (vt == VT_UNKNOWN)
		topology = topologies_find_locked(s, value,
						  type == MESessionTopologySet);
	switch (type) {
	case MESessionTopologySet:
	case MESessionTopologyStatus:
		if (vt == VT_UNKNOWN) {
			s->current = value;
			s->has_current = true;
		}
		break;
	case MESessionTopologiesCleared:
		topologies_drop_locked(s, DROP_CLEARED, 0);
		break;
	case MESessionClosed:
		topologies_drop_locked(s, DROP_CLOSED, 0);
		s->has_current = false;
		break;
	}
	pthread_mutex_unlock(&s->lock);
	return topology;
}

/*
 * One event of the host half, as Media Foundation's: its value is the
 * application's topology (VT_UNKNOWN: the TOPOID of one; VT_EMPTY if it
 * is no longer known), a time (VT_I8) or nothing (VT_EMPTY, also for any
 * other vt).
 */
static void session_deliver(struct session *s, DWORD type, HRESULT status,
			    DWORD vt, ULONGLONG value, DWORD topology_status,
			    const GUID *guid)
{
	IMFTopology *topology = session_track_topologies(s, type, vt, value);
	IMFMediaEvent *event = NULL;
	PROPVARIANT v;
	HRESULT hr;

	PropVariantInit(&v);
	if (topology) {
		v.vt = VT_UNKNOWN;
		v.punkVal = (IUnknown *)topology;
	} else if (vt == VT_I8) {
		v.vt = VT_I8;
		v.hVal.QuadPart = (LONGLONG)value;
	} else if (vt == VT_CLSID) {
		/* MFCreateMediaEvent copies the value: this one stays ours. */
		v.vt = VT_CLSID;
		v.puuid = (CLSID *)guid;
	}
	hr = MFCreateMediaEvent(type, &GUID_NULL, status, &v, &event);
	if (vt == VT_CLSID)
		PropVariantInit(&v);
	PropVariantClear(&v);
	if (SUCCEEDED(hr) && type == MESessionTopologyStatus)
		hr = IMFMediaEvent_SetUINT32(event, &MF_EVENT_TOPOLOGY_STATUS,
					     topology_status);
	if (FAILED(hr) && event) {
		IMFMediaEvent_Release(event);
		event = NULL;
	}
	session_queue(s, event);
	if (event)
		IMFMediaEvent_Release(event);
}

/*
 * The pump found the PMP process gone (@hr: what the call failed with):
 * one MEError carries it, unless the session is shutting down anyway.
 */
static void session_host_gone(struct session *s, HRESULT hr)
{
	IMFMediaEvent *event = NULL;

	pthread_mutex_lock(&s->lock);
	if (s->state != SESSION_RUNNING) {
		pthread_mutex_unlock(&s->lock);
		return;
	}
	s->state = SESSION_HOST_GONE;
	s->events++;
	pthread_mutex_unlock(&s->lock);

	MFCreateMediaEvent(MEError, &GUID_NULL, hr, NULL, &event);
	session_queue_counted(s, event);
	if (event)
		IMFMediaEvent_Release(event);
}

static void *session_pump(void *arg)
{
	struct session *s = arg;
	DWORD type, vt, topology_status;
	ULONGLONG value;
	HRESULT hr, status;
	GUID guid;

	for (;;) {
		hr = IPmpMediaSessionHost_GetEvent(s->host, PUMP_WAIT_MS, &type,
						   &status, &vt, &value,
						   &topology_status, &guid);
		if (hr == MF_E_NO_EVENTS_AVAILABLE)
			continue;
		if (FAILED(hr))
			break;
		session_deliver(s, type, status, vt, value, topology_status,
				&guid);
	}
	/* MF_E_SHUTDOWN after our own Shutdown; anything else: it is gone. */
	session_host_gone(s, hr);
	return NULL;
}

/* Starts the pump with every signal blocked: they are the application's. */
static HRESULT session_start_pump(struct session *s)
{
	sigset_t all, old;
	int err;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&s->pump, NULL, session_pump, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return err ? E_OUTOFMEMORY : S_OK;
}

/* ---- IMFMediaSession ---- */

static HRESULT STDMETHODCALLTYPE session_QueryInterface(IMFMediaSession *iface,
							REFIID riid, void **ppv)
{
	struct session *s = impl_from_IMFMediaSession(iface);

	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	if (!riid)
		return E_POINTER;
	if (IsEqualIID(riid, &IID_IUnknown) ||
	    IsEqualIID(riid, &IID_IMFMediaEventGenerator) ||
	    IsEqualIID(riid, &IID_IMFMediaSession))
		*ppv = &s->IMFMediaSession_iface;
	else if (IsEqualIID(riid, &IID_IMFGetService))
		*ppv = &s->IMFGetService_iface;
	else
		return E_NOINTERFACE;
	IMFMediaSession_AddRef(iface);
	return S_OK;
}

static ULONG STDMETHODCALLTYPE session_AddRef(IMFMediaSession *iface)
{
	struct session *s = impl_from_IMFMediaSession(iface);

	return atomic_fetch_add(&s->refcount, 1) + 1;
}

/*
 * Shuts both halves down: the host half's Shutdown wakes the pump, whose
 * GetEvent then fails; the queue ends every wait for an event.
 */
static HRESULT session_shutdown(struct session *s)
{
	pthread_mutex_lock(&s->lock);
	if (s->state == SESSION_SHUT_DOWN) {
		pthread_mutex_unlock(&s->lock);
		return MF_E_SHUTDOWN;
	}
	s->state = SESSION_SHUT_DOWN;
	pthread_mutex_unlock(&s->lock);

	/* Fails when the PMP process is gone: then the pump has ended. */
	IPmpMediaSessionHost_Shutdown(s->host);
	IMFMediaEventQueue_Shutdown(s->queue);
	pmp_clock_shutdown(s->clock);
	pthread_join(s->pump, NULL);
	/* The host refuses every push now: the pumps end. */
	pthread_mutex_lock(&s->sources_lock);
	pmp_client_sources_destroy(s->sources);
	s->sources = NULL;
	pthread_mutex_unlock(&s->sources_lock);

	pthread_mutex_lock(&s->lock);
	topologies_drop_locked(s, DROP_ALL, 0);
	pthread_mutex_unlock(&s->lock);
	return S_OK;
}

/* Frees a session that has no pump, or whose pump has been joined. */
static void session_free(struct session *s)
{
	pmp_client_sources_destroy(s->sources);
	pthread_mutex_destroy(&s->sources_lock);
	if (s->clock)
		IMFPresentationClock_Release(s->clock);
	if (s->queue)
		IMFMediaEventQueue_Release(s->queue);
	if (s->host)
		IPmpMediaSessionHost_Release(s->host);
	IMFPMPServer_Release(s->server);
	topologies_drop_locked(s, DROP_ALL, 0);
	free(s->topologies);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

static ULONG STDMETHODCALLTYPE session_Release(IMFMediaSession *iface)
{
	struct session *s = impl_from_IMFMediaSession(iface);
	long n = atomic_fetch_sub(&s->refcount, 1) - 1;

	if (!n) {
		/* The last reference shuts it down, unless it was. */
		session_shutdown(s);
		session_free(s);
	}
	return n;
}

static HRESULT STDMETHODCALLTYPE session_GetEvent(IMFMediaSession *iface,
						  DWORD dwFlags,
						  IMFMediaEvent **ppEvent)
{
	struct session *s = impl_from_IMFMediaSession(iface);
	HRESULT hr;

	hr = IMFMediaEventQueue_GetEvent(s->queue, dwFlags, ppEvent);
	if (SUCCEEDED(hr))
		session_event_gone(s);
	return hr;
}

static HRESULT STDMETHODCALLTYPE
session_BeginGetEvent(IMFMediaSession *iface, IMFAsyncCallback *pCallback,
		      IUnknown *punkState)
{
	return IMFMediaEventQueue_BeginGetEvent(
		impl_from_IMFMediaSession(iface)->queue, pCallback, punkState);
}

static HRESULT STDMETHODCALLTYPE session_EndGetEvent(IMFMediaSession *iface,
						     IMFAsyncResult *pResult,
						     IMFMediaEvent **ppEvent)
{
	struct session *s = impl_from_IMFMediaSession(iface);
	HRESULT hr;

	hr = IMFMediaEventQueue_EndGetEvent(s->queue, pResult, ppEvent);
	if (SUCCEEDED(hr))
		session_event_gone(s);
	/* A result that is not the pending one: E_FAIL, as on Windows. */
	else if (hr == E_INVALIDARG && pResult && ppEvent)
		hr = E_FAIL;
	return hr;
}

static HRESULT STDMETHODCALLTYPE session_QueueEvent(IMFMediaSession *iface,
						    MediaEventType met,
						    REFGUID guidExtendedType,
						    HRESULT hrStatus,
						    const PROPVARIANT *pvValue)
{
	struct session *s = impl_from_IMFMediaSession(iface);
	IMFMediaEvent *event;
	HRESULT hr;

	hr = session_check(s);
	if (FAILED(hr))
		return hr;
	hr = MFCreateMediaEvent(met, guidExtendedType, hrStatus, pvValue,
				&event);
	if (FAILED(hr))
		return hr;
	hr = session_queue(s, event);
	IMFMediaEvent_Release(event);
	return hr;
}

static HRESULT STDMETHODCALLTYPE session_SetTopology(IMFMediaSession *iface,
						     DWORD dwSetTopologyFlags,
						     IMFTopology *pTopology)
{
	struct session *s = impl_from_IMFMediaSession(iface);
	struct pmp_client_sources *sources = NULL;
	IMFTopology *copy = NULL;
	void *buf = NULL;
	UINT32 size = 0;
	uint64_t seq;
	WORD nodes = 0;
	TOPOID id = 0;
	HRESULT hr;
	int fd, err;

	/* Microsoft's way to clear the current topology is not offered. */
	if (!pTopology)
		return dwSetTopologyFlags & MFSESSION_SETTOPOLOGY_CLEAR_CURRENT
			       ? E_NOTIMPL
			       : E_POINTER;
	hr = session_check(s);
	if (FAILED(hr))
		return hr;
	/* An empty topology plays nothing (Wine's session refuses it too). */
	if (FAILED(IMFTopology_GetNodeCount(pTopology, &nodes)) || !nodes)
		return E_INVALIDARG;
	hr = IMFTopology_GetTopologyID(pTopology, &id);
	/* The host gets a copy whose application sources are client streams. */
	if (SUCCEEDED(hr))
		hr = pmp_client_sources_prepare(s->host, pTopology, &copy,
					       &sources);
	if (SUCCEEDED(hr))
		hr = pmp_topology_serialize(copy, &buf, &size);
	if (copy)
		IMFTopology_Release(copy);
	if (FAILED(hr)) {
		pmp_client_sources_destroy(sources);
		return hr;
	}
	err = pmp_memfd_seal_new(buf, size, &fd);
	free(buf);
	if (err < 0) {
		pmp_client_sources_destroy(sources);
		return pmp_hresult_from_errno(err);
	}

	/* Known before the call: its events may come before it returns. */
	pthread_mutex_lock(&s->lock);
	hr = topologies_add_locked(s, pTopology, id, &seq);
	pthread_mutex_unlock(&s->lock);
	if (SUCCEEDED(hr)) {
		pthread_mutex_lock(&s->sources_lock);
		hr = IPmpMediaSessionHost_SetTopology(
			s->host, dwSetTopologyFlags, id, fd, size);
		if (FAILED(hr)) {
			pthread_mutex_lock(&s->lock);
			topologies_drop_locked(s, DROP_CALL, seq);
			pthread_mutex_unlock(&s->lock);
		} else {
			/*
			 * The host resolved it (or failed to: then its event
			 * says so, and the pumps. pushes find no stream).
			 */
			pmp_client_sources_stop(s->sources);
			pmp_client_sources_destroy(s->sources);
			s->sources = sources;
			sources = NULL;
		}
		pthread_mutex_unlock(&s->sources_lock);
	}
	pmp_client_sources_destroy(sources);
	close(fd);
	return hr;
}

/* A method of the host half without arguments, while the session runs. */
static HRESULT
session_forward(IMFMediaSession *iface,
		HRESULT(STDMETHODCALLTYPE *method)(IPmpMediaSessionHost *host))
{
	struct session *s = impl_from_IMFMediaSession(iface);
	HRESULT hr = session_check(s);

	return FAILED(hr) ? hr : method(s->host);
}

static HRESULT STDMETHODCALLTYPE session_ClearTopologies(IMFMediaSession *iface)
{
	return session_forward(iface, impl_from_IMFMediaSession(iface)
					      ->host->lpVtbl->ClearTopologies);
}

static HRESULT STDMETHODCALLTYPE
session_Start(IMFMediaSession *iface, const GUID *pguidTimeFormat,
	      const PROPVARIANT *pvarStartPosition)
{
	struct session *s = impl_from_IMFMediaSession(iface);
	LONGLONG from = 0;
	DWORD segment = 0;
	HRESULT hr;

	if (!pvarStartPosition)
		return E_POINTER;
	/* Presentation time only: pmp has no sequencer source. */
	if (pguidTimeFormat && !IsEqualGUID(pguidTimeFormat, &GUID_NULL))
		return E_INVALIDARG;
	if (pvarStartPosition->vt != VT_EMPTY && pvarStartPosition->vt != VT_I8)
		return E_INVALIDARG;
	hr = session_check(s);
	if (FAILED(hr))
		return hr;
	pthread_mutex_lock(&s->sources_lock);
	hr = IPmpMediaSessionHost_Start(
		s->host, pvarStartPosition->vt,
		pvarStartPosition->vt == VT_I8
			? pvarStartPosition->hVal.QuadPart
			: 0,
		&segment, &from);
	/* A source that fails to start ends its stream: an MEError says so. */
	if (SUCCEEDED(hr))
		pmp_client_sources_start(s->sources, segment, from);
	pthread_mutex_unlock(&s->sources_lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE session_Pause(IMFMediaSession *iface)
{
	return session_forward(
		iface, impl_from_IMFMediaSession(iface)->host->lpVtbl->Pause);
}

/* Stop and Close: the host half first, then the application's sources. */
static HRESULT session_stop_sources(IMFMediaSession *iface,
				  HRESULT(STDMETHODCALLTYPE *method)(
					  IPmpMediaSessionHost *host))
{
	struct session *s = impl_from_IMFMediaSession(iface);
	HRESULT hr;

	pthread_mutex_lock(&s->sources_lock);
	hr = session_forward(iface, method);
	if (SUCCEEDED(hr))
		pmp_client_sources_stop(s->sources);
	pthread_mutex_unlock(&s->sources_lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE session_Stop(IMFMediaSession *iface)
{
	return session_stop_sources(
		iface, impl_from_IMFMediaSession(iface)->host->lpVtbl->Stop);
}

static HRESULT STDMETHODCALLTYPE session_Close(IMFMediaSession *iface)
{
	return session_stop_sources(
		iface, impl_from_IMFMediaSession(iface)->host->lpVtbl->Close);
}

static HRESULT STDMETHODCALLTYPE session_Shutdown(IMFMediaSession *iface)
{
	return session_shutdown(impl_from_IMFMediaSession(iface));
}

static HRESULT STDMETHODCALLTYPE session_GetClock(IMFMediaSession *iface,
						  IMFClock **ppClock)
{
	struct session *s = impl_from_IMFMediaSession(iface);
	HRESULT hr;

	if (!ppClock)
		return E_POINTER;
	*ppClock = NULL;
	hr = session_check(s);
	if (FAILED(hr))
		return hr;
	IMFPresentationClock_AddRef(s->clock);
	*ppClock = (IMFClock *)s->clock;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE
session_GetSessionCapabilities(IMFMediaSession *iface, DWORD *pdwCaps)
{
	struct session *s = impl_from_IMFMediaSession(iface);
	HRESULT hr;

	if (!pdwCaps)
		return E_POINTER;
	hr = session_check(s);
	if (FAILED(hr))
		return hr;
	return IPmpMediaSessionHost_GetSessionCapabilities(s->host, pdwCaps);
}

static HRESULT STDMETHODCALLTYPE
session_GetFullTopology(IMFMediaSession *iface, DWORD dwGetFullTopologyFlags,
			TOPOID TopoId, IMFTopology **ppFullTopology)
{
	struct session *s = impl_from_IMFMediaSession(iface);
	DWORD size = 0;
	void *buf;
	HRESULT hr;
	int fd = -1, err;

	if (!ppFullTopology)
		return E_POINTER;
	*ppFullTopology = NULL;
	hr = session_check(s);
	if (SUCCEEDED(hr))
		hr = IPmpMediaSessionHost_GetFullTopology(
			s->host, dwGetFullTopologyFlags, TopoId, &fd, &size);
	if (FAILED(hr))
		return hr;
	/* Whatever the PMP process sent, it cannot change under us. */
	err = pmp_memfd_read(fd, size, FULL_TOPOLOGY_MAX, &buf);
	if (fd >= 0)
		close(fd);
	if (err < 0)
		return pmp_hresult_from_errno(err);
	hr = pmp_topology_deserialize(buf, size, ppFullTopology);
	free(buf);
	return hr;
}

static const IMFMediaSessionVtbl session_vtbl = {
	.QueryInterface = session_QueryInterface,
	.AddRef = session_AddRef,
	.Release = session_Release,
	.GetEvent = session_GetEvent,
	.BeginGetEvent = session_BeginGetEvent,
	.EndGetEvent = session_EndGetEvent,
	.QueueEvent = session_QueueEvent,
	.SetTopology = session_SetTopology,
	.ClearTopologies = session_ClearTopologies,
	.Start = session_Start,
	.Pause = session_Pause,
	.Stop = session_Stop,
	.Close = session_Close,
	.Shutdown = session_Shutdown,
	.GetClock = session_GetClock,
	.GetSessionCapabilities = session_GetSessionCapabilities,
	.GetFullTopology = session_GetFullTopology,
};

/* ---- IMFGetService ---- */

static HRESULT STDMETHODCALLTYPE getservice_QueryInterface(IMFGetService *iface,
							   REFIID riid,
							   void **ppv)
{
	return session_QueryInterface(
		&impl_from_IMFGetService(iface)->IMFMediaSession_iface, riid,
		ppv);
}

static ULONG STDMETHODCALLTYPE getservice_AddRef(IMFGetService *iface)
{
	return session_AddRef(
		&impl_from_IMFGetService(iface)->IMFMediaSession_iface);
}

static ULONG STDMETHODCALLTYPE getservice_Release(IMFGetService *iface)
{
	return session_Release(
		&impl_from_IMFGetService(iface)->IMFMediaSession_iface);
}

static HRESULT STDMETHODCALLTYPE getservice_GetService(IMFGetService *iface,
						       REFGUID guidService,
						       REFIID riid,
						       LPVOID *ppvObject)
{
	struct session *s = impl_from_IMFGetService(iface);
	HRESULT hr;

	if (!ppvObject)
		return E_POINTER;
	*ppvObject = NULL;
	if (!guidService || !riid)
		return E_POINTER;
	hr = session_check(s);
	if (FAILED(hr))
		return hr;
	if (IsEqualGUID(guidService, &PMP_CLEARKEY_SERVICE))
		return IPmpClearKeyLicense_QueryInterface(
			&s->IPmpClearKeyLicense_iface, riid, ppvObject);
	if (IsEqualGUID(guidService, &PMP_SINK_OUTPUT_SERVICE))
		return IPmpSinkOutput_QueryInterface(&s->IPmpSinkOutput_iface,
						     riid, ppvObject);
	if (!IsEqualGUID(guidService, &MF_PMP_SERVER_CONTEXT))
		return MF_E_UNSUPPORTED_SERVICE;
	return IMFPMPServer_QueryInterface(s->server, riid, ppvObject);
}

static const IMFGetServiceVtbl getservice_vtbl = {
	.QueryInterface = getservice_QueryInterface,
	.AddRef = getservice_AddRef,
	.Release = getservice_Release,
	.GetService = getservice_GetService,
};

/* ---- the pmp services: keys in, what the sinks hand out ---- */

static struct session *impl_from_IPmpClearKeyLicense(IPmpClearKeyLicense *iface)
{
	return (struct session *)((char *)iface -
				  offsetof(struct session,
					   IPmpClearKeyLicense_iface));
}

static struct session *impl_from_IPmpSinkOutput(IPmpSinkOutput *iface)
{
	return (struct session *)((char *)iface -
				  offsetof(struct session,
					   IPmpSinkOutput_iface));
}

/* A service's own identity: IUnknown and its interface, the session's life. */
static HRESULT service_query(void *iface, REFIID riid, REFIID own, void **ppv)
{
	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	if (!riid)
		return E_POINTER;
	if (!IsEqualGUID(riid, &IID_IUnknown) && !IsEqualGUID(riid, own))
		return E_NOINTERFACE;
	((IUnknown *)iface)->lpVtbl->AddRef((IUnknown *)iface);
	*ppv = iface;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE keys_QueryInterface(IPmpClearKeyLicense *iface,
						     REFIID riid, void **ppv)
{
	return service_query(iface, riid, &IID_IPmpClearKeyLicense, ppv);
}

static ULONG STDMETHODCALLTYPE keys_AddRef(IPmpClearKeyLicense *iface)
{
	return session_AddRef(
		&impl_from_IPmpClearKeyLicense(iface)->IMFMediaSession_iface);
}

static ULONG STDMETHODCALLTYPE keys_Release(IPmpClearKeyLicense *iface)
{
	return session_Release(
		&impl_from_IPmpClearKeyLicense(iface)->IMFMediaSession_iface);
}

/* The license goes to the host half in the call's payload, nowhere else. */
static HRESULT STDMETHODCALLTYPE keys_Update(IPmpClearKeyLicense *iface,
					     const char *license)
{
	struct session *s = impl_from_IPmpClearKeyLicense(iface);
	HRESULT hr;

	if (!license)
		return E_POINTER;
	hr = session_check(s);
	return FAILED(hr) ? hr
			  : IPmpMediaSessionHost_UpdateLicense(s->host,
							       license);
}

static const IPmpClearKeyLicenseVtbl keys_vtbl = {
	.QueryInterface = keys_QueryInterface,
	.AddRef = keys_AddRef,
	.Release = keys_Release,
	.Update = keys_Update,
};

static HRESULT STDMETHODCALLTYPE output_QueryInterface(IPmpSinkOutput *iface,
						       REFIID riid, void **ppv)
{
	return service_query(iface, riid, &IID_IPmpSinkOutput, ppv);
}

static ULONG STDMETHODCALLTYPE output_AddRef(IPmpSinkOutput *iface)
{
	return session_AddRef(
		&impl_from_IPmpSinkOutput(iface)->IMFMediaSession_iface);
}

static ULONG STDMETHODCALLTYPE output_Release(IPmpSinkOutput *iface)
{
	return session_Release(
		&impl_from_IPmpSinkOutput(iface)->IMFMediaSession_iface);
}

static LONGLONG now_ms(void)
{
	return MFGetSystemTime() / 10000;
}

/*
 * Asks the host half in turns of at most OUTPUT_WAIT_MS (each call must
 * end well within the module's timeout) until @wait_ms has passed.
 */
static HRESULT STDMETHODCALLTYPE output_ReadSample(IPmpSinkOutput *iface,
						   TOPOID node, DWORD wait_ms,
						   IMFSample **sample)
{
	struct session *s = impl_from_IPmpSinkOutput(iface);
	LONGLONG deadline = now_ms() + wait_ms, left;
	DWORD size = 0, turn, length = 0, room = pmp_session_inline_room();
	_cleanup_free_ BYTE *data = NULL;
	HRESULT hr;
	int fd;

	if (!sample)
		return E_POINTER;
	*sample = NULL;
	/* Small samples come in the call, larger ones in a memfd. */
	if (room) {
		data = malloc(room);
		if (!data)
			return E_OUTOFMEMORY;
	}
	for (;;) {
		hr = session_check(s);
		if (FAILED(hr))
			return hr;
		left = deadline - now_ms();
		turn = wait_ms == INFINITE || left > OUTPUT_WAIT_MS
			       ? OUTPUT_WAIT_MS
			       : (left > 0 ? (DWORD)left : 0);
		fd = -1;
		if (room)
			hr = IPmpMediaSessionHost_ReadOutputBytes(
				s->host, node, turn, room, data, &length, &fd,
				&size);
		else
			hr = IPmpMediaSessionHost_ReadOutput(s->host, node,
							     turn, &fd, &size);
		if (hr != MF_E_NO_EVENTS_AVAILABLE ||
		    (wait_ms != INFINITE && deadline - now_ms() <= 0))
			break;
	}
	if (hr == S_OK && fd < 0) {
		hr = pmp_sample_deserialize_bytes(data, length, room, sample);
		explicit_bzero(data, length);
	} else if (hr == S_OK) {
		hr = pmp_sample_deserialize(fd, size, OUTPUT_SAMPLE_MAX, sample);
		close(fd);
	}
	return hr == MF_E_END_OF_STREAM ? S_FALSE : hr;
}

static const IPmpSinkOutputVtbl output_vtbl = {
	.QueryInterface = output_QueryInterface,
	.AddRef = output_AddRef,
	.Release = output_Release,
	.ReadSample = output_ReadSample,
};

/* ---- creation ---- */

/*
 * The server the session lives in: the one MF_SESSION_SERVER_CONTEXT
 * names (a reference to that very object), or a new one.
 */
static HRESULT session_server(DWORD flags, IMFAttributes *config,
			      IMFPMPServer **out)
{
	HRESULT hr = MF_E_ATTRIBUTENOTFOUND;

	*out = NULL;
	if (config)
		hr = IMFAttributes_GetUnknown(config,
					      &MF_SESSION_SERVER_CONTEXT,
					      &IID_IMFPMPServer, (void **)out);
	if (hr == MF_E_ATTRIBUTENOTFOUND)
		return MFCreatePMPServer(flags, out);
	if (SUCCEEDED(hr) && pmp_server_is_own(*out))
		return S_OK;
	if (*out)
		IMFPMPServer_Release(*out);
	*out = NULL;
	return E_INVALIDARG;
}

/* A session whose halves are @server's new host half; takes @server. */
static HRESULT session_create(IMFPMPServer *server, DWORD policy,
			      IMFMediaSession **out)
{
	struct session *s;
	HRESULT hr;

	s = calloc(1, sizeof(*s));
	if (!s) {
		IMFPMPServer_Release(server);
		return E_OUTOFMEMORY;
	}
	s->IMFMediaSession_iface.lpVtbl = &session_vtbl;
	s->IMFGetService_iface.lpVtbl = &getservice_vtbl;
	s->IPmpClearKeyLicense_iface.lpVtbl = &keys_vtbl;
	s->IPmpSinkOutput_iface.lpVtbl = &output_vtbl;
	atomic_init(&s->refcount, 1);
	s->server = server;
	pthread_mutex_init(&s->lock, NULL);
	pthread_mutex_init(&s->sources_lock, NULL);
	s->state = SESSION_RUNNING;

	hr = IMFPMPServer_CreateObjectByCLSID(server, &CLSID_PmpMediaSession,
					      &IID_IPmpMediaSessionHost,
					      (void **)&s->host);
	/* Before any topology: the policy binds everything resolved. */
	if (SUCCEEDED(hr) && policy)
		hr = IPmpMediaSessionHost_SetOutputPolicy(s->host, policy);
	if (SUCCEEDED(hr))
		hr = MFCreateEventQueue(&s->queue);
	if (SUCCEEDED(hr))
		hr = pmp_clock_create(s->host, &s->clock);
	if (SUCCEEDED(hr))
		hr = session_start_pump(s);
	if (FAILED(hr)) {
		session_free(s);
		return hr;
	}
	*out = &s->IMFMediaSession_iface;
	return S_OK;
}

PMP_EXPORT HRESULT STDAPICALLTYPE MFCreatePMPMediaSession(
	DWORD dwCreationFlags, IMFAttributes *pConfiguration,
	IMFMediaSession **ppMediaSession, IMFActivate **ppEnablerActivate)
{
	IMFPMPServer *server;
	UINT32 policy = 0;
	HRESULT hr;

	if (ppEnablerActivate)
		*ppEnablerActivate = NULL;
	if (!ppMediaSession)
		return E_POINTER;
	*ppMediaSession = NULL;
	if (!pmp_server_flags_valid(dwCreationFlags))
		return E_INVALIDARG;
	if (pConfiguration) {
		hr = IMFAttributes_GetUINT32(pConfiguration,
					     &PMP_SESSION_OUTPUT_POLICY,
					     &policy);
		if (FAILED(hr) && hr != MF_E_ATTRIBUTENOTFOUND)
			return E_INVALIDARG;
		if (policy & ~PMP_OUTPUT_POLICY_NO_FRAMES)
			return E_INVALIDARG;
	}
	if (!pmp_mf_started())
		return MF_E_PLATFORM_NOT_INITIALIZED;
	hr = session_server(dwCreationFlags, pConfiguration, &server);
	if (FAILED(hr))
		return hr;
	return session_create(server, policy, ppMediaSession);
}

PMP_EXPORT HRESULT STDAPICALLTYPE MFGetService(IUnknown *punkObject,
					       REFGUID guidService, REFIID riid,
					       LPVOID *ppvObject)
{
	IMFGetService *gs = NULL;
	HRESULT hr;

	if (!ppvObject)
		return E_POINTER;
	*ppvObject = NULL;
	if (!punkObject)
		return E_POINTER;
	if (FAILED(IUnknown_QueryInterface(punkObject, &IID_IMFGetService,
					   (void **)&gs)) ||
	    !gs)
		return E_NOINTERFACE;
	hr = IMFGetService_GetService(gs, guidService, riid, ppvObject);
	IMFGetService_Release(gs);
	return hr;
}
