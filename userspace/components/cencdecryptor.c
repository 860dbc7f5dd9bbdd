// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cencdecryptor.c - CLSID_PmpCencDecryptor: Common Encryption 'cenc'
 * (AES-128-CTR) samples in, clear samples out, with the keys of the
 * session's key store
 *
 * A sample is encrypted when it has MFSampleExtension_Content_KeyID; it
 * then needs its IV (MFSampleExtension_Encryption_SampleID) and may have
 * a subsample map (MFSampleExtension_Encryption_SubSample_Mapping; none:
 * the whole sample is protected).  The key id is the GUID libpmp's source
 * makes of the file's 16 bytes (source.c): its string form is the key
 * id's hex, so Data1, Data2 and Data3 hold the first 8 bytes big-endian.
 * The clear sample comes out in a secure buffer (secure_buffer.c) with
 * the encrypted one's time, duration, flags and attributes, less the
 * encryption attributes; a sample without a key id is clear already and
 * passes as it is.  One sample is held at most.
 *
 * The store is asked for the key of every sample, so that a key a later
 * license replaced is used from then on; the decryption context is made
 * again only when the key changed.
 */

#define COBJMACROS
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "mfapi.h"
#include "mferror.h"
#include "pmpmedia.h"

#include "cenc.h"
#include "media.h"
#include "media_sample.h"
#include "media_transform.h"
#include "secure_buffer.h"

_Static_assert(sizeof(struct pmp_cenc_subsample) == 2 * sizeof(DWORD),
	       "the map is Media Foundation's DWORD pairs");

/* What a clear sample no longer carries. */
static const GUID *const encryption_attributes[] = {
	&MFSampleExtension_Content_KeyID,
	&MFSampleExtension_Encryption_SampleID,
	&MFSampleExtension_Encryption_SubSample_Mapping,
	&MFSampleExtension_Encryption_ProtectionScheme,
	&MFSampleExtension_Encryption_CryptByteBlock,
	&MFSampleExtension_Encryption_SkipByteBlock,
};

/*
 * @cenc: the context of the last key used, @key that key (wiped when it
 *	goes), NULL before the first encrypted sample
 * @held: the sample ProcessOutput gives next
 */
struct cenc_decryptor {
	struct media_transform t;
	IPmpKeyStore *keys;
	struct pmp_cenc *cenc;
	BYTE key[PMP_CENC_KEY_SIZE];
	IMFSample *held;
};

/* One sample's encryption, as its attributes say. */
struct sample_crypto {
	BYTE kid[PMP_CENC_KID_SIZE];
	BYTE iv[16];
	UINT32 iv_size;
	struct pmp_cenc_subsample *map;
	size_t entries;
};

static struct cenc_decryptor *impl_from_transform(struct media_transform *t)
{
	return (struct cenc_decryptor *)t;
}

static void kid_from_guid(const GUID *g, BYTE kid[PMP_CENC_KID_SIZE])
{
	kid[0] = g->Data1 >> 24;
	kid[1] = g->Data1 >> 16;
	kid[2] = g->Data1 >> 8;
	kid[3] = g->Data1;
	kid[4] = g->Data2 >> 8;
	kid[5] = g->Data2;
	kid[6] = g->Data3 >> 8;
	kid[7] = g->Data3;
	memcpy(kid + 8, g->Data4, 8);
}

static HRESULT decryptor_open(struct media_transform *t, IMFAttributes *node)
{
	struct cenc_decryptor *d = impl_from_transform(t);

	if (FAILED(IMFAttributes_GetUnknown(node, &PMP_TRANSFORM_KEY_STORE,
					    &IID_IPmpKeyStore,
					    (void **)&d->keys)))
		return E_INVALIDARG;
	return S_OK;
}

static void drop_held(struct cenc_decryptor *d)
{
	if (d->held)
		IMFSample_Release(d->held);
	d->held = NULL;
}

/* Any type: its samples come out the same, in clear. */
static HRESULT decryptor_set_input_type(struct media_transform *t,
					IMFMediaType *type, IMFMediaType **out)
{
	IMFMediaType *copy = NULL;
	GUID major;
	HRESULT hr;

	if (FAILED(IMFMediaType_GetGUID(type, &MF_MT_MAJOR_TYPE, &major)))
		return MF_E_INVALIDMEDIATYPE;
	hr = MFCreateMediaType(&copy);
	if (SUCCEEDED(hr))
		hr = IMFMediaType_CopyAllItems(type, (IMFAttributes *)copy);
	if (FAILED(hr)) {
		if (copy)
			IMFMediaType_Release(copy);
		return hr;
	}
	drop_held(impl_from_transform(t));
	*out = copy;
	return S_OK;
}

