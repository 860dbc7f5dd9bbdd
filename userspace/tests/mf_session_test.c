// SPDX-License-Identifier: GPL-2.0
/*
 * mf_session_test.c - PMP media sessions in process (no kernel module):
 * MFCreatePMPMediaSession, IMFMediaSession and its events, IMFGetService,
 * MFGetService, the presentation clock
 *
 * Sessions run with MFPMPSESSION_IN_PROCESS, their host half in this
 * process, with the build tree's registry (PMP_REGISTRY_DIR) and pmp's
 * test source and sink (libpmp-testmedia.so).  mf_session_vm_test runs
 * the same API against PMP processes in the VM.
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <pthread.h>

#include "com_helpers.h"
#include "mf_session_helpers.h"

/* Ten samples of 10 ms: a presentation of 100 ms. */
#define SAMPLES 10
#define SAMPLE_HNS 100000

/* A foreign IMFPMPServer: a session cannot join it. */
static HRESULT STDMETHODCALLTYPE fake_QueryInterface(IMFPMPServer *iface,
						     REFIID riid, void **ppv)
{
	if (IsEqualIID(riid, &IID_IUnknown) ||
	    IsEqualIID(riid, &IID_IMFPMPServer)) {
		*ppv = iface;
		return S_OK;
	}
	*ppv = NULL;
	return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE fake_AddRef(IMFPMPServer *iface)
{
	return 2;
}

static ULONG STDMETHODCALLTYPE fake_Release(IMFPMPServer *iface)
{
	return 1;
}

static HRESULT STDMETHODCALLTYPE fake_LockProcess(IMFPMPServer *iface)
{
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE fake_CreateObjectByCLSID(IMFPMPServer *iface,
							  REFCLSID clsid,
							  REFIID riid,
							  void **ppv)
{
	*ppv = NULL;
	return E_NOTIMPL;
}

static const IMFPMPServerVtbl fake_vtbl = {
	fake_QueryInterface, fake_AddRef,	fake_Release,
	fake_LockProcess,    fake_LockProcess, fake_CreateObjectByCLSID,
};

/* Creates an in-process session, failing with @want. */
#define ASSERT_CREATE_SESSION_FAILS(want, flags, config) do { \
	IMFMediaSession *__s = POISON; \
	IMFActivate *__ea = POISON; \
	ASSERT_HR(want, MFCreatePMPMediaSession(flags, config, &__s, &__ea)); \
	ASSERT_EQ(NULL, __s); \
	ASSERT_EQ(NULL, __ea); \
} while (0)

/* ---- creation ---- */

TEST(creation_before_mfstartup_is_mf_e_platform_not_initialized)
{
	default_registry_dir();
	ASSERT_CREATE_SESSION_FAILS(MF_E_PLATFORM_NOT_INITIALIZED,
				    MFPMPSESSION_IN_PROCESS, NULL);
	ASSERT_HR(S_OK, MFStartup(MF_VERSION, MFSTARTUP_FULL));
	ASSERT_HR(S_OK, MFShutdown());
	/* MFShutdown undid the one MFStartup. */
	ASSERT_CREATE_SESSION_FAILS(MF_E_PLATFORM_NOT_INITIALIZED,
				    MFPMPSESSION_IN_PROCESS, NULL);
}

TEST(creation_checks_its_pointers_and_flags)
{
	IMFActivate *ea = POISON;

	ASSERT_HR(S_OK, MFStartup(MF_VERSION, MFSTARTUP_FULL));
	ASSERT_HR(E_POINTER, MFCreatePMPMediaSession(MFPMPSESSION_IN_PROCESS,
						     NULL, NULL, &ea));
	ASSERT_EQ(NULL, ea);
	ASSERT_CREATE_SESSION_FAILS(E_INVALIDARG, 0x4, NULL);
	ASSERT_CREATE_SESSION_FAILS(E_INVALIDARG,
				    MFPMPSESSION_IN_PROCESS |
					    MFPMPSESSION_UNPROTECTED_PROCESS,
				    NULL);
	ASSERT_HR(S_OK, MFShutdown());
}

TEST(server_context_must_be_a_pmp_server)
{
	IMFPMPServer fake = { &fake_vtbl };
	IMFAttributes *config = NULL, *other = NULL;

	default_registry_dir();
	ASSERT_HR(S_OK, MFStartup(MF_VERSION, MFSTARTUP_FULL));
	ASSERT_HR(S_OK, MFCreateAttributes(&config, 1));
	ASSERT_HR(S_OK, MFCreateAttributes(&other, 1));

	/* Another implementation of IMFPMPServer reaches no PMP process. */
	ASSERT_HR(S_OK, IMFAttributes_SetUnknown(config,
						 &MF_SESSION_SERVER_CONTEXT,
						 (IUnknown *)&fake));
	ASSERT_CREATE_SESSION_FAILS(E_INVALIDARG, MFPMPSESSION_IN_PROCESS,
				    config);
	/* An object that is no IMFPMPServer at all. */
	ASSERT_HR(S_OK, IMFAttributes_SetUnknown(config,
						 &MF_SESSION_SERVER_CONTEXT,
						 (IUnknown *)other));
	ASSERT_CREATE_SESSION_FAILS(E_INVALIDARG, MFPMPSESSION_IN_PROCESS,
				    config);
	/* A value of another type. */
	ASSERT_HR(S_OK, IMFAttributes_SetUINT32(config,
						&MF_SESSION_SERVER_CONTEXT, 1));
	ASSERT_CREATE_SESSION_FAILS(E_INVALIDARG, MFPMPSESSION_IN_PROCESS,
				    config);

	ASSERT_EQ(0u, IMFAttributes_Release(config));
	ASSERT_EQ(0u, IMFAttributes_Release(other));
	ASSERT_HR(S_OK, MFShutdown());
}

/* ---- one session ---- */

FIXTURE(session) {
	IMFMediaSession *session;
	struct waiter w;
};

FIXTURE_SETUP(session)
{
	IMFActivate *ea = POISON;

	default_registry_dir();
	ASSERT_HR(S_OK, MFStartup(MF_VERSION, MFSTARTUP_FULL));
	self->session = NULL;
	ASSERT_HR(S_OK, MFCreatePMPMediaSession(MFPMPSESSION_IN_PROCESS, NULL,
						&self->session, &ea));
	ASSERT_NE(NULL, self->session);
	ASSERT_EQ(NULL, ea);
	waiter_init(&self->w, self->session);
}

FIXTURE_TEARDOWN(session)
{
	if (self->session)
		EXPECT_EQ(0u, IMFMediaSession_Release(self->session));
	EXPECT_HR(S_OK, MFShutdown());
}

TEST_F(session, interfaces_are_the_session_and_its_get_service)
{
	IMFMediaSession *session = self->session;
	IMFMediaEventGenerator *gen = NULL;
	IMFGetService *gs = NULL;
	IUnknown *unk = NULL, *unk2 = NULL;
	void *none = POISON;

	ASSERT_HR(S_OK, IMFMediaSession_QueryInterface(session, &IID_IUnknown,
						       (void **)&unk));
	ASSERT_EQ((void *)session, (void *)unk);
	ASSERT_HR(S_OK, IMFMediaSession_QueryInterface(
				session, &IID_IMFMediaEventGenerator,
				(void **)&gen));
	ASSERT_EQ((void *)session, (void *)gen);
	ASSERT_HR(S_OK, IMFMediaSession_QueryInterface(
				session, &IID_IMFGetService, (void **)&gs));
	ASSERT_NE((void *)session, (void *)gs);
	/* One object: its IMFGetService leads back to the same IUnknown. */
	ASSERT_HR(S_OK, IMFGetService_QueryInterface(gs, &IID_IUnknown,
						     (void **)&unk2));
	ASSERT_EQ(unk, unk2);
	ASSERT_HR(E_NOINTERFACE, IMFMediaSession_QueryInterface(
					 session, &IID_IMFAttributes, &none));
	ASSERT_EQ(NULL, none);
	ASSERT_HR(E_POINTER, IMFMediaSession_QueryInterface(
				     session, &IID_IUnknown, NULL));
	IUnknown_Release(unk2);
	IMFGetService_Release(gs);
	IMFMediaEventGenerator_Release(gen);
	ASSERT_EQ(1u, IUnknown_Release(unk));
}

TEST_F(session, get_service_gives_the_server_of_its_pmp_process)
{
	IMFPMPServer *server = NULL, *again = NULL;
	IUnknown *unk = NULL;
	void *none = POISON;

	ASSERT_HR(S_OK, MFGetService((IUnknown *)self->session,
				     &MF_PMP_SERVER_CONTEXT, &IID_IMFPMPServer,
				     (void **)&server));
	ASSERT_NE(NULL, server);
	/* One object, whichever way it is asked for. */
	ASSERT_HR(S_OK, MFGetService((IUnknown *)self->session,
				     &MF_PMP_SERVER_CONTEXT, &IID_IMFPMPServer,
				     (void **)&again));
	ASSERT_EQ(server, again);
	ASSERT_HR(S_OK, MFGetService((IUnknown *)self->session,
				     &MF_PMP_SERVER_CONTEXT, &IID_IUnknown,
				     (void **)&unk));
	ASSERT_EQ((void *)server, (void *)unk);
	ASSERT_HR(E_NOINTERFACE,
		  MFGetService((IUnknown *)self->session,
			       &MF_PMP_SERVER_CONTEXT, &IID_IMFGetService,
			       &none));
	ASSERT_EQ(NULL, none);
	/* It is a working server: the in-process one has a lock count. */
	ASSERT_HR(S_OK, IMFPMPServer_LockProcess(server));
	ASSERT_HR(S_OK, IMFPMPServer_UnlockProcess(server));
	ASSERT_HR(MF_E_INVALIDREQUEST, IMFPMPServer_UnlockProcess(server));
	IUnknown_Release(unk);
	IMFPMPServer_Release(again);
	IMFPMPServer_Release(server);
}

TEST_F(session, get_service_refuses_other_services_and_null_pointers)
{
	IMFGetService *gs = NULL;
	IMFAttributes *attrs = NULL;
	void *none = POISON;

	ASSERT_HR(S_OK, IMFMediaSession_QueryInterface(
				self->session, &IID_IMFGetService,
				(void **)&gs));
	ASSERT_HR(MF_E_UNSUPPORTED_SERVICE,
		  IMFGetService_GetService(gs, &MF_PMP_SERVICE,
					   &IID_IUnknown, &none));
	ASSERT_EQ(NULL, none);
	none = POISON;
	ASSERT_HR(MF_E_UNSUPPORTED_SERVICE,
		  MFGetService((IUnknown *)self->session, &IID_IUnknown,
			       &IID_IUnknown, &none));
	ASSERT_EQ(NULL, none);
	ASSERT_HR(E_POINTER, IMFGetService_GetService(
				     gs, &MF_PMP_SERVER_CONTEXT,
				     &IID_IMFPMPServer, NULL));
	ASSERT_HR(E_POINTER, MFGetService((IUnknown *)self->session,
					  &MF_PMP_SERVER_CONTEXT,
					  &IID_IMFPMPServer, NULL));
	/* An object without IMFGetService. */
	ASSERT_HR(S_OK, MFCreateAttributes(&attrs, 0));
	none = POISON;
	ASSERT_HR(E_NOINTERFACE,
		  MFGetService((IUnknown *)attrs, &MF_PMP_SERVER_CONTEXT,
			       &IID_IMFPMPServer, &none));
	ASSERT_EQ(NULL, none);
	IMFAttributes_Release(attrs);
	IMFGetService_Release(gs);
}

TEST_F(session, events_of_a_topology_come_in_order)
{
	IMFTopologyNode *source = NULL, *sink = NULL, *node = NULL;
	IMFTopology *topology, *full = NULL;
	TOPOID id = 0, source_id = 0, sink_id = 0;
	UINT64 count = 0;
	WORD nodes = 0;

	topology = new_test_topology(_metadata, SAMPLES, SAMPLE_HNS, -1,
				     &source, &sink);
	ASSERT_HR(S_OK, IMFTopology_GetTopologyID(topology, &id));
	ASSERT_HR(S_OK, IMFTopologyNode_GetTopoNodeID(source, &source_id));
	ASSERT_HR(S_OK, IMFTopologyNode_GetTopoNodeID(sink, &sink_id));

	ASSERT_HR(S_OK, IMFMediaSession_SetTopology(self->session, 0,
						    topology));
	ASSERT_TOPOLOGY_READY(&self->w, topology);
	ASSERT_STARTS(&self->w, S_OK);
	ASSERT_EVENT(&self->w, MESessionEnded, S_OK);

	/* The host half's copy, with what moved through each node. */
	ASSERT_HR(S_OK, IMFMediaSession_GetFullTopology(
				self->session,
				MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &full));
	ASSERT_NE((void *)topology, (void *)full);
	ASSERT_HR(S_OK, IMFTopology_GetNodeCount(full, &nodes));
	ASSERT_EQ(2, nodes);
	ASSERT_HR(S_OK, IMFTopology_GetNodeByID(full, source_id, &node));
	ASSERT_HR(S_OK, IMFTopologyNode_GetUINT64(
				node, &PMP_TOPONODE_SAMPLE_COUNT, &count));
	ASSERT_EQ((UINT64)SAMPLES, count);
	IMFTopologyNode_Release(node);
	ASSERT_HR(S_OK, IMFTopology_GetNodeByID(full, sink_id, &node));
	ASSERT_HR(S_OK, IMFTopologyNode_GetUINT64(
				node, &PMP_TOPONODE_SAMPLE_COUNT, &count));
	ASSERT_EQ((UINT64)SAMPLES, count);
	IMFTopologyNode_Release(node);
	ASSERT_EQ(0u, IMFTopology_Release(full));

	ASSERT_HR(S_OK, IMFMediaSession_Close(self->session));
	ASSERT_EVENT(&self->w, MESessionClosed, S_OK);
	ASSERT_HR(S_OK, IMFMediaSession_Shutdown(self->session));
	IMFTopologyNode_Release(source);
	IMFTopologyNode_Release(sink);
	ASSERT_EQ(0u, IMFTopology_Release(topology));
}

TEST_F(session, failing_sink_ends_the_presentation_with_meerror)
{
	IMFTopologyNode *source = NULL, *sink = NULL;
	IMFTopology *topology;

	topology = new_test_topology(_metadata, SAMPLES, SAMPLE_HNS, 3,
				     &source, &sink);
	ASSERT_HR(S_OK, IMFMediaSession_SetTopology(self->session, 0,
						    topology));
	ASSERT_TOPOLOGY_READY(&self->w, topology);
	ASSERT_STARTS(&self->w, S_OK);
	ASSERT_EVENT(&self->w, MEError, E_ABORT);
	IMFTopologyNode_Release(source);
	IMFTopologyNode_Release(sink);
	IMFTopology_Release(topology);
}

TEST_F(session, without_topology_start_pause_stop_report_mf_e_invalidrequest)
{
	ASSERT_STARTS(&self->w, MF_E_INVALIDREQUEST);
	ASSERT_HR(S_OK, IMFMediaSession_Pause(self->session));
	ASSERT_EVENT(&self->w, MESessionPaused, MF_E_INVALIDREQUEST);
	ASSERT_HR(S_OK, IMFMediaSession_Stop(self->session));
	ASSERT_EVENT(&self->w, MESessionStopped, MF_E_INVALIDREQUEST);
	ASSERT_HR(S_OK, IMFMediaSession_ClearTopologies(self->session));
	ASSERT_EVENT(&self->w, MESessionTopologiesCleared, S_OK);
}

TEST_F(session, get_event_waits_or_says_no_events_available)
{
	IMFMediaEvent *event = POISON;
	MediaEventType type = MEUnknown;
	PROPVARIANT start;

	ASSERT_HR(MF_E_NO_EVENTS_AVAILABLE,
		  IMFMediaSession_GetEvent(self->session,
					   MF_EVENT_FLAG_NO_WAIT, &event));
	ASSERT_EQ(NULL, event);
	PropVariantInit(&start);
	ASSERT_HR(S_OK, IMFMediaSession_Start(self->session, NULL, &start));
	/* Blocks until the pump brings MESessionStarted. */
	ASSERT_HR(S_OK, IMFMediaSession_GetEvent(self->session, 0, &event));
	ASSERT_HR(S_OK, IMFMediaEvent_GetType(event, &type));
	ASSERT_EQ((MediaEventType)MESessionStarted, type);
	IMFMediaEvent_Release(event);
	ASSERT_HR(MF_E_NO_EVENTS_AVAILABLE,
		  IMFMediaSession_GetEvent(self->session,
					   MF_EVENT_FLAG_NO_WAIT, &event));
}

TEST_F(session, begin_get_event_calls_back_on_a_libpmp_thread)
{
	struct waiter other;
	IMFAsyncResult *foreign = NULL;
	IMFMediaEvent *event = POISON;

	waiter_init(&other, self->session);
	ASSERT_HR(E_INVALIDARG,
		  IMFMediaSession_BeginGetEvent(self->session, NULL, NULL));
	ASSERT_HR(S_OK, IMFMediaSession_BeginGetEvent(
				self->session, &self->w.IMFAsyncCallback_iface,
				NULL));
	/* One subscriber at a time. */
	ASSERT_HR(MF_E_MULTIPLE_SUBSCRIBERS,
		  IMFMediaSession_BeginGetEvent(
			  self->session, &other.IMFAsyncCallback_iface, NULL));
	ASSERT_HR(MF_E_MULTIPLE_SUBSCRIBERS,
		  IMFMediaSession_GetEvent(self->session,
					   MF_EVENT_FLAG_NO_WAIT, &event));
	/* A result that is not the pending one: E_FAIL, as on Windows. */
	ASSERT_HR(S_OK, MFCreateAsyncResult(NULL,
					    &other.IMFAsyncCallback_iface,
					    NULL, &foreign));
	ASSERT_HR(E_FAIL, IMFMediaSession_EndGetEvent(self->session, foreign,
						      &event));
	IMFAsyncResult_Release(foreign);

	ASSERT_HR(S_OK, IMFMediaSession_Stop(self->session));
	ASSERT_EQ(0, waiter_wait(&self->w));
	ASSERT_HR(S_OK, self->w.end_hr);
	ASSERT_EQ(0, pthread_equal(pthread_self(), self->w.thread));
	IMFMediaEvent_Release(self->w.event);
	ASSERT_EQ(1, other.refcount);
}

TEST_F(session, queue_event_reaches_the_application)
{
	static const GUID ext = { 0x5eb1e555, 0x1, 0x2, { 3, 4, 5, 6, 7, 8 } };
	IMFMediaEvent *event = NULL;
	PROPVARIANT v, got;
	GUID ext_got;

	PropVariantInit(&v);
	v.vt = VT_I8;
	v.hVal.QuadPart = 1234;
	ASSERT_HR(S_OK, IMFMediaSession_QueueEvent(self->session,
						   MEExtendedType, &ext,
						   E_ABORT, &v));
	ASSERT_NEXT_EVENT(&self->w, MEExtendedType, E_ABORT, event);
	ASSERT_HR(S_OK, IMFMediaEvent_GetExtendedType(event, &ext_got));
	ASSERT_TRUE(IsEqualGUID(&ext, &ext_got));
	PropVariantInit(&got);
	ASSERT_HR(S_OK, IMFMediaEvent_GetValue(event, &got));
	ASSERT_EQ(VT_I8, got.vt);
	ASSERT_EQ(1234, got.hVal.QuadPart);
	IMFMediaEvent_Release(event);
}

/*
 * Shutdown drops the events nobody took, however many: every one of them
 * released once (it once popped two per event and crashed on the last).
 */
TEST_F(session, shutdown_drops_the_events_nobody_took)
{
	IMFMediaEvent *event = POISON;
	int i;

	for (i = 0; i < 3; i++)
		ASSERT_HR(S_OK, IMFMediaSession_QueueEvent(self->session,
							   MEExtendedType,
							   &GUID_NULL, S_OK,
							   NULL));
	ASSERT_HR(S_OK, IMFMediaSession_Shutdown(self->session));
	ASSERT_HR(MF_E_SHUTDOWN,
		  IMFMediaSession_GetEvent(self->session,
					   MF_EVENT_FLAG_NO_WAIT, &event));
	ASSERT_EQ(NULL, event);
}

TEST_F(session, start_takes_presentation_time_only)
{
	static const GUID segment = { 0xc8b4be2a, 0x1, 0x2, { 3, 4, 5, 6 } };
	PROPVARIANT start;

	PropVariantInit(&start);
	ASSERT_HR(E_POINTER, IMFMediaSession_Start(self->session, &GUID_NULL,
						   NULL));
	ASSERT_HR(E_INVALIDARG, IMFMediaSession_Start(self->session, &segment,
						      &start));
	start.vt = VT_I4;
	ASSERT_HR(E_INVALIDARG, IMFMediaSession_Start(self->session,
						      &GUID_NULL, &start));
	start.vt = VT_I8;
	start.hVal.QuadPart = 0;
	ASSERT_HR(S_OK, IMFMediaSession_Start(self->session, &GUID_NULL,
					      &start));
	ASSERT_EVENT(&self->w, MESessionStarted, MF_E_INVALIDREQUEST);
}

TEST_F(session, set_topology_needs_a_topology_with_nodes)
{
	IMFTopology *empty = NULL;

	ASSERT_HR(E_POINTER, IMFMediaSession_SetTopology(self->session, 0,
							 NULL));
	/* Microsoft's way to clear the current topology: not offered. */
	ASSERT_HR(E_NOTIMPL, IMFMediaSession_SetTopology(
				     self->session,
				     MFSESSION_SETTOPOLOGY_CLEAR_CURRENT,
				     NULL));
	ASSERT_HR(S_OK, MFCreateTopology(&empty));
	ASSERT_HR(E_INVALIDARG, IMFMediaSession_SetTopology(self->session, 0,
							    empty));
	ASSERT_EQ(1u, refs_of(empty));
	ASSERT_EQ(0u, IMFTopology_Release(empty));
}

TEST_F(session, topology_is_held_until_close)
{
	IMFTopologyNode *source = NULL, *sink = NULL;
	IMFTopology *topology;

	topology = new_test_topology(_metadata, SAMPLES, SAMPLE_HNS, -1,
				     &source, &sink);
	ASSERT_HR(S_OK, IMFMediaSession_SetTopology(self->session, 0,
						    topology));
	ASSERT_TOPOLOGY_READY(&self->w, topology);
	/* Ours and the session's, for the events still to come. */
	ASSERT_EQ(2u, refs_of(topology));
	/* ClearTopologies clears the queued ones, not the current one. */
	ASSERT_HR(S_OK, IMFMediaSession_ClearTopologies(self->session));
	ASSERT_EVENT(&self->w, MESessionTopologiesCleared, S_OK);
	ASSERT_EQ(2u, refs_of(topology));
	ASSERT_HR(S_OK, IMFMediaSession_Close(self->session));
	ASSERT_EVENT(&self->w, MESessionClosed, S_OK);
	ASSERT_EQ(1u, refs_of(topology));
	IMFTopologyNode_Release(source);
	IMFTopologyNode_Release(sink);
	ASSERT_EQ(0u, IMFTopology_Release(topology));
}

TEST_F(session, after_shutdown_every_method_is_mf_e_shutdown)
{
	IMFMediaSession *s = self->session;
	IMFTopologyNode *source = NULL, *sink = NULL;
	IMFTopology *topology, *full = POISON;
	IMFClock *clock = NULL, *none_clock = POISON;
	IMFMediaEvent *event = POISON;
	IMFGetService *gs = NULL;
	void *none = POISON;
	PROPVARIANT start;
	MFTIME time = 0;
	DWORD caps = 0;

	topology = new_test_topology(_metadata, SAMPLES, SAMPLE_HNS, -1,
				     &source, &sink);
	ASSERT_HR(S_OK, IMFMediaSession_GetClock(s, &clock));
	ASSERT_HR(S_OK, IMFMediaSession_Shutdown(s));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_Shutdown(s));

	/* A NULL out pointer is still E_POINTER. */
	PropVariantInit(&start);
	ASSERT_HR(E_POINTER, IMFMediaSession_Start(s, &GUID_NULL, NULL));
	ASSERT_HR(E_POINTER, IMFMediaSession_GetClock(s, NULL));
	ASSERT_HR(E_POINTER, IMFMediaSession_GetSessionCapabilities(s, NULL));
	ASSERT_HR(E_POINTER, IMFMediaSession_GetFullTopology(s, 0, 0, NULL));
	ASSERT_HR(E_POINTER, IMFMediaSession_SetTopology(s, 0, NULL));
	ASSERT_HR(E_INVALIDARG, IMFMediaSession_GetEvent(s, 0, NULL));
	ASSERT_HR(E_POINTER, MFGetService((IUnknown *)s,
					  &MF_PMP_SERVER_CONTEXT,
					  &IID_IMFPMPServer, NULL));

	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_SetTopology(s, 0, topology));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_ClearTopologies(s));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_Start(s, &GUID_NULL, &start));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_Pause(s));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_Stop(s));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_Close(s));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_GetClock(s, &none_clock));
	ASSERT_EQ(NULL, none_clock);
	ASSERT_HR(MF_E_SHUTDOWN,
		  IMFMediaSession_GetSessionCapabilities(s, &caps));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_GetFullTopology(
					 s, MFSESSION_GETFULLTOPOLOGY_CURRENT,
					 0, &full));
	ASSERT_EQ(NULL, full);
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_GetEvent(
					 s, MF_EVENT_FLAG_NO_WAIT, &event));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_GetEvent(s, 0, &event));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_BeginGetEvent(
					 s, &self->w.IMFAsyncCallback_iface,
					 NULL));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_QueueEvent(
					 s, MEExtendedType, &GUID_NULL, S_OK,
					 NULL));
	ASSERT_HR(MF_E_SHUTDOWN, MFGetService((IUnknown *)s,
					      &MF_PMP_SERVER_CONTEXT,
					      &IID_IMFPMPServer, &none));
	ASSERT_EQ(NULL, none);
	/* The clock handed out before goes down with its session. */
	ASSERT_HR(MF_E_SHUTDOWN, IMFPresentationClock_GetTime(
					 (IMFPresentationClock *)clock,
					 &time));

	/* IUnknown keeps working. */
	ASSERT_HR(S_OK, IMFMediaSession_QueryInterface(
				s, &IID_IMFGetService, (void **)&gs));
	ASSERT_HR(MF_E_SHUTDOWN, IMFGetService_GetService(
					 gs, &MF_PMP_SERVER_CONTEXT,
					 &IID_IMFPMPServer, &none));
	ASSERT_EQ(1u, IMFGetService_Release(gs));
	/* The session's own reference goes with the session. */
	ASSERT_EQ(1u, IMFClock_Release(clock));
	IMFTopologyNode_Release(source);
	IMFTopologyNode_Release(sink);
	ASSERT_EQ(0u, IMFTopology_Release(topology));
}

