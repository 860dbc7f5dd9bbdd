/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mf_session_helpers.h - what the media session tests share: waiting for a
 * session's next event through BeginGetEvent, and the topology of pmp's
 * test source and sink
 *
 * Include it after com_helpers.h.
 */

#ifndef PMP_MF_SESSION_HELPERS_H
#define PMP_MF_SESSION_HELPERS_H

#include <pthread.h>
#include <semaphore.h>
#include <time.h>

#include <mfapi.h>

/* How long a test waits for an event that must come. */
#define EVENT_WAIT_S 20

/*
 * An application's IMFAsyncCallback that takes a session's events as
 * Microsoft's examples do: BeginGetEvent, then EndGetEvent in Invoke.
 */
struct waiter {
	IMFAsyncCallback IMFAsyncCallback_iface;
	long refcount;
	IMFMediaSession *session;
	sem_t invoked;
	pthread_t thread;
	HRESULT status;
	HRESULT end_hr;
	IMFMediaEvent *event;
};

static inline struct waiter *waiter_from(IMFAsyncCallback *iface)
{
	return (struct waiter *)iface;
}

static inline HRESULT STDMETHODCALLTYPE
waiter_QueryInterface(IMFAsyncCallback *iface, REFIID riid, void **ppv)
{
	if (IsEqualIID(riid, &IID_IUnknown) ||
	    IsEqualIID(riid, &IID_IMFAsyncCallback)) {
		*ppv = iface;
		IMFAsyncCallback_AddRef(iface);
		return S_OK;
	}
	*ppv = NULL;
	return E_NOINTERFACE;
}

static inline ULONG STDMETHODCALLTYPE waiter_AddRef(IMFAsyncCallback *iface)
{
	return __atomic_add_fetch(&waiter_from(iface)->refcount, 1,
				  __ATOMIC_SEQ_CST);
}

static inline ULONG STDMETHODCALLTYPE waiter_Release(IMFAsyncCallback *iface)
{
	return __atomic_sub_fetch(&waiter_from(iface)->refcount, 1,
				  __ATOMIC_SEQ_CST);
}

static inline HRESULT STDMETHODCALLTYPE
waiter_GetParameters(IMFAsyncCallback *iface, DWORD *flags, DWORD *queue)
{
	return E_NOTIMPL;
}

static inline HRESULT STDMETHODCALLTYPE waiter_Invoke(IMFAsyncCallback *iface,
						      IMFAsyncResult *result)
{
	struct waiter *w = waiter_from(iface);

	w->thread = pthread_self();
	w->status = IMFAsyncResult_GetStatus(result);
	w->event = NULL;
	w->end_hr = IMFMediaSession_EndGetEvent(w->session, result, &w->event);
	sem_post(&w->invoked);
	return S_OK;
}

static const IMFAsyncCallbackVtbl waiter_vtbl = {
	waiter_QueryInterface, waiter_AddRef, waiter_Release,
	waiter_GetParameters,  waiter_Invoke,
};

static inline void waiter_init(struct waiter *w, IMFMediaSession *session)
{
	memset(w, 0, sizeof(*w));
	w->IMFAsyncCallback_iface.lpVtbl = &waiter_vtbl;
	w->refcount = 1;
	w->session = session;
	sem_init(&w->invoked, 0, 0);
}

/* Waits for the next Invoke: 0, or -1 after EVENT_WAIT_S seconds. */
static inline int waiter_wait(struct waiter *w)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += EVENT_WAIT_S;
	while (sem_timedwait(&w->invoked, &ts))
		if (errno != EINTR)
			return -1;
	return 0;
}

/*
 * The session's next event, through BeginGetEvent and the callback's
 * EndGetEvent: what EndGetEvent returned, or ERROR_TIMEOUT's HRESULT.
 */
static inline HRESULT waiter_next(struct waiter *w, IMFMediaEvent **event)
{
	HRESULT hr;

	*event = NULL;
	hr = IMFMediaSession_BeginGetEvent(w->session,
					   &w->IMFAsyncCallback_iface, NULL);
	if (FAILED(hr))
		return hr;
	if (waiter_wait(w))
		return HRESULT_FROM_WIN32(ERROR_TIMEOUT);
	*event = w->event;
	return w->end_hr;
}

/*
 * Asserts that @w's session's next event is @type with @status, and
 * leaves it in @event (the caller releases it).
 */
#define ASSERT_NEXT_EVENT(w, want_type, want_status, event) do { \
	MediaEventType __type = MEUnknown; \
	HRESULT __status = S_OK; \
	ASSERT_HR(S_OK, waiter_next(w, &(event))); \
	ASSERT_HR(S_OK, IMFMediaEvent_GetType(event, &__type)); \
	ASSERT_HR(S_OK, IMFMediaEvent_GetStatus(event, &__status)); \
	ASSERT_EQ((MediaEventType)(want_type), __type) \
		TH_LOG("expected event %d, got %d (status 0x%08x)", \
		       (int)(want_type), (int)__type, \
		       (unsigned int)__status); \
	ASSERT_HR(want_status, __status); \
} while (0)

