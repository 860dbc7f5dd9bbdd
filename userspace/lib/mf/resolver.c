// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * resolver.c - MFCreateSourceResolver and IMFSourceResolver: media sources
 * from file URLs and paths (source.c)
 *
 * BeginCreateObjectFromURL opens the file on a thread of its own, then
 * hands an IMFAsyncResult to the callback thread (async.c, MFInvokeCallback)
 * whose object is the creation itself, the cancel cookie: EndCreateObject
 * FromURL takes the source from it.  Opening cannot be interrupted;
 * CancelObjectCreation before it ends makes the source be shut down and
 * the result MF_E_OPERATION_CANCELLED, and the callback is invoked all the
 * same, as Microsoft allows.  libpmp has no IMFByteStream: the byte-stream
 * methods and MF_RESOLUTION_BYTESTREAM are E_NOTIMPL.
 */

#define COBJMACROS
#include <endian.h>
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "mfapi.h"
#include "mferror.h"

#include "../export.h"
#include "mf.h"
#include "source.h"

struct resolver {
	IMFSourceResolver IMFSourceResolver_iface;
	atomic_long refcount;
};

/*
 * struct creation - one BeginCreateObjectFromURL
 * @lock: guards @cancelled and @source
 * @location: the URL, UTF-8
 * @source: what it made, once made and unless cancelled
 */
struct creation {
	IUnknown IUnknown_iface;
	atomic_long refcount;
	pthread_mutex_t lock;
	char *location;
	IMFAsyncCallback *callback;
	IUnknown *state;
	bool cancelled;
	IMFMediaSource *source;
};

static struct resolver *impl_from_IMFSourceResolver(IMFSourceResolver *iface)
{
	return (struct resolver *)iface;
}

static struct creation *impl_from_IUnknown(IUnknown *iface)
{
	return (struct creation *)iface;
}

/* ---- URLs ---- */

/* @url, 16-bit, as a malloc()ed UTF-8 string; a lone surrogate refused. */
static HRESULT url_to_utf8(LPCWSTR url, char **out)
{
	size_t in_left = pmp_wcslen(url) * sizeof(WCHAR), out_left;
	char *in = (char *)url, *buf, *p;
	iconv_t cd;
	size_t ret;

	*out = NULL;
	/* Every UTF-16 unit becomes at most 3 bytes of UTF-8. */
	out_left = in_left / sizeof(WCHAR) * 3 + 1;
	buf = malloc(out_left);
	if (!buf)
		return E_OUTOFMEMORY;
	cd = iconv_open("UTF-8", __BYTE_ORDER == __LITTLE_ENDIAN ? "UTF-16LE"
								 : "UTF-16BE");
	if (cd == (iconv_t)-1) {
		free(buf);
		return E_OUTOFMEMORY;
	}
	p = buf;
	ret = iconv(cd, &in, &in_left, &p, &out_left);
	iconv_close(cd);
	if (ret == (size_t)-1) {
		free(buf);
		return E_INVALIDARG;
	}
	*p = '\0';
	*out = buf;
	return S_OK;
}

/*
 * What CreateObjectFromURL and BeginCreateObjectFromURL check before any
 * work: exactly one of MF_RESOLUTION_MEDIASOURCE and _BYTESTREAM, and
 * byte streams are not there.
 */
static HRESULT check_request(LPCWSTR url, DWORD flags)
{
	DWORD kind = flags & (MF_RESOLUTION_MEDIASOURCE |
			      MF_RESOLUTION_BYTESTREAM);

	if (!url)
		return E_POINTER;
	if (kind != MF_RESOLUTION_MEDIASOURCE &&
	    kind != MF_RESOLUTION_BYTESTREAM)
		return E_INVALIDARG;
	if (kind == MF_RESOLUTION_BYTESTREAM)
		return E_NOTIMPL;
	if (!pmp_mf_started())
		return MF_E_PLATFORM_NOT_INITIALIZED;
	return S_OK;
}

