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

#ifndef __IPmpMediaSource_FWD_DEFINED__
#define __IPmpMediaSource_FWD_DEFINED__
typedef interface IPmpMediaSource IPmpMediaSource;
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

/* ---- IPmpMediaSource ---- */

/*
 * A source of samples for one source-stream node.
 * Open(node): once, before any other call, with the node's attributes.
 * Seek(position): the next sample read is the first that ends after
 *	@position (100 ns units from the start of the presentation).
 * ReadSample(time, duration): the next sample's presentation time and
 *	duration; S_FALSE (both 0) at the end of the stream.
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
	virtual HRESULT STDMETHODCALLTYPE Seek(LONGLONG llPosition) = 0;
	virtual HRESULT STDMETHODCALLTYPE ReadSample(LONGLONG *pllTime,
						     LONGLONG *pllDuration) = 0;
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
	HRESULT(STDMETHODCALLTYPE *Seek)
	(IPmpMediaSource *This, LONGLONG llPosition);
	HRESULT(STDMETHODCALLTYPE *ReadSample)
	(IPmpMediaSource *This, LONGLONG *pllTime, LONGLONG *pllDuration);

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
#define IPmpMediaSource_Seek(This, llPosition)                                 \
	((This)->lpVtbl->Seek(This, llPosition))
#define IPmpMediaSource_ReadSample(This, pllTime, pllDuration)                 \
	((This)->lpVtbl->ReadSample(This, pllTime, pllDuration))
#endif
#endif

#endif /* __IPmpMediaSource_INTERFACE_DEFINED__ */

/* ---- IPmpMediaSink ---- */

/*
 * A sink of samples for one output node.
 * Open(node): once, before any other call, with the node's attributes.
 * ProcessSample(time, duration): a sample, when the presentation clock
 *	reaches @time; a failure ends the presentation with an MEError
 *	event carrying it.
 * EndOfStream(): no more samples until the next Start.
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
	virtual HRESULT STDMETHODCALLTYPE ProcessSample(
		LONGLONG llTime, LONGLONG llDuration) = 0;
	virtual HRESULT STDMETHODCALLTYPE EndOfStream() = 0;
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
	HRESULT(STDMETHODCALLTYPE *ProcessSample)
	(IPmpMediaSink *This, LONGLONG llTime, LONGLONG llDuration);
	HRESULT(STDMETHODCALLTYPE *EndOfStream)(IPmpMediaSink *This);

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
#define IPmpMediaSink_ProcessSample(This, llTime, llDuration)                  \
	((This)->lpVtbl->ProcessSample(This, llTime, llDuration))
#define IPmpMediaSink_EndOfStream(This) ((This)->lpVtbl->EndOfStream(This))
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
 * Start(vt, position): VT_EMPTY (0): from the current position; VT_I8
 *	(20): from @position.  E_INVALIDARG for another @vt.
 * GetFullTopology(flags, id, topology, size): the current topology with
 *	PMP_TOPONODE_SAMPLE_COUNT on its nodes, as a sealed memfd the caller
 *	owns.  MF_E_NOT_FOUND without one (or for another @id, when not 0).
 * GetEvent(wait_ms, type, status, vt, value, topology_status): takes the
 *	next event, waiting up to @wait_ms for one (MF_E_NO_EVENTS_AVAILABLE
 *	then).  @vt is VT_EMPTY, VT_I8 (@value a time) or VT_UNKNOWN (@value
 *	the TOPOID of the topology the event is about); @topology_status is
 *	MF_EVENT_TOPOLOGY_STATUS of MESessionTopologyStatus, 0 otherwise.
 *	After Shutdown, once the queue is empty: MF_E_SHUTDOWN.
 * GetClockTime(time, system_time, state): the presentation clock.
 * Every method after Shutdown (GetEvent: once drained): MF_E_SHUTDOWN.
 */
#ifndef __IPmpMediaSessionHost_INTERFACE_DEFINED__
#define __IPmpMediaSessionHost_INTERFACE_DEFINED__

/* {81AD233C-8250-4D3B-8073-C0326D7F5DC4} */
DEFINE_GUID(IID_IPmpMediaSessionHost, 0x81ad233c, 0x8250, 0x4d3b, 0x80, 0x73,
	    0xc0, 0x32, 0x6d, 0x7f, 0x5d, 0xc4);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("81AD233C-8250-4D3B-8073-C0326D7F5DC4")
IPmpMediaSessionHost : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE SetTopology(DWORD flags, TOPOID id,
						      int topology,
						      DWORD size) = 0;
	virtual HRESULT STDMETHODCALLTYPE ClearTopologies() = 0;
	virtual HRESULT STDMETHODCALLTYPE Start(DWORD vt,
						LONGLONG position) = 0;
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
						   DWORD *topology_status) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetClockTime(LONGLONG *time,
						       LONGLONG *system_time,
						       DWORD *state) = 0;
};
__CRT_UUID_DECL(IPmpMediaSessionHost, 0x81ad233c, 0x8250, 0x4d3b, 0x80, 0x73,
		0xc0, 0x32, 0x6d, 0x7f, 0x5d, 0xc4)
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
	(IPmpMediaSessionHost *This, DWORD vt, LONGLONG position);
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
	 HRESULT *status, DWORD *vt, ULONGLONG *value, DWORD *topology_status);
	HRESULT(STDMETHODCALLTYPE *GetClockTime)
	(IPmpMediaSessionHost *This, LONGLONG *time, LONGLONG *system_time,
	 DWORD *state);

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
#define IPmpMediaSessionHost_Start(This, vt, position)                         \
	((This)->lpVtbl->Start(This, vt, position))
#define IPmpMediaSessionHost_Pause(This) ((This)->lpVtbl->Pause(This))
#define IPmpMediaSessionHost_Stop(This) ((This)->lpVtbl->Stop(This))
#define IPmpMediaSessionHost_Close(This) ((This)->lpVtbl->Close(This))
#define IPmpMediaSessionHost_Shutdown(This) ((This)->lpVtbl->Shutdown(This))
#define IPmpMediaSessionHost_GetSessionCapabilities(This, caps)                \
	((This)->lpVtbl->GetSessionCapabilities(This, caps))
#define IPmpMediaSessionHost_GetFullTopology(This, flags, id, topology, size)  \
	((This)->lpVtbl->GetFullTopology(This, flags, id, topology, size))
#define IPmpMediaSessionHost_GetEvent(This, wait_ms, type, status, vt, value,  \
				      topology_status)                         \
	((This)->lpVtbl->GetEvent(This, wait_ms, type, status, vt, value, topology_status))
#define IPmpMediaSessionHost_GetClockTime(This, time, system_time, state)      \
	((This)->lpVtbl->GetClockTime(This, time, system_time, state))
#endif
#endif

#endif /* __IPmpMediaSessionHost_INTERFACE_DEFINED__ */

#endif /* PMP_PMPMEDIA_H */
