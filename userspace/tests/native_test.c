// SPDX-License-Identifier: GPL-2.0
/*
 * native_test - libpmp's native API, pmphost and the class registry
 *
 * Runs where pmp.ko is loaded and the project is installed, as root: in
 * the VM,
 *
 *	tools/vm/run sh -c 'make -C userspace install && ldconfig &&
 *		userspace/tests/native_test'
 *
 * The inproc tests are the host themselves (a thread of the test serves
 * with pmp_host_recv() and pmp_host_reply()), so that every answer is the
 * test's to choose.  The spawned tests start the installed pmphost with
 * pmp_server_spawn() and talk to the installed test component
 * (libpmp-counter.so, <pmpsamples.h>); the trust tests add class files to
 * the installed registry and remove them again.  The test process is a
 * child subreaper, so that every pmphost it starts becomes its child: the
 * teardown waits for each to exit before it checks that the live counters
 * are back where they started.
 *
 * The test links the static libpmp: it also calls internal functions (the
 * ABI check, the digest).
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "pmp_helpers.h"

#include "pmp/pmp.h"
#include "pmp/mferror.h"
/* The samples' GUIDs are not libpmp's: defined here (weakly, as libpmp's). */
#include "pmp/initguid.h"
#include "pmp/pmpsamples.h"
#include "pmp/winerror.h"

#include "config.h"
#include "sys.h"
#include "trust.h"

/* Short enough that a spawned host the test is done with goes quickly. */
#define LINGER_SPAWNED		1000

#define HOST_THREADS		4

/* The counter's GUIDs (exported by libpmp), as the native API takes them. */
#define clsid_counter	(*(const pmp_guid *)&CLSID_PmpTestCounter)
#define iid_counter	(*(const pmp_guid *)&IID_IPmpTestCounter)

/* IPmpTestCounter's methods, by vtable slot; LONGs travel as 4 bytes LE. */
enum {
	COUNTER_ADD = 3,
	COUNTER_GET = 4,
	COUNTER_FAIL = 7,
	COUNTER_GET_PROCESS_ID = 8,
	COUNTER_CLONE = 9,
};

/* No registry names this class. */
static const pmp_guid clsid_unknown = {
	0x0badc1a5, 0x0000, 0x4000,
	{ 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 },
};

/* The trust tests register this class; the counter component lacks it. */
#define CLSID_TRUST_TEST_STR	"{5E1F7A10-2B3C-4D5E-8F90-A1B2C3D4E5F6}"
static const pmp_guid clsid_trust_test = {
	0x5e1f7a10, 0x2b3c, 0x4d5e,
	{ 0x8f, 0x90, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6 },
};

/* The classes and methods of the inproc host. */
static const pmp_guid clsid_echo = {
	0xec40ec40, 0x0001, 0x4000,
	{ 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02 },
};

static const pmp_guid clsid_failing = {
	0xfa11fa11, 0x0001, 0x4000,
	{ 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03 },
};

static const pmp_guid iid_any = {
	0x11111111, 0x2222, 0x4333,
	{ 0x84, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55 },
};

enum {
	/* Answers the payload reversed and the descriptors it got. */
	ECHO_REVERSE = 3,
	/* Hands back a new object. */
	ECHO_NEW_OBJECT = 4,
	/* Answers with the status the payload holds. */
	ECHO_STATUS = 5,
};

/* Cookies use all 64 bits, so that a truncation would show. */
#define COOKIE_BASE		0xc00c1e0000000000ULL

static bool guid_eq(const pmp_guid *a, const pmp_guid *b)
{
	return !memcmp(a, b, sizeof(*a));
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

static const char *err_name(int err)
{
	return errno_name(err < 0 ? -err : err);
}

/* Asserts that a libpmp call returned exactly @want (0 or -errno). */
#define ASSERT_RET(want, call) do { \
	int __want = (want), __ret = (call); \
	ASSERT_EQ(__want, __ret) \
		TH_LOG("%s: expected %s, got %s", #call, err_name(__want), \
		       err_name(__ret)); \
} while (0)

static struct pmp_info server_info(struct __test_metadata *_metadata,
				   pmp_server *srv)
{
	return info_of(_metadata, pmp_server_fd(srv));
}

/* ---- the inproc host: a thread of the test serves ---------------------- */

struct inproc {
	pmp_host *host;
	pthread_t thread;
	bool running;
	int stop;
	atomic_uint creates;
	atomic_uint calls;
	atomic_uint releases;
	atomic_uint gone;
	atomic_ullong last_release;
	atomic_ullong next_cookie;
	atomic_int error;
};

static struct inproc inproc;

static int inproc_answer(struct inproc *s, struct pmp_host_work *w)
{
	struct pmp_host_reply_args rp = { 0 };
	uint8_t out[256];
	int32_t status;
	uint32_t i;
	int ret;

	if (w->type == PMP_HOST_WORK_CREATE) {
		atomic_fetch_add(&s->creates, 1);
		if (guid_eq(&w->clsid, &clsid_echo))
			rp.cookie = atomic_fetch_add(&s->next_cookie, 1);
		else
			rp.status = guid_eq(&w->clsid, &clsid_failing) ?
					    E_FAIL : REGDB_E_CLASSNOTREG;
		return pmp_host_reply(s->host, w->txn, &rp);
	}

	atomic_fetch_add(&s->calls, 1);
	switch (w->method) {
	case ECHO_REVERSE:
		if (w->in_size > sizeof(out))
			return -EMSGSIZE;
		for (i = 0; i < w->in_size; i++)
			out[i] = ((const uint8_t *)w->in)[w->in_size - 1 - i];
		rp.out = out;
		rp.out_size = w->in_size;
		rp.out_fds = w->in_fds;
		rp.out_nfds = w->in_nfds;
		break;
	case ECHO_NEW_OBJECT:
		rp.cookie = atomic_fetch_add(&s->next_cookie, 1);
		break;
	case ECHO_STATUS:
		memcpy(&status, w->in, sizeof(status));
		rp.status = status;
		break;
	default:
		rp.status = E_NOINTERFACE;
		break;
	}
	ret = pmp_host_reply(s->host, w->txn, &rp);
	for (i = 0; i < w->in_nfds; i++)
		close(w->in_fds[i]);
	return ret;
}

static void *inproc_main(void *p)
{
	struct inproc *s = p;
	struct pollfd pfd[2] = {
		{ .fd = pmp_host_fd(s->host), .events = POLLIN },
		{ .fd = s->stop, .events = POLLIN },
	};
	struct pmp_host_work w;
	uint8_t buf[4096];
	int ret;

	for (;;) {
		if (poll(pfd, 2, -1) < 0 && errno != EINTR)
			break;
		if (pfd[1].revents)
			break;
		if (!pfd[0].revents)
			continue;
		ret = pmp_host_recv(s->host, buf, sizeof(buf), &w);
		if (ret == -ESHUTDOWN)
			break;
		if (!ret && w.type == PMP_HOST_WORK_RELEASE) {
			atomic_store(&s->last_release, w.cookie);
			atomic_fetch_add(&s->releases, 1);
		} else if (!ret && w.type == PMP_HOST_WORK_CLIENT_GONE) {
			atomic_fetch_add(&s->gone, 1);
		} else if (!ret) {
			ret = inproc_answer(s, &w);
		}
		if (ret && !atomic_load(&s->error))
			atomic_store(&s->error, ret);
	}
	return NULL;
}

static void inproc_start(struct __test_metadata *_metadata, struct inproc *s)
{
	uint32_t missing;

	memset(s, 0, sizeof(*s));
	atomic_store(&s->next_cookie, COOKIE_BASE + 1);
	ASSERT_RET(0, pmp_host_register(PMP_HOST_REGISTER_UNPROTECTED,
					&missing, &s->host));
	s->stop = eventfd(0, EFD_CLOEXEC);
	ASSERT_LE(0, s->stop);
	ASSERT_EQ(0, pthread_create(&s->thread, NULL, inproc_main, s));
	s->running = true;
}

static void inproc_stop(struct inproc *s)
{
	uint64_t one = 1;

	if (!s->running)
		return;
	if (write(s->stop, &one, sizeof(one)) == sizeof(one))
		pthread_join(s->thread, NULL);
	s->running = false;
}

