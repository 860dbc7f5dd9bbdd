/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * unknwn.h - IUnknown and IClassFactory
 *
 * Generated from unknwn.idl by userspace/idl/pmpidl.py: do not edit.
 *
 * Laid out as the headers Microsoft's MIDL and Wine's widl generate: a C
 * view (lpVtbl, the vtable struct, COBJMACROS call macros) and a C++ view
 * (abstract classes), describing the same objects.
 */

#ifndef PMP_UNKNWN_H
#define PMP_UNKNWN_H

#include "windef.h"
#include "winerror.h"
#include "guiddef.h"
#include "basetyps.h"

#ifndef __IUnknown_FWD_DEFINED__
#define __IUnknown_FWD_DEFINED__
typedef interface IUnknown IUnknown;
#endif

#ifndef __IClassFactory_FWD_DEFINED__
#define __IClassFactory_FWD_DEFINED__
typedef interface IClassFactory IClassFactory;
#endif

/* ---- IUnknown ---- */

#ifndef __IUnknown_INTERFACE_DEFINED__
#define __IUnknown_INTERFACE_DEFINED__

typedef IUnknown *LPUNKNOWN;

/* {00000000-0000-0000-C000-000000000046} */
DEFINE_GUID(IID_IUnknown, 0x00000000, 0x0000, 0x0000, 0xc0, 0x00, 0x00, 0x00,
	    0x00, 0x00, 0x00, 0x46);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("00000000-0000-0000-C000-000000000046")
IUnknown
{
	BEGIN_INTERFACE

	virtual HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid,
							 void **ppvObject) = 0;
	virtual ULONG STDMETHODCALLTYPE AddRef() = 0;
	virtual ULONG STDMETHODCALLTYPE Release() = 0;

	/* Not virtual: the type-safe form MSVC's header offers. */
	template <class Q> HRESULT STDMETHODCALLTYPE QueryInterface(Q **pp)
	{
		return QueryInterface(__uuidof(Q), (void **)pp);
	}

	END_INTERFACE
};
__CRT_UUID_DECL(IUnknown, 0x00000000, 0x0000, 0x0000, 0xc0, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x46)
#else
typedef struct IUnknownVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IUnknown *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IUnknown *This);
	ULONG(STDMETHODCALLTYPE *Release)(IUnknown *This);

	END_INTERFACE
} IUnknownVtbl;

interface IUnknown {
	CONST_VTBL IUnknownVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IUnknown_QueryInterface(This, riid, ppvObject)                         \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IUnknown_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IUnknown_Release(This) ((This)->lpVtbl->Release(This))
#endif
#endif

#endif /* __IUnknown_INTERFACE_DEFINED__ */

/* ---- IClassFactory ---- */

#ifndef __IClassFactory_INTERFACE_DEFINED__
#define __IClassFactory_INTERFACE_DEFINED__

typedef IClassFactory *LPCLASSFACTORY;

/* {00000001-0000-0000-C000-000000000046} */
DEFINE_GUID(IID_IClassFactory, 0x00000001, 0x0000, 0x0000, 0xc0, 0x00, 0x00,
	    0x00, 0x00, 0x00, 0x00, 0x46);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("00000001-0000-0000-C000-000000000046")
IClassFactory : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE CreateInstance(IUnknown *pUnkOuter,
							 REFIID riid,
							 void **ppvObject) = 0;
	virtual HRESULT STDMETHODCALLTYPE LockServer(BOOL fLock) = 0;
};
__CRT_UUID_DECL(IClassFactory, 0x00000001, 0x0000, 0x0000, 0xc0, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x46)
#else
typedef struct IClassFactoryVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IClassFactory *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IClassFactory *This);
	ULONG(STDMETHODCALLTYPE *Release)(IClassFactory *This);

	/* IClassFactory */
	HRESULT(STDMETHODCALLTYPE *CreateInstance)
	(IClassFactory *This, IUnknown *pUnkOuter, REFIID riid,
	 void **ppvObject);
	HRESULT(STDMETHODCALLTYPE *LockServer)(IClassFactory *This, BOOL fLock);

	END_INTERFACE
} IClassFactoryVtbl;

interface IClassFactory {
	CONST_VTBL IClassFactoryVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IClassFactory_QueryInterface(This, riid, ppvObject)                    \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IClassFactory_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IClassFactory_Release(This) ((This)->lpVtbl->Release(This))
#define IClassFactory_CreateInstance(This, pUnkOuter, riid, ppvObject)         \
	((This)->lpVtbl->CreateInstance(This, pUnkOuter, riid, ppvObject))
#define IClassFactory_LockServer(This, fLock)                                  \
	((This)->lpVtbl->LockServer(This, fLock))
#endif
#endif

#endif /* __IClassFactory_INTERFACE_DEFINED__ */

#endif /* PMP_UNKNWN_H */
