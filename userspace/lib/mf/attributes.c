// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * attributes.c - IMFAttributes and MFCreateAttributes
 *
 * A store of PROPVARIANTs keyed by GUID, thread-safe, in the order keys
 * were first set (GetItemByIndex).  struct pmp_attrs is also the first part
 * of every object whose interface derives from IMFAttributes (media
 * events, topology nodes): their vtables start with these methods.
 *
 * Where Microsoft's pages are silent, the results follow Windows as
 * Wine's mfplat tests record it: a missing key is MF_E_ATTRIBUTENOTFOUND
 * for every getter, a key of another type MF_E_INVALIDTYPE, CompareItem
 * of a missing key S_OK with FALSE, DeleteItem of a missing key S_OK.
 */

#define COBJMACROS
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mfapi.h"

#include "../export.h"
#include "mf.h"

static struct pmp_attrs *impl_from_IMFAttributes(IMFAttributes *iface)
{
	return (struct pmp_attrs *)iface;
}

static bool attr_type_ok(VARTYPE vt)
{
	switch (vt) {
	case MF_ATTRIBUTE_UINT32:
	case MF_ATTRIBUTE_UINT64:
	case MF_ATTRIBUTE_DOUBLE:
	case MF_ATTRIBUTE_GUID:
	case MF_ATTRIBUTE_STRING:
	case MF_ATTRIBUTE_BLOB:
	case MF_ATTRIBUTE_IUNKNOWN:
		return true;
	default:
		return false;
	}
}

/* Two values of the attribute types are equal: same type, same content. */
static bool attr_value_equal(const PROPVARIANT *a, const PROPVARIANT *b)
{
	if (a->vt != b->vt)
		return false;
	switch (a->vt) {
	case MF_ATTRIBUTE_UINT32:
		return a->ulVal == b->ulVal;
	case MF_ATTRIBUTE_UINT64:
		return a->uhVal.QuadPart == b->uhVal.QuadPart;
	case MF_ATTRIBUTE_DOUBLE:
		return a->dblVal == b->dblVal;
	case MF_ATTRIBUTE_GUID:
		return IsEqualGUID(a->puuid, b->puuid);
	case MF_ATTRIBUTE_STRING:
		return pmp_wcslen(a->pwszVal) == pmp_wcslen(b->pwszVal) &&
		       !memcmp(a->pwszVal, b->pwszVal,
			       pmp_wcslen(a->pwszVal) * sizeof(WCHAR));
	case MF_ATTRIBUTE_BLOB:
		return a->caub.cElems == b->caub.cElems &&
		       (!a->caub.cElems ||
			!memcmp(a->caub.pElems, b->caub.pElems,
				a->caub.cElems));
	case MF_ATTRIBUTE_IUNKNOWN:
		/* COM identity would need a call into the objects. */
		return a->punkVal == b->punkVal;
	default:
		return false;
	}
}

/* The item of @key, or NULL; the lock is held. */
static struct pmp_attr *attrs_find(struct pmp_attrs *attrs, REFGUID key)
{
	UINT32 i;

	for (i = 0; i < attrs->count; i++)
		if (IsEqualGUID(&attrs->items[i].key, key))
			return &attrs->items[i];
	return NULL;
}

static void attrs_lock(struct pmp_attrs *attrs)
{
	pthread_mutex_lock(&attrs->lock);
}

static void attrs_unlock(struct pmp_attrs *attrs)
{
	pthread_mutex_unlock(&attrs->lock);
}

/* Copies the value of @key out; @vt (if not VT_EMPTY) is the type wanted. */
static HRESULT attrs_get(struct pmp_attrs *attrs, REFGUID key, VARTYPE vt,
			 PROPVARIANT *value)
{
	struct pmp_attr *item;
	HRESULT hr;

	attrs_lock(attrs);
	item = attrs_find(attrs, key);
	if (!item)
		hr = MF_E_ATTRIBUTENOTFOUND;
	else if (vt != VT_EMPTY && item->value.vt != vt)
		hr = MF_E_INVALIDTYPE;
	else
		hr = value ? PropVariantCopy(value, &item->value) : S_OK;
	attrs_unlock(attrs);
	return hr;
}