/* Waits until @counter reaches @value. */
static bool wait_count(atomic_uint *counter, unsigned int value)
{
	long deadline = now_ms() + WAIT_MS;

	while (atomic_load(counter) < value && now_ms() < deadline)
		sleep_ms(5);
	return atomic_load(counter) >= value;
}

FIXTURE(inproc) {
	pmp_server *srv;
};

FIXTURE_SETUP(inproc)
{
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	inproc_start(_metadata, &inproc);
	ASSERT_RET(0, pmp_server_join(pmp_host_id(inproc.host), &self->srv));
}

FIXTURE_TEARDOWN(inproc)
{
	_metadata->trigger = 0;
	pmp_server_unref(self->srv);
	inproc_stop(&inproc);
	EXPECT_EQ(0, atomic_load(&inproc.error))
		TH_LOG("the inproc host failed: %s",
		       err_name(atomic_load(&inproc.error)));
	pmp_host_close(inproc.host);
	kill_children();
	restore_params(_metadata);
	expect_live_counters_back(_metadata);
}

TEST_F(inproc, abi_check_accepts_version_3_and_later_only)
{
	ASSERT_EQ(3, PMP_LIB_ABI_VERSION);
	ASSERT_RET(0, pmp_abi_check(3));
	ASSERT_RET(0, pmp_abi_check(4));
	ASSERT_RET(0, pmp_abi_check(1000));
	ASSERT_RET(-EPROTO, pmp_abi_check(2));
	ASSERT_RET(-EPROTO, pmp_abi_check(1));
	ASSERT_RET(-EPROTO, pmp_abi_check(0));
	/* A device that does not answer PMP_IOC_VERSION. */
	ASSERT_RET(-EPROTO, pmp_abi_check(-ENOTTY));
	/* The loaded module passes. */
	ASSERT_RET(0, pmp_abi_check(ioctl(pmp_server_fd(self->srv),
					  PMP_IOC_VERSION, 0UL)));
}

TEST_F(inproc, registered_host_has_id_and_starts)
{
	struct pmp_info info = info_of(_metadata, pmp_host_fd(inproc.host));

	ASSERT_NE(0ULL, pmp_host_id(inproc.host));
	ASSERT_EQ(info.host_id, pmp_host_id(inproc.host));
	ASSERT_EQ((__u32)PMP_HOST_UNPROTECTED, info.host_flags);
	ASSERT_EQ(PMP_HOST_STARTING, pmp_host_state(inproc.host));
	ASSERT_EQ(pmp_host_id(inproc.host), pmp_server_host_id(self->srv));
	ASSERT_EQ(getpid(), pmp_server_host_pid(self->srv));
	ASSERT_EQ(1, pmp_server_alive(self->srv));
}

TEST_F(inproc, protected_registration_of_unhardened_process_fails_eperm)
{
	uint32_t missing = 0;
	pmp_host *host = (pmp_host *)1;

	ASSERT_RET(-EPERM, pmp_host_register(0, &missing, &host));
	ASSERT_EQ(NULL, host);
	/* At least: dumpable, no no_new_privs, no seccomp filter. */
	ASSERT_EQ((__u32)(PMP_HARDEN_NONDUMPABLE | PMP_HARDEN_NO_NEW_PRIVS |
			  PMP_HARDEN_SECCOMP),
		  missing & (PMP_HARDEN_NONDUMPABLE | PMP_HARDEN_NO_NEW_PRIVS |
			     PMP_HARDEN_SECCOMP));
}

TEST_F(inproc, host_new_then_start_registers_once)
{
	pmp_host *host;
	uint32_t missing;

	ASSERT_RET(0, pmp_host_new(&host));
	ASSERT_EQ(0ULL, pmp_host_id(host));
	ASSERT_RET(-ENOTCONN, pmp_host_state(host));
	ASSERT_RET(-EINVAL, pmp_host_start(host, 2, &missing));
	/* Refused as protected, the endpoint may still register. */
	ASSERT_RET(-EPERM, pmp_host_start(host, 0, &missing));
	ASSERT_NE(0U, missing);
	ASSERT_RET(0, pmp_host_start(host, PMP_HOST_REGISTER_UNPROTECTED,
				     NULL));
	ASSERT_NE(0ULL, pmp_host_id(host));
	ASSERT_NE(pmp_host_id(inproc.host), pmp_host_id(host));
	ASSERT_RET(-EISCONN, pmp_host_start(host,
					    PMP_HOST_REGISTER_UNPROTECTED,
					    NULL));
	pmp_host_close(host);
}

TEST_F(inproc, null_arguments_fail_einval)
{
	pmp_server *srv = (pmp_server *)1;
	int32_t status;
	pmp_obj *obj = (pmp_obj *)1;

	ASSERT_RET(-EINVAL, pmp_server_join(1, NULL));
	ASSERT_RET(-EINVAL, pmp_server_spawn(0, NULL));
	ASSERT_RET(-EINVAL, pmp_server_lock(NULL));
	ASSERT_RET(-EINVAL, pmp_server_unlock(NULL));
	ASSERT_RET(-EINVAL, pmp_server_fd(NULL));
	ASSERT_RET(-EINVAL, pmp_server_alive(NULL));
	ASSERT_RET(-EINVAL, pmp_server_create(self->srv, NULL, &iid_any, 0,
					      &status, &obj));
	ASSERT_EQ(NULL, obj);
	ASSERT_RET(-EINVAL, pmp_obj_call(NULL, NULL));
	ASSERT_RET(-EINVAL, pmp_host_register(0, NULL, NULL));
	ASSERT_RET(-ECONNREFUSED, pmp_server_join(0, &srv));
	ASSERT_EQ(NULL, srv);
	ASSERT_RET(0, pmp_obj_release(NULL));
	pmp_server_unref(NULL);
	pmp_host_close(NULL);
}

/*
 * In a child as uid nobody: registers an unprotected host, writes its id
 * to @up (0 on failure) and keeps it until @up reads end of file.
 */
static int nobody_host_main(int up)
{
	struct pmp_host_register reg = { .flags = PMP_HOST_UNPROTECTED };
	char byte;
	int fd;

	fd = open("/dev/pmp", O_RDWR | O_CLOEXEC);
	if (fd < 0 || setresgid(NOBODY, NOBODY, NOBODY) ||
	    setresuid(NOBODY, NOBODY, NOBODY) ||
	    ioctl(fd, PMP_IOC_HOST_REGISTER, &reg))
		reg.host_id = 0;
	if (write(up, &reg.host_id, sizeof(reg.host_id)) !=
	    sizeof(reg.host_id))
		return 1;
	while (read(up, &byte, 1) > 0)
		;
	return 0;
}

/*
 * pmp_server_join() asks the kernel whose host it joins: root, whom the
 * kernel lets into another uid's unprotected host, is refused it without
 * PMP_JOIN_OTHER_UID, also once a connection to it exists; with the flag
 * it joins.  Its own host (the fixture's) is the control.
 */
TEST_F(inproc, join_refuses_another_uids_host_unless_asked)
{
	pmp_server *srv = (pmp_server *)1, *own;
	uint64_t id = 0;
	int sv[2];
	pid_t pid;

	if (geteuid())
		SKIP(return, "needs root");
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		close(sv[0]);
		_exit(nobody_host_main(sv[1]));
	}
	close(sv[1]);
	ASSERT_EQ((ssize_t)sizeof(id), read(sv[0], &id, sizeof(id)));
	ASSERT_NE(0ULL, id);

	ASSERT_RET(-EACCES, pmp_server_join(id, &srv));
	ASSERT_EQ(NULL, srv);
	ASSERT_RET(-EACCES, pmp_server_join_flags(id, 0, &srv));
	ASSERT_RET(-EINVAL, pmp_server_join_flags(id, 0x2, &srv));
	ASSERT_RET(0, pmp_server_join_flags(id, PMP_JOIN_OTHER_UID, &srv));
	ASSERT_EQ((uint32_t)NOBODY, server_info(_metadata, srv).host_uid);
	/* The connection exists now; without the flag it is still refused. */
	ASSERT_RET(-EACCES, pmp_server_join(id, &own));
	ASSERT_EQ(NULL, own);
	pmp_server_unref(srv);

	ASSERT_RET(0, pmp_server_join(pmp_host_id(inproc.host), &own));
	ASSERT_EQ(self->srv, own);
	pmp_server_unref(own);
	ASSERT_RET(0, pmp_server_join_flags(pmp_host_id(inproc.host),
					    PMP_JOIN_OTHER_UID, &own));
	ASSERT_EQ(self->srv, own);
	pmp_server_unref(own);

	close(sv[0]);
	ASSERT_EQ(pid, waitpid(pid, NULL, 0));
}

