// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * async.c - IMFAsyncResult, MFCreateAsyncResult and MFInvokeCallback
 *
 * Callbacks run on one thread per process, started when first needed, in
 * the order they were invoked: an application's IMFAsyncCallback::Invoke
 * never runs inside the libpmp call that triggered it, and events reach
 * it in order.  (Windows runs MFASYNC_CALLBACK_QUEUE_STANDARD callbacks on
 * a pool; pmp's one thread is a documented difference.)
 */

#define COBJMACROS
#include <pthread.h>
#include <stdlib.h>

#include "mfapi.h"

#include "../export.h"
#include "mf.h"

struct async_result {
	IMFAsyncResult IMFAsyncResult_iface;
	atomic_long refcount;
	atomic_int status;
	IUnknown *object;
	IMFAsyncCallback *callback;
	IUnknown *state;
};

/* A callback to run; a result may be invoked more than once. */
struct invocation {
	struct invocation *next;
	struct async_result *result;
};

static struct async_result *impl_from_IMFAsyncResult(IMFAsyncResult *iface)
{
	return (struct async_result *)iface;
}

static HRESULT STDMETHODCALLTYPE result_QueryInterface(IMFAsyncResult *iface,
						       REFIID riid, void **ppv)
{
	return pmp_query_one(iface, riid, &IID_IMFAsyncResult, ppv);
}

static ULONG STDMETHODCALLTYPE result_AddRef(IMFAsyncResult *iface)
{
	return atomic_fetch_add(&impl_from_IMFAsyncResult(iface)->refcount,
				1) + 1;
}

static ULONG STDMETHODCALLTYPE result_Release(IMFAsyncResult *iface)
{
	struct async_result *r = impl_from_IMFAsyncResult(iface);
	long n = atomic_fetch_sub(&r->refcount, 1) - 1;

	if (!n) {
		if (r->object)
			IUnknown_Release(r->object);
		if (r->callback)
			IMFAsyncCallback_Release(r->callback);
		if (r->state)
			IUnknown_Release(r->state);
		free(r);
	}
	return n;
}

/* Hands out @unk with a reference, or E_POINTER when there is none. */
static HRESULT result_get(IUnknown *unk, IUnknown **out)
{
	if (!out)
		return E_POINTER;
	*out = unk;
	if (!unk)
		return E_POINTER;
	IUnknown_AddRef(unk);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE result_GetState(IMFAsyncResult *iface,
						 IUnknown **ppunkState)
{
	return result_get(impl_from_IMFAsyncResult(iface)->state, ppunkState);
}

static HRESULT STDMETHODCALLTYPE result_GetStatus(IMFAsyncResult *iface)
{
	return atomic_load(&impl_from_IMFAsyncResult(iface)->status);
}

static HRESULT STDMETHODCALLTYPE result_SetStatus(IMFAsyncResult *iface,
						  HRESULT hrStatus)
{
	atomic_store(&impl_from_IMFAsyncResult(iface)->status, hrStatus);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE result_GetObject(IMFAsyncResult *iface,
						  IUnknown **ppObject)
{
	return result_get(impl_from_IMFAsyncResult(iface)->object, ppObject);
}

static IUnknown *STDMETHODCALLTYPE
result_GetStateNoAddRef(IMFAsyncResult *iface)
{
	return impl_from_IMFAsyncResult(iface)->state;
}

static const IMFAsyncResultVtbl result_vtbl = {
	result_QueryInterface,
	result_AddRef,
	result_Release,
	result_GetState,
	result_GetStatus,
	result_SetStatus,
	result_GetObject,
	result_GetStateNoAddRef,
};

PMP_EXPORT HRESULT STDAPICALLTYPE MFCreateAsyncResult(IUnknown *punkObject,
						      IMFAsyncCallback *pCallback,
						      IUnknown *punkState,
						      IMFAsyncResult **ppAsyncResult)
{
	struct async_result *r;

	if (!ppAsyncResult)
		return E_POINTER;
	*ppAsyncResult = NULL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return E_OUTOFMEMORY;
	r->IMFAsyncResult_iface.lpVtbl = &result_vtbl;
	atomic_init(&r->refcount, 1);
	atomic_init(&r->status, S_OK);
	r->object = punkObject;
	r->callback = pCallback;
	r->state = punkState;
	if (punkObject)
		IUnknown_AddRef(punkObject);
	if (pCallback)
		IMFAsyncCallback_AddRef(pCallback);
	if (punkState)
		IUnknown_AddRef(punkState);
	*ppAsyncResult = &r->IMFAsyncResult_iface;
	return S_OK;
}

/**
 * pmp_async_result_callback - the callback of one of libpmp's results
 * @result: a result made by MFCreateAsyncResult
 *
 * Return: its callback (no reference taken), or NULL.
 */
IMFAsyncCallback *pmp_async_result_callback(IMFAsyncResult *result)
{
	if (result->lpVtbl != &result_vtbl)
		return NULL;
	return impl_from_IMFAsyncResult(result)->callback;
}

/* ---- the callback thread ---- */

static pthread_mutex_t invoke_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t invoke_cond = PTHREAD_COND_INITIALIZER;
static struct invocation *invoke_head, **invoke_tail = &invoke_head;
static bool invoke_running;

static void *invoke_main(void *arg)
{
	struct invocation *inv;
	struct async_result *r;

	(void)arg;
	for (;;) {
		pthread_mutex_lock(&invoke_lock);
		while (!invoke_head)
			pthread_cond_wait(&invoke_cond, &invoke_lock);
		inv = invoke_head;
		invoke_head = inv->next;
		if (!invoke_head)
			invoke_tail = &invoke_head;
		pthread_mutex_unlock(&invoke_lock);

		r = inv->result;
		free(inv);
		IMFAsyncCallback_Invoke(r->callback, &r->IMFAsyncResult_iface);
		IMFAsyncResult_Release(&r->IMFAsyncResult_iface);
	}
	return NULL;
}

/* After fork() the child has no callback thread: it starts its own. */
static void invoke_atfork_child(void)
{
	pthread_mutex_init(&invoke_lock, NULL);
	pthread_cond_init(&invoke_cond, NULL);
	invoke_head = NULL;
	invoke_tail = &invoke_head;
	invoke_running = false;
}

static pthread_once_t invoke_once = PTHREAD_ONCE_INIT;

static void invoke_init(void)
{
	pthread_atfork(NULL, NULL, invoke_atfork_child);
}

PMP_EXPORT HRESULT STDAPICALLTYPE MFInvokeCallback(IMFAsyncResult *pAsyncResult)
{
	struct invocation *inv;
	struct async_result *r;
	pthread_attr_t attr;
	pthread_t thread;
	HRESULT hr = S_OK;

	if (!pAsyncResult)
		return E_POINTER;
	/* Only libpmp's own results can be queued. */
	if (pAsyncResult->lpVtbl != &result_vtbl)
		return E_INVALIDARG;
	r = impl_from_IMFAsyncResult(pAsyncResult);
	if (!r->callback)
		return E_INVALIDARG;
	inv = malloc(sizeof(*inv));
	if (!inv)
		return E_OUTOFMEMORY;

	pthread_once(&invoke_once, invoke_init);
	pthread_mutex_lock(&invoke_lock);
	if (!invoke_running) {
		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&thread, &attr, invoke_main, NULL))
			hr = E_OUTOFMEMORY;
		else
			invoke_running = true;
		pthread_attr_destroy(&attr);
	}
	if (SUCCEEDED(hr)) {
		IMFAsyncResult_AddRef(pAsyncResult);
		inv->result = r;
		inv->next = NULL;
		*invoke_tail = inv;
		invoke_tail = &inv->next;
		pthread_cond_signal(&invoke_cond);
	}
	pthread_mutex_unlock(&invoke_lock);
	if (FAILED(hr))
		free(inv);
	return hr;
}
