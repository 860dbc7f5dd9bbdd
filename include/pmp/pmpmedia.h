/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * pmpmedia.h - pmp's own media interfaces: what a Media Session in a PMP
 * host drives, and the protocol between a session's two halves
 *
 * Generated from pmpmedia.idl by userspace/idl/pmpidl.py: do not edit.
 *
 * Not Microsoft's: pmp's extension points (Documentation/userspace-api/
 * mf.rst, "The Media Session in a PMP process").
 *
 * IPmpMediaSource and IPmpMediaSink are implemented by host-side
 * components that a topology names by class (PMP_TOPONODE_OBJECT_CLSID on
 * a source or output node); the session calls them in its host, so they
 * are [local].  Samples carry their timing only; real media (issue 6)
 * extends them with the sample's data.
 *
 * IPmpMediaSessionHost is the host-side half of a PMP Media Session
 * (CLSID_PmpMediaSession, built into libpmp's class registry).  The
 * IMFMediaSession an application holds lives in the application and calls
 * it; applications use IMFMediaSession, never this interface.
 */

#ifndef PMP_PMPMEDIA_H
#define PMP_PMPMEDIA_H

#include "objbase.h"
#include "mferror.h"
#include "unknwn.h"
#include "mfobjects.h"
#include "mfidl.h"

#ifndef __IPmpClearKeyLicense_FWD_DEFINED__
#define __IPmpClearKeyLicense_FWD_DEFINED__
typedef interface IPmpClearKeyLicense IPmpClearKeyLicense;
#endif

#ifndef __IPmpSinkOutput_FWD_DEFINED__
#define __IPmpSinkOutput_FWD_DEFINED__
typedef interface IPmpSinkOutput IPmpSinkOutput;
#endif

#ifndef __IPmpKeyStore_FWD_DEFINED__
#define __IPmpKeyStore_FWD_DEFINED__
typedef interface IPmpKeyStore IPmpKeyStore;
#endif

#ifndef __IPmpMediaSource_FWD_DEFINED__
#define __IPmpMediaSource_FWD_DEFINED__
typedef interface IPmpMediaSource IPmpMediaSource;
#endif

#ifndef __IPmpMediaTransform_FWD_DEFINED__
#define __IPmpMediaTransform_FWD_DEFINED__
typedef interface IPmpMediaTransform IPmpMediaTransform;
#endif

#ifndef __IPmpMediaSink_FWD_DEFINED__
#define __IPmpMediaSink_FWD_DEFINED__
typedef interface IPmpMediaSink IPmpMediaSink;
#endif

#ifndef __IPmpMediaSessionHost_FWD_DEFINED__
#define __IPmpMediaSessionHost_FWD_DEFINED__
typedef interface IPmpMediaSessionHost IPmpMediaSessionHost;
#endif

/* The host-side half of a Media Session; every PMP host has the class. */
/* {049CC04A-74A0-43B7-A528-4B4E461709ED} */
DEFINE_GUID(CLSID_PmpMediaSession, 0x049cc04a, 0x74a0, 0x43b7, 0xa5, 0x28,
	    0x4b, 0x4e, 0x46, 0x17, 0x09, 0xed);

/*
 * Attributes pmp adds to Media Foundation's (mf.rst, "Playing media").
 *
 * PMP_SESSION_OUTPUT_POLICY (UINT32, MFCreatePMPMediaSession's @config):
 *	PMP_OUTPUT_POLICY_* bits the session enforces in its host.
 * PMP_TOPONODE_CLIENT_STREAM (UINT32) and PMP_TOPONODE_MEDIA_TYPE (blob,
 *	MFGetAttributesAsBlob of the stream's current media type): what
 *	libpmp puts on a source node whose source lives in the application,
 *	in the copy of the topology it sends to the host.
 * PMP_SAMPLE_FRAME_MD5 (blob, 16 bytes) and PMP_SAMPLE_FRAME_SIZE
 *	(UINT32): on a sample that records a decoded frame (the hash sink's
 *	output): the MD5 of the frame packed as ffmpeg's rawvideo, and the
 *	size of that packing.
 * PMP_TRANSFORM_KEY_STORE (IUnknown, an IPmpKeyStore): given to a
 *	decryptor's Open, in the host.
 * PMP_SAMPLE_SECRET_MEMORY (UINT32): on a sample of clear media a host
 *	component made (decrypted, decoded): 1 when its buffer is
 *	memfd_secret() memory, 0 when it is the fallback (mf.rst, "Memory").
 * PMP_TOPONODE_SECRET_SAMPLES and PMP_TOPONODE_FALLBACK_SAMPLES (UINT64):
 *	on a source node of GetFullTopology's copy, how many of the stream's
 *	samples handed to its sink were in either memory, since the
 *	presentation last started from stopped (absent before any).
 * PMP_MT_TIME_BASE (UINT64: numerator << 32 | denominator) and
 *	PMP_MT_START_TIME (UINT64 holding an INT64, in microseconds): on a
 *	media type read from a file, the stream's own time base, so that a
 *	sample's time in 100 ns units converts back exactly (rounding to the
 *	nearest tick) to what the file said, and the file's start time
 *	(absent when the file has none).
 */
/* {3A5B3E5E-AEAC-4E91-84B8-D28A784D35AB} */
DEFINE_GUID(PMP_SESSION_OUTPUT_POLICY, 0x3a5b3e5e, 0xaeac, 0x4e91, 0x84, 0xb8,
	    0xd2, 0x8a, 0x78, 0x4d, 0x35, 0xab);

/* {E427737F-3EA7-41DD-99DF-94B97DEC59CA} */
DEFINE_GUID(PMP_TOPONODE_CLIENT_STREAM, 0xe427737f, 0x3ea7, 0x41dd, 0x99, 0xdf,
	    0x94, 0xb9, 0x7d, 0xec, 0x59, 0xca);

/* {586D88B1-F29D-4B48-B565-9FEA03B9D995} */
DEFINE_GUID(PMP_TOPONODE_MEDIA_TYPE, 0x586d88b1, 0xf29d, 0x4b48, 0xb5, 0x65,
	    0x9f, 0xea, 0x03, 0xb9, 0xd9, 0x95);

/* {8F6DE919-3207-44BE-8064-EDA6600AF139} */
DEFINE_GUID(PMP_SAMPLE_FRAME_MD5, 0x8f6de919, 0x3207, 0x44be, 0x80, 0x64, 0xed,
	    0xa6, 0x60, 0x0a, 0xf1, 0x39);

/* {702983DC-CACE-4598-9FAE-8F740BE37996} */
DEFINE_GUID(PMP_SAMPLE_FRAME_SIZE, 0x702983dc, 0xcace, 0x4598, 0x9f, 0xae,
	    0x8f, 0x74, 0x0b, 0xe3, 0x79, 0x96);

/* {305A46D5-1D4B-44FA-A249-477DF8CD4CEA} */
DEFINE_GUID(PMP_MT_TIME_BASE, 0x305a46d5, 0x1d4b, 0x44fa, 0xa2, 0x49, 0x47,
	    0x7d, 0xf8, 0xcd, 0x4c, 0xea);

/* {913A6C76-4770-44FF-8A2A-DCF4CA1C21E7} */
DEFINE_GUID(PMP_MT_START_TIME, 0x913a6c76, 0x4770, 0x44ff, 0x8a, 0x2a, 0xdc,
	    0xf4, 0xca, 0x1c, 0x21, 0xe7);

/* {92F3D1F3-C341-4E38-B262-E002C52EC57A} */
DEFINE_GUID(PMP_SAMPLE_SECRET_MEMORY, 0x92f3d1f3, 0xc341, 0x4e38, 0xb2, 0x62,
	    0xe0, 0x02, 0xc5, 0x2e, 0xc5, 0x7a);

/* {2BE467B5-AC8B-4314-86BC-BDF1F0B7712A} */
DEFINE_GUID(PMP_TOPONODE_SECRET_SAMPLES, 0x2be467b5, 0xac8b, 0x4314, 0x86,
	    0xbc, 0xbd, 0xf1, 0xf0, 0xb7, 0x71, 0x2a);

/* {0357352C-606F-4493-8967-FFF9F9671601} */
DEFINE_GUID(PMP_TOPONODE_FALLBACK_SAMPLES, 0x0357352c, 0x606f, 0x4493, 0x89,
	    0x67, 0xff, 0xf9, 0xf9, 0x67, 0x16, 0x01);

/* {7BD25CF8-4AEA-492F-AA3F-2761634D0188} */
DEFINE_GUID(PMP_TRANSFORM_KEY_STORE, 0x7bd25cf8, 0x4aea, 0x492f, 0xaa, 0x3f,
	    0x27, 0x61, 0x63, 0x4d, 0x01, 0x88);

/* Services of a PMP Media Session (MFGetService). */
/* {7572B40E-63D8-4A0C-A6F4-9512B6C70998} */
DEFINE_GUID(PMP_CLEARKEY_SERVICE, 0x7572b40e, 0x63d8, 0x4a0c, 0xa6, 0xf4, 0x95,
	    0x12, 0xb6, 0xc7, 0x09, 0x98);

/* {BA617F4B-ADE9-4163-93C7-57102569DD37} */
DEFINE_GUID(PMP_SINK_OUTPUT_SERVICE, 0xba617f4b, 0xade9, 0x4163, 0x93, 0xc7,
	    0x57, 0x10, 0x25, 0x69, 0xdd, 0x37);

/* The media components of libpmp-media.so, in the host. */
/* {36DB6DBA-4510-46D1-8C38-1495F4D30EDD} */
DEFINE_GUID(CLSID_PmpCencDecryptor, 0x36db6dba, 0x4510, 0x46d1, 0x8c, 0x38,
	    0x14, 0x95, 0xf4, 0xd3, 0x0e, 0xdd);

/* {291B12A0-6066-41FB-A603-3685D4E4652C} */
DEFINE_GUID(CLSID_PmpH264Decoder, 0x291b12a0, 0x6066, 0x41fb, 0xa6, 0x03, 0x36,
	    0x85, 0xd4, 0xe4, 0x65, 0x2c);

/* {EC469AB6-0F2B-4598-8432-4F2C01790570} */
DEFINE_GUID(CLSID_PmpHashSink, 0xec469ab6, 0x0f2b, 0x4598, 0x84, 0x32, 0x4f,
	    0x2c, 0x01, 0x79, 0x05, 0x70);

/* {A1EF2C47-0AB5-40A3-BF4A-27BE725E2104} */
DEFINE_GUID(CLSID_PmpFrameSink, 0xa1ef2c47, 0x0ab5, 0x40a3, 0xbf, 0x4a, 0x27,
	    0xbe, 0x72, 0x5e, 0x21, 0x04);

/* ---- IPmpClearKeyLicense ---- */

/*
 * Keys for ClearKey content: a PMP Media Session's PMP_CLEARKEY_SERVICE.
 * Update(license): a W3C ClearKey license, JSON:
 *	{"keys":[{"kty":"oct","kid":"<base64url>","k":"<base64url>"}, ...]}
 *	(16-byte key ids and keys); its keys reach the session's host and
 *	are used from then on.  E_INVALIDARG for a malformed license,
 *	MF_E_SHUTDOWN after the session's Shutdown.
 */
#ifndef __IPmpClearKeyLicense_INTERFACE_DEFINED__
#define __IPmpClearKeyLicense_INTERFACE_DEFINED__

/* {61E92FFB-FF39-4609-9CCF-5C27A2C2BE22} */
DEFINE_GUID(IID_IPmpClearKeyLicense, 0x61e92ffb, 0xff39, 0x4609, 0x9c, 0xcf,
	    0x5c, 0x27, 0xa2, 0xc2, 0xbe, 0x22);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("61E92FFB-FF39-4609-9CCF-5C27A2C2BE22")
IPmpClearKeyLicense : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE Update(const char *license) = 0;
};
__CRT_UUID_DECL(IPmpClearKeyLicense, 0x61e92ffb, 0xff39, 0x4609, 0x9c, 0xcf,
		0x5c, 0x27, 0xa2, 0xc2, 0xbe, 0x22)
