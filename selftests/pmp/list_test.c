// SPDX-License-Identifier: GPL-2.0
/*
 * list_test - kselftests for PMP_IOC_LIST_HOSTS of pmp.ko
 *
 * Every test lists through a fresh endpoint of its own and looks for the
 * hosts it made itself among whatever the listing holds, so that a host
 * left by someone else never makes a test fail.  Listing must change no
 * counter: each test asserts that.  Tests about other users and other pid
 * namespaces list in a child, which sends its listing back through a pipe
 * (children never assert).
 *
 * Without /dev/pmp every test is skipped.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "pmp_helpers.h"

/* Room for every host a test may meet. */
#define MAX_ENTRIES	256
/* The kernel reads at most a page of any structure. */
#define PAGE		4096

#define COOKIE		0xc00c1e0000000001ULL

static const __u8 clsid_object[16] = {
	0x8d, 0x2f, 0x5c, 0x61, 0x3e, 0x0b, 0x4c, 0x47,
	0x9a, 0x51, 0x6b, 0x7e, 0x0c, 0x2d, 0x9f, 0x14,
};

struct listing {
	__u32 count;
	struct pmp_host_entry e[MAX_ENTRIES];
};

static int list_hosts(int fd, struct pmp_host_entry *e, __u32 capacity,
		      __u32 *count)
{
	struct pmp_list_hosts lh = {
		.entry_size = sizeof(*e),
		.entries = ptr(e),
		.capacity = capacity,
	};
	int ret = ioctl(fd, PMP_IOC_LIST_HOSTS, &lh);

	*count = lh.count;
	return ret;
}

static void list_all(struct __test_metadata *_metadata, int fd,
		     struct listing *l)
{
	memset(l, 0, sizeof(*l));
	ASSERT_OK(list_hosts(fd, l->e, MAX_ENTRIES, &l->count));
	ASSERT_GE((__u32)MAX_ENTRIES, l->count);
}

static const struct pmp_host_entry *find_host(const struct listing *l,
					      __u64 host_id)
{
	__u32 i;

	for (i = 0; i < l->count; i++)
		if (l->e[i].host_id == host_id)
			return &l->e[i];
	return NULL;
}

/* Asserts every field of @e, so that a failure names the field. */
static void assert_entry(struct __test_metadata *_metadata,
			 const struct pmp_host_entry *e,
			 const struct pmp_host_entry *want)
{
	ASSERT_NE(NULL, e)
		TH_LOG("host %llu is not listed",
		       (unsigned long long)want->host_id);
	ASSERT_EQ(want->host_id, e->host_id);
	ASSERT_EQ(want->pid, e->pid);
	ASSERT_EQ(want->uid, e->uid);
	ASSERT_EQ(want->flags, e->flags);
	ASSERT_EQ(want->state, e->state);
	ASSERT_EQ(want->missing, e->missing);
	ASSERT_EQ(want->clients, e->clients);
	ASSERT_EQ(want->objects, e->objects);
	ASSERT_EQ(want->pending, e->pending);
	ASSERT_EQ(want->locks, e->locks);
	ASSERT_EQ(want->layers, e->layers)
		TH_LOG("layers %#x, expected %#x", e->layers, want->layers);
	ASSERT_EQ(0U, e->reserved);
}

/* An unprotected host of this process, and what it lacked. */
static int register_host(struct __test_metadata *_metadata, __u64 *host_id,
			 __u32 *missing)
{
	struct pmp_host_register reg;
	int fd = pmp_open();

	ASSERT_LE(0, fd);
	ASSERT_OK(host_register(fd, PMP_HOST_UNPROTECTED, &reg));
	*host_id = reg.host_id;
	*missing = reg.missing;
	return fd;
}

/* ---- listing in another process ---------------------------------------- */

enum as {
	AS_NOBODY,
	IN_NEW_PID_NS,
};

/*
 * What a child sends back: its listing's result and, for a child that made
 * a host of its own, that host's id.
 */
struct child_report {
	int ret;
	int err;
	__u64 own_host_id;
	struct listing l;
};

