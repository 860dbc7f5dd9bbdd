// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - transactions: a client's CREATE or CALL on its way to the host
 * and back
 *
 * A client queues a transaction to its host, wakes one receiving host
 * thread and sleeps until the answer, the timeout or a fatal signal.  The
 * wait is killable only: an ordinary signal neither loses a call nor runs it
 * twice, it is simply handled once the call has returned.
 *
 * The host's lock decides every state change, so that exactly one side
 * frees what a transaction carries.  The last reference to a transaction is
 * never dropped under that lock (freeing its payload may sleep): callers
 * collect such transactions on a list for pmp_txn_put_list().
 */

#include "common.h"

#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/pmp.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "endpoint.h"
#include "host.h"
#include "limits.h"
#include "msg.h"
#include "objcount.h"
#include "object.h"
#include "params.h"
#include "stats.h"
#include "txn.h"
#include "user.h"

static struct kmem_cache *pmp_txn_cache;

int __init pmp_txns_init(void)
{
	pmp_txn_cache = KMEM_CACHE_USERCOPY(pmp_txn, SLAB_ACCOUNT, small_data);
	return pmp_txn_cache ? 0 : -ENOMEM;
}

void pmp_txns_exit(void)
{
	kmem_cache_destroy(pmp_txn_cache);
}

/* What a transaction costs its user, besides its payloads. */
static long txn_charge(u32 nr_objs)
{
	return kmem_cache_size(pmp_txn_cache) +
	       (nr_objs ? kmalloc_size_roundup(nr_objs * sizeof(void *)) : 0);
}

/**
 * pmp_txn_alloc - a new transaction, with the client's reference
 * @user: the client's user, charged for it
 * @type: PMP_WORK_CREATE or PMP_WORK_CALL
 * @nr_objs: how many objects a call passes, at most PMP_OBJS_MAX
 *
 * Return: the transaction, ERR_PTR(-ENOMEM), or ERR_PTR(-EAGAIN) when
 * @user is at its max_user_pending or max_user_bytes.
 */
struct pmp_txn *pmp_txn_alloc(struct pmp_user *user, u32 type, u32 nr_objs)
{
	struct pmp_txn *txn;

	if (!pmp_user_charge(user, PMP_USER_PENDING, 1))
		return ERR_PTR(-EAGAIN);
	if (!pmp_user_charge(user, PMP_USER_BYTES, txn_charge(nr_objs))) {
		pmp_user_uncharge(user, PMP_USER_PENDING, 1);
		return ERR_PTR(-EAGAIN);
	}
	txn = kmem_cache_zalloc(pmp_txn_cache, GFP_KERNEL_ACCOUNT);
	if (txn && nr_objs) {
		txn->in_objs = kcalloc(nr_objs, sizeof(*txn->in_objs),
				       GFP_KERNEL_ACCOUNT);
		if (!txn->in_objs) {
			kmem_cache_free(pmp_txn_cache, txn);
			txn = NULL;
		}
	}
	if (!txn) {
		pmp_user_uncharge(user, PMP_USER_BYTES, txn_charge(nr_objs));
		pmp_user_uncharge(user, PMP_USER_PENDING, 1);
		return ERR_PTR(-ENOMEM);
	}
	txn->nr_in_objs = nr_objs;
	txn->user = pmp_user_get(user);
	txn->work.type = type;
	INIT_LIST_HEAD(&txn->work.entry);
	INIT_LIST_HEAD(&txn->client_entry);
	kref_init(&txn->ref);
	init_waitqueue_head(&txn->wait);
	txn->small_in.data = txn->small_data[0];
	txn->small_out.data = txn->small_data[1];
	pmp_objcount_inc(PMP_OBJ_TXN);
	return txn;
}

