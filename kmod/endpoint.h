/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - endpoints: the open files of /dev/pmp
 */

#ifndef _PMP_ENDPOINT_H
#define _PMP_ENDPOINT_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/xarray.h>

struct pmp_host;
struct pmp_info;
struct pmp_notice;

/*
 * NEW -> HOST or CLIENT -> DEAD.  An endpoint never goes back: a torn-down
 * endpoint stays DEAD until its file is released.
 */
enum pmp_endpoint_kind {
	PMP_EP_NEW,
	PMP_EP_HOST,
	PMP_EP_CLIENT,
	PMP_EP_DEAD,
};

/**
 * struct pmp_endpoint - one open file of /dev/pmp
 * @owner: thread-group pid of the process that opened the file; the only
 *	process allowed to use it.
 * @lock: serialises the kind's transitions with every command that reads it.
 * @wait: poll() waits here; woken when the endpoint's host goes.
 * @kind: what the endpoint is; written under @lock with release semantics
 *	so that pmp_endpoint_check() may read it without.
 * @host: for a host endpoint its host, for a client the host it connected
 *	to; set once with the kind and referenced until the file is
 *	released.
 *
 * For a client, under the host's lock:
 * @client_node: link in the host's client list.
 * @locks: share of the host's lock count.
 * @detached: the client has been torn down; nothing new may start.
 * @txns: transactions in flight.
 * @nr_txns: length of @txns.
 * @nr_handles: live handles.
 * @nr_reserved: object slots held by transactions that may bring an object
 *	back, until it becomes a handle.
 *
 * And, for a client:
 * @client_id: the id the host knows the client by.
 * @user: the user that connected, referenced until the file is released,
 *	charged for the connection until teardown and for the client's
 *	transactions and payloads.
 * @handles: handle -> object (its own lock).
 * @next_handle: cursor of @handles' cyclic allocation.
 * @gone: the PMP_WORK_CLIENT_GONE notice, allocated at connection so that
 *	teardown cannot fail to send it.
 */
struct pmp_endpoint {
	struct pid *owner;
	struct mutex lock; /* kind transitions vs. commands */
	wait_queue_head_t wait;
	enum pmp_endpoint_kind kind;
	struct pmp_host *host;
	struct list_head client_node;
	u32 locks;
	bool detached;
	struct list_head txns;
	u32 nr_txns;
	u32 nr_handles;
	u32 nr_reserved;

	u32 client_id;
	struct pmp_user *user;
	struct xarray handles;
	u32 next_handle;
	struct pmp_notice *gone;
};

extern const struct file_operations pmp_fops;

static inline bool pmp_endpoint_owned(const struct pmp_endpoint *ep)
{
	return task_tgid(current) == ep->owner;
}

int pmp_endpoint_expect(struct pmp_endpoint *ep, enum pmp_endpoint_kind kind);
int pmp_endpoint_check(struct pmp_endpoint *ep, enum pmp_endpoint_kind kind);
int pmp_endpoint_info(struct pmp_endpoint *ep, struct pmp_info *info);

#endif /* _PMP_ENDPOINT_H */
