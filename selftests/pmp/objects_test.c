// SPDX-License-Identifier: GPL-2.0
/*
 * objects_test - kselftests for the objects and transactions of pmp.ko
 *
 * The test process is usually both the host and its clients: the client
 * side of a transaction blocks, so it runs in a thread (struct async) while
 * the test, as the host, receives the work and answers it step by step.
 * Tests that need many answers start a stub server (struct server) whose
 * threads answer by the class or method asked for.  Tests about death run
 * the dying side in a child process.
 *
 * Every fixture saves the module parameters in its setup and restores them
 * in its teardown; most set linger_ms to its largest value, so that no host
 * exits under a test that is not about lifetime.  Setup records the sysfs
 * counters: tests assert exact deltas, and the teardown checks that every
 * live counter (hosts, clients, locks_held, objects, transactions_pending)
 * is back at its start.
 *
 * Without /dev/pmp every test is skipped.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "pmp_helpers.h"
#include "txn_helpers.h"

/* ---- objects and transactions, one step at a time ---------------------- */

/*
 * A host and one client, which holds a lock: releasing the last object
 * makes the host linger (for LINGER_FOREVER) instead of exiting.
 */
FIXTURE(objects) {
	int host;
	__u64 host_id;
	int client;
};

FIXTURE_SETUP(objects)
{
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	self->host = new_nonblock_host(_metadata, &self->host_id);
	self->client = new_client(_metadata, self->host_id);
	ASSERT_OK(ioctl(self->client, PMP_IOC_LOCK, 0UL));
}

FIXTURE_TEARDOWN(objects)
{
	env_teardown_threads(_metadata);
}

TEST_F(objects, abi_version_has_objects_and_matches_header)
{
	/* Objects and transactions came with version 2. */
	ASSERT_LE(2, PMP_ABI_VERSION);
	ASSERT_EQ(PMP_ABI_VERSION, ioctl(self->client, PMP_IOC_VERSION, 0UL));
	ASSERT_EQ(PMP_ABI_VERSION, ioctl(self->host, PMP_IOC_VERSION, 0UL));
}

TEST_F(objects, create_reaches_host_with_class_interface_and_client)
{
	long long before[NR_COUNTERS];
	struct pmp_recv r, expect;
	struct pmp_info info;
	struct async *a;

	read_counters(_metadata, before);
	a = async_create(_metadata, self->client, clsid_object, 0);
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	ASSERT_NE(0ULL, r.txn);
	ASSERT_NE(0U, r.client_id);
	memset(&expect, 0, sizeof(expect));
	expect.type = PMP_WORK_CREATE;
	expect.txn = r.txn;
	expect.client_id = r.client_id;
	expect.client_pid = getpid();
	memcpy(expect.clsid, clsid_object, sizeof(expect.clsid));
	memcpy(expect.iid, iid_test, sizeof(expect.iid));
	ASSERT_EQ(0, memcmp(&expect, &r, sizeof(r)));

	/* A creation in flight keeps the host active and is pending. */
	info = info_of(_metadata, self->host);
	ASSERT_EQ(PMP_HOST_ACTIVE, (int)info.host_state);
	ASSERT_EQ(1U, info.pending);
	ASSERT_EQ(0U, info.objects);
	ASSERT_COUNTERS(before, [TRANSACTIONS_PENDING] = 1);

	ASSERT_OK(reply_status(self->host, r.txn, E_NOINTERFACE));
	async_done(_metadata, a);
	ASSERT_COUNTERS(before);
}

TEST_F(objects, create_answered_with_object_gives_handle_and_object_id)
{
	long long before[NR_COUNTERS];
	struct pmp_reply rp;
	struct pmp_info info;
	struct pmp_recv r;
	struct async *a;

	read_counters(_metadata, before);
	a = async_create(_metadata, self->client, clsid_object, 0);
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	ASSERT_OK(reply_object(self->host, r.txn, COOKIE(1), &rp));
	ASSERT_NE(0ULL, rp.object_id);
	ASSERT_EQ(1U, rp.object_new);
	async_done(_metadata, a);
	ASSERT_EQ(S_OK, a->arg.create.status);
	ASSERT_NE(0ULL, a->arg.create.handle);
	ASSERT_EQ(rp.object_id, a->arg.create.object_id);

	info = info_of(_metadata, self->client);
	ASSERT_EQ(PMP_HOST_ACTIVE, (int)info.host_state);
	ASSERT_EQ(1U, info.own_handles);
	ASSERT_EQ(1U, info.objects);
	ASSERT_EQ(0U, info.pending);
	info = info_of(_metadata, self->host);
	ASSERT_EQ(0U, info.own_handles);
	ASSERT_EQ(1U, info.objects);
	ASSERT_COUNTERS(before, [OBJECTS] = 1, [OBJECTS_CREATED] = 1);
}

TEST_F(objects, any_non_negative_status_is_success)
{
	struct pmp_reply rp = { .status = S_FALSE, .flags = PMP_REPLY_OBJECT,
				.cookie = COOKIE(1) };
	struct pmp_recv r;
	struct async *a;

	a = async_create(_metadata, self->client, clsid_object, 0);
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	rp.txn = r.txn;
	ASSERT_OK(ioctl(self->host, PMP_IOC_REPLY, &rp));
	async_done(_metadata, a);
	ASSERT_EQ(S_FALSE, a->arg.create.status);
	ASSERT_NE(0ULL, a->arg.create.handle);
	ASSERT_EQ(rp.object_id, a->arg.create.object_id);
}

TEST_F(objects, create_answered_with_failure_gives_no_handle)
{
	long long before[NR_COUNTERS];
	struct pmp_info info;
	struct pmp_recv r;
	struct async *a;

	read_counters(_metadata, before);
	a = async_create(_metadata, self->client, clsid_object, 0);
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	ASSERT_OK(reply_status(self->host, r.txn, E_NOINTERFACE));
	async_done(_metadata, a);
	ASSERT_EQ(E_NOINTERFACE, a->arg.create.status);
	ASSERT_EQ(0ULL, a->arg.create.handle);
	ASSERT_EQ(0ULL, a->arg.create.object_id);

	info = info_of(_metadata, self->client);
	ASSERT_EQ(0U, info.own_handles);
	ASSERT_EQ(0U, info.objects);
	ASSERT_EQ(PMP_HOST_STARTING, (int)info.host_state);
	ASSERT_COUNTERS(before);
}

TEST_F(objects, bad_create_replies_fail_einval_and_leave_it_answerable)
{
	long long before[NR_COUNTERS];
	char payload[4] = "abc";
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;
	__s32 memfd;

	memfd = sealed_memfd(_metadata, "x");
	a = async_create(_metadata, self->client, clsid_object, 0);
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	read_counters(_metadata, before);

	/* Success without an object. */
	rp = (struct pmp_reply){ .txn = r.txn, .status = S_OK };
	ASSERT_ERRNO(EINVAL, ioctl(self->host, PMP_IOC_REPLY, &rp));
	/* Failure with an object. */
	rp = (struct pmp_reply){ .txn = r.txn, .status = E_FAIL,
				 .flags = PMP_REPLY_OBJECT,
				 .cookie = COOKIE(1) };
	ASSERT_ERRNO(EINVAL, ioctl(self->host, PMP_IOC_REPLY, &rp));
	/* The object flag without a cookie, a cookie without the flag. */
	rp = (struct pmp_reply){ .txn = r.txn, .flags = PMP_REPLY_OBJECT };
	ASSERT_ERRNO(EINVAL, ioctl(self->host, PMP_IOC_REPLY, &rp));
	rp = (struct pmp_reply){ .txn = r.txn, .cookie = COOKIE(1) };
	ASSERT_ERRNO(EINVAL, ioctl(self->host, PMP_IOC_REPLY, &rp));
	/* A payload or a descriptor, with success or failure. */
	rp = (struct pmp_reply){ .txn = r.txn, .flags = PMP_REPLY_OBJECT,
				 .cookie = COOKIE(1), .buf_ptr = ptr(payload),
				 .buf_size = sizeof(payload) };
	ASSERT_ERRNO(EINVAL, ioctl(self->host, PMP_IOC_REPLY, &rp));
	rp = (struct pmp_reply){ .txn = r.txn, .flags = PMP_REPLY_OBJECT,
				 .cookie = COOKIE(1), .fds_ptr = ptr(&memfd),
				 .nfds = 1 };
	ASSERT_ERRNO(EINVAL, ioctl(self->host, PMP_IOC_REPLY, &rp));
	rp = (struct pmp_reply){ .txn = r.txn, .status = E_FAIL,
				 .buf_ptr = ptr(payload),
				 .buf_size = sizeof(payload) };
	ASSERT_ERRNO(EINVAL, ioctl(self->host, PMP_IOC_REPLY, &rp));
	ASSERT_COUNTERS(before);
	ASSERT_EQ(1U, info_of(_metadata, self->host).pending);

	ASSERT_OK(reply_object(self->host, r.txn, COOKIE(2), &rp));
	async_done(_metadata, a);
	ASSERT_EQ(S_OK, a->arg.create.status);
	ASSERT_EQ(rp.object_id, a->arg.create.object_id);
	ASSERT_COUNTERS(before, [OBJECTS] = 1, [OBJECTS_CREATED] = 1,
			[TRANSACTIONS_PENDING] = -1);
}

TEST_F(objects, same_cookie_gives_another_handle_to_the_same_object)
{
	long long before[NR_COUNTERS];
	__u64 first, second, id;
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;

	read_counters(_metadata, before);
	first = create_answered(_metadata, self->host, self->client,
				COOKIE(7), &id);
	a = async_create(_metadata, self->client, clsid_object, 0);
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	ASSERT_OK(reply_object(self->host, r.txn, COOKIE(7), &rp));
	ASSERT_EQ(0U, rp.object_new);
	ASSERT_EQ(id, rp.object_id);
	async_done(_metadata, a);
	second = a->arg.create.handle;
	ASSERT_NE(0ULL, second);
	ASSERT_NE(first, second);
	ASSERT_EQ(id, a->arg.create.object_id);
	ASSERT_EQ(2U, info_of(_metadata, self->client).own_handles);
	ASSERT_EQ(1U, info_of(_metadata, self->host).objects);
	ASSERT_COUNTERS(before, [OBJECTS] = 1, [OBJECTS_CREATED] = 1);

	/* The object lives until its last handle goes. */
	ASSERT_OK(release_handle(self->client, first));
	assert_no_work(_metadata, self->host);
	ASSERT_COUNTERS(before, [OBJECTS] = 1, [OBJECTS_CREATED] = 1);
	ASSERT_OK(release_handle(self->client, second));
	ASSERT_COUNTERS(before, [OBJECTS_CREATED] = 1, [OBJECTS_RELEASED] = 1);
	recv_release(_metadata, self->host, id, COOKIE(7));
	assert_no_work(_metadata, self->host);
}

TEST_F(objects, releasing_last_handle_queues_release_with_object_and_cookie)
{
	long long before[NR_COUNTERS];
	__u64 handle, id;

	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(0xfffffff), &id);
	read_counters(_metadata, before);
	ASSERT_OK(release_handle(self->client, handle));
	ASSERT_COUNTERS(before, [OBJECTS] = -1, [OBJECTS_RELEASED] = 1);
	ASSERT_EQ(0U, info_of(_metadata, self->client).own_handles);
	recv_release(_metadata, self->host, id, COOKIE(0xfffffff));
	assert_no_work(_metadata, self->host);
}

TEST_F(objects, object_ids_differ_and_are_never_zero)
{
	__u64 ids[8];
	int i, j;

	for (i = 0; i < 8; i++) {
		create_answered(_metadata, self->host, self->client,
				COOKIE(i), &ids[i]);
		ASSERT_NE(0ULL, ids[i]);
		for (j = 0; j < i; j++)
			ASSERT_NE(ids[j], ids[i]);
	}
}

TEST_F(objects, released_handle_is_unknown)
{
	struct pmp_call call;
	__u64 handle, id;

	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), &id);
	ASSERT_OK(release_handle(self->client, handle));
	recv_release(_metadata, self->host, id, COOKIE(1));

	ASSERT_ERRNO(ENOENT, release_handle(self->client, handle));
	ASSERT_ERRNO(ENOENT, call_method(self->client, handle, METHOD_ECHO,
					 &call));
	ASSERT_ERRNO(ENOENT, release_handle(self->client, 0));
	ASSERT_ERRNO(ENOENT, release_handle(self->client, ~0ULL));
	ASSERT_ERRNO(ENOENT, release_handle(self->client, handle | 1ULL << 32));
	ASSERT_ERRNO(ENOENT, call_method(self->client, 0, METHOD_ECHO, &call));
	ASSERT_ERRNO(ENOENT, call_method(self->client, ~0ULL, METHOD_ECHO,
					 &call));
	assert_no_work(_metadata, self->host);
}