#else
typedef struct IPmpClearKeyLicenseVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IPmpClearKeyLicense *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IPmpClearKeyLicense *This);
	ULONG(STDMETHODCALLTYPE *Release)(IPmpClearKeyLicense *This);

	/* IPmpClearKeyLicense */
	HRESULT(STDMETHODCALLTYPE *Update)
	(IPmpClearKeyLicense *This, const char *license);

	END_INTERFACE
} IPmpClearKeyLicenseVtbl;

interface IPmpClearKeyLicense {
	CONST_VTBL IPmpClearKeyLicenseVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IPmpClearKeyLicense_QueryInterface(This, riid, ppvObject)              \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IPmpClearKeyLicense_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IPmpClearKeyLicense_Release(This) ((This)->lpVtbl->Release(This))
#define IPmpClearKeyLicense_Update(This, license)                              \
	((This)->lpVtbl->Update(This, license))
#endif
#endif

#endif /* __IPmpClearKeyLicense_INTERFACE_DEFINED__ */

/* ---- IPmpSinkOutput ---- */

/*
 * What the sinks of a PMP Media Session hand out: its
 * PMP_SINK_OUTPUT_SERVICE.
 * ReadSample(node, wait_ms, sample): the next sample the sink of output
 *	node @node hands out, oldest first: a decoded frame (the frame sink:
 *	one buffer, the frame packed as ffmpeg's rawvideo, with MF_MT_SUBTYPE
 *	and MF_MT_FRAME_SIZE) or a frame's record (the hash sink:
 *	PMP_SAMPLE_FRAME_MD5, PMP_SAMPLE_FRAME_SIZE, no buffer), each with
 *	its time and duration.  Waits up to @wait_ms (INFINITE: until one
 *	comes); MF_E_NO_EVENTS_AVAILABLE when none came, S_FALSE and NULL
 *	at the end of the stream, MF_E_NOT_FOUND for no such node.
 */
#ifndef __IPmpSinkOutput_INTERFACE_DEFINED__
#define __IPmpSinkOutput_INTERFACE_DEFINED__

/* {63EC5B7D-936D-4D34-8376-F8084783459C} */
DEFINE_GUID(IID_IPmpSinkOutput, 0x63ec5b7d, 0x936d, 0x4d34, 0x83, 0x76, 0xf8,
	    0x08, 0x47, 0x83, 0x45, 0x9c);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("63EC5B7D-936D-4D34-8376-F8084783459C")
IPmpSinkOutput : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE ReadSample(TOPOID node,
						     DWORD dwWaitMs,
						     IMFSample **ppSample) = 0;
};
__CRT_UUID_DECL(IPmpSinkOutput, 0x63ec5b7d, 0x936d, 0x4d34, 0x83, 0x76, 0xf8,
		0x08, 0x47, 0x83, 0x45, 0x9c)
