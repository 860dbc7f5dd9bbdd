// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * interp.c - the generic proxy and stub: a call packed and unpacked as the
 * tables generated from its interface's .idl describe it (<pmpproxy.h>)
 *
 * The proxy checks its pointers (E_POINTER; an interface pointer out is set
 * to NULL and a descriptor out to -1 first), packs the [in] parameters in
 * order (an interface pointer in must be a proxy of an object of the same
 * host: E_INVALIDARG), calls, and on success unpacks the [out] ones in
 * order, the interface pointer last.  The stub unpacks the [in]
 * parameters (an interface pointer in is the host's own object, asked for
 * the declared interface), refuses a message not read exactly, calls the
 * object through the method's stub thunk and, on success, packs the [out]
 * ones; on failure it gives back what the object handed out.  It releases
 * the interface pointers in after the call.  Both wipe their buffers:
 * arguments may be keys.
 *
 * A byte blob ([size_is] BYTE *) travels as a 32-bit length and its bytes,
 * at most PMP_PS_BLOB_MAX of them: the stub hands an [in] blob to the
 * object where it lies in the received message, and gives an [out] one a
 * buffer of the room the caller declared (cut to PMP_PS_BLOB_MAX, as the
 * room parameter then says); the length parameter must match the bytes on
 * both sides.  Messages that carry blobs are on the heap.
 */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "marshal.h"

/* Parameters of one method, at most (pmpidl.py refuses more). */
#define MAX_PARAMS 16
/* Room of a string handed back: the reply less its length field. */
#define OUT_STR_MAX (PMP_MSG_MAX - 4)

/* @p: each parameter of method @m in turn, @i its index. */
#define for_each_param(m, i, p)                                                \
	for ((i) = 0; (i) < (m)->nparams && ((p) = &(m)->params[i]); (i)++)

static const struct pmp_ps_method *method_of(const struct pmp_ps_pair *pair,
					     uint32_t method)
{
	if (method < 3 || method >= pair->methods || !pair->own)
		return NULL;
	return &pair->own[method - 3];
}

/* Kinds a proxy's argument points at rather than holds. */
static bool by_pointer(const struct pmp_ps_param *p)
{
	return p->kind == PMP_PS_BYTES || p->kind == PMP_PS_GUID ||
	       p->kind == PMP_PS_STR || p->kind == PMP_PS_BLOB;
}

/* The 32-bit value of parameter @k as a proxy has it ([in] or [out]). */
static uint32_t proxy_u32(const struct pmp_ps_method *m, void **args, int k)
{
	if (m->params[k].dir == PMP_PS_OUT)
		return **(const uint32_t **)args[k];
	return *(const uint32_t *)args[k];
}

/* The room of a blob out: what its size_is parameter says, cut. */
static uint32_t blob_room(uint32_t room)
{
	return room > PMP_PS_BLOB_MAX ? PMP_PS_BLOB_MAX : room;
}

/* Bytes a method's blobs add to its messages: [in] ones, or [out] ones. */
static size_t blob_bytes(const struct pmp_ps_method *m, void **args,
			 uint8_t dir)
{
	const struct pmp_ps_param *p;
	size_t n = 0;
	uint32_t i;

	for (i = 0; i < m->nparams; i++) {
		p = &m->params[i];
		if (p->kind == PMP_PS_BLOB && p->dir == dir)
			n += 4 + (size_t)blob_room(proxy_u32(m, args, p->ref));
	}
	return n;
}

/* [in] pointers a proxy refuses as NULL. */
static bool may_not_be_null(const struct pmp_ps_param *p)
{
	if (p->kind == PMP_PS_OBJECT_IN)
		return !(p->flags & PMP_PS_UNIQUE);
	return by_pointer(p) && p->kind != PMP_PS_BLOB;
}