TEST_F(objects, handle_of_another_client_is_unknown)
{
	long long before[NR_COUNTERS];
	struct pmp_call call;
	__u64 handle, id;
	int other;

	other = new_client(_metadata, self->host_id);
	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), &id);
	read_counters(_metadata, before);
	ASSERT_ERRNO(ENOENT, call_method(other, handle, METHOD_ECHO, &call));
	ASSERT_ERRNO(ENOENT, release_handle(other, handle));
	ASSERT_EQ(0U, info_of(_metadata, other).own_handles);
	ASSERT_EQ(1U, info_of(_metadata, self->client).own_handles);
	ASSERT_COUNTERS(before);
	assert_no_work(_metadata, self->host);

	/* The owner's handle still works. */
	ASSERT_OK(release_handle(self->client, handle));
	recv_release(_metadata, self->host, id, COOKIE(1));
}

TEST_F(objects, handle_number_names_the_callers_own_object)
{
	__u64 mine, theirs = 0, my_id, their_id = 0;
	struct pmp_recv r, seen;
	struct pmp_call call;
	struct async *a;
	int other, i;

	mine = create_answered(_metadata, self->host, self->client, COOKIE(1),
			       &my_id);
	other = new_client(_metadata, self->host_id);
	/* The other client creates until it holds the same number. */
	for (i = 0; i < 16 && theirs != mine; i++)
		theirs = create_answered_seen(_metadata, self->host, other,
					      COOKIE(100 + i), &their_id,
					      &seen);
	ASSERT_EQ(mine, theirs)
		TH_LOG("the other client never got handle %llu",
		       (unsigned long long)mine);
	ASSERT_NE(my_id, their_id);

	init_call(&call, theirs, METHOD_OTHER);
	a = async_call(_metadata, other, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	ASSERT_EQ(their_id, r.object_id);
	ASSERT_EQ(COOKIE(100 + i - 1), r.cookie);
	ASSERT_EQ(seen.client_id, r.client_id);
	ASSERT_OK(reply_status(self->host, r.txn, S_OK));
	async_done(_metadata, a);

	init_call(&call, mine, METHOD_OTHER);
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	ASSERT_EQ(my_id, r.object_id);
	ASSERT_EQ(COOKIE(1), r.cookie);
	ASSERT_NE(seen.client_id, r.client_id);
	ASSERT_OK(reply_status(self->host, r.txn, S_OK));
	async_done(_metadata, a);
}

TEST_F(objects, call_reaches_host_with_object_method_and_payload)
{
	static const char in[] = "hello, host", out[] = "hello, client!";
	long long before[NR_COUNTERS];
	struct pmp_recv r, seen, expect;
	struct pmp_reply rp;
	struct pmp_call call;
	char buf[64] = "";
	__u64 handle, id;
	struct async *a;
	char *reply;

	handle = create_answered_seen(_metadata, self->host, self->client,
				      COOKIE(3), &id, &seen);
	reply = xmalloc(_metadata, 64);
	memset(reply, 0, 64);
	init_call(&call, handle, 0x12345678);
	call.in_ptr = ptr(in);
	call.in_size = sizeof(in);
	call.out_ptr = ptr(reply);
	call.out_size = 64;
	read_counters(_metadata, before);
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, buf, sizeof(buf),
		  NULL, 0);
	ASSERT_NE(0ULL, r.txn);
	memset(&expect, 0, sizeof(expect));
	expect.type = PMP_WORK_CALL;
	expect.txn = r.txn;
	expect.buf_ptr = ptr(buf);
	expect.buf_size = sizeof(in);
	expect.object_id = id;
	expect.cookie = COOKIE(3);
	expect.method = 0x12345678;
	expect.client_id = seen.client_id;
	expect.client_pid = getpid();
	ASSERT_EQ(0, memcmp(&expect, &r, sizeof(r)));
	ASSERT_STREQ(in, buf);
	ASSERT_EQ(1U, info_of(_metadata, self->host).pending);
	ASSERT_COUNTERS(before, [CALLS] = 1, [TRANSACTIONS_PENDING] = 1);

	rp = (struct pmp_reply){ .txn = r.txn, .status = S_FALSE,
				 .buf_ptr = ptr(out), .buf_size = sizeof(out) };
	ASSERT_OK(ioctl(self->host, PMP_IOC_REPLY, &rp));
	ASSERT_EQ(0ULL, rp.object_id);
	ASSERT_EQ(0U, rp.object_new);
	async_done(_metadata, a);
	ASSERT_EQ(S_FALSE, a->arg.call.status);
	ASSERT_EQ(sizeof(out), a->arg.call.out_size);
	ASSERT_EQ(0U, a->arg.call.out_nfds);
	ASSERT_EQ(0ULL, a->arg.call.out_handle);
	ASSERT_EQ(0ULL, a->arg.call.out_object_id);
	ASSERT_STREQ(out, reply);
	ASSERT_COUNTERS(before, [CALLS] = 1);
}

TEST_F(objects, call_returns_host_failure_in_status)
{
	struct pmp_call call;
	struct pmp_recv r;
	struct async *a;
	__u64 handle;

	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), NULL);
	init_call(&call, handle, METHOD_OTHER);
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	ASSERT_OK(reply_status(self->host, r.txn, E_NOTIMPL));
	async_done(_metadata, a);
	ASSERT_EQ(E_NOTIMPL, a->arg.call.status);
	ASSERT_EQ(0U, a->arg.call.out_size);
}

TEST_F(objects, object_outlives_its_last_handle_while_a_call_is_in_flight)
{
	long long before[NR_COUNTERS];
	struct pmp_call call;
	struct pmp_recv r;
	struct async *a;
	__u64 handle, id;

	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), &id);
	init_call(&call, handle, METHOD_OTHER);
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	read_counters(_metadata, before);

	ASSERT_OK(release_handle(self->client, handle));
	ASSERT_EQ(0U, info_of(_metadata, self->client).own_handles);
	ASSERT_EQ(1U, info_of(_metadata, self->host).objects);
	assert_no_work(_metadata, self->host);
	ASSERT_COUNTERS(before);

	ASSERT_OK(reply_status(self->host, r.txn, S_OK));
	async_done(_metadata, a);
	recv_release(_metadata, self->host, id, COOKIE(1));
	ASSERT_COUNTERS(before, [OBJECTS] = -1, [OBJECTS_RELEASED] = 1,
			[TRANSACTIONS_PENDING] = -1);
}

TEST_F(objects, reply_of_object_to_call_without_object_out_fails_einval)
{
	struct pmp_call call;
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;
	__u64 handle;

	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), NULL);
	init_call(&call, handle, METHOD_NEW_OBJECT);
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	ASSERT_EQ(0U, r.call_flags);
	ASSERT_ERRNO(EINVAL, reply_object(self->host, r.txn, COOKIE(2), &rp));
	ASSERT_ERRNO(EINVAL, reply_object(self->host, r.txn, COOKIE(1), &rp));
	ASSERT_OK(reply_status(self->host, r.txn, S_OK));
	async_done(_metadata, a);
	ASSERT_EQ(0ULL, a->arg.call.out_handle);
	ASSERT_EQ(1U, info_of(_metadata, self->host).objects);
}

TEST_F(objects, call_with_object_out_hands_back_a_new_object)
{
	long long before[NR_COUNTERS];
	__u64 handle, id, out, out_id;
	struct pmp_call call;
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;

	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), &id);
	read_counters(_metadata, before);
	init_call(&call, handle, METHOD_NEW_OBJECT);
	call.flags = PMP_CALL_OBJECT_OUT;
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	ASSERT_EQ(PMP_CALL_OBJECT_OUT, r.call_flags);
	ASSERT_OK(reply_object(self->host, r.txn, COOKIE(2), &rp));
	ASSERT_EQ(1U, rp.object_new);
	ASSERT_NE(0ULL, rp.object_id);
	ASSERT_NE(id, rp.object_id);
	async_done(_metadata, a);
	out = a->arg.call.out_handle;
	out_id = a->arg.call.out_object_id;
	ASSERT_EQ(S_OK, a->arg.call.status);
	ASSERT_NE(0ULL, out);
	ASSERT_NE(handle, out);
	ASSERT_EQ(rp.object_id, out_id);
	ASSERT_EQ(2U, info_of(_metadata, self->client).own_handles);
	ASSERT_EQ(2U, info_of(_metadata, self->host).objects);
	ASSERT_COUNTERS(before, [OBJECTS] = 1, [OBJECTS_CREATED] = 1,
			[CALLS] = 1);

	ASSERT_OK(release_handle(self->client, out));
	recv_release(_metadata, self->host, out_id, COOKIE(2));
	ASSERT_OK(release_handle(self->client, handle));
	recv_release(_metadata, self->host, id, COOKIE(1));
}

TEST_F(objects, call_with_object_out_and_known_cookie_gives_the_same_object)
{
	long long before[NR_COUNTERS];
	struct pmp_call call;
	struct pmp_reply rp;
	struct pmp_recv r;
	__u64 handle, id;
	struct async *a;

	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), &id);
	read_counters(_metadata, before);
	init_call(&call, handle, METHOD_SAME_OBJECT);
	call.flags = PMP_CALL_OBJECT_OUT;
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	ASSERT_OK(reply_object(self->host, r.txn, COOKIE(1), &rp));
	ASSERT_EQ(0U, rp.object_new);
	ASSERT_EQ(id, rp.object_id);
	async_done(_metadata, a);
	ASSERT_NE(0ULL, a->arg.call.out_handle);
	ASSERT_NE(handle, a->arg.call.out_handle);
	ASSERT_EQ(id, a->arg.call.out_object_id);
	ASSERT_COUNTERS(before, [CALLS] = 1);

	ASSERT_OK(release_handle(self->client, handle));
	assert_no_work(_metadata, self->host);
	ASSERT_OK(release_handle(self->client, a->arg.call.out_handle));
	recv_release(_metadata, self->host, id, COOKIE(1));
}

TEST_F(objects, call_with_object_out_answered_without_object_gives_no_handle)
{
	struct pmp_call call;
	struct pmp_recv r;
	struct async *a;
	__u64 handle;

	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), NULL);
	init_call(&call, handle, METHOD_OTHER);
	call.flags = PMP_CALL_OBJECT_OUT;
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	ASSERT_OK(reply_status(self->host, r.txn, E_NOINTERFACE));
	async_done(_metadata, a);
	ASSERT_EQ(E_NOINTERFACE, a->arg.call.status);
	ASSERT_EQ(0ULL, a->arg.call.out_handle);
	ASSERT_EQ(0ULL, a->arg.call.out_object_id);
	ASSERT_EQ(1U, info_of(_metadata, self->client).own_handles);
	ASSERT_EQ(1U, info_of(_metadata, self->host).objects);
}

TEST_F(objects, closed_client_releases_its_objects_then_says_gone)
{
	long long before[NR_COUNTERS];
	__u64 ids[2], seen_ids[2];
	struct pmp_recv r, seen;
	int other, i;

	other = new_client(_metadata, self->host_id);
	create_answered_seen(_metadata, self->host, other, COOKIE(1), &ids[0],
			     &seen);
	create_answered(_metadata, self->host, other, COOKIE(2), &ids[1]);
	read_counters(_metadata, before);
	ASSERT_EQ(0, close(other));
	ASSERT_COUNTERS(before, [CLIENTS] = -1, [OBJECTS] = -2,
			[OBJECTS_RELEASED] = 2);

	for (i = 0; i < 2; i++) {
		recv_work(_metadata, self->host, PMP_WORK_RELEASE, &r, NULL, 0,
			  NULL, 0);
		ASSERT_EQ(r.object_id == ids[0] ? COOKIE(1) : COOKIE(2),
			  r.cookie);
		seen_ids[i] = r.object_id;
	}
	ASSERT_TRUE((seen_ids[0] == ids[0] && seen_ids[1] == ids[1]) ||
		    (seen_ids[0] == ids[1] && seen_ids[1] == ids[0]));
	recv_client_gone(_metadata, self->host, seen.client_id);
	assert_no_work(_metadata, self->host);
	ASSERT_EQ(1U, info_of(_metadata, self->host).clients);
}

TEST_F(objects, closed_client_without_objects_only_says_gone)
{
	long long before[NR_COUNTERS];
	int other;

	other = new_client(_metadata, self->host_id);
	read_counters(_metadata, before);
	ASSERT_EQ(0, close(other));
	ASSERT_COUNTERS(before, [CLIENTS] = -1);
	recv_client_gone(_metadata, self->host, 0);
	assert_no_work(_metadata, self->host);
}

TEST_F(objects, poll_reports_input_exactly_while_work_is_queued)
{
	struct pmp_recv r;
	struct async *a;

	assert_no_work(_metadata, self->host);
	ASSERT_EQ(0, poll_fd(self->host, 0));
	a = async_create(_metadata, self->client, clsid_object, 0);
	wait_for_work(_metadata, self->host);
	ASSERT_EQ(POLLIN, poll_fd(self->host, 0));
	ASSERT_OK(recv_into(self->host, &r, NULL, 0, NULL, 0));
	ASSERT_EQ(0, poll_fd(self->host, 0));
	ASSERT_OK(reply_status(self->host, r.txn, E_FAIL));
	async_done(_metadata, a);
	ASSERT_EQ(0, poll_fd(self->host, 0));
	assert_no_work(_metadata, self->host);
}