static void txn_release(struct kref *ref)
{
	struct pmp_txn *txn = container_of(ref, struct pmp_txn, ref);

	/* @target went when the host let go; the client took @out_obj. */
	WARN_ON_ONCE(txn->target || txn->out_obj || txn->in_host);
	WARN_ON_ONCE(txn->in_objs && txn->in_objs[0]);
	kfree(txn->in_objs);
	pmp_msg_free(txn->in);
	pmp_msg_free(txn->out);
	pmp_user_uncharge(txn->user, PMP_USER_BYTES,
			  txn_charge(txn->nr_in_objs));
	pmp_user_uncharge(txn->user, PMP_USER_PENDING, 1);
	pmp_user_put(txn->user);
	kmem_cache_free(pmp_txn_cache, txn);
	pmp_objcount_dec(PMP_OBJ_TXN);
}

/**
 * pmp_txn_put - drop a reference to a transaction, no spinlock held
 * @txn: the transaction
 */
void pmp_txn_put(struct pmp_txn *txn)
{
	kref_put(&txn->ref, txn_release);
}

/**
 * pmp_txn_put_list - drop the references collected by the *_locked helpers
 * @to_put: transactions linked through their work entries
 */
void pmp_txn_put_list(struct list_head *to_put)
{
	struct pmp_txn *txn, *next;

	list_for_each_entry_safe(txn, next, to_put, work.entry) {
		list_del_init(&txn->work.entry);
		pmp_txn_put(txn);
	}
}

/* Drops the objects a call holds: the one called and those it passes. */
static void txn_put_objects_locked(struct pmp_host *host, struct pmp_txn *txn)
{
	u32 i;

	lockdep_assert_held(&host->lock);

	if (txn->target) {
		pmp_object_put_locked(host, txn->target);
		txn->target = NULL;
	}
	for (i = 0; i < txn->nr_in_objs && txn->in_objs[i]; i++) {
		pmp_object_put_locked(host, txn->in_objs[i]);
		txn->in_objs[i] = NULL;
	}
}

/* Looks up what a call names: the object called and those it passes. */
static int txn_get_objects_locked(struct pmp_endpoint *ep,
				  struct pmp_txn *txn, u64 handle,
				  const u64 *in_handles)
{
	u32 i;

	lockdep_assert_held(&ep->host->lock);

	txn->target = pmp_handle_get(ep, handle);
	if (!txn->target)
		return -ENOENT;
	for (i = 0; i < txn->nr_in_objs; i++) {
		txn->in_objs[i] = pmp_handle_get(ep, in_handles[i]);
		if (!txn->in_objs[i]) {
			txn_put_objects_locked(ep->host, txn);
			return -ENOENT;
		}
	}
	return 0;
}

/**
 * pmp_txn_forget_locked - take a transaction out of its host's table
 * @host: the host, its lock held
 * @txn: the transaction, no longer queued, still @in_host
 * @to_put: receives the host's reference
 */
void pmp_txn_forget_locked(struct pmp_host *host, struct pmp_txn *txn,
			   struct list_head *to_put)
{
	lockdep_assert_held(&host->lock);

	if (WARN_ON_ONCE(!txn->in_host))
		return;
	txn->in_host = false;
	xa_erase(&host->txns, txn->id);
	host->nr_pending--;
	pmp_stat_dec(PMP_STAT_PENDING);
	/*
	 * The object called goes only now that the host is done with the
	 * call: a host never hears of an object's release while it may still
	 * be serving a call on it, even one its client gave up on.
	 */
	txn_put_objects_locked(host, txn);
	list_add_tail(&txn->work.entry, to_put);
}

/* The transaction is over for its client: undo what it holds there. */
static void txn_detach_client(struct pmp_host *host, struct pmp_txn *txn)
{
	struct pmp_endpoint *ep = txn->client;

	lockdep_assert_held(&host->lock);

	list_del_init(&txn->client_entry);
	ep->nr_txns--;
	if (txn->has_slot && !txn->out_obj) {
		ep->nr_reserved--;
		txn->has_slot = false;
	}
	if (txn->work.type == PMP_WORK_CREATE)
		host->nr_creating--;
}

/**
 * pmp_txn_finish_locked - a transaction is answered, or fails for good
 * @host: the host, its lock held
 * @txn: a QUEUED or DELIVERED transaction; its reply is already in place
 * @err: 0, or the kernel's error (-ESHUTDOWN: the host went)
 * @to_put: receives the host's reference
 */
