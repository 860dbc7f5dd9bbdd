/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mfapi.h - Media Foundation's platform functions: start-up, attributes
 * (and their blobs), media events and their queues, asynchronous results,
 * collections; media buffers, samples and types, and their attributes
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
 * In C++, as in Microsoft's header, @dwFlags may be left out: MFSTARTUP_FULL.
 *
 * Return: S_OK; MF_E_BAD_STARTUP_VERSION (another @Version); E_INVALIDARG
 * (unknown flags).
 */
#ifdef __cplusplus
HRESULT STDAPICALLTYPE MFStartup(ULONG Version, DWORD dwFlags = MFSTARTUP_FULL);
#else
HRESULT STDAPICALLTYPE MFStartup(ULONG Version, DWORD dwFlags);
#endif

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

/*
 * Media data objects (Documentation/userspace-api/mf.rst, "Media data
 * objects").
 */

#define MF_1_BYTE_ALIGNMENT 0x00000000
#define MF_2_BYTE_ALIGNMENT 0x00000001
#define MF_4_BYTE_ALIGNMENT 0x00000003
#define MF_8_BYTE_ALIGNMENT 0x00000007
#define MF_16_BYTE_ALIGNMENT 0x0000000f
#define MF_32_BYTE_ALIGNMENT 0x0000001f
#define MF_64_BYTE_ALIGNMENT 0x0000003f
#define MF_128_BYTE_ALIGNMENT 0x0000007f
#define MF_256_BYTE_ALIGNMENT 0x000000ff
#define MF_512_BYTE_ALIGNMENT 0x000001ff
#define MF_1024_BYTE_ALIGNMENT 0x000003ff
#define MF_2048_BYTE_ALIGNMENT 0x000007ff
#define MF_4096_BYTE_ALIGNMENT 0x00000fff
#define MF_8192_BYTE_ALIGNMENT 0x00001fff

/**
 * MFCreateMemoryBuffer - a media buffer in ordinary memory
 * @cbMaxLength: its maximum length in bytes (0 is allowed)
 * @ppBuffer: the buffer, current length 0; NULL on failure
 *
 * The memory is zeroed and 16-byte aligned.
 *
 * Return: S_OK; E_INVALIDARG (@ppBuffer NULL); E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE MFCreateMemoryBuffer(DWORD cbMaxLength,
					    IMFMediaBuffer **ppBuffer);

/**
 * MFCreateAlignedMemoryBuffer - a media buffer aligned as asked
 * @cbMaxLength: its maximum length in bytes
 * @cbAligment: one less than the alignment, a power of two up to 8192
 *	(MF_1_BYTE_ALIGNMENT to MF_8192_BYTE_ALIGNMENT); libpmp aligns to
 *	16 bytes at least (the name is Microsoft's, misspelling included)
 * @ppBuffer: the buffer, zeroed, current length 0; NULL on failure
 *
 * Return: S_OK; E_INVALIDARG (@ppBuffer NULL, or @cbAligment + 1 not a
 * power of two up to 8192); E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE MFCreateAlignedMemoryBuffer(DWORD cbMaxLength,
						   DWORD cbAligment,
						   IMFMediaBuffer **ppBuffer);

/**
 * MFCreateSample - an empty media sample
 * @ppIMFSample: the sample: no buffers, no time, no duration, flags 0
 *
 * Return: S_OK; E_INVALIDARG (@ppIMFSample NULL); E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE MFCreateSample(IMFSample **ppIMFSample);

/**
 * MFCreateMediaType - an empty media type
 * @ppMFType: the type; NULL on failure
 *
 * Return: S_OK; E_INVALIDARG (@ppMFType NULL); E_OUTOFMEMORY.
 */
HRESULT STDAPICALLTYPE MFCreateMediaType(IMFMediaType **ppMFType);

#ifdef __cplusplus
}
#endif

/*
 * A media subtype named by a FourCC or a WAVE_FORMAT tag: FOURCC-0000-
 * 0010-8000-00AA00389B71.
 */
#ifndef DEFINE_MEDIATYPE_GUID
#define DEFINE_MEDIATYPE_GUID(name, format)                                    \
	DEFINE_GUID(name, format, 0x0000, 0x0010, 0x80, 0x00, 0x00, 0xaa,      \
		    0x00, 0x38, 0x9b, 0x71)
#endif

