/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mfobjects.h - Media Foundation's data objects: attributes, media
 * buffers, samples and types, media events and their queues, asynchronous
 * results and callbacks, collections
 *
 * Generated from mfobjects.idl by userspace/idl/pmpidl.py: do not edit.
 *
 * Source compatible with Microsoft's <mfobjects.h> for the declarations it
 * has: the same names, IIDs, vtable order and COBJMACROS call macros.
 * Attributes live in the process that made them and travel into a PMP
 * host by value, so the interfaces here are [local]: no proxy, no stub.
 */

#ifndef PMP_MFOBJECTS_H
#define PMP_MFOBJECTS_H

#include "objbase.h"
#include "propidl.h"
#include "mferror.h"
#include "unknwn.h"

#ifndef __IMFAttributes_FWD_DEFINED__
#define __IMFAttributes_FWD_DEFINED__
typedef interface IMFAttributes IMFAttributes;
#endif

#ifndef __IMFMediaBuffer_FWD_DEFINED__
#define __IMFMediaBuffer_FWD_DEFINED__
typedef interface IMFMediaBuffer IMFMediaBuffer;
#endif

#ifndef __IMFSample_FWD_DEFINED__
#define __IMFSample_FWD_DEFINED__
typedef interface IMFSample IMFSample;
#endif

#ifndef __IMFMediaType_FWD_DEFINED__
#define __IMFMediaType_FWD_DEFINED__
typedef interface IMFMediaType IMFMediaType;
#endif

#ifndef __IMFCollection_FWD_DEFINED__
#define __IMFCollection_FWD_DEFINED__
typedef interface IMFCollection IMFCollection;
#endif

#ifndef __IMFAsyncResult_FWD_DEFINED__
#define __IMFAsyncResult_FWD_DEFINED__
typedef interface IMFAsyncResult IMFAsyncResult;
#endif

#ifndef __IMFAsyncCallback_FWD_DEFINED__
#define __IMFAsyncCallback_FWD_DEFINED__
typedef interface IMFAsyncCallback IMFAsyncCallback;
#endif

#ifndef __IMFMediaEvent_FWD_DEFINED__
#define __IMFMediaEvent_FWD_DEFINED__
typedef interface IMFMediaEvent IMFMediaEvent;
#endif

#ifndef __IMFMediaEventGenerator_FWD_DEFINED__
#define __IMFMediaEventGenerator_FWD_DEFINED__
typedef interface IMFMediaEventGenerator IMFMediaEventGenerator;
#endif

#ifndef __IMFMediaEventQueue_FWD_DEFINED__
#define __IMFMediaEventQueue_FWD_DEFINED__
typedef interface IMFMediaEventQueue IMFMediaEventQueue;
#endif

#ifndef __IMFActivate_FWD_DEFINED__
#define __IMFActivate_FWD_DEFINED__
typedef interface IMFActivate IMFActivate;
#endif

/* What an attribute holds: the PROPVARIANT types IMFAttributes accepts. */
typedef enum _MF_ATTRIBUTE_TYPE {
	MF_ATTRIBUTE_UINT32 = 19,
	MF_ATTRIBUTE_UINT64 = 21,
	MF_ATTRIBUTE_DOUBLE = 5,
	MF_ATTRIBUTE_GUID = 72,
	MF_ATTRIBUTE_STRING = 31,
	MF_ATTRIBUTE_BLOB = 0x1011,
	MF_ATTRIBUTE_IUNKNOWN = 13
} MF_ATTRIBUTE_TYPE;

/* How IMFAttributes::Compare matches two stores. */
typedef enum _MF_ATTRIBUTES_MATCH_TYPE {
	MF_ATTRIBUTES_MATCH_OUR_ITEMS = 0,
	MF_ATTRIBUTES_MATCH_THEIR_ITEMS = 1,
	MF_ATTRIBUTES_MATCH_ALL_ITEMS = 2,
	MF_ATTRIBUTES_MATCH_INTERSECTION = 3,
	MF_ATTRIBUTES_MATCH_SMALLER = 4
} MF_ATTRIBUTES_MATCH_TYPE;

/* ---- IMFAttributes ---- */

/*
 * A thread-safe store of values keyed by GUID.  A missing key is
 * MF_E_ATTRIBUTENOTFOUND, a key of another type MF_E_INVALIDTYPE; a NULL
 * out pointer E_POINTER.  GetString and GetBlob fail with
 * STRSAFE_E_INSUFFICIENT_BUFFER (E_NOT_SUFFICIENT_BUFFER, the same value)
 * when the buffer is too small; the Allocated variants return memory to
 * free with CoTaskMemFree.  SetItem accepts only the MF_ATTRIBUTE_TYPE
 * types (else MF_E_INVALIDTYPE).  GetItemByIndex beyond GetCount is
 * E_INVALIDARG.  LockStore and UnlockStore nest.
 */
#ifndef __IMFAttributes_INTERFACE_DEFINED__
#define __IMFAttributes_INTERFACE_DEFINED__

/* {2CD2D921-C447-44A7-A13C-4ADABFC247E3} */
DEFINE_GUID(IID_IMFAttributes, 0x2cd2d921, 0xc447, 0x44a7, 0xa1, 0x3c, 0x4a,
	    0xda, 0xbf, 0xc2, 0x47, 0xe3);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("2CD2D921-C447-44A7-A13C-4ADABFC247E3")
IMFAttributes : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE GetItem(REFGUID guidKey,
						  PROPVARIANT *pValue) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetItemType(
		REFGUID guidKey, MF_ATTRIBUTE_TYPE *pType) = 0;
	virtual HRESULT STDMETHODCALLTYPE CompareItem(REFGUID guidKey,
						      REFPROPVARIANT Value,
						      BOOL *pbResult) = 0;
	virtual HRESULT STDMETHODCALLTYPE Compare(
		IMFAttributes *pTheirs, MF_ATTRIBUTES_MATCH_TYPE MatchType,
		BOOL *pbResult) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetUINT32(REFGUID guidKey,
						    UINT32 *punValue) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetUINT64(REFGUID guidKey,
						    UINT64 *punValue) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetDouble(REFGUID guidKey,
						    double *pfValue) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetGUID(REFGUID guidKey,
						  GUID *pguidValue) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetStringLength(
		REFGUID guidKey, UINT32 *pcchLength) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetString(REFGUID guidKey,
						    LPWSTR pwszValue,
						    UINT32 cchBufSize,
						    UINT32 *pcchLength) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetAllocatedString(
		REFGUID guidKey, LPWSTR *ppwszValue, UINT32 *pcchLength) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetBlobSize(REFGUID guidKey,
						      UINT32 *pcbBlobSize) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetBlob(REFGUID guidKey, UINT8 *pBuf,
						  UINT32 cbBufSize,
						  UINT32 *pcbBlobSize) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetAllocatedBlob(REFGUID guidKey,
							   UINT8 **ppBuf,
							   UINT32 *pcbSize) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetUnknown(REFGUID guidKey,
						     REFIID riid,
						     LPVOID *ppv) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetItem(REFGUID guidKey,
						  REFPROPVARIANT Value) = 0;
	virtual HRESULT STDMETHODCALLTYPE DeleteItem(REFGUID guidKey) = 0;
	virtual HRESULT STDMETHODCALLTYPE DeleteAllItems() = 0;
	virtual HRESULT STDMETHODCALLTYPE SetUINT32(REFGUID guidKey,
						    UINT32 unValue) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetUINT64(REFGUID guidKey,
						    UINT64 unValue) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetDouble(REFGUID guidKey,
						    double fValue) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetGUID(REFGUID guidKey,
						  REFGUID guidValue) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetString(REFGUID guidKey,
						    LPCWSTR wszValue) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetBlob(REFGUID guidKey,
						  const UINT8 *pBuf,
						  UINT32 cbBufSize) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetUnknown(REFGUID guidKey,
						     IUnknown *pUnknown) = 0;
	virtual HRESULT STDMETHODCALLTYPE LockStore() = 0;
	virtual HRESULT STDMETHODCALLTYPE UnlockStore() = 0;
	virtual HRESULT STDMETHODCALLTYPE GetCount(UINT32 *pcItems) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetItemByIndex(
		UINT32 unIndex, GUID *pguidKey, PROPVARIANT *pValue) = 0;
	virtual HRESULT STDMETHODCALLTYPE CopyAllItems(
		IMFAttributes *pDest) = 0;
};
__CRT_UUID_DECL(IMFAttributes, 0x2cd2d921, 0xc447, 0x44a7, 0xa1, 0x3c, 0x4a,
		0xda, 0xbf, 0xc2, 0x47, 0xe3)
#else
typedef struct IMFAttributesVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFAttributes *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFAttributes *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFAttributes *This);

	/* IMFAttributes */
	HRESULT(STDMETHODCALLTYPE *GetItem)
	(IMFAttributes *This, REFGUID guidKey, PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *GetItemType)
	(IMFAttributes *This, REFGUID guidKey, MF_ATTRIBUTE_TYPE *pType);
	HRESULT(STDMETHODCALLTYPE *CompareItem)
	(IMFAttributes *This, REFGUID guidKey, REFPROPVARIANT Value,
	 BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *Compare)
	(IMFAttributes *This, IMFAttributes *pTheirs,
	 MF_ATTRIBUTES_MATCH_TYPE MatchType, BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *GetUINT32)
	(IMFAttributes *This, REFGUID guidKey, UINT32 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetUINT64)
	(IMFAttributes *This, REFGUID guidKey, UINT64 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetDouble)
	(IMFAttributes *This, REFGUID guidKey, double *pfValue);
	HRESULT(STDMETHODCALLTYPE *GetGUID)
	(IMFAttributes *This, REFGUID guidKey, GUID *pguidValue);
	HRESULT(STDMETHODCALLTYPE *GetStringLength)
	(IMFAttributes *This, REFGUID guidKey, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetString)
	(IMFAttributes *This, REFGUID guidKey, LPWSTR pwszValue,
	 UINT32 cchBufSize, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedString)
	(IMFAttributes *This, REFGUID guidKey, LPWSTR *ppwszValue,
	 UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetBlobSize)
	(IMFAttributes *This, REFGUID guidKey, UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetBlob)
	(IMFAttributes *This, REFGUID guidKey, UINT8 *pBuf, UINT32 cbBufSize,
	 UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedBlob)
	(IMFAttributes *This, REFGUID guidKey, UINT8 **ppBuf, UINT32 *pcbSize);
	HRESULT(STDMETHODCALLTYPE *GetUnknown)
	(IMFAttributes *This, REFGUID guidKey, REFIID riid, LPVOID *ppv);
	HRESULT(STDMETHODCALLTYPE *SetItem)
	(IMFAttributes *This, REFGUID guidKey, REFPROPVARIANT Value);
	HRESULT(STDMETHODCALLTYPE *DeleteItem)
	(IMFAttributes *This, REFGUID guidKey);
	HRESULT(STDMETHODCALLTYPE *DeleteAllItems)(IMFAttributes *This);
	HRESULT(STDMETHODCALLTYPE *SetUINT32)
	(IMFAttributes *This, REFGUID guidKey, UINT32 unValue);
	HRESULT(STDMETHODCALLTYPE *SetUINT64)
	(IMFAttributes *This, REFGUID guidKey, UINT64 unValue);
	HRESULT(STDMETHODCALLTYPE *SetDouble)
	(IMFAttributes *This, REFGUID guidKey, double fValue);
	HRESULT(STDMETHODCALLTYPE *SetGUID)
	(IMFAttributes *This, REFGUID guidKey, REFGUID guidValue);
	HRESULT(STDMETHODCALLTYPE *SetString)
	(IMFAttributes *This, REFGUID guidKey, LPCWSTR wszValue);
	HRESULT(STDMETHODCALLTYPE *SetBlob)
	(IMFAttributes *This, REFGUID guidKey, const UINT8 *pBuf,
	 UINT32 cbBufSize);
	HRESULT(STDMETHODCALLTYPE *SetUnknown)
	(IMFAttributes *This, REFGUID guidKey, IUnknown *pUnknown);
	HRESULT(STDMETHODCALLTYPE *LockStore)(IMFAttributes *This);
	HRESULT(STDMETHODCALLTYPE *UnlockStore)(IMFAttributes *This);
	HRESULT(STDMETHODCALLTYPE *GetCount)
	(IMFAttributes *This, UINT32 *pcItems);
	HRESULT(STDMETHODCALLTYPE *GetItemByIndex)
	(IMFAttributes *This, UINT32 unIndex, GUID *pguidKey,
	 PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *CopyAllItems)
	(IMFAttributes *This, IMFAttributes *pDest);

	END_INTERFACE
} IMFAttributesVtbl;

