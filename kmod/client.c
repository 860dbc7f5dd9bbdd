// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - clients: connections to a host, their locks, and the objects they
 * create and call in it
 *
 * IMFPMPServer::LockProcess and UnlockProcess act on one count per PMP
 * process, shared by every pointer to it.  Here each client endpoint keeps
 * its own share and the host keeps the sum, so that a client going away
 * takes exactly its own locks with it and an unlock can never eat into
 * another client's share.
 */

#include "common.h"

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/pid_namespace.h>
#include <linux/pmp.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "client.h"
#include "endpoint.h"
#include "host.h"
#include "limits.h"
#include "msg.h"
#include "object.h"
#include "params.h"
#include "stats.h"
#include "txn.h"
#include "user.h"

/*
 * Whether the caller may connect to @host, by uid.  Another uid's protected
 * host takes an explicit request besides the privilege, so that no
 * administrator's tool walks into one by accident.
 */
static int connect_check_uid(const struct pmp_host *host, u32 flags)
{
	if (uid_eq(current_euid(), host->uid))
		return 0;
	if (host->flags & PMP_HOST_UNPROTECTED)
		return capable(CAP_SYS_ADMIN) ? 0 : -EACCES;
	if (!(flags & PMP_CONNECT_OTHER_UID))
		return -EACCES;
	return capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
}

/**
 * pmp_client_connect - make a NEW endpoint a client of a host
 * @ep: the endpoint, its lock held
 * @conn: the validated argument
 *
 * Return: 0, -ECONNREFUSED when no live host with that id is visible in the
 * caller's pid namespace, -EACCES when it belongs to another uid and is
 * protected without PMP_CONNECT_OTHER_UID or unprotected and the caller
 * lacks CAP_SYS_ADMIN, -EPERM for PMP_CONNECT_OTHER_UID without
 * CAP_SYS_ADMIN, -EDQUOT when the caller's user has max_user_clients
 * client endpoints, -ENOMEM.
 */
int pmp_client_connect(struct pmp_endpoint *ep, const struct pmp_connect *conn)
{
	struct pmp_user *user;
	struct pmp_notice *gone;
	struct pmp_host *host;
	int err;

	lockdep_assert_held(&ep->lock);

	host = pmp_host_find(conn->host_id);
	if (!host)
		return -ECONNREFUSED;

	/* A host outside the caller's pid namespace does not exist for it. */
	if (!pid_nr_ns(host->pid, task_active_pid_ns(current))) {
		err = -ECONNREFUSED;
		goto err_put;
	}
	err = connect_check_uid(host, conn->flags);
	if (err)
		goto err_put;
	user = pmp_user_get_current();
	if (!user) {
		err = -ENOMEM;
		goto err_put;
	}
	if (!pmp_user_charge(user, PMP_USER_CLIENTS, 1)) {
		err = -EDQUOT;
		goto err_put_user;
	}
	gone = pmp_notice_alloc();
	if (!gone) {
		err = -ENOMEM;
		goto err_uncharge;
	}

	spin_lock(&host->lock);
	if (pmp_host_gone(host)) {
		spin_unlock(&host->lock);
		pmp_work_free(&gone->work);
		err = -ECONNREFUSED;
		goto err_uncharge;
	}
	ep->client_id = ++host->next_client_id;
	gone->client_id = ep->client_id;
	list_add_tail(&ep->client_node, &host->clients);
	host->nr_clients++;
	spin_unlock(&host->lock);

	/* The lookup's reference now belongs to the endpoint. */
	ep->gone = gone;
	ep->user = user;
	ep->host = host;
	/* Pairs with pmp_endpoint_check(): @host is set before the kind. */
	smp_store_release(&ep->kind, PMP_EP_CLIENT);
	pmp_stat_inc(PMP_STAT_CLIENTS);
	return 0;

err_uncharge:
	pmp_user_uncharge(user, PMP_USER_CLIENTS, 1);
err_put_user:
	pmp_user_put(user);
err_put:
	pmp_host_put(host);
	return err;
}

/*
 * Adds @delta (+1 or -1) to the client's share and the host's count, under
 * the host's lock, which teardown of either side also takes.
 */
static int client_adjust_locks(struct pmp_endpoint *ep, int delta)
{
	struct pmp_host *host;
	int err;

	err = pmp_endpoint_check(ep, PMP_EP_CLIENT);
	if (err)
		return err;

	host = ep->host;
	spin_lock(&host->lock);
	if (ep->detached) {
		err = -EBADFD;
	} else if (pmp_host_gone(host)) {
		err = -ESHUTDOWN;
	} else if (delta > 0 && ep->locks >= PMP_LOCKS_MAX) {
		err = -EOVERFLOW;
	} else if (delta < 0 && !ep->locks) {
		err = -ENOLCK;
	} else {
		ep->locks += delta;
		host->locks += delta;
		pmp_stat_add(PMP_STAT_LOCKS_HELD, delta);
		pmp_stat_inc(delta > 0 ? PMP_STAT_LOCK_CALLS :
					 PMP_STAT_UNLOCK_CALLS);
		pmp_host_update_lifetime_locked(host);
	}
	spin_unlock(&host->lock);
	return err;
}

