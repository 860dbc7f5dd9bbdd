/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * pmp.h - libpmp's native C API: PMP hosts, their locks and their objects
 *
 * libpmp talks to pmp.ko through /dev/pmp.  A process holds one kernel
 * connection per host, shared by every pmp_server reference and every COM
 * pointer to that host, so that all of them share the host's lock count
 * (IMFPMPServer semantics).
 *
 * Conventions: functions return 0 or a positive count on success and a
 * negative errno on failure; they never exit and never print.  Every
 * function is thread-safe.  Every descriptor the library opens is O_CLOEXEC.
 * After fork(), a child's use of its parent's servers and objects fails with
 * -EBADFD (the kernel refuses it too) and never disturbs the parent; the
 * child may spawn or join hosts of its own.
 */

#ifndef PMP_PMP_H
#define PMP_PMP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PMP_VERSION_MAJOR 0
#define PMP_VERSION_MINOR 1
#define PMP_VERSION_MICRO 0

/** pmp_guid - a GUID in Microsoft's memory layout (same as GUID). */
typedef struct pmp_guid {
	uint32_t data1;
	uint16_t data2;
	uint16_t data3;
	uint8_t data4[8];
} pmp_guid;

/** An opaque reference to a host, as its client. */
typedef struct pmp_server pmp_server;
/** An opaque handle to an object living in a host. */
typedef struct pmp_obj pmp_obj;
/** An opaque host endpoint, for the host process itself. */
typedef struct pmp_host pmp_host;

/* ---- hosts, from the client side ---- */

/* pmp_server_spawn() flags; the values of MFPMPSESSION_CREATION_FLAGS. */
#define PMP_SPAWN_UNPROTECTED	0x1u

/**
 * pmp_server_spawn - start a new pmphost and connect to it
 * @flags: 0 for a protected host, PMP_SPAWN_UNPROTECTED for an unprotected
 *	one; other bits: -EINVAL.
 * @out: the new server reference.
 *
 * The host is started with a clean environment and only the descriptors
 * it needs; it registers with the kernel itself and reports its host id.
 * Environment read by the spawner (never passed on; ignored in setuid
 * programs): PMP_HOST_PATH (the pmphost binary, default under the install
 * prefix), PMP_REGISTRY_DIR (class registry, honoured for unprotected hosts
 * only), PMP_HOST_LOG_FD (a descriptor for the host's log; default: none).
 *
 * The host is not the caller's child: it runs in a session of its own and
 * exits when the kernel tells it to.  Like every host, it exits when no
 * object is created in it and no lock taken within the module's linger_ms
 * (3 s by default) of its start.
 *
 * Return: 0, -EINVAL (unknown flags; PMP_HOST_LOG_FD not a number), -EBADF
 * (PMP_HOST_LOG_FD not open), -ENOENT or -EACCES (no pmphost to run),
 * -EPERM (the kernel refused the protected registration), -EPROTO (the
 * kernel's ABI is not one this library speaks), -ENODEV (no /dev/pmp),
 * -ECHILD (the host died before reporting), -ETIMEDOUT (no report within
 * 30 s), -ENOMEM.
 */
int pmp_server_spawn(unsigned int flags, pmp_server **out);

/**
 * pmp_server_join - connect to an existing host of the caller's effective
 * uid by id
 * @host_id: the host's id
 * @out: a server reference; the process's existing connection to that host
 *	if it has one.
 *
 * Whose host it is, is the kernel's answer; a host of another uid is
 * refused even where the kernel would let the caller in (root).
 *
 * Return: 0, -EINVAL, -ECONNREFUSED (no such host, or it has gone),
 * -EACCES (another user's host), -EPROTO, -ENODEV, -ENOMEM.
 */
int pmp_server_join(uint64_t host_id, pmp_server **out);

/* pmp_server_join_flags() flags. */
#define PMP_JOIN_OTHER_UID	0x1u

/**
 * pmp_server_join_flags - pmp_server_join(), saying whose host may do
 * @host_id: the host's id
 * @flags: 0 (as pmp_server_join()), or PMP_JOIN_OTHER_UID: a host of any
 *	uid the kernel lets the caller into (another uid's host needs
 *	CAP_SYS_ADMIN; a protected one the kernel's PMP_CONNECT_OTHER_UID
 *	too, which this flag passes); other bits: -EINVAL.
 * @out: a server reference.
 *
 * Return: 0, -EINVAL, -ECONNREFUSED, -EACCES (another user's host without
 * PMP_JOIN_OTHER_UID, or without CAP_SYS_ADMIN), -EPERM (another user's
 * protected host, without CAP_SYS_ADMIN), -EPROTO, -ENODEV, -ENOMEM.
 */