/* Sets @key to a copy of @value (a type attr_type_ok() accepts). */
static HRESULT attrs_set(struct pmp_attrs *attrs, REFGUID key,
			 const PROPVARIANT *value)
{
	struct pmp_attr *item, *items;
	PROPVARIANT copy;
	HRESULT hr;

	if (!attr_type_ok(value->vt))
		return MF_E_INVALIDTYPE;
	hr = PropVariantCopy(&copy, value);
	if (FAILED(hr))
		return hr;

	attrs_lock(attrs);
	item = attrs_find(attrs, key);
	if (item) {
		PropVariantClear(&item->value);
		item->value = copy;
		goto out;
	}
	if (attrs->count == attrs->capacity) {
		UINT32 cap = attrs->capacity ? attrs->capacity * 2 : 4;

		items = reallocarray(attrs->items, cap, sizeof(*items));
		if (!items) {
			PropVariantClear(&copy);
			hr = E_OUTOFMEMORY;
			goto out;
		}
		attrs->items = items;
		attrs->capacity = cap;
	}
	item = &attrs->items[attrs->count++];
	item->key = *key;
	item->value = copy;
out:
	attrs_unlock(attrs);
	return hr;
}

/**
 * pmp_attrs_items - a copy of every item of a store, through its methods
 * @attrs: any IMFAttributes implementation
 * @out: receives the items (NULL when there are none), for
 *	pmp_attrs_items_free()
 * @count: receives their number
 *
 * Taken under the store's LockStore, so that the copy is consistent;
 * calls into another store are then made without holding this one.
 *
 * Return: S_OK, E_OUTOFMEMORY or the store's error; on failure @out and
 * @count are not written.
 */
HRESULT pmp_attrs_items(IMFAttributes *attrs, struct pmp_attr **out,
			UINT32 *count)
{
	struct pmp_attr *items = NULL;
	UINT32 i = 0, n = 0;
	HRESULT hr;

	hr = IMFAttributes_LockStore(attrs);
	if (FAILED(hr))
		return hr;
	hr = IMFAttributes_GetCount(attrs, &n);
	if (SUCCEEDED(hr) && n) {
		items = calloc(n, sizeof(*items));
		if (!items)
			hr = E_OUTOFMEMORY;
	}
	for (i = 0; SUCCEEDED(hr) && i < n; i++)
		hr = IMFAttributes_GetItemByIndex(attrs, i, &items[i].key,
						  &items[i].value);
	IMFAttributes_UnlockStore(attrs);
	if (FAILED(hr)) {
		pmp_attrs_items_free(items, items ? n : 0);
		return hr;
	}
	*out = items;
	*count = n;
	return S_OK;
}

/**
 * pmp_attrs_items_free - free what pmp_attrs_items() returned
 * @items: the items, or NULL
 * @count: their number
 */
void pmp_attrs_items_free(struct pmp_attr *items, UINT32 count)
{
	UINT32 i;

	for (i = 0; i < count; i++)
		PropVariantClear(&items[i].value);
	free(items);
}

/* ---- IUnknown ---- */

static HRESULT STDMETHODCALLTYPE attrs_QueryInterface(IMFAttributes *iface,
						      REFIID riid, void **ppv)
{
	struct pmp_attrs *attrs = impl_from_IMFAttributes(iface);

	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	if (!riid)
		return E_POINTER;
	if (IsEqualIID(riid, &IID_IUnknown) ||
	    IsEqualIID(riid, &IID_IMFAttributes) ||
	    (attrs->iid && IsEqualIID(riid, attrs->iid))) {
		*ppv = iface;
	} else {
		return E_NOINTERFACE;
	}
	IMFAttributes_AddRef(iface);
	return S_OK;
}