TEST_F(inproc, join_shares_one_connection_and_one_lock_share)
{
	pmp_server *again, *ref;
	struct pmp_info info;

	ASSERT_RET(0, pmp_server_join(pmp_host_id(inproc.host), &again));
	ASSERT_EQ(self->srv, again);
	ref = pmp_server_ref(again);
	ASSERT_EQ(self->srv, ref);

	ASSERT_RET(0, pmp_server_lock(self->srv));
	ASSERT_RET(0, pmp_server_lock(again));
	info = server_info(_metadata, ref);
	ASSERT_EQ(1U, info.clients);
	ASSERT_EQ(2U, info.own_locks);
	ASSERT_EQ(2ULL, info.locks);

	/* Any reference may unlock what another locked. */
	ASSERT_RET(0, pmp_server_unlock(ref));
	ASSERT_RET(0, pmp_server_unlock(self->srv));
	ASSERT_RET(-ENOLCK, pmp_server_unlock(again));
	ASSERT_EQ(0ULL, server_info(_metadata, ref).locks);
	pmp_server_unref(ref);
	pmp_server_unref(again);
	ASSERT_RET(0, pmp_server_lock(self->srv));
	ASSERT_RET(0, pmp_server_unlock(self->srv));
}

TEST_F(inproc, unlock_without_lock_fails_enolck)
{
	long long before[NR_COUNTERS];

	read_counters(_metadata, before);
	ASSERT_RET(-ENOLCK, pmp_server_unlock(self->srv));
	ASSERT_COUNTERS(before);
}

TEST_F(inproc, last_reference_closes_connection_and_drops_its_locks)
{
	struct pmp_info info;

	ASSERT_RET(0, pmp_server_lock(self->srv));
	ASSERT_RET(0, pmp_server_lock(self->srv));
	ASSERT_EQ(2ULL, info_of(_metadata, pmp_host_fd(inproc.host)).locks);
	pmp_server_unref(self->srv);
	self->srv = NULL;
	info = info_of(_metadata, pmp_host_fd(inproc.host));
	ASSERT_EQ(0U, info.clients);
	ASSERT_EQ(0ULL, info.locks);
	ASSERT_TRUE(wait_count(&inproc.gone, 1));

	/* A new join makes a new connection. */
	ASSERT_RET(0, pmp_server_join(pmp_host_id(inproc.host), &self->srv));
	ASSERT_EQ(1U, info_of(_metadata, pmp_host_fd(inproc.host)).clients);
}

TEST_F(inproc, create_call_and_release_reach_the_host)
{
	uint8_t in[5] = { 1, 2, 3, 4, 5 }, out[8] = { 0 };
	struct pmp_call_args args = {
		.method = ECHO_REVERSE,
		.in = in,
		.in_size = sizeof(in),
		.out = out,
		.out_size = sizeof(out),
	};
	const uint8_t want[5] = { 5, 4, 3, 2, 1 };
	int32_t status = 1;
	pmp_obj *obj;

	ASSERT_RET(0, pmp_server_create(self->srv, &clsid_echo, &iid_any, 0,
					&status, &obj));
	ASSERT_EQ(S_OK, status);
	ASSERT_NE(NULL, obj);
	ASSERT_NE(0ULL, pmp_obj_id(obj));
	ASSERT_EQ(self->srv, pmp_obj_server(obj));
	ASSERT_EQ(PMP_HOST_ACTIVE, pmp_host_state(inproc.host));

	ASSERT_RET(0, pmp_obj_call(obj, &args));
	ASSERT_EQ(S_OK, args.status);
	ASSERT_EQ(sizeof(want), args.out_size);
	ASSERT_EQ(0, memcmp(want, out, sizeof(want)));
	ASSERT_EQ(0U, args.out_nfds);
	ASSERT_EQ(NULL, args.out_obj);

	ASSERT_RET(0, pmp_obj_release(obj));
	ASSERT_TRUE(wait_count(&inproc.releases, 1));
	ASSERT_EQ(COOKIE_BASE + 1, atomic_load(&inproc.last_release));
}

TEST_F(inproc, failed_create_gives_status_and_no_object)
{
	long long before[NR_COUNTERS];
	int32_t status = 0;
	pmp_obj *obj = (pmp_obj *)1;

	read_counters(_metadata, before);
	ASSERT_RET(0, pmp_server_create(self->srv, &clsid_failing, &iid_any,
					0, &status, &obj));
	ASSERT_EQ(E_FAIL, status);
	ASSERT_EQ(NULL, obj);
	ASSERT_RET(0, pmp_server_create(self->srv, &clsid_unknown, &iid_any,
					0, &status, &obj));
	ASSERT_EQ(REGDB_E_CLASSNOTREG, status);
	ASSERT_EQ(NULL, obj);
	ASSERT_COUNTERS(before, [OBJECTS_CREATED] = 0);
}

TEST_F(inproc, call_returns_the_hosts_status)
{
	int32_t status, want = (int32_t)0x8004d00d;
	struct pmp_call_args args = {
		.method = ECHO_STATUS,
		.in = &want,
		.in_size = sizeof(want),
	};
	pmp_obj *obj;

	ASSERT_RET(0, pmp_server_create(self->srv, &clsid_echo, &iid_any, 0,
					&status, &obj));
	ASSERT_RET(0, pmp_obj_call(obj, &args));
	ASSERT_EQ(want, args.status);
	ASSERT_EQ(0U, args.out_size);
	ASSERT_RET(0, pmp_obj_release(obj));
}

TEST_F(inproc, call_carries_sealed_memfds_both_ways)
{
	int fds[2], back[PMP_MAX_FDS];
	struct pmp_call_args args = {
		.method = ECHO_REVERSE,
		.in_fds = fds,
		.in_nfds = 2,
		.out_fds = back,
		.out_nfds = PMP_MAX_FDS,
	};
	struct stat a, b;
	int32_t status;
	pmp_obj *obj;
	int i;

	for (i = 0; i < 2; i++) {
		fds[i] = memfd_create("native_test", MFD_CLOEXEC |
						     MFD_ALLOW_SEALING);
		ASSERT_LE(0, fds[i]);
		ASSERT_EQ(0, fcntl(fds[i], F_ADD_SEALS,
				   F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW));
	}
	ASSERT_RET(0, pmp_server_create(self->srv, &clsid_echo, &iid_any, 0,
					&status, &obj));
	ASSERT_RET(0, pmp_obj_call(obj, &args));
	ASSERT_EQ(S_OK, args.status);
	ASSERT_EQ(2U, args.out_nfds);
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, fstat(fds[i], &a));
		ASSERT_EQ(0, fstat(back[i], &b));
		ASSERT_EQ(a.st_ino, b.st_ino);
		ASSERT_EQ(FD_CLOEXEC, fcntl(back[i], F_GETFD));
		close(back[i]);
		close(fds[i]);
	}
	ASSERT_RET(0, pmp_obj_release(obj));
}

TEST_F(inproc, unsealed_descriptor_fails_eperm)
{
	int fd = memfd_create("native_test", MFD_CLOEXEC);
	struct pmp_call_args args = {
		.method = ECHO_REVERSE,
		.in_fds = &fd,
		.in_nfds = 1,
	};
	int32_t status;
	pmp_obj *obj;

	ASSERT_LE(0, fd);
	ASSERT_RET(0, pmp_server_create(self->srv, &clsid_echo, &iid_any, 0,
					&status, &obj));
	ASSERT_RET(-EPERM, pmp_obj_call(obj, &args));
	ASSERT_RET(0, pmp_obj_release(obj));
	close(fd);
}

