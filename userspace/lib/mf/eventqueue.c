// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * eventqueue.c - IMFMediaEventQueue and MFCreateEventQueue
 *
 * The queue behind every event generator of libpmp (media sessions).  One
 * subscriber at a time: a blocking GetEvent or one pending BeginGetEvent,
 * whose callback is invoked (async.c) as soon as an event is there.
 * Shutdown ends everything: waiters return MF_E_SHUTDOWN, and a pending
 * subscriber's callback is invoked so that its EndGetEvent can say so.
 */

#define COBJMACROS
#include <pthread.h>
#include <stdlib.h>

#include "mfapi.h"

#include "../export.h"
#include "mf.h"

struct queued_event {
	struct queued_event *next;
	IMFMediaEvent *event;
};

struct event_queue {
	IMFMediaEventQueue IMFMediaEventQueue_iface;
	atomic_long refcount;
	pthread_mutex_t lock;
	pthread_cond_t cond;		/* an event came, or shutdown */
	struct queued_event *head, **tail;
	IMFAsyncResult *subscriber;	/* a pending BeginGetEvent */
	bool notified;			/* its callback is on its way */
	bool shutdown;
};

static struct event_queue *
impl_from_IMFMediaEventQueue(IMFMediaEventQueue *iface)
{
	return (struct event_queue *)iface;
}

/* Takes the oldest event; the lock is held and the queue not empty. */
static IMFMediaEvent *queue_pop(struct event_queue *q)
{
	struct queued_event *qe = q->head;
	IMFMediaEvent *event = qe->event;

	q->head = qe->next;
	if (!q->head)
		q->tail = &q->head;
	free(qe);
	return event;
}

/*
 * Releases a popped event.  A function, not IMFMediaEvent_Release(): the
 * COBJMACROS macro names its argument twice, which would pop twice.
 */
static void queue_release(IMFMediaEvent *event)
{
	IMFMediaEvent_Release(event);
}

/* Invokes the subscriber's callback once; the lock is held. */
static void queue_notify(struct event_queue *q)
{
	if (!q->subscriber || q->notified || (!q->head && !q->shutdown))
		return;
	if (SUCCEEDED(MFInvokeCallback(q->subscriber)))
		q->notified = true;
}

static HRESULT STDMETHODCALLTYPE queue_QueryInterface(IMFMediaEventQueue *iface,
						      REFIID riid, void **ppv)
{
	return pmp_query_one(iface, riid, &IID_IMFMediaEventQueue, ppv);
}

static ULONG STDMETHODCALLTYPE queue_AddRef(IMFMediaEventQueue *iface)
{
	return atomic_fetch_add(
		       &impl_from_IMFMediaEventQueue(iface)->refcount, 1) + 1;
}

static ULONG STDMETHODCALLTYPE queue_Release(IMFMediaEventQueue *iface)
{
	struct event_queue *q = impl_from_IMFMediaEventQueue(iface);
	long n = atomic_fetch_sub(&q->refcount, 1) - 1;

	if (!n) {
		while (q->head)
			queue_release(queue_pop(q));
		if (q->subscriber)
			IMFAsyncResult_Release(q->subscriber);
		pthread_cond_destroy(&q->cond);
		pthread_mutex_destroy(&q->lock);
		free(q);
	}
	return n;
}

