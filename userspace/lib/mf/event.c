// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * event.c - IMFMediaEvent and MFCreateMediaEvent
 *
 * An event is an attribute store (struct pmp_attrs) with a type, an
 * extended type, a status and a value.  Its vtable starts with the
 * attribute store's methods, copied once from pmp_attrs_vtbl.
 */

#define COBJMACROS
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "mfapi.h"

#include "../export.h"
#include "mf.h"

struct media_event {
	struct pmp_attrs attrs;
	MediaEventType type;
	GUID extended_type;
	HRESULT status;
	PROPVARIANT value;
};

static struct media_event *impl_from_IMFMediaEvent(IMFMediaEvent *iface)
{
	return (struct media_event *)iface;
}

static void event_destroy(struct pmp_attrs *attrs)
{
	struct media_event *ev = (struct media_event *)attrs;

	PropVariantClear(&ev->value);
	pmp_attrs_cleanup(attrs);
	free(ev);
}

static HRESULT STDMETHODCALLTYPE event_GetType(IMFMediaEvent *iface,
					       MediaEventType *pmet)
{
	if (!pmet)
		return E_POINTER;
	*pmet = impl_from_IMFMediaEvent(iface)->type;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE event_GetExtendedType(IMFMediaEvent *iface,
						       GUID *pguidExtendedType)
{
	if (!pguidExtendedType)
		return E_POINTER;
	*pguidExtendedType = impl_from_IMFMediaEvent(iface)->extended_type;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE event_GetStatus(IMFMediaEvent *iface,
						 HRESULT *phrStatus)
{
	if (!phrStatus)
		return E_POINTER;
	*phrStatus = impl_from_IMFMediaEvent(iface)->status;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE event_GetValue(IMFMediaEvent *iface,
						PROPVARIANT *pvValue)
{
	if (!pvValue)
		return E_POINTER;
	return PropVariantCopy(pvValue, &impl_from_IMFMediaEvent(iface)->value);
}

static IMFMediaEventVtbl event_vtbl;
static pthread_once_t event_vtbl_once = PTHREAD_ONCE_INIT;

/* The IMFAttributes part is the store's; the rest is the event's. */
static void event_vtbl_init(void)
{
	memcpy(&event_vtbl, &pmp_attrs_vtbl, sizeof(pmp_attrs_vtbl));
	event_vtbl.GetType = event_GetType;
	event_vtbl.GetExtendedType = event_GetExtendedType;
	event_vtbl.GetStatus = event_GetStatus;
	event_vtbl.GetValue = event_GetValue;
}

PMP_EXPORT HRESULT STDAPICALLTYPE MFCreateMediaEvent(MediaEventType met,
						     REFGUID guidExtendedType,
						     HRESULT hrStatus,
						     const PROPVARIANT *pvValue,
						     IMFMediaEvent **ppEvent)
{
	struct media_event *ev;
	HRESULT hr;

	if (!ppEvent)
		return E_POINTER;
	*ppEvent = NULL;
	pthread_once(&event_vtbl_once, event_vtbl_init);
	ev = calloc(1, sizeof(*ev));
	if (!ev)
		return E_OUTOFMEMORY;
	if (pvValue) {
		hr = PropVariantCopy(&ev->value, pvValue);
		if (FAILED(hr)) {
			free(ev);
			return hr;
		}
	}
	hr = pmp_attrs_init(&ev->attrs, &event_vtbl, 0);
	if (FAILED(hr)) {
		PropVariantClear(&ev->value);
		free(ev);
		return hr;
	}
	ev->attrs.iid = &IID_IMFMediaEvent;
	ev->attrs.destroy = event_destroy;
	ev->type = met;
	if (guidExtendedType)
		ev->extended_type = *guidExtendedType;
	ev->status = hrStatus;
	*ppEvent = (IMFMediaEvent *)&ev->attrs.IMFAttributes_iface;
	return S_OK;
}
