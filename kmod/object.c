// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - objects living in a host, and the handles clients hold to them
 *
 * A host names its objects with cookies of its own choosing.  The kernel
 * keeps one struct pmp_object per live cookie, gives it an id that clients
 * may compare (two handles with one object id are one object: COM identity
 * rests on it) and hands clients handles: per-client ids that mean nothing
 * in any other client, never reused while live.  When no handle and no
 * transaction refers to an object any more, the object's memory becomes the
 * PMP_WORK_RELEASE item that tells the host.
 */

#include "common.h"

#include <linux/err.h>
#include <linux/pmp.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "endpoint.h"
#include "host.h"
#include "limits.h"
#include "object.h"
#include "objcount.h"
#include "stats.h"
#include "user.h"

static struct kmem_cache *pmp_object_cache;

int __init pmp_objects_init(void)
{
	pmp_object_cache = KMEM_CACHE(pmp_object, SLAB_ACCOUNT);
	return pmp_object_cache ? 0 : -ENOMEM;
}

void pmp_objects_exit(void)
{
	kmem_cache_destroy(pmp_object_cache);
}

static long object_charge(void)
{
	return kmem_cache_size(pmp_object_cache);
}

/**
 * pmp_object_alloc - allocate an object, for pmp_object_adopt_locked()
 * @user: the host's user, charged for the object while it lives
 *
 * Return: the object, ERR_PTR(-ENOMEM), or ERR_PTR(-EAGAIN) when @user is
 * at its max_user_bytes.
 */
struct pmp_object *pmp_object_alloc(struct pmp_user *user)
{
	struct pmp_object *obj;

	if (!pmp_user_charge(user, PMP_USER_BYTES, object_charge()))
		return ERR_PTR(-EAGAIN);
	obj = kmem_cache_zalloc(pmp_object_cache, GFP_KERNEL_ACCOUNT);
	if (!obj) {
		pmp_user_uncharge(user, PMP_USER_BYTES, object_charge());
		return ERR_PTR(-ENOMEM);
	}
	obj->user = pmp_user_get(user);
	pmp_objcount_inc(PMP_OBJ_OBJECT);
	return obj;
}

/**
 * pmp_object_free - free an object that is in no tree and no queue
 * @obj: the object, or NULL
 *
 * May be called under the host's lock.
 */
void pmp_object_free(struct pmp_object *obj)
{
	if (!obj)
		return;
	pmp_user_uncharge(obj->user, PMP_USER_BYTES, object_charge());
	pmp_user_put(obj->user);
	kmem_cache_free(pmp_object_cache, obj);
	pmp_objcount_dec(PMP_OBJ_OBJECT);
}

/**
 * pmp_object_adopt_locked - the object for a cookie the host handed over
 * @host: the host, its lock held
 * @cookie: the host's name for the object
 * @prealloc: an object from pmp_object_alloc(), used (and cleared) when
 *	the cookie is new
 *
 * Return: the object, with a reference for the caller.
 */
struct pmp_object *pmp_object_adopt_locked(struct pmp_host *host,
					   u64 cookie,
					   struct pmp_object **prealloc)
{
	struct rb_node **link = &host->objects.rb_node, *parent = NULL;
	struct pmp_object *obj;

	lockdep_assert_held(&host->lock);

	while (*link) {
		parent = *link;
		obj = rb_entry(parent, struct pmp_object, node);
		if (cookie < obj->cookie) {
			link = &parent->rb_left;
		} else if (cookie > obj->cookie) {
			link = &parent->rb_right;
		} else {
			refcount_inc(&obj->ref);
			return obj;
		}
	}

	obj = *prealloc;
	*prealloc = NULL;
	refcount_set(&obj->ref, 1);
	obj->cookie = cookie;
	obj->id = ++host->next_object_id;
	rb_link_node(&obj->node, parent, link);
	rb_insert_color(&obj->node, &host->objects);
	host->nr_objects++;
	host->had_object = true;
	pmp_stat_inc(PMP_STAT_OBJECTS);
	pmp_stat_inc(PMP_STAT_OBJECTS_CREATED);
	return obj;
}

/* The last reference has gone: tell the host, unless it has gone too. */
static void object_released(struct pmp_host *host, struct pmp_object *obj)
{
	lockdep_assert_held(&host->lock);

	rb_erase(&obj->node, &host->objects);
	host->nr_objects--;
	pmp_stat_dec(PMP_STAT_OBJECTS);
	pmp_stat_inc(PMP_STAT_OBJECTS_RELEASED);

	if (host->state == PMP_HS_DEAD) {
		pmp_object_free(obj);
	} else {
		obj->work.type = PMP_WORK_RELEASE;
		pmp_host_queue_work_locked(host, &obj->work);
		pmp_host_update_lifetime_locked(host);
	}
}

/**
 * pmp_object_put_locked - drop a reference to an object, host lock held
 * @host: the object's host, its lock held
 * @obj: the object
 */
void pmp_object_put_locked(struct pmp_host *host, struct pmp_object *obj)
{
	lockdep_assert_held(&host->lock);

	if (refcount_dec_and_test(&obj->ref))
		object_released(host, obj);
}

/**
 * pmp_handle_add - give a client a handle to an object
 * @ep: the client endpoint
 * @obj: the object; the caller's reference becomes the handle's
 * @id: the new handle
 *
 * The caller accounts the handle in @ep->nr_handles.
 *
 * Return: 0 or -ENOMEM; on error the reference stays the caller's.
 */
int pmp_handle_add(struct pmp_endpoint *ep, struct pmp_object *obj, u32 *id)
{
	int err;

	err = xa_alloc_cyclic(&ep->handles, id, obj,
			      XA_LIMIT(PMP_ID_MIN, PMP_ID_MAX),
			      &ep->next_handle, GFP_KERNEL_ACCOUNT);
	return err < 0 ? -ENOMEM : 0;
}

/**
 * pmp_handle_get - the object a client's handle refers to
 * @ep: the client endpoint
 * @id: the handle, as user space passed it
 *
 * Return: the object with a reference for the caller, or NULL.
 */
struct pmp_object *pmp_handle_get(struct pmp_endpoint *ep, u64 id)
{
	struct pmp_object *obj;

	if (id < PMP_ID_MIN || id > PMP_ID_MAX)
		return NULL;

	/* Under the xarray's lock, so that a release cannot free it first. */
	xa_lock(&ep->handles);
	obj = xa_load(&ep->handles, id);
	if (obj)
		refcount_inc(&obj->ref);
	xa_unlock(&ep->handles);
	return obj;
}

/**
 * pmp_handle_release - PMP_IOC_RELEASE: drop one handle
 * @ep: the client endpoint
 * @id: the handle
 *
 * Return: 0 or -ENOENT.
 */
int pmp_handle_release(struct pmp_endpoint *ep, u64 id)
{
	struct pmp_host *host = ep->host;
	struct pmp_object *obj = NULL;

	if (id >= PMP_ID_MIN && id <= PMP_ID_MAX)
		obj = xa_erase(&ep->handles, id);
	if (!obj)
		return -ENOENT;

	spin_lock(&host->lock);
	ep->nr_handles--;
	pmp_object_put_locked(host, obj);
	spin_unlock(&host->lock);
	return 0;
}

/**
 * pmp_handles_release_all - a client is being torn down: drop its handles
 * @ep: the client endpoint
 */
void pmp_handles_release_all(struct pmp_endpoint *ep)
{
	struct pmp_object *obj;
	unsigned long id;

	xa_for_each(&ep->handles, id, obj)
		pmp_handle_release(ep, id);
}