#else
typedef struct IPmpSinkOutputVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IPmpSinkOutput *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IPmpSinkOutput *This);
	ULONG(STDMETHODCALLTYPE *Release)(IPmpSinkOutput *This);

	/* IPmpSinkOutput */
	HRESULT(STDMETHODCALLTYPE *ReadSample)
	(IPmpSinkOutput *This, TOPOID node, DWORD dwWaitMs,
	 IMFSample **ppSample);

	END_INTERFACE
} IPmpSinkOutputVtbl;

interface IPmpSinkOutput {
	CONST_VTBL IPmpSinkOutputVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IPmpSinkOutput_QueryInterface(This, riid, ppvObject)                   \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IPmpSinkOutput_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IPmpSinkOutput_Release(This) ((This)->lpVtbl->Release(This))
#define IPmpSinkOutput_ReadSample(This, node, dwWaitMs, ppSample)              \
	((This)->lpVtbl->ReadSample(This, node, dwWaitMs, ppSample))
#endif
#endif

#endif /* __IPmpSinkOutput_INTERFACE_DEFINED__ */

/* ---- IPmpKeyStore ---- */

/*
 * The keys of a session, as its decryptors see them in the host.
 * GetKey(kid, key): the 16-byte key of key id @kid (the 16 bytes of the
 *	KID in the order they have in the file); MF_E_LICENSE_REQUIRED when
 *	there is none.
 */
#ifndef __IPmpKeyStore_INTERFACE_DEFINED__
#define __IPmpKeyStore_INTERFACE_DEFINED__

/* {91A4587B-7FC6-4513-A001-951308BEF284} */
DEFINE_GUID(IID_IPmpKeyStore, 0x91a4587b, 0x7fc6, 0x4513, 0xa0, 0x01, 0x95,
	    0x13, 0x08, 0xbe, 0xf2, 0x84);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("91A4587B-7FC6-4513-A001-951308BEF284")
IPmpKeyStore : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE GetKey(const BYTE kid[16],
						 BYTE key[16]) = 0;
};
__CRT_UUID_DECL(IPmpKeyStore, 0x91a4587b, 0x7fc6, 0x4513, 0xa0, 0x01, 0x95,
		0x13, 0x08, 0xbe, 0xf2, 0x84)
