// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * hashsink.c - CLSID_PmpHashSink: decoded frames in, a record of each out
 * for the client (its time, its duration, PMP_SAMPLE_FRAME_MD5 and
 * PMP_SAMPLE_FRAME_SIZE; no buffer), so that nothing of a picture leaves
 * the host but its digest
 *
 * The digest is the MD5 of the frame's bytes, its buffers in order, as
 * ffmpeg's framemd5 muxer hashes a rawvideo packet: with frames packed as
 * the decoder packs them (h264decoder.c), the records are ffmpeg's lines
 * once their times go through ffmpeg's clock (framemd5.h).  MD5 is
 * libcrypto's, fetched when the component is loaded, before a host's
 * seccomp filter, so that no later call reads OpenSSL's configuration.
 * Up to HASH_SINK_DEPTH records wait for the client.
 */

#define COBJMACROS
#include <stdlib.h>

#include <openssl/evp.h>

#include "mfapi.h"
#include "mferror.h"
#include "pmpmedia.h"

#include "media.h"
#include "media_sample.h"
#include "media_sink.h"

#define HASH_SINK_DEPTH 256
#define MD5_SIZE 16

static EVP_MD *md5;

__attribute__((constructor)) static void hash_sink_fetch_md5(void)
{
	md5 = EVP_MD_fetch(NULL, "MD5", NULL);
}

/* Hashes buffer @i of @sample into @ctx, adding its length to *@size. */
static HRESULT hash_buffer(IMFSample *sample, DWORD i, EVP_MD_CTX *ctx,
			   DWORD *size)
{
	IMFMediaBuffer *buffer;
	DWORD length = 0;
	BYTE *data;
	HRESULT hr;

	hr = IMFSample_GetBufferByIndex(sample, i, &buffer);
	if (FAILED(hr))
		return hr;
	hr = IMFMediaBuffer_Lock(buffer, &data, NULL, &length);
	if (SUCCEEDED(hr)) {
		if (length > UINT32_MAX - *size)
			hr = MF_E_INVALID_STREAM_DATA;
		else if (!EVP_DigestUpdate(ctx, data, length))
			hr = E_FAIL;
		IMFMediaBuffer_Unlock(buffer);
	}
	IMFMediaBuffer_Release(buffer);
	*size += length;
	return hr;
}

static HRESULT hash_sample(IMFSample *sample, BYTE digest[MD5_SIZE],
			   DWORD *size)
{
	unsigned int digest_size = 0;
	DWORD count = 0, i;
	EVP_MD_CTX *ctx;
	HRESULT hr;

	*size = 0;
	if (!md5)
		return E_FAIL;
	ctx = EVP_MD_CTX_new();
	if (!ctx)
		return E_OUTOFMEMORY;
	hr = EVP_DigestInit_ex2(ctx, md5, NULL) ? S_OK : E_FAIL;
	if (SUCCEEDED(hr))
		hr = IMFSample_GetBufferCount(sample, &count);
	for (i = 0; SUCCEEDED(hr) && i < count; i++)
		hr = hash_buffer(sample, i, ctx, size);
	if (SUCCEEDED(hr) && (!EVP_DigestFinal_ex(ctx, digest, &digest_size) ||
			      digest_size != MD5_SIZE))
		hr = E_FAIL;
	EVP_MD_CTX_free(ctx);
	return hr;
}

static HRESULT hash_sink_record(struct media_sink *s, IMFMediaType *type,
				IMFSample *sample, IMFSample **out)
{
	BYTE digest[MD5_SIZE];
	DWORD size;
	HRESULT hr;

	(void)s;
	(void)type;
	hr = hash_sample(sample, digest, &size);
	if (SUCCEEDED(hr))
		hr = media_sample_new(sample, NULL, out);
	if (FAILED(hr))
		return hr;
	hr = IMFSample_SetBlob(*out, &PMP_SAMPLE_FRAME_MD5, digest,
			       sizeof(digest));
	if (SUCCEEDED(hr))
		hr = IMFSample_SetUINT32(*out, &PMP_SAMPLE_FRAME_SIZE, size);
	if (FAILED(hr)) {
		IMFSample_Release(*out);
		*out = NULL;
	}
	return hr;
}

static void hash_sink_destroy(struct media_sink *s)
{
	free(s);
}

static const struct media_sink_ops hash_sink_ops = {
	.record = hash_sink_record,
	.destroy = hash_sink_destroy,
};

HRESULT media_hash_sink_create(REFIID riid, void **ppv)
{
	struct media_sink *s = calloc(1, sizeof(*s));

	if (!s)
		return E_OUTOFMEMORY;
	return media_sink_hand_out(s, &hash_sink_ops, HASH_SINK_DEPTH, riid,
				   ppv);
}
