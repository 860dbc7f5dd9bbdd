// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * clearkey.c - libpmp-clearkey.so: CLSID_PmpClearKeyDecryptor, AES-128-CTR
 * decryption of ClearKey (CENC 'cenc') content with OpenSSL's libcrypto
 *
 * Keys stay in the object, wiped when it goes; payloads travel in sealed
 * memfds.  Nothing here logs.  The cipher is fetched when the component is
 * loaded, before a sandboxed host seals its seccomp filter, so that no
 * later call needs the file system.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#define COBJMACROS
#include "pmpsamples.h"

#include "factory.h"
#include "unknown.h"

#define CLEARKEY_MAX_KEYS 64
#define CLEARKEY_IN_SEALS (F_SEAL_SHRINK | F_SEAL_WRITE)
#define CLEARKEY_OUT_SEALS                                                     \
	(F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL)
/* EVP_DecryptUpdate() takes an int length. */
#define CLEARKEY_CHUNK (1u << 30)

static EVP_CIPHER *aes_128_ctr;

/* Kept for the life of the process: OpenSSL may be cleaned up first. */
__attribute__((constructor)) static void clearkey_init(void)
{
	aes_128_ctr = EVP_CIPHER_fetch(NULL, "AES-128-CTR", NULL);
}

struct clearkey_key {
	BYTE kid[16];
	BYTE key[16];
};

struct decryptor {
	IPmpClearKeyDecryptor IPmpClearKeyDecryptor_iface;
	unsigned int refs;
	pthread_mutex_t lock;
	unsigned int nkeys;
	struct clearkey_key keys[CLEARKEY_MAX_KEYS];
};

static struct decryptor *
impl_from_IPmpClearKeyDecryptor(IPmpClearKeyDecryptor *iface)
{
	return (struct decryptor *)iface;
}

static HRESULT STDMETHODCALLTYPE
decryptor_QueryInterface(IPmpClearKeyDecryptor *iface, REFIID riid, void **ppv)
{
	return component_query_interface((IUnknown *)iface,
					 &IID_IPmpClearKeyDecryptor, riid, ppv);
}

static ULONG STDMETHODCALLTYPE decryptor_AddRef(IPmpClearKeyDecryptor *iface)
{
	return component_add_ref(&impl_from_IPmpClearKeyDecryptor(iface)->refs);
}

static ULONG STDMETHODCALLTYPE decryptor_Release(IPmpClearKeyDecryptor *iface)
{
	struct decryptor *dec = impl_from_IPmpClearKeyDecryptor(iface);
	ULONG refs = component_release(&dec->refs);

	if (!refs) {
		OPENSSL_cleanse(dec->keys, sizeof(dec->keys));
		pthread_mutex_destroy(&dec->lock);
		free(dec);
	}
	return refs;
}

static HRESULT STDMETHODCALLTYPE decryptor_SetKey(IPmpClearKeyDecryptor *iface,
						  const BYTE kid[16],
						  const BYTE key[16])
{
	struct decryptor *dec = impl_from_IPmpClearKeyDecryptor(iface);
	HRESULT hr = S_OK;
	unsigned int i;

	if (!kid || !key)
		return E_POINTER;
	pthread_mutex_lock(&dec->lock);
	for (i = 0; i < dec->nkeys; i++)
		if (!memcmp(dec->keys[i].kid, kid, 16))
			break;
	if (i == CLEARKEY_MAX_KEYS) {
		hr = E_OUTOFMEMORY;
	} else {
		memcpy(dec->keys[i].kid, kid, 16);
		memcpy(dec->keys[i].key, key, 16);
		if (i == dec->nkeys)
			dec->nkeys++;
	}
	pthread_mutex_unlock(&dec->lock);
	return hr;
}

static bool decryptor_find_key(struct decryptor *dec, const BYTE kid[16],
			       BYTE key[16])
{
	unsigned int i;
	bool found = false;

	pthread_mutex_lock(&dec->lock);
	for (i = 0; i < dec->nkeys && !found; i++) {
		if (!memcmp(dec->keys[i].kid, kid, 16)) {
			memcpy(key, dec->keys[i].key, 16);
			found = true;
		}
	}
	pthread_mutex_unlock(&dec->lock);
	return found;
}

