// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * collection.c - IMFCollection and MFCreateCollection
 *
 * An array of IUnknown pointers, each non-NULL one referenced.  Where
 * Microsoft's pages are silent the results follow Windows as Wine's
 * mfplat tests record it: InsertElementAt beyond the end pads with NULL
 * elements, and GetElement of a NULL element is E_UNEXPECTED.
 */

#define COBJMACROS
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "mfapi.h"

#include "../export.h"
#include "mf.h"

/* More elements than any topology has nodes: a caller's mistake. */
#define COLLECTION_MAX 0x100000

struct collection {
	IMFCollection IMFCollection_iface;
	atomic_long refcount;
	pthread_mutex_t lock;
	IUnknown **elements;
	DWORD count;
	DWORD capacity;
};

static struct collection *impl_from_IMFCollection(IMFCollection *iface)
{
	return (struct collection *)iface;
}

/* Room for @n elements; the lock is held. */
static HRESULT collection_reserve_locked(struct collection *c, DWORD n)
{
	IUnknown **elements;
	DWORD cap;

	if (n <= c->capacity)
		return S_OK;
	if (n > COLLECTION_MAX)
		return E_INVALIDARG;
	cap = c->capacity ? c->capacity : 4;
	while (cap < n)
		cap *= 2;
	elements = reallocarray(c->elements, cap, sizeof(*elements));
	if (!elements)
		return E_OUTOFMEMORY;
	c->elements = elements;
	c->capacity = cap;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE collection_QueryInterface(IMFCollection *iface,
							   REFIID riid,
							   void **ppv)
{
	return pmp_query_one(iface, riid, &IID_IMFCollection, ppv);
}

static ULONG STDMETHODCALLTYPE collection_AddRef(IMFCollection *iface)
{
	return atomic_fetch_add(&impl_from_IMFCollection(iface)->refcount, 1) +
	       1;
}

static ULONG STDMETHODCALLTYPE collection_Release(IMFCollection *iface)
{
	struct collection *c = impl_from_IMFCollection(iface);
	long n = atomic_fetch_sub(&c->refcount, 1) - 1;

	if (!n) {
		IMFCollection_RemoveAllElements(iface);
		free(c->elements);
		pthread_mutex_destroy(&c->lock);
		free(c);
	}
	return n;
}

static HRESULT STDMETHODCALLTYPE
collection_GetElementCount(IMFCollection *iface, DWORD *pcElements)
{
	struct collection *c = impl_from_IMFCollection(iface);

	if (!pcElements)
		return E_POINTER;
	pthread_mutex_lock(&c->lock);
	*pcElements = c->count;
	pthread_mutex_unlock(&c->lock);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE collection_GetElement(IMFCollection *iface,
						       DWORD dwElementIndex,
						       IUnknown **ppUnkElement)
{
	struct collection *c = impl_from_IMFCollection(iface);
	HRESULT hr = S_OK;

	if (!ppUnkElement)
		return E_POINTER;
	*ppUnkElement = NULL;
	pthread_mutex_lock(&c->lock);
	if (dwElementIndex >= c->count)
		hr = E_INVALIDARG;
	else if (!c->elements[dwElementIndex])
		hr = E_UNEXPECTED;
	else
		IUnknown_AddRef(c->elements[dwElementIndex]);
	if (SUCCEEDED(hr))
		*ppUnkElement = c->elements[dwElementIndex];
	pthread_mutex_unlock(&c->lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE collection_InsertElementAt(
	IMFCollection *iface, DWORD dwIndex, IUnknown *pUnknown)
{
	struct collection *c = impl_from_IMFCollection(iface);
	HRESULT hr;

	pthread_mutex_lock(&c->lock);
	hr = collection_reserve_locked(
		c, (dwIndex < c->count ? c->count : dwIndex) + 1);
	if (SUCCEEDED(hr)) {
		if (dwIndex < c->count) {
			memmove(&c->elements[dwIndex + 1],
				&c->elements[dwIndex],
				(c->count - dwIndex) * sizeof(*c->elements));
			c->count++;
		} else {
			memset(&c->elements[c->count], 0,
			       (dwIndex - c->count) * sizeof(*c->elements));
			c->count = dwIndex + 1;
		}
		c->elements[dwIndex] = pUnknown;
		if (pUnknown)
			IUnknown_AddRef(pUnknown);
	}
	pthread_mutex_unlock(&c->lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE collection_AddElement(IMFCollection *iface,
						       IUnknown *pUnkElement)
{
	struct collection *c = impl_from_IMFCollection(iface);
	HRESULT hr;

	pthread_mutex_lock(&c->lock);
	hr = collection_InsertElementAt(iface, c->count, pUnkElement);
	pthread_mutex_unlock(&c->lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE collection_RemoveElement(
	IMFCollection *iface, DWORD dwElementIndex, IUnknown **ppUnkElement)
{
	struct collection *c = impl_from_IMFCollection(iface);
	HRESULT hr = S_OK;

	if (!ppUnkElement)
		return E_POINTER;
	*ppUnkElement = NULL;
	pthread_mutex_lock(&c->lock);
	if (dwElementIndex >= c->count) {
		hr = E_INVALIDARG;
	} else {
		/* The collection's reference becomes the caller's. */
		*ppUnkElement = c->elements[dwElementIndex];
		memmove(&c->elements[dwElementIndex],
			&c->elements[dwElementIndex + 1],
			(c->count - dwElementIndex - 1) * sizeof(*c->elements));
		c->count--;
	}
	pthread_mutex_unlock(&c->lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE
collection_RemoveAllElements(IMFCollection *iface)
{
	struct collection *c = impl_from_IMFCollection(iface);
	IUnknown **elements;
	DWORD i, n;

	/* Released outside the lock: an element may hold the collection. */
	pthread_mutex_lock(&c->lock);
	elements = c->elements;
	n = c->count;
	c->elements = NULL;
	c->count = c->capacity = 0;
	pthread_mutex_unlock(&c->lock);
	for (i = 0; i < n; i++)
		if (elements[i])
			IUnknown_Release(elements[i]);
	free(elements);
	return S_OK;
}

static const IMFCollectionVtbl collection_vtbl = {
	collection_QueryInterface,    collection_AddRef,
	collection_Release,	      collection_GetElementCount,
	collection_GetElement,	      collection_AddElement,
	collection_RemoveElement,     collection_InsertElementAt,
	collection_RemoveAllElements,
};

PMP_EXPORT HRESULT STDAPICALLTYPE
MFCreateCollection(IMFCollection **ppIMFCollection)
{
	pthread_mutexattr_t ma;
	struct collection *c;

	if (!ppIMFCollection)
		return E_POINTER;
	*ppIMFCollection = NULL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return E_OUTOFMEMORY;
	c->IMFCollection_iface.lpVtbl = &collection_vtbl;
	atomic_init(&c->refcount, 1);
	/* AddElement calls InsertElementAt with the lock held. */
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&c->lock, &ma);
	pthread_mutexattr_destroy(&ma);
	*ppIMFCollection = &c->IMFCollection_iface;
	return S_OK;
}
