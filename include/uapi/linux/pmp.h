/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * pmp - protected media path host: user space API of /dev/pmp
 *
 * Every open file of /dev/pmp is an endpoint owned by the process that
 * opened it.  An endpoint becomes either the HOST endpoint of a PMP process
 * (PMP_IOC_HOST_REGISTER) or a CLIENT of one host (PMP_IOC_CONNECT).
 * Clients create objects inside their host and call them through the kernel
 * (PMP_IOC_CREATE_OBJECT, PMP_IOC_CALL, PMP_IOC_RELEASE); the host receives
 * that work and answers it (PMP_IOC_RECV, PMP_IOC_REPLY).  The kernel decides
 * when a host should exit, from its objects and its lock count.
 *
 * Conventions shared by every command:
 *
 * - Commands are matched with their size bits masked.  A command that takes
 *   a structure reads _IOC_SIZE(cmd) bytes of it: fewer than the structure's
 *   first version (its ``PMP_*_SIZE_VER0``) fail with EINVAL, more than the
 *   kernel knows must be zero (else E2BIG), more than a page fail with E2BIG.
 *   Output is written back in the size the caller passed.
 * - Flags the kernel does not know, non-zero reserved fields and non-zero
 *   output-only fields on input fail with EINVAL.
 * - Commands without a structure take no argument: a non-zero argument fails
 *   with EINVAL.
 * - Unknown commands fail with ENOTTY.
 * - A command issued by any process other than the endpoint's owner (a copy
 *   of the file inherited over fork() or received over SCM_RIGHTS) fails with
 *   EBADFD.  When the owner exits, the endpoint is torn down even if copies
 *   of the file stay open elsewhere.
 * - Process ids are reported in the caller's pid namespace.
 */

#ifndef _UAPI_LINUX_PMP_H
#define _UAPI_LINUX_PMP_H

#include <linux/ioctl.h>
#include <linux/types.h>

/**
 * define PMP_ABI_VERSION - version returned by %PMP_IOC_VERSION
 *
 * It grows by one each time a command, a flag or a structure field is added.
 */
#define PMP_ABI_VERSION 5

/* clang-format off */

/**
 * DOC: host registration flags
 *
 * In &pmp_host_register.flags, and reported in &pmp_info.host_flags and
 * &pmp_host_entry.flags.
 *
 * %PMP_HOST_UNPROTECTED
 *   Register an unprotected host (Media Foundation's
 *   MFPMPSESSION_UNPROTECTED_PROCESS, same value).  It is not required to
 *   be hardened and its clients must not trust it with protected content.
 */
#define PMP_HOST_UNPROTECTED		(1U << 0)

/**
 * DOC: hardening properties
 *
 * A protected host must have every one of these properties when it
 * registers.  Each bit names a property the caller LACKS in
 * &pmp_host_register.missing (and the host in &pmp_info.host_missing and
 * &pmp_host_entry.missing); a property that depends on the thread is
 * required of every thread of the caller.
 *
 * %PMP_HARDEN_NONDUMPABLE (0x01)
 *   The process is not dumpable (prctl(PR_SET_DUMPABLE, 0)), which also
 *   puts ptrace, /proc/PID/mem and process_vm_readv() out of reach of
 *   anyone without CAP_SYS_PTRACE.
 * %PMP_HARDEN_NO_NEW_PRIVS (0x02)
 *   prctl(PR_SET_NO_NEW_PRIVS, 1) is set.
 * %PMP_HARDEN_SECCOMP (0x04)
 *   The thread runs in seccomp filter mode (any filter; strict mode does
 *   not count).
 * %PMP_HARDEN_UNTRACED (0x08)
 *   The thread is not being ptraced.
 * %PMP_HARDEN_NO_CAP_EFFECTIVE (0x10)
 *   The effective capability set is empty.
 * %PMP_HARDEN_NO_CAP_PERMITTED (0x20)
 *   The permitted capability set is empty.
 * %PMP_HARDEN_NO_CAP_INHERITABLE (0x40)
 *   The inheritable capability set is empty.
 * %PMP_HARDEN_NO_CAP_AMBIENT (0x80)
 *   The ambient capability set is empty.
 * %PMP_HARDEN_TRUSTED_EXEC (0x100)
 *   The process image is one of the module's trusted executables
 *   (parameter trusted_exe), exec'd while not traced, and the file at that
 *   path is still the one exec'd, owned by root and not writable by group
 *   or others.  Only set while the module enforces (parameter enforce).
 */
#define PMP_HARDEN_NONDUMPABLE		(1U << 0)
#define PMP_HARDEN_NO_NEW_PRIVS		(1U << 1)
#define PMP_HARDEN_SECCOMP		(1U << 2)
#define PMP_HARDEN_UNTRACED		(1U << 3)
#define PMP_HARDEN_NO_CAP_EFFECTIVE	(1U << 4)
#define PMP_HARDEN_NO_CAP_PERMITTED	(1U << 5)
#define PMP_HARDEN_NO_CAP_INHERITABLE	(1U << 6)
#define PMP_HARDEN_NO_CAP_AMBIENT	(1U << 7)
#define PMP_HARDEN_TRUSTED_EXEC		(1U << 8)

/**
 * DOC: connect flags
 *
 * In &pmp_connect.flags (ABI version 5).
 *
 * %PMP_CONNECT_OTHER_UID
 *   The caller means to connect to a protected host registered under
 *   another effective uid.  It is required for that, even of root, and is
 *   not enough alone: the caller must also hold CAP_SYS_ADMIN in the
 *   initial user namespace.  It changes nothing for a host of the caller's
 *   own uid, nor for an unprotected host (of another uid, CAP_SYS_ADMIN
 *   alone lets the caller in, as before).
 */
#define PMP_CONNECT_OTHER_UID		(1U << 0)

