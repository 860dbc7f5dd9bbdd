// SPDX-License-Identifier: GPL-2.0
/*
 * com_cxx_test.cpp - the C++ half of com_cxx_test: the COM headers
 * compiled as C++ (interfaces as abstract classes), for com_cxx_view.c to
 * check against the C view
 *
 * The harness is C, so the checks live in com_cxx_view.c; this file
 * exports what only C++ can see: vtable slots of pointers to virtual
 * members (Itanium C++ ABI), a C++ implementation of IMFPMPServer, and
 * C++ clients of libpmp's C objects: a server and a media session.
 */

#include <cstddef>
#include <cstring>

#include <mfapi.h>
#include <mfidl.h>
#include <pmpsamples.h>

#include "com_abi.h"
#include "com_cxx.h"

/* Itanium C++ ABI: a pointer to a virtual member is 1 + its vtable offset. */
template <typename T> static long vtable_offset(T pmf)
{
	struct {
		ptrdiff_t ptr;
		ptrdiff_t adj;
	} raw;

	static_assert(sizeof(pmf) == sizeof(raw), "Itanium member pointer");
	memcpy(&raw, &pmf, sizeof(raw));
	return (raw.ptr & 1) ? (long)(raw.ptr - 1) : -1;
}

typedef HRESULT (STDMETHODCALLTYPE IUnknown::*qi_fn)(REFIID, void **);

extern "C" long cxx_vtable_offset(enum cxx_method m)
{
	switch (m) {
	case CXX_QUERY_INTERFACE:
		return vtable_offset(
			static_cast<qi_fn>(&IMFPMPServer::QueryInterface));
	case CXX_ADD_REF:
		return vtable_offset(&IMFPMPServer::AddRef);
	case CXX_RELEASE:
		return vtable_offset(&IMFPMPServer::Release);
	case CXX_LOCK_PROCESS:
		return vtable_offset(&IMFPMPServer::LockProcess);
	case CXX_UNLOCK_PROCESS:
		return vtable_offset(&IMFPMPServer::UnlockProcess);
	case CXX_CREATE_OBJECT_BY_CLSID:
		return vtable_offset(&IMFPMPServer::CreateObjectByCLSID);
	case CXX_CREATE_INSTANCE:
		return vtable_offset(&IClassFactory::CreateInstance);
	case CXX_LOCK_SERVER:
		return vtable_offset(&IClassFactory::LockServer);
	case CXX_GET_SERVICE:
		return vtable_offset(&IMFGetService::GetService);
	case CXX_COUNTER_ADD:
		return vtable_offset(&IPmpTestCounter::Add);
	case CXX_COUNTER_CLONE:
		return vtable_offset(&IPmpTestCounter::Clone);
	case CXX_DECRYPTOR_DECRYPT:
		return vtable_offset(&IPmpClearKeyDecryptor::Decrypt);
	}
	return -1;
}

/*
 * Every method an .idl file declares, at the slot the .idl gives it, in
 * the C++ view (com_abi.h): the first method whose slot differs, or NULL.
 */
extern "C" const char *cxx_idl_slot_mismatch(unsigned int *checked)
{
	static const struct {
		const char *name;
		long offset;
		unsigned int slot;
	} slots[] = {
#define IDL_OWN(i, m, s) { #i "::" #m, vtable_offset(&i::m), s },
		PMP_ABI_ALL(OWN_METHODS, IDL_OWN)
#undef IDL_OWN
	};

	*checked = 0;
	for (const auto &s : slots) {
		if (s.offset != (long)(s.slot * sizeof(void *)))
			return s.name;
		++*checked;
	}
	return NULL;
}

extern "C" size_t cxx_sizeof_interface(void)
{
	return sizeof(IMFPMPServer);
}

extern "C" const GUID *cxx_uuidof_server(void)
{
	return &__uuidof(IMFPMPServer);
}

