// SPDX-License-Identifier: GPL-2.0
/*
 * fds_test - which descriptors a call or reply carries, and what the
 * receiver gets (ABI version 5)
 *
 * A memfd crosses only sealed against writing, shrinking and growing,
 * unless the sender declares it shared (PMP_CALL_FDS_SHARED,
 * PMP_REPLY_FDS_SHARED); the receiver gets a read-only file of it unless
 * the sender hands its own (PMP_*_FDS_WRITABLE, only with SHARED); the
 * receiver learns both flags.  Anything else is refused with EPERM and
 * nothing is delivered.  Each refusal has a control cell that passes.
 *
 * Connecting to another uid's protected host takes PMP_CONNECT_OTHER_UID
 * and CAP_SYS_ADMIN.  The protected host is this program exec'd again as
 * uid nobody, hardened (tools/check.sh lists it in trusted_exe).
 */

#define _GNU_SOURCE
#include <grp.h>
#include <sched.h>
#include <linux/securebits.h>
#include <sys/capability.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <pthread.h>
#include <seccomp.h>

#include "pmp_helpers.h"
#include "txn_helpers.h"

#define ALL_SEALS	(F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW)
#define TEXT		"sealed media"

FIXTURE(fds) {
	int host;
	__u64 host_id;
	int client;
	__u64 handle;
};

FIXTURE_SETUP(fds)
{
	env_setup(_metadata);
	self->handle = host_client_object(_metadata, &self->host,
					  &self->host_id, &self->client);
}

FIXTURE_TEARDOWN(fds)
{
	env_teardown_threads(_metadata);
}

/*
 * Calls with one descriptor and @flags, a method the stub server answers
 * with E_NOTIMPL and nothing: 0 or the errno of the refusal.
 */
static int call_with_fd(int client, __u64 handle, int fd, __u32 flags)
{
	struct pmp_call call;

	init_call(&call, handle, METHOD_OTHER);
	call.flags = flags;
	call.in_fds = ptr(&fd);
	call.in_nfds = 1;
	return ioctl(client, PMP_IOC_CALL, &call) ? errno : 0;
}

/*
 * Starts a call of @client carrying @fd with @flags, receives it on @host
 * and returns the received descriptor; @r is what the host received.
 */
static int deliver_call(struct __test_metadata *_metadata, int host,
			int client, __u64 handle, int fd, __u32 flags,
			struct pmp_recv *r, struct async **a)
{
	struct pmp_call call;
	__s32 got = -1;

	init_call(&call, handle, METHOD_ECHO);
	call.flags = flags;
	call.in_fds = ptr(&fd);
	call.in_nfds = 1;
	*a = async_call(_metadata, client, &call);
	recv_work(_metadata, host, PMP_WORK_CALL, r, NULL, 0, &got, 1);
	ASSERT_EQ(1U, r->nfds);
	ASSERT_LE(0, got);
	return got;
}

/* Answers @r with status S_OK and nothing else. */
static void answer(struct __test_metadata *_metadata, int host,
		   const struct pmp_recv *r, struct async *a)
{
	ASSERT_OK(reply_status(host, r->txn, S_OK));
	async_done(_metadata, a);
}

/* Asserts that @fd is a read-only file no write reaches through. */
static void assert_read_only(struct __test_metadata *_metadata, int fd,
			     int orig, const char *text)
{
	size_t len = strlen(text);
	void *p;

	assert_same_file(_metadata, fd, orig, text);
	ASSERT_EQ(O_RDONLY, fcntl(fd, F_GETFL) & O_ACCMODE);
	ASSERT_ERRNO(EBADF, (int)write(fd, "x", 1));
	ASSERT_ERRNO(EBADF, (int)pwrite(fd, "x", 1, 0));
	ASSERT_ERRNO(EINVAL, ftruncate(fd, 0));
	ASSERT_EQ(MAP_FAILED, mmap(NULL, len, PROT_READ | PROT_WRITE,
				   MAP_SHARED, fd, 0));
	ASSERT_EQ(EACCES, errno);
	/* A shared read mapping cannot be made writable either. */
	p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, p);
	ASSERT_EQ(0, memcmp(p, text, len));
	ASSERT_ERRNO(EACCES, mprotect(p, len, PROT_READ | PROT_WRITE));
	munmap(p, len);
	/* Seals are added only through a writable file. */
	ASSERT_ERRNO(EPERM, fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL));
	ASSERT_EQ(fcntl(orig, F_GET_SEALS), fcntl(fd, F_GET_SEALS));
}

/* ---- seals ------------------------------------------------------------- */

FIXTURE_VARIANT(seals) {
	unsigned int seals;
	__u32 flags;
	int err;		/* 0: delivered */
};

FIXTURE(seals) {
	int host;
	__u64 host_id;
	int client;
	__u64 handle;
};

FIXTURE_VARIANT_ADD(seals, all_three_seals_is_delivered) {
	.seals = ALL_SEALS, .flags = 0, .err = 0,
};

FIXTURE_VARIANT_ADD(seals, all_seals_and_seal_seal_is_delivered) {
	.seals = ALL_SEALS | F_SEAL_SEAL, .flags = 0, .err = 0,
};

