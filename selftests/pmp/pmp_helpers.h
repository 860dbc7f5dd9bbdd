/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp_helpers.h - sysfs counters, module parameters, children, endpoints,
 * snapshots of what a refused command must leave alone, spoilt ioctl
 * structures and unknown commands for the pmp kselftests
 *
 * Include it after defining _GNU_SOURCE.  It brings the harness in, so that
 * its helpers may assert; helpers that run in teardown only EXPECT.
 */

#ifndef PMP_HELPERS_H
#define PMP_HELPERS_H

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <linux/pmp.h>

/* The harness, copied unchanged, has an unused parameter. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop

#define PMP_DEV		"/dev/pmp"
#define PMP_SYSFS	"/sys/class/misc/pmp/"
#define PMP_PARAMS	"/sys/module/pmp/parameters/"

/* How long a test waits for something that must happen. */
#define WAIT_MS		20000
/* A user other than root, for the tests about other users. */
#define NOBODY		65534

static inline const char *errno_name(int err)
{
	const char *name = err ? strerrorname_np(err) : "no error";

	return name ? name : "unknown errno";
}

/*
 * Asserts that @call returned -1 with errno @err, the way the kernel's
 * selftests spell it: the return value first, then the exact errno.
 */
#define ASSERT_ERRNO(err, call) do { \
	int __want = (err); \
	int __ret = (call); \
	int __err = errno; \
	ASSERT_EQ(-1, __ret) \
		TH_LOG("%s succeeded, expected %s", #call, \
		       errno_name(__want)); \
	ASSERT_EQ(__want, __err) \
		TH_LOG("%s: expected %s, got %s", #call, errno_name(__want), \
		       errno_name(__err)); \
} while (0)

/* Asserts that @call returned 0. */
#define ASSERT_OK(call) do { \
	int __ret = (call); \
	ASSERT_EQ(0, __ret) \
		TH_LOG("%s: %s", #call, errno_name(errno)); \
} while (0)

static inline void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* ---- sysfs counters ---------------------------------------------------- */

enum counter {
	/* Live figures: they go up and down. */
	HOSTS,
	CLIENTS,
	LOCKS_HELD,
	OBJECTS,
	TRANSACTIONS_PENDING,
	/* Totals: they only grow. */
	REGISTRATIONS,
	REGISTRATIONS_REFUSED,
	LOCK_CALLS,
	UNLOCK_CALLS,
	OBJECTS_CREATED,
	OBJECTS_RELEASED,
	CALLS,
	TRANSACTIONS_CANCELLED,
	REPLIES_DISCARDED,
	TIMEOUTS,
	HOSTS_EXITED,
	USER_LIMIT_REFUSALS,
	REGISTRATIONS_REFUSED_UNTRUSTED,
	REGISTRATIONS_REFUSED_UNHARDENED,
	DENIED_PTRACE_ATTACH,
	DENIED_PTRACE_READ,
	DENIED_TRACEME,
	DENIED_DUMPABLE,
	REVOCATIONS,
	PROBE_MISSES,
	NR_COUNTERS,
};

#define NR_LIVE_COUNTERS	(TRANSACTIONS_PENDING + 1)

