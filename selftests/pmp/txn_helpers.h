/* SPDX-License-Identifier: GPL-2.0 */
/*
 * txn_helpers.h - what the transaction selftests share: raw commands, a
 * client command run in a thread (struct async) and a stub host whose
 * threads answer by class and method (struct server)
 *
 * Include after pmp_helpers.h.
 */

#ifndef TXN_HELPERS_H
#define TXN_HELPERS_H

#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/mman.h>

/* HRESULTs the stub host answers with. */
#define S_OK			0
#define S_FALSE			1
#define E_NOTIMPL		((__s32)0x80004001)
#define E_NOINTERFACE		((__s32)0x80004002)
#define E_FAIL			((__s32)0x80004005)

/* Cookies use all 64 bits, so that a truncation would show. */
#define COOKIE(n)		(0xc00c1e0000000000ULL + (n))

static const __u8 clsid_object[16] = {
	0x5e, 0x3a, 0x0c, 0x11, 0x7d, 0x42, 0x4b, 0x9f,
	0x80, 0x01, 0xa5, 0x5a, 0x10, 0x20, 0x30, 0x01,
};

/* The stub server fails to create this class with E_NOINTERFACE. */
static const __u8 clsid_failing[16] = {
	0x5e, 0x3a, 0x0c, 0x11, 0x7d, 0x42, 0x4b, 0x9f,
	0x80, 0x01, 0xa5, 0x5a, 0x10, 0x20, 0x30, 0x02,
};

static const __u8 iid_test[16] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46,
};

/*
 * Methods of the stub server's objects: what it answers a CALL with.
 * METHOD_ECHO: status S_OK, the payload and descriptors it received.
 * METHOD_NEW_OBJECT: S_OK and a new object.
 * METHOD_SAME_OBJECT: S_OK and the object called (a QueryInterface).
 * Any other: E_NOTIMPL.
 */
#define METHOD_ECHO		1
#define METHOD_NEW_OBJECT	2
#define METHOD_SAME_OBJECT	3
#define METHOD_OTHER		0x7fffffff

static inline const char *work_name(__u32 type)
{
	switch (type) {
	case PMP_WORK_CREATE:
		return "CREATE";
	case PMP_WORK_CALL:
		return "CALL";
	case PMP_WORK_RELEASE:
		return "RELEASE";
	case PMP_WORK_CLIENT_GONE:
		return "CLIENT_GONE";
	}
	return "no work";
}

/* Fills @buf with bytes that depend on @seed and on the position. */
static inline void fill_pattern(void *buf, size_t len, unsigned int seed)
{
	unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)((i * 131 + seed * 7 + (i >> 8)) ^ seed);
}

/* The offset of the first byte of @buf that differs from the pattern. */
static inline ssize_t pattern_mismatch(const void *buf, size_t len,
				       unsigned int seed)
{
	const unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != (unsigned char)((i * 131 + seed * 7 + (i >> 8)) ^
					    seed))
			return i;
	return -1;
}

static inline void *xmalloc(struct __test_metadata *_metadata, size_t len)
{
	void *p = malloc(len ? len : 1);

	ASSERT_NE(NULL, p);
	return p;
}

/* ---- descriptors ------------------------------------------------------- */

/* A memfd holding @text, sealed with @seals (0: none). */
static inline int new_memfd(struct __test_metadata *_metadata, const char *text,
			    unsigned int seals)
{
	int fd = memfd_create("pmp-test", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	ASSERT_LE(0, fd)
		TH_LOG("memfd_create: %s", strerror(errno));
	ASSERT_EQ((ssize_t)strlen(text), write(fd, text, strlen(text)));
	if (seals) {
		ASSERT_EQ(0, fcntl(fd, F_ADD_SEALS, seals));
	}
	return fd;
}

static inline int sealed_memfd(struct __test_metadata *_metadata,
			       const char *text)
{
	return new_memfd(_metadata, text,
			 F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW);
}

/* Asserts that @fd is the file @orig is, close-on-exec, holding @text. */
static inline void assert_same_file(struct __test_metadata *_metadata, int fd,
				    int orig, const char *text)
{
	struct stat a, b;
	char buf[64] = "";

	ASSERT_EQ(0, fstat(fd, &a))
		TH_LOG("descriptor %d: %s", fd, strerror(errno));
	ASSERT_EQ(0, fstat(orig, &b));
	ASSERT_EQ(b.st_dev, a.st_dev);
	ASSERT_EQ(b.st_ino, a.st_ino);
	ASSERT_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD) & FD_CLOEXEC)
		TH_LOG("descriptor %d was installed without O_CLOEXEC", fd);
	ASSERT_EQ((ssize_t)strlen(text), pread(fd, buf, sizeof(buf) - 1, 0));
	ASSERT_STREQ(text, buf);
}

