// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * stubs.c - the host side of marshaling: the stub table (stubs.h)
 *
 * A stub holds one interface pointer of one object, for one IID, and is
 * the cookie the kernel knows that interface by.  The table finds it by
 * (identity, IID), the identity being the object's IUnknown pointer, and
 * by cookie, for the objects a call passes in: a cookie the table does
 * not hold is never dereferenced.  A
 * stub counts the kernel's reference (one per live kernel object naming
 * it), each reference being handed in a reply, and each work item being
 * served; it releases its interface when the count reaches zero.  All
 * counting is under the table's lock; calls into components are made
 * outside it.
 */

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define COBJMACROS
#include "pmp/objbase.h"

#include "../registry.h"
#include "stubs.h"
#include "marshal.h"

#define STUB_BUCKETS 256

/* The table's two hash chains. */
enum { BY_IDENTITY, BY_COOKIE, STUB_CHAINS };

struct pmp_stub {
	IUnknown *iface;
	IUnknown *identity;
	IID iid;
	const struct pmp_ps_pair *pair;
	unsigned long refs;
	struct pmp_stub *next[STUB_CHAINS];
};

struct pmp_stubs {
	struct pmp_registry *reg;
	pthread_mutex_t lock;
	unsigned int count;
	struct pmp_stub *buckets[STUB_CHAINS][STUB_BUCKETS];
};

int pmp_stubs_new(struct pmp_registry *reg, struct pmp_stubs **out)
{
	struct pmp_stubs *stubs = calloc(1, sizeof(*stubs));

	*out = NULL;
	if (!stubs)
		return -ENOMEM;
	stubs->reg = reg;
	pthread_mutex_init(&stubs->lock, NULL);
	*out = stubs;
	return 0;
}

unsigned int pmp_stubs_count(struct pmp_stubs *stubs)
{
	unsigned int count;

	pthread_mutex_lock(&stubs->lock);
	count = stubs->count;
	pthread_mutex_unlock(&stubs->lock);
	return count;
}

void pmp_stubs_free(struct pmp_stubs *stubs)
{
	struct pmp_stub *stub, *next;
	size_t i;

	if (!stubs)
		return;
	for (i = 0; i < STUB_BUCKETS; i++) {
		for (stub = stubs->buckets[BY_IDENTITY][i]; stub; stub = next) {
			next = stub->next[BY_IDENTITY];
			IUnknown_Release(stub->iface);
			free(stub);
		}
	}
	pthread_mutex_destroy(&stubs->lock);
	free(stubs);
}

/* A bucket for the address @h: allocations are 16-byte aligned. */
static size_t address_bucket(uintptr_t h)
{
	return (h ^ (h >> 12)) / 16 % STUB_BUCKETS;
}

static struct pmp_stub **stub_bucket(struct pmp_stubs *stubs,
				     const IUnknown *identity)
{
	uintptr_t h = (uintptr_t)identity;

	return &stubs->buckets[BY_IDENTITY][address_bucket(h)];
}

static struct pmp_stub **cookie_bucket(struct pmp_stubs *stubs,
				       uint64_t cookie)
{
	return &stubs->buckets[BY_COOKIE][address_bucket((uintptr_t)cookie)];
}

static void stub_link(struct pmp_stub **bucket, struct pmp_stub *stub,
		      int chain)
{
	stub->next[chain] = *bucket;
	*bucket = stub;
}

static void stub_unlink(struct pmp_stub **link, struct pmp_stub *stub,
			int chain)
{
	for (; *link; link = &(*link)->next[chain]) {
		if (*link == stub) {
			*link = stub->next[chain];
			return;
		}
	}
}

static void stub_get(struct pmp_stubs *stubs, struct pmp_stub *stub)
{
	pthread_mutex_lock(&stubs->lock);
	stub->refs++;
	pthread_mutex_unlock(&stubs->lock);
}

static void stub_put(struct pmp_stubs *stubs, struct pmp_stub *stub)
{
	bool gone;

	pthread_mutex_lock(&stubs->lock);
	gone = !--stub->refs;
	if (gone) {
		stub_unlink(stub_bucket(stubs, stub->identity), stub,
			    BY_IDENTITY);
		stub_unlink(cookie_bucket(stubs, (uintptr_t)stub), stub,
			    BY_COOKIE);
		stubs->count--;
	}
	pthread_mutex_unlock(&stubs->lock);

	if (gone) {
		IUnknown_Release(stub->iface);
		free(stub);
	}
}

/*
 * The stub of (@iface's object, @pair's IID), with a reference for the
 * caller to hand over.  Takes @iface's reference in every case.
 */
