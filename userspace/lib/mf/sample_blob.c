// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sample_blob.c - samples by value: pmp_sample_serialize and
 * pmp_sample_deserialize
 *
 * A sample crosses between a client and a PMP process in a sealed memfd
 * (Documentation/userspace-api/mf.rst, "Samples by value"): a fixed
 * header, little-endian and unpadded, the sample's attributes (an
 * MFGetAttributesAsBlob blob, host byte order: both ends are one machine)
 * and the bytes of its buffers, joined:
 *
 *	 0	u32 magic "PMPS"	 4	u32 version (1)
 *	 8	u32 fields: time set, duration set, has a buffer
 *	12	u32 sample flags	16	s64 time	24	s64 duration
 *	32	u32 attribute blob size	36	u32 payload size
 *	40	the attribute blob, then the payload
 *
 * The writer copies each buffer from where it is into the memfd and the
 * reader reads the payload straight into the one buffer it makes: a
 * frame is copied once on each side.  The reader trusts only the seals it
 * sees itself (pmp_memfd_check) and checks every length against the size
 * before it reads.
 *
 * A small sample travels in the call instead (PushSampleBytes,
 * ReadOutputBytes): the same bytes, written into the caller's buffer and
 * read from the message, which no one else can change.
 */

#define COBJMACROS
#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "mfapi.h"
#include "mferror.h"
#include "pmp/pmp.h"

#include "../cleanup.h"
#include "../memfd.h"
#include "mf.h"
#include "sample_blob.h"

#define SAMPLE_MAGIC 0x53504d50 /* "PMPS" */
#define SAMPLE_VERSION 1

/* The header's fields word: what the sample has. */
#define SAMPLE_HAS_TIME 0x1
#define SAMPLE_HAS_DURATION 0x2
#define SAMPLE_HAS_BUFFER 0x4
#define SAMPLE_FIELDS                                                          \
	(SAMPLE_HAS_TIME | SAMPLE_HAS_DURATION | SAMPLE_HAS_BUFFER)

/* Where the header's fields are. */
enum {
	OFF_MAGIC = 0,
	OFF_VERSION = 4,
	OFF_FIELDS = 8,
	OFF_FLAGS = 12,
	OFF_TIME = 16,
	OFF_DURATION = 24,
	OFF_ATTRS_SIZE = 32,
	OFF_PAYLOAD_SIZE = 36,
	HEADER_SIZE = 40,
};

/* The header's values; a time or duration that is unset is 0. */
struct sample_header {
	UINT32 fields;
	UINT32 flags;
	LONGLONG time;
	LONGLONG duration;
	UINT32 attrs_size;
	UINT32 payload_size;
};

static void put_u32(UINT8 *p, UINT32 v)
{
	v = htole32(v);
	memcpy(p, &v, sizeof(v));
}

static void put_u64(UINT8 *p, UINT64 v)
{
	v = htole64(v);
	memcpy(p, &v, sizeof(v));
}

static UINT32 get_u32(const UINT8 *p)
{
	UINT32 v;

	memcpy(&v, p, sizeof(v));
	return le32toh(v);
}

static UINT64 get_u64(const UINT8 *p)
{
	UINT64 v;

	memcpy(&v, p, sizeof(v));
	return le64toh(v);
}

/* ---- writing ---- */

/*
 * A sample as it was under its store lock: the header's bytes, the
 * attribute blob and the buffers (each holding a reference, the first
 * @locked of them locked), and the pieces of the memfd in order.
 */
struct snapshot {
	struct sample_header h;
	UINT8 header[HEADER_SIZE];
	UINT8 *attrs;
	IMFMediaBuffer **buffers;
	DWORD count;
	DWORD locked;
	struct iovec *iov;
};

/*
 * The outcome @hr of GetSampleTime or GetSampleDuration: @unset means
 * none (the value travels as 0), a success sets @bit in *@fields.
 */
static HRESULT note_time(HRESULT hr, HRESULT unset, UINT32 bit, LONGLONG *value,
			 UINT32 *fields)
{
	if (hr == unset) {
		*value = 0;
		return S_OK;
	}
	if (FAILED(hr))
		return hr;
	*fields |= bit;
	return S_OK;
}