extern "C" const GUID *cxx_uuidof_counter(void)
{
	IPmpTestCounter *counter = NULL;

	return &__uuidof(counter);
}

/* An IMFPMPServer written in C++, recording what reaches it. */
class RecordingServer final : public IMFPMPServer
{
      public:
	struct cxx_record rec;

	RecordingServer()
	{
		memset(&rec, 0, sizeof(rec));
		rec.refs = 1;
	}

	HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid,
						 void **ppv) override
	{
		note(CXX_QUERY_INTERFACE, &riid, ppv);
		*ppv = NULL;
		if (riid != IID_IUnknown && riid != IID_IMFPMPServer)
			return E_NOINTERFACE;
		AddRef();
		*ppv = static_cast<IMFPMPServer *>(this);
		return S_OK;
	}
	ULONG STDMETHODCALLTYPE AddRef() override
	{
		note(CXX_ADD_REF, NULL, NULL);
		return ++rec.refs;
	}
	ULONG STDMETHODCALLTYPE Release() override
	{
		note(CXX_RELEASE, NULL, NULL);
		ULONG refs = --rec.refs;

		if (!refs)
			delete this;
		return refs;
	}
	HRESULT STDMETHODCALLTYPE LockProcess() override
	{
		note(CXX_LOCK_PROCESS, NULL, NULL);
		return S_OK;
	}
	HRESULT STDMETHODCALLTYPE UnlockProcess() override
	{
		note(CXX_UNLOCK_PROCESS, NULL, NULL);
		return MF_E_INVALIDREQUEST;
	}
	HRESULT STDMETHODCALLTYPE CreateObjectByCLSID(REFCLSID clsid,
						      REFIID riid,
						      void **ppv) override
	{
		note(CXX_CREATE_OBJECT_BY_CLSID, &clsid, ppv);
		rec.arg2 = &riid;
		*ppv = NULL;
		return REGDB_E_CLASSNOTREG;
	}

      private:
	void note(enum cxx_method m, const void *a0, const void *a1)
	{
		rec.method = m;
		rec.calls++;
		rec.self = this;
		rec.arg0 = a0;
		rec.arg1 = a1;
	}
};

extern "C" void *cxx_new_recording_server(void)
{
	return static_cast<IMFPMPServer *>(new RecordingServer());
}

extern "C" const struct cxx_record *cxx_record_of(void *server)
{
	IMFPMPServer *iface = static_cast<IMFPMPServer *>(server);

	return &static_cast<RecordingServer *>(iface)->rec;
}

/* libpmp's C objects through the C++ view; the failed step, or 0. */
extern "C" int cxx_use_in_process_server(void)
{
	IMFPMPServer *server = NULL;
	IPmpTestCounter *counter = NULL, *again = NULL;
	IUnknown *unk = NULL;
	LONG value = 0;
	int step = 0;

	if (MFCreatePMPServer(MFPMPSESSION_IN_PROCESS, &server) != S_OK)
		return 1;
	if (server->LockProcess() != S_OK)
		step = 2;
	else if (server->UnlockProcess() != S_OK)
		step = 3;
	else if (server->UnlockProcess() != MF_E_INVALIDREQUEST)
		step = 4;
	else if (server->CreateObjectByCLSID(CLSID_PmpTestCounter,
					     IID_PPV_ARGS(&counter)) != S_OK)
		step = 5;
	else if (counter->Add(20, &value) != S_OK || value != 20)
		step = 6;
	else if (counter->QueryInterface(&unk) != S_OK)
		step = 7;
	else if (unk->QueryInterface(IID_PPV_ARGS(&again)) != S_OK ||
		 again != counter)
		step = 8;
	else if (again->Add(1, &value) != S_OK || value != 21)
		step = 9;
	if (again)
		again->Release();
	if (unk)
		unk->Release();
	if (counter && counter->Release() != 0 && !step)
		step = 10;
	if (server->Release() != 0 && !step)
		step = 11;
	return step;
}