interface IMFAttributes {
	CONST_VTBL IMFAttributesVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFAttributes_QueryInterface(This, riid, ppvObject)                    \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFAttributes_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFAttributes_Release(This) ((This)->lpVtbl->Release(This))
#define IMFAttributes_GetItem(This, guidKey, pValue)                           \
	((This)->lpVtbl->GetItem(This, guidKey, pValue))
#define IMFAttributes_GetItemType(This, guidKey, pType)                        \
	((This)->lpVtbl->GetItemType(This, guidKey, pType))
#define IMFAttributes_CompareItem(This, guidKey, Value, pbResult)              \
	((This)->lpVtbl->CompareItem(This, guidKey, Value, pbResult))
#define IMFAttributes_Compare(This, pTheirs, MatchType, pbResult)              \
	((This)->lpVtbl->Compare(This, pTheirs, MatchType, pbResult))
#define IMFAttributes_GetUINT32(This, guidKey, punValue)                       \
	((This)->lpVtbl->GetUINT32(This, guidKey, punValue))
#define IMFAttributes_GetUINT64(This, guidKey, punValue)                       \
	((This)->lpVtbl->GetUINT64(This, guidKey, punValue))
#define IMFAttributes_GetDouble(This, guidKey, pfValue)                        \
	((This)->lpVtbl->GetDouble(This, guidKey, pfValue))
#define IMFAttributes_GetGUID(This, guidKey, pguidValue)                       \
	((This)->lpVtbl->GetGUID(This, guidKey, pguidValue))
#define IMFAttributes_GetStringLength(This, guidKey, pcchLength)               \
	((This)->lpVtbl->GetStringLength(This, guidKey, pcchLength))
#define IMFAttributes_GetString(This, guidKey, pwszValue, cchBufSize,          \
				pcchLength)                                    \
	((This)->lpVtbl->GetString(This, guidKey, pwszValue, cchBufSize, pcchLength))
#define IMFAttributes_GetAllocatedString(This, guidKey, ppwszValue,            \
					 pcchLength)                           \
	((This)->lpVtbl->GetAllocatedString(This, guidKey, ppwszValue, pcchLength))
#define IMFAttributes_GetBlobSize(This, guidKey, pcbBlobSize)                  \
	((This)->lpVtbl->GetBlobSize(This, guidKey, pcbBlobSize))
#define IMFAttributes_GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize)     \
	((This)->lpVtbl->GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize))
#define IMFAttributes_GetAllocatedBlob(This, guidKey, ppBuf, pcbSize)          \
	((This)->lpVtbl->GetAllocatedBlob(This, guidKey, ppBuf, pcbSize))
#define IMFAttributes_GetUnknown(This, guidKey, riid, ppv)                     \
	((This)->lpVtbl->GetUnknown(This, guidKey, riid, ppv))
#define IMFAttributes_SetItem(This, guidKey, Value)                            \
	((This)->lpVtbl->SetItem(This, guidKey, Value))
#define IMFAttributes_DeleteItem(This, guidKey)                                \
	((This)->lpVtbl->DeleteItem(This, guidKey))
#define IMFAttributes_DeleteAllItems(This)                                     \
	((This)->lpVtbl->DeleteAllItems(This))
#define IMFAttributes_SetUINT32(This, guidKey, unValue)                        \
	((This)->lpVtbl->SetUINT32(This, guidKey, unValue))
#define IMFAttributes_SetUINT64(This, guidKey, unValue)                        \
	((This)->lpVtbl->SetUINT64(This, guidKey, unValue))
#define IMFAttributes_SetDouble(This, guidKey, fValue)                         \
	((This)->lpVtbl->SetDouble(This, guidKey, fValue))
#define IMFAttributes_SetGUID(This, guidKey, guidValue)                        \
	((This)->lpVtbl->SetGUID(This, guidKey, guidValue))
#define IMFAttributes_SetString(This, guidKey, wszValue)                       \
	((This)->lpVtbl->SetString(This, guidKey, wszValue))
#define IMFAttributes_SetBlob(This, guidKey, pBuf, cbBufSize)                  \
	((This)->lpVtbl->SetBlob(This, guidKey, pBuf, cbBufSize))
#define IMFAttributes_SetUnknown(This, guidKey, pUnknown)                      \
	((This)->lpVtbl->SetUnknown(This, guidKey, pUnknown))
#define IMFAttributes_LockStore(This) ((This)->lpVtbl->LockStore(This))
#define IMFAttributes_UnlockStore(This) ((This)->lpVtbl->UnlockStore(This))
#define IMFAttributes_GetCount(This, pcItems)                                  \
	((This)->lpVtbl->GetCount(This, pcItems))
#define IMFAttributes_GetItemByIndex(This, unIndex, pguidKey, pValue)          \
	((This)->lpVtbl->GetItemByIndex(This, unIndex, pguidKey, pValue))
#define IMFAttributes_CopyAllItems(This, pDest)                                \
	((This)->lpVtbl->CopyAllItems(This, pDest))
#endif
#endif

#endif /* __IMFAttributes_INTERFACE_DEFINED__ */

/* MFSerializeAttributesToStream() options (the stream functions are absent). */
typedef enum MF_ATTRIBUTE_SERIALIZE_OPTIONS {
	MF_ATTRIBUTE_SERIALIZE_UNKNOWN_BYREF = 0x1
} MF_ATTRIBUTE_SERIALIZE_OPTIONS;

/* ---- IMFMediaBuffer ---- */

/*
 * A block of memory (MFCreateMemoryBuffer, MFCreateAlignedMemoryBuffer):
 * its maximum length is fixed at creation, its current length (the valid
 * bytes) starts at 0.  Lock hands out the same memory each time; Unlock,
 * even one too many, is S_OK, as on Windows.  SetCurrentLength beyond the
 * maximum and a NULL out pointer are E_INVALIDARG.
 * Documentation/userspace-api/mf.rst, "Media data objects".
 */
#ifndef __IMFMediaBuffer_INTERFACE_DEFINED__
#define __IMFMediaBuffer_INTERFACE_DEFINED__

/* {045FA593-8799-42B8-BC8D-8968C6453507} */
DEFINE_GUID(IID_IMFMediaBuffer, 0x045fa593, 0x8799, 0x42b8, 0xbc, 0x8d, 0x89,
	    0x68, 0xc6, 0x45, 0x35, 0x07);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("045FA593-8799-42B8-BC8D-8968C6453507")
IMFMediaBuffer : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE Lock(BYTE **ppbBuffer,
					       DWORD *pcbMaxLength,
					       DWORD *pcbCurrentLength) = 0;
	virtual HRESULT STDMETHODCALLTYPE Unlock() = 0;
	virtual HRESULT STDMETHODCALLTYPE GetCurrentLength(
		DWORD *pcbCurrentLength) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetCurrentLength(
		DWORD cbCurrentLength) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetMaxLength(DWORD *pcbMaxLength) = 0;
};
__CRT_UUID_DECL(IMFMediaBuffer, 0x045fa593, 0x8799, 0x42b8, 0xbc, 0x8d, 0x89,
		0x68, 0xc6, 0x45, 0x35, 0x07)
#else
typedef struct IMFMediaBufferVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFMediaBuffer *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFMediaBuffer *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFMediaBuffer *This);

	/* IMFMediaBuffer */
	HRESULT(STDMETHODCALLTYPE *Lock)
	(IMFMediaBuffer *This, BYTE **ppbBuffer, DWORD *pcbMaxLength,
	 DWORD *pcbCurrentLength);
	HRESULT(STDMETHODCALLTYPE *Unlock)(IMFMediaBuffer *This);
	HRESULT(STDMETHODCALLTYPE *GetCurrentLength)
	(IMFMediaBuffer *This, DWORD *pcbCurrentLength);
	HRESULT(STDMETHODCALLTYPE *SetCurrentLength)
	(IMFMediaBuffer *This, DWORD cbCurrentLength);
	HRESULT(STDMETHODCALLTYPE *GetMaxLength)
	(IMFMediaBuffer *This, DWORD *pcbMaxLength);

	END_INTERFACE
} IMFMediaBufferVtbl;