static HRESULT stub_for(struct pmp_stubs *stubs, IUnknown *iface,
			const struct pmp_ps_pair *pair, struct pmp_stub **out)
{
	struct pmp_stub **bucket, *stub, *fresh;
	IUnknown *identity;
	HRESULT hr;

	*out = NULL;
	hr = IUnknown_QueryInterface(iface, &IID_IUnknown, (void **)&identity);
	if (FAILED(hr) || !identity) {
		IUnknown_Release(iface);
		return FAILED(hr) ? hr : E_UNEXPECTED;
	}
	/* Allocated outside the lock; freed if a stub exists already. */
	fresh = calloc(1, sizeof(*fresh));

	pthread_mutex_lock(&stubs->lock);
	bucket = stub_bucket(stubs, identity);
	for (stub = *bucket; stub; stub = stub->next[BY_IDENTITY])
		if (stub->identity == identity &&
		    IsEqualIID(&stub->iid, pair->iid))
			break;
	if (stub) {
		stub->refs++;
	} else if (fresh) {
		stub = fresh;
		fresh = NULL;
		stub->iface = iface;
		iface = NULL;
		stub->identity = identity;
		stub->iid = *pair->iid;
		stub->pair = pair;
		stub->refs = 1;
		stub_link(bucket, stub, BY_IDENTITY);
		stub_link(cookie_bucket(stubs, (uintptr_t)stub), stub,
			  BY_COOKIE);
		stubs->count++;
	}
	pthread_mutex_unlock(&stubs->lock);

	free(fresh);
	if (iface)
		IUnknown_Release(iface);
	/* The stub's interface reference keeps the identity alive. */
	IUnknown_Release(identity);
	*out = stub;
	return stub ? S_OK : E_OUTOFMEMORY;
}

/*
 * Answers a transaction.  If the reply cannot be delivered for a reason
 * other than the client being gone, the client still hears a failure.
 */
static int stubs_reply(struct pmp_stubs *stubs, pmp_host *host, uint64_t txn,
		       HRESULT hr, struct pmp_stub *stub, struct pmp_wmsg *out)
{
	struct pmp_host_reply_args args = { .status = hr };
	int err;

	if (SUCCEEDED(hr)) {
		args.cookie = (uintptr_t)stub;
		if (out) {
			args.out = out->buf;
			args.out_size = out->size;
			args.out_fds = out->fds;
			args.out_nfds = out->nfds;
		}
	}
	err = pmp_host_reply(host, txn, &args);
	if (!err) {
		/* The kernel had a reference already: drop the one handed. */
		if (stub && !args.object_new)
			stub_put(stubs, stub);
		return 0;
	}
	if (stub)
		stub_put(stubs, stub);
	if (err == -ECANCELED)
		return 0;
	if (err != -ENOENT && (stub || args.out_size || args.out_nfds)) {
		struct pmp_host_reply_args fail = {
			.status = FAILED(hr) ? hr : pmp_hresult_from_errno(err),
		};

		pmp_host_reply(host, txn, &fail);
	}
	return err;
}

static int serve_create(struct pmp_stubs *stubs, pmp_host *host,
			struct pmp_host_work *work)
{
	const IID *iid = (const IID *)&work->iid;
	const struct pmp_ps_pair *pair;
	struct pmp_stub *stub = NULL;
	IClassFactory *factory = NULL;
	IUnknown *obj = NULL;
	HRESULT hr;

	hr = pmp_registry_get_class_object(stubs->reg, &work->clsid,
					   pmp_guid_of(&IID_IClassFactory),
					   (void **)&factory);
	if (SUCCEEDED(hr) && !factory)
		hr = E_UNEXPECTED;
	if (SUCCEEDED(hr)) {
		pair = pmp_ps_find(iid);
		if (pair)
			hr = IClassFactory_CreateInstance(factory, NULL, iid,
							  (void **)&obj);
		else
			hr = E_NOINTERFACE;
		IClassFactory_Release(factory);
		if (SUCCEEDED(hr) && !obj)
			hr = E_UNEXPECTED;
		if (SUCCEEDED(hr))
			hr = stub_for(stubs, obj, pair, &stub);
		else if (obj)
			IUnknown_Release(obj);
	}
	return stubs_reply(stubs, host, work->txn, hr, stub, NULL);
}

/* The remote QueryInterface: the payload is the IID wanted. */
static HRESULT stub_query_interface(struct pmp_stub *stub,
				    struct pmp_host_work *work,
				    struct pmp_rmsg *in, struct pmp_wmsg *out)
{
	const struct pmp_ps_pair *pair;
	IUnknown *iface = NULL;
	HRESULT hr;
	IID iid;

	pmp_get_guid(in, &iid);
	if (!pmp_rmsg_done(in))
		return PMP_E_BAD_STUB_DATA;
	if (!(work->call_flags & PMP_CALL_WANT_OBJECT))
		return E_INVALIDARG;
	pair = pmp_ps_find(&iid);
	if (!pair)
		return E_NOINTERFACE;
	hr = IUnknown_QueryInterface(stub->iface, &iid, (void **)&iface);
	if (FAILED(hr))
		return hr;
	if (!iface)
		return E_UNEXPECTED;
	pmp_put_object(out, iface, pair->iid);
	return hr;
}

