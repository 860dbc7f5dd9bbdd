/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * windef.h - the Windows base types and calling-convention macros of pmp's
 * COM API
 *
 * Only what the Media Foundation subset of libpmp needs, with Windows'
 * sizes: LONG, ULONG, DWORD and HRESULT are 32 bits wide on every target.
 * Calls use Linux's native calling convention: STDMETHODCALLTYPE, WINAPI
 * and friends expand to nothing, as in Wine's headers on non-x86 targets.
 */

#ifndef PMP_WINDEF_H
#define PMP_WINDEF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define EXTERN_C extern "C"
#else
#define EXTERN_C extern
#endif

#define WINAPI
#define CALLBACK
#define STDMETHODCALLTYPE
#define STDMETHODVCALLTYPE
#define STDAPICALLTYPE
#define STDAPIVCALLTYPE

#define STDAPI EXTERN_C HRESULT STDAPICALLTYPE
#define STDAPI_(type) EXTERN_C type STDAPICALLTYPE
#define STDMETHODIMP HRESULT STDMETHODCALLTYPE
#define STDMETHODIMP_(type) type STDMETHODCALLTYPE

/* Shared objects: the one symbol a component must export. */
#define DECLSPEC_EXPORT __attribute__((visibility("default")))
#define DECLSPEC_HIDDEN __attribute__((visibility("hidden")))
#define DECLSPEC_NOVTABLE
#define DECLSPEC_UUID(x)

#ifndef CONST
#define CONST const
#endif
#ifndef VOID
#define VOID void
#endif

#ifndef FALSE
#define FALSE 0
#endif
#ifndef TRUE
#define TRUE 1
#endif

/* A wait without end (winbase.h's; pmp's waits take it as Windows' do). */
#ifndef INFINITE
#define INFINITE 0xFFFFFFFF
#endif

typedef int BOOL;
typedef unsigned char BYTE;
typedef unsigned char UCHAR;
typedef char CHAR;
typedef int16_t SHORT;
typedef uint16_t USHORT;
typedef uint16_t WORD;
typedef int INT;
typedef unsigned int UINT;
typedef int32_t LONG;
typedef uint32_t ULONG;
typedef uint32_t DWORD;
typedef int64_t LONGLONG;
typedef uint64_t ULONGLONG;
typedef uint64_t QWORD;
typedef float FLOAT;
typedef double DOUBLE;
/*
 * WCHAR is 16 bits, as on Windows.  C: u"text" (char16_t, an unsigned
 * short) or, with -fshort-wchar, L"text".  C++ keeps character types
 * apart from unsigned short, so WCHAR is there the 16-bit character type
 * its literals have: char16_t for u"text", or wchar_t under -fshort-wchar
 * for L"text" (as on Windows, where WCHAR is wchar_t).  Either way the
 * layout is the same; only the C++ type checks differ.
 */
#if !defined(__cplusplus)
typedef uint16_t WCHAR;
#elif defined(__SIZEOF_WCHAR_T__) && __SIZEOF_WCHAR_T__ == 2
typedef wchar_t WCHAR;
#else
typedef char16_t WCHAR;
#endif
typedef int8_t INT8;
typedef uint8_t UINT8;
typedef int16_t INT16;
typedef uint16_t UINT16;
typedef int32_t INT32;
typedef uint32_t UINT32;
typedef int64_t INT64;
typedef uint64_t UINT64;
typedef int64_t LONG64;
typedef uint64_t ULONG64;
typedef BYTE BOOLEAN;
typedef LONG SCODE;
typedef void *HANDLE;

typedef union _LARGE_INTEGER {
	struct {
		DWORD LowPart;
		LONG HighPart;
	} u;
	LONGLONG QuadPart;
} LARGE_INTEGER;

typedef union _ULARGE_INTEGER {
	struct {
		DWORD LowPart;
		DWORD HighPart;
	} u;
	ULONGLONG QuadPart;
} ULARGE_INTEGER;

typedef struct _FILETIME {
	DWORD dwLowDateTime;
	DWORD dwHighDateTime;
} FILETIME;

typedef int32_t HRESULT;

typedef intptr_t INT_PTR;
typedef uintptr_t UINT_PTR;
typedef intptr_t LONG_PTR;
typedef uintptr_t ULONG_PTR;
typedef size_t SIZE_T;

typedef void *PVOID;
typedef void *LPVOID;
typedef const void *LPCVOID;
typedef BOOL *PBOOL;
typedef BOOL *LPBOOL;
typedef BYTE *PBYTE;
typedef BYTE *LPBYTE;
typedef LONG *PLONG;
typedef LONG *LPLONG;
typedef ULONG *PULONG;
typedef DWORD *PDWORD;
typedef DWORD *LPDWORD;
typedef CHAR *LPSTR;
typedef const CHAR *LPCSTR;
typedef WCHAR *LPWSTR;
typedef const WCHAR *LPCWSTR;

#endif /* PMP_WINDEF_H */
