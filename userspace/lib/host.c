// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * host.c - the host side: a PMP process's endpoint, its work and answers
 *
 * A sandboxed host cannot open files once its seccomp filter is sealed, but
 * the kernel registers a protected host only once the filter is in place:
 * pmp_host_new() opens the endpoint before the sandbox, pmp_host_start()
 * registers it after.  pmp_host_register() does both for everyone else.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"
#include "export.h"
#include "sys.h"

#include "pmp/pmp.h"

_Static_assert(PMP_HOST_REGISTER_UNPROTECTED == PMP_HOST_UNPROTECTED,
	       "the kernel's flag");
_Static_assert(PMP_HOST_WORK_CREATE == PMP_WORK_CREATE &&
		       PMP_HOST_WORK_CALL == PMP_WORK_CALL &&
		       PMP_HOST_WORK_RELEASE == PMP_WORK_RELEASE &&
		       PMP_HOST_WORK_CLIENT_GONE == PMP_WORK_CLIENT_GONE,
	       "the kernel's work types");

/**
 * struct pmp_host - a host endpoint
 * @fd: the endpoint.
 * @pid: the process that opened it: the only one that may use it.
 * @id: the host id once registered, else 0.
 * @abi: the module's ABI version.
 */
struct pmp_host {
	int fd;
	pid_t pid;
	uint64_t id;
	int abi;
};

static int host_usable(const pmp_host *host)
{
	if (!host)
		return -EINVAL;
	return host->pid == getpid() ? 0 : -EBADFD;
}

/**
 * pmp_host_new - open a host endpoint, to register it later
 * @out: the endpoint, not registered yet
 *
 * Return: 0, -EINVAL, -EPROTO, -ENODEV, -EACCES, -ENOMEM, -EMFILE.
 */
PMP_EXPORT int pmp_host_new(pmp_host **out)
{
	_cleanup_close_ int fd = -1;
	pmp_host *host;
	int abi;

	if (!out)
		return -EINVAL;
	*out = NULL;
	fd = pmp_sys_open(&abi);
	if (fd < 0)
		return fd;
	host = calloc(1, sizeof(*host));
	if (!host)
		return -ENOMEM;
	host->fd = take_fd(&fd);
	host->pid = getpid();
	host->abi = abi;
	*out = host;
	return 0;
}

/**
 * pmp_host_start - register an endpoint from pmp_host_new() as a host
 * @host: the endpoint
 * @flags: 0 (protected: the process must be hardened already) or
 *	PMP_HOST_REGISTER_UNPROTECTED
 * @missing: if not NULL, the kernel's PMP_HARDEN_* mask of what the
 *	process lacks (also on -EPERM)
 *
 * After -EPERM the endpoint may be registered again.
 *
 * Return: 0, -EINVAL, -EPERM (protected, not hardened), -EISCONN (already
 * registered), -ENOMEM, -ENOSPC, -EBADFD.
 */
PMP_EXPORT int pmp_host_start(pmp_host *host, unsigned int flags,
			      uint32_t *missing)
{
	uint32_t lacks = 0;
	int ret;

	ret = host_usable(host);
	if (ret)
		return ret;
	if (flags & ~PMP_HOST_REGISTER_UNPROTECTED)
		return -EINVAL;
	ret = pmp_sys_host_register(host->fd, flags, &lacks, &host->id);
	if (missing)
		*missing = lacks;
	return ret;
}

/**
 * pmp_host_register - make the calling process a PMP host
 * @flags: 0 or PMP_HOST_REGISTER_UNPROTECTED
 * @missing: if not NULL, what the process lacks (also on -EPERM)
 * @out: the host endpoint
 *
 * Return: 0, or the errors of pmp_host_new() and pmp_host_start().
 */
PMP_EXPORT int pmp_host_register(unsigned int flags, uint32_t *missing,
				 pmp_host **out)
{
	pmp_host *host;
	int ret;

	if (missing)
		*missing = 0;
	if (!out)
		return -EINVAL;
	*out = NULL;
	ret = pmp_host_new(&host);
	if (ret)
		return ret;
	ret = pmp_host_start(host, flags, missing);
	if (ret) {
		pmp_host_close(host);
		return ret;
	}
	*out = host;
	return 0;
}

/**
 * pmp_host_id - the id clients join with
 * @host: the host
 *
 * Return: the id, 0 before registration.
 */
PMP_EXPORT uint64_t pmp_host_id(const pmp_host *host)
{
	return host ? host->id : 0;
}

/**
 * pmp_host_fd - the endpoint, to poll()
 * @host: the host
 *
 * POLLIN while work waits, POLLHUP once the host was told to exit.
 *
 * Return: the descriptor, -EINVAL, or -EBADFD after fork.
 */
