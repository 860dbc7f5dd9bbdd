/* SPDX-License-Identifier: GPL-2.0 */
/*
 * harden.h - pmphost's process hardening, before it registers
 */

#ifndef PMPHOST_HARDEN_H
#define PMPHOST_HARDEN_H

#include <stdbool.h>
#include <sys/capability.h>

bool host_has_cap(cap_value_t cap);
int host_harden(unsigned int *layers);

#endif /* PMPHOST_HARDEN_H */
