/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * keys.h - ClearKey licenses and the key store of a PMP media session
 * (not installed)
 *
 * A license is the W3C Encrypted Media Extensions' Clear Key license
 * format: a JSON object whose "keys" member is an array of JSON Web Keys
 * {"kty":"oct","kid":ID,"k":KEY}, ID and KEY 16 bytes each in base64url,
 * with an optional "type":"temporary" (Documentation/userspace-api/mf.rst,
 * "ClearKey licenses", says what is refused and why).  Keys come only
 * through these calls, never from a file, the environment or a log, and
 * every copy of a key libpmp makes is wiped with OPENSSL_cleanse() before
 * its memory is given up.
 */

#ifndef PMP_LIB_MF_KEYS_H
#define PMP_LIB_MF_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "pmpmedia.h"


/* A CENC key id and an AES-128 key. */
#define PMP_CLEARKEY_KID_SIZE 16
#define PMP_CLEARKEY_KEY_SIZE 16
/* JWKs in one license: far more than the tracks of any presentation. */
#define PMP_CLEARKEY_KEYS_MAX 64
/* Bytes of one license: 64 JWKs with room for members pmp skips. */
#define PMP_CLEARKEY_LICENSE_MAX 65536
/* Open objects and arrays at once, the license object counted. */
#define PMP_CLEARKEY_DEPTH_MAX 16
/* Keys in one store, over all its updates. */
#define PMP_KEY_STORE_KEYS_MAX 256

/**
 * struct pmp_clearkey - one key of a license
 * @kid: the key id, its bytes in the order a CENC file stores them
 * @key: the AES-128 key
 */
struct pmp_clearkey {
	uint8_t kid[PMP_CLEARKEY_KID_SIZE];
	uint8_t key[PMP_CLEARKEY_KEY_SIZE];
};

/**
 * pmp_clearkey_parse - read a ClearKey license
 * @json: the license, UTF-8 JSON; no terminating NUL needed
 * @len: its bytes; nothing past them is read
 * @keys: receives the keys, each key id once, in the order of the key
 *	id's first JWK; a later JWK of the same key id gives the key
 * @max: room at @keys
 * @count: receives how many keys were written
 *
 * On failure nothing is written to @keys and *@count is 0.
 *
 * Return: 0; -EINVAL when an argument is NULL, or the license is empty,
 * longer than PMP_CLEARKEY_LICENSE_MAX, not strict JSON (RFC 8259, UTF-8)
 * or not a license; -ENOSPC when it is a license of more than @max keys.
 */
int pmp_clearkey_parse(const char *json, size_t len, struct pmp_clearkey *keys,
		       size_t max, size_t *count);

/**
 * pmp_key_store_create - a new, empty key store
 * @out: receives it, with one reference
 *
 * Return: S_OK, E_POINTER or E_OUTOFMEMORY.
 */
HRESULT pmp_key_store_create(IPmpKeyStore **out);

/**
 * pmp_key_store_update - add a license's keys to a store
 * @store: a store of pmp_key_store_create()'s
 * @license: the license, a NUL-terminated string
 *
 * A key id the store has already gets the license's key, and the old key
 * is wiped.  Either every key of the license is in the store afterwards
 * or, on failure, the store is as it was.
 *
 * Return: S_OK; E_POINTER for a NULL argument; E_INVALIDARG for a store
 * of another implementation or a malformed license (pmp_clearkey_parse());
 * E_NOT_SUFFICIENT_BUFFER when the store would hold more than
 * PMP_KEY_STORE_KEYS_MAX keys.
 */
HRESULT pmp_key_store_update(IPmpKeyStore *store, const char *license);

/**
 * pmp_key_store_wipe - forget and wipe every key of a store
 * @store: a store of pmp_key_store_create()'s; anything else is ignored
 */
void pmp_key_store_wipe(IPmpKeyStore *store);

#endif /* PMP_LIB_MF_KEYS_H */
