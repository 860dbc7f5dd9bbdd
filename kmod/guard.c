// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - the guard: only a trusted executable may become a protected host,
 * and from its exec on nothing outside the process reaches into it, root
 * included
 *
 * The trusted executables are a list of absolute paths fixed when the
 * module loads (trusted_exe, read-only afterwards, as is enforce).  The
 * module is not an LSM and cannot become one, so it watches three
 * functions with kprobes:
 *
 * - setup_new_exec(), which every exec enters with the new image in place
 *   and cred_guard_mutex and exec_update_lock still held: no tracer can
 *   attach and no /proc/PID/mem can be opened on the new image before the
 *   mark is there.  An image of a trusted executable gets a mark and
 *   AT_SECURE (so the loader ignores LD_PRELOAD, LD_LIBRARY_PATH and
 *   friends); one exec'd while traced is marked as such and can never be
 *   protected.  Hosts the process registered with its previous image are
 *   revoked: an endpoint is bound to the image that registered it.
 * - cap_ptrace_access_check(), the capability module's hook, which every
 *   ptrace_may_access() reaches last, after its own checks: ptrace attach
 *   and seize, /proc/PID/mem, environ, maps and the other gated files,
 *   process_vm_readv/writev, pidfd_getfd, kcmp.  A kretprobe turns its 0
 *   into -EPERM when the target is marked; cap_ptrace_traceme() likewise
 *   for PTRACE_TRACEME by a marked process.
 * - cap_task_prctl(): PR_SET_DUMPABLE other than 0 by a marked process is
 *   -EPERM, and the process's protected hosts are revoked all the same.
 *
 * The cap_* functions, not security_*: those are real functions with and
 * without CONFIG_SECURITY (the debug kernel has none), and the LSM
 * framework calls them first.  A kretprobe that finds no free instance
 * does not run its handler, and the access goes through: such misses are
 * counted (probe_misses in sysfs), and instances are sized so that only
 * more tasks preempted inside one of these short functions at once than
 * MAXACTIVE_PER_CPU per CPU could miss.  An unprivileged probe of a
 * non-dumpable process is refused by the kernel before the hook runs and
 * is not counted here.
 *
 * Marks live in an RCU hash table keyed by the process's thread-group
 * struct pid, which each mark holds: a pid number can be reused, the
 * struct cannot while it is held.  A mark goes when its process execs
 * again; marks of processes that are gone are dropped whenever a new mark
 * is added, so the table holds live trusted processes and at most a few
 * dead ones.
 *
 * Locking: marks_lock (a spinlock, taken in probe handlers) serialises
 * changes of the table; readers use RCU.
 */

#include "common.h"

#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/hashtable.h>
#include <linux/kprobes.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/pid.h>
#include <linux/pmp.h>
#include <linux/prctl.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "guard.h"
#include "host.h"
#include "stats.h"

#define PMP_TRUSTED_MAX 8
#define MAXACTIVE_PER_CPU 32

static char *trusted_exe =
	"/usr/libexec/pmp/pmphost,/usr/local/libexec/pmp/pmphost";
module_param(trusted_exe, charp, 0444);
MODULE_PARM_DESC(trusted_exe,
		 "Comma-separated absolute paths of the executables that may register protected hosts (fixed at load)");

static bool enforce = true;
module_param(enforce, bool, 0444);
MODULE_PARM_DESC(enforce,
		 "Only trusted executables may be protected hosts, and no process reaches into them (fixed at load; default Y)");

/* The root directory of the process that loaded the module. */
static struct path load_root;

/* Parsed once at load: trusted[i] points into trusted_buf. */
static char *trusted_buf;
static const char *trusted[PMP_TRUSTED_MAX];
/* The last component of each, which the exec probe compares first. */
static const char *trusted_base[PMP_TRUSTED_MAX];
static unsigned int trusted_base_len[PMP_TRUSTED_MAX];
static unsigned int nr_trusted;

/* The image was exec'd while traced: never protected. */
#define MARK_TRACED	BIT(0)
/* The process registered an unprotected host: reachable again. */
#define MARK_DROPPED	BIT(1)

/**
 * struct guard_mark - a process whose image is a trusted executable
 * @node: link in @marks.
 * @tgid: the process's thread-group pid, referenced.
 * @dev: device of the executable's inode at exec.
 * @ino: its inode number.
 * @gen: its generation.
 * @exe: index of the path in @trusted that named it.
 * @flags: MARK_*.
 * @rcu: frees the mark after the readers.
 */
