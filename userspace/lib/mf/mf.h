/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mf.h - libpmp's Media Foundation objects: what the files of lib/mf/
 * share (not installed)
 */

#ifndef PMP_LIB_MF_H
#define PMP_LIB_MF_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "mfapi.h"
#include "mfidl.h"

bool pmp_mf_started(void);
IMFAsyncCallback *pmp_async_result_callback(IMFAsyncResult *result);
size_t pmp_wcslen(LPCWSTR s);
HRESULT pmp_query_one(void *iface, REFIID riid, REFIID iid, void **ppv);

/**
 * pmp_buffer_create_over - an IMFMediaBuffer over memory its caller owns
 * @data: the memory, @max_length bytes that never move
 * @max_length: the buffer's size
 * @release: called once with @context when the buffer goes, to give the
 *	memory back; NULL: @data is free()d
 * @context: what @release is given
 * @out: the buffer, one reference, its current length 0
 *
 * Return: S_OK or E_OUTOFMEMORY (then @release is not called).
 */
HRESULT pmp_buffer_create_over(BYTE *data, DWORD max_length,
			       void (*release)(void *context), void *context,
			       IMFMediaBuffer **out);

/**
 * pmp_buffer_create_to_fill - MFCreateMemoryBuffer's buffer, not zeroed
 * @max_length: the buffer's size
 * @out: the buffer, one reference, its current length 0
 *
 * Only for a caller that writes all @max_length bytes before it reads any
 * or hands the buffer on: its bytes are this process's stale heap.
 *
 * Return: S_OK or E_OUTOFMEMORY.
 */
HRESULT pmp_buffer_create_to_fill(DWORD max_length, IMFMediaBuffer **out);

/* One attribute: a key and its value. */
struct pmp_attr {
	GUID key;
	PROPVARIANT value;
};

/**
 * struct pmp_attrs - an IMFAttributes store, alone or inside an object
 *	whose interface derives from IMFAttributes
 * @IMFAttributes_iface: the interface; its lpVtbl may be a derived
 *	interface's vtable whose first part is pmp_attrs_vtbl's methods
 * @refcount: the object's references
 * @lock: recursive (IMFAttributes::LockStore nests)
 * @items: the attributes, in the order they were first set
 * @count: entries of @items
 * @capacity: room at @items
 * @iid: the derived interface the object is (IMFMediaEvent...), or NULL
 * @destroy: frees the object once its last reference has gone
 */
struct pmp_attrs {
	IMFAttributes IMFAttributes_iface;
	atomic_long refcount;
	pthread_mutex_t lock;
	struct pmp_attr *items;
	UINT32 count;
	UINT32 capacity;
	const IID *iid;
	void (*destroy)(struct pmp_attrs *attrs);
};

extern const IMFAttributesVtbl pmp_attrs_vtbl;

HRESULT pmp_attrs_init(struct pmp_attrs *attrs, const void *vtbl,
		       UINT32 size);
void *pmp_attrs_new(size_t size, const void *vtbl, const IID *iid,
		    void (*destroy)(struct pmp_attrs *attrs));
void pmp_attrs_cleanup(struct pmp_attrs *attrs);
HRESULT pmp_attrs_items(IMFAttributes *attrs, struct pmp_attr **out,
			UINT32 *count);
void pmp_attrs_items_free(struct pmp_attr *items, UINT32 count);

/*
 * Topologies by value (topology_blob.c; mf.rst, "Topologies by value"):
 * what crosses into a PMP host is the topology's id, attributes, nodes
 * (type, id, attributes but IUnknown values, connections); node objects
 * never cross.  pmp_topology_serialize() returns a buffer from malloc();
 * pmp_topology_deserialize() refuses a malformed buffer with E_INVALIDARG
 * and keeps the ids it reads.  Both refuse a topology of more than
 * PMP_TOPOLOGY_NODES_MAX nodes (E_INVALIDARG): far beyond any playback
 * topology, and it bounds the work a host does on a blob (AddNode's
 * duplicate check is quadratic).
 */
#define PMP_TOPOLOGY_NODES_MAX 1024
HRESULT pmp_topology_serialize(IMFTopology *topology, void **buf,
			       UINT32 *size);
HRESULT pmp_topology_deserialize(const void *buf, UINT32 size,
				 IMFTopology **out);
/* Sets the id of a topology of MFCreateTopology's (topology.c). */
void pmp_topology_set_id(IMFTopology *topology, TOPOID id);

#endif /* PMP_LIB_MF_H */