/**
 * DOC: hardening layers
 *
 * Reported in &pmp_host_entry.layers (ABI version 5): the layers of
 * isolation the host's process had when it registered, as the kernel found
 * them, whatever the host says of itself.  A layer that belongs to a thread
 * counts only if every thread of the process has it.  Bits 0 to 5 have the
 * values of pmphost's PMPHOST_LAYER_* (userspace/host/layers.h).
 *
 * %PMP_LAYER_USERNS (0x001)
 *   A user namespace other than the initial one.
 * %PMP_LAYER_MOUNTNS (0x002)
 *   A mount namespace other than the initial one.
 * %PMP_LAYER_NETNS (0x004)
 *   A network namespace other than the initial one.
 * %PMP_LAYER_IPCNS (0x008)
 *   An IPC namespace other than the initial one.
 * %PMP_LAYER_BOUNDING (0x010)
 *   An empty capability bounding set, and the securebits NOROOT,
 *   NO_SETUID_FIXUP, KEEP_CAPS_LOCKED and NO_CAP_AMBIENT_RAISE set and
 *   locked.
 * %PMP_LAYER_SECCOMP (0x020)
 *   Seccomp filter mode.
 * %PMP_LAYER_NO_NEW_PRIVS (0x040)
 *   no_new_privs.
 * %PMP_LAYER_NONDUMPABLE (0x080)
 *   Not dumpable.
 * %PMP_LAYER_NO_CAPS (0x100)
 *   Empty effective, permitted, inheritable and ambient capability sets.
 * %PMP_LAYER_TRUSTED_EXEC (0x200)
 *   A protected host that the guard vouched for (%PMP_HARDEN_TRUSTED_EXEC)
 *   while the module enforces: ptrace-class access to it is denied.
 */
#define PMP_LAYER_USERNS		(1U << 0)
#define PMP_LAYER_MOUNTNS		(1U << 1)
#define PMP_LAYER_NETNS			(1U << 2)
#define PMP_LAYER_IPCNS			(1U << 3)
#define PMP_LAYER_BOUNDING		(1U << 4)
#define PMP_LAYER_SECCOMP		(1U << 5)
#define PMP_LAYER_NO_NEW_PRIVS		(1U << 6)
#define PMP_LAYER_NONDUMPABLE		(1U << 7)
#define PMP_LAYER_NO_CAPS		(1U << 8)
#define PMP_LAYER_TRUSTED_EXEC		(1U << 9)

/**
 * DOC: endpoint kinds
 *
 * Reported in &pmp_info.kind.
 *
 * %PMP_ENDPOINT_HOST (1)
 *   The endpoint registered a host (%PMP_IOC_HOST_REGISTER).
 * %PMP_ENDPOINT_CLIENT (2)
 *   The endpoint is a client of a host (%PMP_IOC_CONNECT).
 */
#define PMP_ENDPOINT_HOST		1
#define PMP_ENDPOINT_CLIENT		2

/**
 * DOC: host states
 *
 * Reported in &pmp_info.host_state and &pmp_host_entry.state.  No state is
 * 0, so a zero &pmp_info.host_state tells of a kernel before ABI version 2.
 *
 * %PMP_HOST_STARTING (1)
 *   Registered; no object created yet.  Clients may connect, lock and
 *   create.  After linger_ms without an object the host is ready to exit.
 * %PMP_HOST_ACTIVE (2)
 *   The host has live objects (or a creation in flight).
 * %PMP_HOST_LINGER (3)
 *   Ready to exit but held by locks: it exits when its lock count reaches
 *   zero or linger_ms passes, unless an object is created first.
 * %PMP_HOST_EXIT (4)
 *   Told to exit: its endpoint polls EPOLLHUP, its clients see hang-up
 *   (a client gets ESHUTDOWN from %PMP_IOC_INFO, never this state).  This
 *   state is final.
 */
#define PMP_HOST_STARTING		1
#define PMP_HOST_ACTIVE			2
#define PMP_HOST_LINGER			3
#define PMP_HOST_EXIT			4

/**
 * DOC: work items
 *
 * What %PMP_IOC_RECV hands the host, in &pmp_recv.type.
 *
 * %PMP_WORK_CREATE (1)
 *   A client's %PMP_IOC_CREATE_OBJECT: create an object of class
 *   &pmp_recv.clsid and return its interface &pmp_recv.iid; answer with
 *   %PMP_IOC_REPLY: an object and a success status, or a failure status.
 * %PMP_WORK_CALL (2)
 *   A client's %PMP_IOC_CALL: call method &pmp_recv.method of the object
 *   &pmp_recv.object_id, &pmp_recv.cookie; answer with %PMP_IOC_REPLY.
 * %PMP_WORK_RELEASE (3)
 *   No handle and no transaction refers to the object &pmp_recv.object_id,
 *   &pmp_recv.cookie any more: drop the reference the kernel held.  No
 *   answer.
 * %PMP_WORK_CLIENT_GONE (4)
 *   Client &pmp_recv.client_id has been torn down: drop whatever the host
 *   kept for it.  No answer.
 */
#define PMP_WORK_CREATE			1
#define PMP_WORK_CALL			2
#define PMP_WORK_RELEASE		3
#define PMP_WORK_CLIENT_GONE		4

