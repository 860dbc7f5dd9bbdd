// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * descriptor.c - stream descriptors (IMFStreamDescriptor and its
 * IMFMediaTypeHandler) and presentation descriptors
 * (IMFPresentationDescriptor): MFCreateStreamDescriptor and
 * MFCreatePresentationDescriptor
 *
 * Both are attribute stores (struct pmp_attrs) whose recursive lock also
 * guards their own state: a stream's current type, a presentation's
 * selection.  A stream descriptor's media type handler is a second
 * interface of the same object, sharing its references.  A presentation
 * references its stream descriptors; a clone shares them, as on Windows.
 */

#define COBJMACROS
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mfapi.h"
#include "mfidl.h"

#include "../export.h"
#include "mf.h"

/* ---- stream descriptors ---- */

struct stream_desc {
	struct pmp_attrs attrs;
	IMFMediaTypeHandler IMFMediaTypeHandler_iface;
	DWORD id;
	IMFMediaType **types;
	DWORD count;
	IMFMediaType *current;
};

static struct stream_desc *
impl_from_IMFStreamDescriptor(IMFStreamDescriptor *iface)
{
	return (struct stream_desc *)iface;
}

static struct stream_desc *
impl_from_IMFMediaTypeHandler(IMFMediaTypeHandler *iface)
{
	return (struct stream_desc *)((char *)iface -
				      offsetof(struct stream_desc,
					       IMFMediaTypeHandler_iface));
}

static IMFAttributes *sd_attributes(struct stream_desc *sd)
{
	return &sd->attrs.IMFAttributes_iface;
}

static void sd_destroy(struct pmp_attrs *attrs)
{
	struct stream_desc *sd = (struct stream_desc *)attrs;
	DWORD i;

	for (i = 0; i < sd->count; i++)
		IMFMediaType_Release(sd->types[i]);
	free(sd->types);
	if (sd->current)
		IMFMediaType_Release(sd->current);
	pmp_attrs_cleanup(attrs);
	free(sd);
}