void pmp_txn_finish_locked(struct pmp_host *host, struct pmp_txn *txn,
			   int err, struct list_head *to_put)
{
	lockdep_assert_held(&host->lock);

	list_del_init(&txn->work.entry);
	pmp_txn_forget_locked(host, txn, to_put);
	txn_detach_client(host, txn);
	txn->err = err;
	WRITE_ONCE(txn->state, PMP_TXN_DONE);
	/* The woken client takes the host lock before it frees anything. */
	wake_up_sync(&txn->wait);
}

/**
 * pmp_txn_cancel_locked - the client gives up on a transaction
 * @host: the host, its lock held
 * @txn: a QUEUED or DELIVERED transaction
 * @err: why: -ETIMEDOUT, -EINTR, or -EBADFD (the client was torn down)
 * @to_put: may receive the host's reference
 *
 * A QUEUED transaction leaves the host; a DELIVERED one stays until the
 * host answers (PMP_IOC_REPLY fails with ECANCELED) or goes.
 */
void pmp_txn_cancel_locked(struct pmp_host *host, struct pmp_txn *txn,
			   int err, struct list_head *to_put)
{
	lockdep_assert_held(&host->lock);

	txn_detach_client(host, txn);
	txn->client = NULL;
	txn->err = err;
	if (txn->state == PMP_TXN_QUEUED) {
		list_del_init(&txn->work.entry);
		pmp_txn_forget_locked(host, txn, to_put);
	}
	WRITE_ONCE(txn->state, PMP_TXN_CANCELLED);
	pmp_stat_inc(PMP_STAT_CANCELLED);
	if (err == -ETIMEDOUT)
		pmp_stat_inc(PMP_STAT_TIMEOUTS);
	if (txn->work.type == PMP_WORK_CREATE)
		pmp_host_update_lifetime_locked(host);
	wake_up(&txn->wait);
}

static bool txn_settled(struct pmp_txn *txn)
{
	enum pmp_txn_state state = READ_ONCE(txn->state);

	return state == PMP_TXN_DONE || state == PMP_TXN_CANCELLED;
}

/*
 * Queues @txn, for a call to the object behind @handle passing those
 * behind @in_handles.  Handles are looked up here, under the host's lock,
 * so that teardown (which sets @detached under it) can be sure that no
 * object reference is taken after.
 */
static int txn_queue(struct pmp_endpoint *ep, struct pmp_txn *txn, u64 handle,
		     const u64 *in_handles)
{
	struct pmp_host *host = ep->host;
	int err;

	lockdep_assert_held(&host->lock);

	if (pmp_host_revoked(host))
		return -EKEYREVOKED;
	if (pmp_host_gone(host))
		return -ESHUTDOWN;
	if (ep->detached)
		return -EBADFD;
	if (ep->nr_txns >= pmp_param(max_pending_client) ||
	    host->nr_pending >= pmp_param(max_pending_host))
		return -EAGAIN;
	if (txn->has_slot &&
	    ep->nr_handles + ep->nr_reserved >= pmp_param(max_objects))
		return -EDQUOT;
	if (txn->work.type == PMP_WORK_CALL) {
		err = txn_get_objects_locked(ep, txn, handle, in_handles);
		if (err)
			return err;
	}
	/* The reserved id now leads to the transaction (no allocation). */
	if (WARN_ON_ONCE(xa_is_err(xa_store(&host->txns, txn->id, txn,
					    GFP_NOWAIT)))) {
		txn_put_objects_locked(host, txn);
		return -ENOMEM;
	}
	if (txn->has_slot)
		ep->nr_reserved++;

	txn->client = ep;
	txn->client_id = ep->client_id;
	list_add_tail(&txn->client_entry, &ep->txns);
	ep->nr_txns++;
	host->nr_pending++;
	pmp_stat_inc(PMP_STAT_PENDING);
	if (txn->work.type == PMP_WORK_CREATE) {
		host->nr_creating++;
		pmp_host_update_lifetime_locked(host);
	} else {
		pmp_stat_inc(PMP_STAT_CALLS);
	}

	kref_get(&txn->ref);
	txn->in_host = true;
	txn->state = PMP_TXN_QUEUED;
	pmp_host_queue_work_locked(host, &txn->work);
	return 0;
}

