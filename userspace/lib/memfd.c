// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * memfd.c - bytes handed to another process in a sealed memfd
 *
 * The reader trusts only the seals it sees itself: a memfd whose sender
 * kept the right to write, grow or shrink it could change the bytes while
 * they are parsed, or truncate them under a mapping.  Reading with pread()
 * into a private copy, rather than mapping, keeps every later check on
 * bytes no one else can touch.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/uio.h>

#include "cleanup.h"
#include "memfd.h"

#define MEMFD_READ_SEALS (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)
#define MEMFD_NEW_SEALS (MEMFD_READ_SEALS | F_SEAL_SEAL)

/* Writes (@out) or reads all @size bytes at @offset of @fd. */
static int transfer_all(int fd, char *buf, size_t size, off_t offset, bool out)
{
	size_t done = 0;
	ssize_t n;

	while (done < size) {
		n = out ? pwrite(fd, buf + done, size - done, offset + done)
			: pread(fd, buf + done, size - done, offset + done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (!n)
			return -EIO;
		done += n;
	}
	return 0;
}

int pmp_memfd_seal_newv(const struct iovec *iov, size_t count, int *fd)
{
	_cleanup_close_ int mfd = -1;
	size_t total = 0, i;
	int ret;

	if (!fd)
		return -EINVAL;
	*fd = -1;
	for (i = 0; i < count; i++) {
		if ((!iov[i].iov_base && iov[i].iov_len) ||
		    iov[i].iov_len > (size_t)SSIZE_MAX - total)
			return -EINVAL;
		total += iov[i].iov_len;
	}
	if (!total)
		return -EINVAL;
	mfd = memfd_create("pmp", MFD_ALLOW_SEALING | MFD_CLOEXEC);
	if (mfd < 0)
		return -errno;
	for (i = 0, total = 0; i < count; total += iov[i++].iov_len) {
		ret = transfer_all(mfd, iov[i].iov_base, iov[i].iov_len, total,
				   true);
		if (ret)
			return ret;
	}
	if (fcntl(mfd, F_ADD_SEALS, MEMFD_NEW_SEALS))
		return -errno;
	*fd = take_fd(&mfd);
	return 0;
}

int pmp_memfd_seal_new(const void *buf, size_t size, int *fd)
{
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = size };

	if (fd)
		*fd = -1;
	if (!buf)
		return -EINVAL;
	return pmp_memfd_seal_newv(&iov, 1, fd);
}

int pmp_memfd_check(int fd, size_t size, size_t max)
{
	off_t end;
	int seals;

	if (!size || size > max || fd < 0)
		return -EINVAL;
	/*
	 * EINVAL from F_GET_SEALS: not a memfd (or not sealable).  What
	 * answers it is a regular file of shmem or hugetlbfs, whose size
	 * lseek() gives: fstat() would be newfstatat, which pmphost's filter
	 * traps and emulates (a signal per call).  The offset moved is this
	 * descriptor's; every read here is a pread().
	 */
	seals = fcntl(fd, F_GET_SEALS);
	if (seals < 0 || (seals & MEMFD_READ_SEALS) != MEMFD_READ_SEALS)
		return -EINVAL;
	end = lseek(fd, 0, SEEK_END);
	if (end < 0 || (unsigned long long)end < size)
		return -EINVAL;
	return 0;
}

int pmp_memfd_read_at(int fd, void *buf, size_t size, off_t offset)
{
	return transfer_all(fd, buf, size, offset, false);
}

int pmp_memfd_read(int fd, size_t size, size_t max, void **buf)
{
	int ret;
	char *p;

	if (!buf)
		return -EINVAL;
	*buf = NULL;
	ret = pmp_memfd_check(fd, size, max);
	if (ret)
		return ret;
	p = malloc(size);
	if (!p)
		return -ENOMEM;
	ret = transfer_all(fd, p, size, 0, false);
	if (ret) {
		free(p);
		return ret;
	}
	*buf = p;
	return 0;
}
