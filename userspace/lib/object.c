// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * object.c - objects created in a host, and calls on them
 *
 * A pmp_obj is allocated before the ioctl that may hand back a handle, so
 * that no handle the kernel gives can be lost to an allocation failure.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "server.h"
#include "sys.h"

_Static_assert(sizeof(pmp_guid) == 16, "a GUID is 16 bytes");
_Static_assert(PMP_MAX_FDS == PMP_FDS_MAX, "one descriptor limit");
_Static_assert(PMP_MAX_OBJS == PMP_OBJS_MAX, "one object limit");
_Static_assert(PMP_CALL_WANT_OBJECT == PMP_CALL_OBJECT_OUT,
	       "the kernel's flag");

static pmp_obj *obj_new(void)
{
	return calloc(1, sizeof(pmp_obj));
}

/* Fills @obj in for a handle the kernel gave, or frees it. */
static pmp_obj *obj_take(pmp_obj *obj, pmp_server *srv, uint64_t handle,
			 uint64_t id)
{
	if (!handle) {
		free(obj);
		return NULL;
	}
	obj->srv = pmp_server_ref(srv);
	obj->handle = handle;
	obj->id = id;
	return obj;
}

/**
 * pmp_server_create - create an object inside the host
 * @srv: the host
 * @clsid: its class
 * @iid: the interface wanted
 * @timeout_ms: 0 for the kernel's default
 * @status: the host's HRESULT
 * @out: the object when @status >= 0, else NULL
 *
 * Return: 0 when the host answered (see @status), or -EINVAL, -ESHUTDOWN,
 * -ETIMEDOUT, -EDQUOT, -EAGAIN, -EBADFD, -ENOMEM.
 */
PMP_EXPORT int pmp_server_create(pmp_server *srv, const pmp_guid *clsid,
				 const pmp_guid *iid, uint32_t timeout_ms,
				 int32_t *status, pmp_obj **out)
{
	struct pmp_create create = { .timeout_ms = timeout_ms };
	pmp_obj *obj;
	int ret;

	if (out)
		*out = NULL;
	if (!srv || !clsid || !iid || !status || !out)
		return -EINVAL;
	if (pmp_server_forked(srv))
		return -EBADFD;

	obj = obj_new();
	if (!obj)
		return -ENOMEM;
	memcpy(create.clsid, clsid, sizeof(create.clsid));
	memcpy(create.iid, iid, sizeof(create.iid));
	ret = pmp_sys_create(srv->fd, &create);
	if (ret) {
		free(obj);
		return ret;
	}
	*status = create.status;
	*out = obj_take(obj, srv, create.handle, create.object_id);
	return 0;
}

/*
 * The kernel's handles of the objects @args passes, in @handles.  Handles
 * are names private to one endpoint: an object of another server would
 * name something else there, or nothing.
 */
static int passed_handles(const pmp_obj *obj, const struct pmp_call_args *args,
			  uint64_t *handles)
{
	uint32_t i;

	if (args->in_nobjs > PMP_MAX_OBJS)
		return -EMSGSIZE;
	if (args->in_nobjs && !args->in_objs)
		return -EINVAL;
	for (i = 0; i < args->in_nobjs; i++) {
		if (!args->in_objs[i] || args->in_objs[i]->srv != obj->srv)
			return -EINVAL;
		handles[i] = args->in_objs[i]->handle;
	}
	return 0;
}

/**
 * pmp_obj_call - call a method of an object
 * @obj: the object
 * @args: the call; its output fields are filled in
 *
 * Return: 0 when the host answered (see @args->status), -EINVAL (bad
 * arguments, an object passed of another server), -ENOENT (released
 * object), -EMSGSIZE, -EBADF, -EPERM (a descriptor that may not be sent),
 * -EMFILE, -ESHUTDOWN, -ETIMEDOUT, -EAGAIN, -EDQUOT, -EBADFD, -EOPNOTSUPP
 * (objects passed to a kernel before ABI version 4), -ENOMEM.
 */
PMP_EXPORT int pmp_obj_call(pmp_obj *obj, struct pmp_call_args *args)
{
	uint64_t handles[PMP_MAX_OBJS];
	struct pmp_call call = { 0 };
	pmp_obj *out = NULL;
	int ret;

	if (!obj || !args)
		return -EINVAL;
	args->out_obj = NULL;
	if (args->flags & ~PMP_CALL_WANT_OBJECT)
		return -EINVAL;
	ret = passed_handles(obj, args, handles);
	if (ret)
		return ret;
	if (pmp_server_forked(obj->srv))
		return -EBADFD;

	if (args->flags & PMP_CALL_WANT_OBJECT) {
		out = obj_new();
		if (!out)
			return -ENOMEM;
	}
	call.handle = obj->handle;
	call.method = args->method;
	call.flags = args->flags;
	call.timeout_ms = args->timeout_ms;
	call.in_ptr = (uintptr_t)args->in;
	call.in_size = args->in_size;
	call.in_nfds = args->in_nfds;
	call.in_fds = (uintptr_t)args->in_fds;
	call.out_ptr = (uintptr_t)args->out;
	call.out_size = args->out_size;
	call.out_nfds = args->out_nfds;
	call.out_fds = (uintptr_t)args->out_fds;
	if (args->in_nobjs) {
		call.in_handles = (uintptr_t)handles;
		call.in_nhandles = args->in_nobjs;
	}

	ret = pmp_sys_call(obj->srv->fd, &call);
	/* A kernel before version 4 refuses the fields it does not know. */
	if (ret == -E2BIG && args->in_nobjs)
		ret = -EOPNOTSUPP;
	if (ret) {
		free(out);
		return ret;
	}
	args->status = call.status;
	args->out_size = call.out_size;
	args->out_nfds = call.out_nfds;
	if (out)
		args->out_obj = obj_take(out, obj->srv, call.out_handle,
					 call.out_object_id);
	return 0;
}

/**
 * pmp_obj_id - the host-side object id
 * @obj: the object
 *
 * Two pmp_obj with one id are one object: COM identity is built on it.
 */
PMP_EXPORT uint64_t pmp_obj_id(const pmp_obj *obj)
{
	return obj ? obj->id : 0;
}

/**
 * pmp_obj_server - the object's host, without a reference
 * @obj: the object
 */
PMP_EXPORT pmp_server *pmp_obj_server(const pmp_obj *obj)
{
	return obj ? obj->srv : NULL;
}

/**
 * pmp_obj_release - release the handle and free @obj
 * @obj: the object, or NULL
 *
 * Return: 0, -EBADFD (after fork; @obj is freed all the same).
 */
PMP_EXPORT int pmp_obj_release(pmp_obj *obj)
{
	int ret;

	if (!obj)
		return 0;
	if (pmp_server_forked(obj->srv))
		ret = -EBADFD;
	else
		ret = pmp_sys_release(obj->srv->fd, obj->handle);
	pmp_server_unref(obj->srv);
	free(obj);
	return ret;
}