FIXTURE_VARIANT_ADD(seals, without_write_seal_fails_eperm) {
	.seals = F_SEAL_SHRINK | F_SEAL_GROW, .flags = 0, .err = EPERM,
};

FIXTURE_VARIANT_ADD(seals, without_shrink_seal_fails_eperm) {
	.seals = F_SEAL_WRITE | F_SEAL_GROW, .flags = 0, .err = EPERM,
};

FIXTURE_VARIANT_ADD(seals, without_grow_seal_fails_eperm) {
	.seals = F_SEAL_WRITE | F_SEAL_SHRINK, .flags = 0, .err = EPERM,
};

FIXTURE_VARIANT_ADD(seals, future_write_instead_of_write_fails_eperm) {
	.seals = F_SEAL_FUTURE_WRITE | F_SEAL_SHRINK | F_SEAL_GROW,
	.flags = 0, .err = EPERM,
};

FIXTURE_VARIANT_ADD(seals, unsealed_fails_eperm) {
	.seals = 0, .flags = 0, .err = EPERM,
};

FIXTURE_VARIANT_ADD(seals, unsealed_shared_is_delivered) {
	.seals = 0, .flags = PMP_CALL_FDS_SHARED, .err = 0,
};

FIXTURE_VARIANT_ADD(seals, without_write_seal_shared_is_delivered) {
	.seals = F_SEAL_SHRINK | F_SEAL_GROW, .flags = PMP_CALL_FDS_SHARED,
	.err = 0,
};

FIXTURE_VARIANT_ADD(seals, writable_without_shared_fails_einval) {
	.seals = ALL_SEALS, .flags = PMP_CALL_FDS_WRITABLE, .err = EINVAL,
};

FIXTURE_SETUP(seals)
{
	env_setup(_metadata);
	self->handle = host_client_object(_metadata, &self->host,
					  &self->host_id, &self->client);
}

FIXTURE_TEARDOWN(seals)
{
	env_teardown_threads(_metadata);
}

TEST_F(seals, call_carries_it_as_documented)
{
	long long before[NR_COUNTERS];
	struct pmp_recv r;
	struct async *a;
	int fd, got;

	fd = new_memfd(_metadata, TEXT, variant->seals);
	if (variant->err) {
		read_counters(_metadata, before);
		ASSERT_EQ(variant->err, call_with_fd(self->client, self->handle,
						     fd, variant->flags));
		ASSERT_COUNTERS(before);
		assert_no_work(_metadata, self->host);
		return;
	}
	got = deliver_call(_metadata, self->host, self->client, self->handle,
			   fd, variant->flags, &r, &a);
	ASSERT_EQ(variant->flags, r.call_flags);
	assert_read_only(_metadata, got, fd, TEXT);
	answer(_metadata, self->host, &r, a);
	ASSERT_EQ(0U, a->arg.call.reply_flags);
}

TEST_F(seals, reply_carries_it_as_documented)
{
	__s32 out_fd = -1;
	struct pmp_call call;
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;
	int fd;

	fd = new_memfd(_metadata, TEXT, variant->seals);
	init_call(&call, self->handle, METHOD_ECHO);
	call.out_fds = ptr(&out_fd);
	call.out_nfds = 1;
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	memset(&rp, 0, sizeof(rp));
	rp.txn = r.txn;
	rp.flags = variant->flags;
	rp.fds_ptr = ptr(&fd);
	rp.nfds = 1;
	if (variant->err) {
		ASSERT_ERRNO(variant->err, ioctl(self->host, PMP_IOC_REPLY,
						 &rp));
		/* Nothing was lost: the call is still answerable. */
		ASSERT_OK(reply_status(self->host, r.txn, S_FALSE));
		async_done(_metadata, a);
		ASSERT_EQ(S_FALSE, a->arg.call.status);
		ASSERT_EQ(0U, a->arg.call.out_nfds);
		ASSERT_EQ(0U, a->arg.call.reply_flags);
		return;
	}
	ASSERT_OK(ioctl(self->host, PMP_IOC_REPLY, &rp));
	async_done(_metadata, a);
	ASSERT_EQ(1U, a->arg.call.out_nfds);
	ASSERT_EQ(variant->flags, a->arg.call.reply_flags);
	assert_read_only(_metadata, out_fd, fd, TEXT);
}

/* ---- what is not a memfd ------------------------------------------------ */

enum not_memfd {
	TMPFS_FILE,
	REGULAR_FILE,
	PIPE,
	EVENTFD,
	HUGETLB_MEMFD,
	WRITE_ONLY_MEMFD,
	O_PATH_MEMFD,
};

FIXTURE(not_memfd) {
	int host;
	__u64 host_id;
	int client;
	__u64 handle;
	int fd;
};

FIXTURE_VARIANT(not_memfd) {
	enum not_memfd kind;
	int err;
};

FIXTURE_VARIANT_ADD(not_memfd, tmpfs_file_fails_eperm) {
	.kind = TMPFS_FILE, .err = EPERM,
};

FIXTURE_VARIANT_ADD(not_memfd, regular_file_fails_eperm) {
	.kind = REGULAR_FILE, .err = EPERM,
};

