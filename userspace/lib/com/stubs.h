/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * stubs.h - the host side of marshaling: the objects a host serves
 *
 * Internal to libpmp (hidden symbols); pmphost links the static library.
 *
 * Every object a host hands to a client is a stub: one interface pointer
 * of one object, for one IID, with the interface's stub dispatcher.  Its
 * address is the cookie the kernel knows it by.  There is at most one stub
 * per (object identity, IID) pair, so that handing the same interface twice
 * hands the same cookie, and the kernel the same object id: this is what
 * keeps COM identity across processes.  The kernel holds one reference on a
 * stub for as long as the object is alive in the kernel.
 *
 * Method numbers: an interface's methods are numbered by their vtable slot
 * (QueryInterface 0, AddRef 1, Release 2, the first own method 3...).
 * PMP_METHOD_QUERY_INTERFACE is the remote QueryInterface: its payload is
 * the 16-byte IID, it needs PMP_CALL_WANT_OBJECT and it hands back the
 * object for that IID.  AddRef and Release never travel: proxies count
 * locally and release their handle.
 */

#ifndef PMP_LIB_STUBS_H
#define PMP_LIB_STUBS_H

#include <stdint.h>

#include "pmp/pmp.h"

#define PMP_METHOD_QUERY_INTERFACE 0u

struct pmp_stubs;
struct pmp_registry;

/**
 * pmp_stubs_new - the stub table of a host
 * @reg: where classes come from (not owned)
 * @out: the table
 *
 * Return: 0 or -ENOMEM.
 */
int pmp_stubs_new(struct pmp_registry *reg, struct pmp_stubs **out);

/**
 * pmp_stubs_serve - handle one work item and answer it
 * @stubs: the table
 * @host: the host endpoint, to reply on
 * @work: a received item (any type; RELEASE and CLIENT_GONE need no
 *	answer).  Descriptors in it are consumed.
 *
 * CREATE: class lookup through the registry (REGDB_E_CLASSNOTREG,
 * MF_E_PE_UNTRUSTED), IClassFactory::CreateInstance, then the stub for the
 * IID asked (E_NOINTERFACE when the object or the marshaling layer does not
 * support it).  CALL: the stub's dispatcher.  RELEASE: drops the kernel's
 * reference.  Safe to call from several threads at once.
 *
 * Return: 0, or a negative errno from pmp_host_reply() worth logging
 * (-ECANCELED is handled: what the reply carried is released).
 */
int pmp_stubs_serve(struct pmp_stubs *stubs, pmp_host *host,
		    struct pmp_host_work *work);

/** pmp_stubs_count - live stubs. */
unsigned int pmp_stubs_count(struct pmp_stubs *stubs);

/** pmp_stubs_free - release every stub, then free the table. */
void pmp_stubs_free(struct pmp_stubs *stubs);

#endif /* PMP_LIB_STUBS_H */
