// SPDX-License-Identifier: GPL-2.0
/*
 * sandbox.c - pmphost's seccomp filter: /dev/pmp as its only channel
 *
 * An allow-list (libseccomp).  What a serving host does after its
 * components are loaded is small: receive work and reply on its /dev/pmp
 * endpoint, run component code on memory and sealed memfds, run threads,
 * write its log.  Everything else fails with EPERM, and what would give it
 * another channel or another program kills the process outright: sockets,
 * ptrace, cross-process memory access, execve.  Each rule below says why
 * it is there; Documentation/userspace-api/libpmp.rst lists them all.
 *
 * The filter is sealed in the main thread before any other thread exists;
 * threads created later inherit it (TSYNC makes sure of it for any thread
 * a library may have started).
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>
#include <sys/mman.h>

#include <linux/pmp.h>
#include <seccomp.h>

#include "cleanup.h"
#include "sandbox.h"
#include "log.h"

/* Allowed with any arguments. */
static const char *const allowed[] = {
	/* Data: the log, the report pipe, memfds, received descriptors. */
	"read", "write", "readv", "writev", "pread64", "pwrite64", "lseek",
	"close", "dup", "dup3",
	/* Sealed memfds carry bulk data; memfd_secret protected buffers. */
	"memfd_create", "memfd_secret", "ftruncate", "fallocate",
	/* Memory: malloc, thread stacks, mapped memfds (mmap: see below). */
	"munmap", "mremap", "madvise", "brk", "mlock", "mlock2", "munlock",
	/* Threads and their synchronisation. */
	"futex", "set_robust_list", "rseq", "sched_yield",
	"sched_getaffinity", "gettid", "getpid",
	/* Signals, as glibc and the C runtime handle them. */
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack",
	"restart_syscall",
	/* Time, for timeouts and media clocks. */
	"clock_gettime", "clock_getres", "gettimeofday", "clock_nanosleep",
	"nanosleep",
	/* Waiting on the endpoint or a received descriptor. */
	"poll", "ppoll",
	"getrandom", "exit", "exit_group",
	NULL,
};

/* Another channel, another process's memory, another program: killed. */
static const char *const killed[] = {
	"socket", "socketpair", "connect", "ptrace", "process_vm_readv",
	"process_vm_writev", "execve", "execveat",
	NULL,
};

/*
 * fcntl() commands: descriptor flags, duplicates and memfd seals.  Not
 * F_SETOWN or F_SETSIG, which would signal another process.
 */
static const int fcntl_cmds[] = {
	F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_DUPFD, F_DUPFD_CLOEXEC,
	F_ADD_SEALS, F_GET_SEALS,
};

static int add_rules(scmp_filter_ctx ctx, uint32_t action,
		     const char *const *names)
{
	int nr, ret;

	for (; *names; names++) {
		/* A call this libseccomp does not know cannot be allowed. */
		nr = seccomp_syscall_resolve_name(*names);
		if (nr == __NR_SCMP_ERROR)
			continue;
		ret = seccomp_rule_add(ctx, action, nr, 0);
		if (ret)
			return ret;
	}
	return 0;
}

static int add_fcntl_rules(scmp_filter_ctx ctx)
{
	const size_t n = sizeof(fcntl_cmds) / sizeof(fcntl_cmds[0]);
	size_t i;
	int ret;

	for (i = 0; i < n; i++) {
		ret = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(fcntl), 1,
				       SCMP_A1(SCMP_CMP_EQ, fcntl_cmds[i]));
		if (ret)
			return ret;
	}
	return 0;
}

/* Rules that look at arguments. */
static int add_arg_rules(scmp_filter_ctx ctx, int pmp_fd)
{
	int ret;

	/* ioctl() only on the endpoint, and only pmp's commands. */
	ret = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 2,
			       SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)pmp_fd),
			       SCMP_A1(SCMP_CMP_MASKED_EQ, 0xff00,
				       PMP_IOC_MAGIC << 8));
	/* Components are loaded already: no new executable memory. */
	ret = ret ?: seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1,
				      SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC,
					      0));
	ret = ret ?: seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mprotect),
				      1,
				      SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC,
					      0));
	/* Threads, never processes. */
	ret = ret ?: seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
				      SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD,
					      CLONE_THREAD));
	/* clone3's flags are out of the filter's reach: glibc falls back. */
	ret = ret ?: seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS),
				      SCMP_SYS(clone3), 0);
	/* abort() and raise() signal the process itself, nobody else. */
	ret = ret ?: seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
				      SCMP_A0(SCMP_CMP_EQ,
					      (scmp_datum_t)getpid()));
	/* fstat() on a descriptor, not stat() on a path. */
	ret = ret ?: seccomp_rule_add(ctx, SCMP_ACT_ALLOW,
				      SCMP_SYS(newfstatat), 1,
				      SCMP_A3(SCMP_CMP_MASKED_EQ, AT_EMPTY_PATH,
					      AT_EMPTY_PATH));
	return ret ?: add_fcntl_rules(ctx);
}

static void seccomp_ctxp(scmp_filter_ctx *ctx)
{
	seccomp_release(*ctx);
}

/**
 * host_sandbox - seal pmphost's seccomp filter
 * @pmp_fd: the host's /dev/pmp endpoint, its only channel from now on
 *
 * Return: 0 or a negative errno (libseccomp's).
 */
int host_sandbox(int pmp_fd)
{
	__attribute__((cleanup(seccomp_ctxp))) scmp_filter_ctx ctx = NULL;
	int ret;

	ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
	if (!ctx)
		return -ENOMEM;
	/* A system call of another ABI (i386, x32) is never legitimate. */
	ret = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
			       SCMP_ACT_KILL_PROCESS);
	ret = ret ?: seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	ret = ret ?: add_rules(ctx, SCMP_ACT_ALLOW, allowed);
	ret = ret ?: add_rules(ctx, SCMP_ACT_KILL_PROCESS, killed);
	ret = ret ?: add_arg_rules(ctx, pmp_fd);
	ret = ret ?: seccomp_load(ctx);
	if (ret)
		host_log("cannot seal the seccomp filter: %s",
			 host_errname(ret));
	return ret;
}
