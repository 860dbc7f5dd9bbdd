// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * propvariant.c - PropVariantClear and PropVariantCopy
 *
 * The types pmp knows: the scalars (owning nothing), and VT_LPWSTR,
 * VT_LPSTR, VT_CLSID, VT_BLOB, VT_VECTOR | VT_UI1 and VT_UNKNOWN, whose
 * memory is CoTaskMemAlloc'ed (or referenced).  Any other type is
 * DISP_E_BADVARTYPE, never a guess.
 */

#define COBJMACROS
#include <string.h>

#include "propidl.h"

#include "../export.h"
#include "mf.h"

static bool vt_is_scalar(VARTYPE vt)
{
	switch (vt) {
	case VT_EMPTY:
	case VT_NULL:
	case VT_I1:
	case VT_UI1:
	case VT_I2:
	case VT_UI2:
	case VT_I4:
	case VT_UI4:
	case VT_INT:
	case VT_UINT:
	case VT_I8:
	case VT_UI8:
	case VT_R4:
	case VT_R8:
	case VT_BOOL:
	case VT_ERROR:
	case VT_FILETIME:
		return true;
	default:
		return false;
	}
}

/**
 * pmp_wcslen - the length of a 16-bit string, without its NUL
 * @s: the string
 *
 * Return: the number of WCHARs before the first 0.
 */
size_t pmp_wcslen(LPCWSTR s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* A CoTaskMemAlloc'ed copy of @len bytes (NULL for none: not an error). */
static HRESULT dup_bytes(const void *src, size_t len, void **dst)
{
	*dst = NULL;
	if (!len)
		return S_OK;
	*dst = CoTaskMemAlloc(len);
	if (!*dst)
		return E_OUTOFMEMORY;
	memcpy(*dst, src, len);
	return S_OK;
}

PMP_EXPORT HRESULT STDAPICALLTYPE PropVariantClear(PROPVARIANT *pvar)
{
	if (!pvar)
		return S_OK;
	switch (pvar->vt) {
	case VT_LPWSTR:
		CoTaskMemFree(pvar->pwszVal);
		break;
	case VT_LPSTR:
		CoTaskMemFree(pvar->pszVal);
		break;
	case VT_CLSID:
		CoTaskMemFree(pvar->puuid);
		break;
	case VT_BLOB:
		CoTaskMemFree(pvar->blob.pBlobData);
		break;
	case VT_VECTOR | VT_UI1:
		CoTaskMemFree(pvar->caub.pElems);
		break;
	case VT_UNKNOWN:
		if (pvar->punkVal)
			IUnknown_Release(pvar->punkVal);
		break;
	default:
		if (!vt_is_scalar(pvar->vt))
			return DISP_E_BADVARTYPE;
		break;
	}
	PropVariantInit(pvar);
	return S_OK;
}

PMP_EXPORT HRESULT STDAPICALLTYPE PropVariantCopy(PROPVARIANT *pvarDest,
						  const PROPVARIANT *pvarSrc)
{
	PROPVARIANT v;
	HRESULT hr = S_OK;

	if (!pvarDest || !pvarSrc)
		return E_POINTER;
	v = *pvarSrc;
	switch (v.vt) {
	case VT_LPWSTR:
		if (v.pwszVal)
			hr = dup_bytes(v.pwszVal, (pmp_wcslen(v.pwszVal) + 1) *
						  sizeof(WCHAR),
				       (void **)&v.pwszVal);
		break;
	case VT_LPSTR:
		if (v.pszVal)
			hr = dup_bytes(v.pszVal, strlen(v.pszVal) + 1,
				       (void **)&v.pszVal);
		break;
	case VT_CLSID:
		if (v.puuid)
			hr = dup_bytes(v.puuid, sizeof(*v.puuid),
				       (void **)&v.puuid);
		break;
	case VT_BLOB:
		hr = dup_bytes(v.blob.pBlobData, v.blob.cbSize,
			       (void **)&v.blob.pBlobData);
		break;
	case VT_VECTOR | VT_UI1:
		hr = dup_bytes(v.caub.pElems, v.caub.cElems,
			       (void **)&v.caub.pElems);
		break;
	case VT_UNKNOWN:
		if (v.punkVal)
			IUnknown_AddRef(v.punkVal);
		break;
	default:
		if (!vt_is_scalar(v.vt))
			hr = DISP_E_BADVARTYPE;
		break;
	}
	if (FAILED(hr)) {
		PropVariantInit(pvarDest);
		return hr;
	}
	*pvarDest = v;
	return S_OK;
}
