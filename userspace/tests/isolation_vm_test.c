// SPDX-License-Identifier: GPL-2.0
/*
 * isolation_vm_test - nobody reaches into a protected pmphost, root
 * included; the same probes reach an unprotected host and an ordinary
 * process
 *
 * Runs where pmp.ko is loaded (enforcing) and the project is installed,
 * as root: in the VM, from run-installed.sh.  Each row is a process
 * (root, or uid 65534 with no capability) that starts its own targets as
 * its children, so that Yama's relational ptrace scope lets it try: a
 * protected pmphost (pmp_server_spawn(0), as MFCreatePMPServer(0) does),
 * an unprotected one, and an ordinary child.  Then it tries every probe on
 * each target and records the errno.  The expected table is below, each
 * cell exact; pmp's denial counters must grow by exactly the probes pmp
 * denied (root's into the protected host): an unprivileged probe of a
 * non-dumpable host is the kernel's own refusal and is not counted.
 *
 * Then three more cells, each with its control: a storm of probes from
 * many threads at once (every one denied and counted, no kretprobe
 * instance missed; the same storm reaches an ordinary process), a crash
 * with a core dump piped to a helper that ignores RLIMIT_CORE (no core of
 * either host; an ordinary process's is written), and LD_PRELOAD into the
 * trusted pmphost (ignored: the guard makes its exec AT_SECURE; a copy of
 * the same file elsewhere, not trusted, loads it).
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/kcmp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>

#include "pmp_helpers.h"

#include "pmp/pmp.h"

#define NOBODY 65534
/* Long enough for a row's probes under emulation on the debug kernel. */
#define LINGER_TEST_MS 600000

enum probe {
	PTRACE_ATTACH_STOP,	/* PTRACE_ATTACH, wait, detach */
	PTRACE_SEIZE_PEEKPOKE,	/* SEIZE, INTERRUPT, PEEKDATA, POKEDATA back */
	PROC_MEM_READ,		/* /proc/PID/mem, pread */
	PROC_MEM_WRITE,		/* the same bytes written back */
	PROC_ENVIRON,
	PROC_MAPS,
	VM_READV,		/* process_vm_readv */
	VM_WRITEV,		/* process_vm_writev of the same bytes */
	PIDFD_GETFD,		/* pidfd_getfd of its first descriptor */
	PROBE_KCMP,		/* kcmp(KCMP_VM) */
	NR_PROBES,
};

static const char *const probe_names[NR_PROBES] = {
	"ptrace attach", "ptrace seize+peek+poke", "/proc/PID/mem read",
	"/proc/PID/mem write", "/proc/PID/environ", "/proc/PID/maps",
	"process_vm_readv", "process_vm_writev", "pidfd_getfd", "kcmp",
};

/* ptrace-class checks pmp's hook sees for each probe, in ATTACH mode. */
static const int probe_attach[NR_PROBES] = {
	[PTRACE_ATTACH_STOP] = 1, [PTRACE_SEIZE_PEEKPOKE] = 1,
	[PROC_MEM_READ] = 1, [PROC_MEM_WRITE] = 1, [VM_READV] = 1,
	[VM_WRITEV] = 1, [PIDFD_GETFD] = 1,
};

enum target { PROTECTED, UNPROTECTED, PLAIN, NR_TARGETS };

static const char *const target_names[NR_TARGETS] = {
	"protected host", "unprotected host", "ordinary process",
};

/* What the kernel answers a refused probe of each kind. */
static const int refused[NR_PROBES] = {
	[PTRACE_ATTACH_STOP] = EPERM, [PTRACE_SEIZE_PEEKPOKE] = EPERM,
	[PROC_MEM_READ] = EACCES, [PROC_MEM_WRITE] = EACCES,
	[PROC_ENVIRON] = EACCES, [PROC_MAPS] = EACCES,
	[VM_READV] = EPERM, [VM_WRITEV] = EPERM, [PIDFD_GETFD] = EPERM,
	[PROBE_KCMP] = EPERM,
};

struct row {
	int ready;		/* 0, or the step of the set-up that failed */
	int err[NR_TARGETS][NR_PROBES];
	pid_t pid[NR_TARGETS];
};