/* The lowest descriptor number free in this process. */
static inline int lowest_free_fd(struct __test_metadata *_metadata)
{
	int fd = dup(0);

	ASSERT_LE(0, fd);
	close(fd);
	return fd;
}

/* ---- commands ---------------------------------------------------------- */

static inline void init_create(struct pmp_create *c, const __u8 *clsid,
			       __u32 timeout_ms)
{
	memset(c, 0, sizeof(*c));
	memcpy(c->clsid, clsid, sizeof(c->clsid));
	memcpy(c->iid, iid_test, sizeof(c->iid));
	c->timeout_ms = timeout_ms;
}

static inline int create_object(int client, struct pmp_create *c)
{
	init_create(c, clsid_object, 0);
	return ioctl(client, PMP_IOC_CREATE_OBJECT, c);
}

static inline int release_handle(int client, __u64 handle)
{
	struct pmp_release rel = { .handle = handle };

	return ioctl(client, PMP_IOC_RELEASE, &rel);
}

/* A call of @method without payload or descriptors. */
static inline void init_call(struct pmp_call *call, __u64 handle, __u32 method)
{
	memset(call, 0, sizeof(*call));
	call->handle = handle;
	call->method = method;
}

static inline int call_method(int client, __u64 handle, __u32 method,
			      struct pmp_call *call)
{
	init_call(call, handle, method);
	return ioctl(client, PMP_IOC_CALL, call);
}

static inline int recv_into(int host, struct pmp_recv *r, void *buf, __u32 size,
			    __s32 *fds, __u32 nfds)
{
	memset(r, 0, sizeof(*r));
	r->buf_ptr = ptr(buf);
	r->buf_size = size;
	r->fds_ptr = ptr(fds);
	r->nfds = nfds;
	return ioctl(host, PMP_IOC_RECV, r);
}

static inline int reply_status(int host, __u64 txn, __s32 status)
{
	struct pmp_reply rp = { .txn = txn, .status = status };

	return ioctl(host, PMP_IOC_REPLY, &rp);
}

static inline int reply_object(int host, __u64 txn, __u64 cookie,
			       struct pmp_reply *rp)
{
	memset(rp, 0, sizeof(*rp));
	rp->txn = txn;
	rp->flags = PMP_REPLY_OBJECT;
	rp->cookie = cookie;
	return ioctl(host, PMP_IOC_REPLY, rp);
}

/* Waits until the (O_NONBLOCK) host endpoint has work queued. */
static inline void wait_for_work(struct __test_metadata *_metadata, int host)
{
	ASSERT_EQ(POLLIN, poll_fd(host, WAIT_MS) & POLLIN)
		TH_LOG("no work reached the host in %d ms", WAIT_MS);
}

/* Receives the next work item, which must be of @type. */
static inline void recv_work(struct __test_metadata *_metadata, int host,
			     __u32 type, struct pmp_recv *r, void *buf, __u32 size,
			     __s32 *fds, __u32 nfds)
{
	wait_for_work(_metadata, host);
	ASSERT_EQ(0, recv_into(host, r, buf, size, fds, nfds))
		TH_LOG("RECV: %s", errno_name(errno));
	ASSERT_EQ(type, r->type)
		TH_LOG("received %s, expected %s", work_name(r->type),
		       work_name(type));
}

