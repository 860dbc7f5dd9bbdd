// SPDX-License-Identifier: GPL-2.0
/*
 * races_test - kselftests for transactions racing each other, and for what
 * one user may make the kernel hold
 *
 * The races are made deterministic with userfaultfd: a host thread's
 * PMP_IOC_RECV copies a call's payload into a page that is registered
 * "missing", so the copy stalls until the test lets it go on, or fail.
 * While it stalls, the test times the client out, answers the call from
 * another thread, or closes the host.  Each of those sequences once made
 * the kernel drop a transaction's references twice (issue 10, bug 1).
 *
 * The limits tests set the max_user_* parameters low and show each one
 * refuse with its documented error, and show that what a host has
 * received no longer counts against its client's user.
 *
 * Without /dev/pmp every test is skipped.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/userfaultfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "pmp_helpers.h"
#include "txn_helpers.h"

/* ---- a page whose first touch stalls ----------------------------------- */

struct stall {
	int uffd;
	char *page;
	size_t size;
};

static void stall_init(struct __test_metadata *_metadata, struct stall *st)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };

	st->size = sysconf(_SC_PAGESIZE);
	st->uffd = syscall(__NR_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	ASSERT_LE(0, st->uffd)
		TH_LOG("userfaultfd: %s", strerror(errno));
	ASSERT_EQ(0, ioctl(st->uffd, UFFDIO_API, &api));
	st->page = mmap(NULL, st->size, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, st->page);
	reg.range.start = (unsigned long)st->page;
	reg.range.len = st->size;
	ASSERT_EQ(0, ioctl(st->uffd, UFFDIO_REGISTER, &reg))
		TH_LOG("UFFDIO_REGISTER: %s", strerror(errno));
}

/* Waits until some thread (here: the kernel, for a RECV) faults on it. */
static void stall_wait(struct __test_metadata *_metadata, struct stall *st)
{
	struct uffd_msg msg;

	ASSERT_EQ(POLLIN, poll_fd(st->uffd, WAIT_MS) & POLLIN)
		TH_LOG("nothing touched the stalling page in %d ms", WAIT_MS);
	ASSERT_EQ((ssize_t)sizeof(msg), read(st->uffd, &msg, sizeof(msg)));
	ASSERT_EQ(UFFD_EVENT_PAGEFAULT, msg.event);
	ASSERT_EQ((unsigned long)st->page,
		  msg.arg.pagefault.address & ~(st->size - 1));
}

/*
 * Lets the stalled copy go on and fail: the page becomes read-only before
 * the faulting thread is woken, so the retried write finds it so (EFAULT).
 */
static void stall_fail(struct __test_metadata *_metadata, struct stall *st)
{
	struct uffdio_range range = {
		.start = (unsigned long)st->page,
		.len = st->size,
	};

	ASSERT_EQ(0, mprotect(st->page, st->size, PROT_READ));
	ASSERT_EQ(0, ioctl(st->uffd, UFFDIO_WAKE, &range));
}

/* Lets the stalled copy go on and succeed. */
static void stall_resolve(struct __test_metadata *_metadata, struct stall *st)
{
	static char zero[65536];
	struct uffdio_copy copy = {
		.dst = (unsigned long)st->page,
		.src = (unsigned long)zero,
		.len = st->size,
	};

	ASSERT_GE(sizeof(zero), st->size);
	ASSERT_EQ(0, ioctl(st->uffd, UFFDIO_COPY, &copy))
		TH_LOG("UFFDIO_COPY: %s", strerror(errno));
}

static void stall_destroy(struct stall *st)
{
	if (st->page && st->page != MAP_FAILED)
		munmap(st->page, st->size);
	if (st->uffd >= 0)
		close(st->uffd);
}

/* Starts PMP_IOC_RECV of @host into @buf in a thread. */
static struct async *async_recv(struct __test_metadata *_metadata, int host,
				void *buf, __u32 size)
{
	struct pmp_recv r = { .buf_ptr = ptr(buf), .buf_size = size };

	return async_start(_metadata, host, PMP_IOC_RECV, &r, sizeof(r));
}

/* Waits until the host holds @n transactions. */
static void wait_pending(struct __test_metadata *_metadata, int host, __u32 n)
{
	int ms;

	for (ms = 0; ms < WAIT_MS && info_of(_metadata, host).pending < n; ms++)
		sleep_ms(1);
	ASSERT_EQ(n, info_of(_metadata, host).pending);
}