interface IMFMediaBuffer {
	CONST_VTBL IMFMediaBufferVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFMediaBuffer_QueryInterface(This, riid, ppvObject)                   \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFMediaBuffer_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFMediaBuffer_Release(This) ((This)->lpVtbl->Release(This))
#define IMFMediaBuffer_Lock(This, ppbBuffer, pcbMaxLength, pcbCurrentLength)   \
	((This)->lpVtbl->Lock(This, ppbBuffer, pcbMaxLength, pcbCurrentLength))
#define IMFMediaBuffer_Unlock(This) ((This)->lpVtbl->Unlock(This))
#define IMFMediaBuffer_GetCurrentLength(This, pcbCurrentLength)                \
	((This)->lpVtbl->GetCurrentLength(This, pcbCurrentLength))
#define IMFMediaBuffer_SetCurrentLength(This, cbCurrentLength)                 \
	((This)->lpVtbl->SetCurrentLength(This, cbCurrentLength))
#define IMFMediaBuffer_GetMaxLength(This, pcbMaxLength)                        \
	((This)->lpVtbl->GetMaxLength(This, pcbMaxLength))
#endif
#endif

#endif /* __IMFMediaBuffer_INTERFACE_DEFINED__ */

/* ---- IMFSample ---- */

/*
 * A media sample (MFCreateSample): a time, a duration, flags, an ordered
 * list of buffers (the same one may be there twice) and an attribute store
 * (MFSampleExtension_*).  The time and the duration are
 * MF_E_NO_SAMPLE_TIMESTAMP and MF_E_NO_SAMPLE_DURATION until set; an index
 * beyond the buffers, a NULL buffer and GetBufferCount's NULL count are
 * E_INVALIDARG, other NULL out pointers E_POINTER.  CopyToBuffer into too
 * small a buffer is MF_E_BUFFERTOOSMALL and leaves it empty;
 * ConvertToContiguousBuffer without buffers is E_UNEXPECTED, with several
 * it joins them into one new buffer that replaces them.
 */
#ifndef __IMFSample_INTERFACE_DEFINED__
#define __IMFSample_INTERFACE_DEFINED__

/* {C40A00F2-B93A-4D80-AE8C-5A1C634F58E4} */
DEFINE_GUID(IID_IMFSample, 0xc40a00f2, 0xb93a, 0x4d80, 0xae, 0x8c, 0x5a, 0x1c,
	    0x63, 0x4f, 0x58, 0xe4);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("C40A00F2-B93A-4D80-AE8C-5A1C634F58E4")
IMFSample : public IMFAttributes
{
	virtual HRESULT STDMETHODCALLTYPE GetSampleFlags(
		DWORD *pdwSampleFlags) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetSampleFlags(
		DWORD dwSampleFlags) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetSampleTime(
		LONGLONG *phnsSampleTime) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetSampleTime(
		LONGLONG hnsSampleTime) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetSampleDuration(
		LONGLONG *phnsSampleDuration) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetSampleDuration(
		LONGLONG hnsSampleDuration) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetBufferCount(
		DWORD *pdwBufferCount) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetBufferByIndex(
		DWORD dwIndex, IMFMediaBuffer **ppBuffer) = 0;
	virtual HRESULT STDMETHODCALLTYPE ConvertToContiguousBuffer(
		IMFMediaBuffer **ppBuffer) = 0;
	virtual HRESULT STDMETHODCALLTYPE AddBuffer(
		IMFMediaBuffer *pBuffer) = 0;
	virtual HRESULT STDMETHODCALLTYPE RemoveBufferByIndex(
		DWORD dwIndex) = 0;
	virtual HRESULT STDMETHODCALLTYPE RemoveAllBuffers() = 0;
	virtual HRESULT STDMETHODCALLTYPE GetTotalLength(
		DWORD *pcbTotalLength) = 0;
	virtual HRESULT STDMETHODCALLTYPE CopyToBuffer(
		IMFMediaBuffer *pBuffer) = 0;
};
__CRT_UUID_DECL(IMFSample, 0xc40a00f2, 0xb93a, 0x4d80, 0xae, 0x8c, 0x5a, 0x1c,
		0x63, 0x4f, 0x58, 0xe4)
#else
typedef struct IMFSampleVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFSample *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFSample *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFSample *This);

	/* IMFAttributes */
	HRESULT(STDMETHODCALLTYPE *GetItem)
	(IMFSample *This, REFGUID guidKey, PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *GetItemType)
	(IMFSample *This, REFGUID guidKey, MF_ATTRIBUTE_TYPE *pType);
	HRESULT(STDMETHODCALLTYPE *CompareItem)
	(IMFSample *This, REFGUID guidKey, REFPROPVARIANT Value,
	 BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *Compare)
	(IMFSample *This, IMFAttributes *pTheirs,
	 MF_ATTRIBUTES_MATCH_TYPE MatchType, BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *GetUINT32)
	(IMFSample *This, REFGUID guidKey, UINT32 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetUINT64)
	(IMFSample *This, REFGUID guidKey, UINT64 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetDouble)
	(IMFSample *This, REFGUID guidKey, double *pfValue);
	HRESULT(STDMETHODCALLTYPE *GetGUID)
	(IMFSample *This, REFGUID guidKey, GUID *pguidValue);
	HRESULT(STDMETHODCALLTYPE *GetStringLength)
	(IMFSample *This, REFGUID guidKey, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetString)
	(IMFSample *This, REFGUID guidKey, LPWSTR pwszValue, UINT32 cchBufSize,
	 UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedString)
	(IMFSample *This, REFGUID guidKey, LPWSTR *ppwszValue,
	 UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetBlobSize)
	(IMFSample *This, REFGUID guidKey, UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetBlob)
	(IMFSample *This, REFGUID guidKey, UINT8 *pBuf, UINT32 cbBufSize,
	 UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedBlob)
	(IMFSample *This, REFGUID guidKey, UINT8 **ppBuf, UINT32 *pcbSize);
	HRESULT(STDMETHODCALLTYPE *GetUnknown)
	(IMFSample *This, REFGUID guidKey, REFIID riid, LPVOID *ppv);
	HRESULT(STDMETHODCALLTYPE *SetItem)
	(IMFSample *This, REFGUID guidKey, REFPROPVARIANT Value);
	HRESULT(STDMETHODCALLTYPE *DeleteItem)
	(IMFSample *This, REFGUID guidKey);
	HRESULT(STDMETHODCALLTYPE *DeleteAllItems)(IMFSample *This);
	HRESULT(STDMETHODCALLTYPE *SetUINT32)
	(IMFSample *This, REFGUID guidKey, UINT32 unValue);
	HRESULT(STDMETHODCALLTYPE *SetUINT64)
	(IMFSample *This, REFGUID guidKey, UINT64 unValue);
	HRESULT(STDMETHODCALLTYPE *SetDouble)
	(IMFSample *This, REFGUID guidKey, double fValue);
	HRESULT(STDMETHODCALLTYPE *SetGUID)
	(IMFSample *This, REFGUID guidKey, REFGUID guidValue);
	HRESULT(STDMETHODCALLTYPE *SetString)
	(IMFSample *This, REFGUID guidKey, LPCWSTR wszValue);
	HRESULT(STDMETHODCALLTYPE *SetBlob)
	(IMFSample *This, REFGUID guidKey, const UINT8 *pBuf, UINT32 cbBufSize);
	HRESULT(STDMETHODCALLTYPE *SetUnknown)
	(IMFSample *This, REFGUID guidKey, IUnknown *pUnknown);
	HRESULT(STDMETHODCALLTYPE *LockStore)(IMFSample *This);
	HRESULT(STDMETHODCALLTYPE *UnlockStore)(IMFSample *This);
	HRESULT(STDMETHODCALLTYPE *GetCount)(IMFSample *This, UINT32 *pcItems);
	HRESULT(STDMETHODCALLTYPE *GetItemByIndex)
	(IMFSample *This, UINT32 unIndex, GUID *pguidKey, PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *CopyAllItems)
	(IMFSample *This, IMFAttributes *pDest);

	/* IMFSample */
	HRESULT(STDMETHODCALLTYPE *GetSampleFlags)
	(IMFSample *This, DWORD *pdwSampleFlags);
	HRESULT(STDMETHODCALLTYPE *SetSampleFlags)
	(IMFSample *This, DWORD dwSampleFlags);
	HRESULT(STDMETHODCALLTYPE *GetSampleTime)
	(IMFSample *This, LONGLONG *phnsSampleTime);
	HRESULT(STDMETHODCALLTYPE *SetSampleTime)
	(IMFSample *This, LONGLONG hnsSampleTime);
	HRESULT(STDMETHODCALLTYPE *GetSampleDuration)
	(IMFSample *This, LONGLONG *phnsSampleDuration);
	HRESULT(STDMETHODCALLTYPE *SetSampleDuration)
	(IMFSample *This, LONGLONG hnsSampleDuration);
	HRESULT(STDMETHODCALLTYPE *GetBufferCount)
	(IMFSample *This, DWORD *pdwBufferCount);
	HRESULT(STDMETHODCALLTYPE *GetBufferByIndex)
	(IMFSample *This, DWORD dwIndex, IMFMediaBuffer **ppBuffer);
	HRESULT(STDMETHODCALLTYPE *ConvertToContiguousBuffer)
	(IMFSample *This, IMFMediaBuffer **ppBuffer);
	HRESULT(STDMETHODCALLTYPE *AddBuffer)
	(IMFSample *This, IMFMediaBuffer *pBuffer);
	HRESULT(STDMETHODCALLTYPE *RemoveBufferByIndex)
	(IMFSample *This, DWORD dwIndex);
	HRESULT(STDMETHODCALLTYPE *RemoveAllBuffers)(IMFSample *This);
	HRESULT(STDMETHODCALLTYPE *GetTotalLength)
	(IMFSample *This, DWORD *pcbTotalLength);
	HRESULT(STDMETHODCALLTYPE *CopyToBuffer)
	(IMFSample *This, IMFMediaBuffer *pBuffer);

	END_INTERFACE
} IMFSampleVtbl;

interface IMFSample {
	CONST_VTBL IMFSampleVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFSample_QueryInterface(This, riid, ppvObject)                        \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFSample_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFSample_Release(This) ((This)->lpVtbl->Release(This))
#define IMFSample_GetItem(This, guidKey, pValue)                               \
	((This)->lpVtbl->GetItem(This, guidKey, pValue))
#define IMFSample_GetItemType(This, guidKey, pType)                            \
	((This)->lpVtbl->GetItemType(This, guidKey, pType))
#define IMFSample_CompareItem(This, guidKey, Value, pbResult)                  \
	((This)->lpVtbl->CompareItem(This, guidKey, Value, pbResult))
#define IMFSample_Compare(This, pTheirs, MatchType, pbResult)                  \
	((This)->lpVtbl->Compare(This, pTheirs, MatchType, pbResult))
#define IMFSample_GetUINT32(This, guidKey, punValue)                           \
	((This)->lpVtbl->GetUINT32(This, guidKey, punValue))
#define IMFSample_GetUINT64(This, guidKey, punValue)                           \
	((This)->lpVtbl->GetUINT64(This, guidKey, punValue))
#define IMFSample_GetDouble(This, guidKey, pfValue)                            \
	((This)->lpVtbl->GetDouble(This, guidKey, pfValue))
#define IMFSample_GetGUID(This, guidKey, pguidValue)                           \
	((This)->lpVtbl->GetGUID(This, guidKey, pguidValue))
#define IMFSample_GetStringLength(This, guidKey, pcchLength)                   \
	((This)->lpVtbl->GetStringLength(This, guidKey, pcchLength))
#define IMFSample_GetString(This, guidKey, pwszValue, cchBufSize, pcchLength)  \
	((This)->lpVtbl->GetString(This, guidKey, pwszValue, cchBufSize, pcchLength))
#define IMFSample_GetAllocatedString(This, guidKey, ppwszValue, pcchLength)    \
	((This)->lpVtbl->GetAllocatedString(This, guidKey, ppwszValue, pcchLength))
#define IMFSample_GetBlobSize(This, guidKey, pcbBlobSize)                      \
	((This)->lpVtbl->GetBlobSize(This, guidKey, pcbBlobSize))
#define IMFSample_GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize)         \
	((This)->lpVtbl->GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize))
#define IMFSample_GetAllocatedBlob(This, guidKey, ppBuf, pcbSize)              \
	((This)->lpVtbl->GetAllocatedBlob(This, guidKey, ppBuf, pcbSize))
#define IMFSample_GetUnknown(This, guidKey, riid, ppv)                         \
	((This)->lpVtbl->GetUnknown(This, guidKey, riid, ppv))
#define IMFSample_SetItem(This, guidKey, Value)                                \
	((This)->lpVtbl->SetItem(This, guidKey, Value))
#define IMFSample_DeleteItem(This, guidKey)                                    \
	((This)->lpVtbl->DeleteItem(This, guidKey))
#define IMFSample_DeleteAllItems(This) ((This)->lpVtbl->DeleteAllItems(This))
#define IMFSample_SetUINT32(This, guidKey, unValue)                            \
	((This)->lpVtbl->SetUINT32(This, guidKey, unValue))
#define IMFSample_SetUINT64(This, guidKey, unValue)                            \
	((This)->lpVtbl->SetUINT64(This, guidKey, unValue))
#define IMFSample_SetDouble(This, guidKey, fValue)                             \
	((This)->lpVtbl->SetDouble(This, guidKey, fValue))
#define IMFSample_SetGUID(This, guidKey, guidValue)                            \
	((This)->lpVtbl->SetGUID(This, guidKey, guidValue))
#define IMFSample_SetString(This, guidKey, wszValue)                           \
	((This)->lpVtbl->SetString(This, guidKey, wszValue))
#define IMFSample_SetBlob(This, guidKey, pBuf, cbBufSize)                      \
	((This)->lpVtbl->SetBlob(This, guidKey, pBuf, cbBufSize))
#define IMFSample_SetUnknown(This, guidKey, pUnknown)                          \
	((This)->lpVtbl->SetUnknown(This, guidKey, pUnknown))
#define IMFSample_LockStore(This) ((This)->lpVtbl->LockStore(This))
#define IMFSample_UnlockStore(This) ((This)->lpVtbl->UnlockStore(This))
#define IMFSample_GetCount(This, pcItems)                                      \
	((This)->lpVtbl->GetCount(This, pcItems))
#define IMFSample_GetItemByIndex(This, unIndex, pguidKey, pValue)              \
	((This)->lpVtbl->GetItemByIndex(This, unIndex, pguidKey, pValue))
#define IMFSample_CopyAllItems(This, pDest)                                    \
	((This)->lpVtbl->CopyAllItems(This, pDest))
#define IMFSample_GetSampleFlags(This, pdwSampleFlags)                         \
	((This)->lpVtbl->GetSampleFlags(This, pdwSampleFlags))
#define IMFSample_SetSampleFlags(This, dwSampleFlags)                          \
	((This)->lpVtbl->SetSampleFlags(This, dwSampleFlags))
#define IMFSample_GetSampleTime(This, phnsSampleTime)                          \
	((This)->lpVtbl->GetSampleTime(This, phnsSampleTime))
