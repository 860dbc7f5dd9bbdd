// SPDX-License-Identifier: GPL-2.0
/*
 * abi_test - kselftests for the ioctl ABI of pmp.ko, command by command
 *
 * One fixture holds every command that takes a structure, one variant each,
 * and puts each through the same conventions of include/uapi/linux/pmp.h:
 * sizes from the first version to a page, bad pointers, unknown flags,
 * non-zero output and reserved fields, garbage, other directions, other
 * kinds of endpoint and other processes.  A second fixture does the same
 * for the commands without an argument, a third for unknown commands and
 * the layout of the structures.  What a successful command does in detail
 * is tested with the command, in pmp_test, objects_test and list_test.
 *
 * A refused command must change nothing: each refusal is checked against a
 * snapshot of the counters and of what INFO says of the endpoints.
 *
 * Without /dev/pmp every test is skipped.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "pmp_helpers.h"
#include "txn_helpers.h"

/* The kinds of endpoint a command may be issued on. */
#define NR_KINDS	(EP_CLIENT + 1)

static const char *const kind_names[] = {
	[EP_NEW] = "new endpoint",
	[EP_HOST] = "host endpoint",
	[EP_CLIENT] = "client endpoint",
	[EP_ORPHAN] = "client of a dead host",
};

/* Room for every host LIST_HOSTS may describe. */
#define MAX_ENTRIES	64

/* ---- the structures ---------------------------------------------------- */

/*
 * What a field of a uapi structure is on input: set by the caller, flags,
 * or a field that must be zero (output only, or reserved).
 */
enum role {
	ROLE_IN,
	ROLE_FLAGS,
	ROLE_ZERO,
};

struct uapi_field {
	struct field f;
	enum role role;
};

/* A uapi structure, every field in the order it is declared. */
struct uapi_struct {
	const char *name;
	unsigned int size;
	struct uapi_field fields[20];	/* ends at NULL name */
};

#define LAYOUT(type, ...) { #type, sizeof(struct type), { __VA_ARGS__ } }
#define IN(type, member)	{ FIELD(struct type, member), ROLE_IN }
#define FLAGS(type, member)	{ FIELD(struct type, member), ROLE_FLAGS }
#define ZERO(type, member)	{ FIELD(struct type, member), ROLE_ZERO }

static const struct uapi_struct host_register_layout = LAYOUT(pmp_host_register,
	FLAGS(pmp_host_register, flags),
	ZERO(pmp_host_register, missing),
	ZERO(pmp_host_register, host_id));

static const struct uapi_struct connect_layout = LAYOUT(pmp_connect,
	IN(pmp_connect, host_id),
	FLAGS(pmp_connect, flags),
	ZERO(pmp_connect, reserved));

static const struct uapi_struct info_layout = LAYOUT(pmp_info,
	FLAGS(pmp_info, flags),
	ZERO(pmp_info, kind),
	ZERO(pmp_info, host_id),
	ZERO(pmp_info, host_pid),
	ZERO(pmp_info, host_flags),
	ZERO(pmp_info, host_uid),
	ZERO(pmp_info, host_missing),
	ZERO(pmp_info, clients),
	ZERO(pmp_info, own_locks),
	ZERO(pmp_info, locks),
	ZERO(pmp_info, reserved),
	ZERO(pmp_info, host_state),
	ZERO(pmp_info, objects),
	ZERO(pmp_info, pending),
	ZERO(pmp_info, own_handles));

static const struct uapi_struct create_layout = LAYOUT(pmp_create,
	IN(pmp_create, clsid),
	IN(pmp_create, iid),
	FLAGS(pmp_create, flags),
	IN(pmp_create, timeout_ms),
	ZERO(pmp_create, status),
	ZERO(pmp_create, reserved),
	ZERO(pmp_create, handle),
	ZERO(pmp_create, object_id));

static const struct uapi_struct call_layout = LAYOUT(pmp_call,
	IN(pmp_call, handle),
	IN(pmp_call, method),
	FLAGS(pmp_call, flags),
	IN(pmp_call, timeout_ms),
	ZERO(pmp_call, status),
	IN(pmp_call, in_ptr),
	IN(pmp_call, in_size),
	IN(pmp_call, in_nfds),
	IN(pmp_call, in_fds),
	IN(pmp_call, out_ptr),
	IN(pmp_call, out_size),
	IN(pmp_call, out_nfds),
	IN(pmp_call, out_fds),
	ZERO(pmp_call, out_handle),
	ZERO(pmp_call, out_object_id),
	IN(pmp_call, in_handles),
	IN(pmp_call, in_nhandles),
	ZERO(pmp_call, reserved),
	ZERO(pmp_call, reply_flags),
	ZERO(pmp_call, reserved2));

static const struct uapi_struct release_layout = LAYOUT(pmp_release,
	IN(pmp_release, handle),
	FLAGS(pmp_release, flags));

static const struct uapi_struct recv_layout = LAYOUT(pmp_recv,
	FLAGS(pmp_recv, flags),
	ZERO(pmp_recv, type),
	ZERO(pmp_recv, txn),
	IN(pmp_recv, buf_ptr),
	IN(pmp_recv, buf_size),
	IN(pmp_recv, nfds),
	IN(pmp_recv, fds_ptr),
	ZERO(pmp_recv, object_id),
	ZERO(pmp_recv, cookie),
	ZERO(pmp_recv, method),
	ZERO(pmp_recv, call_flags),
	ZERO(pmp_recv, client_id),
	ZERO(pmp_recv, client_pid),
	ZERO(pmp_recv, clsid),
	ZERO(pmp_recv, iid),
	IN(pmp_recv, objs_ptr),
	IN(pmp_recv, nobjs),
	ZERO(pmp_recv, reserved));