/* Major types (MF_MT_MAJOR_TYPE). */
DEFINE_GUID(MFMediaType_Audio, 0x73647561, 0x0000, 0x0010, 0x80, 0x00, 0x00,
	    0xaa, 0x00, 0x38, 0x9b, 0x71);
DEFINE_GUID(MFMediaType_Video, 0x73646976, 0x0000, 0x0010, 0x80, 0x00, 0x00,
	    0xaa, 0x00, 0x38, 0x9b, 0x71);

/* Video subtypes (MF_MT_SUBTYPE): their FourCC. */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_H264, 0x34363248);
DEFINE_MEDIATYPE_GUID(MFVideoFormat_I420, 0x30323449);
DEFINE_MEDIATYPE_GUID(MFVideoFormat_IYUV, 0x56555949);
DEFINE_MEDIATYPE_GUID(MFVideoFormat_NV12, 0x3231564e);

/* Media type attributes (Microsoft's values). */
DEFINE_GUID(MF_MT_MAJOR_TYPE, 0x48eba18e, 0xf8c9, 0x4687, 0xbf, 0x11, 0x0a,
	    0x74, 0xc9, 0xf9, 0x6a, 0x8f);
DEFINE_GUID(MF_MT_SUBTYPE, 0xf7e34c9a, 0x42e8, 0x4714, 0xb7, 0x4b, 0xcb, 0x29,
	    0xd7, 0x2c, 0x35, 0xe5);
DEFINE_GUID(MF_MT_ALL_SAMPLES_INDEPENDENT, 0xc9173739, 0x5e56, 0x461c, 0xb7,
	    0x13, 0x46, 0xfb, 0x99, 0x5c, 0xb9, 0x5f);
DEFINE_GUID(MF_MT_FIXED_SIZE_SAMPLES, 0xb8ebefaf, 0xb718, 0x4e04, 0xb0, 0xa9,
	    0x11, 0x67, 0x75, 0xe3, 0x32, 0x1b);
DEFINE_GUID(MF_MT_COMPRESSED, 0x3afd0cee, 0x18f2, 0x4ba5, 0xa1, 0x10, 0x8b,
	    0xea, 0x50, 0x2e, 0x1f, 0x92);
DEFINE_GUID(MF_MT_SAMPLE_SIZE, 0xdad3ab78, 0x1990, 0x408b, 0xbc, 0xe2, 0xeb,
	    0xa6, 0x73, 0xda, 0xcc, 0x10);
DEFINE_GUID(MF_MT_USER_DATA, 0xb6bc765f, 0x4c3b, 0x40a4, 0xbd, 0x51, 0x25,
	    0x35, 0xb6, 0x6f, 0xe0, 0x9d);
DEFINE_GUID(MF_MT_AVG_BITRATE, 0x20332624, 0xfb0d, 0x4d9e, 0xbd, 0x0d, 0xcb,
	    0xf6, 0x78, 0x6c, 0x10, 0x2e);
DEFINE_GUID(MF_MT_FRAME_SIZE, 0x1652c33d, 0xd6b2, 0x4012, 0xb8, 0x34, 0x72,
	    0x03, 0x08, 0x49, 0xa3, 0x7d);
DEFINE_GUID(MF_MT_FRAME_RATE, 0xc459a2e8, 0x3d2c, 0x4e44, 0xb1, 0x32, 0xfe,
	    0xe5, 0x15, 0x6c, 0x7b, 0xb0);
DEFINE_GUID(MF_MT_PIXEL_ASPECT_RATIO, 0xc6376a1e, 0x8d0a, 0x4027, 0xbe, 0x45,
	    0x6d, 0x9a, 0x0a, 0xd3, 0x9b, 0xb6);
DEFINE_GUID(MF_MT_INTERLACE_MODE, 0xe2724bb8, 0xe676, 0x4806, 0xb4, 0xb2,
	    0xa8, 0xd6, 0xef, 0xb4, 0x4c, 0xcd);
DEFINE_GUID(MF_MT_DEFAULT_STRIDE, 0x644b4e48, 0x1e02, 0x4516, 0xb0, 0xeb,
	    0xc0, 0x1c, 0xa9, 0xd4, 0x9a, 0xc6);
DEFINE_GUID(MF_MT_MPEG_SEQUENCE_HEADER, 0x3c036de7, 0x3ad0, 0x4c9e, 0x92,
	    0x16, 0xee, 0x6d, 0x6a, 0xc2, 0x1c, 0xb3);
