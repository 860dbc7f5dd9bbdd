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
#include <linux/nsproxy.h>
#include <linux/securebits.h>
#include <linux/user_namespace.h>
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

/* The securebits pmphost sets and locks (userspace/host/harden.c). */
#define PMP_LAYER_SECUREBITS                                                 \
	(issecure_mask(SECURE_NOROOT) | issecure_mask(SECURE_NOROOT_LOCKED) | \
	 issecure_mask(SECURE_NO_SETUID_FIXUP) |                              \
	 issecure_mask(SECURE_NO_SETUID_FIXUP_LOCKED) |                       \
	 issecure_mask(SECURE_KEEP_CAPS_LOCKED) |                             \
	 issecure_mask(SECURE_NO_CAP_AMBIENT_RAISE) |                         \
	 issecure_mask(SECURE_NO_CAP_AMBIENT_RAISE_LOCKED))

static bool thread_bounded(struct task_struct *t)
{
	const struct cred *cred = __task_cred(t);

	return cap_isclear(cred->cap_bset) &&
	       (cred->securebits & PMP_LAYER_SECUREBITS) ==
		       PMP_LAYER_SECUREBITS;
}

/*
 * The namespaces of the current process that differ from the initial ones.
 * Namespaces are per thread too, but a thread cannot leave the process's
 * mount or user namespace alone in a way that matters here: the calling
 * thread's are the host's.
 */
static u32 current_ns_layers(void)
{
	struct nsproxy *ns = current->nsproxy, *init = init_task.nsproxy;
	u32 layers = 0;

	if (current_user_ns() != &init_user_ns)
		layers |= PMP_LAYER_USERNS;
	if (!ns)
		return layers;
	if (ns->mnt_ns != init->mnt_ns)
		layers |= PMP_LAYER_MOUNTNS;
	if (ns->net_ns != init->net_ns)
		layers |= PMP_LAYER_NETNS;
	if (ns->ipc_ns != init->ipc_ns)
		layers |= PMP_LAYER_IPCNS;
	return layers;
}

/**
 * pmp_harden_layers - the hardening layers of the current process
 * @missing: what pmp_harden_missing() found it lacks
 * @trusted: the guard vouched for it as a protected host, and enforces
 *
 * Return: a mask of PMP_LAYER_* bits.
 */
u32 pmp_harden_layers(u32 missing, bool trusted)
{
	const u32 caps = PMP_HARDEN_NO_CAP_EFFECTIVE |
			 PMP_HARDEN_NO_CAP_PERMITTED |
			 PMP_HARDEN_NO_CAP_INHERITABLE |
			 PMP_HARDEN_NO_CAP_AMBIENT;
	u32 layers = current_ns_layers();
	bool bounded = true;
	struct task_struct *t;

	if (!(missing & PMP_HARDEN_SECCOMP))
		layers |= PMP_LAYER_SECCOMP;
	if (!(missing & PMP_HARDEN_NO_NEW_PRIVS))
		layers |= PMP_LAYER_NO_NEW_PRIVS;
	if (!(missing & PMP_HARDEN_NONDUMPABLE))
		layers |= PMP_LAYER_NONDUMPABLE;
	if (!(missing & caps))
		layers |= PMP_LAYER_NO_CAPS;
	if (trusted)
		layers |= PMP_LAYER_TRUSTED_EXEC;

	rcu_read_lock();
	for_each_thread(current, t)
		bounded = bounded && thread_bounded(t);
	rcu_read_unlock();
	if (bounded)
		layers |= PMP_LAYER_BOUNDING;
	return layers;
}