#define IMFSample_SetSampleTime(This, hnsSampleTime)                           \
	((This)->lpVtbl->SetSampleTime(This, hnsSampleTime))
#define IMFSample_GetSampleDuration(This, phnsSampleDuration)                  \
	((This)->lpVtbl->GetSampleDuration(This, phnsSampleDuration))
#define IMFSample_SetSampleDuration(This, hnsSampleDuration)                   \
	((This)->lpVtbl->SetSampleDuration(This, hnsSampleDuration))
#define IMFSample_GetBufferCount(This, pdwBufferCount)                         \
	((This)->lpVtbl->GetBufferCount(This, pdwBufferCount))
#define IMFSample_GetBufferByIndex(This, dwIndex, ppBuffer)                    \
	((This)->lpVtbl->GetBufferByIndex(This, dwIndex, ppBuffer))
#define IMFSample_ConvertToContiguousBuffer(This, ppBuffer)                    \
	((This)->lpVtbl->ConvertToContiguousBuffer(This, ppBuffer))
#define IMFSample_AddBuffer(This, pBuffer)                                     \
	((This)->lpVtbl->AddBuffer(This, pBuffer))
#define IMFSample_RemoveBufferByIndex(This, dwIndex)                           \
	((This)->lpVtbl->RemoveBufferByIndex(This, dwIndex))
#define IMFSample_RemoveAllBuffers(This)                                       \
	((This)->lpVtbl->RemoveAllBuffers(This))
#define IMFSample_GetTotalLength(This, pcbTotalLength)                         \
	((This)->lpVtbl->GetTotalLength(This, pcbTotalLength))
#define IMFSample_CopyToBuffer(This, pBuffer)                                  \
	((This)->lpVtbl->CopyToBuffer(This, pBuffer))
#endif
#endif

#endif /* __IMFSample_INTERFACE_DEFINED__ */

/* ---- IMFMediaType ---- */

/*
 * A media type (MFCreateMediaType): an attribute store whose keys are the
 * MF_MT_* attributes of <mfapi.h>.  GetMajorType is MF_MT_MAJOR_TYPE;
 * IsCompressedFormat is the inverse of MF_MT_ALL_SAMPLES_INDEPENDENT;
 * IsEqual reports MF_MEDIATYPE_EQUAL_* flags, S_OK when all four are set,
 * else S_FALSE, and E_INVALIDARG when either type lacks a major type.
 * libpmp has no other representation (no DirectShow): GetRepresentation
 * and FreeRepresentation are MF_E_UNSUPPORTED_REPRESENTATION.
 */
#ifndef __IMFMediaType_INTERFACE_DEFINED__
#define __IMFMediaType_INTERFACE_DEFINED__

/* {44AE0FA8-EA31-4109-8D2E-4CAE4997C555} */
DEFINE_GUID(IID_IMFMediaType, 0x44ae0fa8, 0xea31, 0x4109, 0x8d, 0x2e, 0x4c,
	    0xae, 0x49, 0x97, 0xc5, 0x55);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("44AE0FA8-EA31-4109-8D2E-4CAE4997C555")
IMFMediaType : public IMFAttributes
{
	virtual HRESULT STDMETHODCALLTYPE GetMajorType(
		GUID *pguidMajorType) = 0;
	virtual HRESULT STDMETHODCALLTYPE IsCompressedFormat(
		BOOL *pfCompressed) = 0;
	virtual HRESULT STDMETHODCALLTYPE IsEqual(IMFMediaType *pIMediaType,
						  DWORD *pdwFlags) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetRepresentation(
		GUID guidRepresentation, LPVOID *ppvRepresentation) = 0;
	virtual HRESULT STDMETHODCALLTYPE FreeRepresentation(
		GUID guidRepresentation, LPVOID pvRepresentation) = 0;
};
__CRT_UUID_DECL(IMFMediaType, 0x44ae0fa8, 0xea31, 0x4109, 0x8d, 0x2e, 0x4c,
		0xae, 0x49, 0x97, 0xc5, 0x55)
#else
typedef struct IMFMediaTypeVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFMediaType *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFMediaType *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFMediaType *This);

	/* IMFAttributes */
	HRESULT(STDMETHODCALLTYPE *GetItem)
	(IMFMediaType *This, REFGUID guidKey, PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *GetItemType)
	(IMFMediaType *This, REFGUID guidKey, MF_ATTRIBUTE_TYPE *pType);
	HRESULT(STDMETHODCALLTYPE *CompareItem)
	(IMFMediaType *This, REFGUID guidKey, REFPROPVARIANT Value,
	 BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *Compare)
	(IMFMediaType *This, IMFAttributes *pTheirs,
	 MF_ATTRIBUTES_MATCH_TYPE MatchType, BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *GetUINT32)
	(IMFMediaType *This, REFGUID guidKey, UINT32 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetUINT64)
	(IMFMediaType *This, REFGUID guidKey, UINT64 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetDouble)
	(IMFMediaType *This, REFGUID guidKey, double *pfValue);
	HRESULT(STDMETHODCALLTYPE *GetGUID)
	(IMFMediaType *This, REFGUID guidKey, GUID *pguidValue);
	HRESULT(STDMETHODCALLTYPE *GetStringLength)
	(IMFMediaType *This, REFGUID guidKey, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetString)
	(IMFMediaType *This, REFGUID guidKey, LPWSTR pwszValue,
	 UINT32 cchBufSize, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedString)
	(IMFMediaType *This, REFGUID guidKey, LPWSTR *ppwszValue,
	 UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetBlobSize)
	(IMFMediaType *This, REFGUID guidKey, UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetBlob)
	(IMFMediaType *This, REFGUID guidKey, UINT8 *pBuf, UINT32 cbBufSize,
	 UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedBlob)
	(IMFMediaType *This, REFGUID guidKey, UINT8 **ppBuf, UINT32 *pcbSize);
	HRESULT(STDMETHODCALLTYPE *GetUnknown)
	(IMFMediaType *This, REFGUID guidKey, REFIID riid, LPVOID *ppv);
	HRESULT(STDMETHODCALLTYPE *SetItem)
	(IMFMediaType *This, REFGUID guidKey, REFPROPVARIANT Value);
	HRESULT(STDMETHODCALLTYPE *DeleteItem)
	(IMFMediaType *This, REFGUID guidKey);
	HRESULT(STDMETHODCALLTYPE *DeleteAllItems)(IMFMediaType *This);
	HRESULT(STDMETHODCALLTYPE *SetUINT32)
	(IMFMediaType *This, REFGUID guidKey, UINT32 unValue);
	HRESULT(STDMETHODCALLTYPE *SetUINT64)
	(IMFMediaType *This, REFGUID guidKey, UINT64 unValue);
	HRESULT(STDMETHODCALLTYPE *SetDouble)
	(IMFMediaType *This, REFGUID guidKey, double fValue);
	HRESULT(STDMETHODCALLTYPE *SetGUID)
	(IMFMediaType *This, REFGUID guidKey, REFGUID guidValue);
	HRESULT(STDMETHODCALLTYPE *SetString)
	(IMFMediaType *This, REFGUID guidKey, LPCWSTR wszValue);
	HRESULT(STDMETHODCALLTYPE *SetBlob)
	(IMFMediaType *This, REFGUID guidKey, const UINT8 *pBuf,
	 UINT32 cbBufSize);
	HRESULT(STDMETHODCALLTYPE *SetUnknown)
	(IMFMediaType *This, REFGUID guidKey, IUnknown *pUnknown);
	HRESULT(STDMETHODCALLTYPE *LockStore)(IMFMediaType *This);
	HRESULT(STDMETHODCALLTYPE *UnlockStore)(IMFMediaType *This);
	HRESULT(STDMETHODCALLTYPE *GetCount)
	(IMFMediaType *This, UINT32 *pcItems);
	HRESULT(STDMETHODCALLTYPE *GetItemByIndex)
	(IMFMediaType *This, UINT32 unIndex, GUID *pguidKey,
	 PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *CopyAllItems)
	(IMFMediaType *This, IMFAttributes *pDest);

	/* IMFMediaType */
	HRESULT(STDMETHODCALLTYPE *GetMajorType)
	(IMFMediaType *This, GUID *pguidMajorType);
	HRESULT(STDMETHODCALLTYPE *IsCompressedFormat)
	(IMFMediaType *This, BOOL *pfCompressed);
	HRESULT(STDMETHODCALLTYPE *IsEqual)
	(IMFMediaType *This, IMFMediaType *pIMediaType, DWORD *pdwFlags);
	HRESULT(STDMETHODCALLTYPE *GetRepresentation)
	(IMFMediaType *This, GUID guidRepresentation,
	 LPVOID *ppvRepresentation);
	HRESULT(STDMETHODCALLTYPE *FreeRepresentation)
	(IMFMediaType *This, GUID guidRepresentation, LPVOID pvRepresentation);

	END_INTERFACE
} IMFMediaTypeVtbl;

interface IMFMediaType {
	CONST_VTBL IMFMediaTypeVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFMediaType_QueryInterface(This, riid, ppvObject)                     \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFMediaType_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFMediaType_Release(This) ((This)->lpVtbl->Release(This))
#define IMFMediaType_GetItem(This, guidKey, pValue)                            \
	((This)->lpVtbl->GetItem(This, guidKey, pValue))
#define IMFMediaType_GetItemType(This, guidKey, pType)                         \
	((This)->lpVtbl->GetItemType(This, guidKey, pType))
#define IMFMediaType_CompareItem(This, guidKey, Value, pbResult)               \
	((This)->lpVtbl->CompareItem(This, guidKey, Value, pbResult))
#define IMFMediaType_Compare(This, pTheirs, MatchType, pbResult)               \
	((This)->lpVtbl->Compare(This, pTheirs, MatchType, pbResult))
#define IMFMediaType_GetUINT32(This, guidKey, punValue)                        \
	((This)->lpVtbl->GetUINT32(This, guidKey, punValue))
#define IMFMediaType_GetUINT64(This, guidKey, punValue)                        \
	((This)->lpVtbl->GetUINT64(This, guidKey, punValue))
#define IMFMediaType_GetDouble(This, guidKey, pfValue)                         \
	((This)->lpVtbl->GetDouble(This, guidKey, pfValue))
#define IMFMediaType_GetGUID(This, guidKey, pguidValue)                        \
	((This)->lpVtbl->GetGUID(This, guidKey, pguidValue))
#define IMFMediaType_GetStringLength(This, guidKey, pcchLength)                \
	((This)->lpVtbl->GetStringLength(This, guidKey, pcchLength))
#define IMFMediaType_GetString(This, guidKey, pwszValue, cchBufSize,           \
			       pcchLength)                                     \
	((This)->lpVtbl->GetString(This, guidKey, pwszValue, cchBufSize, pcchLength))
#define IMFMediaType_GetAllocatedString(This, guidKey, ppwszValue, pcchLength) \
	((This)->lpVtbl->GetAllocatedString(This, guidKey, ppwszValue, pcchLength))
#define IMFMediaType_GetBlobSize(This, guidKey, pcbBlobSize)                   \
	((This)->lpVtbl->GetBlobSize(This, guidKey, pcbBlobSize))
#define IMFMediaType_GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize)      \
	((This)->lpVtbl->GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize))
#define IMFMediaType_GetAllocatedBlob(This, guidKey, ppBuf, pcbSize)           \
	((This)->lpVtbl->GetAllocatedBlob(This, guidKey, ppBuf, pcbSize))
#define IMFMediaType_GetUnknown(This, guidKey, riid, ppv)                      \
	((This)->lpVtbl->GetUnknown(This, guidKey, riid, ppv))
#define IMFMediaType_SetItem(This, guidKey, Value)                             \
	((This)->lpVtbl->SetItem(This, guidKey, Value))
#define IMFMediaType_DeleteItem(This, guidKey)                                 \
	((This)->lpVtbl->DeleteItem(This, guidKey))
