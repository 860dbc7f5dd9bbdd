// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * spawn.c - pmp_server_spawn(): start a pmphost and connect to it
 *
 * The host is started through a double fork, so that it is never the
 * caller's child (the caller's SIGCHLD handling and waitpid(-1) loops never
 * see it; the kernel, not a parent, decides when it exits) and runs in a
 * session of its own (no terminal's signals).  Between fork and exec only
 * async-signal-safe calls run: the caller may have other threads.  pmphost
 * gets an empty environment, /dev/null on 0-2, the report pipe on 3 and,
 * if the caller chose one, a log on 4: no other descriptor.  It opens
 * /dev/pmp itself (an endpoint belongs to its opener), registers, and
 * reports its host id through the pipe.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "config.h"
#include "export.h"
#include "server.h"
#include "spawn.h"

/* Every descriptor the host gets is moved above these first. */
#define SPAWN_FD_SCRATCH 10

#define SPAWN_STR(x) SPAWN_STR_(x)
#define SPAWN_STR_(x) #x

/**
 * struct spawn - one start of pmphost, prepared before the fork
 * @path: the program.
 * @argv: its arguments.
 * @devnull: /dev/null, for the host's standard descriptors.
 * @report: the report pipe: read end, write end.
 * @log_fd: the caller's log descriptor, or -1.
 */
struct spawn {
	const char *path;
	const char *argv[10];
	int devnull;
	int report[2];
	int log_fd;
};

/**
 * pmp_spawn_report - write the one report of a spawned host
 * @fd: the report pipe
 * @err: 0 or a negative errno
 * @missing: with -EPERM, what the host lacked
 * @host_id: the host id, with @err 0
 * @layers: the host's sandbox layers
 *
 * Async-signal-safe: the spawner's child uses it when exec fails.
 *
 * Return: 0 or a negative errno.
 */
int pmp_spawn_report(int fd, int err, uint32_t missing, uint64_t host_id,
		     uint32_t layers)
{
	struct pmp_spawn_report r = {
		.err = err,
		.missing = missing,
		.host_id = host_id,
		.pid = getpid(),
		.layers = layers,
	};
	ssize_t n;

	do
		n = write(fd, &r, sizeof(r));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return n == sizeof(r) ? 0 : -EPIPE;
}

/* PMP_HOST_LOG_FD: a descriptor number that is open. */
static int spawn_log_fd(void)
{
	const char *s = secure_getenv("PMP_HOST_LOG_FD");
	char *end;
	long fd;

	if (!s || !*s)
		return -1;
	errno = 0;
	fd = strtol(s, &end, 10);
	if (errno || *end || fd < 0 || fd > INT32_MAX)
		return -EINVAL;
	if (fcntl(fd, F_GETFD) < 0)
		return -EBADF;
	return fd;
}

static int spawn_prepare(struct spawn *sp, unsigned int flags)
{
	const char *registry = secure_getenv("PMP_REGISTRY_DIR");
	const char **arg = sp->argv;

	sp->path = secure_getenv("PMP_HOST_PATH");
	if (!sp->path || !*sp->path)
		sp->path = PMP_HOST_PATH_DEFAULT;
	sp->log_fd = spawn_log_fd();
	if (sp->log_fd < -1)
		return sp->log_fd;

	*arg++ = "pmphost";
	if (flags & PMP_SPAWN_UNPROTECTED) {
		*arg++ = "--unprotected";
		/* A protected host trusts only the installed registry. */
		if (registry && *registry) {
			*arg++ = "--registry";
			*arg++ = registry;
		}
	}
	*arg++ = "--report-fd";
	*arg++ = SPAWN_STR(PMP_SPAWN_REPORT_FD);
	if (sp->log_fd >= 0) {
		*arg++ = "--log-fd";
		*arg++ = SPAWN_STR(PMP_SPAWN_LOG_FD);
	}
	*arg = NULL;

	sp->devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (sp->devnull < 0)
		return -errno;
	if (pipe2(sp->report, O_CLOEXEC)) {
		close(sp->devnull);
		return -errno;
	}
	return 0;
}

/* In the host-to-be: descriptors, signals, then exec. */
static void __attribute__((noreturn)) spawn_exec(const struct spawn *sp)
{
	static char *const envp[] = { NULL };
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	int null, report, log = -1, to = sp->report[1], sig;
	sigset_t none;

	/* Above every target first, so that no move overwrites another. */
	null = fcntl(sp->devnull, F_DUPFD_CLOEXEC, SPAWN_FD_SCRATCH);
	report = fcntl(sp->report[1], F_DUPFD_CLOEXEC, SPAWN_FD_SCRATCH);
	if (sp->log_fd >= 0)
		log = fcntl(sp->log_fd, F_DUPFD_CLOEXEC, SPAWN_FD_SCRATCH);
	if (null < 0 || report < 0 || (sp->log_fd >= 0 && log < 0))
		goto fail;
	to = report;
	if (dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0 ||
	    dup2(report, PMP_SPAWN_REPORT_FD) < 0 ||
	    (log >= 0 && dup2(log, PMP_SPAWN_LOG_FD) < 0))
		goto fail;
	to = PMP_SPAWN_REPORT_FD;
	close_range(log >= 0 ? PMP_SPAWN_LOG_FD + 1 : PMP_SPAWN_REPORT_FD + 1,
		    ~0U, 0);

	/* Nothing the caller set up for signals carries over. */
	for (sig = 1; sig < NSIG; sig++)
		sigaction(sig, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	execve(sp->path, (char *const *)sp->argv, envp);
fail:
	pmp_spawn_report(to, -errno, 0, 0, 0);
	_exit(127);
}

/* In the spawner's child: a new session, and the host outside it. */
static void __attribute__((noreturn)) spawn_child(const struct spawn *sp)
{
	pid_t pid;

	setsid();
	pid = _Fork();
	if (pid == 0)
		spawn_exec(sp);
	if (pid < 0)
		pmp_spawn_report(sp->report[1], -errno, 0, 0, 0);
	_exit(0);
}

static int spawn_fork(const struct spawn *sp)
{
	sigset_t all, old;
	pid_t pid;
	int err;

	/* No handler of the caller's may run in the child. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pid = _Fork();
	if (pid == 0)
		spawn_child(sp);
	err = pid < 0 ? -errno : 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		return err;

	/* It exits at once; a caller ignoring SIGCHLD has it reaped already. */
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return 0;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/* Reads the report; end of file first means the host died. */
static int spawn_read_report(int fd, struct pmp_spawn_report *r)
{
	long deadline = now_ms() + PMP_SPAWN_TIMEOUT_MS;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t got = 0;
	char more;
	long left;
	ssize_t n;
	int ret;

	while (got < sizeof(*r)) {
		left = deadline - now_ms();
		if (left <= 0)
			return -ETIMEDOUT;
		ret = poll(&pfd, 1, left);
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0)
			return -errno;
		if (!ret)
			return -ETIMEDOUT;
		n = read(fd, (char *)r + got, sizeof(*r) - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (!n)
			return -ECHILD;
		got += n;
	}
	/*
	 * Then its end of the pipe closing (the host closes it right after
	 * the report): when spawning returns, the host holds no descriptor
	 * of the spawner's.  More bytes are a protocol error; a host slow to
	 * close it is not.
	 */
	for (;;) {
		left = deadline - now_ms();
		if (left <= 0)
			return 0;
		ret = poll(&pfd, 1, left);
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret <= 0)
			return 0;
		n = read(fd, &more, 1);
		if (n < 0 && errno == EINTR)
			continue;
		return n > 0 ? -EPROTO : 0;
	}
}

/**
 * pmp_server_spawn - start a new pmphost and connect to it
 * @flags: 0 for a protected host, PMP_SPAWN_UNPROTECTED for an unprotected
 *	one
 * @out: the new server reference
 *
 * Environment read here (with secure_getenv(), and never passed on):
 * PMP_HOST_PATH, PMP_REGISTRY_DIR (unprotected hosts only),
 * PMP_HOST_LOG_FD.
 *
 * Return: 0, -EINVAL (unknown flags, or PMP_HOST_LOG_FD not a number),
 * -EBADF (PMP_HOST_LOG_FD not open), -ENOENT or -EACCES (no pmphost to
 * run), -EPERM (the kernel refused the protected registration), -EPROTO,
 * -ENODEV, -ECHILD (the host died before reporting), -ETIMEDOUT (no report
 * within 30 s), -ENOMEM.
 */
PMP_EXPORT int pmp_server_spawn(unsigned int flags, pmp_server **out)
{
	struct pmp_spawn_report report = { 0 };
	uint32_t want = flags & PMP_SPAWN_UNPROTECTED;
	struct spawn sp;
	pmp_server *srv;
	int ret;

	if (!out)
		return -EINVAL;
	*out = NULL;
	if (flags & ~PMP_SPAWN_UNPROTECTED)
		return -EINVAL;

	ret = spawn_prepare(&sp, flags);
	if (ret)
		return ret;
	ret = spawn_fork(&sp);
	close(sp.report[1]);
	close(sp.devnull);
	if (!ret)
		ret = spawn_read_report(sp.report[0], &report);
	close(sp.report[0]);
	if (!ret)
		ret = report.err;
	if (ret)
		return ret;
	if (!report.host_id)
		return -EPROTO;

	ret = pmp_server_get(report.host_id, false, &srv);
	if (ret)
		return ret;
	/* The host the kernel knows by that id must be the one started. */
	if (srv->host_flags != want || srv->host_pid != report.pid) {
		pmp_server_unref(srv);
		return -EPROTO;
	}
	srv->host_layers = report.layers;
	*out = srv;
	return 0;
}