/* Packs the value @value points at (a string: its characters). */
static void put_value(struct pmp_wmsg *m, const struct pmp_ps_param *p,
		      const void *value)
{
	switch (p->kind) {
	case PMP_PS_U32:
		pmp_put_u32(m, *(const uint32_t *)value);
		break;
	case PMP_PS_U64:
		pmp_put_u64(m, *(const uint64_t *)value);
		break;
	case PMP_PS_BYTES:
		pmp_put_bytes(m, value, p->size);
		break;
	case PMP_PS_GUID:
		pmp_put_guid(m, value);
		break;
	case PMP_PS_STR:
		pmp_put_str(m, value);
		break;
	case PMP_PS_FD:
		if (p->flags & PMP_PS_UNIQUE)
			pmp_put_fd_or_none(m, *(const int *)value);
		else
			pmp_put_fd(m, *(const int *)value);
		break;
	default:
		/* An interface pointer is the reply's object, never data. */
		m->overflow = true;
	}
}

/* Unpacks a fixed-size value into @value; false for other kinds. */
static bool get_value(struct pmp_rmsg *m, const struct pmp_ps_param *p,
		      void *value)
{
	switch (p->kind) {
	case PMP_PS_U32:
		*(uint32_t *)value = pmp_get_u32(m);
		return true;
	case PMP_PS_U64:
		*(uint64_t *)value = pmp_get_u64(m);
		return true;
	case PMP_PS_BYTES:
		pmp_get_bytes(m, value, p->size);
		return true;
	case PMP_PS_GUID:
		pmp_get_guid(m, value);
		return true;
	}
	return false;
}

/* ---- proxy ---- */

/* E_POINTER for a NULL pointer; resets what a failure must leave reset. */
static HRESULT proxy_check(const struct pmp_ps_method *m, void **args,
			   bool *want_object)
{
	const struct pmp_ps_param *p;
	void *ptr;
	uint32_t i;

	for_each_param(m, i, p) {
		if (p->dir != PMP_PS_OUT)
			continue;
		ptr = *(void **)args[i];
		if (!ptr)
			return E_POINTER;
		if (p->kind == PMP_PS_OBJECT) {
			*(void **)ptr = NULL;
			*want_object = true;
		} else if (p->kind == PMP_PS_FD) {
			*(int *)ptr = -1;
		}
	}
	for_each_param(m, i, p) {
		if (p->dir == PMP_PS_IN && may_not_be_null(p) &&
		    !*(const void **)args[i])
			return E_POINTER;
		if (p->kind != PMP_PS_BLOB || p->dir != PMP_PS_IN)
			continue;
		if (proxy_u32(m, args, p->ref) > PMP_PS_BLOB_MAX)
			return E_INVALIDARG;
		if (proxy_u32(m, args, p->ref) && !*(const void **)args[i])
			return E_POINTER;
	}
	return S_OK;
}

/*
 * Packs an interface pointer passed in: NULL, or a proxy of an object of
 * @proxy's host, whose handle names it on @proxy's connection.  Anything
 * else marks the message, which is then never sent (E_INVALIDARG).
 */
static void put_passed(struct pmp_proxy *proxy, struct pmp_wmsg *m,
		       const void *iface)
{
	struct pmp_proxy *passed = iface ? pmp_proxy_of(iface) : NULL;

	if (iface && (!passed || passed->srv != proxy->srv)) {
		m->overflow = true;
		return;
	}
	pmp_put_passed(m, passed ? passed->obj : NULL);
}

static void proxy_pack(struct pmp_proxy *proxy, const struct pmp_ps_method *m,
		       void **args, struct pmp_wmsg *in)
{
	const struct pmp_ps_param *p;
	uint32_t i;

	for_each_param(m, i, p) {
		if (p->dir != PMP_PS_IN)
			continue;
		if (p->kind == PMP_PS_OBJECT_IN)
			put_passed(proxy, in, *(const void **)args[i]);
		else if (p->kind == PMP_PS_BLOB)
			pmp_put_blob(in, *(const void **)args[i],
				     proxy_u32(m, args, p->ref));
		else
			put_value(in, p,
				  by_pointer(p) ? *(const void **)args[i] :
						  args[i]);
	}
}