FIXTURE_VARIANT_ADD(not_memfd, pipe_fails_eperm) {
	.kind = PIPE, .err = EPERM,
};

FIXTURE_VARIANT_ADD(not_memfd, eventfd_fails_eperm) {
	.kind = EVENTFD, .err = EPERM,
};

FIXTURE_VARIANT_ADD(not_memfd, hugetlb_memfd_fails_eperm) {
	.kind = HUGETLB_MEMFD, .err = EPERM,
};

FIXTURE_VARIANT_ADD(not_memfd, memfd_open_write_only_fails_eperm) {
	.kind = WRITE_ONLY_MEMFD, .err = EPERM,
};

FIXTURE_VARIANT_ADD(not_memfd, o_path_memfd_fails_ebadf) {
	.kind = O_PATH_MEMFD, .err = EBADF,
};

FIXTURE_SETUP(not_memfd)
{
	char path[64];
	int p[2], mfd;

	env_setup(_metadata);
	self->handle = host_client_object(_metadata, &self->host,
					  &self->host_id, &self->client);
	switch (variant->kind) {
	case TMPFS_FILE:
		self->fd = open("/dev/shm", O_TMPFILE | O_RDWR | O_CLOEXEC,
				0600);
		break;
	case REGULAR_FILE:
		self->fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
		break;
	case PIPE:
		ASSERT_EQ(0, pipe2(p, O_CLOEXEC));
		self->fd = p[0];
		break;
	case EVENTFD:
		self->fd = eventfd(0, EFD_CLOEXEC);
		break;
	case HUGETLB_MEMFD:
		/* The test skips where there is no hugetlbfs (the debug kernel). */
		self->fd = memfd_create("pmp-test", MFD_CLOEXEC | MFD_HUGETLB |
							    MFD_ALLOW_SEALING);
		if (self->fd < 0)
			return;
		break;
	case WRITE_ONLY_MEMFD:
	case O_PATH_MEMFD:
		mfd = sealed_memfd(_metadata, TEXT);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", mfd);
		self->fd = open(path, O_CLOEXEC | (variant->kind == O_PATH_MEMFD ?
						   O_PATH : O_WRONLY));
		break;
	}
	ASSERT_LE(0, self->fd)
		TH_LOG("cannot open the descriptor: %s", strerror(errno));
}

FIXTURE_TEARDOWN(not_memfd)
{
	env_teardown_threads(_metadata);
}

TEST_F(not_memfd, call_refuses_it_even_shared)
{
	long long before[NR_COUNTERS];

	if (variant->kind == HUGETLB_MEMFD && self->fd < 0)
		SKIP(return, "no hugetlbfs memfds here");
	read_counters(_metadata, before);
	ASSERT_EQ(variant->err,
		  call_with_fd(self->client, self->handle, self->fd, 0));
	ASSERT_EQ(variant->err, call_with_fd(self->client, self->handle,
					     self->fd, PMP_CALL_FDS_SHARED));
	ASSERT_EQ(variant->err,
		  call_with_fd(self->client, self->handle, self->fd,
			       PMP_CALL_FDS_SHARED | PMP_CALL_FDS_WRITABLE));
	ASSERT_COUNTERS(before);
	assert_no_work(_metadata, self->host);
}

/* ---- the fds fixture: flags, sizes, processes, races ------------------- */

TEST_F(fds, a_good_descriptor_after_a_bad_one_is_not_delivered_either)
{
	__s32 two[2];
	struct pmp_call call;

	two[0] = sealed_memfd(_metadata, TEXT);
	two[1] = new_memfd(_metadata, TEXT, F_SEAL_SHRINK);
	init_call(&call, self->handle, METHOD_OTHER);
	call.in_fds = ptr(two);
	call.in_nfds = 2;
	ASSERT_ERRNO(EPERM, ioctl(self->client, PMP_IOC_CALL, &call));
	assert_no_work(_metadata, self->host);
	/* The control: both sealed, both arrive. */
	close(two[1]);
	two[1] = sealed_memfd(_metadata, "second");
	server_start(_metadata, self->host, 1);
	ASSERT_OK(ioctl(self->client, PMP_IOC_CALL, &call));
}

TEST_F(fds, writable_shared_hands_the_senders_own_file)
{
	struct pmp_recv r;
	struct async *a;
	int fd, got;

	fd = new_memfd(_metadata, TEXT, 0);
	got = deliver_call(_metadata, self->host, self->client,
			   self->handle, fd,
			   PMP_CALL_FDS_SHARED | PMP_CALL_FDS_WRITABLE, &r, &a);
	ASSERT_EQ(PMP_CALL_FDS_SHARED | PMP_CALL_FDS_WRITABLE, r.call_flags);
	assert_same_file(_metadata, got, fd, TEXT);
	ASSERT_EQ(O_RDWR, fcntl(got, F_GETFL) & O_ACCMODE);
	/* The same open file: one offset, and a write the sender sees. */
	ASSERT_EQ(3, lseek(fd, 3, SEEK_SET));
	ASSERT_EQ(3, lseek(got, 0, SEEK_CUR));
	ASSERT_EQ(1, pwrite(got, "S", 1, 0));
	assert_same_file(_metadata, fd, got, "Sealed media");
	answer(_metadata, self->host, &r, a);
}

