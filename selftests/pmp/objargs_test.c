// SPDX-License-Identifier: GPL-2.0
/*
 * objargs_test - kselftests for objects passed as call arguments (ABI 4)
 *
 * A client passes objects it holds into a call as its own handles
 * (&pmp_call.in_handles); the host receives each as its own object, by
 * object id and cookie (&struct pmp_recv_obj).  A handle that is not the
 * caller's is refused, and the kernel keeps every passed object until the
 * host has answered, as it keeps the object called.
 *
 * Without /dev/pmp every test is skipped.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "pmp_helpers.h"
#include "txn_helpers.h"

FIXTURE(objargs) {
	int host;
	__u64 host_id;
	int client;
	__u64 a, b;		/* handles of objects A and B */
	__u64 a_id, b_id;	/* their object ids */
};

FIXTURE_SETUP(objargs)
{
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	self->host = new_nonblock_host(_metadata, &self->host_id);
	self->client = new_client(_metadata, self->host_id);
	ASSERT_OK(ioctl(self->client, PMP_IOC_LOCK, 0UL));
	self->a = create_answered(_metadata, self->host, self->client,
				  COOKIE(1), &self->a_id);
	self->b = create_answered(_metadata, self->host, self->client,
				  COOKIE(2), &self->b_id);
}

FIXTURE_TEARDOWN(objargs)
{
	env_teardown_threads(_metadata);
}

/* A call of @handle's METHOD_OTHER passing @n handles at @in. */
static void init_objargs_call(struct pmp_call *call, __u64 handle,
			      const __u64 *in, __u32 n)
{
	init_call(call, handle, METHOD_OTHER);
	call->in_handles = ptr(in);
	call->in_nhandles = n;
}

/* RECV with room for @cap objects at @objs. */
static int recv_objs(int host, struct pmp_recv *r, struct pmp_recv_obj *objs,
		     __u32 cap)
{
	memset(r, 0, sizeof(*r));
	r->objs_ptr = ptr(objs);
	r->nobjs = cap;
	return ioctl(host, PMP_IOC_RECV, r);
}

TEST_F(objargs, abi_version_4_passes_objects)
{
	ASSERT_LE(4, PMP_ABI_VERSION);
	ASSERT_EQ(PMP_ABI_VERSION, ioctl(self->client, PMP_IOC_VERSION, 0UL));
	ASSERT_EQ(112U, sizeof(struct pmp_call));
	ASSERT_EQ(104, PMP_CALL_SIZE_VER1);
	ASSERT_EQ(120U, sizeof(struct pmp_recv));
	ASSERT_EQ(16U, sizeof(struct pmp_recv_obj));
}

TEST_F(objargs, host_receives_passed_objects_as_its_own_in_order)
{
	__u64 in[3] = { self->b, self->a, self->b };
	struct pmp_recv_obj objs[4];
	struct pmp_call call;
	struct pmp_recv r;
	struct async *c;

	memset(objs, 0xa5, sizeof(objs));
	init_objargs_call(&call, self->a, in, 3);
	c = async_call(_metadata, self->client, &call);
	wait_for_work(_metadata, self->host);
	ASSERT_EQ(0, recv_objs(self->host, &r, objs, 4))
		TH_LOG("RECV: %s", errno_name(errno));
	ASSERT_EQ((__u32)PMP_WORK_CALL, r.type);
	ASSERT_EQ(COOKIE(1), r.cookie);
	ASSERT_EQ(3U, r.nobjs);
	ASSERT_EQ(self->b_id, objs[0].object_id);
	ASSERT_EQ(COOKIE(2), objs[0].cookie);
	ASSERT_EQ(self->a_id, objs[1].object_id);
	ASSERT_EQ(COOKIE(1), objs[1].cookie);
	ASSERT_EQ(self->b_id, objs[2].object_id);
	ASSERT_EQ(COOKIE(2), objs[2].cookie);
	/* The slot beyond what was passed is not written. */
	ASSERT_EQ(0xa5a5a5a5a5a5a5a5ULL, objs[3].object_id);
	ASSERT_EQ(0, reply_status(self->host, r.txn, S_OK));
	async_done(_metadata, c);
}

TEST_F(objargs, call_without_objects_reports_none)
{
	struct pmp_recv_obj objs[1];
	struct pmp_call call;
	struct pmp_recv r;
	struct async *c;

	init_call(&call, self->a, METHOD_OTHER);
	c = async_call(_metadata, self->client, &call);
	wait_for_work(_metadata, self->host);
	ASSERT_EQ(0, recv_objs(self->host, &r, objs, 1));
	ASSERT_EQ(0U, r.nobjs);
	ASSERT_EQ(0, reply_status(self->host, r.txn, S_OK));
	async_done(_metadata, c);
}

