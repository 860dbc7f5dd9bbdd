// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * blob.c - attributes by value: MFGetAttributesAsBlobSize,
 * MFGetAttributesAsBlob, MFInitAttributesFromBlob
 *
 * Microsoft's format is opaque, so the format is pmp's own
 * (Documentation/userspace-api/mf.rst, "Attributes by value"): a header
 * (magic, version, item count) and per item its key, its type, the size
 * of its value and the value, in host byte order, unaligned.  A blob
 * comes from another process: every length is checked against what is
 * left before it is used, and the store is touched only once the whole
 * blob has been read.
 */

#define COBJMACROS
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mfapi.h"

#include "../export.h"
#include "mf.h"

#define BLOB_MAGIC 0x41504d50 /* "PMPA" */
#define BLOB_VERSION 1

struct blob_header {
	UINT32 magic;
	UINT32 version;
	UINT32 count;
};

struct blob_item {
	GUID key;
	UINT32 type;
	UINT32 size;
};

/* The items of @attrs that a blob carries (not IUnknowns), copied. */
static HRESULT blob_snapshot(IMFAttributes *attrs, struct pmp_attr **out,
			     UINT32 *count)
{
	struct pmp_attr *items = NULL;
	UINT32 n = 0, i, kept = 0;
	HRESULT hr;

	hr = pmp_attrs_items(attrs, &items, &n);
	if (FAILED(hr))
		return hr;
	for (i = 0; i < n; i++) {
		if (items[i].value.vt == VT_UNKNOWN)
			PropVariantClear(&items[i].value);
		else
			items[kept++] = items[i];
	}
	*out = items;
	*count = kept;
	return S_OK;
}

/* The value's bytes in a blob, and where they are. */
static UINT32 value_bytes(const PROPVARIANT *v, const void **data)
{
	switch (v->vt) {
	case MF_ATTRIBUTE_UINT32:
		*data = &v->ulVal;
		return sizeof(v->ulVal);
	case MF_ATTRIBUTE_UINT64:
		*data = &v->uhVal.QuadPart;
		return sizeof(v->uhVal.QuadPart);
	case MF_ATTRIBUTE_DOUBLE:
		*data = &v->dblVal;
		return sizeof(v->dblVal);
	case MF_ATTRIBUTE_GUID:
		*data = v->puuid;
		return sizeof(GUID);
	case MF_ATTRIBUTE_STRING:
		*data = v->pwszVal;
		return pmp_wcslen(v->pwszVal) * sizeof(WCHAR);
	default: /* MF_ATTRIBUTE_BLOB */
		*data = v->caub.pElems;
		return v->caub.cElems;
	}
}

static HRESULT blob_size(const struct pmp_attr *items, UINT32 count,
			 UINT32 *size)
{
	uint64_t total = sizeof(struct blob_header);
	const void *data;
	UINT32 i;

	for (i = 0; i < count; i++)
		total += sizeof(struct blob_item) +
			 (uint64_t)value_bytes(&items[i].value, &data);
	if (total > UINT32_MAX)
		return E_INVALIDARG;
	*size = total;
	return S_OK;
}

PMP_EXPORT HRESULT STDAPICALLTYPE
MFGetAttributesAsBlobSize(IMFAttributes *pAttributes, UINT32 *pcbBufSize)
{
	struct pmp_attr *items;
	UINT32 count;
	HRESULT hr;

	if (!pAttributes || !pcbBufSize)
		return E_POINTER;
	hr = blob_snapshot(pAttributes, &items, &count);
	if (FAILED(hr))
		return hr;
	hr = blob_size(items, count, pcbBufSize);
	pmp_attrs_items_free(items, count);
	return hr;
}

PMP_EXPORT HRESULT STDAPICALLTYPE
MFGetAttributesAsBlob(IMFAttributes *pAttributes, UINT8 *pBuf, UINT cbBufSize)
{
	struct blob_header hdr = { BLOB_MAGIC, BLOB_VERSION, 0 };
	struct pmp_attr *items;
	struct blob_item it;
	const void *data;
	UINT32 count, size, i;
	HRESULT hr;

	if (!pAttributes || !pBuf)
		return E_POINTER;
	hr = blob_snapshot(pAttributes, &items, &count);
	if (FAILED(hr))
		return hr;
	hr = blob_size(items, count, &size);
	if (SUCCEEDED(hr) && size > cbBufSize)
		hr = MF_E_BUFFERTOOSMALL;
	if (FAILED(hr))
		goto out;
	hdr.count = count;
	memcpy(pBuf, &hdr, sizeof(hdr));
	pBuf += sizeof(hdr);
	for (i = 0; i < count; i++) {
		it.key = items[i].key;
		it.type = items[i].value.vt;
		it.size = value_bytes(&items[i].value, &data);
		memcpy(pBuf, &it, sizeof(it));
		pBuf += sizeof(it);
		if (it.size)
			memcpy(pBuf, data, it.size);
		pBuf += it.size;
	}
out:
	pmp_attrs_items_free(items, count);
	return hr;
}

