/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mfidl.h - Media Foundation's protected media path API: IMFPMPServer and
 * MFCreatePMPServer; topologies and their nodes; media sources, their
 * descriptors and the source resolver
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
#include "mfobjects.h"

#ifndef __IMFGetService_FWD_DEFINED__
#define __IMFGetService_FWD_DEFINED__
typedef interface IMFGetService IMFGetService;
#endif

#ifndef __IMFPMPServer_FWD_DEFINED__
#define __IMFPMPServer_FWD_DEFINED__
typedef interface IMFPMPServer IMFPMPServer;
#endif

#ifndef __IMFTopologyNode_FWD_DEFINED__
#define __IMFTopologyNode_FWD_DEFINED__
typedef interface IMFTopologyNode IMFTopologyNode;
#endif

#ifndef __IMFTopology_FWD_DEFINED__
#define __IMFTopology_FWD_DEFINED__
typedef interface IMFTopology IMFTopology;
#endif

#ifndef __IMFClock_FWD_DEFINED__
#define __IMFClock_FWD_DEFINED__
typedef interface IMFClock IMFClock;
#endif

#ifndef __IMFClockStateSink_FWD_DEFINED__
#define __IMFClockStateSink_FWD_DEFINED__
typedef interface IMFClockStateSink IMFClockStateSink;
#endif

#ifndef __IMFPresentationTimeSource_FWD_DEFINED__
#define __IMFPresentationTimeSource_FWD_DEFINED__
typedef interface IMFPresentationTimeSource IMFPresentationTimeSource;
#endif

#ifndef __IMFPresentationClock_FWD_DEFINED__
#define __IMFPresentationClock_FWD_DEFINED__
typedef interface IMFPresentationClock IMFPresentationClock;
#endif

#ifndef __IMFMediaSession_FWD_DEFINED__
#define __IMFMediaSession_FWD_DEFINED__
typedef interface IMFMediaSession IMFMediaSession;
#endif

#ifndef __IMFMediaTypeHandler_FWD_DEFINED__
#define __IMFMediaTypeHandler_FWD_DEFINED__
typedef interface IMFMediaTypeHandler IMFMediaTypeHandler;
#endif

#ifndef __IMFStreamDescriptor_FWD_DEFINED__
#define __IMFStreamDescriptor_FWD_DEFINED__
typedef interface IMFStreamDescriptor IMFStreamDescriptor;
#endif

#ifndef __IMFPresentationDescriptor_FWD_DEFINED__
#define __IMFPresentationDescriptor_FWD_DEFINED__
typedef interface IMFPresentationDescriptor IMFPresentationDescriptor;
#endif

#ifndef __IMFMediaSource_FWD_DEFINED__
#define __IMFMediaSource_FWD_DEFINED__
typedef interface IMFMediaSource IMFMediaSource;
#endif

#ifndef __IMFMediaStream_FWD_DEFINED__
#define __IMFMediaStream_FWD_DEFINED__
typedef interface IMFMediaStream IMFMediaStream;
#endif

#ifndef __IMFSourceResolver_FWD_DEFINED__
#define __IMFSourceResolver_FWD_DEFINED__
typedef interface IMFSourceResolver IMFSourceResolver;
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

/* Topologies and their nodes (Documentation/userspace-api/mf.rst). */
typedef UINT64 TOPOID;

typedef enum MF_TOPOLOGY_TYPE {
	MF_TOPOLOGY_OUTPUT_NODE = 0,
	MF_TOPOLOGY_SOURCESTREAM_NODE = 1,
	MF_TOPOLOGY_TRANSFORM_NODE = 2,
	MF_TOPOLOGY_TEE_NODE = 3,
	MF_TOPOLOGY_MAX = 0xffffffff
} MF_TOPOLOGY_TYPE;

/* ---- IMFTopologyNode ---- */

/*
 * A node of a topology: a source stream, a transform, a tee or an output,
 * with an attribute store.  Connected nodes hold a reference to each
 * other, as Windows' do; libpmp frees a group of nodes that only their
 * connections keep alive.  Connecting an output node's output or a source
 * node's input: E_FAIL; a node to itself: E_INVALIDARG.  GetInput,
 * GetOutput and DisconnectOutput: E_INVALIDARG beyond the count,
 * MF_E_NOT_FOUND for a stream not connected.  GetObject without one:
 * E_FAIL.  The preferred types: E_NOTIMPL (not implemented yet).
 * CloneFrom of another type: MF_E_INVALIDREQUEST.
 */
#ifndef __IMFTopologyNode_INTERFACE_DEFINED__
#define __IMFTopologyNode_INTERFACE_DEFINED__

/* {83CF873A-F6DA-4BC8-823F-BACFD55DC430} */
DEFINE_GUID(IID_IMFTopologyNode, 0x83cf873a, 0xf6da, 0x4bc8, 0x82, 0x3f, 0xba,
	    0xcf, 0xd5, 0x5d, 0xc4, 0x30);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("83CF873A-F6DA-4BC8-823F-BACFD55DC430")
IMFTopologyNode : public IMFAttributes
{
	virtual HRESULT STDMETHODCALLTYPE SetObject(IUnknown *pObject) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetObject(IUnknown **ppObject) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetNodeType(
		MF_TOPOLOGY_TYPE *pType) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetTopoNodeID(TOPOID *pID) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetTopoNodeID(TOPOID ullTopoID) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetInputCount(DWORD *pcInputs) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetOutputCount(DWORD *pcOutputs) = 0;
	virtual HRESULT STDMETHODCALLTYPE ConnectOutput(
		DWORD dwOutputIndex, IMFTopologyNode *pDownstreamNode,
		DWORD dwInputIndexOnDownstreamNode) = 0;
	virtual HRESULT STDMETHODCALLTYPE DisconnectOutput(
		DWORD dwOutputIndex) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetInput(
		DWORD dwInputIndex, IMFTopologyNode **ppUpstreamNode,
		DWORD *pdwOutputIndexOnUpstreamNode) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetOutput(
		DWORD dwOutputIndex, IMFTopologyNode **ppDownstreamNode,
		DWORD *pdwInputIndexOnDownstreamNode) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetOutputPrefType(
		DWORD dwOutputIndex, IMFMediaType *pType) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetOutputPrefType(
		DWORD dwOutputIndex, IMFMediaType **ppType) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetInputPrefType(
		DWORD dwInputIndex, IMFMediaType *pType) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetInputPrefType(
		DWORD dwInputIndex, IMFMediaType **ppType) = 0;
	virtual HRESULT STDMETHODCALLTYPE CloneFrom(IMFTopologyNode *pNode) = 0;
};
__CRT_UUID_DECL(IMFTopologyNode, 0x83cf873a, 0xf6da, 0x4bc8, 0x82, 0x3f, 0xba,
		0xcf, 0xd5, 0x5d, 0xc4, 0x30)
#else
typedef struct IMFTopologyNodeVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFTopologyNode *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFTopologyNode *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFTopologyNode *This);

	/* IMFAttributes */
	HRESULT(STDMETHODCALLTYPE *GetItem)
	(IMFTopologyNode *This, REFGUID guidKey, PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *GetItemType)
	(IMFTopologyNode *This, REFGUID guidKey, MF_ATTRIBUTE_TYPE *pType);
	HRESULT(STDMETHODCALLTYPE *CompareItem)
	(IMFTopologyNode *This, REFGUID guidKey, REFPROPVARIANT Value,
	 BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *Compare)
	(IMFTopologyNode *This, IMFAttributes *pTheirs,
	 MF_ATTRIBUTES_MATCH_TYPE MatchType, BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *GetUINT32)
	(IMFTopologyNode *This, REFGUID guidKey, UINT32 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetUINT64)
	(IMFTopologyNode *This, REFGUID guidKey, UINT64 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetDouble)
	(IMFTopologyNode *This, REFGUID guidKey, double *pfValue);
	HRESULT(STDMETHODCALLTYPE *GetGUID)
	(IMFTopologyNode *This, REFGUID guidKey, GUID *pguidValue);
	HRESULT(STDMETHODCALLTYPE *GetStringLength)
	(IMFTopologyNode *This, REFGUID guidKey, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetString)
	(IMFTopologyNode *This, REFGUID guidKey, LPWSTR pwszValue,
	 UINT32 cchBufSize, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedString)
	(IMFTopologyNode *This, REFGUID guidKey, LPWSTR *ppwszValue,
	 UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetBlobSize)
	(IMFTopologyNode *This, REFGUID guidKey, UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetBlob)
	(IMFTopologyNode *This, REFGUID guidKey, UINT8 *pBuf, UINT32 cbBufSize,
	 UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedBlob)
	(IMFTopologyNode *This, REFGUID guidKey, UINT8 **ppBuf,
	 UINT32 *pcbSize);
	HRESULT(STDMETHODCALLTYPE *GetUnknown)
	(IMFTopologyNode *This, REFGUID guidKey, REFIID riid, LPVOID *ppv);
	HRESULT(STDMETHODCALLTYPE *SetItem)
	(IMFTopologyNode *This, REFGUID guidKey, REFPROPVARIANT Value);
	HRESULT(STDMETHODCALLTYPE *DeleteItem)
	(IMFTopologyNode *This, REFGUID guidKey);
	HRESULT(STDMETHODCALLTYPE *DeleteAllItems)(IMFTopologyNode *This);
	HRESULT(STDMETHODCALLTYPE *SetUINT32)
	(IMFTopologyNode *This, REFGUID guidKey, UINT32 unValue);
	HRESULT(STDMETHODCALLTYPE *SetUINT64)
	(IMFTopologyNode *This, REFGUID guidKey, UINT64 unValue);
	HRESULT(STDMETHODCALLTYPE *SetDouble)
	(IMFTopologyNode *This, REFGUID guidKey, double fValue);
	HRESULT(STDMETHODCALLTYPE *SetGUID)
	(IMFTopologyNode *This, REFGUID guidKey, REFGUID guidValue);
	HRESULT(STDMETHODCALLTYPE *SetString)
	(IMFTopologyNode *This, REFGUID guidKey, LPCWSTR wszValue);
	HRESULT(STDMETHODCALLTYPE *SetBlob)
	(IMFTopologyNode *This, REFGUID guidKey, const UINT8 *pBuf,
	 UINT32 cbBufSize);
	HRESULT(STDMETHODCALLTYPE *SetUnknown)
	(IMFTopologyNode *This, REFGUID guidKey, IUnknown *pUnknown);
	HRESULT(STDMETHODCALLTYPE *LockStore)(IMFTopologyNode *This);
	HRESULT(STDMETHODCALLTYPE *UnlockStore)(IMFTopologyNode *This);
	HRESULT(STDMETHODCALLTYPE *GetCount)
	(IMFTopologyNode *This, UINT32 *pcItems);
	HRESULT(STDMETHODCALLTYPE *GetItemByIndex)
	(IMFTopologyNode *This, UINT32 unIndex, GUID *pguidKey,
	 PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *CopyAllItems)
	(IMFTopologyNode *This, IMFAttributes *pDest);

	/* IMFTopologyNode */
	HRESULT(STDMETHODCALLTYPE *SetObject)
	(IMFTopologyNode *This, IUnknown *pObject);
	HRESULT(STDMETHODCALLTYPE *GetObject)
	(IMFTopologyNode *This, IUnknown **ppObject);
	HRESULT(STDMETHODCALLTYPE *GetNodeType)
	(IMFTopologyNode *This, MF_TOPOLOGY_TYPE *pType);
	HRESULT(STDMETHODCALLTYPE *GetTopoNodeID)
	(IMFTopologyNode *This, TOPOID *pID);
	HRESULT(STDMETHODCALLTYPE *SetTopoNodeID)
	(IMFTopologyNode *This, TOPOID ullTopoID);
	HRESULT(STDMETHODCALLTYPE *GetInputCount)
	(IMFTopologyNode *This, DWORD *pcInputs);
	HRESULT(STDMETHODCALLTYPE *GetOutputCount)
	(IMFTopologyNode *This, DWORD *pcOutputs);
	HRESULT(STDMETHODCALLTYPE *ConnectOutput)
	(IMFTopologyNode *This, DWORD dwOutputIndex,
	 IMFTopologyNode *pDownstreamNode, DWORD dwInputIndexOnDownstreamNode);
	HRESULT(STDMETHODCALLTYPE *DisconnectOutput)
	(IMFTopologyNode *This, DWORD dwOutputIndex);
	HRESULT(STDMETHODCALLTYPE *GetInput)
	(IMFTopologyNode *This, DWORD dwInputIndex,
	 IMFTopologyNode **ppUpstreamNode, DWORD *pdwOutputIndexOnUpstreamNode);
	HRESULT(STDMETHODCALLTYPE *GetOutput)
	(IMFTopologyNode *This, DWORD dwOutputIndex,
	 IMFTopologyNode **ppDownstreamNode,
	 DWORD *pdwInputIndexOnDownstreamNode);
	HRESULT(STDMETHODCALLTYPE *SetOutputPrefType)
	(IMFTopologyNode *This, DWORD dwOutputIndex, IMFMediaType *pType);
	HRESULT(STDMETHODCALLTYPE *GetOutputPrefType)
	(IMFTopologyNode *This, DWORD dwOutputIndex, IMFMediaType **ppType);
	HRESULT(STDMETHODCALLTYPE *SetInputPrefType)
	(IMFTopologyNode *This, DWORD dwInputIndex, IMFMediaType *pType);
	HRESULT(STDMETHODCALLTYPE *GetInputPrefType)
	(IMFTopologyNode *This, DWORD dwInputIndex, IMFMediaType **ppType);
	HRESULT(STDMETHODCALLTYPE *CloneFrom)
	(IMFTopologyNode *This, IMFTopologyNode *pNode);

	END_INTERFACE
} IMFTopologyNodeVtbl;

interface IMFTopologyNode {
	CONST_VTBL IMFTopologyNodeVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFTopologyNode_QueryInterface(This, riid, ppvObject)                  \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFTopologyNode_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFTopologyNode_Release(This) ((This)->lpVtbl->Release(This))
#define IMFTopologyNode_GetItem(This, guidKey, pValue)                         \
	((This)->lpVtbl->GetItem(This, guidKey, pValue))
#define IMFTopologyNode_GetItemType(This, guidKey, pType)                      \
	((This)->lpVtbl->GetItemType(This, guidKey, pType))
#define IMFTopologyNode_CompareItem(This, guidKey, Value, pbResult)            \
	((This)->lpVtbl->CompareItem(This, guidKey, Value, pbResult))
#define IMFTopologyNode_Compare(This, pTheirs, MatchType, pbResult)            \
	((This)->lpVtbl->Compare(This, pTheirs, MatchType, pbResult))
#define IMFTopologyNode_GetUINT32(This, guidKey, punValue)                     \
	((This)->lpVtbl->GetUINT32(This, guidKey, punValue))
#define IMFTopologyNode_GetUINT64(This, guidKey, punValue)                     \
	((This)->lpVtbl->GetUINT64(This, guidKey, punValue))
#define IMFTopologyNode_GetDouble(This, guidKey, pfValue)                      \
	((This)->lpVtbl->GetDouble(This, guidKey, pfValue))
#define IMFTopologyNode_GetGUID(This, guidKey, pguidValue)                     \
	((This)->lpVtbl->GetGUID(This, guidKey, pguidValue))
#define IMFTopologyNode_GetStringLength(This, guidKey, pcchLength)             \
	((This)->lpVtbl->GetStringLength(This, guidKey, pcchLength))
#define IMFTopologyNode_GetString(This, guidKey, pwszValue, cchBufSize,        \
				  pcchLength)                                  \
	((This)->lpVtbl->GetString(This, guidKey, pwszValue, cchBufSize, pcchLength))
#define IMFTopologyNode_GetAllocatedString(This, guidKey, ppwszValue,          \
					   pcchLength)                         \
	((This)->lpVtbl->GetAllocatedString(This, guidKey, ppwszValue, pcchLength))
#define IMFTopologyNode_GetBlobSize(This, guidKey, pcbBlobSize)                \
	((This)->lpVtbl->GetBlobSize(This, guidKey, pcbBlobSize))
#define IMFTopologyNode_GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize)   \
	((This)->lpVtbl->GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize))
#define IMFTopologyNode_GetAllocatedBlob(This, guidKey, ppBuf, pcbSize)        \
	((This)->lpVtbl->GetAllocatedBlob(This, guidKey, ppBuf, pcbSize))
#define IMFTopologyNode_GetUnknown(This, guidKey, riid, ppv)                   \
	((This)->lpVtbl->GetUnknown(This, guidKey, riid, ppv))