struct guard_mark {
	struct hlist_node node;
	struct pid *tgid;
	dev_t dev;
	unsigned long ino;
	u32 gen;
	unsigned int exe;
	unsigned long flags;
	struct rcu_head rcu;
};

static DEFINE_HASHTABLE(marks, 7);
static DEFINE_SPINLOCK(marks_lock);
/* d_path() buffers of the exec probe, which runs with preemption off. */
static char __percpu *path_bufs;
/* Marks that could not be allocated: trusted images left unprotected. */
static atomic_long_t mark_misses;

static void mark_free_rcu(struct rcu_head *rcu)
{
	struct guard_mark *m = container_of(rcu, struct guard_mark, rcu);

	put_pid(m->tgid);
	kfree(m);
}

/* RCU read lock or marks_lock held. */
static struct guard_mark *mark_find(struct pid *tgid)
{
	struct guard_mark *m;

	hash_for_each_possible_rcu(marks, m, node, (unsigned long)tgid)
		if (m->tgid == tgid)
			return m;
	return NULL;
}

/* @task's process is protected now: marked, not traced, not dropped. */
static bool guarded(struct task_struct *task)
{
	struct guard_mark *m;
	bool ret = false;

	rcu_read_lock();
	m = mark_find(task_tgid(task));
	if (m)
		ret = !(READ_ONCE(m->flags) & (MARK_TRACED | MARK_DROPPED));
	rcu_read_unlock();
	return ret;
}

static bool inode_trustworthy(const struct inode *inode)
{
	return S_ISREG(inode->i_mode) && uid_eq(inode->i_uid, GLOBAL_ROOT_UID) &&
	       !(inode->i_mode & (S_IWGRP | S_IWOTH));
}

/*
 * The index in @trusted of the path @file was opened by, or -1.  The
 * name is compared first so that d_path() runs only for a likely match.
 */
static int trusted_index(const struct file *file)
{
	const struct dentry *dentry = file->f_path.dentry;
	const char *path;
	unsigned int i;
	bool named = false;

	rcu_read_lock();
	for (i = 0; i < nr_trusted && !named; i++)
		named = dentry->d_name.len == trusted_base_len[i] &&
			!memcmp(dentry->d_name.name, trusted_base[i],
				trusted_base_len[i]);
	rcu_read_unlock();
	if (!named)
		return -1;

	path = d_path(&file->f_path, this_cpu_ptr(path_bufs), PATH_MAX);
	if (IS_ERR(path))
		return -1;
	for (i = 0; i < nr_trusted; i++)
		if (!strcmp(path, trusted[i]))
			return i;
	return -1;
}

/* Drops the marks of processes that are gone; marks_lock held. */
static void marks_purge_locked(void)
{
	struct hlist_node *tmp;
	struct guard_mark *m;
	unsigned int bkt;

	hash_for_each_safe(marks, bkt, tmp, m, node) {
		if (pid_has_task(m->tgid, PIDTYPE_TGID))
			continue;
		hash_del_rcu(&m->node);
		call_rcu(&m->rcu, mark_free_rcu);
	}
}

static void guard_exec(struct linux_binprm *bprm)
{
	struct pid *tgid = task_tgid(current);
	struct inode *inode = file_inode(bprm->file);
	struct guard_mark *old, *m = NULL;
	int exe;

	/* The previous image's endpoints die with it. */
	pmp_hosts_revoke(tgid, current->mm, false);

	exe = trusted_index(bprm->file);
	if (exe >= 0 && inode_trustworthy(inode)) {
		bprm->secureexec = 1;
		m = kmalloc(sizeof(*m), GFP_ATOMIC);
		if (m) {
			m->tgid = get_pid(tgid);
			m->dev = inode->i_sb->s_dev;
			m->ino = inode->i_ino;
			m->gen = inode->i_generation;
			m->exe = exe;
			m->flags = READ_ONCE(current->ptrace) ? MARK_TRACED : 0;
		} else {
			atomic_long_inc(&mark_misses);
		}
	}

	spin_lock(&marks_lock);
	old = mark_find(tgid);
	if (old) {
		hash_del_rcu(&old->node);
		call_rcu(&old->rcu, mark_free_rcu);
	}
	if (m) {
		marks_purge_locked();
		hash_add_rcu(marks, &m->node, (unsigned long)tgid);
	}
	spin_unlock(&marks_lock);
}