TEST_F(inproc, call_hands_back_an_object_when_asked)
{
	struct pmp_call_args args = {
		.method = ECHO_NEW_OBJECT,
		.flags = PMP_CALL_WANT_OBJECT,
	};
	int32_t status;
	pmp_obj *obj;

	ASSERT_RET(0, pmp_server_create(self->srv, &clsid_echo, &iid_any, 0,
					&status, &obj));
	ASSERT_RET(0, pmp_obj_call(obj, &args));
	ASSERT_EQ(S_OK, args.status);
	ASSERT_NE(NULL, args.out_obj);
	ASSERT_NE(pmp_obj_id(obj), pmp_obj_id(args.out_obj));
	ASSERT_EQ(self->srv, pmp_obj_server(args.out_obj));
	ASSERT_EQ(2U, server_info(_metadata, self->srv).own_handles);
	ASSERT_RET(0, pmp_obj_release(args.out_obj));

	/* Unknown flags: refused before the call. */
	args.flags = 2;
	ASSERT_RET(-EINVAL, pmp_obj_call(obj, &args));
	ASSERT_EQ(NULL, args.out_obj);
	ASSERT_EQ(1U, atomic_load(&inproc.calls));

	ASSERT_RET(0, pmp_obj_release(obj));
	ASSERT_TRUE(wait_count(&inproc.releases, 2));
}

TEST_F(inproc, recv_into_small_buffer_fails_emsgsize_and_says_size)
{
	struct pmp_host_reply_args rp = { .cookie = COOKIE_BASE };
	uint8_t in[100] = { 0 };
	struct pmp_host_work w;
	pmp_host *host;
	pmp_server *srv;
	uint8_t small[10];
	pid_t pid;
	int32_t status;
	pmp_obj *obj;

	/* A second host, served by hand, with a client in a child. */
	ASSERT_RET(0, pmp_host_register(PMP_HOST_REGISTER_UNPROTECTED, NULL,
					&host));
	pid = spawn(_metadata);
	if (pid == 0) {
		struct pmp_call_args args = {
			.method = ECHO_REVERSE,
			.in = in,
			.in_size = sizeof(in),
		};

		if (pmp_server_join(pmp_host_id(host), &srv) ||
		    pmp_server_create(srv, &clsid_echo, &iid_any, 0, &status,
				      &obj) || status)
			_exit(1);
		_exit(pmp_obj_call(obj, &args) ? 2 : 0);
	}
	ASSERT_RET(0, pmp_host_recv(host, small, sizeof(small), &w));
	ASSERT_EQ(PMP_HOST_WORK_CREATE, (int)w.type);
	ASSERT_TRUE(guid_eq(&clsid_echo, &w.clsid));
	ASSERT_TRUE(guid_eq(&iid_any, &w.iid));
	ASSERT_RET(0, pmp_host_reply(host, w.txn, &rp));
	ASSERT_EQ(1, rp.object_new);
	ASSERT_NE(0ULL, rp.object_id);
	ASSERT_RET(-EMSGSIZE, pmp_host_recv(host, small, sizeof(small), &w));
	ASSERT_EQ(sizeof(in), w.in_size);
	ASSERT_RET(0, pmp_host_recv(host, in, sizeof(in), &w));
	ASSERT_EQ(PMP_HOST_WORK_CALL, (int)w.type);
	ASSERT_EQ(ECHO_REVERSE, (int)w.method);
	ASSERT_EQ(COOKIE_BASE, w.cookie);
	ASSERT_EQ(pid, w.client_pid);
	ASSERT_EQ(sizeof(in), w.in_size);
	ASSERT_EQ((const void *)in, w.in);
	memset(&rp, 0, sizeof(rp));
	ASSERT_RET(0, pmp_host_reply(host, w.txn, &rp));
	ASSERT_RET(-ENOENT, pmp_host_reply(host, w.txn, &rp));
	ASSERT_EQ(0, reap(pid));
	pmp_host_close(host);
}

TEST_F(inproc, host_told_to_exit_gets_eshutdown)
{
	struct pmp_host_work w;
	pmp_host *host;
	uint8_t buf[16];

	set_param(_metadata, LINGER_MS, 50);
	ASSERT_RET(0, pmp_host_register(PMP_HOST_REGISTER_UNPROTECTED, NULL,
					&host));
	ASSERT_EQ(POLLHUP, poll_fd(pmp_host_fd(host), WAIT_MS) & POLLHUP);
	ASSERT_EQ(PMP_HOST_EXIT, pmp_host_state(host));
	ASSERT_RET(-ESHUTDOWN, pmp_host_recv(host, buf, sizeof(buf), &w));
	pmp_host_close(host);
}

TEST_F(inproc, closed_host_hangs_up_its_clients)
{
	struct pmp_call_args args = { .method = ECHO_STATUS };
	pmp_obj *obj, *none;
	pmp_server *srv;
	int32_t status;

	ASSERT_RET(0, pmp_server_lock(self->srv));
	ASSERT_RET(0, pmp_server_create(self->srv, &clsid_echo, &iid_any, 0,
					&status, &obj));
	inproc_stop(&inproc);
	pmp_host_close(inproc.host);
	inproc.host = NULL;

	ASSERT_EQ(POLLHUP, poll_fd(pmp_server_fd(self->srv), WAIT_MS));
	ASSERT_EQ(0, pmp_server_alive(self->srv));
	ASSERT_RET(-ESHUTDOWN, pmp_server_lock(self->srv));
	ASSERT_RET(-ESHUTDOWN, pmp_server_unlock(self->srv));
	ASSERT_RET(-ESHUTDOWN, pmp_server_create(self->srv, &clsid_echo,
						 &iid_any, 0, &status, &none));
	ASSERT_EQ(NULL, none);
	ASSERT_RET(-ESHUTDOWN, pmp_obj_call(obj, &args));
	ASSERT_RET(0, pmp_obj_release(obj));
	/* Its id names nothing any more. */
	ASSERT_RET(-ECONNREFUSED, pmp_server_join(pmp_server_host_id(self->srv),
						  &srv));
}

/* Child exit codes name the step that failed. */
static int forked_child(pmp_server *parent, pmp_obj *obj)
{
	struct pmp_call_args args = { .method = ECHO_STATUS };
	pmp_server *mine;
	int32_t status;
	pmp_obj *o;

	if (pmp_server_lock(parent) != -EBADFD)
		return 1;
	if (pmp_server_unlock(parent) != -EBADFD)
		return 2;
	if (pmp_server_fd(parent) != -EBADFD ||
	    pmp_server_alive(parent) != -EBADFD)
		return 3;
	if (pmp_server_create(parent, &clsid_echo, &iid_any, 0, &status,
			      &o) != -EBADFD || o)
		return 4;
	if (pmp_obj_call(obj, &args) != -EBADFD)
		return 5;
	if (pmp_obj_release(obj) != -EBADFD)
		return 6;
	/* The child's own connection works. */
	if (pmp_server_join(pmp_server_host_id(parent), &mine))
		return 7;
	if (mine == parent)
		return 8;
	if (pmp_server_lock(mine) || pmp_server_unlock(mine))
		return 9;
	pmp_server_unref(mine);
	pmp_server_unref(parent);
	return 0;
}

static int forked_child_main(void *arg)
{
	void **a = arg;

	_exit(forked_child(a[0], a[1]));
}

TEST_F(inproc, forked_child_gets_ebadfd_and_parent_keeps_working)
{
	struct pmp_call_args args = { .method = ECHO_STATUS };
	int32_t zero = 0, status;
	struct pmp_info info;
	pmp_obj *obj;
	pid_t pid;

	args.in = &zero;
	args.in_size = sizeof(zero);
	ASSERT_RET(0, pmp_server_lock(self->srv));
	ASSERT_RET(0, pmp_server_create(self->srv, &clsid_echo, &iid_any, 0,
					&status, &obj));
	pid = spawn(_metadata);
	if (pid == 0)
		_exit(forked_child(self->srv, obj));
	ASSERT_EQ(0, reap(pid));

	info = server_info(_metadata, self->srv);
	ASSERT_EQ(1U, info.own_locks);
	ASSERT_EQ(1U, info.own_handles);
	ASSERT_RET(0, pmp_obj_call(obj, &args));
	ASSERT_EQ(S_OK, args.status);
	ASSERT_RET(0, pmp_server_unlock(self->srv));
	ASSERT_RET(0, pmp_obj_release(obj));
}

