// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sys.c - every call libpmp makes to pmp.ko, and its errors
 *
 * All of the library's ioctls go through this file, and every result
 * through sys_rc(), the one place where a failed call becomes a negative
 * errno.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "cleanup.h"
#include "sys.h"

/* The result of a system call: its value, or the negative errno. */
static int sys_rc(long ret)
{
	return ret < 0 ? -errno : (int)ret;
}

static int sys_ioctl(int fd, unsigned long cmd, void *arg)
{
	int ret;

	do
		ret = sys_rc(ioctl(fd, cmd, arg));
	while (ret == -EINTR && cmd != PMP_IOC_RECV);
	return ret;
}

/**
 * pmp_abi_check - whether this library speaks a module's ABI version
 * @version: what PMP_IOC_VERSION returned, or its negative errno
 *
 * Return: 0 for version 3 and later, -EPROTO for anything else (an older
 * module, or a device that does not answer PMP_IOC_VERSION).
 */
int pmp_abi_check(int version)
{
	return version >= PMP_LIB_ABI_VERSION ? 0 : -EPROTO;
}

/**
 * pmp_sys_open - open a new endpoint and check the module's ABI version
 * @version: if not NULL, receives the version the module reported (0 when
 *	it reported none)
 *
 * The version is checked on every open: the module may have been replaced
 * since the last one.
 *
 * Return: the descriptor (O_CLOEXEC), or -ENODEV (no /dev/pmp: the module
 * is not loaded), -EPROTO (an ABI this library does not speak), -EACCES,
 * -ENOMEM, -EMFILE...
 */
int pmp_sys_open(int *version)
{
	_cleanup_close_ int fd = -1;
	int ret;

	fd = sys_rc(open(PMP_DEVICE, O_RDWR | O_CLOEXEC));
	if (fd == -ENOENT || fd == -ENXIO)
		return -ENODEV;
	if (fd < 0)
		return fd;

	ret = sys_ioctl(fd, PMP_IOC_VERSION, NULL);
	if (version)
		*version = ret > 0 ? ret : 0;
	ret = pmp_abi_check(ret);
	return ret ? ret : take_fd(&fd);
}

/**
 * pmp_sys_host_register - PMP_IOC_HOST_REGISTER
 * @fd: a new endpoint
 * @flags: PMP_HOST_UNPROTECTED or 0
 * @missing: receives what the caller lacks (also on -EPERM)
 * @host_id: receives the new host's id
 *
 * Return: 0, -EPERM, -EISCONN, -ENOMEM, -ENOSPC, -EBADFD.
 */
int pmp_sys_host_register(int fd, uint32_t flags, uint32_t *missing,
			  uint64_t *host_id)
{
	struct pmp_host_register reg = { .flags = flags };
	int ret;

	ret = sys_ioctl(fd, PMP_IOC_HOST_REGISTER, &reg);
	if (!ret || ret == -EPERM)
		*missing = reg.missing;
	if (!ret)
		*host_id = reg.host_id;
	return ret;
}

/**
 * pmp_sys_connect - PMP_IOC_CONNECT
 * @fd: a new endpoint
 * @host_id: the host
 * @flags: PMP_CONNECT_OTHER_UID or 0 (a module before ABI 5 refuses it)
 *
 * Return: 0, -ECONNREFUSED, -EACCES, -EPERM, -EISCONN, -ENOMEM, -EBADFD,
 * -EINVAL.
 */
int pmp_sys_connect(int fd, uint64_t host_id, uint32_t flags)
{
	struct pmp_connect conn = { .host_id = host_id, .flags = flags };

	return sys_ioctl(fd, PMP_IOC_CONNECT, &conn);
}

/**
 * pmp_sys_lock - PMP_IOC_LOCK
 *
 * Return: 0, -ESHUTDOWN, -EOVERFLOW, -EBADFD, -ENOTCONN, -EOPNOTSUPP.
 */
int pmp_sys_lock(int fd)
{
	return sys_ioctl(fd, PMP_IOC_LOCK, NULL);
}

/**
 * pmp_sys_unlock - PMP_IOC_UNLOCK
 *
 * Return: 0, -ENOLCK, -ESHUTDOWN, -EBADFD, -ENOTCONN, -EOPNOTSUPP.
 */
