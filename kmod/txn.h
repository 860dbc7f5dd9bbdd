/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - transactions: a client's CREATE or CALL on its way to the host
 * and back
 */

#ifndef _PMP_TXN_H
#define _PMP_TXN_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "host.h"
#include "msg.h"

struct pmp_endpoint;
struct pmp_msg;
struct pmp_object;
struct pmp_user;

/*
 * QUEUED (in the host's todo list) -> DELIVERED (a host thread received it)
 * -> DONE (answered, or failed because the host went).  A client that gives
 * up (timeout, fatal signal, teardown) makes it CANCELLED: a QUEUED one
 * leaves the host at once, a DELIVERED one stays until the host answers or
 * goes, and the answer is discarded.
 */
enum pmp_txn_state {
	PMP_TXN_NEW,
	PMP_TXN_QUEUED,
	PMP_TXN_DELIVERED,
	PMP_TXN_DONE,
	PMP_TXN_CANCELLED,
};

/**
 * struct pmp_txn - one CREATE or CALL transaction
 * @work: the work item (type PMP_WORK_CREATE or PMP_WORK_CALL); in the
 *	host's todo list while QUEUED.
 * @ref: the client's (until it has collected the outcome or given up), the
 *	host's (while @in_host), a receiver's (while PMP_IOC_RECV copies it
 *	out).
 * @user: the client's user, charged for the transaction while it lives.
 * @client_entry: link in the client's list while it waits.
 * @wait: the client waits here.
 * @client: the client, while it waits.
 * @state: enum pmp_txn_state, under the host's lock.
 * @in_host: the host's transaction table holds it, with a reference; under
 *	the host's lock.  Only pmp_txn_forget_locked() clears it, once.
 * @id: transaction id, index in the host's table (reserved there before
 *	the transaction is queued, and visible only once queued).
 * @err: the kernel's outcome once DONE or CANCELLED: 0, -ESHUTDOWN...
 * @flags: PMP_CALL_* of a call.
 * @method: the method called.
 * @client_id: the client's id, for the host.
 * @has_slot: the transaction holds one of the client's object slots.
 * @target: the object called, with a reference, taken under the host's
 *	lock when queued and dropped under it when the transaction leaves the
 *	host's table (answered, cancelled before delivery, or the host gone).
 * @nr_in_objs: entries of @in_objs, fixed at allocation.
 * @in_objs: the objects a call passes to its host, held like @target, or
 *	NULL when it passes none.
 * @clsid: the class to create.
 * @iid: the interface wanted.
 * @in: what the client sent, or NULL; freed once the host has it.
 * @out_cap: how much payload the client can take back.
 * @out_nfds_cap: how many descriptors the client can take back.
 * @status: the host's HRESULT.
 * @reply_flags: the PMP_REPLY_FDS_* flags of the host's reply.
 * @out: what the host sent back, or NULL.
 * @out_obj: the object the host handed back, with a reference, or NULL.
 * @small_in: a small @in, without an allocation.
 * @small_out: a small @out, without an allocation.
 * @small_data: the room of @small_in and @small_out: the one part of a
 *	transaction that user copies may touch (hardened usercopy).
 */
struct pmp_txn {
	struct pmp_work work;
	struct kref ref;
	struct pmp_user *user;
	struct list_head client_entry;
	wait_queue_head_t wait;
	struct pmp_endpoint *client;
	enum pmp_txn_state state;
	bool in_host;
	u32 id;
	int err;
	u32 flags;
	u32 method;
	u32 client_id;
	bool has_slot;
	struct pmp_object *target;
	u32 nr_in_objs;
	struct pmp_object **in_objs;
	u8 clsid[16];
	u8 iid[16];
	struct pmp_msg *in;
	u32 out_cap;
	u32 out_nfds_cap;
	s32 status;
	u32 reply_flags;
	struct pmp_msg *out;
	struct pmp_object *out_obj;
	struct pmp_msg small_in;
	struct pmp_msg small_out;
	u8 small_data[2][PMP_MSG_SMALL];
};

/**
 * struct pmp_notice - a PMP_WORK_CLIENT_GONE item
 * @work: the work item.
 * @client_id: the client that has gone.
 */
struct pmp_notice {
	struct pmp_work work;
	u32 client_id;
};

/**
 * struct pmp_delivery - a work item on its way out to user space
 * @out: its message and the descriptor numbers reserved for it
 * @work: for RECV the work item, for CALL the answered transaction's
 *
 * Filled by pmp_host_recv() and pmp_client_call(); ioctl.c writes the
 * command's structure back, then ends the delivery with
 * pmp_host_recv_end() or pmp_client_call_end(), saying whether that
 * worked.
 */
struct pmp_delivery {
	struct pmp_msg_out out;
	struct pmp_work *work;
};

int pmp_txns_init(void);
void pmp_txns_exit(void);
struct pmp_txn *pmp_txn_alloc(struct pmp_user *user, u32 type, u32 nr_objs);
void pmp_txn_put(struct pmp_txn *txn);
int pmp_txn_transact(struct pmp_endpoint *ep, struct pmp_txn *txn,
		     u64 handle, const u64 *in_handles, u32 timeout_ms);
void pmp_txn_finish_locked(struct pmp_host *host, struct pmp_txn *txn,
			   int err, struct list_head *to_put);
void pmp_txn_forget_locked(struct pmp_host *host, struct pmp_txn *txn,
			   struct list_head *to_put);
void pmp_txn_cancel_locked(struct pmp_host *host, struct pmp_txn *txn,
			   int err, struct list_head *to_put);
void pmp_txn_put_list(struct list_head *to_put);

struct pmp_notice *pmp_notice_alloc(void);
void pmp_work_free(struct pmp_work *work);

#endif /* _PMP_TXN_H */
