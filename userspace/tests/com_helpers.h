/* SPDX-License-Identifier: GPL-2.0 */
/*
 * com_helpers.h - HRESULT assertions, sealed memfds and AES-128-CTR for the
 * COM API tests
 *
 * Include it after defining _GNU_SOURCE and COBJMACROS.  It brings the
 * kselftest harness in.
 */

#ifndef PMP_COM_HELPERS_H
#define PMP_COM_HELPERS_H

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <openssl/evp.h>

#include <mfidl.h>
#include <mferror.h>
#include <pmpsamples.h>
#include <pmp.h>

/*
 * The harness, copied unchanged, has an unused parameter, and so has every
 * function its TEST() defines.
 */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"

static inline long long helpers_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/*
 * Waits up to @ms for process @pid to be gone; 0 when it is.  A pid with
 * no thread group left (EINVAL: it is being reaped) is gone too, and a
 * signal does not cut the wait short.
 */
static inline int wait_gone(pid_t pid, unsigned int ms)
{
	long long deadline = helpers_now_ms() + ms, left;
	int pidfd = syscall(SYS_pidfd_open, pid, 0);
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
	int ret;

	if (pidfd < 0)
		return errno == ESRCH || errno == EINVAL ? 0 : -1;
	do {
		left = deadline - helpers_now_ms();
		ret = poll(&pfd, 1, left > 0 ? (int)left : 0);
	} while (ret < 0 && errno == EINTR);
	close(pidfd);
	return ret == 1 ? 0 : -1;
}

/*
 * A class registered with a digest that matches nothing (the build tree's
 * registry/test-untrusted.class; the VM test writes its own).
 */
/* {E799E593-7154-493D-8A6D-1BB36FA7B2C4} */
static const CLSID CLSID_PmpTestUntrusted = {
	0xe799e593, 0x7154, 0x493d,
	{ 0x8a, 0x6d, 0x1b, 0xb3, 0x6f, 0xa7, 0xb2, 0xc4 }
};

/* A class nobody registered. */
static const CLSID CLSID_PmpTestUnknown = {
	0x00112233, 0x4455, 0x6677,
	{ 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff }
};

/* An interface no pmp class implements, and no pair carries. */
static const IID IID_PmpTestNothing = {
	0x0badf00d, 0x1234, 0x5678,
	{ 0x9a, 0xbc, 0xde, 0xf0, 0x12, 0x34, 0x56, 0x78 }
};

/*
 * PMP_REGISTRY_DIR, unless the caller chose one: the build tree's registry,
 * ../components/registry next to the test program.
 */
static inline void default_registry_dir(void)
{
	char exe[PATH_MAX], dir[PATH_MAX + 32];
	ssize_t len;

	if (getenv("PMP_REGISTRY_DIR"))
		return;
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len <= 0)
		return;
	exe[len] = '\0';
	snprintf(dir, sizeof(dir), "%s/../components/registry", dirname(exe));
	setenv("PMP_REGISTRY_DIR", dir, 1);
}

/* Asserts that @call returned the HRESULT @want, printed in hex. */
#define ASSERT_HR(want, call) do { \
	HRESULT __want = (want); \
	HRESULT __hr = (call); \
	ASSERT_EQ(__want, __hr) \
		TH_LOG("%s: expected 0x%08x, got 0x%08x", #call, \
		       (unsigned int)__want, (unsigned int)__hr); \
} while (0)

#define EXPECT_HR(want, call) do { \
	HRESULT __want = (want); \
	HRESULT __hr = (call); \
	EXPECT_EQ(__want, __hr) \
		TH_LOG("%s: expected 0x%08x, got 0x%08x", #call, \
		       (unsigned int)__want, (unsigned int)__hr); \
} while (0)

/* A pointer no successful call would return, to see outputs cleared. */
#define POISON ((void *)0x5a5a5a5a5a5a5a5aull)

/*
 * Asserts that @server fails to create @clsid as @iid with the HRESULT
 * @want, and clears the object pointer.
 */
#define ASSERT_CREATE_FAILS(want, server, clsid, iid) do { \
	void *__obj = POISON; \
	ASSERT_HR(want, IMFPMPServer_CreateObjectByCLSID(server, clsid, iid, \
							 &__obj)); \
	ASSERT_EQ(NULL, __obj); \
} while (0)

