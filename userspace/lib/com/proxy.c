// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * proxy.c - client-side proxies: calls, remote QueryInterface and COM
 * identity
 *
 * The host serves one stub per (object identity, interface), and the
 * kernel gives each stub one object id, so an object id names one
 * interface of one object.  A process keeps one proxy per (host, object
 * id): every path to that interface, CreateObjectByCLSID or QueryInterface
 * through any proxy, returns the same pointer, and QueryInterface for
 * IUnknown returns the object's one IUnknown proxy.  A proxy found while
 * its last reference is being dropped is skipped: a new one takes its
 * place, and the dying one unlinks only itself.
 */

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "stubs.h"
#include "marshal.h"

#define PROXY_BUCKETS 256

static pthread_mutex_t proxies_lock = PTHREAD_MUTEX_INITIALIZER;
static struct pmp_proxy *proxies[PROXY_BUCKETS];

static struct pmp_proxy **proxy_bucket(const pmp_server *srv, uint64_t id)
{
	uint64_t h = (uintptr_t)srv ^ (id * 0x9e3779b97f4a7c15ull);

	return &proxies[(h >> 32) % PROXY_BUCKETS];
}

/* Takes a reference unless the proxy is already on its way out. */
static bool proxy_tryget(struct pmp_proxy *proxy)
{
	unsigned int refs = __atomic_load_n(&proxy->refs, __ATOMIC_RELAXED);

	do {
		if (!refs)
			return false;
	} while (!__atomic_compare_exchange_n(&proxy->refs, &refs, refs + 1,
					      true, __ATOMIC_ACQUIRE,
					      __ATOMIC_RELAXED));
	return true;
}

static HRESULT proxy_op_query_interface(void *This, REFIID riid, void **ppv)
{
	return pmp_proxy_query_interface(This, riid, ppv);
}

static ULONG proxy_op_add_ref(void *This)
{
	return pmp_proxy_addref(This);
}

static ULONG proxy_op_release(void *This)
{
	return pmp_proxy_release(This);
}

/* What the generated proxy thunks call (<pmpproxy.h>). */
static const struct pmp_proxy_ops proxy_ops = {
	.query_interface = proxy_op_query_interface,
	.add_ref = proxy_op_add_ref,
	.release = proxy_op_release,
	.invoke = pmp_proxy_invoke,
};

_Static_assert(__builtin_offsetof(struct pmp_proxy, ops) ==
		       __builtin_offsetof(struct pmp_proxy_header, ops),
	       "a proxy starts with struct pmp_proxy_header");

struct pmp_proxy *pmp_proxy_of(const void *iface)
{
	const struct pmp_proxy_header *proxy = iface;

	/*
	 * Only a proxy has a generated proxy vtable; the vtable is read first
	 * because another object may be too small to have an ops pointer.
	 */
	if (!pmp_ps_find_proxy_vtbl(proxy->lpVtbl) || proxy->ops != &proxy_ops)
		return NULL;
	return (struct pmp_proxy *)iface;
}

HRESULT pmp_proxy_from_obj(pmp_obj *obj, const struct pmp_ps_pair *pair,
			   void **ppv)
{
	pmp_server *srv = pmp_obj_server(obj);
	uint64_t id = pmp_obj_id(obj);
	struct pmp_proxy **bucket, *proxy, *found = NULL;
	HRESULT hr = S_OK;

	pthread_mutex_lock(&proxies_lock);
	bucket = proxy_bucket(srv, id);
	for (proxy = *bucket; proxy; proxy = proxy->next) {
		if (proxy->srv != srv || proxy->id != id)
			continue;
		if (proxy->pair != pair) {
			/* One id is one interface: a host that lies. */
			hr = PMP_E_BAD_STUB_DATA;
			break;
		}
		if (proxy_tryget(proxy)) {
			found = proxy;
			break;
		}
	}
	if (!found && hr == S_OK) {
		found = calloc(1, sizeof(*found));
		if (found) {
			found->lpVtbl = pair->proxy_vtbl;
			found->ops = &proxy_ops;
			found->refs = 1;
			found->obj = obj;
			found->id = id;
			found->srv = pmp_server_ref(srv);
			found->pair = pair;
			found->next = *bucket;
			*bucket = found;
			obj = NULL;
		} else {
			hr = E_OUTOFMEMORY;
		}
	}
	pthread_mutex_unlock(&proxies_lock);

	/* Already known (or failed): this handle is one too many. */
	if (obj)
		pmp_obj_release(obj);
	*ppv = hr == S_OK ? found : NULL;
	return hr;
}