DEFINE_GUID(MF_MT_MPEG2_PROFILE, 0xad76a80b, 0x2d5c, 0x4e0b, 0xb3, 0x75, 0x64,
	    0xe5, 0x20, 0x13, 0x70, 0x36);
DEFINE_GUID(MF_MT_MPEG2_LEVEL, 0x96f66574, 0x11c5, 0x4015, 0x86, 0x66, 0xbf,
	    0xf5, 0x16, 0x43, 0x6d, 0xa7);

/* Sample attributes (Microsoft's values). */
DEFINE_GUID(MFSampleExtension_CleanPoint, 0x9cdf01d8, 0xa0f0, 0x43ba, 0xb0,
	    0x77, 0xea, 0xa0, 0x6c, 0xbd, 0x72, 0x8a);
DEFINE_GUID(MFSampleExtension_Discontinuity, 0x9cdf01d9, 0xa0f0, 0x43ba, 0xb0,
	    0x77, 0xea, 0xa0, 0x6c, 0xbd, 0x72, 0x8a);
DEFINE_GUID(MFSampleExtension_DecodeTimestamp, 0x73a954d4, 0x09e2, 0x4861,
	    0xbe, 0xfc, 0x94, 0xbd, 0x97, 0xc0, 0x8e, 0x6e);
/* The IMFMediaStream::RequestSample token the sample answers (IUnknown). */
DEFINE_GUID(MFSampleExtension_Token, 0x8294da66, 0xf328, 0x4805, 0xb5, 0x51,
	    0x00, 0xde, 0xb4, 0xc5, 0x7a, 0x61);

/*
 * Common Encryption, per sample: the key's id (MFSampleExtension_Content_
 * KeyID, a GUID), the IV (MFSampleExtension_Encryption_SampleID, a blob of
 * 8 or 16 bytes), the subsamples (MFSampleExtension_Encryption_SubSample_
 * Mapping, a blob of DWORD pairs: clear bytes, then encrypted bytes), the
 * scheme (MFSampleExtension_Encryption_ProtectionScheme, UINT32, an
 * MFSampleEncryptionProtectionScheme) and, for the pattern schemes 'cens'
 * and 'cbcs', the pattern (..._CryptByteBlock, ..._SkipByteBlock,
 * UINT32 counts of 16-byte blocks).
 */
typedef enum _MFSampleEncryptionProtectionScheme {
	MF_SAMPLE_ENCRYPTION_PROTECTION_SCHEME_NONE = 0,
	MF_SAMPLE_ENCRYPTION_PROTECTION_SCHEME_AES_CTR = 1,
	MF_SAMPLE_ENCRYPTION_PROTECTION_SCHEME_AES_CBC = 2
} MFSampleEncryptionProtectionScheme;

DEFINE_GUID(MFSampleExtension_Content_KeyID, 0xc6c7f5b0, 0xacca, 0x415b,
	    0x87, 0xd9, 0x10, 0x44, 0x14, 0x69, 0xef, 0xc6);
DEFINE_GUID(MFSampleExtension_Encryption_SampleID, 0x6698b84e, 0x0afa, 0x4330,
	    0xae, 0xb2, 0x1c, 0x0a, 0x98, 0xd7, 0xa4, 0x4d);
DEFINE_GUID(MFSampleExtension_Encryption_SubSample_Mapping, 0x8444f27a,
	    0x69a1, 0x48da, 0xbd, 0x08, 0x11, 0xce, 0xf3, 0x68, 0x30, 0xd2);
DEFINE_GUID(MFSampleExtension_Encryption_ProtectionScheme, 0xd054d096,
	    0x28bb, 0x45da, 0x87, 0xec, 0x74, 0xf3, 0x51, 0x87, 0x14, 0x06);
DEFINE_GUID(MFSampleExtension_Encryption_CryptByteBlock, 0x9d84289b, 0x0c7f,
	    0x4713, 0xab, 0x95, 0x10, 0x8a, 0xb4, 0x2a, 0xd8, 0x01);
DEFINE_GUID(MFSampleExtension_Encryption_SkipByteBlock, 0x0d550548, 0x8317,
	    0x4ab1, 0x84, 0x5f, 0xd0, 0x63, 0x06, 0xe2, 0x93, 0xe3);

#endif /* PMP_MFAPI_H */
