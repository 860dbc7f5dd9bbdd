/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - hosts: registered PMP processes, their work queue and lifetime
 *
 * Locking overview.  The module has three kinds of lock, always taken in
 * this order:
 *
 * 1. &pmp_endpoint.lock, a mutex: an endpoint's kind (NEW, HOST, CLIENT,
 *    DEAD) and what changes it: registration, connection, teardown, and
 *    INFO.  The fast paths (LOCK, UNLOCK and the transaction commands) read
 *    the kind without it (pmp_endpoint_check()).
 * 2. &pmp_host.lock, a spinlock: everything a host shares with its clients:
 *    the host's state, lock count, work queue, objects and transactions;
 *    each client's lock share, transaction list, handle counts and
 *    detached flag; each transaction's state.  Nothing sleeps under it and
 *    no transaction's last reference is dropped under it (helpers collect
 *    them for pmp_txn_put_list()).
 * 3. Inner spinlocks, each taken alone under a host's lock or without
 *    it: the xa_locks of the host table, a host's transaction table and a
 *    client's handle table, the table of users (user.c), and the wait
 *    queues and the workqueue.
 *
 * A function that needs &pmp_host.lock held says so twice: a _locked
 * suffix on its name and lockdep_assert_held() in its body.
 */

#ifndef _PMP_HOST_H
#define _PMP_HOST_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/pid.h>
#include <linux/pmp.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

struct pmp_endpoint;
struct pmp_host_register;
struct pmp_info;
struct pmp_list_hosts;
struct pmp_user;

/*
 * STARTING, ACTIVE, LINGER and EXIT are the uapi's PMP_HOST_* (main.c
 * checks); EXIT is final for the clients, DEAD for everyone (the host
 * endpoint was torn down).
 */
enum pmp_host_state {
	PMP_HS_STARTING = PMP_HOST_STARTING,
	PMP_HS_ACTIVE = PMP_HOST_ACTIVE,
	PMP_HS_LINGER = PMP_HOST_LINGER,
	PMP_HS_EXIT = PMP_HOST_EXIT,
	PMP_HS_DEAD,
};

/**
 * struct pmp_work - an item of a host's work queue
 * @entry: link in &pmp_host.todo.
 * @type: PMP_WORK_*.
 */
struct pmp_work {
	struct list_head entry;
	u32 type;
};

/**
 * struct pmp_host - one PMP process
 * @ref: held by the host endpoint and by each client endpoint until their
 *	files are released, and briefly by lookups.
 * @id: the host id, its index in the host table.
 * @flags: registration flags (PMP_HOST_UNPROTECTED).
 * @missing: hardening properties lacked at registration.
 * @layers: PMP_LAYER_* bits found at registration.
 * @uid: effective uid of the registering process.
 * @user: its user, referenced, charged for the host until it is shut
 *	down and for what the host allocates (replies, objects).
 * @pid: thread-group pid of the registering process.
 * @mm: the address space of the image that registered, held for
 *	comparison only (mmgrab): the endpoint is that image's alone.
 * @revoked: the host is not to be trusted any more (its image changed,
 *	or a protected host tried to lose its protection); set once.
 * @revoke_work: fails the host's transactions and ends it, in process
 *	context, after a revocation from a probe.
 * @wait: the host's receivers and pollers wait here.
 * @lifetime: runs when @deadline passes.
 * @txns: transaction id -> transaction, for every transaction the host
 *	holds (queued, delivered, or cancelled and awaiting its reply).
 * @next_txn: cursor of @txns' cyclic allocation.
 * @lock: protects the fields below, every client's share, pending list
 *	and handle count, and every transaction's state.
 * @state: enum pmp_host_state.
 * @had_object: an object has existed; its last release makes the host
 *	ready to exit.
 * @deadline: when STARTING or LINGER ends.
 * @clients: client endpoints not yet torn down.
 * @nr_clients: length of @clients.
 * @next_client_id: the id the next client gets.
 * @locks: lock count, the sum of the clients' shares.
 * @todo: work items waiting for PMP_IOC_RECV.
 * @nr_pending: entries of @txns.
 * @nr_creating: CREATE transactions in flight; they keep the host active.
 * @objects: live objects by cookie.
 * @nr_objects: entries of @objects.
 * @next_object_id: the id the next object gets.
 * @rcu: frees the host after lookups under RCU are done with it.
 */
struct pmp_host {
	struct kref ref;
	u32 id;
	u32 flags;
	u32 missing;
	u32 layers;
	kuid_t uid;
	struct pmp_user *user;
	struct pid *pid;
	struct mm_struct *mm;
	bool revoked;
	struct work_struct revoke_work;
	wait_queue_head_t wait;
	struct delayed_work lifetime;
	struct xarray txns;
	u32 next_txn;

	spinlock_t lock; /* see above */
	enum pmp_host_state state;
	bool had_object;
	unsigned long deadline;
	struct list_head clients;
	u32 nr_clients;
	u32 next_client_id;
	u64 locks;
	struct list_head todo;
	u32 nr_pending;
	u32 nr_creating;
	struct rb_root objects;
	u32 nr_objects;
	u64 next_object_id;

	struct rcu_head rcu;
};

/* The host's image changed or tried to lose its protection. */
static inline bool pmp_host_revoked(const struct pmp_host *host)
{
	return READ_ONCE(host->revoked);
}

/* The host can no longer serve its clients. */
static inline bool pmp_host_gone(const struct pmp_host *host)
{
	return READ_ONCE(host->state) >= PMP_HS_EXIT;
}

int pmp_host_register(struct pmp_endpoint *ep, struct pmp_host_register *reg);
void pmp_host_shutdown(struct pmp_host *host);
struct pmp_host *pmp_host_find(u64 id);
void pmp_host_put(struct pmp_host *host);
int pmp_host_fill_info(struct pmp_host *host,
		       const struct pmp_endpoint *client, struct pmp_info *info);
void pmp_host_queue_work_locked(struct pmp_host *host, struct pmp_work *work);
void pmp_host_update_lifetime_locked(struct pmp_host *host);
int pmp_hosts_list(struct pmp_list_hosts *lh);
void pmp_host_revoke(struct pmp_host *host);
int pmp_host_check_image(struct pmp_host *host);
void pmp_hosts_revoke(struct pid *tgid, struct mm_struct *keep,
		      bool protected_only);
void pmp_hosts_exit(void);

#endif /* _PMP_HOST_H */