static HRESULT create_source(LPCWSTR url, IMFMediaSource **out)
{
	char *location;
	HRESULT hr;

	hr = url_to_utf8(url, &location);
	if (FAILED(hr))
		return hr;
	hr = pmp_media_source_create(location, out);
	free(location);
	return hr;
}

/* ---- a creation, the cancel cookie ---- */

static HRESULT STDMETHODCALLTYPE creation_QueryInterface(IUnknown *iface,
							 REFIID riid,
							 void **ppv)
{
	return pmp_query_one(iface, riid, &IID_IUnknown, ppv);
}

static ULONG STDMETHODCALLTYPE creation_AddRef(IUnknown *iface)
{
	return atomic_fetch_add(&impl_from_IUnknown(iface)->refcount, 1) + 1;
}

static ULONG STDMETHODCALLTYPE creation_Release(IUnknown *iface)
{
	struct creation *c = impl_from_IUnknown(iface);
	long n = atomic_fetch_sub(&c->refcount, 1) - 1;

	if (!n) {
		/* A source no End took: nobody else will shut it down. */
		if (c->source) {
			IMFMediaSource_Shutdown(c->source);
			IMFMediaSource_Release(c->source);
		}
		IMFAsyncCallback_Release(c->callback);
		if (c->state)
			IUnknown_Release(c->state);
		pthread_mutex_destroy(&c->lock);
		free(c->location);
		free(c);
	}
	return n;
}

static const IUnknownVtbl creation_vtbl = {
	creation_QueryInterface,
	creation_AddRef,
	creation_Release,
};

static struct creation *creation_from_unknown(IUnknown *unk)
{
	return unk && unk->lpVtbl == &creation_vtbl ? impl_from_IUnknown(unk)
						    : NULL;
}

/* Opens the file, then invokes the callback with the outcome. */
static void *creation_main(void *arg)
{
	struct creation *c = arg;
	IMFMediaSource *source = NULL;
	IMFAsyncResult *result;
	HRESULT hr;

	hr = pmp_media_source_create(c->location, &source);
	pthread_mutex_lock(&c->lock);
	if (c->cancelled && SUCCEEDED(hr)) {
		IMFMediaSource_Shutdown(source);
		IMFMediaSource_Release(source);
		source = NULL;
	}
	if (c->cancelled)
		hr = MF_E_OPERATION_CANCELLED;
	c->source = source;
	pthread_mutex_unlock(&c->lock);

	if (SUCCEEDED(MFCreateAsyncResult(&c->IUnknown_iface, c->callback,
					  c->state, &result))) {
		IMFAsyncResult_SetStatus(result, hr);
		MFInvokeCallback(result);
		IMFAsyncResult_Release(result);
	}
	IUnknown_Release(&c->IUnknown_iface);
	return NULL;
}

static HRESULT creation_start(LPCWSTR url, IMFAsyncCallback *callback,
			      IUnknown *state, struct creation **out)
{
	struct creation *c = calloc(1, sizeof(*c));
	pthread_attr_t attr;
	pthread_t thread;
	HRESULT hr;

	if (!c)
		return E_OUTOFMEMORY;
	hr = url_to_utf8(url, &c->location);
	if (FAILED(hr)) {
		free(c);
		return hr;
	}
	c->IUnknown_iface.lpVtbl = &creation_vtbl;
	atomic_init(&c->refcount, 2); /* the caller's and the thread's */
	pthread_mutex_init(&c->lock, NULL);
	c->callback = callback;
	IMFAsyncCallback_AddRef(callback);
	c->state = state;
	if (state)
		IUnknown_AddRef(state);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&thread, &attr, creation_main, c)) {
		atomic_store(&c->refcount, 1);
		IUnknown_Release(&c->IUnknown_iface);
		c = NULL;
	}
	pthread_attr_destroy(&attr);
	if (!c)
		return E_OUTOFMEMORY;
	*out = c;
	return S_OK;
}