#define IMFTopologyNode_SetItem(This, guidKey, Value)                          \
	((This)->lpVtbl->SetItem(This, guidKey, Value))
#define IMFTopologyNode_DeleteItem(This, guidKey)                              \
	((This)->lpVtbl->DeleteItem(This, guidKey))
#define IMFTopologyNode_DeleteAllItems(This)                                   \
	((This)->lpVtbl->DeleteAllItems(This))
#define IMFTopologyNode_SetUINT32(This, guidKey, unValue)                      \
	((This)->lpVtbl->SetUINT32(This, guidKey, unValue))
#define IMFTopologyNode_SetUINT64(This, guidKey, unValue)                      \
	((This)->lpVtbl->SetUINT64(This, guidKey, unValue))
#define IMFTopologyNode_SetDouble(This, guidKey, fValue)                       \
	((This)->lpVtbl->SetDouble(This, guidKey, fValue))
#define IMFTopologyNode_SetGUID(This, guidKey, guidValue)                      \
	((This)->lpVtbl->SetGUID(This, guidKey, guidValue))
#define IMFTopologyNode_SetString(This, guidKey, wszValue)                     \
	((This)->lpVtbl->SetString(This, guidKey, wszValue))
#define IMFTopologyNode_SetBlob(This, guidKey, pBuf, cbBufSize)                \
	((This)->lpVtbl->SetBlob(This, guidKey, pBuf, cbBufSize))
#define IMFTopologyNode_SetUnknown(This, guidKey, pUnknown)                    \
	((This)->lpVtbl->SetUnknown(This, guidKey, pUnknown))
#define IMFTopologyNode_LockStore(This) ((This)->lpVtbl->LockStore(This))
#define IMFTopologyNode_UnlockStore(This) ((This)->lpVtbl->UnlockStore(This))
#define IMFTopologyNode_GetCount(This, pcItems)                                \
	((This)->lpVtbl->GetCount(This, pcItems))
#define IMFTopologyNode_GetItemByIndex(This, unIndex, pguidKey, pValue)        \
	((This)->lpVtbl->GetItemByIndex(This, unIndex, pguidKey, pValue))
#define IMFTopologyNode_CopyAllItems(This, pDest)                              \
	((This)->lpVtbl->CopyAllItems(This, pDest))
#define IMFTopologyNode_SetObject(This, pObject)                               \
	((This)->lpVtbl->SetObject(This, pObject))
#define IMFTopologyNode_GetObject(This, ppObject)                              \
	((This)->lpVtbl->GetObject(This, ppObject))
#define IMFTopologyNode_GetNodeType(This, pType)                               \
	((This)->lpVtbl->GetNodeType(This, pType))
#define IMFTopologyNode_GetTopoNodeID(This, pID)                               \
	((This)->lpVtbl->GetTopoNodeID(This, pID))
#define IMFTopologyNode_SetTopoNodeID(This, ullTopoID)                         \
	((This)->lpVtbl->SetTopoNodeID(This, ullTopoID))
#define IMFTopologyNode_GetInputCount(This, pcInputs)                          \
	((This)->lpVtbl->GetInputCount(This, pcInputs))
#define IMFTopologyNode_GetOutputCount(This, pcOutputs)                        \
	((This)->lpVtbl->GetOutputCount(This, pcOutputs))
#define IMFTopologyNode_ConnectOutput(This, dwOutputIndex, pDownstreamNode,    \
				      dwInputIndexOnDownstreamNode)            \
	((This)->lpVtbl->ConnectOutput(This, dwOutputIndex, pDownstreamNode, dwInputIndexOnDownstreamNode))
#define IMFTopologyNode_DisconnectOutput(This, dwOutputIndex)                  \
	((This)->lpVtbl->DisconnectOutput(This, dwOutputIndex))
#define IMFTopologyNode_GetInput(This, dwInputIndex, ppUpstreamNode,           \
				 pdwOutputIndexOnUpstreamNode)                 \
	((This)->lpVtbl->GetInput(This, dwInputIndex, ppUpstreamNode, pdwOutputIndexOnUpstreamNode))
#define IMFTopologyNode_GetOutput(This, dwOutputIndex, ppDownstreamNode,       \
				  pdwInputIndexOnDownstreamNode)               \
	((This)->lpVtbl->GetOutput(This, dwOutputIndex, ppDownstreamNode, pdwInputIndexOnDownstreamNode))
#define IMFTopologyNode_SetOutputPrefType(This, dwOutputIndex, pType)          \
	((This)->lpVtbl->SetOutputPrefType(This, dwOutputIndex, pType))
#define IMFTopologyNode_GetOutputPrefType(This, dwOutputIndex, ppType)         \
	((This)->lpVtbl->GetOutputPrefType(This, dwOutputIndex, ppType))
#define IMFTopologyNode_SetInputPrefType(This, dwInputIndex, pType)            \
	((This)->lpVtbl->SetInputPrefType(This, dwInputIndex, pType))
#define IMFTopologyNode_GetInputPrefType(This, dwInputIndex, ppType)           \
	((This)->lpVtbl->GetInputPrefType(This, dwInputIndex, ppType))
#define IMFTopologyNode_CloneFrom(This, pNode)                                 \
	((This)->lpVtbl->CloneFrom(This, pNode))
#endif
#endif

#endif /* __IMFTopologyNode_INTERFACE_DEFINED__ */

/* ---- IMFTopology ---- */

/*
 * A set of nodes and an attribute store.  AddNode of a node already there,
 * or of another node with the same TOPOID: E_INVALIDARG; RemoveNode of a
 * node not there: E_INVALIDARG; GetNode beyond the count:
 * MF_E_INVALIDINDEX; GetNodeByID of an unknown id: MF_E_NOT_FOUND.  A
 * node leaving the topology (RemoveNode, Clear, Release) loses its
 * connections, as on Windows.
 */
#ifndef __IMFTopology_INTERFACE_DEFINED__
#define __IMFTopology_INTERFACE_DEFINED__

/* {83CF873A-F6DA-4BC8-823F-BACFD55DC433} */
DEFINE_GUID(IID_IMFTopology, 0x83cf873a, 0xf6da, 0x4bc8, 0x82, 0x3f, 0xba,
	    0xcf, 0xd5, 0x5d, 0xc4, 0x33);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("83CF873A-F6DA-4BC8-823F-BACFD55DC433")
IMFTopology : public IMFAttributes
{
	virtual HRESULT STDMETHODCALLTYPE GetTopologyID(TOPOID *pID) = 0;
	virtual HRESULT STDMETHODCALLTYPE AddNode(IMFTopologyNode *pNode) = 0;
	virtual HRESULT STDMETHODCALLTYPE RemoveNode(
		IMFTopologyNode *pNode) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetNodeCount(WORD *pwNodes) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetNode(WORD wIndex,
						  IMFTopologyNode **ppNode) = 0;
	virtual HRESULT STDMETHODCALLTYPE Clear() = 0;
	virtual HRESULT STDMETHODCALLTYPE CloneFrom(IMFTopology *pTopology) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetNodeByID(
		TOPOID qwTopoNodeID, IMFTopologyNode **ppNode) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetSourceNodeCollection(
		IMFCollection **ppCollection) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetOutputNodeCollection(
		IMFCollection **ppCollection) = 0;
};
__CRT_UUID_DECL(IMFTopology, 0x83cf873a, 0xf6da, 0x4bc8, 0x82, 0x3f, 0xba,
		0xcf, 0xd5, 0x5d, 0xc4, 0x33)
#else
typedef struct IMFTopologyVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFTopology *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFTopology *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFTopology *This);

	/* IMFAttributes */
	HRESULT(STDMETHODCALLTYPE *GetItem)
	(IMFTopology *This, REFGUID guidKey, PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *GetItemType)
	(IMFTopology *This, REFGUID guidKey, MF_ATTRIBUTE_TYPE *pType);
	HRESULT(STDMETHODCALLTYPE *CompareItem)
	(IMFTopology *This, REFGUID guidKey, REFPROPVARIANT Value,
	 BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *Compare)
	(IMFTopology *This, IMFAttributes *pTheirs,
	 MF_ATTRIBUTES_MATCH_TYPE MatchType, BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *GetUINT32)
	(IMFTopology *This, REFGUID guidKey, UINT32 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetUINT64)
	(IMFTopology *This, REFGUID guidKey, UINT64 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetDouble)
	(IMFTopology *This, REFGUID guidKey, double *pfValue);
	HRESULT(STDMETHODCALLTYPE *GetGUID)
	(IMFTopology *This, REFGUID guidKey, GUID *pguidValue);
	HRESULT(STDMETHODCALLTYPE *GetStringLength)
	(IMFTopology *This, REFGUID guidKey, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetString)
	(IMFTopology *This, REFGUID guidKey, LPWSTR pwszValue,
	 UINT32 cchBufSize, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedString)
	(IMFTopology *This, REFGUID guidKey, LPWSTR *ppwszValue,
	 UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetBlobSize)
	(IMFTopology *This, REFGUID guidKey, UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetBlob)
	(IMFTopology *This, REFGUID guidKey, UINT8 *pBuf, UINT32 cbBufSize,
	 UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedBlob)
	(IMFTopology *This, REFGUID guidKey, UINT8 **ppBuf, UINT32 *pcbSize);
	HRESULT(STDMETHODCALLTYPE *GetUnknown)
	(IMFTopology *This, REFGUID guidKey, REFIID riid, LPVOID *ppv);
	HRESULT(STDMETHODCALLTYPE *SetItem)
	(IMFTopology *This, REFGUID guidKey, REFPROPVARIANT Value);
	HRESULT(STDMETHODCALLTYPE *DeleteItem)
	(IMFTopology *This, REFGUID guidKey);
	HRESULT(STDMETHODCALLTYPE *DeleteAllItems)(IMFTopology *This);
	HRESULT(STDMETHODCALLTYPE *SetUINT32)
	(IMFTopology *This, REFGUID guidKey, UINT32 unValue);
	HRESULT(STDMETHODCALLTYPE *SetUINT64)
	(IMFTopology *This, REFGUID guidKey, UINT64 unValue);
	HRESULT(STDMETHODCALLTYPE *SetDouble)
	(IMFTopology *This, REFGUID guidKey, double fValue);
	HRESULT(STDMETHODCALLTYPE *SetGUID)
	(IMFTopology *This, REFGUID guidKey, REFGUID guidValue);
	HRESULT(STDMETHODCALLTYPE *SetString)
	(IMFTopology *This, REFGUID guidKey, LPCWSTR wszValue);
	HRESULT(STDMETHODCALLTYPE *SetBlob)
	(IMFTopology *This, REFGUID guidKey, const UINT8 *pBuf,
	 UINT32 cbBufSize);
	HRESULT(STDMETHODCALLTYPE *SetUnknown)
	(IMFTopology *This, REFGUID guidKey, IUnknown *pUnknown);
	HRESULT(STDMETHODCALLTYPE *LockStore)(IMFTopology *This);
	HRESULT(STDMETHODCALLTYPE *UnlockStore)(IMFTopology *This);
	HRESULT(STDMETHODCALLTYPE *GetCount)
	(IMFTopology *This, UINT32 *pcItems);
	HRESULT(STDMETHODCALLTYPE *GetItemByIndex)
	(IMFTopology *This, UINT32 unIndex, GUID *pguidKey,
	 PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *CopyAllItems)
	(IMFTopology *This, IMFAttributes *pDest);

	/* IMFTopology */
	HRESULT(STDMETHODCALLTYPE *GetTopologyID)
	(IMFTopology *This, TOPOID *pID);
	HRESULT(STDMETHODCALLTYPE *AddNode)
	(IMFTopology *This, IMFTopologyNode *pNode);
	HRESULT(STDMETHODCALLTYPE *RemoveNode)
	(IMFTopology *This, IMFTopologyNode *pNode);
	HRESULT(STDMETHODCALLTYPE *GetNodeCount)
	(IMFTopology *This, WORD *pwNodes);
	HRESULT(STDMETHODCALLTYPE *GetNode)
	(IMFTopology *This, WORD wIndex, IMFTopologyNode **ppNode);
	HRESULT(STDMETHODCALLTYPE *Clear)(IMFTopology *This);
	HRESULT(STDMETHODCALLTYPE *CloneFrom)
	(IMFTopology *This, IMFTopology *pTopology);
	HRESULT(STDMETHODCALLTYPE *GetNodeByID)
	(IMFTopology *This, TOPOID qwTopoNodeID, IMFTopologyNode **ppNode);
	HRESULT(STDMETHODCALLTYPE *GetSourceNodeCollection)
	(IMFTopology *This, IMFCollection **ppCollection);
	HRESULT(STDMETHODCALLTYPE *GetOutputNodeCollection)
	(IMFTopology *This, IMFCollection **ppCollection);

	END_INTERFACE
} IMFTopologyVtbl;

interface IMFTopology {
	CONST_VTBL IMFTopologyVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFTopology_QueryInterface(This, riid, ppvObject)                      \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFTopology_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFTopology_Release(This) ((This)->lpVtbl->Release(This))
#define IMFTopology_GetItem(This, guidKey, pValue)                             \
	((This)->lpVtbl->GetItem(This, guidKey, pValue))
#define IMFTopology_GetItemType(This, guidKey, pType)                          \
	((This)->lpVtbl->GetItemType(This, guidKey, pType))
#define IMFTopology_CompareItem(This, guidKey, Value, pbResult)                \
	((This)->lpVtbl->CompareItem(This, guidKey, Value, pbResult))
#define IMFTopology_Compare(This, pTheirs, MatchType, pbResult)                \
	((This)->lpVtbl->Compare(This, pTheirs, MatchType, pbResult))
#define IMFTopology_GetUINT32(This, guidKey, punValue)                         \
	((This)->lpVtbl->GetUINT32(This, guidKey, punValue))
#define IMFTopology_GetUINT64(This, guidKey, punValue)                         \
	((This)->lpVtbl->GetUINT64(This, guidKey, punValue))
#define IMFTopology_GetDouble(This, guidKey, pfValue)                          \
	((This)->lpVtbl->GetDouble(This, guidKey, pfValue))
#define IMFTopology_GetGUID(This, guidKey, pguidValue)                         \
	((This)->lpVtbl->GetGUID(This, guidKey, pguidValue))
#define IMFTopology_GetStringLength(This, guidKey, pcchLength)                 \
	((This)->lpVtbl->GetStringLength(This, guidKey, pcchLength))
#define IMFTopology_GetString(This, guidKey, pwszValue, cchBufSize,            \
			      pcchLength)                                      \
	((This)->lpVtbl->GetString(This, guidKey, pwszValue, cchBufSize, pcchLength))
#define IMFTopology_GetAllocatedString(This, guidKey, ppwszValue, pcchLength)  \
	((This)->lpVtbl->GetAllocatedString(This, guidKey, ppwszValue, pcchLength))
#define IMFTopology_GetBlobSize(This, guidKey, pcbBlobSize)                    \
	((This)->lpVtbl->GetBlobSize(This, guidKey, pcbBlobSize))
#define IMFTopology_GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize)       \
	((This)->lpVtbl->GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize))
#define IMFTopology_GetAllocatedBlob(This, guidKey, ppBuf, pcbSize)            \
	((This)->lpVtbl->GetAllocatedBlob(This, guidKey, ppBuf, pcbSize))
#define IMFTopology_GetUnknown(This, guidKey, riid, ppv)                       \
	((This)->lpVtbl->GetUnknown(This, guidKey, riid, ppv))
#define IMFTopology_SetItem(This, guidKey, Value)                              \
	((This)->lpVtbl->SetItem(This, guidKey, Value))
#define IMFTopology_DeleteItem(This, guidKey)                                  \
	((This)->lpVtbl->DeleteItem(This, guidKey))
#define IMFTopology_DeleteAllItems(This) ((This)->lpVtbl->DeleteAllItems(This))
#define IMFTopology_SetUINT32(This, guidKey, unValue)                          \
	((This)->lpVtbl->SetUINT32(This, guidKey, unValue))
#define IMFTopology_SetUINT64(This, guidKey, unValue)                          \
	((This)->lpVtbl->SetUINT64(This, guidKey, unValue))
#define IMFTopology_SetDouble(This, guidKey, fValue)                           \
	((This)->lpVtbl->SetDouble(This, guidKey, fValue))
#define IMFTopology_SetGUID(This, guidKey, guidValue)                          \
	((This)->lpVtbl->SetGUID(This, guidKey, guidValue))
#define IMFTopology_SetString(This, guidKey, wszValue)                         \
	((This)->lpVtbl->SetString(This, guidKey, wszValue))