/* A call with an 8-byte payload, so that RECV has something to copy. */
static const char call_payload[8] = "payload";

static void init_payload_call(struct pmp_call *call, __u64 handle,
			      __u32 timeout_ms)
{
	init_call(call, handle, METHOD_OTHER);
	call->in_ptr = ptr(call_payload);
	call->in_size = sizeof(call_payload);
	call->timeout_ms = timeout_ms;
}

/* ---- a delivery that stalls while its call goes away ------------------- */

FIXTURE(stalled) {
	int host;
	__u64 host_id;
	int client;
	__u64 handle;
	struct stall st;
};

FIXTURE_SETUP(stalled)
{
	self->st.uffd = -1;
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	self->host = new_nonblock_host(_metadata, &self->host_id);
	self->client = new_client(_metadata, self->host_id);
	ASSERT_OK(ioctl(self->client, PMP_IOC_LOCK, 0UL));
	/* The CREATE is transaction 1; the call under test will be 2. */
	self->handle = create_answered(_metadata, self->host, self->client,
				       COOKIE(1), NULL);
	stall_init(_metadata, &self->st);
}

FIXTURE_TEARDOWN(stalled)
{
	stall_destroy(&self->st);
	env_teardown_threads(_metadata);
}

/*
 * Runs the first half of every sequence: a call whose delivery stalls in
 * the copy of its payload until its client has timed out.  Returns the
 * RECV in its thread.  The timeout leaves the RECV thread two seconds to
 * take the call, which a loaded emulator needs.
 */
static struct async *stall_timed_out_call(struct __test_metadata *_metadata,
					  FIXTURE_DATA(stalled) *self)
{
	struct pmp_call call;
	struct async *c, *r;

	init_payload_call(&call, self->handle, 2000);
	c = async_call(_metadata, self->client, &call);
	wait_for_work(_metadata, self->host);
	r = async_recv(_metadata, self->host, self->st.page, self->st.size);
	stall_wait(_metadata, &self->st);
	async_failed(_metadata, c, ETIMEDOUT);
	/* Delivered (being copied out) and cancelled: the host holds it. */
	EXPECT_EQ(1U, info_of(_metadata, self->host).pending);
	return r;
}

TEST_F(stalled, reply_then_failed_copy_forgets_the_call_once)
{
	long long before[NR_COUNTERS];
	struct async *r;

	read_counters(_metadata, before);
	r = stall_timed_out_call(_metadata, self);

	/* Another host thread guesses the id and answers first. */
	ASSERT_ERRNO(ECANCELED, reply_status(self->host, 2, S_OK));
	stall_fail(_metadata, &self->st);
	async_failed(_metadata, r, EFAULT);

	ASSERT_EQ(0U, info_of(_metadata, self->host).pending);
	ASSERT_COUNTERS(before, [CALLS] = 1, [TRANSACTIONS_CANCELLED] = 1,
			[TIMEOUTS] = 1, [REPLIES_DISCARDED] = 1);
	ASSERT_ERRNO(ENOENT, reply_status(self->host, 2, S_OK));
	assert_no_work(_metadata, self->host);
}

TEST_F(stalled, failed_copy_alone_forgets_the_cancelled_call)
{
	long long before[NR_COUNTERS];
	struct async *r;

	read_counters(_metadata, before);
	r = stall_timed_out_call(_metadata, self);
	stall_fail(_metadata, &self->st);
	async_failed(_metadata, r, EFAULT);

	/* The host never saw it, so nothing is left to answer. */
	ASSERT_EQ(0U, info_of(_metadata, self->host).pending);
	ASSERT_COUNTERS(before, [CALLS] = 1, [TRANSACTIONS_CANCELLED] = 1,
			[TIMEOUTS] = 1);
	ASSERT_ERRNO(ENOENT, reply_status(self->host, 2, S_OK));
	assert_no_work(_metadata, self->host);
}

