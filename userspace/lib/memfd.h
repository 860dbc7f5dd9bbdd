/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * memfd.h - bytes handed to another process in a sealed memfd (not
 * installed)
 *
 * The receiver of such a memfd can trust that its content cannot change
 * under it: pmp_memfd_read() accepts only a memfd sealed against writing,
 * growing and shrinking, whatever the sender promised.
 */

#ifndef PMP_LIB_MEMFD_H
#define PMP_LIB_MEMFD_H

#include <stddef.h>
#include <sys/types.h>

struct iovec;

/*
 * pmp_memfd_seal_new - a new memfd holding @size bytes of @buf, sealed with
 * F_SEAL_SHRINK, F_SEAL_GROW, F_SEAL_WRITE and F_SEAL_SEAL; *@fd is -1 on
 * failure.  Return: 0, -EINVAL (@size 0), -ENOMEM, or memfd_create's error.
 */
int pmp_memfd_seal_new(const void *buf, size_t size, int *fd);

/*
 * pmp_memfd_seal_newv - pmp_memfd_seal_new() of the @count pieces at @iov,
 * one after the other, written from where they are (a piece may be empty,
 * not all of them).  Return: as pmp_memfd_seal_new().
 */
int pmp_memfd_seal_newv(const struct iovec *iov, size_t count, int *fd);

/*
 * pmp_memfd_check - whether @fd is a memfd sealed against writing, growing
 * and shrinking and at least @size bytes long, @size from 1 to @max: the
 * checks of pmp_memfd_read(), for a reader that reads the parts itself
 * (pmp_memfd_read_at()).  Return: 0, or -EINVAL.
 */
int pmp_memfd_check(int fd, size_t size, size_t max);

/*
 * pmp_memfd_read_at - @size bytes at @offset of @fd, which
 * pmp_memfd_check() took, into @buf.  Return: 0, -EIO (the end came
 * first), or pread's error.
 */
int pmp_memfd_read_at(int fd, void *buf, size_t size, off_t offset);

/*
 * pmp_memfd_read - a malloc()ed copy of the first @size bytes of @fd,
 * which must be a memfd sealed against writing, growing and shrinking and
 * at least @size bytes long.  Return: 0, -EINVAL (not such a memfd, too
 * short, @size 0 or larger than @max), -ENOMEM, or a read error.
 */
int pmp_memfd_read(int fd, size_t size, size_t max, void **buf);

#endif /* PMP_LIB_MEMFD_H */