#define IMFTopology_SetBlob(This, guidKey, pBuf, cbBufSize)                    \
	((This)->lpVtbl->SetBlob(This, guidKey, pBuf, cbBufSize))
#define IMFTopology_SetUnknown(This, guidKey, pUnknown)                        \
	((This)->lpVtbl->SetUnknown(This, guidKey, pUnknown))
#define IMFTopology_LockStore(This) ((This)->lpVtbl->LockStore(This))
#define IMFTopology_UnlockStore(This) ((This)->lpVtbl->UnlockStore(This))
#define IMFTopology_GetCount(This, pcItems)                                    \
	((This)->lpVtbl->GetCount(This, pcItems))
#define IMFTopology_GetItemByIndex(This, unIndex, pguidKey, pValue)            \
	((This)->lpVtbl->GetItemByIndex(This, unIndex, pguidKey, pValue))
#define IMFTopology_CopyAllItems(This, pDest)                                  \
	((This)->lpVtbl->CopyAllItems(This, pDest))
#define IMFTopology_GetTopologyID(This, pID)                                   \
	((This)->lpVtbl->GetTopologyID(This, pID))
#define IMFTopology_AddNode(This, pNode) ((This)->lpVtbl->AddNode(This, pNode))
#define IMFTopology_RemoveNode(This, pNode)                                    \
	((This)->lpVtbl->RemoveNode(This, pNode))
#define IMFTopology_GetNodeCount(This, pwNodes)                                \
	((This)->lpVtbl->GetNodeCount(This, pwNodes))
#define IMFTopology_GetNode(This, wIndex, ppNode)                              \
	((This)->lpVtbl->GetNode(This, wIndex, ppNode))
#define IMFTopology_Clear(This) ((This)->lpVtbl->Clear(This))
#define IMFTopology_CloneFrom(This, pTopology)                                 \
	((This)->lpVtbl->CloneFrom(This, pTopology))
#define IMFTopology_GetNodeByID(This, qwTopoNodeID, ppNode)                    \
	((This)->lpVtbl->GetNodeByID(This, qwTopoNodeID, ppNode))
#define IMFTopology_GetSourceNodeCollection(This, ppCollection)                \
	((This)->lpVtbl->GetSourceNodeCollection(This, ppCollection))
#define IMFTopology_GetOutputNodeCollection(This, ppCollection)                \
	((This)->lpVtbl->GetOutputNodeCollection(This, ppCollection))
#endif
#endif

#endif /* __IMFTopology_INTERFACE_DEFINED__ */

#ifdef __cplusplus
extern "C" {
#endif

/**
 * MFCreateTopology - an empty topology with a new TOPOID
 * @ppTopo: the topology; NULL on failure
 *
 * Return: S_OK; E_POINTER; E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE MFCreateTopology(IMFTopology **ppTopo);

/**
 * MFCreateTopologyNode - a node with a new TOPOID and no connections
 * @NodeType: an MF_TOPOLOGY_TYPE up to MF_TOPOLOGY_TEE_NODE
 * @ppNode: the node; NULL on failure
 *
 * Return: S_OK; E_POINTER; E_INVALIDARG (another @NodeType);
 * E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE MFCreateTopologyNode(MF_TOPOLOGY_TYPE NodeType,
					    IMFTopologyNode **ppNode);

#ifdef __cplusplus
}
#endif

/* Node attributes (Microsoft's values). */
/* {494BBCF1-B031-4E38-97C4-D5422DD618DC} */
DEFINE_GUID(MF_TOPONODE_CONNECT_METHOD, 0x494bbcf1, 0xb031, 0x4e38, 0x97, 0xc4,
	    0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);

/* {494BBCED-B031-4E38-97C4-D5422DD618DC} */
DEFINE_GUID(MF_TOPONODE_D3DAWARE, 0x494bbced, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5,
	    0x42, 0x2d, 0xd6, 0x18, 0xdc);

/* {494BBD02-B031-4E38-97C4-D5422DD618DC} */
DEFINE_GUID(MF_TOPONODE_DECODER, 0x494bbd02, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5,
	    0x42, 0x2d, 0xd6, 0x18, 0xdc);

/* {494BBCFA-B031-4E38-97C4-D5422DD618DC} */
DEFINE_GUID(MF_TOPONODE_DECRYPTOR, 0x494bbcfa, 0xb031, 0x4e38, 0x97, 0xc4,
	    0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);

/* {14932F9E-9087-4BB4-8412-5167145CBE04} */
DEFINE_GUID(MF_TOPONODE_DISABLE_PREROLL, 0x14932f9e, 0x9087, 0x4bb4, 0x84,
	    0x12, 0x51, 0x67, 0x14, 0x5c, 0xbe, 0x04);

/* {494BBCFB-B031-4E38-97C4-D5422DD618DC} */
DEFINE_GUID(MF_TOPONODE_DISCARDABLE, 0x494bbcfb, 0xb031, 0x4e38, 0x97, 0xc4,
	    0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);

/* {494BBCE9-B031-4E38-97C4-D5422DD618DC} */
DEFINE_GUID(MF_TOPONODE_DRAIN, 0x494bbce9, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5,
	    0x42, 0x2d, 0xd6, 0x18, 0xdc);

/* {494BBCEE-B031-4E38-97C4-D5422DD618DC} */
DEFINE_GUID(MF_TOPONODE_ERRORCODE, 0x494bbcee, 0xb031, 0x4e38, 0x97, 0xc4,
	    0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);

/* {494BBCE8-B031-4E38-97C4-D5422DD618DC} */
DEFINE_GUID(MF_TOPONODE_FLUSH, 0x494bbce8, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5,
	    0x42, 0x2d, 0xd6, 0x18, 0xdc);

/* {494BBCF7-B031-4E38-97C4-D5422DD618DC} */
DEFINE_GUID(MF_TOPONODE_LOCKED, 0x494bbcf7, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5,
	    0x42, 0x2d, 0xd6, 0x18, 0xdc);

/* {494BBD00-B031-4E38-97C4-D5422DD618DC} */
DEFINE_GUID(MF_TOPONODE_MARKIN_HERE, 0x494bbd00, 0xb031, 0x4e38, 0x97, 0xc4,
	    0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);

/* {494BBD01-B031-4E38-97C4-D5422DD618DC} */
DEFINE_GUID(MF_TOPONODE_MARKOUT_HERE, 0x494bbd01, 0xb031, 0x4e38, 0x97, 0xc4,
	    0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);

/* {835C58EA-E075-4BC7-BCBA-4DE000DF9AE6} */
DEFINE_GUID(MF_TOPONODE_MEDIASTART, 0x835c58ea, 0xe075, 0x4bc7, 0xbc, 0xba,
	    0x4d, 0xe0, 0x00, 0xdf, 0x9a, 0xe6);

/* {835C58EB-E075-4BC7-BCBA-4DE000DF9AE6} */
DEFINE_GUID(MF_TOPONODE_MEDIASTOP, 0x835c58eb, 0xe075, 0x4bc7, 0xbc, 0xba,
	    0x4d, 0xe0, 0x00, 0xdf, 0x9a, 0xe6);

/* {14932F9C-9087-4BB4-8412-5167145CBE04} */
DEFINE_GUID(MF_TOPONODE_NOSHUTDOWN_ON_REMOVE, 0x14932f9c, 0x9087, 0x4bb4, 0x84,
	    0x12, 0x51, 0x67, 0x14, 0x5c, 0xbe, 0x04);

/* {835C58ED-E075-4BC7-BCBA-4DE000DF9AE6} */
DEFINE_GUID(MF_TOPONODE_PRESENTATION_DESCRIPTOR, 0x835c58ed, 0xe075, 0x4bc7,
	    0xbc, 0xba, 0x4d, 0xe0, 0x00, 0xdf, 0x9a, 0xe6);

/* {6304EF99-16B2-4EBE-9D67-E4C539B3A259} */
DEFINE_GUID(MF_TOPONODE_PRIMARYOUTPUT, 0x6304ef99, 0x16b2, 0x4ebe, 0x9d, 0x67,
	    0xe4, 0xc5, 0x39, 0xb3, 0xa2, 0x59);

/* {14932F9D-9087-4BB4-8412-5167145CBE04} */
DEFINE_GUID(MF_TOPONODE_RATELESS, 0x14932f9d, 0x9087, 0x4bb4, 0x84, 0x12, 0x51,
	    0x67, 0x14, 0x5c, 0xbe, 0x04);

/* {835C58EF-E075-4BC7-BCBA-4DE000DF9AE6} */
DEFINE_GUID(MF_TOPONODE_SEQUENCE_ELEMENTID, 0x835c58ef, 0xe075, 0x4bc7, 0xbc,
	    0xba, 0x4d, 0xe0, 0x00, 0xdf, 0x9a, 0xe6);

/* {835C58EC-E075-4BC7-BCBA-4DE000DF9AE6} */
DEFINE_GUID(MF_TOPONODE_SOURCE, 0x835c58ec, 0xe075, 0x4bc7, 0xbc, 0xba, 0x4d,
	    0xe0, 0x00, 0xdf, 0x9a, 0xe6);

/* {835C58EE-E075-4BC7-BCBA-4DE000DF9AE6} */
DEFINE_GUID(MF_TOPONODE_STREAM_DESCRIPTOR, 0x835c58ee, 0xe075, 0x4bc7, 0xbc,
	    0xba, 0x4d, 0xe0, 0x00, 0xdf, 0x9a, 0xe6);

/* {14932F9B-9087-4BB4-8412-5167145CBE04} */
DEFINE_GUID(MF_TOPONODE_STREAMID, 0x14932f9b, 0x9087, 0x4bb4, 0x84, 0x12, 0x51,
	    0x67, 0x14, 0x5c, 0xbe, 0x04);

/* {88DCC0C9-293E-4E8B-9AEB-0AD64CC016B0} */
DEFINE_GUID(MF_TOPONODE_TRANSFORM_OBJECTID, 0x88dcc0c9, 0x293e, 0x4e8b, 0x9a,
	    0xeb, 0x0a, 0xd6, 0x4c, 0xc0, 0x16, 0xb0);

/* {494BBCF8-B031-4E38-97C4-D5422DD618DC} */
DEFINE_GUID(MF_TOPONODE_WORKQUEUE_ID, 0x494bbcf8, 0xb031, 0x4e38, 0x97, 0xc4,
	    0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);

/* Topology attributes (Microsoft's values). */
/* {1E8D34F6-F5AB-4E23-BB88-874AA3A1A74D} */
DEFINE_GUID(MF_TOPOLOGY_DXVA_MODE, 0x1e8d34f6, 0xf5ab, 0x4e23, 0xbb, 0x88,
	    0x87, 0x4a, 0xa3, 0xa1, 0xa7, 0x4d);

/* {D529950B-D484-4527-A9CD-B1909532B5B0} */
DEFINE_GUID(MF_TOPOLOGY_DYNAMIC_CHANGE_NOT_ALLOWED, 0xd529950b, 0xd484, 0x4527,
	    0xa9, 0xcd, 0xb1, 0x90, 0x95, 0x32, 0xb5, 0xb0);

/* {6248C36D-5D0B-4F40-A0BB-B0B305F77698} */
DEFINE_GUID(MF_TOPOLOGY_ENUMERATE_SOURCE_TYPES, 0x6248c36d, 0x5d0b, 0x4f40,
	    0xa0, 0xbb, 0xb0, 0xb3, 0x05, 0xf7, 0x76, 0x98);

/* {D2D362FD-4E4F-4191-A579-C618B66706AF} */
DEFINE_GUID(MF_TOPOLOGY_HARDWARE_MODE, 0xd2d362fd, 0x4e4f, 0x4191, 0xa5, 0x79,
	    0xc6, 0x18, 0xb6, 0x67, 0x06, 0xaf);

/* {7ED3F804-86BB-4B3F-B7E4-7CB43AFD4B80} */
DEFINE_GUID(MF_TOPOLOGY_NO_MARKIN_MARKOUT, 0x7ed3f804, 0x86bb, 0x4b3f, 0xb7,
	    0xe4, 0x7c, 0xb4, 0x3a, 0xfd, 0x4b, 0x80);

/* {7ED3F802-86BB-4B3F-B7E4-7CB43AFD4B80} */
DEFINE_GUID(MF_TOPOLOGY_PROJECTSTART, 0x7ed3f802, 0x86bb, 0x4b3f, 0xb7, 0xe4,
	    0x7c, 0xb4, 0x3a, 0xfd, 0x4b, 0x80);

/* {7ED3F803-86BB-4B3F-B7E4-7CB43AFD4B80} */
DEFINE_GUID(MF_TOPOLOGY_PROJECTSTOP, 0x7ed3f803, 0x86bb, 0x4b3f, 0xb7, 0xe4,
	    0x7c, 0xb4, 0x3a, 0xfd, 0x4b, 0x80);

/* {494BBCDE-B031-4E38-97C4-D5422DD618DC} */
DEFINE_GUID(MF_TOPOLOGY_RESOLUTION_STATUS, 0x494bbcde, 0xb031, 0x4e38, 0x97,
	    0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);

/* {C8CC113F-7951-4548-AAD6-9ED6202E62B3} */
DEFINE_GUID(MF_TOPOLOGY_START_TIME_ON_PRESENTATION_SWITCH, 0xc8cc113f, 0x7951,
	    0x4548, 0xaa, 0xd6, 0x9e, 0xd6, 0x20, 0x2e, 0x62, 0xb3);

/* {B86CAC42-41A6-4B79-897A-1AB0E52B4A1B} */
DEFINE_GUID(MF_TOPOLOGY_STATIC_PLAYBACK_OPTIMIZATIONS, 0xb86cac42, 0x41a6,
	    0x4b79, 0x89, 0x7a, 0x1a, 0xb0, 0xe5, 0x2b, 0x4a, 0x1b);

/* ---- The presentation clock (Documentation/userspace-api/mf.rst) ---- */
typedef LONGLONG MFTIME;

typedef enum _MFCLOCK_STATE {
	MFCLOCK_STATE_INVALID = 0,
	MFCLOCK_STATE_RUNNING = 1,
	MFCLOCK_STATE_STOPPED = 2,
	MFCLOCK_STATE_PAUSED = 3
} MFCLOCK_STATE;

#define MFCLOCK_FREQUENCY_HNS 10000000
#define MFCLOCK_TOLERANCE_UNKNOWN 50000
#define MFCLOCK_JITTER_ISR 1000
#define MFCLOCK_JITTER_DPC 4000
#define MFCLOCK_JITTER_PASSIVE 10000

typedef struct _MFCLOCK_PROPERTIES {
	UINT64 qwCorrelationRate;
	GUID guidClockId;
	DWORD dwClockFlags;
	UINT64 qwClockFrequency;
	DWORD dwClockTolerance;
	DWORD dwClockJitter;
} MFCLOCK_PROPERTIES;

typedef enum _MFCLOCK_CHARACTERISTICS_FLAGS {
	MFCLOCK_CHARACTERISTICS_FLAG_FREQUENCY_10MHZ = 0x2,
	MFCLOCK_CHARACTERISTICS_FLAG_ALWAYS_RUNNING = 0x4,
	MFCLOCK_CHARACTERISTICS_FLAG_IS_SYSTEM_CLOCK = 0x8
} MFCLOCK_CHARACTERISTICS_FLAGS;

/* ---- IMFClock ---- */

/*
 * A clock: its characteristics, its time correlated with the system's
 * (MFGetSystemTime: CLOCK_MONOTONIC in 100 ns units), its state.
 */
#ifndef __IMFClock_INTERFACE_DEFINED__
#define __IMFClock_INTERFACE_DEFINED__

/* {2EB1E945-18B8-4139-9B1A-D5D584818530} */
DEFINE_GUID(IID_IMFClock, 0x2eb1e945, 0x18b8, 0x4139, 0x9b, 0x1a, 0xd5, 0xd5,
	    0x84, 0x81, 0x85, 0x30);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("2EB1E945-18B8-4139-9B1A-D5D584818530")
IMFClock : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE GetClockCharacteristics(
		DWORD *pdwCharacteristics) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetCorrelatedTime(
		DWORD dwReserved, LONGLONG *pllClockTime,
		MFTIME *phnsSystemTime) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetContinuityKey(
		DWORD *pdwContinuityKey) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetState(
		DWORD dwReserved, MFCLOCK_STATE *peClockState) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetProperties(
		MFCLOCK_PROPERTIES *pClockProperties) = 0;
};
__CRT_UUID_DECL(IMFClock, 0x2eb1e945, 0x18b8, 0x4139, 0x9b, 0x1a, 0xd5, 0xd5,
		0x84, 0x81, 0x85, 0x30)