TEST_F(fds, shared_without_writable_is_a_new_read_only_file)
{
	struct pmp_recv r;
	struct async *a;
	int fd, got;

	fd = new_memfd(_metadata, TEXT, 0);
	got = deliver_call(_metadata, self->host, self->client,
			   self->handle, fd, PMP_CALL_FDS_SHARED, &r, &a);
	ASSERT_EQ(PMP_CALL_FDS_SHARED, r.call_flags);
	assert_read_only(_metadata, got, fd, TEXT);
	/* A new open file: its own offset. */
	ASSERT_EQ(3, lseek(fd, 3, SEEK_SET));
	ASSERT_EQ(0, lseek(got, 0, SEEK_CUR));
	/* Shared: the sender still writes, and the receiver sees it. */
	ASSERT_EQ(1, pwrite(fd, "S", 1, 0));
	assert_same_file(_metadata, got, fd, "Sealed media");
	answer(_metadata, self->host, &r, a);
}

TEST_F(fds, reply_flags_tell_the_client_how_the_reply_came)
{
	__u32 flags[] = { 0, PMP_REPLY_FDS_SHARED,
			  PMP_REPLY_FDS_SHARED | PMP_REPLY_FDS_WRITABLE };
	__s32 out_fd = -1;
	struct pmp_call call;
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;
	unsigned int i;
	int fd;

	fd = sealed_memfd(_metadata, TEXT);
	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		init_call(&call, self->handle, METHOD_ECHO);
		call.out_fds = ptr(&out_fd);
		call.out_nfds = 1;
		a = async_call(_metadata, self->client, &call);
		recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0,
			  NULL, 0);
		memset(&rp, 0, sizeof(rp));
		rp.txn = r.txn;
		rp.flags = flags[i];
		rp.fds_ptr = ptr(&fd);
		rp.nfds = 1;
		ASSERT_OK(ioctl(self->host, PMP_IOC_REPLY, &rp));
		async_done(_metadata, a);
		ASSERT_EQ(flags[i], a->arg.call.reply_flags);
		ASSERT_LE(0, out_fd);
		ASSERT_EQ(flags[i] & PMP_REPLY_FDS_WRITABLE ? O_RDWR : O_RDONLY,
			  fcntl(out_fd, F_GETFL) & O_ACCMODE);
		close(out_fd);
	}
}

TEST_F(fds, reply_flags_stay_out_of_a_version_1_call)
{
	unsigned char buf[sizeof(struct pmp_call)];
	struct pmp_call *call = (void *)buf;
	__s32 out_fd = -1;
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;
	int fd;

	ASSERT_EQ(112U, sizeof(struct pmp_call));
	fd = sealed_memfd(_metadata, TEXT);
	init_call(call, self->handle, METHOD_ECHO);
	call->out_fds = ptr(&out_fd);
	call->out_nfds = 1;
	/* What the kernel must not touch: beyond the caller's 104 bytes. */
	memset(buf + PMP_CALL_SIZE_VER1, 0xa5,
	       sizeof(buf) - PMP_CALL_SIZE_VER1);
	a = async_start(_metadata, self->client,
			sized_cmd(_IOC_READ | _IOC_WRITE,
				  _IOC_NR(PMP_IOC_CALL), PMP_CALL_SIZE_VER1),
			call, sizeof(*call));
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	memset(&rp, 0, sizeof(rp));
	rp.txn = r.txn;
	rp.flags = PMP_REPLY_FDS_SHARED;
	rp.fds_ptr = ptr(&fd);
	rp.nfds = 1;
	ASSERT_OK(ioctl(self->host, PMP_IOC_REPLY, &rp));
	async_done(_metadata, a);
	ASSERT_EQ(1U, a->arg.call.out_nfds);
	ASSERT_EQ(0xa5a5a5a5U, a->arg.call.reply_flags);
	ASSERT_EQ(0xa5a5a5a5U, a->arg.call.reserved2);
}

TEST_F(fds, nonzero_reply_flags_or_reserved2_on_input_fail_einval)
{
	struct pmp_call call;
	int fd = sealed_memfd(_metadata, TEXT);

	init_call(&call, self->handle, METHOD_OTHER);
	call.in_fds = ptr(&fd);
	call.in_nfds = 1;
	call.reply_flags = PMP_REPLY_FDS_SHARED;
	ASSERT_ERRNO(EINVAL, ioctl(self->client, PMP_IOC_CALL, &call));
	call.reply_flags = 0;
	call.reserved2 = 1;
	ASSERT_ERRNO(EINVAL, ioctl(self->client, PMP_IOC_CALL, &call));
	call.reserved2 = 0;
	call.flags = PMP_CALL_FDS_WRITABLE;
	ASSERT_ERRNO(EINVAL, ioctl(self->client, PMP_IOC_CALL, &call));
	call.flags = 1U << 3;
	ASSERT_ERRNO(EINVAL, ioctl(self->client, PMP_IOC_CALL, &call));
	assert_no_work(_metadata, self->host);
	/* The control: the same call, all zero, goes through. */
	call.flags = 0;
	server_start(_metadata, self->host, 1);
	ASSERT_OK(ioctl(self->client, PMP_IOC_CALL, &call));
}

