// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sample.c - IMFSample and MFCreateSample
 *
 * A sample is an attribute store (struct pmp_attrs) with flags, a time, a
 * duration and an ordered list of buffers, each holding a reference.  The
 * store's recursive lock guards those too, so that LockStore also holds
 * the sample still.  The buffers may be any IMFMediaBuffer: they are used
 * through their methods only.
 */

#define COBJMACROS
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mfapi.h"

#include "../export.h"
#include "mf.h"

struct sample {
	struct pmp_attrs attrs;
	DWORD flags;
	LONGLONG time;
	LONGLONG duration;
	bool has_time;
	bool has_duration;
	IMFMediaBuffer **buffers;
	DWORD count;
	DWORD capacity;
};

static struct sample *impl_from_IMFSample(IMFSample *iface)
{
	return (struct sample *)iface;
}

static void sample_lock(struct sample *s)
{
	pthread_mutex_lock(&s->attrs.lock);
}

static void sample_unlock(struct sample *s)
{
	pthread_mutex_unlock(&s->attrs.lock);
}

/* Drops the references of buffers [@from, count); the lock is held. */
static void sample_truncate_locked(struct sample *s, DWORD from)
{
	IMFMediaBuffer *buffer;

	while (s->count > from) {
		buffer = s->buffers[--s->count];
		IMFMediaBuffer_Release(buffer);
	}
}

static void sample_destroy(struct pmp_attrs *attrs)
{
	struct sample *s = (struct sample *)attrs;

	sample_truncate_locked(s, 0);
	free(s->buffers);
	pmp_attrs_cleanup(attrs);
	free(s);
}

