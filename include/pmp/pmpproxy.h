/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * pmpproxy.h - proxy/stub pairs: the tables pmpidl.py generates, and their
 * registration with libpmp
 *
 * pmp's counterpart of Windows' <rpcproxy.h>.  For each interface of an
 * .idl file that is not [local], userspace/idl/pmpidl.py writes a proxy
 * vtable (thunks that hand their arguments to libpmp), one stub thunk per
 * method (which calls the real object) and a description of each
 * parameter's wire kind; libpmp's generic code packs and unpacks the
 * messages (Documentation/userspace-api/com.rst, "Marshaling").  A
 * generated file references no libpmp symbol, so that it can be linked
 * into a component, which does not link libpmp, as well as into a client.
 *
 * libpmp carries the pairs of its own interfaces.  Others are registered:
 * a client calls pmp_ps_register() (libpmp-samples does so when it is
 * loaded); a component exports pmp_component_proxy_stubs(), which the
 * class registry calls when it loads the component, so that a host can
 * serve the component's interfaces.
 */

#ifndef PMP_PMPPROXY_H
#define PMP_PMPPROXY_H

#include <stdint.h>

#include "objbase.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The layout of these tables; pmp_ps_register() refuses others. */
#define PMP_PS_VERSION 1

/* Wire kinds of a parameter (com.rst has the format of each). */
enum pmp_ps_kind {
	PMP_PS_U32 = 1,		/* 32-bit integer or enum */
	PMP_PS_U64,		/* 64-bit integer */
	PMP_PS_BYTES,		/* BYTE x[size] */
	PMP_PS_GUID,		/* REFGUID in, GUID * out */
	PMP_PS_STR,		/* [string] char *; out: size_is(ref) */
	PMP_PS_FD,		/* [fd] int, int * */
	PMP_PS_OBJECT,		/* interface pointer out */
	PMP_PS_OBJECT_IN,	/* interface pointer in: a proxy's object */
	PMP_PS_BLOB,		/* BYTE *, size_is(ref); out: length_is(size) */
};

/*
 * The most bytes one PMP_PS_BLOB parameter carries: with the rest of a
 * call it stays within the module's default max_payload (64 KiB).
 */
#define PMP_PS_BLOB_MAX 65024

#define PMP_PS_IN 0x1
#define PMP_PS_OUT 0x2

/* struct pmp_ps_param's flags. */
#define PMP_PS_UNIQUE 0x1	/* [unique]: the pointer may be NULL; an
				   [out, fd] descriptor may be -1 */

/**
 * struct pmp_ps_param - one parameter of a method
 * @kind: enum pmp_ps_kind
 * @dir: PMP_PS_IN or PMP_PS_OUT
 * @size: PMP_PS_BYTES: the byte count; PMP_PS_BLOB out: the [out] 32-bit
 *	parameter giving the bytes written (length_is)
 * @ref: PMP_PS_STR out: the parameter giving the buffer's size;
 *	PMP_PS_OBJECT: the parameter giving the IID (iid_is), or -1;
 *	PMP_PS_BLOB: the [in] 32-bit parameter giving the bytes passed in, or
 *	the room of the buffer out (size_is)
 * @flags: PMP_PS_OBJECT_IN, PMP_PS_FD out: PMP_PS_UNIQUE or 0.  It fills
 *	what was padding and is read for no older kind: the layout and
 *	PMP_PS_VERSION stand.
 * @iid: PMP_PS_OBJECT without @ref: the interface handed back;
 *	PMP_PS_OBJECT_IN: the interface the method takes
 */
struct pmp_ps_param {
	uint8_t kind;
	uint8_t dir;
	uint16_t size;
	int16_t ref;
	uint16_t flags;
	const IID *iid;
};

/**
 * struct pmp_ps_method - one method (vtable slot 3 and up)
 * @name: its name, for logs
 * @nparams, @params: its parameters, in order
 * @stub: calls the method of @iface; @args[i] points at parameter i's
 *	value (in), or is the pointer the method writes through (out)
 */
struct pmp_ps_method {
	const char *name;
	uint32_t nparams;
	const struct pmp_ps_param *params;
	HRESULT (*stub)(IUnknown *iface, void **args);
};

/**
 * struct pmp_ps_pair - the proxy/stub pair of one interface
 * @iid: the interface
 * @name: its name, for logs
 * @methods: number of vtable slots, IUnknown's three included
 * @proxy_vtbl: the vtable of its proxies
 * @own: the methods of slots 3 to @methods - 1; NULL for IUnknown
 */
struct pmp_ps_pair {
	const IID *iid;
	const char *name;
	uint32_t methods;
	const void *proxy_vtbl;
	const struct pmp_ps_method *own;
};

/**
 * struct pmp_ps_file - the pairs of one .idl file (pmp_ps_file_NAME)
 * @version: PMP_PS_VERSION
 * @count: number of pairs
 * @pairs: the pairs
 */
struct pmp_ps_file {
	uint32_t version;
	uint32_t count;
	const struct pmp_ps_pair *const *pairs;
};

/*
 * What a generated proxy thunk calls: libpmp's proxy object starts with
 * its vtable and these operations.
 */
struct pmp_proxy_ops {
	HRESULT (*query_interface)(void *This, REFIID riid, void **ppv);
	ULONG (*add_ref)(void *This);
	ULONG (*release)(void *This);
	/* Method @method (slot) with @args as struct pmp_ps_method's. */
	HRESULT (*invoke)(void *This, uint32_t method, void **args);
};

struct pmp_proxy_header {
	const void *lpVtbl;
	const struct pmp_proxy_ops *ops;
};

#define PMP_PROXY_OPS(This) (((const struct pmp_proxy_header *)(This))->ops)

/**
 * pmp_ps_register - make the pairs of @file known to this process
 * @file: a generated table; it must stay loaded for good
 *
 * A pair whose interface is known already (built into libpmp, or
 * registered before) is skipped.  Thread-safe.
 *
 * Return: 0, -EINVAL (a NULL @file or another PMP_PS_VERSION), -ENOMEM.
 */
int pmp_ps_register(const struct pmp_ps_file *file);

/**
 * pmp_component_proxy_stubs - what a component exports for its interfaces
 *
 * Optional.  The class registry calls it after loading a trusted
 * component and registers the pairs it returns, keeping the component
 * loaded from then on.
 *
 * Return: the component's pairs, or NULL.
 */
DECLSPEC_EXPORT const struct pmp_ps_file *pmp_component_proxy_stubs(void);

#ifdef __cplusplus
}
#endif

#endif /* PMP_PMPPROXY_H */
