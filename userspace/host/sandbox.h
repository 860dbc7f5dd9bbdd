/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sandbox.h - pmphost's seccomp filter
 */

#ifndef PMPHOST_SANDBOX_H
#define PMPHOST_SANDBOX_H

int host_sandbox(int pmp_fd, unsigned int *layers);

#endif /* PMPHOST_SANDBOX_H */
