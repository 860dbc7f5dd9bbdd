/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sample_blob.h - samples by value: a media sample in a sealed memfd or in
 * a call's bytes (not installed)
 *
 * What crosses between a client and a PMP process is the sample's time,
 * duration, flags, attributes (but IUnknown values) and the bytes of its
 * buffers, joined; Documentation/userspace-api/mf.rst, "Samples by value".
 */

#ifndef PMP_LIB_MF_SAMPLE_BLOB_H
#define PMP_LIB_MF_SAMPLE_BLOB_H

#include "mfobjects.h"

/**
 * pmp_sample_serialize - a sample in a new memfd, sealed every way
 * @sample: the sample; held still (IMFAttributes::LockStore) while it is
 *	read, its buffers locked while their bytes are copied
 * @fd: the memfd (MFD_CLOEXEC, sealed against writing, growing, shrinking
 *	and sealing), the caller's to close; -1 on failure
 * @size: its size in bytes; 0 on failure
 *
 * Return: S_OK; E_POINTER (a NULL argument); E_INVALIDARG (the whole would
 * be more than a DWORD of bytes); E_OUTOFMEMORY; a failure of @sample's or
 * of a buffer's methods (but MF_E_NO_SAMPLE_TIMESTAMP and
 * MF_E_NO_SAMPLE_DURATION, which travel as "unset"); memfd_create's error
 * through pmp_hresult_from_errno().
 */
HRESULT pmp_sample_serialize(IMFSample *sample, int *fd, DWORD *size);

/**
 * pmp_sample_serialize_inline - a sample by value in @buf if it fits there,
 *	else in a new sealed memfd as pmp_sample_serialize() makes it
 * @sample: as pmp_sample_serialize()'s
 * @buf, @room: where the bytes go when they are at most @room (0: never)
 * @length: the bytes written to @buf, 0 when the sample went in a memfd
 *	(may be NULL when @room is 0)
 * @fd, @size: as pmp_sample_serialize()'s, -1 and 0 when @buf holds it
 *
 * Return: as pmp_sample_serialize(), E_POINTER for a NULL @buf or @length
 * with a @room.
 */
HRESULT pmp_sample_serialize_inline(IMFSample *sample, BYTE *buf, DWORD room,
				    DWORD *length, int *fd, DWORD *size);

/**
 * pmp_sample_deserialize - a new sample (MFCreateSample) from a memfd that
 *	pmp_sample_serialize() could have written
 * @fd: a memfd sealed against writing, growing and shrinking, at least
 *	@size bytes long; the caller keeps it
 * @size: the bytes of the sample, from offset 0
 * @max: the most the caller accepts for @size
 * @out: the sample, with one buffer (MFCreateMemoryBuffer) of exactly the
 *	payload's length, or none if the serialized sample had none; NULL on
 *	failure
 *
 * Return: S_OK; E_POINTER (@out NULL); E_INVALIDARG (@fd not such a memfd,
 * @size 0, above @max or beyond the memfd, anything malformed);
 * E_OUTOFMEMORY; a read error through pmp_hresult_from_errno() (E_FAIL
 * for bytes that were not there).
 */
HRESULT pmp_sample_deserialize(int fd, DWORD size, DWORD max, IMFSample **out);

/**
 * pmp_sample_deserialize_bytes - the same from @size bytes at @bytes, which
 *	must not change while they are read (a received message's)
 *
 * Return: as pmp_sample_deserialize(); E_POINTER for NULL @bytes,
 * E_INVALIDARG for a @size below a header's or above @max.
 */
HRESULT pmp_sample_deserialize_bytes(const BYTE *bytes, DWORD size, DWORD max,
				     IMFSample **out);

#endif /* PMP_LIB_MF_SAMPLE_BLOB_H */
