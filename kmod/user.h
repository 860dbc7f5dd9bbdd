/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - per-user limits: what one user may make the kernel hold
 */

#ifndef _PMP_USER_H
#define _PMP_USER_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <linux/uidgid.h>

struct user_namespace;

/*
 * What is charged: live hosts and client endpoints, transactions in flight,
 * and the bytes the module allocated on a user's behalf (transactions,
 * payloads, objects).
 */
enum pmp_user_res {
	PMP_USER_HOSTS,
	PMP_USER_CLIENTS,
	PMP_USER_PENDING,
	PMP_USER_BYTES,
	PMP_USER_NR,
};

/**
 * struct pmp_user - the module's accounting of one (user namespace, uid)
 * @node: link in the table of users.
 * @ns: the user namespace, referenced.
 * @uid: the uid.
 * @ref: one per holder: hosts, endpoints, transactions, messages, objects
 *	and the user's children in the namespaces below.
 * @parent: the owner of @ns in its parent namespace, which is charged too,
 *	or NULL in the initial namespace.
 * @count: what the user holds now, per enum pmp_user_res.
 */
struct pmp_user {
	struct hlist_node node;
	struct user_namespace *ns;
	kuid_t uid;
	refcount_t ref;
	struct pmp_user *parent;
	atomic_long_t count[PMP_USER_NR];
};

struct pmp_user *pmp_user_get_current(void);
struct pmp_user *pmp_user_get(struct pmp_user *user);
void pmp_user_put(struct pmp_user *user);
bool pmp_user_charge(struct pmp_user *user, enum pmp_user_res res, long n);
void pmp_user_uncharge(struct pmp_user *user, enum pmp_user_res res, long n);
void pmp_users_exit(void);

#endif /* _PMP_USER_H */
