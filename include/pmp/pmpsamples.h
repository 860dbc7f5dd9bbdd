/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * pmpsamples.h - the interfaces and classes of pmp's own components
 *
 * Generated from pmpsamples.idl by userspace/idl/pmpidl.py: do not edit.
 *
 * CLSID_PmpTestCounter (libpmp-counter.so): a counter with a label, to
 * test and demonstrate objects living in a PMP host.
 * CLSID_PmpClearKeyDecryptor (libpmp-clearkey.so): AES-128-CTR decryption
 * of ClearKey/CENC content with keys that never leave the host.
 * CLSID_PmpTestSource and CLSID_PmpTestSink (libpmp-testmedia.so): a
 * source of timed, empty samples and a sink that counts them
 * (IPmpMediaSource, IPmpMediaSink of <pmpmedia.h>), so that a Media
 * Session can run end to end before real media exists.
 * CLSID_PmpTestProbe (libpmp-probe.so): runs a named probe of pmphost's
 * sandbox in the process it lives in, for the tests.
 *
 * Not part of libpmp: the GUIDs and the proxy/stub pairs of these
 * interfaces are in libpmp-samples (pkg-config pmp-samples), which
 * registers the pairs with libpmp when it is loaded, and in the
 * components, which hand them to the host that loads them.
 */

#ifndef PMP_PMPSAMPLES_H
#define PMP_PMPSAMPLES_H

#include "objbase.h"
#include "mferror.h"
#include "unknwn.h"

#ifndef __IPmpTestCounter_FWD_DEFINED__
#define __IPmpTestCounter_FWD_DEFINED__
typedef interface IPmpTestCounter IPmpTestCounter;
#endif

#ifndef __IPmpClearKeyDecryptor_FWD_DEFINED__
#define __IPmpClearKeyDecryptor_FWD_DEFINED__
typedef interface IPmpClearKeyDecryptor IPmpClearKeyDecryptor;
#endif

#ifndef __IPmpTestProbe_FWD_DEFINED__
#define __IPmpTestProbe_FWD_DEFINED__
typedef interface IPmpTestProbe IPmpTestProbe;
#endif

/* {FAF3E009-C63E-4892-801B-B9EB60F6AD80} */
DEFINE_GUID(CLSID_PmpTestCounter, 0xfaf3e009, 0xc63e, 0x4892, 0x80, 0x1b, 0xb9,
	    0xeb, 0x60, 0xf6, 0xad, 0x80);

/* {D864FEE0-9D3D-452F-B35E-2E330F706D62} */
DEFINE_GUID(CLSID_PmpClearKeyDecryptor, 0xd864fee0, 0x9d3d, 0x452f, 0xb3, 0x5e,
	    0x2e, 0x33, 0x0f, 0x70, 0x6d, 0x62);

/* {F53ED991-352B-4C59-923C-A45B63031E56} */
DEFINE_GUID(CLSID_PmpTestSource, 0xf53ed991, 0x352b, 0x4c59, 0x92, 0x3c, 0xa4,
	    0x5b, 0x63, 0x03, 0x1e, 0x56);

/* {6D2A312B-BDE0-4576-854A-ADE8D6E1A69F} */
DEFINE_GUID(CLSID_PmpTestProbe, 0x6d2a312b, 0xbde0, 0x4576, 0x85, 0x4a, 0xad,
	    0xe8, 0xd6, 0xe1, 0xa6, 0x9f);

/* {7C7AB8FD-222C-4887-BA89-6BEDB6FB9E16} */
DEFINE_GUID(CLSID_PmpTestSink, 0x7c7ab8fd, 0x222c, 0x4887, 0xba, 0x89, 0x6b,
	    0xed, 0xb6, 0xfb, 0x9e, 0x16);

/*
 * Node attributes of the test source and sink.
 * PMP_TEST_SOURCE_SAMPLES (UINT32): samples in the stream (default 10).
 * PMP_TEST_SOURCE_DURATION (UINT64): each sample's duration in 100 ns
 *	units (default 100000: 10 ms); sample i starts at i times it.
 * PMP_TEST_SINK_FAIL_AT (UINT32): the sink's ProcessSample of sample
 *	number N (from 0) fails with PMP_TEST_SINK_FAIL_STATUS (UINT32, an
 *	HRESULT; default E_FAIL).
 */
/* {2EF2B914-B238-4E98-A214-1514196AB038} */
DEFINE_GUID(PMP_TEST_SOURCE_SAMPLES, 0x2ef2b914, 0xb238, 0x4e98, 0xa2, 0x14,
	    0x15, 0x14, 0x19, 0x6a, 0xb0, 0x38);