static HRESULT STDMETHODCALLTYPE
sd_GetStreamIdentifier(IMFStreamDescriptor *iface, DWORD *pdwStreamIdentifier)
{
	if (!pdwStreamIdentifier)
		return E_POINTER;
	*pdwStreamIdentifier = impl_from_IMFStreamDescriptor(iface)->id;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE sd_GetMediaTypeHandler(
	IMFStreamDescriptor *iface, IMFMediaTypeHandler **ppMediaTypeHandler)
{
	struct stream_desc *sd = impl_from_IMFStreamDescriptor(iface);

	if (!ppMediaTypeHandler)
		return E_POINTER;
	*ppMediaTypeHandler = &sd->IMFMediaTypeHandler_iface;
	IMFMediaTypeHandler_AddRef(*ppMediaTypeHandler);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE
handler_QueryInterface(IMFMediaTypeHandler *iface, REFIID riid, void **ppv)
{
	return pmp_query_one(iface, riid, &IID_IMFMediaTypeHandler, ppv);
}

static ULONG STDMETHODCALLTYPE handler_AddRef(IMFMediaTypeHandler *iface)
{
	return IMFAttributes_AddRef(
		sd_attributes(impl_from_IMFMediaTypeHandler(iface)));
}

static ULONG STDMETHODCALLTYPE handler_Release(IMFMediaTypeHandler *iface)
{
	return IMFAttributes_Release(
		sd_attributes(impl_from_IMFMediaTypeHandler(iface)));
}

/* Major types and subtypes equal (or both subtypes missing). */
static bool type_matches(IMFMediaType *type, IMFMediaType *candidate)
{
	const DWORD wanted = MF_MEDIATYPE_EQUAL_MAJOR_TYPES |
			     MF_MEDIATYPE_EQUAL_FORMAT_TYPES;
	DWORD flags;

	if (FAILED(IMFMediaType_IsEqual(type, candidate, &flags)))
		return false;
	return (flags & wanted) == wanted;
}

/*
 * A type is supported when it matches the current type, or, while there
 * is none, one of the types offered.  The match is exact, so there is no
 * closer type to suggest: *@ppMediaType is NULL.
 */
static HRESULT STDMETHODCALLTYPE handler_IsMediaTypeSupported(
	IMFMediaTypeHandler *iface, IMFMediaType *pMediaType,
	IMFMediaType **ppMediaType)
{
	struct stream_desc *sd = impl_from_IMFMediaTypeHandler(iface);
	bool supported = false;
	DWORD i;

	if (!pMediaType)
		return E_POINTER;
	if (ppMediaType)
		*ppMediaType = NULL;
	pthread_mutex_lock(&sd->attrs.lock);
	if (sd->current)
		supported = type_matches(sd->current, pMediaType);
	for (i = 0; !sd->current && !supported && i < sd->count; i++)
		supported = type_matches(sd->types[i], pMediaType);
	pthread_mutex_unlock(&sd->attrs.lock);
	return supported ? S_OK : MF_E_INVALIDMEDIATYPE;
}

static HRESULT STDMETHODCALLTYPE
handler_GetMediaTypeCount(IMFMediaTypeHandler *iface, DWORD *pdwTypeCount)
{
	if (!pdwTypeCount)
		return E_POINTER;
	*pdwTypeCount = impl_from_IMFMediaTypeHandler(iface)->count;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE handler_GetMediaTypeByIndex(
	IMFMediaTypeHandler *iface, DWORD dwIndex, IMFMediaType **ppType)
{
	struct stream_desc *sd = impl_from_IMFMediaTypeHandler(iface);

	if (!ppType)
		return E_POINTER;
	*ppType = NULL;
	if (dwIndex >= sd->count)
		return MF_E_NO_MORE_TYPES;
	*ppType = sd->types[dwIndex];
	IMFMediaType_AddRef(*ppType);
	return S_OK;
}

/* The type is the caller's choice: it need not be one of those offered. */
static HRESULT STDMETHODCALLTYPE handler_SetCurrentMediaType(
	IMFMediaTypeHandler *iface, IMFMediaType *pMediaType)
{
	struct stream_desc *sd = impl_from_IMFMediaTypeHandler(iface);
	IMFMediaType *old;

	if (!pMediaType)
		return E_POINTER;
	IMFMediaType_AddRef(pMediaType);
	pthread_mutex_lock(&sd->attrs.lock);
	old = sd->current;
	sd->current = pMediaType;
	pthread_mutex_unlock(&sd->attrs.lock);
	if (old)
		IMFMediaType_Release(old);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE handler_GetCurrentMediaType(
	IMFMediaTypeHandler *iface, IMFMediaType **ppMediaType)
{
	struct stream_desc *sd = impl_from_IMFMediaTypeHandler(iface);

	if (!ppMediaType)
		return E_POINTER;
	pthread_mutex_lock(&sd->attrs.lock);
	*ppMediaType = sd->current;
	if (sd->current)
		IMFMediaType_AddRef(sd->current);
	pthread_mutex_unlock(&sd->attrs.lock);
	return *ppMediaType ? S_OK : MF_E_NOT_INITIALIZED;
}

/* The current type's, else the first offered type's. */
static HRESULT STDMETHODCALLTYPE
handler_GetMajorType(IMFMediaTypeHandler *iface, GUID *pguidMajorType)
{
	struct stream_desc *sd = impl_from_IMFMediaTypeHandler(iface);
	HRESULT hr;

	if (!pguidMajorType)
		return E_POINTER;
	pthread_mutex_lock(&sd->attrs.lock);
	hr = IMFMediaType_GetGUID(sd->current ? sd->current : sd->types[0],
				  &MF_MT_MAJOR_TYPE, pguidMajorType);
	pthread_mutex_unlock(&sd->attrs.lock);
	return hr;
}

static const IMFMediaTypeHandlerVtbl handler_vtbl = {
	.QueryInterface = handler_QueryInterface,
	.AddRef = handler_AddRef,
	.Release = handler_Release,
	.IsMediaTypeSupported = handler_IsMediaTypeSupported,
	.GetMediaTypeCount = handler_GetMediaTypeCount,
	.GetMediaTypeByIndex = handler_GetMediaTypeByIndex,
	.SetCurrentMediaType = handler_SetCurrentMediaType,
	.GetCurrentMediaType = handler_GetCurrentMediaType,
	.GetMajorType = handler_GetMajorType,
};

static IMFStreamDescriptorVtbl sd_vtbl;
static pthread_once_t sd_vtbl_once = PTHREAD_ONCE_INIT;

static void sd_vtbl_init(void)
{
	memcpy(&sd_vtbl, &pmp_attrs_vtbl, sizeof(pmp_attrs_vtbl));
	sd_vtbl.GetStreamIdentifier = sd_GetStreamIdentifier;
	sd_vtbl.GetMediaTypeHandler = sd_GetMediaTypeHandler;
}

/* @count interface pointers of @array are all there. */
static bool all_present(void *const *array, DWORD count)
{
	DWORD i;

	if (!array)
		return false;
	for (i = 0; i < count; i++)
		if (!array[i])
			return false;
	return true;
}

PMP_EXPORT HRESULT STDAPICALLTYPE MFCreateStreamDescriptor(
	DWORD dwStreamIdentifier, DWORD cMediaTypes,
	IMFMediaType **apMediaTypes, IMFStreamDescriptor **ppDescriptor)
{
	struct stream_desc *sd;
	DWORD i;

	if (!ppDescriptor)
		return E_POINTER;
	*ppDescriptor = NULL;
	if (!cMediaTypes ||
	    !all_present((void *const *)apMediaTypes, cMediaTypes))
		return E_INVALIDARG;
	pthread_once(&sd_vtbl_once, sd_vtbl_init);
	sd = pmp_attrs_new(sizeof(*sd), &sd_vtbl, &IID_IMFStreamDescriptor,
			   sd_destroy);
	if (!sd)
		return E_OUTOFMEMORY;
	sd->types = calloc(cMediaTypes, sizeof(*sd->types));
	if (!sd->types) {
		sd_destroy(&sd->attrs);
		return E_OUTOFMEMORY;
	}
	sd->IMFMediaTypeHandler_iface.lpVtbl = &handler_vtbl;
	sd->id = dwStreamIdentifier;
	for (i = 0; i < cMediaTypes; i++) {
		sd->types[i] = apMediaTypes[i];
		IMFMediaType_AddRef(sd->types[i]);
	}
	sd->count = cMediaTypes;
	*ppDescriptor = (IMFStreamDescriptor *)sd;
	return S_OK;
}

/* ---- presentation descriptors ---- */

struct pd_stream {
	IMFStreamDescriptor *sd;
	bool selected;
};

struct pres_desc {
	struct pmp_attrs attrs;
	struct pd_stream *streams;
	DWORD count;
};

static struct pres_desc *
impl_from_IMFPresentationDescriptor(IMFPresentationDescriptor *iface)
{
	return (struct pres_desc *)iface;
}

static void pd_destroy(struct pmp_attrs *attrs)
{
	struct pres_desc *pd = (struct pres_desc *)attrs;
	DWORD i;

	for (i = 0; i < pd->count; i++)
		IMFStreamDescriptor_Release(pd->streams[i].sd);
	free(pd->streams);
	pmp_attrs_cleanup(attrs);
	free(pd);
}

static HRESULT STDMETHODCALLTYPE pd_GetStreamDescriptorCount(
	IMFPresentationDescriptor *iface, DWORD *pdwDescriptorCount)
{
	if (!pdwDescriptorCount)
		return E_POINTER;
	*pdwDescriptorCount = impl_from_IMFPresentationDescriptor(iface)->count;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE pd_GetStreamDescriptorByIndex(
	IMFPresentationDescriptor *iface, DWORD dwIndex, BOOL *pfSelected,
	IMFStreamDescriptor **ppDescriptor)
{
	struct pres_desc *pd = impl_from_IMFPresentationDescriptor(iface);

	if (!pfSelected || !ppDescriptor)
		return E_POINTER;
	if (dwIndex >= pd->count)
		return E_INVALIDARG;
	pthread_mutex_lock(&pd->attrs.lock);
	*pfSelected = pd->streams[dwIndex].selected;
	pthread_mutex_unlock(&pd->attrs.lock);
	*ppDescriptor = pd->streams[dwIndex].sd;
	IMFStreamDescriptor_AddRef(*ppDescriptor);
	return S_OK;
}

static HRESULT pd_select(IMFPresentationDescriptor *iface, DWORD index,
			 bool selected)
{
	struct pres_desc *pd = impl_from_IMFPresentationDescriptor(iface);

	if (index >= pd->count)
		return E_INVALIDARG;
	pthread_mutex_lock(&pd->attrs.lock);
	pd->streams[index].selected = selected;
	pthread_mutex_unlock(&pd->attrs.lock);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE
pd_SelectStream(IMFPresentationDescriptor *iface, DWORD dwDescriptorIndex)
{
	return pd_select(iface, dwDescriptorIndex, true);
}

static HRESULT STDMETHODCALLTYPE
pd_DeselectStream(IMFPresentationDescriptor *iface, DWORD dwDescriptorIndex)
{
	return pd_select(iface, dwDescriptorIndex, false);
}

static HRESULT create_pd(IMFStreamDescriptor *const *sds, DWORD count,
			 struct pres_desc **out);

static HRESULT STDMETHODCALLTYPE
pd_Clone(IMFPresentationDescriptor *iface,
	 IMFPresentationDescriptor **ppPresentationDescriptor)
{
	struct pres_desc *pd = impl_from_IMFPresentationDescriptor(iface);
	struct pres_desc *clone;
	IMFStreamDescriptor **sds;
	HRESULT hr;
	DWORD i;

	if (!ppPresentationDescriptor)
		return E_POINTER;
	*ppPresentationDescriptor = NULL;
	sds = calloc(pd->count, sizeof(*sds));
	if (!sds)
		return E_OUTOFMEMORY;
	for (i = 0; i < pd->count; i++)
		sds[i] = pd->streams[i].sd;
	hr = create_pd(sds, pd->count, &clone);
	free(sds);
	if (FAILED(hr))
		return hr;
	/* One snapshot of the selection and the attributes, as one step. */
	pthread_mutex_lock(&pd->attrs.lock);
	for (i = 0; i < pd->count; i++)
		clone->streams[i].selected = pd->streams[i].selected;
	hr = IMFAttributes_CopyAllItems(&pd->attrs.IMFAttributes_iface,
					&clone->attrs.IMFAttributes_iface);
	pthread_mutex_unlock(&pd->attrs.lock);
	if (FAILED(hr)) {
		pd_destroy(&clone->attrs);
		return hr;
	}
	*ppPresentationDescriptor = (IMFPresentationDescriptor *)clone;
	return S_OK;
}

static IMFPresentationDescriptorVtbl pd_vtbl;
static pthread_once_t pd_vtbl_once = PTHREAD_ONCE_INIT;

static void pd_vtbl_init(void)
{
	memcpy(&pd_vtbl, &pmp_attrs_vtbl, sizeof(pmp_attrs_vtbl));
	pd_vtbl.GetStreamDescriptorCount = pd_GetStreamDescriptorCount;
	pd_vtbl.GetStreamDescriptorByIndex = pd_GetStreamDescriptorByIndex;
	pd_vtbl.SelectStream = pd_SelectStream;
	pd_vtbl.DeselectStream = pd_DeselectStream;
	pd_vtbl.Clone = pd_Clone;
}

/* A presentation of @count streams (present, at least one), deselected. */
static HRESULT create_pd(IMFStreamDescriptor *const *sds, DWORD count,
			 struct pres_desc **out)
{
	struct pres_desc *pd;
	DWORD i;

	pthread_once(&pd_vtbl_once, pd_vtbl_init);
	pd = pmp_attrs_new(sizeof(*pd), &pd_vtbl,
			   &IID_IMFPresentationDescriptor, pd_destroy);
	if (!pd)
		return E_OUTOFMEMORY;
	pd->streams = calloc(count, sizeof(*pd->streams));
	if (!pd->streams) {
		pd_destroy(&pd->attrs);
		return E_OUTOFMEMORY;
	}
	for (i = 0; i < count; i++) {
		pd->streams[i].sd = sds[i];
		IMFStreamDescriptor_AddRef(sds[i]);
	}
	pd->count = count;
	*out = pd;
	return S_OK;
}

PMP_EXPORT HRESULT STDAPICALLTYPE MFCreatePresentationDescriptor(
	DWORD cStreamDescriptors, IMFStreamDescriptor **apStreamDescriptors,
	IMFPresentationDescriptor **ppPresentationDescriptor)
{
	struct pres_desc *pd;
	HRESULT hr;

	if (!ppPresentationDescriptor)
		return E_POINTER;
	*ppPresentationDescriptor = NULL;
	if (!cStreamDescriptors ||
	    !all_present((void *const *)apStreamDescriptors,
			 cStreamDescriptors))
		return E_INVALIDARG;
	hr = create_pd(apStreamDescriptors, cStreamDescriptors, &pd);
	if (SUCCEEDED(hr))
		*ppPresentationDescriptor = (IMFPresentationDescriptor *)pd;
	return hr;
}