/* A readable and writable address in @pid's memory, from its maps. */
static uintptr_t writable_address(pid_t pid)
{
	char path[64], line[512];
	uintptr_t lo = 0, hi;
	char perms[8];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " %7s", &lo, &hi,
			   perms) == 3 && perms[0] == 'r' && perms[1] == 'w')
			break;
		else
			lo = 0;
	fclose(f);
	return lo;
}

static int stop_and_wait(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, __WALL) != pid)
		return errno;
	return WIFSTOPPED(status) ? 0 : ECHILD;
}

static int probe_ptrace(pid_t pid, bool seize)
{
	struct user_regs_struct regs;
	long word;
	int err = 0;

	if (ptrace(seize ? PTRACE_SEIZE : PTRACE_ATTACH, pid, 0, 0))
		return errno;
	if (seize && ptrace(PTRACE_INTERRUPT, pid, 0, 0))
		err = errno;
	if (!err)
		err = stop_and_wait(pid);
	if (!err && seize) {
		errno = 0;
		if (ptrace(PTRACE_GETREGS, pid, 0, &regs))
			err = errno;
		if (!err) {
			word = ptrace(PTRACE_PEEKDATA, pid, regs.rsp, 0);
			if (errno)
				err = errno;
		}
		if (!err && ptrace(PTRACE_POKEDATA, pid, regs.rsp, word))
			err = errno;
	}
	ptrace(PTRACE_DETACH, pid, 0, 0);
	return err;
}

static int probe_proc_file(pid_t pid, const char *name, bool write_back)
{
	char path[64], buf[64];
	uintptr_t at = 0;
	int fd, err = 0;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, name);
	fd = open(path, (write_back ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (!strcmp(name, "mem")) {
		at = writable_address(pid);
		if (!at)
			err = ENXIO;
	}
	/* Empty is fine (pmphost starts with no environment). */
	if (!err && pread(fd, buf, sizeof(buf), at) < (at ? 1 : 0))
		err = errno ?: EIO;
	if (!err && write_back && pwrite(fd, buf, sizeof(buf), at) !=
				  (ssize_t)sizeof(buf))
		err = errno ?: EIO;
	close(fd);
	return err;
}

static int probe_vm(pid_t pid, bool write_back)
{
	char buf[64];
	struct iovec local = { buf, sizeof(buf) };
	struct iovec remote = { NULL, sizeof(buf) };

	/*
	 * The access check first, at an address of nothing (EFAULT once
	 * allowed), so that the maps are read only where that passed.
	 */
	if (process_vm_readv(pid, &local, 1, &remote, 1, 0) >= 0)
		return EIO;
	if (errno != EFAULT)
		return errno;
	remote.iov_base = (void *)writable_address(pid);
	if (process_vm_readv(pid, &local, 1, &remote, 1, 0) != sizeof(buf))
		return errno;
	if (write_back &&
	    process_vm_writev(pid, &local, 1, &remote, 1, 0) != sizeof(buf))
		return errno;
	return 0;
}

static int probe_pidfd_getfd(pid_t pid)
{
	int pidfd = syscall(SYS_pidfd_open, pid, 0), fd, err = EBADF;

	if (pidfd < 0)
		return errno;
	for (int n = 0; n < 64; n++) {
		fd = syscall(SYS_pidfd_getfd, pidfd, n, 0);
		if (fd >= 0) {
			close(fd);
			err = 0;
			break;
		}
		if (errno != EBADF) {
			err = errno;
			break;
		}
	}
	close(pidfd);
	return err;
}

static int probe(enum probe p, pid_t pid)
{
	switch (p) {
	case PTRACE_ATTACH_STOP:
		return probe_ptrace(pid, false);
	case PTRACE_SEIZE_PEEKPOKE:
		return probe_ptrace(pid, true);
	case PROC_MEM_READ:
		return probe_proc_file(pid, "mem", false);
	case PROC_MEM_WRITE:
		return probe_proc_file(pid, "mem", true);
	case PROC_ENVIRON:
		return probe_proc_file(pid, "environ", false);
	case PROC_MAPS:
		return probe_proc_file(pid, "maps", false);
	case VM_READV:
		return probe_vm(pid, false);
	case VM_WRITEV:
		return probe_vm(pid, true);
	case PIDFD_GETFD:
		return probe_pidfd_getfd(pid);
	case PROBE_KCMP:
		return syscall(SYS_kcmp, getpid(), pid, KCMP_VM, 0, 0) < 0 ?
			       errno : 0;
	default:
		return EINVAL;
	}
}

static int become(uid_t uid)
{
	if (!uid)
		return 0;
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
	    setresuid(uid, uid, uid))
		return -1;
	/* setresuid() made it non-dumpable? No: same-uid dumpable again. */
	return prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
}