/* The media session's calls, made through the C++ classes. */
static int use_session(IMFMediaSession *session)
{
	IMFGetService *gs = NULL;
	IMFPMPServer *server = NULL, *again = NULL;
	IMFMediaEvent *event = NULL;
	IMFClock *clock = NULL;
	MediaEventType type = MEUnknown;
	MFCLOCK_STATE state = MFCLOCK_STATE_RUNNING;
	HRESULT status = S_OK;
	PROPVARIANT start;
	int step = 0;

	PropVariantInit(&start);
	if (session->GetEvent(MF_EVENT_FLAG_NO_WAIT, &event) !=
	    MF_E_NO_EVENTS_AVAILABLE)
		step = 20;
	else if (session->QueryInterface(IID_PPV_ARGS(&gs)) != S_OK)
		step = 21;
	else if (gs->GetService(MF_PMP_SERVER_CONTEXT,
				IID_PPV_ARGS(&server)) != S_OK)
		step = 22;
	else if (MFGetService(session, MF_PMP_SERVER_CONTEXT,
			      IID_PPV_ARGS(&again)) != S_OK ||
		 again != server)
		step = 23;
	else if (session->Start(&GUID_NULL, &start) != S_OK)
		step = 24;
	else if (session->GetEvent(0, &event) != S_OK ||
		 event->GetType(&type) != S_OK || type != MESessionStarted ||
		 event->GetStatus(&status) != S_OK ||
		 status != MF_E_INVALIDREQUEST)
		step = 25;
	else if (session->GetClock(&clock) != S_OK ||
		 clock->GetState(0, &state) != S_OK ||
		 state != MFCLOCK_STATE_INVALID)
		step = 26;
	else if (session->Shutdown() != S_OK)
		step = 27;
	else if (session->Shutdown() != MF_E_SHUTDOWN)
		step = 28;
	if (clock)
		clock->Release();
	if (event)
		event->Release();
	if (again)
		again->Release();
	if (server)
		server->Release();
	if (gs)
		gs->Release();
	return step;
}

/* A media session in process, through the C++ view; the failed step. */
extern "C" int cxx_use_media_session(void)
{
	IMFMediaSession *session = NULL;
	IMFActivate *enabler = NULL;
	int step;

	/* Microsoft's own example: the flags default in C++. */
	if (MFStartup(MF_VERSION) != S_OK)
		return 1;
	if (MFCreatePMPMediaSession(MFPMPSESSION_IN_PROCESS, NULL, &session,
				    &enabler) != S_OK ||
	    enabler)
		return 2;
	step = use_session(session);
	if (session->Release() != 0 && !step)
		step = 3;
	if (MFShutdown() != S_OK && !step)
		step = 4;
	return step;
}

/*
 * u"..." is a WCHAR string in C++ as in C: stored and read back with its
 * length in 16-bit units; the failed step.
 */
extern "C" int cxx_use_wide_strings(void)
{
	static const GUID key = { 0x1c8a5b6e, 0x3a5d, 0x4b7e,
				  { 0x9a, 0x51, 0x2f, 0x0c, 0x6d, 0x4e, 0x81, 0x37 } };
	const WCHAR *text = u"c++ \u00fc";
	WCHAR back[16] = {};
	IMFAttributes *attrs = NULL;
	UINT32 length = 0;
	int step = 0;

	if (MFCreateAttributes(&attrs, 1) != S_OK)
		return 1;
	if (attrs->SetString(key, text) != S_OK)
		step = 2;
	else if (attrs->GetStringLength(key, &length) != S_OK || length != 5)
		step = 3;
	else if (attrs->GetString(key, back, 16, &length) != S_OK ||
		 length != 5 || back[4] != 0x00fc || back[5] != 0)
		step = 4;
	attrs->Release();
	return step;
}