/**
 * pmp_client_lock - PMP_IOC_LOCK
 * @ep: the endpoint
 *
 * Return: 0, -ENOTCONN, -EOPNOTSUPP, -EBADFD, -ESHUTDOWN or -EOVERFLOW.
 */
int pmp_client_lock(struct pmp_endpoint *ep)
{
	return client_adjust_locks(ep, 1);
}

/**
 * pmp_client_unlock - PMP_IOC_UNLOCK
 * @ep: the endpoint
 *
 * Return: 0, -ENOLCK when the endpoint holds no lock, -ENOTCONN,
 * -EOPNOTSUPP, -EBADFD or -ESHUTDOWN.
 */
int pmp_client_unlock(struct pmp_endpoint *ep)
{
	return client_adjust_locks(ep, -1);
}

/*
 * Turns the object a transaction brought back into a handle.  A client torn
 * down meanwhile (by another thread closing it) gets none.
 */
static int client_take_object(struct pmp_endpoint *ep, struct pmp_txn *txn,
			      u64 *handle, u64 *object_id)
{
	struct pmp_object *obj = txn->out_obj;
	struct pmp_host *host = ep->host;
	u32 id;
	int err;

	if (!obj)
		return 0;
	txn->out_obj = NULL;

	/* Counted first, so that whoever releases the handle uncounts it. */
	spin_lock(&host->lock);
	ep->nr_reserved--;
	ep->nr_handles++;
	spin_unlock(&host->lock);

	err = pmp_handle_add(ep, obj, &id);
	spin_lock(&host->lock);
	if (err) {
		ep->nr_handles--;
		pmp_object_put_locked(host, obj);
	} else if (ep->detached) {
		/* Teardown's release of all handles may have taken it. */
		if (xa_erase(&ep->handles, id) == obj) {
			ep->nr_handles--;
			pmp_object_put_locked(host, obj);
		}
		err = -EBADFD;
	} else {
		*handle = id;
		*object_id = obj->id;
	}
	spin_unlock(&host->lock);
	return err;
}

/**
 * pmp_client_create - PMP_IOC_CREATE_OBJECT
 * @ep: the endpoint
 * @create: the validated argument; @status, @handle and @object_id are
 *	filled in
 *
 * Return: 0 when the host answered (with success or not), or the errors of
 * pmp_txn_transact() and -ENOMEM, -ENOTCONN, -EOPNOTSUPP.
 */
int pmp_client_create(struct pmp_endpoint *ep, struct pmp_create *create)
{
	struct pmp_txn *txn;
	int err;

	err = pmp_endpoint_check(ep, PMP_EP_CLIENT);
	if (err)
		return err;

	txn = pmp_txn_alloc(ep->user, PMP_WORK_CREATE, 0);
	if (IS_ERR(txn))
		return PTR_ERR(txn);
	memcpy(txn->clsid, create->clsid, sizeof(txn->clsid));
	memcpy(txn->iid, create->iid, sizeof(txn->iid));
	txn->has_slot = true;

	err = pmp_txn_transact(ep, txn, 0, NULL, create->timeout_ms);
	if (!err) {
		create->status = txn->status;
		err = client_take_object(ep, txn, &create->handle,
					 &create->object_id);
	}
	pmp_txn_put(txn);
	return err;
}

/**
 * pmp_client_call - PMP_IOC_CALL, up to the writing back of its structure
 * @ep: the endpoint
 * @call: the validated argument; its outputs are filled in
 * @d: on success, the reply on its way out, for pmp_client_call_end()
 *
 * Room for the reply's descriptors is reserved before the call runs, so
 * that a caller without room learns it before anything happens.
 *
 * Return: 0 when the host answered, or -ENOENT (no such handle), -EMSGSIZE,
 * -EBADF, -EPERM, -EMFILE, -ENOMEM, -EFAULT, and the errors of
 * pmp_txn_alloc() and pmp_txn_transact().
 */
int pmp_client_call(struct pmp_endpoint *ep, struct pmp_call *call,
		    struct pmp_delivery *d)
{
	u32 max = pmp_param(max_payload);
	u64 in_handles[PMP_OBJS_MAX];
	struct pmp_txn *txn;
	int err;

	if (call->in_size > max || call->out_size > max ||
	    call->in_nfds > PMP_FDS_MAX || call->out_nfds > PMP_FDS_MAX ||
	    call->in_nhandles > PMP_OBJS_MAX)
		return -EMSGSIZE;
	err = pmp_endpoint_check(ep, PMP_EP_CLIENT);
	if (err)
		return err;
	if (copy_from_user(in_handles, u64_to_user_ptr(call->in_handles),
			   call->in_nhandles * sizeof(in_handles[0])))
		return -EFAULT;