/**
 * pmp_txn_transact - send a transaction to the client's host and wait
 * @ep: a client endpoint
 * @txn: a new transaction, with @has_slot set when it may bring an object
 *	back
 * @handle: for a call, the handle of the object called
 * @in_handles: for a call, the handles of the @txn->nr_in_objs objects it
 *	passes
 * @timeout_ms: 0 for the module's default_timeout_ms
 *
 * Return: 0 when the host answered (the answer is in @txn), -ESHUTDOWN,
 * -EBADFD, -EAGAIN, -EDQUOT, -ENOENT, -ETIMEDOUT, -EINTR or -ENOMEM.
 */
int pmp_txn_transact(struct pmp_endpoint *ep, struct pmp_txn *txn,
		     u64 handle, const u64 *in_handles, u32 timeout_ms)
{
	struct pmp_host *host = ep->host;
	LIST_HEAD(to_put);
	long timeout, left;
	int err;

	/*
	 * Only an id is reserved here (a NULL entry): the host's replies and
	 * its teardown find the transaction in the table only once it is
	 * queued, under the host's lock, so a transaction that fails to
	 * queue is never seen by them and may be freed at once.
	 */
	err = xa_alloc_cyclic(&host->txns, &txn->id, NULL,
			      XA_LIMIT(PMP_ID_MIN, PMP_ID_MAX), &host->next_txn,
			      GFP_KERNEL_ACCOUNT);
	if (err < 0)
		return err == -EBUSY ? -EAGAIN : err;

	spin_lock(&host->lock);
	err = txn_queue(ep, txn, handle, in_handles);
	spin_unlock(&host->lock);
	if (err) {
		xa_release(&host->txns, txn->id);
		return err;
	}

	if (!timeout_ms)
		timeout_ms = pmp_param(default_timeout_ms);
	timeout = timeout_ms ? msecs_to_jiffies(timeout_ms) :
			       MAX_SCHEDULE_TIMEOUT;
	left = wait_event_killable_timeout(txn->wait, txn_settled(txn),
					   timeout);

	spin_lock(&host->lock);
	switch (txn->state) {
	case PMP_TXN_DONE:
	case PMP_TXN_CANCELLED:
		err = txn->err;
		break;
	default:
		err = left ? -EINTR : -ETIMEDOUT;
		pmp_txn_cancel_locked(host, txn, err, &to_put);
		break;
	}
	spin_unlock(&host->lock);
	pmp_txn_put_list(&to_put);
	return err;
}

/**
 * pmp_notice_alloc - a PMP_WORK_CLIENT_GONE notice, for a client to keep
 *
 * Return: the notice or NULL.
 */
struct pmp_notice *pmp_notice_alloc(void)
{
	struct pmp_notice *notice;

	notice = kzalloc(sizeof(*notice), GFP_KERNEL_ACCOUNT);
	if (!notice)
		return NULL;
	notice->work.type = PMP_WORK_CLIENT_GONE;
	INIT_LIST_HEAD(&notice->work.entry);
	pmp_objcount_inc(PMP_OBJ_NOTICE);
	return notice;
}

/**
 * pmp_work_free - free a delivered or orphaned RELEASE or CLIENT_GONE item
 * @work: the item
 */
void pmp_work_free(struct pmp_work *work)
{
	switch (work->type) {
	case PMP_WORK_RELEASE:
		pmp_object_free(container_of(work, struct pmp_object, work));
		break;
	case PMP_WORK_CLIENT_GONE:
		kfree(container_of(work, struct pmp_notice, work));
		pmp_objcount_dec(PMP_OBJ_NOTICE);
		break;
	default:
		WARN_ON_ONCE(1);
	}
}