#else
typedef struct IPmpKeyStoreVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IPmpKeyStore *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IPmpKeyStore *This);
	ULONG(STDMETHODCALLTYPE *Release)(IPmpKeyStore *This);

	/* IPmpKeyStore */
	HRESULT(STDMETHODCALLTYPE *GetKey)
	(IPmpKeyStore *This, const BYTE kid[16], BYTE key[16]);

	END_INTERFACE
} IPmpKeyStoreVtbl;

interface IPmpKeyStore {
	CONST_VTBL IPmpKeyStoreVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IPmpKeyStore_QueryInterface(This, riid, ppvObject)                     \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IPmpKeyStore_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IPmpKeyStore_Release(This) ((This)->lpVtbl->Release(This))
#define IPmpKeyStore_GetKey(This, kid, key)                                    \
	((This)->lpVtbl->GetKey(This, kid, key))
#endif
#endif

#endif /* __IPmpKeyStore_INTERFACE_DEFINED__ */

/* ---- IPmpMediaSource ---- */

/*
 * A source of samples for one source-stream node, in the host.
 * Open(node): once, before any other call, with the node's attributes.
 * GetMediaType(type): the media type of the stream's samples.
 * Seek(position): the next sample read is the first that ends after
 *	@position (100 ns units from the start of the presentation).
 * ReadSample(sample): the next sample (its time and duration set); S_FALSE
 *	and NULL at the end of the stream.
 */
#ifndef __IPmpMediaSource_INTERFACE_DEFINED__
#define __IPmpMediaSource_INTERFACE_DEFINED__

/* {BFADA806-2A42-4542-B7C8-CFB190C33943} */
DEFINE_GUID(IID_IPmpMediaSource, 0xbfada806, 0x2a42, 0x4542, 0xb7, 0xc8, 0xcf,
	    0xb1, 0x90, 0xc3, 0x39, 0x43);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("BFADA806-2A42-4542-B7C8-CFB190C33943")
IPmpMediaSource : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE Open(IMFAttributes *pNode) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetMediaType(
		IMFMediaType **ppType) = 0;
	virtual HRESULT STDMETHODCALLTYPE Seek(LONGLONG llPosition) = 0;
	virtual HRESULT STDMETHODCALLTYPE ReadSample(IMFSample **ppSample) = 0;
};
__CRT_UUID_DECL(IPmpMediaSource, 0xbfada806, 0x2a42, 0x4542, 0xb7, 0xc8, 0xcf,
		0xb1, 0x90, 0xc3, 0x39, 0x43)
#else
typedef struct IPmpMediaSourceVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IPmpMediaSource *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IPmpMediaSource *This);
	ULONG(STDMETHODCALLTYPE *Release)(IPmpMediaSource *This);

	/* IPmpMediaSource */
	HRESULT(STDMETHODCALLTYPE *Open)
	(IPmpMediaSource *This, IMFAttributes *pNode);
	HRESULT(STDMETHODCALLTYPE *GetMediaType)
	(IPmpMediaSource *This, IMFMediaType **ppType);
	HRESULT(STDMETHODCALLTYPE *Seek)
	(IPmpMediaSource *This, LONGLONG llPosition);
	HRESULT(STDMETHODCALLTYPE *ReadSample)
	(IPmpMediaSource *This, IMFSample **ppSample);

	END_INTERFACE
} IPmpMediaSourceVtbl;

interface IPmpMediaSource {
	CONST_VTBL IPmpMediaSourceVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IPmpMediaSource_QueryInterface(This, riid, ppvObject)                  \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IPmpMediaSource_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IPmpMediaSource_Release(This) ((This)->lpVtbl->Release(This))
#define IPmpMediaSource_Open(This, pNode) ((This)->lpVtbl->Open(This, pNode))
#define IPmpMediaSource_GetMediaType(This, ppType)                             \
	((This)->lpVtbl->GetMediaType(This, ppType))
#define IPmpMediaSource_Seek(This, llPosition)                                 \
	((This)->lpVtbl->Seek(This, llPosition))
#define IPmpMediaSource_ReadSample(This, ppSample)                             \
	((This)->lpVtbl->ReadSample(This, ppSample))
#endif
#endif

#endif /* __IPmpMediaSource_INTERFACE_DEFINED__ */

/* ---- IPmpMediaTransform ---- */

/*
 * A transform between a source stream and a sink, in the host: a
 * decryptor or a decoder, inserted by the session when it resolves a
 * topology (mf.rst, "Resolution").  One input, one output, called from one
 * thread at a time.
 * Open(node): once, first, with attributes from the session (the
 *	stream's node, plus what the session gives the transform, such as
 *	PMP_TRANSFORM_KEY_STORE for a decryptor).
 * SetInputType(type): MF_E_INVALIDMEDIATYPE if it cannot take @type.
 * GetOutputType(type): what it makes of the input type; MF_E_TRANSFORM_
 *	TYPE_NOT_SET before SetInputType.
 * ProcessInput(sample): MF_E_NOTACCEPTING while output is waiting.
 * ProcessOutput(sample): the next output sample, or MF_E_TRANSFORM_NEED_
 *	MORE_INPUT when it needs input (after Drain: when it is empty).
 * Drain(): no more input until Flush: what is held is to be output.
 * Flush(): drops everything held (a seek or a stop).
 */
#ifndef __IPmpMediaTransform_INTERFACE_DEFINED__
#define __IPmpMediaTransform_INTERFACE_DEFINED__

/* {5B0E7B0C-5E31-4C55-9C53-6B0C4A6D2E11} */
DEFINE_GUID(IID_IPmpMediaTransform, 0x5b0e7b0c, 0x5e31, 0x4c55, 0x9c, 0x53,
	    0x6b, 0x0c, 0x4a, 0x6d, 0x2e, 0x11);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("5B0E7B0C-5E31-4C55-9C53-6B0C4A6D2E11")
IPmpMediaTransform : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE Open(IMFAttributes *pNode) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetInputType(IMFMediaType *pType) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetOutputType(
		IMFMediaType **ppType) = 0;
	virtual HRESULT STDMETHODCALLTYPE ProcessInput(IMFSample *pSample) = 0;
	virtual HRESULT STDMETHODCALLTYPE ProcessOutput(
		IMFSample **ppSample) = 0;
	virtual HRESULT STDMETHODCALLTYPE Drain() = 0;
	virtual HRESULT STDMETHODCALLTYPE Flush() = 0;
};
__CRT_UUID_DECL(IPmpMediaTransform, 0x5b0e7b0c, 0x5e31, 0x4c55, 0x9c, 0x53,
		0x6b, 0x0c, 0x4a, 0x6d, 0x2e, 0x11)