/* The scheduler state of thread @tid of this process ('S': asleep). */
static char thread_state(pid_t tid)
{
	char path[64], buf[256], *p;
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return '?';
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return '?';
	buf[len] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

/* Waits until the async's thread sleeps (in its command). */
static void wait_asleep(struct __test_metadata *_metadata, struct async *a)
{
	pid_t tid = 0;
	int ms;

	for (ms = 0; ms < WAIT_MS; ms++) {
		tid = __atomic_load_n(&a->tid, __ATOMIC_ACQUIRE);
		if (tid && thread_state(tid) == 'S')
			return;
		sleep_ms(1);
	}
	ASSERT_TRUE(false)
		TH_LOG("thread %d never went to sleep", tid);
}

TEST_F(objects, blocking_recv_waits_for_work)
{
	struct pmp_recv r;
	struct async *rx, *a;

	ASSERT_EQ(0, fcntl(self->host, F_SETFL, 0));
	memset(&r, 0, sizeof(r));
	rx = async_start(_metadata, self->host, PMP_IOC_RECV, &r, sizeof(r));
	wait_asleep(_metadata, rx);
	ASSERT_EQ(EBUSY, pthread_tryjoin_np(rx->thread, NULL));

	a = async_create(_metadata, self->client, clsid_object, 0);
	async_done(_metadata, rx);
	ASSERT_EQ(PMP_WORK_CREATE, (int)rx->arg.recv.type);
	ASSERT_OK(reply_status(self->host, rx->arg.recv.txn, E_FAIL));
	async_done(_metadata, a);
	ASSERT_EQ(E_FAIL, a->arg.create.status);
}

TEST_F(objects, reply_to_transaction_not_delivered_fails_enoent)
{
	struct pmp_recv r;
	struct async *a;
	__u64 txn, id;

	a = async_create(_metadata, self->client, clsid_object, 0);
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	txn = r.txn;
	ASSERT_OK(reply_status(self->host, txn, E_FAIL));
	async_done(_metadata, a);

	/* Answered already, or never known. */
	ASSERT_ERRNO(ENOENT, reply_status(self->host, txn, E_FAIL));
	ASSERT_ERRNO(ENOENT, reply_status(self->host, 0, E_FAIL));
	ASSERT_ERRNO(ENOENT, reply_status(self->host, ~0ULL, E_FAIL));
	ASSERT_ERRNO(ENOENT, reply_status(self->host, txn | 1ULL << 32,
					  E_FAIL));

	/* Queued but not received: whatever its id, no reply reaches it. */
	a = async_create(_metadata, self->client, clsid_object, 0);
	wait_for_work(_metadata, self->host);
	for (id = 1; id <= txn + 64; id++) {
		if (id == txn)
			continue;
		ASSERT_ERRNO(ENOENT, reply_status(self->host, id, E_FAIL));
	}
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	ASSERT_NE(txn, r.txn);
	ASSERT_GE(txn + 64, r.txn)
		TH_LOG("transaction %llu was not among those tried",
		       (unsigned long long)r.txn);
	ASSERT_OK(reply_status(self->host, r.txn, E_FAIL));
	async_done(_metadata, a);
	ASSERT_EQ(E_FAIL, a->arg.create.status);
}

TEST_F(objects, reply_beyond_client_capacity_fails_emsgsize_stays_answerable)
{
	char payload[9] = "12345678", *out;
	__s32 fds[2], out_fds[1] = { -1 };
	long long before[NR_COUNTERS];
	struct pmp_call call;
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;
	__u64 handle;

	fds[0] = sealed_memfd(_metadata, "first");
	fds[1] = sealed_memfd(_metadata, "second");
	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), NULL);
	out = xmalloc(_metadata, 8);
	init_call(&call, handle, METHOD_ECHO);
	call.out_ptr = ptr(out);
	call.out_size = 8;
	call.out_fds = ptr(out_fds);
	call.out_nfds = 1;
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	read_counters(_metadata, before);

	rp = (struct pmp_reply){ .txn = r.txn, .buf_ptr = ptr(payload),
				 .buf_size = 9 };
	ASSERT_ERRNO(EMSGSIZE, ioctl(self->host, PMP_IOC_REPLY, &rp));
	rp = (struct pmp_reply){ .txn = r.txn, .buf_ptr = ptr(payload),
				 .buf_size = 8, .fds_ptr = ptr(fds),
				 .nfds = 2 };
	ASSERT_ERRNO(EMSGSIZE, ioctl(self->host, PMP_IOC_REPLY, &rp));
	ASSERT_COUNTERS(before);

	rp = (struct pmp_reply){ .txn = r.txn, .buf_ptr = ptr(payload),
				 .buf_size = 8, .fds_ptr = ptr(fds),
				 .nfds = 1 };
	ASSERT_OK(ioctl(self->host, PMP_IOC_REPLY, &rp));
	async_done(_metadata, a);
	ASSERT_EQ(8U, a->arg.call.out_size);
	ASSERT_EQ(1U, a->arg.call.out_nfds);
	ASSERT_EQ(0, memcmp(payload, out, 8));
	assert_same_file(_metadata, out_fds[0], fds[0], "first");
	ASSERT_COUNTERS(before, [TRANSACTIONS_PENDING] = -1);
}

TEST_F(objects, descriptors_travel_both_ways_installed_close_on_exec)
{
	__s32 in_fds[3], out_fds[4] = { -1, -1, -1, -1 }, got[3];
	__s32 reply_fds[2];
	static const char *const in_text[] = { "in-0", "in-1", "in-2" };
	static const char *const out_text[] = { "out-0", "out-1" };
	struct pmp_call call;
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;
	__u64 handle;
	int i;

	for (i = 0; i < 3; i++)
		in_fds[i] = sealed_memfd(_metadata, in_text[i]);
	for (i = 0; i < 2; i++)
		reply_fds[i] = sealed_memfd(_metadata, out_text[i]);
	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), NULL);
	init_call(&call, handle, METHOD_ECHO);
	call.in_fds = ptr(in_fds);
	call.in_nfds = 3;
	call.out_fds = ptr(out_fds);
	call.out_nfds = 4;
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, got, 3);
	ASSERT_EQ(3U, r.nfds);
	for (i = 0; i < 3; i++) {
		ASSERT_NE(in_fds[i], got[i]);
		assert_same_file(_metadata, got[i], in_fds[i], in_text[i]);
		close(got[i]);
	}

	rp = (struct pmp_reply){ .txn = r.txn, .fds_ptr = ptr(reply_fds),
				 .nfds = 2 };
	ASSERT_OK(ioctl(self->host, PMP_IOC_REPLY, &rp));
	async_done(_metadata, a);
	ASSERT_EQ(2U, a->arg.call.out_nfds);
	ASSERT_EQ(0U, a->arg.call.out_size);
	for (i = 0; i < 2; i++) {
		ASSERT_NE(reply_fds[i], out_fds[i]);
		assert_same_file(_metadata, out_fds[i], reply_fds[i],
				 out_text[i]);
	}
	/* The slots beyond what was received are left alone. */
	ASSERT_EQ(-1, out_fds[2]);
	ASSERT_EQ(-1, out_fds[3]);
}

TEST_F(objects, sixteen_descriptors_pass_each_way_seventeen_fail_emsgsize)
{
	__s32 fds[PMP_FDS_MAX + 1], got[PMP_FDS_MAX], out_fds[PMP_FDS_MAX + 1];
	long long before[NR_COUNTERS];
	struct pmp_call call;
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;
	__u64 handle;
	int i;

	for (i = 0; i <= PMP_FDS_MAX; i++)
		fds[i] = sealed_memfd(_metadata, "fd");
	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), NULL);
	read_counters(_metadata, before);
	init_call(&call, handle, METHOD_ECHO);
	call.in_fds = ptr(fds);
	call.in_nfds = PMP_FDS_MAX + 1;
	ASSERT_ERRNO(EMSGSIZE, ioctl(self->client, PMP_IOC_CALL, &call));
	init_call(&call, handle, METHOD_ECHO);
	call.out_fds = ptr(out_fds);
	call.out_nfds = PMP_FDS_MAX + 1;
	ASSERT_ERRNO(EMSGSIZE, ioctl(self->client, PMP_IOC_CALL, &call));
	ASSERT_COUNTERS(before);
	assert_no_work(_metadata, self->host);

	init_call(&call, handle, METHOD_ECHO);
	call.in_fds = ptr(fds);
	call.in_nfds = PMP_FDS_MAX;
	call.out_fds = ptr(out_fds);
	call.out_nfds = PMP_FDS_MAX;
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, got,
		  PMP_FDS_MAX);
	ASSERT_EQ(PMP_FDS_MAX, (int)r.nfds);
	for (i = 0; i < PMP_FDS_MAX; i++)
		assert_same_file(_metadata, got[i], fds[i], "fd");
	rp = (struct pmp_reply){ .txn = r.txn, .fds_ptr = ptr(fds),
				 .nfds = PMP_FDS_MAX + 1 };
	ASSERT_ERRNO(EMSGSIZE, ioctl(self->host, PMP_IOC_REPLY, &rp));
	rp.nfds = PMP_FDS_MAX;
	ASSERT_OK(ioctl(self->host, PMP_IOC_REPLY, &rp));
	async_done(_metadata, a);
	ASSERT_EQ(PMP_FDS_MAX, (int)a->arg.call.out_nfds);
	for (i = 0; i < PMP_FDS_MAX; i++)
		assert_same_file(_metadata, out_fds[i], fds[i], "fd");
}

TEST_F(objects, recv_too_small_fails_emsgsize_and_keeps_the_item)
{
	__s32 fds[2], got[2];
	struct pmp_call call;
	struct pmp_recv r;
	char in[100], buf[100];
	struct async *a;
	__u64 handle;
	int free_fd;

	fds[0] = sealed_memfd(_metadata, "zero");
	fds[1] = sealed_memfd(_metadata, "one");
	fill_pattern(in, sizeof(in), 1);
	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), NULL);
	init_call(&call, handle, METHOD_OTHER);
	call.in_ptr = ptr(in);
	call.in_size = sizeof(in);
	call.in_fds = ptr(fds);
	call.in_nfds = 2;
	a = async_call(_metadata, self->client, &call);
	wait_for_work(_metadata, self->host);
	free_fd = lowest_free_fd(_metadata);

	ASSERT_ERRNO(EMSGSIZE, recv_into(self->host, &r, buf, 99, got, 2));
	ASSERT_EQ(100U, r.buf_size);
	ASSERT_EQ(2U, r.nfds);
	ASSERT_EQ(0U, r.type);
	ASSERT_EQ(0ULL, r.txn);
	ASSERT_ERRNO(EMSGSIZE, recv_into(self->host, &r, buf, 100, got, 1));
	ASSERT_EQ(100U, r.buf_size);
	ASSERT_EQ(2U, r.nfds);
	ASSERT_ERRNO(EMSGSIZE, recv_into(self->host, &r, NULL, 0, NULL, 0));
	ASSERT_EQ(100U, r.buf_size);
	ASSERT_EQ(2U, r.nfds);
	/* Nothing was installed, and the item is still there. */
	ASSERT_EQ(free_fd, lowest_free_fd(_metadata));
	ASSERT_EQ(POLLIN, poll_fd(self->host, 0));

	ASSERT_OK(recv_into(self->host, &r, buf, 100, got, 2));
	ASSERT_EQ(PMP_WORK_CALL, (int)r.type);
	ASSERT_EQ(100U, r.buf_size);
	ASSERT_EQ(2U, r.nfds);
	ASSERT_EQ(-1, pattern_mismatch(buf, sizeof(buf), 1));
	assert_same_file(_metadata, got[0], fds[0], "zero");
	assert_same_file(_metadata, got[1], fds[1], "one");
	ASSERT_OK(reply_status(self->host, r.txn, S_OK));
	async_done(_metadata, a);
}

/* Makes the next descriptor allocation of this process fail with EMFILE. */
static struct rlimit use_up_descriptors(struct __test_metadata *_metadata)
{
	struct rlimit old, lim;

	ASSERT_EQ(0, getrlimit(RLIMIT_NOFILE, &old));
	lim = old;
	lim.rlim_cur = lowest_free_fd(_metadata);
	ASSERT_EQ(0, setrlimit(RLIMIT_NOFILE, &lim));
	return old;
}

TEST_F(objects, call_without_room_for_reply_descriptors_fails_emfile)
{
	long long before[NR_COUNTERS];
	__s32 out_fds[1];
	struct pmp_call call;
	struct rlimit old;
	__u64 handle;

	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), NULL);
	read_counters(_metadata, before);
	old = use_up_descriptors(_metadata);
	init_call(&call, handle, METHOD_ECHO);
	call.out_fds = ptr(out_fds);
	call.out_nfds = 1;
	ASSERT_ERRNO(EMFILE, ioctl(self->client, PMP_IOC_CALL, &call));
	ASSERT_EQ(0, setrlimit(RLIMIT_NOFILE, &old));
	ASSERT_COUNTERS(before);
	assert_no_work(_metadata, self->host);
}

