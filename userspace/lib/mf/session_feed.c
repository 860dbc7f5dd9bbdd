// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * session_feed.c - a client stream in the host half of a Media Session:
 * the samples of a source that lives in the application, pushed by the
 * client half's pump (IPmpMediaSessionHost::PushSample) and read by the
 * session's worker
 *
 * A feed holds at most PMP_SESSION_FEED_DEPTH samples: a pusher waits
 * while it is full, the reader while it is empty.  Samples belong to a
 * segment, the session's run of the presentation they were pushed for:
 * each stop or seek starts a new one (pmp_feed_restart), which drops what
 * the feed holds, refuses pushes of older segments (S_FALSE) and ends a
 * read of an older segment (MF_E_OPERATION_CANCELLED).  That is how a read
 * that raced with a stop never takes a sample of the next run.
 */

#define COBJMACROS
#include <pthread.h>
#include <stdlib.h>

#include "mfapi.h"
#include "mfidl.h"
#include "pmp.h"
#include "pmpmedia.h"

#include "mf.h"
#include "session_host.h"

/* A media type blob larger than this is refused (MF_E_INVALIDMEDIATYPE). */
#define FEED_TYPE_BLOB_MAX (64U * 1024)

struct pmp_feed {
	atomic_long refcount;
	IMFMediaType *type;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	/* lock: */
	IMFSample *ring[PMP_SESSION_FEED_DEPTH];
	unsigned int head, count;
	DWORD segment;
	bool accepting;
	bool ended;
	HRESULT end_status;
	bool closed;
};

/* The media type a client stream's node carries (PMP_TOPONODE_MEDIA_TYPE). */
static HRESULT feed_type(IMFAttributes *node, IMFMediaType **out)
{
	IMFMediaType *type;
	UINT32 size = 0;
	UINT8 *blob;
	HRESULT hr;

	if (FAILED(IMFAttributes_GetBlobSize(node, &PMP_TOPONODE_MEDIA_TYPE,
					     &size)) ||
	    !size || size > FEED_TYPE_BLOB_MAX)
		return MF_E_INVALIDMEDIATYPE;
	blob = malloc(size);
	if (!blob)
		return E_OUTOFMEMORY;
	hr = IMFAttributes_GetBlob(node, &PMP_TOPONODE_MEDIA_TYPE, blob, size,
				   NULL);
	if (SUCCEEDED(hr))
		hr = MFCreateMediaType(&type);
	if (SUCCEEDED(hr)) {
		hr = MFInitAttributesFromBlob((IMFAttributes *)type, blob,
					      size);
		if (FAILED(hr))
			IMFMediaType_Release(type);
	}
	free(blob);
	if (FAILED(hr))
		return hr == E_OUTOFMEMORY ? hr : MF_E_INVALIDMEDIATYPE;
	*out = type;
	return S_OK;
}

HRESULT pmp_feed_create(IMFAttributes *node, struct pmp_feed **out)
{
	struct pmp_feed *f;
	HRESULT hr;
	int err;

	*out = NULL;
	f = calloc(1, sizeof(*f));
	if (!f)
		return E_OUTOFMEMORY;
	hr = feed_type(node, &f->type);
	if (FAILED(hr)) {
		free(f);
		return hr;
	}
	err = pmp_cond_init_monotonic(&f->cond);
	if (err) {
		IMFMediaType_Release(f->type);
		free(f);
		return pmp_hresult_from_errno(err);
	}
	pthread_mutex_init(&f->lock, NULL);
	atomic_init(&f->refcount, 1);
	*out = f;
	return S_OK;
}

/* Drops every sample held.  Lock held. */
static void feed_drop_locked(struct pmp_feed *f)
{
	while (f->count) {
		IMFSample_Release(f->ring[f->head]);
		f->ring[f->head] = NULL;
		f->head = (f->head + 1) % PMP_SESSION_FEED_DEPTH;
		f->count--;
	}
	f->head = 0;
}

void pmp_feed_get(struct pmp_feed *f)
{
	atomic_fetch_add(&f->refcount, 1);
}