#else
typedef struct IPmpMediaTransformVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IPmpMediaTransform *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IPmpMediaTransform *This);
	ULONG(STDMETHODCALLTYPE *Release)(IPmpMediaTransform *This);

	/* IPmpMediaTransform */
	HRESULT(STDMETHODCALLTYPE *Open)
	(IPmpMediaTransform *This, IMFAttributes *pNode);
	HRESULT(STDMETHODCALLTYPE *SetInputType)
	(IPmpMediaTransform *This, IMFMediaType *pType);
	HRESULT(STDMETHODCALLTYPE *GetOutputType)
	(IPmpMediaTransform *This, IMFMediaType **ppType);
	HRESULT(STDMETHODCALLTYPE *ProcessInput)
	(IPmpMediaTransform *This, IMFSample *pSample);
	HRESULT(STDMETHODCALLTYPE *ProcessOutput)
	(IPmpMediaTransform *This, IMFSample **ppSample);
	HRESULT(STDMETHODCALLTYPE *Drain)(IPmpMediaTransform *This);
	HRESULT(STDMETHODCALLTYPE *Flush)(IPmpMediaTransform *This);

	END_INTERFACE
} IPmpMediaTransformVtbl;

interface IPmpMediaTransform {
	CONST_VTBL IPmpMediaTransformVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IPmpMediaTransform_QueryInterface(This, riid, ppvObject)               \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IPmpMediaTransform_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IPmpMediaTransform_Release(This) ((This)->lpVtbl->Release(This))
#define IPmpMediaTransform_Open(This, pNode) ((This)->lpVtbl->Open(This, pNode))
#define IPmpMediaTransform_SetInputType(This, pType)                           \
	((This)->lpVtbl->SetInputType(This, pType))
#define IPmpMediaTransform_GetOutputType(This, ppType)                         \
	((This)->lpVtbl->GetOutputType(This, ppType))
#define IPmpMediaTransform_ProcessInput(This, pSample)                         \
	((This)->lpVtbl->ProcessInput(This, pSample))
#define IPmpMediaTransform_ProcessOutput(This, ppSample)                       \
	((This)->lpVtbl->ProcessOutput(This, ppSample))
#define IPmpMediaTransform_Drain(This) ((This)->lpVtbl->Drain(This))
#define IPmpMediaTransform_Flush(This) ((This)->lpVtbl->Flush(This))
#endif
#endif

#endif /* __IPmpMediaTransform_INTERFACE_DEFINED__ */

/* ---- IPmpMediaSink ---- */

/*
 * A sink of samples for one output node, in the host.
 * Open(node): once, before any other call, with the node's attributes.
 * SetInputType(type): the type of the samples to come; MF_E_INVALIDMEDIATYPE
 *	if the sink cannot take it (then the session inserts what converts to
 *	a type it can, or fails the topology).
 * ProcessSample(sample): a sample, when the presentation clock reaches its
 *	time; a failure ends the presentation with an MEError event carrying
 *	it.
 * EndOfStream(): no more samples until the next Start.
 * ReadOutput(wait_ms, sample): what the sink hands to the client (a
 *	frame, or a record of one), oldest first, waiting up to @wait_ms;
 *	MF_E_NO_EVENTS_AVAILABLE when nothing came in time, S_FALSE and NULL
 *	once the stream ended and everything was read; MF_E_UNSUPPORTED_
 *	SERVICE for a sink that hands nothing out.  A sink that hands
 *	samples out holds a bounded number of them: ProcessSample waits
 *	while it is full.
 * Flush(): drops what the sink holds for the client and ends a waiting
 *	ProcessSample (MF_E_OPERATION_CANCELLED): a stop, a seek or the end of
 *	the session.
 * ReadOutput and Flush come from other threads than the rest, at any
 * time after Open.
 */
#ifndef __IPmpMediaSink_INTERFACE_DEFINED__
#define __IPmpMediaSink_INTERFACE_DEFINED__

/* {AECB1A93-15C5-4382-9E17-D7494035CF51} */
DEFINE_GUID(IID_IPmpMediaSink, 0xaecb1a93, 0x15c5, 0x4382, 0x9e, 0x17, 0xd7,
	    0x49, 0x40, 0x35, 0xcf, 0x51);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("AECB1A93-15C5-4382-9E17-D7494035CF51")
IPmpMediaSink : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE Open(IMFAttributes *pNode) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetInputType(IMFMediaType *pType) = 0;
	virtual HRESULT STDMETHODCALLTYPE ProcessSample(IMFSample *pSample) = 0;
	virtual HRESULT STDMETHODCALLTYPE EndOfStream() = 0;
	virtual HRESULT STDMETHODCALLTYPE ReadOutput(DWORD dwWaitMs,
						     IMFSample **ppSample) = 0;
	virtual HRESULT STDMETHODCALLTYPE Flush() = 0;
};
__CRT_UUID_DECL(IPmpMediaSink, 0xaecb1a93, 0x15c5, 0x4382, 0x9e, 0x17, 0xd7,
		0x49, 0x40, 0x35, 0xcf, 0x51)
