// SPDX-License-Identifier: MIT
/*
 * pmp-demo - one protected host, three clients, their locks and a crash
 *
 * Walks through what pmp.ko does, with the raw ioctls of <linux/pmp.h>:
 * a host process hardens itself (libcap, libseccomp) and registers as a
 * protected PMP host, three client processes connect and take locks, one of
 * them is killed while holding its locks, the others drop theirs, and the
 * host goes, which every remaining client sees as a hang-up.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/pmp.h>
#include <seccomp.h>
#include <sys/capability.h>

#define NCLIENTS 3

static void die(const char *what)
{
	fprintf(stderr, "pmp-demo: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void show_counters(const char *when)
{
	static const char *const names[] = {
		"hosts", "clients", "locks_held", "registrations",
		"registrations_refused", "lock_calls", "unlock_calls",
	};
	char path[128], val[32];
	size_t i;

	printf("sysfs counters %s:\n", when);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		FILE *f;

		snprintf(path, sizeof(path), "/sys/class/misc/pmp/%s", names[i]);
		f = fopen(path, "re");
		if (!f || !fgets(val, sizeof(val), f))
			die(path);
		fclose(f);
		printf("  %-22s %s", names[i], val);
	}
	fflush(stdout);
}

static void show_info(const char *who, int fd)
{
	struct pmp_info info = { 0 };

	if (ioctl(fd, PMP_IOC_INFO, &info))
		die("PMP_IOC_INFO");
	printf("%s: host %llu (pid %u, %s), %u client(s), host lock count %llu, "
	       "own share %u\n", who, (unsigned long long)info.host_id,
	       info.host_pid,
	       info.host_flags & PMP_HOST_UNPROTECTED ? "unprotected" :
							"protected",
	       info.clients, (unsigned long long)info.locks, info.own_locks);
	fflush(stdout);
}

/* What pmphost does before registering, in brief. */
static void harden(void)
{
	static const int denied[] = {
		SCMP_SYS(ptrace), SCMP_SYS(process_vm_readv),
		SCMP_SYS(process_vm_writev), SCMP_SYS(socket),
		SCMP_SYS(connect), SCMP_SYS(execve), SCMP_SYS(execveat),
	};
	struct rlimit no_core = { 0, 0 };
	scmp_filter_ctx ctx;
	cap_t caps;
	size_t i;

	if (prctl(PR_SET_DUMPABLE, 0) || setrlimit(RLIMIT_CORE, &no_core) ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		die("prctl");
	if (cap_reset_ambient())
		die("cap_reset_ambient");
	caps = cap_init();
	if (!caps || cap_set_proc(caps))
		die("cap_set_proc");
	cap_free(caps);

	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx)
		die("seccomp_init");
	for (i = 0; i < sizeof(denied) / sizeof(denied[0]); i++)
		if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), denied[i], 0))
			die("seccomp_rule_add");
	if (seccomp_load(ctx))
		die("seccomp_load");
	seccomp_release(ctx);
}

/*
 * A fork of the demo that hardens itself exactly as the host will: the
 * module refuses it all the same, since only a trusted executable, from
 * its exec on, may be protected (make demo loads the module with this
 * program in trusted_exe).
 */
