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
 *
 * fstat() is the one call that needs more than the filter can say: glibc
 * makes it newfstatat(fd, "", st, AT_EMPTY_PATH), and a filter can check
 * the flag but not that the path is empty, so allowing the flag would let
 * any path through.  newfstatat traps instead (SIGSYS), and the handler
 * below does the empty-path form with the fstat system call and refuses
 * every other form.  The handler is installed before the filter, and the
 * filter keeps anyone from replacing it.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <ucontext.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include <linux/pmp.h>
#include <seccomp.h>

#include "cleanup.h"
#include "layers.h"
#include "log.h"
#include "sandbox.h"

/* Allowed with any arguments. */
static const char *const allowed[] = {
	/* Data: the log, the report pipe, memfds, received descriptors. */
	"read", "write", "readv", "writev", "pread64", "pwrite64", "lseek",
	"close", "dup", "dup3",
	/* fstat() of a descriptor (glibc uses newfstatat: see below). */
	"fstat",
	/* Sealed memfds carry bulk data; memfd_secret protected buffers. */
	"memfd_create", "memfd_secret", "ftruncate", "fallocate",
	/* Memory: malloc, thread stacks, mapped memfds (mmap: see below). */
	"munmap", "mremap", "madvise", "brk", "mlock", "mlock2", "munlock",
	/* Threads and their synchronisation. */
	"futex", "set_robust_list", "rseq", "sched_yield",
	"sched_getaffinity", "gettid", "getpid",
	/* Signals, as glibc and the C runtime handle them (sigaction: below). */
	"rt_sigprocmask", "rt_sigreturn", "sigaltstack",
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
	/* fstat() on a descriptor, not stat() on a path: sandbox_sigsys(). */
	ret = ret ?: seccomp_rule_add(ctx, SCMP_ACT_TRAP, SCMP_SYS(newfstatat),
				      0);
	/* Any handler but the one that makes fstat() work. */
	ret = ret ?: seccomp_rule_add(ctx, SCMP_ACT_ALLOW,
				      SCMP_SYS(rt_sigaction), 1,
				      SCMP_A0(SCMP_CMP_NE, SIGSYS));
	return ret ?: add_fcntl_rules(ctx);
}

/* The trapped call's arguments and its result, in the interrupted context. */
static unsigned long syscall_arg(const ucontext_t *uc, unsigned int n)
{
#if defined(__x86_64__)
	static const int regs[] = { REG_RDI, REG_RSI, REG_RDX, REG_R10 };

	return uc->uc_mcontext.gregs[regs[n]];
#elif defined(__aarch64__)
	return uc->uc_mcontext.regs[n];
#else
#error "pmphost's SIGSYS handler knows x86_64 and aarch64 registers only"
#endif
}

static void set_syscall_result(ucontext_t *uc, long ret)
{
#if defined(__x86_64__)
	uc->uc_mcontext.gregs[REG_RAX] = ret;
#elif defined(__aarch64__)
	uc->uc_mcontext.regs[0] = ret;
#endif
}

/* si_code of the filter's SIGSYS (<asm-generic/siginfo.h>; not in glibc). */
#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1
#endif

/* What newfstatat may ask for with an empty path. */
#define EMPTY_PATH_FLAGS (AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT)

/*
 * newfstatat(fd, path, st, flags): with AT_EMPTY_PATH and an empty (or,
 * as newer kernels take it, NULL) path, fstat(fd, st); any path: -EPERM,
 * as the filter refuses what it does not allow.  AT_FDCWD with an empty
 * path is -EBADF: the working directory is no descriptor of the host's.
 */
static long emulate_newfstatat(const ucontext_t *uc)
{
	const char *path = (const char *)syscall_arg(uc, 1);
	unsigned long flags = syscall_arg(uc, 3);

	if (!(flags & AT_EMPTY_PATH) || (path && *path))
		return -EPERM;
	if (flags & ~EMPTY_PATH_FLAGS)
		return -EINVAL;
	return syscall(SYS_fstat, (int)syscall_arg(uc, 0),
		       (void *)syscall_arg(uc, 2)) ? -errno : 0;
}

/*
 * The filter's SIGSYS: async-signal-safe, and errno is the interrupted
 * code's.  A SIGSYS that is not the filter's trap of newfstatat (one sent
 * with tgkill, say) changes nothing.
 */
static void sandbox_sigsys(int sig, siginfo_t *info, void *context)
{
	ucontext_t *uc = context;
	int saved = errno;

	(void)sig;
	if (info->si_code != SYS_SECCOMP || info->si_syscall != SYS_newfstatat)
		return;
	set_syscall_result(uc, emulate_newfstatat(uc));
	errno = saved;
}

static int install_sigsys_handler(void)
{
	struct sigaction sa = { .sa_sigaction = sandbox_sigsys,
				.sa_flags = SA_SIGINFO };

	sigemptyset(&sa.sa_mask);
	return sigaction(SIGSYS, &sa, NULL) ? -errno : 0;
}

static void seccomp_ctxp(scmp_filter_ctx *ctx)
{
	seccomp_release(*ctx);
}

/**
 * host_sandbox - seal pmphost's seccomp filter
 * @pmp_fd: the host's /dev/pmp endpoint, its only channel from now on
 * @layers: PMPHOST_LAYER_SECCOMP is added once the filter is sealed
 *
 * Return: 0 or a negative errno (libseccomp's).
 */
int host_sandbox(int pmp_fd, unsigned int *layers)
{
	__attribute__((cleanup(seccomp_ctxp))) scmp_filter_ctx ctx = NULL;
	int ret;

	ret = install_sigsys_handler();
	if (ret) {
		host_log("cannot handle SIGSYS: %s", host_errname(ret));
		return ret;
	}
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
	else
		*layers |= PMPHOST_LAYER_SECCOMP;
	return ret;
}