static void *shutdown_later(void *arg)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	IMFMediaSession *session = arg;

	nanosleep(&ts, NULL);
	return (void *)(intptr_t)IMFMediaSession_Shutdown(session);
}

TEST_F(session, shutdown_ends_a_blocking_get_event)
{
	IMFMediaEvent *event = POISON;
	pthread_t thread;
	void *hr;

	ASSERT_EQ(0, pthread_create(&thread, NULL, shutdown_later,
				    self->session));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_GetEvent(self->session, 0,
							  &event));
	ASSERT_EQ(NULL, event);
	ASSERT_EQ(0, pthread_join(thread, &hr));
	ASSERT_HR(S_OK, (HRESULT)(intptr_t)hr);
}

TEST_F(session, clock_runs_while_started_and_stops_with_stop)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	IMFTopologyNode *source = NULL, *sink = NULL;
	IMFPresentationClock *pclock = NULL;
	IMFTopology *topology;
	IMFClock *clock = NULL, *again = NULL;
	MFCLOCK_PROPERTIES props;
	MFCLOCK_STATE state = MFCLOCK_STATE_INVALID;
	MFTIME t1 = 0, t2 = 0, sys = 0, before;
	LONGLONG corr = 0;
	DWORD chars = 0, key = 1;

	/* Long enough not to end under the test: 1000 samples, 10 s. */
	topology = new_test_topology(_metadata, 1000, SAMPLE_HNS, -1, &source,
				     &sink);
	ASSERT_HR(S_OK, IMFMediaSession_GetClock(self->session, &clock));
	ASSERT_HR(S_OK, IMFMediaSession_GetClock(self->session, &again));
	ASSERT_EQ(clock, again);
	IMFClock_Release(again);
	ASSERT_HR(S_OK, IMFClock_QueryInterface(clock,
						&IID_IMFPresentationClock,
						(void **)&pclock));
	ASSERT_EQ((void *)clock, (void *)pclock);
	ASSERT_HR(S_OK, IMFClock_GetClockCharacteristics(clock, &chars));
	ASSERT_EQ((DWORD)MFCLOCK_CHARACTERISTICS_FLAG_FREQUENCY_10MHZ, chars);
	ASSERT_HR(S_OK, IMFClock_GetContinuityKey(clock, &key));
	ASSERT_EQ(0u, key);
	ASSERT_HR(S_OK, IMFClock_GetProperties(clock, &props));
	ASSERT_EQ((UINT64)MFCLOCK_FREQUENCY_HNS, props.qwClockFrequency);
	/* The session drives its clock; the application only reads it. */
	ASSERT_HR(MF_E_INVALIDREQUEST, IMFPresentationClock_Start(pclock, 0));
	ASSERT_HR(MF_E_INVALIDREQUEST, IMFPresentationClock_Pause(pclock));
	ASSERT_HR(MF_E_INVALIDREQUEST, IMFPresentationClock_Stop(pclock));
	ASSERT_HR(E_NOTIMPL, IMFPresentationClock_AddClockStateSink(
				     pclock, (IMFClockStateSink *)POISON));
	ASSERT_HR(E_INVALIDARG,
		  IMFPresentationClock_AddClockStateSink(pclock, NULL));

	ASSERT_HR(S_OK, IMFMediaSession_SetTopology(self->session, 0,
						    topology));
	ASSERT_TOPOLOGY_READY(&self->w, topology);
	ASSERT_STARTS(&self->w, S_OK);
	ASSERT_HR(S_OK, IMFClock_GetState(clock, 0, &state));
	ASSERT_EQ((MFCLOCK_STATE)MFCLOCK_STATE_RUNNING, state);
	ASSERT_HR(S_OK, IMFPresentationClock_GetTime(pclock, &t1));
	nanosleep(&ts, NULL);
	ASSERT_HR(S_OK, IMFPresentationClock_GetTime(pclock, &t2));
	ASSERT_LT(t1, t2);
	before = MFGetSystemTime();
	ASSERT_HR(S_OK, IMFClock_GetCorrelatedTime(clock, 0, &corr, &sys));
	ASSERT_LE(before, sys);
	ASSERT_GE(MFGetSystemTime(), sys);
	ASSERT_LE(t2, corr);

	ASSERT_HR(S_OK, IMFMediaSession_Stop(self->session));
	ASSERT_EVENT(&self->w, MESessionStopped, S_OK);
	ASSERT_HR(S_OK, IMFClock_GetState(clock, 0, &state));
	ASSERT_EQ((MFCLOCK_STATE)MFCLOCK_STATE_STOPPED, state);

	IMFPresentationClock_Release(pclock);
	IMFClock_Release(clock);
	IMFTopologyNode_Release(source);
	IMFTopologyNode_Release(sink);
	IMFTopology_Release(topology);
}

