// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * counter.c - libpmp-counter.so: CLSID_PmpTestCounter, a counter with a
 * label (IPmpTestCounter), for tests and demonstrations
 *
 * Thread-safe: a host serves calls from several threads.
 */

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define COBJMACROS
#include "pmpsamples.h"

#include "factory.h"
#include "unknown.h"

struct counter {
	IPmpTestCounter IPmpTestCounter_iface;
	unsigned int refs;
	pthread_mutex_t lock;
	LONG value;
	char label[PMP_TEST_COUNTER_LABEL_MAX + 1];
};

static struct counter *impl_from_IPmpTestCounter(IPmpTestCounter *iface)
{
	return (struct counter *)iface;
}

static HRESULT counter_create(LONG value, const char *label,
			      IPmpTestCounter **out);

static HRESULT STDMETHODCALLTYPE counter_QueryInterface(IPmpTestCounter *iface,
							REFIID riid, void **ppv)
{
	return component_query_interface((IUnknown *)iface,
					 &IID_IPmpTestCounter, riid, ppv);
}

static ULONG STDMETHODCALLTYPE counter_AddRef(IPmpTestCounter *iface)
{
	return component_add_ref(&impl_from_IPmpTestCounter(iface)->refs);
}

static ULONG STDMETHODCALLTYPE counter_Release(IPmpTestCounter *iface)
{
	struct counter *counter = impl_from_IPmpTestCounter(iface);
	ULONG refs = component_release(&counter->refs);

	if (!refs) {
		pthread_mutex_destroy(&counter->lock);
		free(counter);
	}
	return refs;
}

static HRESULT STDMETHODCALLTYPE counter_Add(IPmpTestCounter *iface, LONG delta,
					     LONG *result)
{
	struct counter *counter = impl_from_IPmpTestCounter(iface);

	if (!result)
		return E_POINTER;
	pthread_mutex_lock(&counter->lock);
	/* Wraps, as two's complement does. */
	counter->value = (LONG)((ULONG)counter->value + (ULONG)delta);
	*result = counter->value;
	pthread_mutex_unlock(&counter->lock);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE counter_Get(IPmpTestCounter *iface,
					     LONG *value)
{
	struct counter *counter = impl_from_IPmpTestCounter(iface);

	if (!value)
		return E_POINTER;
	pthread_mutex_lock(&counter->lock);
	*value = counter->value;
	pthread_mutex_unlock(&counter->lock);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE counter_SetLabel(IPmpTestCounter *iface,
						  LPCSTR label)
{
	struct counter *counter = impl_from_IPmpTestCounter(iface);
	size_t len;

	if (!label)
		return E_POINTER;
	len = strnlen(label, PMP_TEST_COUNTER_LABEL_MAX + 1);
	if (len > PMP_TEST_COUNTER_LABEL_MAX)
		return E_INVALIDARG;
	pthread_mutex_lock(&counter->lock);
	memcpy(counter->label, label, len + 1);
	pthread_mutex_unlock(&counter->lock);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE counter_GetLabel(IPmpTestCounter *iface,
						  LPSTR buffer, DWORD size)
{
	struct counter *counter = impl_from_IPmpTestCounter(iface);
	HRESULT hr = S_OK;
	size_t len;

	if (!buffer)
		return E_POINTER;
	pthread_mutex_lock(&counter->lock);
	len = strlen(counter->label);
	if (len < size)
		memcpy(buffer, counter->label, len + 1);
	else
		hr = MF_E_INSUFFICIENT_BUFFER;
	pthread_mutex_unlock(&counter->lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE counter_Fail(IPmpTestCounter *iface,
					      HRESULT hr)
{
	(void)iface;
	return hr;
}

static HRESULT STDMETHODCALLTYPE counter_GetProcessId(IPmpTestCounter *iface,
						      DWORD *pid)
{
	(void)iface;
	if (!pid)
		return E_POINTER;
	*pid = (DWORD)getpid();
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE counter_Clone(IPmpTestCounter *iface,
					       IPmpTestCounter **copy)
{
	struct counter *counter = impl_from_IPmpTestCounter(iface);
	char label[sizeof(counter->label)];
	LONG value;

	if (!copy)
		return E_POINTER;
	pthread_mutex_lock(&counter->lock);
	value = counter->value;
	memcpy(label, counter->label, sizeof(label));
	pthread_mutex_unlock(&counter->lock);
	return counter_create(value, label, copy);
}

static HRESULT STDMETHODCALLTYPE counter_AddCounter(IPmpTestCounter *iface,
						    IPmpTestCounter *other,
						    LONG *result)
{
	LONG value;
	HRESULT hr;

	if (!other || !result)
		return E_POINTER;
	/* Read, then added, under no lock: @other may be this counter. */
	hr = IPmpTestCounter_Get(other, &value);
	if (FAILED(hr))
		return hr;
	return counter_Add(iface, value, result);
}

static const IPmpTestCounterVtbl counter_vtbl = {
	.QueryInterface = counter_QueryInterface,
	.AddRef = counter_AddRef,
	.Release = counter_Release,
	.Add = counter_Add,
	.Get = counter_Get,
	.SetLabel = counter_SetLabel,
	.GetLabel = counter_GetLabel,
	.Fail = counter_Fail,
	.GetProcessId = counter_GetProcessId,
	.Clone = counter_Clone,
	.AddCounter = counter_AddCounter,
};

static HRESULT counter_create(LONG value, const char *label,
			      IPmpTestCounter **out)
{
	struct counter *counter = calloc(1, sizeof(*counter));

	*out = NULL;
	if (!counter)
		return E_OUTOFMEMORY;
	counter->IPmpTestCounter_iface.lpVtbl = &counter_vtbl;
	counter->refs = 1;
	pthread_mutex_init(&counter->lock, NULL);
	counter->value = value;
	strcpy(counter->label, label);
	*out = &counter->IPmpTestCounter_iface;
	return S_OK;
}

static HRESULT counter_class_create(REFIID riid, void **ppv)
{
	IPmpTestCounter *counter;
	HRESULT hr;

	hr = counter_create(0, "", &counter);
	if (FAILED(hr))
		return hr;
	return component_hand_out((IUnknown *)counter, riid, ppv);
}

const struct component_class component_classes[] = {
	{ &CLSID_PmpTestCounter, counter_class_create },
	{ NULL, NULL },
};