TEST_F(objargs, recv_without_room_for_objects_fails_emsgsize_keeps_item)
{
	__u64 in[2] = { self->a, self->b };
	struct pmp_recv_obj objs[2];
	struct pmp_call call;
	struct pmp_recv r;
	struct async *c;

	init_objargs_call(&call, self->a, in, 2);
	c = async_call(_metadata, self->client, &call);
	wait_for_work(_metadata, self->host);
	ASSERT_ERRNO(EMSGSIZE, recv_objs(self->host, &r, objs, 1));
	ASSERT_EQ(2U, r.nobjs);
	ASSERT_EQ(0U, r.buf_size);
	ASSERT_EQ(0U, r.nfds);
	/* A receive without the new fields has room for none. */
	ASSERT_ERRNO(EMSGSIZE, recv_into(self->host, &r, NULL, 0, NULL, 0));
	ASSERT_EQ(0, recv_objs(self->host, &r, objs, 2));
	ASSERT_EQ(2U, r.nobjs);
	ASSERT_EQ(0, reply_status(self->host, r.txn, S_OK));
	async_done(_metadata, c);
}

TEST_F(objargs, sixteen_objects_pass_seventeen_fail_emsgsize)
{
	__u64 in[PMP_OBJS_MAX + 1];
	struct pmp_recv_obj objs[PMP_OBJS_MAX];
	long long before[NR_COUNTERS];
	struct pmp_call call;
	struct pmp_recv r;
	struct async *c;
	int i;

	for (i = 0; i <= PMP_OBJS_MAX; i++)
		in[i] = i % 2 ? self->a : self->b;
	read_counters(_metadata, before);
	init_objargs_call(&call, self->a, in, PMP_OBJS_MAX + 1);
	ASSERT_ERRNO(EMSGSIZE, ioctl(self->client, PMP_IOC_CALL, &call));
	ASSERT_COUNTERS(before, [CALLS] = 0);
	assert_no_work(_metadata, self->host);

	init_objargs_call(&call, self->a, in, PMP_OBJS_MAX);
	c = async_call(_metadata, self->client, &call);
	wait_for_work(_metadata, self->host);
	ASSERT_EQ(0, recv_objs(self->host, &r, objs, PMP_OBJS_MAX));
	ASSERT_EQ((__u32)PMP_OBJS_MAX, r.nobjs);
	ASSERT_EQ(COOKIE(1), objs[15].cookie);
	ASSERT_EQ(COOKIE(2), objs[14].cookie);
	ASSERT_EQ(0, reply_status(self->host, r.txn, S_OK));
	async_done(_metadata, c);
}

/* A call passing @in is refused with @err and changes nothing. */
static void assert_call_refused(struct __test_metadata *_metadata,
				FIXTURE_DATA(objargs) *self, const __u64 *in,
				__u32 n, int err)
{
	long long before[NR_COUNTERS];
	struct pmp_call call;

	read_counters(_metadata, before);
	init_objargs_call(&call, self->a, in, n);
	ASSERT_ERRNO(err, ioctl(self->client, PMP_IOC_CALL, &call));
	ASSERT_COUNTERS(before, [CALLS] = 0);
	ASSERT_EQ(0U, info_of(_metadata, self->host).pending);
	ASSERT_EQ(2U, info_of(_metadata, self->client).own_handles);
	assert_no_work(_metadata, self->host);
}

TEST_F(objargs, unknown_released_or_forged_handles_fail_enoent)
{
	__u64 released, in[3];

	released = create_answered(_metadata, self->host, self->client,
				   COOKIE(3), NULL);
	ASSERT_EQ(0, release_handle(self->client, released));
	recv_release(_metadata, self->host, 3, COOKIE(3));

	in[0] = self->a;
	in[1] = released;
	assert_call_refused(_metadata, self, in, 2, ENOENT);
	in[1] = 0;
	assert_call_refused(_metadata, self, in, 2, ENOENT);
	in[1] = ~0ULL;
	assert_call_refused(_metadata, self, in, 2, ENOENT);
	in[1] = 1ULL << 32 | self->b;
	assert_call_refused(_metadata, self, in, 2, ENOENT);
}