static ULONG STDMETHODCALLTYPE attrs_AddRef(IMFAttributes *iface)
{
	struct pmp_attrs *attrs = impl_from_IMFAttributes(iface);

	return atomic_fetch_add(&attrs->refcount, 1) + 1;
}

static ULONG STDMETHODCALLTYPE attrs_Release(IMFAttributes *iface)
{
	struct pmp_attrs *attrs = impl_from_IMFAttributes(iface);
	long n = atomic_fetch_sub(&attrs->refcount, 1) - 1;

	if (!n)
		attrs->destroy(attrs);
	return n;
}

/* ---- getters ---- */

static HRESULT STDMETHODCALLTYPE attrs_GetItem(IMFAttributes *iface,
					       REFGUID guidKey,
					       PROPVARIANT *pValue)
{
	/* A NULL @pValue only asks whether the key is there. */
	return attrs_get(impl_from_IMFAttributes(iface), guidKey, VT_EMPTY,
			 pValue);
}

static HRESULT STDMETHODCALLTYPE attrs_GetItemType(IMFAttributes *iface,
						   REFGUID guidKey,
						   MF_ATTRIBUTE_TYPE *pType)
{
	struct pmp_attrs *attrs = impl_from_IMFAttributes(iface);
	struct pmp_attr *item;
	HRESULT hr = S_OK;

	if (!pType)
		return E_POINTER;
	attrs_lock(attrs);
	item = attrs_find(attrs, guidKey);
	if (item)
		*pType = (MF_ATTRIBUTE_TYPE)item->value.vt;
	else
		hr = MF_E_ATTRIBUTENOTFOUND;
	attrs_unlock(attrs);
	return hr;
}

static HRESULT STDMETHODCALLTYPE attrs_CompareItem(IMFAttributes *iface,
						   REFGUID guidKey,
						   REFPROPVARIANT Value,
						   BOOL *pbResult)
{
	struct pmp_attrs *attrs = impl_from_IMFAttributes(iface);
	struct pmp_attr *item;

	if (!Value || !pbResult)
		return E_POINTER;
	attrs_lock(attrs);
	item = attrs_find(attrs, guidKey);
	*pbResult = item && attr_value_equal(&item->value, Value);
	attrs_unlock(attrs);
	return S_OK;
}