static HRESULT STDMETHODCALLTYPE queue_GetEvent(IMFMediaEventQueue *iface,
						DWORD dwFlags,
						IMFMediaEvent **ppEvent)
{
	struct event_queue *q = impl_from_IMFMediaEventQueue(iface);
	HRESULT hr = S_OK;

	if (!ppEvent)
		return E_INVALIDARG;
	*ppEvent = NULL;
	pthread_mutex_lock(&q->lock);
	for (;;) {
		if (q->shutdown) {
			hr = MF_E_SHUTDOWN;
			break;
		}
		if (q->subscriber) {
			hr = MF_E_MULTIPLE_SUBSCRIBERS;
			break;
		}
		if (q->head) {
			*ppEvent = queue_pop(q);
			break;
		}
		if (dwFlags & MF_EVENT_FLAG_NO_WAIT) {
			hr = MF_E_NO_EVENTS_AVAILABLE;
			break;
		}
		pthread_cond_wait(&q->cond, &q->lock);
	}
	pthread_mutex_unlock(&q->lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE queue_BeginGetEvent(IMFMediaEventQueue *iface,
						     IMFAsyncCallback *pCallback,
						     IUnknown *punkState)
{
	struct event_queue *q = impl_from_IMFMediaEventQueue(iface);
	IMFAsyncResult *result;
	HRESULT hr;

	if (!pCallback)
		return E_INVALIDARG;
	hr = MFCreateAsyncResult(NULL, pCallback, punkState, &result);
	if (FAILED(hr))
		return hr;

	pthread_mutex_lock(&q->lock);
	if (q->shutdown) {
		hr = MF_E_SHUTDOWN;
	} else if (q->subscriber) {
		hr = MF_E_MULTIPLE_SUBSCRIBERS;
		if (pmp_async_result_callback(q->subscriber) == pCallback)
			hr = IMFAsyncResult_GetStateNoAddRef(q->subscriber) ==
					     punkState ?
				     MF_S_MULTIPLE_BEGIN :
				     MF_E_MULTIPLE_BEGIN;
	} else {
		q->subscriber = result;
		q->notified = false;
		result = NULL;
		queue_notify(q);
	}
	pthread_mutex_unlock(&q->lock);
	if (result)
		IMFAsyncResult_Release(result);
	return hr;
}

static HRESULT STDMETHODCALLTYPE queue_EndGetEvent(IMFMediaEventQueue *iface,
						   IMFAsyncResult *pResult,
						   IMFMediaEvent **ppEvent)
{
	struct event_queue *q = impl_from_IMFMediaEventQueue(iface);
	HRESULT hr = S_OK;

	if (!pResult || !ppEvent)
		return E_INVALIDARG;
	*ppEvent = NULL;
	pthread_mutex_lock(&q->lock);
	if (q->shutdown) {
		hr = MF_E_SHUTDOWN;
	} else if (pResult != q->subscriber || !q->head) {
		/* Not ours, or ended before its callback came. */
		hr = E_INVALIDARG;
	} else {
		*ppEvent = queue_pop(q);
		IMFAsyncResult_Release(q->subscriber);
		q->subscriber = NULL;
		q->notified = false;
	}
	pthread_mutex_unlock(&q->lock);
	return hr;
}

static HRESULT queue_add(struct event_queue *q, IMFMediaEvent *event)
{
	struct queued_event *qe;
	HRESULT hr = S_OK;

	qe = malloc(sizeof(*qe));
	if (!qe)
		return E_OUTOFMEMORY;
	pthread_mutex_lock(&q->lock);
	if (q->shutdown) {
		hr = MF_E_SHUTDOWN;
	} else {
		IMFMediaEvent_AddRef(event);
		qe->event = event;
		qe->next = NULL;
		*q->tail = qe;
		q->tail = &qe->next;
		qe = NULL;
		pthread_cond_broadcast(&q->cond);
		queue_notify(q);
	}
	pthread_mutex_unlock(&q->lock);
	free(qe);
	return hr;
}

static HRESULT STDMETHODCALLTYPE queue_QueueEvent(IMFMediaEventQueue *iface,
						  IMFMediaEvent *pEvent)
{
	if (!pEvent)
		return E_INVALIDARG;
	return queue_add(impl_from_IMFMediaEventQueue(iface), pEvent);
}

static HRESULT STDMETHODCALLTYPE
queue_QueueEventParamVar(IMFMediaEventQueue *iface, MediaEventType met,
			 REFGUID guidExtendedType, HRESULT hrStatus,
			 const PROPVARIANT *pvValue)
{
	IMFMediaEvent *event;
	HRESULT hr;

	hr = MFCreateMediaEvent(met, guidExtendedType, hrStatus, pvValue,
				&event);
	if (FAILED(hr))
		return hr;
	hr = queue_add(impl_from_IMFMediaEventQueue(iface), event);
	IMFMediaEvent_Release(event);
	return hr;
}

static HRESULT STDMETHODCALLTYPE
queue_QueueEventParamUnk(IMFMediaEventQueue *iface, MediaEventType met,
			 REFGUID guidExtendedType, HRESULT hrStatus,
			 IUnknown *pUnk)
{
	PROPVARIANT v;

	PropVariantInit(&v);
	v.vt = VT_UNKNOWN;
	v.punkVal = pUnk;
	return queue_QueueEventParamVar(iface, met, guidExtendedType,
					hrStatus, &v);
}

static HRESULT STDMETHODCALLTYPE queue_Shutdown(IMFMediaEventQueue *iface)
{
	struct event_queue *q = impl_from_IMFMediaEventQueue(iface);

	pthread_mutex_lock(&q->lock);
	if (!q->shutdown) {
		q->shutdown = true;
		while (q->head)
			queue_release(queue_pop(q));
		if (q->subscriber)
			IMFAsyncResult_SetStatus(q->subscriber, MF_E_SHUTDOWN);
		queue_notify(q);
		pthread_cond_broadcast(&q->cond);
	}
	pthread_mutex_unlock(&q->lock);
	return S_OK;
}

static const IMFMediaEventQueueVtbl queue_vtbl = {
	queue_QueryInterface,
	queue_AddRef,
	queue_Release,
	queue_GetEvent,
	queue_BeginGetEvent,
	queue_EndGetEvent,
	queue_QueueEvent,
	queue_QueueEventParamVar,
	queue_QueueEventParamUnk,
	queue_Shutdown,
};

PMP_EXPORT HRESULT STDAPICALLTYPE
MFCreateEventQueue(IMFMediaEventQueue **ppMediaEventQueue)
{
	struct event_queue *q;

	if (!ppMediaEventQueue)
		return E_POINTER;
	*ppMediaEventQueue = NULL;
	q = calloc(1, sizeof(*q));
	if (!q)
		return E_OUTOFMEMORY;
	q->IMFMediaEventQueue_iface.lpVtbl = &queue_vtbl;
	atomic_init(&q->refcount, 1);
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->cond, NULL);
	q->tail = &q->head;
	*ppMediaEventQueue = &q->IMFMediaEventQueue_iface;
	return S_OK;
}