/* AES-128-CTR of @size bytes from @src to @dst. */
static HRESULT aes_ctr(const BYTE key[16], const BYTE iv[16],
		       const uint8_t *src, uint8_t *dst, size_t size)
{
	EVP_CIPHER_CTX *ctx;
	HRESULT hr = E_FAIL;
	size_t done = 0;
	int len;

	if (!aes_128_ctr)
		return E_FAIL;
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return E_OUTOFMEMORY;
	if (!EVP_DecryptInit_ex2(ctx, aes_128_ctr, key, iv, NULL))
		goto out;
	while (done < size) {
		size_t chunk = size - done;

		if (chunk > CLEARKEY_CHUNK)
			chunk = CLEARKEY_CHUNK;
		if (!EVP_DecryptUpdate(ctx, dst + done, &len, src + done,
				       (int)chunk) ||
		    (size_t)len != chunk)
			goto out;
		done += chunk;
	}
	if (EVP_DecryptFinal_ex(ctx, dst + done, &len) && !len)
		hr = S_OK;
out:
	EVP_CIPHER_CTX_free(ctx);
	return hr;
}

/* A new memfd holding the decryption of @in_memfd, sealed. */
static HRESULT decrypt_memfd(const BYTE key[16], const BYTE iv[16],
			     int in_memfd, size_t size, int *out_memfd)
{
	void *src = MAP_FAILED, *dst = MAP_FAILED;
	HRESULT hr = E_OUTOFMEMORY;
	int fd;

	fd = memfd_create("pmp-clearkey", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return E_OUTOFMEMORY;
	if (ftruncate(fd, (off_t)size))
		goto out;
	if (size) {
		src = mmap(NULL, size, PROT_READ, MAP_SHARED, in_memfd, 0);
		dst = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
			   0);
		if (src == MAP_FAILED || dst == MAP_FAILED)
			goto out;
		hr = aes_ctr(key, iv, src, dst, size);
	} else {
		hr = S_OK;
	}
out:
	if (src != MAP_FAILED)
		munmap(src, size);
	if (dst != MAP_FAILED)
		munmap(dst, size);
	/* F_SEAL_WRITE needs the writable mapping gone. */
	if (SUCCEEDED(hr) && fcntl(fd, F_ADD_SEALS, CLEARKEY_OUT_SEALS))
		hr = E_FAIL;
	if (FAILED(hr))
		close(fd);
	else
		*out_memfd = fd;
	return hr;
}

static HRESULT STDMETHODCALLTYPE decryptor_Decrypt(IPmpClearKeyDecryptor *iface,
						   const BYTE kid[16],
						   const BYTE iv[16],
						   int in_memfd, DWORD size,
						   int *out_memfd)
{
	struct decryptor *dec = impl_from_IPmpClearKeyDecryptor(iface);
	struct stat st;
	BYTE key[16];
	HRESULT hr;
	int seals;

	if (!out_memfd)
		return E_POINTER;
	*out_memfd = -1;
	if (!kid || !iv)
		return E_POINTER;

	/* Sealed, so that the input cannot change under the cipher. */
	seals = fcntl(in_memfd, F_GET_SEALS);
	if (seals < 0 || (seals & CLEARKEY_IN_SEALS) != CLEARKEY_IN_SEALS)
		return E_INVALIDARG;
	if (fstat(in_memfd, &st) || st.st_size < (off_t)size)
		return E_INVALIDARG;

	if (!decryptor_find_key(dec, kid, key))
		return MF_E_NOT_FOUND;
	hr = decrypt_memfd(key, iv, in_memfd, size, out_memfd);
	OPENSSL_cleanse(key, sizeof(key));
	return hr;
}

static const IPmpClearKeyDecryptorVtbl decryptor_vtbl = {
	.QueryInterface = decryptor_QueryInterface,
	.AddRef = decryptor_AddRef,
	.Release = decryptor_Release,
	.SetKey = decryptor_SetKey,
	.Decrypt = decryptor_Decrypt,
};

static HRESULT decryptor_class_create(REFIID riid, void **ppv)
{
	struct decryptor *dec;

	if (!aes_128_ctr)
		return E_FAIL;
	dec = calloc(1, sizeof(*dec));
	if (!dec)
		return E_OUTOFMEMORY;
	dec->IPmpClearKeyDecryptor_iface.lpVtbl = &decryptor_vtbl;
	dec->refs = 1;
	pthread_mutex_init(&dec->lock, NULL);
	return component_hand_out((IUnknown *)&dec->IPmpClearKeyDecryptor_iface,
				  riid, ppv);
}

const struct component_class component_classes[] = {
	{ &CLSID_PmpClearKeyDecryptor, decryptor_class_create },
	{ NULL, NULL },
};