static HRESULT proxy_unpack(const struct pmp_ps_method *m, void **args,
			    struct pmp_rmsg *out)
{
	const struct pmp_ps_param *p;
	const IID *obj_iid = NULL;
	uint32_t i, blob[MAX_PARAMS];
	void **obj_ppv = NULL;
	const uint8_t *bytes;
	void *ptr;

	for_each_param(m, i, p) {
		if (p->dir == PMP_PS_IN || get_value(out, p, *(void **)args[i]))
			continue;
		ptr = *(void **)args[i];
		switch (p->kind) {
		case PMP_PS_STR:
			pmp_get_str(out, ptr, *(const uint32_t *)args[p->ref]);
			break;
		case PMP_PS_BLOB:
			blob[i] = pmp_get_blob(
				out, &bytes,
				blob_room(proxy_u32(m, args, p->ref)));
			if (blob[i])
				memcpy(ptr, bytes, blob[i]);
			break;
		case PMP_PS_FD:
			*(int *)ptr = p->flags & PMP_PS_UNIQUE ?
					      pmp_take_fd_or_none(out) :
					      pmp_take_fd(out);
			break;
		case PMP_PS_OBJECT:
			obj_ppv = ptr;
			obj_iid = p->ref >= 0 ? *(const IID **)args[p->ref] :
						p->iid;
			break;
		}
	}
	if (!pmp_rmsg_done(out))
		return PMP_E_BAD_STUB_DATA;
	/* A blob's length parameter says how many bytes came. */
	for_each_param(m, i, p) {
		if (p->kind == PMP_PS_BLOB && p->dir == PMP_PS_OUT &&
		    proxy_u32(m, args, p->size) != blob[i])
			return PMP_E_BAD_STUB_DATA;
	}
	if (obj_ppv)
		return pmp_proxy_unmarshal(out, obj_iid, obj_ppv);
	return S_OK;
}

HRESULT pmp_proxy_invoke(void *This, uint32_t method, void **args)
{
	struct pmp_proxy *proxy = This;
	const struct pmp_ps_method *m = method_of(proxy->pair, method);
	uint8_t inbuf[PMP_MSG_MAX], outbuf[PMP_MSG_MAX], *outp = outbuf;
	bool want_object = false;
	PMP_WMSG(in, inbuf);
	PMP_RMSG(out);
	HRESULT hr, unpacked;
	size_t outcap = sizeof(outbuf);

	if (!m || m->nparams > MAX_PARAMS)
		return PMP_E_BAD_METHOD;
	hr = proxy_check(m, args, &want_object);
	if (FAILED(hr))
		return hr;
	/* Blobs: the messages grow to hold them (proxy_check bounded them). */
	in.max = PMP_MSG_MAX + blob_bytes(m, args, PMP_PS_IN);
	outcap += blob_bytes(m, args, PMP_PS_OUT);
	if (outcap > sizeof(outbuf)) {
		outp = malloc(outcap);
		if (!outp)
			return E_OUTOFMEMORY;
	}
	proxy_pack(proxy, m, args, &in);
	hr = pmp_proxy_call(This, method, &in, &out, outp, outcap,
			    want_object);
	pmp_wmsg_wipe(&in);
	if (SUCCEEDED(hr)) {
		unpacked = proxy_unpack(m, args, &out);
		if (FAILED(unpacked))
			hr = unpacked;
	}
	pmp_rmsg_cleanup(&out);
	explicit_bzero(outp, out.size);
	if (outp != outbuf)
		free(outp);
	return hr;
}

/* ---- stub ---- */

union stub_value {
	uint32_t u32;
	uint64_t u64;
	int fd;
	void *obj;
	GUID guid;
	/* PMP_PS_BLOB: [in] its length; [out] its buffer, which the stub frees */
	struct {
		uint32_t length;
		uint8_t *buf;
	} blob;
};