#else
typedef struct IPmpMediaSinkVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IPmpMediaSink *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IPmpMediaSink *This);
	ULONG(STDMETHODCALLTYPE *Release)(IPmpMediaSink *This);

	/* IPmpMediaSink */
	HRESULT(STDMETHODCALLTYPE *Open)
	(IPmpMediaSink *This, IMFAttributes *pNode);
	HRESULT(STDMETHODCALLTYPE *SetInputType)
	(IPmpMediaSink *This, IMFMediaType *pType);
	HRESULT(STDMETHODCALLTYPE *ProcessSample)
	(IPmpMediaSink *This, IMFSample *pSample);
	HRESULT(STDMETHODCALLTYPE *EndOfStream)(IPmpMediaSink *This);
	HRESULT(STDMETHODCALLTYPE *ReadOutput)
	(IPmpMediaSink *This, DWORD dwWaitMs, IMFSample **ppSample);
	HRESULT(STDMETHODCALLTYPE *Flush)(IPmpMediaSink *This);

	END_INTERFACE
} IPmpMediaSinkVtbl;

interface IPmpMediaSink {
	CONST_VTBL IPmpMediaSinkVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IPmpMediaSink_QueryInterface(This, riid, ppvObject)                    \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IPmpMediaSink_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IPmpMediaSink_Release(This) ((This)->lpVtbl->Release(This))
#define IPmpMediaSink_Open(This, pNode) ((This)->lpVtbl->Open(This, pNode))
#define IPmpMediaSink_SetInputType(This, pType)                                \
	((This)->lpVtbl->SetInputType(This, pType))
#define IPmpMediaSink_ProcessSample(This, pSample)                             \
	((This)->lpVtbl->ProcessSample(This, pSample))
#define IPmpMediaSink_EndOfStream(This) ((This)->lpVtbl->EndOfStream(This))
#define IPmpMediaSink_ReadOutput(This, dwWaitMs, ppSample)                     \
	((This)->lpVtbl->ReadOutput(This, dwWaitMs, ppSample))
#define IPmpMediaSink_Flush(This) ((This)->lpVtbl->Flush(This))
#endif
#endif

#endif /* __IPmpMediaSink_INTERFACE_DEFINED__ */

/* ---- IPmpMediaSessionHost ---- */

/*
 * The host-side half of a Media Session, one per IMFMediaSession.
 * The methods mirror IMFMediaSession's; each returns at once and reports
 * its outcome as an event, in IMFMediaSession's order.
 *
 * SetTopology(flags, id, topology, size): @topology is a memfd sealed
 *	against writing, growing and shrinking, holding @size bytes: the
 *	topology @id serialized as pmp_topology_serialize() writes it
 *	(mf.rst, "Topologies by value").  E_INVALIDARG for a descriptor that
 *	is no such memfd or a malformed topology.
 * Start(vt, position, segment, from): VT_EMPTY (0): from the current
 *	position; VT_I8 (20): from @position.  E_INVALIDARG for another @vt.
 *	@segment numbers the run of samples the client's own sources are to
 *	push from now on (PushSample); when it changed, they restart at
 *	@from, else they go on where they were (a resume from pause).
 * GetFullTopology(flags, id, topology, size): the current topology with
 *	PMP_TOPONODE_SAMPLE_COUNT on its nodes, as a sealed memfd the caller
 *	owns.  MF_E_NOT_FOUND without one (or for another @id, when not 0).
 * GetEvent(wait_ms, type, status, vt, value, topology_status, guid):
 *	takes the next event, waiting up to @wait_ms for one
 *	(MF_E_NO_EVENTS_AVAILABLE then).  @vt is VT_EMPTY, VT_I8 (@value a
 *	time), VT_UNKNOWN (@value the TOPOID of the topology the event is
 *	about) or VT_CLSID (@guid: the key id of an MEError whose status is
 *	MF_E_LICENSE_REQUIRED); @topology_status is MF_EVENT_TOPOLOGY_STATUS
 *	of MESessionTopologyStatus, 0 otherwise.  After Shutdown, once the
 *	queue is empty: MF_E_SHUTDOWN.
 * GetClockTime(time, system_time, state): the presentation clock.
 * PushSample(node, segment, sample, size): the next sample of the client
 *	stream of source node @node: a sealed memfd of @size bytes holding
 *	an IMFSample by value (mf.rst, "Samples by value").  Waits while the
 *	stream holds PMP_SESSION_FEED_DEPTH samples.  S_FALSE: not taken, as
 *	@segment is over (a seek or a stop came); MF_E_NOT_FOUND: @node is
 *	no client stream of the current topology; E_INVALIDARG: a malformed
 *	sample.
 * EndOfStream(node, segment, status): the client stream of @node ends;
 *	a failed @status (the client's source failed) ends the presentation
 *	with an MEError carrying it.
 * UpdateLicense(license): a W3C ClearKey license (JSON) whose keys the
 *	session's decryptors use from now on; E_INVALIDARG for a malformed
 *	one.  The keys are wiped at Shutdown and when the session goes.
 * SetOutputPolicy(flags): PMP_OUTPUT_POLICY_* bits, which may only be
 *	added; a topology whose sinks hand frames out is then refused.
 * ReadOutput(node, wait_ms, sample, size): what the sink of output node
 *	@node hands out (IPmpMediaSink::ReadOutput), as a sealed memfd the
 *	caller owns holding an IMFSample by value; MF_E_END_OF_STREAM at the
 *	end of the stream (a success would have to carry a descriptor),
 *	MF_E_NO_EVENTS_AVAILABLE after @wait_ms, MF_E_NOT_FOUND for no such
 *	node.
 * PushSampleBytes(node, segment, sample, size): PushSample with the
 *	sample by value in the call itself (@size bytes, at most
 *	PMP_SESSION_INLINE_MAX), for samples small enough that a memfd
 *	would cost more than the copy.  The same results.
 * ReadOutputBytes(node, wait_ms, room, data, length, sample, size):
 *	ReadOutput, with a sample by value of at most @room bytes (cut to
 *	PMP_SESSION_INLINE_MAX) in @data (@length bytes; @sample -1, @size
 *	0), a larger one in a sealed memfd as ReadOutput hands it (@length
 *	0).  The same results.
 * Every method after Shutdown (GetEvent: once drained): MF_E_SHUTDOWN.
 */
#ifndef __IPmpMediaSessionHost_INTERFACE_DEFINED__
#define __IPmpMediaSessionHost_INTERFACE_DEFINED__

/* {D935057A-3BCE-420B-A01E-32578AACED33} */
DEFINE_GUID(IID_IPmpMediaSessionHost, 0xd935057a, 0x3bce, 0x420b, 0xa0, 0x1e,
	    0x32, 0x57, 0x8a, 0xac, 0xed, 0x33);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("D935057A-3BCE-420B-A01E-32578AACED33")
IPmpMediaSessionHost : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE SetTopology(DWORD flags, TOPOID id,
						      int topology,
						      DWORD size) = 0;
	virtual HRESULT STDMETHODCALLTYPE ClearTopologies() = 0;
	virtual HRESULT STDMETHODCALLTYPE Start(DWORD vt, LONGLONG position,
						DWORD *segment,
						LONGLONG *from) = 0;
	virtual HRESULT STDMETHODCALLTYPE Pause() = 0;
	virtual HRESULT STDMETHODCALLTYPE Stop() = 0;
	virtual HRESULT STDMETHODCALLTYPE Close() = 0;
	virtual HRESULT STDMETHODCALLTYPE Shutdown() = 0;
	virtual HRESULT STDMETHODCALLTYPE GetSessionCapabilities(
		DWORD *caps) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetFullTopology(DWORD flags,
							  TOPOID id,
							  int *topology,
							  DWORD *size) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetEvent(DWORD wait_ms, DWORD *type,
						   HRESULT *status, DWORD *vt,
						   ULONGLONG *value,
						   DWORD *topology_status,
						   GUID *guid) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetClockTime(LONGLONG *time,
						       LONGLONG *system_time,
						       DWORD *state) = 0;
	virtual HRESULT STDMETHODCALLTYPE PushSample(TOPOID node,
						     DWORD segment, int sample,
						     DWORD size) = 0;
	virtual HRESULT STDMETHODCALLTYPE EndOfStream(TOPOID node,
						      DWORD segment,
						      HRESULT status) = 0;
	virtual HRESULT STDMETHODCALLTYPE UpdateLicense(
		const char *license) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetOutputPolicy(DWORD flags) = 0;
	virtual HRESULT STDMETHODCALLTYPE ReadOutput(TOPOID node,
						     DWORD wait_ms,
						     int *sample,
						     DWORD *size) = 0;
	virtual HRESULT STDMETHODCALLTYPE PushSampleBytes(TOPOID node,
							  DWORD segment,
							  const BYTE *sample,
							  DWORD size) = 0;
	virtual HRESULT STDMETHODCALLTYPE ReadOutputBytes(TOPOID node,
							  DWORD wait_ms,
							  DWORD room,
							  BYTE *data,
							  DWORD *length,
							  int *sample,
							  DWORD *size) = 0;
};
__CRT_UUID_DECL(IPmpMediaSessionHost, 0xd935057a, 0x3bce, 0x420b, 0xa0, 0x1e,
		0x32, 0x57, 0x8a, 0xac, 0xed, 0x33)
