// SPDX-License-Identifier: MIT
/*
 * pmp-demo-session - two Media Sessions share one PMP process
 *
 * Microsoft's documented procedure (IMFPMPServer), written from Microsoft's
 * documentation alone: nothing here is pmp's but `pkg-config pmp` to build
 * it and `pmpctl hosts` to watch the kernel's view between the steps.
 *
 *   1. MFCreatePMPMediaSession: session 1 in a new PMP process
 *   2. MFGetService(MF_PMP_SERVER_CONTEXT): that process's IMFPMPServer
 *   3. LockProcess, then Close and Shut down session 1: the process stays
 *   4. MFCreatePMPMediaSession with MF_SESSION_SERVER_CONTEXT: session 2
 *      in the same process
 *   5. UnlockProcess; shut down session 2: the process exits
 *
 * Usage: pmp-demo-session [--unprotected]
 * Exit status 0 when every step did what Microsoft documents, 1 otherwise.
 */
#define COBJMACROS
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mfapi.h>
#include <mfidl.h>
#include <mferror.h>

#define CHECK(what, call)                                                      \
	do {                                                                   \
		HRESULT hr_ = (call);                                          \
		printf("  %-56s 0x%08x\n", what, (unsigned int)hr_);           \
		if (FAILED(hr_))                                               \
			exit(1);                                               \
	} while (0)

static void step(const char *text)
{
	printf("\n%s\n", text);
	fflush(stdout);
}

static void pmpctl_hosts(void)
{
	fflush(stdout);
	if (system("pmpctl hosts | sed 's/^/    /'"))
		printf("    (pmpctl failed)\n");
}

/* Waits for the event @type, as Microsoft's samples do after Close. */
static HRESULT wait_for(IMFMediaSession *session, MediaEventType type)
{
	IMFMediaEvent *event;
	MediaEventType got;
	HRESULT hr, status;

	for (;;) {
		hr = IMFMediaSession_GetEvent(session, 0, &event);
		if (FAILED(hr))
			return hr;
		IMFMediaEvent_GetType(event, &got);
		IMFMediaEvent_GetStatus(event, &status);
		IMFMediaEvent_Release(event);
		printf("    event %lu, status 0x%08x\n", (unsigned long)got,
		       (unsigned int)status);
		if (got == type)
			return status;
	}
}

/* Microsoft's order: Close, wait for MESessionClosed, Shutdown, Release. */
static void end_session(IMFMediaSession *session)
{
	CHECK("IMFMediaSession::Close", IMFMediaSession_Close(session));
	CHECK("  ...MESessionClosed", wait_for(session, MESessionClosed));
	CHECK("IMFMediaSession::Shutdown", IMFMediaSession_Shutdown(session));
	IMFMediaSession_Release(session);
}

int main(int argc, char **argv)
{
	DWORD flags = 0;
	IMFMediaSession *session1 = NULL, *session2 = NULL;
	IMFPMPServer *server = NULL, *server2 = NULL;
	IUnknown *unk1 = NULL, *unk2 = NULL;
	IMFAttributes *config = NULL;
	IMFActivate *enabler = NULL;
	int same;

	if (argc > 1 && !strcmp(argv[1], "--unprotected"))
		flags = MFPMPSESSION_UNPROTECTED_PROCESS;
	else if (argc > 1) {
		fprintf(stderr, "usage: %s [--unprotected]\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	CHECK("CoInitializeEx", CoInitializeEx(NULL, COINIT_MULTITHREADED));
	CHECK("MFStartup(MF_VERSION)", MFStartup(MF_VERSION, MFSTARTUP_FULL));

	step("1. MFCreatePMPMediaSession: session 1 in a new PMP process");
	CHECK("MFCreatePMPMediaSession(flags, NULL, &session1, &enabler)",
	      MFCreatePMPMediaSession(flags, NULL, &session1, &enabler));
	pmpctl_hosts();

	step("2. MFGetService(session1, MF_PMP_SERVER_CONTEXT): its IMFPMPServer");
	CHECK("MFGetService(MF_PMP_SERVER_CONTEXT, IID_IMFPMPServer)",
	      MFGetService((IUnknown *)session1, &MF_PMP_SERVER_CONTEXT,
			   &IID_IMFPMPServer, (void **)&server));

	step("3. LockProcess, then shut session 1 down: the process stays");
	CHECK("IMFPMPServer::LockProcess", IMFPMPServer_LockProcess(server));
	end_session(session1);
	pmpctl_hosts();

	step("4. MFCreatePMPMediaSession with MF_SESSION_SERVER_CONTEXT: "
	     "session 2 joins the same process");
	CHECK("MFCreateAttributes", MFCreateAttributes(&config, 1));
	CHECK("SetUnknown(MF_SESSION_SERVER_CONTEXT, server)",
	      IMFAttributes_SetUnknown(config, &MF_SESSION_SERVER_CONTEXT,
				       (IUnknown *)server));
	CHECK("MFCreatePMPMediaSession(flags, config, &session2, &enabler)",
	      MFCreatePMPMediaSession(flags, config, &session2, &enabler));
	CHECK("MFGetService(session2, MF_PMP_SERVER_CONTEXT)",
	      MFGetService((IUnknown *)session2, &MF_PMP_SERVER_CONTEXT,
			   &IID_IMFPMPServer, (void **)&server2));
	IMFPMPServer_QueryInterface(server, &IID_IUnknown, (void **)&unk1);
	IMFPMPServer_QueryInterface(server2, &IID_IUnknown, (void **)&unk2);
	same = unk1 && unk1 == unk2;
	printf("  session 2's IMFPMPServer is session 1's: %s\n",
	       same ? "yes (one COM identity)" : "NO");
	pmpctl_hosts();

	step("5. UnlockProcess, shut session 2 down: the process exits");
	CHECK("IMFPMPServer::UnlockProcess", IMFPMPServer_UnlockProcess(server));
	end_session(session2);
	IUnknown_Release(unk1);
	IUnknown_Release(unk2);
	IMFPMPServer_Release(server2);
	IMFPMPServer_Release(server);
	IMFAttributes_Release(config);
	/* The process lingers for the module's linger time, then exits. */
	printf("  (waiting out the PMP process's linger time)\n");
	sleep(4);
	pmpctl_hosts();

	CHECK("MFShutdown", MFShutdown());
	CoUninitialize();
	return same && !enabler ? 0 : 1;
}
