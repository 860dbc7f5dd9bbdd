// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mediatype.c - IMFMediaType and MFCreateMediaType
 *
 * A media type is an attribute store (struct pmp_attrs) read through the
 * MF_MT_* keys.  IsEqual follows what Windows reports (Wine's mfplat tests
 * record it): major types compared, subtypes equal or both missing,
 * format data (every item of the type with fewer items, but the user
 * data, found equal in the other) and user data (equal or both missing).
 * libpmp converts to no other representation: there is no DirectShow.
 */

#define COBJMACROS
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mfapi.h"

#include "../export.h"
#include "mf.h"

#define MEDIATYPE_EQUAL_ALL                                                    \
	(MF_MEDIATYPE_EQUAL_MAJOR_TYPES | MF_MEDIATYPE_EQUAL_FORMAT_TYPES |    \
	 MF_MEDIATYPE_EQUAL_FORMAT_DATA | MF_MEDIATYPE_EQUAL_FORMAT_USER_DATA)

static void mediatype_destroy(struct pmp_attrs *attrs)
{
	pmp_attrs_cleanup(attrs);
	free(attrs);
}

static HRESULT STDMETHODCALLTYPE mediatype_GetMajorType(IMFMediaType *iface,
							GUID *pguidMajorType)
{
	if (!pguidMajorType)
		return E_POINTER;
	return IMFMediaType_GetGUID(iface, &MF_MT_MAJOR_TYPE, pguidMajorType);
}

/* Compressed unless MF_MT_ALL_SAMPLES_INDEPENDENT says otherwise. */
static HRESULT STDMETHODCALLTYPE
mediatype_IsCompressedFormat(IMFMediaType *iface, BOOL *pfCompressed)
{
	UINT32 independent;

	if (!pfCompressed)
		return E_POINTER;
	if (FAILED(IMFMediaType_GetUINT32(iface, &MF_MT_ALL_SAMPLES_INDEPENDENT,
					  &independent)))
		independent = 0;
	*pfCompressed = !independent;
	return S_OK;
}

/* @a and @b both lack @key, or hold equal values of it. */
static bool same_or_both_missing(IMFAttributes *a, IMFAttributes *b,
				 REFGUID key)
{
	PROPVARIANT value;
	BOOL equal = FALSE;

	PropVariantInit(&value);
	if (FAILED(IMFAttributes_GetItem(a, key, &value)))
		return FAILED(IMFAttributes_GetItem(b, key, NULL));
	IMFAttributes_CompareItem(b, key, &value, &equal);
	PropVariantClear(&value);
	return equal;
}

/* Every item of @few but the user data is in @many, with the same value. */
static bool format_data_equal(IMFAttributes *few, IMFAttributes *many)
{
	PROPVARIANT value;
	UINT32 i, count;
	BOOL equal = TRUE;
	GUID key;

	IMFAttributes_LockStore(few);
	if (FAILED(IMFAttributes_GetCount(few, &count)))
		count = 0;
	for (i = 0; i < count && equal; i++) {
		PropVariantInit(&value);
		if (FAILED(IMFAttributes_GetItemByIndex(few, i, &key, &value)))
			break;
		if (!IsEqualGUID(&key, &MF_MT_USER_DATA)) {
			equal = FALSE;
			IMFAttributes_CompareItem(many, &key, &value, &equal);
		}
		PropVariantClear(&value);
	}
	IMFAttributes_UnlockStore(few);
	return equal;
}

static HRESULT STDMETHODCALLTYPE mediatype_IsEqual(IMFMediaType *iface,
						   IMFMediaType *pIMediaType,
						   DWORD *pdwFlags)
{
	IMFAttributes *ours = (IMFAttributes *)iface;
	IMFAttributes *theirs = (IMFAttributes *)pIMediaType;
	UINT32 our_count, their_count;
	GUID our_major, their_major;

	if (!pdwFlags)
		return E_POINTER;
	*pdwFlags = 0;
	if (!pIMediaType)
		return E_POINTER;
	/* Without a major type on both sides there is nothing to compare. */
	if (FAILED(IMFAttributes_GetGUID(ours, &MF_MT_MAJOR_TYPE,
					 &our_major)) ||
	    FAILED(IMFAttributes_GetGUID(theirs, &MF_MT_MAJOR_TYPE,
					 &their_major)))
		return E_INVALIDARG;
	if (IsEqualGUID(&our_major, &their_major))
		*pdwFlags |= MF_MEDIATYPE_EQUAL_MAJOR_TYPES;
	if (same_or_both_missing(ours, theirs, &MF_MT_SUBTYPE))
		*pdwFlags |= MF_MEDIATYPE_EQUAL_FORMAT_TYPES;
	if (FAILED(IMFAttributes_GetCount(ours, &our_count)) ||
	    FAILED(IMFAttributes_GetCount(theirs, &their_count)))
		return E_INVALIDARG;
	if (their_count < our_count ? format_data_equal(theirs, ours)
				    : format_data_equal(ours, theirs))
		*pdwFlags |= MF_MEDIATYPE_EQUAL_FORMAT_DATA;
	if (same_or_both_missing(ours, theirs, &MF_MT_USER_DATA))
		*pdwFlags |= MF_MEDIATYPE_EQUAL_FORMAT_USER_DATA;
	return *pdwFlags == MEDIATYPE_EQUAL_ALL ? S_OK : S_FALSE;
}

static HRESULT STDMETHODCALLTYPE mediatype_GetRepresentation(
	IMFMediaType *iface, GUID guidRepresentation, LPVOID *ppvRepresentation)
{
	(void)iface, (void)guidRepresentation;
	if (!ppvRepresentation)
		return E_POINTER;
	*ppvRepresentation = NULL;
	return MF_E_UNSUPPORTED_REPRESENTATION;
}

/* GetRepresentation never hands anything out, so nothing can come back. */
static HRESULT STDMETHODCALLTYPE mediatype_FreeRepresentation(
	IMFMediaType *iface, GUID guidRepresentation, LPVOID pvRepresentation)
{
	(void)iface, (void)guidRepresentation, (void)pvRepresentation;
	return MF_E_UNSUPPORTED_REPRESENTATION;
}

static IMFMediaTypeVtbl mediatype_vtbl;
static pthread_once_t mediatype_vtbl_once = PTHREAD_ONCE_INIT;

/* The IMFAttributes part is the store's; the rest is the type's. */
static void mediatype_vtbl_init(void)
{
	memcpy(&mediatype_vtbl, &pmp_attrs_vtbl, sizeof(pmp_attrs_vtbl));
	mediatype_vtbl.GetMajorType = mediatype_GetMajorType;
	mediatype_vtbl.IsCompressedFormat = mediatype_IsCompressedFormat;
	mediatype_vtbl.IsEqual = mediatype_IsEqual;
	mediatype_vtbl.GetRepresentation = mediatype_GetRepresentation;
	mediatype_vtbl.FreeRepresentation = mediatype_FreeRepresentation;
}

PMP_EXPORT HRESULT STDAPICALLTYPE MFCreateMediaType(IMFMediaType **ppMFType)
{
	if (!ppMFType)
		return E_INVALIDARG;
	pthread_once(&mediatype_vtbl_once, mediatype_vtbl_init);
	*ppMFType = pmp_attrs_new(sizeof(struct pmp_attrs), &mediatype_vtbl,
				  &IID_IMFMediaType, mediatype_destroy);
	return *ppMFType ? S_OK : E_OUTOFMEMORY;
}