#else
typedef struct IPmpMediaSessionHostVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IPmpMediaSessionHost *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IPmpMediaSessionHost *This);
	ULONG(STDMETHODCALLTYPE *Release)(IPmpMediaSessionHost *This);

	/* IPmpMediaSessionHost */
	HRESULT(STDMETHODCALLTYPE *SetTopology)
	(IPmpMediaSessionHost *This, DWORD flags, TOPOID id, int topology,
	 DWORD size);
	HRESULT(STDMETHODCALLTYPE *ClearTopologies)(IPmpMediaSessionHost *This);
	HRESULT(STDMETHODCALLTYPE *Start)
	(IPmpMediaSessionHost *This, DWORD vt, LONGLONG position,
	 DWORD *segment, LONGLONG *from);
	HRESULT(STDMETHODCALLTYPE *Pause)(IPmpMediaSessionHost *This);
	HRESULT(STDMETHODCALLTYPE *Stop)(IPmpMediaSessionHost *This);
	HRESULT(STDMETHODCALLTYPE *Close)(IPmpMediaSessionHost *This);
	HRESULT(STDMETHODCALLTYPE *Shutdown)(IPmpMediaSessionHost *This);
	HRESULT(STDMETHODCALLTYPE *GetSessionCapabilities)
	(IPmpMediaSessionHost *This, DWORD *caps);
	HRESULT(STDMETHODCALLTYPE *GetFullTopology)
	(IPmpMediaSessionHost *This, DWORD flags, TOPOID id, int *topology,
	 DWORD *size);
	HRESULT(STDMETHODCALLTYPE *GetEvent)
	(IPmpMediaSessionHost *This, DWORD wait_ms, DWORD *type,
	 HRESULT *status, DWORD *vt, ULONGLONG *value, DWORD *topology_status,
	 GUID *guid);
	HRESULT(STDMETHODCALLTYPE *GetClockTime)
	(IPmpMediaSessionHost *This, LONGLONG *time, LONGLONG *system_time,
	 DWORD *state);
	HRESULT(STDMETHODCALLTYPE *PushSample)
	(IPmpMediaSessionHost *This, TOPOID node, DWORD segment, int sample,
	 DWORD size);
	HRESULT(STDMETHODCALLTYPE *EndOfStream)
	(IPmpMediaSessionHost *This, TOPOID node, DWORD segment,
	 HRESULT status);
	HRESULT(STDMETHODCALLTYPE *UpdateLicense)
	(IPmpMediaSessionHost *This, const char *license);
	HRESULT(STDMETHODCALLTYPE *SetOutputPolicy)
	(IPmpMediaSessionHost *This, DWORD flags);
	HRESULT(STDMETHODCALLTYPE *ReadOutput)
	(IPmpMediaSessionHost *This, TOPOID node, DWORD wait_ms, int *sample,
	 DWORD *size);
	HRESULT(STDMETHODCALLTYPE *PushSampleBytes)
	(IPmpMediaSessionHost *This, TOPOID node, DWORD segment,
	 const BYTE *sample, DWORD size);
	HRESULT(STDMETHODCALLTYPE *ReadOutputBytes)
	(IPmpMediaSessionHost *This, TOPOID node, DWORD wait_ms, DWORD room,
	 BYTE *data, DWORD *length, int *sample, DWORD *size);

	END_INTERFACE
} IPmpMediaSessionHostVtbl;