/**
 * DOC: call and reply flags
 *
 * %PMP_CALL_OBJECT_OUT
 *   In &pmp_call.flags: the reply may hand back an object (for instance a
 *   remote QueryInterface); it takes one slot of the client's max_objects
 *   for the duration of the call.
 * %PMP_REPLY_OBJECT
 *   In &pmp_reply.flags: &pmp_reply.cookie names an object handed to the
 *   client, with one reference of the host's.
 *
 * Descriptors a call or a reply carries must be memfds (memfd_create(),
 * not MFD_HUGETLB) open for reading.  By default each must be sealed
 * against writing, shrinking and growing (F_SEAL_WRITE, F_SEAL_SHRINK and
 * F_SEAL_GROW; F_SEAL_FUTURE_WRITE does not count, since a writable
 * mapping made before it still writes), so that what the receiver reads
 * cannot change under it, and the receiver gets a new read-only open file
 * of the same memfd, not the sender's file.  Two flags, same values in
 * &pmp_call.flags and &pmp_reply.flags, change that (ABI version 5); the
 * receiver learns them: the host in &pmp_recv.call_flags, the client in
 * &pmp_call.reply_flags.
 *
 * %PMP_CALL_FDS_SHARED, %PMP_REPLY_FDS_SHARED
 *   The descriptors are shared-writable: the seals are not required, and
 *   the sender may still change the memfd's content and size while the
 *   receiver reads it.  The receiver still gets a read-only file.
 * %PMP_CALL_FDS_WRITABLE, %PMP_REPLY_FDS_WRITABLE
 *   The receiver gets the sender's own open file, with its access mode
 *   (and its file offset, shared).  Only together with the SHARED flag.
 */
#define PMP_CALL_OBJECT_OUT		(1U << 0)
#define PMP_CALL_FDS_SHARED		(1U << 1)
#define PMP_CALL_FDS_WRITABLE		(1U << 2)
#define PMP_REPLY_OBJECT		(1U << 0)
#define PMP_REPLY_FDS_SHARED		(1U << 1)
#define PMP_REPLY_FDS_WRITABLE		(1U << 2)

/**
 * define PMP_FDS_MAX - most file descriptors one call or reply carries
 */
#define PMP_FDS_MAX			16

/**
 * define PMP_OBJS_MAX - most object handles one call passes to its host
 */
#define PMP_OBJS_MAX			16

/* clang-format on */

/**
 * struct pmp_host_register - argument of %PMP_IOC_HOST_REGISTER
 * @flags: in: zero (a protected host) or %PMP_HOST_UNPROTECTED.
 * @missing: out: the PMP_HARDEN_* properties the caller lacks; written on
 *	success and on the EPERM refusal of a protected registration.  Must
 *	be zero on input.
 * @host_id: out: the new host's id, never zero.  Must be zero on input.
 */
struct pmp_host_register {
	__u32 flags;
	__u32 missing;
	__u64 host_id;
};

#define PMP_HOST_REGISTER_SIZE_VER0 16

/**
 * struct pmp_connect - argument of %PMP_IOC_CONNECT
 * @host_id: the host to connect to.
 * @flags: zero or %PMP_CONNECT_OTHER_UID (ABI version 5).
 * @reserved: must be zero.
 */
struct pmp_connect {
	__u64 host_id;
	__u32 flags;
	__u32 reserved;
};

#define PMP_CONNECT_SIZE_VER0 16

/**
 * struct pmp_info - argument of %PMP_IOC_INFO
 * @flags: in: must be zero.
 * @kind: %PMP_ENDPOINT_HOST or %PMP_ENDPOINT_CLIENT.
 * @host_id: the host this endpoint is, or is a client of.
 * @host_pid: the host's process id in the caller's pid namespace, 0 when it
 *	is not visible there.
 * @host_flags: the host's registration flags (%PMP_HOST_UNPROTECTED).
 * @host_uid: the effective uid that registered the host, in the caller's
 *	user namespace (the overflow uid when it does not map).
 * @host_missing: the hardening properties the host lacked at registration
 *	(always zero for a protected host).
 * @clients: number of client endpoints connected to the host and not yet
 *	torn down.
 * @locks: the host's lock count: the sum of its clients' shares.
 * @own_locks: this endpoint's share of @locks (zero for a host endpoint).
 * @reserved: written as zero.
 * @host_state: PMP_HOST_* (ABI version 2); see "host states".
 * @objects: the host's live objects, those that some handle or some
 *	transaction still refers to (ABI version 2).
 * @pending: transactions the kernel holds for the host: queued, being
 *	served, or cancelled and awaiting the host's reply (ABI version 2).
 * @own_handles: this client's live object handles, 0 for a host endpoint
 *	(ABI version 2).  Transactions in flight that may bring an object
 *	back are not counted here, although they count against max_objects.
 *
 * Every field but @flags is output only and must be zero on input.  The
 * figures are a snapshot taken under the host's lock: they agree with one
 * another, but may have changed by the time the caller reads them.
 */
struct pmp_info {
	__u32 flags;
	__u32 kind;
	__u64 host_id;
	__u32 host_pid;
	__u32 host_flags;
	__u32 host_uid;
	__u32 host_missing;
	__u32 clients;
	__u32 own_locks;
	__u64 locks;
	__u64 reserved;
	__u32 host_state;
	__u32 objects;
	__u32 pending;
	__u32 own_handles;
};

#define PMP_INFO_SIZE_VER0 56
#define PMP_INFO_SIZE_VER1 72

/**
 * struct pmp_create - argument of %PMP_IOC_CREATE_OBJECT
 *
 * @clsid: in: the class to create, a GUID in Microsoft's byte layout
 *	(Data1 to Data3 little-endian).
 * @iid: in: the interface wanted, likewise.
 * @flags: in: must be zero.
 * @timeout_ms: in: how long to wait for the host, in milliseconds; 0 for
 *	the module's default_timeout_ms.
 * @status: out: the host's HRESULT.  Must be zero on input.
 * @reserved: must be zero.
 * @handle: out: on success (@status >= 0) the new handle, else 0.  Must be
 *	zero on input, like @object_id.
 * @object_id: out: the host-side object the handle refers to, else 0.
 */