static int become(enum as as)
{
	pid_t pid;
	int status;

	if (as == AS_NOBODY)
		return setresgid(NOBODY, NOBODY, NOBODY) ||
		       setresuid(NOBODY, NOBODY, NOBODY) ? -1 : 0;
	/* The caller's child becomes pid 1 of the new namespace. */
	if (unshare(CLONE_NEWPID))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		return 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

static void read_report(struct __test_metadata *_metadata, int fd,
			struct child_report *r)
{
	ASSERT_EQ(0, read_full(fd, r, sizeof(*r)))
		TH_LOG("the child sent no listing");
	ASSERT_EQ(0, r->ret)
		TH_LOG("the child's LIST_HOSTS: %s", errno_name(r->err));
}

/*
 * Starts a child that becomes @as, registers a host of its own when
 * @own_host, lists and reports into @r, and keeps its host until the
 * caller closes *@hold.  Returns the child's pid.
 */
static pid_t list_as(struct __test_metadata *_metadata, enum as as,
		     bool own_host, struct child_report *r, int *hold)
{
	struct child_report *mine;
	struct pmp_host_register reg;
	int report[2], held[2];
	int fd, host = -1;
	pid_t pid;
	char c;

	ASSERT_OK(pipe2(report, O_CLOEXEC));
	ASSERT_OK(pipe2(held, O_CLOEXEC));
	pid = spawn(_metadata);
	if (pid) {
		read_report(_metadata, report[0], r);
		*hold = held[1];
		return pid;
	}

	close(report[0]);
	close(held[1]);
	mine = calloc(1, sizeof(*mine));
	if (!mine || become(as))
		_exit(10);
	if (own_host) {
		host = pmp_open();
		if (host < 0 || host_register(host, PMP_HOST_UNPROTECTED, &reg))
			_exit(11);
		mine->own_host_id = reg.host_id;
	}
	fd = pmp_open();
	if (fd < 0)
		_exit(12);
	mine->ret = list_hosts(fd, mine->l.e, MAX_ENTRIES, &mine->l.count);
	mine->err = errno;
	if (write_full(report[1], mine, sizeof(*mine)))
		_exit(13);
	/* Returns at end of file: the parent is done looking. */
	if (read(held[0], &c, 1) < 0)
		_exit(14);
	_exit(0);
}

/* ---- a client command in a thread ---------------------------------------- */

struct create_thread {
	pthread_t thread;
	int fd;
	struct pmp_create create;
	int ret;
};

static void *create_main(void *p)
{
	struct create_thread *t = p;

	t->ret = ioctl(t->fd, PMP_IOC_CREATE_OBJECT, &t->create) ? errno : 0;
	return NULL;
}

/* ---- the fixture ------------------------------------------------------- */

/* A fresh endpoint to list with, and two hosts of this process. */
FIXTURE(list) {
	int fd;
	int host[2];
	__u64 host_id[2];
	__u32 missing[2];
};

FIXTURE_SETUP(list)
{
	int i;

	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	self->fd = pmp_open();
	ASSERT_LE(0, self->fd);
	for (i = 0; i < 2; i++)
		self->host[i] = register_host(_metadata, &self->host_id[i],
					      &self->missing[i]);
}

FIXTURE_TEARDOWN(list)
{
	env_teardown(_metadata);
}

TEST_F(list, describes_a_new_host_exactly)
{
	const struct pmp_host_entry want = {
		.host_id = self->host_id[0],
		.pid = getpid(),
		.uid = geteuid(),
		.flags = PMP_HOST_UNPROTECTED,
		.state = PMP_HOST_STARTING,
		.missing = self->missing[0],
	};
	long long before[NR_COUNTERS];
	struct listing l;

	read_counters(_metadata, before);
	list_all(_metadata, self->fd, &l);
	assert_entry(_metadata, find_host(&l, self->host_id[0]), &want);
	ASSERT_COUNTERS(before);
}

TEST_F(list, counts_clients_and_locks)
{
	struct pmp_host_entry want = {
		.host_id = self->host_id[0],
		.pid = getpid(),
		.uid = geteuid(),
		.flags = PMP_HOST_UNPROTECTED,
		.state = PMP_HOST_STARTING,
		.missing = self->missing[0],
		.clients = 2,
		.locks = 3,
	};
	long long before[NR_COUNTERS];
	struct listing l;
	int a, b;

	a = new_client(_metadata, self->host_id[0]);
	b = new_client(_metadata, self->host_id[0]);
	ASSERT_OK(ioctl(a, PMP_IOC_LOCK, 0UL));
	ASSERT_OK(ioctl(b, PMP_IOC_LOCK, 0UL));
	ASSERT_OK(ioctl(b, PMP_IOC_LOCK, 0UL));

	read_counters(_metadata, before);
	list_all(_metadata, self->fd, &l);
	assert_entry(_metadata, find_host(&l, self->host_id[0]), &want);
	ASSERT_COUNTERS(before);

	/* A client's share leaves with it. */
	ASSERT_OK(close(b));
	want.clients = 1;
	want.locks = 1;
	list_all(_metadata, self->fd, &l);
	assert_entry(_metadata, find_host(&l, self->host_id[0]), &want);
	ASSERT_OK(close(a));
}

TEST_F(list, follows_a_creation_from_pending_to_object_to_linger)
{
	struct pmp_host_entry want = {
		.host_id = self->host_id[0],
		.pid = getpid(),
		.uid = geteuid(),
		.flags = PMP_HOST_UNPROTECTED,
		.state = PMP_HOST_ACTIVE,
		.missing = self->missing[0],
		.clients = 1,
		.locks = 1,
		.pending = 1,
	};
	struct pmp_release rel = { 0 };
	struct pmp_reply rp = { 0 };
	struct create_thread t = { 0 };
	long long before[NR_COUNTERS];
	struct pmp_recv r = { 0 };
	struct listing l;

	t.fd = new_client(_metadata, self->host_id[0]);
	ASSERT_OK(ioctl(t.fd, PMP_IOC_LOCK, 0UL));
	memcpy(t.create.clsid, clsid_object, sizeof(t.create.clsid));
	ASSERT_OK(pthread_create(&t.thread, NULL, create_main, &t));

	/* Queued, not yet received: pending, and a creation keeps it active. */
	ASSERT_EQ(POLLIN, poll_fd(self->host[0], WAIT_MS));
	read_counters(_metadata, before);
	list_all(_metadata, self->fd, &l);
	assert_entry(_metadata, find_host(&l, self->host_id[0]), &want);
	ASSERT_COUNTERS(before);

	/* Received and answered with an object. */
	ASSERT_OK(ioctl(self->host[0], PMP_IOC_RECV, &r));
	ASSERT_EQ((__u32)PMP_WORK_CREATE, r.type);
	rp.txn = r.txn;
	rp.flags = PMP_REPLY_OBJECT;
	rp.cookie = COOKIE;
	ASSERT_OK(ioctl(self->host[0], PMP_IOC_REPLY, &rp));
	ASSERT_OK(pthread_join(t.thread, NULL));
	ASSERT_EQ(0, t.ret);
	ASSERT_NE(0ULL, t.create.handle);
	want.pending = 0;
	want.objects = 1;
	list_all(_metadata, self->fd, &l);
	assert_entry(_metadata, find_host(&l, self->host_id[0]), &want);

	/* Its last object released, a locked host lingers. */
	rel.handle = t.create.handle;
	ASSERT_OK(ioctl(t.fd, PMP_IOC_RELEASE, &rel));
	want.objects = 0;
	want.state = PMP_HOST_LINGER;
	list_all(_metadata, self->fd, &l);
	assert_entry(_metadata, find_host(&l, self->host_id[0]), &want);
	ASSERT_OK(close(t.fd));
}

TEST_F(list, lists_hosts_by_increasing_id)
{
	struct listing l;
	__u32 i;

	list_all(_metadata, self->fd, &l);
	ASSERT_LE(2U, l.count);
	for (i = 1; i < l.count; i++)
		ASSERT_LT(l.e[i - 1].host_id, l.e[i].host_id);
	ASSERT_NE(NULL, find_host(&l, self->host_id[0]));
	ASSERT_NE(NULL, find_host(&l, self->host_id[1]));
}

TEST_F(list, capacity_zero_only_counts)
{
	long long before[NR_COUNTERS];
	struct pmp_list_hosts lh = {
		.entry_size = sizeof(struct pmp_host_entry),
		/* Never written: a fault would fail the call. */
		.entries = 1,
	};
	struct listing l;

	list_all(_metadata, self->fd, &l);
	read_counters(_metadata, before);
	ASSERT_OK(ioctl(self->fd, PMP_IOC_LIST_HOSTS, &lh));
	ASSERT_EQ(l.count, lh.count);
	ASSERT_EQ(0U, lh.capacity);
	ASSERT_COUNTERS(before);
}

TEST_F(list, small_capacity_writes_only_that_many_and_counts_all)
{
	struct pmp_host_entry e[3];
	struct listing l;
	__u32 count;

	list_all(_metadata, self->fd, &l);
	ASSERT_LE(2U, l.count);
	memset(e, 0xa5, sizeof(e));
	ASSERT_OK(list_hosts(self->fd, e, 1, &count));
	ASSERT_EQ(l.count, count);
	ASSERT_EQ(0, memcmp(&e[0], &l.e[0], sizeof(e[0])));
	/* The rest of the buffer is untouched. */
	ASSERT_EQ(0xa5a5a5a5a5a5a5a5ULL, e[1].host_id);
	ASSERT_EQ(0xa5a5a5a5U, e[2].pending);
}

TEST_F(list, capacity_beyond_the_kernels_limit_is_cut_not_refused)
{
	struct listing l, all;

	list_all(_metadata, self->fd, &all);
	memset(&l, 0, sizeof(l));
	/* The buffer holds MAX_ENTRIES; the kernel writes only count. */
	ASSERT_OK(list_hosts(self->fd, l.e, UINT32_MAX, &l.count));
	ASSERT_EQ(all.count, l.count);
	ASSERT_EQ(0, memcmp(l.e, all.e, all.count * sizeof(all.e[0])));
}

TEST_F(list, larger_entry_size_gets_a_zero_tail)
{
	const size_t size = sizeof(struct pmp_host_entry) + 16;
	struct pmp_list_hosts lh = { .entry_size = size };
	unsigned char buf[MAX_ENTRIES * 64];
	struct listing l;
	__u32 i;
	size_t j;

	list_all(_metadata, self->fd, &l);
	memset(buf, 0xa5, sizeof(buf));
	lh.entries = ptr(buf);
	lh.capacity = sizeof(buf) / size;
	ASSERT_OK(ioctl(self->fd, PMP_IOC_LIST_HOSTS, &lh));
	ASSERT_EQ(l.count, lh.count);
	for (i = 0; i < l.count; i++) {
		ASSERT_EQ(0, memcmp(buf + i * size, &l.e[i], sizeof(l.e[i])));
		for (j = sizeof(l.e[i]); j < size; j++)
			ASSERT_EQ(0, buf[i * size + j]);
	}
	/* Nothing beyond the last entry. */
	ASSERT_EQ(0xa5, buf[l.count * size]);
}

TEST_F(list, entry_size_of_a_page_works)
{
	struct pmp_list_hosts lh = { .entry_size = PAGE, .capacity = 1 };
	unsigned char *buf = calloc(1, PAGE);
	struct listing l;

	ASSERT_NE(NULL, buf);
	list_all(_metadata, self->fd, &l);
	lh.entries = ptr(buf);
	ASSERT_OK(ioctl(self->fd, PMP_IOC_LIST_HOSTS, &lh));
	ASSERT_EQ(l.count, lh.count);
	ASSERT_EQ(0, memcmp(buf, &l.e[0], sizeof(l.e[0])));
	free(buf);
}

/* The bad flags and counts of every command are in abi_test. */
TEST_F(list, bad_entry_size_fails_einval)
{
	static const __u32 bad[] = {
		0, PMP_HOST_ENTRY_SIZE_VER0 - 1, PMP_HOST_ENTRY_SIZE_VER0 - 8,
		PAGE + 1, UINT32_MAX,
	};
	struct pmp_host_entry e[MAX_ENTRIES];
	long long before[NR_COUNTERS];
	struct pmp_list_hosts lh;
	size_t i;

	read_counters(_metadata, before);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		memset(e, 0xa5, sizeof(e));
		lh = (struct pmp_list_hosts){
			.entry_size = bad[i],
			.entries = ptr(e),
			.capacity = MAX_ENTRIES,
		};
		ASSERT_ERRNO(EINVAL,
			     ioctl(self->fd, PMP_IOC_LIST_HOSTS, &lh));
		/* Refused before anything is written. */
		ASSERT_EQ(0U, lh.count)
			TH_LOG("entry_size %u", bad[i]);
		ASSERT_EQ(0xa5a5a5a5a5a5a5a5ULL, e[0].host_id)
			TH_LOG("entry_size %u", bad[i]);
	}
	ASSERT_COUNTERS(before);
}