TEST_F(fds, reply_writable_without_shared_fails_einval)
{
	struct pmp_call call;
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;
	int fd = sealed_memfd(_metadata, TEXT);
	__s32 out_fd = -1;

	init_call(&call, self->handle, METHOD_ECHO);
	call.out_fds = ptr(&out_fd);
	call.out_nfds = 1;
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	memset(&rp, 0, sizeof(rp));
	rp.txn = r.txn;
	rp.flags = PMP_REPLY_FDS_WRITABLE;
	ASSERT_ERRNO(EINVAL, ioctl(self->host, PMP_IOC_REPLY, &rp));
	rp.flags = 1U << 3;
	ASSERT_ERRNO(EINVAL, ioctl(self->host, PMP_IOC_REPLY, &rp));
	rp.flags = PMP_REPLY_FDS_SHARED | PMP_REPLY_FDS_WRITABLE;
	rp.fds_ptr = ptr(&fd);
	rp.nfds = 1;
	ASSERT_EQ(0, ioctl(self->host, PMP_IOC_REPLY, &rp));
	async_done(_metadata, a);
	ASSERT_EQ(PMP_REPLY_FDS_SHARED | PMP_REPLY_FDS_WRITABLE,
		  a->arg.call.reply_flags);
	assert_same_file(_metadata, out_fd, fd, TEXT);
}

TEST_F(fds, a_read_only_file_received_can_be_passed_on)
{
	struct pmp_recv r;
	struct async *a;
	int fd, got, again;

	fd = sealed_memfd(_metadata, TEXT);
	got = deliver_call(_metadata, self->host, self->client,
			   self->handle, fd, 0, &r, &a);
	answer(_metadata, self->host, &r, a);
	/* The host's read-only file is a memfd open for reading, sealed. */
	again = deliver_call(_metadata, self->host, self->client,
			   self->handle, got, 0, &r, &a);
	assert_read_only(_metadata, again, fd, TEXT);
	answer(_metadata, self->host, &r, a);
}

TEST_F(fds, another_process_cannot_send_through_the_endpoint)
{
	int fd = sealed_memfd(_metadata, TEXT);
	pid_t pid;

	pid = spawn(_metadata);
	if (!pid)
		_exit(call_with_fd(self->client, self->handle, fd, 0));
	ASSERT_EQ(EBADFD, reap(pid));
	assert_no_work(_metadata, self->host);
}

/*
 * A thread keeps swapping what one descriptor number names: a sealed
 * memfd, an unsealed one, nothing.  Each call either delivers the sealed
 * one or fails with EPERM or EBADF: the kernel checks the file it took.
 */
struct swapper {
	int slot, sealed, unsealed;
	int stop;
};

static void *swap_main(void *p)
{
	struct swapper *s = p;
	unsigned int i;

	for (i = 0; !__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE); i++) {
		switch (i % 3) {
		case 0:
			dup3(s->sealed, s->slot, O_CLOEXEC);
			break;
		case 1:
			dup3(s->unsealed, s->slot, O_CLOEXEC);
			break;
		default:
			close(s->slot);
			break;
		}
	}
	return NULL;
}

TEST_F_TIMEOUT(fds, a_descriptor_swapped_during_calls_is_checked_as_taken,
	       120)
{
	struct swapper s;
	int counts[3] = { 0 }, i, err;
	long long before[NR_COUNTERS];
	pthread_t thread;
	struct server *srv;

	s.sealed = sealed_memfd(_metadata, TEXT);
	s.unsealed = new_memfd(_metadata, "unsealed", 0);
	/* Far above what the servers' received descriptors take. */
	s.slot = 900;
	s.stop = 0;
	srv = server_start(_metadata, self->host, 2);
	read_counters(_metadata, before);
	ASSERT_EQ(0, pthread_create(&thread, NULL, swap_main, &s));
	for (i = 0; i < 3000; i++) {
		err = call_with_fd(self->client, self->handle, s.slot, 0);
		if (!err)
			counts[0]++;
		else if (err == EPERM)
			counts[1]++;
		else if (err == EBADF)
			counts[2]++;
		else
			break;
	}
	__atomic_store_n(&s.stop, 1, __ATOMIC_RELEASE);
	pthread_join(thread, NULL);
	ASSERT_EQ(3000, i)
		TH_LOG("call %d failed with %s", i, errno_name(err));
	TH_LOG("delivered %d, EPERM %d, EBADF %d", counts[0], counts[1],
	       counts[2]);
	ASSERT_EQ(counts[0], (int)server_count(&srv->calls));
	server_finish(_metadata, srv);
	ASSERT_COUNTERS(before, [CALLS] = counts[0]);
}

/* ---- connecting to another uid's host --------------------------------- */

#define HOST_CHILD_ARG "--host-child"
#define OTHER_USER	1000

/*
 * main() of the exec'd host child: register a host as uid nobody, hardened
 * when @protect, report its id (0 on failure, then the errno) on @up and
 * live until @up's other end closes.
 */
