/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - hosts: registered PMP processes
 */

#ifndef _PMP_HOST_H
#define _PMP_HOST_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/uidgid.h>

struct pmp_endpoint;
struct pmp_host_register;
struct pmp_info;

/**
 * struct pmp_host - one PMP process
 * @ref: held by the host endpoint and by each client endpoint until their
 *	files are released, and briefly by lookups.
 * @id: the host id, its index in the host table.
 * @flags: registration flags (PMP_HOST_UNPROTECTED).
 * @missing: hardening properties lacked at registration.
 * @uid: effective uid of the registering process.
 * @pid: thread-group pid of the registering process.
 * @lock: protects the fields below and every client's share.
 * @dead: the host endpoint has been torn down.
 * @clients: client endpoints not yet torn down.
 * @nr_clients: length of @clients.
 * @locks: lock count, the sum of the clients' shares.
 * @rcu: frees the host after lookups under RCU are done with it.
 */
struct pmp_host {
	struct kref ref;
	u32 id;
	u32 flags;
	u32 missing;
	kuid_t uid;
	struct pid *pid;
	spinlock_t lock; /* the fields below, clients' shares */
	bool dead;
	struct list_head clients;
	u32 nr_clients;
	u64 locks;
	struct rcu_head rcu;
};

int pmp_host_register(struct pmp_endpoint *ep, struct pmp_host_register *reg);
void pmp_host_shutdown(struct pmp_host *host);
struct pmp_host *pmp_host_find(u64 id);
void pmp_host_put(struct pmp_host *host);
int pmp_host_fill_info(struct pmp_host *host,
		       const struct pmp_endpoint *client, struct pmp_info *info);
void pmp_hosts_exit(void);

#endif /* _PMP_HOST_H */
