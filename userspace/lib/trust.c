// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * trust.c - whether a file may be trusted: its owner, mode and digest
 *
 * Files are judged through a descriptor, never by name twice: what was
 * checked is what gets read, hashed and loaded, whatever happens to the
 * name meanwhile.  Digests come from OpenSSL's libcrypto.
 */

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include <openssl/evp.h>

#include "cleanup.h"
#include "trust.h"

/**
 * pmp_trust_open - open a regular file, checking who may change it
 * @dirfd: directory @path is relative to, or AT_FDCWD
 * @path: the file
 * @strict: the file must also be owned by root and not be writable by its
 *	group or by others
 *
 * Never blocks on a FIFO: the open is non-blocking, and only regular files
 * pass.
 *
 * Return: the descriptor (O_CLOEXEC), -EPERM when the file fails the
 * checks, or the error of open().
 */
int pmp_trust_open(int dirfd, const char *path, bool strict)
{
	_cleanup_close_ int fd = -1;
	struct stat st;

	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st))
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EPERM;
	if (strict && (st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH))))
		return -EPERM;
	return take_fd(&fd);
}

/**
 * pmp_trust_sha256 - the SHA-256 digest of a file's content
 * @fd: the file, read from its current offset to its end
 * @digest: receives the digest
 *
 * Return: 0, -ENOMEM, -EIO (libcrypto failed), or the error of read().
 */
int pmp_trust_sha256(int fd, uint8_t digest[PMP_SHA256_SIZE])
{
	unsigned int len = 0;
	uint8_t buf[16384];
	EVP_MD_CTX *ctx;
	int ret = 0;
	ssize_t n;

	ctx = EVP_MD_CTX_new();
	if (!ctx)
		return -ENOMEM;
	if (!EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		ret = -EIO;
		goto out;
	}
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = -errno;
			goto out;
		}
		if (!n)
			break;
		if (!EVP_DigestUpdate(ctx, buf, n)) {
			ret = -EIO;
			goto out;
		}
	}
	if (!EVP_DigestFinal_ex(ctx, digest, &len) || len != PMP_SHA256_SIZE)
		ret = -EIO;
out:
	EVP_MD_CTX_free(ctx);
	return ret;
}