TEST_F(inproc, child_made_without_fork_handlers_gets_ebadfd_too)
{
	int32_t status;
	void *arg[2];
	pmp_obj *obj;
	char *stack;
	pid_t pid;
	int wstatus;

	ASSERT_RET(0, pmp_server_create(self->srv, &clsid_echo, &iid_any, 0,
					&status, &obj));
	arg[0] = self->srv;
	arg[1] = obj;
	stack = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	ASSERT_NE(MAP_FAILED, stack);
	/* clone() runs no pthread_atfork() handler: only getpid() tells. */
	pid = clone(forked_child_main, stack + (1 << 20), SIGCHLD, arg);
	ASSERT_LT(0, pid);
	ASSERT_EQ(pid, waitpid(pid, &wstatus, 0));
	ASSERT_TRUE(WIFEXITED(wstatus));
	ASSERT_EQ(0, WEXITSTATUS(wstatus));
	munmap(stack, 1 << 20);
	ASSERT_EQ(1U, server_info(_metadata, self->srv).own_handles);
	ASSERT_RET(0, pmp_obj_release(obj));
}

/* ---- spawned hosts: the installed pmphost and its components ----------- */

#define MAX_HOSTS 16

/* Every pmphost a test started: the teardown waits for each to exit. */
static pid_t host_pids[MAX_HOSTS];
static int nr_host_pids;

static void track_host(struct __test_metadata *_metadata, pmp_server *srv)
{
	ASSERT_GT(MAX_HOSTS, nr_host_pids);
	ASSERT_LT(0, pmp_server_host_pid(srv));
	host_pids[nr_host_pids++] = pmp_server_host_pid(srv);
}

/* Waits for a host (the test's child, as subreaper): its status, or -1. */
static int wait_host_exit(pid_t pid, int ms)
{
	long deadline = now_ms() + ms;
	int status;
	pid_t ret;

	for (;;) {
		ret = waitpid(pid, &status, WNOHANG);
		if (ret == pid)
			return status;
		if (ret < 0 || now_ms() >= deadline)
			return -1;
		sleep_ms(10);
	}
}

static void wait_hosts(struct __test_metadata *_metadata)
{
	int i, status;

	for (i = 0; i < nr_host_pids; i++) {
		status = wait_host_exit(host_pids[i], WAIT_MS);
		EXPECT_NE(-1, status)
			TH_LOG("pmphost %d did not exit", host_pids[i]);
		if (status == -1) {
			kill(host_pids[i], SIGKILL);
			wait_host_exit(host_pids[i], WAIT_MS);
		}
	}
	nr_host_pids = 0;
}

static pmp_server *spawn_host(struct __test_metadata *_metadata,
			      unsigned int flags)
{
	pmp_server *srv = NULL;

	ASSERT_RET(0, pmp_server_spawn(flags, &srv));
	track_host(_metadata, srv);
	return srv;
}

/* One IPmpTestCounter call with at most one LONG in and one out. */
static int32_t counter_call(struct __test_metadata *_metadata, pmp_obj *obj,
			    uint32_t method, const int32_t *in, int32_t *out)
{
	int32_t result = 0;
	struct pmp_call_args args = {
		.method = method,
		.in = in,
		.in_size = in ? sizeof(*in) : 0,
		.out = &result,
		.out_size = out ? sizeof(result) : 0,
	};

	ASSERT_RET(0, pmp_obj_call(obj, &args));
	if (args.status >= 0 && out) {
		ASSERT_EQ(sizeof(result), args.out_size);
		*out = result;
	}
	return args.status;
}

static pmp_obj *new_counter(struct __test_metadata *_metadata,
			    pmp_server *srv)
{
	int32_t status = 1;
	pmp_obj *obj = NULL;

	ASSERT_RET(0, pmp_server_create(srv, &clsid_counter, &iid_counter, 0,
					&status, &obj));
	ASSERT_EQ(S_OK, status);
	ASSERT_NE(NULL, obj);
	return obj;
}

/* Reads /proc/PID/status's line @key, e.g. "Seccomp". */
static int proc_status(pid_t pid, const char *key, char *value, size_t size)
{
	char path[64], line[256];
	size_t len = strlen(key);
	FILE *f;
	int ret = -1;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, len) || line[len] != ':')
			continue;
		snprintf(value, size, "%s", line + len + 1 +
			 strspn(line + len + 1, " \t"));
		value[strcspn(value, "\n")] = '\0';
		ret = 0;
		break;
	}
	fclose(f);
	return ret;
}

static void skip_unless_installed(struct __test_metadata *_metadata)
{
	if (access(PMP_HOST_PATH_DEFAULT, X_OK))
		SKIP(longjmp(_metadata->env, 1),
		     PMP_HOST_PATH_DEFAULT " is not installed (make install)");
}

FIXTURE(spawned) {
	pmp_server *srv;
	pid_t pid;
};

FIXTURE_VARIANT(spawned) {
	unsigned int flags;
};

FIXTURE_VARIANT_ADD(spawned, protected) {
	.flags = 0,
};

FIXTURE_VARIANT_ADD(spawned, unprotected) {
	.flags = PMP_SPAWN_UNPROTECTED,
};

/* A host of the variant's kind, held by a lock of the test's. */
FIXTURE_SETUP(spawned)
{
	env_setup(_metadata);
	skip_unless_installed(_metadata);
	nr_host_pids = 0;
	set_param(_metadata, LINGER_MS, LINGER_SPAWNED);
	self->srv = spawn_host(_metadata, variant->flags);
	ASSERT_RET(0, pmp_server_lock(self->srv));
	self->pid = pmp_server_host_pid(self->srv);
}

FIXTURE_TEARDOWN(spawned)
{
	_metadata->trigger = 0;
	pmp_server_unref(self->srv);
	wait_hosts(_metadata);
	kill_children();
	restore_params(_metadata);
	expect_live_counters_back(_metadata);
}

TEST_F(spawned, host_is_registered_with_the_kind_asked_and_fully_hardened)
{
	struct pmp_info info = server_info(_metadata, self->srv);

	ASSERT_EQ(pmp_server_host_id(self->srv), info.host_id);
	ASSERT_EQ((__u32)self->pid, info.host_pid);
	ASSERT_EQ(variant->flags ? (__u32)PMP_HOST_UNPROTECTED : 0U,
		  info.host_flags);
	/* Unprotected hosts harden themselves all the same. */
	ASSERT_EQ(0U, info.host_missing);
	ASSERT_EQ(getuid(), info.host_uid);
	ASSERT_EQ(1U, info.clients);
	ASSERT_EQ(1ULL, info.locks);
	ASSERT_EQ(1, pmp_server_alive(self->srv));
}

TEST_F(spawned, host_runs_in_a_session_of_its_own_without_leading_it)
{
	char value[64], want[32];

	ASSERT_EQ(0, proc_status(self->pid, "NSsid", value, sizeof(value)));
	snprintf(want, sizeof(want), "%d", getsid(0));
	ASSERT_STRNE(want, value);
	/* Not a session leader: it can never acquire a terminal. */
	snprintf(want, sizeof(want), "%d", self->pid);
	ASSERT_STRNE(want, value);
}

TEST_F(spawned, host_sandbox_shows_in_proc_status)
{
	static const char *const zero_caps[] = {
		"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb",
	};
	char value[128], want[16];
	long deadline = now_ms() + WAIT_MS;
	size_t i;

	ASSERT_EQ(0, proc_status(self->pid, "Seccomp", value, sizeof(value)));
	ASSERT_STREQ("2", value);
	ASSERT_EQ(0, proc_status(self->pid, "NoNewPrivs", value,
				 sizeof(value)));
	ASSERT_STREQ("1", value);
	for (i = 0; i < ARRAY_SIZE(zero_caps); i++) {
		/* Only CAP_SETPCAP empties the bounding set: root's. */
		if (geteuid() && !strcmp(zero_caps[i], "CapBnd"))
			continue;
		ASSERT_EQ(0, proc_status(self->pid, zero_caps[i], value,
					 sizeof(value)));
		ASSERT_STREQ("0000000000000000", value)
			TH_LOG("%s", zero_caps[i]);
	}
	ASSERT_EQ(0, proc_status(self->pid, "TracerPid", value,
				 sizeof(value)));
	ASSERT_STREQ("0", value);
	/* Its serving threads, made after the filter, all carry it. */
	snprintf(want, sizeof(want), "%d", HOST_THREADS);
	do {
		ASSERT_EQ(0, proc_status(self->pid, "Threads", value,
					 sizeof(value)));
		if (!strcmp(value, want))
			break;
		sleep_ms(10);
	} while (now_ms() < deadline);
	ASSERT_STREQ(want, value);
	ASSERT_EQ(0, proc_status(self->pid, "Seccomp_filters", value,
				 sizeof(value)));
	ASSERT_STREQ("1", value);
}

