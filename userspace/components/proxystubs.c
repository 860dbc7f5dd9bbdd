// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * proxystubs.c - the proxy/stub pairs a pmp component hands to its host
 *
 * The class registry calls pmp_component_proxy_stubs() when it loads the
 * component, so that a host can serve the interfaces of pmpsamples.idl.
 * The pairs are generated (../idl/build/pmpsamples_p.c) and link without
 * libpmp, which a component does not link.
 */

#include "pmpproxy.h"

extern const struct pmp_ps_file pmp_ps_file_pmpsamples;

const struct pmp_ps_file *pmp_component_proxy_stubs(void)
{
	return &pmp_ps_file_pmpsamples;
}
