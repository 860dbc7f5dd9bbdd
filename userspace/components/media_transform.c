// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * media_transform.c - IPmpMediaTransform around a class's operations
 *
 * Out of turn: any call before Open is MF_E_INVALIDREQUEST; GetOutputType,
 * ProcessInput, ProcessOutput and Drain before a successful SetInputType
 * are MF_E_TRANSFORM_TYPE_NOT_SET; ProcessInput between Drain and Flush is
 * MF_E_NOTACCEPTING.
 */

#define COBJMACROS
#include <stdlib.h>

#include "mfapi.h"

#include "media_transform.h"
#include "secure_buffer.h"
#include "unknown.h"

static struct media_transform *
impl_from_IPmpMediaTransform(IPmpMediaTransform *iface)
{
	return (struct media_transform *)iface;
}

/* Whether the operations may run; the lock is held. */
static HRESULT ready_locked(struct media_transform *t)
{
	if (!t->opened)
		return MF_E_INVALIDREQUEST;
	return t->output ? S_OK : MF_E_TRANSFORM_TYPE_NOT_SET;
}

static HRESULT STDMETHODCALLTYPE
transform_QueryInterface(IPmpMediaTransform *iface, REFIID riid, void **ppv)
{
	return component_query_interface((IUnknown *)iface,
					 &IID_IPmpMediaTransform, riid, ppv);
}

static ULONG STDMETHODCALLTYPE transform_AddRef(IPmpMediaTransform *iface)
{
	return component_add_ref(&impl_from_IPmpMediaTransform(iface)->refs);
}

static ULONG STDMETHODCALLTYPE transform_Release(IPmpMediaTransform *iface)
{
	struct media_transform *t = impl_from_IPmpMediaTransform(iface);
	ULONG refs = component_release(&t->refs);

	if (refs)
		return refs;
	if (t->output)
		IMFMediaType_Release(t->output);
	pthread_mutex_destroy(&t->lock);
	t->ops->destroy(t);
	/* The buffers it made may still live; the pool goes with the last. */
	secure_buffer_unuse();
	return 0;
}

static HRESULT STDMETHODCALLTYPE transform_Open(IPmpMediaTransform *iface,
						IMFAttributes *pNode)
{
	struct media_transform *t = impl_from_IPmpMediaTransform(iface);
	HRESULT hr = MF_E_INVALIDREQUEST;

	if (!pNode)
		return E_POINTER;
	pthread_mutex_lock(&t->lock);
	if (!t->opened) {
		hr = t->ops->open ? t->ops->open(t, pNode) : S_OK;
		t->opened = SUCCEEDED(hr);
	}
	pthread_mutex_unlock(&t->lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE
transform_SetInputType(IPmpMediaTransform *iface, IMFMediaType *pType)
{
	struct media_transform *t = impl_from_IPmpMediaTransform(iface);
	IMFMediaType *output = NULL;
	HRESULT hr = MF_E_INVALIDREQUEST;

	if (!pType)
		return E_POINTER;
	pthread_mutex_lock(&t->lock);
	if (t->opened)
		hr = t->ops->set_input_type(t, pType, &output);
	if (SUCCEEDED(hr)) {
		if (t->output)
			IMFMediaType_Release(t->output);
		t->output = output;
		t->draining = false;
	}
	pthread_mutex_unlock(&t->lock);
	return hr;
}

/* A copy: what the caller does with it does not change the transform's. */
static HRESULT STDMETHODCALLTYPE
transform_GetOutputType(IPmpMediaTransform *iface, IMFMediaType **ppType)
{
	struct media_transform *t = impl_from_IPmpMediaTransform(iface);
	IMFMediaType *copy = NULL;
	HRESULT hr;

	if (!ppType)
		return E_POINTER;
	*ppType = NULL;
	pthread_mutex_lock(&t->lock);
	hr = ready_locked(t);
	if (SUCCEEDED(hr))
		hr = MFCreateMediaType(&copy);
	if (SUCCEEDED(hr))
		hr = IMFMediaType_CopyAllItems(t->output,
					       (IMFAttributes *)copy);
	pthread_mutex_unlock(&t->lock);
	if (FAILED(hr)) {
		if (copy)
			IMFMediaType_Release(copy);
		return hr;
	}
	*ppType = copy;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE
transform_ProcessInput(IPmpMediaTransform *iface, IMFSample *pSample)
{
	struct media_transform *t = impl_from_IPmpMediaTransform(iface);
	HRESULT hr;

	if (!pSample)
		return E_POINTER;
	pthread_mutex_lock(&t->lock);
	hr = ready_locked(t);
	if (SUCCEEDED(hr))
		hr = t->draining ? MF_E_NOTACCEPTING :
				   t->ops->process_input(t, pSample);
	pthread_mutex_unlock(&t->lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE
transform_ProcessOutput(IPmpMediaTransform *iface, IMFSample **ppSample)
{
	struct media_transform *t = impl_from_IPmpMediaTransform(iface);
	HRESULT hr;

	if (!ppSample)
		return E_POINTER;
	*ppSample = NULL;
	pthread_mutex_lock(&t->lock);
	hr = ready_locked(t);
	if (SUCCEEDED(hr))
		hr = t->ops->process_output(t, ppSample);
	pthread_mutex_unlock(&t->lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE transform_Drain(IPmpMediaTransform *iface)
{
	struct media_transform *t = impl_from_IPmpMediaTransform(iface);
	HRESULT hr;

	pthread_mutex_lock(&t->lock);
	hr = ready_locked(t);
	if (SUCCEEDED(hr) && !t->draining) {
		hr = t->ops->drain ? t->ops->drain(t) : S_OK;
		t->draining = SUCCEEDED(hr);
	}
	pthread_mutex_unlock(&t->lock);
	return hr;
}

/* Before SetInputType nothing is held: nothing to drop. */
static HRESULT STDMETHODCALLTYPE transform_Flush(IPmpMediaTransform *iface)
{
	struct media_transform *t = impl_from_IPmpMediaTransform(iface);
	HRESULT hr = S_OK;

	pthread_mutex_lock(&t->lock);
	if (!t->opened)
		hr = MF_E_INVALIDREQUEST;
	else if (t->output)
		hr = t->ops->flush(t);
	if (SUCCEEDED(hr))
		t->draining = false;
	pthread_mutex_unlock(&t->lock);
	return hr;
}

static const IPmpMediaTransformVtbl transform_vtbl = {
	.QueryInterface = transform_QueryInterface,
	.AddRef = transform_AddRef,
	.Release = transform_Release,
	.Open = transform_Open,
	.SetInputType = transform_SetInputType,
	.GetOutputType = transform_GetOutputType,
	.ProcessInput = transform_ProcessInput,
	.ProcessOutput = transform_ProcessOutput,
	.Drain = transform_Drain,
	.Flush = transform_Flush,
};

HRESULT media_transform_hand_out(struct media_transform *t,
				 const struct media_transform_ops *ops,
				 REFIID riid, void **ppv)
{
	t->IPmpMediaTransform_iface.lpVtbl = &transform_vtbl;
	t->refs = 1;
	t->ops = ops;
	pthread_mutex_init(&t->lock, NULL);
	secure_buffer_use();
	return component_hand_out((IUnknown *)&t->IPmpMediaTransform_iface,
				  riid, ppv);
}
