// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * media_sample.c - samples in libpmp-media: bytes in one piece, new
 * samples timed like others, the media core's errors as HRESULTs
 */

#define COBJMACROS
#include <errno.h>
#include <string.h>

#include "mfapi.h"
#include "mferror.h"

#include "media_sample.h"
#include "secure_buffer.h"

HRESULT media_sample_join(IMFSample *sample, IMFMediaBuffer **out)
{
	IMFMediaBuffer *joined;
	DWORD count = 0, total = 0;
	HRESULT hr;

	*out = NULL;
	hr = IMFSample_GetBufferCount(sample, &count);
	if (SUCCEEDED(hr) && count == 1)
		return IMFSample_GetBufferByIndex(sample, 0, out);
	if (SUCCEEDED(hr))
		hr = IMFSample_GetTotalLength(sample, &total);
	if (FAILED(hr))
		return hr;
	/* CopyToBuffer writes all @total bytes, or the buffer goes unread. */
	hr = secure_buffer_create_to_fill(total, &joined, NULL);
	if (FAILED(hr))
		return hr;
	hr = count ? IMFSample_CopyToBuffer(sample, joined) : S_OK;
	if (FAILED(hr)) {
		IMFMediaBuffer_Release(joined);
		return hr;
	}
	*out = joined;
	return S_OK;
}

HRESULT media_bytes_lock(IMFSample *sample, struct media_bytes *b)
{
	HRESULT hr;

	memset(b, 0, sizeof(*b));
	hr = media_sample_join(sample, &b->buffer);
	if (SUCCEEDED(hr))
		hr = IMFMediaBuffer_Lock(b->buffer, &b->data, NULL, &b->size);
	if (FAILED(hr) && b->buffer) {
		IMFMediaBuffer_Release(b->buffer);
		b->buffer = NULL;
	}
	return hr;
}

void media_bytes_unlock(struct media_bytes *b)
{
	if (!b->buffer)
		return;
	IMFMediaBuffer_Unlock(b->buffer);
	IMFMediaBuffer_Release(b->buffer);
	b->buffer = NULL;
}

/* Copies @from's time, duration and flags to @to. */
static HRESULT copy_timing(IMFSample *from, IMFSample *to)
{
	LONGLONG value;
	DWORD flags;
	HRESULT hr = S_OK;

	if (SUCCEEDED(IMFSample_GetSampleTime(from, &value)))
		hr = IMFSample_SetSampleTime(to, value);
	if (SUCCEEDED(hr) && SUCCEEDED(IMFSample_GetSampleDuration(from, &value)))
		hr = IMFSample_SetSampleDuration(to, value);
	if (SUCCEEDED(hr) && SUCCEEDED(IMFSample_GetSampleFlags(from, &flags)))
		hr = IMFSample_SetSampleFlags(to, flags);
	return hr;
}

HRESULT media_sample_new(IMFSample *from, IMFMediaBuffer *buffer,
			 IMFSample **out)
{
	IMFSample *sample;
	HRESULT hr;

	*out = NULL;
	hr = MFCreateSample(&sample);
	if (FAILED(hr))
		return hr;
	hr = from ? copy_timing(from, sample) : S_OK;
	if (SUCCEEDED(hr) && buffer)
		hr = IMFSample_AddBuffer(sample, buffer);
	if (FAILED(hr)) {
		IMFSample_Release(sample);
		return hr;
	}
	*out = sample;
	return S_OK;
}

HRESULT media_hresult(int err, HRESULT data)
{
	switch (err) {
	case 0:
		return S_OK;
	case -ENOMEM:
		return E_OUTOFMEMORY;
	case -EINVAL:
	case -EBADMSG:
		return data;
	default:
		return E_FAIL;
	}
}
