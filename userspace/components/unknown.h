/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * unknown.h - IUnknown for pmp's components: objects with one interface
 * and an atomic reference count
 *
 * Each class still has its own QueryInterface, AddRef and Release, typed
 * for its vtbl; they call these, so that the rules live in one place.
 */

#ifndef PMP_COMPONENTS_UNKNOWN_H
#define PMP_COMPONENTS_UNKNOWN_H

#include "objbase.h"

/*
 * QueryInterface of an object whose only interface, @iface, is @iid: it
 * answers IUnknown and @iid with @iface, AddRef'd, and nothing else.
 */
HRESULT component_query_interface(IUnknown *iface, REFIID iid, REFIID riid,
				  void **ppv);

/*
 * Hands out a new object as @riid in *@ppv and drops the reference its
 * creation gave, so that a failed QueryInterface frees it.
 */
HRESULT component_hand_out(IUnknown *iface, REFIID riid, void **ppv);

static inline ULONG component_add_ref(unsigned int *refs)
{
	return __atomic_add_fetch(refs, 1, __ATOMIC_RELAXED);
}

/* Returns the references left: at 0 the caller frees the object. */
static inline ULONG component_release(unsigned int *refs)
{
	return __atomic_sub_fetch(refs, 1, __ATOMIC_ACQ_REL);
}

#endif /* PMP_COMPONENTS_UNKNOWN_H */