/* A row: as @uid, start the targets, probe each, fill @r. */
static void run_row(uid_t uid, struct row *r)
{
	pmp_server *srv[2] = { NULL, NULL };
	pid_t plain;
	int t;

	/* The hosts become children of the row (Yama's scope 1). */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) || become(uid)) {
		r->ready = 1;
		return;
	}
	if (pmp_server_spawn(0, &srv[0]) ||
	    pmp_server_spawn(PMP_SPAWN_UNPROTECTED, &srv[1])) {
		r->ready = 2;
		return;
	}
	plain = fork();
	if (plain == 0) {
		for (;;)
			pause();
	}
	r->pid[PROTECTED] = pmp_server_host_pid(srv[0]);
	r->pid[UNPROTECTED] = pmp_server_host_pid(srv[1]);
	r->pid[PLAIN] = plain;
	for (t = 0; t < NR_TARGETS; t++)
		for (int p = 0; p < NR_PROBES; p++)
			r->err[t][p] = probe(p, r->pid[t]);
	/* Gone before the row is: the counters are back when it returns. */
	for (t = 0; t < NR_TARGETS; t++) {
		kill(r->pid[t], SIGKILL);
		waitpid(r->pid[t], NULL, 0);
	}
	pmp_server_unref(srv[0]);
	pmp_server_unref(srv[1]);
}

/* Runs a row in a child and returns what it found. */
static void row(struct __test_metadata *_metadata, uid_t uid, struct row *out)
{
	struct row *r = mmap(NULL, sizeof(*r), PROT_READ | PROT_WRITE,
			     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	ASSERT_NE(MAP_FAILED, r);
	memset(r, 0, sizeof(*r));
	r->ready = -1;
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		r->ready = 0;
		run_row(uid, r);
		_exit(0);
	}
	ASSERT_EQ(0, reap(pid));
	*out = *r;
	munmap(r, sizeof(*r));
	ASSERT_EQ(0, out->ready) TH_LOG("the row's set-up failed (step %d)",
					out->ready);
}

static void assert_cell(struct __test_metadata *_metadata,
			const struct row *r, enum target t, enum probe p,
			int want)
{
	EXPECT_EQ(want, r->err[t][p])
		TH_LOG("%s into the %s (pid %d): %s, expected %s",
		       probe_names[p], target_names[t], r->pid[t],
		       errno_name(r->err[t][p]), errno_name(want));
}

FIXTURE(matrix) {
	long long before[NR_COUNTERS];
	/* The module's enforcement (enforce= at load): pmp's own denials. */
	bool enforcing;
};

FIXTURE_SETUP(matrix)
{
	long long enforcing = -1;

	if (access("/dev/pmp", R_OK | W_OK))
		SKIP(return, "no /dev/pmp");
	ASSERT_EQ(0, read_number("/sys/class/misc/pmp/enforcing", &enforcing));
	ASSERT_TRUE(enforcing == 0 || enforcing == 1);
	self->enforcing = enforcing;
	TH_LOG("enforcement %s", enforcing ? "on" : "off");
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_TEST_MS);
	read_counters(_metadata, self->before);
}

FIXTURE_TEARDOWN(matrix)
{
	env_teardown(_metadata);
}