static const struct uapi_struct recv_obj_layout = LAYOUT(pmp_recv_obj,
	IN(pmp_recv_obj, object_id),
	IN(pmp_recv_obj, cookie));

static const struct uapi_struct reply_layout = LAYOUT(pmp_reply,
	IN(pmp_reply, txn),
	IN(pmp_reply, status),
	FLAGS(pmp_reply, flags),
	IN(pmp_reply, cookie),
	IN(pmp_reply, buf_ptr),
	IN(pmp_reply, buf_size),
	IN(pmp_reply, nfds),
	IN(pmp_reply, fds_ptr),
	ZERO(pmp_reply, object_id),
	ZERO(pmp_reply, object_new),
	ZERO(pmp_reply, reserved));

static const struct uapi_struct host_entry_layout = LAYOUT(pmp_host_entry,
	IN(pmp_host_entry, host_id),
	IN(pmp_host_entry, pid),
	IN(pmp_host_entry, uid),
	IN(pmp_host_entry, flags),
	IN(pmp_host_entry, state),
	IN(pmp_host_entry, missing),
	IN(pmp_host_entry, clients),
	IN(pmp_host_entry, objects),
	IN(pmp_host_entry, pending),
	IN(pmp_host_entry, locks),
	IN(pmp_host_entry, layers),
	IN(pmp_host_entry, reserved));

static const struct uapi_struct list_hosts_layout = LAYOUT(pmp_list_hosts,
	FLAGS(pmp_list_hosts, flags),
	IN(pmp_list_hosts, entry_size),
	IN(pmp_list_hosts, entries),
	IN(pmp_list_hosts, capacity),
	ZERO(pmp_list_hosts, count));

static const struct uapi_struct *const layouts[] = {
	&host_register_layout, &connect_layout, &info_layout, &create_layout,
	&call_layout, &release_layout, &recv_layout, &recv_obj_layout,
	&reply_layout, &host_entry_layout, &list_hosts_layout,
};

/* ---- the commands that take a structure -------------------------------- */

enum command {
	CMD_HOST_REGISTER,
	CMD_CONNECT,
	CMD_INFO,
	CMD_CREATE_OBJECT,
	CMD_CALL,
	CMD_RELEASE,
	CMD_RECV,
	CMD_REPLY,
	CMD_LIST_HOSTS,
};

/*
 * A host (O_NONBLOCK) and a client of it holding one lock, so that a
 * released object leaves the host lingering, not gone.  The client
 * commands get a stub server and a handle; REPLY gets a creation the host
 * holds.
 */
FIXTURE(abi) {
	int host;
	__u64 host_id;
	int client;
	int fd;			/* the endpoint the command goes to */
	int other;		/* the endpoint whose INFO must not change */
	__u64 handle;		/* a handle of the client (CALL, RELEASE) */
	__u64 txn;		/* a transaction the host holds (REPLY) */
	struct async *waiting;	/* the CREATE_OBJECT @txn answers */
	struct pmp_host_entry entries[MAX_ENTRIES];	/* LIST_HOSTS */
	__u64 buf[(MAX_IOC_SIZE + 1) / sizeof(__u64)];
};

FIXTURE_VARIANT(abi) {
	enum command command;
	unsigned long cmd;		/* as the uapi header spells it */
	unsigned int nr;
	unsigned int dir;
	unsigned int ver0;
	const struct uapi_struct *layout;	/* as this ABI has it */
	enum endpoint_kind kind;	/* that the command is issued on */
	bool writes_back;
	__u64 known_flags;
	int err_on[NR_KINDS];		/* on each kind but @kind; 0: works */
	/* What a read-only structure leaves behind (EFAULT). */
	long long read_only_delta[NR_COUNTERS];
};

/* The command, its number and direction, and its structure's first size. */
#define COMMAND(name, number, direction, ver0_size) \
	.command = CMD_##name, .cmd = PMP_IOC_##name, .nr = (number), \
	.dir = (direction), .ver0 = (ver0_size)
#define W	_IOC_WRITE
#define RW	(_IOC_READ | _IOC_WRITE)

FIXTURE_VARIANT_ADD(abi, host_register) {
	COMMAND(HOST_REGISTER, 0x01, RW, PMP_HOST_REGISTER_SIZE_VER0),
	.layout = &host_register_layout,
	.kind = EP_NEW,
	.writes_back = true,
	.known_flags = PMP_HOST_UNPROTECTED,
	.err_on = { [EP_HOST] = EISCONN, [EP_CLIENT] = EISCONN },
};

FIXTURE_VARIANT_ADD(abi, connect) {
	COMMAND(CONNECT, 0x02, W, PMP_CONNECT_SIZE_VER0),
	.layout = &connect_layout,
	.kind = EP_NEW,
	.writes_back = false,
	.known_flags = PMP_CONNECT_OTHER_UID,
	.err_on = { [EP_HOST] = EISCONN, [EP_CLIENT] = EISCONN },
};

FIXTURE_VARIANT_ADD(abi, info) {
	COMMAND(INFO, 0x05, RW, PMP_INFO_SIZE_VER0),
	.layout = &info_layout,
	.kind = EP_CLIENT,
	.writes_back = true,
	.known_flags = 0,
	.err_on = { [EP_NEW] = ENOTCONN, [EP_HOST] = 0 },
};