/* A memfd holding @size bytes of @data, sealed with @seals. */
static inline int sealed_memfd(const void *data, size_t size,
			       unsigned int seals)
{
	int fd = memfd_create("pmp-test", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0)
		return -1;
	if (write(fd, data, size) != (ssize_t)size ||
	    (seals && fcntl(fd, F_ADD_SEALS, seals))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads all of a memfd into @buf (at most @cap bytes); its size or -1. */
static inline ssize_t read_memfd(int fd, void *buf, size_t cap)
{
	struct stat st;

	if (fstat(fd, &st) || (size_t)st.st_size > cap)
		return -1;
	if (pread(fd, buf, st.st_size, 0) != st.st_size)
		return -1;
	return st.st_size;
}

/* AES-128-CTR with OpenSSL, as a content packager would encrypt. */
static inline int aes_ctr_encrypt(const BYTE key[16], const BYTE iv[16],
				  const void *in, void *out, int size)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int len = 0, fin = 0, ok;

	if (!ctx)
		return -1;
	ok = EVP_EncryptInit_ex(ctx, EVP_aes_128_ctr(), NULL, key, iv) &&
	     EVP_EncryptUpdate(ctx, out, &len, in, size) &&
	     EVP_EncryptFinal_ex(ctx, (unsigned char *)out + len, &fin);
	EVP_CIPHER_CTX_free(ctx);
	return ok && len + fin == size ? 0 : -1;
}

/* ---- the ClearKey decryptor, in any server ---- */

struct clearkey {
	BYTE kid[16];
	BYTE key[16];
	BYTE iv[16];
};

static inline IPmpClearKeyDecryptor *
new_decryptor(struct __test_metadata *_metadata, IMFPMPServer *server)
{
	IPmpClearKeyDecryptor *dec = NULL;

	ASSERT_HR(S_OK, IMFPMPServer_CreateObjectByCLSID(
				server, &CLSID_PmpClearKeyDecryptor,
				&IID_IPmpClearKeyDecryptor, (void **)&dec));
	return dec;
}

/*
 * Asserts that @dec, which lacks the key, refuses @size bytes of @clear
 * encrypted with @ck, and that once given the key it decrypts them into a
 * memfd sealed every way; returns that memfd.  @buf has room for @size
 * bytes: the encrypted ones, then the decrypted ones.
 */
static inline int assert_decrypts(struct __test_metadata *_metadata,
				  IPmpClearKeyDecryptor *dec,
				  const struct clearkey *ck, const char *clear,
				  char *buf, size_t size)
{
	int in_fd, out_fd = -2;

	ASSERT_EQ(0, aes_ctr_encrypt(ck->key, ck->iv, clear, buf, size));
	in_fd = sealed_memfd(buf, size,
			     F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE);
	ASSERT_LE(0, in_fd);
	ASSERT_HR(MF_E_NOT_FOUND,
		  IPmpClearKeyDecryptor_Decrypt(dec, ck->kid, ck->iv, in_fd,
						size, &out_fd));
	ASSERT_EQ(-1, out_fd);
	ASSERT_HR(S_OK, IPmpClearKeyDecryptor_SetKey(dec, ck->kid, ck->key));
	ASSERT_HR(S_OK, IPmpClearKeyDecryptor_Decrypt(dec, ck->kid, ck->iv,
						      in_fd, size, &out_fd));
	ASSERT_LE(0, out_fd);
	ASSERT_EQ((ssize_t)size, read_memfd(out_fd, buf, size));
	ASSERT_EQ(0, memcmp(clear, buf, size));
	ASSERT_EQ(F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL,
		  fcntl(out_fd, F_GET_SEALS));
	close(in_fd);
	return out_fd;
}

/*
 * Asserts that @dec refuses with E_INVALIDARG input that could change
 * under the cipher: @size bytes of @data in a memfd sealed against
 * shrinking only.
 */
static inline void assert_refuses_writable(struct __test_metadata *_metadata,
					   IPmpClearKeyDecryptor *dec,
					   const struct clearkey *ck,
					   const char *data, size_t size)
{
	int fd, out_fd = -2;

	fd = sealed_memfd(data, size, F_SEAL_SHRINK);
	ASSERT_LE(0, fd);
	ASSERT_HR(E_INVALIDARG,
		  IPmpClearKeyDecryptor_Decrypt(dec, ck->kid, ck->iv, fd, size,
						&out_fd));
	ASSERT_EQ(-1, out_fd);
	close(fd);
}

#endif /* PMP_COM_HELPERS_H */
