// SPDX-License-Identifier: GPL-2.0
/*
 * mf_session_vm_test.c - PMP media sessions in PMP processes, with pmp.ko:
 * Microsoft's procedure for two sessions sharing one PMP process, events
 * through a protected host, a host killed under a waiting GetEvent, an
 * encrypted clip played as ffmpeg decodes it, and a host killed while it
 * plays one
 *
 * Needs the module loaded, root, and the project installed under
 * PMP_TEST_PREFIX (default /usr/local); userspace/tests/run-installed.sh
 * runs it in the VM.  It sets the module's linger_ms and puts it back.
 * The clips are clip_list.h's (build/clips next to this program, made by
 * tools/media/mkclips.sh when missing); the host plays them with the
 * installed libpmp-media.so.
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>

#include <libavformat/avformat.h>

#include "pmp_helpers.h"
#include "com_helpers.h"
#include "mf_session_helpers.h"

#include "clip_list.h"
#include "mf_play_helpers.h"

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

/* ---- media through a PMP process ---- */

/*
 * Plays clip @name into the hash sink of a new session with @flags:
 * its key given, its topology set and started; *@pid is its host.
 */
static void start_clip_in_host(struct __test_metadata *_metadata,
			       DWORD flags, const char *name, bool rateless,
			       struct play *p, struct clip *c,
			       IMFMediaSession **session,
			       IPmpSinkOutput **output, struct waiter *w,
			       DWORD *pid)
{
	IMFPMPServer *server;
	const char *dir;

	dir = clip_list_dir();
	ASSERT_NE(NULL, dir);
	*c = find_clip(dir, name);
	ASSERT_LT(0, c->frames) TH_LOG("no clip %s in %s", name, dir);
	ASSERT_TRUE(c->encrypted);
	play_open(_metadata, p, c->file, &CLSID_PmpHashSink, rateless);
	ASSERT_HR(S_OK, MFCreatePMPMediaSession(flags, NULL, session, NULL));
	server = server_of(_metadata, *session);
	*pid = host_pid(_metadata, server);
	IMFPMPServer_Release(server);
	ASSERT_HR(S_OK, MFGetService((IUnknown *)*session,
				     &PMP_SINK_OUTPUT_SERVICE,
				     &IID_IPmpSinkOutput, (void **)output));
	play_give_key(_metadata, *session, c->kid, c->key);
	waiter_init(w, *session);
	ASSERT_HR(S_OK, IMFMediaSession_SetTopology(*session, 0, p->topology));
	ASSERT_TOPOLOGY_READY(w, p->topology);
	ASSERT_STARTS(w, S_OK);
}

TEST_F_TIMEOUT(sharing, encrypted_clip_plays_in_the_host_as_ffmpeg_decodes_it,
	       300)
{
	IMFMediaSession *session = NULL;
	IPmpSinkOutput *output = NULL;
	struct waiter w;
	struct play p;
	struct clip c;

	if (!have_ffmpeg())
		SKIP(return, "ffmpeg is not installed (tools/deps.sh)");
	start_clip_in_host(_metadata, variant->flags,
			   "high-bf3-320x240-cenc.mp4", true, &p, &c, &session,
			   &output, &w, &self->pid);
	ASSERT_HR(S_FALSE, play_read(output, &p, MAX_RECORDS, RECORD_WAIT_MS));
	ASSERT_EVENT(&w, MESessionEnded, S_OK);
	ASSERT_FFMPEG_RECORDS(&p, 0, p.count, &c);
	for (int i = 0; i < p.count; i++)
		ASSERT_EQ(0u, p.records[i].buffers);

	ASSERT_HR(S_OK, IMFMediaSession_Close(session));
	ASSERT_EVENT(&w, MESessionClosed, S_OK);
	IPmpSinkOutput_Release(output);
	ASSERT_HR(S_OK, IMFMediaSession_Shutdown(session));
	ASSERT_EQ(0u, IMFMediaSession_Release(session));
	play_close(&p);
}

/* An IMFAsyncCallback that only says it ran. */
struct ran {
	IMFAsyncCallback IMFAsyncCallback_iface;
	sem_t sem;
};