int pmp_server_join_flags(uint64_t host_id, unsigned int flags,
			  pmp_server **out);

/** pmp_server_ref - take another reference. Return: @srv. */
pmp_server *pmp_server_ref(pmp_server *srv);

/**
 * pmp_server_unref - drop a reference; the connection closes with the last
 * one (dropping any lock it still holds, as the kernel does).
 */
void pmp_server_unref(pmp_server *srv);

/** pmp_server_host_id - the host's id. */
uint64_t pmp_server_host_id(const pmp_server *srv);

/** pmp_server_host_pid - the host's process id, 0 when not visible. */
int pmp_server_host_pid(const pmp_server *srv);

/**
 * pmp_server_host_layers - the sandbox layers the host reported when this
 * process spawned it: pmphost's PMPHOST_LAYER_* bits
 * (Documentation/admin-guide/pmp.rst); 0 for a host joined by id.
 */
uint32_t pmp_server_host_layers(const pmp_server *srv);

/**
 * pmp_server_lock - IMFPMPServer::LockProcess: keep the host from exiting
 *
 * Return: 0, -ESHUTDOWN (the host has gone), -EBADFD (after fork).
 */
int pmp_server_lock(pmp_server *srv);

/**
 * pmp_server_unlock - IMFPMPServer::UnlockProcess
 *
 * Return: 0, -ENOLCK (this process holds no lock on the host),
 * -ESHUTDOWN, -EBADFD.
 */
int pmp_server_unlock(pmp_server *srv);

/**
 * pmp_server_fd - a descriptor to poll() for the host's death
 *
 * POLLHUP once the host has gone or was told to exit.  Owned by the
 * library: do not close it.  Return: the descriptor, or -EBADFD after fork.
 */
int pmp_server_fd(const pmp_server *srv);

/**
 * pmp_server_alive - 1 while the host serves, 0 once it has gone or was
 * told to exit, -EBADFD after fork.
 */
int pmp_server_alive(pmp_server *srv);

/* ---- objects ---- */

/**
 * pmp_server_create - create an object inside the host
 * @srv: the host
 * @clsid: its class
 * @iid: the interface wanted
 * @timeout_ms: 0 for the kernel's default
 * @status: the host's HRESULT
 * @out: the object when @status >= 0, else NULL
 *
 * Return: 0 when the host answered (see @status), or -ESHUTDOWN,
 * -ETIMEDOUT, -EDQUOT, -EAGAIN, -EBADFD, -ENOMEM.
 */
int pmp_server_create(pmp_server *srv, const pmp_guid *clsid,
		      const pmp_guid *iid, uint32_t timeout_ms,
		      int32_t *status, pmp_obj **out);

/**
 * struct pmp_call_args - one method call
 * @method: method number (meaning agreed by proxy and stub)
 * @flags: PMP_CALL_WANT_OBJECT: the reply may hand back an object
 * @timeout_ms: 0 for the kernel's default
 * @in, @in_size: input payload
 * @in_fds, @in_nfds: descriptors sent (sealed memfds); the caller keeps its
 *	own copies
 * @out, @out_size: output buffer; @out_size is its capacity on input and
 *	the bytes received on output
 * @out_fds, @out_nfds: slots for received descriptors (O_CLOEXEC, owned by
 *	the caller); capacity on input, count on output
 * @status: the host's HRESULT
 * @out_obj: with PMP_CALL_WANT_OBJECT, the object handed back, or NULL
 * @in_objs, @in_nobjs: objects passed to the host as arguments, at most
 *	PMP_MAX_OBJS, each an object of the called object's server (the same
 *	connection; one object may be passed several times, the called one
 *	too).  The host receives them, in this order, as its own objects
 *	(struct pmp_host_work's @in_objs); the kernel keeps each until the
 *	host has answered, so the caller may release its handles as soon as
 *	pmp_obj_call() returns.  The caller keeps its handles.  Needs a
 *	kernel of ABI version 4.
 */
struct pmp_call_args {
	uint32_t method;
	uint32_t flags;
	uint32_t timeout_ms;
	const void *in;
	uint32_t in_size;
	const int *in_fds;
	uint32_t in_nfds;
	void *out;
	uint32_t out_size;
	int *out_fds;
	uint32_t out_nfds;
	int32_t status;
	pmp_obj *out_obj;
	pmp_obj *const *in_objs;
	uint32_t in_nobjs;
};