TEST_F(list, bad_or_readonly_entries_fail_efault)
{
	long long before[NR_COUNTERS];
	struct pmp_list_hosts lh = {
		.entry_size = sizeof(struct pmp_host_entry),
		.capacity = 2,
	};
	unsigned char *map;

	map = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, map);
	read_counters(_metadata, before);

	lh.entries = 8;
	ASSERT_ERRNO(EFAULT, ioctl(self->fd, PMP_IOC_LIST_HOSTS, &lh));
	ASSERT_EQ(0U, lh.count);

	/* The second entry crosses into a page that cannot be written. */
	ASSERT_OK(mprotect(map + PAGE, PAGE, PROT_READ));
	lh.entries = ptr(map + PAGE - sizeof(struct pmp_host_entry));
	ASSERT_ERRNO(EFAULT, ioctl(self->fd, PMP_IOC_LIST_HOSTS, &lh));
	ASSERT_EQ(0U, lh.count);

	lh.entries = ptr(map + PAGE);
	ASSERT_ERRNO(EFAULT, ioctl(self->fd, PMP_IOC_LIST_HOSTS, &lh));
	ASSERT_COUNTERS(before);
	munmap(map, 2 * PAGE);
}

TEST_F(list, works_on_host_and_client_endpoints)
{
	struct listing from_new, l;
	int client;

	client = new_client(_metadata, self->host_id[1]);
	list_all(_metadata, self->fd, &from_new);
	list_all(_metadata, self->host[0], &l);
	ASSERT_EQ(0, memcmp(&from_new, &l, sizeof(l)));
	list_all(_metadata, client, &l);
	ASSERT_EQ(0, memcmp(&from_new, &l, sizeof(l)));
	ASSERT_OK(close(client));
}