FIXTURE_VARIANT_ADD(abi, create_object) {
	COMMAND(CREATE_OBJECT, 0x06, RW, PMP_CREATE_SIZE_VER0),
	.layout = &create_layout,
	.kind = EP_CLIENT,
	.writes_back = true,
	.known_flags = 0,
	.err_on = { [EP_NEW] = ENOTCONN, [EP_HOST] = EOPNOTSUPP },
	/* The object is made, and released again when the handle is lost. */
	.read_only_delta = { [OBJECTS_CREATED] = 1, [OBJECTS_RELEASED] = 1 },
};

FIXTURE_VARIANT_ADD(abi, call) {
	COMMAND(CALL, 0x07, RW, PMP_CALL_SIZE_VER0),
	.layout = &call_layout,
	.kind = EP_CLIENT,
	.writes_back = true,
	.known_flags = PMP_CALL_OBJECT_OUT | PMP_CALL_FDS_SHARED |
		       PMP_CALL_FDS_WRITABLE,
	.err_on = { [EP_NEW] = ENOTCONN, [EP_HOST] = EOPNOTSUPP },
	/* The call runs; its reply is dropped. */
	.read_only_delta = { [CALLS] = 1 },
};

FIXTURE_VARIANT_ADD(abi, release) {
	COMMAND(RELEASE, 0x08, W, PMP_RELEASE_SIZE_VER0),
	.layout = &release_layout,
	.kind = EP_CLIENT,
	.writes_back = false,
	.known_flags = 0,
	.err_on = { [EP_NEW] = ENOTCONN, [EP_HOST] = EOPNOTSUPP },
};

FIXTURE_VARIANT_ADD(abi, recv) {
	COMMAND(RECV, 0x09, RW, PMP_RECV_SIZE_VER0),
	.layout = &recv_layout,
	.kind = EP_HOST,
	.writes_back = true,
	.known_flags = 0,
	.err_on = { [EP_NEW] = ENOTCONN, [EP_CLIENT] = EOPNOTSUPP },
};

FIXTURE_VARIANT_ADD(abi, reply) {
	COMMAND(REPLY, 0x0a, RW, PMP_REPLY_SIZE_VER0),
	.layout = &reply_layout,
	.kind = EP_HOST,
	.writes_back = true,
	.known_flags = PMP_REPLY_OBJECT | PMP_REPLY_FDS_SHARED |
		       PMP_REPLY_FDS_WRITABLE,
	.err_on = { [EP_NEW] = ENOTCONN, [EP_CLIENT] = EOPNOTSUPP },
};

FIXTURE_VARIANT_ADD(abi, list_hosts) {
	COMMAND(LIST_HOSTS, 0x0b, RW, PMP_LIST_HOSTS_SIZE_VER0),
	.layout = &list_hosts_layout,
	.kind = EP_NEW,
	.writes_back = true,
	.known_flags = 0,
	.err_on = { [EP_HOST] = 0, [EP_CLIENT] = 0 },
};

/* A CREATE_OBJECT the host has received and not yet answered. */
static void hold_creation(struct __test_metadata *_metadata,
			  FIXTURE_DATA(abi) *self)
{
	struct pmp_recv r;

	self->waiting = async_create(_metadata, self->client, clsid_object, 0);
	recv_work(_metadata, self->host, PMP_WORK_CREATE, &r, NULL, 0, NULL,
		  0);
	self->txn = r.txn;
}

/* A new endpoint, closed by the teardown. */
static int new_endpoint(struct __test_metadata *_metadata)
{
	int fd = pmp_open();

	ASSERT_LE(0, fd)
		TH_LOG("open " PMP_DEV ": %s", strerror(errno));
	return fd;
}

FIXTURE_SETUP(abi)
{
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	self->host = new_nonblock_host(_metadata, &self->host_id);
	self->client = new_client(_metadata, self->host_id);
	ASSERT_OK(ioctl(self->client, PMP_IOC_LOCK, 0UL));
	switch (variant->kind) {
	case EP_HOST:
		self->fd = self->host;
		self->other = self->client;
		break;
	case EP_CLIENT:
		self->fd = self->client;
		self->other = self->host;
		break;
	default:
		self->fd = new_endpoint(_metadata);
		self->other = self->host;
		break;
	}
	switch (variant->command) {
	case CMD_CREATE_OBJECT:
	case CMD_CALL:
	case CMD_RELEASE:
		server_start(_metadata, self->host, 1);
		self->handle = create_served(_metadata, self->client, NULL);
		break;
	case CMD_REPLY:
		hold_creation(_metadata, self);
		break;
	default:
		break;
	}
}

FIXTURE_TEARDOWN(abi)
{
	env_teardown_threads(_metadata);
}

/* Prepares what one successful command consumes. */
static void make_ready(struct __test_metadata *_metadata,
		       FIXTURE_DATA(abi) *self,
		       const FIXTURE_VARIANT(abi) *variant)
{
	switch (variant->command) {
	case CMD_HOST_REGISTER:
	case CMD_CONNECT:
		/* The last success made the endpoint a host or a client. */
		ASSERT_OK(close(self->fd));
		self->fd = new_endpoint(_metadata);
		break;
	case CMD_RELEASE:
		self->handle = create_served(_metadata, self->client, NULL);
		break;
	case CMD_RECV:
		/* A client that comes and goes leaves a CLIENT_GONE. */
		ASSERT_OK(close(new_client(_metadata, self->host_id)));
		wait_for_work(_metadata, self->host);
		break;
	case CMD_REPLY:
		hold_creation(_metadata, self);
		break;
	default:
		break;
	}
}

