// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cenc.c - Common Encryption 'cenc' sample decryption with OpenSSL's
 * libcrypto (AES-128-CTR)
 *
 * libcrypto's CTR mode carries into the whole 128-bit counter, CENC's
 * stops at the low 64 bits: each sample's protected stream is cut where
 * its block counter wraps, and goes on from a counter whose low half is
 * zero.  No sample of real size gets there from an 8-byte IV; a 16-byte IV
 * may start anywhere.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "cenc.h"

#define CENC_BLOCK 16
/* EVP_DecryptUpdate() takes an int length. */
#define CENC_CHUNK (1u << 30)

struct pmp_cenc {
	EVP_CIPHER_CTX *ctx;
};

/* One sample's protected bytes, as one CTR stream. */
struct cenc_stream {
	EVP_CIPHER_CTX *ctx;
	uint8_t counter[CENC_BLOCK];
	/* Bytes until the block counter wraps; UINT64_MAX: not in reach. */
	uint64_t to_wrap;
};

static EVP_CIPHER *aes_128_ctr;

/*
 * Fetched when the component is loaded, before a sandboxed host installs
 * its seccomp filter, so that no later call reads OpenSSL's configuration;
 * kept for the life of the process.
 */
__attribute__((constructor)) static void cenc_fetch_cipher(void)
{
	aes_128_ctr = EVP_CIPHER_fetch(NULL, "AES-128-CTR", NULL);
}

int pmp_cenc_new(const uint8_t key[PMP_CENC_KEY_SIZE], struct pmp_cenc **out)
{
	struct pmp_cenc *c;

	if (!key || !out)
		return -EINVAL;
	if (!aes_128_ctr)
		return -EIO;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->ctx = EVP_CIPHER_CTX_new();
	if (!c->ctx) {
		free(c);
		return -ENOMEM;
	}
	if (!EVP_DecryptInit_ex2(c->ctx, aes_128_ctr, key, NULL, NULL)) {
		pmp_cenc_free(c);
		return -EIO;
	}
	*out = c;
	return 0;
}

void pmp_cenc_free(struct pmp_cenc *c)
{
	if (!c)
		return;
	/* Clears the key schedule (OPENSSL_clear_free in the provider). */
	EVP_CIPHER_CTX_free(c->ctx);
	OPENSSL_cleanse(c, sizeof(*c));
	free(c);
}

static uint64_t low_counter(const uint8_t counter[CENC_BLOCK])
{
	uint64_t v = 0;

	for (int i = 8; i < CENC_BLOCK; i++)
		v = v << 8 | counter[i];
	return v;
}

/* Loads @s->counter into libcrypto and computes where it wraps. */
static int start_stream(struct cenc_stream *s)
{
	uint64_t low = low_counter(s->counter);
	uint64_t blocks = -low; /* 2^64 - low, for low != 0 */

	if (!EVP_DecryptInit_ex2(s->ctx, NULL, NULL, s->counter, NULL))
		return -EIO;
	if (!low || blocks > UINT64_MAX / CENC_BLOCK)
		s->to_wrap = UINT64_MAX;
	else
		s->to_wrap = blocks * CENC_BLOCK;
	return 0;
}

static int crypt_stream(struct cenc_stream *s, const uint8_t *in,
			uint8_t *out, size_t n)
{
	while (n) {
		size_t chunk = n < CENC_CHUNK ? n : CENC_CHUNK;
		int len, err;

		if (chunk > s->to_wrap)
			chunk = s->to_wrap;
		if (!EVP_DecryptUpdate(s->ctx, out, &len, in, (int)chunk) ||
		    (size_t)len != chunk)
			return -EIO;
		in += chunk;
		out += chunk;
		n -= chunk;
		if (s->to_wrap != UINT64_MAX)
			s->to_wrap -= chunk;
		if (!s->to_wrap) {
			/* A block boundary: restart from the wrapped counter. */
			memset(s->counter + 8, 0, CENC_BLOCK - 8);
			err = start_stream(s);
			if (err)
				return err;
		}
	}
	return 0;
}

static bool overlap(const uint8_t *a, const uint8_t *b, size_t size)
{
	uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;

	return x < y ? y - x < size : x - y < size;
}

/* The map's counts must add up to exactly @size. */
static int check_map(const struct pmp_cenc_subsample *sub, size_t nsub,
		     size_t size)
{
	size_t total = 0;

	if (nsub && !sub)
		return -EINVAL;
	for (size_t i = 0; i < nsub; i++) {
		if (__builtin_add_overflow(total, sub[i].clear_bytes, &total) ||
		    __builtin_add_overflow(total, sub[i].protected_bytes,
					   &total))
			return -EINVAL;
	}
	return nsub && total != size ? -EINVAL : 0;
}

int pmp_cenc_decrypt(struct pmp_cenc *c, const uint8_t *iv, size_t iv_size,
		     const struct pmp_cenc_subsample *sub, size_t nsub,
		     const uint8_t *in, uint8_t *out, size_t size)
{
	struct cenc_stream s = { 0 };
	int err;

	if (!c || !iv || !in || !out || (iv_size != 8 && iv_size != 16))
		return -EINVAL;
	if (in != out && overlap(in, out, size))
		return -EINVAL;
	err = check_map(sub, nsub, size);
	if (err)
		return err;

	s.ctx = c->ctx;
	memcpy(s.counter, iv, iv_size);
	err = start_stream(&s);
	if (!err && !nsub)
		err = crypt_stream(&s, in, out, size);
	for (size_t i = 0; !err && i < nsub; i++) {
		size_t clear = sub[i].clear_bytes;

		if (out != in)
			memcpy(out, in, clear);
		in += clear;
		out += clear;
		err = crypt_stream(&s, in, out, sub[i].protected_bytes);
		in += sub[i].protected_bytes;
		out += sub[i].protected_bytes;
	}
	OPENSSL_cleanse(&s, sizeof(s));
	return err;
}