/* {2EF2B915-B238-4E98-A214-1514196AB038} */
DEFINE_GUID(PMP_TEST_SOURCE_DURATION, 0x2ef2b915, 0xb238, 0x4e98, 0xa2, 0x14,
	    0x15, 0x14, 0x19, 0x6a, 0xb0, 0x38);

/* {7664A892-504C-4CD7-9B78-A0F03CA19AA0} */
DEFINE_GUID(PMP_TEST_SINK_FAIL_AT, 0x7664a892, 0x504c, 0x4cd7, 0x9b, 0x78,
	    0xa0, 0xf0, 0x3c, 0xa1, 0x9a, 0xa0);

/* {7664A893-504C-4CD7-9B78-A0F03CA19AA0} */
DEFINE_GUID(PMP_TEST_SINK_FAIL_STATUS, 0x7664a893, 0x504c, 0x4cd7, 0x9b, 0x78,
	    0xa0, 0xf0, 0x3c, 0xa1, 0x9a, 0xa0);

/*
 * The major type (MF_MT_MAJOR_TYPE) of the test source's stream: timed
 * samples with no data, which only the test sink takes.
 */
/* {B941711F-D55C-4A47-B8B8-7C0A93C87B09} */
DEFINE_GUID(PMP_TEST_MEDIA_TYPE, 0xb941711f, 0xd55c, 0x4a47, 0xb8, 0xb8, 0x7c,
	    0x0a, 0x93, 0xc8, 0x7b, 0x09);

/* Longest label of a counter, without its terminating NUL. */
#define PMP_TEST_COUNTER_LABEL_MAX 63

/* ---- IPmpTestCounter ---- */

/*
 * Add(delta, result): adds @delta (wrapping) and returns the new value.
 * Get(value): the value.
 * SetLabel(label): a NUL-terminated label of at most
 *	PMP_TEST_COUNTER_LABEL_MAX bytes (else E_INVALIDARG; NULL: E_POINTER).
 * GetLabel(buffer, size): copies the label and its NUL;
 *	MF_E_INSUFFICIENT_BUFFER when @size is too small.
 * Fail(hr): returns @hr, whatever it is.
 * GetProcessId(pid): the process the object lives in.
 * Clone(copy): a new, independent counter with the same value and label.
 * AddCounter(other, result): adds @other's value (read first, then added:
 *	@other may be this counter) and returns the new value.  Across
 *	processes @other must be an object of the same host (else
 *	E_INVALIDARG, and nothing is called); NULL: E_POINTER.
 */
#ifndef __IPmpTestCounter_INTERFACE_DEFINED__
#define __IPmpTestCounter_INTERFACE_DEFINED__

/* {ECB836C3-56A8-4B9B-B2D9-69BA2DBA8934} */
DEFINE_GUID(IID_IPmpTestCounter, 0xecb836c3, 0x56a8, 0x4b9b, 0xb2, 0xd9, 0x69,
	    0xba, 0x2d, 0xba, 0x89, 0x34);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("ECB836C3-56A8-4B9B-B2D9-69BA2DBA8934")
IPmpTestCounter : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE Add(LONG delta, LONG *result) = 0;
	virtual HRESULT STDMETHODCALLTYPE Get(LONG *value) = 0;
	virtual HRESULT STDMETHODCALLTYPE SetLabel(LPCSTR label) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetLabel(LPSTR buffer,
						   DWORD size) = 0;
	virtual HRESULT STDMETHODCALLTYPE Fail(HRESULT hr) = 0;
	virtual HRESULT STDMETHODCALLTYPE GetProcessId(DWORD *pid) = 0;
	virtual HRESULT STDMETHODCALLTYPE Clone(IPmpTestCounter **copy) = 0;
	virtual HRESULT STDMETHODCALLTYPE AddCounter(IPmpTestCounter *other,
						     LONG *result) = 0;
};
__CRT_UUID_DECL(IPmpTestCounter, 0xecb836c3, 0x56a8, 0x4b9b, 0xb2, 0xd9, 0x69,
		0xba, 0x2d, 0xba, 0x89, 0x34)
