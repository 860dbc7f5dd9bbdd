// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * unknown.c - IUnknown for pmp's components
 */

#define COBJMACROS
#include "objbase.h"

#include "unknown.h"

HRESULT component_query_interface(IUnknown *iface, REFIID iid, REFIID riid,
				  void **ppv)
{
	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	if (!IsEqualIID(riid, &IID_IUnknown) && !IsEqualIID(riid, iid))
		return E_NOINTERFACE;
	IUnknown_AddRef(iface);
	*ppv = iface;
	return S_OK;
}

HRESULT component_hand_out(IUnknown *iface, REFIID riid, void **ppv)
{
	HRESULT hr = IUnknown_QueryInterface(iface, riid, ppv);

	IUnknown_Release(iface);
	return hr;
}
