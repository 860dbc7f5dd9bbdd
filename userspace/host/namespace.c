// SPDX-License-Identifier: GPL-2.0
/*
 * namespace.c - pmphost's namespaces: an empty root, no network, no
 * shared IPC
 *
 * Made once the components are loaded and before the capabilities are
 * dropped, in the main thread while it is the only one (unshare() of a
 * user or mount namespace refuses a threaded process).  First a user
 * namespace of the host's own, which is what lets an ordinary user make
 * the others; where the kernel refuses it (kernel.unprivileged_userns_clone
 * = 0, user.max_user_namespaces = 0), a host that holds CAP_SYS_ADMIN makes
 * them with its own privileges, and any other goes on without them.  Each
 * namespace is made on its own, so that one the kernel refuses costs only
 * its own layer.  Everything the host uses later is open already: its
 * endpoint, its log and report descriptors, its components' code.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/syscall.h>

#include "cleanup.h"
#include "harden.h"
#include "layers.h"
#include "log.h"
#include "namespace.h"

/*
 * Where the empty root is mounted before it becomes the root: a directory
 * every system has.  The mount is private to the new namespace.
 */
#define EMPTY_ROOT_AT "/tmp"

/* Writes @text to the /proc/self file @name. */
static int write_proc_self(const char *name, const char *text)
{
	_cleanup_close_ int fd = -1;
	char path[64];
	size_t len = strlen(text);
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/%s", name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, text, len);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

/*
 * Maps the host's one user and group id, @uid and @gid as they were
 * before the new user namespace (in it they read as the overflow id until
 * mapped), to themselves and nothing else: files keep their owners, and
 * the namespace's capabilities reach only namespaces it owns.  setgroups
 * is denied first, as the kernel requires of an unprivileged gid_map.
 */
static int map_ids(uid_t uid, gid_t gid)
{
	char map[64];
	int ret;

	ret = write_proc_self("setgroups", "deny");
	snprintf(map, sizeof(map), "%u %u 1\n", uid, uid);
	ret = ret ?: write_proc_self("uid_map", map);
	snprintf(map, sizeof(map), "%u %u 1\n", gid, gid);
	return ret ?: write_proc_self("gid_map", map);
}

/*
 * A mount namespace whose root is an empty, read-only tmpfs: the old
 * root is detached, so no path names a file any more (a new open() finds
 * nothing, and neither does a stat() of a path).  Mounts are made private
 * first, so that nothing done here reaches the namespace left behind.
 */
static int make_empty_root(void)
{
	const unsigned long flags =
		MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC;

	if (unshare(CLONE_NEWNS))
		return -errno;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return -errno;
	if (mount("pmphost", EMPTY_ROOT_AT, "tmpfs", flags,
		  "mode=0555,size=4k,nr_inodes=1"))
		return -errno;
	/* pivot_root(".", "."): the old root ends up stacked on the new. */
	if (chdir(EMPTY_ROOT_AT) || syscall(SYS_pivot_root, ".", "."))
		return -errno;
	if (umount2(".", MNT_DETACH) || chdir("/"))
		return -errno;
	return 0;
}

static void log_failure(const char *what, int err)
{
	host_log("no %s: %s", what, host_errname(err));
}

/**
 * host_unshare - put the host into namespaces of its own, where it can
 *
 * The host's layers are the PMPHOST_LAYER_* bits of those it made; each
 * one missing is logged with the kernel's reason.  A failure in the middle
 * of making the empty root leaves the host with the old root: it goes on
 * without PMPHOST_LAYER_MOUNTNS, as when the namespace could not be made.
 *
 * Return: the PMPHOST_LAYERS_NS bits of the namespaces made.
 */
unsigned int host_unshare(void)
{
	uid_t uid = getuid();
	gid_t gid = getgid();
	unsigned int layers = 0;
	int ret;

	if (unshare(CLONE_NEWUSER)) {
		log_failure("user namespace", -errno);
		/* Root makes the others with its own privileges. */
		if (!host_has_cap(CAP_SYS_ADMIN))
			return 0;
	} else {
		/* Unmapped ids leave the layer missing; the others follow. */
		ret = map_ids(uid, gid);
		if (!ret)
			layers |= PMPHOST_LAYER_USERNS;
		else
			log_failure("user namespace id maps", ret);
	}

	ret = make_empty_root();
	if (!ret)
		layers |= PMPHOST_LAYER_MOUNTNS;
	else
		log_failure("empty mount namespace", ret);
	if (!unshare(CLONE_NEWNET))
		layers |= PMPHOST_LAYER_NETNS;
	else
		log_failure("network namespace", -errno);
	if (!unshare(CLONE_NEWIPC))
		layers |= PMPHOST_LAYER_IPCNS;
	else
		log_failure("IPC namespace", -errno);
	return layers;
}
