// SPDX-License-Identifier: GPL-2.0
/*
 * mf_events_test.c - media events, event queues and asynchronous results,
 * in process (no kernel module): MFCreateMediaEvent, MFCreateEventQueue,
 * MFCreateAsyncResult, MFInvokeCallback
 *
 * The queue is the one behind every event generator of libpmp: GetEvent
 * with and without MF_EVENT_FLAG_NO_WAIT, BeginGetEvent/EndGetEvent with
 * an IMFAsyncCallback, the one-subscriber rules and their HRESULTs, and
 * Shutdown.
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <pthread.h>
#include <semaphore.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mfapi.h>

#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"

#define PTR sizeof(void *)
#define WAIT_S 20

static const GUID EXT = { 0x12345678, 0x9abc, 0xdef0,
			  { 1, 1, 2, 3, 5, 8, 13, 21 } };

/* ---- an application's callback ---- */

/*
 * Records each Invoke: the thread it ran on, and what EndGetEvent said.
 * It calls EndGetEvent on @queue itself, as Microsoft's examples do.
 */
struct callback {
	IMFAsyncCallback IMFAsyncCallback_iface;
	long refcount;
	IMFMediaEventQueue *queue;
	sem_t invoked;
	pthread_t thread;
	HRESULT end_hr;
	HRESULT status;
	MediaEventType type;
	IUnknown *state;
};

static struct callback *impl_from(IMFAsyncCallback *iface)
{
	return (struct callback *)iface;
}

static HRESULT STDMETHODCALLTYPE cb_QueryInterface(IMFAsyncCallback *iface,
						   REFIID riid, void **ppv)
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

static ULONG STDMETHODCALLTYPE cb_AddRef(IMFAsyncCallback *iface)
{
	return __atomic_add_fetch(&impl_from(iface)->refcount, 1,
				  __ATOMIC_SEQ_CST);
}

static ULONG STDMETHODCALLTYPE cb_Release(IMFAsyncCallback *iface)
{
	return __atomic_sub_fetch(&impl_from(iface)->refcount, 1,
				  __ATOMIC_SEQ_CST);
}

static HRESULT STDMETHODCALLTYPE cb_GetParameters(IMFAsyncCallback *iface,
						  DWORD *flags, DWORD *queue)
{
	return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE cb_Invoke(IMFAsyncCallback *iface,
					   IMFAsyncResult *result)
{
	struct callback *cb = impl_from(iface);
	IMFMediaEvent *event = NULL;

	cb->thread = pthread_self();
	cb->status = IMFAsyncResult_GetStatus(result);
	cb->state = IMFAsyncResult_GetStateNoAddRef(result);
	cb->end_hr = IMFMediaEventQueue_EndGetEvent(cb->queue, result, &event);
	if (event) {
		IMFMediaEvent_GetType(event, &cb->type);
		IMFMediaEvent_Release(event);
	}
	sem_post(&cb->invoked);
	return S_OK;
}

static const IMFAsyncCallbackVtbl cb_vtbl = {
	cb_QueryInterface, cb_AddRef,	 cb_Release,
	cb_GetParameters,  cb_Invoke,
};

static void callback_init(struct callback *cb, IMFMediaEventQueue *q)
{
	memset(cb, 0, sizeof(*cb));
	cb->IMFAsyncCallback_iface.lpVtbl = &cb_vtbl;
	cb->refcount = 1;
	cb->queue = q;
	sem_init(&cb->invoked, 0, 0);
}

/* Waits for the next Invoke: 0, or -1 after WAIT_S seconds. */
static int callback_wait(struct callback *cb)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += WAIT_S;
	return sem_timedwait(&cb->invoked, &ts);
}

/* ---- ABI ---- */