/* Writes a valid structure of @len bytes, zero beyond its fields. */
static void fill_valid(FIXTURE_DATA(abi) *self,
		       const FIXTURE_VARIANT(abi) *variant, void *arg,
		       size_t len)
{
	struct pmp_host_register *reg = arg;
	struct pmp_list_hosts *lh = arg;
	struct pmp_connect *conn = arg;
	struct pmp_release *rel = arg;
	struct pmp_reply *rp = arg;

	memset(arg, 0, len);
	switch (variant->command) {
	case CMD_HOST_REGISTER:
		reg->flags = PMP_HOST_UNPROTECTED;
		break;
	case CMD_CONNECT:
		conn->host_id = self->host_id;
		break;
	case CMD_CREATE_OBJECT:
		init_create(arg, clsid_object, 0);
		break;
	case CMD_CALL:
		init_call(arg, self->handle, METHOD_ECHO);
		break;
	case CMD_RELEASE:
		rel->handle = self->handle;
		break;
	case CMD_REPLY:
		rp->txn = self->txn;
		rp->flags = PMP_REPLY_OBJECT;
		/* A new cookie for each transaction: a new object each time. */
		rp->cookie = COOKIE(self->txn);
		break;
	case CMD_LIST_HOSTS:
		lh->entry_size = sizeof(self->entries[0]);
		lh->entries = ptr(self->entries);
		lh->capacity = MAX_ENTRIES;
		break;
	default:
		break;
	}
}

static void fill_buf(FIXTURE_DATA(abi) *self,
		     const FIXTURE_VARIANT(abi) *variant)
{
	fill_valid(self, variant, self->buf, sizeof(self->buf));
}

/* Checks what a successful command did with @arg, from @before on. */
static void assert_done(struct __test_metadata *_metadata,
			FIXTURE_DATA(abi) *self,
			const FIXTURE_VARIANT(abi) *variant, const void *arg,
			const long long *before)
{
	const struct pmp_host_register *reg = arg;
	const struct pmp_list_hosts *lh = arg;
	const struct pmp_create *c = arg;
	const struct pmp_call *call = arg;
	const struct pmp_info *out = arg;
	const struct pmp_recv *r = arg;
	const struct pmp_reply *rp = arg;
	struct pmp_info info;
	__u32 i, listed = 0;

	switch (variant->command) {
	case CMD_HOST_REGISTER:
		info = info_of(_metadata, self->fd);
		ASSERT_NE(0ULL, reg->host_id);
		ASSERT_EQ(PMP_ENDPOINT_HOST, (int)info.kind);
		ASSERT_EQ(reg->host_id, info.host_id);
		ASSERT_EQ(reg->missing, info.host_missing);
		ASSERT_COUNTERS(before, [HOSTS] = 1, [REGISTRATIONS] = 1);
		break;
	case CMD_CONNECT:
		info = info_of(_metadata, self->fd);
		ASSERT_EQ(PMP_ENDPOINT_CLIENT, (int)info.kind);
		ASSERT_EQ(self->host_id, info.host_id);
		ASSERT_COUNTERS(before, [CLIENTS] = 1);
		break;
	case CMD_INFO:
		ASSERT_EQ(PMP_ENDPOINT_CLIENT, (int)out->kind);
		ASSERT_EQ(self->host_id, out->host_id);
		ASSERT_EQ(getpid(), (pid_t)out->host_pid);
		ASSERT_EQ(1U, out->clients);
		ASSERT_EQ(1U, out->own_locks);
		ASSERT_EQ(0ULL, out->reserved);
		ASSERT_COUNTERS(before);
		break;
	case CMD_CREATE_OBJECT:
		ASSERT_EQ(S_OK, c->status);
		ASSERT_NE(0ULL, c->handle);
		ASSERT_NE(0ULL, c->object_id);
		ASSERT_COUNTERS(before, [OBJECTS] = 1, [OBJECTS_CREATED] = 1);
		break;
	case CMD_CALL:
		ASSERT_EQ(S_OK, call->status);
		ASSERT_EQ(0U, call->out_size);
		ASSERT_EQ(0U, call->out_nfds);
		ASSERT_EQ(0ULL, call->out_handle);
		ASSERT_COUNTERS(before, [CALLS] = 1);
		break;
	case CMD_RELEASE:
		ASSERT_COUNTERS(before, [OBJECTS] = -1,
				[OBJECTS_RELEASED] = 1);
		ASSERT_ERRNO(ENOENT, release_handle(self->client,
						    self->handle));
		break;
	case CMD_RECV:
		ASSERT_EQ(PMP_WORK_CLIENT_GONE, (int)r->type);
		ASSERT_NE(0U, r->client_id);
		ASSERT_COUNTERS(before);
		break;
	case CMD_REPLY:
		ASSERT_NE(0ULL, rp->object_id);
		ASSERT_EQ(1U, rp->object_new);
		async_done(_metadata, self->waiting);
		ASSERT_EQ(S_OK, self->waiting->arg.create.status);
		ASSERT_EQ(rp->object_id, self->waiting->arg.create.object_id);
		ASSERT_COUNTERS(before, [OBJECTS] = 1, [OBJECTS_CREATED] = 1,
				[TRANSACTIONS_PENDING] = -1);
		break;
	case CMD_LIST_HOSTS:
		ASSERT_LE(1U, lh->count);
		for (i = 0; i < lh->count && i < MAX_ENTRIES; i++)
			if (self->entries[i].host_id == self->host_id)
				listed++;
		ASSERT_EQ(1U, listed)
			TH_LOG("host %llu is not listed once",
			       (unsigned long long)self->host_id);
		ASSERT_COUNTERS(before);
		break;
	}
}

/*
 * Asserts that @cmd at @arg on @fd fails with @err and changes nothing,
 * not even the caller's structure or the entries LIST_HOSTS would write;
 * @what says what is wrong with it.
 */
