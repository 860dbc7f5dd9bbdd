// SPDX-License-Identifier: GPL-2.0
/*
 * pmp_test - kselftests for the /dev/pmp endpoints of pmp.ko
 *
 * The harness runs every test in a process of its own, one at a time.  Each
 * fixture's setup reads the sysfs counters: a test asserts the exact change
 * of every counter it causes, and its teardown, after killing the children
 * the test started and closing every descriptor, checks that the live
 * counters (hosts, clients, locks_held) are back where they started.
 *
 * These tests are about hosts that never create an object, which the module
 * tells to exit after linger_ms: every fixture sets the longest linger_ms and
 * its teardown restores it.
 *
 * Children report to the test through pipes and exit codes, never through
 * the harness' assertions, which only work in the test process itself.
 *
 * Without /dev/pmp every test is skipped.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/capability.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <seccomp.h>

#include "pmp_helpers.h"

#define HARDEN_CAPS	(PMP_HARDEN_NO_CAP_EFFECTIVE | \
			 PMP_HARDEN_NO_CAP_PERMITTED | \
			 PMP_HARDEN_NO_CAP_INHERITABLE | \
			 PMP_HARDEN_NO_CAP_AMBIENT)

/* How long a child waits for a hang-up before it gives up. */
#define HANGUP_TIMEOUT_MS	20000

/* ---- children ---------------------------------------------------------- */

/* In a child: closes every descriptor from 3 up but those in @keep. */
static void close_other_fds(const int *keep, int nr)
{
	unsigned int fd = 3, next;
	int i;

	for (;;) {
		next = UINT_MAX;
		for (i = 0; i < nr; i++)
			if (keep[i] >= (int)fd && (unsigned int)keep[i] < next)
				next = keep[i];
		if (next == UINT_MAX) {
			close_range(fd, ~0U, 0);
			return;
		}
		if (next > fd)
			close_range(fd, next - 1, 0);
		fd = next + 1;
	}
}

#define KEEP_FDS(...) \
	close_other_fds((const int[]){ __VA_ARGS__ }, \
			ARRAY_SIZE(((const int[]){ __VA_ARGS__ })))

/*
 * A child's pipes: it reports on up, and it waits until the parent closes
 * its end of down.
 */
struct link {
	int up[2];
	int down[2];
};

static void link_init(struct __test_metadata *_metadata, struct link *l)
{
	ASSERT_EQ(0, pipe2(l->up, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(l->down, O_CLOEXEC));
}

/* In the parent after fork(): drops the child's ends. */
static void link_parent(struct link *l)
{
	close(l->up[1]);
	close(l->down[0]);
	l->up[1] = -1;
	l->down[0] = -1;
}

/* Lets the child (and whoever else waits on down) go. */
static void link_release(struct link *l)
{
	if (l->down[1] >= 0)
		close(l->down[1]);
	l->down[1] = -1;
}

/* In a child: blocks until the parent closes its end of @down. */
static void wait_release(int down)
{
	ssize_t n;
	char c;

	do
		n = read(down, &c, 1);
	while (n > 0 || (n < 0 && errno == EINTR));
}

static void read_report(struct __test_metadata *_metadata, struct link *l,
			pid_t pid, void *buf, size_t len)
{
	int code;

	if (!read_full(l->up[0], buf, len))
		return;
	code = reap(pid);
	ASSERT_EQ(0, code)
		TH_LOG("child %d ended (status %d) before it reported",
		       pid, code);
	ASSERT_TRUE(false)
		TH_LOG("child %d exited without its report", pid);
}

/* A one-byte message with room for one descriptor. */
struct fd_msg {
	char data;
	struct iovec iov;
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} control;
	struct msghdr msg;
};

static void fd_msg_init(struct fd_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->iov.iov_base = &m->data;
	m->iov.iov_len = 1;
	m->msg.msg_iov = &m->iov;
	m->msg.msg_iovlen = 1;
	m->msg.msg_control = m->control.buf;
	m->msg.msg_controllen = sizeof(m->control.buf);
}

static int send_fd(int sock, int fd)
{
	struct cmsghdr *cmsg;
	struct fd_msg m;

	fd_msg_init(&m);
	cmsg = CMSG_FIRSTHDR(&m.msg);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
	return sendmsg(sock, &m.msg, MSG_NOSIGNAL) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	struct cmsghdr *cmsg;
	struct fd_msg m;
	int fd;

	fd_msg_init(&m);
	if (recvmsg(sock, &m.msg, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	cmsg = CMSG_FIRSTHDR(&m.msg);
	if (!cmsg || cmsg->cmsg_level != SOL_SOCKET ||
	    cmsg->cmsg_type != SCM_RIGHTS ||
	    cmsg->cmsg_len != CMSG_LEN(sizeof(int)))
		return -1;
	memcpy(&fd, CMSG_DATA(cmsg), sizeof(int));
	return fd;
}

/* ---- endpoints --------------------------------------------------------- */

static int pmp_version(int fd)
{
	return ioctl(fd, PMP_IOC_VERSION, 0UL);
}

static int pmp_lock(int fd)
{
	return ioctl(fd, PMP_IOC_LOCK, 0UL);
}

static int pmp_unlock(int fd)
{
	return ioctl(fd, PMP_IOC_UNLOCK, 0UL);
}

static void assert_info(struct __test_metadata *_metadata, int fd,
			const struct pmp_info *want, int line)
{
	struct pmp_info got = info_of(_metadata, fd);

#define ASSERT_FIELD(field) \
	ASSERT_EQ(want->field, got.field) \
		TH_LOG("line %d: INFO " #field, line)
	ASSERT_FIELD(flags);
	ASSERT_FIELD(kind);
	ASSERT_FIELD(host_id);
	ASSERT_FIELD(host_pid);
	ASSERT_FIELD(host_flags);
	ASSERT_FIELD(host_uid);
	ASSERT_FIELD(host_missing);
	ASSERT_FIELD(clients);
	ASSERT_FIELD(own_locks);
	ASSERT_FIELD(locks);
	ASSERT_FIELD(reserved);
#undef ASSERT_FIELD
}

/*
 * Asserts every field INFO reports on @fd: those given as designated
 * initializers, e.g. ASSERT_INFO(fd, .kind = PMP_ENDPOINT_HOST), and zero
 * for the others.
 */
#define ASSERT_INFO(fd, ...) \
	assert_info(_metadata, fd, &(const struct pmp_info){ __VA_ARGS__ }, \
		    __LINE__)

static void lock_n(struct __test_metadata *_metadata, int fd, int n)
{
	while (n--) {
		ASSERT_EQ(0, pmp_lock(fd))
			TH_LOG("LOCK: %s", errno_name(errno));
	}
}

/*
 * Asserts the outcome of a call: 0 when @err is 0, else -1 with errno @err.
 */
#define ASSERT_RESULT(err, call) do { \
	int __ret = (call); \
	int __err = __ret ? errno : 0; \
	if (err) { \
		ASSERT_EQ(-1, __ret); \
		ASSERT_EQ(err, __err) \
			TH_LOG("expected %s, got %s", errno_name(err), \
			       errno_name(__err)); \
	} else { \
		ASSERT_EQ(0, __ret) \
			TH_LOG("failed with %s", errno_name(__err)); \
	} \
} while (0)

static unsigned long long status_field(const char *name, int base)
{
	unsigned long long value = ULLONG_MAX;
	size_t len = strlen(name);
	char line[256];
	FILE *f;

	f = fopen("/proc/self/status", "re");
	if (!f)
		return value;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, name, len) && line[len] == ':') {
			value = strtoull(line + len + 1, NULL, base);
			break;
		}
	}
	fclose(f);
	return value;
}

/* The hardening properties this single-threaded process lacks. */
static __u32 missing_of_self(void)
{
	__u32 missing = 0;

	if (prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
		missing |= PMP_HARDEN_NONDUMPABLE;
	if (status_field("NoNewPrivs", 10) != 1)
		missing |= PMP_HARDEN_NO_NEW_PRIVS;
	if (status_field("Seccomp", 10) != 2)
		missing |= PMP_HARDEN_SECCOMP;
	if (status_field("TracerPid", 10))
		missing |= PMP_HARDEN_UNTRACED;
	if (status_field("CapEff", 16))
		missing |= PMP_HARDEN_NO_CAP_EFFECTIVE;
	if (status_field("CapPrm", 16))
		missing |= PMP_HARDEN_NO_CAP_PERMITTED;
	if (status_field("CapInh", 16))
		missing |= PMP_HARDEN_NO_CAP_INHERITABLE;
	if (status_field("CapAmb", 16))
		missing |= PMP_HARDEN_NO_CAP_AMBIENT;
	return missing;
}

/* ---- endpoints owned by a child ---------------------------------------- */

static int become_user(uid_t uid)
{
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
	    setresuid(uid, uid, uid))
		return -1;
	return 0;
}

/* Drops @cap from the calling thread's effective and permitted sets. */
static int drop_cap(cap_value_t cap)
{
	cap_t caps = cap_get_proc();
	int ret;

	if (!caps)
		return -1;
	ret = cap_set_flag(caps, CAP_EFFECTIVE, 1, &cap, CAP_CLEAR) ||
	      cap_set_flag(caps, CAP_PERMITTED, 1, &cap, CAP_CLEAR) ||
	      cap_set_proc(caps);
	cap_free(caps);
	return ret ? -1 : 0;
}

/* Forks a child that keeps nothing but a copy of @fd until @down closes. */
static pid_t fork_holder(int fd, int down)
{
	pid_t pid = fork();

	if (pid == 0) {
		KEEP_FDS(fd, down);
		wait_release(down);
		_exit(0);
	}
	return pid;
}

struct owner_spec {
	int role;		/* PMP_ENDPOINT_HOST or PMP_ENDPOINT_CLIENT */
	__u64 host_id;		/* the host a client connects to */
	int locks;		/* LOCKs a client takes */
	uid_t uid;		/* if not 0: become this user after open() */
	bool drop_sys_admin;	/* drop CAP_SYS_ADMIN after open() */
	bool fork_holder;	/* fork a child that keeps a copy of the fd */
	bool send_copy;		/* send the test a copy (SCM_RIGHTS) */
};

struct owner_report {
	int ret;		/* of HOST_REGISTER or CONNECT */
	int err;
	struct pmp_host_register reg;
	int lock_failures;
	pid_t holder;
};

/* A child process that owns one endpoint. */
struct owner {
	pid_t pid;
	struct link link;
	struct owner_report rep;
	int copy;		/* received over SCM_RIGHTS, or -1 */
};

static int owner_main(const struct owner_spec *spec, int up, int down,
		      int sock)
{
	struct owner_report rep;
	int fd, i;

	memset(&rep, 0, sizeof(rep));
	fd = pmp_open();
	if (fd < 0)
		return 10;
	if (spec->uid && become_user(spec->uid))
		return 11;
	if (spec->drop_sys_admin && drop_cap(CAP_SYS_ADMIN))
		return 12;
	if (spec->role == PMP_ENDPOINT_HOST)
		rep.ret = host_register(fd, PMP_HOST_UNPROTECTED, &rep.reg);
	else
		rep.ret = connect_host(fd, spec->host_id);
	rep.err = rep.ret ? errno : 0;
	for (i = 0; !rep.ret && i < spec->locks; i++)
		if (pmp_lock(fd))
			rep.lock_failures++;
	if (spec->fork_holder) {
		rep.holder = fork_holder(fd, down);
		if (rep.holder < 0)
			return 13;
	}
	if (sock >= 0 && send_fd(sock, fd))
		return 14;
	if (write_full(up, &rep, sizeof(rep)))
		return 15;
	wait_release(down);
	return 0;
}

