// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * testmedia.c - libpmp-testmedia.so: CLSID_PmpTestSource, a source of
 * timed samples with no data (PMP_TEST_MEDIA_TYPE), and CLSID_PmpTestSink,
 * a sink that takes any type and counts samples, so that a Media Session's
 * state machine runs end to end without media
 *
 * Both read their settings from the node attributes Open is given
 * (<pmpsamples.h>: PMP_TEST_SOURCE_SAMPLES, PMP_TEST_SOURCE_DURATION,
 * PMP_TEST_SINK_FAIL_AT, PMP_TEST_SINK_FAIL_STATUS).  A session calls
 * each object from one thread at a time, but Open may come from another
 * thread than the rest: the state is guarded all the same.
 */

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#define COBJMACROS
#include "mfapi.h"
#include "mfobjects.h"
#include "pmpmedia.h"
#include "pmpsamples.h"

#include "factory.h"
#include "unknown.h"

#define SOURCE_SAMPLES_DEFAULT 10
#define SOURCE_DURATION_DEFAULT 100000 /* 10 ms */

/* What every test object is: a reference count, a lock, opened or not. */
struct test_object {
	unsigned int refs;
	pthread_mutex_t lock;
	bool opened;
};

struct test_source {
	IPmpMediaSource IPmpMediaSource_iface;
	struct test_object obj;
	UINT32 samples;
	UINT64 duration;
	UINT32 next;
};

struct test_sink {
	IPmpMediaSink IPmpMediaSink_iface;
	struct test_object obj;
	UINT32 fail_at;
	HRESULT fail_status;
	bool fails;
	UINT32 count;
};

/* A UINT32 node attribute, or @def when the node has none. */
static UINT32 node_u32(IMFAttributes *node, REFGUID key, UINT32 def)
{
	UINT32 v;

	return SUCCEEDED(IMFAttributes_GetUINT32(node, key, &v)) ? v : def;
}

/*
 * Takes the lock for Open; E_POINTER (@node NULL) or MF_E_INVALIDREQUEST
 * (opened already) without it.
 */
static HRESULT open_begin(struct test_object *obj, IMFAttributes *node)
{
	if (!node)
		return E_POINTER;
	pthread_mutex_lock(&obj->lock);
	if (!obj->opened)
		return S_OK;
	pthread_mutex_unlock(&obj->lock);
	return MF_E_INVALIDREQUEST;
}

static void open_end(struct test_object *obj)
{
	obj->opened = true;
	pthread_mutex_unlock(&obj->lock);
}

/* Drops a reference; true when it was the last (the caller frees). */
static bool object_release(struct test_object *obj, ULONG *refs)
{
	*refs = component_release(&obj->refs);
	if (*refs)
		return false;
	pthread_mutex_destroy(&obj->lock);
	return true;
}

static void object_init(struct test_object *obj)
{
	obj->refs = 1;
	pthread_mutex_init(&obj->lock, NULL);
}

/* ---- the source ---- */

static struct test_source *impl_from_IPmpMediaSource(IPmpMediaSource *iface)
{
	return (struct test_source *)iface;
}

static HRESULT STDMETHODCALLTYPE source_QueryInterface(IPmpMediaSource *iface,
						       REFIID riid, void **ppv)
{
	return component_query_interface((IUnknown *)iface,
					 &IID_IPmpMediaSource, riid, ppv);
}

static ULONG STDMETHODCALLTYPE source_AddRef(IPmpMediaSource *iface)
{
	return component_add_ref(&impl_from_IPmpMediaSource(iface)->obj.refs);
}

static ULONG STDMETHODCALLTYPE source_Release(IPmpMediaSource *iface)
{
	struct test_source *source = impl_from_IPmpMediaSource(iface);
	ULONG refs;

	if (object_release(&source->obj, &refs))
		free(source);
	return refs;
}

static HRESULT STDMETHODCALLTYPE source_Open(IPmpMediaSource *iface,
					     IMFAttributes *pNode)
{
	struct test_source *source = impl_from_IPmpMediaSource(iface);
	HRESULT hr = open_begin(&source->obj, pNode);

	if (FAILED(hr))
		return hr;
	source->samples = node_u32(pNode, &PMP_TEST_SOURCE_SAMPLES,
				   SOURCE_SAMPLES_DEFAULT);
	if (FAILED(IMFAttributes_GetUINT64(pNode, &PMP_TEST_SOURCE_DURATION,
					   &source->duration)))
		source->duration = SOURCE_DURATION_DEFAULT;
	open_end(&source->obj);
	return S_OK;
}

