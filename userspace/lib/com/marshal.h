/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * marshal.h - proxies, stubs and the messages between them
 *
 * An interface crosses processes through a proxy/stub pair: the proxy
 * (client side) packs a call into a message, the kernel carries it to the
 * host, and the stub (host side) unpacks it, calls the real object and
 * packs the results.  Each pair lives in its own ps_*.c file and is listed
 * in marshal.c's table.
 *
 * Wire format (Documentation/userspace-api/com.rst):
 * - the method number is the vtable slot (QueryInterface 0, the first own
 *   method 3); slot 0 is the remote QueryInterface, 1 and 2 never travel;
 * - the payload is the arguments in order, packed without padding, little
 *   endian: 32-bit integers (LONG, DWORD, HRESULT, BOOL) in 4 bytes,
 *   64-bit ones in 8, fixed byte arrays as they are, GUIDs in their 16
 *   bytes of Microsoft layout, strings as a 32-bit length and the bytes
 *   without NUL, file descriptors as a 32-bit index into the descriptors
 *   carried with the message;
 * - an interface pointer returned travels as the reply's object
 *   (PMP_CALL_WANT_OBJECT): at most one per call;
 * - the reply's status is the method's HRESULT; a failed call carries no
 *   payload, no descriptor and no object.
 */

#ifndef PMP_LIB_COM_MARSHAL_H
#define PMP_LIB_COM_MARSHAL_H

#include <stdbool.h>
#include <stdint.h>

#include "pmp/pmp.h"
#include "pmp/objbase.h"

#include "com.h"

/* Payload room of the messages the built-in pairs exchange. */
#define PMP_MSG_MAX 512

/**
 * struct pmp_wmsg - a message being packed
 * @buf, @cap: the payload buffer
 * @size: bytes packed
 * @overflow: more was packed than @cap holds
 * @own_fds: close @fds with the message (stub replies)
 * @fds, @nfds: descriptors carried
 * @obj, @obj_iid: an interface pointer handed back (stub side; one
 *	reference, owned by the message)
 */
struct pmp_wmsg {
	uint8_t *buf;
	uint32_t cap;
	uint32_t size;
	bool overflow;
	bool own_fds;
	int fds[PMP_MAX_FDS];
	uint32_t nfds;
	IUnknown *obj;
	const IID *obj_iid;
};

/**
 * struct pmp_rmsg - a message being unpacked
 * @buf, @size: the payload
 * @pos: bytes unpacked
 * @bad: something was missing or malformed
 * @fds, @nfds: descriptors received, owned by the message until taken
 * @obj: the object handed back (proxy side), owned until taken
 */
struct pmp_rmsg {
	const uint8_t *buf;
	uint32_t size;
	uint32_t pos;
	bool bad;
	int fds[PMP_MAX_FDS];
	uint32_t nfds;
	pmp_obj *obj;
};

/* Packing: errors are remembered in the message and checked once. */
void pmp_put_u32(struct pmp_wmsg *m, uint32_t v);
void pmp_put_u64(struct pmp_wmsg *m, uint64_t v);
void pmp_put_bytes(struct pmp_wmsg *m, const void *p, uint32_t n);
void pmp_put_guid(struct pmp_wmsg *m, const GUID *guid);
void pmp_put_str(struct pmp_wmsg *m, const char *s);
/* @fd: borrowed by a proxy's message, owned by a stub's (@own_fds). */
void pmp_put_fd(struct pmp_wmsg *m, int fd);
/* Stub side: hand @obj (one reference, taken over) back as @iid. */
void pmp_put_object(struct pmp_wmsg *m, IUnknown *obj, const IID *iid);
void pmp_wmsg_cleanup(struct pmp_wmsg *m);

uint32_t pmp_get_u32(struct pmp_rmsg *m);
uint64_t pmp_get_u64(struct pmp_rmsg *m);
void pmp_get_bytes(struct pmp_rmsg *m, void *p, uint32_t n);
void pmp_get_guid(struct pmp_rmsg *m, GUID *guid);
/* A string of at most @cap - 1 bytes, no NUL inside, NUL-terminated. */
void pmp_get_str(struct pmp_rmsg *m, char *buf, uint32_t cap);
/* A descriptor, still owned by the message (-1 when bad). */
int pmp_get_fd(struct pmp_rmsg *m);
/* A descriptor, now the caller's (-1 when bad). */
int pmp_take_fd(struct pmp_rmsg *m);
/* True when everything was read, exactly. */
bool pmp_rmsg_done(struct pmp_rmsg *m);
void pmp_rmsg_cleanup(struct pmp_rmsg *m);

#define PMP_WMSG(name, storage)                                                \
	struct pmp_wmsg name = { .buf = (storage), .cap = sizeof(storage) }
#define PMP_RMSG(name) struct pmp_rmsg name = { .nfds = 0 }

