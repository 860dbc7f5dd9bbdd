// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * session_keys.c - the keys a session's decryptors see: its key store
 * (keys.c) behind a lookup that remembers the last key id it missed, so
 * that the MEError a missing key causes can name it
 *
 * A decryptor only passes MF_E_LICENSE_REQUIRED on; the session asks the
 * lookup which key id that was.  One session, one lookup: with several
 * streams the one named is the latest miss, which is the one that failed
 * the presentation (a failure stops the worker).
 */

#define COBJMACROS
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "mferror.h"
#include "pmpmedia.h"

#include "mf.h"
#include "session_host.h"

struct key_lookup {
	IPmpKeyStore IPmpKeyStore_iface;
	atomic_long refcount;
	IPmpKeyStore *store;
	pthread_mutex_t lock;
	BYTE missing[16];
	bool has_missing;
};

static const IPmpKeyStoreVtbl lookup_vtbl;

static struct key_lookup *impl_from_IPmpKeyStore(IPmpKeyStore *iface)
{
	return (struct key_lookup *)iface;
}

static HRESULT STDMETHODCALLTYPE lookup_QueryInterface(IPmpKeyStore *iface,
						       REFIID riid, void **ppv)
{
	return pmp_query_one(iface, riid, &IID_IPmpKeyStore, ppv);
}

static ULONG STDMETHODCALLTYPE lookup_AddRef(IPmpKeyStore *iface)
{
	return atomic_fetch_add(&impl_from_IPmpKeyStore(iface)->refcount, 1) +
	       1;
}

static ULONG STDMETHODCALLTYPE lookup_Release(IPmpKeyStore *iface)
{
	struct key_lookup *l = impl_from_IPmpKeyStore(iface);
	long refs = atomic_fetch_sub(&l->refcount, 1) - 1;

	if (!refs) {
		IPmpKeyStore_Release(l->store);
		pthread_mutex_destroy(&l->lock);
		free(l);
	}
	return refs;
}

static HRESULT STDMETHODCALLTYPE lookup_GetKey(IPmpKeyStore *iface,
					       const BYTE kid[16], BYTE key[16])
{
	struct key_lookup *l = impl_from_IPmpKeyStore(iface);
	HRESULT hr = IPmpKeyStore_GetKey(l->store, kid, key);

	if (hr == MF_E_LICENSE_REQUIRED) {
		pthread_mutex_lock(&l->lock);
		memcpy(l->missing, kid, sizeof(l->missing));
		l->has_missing = true;
		pthread_mutex_unlock(&l->lock);
	}
	return hr;
}

static const IPmpKeyStoreVtbl lookup_vtbl = {
	.QueryInterface = lookup_QueryInterface,
	.AddRef = lookup_AddRef,
	.Release = lookup_Release,
	.GetKey = lookup_GetKey,
};

HRESULT pmp_key_lookup_create(IPmpKeyStore *store, IPmpKeyStore **out)
{
	struct key_lookup *l = calloc(1, sizeof(*l));

	*out = NULL;
	if (!l)
		return E_OUTOFMEMORY;
	l->IPmpKeyStore_iface.lpVtbl = &lookup_vtbl;
	atomic_init(&l->refcount, 1);
	pthread_mutex_init(&l->lock, NULL);
	l->store = store;
	IPmpKeyStore_AddRef(store);
	*out = &l->IPmpKeyStore_iface;
	return S_OK;
}

bool pmp_key_lookup_missing(IPmpKeyStore *lookup, BYTE kid[16])
{
	struct key_lookup *l = impl_from_IPmpKeyStore(lookup);
	bool have;

	if (lookup->lpVtbl != &lookup_vtbl)
		return false;
	pthread_mutex_lock(&l->lock);
	have = l->has_missing;
	if (have)
		memcpy(kid, l->missing, sizeof(l->missing));
	pthread_mutex_unlock(&l->lock);
	return have;
}