PMP_EXPORT int pmp_host_fd(const pmp_host *host)
{
	int ret = host_usable(host);

	return ret ? ret : host->fd;
}

static void guid_from_bytes(pmp_guid *guid, const __u8 *bytes)
{
	memcpy(guid, bytes, sizeof(*guid));
}

_Static_assert(sizeof(struct pmp_host_obj) == sizeof(struct pmp_recv_obj) &&
		       __builtin_offsetof(struct pmp_host_obj, cookie) ==
			       __builtin_offsetof(struct pmp_recv_obj, cookie),
	       "the kernel receives objects straight into the work item");

/**
 * pmp_host_recv - take the next work item, waiting for one
 * @host: the host
 * @buf: room for a call's payload
 * @size: its size (the kernel's max_payload is always enough)
 * @work: filled in
 *
 * Return: 0, -EINVAL, -ESHUTDOWN (nothing left and the host was told to
 * exit: time to exit), -EMSGSIZE (@buf too small: @work->in_size says what
 * is needed, and the item stays queued), -EINTR, -EMFILE, -EBADFD.
 */
PMP_EXPORT int pmp_host_recv(pmp_host *host, void *buf, size_t size,
			     struct pmp_host_work *work)
{
	struct pmp_recv r = { 0 };
	int ret;

	ret = host_usable(host);
	if (ret)
		return ret;
	if (!work || (!buf && size))
		return -EINVAL;

	memset(work, 0, sizeof(*work));
	r.buf_ptr = (uintptr_t)buf;
	r.buf_size = size > UINT32_MAX ? UINT32_MAX : size;
	r.nfds = PMP_MAX_FDS;
	r.fds_ptr = (uintptr_t)work->in_fds;
	/* An older kernel refuses fields it does not know. */
	if (host->abi >= PMP_ABI_OBJECT_ARGS) {
		r.nobjs = PMP_MAX_OBJS;
		r.objs_ptr = (uintptr_t)work->in_objs;
	}
	ret = pmp_sys_recv(host->fd, &r);
	if (ret == -EMSGSIZE)
		work->in_size = r.buf_size;
	if (ret)
		return ret;

	work->type = r.type;
	work->txn = r.txn;
	work->object_id = r.object_id;
	work->cookie = r.cookie;
	work->method = r.method;
	work->call_flags = r.call_flags;
	work->client_id = r.client_id;
	work->client_pid = r.client_pid;
	guid_from_bytes(&work->clsid, r.clsid);
	guid_from_bytes(&work->iid, r.iid);
	work->in = buf;
	work->in_size = r.buf_size;
	work->in_nfds = r.nfds;
	work->in_nobjs = r.nobjs;
	return 0;
}

/**
 * pmp_host_reply - answer a CREATE or CALL
 * @host: the host
 * @txn: the work item's @txn
 * @args: the answer; @object_id and @object_new are filled in
 *
 * Return: 0, -EINVAL, -ECANCELED (the client gave up; the reply was
 * discarded and the host keeps what it tried to hand over), -ENOENT,
 * -EMSGSIZE, -EPERM, -EBADF, -EBADFD.
 */
PMP_EXPORT int pmp_host_reply(pmp_host *host, uint64_t txn,
			      struct pmp_host_reply_args *args)
{
	struct pmp_reply rp = { .txn = txn };
	int ret;

	ret = host_usable(host);
	if (ret)
		return ret;
	if (!args)
		return -EINVAL;

	rp.status = args->status;
	rp.flags = args->cookie ? PMP_REPLY_OBJECT : 0;
	rp.cookie = args->cookie;
	rp.buf_ptr = (uintptr_t)args->out;
	rp.buf_size = args->out_size;
	rp.nfds = args->out_nfds;
	rp.fds_ptr = (uintptr_t)args->out_fds;
	ret = pmp_sys_reply(host->fd, &rp);
	if (ret)
		return ret;
	args->object_id = rp.object_id;
	args->object_new = rp.object_new;
	return 0;
}

/**
 * pmp_host_state - the kernel's view of the host's lifetime
 * @host: the host
 *
 * Return: PMP_HOST_STARTING (1), ACTIVE (2), LINGER (3) or EXIT (4), or
 * -EINVAL, -ENOTCONN (not registered), -EBADFD.
 */
PMP_EXPORT int pmp_host_state(pmp_host *host)
{
	struct pmp_info info;
	int ret;

	ret = host_usable(host);
	if (!ret)
		ret = pmp_sys_info(host->fd, &info);
	return ret ? ret : (int)info.host_state;
}

/**
 * pmp_host_close - unregister (close the endpoint) and free @host
 * @host: the host, or NULL
 *
 * After fork, a child's close only frees its copy: the parent's host lives
 * on.
 */
PMP_EXPORT void pmp_host_close(pmp_host *host)
{
	if (!host)
		return;
	close(host->fd);
	free(host);
}