/* ---- lifetime and sharing ---- */

TEST(final_release_shuts_the_session_down)
{
	IMFMediaSession *session = NULL;
	IMFClock *clock = NULL;
	MFCLOCK_STATE state;

	default_registry_dir();
	ASSERT_HR(S_OK, MFStartup(MF_VERSION, MFSTARTUP_FULL));
	ASSERT_HR(S_OK, MFCreatePMPMediaSession(MFPMPSESSION_IN_PROCESS, NULL,
						&session, NULL));
	ASSERT_HR(S_OK, IMFMediaSession_GetClock(session, &clock));
	ASSERT_HR(S_OK, IMFClock_GetState(clock, 0, &state));
	ASSERT_EQ(0u, IMFMediaSession_Release(session));
	ASSERT_HR(MF_E_SHUTDOWN, IMFClock_GetState(clock, 0, &state));
	ASSERT_EQ(0u, IMFClock_Release(clock));
	ASSERT_HR(S_OK, MFShutdown());
}

TEST(second_session_joins_the_server_of_the_first)
{
	IMFMediaSession *s1 = NULL, *s2 = NULL;
	IMFPMPServer *server = NULL;
	IMFAttributes *config = NULL;
	IUnknown *unk1 = NULL, *unk2 = NULL;
	struct waiter w;

	default_registry_dir();
	ASSERT_HR(S_OK, MFStartup(MF_VERSION, MFSTARTUP_FULL));
	ASSERT_HR(S_OK, MFCreatePMPMediaSession(MFPMPSESSION_IN_PROCESS, NULL,
						&s1, NULL));
	/* Microsoft's procedure, step by step. */
	ASSERT_HR(S_OK, MFGetService((IUnknown *)s1, &MF_PMP_SERVER_CONTEXT,
				     &IID_IMFPMPServer, (void **)&server));
	ASSERT_HR(S_OK, IMFPMPServer_LockProcess(server));
	ASSERT_HR(S_OK, IMFMediaSession_Shutdown(s1));
	ASSERT_HR(S_OK, MFCreateAttributes(&config, 1));
	ASSERT_HR(S_OK, IMFAttributes_SetUnknown(config,
						 &MF_SESSION_SERVER_CONTEXT,
						 (IUnknown *)server));
	/*
	 * The flags name a new unprotected process, which this machine
	 * cannot start: the session joins the server instead.
	 */
	ASSERT_HR(S_OK, MFCreatePMPMediaSession(
				MFPMPSESSION_UNPROTECTED_PROCESS, config, &s2,
				NULL));
	ASSERT_HR(S_OK, IMFPMPServer_UnlockProcess(server));

	ASSERT_HR(S_OK, IMFPMPServer_QueryInterface(server, &IID_IUnknown,
						    (void **)&unk1));
	ASSERT_HR(S_OK, MFGetService((IUnknown *)s2, &MF_PMP_SERVER_CONTEXT,
				     &IID_IUnknown, (void **)&unk2));
	ASSERT_EQ(unk1, unk2);

	/* The second session works. */
	waiter_init(&w, s2);
	ASSERT_STARTS(&w, MF_E_INVALIDREQUEST);

	IUnknown_Release(unk1);
	IUnknown_Release(unk2);
	ASSERT_EQ(0u, IMFMediaSession_Release(s1));
	ASSERT_EQ(0u, IMFMediaSession_Release(s2));
	ASSERT_EQ(0u, IMFAttributes_Release(config));
	ASSERT_EQ(0u, IMFPMPServer_Release(server));
	ASSERT_HR(S_OK, MFShutdown());
}