#else
typedef struct IPmpTestCounterVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IPmpTestCounter *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IPmpTestCounter *This);
	ULONG(STDMETHODCALLTYPE *Release)(IPmpTestCounter *This);

	/* IPmpTestCounter */
	HRESULT(STDMETHODCALLTYPE *Add)
	(IPmpTestCounter *This, LONG delta, LONG *result);
	HRESULT(STDMETHODCALLTYPE *Get)(IPmpTestCounter *This, LONG *value);
	HRESULT(STDMETHODCALLTYPE *SetLabel)
	(IPmpTestCounter *This, LPCSTR label);
	HRESULT(STDMETHODCALLTYPE *GetLabel)
	(IPmpTestCounter *This, LPSTR buffer, DWORD size);
	HRESULT(STDMETHODCALLTYPE *Fail)(IPmpTestCounter *This, HRESULT hr);
	HRESULT(STDMETHODCALLTYPE *GetProcessId)
	(IPmpTestCounter *This, DWORD *pid);
	HRESULT(STDMETHODCALLTYPE *Clone)
	(IPmpTestCounter *This, IPmpTestCounter **copy);
	HRESULT(STDMETHODCALLTYPE *AddCounter)
	(IPmpTestCounter *This, IPmpTestCounter *other, LONG *result);

	END_INTERFACE
} IPmpTestCounterVtbl;

interface IPmpTestCounter {
	CONST_VTBL IPmpTestCounterVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IPmpTestCounter_QueryInterface(This, riid, ppvObject)                  \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IPmpTestCounter_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IPmpTestCounter_Release(This) ((This)->lpVtbl->Release(This))
#define IPmpTestCounter_Add(This, delta, result)                               \
	((This)->lpVtbl->Add(This, delta, result))
#define IPmpTestCounter_Get(This, value) ((This)->lpVtbl->Get(This, value))
#define IPmpTestCounter_SetLabel(This, label)                                  \
	((This)->lpVtbl->SetLabel(This, label))
#define IPmpTestCounter_GetLabel(This, buffer, size)                           \
	((This)->lpVtbl->GetLabel(This, buffer, size))
#define IPmpTestCounter_Fail(This, hr) ((This)->lpVtbl->Fail(This, hr))
#define IPmpTestCounter_GetProcessId(This, pid)                                \
	((This)->lpVtbl->GetProcessId(This, pid))
#define IPmpTestCounter_Clone(This, copy) ((This)->lpVtbl->Clone(This, copy))
#define IPmpTestCounter_AddCounter(This, other, result)                        \
	((This)->lpVtbl->AddCounter(This, other, result))
#endif
#endif

#endif /* __IPmpTestCounter_INTERFACE_DEFINED__ */

/* ---- IPmpClearKeyDecryptor ---- */

/*
 * SetKey(kid, key): stores (or replaces) the 16-byte @key of key id @kid.
 *	At most 64 keys: E_OUTOFMEMORY beyond.
 * Decrypt(kid, iv, in_memfd, size, out_memfd): AES-128-CTR of the first
 *	@size bytes of @in_memfd, with the key of @kid and the 16-byte
 *	initial counter block @iv.  @in_memfd must be a memfd sealed with at
 *	least F_SEAL_SHRINK and F_SEAL_WRITE, at least @size bytes long; the
 *	caller keeps it.  *@out_memfd is a new memfd of @size bytes
 *	sealed with F_SEAL_SHRINK, F_SEAL_GROW, F_SEAL_WRITE and F_SEAL_SEAL,
 *	owned by the caller (-1 on failure).  MF_E_NOT_FOUND for an unknown
 *	@kid, E_INVALIDARG for a descriptor that is not such a memfd or too
 *	short.
 * Keys and payloads are never logged.
 */
#ifndef __IPmpClearKeyDecryptor_INTERFACE_DEFINED__
#define __IPmpClearKeyDecryptor_INTERFACE_DEFINED__

/* {D72C2B1B-03DB-4CA2-89DA-796B0CA30D55} */
DEFINE_GUID(IID_IPmpClearKeyDecryptor, 0xd72c2b1b, 0x03db, 0x4ca2, 0x89, 0xda,
	    0x79, 0x6b, 0x0c, 0xa3, 0x0d, 0x55);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("D72C2B1B-03DB-4CA2-89DA-796B0CA30D55")
IPmpClearKeyDecryptor : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE SetKey(const BYTE kid[16],
						 const BYTE key[16]) = 0;
	virtual HRESULT STDMETHODCALLTYPE Decrypt(const BYTE kid[16],
						  const BYTE iv[16],
						  int in_memfd, DWORD size,
						  int *out_memfd) = 0;
};
__CRT_UUID_DECL(IPmpClearKeyDecryptor, 0xd72c2b1b, 0x03db, 0x4ca2, 0x89, 0xda,
		0x79, 0x6b, 0x0c, 0xa3, 0x0d, 0x55)
