// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * factory.c - IClassFactory and DllGetClassObject for pmp's components
 *
 * The factories are static: AddRef and Release do not count, and
 * LockServer has nothing to keep loaded (the class registry unloads a
 * component only once none of its objects live).
 */

#define COBJMACROS
#include "objbase.h"

#include "factory.h"
#include "unknown.h"

/* One factory per class; components have few. */
#define MAX_CLASSES 8

static const IClassFactoryVtbl factory_vtbl;
static IClassFactory factories[MAX_CLASSES] = {
	[0 ... MAX_CLASSES - 1] = { &factory_vtbl },
};

static HRESULT STDMETHODCALLTYPE factory_QueryInterface(IClassFactory *iface,
							REFIID riid, void **ppv)
{
	return component_query_interface((IUnknown *)iface, &IID_IClassFactory,
					 riid, ppv);
}

static ULONG STDMETHODCALLTYPE factory_AddRef(IClassFactory *iface)
{
	(void)iface;
	return 2;
}

static ULONG STDMETHODCALLTYPE factory_Release(IClassFactory *iface)
{
	(void)iface;
	return 1;
}

static HRESULT STDMETHODCALLTYPE factory_CreateInstance(IClassFactory *iface,
							IUnknown *outer,
							REFIID riid, void **ppv)
{
	const struct component_class *cls =
		&component_classes[iface - factories];

	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	if (outer)
		return CLASS_E_NOAGGREGATION;
	return cls->create(riid, ppv);
}

static HRESULT STDMETHODCALLTYPE factory_LockServer(IClassFactory *iface,
						    BOOL lock)
{
	(void)iface;
	(void)lock;
	return S_OK;
}

static const IClassFactoryVtbl factory_vtbl = {
	.QueryInterface = factory_QueryInterface,
	.AddRef = factory_AddRef,
	.Release = factory_Release,
	.CreateInstance = factory_CreateInstance,
	.LockServer = factory_LockServer,
};

HRESULT STDAPICALLTYPE DllGetClassObject(REFCLSID rclsid, REFIID riid,
					 LPVOID *ppv)
{
	unsigned int i;

	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	if (!rclsid || !riid)
		return E_POINTER;
	for (i = 0; i < MAX_CLASSES && component_classes[i].clsid; i++) {
		if (!IsEqualCLSID(rclsid, component_classes[i].clsid))
			continue;
		return factory_QueryInterface(&factories[i], riid, ppv);
	}
	return CLASS_E_CLASSNOTAVAILABLE;
}
