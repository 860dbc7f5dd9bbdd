// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ps_counter.c - the proxy/stub pair of IPmpTestCounter
 *
 *	slot method        in            out
 *	3    Add           LONG delta    LONG result
 *	4    Get           -             LONG value
 *	5    SetLabel      string label  -
 *	6    GetLabel      DWORD size    string label
 *	7    Fail          HRESULT hr    -
 *	8    GetProcessId  -             DWORD pid
 *	9    Clone         -             object (IPmpTestCounter)
 */

#define COBJMACROS
#include "pmp/pmpsamples.h"

#include "marshal.h"

enum {
	COUNTER_ADD = 3,
	COUNTER_GET,
	COUNTER_SET_LABEL,
	COUNTER_GET_LABEL,
	COUNTER_FAIL,
	COUNTER_GET_PROCESS_ID,
	COUNTER_CLONE,
	COUNTER_METHODS
};

/* ---- proxy ---- */

PMP_PROXY_IUNKNOWN(counter_proxy, IPmpTestCounter)

/* A call whose only result, if any, is one 32-bit value. */
static HRESULT counter_call_u32(IPmpTestCounter *This, uint32_t method,
				struct pmp_wmsg *in, uint32_t *result)
{
	uint8_t outbuf[4];
	PMP_RMSG(out);
	HRESULT hr;

	hr = pmp_proxy_call(This, method, in, &out, outbuf, sizeof(outbuf),
			    false);
	if (SUCCEEDED(hr) && result)
		*result = pmp_get_u32(&out);
	if (SUCCEEDED(hr) && !pmp_rmsg_done(&out))
		hr = PMP_E_BAD_STUB_DATA;
	pmp_rmsg_cleanup(&out);
	return hr;
}

static HRESULT STDMETHODCALLTYPE counter_proxy_Add(IPmpTestCounter *This,
						   LONG delta, LONG *result)
{
	uint8_t inbuf[4];
	PMP_WMSG(in, inbuf);
	uint32_t value;
	HRESULT hr;

	if (!result)
		return E_POINTER;
	pmp_put_u32(&in, (uint32_t)delta);
	hr = counter_call_u32(This, COUNTER_ADD, &in, &value);
	if (SUCCEEDED(hr))
		*result = (LONG)value;
	return hr;
}

static HRESULT STDMETHODCALLTYPE counter_proxy_Get(IPmpTestCounter *This,
						   LONG *value)
{
	uint8_t inbuf[1];
	PMP_WMSG(in, inbuf);
	uint32_t v;
	HRESULT hr;

	if (!value)
		return E_POINTER;
	hr = counter_call_u32(This, COUNTER_GET, &in, &v);
	if (SUCCEEDED(hr))
		*value = (LONG)v;
	return hr;
}

static HRESULT STDMETHODCALLTYPE counter_proxy_SetLabel(IPmpTestCounter *This,
							LPCSTR label)
{
	uint8_t inbuf[PMP_MSG_MAX];
	PMP_WMSG(in, inbuf);

	if (!label)
		return E_POINTER;
	pmp_put_str(&in, label);
	return counter_call_u32(This, COUNTER_SET_LABEL, &in, NULL);
}

static HRESULT STDMETHODCALLTYPE counter_proxy_GetLabel(IPmpTestCounter *This,
							LPSTR buffer,
							DWORD size)
{
	uint8_t inbuf[4], outbuf[PMP_MSG_MAX];
	PMP_WMSG(in, inbuf);
	PMP_RMSG(out);
	HRESULT hr;

	if (!buffer)
		return E_POINTER;
	pmp_put_u32(&in, size);
	hr = pmp_proxy_call(This, COUNTER_GET_LABEL, &in, &out, outbuf,
			    sizeof(outbuf), false);
	if (SUCCEEDED(hr)) {
		pmp_get_str(&out, buffer, size);
		if (!pmp_rmsg_done(&out))
			hr = PMP_E_BAD_STUB_DATA;
	}
	pmp_rmsg_cleanup(&out);
	return hr;
}

static HRESULT STDMETHODCALLTYPE counter_proxy_Fail(IPmpTestCounter *This,
						    HRESULT result)
{
	uint8_t inbuf[4];
	PMP_WMSG(in, inbuf);

	pmp_put_u32(&in, (uint32_t)result);
	return counter_call_u32(This, COUNTER_FAIL, &in, NULL);
}

static HRESULT STDMETHODCALLTYPE
counter_proxy_GetProcessId(IPmpTestCounter *This, DWORD *pid)
{
	uint8_t inbuf[1];
	PMP_WMSG(in, inbuf);
	uint32_t v;
	HRESULT hr;

	if (!pid)
		return E_POINTER;
	hr = counter_call_u32(This, COUNTER_GET_PROCESS_ID, &in, &v);
	if (SUCCEEDED(hr))
		*pid = v;
	return hr;
}