static const char *const counter_names[NR_COUNTERS] = {
	[HOSTS] = "hosts",
	[CLIENTS] = "clients",
	[LOCKS_HELD] = "locks_held",
	[OBJECTS] = "objects",
	[TRANSACTIONS_PENDING] = "transactions_pending",
	[REGISTRATIONS] = "registrations",
	[REGISTRATIONS_REFUSED] = "registrations_refused",
	[LOCK_CALLS] = "lock_calls",
	[UNLOCK_CALLS] = "unlock_calls",
	[OBJECTS_CREATED] = "objects_created",
	[OBJECTS_RELEASED] = "objects_released",
	[CALLS] = "calls",
	[TRANSACTIONS_CANCELLED] = "transactions_cancelled",
	[REPLIES_DISCARDED] = "replies_discarded",
	[TIMEOUTS] = "timeouts",
	[HOSTS_EXITED] = "hosts_exited",
	[USER_LIMIT_REFUSALS] = "user_limit_refusals",
	[REGISTRATIONS_REFUSED_UNTRUSTED] = "registrations_refused_untrusted",
	[REGISTRATIONS_REFUSED_UNHARDENED] = "registrations_refused_unhardened",
	[DENIED_PTRACE_ATTACH] = "denied_ptrace_attach",
	[DENIED_PTRACE_READ] = "denied_ptrace_read",
	[DENIED_TRACEME] = "denied_traceme",
	[DENIED_DUMPABLE] = "denied_dumpable",
	[REVOCATIONS] = "revocations",
	[PROBE_MISSES] = "probe_misses",
};

/* The counters as the fixture's setup found them. */
static long long start_counters[NR_COUNTERS];

/* Reads one decimal value and "\n" from @path. */
static inline int read_number(const char *path, long long *value)
{
	char buf[32], *end;
	ssize_t len;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len < 2 || buf[len - 1] != '\n' || !isdigit((unsigned char)buf[0]))
		return -1;
	buf[len] = '\0';
	errno = 0;
	*value = strtoll(buf, &end, 10);
	if (errno || end != buf + len - 1)
		return -1;
	return 0;
}

/* The module enforces trusted executables (parameter enforce). */
static inline bool enforcing(void)
{
	long long on = 0;

	return !read_number(PMP_SYSFS "enforcing", &on) && on;
}

static inline int read_counter(enum counter c, long long *value)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), PMP_SYSFS "%s", counter_names[c]);
	return read_number(path, value);
}

static inline void read_counters(struct __test_metadata *_metadata,
				 long long *c)
{
	int i;

	for (i = 0; i < NR_COUNTERS; i++) {
		ASSERT_EQ(0, read_counter(i, &c[i]))
			TH_LOG(PMP_SYSFS "%s is not one decimal value",
			       counter_names[i]);
	}
}

static inline long long counter_now(struct __test_metadata *_metadata,
				    enum counter c)
{
	long long value = -1;

	ASSERT_EQ(0, read_counter(c, &value))
		TH_LOG(PMP_SYSFS "%s is not one decimal value",
		       counter_names[c]);
	return value;
}

static inline void assert_counters(struct __test_metadata *_metadata,
				   const long long *before,
				   const long long *delta, int line)
{
	long long now[NR_COUNTERS];
	int i;

	read_counters(_metadata, now);
	for (i = 0; i < NR_COUNTERS; i++) {
		ASSERT_EQ(before[i] + delta[i], now[i])
			TH_LOG("line %d: %s went from %lld to %lld, not %+lld",
			       line, counter_names[i], before[i], now[i],
			       delta[i]);
	}
}

/*
 * Asserts that every counter moved from @before by exactly the deltas given
 * as designated initializers, e.g. ASSERT_COUNTERS(before, [CALLS] = 1);
 * the counters not named must not have moved.
 */
#define ASSERT_COUNTERS(before, ...) \
	assert_counters(_metadata, before, \
			(const long long[NR_COUNTERS]){ __VA_ARGS__ }, \
			__LINE__)

/* In teardown: the live counters must be back where setup found them. */
static inline void expect_live_counters_back(struct __test_metadata *_metadata)
{
	long long now;
	int i;

	for (i = 0; i < NR_LIVE_COUNTERS; i++) {
		EXPECT_EQ(0, read_counter(i, &now));
		EXPECT_EQ(start_counters[i], now)
			TH_LOG("%s is not back at its starting value",
			       counter_names[i]);
	}
}

/* ---- module parameters ------------------------------------------------- */

enum param {
	LINGER_MS,
	DEFAULT_TIMEOUT_MS,
	MAX_PAYLOAD,
	MAX_PENDING_CLIENT,
	MAX_PENDING_HOST,
	MAX_OBJECTS,
	MAX_USER_HOSTS,
	MAX_USER_CLIENTS,
	MAX_USER_PENDING,
	MAX_USER_BYTES,
	NR_PARAMS,
};