#define PMP_CALL_WANT_OBJECT	0x1u

/** The most descriptors a call or reply carries. */
#define PMP_MAX_FDS		16

/** The most objects a call passes to its host. */
#define PMP_MAX_OBJS		16

/**
 * pmp_obj_call - call a method of an object
 * @obj: the object called
 * @args: the call; its output fields are filled in
 *
 * The arguments are checked before anything is sent: a NULL @obj or
 * @args, an unknown flag, a NULL entry of @args->in_objs (or a NULL array
 * with a non-zero count) or an object of another server is -EINVAL, more
 * than PMP_MAX_OBJS objects -EMSGSIZE, and no call is made.
 *
 * Return: 0 when the host answered (see @args->status), -EINVAL (above),
 * -ENOENT (@obj or a passed object released, which the caller must not
 * do), -EMSGSIZE (a payload over the module's max_payload, more than
 * PMP_MAX_FDS descriptors or PMP_MAX_OBJS objects), -EBADF, -EPERM (a
 * descriptor that may not be sent), -EMFILE, -ESHUTDOWN, -ETIMEDOUT,
 * -EAGAIN, -EDQUOT, -EBADFD (after fork), -EOPNOTSUPP (objects passed to
 * a kernel before ABI version 4), -ENOMEM.
 */
int pmp_obj_call(pmp_obj *obj, struct pmp_call_args *args);

/**
 * pmp_obj_id - the host-side object id: two pmp_obj with one id are one
 * object (COM identity is built on it).
 */
uint64_t pmp_obj_id(const pmp_obj *obj);

/** pmp_obj_server - the object's host (no reference taken). */
pmp_server *pmp_obj_server(const pmp_obj *obj);

/**
 * pmp_obj_release - release the handle and free @obj
 *
 * The host hears of it when no handle of any client refers to the object
 * any more.  Works after the host has gone.
 *
 * Return: 0, -EBADFD (after fork; @obj is freed all the same).
 */
int pmp_obj_release(pmp_obj *obj);

/* ---- the host side ---- */

/* pmp_host_register() flags. */
#define PMP_HOST_REGISTER_UNPROTECTED	0x1u

/**
 * pmp_host_register - make the calling process a PMP host
 * @flags: 0 (protected: the process must be hardened already) or
 *	PMP_HOST_REGISTER_UNPROTECTED
 * @missing: if not NULL, the kernel's PMP_HARDEN_* mask of what the process
 *	lacks (also on -EPERM)
 * @out: the host endpoint
 *
 * Opens a new endpoint and registers it: pmp_host_new() then
 * pmp_host_start().
 *
 * Return: 0, -EINVAL, -EPERM (protected, not hardened), -EPROTO, -ENODEV,
 * -ENOMEM.
 */
int pmp_host_register(unsigned int flags, uint32_t *missing, pmp_host **out);

/**
 * pmp_host_new - open a host endpoint, to register it later
 * @out: the endpoint, not registered yet
 *
 * For a host whose seccomp filter forbids open(): the kernel registers a
 * protected host only once the filter is in place, so the endpoint is
 * opened before and registered after (pmp_host_start()).
 *
 * Return: 0, -EINVAL, -EPROTO, -ENODEV, -EACCES, -ENOMEM, -EMFILE.
 */
int pmp_host_new(pmp_host **out);

/**
 * pmp_host_start - register an endpoint from pmp_host_new()
 * @host: the endpoint
 * @flags: as for pmp_host_register()
 * @missing: as for pmp_host_register()
 *
 * After -EPERM the endpoint may be registered again.
 *
 * Return: 0, -EINVAL, -EPERM, -EISCONN (registered already), -ENOMEM,
 * -ENOSPC, -EBADFD.
 */
int pmp_host_start(pmp_host *host, unsigned int flags, uint32_t *missing);

/** pmp_host_id - the id clients join with; 0 before registration. */
uint64_t pmp_host_id(const pmp_host *host);

/**
 * pmp_host_fd - the endpoint: POLLIN when work waits, POLLHUP on exit;
 * -EBADFD after fork.
 */
int pmp_host_fd(const pmp_host *host);

/* Work item types, as the kernel's PMP_WORK_*. */
#define PMP_HOST_WORK_CREATE		1
#define PMP_HOST_WORK_CALL		2
#define PMP_HOST_WORK_RELEASE		3
#define PMP_HOST_WORK_CLIENT_GONE	4