/* The first sample that ends after @llPosition comes next. */
static HRESULT STDMETHODCALLTYPE source_Seek(IPmpMediaSource *iface,
					     LONGLONG llPosition)
{
	struct test_source *source = impl_from_IPmpMediaSource(iface);
	HRESULT hr = S_OK;
	UINT64 next;

	pthread_mutex_lock(&source->obj.lock);
	if (!source->obj.opened) {
		hr = MF_E_INVALIDREQUEST;
	} else if (llPosition < 0 || !source->duration) {
		source->next = 0;
	} else {
		next = (UINT64)llPosition / source->duration;
		source->next = next < source->samples ? next : source->samples;
	}
	pthread_mutex_unlock(&source->obj.lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE source_GetMediaType(IPmpMediaSource *iface,
						     IMFMediaType **ppType)
{
	struct test_source *source = impl_from_IPmpMediaSource(iface);
	IMFMediaType *type;
	HRESULT hr;

	if (!ppType)
		return E_POINTER;
	*ppType = NULL;
	pthread_mutex_lock(&source->obj.lock);
	hr = source->obj.opened ? S_OK : MF_E_INVALIDREQUEST;
	pthread_mutex_unlock(&source->obj.lock);
	if (SUCCEEDED(hr))
		hr = MFCreateMediaType(&type);
	if (FAILED(hr))
		return hr;
	hr = IMFMediaType_SetGUID(type, &MF_MT_MAJOR_TYPE, &PMP_TEST_MEDIA_TYPE);
	if (FAILED(hr)) {
		IMFMediaType_Release(type);
		return hr;
	}
	*ppType = type;
	return S_OK;
}

/* A sample with no buffer, timed. */
static HRESULT new_sample(LONGLONG time, LONGLONG duration, IMFSample **out)
{
	IMFSample *sample;
	HRESULT hr = MFCreateSample(&sample);

	if (FAILED(hr))
		return hr;
	hr = IMFSample_SetSampleTime(sample, time);
	if (SUCCEEDED(hr))
		hr = IMFSample_SetSampleDuration(sample, duration);
	if (FAILED(hr)) {
		IMFSample_Release(sample);
		return hr;
	}
	*out = sample;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE source_ReadSample(IPmpMediaSource *iface,
						   IMFSample **ppSample)
{
	struct test_source *source = impl_from_IPmpMediaSource(iface);
	LONGLONG time = 0, duration = 0;
	HRESULT hr = S_OK;

	if (!ppSample)
		return E_POINTER;
	*ppSample = NULL;
	pthread_mutex_lock(&source->obj.lock);
	if (!source->obj.opened) {
		hr = MF_E_INVALIDREQUEST;
	} else if (source->next >= source->samples) {
		hr = S_FALSE;
	} else {
		time = (LONGLONG)(source->next * source->duration);
		duration = (LONGLONG)source->duration;
		source->next++;
	}
	pthread_mutex_unlock(&source->obj.lock);
	return hr == S_OK ? new_sample(time, duration, ppSample) : hr;
}

static const IPmpMediaSourceVtbl source_vtbl = {
	.QueryInterface = source_QueryInterface,
	.AddRef = source_AddRef,
	.Release = source_Release,
	.Open = source_Open,
	.GetMediaType = source_GetMediaType,
	.Seek = source_Seek,
	.ReadSample = source_ReadSample,
};

static HRESULT source_create(REFIID riid, void **ppv)
{
	struct test_source *source = calloc(1, sizeof(*source));

	if (!source)
		return E_OUTOFMEMORY;
	source->IPmpMediaSource_iface.lpVtbl = &source_vtbl;
	object_init(&source->obj);
	return component_hand_out((IUnknown *)&source->IPmpMediaSource_iface,
				  riid, ppv);
}

/* ---- the sink ---- */

static struct test_sink *impl_from_IPmpMediaSink(IPmpMediaSink *iface)
{
	return (struct test_sink *)iface;
}

static HRESULT STDMETHODCALLTYPE sink_QueryInterface(IPmpMediaSink *iface,
						     REFIID riid, void **ppv)
{
	return component_query_interface((IUnknown *)iface,
					 &IID_IPmpMediaSink, riid, ppv);
}

static ULONG STDMETHODCALLTYPE sink_AddRef(IPmpMediaSink *iface)
{
	return component_add_ref(&impl_from_IPmpMediaSink(iface)->obj.refs);
}

static ULONG STDMETHODCALLTYPE sink_Release(IPmpMediaSink *iface)
{
	struct test_sink *sink = impl_from_IPmpMediaSink(iface);
	ULONG refs;

	if (object_release(&sink->obj, &refs))
		free(sink);
	return refs;
}

static HRESULT STDMETHODCALLTYPE sink_Open(IPmpMediaSink *iface,
					   IMFAttributes *pNode)
{
	struct test_sink *sink = impl_from_IPmpMediaSink(iface);
	HRESULT hr = open_begin(&sink->obj, pNode);

	if (FAILED(hr))
		return hr;
	sink->fails = SUCCEEDED(IMFAttributes_GetUINT32(
		pNode, &PMP_TEST_SINK_FAIL_AT, &sink->fail_at));
	sink->fail_status = (HRESULT)node_u32(
		pNode, &PMP_TEST_SINK_FAIL_STATUS, (UINT32)E_FAIL);
	open_end(&sink->obj);
	return S_OK;
}

/* Any type: the sink only counts. */
static HRESULT STDMETHODCALLTYPE sink_SetInputType(IPmpMediaSink *iface,
						   IMFMediaType *pType)
{
	struct test_sink *sink = impl_from_IPmpMediaSink(iface);
	HRESULT hr;

	if (!pType)
		return E_POINTER;
	pthread_mutex_lock(&sink->obj.lock);
	hr = sink->obj.opened ? S_OK : MF_E_INVALIDREQUEST;
	pthread_mutex_unlock(&sink->obj.lock);
	return hr;
}

/* Sample number fail_at (from 0, since Open) fails; the others count. */
static HRESULT STDMETHODCALLTYPE sink_ProcessSample(IPmpMediaSink *iface,
						    IMFSample *pSample)
{
	struct test_sink *sink = impl_from_IPmpMediaSink(iface);
	HRESULT hr = S_OK;

	if (!pSample)
		return E_POINTER;
	pthread_mutex_lock(&sink->obj.lock);
	if (!sink->obj.opened) {
		hr = MF_E_INVALIDREQUEST;
	} else {
		if (sink->fails && sink->count == sink->fail_at)
			hr = sink->fail_status;
		sink->count++;
	}
	pthread_mutex_unlock(&sink->obj.lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE sink_EndOfStream(IPmpMediaSink *iface)
{
	struct test_sink *sink = impl_from_IPmpMediaSink(iface);
	HRESULT hr;

	pthread_mutex_lock(&sink->obj.lock);
	hr = sink->obj.opened ? S_OK : MF_E_INVALIDREQUEST;
	pthread_mutex_unlock(&sink->obj.lock);
	return hr;
}

/* The test sink hands nothing out. */
static HRESULT STDMETHODCALLTYPE sink_ReadOutput(IPmpMediaSink *iface,
						 DWORD dwWaitMs,
						 IMFSample **ppSample)
{
	(void)iface;
	(void)dwWaitMs;
	if (!ppSample)
		return E_POINTER;
	*ppSample = NULL;
	return MF_E_UNSUPPORTED_SERVICE;
}

/* Nothing held, nothing waits. */
static HRESULT STDMETHODCALLTYPE sink_Flush(IPmpMediaSink *iface)
{
	(void)iface;
	return S_OK;
}

static const IPmpMediaSinkVtbl sink_vtbl = {
	.QueryInterface = sink_QueryInterface,
	.AddRef = sink_AddRef,
	.Release = sink_Release,
	.Open = sink_Open,
	.SetInputType = sink_SetInputType,
	.ProcessSample = sink_ProcessSample,
	.EndOfStream = sink_EndOfStream,
	.ReadOutput = sink_ReadOutput,
	.Flush = sink_Flush,
};

static HRESULT sink_create(REFIID riid, void **ppv)
{
	struct test_sink *sink = calloc(1, sizeof(*sink));

	if (!sink)
		return E_OUTOFMEMORY;
	sink->IPmpMediaSink_iface.lpVtbl = &sink_vtbl;
	object_init(&sink->obj);
	return component_hand_out((IUnknown *)&sink->IPmpMediaSink_iface,
				  riid, ppv);
}

const struct component_class component_classes[] = {
	{ &CLSID_PmpTestSource, source_create },
	{ &CLSID_PmpTestSink, sink_create },
	{ NULL, NULL },
};