/* Receives a RELEASE of (@object_id, @cookie) and checks every field. */
static inline void recv_release(struct __test_metadata *_metadata, int host,
				__u64 object_id, __u64 cookie)
{
	struct pmp_recv r, expect = {
		.type = PMP_WORK_RELEASE,
		.object_id = object_id,
		.cookie = cookie,
	};

	recv_work(_metadata, host, PMP_WORK_RELEASE, &r, NULL, 0, NULL, 0);
	ASSERT_EQ(0, memcmp(&expect, &r, sizeof(r)))
		TH_LOG("expected object %llu, got %llu cookie %llx txn %llu client %u",
		       (unsigned long long)object_id,
		       (unsigned long long)r.object_id,
		       (unsigned long long)r.cookie,
		       (unsigned long long)r.txn, r.client_id);
}

/* Receives a CLIENT_GONE of @client_id (0: any) and returns the id. */
static inline __u32 recv_client_gone(struct __test_metadata *_metadata,
				      int host, __u32 client_id)
{
	struct pmp_recv r, expect = { .type = PMP_WORK_CLIENT_GONE };

	recv_work(_metadata, host, PMP_WORK_CLIENT_GONE, &r, NULL, 0, NULL,
		  0);
	ASSERT_NE(0U, r.client_id);
	if (client_id) {
		ASSERT_EQ(client_id, r.client_id);
	}
	expect.client_id = r.client_id;
	ASSERT_EQ(0, memcmp(&expect, &r, sizeof(r)))
		TH_LOG("CLIENT_GONE carries more than the client id");
	return r.client_id;
}

/* Nothing is queued for the (O_NONBLOCK) host endpoint. */
static inline void assert_no_work(struct __test_metadata *_metadata, int host)
{
	struct pmp_recv r;

	ASSERT_EQ(0, poll_fd(host, 0) & POLLIN);
	ASSERT_EQ(-1, recv_into(host, &r, NULL, 0, NULL, 0))
		TH_LOG("RECV found %s", work_name(r.type));
	ASSERT_EQ(EAGAIN, errno)
		TH_LOG("RECV: %s", errno_name(errno));
}

/* Registers a host whose endpoint is O_NONBLOCK. */
static inline int new_nonblock_host(struct __test_metadata *_metadata,
				    __u64 *host_id)
{
	int fd = new_host(_metadata, host_id);

	ASSERT_EQ(0, fcntl(fd, F_SETFL, O_NONBLOCK));
	return fd;
}

/* ---- client commands in a thread --------------------------------------- */

/*
 * A client command running in a thread of its own.  Asyncs live in a
 * static pool so that a thread never writes to the stack of a test that
 * has failed; the teardown joins every one.
 */
struct async {
	pthread_t thread;
	bool started;
	bool joined;
	int fd;
	unsigned long cmd;
	union {
		struct pmp_create create;
		struct pmp_call call;
		struct pmp_recv recv;
	} arg;
	int ret;
	int err;
	pid_t tid;
};

#define MAX_ASYNCS	256

static struct async asyncs[MAX_ASYNCS];
static int nr_asyncs;

static inline void *async_main(void *p)
{
	struct async *a = p;

	__atomic_store_n(&a->tid, gettid(), __ATOMIC_RELEASE);
	a->ret = ioctl(a->fd, a->cmd, &a->arg);
	a->err = a->ret ? errno : 0;
	return NULL;
}

static inline struct async *async_start(struct __test_metadata *_metadata,
					int fd, unsigned long cmd,
					const void *arg, size_t size)
{
	struct async *a;

	ASSERT_GT(MAX_ASYNCS, nr_asyncs);
	a = &asyncs[nr_asyncs++];
	memset(a, 0, sizeof(*a));
	a->fd = fd;
	a->cmd = cmd;
	memcpy(&a->arg, arg, size);
	ASSERT_EQ(0, pthread_create(&a->thread, NULL, async_main, a));
	a->started = true;
	return a;
}

/* Starts CREATE_OBJECT of @clsid on @client. */
static inline struct async *async_create(struct __test_metadata *_metadata,
					 int client, const __u8 *clsid,
					 __u32 timeout_ms)
{
	struct pmp_create c;

	init_create(&c, clsid, timeout_ms);
	return async_start(_metadata, client, PMP_IOC_CREATE_OBJECT, &c,
			   sizeof(c));
}