static void run_impostor(void)
{
	struct pmp_host_register reg = { 0 };
	int fd = open("/dev/pmp", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		die("open /dev/pmp");
	harden();
	if (ioctl(fd, PMP_IOC_HOST_REGISTER, &reg) == 0 || errno != EPERM)
		die("a hardened fork registered as a protected host");
	printf("impostor: hardened, not exec'd: EPERM, missing properties "
	       "0x%03x%s\n", reg.missing,
	       reg.missing & PMP_HARDEN_TRUSTED_EXEC ?
		       " (not a trusted executable)" : "");
	_exit(0);
}

static void run_host(int report, int quit)
{
	struct pmp_host_register reg = { 0 };
	int fd = open("/dev/pmp", O_RDWR | O_CLOEXEC);
	char c;

	if (fd < 0)
		die("open /dev/pmp");

	if (ioctl(fd, PMP_IOC_HOST_REGISTER, &reg) == 0 || errno != EPERM)
		die("an unhardened protected registration was not refused");
	printf("host: protected registration before hardening: EPERM, "
	       "missing properties 0x%02x\n", reg.missing);

	harden();
	memset(&reg, 0, sizeof(reg));
	if (ioctl(fd, PMP_IOC_HOST_REGISTER, &reg))
		die("PMP_IOC_HOST_REGISTER");
	printf("host: hardened and registered as protected host %llu\n",
	       (unsigned long long)reg.host_id);
	fflush(stdout);
	if (write(report, &reg.host_id, sizeof(reg.host_id)) < 0)
		die("write");
	if (read(quit, &c, 1) < 0)
		die("read");
	show_info("host", fd);
	printf("host: exiting\n");
	fflush(stdout);
	_exit(0);
}

static void run_client(int n, __u64 host_id, int go)
{
	struct pmp_connect conn = { .host_id = host_id };
	struct pollfd pfd;
	char who[16], c;
	int fd, i;

	snprintf(who, sizeof(who), "client %d", n);
	fd = open("/dev/pmp", O_RDWR | O_CLOEXEC);
	if (fd < 0 || ioctl(fd, PMP_IOC_CONNECT, &conn))
		die("connect");
	for (i = 0; i <= n; i++)
		if (ioctl(fd, PMP_IOC_LOCK, 0))
			die("PMP_IOC_LOCK");
	show_info(who, fd);

	/* Wait for the go, then drop the locks and wait for the hang-up. */
	if (read(go, &c, 1) < 0)
		die("read");
	for (i = 0; i <= n; i++)
		if (ioctl(fd, PMP_IOC_UNLOCK, 0))
			die("PMP_IOC_UNLOCK");
	if (ioctl(fd, PMP_IOC_UNLOCK, 0) == 0 || errno != ENOLCK)
		die("an unlock at zero did not fail with ENOLCK");
	printf("%s: dropped %d lock(s); one more unlock: ENOLCK\n", who, n + 1);
	fflush(stdout);

	pfd.fd = fd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 10000) != 1 || !(pfd.revents & POLLHUP))
		die("no hang-up from the host");
	if (ioctl(fd, PMP_IOC_LOCK, 0) == 0 || errno != ESHUTDOWN)
		die("LOCK after the host went did not fail with ESHUTDOWN");
	printf("%s: host gone: poll says POLLHUP, LOCK says ESHUTDOWN\n", who);
	fflush(stdout);
	_exit(0);
}

#define HOST_ARG "--host"

int main(int argc, char **argv)
{
	int report[2], quit[2], go[2];
	pid_t host, clients[NCLIENTS];
	char fds[2][16];
	__u64 host_id;
	int i, status, fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* The host: this program exec'd again, with its two pipes. */
	if (argc == 4 && !strcmp(argv[1], HOST_ARG))
		run_host(atoi(argv[2]), atoi(argv[3]));

	show_counters("at the start");
	host = fork();
	if (host == 0)
		run_impostor();
	waitpid(host, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return 1;

	if (pipe2(report, O_CLOEXEC) || pipe2(quit, 0) ||
	    pipe2(go, O_CLOEXEC))
		die("pipe");
	host = fork();
	if (host == 0) {
		snprintf(fds[0], sizeof(fds[0]), "%d", report[1]);
		snprintf(fds[1], sizeof(fds[1]), "%d", quit[0]);
		if (fcntl(report[1], F_SETFD, 0))
			die("fcntl");
		execl("/proc/self/exe", "pmp-demo", HOST_ARG, fds[0], fds[1],
		      (char *)NULL);
		die("exec");
	}
	if (read(report[0], &host_id, sizeof(host_id)) != sizeof(host_id))
		die("no host id from the host");

	for (i = 0; i < NCLIENTS; i++) {
		clients[i] = fork();
		if (clients[i] == 0)
			run_client(i, host_id, go[0]);
		usleep(300000);
	}
	sleep(1);

	fd = open("/dev/pmp", O_RDWR | O_CLOEXEC);
	{
		struct pmp_connect conn = { .host_id = host_id };

		if (fd < 0 || ioctl(fd, PMP_IOC_CONNECT, &conn))
			die("connect");
	}
	show_info("observer", fd);
	show_counters("with three clients holding 1 + 2 + 3 locks");

	printf("killing client 2 (3 locks) with SIGKILL\n");
	kill(clients[2], SIGKILL);
	waitpid(clients[2], &status, 0);
	show_info("observer", fd);

	printf("telling clients 0 and 1 to drop their locks\n");
	if (write(go[1], "gg", 2) != 2)
		die("write");
	sleep(1);
	show_info("observer", fd);
	close(fd);

	printf("telling the host to exit\n");
	if (write(quit[1], "q", 1) != 1)
		die("write");
	waitpid(host, &status, 0);
	for (i = 0; i < 2; i++) {
		waitpid(clients[i], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			return 1;
	}
	show_counters("at the end");
	return 0;
}