#else
typedef struct IMFClockVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFClock *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFClock *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFClock *This);

	/* IMFClock */
	HRESULT(STDMETHODCALLTYPE *GetClockCharacteristics)
	(IMFClock *This, DWORD *pdwCharacteristics);
	HRESULT(STDMETHODCALLTYPE *GetCorrelatedTime)
	(IMFClock *This, DWORD dwReserved, LONGLONG *pllClockTime,
	 MFTIME *phnsSystemTime);
	HRESULT(STDMETHODCALLTYPE *GetContinuityKey)
	(IMFClock *This, DWORD *pdwContinuityKey);
	HRESULT(STDMETHODCALLTYPE *GetState)
	(IMFClock *This, DWORD dwReserved, MFCLOCK_STATE *peClockState);
	HRESULT(STDMETHODCALLTYPE *GetProperties)
	(IMFClock *This, MFCLOCK_PROPERTIES *pClockProperties);

	END_INTERFACE
} IMFClockVtbl;

interface IMFClock {
	CONST_VTBL IMFClockVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFClock_QueryInterface(This, riid, ppvObject)                         \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFClock_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFClock_Release(This) ((This)->lpVtbl->Release(This))
#define IMFClock_GetClockCharacteristics(This, pdwCharacteristics)             \
	((This)->lpVtbl->GetClockCharacteristics(This, pdwCharacteristics))
#define IMFClock_GetCorrelatedTime(This, dwReserved, pllClockTime,             \
				   phnsSystemTime)                             \
	((This)->lpVtbl->GetCorrelatedTime(This, dwReserved, pllClockTime, phnsSystemTime))
#define IMFClock_GetContinuityKey(This, pdwContinuityKey)                      \
	((This)->lpVtbl->GetContinuityKey(This, pdwContinuityKey))
#define IMFClock_GetState(This, dwReserved, peClockState)                      \
	((This)->lpVtbl->GetState(This, dwReserved, peClockState))
#define IMFClock_GetProperties(This, pClockProperties)                         \
	((This)->lpVtbl->GetProperties(This, pClockProperties))
#endif
#endif

#endif /* __IMFClock_INTERFACE_DEFINED__ */

/* ---- IMFClockStateSink ---- */

/* Told of a clock's state changes (IMFPresentationClock). */
#ifndef __IMFClockStateSink_INTERFACE_DEFINED__
#define __IMFClockStateSink_INTERFACE_DEFINED__

/* {F6696E82-74F7-4F3D-A178-8A5E09C3659F} */
DEFINE_GUID(IID_IMFClockStateSink, 0xf6696e82, 0x74f7, 0x4f3d, 0xa1, 0x78,
	    0x8a, 0x5e, 0x09, 0xc3, 0x65, 0x9f);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("F6696E82-74F7-4F3D-A178-8A5E09C3659F")
IMFClockStateSink : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE OnClockStart(
		MFTIME hnsSystemTime, LONGLONG llClockStartOffset) = 0;
	virtual HRESULT STDMETHODCALLTYPE OnClockStop(MFTIME hnsSystemTime) = 0;
	virtual HRESULT STDMETHODCALLTYPE OnClockPause(
		MFTIME hnsSystemTime) = 0;
	virtual HRESULT STDMETHODCALLTYPE OnClockRestart(
		MFTIME hnsSystemTime) = 0;
	virtual HRESULT STDMETHODCALLTYPE OnClockSetRate(MFTIME hnsSystemTime,
							 float flRate) = 0;
};
__CRT_UUID_DECL(IMFClockStateSink, 0xf6696e82, 0x74f7, 0x4f3d, 0xa1, 0x78,
		0x8a, 0x5e, 0x09, 0xc3, 0x65, 0x9f)
#else
typedef struct IMFClockStateSinkVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFClockStateSink *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFClockStateSink *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFClockStateSink *This);

	/* IMFClockStateSink */
	HRESULT(STDMETHODCALLTYPE *OnClockStart)
	(IMFClockStateSink *This, MFTIME hnsSystemTime,
	 LONGLONG llClockStartOffset);
	HRESULT(STDMETHODCALLTYPE *OnClockStop)
	(IMFClockStateSink *This, MFTIME hnsSystemTime);
	HRESULT(STDMETHODCALLTYPE *OnClockPause)
	(IMFClockStateSink *This, MFTIME hnsSystemTime);
	HRESULT(STDMETHODCALLTYPE *OnClockRestart)
	(IMFClockStateSink *This, MFTIME hnsSystemTime);
	HRESULT(STDMETHODCALLTYPE *OnClockSetRate)
	(IMFClockStateSink *This, MFTIME hnsSystemTime, float flRate);

	END_INTERFACE
} IMFClockStateSinkVtbl;

interface IMFClockStateSink {
	CONST_VTBL IMFClockStateSinkVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFClockStateSink_QueryInterface(This, riid, ppvObject)                \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFClockStateSink_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFClockStateSink_Release(This) ((This)->lpVtbl->Release(This))
#define IMFClockStateSink_OnClockStart(This, hnsSystemTime,                    \
				       llClockStartOffset)                     \
	((This)->lpVtbl->OnClockStart(This, hnsSystemTime, llClockStartOffset))
#define IMFClockStateSink_OnClockStop(This, hnsSystemTime)                     \
	((This)->lpVtbl->OnClockStop(This, hnsSystemTime))
#define IMFClockStateSink_OnClockPause(This, hnsSystemTime)                    \
	((This)->lpVtbl->OnClockPause(This, hnsSystemTime))
#define IMFClockStateSink_OnClockRestart(This, hnsSystemTime)                  \
	((This)->lpVtbl->OnClockRestart(This, hnsSystemTime))
#define IMFClockStateSink_OnClockSetRate(This, hnsSystemTime, flRate)          \
	((This)->lpVtbl->OnClockSetRate(This, hnsSystemTime, flRate))
#endif
#endif

#endif /* __IMFClockStateSink_INTERFACE_DEFINED__ */

/* ---- IMFPresentationTimeSource ---- */

/* Where a presentation clock takes its time from. */
#ifndef __IMFPresentationTimeSource_INTERFACE_DEFINED__
#define __IMFPresentationTimeSource_INTERFACE_DEFINED__

/* {7FF12CCE-F76F-41C2-863B-1666C8E5E139} */
DEFINE_GUID(IID_IMFPresentationTimeSource, 0x7ff12cce, 0xf76f, 0x41c2, 0x86,
	    0x3b, 0x16, 0x66, 0xc8, 0xe5, 0xe1, 0x39);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("7FF12CCE-F76F-41C2-863B-1666C8E5E139")
IMFPresentationTimeSource : public IMFClock
{
	virtual HRESULT STDMETHODCALLTYPE GetUnderlyingClock(
		IMFClock **ppClock) = 0;
};
__CRT_UUID_DECL(IMFPresentationTimeSource, 0x7ff12cce, 0xf76f, 0x41c2, 0x86,
		0x3b, 0x16, 0x66, 0xc8, 0xe5, 0xe1, 0x39)
#else
typedef struct IMFPresentationTimeSourceVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFPresentationTimeSource *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFPresentationTimeSource *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFPresentationTimeSource *This);

	/* IMFClock */
	HRESULT(STDMETHODCALLTYPE *GetClockCharacteristics)
	(IMFPresentationTimeSource *This, DWORD *pdwCharacteristics);
	HRESULT(STDMETHODCALLTYPE *GetCorrelatedTime)
	(IMFPresentationTimeSource *This, DWORD dwReserved,
	 LONGLONG *pllClockTime, MFTIME *phnsSystemTime);
	HRESULT(STDMETHODCALLTYPE *GetContinuityKey)
	(IMFPresentationTimeSource *This, DWORD *pdwContinuityKey);
	HRESULT(STDMETHODCALLTYPE *GetState)
	(IMFPresentationTimeSource *This, DWORD dwReserved,
	 MFCLOCK_STATE *peClockState);
	HRESULT(STDMETHODCALLTYPE *GetProperties)
	(IMFPresentationTimeSource *This, MFCLOCK_PROPERTIES *pClockProperties);

	/* IMFPresentationTimeSource */
	HRESULT(STDMETHODCALLTYPE *GetUnderlyingClock)
	(IMFPresentationTimeSource *This, IMFClock **ppClock);

	END_INTERFACE
} IMFPresentationTimeSourceVtbl;

interface IMFPresentationTimeSource {
	CONST_VTBL IMFPresentationTimeSourceVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFPresentationTimeSource_QueryInterface(This, riid, ppvObject)        \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFPresentationTimeSource_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFPresentationTimeSource_Release(This) ((This)->lpVtbl->Release(This))
#define IMFPresentationTimeSource_GetClockCharacteristics(This,                \
							  pdwCharacteristics)  \
	((This)->lpVtbl->GetClockCharacteristics(This, pdwCharacteristics))
#define IMFPresentationTimeSource_GetCorrelatedTime(This, dwReserved,          \
						    pllClockTime,              \
						    phnsSystemTime)            \
	((This)->lpVtbl->GetCorrelatedTime(This, dwReserved, pllClockTime, phnsSystemTime))
#define IMFPresentationTimeSource_GetContinuityKey(This, pdwContinuityKey)     \
	((This)->lpVtbl->GetContinuityKey(This, pdwContinuityKey))
#define IMFPresentationTimeSource_GetState(This, dwReserved, peClockState)     \
	((This)->lpVtbl->GetState(This, dwReserved, peClockState))
#define IMFPresentationTimeSource_GetProperties(This, pClockProperties)        \
	((This)->lpVtbl->GetProperties(This, pClockProperties))
#define IMFPresentationTimeSource_GetUnderlyingClock(This, ppClock)            \
	((This)->lpVtbl->GetUnderlyingClock(This, ppClock))
#endif
#endif

#endif /* __IMFPresentationTimeSource_INTERFACE_DEFINED__ */

#define PRESENTATION_CURRENT_POSITION 0x7fffffffffffffff

/* ---- IMFPresentationClock ---- */

/*
 * The clock of a presentation (IMFMediaSession::GetClock): its time is the
 * position in the presentation, in 100 ns units.
 */
#ifndef __IMFPresentationClock_INTERFACE_DEFINED__
#define __IMFPresentationClock_INTERFACE_DEFINED__

/* {868CE85C-8EA9-4F55-AB82-B009A910A805} */
DEFINE_GUID(IID_IMFPresentationClock, 0x868ce85c, 0x8ea9, 0x4f55, 0xab, 0x82,
	    0xb0, 0x09, 0xa9, 0x10, 0xa8, 0x05);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("868CE85C-8EA9-4F55-AB82-B009A910A805")
IMFPresentationClock : public IMFClock
{
	virtual HRESULT STDMETHODCALLTYPE SetTimeSource(
		IMFPresentationTimeSource *pTimeSource) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetTimeSource(
		IMFPresentationTimeSource **ppTimeSource) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetTime(MFTIME *phnsClockTime) = 0;
	virtual HRESULT STDMETHODCALLTYPE AddClockStateSink(
		IMFClockStateSink *pStateSink) = 0;
	virtual HRESULT STDMETHODCALLTYPE RemoveClockStateSink(
		IMFClockStateSink *pStateSink) = 0;
	virtual HRESULT STDMETHODCALLTYPE Start(
		LONGLONG llClockStartOffset) = 0;
	virtual HRESULT STDMETHODCALLTYPE Stop() = 0;
	virtual HRESULT STDMETHODCALLTYPE Pause() = 0;
};
__CRT_UUID_DECL(IMFPresentationClock, 0x868ce85c, 0x8ea9, 0x4f55, 0xab, 0x82,
		0xb0, 0x09, 0xa9, 0x10, 0xa8, 0x05)
#else
typedef struct IMFPresentationClockVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFPresentationClock *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFPresentationClock *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFPresentationClock *This);

	/* IMFClock */
	HRESULT(STDMETHODCALLTYPE *GetClockCharacteristics)
	(IMFPresentationClock *This, DWORD *pdwCharacteristics);
	HRESULT(STDMETHODCALLTYPE *GetCorrelatedTime)
	(IMFPresentationClock *This, DWORD dwReserved, LONGLONG *pllClockTime,
	 MFTIME *phnsSystemTime);
	HRESULT(STDMETHODCALLTYPE *GetContinuityKey)
	(IMFPresentationClock *This, DWORD *pdwContinuityKey);
	HRESULT(STDMETHODCALLTYPE *GetState)
	(IMFPresentationClock *This, DWORD dwReserved,
	 MFCLOCK_STATE *peClockState);
	HRESULT(STDMETHODCALLTYPE *GetProperties)
	(IMFPresentationClock *This, MFCLOCK_PROPERTIES *pClockProperties);

	/* IMFPresentationClock */
	HRESULT(STDMETHODCALLTYPE *SetTimeSource)
	(IMFPresentationClock *This, IMFPresentationTimeSource *pTimeSource);
	HRESULT(STDMETHODCALLTYPE *GetTimeSource)
	(IMFPresentationClock *This, IMFPresentationTimeSource **ppTimeSource);
	HRESULT(STDMETHODCALLTYPE *GetTime)
	(IMFPresentationClock *This, MFTIME *phnsClockTime);
	HRESULT(STDMETHODCALLTYPE *AddClockStateSink)
	(IMFPresentationClock *This, IMFClockStateSink *pStateSink);
	HRESULT(STDMETHODCALLTYPE *RemoveClockStateSink)
	(IMFPresentationClock *This, IMFClockStateSink *pStateSink);
	HRESULT(STDMETHODCALLTYPE *Start)
	(IMFPresentationClock *This, LONGLONG llClockStartOffset);
	HRESULT(STDMETHODCALLTYPE *Stop)(IMFPresentationClock *This);
	HRESULT(STDMETHODCALLTYPE *Pause)(IMFPresentationClock *This);

	END_INTERFACE
} IMFPresentationClockVtbl;

interface IMFPresentationClock {
	CONST_VTBL IMFPresentationClockVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFPresentationClock_QueryInterface(This, riid, ppvObject)             \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFPresentationClock_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFPresentationClock_Release(This) ((This)->lpVtbl->Release(This))
#define IMFPresentationClock_GetClockCharacteristics(This, pdwCharacteristics) \
	((This)->lpVtbl->GetClockCharacteristics(This, pdwCharacteristics))
#define IMFPresentationClock_GetCorrelatedTime(This, dwReserved,               \
					       pllClockTime, phnsSystemTime)   \
	((This)->lpVtbl->GetCorrelatedTime(This, dwReserved, pllClockTime, phnsSystemTime))
#define IMFPresentationClock_GetContinuityKey(This, pdwContinuityKey)          \
	((This)->lpVtbl->GetContinuityKey(This, pdwContinuityKey))
#define IMFPresentationClock_GetState(This, dwReserved, peClockState)          \
	((This)->lpVtbl->GetState(This, dwReserved, peClockState))
#define IMFPresentationClock_GetProperties(This, pClockProperties)             \
	((This)->lpVtbl->GetProperties(This, pClockProperties))
#define IMFPresentationClock_SetTimeSource(This, pTimeSource)                  \
	((This)->lpVtbl->SetTimeSource(This, pTimeSource))
#define IMFPresentationClock_GetTimeSource(This, ppTimeSource)                 \
	((This)->lpVtbl->GetTimeSource(This, ppTimeSource))
#define IMFPresentationClock_GetTime(This, phnsClockTime)                      \
	((This)->lpVtbl->GetTime(This, phnsClockTime))
#define IMFPresentationClock_AddClockStateSink(This, pStateSink)               \
	((This)->lpVtbl->AddClockStateSink(This, pStateSink))
#define IMFPresentationClock_RemoveClockStateSink(This, pStateSink)            \
	((This)->lpVtbl->RemoveClockStateSink(This, pStateSink))
#define IMFPresentationClock_Start(This, llClockStartOffset)                   \
	((This)->lpVtbl->Start(This, llClockStartOffset))
#define IMFPresentationClock_Stop(This) ((This)->lpVtbl->Stop(This))
#define IMFPresentationClock_Pause(This) ((This)->lpVtbl->Pause(This))
#endif
#endif

#endif /* __IMFPresentationClock_INTERFACE_DEFINED__ */

/* ---- The Media Session (Documentation/userspace-api/mf.rst) ---- */
typedef enum MFSESSION_SETTOPOLOGY_FLAGS {
	MFSESSION_SETTOPOLOGY_IMMEDIATE = 0x1,
	MFSESSION_SETTOPOLOGY_NORESOLUTION = 0x2,
	MFSESSION_SETTOPOLOGY_CLEAR_CURRENT = 0x4
} MFSESSION_SETTOPOLOGY_FLAGS;