static inline struct async *async_call(struct __test_metadata *_metadata,
				       int client, const struct pmp_call *call)
{
	return async_start(_metadata, client, PMP_IOC_CALL, call,
			   sizeof(*call));
}

static inline int join_within(pthread_t thread, int ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return pthread_timedjoin_np(thread, NULL, &ts);
}

/* Waits for the command to return. */
static inline void async_join(struct __test_metadata *_metadata,
			      struct async *a)
{
	ASSERT_EQ(0, join_within(a->thread, WAIT_MS))
		TH_LOG("the client command did not return in %d ms", WAIT_MS);
	a->joined = true;
}

/* Waits for the command and asserts that it returned 0. */
static inline void async_done(struct __test_metadata *_metadata,
			      struct async *a)
{
	async_join(_metadata, a);
	ASSERT_EQ(0, a->ret)
		TH_LOG("client command failed: %s", errno_name(a->err));
}

/* Waits for the command and asserts that it failed with @err. */
static inline void async_failed(struct __test_metadata *_metadata,
				struct async *a, int err)
{
	async_join(_metadata, a);
	ASSERT_EQ(-1, a->ret)
		TH_LOG("client command succeeded, expected %s",
		       errno_name(err));
	ASSERT_EQ(err, a->err)
		TH_LOG("expected %s, got %s", errno_name(err),
		       errno_name(a->err));
}

/* In teardown, once every descriptor is closed: nothing may still wait. */
static inline void join_asyncs(struct __test_metadata *_metadata)
{
	int i;

	for (i = 0; i < nr_asyncs; i++) {
		if (!asyncs[i].started || asyncs[i].joined)
			continue;
		EXPECT_EQ(0, join_within(asyncs[i].thread, WAIT_MS))
			TH_LOG("a client command still waits after teardown");
	}
	nr_asyncs = 0;
}

/*
 * Creates an object through a client thread, with the test answering as
 * the host with @cookie; returns the handle, the object id in @id and the
 * CREATE the host received in @r.
 */
static inline __u64 create_answered_seen(struct __test_metadata *_metadata,
					 int host, int client, __u64 cookie,
					 __u64 *id, struct pmp_recv *r)
{
	struct pmp_reply rp;
	struct async *a;

	a = async_create(_metadata, client, clsid_object, 0);
	recv_work(_metadata, host, PMP_WORK_CREATE, r, NULL, 0, NULL, 0);
	ASSERT_EQ(0, reply_object(host, r->txn, cookie, &rp))
		TH_LOG("REPLY: %s", errno_name(errno));
	ASSERT_EQ(1U, rp.object_new);
	async_done(_metadata, a);
	ASSERT_EQ(S_OK, a->arg.create.status);
	ASSERT_NE(0ULL, a->arg.create.handle);
	ASSERT_EQ(rp.object_id, a->arg.create.object_id);
	if (id)
		*id = rp.object_id;
	return a->arg.create.handle;
}

static inline __u64 create_answered(struct __test_metadata *_metadata, int host,
				    int client, __u64 cookie, __u64 *id)
{
	struct pmp_recv r;

	return create_answered_seen(_metadata, host, client, cookie, id, &r);
}

/*
 * An O_NONBLOCK host, lingering forever, and a client of it holding one
 * lock and a handle to one object (COOKIE(1)), which it returns.
 */
static inline __u64 host_client_object(struct __test_metadata *_metadata,
				       int *host, __u64 *host_id, int *client)
{
	set_param(_metadata, LINGER_MS, LINGER_FOREVER);
	*host = new_nonblock_host(_metadata, host_id);
	*client = new_client(_metadata, *host_id);
	ASSERT_OK(ioctl(*client, PMP_IOC_LOCK, 0UL));
	return create_answered(_metadata, *host, *client, COOKIE(1), NULL);
}

/* ---- a stub host ------------------------------------------------------- */

#define MAX_SERVER_THREADS	4
#define MAX_SERVERS		2

/*
 * Threads that answer every CREATE and CALL of one O_NONBLOCK host
 * endpoint (see the METHOD_* above) and count what they see.  They report
 * what goes wrong in @failures; the harness' assertions work only in the
 * test's own thread.
 */
