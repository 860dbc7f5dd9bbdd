// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * keys.c - ClearKey licenses (pmp_clearkey_parse) and the key store of a
 * PMP media session (IPmpKeyStore)
 *
 * A license comes from the application, so the parser trusts none of it:
 * it is a strict RFC 8259 reader (UTF-8 checked, every escape decoded,
 * nesting bounded by PMP_CLEARKEY_DEPTH_MAX, nothing read past the length
 * it is given) that understands the license object and its JWKs and skips
 * every other member after checking that it is JSON.  A license is taken
 * whole or not at all.  Key bytes, and the base64url text they come from,
 * are wiped with OPENSSL_cleanse() from every buffer that held them, the
 * parser's included; no key is ever logged.
 *
 * Locking: a store's @lock guards its keys; GetKey holds it shared, so
 * that decryptors on several threads look keys up at once, and update and
 * wipe hold it exclusively.  Nothing else is taken or called under it.
 */

#define COBJMACROS
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "mferror.h"

#include "keys.h"
#include "mf.h"

/* Unpadded base64url of 16 bytes: 128 bits in 6-bit digits. */
#define B64_KEY_LEN ((PMP_CLEARKEY_KEY_SIZE * 4 + 2) / 3)
/* Room for the longest member name or string value the parser compares. */
#define WORD_CAP 16

/* The license, @p the next byte to read. */
struct json {
	const unsigned char *p;
	const unsigned char *end;
	unsigned int depth;
};

/*
 * A string's decoded UTF-8 bytes: the first @cap go to @buf, all are
 * counted in @len, so that "too long" is told from a match.
 */
struct jstr {
	unsigned char *buf;
	size_t cap;
	size_t len;
};

static void skip_space(struct json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
				 *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

/* Consumes @c if it comes next after whitespace. */
static bool eat(struct json *j, unsigned char c)
{
	skip_space(j);
	if (j->p == j->end || *j->p != c)
		return false;
	j->p++;
	return true;
}

static void put_byte(struct jstr *s, unsigned int c)
{
	if (s->len < s->cap)
		s->buf[s->len] = c;
	s->len++;
}

static void put_utf8(struct jstr *s, uint32_t cp)
{
	if (cp < 0x80) {
		put_byte(s, cp);
		return;
	}
	if (cp < 0x800) {
		put_byte(s, 0xc0 | cp >> 6);
	} else if (cp < 0x10000) {
		put_byte(s, 0xe0 | cp >> 12);
		put_byte(s, 0x80 | (cp >> 6 & 0x3f));
	} else {
		put_byte(s, 0xf0 | cp >> 18);
		put_byte(s, 0x80 | (cp >> 12 & 0x3f));
		put_byte(s, 0x80 | (cp >> 6 & 0x3f));
	}
	put_byte(s, 0x80 | (cp & 0x3f));
}

/* The four hex digits of a \u escape; -1 when they are not. */
static int32_t read_hex4(struct json *j)
{
	uint32_t v = 0;
	unsigned int c;
	int i;

	if (j->end - j->p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		c = j->p[i];
		if (c >= '0' && c <= '9')
			v = v << 4 | (c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v = v << 4 | ((c | 0x20) - 'a' + 10);
		else
			return -1;
	}
	j->p += 4;
	return v;
}

/*
 * An escape, its backslash read.  A \u escape of a UTF-16 surrogate must
 * be a high one followed by a low one: a lone half is no character.
 */
static int read_escape(struct json *j, struct jstr *s)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e;
	int32_t cp, lo;

	if (j->p == j->end)
		return -EINVAL;
	if (*j->p != 'u') {
		e = *j->p ? strchr(from, *j->p) : NULL;
		if (!e)
			return -EINVAL;
		j->p++;
		put_byte(s, (unsigned char)to[e - from]);
		return 0;
	}
	j->p++;
	cp = read_hex4(j);
	if (cp < 0 || (cp >= 0xdc00 && cp <= 0xdfff))
		return -EINVAL;
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (j->end - j->p < 2 || j->p[0] != '\\' || j->p[1] != 'u')
			return -EINVAL;
		j->p += 2;
		lo = read_hex4(j);
		if (lo < 0xdc00 || lo > 0xdfff)
			return -EINVAL;
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	put_utf8(s, cp);
	return 0;
}

/*
 * A multi-byte UTF-8 character as RFC 3629 allows it: no overlong form,
 * no surrogate, nothing above U+10FFFF.
 */
static int read_utf8(struct json *j, struct jstr *s)
{
	static const uint32_t min_of[] = { [2] = 0x80, [3] = 0x800,
					   [4] = 0x10000 };
	unsigned int c = *j->p, n, i;
	uint32_t cp;

	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return -EINVAL;
	cp = c & (0x7f >> n);
	if ((size_t)(j->end - j->p) < n)
		return -EINVAL;
	for (i = 1; i < n; i++) {
		if ((j->p[i] & 0xc0) != 0x80)
			return -EINVAL;
		cp = cp << 6 | (j->p[i] & 0x3f);
	}
	if (cp < min_of[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -EINVAL;
	for (i = 0; i < n; i++)
		put_byte(s, j->p[i]);
	j->p += n;
	return 0;
}

/* A string, decoded into @s; control characters (NUL too) must be escaped. */
static int read_string(struct json *j, struct jstr *s)
{
	unsigned int c;
	int ret;

	s->len = 0;
	if (!eat(j, '"'))
		return -EINVAL;
	for (;;) {
		if (j->p == j->end)
			return -EINVAL;
		c = *j->p;
		if (c == '"') {
			j->p++;
			return 0;
		}
		if (c < 0x20)
			return -EINVAL;
		if (c == '\\') {
			j->p++;
			ret = read_escape(j, s);
		} else if (c >= 0x80) {
			ret = read_utf8(j, s);
		} else {
			put_byte(s, c);
			j->p++;
			ret = 0;
		}
		if (ret)
			return ret;
	}
}

static bool jstr_is(const struct jstr *s, const char *word)
{
	size_t n = strlen(word);

	return s->len == n && n <= s->cap && !memcmp(s->buf, word, n);
}

static bool eat_digits(struct json *j)
{
	const unsigned char *start = j->p;

	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p != start;
}

/* A number as RFC 8259's grammar has it; its value is never needed. */
static int skip_number(struct json *j)
{
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (!eat_digits(j))
		return -EINVAL;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (!eat_digits(j))
			return -EINVAL;
	}
	if (j->p < j->end && (*j->p | 0x20) == 'e') {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (!eat_digits(j))
			return -EINVAL;
	}
	return 0;
}

static int skip_word(struct json *j, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n))
		return -EINVAL;
	j->p += n;
	return 0;
}