/* Asserts that the next event is @type with @status, and drops it. */
#define ASSERT_EVENT(w, want_type, want_status) do { \
	IMFMediaEvent *__ev = NULL; \
	ASSERT_NEXT_EVENT(w, want_type, want_status, __ev); \
	IMFMediaEvent_Release(__ev); \
} while (0)

/*
 * A topology of pmp's test source (@samples samples of @duration 100 ns
 * units) feeding its test sink, which fails sample @fail_at (when not
 * -1) with E_ABORT; *@source and *@sink are the nodes (referenced).
 */
static inline IMFTopology *
new_test_topology(struct __test_metadata *_metadata, UINT32 samples,
		  UINT64 duration, int fail_at, IMFTopologyNode **source,
		  IMFTopologyNode **sink)
{
	IMFTopology *topology = NULL;

	ASSERT_HR(S_OK, MFCreateTopology(&topology));
	ASSERT_HR(S_OK, MFCreateTopologyNode(MF_TOPOLOGY_SOURCESTREAM_NODE,
					     source));
	ASSERT_HR(S_OK, MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, sink));
	ASSERT_HR(S_OK, IMFTopologyNode_SetGUID(*source,
						&PMP_TOPONODE_OBJECT_CLSID,
						&CLSID_PmpTestSource));
	ASSERT_HR(S_OK, IMFTopologyNode_SetUINT32(*source,
						  &PMP_TEST_SOURCE_SAMPLES,
						  samples));
	ASSERT_HR(S_OK, IMFTopologyNode_SetUINT64(*source,
						  &PMP_TEST_SOURCE_DURATION,
						  duration));
	ASSERT_HR(S_OK, IMFTopologyNode_SetGUID(*sink,
						&PMP_TOPONODE_OBJECT_CLSID,
						&CLSID_PmpTestSink));
	if (fail_at >= 0) {
		ASSERT_HR(S_OK, IMFTopologyNode_SetUINT32(*sink,
							  &PMP_TEST_SINK_FAIL_AT,
							  fail_at));
		ASSERT_HR(S_OK,
			  IMFTopologyNode_SetUINT32(*sink,
						    &PMP_TEST_SINK_FAIL_STATUS,
						    (UINT32)E_ABORT));
	}
	ASSERT_HR(S_OK, IMFTopology_AddNode(topology, *source));
	ASSERT_HR(S_OK, IMFTopology_AddNode(topology, *sink));
	ASSERT_HR(S_OK, IMFTopologyNode_ConnectOutput(*source, 0, *sink, 0));
	return topology;
}

/* The references @unk has, without changing them. */
static inline ULONG refs_of(void *unk)
{
	IUnknown_AddRef((IUnknown *)unk);
	return IUnknown_Release((IUnknown *)unk);
}

/*
 * Asserts that @session reports @topology set and ready: MESessionTopologySet
 * and MESessionTopologyStatus (MF_TOPOSTATUS_READY), both with the
 * application's own IMFTopology as their value.
 */
#define ASSERT_TOPOLOGY_READY(w, topology) do { \
	IMFMediaEvent *__ev = NULL; \
	PROPVARIANT __v; \
	UINT32 __status = 0; \
	ASSERT_NEXT_EVENT(w, MESessionTopologySet, S_OK, __ev); \
	PropVariantInit(&__v); \
	ASSERT_HR(S_OK, IMFMediaEvent_GetValue(__ev, &__v)); \
	ASSERT_EQ(VT_UNKNOWN, __v.vt); \
	ASSERT_EQ((void *)(topology), (void *)__v.punkVal); \
	PropVariantClear(&__v); \
	IMFMediaEvent_Release(__ev); \
	ASSERT_NEXT_EVENT(w, MESessionTopologyStatus, S_OK, __ev); \
	ASSERT_HR(S_OK, IMFMediaEvent_GetUINT32(__ev, \
						&MF_EVENT_TOPOLOGY_STATUS, \
						&__status)); \
	ASSERT_EQ((UINT32)MF_TOPOSTATUS_READY, __status); \
	ASSERT_HR(S_OK, IMFMediaEvent_GetValue(__ev, &__v)); \
	ASSERT_EQ(VT_UNKNOWN, __v.vt); \
	ASSERT_EQ((void *)(topology), (void *)__v.punkVal); \
	PropVariantClear(&__v); \
	IMFMediaEvent_Release(__ev); \
} while (0)

/* Starts @session from the current position: S_OK and MESessionStarted. */
#define ASSERT_STARTS(w, want_status) do { \
	PROPVARIANT __start; \
	PropVariantInit(&__start); \
	ASSERT_HR(S_OK, IMFMediaSession_Start((w)->session, &GUID_NULL, \
					      &__start)); \
	ASSERT_EVENT(w, MESessionStarted, want_status); \
} while (0)

#endif /* PMP_MF_SESSION_HELPERS_H */