struct pmp_create {
	__u8 clsid[16];
	__u8 iid[16];
	__u32 flags;
	__u32 timeout_ms;
	__s32 status;
	__u32 reserved;
	__u64 handle;
	__u64 object_id;
};

#define PMP_CREATE_SIZE_VER0 64

/**
 * struct pmp_call - argument of %PMP_IOC_CALL
 *
 * @handle: in: the object.
 * @method: in: method number.  Its meaning, and the layout of the
 *	payloads, are agreed between the client's proxy and the host's stub;
 *	the kernel carries them unread.
 * @flags: in: %PMP_CALL_OBJECT_OUT, %PMP_CALL_FDS_SHARED,
 *	%PMP_CALL_FDS_WRITABLE (only with %PMP_CALL_FDS_SHARED), or zero.
 * @timeout_ms: in: as in &struct pmp_create.
 * @status: out: the host's HRESULT.  Must be zero on input.
 * @in_ptr: in: input payload.
 * @in_size: in: its size, at most the module's max_payload.
 * @in_nfds: in: number of descriptors at @in_fds, at most %PMP_FDS_MAX.
 * @in_fds: in: pointer to __s32 descriptors sent to the host.
 * @out_ptr: in: buffer for the output payload.
 * @out_size: in: its capacity (at most max_payload); out: bytes written.
 * @out_nfds: in: capacity of @out_fds (at most %PMP_FDS_MAX); out: number
 *	of descriptors received, installed O_CLOEXEC.
 * @out_fds: in: pointer to __s32 slots for received descriptors.
 * @out_handle: out: with %PMP_CALL_OBJECT_OUT, the handle of an object the
 *	host handed back, else 0.
 * @out_object_id: out: its object id, else 0.  Must be zero on input,
 *	like @out_handle.
 * @in_handles: in: pointer to __u64 handles of the caller's objects passed
 *	to the host as arguments; the host receives each as its own object
 *	(&struct pmp_recv_obj), and the kernel keeps each object until the
 *	host has answered (ABI version 4).
 * @in_nhandles: in: number of handles at @in_handles, at most
 *	%PMP_OBJS_MAX (ABI version 4).
 * @reserved: must be zero (ABI version 4).
 * @reply_flags: out: the %PMP_REPLY_FDS_SHARED and %PMP_REPLY_FDS_WRITABLE
 *	bits of the reply, which say how its descriptors came.  Must be zero
 *	on input (ABI version 5).
 * @reserved2: must be zero (ABI version 5).
 */
struct pmp_call {
	__u64 handle;
	__u32 method;
	__u32 flags;
	__u32 timeout_ms;
	__s32 status;
	__u64 in_ptr;
	__u32 in_size;
	__u32 in_nfds;
	__u64 in_fds;
	__u64 out_ptr;
	__u32 out_size;
	__u32 out_nfds;
	__u64 out_fds;
	__u64 out_handle;
	__u64 out_object_id;
	__u64 in_handles;
	__u32 in_nhandles;
	__u32 reserved;
	__u32 reply_flags;
	__u32 reserved2;
};

#define PMP_CALL_SIZE_VER0 88
#define PMP_CALL_SIZE_VER1 104
#define PMP_CALL_SIZE_VER2 112

/**
 * struct pmp_release - argument of %PMP_IOC_RELEASE
 * @handle: the handle to release.
 * @flags: must be zero.
 */
struct pmp_release {
	__u64 handle;
	__u64 flags;
};

#define PMP_RELEASE_SIZE_VER0 16

/**
 * struct pmp_recv - argument of %PMP_IOC_RECV
 *
 * @flags: in: must be zero.
 * @type: out: PMP_WORK_*.
 * @txn: out: the transaction to answer (CREATE and CALL), else 0.
 * @buf_ptr: in: buffer for a call's input payload.
 * @buf_size: in: its capacity; out: the payload's size (also when the
 *	buffer was too small, with EMSGSIZE).
 * @nfds: in: capacity of @fds_ptr; out: descriptors installed O_CLOEXEC
 *	(also the number needed, with EMSGSIZE).
 * @fds_ptr: in: pointer to __s32 slots.
 * @object_id: out: the object called or released.
 * @cookie: out: the host's cookie for that object.
 * @method: out: the method called.
 * @call_flags: out: the &pmp_call.flags of a call (with
 *	%PMP_CALL_FDS_SHARED and %PMP_CALL_FDS_WRITABLE: how its descriptors
 *	came).
 * @client_id: out: the client, as the host knows it: the id it got when
 *	it connected, counted from 1 for each host (not for RELEASE, since
 *	an object may be held by several clients).
 * @client_pid: out: the client's process id in the host's pid namespace, 0
 *	when it is not visible there or not known.
 * @clsid: out: the class to create.
 * @iid: out: the interface wanted.
 * @objs_ptr: in: pointer to &struct pmp_recv_obj slots for the objects a
 *	call passes (ABI version 4).
 * @nobjs: in: capacity of @objs_ptr; out: objects the call passed (also
 *	the number needed, with EMSGSIZE) (ABI version 4).
 * @reserved: must be zero (ABI version 4).
 *
 * Every output field must be zero on input.
 */
struct pmp_recv {
	__u32 flags;
	__u32 type;
	__u64 txn;
	__u64 buf_ptr;
	__u32 buf_size;
	__u32 nfds;
	__u64 fds_ptr;
	__u64 object_id;
	__u64 cookie;
	__u32 method;
	__u32 call_flags;
	__u32 client_id;
	__u32 client_pid;
	__u8 clsid[16];
	__u8 iid[16];
	__u64 objs_ptr;
	__u32 nobjs;
	__u32 reserved;
};

#define PMP_RECV_SIZE_VER0 104
#define PMP_RECV_SIZE_VER1 120

