// SPDX-License-Identifier: GPL-2.0
/*
 * mf_session_vm_test.c - PMP media sessions in PMP processes, with pmp.ko:
 * Microsoft's procedure for two sessions sharing one PMP process, events
 * through a protected host, and a host killed under a waiting GetEvent
 *
 * Needs the module loaded, root, and the project installed under
 * PMP_TEST_PREFIX (default /usr/local); userspace/tests/run-installed.sh
 * runs it in the VM.  It sets the module's linger_ms and puts it back.
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>

#include "pmp_helpers.h"
#include "com_helpers.h"
#include "mf_session_helpers.h"

/* The tests' linger_ms: short, yet long for an emulated CPU. */
#define TEST_LINGER_MS 1500
/* What a host may take to go once it has been told to. */
#define EXIT_MARGIN_MS 5000

static char testmedia_so[PATH_MAX / 2];

__attribute__((constructor)) static void installed_paths(void)
{
	const char *p = getenv("PMP_TEST_PREFIX");

	snprintf(testmedia_so, sizeof(testmedia_so),
		 "%s/lib/pmp/components/libpmp-testmedia.so",
		 p ? p : "/usr/local");
	/* Unprotected hosts would honour it: use the installed registry. */
	unsetenv("PMP_REGISTRY_DIR");
}

/* The pid of the PMP process @server reaches, from a counter in it. */
static DWORD host_pid(struct __test_metadata *_metadata,
		      IMFPMPServer *server)
{
	IPmpTestCounter *counter = NULL;
	DWORD pid = 0;

	ASSERT_HR(S_OK, IMFPMPServer_CreateObjectByCLSID(
				server, &CLSID_PmpTestCounter,
				&IID_IPmpTestCounter, (void **)&counter));
	ASSERT_HR(S_OK, IPmpTestCounter_GetProcessId(counter, &pid));
	ASSERT_EQ(0u, IPmpTestCounter_Release(counter));
	ASSERT_NE(0u, pid);
	ASSERT_NE((DWORD)getpid(), pid);
	return pid;
}

/* The IMFPMPServer of @session (MF_PMP_SERVER_CONTEXT). */
static IMFPMPServer *server_of(struct __test_metadata *_metadata,
			       IMFMediaSession *session)
{
	IMFPMPServer *server = NULL;

	ASSERT_HR(S_OK, MFGetService((IUnknown *)session,
				     &MF_PMP_SERVER_CONTEXT, &IID_IMFPMPServer,
				     (void **)&server));
	return server;
}

/*
 * Hosts of earlier programs may linger (linger_ms) or finish a call: the
 * counters mean something once none is left.
 */
static void wait_no_hosts(struct __test_metadata *_metadata)
{
	int i;

	for (i = 0; i < 300 && counter_now(_metadata, HOSTS); i++)
		sleep_ms(100);
	ASSERT_EQ(0, counter_now(_metadata, HOSTS))
		TH_LOG("hosts of earlier tests are still there");
}

FIXTURE(sharing) {
	DWORD pid;
	bool started;
};

FIXTURE_VARIANT(sharing) {
	DWORD flags;
};

FIXTURE_VARIANT_ADD(sharing, protected) {
	.flags = 0,
};

FIXTURE_VARIANT_ADD(sharing, unprotected) {
	.flags = MFPMPSESSION_UNPROTECTED_PROCESS,
};

FIXTURE_SETUP(sharing)
{
	self->pid = 0;
	self->started = false;
	if (access(PMP_DEV, R_OK | W_OK) || access(testmedia_so, R_OK))
		SKIP(longjmp(_metadata->env, 1), "no " PMP_DEV " or no %.200s",
		     testmedia_so);
	save_params(_metadata);
	set_param(_metadata, LINGER_MS, TEST_LINGER_MS);
	wait_no_hosts(_metadata);
	read_counters(_metadata, start_counters);
	ASSERT_HR(S_OK, MFStartup(MF_VERSION, MFSTARTUP_FULL));
	self->started = true;
}

FIXTURE_TEARDOWN(sharing)
{
	if (!self->started)
		return;
	EXPECT_HR(S_OK, MFShutdown());
	/* Whatever a test left, its host must go and leave nothing. */
	if (self->pid)
		EXPECT_EQ(0, wait_gone(self->pid, TEST_LINGER_MS +
						  EXIT_MARGIN_MS));
	expect_live_counters_back(_metadata);
	restore_params(_metadata);
}

