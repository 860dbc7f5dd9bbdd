// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - hosts: registration, lookup and shutdown of PMP processes
 *
 * Hosts live in an allocating xarray indexed by host id.  Lookups run under
 * RCU and take a reference with kref_get_unless_zero(); a host leaves the
 * table when its endpoint is torn down and is freed after an RCU grace
 * period once the last endpoint referring to it is released.
 *
 * The kernel also decides when a host should exit, as Windows does for its
 * PMP process: a host with live objects is ACTIVE; when the last one is
 * released, or when none was created within linger_ms of registration, it
 * is ready to exit: at once if nobody holds a lock, otherwise it LINGERs
 * until the lock count reaches zero or linger_ms passes.  A new object
 * cancels the exit.  EXIT is final: the host's endpoint polls EPOLLHUP and
 * its clients see hang-up.
 */

#include "common.h"

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/jiffies.h>
#include <linux/pid_namespace.h>
#include <linux/sched/mm.h>
#include <linux/pmp.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>

#include "endpoint.h"
#include "guard.h"
#include "harden.h"
#include "host.h"
#include "limits.h"
#include "objcount.h"
#include "object.h"
#include "params.h"
#include "stats.h"
#include "txn.h"
#include "user.h"

static DEFINE_XARRAY_ALLOC(pmp_hosts);
static u32 pmp_host_next_id;

static void host_release(struct kref *ref)
{
	struct pmp_host *host = container_of(ref, struct pmp_host, ref);

	WARN_ON_ONCE(host->state != PMP_HS_DEAD || !list_empty(&host->clients) ||
		     !RB_EMPTY_ROOT(&host->objects) || !list_empty(&host->todo));
	xa_destroy(&host->txns);
	pmp_user_put(host->user);
	put_pid(host->pid);
	if (host->mm)
		mmdrop(host->mm);
	pmp_objcount_dec(PMP_OBJ_HOST);
	kfree_rcu(host, rcu);
}

/**
 * pmp_host_put - drop a reference to a host
 * @host: the host
 */
void pmp_host_put(struct pmp_host *host)
{
	kref_put(&host->ref, host_release);
}

/**
 * pmp_host_find - look a live or dying host up by id
 * @id: host id, as user space passed it
 *
 * The caller checks the host's state under its lock before relying on it.
 *
 * Return: the host with a reference the caller must drop, or NULL.
 */
struct pmp_host *pmp_host_find(u64 id)
{
	struct pmp_host *host;

	if (id < PMP_ID_MIN || id > PMP_ID_MAX)
		return NULL;

	rcu_read_lock();
	host = xa_load(&pmp_hosts, id);
	if (host && !kref_get_unless_zero(&host->ref))
		host = NULL;
	rcu_read_unlock();
	return host;
}

static void host_arm(struct pmp_host *host, unsigned int ms)
{
	unsigned long delay = msecs_to_jiffies(ms);

	host->deadline = jiffies + delay;
	mod_delayed_work(system_wq, &host->lifetime, delay);
}

/* EXIT: the host is told, and so are its clients. */
static void host_end(struct pmp_host *host)
{
	struct pmp_endpoint *client;

	lockdep_assert_held(&host->lock);

	WRITE_ONCE(host->state, PMP_HS_EXIT);
	wake_up_interruptible_all(&host->wait);
	list_for_each_entry(client, &host->clients, client_node)
		wake_up_poll(&client->wait, EPOLLHUP);
}

/* The lifetime rules end the host. */
static void host_exit(struct pmp_host *host)
{
	host_end(host);
	pmp_stat_inc(PMP_STAT_HOSTS_EXITED);
}

/* Nothing keeps the host busy any more. */
static void host_ready(struct pmp_host *host)
{
	lockdep_assert_held(&host->lock);

	if (!host->locks) {
		host_exit(host);
	} else {
		WRITE_ONCE(host->state, PMP_HS_LINGER);
		host_arm(host, pmp_param(linger_ms));
	}
}

/**
 * pmp_host_update_lifetime_locked - re-evaluate a host's state after a
 * change of its objects, creations in flight or lock count
 * @host: the host, its lock held
 */
void pmp_host_update_lifetime_locked(struct pmp_host *host)
{
	lockdep_assert_held(&host->lock);

	if (host->state >= PMP_HS_EXIT)
		return;
	if (host->nr_objects || host->nr_creating) {
		WRITE_ONCE(host->state, PMP_HS_ACTIVE);
		return;
	}

	switch (host->state) {
	case PMP_HS_ACTIVE:
		if (host->had_object) {
			host_ready(host);
			break;
		}
		/* Only failed creations so far: still starting. */
		WRITE_ONCE(host->state, PMP_HS_STARTING);
		if (time_after_eq(jiffies, host->deadline))
			host_ready(host);
		break;
	case PMP_HS_LINGER:
		if (!host->locks)
			host_exit(host);
		break;
	default:
		break;
	}
}