static HRESULT STDMETHODCALLTYPE ran_QueryInterface(IMFAsyncCallback *iface,
						    REFIID riid, void **ppv)
{
	*ppv = iface;
	return S_OK;
}

static ULONG STDMETHODCALLTYPE ran_AddRef(IMFAsyncCallback *iface)
{
	return 2;
}

static ULONG STDMETHODCALLTYPE ran_Release(IMFAsyncCallback *iface)
{
	return 1;
}

static HRESULT STDMETHODCALLTYPE ran_Invoke(IMFAsyncCallback *iface,
					    IMFAsyncResult *result)
{
	sem_post(&((struct ran *)iface)->sem);
	return S_OK;
}

static const IMFAsyncCallbackVtbl ran_vtbl = {
	ran_QueryInterface, ran_AddRef,	  ran_Release,
	waiter_GetParameters, ran_Invoke,
};

/*
 * libpmp's callback thread, which lives until the process ends, is
 * started before the threads are counted.
 */
static void start_callback_thread(struct __test_metadata *_metadata)
{
	struct ran ran = { .IMFAsyncCallback_iface = { &ran_vtbl } };
	IMFAsyncResult *result = NULL;

	sem_init(&ran.sem, 0, 0);
	ASSERT_HR(S_OK, MFCreateAsyncResult(NULL, &ran.IMFAsyncCallback_iface,
					    NULL, &result));
	ASSERT_HR(S_OK, MFInvokeCallback(result));
	ASSERT_EQ(0, sem_wait(&ran.sem));
	IMFAsyncResult_Release(result);
	sem_destroy(&ran.sem);
}

/* The threads of this process, once those that ended are gone. */
static int threads_settled(int want)
{
	int n = play_count_entries("/proc/self/task");

	for (int i = 0; i < 100 && n != want; i++) {
		sleep_ms(10);
		n = play_count_entries("/proc/self/task");
	}
	return n;
}

TEST_F_TIMEOUT(sharing, host_killed_mid_playback_is_one_meerror_leaving_nothing,
	       300)
{
	IMFMediaSession *session = NULL;
	IPmpSinkOutput *output = NULL;
	IMFMediaEvent *event = POISON;
	IMFSample *none = POISON;
	int fds, threads;
	long long began;
	struct waiter w;
	struct play p;
	struct clip c;

	if (!have_ffmpeg())
		SKIP(return, "ffmpeg is not installed (tools/deps.sh)");
	start_callback_thread(_metadata);
	fds = play_count_entries("/proc/self/fd");
	threads = play_count_entries("/proc/self/task");
	ASSERT_LT(0, fds);

	/* Paced by the clock: 120 frames take 4.8 s. */
	start_clip_in_host(_metadata, variant->flags,
			   "main-longgop-352x288-cenc.mp4", false, &p, &c,
			   &session, &output, &w, &self->pid);
	ASSERT_HR(S_OK, play_read(output, &p, 3, RECORD_WAIT_MS));
	ASSERT_EQ(0, kill(self->pid, SIGKILL));

	/* The session says so once, then behaves as shut down. */
	ASSERT_EVENT(&w, MEError, MF_E_SHUTDOWN);
	ASSERT_HR(MF_E_SHUTDOWN, waiter_next(&w, &event));
	ASSERT_EQ(NULL, event);
	ASSERT_HR(MF_E_SHUTDOWN,
		  IPmpSinkOutput_ReadSample(output, p.sink_node, 0, &none));
	ASSERT_EQ(NULL, none);
	ASSERT_EQ(0, wait_gone(self->pid, EXIT_MARGIN_MS));

	/* Shutdown ends the pumps and the source's feeds without a hang. */
	began = helpers_now_ms();
	ASSERT_HR(S_OK, IMFMediaSession_Shutdown(session));
	ASSERT_GT(EXIT_MARGIN_MS, helpers_now_ms() - began);
	IPmpSinkOutput_Release(output);
	ASSERT_EQ(0u, IMFMediaSession_Release(session));
	play_close(&p);
	ASSERT_EQ(threads, threads_settled(threads));
	ASSERT_EQ(fds, play_count_entries("/proc/self/fd"));
}

TEST_HARNESS_MAIN