#define IMFMediaType_DeleteAllItems(This) ((This)->lpVtbl->DeleteAllItems(This))
#define IMFMediaType_SetUINT32(This, guidKey, unValue)                         \
	((This)->lpVtbl->SetUINT32(This, guidKey, unValue))
#define IMFMediaType_SetUINT64(This, guidKey, unValue)                         \
	((This)->lpVtbl->SetUINT64(This, guidKey, unValue))
#define IMFMediaType_SetDouble(This, guidKey, fValue)                          \
	((This)->lpVtbl->SetDouble(This, guidKey, fValue))
#define IMFMediaType_SetGUID(This, guidKey, guidValue)                         \
	((This)->lpVtbl->SetGUID(This, guidKey, guidValue))
#define IMFMediaType_SetString(This, guidKey, wszValue)                        \
	((This)->lpVtbl->SetString(This, guidKey, wszValue))
#define IMFMediaType_SetBlob(This, guidKey, pBuf, cbBufSize)                   \
	((This)->lpVtbl->SetBlob(This, guidKey, pBuf, cbBufSize))
#define IMFMediaType_SetUnknown(This, guidKey, pUnknown)                       \
	((This)->lpVtbl->SetUnknown(This, guidKey, pUnknown))
#define IMFMediaType_LockStore(This) ((This)->lpVtbl->LockStore(This))
#define IMFMediaType_UnlockStore(This) ((This)->lpVtbl->UnlockStore(This))
#define IMFMediaType_GetCount(This, pcItems)                                   \
	((This)->lpVtbl->GetCount(This, pcItems))
#define IMFMediaType_GetItemByIndex(This, unIndex, pguidKey, pValue)           \
	((This)->lpVtbl->GetItemByIndex(This, unIndex, pguidKey, pValue))
#define IMFMediaType_CopyAllItems(This, pDest)                                 \
	((This)->lpVtbl->CopyAllItems(This, pDest))
#define IMFMediaType_GetMajorType(This, pguidMajorType)                        \
	((This)->lpVtbl->GetMajorType(This, pguidMajorType))
#define IMFMediaType_IsCompressedFormat(This, pfCompressed)                    \
	((This)->lpVtbl->IsCompressedFormat(This, pfCompressed))
#define IMFMediaType_IsEqual(This, pIMediaType, pdwFlags)                      \
	((This)->lpVtbl->IsEqual(This, pIMediaType, pdwFlags))
#define IMFMediaType_GetRepresentation(This, guidRepresentation,               \
				       ppvRepresentation)                      \
	((This)->lpVtbl->GetRepresentation(This, guidRepresentation, ppvRepresentation))
#define IMFMediaType_FreeRepresentation(This, guidRepresentation,              \
					pvRepresentation)                      \
	((This)->lpVtbl->FreeRepresentation(This, guidRepresentation, pvRepresentation))
#endif
#endif

#endif /* __IMFMediaType_INTERFACE_DEFINED__ */

#define MF_MEDIATYPE_EQUAL_MAJOR_TYPES 0x00000001
#define MF_MEDIATYPE_EQUAL_FORMAT_TYPES 0x00000002
#define MF_MEDIATYPE_EQUAL_FORMAT_DATA 0x00000004
#define MF_MEDIATYPE_EQUAL_FORMAT_USER_DATA 0x00000008

/* MF_MT_INTERLACE_MODE values (Microsoft's). */
typedef enum _MFVideoInterlaceMode {
	MFVideoInterlace_Unknown = 0,
	MFVideoInterlace_Progressive = 2,
	MFVideoInterlace_FieldInterleavedUpperFirst = 3,
	MFVideoInterlace_FieldInterleavedLowerFirst = 4,
	MFVideoInterlace_FieldSingleUpper = 5,
	MFVideoInterlace_FieldSingleLower = 6,
	MFVideoInterlace_MixedInterlaceOrProgressive = 7,
	MFVideoInterlace_Last = 8,
	MFVideoInterlace_ForceDWORD = 0x7fffffff
} MFVideoInterlaceMode;

/* ---- IMFCollection ---- */

/*
 * A thread-safe array of IUnknown pointers (MFCreateCollection), holding
 * a reference to each non-NULL element.  An index beyond the elements is
 * E_INVALIDARG, except that InsertElementAt at the end appends; a NULL
 * out pointer is E_POINTER.
 */
#ifndef __IMFCollection_INTERFACE_DEFINED__
#define __IMFCollection_INTERFACE_DEFINED__

/* {5BC8A76B-869A-46A3-9B03-FA218A66AEBE} */
DEFINE_GUID(IID_IMFCollection, 0x5bc8a76b, 0x869a, 0x46a3, 0x9b, 0x03, 0xfa,
	    0x21, 0x8a, 0x66, 0xae, 0xbe);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("5BC8A76B-869A-46A3-9B03-FA218A66AEBE")
IMFCollection : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE GetElementCount(
		DWORD *pcElements) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetElement(
		DWORD dwElementIndex, IUnknown **ppUnkElement) = 0;
	virtual HRESULT STDMETHODCALLTYPE AddElement(IUnknown *pUnkElement) = 0;
	virtual HRESULT STDMETHODCALLTYPE RemoveElement(
		DWORD dwElementIndex, IUnknown **ppUnkElement) = 0;
	virtual HRESULT STDMETHODCALLTYPE InsertElementAt(
		DWORD dwIndex, IUnknown *pUnknown) = 0;
	virtual HRESULT STDMETHODCALLTYPE RemoveAllElements() = 0;
};
__CRT_UUID_DECL(IMFCollection, 0x5bc8a76b, 0x869a, 0x46a3, 0x9b, 0x03, 0xfa,
		0x21, 0x8a, 0x66, 0xae, 0xbe)
#else
typedef struct IMFCollectionVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFCollection *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFCollection *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFCollection *This);

	/* IMFCollection */
	HRESULT(STDMETHODCALLTYPE *GetElementCount)
	(IMFCollection *This, DWORD *pcElements);
	HRESULT(STDMETHODCALLTYPE *GetElement)
	(IMFCollection *This, DWORD dwElementIndex, IUnknown **ppUnkElement);
	HRESULT(STDMETHODCALLTYPE *AddElement)
	(IMFCollection *This, IUnknown *pUnkElement);
	HRESULT(STDMETHODCALLTYPE *RemoveElement)
	(IMFCollection *This, DWORD dwElementIndex, IUnknown **ppUnkElement);
	HRESULT(STDMETHODCALLTYPE *InsertElementAt)
	(IMFCollection *This, DWORD dwIndex, IUnknown *pUnknown);
	HRESULT(STDMETHODCALLTYPE *RemoveAllElements)(IMFCollection *This);

	END_INTERFACE
} IMFCollectionVtbl;

interface IMFCollection {
	CONST_VTBL IMFCollectionVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFCollection_QueryInterface(This, riid, ppvObject)                    \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFCollection_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFCollection_Release(This) ((This)->lpVtbl->Release(This))
#define IMFCollection_GetElementCount(This, pcElements)                        \
	((This)->lpVtbl->GetElementCount(This, pcElements))
#define IMFCollection_GetElement(This, dwElementIndex, ppUnkElement)           \
	((This)->lpVtbl->GetElement(This, dwElementIndex, ppUnkElement))
#define IMFCollection_AddElement(This, pUnkElement)                            \
	((This)->lpVtbl->AddElement(This, pUnkElement))
#define IMFCollection_RemoveElement(This, dwElementIndex, ppUnkElement)        \
	((This)->lpVtbl->RemoveElement(This, dwElementIndex, ppUnkElement))
#define IMFCollection_InsertElementAt(This, dwIndex, pUnknown)                 \
	((This)->lpVtbl->InsertElementAt(This, dwIndex, pUnknown))
#define IMFCollection_RemoveAllElements(This)                                  \
	((This)->lpVtbl->RemoveAllElements(This))
#endif
#endif

#endif /* __IMFCollection_INTERFACE_DEFINED__ */

/* ---- IMFAsyncResult ---- */

/*
 * The outcome of an asynchronous operation, handed to its callback.
 * GetState and GetObject fail with E_POINTER when there is none.
 */
#ifndef __IMFAsyncResult_INTERFACE_DEFINED__
#define __IMFAsyncResult_INTERFACE_DEFINED__

/* {AC6B7889-0740-4D51-8619-905994A55CC6} */
DEFINE_GUID(IID_IMFAsyncResult, 0xac6b7889, 0x0740, 0x4d51, 0x86, 0x19, 0x90,
	    0x59, 0x94, 0xa5, 0x5c, 0xc6);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("AC6B7889-0740-4D51-8619-905994A55CC6")
IMFAsyncResult : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE GetState(IUnknown **ppunkState) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetStatus() = 0;
	virtual HRESULT STDMETHODCALLTYPE SetStatus(HRESULT hrStatus) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetObject(IUnknown **ppObject) = 0;
	virtual IUnknown * STDMETHODCALLTYPE GetStateNoAddRef() = 0;
};
__CRT_UUID_DECL(IMFAsyncResult, 0xac6b7889, 0x0740, 0x4d51, 0x86, 0x19, 0x90,
		0x59, 0x94, 0xa5, 0x5c, 0xc6)
#else
typedef struct IMFAsyncResultVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFAsyncResult *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFAsyncResult *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFAsyncResult *This);

	/* IMFAsyncResult */
	HRESULT(STDMETHODCALLTYPE *GetState)
	(IMFAsyncResult *This, IUnknown **ppunkState);
	HRESULT(STDMETHODCALLTYPE *GetStatus)(IMFAsyncResult *This);
	HRESULT(STDMETHODCALLTYPE *SetStatus)
	(IMFAsyncResult *This, HRESULT hrStatus);
	HRESULT(STDMETHODCALLTYPE *GetObject)
	(IMFAsyncResult *This, IUnknown **ppObject);
	IUnknown *(STDMETHODCALLTYPE *GetStateNoAddRef)(IMFAsyncResult *This);

	END_INTERFACE
} IMFAsyncResultVtbl;

interface IMFAsyncResult {
	CONST_VTBL IMFAsyncResultVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFAsyncResult_QueryInterface(This, riid, ppvObject)                   \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFAsyncResult_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFAsyncResult_Release(This) ((This)->lpVtbl->Release(This))
#define IMFAsyncResult_GetState(This, ppunkState)                              \
	((This)->lpVtbl->GetState(This, ppunkState))
#define IMFAsyncResult_GetStatus(This) ((This)->lpVtbl->GetStatus(This))
#define IMFAsyncResult_SetStatus(This, hrStatus)                               \
	((This)->lpVtbl->SetStatus(This, hrStatus))
#define IMFAsyncResult_GetObject(This, ppObject)                               \
	((This)->lpVtbl->GetObject(This, ppObject))
#define IMFAsyncResult_GetStateNoAddRef(This)                                  \
	((This)->lpVtbl->GetStateNoAddRef(This))
#endif
#endif

#endif /* __IMFAsyncResult_INTERFACE_DEFINED__ */

/* ---- IMFAsyncCallback ---- */

/*
 * Implemented by the application.  libpmp calls Invoke on a thread of its
 * own (one per process, in order), never inside the call that started the
 * operation.
 */
#ifndef __IMFAsyncCallback_INTERFACE_DEFINED__
#define __IMFAsyncCallback_INTERFACE_DEFINED__

/* {A27003CF-2354-4F2A-8D6A-AB7CFF15437E} */
DEFINE_GUID(IID_IMFAsyncCallback, 0xa27003cf, 0x2354, 0x4f2a, 0x8d, 0x6a, 0xab,
	    0x7c, 0xff, 0x15, 0x43, 0x7e);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("A27003CF-2354-4F2A-8D6A-AB7CFF15437E")
IMFAsyncCallback : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE GetParameters(DWORD *pdwFlags,
							DWORD *pdwQueue) = 0;
	virtual HRESULT STDMETHODCALLTYPE Invoke(
		IMFAsyncResult *pAsyncResult) = 0;
};
__CRT_UUID_DECL(IMFAsyncCallback, 0xa27003cf, 0x2354, 0x4f2a, 0x8d, 0x6a, 0xab,
		0x7c, 0xff, 0x15, 0x43, 0x7e)