static int host_child_main(int protect, int up)
{
	struct pmp_host_register reg = { 0 };
	scmp_filter_ctx ctx;
	__u64 report[2] = { 0, 0 };
	char byte;
	int fd;

	fd = pmp_open();
	if (fd < 0 || setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	    setresuid(NOBODY, NOBODY, NOBODY))
		goto out;
	if (protect) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0))
			goto out;
		ctx = seccomp_init(SCMP_ACT_ALLOW);
		if (!ctx || seccomp_load(ctx))
			goto out;
		seccomp_release(ctx);
	}
	reg.flags = protect ? 0 : PMP_HOST_UNPROTECTED;
	if (!ioctl(fd, PMP_IOC_HOST_REGISTER, &reg))
		report[0] = reg.host_id;
	report[1] = reg.missing;
out:
	if (!report[0] && !report[1])
		report[1] = errno;
	if (write(up, report, sizeof(report)) != sizeof(report))
		return 1;
	/* EOF when the test is done. */
	while (read(up, &byte, 1) > 0)
		;
	return 0;
}

/* Starts a host of uid nobody; its id.  @link keeps it alive. */
static __u64 start_nobody_host(struct __test_metadata *_metadata, bool protect,
			       int *link)
{
	__u64 report[2] = { 0, 0 };
	char arg_fd[16], arg_protect[4];
	int sv[2];
	pid_t pid;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	pid = spawn(_metadata);
	if (!pid) {
		close(sv[0]);
		fcntl(sv[1], F_SETFD, 0);
		snprintf(arg_fd, sizeof(arg_fd), "%d", sv[1]);
		snprintf(arg_protect, sizeof(arg_protect), "%d", protect);
		execl("/proc/self/exe", "fds_test", HOST_CHILD_ARG, arg_protect,
		      arg_fd, (char *)NULL);
		_exit(127);
	}
	close(sv[1]);
	ASSERT_EQ((ssize_t)sizeof(report), read(sv[0], report, sizeof(report)))
		TH_LOG("the host child did not report");
	ASSERT_NE(0ULL, report[0])
		TH_LOG("the host child could not register: missing or errno %#llx (is fds_test in trusted_exe?)",
		       (unsigned long long)report[1]);
	*link = sv[0];
	return report[0];
}

/* In a child as uid @uid (root: keeps its capabilities unless @nocap). */
static int connect_as(uid_t uid, bool nocap, __u64 host_id, __u32 flags)
{
	struct pmp_connect conn = { .host_id = host_id, .flags = flags };
	int fd, ret;
	pid_t pid;
	cap_t none;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		if (uid && (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
			    setresuid(uid, uid, uid)))
			_exit(200);
		if (nocap) {
			none = cap_init();
			if (!none || cap_set_proc(none))
				_exit(201);
		}
		fd = pmp_open();
		if (fd < 0)
			_exit(202);
		ret = ioctl(fd, PMP_IOC_CONNECT, &conn);
		_exit(ret ? errno : 0);
	}
	track_child(pid);
	return reap(pid);
}

FIXTURE(other_uid) {
	int link;
	__u64 host_id;
};

FIXTURE_VARIANT(other_uid) {
	bool protect;
	/*
	 * Results for: root, root + flag, root without caps + flag, user
	 * 1000, user 1000 + flag, nobody (the host's own uid).
	 */
	int root, root_flag, root_nocap_flag, user, user_flag, owner;
};

FIXTURE_VARIANT_ADD(other_uid, protected_host) {
	.protect = true,
	.root = EACCES, .root_flag = 0, .root_nocap_flag = EPERM,
	.user = EACCES, .user_flag = EPERM, .owner = 0,
};

FIXTURE_VARIANT_ADD(other_uid, unprotected_host) {
	.protect = false,
	.root = 0, .root_flag = 0, .root_nocap_flag = EACCES,
	.user = EACCES, .user_flag = EACCES, .owner = 0,
};

FIXTURE_SETUP(other_uid)
{
	env_setup(_metadata);
	if (getuid())
		SKIP(return, "needs root");
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	self->host_id = start_nobody_host(_metadata, variant->protect,
					  &self->link);
}

FIXTURE_TEARDOWN(other_uid)
{
	env_teardown(_metadata);
}

TEST_F(other_uid, connect_needs_the_documented_privilege)
{
	ASSERT_EQ(variant->root, connect_as(0, false, self->host_id, 0));
	ASSERT_EQ(variant->root_flag,
		  connect_as(0, false, self->host_id, PMP_CONNECT_OTHER_UID));
	ASSERT_EQ(variant->root_nocap_flag,
		  connect_as(0, true, self->host_id, PMP_CONNECT_OTHER_UID));
	ASSERT_EQ(variant->user, connect_as(OTHER_USER, false, self->host_id, 0));
	ASSERT_EQ(variant->user_flag, connect_as(OTHER_USER, false,
						 self->host_id,
						 PMP_CONNECT_OTHER_UID));
	/* The control: the host's own uid, with and without the flag. */
	ASSERT_EQ(variant->owner, connect_as(NOBODY, false, self->host_id, 0));
	ASSERT_EQ(variant->owner, connect_as(NOBODY, false, self->host_id,
					     PMP_CONNECT_OTHER_UID));
}