static void host_lifetime_fn(struct work_struct *work)
{
	struct pmp_host *host =
		container_of(to_delayed_work(work), struct pmp_host, lifetime);

	spin_lock(&host->lock);
	if (time_after_eq(jiffies, host->deadline)) {
		if (host->state == PMP_HS_STARTING)
			host_ready(host);
		else if (host->state == PMP_HS_LINGER)
			host_exit(host);
	}
	spin_unlock(&host->lock);
}

/**
 * pmp_host_queue_work_locked - queue a work item and wake one receiver
 * @host: the host, its lock held, not DEAD
 * @work: the item
 *
 * A transaction's sender goes to sleep next, so its wake-up is a
 * synchronous one (the receiver may run where the sender ran); a notice's
 * sender goes on running.
 */
void pmp_host_queue_work_locked(struct pmp_host *host, struct pmp_work *work)
{
	lockdep_assert_held(&host->lock);

	list_add_tail(&work->entry, &host->todo);
	if (work->type == PMP_WORK_CREATE || work->type == PMP_WORK_CALL)
		wake_up_interruptible_sync_poll(&host->wait, EPOLLIN);
	else
		wake_up_interruptible_poll(&host->wait, EPOLLIN);
}

/*
 * Drops the queued notices and fails every transaction the host holds with
 * @err; the transactions' references go to @to_put.
 */
static void host_fail_work_locked(struct pmp_host *host, int err,
				  struct list_head *to_put)
{
	struct pmp_work *work, *next;
	struct pmp_txn *txn;
	unsigned long id;

	lockdep_assert_held(&host->lock);

	list_for_each_entry_safe(work, next, &host->todo, entry) {
		list_del_init(&work->entry);
		if (work->type != PMP_WORK_CREATE &&
		    work->type != PMP_WORK_CALL)
			pmp_work_free(work);
	}
	/* The table holds only queued transactions, each once. */
	xa_for_each(&host->txns, id, txn) {
		if (txn->state == PMP_TXN_CANCELLED)
			pmp_txn_forget_locked(host, txn, to_put);
		else
			pmp_txn_finish_locked(host, txn, err, to_put);
	}
}

/*
 * A revoked host: what it was asked fails with -EKEYREVOKED, it takes no
 * more work, and it is ready to exit whatever its locks; the endpoint
 * stays until its owner closes it.
 */
static void host_revoke_fn(struct work_struct *work)
{
	struct pmp_host *host = container_of(work, struct pmp_host,
					     revoke_work);
	LIST_HEAD(to_put);

	spin_lock(&host->lock);
	if (host->state < PMP_HS_EXIT) {
		host_fail_work_locked(host, -EKEYREVOKED, &to_put);
		host_end(host);
	}
	spin_unlock(&host->lock);
	pmp_txn_put_list(&to_put);
	pmp_host_put(host);
}

/**
 * pmp_host_revoke - stop trusting a host
 * @host: the host
 *
 * May be called from a probe, in atomic context: new work is refused at
 * once (pmp_host_revoked()), the rest happens in a work item.
 */
void pmp_host_revoke(struct pmp_host *host)
{
	bool queue = false;

	/* Under the lock, so that none is queued after shutdown's cancel. */
	spin_lock(&host->lock);
	if (host->state != PMP_HS_DEAD && !host->revoked) {
		WRITE_ONCE(host->revoked, true);
		kref_get(&host->ref);
		queue = true;
	}
	spin_unlock(&host->lock);
	if (!queue)
		return;
	pmp_stat_inc(PMP_STAT_REVOCATIONS);
	/* The work owns the reference now. */
	queue_work(system_wq, &host->revoke_work);
	wake_up_interruptible_all(&host->wait);
}

/**
 * pmp_host_check_image - a host command comes from the registering image
 * @host: the host of the caller's endpoint
 *
 * Return: 0, or -EKEYREVOKED when the host was revoked or the caller's
 * image is not the one that registered (which revokes it).
 */
int pmp_host_check_image(struct pmp_host *host)
{
	if (unlikely(current->mm != host->mm))
		pmp_host_revoke(host);
	return pmp_host_revoked(host) ? -EKEYREVOKED : 0;
}

/**
 * pmp_hosts_revoke - revoke the hosts a process registered
 * @tgid: the process
 * @keep: hosts registered by this image stay (NULL: none stays)
 * @protected_only: leave unprotected hosts alone
 *
 * Called from the guard's probes, in atomic context.
 */
