// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - endpoints: open, poll, teardown and release of /dev/pmp files
 *
 * An endpoint belongs to the process that opened it.  Its state is torn down
 * as soon as that process can no longer use it: when the owner exits, when
 * the owner closes its last descriptor of it, or when the file is released,
 * whichever comes first.  Copies of the file elsewhere (fork() without exec,
 * SCM_RIGHTS) therefore never keep a host alive or a lock held.
 */

#include "common.h"

#include <linux/fdtable.h>
#include <linux/fs.h>
#include <linux/pmp.h>
#include <linux/poll.h>
#include <linux/slab.h>

#include "client.h"
#include "endpoint.h"
#include "host.h"
#include "ioctl.h"
#include "objcount.h"
#include "object.h"
#include "txn.h"
#include "user.h"

/**
 * pmp_endpoint_expect - check an endpoint's kind before a command
 * @ep: the endpoint, its lock held
 * @kind: the kind the command needs
 *
 * Return: 0, -ENOTCONN (still NEW), -EISCONN (a NEW one was wanted),
 * -EOPNOTSUPP (the other kind), -EBADFD (torn down).
 */
int pmp_endpoint_expect(struct pmp_endpoint *ep, enum pmp_endpoint_kind kind)
{
	lockdep_assert_held(&ep->lock);

	if (ep->kind == kind)
		return 0;
	switch (ep->kind) {
	case PMP_EP_NEW:
		return -ENOTCONN;
	case PMP_EP_DEAD:
		return -EBADFD;
	default:
		return kind == PMP_EP_NEW ? -EISCONN : -EOPNOTSUPP;
	}
}

/**
 * pmp_endpoint_check - check an endpoint's kind without holding its lock
 * @ep: the endpoint
 * @kind: PMP_EP_HOST or PMP_EP_CLIENT
 *
 * For commands that must not hold the lock (they wait, or are the fast
 * path).  A HOST or CLIENT endpoint only ever becomes DEAD, its host
 * pointer stays valid until the file is released, and the host's lock
 * tells whether teardown has begun.
 *
 * Return: as pmp_endpoint_expect().
 */
int pmp_endpoint_check(struct pmp_endpoint *ep, enum pmp_endpoint_kind kind)
{
	int err;

	/* Pairs with the release in registration, connection, teardown. */
	if (smp_load_acquire(&ep->kind) == kind)
		return 0;
	mutex_lock(&ep->lock);
	err = pmp_endpoint_expect(ep, kind);
	mutex_unlock(&ep->lock);
	return err;
}

/**
 * pmp_endpoint_info - PMP_IOC_INFO
 * @ep: the endpoint
 * @info: filled in
 *
 * Return: 0, -ENOTCONN, -EBADFD or -ESHUTDOWN.
 */
int pmp_endpoint_info(struct pmp_endpoint *ep, struct pmp_info *info)
{
	int err;

	mutex_lock(&ep->lock);
	switch (ep->kind) {
	case PMP_EP_HOST:
		info->kind = PMP_ENDPOINT_HOST;
		err = pmp_host_fill_info(ep->host, NULL, info);
		break;
	case PMP_EP_CLIENT:
		info->kind = PMP_ENDPOINT_CLIENT;
		err = pmp_host_fill_info(ep->host, ep, info);
		break;
	default:
		err = pmp_endpoint_expect(ep, PMP_EP_CLIENT);
		break;
	}
	mutex_unlock(&ep->lock);
	return err;
}

static void endpoint_teardown(struct pmp_endpoint *ep)
{
	mutex_lock(&ep->lock);
	switch (ep->kind) {
	case PMP_EP_HOST:
		pmp_host_shutdown(ep->host);
		break;
	case PMP_EP_CLIENT:
		pmp_client_detach(ep);
		break;
	default:
		break;
	}
	/* Pairs with pmp_endpoint_check(), which then takes @lock. */
	smp_store_release(&ep->kind, PMP_EP_DEAD);
	mutex_unlock(&ep->lock);
}

static int pmp_open(struct inode *inode, struct file *file)
{
	struct pmp_endpoint *ep;

	ep = kzalloc(sizeof(*ep), GFP_KERNEL_ACCOUNT);
	if (!ep)
		return -ENOMEM;
	ep->owner = get_pid(task_tgid(current));
	mutex_init(&ep->lock);
	init_waitqueue_head(&ep->wait);
	INIT_LIST_HEAD(&ep->client_node);
	INIT_LIST_HEAD(&ep->txns);
	xa_init_flags(&ep->handles, XA_FLAGS_ALLOC);
	pmp_objcount_inc(PMP_OBJ_ENDPOINT);

	file->private_data = ep;
	return stream_open(inode, file);
}

static int match_file(const void *p, struct file *file, unsigned int fd)
{
	return file == p;
}

/*
 * ->flush() runs on every close of a descriptor, in the context of the
 * process closing it, after the descriptor has left its table.  For the
 * owner that is the moment to let go: when it is exiting, or when this was
 * its last descriptor of the file.  (A thread group whose threads do not
 * share their file table is not told apart from one that does.)
 */
static int pmp_flush(struct file *file, fl_owner_t id)
{
	struct pmp_endpoint *ep = file->private_data;

	if (!pmp_endpoint_owned(ep))
		return 0;
	if (!(current->flags & PF_EXITING) && current->files &&
	    iterate_fd(current->files, 0, match_file, file))
		return 0;

	endpoint_teardown(ep);
	return 0;
}

static int pmp_release(struct inode *inode, struct file *file)
{
	struct pmp_endpoint *ep = file->private_data;

	endpoint_teardown(ep);
	if (ep->host) {
		/* A call racing with teardown may have added a handle late. */
		if (!xa_empty(&ep->handles))
			pmp_handles_release_all(ep);
		pmp_host_put(ep->host);
	}
	pmp_user_put(ep->user);
	xa_destroy(&ep->handles);
	put_pid(ep->owner);
	mutex_destroy(&ep->lock);
	kfree(ep);
	pmp_objcount_dec(PMP_OBJ_ENDPOINT);
	return 0;
}

/*
 * A client sees EPOLLHUP once its host has gone or was told to exit.  A
 * host sees EPOLLIN while work is queued and EPOLLHUP once told to exit.
 * Another process holding a copy of the file gets EPOLLERR: the endpoint is
 * not its to use.
 */
static __poll_t pmp_poll(struct file *file, poll_table *wait)
{
	struct pmp_endpoint *ep = file->private_data;
	enum pmp_endpoint_kind kind;
	struct pmp_host *host;
	__poll_t mask = 0;

	if (!pmp_endpoint_owned(ep))
		return EPOLLERR;

	mutex_lock(&ep->lock);
	kind = ep->kind;
	host = ep->host;
	mutex_unlock(&ep->lock);

	switch (kind) {
	case PMP_EP_NEW:
		poll_wait(file, &ep->wait, wait);
		break;
	case PMP_EP_CLIENT:
		poll_wait(file, &ep->wait, wait);
		if (pmp_host_gone(host))
			mask = EPOLLHUP;
		break;
	case PMP_EP_HOST:
		poll_wait(file, &host->wait, wait);
		if (!list_empty_careful(&host->todo))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (pmp_host_gone(host))
			mask |= EPOLLHUP;
		break;
	default:
		mask = EPOLLERR;
		break;
	}
	return mask;
}

const struct file_operations pmp_fops = {
	.owner = THIS_MODULE,
	.open = pmp_open,
	.flush = pmp_flush,
	.release = pmp_release,
	.poll = pmp_poll,
	.unlocked_ioctl = pmp_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};