static HRESULT STDMETHODCALLTYPE sample_GetSampleFlags(IMFSample *iface,
						       DWORD *pdwSampleFlags)
{
	struct sample *s = impl_from_IMFSample(iface);

	if (!pdwSampleFlags)
		return E_POINTER;
	sample_lock(s);
	*pdwSampleFlags = s->flags;
	sample_unlock(s);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE sample_SetSampleFlags(IMFSample *iface,
						       DWORD dwSampleFlags)
{
	struct sample *s = impl_from_IMFSample(iface);

	sample_lock(s);
	s->flags = dwSampleFlags;
	sample_unlock(s);
	return S_OK;
}

/* *@out = @value if @set, else @unset. */
static HRESULT sample_get_time(struct sample *s, const LONGLONG *value,
			       const bool *set, HRESULT unset, LONGLONG *out)
{
	HRESULT hr = S_OK;

	if (!out)
		return E_POINTER;
	sample_lock(s);
	if (*set)
		*out = *value;
	else
		hr = unset;
	sample_unlock(s);
	return hr;
}

static HRESULT STDMETHODCALLTYPE sample_GetSampleTime(IMFSample *iface,
						      LONGLONG *phnsSampleTime)
{
	struct sample *s = impl_from_IMFSample(iface);

	return sample_get_time(s, &s->time, &s->has_time,
			       MF_E_NO_SAMPLE_TIMESTAMP, phnsSampleTime);
}

static HRESULT STDMETHODCALLTYPE sample_SetSampleTime(IMFSample *iface,
						      LONGLONG hnsSampleTime)
{
	struct sample *s = impl_from_IMFSample(iface);

	sample_lock(s);
	s->time = hnsSampleTime;
	s->has_time = true;
	sample_unlock(s);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE
sample_GetSampleDuration(IMFSample *iface, LONGLONG *phnsSampleDuration)
{
	struct sample *s = impl_from_IMFSample(iface);

	return sample_get_time(s, &s->duration, &s->has_duration,
			       MF_E_NO_SAMPLE_DURATION, phnsSampleDuration);
}

static HRESULT STDMETHODCALLTYPE
sample_SetSampleDuration(IMFSample *iface, LONGLONG hnsSampleDuration)
{
	struct sample *s = impl_from_IMFSample(iface);

	sample_lock(s);
	s->duration = hnsSampleDuration;
	s->has_duration = true;
	sample_unlock(s);
	return S_OK;
}

/* Windows answers a NULL count with E_INVALIDARG, not E_POINTER. */
static HRESULT STDMETHODCALLTYPE sample_GetBufferCount(IMFSample *iface,
						       DWORD *pdwBufferCount)
{
	struct sample *s = impl_from_IMFSample(iface);

	if (!pdwBufferCount)
		return E_INVALIDARG;
	sample_lock(s);
	*pdwBufferCount = s->count;
	sample_unlock(s);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE sample_GetBufferByIndex(
	IMFSample *iface, DWORD dwIndex, IMFMediaBuffer **ppBuffer)
{
	struct sample *s = impl_from_IMFSample(iface);
	HRESULT hr = S_OK;

	if (!ppBuffer)
		return E_POINTER;
	*ppBuffer = NULL;
	sample_lock(s);
	if (dwIndex >= s->count) {
		hr = E_INVALIDARG;
	} else {
		*ppBuffer = s->buffers[dwIndex];
		IMFMediaBuffer_AddRef(*ppBuffer);
	}
	sample_unlock(s);
	return hr;
}

/* The sum of the buffers' current lengths; the lock is held. */
static HRESULT sample_total_locked(struct sample *s, DWORD *total)
{
	DWORD i, length;
	HRESULT hr;

	*total = 0;
	for (i = 0; i < s->count; i++) {
		hr = IMFMediaBuffer_GetCurrentLength(s->buffers[i], &length);
		if (FAILED(hr))
			return hr;
		if (length > UINT32_MAX - *total)
			return HRESULT_FROM_WIN32(ERROR_ARITHMETIC_OVERFLOW);
		*total += length;
	}
	return S_OK;
}

/*
 * Copies the buffers' valid bytes, in order, to @dst (room for @room
 * bytes); *@copied is how many.  The lock is held.
 */
static HRESULT sample_gather_locked(struct sample *s, BYTE *dst, DWORD room,
				    DWORD *copied)
{
	DWORD i, length;
	BYTE *src;
	HRESULT hr;

	*copied = 0;
	for (i = 0; i < s->count; i++) {
		hr = IMFMediaBuffer_Lock(s->buffers[i], &src, NULL, &length);
		if (FAILED(hr))
			return hr;
		if (length > room - *copied) {
			IMFMediaBuffer_Unlock(s->buffers[i]);
			return MF_E_BUFFERTOOSMALL;
		}
		/* The destination may be one of the sample's own buffers. */
		memmove(dst + *copied, src, length);
		*copied += length;
		IMFMediaBuffer_Unlock(s->buffers[i]);
	}
	return S_OK;
}

/* Replaces the buffers by @buffer, which gains a reference; lock held. */
static void sample_replace_locked(struct sample *s, IMFMediaBuffer *buffer)
{
	IMFMediaBuffer_AddRef(buffer);
	sample_truncate_locked(s, 0);
	s->buffers[0] = buffer;
	s->count = 1;
}

static HRESULT STDMETHODCALLTYPE
sample_ConvertToContiguousBuffer(IMFSample *iface, IMFMediaBuffer **ppBuffer)
{
	struct sample *s = impl_from_IMFSample(iface);
	IMFMediaBuffer *whole = NULL;
	DWORD total, copied;
	BYTE *data;
	HRESULT hr;

	if (ppBuffer)
		*ppBuffer = NULL;
	sample_lock(s);
	if (!s->count) {
		hr = E_UNEXPECTED;
		goto out_unlock;
	}
	if (s->count == 1) {
		whole = s->buffers[0];
		IMFMediaBuffer_AddRef(whole);
		hr = S_OK;
		goto out_unlock;
	}
	hr = sample_total_locked(s, &total);
	if (FAILED(hr))
		goto out_unlock;
	hr = MFCreateMemoryBuffer(total, &whole);
	if (FAILED(hr))
		goto out_unlock;
	IMFMediaBuffer_Lock(whole, &data, NULL, NULL);
	hr = sample_gather_locked(s, data, total, &copied);
	IMFMediaBuffer_Unlock(whole);
	if (SUCCEEDED(hr))
		hr = IMFMediaBuffer_SetCurrentLength(whole, copied);
	if (SUCCEEDED(hr))
		sample_replace_locked(s, whole);
	if (FAILED(hr)) {
		IMFMediaBuffer_Release(whole);
		whole = NULL;
	}
out_unlock:
	sample_unlock(s);
	if (whole && ppBuffer)
		*ppBuffer = whole;
	else if (whole)
		IMFMediaBuffer_Release(whole);
	return hr;
}

static HRESULT STDMETHODCALLTYPE sample_AddBuffer(IMFSample *iface,
						  IMFMediaBuffer *pBuffer)
{
	struct sample *s = impl_from_IMFSample(iface);
	IMFMediaBuffer **grown;
	DWORD capacity;
	HRESULT hr = S_OK;

	if (!pBuffer)
		return E_INVALIDARG;
	sample_lock(s);
	if (s->count == s->capacity) {
		capacity = s->capacity ? s->capacity * 2 : 2;
		grown = capacity > s->capacity
				? reallocarray(s->buffers, capacity,
					       sizeof(*grown))
				: NULL;
		if (!grown) {
			hr = E_OUTOFMEMORY;
			goto out_unlock;
		}
		s->buffers = grown;
		s->capacity = capacity;
	}
	IMFMediaBuffer_AddRef(pBuffer);
	s->buffers[s->count++] = pBuffer;
out_unlock:
	sample_unlock(s);
	return hr;
}

static HRESULT STDMETHODCALLTYPE sample_RemoveBufferByIndex(IMFSample *iface,
							    DWORD dwIndex)
{
	struct sample *s = impl_from_IMFSample(iface);
	IMFMediaBuffer *gone = NULL;

	sample_lock(s);
	if (dwIndex < s->count) {
		gone = s->buffers[dwIndex];
		memmove(&s->buffers[dwIndex], &s->buffers[dwIndex + 1],
			(s->count - dwIndex - 1) * sizeof(*s->buffers));
		s->count--;
	}
	sample_unlock(s);
	if (!gone)
		return E_INVALIDARG;
	IMFMediaBuffer_Release(gone);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE sample_RemoveAllBuffers(IMFSample *iface)
{
	struct sample *s = impl_from_IMFSample(iface);

	sample_lock(s);
	sample_truncate_locked(s, 0);
	sample_unlock(s);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE sample_GetTotalLength(IMFSample *iface,
						       DWORD *pcbTotalLength)
{
	struct sample *s = impl_from_IMFSample(iface);
	HRESULT hr;

	if (!pcbTotalLength)
		return E_POINTER;
	sample_lock(s);
	hr = sample_total_locked(s, pcbTotalLength);
	sample_unlock(s);
	return hr;
}

/*
 * What does not fit leaves the destination empty, its bytes untouched,
 * as on Windows: the total is checked before anything is copied.
 */
static HRESULT STDMETHODCALLTYPE sample_CopyToBuffer(IMFSample *iface,
						     IMFMediaBuffer *pBuffer)
{
	struct sample *s = impl_from_IMFSample(iface);
	DWORD total, room, copied = 0;
	BYTE *data;
	HRESULT hr;

	if (!pBuffer)
		return E_INVALIDARG;
	sample_lock(s);
	hr = sample_total_locked(s, &total);
	if (FAILED(hr))
		goto out_unlock;
	hr = IMFMediaBuffer_Lock(pBuffer, &data, &room, NULL);
	if (FAILED(hr))
		goto out_unlock;
	if (total > room)
		hr = MF_E_BUFFERTOOSMALL;
	else
		hr = sample_gather_locked(s, data, room, &copied);
	IMFMediaBuffer_Unlock(pBuffer);
	IMFMediaBuffer_SetCurrentLength(pBuffer, SUCCEEDED(hr) ? copied : 0);
out_unlock:
	sample_unlock(s);
	return hr;
}

static IMFSampleVtbl sample_vtbl;
static pthread_once_t sample_vtbl_once = PTHREAD_ONCE_INIT;

/* The IMFAttributes part is the store's; the rest is the sample's. */
static void sample_vtbl_init(void)
{
	memcpy(&sample_vtbl, &pmp_attrs_vtbl, sizeof(pmp_attrs_vtbl));
	sample_vtbl.GetSampleFlags = sample_GetSampleFlags;
	sample_vtbl.SetSampleFlags = sample_SetSampleFlags;
	sample_vtbl.GetSampleTime = sample_GetSampleTime;
	sample_vtbl.SetSampleTime = sample_SetSampleTime;
	sample_vtbl.GetSampleDuration = sample_GetSampleDuration;
	sample_vtbl.SetSampleDuration = sample_SetSampleDuration;
	sample_vtbl.GetBufferCount = sample_GetBufferCount;
	sample_vtbl.GetBufferByIndex = sample_GetBufferByIndex;
	sample_vtbl.ConvertToContiguousBuffer =
		sample_ConvertToContiguousBuffer;
	sample_vtbl.AddBuffer = sample_AddBuffer;
	sample_vtbl.RemoveBufferByIndex = sample_RemoveBufferByIndex;
	sample_vtbl.RemoveAllBuffers = sample_RemoveAllBuffers;
	sample_vtbl.GetTotalLength = sample_GetTotalLength;
	sample_vtbl.CopyToBuffer = sample_CopyToBuffer;
}

PMP_EXPORT HRESULT STDAPICALLTYPE MFCreateSample(IMFSample **ppIMFSample)
{
	struct sample *s;

	if (!ppIMFSample)
		return E_INVALIDARG;
	pthread_once(&sample_vtbl_once, sample_vtbl_init);
	s = pmp_attrs_new(sizeof(*s), &sample_vtbl, &IID_IMFSample,
			  sample_destroy);
	*ppIMFSample = (IMFSample *)s;
	return s ? S_OK : E_OUTOFMEMORY;
}