static HRESULT take_attrs(IMFSample *sample, struct snapshot *s)
{
	HRESULT hr;

	hr = MFGetAttributesAsBlobSize((IMFAttributes *)sample,
				       &s->h.attrs_size);
	if (FAILED(hr))
		return hr;
	s->attrs = malloc(s->h.attrs_size);
	if (!s->attrs)
		return E_OUTOFMEMORY;
	return MFGetAttributesAsBlob((IMFAttributes *)sample, s->attrs,
				     s->h.attrs_size);
}

/* Holds and locks every buffer; the pieces of the memfd are theirs. */
static HRESULT take_buffers(IMFSample *sample, struct snapshot *s)
{
	UINT64 payload = 0;
	DWORD i, length;
	BYTE *data;
	HRESULT hr;

	hr = IMFSample_GetBufferCount(sample, &s->count);
	if (FAILED(hr))
		return hr;
	s->buffers = calloc(s->count ? s->count : 1, sizeof(*s->buffers));
	s->iov = calloc((size_t)s->count + 2, sizeof(*s->iov));
	if (!s->buffers || !s->iov)
		return E_OUTOFMEMORY;
	for (i = 0; i < s->count; i++) {
		hr = IMFSample_GetBufferByIndex(sample, i, &s->buffers[i]);
		if (SUCCEEDED(hr))
			hr = IMFMediaBuffer_Lock(s->buffers[i], &data, NULL,
						 &length);
		if (FAILED(hr))
			return hr;
		s->locked++;
		s->iov[i + 2].iov_base = data;
		s->iov[i + 2].iov_len = length;
		payload += length;
	}
	/* The size the reader is given is a DWORD. */
	if (HEADER_SIZE + (UINT64)s->h.attrs_size + payload > UINT32_MAX)
		return E_INVALIDARG;
	s->h.payload_size = payload;
	if (s->count)
		s->h.fields |= SAMPLE_HAS_BUFFER;
	return S_OK;
}

static void encode_header(const struct sample_header *h, UINT8 p[HEADER_SIZE])
{
	put_u32(p + OFF_MAGIC, SAMPLE_MAGIC);
	put_u32(p + OFF_VERSION, SAMPLE_VERSION);
	put_u32(p + OFF_FIELDS, h->fields);
	put_u32(p + OFF_FLAGS, h->flags);
	put_u64(p + OFF_TIME, h->time);
	put_u64(p + OFF_DURATION, h->duration);
	put_u32(p + OFF_ATTRS_SIZE, h->attrs_size);
	put_u32(p + OFF_PAYLOAD_SIZE, h->payload_size);
}

/* The store lock of @sample is held. */
static HRESULT snapshot_take_locked(IMFSample *sample, struct snapshot *s)
{
	struct sample_header *h = &s->h;
	HRESULT hr;

	hr = note_time(IMFSample_GetSampleTime(sample, &h->time),
		       MF_E_NO_SAMPLE_TIMESTAMP, SAMPLE_HAS_TIME, &h->time,
		       &h->fields);
	if (SUCCEEDED(hr))
		hr = note_time(IMFSample_GetSampleDuration(sample,
							   &h->duration),
			       MF_E_NO_SAMPLE_DURATION, SAMPLE_HAS_DURATION,
			       &h->duration, &h->fields);
	if (SUCCEEDED(hr))
		hr = IMFSample_GetSampleFlags(sample, &h->flags);
	if (SUCCEEDED(hr))
		hr = take_attrs(sample, s);
	if (SUCCEEDED(hr))
		hr = take_buffers(sample, s);
	if (FAILED(hr))
		return hr;
	encode_header(h, s->header);
	s->iov[0].iov_base = s->header;
	s->iov[0].iov_len = HEADER_SIZE;
	s->iov[1].iov_base = s->attrs;
	s->iov[1].iov_len = h->attrs_size;
	return S_OK;
}