void pmp_hosts_revoke(struct pid *tgid, struct mm_struct *keep,
		      bool protected_only)
{
	struct pmp_host *host;
	unsigned long id;

	rcu_read_lock();
	xa_for_each(&pmp_hosts, id, host) {
		if (host->pid != tgid || (keep && host->mm == keep) ||
		    (protected_only && (host->flags & PMP_HOST_UNPROTECTED)))
			continue;
		pmp_host_revoke(host);
	}
	rcu_read_unlock();
}

/**
 * pmp_host_register - make an endpoint the host endpoint of a new host
 * @ep: a NEW endpoint, its lock held
 * @reg: the validated argument; @missing and @host_id are filled in
 *
 * Return: 0, or -EPERM when a protected host lacks a hardening property
 * (@reg->missing tells which), -EDQUOT when the caller's user has
 * max_user_hosts hosts, -ENOMEM, -ENOSPC.
 */
int pmp_host_register(struct pmp_endpoint *ep, struct pmp_host_register *reg)
{
	struct pmp_user *user;
	struct pmp_host *host;
	int err;

	lockdep_assert_held(&ep->lock);

	reg->missing = pmp_harden_missing() |
		       pmp_guard_register(!(reg->flags & PMP_HOST_UNPROTECTED));
	if (!(reg->flags & PMP_HOST_UNPROTECTED) && reg->missing) {
		pmp_stat_inc(PMP_STAT_REGISTRATIONS_REFUSED);
		if (reg->missing & PMP_HARDEN_TRUSTED_EXEC)
			pmp_stat_inc(PMP_STAT_REFUSED_UNTRUSTED);
		if (reg->missing & ~PMP_HARDEN_TRUSTED_EXEC)
			pmp_stat_inc(PMP_STAT_REFUSED_UNHARDENED);
		return -EPERM;
	}
	/* Only a process with its own address space can be a host. */
	if (!current->mm)
		return -EPERM;

	user = pmp_user_get_current();
	if (!user)
		return -ENOMEM;
	if (!pmp_user_charge(user, PMP_USER_HOSTS, 1)) {
		err = -EDQUOT;
		goto err_put_user;
	}
	host = kzalloc(sizeof(*host), GFP_KERNEL_ACCOUNT);
	if (!host) {
		err = -ENOMEM;
		goto err_uncharge;
	}
	host->user = user;
	kref_init(&host->ref);
	spin_lock_init(&host->lock);
	init_waitqueue_head(&host->wait);
	INIT_DELAYED_WORK(&host->lifetime, host_lifetime_fn);
	INIT_WORK(&host->revoke_work, host_revoke_fn);
	xa_init_flags(&host->txns, XA_FLAGS_ALLOC);
	INIT_LIST_HEAD(&host->clients);
	INIT_LIST_HEAD(&host->todo);
	host->objects = RB_ROOT;
	host->state = PMP_HS_STARTING;
	host->flags = reg->flags;
	host->missing = reg->missing;
	host->layers = pmp_harden_layers(reg->missing,
					 !(reg->flags & PMP_HOST_UNPROTECTED) &&
					 pmp_guard_enforcing());
	host->uid = current_euid();
	host->pid = get_pid(task_tgid(current));
	mmgrab(current->mm);
	host->mm = current->mm;

	/* xa_alloc writes the id before the host becomes visible. */
	err = xa_alloc_cyclic(&pmp_hosts, &host->id, host,
			      XA_LIMIT(PMP_ID_MIN, PMP_ID_MAX),
			      &pmp_host_next_id, GFP_KERNEL_ACCOUNT);
	if (err < 0)
		goto err_put_pid;

	pmp_objcount_inc(PMP_OBJ_HOST);
	ep->host = host;
	/* Pairs with pmp_endpoint_check(): @host is set before the kind. */
	smp_store_release(&ep->kind, PMP_EP_HOST);
	reg->host_id = host->id;
	pmp_stat_inc(PMP_STAT_HOSTS);
	pmp_stat_inc(PMP_STAT_REGISTRATIONS);

	/* It is ready to exit if no object comes within linger_ms. */
	spin_lock(&host->lock);
	host_arm(host, pmp_param(linger_ms));
	spin_unlock(&host->lock);
	return 0;

err_put_pid:
	put_pid(host->pid);
	mmdrop(host->mm);
	kfree(host);
	if (err == -EBUSY)
		err = -ENOSPC;
err_uncharge:
	pmp_user_uncharge(user, PMP_USER_HOSTS, 1);
err_put_user:
	pmp_user_put(user);
	return err;
}

/**
 * pmp_host_shutdown - a host's endpoint is being torn down
 * @host: the host
 *
 * The id stops resolving, every transaction still waiting fails with
 * -ESHUTDOWN, queued notices are dropped, the clients' shares stop counting
 * and every client is told through poll().  The host stays allocated while
 * client endpoints refer to it; so do its objects while handles do.
 */