static int exec_pre(struct kprobe *p, struct pt_regs *regs)
{
	guard_exec((struct linux_binprm *)regs_get_kernel_argument(regs, 0));
	return 0;
}

static struct kprobe exec_probe = {
	.symbol_name = "setup_new_exec",
	.pre_handler = exec_pre,
};

struct access_args {
	struct task_struct *child;
	unsigned int mode;
};

static int access_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct access_args *a = (struct access_args *)ri->data;

	a->child = (struct task_struct *)regs_get_kernel_argument(regs, 0);
	a->mode = regs_get_kernel_argument(regs, 1);
	return 0;
}

static int access_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	const struct access_args *a = (const struct access_args *)ri->data;

	if ((int)regs_return_value(regs) || !guarded(a->child))
		return 0;
	regs_set_return_value(regs, -EPERM);
	pmp_stat_inc(a->mode & PTRACE_MODE_ATTACH ? PMP_STAT_DENIED_ATTACH :
						    PMP_STAT_DENIED_READ);
	return 0;
}

static struct kretprobe access_probe = {
	.kp.symbol_name = "cap_ptrace_access_check",
	.entry_handler = access_entry,
	.handler = access_ret,
	.data_size = sizeof(struct access_args),
};

static int traceme_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	if ((int)regs_return_value(regs) || !guarded(current))
		return 0;
	regs_set_return_value(regs, -EPERM);
	pmp_stat_inc(PMP_STAT_DENIED_TRACEME);
	return 0;
}

static struct kretprobe traceme_probe = {
	.kp.symbol_name = "cap_ptrace_traceme",
	.handler = traceme_ret,
};

struct prctl_args {
	int option;
	unsigned long arg2;
};

static int prctl_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct prctl_args *a = (struct prctl_args *)ri->data;

	a->option = regs_get_kernel_argument(regs, 0);
	a->arg2 = regs_get_kernel_argument(regs, 1);
	return 0;
}

static int prctl_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	const struct prctl_args *a = (const struct prctl_args *)ri->data;

	/*
	 * -ENOSYS: the capability module left the option to prctl().  The
	 * hooks return int: only the low half of the register is theirs.
	 */
	if (a->option != PR_SET_DUMPABLE || a->arg2 == SUID_DUMP_DISABLE ||
	    (int)regs_return_value(regs) != -ENOSYS || !guarded(current))
		return 0;
	regs_set_return_value(regs, -EPERM);
	pmp_stat_inc(PMP_STAT_DENIED_DUMPABLE);
	/* It tried: what it serves can no longer be trusted. */
	pmp_hosts_revoke(task_tgid(current), NULL, true);
	return 0;
}

static struct kretprobe prctl_probe = {
	.kp.symbol_name = "cap_task_prctl",
	.entry_handler = prctl_entry,
	.handler = prctl_ret,
	.data_size = sizeof(struct prctl_args),
};

static struct kretprobe *kretprobes[] = {
	&access_probe, &traceme_probe, &prctl_probe,
};

/**
 * pmp_guard_enforcing - whether the guard is on (fixed at load)
 *
 * Return: the enforce parameter.
 */
bool pmp_guard_enforcing(void)
{
	return enforce;
}

/**
 * pmp_guard_misses - probe hits that were not handled
 *
 * Return: kretprobe and kprobe misses plus marks that could not be
 * allocated; 0 with enforcement off.
 */
long pmp_guard_misses(void)
{
	long n = atomic_long_read(&mark_misses);
	unsigned int i;

	if (!enforce)
		return 0;
	n += exec_probe.nmissed;
	for (i = 0; i < ARRAY_SIZE(kretprobes); i++)
		n += kretprobes[i]->nmissed + kretprobes[i]->kp.nmissed;
	return n;
}

/*
 * The executable of the current image, as marked at exec, is still the
 * file at its trusted path, and still root's and not writable by others.
 */
static bool still_trusted(dev_t dev, unsigned long ino, u32 gen,
			  unsigned int exe)
{
	struct inode *inode;
	struct file *file;
	bool ok;

	/*
	 * From the root the module was loaded with: a host in an empty
	 * mount namespace of its own (pmphost's sandbox) names nothing.
	 */
	file = file_open_root(&load_root, trusted[exe], O_PATH, 0);
	if (IS_ERR(file))
		return false;
	inode = file_inode(file);
	ok = inode->i_sb->s_dev == dev && inode->i_ino == ino &&
	     inode->i_generation == gen && inode_trustworthy(inode);
	fput(file);
	return ok;
}

