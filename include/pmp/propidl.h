/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * propidl.h - PROPVARIANT, the tagged value of Media Foundation's
 * attributes, events and session starts
 *
 * Layout as Microsoft's (24 bytes on 64-bit): vt, three reserved words and
 * a 16-byte union.  The members pmp's API reads and writes are here; a
 * value of another type passes through PropVariantCopy() and
 * PropVariantClear() only if it owns nothing (see
 * Documentation/userspace-api/com.rst).  Strings are 16-bit WCHAR, as on
 * Windows: write literals as u"..." (C11, C++11).
 */

#ifndef PMP_PROPIDL_H
#define PMP_PROPIDL_H

#include <string.h>

#include "objbase.h"

/* The VARTYPE tags (Microsoft's VARENUM). */
enum VARENUM {
	VT_EMPTY = 0,
	VT_NULL = 1,
	VT_I2 = 2,
	VT_I4 = 3,
	VT_R4 = 4,
	VT_R8 = 5,
	VT_CY = 6,
	VT_DATE = 7,
	VT_BSTR = 8,
	VT_DISPATCH = 9,
	VT_ERROR = 10,
	VT_BOOL = 11,
	VT_VARIANT = 12,
	VT_UNKNOWN = 13,
	VT_DECIMAL = 14,
	VT_I1 = 16,
	VT_UI1 = 17,
	VT_UI2 = 18,
	VT_UI4 = 19,
	VT_I8 = 20,
	VT_UI8 = 21,
	VT_INT = 22,
	VT_UINT = 23,
	VT_VOID = 24,
	VT_HRESULT = 25,
	VT_PTR = 26,
	VT_SAFEARRAY = 27,
	VT_CARRAY = 28,
	VT_USERDEFINED = 29,
	VT_LPSTR = 30,
	VT_LPWSTR = 31,
	VT_RECORD = 36,
	VT_INT_PTR = 37,
	VT_UINT_PTR = 38,
	VT_FILETIME = 64,
	VT_BLOB = 65,
	VT_STREAM = 66,
	VT_STORAGE = 67,
	VT_STREAMED_OBJECT = 68,
	VT_STORED_OBJECT = 69,
	VT_BLOB_OBJECT = 70,
	VT_CF = 71,
	VT_CLSID = 72,
	VT_VERSIONED_STREAM = 73,
	VT_VECTOR = 0x1000,
	VT_ARRAY = 0x2000,
	VT_BYREF = 0x4000,
	VT_RESERVED = 0x8000,
	VT_ILLEGAL = 0xffff,
	VT_ILLEGALMASKED = 0xfff,
	VT_TYPEMASK = 0xfff
};

typedef unsigned short VARTYPE;
typedef short VARIANT_BOOL;

#define VARIANT_TRUE ((VARIANT_BOOL)-1)
#define VARIANT_FALSE ((VARIANT_BOOL)0)

typedef struct tagBLOB {
	ULONG cbSize;
	BYTE *pBlobData;
} BLOB;

/* A counted vector of bytes: VT_VECTOR | VT_UI1. */
typedef struct tagCAUB {
	ULONG cElems;
	UCHAR *pElems;
} CAUB;

typedef struct tagPROPVARIANT PROPVARIANT;

struct tagPROPVARIANT {
	VARTYPE vt;
	WORD wReserved1;
	WORD wReserved2;
	WORD wReserved3;
	union {
		CHAR cVal;
		UCHAR bVal;
		SHORT iVal;
		USHORT uiVal;
		LONG lVal;
		ULONG ulVal;
		INT intVal;
		UINT uintVal;
		LARGE_INTEGER hVal;
		ULARGE_INTEGER uhVal;
		FLOAT fltVal;
		DOUBLE dblVal;
		VARIANT_BOOL boolVal;
		SCODE scode;
		FILETIME filetime;
		CLSID *puuid;
		BLOB blob;
		LPSTR pszVal;
		LPWSTR pwszVal;
		IUnknown *punkVal;
		CAUB caub;
	};
};

typedef PROPVARIANT *LPPROPVARIANT;
typedef const PROPVARIANT *REFPROPVARIANT;

/* Not a function in Microsoft's headers either. */
#define PropVariantInit(pvar) memset((pvar), 0, sizeof(PROPVARIANT))

#ifdef __cplusplus
extern "C" {
#endif

/**
 * PropVariantClear - free what a PROPVARIANT owns and make it VT_EMPTY
 * @pvar: the value, or NULL
 *
 * Frees strings, blobs, vectors and CLSIDs with CoTaskMemFree() and
 * releases a VT_UNKNOWN.
 *
 * Return: S_OK (also for NULL); DISP_E_BADVARTYPE for a type pmp does not
 * know, which is left as it is.
 */
HRESULT STDAPICALLTYPE PropVariantClear(PROPVARIANT *pvar);

/**
 * PropVariantCopy - a deep copy
 * @pvarDest: the copy; not cleared first (it is overwritten)
 * @pvarSrc: the value
 *
 * Strings, blobs, vectors and CLSIDs are duplicated with CoTaskMemAlloc();
 * a VT_UNKNOWN is AddRef'ed.
 *
 * Return: S_OK; E_POINTER; E_OUTOFMEMORY; DISP_E_BADVARTYPE (@pvarDest is
 * then VT_EMPTY).
 */
HRESULT STDAPICALLTYPE PropVariantCopy(PROPVARIANT *pvarDest,
				       const PROPVARIANT *pvarSrc);

#ifdef __cplusplus
}
#endif

#endif /* PMP_PROPIDL_H */
