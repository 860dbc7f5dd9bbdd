// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * marshal.c - packing and unpacking call messages, and the tables of
 * proxy/stub pairs: libpmp's own and the registered ones
 */

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "marshal.h"

/* libpmp's own pairs, generated from its .idl files. */
extern const struct pmp_ps_file pmp_ps_file_unknwn;
extern const struct pmp_ps_file pmp_ps_file_mfidl;
extern const struct pmp_ps_file pmp_ps_file_pmpmedia;

static const struct pmp_ps_file *const builtin_files[] = {
	&pmp_ps_file_unknwn,
	&pmp_ps_file_mfidl,
	&pmp_ps_file_pmpmedia,
};

/*
 * Registered pairs: a list that only grows, published with release
 * stores, so that pmp_ps_find() reads it without the lock.
 */
struct registered_pair {
	const struct pmp_ps_pair *pair;
	struct registered_pair *next;
};

static pthread_mutex_t registered_lock = PTHREAD_MUTEX_INITIALIZER;
static struct registered_pair *registered;

typedef bool pair_match_fn(const struct pmp_ps_pair *pair, const void *key);

/* The first pair, built in then registered, that @match accepts. */
static const struct pmp_ps_pair *find_pair(pair_match_fn *match,
					   const void *key)
{
	const struct pmp_ps_file *file;
	struct registered_pair *r;
	size_t i;
	uint32_t j;

	for (i = 0; i < sizeof(builtin_files) / sizeof(builtin_files[0]); i++) {
		file = builtin_files[i];
		for (j = 0; j < file->count; j++)
			if (match(file->pairs[j], key))
				return file->pairs[j];
	}
	for (r = __atomic_load_n(&registered, __ATOMIC_ACQUIRE); r; r = r->next)
		if (match(r->pair, key))
			return r->pair;
	return NULL;
}

static bool match_iid(const struct pmp_ps_pair *pair, const void *iid)
{
	return IsEqualIID(pair->iid, (const IID *)iid);
}

static bool match_proxy_vtbl(const struct pmp_ps_pair *pair, const void *vtbl)
{
	return pair->proxy_vtbl == vtbl;
}

const struct pmp_ps_pair *pmp_ps_find(const IID *iid)
{
	return find_pair(match_iid, iid);
}

const struct pmp_ps_pair *pmp_ps_find_proxy_vtbl(const void *vtbl)
{
	return find_pair(match_proxy_vtbl, vtbl);
}

