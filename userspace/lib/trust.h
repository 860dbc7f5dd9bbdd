/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * trust.h - whether a file may be trusted: its owner, mode and digest
 *
 * Internal to libpmp.
 */

#ifndef PMP_LIB_TRUST_H
#define PMP_LIB_TRUST_H

#include <stdbool.h>
#include <stdint.h>

#define PMP_SHA256_SIZE 32

int pmp_trust_open(int dirfd, const char *path, bool strict);
int pmp_trust_sha256(int fd, uint8_t digest[PMP_SHA256_SIZE]);

#endif /* PMP_LIB_TRUST_H */