static void spawn_owner(struct __test_metadata *_metadata,
			const struct owner_spec *spec, struct owner *o)
{
	int sv[2] = { -1, -1 };

	link_init(_metadata, &o->link);
	if (spec->send_copy) {
		ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC,
					0, sv));
	}
	o->pid = spawn(_metadata);
	if (o->pid == 0) {
		KEEP_FDS(o->link.up[1], o->link.down[0], sv[1]);
		_exit(owner_main(spec, o->link.up[1], o->link.down[0], sv[1]));
	}
	link_parent(&o->link);
	read_report(_metadata, &o->link, o->pid, &o->rep, sizeof(o->rep));
	track_child(o->rep.holder);
	o->copy = -1;
	if (spec->send_copy) {
		close(sv[1]);
		o->copy = recv_fd(sv[0]);
		close(sv[0]);
		ASSERT_LE(0, o->copy);
	}
	ASSERT_EQ(0, o->rep.lock_failures);
}

/* Lets the owner (and its holder) exit and waits for them. */
static void release_owner(struct __test_metadata *_metadata, struct owner *o)
{
	link_release(&o->link);
	ASSERT_EQ(0, reap(o->pid));
	if (o->rep.holder > 0) {
		ASSERT_EQ(0, reap(o->rep.holder));
	}
	close(o->link.up[0]);
}

/* A child that registers an unprotected host, as @uid if it is not 0. */
static __u64 spawn_host(struct __test_metadata *_metadata, struct owner *o,
			uid_t uid)
{
	const struct owner_spec spec = {
		.role = PMP_ENDPOINT_HOST,
		.uid = uid,
	};

	spawn_owner(_metadata, &spec, o);
	ASSERT_EQ(0, o->rep.ret)
		TH_LOG("HOST_REGISTER: %s", errno_name(o->rep.err));
	return o->rep.reg.host_id;
}

/* A child that receives @fd over SCM_RIGHTS and holds it until released. */
static pid_t spawn_receiver(struct __test_metadata *_metadata, int fd,
			    struct link *l)
{
	int sv[2], copy;
	pid_t pid;

	link_init(_metadata, l);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	pid = spawn(_metadata);
	if (pid == 0) {
		KEEP_FDS(l->up[1], l->down[0], sv[1]);
		copy = recv_fd(sv[1]);
		if (copy < 0 || write_full(l->up[1], &copy, sizeof(copy)))
			_exit(1);
		wait_release(l->down[0]);
		_exit(0);
	}
	link_parent(l);
	close(sv[1]);
	ASSERT_EQ(0, send_fd(sv[0], fd));
	close(sv[0]);
	read_report(_metadata, l, pid, &copy, sizeof(copy));
	return pid;
}

/* ---- commands issued elsewhere ----------------------------------------- */

struct call_result {
	int ret;
	int err;
};

#define MAX_CALLS	32

struct call_args {
	struct pmp_host_register reg;
	struct pmp_connect conn;
	struct pmp_info info;
};

/* Fills @calls with one valid call of every command; returns how many. */
static int every_command(struct call *calls, struct call_args *args,
			 __u64 host_id)
{
	memset(args, 0, sizeof(*args));
	args->reg.flags = PMP_HOST_UNPROTECTED;
	args->conn.host_id = host_id;
	calls[0] = (struct call){ "VERSION", PMP_IOC_VERSION, NULL };
	calls[1] = (struct call){ "HOST_REGISTER", PMP_IOC_HOST_REGISTER,
				  &args->reg };
	calls[2] = (struct call){ "CONNECT", PMP_IOC_CONNECT, &args->conn };
	calls[3] = (struct call){ "LOCK", PMP_IOC_LOCK, NULL };
	calls[4] = (struct call){ "UNLOCK", PMP_IOC_UNLOCK, NULL };
	calls[5] = (struct call){ "INFO", PMP_IOC_INFO, &args->info };
	return 6;
}

enum transfer {
	BY_FORK,		/* a child inherits the fd */
	BY_SCM_RIGHTS,		/* a child receives it over a socket */
};

static int calls_child(int fd, const struct call *calls, int nr, int up)
{
	struct call_result res[MAX_CALLS];
	int revents;
	int i;

	for (i = 0; i < nr; i++) {
		res[i].ret = ioctl(fd, calls[i].cmd, calls[i].arg);
		res[i].err = res[i].ret < 0 ? errno : 0;
	}
	revents = poll_fd(fd, 0);
	if (write_full(up, res, nr * sizeof(res[0])) ||
	    write_full(up, &revents, sizeof(revents)))
		return 1;
	return 0;
}

/*
 * Issues @calls on @fd from a process that does not own it, then polls it
 * there; fills @res and returns the revents of that poll.  The SCM_RIGHTS
 * receiver closes every descriptor it inherited first.
 */
static int run_elsewhere(struct __test_metadata *_metadata, int fd,
			 enum transfer how, const struct call *calls, int nr,
			 struct call_result *res)
{
	int sv[2] = { -1, -1 };
	struct link l;
	int revents;
	pid_t pid;

	link_init(_metadata, &l);
	if (how == BY_SCM_RIGHTS) {
		ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC,
					0, sv));
	}
	pid = spawn(_metadata);
	if (pid == 0) {
		if (how == BY_SCM_RIGHTS) {
			KEEP_FDS(l.up[1], sv[1]);
			fd = recv_fd(sv[1]);
			if (fd < 0)
				_exit(2);
		} else {
			KEEP_FDS(l.up[1], fd);
		}
		_exit(calls_child(fd, calls, nr, l.up[1]));
	}
	link_parent(&l);
	if (how == BY_SCM_RIGHTS) {
		close(sv[1]);
		ASSERT_EQ(0, send_fd(sv[0], fd));
		close(sv[0]);
	}
	read_report(_metadata, &l, pid, res, nr * sizeof(*res));
	read_report(_metadata, &l, pid, &revents, sizeof(revents));
	ASSERT_EQ(0, reap(pid));
	close(l.up[0]);
	close(l.down[1]);
	return revents;
}

/* ---- one endpoint of each kind ----------------------------------------- */

FIXTURE(endpoint) {
	int host;		/* a live host owned by the test */
	__u64 host_id;
	int fd;			/* the endpoint under test */
	__u64 fd_host_id;	/* the host it is, or is a client of */
};

FIXTURE_VARIANT(endpoint) {
	enum endpoint_kind kind;
	int register_err;
	int connect_err;
	int lock_err;
	int unlock_err;		/* while it holds no lock */
	int info_err;
};

FIXTURE_VARIANT_ADD(endpoint, new) {
	.kind = EP_NEW,
	.register_err = 0,
	.connect_err = 0,
	.lock_err = ENOTCONN,
	.unlock_err = ENOTCONN,
	.info_err = ENOTCONN,
};

FIXTURE_VARIANT_ADD(endpoint, host) {
	.kind = EP_HOST,
	.register_err = EISCONN,
	.connect_err = EISCONN,
	.lock_err = EOPNOTSUPP,
	.unlock_err = EOPNOTSUPP,
	.info_err = 0,
};

FIXTURE_VARIANT_ADD(endpoint, client) {
	.kind = EP_CLIENT,
	.register_err = EISCONN,
	.connect_err = EISCONN,
	.lock_err = 0,
	.unlock_err = ENOLCK,
	.info_err = 0,
};

FIXTURE_VARIANT_ADD(endpoint, client_of_dead_host) {
	.kind = EP_ORPHAN,
	.register_err = EISCONN,
	.connect_err = EISCONN,
	.lock_err = ESHUTDOWN,
	.unlock_err = ESHUTDOWN,
	.info_err = ESHUTDOWN,
};

FIXTURE_SETUP(endpoint)
{
	int dead;

	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	self->host = new_host(_metadata, &self->host_id);
	switch (variant->kind) {
	case EP_NEW:
		self->fd = pmp_open();
		ASSERT_LE(0, self->fd);
		break;
	case EP_HOST:
		self->fd = new_host(_metadata, &self->fd_host_id);
		break;
	case EP_CLIENT:
		self->fd_host_id = self->host_id;
		self->fd = new_client(_metadata, self->fd_host_id);
		break;
	case EP_ORPHAN:
		dead = new_host(_metadata, &self->fd_host_id);
		self->fd = new_client(_metadata, self->fd_host_id);
		ASSERT_EQ(0, close(dead));
		break;
	}
}

FIXTURE_TEARDOWN(endpoint)
{
	env_teardown(_metadata);
}

TEST_F(endpoint, version_returns_abi_version)
{
	ASSERT_EQ(PMP_ABI_VERSION, pmp_version(self->fd));
}

TEST_F(endpoint, host_register_succeeds_only_on_new_endpoint)
{
	struct pmp_host_register reg;
	struct snapshot snap;
	struct pmp_info info;

	take_snapshot(_metadata, self->fd, self->host, &snap);
	ASSERT_RESULT(variant->register_err,
		      host_register(self->fd, PMP_HOST_UNPROTECTED, &reg));
	if (variant->register_err) {
		ASSERT_UNCHANGED(&snap);
		return;
	}
	ASSERT_NE(0ULL, reg.host_id);
	ASSERT_NE(self->host_id, reg.host_id);
	ASSERT_EQ(missing_of_self(), reg.missing);
	info = info_of(_metadata, self->fd);
	ASSERT_EQ(PMP_ENDPOINT_HOST, (int)info.kind);
	ASSERT_EQ(reg.host_id, info.host_id);
	ASSERT_COUNTERS(snap.counters, [HOSTS] = 1, [REGISTRATIONS] = 1);
}

TEST_F(endpoint, connect_succeeds_only_on_new_endpoint)
{
	struct snapshot snap;
	struct pmp_info info;

	take_snapshot(_metadata, self->fd, self->host, &snap);
	ASSERT_RESULT(variant->connect_err,
		      connect_host(self->fd, self->host_id));
	if (variant->connect_err) {
		ASSERT_UNCHANGED(&snap);
		return;
	}
	info = info_of(_metadata, self->fd);
	ASSERT_EQ(PMP_ENDPOINT_CLIENT, (int)info.kind);
	ASSERT_EQ(self->host_id, info.host_id);
	ASSERT_EQ(1U, info.clients);
	ASSERT_EQ(0U, info.own_locks);
	ASSERT_EQ(1U, info_of(_metadata, self->host).clients);
	ASSERT_COUNTERS(snap.counters, [CLIENTS] = 1);
}

