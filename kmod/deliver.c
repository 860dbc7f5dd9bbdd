// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - the host side of transactions: receiving work and replying
 *
 * PMP_IOC_RECV takes the oldest work item.  Its payload, descriptors and
 * description are copied out before anything is installed (struct
 * pmp_msg_out); if any step fails the item goes back to the head of the
 * queue, so that nothing is lost.  PMP_IOC_REPLY answers one delivered
 * transaction, once.
 */

#include "common.h"

#include <linux/err.h>
#include <linux/pid_namespace.h>
#include <linux/pmp.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>

#include "deliver.h"
#include "endpoint.h"
#include "host.h"
#include "limits.h"
#include "msg.h"
#include "object.h"
#include "params.h"
#include "stats.h"
#include "txn.h"

static bool work_is_txn(const struct pmp_work *work)
{
	return work->type == PMP_WORK_CREATE || work->type == PMP_WORK_CALL;
}

static bool recv_ready(struct pmp_host *host)
{
	return !list_empty_careful(&host->todo) ||
	       READ_ONCE(host->state) >= PMP_HS_EXIT ||
	       pmp_host_revoked(host);
}

/* Receivers wait exclusively: one item wakes one of them. */
static int recv_wait(struct pmp_host *host)
{
	return wait_event_interruptible_exclusive(host->wait,
						  recv_ready(host));
}

/*
 * Describes @work in @r, and the objects a call passes in @objs; the host's
 * lock is held, which keeps them alive while they are read.
 */
static void recv_describe(struct pmp_host *host, struct pmp_work *work,
			  struct pmp_recv *r, struct pmp_recv_obj *objs)
{
	u32 i;

	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pmp_notice *notice;
	struct pmp_object *obj;
	struct pmp_txn *txn;

	r->type = work->type;
	switch (work->type) {
	case PMP_WORK_CREATE:
	case PMP_WORK_CALL:
		txn = container_of(work, struct pmp_txn, work);
		r->txn = txn->id;
		r->client_id = txn->client_id;
		r->client_pid = txn->client ?
			pid_nr_ns(txn->client->owner, ns) : 0;
		if (work->type == PMP_WORK_CREATE) {
			memcpy(r->clsid, txn->clsid, sizeof(r->clsid));
			memcpy(r->iid, txn->iid, sizeof(r->iid));
			break;
		}
		r->method = txn->method;
		r->call_flags = txn->flags;
		r->object_id = txn->target->id;
		r->cookie = txn->target->cookie;
		r->nobjs = txn->nr_in_objs;
		for (i = 0; i < txn->nr_in_objs; i++) {
			objs[i].object_id = txn->in_objs[i]->id;
			objs[i].cookie = txn->in_objs[i]->cookie;
		}
		break;
	case PMP_WORK_RELEASE:
		obj = container_of(work, struct pmp_object, work);
		r->object_id = obj->id;
		r->cookie = obj->cookie;
		break;
	case PMP_WORK_CLIENT_GONE:
		notice = container_of(work, struct pmp_notice, work);
		r->client_id = notice->client_id;
		break;
	}
}

/* A receive failed after taking @work: put it back in front. */
static void recv_requeue(struct pmp_host *host, struct pmp_work *work)
{
	struct pmp_txn *txn = NULL;
	LIST_HEAD(to_put);

	spin_lock(&host->lock);
	if (work_is_txn(work)) {
		txn = container_of(work, struct pmp_txn, work);
		if (txn->state == PMP_TXN_DELIVERED) {
			txn->state = PMP_TXN_QUEUED;
			list_add(&work->entry, &host->todo);
		} else if (txn->state == PMP_TXN_CANCELLED && txn->in_host) {
			/*
			 * Its client gave up meanwhile and the host never saw
			 * it.  A REPLY guessing its id, or the host's
			 * teardown, may have forgotten it already.
			 */
			pmp_txn_forget_locked(host, txn, &to_put);
		}
	} else if (host->state == PMP_HS_DEAD) {
		pmp_work_free(work);
	} else {
		list_add(&work->entry, &host->todo);
	}
	if (!list_empty(&host->todo))
		wake_up_interruptible_poll(&host->wait, EPOLLIN);
	spin_unlock(&host->lock);

	pmp_txn_put_list(&to_put);
	if (txn)
		pmp_txn_put(txn);
}

/*
 * The host has what the client sent: the kernel keeps none of it, so that
 * a call its host never answers pins no payload.  Only this receiver may
 * touch @in of a delivered transaction.
 */