TEST_F(objects, recv_without_room_for_descriptors_fails_emfile_and_keeps_item)
{
	struct pmp_call call;
	struct rlimit old;
	struct pmp_recv r;
	struct async *a;
	__s32 fd, got;
	__u64 handle;

	fd = sealed_memfd(_metadata, "data");
	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), NULL);
	init_call(&call, handle, METHOD_OTHER);
	call.in_fds = ptr(&fd);
	call.in_nfds = 1;
	a = async_call(_metadata, self->client, &call);
	wait_for_work(_metadata, self->host);
	old = use_up_descriptors(_metadata);
	ASSERT_ERRNO(EMFILE, recv_into(self->host, &r, NULL, 0, &got, 1));
	ASSERT_EQ(0, setrlimit(RLIMIT_NOFILE, &old));
	ASSERT_EQ(POLLIN, poll_fd(self->host, 0));

	ASSERT_OK(recv_into(self->host, &r, NULL, 0, &got, 1));
	ASSERT_EQ(PMP_WORK_CALL, (int)r.type);
	assert_same_file(_metadata, got, fd, "data");
	ASSERT_OK(reply_status(self->host, r.txn, S_OK));
	async_done(_metadata, a);
}

/* ---- limits ------------------------------------------------------------ */

TEST_F(objects, client_holding_max_objects_handles_fails_edquot)
{
	long long before[NR_COUNTERS];
	struct pmp_create c;
	struct pmp_call call;
	struct server *s;
	__u64 first, second;
	int other;

	set_param(_metadata, MAX_OBJECTS, 2);
	s = server_start(_metadata, self->host, 1);
	first = create_served(_metadata, self->client, NULL);
	second = create_served(_metadata, self->client, NULL);
	read_counters(_metadata, before);
	ASSERT_ERRNO(EDQUOT, create_object(self->client, &c));
	init_call(&call, first, METHOD_NEW_OBJECT);
	call.flags = PMP_CALL_OBJECT_OUT;
	ASSERT_ERRNO(EDQUOT, ioctl(self->client, PMP_IOC_CALL, &call));
	ASSERT_COUNTERS(before);
	ASSERT_EQ(2U, info_of(_metadata, self->client).own_handles);

	/* A call that cannot bring an object back needs no slot. */
	ASSERT_OK(call_method(self->client, first, METHOD_ECHO, &call));
	ASSERT_EQ(S_OK, call.status);
	/* The limit is per client. */
	other = new_client(_metadata, self->host_id);
	create_served(_metadata, other, NULL);
	/* A released handle frees its slot. */
	ASSERT_OK(release_handle(self->client, second));
	create_served(_metadata, self->client, NULL);
	ASSERT_ERRNO(EDQUOT, create_object(self->client, &c));
	server_finish(_metadata, s);
}

TEST_F(objects, creations_in_flight_count_against_max_objects)
{
	long long before[NR_COUNTERS];
	struct pmp_create c;
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;

	set_param(_metadata, MAX_OBJECTS, 1);
	a = async_create(_metadata, self->client, clsid_object, 0);
	wait_for_work(_metadata, self->host);
	read_counters(_metadata, before);
	ASSERT_ERRNO(EDQUOT, create_object(self->client, &c));
	ASSERT_COUNTERS(before);

	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	ASSERT_OK(reply_object(self->host, r.txn, COOKIE(1), &rp));
	async_done(_metadata, a);
	ASSERT_ERRNO(EDQUOT, create_object(self->client, &c));
}

TEST_F(objects, object_out_calls_in_flight_count_against_max_objects)
{
	struct pmp_call call, sync;
	struct pmp_create c;
	struct pmp_recv r;
	struct async *a;
	__u64 handle;

	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), NULL);
	set_param(_metadata, MAX_OBJECTS, 2);
	init_call(&call, handle, METHOD_NEW_OBJECT);
	call.flags = PMP_CALL_OBJECT_OUT;
	a = async_call(_metadata, self->client, &call);
	wait_for_work(_metadata, self->host);
	ASSERT_ERRNO(EDQUOT, create_object(self->client, &c));
	init_call(&sync, handle, METHOD_NEW_OBJECT);
	sync.flags = PMP_CALL_OBJECT_OUT;
	ASSERT_ERRNO(EDQUOT, ioctl(self->client, PMP_IOC_CALL, &sync));

	/* Answered without an object, the call gives its slot back. */
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	ASSERT_OK(reply_status(self->host, r.txn, E_NOINTERFACE));
	async_done(_metadata, a);
	ASSERT_EQ(0ULL, a->arg.call.out_handle);
	create_answered(_metadata, self->host, self->client, COOKIE(2), NULL);
}

TEST_F(objects, own_handles_counts_live_handles_only)
{
	struct pmp_recv r;
	struct async *a;

	a = async_create(_metadata, self->client, clsid_object, 0);
	wait_for_work(_metadata, self->host);
	ASSERT_EQ(0U, info_of(_metadata, self->client).own_handles)
		TH_LOG("a creation in flight is not a live handle");
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	ASSERT_OK(reply_status(self->host, r.txn, E_FAIL));
	async_done(_metadata, a);
	ASSERT_EQ(0U, info_of(_metadata, self->client).own_handles);
}

TEST_F(objects, client_at_max_pending_client_fails_eagain)
{
	long long before[NR_COUNTERS];
	struct pmp_call call;
	struct pmp_create c;
	struct pmp_recv r;
	struct async *a, *b;
	__u64 handle;
	int other;

	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), NULL);
	other = new_client(_metadata, self->host_id);
	set_param(_metadata, MAX_PENDING_CLIENT, 1);
	a = async_create(_metadata, self->client, clsid_object, 0);
	wait_for_work(_metadata, self->host);
	read_counters(_metadata, before);
	ASSERT_ERRNO(EAGAIN, create_object(self->client, &c));
	ASSERT_ERRNO(EAGAIN, call_method(self->client, handle, METHOD_ECHO,
					 &call));
	ASSERT_COUNTERS(before);

	/* Another client is not held back. */
	b = async_create(_metadata, other, clsid_object, 0);
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	ASSERT_OK(reply_status(self->host, r.txn, E_FAIL));
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	ASSERT_OK(reply_status(self->host, r.txn, E_FAIL));
	async_done(_metadata, a);
	async_done(_metadata, b);
	ASSERT_EQ(E_FAIL, a->arg.create.status);
	ASSERT_EQ(E_FAIL, b->arg.create.status);
}

TEST_F(objects, host_at_max_pending_host_fails_eagain)
{
	long long before[NR_COUNTERS];
	struct pmp_create c;
	struct pmp_recv r;
	struct async *a;
	int other;

	other = new_client(_metadata, self->host_id);
	set_param(_metadata, MAX_PENDING_HOST, 1);
	a = async_create(_metadata, self->client, clsid_object, 0);
	wait_for_work(_metadata, self->host);
	read_counters(_metadata, before);
	ASSERT_ERRNO(EAGAIN, create_object(other, &c));
	ASSERT_ERRNO(EAGAIN, create_object(self->client, &c));
	ASSERT_COUNTERS(before);
	ASSERT_EQ(1U, info_of(_metadata, self->host).pending);

	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	ASSERT_OK(reply_status(self->host, r.txn, E_FAIL));
	async_done(_metadata, a);
	/* Room again. */
	create_answered(_metadata, self->host, other, COOKIE(1), NULL);
}

/* ---- timeouts ---------------------------------------------------------- */

TEST_F(objects, create_timing_out_in_queue_never_reaches_host)
{
	long long before[NR_COUNTERS];
	struct pmp_create c;
	struct pmp_info info;

	read_counters(_metadata, before);
	init_create(&c, clsid_object, 50);
	ASSERT_ERRNO(ETIMEDOUT, ioctl(self->client, PMP_IOC_CREATE_OBJECT,
				      &c));
	ASSERT_COUNTERS(before, [TRANSACTIONS_CANCELLED] = 1, [TIMEOUTS] = 1);
	assert_no_work(_metadata, self->host);
	info = info_of(_metadata, self->host);
	ASSERT_EQ(0U, info.pending);
	ASSERT_EQ(PMP_HOST_STARTING, (int)info.host_state);
	ASSERT_EQ(0U, info_of(_metadata, self->client).own_handles);
}

TEST_F(objects, call_timing_out_after_delivery_makes_its_reply_ecanceled)
{
	long long before[NR_COUNTERS];
	struct pmp_call call;
	struct pmp_recv r;
	struct async *a;
	__u64 handle;

	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), NULL);
	read_counters(_metadata, before);
	init_call(&call, handle, METHOD_OTHER);
	call.timeout_ms = 3000;
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	async_failed(_metadata, a, ETIMEDOUT);

	/* The host still holds it until it answers. */
	ASSERT_EQ(1U, info_of(_metadata, self->host).pending);
	ASSERT_COUNTERS(before, [CALLS] = 1, [TRANSACTIONS_PENDING] = 1,
			[TRANSACTIONS_CANCELLED] = 1, [TIMEOUTS] = 1);
	ASSERT_ERRNO(ECANCELED, reply_status(self->host, r.txn, S_OK));
	ASSERT_EQ(0U, info_of(_metadata, self->host).pending);
	ASSERT_COUNTERS(before, [CALLS] = 1, [TRANSACTIONS_CANCELLED] = 1,
			[TIMEOUTS] = 1, [REPLIES_DISCARDED] = 1);
	ASSERT_ERRNO(ENOENT, reply_status(self->host, r.txn, S_OK));
	assert_no_work(_metadata, self->host);
}

TEST_F(objects, create_timing_out_after_delivery_keeps_no_object)
{
	long long before[NR_COUNTERS];
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;

	read_counters(_metadata, before);
	a = async_create(_metadata, self->client, clsid_object, 3000);
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	async_failed(_metadata, a, ETIMEDOUT);
	ASSERT_ERRNO(ECANCELED, reply_object(self->host, r.txn, COOKIE(1),
					     &rp));
	ASSERT_COUNTERS(before, [TRANSACTIONS_CANCELLED] = 1, [TIMEOUTS] = 1,
			[REPLIES_DISCARDED] = 1);
	ASSERT_EQ(0U, info_of(_metadata, self->host).objects);
	ASSERT_EQ(0U, info_of(_metadata, self->client).own_handles);
	assert_no_work(_metadata, self->host);
}

TEST_F(objects, client_closed_during_call_keeps_object_until_host_answers)
{
	long long before[NR_COUNTERS];
	struct pmp_call call;
	struct pmp_recv r, seen;
	struct async *a;
	__u64 handle, id;
	int other;

	other = new_client(_metadata, self->host_id);
	handle = create_answered_seen(_metadata, self->host, other, COOKIE(1),
				      &id, &seen);
	init_call(&call, handle, METHOD_OTHER);
	a = async_call(_metadata, other, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	read_counters(_metadata, before);

	/* Its owner closing the endpoint tears the client down. */
	ASSERT_EQ(0, close(other));
	async_failed(_metadata, a, EBADFD);
	/* The call the host is serving keeps its object alive... */
	ASSERT_COUNTERS(before, [CLIENTS] = -1, [TRANSACTIONS_CANCELLED] = 1);
	ASSERT_EQ(1U, info_of(_metadata, self->host).pending);
	ASSERT_EQ(1U, info_of(_metadata, self->host).objects);
	recv_client_gone(_metadata, self->host, seen.client_id);
	assert_no_work(_metadata, self->host);
	/* ...until the host answers it: then the object is released. */
	ASSERT_ERRNO(ECANCELED, reply_status(self->host, r.txn, S_OK));
	ASSERT_COUNTERS(before, [CLIENTS] = -1, [OBJECTS] = -1,
			[OBJECTS_RELEASED] = 1, [TRANSACTIONS_CANCELLED] = 1,
			[REPLIES_DISCARDED] = 1, [TRANSACTIONS_PENDING] = -1);
	recv_release(_metadata, self->host, id, COOKIE(1));
	assert_no_work(_metadata, self->host);
}

TEST_F(objects, zero_timeout_means_default_timeout_ms)
{
	long long before[NR_COUNTERS];
	struct pmp_create c;

	set_param(_metadata, DEFAULT_TIMEOUT_MS, 100);
	read_counters(_metadata, before);
	init_create(&c, clsid_object, 0);
	ASSERT_ERRNO(ETIMEDOUT, ioctl(self->client, PMP_IOC_CREATE_OBJECT,
				      &c));
	ASSERT_COUNTERS(before, [TRANSACTIONS_CANCELLED] = 1, [TIMEOUTS] = 1);
}

/* ---- lifetime ---------------------------------------------------------- */

/* linger_ms of the lifetime tests: short, but long for an emulated CPU. */
#define LINGER_SHORT	500

/* poll()s @fd for hang-up only: its revents, 0 on timeout. */
static int poll_hup(int fd, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = 0 };

	if (poll(&pfd, 1, timeout_ms) < 0)
		return -1;
	return pfd.revents;
}

