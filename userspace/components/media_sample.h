/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * media_sample.h - what libpmp-media's classes do with samples: their
 * bytes in one piece, new samples timed like others, the media core's
 * errors as HRESULTs
 */

#ifndef PMP_COMPONENTS_MEDIA_SAMPLE_H
#define PMP_COMPONENTS_MEDIA_SAMPLE_H

#include "mfobjects.h"

/**
 * struct media_bytes - a sample's bytes, in one piece and locked
 * @buffer: the buffer holding them, one reference
 * @data: the first byte
 * @size: how many
 */
struct media_bytes {
	IMFMediaBuffer *buffer;
	BYTE *data;
	DWORD size;
};

/**
 * media_sample_join() - one buffer holding all of a sample's bytes
 * @sample: the sample
 * @out: its only buffer when it has one (a new reference), else a secure
 *	buffer (secure_buffer.c) its buffers were copied into, in order:
 *	clear media never lands in ordinary memory on the way
 *
 * Return: S_OK, or the sample's or the buffer's failure.
 */
HRESULT media_sample_join(IMFSample *sample, IMFMediaBuffer **out);

/**
 * media_bytes_lock() - lock a sample's bytes, joined (media_sample_join())
 * @sample: the sample
 * @b: its bytes, to be given back with media_bytes_unlock()
 *
 * Return: S_OK, or the failure of the join or of the lock.
 */
HRESULT media_bytes_lock(IMFSample *sample, struct media_bytes *b);

/* Unlocks and drops what media_bytes_lock() took. */
void media_bytes_unlock(struct media_bytes *b);

/**
 * media_sample_new() - a new sample with @from's time, duration and flags
 * (those it has)
 * @from: the sample whose timing it takes, or NULL for none
 * @buffer: its buffer, or NULL for none
 * @out: the sample
 *
 * Return: S_OK, or MFCreateSample's or a setter's failure.
 */
HRESULT media_sample_new(IMFSample *from, IMFMediaBuffer *buffer,
			 IMFSample **out);

/**
 * media_hresult() - a media core failure (a negative errno) as an HRESULT
 * @err: the errno value
 * @data: what stands for bad input (-EINVAL, -EBADMSG) in the caller's
 *	context: MF_E_INVALID_STREAM_DATA for a sample, MF_E_INVALIDMEDIATYPE
 *	for a media type
 *
 * Return: S_OK for 0, E_OUTOFMEMORY for -ENOMEM, @data for bad input,
 * E_FAIL for anything else.
 */
HRESULT media_hresult(int err, HRESULT data);

/* A ratio attribute (MF_MT_FRAME_SIZE and kin): high and low halves. */
static inline UINT32 media_hi32(UINT64 v)
{
	return (UINT32)(v >> 32);
}

static inline UINT32 media_lo32(UINT64 v)
{
	return (UINT32)v;
}

#endif /* PMP_COMPONENTS_MEDIA_SAMPLE_H */