void pmp_feed_put(struct pmp_feed *f)
{
	if (!f || atomic_fetch_sub(&f->refcount, 1) != 1)
		return;
	feed_drop_locked(f);
	IMFMediaType_Release(f->type);
	pthread_cond_destroy(&f->cond);
	pthread_mutex_destroy(&f->lock);
	free(f);
}

IMFMediaType *pmp_feed_type(struct pmp_feed *f)
{
	return f->type;
}

void pmp_feed_restart(struct pmp_feed *f, DWORD segment, bool accepting)
{
	pthread_mutex_lock(&f->lock);
	feed_drop_locked(f);
	f->segment = segment;
	f->accepting = accepting && !f->closed;
	f->ended = false;
	f->end_status = S_OK;
	pthread_cond_broadcast(&f->cond);
	pthread_mutex_unlock(&f->lock);
}

void pmp_feed_close(struct pmp_feed *f)
{
	pthread_mutex_lock(&f->lock);
	feed_drop_locked(f);
	f->closed = true;
	f->accepting = false;
	pthread_cond_broadcast(&f->cond);
	pthread_mutex_unlock(&f->lock);
}

/* Whether a push or end of @segment still counts.  Lock held. */
static bool feed_current_locked(const struct pmp_feed *f, DWORD segment)
{
	return !f->closed && f->accepting && !f->ended &&
	       f->segment == segment;
}

HRESULT pmp_feed_push(struct pmp_feed *f, DWORD segment, IMFSample *sample,
		      DWORD wait_ms)
{
	MFTIME deadline = MFGetSystemTime() + (MFTIME)wait_ms * 10000;
	HRESULT hr = S_FALSE;

	pthread_mutex_lock(&f->lock);
	while (feed_current_locked(f, segment) &&
	       f->count == PMP_SESSION_FEED_DEPTH &&
	       MFGetSystemTime() < deadline)
		pmp_cond_wait_until(&f->cond, &f->lock, deadline);
	if (f->closed) {
		hr = MF_E_SHUTDOWN;
	} else if (feed_current_locked(f, segment) &&
		   f->count == PMP_SESSION_FEED_DEPTH) {
		hr = MF_E_NOTACCEPTING;
	} else if (feed_current_locked(f, segment)) {
		IMFSample_AddRef(sample);
		f->ring[(f->head + f->count) % PMP_SESSION_FEED_DEPTH] = sample;
		f->count++;
		pthread_cond_broadcast(&f->cond);
		hr = S_OK;
	}
	pthread_mutex_unlock(&f->lock);
	return hr;
}

HRESULT pmp_feed_end(struct pmp_feed *f, DWORD segment, HRESULT status)
{
	HRESULT hr = S_FALSE;

	pthread_mutex_lock(&f->lock);
	if (f->closed) {
		hr = MF_E_SHUTDOWN;
	} else if (feed_current_locked(f, segment)) {
		f->ended = true;
		f->end_status = status;
		pthread_cond_broadcast(&f->cond);
		hr = S_OK;
	}
	pthread_mutex_unlock(&f->lock);
	return hr;
}

HRESULT pmp_feed_read(struct pmp_feed *f, DWORD segment, IMFSample **out)
{
	HRESULT hr;

	*out = NULL;
	pthread_mutex_lock(&f->lock);
	while (!f->closed && f->segment == segment && !f->count && !f->ended)
		pthread_cond_wait(&f->cond, &f->lock);
	if (f->closed) {
		hr = MF_E_SHUTDOWN;
	} else if (f->segment != segment) {
		hr = MF_E_OPERATION_CANCELLED;
	} else if (f->count) {
		*out = f->ring[f->head];
		f->ring[f->head] = NULL;
		f->head = (f->head + 1) % PMP_SESSION_FEED_DEPTH;
		f->count--;
		pthread_cond_broadcast(&f->cond);
		hr = S_OK;
	} else {
		/* Ended: S_FALSE, or the failure the client's source had. */
		hr = SUCCEEDED(f->end_status) ? S_FALSE : f->end_status;
	}
	pthread_mutex_unlock(&f->lock);
	return hr;
}