static int host_state(struct __test_metadata *_metadata, int host)
{
	return info_of(_metadata, host).host_state;
}

FIXTURE(lifetime) {
	int host;
	__u64 host_id;
	int client;
};

FIXTURE_SETUP(lifetime)
{
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_SHORT);
}

FIXTURE_TEARDOWN(lifetime)
{
	env_teardown_threads(_metadata);
}

/*
 * Registers the host and connects the client, which takes a lock when
 * @locked (so that the host cannot exit before its first object).
 */
static void start_host(struct __test_metadata *_metadata,
		       FIXTURE_DATA(lifetime) *self, bool locked)
{
	self->host = new_nonblock_host(_metadata, &self->host_id);
	self->client = new_client(_metadata, self->host_id);
	if (locked) {
		ASSERT_OK(ioctl(self->client, PMP_IOC_LOCK, 0UL));
	}
}

/* Creates an object and releases it again without locks: the host exits. */
static void make_host_exit(struct __test_metadata *_metadata,
			   FIXTURE_DATA(lifetime) *self, __u64 *handle,
			   __u64 *id)
{
	start_host(_metadata, self, true);
	*handle = create_answered(_metadata, self->host, self->client,
				  COOKIE(1), id);
	ASSERT_OK(ioctl(self->client, PMP_IOC_UNLOCK, 0UL));
	ASSERT_OK(release_handle(self->client, *handle));
	ASSERT_EQ(PMP_HOST_EXIT, host_state(_metadata, self->host));
}

TEST_F(lifetime, registered_host_is_starting)
{
	start_host(_metadata, self, true);
	ASSERT_EQ(PMP_HOST_STARTING, host_state(_metadata, self->host));
	ASSERT_EQ(PMP_HOST_STARTING, host_state(_metadata, self->client));
	ASSERT_EQ(0, poll_hup(self->host, 0));
}

TEST_F(lifetime, object_makes_host_active_and_unlocking_keeps_it_so)
{
	start_host(_metadata, self, true);
	create_answered(_metadata, self->host, self->client, COOKIE(1), NULL);
	ASSERT_EQ(PMP_HOST_ACTIVE, host_state(_metadata, self->host));
	ASSERT_OK(ioctl(self->client, PMP_IOC_UNLOCK, 0UL));
	ASSERT_EQ(PMP_HOST_ACTIVE, host_state(_metadata, self->host));
	ASSERT_EQ(0, poll_hup(self->host, 0));
}

TEST_F(lifetime, last_release_without_locks_exits_host_at_once)
{
	long long before[NR_COUNTERS];
	struct pmp_recv r;
	__u64 handle, id;

	start_host(_metadata, self, true);
	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), &id);
	ASSERT_OK(ioctl(self->client, PMP_IOC_UNLOCK, 0UL));
	read_counters(_metadata, before);
	ASSERT_OK(release_handle(self->client, handle));
	ASSERT_EQ(PMP_HOST_EXIT, host_state(_metadata, self->host));
	ASSERT_COUNTERS(before, [OBJECTS] = -1, [OBJECTS_RELEASED] = 1,
			[HOSTS_EXITED] = 1);
	ASSERT_EQ(POLLIN | POLLHUP, poll_fd(self->host, 0));

	/* What was queued still comes, then the end. */
	recv_release(_metadata, self->host, id, COOKIE(1));
	ASSERT_EQ(POLLHUP, poll_fd(self->host, 0));
	ASSERT_ERRNO(ESHUTDOWN, recv_into(self->host, &r, NULL, 0, NULL, 0));
	ASSERT_EQ(0, fcntl(self->host, F_SETFL, 0));
	ASSERT_ERRNO(ESHUTDOWN, recv_into(self->host, &r, NULL, 0, NULL, 0));
	ASSERT_EQ(PMP_HOST_EXIT, host_state(_metadata, self->host));
}

TEST_F(lifetime, exited_host_refuses_its_clients)
{
	long long before[NR_COUNTERS];
	struct pmp_create c;
	struct pmp_info info;
	__u64 handle, id;
	int fd;

	make_host_exit(_metadata, self, &handle, &id);
	read_counters(_metadata, before);
	ASSERT_EQ(POLLHUP, poll_fd(self->client, 0) & POLLHUP);
	ASSERT_ERRNO(ESHUTDOWN, ioctl(self->client, PMP_IOC_LOCK, 0UL));
	ASSERT_ERRNO(ESHUTDOWN, ioctl(self->client, PMP_IOC_UNLOCK, 0UL));
	ASSERT_ERRNO(ESHUTDOWN, get_info(self->client, &info));
	ASSERT_ERRNO(ESHUTDOWN, create_object(self->client, &c));
	/* RELEASE is not refused: the handle is simply gone. */
	ASSERT_ERRNO(ENOENT, release_handle(self->client, handle));
	fd = pmp_open();
	ASSERT_LE(0, fd);
	ASSERT_ERRNO(ECONNREFUSED, connect_host(fd, self->host_id));
	ASSERT_COUNTERS(before);
}

TEST_F(lifetime, exited_host_refuses_calls_with_eshutdown)
{
	long long before[NR_COUNTERS];
	struct pmp_call call;
	__u64 handle, id;

	make_host_exit(_metadata, self, &handle, &id);
	read_counters(_metadata, before);
	/* No handle outlives an exit: every CALL names one that is gone. */
	ASSERT_ERRNO(ESHUTDOWN, call_method(self->client, handle, METHOD_ECHO,
					    &call));
	ASSERT_ERRNO(ESHUTDOWN, call_method(self->client, handle + 1,
					    METHOD_ECHO, &call));
	ASSERT_COUNTERS(before);
}

TEST_F(lifetime, locked_host_lingers_after_last_release_until_unlocked)
{
	long long before[NR_COUNTERS];
	__u64 handle, id;

	start_host(_metadata, self, true);
	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), &id);
	read_counters(_metadata, before);
	ASSERT_OK(release_handle(self->client, handle));
	ASSERT_EQ(PMP_HOST_LINGER, host_state(_metadata, self->host));
	ASSERT_EQ(PMP_HOST_LINGER, host_state(_metadata, self->client));
	ASSERT_EQ(0, poll_hup(self->host, 0));
	ASSERT_EQ(0, poll_hup(self->client, 0));
	ASSERT_COUNTERS(before, [OBJECTS] = -1, [OBJECTS_RELEASED] = 1);

	ASSERT_OK(ioctl(self->client, PMP_IOC_UNLOCK, 0UL));
	ASSERT_EQ(PMP_HOST_EXIT, host_state(_metadata, self->host));
	ASSERT_EQ(POLLHUP, poll_hup(self->host, 0));
	ASSERT_EQ(POLLHUP, poll_hup(self->client, 0));
	ASSERT_COUNTERS(before, [OBJECTS] = -1, [OBJECTS_RELEASED] = 1,
			[LOCKS_HELD] = -1, [UNLOCK_CALLS] = 1,
			[HOSTS_EXITED] = 1);
}

TEST_F(lifetime, locked_host_exits_when_linger_ms_passes)
{
	long long before[NR_COUNTERS];
	struct pmp_info info;
	__u64 handle, id;

	start_host(_metadata, self, true);
	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), &id);
	read_counters(_metadata, before);
	ASSERT_OK(release_handle(self->client, handle));
	ASSERT_EQ(PMP_HOST_LINGER, host_state(_metadata, self->host));
	ASSERT_EQ(0, poll_hup(self->host, LINGER_SHORT / 2))
		TH_LOG("the host exited before linger_ms passed");
	ASSERT_EQ(POLLHUP, poll_hup(self->host, 20 * LINGER_SHORT))
		TH_LOG("the host did not exit after linger_ms");
	ASSERT_EQ(PMP_HOST_EXIT, host_state(_metadata, self->host));
	ASSERT_EQ(POLLHUP, poll_hup(self->client, 0));
	ASSERT_ERRNO(ESHUTDOWN, get_info(self->client, &info));
	ASSERT_COUNTERS(before, [OBJECTS] = -1, [OBJECTS_RELEASED] = 1,
			[HOSTS_EXITED] = 1);
}

TEST_F(lifetime, object_created_while_lingering_makes_host_active_again)
{
	long long before[NR_COUNTERS];
	__u64 handle, id;

	/*
	 * The second creation must come while the host lingers: a debug
	 * kernel under emulation may take longer than LINGER_SHORT to get
	 * there, and nothing here waits for linger_ms to pass.
	 */
	set_param(_metadata, LINGER_MS, 40 * LINGER_SHORT);
	start_host(_metadata, self, true);
	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(1), &id);
	ASSERT_OK(release_handle(self->client, handle));
	ASSERT_EQ(PMP_HOST_LINGER, host_state(_metadata, self->host));
	recv_release(_metadata, self->host, id, COOKIE(1));

	read_counters(_metadata, before);
	handle = create_answered(_metadata, self->host, self->client,
				 COOKIE(2), &id);
	ASSERT_EQ(PMP_HOST_ACTIVE, host_state(_metadata, self->host));
	/* An active host never exits, whatever the time. */
	ASSERT_EQ(0, poll_hup(self->host, 3 * LINGER_SHORT));
	ASSERT_EQ(PMP_HOST_ACTIVE, host_state(_metadata, self->host));

	ASSERT_OK(release_handle(self->client, handle));
	ASSERT_EQ(PMP_HOST_LINGER, host_state(_metadata, self->host));
	ASSERT_OK(ioctl(self->client, PMP_IOC_UNLOCK, 0UL));
	ASSERT_EQ(PMP_HOST_EXIT, host_state(_metadata, self->host));
	ASSERT_COUNTERS(before, [OBJECTS_CREATED] = 1, [OBJECTS_RELEASED] = 1,
			[LOCKS_HELD] = -1, [UNLOCK_CALLS] = 1,
			[HOSTS_EXITED] = 1);
}

TEST_F(lifetime, unused_host_without_locks_exits_after_linger_ms)
{
	long long before[NR_COUNTERS];
	struct pmp_recv r;

	self->host = new_nonblock_host(_metadata, &self->host_id);
	read_counters(_metadata, before);
	ASSERT_EQ(0, poll_hup(self->host, LINGER_SHORT / 2))
		TH_LOG("the host exited before linger_ms passed");
	ASSERT_EQ(POLLHUP, poll_hup(self->host, 20 * LINGER_SHORT))
		TH_LOG("the unused host did not exit after linger_ms");
	ASSERT_EQ(PMP_HOST_EXIT, host_state(_metadata, self->host));
	ASSERT_ERRNO(ESHUTDOWN, recv_into(self->host, &r, NULL, 0, NULL, 0));
	ASSERT_COUNTERS(before, [HOSTS_EXITED] = 1);
}

TEST_F(lifetime, unused_locked_host_lingers_then_exits)
{
	long long before[NR_COUNTERS];
	int state = PMP_HOST_STARTING, ms;

	start_host(_metadata, self, true);
	read_counters(_metadata, before);
	for (ms = 0; ms < 20 * LINGER_SHORT; ms++) {
		state = host_state(_metadata, self->host);
		if (state != PMP_HOST_STARTING)
			break;
		sleep_ms(1);
	}
	ASSERT_EQ(PMP_HOST_LINGER, state);
	ASSERT_EQ(POLLHUP, poll_hup(self->host, 20 * LINGER_SHORT))
		TH_LOG("the lingering host did not exit after linger_ms");
	ASSERT_EQ(PMP_HOST_EXIT, host_state(_metadata, self->host));
	ASSERT_COUNTERS(before, [HOSTS_EXITED] = 1);
}

TEST_F(lifetime, failed_creation_before_any_object_leaves_host_starting)
{
	struct pmp_recv r;
	struct async *a;

	/* Not about the timer: keep the host from getting ready meanwhile. */
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	start_host(_metadata, self, false);
	a = async_create(_metadata, self->client, clsid_object, 0);
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	ASSERT_EQ(PMP_HOST_ACTIVE, host_state(_metadata, self->host));
	ASSERT_OK(reply_status(self->host, r.txn, E_NOINTERFACE));
	async_done(_metadata, a);
	ASSERT_EQ(PMP_HOST_STARTING, host_state(_metadata, self->host));
	ASSERT_EQ(0, poll_hup(self->host, 0));
}

TEST_F(lifetime, creation_in_flight_keeps_host_from_exiting)
{
	long long before[NR_COUNTERS];
	struct pmp_recv r;
	struct async *a;

	/* The lock only keeps the host from exiting before it has the work. */
	start_host(_metadata, self, true);
	a = async_create(_metadata, self->client, clsid_object, 0);
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	ASSERT_OK(ioctl(self->client, PMP_IOC_UNLOCK, 0UL));
	read_counters(_metadata, before);
	/* linger_ms passes while the host creates. */
	ASSERT_EQ(0, poll_hup(self->host, 3 * LINGER_SHORT));
	ASSERT_EQ(PMP_HOST_ACTIVE, host_state(_metadata, self->host));

	/* It failed, and no object came within linger_ms: ready, no locks. */
	ASSERT_OK(reply_status(self->host, r.txn, E_FAIL));
	async_done(_metadata, a);
	ASSERT_EQ(E_FAIL, a->arg.create.status);
	ASSERT_EQ(PMP_HOST_EXIT, host_state(_metadata, self->host));
	ASSERT_COUNTERS(before, [TRANSACTIONS_PENDING] = -1,
			[HOSTS_EXITED] = 1);
}