/**
 * struct pmp_host_obj - an object a call passed, as its host knows it
 * @object_id: the kernel's id of the object
 * @cookie: the cookie the host gave it when it handed it out (in a
 *	pmp_host_reply() to a CREATE or a call): the host's own object
 */
struct pmp_host_obj {
	uint64_t object_id;
	uint64_t cookie;
};

/**
 * struct pmp_host_work - one received work item
 * @type: PMP_HOST_WORK_*
 * @txn: the transaction to answer (CREATE, CALL)
 * @object_id, @cookie: the object called or released
 * @method, @call_flags: the call
 * @client_id, @client_pid: who asked
 * @clsid, @iid: what to create
 * @in, @in_size: the call's payload (points into the caller's buffer)
 * @in_fds, @in_nfds: received descriptors, now the caller's to close
 * @in_objs, @in_nobjs: the objects the call passed (CALL; struct
 *	pmp_call_args' @in_objs), in the client's order.  The kernel holds
 *	each until the host answers the call: a host that keeps one beyond
 *	its answer takes its own reference to what the cookie names.
 */
struct pmp_host_work {
	uint32_t type;
	uint64_t txn;
	uint64_t object_id;
	uint64_t cookie;
	uint32_t method;
	uint32_t call_flags;
	uint32_t client_id;
	int client_pid;
	pmp_guid clsid;
	pmp_guid iid;
	const void *in;
	uint32_t in_size;
	int in_fds[PMP_MAX_FDS];
	uint32_t in_nfds;
	struct pmp_host_obj in_objs[PMP_MAX_OBJS];
	uint32_t in_nobjs;
};

/**
 * pmp_host_recv - take the next work item, waiting for one
 * @host: the host
 * @buf, @size: room for a call's payload (the kernel's max_payload is
 *	enough)
 * @work: filled in; it has room for every descriptor and object a call
 *	may carry (on a kernel before ABI version 4, no call passes objects)
 *
 * Return: 0, -EINVAL, -ESHUTDOWN (nothing left and the host was told to
 * exit: time to exit), -EMSGSIZE (@buf too small: @work->in_size says what
 * is needed; the item stays queued), -EINTR (a signal), -EMFILE, -EBADFD.
 */
int pmp_host_recv(pmp_host *host, void *buf, size_t size,
		  struct pmp_host_work *work);

/**
 * struct pmp_host_reply_args - one answer
 * @status: the HRESULT for the client
 * @cookie: an object handed to the client (with one reference of the
 *	host's), or 0
 * @out, @out_size: output payload (CALL)
 * @out_fds, @out_nfds: descriptors sent back (sealed memfds)
 * @object_id: out: the kernel's id for @cookie
 * @object_new: out: 1 if the kernel keeps the reference handed, 0 if it
 *	already had one (drop the one handed)
 */
struct pmp_host_reply_args {
	int32_t status;
	uint64_t cookie;
	const void *out;
	uint32_t out_size;
	const int *out_fds;
	uint32_t out_nfds;
	uint64_t object_id;
	int object_new;
};

/**
 * pmp_host_reply - answer a CREATE or CALL
 *
 * Return: 0, -ECANCELED (the client gave up; the reply was discarded and
 * the host keeps what it tried to hand over), -ENOENT, -EINVAL, -EMSGSIZE,
 * -EPERM, -EBADF, -EBADFD.
 */
int pmp_host_reply(pmp_host *host, uint64_t txn,
		   struct pmp_host_reply_args *args);

/**
 * pmp_host_state - the kernel's PMP_HOST_* state of the host (1 STARTING,
 * 2 ACTIVE, 3 LINGER, 4 EXIT), or a negative errno
 */
int pmp_host_state(pmp_host *host);

/**
 * pmp_host_close - unregister (close the endpoint) and free @host.  In a
 * child of fork() it only frees the child's copy.
 */
void pmp_host_close(pmp_host *host);

/* ---- errors ---- */

/**
 * pmp_hresult_from_errno - the HRESULT for a negative errno
 *
 * One table serves both directions; an errno without an entry maps to
 * E_FAIL.
 */
int32_t pmp_hresult_from_errno(int err);

/**
 * pmp_errno_from_hresult - the negative errno for an HRESULT (0 for
 * success codes; -EIO for a failure without an entry)
 */
int pmp_errno_from_hresult(int32_t hr);

#ifdef __cplusplus
}
#endif

#endif /* PMP_PMP_H */