TEST_F(stalled, host_closed_then_failed_copy_forgets_the_call_once)
{
	long long before[NR_COUNTERS];
	struct async *r;

	read_counters(_metadata, before);
	r = stall_timed_out_call(_metadata, self);

	/* The host's last descriptor goes: teardown forgets the call. */
	ASSERT_EQ(0, close(self->host));
	ASSERT_COUNTERS(before, [HOSTS] = -1, [CALLS] = 1,
			[TRANSACTIONS_CANCELLED] = 1, [TIMEOUTS] = 1,
			[LOCKS_HELD] = -1);
	stall_fail(_metadata, &self->st);
	async_failed(_metadata, r, EFAULT);
	ASSERT_COUNTERS(before, [HOSTS] = -1, [CALLS] = 1,
			[TRANSACTIONS_CANCELLED] = 1, [TIMEOUTS] = 1,
			[LOCKS_HELD] = -1);
	ASSERT_ERRNO(ESHUTDOWN, ioctl(self->client, PMP_IOC_LOCK, 0UL));
}

TEST_F(stalled, reply_during_copy_reaches_the_client_once)
{
	struct pmp_call call;
	struct async *c, *r;

	/* A host may answer before its own RECV has returned. */
	init_payload_call(&call, self->handle, 0);
	c = async_call(_metadata, self->client, &call);
	wait_for_work(_metadata, self->host);
	r = async_recv(_metadata, self->host, self->st.page, self->st.size);
	stall_wait(_metadata, &self->st);
	ASSERT_EQ(0, reply_status(self->host, 2, S_FALSE));
	async_done(_metadata, c);
	ASSERT_EQ(S_FALSE, c->arg.call.status);
	stall_fail(_metadata, &self->st);
	async_failed(_metadata, r, EFAULT);
	ASSERT_EQ(0U, info_of(_metadata, self->host).pending);
	ASSERT_ERRNO(ENOENT, reply_status(self->host, 2, S_OK));
	assert_no_work(_metadata, self->host);
}

TEST_F(stalled, copy_that_goes_on_delivers_the_call)
{
	struct pmp_call call;
	struct async *c, *r;

	/* The control: the same stall, resolved, delivers the call. */
	init_payload_call(&call, self->handle, 0);
	c = async_call(_metadata, self->client, &call);
	wait_for_work(_metadata, self->host);
	r = async_recv(_metadata, self->host, self->st.page, self->st.size);
	stall_wait(_metadata, &self->st);
	stall_resolve(_metadata, &self->st);
	async_done(_metadata, r);
	ASSERT_EQ((__u32)PMP_WORK_CALL, r->arg.recv.type);
	ASSERT_EQ(2ULL, r->arg.recv.txn);
	ASSERT_EQ((__u32)sizeof(call_payload), r->arg.recv.buf_size);
	ASSERT_EQ(0, memcmp(self->st.page, call_payload,
			    sizeof(call_payload)));
	ASSERT_EQ(0, reply_status(self->host, 2, S_OK));
	async_done(_metadata, c);
	ASSERT_EQ(S_OK, c->arg.call.status);
}

/* ---- transactions that never reach their host -------------------------- */

FIXTURE(unqueued) {
	int host;
	__u64 host_id;
	int client;
};

FIXTURE_SETUP(unqueued)
{
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	self->host = new_nonblock_host(_metadata, &self->host_id);
	self->client = new_client(_metadata, self->host_id);
}

FIXTURE_TEARDOWN(unqueued)
{
	env_teardown_threads(_metadata);
}

TEST_F(unqueued, call_refused_before_queueing_is_invisible_to_replies)
{
	long long before[NR_COUNTERS];
	struct pmp_call call;

	read_counters(_metadata, before);
	/* Its id was reserved, then given back: nobody can answer it. */
	ASSERT_ERRNO(ENOENT, call_method(self->client, 777, METHOD_OTHER,
					 &call));
	ASSERT_ERRNO(ENOENT, reply_status(self->host, 1, S_OK));
	ASSERT_EQ(0U, info_of(_metadata, self->host).pending);
	ASSERT_COUNTERS(before, [TRANSACTIONS_PENDING] = 0);
	assert_no_work(_metadata, self->host);
}

struct refusals {
	int client;
	int host;
	int stop;
	unsigned long calls;
	unsigned long unexpected;
};

static void *refused_calls(void *p)
{
	struct refusals *rf = p;
	struct pmp_call call;

	while (!__atomic_load_n(&rf->stop, __ATOMIC_ACQUIRE)) {
		if (!call_method(rf->client, 1000 + rf->calls % 7,
				 METHOD_OTHER, &call) || errno != ENOENT)
			__atomic_fetch_add(&rf->unexpected, 1,
					   __ATOMIC_RELAXED);
		rf->calls++;
	}
	return NULL;
}