interface IPmpMediaSessionHost {
	CONST_VTBL IPmpMediaSessionHostVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IPmpMediaSessionHost_QueryInterface(This, riid, ppvObject)             \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IPmpMediaSessionHost_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IPmpMediaSessionHost_Release(This) ((This)->lpVtbl->Release(This))
#define IPmpMediaSessionHost_SetTopology(This, flags, id, topology, size)      \
	((This)->lpVtbl->SetTopology(This, flags, id, topology, size))
#define IPmpMediaSessionHost_ClearTopologies(This)                             \
	((This)->lpVtbl->ClearTopologies(This))
#define IPmpMediaSessionHost_Start(This, vt, position, segment, from)          \
	((This)->lpVtbl->Start(This, vt, position, segment, from))
#define IPmpMediaSessionHost_Pause(This) ((This)->lpVtbl->Pause(This))
#define IPmpMediaSessionHost_Stop(This) ((This)->lpVtbl->Stop(This))
#define IPmpMediaSessionHost_Close(This) ((This)->lpVtbl->Close(This))
#define IPmpMediaSessionHost_Shutdown(This) ((This)->lpVtbl->Shutdown(This))
#define IPmpMediaSessionHost_GetSessionCapabilities(This, caps)                \
	((This)->lpVtbl->GetSessionCapabilities(This, caps))
#define IPmpMediaSessionHost_GetFullTopology(This, flags, id, topology, size)  \
	((This)->lpVtbl->GetFullTopology(This, flags, id, topology, size))
#define IPmpMediaSessionHost_GetEvent(This, wait_ms, type, status, vt, value,  \
				      topology_status, guid)                   \
	((This)->lpVtbl->GetEvent(This, wait_ms, type, status, vt, value, topology_status, guid))
#define IPmpMediaSessionHost_GetClockTime(This, time, system_time, state)      \
	((This)->lpVtbl->GetClockTime(This, time, system_time, state))
#define IPmpMediaSessionHost_PushSample(This, node, segment, sample, size)     \
	((This)->lpVtbl->PushSample(This, node, segment, sample, size))
#define IPmpMediaSessionHost_EndOfStream(This, node, segment, status)          \
	((This)->lpVtbl->EndOfStream(This, node, segment, status))
#define IPmpMediaSessionHost_UpdateLicense(This, license)                      \
	((This)->lpVtbl->UpdateLicense(This, license))
#define IPmpMediaSessionHost_SetOutputPolicy(This, flags)                      \
	((This)->lpVtbl->SetOutputPolicy(This, flags))
#define IPmpMediaSessionHost_ReadOutput(This, node, wait_ms, sample, size)     \
	((This)->lpVtbl->ReadOutput(This, node, wait_ms, sample, size))
#define IPmpMediaSessionHost_PushSampleBytes(This, node, segment, sample,      \
					     size)                             \
	((This)->lpVtbl->PushSampleBytes(This, node, segment, sample, size))
#define IPmpMediaSessionHost_ReadOutputBytes(This, node, wait_ms, room, data,  \
					     length, sample, size)             \
	((This)->lpVtbl->ReadOutputBytes(This, node, wait_ms, room, data, length, sample, size))
#endif
#endif

#endif /* __IPmpMediaSessionHost_INTERFACE_DEFINED__ */

/*
 * The largest sample by value that PushSampleBytes and ReadOutputBytes
 * carry in the call (a larger one goes in a sealed memfd): 32 KiB, well
 * within a call's PMP_PS_BLOB_MAX.  Up to this size, copying the bytes
 * through the kernel costs less than making, sealing, passing, reading
 * and closing a memfd.
 */
#define PMP_SESSION_INLINE_MAX 32768

/* How many samples a client stream holds in the host before PushSample waits. */
#define PMP_SESSION_FEED_DEPTH 8

/* SetOutputPolicy and PMP_SESSION_OUTPUT_POLICY: no frame leaves the host. */
#define PMP_OUTPUT_POLICY_NO_FRAMES 0x1

#endif /* PMP_PMPMEDIA_H */
