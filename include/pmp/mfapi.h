/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mfapi.h - Media Foundation's platform functions: start-up, attributes
 * (and their blobs), media events and their queues, asynchronous results,
 * collections
 *
 * Source compatible with Microsoft's <mfapi.h> for the declarations it
 * has.  Link with libpmp (pkg-config pmp).  Documentation/userspace-api/
 * com.rst describes the behaviour and every HRESULT.
 */

#ifndef PMP_MFAPI_H
#define PMP_MFAPI_H

#include "objbase.h"
#include "mfobjects.h"

#define MF_SDK_VERSION 0x0002
#define MF_API_VERSION 0x0070
#define MF_VERSION ((MF_SDK_VERSION << 16) | MF_API_VERSION)

#define MFSTARTUP_NOSOCKET 0x1
#define MFSTARTUP_LITE MFSTARTUP_NOSOCKET
#define MFSTARTUP_FULL 0

#ifdef __cplusplus
extern "C" {
#endif

/**
 * MFStartup - start the Media Foundation platform
 * @Version: MF_VERSION
 * @dwFlags: MFSTARTUP_FULL or MFSTARTUP_LITE (the same to pmp)
 *
 * Calls nest: each MFStartup needs one MFShutdown.  The calls that need the
 * platform fail with MF_E_PLATFORM_NOT_INITIALIZED without it;
 * MFCreatePMPServer and MFCreateAttributes do not need it.
 *
 * Return: S_OK; MF_E_BAD_STARTUP_VERSION (another @Version); E_INVALIDARG
 * (unknown flags).
 */
HRESULT STDAPICALLTYPE MFStartup(ULONG Version, DWORD dwFlags);

/**
 * MFShutdown - undo one MFStartup
 *
 * Return: S_OK; MF_E_PLATFORM_NOT_INITIALIZED when there was none.
 */
HRESULT STDAPICALLTYPE MFShutdown(void);

/**
 * MFCreateAttributes - an empty IMFAttributes store
 * @ppMFAttributes: the store; NULL on failure
 * @cInitialSize: how many items to make room for (a hint)
 *
 * Return: S_OK; E_POINTER; E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE MFCreateAttributes(IMFAttributes **ppMFAttributes,
					  UINT32 cInitialSize);

/**
 * MFCreateMediaEvent - a media event
 * @met: its type (MediaEventType)
 * @guidExtendedType: its extended type, or NULL for GUID_NULL
 * @hrStatus: its status
 * @pvValue: its value (copied), or NULL for VT_EMPTY
 * @ppEvent: the event; NULL on failure
 *
 * Return: S_OK; E_POINTER; E_OUTOFMEMORY; DISP_E_BADVARTYPE (a value
 * PropVariantCopy refuses).
 */
HRESULT STDAPICALLTYPE MFCreateMediaEvent(MediaEventType met,
					  REFGUID guidExtendedType,
					  HRESULT hrStatus,
					  const PROPVARIANT *pvValue,
					  IMFMediaEvent **ppEvent);

/**
 * MFCreateEventQueue - an empty media event queue
 * @ppMediaEventQueue: the queue; NULL on failure
 *
 * Return: S_OK; E_POINTER; E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE
MFCreateEventQueue(IMFMediaEventQueue **ppMediaEventQueue);

/**
 * MFCreateAsyncResult - an asynchronous result
 * @punkObject: what the operation produced, or NULL
 * @pCallback: the callback to invoke, or NULL
 * @punkState: the caller's state, or NULL
 * @ppAsyncResult: the result, status S_OK; NULL on failure
 *
 * Return: S_OK; E_POINTER; E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE MFCreateAsyncResult(IUnknown *punkObject,
					   IMFAsyncCallback *pCallback,
					   IUnknown *punkState,
					   IMFAsyncResult **ppAsyncResult);

/**
 * MFInvokeCallback - call a result's callback on libpmp's callback thread
 * @pAsyncResult: a result made with a callback
 *
 * The callbacks of one process run one after the other, in the order
 * they were invoked, on one thread libpmp starts when first needed.
 *
 * Return: S_OK; E_POINTER; E_INVALIDARG (the result has no callback);
 * E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE MFInvokeCallback(IMFAsyncResult *pAsyncResult);

/**
 * MFCreateCollection - an empty IMFCollection
 * @ppIMFCollection: the collection; NULL on failure
 *
 * Return: S_OK; E_POINTER; E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE MFCreateCollection(IMFCollection **ppIMFCollection);

/**
 * MFGetAttributesAsBlobSize - the size MFGetAttributesAsBlob needs
 * @pAttributes: the store (any IMFAttributes implementation)
 * @pcbBufSize: receives the size in bytes
 *
 * Return: S_OK; E_POINTER; E_OUTOFMEMORY; E_INVALIDARG (the store holds
 * more than a blob's 4 GiB).
 */
HRESULT STDAPICALLTYPE MFGetAttributesAsBlobSize(IMFAttributes *pAttributes,
						 UINT32 *pcbBufSize);

/**
 * MFGetAttributesAsBlob - write a store's items to a byte array
 * @pAttributes: the store
 * @pBuf: the array
 * @cbBufSize: its size in bytes
 *
 * Items whose value is an IUnknown are skipped, as on Windows.  The format
 * is pmp's own (Documentation/userspace-api/mf.rst, "Attributes by
 * value"), versioned and read back by MFInitAttributesFromBlob.
 *
 * Return: S_OK; E_POINTER; MF_E_BUFFERTOOSMALL (@cbBufSize is less than
 * MFGetAttributesAsBlobSize says); E_OUTOFMEMORY; E_INVALIDARG.
 */
HRESULT STDAPICALLTYPE MFGetAttributesAsBlob(IMFAttributes *pAttributes,
					     UINT8 *pBuf, UINT cbBufSize);

/**
 * MFInitAttributesFromBlob - replace a store's items by a blob's
 * @pAttributes: the store; its previous items are deleted
 * @pBuf: a blob MFGetAttributesAsBlob wrote
 * @cbBufSize: its size in bytes
 *
 * The whole blob is checked before the store is touched: on failure the
 * store keeps its items.
 *
 * Return: S_OK; E_POINTER; E_INVALIDARG (not a valid blob: wrong magic or
 * version, truncated, lengths or counts that do not fit, trailing bytes,
 * an unknown type, a key twice); E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE MFInitAttributesFromBlob(IMFAttributes *pAttributes,
						const UINT8 *pBuf,
						UINT cbBufSize);

#ifdef __cplusplus
}
#endif

#endif /* PMP_MFAPI_H */