static void *guessed_replies(void *p)
{
	struct refusals *rf = p;
	__u64 txn = 1;

	while (!__atomic_load_n(&rf->stop, __ATOMIC_ACQUIRE)) {
		if (!reply_status(rf->host, txn, S_OK) || errno != ENOENT)
			__atomic_fetch_add(&rf->unexpected, 1,
					   __ATOMIC_RELAXED);
		txn = txn % 64 + 1;
	}
	return NULL;
}

/*
 * Calls that fail to queue (an unknown handle) race replies guessing their
 * ids.  Such a transaction used to be in the host's table, and be freed
 * without the host's lock, while a reply read it under that lock (issue
 * 10, bug 2); now its id is only reserved until it is queued.  The window
 * cannot be held open from user space, so this races it for a while: the
 * debug kernel (KASAN) turns a hit into a failure.
 */
TEST_F(unqueued, refused_calls_racing_guessed_replies_stay_unseen)
{
	struct refusals rf = { .client = self->client, .host = self->host };
	pthread_t caller, replier;
	struct timespec t0, t;

	ASSERT_EQ(0, pthread_create(&caller, NULL, refused_calls, &rf));
	ASSERT_EQ(0, pthread_create(&replier, NULL, guessed_replies, &rf));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		sleep_ms(50);
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (t.tv_sec - t0.tv_sec < 2);
	__atomic_store_n(&rf.stop, 1, __ATOMIC_RELEASE);
	ASSERT_EQ(0, pthread_join(caller, NULL));
	ASSERT_EQ(0, pthread_join(replier, NULL));
	ASSERT_LT(0UL, rf.calls);
	ASSERT_EQ(0UL, rf.unexpected);
	ASSERT_EQ(0U, info_of(_metadata, self->host).pending);
}

/* ---- per-user limits --------------------------------------------------- */

#define PAYLOAD_64K	65536

FIXTURE(user_limits) {
	int host;
	__u64 host_id;
	int client;
	char *payload;
};

FIXTURE_SETUP(user_limits)
{
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	set_param(_metadata, MAX_PENDING_CLIENT, 256);
	self->host = new_nonblock_host(_metadata, &self->host_id);
	self->client = new_client(_metadata, self->host_id);
	ASSERT_OK(ioctl(self->client, PMP_IOC_LOCK, 0UL));
	self->payload = xmalloc(_metadata, PAYLOAD_64K);
	fill_pattern(self->payload, PAYLOAD_64K, 3);
}

FIXTURE_TEARDOWN(user_limits)
{
	env_teardown_threads(_metadata);
	free(self->payload);
}

TEST_F(user_limits, defaults_keep_one_user_under_64_mib)
{
	long long hosts = param_now(_metadata, MAX_USER_HOSTS);
	long long clients = param_now(_metadata, MAX_USER_CLIENTS);
	long long bytes = param_now(_metadata, MAX_USER_BYTES);
	long long objects = param_now(_metadata, MAX_OBJECTS);

	/* What setup found is what the module loaded with. */
	ASSERT_EQ(16, initial_params[MAX_USER_HOSTS]);
	ASSERT_EQ(256, initial_params[MAX_USER_CLIENTS]);
	ASSERT_EQ(4096, initial_params[MAX_USER_PENDING]);
	ASSERT_EQ(48LL << 20, initial_params[MAX_USER_BYTES]);
	/*
	 * Beside max_user_bytes, a host costs at most 16 KiB of structures
	 * and table nodes and a client 1 KiB plus its handle table (about
	 * 9 bytes a handle): the sum stays under 64 MiB.  8 hosts per user
	 * still fit.
	 */
	ASSERT_GE(hosts, 8);
	ASSERT_GT(64LL << 20,
		  bytes + hosts * 16384 + clients * (1024 + objects * 9));
}

TEST_F(user_limits, host_beyond_max_user_hosts_fails_edquot)
{
	long long before[NR_COUNTERS];
	struct pmp_host_register reg;
	__u64 id;
	int fd, extra;

	/* The fixture's host is the first of three. */
	set_param(_metadata, MAX_USER_HOSTS, 3);
	new_host(_metadata, &id);
	extra = new_host(_metadata, &id);
	read_counters(_metadata, before);
	fd = pmp_open();
	ASSERT_LE(0, fd);
	ASSERT_ERRNO(EDQUOT, host_register(fd, PMP_HOST_UNPROTECTED, &reg));
	ASSERT_EQ(0ULL, reg.host_id);
	ASSERT_COUNTERS(before, [USER_LIMIT_REFUSALS] = 1);
	/* The endpoint is still new: it may try again once room is made. */
	ASSERT_EQ(0, close(extra));
	ASSERT_EQ(0, host_register(fd, PMP_HOST_UNPROTECTED, &reg));
	ASSERT_NE(0ULL, reg.host_id);
}