static void snapshot_release(struct snapshot *s)
{
	DWORD i;

	for (i = 0; s->buffers && i < s->count; i++) {
		if (i < s->locked)
			IMFMediaBuffer_Unlock(s->buffers[i]);
		if (s->buffers[i])
			IMFMediaBuffer_Release(s->buffers[i]);
	}
	free(s->buffers);
	free(s->iov);
	free(s->attrs);
}

/*
 * The sample is read under its store lock, so that the header, the
 * attributes and the list of buffers agree; the bytes are written after,
 * from the buffers still held and locked.
 */
static HRESULT snapshot_take(IMFSample *sample, struct snapshot *s)
{
	HRESULT hr;

	hr = IMFSample_LockStore(sample);
	if (FAILED(hr))
		return hr;
	hr = snapshot_take_locked(sample, s);
	IMFSample_UnlockStore(sample);
	return hr;
}

HRESULT pmp_sample_serialize(IMFSample *sample, int *fd, DWORD *size)
{
	return pmp_sample_serialize_inline(sample, NULL, 0, NULL, fd, size);
}

HRESULT pmp_sample_serialize_inline(IMFSample *sample, BYTE *buf, DWORD room,
				    DWORD *length, int *fd, DWORD *size)
{
	struct snapshot s = { 0 };
	DWORD total, i;
	HRESULT hr;

	if (!fd || !size || (room && (!buf || !length)))
		return E_POINTER;
	*fd = -1;
	*size = 0;
	if (length)
		*length = 0;
	if (!sample)
		return E_POINTER;
	hr = snapshot_take(sample, &s);
	if (FAILED(hr))
		goto out;
	total = HEADER_SIZE + s.h.attrs_size + s.h.payload_size;
	if (total <= room) {
		for (i = 0, total = 0; i < s.count + 2; i++) {
			if (s.iov[i].iov_len)
				memcpy(buf + total, s.iov[i].iov_base,
				       s.iov[i].iov_len);
			total += s.iov[i].iov_len;
		}
		*length = total;
		goto out;
	}
	hr = pmp_hresult_from_errno(
		pmp_memfd_seal_newv(s.iov, (size_t)s.count + 2, fd));
	if (SUCCEEDED(hr))
		*size = total;
out:
	snapshot_release(&s);
	return hr;
}

/* ---- reading ---- */

/* The header of a blob of @size bytes, checked; E_INVALIDARG if bad. */
static HRESULT decode_header(const UINT8 p[HEADER_SIZE], DWORD size,
			     struct sample_header *h)
{
	if (get_u32(p + OFF_MAGIC) != SAMPLE_MAGIC ||
	    get_u32(p + OFF_VERSION) != SAMPLE_VERSION)
		return E_INVALIDARG;
	h->fields = get_u32(p + OFF_FIELDS);
	h->flags = get_u32(p + OFF_FLAGS);
	h->time = (LONGLONG)get_u64(p + OFF_TIME);
	h->duration = (LONGLONG)get_u64(p + OFF_DURATION);
	h->attrs_size = get_u32(p + OFF_ATTRS_SIZE);
	h->payload_size = get_u32(p + OFF_PAYLOAD_SIZE);
	/* What a writer of this version never writes. */
	if ((h->fields & ~SAMPLE_FIELDS) ||
	    (!(h->fields & SAMPLE_HAS_TIME) && h->time) ||
	    (!(h->fields & SAMPLE_HAS_DURATION) && h->duration) ||
	    (!(h->fields & SAMPLE_HAS_BUFFER) && h->payload_size))
		return E_INVALIDARG;
	/* In 64 bits no sum wraps; anything but @size is cut or trailing. */
	if (HEADER_SIZE + (UINT64)h->attrs_size + h->payload_size != size)
		return E_INVALIDARG;
	return S_OK;
}

/* Where a serialized sample is read from: a memfd, or bytes in memory. */
struct source {
	int fd;
	const UINT8 *bytes;
};

/* Copies @size bytes at @offset (checked against the whole by the header). */
static HRESULT source_read(const struct source *src, void *buf, size_t size,
			   off_t offset)
{
	if (src->bytes) {
		memcpy(buf, src->bytes + offset, size);
		return S_OK;
	}
	return pmp_hresult_from_errno(
		pmp_memfd_read_at(src->fd, buf, size, offset));
}