/**
 * struct pmp_ps_pair - the proxy/stub pair of one interface
 * @iid: the interface
 * @name: its name, for documentation and logs
 * @methods: number of vtable slots, IUnknown's three included
 * @proxy_vtbl: the vtable of its proxies; their QueryInterface, AddRef
 *	and Release come from PMP_PROXY_IUNKNOWN
 * @stub: calls method @method (3 <= @method < @methods) of @iface (an
 *	interface pointer of type @iid) with the arguments unpacked from @in,
 *	packs the results into @out and returns the method's HRESULT.  A
 *	malformed @in: PMP_E_BAD_STUB_DATA without calling.  NULL when the
 *	interface has no methods of its own.
 */
struct pmp_ps_pair {
	const IID *iid;
	const char *name;
	uint32_t methods;
	const void *proxy_vtbl;
	HRESULT (*stub)(IUnknown *iface, uint32_t method, struct pmp_rmsg *in,
			struct pmp_wmsg *out);
};

/* marshal.c: the pair of @iid, or NULL. */
const struct pmp_ps_pair *pmp_ps_find(const IID *iid);

/* The pairs (ps_*.c); add a new one to marshal.c's table. */
extern const struct pmp_ps_pair pmp_ps_IUnknown;
extern const struct pmp_ps_pair pmp_ps_IPmpTestCounter;
extern const struct pmp_ps_pair pmp_ps_IPmpClearKeyDecryptor;

/* ---- proxies (proxy.c) ---- */

/**
 * struct pmp_proxy - a client's pointer to an interface of a host object
 * @lpVtbl: the interface's proxy vtable (the COM pointer is the proxy)
 * @refs: COM references, local
 * @obj: the kernel handle, released with the last reference
 * @id: its object id: the (object, interface) pair in the host
 * @srv: the host (a reference)
 * @pair: the interface's pair
 * @next: the identity table's chain
 */
struct pmp_proxy {
	const void *lpVtbl;
	unsigned int refs;
	pmp_obj *obj;
	uint64_t id;
	pmp_server *srv;
	const struct pmp_ps_pair *pair;
	struct pmp_proxy *next;
};

HRESULT pmp_proxy_query_interface(struct pmp_proxy *proxy, REFIID riid,
				  void **ppv);
ULONG pmp_proxy_addref(struct pmp_proxy *proxy);
ULONG pmp_proxy_release(struct pmp_proxy *proxy);

/* Defines prefix_QueryInterface, _AddRef and _Release for @iface. */
#define PMP_PROXY_IUNKNOWN(prefix, iface)                                      \
	static HRESULT STDMETHODCALLTYPE prefix##_QueryInterface(              \
		iface *This, REFIID riid, void **ppv)                          \
	{                                                                      \
		return pmp_proxy_query_interface((struct pmp_proxy *)This,     \
						 riid, ppv);                   \
	}                                                                      \
	static ULONG STDMETHODCALLTYPE prefix##_AddRef(iface *This)            \
	{                                                                      \
		return pmp_proxy_addref((struct pmp_proxy *)This);             \
	}                                                                      \
	static ULONG STDMETHODCALLTYPE prefix##_Release(iface *This)           \
	{                                                                      \
		return pmp_proxy_release((struct pmp_proxy *)This);            \
	}

/**
 * pmp_proxy_call - one remote call
 * @This: the proxy
 * @method: the vtable slot
 * @in: the arguments packed
 * @out: the reply, filled in; clean it up in every case
 * @outbuf, @outcap: room for the reply's payload
 * @want_object: the method hands back an interface pointer
 *
 * Return: the method's HRESULT, or the transport's error mapped through
 * pmp_hresult_from_errno() (MF_E_SHUTDOWN once the host has gone).  On
 * failure @out is empty.
 */
HRESULT pmp_proxy_call(void *This, uint32_t method, struct pmp_wmsg *in,
		       struct pmp_rmsg *out, void *outbuf, uint32_t outcap,
		       bool want_object);

/**
 * pmp_proxy_unmarshal - the proxy for the object of a successful reply
 * @srv: unused when @out has no object
 * @out: the reply; its object is taken
 * @iid: the interface it was asked for
 * @ppv: the proxy (the existing one if the process has one for that
 *	object id)
 *
 * Return: S_OK, E_OUTOFMEMORY, PMP_E_BAD_STUB_DATA (no object, or an
 * object id already known as another interface).
 */
HRESULT pmp_proxy_unmarshal(struct pmp_rmsg *out, const IID *iid, void **ppv);

/* pmp_proxy_from_obj - the proxy for @obj (taken over, even on failure). */
HRESULT pmp_proxy_from_obj(pmp_obj *obj, const struct pmp_ps_pair *pair,
			   void **ppv);

#endif /* PMP_LIB_COM_MARSHAL_H */