TEST_F(endpoint, lock_and_unlock_succeed_only_on_live_client)
{
	struct snapshot snap;
	struct pmp_info info;

	take_snapshot(_metadata, self->fd, self->host, &snap);
	ASSERT_RESULT(variant->lock_err, pmp_lock(self->fd));
	if (variant->lock_err) {
		ASSERT_UNCHANGED(&snap);
		return;
	}
	info = info_of(_metadata, self->fd);
	ASSERT_EQ(1U, info.own_locks);
	ASSERT_EQ(1ULL, info.locks);
	ASSERT_EQ(1ULL, info_of(_metadata, self->host).locks);
	ASSERT_COUNTERS(snap.counters, [LOCKS_HELD] = 1, [LOCK_CALLS] = 1);

	ASSERT_EQ(0, pmp_unlock(self->fd));
	info = info_of(_metadata, self->fd);
	ASSERT_EQ(0U, info.own_locks);
	ASSERT_EQ(0ULL, info.locks);
	ASSERT_COUNTERS(snap.counters, [LOCK_CALLS] = 1, [UNLOCK_CALLS] = 1);
}

TEST_F(endpoint, unlock_without_lock_fails)
{
	struct snapshot snap;

	take_snapshot(_metadata, self->fd, self->host, &snap);
	ASSERT_EQ(-1, pmp_unlock(self->fd));
	ASSERT_EQ(variant->unlock_err, errno);
	ASSERT_UNCHANGED(&snap);
}

TEST_F(endpoint, info_describes_host_or_client)
{
	bool host = variant->kind == EP_HOST;
	struct pmp_info info;

	ASSERT_RESULT(variant->info_err, get_info(self->fd, &info));
	if (variant->info_err)
		return;
	ASSERT_INFO(self->fd,
		    .kind = host ? PMP_ENDPOINT_HOST : PMP_ENDPOINT_CLIENT,
		    .host_id = self->fd_host_id,
		    .host_pid = getpid(),
		    .host_flags = PMP_HOST_UNPROTECTED,
		    .host_uid = geteuid(),
		    .host_missing = missing_of_self(),
		    .clients = host ? 0 : 1);
}

/* Every command issued on the endpoint by another process: EBADFD. */
static void assert_foreign_ebadfd(struct __test_metadata *_metadata,
				  FIXTURE_DATA(endpoint) *self,
				  const FIXTURE_VARIANT(endpoint) *variant,
				  enum transfer how)
{
	struct call_result res[MAX_CALLS];
	struct call calls[MAX_CALLS];
	struct call_args args;
	struct snapshot snap;
	int i, nr;

	/* With a lock held, the owner's UNLOCK would succeed. */
	if (variant->kind == EP_CLIENT)
		lock_n(_metadata, self->fd, 1);
	nr = every_command(calls, &args, self->host_id);
	take_snapshot(_metadata, self->fd, self->host, &snap);
	run_elsewhere(_metadata, self->fd, how, calls, nr, res);
	for (i = 0; i < nr; i++) {
		ASSERT_EQ(-1, res[i].ret)
			TH_LOG("%s from another process succeeded",
			       calls[i].name);
		ASSERT_EQ(EBADFD, res[i].err)
			TH_LOG("%s from another process: %s", calls[i].name,
			       errno_name(res[i].err));
	}
	ASSERT_UNCHANGED(&snap);
	ASSERT_EQ(PMP_ABI_VERSION, pmp_version(self->fd));
}

TEST_F(endpoint, commands_from_forked_child_fail_with_ebadfd)
{
	assert_foreign_ebadfd(_metadata, self, variant, BY_FORK);
}

TEST_F(endpoint, commands_from_scm_rights_receiver_fail_with_ebadfd)
{
	assert_foreign_ebadfd(_metadata, self, variant, BY_SCM_RIGHTS);
}

TEST_F(endpoint, poll_from_forked_child_reports_pollerr)
{
	int revents;

	revents = run_elsewhere(_metadata, self->fd, BY_FORK, NULL, 0, NULL);
	ASSERT_LE(0, revents);
	ASSERT_EQ(POLLERR, revents & POLLERR)
		TH_LOG("revents %#x", revents);
}

TEST_F(endpoint, poll_from_scm_rights_receiver_reports_pollerr)
{
	int revents;

	revents = run_elsewhere(_metadata, self->fd, BY_SCM_RIGHTS, NULL, 0,
				NULL);
	ASSERT_LE(0, revents);
	ASSERT_EQ(POLLERR, revents & POLLERR)
		TH_LOG("revents %#x", revents);
}

TEST_F(endpoint, unknown_commands_from_forked_child_fail_with_enotty)
{
	struct call_result res[MAX_CALLS];
	struct call calls[MAX_CALLS];
	int i, nr;

	nr = unknown_commands(calls);
	run_elsewhere(_metadata, self->fd, BY_FORK, calls, nr, res);
	for (i = 0; i < nr; i++) {
		ASSERT_EQ(-1, res[i].ret)
			TH_LOG("%s succeeded", calls[i].name);
		ASSERT_EQ(ENOTTY, res[i].err)
			TH_LOG("%s: %s", calls[i].name,
			       errno_name(res[i].err));
	}
}

TEST_F(endpoint, copy_closed_by_forked_child_changes_nothing)
{
	struct snapshot snap;
	pid_t pid;

	take_snapshot(_metadata, self->fd, self->host, &snap);
	pid = spawn(_metadata);
	if (pid == 0)
		_exit(close(self->fd) ? 1 : 0);
	ASSERT_EQ(0, reap(pid));
	ASSERT_UNCHANGED(&snap);
	ASSERT_EQ(PMP_ABI_VERSION, pmp_version(self->fd));
}

/* ---- hardening --------------------------------------------------------- */

enum extra_thread {
	NO_THREAD,
	THREAD_BEFORE_SECCOMP,	/* has no filter; drops its caps */
	THREAD_WITH_CAPS,	/* has the filter; keeps CAP_SYS_ADMIN */
};

FIXTURE(hardening) {
	struct link link;
	pid_t pid;
};

FIXTURE_VARIANT(hardening) {
	__u32 lacks;		/* properties the child does not take on */
	enum extra_thread thread;
	__u32 missing;		/* what the kernel must report */
};

FIXTURE_VARIANT_ADD(hardening, all_properties) {
	.lacks = 0,
	.missing = 0,
};

FIXTURE_VARIANT_ADD(hardening, dumpable) {
	.lacks = PMP_HARDEN_NONDUMPABLE,
	.missing = PMP_HARDEN_NONDUMPABLE,
};

FIXTURE_VARIANT_ADD(hardening, new_privs_allowed) {
	.lacks = PMP_HARDEN_NO_NEW_PRIVS,
	.missing = PMP_HARDEN_NO_NEW_PRIVS,
};

FIXTURE_VARIANT_ADD(hardening, no_seccomp) {
	.lacks = PMP_HARDEN_SECCOMP,
	.missing = PMP_HARDEN_SECCOMP,
};

FIXTURE_VARIANT_ADD(hardening, second_thread_without_seccomp) {
	.lacks = 0,
	.thread = THREAD_BEFORE_SECCOMP,
	.missing = PMP_HARDEN_SECCOMP,
};

FIXTURE_VARIANT_ADD(hardening, traced) {
	.lacks = PMP_HARDEN_UNTRACED,
	.missing = PMP_HARDEN_UNTRACED,
};

/* An effective capability is always a permitted one too. */
FIXTURE_VARIANT_ADD(hardening, cap_effective) {
	.lacks = PMP_HARDEN_NO_CAP_EFFECTIVE,
	.missing = PMP_HARDEN_NO_CAP_EFFECTIVE | PMP_HARDEN_NO_CAP_PERMITTED,
};

FIXTURE_VARIANT_ADD(hardening, cap_permitted) {
	.lacks = PMP_HARDEN_NO_CAP_PERMITTED,
	.missing = PMP_HARDEN_NO_CAP_PERMITTED,
};

FIXTURE_VARIANT_ADD(hardening, cap_inheritable) {
	.lacks = PMP_HARDEN_NO_CAP_INHERITABLE,
	.missing = PMP_HARDEN_NO_CAP_INHERITABLE,
};

/* An ambient capability is always permitted and inheritable too. */
FIXTURE_VARIANT_ADD(hardening, cap_ambient) {
	.lacks = PMP_HARDEN_NO_CAP_AMBIENT,
	.missing = PMP_HARDEN_NO_CAP_AMBIENT | PMP_HARDEN_NO_CAP_PERMITTED |
		   PMP_HARDEN_NO_CAP_INHERITABLE,
};

FIXTURE_VARIANT_ADD(hardening, second_thread_with_capabilities) {
	.lacks = 0,
	.thread = THREAD_WITH_CAPS,
	.missing = PMP_HARDEN_NO_CAP_EFFECTIVE | PMP_HARDEN_NO_CAP_PERMITTED,
};

/*
 * Leaves the calling thread with no capability but those that make it lack
 * the PMP_HARDEN_NO_CAP_* properties in @lacks.
 */
static int set_caps(__u32 lacks)
{
	const cap_value_t admin = CAP_SYS_ADMIN, bind = CAP_NET_BIND_SERVICE;
	cap_t caps;
	int ret;

	if (cap_reset_ambient())
		return -1;
	caps = cap_init();
	if (!caps)
		return -1;
	ret = 0;
	if (lacks & PMP_HARDEN_NO_CAP_EFFECTIVE)
		ret |= cap_set_flag(caps, CAP_EFFECTIVE, 1, &admin, CAP_SET);
	if (lacks & (PMP_HARDEN_NO_CAP_EFFECTIVE | PMP_HARDEN_NO_CAP_PERMITTED))
		ret |= cap_set_flag(caps, CAP_PERMITTED, 1, &admin, CAP_SET);
	if (lacks & PMP_HARDEN_NO_CAP_INHERITABLE)
		ret |= cap_set_flag(caps, CAP_INHERITABLE, 1, &admin, CAP_SET);
	if (lacks & PMP_HARDEN_NO_CAP_AMBIENT) {
		ret |= cap_set_flag(caps, CAP_PERMITTED, 1, &bind, CAP_SET);
		ret |= cap_set_flag(caps, CAP_INHERITABLE, 1, &bind, CAP_SET);
	}
	if (!ret)
		ret = cap_set_proc(caps);
	cap_free(caps);
	if (!ret && (lacks & PMP_HARDEN_NO_CAP_AMBIENT))
		ret = cap_set_ambient(bind, CAP_SET);
	return ret ? -1 : 0;
}

struct cap_thread {
	__u32 lacks;
	int ret;
	pthread_barrier_t ready;
};

static void *cap_thread_main(void *arg)
{
	struct cap_thread *t = arg;

	t->ret = set_caps(t->lacks);
	pthread_barrier_wait(&t->ready);
	for (;;)
		pause();
	return NULL;
}

/* Starts a thread that stays, with the capabilities set_caps(@lacks) sets. */
static int start_cap_thread(struct cap_thread *t, __u32 lacks)
{
	pthread_t thread;

	t->lacks = lacks;
	if (pthread_barrier_init(&t->ready, NULL, 2) ||
	    pthread_create(&thread, NULL, cap_thread_main, t))
		return -1;
	pthread_barrier_wait(&t->ready);
	return t->ret;
}

/* Loads a filter that allows everything, in this thread only. */
static int load_allow_all_filter(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int ret;

	if (!ctx)
		return -1;
	/* no_new_privs is a property of its own: libseccomp must not set it. */
	ret = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	if (!ret)
		ret = seccomp_load(ctx);
	seccomp_release(ctx);
	return ret;
}

