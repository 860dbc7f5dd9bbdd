// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - hosts: registration, lookup and shutdown of PMP processes
 *
 * Hosts live in an allocating xarray indexed by host id.  Lookups run under
 * RCU and take a reference with kref_get_unless_zero(); a host leaves the
 * table when its endpoint is torn down and is freed after an RCU grace
 * period once the last endpoint referring to it is released.
 */

#include "common.h"

#include <linux/cred.h>
#include <linux/pid_namespace.h>
#include <linux/pmp.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "endpoint.h"
#include "harden.h"
#include "host.h"
#include "limits.h"
#include "objcount.h"
#include "stats.h"

static DEFINE_XARRAY_ALLOC(pmp_hosts);
static u32 pmp_host_next_id;

static void host_release(struct kref *ref)
{
	struct pmp_host *host = container_of(ref, struct pmp_host, ref);

	WARN_ON_ONCE(!host->dead || !list_empty(&host->clients));
	put_pid(host->pid);
	pmp_obj_put(PMP_OBJ_HOST);
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
 * The caller checks @dead under the host's lock before relying on it.
 *
 * Return: the host with a reference the caller must drop, or NULL.
 */
struct pmp_host *pmp_host_find(u64 id)
{
	struct pmp_host *host;

	if (id < PMP_HOST_ID_MIN || id > PMP_HOST_ID_MAX)
		return NULL;

	rcu_read_lock();
	host = xa_load(&pmp_hosts, id);
	if (host && !kref_get_unless_zero(&host->ref))
		host = NULL;
	rcu_read_unlock();
	return host;
}

/**
 * pmp_host_register - make an endpoint the host endpoint of a new host
 * @ep: a NEW endpoint, its lock held
 * @reg: the validated argument; @missing and @host_id are filled in
 *
 * Return: 0, or -EPERM when a protected host lacks a hardening property
 * (@reg->missing tells which), -ENOMEM, -ENOSPC.
 */
int pmp_host_register(struct pmp_endpoint *ep, struct pmp_host_register *reg)
{
	struct pmp_host *host;
	int err;

	lockdep_assert_held(&ep->lock);

	reg->missing = pmp_harden_missing();
	if (!(reg->flags & PMP_HOST_UNPROTECTED) && reg->missing) {
		pmp_stat_inc(PMP_STAT_REGISTRATIONS_REFUSED);
		return -EPERM;
	}

	host = kzalloc(sizeof(*host), GFP_KERNEL_ACCOUNT);
	if (!host)
		return -ENOMEM;
	kref_init(&host->ref);
	spin_lock_init(&host->lock);
	INIT_LIST_HEAD(&host->clients);
	host->flags = reg->flags;
	host->missing = reg->missing;
	host->uid = current_euid();
	host->pid = get_pid(task_tgid(current));

	/* xa_alloc writes the id before the host becomes visible. */
	err = xa_alloc_cyclic(&pmp_hosts, &host->id, host,
			      XA_LIMIT(PMP_HOST_ID_MIN, PMP_HOST_ID_MAX),
			      &pmp_host_next_id, GFP_KERNEL_ACCOUNT);
	if (err < 0)
		goto err_put_pid;

	pmp_obj_get(PMP_OBJ_HOST);
	ep->host = host;
	ep->kind = PMP_EP_HOST;
	reg->host_id = host->id;
	pmp_stat_inc(PMP_STAT_HOSTS);
	pmp_stat_inc(PMP_STAT_REGISTRATIONS);
	return 0;

err_put_pid:
	put_pid(host->pid);
	kfree(host);
	return err == -EBUSY ? -ENOSPC : err;
}

/**
 * pmp_host_shutdown - a host's endpoint is being torn down
 * @host: the host
 *
 * The id stops resolving, the clients' shares stop counting and every
 * client is told through poll().  The host itself stays allocated while
 * client endpoints refer to it.
 */
void pmp_host_shutdown(struct pmp_host *host)
{
	struct pmp_endpoint *client;

	xa_erase(&pmp_hosts, host->id);

	spin_lock(&host->lock);
	WRITE_ONCE(host->dead, true);
	list_for_each_entry(client, &host->clients, client_node) {
		client->locks = 0;
		wake_up_poll(&client->wait, EPOLLHUP);
	}
	pmp_stat_add(PMP_STAT_LOCKS_HELD, -(s64)host->locks);
	host->locks = 0;
	spin_unlock(&host->lock);

	pmp_stat_dec(PMP_STAT_HOSTS);
}

/**
 * pmp_host_fill_info - describe a host for PMP_IOC_INFO
 * @host: the host
 * @client: the client endpoint asking, or NULL for the host endpoint
 * @info: filled in
 *
 * Return: 0, or -ESHUTDOWN when the host has gone.
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
	if (host->dead) {
		spin_unlock(&host->lock);
		return -ESHUTDOWN;
	}
	info->clients = host->nr_clients;
	info->locks = host->locks;
	info->own_locks = client ? client->locks : 0;
	spin_unlock(&host->lock);
	return 0;
}

/**
 * pmp_hosts_exit - module unload: the host table must be empty
 */
void pmp_hosts_exit(void)
{
	WARN_ON(!xa_empty(&pmp_hosts));
	xa_destroy(&pmp_hosts);
}
