// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * runtime.c - the platform around Media Foundation's calls: MFStartup and
 * MFShutdown, CoInitializeEx and CoUninitialize, CoTaskMem*
 */

#define COBJMACROS
#include <stdatomic.h>
#include <stdlib.h>

#include "mfapi.h"

#include "../export.h"
#include "mf.h"

/* MFStartup calls not yet undone by MFShutdown. */
static atomic_long mf_started;

/* CoInitializeEx calls of this thread not yet undone. */
static _Thread_local unsigned long co_inits;

PMP_EXPORT HRESULT STDAPICALLTYPE MFStartup(ULONG Version, DWORD dwFlags)
{
	if (Version != MF_VERSION)
		return MF_E_BAD_STARTUP_VERSION;
	if (dwFlags & ~(DWORD)MFSTARTUP_NOSOCKET)
		return E_INVALIDARG;
	atomic_fetch_add(&mf_started, 1);
	return S_OK;
}

PMP_EXPORT HRESULT STDAPICALLTYPE MFShutdown(void)
{
	long n = atomic_load(&mf_started);

	do {
		if (n <= 0)
			return MF_E_PLATFORM_NOT_INITIALIZED;
	} while (!atomic_compare_exchange_weak(&mf_started, &n, n - 1));
	return S_OK;
}

/**
 * pmp_mf_started - whether the platform is started (MFStartup)
 *
 * Return: true when at least one MFStartup has not been undone.
 */
bool pmp_mf_started(void)
{
	return atomic_load(&mf_started) > 0;
}

/**
 * pmp_query_one - QueryInterface of an object with one interface
 * @iface: the object's interface (its IUnknown too)
 * @riid: what is asked for
 * @iid: the interface's IID
 * @ppv: receives @iface with a reference, or NULL
 *
 * Return: S_OK, E_POINTER or E_NOINTERFACE.
 */
HRESULT pmp_query_one(void *iface, REFIID riid, REFIID iid, void **ppv)
{
	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	if (!riid)
		return E_POINTER;
	if (!IsEqualIID(riid, &IID_IUnknown) && !IsEqualIID(riid, iid))
		return E_NOINTERFACE;
	*ppv = iface;
	IUnknown_AddRef((IUnknown *)iface);
	return S_OK;
}

PMP_EXPORT HRESULT STDAPICALLTYPE CoInitializeEx(LPVOID pvReserved,
						 DWORD dwCoInit)
{
	const DWORD known = COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE |
			    COINIT_SPEED_OVER_MEMORY;

	if (pvReserved || dwCoInit & ~known)
		return E_INVALIDARG;
	return co_inits++ ? S_FALSE : S_OK;
}

PMP_EXPORT void STDAPICALLTYPE CoUninitialize(void)
{
	if (co_inits)
		co_inits--;
}

PMP_EXPORT LPVOID STDAPICALLTYPE CoTaskMemAlloc(SIZE_T cb)
{
	/* As on Windows, 0 bytes is a block too. */
	return malloc(cb ? cb : 1);
}

PMP_EXPORT LPVOID STDAPICALLTYPE CoTaskMemRealloc(LPVOID pv, SIZE_T cb)
{
	if (!cb) {
		free(pv);
		return NULL;
	}
	return realloc(pv, cb);
}

PMP_EXPORT void STDAPICALLTYPE CoTaskMemFree(LPVOID pv)
{
	free(pv);
}