/*
 * 'cenc' only: the CBC schemes and the pattern of 'cens' are another
 * cipher use than cenc.c's.
 */
static HRESULT check_scheme(IMFSample *sample)
{
	UINT32 scheme, crypt;

	if (SUCCEEDED(IMFSample_GetUINT32(
		    sample, &MFSampleExtension_Encryption_ProtectionScheme,
		    &scheme)) &&
	    scheme != MF_SAMPLE_ENCRYPTION_PROTECTION_SCHEME_AES_CTR)
		return MF_E_UNSUPPORTED_FORMAT;
	if (SUCCEEDED(IMFSample_GetUINT32(
		    sample, &MFSampleExtension_Encryption_CryptByteBlock,
		    &crypt)) &&
	    crypt)
		return MF_E_UNSUPPORTED_FORMAT;
	return S_OK;
}

/* Reads @sample's IV and map; MF_E_INVALID_STREAM_DATA if malformed. */
static HRESULT read_crypto(IMFSample *sample, const GUID *kid,
			   struct sample_crypto *c)
{
	UINT32 size = 0;
	HRESULT hr;

	kid_from_guid(kid, c->kid);
	if (FAILED(IMFSample_GetBlobSize(
		    sample, &MFSampleExtension_Encryption_SampleID, &size)) ||
	    (size != 8 && size != 16))
		return MF_E_INVALID_STREAM_DATA;
	hr = IMFSample_GetBlob(sample, &MFSampleExtension_Encryption_SampleID,
			       c->iv, sizeof(c->iv), &c->iv_size);
	if (FAILED(hr))
		return hr;
	hr = IMFSample_GetBlobSize(
		sample, &MFSampleExtension_Encryption_SubSample_Mapping, &size);
	if (hr == MF_E_ATTRIBUTENOTFOUND)
		return S_OK;
	if (FAILED(hr) || !size || size % sizeof(*c->map))
		return MF_E_INVALID_STREAM_DATA;
	c->map = malloc(size);
	if (!c->map)
		return E_OUTOFMEMORY;
	c->entries = size / sizeof(*c->map);
	return IMFSample_GetBlob(sample,
				 &MFSampleExtension_Encryption_SubSample_Mapping,
				 (UINT8 *)c->map, size, NULL);
}

/* The context for the key of @kid, made again when the key changed. */
static HRESULT use_key(struct cenc_decryptor *d, const BYTE *kid)
{
	BYTE key[PMP_CENC_KEY_SIZE];
	struct pmp_cenc *cenc;
	HRESULT hr;
	int err;

	/* MF_E_LICENSE_REQUIRED as it is: the session names the key id. */
	hr = IPmpKeyStore_GetKey(d->keys, kid, key);
	if (FAILED(hr))
		goto out;
	if (d->cenc && !CRYPTO_memcmp(key, d->key, sizeof(key)))
		goto out;
	err = pmp_cenc_new(key, &cenc);
	hr = media_hresult(err, E_FAIL);
	if (FAILED(hr))
		goto out;
	pmp_cenc_free(d->cenc);
	d->cenc = cenc;
	memcpy(d->key, key, sizeof(key));
out:
	OPENSSL_cleanse(key, sizeof(key));
	return hr;
}

/* A new sample: @in's timing and attributes but the encryption's. */
static HRESULT clear_sample(IMFSample *in, IMFMediaBuffer *clear,
			    bool secret, IMFSample **out)
{
	HRESULT hr;
	size_t i;

	hr = media_sample_new(in, clear, out);
	if (SUCCEEDED(hr))
		hr = IMFSample_CopyAllItems(in, (IMFAttributes *)*out);
	if (SUCCEEDED(hr))
		hr = IMFSample_SetUINT32(*out, &PMP_SAMPLE_SECRET_MEMORY, secret);
	for (i = 0; SUCCEEDED(hr) && i < ARRAY_SIZE(encryption_attributes);
	     i++)
		hr = IMFSample_DeleteItem(*out, encryption_attributes[i]);
	if (FAILED(hr) && *out) {
		IMFSample_Release(*out);
		*out = NULL;
	}
	return hr;
}

