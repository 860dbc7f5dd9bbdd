// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * server.c - MFCreatePMPServer and IMFPMPServer
 *
 * A server is either a separate pmphost (protected or not), reached
 * through the process's one kernel connection to it, or an in-process
 * server whose classes run in the caller.  Separate hosts keep their lock
 * count in the kernel, shared by every pointer to the host; an in-process
 * server keeps its own, with the same rules.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define COBJMACROS
#include "pmp/mfidl.h"

#include "../registry.h"
#include "../mf/session.h"
#include "marshal.h"

_Static_assert(PMP_SPAWN_UNPROTECTED == MFPMPSESSION_UNPROTECTED_PROCESS,
	       "one value for an unprotected host");

struct com_server {
	IMFPMPServer IMFPMPServer_iface;
	unsigned int refs;
	/* A separate host... */
	pmp_server *srv;
	/* ...or classes in this process, and their lock count. */
	struct pmp_registry *reg;
	pthread_mutex_t lock;
	unsigned int locks;
};

static struct com_server *impl_from_IMFPMPServer(IMFPMPServer *iface)
{
	return (struct com_server *)iface;
}

/* ---- the in-process registries: one per directory, kept for good ---- */

struct inproc_registry {
	char *dir;
	struct pmp_registry *reg;
	struct inproc_registry *next;
};

static pthread_mutex_t inproc_lock = PTHREAD_MUTEX_INITIALIZER;
static struct inproc_registry *inproc_registries;

/*
 * Components stay loaded while any of their objects may live, and objects
 * may outlive every server: a registry, once open, stays open.
 */
static HRESULT inproc_registry(struct pmp_registry **out)
{
	const char *dir = secure_getenv("PMP_REGISTRY_DIR");
	const char *key;
	struct inproc_registry *r;
	HRESULT hr = S_OK;
	int err;

	if (dir && !*dir)
		dir = NULL;
	key = dir ? dir : "";

	pthread_mutex_lock(&inproc_lock);
	for (r = inproc_registries; r; r = r->next)
		if (!strcmp(r->dir, key))
			break;
	if (!r) {
		r = calloc(1, sizeof(*r));
		if (r)
			r->dir = strdup(key);
		if (!r || !r->dir) {
			hr = E_OUTOFMEMORY;
		} else {
			err = pmp_registry_open(dir, false, &r->reg);
			hr = pmp_hresult_from_errno(err);
		}
		if (SUCCEEDED(hr)) {
			r->next = inproc_registries;
			inproc_registries = r;
		} else if (r) {
			free(r->dir);
			free(r);
			r = NULL;
		}
	}
	pthread_mutex_unlock(&inproc_lock);
	*out = r ? r->reg : NULL;
	return hr;
}

/* ---- IMFPMPServer ---- */

static HRESULT STDMETHODCALLTYPE server_QueryInterface(IMFPMPServer *iface,
						       REFIID riid, void **ppv)
{
	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	if (!riid)
		return E_POINTER;
	if (!IsEqualIID(riid, &IID_IUnknown) &&
	    !IsEqualIID(riid, &IID_IMFPMPServer))
		return E_NOINTERFACE;
	IMFPMPServer_AddRef(iface);
	*ppv = iface;
	return S_OK;
}

static ULONG STDMETHODCALLTYPE server_AddRef(IMFPMPServer *iface)
{
	struct com_server *server = impl_from_IMFPMPServer(iface);

	return __atomic_add_fetch(&server->refs, 1, __ATOMIC_RELAXED);
}

static ULONG STDMETHODCALLTYPE server_Release(IMFPMPServer *iface)
{
	struct com_server *server = impl_from_IMFPMPServer(iface);
	ULONG refs;

	refs = __atomic_sub_fetch(&server->refs, 1, __ATOMIC_ACQ_REL);
	if (refs)
		return refs;
	/* The host keeps running for the objects still alive in it. */
	if (server->srv)
		pmp_server_unref(server->srv);
	pthread_mutex_destroy(&server->lock);
	free(server);
	return 0;
}

static HRESULT STDMETHODCALLTYPE server_LockProcess(IMFPMPServer *iface)
{
	struct com_server *server = impl_from_IMFPMPServer(iface);
	int err = 0;

	if (server->srv)
		return pmp_hresult_from_errno(pmp_server_lock(server->srv));

	pthread_mutex_lock(&server->lock);
	if (server->locks < INT_MAX)
		server->locks++;
	else
		err = -EOVERFLOW;
	pthread_mutex_unlock(&server->lock);
	return pmp_hresult_from_errno(err);
}

static HRESULT STDMETHODCALLTYPE server_UnlockProcess(IMFPMPServer *iface)
{
	struct com_server *server = impl_from_IMFPMPServer(iface);
	int err = 0;

	if (server->srv)
		return pmp_hresult_from_errno(pmp_server_unlock(server->srv));

	pthread_mutex_lock(&server->lock);
	if (server->locks)
		server->locks--;
	else
		err = -ENOLCK;
	pthread_mutex_unlock(&server->lock);
	return pmp_hresult_from_errno(err);
}