typedef int (*member_fn)(struct json *j, const struct jstr *name, void *ctx);
typedef int (*element_fn)(struct json *j, void *ctx);

/*
 * The items of an object or an array between @open and @close, separated
 * by commas: @item is called with each next, and reads it.
 */
static int read_items(struct json *j, unsigned char open, unsigned char close,
		      element_fn item, void *ctx)
{
	int ret;

	if (!eat(j, open) || ++j->depth > PMP_CLEARKEY_DEPTH_MAX)
		return -EINVAL;
	if (eat(j, close))
		goto out;
	do {
		ret = item(j, ctx);
		if (ret)
			return ret;
	} while (eat(j, ','));
	if (!eat(j, close))
		return -EINVAL;
out:
	j->depth--;
	return 0;
}

struct object_reader {
	member_fn member;
	void *ctx;
};

/* A member: its name, a colon, and its value, which the reader reads. */
static int read_member(struct json *j, void *arg)
{
	const struct object_reader *r = arg;
	unsigned char buf[WORD_CAP];
	struct jstr name = { .buf = buf, .cap = sizeof(buf) };
	int ret;

	ret = read_string(j, &name);
	if (!ret && !eat(j, ':'))
		ret = -EINVAL;
	return ret ? ret : r->member(j, &name, r->ctx);
}

/* An object: @member is called with each member's name, the value next. */
static int read_object(struct json *j, member_fn member, void *ctx)
{
	struct object_reader r = { .member = member, .ctx = ctx };

	return read_items(j, '{', '}', read_member, &r);
}

static int read_array(struct json *j, element_fn element, void *ctx)
{
	return read_items(j, '[', ']', element, ctx);
}

static int skip_value(struct json *j);