TEST(iids_and_vtable_orders_are_microsofts)
{
	static const GUID event_iid = {
		0xdf598932, 0xf10c, 0x4e39,
		{ 0xbb, 0xa2, 0xc3, 0x08, 0xf1, 0x01, 0xda, 0xa3 }
	};
	static const GUID queue_iid = {
		0x36f846fc, 0x2256, 0x48b6,
		{ 0xb5, 0x8e, 0xe2, 0xb6, 0x38, 0x31, 0x65, 0x81 }
	};
	static const GUID result_iid = {
		0xac6b7889, 0x0740, 0x4d51,
		{ 0x86, 0x19, 0x90, 0x59, 0x94, 0xa5, 0x5c, 0xc6 }
	};
	static const GUID callback_iid = {
		0xa27003cf, 0x2354, 0x4f2a,
		{ 0x8d, 0x6a, 0xab, 0x7c, 0xff, 0x15, 0x43, 0x7e }
	};
	static const GUID generator_iid = {
		0x2cd0bd52, 0xbcd5, 0x4b89,
		{ 0xb6, 0x2c, 0xea, 0xdc, 0x0c, 0x03, 0x1e, 0x7d }
	};

	ASSERT_TRUE(IsEqualGUID(&event_iid, &IID_IMFMediaEvent));
	ASSERT_TRUE(IsEqualGUID(&queue_iid, &IID_IMFMediaEventQueue));
	ASSERT_TRUE(IsEqualGUID(&result_iid, &IID_IMFAsyncResult));
	ASSERT_TRUE(IsEqualGUID(&callback_iid, &IID_IMFAsyncCallback));
	ASSERT_TRUE(IsEqualGUID(&generator_iid, &IID_IMFMediaEventGenerator));
	/* IMFMediaEvent derives from IMFAttributes' 33 slots. */
	ASSERT_EQ(33 * PTR, offsetof(IMFMediaEventVtbl, GetType));
	ASSERT_EQ(36 * PTR, offsetof(IMFMediaEventVtbl, GetValue));
	ASSERT_EQ(3 * PTR, offsetof(IMFMediaEventGeneratorVtbl, GetEvent));
	ASSERT_EQ(6 * PTR, offsetof(IMFMediaEventGeneratorVtbl, QueueEvent));
	ASSERT_EQ(9 * PTR, offsetof(IMFMediaEventQueueVtbl, Shutdown));
	ASSERT_EQ(7 * PTR, offsetof(IMFAsyncResultVtbl, GetStateNoAddRef));
	ASSERT_EQ(4 * PTR, offsetof(IMFAsyncCallbackVtbl, Invoke));
	ASSERT_EQ(111, MESessionTopologyStatus);
	ASSERT_EQ(120, MEPolicyError);
	ASSERT_EQ(1, MF_EVENT_FLAG_NO_WAIT);
}

/* ---- events ---- */

TEST(event_carries_type_extended_type_status_value_and_attributes)
{
	IMFMediaEvent *ev;
	IMFAttributes *attrs;
	MediaEventType met;
	PROPVARIANT v, got;
	HRESULT status;
	UINT32 u;
	GUID g;

	PropVariantInit(&v);
	v.vt = VT_I8;
	v.hVal.QuadPart = -5;
	ASSERT_EQ(S_OK, MFCreateMediaEvent(MESessionStarted, &EXT,
					   MF_E_INVALIDREQUEST, &v, &ev));
	ASSERT_EQ(S_OK, IMFMediaEvent_GetType(ev, &met));
	ASSERT_EQ((DWORD)MESessionStarted, met);
	ASSERT_EQ(S_OK, IMFMediaEvent_GetExtendedType(ev, &g));
	ASSERT_TRUE(IsEqualGUID(&EXT, &g));
	ASSERT_EQ(S_OK, IMFMediaEvent_GetStatus(ev, &status));
	ASSERT_EQ(MF_E_INVALIDREQUEST, status);
	ASSERT_EQ(S_OK, IMFMediaEvent_GetValue(ev, &got));
	ASSERT_EQ(VT_I8, got.vt);
	ASSERT_EQ(-5LL, got.hVal.QuadPart);

	/* It is an attribute store too, under both interfaces. */
	ASSERT_EQ(S_OK, IMFMediaEvent_SetUINT32(ev, &EXT, 9));
	ASSERT_EQ(S_OK, IMFMediaEvent_QueryInterface(ev, &IID_IMFAttributes,
						     (void **)&attrs));
	ASSERT_EQ(S_OK, IMFAttributes_GetUINT32(attrs, &EXT, &u));
	ASSERT_EQ(9U, u);
	IMFAttributes_Release(attrs);
	ASSERT_EQ(0U, IMFMediaEvent_Release(ev));
}