int pmp_sys_unlock(int fd)
{
	return sys_ioctl(fd, PMP_IOC_UNLOCK, NULL);
}

/**
 * pmp_sys_info - PMP_IOC_INFO
 * @info: filled in (zeroed first, as the kernel requires)
 *
 * Return: 0, -ENOTCONN, -ESHUTDOWN, -EBADFD.
 */
int pmp_sys_info(int fd, struct pmp_info *info)
{
	memset(info, 0, sizeof(*info));
	return sys_ioctl(fd, PMP_IOC_INFO, info);
}

/**
 * pmp_sys_create - PMP_IOC_CREATE_OBJECT
 *
 * Return: 0 (the host's answer is in @create), -ESHUTDOWN, -ETIMEDOUT,
 * -EDQUOT, -EAGAIN, -EBADFD, -ENOMEM, -EINTR (a fatal signal).
 */
int pmp_sys_create(int fd, struct pmp_create *create)
{
	return sys_ioctl(fd, PMP_IOC_CREATE_OBJECT, create);
}

/**
 * pmp_sys_call - PMP_IOC_CALL
 *
 * Return: 0 (the host's answer is in @call), or the errors of
 * pmp_sys_create() and -ENOENT, -EMSGSIZE, -EBADF, -EPERM, -EMFILE.
 */
int pmp_sys_call(int fd, struct pmp_call *call)
{
	return sys_ioctl(fd, PMP_IOC_CALL, call);
}

/**
 * pmp_sys_release - PMP_IOC_RELEASE
 *
 * Return: 0, -ENOENT, -EBADFD.
 */
int pmp_sys_release(int fd, uint64_t handle)
{
	struct pmp_release rel = { .handle = handle };

	return sys_ioctl(fd, PMP_IOC_RELEASE, &rel);
}

/**
 * pmp_sys_recv - PMP_IOC_RECV
 *
 * Not restarted after a signal: a host thread may be interrupted on
 * purpose.
 *
 * Return: 0, -ESHUTDOWN, -EMSGSIZE, -EAGAIN, -EINTR, -EMFILE, -EBADFD.
 */
int pmp_sys_recv(int fd, struct pmp_recv *recv)
{
	return sys_ioctl(fd, PMP_IOC_RECV, recv);
}

/**
 * pmp_sys_reply - PMP_IOC_REPLY
 *
 * Return: 0, -ECANCELED, -ENOENT, -EINVAL, -EMSGSIZE, -EBADF, -EPERM,
 * -EBADFD.
 */
int pmp_sys_reply(int fd, struct pmp_reply *reply)
{
	return sys_ioctl(fd, PMP_IOC_REPLY, reply);
}

/**
 * pmp_sys_list_hosts - PMP_IOC_LIST_HOSTS
 *
 * Return: 0 (@list->count is how many hosts the caller may see), -EINVAL,
 * -EFAULT, -ENOMEM.
 */
int pmp_sys_list_hosts(int fd, struct pmp_list_hosts *list)
{
	return sys_ioctl(fd, PMP_IOC_LIST_HOSTS, list);
}

/**
 * pmp_sys_hung_up - whether an endpoint's host has gone
 *
 * Return: 1 when poll() reports hang-up, 0 when not, -EBADFD when the
 * endpoint is not the caller's.
 */
int pmp_sys_hung_up(int fd)
{
	struct pollfd pfd = { .fd = fd };
	int ret;

	do
		ret = sys_rc(poll(&pfd, 1, 0));
	while (ret == -EINTR);
	if (ret < 0)
		return ret;
	if (pfd.revents & (POLLERR | POLLNVAL))
		return -EBADFD;
	return !!(pfd.revents & POLLHUP);
}

/**
 * pmp_sys_max_payload - the module's max_payload, from sysfs
 *
 * Return: the most bytes one call's (or reply's) payload may carry, or 0
 * when the parameter cannot be read (no module, no sysfs).
 */
size_t pmp_sys_max_payload(void)
{
	char buf[32] = "";
	int fd = open(PMP_MAX_PAYLOAD_PARAM, O_RDONLY | O_CLOEXEC);
	long n = 0;

	if (fd >= 0) {
		if (read(fd, buf, sizeof(buf) - 1) > 0)
			n = strtol(buf, NULL, 10);
		close(fd);
	}
	return n > 0 ? (size_t)n : 0;
}