#else
typedef struct IMFAsyncCallbackVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFAsyncCallback *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFAsyncCallback *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFAsyncCallback *This);

	/* IMFAsyncCallback */
	HRESULT(STDMETHODCALLTYPE *GetParameters)
	(IMFAsyncCallback *This, DWORD *pdwFlags, DWORD *pdwQueue);
	HRESULT(STDMETHODCALLTYPE *Invoke)
	(IMFAsyncCallback *This, IMFAsyncResult *pAsyncResult);

	END_INTERFACE
} IMFAsyncCallbackVtbl;

interface IMFAsyncCallback {
	CONST_VTBL IMFAsyncCallbackVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFAsyncCallback_QueryInterface(This, riid, ppvObject)                 \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFAsyncCallback_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFAsyncCallback_Release(This) ((This)->lpVtbl->Release(This))
#define IMFAsyncCallback_GetParameters(This, pdwFlags, pdwQueue)               \
	((This)->lpVtbl->GetParameters(This, pdwFlags, pdwQueue))
#define IMFAsyncCallback_Invoke(This, pAsyncResult)                            \
	((This)->lpVtbl->Invoke(This, pAsyncResult))
#endif
#endif

#endif /* __IMFAsyncCallback_INTERFACE_DEFINED__ */

#define MFASYNC_CALLBACK_QUEUE_UNDEFINED 0x00000000
#define MFASYNC_CALLBACK_QUEUE_STANDARD 0x00000001
#define MFASYNC_CALLBACK_QUEUE_MULTITHREADED 0x00000005

/* The media event types of pmp's sessions and sources (Microsoft's values). */
typedef enum _MediaEventTypeValues {
	MEUnknown = 0,
	MEError = 1,
	MEExtendedType = 2,
	MENonFatalError = 3,
	MESessionUnknown = 100,
	MESessionTopologySet = 101,
	MESessionTopologiesCleared = 102,
	MESessionStarted = 103,
	MESessionPaused = 104,
	MESessionStopped = 105,
	MESessionClosed = 106,
	MESessionEnded = 107,
	MESessionRateChanged = 108,
	MESessionScrubSampleComplete = 109,
	MESessionCapabilitiesChanged = 110,
	MESessionTopologyStatus = 111,
	MESessionNotifyPresentationTime = 112,
	MENewPresentation = 113,
	MEPolicyError = 120,
	MESourceUnknown = 200,
	MESourceStarted = 201,
	MEStreamStarted = 202,
	MESourceSeeked = 203,
	MEStreamSeeked = 204,
	MENewStream = 205,
	MEUpdatedStream = 206,
	MESourceStopped = 207,
	MEStreamStopped = 208,
	MESourcePaused = 209,
	MEStreamPaused = 210,
	MEEndOfPresentation = 211,
	MEEndOfStream = 212,
	MEMediaSample = 213,
	MEStreamTick = 214
} MediaEventTypeValues;

typedef DWORD MediaEventType;

/* ---- IMFMediaEvent ---- */

/*
 * An event: a type, an extended type, a status and a value, and an
 * attribute store (IMFAttributes) for more.
 */
#ifndef __IMFMediaEvent_INTERFACE_DEFINED__
#define __IMFMediaEvent_INTERFACE_DEFINED__

/* {DF598932-F10C-4E39-BBA2-C308F101DAA3} */
DEFINE_GUID(IID_IMFMediaEvent, 0xdf598932, 0xf10c, 0x4e39, 0xbb, 0xa2, 0xc3,
	    0x08, 0xf1, 0x01, 0xda, 0xa3);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("DF598932-F10C-4E39-BBA2-C308F101DAA3")
IMFMediaEvent : public IMFAttributes
{
	virtual HRESULT STDMETHODCALLTYPE GetType(MediaEventType *pmet) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetExtendedType(
		GUID *pguidExtendedType) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetStatus(HRESULT *phrStatus) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetValue(PROPVARIANT *pvValue) = 0;
};
__CRT_UUID_DECL(IMFMediaEvent, 0xdf598932, 0xf10c, 0x4e39, 0xbb, 0xa2, 0xc3,
		0x08, 0xf1, 0x01, 0xda, 0xa3)
#else
typedef struct IMFMediaEventVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFMediaEvent *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFMediaEvent *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFMediaEvent *This);

	/* IMFAttributes */
	HRESULT(STDMETHODCALLTYPE *GetItem)
	(IMFMediaEvent *This, REFGUID guidKey, PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *GetItemType)
	(IMFMediaEvent *This, REFGUID guidKey, MF_ATTRIBUTE_TYPE *pType);
	HRESULT(STDMETHODCALLTYPE *CompareItem)
	(IMFMediaEvent *This, REFGUID guidKey, REFPROPVARIANT Value,
	 BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *Compare)
	(IMFMediaEvent *This, IMFAttributes *pTheirs,
	 MF_ATTRIBUTES_MATCH_TYPE MatchType, BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *GetUINT32)
	(IMFMediaEvent *This, REFGUID guidKey, UINT32 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetUINT64)
	(IMFMediaEvent *This, REFGUID guidKey, UINT64 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetDouble)
	(IMFMediaEvent *This, REFGUID guidKey, double *pfValue);
	HRESULT(STDMETHODCALLTYPE *GetGUID)
	(IMFMediaEvent *This, REFGUID guidKey, GUID *pguidValue);
	HRESULT(STDMETHODCALLTYPE *GetStringLength)
	(IMFMediaEvent *This, REFGUID guidKey, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetString)
	(IMFMediaEvent *This, REFGUID guidKey, LPWSTR pwszValue,
	 UINT32 cchBufSize, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedString)
	(IMFMediaEvent *This, REFGUID guidKey, LPWSTR *ppwszValue,
	 UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetBlobSize)
	(IMFMediaEvent *This, REFGUID guidKey, UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetBlob)
	(IMFMediaEvent *This, REFGUID guidKey, UINT8 *pBuf, UINT32 cbBufSize,
	 UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedBlob)
	(IMFMediaEvent *This, REFGUID guidKey, UINT8 **ppBuf, UINT32 *pcbSize);
	HRESULT(STDMETHODCALLTYPE *GetUnknown)
	(IMFMediaEvent *This, REFGUID guidKey, REFIID riid, LPVOID *ppv);
	HRESULT(STDMETHODCALLTYPE *SetItem)
	(IMFMediaEvent *This, REFGUID guidKey, REFPROPVARIANT Value);
	HRESULT(STDMETHODCALLTYPE *DeleteItem)
	(IMFMediaEvent *This, REFGUID guidKey);
	HRESULT(STDMETHODCALLTYPE *DeleteAllItems)(IMFMediaEvent *This);
	HRESULT(STDMETHODCALLTYPE *SetUINT32)
	(IMFMediaEvent *This, REFGUID guidKey, UINT32 unValue);
	HRESULT(STDMETHODCALLTYPE *SetUINT64)
	(IMFMediaEvent *This, REFGUID guidKey, UINT64 unValue);
	HRESULT(STDMETHODCALLTYPE *SetDouble)
	(IMFMediaEvent *This, REFGUID guidKey, double fValue);
	HRESULT(STDMETHODCALLTYPE *SetGUID)
	(IMFMediaEvent *This, REFGUID guidKey, REFGUID guidValue);
	HRESULT(STDMETHODCALLTYPE *SetString)
	(IMFMediaEvent *This, REFGUID guidKey, LPCWSTR wszValue);
	HRESULT(STDMETHODCALLTYPE *SetBlob)
	(IMFMediaEvent *This, REFGUID guidKey, const UINT8 *pBuf,
	 UINT32 cbBufSize);
	HRESULT(STDMETHODCALLTYPE *SetUnknown)
	(IMFMediaEvent *This, REFGUID guidKey, IUnknown *pUnknown);
	HRESULT(STDMETHODCALLTYPE *LockStore)(IMFMediaEvent *This);
	HRESULT(STDMETHODCALLTYPE *UnlockStore)(IMFMediaEvent *This);
	HRESULT(STDMETHODCALLTYPE *GetCount)
	(IMFMediaEvent *This, UINT32 *pcItems);
	HRESULT(STDMETHODCALLTYPE *GetItemByIndex)
	(IMFMediaEvent *This, UINT32 unIndex, GUID *pguidKey,
	 PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *CopyAllItems)
	(IMFMediaEvent *This, IMFAttributes *pDest);

	/* IMFMediaEvent */
	HRESULT(STDMETHODCALLTYPE *GetType)
	(IMFMediaEvent *This, MediaEventType *pmet);
	HRESULT(STDMETHODCALLTYPE *GetExtendedType)
	(IMFMediaEvent *This, GUID *pguidExtendedType);
	HRESULT(STDMETHODCALLTYPE *GetStatus)
	(IMFMediaEvent *This, HRESULT *phrStatus);
	HRESULT(STDMETHODCALLTYPE *GetValue)
	(IMFMediaEvent *This, PROPVARIANT *pvValue);

	END_INTERFACE
} IMFMediaEventVtbl;

interface IMFMediaEvent {
	CONST_VTBL IMFMediaEventVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFMediaEvent_QueryInterface(This, riid, ppvObject)                    \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFMediaEvent_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFMediaEvent_Release(This) ((This)->lpVtbl->Release(This))
#define IMFMediaEvent_GetItem(This, guidKey, pValue)                           \
	((This)->lpVtbl->GetItem(This, guidKey, pValue))
#define IMFMediaEvent_GetItemType(This, guidKey, pType)                        \
	((This)->lpVtbl->GetItemType(This, guidKey, pType))
#define IMFMediaEvent_CompareItem(This, guidKey, Value, pbResult)              \
	((This)->lpVtbl->CompareItem(This, guidKey, Value, pbResult))
#define IMFMediaEvent_Compare(This, pTheirs, MatchType, pbResult)              \
	((This)->lpVtbl->Compare(This, pTheirs, MatchType, pbResult))
#define IMFMediaEvent_GetUINT32(This, guidKey, punValue)                       \
	((This)->lpVtbl->GetUINT32(This, guidKey, punValue))
#define IMFMediaEvent_GetUINT64(This, guidKey, punValue)                       \
	((This)->lpVtbl->GetUINT64(This, guidKey, punValue))
#define IMFMediaEvent_GetDouble(This, guidKey, pfValue)                        \
	((This)->lpVtbl->GetDouble(This, guidKey, pfValue))
#define IMFMediaEvent_GetGUID(This, guidKey, pguidValue)                       \
	((This)->lpVtbl->GetGUID(This, guidKey, pguidValue))
#define IMFMediaEvent_GetStringLength(This, guidKey, pcchLength)               \
	((This)->lpVtbl->GetStringLength(This, guidKey, pcchLength))
#define IMFMediaEvent_GetString(This, guidKey, pwszValue, cchBufSize,          \
				pcchLength)                                    \
	((This)->lpVtbl->GetString(This, guidKey, pwszValue, cchBufSize, pcchLength))
#define IMFMediaEvent_GetAllocatedString(This, guidKey, ppwszValue,            \
					 pcchLength)                           \
	((This)->lpVtbl->GetAllocatedString(This, guidKey, ppwszValue, pcchLength))
#define IMFMediaEvent_GetBlobSize(This, guidKey, pcbBlobSize)                  \
	((This)->lpVtbl->GetBlobSize(This, guidKey, pcbBlobSize))
#define IMFMediaEvent_GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize)     \
	((This)->lpVtbl->GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize))
#define IMFMediaEvent_GetAllocatedBlob(This, guidKey, ppBuf, pcbSize)          \
	((This)->lpVtbl->GetAllocatedBlob(This, guidKey, ppBuf, pcbSize))
#define IMFMediaEvent_GetUnknown(This, guidKey, riid, ppv)                     \
	((This)->lpVtbl->GetUnknown(This, guidKey, riid, ppv))
