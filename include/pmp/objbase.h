/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * objbase.h - the COM base: types, HRESULTs, IUnknown, IClassFactory and
 * the entry point of a component
 *
 * pmp has no COM runtime (no CoInitialize, no apartments, no system
 * registry): objects are created through IMFPMPServer and its class
 * registry.  A component is a shared object exporting DllGetClassObject.
 */

#ifndef PMP_OBJBASE_H
#define PMP_OBJBASE_H

#include "windef.h"
#include "winerror.h"
#include "guiddef.h"
#include "basetyps.h"
#include "unknwn.h"

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

#ifdef __cplusplus
}
#endif

#endif /* PMP_OBJBASE_H */