static HRESULT read_attrs(const struct source *src,
			  const struct sample_header *h, IMFSample *sample)
{
	_cleanup_free_ UINT8 *copy = NULL;
	const UINT8 *blob = src->bytes + HEADER_SIZE;
	HRESULT hr;

	if (!src->bytes) {
		copy = malloc(h->attrs_size ? h->attrs_size : 1);
		if (!copy)
			return E_OUTOFMEMORY;
		hr = source_read(src, copy, h->attrs_size, HEADER_SIZE);
		if (FAILED(hr))
			return hr;
		blob = copy;
	}
	hr = MFInitAttributesFromBlob((IMFAttributes *)sample, blob,
				      h->attrs_size);
	if (FAILED(hr) && hr != E_OUTOFMEMORY)
		return E_INVALIDARG;
	return hr;
}

/* The payload, read straight into one new buffer of exactly its length. */
static HRESULT read_payload(const struct source *src,
			    const struct sample_header *h, IMFSample *sample)
{
	IMFMediaBuffer *buffer;
	BYTE *data;
	HRESULT hr;

	/* Every byte is read into it, or it goes unread. */
	hr = pmp_buffer_create_to_fill(h->payload_size, &buffer);
	if (FAILED(hr))
		return hr;
	hr = IMFMediaBuffer_Lock(buffer, &data, NULL, NULL);
	if (SUCCEEDED(hr)) {
		hr = source_read(src, data, h->payload_size,
				 HEADER_SIZE + (off_t)h->attrs_size);
		IMFMediaBuffer_Unlock(buffer);
	}
	if (SUCCEEDED(hr))
		hr = IMFMediaBuffer_SetCurrentLength(buffer, h->payload_size);
	if (SUCCEEDED(hr))
		hr = IMFSample_AddBuffer(sample, buffer);
	IMFMediaBuffer_Release(buffer);
	return hr;
}

/* The sample @src holds, @size bytes long (at least a header's). */
static HRESULT deserialize(const struct source *src, DWORD size,
			   IMFSample **out)
{
	UINT8 raw[HEADER_SIZE];
	struct sample_header h;
	IMFSample *sample;
	HRESULT hr;

	hr = source_read(src, raw, HEADER_SIZE, 0);
	if (FAILED(hr))
		return hr;
	hr = decode_header(raw, size, &h);
	if (FAILED(hr))
		return hr;
	hr = MFCreateSample(&sample);
	if (FAILED(hr))
		return hr;
	hr = read_attrs(src, &h, sample);
	if (SUCCEEDED(hr) && (h.fields & SAMPLE_HAS_TIME))
		hr = IMFSample_SetSampleTime(sample, h.time);
	if (SUCCEEDED(hr) && (h.fields & SAMPLE_HAS_DURATION))
		hr = IMFSample_SetSampleDuration(sample, h.duration);
	if (SUCCEEDED(hr))
		hr = IMFSample_SetSampleFlags(sample, h.flags);
	if (SUCCEEDED(hr) && (h.fields & SAMPLE_HAS_BUFFER))
		hr = read_payload(src, &h, sample);
	if (FAILED(hr)) {
		IMFSample_Release(sample);
		return hr;
	}
	*out = sample;
	return S_OK;
}

HRESULT pmp_sample_deserialize(int fd, DWORD size, DWORD max, IMFSample **out)
{
	struct source src = { .fd = fd };
	int err;

	if (!out)
		return E_POINTER;
	*out = NULL;
	err = pmp_memfd_check(fd, size, max);
	if (!err && size < HEADER_SIZE)
		err = -EINVAL;
	if (err)
		return pmp_hresult_from_errno(err);
	return deserialize(&src, size, out);
}

HRESULT pmp_sample_deserialize_bytes(const BYTE *bytes, DWORD size, DWORD max,
				     IMFSample **out)
{
	struct source src = { .fd = -1, .bytes = bytes };

	if (!out)
		return E_POINTER;
	*out = NULL;
	if (!bytes)
		return E_POINTER;
	if (size < HEADER_SIZE || size > max)
		return E_INVALIDARG;
	return deserialize(&src, size, out);
}