/**
 * pmp_guard_register - the guard's part of a host registration
 * @protected: the caller registers a protected host
 *
 * An unprotected registration by a trusted image drops the image's
 * protection: unprotected hosts stay reachable.
 *
 * Return: 0, or %PMP_HARDEN_TRUSTED_EXEC when a protected host is not a
 * trusted executable, exec'd untraced and unchanged on disk since.
 */
u32 pmp_guard_register(bool protected)
{
	struct pid *tgid = task_tgid(current);
	struct guard_mark *m;
	unsigned long flags = MARK_TRACED, ino = 0;
	unsigned int exe = 0;
	dev_t dev = 0;
	u32 gen = 0;

	if (!enforce)
		return 0;

	spin_lock(&marks_lock);
	m = mark_find(tgid);
	if (m && !protected)
		WRITE_ONCE(m->flags, m->flags | MARK_DROPPED);
	if (m) {
		flags = m->flags;
		dev = m->dev;
		ino = m->ino;
		gen = m->gen;
		exe = m->exe;
	}
	spin_unlock(&marks_lock);

	if (!protected)
		return 0;
	if (!m || (flags & (MARK_TRACED | MARK_DROPPED)) ||
	    !still_trusted(dev, ino, gen, exe))
		return PMP_HARDEN_TRUSTED_EXEC;
	return 0;
}

static int __init parse_trusted(void)
{
	char *p, *s;

	if (!trusted_exe || !*trusted_exe)
		return 0;
	trusted_buf = kstrdup(trusted_exe, GFP_KERNEL);
	if (!trusted_buf)
		return -ENOMEM;
	for (p = trusted_buf; (s = strsep(&p, ","));) {
		if (nr_trusted == PMP_TRUSTED_MAX || s[0] != '/' ||
		    strlen(s) >= PATH_MAX || s[strlen(s) - 1] == '/') {
			pr_err("trusted_exe: %s: not an absolute file path, or more than %d paths\n",
			       s, PMP_TRUSTED_MAX);
			return -EINVAL;
		}
		trusted[nr_trusted] = s;
		trusted_base[nr_trusted] = strrchr(s, '/') + 1;
		trusted_base_len[nr_trusted] = strlen(trusted_base[nr_trusted]);
		nr_trusted++;
	}
	return 0;
}

/**
 * pmp_guard_init - parse the trusted list and set the probes
 *
 * Without the probes there is no protection: with enforcement on, a probe
 * that cannot be set fails the module's load.
 *
 * Return: 0 or a negative errno.
 */
int __init pmp_guard_init(void)
{
	unsigned int i;
	int err;

	err = parse_trusted();
	if (err)
		goto err_free;
	if (!enforce)
		return 0;
	get_fs_root(current->fs, &load_root);

	path_bufs = __alloc_percpu(PATH_MAX, 1);
	if (!path_bufs) {
		err = -ENOMEM;
		path_put(&load_root);
		goto err_free;
	}
	for (i = 0; i < ARRAY_SIZE(kretprobes); i++)
		kretprobes[i]->maxactive =
			max_t(int, 64, MAXACTIVE_PER_CPU * num_possible_cpus());
	err = register_kretprobes(kretprobes, ARRAY_SIZE(kretprobes));
	if (err) {
		pr_err("cannot probe the ptrace and prctl checks: %d\n", err);
		goto err_percpu;
	}
	err = register_kprobe(&exec_probe);
	if (err) {
		pr_err("cannot probe exec: %d\n", err);
		goto err_kretprobes;
	}
	return 0;

err_kretprobes:
	unregister_kretprobes(kretprobes, ARRAY_SIZE(kretprobes));
err_percpu:
	free_percpu(path_bufs);
	path_put(&load_root);
err_free:
	kfree(trusted_buf);
	return err;
}

/**
 * pmp_guard_exit - remove the probes and the marks
 */
void pmp_guard_exit(void)
{
	struct hlist_node *tmp;
	struct guard_mark *m;
	unsigned int bkt;

	if (enforce) {
		unregister_kprobe(&exec_probe);
		unregister_kretprobes(kretprobes, ARRAY_SIZE(kretprobes));
		free_percpu(path_bufs);
		path_put(&load_root);
	}
	hash_for_each_safe(marks, bkt, tmp, m, node) {
		hash_del_rcu(&m->node);
		call_rcu(&m->rcu, mark_free_rcu);
	}
	/* The callbacks run module code. */
	rcu_barrier();
	kfree(trusted_buf);
}