/*
 * Takes on every hardening property but those the variant lacks; returns 0
 * or the step that failed.  Capabilities go last: loading a filter without
 * no_new_privs needs CAP_SYS_ADMIN.
 */
static int harden(const FIXTURE_VARIANT(hardening) *variant,
		  struct cap_thread *thread)
{
	__u32 lacks = variant->lacks;

	/* Traced since before its exec (exec_hardened()). */
	if (!(lacks & PMP_HARDEN_NO_NEW_PRIVS) &&
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return 2;
	if (!(lacks & PMP_HARDEN_NONDUMPABLE) &&
	    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0))
		return 3;
	/* A thread started before the filter is loaded runs without it. */
	if (variant->thread == THREAD_BEFORE_SECCOMP &&
	    start_cap_thread(thread, 0))
		return 4;
	if (!(lacks & PMP_HARDEN_SECCOMP) && load_allow_all_filter())
		return 5;
	if (variant->thread == THREAD_WITH_CAPS &&
	    start_cap_thread(thread, PMP_HARDEN_NO_CAP_EFFECTIVE))
		return 6;
	if (set_caps(lacks & HARDEN_CAPS))
		return 7;
	return 0;
}

struct harden_report {
	int step;		/* 0, or the hardening step that failed */
	int ret;		/* of HOST_REGISTER */
	int err;
	struct pmp_host_register reg;
	int info_ret;		/* of INFO right after */
	int info_err;
	struct pmp_info info;
};

/* What a registered hardened child does next (guard tests). */
enum child_action {
	ACT_NONE,
	ACT_DUMPABLE,	/* prctl(PR_SET_DUMPABLE, 1), then a receive */
	ACT_EXEC,	/* exec this program again, which tries a receive */
};

/* What the child reports after its action. */
struct action_report {
	int ret;	/* of the action */
	int err;
	int recv_err;	/* of a non-blocking PMP_IOC_RECV after it */
};

#define AFTER_EXEC_ARG "--after-exec"

/* A non-blocking receive on host endpoint @fd: its errno, 0 for none. */
static int recv_errno(int fd)
{
	struct pmp_recv r;

	memset(&r, 0, sizeof(r));
	fcntl(fd, F_SETFL, O_NONBLOCK);
	return ioctl(fd, PMP_IOC_RECV, &r) ? errno : 0;
}

static int child_act(enum child_action action, int fd, int up)
{
	struct action_report a = { 0 };
	char fds[2][16];

	switch (action) {
	case ACT_DUMPABLE:
		a.ret = prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		a.err = a.ret ? errno : 0;
		a.recv_err = recv_errno(fd);
		break;
	case ACT_EXEC:
		/* The new image reports (main()). */
		snprintf(fds[0], sizeof(fds[0]), "%d", fd);
		snprintf(fds[1], sizeof(fds[1]), "%d", up);
		if (fcntl(fd, F_SETFD, 0) || fcntl(up, F_SETFD, 0))
			return 1;
		execl("/proc/self/exe", "pmp_test", AFTER_EXEC_ARG, fds[0],
		      fds[1], (char *)NULL);
		return 1;
	default:
		return 0;
	}
	return write_full(up, &a, sizeof(a)) ? 1 : 0;
}

/* main() of the image after ACT_EXEC: the old endpoint is dead to it. */
static int after_exec_main(char **argv)
{
	struct action_report a = { 0 };

	a.recv_err = recv_errno(atoi(argv[2]));
	return write_full(atoi(argv[3]), &a, sizeof(a)) ? 1 : 0;
}

static int hardened_child(const FIXTURE_VARIANT(hardening) *variant,
			  __u32 flags, int up, int down,
			  enum child_action action)
{
	struct harden_report rep;
	struct cap_thread thread;
	int fd = pmp_open();
	char go;

	memset(&rep, 0, sizeof(rep));
	rep.step = fd < 0 ? -1 : harden(variant, &thread);
	if (!rep.step) {
		rep.ret = host_register(fd, flags, &rep.reg);
		rep.err = rep.ret ? errno : 0;
		rep.info_ret = get_info(fd, &rep.info);
		rep.info_err = rep.info_ret ? errno : 0;
	}
	if (write_full(up, &rep, sizeof(rep)))
		return 1;
	/* An action waits for the parent's go, a byte on down. */
	if (action != ACT_NONE &&
	    (read_full(down, &go, 1) || child_act(action, fd, up)))
		return 1;
	wait_release(down);
	return 0;
}

/*
 * The hardened child runs this program again, exec'd: only an image of a
 * trusted executable exec'd untraced may register as a protected host,
 * and tools/check.sh loads the module with this program in trusted_exe.
 */
#define HARDENED_CHILD_ARG "--hardened-child"

/* In the child: exec this program to harden and register (main()). */
static int exec_hardened(const FIXTURE_VARIANT(hardening) *variant,
			 __u32 flags, int up, int down,
			 enum child_action action)
{
	char args[5][16];
	char *argv[] = { "pmp_test", HARDENED_CHILD_ARG, args[0], args[1],
			 args[2], args[3], args[4], NULL };

	snprintf(args[0], sizeof(args[0]), "%u", variant->lacks);
	snprintf(args[1], sizeof(args[1]), "%d", (int)variant->thread);
	snprintf(args[2], sizeof(args[2]), "%u", flags);
	snprintf(args[3], sizeof(args[3]), "%d", up);
	snprintf(args[4], sizeof(args[4]), "%d", (int)action);
	if (fcntl(up, F_SETFD, 0) || fcntl(down, F_SETFD, 0))
		return 10;
	/* down is always the descriptor after up (KEEP_FDS keeps both). */
	if (down != up + 1 && dup2(down, up + 1) != up + 1)
		return 11;
	/* The parent, which is the test, becomes the tracer. */
	if ((variant->lacks & PMP_HARDEN_UNTRACED) &&
	    ptrace(PTRACE_TRACEME, 0, 0, 0))
		return 1;
	execv("/proc/self/exe", argv);
	return 12;
}

/* main() of the exec'd child: argv[2..6] as exec_hardened() wrote them. */
static int hardened_main(char **argv)
{
	FIXTURE_VARIANT(hardening) variant = {
		.lacks = strtoul(argv[2], NULL, 10),
		.thread = atoi(argv[3]),
	};
	int up = atoi(argv[5]);

	return hardened_child(&variant, strtoul(argv[4], NULL, 10), up,
			      up + 1, atoi(argv[6]));
}

/* Forks a child that hardens itself as the variant says and registers. */
static pid_t spawn_acting(struct __test_metadata *_metadata,
			  const FIXTURE_VARIANT(hardening) *variant,
			  __u32 flags, struct link *l,
			  struct harden_report *rep, enum child_action action,
			  bool exec)
{
	int status;
	pid_t pid;

	link_init(_metadata, l);
	pid = spawn(_metadata);
	if (pid == 0) {
		KEEP_FDS(l->up[1], l->down[0]);
		/* The parent, which is the test, becomes the tracer. */
		if (!exec && (variant->lacks & PMP_HARDEN_UNTRACED) &&
		    ptrace(PTRACE_TRACEME, 0, 0, 0))
			_exit(1);
		if (!exec)
			_exit(hardened_child(variant, flags, l->up[1],
					     l->down[0], action));
		_exit(exec_hardened(variant, flags, l->up[1], l->down[0],
				    action));
	}
	if (exec && (variant->lacks & PMP_HARDEN_UNTRACED)) {
		/* The exec stops a tracee with SIGTRAP: let it go on. */
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_TRUE(WIFSTOPPED(status));
		ASSERT_EQ(SIGTRAP, WSTOPSIG(status));
		ASSERT_EQ(0, ptrace(PTRACE_CONT, pid, 0, 0));
	}
	link_parent(l);
	read_report(_metadata, l, pid, rep, sizeof(*rep));
	ASSERT_EQ(0, rep->step)
		TH_LOG("the child could not harden itself (step %d)",
		       rep->step);
	return pid;
}

static pid_t spawn_hardened(struct __test_metadata *_metadata,
			    const FIXTURE_VARIANT(hardening) *variant,
			    __u32 flags, struct link *l,
			    struct harden_report *rep)
{
	return spawn_acting(_metadata, variant, flags, l, rep, ACT_NONE,
			    true);
}

/* What a client of the child's host sees of it. */
static void assert_host_seen(struct __test_metadata *_metadata, __u64 host_id,
			     pid_t pid, __u32 flags, __u32 missing)
{
	int client = new_client(_metadata, host_id);
	struct pmp_info info = info_of(_metadata, client);

	ASSERT_EQ(pid, (pid_t)info.host_pid);
	ASSERT_EQ(flags, info.host_flags);
	ASSERT_EQ(missing, info.host_missing);
	ASSERT_EQ(0U, info.host_uid);
	ASSERT_EQ(0, close(client));
}

FIXTURE_SETUP(hardening)
{
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
}

FIXTURE_TEARDOWN(hardening)
{
	env_teardown(_metadata);
}

TEST_F(hardening, protected_registration)
{
	/* Exec'd while traced: never a trusted image (with enforcement). */
	__u32 missing = variant->missing |
			(variant->lacks & PMP_HARDEN_UNTRACED && enforcing() ?
				 PMP_HARDEN_TRUSTED_EXEC : 0);
	long long before[NR_COUNTERS];
	struct harden_report rep;
	bool refused = missing;

	read_counters(_metadata, before);
	self->pid = spawn_hardened(_metadata, variant, 0, &self->link, &rep);
	if (refused) {
		ASSERT_EQ(-1, rep.ret);
		ASSERT_EQ(EPERM, rep.err);
		ASSERT_EQ(missing, rep.reg.missing)
			TH_LOG("missing %#x, expected %#x", rep.reg.missing,
			       missing);
		ASSERT_EQ(0ULL, rep.reg.host_id);
		ASSERT_EQ(-1, rep.info_ret);
		ASSERT_EQ(ENOTCONN, rep.info_err);
		ASSERT_COUNTERS(before, [REGISTRATIONS_REFUSED] = 1,
				[REGISTRATIONS_REFUSED_UNHARDENED] = 1,
				[REGISTRATIONS_REFUSED_UNTRUSTED] =
					!!(missing & PMP_HARDEN_TRUSTED_EXEC));
	} else {
		ASSERT_EQ(0, rep.ret)
			TH_LOG("%s, missing %#x", errno_name(rep.err),
			       rep.reg.missing);
		ASSERT_EQ(0U, rep.reg.missing);
		ASSERT_NE(0ULL, rep.reg.host_id);
		ASSERT_EQ(0, rep.info_ret);
		ASSERT_EQ(0U, rep.info.host_flags);
		ASSERT_EQ(0U, rep.info.host_missing);
		ASSERT_COUNTERS(before, [HOSTS] = 1, [REGISTRATIONS] = 1);
		assert_host_seen(_metadata, rep.reg.host_id, self->pid, 0, 0);
	}
	link_release(&self->link);
	ASSERT_EQ(0, reap(self->pid));
	ASSERT_COUNTERS(before, [REGISTRATIONS] = !refused,
			[REGISTRATIONS_REFUSED] = refused,
			[REGISTRATIONS_REFUSED_UNHARDENED] = refused,
			[REGISTRATIONS_REFUSED_UNTRUSTED] =
				!!(missing & PMP_HARDEN_TRUSTED_EXEC));
}