static int skip_member(struct json *j, const struct jstr *name, void *ctx)
{
	(void)name;
	(void)ctx;
	return skip_value(j);
}

static int skip_element(struct json *j, void *ctx)
{
	(void)ctx;
	return skip_value(j);
}

/* Any value, checked to be JSON and thrown away. */
static int skip_value(struct json *j)
{
	struct jstr none = { 0 };

	skip_space(j);
	if (j->p == j->end)
		return -EINVAL;
	switch (*j->p) {
	case '"':
		return read_string(j, &none);
	case '{':
		return read_object(j, skip_member, NULL);
	case '[':
		return read_array(j, skip_element, NULL);
	case 't':
		return skip_word(j, "true");
	case 'f':
		return skip_word(j, "false");
	case 'n':
		return skip_word(j, "null");
	default:
		return skip_number(j);
	}
}

/*
 * All ones when @lo <= @c <= @hi, else 0, without a branch: both
 * differences are negative only inside the range.
 */
static int in_range(int c, int lo, int hi)
{
	return ((lo - 1 - c) & (c - hi - 1)) >> 8;
}

/*
 * The value of base64url digit @c, or -1.  Branch-free, as the digits are
 * key material: the time taken says nothing about them.
 */
static int b64url_digit(int c)
{
	int v = -1;

	v += in_range(c, 'A', 'Z') & (c - 'A' + 1);
	v += in_range(c, 'a', 'z') & (c - 'a' + 27);
	v += in_range(c, '0', '9') & (c - '0' + 53);
	v += in_range(c, '-', '-') & 63;
	v += in_range(c, '_', '_') & 64;
	return v;
}

/*
 * @s as base64url (RFC 4648, section 5) of exactly @n bytes, into @out.
 * JWK's base64url has no padding, and the bits past the last byte must be
 * zero (the canonical encoding of section 3.5), so that a key id has one
 * spelling.
 */
static int b64url_decode(const struct jstr *s, uint8_t *out, size_t n)
{
	unsigned int acc = 0, bits = 0, bad = 0;
	size_t i, o = 0;
	int d;

	if (s->len != (n * 4 + 2) / 3 || s->len > s->cap)
		return -EINVAL;
	for (i = 0; i < s->len; i++) {
		d = b64url_digit(s->buf[i]);
		bad |= d >> 8;
		acc = (acc << 6 | (d & 0x3f)) & 0xffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = acc >> bits;
		}
	}
	bad |= acc & ((1u << bits) - 1);
	OPENSSL_cleanse(&acc, sizeof(acc));
	return bad ? -EINVAL : 0;
}

static struct pmp_clearkey *find_kid(struct pmp_clearkey *keys, size_t n,
				     const uint8_t *kid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!memcmp(keys[i].kid, kid, PMP_CLEARKEY_KID_SIZE))
			return &keys[i];
	return NULL;
}

/*
 * Gives @key's id @key's key in @keys: the old key is wiped first, or the
 * key is appended (the caller has made room).
 */
static void merge_key(struct pmp_clearkey *keys, size_t *n,
		      const struct pmp_clearkey *key)
{
	struct pmp_clearkey *slot = find_kid(keys, *n, key->kid);

	if (slot)
		OPENSSL_cleanse(slot->key, sizeof(slot->key));
	else
		slot = &keys[(*n)++];
	memcpy(slot, key, sizeof(*slot));
}

/**
 * struct license - what the parser has read of a license
 * @keys: the keys, @count of them, each key id once
 * @jwks: the JWKs read, duplicates counted
 * @have_keys: the "keys" member was read
 * @have_type: the "type" member was read
 */
struct license {
	struct pmp_clearkey keys[PMP_CLEARKEY_KEYS_MAX];
	size_t count;
	size_t jwks;
	bool have_keys;
	bool have_type;
};

struct jwk {
	struct pmp_clearkey key;
	bool have_kty;
	bool have_kid;
	bool have_k;
};

/* A member of a known name, read once: JWK (RFC 7517) refuses repeats. */
static int once(bool *seen)
{
	if (*seen)
		return -EINVAL;
	*seen = true;
	return 0;
}