	txn = pmp_txn_alloc(ep->user, PMP_WORK_CALL, call->in_nhandles);
	if (IS_ERR(txn))
		return PTR_ERR(txn);
	txn->method = call->method;
	txn->flags = call->flags;
	txn->has_slot = call->flags & PMP_CALL_OBJECT_OUT;
	txn->out_cap = call->out_size;
	txn->out_nfds_cap = call->out_nfds;

	err = pmp_msg_from_user(ep->user, call->in_ptr, call->in_size,
				call->in_fds, call->in_nfds,
				call->flags & PMP_CALL_FDS_FLAGS, &txn->small_in,
				&txn->in);
	if (err)
		goto err_put;
	err = pmp_msg_out_reserve(&d->out, call->out_nfds);
	if (err)
		goto err_put;

	err = pmp_txn_transact(ep, txn, call->handle, in_handles,
			       call->timeout_ms);
	if (err)
		goto err_unreserve;

	call->status = txn->status;
	call->out_size = txn->out ? txn->out->size : 0;
	call->out_nfds = txn->out ? txn->out->nfds : 0;
	call->reply_flags = txn->reply_flags;
	err = client_take_object(ep, txn, &call->out_handle,
				 &call->out_object_id);
	if (err)
		goto err_unreserve;
	err = pmp_msg_out_copy(&d->out, txn->out, call->out_ptr,
			       call->out_fds);
	if (err)
		goto err_release;
	d->work = &txn->work;
	return 0;

err_release:
	if (call->out_handle)
		pmp_handle_release(ep, call->out_handle);
err_unreserve:
	pmp_msg_out_end(&d->out, false);
err_put:
	pmp_txn_put(txn);
	return err;
}

/**
 * pmp_client_call_end - finish a call once its structure is written back
 * @ep: the endpoint
 * @call: the argument as pmp_client_call() left it
 * @d: the delivery; consumed
 * @written: the structure reached the caller: only then are the reply's
 *	descriptors installed; else the reply is dropped (its object's
 *	handle released)
 */
void pmp_client_call_end(struct pmp_endpoint *ep, const struct pmp_call *call,
			 struct pmp_delivery *d, bool written)
{
	pmp_msg_out_end(&d->out, written);
	if (!written && call->out_handle)
		pmp_handle_release(ep, call->out_handle);
	pmp_txn_put(container_of(d->work, struct pmp_txn, work));
}

/**
 * pmp_client_release - PMP_IOC_RELEASE
 * @ep: the endpoint
 * @rel: the validated argument
 *
 * Return: 0, -ENOENT, -ENOTCONN, -EOPNOTSUPP or -EBADFD.
 */
int pmp_client_release(struct pmp_endpoint *ep, const struct pmp_release *rel)
{
	int err = pmp_endpoint_check(ep, PMP_EP_CLIENT);

	return err ?: pmp_handle_release(ep, rel->handle);
}

/**
 * pmp_client_detach - a client endpoint is being torn down
 * @ep: the endpoint, its lock held
 *
 * Once @detached is set no object reference can be taken any more; its
 * handles are released and its transactions in flight cancelled (the host
 * hears of each object no client holds any more, except objects of calls
 * it is serving: those follow its answer), its share leaves the host's
 * count (it is already zero if the host went first), and the host is told
 * that the client has gone.
 */
void pmp_client_detach(struct pmp_endpoint *ep)
{
	struct pmp_host *host = ep->host;
	struct pmp_txn *txn, *next;
	LIST_HEAD(to_put);

	lockdep_assert_held(&ep->lock);

	spin_lock(&host->lock);
	ep->detached = true;
	spin_unlock(&host->lock);

	pmp_handles_release_all(ep);

	spin_lock(&host->lock);
	list_for_each_entry_safe(txn, next, &ep->txns, client_entry)
		pmp_txn_cancel_locked(host, txn, -EBADFD, &to_put);
	list_del_init(&ep->client_node);
	host->nr_clients--;
	host->locks -= ep->locks;
	pmp_stat_add(PMP_STAT_LOCKS_HELD, -(s64)ep->locks);
	ep->locks = 0;
	if (host->state != PMP_HS_DEAD)
		pmp_host_queue_work_locked(host, &ep->gone->work);
	else
		pmp_work_free(&ep->gone->work);
	ep->gone = NULL;
	pmp_host_update_lifetime_locked(host);
	spin_unlock(&host->lock);

	pmp_txn_put_list(&to_put);
	pmp_user_uncharge(ep->user, PMP_USER_CLIENTS, 1);
	pmp_stat_dec(PMP_STAT_CLIENTS);
}