TEST_F_TIMEOUT(matrix, root_is_kept_out_of_the_protected_host_only, 600)
{
	int attach = 0, read = 0;
	struct row r;

	row(_metadata, 0, &r);
	for (int p = 0; p < NR_PROBES; p++) {
		/* Without enforcement root gets in as into any process. */
		assert_cell(_metadata, &r, PROTECTED, p,
			    self->enforcing ? refused[p] : 0);
		assert_cell(_metadata, &r, UNPROTECTED, p, 0);
		assert_cell(_metadata, &r, PLAIN, p, 0);
		/* kcmp checks both processes: only the host is refused. */
		if (!self->enforcing)
			continue;
		if (probe_attach[p])
			attach++;
		else
			read++;
	}
	ASSERT_COUNTERS(self->before, [DENIED_PTRACE_ATTACH] = attach,
			[DENIED_PTRACE_READ] = read,
			[REGISTRATIONS] = 2);
}

TEST_F_TIMEOUT(matrix, an_unprivileged_user_is_kept_out_of_both_hosts, 600)
{
	struct row r;

	row(_metadata, NOBODY, &r);
	for (int p = 0; p < NR_PROBES; p++) {
		/* Non-dumpable: the kernel refuses before pmp's hook. */
		assert_cell(_metadata, &r, PROTECTED, p, refused[p]);
		assert_cell(_metadata, &r, UNPROTECTED, p, refused[p]);
		assert_cell(_metadata, &r, PLAIN, p, 0);
	}
	ASSERT_COUNTERS(self->before, [REGISTRATIONS] = 2);
}

/* ---- a storm of probes: each denied and counted, none missed ---- */

#define STORM_THREADS 64
#define STORM_PROBES 200

struct storm {
	pid_t pid;
	int want;			/* errno each probe must end with */
	atomic_uint wrong;		/* probes that ended otherwise */
	atomic_uint last_err;
};

static void *storm_thread(void *arg)
{
	struct storm *s = arg;
	char buf[8];
	struct iovec local = { buf, sizeof(buf) };
	/* Address 0: EFAULT where the access check passes. */
	struct iovec remote = { NULL, sizeof(buf) };

	for (int i = 0; i < STORM_PROBES; i++) {
		if (process_vm_readv(s->pid, &local, 1, &remote, 1, 0) >= 0) {
			atomic_fetch_add(&s->wrong, 1);
		} else if (errno != s->want) {
			atomic_store(&s->last_err, errno);
			atomic_fetch_add(&s->wrong, 1);
		}
	}
	return NULL;
}

/* STORM_THREADS threads at once probe @pid: how many did not get @want. */
static unsigned int storm(struct __test_metadata *_metadata, pid_t pid,
			  int want)
{
	pthread_t t[STORM_THREADS];
	struct storm s = { .pid = pid, .want = want };
	int i;

	for (i = 0; i < STORM_THREADS; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, storm_thread, &s));
	for (i = 0; i < STORM_THREADS; i++)
		ASSERT_EQ(0, pthread_join(t[i], NULL));
	if (atomic_load(&s.wrong))
		TH_LOG("%u probes of pid %d did not end with %s (last: %s)",
		       atomic_load(&s.wrong), pid, errno_name(want),
		       errno_name(atomic_load(&s.last_err)));
	return atomic_load(&s.wrong);
}

TEST_F_TIMEOUT(matrix, a_storm_of_probes_is_denied_without_a_miss, 600)
{
	pmp_server *srv = NULL;
	pid_t host, plain;

	ASSERT_EQ(0, pmp_server_spawn(0, &srv));
	host = pmp_server_host_pid(srv);
	ASSERT_LT(0, host);
	plain = fork();
	ASSERT_LE(0, plain);
	if (plain == 0) {
		for (;;)
			pause();
	}
	/* Control: the same storm reaches an ordinary process. */
	EXPECT_EQ(0u, storm(_metadata, plain, EFAULT));
	EXPECT_EQ(0u, storm(_metadata, host, self->enforcing ? EPERM : EFAULT));
	kill(plain, SIGKILL);
	EXPECT_EQ(plain, waitpid(plain, NULL, 0));
	kill(host, SIGKILL);
	EXPECT_EQ(host, waitpid(host, NULL, 0));
	pmp_server_unref(srv);
	/* Each probe is one ATTACH-mode check, each one pmp's denial. */
	ASSERT_COUNTERS(self->before,
			[DENIED_PTRACE_ATTACH] = self->enforcing ?
				STORM_THREADS * STORM_PROBES : 0,
			[REGISTRATIONS] = 1);
}

