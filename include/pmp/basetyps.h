/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * basetyps.h - the macros COM interface declarations are written with
 *
 * In C an interface is a struct whose only member is lpVtbl, a pointer to
 * a table of function pointers that take the interface pointer (This)
 * first.  In C++ (unless CINTERFACE is defined) it is an abstract class
 * with pure virtual methods in the same order: the Itanium C++ ABI puts its
 * virtual table pointer first and the methods in declaration order, with
 * the object as first argument, so both views describe the same objects.
 */

#ifndef PMP_BASETYPS_H
#define PMP_BASETYPS_H

#include "windef.h"
#include "guiddef.h"

#ifndef interface
#define interface struct
#endif

#define BEGIN_INTERFACE
#define END_INTERFACE
#define CONST_VTBL const

#if defined(__cplusplus) && !defined(CINTERFACE)

#define MIDL_INTERFACE(x) struct DECLSPEC_UUID(x) DECLSPEC_NOVTABLE

#define STDMETHOD(method) virtual HRESULT STDMETHODCALLTYPE method
#define STDMETHOD_(type, method) virtual type STDMETHODCALLTYPE method
#define PURE = 0
#define THIS_
#define THIS void
#define DECLARE_INTERFACE(iface) interface DECLSPEC_NOVTABLE iface
#define DECLARE_INTERFACE_(iface, base)                                        \
	interface DECLSPEC_NOVTABLE iface : public base

/*
 * __uuidof(type or expression): the IID of an interface, as in MSVC and
 * mingw-w64.  Each interface header registers its IID with
 * __CRT_UUID_DECL.
 */
extern "C++" {
template <typename T> const GUID &__pmp_uuidof();
}

#define __CRT_UUID_DECL(type, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)       \
	extern "C++" {                                                         \
	template <> inline const GUID &__pmp_uuidof<type>()                    \
	{                                                                      \
		static const IID uuid = {                                      \
			l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 }          \
		};                                                             \
		return uuid;                                                   \
	}                                                                      \
	template <> inline const GUID &__pmp_uuidof<type *>()                  \
	{                                                                      \
		return __pmp_uuidof<type>();                                   \
	}                                                                      \
	}

#define __uuidof(x) __pmp_uuidof<__typeof__(x)>()

#else

#define STDMETHOD(method) HRESULT(STDMETHODCALLTYPE *method)
#define STDMETHOD_(type, method) type(STDMETHODCALLTYPE *method)
#define PURE
#define THIS_ INTERFACE *This,
#define THIS INTERFACE *This
#define DECLARE_INTERFACE(iface)                                               \
	typedef interface iface {                                              \
		const struct iface##Vtbl *lpVtbl;                              \
	} iface;                                                               \
	typedef const struct iface##Vtbl iface##Vtbl;                          \
	const struct iface##Vtbl
#define DECLARE_INTERFACE_(iface, base) DECLARE_INTERFACE(iface)

#define __CRT_UUID_DECL(type, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)

#endif

#endif /* PMP_BASETYPS_H */