void pmp_host_shutdown(struct pmp_host *host)
{
	struct pmp_endpoint *client;
	LIST_HEAD(to_put);

	xa_erase(&pmp_hosts, host->id);

	spin_lock(&host->lock);
	WRITE_ONCE(host->state, PMP_HS_DEAD);
	host_fail_work_locked(host, -ESHUTDOWN, &to_put);
	list_for_each_entry(client, &host->clients, client_node) {
		client->locks = 0;
		wake_up_poll(&client->wait, EPOLLHUP);
	}
	pmp_stat_add(PMP_STAT_LOCKS_HELD, -(s64)host->locks);
	host->locks = 0;
	wake_up_interruptible_all(&host->wait);
	spin_unlock(&host->lock);

	pmp_txn_put_list(&to_put);
	/* The state is final: the work cannot re-arm itself. */
	cancel_delayed_work_sync(&host->lifetime);
	/* Nor can a revocation be queued any more; one queued has a ref. */
	if (cancel_work_sync(&host->revoke_work))
		pmp_host_put(host);
	pmp_user_uncharge(host->user, PMP_USER_HOSTS, 1);
	pmp_stat_dec(PMP_STAT_HOSTS);
}

/**
 * pmp_host_fill_info - describe a host for PMP_IOC_INFO
 * @host: the host
 * @client: the client endpoint asking, or NULL for the host endpoint
 * @info: filled in
 *
 * Return: 0, or -ESHUTDOWN when a client asks about a host that has gone or
 * was told to exit.
 */
int pmp_host_fill_info(struct pmp_host *host,
		       const struct pmp_endpoint *client, struct pmp_info *info)
{
	info->host_id = host->id;
	info->host_pid = pid_nr_ns(host->pid, task_active_pid_ns(current));
	info->host_flags = host->flags;
	info->host_uid = from_kuid_munged(current_user_ns(), host->uid);
	info->host_missing = host->missing;

	spin_lock(&host->lock);
	if (client && host->state >= PMP_HS_EXIT) {
		spin_unlock(&host->lock);
		return -ESHUTDOWN;
	}
	info->host_state = host->state;
	info->clients = host->nr_clients;
	info->locks = host->locks;
	info->objects = host->nr_objects;
	info->pending = host->nr_pending;
	info->own_locks = client ? client->locks : 0;
	info->own_handles = client ? client->nr_handles : 0;
	spin_unlock(&host->lock);
	return 0;
}

/**
 * pmp_hosts_list - PMP_IOC_LIST_HOSTS
 * @lh: the validated argument; @count is filled in
 *
 * Return: 0, -ENOMEM or -EFAULT.
 */
int pmp_hosts_list(struct pmp_list_hosts *lh)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	bool admin = ns_capable_noaudit(&init_user_ns, CAP_SYS_ADMIN);
	u32 n = min_t(u32, lh->capacity, PMP_LIST_HOSTS_MAX);
	size_t usize = lh->entry_size, ksize;
	struct pmp_host_entry *buf, *e;
	kuid_t euid = current_euid();
	struct pmp_host *host;
	unsigned long id;
	u32 count = 0, i;
	int err = 0;

	buf = kvcalloc(max_t(u32, n, 1), sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	/* Hosts are freed after a grace period: safe to lock under RCU. */
	rcu_read_lock();
	xa_for_each(&pmp_hosts, id, host) {
		if (!pid_nr_ns(host->pid, ns) ||
		    (!admin && !uid_eq(host->uid, euid)))
			continue;
		spin_lock(&host->lock);
		if (host->state != PMP_HS_DEAD && count++ < n) {
			e = &buf[count - 1];
			e->host_id = host->id;
			e->pid = pid_nr_ns(host->pid, ns);
			e->uid = from_kuid_munged(current_user_ns(), host->uid);
			e->flags = host->flags;
			e->state = host->state;
			e->missing = host->missing;
			e->clients = host->nr_clients;
			e->objects = host->nr_objects;
			e->pending = host->nr_pending;
			e->locks = host->locks;
			e->layers = host->layers;
		}
		spin_unlock(&host->lock);
	}
	rcu_read_unlock();

	ksize = min(usize, sizeof(*buf));
	for (i = 0; i < min(count, n) && !err; i++) {
		void __user *dst = u64_to_user_ptr(lh->entries) + i * usize;

		if (copy_to_user(dst, &buf[i], ksize) ||
		    clear_user(dst + ksize, usize - ksize))
			err = -EFAULT;
	}
	kvfree(buf);
	lh->count = count;
	return err;
}

/**
 * pmp_hosts_exit - module unload: the host table must be empty
 */
void pmp_hosts_exit(void)
{
	WARN_ON(!xa_empty(&pmp_hosts));
	xa_destroy(&pmp_hosts);
}