/* ---- signals while a client waits -------------------------------------- */

static volatile sig_atomic_t sigusr1_handled;

static void count_sigusr1(int sig)
{
	(void)sig;
	sigusr1_handled++;
}

/* Whether @sig is pending for thread @tid of this process. */
static bool signal_pending_for(pid_t tid, int sig)
{
	char path[64], line[256];
	unsigned long long mask = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/task/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "SigPnd:", 7))
			mask = strtoull(line + 7, NULL, 16);
	fclose(f);
	return mask & (1ULL << (sig - 1));
}

FIXTURE(signal) {
	int host;
	__u64 host_id;
	int client;
	__u64 handle;
	__u64 id;
};

FIXTURE_VARIANT(signal) {
	bool call;		/* a CALL, else a CREATE_OBJECT */
	int sa_flags;
};

FIXTURE_VARIANT_ADD(signal, create_with_sa_restart) {
	.call = false,
	.sa_flags = SA_RESTART,
};

FIXTURE_VARIANT_ADD(signal, create_without_sa_restart) {
	.call = false,
	.sa_flags = 0,
};

FIXTURE_VARIANT_ADD(signal, call_with_sa_restart) {
	.call = true,
	.sa_flags = SA_RESTART,
};

FIXTURE_VARIANT_ADD(signal, call_without_sa_restart) {
	.call = true,
	.sa_flags = 0,
};

FIXTURE_SETUP(signal)
{
	struct sigaction sa = { .sa_handler = count_sigusr1 };

	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	self->host = new_nonblock_host(_metadata, &self->host_id);
	self->client = new_client(_metadata, self->host_id);
	ASSERT_OK(ioctl(self->client, PMP_IOC_LOCK, 0UL));
	if (variant->call)
		self->handle = create_answered(_metadata, self->host,
					       self->client, COOKIE(1),
					       &self->id);
	sa.sa_flags = variant->sa_flags;
	sigemptyset(&sa.sa_mask);
	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	sigusr1_handled = 0;
}

FIXTURE_TEARDOWN(signal)
{
	env_teardown_threads(_metadata);
}

static struct async *start_signalled(struct __test_metadata *_metadata,
				     FIXTURE_DATA(signal) *self,
				     const FIXTURE_VARIANT(signal) *variant)
{
	struct pmp_call call;

	if (!variant->call)
		return async_create(_metadata, self->client, clsid_object, 0);
	init_call(&call, self->handle, METHOD_OTHER);
	return async_call(_metadata, self->client, &call);
}

/* Sends SIGUSR1 to the waiting thread and checks it stays pending. */
static void signal_waiter(struct __test_metadata *_metadata, struct async *a)
{
	pid_t tid = __atomic_load_n(&a->tid, __ATOMIC_ACQUIRE);
	int ms;

	ASSERT_EQ(0, pthread_kill(a->thread, SIGUSR1));
	for (ms = 0; ms < WAIT_MS && !signal_pending_for(tid, SIGUSR1); ms++)
		sleep_ms(1);
	ASSERT_TRUE(signal_pending_for(tid, SIGUSR1))
		TH_LOG("SIGUSR1 is not pending for the waiting thread");
	ASSERT_EQ(0, sigusr1_handled);
	ASSERT_EQ(EBUSY, pthread_tryjoin_np(a->thread, NULL));
}

static __u32 signalled_work(const FIXTURE_VARIANT(signal) *variant)
{
	return variant->call ? PMP_WORK_CALL : PMP_WORK_CREATE;
}

/*
 * Answers the CREATE or CALL received in @r, then checks that the command
 * returned the answer, that the handler ran once after it, and that the
 * host saw the command exactly once.
 */
static void finish_signalled(struct __test_metadata *_metadata,
			     FIXTURE_DATA(signal) *self,
			     const FIXTURE_VARIANT(signal) *variant,
			     struct async *a, const struct pmp_recv *r,
			     const long long *before)
{
	struct pmp_reply rp;

	if (variant->call) {
		ASSERT_OK(reply_status(self->host, r->txn, S_FALSE));
	} else {
		ASSERT_OK(reply_object(self->host, r->txn, COOKIE(2), &rp));
	}
	async_done(_metadata, a);
	ASSERT_EQ(1, sigusr1_handled);
	if (variant->call) {
		ASSERT_EQ(S_FALSE, a->arg.call.status);
		ASSERT_COUNTERS(before, [CALLS] = 1);
	} else {
		ASSERT_EQ(S_OK, a->arg.create.status);
		ASSERT_EQ(rp.object_id, a->arg.create.object_id);
		ASSERT_COUNTERS(before, [OBJECTS] = 1, [OBJECTS_CREATED] = 1);
	}
	assert_no_work(_metadata, self->host);
}

TEST_F(signal, signal_while_queued_neither_interrupts_nor_repeats)
{
	long long before[NR_COUNTERS];
	struct pmp_recv r;
	struct async *a;

	read_counters(_metadata, before);
	a = start_signalled(_metadata, self, variant);
	wait_for_work(_metadata, self->host);
	signal_waiter(_metadata, a);
	recv_work(_metadata, self->host, signalled_work(variant), &r, NULL, 0,
		  NULL, 0);
	finish_signalled(_metadata, self, variant, a, &r, before);
}

TEST_F(signal, signal_while_host_works_neither_interrupts_nor_repeats)
{
	long long before[NR_COUNTERS];
	struct pmp_recv r;
	struct async *a;

	read_counters(_metadata, before);
	a = start_signalled(_metadata, self, variant);
	recv_work(_metadata, self->host, signalled_work(variant), &r, NULL, 0,
		  NULL, 0);
	signal_waiter(_metadata, a);
	finish_signalled(_metadata, self, variant, a, &r, before);
}

/* ---- a client dies ----------------------------------------------------- */

/* In a child: closes every descriptor from 3 up but @keep. */
static void close_fds_except(int keep)
{
	if (keep > 3)
		close_range(3, keep - 1, 0);
	close_range(keep + 1, ~0U, 0);
}

enum death_point {
	WHILE_QUEUED,		/* before the host receives the transaction */
	WHILE_RECEIVED,		/* after it received it, before it answers */
	AFTER_ANSWER,		/* nothing in flight any more */
};

/* What the dying client reports. */
struct client_report {
	int ret;
	int err;
	__u64 handle;		/* of the object a CALL goes to */
	__s32 status;
	__u64 result_handle;	/* of the object a CREATE made */
};

/*
 * A child client: creates the object to call if @call, reports, issues its
 * CREATE_OBJECT or CALL, reports its outcome and waits to be killed.
 */
static int dying_client(__u64 host_id, bool call, int up)
{
	struct client_report rep = { 0 };
	struct pmp_create c;
	struct pmp_call cl;
	int fd;

	fd = pmp_open();
	if (fd < 0 || connect_host(fd, host_id))
		return 10;
	if (call) {
		if (create_object(fd, &c) || c.status != S_OK)
			return 11;
		rep.handle = c.handle;
	}
	if (write_full(up, &rep, sizeof(rep)))
		return 12;
	if (call) {
		rep.ret = call_method(fd, rep.handle, METHOD_OTHER, &cl);
		rep.status = cl.status;
	} else {
		rep.ret = create_object(fd, &c);
		rep.status = c.status;
		rep.result_handle = c.handle;
	}
	rep.err = rep.ret ? errno : 0;
	if (write_full(up, &rep, sizeof(rep)))
		return 13;
	for (;;)
		pause();
}

FIXTURE(client_death) {
	int host;
	__u64 host_id;
	int keeper;		/* a client holding a lock on the host */
	int up[2];
	pid_t pid;
};

FIXTURE_VARIANT(client_death) {
	bool call;
	enum death_point when;
};

FIXTURE_VARIANT_ADD(client_death, create_queued) {
	.call = false,
	.when = WHILE_QUEUED,
};

FIXTURE_VARIANT_ADD(client_death, create_received) {
	.call = false,
	.when = WHILE_RECEIVED,
};

FIXTURE_VARIANT_ADD(client_death, create_answered) {
	.call = false,
	.when = AFTER_ANSWER,
};

FIXTURE_VARIANT_ADD(client_death, call_queued) {
	.call = true,
	.when = WHILE_QUEUED,
};

FIXTURE_VARIANT_ADD(client_death, call_received) {
	.call = true,
	.when = WHILE_RECEIVED,
};

FIXTURE_VARIANT_ADD(client_death, call_answered) {
	.call = true,
	.when = AFTER_ANSWER,
};

FIXTURE_SETUP(client_death)
{
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	self->host = new_nonblock_host(_metadata, &self->host_id);
	self->keeper = new_client(_metadata, self->host_id);
	ASSERT_OK(ioctl(self->keeper, PMP_IOC_LOCK, 0UL));
	ASSERT_EQ(0, pipe2(self->up, O_CLOEXEC));
}

FIXTURE_TEARDOWN(client_death)
{
	env_teardown_threads(_metadata);
}

TEST_F(client_death, killed_client_leaves_nothing_behind)
{
	__u32 type = variant->call ? PMP_WORK_CALL : PMP_WORK_CREATE;
	long long before[NR_COUNTERS], objects;
	struct client_report rep;
	struct pmp_reply rp;
	struct pmp_recv r, first;
	__u64 id = 0, made = 0;
	__u32 client_id = 0;

	read_counters(_metadata, before);
	self->pid = spawn(_metadata);
	if (self->pid == 0) {
		close_fds_except(self->up[1]);
		_exit(dying_client(self->host_id, variant->call,
				   self->up[1]));
	}
	close(self->up[1]);
	if (variant->call) {
		recv_work(_metadata, self->host, PMP_WORK_CREATE, &first, NULL,
			  0, NULL, 0);
		ASSERT_EQ(self->pid, (pid_t)first.client_pid);
		client_id = first.client_id;
		ASSERT_OK(reply_object(self->host, first.txn, COOKIE(1), &rp));
		id = rp.object_id;
	}
	ASSERT_EQ(0, read_full(self->up[0], &rep, sizeof(rep)))
		TH_LOG("the client died before it was ready");

	switch (variant->when) {
	case WHILE_QUEUED:
		wait_for_work(_metadata, self->host);
		break;
	case WHILE_RECEIVED:
		recv_work(_metadata, self->host, type, &r, NULL, 0, NULL, 0);
		ASSERT_EQ(self->pid, (pid_t)r.client_pid);
		client_id = r.client_id;
		break;
	case AFTER_ANSWER:
		recv_work(_metadata, self->host, type, &r, NULL, 0, NULL, 0);
		client_id = r.client_id;
		if (variant->call) {
			ASSERT_OK(reply_status(self->host, r.txn, S_FALSE));
		} else {
			ASSERT_OK(reply_object(self->host, r.txn, COOKIE(2),
					       &rp));
			made = rp.object_id;
		}
		ASSERT_EQ(0, read_full(self->up[0], &rep, sizeof(rep)));
		ASSERT_EQ(0, rep.ret)
			TH_LOG("the client's command failed: %s",
			       errno_name(rep.err));
		ASSERT_EQ(variant->call ? S_FALSE : S_OK, rep.status);
		break;
	}

	ASSERT_EQ(0, kill(self->pid, SIGKILL));
	ASSERT_EQ(128 + SIGKILL, reap(self->pid));

	if (variant->when == WHILE_RECEIVED) {
		/* The host still holds the transaction until it answers. */
		ASSERT_EQ(1U, info_of(_metadata, self->host).pending);
		if (variant->call) {
			ASSERT_ERRNO(ECANCELED, reply_status(self->host, r.txn,
							     S_OK));
		} else {
			ASSERT_ERRNO(ECANCELED,
				     reply_object(self->host, r.txn,
						  COOKIE(2), &rp));
		}
		ASSERT_EQ(0U, info_of(_metadata, self->host).pending);
	}

	/*
	 * Only the release of its objects, then word that it has gone; but
	 * the object of a call the host was serving is released when the
	 * host answers, after that word.
	 */
	if (variant->call && variant->when == WHILE_RECEIVED) {
		recv_client_gone(_metadata, self->host, client_id);
		recv_release(_metadata, self->host, id, COOKIE(1));
	} else {
		if (id)
			recv_release(_metadata, self->host, id, COOKIE(1));
		if (made)
			recv_release(_metadata, self->host, made, COOKIE(2));
		recv_client_gone(_metadata, self->host, client_id);
	}
	assert_no_work(_metadata, self->host);

	objects = (variant->call || made) ? 1 : 0;
	ASSERT_COUNTERS(before, [OBJECTS_CREATED] = objects,
			[OBJECTS_RELEASED] = objects,
			[CALLS] = variant->call ? 1 : 0,
			[TRANSACTIONS_CANCELLED] =
				variant->when == AFTER_ANSWER ? 0 : 1,
			[REPLIES_DISCARDED] =
				variant->when == WHILE_RECEIVED ? 1 : 0);
	ASSERT_EQ(1U, info_of(_metadata, self->host).clients);
	ASSERT_EQ(0U, info_of(_metadata, self->host).objects);
}

