// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * samples.c - libpmp-samples: what a client of pmp's sample components
 * links (pkg-config pmp-samples)
 *
 * It defines the GUIDs of <pmpsamples.h> and, when it is loaded, registers
 * the proxy/stub pairs of their interfaces with libpmp, so that the
 * objects of a separate PMP process can be called through them.
 */

#include "objbase.h"
#include "pmpproxy.h"

/* IUnknown's GUIDs are libpmp's: only the samples' are defined here. */
#pragma GCC visibility push(default)
#include "initguid.h"
#include "pmpsamples.h"
#pragma GCC visibility pop

extern const struct pmp_ps_file pmp_ps_file_pmpsamples;

__attribute__((constructor)) static void register_proxy_stubs(void)
{
	/* Fails only without memory: then the interfaces have no proxy. */
	pmp_ps_register(&pmp_ps_file_pmpsamples);
}