TEST_F(other_uid, unknown_connect_flags_and_reserved_fail_einval)
{
	struct pmp_connect conn = { .host_id = self->host_id };
	unsigned int bit;
	int fd;

	fd = pmp_open();
	ASSERT_LE(0, fd);
	for (bit = 1; bit < 32; bit++) {
		conn.flags = PMP_CONNECT_OTHER_UID | (1U << bit);
		ASSERT_ERRNO(EINVAL, ioctl(fd, PMP_IOC_CONNECT, &conn));
	}
	conn.flags = PMP_CONNECT_OTHER_UID;
	conn.reserved = 1;
	ASSERT_ERRNO(EINVAL, ioctl(fd, PMP_IOC_CONNECT, &conn));
	/* The control: the same endpoint connects once both are right. */
	conn.reserved = 0;
	ASSERT_OK(ioctl(fd, PMP_IOC_CONNECT, &conn));
	ASSERT_EQ((__u32)NOBODY, info_of(_metadata, fd).host_uid);
}

/* ---- hardening layers in LIST_HOSTS ----------------------------------- */

enum layer_step {
	STEP_NONE,
	STEP_NETNS,
	STEP_IPCNS,
	STEP_MOUNTNS,
	STEP_USERNS,
	STEP_NO_NEW_PRIVS,
	STEP_SECCOMP,
	STEP_NONDUMPABLE,
	STEP_NO_CAPS,
	STEP_BOUNDING,
};

FIXTURE(layers) {
	int link;
	__u64 host_id;
};

FIXTURE_VARIANT(layers) {
	enum layer_step step;
	bool protect;		/* the hardened host child instead */
	__u32 layers;
};

FIXTURE_VARIANT_ADD(layers, plain_root_process_has_none) {
	.step = STEP_NONE, .layers = 0,
};

FIXTURE_VARIANT_ADD(layers, network_namespace) {
	.step = STEP_NETNS, .layers = PMP_LAYER_NETNS,
};

FIXTURE_VARIANT_ADD(layers, ipc_namespace) {
	.step = STEP_IPCNS, .layers = PMP_LAYER_IPCNS,
};

FIXTURE_VARIANT_ADD(layers, mount_namespace) {
	.step = STEP_MOUNTNS, .layers = PMP_LAYER_MOUNTNS,
};

FIXTURE_VARIANT_ADD(layers, user_namespace) {
	.step = STEP_USERNS, .layers = PMP_LAYER_USERNS,
};

FIXTURE_VARIANT_ADD(layers, no_new_privs) {
	.step = STEP_NO_NEW_PRIVS, .layers = PMP_LAYER_NO_NEW_PRIVS,
};

FIXTURE_VARIANT_ADD(layers, seccomp_filter) {
	.step = STEP_SECCOMP,
	.layers = PMP_LAYER_SECCOMP | PMP_LAYER_NO_NEW_PRIVS,
};

FIXTURE_VARIANT_ADD(layers, non_dumpable) {
	.step = STEP_NONDUMPABLE, .layers = PMP_LAYER_NONDUMPABLE,
};

FIXTURE_VARIANT_ADD(layers, no_capabilities) {
	.step = STEP_NO_CAPS, .layers = PMP_LAYER_NO_CAPS,
};

FIXTURE_VARIANT_ADD(layers, empty_bounding_set_and_locked_securebits) {
	.step = STEP_BOUNDING, .layers = PMP_LAYER_BOUNDING,
};

FIXTURE_VARIANT_ADD(layers, protected_hardened_trusted_host) {
	.protect = true,
	.layers = PMP_LAYER_SECCOMP | PMP_LAYER_NO_NEW_PRIVS |
		  PMP_LAYER_NONDUMPABLE | PMP_LAYER_NO_CAPS |
		  PMP_LAYER_TRUSTED_EXEC,
};

#define LOCKED_SECUREBITS                                                   \
	(SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP |       \
	 SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_KEEP_CAPS_LOCKED |             \
	 SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED)

/* Takes on the one layer @step names; 0 or a negative errno. */
static int take_layer(enum layer_step step)
{
	scmp_filter_ctx ctx;
	cap_t none;
	int cap;

	switch (step) {
	case STEP_NONE:
		return 0;
	case STEP_NETNS:
		return unshare(CLONE_NEWNET) ? -errno : 0;
	case STEP_IPCNS:
		return unshare(CLONE_NEWIPC) ? -errno : 0;
	case STEP_MOUNTNS:
		return unshare(CLONE_NEWNS) ? -errno : 0;
	case STEP_USERNS:
		return unshare(CLONE_NEWUSER) ? -errno : 0;
	case STEP_NO_NEW_PRIVS:
		return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ? -errno : 0;
	case STEP_SECCOMP:
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			return -errno;
		ctx = seccomp_init(SCMP_ACT_ALLOW);
		if (!ctx || seccomp_load(ctx))
			return -EIO;
		seccomp_release(ctx);
		return 0;
	case STEP_NONDUMPABLE:
		return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) ? -errno : 0;
	case STEP_NO_CAPS:
		none = cap_init();
		return !none || cap_set_proc(none) ? -EIO : 0;
	case STEP_BOUNDING:
		if (prctl(PR_SET_SECUREBITS, LOCKED_SECUREBITS, 0, 0, 0))
			return -errno;
		for (cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
			if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0))
				return -errno;
		return 0;
	}
	return -EINVAL;
}