TEST_F(sharing, second_session_runs_in_the_host_of_the_first)
{
	IMFTopologyNode *source = NULL, *sink = NULL;
	IMFMediaSession *s1 = NULL, *s2 = NULL;
	IMFPMPServer *server, *server2;
	IMFActivate *ea = POISON;
	IMFAttributes *config = NULL;
	IMFTopology *topology;
	struct waiter w;

	/* 1. The first session, in a new PMP process. */
	ASSERT_HR(S_OK, MFCreatePMPMediaSession(variant->flags, NULL, &s1,
						&ea));
	ASSERT_EQ(NULL, ea);
	/* 2. Its IMFPMPServer, through IMFGetService. */
	server = server_of(_metadata, s1);
	self->pid = host_pid(_metadata, server);
	/* Keep the process across the gap; shut the first session down. */
	ASSERT_HR(S_OK, IMFPMPServer_LockProcess(server));
	ASSERT_HR(S_OK, IMFMediaSession_Shutdown(s1));
	ASSERT_EQ(0u, IMFMediaSession_Release(s1));
	sleep_ms(TEST_LINGER_MS / 4);
	ASSERT_EQ(-1, wait_gone(self->pid, 0))
		TH_LOG("the locked host exited with its first session");
	/* 3. The second session, with MF_SESSION_SERVER_CONTEXT. */
	ASSERT_HR(S_OK, MFCreateAttributes(&config, 1));
	ASSERT_HR(S_OK, IMFAttributes_SetUnknown(config,
						 &MF_SESSION_SERVER_CONTEXT,
						 (IUnknown *)server));
	ea = POISON;
	ASSERT_HR(S_OK, MFCreatePMPMediaSession(variant->flags, config, &s2,
						&ea));
	ASSERT_EQ(NULL, ea);
	ASSERT_HR(S_OK, IMFPMPServer_UnlockProcess(server));

	/* One PMP process, one IMFPMPServer, for both sessions. */
	ASSERT_EQ(1, counter_now(_metadata, HOSTS));
	server2 = server_of(_metadata, s2);
	ASSERT_EQ(server, server2);
	ASSERT_EQ(self->pid, host_pid(_metadata, server2));
	IMFPMPServer_Release(server2);

	/* The second session plays, its events through the PMP process. */
	waiter_init(&w, s2);
	topology = new_test_topology(_metadata, 10, 100000, -1, &source,
				     &sink);
	ASSERT_HR(S_OK, IMFMediaSession_SetTopology(s2, 0, topology));
	ASSERT_TOPOLOGY_READY(&w, topology);
	ASSERT_STARTS(&w, S_OK);
	ASSERT_EVENT(&w, MESessionEnded, S_OK);
	ASSERT_HR(S_OK, IMFMediaSession_Close(s2));
	ASSERT_EVENT(&w, MESessionClosed, S_OK);
	ASSERT_HR(S_OK, IMFMediaSession_Shutdown(s2));
	ASSERT_EQ(0u, IMFMediaSession_Release(s2));

	IMFTopologyNode_Release(source);
	IMFTopologyNode_Release(sink);
	ASSERT_EQ(0u, IMFTopology_Release(topology));
	ASSERT_EQ(0u, IMFAttributes_Release(config));
	ASSERT_EQ(0u, IMFPMPServer_Release(server));
	/* No session, no lock: the process goes. */
	ASSERT_EQ(0, wait_gone(self->pid, EXIT_MARGIN_MS));
}

TEST_F(sharing, locked_host_exits_after_unlock_within_linger_ms)
{
	IMFMediaSession *session = NULL;
	IMFPMPServer *server;

	ASSERT_HR(S_OK, MFCreatePMPMediaSession(variant->flags, NULL,
						&session, NULL));
	server = server_of(_metadata, session);
	self->pid = host_pid(_metadata, server);
	ASSERT_HR(S_OK, IMFPMPServer_LockProcess(server));
	ASSERT_HR(S_OK, IMFMediaSession_Shutdown(session));
	ASSERT_EQ(0u, IMFMediaSession_Release(session));
	sleep_ms(TEST_LINGER_MS / 4);
	ASSERT_EQ(-1, wait_gone(self->pid, 0))
		TH_LOG("the locked host exited with its session");
	ASSERT_HR(S_OK, IMFPMPServer_UnlockProcess(server));
	ASSERT_EQ(0, wait_gone(self->pid, TEST_LINGER_MS + EXIT_MARGIN_MS))
		TH_LOG("the unlocked host outlived linger_ms");
	ASSERT_EQ(0u, IMFPMPServer_Release(server));
}

struct killer {
	pid_t pid;
	int ret;
};

/* Kills the PMP process once the test's GetEvent is surely waiting. */
static void *kill_later(void *arg)
{
	struct killer *k = arg;

	sleep_ms(300);
	k->ret = kill(k->pid, SIGKILL);
	return NULL;
}

TEST_F(sharing, killed_host_ends_a_waiting_get_event_with_meerror)
{
	IMFMediaSession *session = NULL;
	IMFMediaEvent *event = NULL;
	MediaEventType type = MEUnknown;
	IMFPMPServer *server;
	struct killer k;
	PROPVARIANT start;
	pthread_t thread;
	HRESULT status = S_OK;

	ASSERT_HR(S_OK, MFCreatePMPMediaSession(variant->flags, NULL,
						&session, NULL));
	server = server_of(_metadata, session);
	self->pid = host_pid(_metadata, server);
	k.pid = self->pid;
	k.ret = -1;
	ASSERT_EQ(0, pthread_create(&thread, NULL, kill_later, &k));
	/* Blocks: nothing happens in the session until the host dies. */
	ASSERT_HR(S_OK, IMFMediaSession_GetEvent(session, 0, &event));
	ASSERT_EQ(0, pthread_join(thread, NULL));
	ASSERT_EQ(0, k.ret);
	ASSERT_HR(S_OK, IMFMediaEvent_GetType(event, &type));
	ASSERT_EQ((MediaEventType)MEError, type);
	ASSERT_HR(S_OK, IMFMediaEvent_GetStatus(event, &status));
	ASSERT_HR(MF_E_SHUTDOWN, status);
	IMFMediaEvent_Release(event);
	ASSERT_EQ(0, wait_gone(self->pid, EXIT_MARGIN_MS));

	/* Its last word taken, the session behaves as shut down. */
	event = POISON;
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_GetEvent(session, 0, &event));
	ASSERT_EQ(NULL, event);
	PropVariantInit(&start);
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_Start(session, NULL, &start));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_Close(session));
	ASSERT_HR(MF_E_SHUTDOWN, IMFPMPServer_LockProcess(server));
	ASSERT_HR(S_OK, IMFMediaSession_Shutdown(session));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSession_Shutdown(session));
	ASSERT_EQ(0u, IMFMediaSession_Release(session));
	ASSERT_EQ(0u, IMFPMPServer_Release(server));
}

TEST_HARNESS_MAIN
