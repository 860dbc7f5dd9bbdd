// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ps_clearkey.c - the proxy/stub pair of IPmpClearKeyDecryptor
 *
 *	slot method	in					out
 *	3    SetKey	BYTE kid[16], BYTE key[16]		-
 *	4    Decrypt	BYTE kid[16], BYTE iv[16], fd in,	fd out
 *			DWORD size
 *
 * Key material is wiped from the proxy's and the stub's buffers after use.
 */

#include <string.h>
#include <unistd.h>

#define COBJMACROS
#include "pmp/pmpsamples.h"

#include "marshal.h"

enum { CLEARKEY_SET_KEY = 3, CLEARKEY_DECRYPT, CLEARKEY_METHODS };

/* ---- proxy ---- */

PMP_PROXY_IUNKNOWN(clearkey_proxy, IPmpClearKeyDecryptor)

static HRESULT STDMETHODCALLTYPE clearkey_proxy_SetKey(
	IPmpClearKeyDecryptor *This, const BYTE kid[16], const BYTE key[16])
{
	uint8_t inbuf[32], outbuf[1];
	PMP_WMSG(in, inbuf);
	PMP_RMSG(out);
	HRESULT hr;

	if (!kid || !key)
		return E_POINTER;
	pmp_put_bytes(&in, kid, 16);
	pmp_put_bytes(&in, key, 16);
	hr = pmp_proxy_call(This, CLEARKEY_SET_KEY, &in, &out, outbuf,
			    sizeof(outbuf), false);
	explicit_bzero(inbuf, sizeof(inbuf));
	if (SUCCEEDED(hr) && !pmp_rmsg_done(&out))
		hr = PMP_E_BAD_STUB_DATA;
	pmp_rmsg_cleanup(&out);
	return hr;
}

static HRESULT STDMETHODCALLTYPE clearkey_proxy_Decrypt(
	IPmpClearKeyDecryptor *This, const BYTE kid[16], const BYTE iv[16],
	int in_memfd, DWORD size, int *out_memfd)
{
	uint8_t inbuf[40], outbuf[4];
	PMP_WMSG(in, inbuf);
	PMP_RMSG(out);
	HRESULT hr;

	if (!out_memfd)
		return E_POINTER;
	*out_memfd = -1;
	if (!kid || !iv)
		return E_POINTER;
	pmp_put_bytes(&in, kid, 16);
	pmp_put_bytes(&in, iv, 16);
	pmp_put_fd(&in, in_memfd);
	pmp_put_u32(&in, size);
	hr = pmp_proxy_call(This, CLEARKEY_DECRYPT, &in, &out, outbuf,
			    sizeof(outbuf), false);
	if (SUCCEEDED(hr)) {
		*out_memfd = pmp_take_fd(&out);
		if (!pmp_rmsg_done(&out))
			hr = PMP_E_BAD_STUB_DATA;
	}
	pmp_rmsg_cleanup(&out);
	return hr;
}

static const IPmpClearKeyDecryptorVtbl clearkey_proxy_vtbl = {
	.QueryInterface = clearkey_proxy_QueryInterface,
	.AddRef = clearkey_proxy_AddRef,
	.Release = clearkey_proxy_Release,
	.SetKey = clearkey_proxy_SetKey,
	.Decrypt = clearkey_proxy_Decrypt,
};

/* ---- stub ---- */

static HRESULT clearkey_stub(IUnknown *iface, uint32_t method,
			     struct pmp_rmsg *in, struct pmp_wmsg *out)
{
	IPmpClearKeyDecryptor *dec = (IPmpClearKeyDecryptor *)iface;
	BYTE kid[16], key[16], iv[16];
	int in_memfd, out_memfd = -1;
	DWORD size;
	HRESULT hr;

	switch (method) {
	case CLEARKEY_SET_KEY:
		pmp_get_bytes(in, kid, sizeof(kid));
		pmp_get_bytes(in, key, sizeof(key));
		if (pmp_rmsg_done(in))
			hr = IPmpClearKeyDecryptor_SetKey(dec, kid, key);
		else
			hr = PMP_E_BAD_STUB_DATA;
		explicit_bzero(key, sizeof(key));
		return hr;
	case CLEARKEY_DECRYPT:
		pmp_get_bytes(in, kid, sizeof(kid));
		pmp_get_bytes(in, iv, sizeof(iv));
		in_memfd = pmp_get_fd(in);
		size = pmp_get_u32(in);
		if (!pmp_rmsg_done(in))
			return PMP_E_BAD_STUB_DATA;
		hr = IPmpClearKeyDecryptor_Decrypt(dec, kid, iv, in_memfd, size,
						   &out_memfd);
		if (SUCCEEDED(hr))
			pmp_put_fd(out, out_memfd);
		else if (out_memfd >= 0)
			close(out_memfd);
		return hr;
	}
	return PMP_E_BAD_METHOD;
}

const struct pmp_ps_pair pmp_ps_IPmpClearKeyDecryptor = {
	.iid = &IID_IPmpClearKeyDecryptor,
	.name = "IPmpClearKeyDecryptor",
	.methods = CLEARKEY_METHODS,
	.proxy_vtbl = &clearkey_proxy_vtbl,
	.stub = clearkey_stub,
};