TEST_F(list, forked_child_gets_ebadfd)
{
	struct pmp_host_entry e[MAX_ENTRIES];
	__u32 count;
	pid_t pid;

	pid = spawn(_metadata);
	if (pid == 0)
		_exit(list_hosts(self->fd, e, MAX_ENTRIES, &count) ? errno :
								    0);
	ASSERT_EQ(EBADFD, reap(pid));
	/* The parent's endpoint still works. */
	ASSERT_OK(list_hosts(self->fd, e, MAX_ENTRIES, &count));
}

TEST_F(list, host_told_to_exit_is_listed_in_exit_state)
{
	struct pmp_host_entry want = {
		.pid = getpid(),
		.uid = geteuid(),
		.flags = PMP_HOST_UNPROTECTED,
		.state = PMP_HOST_EXIT,
	};
	struct listing l;
	int fd;

	/* No object within linger_ms: the host is told to exit. */
	set_param(_metadata, LINGER_MS, 50);
	fd = register_host(_metadata, &want.host_id, &want.missing);
	ASSERT_EQ(POLLHUP, poll_fd(fd, WAIT_MS) & POLLHUP);
	list_all(_metadata, self->fd, &l);
	assert_entry(_metadata, find_host(&l, want.host_id), &want);

	ASSERT_OK(close(fd));
	list_all(_metadata, self->fd, &l);
	ASSERT_EQ(NULL, find_host(&l, want.host_id));
}

