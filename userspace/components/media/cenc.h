/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cenc.h - ISO/IEC 23001-7 Common Encryption, scheme 'cenc' (AES-128-CTR),
 * sample decryption for the host's media components
 *
 * One context holds one content key.  A sample is decrypted whole, or by
 * its subsample map: pairs of byte counts, clear then protected, in the
 * order they come in the sample.  The protected ranges of one sample are
 * one CTR stream: the keystream runs on from the end of one protected
 * range to the start of the next, and starts afresh from the sample's IV
 * with the next sample.
 *
 * The counter block is the IV: an 8-byte IV fills its high 8 bytes and its
 * low 8 bytes start at zero; a 16-byte IV is the whole block.  Either way
 * the low 8 bytes are a 64-bit block counter that wraps to zero without
 * carrying into the high 8 (ISO/IEC 23001-7:2016, 9.3).
 *
 * A context may be used by one thread at a time.
 */
#ifndef PMP_MEDIA_CENC_H
#define PMP_MEDIA_CENC_H

#include <stddef.h>
#include <stdint.h>

#define PMP_CENC_KEY_SIZE 16
#define PMP_CENC_KID_SIZE 16

/*
 * One subsample: @clear_bytes copied as they are, then @protected_bytes
 * decrypted (ISO's BytesOfClearData and BytesOfProtectedData).  Media
 * Foundation's MFSampleExtension_Encryption_SubSample_Mapping is an array
 * of these, as pairs of 32-bit counts.
 */
struct pmp_cenc_subsample {
	uint32_t clear_bytes;
	uint32_t protected_bytes;
};

struct pmp_cenc;

/**
 * pmp_cenc_new() - a decryption context for one content key
 * @key: the 16-byte AES-128 key
 * @out: the new context
 *
 * Return: 0, or -EINVAL (@key or @out NULL), -ENOMEM, or -EIO (libcrypto
 * has no AES-128-CTR or refused the key).
 */
int pmp_cenc_new(const uint8_t key[PMP_CENC_KEY_SIZE], struct pmp_cenc **out);

/**
 * pmp_cenc_free() - wipe the key and free the context; NULL is ignored
 * @c: the context
 */
void pmp_cenc_free(struct pmp_cenc *c);

/**
 * pmp_cenc_decrypt() - decrypt one sample
 * @c:       the context holding the sample's key
 * @iv:      the sample's IV
 * @iv_size: 8 or 16
 * @sub:     the subsample map, or NULL when @nsub is 0
 * @nsub:    its entries; 0 for full-sample encryption
 * @in:      the encrypted sample, @size bytes
 * @out:     where the clear sample goes, @size bytes: @in itself (in
 *           place) or a buffer that does not overlap it
 * @size:    the sample's size
 *
 * The map is checked whole before a byte is written: its counts must add
 * up to exactly @size.  On an error, @out holds nothing of the sample
 * when the map was refused, and may hold part of it when libcrypto
 * failed.
 *
 * Return: 0, or -EINVAL (an argument NULL, @iv_size not 8 or 16, the
 * map's counts not adding up to @size or overflowing, @in and @out
 * overlapping without being equal), or -EIO (libcrypto failed).
 */
int pmp_cenc_decrypt(struct pmp_cenc *c, const uint8_t *iv, size_t iv_size,
		     const struct pmp_cenc_subsample *sub, size_t nsub,
		     const uint8_t *in, uint8_t *out, size_t size);

#endif /* PMP_MEDIA_CENC_H */
