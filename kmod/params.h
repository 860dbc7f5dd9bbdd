/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - module parameters
 */

#ifndef _PMP_PARAMS_H
#define _PMP_PARAMS_H

#include <linux/compiler.h>

extern unsigned int pmp_linger_ms;
extern unsigned int pmp_default_timeout_ms;
extern unsigned int pmp_max_payload;
extern unsigned int pmp_max_pending_client;
extern unsigned int pmp_max_pending_host;
extern unsigned int pmp_max_objects;
extern unsigned int pmp_max_user_hosts;
extern unsigned int pmp_max_user_clients;
extern unsigned int pmp_max_user_pending;
extern unsigned int pmp_max_user_bytes;

/* Parameters may change at any time: read each one once per use. */
#define pmp_param(name) READ_ONCE(pmp_##name)

#endif /* _PMP_PARAMS_H */
