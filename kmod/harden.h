/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - checks of a host process's hardening
 */

#ifndef _PMP_HARDEN_H
#define _PMP_HARDEN_H

#include <linux/types.h>

u32 pmp_harden_missing(void);
u32 pmp_harden_layers(u32 missing, bool trusted);

#endif /* _PMP_HARDEN_H */