TEST_F(user_limits, client_beyond_max_user_clients_fails_edquot)
{
	long long before[NR_COUNTERS];
	int fd, extra;

	set_param(_metadata, MAX_USER_CLIENTS, 2);
	extra = new_client(_metadata, self->host_id);
	read_counters(_metadata, before);
	fd = pmp_open();
	ASSERT_LE(0, fd);
	ASSERT_ERRNO(EDQUOT, connect_host(fd, self->host_id));
	ASSERT_COUNTERS(before, [USER_LIMIT_REFUSALS] = 1);
	ASSERT_EQ(0, close(extra));
	ASSERT_EQ(0, connect_host(fd, self->host_id));
}

TEST_F(user_limits, call_beyond_max_user_pending_fails_eagain)
{
	long long before[NR_COUNTERS];
	struct pmp_call call;
	struct async *a[2];
	int i;

	set_param(_metadata, MAX_USER_PENDING, 2);
	init_call(&call, 1, METHOD_OTHER);
	for (i = 0; i < 2; i++)
		a[i] = async_create(_metadata, self->client, clsid_object, 0);
	wait_pending(_metadata, self->host, 2);
	read_counters(_metadata, before);
	ASSERT_ERRNO(EAGAIN, ioctl(self->client, PMP_IOC_CALL, &call));
	ASSERT_COUNTERS(before, [USER_LIMIT_REFUSALS] = 1);
	close(self->host);
	for (i = 0; i < 2; i++)
		async_failed(_metadata, a[i], ESHUTDOWN);
}

/* Starts a call of @handle carrying 64 KiB that times out after @ms. */
static struct async *async_big_call(struct __test_metadata *_metadata,
				    FIXTURE_DATA(user_limits) *self,
				    __u64 handle, __u32 ms)
{
	struct pmp_call call;

	init_call(&call, handle, METHOD_OTHER);
	call.in_ptr = ptr(self->payload);
	call.in_size = PAYLOAD_64K;
	call.timeout_ms = ms;
	return async_call(_metadata, self->client, &call);
}

TEST_F(user_limits, queued_payloads_stop_at_max_user_bytes)
{
	long long before[NR_COUNTERS];
	struct pmp_call call;
	struct async *a;
	__u64 handle;
	int i;

	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), NULL);
	/*
	 * 1 MiB holds 15 queued calls of 64 KiB (each also costs its
	 * transaction and message header, and the object is charged too),
	 * not 16.
	 */
	set_param(_metadata, MAX_USER_BYTES, 1 << 20);
	for (i = 0; i < 15; i++)
		async_big_call(_metadata, self, handle, 0);
	wait_pending(_metadata, self->host, 15);
	read_counters(_metadata, before);
	init_call(&call, handle, METHOD_OTHER);
	call.in_ptr = ptr(self->payload);
	call.in_size = PAYLOAD_64K;
	ASSERT_ERRNO(EAGAIN, ioctl(self->client, PMP_IOC_CALL, &call));
	ASSERT_COUNTERS(before, [USER_LIMIT_REFUSALS] = 1);
	/* A call without payload still fits. */
	init_call(&call, handle, METHOD_OTHER);
	a = async_call(_metadata, self->client, &call);
	wait_pending(_metadata, self->host, 16);
	ASSERT_EQ(0, close(self->host));
	async_failed(_metadata, a, ESHUTDOWN);
}