PMP_EXPORT int pmp_ps_register(const struct pmp_ps_file *file)
{
	struct registered_pair *r;
	uint32_t i;
	int err = 0;

	if (!file || file->version != PMP_PS_VERSION)
		return -EINVAL;
	pthread_mutex_lock(&registered_lock);
	for (i = 0; i < file->count && !err; i++) {
		if (pmp_ps_find(file->pairs[i]->iid))
			continue;
		r = malloc(sizeof(*r));
		if (!r) {
			err = -ENOMEM;
			break;
		}
		r->pair = file->pairs[i];
		r->next = registered;
		__atomic_store_n(&registered, r, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&registered_lock);
	return err;
}

/* ---- packing ---- */

/* Moves @m to a heap buffer of at least @need bytes, at most @max. */
static bool wmsg_grow(struct pmp_wmsg *m, uint32_t need)
{
	uint32_t cap = m->cap;
	uint8_t *p;

	if (need > m->max)
		return false;
	while (cap < need)
		cap = cap > m->max / 2 ? m->max : cap * 2;
	p = malloc(cap);
	if (!p)
		return false;
	memcpy(p, m->buf, m->size);
	explicit_bzero(m->buf, m->size);
	free(m->heap);
	m->buf = m->heap = p;
	m->cap = cap;
	return true;
}

static uint8_t *wmsg_reserve(struct pmp_wmsg *m, uint32_t n)
{
	uint8_t *p;

	if (!m->overflow && n > m->cap - m->size && n <= UINT32_MAX - m->size &&
	    m->max > m->cap && m->cap)
		wmsg_grow(m, m->size + n);
	if (m->overflow || n > m->cap - m->size) {
		m->overflow = true;
		return NULL;
	}
	p = m->buf + m->size;
	m->size += n;
	return p;
}

void pmp_put_u32(struct pmp_wmsg *m, uint32_t v)
{
	uint8_t *p = wmsg_reserve(m, 4);
	int i;

	if (p)
		for (i = 0; i < 4; i++)
			p[i] = v >> (8 * i);
}

void pmp_put_u64(struct pmp_wmsg *m, uint64_t v)
{
	pmp_put_u32(m, (uint32_t)v);
	pmp_put_u32(m, (uint32_t)(v >> 32));
}

void pmp_put_bytes(struct pmp_wmsg *m, const void *src, uint32_t n)
{
	uint8_t *p = wmsg_reserve(m, n);

	if (p && n)
		memcpy(p, src, n);
}

void pmp_put_guid(struct pmp_wmsg *m, const GUID *guid)
{
	uint8_t b[16];
	int i;

	for (i = 0; i < 4; i++)
		b[i] = guid->Data1 >> (8 * i);
	b[4] = guid->Data2;
	b[5] = guid->Data2 >> 8;
	b[6] = guid->Data3;
	b[7] = guid->Data3 >> 8;
	memcpy(b + 8, guid->Data4, 8);
	pmp_put_bytes(m, b, sizeof(b));
}

void pmp_put_str(struct pmp_wmsg *m, const char *s)
{
	size_t len = strlen(s);

	if (len > UINT32_MAX) {
		m->overflow = true;
		return;
	}
	pmp_put_u32(m, (uint32_t)len);
	pmp_put_bytes(m, s, (uint32_t)len);
}

void pmp_put_blob(struct pmp_wmsg *m, const void *p, uint32_t n)
{
	if (n && !p) {
		m->overflow = true;
		return;
	}
	pmp_put_u32(m, n);
	pmp_put_bytes(m, p, n);
}

void pmp_put_fd(struct pmp_wmsg *m, int fd)
{
	if (m->nfds >= PMP_MAX_FDS || fd < 0) {
		if (m->own_fds && fd >= 0)
			close(fd);
		m->overflow = true;
		return;
	}
	pmp_put_u32(m, m->nfds);
	m->fds[m->nfds++] = fd;
}

void pmp_put_fd_or_none(struct pmp_wmsg *m, int fd)
{
	if (fd < 0)
		pmp_put_u32(m, PMP_NO_FD);
	else
		pmp_put_fd(m, fd);
}

void pmp_put_object(struct pmp_wmsg *m, IUnknown *obj, const IID *iid)
{
	if (m->obj || !obj) {
		if (obj)
			obj->lpVtbl->Release(obj);
		m->overflow = true;
		return;
	}
	m->obj = obj;
	m->obj_iid = iid;
}

void pmp_put_passed(struct pmp_wmsg *m, pmp_obj *obj)
{
	if (!obj) {
		pmp_put_u32(m, PMP_NO_OBJECT);
		return;
	}
	if (m->nobjs >= PMP_MAX_OBJS) {
		m->overflow = true;
		return;
	}
	pmp_put_u32(m, m->nobjs);
	m->objs[m->nobjs++] = obj;
}

void pmp_wmsg_cleanup(struct pmp_wmsg *m)
{
	uint32_t i;

	if (m->own_fds)
		for (i = 0; i < m->nfds; i++)
			close(m->fds[i]);
	m->nfds = 0;
	if (m->obj)
		m->obj->lpVtbl->Release(m->obj);
	m->obj = NULL;
	m->nobjs = 0;
	pmp_wmsg_wipe(m);
}

void pmp_wmsg_wipe(struct pmp_wmsg *m)
{
	if (m->buf)
		explicit_bzero(m->buf, m->size);
	if (m->heap) {
		free(m->heap);
		m->buf = m->heap = NULL;
		m->cap = 0;
	}
	m->size = 0;
}

/* ---- unpacking ---- */

static const uint8_t *rmsg_take(struct pmp_rmsg *m, uint32_t n)
{
	const uint8_t *p;

	if (m->bad || n > m->size - m->pos) {
		m->bad = true;
		return NULL;
	}
	p = m->buf + m->pos;
	m->pos += n;
	return p;
}

uint32_t pmp_get_u32(struct pmp_rmsg *m)
{
	const uint8_t *p = rmsg_take(m, 4);

	if (!p)
		return 0;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

uint64_t pmp_get_u64(struct pmp_rmsg *m)
{
	uint64_t lo = pmp_get_u32(m);

	return lo | (uint64_t)pmp_get_u32(m) << 32;
}

void pmp_get_bytes(struct pmp_rmsg *m, void *dst, uint32_t n)
{
	const uint8_t *p = rmsg_take(m, n);

	if (p)
		memcpy(dst, p, n);
	else
		memset(dst, 0, n);
}

void pmp_get_guid(struct pmp_rmsg *m, GUID *guid)
{
	uint8_t b[16];

	pmp_get_bytes(m, b, sizeof(b));
	guid->Data1 = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
		      (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	guid->Data2 = b[4] | b[5] << 8;
	guid->Data3 = b[6] | b[7] << 8;
	memcpy(guid->Data4, b + 8, 8);
}

uint32_t pmp_get_blob(struct pmp_rmsg *m, const uint8_t **p, uint32_t max)
{
	uint32_t n = pmp_get_u32(m);

	*p = NULL;
	if (m->bad)
		return 0;
	if (n > max) {
		m->bad = true;
		return 0;
	}
	*p = rmsg_take(m, n);
	return *p ? n : 0;
}

void pmp_get_str(struct pmp_rmsg *m, char *buf, uint32_t cap)
{
	uint32_t len = pmp_get_u32(m);
	const uint8_t *p;

	if (!cap) {
		m->bad = true;
		return;
	}
	buf[0] = '\0';
	if (m->bad)
		return;
	if (len >= cap) {
		m->bad = true;
		return;
	}
	p = rmsg_take(m, len);
	if (!p)
		return;
	if (memchr(p, '\0', len)) {
		m->bad = true;
		return;
	}
	memcpy(buf, p, len);
	buf[len] = '\0';
}

int pmp_get_fd(struct pmp_rmsg *m)
{
	uint32_t i = pmp_get_u32(m);

	if (m->bad)
		return -1;
	if (i >= m->nfds || m->fds[i] < 0) {
		m->bad = true;
		return -1;
	}
	return m->fds[i];
}

static int take_fd(struct pmp_rmsg *m, bool none_ok)
{
	uint32_t i = pmp_get_u32(m);
	int fd;

	if (m->bad || (none_ok && i == PMP_NO_FD))
		return -1;
	if (i >= m->nfds || m->fds[i] < 0) {
		m->bad = true;
		return -1;
	}
	fd = m->fds[i];
	m->fds[i] = -1;
	return fd;
}

int pmp_take_fd(struct pmp_rmsg *m)
{
	return take_fd(m, false);
}

int pmp_take_fd_or_none(struct pmp_rmsg *m)
{
	return take_fd(m, true);
}

HRESULT pmp_get_passed(struct pmp_rmsg *m, const IID *iid, bool unique,
		       IUnknown **out)
{
	uint32_t i = pmp_get_u32(m);
	IUnknown *obj;
	HRESULT hr;

	*out = NULL;
	if (m->bad || (i == PMP_NO_OBJECT && unique))
		return S_OK;
	/* The objects come in the order of their parameters, once each. */
	if (i != m->objs_taken || i >= m->nobjs) {
		m->bad = true;
		return S_OK;
	}
	m->objs_taken++;
	obj = m->objs[i];
	hr = obj->lpVtbl->QueryInterface(obj, iid, (void **)out);
	if (SUCCEEDED(hr) && !*out)
		hr = E_UNEXPECTED;
	if (FAILED(hr))
		*out = NULL;
	return FAILED(hr) ? hr : S_OK;
}

bool pmp_rmsg_done(struct pmp_rmsg *m)
{
	return !m->bad && m->pos == m->size && m->objs_taken == m->nobjs;
}

void pmp_rmsg_cleanup(struct pmp_rmsg *m)
{
	uint32_t i;

	for (i = 0; i < m->nfds; i++)
		if (m->fds[i] >= 0)
			close(m->fds[i]);
	m->nfds = 0;
	if (m->obj)
		pmp_obj_release(m->obj);
	m->obj = NULL;
}