struct server {
	int host;
	int stop;			/* eventfd: written to stop */
	int nr_threads;
	pthread_t threads[MAX_SERVER_THREADS];
	unsigned long creates;		/* the counters are __atomic */
	unsigned long calls;
	unsigned long releases;
	unsigned long gones;
	unsigned long discarded;	/* replies that got ECANCELED */
	unsigned long failures;
	char failure[256];		/* the first failure */
	__u64 next_cookie;
};

static struct server servers[MAX_SERVERS];
static int nr_servers;

static inline void server_fail(struct server *s, const char *what, int err)
{
	if (__atomic_fetch_add(&s->failures, 1, __ATOMIC_SEQ_CST) == 0)
		snprintf(s->failure, sizeof(s->failure), "%s: %s", what,
			 errno_name(err));
}

static inline void server_reply(struct server *s, struct pmp_reply *rp)
{
	if (!ioctl(s->host, PMP_IOC_REPLY, rp))
		return;
	if (errno == ECANCELED)
		__atomic_fetch_add(&s->discarded, 1, __ATOMIC_SEQ_CST);
	else
		server_fail(s, "REPLY", errno);
}

static inline void server_serve(struct server *s, const struct pmp_recv *r,
				void *buf, const __s32 *fds)
{
	struct pmp_reply rp = { .txn = r->txn };
	__u32 i;

	for (i = 0; i < r->nfds; i++)
		if (!(fcntl(fds[i], F_GETFD) & FD_CLOEXEC))
			server_fail(s, "received descriptor not O_CLOEXEC", 0);

	switch (r->type) {
	case PMP_WORK_CREATE:
		__atomic_fetch_add(&s->creates, 1, __ATOMIC_SEQ_CST);
		if (!memcmp(r->clsid, clsid_failing, sizeof(r->clsid))) {
			rp.status = E_NOINTERFACE;
		} else {
			rp.flags = PMP_REPLY_OBJECT;
			rp.cookie = __atomic_add_fetch(&s->next_cookie, 1,
						       __ATOMIC_SEQ_CST);
		}
		server_reply(s, &rp);
		break;
	case PMP_WORK_CALL:
		__atomic_fetch_add(&s->calls, 1, __ATOMIC_SEQ_CST);
		switch (r->method) {
		case METHOD_ECHO:
			rp.buf_ptr = ptr(buf);
			rp.buf_size = r->buf_size;
			rp.fds_ptr = ptr(fds);
			rp.nfds = r->nfds;
			break;
		case METHOD_NEW_OBJECT:
			rp.flags = PMP_REPLY_OBJECT;
			rp.cookie = __atomic_add_fetch(&s->next_cookie, 1,
						       __ATOMIC_SEQ_CST);
			break;
		case METHOD_SAME_OBJECT:
			rp.flags = PMP_REPLY_OBJECT;
			rp.cookie = r->cookie;
			break;
		default:
			rp.status = E_NOTIMPL;
			break;
		}
		server_reply(s, &rp);
		if (r->method == METHOD_SAME_OBJECT && rp.object_new)
			server_fail(s, "a known cookie made a new object", 0);
		break;
	case PMP_WORK_RELEASE:
		__atomic_fetch_add(&s->releases, 1, __ATOMIC_SEQ_CST);
		break;
	case PMP_WORK_CLIENT_GONE:
		__atomic_fetch_add(&s->gones, 1, __ATOMIC_SEQ_CST);
		break;
	default:
		server_fail(s, "unknown work type", 0);
		break;
	}
	for (i = 0; i < r->nfds; i++)
		close(fds[i]);
}

static inline void *server_main(void *p)
{
	struct server *s = p;
	__u32 size = 4096;
	char *buf = malloc(size);
	__s32 fds[PMP_FDS_MAX];
	struct pmp_recv r;

	for (;;) {
		struct pollfd pfd[2] = {
			{ .fd = s->host, .events = POLLIN },
			{ .fd = s->stop, .events = POLLIN },
		};

		if (!buf) {
			server_fail(s, "malloc", ENOMEM);
			break;
		}
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			server_fail(s, "poll", errno);
			break;
		}
		if (pfd[1].revents)
			break;
		if (!recv_into(s->host, &r, buf, size, fds, PMP_FDS_MAX)) {
			server_serve(s, &r, buf, fds);
			continue;
		}
		if (errno == EAGAIN || errno == EINTR)
			continue;
		if (errno == ESHUTDOWN)
			break;
		if (errno != EMSGSIZE) {
			server_fail(s, "RECV", errno);
			break;
		}
		size = r.buf_size;
		free(buf);
		buf = malloc(size);
	}
	free(buf);
	return NULL;
}