/**
 * struct pmp_recv_obj - an object a call passed, as its host sees it
 * @object_id: the object's id.
 * @cookie: the host's own name for it.
 *
 * The kernel holds a reference to the object until the host has answered
 * the call (or the call is otherwise over for the host); a host that keeps
 * the object beyond that keeps its own reference to what @cookie names.
 */
struct pmp_recv_obj {
	__u64 object_id;
	__u64 cookie;
};

/**
 * struct pmp_reply - argument of %PMP_IOC_REPLY
 *
 * @txn: in: the transaction answered.
 * @status: in: the HRESULT for the client.
 * @flags: in: %PMP_REPLY_OBJECT, %PMP_REPLY_FDS_SHARED,
 *	%PMP_REPLY_FDS_WRITABLE (only with %PMP_REPLY_FDS_SHARED), or zero.
 * @cookie: in: with %PMP_REPLY_OBJECT, the object handed to the client
 *	(non-zero); else must be zero.  A successful CREATE must hand one, a
 *	failed one must not.
 * @buf_ptr: in: output payload (CALL only).
 * @buf_size: in: its size, at most what the client can take.
 * @nfds: in: descriptors to send (CALL only), at most what the client can
 *	take.
 * @fds_ptr: in: pointer to __s32 descriptors.
 * @object_id: out: the object's id.
 * @object_new: out: with %PMP_REPLY_OBJECT, 1 when the kernel keeps the
 *	reference handed with
 *	@cookie; 0 when it already held one for that object and the host must
 *	drop the reference it handed.
 * @reserved: must be zero.
 */
struct pmp_reply {
	__u64 txn;
	__s32 status;
	__u32 flags;
	__u64 cookie;
	__u64 buf_ptr;
	__u32 buf_size;
	__u32 nfds;
	__u64 fds_ptr;
	__u64 object_id;
	__u32 object_new;
	__u32 reserved;
};

#define PMP_REPLY_SIZE_VER0 64

/**
 * struct pmp_host_entry - one host, as %PMP_IOC_LIST_HOSTS describes it
 * @host_id: the host's id.
 * @pid: its registering process, in the caller's pid namespace.
 * @uid: the effective uid it registered under, in the caller's user
 *	namespace.
 * @flags: registration flags (%PMP_HOST_UNPROTECTED).
 * @state: PMP_HOST_*.
 * @missing: hardening properties lacked at registration.
 * @clients: connected client endpoints.
 * @objects: live objects.
 * @pending: transactions the kernel holds for it.
 * @locks: lock count.
 * @layers: PMP_LAYER_* bits, computed when it registered (ABI version 5;
 *	an @entry_size of %PMP_HOST_ENTRY_SIZE_VER0 leaves it out).
 * @reserved: written as zero.
 */
struct pmp_host_entry {
	__u64 host_id;
	__u32 pid;
	__u32 uid;
	__u32 flags;
	__u32 state;
	__u32 missing;
	__u32 clients;
	__u32 objects;
	__u32 pending;
	__u64 locks;
	__u32 layers;
	__u32 reserved;
};

#define PMP_HOST_ENTRY_SIZE_VER0 48
#define PMP_HOST_ENTRY_SIZE_VER1 56

/**
 * struct pmp_list_hosts - argument of %PMP_IOC_LIST_HOSTS
 * @flags: in: must be zero.
 * @entry_size: in: the size of one &struct pmp_host_entry as the caller
 *	knows it, at least %PMP_HOST_ENTRY_SIZE_VER0 and at most a page; each
 *	entry is written in that size (a larger one gets a zero tail).
 * @entries: in: pointer to @capacity entries of @entry_size bytes.
 * @capacity: in: how many entries fit at @entries; 0 to ask only for
 *	@count.
 * @count: out: how many hosts the caller may see; only the first
 *	@capacity (at most 4096) are written.  Must be zero on input.
 */
struct pmp_list_hosts {
	__u32 flags;
	__u32 entry_size;
	__u64 entries;
	__u32 capacity;
	__u32 count;
};

#define PMP_LIST_HOSTS_SIZE_VER0 24

#define PMP_IOC_MAGIC 0xB9

/**
 * define PMP_IOC_VERSION - query the ABI version
 *
 * Takes no argument.  Returns %PMP_ABI_VERSION.  Works on any endpoint,
 * torn down or not.
 *
 * Errors:
 *
 * - ENOTTY: not a pmp file.
 * - EBADFD: the caller is not the endpoint's owner.
 * - EINVAL: the argument is not 0.
 */
#define PMP_IOC_VERSION		_IO(PMP_IOC_MAGIC, 0x00)

/**
 * define PMP_IOC_HOST_REGISTER - make this endpoint a host
 *
 * Argument: &struct pmp_host_register.  The caller becomes a PMP host; the
 * host lives until this endpoint is torn down (its owner exits or closes it).
 * A protected registration (flags 0) requires every PMP_HARDEN_* property.
 *
 * Errors:
 *
 * - ENOTTY: not a pmp file.
 * - EBADFD: the caller is not the endpoint's owner, or the endpoint has
 *   been torn down.
 * - EINVAL: the structure is shorter than %PMP_HOST_REGISTER_SIZE_VER0
 *   (16), &pmp_host_register.flags has an unknown bit, or
 *   &pmp_host_register.missing or &pmp_host_register.host_id is not 0.
 * - E2BIG: the structure is larger than a page, or larger than the
 *   kernel's with a non-zero tail.
 * - EFAULT: the structure cannot be read or written; nothing is
 *   registered.
 * - EISCONN: the endpoint is already a host or a client.
 * - EPERM: a protected registration by a caller lacking a property; the
 *   structure is still written back with &pmp_host_register.missing set.
 * - EDQUOT: the caller's user has max_user_hosts hosts; the endpoint stays
 *   new.
 * - ENOMEM: out of memory.
 * - ENOSPC: no host id is free.
 */