/* A "kid" or "k": a string, base64url of 16 bytes. */
static int read_b64_member(struct json *j, bool *seen, uint8_t *out)
{
	unsigned char buf[B64_KEY_LEN];
	struct jstr s = { .buf = buf, .cap = sizeof(buf) };
	int ret = once(seen);

	if (!ret)
		ret = read_string(j, &s);
	if (!ret)
		ret = b64url_decode(&s, out, PMP_CLEARKEY_KEY_SIZE);
	OPENSSL_cleanse(buf, sizeof(buf));
	return ret;
}

/* A member whose value must be the string @word. */
static int read_word_member(struct json *j, bool *seen, const char *word)
{
	unsigned char buf[WORD_CAP];
	struct jstr s = { .buf = buf, .cap = sizeof(buf) };
	int ret = once(seen);

	if (!ret)
		ret = read_string(j, &s);
	if (!ret && !jstr_is(&s, word))
		ret = -EINVAL;
	return ret;
}

static int jwk_member(struct json *j, const struct jstr *name, void *ctx)
{
	struct jwk *jwk = ctx;

	if (jstr_is(name, "kid"))
		return read_b64_member(j, &jwk->have_kid, jwk->key.kid);
	if (jstr_is(name, "k"))
		return read_b64_member(j, &jwk->have_k, jwk->key.key);
	if (jstr_is(name, "kty"))
		return read_word_member(j, &jwk->have_kty, "oct");
	return skip_value(j);
}

static int license_jwk(struct json *j, void *ctx)
{
	struct license *l = ctx;
	struct jwk jwk = { 0 };
	int ret = -EINVAL;

	if (l->jwks++ < PMP_CLEARKEY_KEYS_MAX)
		ret = read_object(j, jwk_member, &jwk);
	if (!ret && !(jwk.have_kty && jwk.have_kid && jwk.have_k))
		ret = -EINVAL;
	if (!ret)
		merge_key(l->keys, &l->count, &jwk.key);
	OPENSSL_cleanse(&jwk, sizeof(jwk));
	return ret;
}

/*
 * "type", when present, must be "temporary": pmp keeps keys in memory for
 * one session only, so a license for any other session type is refused.
 */
static int license_member(struct json *j, const struct jstr *name, void *ctx)
{
	struct license *l = ctx;
	int ret;

	if (jstr_is(name, "keys")) {
		ret = once(&l->have_keys);
		return ret ? ret : read_array(j, license_jwk, l);
	}
	if (jstr_is(name, "type"))
		return read_word_member(j, &l->have_type, "temporary");
	return skip_value(j);
}

int pmp_clearkey_parse(const char *json, size_t len, struct pmp_clearkey *keys,
		       size_t max, size_t *count)
{
	struct json j = {
		.p = (const unsigned char *)json,
		.end = (const unsigned char *)json + len,
	};
	struct license l = { 0 };
	int ret;

	if (!count)
		return -EINVAL;
	*count = 0;
	if (!json || !len || len > PMP_CLEARKEY_LICENSE_MAX || (!keys && max))
		return -EINVAL;
	ret = read_object(&j, license_member, &l);
	if (!ret && !l.count)
		ret = -EINVAL;
	if (!ret) {
		skip_space(&j);
		if (j.p != j.end)
			ret = -EINVAL;
	}
	if (!ret && l.count > max)
		ret = -ENOSPC;
	if (!ret) {
		memcpy(keys, l.keys, l.count * sizeof(*keys));
		*count = l.count;
	}
	OPENSSL_cleanse(&l, sizeof(l));
	return ret;
}

/**
 * struct key_store - a session's keys, for its decryptors
 * @IPmpKeyStore_iface: the interface
 * @refcount: its references
 * @lock: guards @count and @keys
 * @count: keys in @keys
 * @keys: each key id once; in the object itself, so that no key is ever
 *	left behind in memory a reallocation gave up
 */
struct key_store {
	IPmpKeyStore IPmpKeyStore_iface;
	atomic_long refcount;
	pthread_rwlock_t lock;
	size_t count;
	struct pmp_clearkey keys[PMP_KEY_STORE_KEYS_MAX];
};

static const IPmpKeyStoreVtbl key_store_vtbl;

/* Our store behind @iface, or NULL for another implementation's. */
static struct key_store *impl_from_IPmpKeyStore(IPmpKeyStore *iface)
{
	if (iface->lpVtbl != &key_store_vtbl)
		return NULL;
	return (struct key_store *)iface;
}