TEST(session_joins_a_server_of_mfcreatepmpserver)
{
	IMFPMPServer *server = NULL, *got = NULL;
	IMFMediaSession *session = NULL;
	IMFAttributes *config = NULL;

	default_registry_dir();
	ASSERT_HR(S_OK, MFStartup(MF_VERSION, MFSTARTUP_FULL));
	ASSERT_HR(S_OK, MFCreatePMPServer(MFPMPSESSION_IN_PROCESS, &server));
	ASSERT_HR(S_OK, MFCreateAttributes(&config, 1));
	ASSERT_HR(S_OK, IMFAttributes_SetUnknown(config,
						 &MF_SESSION_SERVER_CONTEXT,
						 (IUnknown *)server));
	ASSERT_HR(S_OK, MFCreatePMPMediaSession(0, config, &session, NULL));
	ASSERT_HR(S_OK, MFGetService((IUnknown *)session,
				     &MF_PMP_SERVER_CONTEXT, &IID_IMFPMPServer,
				     (void **)&got));
	ASSERT_EQ(server, got);
	IMFPMPServer_Release(got);
	ASSERT_EQ(0u, IMFMediaSession_Release(session));
	ASSERT_EQ(0u, IMFAttributes_Release(config));
	ASSERT_EQ(0u, IMFPMPServer_Release(server));
	ASSERT_HR(S_OK, MFShutdown());
}

TEST_HARNESS_MAIN