#define PMP_IOC_HOST_REGISTER	_IOWR(PMP_IOC_MAGIC, 0x01, struct pmp_host_register)

/**
 * define PMP_IOC_CONNECT - make this endpoint a client of a host
 *
 * Argument: &struct pmp_connect.  A caller may connect to a host registered
 * under its own effective uid; to an unprotected host of another uid with
 * CAP_SYS_ADMIN (in the initial user namespace); to a protected host of
 * another uid only with %PMP_CONNECT_OTHER_UID and CAP_SYS_ADMIN (ABI
 * version 5; before, CAP_SYS_ADMIN alone).  The host's owner must be
 * visible in the caller's pid namespace.  Nothing is written back.
 *
 * Errors:
 *
 * - ENOTTY: not a pmp file.
 * - EBADFD: the caller is not the endpoint's owner, or the endpoint has
 *   been torn down.
 * - EINVAL: the structure is shorter than %PMP_CONNECT_SIZE_VER0 (16),
 *   &pmp_connect.flags has an unknown bit, or &pmp_connect.reserved is
 *   not 0.
 * - E2BIG: the structure is larger than a page, or larger than the
 *   kernel's with a non-zero tail.
 * - EFAULT: the structure cannot be read.
 * - EISCONN: the endpoint is already a host or a client.
 * - ECONNREFUSED: no live host has that id, its registering process is not
 *   visible in the caller's pid namespace, or it has been told to exit.
 * - EACCES: the host was registered under another effective uid, and it is
 *   protected and the caller did not pass %PMP_CONNECT_OTHER_UID, or it is
 *   unprotected and the caller lacks CAP_SYS_ADMIN.
 * - EPERM: %PMP_CONNECT_OTHER_UID for a protected host of another uid, by
 *   a caller without CAP_SYS_ADMIN in the initial user namespace.
 * - EDQUOT: the caller's user has max_user_clients client endpoints; the
 *   endpoint stays new.
 * - ENOMEM: out of memory.
 */
#define PMP_IOC_CONNECT		_IOW(PMP_IOC_MAGIC, 0x02, struct pmp_connect)

/**
 * define PMP_IOC_LOCK - keep the host from exiting
 *
 * Takes no argument.  Adds one to this client's share of the host's lock
 * count (IMFPMPServer::LockProcess()).  The share is dropped when the
 * endpoint is torn down.
 *
 * Errors:
 *
 * - ENOTTY: not a pmp file.
 * - EBADFD: the caller is not the endpoint's owner, or the endpoint has
 *   been torn down.
 * - EINVAL: the argument is not 0.
 * - ENOTCONN: the endpoint is neither host nor client yet.
 * - EOPNOTSUPP: the endpoint is a host endpoint.
 * - ESHUTDOWN: the host has gone or has been told to exit.
 * - EOVERFLOW: this client's share is already INT_MAX.
 */
#define PMP_IOC_LOCK		_IO(PMP_IOC_MAGIC, 0x03)

/**
 * define PMP_IOC_UNLOCK - drop one lock
 *
 * Takes no argument.  Subtracts one from this client's share
 * (IMFPMPServer::UnlockProcess()).
 *
 * Errors:
 *
 * - ENOTTY: not a pmp file.
 * - EBADFD: the caller is not the endpoint's owner, or the endpoint has
 *   been torn down.
 * - EINVAL: the argument is not 0.
 * - ENOTCONN: the endpoint is neither host nor client yet.
 * - EOPNOTSUPP: the endpoint is a host endpoint.
 * - ESHUTDOWN: the host has gone or has been told to exit.
 * - ENOLCK: this client holds no lock; nothing changes.
 */
#define PMP_IOC_UNLOCK		_IO(PMP_IOC_MAGIC, 0x04)

/**
 * define PMP_IOC_INFO - describe this endpoint and its host
 *
 * Argument: &struct pmp_info, every byte zero.
 *
 * Errors:
 *
 * - ENOTTY: not a pmp file.
 * - EBADFD: the caller is not the endpoint's owner, or the endpoint has
 *   been torn down.
 * - EINVAL: the structure is shorter than %PMP_INFO_SIZE_VER0 (56), or a
 *   byte of it is not 0.
 * - E2BIG: the structure is larger than a page, or larger than the
 *   kernel's with a non-zero tail.
 * - EFAULT: the structure cannot be read or written.
 * - ENOTCONN: the endpoint is neither host nor client yet.
 * - ESHUTDOWN: the endpoint is a client and its host has gone or has been
 *   told to exit.
 */
#define PMP_IOC_INFO		_IOWR(PMP_IOC_MAGIC, 0x05, struct pmp_info)

/**
 * define PMP_IOC_CREATE_OBJECT - create an object inside the host
 *
 * Argument: &struct pmp_create.  Queues a %PMP_WORK_CREATE to the host and
 * waits for its reply (IMFPMPServer::CreateObjectByCLSID()).  The wait ends
 * only with the reply, the timeout or a fatal signal; other signals wait
 * for the call to finish.  The host's answer is in &pmp_create.status.
 *
 * Errors:
 *
 * - ENOTTY: not a pmp file.
 * - EBADFD: the caller is not the endpoint's owner, or the endpoint has
 *   been torn down, before the call or while it waited.
 * - EINVAL: the structure is shorter than %PMP_CREATE_SIZE_VER0 (64), or
 *   &pmp_create.flags, &pmp_create.reserved, &pmp_create.status,
 *   &pmp_create.handle or &pmp_create.object_id is not 0.
 * - E2BIG: the structure is larger than a page, or larger than the
 *   kernel's with a non-zero tail.
 * - EFAULT: the structure cannot be read or written.  When writing the
 *   result back fails, the new handle is released again.
 * - ENOTCONN: the endpoint is neither host nor client yet.
 * - EOPNOTSUPP: the endpoint is a host endpoint.
 * - ESHUTDOWN: the host has been told to exit or has gone, or it went
 *   while the caller waited.
 * - EDQUOT: the client holds max_objects handles, counting one for each of
 *   its creations (and object-returning calls) in flight.
 * - EAGAIN: the client has max_pending_client transactions in flight, the
 *   kernel holds max_pending_host for the host, or the client's user is at
 *   its max_user_pending transactions or max_user_bytes.  Nothing was sent.
 * - ETIMEDOUT: no reply within the timeout; the transaction is cancelled.
 * - EINTR: a fatal signal cancelled the transaction (the caller is being
 *   killed and never sees this value).
 * - ENOMEM: out of memory; also when the host created the object but the
 *   client's handle table could not grow: the object is released again.
 */