TEST_F(hardening, unprotected_registration_reports_missing_properties)
{
	long long before[NR_COUNTERS];
	struct harden_report rep;

	read_counters(_metadata, before);
	self->pid = spawn_hardened(_metadata, variant, PMP_HOST_UNPROTECTED,
				   &self->link, &rep);
	ASSERT_EQ(0, rep.ret)
		TH_LOG("%s", errno_name(rep.err));
	ASSERT_EQ(variant->missing, rep.reg.missing)
		TH_LOG("missing %#x, expected %#x", rep.reg.missing,
		       variant->missing);
	ASSERT_NE(0ULL, rep.reg.host_id);
	ASSERT_EQ(0, rep.info_ret);
	ASSERT_EQ(PMP_HOST_UNPROTECTED, rep.info.host_flags);
	ASSERT_EQ(variant->missing, rep.info.host_missing);
	ASSERT_COUNTERS(before, [HOSTS] = 1, [REGISTRATIONS] = 1);
	assert_host_seen(_metadata, rep.reg.host_id, self->pid,
			 PMP_HOST_UNPROTECTED, variant->missing);
	link_release(&self->link);
	ASSERT_EQ(0, reap(self->pid));
	ASSERT_COUNTERS(before, [REGISTRATIONS] = 1);
}

/* ---- who else holds a copy of an endpoint ------------------------------ */

enum copy_holder {
	NO_COPY,
	COPY_IN_FORKED_CHILD,
	COPY_RECEIVED_OVER_SCM_RIGHTS,
};

FIXTURE(copies) {
	struct link holder;	/* of a copy holder the test started */
};

FIXTURE_VARIANT(copies) {
	enum copy_holder copy;
};

FIXTURE_VARIANT_ADD(copies, no_copy) {
	.copy = NO_COPY,
};

FIXTURE_VARIANT_ADD(copies, copy_in_forked_child) {
	.copy = COPY_IN_FORKED_CHILD,
};

FIXTURE_VARIANT_ADD(copies, copy_received_over_scm_rights) {
	.copy = COPY_RECEIVED_OVER_SCM_RIGHTS,
};

FIXTURE_SETUP(copies)
{
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	self->holder.down[1] = -1;
}

FIXTURE_TEARDOWN(copies)
{
	env_teardown(_metadata);
}

/* Gives a copy of @fd, owned by the test, to another process. */
static void give_copy(struct __test_metadata *_metadata,
		      FIXTURE_DATA(copies) *self,
		      const FIXTURE_VARIANT(copies) *variant, int fd)
{
	pid_t pid;

	switch (variant->copy) {
	case NO_COPY:
		break;
	case COPY_IN_FORKED_CHILD:
		link_init(_metadata, &self->holder);
		fflush(NULL);
		pid = fork_holder(fd, self->holder.down[0]);
		ASSERT_LT(0, pid);
		track_child(pid);
		link_parent(&self->holder);
		break;
	case COPY_RECEIVED_OVER_SCM_RIGHTS:
		spawn_receiver(_metadata, fd, &self->holder);
		break;
	}
}

static void owner_spec_copies(const FIXTURE_VARIANT(copies) *variant,
			      struct owner_spec *spec)
{
	spec->fork_holder = variant->copy == COPY_IN_FORKED_CHILD;
	spec->send_copy = variant->copy == COPY_RECEIVED_OVER_SCM_RIGHTS;
}

/* The copy left with the test is useless, and closing it changes nothing. */
static void assert_copy_inert(struct __test_metadata *_metadata, int copy)
{
	long long before[NR_COUNTERS];
	struct pmp_info info;
	int revents;

	if (copy < 0)
		return;
	read_counters(_metadata, before);
	ASSERT_EQ(-1, get_info(copy, &info));
	ASSERT_EQ(EBADFD, errno);
	ASSERT_EQ(-1, pmp_version(copy));
	ASSERT_EQ(EBADFD, errno);
	revents = poll_fd(copy, 0);
	ASSERT_LE(0, revents);
	ASSERT_EQ(POLLERR, revents & POLLERR);
	ASSERT_EQ(0, close(copy));
	ASSERT_COUNTERS(before);
}

/* What a client sees once its host is gone. */
static void assert_hung_up(struct __test_metadata *_metadata, int client,
			   __u64 host_id)
{
	struct pmp_info info;
	int fd, revents;

	revents = poll_fd(client, 5000);
	ASSERT_LE(0, revents);
	ASSERT_EQ(POLLHUP, revents & POLLHUP)
		TH_LOG("revents %#x", revents);
	ASSERT_EQ(-1, pmp_lock(client));
	ASSERT_EQ(ESHUTDOWN, errno);
	ASSERT_EQ(-1, pmp_unlock(client));
	ASSERT_EQ(ESHUTDOWN, errno);
	ASSERT_EQ(-1, get_info(client, &info));
	ASSERT_EQ(ESHUTDOWN, errno);
	ASSERT_EQ(PMP_ABI_VERSION, pmp_version(client));

	fd = pmp_open();
	ASSERT_LE(0, fd);
	ASSERT_EQ(-1, connect_host(fd, host_id));
	ASSERT_EQ(ECONNREFUSED, errno);
	ASSERT_EQ(0, close(fd));
}

TEST_F(copies, killed_client_releases_its_share)
{
	struct owner_spec spec = { .role = PMP_ENDPOINT_CLIENT, .locks = 5 };
	long long before[NR_COUNTERS];
	struct owner client;
	int host;

	host = new_host(_metadata, &spec.host_id);
	owner_spec_copies(variant, &spec);
	read_counters(_metadata, before);
	spawn_owner(_metadata, &spec, &client);
	ASSERT_EQ(0, client.rep.ret);
	ASSERT_EQ(5ULL, info_of(_metadata, host).locks);
	ASSERT_COUNTERS(before, [CLIENTS] = 1, [LOCKS_HELD] = 5,
			[LOCK_CALLS] = 5);

	ASSERT_EQ(0, kill(client.pid, SIGKILL));
	ASSERT_EQ(128 + SIGKILL, reap(client.pid));
	ASSERT_EQ(0ULL, info_of(_metadata, host).locks);
	ASSERT_EQ(0U, info_of(_metadata, host).clients);
	ASSERT_COUNTERS(before, [LOCK_CALLS] = 5);

	assert_copy_inert(_metadata, client.copy);
	link_release(&client.link);
	if (client.rep.holder > 0) {
		ASSERT_EQ(0, reap(client.rep.holder));
	}
	ASSERT_COUNTERS(before, [LOCK_CALLS] = 5);
}

TEST_F(copies, closing_client_fd_releases_its_share)
{
	long long before[NR_COUNTERS];
	__u64 host_id;
	int host, fd;

	host = new_host(_metadata, &host_id);
	read_counters(_metadata, before);
	fd = new_client(_metadata, host_id);
	lock_n(_metadata, fd, 4);
	give_copy(_metadata, self, variant, fd);
	ASSERT_EQ(4ULL, info_of(_metadata, host).locks);
	ASSERT_COUNTERS(before, [CLIENTS] = 1, [LOCKS_HELD] = 4,
			[LOCK_CALLS] = 4);

	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0ULL, info_of(_metadata, host).locks);
	ASSERT_EQ(0U, info_of(_metadata, host).clients);
	ASSERT_COUNTERS(before, [LOCK_CALLS] = 4);

	link_release(&self->holder);
	kill_children();
	ASSERT_COUNTERS(before, [LOCK_CALLS] = 4);
}

TEST_F(copies, killed_host_hangs_up_its_client)
{
	struct owner_spec spec = { .role = PMP_ENDPOINT_HOST };
	long long before[NR_COUNTERS];
	struct owner host;
	__u64 host_id;
	int client;

	owner_spec_copies(variant, &spec);
	read_counters(_metadata, before);
	spawn_owner(_metadata, &spec, &host);
	ASSERT_EQ(0, host.rep.ret);
	host_id = host.rep.reg.host_id;
	client = new_client(_metadata, host_id);
	lock_n(_metadata, client, 2);
	ASSERT_COUNTERS(before, [HOSTS] = 1, [CLIENTS] = 1, [LOCKS_HELD] = 2,
			[REGISTRATIONS] = 1, [LOCK_CALLS] = 2);

	ASSERT_EQ(0, kill(host.pid, SIGKILL));
	ASSERT_EQ(128 + SIGKILL, reap(host.pid));
	assert_hung_up(_metadata, client, host_id);
	ASSERT_COUNTERS(before, [CLIENTS] = 1, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 2);

	assert_copy_inert(_metadata, host.copy);
	ASSERT_EQ(0, close(client));
	link_release(&host.link);
	if (host.rep.holder > 0) {
		ASSERT_EQ(0, reap(host.rep.holder));
	}
	ASSERT_COUNTERS(before, [REGISTRATIONS] = 1, [LOCK_CALLS] = 2);
}

TEST_F(copies, closing_host_fd_hangs_up_its_client)
{
	long long before[NR_COUNTERS];
	__u64 host_id;
	int host, client;

	read_counters(_metadata, before);
	host = new_host(_metadata, &host_id);
	give_copy(_metadata, self, variant, host);
	client = new_client(_metadata, host_id);
	lock_n(_metadata, client, 3);
	ASSERT_COUNTERS(before, [HOSTS] = 1, [CLIENTS] = 1, [LOCKS_HELD] = 3,
			[REGISTRATIONS] = 1, [LOCK_CALLS] = 3);

	ASSERT_EQ(0, close(host));
	assert_hung_up(_metadata, client, host_id);
	ASSERT_COUNTERS(before, [CLIENTS] = 1, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 3);

	ASSERT_EQ(0, close(client));
	link_release(&self->holder);
	kill_children();
	ASSERT_COUNTERS(before, [REGISTRATIONS] = 1, [LOCK_CALLS] = 3);
}

/* ---- everything else --------------------------------------------------- */

FIXTURE(pmp) {
	int host;
	__u64 host_id;
};

FIXTURE_SETUP(pmp)
{
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
}

FIXTURE_TEARDOWN(pmp)
{
	env_teardown(_metadata);
}

TEST_F(pmp, sysfs_counters_are_single_decimal_values)
{
	long long value;
	int i;

	for (i = 0; i < NR_COUNTERS; i++) {
		ASSERT_EQ(0, read_counter(i, &value))
			TH_LOG(PMP_SYSFS "%s", counter_names[i]);
	}
}

TEST_F(pmp, open_gives_a_new_endpoint)
{
	struct pmp_host_register reg;
	struct pmp_info info;
	int a, b;

	a = pmp_open();
	ASSERT_LE(0, a);
	b = pmp_open();
	ASSERT_LE(0, b);
	ASSERT_EQ(-1, get_info(a, &info));
	ASSERT_EQ(ENOTCONN, errno);
	ASSERT_COUNTERS(start_counters);

	ASSERT_EQ(0, host_register(a, PMP_HOST_UNPROTECTED, &reg));
	ASSERT_EQ(-1, get_info(b, &info));
	ASSERT_EQ(ENOTCONN, errno);
	ASSERT_EQ(PMP_ABI_VERSION, pmp_version(b));
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [REGISTRATIONS] = 1);
}

