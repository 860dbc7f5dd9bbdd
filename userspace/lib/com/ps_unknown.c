// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ps_unknown.c - the proxy/stub pair of IUnknown: identity only
 *
 * An IUnknown proxy has no methods of its own; its object id is the
 * object's identity in the host.
 */

#include "marshal.h"

PMP_PROXY_IUNKNOWN(unknown_proxy, IUnknown)

static const IUnknownVtbl unknown_proxy_vtbl = {
	.QueryInterface = unknown_proxy_QueryInterface,
	.AddRef = unknown_proxy_AddRef,
	.Release = unknown_proxy_Release,
};

const struct pmp_ps_pair pmp_ps_IUnknown = {
	.iid = &IID_IUnknown,
	.name = "IUnknown",
	.methods = 3,
	.proxy_vtbl = &unknown_proxy_vtbl,
	.stub = NULL,
};