/*
 * Besides /dev/null on 0-2 and its endpoint, a host holds one read-only
 * descriptor per component it loaded: the file checked is the file loaded.
 */
TEST_F(spawned, host_has_no_core_limit_environment_or_stray_descriptor)
{
	char path[320], target[256], line[256], components[PATH_MAX];
	int fds = 0, devnull = 0, pmp = 0, loaded = 0, err;
	bool core = false;
	struct dirent *d;
	struct stat st;
	ssize_t len;
	FILE *f;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/limits", self->pid);
	f = fopen(path, "re");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Max core file size", 18))
			core = strstr(line, " 0 ") &&
			       !strstr(line, "unlimited");
	fclose(f);
	ASSERT_TRUE(core);

	/* The spawner passed an empty environment. */
	snprintf(path, sizeof(path), "/proc/%d/environ", self->pid);
	ASSERT_EQ(0, stat(path, &st));
	f = fopen(path, "re");
	err = f ? 0 : errno;
	if (!variant->flags && enforcing()) {
		/*
		 * A protected host is closed even to root (pmp.ko's guard):
		 * the unprotected variant checks what the spawner passes.
		 */
		ASSERT_EQ(NULL, f);
		ASSERT_EQ(EACCES, err);
		snprintf(path, sizeof(path), "/proc/%d/fd/0", self->pid);
		len = readlink(path, target, sizeof(target));
		err = len < 0 ? errno : 0;
		ASSERT_EQ(-1, len);
		ASSERT_EQ(EACCES, err);
		return;
	}
	ASSERT_NE(NULL, f);
	ASSERT_EQ(EOF, fgetc(f));
	fclose(f);

	snprintf(components, sizeof(components), "%.*s/components/",
		 (int)(strrchr(PMP_REGISTRY_DEFAULT, '/') -
		       PMP_REGISTRY_DEFAULT),
		 PMP_REGISTRY_DEFAULT);
	snprintf(path, sizeof(path), "/proc/%d/fd", self->pid);
	dir = opendir(path);
	ASSERT_NE(NULL, dir);
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fd/%s", self->pid,
			 d->d_name);
		len = readlink(path, target, sizeof(target) - 1);
		ASSERT_LT(0, len);
		target[len] = '\0';
		fds++;
		if (!strcmp(target, "/dev/null") && atoi(d->d_name) <= 2)
			devnull++;
		else if (!strcmp(target, "/dev/pmp"))
			pmp++;
		else if (!strncmp(target, components, strlen(components)))
			loaded++;
		else
			TH_LOG("unexpected descriptor %s -> %s", d->d_name,
			       target);
	}
	closedir(dir);
	ASSERT_EQ(3, devnull);
	ASSERT_EQ(1, pmp);
	/*
	 * The installed counter, clearkey, testmedia, media and probe
	 * components.
	 */
	ASSERT_EQ(5, loaded);
	ASSERT_EQ(9, fds);
}

TEST_F(spawned, join_and_ref_share_the_spawners_connection_and_lock)
{
	pmp_server *joined, *ref;

	ASSERT_RET(0, pmp_server_join(pmp_server_host_id(self->srv),
				      &joined));
	ASSERT_EQ(self->srv, joined);
	ref = pmp_server_ref(self->srv);
	ASSERT_RET(0, pmp_server_lock(joined));
	ASSERT_EQ(2U, server_info(_metadata, ref).own_locks);
	ASSERT_RET(0, pmp_server_unlock(ref));
	ASSERT_RET(0, pmp_server_unlock(joined));
	ASSERT_RET(-ENOLCK, pmp_server_unlock(self->srv));
	ASSERT_EQ(0ULL, server_info(_metadata, ref).locks);
	/* Relocked within linger_ms: the host stays. */
	ASSERT_RET(0, pmp_server_lock(ref));
	pmp_server_unref(ref);
	pmp_server_unref(joined);
	ASSERT_EQ(1, pmp_server_alive(self->srv));
}

TEST_F(spawned, two_spawns_start_two_hosts)
{
	pmp_server *other = spawn_host(_metadata, variant->flags);

	ASSERT_NE(self->srv, other);
	ASSERT_NE(pmp_server_host_id(self->srv), pmp_server_host_id(other));
	ASSERT_NE(pmp_server_host_pid(self->srv), pmp_server_host_pid(other));
	pmp_server_unref(other);
}

TEST_F(spawned, counter_component_is_created_and_called_in_the_host)
{
	int32_t delta = 5, value = 0, fail = E_FAIL;
	struct pmp_call_args clone = {
		.method = COUNTER_CLONE,
		.flags = PMP_CALL_WANT_OBJECT,
	};
	pmp_obj *obj = new_counter(_metadata, self->srv);

	ASSERT_EQ(S_OK, counter_call(_metadata, obj, COUNTER_ADD, &delta,
				     &value));
	ASSERT_EQ(5, value);
	delta = -7;
	ASSERT_EQ(S_OK, counter_call(_metadata, obj, COUNTER_ADD, &delta,
				     &value));
	ASSERT_EQ(-2, value);
	ASSERT_EQ(S_OK, counter_call(_metadata, obj, COUNTER_GET, NULL,
				     &value));
	ASSERT_EQ(-2, value);
	ASSERT_EQ(S_OK, counter_call(_metadata, obj, COUNTER_GET_PROCESS_ID,
				     NULL, &value));
	ASSERT_EQ(self->pid, value);
	ASSERT_EQ(E_FAIL, counter_call(_metadata, obj, COUNTER_FAIL, &fail,
				       NULL));

	/* Clone hands back a second, independent object. */
	ASSERT_RET(0, pmp_obj_call(obj, &clone));
	ASSERT_EQ(S_OK, clone.status);
	ASSERT_NE(NULL, clone.out_obj);
	ASSERT_NE(pmp_obj_id(obj), pmp_obj_id(clone.out_obj));
	delta = 10;
	ASSERT_EQ(S_OK, counter_call(_metadata, clone.out_obj, COUNTER_ADD,
				     &delta, &value));
	ASSERT_EQ(8, value);
	ASSERT_EQ(S_OK, counter_call(_metadata, obj, COUNTER_GET, NULL,
				     &value));
	ASSERT_EQ(-2, value);
	ASSERT_EQ(2U, server_info(_metadata, self->srv).objects);

	ASSERT_RET(0, pmp_obj_release(clone.out_obj));
	ASSERT_RET(0, pmp_obj_release(obj));
	ASSERT_EQ(0U, server_info(_metadata, self->srv).objects);
}

TEST_F(spawned, unknown_class_fails_regdb_e_classnotreg)
{
	int32_t status = 0;
	pmp_obj *obj = (pmp_obj *)1;

	ASSERT_RET(0, pmp_server_create(self->srv, &clsid_unknown,
					&iid_counter, 0, &status, &obj));
	ASSERT_EQ(REGDB_E_CLASSNOTREG, status);
	ASSERT_EQ(NULL, obj);
}

TEST_F(spawned, host_exits_once_its_last_object_goes_and_nothing_holds_it)
{
	pmp_obj *obj = new_counter(_metadata, self->srv);
	pmp_server *gone;
	int status;

	ASSERT_RET(0, pmp_server_unlock(self->srv));
	ASSERT_EQ(1, pmp_server_alive(self->srv));
	ASSERT_RET(0, pmp_obj_release(obj));

	/* The kernel tells it to exit; pmphost returns from serving. */
	ASSERT_EQ(POLLHUP, poll_fd(pmp_server_fd(self->srv), WAIT_MS));
	ASSERT_EQ(0, pmp_server_alive(self->srv));
	status = wait_host_exit(self->pid, WAIT_MS);
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
	nr_host_pids = 0;
	ASSERT_RET(-ESHUTDOWN, pmp_server_lock(self->srv));
	ASSERT_RET(-ECONNREFUSED,
		   pmp_server_join(pmp_server_host_id(self->srv), &gone));
	ASSERT_EQ(NULL, gone);
}