typedef enum MFSESSION_GETFULLTOPOLOGY_FLAGS {
	MFSESSION_GETFULLTOPOLOGY_CURRENT = 0x1
} MFSESSION_GETFULLTOPOLOGY_FLAGS;

#define MFSESSIONCAP_START 0x00000001
#define MFSESSIONCAP_SEEK 0x00000002
#define MFSESSIONCAP_PAUSE 0x00000004
#define MFSESSIONCAP_RATE_FORWARD 0x00000010
#define MFSESSIONCAP_RATE_REVERSE 0x00000020
#define MFSESSIONCAP_DOES_NOT_USE_NETWORK 0x00000040

/* MF_EVENT_TOPOLOGY_STATUS values (MESessionTopologyStatus). */
typedef enum {
	MF_TOPOSTATUS_INVALID = 0,
	MF_TOPOSTATUS_READY = 100,
	MF_TOPOSTATUS_STARTED_SOURCE = 200,
	MF_TOPOSTATUS_DYNAMIC_CHANGED = 210,
	MF_TOPOSTATUS_SINK_SWITCHED = 300,
	MF_TOPOSTATUS_ENDED = 400
} MF_TOPOSTATUS;

/* Event attribute (UINT32, an MF_TOPOSTATUS): MESessionTopologyStatus. */
/* {30C5018D-9A53-454B-AD9E-6D5F8FA7C43B} */
DEFINE_GUID(MF_EVENT_TOPOLOGY_STATUS, 0x30c5018d, 0x9a53, 0x454b, 0xad, 0x9e,
	    0x6d, 0x5f, 0x8f, 0xa7, 0xc4, 0x3b);

/* ---- IMFMediaSession ---- */

/*
 * A Media Session: plays topologies and reports what it does as events
 * (IMFMediaEventGenerator).  Every method but GetEvent and its kin acts
 * asynchronously and reports its outcome as an event's status:
 * SetTopology: MESessionTopologySet, then MESessionTopologyStatus with
 * MF_EVENT_TOPOLOGY_STATUS = MF_TOPOSTATUS_READY; Start: MESessionStarted;
 * Pause: MESessionPaused; Stop: MESessionStopped; the end of the
 * presentation: MESessionEnded; Close: MESessionClosed.  Start, Pause and
 * Stop without a topology return S_OK and their event carries
 * MF_E_INVALIDREQUEST.  After Shutdown every method fails with
 * MF_E_SHUTDOWN (a NULL out pointer is still E_POINTER).  mf.rst lists
 * what pmp's session implements and what it does not.
 */
#ifndef __IMFMediaSession_INTERFACE_DEFINED__
#define __IMFMediaSession_INTERFACE_DEFINED__

/* {90377834-21D0-4DEE-8214-BA2E3E6C1127} */
DEFINE_GUID(IID_IMFMediaSession, 0x90377834, 0x21d0, 0x4dee, 0x82, 0x14, 0xba,
	    0x2e, 0x3e, 0x6c, 0x11, 0x27);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("90377834-21D0-4DEE-8214-BA2E3E6C1127")
IMFMediaSession : public IMFMediaEventGenerator
{
	virtual HRESULT STDMETHODCALLTYPE SetTopology(
		DWORD dwSetTopologyFlags, IMFTopology *pTopology) = 0;
	virtual HRESULT STDMETHODCALLTYPE ClearTopologies() = 0;
	virtual HRESULT STDMETHODCALLTYPE Start(
		const GUID *pguidTimeFormat,
		const PROPVARIANT *pvarStartPosition) = 0;
	virtual HRESULT STDMETHODCALLTYPE Pause() = 0;
	virtual HRESULT STDMETHODCALLTYPE Stop() = 0;
	virtual HRESULT STDMETHODCALLTYPE Close() = 0;
	virtual HRESULT STDMETHODCALLTYPE Shutdown() = 0;
	virtual HRESULT STDMETHODCALLTYPE GetClock(IMFClock **ppClock) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetSessionCapabilities(
		DWORD *pdwCaps) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetFullTopology(
		DWORD dwGetFullTopologyFlags, TOPOID TopoId,
		IMFTopology **ppFullTopology) = 0;
};
__CRT_UUID_DECL(IMFMediaSession, 0x90377834, 0x21d0, 0x4dee, 0x82, 0x14, 0xba,
		0x2e, 0x3e, 0x6c, 0x11, 0x27)
#else
typedef struct IMFMediaSessionVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFMediaSession *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFMediaSession *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFMediaSession *This);

	/* IMFMediaEventGenerator */
	HRESULT(STDMETHODCALLTYPE *GetEvent)
	(IMFMediaSession *This, DWORD dwFlags, IMFMediaEvent **ppEvent);
	HRESULT(STDMETHODCALLTYPE *BeginGetEvent)
	(IMFMediaSession *This, IMFAsyncCallback *pCallback,
	 IUnknown *punkState);
	HRESULT(STDMETHODCALLTYPE *EndGetEvent)
	(IMFMediaSession *This, IMFAsyncResult *pResult,
	 IMFMediaEvent **ppEvent);
	HRESULT(STDMETHODCALLTYPE *QueueEvent)
	(IMFMediaSession *This, MediaEventType met, REFGUID guidExtendedType,
	 HRESULT hrStatus, const PROPVARIANT *pvValue);

	/* IMFMediaSession */
	HRESULT(STDMETHODCALLTYPE *SetTopology)
	(IMFMediaSession *This, DWORD dwSetTopologyFlags,
	 IMFTopology *pTopology);
	HRESULT(STDMETHODCALLTYPE *ClearTopologies)(IMFMediaSession *This);
	HRESULT(STDMETHODCALLTYPE *Start)
	(IMFMediaSession *This, const GUID *pguidTimeFormat,
	 const PROPVARIANT *pvarStartPosition);
	HRESULT(STDMETHODCALLTYPE *Pause)(IMFMediaSession *This);
	HRESULT(STDMETHODCALLTYPE *Stop)(IMFMediaSession *This);
	HRESULT(STDMETHODCALLTYPE *Close)(IMFMediaSession *This);
	HRESULT(STDMETHODCALLTYPE *Shutdown)(IMFMediaSession *This);
	HRESULT(STDMETHODCALLTYPE *GetClock)
	(IMFMediaSession *This, IMFClock **ppClock);
	HRESULT(STDMETHODCALLTYPE *GetSessionCapabilities)
	(IMFMediaSession *This, DWORD *pdwCaps);
	HRESULT(STDMETHODCALLTYPE *GetFullTopology)
	(IMFMediaSession *This, DWORD dwGetFullTopologyFlags, TOPOID TopoId,
	 IMFTopology **ppFullTopology);

	END_INTERFACE
} IMFMediaSessionVtbl;

interface IMFMediaSession {
	CONST_VTBL IMFMediaSessionVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFMediaSession_QueryInterface(This, riid, ppvObject)                  \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFMediaSession_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFMediaSession_Release(This) ((This)->lpVtbl->Release(This))
#define IMFMediaSession_GetEvent(This, dwFlags, ppEvent)                       \
	((This)->lpVtbl->GetEvent(This, dwFlags, ppEvent))
#define IMFMediaSession_BeginGetEvent(This, pCallback, punkState)              \
	((This)->lpVtbl->BeginGetEvent(This, pCallback, punkState))
#define IMFMediaSession_EndGetEvent(This, pResult, ppEvent)                    \
	((This)->lpVtbl->EndGetEvent(This, pResult, ppEvent))
#define IMFMediaSession_QueueEvent(This, met, guidExtendedType, hrStatus,      \
				   pvValue)                                    \
	((This)->lpVtbl->QueueEvent(This, met, guidExtendedType, hrStatus, pvValue))
#define IMFMediaSession_SetTopology(This, dwSetTopologyFlags, pTopology)       \
	((This)->lpVtbl->SetTopology(This, dwSetTopologyFlags, pTopology))
#define IMFMediaSession_ClearTopologies(This)                                  \
	((This)->lpVtbl->ClearTopologies(This))
#define IMFMediaSession_Start(This, pguidTimeFormat, pvarStartPosition)        \
	((This)->lpVtbl->Start(This, pguidTimeFormat, pvarStartPosition))
#define IMFMediaSession_Pause(This) ((This)->lpVtbl->Pause(This))
#define IMFMediaSession_Stop(This) ((This)->lpVtbl->Stop(This))
#define IMFMediaSession_Close(This) ((This)->lpVtbl->Close(This))
#define IMFMediaSession_Shutdown(This) ((This)->lpVtbl->Shutdown(This))
#define IMFMediaSession_GetClock(This, ppClock)                                \
	((This)->lpVtbl->GetClock(This, ppClock))
#define IMFMediaSession_GetSessionCapabilities(This, pdwCaps)                  \
	((This)->lpVtbl->GetSessionCapabilities(This, pdwCaps))
#define IMFMediaSession_GetFullTopology(This, dwGetFullTopologyFlags, TopoId,  \
					ppFullTopology)                        \
	((This)->lpVtbl->GetFullTopology(This, dwGetFullTopologyFlags, TopoId, ppFullTopology))
#endif
#endif

#endif /* __IMFMediaSession_INTERFACE_DEFINED__ */

#ifdef __cplusplus
extern "C" {
#endif

/**
 * MFCreatePMPMediaSession - a Media Session that lives in a PMP process
 * @dwCreationFlags: 0 (a new protected pmphost),
 *	MFPMPSESSION_UNPROTECTED_PROCESS (a new unprotected pmphost) or
 *	MFPMPSESSION_IN_PROCESS (the session runs in the caller); ignored
 *	when @pConfiguration names a server to join
 * @pConfiguration: NULL, or attributes; MF_SESSION_SERVER_CONTEXT (an
 *	IMFPMPServer from MFCreatePMPServer or from MF_PMP_SERVER_CONTEXT)
 *	creates the session in that server's process instead of a new one
 * @ppMediaSession: the session; NULL on failure
 * @ppEnablerActivate: NULL, or set to NULL (pmp revokes no component)
 *
 * Return: S_OK; E_POINTER (@ppMediaSession NULL); E_INVALIDARG (an unknown
 * flag, both flags, or an MF_SESSION_SERVER_CONTEXT that is not a pmp
 * IMFPMPServer); MF_E_PLATFORM_NOT_INITIALIZED (before MFStartup); the
 * errors of MFCreatePMPServer and of IMFPMPServer::CreateObjectByCLSID.
 */
HRESULT STDAPICALLTYPE MFCreatePMPMediaSession(DWORD dwCreationFlags,
					       IMFAttributes *pConfiguration,
					       IMFMediaSession **ppMediaSession,
					       IMFActivate **ppEnablerActivate);

/**
 * MFGetService - IMFGetService::GetService of an object
 * @punkObject: the object
 * @guidService: the service
 * @riid: the interface wanted
 * @ppvObject: the interface; NULL on failure
 *
 * Return: what GetService returns; E_POINTER (@ppvObject NULL);
 * E_NOINTERFACE (@punkObject has no IMFGetService).
 */
HRESULT STDAPICALLTYPE MFGetService(IUnknown *punkObject, REFGUID guidService,
				    REFIID riid, LPVOID *ppvObject);

/**
 * MFGetSystemTime - the system time of Media Foundation's clocks
 *
 * Return: CLOCK_MONOTONIC in 100 ns units.
 */
MFTIME STDAPICALLTYPE MFGetSystemTime(void);

#ifdef __cplusplus
}
#endif

/* ---- Media sources (Documentation/userspace-api/mf.rst) ---- */

/* ---- IMFMediaTypeHandler ---- */

/*
 * The media types a stream offers and the one it uses
 * (IMFStreamDescriptor::GetMediaTypeHandler).  IsMediaTypeSupported
 * matches major type and subtype with the current type once one is set,
 * else with each offered type: S_OK with *ppMediaType NULL, or
 * MF_E_INVALIDMEDIATYPE.  SetCurrentMediaType takes any type.
 * GetMediaTypeByIndex beyond the count is MF_E_NO_MORE_TYPES;
 * GetCurrentMediaType before SetCurrentMediaType is MF_E_NOT_INITIALIZED;
 * GetMajorType is that of the current type, else of the first offered.
 */
#ifndef __IMFMediaTypeHandler_INTERFACE_DEFINED__
#define __IMFMediaTypeHandler_INTERFACE_DEFINED__

/* {E93DCF6C-4B07-4E1E-8123-AA16ED6EADF5} */
DEFINE_GUID(IID_IMFMediaTypeHandler, 0xe93dcf6c, 0x4b07, 0x4e1e, 0x81, 0x23,
	    0xaa, 0x16, 0xed, 0x6e, 0xad, 0xf5);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("E93DCF6C-4B07-4E1E-8123-AA16ED6EADF5")
IMFMediaTypeHandler : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE IsMediaTypeSupported(
		IMFMediaType *pMediaType, IMFMediaType **ppMediaType) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetMediaTypeCount(
		DWORD *pdwTypeCount) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetMediaTypeByIndex(
		DWORD dwIndex, IMFMediaType **ppType) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetCurrentMediaType(
		IMFMediaType *pMediaType) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetCurrentMediaType(
		IMFMediaType **ppMediaType) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetMajorType(
		GUID *pguidMajorType) = 0;
};
__CRT_UUID_DECL(IMFMediaTypeHandler, 0xe93dcf6c, 0x4b07, 0x4e1e, 0x81, 0x23,
		0xaa, 0x16, 0xed, 0x6e, 0xad, 0xf5)
#else
typedef struct IMFMediaTypeHandlerVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFMediaTypeHandler *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFMediaTypeHandler *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFMediaTypeHandler *This);

	/* IMFMediaTypeHandler */
	HRESULT(STDMETHODCALLTYPE *IsMediaTypeSupported)
	(IMFMediaTypeHandler *This, IMFMediaType *pMediaType,
	 IMFMediaType **ppMediaType);
	HRESULT(STDMETHODCALLTYPE *GetMediaTypeCount)
	(IMFMediaTypeHandler *This, DWORD *pdwTypeCount);
	HRESULT(STDMETHODCALLTYPE *GetMediaTypeByIndex)
	(IMFMediaTypeHandler *This, DWORD dwIndex, IMFMediaType **ppType);
	HRESULT(STDMETHODCALLTYPE *SetCurrentMediaType)
	(IMFMediaTypeHandler *This, IMFMediaType *pMediaType);
	HRESULT(STDMETHODCALLTYPE *GetCurrentMediaType)
	(IMFMediaTypeHandler *This, IMFMediaType **ppMediaType);
	HRESULT(STDMETHODCALLTYPE *GetMajorType)
	(IMFMediaTypeHandler *This, GUID *pguidMajorType);

	END_INTERFACE
} IMFMediaTypeHandlerVtbl;

interface IMFMediaTypeHandler {
	CONST_VTBL IMFMediaTypeHandlerVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFMediaTypeHandler_QueryInterface(This, riid, ppvObject)              \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFMediaTypeHandler_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFMediaTypeHandler_Release(This) ((This)->lpVtbl->Release(This))
#define IMFMediaTypeHandler_IsMediaTypeSupported(This, pMediaType,             \
						 ppMediaType)                  \
	((This)->lpVtbl->IsMediaTypeSupported(This, pMediaType, ppMediaType))
#define IMFMediaTypeHandler_GetMediaTypeCount(This, pdwTypeCount)              \
	((This)->lpVtbl->GetMediaTypeCount(This, pdwTypeCount))
#define IMFMediaTypeHandler_GetMediaTypeByIndex(This, dwIndex, ppType)         \
	((This)->lpVtbl->GetMediaTypeByIndex(This, dwIndex, ppType))
#define IMFMediaTypeHandler_SetCurrentMediaType(This, pMediaType)              \
	((This)->lpVtbl->SetCurrentMediaType(This, pMediaType))
#define IMFMediaTypeHandler_GetCurrentMediaType(This, ppMediaType)             \
	((This)->lpVtbl->GetCurrentMediaType(This, ppMediaType))
#define IMFMediaTypeHandler_GetMajorType(This, pguidMajorType)                 \
	((This)->lpVtbl->GetMajorType(This, pguidMajorType))
#endif
#endif

#endif /* __IMFMediaTypeHandler_INTERFACE_DEFINED__ */

/* ---- IMFStreamDescriptor ---- */

/* One stream of a presentation (MFCreateStreamDescriptor): attributes. */
#ifndef __IMFStreamDescriptor_INTERFACE_DEFINED__
#define __IMFStreamDescriptor_INTERFACE_DEFINED__

/* {56C03D9C-9DBB-45F5-AB4B-D80F47C05938} */
DEFINE_GUID(IID_IMFStreamDescriptor, 0x56c03d9c, 0x9dbb, 0x45f5, 0xab, 0x4b,
	    0xd8, 0x0f, 0x47, 0xc0, 0x59, 0x38);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("56C03D9C-9DBB-45F5-AB4B-D80F47C05938")
