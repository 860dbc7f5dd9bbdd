/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mfidl.h - Media Foundation's protected media path API: IMFPMPServer and
 * MFCreatePMPServer
 *
 * Generated from mfidl.idl by userspace/idl/pmpidl.py: do not edit.
 *
 * Source compatible with Microsoft's <mfidl.h> for the declarations it has:
 * the same names, IIDs, vtable order and COBJMACROS call macros.  Link with
 * libpmp (pkg-config pmp).  Documentation/userspace-api/com.rst describes
 * the behaviour and every HRESULT.
 */

#ifndef PMP_MFIDL_H
#define PMP_MFIDL_H

#include "objbase.h"
#include "mferror.h"
#include "unknwn.h"

#ifndef __IMFGetService_FWD_DEFINED__
#define __IMFGetService_FWD_DEFINED__
typedef interface IMFGetService IMFGetService;
#endif

#ifndef __IMFPMPServer_FWD_DEFINED__
#define __IMFPMPServer_FWD_DEFINED__
typedef interface IMFPMPServer IMFPMPServer;
#endif

/* MFCreatePMPServer() and MFCreatePMPMediaSession() flags. */
typedef enum _MFPMPSESSION_CREATION_FLAGS {
	MFPMPSESSION_UNPROTECTED_PROCESS = 0x1,
	MFPMPSESSION_IN_PROCESS = 0x2
} MFPMPSESSION_CREATION_FLAGS;

/* Service: the IMFPMPServer of a PMP media session (IMFGetService). */
/* {2F00C910-D2CF-4278-8B6A-D077FAC3A25F} */
DEFINE_GUID(MF_PMP_SERVER_CONTEXT, 0x2f00c910, 0xd2cf, 0x4278, 0x8b, 0x6a,
	    0xd0, 0x77, 0xfa, 0xc3, 0xa2, 0x5f);

/* Attribute (IUnknown): the IMFPMPServer a new PMP media session joins. */
/* {AFE5B291-50FA-46E8-B9BE-0C0C3CE4B3A5} */
DEFINE_GUID(MF_SESSION_SERVER_CONTEXT, 0xafe5b291, 0x50fa, 0x46e8, 0xb9, 0xbe,
	    0x0c, 0x0c, 0x3c, 0xe4, 0xb3, 0xa5);

/* Service: the IMFPMPHost of a PMP media session. */
/* {2F00C90C-D2CF-4278-8B6A-D077FAC3A25F} */
DEFINE_GUID(MF_PMP_SERVICE, 0x2f00c90c, 0xd2cf, 0x4278, 0x8b, 0x6a, 0xd0, 0x77,
	    0xfa, 0xc3, 0xa2, 0x5f);

/* ---- IMFGetService ---- */

#ifndef __IMFGetService_INTERFACE_DEFINED__
#define __IMFGetService_INTERFACE_DEFINED__

/* {FA993888-4383-415A-A930-DD472A8CF6F7} */
DEFINE_GUID(IID_IMFGetService, 0xfa993888, 0x4383, 0x415a, 0xa9, 0x30, 0xdd,
	    0x47, 0x2a, 0x8c, 0xf6, 0xf7);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("FA993888-4383-415A-A930-DD472A8CF6F7")
IMFGetService : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE GetService(REFGUID guidService,
						     REFIID riid,
						     LPVOID *ppvObject) = 0;
};
__CRT_UUID_DECL(IMFGetService, 0xfa993888, 0x4383, 0x415a, 0xa9, 0x30, 0xdd,
		0x47, 0x2a, 0x8c, 0xf6, 0xf7)
#else
typedef struct IMFGetServiceVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFGetService *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFGetService *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFGetService *This);

	/* IMFGetService */
	HRESULT(STDMETHODCALLTYPE *GetService)
	(IMFGetService *This, REFGUID guidService, REFIID riid,
	 LPVOID *ppvObject);

	END_INTERFACE
} IMFGetServiceVtbl;

