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

struct pmp_host;
struct pmp_info;

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
 * @kind: what the endpoint is, under @lock.
 * @host: for a host endpoint its host, for a client the host it connected
 *	to; set once with the kind and referenced until the file is
 *	released.
 * @client_node: a client's link in the host's client list, under the
 *	host's lock.
 * @locks: a client's share of the host's lock count, under the host's lock.
 */
struct pmp_endpoint {
	struct pid *owner;
	struct mutex lock; /* kind transitions vs. commands */
	wait_queue_head_t wait;
	enum pmp_endpoint_kind kind;
	struct pmp_host *host;
	struct list_head client_node;
	u32 locks;
};

extern const struct file_operations pmp_fops;

static inline bool pmp_endpoint_owned(const struct pmp_endpoint *ep)
{
	return task_tgid(current) == ep->owner;
}

int pmp_endpoint_expect(struct pmp_endpoint *ep, enum pmp_endpoint_kind kind);
int pmp_endpoint_info(struct pmp_endpoint *ep, struct pmp_info *info);

#endif /* _PMP_ENDPOINT_H */