/* Reads one value of @it's type from @data into @v; E_INVALIDARG if bad. */
static HRESULT read_value(const struct blob_item *it, const UINT8 *data,
			  PROPVARIANT *v)
{
	PROPVARIANT src = { .vt = (VARTYPE)it->type };
	size_t want = 0, i;
	GUID guid;

	switch (it->type) {
	case MF_ATTRIBUTE_UINT32:
		want = sizeof(src.ulVal);
		memcpy(&src.ulVal, data, want < it->size ? want : it->size);
		break;
	case MF_ATTRIBUTE_UINT64:
		want = sizeof(src.uhVal.QuadPart);
		memcpy(&src.uhVal.QuadPart, data,
		       want < it->size ? want : it->size);
		break;
	case MF_ATTRIBUTE_DOUBLE:
		want = sizeof(src.dblVal);
		memcpy(&src.dblVal, data, want < it->size ? want : it->size);
		break;
	case MF_ATTRIBUTE_GUID:
		want = sizeof(guid);
		memcpy(&guid, data, want < it->size ? want : it->size);
		src.puuid = &guid;
		break;
	case MF_ATTRIBUTE_STRING:
		/* Whole WCHARs, none of them the terminator. */
		if (it->size % sizeof(WCHAR))
			return E_INVALIDARG;
		for (i = 0; i < it->size; i += sizeof(WCHAR))
			if (!data[i] && !data[i + 1])
				return E_INVALIDARG;
		v->vt = VT_LPWSTR;
		v->pwszVal = CoTaskMemAlloc(it->size + sizeof(WCHAR));
		if (!v->pwszVal)
			return E_OUTOFMEMORY;
		memcpy(v->pwszVal, data, it->size);
		v->pwszVal[it->size / sizeof(WCHAR)] = 0;
		return S_OK;
	case MF_ATTRIBUTE_BLOB:
		src.caub.cElems = it->size;
		src.caub.pElems = (UCHAR *)data;
		return PropVariantCopy(v, &src);
	default:
		return E_INVALIDARG;
	}
	if (it->size != want)
		return E_INVALIDARG;
	return PropVariantCopy(v, &src);
}

/* Every item of the blob, checked; E_INVALIDARG for any flaw. */
static HRESULT blob_read(const UINT8 *buf, UINT32 size, struct pmp_attr **out,
			 UINT32 *count)
{
	const UINT8 *end = buf + size;
	struct pmp_attr *items = NULL;
	struct blob_header hdr;
	struct blob_item it;
	HRESULT hr = S_OK;
	UINT32 i, j;

	if (size < sizeof(hdr))
		return E_INVALIDARG;
	memcpy(&hdr, buf, sizeof(hdr));
	buf += sizeof(hdr);
	/* An absurd count fails before anything is allocated for it. */
	if (hdr.magic != BLOB_MAGIC || hdr.version != BLOB_VERSION ||
	    hdr.count > (size_t)(end - buf) / sizeof(it))
		return E_INVALIDARG;
	if (hdr.count) {
		items = calloc(hdr.count, sizeof(*items));
		if (!items)
			return E_OUTOFMEMORY;
	}
	for (i = 0; i < hdr.count; i++) {
		if ((size_t)(end - buf) < sizeof(it)) {
			hr = E_INVALIDARG;
			break;
		}
		memcpy(&it, buf, sizeof(it));
		buf += sizeof(it);
		if (it.size > (size_t)(end - buf)) {
			hr = E_INVALIDARG;
			break;
		}
		for (j = 0; j < i; j++)
			if (IsEqualGUID(&items[j].key, &it.key))
				hr = E_INVALIDARG;
		if (SUCCEEDED(hr))
			hr = read_value(&it, buf, &items[i].value);
		if (FAILED(hr))
			break;
		items[i].key = it.key;
		buf += it.size;
	}
	if (SUCCEEDED(hr) && buf != end)
		hr = E_INVALIDARG;
	if (FAILED(hr)) {
		pmp_attrs_items_free(items, i < hdr.count ? i + 1 : i);
		return hr;
	}
	*out = items;
	*count = hdr.count;
	return S_OK;
}

PMP_EXPORT HRESULT STDAPICALLTYPE MFInitAttributesFromBlob(
	IMFAttributes *pAttributes, const UINT8 *pBuf, UINT cbBufSize)
{
	struct pmp_attr *items = NULL;
	UINT32 count = 0, i;
	HRESULT hr;

	if (!pAttributes || (!pBuf && cbBufSize))
		return E_POINTER;
	hr = blob_read(pBuf, cbBufSize, &items, &count);
	if (FAILED(hr))
		return hr;
	hr = IMFAttributes_LockStore(pAttributes);
	if (SUCCEEDED(hr)) {
		hr = IMFAttributes_DeleteAllItems(pAttributes);
		for (i = 0; SUCCEEDED(hr) && i < count; i++)
			hr = IMFAttributes_SetItem(pAttributes, &items[i].key,
						   &items[i].value);
		IMFAttributes_UnlockStore(pAttributes);
	}
	pmp_attrs_items_free(items, count);
	return hr;
}