static void release_object(void *obj)
{
	if (obj)
		((IUnknown *)obj)->lpVtbl->Release(obj);
}

/* A piece of @arena for @n bytes, or NULL (then the message is bad). */
static void *arena_take(uint8_t *arena, uint32_t *used, uint32_t n)
{
	void *p;

	if (n > PMP_MSG_MAX - *used)
		return NULL;
	p = arena + *used;
	*used += n;
	return p;
}

/*
 * Return: S_OK, PMP_E_BAD_STUB_DATA, or the failure of an object passed in
 * to give the interface its parameter declares (E_NOINTERFACE).
 */
static HRESULT stub_unpack(const struct pmp_ps_method *m, struct pmp_rmsg *in,
			   union stub_value *vals, void **args, uint8_t *arena,
			   char *outstr)
{
	const struct pmp_ps_param *p;
	uint32_t i, used = 0;
	HRESULT hr = S_OK, got;
	const uint8_t *bytes;
	char *s;

	for_each_param(m, i, p) {
		args[i] = &vals[i];
		if (p->kind == PMP_PS_BYTES)
			args[i] = arena_take(arena, &used, p->size);
		else if (p->kind == PMP_PS_STR && p->dir == PMP_PS_OUT)
			args[i] = outstr;
		if (!args[i])
			return PMP_E_BAD_STUB_DATA;
		if (p->dir == PMP_PS_OUT) {
			if (p->kind == PMP_PS_FD)
				vals[i].fd = -1;
			continue;
		}
		if (get_value(in, p, args[i]))
			continue;
		switch (p->kind) {
		case PMP_PS_FD:
			vals[i].fd = pmp_get_fd(in);
			break;
		case PMP_PS_BLOB:
			vals[i].blob.length =
				pmp_get_blob(in, &bytes, PMP_PS_BLOB_MAX);
			args[i] = (void *)bytes;
			if (in->bad)
				return PMP_E_BAD_STUB_DATA;
			break;
		case PMP_PS_STR:
			s = (char *)arena + used;
			pmp_get_str(in, s, PMP_MSG_MAX - used);
			if (in->bad)
				return PMP_E_BAD_STUB_DATA;
			used += strlen(s) + 1;
			args[i] = s;
			break;
		case PMP_PS_OBJECT_IN:
			got = pmp_get_passed(in, p->iid,
					     p->flags & PMP_PS_UNIQUE,
					     (IUnknown **)&vals[i].obj);
			if (SUCCEEDED(hr))
				hr = got;
			break;
		default:
			return PMP_E_BAD_STUB_DATA;
		}
	}
	/* A string handed back fits the reply; its size says so. */
	for_each_param(m, i, p) {
		if (p->dir == PMP_PS_OUT && p->kind == PMP_PS_STR) {
			if (vals[p->ref].u32 > OUT_STR_MAX)
				vals[p->ref].u32 = OUT_STR_MAX;
			outstr[0] = '\0';
		}
	}
	if (!pmp_rmsg_done(in))
		return PMP_E_BAD_STUB_DATA;
	/* Blobs: an [in] one is as long as its size says; room for [out] ones. */
	for_each_param(m, i, p) {
		if (p->kind != PMP_PS_BLOB)
			continue;
		if (p->dir == PMP_PS_IN) {
			if (vals[p->ref].u32 != vals[i].blob.length)
				return PMP_E_BAD_STUB_DATA;
			continue;
		}
		vals[p->ref].u32 = blob_room(vals[p->ref].u32);
		vals[i].blob.length = vals[p->ref].u32;
		vals[i].blob.buf = malloc(vals[i].blob.length ?: 1);
		if (!vals[i].blob.buf)
			return E_OUTOFMEMORY;
		args[i] = vals[i].blob.buf;
	}
	return hr;
}

/*
 * The IID an interface pointer is handed back as: one that outlives the
 * call (its pair's), or NULL when no pair carries it.
 */