TEST_F(pmp, host_ids_are_unique_and_nonzero)
{
	__u64 ids[8];
	int i, j;

	for (i = 0; i < 8; i++) {
		new_host(_metadata, &ids[i]);
		ASSERT_NE(0ULL, ids[i]);
		for (j = 0; j < i; j++) {
			ASSERT_NE(ids[j], ids[i]);
		}
	}
	ASSERT_COUNTERS(start_counters, [HOSTS] = 8, [REGISTRATIONS] = 8);
}

TEST_F(pmp, host_info_describes_the_host)
{

	struct pmp_info want = {
		.kind = PMP_ENDPOINT_HOST,
		.host_pid = getpid(),
		.host_flags = PMP_HOST_UNPROTECTED,
		.host_uid = geteuid(),
		.host_missing = missing_of_self(),
	};
	int client;

	self->host = new_host(_metadata, &self->host_id);
	want.host_id = self->host_id;
	assert_info(_metadata, self->host, &want, __LINE__);

	client = new_client(_metadata, self->host_id);
	lock_n(_metadata, client, 2);
	want.clients = 1;
	want.locks = 2;
	assert_info(_metadata, self->host, &want, __LINE__);
}

TEST_F(pmp, client_info_describes_its_host)
{
	struct pmp_info want;
	struct owner host;
	int a, b;

	self->host_id = spawn_host(_metadata, &host, 0);
	want = (struct pmp_info){
		.kind = PMP_ENDPOINT_CLIENT,
		.host_id = self->host_id,
		.host_pid = host.pid,
		.host_flags = PMP_HOST_UNPROTECTED,
		.host_uid = 0,
		.host_missing = host.rep.reg.missing,
		.clients = 1,
	};
	a = new_client(_metadata, self->host_id);
	assert_info(_metadata, a, &want, __LINE__);

	b = new_client(_metadata, self->host_id);
	lock_n(_metadata, a, 2);
	lock_n(_metadata, b, 1);
	want.clients = 2;
	want.locks = 3;
	want.own_locks = 2;
	assert_info(_metadata, a, &want, __LINE__);
	want.own_locks = 1;
	assert_info(_metadata, b, &want, __LINE__);

	ASSERT_EQ(0, close(a));
	ASSERT_EQ(0, close(b));
	release_owner(_metadata, &host);
}

TEST_F(pmp, process_may_hold_a_host_and_its_clients)
{
	int a, b;

	self->host = new_host(_metadata, &self->host_id);
	a = new_client(_metadata, self->host_id);
	b = new_client(_metadata, self->host_id);
	lock_n(_metadata, b, 1);
	ASSERT_EQ(2U, info_of(_metadata, self->host).clients);
	ASSERT_EQ(getpid(), (pid_t)info_of(_metadata, a).host_pid);
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [CLIENTS] = 2,
			[LOCKS_HELD] = 1, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 1);
}

TEST_F(pmp, connect_to_unknown_host_is_refused)
{
	struct snapshot snap;
	__u64 ids[3];
	unsigned int i;
	int fd;

	self->host = new_host(_metadata, &self->host_id);
	ids[0] = 0;
	ids[1] = ~0ULL;
	ids[2] = self->host_id + 1000003;
	fd = pmp_open();
	ASSERT_LE(0, fd);
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		take_snapshot(_metadata, fd, self->host, &snap);
		ASSERT_EQ(-1, connect_host(fd, ids[i]))
			TH_LOG("host id %llu", (unsigned long long)ids[i]);
		ASSERT_EQ(ECONNREFUSED, errno);
		ASSERT_UNCHANGED(&snap);
	}
}

TEST_F(pmp, connect_to_closed_host_is_refused)
{
	int fd;

	self->host = new_host(_metadata, &self->host_id);
	ASSERT_EQ(0, close(self->host));
	fd = pmp_open();
	ASSERT_LE(0, fd);
	ASSERT_EQ(-1, connect_host(fd, self->host_id));
	ASSERT_EQ(ECONNREFUSED, errno);
	ASSERT_COUNTERS(start_counters, [REGISTRATIONS] = 1);
}

/* ---- the guard: trusted executables, and what stays protected -------- */

TEST_F(hardening, a_self_hardened_process_that_is_no_trusted_exec_is_refused)
{
	long long before[NR_COUNTERS];
	struct harden_report rep;
	__u32 missing;

	if (!enforcing())
		SKIP(return, "the module does not enforce");
	/* The same hardening, in a fork of the test: not a trusted exec. */
	missing = variant->missing | PMP_HARDEN_TRUSTED_EXEC;
	read_counters(_metadata, before);
	self->pid = spawn_acting(_metadata, variant, 0, &self->link, &rep,
				 ACT_NONE, false);
	ASSERT_EQ(-1, rep.ret);
	ASSERT_EQ(EPERM, rep.err);
	ASSERT_EQ(missing, rep.reg.missing)
		TH_LOG("missing %#x, expected %#x", rep.reg.missing, missing);
	ASSERT_EQ(0ULL, rep.reg.host_id);
	link_release(&self->link);
	ASSERT_EQ(0, reap(self->pid));
	ASSERT_COUNTERS(before, [REGISTRATIONS_REFUSED] = 1,
			[REGISTRATIONS_REFUSED_UNTRUSTED] = 1,
			[REGISTRATIONS_REFUSED_UNHARDENED] =
				!!variant->missing);
}

/*
 * A registered protected host (exec'd, hardened) does @action and reports
 * in @a; a client connected before then finds its calls refused with
 * EKEYREVOKED.
 */
static void act_after_registration(struct __test_metadata *_metadata,
				   struct link *l, pid_t *pid,
				   enum child_action action,
				   struct action_report *a)
{
	FIXTURE_VARIANT(hardening) all = { 0 };
	struct harden_report rep;
	struct pmp_create create;
	char go = 1;
	int client;

	*pid = spawn_acting(_metadata, &all, 0, l, &rep, action, true);
	ASSERT_EQ(0, rep.ret) TH_LOG("%s, missing %#x", errno_name(rep.err),
				     rep.reg.missing);
	client = new_client(_metadata, rep.reg.host_id);
	ASSERT_EQ(1, write(l->down[1], &go, 1));
	ASSERT_EQ(0, read_full(l->up[0], a, sizeof(*a)));
	/* Refused before it is queued: the host need not answer. */
	memset(&create, 0, sizeof(create));
	ASSERT_EQ(-1, ioctl(client, PMP_IOC_CREATE_OBJECT, &create));
	ASSERT_EQ(EKEYREVOKED, errno);
	ASSERT_EQ(0, close(client));
}

TEST_F(pmp, a_protected_host_that_makes_itself_dumpable_is_refused_and_revoked)
{
	struct action_report a;
	struct link l;
	pid_t pid;

	if (!enforcing())
		SKIP(return, "the module does not enforce");
	act_after_registration(_metadata, &l, &pid, ACT_DUMPABLE, &a);
	ASSERT_EQ(-1, a.ret);
	ASSERT_EQ(EPERM, a.err);
	ASSERT_EQ(EKEYREVOKED, a.recv_err);
	link_release(&l);
	ASSERT_EQ(0, reap(pid));
	ASSERT_COUNTERS(start_counters, [REGISTRATIONS] = 1,
			[DENIED_DUMPABLE] = 1, [REVOCATIONS] = 1);
}

TEST_F(pmp, an_endpoint_kept_across_execve_is_dead_to_the_new_image)
{
	struct action_report a;
	struct link l;
	pid_t pid;

	act_after_registration(_metadata, &l, &pid, ACT_EXEC, &a);
	ASSERT_EQ(EKEYREVOKED, a.recv_err);
	link_release(&l);
	ASSERT_EQ(0, reap(pid));
	ASSERT_COUNTERS(start_counters, [REGISTRATIONS] = 1,
			[REVOCATIONS] = 1);
}

TEST_F(pmp, connect_to_host_of_exited_process_is_refused)
{
	struct owner host;
	int fd;

	self->host_id = spawn_host(_metadata, &host, 0);
	release_owner(_metadata, &host);
	fd = pmp_open();
	ASSERT_LE(0, fd);
	ASSERT_EQ(-1, connect_host(fd, self->host_id));
	ASSERT_EQ(ECONNREFUSED, errno);
	ASSERT_COUNTERS(start_counters, [REGISTRATIONS] = 1);
}

TEST_F(pmp, protected_registration_of_unhardened_process_is_refused)
{
	__u32 missing = missing_of_self();
	/* A test is a fork of the harness, not a trusted exec. */
	__u32 untrusted = enforcing() ? PMP_HARDEN_TRUSTED_EXEC : 0;
	struct pmp_host_register reg;
	struct pmp_info info;
	int i, fd;

	ASSERT_NE(0U, missing);
	fd = pmp_open();
	ASSERT_LE(0, fd);
	for (i = 1; i <= 3; i++) {
		ASSERT_EQ(-1, host_register(fd, 0, &reg));
		ASSERT_EQ(EPERM, errno);
		ASSERT_EQ(missing | untrusted, reg.missing);
		ASSERT_EQ(0ULL, reg.host_id);
		ASSERT_EQ(-1, get_info(fd, &info));
		ASSERT_EQ(ENOTCONN, errno);
		ASSERT_COUNTERS(start_counters, [REGISTRATIONS_REFUSED] = i,
				[REGISTRATIONS_REFUSED_UNHARDENED] = i,
				[REGISTRATIONS_REFUSED_UNTRUSTED] =
					untrusted ? i : 0);
	}
	/* A refusal leaves the endpoint new; unprotected needs no trust. */
	ASSERT_EQ(0, host_register(fd, PMP_HOST_UNPROTECTED, &reg));
	ASSERT_EQ(missing, reg.missing);
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [REGISTRATIONS] = 1,
			[REGISTRATIONS_REFUSED] = 3,
			[REGISTRATIONS_REFUSED_UNHARDENED] = 3,
			[REGISTRATIONS_REFUSED_UNTRUSTED] = untrusted ? 3 : 0);
}

struct thread_host {
	int fd;
	int ret;
	__u64 host_id;
};

static void *register_in_thread(void *arg)
{
	struct thread_host *t = arg;
	struct pmp_host_register reg = { 0 };

	t->fd = pmp_open();
	t->ret = t->fd < 0 ? -1 : host_register(t->fd, PMP_HOST_UNPROTECTED,
						 &reg);
	t->host_id = reg.host_id;
	return NULL;
}

TEST_F(pmp, endpoint_belongs_to_the_process_not_the_thread)
{
	struct thread_host t;
	struct pmp_info info;
	pthread_t thread;

	ASSERT_EQ(0, pthread_create(&thread, NULL, register_in_thread, &t));
	ASSERT_EQ(0, pthread_join(thread, NULL));
	ASSERT_LE(0, t.fd);
	ASSERT_EQ(0, t.ret);
	/* The thread has exited; its process still owns the host. */
	info = info_of(_metadata, t.fd);
	ASSERT_EQ(PMP_ENDPOINT_HOST, (int)info.kind);
	ASSERT_EQ(getpid(), (pid_t)info.host_pid);
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [REGISTRATIONS] = 1);
	ASSERT_EQ(0, close(new_client(_metadata, t.host_id)));
}