TEST_F(spawned, locked_host_lingers_and_a_new_object_keeps_it)
{
	pmp_obj *obj = new_counter(_metadata, self->srv);

	ASSERT_RET(0, pmp_obj_release(obj));
	ASSERT_EQ((__u32)PMP_HOST_LINGER,
		  server_info(_metadata, self->srv).host_state);
	ASSERT_EQ(1, pmp_server_alive(self->srv));
	obj = new_counter(_metadata, self->srv);
	ASSERT_EQ((__u32)PMP_HOST_ACTIVE,
		  server_info(_metadata, self->srv).host_state);
	ASSERT_RET(0, pmp_obj_release(obj));
}

TEST_F(spawned, killed_host_hangs_up_and_fails_eshutdown)
{
	struct pmp_call_args args = { .method = COUNTER_GET };
	pmp_obj *obj = new_counter(_metadata, self->srv);
	int32_t status;
	pmp_obj *none;

	ASSERT_EQ(0, kill(self->pid, SIGKILL));
	ASSERT_EQ(POLLHUP, poll_fd(pmp_server_fd(self->srv), WAIT_MS));
	ASSERT_EQ(0, pmp_server_alive(self->srv));
	ASSERT_RET(-ESHUTDOWN, pmp_server_lock(self->srv));
	ASSERT_RET(-ESHUTDOWN, pmp_server_unlock(self->srv));
	ASSERT_RET(-ESHUTDOWN, pmp_obj_call(obj, &args));
	ASSERT_RET(-ESHUTDOWN, pmp_server_create(self->srv, &clsid_counter,
						 &iid_counter, 0, &status,
						 &none));
	ASSERT_RET(0, pmp_obj_release(obj));
	status = wait_host_exit(self->pid, WAIT_MS);
	ASSERT_TRUE(WIFSIGNALED(status));
	ASSERT_EQ(SIGKILL, WTERMSIG(status));
	nr_host_pids = 0;
}

TEST_F(spawned, forked_child_gets_ebadfd_and_parent_keeps_its_lock)
{
	pmp_obj *obj = new_counter(_metadata, self->srv);
	int32_t value;
	pid_t pid;

	pid = spawn(_metadata);
	if (pid == 0) {
		struct pmp_call_args args = { .method = COUNTER_GET };
		pmp_server *mine;

		if (pmp_server_lock(self->srv) != -EBADFD ||
		    pmp_obj_call(obj, &args) != -EBADFD ||
		    pmp_obj_release(obj) != -EBADFD)
			_exit(1);
		pmp_server_unref(self->srv);
		/* Its own connection to the same host works. */
		if (pmp_server_join(pmp_server_host_id(self->srv), &mine) ||
		    pmp_server_lock(mine) || pmp_server_unlock(mine))
			_exit(2);
		pmp_server_unref(mine);
		_exit(0);
	}
	ASSERT_EQ(0, reap(pid));
	ASSERT_EQ(1U, server_info(_metadata, self->srv).own_locks);
	ASSERT_EQ(S_OK, counter_call(_metadata, obj, COUNTER_GET, NULL,
				     &value));
	ASSERT_RET(0, pmp_obj_release(obj));
}

/* ---- starting pmphost: what the spawner reads, and its failures -------- */

FIXTURE(spawn) {
	int unused;
};

FIXTURE_SETUP(spawn)
{
	env_setup(_metadata);
	skip_unless_installed(_metadata);
	nr_host_pids = 0;
	set_param(_metadata, LINGER_MS, LINGER_SPAWNED);
}

FIXTURE_TEARDOWN(spawn)
{
	_metadata->trigger = 0;
	wait_hosts(_metadata);
	kill_children();
	restore_params(_metadata);
	expect_live_counters_back(_metadata);
}

TEST_F(spawn, unknown_flags_fail_einval)
{
	pmp_server *srv = (pmp_server *)1;

	ASSERT_RET(-EINVAL, pmp_server_spawn(0x2, &srv));
	ASSERT_EQ(NULL, srv);
	ASSERT_RET(-EINVAL, pmp_server_spawn(0x3, &srv));
	ASSERT_RET(-EINVAL, pmp_server_spawn(0x80000000, &srv));
}

TEST_F(spawn, missing_or_unrunnable_host_program_fails)
{
	pmp_server *srv;

	ASSERT_EQ(0, setenv("PMP_HOST_PATH", "/nonexistent/pmphost", 1));
	ASSERT_RET(-ENOENT, pmp_server_spawn(0, &srv));
	ASSERT_EQ(NULL, srv);
	/* A regular file without execute permission. */
	ASSERT_EQ(0, setenv("PMP_HOST_PATH", "/proc/self/status", 1));
	ASSERT_RET(-EACCES, pmp_server_spawn(0, &srv));
	/* A program that exits without reporting. */
	ASSERT_EQ(0, setenv("PMP_HOST_PATH", "/bin/true", 1));
	ASSERT_RET(-ECHILD, pmp_server_spawn(PMP_SPAWN_UNPROTECTED, &srv));
	ASSERT_EQ(0, unsetenv("PMP_HOST_PATH"));
}

TEST_F(spawn, bad_log_descriptor_fails)
{
	pmp_server *srv;

	ASSERT_EQ(0, setenv("PMP_HOST_LOG_FD", "two", 1));
	ASSERT_RET(-EINVAL, pmp_server_spawn(0, &srv));
	ASSERT_EQ(0, setenv("PMP_HOST_LOG_FD", "1000", 1));
	ASSERT_RET(-EBADF, pmp_server_spawn(0, &srv));
	ASSERT_EQ(0, unsetenv("PMP_HOST_LOG_FD"));
}

/* Reads one line from @fd, waiting at most WAIT_MS. */
static int read_line(int fd, char *line, size_t size)
{
	size_t len = 0;
	char c;

	while (len + 1 < size) {
		if (poll_fd(fd, WAIT_MS) <= 0 || read(fd, &c, 1) != 1)
			return -1;
		if (c == '\n')
			break;
		line[len++] = c;
	}
	line[len] = '\0';
	return 0;
}

TEST_F(spawn, host_logs_to_the_descriptor_given)
{
	char fd_text[16], line[256], want[256];
	int log[2], status;
	pmp_server *srv;
	pid_t pid;

	ASSERT_EQ(0, pipe2(log, O_CLOEXEC));
	snprintf(fd_text, sizeof(fd_text), "%d", log[1]);
	ASSERT_EQ(0, setenv("PMP_HOST_LOG_FD", fd_text, 1));
	srv = spawn_host(_metadata, 0);
	ASSERT_EQ(0, unsetenv("PMP_HOST_LOG_FD"));
	close(log[1]);
	pid = pmp_server_host_pid(srv);

	ASSERT_EQ(0, read_line(log[0], line, sizeof(line)));
	snprintf(want, sizeof(want), "pmphost[%d]: registry %s: ", pid,
		 PMP_REGISTRY_DEFAULT);
	ASSERT_EQ(0, strncmp(want, line, strlen(want)))
		TH_LOG("log line: %s", line);
	/* The sandbox layers it has, as its report said. */
	ASSERT_EQ(0, read_line(log[0], line, sizeof(line)));
	snprintf(want, sizeof(want), "pmphost[%d]: layers 0x%x", pid,
		 pmp_server_host_layers(srv));
	ASSERT_STREQ(want, line);
	ASSERT_EQ(0, read_line(log[0], line, sizeof(line)));
	snprintf(want, sizeof(want),
		 "pmphost[%d]: protected host %llu serving with %d thread(s)",
		 pid, (unsigned long long)pmp_server_host_id(srv),
		 HOST_THREADS);
	ASSERT_STREQ(want, line);

	/* Told to exit (nothing holds it), it says so, then closes the log. */
	pmp_server_unref(srv);
	ASSERT_EQ(0, read_line(log[0], line, sizeof(line)));
	snprintf(want, sizeof(want), "pmphost[%d]: told to exit; exiting",
		 pid);
	ASSERT_STREQ(want, line);
	status = wait_host_exit(pid, WAIT_MS);
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
	nr_host_pids = 0;
	ASSERT_EQ(0, read(log[0], line, 1));
	close(log[0]);
}

/* ---- the class registry's trust rules, through a protected host -------- */

/*
 * Each variant registers CLSID_TRUST_TEST for a copy of the installed
 * counter component, made and registered as the variant says, then asks a
 * new host for it.  The counter component does not implement that class:
 * a host that trusted and loaded it answers CLASS_E_CLASSNOTAVAILABLE
 * (from the component's DllGetClassObject); one that did not trust it
 * MF_E_PE_UNTRUSTED; one that never saw the class REGDB_E_CLASSNOTREG.
 */