IMFStreamDescriptor : public IMFAttributes
{
	virtual HRESULT STDMETHODCALLTYPE GetStreamIdentifier(
		DWORD *pdwStreamIdentifier) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetMediaTypeHandler(
		IMFMediaTypeHandler **ppMediaTypeHandler) = 0;
};
__CRT_UUID_DECL(IMFStreamDescriptor, 0x56c03d9c, 0x9dbb, 0x45f5, 0xab, 0x4b,
		0xd8, 0x0f, 0x47, 0xc0, 0x59, 0x38)
#else
typedef struct IMFStreamDescriptorVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFStreamDescriptor *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFStreamDescriptor *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFStreamDescriptor *This);

	/* IMFAttributes */
	HRESULT(STDMETHODCALLTYPE *GetItem)
	(IMFStreamDescriptor *This, REFGUID guidKey, PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *GetItemType)
	(IMFStreamDescriptor *This, REFGUID guidKey, MF_ATTRIBUTE_TYPE *pType);
	HRESULT(STDMETHODCALLTYPE *CompareItem)
	(IMFStreamDescriptor *This, REFGUID guidKey, REFPROPVARIANT Value,
	 BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *Compare)
	(IMFStreamDescriptor *This, IMFAttributes *pTheirs,
	 MF_ATTRIBUTES_MATCH_TYPE MatchType, BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *GetUINT32)
	(IMFStreamDescriptor *This, REFGUID guidKey, UINT32 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetUINT64)
	(IMFStreamDescriptor *This, REFGUID guidKey, UINT64 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetDouble)
	(IMFStreamDescriptor *This, REFGUID guidKey, double *pfValue);
	HRESULT(STDMETHODCALLTYPE *GetGUID)
	(IMFStreamDescriptor *This, REFGUID guidKey, GUID *pguidValue);
	HRESULT(STDMETHODCALLTYPE *GetStringLength)
	(IMFStreamDescriptor *This, REFGUID guidKey, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetString)
	(IMFStreamDescriptor *This, REFGUID guidKey, LPWSTR pwszValue,
	 UINT32 cchBufSize, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedString)
	(IMFStreamDescriptor *This, REFGUID guidKey, LPWSTR *ppwszValue,
	 UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetBlobSize)
	(IMFStreamDescriptor *This, REFGUID guidKey, UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetBlob)
	(IMFStreamDescriptor *This, REFGUID guidKey, UINT8 *pBuf,
	 UINT32 cbBufSize, UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedBlob)
	(IMFStreamDescriptor *This, REFGUID guidKey, UINT8 **ppBuf,
	 UINT32 *pcbSize);
	HRESULT(STDMETHODCALLTYPE *GetUnknown)
	(IMFStreamDescriptor *This, REFGUID guidKey, REFIID riid, LPVOID *ppv);
	HRESULT(STDMETHODCALLTYPE *SetItem)
	(IMFStreamDescriptor *This, REFGUID guidKey, REFPROPVARIANT Value);
	HRESULT(STDMETHODCALLTYPE *DeleteItem)
	(IMFStreamDescriptor *This, REFGUID guidKey);
	HRESULT(STDMETHODCALLTYPE *DeleteAllItems)(IMFStreamDescriptor *This);
	HRESULT(STDMETHODCALLTYPE *SetUINT32)
	(IMFStreamDescriptor *This, REFGUID guidKey, UINT32 unValue);
	HRESULT(STDMETHODCALLTYPE *SetUINT64)
	(IMFStreamDescriptor *This, REFGUID guidKey, UINT64 unValue);
	HRESULT(STDMETHODCALLTYPE *SetDouble)
	(IMFStreamDescriptor *This, REFGUID guidKey, double fValue);
	HRESULT(STDMETHODCALLTYPE *SetGUID)
	(IMFStreamDescriptor *This, REFGUID guidKey, REFGUID guidValue);
	HRESULT(STDMETHODCALLTYPE *SetString)
	(IMFStreamDescriptor *This, REFGUID guidKey, LPCWSTR wszValue);
	HRESULT(STDMETHODCALLTYPE *SetBlob)
	(IMFStreamDescriptor *This, REFGUID guidKey, const UINT8 *pBuf,
	 UINT32 cbBufSize);
	HRESULT(STDMETHODCALLTYPE *SetUnknown)
	(IMFStreamDescriptor *This, REFGUID guidKey, IUnknown *pUnknown);
	HRESULT(STDMETHODCALLTYPE *LockStore)(IMFStreamDescriptor *This);
	HRESULT(STDMETHODCALLTYPE *UnlockStore)(IMFStreamDescriptor *This);
	HRESULT(STDMETHODCALLTYPE *GetCount)
	(IMFStreamDescriptor *This, UINT32 *pcItems);
	HRESULT(STDMETHODCALLTYPE *GetItemByIndex)
	(IMFStreamDescriptor *This, UINT32 unIndex, GUID *pguidKey,
	 PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *CopyAllItems)
	(IMFStreamDescriptor *This, IMFAttributes *pDest);

	/* IMFStreamDescriptor */
	HRESULT(STDMETHODCALLTYPE *GetStreamIdentifier)
	(IMFStreamDescriptor *This, DWORD *pdwStreamIdentifier);
	HRESULT(STDMETHODCALLTYPE *GetMediaTypeHandler)
	(IMFStreamDescriptor *This, IMFMediaTypeHandler **ppMediaTypeHandler);

	END_INTERFACE
} IMFStreamDescriptorVtbl;

interface IMFStreamDescriptor {
	CONST_VTBL IMFStreamDescriptorVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFStreamDescriptor_QueryInterface(This, riid, ppvObject)              \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFStreamDescriptor_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFStreamDescriptor_Release(This) ((This)->lpVtbl->Release(This))
#define IMFStreamDescriptor_GetItem(This, guidKey, pValue)                     \
	((This)->lpVtbl->GetItem(This, guidKey, pValue))
#define IMFStreamDescriptor_GetItemType(This, guidKey, pType)                  \
	((This)->lpVtbl->GetItemType(This, guidKey, pType))
#define IMFStreamDescriptor_CompareItem(This, guidKey, Value, pbResult)        \
	((This)->lpVtbl->CompareItem(This, guidKey, Value, pbResult))
#define IMFStreamDescriptor_Compare(This, pTheirs, MatchType, pbResult)        \
	((This)->lpVtbl->Compare(This, pTheirs, MatchType, pbResult))
#define IMFStreamDescriptor_GetUINT32(This, guidKey, punValue)                 \
	((This)->lpVtbl->GetUINT32(This, guidKey, punValue))
#define IMFStreamDescriptor_GetUINT64(This, guidKey, punValue)                 \
	((This)->lpVtbl->GetUINT64(This, guidKey, punValue))
#define IMFStreamDescriptor_GetDouble(This, guidKey, pfValue)                  \
	((This)->lpVtbl->GetDouble(This, guidKey, pfValue))
#define IMFStreamDescriptor_GetGUID(This, guidKey, pguidValue)                 \
	((This)->lpVtbl->GetGUID(This, guidKey, pguidValue))
#define IMFStreamDescriptor_GetStringLength(This, guidKey, pcchLength)         \
	((This)->lpVtbl->GetStringLength(This, guidKey, pcchLength))
#define IMFStreamDescriptor_GetString(This, guidKey, pwszValue, cchBufSize,    \
				      pcchLength)                              \
	((This)->lpVtbl->GetString(This, guidKey, pwszValue, cchBufSize, pcchLength))
#define IMFStreamDescriptor_GetAllocatedString(This, guidKey, ppwszValue,      \
					       pcchLength)                     \
	((This)->lpVtbl->GetAllocatedString(This, guidKey, ppwszValue, pcchLength))
#define IMFStreamDescriptor_GetBlobSize(This, guidKey, pcbBlobSize)            \
	((This)->lpVtbl->GetBlobSize(This, guidKey, pcbBlobSize))
#define IMFStreamDescriptor_GetBlob(This, guidKey, pBuf, cbBufSize,            \
				    pcbBlobSize)                               \
	((This)->lpVtbl->GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize))
#define IMFStreamDescriptor_GetAllocatedBlob(This, guidKey, ppBuf, pcbSize)    \
	((This)->lpVtbl->GetAllocatedBlob(This, guidKey, ppBuf, pcbSize))
#define IMFStreamDescriptor_GetUnknown(This, guidKey, riid, ppv)               \
	((This)->lpVtbl->GetUnknown(This, guidKey, riid, ppv))
#define IMFStreamDescriptor_SetItem(This, guidKey, Value)                      \
	((This)->lpVtbl->SetItem(This, guidKey, Value))
#define IMFStreamDescriptor_DeleteItem(This, guidKey)                          \
	((This)->lpVtbl->DeleteItem(This, guidKey))
#define IMFStreamDescriptor_DeleteAllItems(This)                               \
	((This)->lpVtbl->DeleteAllItems(This))
#define IMFStreamDescriptor_SetUINT32(This, guidKey, unValue)                  \
	((This)->lpVtbl->SetUINT32(This, guidKey, unValue))
#define IMFStreamDescriptor_SetUINT64(This, guidKey, unValue)                  \
	((This)->lpVtbl->SetUINT64(This, guidKey, unValue))
#define IMFStreamDescriptor_SetDouble(This, guidKey, fValue)                   \
	((This)->lpVtbl->SetDouble(This, guidKey, fValue))
#define IMFStreamDescriptor_SetGUID(This, guidKey, guidValue)                  \
	((This)->lpVtbl->SetGUID(This, guidKey, guidValue))
#define IMFStreamDescriptor_SetString(This, guidKey, wszValue)                 \
	((This)->lpVtbl->SetString(This, guidKey, wszValue))
#define IMFStreamDescriptor_SetBlob(This, guidKey, pBuf, cbBufSize)            \
	((This)->lpVtbl->SetBlob(This, guidKey, pBuf, cbBufSize))
#define IMFStreamDescriptor_SetUnknown(This, guidKey, pUnknown)                \
	((This)->lpVtbl->SetUnknown(This, guidKey, pUnknown))
#define IMFStreamDescriptor_LockStore(This) ((This)->lpVtbl->LockStore(This))
#define IMFStreamDescriptor_UnlockStore(This)                                  \
	((This)->lpVtbl->UnlockStore(This))
#define IMFStreamDescriptor_GetCount(This, pcItems)                            \
	((This)->lpVtbl->GetCount(This, pcItems))
#define IMFStreamDescriptor_GetItemByIndex(This, unIndex, pguidKey, pValue)    \
	((This)->lpVtbl->GetItemByIndex(This, unIndex, pguidKey, pValue))
#define IMFStreamDescriptor_CopyAllItems(This, pDest)                          \
	((This)->lpVtbl->CopyAllItems(This, pDest))
#define IMFStreamDescriptor_GetStreamIdentifier(This, pdwStreamIdentifier)     \
	((This)->lpVtbl->GetStreamIdentifier(This, pdwStreamIdentifier))
#define IMFStreamDescriptor_GetMediaTypeHandler(This, ppMediaTypeHandler)      \
	((This)->lpVtbl->GetMediaTypeHandler(This, ppMediaTypeHandler))
#endif
#endif

#endif /* __IMFStreamDescriptor_INTERFACE_DEFINED__ */

/* ---- IMFPresentationDescriptor ---- */

/*
 * A presentation's streams, each selected or not, and its attributes
 * (MFCreatePresentationDescriptor; a media source's
 * CreatePresentationDescriptor).  Streams start deselected; an index
 * beyond the streams is E_INVALIDARG.  Clone copies the attributes and
 * the selection and shares the stream descriptors.
 */
#ifndef __IMFPresentationDescriptor_INTERFACE_DEFINED__
#define __IMFPresentationDescriptor_INTERFACE_DEFINED__

/* {03CB2711-24D7-4DB6-A17F-F3A7A479A536} */
DEFINE_GUID(IID_IMFPresentationDescriptor, 0x03cb2711, 0x24d7, 0x4db6, 0xa1,
	    0x7f, 0xf3, 0xa7, 0xa4, 0x79, 0xa5, 0x36);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("03CB2711-24D7-4DB6-A17F-F3A7A479A536")
IMFPresentationDescriptor : public IMFAttributes
{
	virtual HRESULT STDMETHODCALLTYPE GetStreamDescriptorCount(
		DWORD *pdwDescriptorCount) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetStreamDescriptorByIndex(
		DWORD dwIndex, BOOL *pfSelected,
		IMFStreamDescriptor **ppDescriptor) = 0;
	virtual HRESULT STDMETHODCALLTYPE SelectStream(
		DWORD dwDescriptorIndex) = 0;
	virtual HRESULT STDMETHODCALLTYPE DeselectStream(
		DWORD dwDescriptorIndex) = 0;
	virtual HRESULT STDMETHODCALLTYPE Clone(
		IMFPresentationDescriptor **ppPresentationDescriptor) = 0;
};
__CRT_UUID_DECL(IMFPresentationDescriptor, 0x03cb2711, 0x24d7, 0x4db6, 0xa1,
		0x7f, 0xf3, 0xa7, 0xa4, 0x79, 0xa5, 0x36)
#else
typedef struct IMFPresentationDescriptorVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFPresentationDescriptor *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFPresentationDescriptor *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFPresentationDescriptor *This);

	/* IMFAttributes */
	HRESULT(STDMETHODCALLTYPE *GetItem)
	(IMFPresentationDescriptor *This, REFGUID guidKey, PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *GetItemType)
	(IMFPresentationDescriptor *This, REFGUID guidKey,
	 MF_ATTRIBUTE_TYPE *pType);
	HRESULT(STDMETHODCALLTYPE *CompareItem)
	(IMFPresentationDescriptor *This, REFGUID guidKey,
	 REFPROPVARIANT Value, BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *Compare)
	(IMFPresentationDescriptor *This, IMFAttributes *pTheirs,
	 MF_ATTRIBUTES_MATCH_TYPE MatchType, BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *GetUINT32)
	(IMFPresentationDescriptor *This, REFGUID guidKey, UINT32 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetUINT64)
	(IMFPresentationDescriptor *This, REFGUID guidKey, UINT64 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetDouble)
	(IMFPresentationDescriptor *This, REFGUID guidKey, double *pfValue);
	HRESULT(STDMETHODCALLTYPE *GetGUID)
	(IMFPresentationDescriptor *This, REFGUID guidKey, GUID *pguidValue);
	HRESULT(STDMETHODCALLTYPE *GetStringLength)
	(IMFPresentationDescriptor *This, REFGUID guidKey, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetString)
	(IMFPresentationDescriptor *This, REFGUID guidKey, LPWSTR pwszValue,
	 UINT32 cchBufSize, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedString)
	(IMFPresentationDescriptor *This, REFGUID guidKey, LPWSTR *ppwszValue,
	 UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetBlobSize)
	(IMFPresentationDescriptor *This, REFGUID guidKey, UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetBlob)
	(IMFPresentationDescriptor *This, REFGUID guidKey, UINT8 *pBuf,
	 UINT32 cbBufSize, UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedBlob)
	(IMFPresentationDescriptor *This, REFGUID guidKey, UINT8 **ppBuf,
	 UINT32 *pcbSize);
	HRESULT(STDMETHODCALLTYPE *GetUnknown)
	(IMFPresentationDescriptor *This, REFGUID guidKey, REFIID riid,
	 LPVOID *ppv);
	HRESULT(STDMETHODCALLTYPE *SetItem)
	(IMFPresentationDescriptor *This, REFGUID guidKey,
	 REFPROPVARIANT Value);
	HRESULT(STDMETHODCALLTYPE *DeleteItem)
	(IMFPresentationDescriptor *This, REFGUID guidKey);
	HRESULT(STDMETHODCALLTYPE *DeleteAllItems)
	(IMFPresentationDescriptor *This);
	HRESULT(STDMETHODCALLTYPE *SetUINT32)
	(IMFPresentationDescriptor *This, REFGUID guidKey, UINT32 unValue);
	HRESULT(STDMETHODCALLTYPE *SetUINT64)
	(IMFPresentationDescriptor *This, REFGUID guidKey, UINT64 unValue);
	HRESULT(STDMETHODCALLTYPE *SetDouble)
	(IMFPresentationDescriptor *This, REFGUID guidKey, double fValue);
	HRESULT(STDMETHODCALLTYPE *SetGUID)
	(IMFPresentationDescriptor *This, REFGUID guidKey, REFGUID guidValue);
	HRESULT(STDMETHODCALLTYPE *SetString)
	(IMFPresentationDescriptor *This, REFGUID guidKey, LPCWSTR wszValue);
	HRESULT(STDMETHODCALLTYPE *SetBlob)
	(IMFPresentationDescriptor *This, REFGUID guidKey, const UINT8 *pBuf,
	 UINT32 cbBufSize);
	HRESULT(STDMETHODCALLTYPE *SetUnknown)
	(IMFPresentationDescriptor *This, REFGUID guidKey, IUnknown *pUnknown);
	HRESULT(STDMETHODCALLTYPE *LockStore)(IMFPresentationDescriptor *This);
	HRESULT(STDMETHODCALLTYPE *UnlockStore)
	(IMFPresentationDescriptor *This);
	HRESULT(STDMETHODCALLTYPE *GetCount)
	(IMFPresentationDescriptor *This, UINT32 *pcItems);
	HRESULT(STDMETHODCALLTYPE *GetItemByIndex)
	(IMFPresentationDescriptor *This, UINT32 unIndex, GUID *pguidKey,
	 PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *CopyAllItems)
	(IMFPresentationDescriptor *This, IMFAttributes *pDest);

	/* IMFPresentationDescriptor */
	HRESULT(STDMETHODCALLTYPE *GetStreamDescriptorCount)
	(IMFPresentationDescriptor *This, DWORD *pdwDescriptorCount);
	HRESULT(STDMETHODCALLTYPE *GetStreamDescriptorByIndex)
	(IMFPresentationDescriptor *This, DWORD dwIndex, BOOL *pfSelected,
	 IMFStreamDescriptor **ppDescriptor);
	HRESULT(STDMETHODCALLTYPE *SelectStream)
	(IMFPresentationDescriptor *This, DWORD dwDescriptorIndex);
	HRESULT(STDMETHODCALLTYPE *DeselectStream)
	(IMFPresentationDescriptor *This, DWORD dwDescriptorIndex);
	HRESULT(STDMETHODCALLTYPE *Clone)
	(IMFPresentationDescriptor *This,
	 IMFPresentationDescriptor **ppPresentationDescriptor);

	END_INTERFACE
} IMFPresentationDescriptorVtbl;

