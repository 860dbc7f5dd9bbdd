/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * secure_buffer.h - IMFMediaBuffer for clear media in libpmp-media.so:
 * memfd_secret() memory while the process may lock more, else anonymous
 * memory kept out of core dumps and out of forked children
 *
 * Every decrypted sample and decoded picture the media components make
 * lives in one of these.  Each buffer is its own mapping, whole pages:
 *
 * - memfd_secret() memory (Linux 5.14; 6.1 needs secretmem.enable=1):
 *   removed from the kernel's direct map, so that neither the kernel's
 *   own accesses on another process's behalf nor ptrace-class interfaces
 *   reach it.  Its pages are locked and count against RLIMIT_MEMLOCK,
 *   which a host without CAP_IPC_LOCK cannot raise: the mmap() that would
 *   pass the limit fails, and the buffer falls back.  MADV_DONTFORK keeps
 *   the shared mapping out of a forked child.
 * - otherwise anonymous private memory marked MADV_DONTDUMP (no core
 *   dump carries it) and MADV_WIPEONFORK (a child sees zeros).
 *
 * A buffer's mapping may be kept for a later buffer of about its size (a
 * small pool, kept while a media transform lives); a pooled mapping is
 * wiped before anyone but a caller that overwrites it all sees it, and
 * before it is unmapped (secure_buffer.c says why not as each buffer goes).
 *
 * A buffer never moves: Lock hands out the same address each time and
 * needs no count, as libpmp's memory buffers.
 */

#ifndef PMP_COMPONENTS_SECURE_BUFFER_H
#define PMP_COMPONENTS_SECURE_BUFFER_H

#include <stdbool.h>
#include <stdint.h>

#include "mfobjects.h"

/**
 * struct pmp_media_memory - the clear media libpmp-media.so holds
 * @secret_buffers: buffers in memfd_secret() memory, now
 * @secret_bytes: their mapped bytes
 * @fallback_buffers: buffers in the fallback memory, now
 * @fallback_bytes: their mapped bytes
 * @secret_made: buffers made in memfd_secret() memory since the component
 *	was loaded
 * @fallback_made: and in the fallback memory
 * @pool_bytes: mapped bytes of both kinds kept for the next buffers
 *	while a media transform lives (secret ones still count against
 *	RLIMIT_MEMLOCK)
 */
struct pmp_media_memory {
	uint64_t secret_buffers;
	uint64_t secret_bytes;
	uint64_t fallback_buffers;
	uint64_t fallback_bytes;
	uint64_t secret_made;
	uint64_t fallback_made;
	uint64_t pool_bytes;
};

/**
 * pmp_media_memory_stats() - which memory holds the process's clear media
 * @out: the counts, all of one moment
 *
 * Exported by libpmp-media.so (media.map) for its host to report: the
 * registry's handle on the component finds it with dlsym().
 */
void pmp_media_memory_stats(struct pmp_media_memory *out);

/**
 * secure_buffer_create() - a buffer of @max_length bytes, all zero, its
 * current length 0
 * @max_length: its size
 * @out: the buffer, with one reference
 *
 * @secret: if not NULL, whether the buffer is in memfd_secret() memory
 *
 * Return: S_OK, E_POINTER, or E_OUTOFMEMORY (neither memory could be
 * mapped, or the fallback could not be marked).
 */
HRESULT secure_buffer_create(DWORD max_length, IMFMediaBuffer **out,
			     bool *secret);

/**
 * secure_buffer_create_to_fill() - as secure_buffer_create(), but its
 * bytes are unspecified: earlier clear media of this process
 * @max_length: its size
 * @out: the buffer, with one reference
 * @secret: as secure_buffer_create()'s
 *
 * Only for a caller that writes all @max_length bytes before it reads
 * any or hands the buffer on (a failed fill releases it unread).
 *
 * Return: as secure_buffer_create().
 */
HRESULT secure_buffer_create_to_fill(DWORD max_length, IMFMediaBuffer **out,
				     bool *secret);

/**
 * secure_buffer_use() - a media transform begins: keep released mappings
 * for reuse
 *
 * Each call is matched by one secure_buffer_unuse(), when the transform
 * goes.
 */
void secure_buffer_use(void);

/**
 * secure_buffer_unuse() - a media transform is gone; after the last, every
 * pooled mapping is wiped and unmapped, and so is each buffer released
 * from then on
 */
void secure_buffer_unuse(void);

#endif /* PMP_COMPONENTS_SECURE_BUFFER_H */
