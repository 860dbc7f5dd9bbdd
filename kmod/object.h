/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - objects living in a host, and the handles clients hold to them
 */

#ifndef _PMP_OBJECT_H
#define _PMP_OBJECT_H

#include <linux/rbtree.h>
#include <linux/refcount.h>
#include <linux/types.h>

#include "host.h"

struct pmp_endpoint;
struct pmp_user;

/**
 * struct pmp_object - a host-side object known to the kernel
 * @node: link in the host's object tree, keyed by @cookie, while alive.
 * @work: once released, the PMP_WORK_RELEASE item telling the host (the
 *	object's memory is the notice, so that sending it cannot fail).
 * @ref: one per handle of any client, one per transaction carrying it.
 * @id: the object id clients see, unique within the host for its life.
 * @cookie: the host's name for the object.
 * @user: the host's user, charged for the object.
 *
 * The object holds one reference of the host's to what @cookie names: the
 * one handed with the reply that created the object.
 */
struct pmp_object {
	union {
		struct rb_node node;
		struct pmp_work work;
	};
	refcount_t ref;
	u64 id;
	u64 cookie;
	struct pmp_user *user;
};

int pmp_objects_init(void);
void pmp_objects_exit(void);
struct pmp_object *pmp_object_alloc(struct pmp_user *user);
void pmp_object_free(struct pmp_object *obj);
struct pmp_object *pmp_object_adopt_locked(struct pmp_host *host,
					   u64 cookie,
					   struct pmp_object **prealloc);
void pmp_object_put_locked(struct pmp_host *host, struct pmp_object *obj);

int pmp_handle_add(struct pmp_endpoint *ep, struct pmp_object *obj, u32 *id);
struct pmp_object *pmp_handle_get(struct pmp_endpoint *ep, u64 id);
int pmp_handle_release(struct pmp_endpoint *ep, u64 id);
void pmp_handles_release_all(struct pmp_endpoint *ep);

#endif /* _PMP_OBJECT_H */