interface IMFPresentationDescriptor {
	CONST_VTBL IMFPresentationDescriptorVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFPresentationDescriptor_QueryInterface(This, riid, ppvObject)        \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFPresentationDescriptor_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFPresentationDescriptor_Release(This) ((This)->lpVtbl->Release(This))
#define IMFPresentationDescriptor_GetItem(This, guidKey, pValue)               \
	((This)->lpVtbl->GetItem(This, guidKey, pValue))
#define IMFPresentationDescriptor_GetItemType(This, guidKey, pType)            \
	((This)->lpVtbl->GetItemType(This, guidKey, pType))
#define IMFPresentationDescriptor_CompareItem(This, guidKey, Value, pbResult)  \
	((This)->lpVtbl->CompareItem(This, guidKey, Value, pbResult))
#define IMFPresentationDescriptor_Compare(This, pTheirs, MatchType, pbResult)  \
	((This)->lpVtbl->Compare(This, pTheirs, MatchType, pbResult))
#define IMFPresentationDescriptor_GetUINT32(This, guidKey, punValue)           \
	((This)->lpVtbl->GetUINT32(This, guidKey, punValue))
#define IMFPresentationDescriptor_GetUINT64(This, guidKey, punValue)           \
	((This)->lpVtbl->GetUINT64(This, guidKey, punValue))
#define IMFPresentationDescriptor_GetDouble(This, guidKey, pfValue)            \
	((This)->lpVtbl->GetDouble(This, guidKey, pfValue))
#define IMFPresentationDescriptor_GetGUID(This, guidKey, pguidValue)           \
	((This)->lpVtbl->GetGUID(This, guidKey, pguidValue))
#define IMFPresentationDescriptor_GetStringLength(This, guidKey, pcchLength)   \
	((This)->lpVtbl->GetStringLength(This, guidKey, pcchLength))
#define IMFPresentationDescriptor_GetString(This, guidKey, pwszValue,          \
					    cchBufSize, pcchLength)            \
	((This)->lpVtbl->GetString(This, guidKey, pwszValue, cchBufSize, pcchLength))
#define IMFPresentationDescriptor_GetAllocatedString(This, guidKey,            \
						     ppwszValue, pcchLength)   \
	((This)->lpVtbl->GetAllocatedString(This, guidKey, ppwszValue, pcchLength))
#define IMFPresentationDescriptor_GetBlobSize(This, guidKey, pcbBlobSize)      \
	((This)->lpVtbl->GetBlobSize(This, guidKey, pcbBlobSize))
#define IMFPresentationDescriptor_GetBlob(This, guidKey, pBuf, cbBufSize,      \
					  pcbBlobSize)                         \
	((This)->lpVtbl->GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize))
#define IMFPresentationDescriptor_GetAllocatedBlob(This, guidKey, ppBuf,       \
						   pcbSize)                    \
	((This)->lpVtbl->GetAllocatedBlob(This, guidKey, ppBuf, pcbSize))
#define IMFPresentationDescriptor_GetUnknown(This, guidKey, riid, ppv)         \
	((This)->lpVtbl->GetUnknown(This, guidKey, riid, ppv))
#define IMFPresentationDescriptor_SetItem(This, guidKey, Value)                \
	((This)->lpVtbl->SetItem(This, guidKey, Value))
#define IMFPresentationDescriptor_DeleteItem(This, guidKey)                    \
	((This)->lpVtbl->DeleteItem(This, guidKey))
#define IMFPresentationDescriptor_DeleteAllItems(This)                         \
	((This)->lpVtbl->DeleteAllItems(This))
#define IMFPresentationDescriptor_SetUINT32(This, guidKey, unValue)            \
	((This)->lpVtbl->SetUINT32(This, guidKey, unValue))
#define IMFPresentationDescriptor_SetUINT64(This, guidKey, unValue)            \
	((This)->lpVtbl->SetUINT64(This, guidKey, unValue))
#define IMFPresentationDescriptor_SetDouble(This, guidKey, fValue)             \
	((This)->lpVtbl->SetDouble(This, guidKey, fValue))
#define IMFPresentationDescriptor_SetGUID(This, guidKey, guidValue)            \
	((This)->lpVtbl->SetGUID(This, guidKey, guidValue))
#define IMFPresentationDescriptor_SetString(This, guidKey, wszValue)           \
	((This)->lpVtbl->SetString(This, guidKey, wszValue))
#define IMFPresentationDescriptor_SetBlob(This, guidKey, pBuf, cbBufSize)      \
	((This)->lpVtbl->SetBlob(This, guidKey, pBuf, cbBufSize))
#define IMFPresentationDescriptor_SetUnknown(This, guidKey, pUnknown)          \
	((This)->lpVtbl->SetUnknown(This, guidKey, pUnknown))
#define IMFPresentationDescriptor_LockStore(This)                              \
	((This)->lpVtbl->LockStore(This))
#define IMFPresentationDescriptor_UnlockStore(This)                            \
	((This)->lpVtbl->UnlockStore(This))
#define IMFPresentationDescriptor_GetCount(This, pcItems)                      \
	((This)->lpVtbl->GetCount(This, pcItems))
#define IMFPresentationDescriptor_GetItemByIndex(This, unIndex, pguidKey,      \
						 pValue)                       \
	((This)->lpVtbl->GetItemByIndex(This, unIndex, pguidKey, pValue))
#define IMFPresentationDescriptor_CopyAllItems(This, pDest)                    \
	((This)->lpVtbl->CopyAllItems(This, pDest))
#define IMFPresentationDescriptor_GetStreamDescriptorCount(This,               \
							   pdwDescriptorCount) \
	((This)->lpVtbl->GetStreamDescriptorCount(This, pdwDescriptorCount))
#define IMFPresentationDescriptor_GetStreamDescriptorByIndex(This, dwIndex,    \
							     pfSelected,       \
							     ppDescriptor)     \
	((This)->lpVtbl->GetStreamDescriptorByIndex(This, dwIndex, pfSelected, ppDescriptor))
#define IMFPresentationDescriptor_SelectStream(This, dwDescriptorIndex)        \
	((This)->lpVtbl->SelectStream(This, dwDescriptorIndex))
#define IMFPresentationDescriptor_DeselectStream(This, dwDescriptorIndex)      \
	((This)->lpVtbl->DeselectStream(This, dwDescriptorIndex))
#define IMFPresentationDescriptor_Clone(This, ppPresentationDescriptor)        \
	((This)->lpVtbl->Clone(This, ppPresentationDescriptor))
#endif
#endif

#endif /* __IMFPresentationDescriptor_INTERFACE_DEFINED__ */

/* IMFMediaSource::GetCharacteristics() flags. */
typedef enum _MFMEDIASOURCE_CHARACTERISTICS {
	MFMEDIASOURCE_IS_LIVE = 0x1,
	MFMEDIASOURCE_CAN_SEEK = 0x2,
	MFMEDIASOURCE_CAN_PAUSE = 0x4,
	MFMEDIASOURCE_HAS_SLOW_SEEK = 0x8,
	MFMEDIASOURCE_HAS_MULTIPLE_PRESENTATIONS = 0x10,
	MFMEDIASOURCE_CAN_SKIPFORWARD = 0x20,
	MFMEDIASOURCE_CAN_SKIPBACKWARD = 0x40,
	MFMEDIASOURCE_DOES_NOT_USE_NETWORK = 0x80
} MFMEDIASOURCE_CHARACTERISTICS;

/* ---- IMFMediaSource ---- */

/*
 * A source of media data: its presentation descriptor, and events
 * (MENewStream, MESourceStarted, MEEndOfPresentation...) as an event
 * generator.  mf.rst describes libpmp's source.
 */
#ifndef __IMFMediaSource_INTERFACE_DEFINED__
#define __IMFMediaSource_INTERFACE_DEFINED__

/* {279A808D-AEC7-40C8-9C6B-A6B492C78A66} */
DEFINE_GUID(IID_IMFMediaSource, 0x279a808d, 0xaec7, 0x40c8, 0x9c, 0x6b, 0xa6,
	    0xb4, 0x92, 0xc7, 0x8a, 0x66);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("279A808D-AEC7-40C8-9C6B-A6B492C78A66")
IMFMediaSource : public IMFMediaEventGenerator
{
	virtual HRESULT STDMETHODCALLTYPE GetCharacteristics(
		DWORD *pdwCharacteristics) = 0;
	virtual HRESULT STDMETHODCALLTYPE CreatePresentationDescriptor(
		IMFPresentationDescriptor **ppPresentationDescriptor) = 0;
	virtual HRESULT STDMETHODCALLTYPE Start(
		IMFPresentationDescriptor *pPresentationDescriptor,
		const GUID *pguidTimeFormat,
		const PROPVARIANT *pvarStartPosition) = 0;
	virtual HRESULT STDMETHODCALLTYPE Stop() = 0;
	virtual HRESULT STDMETHODCALLTYPE Pause() = 0;
	virtual HRESULT STDMETHODCALLTYPE Shutdown() = 0;
};
__CRT_UUID_DECL(IMFMediaSource, 0x279a808d, 0xaec7, 0x40c8, 0x9c, 0x6b, 0xa6,
		0xb4, 0x92, 0xc7, 0x8a, 0x66)
#else
typedef struct IMFMediaSourceVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFMediaSource *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFMediaSource *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFMediaSource *This);

	/* IMFMediaEventGenerator */
	HRESULT(STDMETHODCALLTYPE *GetEvent)
	(IMFMediaSource *This, DWORD dwFlags, IMFMediaEvent **ppEvent);
	HRESULT(STDMETHODCALLTYPE *BeginGetEvent)
	(IMFMediaSource *This, IMFAsyncCallback *pCallback,
	 IUnknown *punkState);
	HRESULT(STDMETHODCALLTYPE *EndGetEvent)
	(IMFMediaSource *This, IMFAsyncResult *pResult,
	 IMFMediaEvent **ppEvent);
	HRESULT(STDMETHODCALLTYPE *QueueEvent)
	(IMFMediaSource *This, MediaEventType met, REFGUID guidExtendedType,
	 HRESULT hrStatus, const PROPVARIANT *pvValue);

	/* IMFMediaSource */
	HRESULT(STDMETHODCALLTYPE *GetCharacteristics)
	(IMFMediaSource *This, DWORD *pdwCharacteristics);
	HRESULT(STDMETHODCALLTYPE *CreatePresentationDescriptor)
	(IMFMediaSource *This,
	 IMFPresentationDescriptor **ppPresentationDescriptor);
	HRESULT(STDMETHODCALLTYPE *Start)
	(IMFMediaSource *This,
	 IMFPresentationDescriptor *pPresentationDescriptor,
	 const GUID *pguidTimeFormat, const PROPVARIANT *pvarStartPosition);
	HRESULT(STDMETHODCALLTYPE *Stop)(IMFMediaSource *This);
	HRESULT(STDMETHODCALLTYPE *Pause)(IMFMediaSource *This);
	HRESULT(STDMETHODCALLTYPE *Shutdown)(IMFMediaSource *This);

	END_INTERFACE
} IMFMediaSourceVtbl;

interface IMFMediaSource {
	CONST_VTBL IMFMediaSourceVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFMediaSource_QueryInterface(This, riid, ppvObject)                   \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFMediaSource_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFMediaSource_Release(This) ((This)->lpVtbl->Release(This))
#define IMFMediaSource_GetEvent(This, dwFlags, ppEvent)                        \
	((This)->lpVtbl->GetEvent(This, dwFlags, ppEvent))
#define IMFMediaSource_BeginGetEvent(This, pCallback, punkState)               \
	((This)->lpVtbl->BeginGetEvent(This, pCallback, punkState))
#define IMFMediaSource_EndGetEvent(This, pResult, ppEvent)                     \
	((This)->lpVtbl->EndGetEvent(This, pResult, ppEvent))
#define IMFMediaSource_QueueEvent(This, met, guidExtendedType, hrStatus,       \
				  pvValue)                                     \
	((This)->lpVtbl->QueueEvent(This, met, guidExtendedType, hrStatus, pvValue))
#define IMFMediaSource_GetCharacteristics(This, pdwCharacteristics)            \
	((This)->lpVtbl->GetCharacteristics(This, pdwCharacteristics))
#define IMFMediaSource_CreatePresentationDescriptor(This,                      \
						    ppPresentationDescriptor)  \
	((This)->lpVtbl->CreatePresentationDescriptor(This, ppPresentationDescriptor))
#define IMFMediaSource_Start(This, pPresentationDescriptor, pguidTimeFormat,   \
			     pvarStartPosition)                                \
	((This)->lpVtbl->Start(This, pPresentationDescriptor, pguidTimeFormat, pvarStartPosition))
#define IMFMediaSource_Stop(This) ((This)->lpVtbl->Stop(This))
#define IMFMediaSource_Pause(This) ((This)->lpVtbl->Pause(This))
#define IMFMediaSource_Shutdown(This) ((This)->lpVtbl->Shutdown(This))
#endif
#endif

#endif /* __IMFMediaSource_INTERFACE_DEFINED__ */

/* ---- IMFMediaStream ---- */

/*
 * One stream of a media source: RequestSample makes it send an
 * MEMediaSample event carrying an IMFSample (or MEEndOfStream).
 */
#ifndef __IMFMediaStream_INTERFACE_DEFINED__
#define __IMFMediaStream_INTERFACE_DEFINED__

/* {D182108F-4EC6-443F-AA42-A71106EC825F} */
DEFINE_GUID(IID_IMFMediaStream, 0xd182108f, 0x4ec6, 0x443f, 0xaa, 0x42, 0xa7,
	    0x11, 0x06, 0xec, 0x82, 0x5f);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("D182108F-4EC6-443F-AA42-A71106EC825F")
IMFMediaStream : public IMFMediaEventGenerator
{
	virtual HRESULT STDMETHODCALLTYPE GetMediaSource(
		IMFMediaSource **ppMediaSource) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetStreamDescriptor(
		IMFStreamDescriptor **ppStreamDescriptor) = 0;
	virtual HRESULT STDMETHODCALLTYPE RequestSample(IUnknown *pToken) = 0;
};
__CRT_UUID_DECL(IMFMediaStream, 0xd182108f, 0x4ec6, 0x443f, 0xaa, 0x42, 0xa7,
		0x11, 0x06, 0xec, 0x82, 0x5f)
