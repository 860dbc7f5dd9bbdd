// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - checks of a host process's hardening
 *
 * The module verifies, it cannot impose: the host hardens itself (pmphost
 * does it with libcap and libseccomp) and the kernel checks the result when
 * the host registers as protected.  What one thread has, another may lack
 * (seccomp filters, credentials and no_new_privs are per thread), so every
 * thread of the caller is checked.  New threads inherit all of it.
 */

#include "common.h"

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/sched/signal.h>
#include <linux/seccomp.h>

#include "harden.h"
#include "limits.h"

static u32 thread_missing(struct task_struct *t)
{
	const struct cred *cred = __task_cred(t);
	u32 missing = 0;

	if (!task_no_new_privs(t))
		missing |= PMP_HARDEN_NO_NEW_PRIVS;
#ifdef CONFIG_SECCOMP
	if (READ_ONCE(t->seccomp.mode) != SECCOMP_MODE_FILTER)
		missing |= PMP_HARDEN_SECCOMP;
#else
	missing |= PMP_HARDEN_SECCOMP;
#endif
	if (READ_ONCE(t->ptrace))
		missing |= PMP_HARDEN_UNTRACED;
	if (!cap_isclear(cred->cap_effective))
		missing |= PMP_HARDEN_NO_CAP_EFFECTIVE;
	if (!cap_isclear(cred->cap_permitted))
		missing |= PMP_HARDEN_NO_CAP_PERMITTED;
	if (!cap_isclear(cred->cap_inheritable))
		missing |= PMP_HARDEN_NO_CAP_INHERITABLE;
	if (!cap_isclear(cred->cap_ambient))
		missing |= PMP_HARDEN_NO_CAP_AMBIENT;
	return missing;
}

/**
 * pmp_harden_missing - the hardening properties the current process lacks
 *
 * Return: a mask of PMP_HARDEN_* bits, zero when the process is fit to
 * register as a protected host.
 */
u32 pmp_harden_missing(void)
{
	struct task_struct *t;
	u32 missing = 0;

	/*
	 * Anything but SUID_DUMP_USER makes ptrace_may_access() demand
	 * CAP_SYS_PTRACE, which is what non-dumpable is for here.
	 */
	if (!current->mm || get_dumpable(current->mm) == SUID_DUMP_USER)
		missing |= PMP_HARDEN_NONDUMPABLE;

	rcu_read_lock();
	for_each_thread(current, t)
		missing |= thread_missing(t);
	rcu_read_unlock();

	return missing;
}
