// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - per-user limits: what one user may make the kernel hold
 *
 * Limits per host and per client alone let one user pin any amount of
 * memory: it only has to register more hosts or open more clients.  So
 * every host, client endpoint, transaction in flight and byte the module
 * allocates for a user is also charged to that user, and refused (EDQUOT
 * for hosts and clients, EAGAIN for pending work) beyond the max_user_*
 * parameters.
 *
 * The kernel's ucounts are not exported to modules; this is the same idea
 * in the module's own table.  An entry is one (user namespace, uid), and a
 * charge to it is a charge to the owner of that namespace in the parent
 * namespace as well, up to the initial one: ids a user maps in namespaces
 * of its own share its allowance instead of multiplying it.  Entries live
 * while anything is charged to them, or to a child.
 */

#include "common.h"

#include <linux/cred.h>
#include <linux/hash.h>
#include <linux/hashtable.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/user_namespace.h>

#include "objcount.h"
#include "params.h"
#include "stats.h"
#include "user.h"

#define PMP_USERS_HASH_BITS 6

static DEFINE_HASHTABLE(pmp_users, PMP_USERS_HASH_BITS);
static DEFINE_SPINLOCK(pmp_users_lock);

static u32 user_hash(const struct user_namespace *ns, kuid_t uid)
{
	return hash_ptr(ns, 32) ^ hash_32(__kuid_val(uid), 32);
}

static struct pmp_user *user_find_locked(struct user_namespace *ns,
					 kuid_t uid)
{
	struct pmp_user *user;

	lockdep_assert_held(&pmp_users_lock);

	hash_for_each_possible(pmp_users, user, node, user_hash(ns, uid)) {
		if (user->ns == ns && uid_eq(user->uid, uid) &&
		    refcount_inc_not_zero(&user->ref))
			return user;
	}
	return NULL;
}

static struct pmp_user *user_lookup(struct user_namespace *ns, kuid_t uid)
{
	struct pmp_user *user;

	spin_lock(&pmp_users_lock);
	user = user_find_locked(ns, uid);
	spin_unlock(&pmp_users_lock);
	return user;
}

/* Namespaces nest at most 32 deep: the recursion is bounded. */
static struct pmp_user *user_get(struct user_namespace *ns, kuid_t uid)
{
	struct pmp_user *user, *parent = NULL, *new;

	user = user_lookup(ns, uid);
	if (user)
		return user;

	if (ns->parent) {
		parent = user_get(ns->parent, ns->owner);
		if (!parent)
			return NULL;
	}
	new = kzalloc(sizeof(*new), GFP_KERNEL_ACCOUNT);
	if (!new) {
		pmp_user_put(parent);
		return NULL;
	}
	new->ns = get_user_ns(ns);
	new->uid = uid;
	refcount_set(&new->ref, 1);
	new->parent = parent;

	spin_lock(&pmp_users_lock);
	user = user_find_locked(ns, uid);
	if (!user) {
		hash_add(pmp_users, &new->node, user_hash(ns, uid));
		user = new;
		new = NULL;
	}
	spin_unlock(&pmp_users_lock);

	if (new) {
		/* Another thread added it first. */
		put_user_ns(new->ns);
		kfree(new);
		pmp_user_put(parent);
	} else {
		pmp_objcount_inc(PMP_OBJ_USER);
	}
	return user;
}

/**
 * pmp_user_get_current - the accounting of the current task's effective uid
 *
 * Return: the entry, with a reference, or NULL when out of memory.
 */
struct pmp_user *pmp_user_get_current(void)
{
	const struct cred *cred = current_cred();

	return user_get(cred->user_ns, cred->euid);
}

/**
 * pmp_user_get - take another reference
 * @user: an entry the caller holds
 *
 * Return: @user.
 */
struct pmp_user *pmp_user_get(struct pmp_user *user)
{
	refcount_inc(&user->ref);
	return user;
}

/**
 * pmp_user_put - drop a reference
 * @user: the entry, or NULL
 *
 * May be called under a host's lock: it only takes the table's spinlock.
 * An entry whose count has reached zero may linger in the table for a
 * moment; lookups skip it (refcount_inc_not_zero()).
 */
void pmp_user_put(struct pmp_user *user)
{
	struct pmp_user *parent;
	int i;

	while (user && refcount_dec_and_test(&user->ref)) {
		spin_lock(&pmp_users_lock);
		hash_del(&user->node);
		spin_unlock(&pmp_users_lock);

		for (i = 0; i < PMP_USER_NR; i++)
			WARN_ON_ONCE(atomic_long_read(&user->count[i]));
		parent = user->parent;
		put_user_ns(user->ns);
		kfree(user);
		pmp_objcount_dec(PMP_OBJ_USER);
		user = parent;
	}
}

static long user_max(enum pmp_user_res res)
{
	switch (res) {
	case PMP_USER_HOSTS:
		return pmp_param(max_user_hosts);
	case PMP_USER_CLIENTS:
		return pmp_param(max_user_clients);
	case PMP_USER_PENDING:
		return pmp_param(max_user_pending);
	default:
		return pmp_param(max_user_bytes);
	}
}

/**
 * pmp_user_charge - charge a user, and the owners of its namespaces
 * @user: the entry
 * @res: what
 * @n: how much
 *
 * Return: true, or false (and nothing charged) when the user or an owner
 * above it would go beyond its max_user_* limit.
 */
bool pmp_user_charge(struct pmp_user *user, enum pmp_user_res res, long n)
{
	long max = user_max(res);
	struct pmp_user *u, *over;

	for (u = user; u; u = u->parent) {
		if (atomic_long_add_return(n, &u->count[res]) > max)
			goto undo;
	}
	return true;

undo:
	over = u;
	for (u = user; u != over->parent; u = u->parent)
		atomic_long_sub(n, &u->count[res]);
	pmp_stat_inc(PMP_STAT_USER_LIMIT_REFUSALS);
	return false;
}

/**
 * pmp_user_uncharge - undo pmp_user_charge()
 * @user: the entry
 * @res: what
 * @n: how much
 */
void pmp_user_uncharge(struct pmp_user *user, enum pmp_user_res res, long n)
{
	for (; user; user = user->parent)
		WARN_ON_ONCE(atomic_long_sub_return(n, &user->count[res]) < 0);
}

/**
 * pmp_users_exit - module unload: every entry must be gone
 */
void pmp_users_exit(void)
{
	WARN_ON(!hash_empty(pmp_users));
}