/* ---- a crash: no core dump of either host ---- */

#define CORE_PATTERN "/proc/sys/kernel/core_pattern"
#define SUID_DUMPABLE "/proc/sys/fs/suid_dumpable"

FIXTURE(crash) {
	char pattern[256];
	char dumpable[16];
	char dir[64];
	bool saved;
};

static int read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");
	bool ok;

	if (!f)
		return -1;
	ok = fgets(buf, (int)size, f) != NULL;
	fclose(f);
	return ok ? 0 : -1;
}

static int write_line(const char *path, const char *value)
{
	FILE *f = fopen(path, "we");
	int ret;

	if (!f)
		return -1;
	ret = fputs(value, f) < 0 ? -1 : 0;
	return fclose(f) || ret ? -1 : 0;
}

FIXTURE_SETUP(crash)
{
	char pattern[256];

	self->saved = false;
	if (access("/dev/pmp", R_OK | W_OK))
		SKIP(return, "no /dev/pmp");
	ASSERT_EQ(0, read_line(CORE_PATTERN, self->pattern,
			       sizeof(self->pattern)));
	ASSERT_EQ(0, read_line(SUID_DUMPABLE, self->dumpable,
			       sizeof(self->dumpable)));
	strcpy(self->dir, "/tmp/pmp-cores.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	self->saved = true;
	/*
	 * The attacker's settings: dumps even of processes that changed
	 * credentials (2), through a pipe, for which RLIMIT_CORE (pmphost
	 * sets 0) does not count: only dumpability stands in the way.
	 */
	snprintf(pattern, sizeof(pattern),
		 "|/usr/bin/dd of=%s/core.%%p status=none", self->dir);
	ASSERT_EQ(0, write_line(SUID_DUMPABLE, "2"));
	ASSERT_EQ(0, write_line(CORE_PATTERN, pattern));
	env_setup(_metadata);
	set_param(_metadata, LINGER_MS, LINGER_TEST_MS);
}

FIXTURE_TEARDOWN(crash)
{
	char path[PATH_MAX];
	struct dirent *d;
	DIR *dir;

	if (!self->saved)
		return;
	EXPECT_EQ(0, write_line(CORE_PATTERN, self->pattern));
	EXPECT_EQ(0, write_line(SUID_DUMPABLE, self->dumpable));
	dir = opendir(self->dir);
	while (dir && (d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", self->dir, d->d_name);
		unlink(path);
	}
	if (dir)
		closedir(dir);
	rmdir(self->dir);
	env_teardown(_metadata);
}

/*
 * Crashes @pid (a child) with SIGSEGV: whether the kernel says it dumped
 * core, and the size of the core the helper wrote (-1: none), waiting a
 * little for the helper to finish.
 */
static void crash(struct __test_metadata *_metadata, const char *dir,
		  pid_t pid, bool *dumped, long long *size)
{
	char path[PATH_MAX];
	struct stat st;
	int status;

	ASSERT_EQ(0, kill(pid, SIGSEGV));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFSIGNALED(status));
	ASSERT_EQ(SIGSEGV, WTERMSIG(status));
	*dumped = WCOREDUMP(status);
	snprintf(path, sizeof(path), "%s/core.%d", dir, pid);
	*size = -1;
	for (int i = 0; i < 100; i++) {
		if (!stat(path, &st) && st.st_size > 0)
			break;
		usleep(20000);
	}
	if (!stat(path, &st))
		*size = st.st_size;
}

TEST_F_TIMEOUT(crash, neither_host_dumps_core_an_ordinary_process_does, 300)
{
	pmp_server *srv[2] = { NULL, NULL };
	long long size;
	bool dumped;
	pid_t pid;

	/* The hosts are this process's children, so it can wait for them. */
	ASSERT_EQ(0, pmp_server_spawn(0, &srv[0]));
	ASSERT_EQ(0, pmp_server_spawn(PMP_SPAWN_UNPROTECTED, &srv[1]));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		for (;;)
			pause();
	}
	/* Control first: the helper writes an ordinary process's core. */
	crash(_metadata, self->dir, pid, &dumped, &size);
	EXPECT_TRUE(dumped);
	EXPECT_LT(0, size);
	crash(_metadata, self->dir, pmp_server_host_pid(srv[0]), &dumped,
	      &size);
	EXPECT_FALSE(dumped);
	EXPECT_EQ(-1, size);
	crash(_metadata, self->dir, pmp_server_host_pid(srv[1]), &dumped,
	      &size);
	EXPECT_FALSE(dumped);
	EXPECT_EQ(-1, size);
	pmp_server_unref(srv[0]);
	pmp_server_unref(srv[1]);
}

