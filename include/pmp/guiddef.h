/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * guiddef.h - GUID, IID, CLSID and DEFINE_GUID
 *
 * A GUID has Microsoft's memory layout (16 bytes: a 32-bit, two 16-bit
 * fields in host byte order, then 8 bytes), the same as pmp_guid.
 *
 * DEFINE_GUID(name, ...) declares the GUID @name; in the one translation
 * unit that defines INITGUID before including the headers (or includes
 * <initguid.h> first) it also defines it, weakly.  libpmp exports the
 * definitions of every GUID its own headers declare, so INITGUID is
 * optional.
 */

#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
	unsigned int Data1;
	unsigned short Data2;
	unsigned short Data3;
	unsigned char Data4[8];
} GUID;
#endif

/*
 * Outside the include guard: <initguid.h> includes this file again.
 *
 * The definitions are weak, as Microsoft's are selectany: a program that
 * defines INITGUID in one file and links libpmp.a, which defines the same
 * GUIDs, gets one copy of each instead of "multiple definition" errors.
 */
#undef DEFINE_GUID
#ifdef INITGUID
#ifdef __cplusplus
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)           \
	extern "C" const GUID name;                                            \
	extern "C" __attribute__((weak)) const GUID name = {                   \
		l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 }                  \
	}
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)           \
	__attribute__((weak)) const GUID name = {                              \
		l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 }                  \
	}
#endif
#else
#ifdef __cplusplus
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)           \
	extern "C" const GUID name
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)           \
	extern const GUID name
#endif
#endif

#ifndef PMP_GUIDDEF_H
#define PMP_GUIDDEF_H

#include <string.h>

typedef GUID IID;
typedef GUID CLSID;
typedef GUID FMTID;
typedef GUID *LPGUID;
typedef IID *LPIID;
typedef CLSID *LPCLSID;
typedef const GUID *LPCGUID;

#define IID_NULL GUID_NULL
#define CLSID_NULL GUID_NULL

#ifdef __cplusplus
#define REFGUID const GUID &
#define REFIID const IID &
#define REFCLSID const IID &
#define REFFMTID const IID &
#else
#define REFGUID const GUID *const
#define REFIID const IID *const
#define REFCLSID const IID *const
#define REFFMTID const IID *const
#endif

#ifdef __cplusplus
inline int IsEqualGUID(REFGUID a, REFGUID b)
{
	return !memcmp(&a, &b, sizeof(GUID));
}

inline bool operator==(const GUID &a, const GUID &b)
{
	return IsEqualGUID(a, b);
}

inline bool operator!=(const GUID &a, const GUID &b)
{
	return !IsEqualGUID(a, b);
}
#else
#define IsEqualGUID(a, b) (!memcmp((a), (b), sizeof(GUID)))
#endif

#define IsEqualIID(a, b) IsEqualGUID(a, b)
#define IsEqualCLSID(a, b) IsEqualGUID(a, b)

#endif /* PMP_GUIDDEF_H */
