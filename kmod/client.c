// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - clients: connections to a host and their share of its lock count
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
#include <linux/pid_namespace.h>

#include "client.h"
#include "endpoint.h"
#include "host.h"
#include "limits.h"
#include "stats.h"

/**
 * pmp_client_connect - make a NEW endpoint a client of a host
 * @ep: the endpoint, its lock held
 * @conn: the validated argument
 *
 * Return: 0, -ECONNREFUSED when no live host with that id is visible in the
 * caller's pid namespace, -EACCES when it belongs to another uid and the
 * caller lacks CAP_SYS_ADMIN.
 */
int pmp_client_connect(struct pmp_endpoint *ep, const struct pmp_connect *conn)
{
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
	if (!uid_eq(current_euid(), host->uid) && !capable(CAP_SYS_ADMIN)) {
		err = -EACCES;
		goto err_put;
	}

	spin_lock(&host->lock);
	if (host->dead) {
		spin_unlock(&host->lock);
		err = -ECONNREFUSED;
		goto err_put;
	}
	list_add_tail(&ep->client_node, &host->clients);
	host->nr_clients++;
	spin_unlock(&host->lock);

	/* The lookup's reference now belongs to the endpoint. */
	ep->host = host;
	ep->kind = PMP_EP_CLIENT;
	pmp_stat_inc(PMP_STAT_CLIENTS);
	return 0;

err_put:
	pmp_host_put(host);
	return err;
}

/*
 * Adds @delta (+1 or -1) to the client's share and the host's count, under
 * both locks so that teardown of either side never races with it.
 */
static int client_adjust_locks(struct pmp_endpoint *ep, int delta)
{
	struct pmp_host *host;
	int err;

	mutex_lock(&ep->lock);
	err = pmp_endpoint_expect(ep, PMP_EP_CLIENT);
	if (err)
		goto out_unlock_ep;

	host = ep->host;
	spin_lock(&host->lock);
	if (host->dead) {
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
	}
	spin_unlock(&host->lock);

out_unlock_ep:
	mutex_unlock(&ep->lock);
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

/**
 * pmp_client_detach - a client endpoint is being torn down
 * @ep: the endpoint, its lock held
 *
 * Its share leaves the host's count (it is already zero if the host went
 * first).
 */
void pmp_client_detach(struct pmp_endpoint *ep)
{
	struct pmp_host *host = ep->host;

	lockdep_assert_held(&ep->lock);

	spin_lock(&host->lock);
	list_del_init(&ep->client_node);
	host->nr_clients--;
	host->locks -= ep->locks;
	pmp_stat_add(PMP_STAT_LOCKS_HELD, -(s64)ep->locks);
	ep->locks = 0;
	spin_unlock(&host->lock);

	pmp_stat_dec(PMP_STAT_CLIENTS);
}