FIXTURE(trust) {
	char dir[64];
	char component[128];
	char class_file[PATH_MAX];
	char tmp_registry[128];
};

FIXTURE_VARIANT(trust) {
	unsigned int flags;
	mode_t component_mode;
	uid_t component_owner;
	mode_t class_mode;
	bool bad_digest;
	/* Registered in PMP_REGISTRY_DIR rather than the installed one. */
	bool env_registry;
	int32_t want;
};

FIXTURE_VARIANT_ADD(trust, protected_trusts_a_root_owned_file) {
	.component_mode = 0644,
	.class_mode = 0644,
	.want = CLASS_E_CLASSNOTAVAILABLE,
};

FIXTURE_VARIANT_ADD(trust, protected_refuses_a_world_writable_component) {
	.component_mode = 0666,
	.class_mode = 0644,
	.want = MF_E_PE_UNTRUSTED,
};

FIXTURE_VARIANT_ADD(trust, protected_refuses_a_group_writable_component) {
	.component_mode = 0664,
	.class_mode = 0644,
	.want = MF_E_PE_UNTRUSTED,
};

FIXTURE_VARIANT_ADD(trust, protected_refuses_a_component_of_another_owner) {
	.component_mode = 0644,
	.component_owner = NOBODY,
	.class_mode = 0644,
	.want = MF_E_PE_UNTRUSTED,
};

FIXTURE_VARIANT_ADD(trust, protected_refuses_a_world_writable_class_file) {
	.component_mode = 0644,
	.class_mode = 0666,
	.want = MF_E_PE_UNTRUSTED,
};

FIXTURE_VARIANT_ADD(trust, protected_refuses_a_digest_mismatch) {
	.component_mode = 0644,
	.class_mode = 0644,
	.bad_digest = true,
	.want = MF_E_PE_UNTRUSTED,
};

FIXTURE_VARIANT_ADD(trust, protected_ignores_pmp_registry_dir) {
	.component_mode = 0644,
	.class_mode = 0644,
	.env_registry = true,
	.want = REGDB_E_CLASSNOTREG,
};

FIXTURE_VARIANT_ADD(trust, unprotected_reads_pmp_registry_dir) {
	.flags = PMP_SPAWN_UNPROTECTED,
	.component_mode = 0644,
	.class_mode = 0644,
	.env_registry = true,
	.want = CLASS_E_CLASSNOTAVAILABLE,
};

FIXTURE_VARIANT_ADD(trust, unprotected_checks_only_the_digest) {
	.flags = PMP_SPAWN_UNPROTECTED,
	.component_mode = 0666,
	.component_owner = NOBODY,
	.class_mode = 0666,
	.env_registry = true,
	.want = CLASS_E_CLASSNOTAVAILABLE,
};

FIXTURE_VARIANT_ADD(trust, unprotected_refuses_a_digest_mismatch) {
	.flags = PMP_SPAWN_UNPROTECTED,
	.component_mode = 0644,
	.class_mode = 0644,
	.bad_digest = true,
	.env_registry = true,
	.want = MF_E_PE_UNTRUSTED,
};

static void copy_file(struct __test_metadata *_metadata, const char *from,
		      const char *to)
{
	char buf[65536];
	int in, out;
	ssize_t n;

	in = open(from, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, in) TH_LOG("%s: %s", from, strerror(errno));
	out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	ASSERT_LE(0, out) TH_LOG("%s: %s", to, strerror(errno));
	while ((n = read(in, buf, sizeof(buf))) > 0)
		ASSERT_EQ(n, write(out, buf, n));
	ASSERT_EQ(0, n);
	close(in);
	close(out);
}

static void write_class_file(struct __test_metadata *_metadata,
			     const char *path, const char *component,
			     bool bad_digest, mode_t mode)
{
	uint8_t digest[PMP_SHA256_SIZE];
	FILE *f;
	int fd, i;

	fd = open(component, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pmp_trust_sha256(fd, digest));
	close(fd);
	if (bad_digest)
		digest[PMP_SHA256_SIZE - 1] ^= 1;

	f = fopen(path, "wxe");
	ASSERT_NE(NULL, f) TH_LOG("%s: %s", path, strerror(errno));
	fprintf(f, "# native_test\nclsid = %s\npath = %s\nsha256 = ",
		CLSID_TRUST_TEST_STR, component);
	for (i = 0; i < PMP_SHA256_SIZE; i++)
		fprintf(f, "%02x", digest[i]);
	fputc('\n', f);
	ASSERT_EQ(0, fclose(f));
	/* chmod: the umask must not decide the test. */
	ASSERT_EQ(0, chmod(path, mode));
}

FIXTURE_SETUP(trust)
{
	char installed[PATH_MAX];

	env_setup(_metadata);
	skip_unless_installed(_metadata);
	if (geteuid() != 0)
		SKIP(return, "needs root, to change the installed registry");
	nr_host_pids = 0;
	set_param(_metadata, LINGER_MS, LINGER_SPAWNED);

	/* The installed counter: $(PREFIX)/lib/pmp/components/. */
	snprintf(installed, sizeof(installed), "%.*s/components/%s",
		 (int)(strrchr(PMP_REGISTRY_DEFAULT, '/') -
		       PMP_REGISTRY_DEFAULT),
		 PMP_REGISTRY_DEFAULT, "libpmp-counter.so");
	ASSERT_EQ(0, access(installed, R_OK))
		TH_LOG("%s is not installed", installed);

	strcpy(self->dir, "/tmp/pmp-native-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(self->component, sizeof(self->component), "%s/counter.so",
		 self->dir);
	copy_file(_metadata, installed, self->component);
	ASSERT_EQ(0, chown(self->component, variant->component_owner,
			   variant->component_owner));
	ASSERT_EQ(0, chmod(self->component, variant->component_mode));

	snprintf(self->tmp_registry, sizeof(self->tmp_registry),
		 "%s/registry", self->dir);
	ASSERT_EQ(0, mkdir(self->tmp_registry, 0755));
	snprintf(self->class_file, sizeof(self->class_file),
		 "%s/zz-native-test.class",
		 variant->env_registry ? self->tmp_registry :
					 PMP_REGISTRY_DEFAULT);
	write_class_file(_metadata, self->class_file, self->component,
			 variant->bad_digest, variant->class_mode);
	if (variant->env_registry)
		ASSERT_EQ(0, setenv("PMP_REGISTRY_DIR", self->tmp_registry, 1));
}

FIXTURE_TEARDOWN(trust)
{
	_metadata->trigger = 0;
	if (self->class_file[0])
		unlink(self->class_file);
	if (self->component[0])
		unlink(self->component);
	if (self->tmp_registry[0])
		rmdir(self->tmp_registry);
	if (self->dir[0])
		rmdir(self->dir);
	wait_hosts(_metadata);
	kill_children();
	restore_params(_metadata);
	expect_live_counters_back(_metadata);
}

TEST_F(trust, host_answers_as_the_trust_rules_say)
{
	pmp_server *srv = spawn_host(_metadata, variant->flags);
	pmp_obj *obj = (pmp_obj *)1, *counter = NULL;
	int32_t status = 0;

	/*
	 * A lock and, where there is one, a live object keep the host from
	 * exiting between the two creations, however slow the machine: a
	 * failed creation alone leaves it ready to exit after linger_ms.
	 */
	ASSERT_RET(0, pmp_server_lock(srv));
	/* The installed classes are there unless another registry is read. */
	ASSERT_RET(0, pmp_server_create(srv, &clsid_counter, &iid_counter, 0,
					&status, &counter));
	if (variant->flags && variant->env_registry) {
		ASSERT_EQ(REGDB_E_CLASSNOTREG, status);
	} else {
		ASSERT_EQ(S_OK, status);
	}

	ASSERT_RET(0, pmp_server_create(srv, &clsid_trust_test, &iid_counter,
					0, &status, &obj));
	ASSERT_EQ(variant->want, status)
		TH_LOG("status 0x%08x", (unsigned int)status);
	ASSERT_EQ(NULL, obj);
	if (counter) {
		ASSERT_RET(0, pmp_obj_release(counter));
	}
	ASSERT_RET(0, pmp_server_unlock(srv));
	pmp_server_unref(srv);
}

TEST_HARNESS_MAIN