/* ---- the host dies ----------------------------------------------------- */

/* The call the child host receives and then sits on. */
#define METHOD_HOLD		0x40

/*
 * A child host: answers CREATE_OBJECT with a new object and CALL with
 * S_OK, until a call of METHOD_HOLD, which it reports on @up and never
 * answers.  It then stops receiving; if @close_fd, it closes its endpoint
 * once @down reads a byte, and reports that.  Then it waits to be killed.
 */
static int dying_host(int up, int down, bool close_fd)
{
	struct pmp_host_register reg;
	__u64 cookie = COOKIE(0x100);
	struct pmp_reply rp;
	struct pmp_recv r;
	char c;
	int fd;

	fd = pmp_open();
	if (fd < 0 || host_register(fd, PMP_HOST_UNPROTECTED, &reg))
		return 10;
	if (write_full(up, &reg.host_id, sizeof(reg.host_id)))
		return 11;
	for (;;) {
		if (recv_into(fd, &r, NULL, 0, NULL, 0))
			return 12;
		if (r.type == PMP_WORK_CREATE) {
			if (reply_object(fd, r.txn, ++cookie, &rp))
				return 13;
		} else if (r.type == PMP_WORK_CALL) {
			if (r.method == METHOD_HOLD)
				break;
			if (reply_status(fd, r.txn, S_OK))
				return 14;
		}
	}
	if (write_full(up, &r.txn, sizeof(r.txn)))
		return 15;
	if (close_fd) {
		if (read_full(down, &c, 1))
			return 16;
		close(fd);
		if (write_full(up, &c, 1))
			return 17;
	}
	for (;;)
		pause();
}

#define DEATH_CLIENTS	3

FIXTURE(host_death) {
	__u64 host_id;
	pid_t pid;
	int up[2];
	int down[2];
	int clients[DEATH_CLIENTS];
	__u64 handles[2];
};

FIXTURE_VARIANT(host_death) {
	bool close_fd;		/* the host closes its endpoint, else dies */
};

FIXTURE_VARIANT_ADD(host_death, host_killed) {
	.close_fd = false,
};

FIXTURE_VARIANT_ADD(host_death, host_closes_its_endpoint) {
	.close_fd = true,
};

FIXTURE_SETUP(host_death)
{
	struct pmp_create c;
	int i;

	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	ASSERT_EQ(0, pipe2(self->up, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(self->down, O_CLOEXEC));
	self->pid = spawn(_metadata);
	if (self->pid == 0) {
		close(self->up[0]);
		close(self->down[1]);
		_exit(dying_host(self->up[1], self->down[0],
				 variant->close_fd));
	}
	close(self->up[1]);
	close(self->down[0]);
	ASSERT_EQ(0, read_full(self->up[0], &self->host_id,
			       sizeof(self->host_id)))
		TH_LOG("the host died before it registered");
	for (i = 0; i < DEATH_CLIENTS; i++)
		self->clients[i] = new_client(_metadata, self->host_id);
	for (i = 0; i < 2; i++) {
		ASSERT_OK(create_object(self->clients[i], &c));
		ASSERT_EQ(S_OK, c.status);
		self->handles[i] = c.handle;
	}
}

FIXTURE_TEARDOWN(host_death)
{
	env_teardown_threads(_metadata);
}

/* Waits until the host holds @n transactions. */
static void wait_pending(struct __test_metadata *_metadata, int client,
			 __u32 n)
{
	__u32 pending = 0;
	int ms;

	for (ms = 0; ms < WAIT_MS; ms++) {
		pending = info_of(_metadata, client).pending;
		if (pending == n)
			return;
		sleep_ms(1);
	}
	ASSERT_EQ(n, pending);
}

/* Ends the host the variant's way: it closes its endpoint, or is killed. */
static void end_host(struct __test_metadata *_metadata,
		     FIXTURE_DATA(host_death) *self,
		     const FIXTURE_VARIANT(host_death) *variant)
{
	char go = 'c';

	if (variant->close_fd) {
		ASSERT_EQ(1, write(self->down[1], &go, 1));
		ASSERT_EQ(0, read_full(self->up[0], &go, 1));
	} else {
		ASSERT_EQ(0, kill(self->pid, SIGKILL));
		ASSERT_EQ(128 + SIGKILL, reap(self->pid));
	}
}

TEST_F(host_death, waiting_clients_get_eshutdown_and_handles_stay_releasable)
{
	long long before[NR_COUNTERS];
	struct async *held, *queued, *creating;
	struct pmp_create c;
	struct pmp_call call;
	struct pmp_info info;
	__u64 txn;
	int i, fd;

	read_counters(_metadata, before);
	init_call(&call, self->handles[0], METHOD_HOLD);
	held = async_call(_metadata, self->clients[0], &call);
	ASSERT_EQ(0, read_full(self->up[0], &txn, sizeof(txn)));
	init_call(&call, self->handles[1], METHOD_HOLD);
	queued = async_call(_metadata, self->clients[1], &call);
	wait_pending(_metadata, self->clients[2], 2);
	creating = async_create(_metadata, self->clients[2], clsid_object, 0);
	wait_pending(_metadata, self->clients[2], 3);

	end_host(_metadata, self, variant);
	async_failed(_metadata, held, ESHUTDOWN);
	async_failed(_metadata, queued, ESHUTDOWN);
	async_failed(_metadata, creating, ESHUTDOWN);
	ASSERT_COUNTERS(before, [HOSTS] = -1, [CALLS] = 2);

	for (i = 0; i < DEATH_CLIENTS; i++) {
		fd = self->clients[i];
		ASSERT_EQ(POLLHUP, poll_fd(fd, 0) & POLLHUP);
		ASSERT_ERRNO(ESHUTDOWN, get_info(fd, &info));
		ASSERT_ERRNO(ESHUTDOWN, ioctl(fd, PMP_IOC_LOCK, 0UL));
		ASSERT_ERRNO(ESHUTDOWN, create_object(fd, &c));
	}
	ASSERT_ERRNO(ESHUTDOWN, call_method(self->clients[0],
					    self->handles[0], METHOD_ECHO,
					    &call));
	ASSERT_COUNTERS(before, [HOSTS] = -1, [CALLS] = 2);

	/* Handles outlive the host, until released. */
	for (i = 0; i < 2; i++) {
		ASSERT_OK(release_handle(self->clients[i], self->handles[i]));
		ASSERT_ERRNO(ENOENT, release_handle(self->clients[i],
						    self->handles[i]));
	}
	ASSERT_COUNTERS(before, [HOSTS] = -1, [CALLS] = 2, [OBJECTS] = -2,
			[OBJECTS_RELEASED] = 2);
	fd = pmp_open();
	ASSERT_LE(0, fd);
	ASSERT_ERRNO(ECONNREFUSED, connect_host(fd, self->host_id));
}

TEST_F(host_death, closing_clients_afterwards_brings_counters_back)
{
	long long before[NR_COUNTERS];
	struct pmp_call call;
	struct async *held;
	__u64 txn;
	int i;

	init_call(&call, self->handles[0], METHOD_HOLD);
	held = async_call(_metadata, self->clients[0], &call);
	ASSERT_EQ(0, read_full(self->up[0], &txn, sizeof(txn)));
	read_counters(_metadata, before);
	end_host(_metadata, self, variant);
	async_failed(_metadata, held, ESHUTDOWN);
	for (i = 0; i < DEATH_CLIENTS; i++)
		ASSERT_EQ(0, close(self->clients[i]));
	ASSERT_COUNTERS(before, [HOSTS] = -1, [CLIENTS] = -DEATH_CLIENTS,
			[OBJECTS] = -2, [OBJECTS_RELEASED] = 2,
			[TRANSACTIONS_PENDING] = -1);
	for (i = 0; i < NR_LIVE_COUNTERS; i++) {
		ASSERT_EQ(start_counters[i], counter_now(_metadata, i))
			TH_LOG("%s is not back at its start",
			       counter_names[i]);
	}
}

/* ---- payload sizes ----------------------------------------------------- */

FIXTURE(payload) {
	int host;
	__u64 host_id;
	int client;
	__u64 handle;
	__u32 limit;		/* max_payload */
	__u32 size;		/* the size under test */
	char *in;		/* limit + 1 bytes each */
	char *out;
	char *buf;
};

FIXTURE_VARIANT(payload) {
	long long max_payload;	/* to set; 0: leave it */
	long long size;		/* -1: max_payload */
};

FIXTURE_VARIANT_ADD(payload, empty) {
	.max_payload = 0,
	.size = 0,
};

FIXTURE_VARIANT_ADD(payload, one_byte) {
	.max_payload = 0,
	.size = 1,
};

FIXTURE_VARIANT_ADD(payload, max_payload) {
	.max_payload = 0,
	.size = -1,
};

FIXTURE_VARIANT_ADD(payload, lowered_max_payload) {
	.max_payload = 100,
	.size = -1,
};

FIXTURE_VARIANT_ADD(payload, raised_max_payload) {
	.max_payload = 1 << 20,
	.size = -1,
};

FIXTURE_SETUP(payload)
{
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	if (variant->max_payload)
		set_param(_metadata, MAX_PAYLOAD, variant->max_payload);
	self->limit = param_now(_metadata, MAX_PAYLOAD);
	self->size = variant->size < 0 ? self->limit : variant->size;
	ASSERT_GE(self->limit, self->size);
	self->in = xmalloc(_metadata, self->limit + 1);
	self->out = xmalloc(_metadata, self->limit + 1);
	self->buf = xmalloc(_metadata, self->limit + 1);
	self->host = new_nonblock_host(_metadata, &self->host_id);
	self->client = new_client(_metadata, self->host_id);
	ASSERT_OK(ioctl(self->client, PMP_IOC_LOCK, 0UL));
	self->handle = create_answered(_metadata, self->host, self->client,
				       COOKIE(1), NULL);
}

FIXTURE_TEARDOWN(payload)
{
	env_teardown_threads(_metadata);
}

TEST_F(payload, call_payload_reaches_host_byte_for_byte)
{
	struct pmp_call call;
	struct pmp_recv r;
	struct async *a;

	fill_pattern(self->in, self->size, 3);
	memset(self->buf, 0, self->limit + 1);
	init_call(&call, self->handle, METHOD_ECHO);
	call.in_ptr = ptr(self->in);
	call.in_size = self->size;
	a = async_call(_metadata, self->client, &call);
	/* A buffer of exactly the payload's size is enough. */
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, self->buf,
		  self->size, NULL, 0);
	ASSERT_EQ(self->size, r.buf_size);
	ASSERT_EQ(-1, pattern_mismatch(self->buf, self->size, 3))
		TH_LOG("byte %zd differs",
		       pattern_mismatch(self->buf, self->size, 3));
	ASSERT_OK(reply_status(self->host, r.txn, S_OK));
	async_done(_metadata, a);
	ASSERT_EQ(0U, a->arg.call.out_size);
}

TEST_F(payload, reply_payload_reaches_client_byte_for_byte)
{
	struct pmp_call call;
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;

	memset(self->out, 0x5a, self->limit + 1);
	init_call(&call, self->handle, METHOD_ECHO);
	call.out_ptr = ptr(self->out);
	call.out_size = self->size;
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	ASSERT_EQ(0U, r.buf_size);
	fill_pattern(self->buf, self->size, 5);
	rp = (struct pmp_reply){ .txn = r.txn, .buf_ptr = ptr(self->buf),
				 .buf_size = self->size };
	ASSERT_OK(ioctl(self->host, PMP_IOC_REPLY, &rp));
	async_done(_metadata, a);
	ASSERT_EQ(self->size, a->arg.call.out_size);
	ASSERT_EQ(-1, pattern_mismatch(self->out, self->size, 5))
		TH_LOG("byte %zd differs",
		       pattern_mismatch(self->out, self->size, 5));
	/* Nothing beyond it is written. */
	ASSERT_EQ(0x5a, self->out[self->size]);
}