/* Starts a child that takes @step's layer and registers unprotected. */
static __u64 start_layered_host(struct __test_metadata *_metadata,
				enum layer_step step, int *link)
{
	__u64 report[2] = { 0, 0 };
	int sv[2], fd;
	char byte;
	pid_t pid;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	pid = spawn(_metadata);
	if (!pid) {
		struct pmp_host_register reg = {
			.flags = PMP_HOST_UNPROTECTED,
		};

		close(sv[0]);
		fd = pmp_open();
		report[1] = fd < 0 ? (__u64)errno : (__u64)-take_layer(step);
		if (!report[1]) {
			if (ioctl(fd, PMP_IOC_HOST_REGISTER, &reg))
				report[1] = errno;
			report[0] = reg.host_id;
		}
		if (write(sv[1], report, sizeof(report)) != sizeof(report))
			_exit(1);
		while (read(sv[1], &byte, 1) > 0)
			;
		_exit(0);
	}
	close(sv[1]);
	ASSERT_EQ((ssize_t)sizeof(report), read(sv[0], report, sizeof(report)));
	ASSERT_NE(0ULL, report[0])
		TH_LOG("the child could not take its layer or register: %s",
		       errno_name((int)report[1]));
	*link = sv[0];
	return report[0];
}

FIXTURE_SETUP(layers)
{
	env_setup(_metadata);
	if (getuid())
		SKIP(return, "needs root");
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	if (variant->protect)
		self->host_id = start_nobody_host(_metadata, true,
						  &self->link);
	else
		self->host_id = start_layered_host(_metadata, variant->step,
						   &self->link);
}

FIXTURE_TEARDOWN(layers)
{
	env_teardown(_metadata);
}

/* The entry of @host_id, listed in @entry_size bytes into @buf. */
static void *entry_of(struct __test_metadata *_metadata, __u64 host_id,
		      unsigned char *buf, __u32 entry_size, __u32 capacity)
{
	struct pmp_list_hosts lh = {
		.entry_size = entry_size,
		.entries = ptr(buf),
		.capacity = capacity,
	};
	struct pmp_host_entry e;
	int fd = pmp_open();
	__u32 i;

	ASSERT_LE(0, fd);
	ASSERT_OK(ioctl(fd, PMP_IOC_LIST_HOSTS, &lh));
	close(fd);
	ASSERT_GE(capacity, lh.count);
	for (i = 0; i < lh.count; i++) {
		memcpy(&e, buf + i * entry_size, PMP_HOST_ENTRY_SIZE_VER0);
		if (e.host_id == host_id)
			return buf + i * entry_size;
	}
	ASSERT_TRUE(false)
		TH_LOG("host %llu is not listed", (unsigned long long)host_id);
	return NULL;
}

/* How many hosts LIST_HOSTS counts. */
static size_t list_count(struct __test_metadata *_metadata)
{
	struct pmp_list_hosts lh = { .entry_size = PMP_HOST_ENTRY_SIZE_VER0 };
	int fd = pmp_open();

	ASSERT_LE(0, fd);
	ASSERT_OK(ioctl(fd, PMP_IOC_LIST_HOSTS, &lh));
	close(fd);
	return lh.count;
}

/* Bytes of @buf before the first of the 0xa5 filling left untouched. */
static size_t count_written(const unsigned char *buf, size_t size)
{
	size_t n = size;

	while (n && buf[n - 1] == 0xa5)
		n--;
	return n;
}

TEST_F(layers, list_hosts_reports_exactly_the_layers_the_host_had)
{
	static unsigned char buf[64 * 64];
	struct pmp_host_entry *e;
	unsigned char *old;
	__u32 want = variant->layers;

	if (variant->protect && !enforcing())
		want &= ~PMP_LAYER_TRUSTED_EXEC;
	ASSERT_EQ(56U, sizeof(struct pmp_host_entry));
	e = entry_of(_metadata, self->host_id, buf, sizeof(*e), 64);
	ASSERT_EQ(want, e->layers)
		TH_LOG("layers %#x, expected %#x", e->layers, want);
	ASSERT_EQ(0U, e->reserved);
	ASSERT_EQ(variant->protect ? 0U : PMP_HOST_UNPROTECTED, e->flags);

	/* The version 0 size: 48 bytes each, no layers, nothing beyond. */
	memset(buf, 0xa5, sizeof(buf));
	old = entry_of(_metadata, self->host_id, buf,
		       PMP_HOST_ENTRY_SIZE_VER0, 64);
	ASSERT_EQ(0, (old - buf) % PMP_HOST_ENTRY_SIZE_VER0);
	ASSERT_EQ(list_count(_metadata) * PMP_HOST_ENTRY_SIZE_VER0,
		  count_written(buf, sizeof(buf)));
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], HOST_CHILD_ARG))
		return host_child_main(atoi(argv[2]), atoi(argv[3]));
	return test_harness_run(argc, argv);
}