TEST_F(list, dead_host_is_not_listed)
{
	struct pmp_host_register reg;
	long long before[NR_COUNTERS];
	int report[2];
	__u64 host_id;
	struct listing l;
	pid_t pid;
	int fd;

	ASSERT_OK(pipe2(report, O_CLOEXEC));
	pid = spawn(_metadata);
	if (pid == 0) {
		fd = pmp_open();
		if (fd < 0 || host_register(fd, PMP_HOST_UNPROTECTED, &reg) ||
		    write_full(report[1], &reg.host_id, sizeof(reg.host_id)))
			_exit(1);
		pause();
		_exit(0);
	}
	ASSERT_EQ(0, read_full(report[0], &host_id, sizeof(host_id)));
	list_all(_metadata, self->fd, &l);
	ASSERT_NE(NULL, find_host(&l, host_id));
	ASSERT_EQ(pid, (pid_t)find_host(&l, host_id)->pid);

	ASSERT_OK(kill(pid, SIGKILL));
	ASSERT_EQ(128 + SIGKILL, reap(pid));
	read_counters(_metadata, before);
	list_all(_metadata, self->fd, &l);
	ASSERT_EQ(NULL, find_host(&l, host_id));
	ASSERT_COUNTERS(before);
}

TEST_F(list, other_user_sees_only_its_own_hosts_and_root_sees_all)
{
	struct pmp_host_entry want = {
		.uid = NOBODY,
		.flags = PMP_HOST_UNPROTECTED,
		.state = PMP_HOST_STARTING,
	};
	struct child_report r;
	struct listing l;
	int hold;
	__u32 i;

	if (geteuid() != 0)
		SKIP(return, "needs root, to become another user");
	want.pid = list_as(_metadata, AS_NOBODY, true, &r, &hold);

	/* Nobody sees its own host and none of root's. */
	ASSERT_EQ(1U, r.l.count);
	ASSERT_EQ(r.own_host_id, r.l.e[0].host_id);
	for (i = 0; i < r.l.count; i++) {
		ASSERT_NE(self->host_id[0], r.l.e[i].host_id);
		ASSERT_NE(self->host_id[1], r.l.e[i].host_id);
	}

	/* Root sees nobody's host as well as its own. */
	want.host_id = r.own_host_id;
	want.missing = r.l.e[0].missing;
	want.layers = r.l.e[0].layers;
	list_all(_metadata, self->fd, &l);
	assert_entry(_metadata, find_host(&l, r.own_host_id), &want);
	ASSERT_NE(NULL, find_host(&l, self->host_id[0]));
	ASSERT_NE(NULL, find_host(&l, self->host_id[1]));

	ASSERT_OK(close(hold));
	ASSERT_EQ(0, reap(want.pid));
}