/* ---- users ------------------------------------------------------------- */

TEST_F(pmp, other_user_cannot_connect)
{
	struct owner_spec spec = {
		.role = PMP_ENDPOINT_CLIENT,
		.uid = NOBODY,
	};
	struct owner client;

	self->host = new_host(_metadata, &spec.host_id);
	spawn_owner(_metadata, &spec, &client);
	ASSERT_EQ(-1, client.rep.ret);
	ASSERT_EQ(EACCES, client.rep.err);
	ASSERT_EQ(0U, info_of(_metadata, self->host).clients);
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [REGISTRATIONS] = 1);
	release_owner(_metadata, &client);
}

TEST_F(pmp, same_user_can_connect_without_capabilities)
{
	struct owner_spec client_spec = {
		.role = PMP_ENDPOINT_CLIENT,
		.uid = NOBODY,
		.locks = 1,
	};
	struct owner host, client;

	client_spec.host_id = spawn_host(_metadata, &host, NOBODY);
	spawn_owner(_metadata, &client_spec, &client);
	ASSERT_EQ(0, client.rep.ret)
		TH_LOG("CONNECT: %s", errno_name(client.rep.err));
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [CLIENTS] = 1,
			[LOCKS_HELD] = 1, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 1);
	release_owner(_metadata, &client);
	release_owner(_metadata, &host);
}

TEST_F(pmp, cap_sys_admin_can_connect_to_other_users_host)
{
	struct pmp_info info;
	struct owner host;
	int client;

	client = new_client(_metadata, spawn_host(_metadata, &host, NOBODY));
	info = info_of(_metadata, client);
	ASSERT_EQ((__u32)NOBODY, info.host_uid);
	ASSERT_EQ(host.pid, (pid_t)info.host_pid);
	ASSERT_EQ(0, close(client));
	release_owner(_metadata, &host);
}

TEST_F(pmp, root_without_cap_sys_admin_cannot_connect_to_other_users_host)
{
	struct owner_spec client_spec = {
		.role = PMP_ENDPOINT_CLIENT,
		.drop_sys_admin = true,
	};
	struct owner host, client;

	client_spec.host_id = spawn_host(_metadata, &host, NOBODY);
	spawn_owner(_metadata, &client_spec, &client);
	ASSERT_EQ(-1, client.rep.ret);
	ASSERT_EQ(EACCES, client.rep.err);
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [REGISTRATIONS] = 1);
	release_owner(_metadata, &client);
	release_owner(_metadata, &host);
}

/* ---- pid namespaces ---------------------------------------------------- */

/* In a child: connects from a new pid namespace; exits with the errno. */
static int connect_from_new_pid_ns(__u64 host_id)
{
	int status, fd;
	pid_t pid;

	if (unshare(CLONE_NEWPID))
		return 200;
	pid = fork();
	if (pid < 0)
		return 201;
	if (pid == 0) {
		fd = pmp_open();
		if (fd < 0)
			_exit(202);
		_exit(connect_host(fd, host_id) ? errno : 0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 203;
	return WEXITSTATUS(status);
}

TEST_F(pmp, client_in_child_pid_namespace_cannot_see_host)
{
	pid_t pid;

	self->host = new_host(_metadata, &self->host_id);
	pid = spawn(_metadata);
	if (pid == 0) {
		KEEP_FDS(-1);
		_exit(connect_from_new_pid_ns(self->host_id));
	}
	ASSERT_EQ(ECONNREFUSED, reap(pid));
	ASSERT_EQ(0U, info_of(_metadata, self->host).clients);
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [REGISTRATIONS] = 1);
}

struct pid_ns_report {
	pid_t outer_pid;	/* the host's pid in the test's namespace */
	int ret;		/* of HOST_REGISTER, then CONNECT */
	int err;
	struct pmp_host_register reg;
	struct pmp_info host_info;
	struct pmp_info client_info;
};

/* Pid 1 of a new namespace: a host, and a client of its own. */
static int host_as_pid_ns_init(int report, int down)
{
	struct pid_ns_report rep;
	int host, client;

	memset(&rep, 0, sizeof(rep));
	host = pmp_open();
	client = pmp_open();
	if (host < 0 || client < 0)
		return 1;
	rep.ret = host_register(host, PMP_HOST_UNPROTECTED, &rep.reg);
	if (!rep.ret)
		rep.ret = connect_host(client, rep.reg.host_id);
	rep.err = rep.ret ? errno : 0;
	get_info(host, &rep.host_info);
	get_info(client, &rep.client_info);
	if (write_full(report, &rep, sizeof(rep)))
		return 2;
	wait_release(down);
	return 0;
}

/* In a child: runs a host as init of a new pid namespace and reports. */
static int host_in_new_pid_ns(int up, int down)
{
	struct pid_ns_report rep;
	int status, report[2];
	pid_t pid;

	if (unshare(CLONE_NEWPID) || pipe(report))
		return 200;
	pid = fork();
	if (pid < 0)
		return 201;
	if (pid == 0) {
		KEEP_FDS(report[1], down);
		_exit(host_as_pid_ns_init(report[1], down));
	}
	close(report[1]);
	if (read_full(report[0], &rep, sizeof(rep)))
		return 202;
	rep.outer_pid = pid;
	if (write_full(up, &rep, sizeof(rep)))
		return 203;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 204;
	return WEXITSTATUS(status);
}

TEST_F(pmp, host_pid_is_reported_in_callers_pid_namespace)
{
	struct pid_ns_report rep;
	struct pmp_info info;
	struct link l;
	int client;
	pid_t pid;

	link_init(_metadata, &l);
	pid = spawn(_metadata);
	if (pid == 0) {
		KEEP_FDS(l.up[1], l.down[0]);
		_exit(host_in_new_pid_ns(l.up[1], l.down[0]));
	}
	link_parent(&l);
	read_report(_metadata, &l, pid, &rep, sizeof(rep));
	ASSERT_EQ(0, rep.ret)
		TH_LOG("%s", errno_name(rep.err));
	ASSERT_EQ(1U, rep.host_info.host_pid);
	ASSERT_EQ(1U, rep.client_info.host_pid);

	client = new_client(_metadata, rep.reg.host_id);
	info = info_of(_metadata, client);
	ASSERT_NE(1, rep.outer_pid);
	ASSERT_EQ(rep.outer_pid, (pid_t)info.host_pid);
	ASSERT_EQ(2U, info.clients);
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [CLIENTS] = 2,
			[REGISTRATIONS] = 1);
	ASSERT_EQ(0, close(client));
	link_release(&l);
	ASSERT_EQ(0, reap(pid));
}

/* ---- locks ------------------------------------------------------------- */

TEST_F(pmp, host_lock_count_is_the_sum_of_client_shares)
{
	struct pmp_info info;
	int a, b;

	self->host = new_host(_metadata, &self->host_id);
	a = new_client(_metadata, self->host_id);
	b = new_client(_metadata, self->host_id);
	lock_n(_metadata, a, 3);
	lock_n(_metadata, b, 2);
	info = info_of(_metadata, a);
	ASSERT_EQ(3U, info.own_locks);
	ASSERT_EQ(5ULL, info.locks);
	info = info_of(_metadata, b);
	ASSERT_EQ(2U, info.own_locks);
	ASSERT_EQ(5ULL, info.locks);
	info = info_of(_metadata, self->host);
	ASSERT_EQ(5ULL, info.locks);
	ASSERT_EQ(0U, info.own_locks);
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [CLIENTS] = 2,
			[LOCKS_HELD] = 5, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 5);

	ASSERT_EQ(0, pmp_unlock(a));
	ASSERT_EQ(2U, info_of(_metadata, a).own_locks);
	ASSERT_EQ(4ULL, info_of(_metadata, self->host).locks);
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [CLIENTS] = 2,
			[LOCKS_HELD] = 4, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 5, [UNLOCK_CALLS] = 1);
}

TEST_F(pmp, unlock_without_own_lock_fails_with_enolck)
{
	struct snapshot snap;
	int a, b;

	self->host = new_host(_metadata, &self->host_id);
	a = new_client(_metadata, self->host_id);
	b = new_client(_metadata, self->host_id);
	lock_n(_metadata, a, 2);

	/* Other clients' locks are not b's to drop. */
	take_snapshot(_metadata, b, a, &snap);
	ASSERT_EQ(-1, pmp_unlock(b));
	ASSERT_EQ(ENOLCK, errno);
	ASSERT_UNCHANGED(&snap);

	ASSERT_EQ(0, pmp_unlock(a));
	ASSERT_EQ(0, pmp_unlock(a));
	take_snapshot(_metadata, a, self->host, &snap);
	ASSERT_EQ(-1, pmp_unlock(a));
	ASSERT_EQ(ENOLCK, errno);
	ASSERT_UNCHANGED(&snap);
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [CLIENTS] = 2,
			[REGISTRATIONS] = 1, [LOCK_CALLS] = 2,
			[UNLOCK_CALLS] = 2);
}

#define LOCK_THREADS	8
#define LOCK_PAIRS	100000

struct lock_thread {
	pthread_t thread;
	int fd;
	long failures;
	int err;
};

static void *lock_pairs(void *arg)
{
	struct lock_thread *t = arg;
	int i;

	for (i = 0; i < LOCK_PAIRS; i++) {
		if (pmp_lock(t->fd)) {
			t->failures++;
			t->err = errno;
		} else if (pmp_unlock(t->fd)) {
			t->failures++;
			t->err = errno;
		}
	}
	return NULL;
}

TEST_F_TIMEOUT(pmp, threads_lock_and_unlock_one_client, 600)
{
	struct lock_thread threads[LOCK_THREADS];
	long long before[NR_COUNTERS];
	struct pmp_info info;
	int client, i;

	self->host = new_host(_metadata, &self->host_id);
	client = new_client(_metadata, self->host_id);
	read_counters(_metadata, before);
	for (i = 0; i < LOCK_THREADS; i++) {
		threads[i] = (struct lock_thread){ .fd = client };
		ASSERT_EQ(0, pthread_create(&threads[i].thread, NULL,
					    lock_pairs, &threads[i]));
	}
	for (i = 0; i < LOCK_THREADS; i++) {
		ASSERT_EQ(0, pthread_join(threads[i].thread, NULL));
		ASSERT_EQ(0, threads[i].failures)
			TH_LOG("thread %d: %s", i, errno_name(threads[i].err));
	}
	info = info_of(_metadata, client);
	ASSERT_EQ(0U, info.own_locks);
	ASSERT_EQ(0ULL, info.locks);
	ASSERT_COUNTERS(before, [LOCK_CALLS] = LOCK_THREADS * LOCK_PAIRS,
			[UNLOCK_CALLS] = LOCK_THREADS * LOCK_PAIRS);
}

