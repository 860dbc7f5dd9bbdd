/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * objbase.h - the COM base: types, HRESULTs, IUnknown, IClassFactory and
 * the entry point of a component
 *
 * pmp has no COM runtime (no apartments, no system registry): objects are
 * created through IMFPMPServer and its class registry.  A component is a
 * shared object exporting DllGetClassObject.  CoInitializeEx and
 * CoUninitialize exist because Media Foundation programs call them first;
 * they succeed and change nothing.  CoTaskMemAlloc'ed memory is what
 * Media Foundation's "Allocated" calls return.
 */

#ifndef PMP_OBJBASE_H
#define PMP_OBJBASE_H

#include "windef.h"
#include "winerror.h"
#include "guiddef.h"
#include "basetyps.h"
#include "unknwn.h"

/* The all-zero GUID (IID_NULL, CLSID_NULL): "none", "the default". */
DEFINE_GUID(GUID_NULL, 0x00000000, 0x0000, 0x0000, 0x00, 0x00, 0x00, 0x00,
	    0x00, 0x00, 0x00, 0x00);

#if defined(__cplusplus) && !defined(CINTERFACE)
/* IID_PPV_ARGS(&p): the IID of *p and p as void **, checked at compile time. */
extern "C++" {
template <typename T> void **IID_PPV_ARGS_Helper(T **pp)
{
	(void)static_cast<IUnknown *>(*pp);
	return reinterpret_cast<void **>(pp);
}
}
#define IID_PPV_ARGS(ppType) __uuidof(**(ppType)), IID_PPV_ARGS_Helper(ppType)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * DllGetClassObject - a component's entry point: the class factory of
 * @rclsid, as the interface @riid (IID_IClassFactory).
 *
 * Declared with default visibility, so that a component built with
 * -fvisibility=hidden exports it and nothing else.
 *
 * Return: S_OK, CLASS_E_CLASSNOTAVAILABLE (not a class of this component),
 * E_NOINTERFACE, E_POINTER, E_OUTOFMEMORY.
 */
DECLSPEC_EXPORT HRESULT STDAPICALLTYPE DllGetClassObject(REFCLSID rclsid,
							 REFIID riid,
							 LPVOID *ppv);

/* CoInitializeEx flags (COINIT). */
typedef enum tagCOINIT {
	COINIT_APARTMENTTHREADED = 0x2,
	COINIT_MULTITHREADED = 0x0,
	COINIT_DISABLE_OLE1DDE = 0x4,
	COINIT_SPEED_OVER_MEMORY = 0x8
} COINIT;

/**
 * CoInitializeEx - what Media Foundation programs call first
 * @pvReserved: must be NULL
 * @dwCoInit: COINIT flags
 *
 * pmp needs no apartment: the call is counted per thread and checked.
 *
 * Return: S_OK for a thread's first call, S_FALSE for the next ones;
 * E_INVALIDARG (@pvReserved not NULL, or unknown flags).
 */
HRESULT STDAPICALLTYPE CoInitializeEx(LPVOID pvReserved, DWORD dwCoInit);

/**
 * CoUninitialize - undo one CoInitializeEx of this thread
 */
void STDAPICALLTYPE CoUninitialize(void);

/**
 * CoTaskMemAlloc - memory that Media Foundation calls hand out
 * @cb: bytes (0 is a valid, empty block)
 *
 * Return: the memory, or NULL when out of memory.
 */
LPVOID STDAPICALLTYPE CoTaskMemAlloc(SIZE_T cb);

/**
 * CoTaskMemRealloc - resize CoTaskMemAlloc'ed memory
 * @pv: the memory, or NULL for a new block
 * @cb: the new size; 0 frees @pv and returns NULL
 *
 * Return: the memory, or NULL (@pv is then unchanged unless @cb was 0).
 */
LPVOID STDAPICALLTYPE CoTaskMemRealloc(LPVOID pv, SIZE_T cb);

/**
 * CoTaskMemFree - free CoTaskMemAlloc'ed memory
 * @pv: the memory, or NULL
 */
void STDAPICALLTYPE CoTaskMemFree(LPVOID pv);

#ifdef __cplusplus
}
#endif

#endif /* PMP_OBJBASE_H */