/* Every item of @items is in @other with the same value. */
static HRESULT items_in(const struct pmp_attr *items, UINT32 count,
			IMFAttributes *other, BOOL *result)
{
	HRESULT hr;
	UINT32 i;

	*result = TRUE;
	for (i = 0; i < count && *result; i++) {
		hr = IMFAttributes_CompareItem(other, &items[i].key,
					       &items[i].value, result);
		if (FAILED(hr))
			return hr;
	}
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE attrs_Compare(IMFAttributes *iface,
					       IMFAttributes *pTheirs,
					       MF_ATTRIBUTES_MATCH_TYPE MatchType,
					       BOOL *pbResult)
{
	struct pmp_attr *ours, *theirs = NULL;
	UINT32 n_ours, n_theirs = 0, i;
	BOOL match = FALSE;
	PROPVARIANT v;
	HRESULT hr;

	if (!pTheirs || !pbResult)
		return E_POINTER;
	if ((unsigned int)MatchType > MF_ATTRIBUTES_MATCH_SMALLER)
		return E_INVALIDARG;
	*pbResult = FALSE;

	/* Neither store's lock is held while the other is called. */
	hr = pmp_attrs_items(iface, &ours, &n_ours);
	if (FAILED(hr))
		return hr;
	hr = pmp_attrs_items(pTheirs, &theirs, &n_theirs);
	if (FAILED(hr))
		goto out;

	if (MatchType == MF_ATTRIBUTES_MATCH_SMALLER)
		MatchType = n_ours <= n_theirs ? MF_ATTRIBUTES_MATCH_OUR_ITEMS :
						 MF_ATTRIBUTES_MATCH_THEIR_ITEMS;
	switch (MatchType) {
	case MF_ATTRIBUTES_MATCH_OUR_ITEMS:
		hr = items_in(ours, n_ours, pTheirs, &match);
		break;
	case MF_ATTRIBUTES_MATCH_THEIR_ITEMS:
		hr = items_in(theirs, n_theirs, iface, &match);
		break;
	case MF_ATTRIBUTES_MATCH_ALL_ITEMS:
		match = n_ours == n_theirs;
		if (match)
			hr = items_in(ours, n_ours, pTheirs, &match);
		break;
	case MF_ATTRIBUTES_MATCH_INTERSECTION:
		match = TRUE;
		for (i = 0; i < n_ours && match; i++) {
			PropVariantInit(&v);
			if (FAILED(IMFAttributes_GetItem(pTheirs, &ours[i].key,
							 &v)))
				continue;
			match = attr_value_equal(&ours[i].value, &v);
			PropVariantClear(&v);
		}
		break;
	default:
		break;
	}
	if (SUCCEEDED(hr))
		*pbResult = match;
out:
	pmp_attrs_items_free(ours, n_ours);
	pmp_attrs_items_free(theirs, n_theirs);
	return hr;
}

static HRESULT STDMETHODCALLTYPE attrs_GetUINT32(IMFAttributes *iface,
						 REFGUID guidKey,
						 UINT32 *punValue)
{
	PROPVARIANT v;
	HRESULT hr;

	if (!punValue)
		return E_POINTER;
	hr = attrs_get(impl_from_IMFAttributes(iface), guidKey,
		       MF_ATTRIBUTE_UINT32, &v);
	if (SUCCEEDED(hr))
		*punValue = v.ulVal;
	return hr;
}

static HRESULT STDMETHODCALLTYPE attrs_GetUINT64(IMFAttributes *iface,
						 REFGUID guidKey,
						 UINT64 *punValue)
{
	PROPVARIANT v;
	HRESULT hr;

	if (!punValue)
		return E_POINTER;
	hr = attrs_get(impl_from_IMFAttributes(iface), guidKey,
		       MF_ATTRIBUTE_UINT64, &v);
	if (SUCCEEDED(hr))
		*punValue = v.uhVal.QuadPart;
	return hr;
}

static HRESULT STDMETHODCALLTYPE attrs_GetDouble(IMFAttributes *iface,
						 REFGUID guidKey,
						 double *pfValue)
{
	PROPVARIANT v;
	HRESULT hr;

	if (!pfValue)
		return E_POINTER;
	hr = attrs_get(impl_from_IMFAttributes(iface), guidKey,
		       MF_ATTRIBUTE_DOUBLE, &v);
	if (SUCCEEDED(hr))
		*pfValue = v.dblVal;
	return hr;
}

static HRESULT STDMETHODCALLTYPE attrs_GetGUID(IMFAttributes *iface,
					       REFGUID guidKey,
					       GUID *pguidValue)
{
	PROPVARIANT v;
	HRESULT hr;

	if (!pguidValue)
		return E_POINTER;
	hr = attrs_get(impl_from_IMFAttributes(iface), guidKey,
		       MF_ATTRIBUTE_GUID, &v);
	if (SUCCEEDED(hr)) {
		*pguidValue = *v.puuid;
		PropVariantClear(&v);
	}
	return hr;
}

/* The length of a string or the size of a blob, without copying it. */
static HRESULT attrs_get_length(struct pmp_attrs *attrs, REFGUID key,
				VARTYPE vt, UINT32 *length)
{
	struct pmp_attr *item;
	HRESULT hr = S_OK;

	if (!length)
		return E_POINTER;
	attrs_lock(attrs);
	item = attrs_find(attrs, key);
	if (!item)
		hr = MF_E_ATTRIBUTENOTFOUND;
	else if (item->value.vt != vt)
		hr = MF_E_INVALIDTYPE;
	else if (vt == MF_ATTRIBUTE_STRING)
		*length = pmp_wcslen(item->value.pwszVal);
	else
		*length = item->value.caub.cElems;
	attrs_unlock(attrs);
	return hr;
}

static HRESULT STDMETHODCALLTYPE attrs_GetStringLength(IMFAttributes *iface,
						       REFGUID guidKey,
						       UINT32 *pcchLength)
{
	return attrs_get_length(impl_from_IMFAttributes(iface), guidKey,
				MF_ATTRIBUTE_STRING, pcchLength);
}

static HRESULT STDMETHODCALLTYPE attrs_GetString(IMFAttributes *iface,
						 REFGUID guidKey,
						 LPWSTR pwszValue,
						 UINT32 cchBufSize,
						 UINT32 *pcchLength)
{
	PROPVARIANT v;
	UINT32 len;
	HRESULT hr;

	if (!pwszValue)
		return E_POINTER;
	hr = attrs_get(impl_from_IMFAttributes(iface), guidKey,
		       MF_ATTRIBUTE_STRING, &v);
	if (FAILED(hr))
		return hr;
	len = pmp_wcslen(v.pwszVal);
	if (pcchLength)
		*pcchLength = len;
	if (len >= cchBufSize)
		hr = STRSAFE_E_INSUFFICIENT_BUFFER;
	else
		memcpy(pwszValue, v.pwszVal, (len + 1) * sizeof(WCHAR));
	PropVariantClear(&v);
	return hr;
}

static HRESULT STDMETHODCALLTYPE attrs_GetAllocatedString(IMFAttributes *iface,
							  REFGUID guidKey,
							  LPWSTR *ppwszValue,
							  UINT32 *pcchLength)
{
	PROPVARIANT v;
	HRESULT hr;

	if (!ppwszValue || !pcchLength)
		return E_POINTER;
	*ppwszValue = NULL;
	*pcchLength = 0;
	hr = attrs_get(impl_from_IMFAttributes(iface), guidKey,
		       MF_ATTRIBUTE_STRING, &v);
	if (FAILED(hr))
		return hr;
	/* The copy is CoTaskMemAlloc'ed: it becomes the caller's. */
	*ppwszValue = v.pwszVal;
	*pcchLength = pmp_wcslen(v.pwszVal);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE attrs_GetBlobSize(IMFAttributes *iface,
						   REFGUID guidKey,
						   UINT32 *pcbBlobSize)
{
	return attrs_get_length(impl_from_IMFAttributes(iface), guidKey,
				MF_ATTRIBUTE_BLOB, pcbBlobSize);
}

static HRESULT STDMETHODCALLTYPE attrs_GetBlob(IMFAttributes *iface,
					       REFGUID guidKey, UINT8 *pBuf,
					       UINT32 cbBufSize,
					       UINT32 *pcbBlobSize)
{
	PROPVARIANT v;
	HRESULT hr;

	if (!pBuf)
		return E_POINTER;
	hr = attrs_get(impl_from_IMFAttributes(iface), guidKey,
		       MF_ATTRIBUTE_BLOB, &v);
	if (FAILED(hr))
		return hr;
	if (pcbBlobSize)
		*pcbBlobSize = v.caub.cElems;
	if (v.caub.cElems > cbBufSize)
		hr = E_NOT_SUFFICIENT_BUFFER;
	else if (v.caub.cElems)
		memcpy(pBuf, v.caub.pElems, v.caub.cElems);
	PropVariantClear(&v);
	return hr;
}

static HRESULT STDMETHODCALLTYPE attrs_GetAllocatedBlob(IMFAttributes *iface,
							REFGUID guidKey,
							UINT8 **ppBuf,
							UINT32 *pcbSize)
{
	PROPVARIANT v;
	HRESULT hr;

	if (!ppBuf || !pcbSize)
		return E_POINTER;
	*ppBuf = NULL;
	*pcbSize = 0;
	hr = attrs_get(impl_from_IMFAttributes(iface), guidKey,
		       MF_ATTRIBUTE_BLOB, &v);
	if (FAILED(hr))
		return hr;
	/* An empty blob is still a block the caller frees. */
	if (!v.caub.pElems) {
		v.caub.pElems = CoTaskMemAlloc(0);
		if (!v.caub.pElems)
			return E_OUTOFMEMORY;
	}
	*ppBuf = v.caub.pElems;
	*pcbSize = v.caub.cElems;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE attrs_GetUnknown(IMFAttributes *iface,
						  REFGUID guidKey, REFIID riid,
						  LPVOID *ppv)
{
	PROPVARIANT v;
	HRESULT hr;

	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	hr = attrs_get(impl_from_IMFAttributes(iface), guidKey,
		       MF_ATTRIBUTE_IUNKNOWN, &v);
	if (FAILED(hr))
		return hr;
	hr = v.punkVal ? IUnknown_QueryInterface(v.punkVal, riid, ppv) :
			 E_NOINTERFACE;
	PropVariantClear(&v);
	return hr;
}

/* ---- setters ---- */

static HRESULT STDMETHODCALLTYPE attrs_SetItem(IMFAttributes *iface,
					       REFGUID guidKey,
					       REFPROPVARIANT Value)
{
	if (!Value)
		return E_POINTER;
	return attrs_set(impl_from_IMFAttributes(iface), guidKey, Value);
}

static HRESULT STDMETHODCALLTYPE attrs_DeleteItem(IMFAttributes *iface,
						  REFGUID guidKey)
{
	struct pmp_attrs *attrs = impl_from_IMFAttributes(iface);
	struct pmp_attr *item;

	attrs_lock(attrs);
	item = attrs_find(attrs, guidKey);
	if (item) {
		PropVariantClear(&item->value);
		memmove(item, item + 1,
			(attrs->items + attrs->count - item - 1) *
				sizeof(*item));
		attrs->count--;
	}
	attrs_unlock(attrs);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE attrs_DeleteAllItems(IMFAttributes *iface)
{
	struct pmp_attrs *attrs = impl_from_IMFAttributes(iface);
	UINT32 i;

	attrs_lock(attrs);
	for (i = 0; i < attrs->count; i++)
		PropVariantClear(&attrs->items[i].value);
	attrs->count = 0;
	attrs_unlock(attrs);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE attrs_SetUINT32(IMFAttributes *iface,
						 REFGUID guidKey,
						 UINT32 unValue)
{
	PROPVARIANT v = { .vt = MF_ATTRIBUTE_UINT32 };

	v.ulVal = unValue;
	return attrs_set(impl_from_IMFAttributes(iface), guidKey, &v);
}

static HRESULT STDMETHODCALLTYPE attrs_SetUINT64(IMFAttributes *iface,
						 REFGUID guidKey,
						 UINT64 unValue)
{
	PROPVARIANT v = { .vt = MF_ATTRIBUTE_UINT64 };

	v.uhVal.QuadPart = unValue;
	return attrs_set(impl_from_IMFAttributes(iface), guidKey, &v);
}

static HRESULT STDMETHODCALLTYPE attrs_SetDouble(IMFAttributes *iface,
						 REFGUID guidKey,
						 double fValue)
{
	PROPVARIANT v = { .vt = MF_ATTRIBUTE_DOUBLE };

	v.dblVal = fValue;
	return attrs_set(impl_from_IMFAttributes(iface), guidKey, &v);
}

static HRESULT STDMETHODCALLTYPE attrs_SetGUID(IMFAttributes *iface,
					       REFGUID guidKey,
					       REFGUID guidValue)
{
	PROPVARIANT v = { .vt = MF_ATTRIBUTE_GUID };

	if (!guidValue)
		return E_POINTER;
	v.puuid = (CLSID *)guidValue;
	return attrs_set(impl_from_IMFAttributes(iface), guidKey, &v);
}

static HRESULT STDMETHODCALLTYPE attrs_SetString(IMFAttributes *iface,
						 REFGUID guidKey,
						 LPCWSTR wszValue)
{
	PROPVARIANT v = { .vt = MF_ATTRIBUTE_STRING };

	if (!wszValue)
		return E_POINTER;
	v.pwszVal = (LPWSTR)wszValue;
	return attrs_set(impl_from_IMFAttributes(iface), guidKey, &v);
}

static HRESULT STDMETHODCALLTYPE attrs_SetBlob(IMFAttributes *iface,
					       REFGUID guidKey,
					       const UINT8 *pBuf,
					       UINT32 cbBufSize)
{
	PROPVARIANT v = { .vt = MF_ATTRIBUTE_BLOB };

	if (!pBuf && cbBufSize)
		return E_POINTER;
	v.caub.cElems = cbBufSize;
	v.caub.pElems = (UCHAR *)pBuf;
	return attrs_set(impl_from_IMFAttributes(iface), guidKey, &v);
}

static HRESULT STDMETHODCALLTYPE attrs_SetUnknown(IMFAttributes *iface,
						  REFGUID guidKey,
						  IUnknown *pUnknown)
{
	PROPVARIANT v = { .vt = MF_ATTRIBUTE_IUNKNOWN };

	v.punkVal = pUnknown;
	return attrs_set(impl_from_IMFAttributes(iface), guidKey, &v);
}

/* ---- the store as a whole ---- */

static HRESULT STDMETHODCALLTYPE attrs_LockStore(IMFAttributes *iface)
{
	attrs_lock(impl_from_IMFAttributes(iface));
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE attrs_UnlockStore(IMFAttributes *iface)
{
	struct pmp_attrs *attrs = impl_from_IMFAttributes(iface);

	/* Not held by this thread: an error, not undefined behaviour. */
	if (pthread_mutex_unlock(&attrs->lock) == EPERM)
		return E_UNEXPECTED;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE attrs_GetCount(IMFAttributes *iface,
						UINT32 *pcItems)
{
	struct pmp_attrs *attrs = impl_from_IMFAttributes(iface);

	if (!pcItems)
		return E_POINTER;
	attrs_lock(attrs);
	*pcItems = attrs->count;
	attrs_unlock(attrs);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE attrs_GetItemByIndex(IMFAttributes *iface,
						      UINT32 unIndex,
						      GUID *pguidKey,
						      PROPVARIANT *pValue)
{
	struct pmp_attrs *attrs = impl_from_IMFAttributes(iface);
	HRESULT hr = S_OK;

	if (!pguidKey)
		return E_POINTER;
	attrs_lock(attrs);
	if (unIndex >= attrs->count) {
		hr = E_INVALIDARG;
	} else {
		*pguidKey = attrs->items[unIndex].key;
		if (pValue)
			hr = PropVariantCopy(pValue,
					     &attrs->items[unIndex].value);
	}
	attrs_unlock(attrs);
	return hr;
}

static HRESULT STDMETHODCALLTYPE attrs_CopyAllItems(IMFAttributes *iface,
						    IMFAttributes *pDest)
{
	struct pmp_attr *items;
	UINT32 n, i;
	HRESULT hr;

	if (!pDest)
		return E_POINTER;
	hr = pmp_attrs_items(iface, &items, &n);
	if (FAILED(hr))
		return hr;
	hr = IMFAttributes_LockStore(pDest);
	if (SUCCEEDED(hr)) {
		hr = IMFAttributes_DeleteAllItems(pDest);
		for (i = 0; SUCCEEDED(hr) && i < n; i++)
			hr = IMFAttributes_SetItem(pDest, &items[i].key,
						   &items[i].value);
		IMFAttributes_UnlockStore(pDest);
	}
	pmp_attrs_items_free(items, n);
	return hr;
}

const IMFAttributesVtbl pmp_attrs_vtbl = {
	attrs_QueryInterface,
	attrs_AddRef,
	attrs_Release,
	attrs_GetItem,
	attrs_GetItemType,
	attrs_CompareItem,
	attrs_Compare,
	attrs_GetUINT32,
	attrs_GetUINT64,
	attrs_GetDouble,
	attrs_GetGUID,
	attrs_GetStringLength,
	attrs_GetString,
	attrs_GetAllocatedString,
	attrs_GetBlobSize,
	attrs_GetBlob,
	attrs_GetAllocatedBlob,
	attrs_GetUnknown,
	attrs_SetItem,
	attrs_DeleteItem,
	attrs_DeleteAllItems,
	attrs_SetUINT32,
	attrs_SetUINT64,
	attrs_SetDouble,
	attrs_SetGUID,
	attrs_SetString,
	attrs_SetBlob,
	attrs_SetUnknown,
	attrs_LockStore,
	attrs_UnlockStore,
	attrs_GetCount,
	attrs_GetItemByIndex,
	attrs_CopyAllItems,
};

/**
 * pmp_attrs_init - make @attrs an empty store with one reference
 * @attrs: zeroed memory, the first part of an object
 * @vtbl: the object's vtable (&pmp_attrs_vtbl, or a derived interface's
 *	starting with the same methods)
 * @size: how many items to make room for
 *
 * The caller sets @destroy (and @iid for a derived interface).
 *
 * Return: S_OK or E_OUTOFMEMORY.
 */
HRESULT pmp_attrs_init(struct pmp_attrs *attrs, const void *vtbl, UINT32 size)
{
	pthread_mutexattr_t ma;

	attrs->IMFAttributes_iface.lpVtbl = vtbl;
	atomic_init(&attrs->refcount, 1);
	if (size) {
		attrs->items = calloc(size, sizeof(*attrs->items));
		if (!attrs->items)
			return E_OUTOFMEMORY;
		attrs->capacity = size;
	}
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&attrs->lock, &ma);
	pthread_mutexattr_destroy(&ma);
	return S_OK;
}

/**
 * pmp_attrs_cleanup - free what the store holds
 * @attrs: the store
 */
void pmp_attrs_cleanup(struct pmp_attrs *attrs)
{
	UINT32 i;

	for (i = 0; i < attrs->count; i++)
		PropVariantClear(&attrs->items[i].value);
	free(attrs->items);
	pthread_mutex_destroy(&attrs->lock);
}

/**
 * pmp_attrs_new - an object whose interface derives from IMFAttributes
 * @size: the object's size; it starts with its struct pmp_attrs
 * @vtbl: the derived interface's vtable, starting with pmp_attrs_vtbl's
 *	methods
 * @iid: the derived interface
 * @destroy: frees the object once its last reference has gone
 *
 * Return: the zeroed object with an empty store and one reference, or NULL
 * when memory is short.
 */
void *pmp_attrs_new(size_t size, const void *vtbl, const IID *iid,
		    void (*destroy)(struct pmp_attrs *attrs))
{
	struct pmp_attrs *attrs = calloc(1, size);

	if (!attrs)
		return NULL;
	/* Without initial room the store cannot fail to start. */
	pmp_attrs_init(attrs, vtbl, 0);
	attrs->iid = iid;
	attrs->destroy = destroy;
	return attrs;
}

static void attrs_destroy(struct pmp_attrs *attrs)
{
	pmp_attrs_cleanup(attrs);
	free(attrs);
}

PMP_EXPORT HRESULT STDAPICALLTYPE
MFCreateAttributes(IMFAttributes **ppMFAttributes, UINT32 cInitialSize)
{
	struct pmp_attrs *attrs;
	HRESULT hr;

	if (!ppMFAttributes)
		return E_POINTER;
	*ppMFAttributes = NULL;
	/* A hint, not a promise: an absurd one is not honoured. */
	if (cInitialSize > 1024)
		cInitialSize = 1024;
	attrs = calloc(1, sizeof(*attrs));
	if (!attrs)
		return E_OUTOFMEMORY;
	hr = pmp_attrs_init(attrs, &pmp_attrs_vtbl, cInitialSize);
	if (FAILED(hr)) {
		free(attrs);
		return hr;
	}
	attrs->destroy = attrs_destroy;
	*ppMFAttributes = &attrs->IMFAttributes_iface;
	return S_OK;
}