static void recv_delivered(struct pmp_txn *txn)
{
	struct pmp_msg *in = txn->in;

	txn->in = NULL;
	pmp_msg_free(in);
	pmp_txn_put(txn);
}

/* Takes the first work item if @r can hold it; the host's lock is held. */
static struct pmp_work *recv_take(struct pmp_host *host, struct pmp_recv *r,
				  struct pmp_recv_obj *objs, int *err)
{
	struct pmp_work *work;
	struct pmp_msg *in;
	struct pmp_txn *txn;
	u32 size, nfds;

	lockdep_assert_held(&host->lock);

	work = list_first_entry_or_null(&host->todo, struct pmp_work, entry);
	if (!work) {
		*err = host->state >= PMP_HS_EXIT ? -ESHUTDOWN : -EAGAIN;
		return NULL;
	}
	if (work_is_txn(work)) {
		txn = container_of(work, struct pmp_txn, work);
		in = txn->in;
		size = in ? in->size : 0;
		nfds = in ? in->nfds : 0;
		if (size > r->buf_size || nfds > r->nfds ||
		    txn->nr_in_objs > r->nobjs) {
			r->buf_size = size;
			r->nfds = nfds;
			r->nobjs = txn->nr_in_objs;
			*err = -EMSGSIZE;
			return NULL;
		}
		txn->state = PMP_TXN_DELIVERED;
		kref_get(&txn->ref);
	}
	list_del_init(&work->entry);
	r->nobjs = 0;
	recv_describe(host, work, r, objs);
	return work;
}

/**
 * pmp_host_recv - PMP_IOC_RECV, up to the writing back of its structure
 * @ep: the host endpoint
 * @nonblock: the file is O_NONBLOCK
 * @r: the validated argument, filled in
 * @d: on success, the work item on its way out, for pmp_host_recv_end()
 *
 * Return: 0, -EOPNOTSUPP, -ENOTCONN, -EBADFD, -EKEYREVOKED (the host was
 * revoked), -EAGAIN, -ESHUTDOWN, -EMSGSIZE
 * (@r says what is needed, and is to be written back), -EMFILE, -EFAULT,
 * -ERESTARTSYS.  On any error the item, if one was taken, is back at the
 * head of the queue.
 */
int pmp_host_recv(struct pmp_endpoint *ep, bool nonblock, struct pmp_recv *r,
		  struct pmp_delivery *d)
{
	struct pmp_recv_obj objs[PMP_OBJS_MAX];
	struct pmp_work *work;
	struct pmp_host *host;
	struct pmp_msg *in = NULL;
	int err;

	err = pmp_endpoint_check(ep, PMP_EP_HOST);
	if (err)
		return err;
	host = ep->host;

	for (;;) {
		err = pmp_host_check_image(host);
		if (err)
			return err;
		if (!nonblock) {
			err = recv_wait(host);
			if (err)
				return err;
			err = pmp_host_check_image(host);
			if (err)
				return err;
		}
		spin_lock(&host->lock);
		if (host->state == PMP_HS_DEAD)
			err = -EBADFD;
		else
			work = recv_take(host, r, objs, &err);
		spin_unlock(&host->lock);
		if (err != -EAGAIN || nonblock)
			break;
	}
	if (err == -EMSGSIZE) {
		/* Someone else with room may take it. */
		wake_up_interruptible_poll(&host->wait, EPOLLIN);
		return err;
	}
	if (err)
		return err;

	if (work_is_txn(work))
		in = container_of(work, struct pmp_txn, work)->in;
	r->buf_size = in ? in->size : 0;
	r->nfds = in ? in->nfds : 0;

	err = pmp_msg_out_reserve(&d->out, r->nfds);
	if (!err) {
		err = pmp_msg_out_copy(&d->out, in, r->buf_ptr, r->fds_ptr);
		if (!err && copy_to_user(u64_to_user_ptr(r->objs_ptr), objs,
					 r->nobjs * sizeof(objs[0])))
			err = -EFAULT;
		if (err)
			pmp_msg_out_end(&d->out, false);
	}
	if (err) {
		recv_requeue(host, work);
		return err;
	}
	d->work = work;
	return 0;
}

/**
 * pmp_host_recv_end - finish a receive once its structure is written back
 * @ep: the host endpoint
 * @d: the delivery; consumed
 * @written: the structure reached the host: the descriptors are installed
 *	and the kernel lets go of what the host now has; else the item goes
 *	back to the head of the queue, whole
 */