#define IMFMediaEvent_SetItem(This, guidKey, Value)                            \
	((This)->lpVtbl->SetItem(This, guidKey, Value))
#define IMFMediaEvent_DeleteItem(This, guidKey)                                \
	((This)->lpVtbl->DeleteItem(This, guidKey))
#define IMFMediaEvent_DeleteAllItems(This)                                     \
	((This)->lpVtbl->DeleteAllItems(This))
#define IMFMediaEvent_SetUINT32(This, guidKey, unValue)                        \
	((This)->lpVtbl->SetUINT32(This, guidKey, unValue))
#define IMFMediaEvent_SetUINT64(This, guidKey, unValue)                        \
	((This)->lpVtbl->SetUINT64(This, guidKey, unValue))
#define IMFMediaEvent_SetDouble(This, guidKey, fValue)                         \
	((This)->lpVtbl->SetDouble(This, guidKey, fValue))
#define IMFMediaEvent_SetGUID(This, guidKey, guidValue)                        \
	((This)->lpVtbl->SetGUID(This, guidKey, guidValue))
#define IMFMediaEvent_SetString(This, guidKey, wszValue)                       \
	((This)->lpVtbl->SetString(This, guidKey, wszValue))
#define IMFMediaEvent_SetBlob(This, guidKey, pBuf, cbBufSize)                  \
	((This)->lpVtbl->SetBlob(This, guidKey, pBuf, cbBufSize))
#define IMFMediaEvent_SetUnknown(This, guidKey, pUnknown)                      \
	((This)->lpVtbl->SetUnknown(This, guidKey, pUnknown))
#define IMFMediaEvent_LockStore(This) ((This)->lpVtbl->LockStore(This))
#define IMFMediaEvent_UnlockStore(This) ((This)->lpVtbl->UnlockStore(This))
#define IMFMediaEvent_GetCount(This, pcItems)                                  \
	((This)->lpVtbl->GetCount(This, pcItems))
#define IMFMediaEvent_GetItemByIndex(This, unIndex, pguidKey, pValue)          \
	((This)->lpVtbl->GetItemByIndex(This, unIndex, pguidKey, pValue))
#define IMFMediaEvent_CopyAllItems(This, pDest)                                \
	((This)->lpVtbl->CopyAllItems(This, pDest))
#define IMFMediaEvent_GetType(This, pmet) ((This)->lpVtbl->GetType(This, pmet))
#define IMFMediaEvent_GetExtendedType(This, pguidExtendedType)                 \
	((This)->lpVtbl->GetExtendedType(This, pguidExtendedType))
#define IMFMediaEvent_GetStatus(This, phrStatus)                               \
	((This)->lpVtbl->GetStatus(This, phrStatus))
#define IMFMediaEvent_GetValue(This, pvValue)                                  \
	((This)->lpVtbl->GetValue(This, pvValue))
#endif
#endif

#endif /* __IMFMediaEvent_INTERFACE_DEFINED__ */

#define MF_EVENT_FLAG_NO_WAIT 0x00000001

/* ---- IMFMediaEventGenerator ---- */

/*
 * An object that sends events.  GetEvent blocks unless
 * MF_EVENT_FLAG_NO_WAIT (then MF_E_NO_EVENTS_AVAILABLE); it and a second
 * BeginGetEvent fail while one BeginGetEvent is pending
 * (MF_E_MULTIPLE_SUBSCRIBERS; with the same callback MF_E_MULTIPLE_BEGIN,
 * or MF_S_MULTIPLE_BEGIN with the same state too).  NULL arguments are
 * E_INVALIDARG, as Microsoft documents.
 */
#ifndef __IMFMediaEventGenerator_INTERFACE_DEFINED__
#define __IMFMediaEventGenerator_INTERFACE_DEFINED__

/* {2CD0BD52-BCD5-4B89-B62C-EADC0C031E7D} */
DEFINE_GUID(IID_IMFMediaEventGenerator, 0x2cd0bd52, 0xbcd5, 0x4b89, 0xb6, 0x2c,
	    0xea, 0xdc, 0x0c, 0x03, 0x1e, 0x7d);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("2CD0BD52-BCD5-4B89-B62C-EADC0C031E7D")
IMFMediaEventGenerator : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE GetEvent(DWORD dwFlags,
						   IMFMediaEvent **ppEvent) = 0;
	virtual HRESULT STDMETHODCALLTYPE BeginGetEvent(
		IMFAsyncCallback *pCallback, IUnknown *punkState) = 0;
	virtual HRESULT STDMETHODCALLTYPE EndGetEvent(
		IMFAsyncResult *pResult, IMFMediaEvent **ppEvent) = 0;
	virtual HRESULT STDMETHODCALLTYPE QueueEvent(
		MediaEventType met, REFGUID guidExtendedType, HRESULT hrStatus,
		const PROPVARIANT *pvValue) = 0;
};
__CRT_UUID_DECL(IMFMediaEventGenerator, 0x2cd0bd52, 0xbcd5, 0x4b89, 0xb6, 0x2c,
		0xea, 0xdc, 0x0c, 0x03, 0x1e, 0x7d)
#else
typedef struct IMFMediaEventGeneratorVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFMediaEventGenerator *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFMediaEventGenerator *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFMediaEventGenerator *This);

	/* IMFMediaEventGenerator */
	HRESULT(STDMETHODCALLTYPE *GetEvent)
	(IMFMediaEventGenerator *This, DWORD dwFlags, IMFMediaEvent **ppEvent);
	HRESULT(STDMETHODCALLTYPE *BeginGetEvent)
	(IMFMediaEventGenerator *This, IMFAsyncCallback *pCallback,
	 IUnknown *punkState);
	HRESULT(STDMETHODCALLTYPE *EndGetEvent)
	(IMFMediaEventGenerator *This, IMFAsyncResult *pResult,
	 IMFMediaEvent **ppEvent);
	HRESULT(STDMETHODCALLTYPE *QueueEvent)
	(IMFMediaEventGenerator *This, MediaEventType met,
	 REFGUID guidExtendedType, HRESULT hrStatus,
	 const PROPVARIANT *pvValue);

	END_INTERFACE
} IMFMediaEventGeneratorVtbl;

interface IMFMediaEventGenerator {
	CONST_VTBL IMFMediaEventGeneratorVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFMediaEventGenerator_QueryInterface(This, riid, ppvObject)           \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFMediaEventGenerator_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFMediaEventGenerator_Release(This) ((This)->lpVtbl->Release(This))
#define IMFMediaEventGenerator_GetEvent(This, dwFlags, ppEvent)                \
	((This)->lpVtbl->GetEvent(This, dwFlags, ppEvent))
#define IMFMediaEventGenerator_BeginGetEvent(This, pCallback, punkState)       \
	((This)->lpVtbl->BeginGetEvent(This, pCallback, punkState))
#define IMFMediaEventGenerator_EndGetEvent(This, pResult, ppEvent)             \
	((This)->lpVtbl->EndGetEvent(This, pResult, ppEvent))
#define IMFMediaEventGenerator_QueueEvent(This, met, guidExtendedType,         \
					  hrStatus, pvValue)                   \
	((This)->lpVtbl->QueueEvent(This, met, guidExtendedType, hrStatus, pvValue))
#endif
#endif

#endif /* __IMFMediaEventGenerator_INTERFACE_DEFINED__ */

/* ---- IMFMediaEventQueue ---- */

/*
 * The queue behind an event generator (MFCreateEventQueue).  After
 * Shutdown every method fails with MF_E_SHUTDOWN, and a pending
 * BeginGetEvent's callback is invoked so that its EndGetEvent says so.
 */
#ifndef __IMFMediaEventQueue_INTERFACE_DEFINED__
#define __IMFMediaEventQueue_INTERFACE_DEFINED__

/* {36F846FC-2256-48B6-B58E-E2B638316581} */
DEFINE_GUID(IID_IMFMediaEventQueue, 0x36f846fc, 0x2256, 0x48b6, 0xb5, 0x8e,
	    0xe2, 0xb6, 0x38, 0x31, 0x65, 0x81);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("36F846FC-2256-48B6-B58E-E2B638316581")
IMFMediaEventQueue : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE GetEvent(DWORD dwFlags,
						   IMFMediaEvent **ppEvent) = 0;
	virtual HRESULT STDMETHODCALLTYPE BeginGetEvent(
		IMFAsyncCallback *pCallback, IUnknown *punkState) = 0;
	virtual HRESULT STDMETHODCALLTYPE EndGetEvent(
		IMFAsyncResult *pResult, IMFMediaEvent **ppEvent) = 0;
	virtual HRESULT STDMETHODCALLTYPE QueueEvent(IMFMediaEvent *pEvent) = 0;
	virtual HRESULT STDMETHODCALLTYPE QueueEventParamVar(
		MediaEventType met, REFGUID guidExtendedType, HRESULT hrStatus,
		const PROPVARIANT *pvValue) = 0;
	virtual HRESULT STDMETHODCALLTYPE QueueEventParamUnk(
		MediaEventType met, REFGUID guidExtendedType, HRESULT hrStatus,
		IUnknown *pUnk) = 0;
	virtual HRESULT STDMETHODCALLTYPE Shutdown() = 0;
};
__CRT_UUID_DECL(IMFMediaEventQueue, 0x36f846fc, 0x2256, 0x48b6, 0xb5, 0x8e,
		0xe2, 0xb6, 0x38, 0x31, 0x65, 0x81)
#else
typedef struct IMFMediaEventQueueVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFMediaEventQueue *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFMediaEventQueue *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFMediaEventQueue *This);

	/* IMFMediaEventQueue */
	HRESULT(STDMETHODCALLTYPE *GetEvent)
	(IMFMediaEventQueue *This, DWORD dwFlags, IMFMediaEvent **ppEvent);
	HRESULT(STDMETHODCALLTYPE *BeginGetEvent)
	(IMFMediaEventQueue *This, IMFAsyncCallback *pCallback,
	 IUnknown *punkState);
	HRESULT(STDMETHODCALLTYPE *EndGetEvent)
	(IMFMediaEventQueue *This, IMFAsyncResult *pResult,
	 IMFMediaEvent **ppEvent);
	HRESULT(STDMETHODCALLTYPE *QueueEvent)
	(IMFMediaEventQueue *This, IMFMediaEvent *pEvent);
	HRESULT(STDMETHODCALLTYPE *QueueEventParamVar)
	(IMFMediaEventQueue *This, MediaEventType met,
	 REFGUID guidExtendedType, HRESULT hrStatus,
	 const PROPVARIANT *pvValue);
	HRESULT(STDMETHODCALLTYPE *QueueEventParamUnk)
	(IMFMediaEventQueue *This, MediaEventType met,
	 REFGUID guidExtendedType, HRESULT hrStatus, IUnknown *pUnk);
	HRESULT(STDMETHODCALLTYPE *Shutdown)(IMFMediaEventQueue *This);

	END_INTERFACE
} IMFMediaEventQueueVtbl;

interface IMFMediaEventQueue {
	CONST_VTBL IMFMediaEventQueueVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFMediaEventQueue_QueryInterface(This, riid, ppvObject)               \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFMediaEventQueue_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFMediaEventQueue_Release(This) ((This)->lpVtbl->Release(This))
#define IMFMediaEventQueue_GetEvent(This, dwFlags, ppEvent)                    \
	((This)->lpVtbl->GetEvent(This, dwFlags, ppEvent))
#define IMFMediaEventQueue_BeginGetEvent(This, pCallback, punkState)           \
	((This)->lpVtbl->BeginGetEvent(This, pCallback, punkState))
#define IMFMediaEventQueue_EndGetEvent(This, pResult, ppEvent)                 \
	((This)->lpVtbl->EndGetEvent(This, pResult, ppEvent))
#define IMFMediaEventQueue_QueueEvent(This, pEvent)                            \
	((This)->lpVtbl->QueueEvent(This, pEvent))
#define IMFMediaEventQueue_QueueEventParamVar(This, met, guidExtendedType,     \
					      hrStatus, pvValue)               \
	((This)->lpVtbl->QueueEventParamVar(This, met, guidExtendedType, hrStatus, pvValue))