static void stubs_put_passed(struct pmp_stubs *stubs,
			     struct pmp_stub *const *passed, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		stub_put(stubs, passed[i]);
}

/*
 * The stubs of the objects @work passes in, found by the cookies this
 * table gave them, each with a reference in @passed; their interfaces are
 * @in's objects.  Return: S_OK, or PMP_E_BAD_STUB_DATA for a cookie the
 * table does not hold (only a kernel in error delivers one), with none.
 */
static HRESULT stubs_get_passed(struct pmp_stubs *stubs,
				const struct pmp_host_work *work,
				struct pmp_stub **passed, struct pmp_rmsg *in)
{
	struct pmp_stub *stub = NULL;
	uint64_t cookie;
	uint32_t i;

	if (work->in_nobjs > PMP_MAX_OBJS)
		return PMP_E_BAD_STUB_DATA;
	pthread_mutex_lock(&stubs->lock);
	for (i = 0; i < work->in_nobjs; i++) {
		cookie = work->in_objs[i].cookie;
		for (stub = *cookie_bucket(stubs, cookie); stub;
		     stub = stub->next[BY_COOKIE])
			if ((uint64_t)(uintptr_t)stub == cookie)
				break;
		if (!stub)
			break;
		stub->refs++;
		passed[i] = stub;
		in->objs[i] = stub->iface;
	}
	pthread_mutex_unlock(&stubs->lock);
	if (i < work->in_nobjs) {
		stubs_put_passed(stubs, passed, i);
		return PMP_E_BAD_STUB_DATA;
	}
	in->nobjs = i;
	return S_OK;
}

static int serve_call(struct pmp_stubs *stubs, pmp_host *host,
		      struct pmp_host_work *work, struct pmp_rmsg *in)
{
	struct pmp_stub *stub = (struct pmp_stub *)(uintptr_t)work->cookie;
	const struct pmp_ps_pair *pair = stub->pair;
	uint8_t outbuf[PMP_MSG_MAX];
	PMP_WMSG(out, outbuf);
	struct pmp_stub *handed = NULL, *passed[PMP_MAX_OBJS];
	HRESULT hr;
	int err;

	out.own_fds = true;
	stub_get(stubs, stub);
	hr = stubs_get_passed(stubs, work, passed, in);
	if (SUCCEEDED(hr)) {
		if (work->method == PMP_METHOD_QUERY_INTERFACE)
			hr = stub_query_interface(stub, work, in, &out);
		else
			hr = pmp_stub_invoke(pair, stub->iface, work->method,
					     in, &out);
		stubs_put_passed(stubs, passed, in->nobjs);
	}

	if (SUCCEEDED(hr) && out.overflow)
		hr = PMP_E_BAD_STUB_DATA;
	if (SUCCEEDED(hr) && out.obj) {
		if (work->call_flags & PMP_CALL_WANT_OBJECT) {
			const struct pmp_ps_pair *ret =
				pmp_ps_find(out.obj_iid);

			if (ret) {
				hr = stub_for(stubs, out.obj, ret, &handed);
				out.obj = NULL;
			} else {
				hr = E_NOINTERFACE;
			}
		} else {
			hr = PMP_E_BAD_STUB_DATA;
		}
	}
	/* A failed call hands nothing back. */
	if (FAILED(hr))
		pmp_wmsg_cleanup(&out);

	err = stubs_reply(stubs, host, work->txn, hr, handed, &out);
	pmp_wmsg_cleanup(&out);
	stub_put(stubs, stub);
	return err;
}

int pmp_stubs_serve(struct pmp_stubs *stubs, pmp_host *host,
		    struct pmp_host_work *work)
{
	struct pmp_rmsg in = {
		.buf = work->in,
		.size = work->in_size,
	};
	int err = 0;

	/* The descriptors become the message's, closed with it. */
	in.nfds = work->in_nfds <= PMP_MAX_FDS ? work->in_nfds : PMP_MAX_FDS;
	memcpy(in.fds, work->in_fds, in.nfds * sizeof(int));
	work->in_nfds = 0;

	switch (work->type) {
	case PMP_HOST_WORK_CREATE:
		err = serve_create(stubs, host, work);
		break;
	case PMP_HOST_WORK_CALL:
		err = serve_call(stubs, host, work, &in);
		break;
	case PMP_HOST_WORK_RELEASE:
		stub_put(stubs, (struct pmp_stub *)(uintptr_t)work->cookie);
		break;
	default:
		/* CLIENT_GONE: its objects come back as RELEASE items. */
		break;
	}
	pmp_rmsg_cleanup(&in);
	return err;
}