static const char *const param_names[NR_PARAMS] = {
	[LINGER_MS] = "linger_ms",
	[DEFAULT_TIMEOUT_MS] = "default_timeout_ms",
	[MAX_PAYLOAD] = "max_payload",
	[MAX_PENDING_CLIENT] = "max_pending_client",
	[MAX_PENDING_HOST] = "max_pending_host",
	[MAX_OBJECTS] = "max_objects",
	[MAX_USER_HOSTS] = "max_user_hosts",
	[MAX_USER_CLIENTS] = "max_user_clients",
	[MAX_USER_PENDING] = "max_user_pending",
	[MAX_USER_BYTES] = "max_user_bytes",
};

/*
 * The parameters as the program found them when it started, before any
 * test ran; -1 when they could not be read (no module).
 */
static long long initial_params[NR_PARAMS] = { -1 };

/* The parameters as the fixture's setup found them. */
static long long saved_params[NR_PARAMS];

static inline int read_param(enum param p, long long *value)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), PMP_PARAMS "%s", param_names[p]);
	return read_number(path, value);
}

static inline int write_param(enum param p, long long value)
{
	char path[PATH_MAX], buf[32];
	int fd, len, ret;

	snprintf(path, sizeof(path), PMP_PARAMS "%s", param_names[p]);
	len = snprintf(buf, sizeof(buf), "%lld\n", value);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = write(fd, buf, len) == len ? 0 : -1;
	close(fd);
	return ret;
}

static inline long long param_now(struct __test_metadata *_metadata,
				  enum param p)
{
	long long value = -1;

	ASSERT_EQ(0, read_param(p, &value))
		TH_LOG(PMP_PARAMS "%s: %s", param_names[p], strerror(errno));
	return value;
}

static inline void set_param(struct __test_metadata *_metadata, enum param p,
			     long long value)
{
	ASSERT_EQ(0, write_param(p, value))
		TH_LOG("cannot set %s to %lld: %s", param_names[p], value,
		       strerror(errno));
}

static void __attribute__((constructor)) read_initial_params(void)
{
	int i;

	for (i = 0; i < NR_PARAMS; i++)
		if (read_param(i, &initial_params[i]))
			initial_params[i] = -1;
}

/*
 * In setup: puts back what a test killed by the harness' timeout may have
 * left changed, then saves the parameters for the teardown to restore.
 */
static inline void save_params(struct __test_metadata *_metadata)
{
	int i;

	for (i = 0; i < NR_PARAMS; i++) {
		if (initial_params[i] >= 0 &&
		    param_now(_metadata, i) != initial_params[i])
			set_param(_metadata, i, initial_params[i]);
		saved_params[i] = param_now(_metadata, i);
	}
}

static inline void restore_params(struct __test_metadata *_metadata)
{
	int i;

	for (i = 0; i < NR_PARAMS; i++) {
		EXPECT_EQ(0, write_param(i, saved_params[i]))
			TH_LOG("cannot restore %s", param_names[i]);
	}
}

/* ---- children ---------------------------------------------------------- */

#define MAX_CHILDREN	64

/* Children (and adopted grandchildren) the teardown kills and reaps. */
static pid_t children[MAX_CHILDREN];
static int nr_children;

static inline void track_child(pid_t pid)
{
	if (pid > 0 && nr_children < MAX_CHILDREN)
		children[nr_children++] = pid;
}

static inline pid_t spawn(struct __test_metadata *_metadata)
{
	pid_t pid;

	ASSERT_GT(MAX_CHILDREN, nr_children);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid)
		TH_LOG("fork: %s", strerror(errno));
	track_child(pid);
	return pid;
}

/*
 * Waits for @pid to end and returns its exit code, or 128 plus the signal
 * that killed it.  A traced child is let go on from each of its stops.
 */