static HRESULT STDMETHODCALLTYPE counter_proxy_Clone(IPmpTestCounter *This,
						     IPmpTestCounter **copy)
{
	uint8_t inbuf[1], outbuf[1];
	PMP_WMSG(in, inbuf);
	PMP_RMSG(out);
	HRESULT hr;

	if (!copy)
		return E_POINTER;
	*copy = NULL;
	hr = pmp_proxy_call(This, COUNTER_CLONE, &in, &out, outbuf,
			    sizeof(outbuf), true);
	if (SUCCEEDED(hr)) {
		if (pmp_rmsg_done(&out))
			hr = pmp_proxy_unmarshal(&out, &IID_IPmpTestCounter,
						 (void **)copy);
		else
			hr = PMP_E_BAD_STUB_DATA;
	}
	pmp_rmsg_cleanup(&out);
	return hr;
}

static const IPmpTestCounterVtbl counter_proxy_vtbl = {
	.QueryInterface = counter_proxy_QueryInterface,
	.AddRef = counter_proxy_AddRef,
	.Release = counter_proxy_Release,
	.Add = counter_proxy_Add,
	.Get = counter_proxy_Get,
	.SetLabel = counter_proxy_SetLabel,
	.GetLabel = counter_proxy_GetLabel,
	.Fail = counter_proxy_Fail,
	.GetProcessId = counter_proxy_GetProcessId,
	.Clone = counter_proxy_Clone,
};

/* ---- stub ---- */

static HRESULT counter_stub(IUnknown *iface, uint32_t method,
			    struct pmp_rmsg *in, struct pmp_wmsg *out)
{
	IPmpTestCounter *counter = (IPmpTestCounter *)iface;
	char label[PMP_MSG_MAX - 4];
	IPmpTestCounter *copy;
	uint32_t size;
	LONG value = 0;
	DWORD pid = 0;
	HRESULT hr;

	switch (method) {
	case COUNTER_ADD:
		value = (LONG)pmp_get_u32(in);
		if (!pmp_rmsg_done(in))
			return PMP_E_BAD_STUB_DATA;
		hr = IPmpTestCounter_Add(counter, value, &value);
		pmp_put_u32(out, (uint32_t)value);
		return hr;
	case COUNTER_GET:
		if (!pmp_rmsg_done(in))
			return PMP_E_BAD_STUB_DATA;
		hr = IPmpTestCounter_Get(counter, &value);
		pmp_put_u32(out, (uint32_t)value);
		return hr;
	case COUNTER_SET_LABEL:
		pmp_get_str(in, label, sizeof(label));
		if (!pmp_rmsg_done(in))
			return PMP_E_BAD_STUB_DATA;
		return IPmpTestCounter_SetLabel(counter, label);
	case COUNTER_GET_LABEL:
		size = pmp_get_u32(in);
		if (!pmp_rmsg_done(in))
			return PMP_E_BAD_STUB_DATA;
		if (size > sizeof(label))
			size = sizeof(label);
		label[0] = '\0';
		hr = IPmpTestCounter_GetLabel(counter, label, size);
		label[sizeof(label) - 1] = '\0';
		pmp_put_str(out, label);
		return hr;
	case COUNTER_FAIL:
		hr = (HRESULT)pmp_get_u32(in);
		if (!pmp_rmsg_done(in))
			return PMP_E_BAD_STUB_DATA;
		return IPmpTestCounter_Fail(counter, hr);
	case COUNTER_GET_PROCESS_ID:
		if (!pmp_rmsg_done(in))
			return PMP_E_BAD_STUB_DATA;
		hr = IPmpTestCounter_GetProcessId(counter, &pid);
		pmp_put_u32(out, pid);
		return hr;
	case COUNTER_CLONE:
		if (!pmp_rmsg_done(in))
			return PMP_E_BAD_STUB_DATA;
		copy = NULL;
		hr = IPmpTestCounter_Clone(counter, &copy);
		if (SUCCEEDED(hr))
			pmp_put_object(out, (IUnknown *)copy,
				       &IID_IPmpTestCounter);
		return hr;
	}
	return PMP_E_BAD_METHOD;
}

const struct pmp_ps_pair pmp_ps_IPmpTestCounter = {
	.iid = &IID_IPmpTestCounter,
	.name = "IPmpTestCounter",
	.methods = COUNTER_METHODS,
	.proxy_vtbl = &counter_proxy_vtbl,
	.stub = counter_stub,
};