#define IMFMediaEventQueue_QueueEventParamUnk(This, met, guidExtendedType,     \
					      hrStatus, pUnk)                  \
	((This)->lpVtbl->QueueEventParamUnk(This, met, guidExtendedType, hrStatus, pUnk))
#define IMFMediaEventQueue_Shutdown(This) ((This)->lpVtbl->Shutdown(This))
#endif
#endif

#endif /* __IMFMediaEventQueue_INTERFACE_DEFINED__ */

/* ---- IMFActivate ---- */

/* An object that creates another on demand (the enabler of a session). */
#ifndef __IMFActivate_INTERFACE_DEFINED__
#define __IMFActivate_INTERFACE_DEFINED__

/* {7FEE9E9A-4A89-47A6-899C-B6A53A70FB67} */
DEFINE_GUID(IID_IMFActivate, 0x7fee9e9a, 0x4a89, 0x47a6, 0x89, 0x9c, 0xb6,
	    0xa5, 0x3a, 0x70, 0xfb, 0x67);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("7FEE9E9A-4A89-47A6-899C-B6A53A70FB67")
IMFActivate : public IMFAttributes
{
	virtual HRESULT STDMETHODCALLTYPE ActivateObject(REFIID riid,
							 void **ppv) = 0;
	virtual HRESULT STDMETHODCALLTYPE ShutdownObject() = 0;
	virtual HRESULT STDMETHODCALLTYPE DetachObject() = 0;
};
__CRT_UUID_DECL(IMFActivate, 0x7fee9e9a, 0x4a89, 0x47a6, 0x89, 0x9c, 0xb6,
		0xa5, 0x3a, 0x70, 0xfb, 0x67)
#else
typedef struct IMFActivateVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IMFActivate *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IMFActivate *This);
	ULONG(STDMETHODCALLTYPE *Release)(IMFActivate *This);

	/* IMFAttributes */
	HRESULT(STDMETHODCALLTYPE *GetItem)
	(IMFActivate *This, REFGUID guidKey, PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *GetItemType)
	(IMFActivate *This, REFGUID guidKey, MF_ATTRIBUTE_TYPE *pType);
	HRESULT(STDMETHODCALLTYPE *CompareItem)
	(IMFActivate *This, REFGUID guidKey, REFPROPVARIANT Value,
	 BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *Compare)
	(IMFActivate *This, IMFAttributes *pTheirs,
	 MF_ATTRIBUTES_MATCH_TYPE MatchType, BOOL *pbResult);
	HRESULT(STDMETHODCALLTYPE *GetUINT32)
	(IMFActivate *This, REFGUID guidKey, UINT32 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetUINT64)
	(IMFActivate *This, REFGUID guidKey, UINT64 *punValue);
	HRESULT(STDMETHODCALLTYPE *GetDouble)
	(IMFActivate *This, REFGUID guidKey, double *pfValue);
	HRESULT(STDMETHODCALLTYPE *GetGUID)
	(IMFActivate *This, REFGUID guidKey, GUID *pguidValue);
	HRESULT(STDMETHODCALLTYPE *GetStringLength)
	(IMFActivate *This, REFGUID guidKey, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetString)
	(IMFActivate *This, REFGUID guidKey, LPWSTR pwszValue,
	 UINT32 cchBufSize, UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedString)
	(IMFActivate *This, REFGUID guidKey, LPWSTR *ppwszValue,
	 UINT32 *pcchLength);
	HRESULT(STDMETHODCALLTYPE *GetBlobSize)
	(IMFActivate *This, REFGUID guidKey, UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetBlob)
	(IMFActivate *This, REFGUID guidKey, UINT8 *pBuf, UINT32 cbBufSize,
	 UINT32 *pcbBlobSize);
	HRESULT(STDMETHODCALLTYPE *GetAllocatedBlob)
	(IMFActivate *This, REFGUID guidKey, UINT8 **ppBuf, UINT32 *pcbSize);
	HRESULT(STDMETHODCALLTYPE *GetUnknown)
	(IMFActivate *This, REFGUID guidKey, REFIID riid, LPVOID *ppv);
	HRESULT(STDMETHODCALLTYPE *SetItem)
	(IMFActivate *This, REFGUID guidKey, REFPROPVARIANT Value);
	HRESULT(STDMETHODCALLTYPE *DeleteItem)
	(IMFActivate *This, REFGUID guidKey);
	HRESULT(STDMETHODCALLTYPE *DeleteAllItems)(IMFActivate *This);
	HRESULT(STDMETHODCALLTYPE *SetUINT32)
	(IMFActivate *This, REFGUID guidKey, UINT32 unValue);
	HRESULT(STDMETHODCALLTYPE *SetUINT64)
	(IMFActivate *This, REFGUID guidKey, UINT64 unValue);
	HRESULT(STDMETHODCALLTYPE *SetDouble)
	(IMFActivate *This, REFGUID guidKey, double fValue);
	HRESULT(STDMETHODCALLTYPE *SetGUID)
	(IMFActivate *This, REFGUID guidKey, REFGUID guidValue);
	HRESULT(STDMETHODCALLTYPE *SetString)
	(IMFActivate *This, REFGUID guidKey, LPCWSTR wszValue);
	HRESULT(STDMETHODCALLTYPE *SetBlob)
	(IMFActivate *This, REFGUID guidKey, const UINT8 *pBuf,
	 UINT32 cbBufSize);
	HRESULT(STDMETHODCALLTYPE *SetUnknown)
	(IMFActivate *This, REFGUID guidKey, IUnknown *pUnknown);
	HRESULT(STDMETHODCALLTYPE *LockStore)(IMFActivate *This);
	HRESULT(STDMETHODCALLTYPE *UnlockStore)(IMFActivate *This);
	HRESULT(STDMETHODCALLTYPE *GetCount)
	(IMFActivate *This, UINT32 *pcItems);
	HRESULT(STDMETHODCALLTYPE *GetItemByIndex)
	(IMFActivate *This, UINT32 unIndex, GUID *pguidKey,
	 PROPVARIANT *pValue);
	HRESULT(STDMETHODCALLTYPE *CopyAllItems)
	(IMFActivate *This, IMFAttributes *pDest);

	/* IMFActivate */
	HRESULT(STDMETHODCALLTYPE *ActivateObject)
	(IMFActivate *This, REFIID riid, void **ppv);
	HRESULT(STDMETHODCALLTYPE *ShutdownObject)(IMFActivate *This);
	HRESULT(STDMETHODCALLTYPE *DetachObject)(IMFActivate *This);

	END_INTERFACE
} IMFActivateVtbl;

interface IMFActivate {
	CONST_VTBL IMFActivateVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMFActivate_QueryInterface(This, riid, ppvObject)                      \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMFActivate_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMFActivate_Release(This) ((This)->lpVtbl->Release(This))
#define IMFActivate_GetItem(This, guidKey, pValue)                             \
	((This)->lpVtbl->GetItem(This, guidKey, pValue))
#define IMFActivate_GetItemType(This, guidKey, pType)                          \
	((This)->lpVtbl->GetItemType(This, guidKey, pType))
#define IMFActivate_CompareItem(This, guidKey, Value, pbResult)                \
	((This)->lpVtbl->CompareItem(This, guidKey, Value, pbResult))
#define IMFActivate_Compare(This, pTheirs, MatchType, pbResult)                \
	((This)->lpVtbl->Compare(This, pTheirs, MatchType, pbResult))
#define IMFActivate_GetUINT32(This, guidKey, punValue)                         \
	((This)->lpVtbl->GetUINT32(This, guidKey, punValue))
#define IMFActivate_GetUINT64(This, guidKey, punValue)                         \
	((This)->lpVtbl->GetUINT64(This, guidKey, punValue))
#define IMFActivate_GetDouble(This, guidKey, pfValue)                          \
	((This)->lpVtbl->GetDouble(This, guidKey, pfValue))
#define IMFActivate_GetGUID(This, guidKey, pguidValue)                         \
	((This)->lpVtbl->GetGUID(This, guidKey, pguidValue))
#define IMFActivate_GetStringLength(This, guidKey, pcchLength)                 \
	((This)->lpVtbl->GetStringLength(This, guidKey, pcchLength))
#define IMFActivate_GetString(This, guidKey, pwszValue, cchBufSize,            \
			      pcchLength)                                      \
	((This)->lpVtbl->GetString(This, guidKey, pwszValue, cchBufSize, pcchLength))
#define IMFActivate_GetAllocatedString(This, guidKey, ppwszValue, pcchLength)  \
	((This)->lpVtbl->GetAllocatedString(This, guidKey, ppwszValue, pcchLength))
#define IMFActivate_GetBlobSize(This, guidKey, pcbBlobSize)                    \
	((This)->lpVtbl->GetBlobSize(This, guidKey, pcbBlobSize))
#define IMFActivate_GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize)       \
	((This)->lpVtbl->GetBlob(This, guidKey, pBuf, cbBufSize, pcbBlobSize))
#define IMFActivate_GetAllocatedBlob(This, guidKey, ppBuf, pcbSize)            \
	((This)->lpVtbl->GetAllocatedBlob(This, guidKey, ppBuf, pcbSize))
#define IMFActivate_GetUnknown(This, guidKey, riid, ppv)                       \
	((This)->lpVtbl->GetUnknown(This, guidKey, riid, ppv))
#define IMFActivate_SetItem(This, guidKey, Value)                              \
	((This)->lpVtbl->SetItem(This, guidKey, Value))
#define IMFActivate_DeleteItem(This, guidKey)                                  \
	((This)->lpVtbl->DeleteItem(This, guidKey))
#define IMFActivate_DeleteAllItems(This) ((This)->lpVtbl->DeleteAllItems(This))
#define IMFActivate_SetUINT32(This, guidKey, unValue)                          \
	((This)->lpVtbl->SetUINT32(This, guidKey, unValue))
#define IMFActivate_SetUINT64(This, guidKey, unValue)                          \
	((This)->lpVtbl->SetUINT64(This, guidKey, unValue))
#define IMFActivate_SetDouble(This, guidKey, fValue)                           \
	((This)->lpVtbl->SetDouble(This, guidKey, fValue))
#define IMFActivate_SetGUID(This, guidKey, guidValue)                          \
	((This)->lpVtbl->SetGUID(This, guidKey, guidValue))
#define IMFActivate_SetString(This, guidKey, wszValue)                         \
	((This)->lpVtbl->SetString(This, guidKey, wszValue))
#define IMFActivate_SetBlob(This, guidKey, pBuf, cbBufSize)                    \
	((This)->lpVtbl->SetBlob(This, guidKey, pBuf, cbBufSize))
#define IMFActivate_SetUnknown(This, guidKey, pUnknown)                        \
	((This)->lpVtbl->SetUnknown(This, guidKey, pUnknown))
#define IMFActivate_LockStore(This) ((This)->lpVtbl->LockStore(This))
#define IMFActivate_UnlockStore(This) ((This)->lpVtbl->UnlockStore(This))
#define IMFActivate_GetCount(This, pcItems)                                    \
	((This)->lpVtbl->GetCount(This, pcItems))
#define IMFActivate_GetItemByIndex(This, unIndex, pguidKey, pValue)            \
	((This)->lpVtbl->GetItemByIndex(This, unIndex, pguidKey, pValue))
#define IMFActivate_CopyAllItems(This, pDest)                                  \
	((This)->lpVtbl->CopyAllItems(This, pDest))
#define IMFActivate_ActivateObject(This, riid, ppv)                            \
	((This)->lpVtbl->ActivateObject(This, riid, ppv))
#define IMFActivate_ShutdownObject(This) ((This)->lpVtbl->ShutdownObject(This))
#define IMFActivate_DetachObject(This) ((This)->lpVtbl->DetachObject(This))
#endif
#endif

#endif /* __IMFActivate_INTERFACE_DEFINED__ */

#endif /* PMP_MFOBJECTS_H */
