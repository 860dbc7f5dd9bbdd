/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - the guard: trusted host executables, protected from their exec on
 */

#ifndef _PMP_GUARD_H
#define _PMP_GUARD_H

#include <linux/types.h>

int pmp_guard_init(void);
void pmp_guard_exit(void);
bool pmp_guard_enforcing(void);
long pmp_guard_misses(void);
u32 pmp_guard_register(bool protected);

#endif /* _PMP_GUARD_H */
