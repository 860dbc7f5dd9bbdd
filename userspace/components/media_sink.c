// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * media_sink.c - IPmpMediaSink around a class's record operation
 *
 * SetInputType takes uncompressed video only: MFMediaType_Video with a
 * subtype, not MFVideoFormat_H264, not MF_MT_COMPRESSED, and whose
 * IsCompressedFormat says FALSE (MF_MT_ALL_SAMPLES_INDEPENDENT set, as a
 * decoder's output type has it).  A compressed type is what makes the
 * session insert a decoder, so anything that might be one is refused.
 *
 * Out of turn: every call before Open is MF_E_INVALIDREQUEST, and
 * ProcessSample before SetInputType too.  Timed waits run on
 * CLOCK_MONOTONIC (libpmp's MFGetSystemTime).
 */

#define COBJMACROS
#include <stdlib.h>

#include "mfapi.h"
#include "mferror.h"

#include "mf/session_host.h"

#include "media_sink.h"
#include "unknown.h"

#define HNS_PER_MS 10000

static struct media_sink *impl_from_IPmpMediaSink(IPmpMediaSink *iface)
{
	return (struct media_sink *)iface;
}

static void drop_queue_locked(struct media_sink *s)
{
	while (s->count) {
		IMFSample_Release(s->queue[s->head]);
		s->head = (s->head + 1) % s->depth;
		s->count--;
	}
}

static HRESULT STDMETHODCALLTYPE sink_QueryInterface(IPmpMediaSink *iface,
						     REFIID riid, void **ppv)
{
	return component_query_interface((IUnknown *)iface,
					 &IID_IPmpMediaSink, riid, ppv);
}

static ULONG STDMETHODCALLTYPE sink_AddRef(IPmpMediaSink *iface)
{
	return component_add_ref(&impl_from_IPmpMediaSink(iface)->refs);
}

static void sink_free(struct media_sink *s)
{
	drop_queue_locked(s);
	free(s->queue);
	if (s->type)
		IMFMediaType_Release(s->type);
	pthread_cond_destroy(&s->data);
	pthread_cond_destroy(&s->room);
	pthread_mutex_destroy(&s->lock);
	s->ops->destroy(s);
}

static ULONG STDMETHODCALLTYPE sink_Release(IPmpMediaSink *iface)
{
	struct media_sink *s = impl_from_IPmpMediaSink(iface);
	ULONG refs = component_release(&s->refs);

	if (!refs)
		sink_free(s);
	return refs;
}

static HRESULT STDMETHODCALLTYPE sink_Open(IPmpMediaSink *iface,
					   IMFAttributes *pNode)
{
	struct media_sink *s = impl_from_IPmpMediaSink(iface);
	HRESULT hr = S_OK;

	if (!pNode)
		return E_POINTER;
	pthread_mutex_lock(&s->lock);
	if (s->opened)
		hr = MF_E_INVALIDREQUEST;
	s->opened = true;
	pthread_mutex_unlock(&s->lock);
	return hr;
}

static bool is_uncompressed_video(IMFMediaType *type)
{
	GUID major, subtype;
	BOOL compressed = TRUE;
	UINT32 flag = 0;

	if (FAILED(IMFMediaType_GetGUID(type, &MF_MT_MAJOR_TYPE, &major)) ||
	    !IsEqualGUID(&major, &MFMediaType_Video))
		return false;
	if (FAILED(IMFMediaType_GetGUID(type, &MF_MT_SUBTYPE, &subtype)) ||
	    IsEqualGUID(&subtype, &MFVideoFormat_H264))
		return false;
	if (SUCCEEDED(IMFMediaType_GetUINT32(type, &MF_MT_COMPRESSED, &flag)) &&
	    flag)
		return false;
	return SUCCEEDED(IMFMediaType_IsCompressedFormat(type, &compressed)) &&
	       !compressed;
}

static HRESULT STDMETHODCALLTYPE sink_SetInputType(IPmpMediaSink *iface,
						   IMFMediaType *pType)
{
	struct media_sink *s = impl_from_IPmpMediaSink(iface);
	IMFMediaType *copy = NULL;
	HRESULT hr;

	if (!pType)
		return E_POINTER;
	if (!is_uncompressed_video(pType))
		return MF_E_INVALIDMEDIATYPE;
	hr = MFCreateMediaType(&copy);
	if (SUCCEEDED(hr))
		hr = IMFMediaType_CopyAllItems(pType, (IMFAttributes *)copy);
	pthread_mutex_lock(&s->lock);
	if (SUCCEEDED(hr) && !s->opened)
		hr = MF_E_INVALIDREQUEST;
	if (SUCCEEDED(hr)) {
		if (s->type)
			IMFMediaType_Release(s->type);
		s->type = copy;
		copy = NULL;
	}
	pthread_mutex_unlock(&s->lock);
	if (copy)
		IMFMediaType_Release(copy);
	return hr;
}

/* Queues @record unless a flush came since @flushes; waits for room. */
static HRESULT enqueue(struct media_sink *s, IMFSample *record,
		       unsigned long flushes)
{
	HRESULT hr = S_OK;

	pthread_mutex_lock(&s->lock);
	while (s->count == s->depth && s->flushes == flushes)
		pthread_cond_wait(&s->room, &s->lock);
	if (s->flushes != flushes) {
		hr = MF_E_OPERATION_CANCELLED;
	} else {
		s->queue[(s->head + s->count) % s->depth] = record;
		s->count++;
		s->ended = false;
		pthread_cond_broadcast(&s->data);
	}
	pthread_mutex_unlock(&s->lock);
	if (FAILED(hr))
		IMFSample_Release(record);
	return hr;
}

static HRESULT STDMETHODCALLTYPE sink_ProcessSample(IPmpMediaSink *iface,
						    IMFSample *pSample)
{
	struct media_sink *s = impl_from_IPmpMediaSink(iface);
	IMFMediaType *type = NULL;
	IMFSample *record = NULL;
	unsigned long flushes;
	HRESULT hr;

	if (!pSample)
		return E_POINTER;
	pthread_mutex_lock(&s->lock);
	type = s->opened ? s->type : NULL;
	if (type)
		IMFMediaType_AddRef(type);
	flushes = s->flushes;
	pthread_mutex_unlock(&s->lock);
	if (!type)
		return MF_E_INVALIDREQUEST;
	hr = s->ops->record(s, type, pSample, &record);
	IMFMediaType_Release(type);
	return SUCCEEDED(hr) ? enqueue(s, record, flushes) : hr;
}

static HRESULT STDMETHODCALLTYPE sink_EndOfStream(IPmpMediaSink *iface)
{
	struct media_sink *s = impl_from_IPmpMediaSink(iface);
	HRESULT hr = MF_E_INVALIDREQUEST;

	pthread_mutex_lock(&s->lock);
	if (s->opened) {
		s->ended = true;
		pthread_cond_broadcast(&s->data);
		hr = S_OK;
	}
	pthread_mutex_unlock(&s->lock);
	return hr;
}

/* Waits for a sample or the end, until @wait_ms passed (INFINITE: ever). */
static void wait_for_data_locked(struct media_sink *s, DWORD wait_ms)
{
	MFTIME deadline = 0;

	if (wait_ms != INFINITE)
		deadline = MFGetSystemTime() + (MFTIME)wait_ms * HNS_PER_MS;
	while (!s->count && !s->ended) {
		if (deadline && MFGetSystemTime() >= deadline)
			return;
		pmp_cond_wait_until(&s->data, &s->lock, deadline);
	}
}

static HRESULT STDMETHODCALLTYPE sink_ReadOutput(IPmpMediaSink *iface,
						 DWORD dwWaitMs,
						 IMFSample **ppSample)
{
	struct media_sink *s = impl_from_IPmpMediaSink(iface);
	HRESULT hr = MF_E_INVALIDREQUEST;

	if (!ppSample)
		return E_POINTER;
	*ppSample = NULL;
	pthread_mutex_lock(&s->lock);
	if (s->opened)
		wait_for_data_locked(s, dwWaitMs);
	if (!s->opened) {
		hr = MF_E_INVALIDREQUEST;
	} else if (s->count) {
		*ppSample = s->queue[s->head];
		s->head = (s->head + 1) % s->depth;
		s->count--;
		pthread_cond_broadcast(&s->room);
		hr = S_OK;
	} else {
		hr = s->ended ? S_FALSE : MF_E_NO_EVENTS_AVAILABLE;
	}
	pthread_mutex_unlock(&s->lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE sink_Flush(IPmpMediaSink *iface)
{
	struct media_sink *s = impl_from_IPmpMediaSink(iface);
	HRESULT hr = MF_E_INVALIDREQUEST;

	pthread_mutex_lock(&s->lock);
	if (s->opened) {
		drop_queue_locked(s);
		/* A new run follows (a seek, a start after a stop). */
		s->ended = false;
		s->flushes++;
		pthread_cond_broadcast(&s->room);
		hr = S_OK;
	}
	pthread_mutex_unlock(&s->lock);
	return hr;
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

HRESULT media_sink_hand_out(struct media_sink *s,
			    const struct media_sink_ops *ops,
			    unsigned int depth, REFIID riid, void **ppv)
{
	s->ops = ops;
	s->depth = depth;
	s->queue = calloc(depth, sizeof(*s->queue));
	if (!s->queue || pmp_cond_init_monotonic(&s->data)) {
		free(s->queue);
		ops->destroy(s);
		return E_OUTOFMEMORY;
	}
	/* Waits for room have no deadline. */
	pthread_cond_init(&s->room, NULL);
	pthread_mutex_init(&s->lock, NULL);
	s->IPmpMediaSink_iface.lpVtbl = &sink_vtbl;
	s->refs = 1;
	return component_hand_out((IUnknown *)&s->IPmpMediaSink_iface, riid,
				  ppv);
}