void pmp_host_recv_end(struct pmp_endpoint *ep, struct pmp_delivery *d,
		       bool written)
{
	struct pmp_work *work = d->work;

	pmp_msg_out_end(&d->out, written);
	if (!written)
		recv_requeue(ep->host, work);
	else if (work_is_txn(work))
		recv_delivered(container_of(work, struct pmp_txn, work));
	else
		pmp_work_free(work);
}

/* Checks a reply against what its transaction allows. */
static int reply_check(const struct pmp_txn *txn, const struct pmp_reply *rp,
		       const struct pmp_msg *out)
{
	bool object = rp->flags & PMP_REPLY_OBJECT;
	bool success = rp->status >= 0;

	if (txn->work.type == PMP_WORK_CREATE) {
		if (out || object != success)
			return -EINVAL;
		return 0;
	}
	if (object && !(txn->flags & PMP_CALL_OBJECT_OUT))
		return -EINVAL;
	if (out && (out->size > txn->out_cap || out->nfds > txn->out_nfds_cap))
		return -EMSGSIZE;
	return 0;
}

/**
 * pmp_host_reply - PMP_IOC_REPLY
 * @ep: the host endpoint
 * @rp: the validated argument; @object_id and @object_new are filled in
 *
 * Return: 0, -EKEYREVOKED, -ENOENT, -ECANCELED, -EINVAL, -EMSGSIZE, -EBADF, -EPERM,
 * -EFAULT, -ENOMEM, -EAGAIN (the host's user is at its max_user_bytes),
 * -EOPNOTSUPP, -ENOTCONN, -EBADFD.
 */
int pmp_host_reply(struct pmp_endpoint *ep, struct pmp_reply *rp)
{
	struct pmp_object *prealloc = NULL, *obj;
	u8 small_data[PMP_MSG_SMALL];
	struct pmp_msg small = { .data = small_data };
	struct pmp_msg *out = NULL;
	struct pmp_host *host;
	struct pmp_txn *txn = NULL;
	LIST_HEAD(to_put);
	int err;

	if (rp->buf_size > pmp_param(max_payload) || rp->nfds > PMP_FDS_MAX)
		return -EMSGSIZE;

	err = pmp_endpoint_check(ep, PMP_EP_HOST);
	if (err)
		return err;
	host = ep->host;
	err = pmp_host_check_image(host);
	if (err)
		return err;

	/* A small answer waits on the stack until its transaction is known. */
	err = pmp_msg_from_user(host->user, rp->buf_ptr, rp->buf_size,
				rp->fds_ptr, rp->nfds,
				rp->flags & PMP_REPLY_FDS_FLAGS, &small, &out);
	if (err)
		return err;
	if (rp->flags & PMP_REPLY_OBJECT) {
		prealloc = pmp_object_alloc(host->user);
		if (IS_ERR(prealloc)) {
			err = PTR_ERR(prealloc);
			prealloc = NULL;
			goto out_free;
		}
	}

	spin_lock(&host->lock);
	if (rp->txn >= PMP_ID_MIN && rp->txn <= PMP_ID_MAX)
		txn = xa_load(&host->txns, rp->txn);
	if (host->state == PMP_HS_DEAD) {
		err = -EBADFD;
	} else if (!txn || (txn->state != PMP_TXN_DELIVERED &&
		     txn->state != PMP_TXN_CANCELLED)) {
		err = -ENOENT;
	} else if (txn->state == PMP_TXN_CANCELLED) {
		pmp_txn_forget_locked(host, txn, &to_put);
		pmp_stat_inc(PMP_STAT_DISCARDED);
		err = -ECANCELED;
	} else {
		err = reply_check(txn, rp, out);
	}
	if (err) {
		spin_unlock(&host->lock);
		goto out_free;
	}

	if (rp->flags & PMP_REPLY_OBJECT) {
		obj = pmp_object_adopt_locked(host, rp->cookie, &prealloc);
		txn->out_obj = obj;
		rp->object_id = obj->id;
		rp->object_new = !prealloc;
	}
	txn->status = rp->status;
	txn->reply_flags = rp->flags & PMP_REPLY_FDS_FLAGS;
	txn->out = pmp_msg_move(out, &txn->small_out);
	out = NULL;
	pmp_txn_finish_locked(host, txn, 0, &to_put);
	pmp_host_update_lifetime_locked(host);
	spin_unlock(&host->lock);

out_free:
	pmp_txn_put_list(&to_put);
	pmp_object_free(prealloc);
	pmp_msg_free(out);
	return err;
}