interface IMFGetService {
	CONST_VTBL IMFGetServiceVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFGetService_QueryInterface(This, riid, ppvObject)                    \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFGetService_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFGetService_Release(This) ((This)->lpVtbl->Release(This))
#define IMFGetService_GetService(This, guidService, riid, ppvObject)           \
	((This)->lpVtbl->GetService(This, guidService, riid, ppvObject))
#endif
#endif

#endif /* __IMFGetService_INTERFACE_DEFINED__ */

/* ---- IMFPMPServer ---- */

/*
 * Vtable order is the IDL's, not the documentation's alphabetical one:
 * LockProcess, UnlockProcess, CreateObjectByCLSID.
 *
 * LockProcess(): keeps the PMP process from exiting while no object lives
 *	in it (for at most the module's linger_ms).  S_OK, MF_E_SHUTDOWN.
 * UnlockProcess(): gives one lock back.  S_OK; MF_E_INVALIDREQUEST when
 *	this process holds no lock on the PMP process; MF_E_SHUTDOWN.
 * CreateObjectByCLSID(clsid, riid, ppObject): creates the object inside
 *	the PMP process; *ppObject is a proxy for @riid, NULL on failure.
 *	S_OK; E_POINTER; REGDB_E_CLASSNOTREG; MF_E_PE_UNTRUSTED; E_NOINTERFACE
 *	(the class, or pmp's marshaling layer, lacks @riid); MF_E_SHUTDOWN;
 *	the class factory's own failures.
 */
#ifndef __IMFPMPServer_INTERFACE_DEFINED__
#define __IMFPMPServer_INTERFACE_DEFINED__

/* {994E23AF-1CC2-493C-B9FA-46F1CB040FA4} */
DEFINE_GUID(IID_IMFPMPServer, 0x994e23af, 0x1cc2, 0x493c, 0xb9, 0xfa, 0x46,
	    0xf1, 0xcb, 0x04, 0x0f, 0xa4);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("994E23AF-1CC2-493C-B9FA-46F1CB040FA4")
IMFPMPServer : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE LockProcess() = 0;
	virtual HRESULT STDMETHODCALLTYPE UnlockProcess() = 0;
	virtual HRESULT STDMETHODCALLTYPE CreateObjectByCLSID(
		REFCLSID clsid, REFIID riid, void **ppObject) = 0;
};
__CRT_UUID_DECL(IMFPMPServer, 0x994e23af, 0x1cc2, 0x493c, 0xb9, 0xfa, 0x46,
		0xf1, 0xcb, 0x04, 0x0f, 0xa4)
#else
typedef struct IMFPMPServerVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFPMPServer *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFPMPServer *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFPMPServer *This);

	/* IMFPMPServer */
	HRESULT(STDMETHODCALLTYPE *LockProcess)(IMFPMPServer *This);
	HRESULT(STDMETHODCALLTYPE *UnlockProcess)(IMFPMPServer *This);
	HRESULT(STDMETHODCALLTYPE *CreateObjectByCLSID)
	(IMFPMPServer *This, REFCLSID clsid, REFIID riid, void **ppObject);

	END_INTERFACE
} IMFPMPServerVtbl;

interface IMFPMPServer {
	CONST_VTBL IMFPMPServerVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFPMPServer_QueryInterface(This, riid, ppvObject)                     \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFPMPServer_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFPMPServer_Release(This) ((This)->lpVtbl->Release(This))
#define IMFPMPServer_LockProcess(This) ((This)->lpVtbl->LockProcess(This))
#define IMFPMPServer_UnlockProcess(This) ((This)->lpVtbl->UnlockProcess(This))
#define IMFPMPServer_CreateObjectByCLSID(This, clsid, riid, ppObject)          \
	((This)->lpVtbl->CreateObjectByCLSID(This, clsid, riid, ppObject))
#endif
#endif

#endif /* __IMFPMPServer_INTERFACE_DEFINED__ */

#ifdef __cplusplus
extern "C" {
#endif

/**
 * MFCreatePMPServer - start a PMP process, or an in-process server
 * @dwCreationFlags: 0 (a protected pmphost), MFPMPSESSION_UNPROTECTED_PROCESS
 *	(a separate, unprotected pmphost) or MFPMPSESSION_IN_PROCESS (the
 *	classes run in the caller; needs no kernel module)
 * @ppPMPServer: the new server; NULL on failure
 *
 * Return: S_OK; E_POINTER (@ppPMPServer NULL); E_INVALIDARG (an unknown
 * flag, or both flags); E_OUTOFMEMORY.  For a separate process, the
 * HRESULT of pmp_server_spawn()'s error (Documentation/userspace-api/com.rst
 * has the table): E_ACCESSDENIED (the kernel refused the protected
 * registration, or pmphost may not be run), MF_E_NOT_FOUND (no pmphost),
 * HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST) (no /dev/pmp: the module is not
 * loaded), HRESULT_FROM_WIN32(ERROR_REVISION_MISMATCH) (a kernel ABI this
 * library does not speak), CO_E_SERVER_EXEC_FAILURE (the host died before
 * reporting), HRESULT_FROM_WIN32(ERROR_TIMEOUT) (it did not report in
 * time).  In process: E_OUTOFMEMORY only.
 */
HRESULT STDAPICALLTYPE MFCreatePMPServer(DWORD dwCreationFlags,
					 IMFPMPServer **ppPMPServer);

#ifdef __cplusplus
}
#endif

#endif /* PMP_MFIDL_H */