static const IID *object_iid(const struct pmp_ps_param *p,
			     const union stub_value *vals)
{
	const struct pmp_ps_pair *pair;

	if (p->ref < 0)
		return p->iid;
	pair = pmp_ps_find(&vals[p->ref].guid);
	return pair ? pair->iid : NULL;
}

/*
 * Packs the results of a successful call, or gives them back.  Return:
 * @hr, or E_NOINTERFACE for an interface pointer no pair carries.
 */
static HRESULT stub_finish(const struct pmp_ps_method *m, HRESULT hr,
			   union stub_value *vals, void **args, char *outstr,
			   struct pmp_wmsg *out)
{
	const IID *iid;
	const struct pmp_ps_param *p;
	uint32_t i;

	/* A blob's length is at most the room its object was given. */
	for_each_param(m, i, p) {
		if (SUCCEEDED(hr) && p->kind == PMP_PS_BLOB &&
		    p->dir == PMP_PS_OUT &&
		    vals[p->size].u32 > vals[i].blob.length)
			hr = E_UNEXPECTED;
	}
	for_each_param(m, i, p) {
		if (p->dir != PMP_PS_OUT)
			continue;
		if (FAILED(hr)) {
			if (p->kind == PMP_PS_FD && vals[i].fd >= 0)
				close(vals[i].fd);
			else if (p->kind == PMP_PS_OBJECT)
				release_object(vals[i].obj);
			continue;
		}
		if (p->kind == PMP_PS_OBJECT) {
			iid = object_iid(p, vals);
			if (iid) {
				pmp_put_object(out, vals[i].obj, iid);
			} else {
				release_object(vals[i].obj);
				hr = E_NOINTERFACE;
			}
			continue;
		}
		if (p->kind == PMP_PS_STR)
			outstr[OUT_STR_MAX - 1] = '\0';
		if (p->kind == PMP_PS_BLOB) {
			pmp_put_blob(out, vals[i].blob.buf, vals[p->size].u32);
			continue;
		}
		/* args[i] points at the value: vals[i], a buffer, outstr. */
		put_value(out, p, args[i]);
	}
	return hr;
}

HRESULT pmp_stub_invoke(const struct pmp_ps_pair *pair, IUnknown *iface,
			uint32_t method, struct pmp_rmsg *in,
			struct pmp_wmsg *out)
{
	const struct pmp_ps_method *m = method_of(pair, method);
	const struct pmp_ps_param *p;
	union stub_value vals[MAX_PARAMS];
	void *args[MAX_PARAMS];
	uint8_t arena[PMP_MSG_MAX];
	char outstr[OUT_STR_MAX];
	uint32_t i;
	HRESULT hr;

	if (!m || m->nparams > MAX_PARAMS)
		return PMP_E_BAD_METHOD;
	memset(vals, 0, sizeof(vals));
	hr = stub_unpack(m, in, vals, args, arena, outstr);
	if (SUCCEEDED(hr)) {
		for_each_param(m, i, p) {
			if (p->kind == PMP_PS_BLOB && p->dir == PMP_PS_OUT)
				out->max += 4 + vals[i].blob.length;
		}
		if (out->max)
			out->max += out->cap;
		hr = m->stub(iface, args);
		hr = stub_finish(m, hr, vals, args, outstr, out);
	}
	/* What was passed in is the method's for the call only. */
	for_each_param(m, i, p) {
		if (p->kind == PMP_PS_OBJECT_IN)
			release_object(vals[i].obj);
		if (p->kind == PMP_PS_BLOB && p->dir == PMP_PS_OUT &&
		    vals[i].blob.buf) {
			explicit_bzero(vals[i].blob.buf, vals[i].blob.length);
			free(vals[i].blob.buf);
		}
	}
	explicit_bzero(vals, sizeof(vals));
	explicit_bzero(arena, sizeof(arena));
	explicit_bzero(outstr, sizeof(outstr));
	return hr;
}