static void assert_refused_on(struct __test_metadata *_metadata,
			      FIXTURE_DATA(abi) *self, int fd,
			      unsigned long cmd, void *arg, int err,
			      const char *what)
{
	static unsigned char copy[sizeof(self->buf)];
	size_t len = _IOC_SIZE(cmd) < sizeof(copy) ? _IOC_SIZE(cmd) :
						     sizeof(copy);
	bool in_buf = arg == (void *)self->buf;
	struct snapshot snap;

	if (in_buf)
		memcpy(copy, arg, len);
	memset(self->entries, 0xa5, sizeof(self->entries));
	take_snapshot(_metadata, fd, fd == self->host ? self->client :
							self->host, &snap);
	assert_cmd_fails(_metadata, fd, cmd, arg, err, what);
	ASSERT_UNCHANGED(&snap);
	if (in_buf) {
		ASSERT_EQ(0, memcmp(copy, arg, len))
			TH_LOG("%s: the structure was written", what);
	}
	ASSERT_EQ(0xa5a5a5a5a5a5a5a5ULL, self->entries[0].host_id)
		TH_LOG("%s: an entry was written", what);
}

/* The same for the command of @size bytes on the endpoint under test. */
static void assert_refused(struct __test_metadata *_metadata,
			   FIXTURE_DATA(abi) *self,
			   const FIXTURE_VARIANT(abi) *variant,
			   unsigned int size, void *arg, int err,
			   const char *what)
{
	assert_refused_on(_metadata, self, self->fd,
			  sized_cmd(variant->dir, variant->nr, size), arg, err,
			  what);
}

TEST_F(abi, first_version_size_works)
{
	long long before[NR_COUNTERS];

	ASSERT_EQ(variant->cmd,
		  sized_cmd(variant->dir, variant->nr, variant->layout->size));
	make_ready(_metadata, self, variant);
	fill_buf(self, variant);
	read_counters(_metadata, before);
	ASSERT_OK(ioctl(self->fd,
			sized_cmd(variant->dir, variant->nr, variant->ver0),
			self->buf));
	assert_done(_metadata, self, variant, self->buf, before);
}

/*
 * Every size below the first version's, each checked against a snapshot of
 * every counter: some 50 sysfs reads a size, which under emulation on the
 * debug kernel outlast the harness's default 30 s.
 */
TEST_F_TIMEOUT(abi, shorter_than_first_version_fails_with_einval, 180)
{
	unsigned int size;

	for (size = 0; size < variant->ver0; size++) {
		fill_buf(self, variant);
		assert_refused(_metadata, self, variant, size, self->buf,
			       EINVAL, "short");
	}
}

TEST_F(abi, longer_with_zero_tail_works_and_keeps_its_tail)
{
	const unsigned int sizes[] = {
		variant->layout->size + 1, variant->layout->size + 8, 2 * variant->layout->size,
		MAX_STRUCT_SIZE,
	};
	unsigned char *bytes = (unsigned char *)self->buf;
	long long before[NR_COUNTERS];
	unsigned long cmd;
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		make_ready(_metadata, self, variant);
		fill_buf(self, variant);
		read_counters(_metadata, before);
		cmd = sized_cmd(variant->dir, variant->nr, sizes[i]);
		ASSERT_EQ(0, ioctl(self->fd, cmd, self->buf))
			TH_LOG("size %u: %s", sizes[i], errno_name(errno));
		for (j = variant->layout->size; j < sizeof(self->buf); j++) {
			ASSERT_EQ(0, bytes[j])
				TH_LOG("size %u: byte %u of the tail written",
				       sizes[i], j);
		}
		assert_done(_metadata, self, variant, self->buf, before);
	}
}

TEST_F(abi, longer_with_nonzero_tail_fails_with_e2big)
{
	const unsigned int sizes[] = {
		variant->layout->size + 1, variant->layout->size + 8, MAX_STRUCT_SIZE,
	};
	unsigned char *bytes = (unsigned char *)self->buf;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		fill_buf(self, variant);
		bytes[variant->layout->size] = 0x01;
		assert_refused(_metadata, self, variant, sizes[i], self->buf,
			       E2BIG, "first tail byte set");
		fill_buf(self, variant);
		bytes[sizes[i] - 1] = 0x80;
		assert_refused(_metadata, self, variant, sizes[i], self->buf,
			       E2BIG, "last tail byte set");
	}
}

TEST_F(abi, larger_than_a_page_fails_with_e2big)
{
	const unsigned int sizes[] = {
		MAX_STRUCT_SIZE + 1, MAX_STRUCT_SIZE + 8, 2 * MAX_STRUCT_SIZE,
		MAX_IOC_SIZE,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		fill_buf(self, variant);
		assert_refused(_metadata, self, variant, sizes[i], self->buf,
			       E2BIG, "zero tail");
	}
}

TEST_F(abi, null_pointer_fails_with_efault)
{
	assert_refused(_metadata, self, variant, variant->ver0, NULL, EFAULT,
		       "NULL");
}

TEST_F(abi, inaccessible_pointer_fails_with_efault)
{
	void *page = mmap(NULL, MAX_STRUCT_SIZE, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, page);
	assert_refused(_metadata, self, variant, variant->ver0, page, EFAULT,
		       "PROT_NONE page");
	assert_refused(_metadata, self, variant, variant->ver0, (void *)8,
		       EFAULT, "address 8");
	assert_refused(_metadata, self, variant, variant->ver0,
		       (void *)-4096L, EFAULT, "kernel address");
}