static HRESULT create_in_process(struct com_server *server, REFCLSID clsid,
				 REFIID riid, void **ppObject)
{
	IClassFactory *factory = NULL;
	HRESULT hr;

	hr = pmp_registry_get_class_object(server->reg, pmp_guid_of(clsid),
					   pmp_guid_of(&IID_IClassFactory),
					   (void **)&factory);
	if (FAILED(hr))
		return hr;
	if (!factory)
		return E_UNEXPECTED;
	hr = IClassFactory_CreateInstance(factory, NULL, riid, ppObject);
	IClassFactory_Release(factory);
	if (SUCCEEDED(hr) && !*ppObject)
		hr = E_UNEXPECTED;
	if (FAILED(hr))
		*ppObject = NULL;
	return hr;
}

static HRESULT create_in_host(struct com_server *server, REFCLSID clsid,
			      REFIID riid, void **ppObject)
{
	const struct pmp_ps_pair *pair = pmp_ps_find(riid);
	pmp_obj *obj = NULL;
	int32_t status = 0;
	int err;

	/* What no proxy can carry is refused without a round trip. */
	if (!pair)
		return E_NOINTERFACE;
	err = pmp_server_create(server->srv, pmp_guid_of(clsid),
				pmp_guid_of(riid), 0, &status, &obj);
	if (err < 0)
		return pmp_hresult_from_errno(err);
	if (FAILED(status)) {
		if (obj)
			pmp_obj_release(obj);
		return status;
	}
	if (!obj)
		return E_UNEXPECTED;
	return pmp_proxy_from_obj(obj, pair, ppObject);
}

static HRESULT STDMETHODCALLTYPE server_CreateObjectByCLSID(IMFPMPServer *iface,
							    REFCLSID clsid,
							    REFIID riid,
							    void **ppObject)
{
	struct com_server *server = impl_from_IMFPMPServer(iface);

	if (!ppObject)
		return E_POINTER;
	*ppObject = NULL;
	if (!clsid || !riid)
		return E_POINTER;
	if (server->srv)
		return create_in_host(server, clsid, riid, ppObject);
	return create_in_process(server, clsid, riid, ppObject);
}

static const IMFPMPServerVtbl server_vtbl = {
	.QueryInterface = server_QueryInterface,
	.AddRef = server_AddRef,
	.Release = server_Release,
	.LockProcess = server_LockProcess,
	.UnlockProcess = server_UnlockProcess,
	.CreateObjectByCLSID = server_CreateObjectByCLSID,
};

/**
 * pmp_server_flags_valid - whether MFCreatePMPServer's and
 *	MFCreatePMPMediaSession's creation flags make sense
 * @flags: MFPMPSESSION_CREATION_FLAGS
 *
 * Return: false for an unknown bit, or for both a separate unprotected
 * process and the caller's process.
 */
bool pmp_server_flags_valid(DWORD flags)
{
	const DWORD known = MFPMPSESSION_UNPROTECTED_PROCESS |
			    MFPMPSESSION_IN_PROCESS;

	return !(flags & ~known) && flags != known;
}

/**
 * pmp_server_is_own - whether @server is one of libpmp's IMFPMPServer
 *	objects (MFCreatePMPServer's), not another implementation
 * @server: an IMFPMPServer pointer
 *
 * Only libpmp's servers reach a PMP process: a media session can join
 * nothing else.
 */
bool pmp_server_is_own(IMFPMPServer *server)
{
	return server && server->lpVtbl == &server_vtbl;
}

PMP_EXPORT HRESULT STDAPICALLTYPE MFCreatePMPServer(DWORD dwCreationFlags,
						    IMFPMPServer **ppPMPServer)
{
	struct com_server *server;
	HRESULT hr;
	int err;

	if (!ppPMPServer)
		return E_POINTER;
	*ppPMPServer = NULL;
	if (!pmp_server_flags_valid(dwCreationFlags))
		return E_INVALIDARG;

	server = calloc(1, sizeof(*server));
	if (!server)
		return E_OUTOFMEMORY;
	server->IMFPMPServer_iface.lpVtbl = &server_vtbl;
	server->refs = 1;
	pthread_mutex_init(&server->lock, NULL);

	if (dwCreationFlags & MFPMPSESSION_IN_PROCESS) {
		hr = inproc_registry(&server->reg);
	} else {
		err = pmp_server_spawn(dwCreationFlags &
					       MFPMPSESSION_UNPROTECTED_PROCESS,
				       &server->srv);
		hr = pmp_hresult_from_errno(err);
	}
	if (FAILED(hr)) {
		server->srv = NULL;
		IMFPMPServer_Release(&server->IMFPMPServer_iface);
		return hr;
	}
	*ppPMPServer = &server->IMFPMPServer_iface;
	return S_OK;
}