TEST(event_without_value_or_extended_type_has_empty_ones)
{
	IMFMediaEvent *ev;
	PROPVARIANT got;
	GUID g;

	ASSERT_EQ(E_POINTER, MFCreateMediaEvent(MEUnknown, NULL, S_OK, NULL,
						NULL));
	ASSERT_EQ(S_OK, MFCreateMediaEvent(MEError, NULL, E_FAIL, NULL, &ev));
	ASSERT_EQ(S_OK, IMFMediaEvent_GetValue(ev, &got));
	ASSERT_EQ(VT_EMPTY, got.vt);
	ASSERT_EQ(S_OK, IMFMediaEvent_GetExtendedType(ev, &g));
	ASSERT_TRUE(IsEqualGUID(&GUID_NULL, &g));
	ASSERT_EQ(E_POINTER, IMFMediaEvent_GetType(ev, NULL));
	ASSERT_EQ(0U, IMFMediaEvent_Release(ev));
}

/* ---- asynchronous results ---- */

TEST(async_result_holds_object_state_and_status)
{
	IMFAttributes *obj, *state;
	IMFAsyncResult *r;
	IUnknown *unk;

	ASSERT_EQ(S_OK, MFCreateAttributes(&obj, 0));
	ASSERT_EQ(S_OK, MFCreateAttributes(&state, 0));
	ASSERT_EQ(S_OK, MFCreateAsyncResult((IUnknown *)obj, NULL,
					    (IUnknown *)state, &r));
	ASSERT_EQ(S_OK, IMFAsyncResult_GetStatus(r));
	ASSERT_EQ(S_OK, IMFAsyncResult_SetStatus(r, MF_E_SHUTDOWN));
	ASSERT_EQ(MF_E_SHUTDOWN, IMFAsyncResult_GetStatus(r));
	ASSERT_EQ(S_OK, IMFAsyncResult_GetObject(r, &unk));
	ASSERT_EQ((void *)obj, (void *)unk);
	IUnknown_Release(unk);
	ASSERT_EQ((void *)state, (void *)IMFAsyncResult_GetStateNoAddRef(r));
	ASSERT_EQ(0U, IMFAsyncResult_Release(r));
	ASSERT_EQ(0U, IMFAttributes_Release(obj));
	ASSERT_EQ(0U, IMFAttributes_Release(state));

	ASSERT_EQ(S_OK, MFCreateAsyncResult(NULL, NULL, NULL, &r));
	ASSERT_EQ(E_POINTER, IMFAsyncResult_GetObject(r, &unk));
	ASSERT_EQ(NULL, unk);
	ASSERT_EQ(E_POINTER, IMFAsyncResult_GetState(r, &unk));
	/* No callback: nothing to invoke. */
	ASSERT_EQ(E_INVALIDARG, MFInvokeCallback(r));
	ASSERT_EQ(0U, IMFAsyncResult_Release(r));
	ASSERT_EQ(E_POINTER, MFCreateAsyncResult(NULL, NULL, NULL, NULL));
}

/* ---- event queues ---- */

FIXTURE(queue) {
	IMFMediaEventQueue *q;
	struct callback cb;
};

FIXTURE_SETUP(queue)
{
	ASSERT_EQ(S_OK, MFCreateEventQueue(&self->q));
	callback_init(&self->cb, self->q);
}

FIXTURE_TEARDOWN(queue)
{
	IMFMediaEventQueue_Shutdown(self->q);
	IMFMediaEventQueue_Release(self->q);
}

