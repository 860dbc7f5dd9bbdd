/* SPDX-License-Identifier: GPL-2.0 */
/*
 * harden.h - pmphost's process hardening, before it registers
 */

#ifndef PMPHOST_HARDEN_H
#define PMPHOST_HARDEN_H

int host_harden(void);

#endif /* PMPHOST_HARDEN_H */
