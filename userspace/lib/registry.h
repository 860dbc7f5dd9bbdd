/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * registry.h - the class registry: CLSID -> component, and its trust checks
 *
 * Internal to libpmp (hidden symbols); pmphost links the static library.
 *
 * A registry is a directory of small files, one per class, named
 * "<anything>.class", each holding three "key = value" lines ('#' starts a
 * comment):
 *
 *	clsid = {8D2F5C61-3E0B-4C47-9A51-6B7E0C2D9F14}
 *	path = /usr/local/lib/pmp/components/libpmp-counter.so
 *	sha256 = <64 hex digits of the component file>
 *
 * The default directory is $(PREFIX)/lib/pmp/registry (PMP_REGISTRY_DEFAULT,
 * set at build time).  A component is a shared object exporting
 * DllGetClassObject(REFCLSID, REFIID, void **), which hands out an
 * IClassFactory.
 *
 * Trust: in strict mode (protected hosts) a class is usable only when its
 * registry file and its component file are owned by root, not group- or
 * world-writable, regular files, and the component's SHA-256 (computed with
 * OpenSSL's libcrypto) matches.  In relaxed mode (unprotected hosts, the
 * in-process server) only the digest is checked.  A class that fails its
 * checks is known but untrusted: MF_E_PE_UNTRUSTED.
 */

#ifndef PMP_LIB_REGISTRY_H
#define PMP_LIB_REGISTRY_H

#include <stdbool.h>
#include <stdint.h>

#include "pmp/pmp.h"

struct pmp_registry;

/**
 * pmp_registry_open - read every class file of a registry directory
 * @dir: the directory (NULL: PMP_REGISTRY_DEFAULT)
 * @strict: apply the protected host's ownership checks
 * @out: the registry
 *
 * Components are checked and loaded (dlopen, RTLD_NOW | RTLD_LOCAL) here,
 * all at once, so that a sandboxed host can seal its seccomp filter after
 * this call: nothing later opens a file.  A malformed class file is
 * skipped; a missing directory is an empty registry.
 *
 * Return: 0, -ENOMEM.
 */
int pmp_registry_open(const char *dir, bool strict, struct pmp_registry **out);

/**
 * pmp_registry_get_class_object - DllGetClassObject through the registry
 * @reg: the registry
 * @clsid: the class
 * @iid: the factory interface wanted (IID_IClassFactory)
 * @ppv: the factory, or NULL on failure
 *
 * A CLSID no class file names may be a built-in class (below).
 *
 * Return (an HRESULT): S_OK, REGDB_E_CLASSNOTREG (no such class),
 * MF_E_PE_UNTRUSTED (the class failed its trust checks or its component
 * could not be loaded), E_POINTER, or the component's own failure.
 */
int32_t pmp_registry_get_class_object(struct pmp_registry *reg,
				      const pmp_guid *clsid,
				      const pmp_guid *iid, void **ppv);

/**
 * pmp_registry_count - number of classes, and of trusted ones
 *
 * Those of the class files only: the built-in classes are not counted.
 */
unsigned int pmp_registry_count(const struct pmp_registry *reg,
				unsigned int *trusted);

/**
 * pmp_registry_close - unload the components and free the registry
 *
 * Only once no object of any component is alive.
 */
void pmp_registry_close(struct pmp_registry *reg);

/*
 * The built-in classes, which every registry serves without a class file
 * (a class file naming the same CLSID wins): CLSID_PmpMediaSession
 * (mf/session_host.c), whose factory creates sessions that create their
 * nodes' objects through @reg.
 */
int32_t pmp_session_host_class_object(struct pmp_registry *reg,
				      const pmp_guid *iid, void **ppv);

#endif /* PMP_LIB_REGISTRY_H */