TEST_F(queue, get_event_returns_events_in_order)
{
	IMFMediaEvent *ev;
	MediaEventType met;

	ASSERT_EQ(S_OK, IMFMediaEventQueue_QueueEventParamVar(
				self->q, MESessionTopologySet, &GUID_NULL,
				S_OK, NULL));
	ASSERT_EQ(S_OK, IMFMediaEventQueue_QueueEventParamUnk(
				self->q, MESessionStarted, &GUID_NULL, S_OK,
				NULL));
	ASSERT_EQ(S_OK, IMFMediaEventQueue_GetEvent(self->q, 0, &ev));
	IMFMediaEvent_GetType(ev, &met);
	ASSERT_EQ((DWORD)MESessionTopologySet, met);
	IMFMediaEvent_Release(ev);
	ASSERT_EQ(S_OK, IMFMediaEventQueue_GetEvent(self->q,
						    MF_EVENT_FLAG_NO_WAIT,
						    &ev));
	IMFMediaEvent_GetType(ev, &met);
	ASSERT_EQ((DWORD)MESessionStarted, met);
	IMFMediaEvent_Release(ev);
	ASSERT_EQ(MF_E_NO_EVENTS_AVAILABLE,
		  IMFMediaEventQueue_GetEvent(self->q, MF_EVENT_FLAG_NO_WAIT,
					      &ev));
	ASSERT_EQ(NULL, ev);
	ASSERT_EQ(E_INVALIDARG, IMFMediaEventQueue_GetEvent(self->q, 0, NULL));
}

static void *queue_later(void *p)
{
	IMFMediaEventQueue *q = p;

	usleep(100000);
	IMFMediaEventQueue_QueueEventParamVar(q, MESessionPaused, &GUID_NULL,
					      S_OK, NULL);
	return NULL;
}

TEST_F(queue, blocking_get_event_waits_for_the_event)
{
	IMFMediaEvent *ev;
	MediaEventType met;
	pthread_t t;

	ASSERT_EQ(0, pthread_create(&t, NULL, queue_later, self->q));
	ASSERT_EQ(S_OK, IMFMediaEventQueue_GetEvent(self->q, 0, &ev));
	IMFMediaEvent_GetType(ev, &met);
	ASSERT_EQ((DWORD)MESessionPaused, met);
	IMFMediaEvent_Release(ev);
	ASSERT_EQ(0, pthread_join(t, NULL));
}

TEST_F(queue, begin_get_event_invokes_the_callback_on_another_thread)
{
	IMFAttributes *state;
	int i;

	ASSERT_EQ(S_OK, MFCreateAttributes(&state, 0));
	ASSERT_EQ(S_OK, IMFMediaEventQueue_BeginGetEvent(
				self->q, &self->cb.IMFAsyncCallback_iface,
				(IUnknown *)state));
	/* No event yet: no call. */
	usleep(50000);
	ASSERT_EQ(-1, sem_trywait(&self->cb.invoked));
	ASSERT_EQ(S_OK, IMFMediaEventQueue_QueueEventParamVar(
				self->q, MESessionEnded, &GUID_NULL, S_OK,
				NULL));
	ASSERT_EQ(0, callback_wait(&self->cb));
	ASSERT_EQ(S_OK, self->cb.end_hr);
	ASSERT_EQ((DWORD)MESessionEnded, self->cb.type);
	ASSERT_EQ((void *)state, (void *)self->cb.state);
	ASSERT_FALSE(pthread_equal(pthread_self(), self->cb.thread));
	/* The callback thread lets the result (and its state) go after. */
	for (i = 0; i < WAIT_S * 1000; i++) {
		IMFAttributes_AddRef(state);
		if (IMFAttributes_Release(state) == 1)
			break;
		usleep(1000);
	}
	ASSERT_EQ(0U, IMFAttributes_Release(state));
}

TEST_F(queue, an_event_already_queued_is_handed_at_once)
{
	ASSERT_EQ(S_OK, IMFMediaEventQueue_QueueEventParamVar(
				self->q, MESessionClosed, &GUID_NULL, S_OK,
				NULL));
	ASSERT_EQ(S_OK, IMFMediaEventQueue_BeginGetEvent(
				self->q, &self->cb.IMFAsyncCallback_iface,
				NULL));
	ASSERT_EQ(0, callback_wait(&self->cb));
	ASSERT_EQ((DWORD)MESessionClosed, self->cb.type);
}

