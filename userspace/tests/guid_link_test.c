// SPDX-License-Identifier: GPL-2.0
/*
 * guid_link_test.c - a program that defines INITGUID in one of its files
 * (guid_link_defs.c) links with libpmp, static (guid_link_static) or
 * shared (guid_link_shared), and sees one copy of each GUID
 *
 * This file uses IID_IMFPMPServer, which the program does not define:
 * linked statically, it pulls libpmp.a's GUID definitions in, IID_IUnknown
 * among them, which the weak definitions of <guiddef.h> allow.  It also
 * runs a media session, whose objects libpmp.a must bring along (the
 * session's host half, its proxies, the event queue, the pump thread).
 */

#define COBJMACROS
#include <mfapi.h>
#include <mfidl.h>

#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"

const GUID *guid_link_defs_iid_unknown(void);

TEST(client_defining_initguid_links_and_sees_one_copy_of_each_guid)
{
	static const BYTE unknown_tail[8] = { 0xc0, 0, 0, 0, 0, 0, 0, 0x46 };
	IMFPMPServer *server = NULL;
	IUnknown *unk = NULL;
	void *none = NULL;

	TH_LOG("libpmp linked %s", PMP_LINK);
	ASSERT_EQ(&IID_IUnknown, guid_link_defs_iid_unknown());
	ASSERT_EQ(0u, IID_IUnknown.Data1);
	ASSERT_EQ(0, memcmp(unknown_tail, IID_IUnknown.Data4, 8));
	ASSERT_EQ(0x994e23afu, IID_IMFPMPServer.Data1);

	/* libpmp compares with the same GUIDs. */
	ASSERT_EQ(S_OK, MFCreatePMPServer(MFPMPSESSION_IN_PROCESS, &server));
	ASSERT_EQ(S_OK, IMFPMPServer_QueryInterface(server, &IID_IUnknown,
						    (void **)&unk));
	ASSERT_EQ((void *)server, (void *)unk);
	ASSERT_EQ(E_NOINTERFACE,
		  IMFPMPServer_QueryInterface(server, &IID_IClassFactory,
					      &none));
	ASSERT_EQ(1u, IUnknown_Release(unk));
	ASSERT_EQ(0u, IMFPMPServer_Release(server));
}

TEST(client_of_a_media_session_links_and_runs_it)
{
	IMFMediaSession *session = NULL;
	IMFPMPServer *server = NULL;
	IMFMediaEvent *event = NULL;
	MediaEventType type = MEUnknown;
	PROPVARIANT start;

	ASSERT_EQ(S_OK, MFStartup(MF_VERSION, MFSTARTUP_FULL));
	ASSERT_EQ(S_OK, MFCreatePMPMediaSession(MFPMPSESSION_IN_PROCESS, NULL,
						&session, NULL));
	ASSERT_EQ(S_OK, MFGetService((IUnknown *)session,
				     &MF_PMP_SERVER_CONTEXT, &IID_IMFPMPServer,
				     (void **)&server));
	PropVariantInit(&start);
	ASSERT_EQ(S_OK, IMFMediaSession_Start(session, &GUID_NULL, &start));
	ASSERT_EQ(S_OK, IMFMediaSession_GetEvent(session, 0, &event));
	ASSERT_EQ(S_OK, IMFMediaEvent_GetType(event, &type));
	ASSERT_EQ((MediaEventType)MESessionStarted, type);
	IMFMediaEvent_Release(event);
	ASSERT_EQ(S_OK, IMFMediaSession_Shutdown(session));
	ASSERT_EQ(0u, IMFMediaSession_Release(session));
	ASSERT_EQ(0u, IMFPMPServer_Release(server));
	ASSERT_EQ(S_OK, MFShutdown());
}

TEST_HARNESS_MAIN