/* ---- LD_PRELOAD into the trusted executable ---- */

/* Runs @exe with LD_PRELOAD: whether the preloaded library ran in it. */
static bool preloaded(struct __test_metadata *_metadata, const char *exe,
		      const char *lib, const char *mark)
{
	pid_t pid;
	int status;

	unlink(mark);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)exe, "--help", NULL };
		char preload[PATH_MAX + 16], marker[PATH_MAX + 32];
		char *envp[] = { preload, marker, NULL };

		snprintf(preload, sizeof(preload), "LD_PRELOAD=%s", lib);
		snprintf(marker, sizeof(marker), "PMP_PRELOAD_MARK=%s", mark);
		/* Its usage is not this test's output. */
		if (!freopen("/dev/null", "w", stdout) ||
		    !freopen("/dev/null", "w", stderr))
			_exit(126);
		execve(exe, argv, envp);
		_exit(127);
	}
	EXPECT_LT(0, pid);
	EXPECT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) < 126)
		TH_LOG("%s did not run", exe);
	return !access(mark, F_OK);
}

static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in, out, ret = -1;
	ssize_t n;

	in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
	if (out >= 0) {
		while ((n = read(in, buf, sizeof(buf))) > 0)
			if (write(out, buf, (size_t)n) != n)
				break;
		ret = n == 0 ? 0 : -1;
		if (close(out))
			ret = -1;
	}
	close(in);
	return ret;
}

TEST_F(matrix, the_loader_ignores_ld_preload_for_the_trusted_host_only)
{
	const char *prefix = getenv("PMP_TEST_PREFIX");
	char exe[PATH_MAX], self_dir[PATH_MAX], lib[PATH_MAX + 32];
	char dir[] = "/tmp/pmp-preload.XXXXXX";
	char copy[64], mark[64];
	ssize_t n;

	snprintf(exe, sizeof(exe), "%s/libexec/pmp/pmphost",
		 prefix ? prefix : "/usr/local");
	ASSERT_EQ(0, access(exe, X_OK)) TH_LOG("%s is not installed", exe);
	n = readlink("/proc/self/exe", self_dir, sizeof(self_dir) - 1);
	ASSERT_LT(0, n);
	self_dir[n] = '\0';
	*strrchr(self_dir, '/') = '\0';
	snprintf(lib, sizeof(lib), "%s/preload_marker.so", self_dir);
	ASSERT_EQ(0, access(lib, R_OK)) TH_LOG("%s is not built", lib);
	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(copy, sizeof(copy), "%s/pmphost", dir);
	snprintf(mark, sizeof(mark), "%s/mark", dir);
	ASSERT_EQ(0, copy_file(exe, copy));

	/* Control: the same bytes at a path the module does not trust. */
	EXPECT_TRUE(preloaded(_metadata, copy, lib, mark));
	/* The trusted one: AT_SECURE only while the module enforces. */
	EXPECT_EQ(!self->enforcing, preloaded(_metadata, exe, lib, mark));

	unlink(mark);
	unlink(copy);
	rmdir(dir);
	/* Neither registered: nothing moved. */
	ASSERT_COUNTERS(self->before, [REGISTRATIONS] = 0);
}

TEST_HARNESS_MAIN