TEST_F(list, child_pid_namespace_sees_no_outside_host)
{
	struct pmp_host_entry want = {
		.uid = geteuid(),
		.flags = PMP_HOST_UNPROTECTED,
		.state = PMP_HOST_STARTING,
	};
	struct child_report r;
	struct listing l;
	int hold;
	pid_t pid;

	if (geteuid() != 0)
		SKIP(return, "needs root, to make a pid namespace");
	pid = list_as(_metadata, IN_NEW_PID_NS, true, &r, &hold);

	/* Inside, only the host made inside, as pid 1. */
	ASSERT_EQ(1U, r.l.count);
	ASSERT_EQ(r.own_host_id, r.l.e[0].host_id);
	ASSERT_EQ(1U, r.l.e[0].pid);

	/* Outside, that host shows with its outside pid. */
	list_all(_metadata, self->fd, &l);
	want.host_id = r.own_host_id;
	want.missing = r.l.e[0].missing;
	want.layers = r.l.e[0].layers;
	want.pid = find_host(&l, r.own_host_id) ?
			   find_host(&l, r.own_host_id)->pid : 0;
	ASSERT_NE(0U, want.pid);
	ASSERT_NE(1U, want.pid);
	assert_entry(_metadata, find_host(&l, r.own_host_id), &want);

	ASSERT_OK(close(hold));
	ASSERT_EQ(0, reap(pid));
}

TEST_F(list, listing_leaves_the_endpoint_new_and_counters_still)
{
	long long before[NR_COUNTERS];
	struct pmp_host_register reg;
	struct pmp_info info;
	struct listing l;
	int i;

	read_counters(_metadata, before);
	for (i = 0; i < 100; i++)
		list_all(_metadata, self->fd, &l);
	ASSERT_COUNTERS(before);
	/* Still NEW: no INFO, and it may still become a host. */
	ASSERT_ERRNO(ENOTCONN, get_info(self->fd, &info));
	ASSERT_OK(host_register(self->fd, PMP_HOST_UNPROTECTED, &reg));
}

TEST_HARNESS_MAIN