TEST_F(queue, one_subscriber_at_a_time)
{
	struct callback other;
	IMFAttributes *state;
	IMFMediaEvent *ev;

	callback_init(&other, self->q);
	ASSERT_EQ(S_OK, MFCreateAttributes(&state, 0));
	ASSERT_EQ(E_INVALIDARG,
		  IMFMediaEventQueue_BeginGetEvent(self->q, NULL, NULL));
	ASSERT_EQ(S_OK, IMFMediaEventQueue_BeginGetEvent(
				self->q, &self->cb.IMFAsyncCallback_iface,
				NULL));
	ASSERT_EQ(MF_S_MULTIPLE_BEGIN, IMFMediaEventQueue_BeginGetEvent(
				self->q, &self->cb.IMFAsyncCallback_iface,
				NULL));
	ASSERT_EQ(MF_E_MULTIPLE_BEGIN, IMFMediaEventQueue_BeginGetEvent(
				self->q, &self->cb.IMFAsyncCallback_iface,
				(IUnknown *)state));
	ASSERT_EQ(MF_E_MULTIPLE_SUBSCRIBERS,
		  IMFMediaEventQueue_BeginGetEvent(
			  self->q, &other.IMFAsyncCallback_iface, NULL));
	ASSERT_EQ(MF_E_MULTIPLE_SUBSCRIBERS,
		  IMFMediaEventQueue_GetEvent(self->q, MF_EVENT_FLAG_NO_WAIT,
					      &ev));
	ASSERT_EQ(S_OK, IMFMediaEventQueue_QueueEventParamVar(
				self->q, MEError, &GUID_NULL, E_FAIL, NULL));
	ASSERT_EQ(0, callback_wait(&self->cb));
	ASSERT_EQ(S_OK, self->cb.end_hr);
	/* Ended: another subscriber may come. */
	ASSERT_EQ(MF_E_NO_EVENTS_AVAILABLE,
		  IMFMediaEventQueue_GetEvent(self->q, MF_EVENT_FLAG_NO_WAIT,
					      &ev));
	ASSERT_EQ(0U, IMFAttributes_Release(state));
}

TEST_F(queue, end_get_event_of_a_foreign_result_fails)
{
	IMFAsyncResult *r;
	IMFMediaEvent *ev;

	ASSERT_EQ(S_OK, MFCreateAsyncResult(NULL, NULL, NULL, &r));
	ASSERT_EQ(E_INVALIDARG, IMFMediaEventQueue_EndGetEvent(self->q, r,
							       &ev));
	ASSERT_EQ(E_INVALIDARG, IMFMediaEventQueue_EndGetEvent(self->q, NULL,
							       &ev));
	IMFAsyncResult_Release(r);
}

static void *shutdown_later(void *p)
{
	IMFMediaEventQueue *q = p;

	usleep(100000);
	IMFMediaEventQueue_Shutdown(q);
	return NULL;
}

TEST_F(queue, shutdown_ends_a_blocking_get_event)
{
	IMFMediaEvent *ev;
	pthread_t t;

	ASSERT_EQ(0, pthread_create(&t, NULL, shutdown_later, self->q));
	ASSERT_EQ(MF_E_SHUTDOWN, IMFMediaEventQueue_GetEvent(self->q, 0, &ev));
	ASSERT_EQ(0, pthread_join(t, NULL));
}

TEST_F(queue, shutdown_tells_a_pending_subscriber_and_refuses_all)
{
	IMFMediaEvent *ev;

	ASSERT_EQ(S_OK, IMFMediaEventQueue_BeginGetEvent(
				self->q, &self->cb.IMFAsyncCallback_iface,
				NULL));
	ASSERT_EQ(S_OK, IMFMediaEventQueue_Shutdown(self->q));
	ASSERT_EQ(0, callback_wait(&self->cb));
	ASSERT_EQ(MF_E_SHUTDOWN, self->cb.status);
	ASSERT_EQ(MF_E_SHUTDOWN, self->cb.end_hr);
	ASSERT_EQ(MF_E_SHUTDOWN, IMFMediaEventQueue_QueueEventParamVar(
					 self->q, MEError, &GUID_NULL, S_OK,
					 NULL));
	ASSERT_EQ(MF_E_SHUTDOWN, IMFMediaEventQueue_GetEvent(
					 self->q, MF_EVENT_FLAG_NO_WAIT, &ev));
	ASSERT_EQ(MF_E_SHUTDOWN, IMFMediaEventQueue_BeginGetEvent(
					 self->q,
					 &self->cb.IMFAsyncCallback_iface,
					 NULL));
	ASSERT_EQ(S_OK, IMFMediaEventQueue_Shutdown(self->q));
}

TEST_HARNESS_MAIN