#else
typedef struct IPmpClearKeyDecryptorVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IPmpClearKeyDecryptor *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IPmpClearKeyDecryptor *This);
	ULONG(STDMETHODCALLTYPE *Release)(IPmpClearKeyDecryptor *This);

	/* IPmpClearKeyDecryptor */
	HRESULT(STDMETHODCALLTYPE *SetKey)
	(IPmpClearKeyDecryptor *This, const BYTE kid[16], const BYTE key[16]);
	HRESULT(STDMETHODCALLTYPE *Decrypt)
	(IPmpClearKeyDecryptor *This, const BYTE kid[16], const BYTE iv[16],
	 int in_memfd, DWORD size, int *out_memfd);

	END_INTERFACE
} IPmpClearKeyDecryptorVtbl;

interface IPmpClearKeyDecryptor {
	CONST_VTBL IPmpClearKeyDecryptorVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IPmpClearKeyDecryptor_QueryInterface(This, riid, ppvObject)            \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IPmpClearKeyDecryptor_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IPmpClearKeyDecryptor_Release(This) ((This)->lpVtbl->Release(This))
#define IPmpClearKeyDecryptor_SetKey(This, kid, key)                           \
	((This)->lpVtbl->SetKey(This, kid, key))
#define IPmpClearKeyDecryptor_Decrypt(This, kid, iv, in_memfd, size,           \
				      out_memfd)                               \
	((This)->lpVtbl->Decrypt(This, kid, iv, in_memfd, size, out_memfd))
#endif
#endif

#endif /* __IPmpClearKeyDecryptor_INTERFACE_DEFINED__ */

/* ---- IPmpTestProbe ---- */

/*
 * Run(probe, err): runs the probe named @probe in the process the object
 * lives in and returns its errno in *@err (0: the call succeeded and
 * returned what it should).  E_INVALIDARG for an unknown name.
 *	"stat-path": newfstatat(AT_FDCWD, "/etc/passwd", st, AT_EMPTY_PATH)
 *	"fstat-fd": fstat() of a new 4096-byte memfd; its st_size must be
 *		4096 (else EIO)
 *	"statx-fd": statx(memfd, "", AT_EMPTY_PATH, STATX_SIZE, stx)
 *	"open-path": open("/etc/passwd", O_RDONLY)
 */
#ifndef __IPmpTestProbe_INTERFACE_DEFINED__
#define __IPmpTestProbe_INTERFACE_DEFINED__

/* {07A497C5-93DD-4A47-B1A2-DF9998B8F1A2} */
DEFINE_GUID(IID_IPmpTestProbe, 0x07a497c5, 0x93dd, 0x4a47, 0xb1, 0xa2, 0xdf,
	    0x99, 0x98, 0xb8, 0xf1, 0xa2);

#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("07A497C5-93DD-4A47-B1A2-DF9998B8F1A2")
IPmpTestProbe : public IUnknown
{
	virtual HRESULT STDMETHODCALLTYPE Run(LPCSTR probe, LONG *err) = 0;
};
__CRT_UUID_DECL(IPmpTestProbe, 0x07a497c5, 0x93dd, 0x4a47, 0xb1, 0xa2, 0xdf,
		0x99, 0x98, 0xb8, 0xf1, 0xa2)
#else
typedef struct IPmpTestProbeVtbl {
	BEGIN_INTERFACE

	/* IUnknown */
	HRESULT(STDMETHODCALLTYPE *QueryInterface)
	(IPmpTestProbe *This, REFIID riid, void **ppvObject);
	ULONG(STDMETHODCALLTYPE *AddRef)(IPmpTestProbe *This);
	ULONG(STDMETHODCALLTYPE *Release)(IPmpTestProbe *This);

	/* IPmpTestProbe */
	HRESULT(STDMETHODCALLTYPE *Run)
	(IPmpTestProbe *This, LPCSTR probe, LONG *err);

	END_INTERFACE
} IPmpTestProbeVtbl;

interface IPmpTestProbe {
	CONST_VTBL IPmpTestProbeVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IPmpTestProbe_QueryInterface(This, riid, ppvObject)                    \
	((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IPmpTestProbe_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IPmpTestProbe_Release(This) ((This)->lpVtbl->Release(This))
#define IPmpTestProbe_Run(This, probe, err)                                    \
	((This)->lpVtbl->Run(This, probe, err))
#endif
#endif

#endif /* __IPmpTestProbe_INTERFACE_DEFINED__ */

#endif /* PMP_PMPSAMPLES_H */