/* ---- IMFSourceResolver ---- */

static HRESULT STDMETHODCALLTYPE
resolver_QueryInterface(IMFSourceResolver *iface, REFIID riid, void **ppv)
{
	return pmp_query_one(iface, riid, &IID_IMFSourceResolver, ppv);
}

static ULONG STDMETHODCALLTYPE resolver_AddRef(IMFSourceResolver *iface)
{
	return atomic_fetch_add(&impl_from_IMFSourceResolver(iface)->refcount,
				1) + 1;
}

static ULONG STDMETHODCALLTYPE resolver_Release(IMFSourceResolver *iface)
{
	struct resolver *r = impl_from_IMFSourceResolver(iface);
	long n = atomic_fetch_sub(&r->refcount, 1) - 1;

	if (!n)
		free(r);
	return n;
}

/* Clears the outputs of a resolution, for its failures. */
static HRESULT resolution_outputs(MF_OBJECT_TYPE *type, IUnknown **object)
{
	if (!type || !object)
		return E_POINTER;
	*type = MF_OBJECT_INVALID;
	*object = NULL;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE resolver_CreateObjectFromURL(
	IMFSourceResolver *iface, LPCWSTR pwszURL, DWORD dwFlags,
	IPropertyStore *pProps, MF_OBJECT_TYPE *pObjectType,
	IUnknown **ppObject)
{
	IMFMediaSource *source;
	HRESULT hr;

	(void)iface;
	(void)pProps;
	hr = resolution_outputs(pObjectType, ppObject);
	if (SUCCEEDED(hr))
		hr = check_request(pwszURL, dwFlags);
	if (SUCCEEDED(hr))
		hr = create_source(pwszURL, &source);
	if (FAILED(hr))
		return hr;
	*pObjectType = MF_OBJECT_MEDIASOURCE;
	*ppObject = (IUnknown *)source;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE resolver_CreateObjectFromByteStream(
	IMFSourceResolver *iface, IMFByteStream *pByteStream, LPCWSTR pwszURL,
	DWORD dwFlags, IPropertyStore *pProps, MF_OBJECT_TYPE *pObjectType,
	IUnknown **ppObject)
{
	HRESULT hr = resolution_outputs(pObjectType, ppObject);

	(void)iface;
	(void)pwszURL;
	(void)dwFlags;
	(void)pProps;
	if (FAILED(hr))
		return hr;
	return pByteStream ? E_NOTIMPL : E_POINTER;
}

static HRESULT STDMETHODCALLTYPE resolver_BeginCreateObjectFromURL(
	IMFSourceResolver *iface, LPCWSTR pwszURL, DWORD dwFlags,
	IPropertyStore *pProps, IUnknown **ppIUnknownCancelCookie,
	IMFAsyncCallback *pCallback, IUnknown *punkState)
{
	struct creation *c;
	HRESULT hr;

	(void)iface;
	(void)pProps;
	if (ppIUnknownCancelCookie)
		*ppIUnknownCancelCookie = NULL;
	if (!pCallback)
		return E_POINTER;
	hr = check_request(pwszURL, dwFlags);
	if (SUCCEEDED(hr))
		hr = creation_start(pwszURL, pCallback, punkState, &c);
	if (FAILED(hr))
		return hr;
	if (ppIUnknownCancelCookie)
		*ppIUnknownCancelCookie = &c->IUnknown_iface;
	else
		IUnknown_Release(&c->IUnknown_iface);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE resolver_EndCreateObjectFromURL(
	IMFSourceResolver *iface, IMFAsyncResult *pResult,
	MF_OBJECT_TYPE *pObjectType, IUnknown **ppObject)
{
	struct creation *c;
	IUnknown *unk = NULL;
	HRESULT hr;

	(void)iface;
	hr = resolution_outputs(pObjectType, ppObject);
	if (FAILED(hr))
		return hr;
	if (!pResult)
		return E_POINTER;
	IMFAsyncResult_GetObject(pResult, &unk);
	c = creation_from_unknown(unk);
	if (!c) {
		hr = E_INVALIDARG;
		goto out;
	}
	hr = IMFAsyncResult_GetStatus(pResult);
	if (FAILED(hr))
		goto out;
	/* The source goes to the first End; a second one has nothing. */
	pthread_mutex_lock(&c->lock);
	*ppObject = (IUnknown *)c->source;
	c->source = NULL;
	pthread_mutex_unlock(&c->lock);
	if (*ppObject)
		*pObjectType = MF_OBJECT_MEDIASOURCE;
	else
		hr = MF_E_INVALIDREQUEST;
out:
	if (unk)
		IUnknown_Release(unk);
	return hr;
}

static HRESULT STDMETHODCALLTYPE resolver_BeginCreateObjectFromByteStream(
	IMFSourceResolver *iface, IMFByteStream *pByteStream, LPCWSTR pwszURL,
	DWORD dwFlags, IPropertyStore *pProps,
	IUnknown **ppIUnknownCancelCookie, IMFAsyncCallback *pCallback,
	IUnknown *punkState)
{
	(void)iface;
	(void)pwszURL;
	(void)dwFlags;
	(void)pProps;
	(void)punkState;
	if (ppIUnknownCancelCookie)
		*ppIUnknownCancelCookie = NULL;
	return pByteStream && pCallback ? E_NOTIMPL : E_POINTER;
}

static HRESULT STDMETHODCALLTYPE resolver_EndCreateObjectFromByteStream(
	IMFSourceResolver *iface, IMFAsyncResult *pResult,
	MF_OBJECT_TYPE *pObjectType, IUnknown **ppObject)
{
	HRESULT hr = resolution_outputs(pObjectType, ppObject);

	(void)iface;
	if (FAILED(hr))
		return hr;
	return pResult ? E_NOTIMPL : E_POINTER;
}

static HRESULT STDMETHODCALLTYPE
resolver_CancelObjectCreation(IMFSourceResolver *iface,
			      IUnknown *pIUnknownCancelCookie)
{
	struct creation *c = creation_from_unknown(pIUnknownCancelCookie);

	(void)iface;
	if (!pIUnknownCancelCookie)
		return E_POINTER;
	if (!c)
		return E_INVALIDARG;
	pthread_mutex_lock(&c->lock);
	c->cancelled = true;
	pthread_mutex_unlock(&c->lock);
	return S_OK;
}

static const IMFSourceResolverVtbl resolver_vtbl = {
	.QueryInterface = resolver_QueryInterface,
	.AddRef = resolver_AddRef,
	.Release = resolver_Release,
	.CreateObjectFromURL = resolver_CreateObjectFromURL,
	.CreateObjectFromByteStream = resolver_CreateObjectFromByteStream,
	.BeginCreateObjectFromURL = resolver_BeginCreateObjectFromURL,
	.EndCreateObjectFromURL = resolver_EndCreateObjectFromURL,
	.BeginCreateObjectFromByteStream =
		resolver_BeginCreateObjectFromByteStream,
	.EndCreateObjectFromByteStream = resolver_EndCreateObjectFromByteStream,
	.CancelObjectCreation = resolver_CancelObjectCreation,
};

PMP_EXPORT HRESULT STDAPICALLTYPE
MFCreateSourceResolver(IMFSourceResolver **ppISourceResolver)
{
	struct resolver *r;

	if (!ppISourceResolver)
		return E_POINTER;
	*ppISourceResolver = NULL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return E_OUTOFMEMORY;
	r->IMFSourceResolver_iface.lpVtbl = &resolver_vtbl;
	atomic_init(&r->refcount, 1);
	*ppISourceResolver = &r->IMFSourceResolver_iface;
	return S_OK;
}