/* Starts @nr threads answering the O_NONBLOCK host endpoint @host. */
static inline struct server *server_start(struct __test_metadata *_metadata,
					  int host, int nr)
{
	struct server *s;
	int i;

	ASSERT_GT(MAX_SERVERS, nr_servers);
	ASSERT_GE(MAX_SERVER_THREADS, nr);
	ASSERT_EQ(O_NONBLOCK, fcntl(host, F_GETFL) & O_NONBLOCK);
	s = &servers[nr_servers++];
	memset(s, 0, sizeof(*s));
	s->stop = -1;
	s->host = host;
	s->next_cookie = COOKIE(0x1000);
	s->stop = eventfd(0, EFD_CLOEXEC);
	ASSERT_LE(0, s->stop);
	for (i = 0; i < nr; i++) {
		ASSERT_EQ(0, pthread_create(&s->threads[i], NULL, server_main,
					    s));
		s->nr_threads++;
	}
	return s;
}

/* Stops the server's threads; false if one would not stop. */
static inline bool server_stop(struct server *s)
{
	__u64 one = 1;
	bool ok = true;
	int i;

	if (s->stop < 0)
		return true;
	if (write(s->stop, &one, sizeof(one)) != sizeof(one))
		ok = false;
	for (i = 0; i < s->nr_threads; i++)
		if (join_within(s->threads[i], WAIT_MS))
			ok = false;
	s->nr_threads = 0;
	close(s->stop);
	s->stop = -1;
	return ok;
}

/* Stops the server and asserts that nothing went wrong in it. */
static inline void server_finish(struct __test_metadata *_metadata,
				 struct server *s)
{
	ASSERT_TRUE(server_stop(s));
	ASSERT_EQ(0UL, s->failures)
		TH_LOG("server: %s", s->failure);
}

static inline unsigned long server_count(unsigned long *counter)
{
	return __atomic_load_n(counter, __ATOMIC_SEQ_CST);
}

/* Waits until the server has counted @n in @counter. */
static inline void server_wait(struct __test_metadata *_metadata,
			       unsigned long *counter, unsigned long n)
{
	int ms;

	for (ms = 0; ms < WAIT_MS && server_count(counter) < n; ms++)
		sleep_ms(1);
	ASSERT_EQ(n, server_count(counter));
}

/* A handle to a new object of the running stub server. */
static inline __u64 create_served(struct __test_metadata *_metadata, int client,
				  __u64 *id)
{
	struct pmp_create c;

	ASSERT_EQ(0, create_object(client, &c))
		TH_LOG("CREATE_OBJECT: %s", errno_name(errno));
	ASSERT_EQ(S_OK, c.status);
	ASSERT_NE(0ULL, c.handle);
	ASSERT_NE(0ULL, c.object_id);
	if (id)
		*id = c.object_id;
	return c.handle;
}

/* ---- every fixture ----------------------------------------------------- */

/*
 * Stops the servers, kills the children, closes every descriptor (which
 * ends every command still waiting), restores the parameters and checks
 * the live counters.  No ASSERT: it would jump back into the teardown.
 */
static inline void env_teardown_threads(struct __test_metadata *_metadata)
{
	int i;

	/* A failed ASSERT leaves this set: it would log every EXPECT below. */
	_metadata->trigger = 0;

	for (i = 0; i < nr_servers; i++) {
		EXPECT_TRUE(server_stop(&servers[i]))
			TH_LOG("a server thread would not stop");
	}
	nr_servers = 0;
	kill_children();
	close_range(3, ~0U, 0);
	join_asyncs(_metadata);
	restore_params(_metadata);
	expect_live_counters_back(_metadata);
}

#endif /* TXN_HELPERS_H */