/* Decrypts @in by @c into a new secure buffer. */
static HRESULT decrypt(struct cenc_decryptor *d, IMFSample *in,
		       const struct sample_crypto *c, IMFMediaBuffer **out,
		       bool *secret)
{
	struct media_bytes bytes;
	IMFMediaBuffer *clear;
	BYTE *data;
	HRESULT hr;
	int err;

	hr = media_bytes_lock(in, &bytes);
	if (FAILED(hr))
		return hr;
	/* pmp_cenc_decrypt writes every byte, or the buffer goes unread. */
	hr = secure_buffer_create_to_fill(bytes.size, &clear, secret);
	if (FAILED(hr))
		goto out;
	IMFMediaBuffer_Lock(clear, &data, NULL, NULL);
	err = pmp_cenc_decrypt(d->cenc, c->iv, c->iv_size, c->map, c->entries,
			       bytes.data, data, bytes.size);
	IMFMediaBuffer_Unlock(clear);
	hr = media_hresult(err, MF_E_INVALID_STREAM_DATA);
	if (SUCCEEDED(hr))
		hr = IMFMediaBuffer_SetCurrentLength(clear, bytes.size);
	if (FAILED(hr)) {
		IMFMediaBuffer_Release(clear);
		goto out;
	}
	*out = clear;
out:
	media_bytes_unlock(&bytes);
	return hr;
}

static HRESULT decryptor_process_input(struct media_transform *t,
				       IMFSample *sample)
{
	struct cenc_decryptor *d = impl_from_transform(t);
	struct sample_crypto c = { .map = NULL };
	IMFMediaBuffer *clear = NULL;
	bool secret = false;
	GUID kid;
	HRESULT hr;

	if (d->held)
		return MF_E_NOTACCEPTING;
	hr = IMFSample_GetGUID(sample, &MFSampleExtension_Content_KeyID, &kid);
	if (hr == MF_E_ATTRIBUTENOTFOUND) {
		IMFSample_AddRef(sample);
		d->held = sample;
		return S_OK;
	}
	if (FAILED(hr))
		return MF_E_INVALID_STREAM_DATA;
	hr = check_scheme(sample);
	if (SUCCEEDED(hr))
		hr = read_crypto(sample, &kid, &c);
	if (SUCCEEDED(hr))
		hr = use_key(d, c.kid);
	if (SUCCEEDED(hr))
		hr = decrypt(d, sample, &c, &clear, &secret);
	if (SUCCEEDED(hr))
		hr = clear_sample(sample, clear, secret, &d->held);
	if (clear)
		IMFMediaBuffer_Release(clear);
	free(c.map);
	return hr;
}

static HRESULT decryptor_process_output(struct media_transform *t,
					IMFSample **out)
{
	struct cenc_decryptor *d = impl_from_transform(t);

	if (!d->held)
		return MF_E_TRANSFORM_NEED_MORE_INPUT;
	*out = d->held;
	d->held = NULL;
	return S_OK;
}

static HRESULT decryptor_flush(struct media_transform *t)
{
	drop_held(impl_from_transform(t));
	return S_OK;
}

static void decryptor_destroy(struct media_transform *t)
{
	struct cenc_decryptor *d = impl_from_transform(t);

	drop_held(d);
	if (d->keys)
		IPmpKeyStore_Release(d->keys);
	pmp_cenc_free(d->cenc);
	OPENSSL_cleanse(d->key, sizeof(d->key));
	free(d);
}

static const struct media_transform_ops decryptor_ops = {
	.open = decryptor_open,
	.set_input_type = decryptor_set_input_type,
	.process_input = decryptor_process_input,
	.process_output = decryptor_process_output,
	.flush = decryptor_flush,
	.destroy = decryptor_destroy,
};

HRESULT media_cenc_decryptor_create(REFIID riid, void **ppv)
{
	struct cenc_decryptor *d = calloc(1, sizeof(*d));

	if (!d)
		return E_OUTOFMEMORY;
	return media_transform_hand_out(&d->t, &decryptor_ops, riid, ppv);
}
