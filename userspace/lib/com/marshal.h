/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * marshal.h - proxies, stubs and the messages between them
 *
 * An interface crosses processes through a proxy/stub pair: the proxy
 * (client side) packs a call into a message, the kernel carries it to the
 * host, and the stub (host side) unpacks it, calls the real object and
 * packs the results.  The pairs are tables generated from .idl files
 * (<pmpproxy.h>); interp.c packs and unpacks for all of them.
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
 * - an interface pointer passed in (a proxy of an object of the called
 *   object's host) travels as its kernel handle among the call's objects
 *   (struct pmp_call_args' in_objs), and in the payload as a 32-bit index
 *   into them, PMP_NO_OBJECT for NULL; the objects are in the order of
 *   the parameters, each named once;
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
#include "pmp/pmpproxy.h"

#include "com.h"

/* Payload room of the messages the built-in pairs exchange. */
#define PMP_MSG_MAX 512

/* The index of a NULL interface pointer passed in. */
#define PMP_NO_OBJECT 0xffffffffu
/* The index of no descriptor: an [out, fd, unique] parameter's -1. */
#define PMP_NO_FD 0xffffffffu

/**
 * struct pmp_wmsg - a message being packed
 * @buf, @cap: the payload buffer
 * @size: bytes packed
 * @max: when above @cap, what the message may grow to: packing past @cap
 *	moves it to @heap (a byte blob's room)
 * @heap: the grown buffer, or NULL; wiped and freed by pmp_wmsg_cleanup()
 *	and pmp_wmsg_wipe()
 * @overflow: more was packed than @cap (or @max) holds
 * @own_fds: close @fds with the message (stub replies)
 * @fds, @nfds: descriptors carried
 * @obj, @obj_iid: an interface pointer handed back (stub side; one
 *	reference, owned by the message)
 * @objs, @nobjs: objects passed in (proxy side; borrowed)
 */
struct pmp_wmsg {
	uint8_t *buf;
	uint32_t cap;
	uint32_t size;
	uint32_t max;
	uint8_t *heap;
	bool overflow;
	bool own_fds;
	int fds[PMP_MAX_FDS];
	uint32_t nfds;
	IUnknown *obj;
	const IID *obj_iid;
	pmp_obj *objs[PMP_MAX_OBJS];
	uint32_t nobjs;
};

/**
 * struct pmp_rmsg - a message being unpacked
 * @buf, @size: the payload
 * @pos: bytes unpacked
 * @bad: something was missing or malformed
 * @fds, @nfds: descriptors received, owned by the message until taken
 * @obj: the object handed back (proxy side), owned until taken
 * @objs, @nobjs: the host's own objects the call passed, in order (stub
 *	side; borrowed)
 * @objs_taken: how many of @objs were unpacked
 */
struct pmp_rmsg {
	const uint8_t *buf;
	uint32_t size;
	uint32_t pos;
	bool bad;
	int fds[PMP_MAX_FDS];
	uint32_t nfds;
	pmp_obj *obj;
	IUnknown *objs[PMP_MAX_OBJS];
	uint32_t nobjs;
	uint32_t objs_taken;
};

/* Packing: errors are remembered in the message and checked once. */
void pmp_put_u32(struct pmp_wmsg *m, uint32_t v);
void pmp_put_u64(struct pmp_wmsg *m, uint64_t v);
void pmp_put_bytes(struct pmp_wmsg *m, const void *p, uint32_t n);
void pmp_put_guid(struct pmp_wmsg *m, const GUID *guid);
void pmp_put_str(struct pmp_wmsg *m, const char *s);
/* A byte blob: a 32-bit length and the bytes (@p may be NULL when @n is 0). */
void pmp_put_blob(struct pmp_wmsg *m, const void *p, uint32_t n);
/* @fd: borrowed by a proxy's message, owned by a stub's (@own_fds). */
void pmp_put_fd(struct pmp_wmsg *m, int fd);
/* The same, or PMP_NO_FD for a negative @fd. */
void pmp_put_fd_or_none(struct pmp_wmsg *m, int fd);
/* Stub side: hand @obj (one reference, taken over) back as @iid. */
void pmp_put_object(struct pmp_wmsg *m, IUnknown *obj, const IID *iid);
/* Proxy side: pass @obj (borrowed; NULL for a NULL pointer) into the call. */
void pmp_put_passed(struct pmp_wmsg *m, pmp_obj *obj);
void pmp_wmsg_cleanup(struct pmp_wmsg *m);
/* Wipes the bytes packed and frees a grown buffer (@buf is then NULL). */
void pmp_wmsg_wipe(struct pmp_wmsg *m);

uint32_t pmp_get_u32(struct pmp_rmsg *m);
uint64_t pmp_get_u64(struct pmp_rmsg *m);
void pmp_get_bytes(struct pmp_rmsg *m, void *p, uint32_t n);
void pmp_get_guid(struct pmp_rmsg *m, GUID *guid);
/*
 * A byte blob of at most @max bytes, left where it is in the message:
 * *@p points into it (valid while the message is) and the return value
 * is its length; 0 (and @bad) when it is missing or longer than @max.
 */
uint32_t pmp_get_blob(struct pmp_rmsg *m, const uint8_t **p, uint32_t max);
/* A string of at most @cap - 1 bytes, no NUL inside, NUL-terminated. */
void pmp_get_str(struct pmp_rmsg *m, char *buf, uint32_t cap);
/* A descriptor, still owned by the message (-1 when bad). */
int pmp_get_fd(struct pmp_rmsg *m);
/* A descriptor, now the caller's (-1 when bad). */
int pmp_take_fd(struct pmp_rmsg *m);
/* The same, or -1 (not bad) for PMP_NO_FD. */
int pmp_take_fd_or_none(struct pmp_rmsg *m);
/*
 * An object passed in, as interface @iid (a new reference in *@out), or
 * NULL when @unique allows it.  Return: S_OK, or the object's
 * QueryInterface failure (E_NOINTERFACE) with *@out NULL; malformed data
 * marks @m bad.
 */
HRESULT pmp_get_passed(struct pmp_rmsg *m, const IID *iid, bool unique,
		       IUnknown **out);
/* True when everything was read, exactly: every byte and every object. */
bool pmp_rmsg_done(struct pmp_rmsg *m);
void pmp_rmsg_cleanup(struct pmp_rmsg *m);

#define PMP_WMSG(name, storage)                                                \
	struct pmp_wmsg name = { .buf = (storage), .cap = sizeof(storage) }
#define PMP_RMSG(name) struct pmp_rmsg name = { .nfds = 0 }

/*
 * marshal.c: the pair of @iid, or NULL.  The pairs are libpmp's own
 * (generated from unknwn.idl and mfidl.idl) and those registered with
 * pmp_ps_register().
 */
const struct pmp_ps_pair *pmp_ps_find(const IID *iid);

/* marshal.c: the pair whose proxies have the vtable @vtbl, or NULL. */
const struct pmp_ps_pair *pmp_ps_find_proxy_vtbl(const void *vtbl);

/*
 * stubs.c's generic stub (interp.c): calls method @method of @iface (an
 * interface pointer of @pair's IID) with the arguments unpacked from @in,
 * packs the results into @out and returns the method's HRESULT.  A
 * malformed @in: PMP_E_BAD_STUB_DATA without calling; a slot the
 * interface lacks: PMP_E_BAD_METHOD.
 */
HRESULT pmp_stub_invoke(const struct pmp_ps_pair *pair, IUnknown *iface,
			uint32_t method, struct pmp_rmsg *in,
			struct pmp_wmsg *out);

/* The generic proxy method (interp.c), for pmp_proxy_ops.invoke. */
HRESULT pmp_proxy_invoke(void *This, uint32_t method, void **args);

/* ---- proxies (proxy.c) ---- */

/**
 * struct pmp_proxy - a client's pointer to an interface of a host object
 * @lpVtbl: the interface's proxy vtable (the COM pointer is the proxy)
 * @ops: what the generated proxy thunks call (struct pmp_proxy_header)
 * @refs: COM references, local
 * @obj: the kernel handle, released with the last reference
 * @id: its object id: the (object, interface) pair in the host
 * @srv: the host (a reference)
 * @pair: the interface's pair
 * @next: the identity table's chain
 */
struct pmp_proxy {
	const void *lpVtbl;
	const struct pmp_proxy_ops *ops;
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

/**
 * pmp_proxy_call - one remote call
 * @This: the proxy
 * @method: the vtable slot
 * @in: the arguments packed, and the objects passed in
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

/*
 * pmp_proxy_of - @iface as a libpmp proxy, or NULL when it is another
 * object (a local one, a component's own in process)
 */
struct pmp_proxy *pmp_proxy_of(const void *iface);

#endif /* PMP_LIB_COM_MARSHAL_H */