TEST_F(pmp, host_counts_shares_of_clients_in_several_processes)
{
	struct owner clients[4];
	struct owner_spec spec;
	struct pmp_info info;
	int i;

	self->host = new_host(_metadata, &self->host_id);
	for (i = 0; i < 4; i++) {
		spec = (struct owner_spec){
			.role = PMP_ENDPOINT_CLIENT,
			.host_id = self->host_id,
			.locks = i + 1,
		};
		spawn_owner(_metadata, &spec, &clients[i]);
		ASSERT_EQ(0, clients[i].rep.ret);
	}
	info = info_of(_metadata, self->host);
	ASSERT_EQ(4U, info.clients);
	ASSERT_EQ(10ULL, info.locks);
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [CLIENTS] = 4,
			[LOCKS_HELD] = 10, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 10);

	/* The client with three locks exits. */
	release_owner(_metadata, &clients[2]);
	info = info_of(_metadata, self->host);
	ASSERT_EQ(3U, info.clients);
	ASSERT_EQ(7ULL, info.locks);

	for (i = 0; i < 4; i++)
		if (i != 2)
			release_owner(_metadata, &clients[i]);
	info = info_of(_metadata, self->host);
	ASSERT_EQ(0U, info.clients);
	ASSERT_EQ(0ULL, info.locks);
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 10);
}

TEST_F(pmp, closing_one_of_two_descriptors_keeps_the_share)
{
	int client, dup_fd;

	self->host = new_host(_metadata, &self->host_id);
	client = new_client(_metadata, self->host_id);
	lock_n(_metadata, client, 2);
	dup_fd = dup(client);
	ASSERT_LE(0, dup_fd);
	ASSERT_EQ(0, close(client));
	ASSERT_EQ(2U, info_of(_metadata, dup_fd).own_locks);
	ASSERT_EQ(2ULL, info_of(_metadata, self->host).locks);
	ASSERT_EQ(0, close(dup_fd));
	ASSERT_EQ(0ULL, info_of(_metadata, self->host).locks);
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 2);
}

/* ---- host death -------------------------------------------------------- */

TEST_F(pmp, killed_host_hangs_up_all_its_clients)
{
	struct owner host;
	int clients[3], i;
	struct pmp_info info;

	self->host_id = spawn_host(_metadata, &host, 0);
	for (i = 0; i < 3; i++) {
		clients[i] = new_client(_metadata, self->host_id);
		lock_n(_metadata, clients[i], i + 1);
	}
	info = info_of(_metadata, clients[0]);
	ASSERT_EQ(3U, info.clients);
	ASSERT_EQ(6ULL, info.locks);
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [CLIENTS] = 3,
			[LOCKS_HELD] = 6, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 6);

	ASSERT_EQ(0, kill(host.pid, SIGKILL));
	ASSERT_EQ(128 + SIGKILL, reap(host.pid));
	for (i = 0; i < 3; i++)
		assert_hung_up(_metadata, clients[i], self->host_id);
	/* Clients of a dead host still count until they are closed. */
	ASSERT_COUNTERS(start_counters, [CLIENTS] = 3, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 6);
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, close(clients[i]));
	}
	ASSERT_COUNTERS(start_counters, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 6);
}

struct hangup_report {
	int poll_ret;
	short revents;
	struct call_result lock;
	struct call_result unlock;
	struct call_result info;
	int version;
};

static void record(struct call_result *r, int ret)
{
	r->ret = ret;
	r->err = ret < 0 ? errno : 0;
}

/* A client that waits in poll() for its host to go, then reports. */
static int hangup_client(__u64 host_id, int locks, int up, int down)
{
	struct pollfd pfd = { .events = POLLIN };
	struct hangup_report rep;
	struct pmp_info info;
	char ready = 'R';

	memset(&rep, 0, sizeof(rep));
	pfd.fd = pmp_open();
	if (pfd.fd < 0 || connect_host(pfd.fd, host_id))
		return 10;
	while (locks--)
		if (pmp_lock(pfd.fd))
			return 11;
	if (write_full(up, &ready, 1))
		return 12;
	rep.poll_ret = poll(&pfd, 1, HANGUP_TIMEOUT_MS);
	rep.revents = pfd.revents;
	record(&rep.lock, pmp_lock(pfd.fd));
	record(&rep.unlock, pmp_unlock(pfd.fd));
	record(&rep.info, get_info(pfd.fd, &info));
	rep.version = pmp_version(pfd.fd);
	if (write_full(up, &rep, sizeof(rep)))
		return 13;
	wait_release(down);
	return 0;
}

TEST_F(pmp, killed_host_wakes_clients_waiting_in_poll)
{
	struct hangup_report rep;
	struct link links[3];
	struct owner host;
	pid_t pids[3];
	char ready;
	int i;

	self->host_id = spawn_host(_metadata, &host, 0);
	for (i = 0; i < 3; i++) {
		link_init(_metadata, &links[i]);
		pids[i] = spawn(_metadata);
		if (pids[i] == 0) {
			KEEP_FDS(links[i].up[1], links[i].down[0]);
			_exit(hangup_client(self->host_id, i + 1,
					    links[i].up[1], links[i].down[0]));
		}
		link_parent(&links[i]);
		read_report(_metadata, &links[i], pids[i], &ready, 1);
	}
	ASSERT_COUNTERS(start_counters, [HOSTS] = 1, [CLIENTS] = 3,
			[LOCKS_HELD] = 6, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 6);
	/* Give the clients time to block in poll(). */
	usleep(200 * 1000);

	ASSERT_EQ(0, kill(host.pid, SIGKILL));
	ASSERT_EQ(128 + SIGKILL, reap(host.pid));
	for (i = 0; i < 3; i++) {
		read_report(_metadata, &links[i], pids[i], &rep, sizeof(rep));
		ASSERT_EQ(1, rep.poll_ret)
			TH_LOG("client %d was not woken", i);
		ASSERT_EQ(POLLHUP, rep.revents & POLLHUP);
		ASSERT_EQ(-1, rep.lock.ret);
		ASSERT_EQ(ESHUTDOWN, rep.lock.err);
		ASSERT_EQ(-1, rep.unlock.ret);
		ASSERT_EQ(ESHUTDOWN, rep.unlock.err);
		ASSERT_EQ(-1, rep.info.ret);
		ASSERT_EQ(ESHUTDOWN, rep.info.err);
		ASSERT_EQ(PMP_ABI_VERSION, rep.version);
	}
	ASSERT_COUNTERS(start_counters, [CLIENTS] = 3, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 6);
	for (i = 0; i < 3; i++) {
		link_release(&links[i]);
		ASSERT_EQ(0, reap(pids[i]));
	}
	ASSERT_COUNTERS(start_counters, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = 6);
}

TEST_F(pmp, live_client_poll_reports_no_hangup)
{
	int client, revents;

	self->host = new_host(_metadata, &self->host_id);
	client = new_client(_metadata, self->host_id);
	revents = poll_fd(client, 0);
	ASSERT_LE(0, revents);
	ASSERT_EQ(0, revents & (POLLHUP | POLLERR));
}

/* ---- concurrency ------------------------------------------------------- */

#define WORKERS		6
#define WORKER_ROUNDS	100000

struct worker_tally {
	long connects;
	long locks;
	long unlocks;
	int failed_step;
	int failed_errno;
};

/* Records a failure at @step, unless the host has gone (ESHUTDOWN). */
static int worker_error(struct worker_tally *t, int step)
{
	if (errno != ESHUTDOWN) {
		t->failed_step = step;
		t->failed_errno = errno;
	}
	return -1;
}

/* Takes @n locks on a connected client and drops half of them. */
static int worker_round(struct worker_tally *t, int fd, int n)
{
	struct pmp_info info;
	int k;

	for (k = 0; k < n; k++) {
		if (pmp_lock(fd))
			return worker_error(t, 3);
		t->locks++;
	}
	if (get_info(fd, &info))
		return worker_error(t, 4);
	if (info.own_locks != (__u32)n) {
		t->failed_step = 5;
		return -1;
	}
	for (k = 0; k < n / 2; k++) {
		if (pmp_unlock(fd))
			return worker_error(t, 6);
		t->unlocks++;
	}
	return 0;
}

/*
 * Connects, locks, unlocks and closes over and over until the host has
 * gone.  Every fifth endpoint stays open, with its locks, a while longer.
 */
static int worker_main(__u64 host_id, struct worker_tally *t)
{
	int round, fd, kept = -1;

	for (round = 0; round < WORKER_ROUNDS; round++) {
		fd = pmp_open();
		if (fd < 0) {
			t->failed_step = 1;
			t->failed_errno = errno;
			return 1;
		}
		if (connect_host(fd, host_id)) {
			if (errno == ECONNREFUSED)
				return 0;
			t->failed_step = 2;
			t->failed_errno = errno;
			return 1;
		}
		__atomic_add_fetch(&t->connects, 1, __ATOMIC_RELAXED);
		worker_round(t, fd, round % 4 + 1);
		if (t->failed_step)
			return 1;
		if (round % 5 == 0) {
			if (kept >= 0)
				close(kept);
			kept = fd;
		} else {
			close(fd);
		}
	}
	return 0;
}

TEST_F_TIMEOUT(pmp, concurrent_clients_while_host_exits, 300)
{
	struct worker_tally *tally;
	long locks = 0, unlocks = 0, connects;
	struct owner host;
	pid_t pids[WORKERS];
	int i, waited;

	tally = mmap(NULL, sizeof(*tally) * WORKERS, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, tally);
	memset(tally, 0, sizeof(*tally) * WORKERS);

	self->host_id = spawn_host(_metadata, &host, 0);
	for (i = 0; i < WORKERS; i++) {
		pids[i] = spawn(_metadata);
		if (pids[i] == 0) {
			KEEP_FDS(-1);
			_exit(worker_main(self->host_id, &tally[i]));
		}
	}
	/* Let the workers get going, then take the host away under them. */
	for (waited = 0; waited < 10000; waited += 10) {
		for (connects = 0, i = 0; i < WORKERS; i++)
			connects += __atomic_load_n(&tally[i].connects,
						    __ATOMIC_RELAXED);
		if (connects >= 20 * WORKERS)
			break;
		usleep(10 * 1000);
	}
	link_release(&host.link);
	ASSERT_EQ(0, reap(host.pid));

	for (i = 0; i < WORKERS; i++) {
		ASSERT_EQ(0, reap(pids[i]))
			TH_LOG("worker %d failed at step %d: %s", i,
			       tally[i].failed_step,
			       errno_name(tally[i].failed_errno));
		locks += tally[i].locks;
		unlocks += tally[i].unlocks;
	}
	TH_LOG("%ld locks, %ld unlocks", locks, unlocks);
	ASSERT_COUNTERS(start_counters, [REGISTRATIONS] = 1,
			[LOCK_CALLS] = locks, [UNLOCK_CALLS] = unlocks);
}

static void __attribute__((constructor)) __constructor_order_last(void)
{
	if (!__constructor_order)
		__constructor_order = _CONSTRUCTOR_ORDER_BACKWARD;
}

int main(int argc, char **argv)
{
	if (argc == 7 && !strcmp(argv[1], HARDENED_CHILD_ARG))
		return hardened_main(argv);
	if (argc == 4 && !strcmp(argv[1], AFTER_EXEC_ARG))
		return after_exec_main(argv);
	return test_harness_run(argc, argv);
}