ULONG pmp_proxy_addref(struct pmp_proxy *proxy)
{
	return __atomic_add_fetch(&proxy->refs, 1, __ATOMIC_RELAXED);
}

ULONG pmp_proxy_release(struct pmp_proxy *proxy)
{
	struct pmp_proxy **link;
	ULONG refs;

	refs = __atomic_sub_fetch(&proxy->refs, 1, __ATOMIC_ACQ_REL);
	if (refs)
		return refs;

	pthread_mutex_lock(&proxies_lock);
	for (link = proxy_bucket(proxy->srv, proxy->id); *link;
	     link = &(*link)->next) {
		if (*link == proxy) {
			*link = proxy->next;
			break;
		}
	}
	pthread_mutex_unlock(&proxies_lock);

	pmp_obj_release(proxy->obj);
	pmp_server_unref(proxy->srv);
	free(proxy);
	return 0;
}

HRESULT pmp_proxy_call(void *This, uint32_t method, struct pmp_wmsg *in,
		       struct pmp_rmsg *out, void *outbuf, uint32_t outcap,
		       bool want_object)
{
	struct pmp_proxy *proxy = This;
	struct pmp_call_args args = {
		.method = method,
		.flags = want_object ? PMP_CALL_WANT_OBJECT : 0,
		.in = in->buf,
		.in_size = in->size,
		.in_fds = in->fds,
		.in_nfds = in->nfds,
		.out = outbuf,
		.out_size = outcap,
		.out_fds = out->fds,
		.out_nfds = PMP_MAX_FDS,
		.in_objs = in->objs,
		.in_nobjs = in->nobjs,
	};
	HRESULT hr;
	int err;

	memset(out, 0, sizeof(*out));
	/*
	 * An argument too long for a message, a descriptor that is none, or
	 * an interface pointer that is not a proxy of this host's object.
	 */
	if (in->overflow)
		return E_INVALIDARG;

	err = pmp_obj_call(proxy->obj, &args);
	if (err < 0)
		return pmp_hresult_from_errno(err);

	out->buf = outbuf;
	out->size = args.out_size;
	out->nfds = args.out_nfds;
	out->obj = args.out_obj;
	hr = args.status;
	if (FAILED(hr))
		pmp_rmsg_cleanup(out);
	else if (out->obj && !want_object)
		hr = PMP_E_BAD_STUB_DATA;
	return hr;
}

HRESULT pmp_proxy_unmarshal(struct pmp_rmsg *out, const IID *iid, void **ppv)
{
	const struct pmp_ps_pair *pair = pmp_ps_find(iid);
	pmp_obj *obj = out->obj;

	*ppv = NULL;
	out->obj = NULL;
	if (!obj)
		return PMP_E_BAD_STUB_DATA;
	if (!pair) {
		pmp_obj_release(obj);
		return E_NOINTERFACE;
	}
	return pmp_proxy_from_obj(obj, pair, ppv);
}

HRESULT pmp_proxy_query_interface(struct pmp_proxy *proxy, REFIID riid,
				  void **ppv)
{
	uint8_t inbuf[16], outbuf[16];
	PMP_WMSG(in, inbuf);
	PMP_RMSG(out);
	HRESULT hr;

	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	if (!riid)
		return E_POINTER;

	/* Its own interface: the object id would be this proxy's anyway. */
	if (IsEqualIID(riid, proxy->pair->iid)) {
		pmp_proxy_addref(proxy);
		*ppv = proxy;
		return S_OK;
	}
	/* No pair, no proxy: the answer needs no round trip. */
	if (!pmp_ps_find(riid))
		return E_NOINTERFACE;

	pmp_put_guid(&in, riid);
	hr = pmp_proxy_call(proxy, PMP_METHOD_QUERY_INTERFACE, &in, &out,
			    outbuf, sizeof(outbuf), true);
	if (SUCCEEDED(hr)) {
		if (pmp_rmsg_done(&out))
			hr = pmp_proxy_unmarshal(&out, riid, ppv);
		else
			hr = PMP_E_BAD_STUB_DATA;
	}
	pmp_rmsg_cleanup(&out);
	return hr;
}
