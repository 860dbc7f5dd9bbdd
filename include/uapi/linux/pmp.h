/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * pmp - protected media path host: user space API of /dev/pmp
 *
 * Every open file of /dev/pmp is an endpoint owned by the process that
 * opened it.  An endpoint becomes either the HOST endpoint of a PMP process
 * (PMP_IOC_HOST_REGISTER) or a CLIENT of one host (PMP_IOC_CONNECT).
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
#define PMP_ABI_VERSION 1

/* clang-format off */

/**
 * DOC: host registration flags
 *
 * %PMP_HOST_UNPROTECTED: register an unprotected host (Media Foundation's
 * MFPMPSESSION_UNPROTECTED_PROCESS, same value).  It is not required to be
 * hardened and its clients must not trust it with protected content.
 */
#define PMP_HOST_UNPROTECTED		(1U << 0)

/**
 * DOC: hardening properties
 *
 * A protected host must have every one of these properties when it
 * registers.  Each bit names a property the caller LACKS in
 * &pmp_host_register.missing; a property that depends on the thread is
 * required of every thread of the caller.
 *
 * %PMP_HARDEN_NONDUMPABLE: the process is not dumpable (prctl(PR_SET_DUMPABLE,
 * 0)), which also puts ptrace, /proc/PID/mem and process_vm_readv() out of
 * reach of anyone without CAP_SYS_PTRACE.
 * %PMP_HARDEN_NO_NEW_PRIVS: prctl(PR_SET_NO_NEW_PRIVS, 1) is set.
 * %PMP_HARDEN_SECCOMP: the thread runs in seccomp filter mode.
 * %PMP_HARDEN_UNTRACED: the thread is not being ptraced.
 * %PMP_HARDEN_NO_CAP_EFFECTIVE: the effective capability set is empty.
 * %PMP_HARDEN_NO_CAP_PERMITTED: the permitted capability set is empty.
 * %PMP_HARDEN_NO_CAP_INHERITABLE: the inheritable capability set is empty.
 * %PMP_HARDEN_NO_CAP_AMBIENT: the ambient capability set is empty.
 */
#define PMP_HARDEN_NONDUMPABLE		(1U << 0)
#define PMP_HARDEN_NO_NEW_PRIVS		(1U << 1)
#define PMP_HARDEN_SECCOMP		(1U << 2)
#define PMP_HARDEN_UNTRACED		(1U << 3)
#define PMP_HARDEN_NO_CAP_EFFECTIVE	(1U << 4)
#define PMP_HARDEN_NO_CAP_PERMITTED	(1U << 5)
#define PMP_HARDEN_NO_CAP_INHERITABLE	(1U << 6)
#define PMP_HARDEN_NO_CAP_AMBIENT	(1U << 7)

/**
 * DOC: endpoint kinds
 *
 * Reported in &pmp_info.kind.
 */
#define PMP_ENDPOINT_HOST		1
#define PMP_ENDPOINT_CLIENT		2

/* clang-format on */

/**
 * struct pmp_host_register - argument of %PMP_IOC_HOST_REGISTER
 * @flags: in: zero or %PMP_HOST_UNPROTECTED.
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
 * @flags: must be zero.
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
 *
 * Every field but @flags is output only and must be zero on input.
 *
 * @flags: in: must be zero.
 * @kind: %PMP_ENDPOINT_HOST or %PMP_ENDPOINT_CLIENT.
 * @host_id: the host this endpoint is, or is a client of.
 * @host_pid: the host's process id in the caller's pid namespace, 0 when it
 *	is not visible there.
 * @host_flags: the host's registration flags (%PMP_HOST_UNPROTECTED).
 * @host_uid: the uid that registered the host, in the caller's user
 *	namespace (the overflow uid when it does not map).
 * @host_missing: the hardening properties the host lacked at registration
 *	(always zero for a protected host).
 * @clients: number of client endpoints connected to the host.
 * @locks: the host's lock count: the sum of its clients' shares.
 * @own_locks: this endpoint's share of @locks (zero for a host endpoint).
 * @reserved: written as zero.
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
};

#define PMP_INFO_SIZE_VER0 56

#define PMP_IOC_MAGIC 0xB9

/**
 * define PMP_IOC_VERSION - query the ABI version
 *
 * Takes no argument.  Returns %PMP_ABI_VERSION.  Works on any endpoint.
 */
#define PMP_IOC_VERSION		_IO(PMP_IOC_MAGIC, 0x00)

/**
 * define PMP_IOC_HOST_REGISTER - make this endpoint a host
 *
 * Argument: &struct pmp_host_register.  The caller becomes a PMP host; the
 * host lives until this endpoint is torn down (its owner exits or closes it).
 * A protected registration (flags 0) requires every PMP_HARDEN_* property.
 *
 * Errors: EPERM (protected registration by a caller lacking a property; the
 * structure is still written back with @missing set), EISCONN (the endpoint
 * is already a host or a client), ENOMEM, ENOSPC (no host id left).
 */
#define PMP_IOC_HOST_REGISTER	_IOWR(PMP_IOC_MAGIC, 0x01, struct pmp_host_register)

/**
 * define PMP_IOC_CONNECT - make this endpoint a client of a host
 *
 * Argument: &struct pmp_connect.  A caller may connect to a host registered
 * under its own effective uid, or to any host with CAP_SYS_ADMIN; the host's
 * owner must be visible in the caller's pid namespace.
 *
 * Errors: ECONNREFUSED (no live host with that id visible to the caller),
 * EACCES (the host belongs to another uid), EISCONN (already a host or a
 * client).
 */
#define PMP_IOC_CONNECT		_IOW(PMP_IOC_MAGIC, 0x02, struct pmp_connect)

/**
 * define PMP_IOC_LOCK - keep the host from exiting (IMFPMPServer::LockProcess)
 *
 * Takes no argument.  Adds one to this client's share of the host's lock
 * count.  The share is dropped when the endpoint is torn down.
 *
 * Errors: ENOTCONN (not connected), EOPNOTSUPP (a host endpoint), ESHUTDOWN
 * (the host has gone), EOVERFLOW (the share is at its limit, INT_MAX).
 */
#define PMP_IOC_LOCK		_IO(PMP_IOC_MAGIC, 0x03)

/**
 * define PMP_IOC_UNLOCK - drop one lock (IMFPMPServer::UnlockProcess)
 *
 * Takes no argument.  Subtracts one from this client's share.
 *
 * Errors: ENOLCK (this client holds no lock; nothing changes), ENOTCONN,
 * EOPNOTSUPP, ESHUTDOWN as for %PMP_IOC_LOCK.
 */
#define PMP_IOC_UNLOCK		_IO(PMP_IOC_MAGIC, 0x04)

/**
 * define PMP_IOC_INFO - describe this endpoint and its host
 *
 * Argument: &struct pmp_info.
 *
 * Errors: ENOTCONN (neither host nor client yet), ESHUTDOWN (a client whose
 * host has gone).
 */
#define PMP_IOC_INFO		_IOWR(PMP_IOC_MAGIC, 0x05, struct pmp_info)

#endif /* _UAPI_LINUX_PMP_H */