TEST_F(user_limits, delivered_calls_pin_no_payload)
{
	struct async *a[32];
	long long before[NR_COUNTERS];
	struct pmp_recv r;
	__u64 handle;
	char *buf;
	int i;

	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), NULL);
	buf = xmalloc(_metadata, PAYLOAD_64K);
	set_param(_metadata, MAX_USER_BYTES, 256 << 10);
	read_counters(_metadata, before);
	/*
	 * A host that receives calls and never answers: each call stays
	 * with the host, but without its 64 KiB, so 32 of them (2 MiB of
	 * payload) fit in 256 KiB.  No timeout is involved: under a loaded
	 * emulator a short one could cancel a call before its delivery.
	 */
	for (i = 0; i < 32; i++) {
		a[i] = async_big_call(_metadata, self, handle, 0);
		recv_work(_metadata, self->host, PMP_WORK_CALL, &r, buf,
			  PAYLOAD_64K, NULL, 0);
		ASSERT_EQ(-1, pattern_mismatch(buf, PAYLOAD_64K, 3));
	}
	ASSERT_EQ(32U, info_of(_metadata, self->host).pending);
	/* Given up on by their client, they still stay, and pin nothing. */
	ASSERT_EQ(0, close(self->client));
	for (i = 0; i < 32; i++)
		async_failed(_metadata, a[i], EBADFD);
	ASSERT_EQ(32U, info_of(_metadata, self->host).pending);
	ASSERT_COUNTERS(before, [CLIENTS] = -1, [LOCKS_HELD] = -1,
			[CALLS] = 32, [TRANSACTIONS_PENDING] = 32,
			[TRANSACTIONS_CANCELLED] = 32, [OBJECTS] = 0);
	free(buf);
}

/* Registers as many hosts as a fresh process of the current user may. */
static int count_hosts_allowed(int max)
{
	struct pmp_host_register reg;
	int n, fd;

	for (n = 0; n < max; n++) {
		fd = pmp_open();
		if (fd < 0 || host_register(fd, PMP_HOST_UNPROTECTED, &reg))
			break;
	}
	return n;
}

/* Runs count_hosts_allowed() in a child as @uid, maybe in a new userns. */
static int hosts_allowed_as(struct __test_metadata *_metadata, uid_t uid,
			    bool new_userns, int max)
{
	int pipefd[2], n = -1, go;
	char map[64];
	pid_t pid;

	ASSERT_EQ(0, pipe2(pipefd, O_CLOEXEC));
	pid = spawn(_metadata);
	if (pid == 0) {
		if (new_userns && unshare(CLONE_NEWUSER))
			_exit(100);
		if (read(pipefd[0], &go, sizeof(go)) != sizeof(go))
			_exit(101);
		/* In the new namespace, become its (mapped) uid 0. */
		if (setresuid(new_userns ? 0 : uid, new_userns ? 0 : uid,
			      new_userns ? 0 : uid))
			_exit(102);
		_exit(count_hosts_allowed(max));
	}
	if (new_userns) {
		/* uid 0 inside stands for @uid outside. */
		int fd;

		snprintf(map, sizeof(map), "/proc/%d/uid_map", pid);
		for (go = 0; go < WAIT_MS; go++) {
			fd = open(map, O_WRONLY | O_CLOEXEC);
			if (fd >= 0) {
				snprintf(map, sizeof(map), "0 %u 1\n", uid);
				if (write(fd, map, strlen(map)) ==
				    (ssize_t)strlen(map)) {
					close(fd);
					break;
				}
				close(fd);
				snprintf(map, sizeof(map), "/proc/%d/uid_map",
					 pid);
			}
			sleep_ms(1);
		}
		ASSERT_GT(WAIT_MS, go)
			TH_LOG("cannot map uid %u into the child's namespace",
			       uid);
	}
	go = 1;
	ASSERT_EQ((ssize_t)sizeof(go), write(pipefd[1], &go, sizeof(go)));
	n = reap(pid);
	close(pipefd[0]);
	close(pipefd[1]);
	return n;
}

TEST_F(user_limits, each_uid_has_its_own_allowance)
{
	set_param(_metadata, MAX_USER_HOSTS, 3);
	/* The fixture holds one of root's three. */
	ASSERT_EQ(2, hosts_allowed_as(_metadata, 0, false, 10));
	ASSERT_EQ(3, hosts_allowed_as(_metadata, 1000, false, 10));
	ASSERT_EQ(3, hosts_allowed_as(_metadata, 1001, false, 10));
}

TEST_F(user_limits, ids_in_a_users_namespace_share_its_allowance)
{
	set_param(_metadata, MAX_USER_HOSTS, 3);
	/*
	 * A namespace created by root, its uid 0 mapped to uid 100000: the
	 * hosts count for (namespace, 100000) and for root, the owner,
	 * which already has one.
	 */
	ASSERT_EQ(2, hosts_allowed_as(_metadata, 100000, true, 10));
	/* The control: the same uid outside any namespace of root's. */
	ASSERT_EQ(3, hosts_allowed_as(_metadata, 100000, false, 10));
}

TEST_HARNESS_MAIN