#else
typedef struct IMFMediaStreamVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFMediaStream *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFMediaStream *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFMediaStream *This);

	/* IMFMediaEventGenerator */
	HRESULT(STDMETHODCALLTYPE *GetEvent)
	(IMFMediaStream *This, DWORD dwFlags, IMFMediaEvent **ppEvent);
	HRESULT(STDMETHODCALLTYPE *BeginGetEvent)
	(IMFMediaStream *This, IMFAsyncCallback *pCallback,
	 IUnknown *punkState);
	HRESULT(STDMETHODCALLTYPE *EndGetEvent)
	(IMFMediaStream *This, IMFAsyncResult *pResult,
	 IMFMediaEvent **ppEvent);
	HRESULT(STDMETHODCALLTYPE *QueueEvent)
	(IMFMediaStream *This, MediaEventType met, REFGUID guidExtendedType,
	 HRESULT hrStatus, const PROPVARIANT *pvValue);

	/* IMFMediaStream */
	HRESULT(STDMETHODCALLTYPE *GetMediaSource)
	(IMFMediaStream *This, IMFMediaSource **ppMediaSource);
	HRESULT(STDMETHODCALLTYPE *GetStreamDescriptor)
	(IMFMediaStream *This, IMFStreamDescriptor **ppStreamDescriptor);
	HRESULT(STDMETHODCALLTYPE *RequestSample)
	(IMFMediaStream *This, IUnknown *pToken);

	END_INTERFACE
} IMFMediaStreamVtbl;

interface IMFMediaStream {
	CONST_VTBL IMFMediaStreamVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFMediaStream_QueryInterface(This, riid, ppvObject)                   \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFMediaStream_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFMediaStream_Release(This) ((This)->lpVtbl->Release(This))
#define IMFMediaStream_GetEvent(This, dwFlags, ppEvent)                        \
	((This)->lpVtbl->GetEvent(This, dwFlags, ppEvent))
#define IMFMediaStream_BeginGetEvent(This, pCallback, punkState)               \
	((This)->lpVtbl->BeginGetEvent(This, pCallback, punkState))
#define IMFMediaStream_EndGetEvent(This, pResult, ppEvent)                     \
	((This)->lpVtbl->EndGetEvent(This, pResult, ppEvent))
#define IMFMediaStream_QueueEvent(This, met, guidExtendedType, hrStatus,       \
				  pvValue)                                     \
	((This)->lpVtbl->QueueEvent(This, met, guidExtendedType, hrStatus, pvValue))
#define IMFMediaStream_GetMediaSource(This, ppMediaSource)                     \
	((This)->lpVtbl->GetMediaSource(This, ppMediaSource))
#define IMFMediaStream_GetStreamDescriptor(This, ppStreamDescriptor)           \
	((This)->lpVtbl->GetStreamDescriptor(This, ppStreamDescriptor))
#define IMFMediaStream_RequestSample(This, pToken)                             \
	((This)->lpVtbl->RequestSample(This, pToken))
#endif
#endif

#endif /* __IMFMediaStream_INTERFACE_DEFINED__ */

/* What IMFSourceResolver made. */
typedef enum MF_OBJECT_TYPE {
	MF_OBJECT_MEDIASOURCE = 0,
	MF_OBJECT_BYTESTREAM = 1,
	MF_OBJECT_INVALID = 2
} MF_OBJECT_TYPE;

#define MF_RESOLUTION_MEDIASOURCE 0x00000001
#define MF_RESOLUTION_BYTESTREAM 0x00000002
#define MF_RESOLUTION_CONTENT_DOES_NOT_HAVE_TO_MATCH_EXTENSION_OR_MIME_TYPE 0x00000010
#define MF_RESOLUTION_KEEP_BYTE_STREAM_ALIVE_ON_FAIL 0x00000020
#define MF_RESOLUTION_DISABLE_LOCAL_PLUGINS 0x00000040
#define MF_RESOLUTION_READ 0x00010000
#define MF_RESOLUTION_WRITE 0x00020000

/* Not declared by libpmp: IMFSourceResolver's methods take them. */

#ifndef __IMFByteStream_FWD_DEFINED__
#define __IMFByteStream_FWD_DEFINED__
typedef interface IMFByteStream IMFByteStream;
#endif
#ifndef __IPropertyStore_FWD_DEFINED__
#define __IPropertyStore_FWD_DEFINED__
typedef interface IPropertyStore IPropertyStore;
#endif

/* ---- IMFSourceResolver ---- */

/*
 * Makes a media source from a URL (MFCreateSourceResolver).  mf.rst says
 * which URLs, flags and methods libpmp's resolver supports.
 */
#ifndef __IMFSourceResolver_INTERFACE_DEFINED__
#define __IMFSourceResolver_INTERFACE_DEFINED__

/* {FBE5A32D-A497-4B61-BB85-97B1A848A6E3} */
DEFINE_GUID(IID_IMFSourceResolver, 0xfbe5a32d, 0xa497, 0x4b61, 0xbb, 0x85,
	    0x97, 0xb1, 0xa8, 0x48, 0xa6, 0xe3);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("FBE5A32D-A497-4B61-BB85-97B1A848A6E3")
IMFSourceResolver : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE CreateObjectFromURL(
		LPCWSTR pwszURL, DWORD dwFlags, IPropertyStore *pProps,
		MF_OBJECT_TYPE *pObjectType, IUnknown **ppObject) = 0;
	virtual HRESULT STDMETHODCALLTYPE CreateObjectFromByteStream(
		IMFByteStream *pByteStream, LPCWSTR pwszURL, DWORD dwFlags,
		IPropertyStore *pProps, MF_OBJECT_TYPE *pObjectType,
		IUnknown **ppObject) = 0;
	virtual HRESULT STDMETHODCALLTYPE BeginCreateObjectFromURL(
		LPCWSTR pwszURL, DWORD dwFlags, IPropertyStore *pProps,
		IUnknown **ppIUnknownCancelCookie, IMFAsyncCallback *pCallback,
		IUnknown *punkState) = 0;
	virtual HRESULT STDMETHODCALLTYPE EndCreateObjectFromURL(
		IMFAsyncResult *pResult, MF_OBJECT_TYPE *pObjectType,
		IUnknown **ppObject) = 0;
	virtual HRESULT STDMETHODCALLTYPE BeginCreateObjectFromByteStream(
		IMFByteStream *pByteStream, LPCWSTR pwszURL, DWORD dwFlags,
		IPropertyStore *pProps, IUnknown **ppIUnknownCancelCookie,
		IMFAsyncCallback *pCallback, IUnknown *punkState) = 0;
	virtual HRESULT STDMETHODCALLTYPE EndCreateObjectFromByteStream(
		IMFAsyncResult *pResult, MF_OBJECT_TYPE *pObjectType,
		IUnknown **ppObject) = 0;
	virtual HRESULT STDMETHODCALLTYPE CancelObjectCreation(
		IUnknown *pIUnknownCancelCookie) = 0;
};
__CRT_UUID_DECL(IMFSourceResolver, 0xfbe5a32d, 0xa497, 0x4b61, 0xbb, 0x85,
		0x97, 0xb1, 0xa8, 0x48, 0xa6, 0xe3)
#else
typedef struct IMFSourceResolverVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFSourceResolver *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFSourceResolver *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFSourceResolver *This);

	/* IMFSourceResolver */
	HRESULT(STDMETHODCALLTYPE *CreateObjectFromURL)
	(IMFSourceResolver *This, LPCWSTR pwszURL, DWORD dwFlags,
	 IPropertyStore *pProps, MF_OBJECT_TYPE *pObjectType,
	 IUnknown **ppObject);
	HRESULT(STDMETHODCALLTYPE *CreateObjectFromByteStream)
	(IMFSourceResolver *This, IMFByteStream *pByteStream, LPCWSTR pwszURL,
	 DWORD dwFlags, IPropertyStore *pProps, MF_OBJECT_TYPE *pObjectType,
	 IUnknown **ppObject);
	HRESULT(STDMETHODCALLTYPE *BeginCreateObjectFromURL)
	(IMFSourceResolver *This, LPCWSTR pwszURL, DWORD dwFlags,
	 IPropertyStore *pProps, IUnknown **ppIUnknownCancelCookie,
	 IMFAsyncCallback *pCallback, IUnknown *punkState);
	HRESULT(STDMETHODCALLTYPE *EndCreateObjectFromURL)
	(IMFSourceResolver *This, IMFAsyncResult *pResult,
	 MF_OBJECT_TYPE *pObjectType, IUnknown **ppObject);
	HRESULT(STDMETHODCALLTYPE *BeginCreateObjectFromByteStream)
	(IMFSourceResolver *This, IMFByteStream *pByteStream, LPCWSTR pwszURL,
	 DWORD dwFlags, IPropertyStore *pProps,
	 IUnknown **ppIUnknownCancelCookie, IMFAsyncCallback *pCallback,
	 IUnknown *punkState);
	HRESULT(STDMETHODCALLTYPE *EndCreateObjectFromByteStream)
	(IMFSourceResolver *This, IMFAsyncResult *pResult,
	 MF_OBJECT_TYPE *pObjectType, IUnknown **ppObject);
	HRESULT(STDMETHODCALLTYPE *CancelObjectCreation)
	(IMFSourceResolver *This, IUnknown *pIUnknownCancelCookie);

	END_INTERFACE
} IMFSourceResolverVtbl;

interface IMFSourceResolver {
	CONST_VTBL IMFSourceResolverVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFSourceResolver_QueryInterface(This, riid, ppvObject)                \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFSourceResolver_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFSourceResolver_Release(This) ((This)->lpVtbl->Release(This))
#define IMFSourceResolver_CreateObjectFromURL(This, pwszURL, dwFlags, pProps,  \
					      pObjectType, ppObject)           \
	((This)->lpVtbl->CreateObjectFromURL(This, pwszURL, dwFlags, pProps, pObjectType, ppObject))
#define IMFSourceResolver_CreateObjectFromByteStream(This, pByteStream,        \
						     pwszURL, dwFlags,         \
						     pProps, pObjectType,      \
						     ppObject)                 \
	((This)->lpVtbl->CreateObjectFromByteStream(This, pByteStream, pwszURL, dwFlags, pProps, pObjectType, ppObject))
#define IMFSourceResolver_BeginCreateObjectFromURL(This, pwszURL, dwFlags,     \
						   pProps,                     \
						   ppIUnknownCancelCookie,     \
						   pCallback, punkState)       \
	((This)->lpVtbl->BeginCreateObjectFromURL(This, pwszURL, dwFlags, pProps, ppIUnknownCancelCookie, pCallback, punkState))
#define IMFSourceResolver_EndCreateObjectFromURL(This, pResult, pObjectType,   \
						 ppObject)                     \
	((This)->lpVtbl->EndCreateObjectFromURL(This, pResult, pObjectType, ppObject))
#define IMFSourceResolver_BeginCreateObjectFromByteStream(                     \
	This, pByteStream, pwszURL, dwFlags, pProps, ppIUnknownCancelCookie,   \
	pCallback, punkState)                                                  \
	((This)->lpVtbl->BeginCreateObjectFromByteStream(This, pByteStream, pwszURL, dwFlags, pProps, ppIUnknownCancelCookie, pCallback, punkState))
#define IMFSourceResolver_EndCreateObjectFromByteStream(This, pResult,         \
							pObjectType, ppObject) \
	((This)->lpVtbl->EndCreateObjectFromByteStream(This, pResult, pObjectType, ppObject))
#define IMFSourceResolver_CancelObjectCreation(This, pIUnknownCancelCookie)    \
	((This)->lpVtbl->CancelObjectCreation(This, pIUnknownCancelCookie))
#endif
#endif

#endif /* __IMFSourceResolver_INTERFACE_DEFINED__ */

#ifdef __cplusplus
extern "C" {
#endif

/**
 * MFCreateSourceResolver - a source resolver
 * @ppISourceResolver: the resolver; NULL on failure
 *
 * Return: S_OK; E_POINTER; E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE MFCreateSourceResolver(
	IMFSourceResolver **ppISourceResolver);

/**
 * MFCreateStreamDescriptor - a stream descriptor and its media type handler
 * @dwStreamIdentifier: the stream's identifier
 * @cMediaTypes: how many types @apMediaTypes holds; at least 1
 * @apMediaTypes: the types the stream offers (referenced, not copied)
 * @ppDescriptor: the descriptor; NULL on failure
 *
 * Return: S_OK; E_INVALIDARG (no types, or a NULL type); E_POINTER;
 * E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE MFCreateStreamDescriptor(
	DWORD dwStreamIdentifier, DWORD cMediaTypes,
	IMFMediaType **apMediaTypes, IMFStreamDescriptor **ppDescriptor);

/**
 * MFCreatePresentationDescriptor - a presentation descriptor
 * @cStreamDescriptors: how many streams @apStreamDescriptors holds; at
 *	least 1
 * @apStreamDescriptors: the streams (referenced), all deselected
 * @ppPresentationDescriptor: the descriptor; NULL on failure
 *
 * Return: S_OK; E_INVALIDARG (no stream descriptor, or a NULL one);
 * E_POINTER; E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE MFCreatePresentationDescriptor(
	DWORD cStreamDescriptors, IMFStreamDescriptor **apStreamDescriptors,
	IMFPresentationDescriptor **ppPresentationDescriptor);

#ifdef __cplusplus
}
#endif

/* Stream descriptor attributes (Microsoft's values). */
/* {00AF2180-BDC2-423C-ABCA-F503593BC121} */
DEFINE_GUID(MF_SD_LANGUAGE, 0x00af2180, 0xbdc2, 0x423c, 0xab, 0xca, 0xf5, 0x03,
	    0x59, 0x3b, 0xc1, 0x21);

/* {00AF2181-BDC2-423C-ABCA-F503593BC121} */
DEFINE_GUID(MF_SD_PROTECTED, 0x00af2181, 0xbdc2, 0x423c, 0xab, 0xca, 0xf5,
	    0x03, 0x59, 0x3b, 0xc1, 0x21);

/* {4F1B099D-D314-41E5-A781-7FEFAA4C501F} */
DEFINE_GUID(MF_SD_STREAM_NAME, 0x4f1b099d, 0xd314, 0x41e5, 0xa7, 0x81, 0x7f,
	    0xef, 0xaa, 0x4c, 0x50, 0x1f);

/* Presentation descriptor attributes (Microsoft's values). */
/* {6C990D33-BB8E-477A-8598-0D5D96FCD88A} */
DEFINE_GUID(MF_PD_DURATION, 0x6c990d33, 0xbb8e, 0x477a, 0x85, 0x98, 0x0d, 0x5d,
	    0x96, 0xfc, 0xd8, 0x8a);

/* {6C990D34-BB8E-477A-8598-0D5D96FCD88A} */
DEFINE_GUID(MF_PD_TOTAL_FILE_SIZE, 0x6c990d34, 0xbb8e, 0x477a, 0x85, 0x98,
	    0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a);

/* {6C990D37-BB8E-477A-8598-0D5D96FCD88A} */
DEFINE_GUID(MF_PD_MIME_TYPE, 0x6c990d37, 0xbb8e, 0x477a, 0x85, 0x98, 0x0d,
	    0x5d, 0x96, 0xfc, 0xd8, 0x8a);

/* {6C990D38-BB8E-477A-8598-0D5D96FCD88A} */
DEFINE_GUID(MF_PD_LAST_MODIFIED_TIME, 0x6c990d38, 0xbb8e, 0x477a, 0x85, 0x98,
	    0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a);

/*
 * pmp's own node attributes (not Microsoft's): what a session in a PMP
 * host makes of a node (Documentation/userspace-api/mf.rst).
 *
 * PMP_TOPONODE_OBJECT_CLSID (GUID): the class of the host-side object the
 *	session creates for this source or output node, by CLSID, in its PMP
 *	process; the object implements IPmpMediaSource or IPmpMediaSink
 *	(<pmpmedia.h>).
 * PMP_TOPONODE_SAMPLE_COUNT (UINT64): in GetFullTopology's copy, the
 *	samples the session has moved out of a source node or into an
 *	output node since the presentation started.
 */
/* {7C0D5F3E-2B1A-4E8C-9D41-6A1E52B308C7} */
DEFINE_GUID(PMP_TOPONODE_OBJECT_CLSID, 0x7c0d5f3e, 0x2b1a, 0x4e8c, 0x9d, 0x41,
	    0x6a, 0x1e, 0x52, 0xb3, 0x08, 0xc7);

/* {7C0D5F3F-2B1A-4E8C-9D41-6A1E52B308C7} */
DEFINE_GUID(PMP_TOPONODE_SAMPLE_COUNT, 0x7c0d5f3f, 0x2b1a, 0x4e8c, 0x9d, 0x41,
	    0x6a, 0x1e, 0x52, 0xb3, 0x08, 0xc7);

#endif /* PMP_MFIDL_H */