/* The last @mapped bytes of a page, followed by an inaccessible page. */
static void *edge_of_page(struct __test_metadata *_metadata,
			  unsigned int mapped)
{
	char *pages = mmap(NULL, 2 * MAX_STRUCT_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, pages);
	ASSERT_EQ(0, mprotect(pages + MAX_STRUCT_SIZE, MAX_STRUCT_SIZE,
			      PROT_NONE));
	return pages + MAX_STRUCT_SIZE - mapped;
}

TEST_F(abi, struct_running_into_inaccessible_page_fails_with_efault)
{
	unsigned int half = variant->ver0 / 2;
	void *p = edge_of_page(_metadata, half);

	fill_buf(self, variant);
	memcpy(p, self->buf, half);
	assert_refused(_metadata, self, variant, variant->ver0, p, EFAULT,
		       "half readable");
}

TEST_F(abi, tail_running_into_inaccessible_page_fails_with_efault)
{
	void *p = edge_of_page(_metadata, variant->ver0 + 8);

	fill_buf(self, variant);
	memcpy(p, self->buf, variant->ver0 + 8);
	assert_refused(_metadata, self, variant, variant->ver0 + 16, p,
		       EFAULT, "tail half readable");
}

/*
 * A read-only structure is enough for a command that writes nothing back;
 * the others fail with EFAULT, leave behind what their variant says and
 * still work afterwards: a work item or a transaction stays where it was.
 */