TEST_F(payload, one_byte_over_max_payload_fails_emsgsize)
{
	long long before[NR_COUNTERS];
	struct pmp_call call;
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;

	read_counters(_metadata, before);
	init_call(&call, self->handle, METHOD_ECHO);
	call.in_ptr = ptr(self->in);
	call.in_size = self->limit + 1;
	ASSERT_ERRNO(EMSGSIZE, ioctl(self->client, PMP_IOC_CALL, &call));
	init_call(&call, self->handle, METHOD_ECHO);
	call.out_ptr = ptr(self->out);
	call.out_size = self->limit + 1;
	ASSERT_ERRNO(EMSGSIZE, ioctl(self->client, PMP_IOC_CALL, &call));
	ASSERT_COUNTERS(before);
	assert_no_work(_metadata, self->host);

	/* A reply over max_payload, even to a client that could take it. */
	init_call(&call, self->handle, METHOD_ECHO);
	call.out_ptr = ptr(self->out);
	call.out_size = self->limit;
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	fill_pattern(self->buf, self->limit + 1, 9);
	rp = (struct pmp_reply){ .txn = r.txn, .buf_ptr = ptr(self->buf),
				 .buf_size = self->limit + 1 };
	ASSERT_ERRNO(EMSGSIZE, ioctl(self->host, PMP_IOC_REPLY, &rp));
	rp.buf_size = self->limit;
	ASSERT_OK(ioctl(self->host, PMP_IOC_REPLY, &rp));
	async_done(_metadata, a);
	ASSERT_EQ(self->limit, a->arg.call.out_size);
	ASSERT_EQ(-1, pattern_mismatch(self->out, self->limit, 9));
	ASSERT_COUNTERS(before, [CALLS] = 1);
}

/* ---- descriptors that may not be sent ---------------------------------- */

enum fd_kind {
	FD_REGULAR_FILE,
	FD_TMPFS_FILE,
	FD_PIPE,
	FD_UNSEALED_MEMFD,
	FD_MEMFD_SEALED_AGAINST_GROWTH,
	FD_NOT_OPEN,
	FD_NEGATIVE,
};

FIXTURE(bad_fd) {
	int host;
	__u64 host_id;
	int client;
	__u64 handle;
	__s32 fds[2];		/* a good one, then the one under test */
};

FIXTURE_VARIANT(bad_fd) {
	enum fd_kind kind;
	int err;
};

FIXTURE_VARIANT_ADD(bad_fd, regular_file) {
	.kind = FD_REGULAR_FILE,
	.err = EPERM,
};

FIXTURE_VARIANT_ADD(bad_fd, tmpfs_file) {
	.kind = FD_TMPFS_FILE,
	.err = EPERM,
};

FIXTURE_VARIANT_ADD(bad_fd, pipe) {
	.kind = FD_PIPE,
	.err = EPERM,
};

FIXTURE_VARIANT_ADD(bad_fd, unsealed_memfd) {
	.kind = FD_UNSEALED_MEMFD,
	.err = EPERM,
};

FIXTURE_VARIANT_ADD(bad_fd, memfd_sealed_against_growth_only) {
	.kind = FD_MEMFD_SEALED_AGAINST_GROWTH,
	.err = EPERM,
};

FIXTURE_VARIANT_ADD(bad_fd, descriptor_not_open) {
	.kind = FD_NOT_OPEN,
	.err = EBADF,
};

FIXTURE_VARIANT_ADD(bad_fd, negative_descriptor) {
	.kind = FD_NEGATIVE,
	.err = EBADF,
};

FIXTURE_SETUP(bad_fd)
{
	int p[2];

	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	self->host = new_nonblock_host(_metadata, &self->host_id);
	self->client = new_client(_metadata, self->host_id);
	ASSERT_OK(ioctl(self->client, PMP_IOC_LOCK, 0UL));
	self->handle = create_answered(_metadata, self->host, self->client,
				       COOKIE(1), NULL);
	self->fds[0] = sealed_memfd(_metadata, "good");
	switch (variant->kind) {
	case FD_REGULAR_FILE:
		self->fds[1] = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
		break;
	case FD_TMPFS_FILE:
		self->fds[1] = open("/dev/shm", O_TMPFILE | O_RDWR | O_CLOEXEC,
				    0600);
		break;
	case FD_PIPE:
		ASSERT_EQ(0, pipe2(p, O_CLOEXEC));
		self->fds[1] = p[0];
		break;
	case FD_UNSEALED_MEMFD:
		self->fds[1] = new_memfd(_metadata, "bad", 0);
		break;
	case FD_MEMFD_SEALED_AGAINST_GROWTH:
		self->fds[1] = new_memfd(_metadata, "bad", F_SEAL_GROW);
		break;
	case FD_NOT_OPEN:
		self->fds[1] = lowest_free_fd(_metadata);
		break;
	case FD_NEGATIVE:
		self->fds[1] = -1;
		break;
	}
	if (variant->err == EPERM) {
		ASSERT_LE(0, self->fds[1])
			TH_LOG("cannot open the descriptor: %s",
			       strerror(errno));
	}
}

FIXTURE_TEARDOWN(bad_fd)
{
	env_teardown_threads(_metadata);
}

TEST_F(bad_fd, call_sending_it_fails)
{
	long long before[NR_COUNTERS];
	struct pmp_call call;

	read_counters(_metadata, before);
	init_call(&call, self->handle, METHOD_ECHO);
	call.in_fds = ptr(self->fds);
	call.in_nfds = 2;
	ASSERT_ERRNO(variant->err, ioctl(self->client, PMP_IOC_CALL, &call));
	call.in_fds = ptr(&self->fds[1]);
	call.in_nfds = 1;
	ASSERT_ERRNO(variant->err, ioctl(self->client, PMP_IOC_CALL, &call));
	ASSERT_COUNTERS(before);
	assert_no_work(_metadata, self->host);
}

TEST_F(bad_fd, reply_sending_it_fails_and_call_stays_answerable)
{
	long long before[NR_COUNTERS];
	__s32 out_fds[2] = { -1, -1 };
	struct pmp_call call;
	struct pmp_reply rp;
	struct pmp_recv r;
	struct async *a;
	int free_fd;

	init_call(&call, self->handle, METHOD_ECHO);
	call.out_fds = ptr(out_fds);
	call.out_nfds = 2;
	a = async_call(_metadata, self->client, &call);
	recv_work(_metadata, self->host, PMP_WORK_CALL, &r, NULL, 0, NULL, 0);
	read_counters(_metadata, before);
	free_fd = lowest_free_fd(_metadata);
	rp = (struct pmp_reply){ .txn = r.txn, .fds_ptr = ptr(self->fds),
				 .nfds = 2 };
	ASSERT_ERRNO(variant->err, ioctl(self->host, PMP_IOC_REPLY, &rp));
	ASSERT_COUNTERS(before);
	ASSERT_EQ(free_fd, lowest_free_fd(_metadata));

	rp.nfds = 1;
	ASSERT_OK(ioctl(self->host, PMP_IOC_REPLY, &rp));
	async_done(_metadata, a);
	ASSERT_EQ(1U, a->arg.call.out_nfds);
	assert_same_file(_metadata, out_fds[0], self->fds[0], "good");
	ASSERT_EQ(-1, out_fds[1]);
}

/* ---- many clients and host threads at once ----------------------------- */

#define STRESS_THREADS	4
#define STRESS_ROUNDS	2000
#define STRESS_SERVERS	3
/* Every STRESS_FAILING-th round asks for a class the host cannot make. */
#define STRESS_FAILING	8

/*
 * One client thread's rounds: create an object, call it with a payload,
 * ask it for itself (a second handle to the same object), release both.
 */
struct stress_worker {
	pthread_t thread;
	int fd;
	unsigned int seed;
	unsigned long creates;		/* successful ones */
	unsigned long calls;
	int failed_round;		/* -1: none */
	char failure[128];
};

static bool stress_round(struct stress_worker *w, unsigned int round)
{
	struct pmp_call call;
	struct pmp_create c;
	char in[32], out[32];

	if (round % STRESS_FAILING == STRESS_FAILING - 1) {
		init_create(&c, clsid_failing, 0);
		if (ioctl(w->fd, PMP_IOC_CREATE_OBJECT, &c) ||
		    c.status != E_NOINTERFACE || c.handle || c.object_id) {
			snprintf(w->failure, sizeof(w->failure),
				 "failing CREATE_OBJECT: %s, status %#x",
				 errno_name(errno), (unsigned int)c.status);
			return false;
		}
		return true;
	}
	if (create_object(w->fd, &c) || c.status != S_OK || !c.handle ||
	    !c.object_id) {
		snprintf(w->failure, sizeof(w->failure),
			 "CREATE_OBJECT: %s, status %#x", errno_name(errno),
			 (unsigned int)c.status);
		return false;
	}
	w->creates++;

	fill_pattern(in, sizeof(in), w->seed + round);
	memset(out, 0, sizeof(out));
	init_call(&call, c.handle, METHOD_ECHO);
	call.in_ptr = ptr(in);
	call.in_size = sizeof(in);
	call.out_ptr = ptr(out);
	call.out_size = sizeof(out);
	if (ioctl(w->fd, PMP_IOC_CALL, &call) || call.status != S_OK ||
	    call.out_size != sizeof(out) || memcmp(in, out, sizeof(in))) {
		snprintf(w->failure, sizeof(w->failure),
			 "CALL: %s, status %#x, %u bytes back",
			 errno_name(errno), (unsigned int)call.status,
			 call.out_size);
		return false;
	}
	w->calls++;

	init_call(&call, c.handle, METHOD_SAME_OBJECT);
	call.flags = PMP_CALL_OBJECT_OUT;
	if (ioctl(w->fd, PMP_IOC_CALL, &call) || call.status != S_OK ||
	    !call.out_handle || call.out_handle == c.handle ||
	    call.out_object_id != c.object_id) {
		snprintf(w->failure, sizeof(w->failure),
			 "CALL for the same object: %s, object %llu",
			 errno_name(errno),
			 (unsigned long long)call.out_object_id);
		return false;
	}
	w->calls++;

	if (release_handle(w->fd, c.handle) ||
	    release_handle(w->fd, call.out_handle)) {
		snprintf(w->failure, sizeof(w->failure), "RELEASE: %s",
			 errno_name(errno));
		return false;
	}
	return true;
}

static void *stress_main(void *p)
{
	struct stress_worker *w = p;
	unsigned int round;

	w->failed_round = -1;
	for (round = 0; round < STRESS_ROUNDS; round++) {
		if (!stress_round(w, round)) {
			w->failed_round = round;
			break;
		}
	}
	return NULL;
}

FIXTURE(stress) {
	int host;
	__u64 host_id;
	int clients[STRESS_THREADS];
	struct stress_worker workers[STRESS_THREADS];
};

FIXTURE_VARIANT(stress) {
	int nr_clients;		/* endpoints the threads share */
};

FIXTURE_VARIANT_ADD(stress, client_per_thread) {
	.nr_clients = STRESS_THREADS,
};

FIXTURE_VARIANT_ADD(stress, one_client_for_all_threads) {
	.nr_clients = 1,
};

FIXTURE_SETUP(stress)
{
	int i;

	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	self->host = new_nonblock_host(_metadata, &self->host_id);
	for (i = 0; i < variant->nr_clients; i++)
		self->clients[i] = new_client(_metadata, self->host_id);
	ASSERT_OK(ioctl(self->clients[0], PMP_IOC_LOCK, 0UL));
}

FIXTURE_TEARDOWN(stress)
{
	env_teardown_threads(_metadata);
}

TEST_F_TIMEOUT(stress, every_transaction_and_object_is_counted_exactly, 900)
{
	const unsigned long failing = STRESS_ROUNDS / STRESS_FAILING;
	const unsigned long made = STRESS_THREADS * (STRESS_ROUNDS - failing);
	long long before[NR_COUNTERS];
	unsigned long creates = 0, calls = 0;
	struct server *s;
	int i;

	read_counters(_metadata, before);
	s = server_start(_metadata, self->host, STRESS_SERVERS);
	for (i = 0; i < STRESS_THREADS; i++) {
		self->workers[i].fd = self->clients[i % variant->nr_clients];
		self->workers[i].seed = i * 7919;
		ASSERT_EQ(0, pthread_create(&self->workers[i].thread, NULL,
					    stress_main, &self->workers[i]));
	}
	for (i = 0; i < STRESS_THREADS; i++) {
		ASSERT_EQ(0, pthread_join(self->workers[i].thread, NULL));
		ASSERT_EQ(-1, self->workers[i].failed_round)
			TH_LOG("thread %d, round %d: %s", i,
			       self->workers[i].failed_round,
			       self->workers[i].failure);
		creates += self->workers[i].creates;
		calls += self->workers[i].calls;
	}
	ASSERT_EQ(made, creates);
	ASSERT_EQ(2 * made, calls);
	server_wait(_metadata, &s->releases, made);
	server_finish(_metadata, s);
	ASSERT_EQ((unsigned long)STRESS_THREADS * STRESS_ROUNDS, s->creates);
	ASSERT_EQ(calls, s->calls);
	ASSERT_EQ(0UL, s->discarded);
	ASSERT_EQ(0UL, s->gones);
	ASSERT_COUNTERS(before, [OBJECTS_CREATED] = creates,
			[OBJECTS_RELEASED] = creates, [CALLS] = calls);
	assert_no_work(_metadata, self->host);
	for (i = 0; i < variant->nr_clients; i++)
		ASSERT_EQ(0U, info_of(_metadata, self->clients[i]).own_handles);
}

TEST_HARNESS_MAIN