TEST_F(objargs, handle_of_another_client_fails_enoent)
{
	int other = new_client(_metadata, self->host_id);
	struct pmp_recv_obj objs[1];
	struct pmp_call call;
	struct pmp_recv r;
	struct async *c;
	__u64 h[3];
	int i;

	/* The other client's third handle is a number this one lacks. */
	for (i = 0; i < 3; i++)
		h[i] = create_answered(_metadata, self->host, other,
				       COOKIE(10 + i), NULL);
	ASSERT_EQ(3ULL, h[2]);
	assert_call_refused(_metadata, self, &h[2], 1, ENOENT);

	/* The control: its own client passes it. */
	init_objargs_call(&call, h[0], &h[2], 1);
	c = async_call(_metadata, other, &call);
	wait_for_work(_metadata, self->host);
	ASSERT_EQ(0, recv_objs(self->host, &r, objs, 1));
	ASSERT_EQ(COOKIE(12), objs[0].cookie);
	ASSERT_EQ(0, reply_status(self->host, r.txn, S_OK));
	async_done(_metadata, c);
}

TEST_F(objargs, unreadable_handles_fail_efault)
{
	void *page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	struct pmp_recv_obj objs[1];
	struct pmp_call call;
	struct pmp_recv r;
	struct async *c;

	ASSERT_NE(MAP_FAILED, page);
	assert_call_refused(_metadata, self, page, 1, EFAULT);
	assert_call_refused(_metadata, self, NULL, 1, EFAULT);

	/* The control: with no handle to read, the pointer is not read. */
	init_objargs_call(&call, self->a, page, 0);
	c = async_call(_metadata, self->client, &call);
	wait_for_work(_metadata, self->host);
	ASSERT_EQ(0, recv_objs(self->host, &r, objs, 1));
	ASSERT_EQ(0U, r.nobjs);
	ASSERT_EQ(0, reply_status(self->host, r.txn, S_OK));
	async_done(_metadata, c);
	munmap(page, 4096);
}

TEST_F(objargs, reserved_fields_must_be_zero)
{
	struct pmp_call call;
	struct pmp_recv r;

	init_call(&call, self->a, METHOD_OTHER);
	call.reserved = 1;
	ASSERT_ERRNO(EINVAL, ioctl(self->client, PMP_IOC_CALL, &call));
	memset(&r, 0, sizeof(r));
	r.reserved = 1;
	ASSERT_ERRNO(EINVAL, ioctl(self->host, PMP_IOC_RECV, &r));
	assert_no_work(_metadata, self->host);
}

/*
 * The kernel keeps a passed object until the host has answered: its last
 * handle going, or the call timing out, tells the host nothing before.
 */
TEST_F(objargs, passed_object_outlives_its_last_handle_until_answer)
{
	__u64 in[1] = { self->b };
	struct pmp_recv_obj objs[1];
	struct pmp_call call;
	struct pmp_recv r;
	struct async *c;

	init_objargs_call(&call, self->a, in, 1);
	call.timeout_ms = 2000;
	c = async_call(_metadata, self->client, &call);
	wait_for_work(_metadata, self->host);
	ASSERT_EQ(0, recv_objs(self->host, &r, objs, 1));
	ASSERT_EQ(COOKIE(2), objs[0].cookie);
	ASSERT_EQ(0, release_handle(self->client, self->b));
	async_failed(_metadata, c, ETIMEDOUT);
	assert_no_work(_metadata, self->host);
	ASSERT_EQ(2U, info_of(_metadata, self->host).objects);

	ASSERT_ERRNO(ECANCELED, reply_status(self->host, r.txn, S_OK));
	recv_release(_metadata, self->host, self->b_id, COOKIE(2));
	ASSERT_EQ(1U, info_of(_metadata, self->host).objects);
}

TEST_F(objargs, host_death_drops_passed_objects)
{
	__u64 in[2] = { self->b, self->b };
	struct pmp_recv_obj objs[2];
	struct pmp_call call;
	struct pmp_recv r;
	struct async *c;

	init_objargs_call(&call, self->a, in, 2);
	c = async_call(_metadata, self->client, &call);
	wait_for_work(_metadata, self->host);
	ASSERT_EQ(0, recv_objs(self->host, &r, objs, 2));
	ASSERT_EQ(0, close(self->host));
	async_failed(_metadata, c, ESHUTDOWN);
	/* The client's handles still stand; teardown checks the counts. */
	ASSERT_EQ(0, release_handle(self->client, self->b));
	ASSERT_EQ(0, release_handle(self->client, self->a));
}

TEST_HARNESS_MAIN