static HRESULT STDMETHODCALLTYPE key_store_QueryInterface(IPmpKeyStore *iface,
							  REFIID riid,
							  void **ppv)
{
	return pmp_query_one(iface, riid, &IID_IPmpKeyStore, ppv);
}

static ULONG STDMETHODCALLTYPE key_store_AddRef(IPmpKeyStore *iface)
{
	struct key_store *s = (struct key_store *)iface;

	return atomic_fetch_add(&s->refcount, 1) + 1;
}

static ULONG STDMETHODCALLTYPE key_store_Release(IPmpKeyStore *iface)
{
	struct key_store *s = (struct key_store *)iface;
	long n = atomic_fetch_sub(&s->refcount, 1) - 1;

	if (!n) {
		OPENSSL_cleanse(s->keys, sizeof(s->keys));
		pthread_rwlock_destroy(&s->lock);
		free(s);
	}
	return n;
}

/* A miss zeroes @key, so that no caller goes on with stale bytes. */
static HRESULT STDMETHODCALLTYPE key_store_GetKey(IPmpKeyStore *iface,
						  const BYTE kid[16],
						  BYTE key[16])
{
	struct key_store *s = (struct key_store *)iface;
	struct pmp_clearkey *found;

	if (!kid || !key)
		return E_POINTER;
	pthread_rwlock_rdlock(&s->lock);
	found = find_kid(s->keys, s->count, kid);
	if (found)
		memcpy(key, found->key, PMP_CLEARKEY_KEY_SIZE);
	else
		memset(key, 0, PMP_CLEARKEY_KEY_SIZE);
	pthread_rwlock_unlock(&s->lock);
	return found ? S_OK : MF_E_LICENSE_REQUIRED;
}

static const IPmpKeyStoreVtbl key_store_vtbl = {
	key_store_QueryInterface,
	key_store_AddRef,
	key_store_Release,
	key_store_GetKey,
};

HRESULT pmp_key_store_create(IPmpKeyStore **out)
{
	struct key_store *s;

	if (!out)
		return E_POINTER;
	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return E_OUTOFMEMORY;
	if (pthread_rwlock_init(&s->lock, NULL)) {
		free(s);
		return E_OUTOFMEMORY;
	}
	s->IPmpKeyStore_iface.lpVtbl = &key_store_vtbl;
	s->refcount = 1;
	*out = &s->IPmpKeyStore_iface;
	return S_OK;
}

HRESULT pmp_key_store_update(IPmpKeyStore *store, const char *license)
{
	struct pmp_clearkey keys[PMP_CLEARKEY_KEYS_MAX];
	size_t n, i, fresh = 0;
	struct key_store *s;
	HRESULT hr = S_OK;

	if (!store || !license)
		return E_POINTER;
	s = impl_from_IPmpKeyStore(store);
	if (!s)
		return E_INVALIDARG;
	/* One byte more than a license may have: pmp_clearkey_parse refuses. */
	if (pmp_clearkey_parse(license,
			       strnlen(license, PMP_CLEARKEY_LICENSE_MAX + 1),
			       keys, PMP_CLEARKEY_KEYS_MAX, &n))
		return E_INVALIDARG;
	pthread_rwlock_wrlock(&s->lock);
	for (i = 0; i < n; i++)
		if (!find_kid(s->keys, s->count, keys[i].kid))
			fresh++;
	if (s->count + fresh > PMP_KEY_STORE_KEYS_MAX)
		hr = E_NOT_SUFFICIENT_BUFFER;
	for (i = 0; SUCCEEDED(hr) && i < n; i++)
		merge_key(s->keys, &s->count, &keys[i]);
	pthread_rwlock_unlock(&s->lock);
	OPENSSL_cleanse(keys, sizeof(keys));
	return hr;
}

void pmp_key_store_wipe(IPmpKeyStore *store)
{
	struct key_store *s = store ? impl_from_IPmpKeyStore(store) : NULL;

	if (!s)
		return;
	pthread_rwlock_wrlock(&s->lock);
	OPENSSL_cleanse(s->keys, sizeof(s->keys));
	s->count = 0;
	pthread_rwlock_unlock(&s->lock);
}