#define PMP_IOC_CREATE_OBJECT	_IOWR(PMP_IOC_MAGIC, 0x06, struct pmp_create)

/**
 * define PMP_IOC_CALL - call a method of an object
 *
 * Argument: &struct pmp_call.  Payloads are copied; descriptors are
 * referenced when sent and installed O_CLOEXEC in the receiver when it
 * receives them.  Which descriptors may be sent, and what the receiver
 * gets, is in "call and reply flags": by default memfds sealed against
 * writing, shrinking and growing, received read-only.
 *
 * Objects the caller holds travel into the call as its handles
 * (&pmp_call.in_handles); the host receives them as its own objects.  A
 * handle that is not the caller's (another client's, a released or forged
 * one) is refused.
 *
 * Errors:
 *
 * - ENOTTY: not a pmp file.
 * - EBADFD: the caller is not the endpoint's owner, or the endpoint has
 *   been torn down, before the call or while it waited.
 * - EINVAL: the structure is shorter than %PMP_CALL_SIZE_VER0 (88),
 *   &pmp_call.flags has an unknown bit or %PMP_CALL_FDS_WRITABLE without
 *   %PMP_CALL_FDS_SHARED, or &pmp_call.status, &pmp_call.out_handle,
 *   &pmp_call.out_object_id, &pmp_call.reserved, &pmp_call.reply_flags or
 *   &pmp_call.reserved2 is not 0.
 * - E2BIG: the structure is larger than a page, or larger than the
 *   kernel's with a non-zero tail.
 * - EFAULT: the structure, the input payload or the descriptor array
 *   cannot be read, or the structure, the output payload or the descriptor
 *   numbers cannot be written.  A reply that cannot be written is dropped
 *   (the call ran): its descriptors are closed and its object handle
 *   released.
 * - EMSGSIZE: &pmp_call.in_size or &pmp_call.out_size is over
 *   max_payload, &pmp_call.in_nfds or &pmp_call.out_nfds over
 *   %PMP_FDS_MAX, or &pmp_call.in_nhandles over %PMP_OBJS_MAX.  Checked
 *   before the state of the endpoint.
 * - ENOTCONN: the endpoint is neither host nor client yet.
 * - EOPNOTSUPP: the endpoint is a host endpoint.
 * - EBADF: an entry of &pmp_call.in_fds is not an open descriptor (an
 *   O_PATH descriptor counts as not open).
 * - EPERM: an entry of &pmp_call.in_fds may not be sent: it is not a
 *   memfd (another file, a pipe, a socket, a tmpfs file, a MFD_HUGETLB
 *   memfd), is not open for reading, or lacks F_SEAL_WRITE, F_SEAL_SHRINK
 *   or F_SEAL_GROW without %PMP_CALL_FDS_SHARED.  Nothing was sent.
 * - ENFILE (or a security module's error): the receiver's read-only file
 *   could not be opened.  Nothing was sent.
 * - EMFILE: the caller's descriptor table has no room for
 *   &pmp_call.out_nfds more descriptors.  Nothing was sent.
 * - ENOENT: &pmp_call.handle, or a handle among &pmp_call.in_handles, is
 *   not a live handle of this endpoint.
 * - ESHUTDOWN: the host has been told to exit or has gone, or it went
 *   while the caller waited.
 * - EDQUOT: with %PMP_CALL_OBJECT_OUT, the client holds max_objects
 *   handles and slots.
 * - EAGAIN, ETIMEDOUT, EINTR: as for %PMP_IOC_CREATE_OBJECT.
 * - ENOMEM: out of memory.
 */
#define PMP_IOC_CALL		_IOWR(PMP_IOC_MAGIC, 0x07, struct pmp_call)

/**
 * define PMP_IOC_RELEASE - release an object handle
 *
 * Argument: &struct pmp_release.  When no handle of any client refers to
 * the object any more, the host receives %PMP_WORK_RELEASE.  Works after
 * the host has gone.  Nothing is written back.
 *
 * Errors:
 *
 * - ENOTTY: not a pmp file.
 * - EBADFD: the caller is not the endpoint's owner, or the endpoint has
 *   been torn down.
 * - EINVAL: the structure is shorter than %PMP_RELEASE_SIZE_VER0 (16), or
 *   &pmp_release.flags is not 0.
 * - E2BIG: the structure is larger than a page, or larger than the
 *   kernel's with a non-zero tail.
 * - EFAULT: the structure cannot be read.
 * - ENOTCONN: the endpoint is neither host nor client yet.
 * - EOPNOTSUPP: the endpoint is a host endpoint.
 * - ENOENT: &pmp_release.handle is not a live handle of this endpoint.
 */
#define PMP_IOC_RELEASE		_IOW(PMP_IOC_MAGIC, 0x08, struct pmp_release)