TEST_F(abi, read_only_struct_fails_with_efault_if_written_back)
{
	void *p = mmap(NULL, MAX_STRUCT_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long long before[NR_COUNTERS];
	struct snapshot snap;
	unsigned int i;
	bool moves = false;

	ASSERT_NE(MAP_FAILED, p);
	make_ready(_metadata, self, variant);
	fill_valid(self, variant, p, MAX_STRUCT_SIZE);
	ASSERT_EQ(0, mprotect(p, MAX_STRUCT_SIZE, PROT_READ));
	read_counters(_metadata, before);
	if (!variant->writes_back) {
		ASSERT_OK(ioctl(self->fd, variant->cmd, p));
		assert_done(_metadata, self, variant, p, before);
		return;
	}

	for (i = 0; i < NR_COUNTERS; i++)
		moves |= variant->read_only_delta[i] != 0;
	take_snapshot(_metadata, self->fd, self->other, &snap);
	assert_cmd_fails(_metadata, self->fd, variant->cmd, p, EFAULT,
			 "read-only");
	if (moves)
		assert_counters(_metadata, before, variant->read_only_delta,
				__LINE__);
	else
		ASSERT_UNCHANGED(&snap);

	ASSERT_EQ(0, mprotect(p, MAX_STRUCT_SIZE, PROT_READ | PROT_WRITE));
	fill_valid(self, variant, p, MAX_STRUCT_SIZE);
	read_counters(_metadata, before);
	ASSERT_OK(ioctl(self->fd, variant->cmd, p));
	assert_done(_metadata, self, variant, p, before);
}

/* The field of @layout that holds its flags. */
static const struct field *flags_field(const struct uapi_struct *layout)
{
	const struct uapi_field *uf;

	for (uf = layout->fields; uf->f.name; uf++)
		if (uf->role == ROLE_FLAGS)
			return &uf->f;
	return NULL;
}

/* Each unknown bit, alone and beside the flags the kernel knows. */
TEST_F(abi, unknown_flag_bits_fail_with_einval)
{
	const struct field *f = flags_field(variant->layout);
	unsigned char *bytes = (unsigned char *)self->buf;
	const __u64 known = variant->known_flags;
	unsigned int bit;
	__u32 flags32;
	char what[64];
	__u64 flags;

	ASSERT_NE(NULL, f);
	for (bit = 0; bit < f->size * 8; bit++) {
		if (known & (1ULL << bit))
			continue;
		for (flags = 1ULL << bit;; flags |= known) {
			fill_buf(self, variant);
			flags32 = flags;
			memcpy(bytes + f->offset,
			       f->size == sizeof(flags) ? (void *)&flags :
							  (void *)&flags32,
			       f->size);
			snprintf(what, sizeof(what), "flags %#llx",
				 (unsigned long long)flags);
			assert_refused(_metadata, self, variant,
				       variant->ver0, self->buf, EINVAL, what);
			if (!known || (flags & known))
				break;
		}
	}
}

/*
 * The fields that must be zero on input, into @fields: output and reserved
 * fields, and a field of flags none of which are known.
 */
static unsigned int zero_fields(const FIXTURE_VARIANT(abi) *variant,
				struct field *fields)
{
	const struct uapi_field *uf;
	unsigned int n = 0;

	for (uf = variant->layout->fields; uf->f.name; uf++)
		if (uf->role == ROLE_ZERO ||
		    (uf->role == ROLE_FLAGS && !variant->known_flags))
			fields[n++] = uf->f;
	return n;
}

TEST_F(abi, nonzero_output_or_reserved_field_fails_with_einval)
{
	struct field fields[ARRAY_SIZE(variant->layout->fields)];
	unsigned char *bytes = (unsigned char *)self->buf;
	const struct { unsigned char value; bool last, all; } spoil[] = {
		{ 0x01, false, false },
		{ 0x80, true, false },
		{ 0xff, false, true },
	};
	unsigned int i, j, n, at;
	char what[64];

	n = zero_fields(variant, fields);
	ASSERT_LT(0U, n);
	for (i = 0; i < n; i++) {
		for (j = 0; j < ARRAY_SIZE(spoil); j++) {
			fill_buf(self, variant);
			at = fields[i].offset;
			if (spoil[j].all)
				memset(bytes + at, spoil[j].value,
				       fields[i].size);
			else
				bytes[at + (spoil[j].last ?
						fields[i].size - 1 : 0)] =
					spoil[j].value;
			snprintf(what, sizeof(what), "%s %s %#x",
				 fields[i].name,
				 spoil[j].all ? "all" :
				 spoil[j].last ? "last byte" : "first byte",
				 spoil[j].value);
			assert_refused(_metadata, self, variant,
				       variant->layout->size, self->buf, EINVAL, what);
		}
	}
}

TEST_F(abi, garbage_in_output_or_reserved_fields_fails_with_einval)
{
	struct field fields[ARRAY_SIZE(variant->layout->fields)];
	unsigned char *bytes = (unsigned char *)self->buf;
	unsigned int seed = time(NULL) ^ getpid();
	unsigned int i, j, k, n;
	char what[64];

	n = zero_fields(variant, fields);
	snprintf(what, sizeof(what), "garbage from seed %u", seed);
	for (i = 0; i < 64; i++) {
		fill_buf(self, variant);
		for (j = 0; j < n; j++) {
			for (k = 0; k < fields[j].size; k++)
				bytes[fields[j].offset + k] = rand_r(&seed);
			bytes[fields[j].offset +
			      rand_r(&seed) % fields[j].size] |= 1;
		}
		assert_refused(_metadata, self, variant, variant->layout->size,
			       self->buf, EINVAL, what);
	}
}

TEST_F(abi, garbage_struct_fails_with_einval)
{
	unsigned char *bytes = (unsigned char *)self->buf;
	const int fills[] = { 0xff, 0xa5, 0x5a, -1, -2, -3 };
	unsigned int i, j, seed;

	for (i = 0; i < ARRAY_SIZE(fills); i++) {
		memset(self->buf, 0, sizeof(self->buf));
		seed = -fills[i];
		for (j = 0; j < variant->layout->size; j++)
			bytes[j] = fills[i] >= 0 ? fills[i] : rand_r(&seed);
		assert_refused(_metadata, self, variant, variant->layout->size,
			       self->buf, EINVAL, "garbage");
	}
}

/* On every kind of endpoint, with no size and with the first version's. */
TEST_F(abi, other_directions_fail_with_enotty)
{
	const unsigned int dirs[] = {
		_IOC_NONE, _IOC_READ, _IOC_WRITE, _IOC_READ | _IOC_WRITE,
	};
	const unsigned int sizes[] = { 0, variant->ver0 };
	const int fds[] = { self->fd, self->host, self->client };
	unsigned int i, j, k;
	char what[64];

	for (i = 0; i < ARRAY_SIZE(fds); i++) {
		for (j = 0; j < ARRAY_SIZE(dirs); j++) {
			if (dirs[j] == variant->dir)
				continue;
			for (k = 0; k < ARRAY_SIZE(sizes); k++) {
				fill_buf(self, variant);
				snprintf(what, sizeof(what),
					 "fd %d, direction %u", fds[i],
					 dirs[j]);
				assert_refused_on(_metadata, self, fds[i],
						  sized_cmd(dirs[j],
							    variant->nr,
							    sizes[k]),
						  self->buf, ENOTTY, what);
			}
		}
	}
}

/*
 * On the other kinds of endpoint a valid structure either works (and
 * changes nothing: INFO, LIST_HOSTS) or fails with the variant's error.
 */
TEST_F(abi, other_kinds_of_endpoint_fail_or_work_as_documented)
{
	struct snapshot snap;
	int kind, fd, err;

	for (kind = 0; kind < NR_KINDS; kind++) {
		if (kind == (int)variant->kind)
			continue;
		fd = kind == EP_HOST ? self->host :
		     kind == EP_CLIENT ? self->client : new_endpoint(_metadata);
		err = variant->err_on[kind];
		fill_buf(self, variant);
		if (err) {
			assert_refused_on(_metadata, self, fd, variant->cmd,
					  self->buf, err, kind_names[kind]);
			continue;
		}
		take_snapshot(_metadata, fd,
			      fd == self->host ? self->client : self->host,
			      &snap);
		ASSERT_EQ(0, ioctl(fd, variant->cmd, self->buf))
			TH_LOG("%s: %s", kind_names[kind], errno_name(errno));
		ASSERT_UNCHANGED(&snap);
	}
}

TEST_F(abi, from_forked_child_fails_with_ebadfd)
{
	struct snapshot snap;
	int up[2], res[2];
	pid_t pid;

	make_ready(_metadata, self, variant);
	fill_buf(self, variant);
	ASSERT_EQ(0, pipe2(up, O_CLOEXEC));
	take_snapshot(_metadata, self->fd, self->other, &snap);
	pid = spawn(_metadata);
	if (pid == 0) {
		res[0] = ioctl(self->fd, variant->cmd, self->buf);
		res[1] = res[0] ? errno : 0;
		_exit(write_full(up[1], res, sizeof(res)) ? 1 : 0);
	}
	close(up[1]);
	ASSERT_EQ(0, read_full(up[0], res, sizeof(res)));
	ASSERT_EQ(0, reap(pid));
	ASSERT_EQ(-1, res[0]);
	ASSERT_EQ(EBADFD, res[1])
		TH_LOG("expected EBADFD, got %s", errno_name(res[1]));
	ASSERT_UNCHANGED(&snap);
}

/* ---- one endpoint of each kind ----------------------------------------- */

/* A host, a client of it with one lock, a new endpoint and an orphan. */
struct endpoints {
	int fd[EP_ORPHAN + 1];
	__u64 host_id;
};

static void open_endpoints(struct __test_metadata *_metadata,
			   struct endpoints *ep)
{
	__u64 dead_id;
	int dead;

	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	ep->fd[EP_NEW] = new_endpoint(_metadata);
	ep->fd[EP_HOST] = new_host(_metadata, &ep->host_id);
	ep->fd[EP_CLIENT] = new_client(_metadata, ep->host_id);
	/* With a lock held, UNLOCK would succeed. */
	ASSERT_OK(ioctl(ep->fd[EP_CLIENT], PMP_IOC_LOCK, 0UL));
	dead = new_host(_metadata, &dead_id);
	ep->fd[EP_ORPHAN] = new_client(_metadata, dead_id);
	ASSERT_OK(close(dead));
}

/* A snapshot of endpoint @kind and of the host. */
static void snapshot_of(struct __test_metadata *_metadata,
			const struct endpoints *ep, int kind,
			struct snapshot *snap)
{
	take_snapshot(_metadata, ep->fd[kind],
		      ep->fd[kind == EP_HOST ? EP_CLIENT : EP_HOST], snap);
}

/* ---- the commands without an argument ---------------------------------- */

FIXTURE(no_struct) {
	struct endpoints ep;
};

FIXTURE_VARIANT(no_struct) {
	unsigned long cmd;
	unsigned int nr;
};

FIXTURE_VARIANT_ADD(no_struct, version) {
	.cmd = PMP_IOC_VERSION,
	.nr = 0x00,
};

FIXTURE_VARIANT_ADD(no_struct, lock) {
	.cmd = PMP_IOC_LOCK,
	.nr = 0x03,
};

FIXTURE_VARIANT_ADD(no_struct, unlock) {
	.cmd = PMP_IOC_UNLOCK,
	.nr = 0x04,
};

FIXTURE_SETUP(no_struct)
{
	open_endpoints(_metadata, &self->ep);
}

FIXTURE_TEARDOWN(no_struct)
{
	env_teardown(_metadata);
}

TEST_F(no_struct, nonzero_argument_fails_with_einval)
{
	int local = 0;
	const unsigned long args[] = { 1, (uintptr_t)&local, ~0UL };
	struct snapshot snap;
	unsigned int i;
	int kind;

	ASSERT_EQ(variant->cmd, sized_cmd(_IOC_NONE, variant->nr, 0));
	for (kind = 0; kind <= EP_ORPHAN; kind++) {
		snapshot_of(_metadata, &self->ep, kind, &snap);
		for (i = 0; i < ARRAY_SIZE(args); i++) {
			ASSERT_ERRNO(EINVAL, ioctl(self->ep.fd[kind],
						   variant->cmd, args[i]));
		}
		ASSERT_UNCHANGED(&snap);
	}
}

TEST_F(no_struct, other_directions_fail_with_enotty)
{
	const unsigned int dirs[] = {
		_IOC_READ, _IOC_WRITE, _IOC_READ | _IOC_WRITE,
	};
	const unsigned int sizes[] = { 0, sizeof(int), sizeof(__u64) };
	struct snapshot snap;
	unsigned int i, j;
	char what[64];
	int kind;

	for (kind = 0; kind <= EP_ORPHAN; kind++) {
		snapshot_of(_metadata, &self->ep, kind, &snap);
		for (i = 0; i < ARRAY_SIZE(dirs); i++) {
			for (j = 0; j < ARRAY_SIZE(sizes); j++) {
				snprintf(what, sizeof(what), "%s, direction %u",
					 kind_names[kind], dirs[i]);
				assert_cmd_fails(_metadata, self->ep.fd[kind],
						 sized_cmd(dirs[i], variant->nr,
							   sizes[j]),
						 zero_page, ENOTTY, what);
			}
		}
		ASSERT_UNCHANGED(&snap);
	}
}

/* ---- every command ----------------------------------------------------- */

FIXTURE(abi_all) {
	struct endpoints ep;
};

FIXTURE_SETUP(abi_all)
{
	open_endpoints(_metadata, &self->ep);
}

FIXTURE_TEARDOWN(abi_all)
{
	env_teardown(_metadata);
}

TEST_F(abi_all, unknown_commands_fail_with_enotty)
{
	struct call calls[ARRAY_SIZE(unknown_calls)];
	struct snapshot snap;
	int i, nr, kind;

	nr = unknown_commands(calls);
	for (kind = 0; kind <= EP_ORPHAN; kind++) {
		snapshot_of(_metadata, &self->ep, kind, &snap);
		for (i = 0; i < nr; i++)
			assert_cmd_fails(_metadata, self->ep.fd[kind],
					 calls[i].cmd, calls[i].arg, ENOTTY,
					 calls[i].name);
		ASSERT_EQ(0, isatty(self->ep.fd[kind]));
		ASSERT_UNCHANGED(&snap);
	}
}

/*
 * As in build_check_abi(): the fields, in the order they are declared,
 * follow one another and fill the structure, so that no padding hides in
 * it, and each is naturally aligned.
 */
TEST_F(abi_all, uapi_structures_have_no_hidden_padding)
{
	const struct uapi_field *uf;
	const struct field *f;
	unsigned int i, sum;

	for (i = 0; i < ARRAY_SIZE(layouts); i++) {
		sum = 0;
		for (uf = layouts[i]->fields; uf->f.name; uf++) {
			f = &uf->f;
			ASSERT_EQ(sum, f->offset)
				TH_LOG("struct %s: padding before %s",
				       layouts[i]->name, f->name);
			ASSERT_EQ(0U, f->offset % (f->size < 8 ? f->size : 8))
				TH_LOG("struct %s: %s is not aligned",
				       layouts[i]->name, f->name);
			sum += f->size;
		}
		ASSERT_EQ(layouts[i]->size, sum)
			TH_LOG("struct %s: its fields take %u of %u bytes",
			       layouts[i]->name, sum, layouts[i]->size);
	}
}

TEST_HARNESS_MAIN
