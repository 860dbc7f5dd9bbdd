// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * buffer.c - IMFMediaBuffer in ordinary memory: MFCreateMemoryBuffer and
 * MFCreateAlignedMemoryBuffer; and over memory another part owns
 * (pmp_buffer_create_over)
 *
 * The memory never moves and nothing but the current length changes after
 * creation, so Lock needs no lock count: it hands out the same pointer
 * each time, and Unlock (even one too many, as on Windows) has nothing to
 * undo.
 */

#define COBJMACROS
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mfapi.h"

#include "../export.h"
#include "mf.h"

/* Below this, a buffer is aligned to 16 bytes anyway (SIMD loads). */
#define BUFFER_ALIGNMENT_MIN 16
/* The largest alignment Microsoft names (MF_8192_BYTE_ALIGNMENT). */
#define BUFFER_ALIGNMENT_MAX 8192

/* @release gives @data back to its owner; NULL: it is free()d. */
struct memory_buffer {
	IMFMediaBuffer IMFMediaBuffer_iface;
	atomic_long refcount;
	BYTE *data;
	DWORD max_length;
	_Atomic DWORD current_length;
	void (*release)(void *context);
	void *context;
};

static struct memory_buffer *impl_from_IMFMediaBuffer(IMFMediaBuffer *iface)
{
	return (struct memory_buffer *)iface;
}

static HRESULT STDMETHODCALLTYPE buffer_QueryInterface(IMFMediaBuffer *iface,
						       REFIID riid, void **ppv)
{
	return pmp_query_one(iface, riid, &IID_IMFMediaBuffer, ppv);
}

static ULONG STDMETHODCALLTYPE buffer_AddRef(IMFMediaBuffer *iface)
{
	struct memory_buffer *buf = impl_from_IMFMediaBuffer(iface);

	return atomic_fetch_add(&buf->refcount, 1) + 1;
}

static ULONG STDMETHODCALLTYPE buffer_Release(IMFMediaBuffer *iface)
{
	struct memory_buffer *buf = impl_from_IMFMediaBuffer(iface);
	long n = atomic_fetch_sub(&buf->refcount, 1) - 1;

	if (!n) {
		if (buf->release)
			buf->release(buf->context);
		else
			free(buf->data);
		free(buf);
	}
	return n;
}

static HRESULT STDMETHODCALLTYPE buffer_Lock(IMFMediaBuffer *iface,
					     BYTE **ppbBuffer,
					     DWORD *pcbMaxLength,
					     DWORD *pcbCurrentLength)
{
	struct memory_buffer *buf = impl_from_IMFMediaBuffer(iface);

	if (!ppbBuffer)
		return E_INVALIDARG;
	*ppbBuffer = buf->data;
	if (pcbMaxLength)
		*pcbMaxLength = buf->max_length;
	if (pcbCurrentLength)
		*pcbCurrentLength = atomic_load(&buf->current_length);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE buffer_Unlock(IMFMediaBuffer *iface)
{
	(void)iface;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE
buffer_GetCurrentLength(IMFMediaBuffer *iface, DWORD *pcbCurrentLength)
{
	struct memory_buffer *buf = impl_from_IMFMediaBuffer(iface);

	if (!pcbCurrentLength)
		return E_INVALIDARG;
	*pcbCurrentLength = atomic_load(&buf->current_length);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE buffer_SetCurrentLength(IMFMediaBuffer *iface,
							 DWORD cbCurrentLength)
{
	struct memory_buffer *buf = impl_from_IMFMediaBuffer(iface);

	if (cbCurrentLength > buf->max_length)
		return E_INVALIDARG;
	atomic_store(&buf->current_length, cbCurrentLength);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE buffer_GetMaxLength(IMFMediaBuffer *iface,
						     DWORD *pcbMaxLength)
{
	if (!pcbMaxLength)
		return E_INVALIDARG;
	*pcbMaxLength = impl_from_IMFMediaBuffer(iface)->max_length;
	return S_OK;
}

static const IMFMediaBufferVtbl buffer_vtbl = {
	.QueryInterface = buffer_QueryInterface,
	.AddRef = buffer_AddRef,
	.Release = buffer_Release,
	.Lock = buffer_Lock,
	.Unlock = buffer_Unlock,
	.GetCurrentLength = buffer_GetCurrentLength,
	.SetCurrentLength = buffer_SetCurrentLength,
	.GetMaxLength = buffer_GetMaxLength,
};

HRESULT pmp_buffer_create_over(BYTE *data, DWORD max_length,
			       void (*release)(void *context), void *context,
			       IMFMediaBuffer **out)
{
	struct memory_buffer *buf;

	*out = NULL;
	buf = calloc(1, sizeof(*buf));
	if (!buf)
		return E_OUTOFMEMORY;
	buf->IMFMediaBuffer_iface.lpVtbl = &buffer_vtbl;
	atomic_init(&buf->refcount, 1);
	buf->data = data;
	buf->max_length = max_length;
	atomic_init(&buf->current_length, 0);
	buf->release = release;
	buf->context = context;
	*out = &buf->IMFMediaBuffer_iface;
	return S_OK;
}

/* @alignment is a power of two; the memory is zeroed if @zero. */
static HRESULT create_buffer(DWORD max_length, size_t alignment, bool zero,
			     IMFMediaBuffer **out)
{
	void *data;
	HRESULT hr;

	*out = NULL;
	if (alignment < BUFFER_ALIGNMENT_MIN)
		alignment = BUFFER_ALIGNMENT_MIN;
	/* A zero-length buffer still has an address to hand out. */
	if (posix_memalign(&data, alignment, max_length ? max_length : 1))
		return E_OUTOFMEMORY;
	/* Stale heap contents never reach whoever reads the buffer. */
	if (zero)
		memset(data, 0, max_length ? max_length : 1);
	hr = pmp_buffer_create_over(data, max_length, NULL, NULL, out);
	if (FAILED(hr))
		free(data);
	return hr;
}

PMP_EXPORT HRESULT STDAPICALLTYPE
MFCreateMemoryBuffer(DWORD cbMaxLength, IMFMediaBuffer **ppBuffer)
{
	if (!ppBuffer)
		return E_INVALIDARG;
	return create_buffer(cbMaxLength, BUFFER_ALIGNMENT_MIN, true, ppBuffer);
}

HRESULT pmp_buffer_create_to_fill(DWORD max_length, IMFMediaBuffer **out)
{
	return create_buffer(max_length, BUFFER_ALIGNMENT_MIN, false, out);
}

PMP_EXPORT HRESULT STDAPICALLTYPE MFCreateAlignedMemoryBuffer(
	DWORD cbMaxLength, DWORD cbAligment, IMFMediaBuffer **ppBuffer)
{
	size_t alignment = (size_t)cbAligment + 1;

	if (!ppBuffer)
		return E_INVALIDARG;
	*ppBuffer = NULL;
	if (alignment & (alignment - 1) || alignment > BUFFER_ALIGNMENT_MAX)
		return E_INVALIDARG;
	return create_buffer(cbMaxLength, alignment, true, ppBuffer);
}