/**
 * define PMP_IOC_RECV - take the host's next work item
 *
 * Argument: &struct pmp_recv.  Blocks until there is work, unless the file
 * is O_NONBLOCK; poll() reports EPOLLIN when there is.  Several threads may
 * receive at once; each item goes to one of them.  On any error the item
 * stays queued.
 *
 * Errors:
 *
 * - ENOTTY: not a pmp file.
 * - EBADFD: the caller is not the endpoint's owner, or the endpoint has
 *   been torn down, before the call or while it waited.
 * - EINVAL: the structure is shorter than %PMP_RECV_SIZE_VER0 (104), or
 *   &pmp_recv.flags, an output field or &pmp_recv.reserved is not 0.
 * - E2BIG: the structure is larger than a page, or larger than the
 *   kernel's with a non-zero tail.
 * - EFAULT: the structure cannot be read or written, or the payload or the
 *   descriptor numbers cannot be written.
 * - ENOTCONN: the endpoint is neither host nor client yet.
 * - EOPNOTSUPP: the endpoint is a client endpoint.
 * - EAGAIN: O_NONBLOCK, and no work is queued.
 * - ESHUTDOWN: no work is queued and the host has been told to exit.
 * - EMSGSIZE: the buffer, the descriptor or the object slots are too small
 *   for the next item; &pmp_recv.buf_size, &pmp_recv.nfds and
 *   &pmp_recv.nobjs are written back with what it needs.
 * - EMFILE: the caller's descriptor table has no room for the item's
 *   descriptors.
 * - EINTR: a signal arrived while the caller waited for work (with an
 *   SA_RESTART handler the call is restarted instead).
 */
#define PMP_IOC_RECV		_IOWR(PMP_IOC_MAGIC, 0x09, struct pmp_recv)

/**
 * define PMP_IOC_REPLY - answer a CREATE or CALL work item
 *
 * Argument: &struct pmp_reply.  Any host thread may answer any transaction
 * once.  The structure is written back unchanged before anything happens,
 * so that the host learns what became of the object it hands.
 *
 * Errors:
 *
 * - ENOTTY: not a pmp file.
 * - EBADFD: the caller is not the endpoint's owner, or the endpoint has
 *   been torn down.
 * - EINVAL: the structure is shorter than %PMP_REPLY_SIZE_VER0 (64);
 *   &pmp_reply.flags has an unknown bit, or %PMP_REPLY_FDS_WRITABLE
 *   without %PMP_REPLY_FDS_SHARED; &pmp_reply.reserved,
 *   &pmp_reply.object_id or &pmp_reply.object_new is not 0;
 *   %PMP_REPLY_OBJECT without a cookie, or a cookie without it; or the
 *   reply does not fit what it answers: an object where none may go, none
 *   where one must, or a payload or descriptors in the answer to a CREATE.
 * - E2BIG: the structure is larger than a page, or larger than the
 *   kernel's with a non-zero tail.
 * - EFAULT: the structure, the payload or the descriptor array cannot be
 *   read, or the structure cannot be written back (checked before anything
 *   happens; should the final write-back fail, the reply has been
 *   delivered and the host does not learn &pmp_reply.object_new).
 * - EMSGSIZE: &pmp_reply.buf_size is over max_payload or &pmp_reply.nfds
 *   over %PMP_FDS_MAX (checked before the state of the endpoint), or the
 *   reply carries more bytes or descriptors than the client can take.
 * - ENOTCONN: the endpoint is neither host nor client yet.
 * - EOPNOTSUPP: the endpoint is a client endpoint.
 * - EBADF: an entry of &pmp_reply.fds_ptr is not an open descriptor.
 * - EPERM: an entry of &pmp_reply.fds_ptr may not be sent (as for
 *   %PMP_IOC_CALL, with %PMP_REPLY_FDS_SHARED); the transaction stays
 *   answerable.
 * - ENFILE (or a security module's error): as for %PMP_IOC_CALL; the
 *   transaction stays answerable.
 * - EAGAIN: the host's user is at its max_user_bytes; the transaction
 *   stays answerable.
 * - ENOMEM: out of memory.
 * - ENOENT: no transaction with that id is waiting for this host's answer:
 *   it does not exist, has not been received yet, or has been answered
 *   already.
 * - ECANCELED: the client gave up on the transaction (timeout, fatal signal
 *   or teardown); nothing of the reply is kept, the host still owns what it
 *   tried to send, and the reply is counted in replies_discarded.
 */
#define PMP_IOC_REPLY		_IOWR(PMP_IOC_MAGIC, 0x0a, struct pmp_reply)

/**
 * define PMP_IOC_LIST_HOSTS - describe the hosts the caller may see
 *
 * Argument: &struct pmp_list_hosts.  Works on any endpoint the caller owns,
 * of any kind (ABI version 3).
 * A caller sees the hosts whose owner is visible in its pid namespace and
 * that were registered under its effective uid; with CAP_SYS_ADMIN, every
 * host visible in its pid namespace.  Hosts are listed by increasing id.
 *
 * Errors:
 *
 * - ENOTTY: not a pmp file, or a kernel before ABI version 3.
 * - EBADFD: the caller is not the endpoint's owner.
 * - EINVAL: the structure is shorter than %PMP_LIST_HOSTS_SIZE_VER0 (24);
 *   &pmp_list_hosts.flags or &pmp_list_hosts.count is not 0; or
 *   &pmp_list_hosts.entry_size is below %PMP_HOST_ENTRY_SIZE_VER0 or above
 *   a page.
 * - E2BIG: the structure is larger than a page, or larger than the
 *   kernel's with a non-zero tail.
 * - EFAULT: the structure cannot be read or written, or the entries cannot
 *   be written.
 * - ENOMEM: out of memory.
 */
#define PMP_IOC_LIST_HOSTS	_IOWR(PMP_IOC_MAGIC, 0x0b, struct pmp_list_hosts)

#endif /* _UAPI_LINUX_PMP_H */