static inline int reap(pid_t pid)
{
	int status, i;

	for (;;) {
		if (waitpid(pid, &status, 0) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (!WIFSTOPPED(status))
			break;
		ptrace(PTRACE_CONT, pid, NULL,
		       WSTOPSIG(status) == SIGTRAP ? 0 : WSTOPSIG(status));
	}
	for (i = 0; i < nr_children; i++)
		if (children[i] == pid)
			children[i] = 0;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

static inline void kill_children(void)
{
	int i;

	for (i = 0; i < nr_children; i++)
		if (children[i] > 0)
			kill(children[i], SIGKILL);
	for (i = 0; i < nr_children; i++)
		if (children[i] > 0)
			reap(children[i]);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	nr_children = 0;
}

/* Reads or writes all of @len bytes: 0, or -1 on error or end of file. */
static inline int transfer_full(int fd, void *buf, size_t len, bool out)
{
	char *p = buf;
	ssize_t n;

	while (len) {
		n = out ? write(fd, p, len) : read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

static inline int write_full(int fd, const void *buf, size_t len)
{
	return transfer_full(fd, (void *)buf, len, true);
}

static inline int read_full(int fd, void *buf, size_t len)
{
	return transfer_full(fd, buf, len, false);
}

/* ---- endpoints --------------------------------------------------------- */

/* A pointer as the uapi structures carry it. */
static inline __u64 ptr(const void *p)
{
	return (uintptr_t)p;
}

static inline int pmp_open(void)
{
	return open(PMP_DEV, O_RDWR | O_CLOEXEC);
}

static inline int host_register(int fd, __u32 flags,
				struct pmp_host_register *reg)
{
	memset(reg, 0, sizeof(*reg));
	reg->flags = flags;
	return ioctl(fd, PMP_IOC_HOST_REGISTER, reg);
}

static inline int connect_host(int fd, __u64 host_id)
{
	struct pmp_connect conn = { .host_id = host_id };

	return ioctl(fd, PMP_IOC_CONNECT, &conn);
}

static inline int get_info(int fd, struct pmp_info *info)
{
	memset(info, 0, sizeof(*info));
	return ioctl(fd, PMP_IOC_INFO, info);
}

static inline struct pmp_info info_of(struct __test_metadata *_metadata,
				      int fd)
{
	struct pmp_info info;

	ASSERT_EQ(0, get_info(fd, &info))
		TH_LOG("INFO: %s", errno_name(errno));
	return info;
}

/* The kinds of endpoint a test issues a command on. */
enum endpoint_kind {
	EP_NEW,
	EP_HOST,
	EP_CLIENT,
	EP_ORPHAN,		/* a client whose host has gone */
};

/* Registers an unprotected host owned by the calling process. */
static inline int new_host(struct __test_metadata *_metadata, __u64 *host_id)
{
	struct pmp_host_register reg;
	int fd = pmp_open();

	ASSERT_LE(0, fd)
		TH_LOG("open " PMP_DEV ": %s", strerror(errno));
	ASSERT_EQ(0, host_register(fd, PMP_HOST_UNPROTECTED, &reg))
		TH_LOG("HOST_REGISTER: %s", errno_name(errno));
	ASSERT_NE(0ULL, reg.host_id);
	*host_id = reg.host_id;
	return fd;
}

static inline int new_client(struct __test_metadata *_metadata,
			     __u64 host_id)
{
	int fd = pmp_open();

	ASSERT_LE(0, fd)
		TH_LOG("open " PMP_DEV ": %s", strerror(errno));
	ASSERT_EQ(0, connect_host(fd, host_id))
		TH_LOG("CONNECT to host %llu: %s", (unsigned long long)host_id,
		       errno_name(errno));
	return fd;
}

/* poll()s @fd for input: its revents, 0 on timeout, -1 on error. */
static inline int poll_fd(int fd, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	if (poll(&pfd, 1, timeout_ms) < 0)
		return -1;
	return pfd.revents;
}

/* ---- "nothing changed" ------------------------------------------------- */

struct endpoint_state {
	int fd;
	int info_ret;
	int info_err;
	struct pmp_info info;
};

/* What a failed command must leave exactly as it was. */
struct snapshot {
	long long counters[NR_COUNTERS];
	struct endpoint_state ep[2];
};

static inline void take_state(int fd, struct endpoint_state *s)
{
	s->fd = fd;
	s->info_ret = fd < 0 ? 0 : get_info(fd, &s->info);
	s->info_err = s->info_ret ? errno : 0;
	if (fd < 0)
		memset(&s->info, 0, sizeof(s->info));
}

/* Records the counters and what INFO says of @fd and of @other. */
static inline void take_snapshot(struct __test_metadata *_metadata, int fd,
				 int other, struct snapshot *s)
{
	read_counters(_metadata, s->counters);
	take_state(fd, &s->ep[0]);
	take_state(other, &s->ep[1]);
}

static inline void assert_unchanged(struct __test_metadata *_metadata,
				    const struct snapshot *before, int line)
{
	struct snapshot now;
	int i;

	take_snapshot(_metadata, before->ep[0].fd, before->ep[1].fd, &now);
	assert_counters(_metadata, before->counters,
			(const long long[NR_COUNTERS]){ 0 }, line);
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(before->ep[i].info_ret, now.ep[i].info_ret)
			TH_LOG("line %d: INFO on fd %d changed its result",
			       line, now.ep[i].fd);
		ASSERT_EQ(before->ep[i].info_err, now.ep[i].info_err)
			TH_LOG("line %d: INFO on fd %d changed its errno",
			       line, now.ep[i].fd);
		ASSERT_EQ(0, memcmp(&before->ep[i].info, &now.ep[i].info,
				    sizeof(now.ep[i].info)))
			TH_LOG("line %d: INFO on fd %d changed", line,
			       now.ep[i].fd);
	}
}

#define ASSERT_UNCHANGED(snap) assert_unchanged(_metadata, snap, __LINE__)

/* ---- structures spoilt on purpose ------------------------------------- */

/* The kernel reads at most a page of any structure. */
#define MAX_STRUCT_SIZE	4096
/* The largest size an ioctl command can carry (14 bits). */
#define MAX_IOC_SIZE	((1U << _IOC_SIZEBITS) - 1)

/* A command, named for the test's log, and its argument. */
struct call {
	const char *name;
	unsigned long cmd;
	void *arg;
};

#define CALL(cmd) { #cmd, cmd, NULL }

static const struct call unknown_calls[] = {
	CALL(_IO(PMP_IOC_MAGIC, 0x0b)),
	CALL(_IO(PMP_IOC_MAGIC, 0x0c)),
	CALL(_IO(PMP_IOC_MAGIC, 0x3f)),
	CALL(_IO(PMP_IOC_MAGIC, 0xff)),
	CALL(_IOWR(PMP_IOC_MAGIC, 0x0c, struct pmp_call)),
	CALL(_IOWR(PMP_IOC_MAGIC, 0x0d, struct pmp_recv)),
	CALL(_IOWR(PMP_IOC_MAGIC, 0x3e, struct pmp_info)),
	CALL(_IOW(PMP_IOC_MAGIC, 0x80, __u64)),
	CALL(_IOR(PMP_IOC_MAGIC, 0xff, __u32)),
	/* Known numbers with another direction. */
	CALL(_IOR(PMP_IOC_MAGIC, 0x00, int)),
	CALL(_IOW(PMP_IOC_MAGIC, 0x00, int)),
	CALL(_IO(PMP_IOC_MAGIC, 0x01)),
	CALL(_IOR(PMP_IOC_MAGIC, 0x01, struct pmp_host_register)),
	CALL(_IOW(PMP_IOC_MAGIC, 0x01, struct pmp_host_register)),
	CALL(_IO(PMP_IOC_MAGIC, 0x02)),
	CALL(_IOWR(PMP_IOC_MAGIC, 0x02, struct pmp_connect)),
	CALL(_IOR(PMP_IOC_MAGIC, 0x03, int)),
	CALL(_IOW(PMP_IOC_MAGIC, 0x03, int)),
	CALL(_IOWR(PMP_IOC_MAGIC, 0x04, int)),
	CALL(_IO(PMP_IOC_MAGIC, 0x05)),
	CALL(_IOR(PMP_IOC_MAGIC, 0x05, struct pmp_info)),
	CALL(_IOW(PMP_IOC_MAGIC, 0x05, struct pmp_info)),
	/* Known numbers under another magic. */
	CALL(_IO(PMP_IOC_MAGIC + 1, 0x00)),
	CALL(_IO(PMP_IOC_MAGIC - 1, 0x03)),
	CALL(_IOWR('x', 0x01, struct pmp_host_register)),
	/* Terminal ioctls: a pmp endpoint is no tty. */
	CALL(0x5401),	/* TCGETS */
	CALL(0x541B),	/* FIONREAD */
};

/* A zeroed page for the argument of unknown commands. */
static __u64 zero_page[MAX_STRUCT_SIZE / sizeof(__u64)];

/* Fills @calls with every unknown command; returns how many. */
static inline int unknown_commands(struct call *calls)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(unknown_calls); i++) {
		calls[i] = unknown_calls[i];
		calls[i].arg = zero_page;
	}
	return ARRAY_SIZE(unknown_calls);
}

/* A field of a uapi structure, named for the test's log. */
struct field {
	const char *name;
	unsigned int offset;
	unsigned int size;
};

#define FIELD(type, member) \
	{ #member, offsetof(type, member), sizeof(((type *)0)->member) }

/* Command @nr of direction @dir, for a structure of @size bytes. */
static inline unsigned long sized_cmd(unsigned int dir, unsigned int nr,
				      unsigned int size)
{
	return _IOC(dir, PMP_IOC_MAGIC, nr, size);
}

/*
 * Asserts that @cmd on @fd fails with @err; @what says what is wrong with
 * the structure at @arg.
 */
static inline void assert_cmd_fails(struct __test_metadata *_metadata,
				    int fd, unsigned long cmd, void *arg,
				    int err, const char *what)
{
	unsigned int size = _IOC_SIZE(cmd);
	int got;

	ASSERT_EQ(-1, ioctl(fd, cmd, arg))
		TH_LOG("%s, size %u: succeeded", what, size);
	got = errno;
	ASSERT_EQ(err, got)
		TH_LOG("%s, size %u: expected %s, got %s", what, size,
		       errno_name(err), errno_name(got));
}

/* ---- every fixture ----------------------------------------------------- */

/* linger_ms for tests that are not about lifetime: no host exits. */
#define LINGER_FOREVER	(10 * 60 * 1000)

/*
 * Skips the test when the module is not loaded, else records where the
 * counters and parameters start.
 */
static inline void env_setup(struct __test_metadata *_metadata)
{
	if (access(PMP_DEV, F_OK))
		SKIP(longjmp(_metadata->env, 1),
		     PMP_DEV " not present (module not loaded)");
	signal(SIGPIPE, SIG_IGN);
	/* Grandchildren whose parent died are ours to reap. */
	ASSERT_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
	nr_children = 0;
	save_params(_metadata);
	read_counters(_metadata, start_counters);
}

/*
 * Kills the children, closes every descriptor, restores the parameters and
 * checks the live counters.  No ASSERT: it would jump back into the
 * teardown.
 */
static inline void env_teardown(struct __test_metadata *_metadata)
{
	/* A failed ASSERT leaves this set: it would log every EXPECT below. */
	_metadata->trigger = 0;

	kill_children();
	close_range(3, ~0U, 0);
	restore_params(_metadata);
	expect_live_counters_back(_metadata);
}

#endif /* PMP_HELPERS_H */
