/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - accounting of live kernel objects, checked at module unload
 */

#ifndef _PMP_OBJCOUNT_H
#define _PMP_OBJCOUNT_H

#include <linux/atomic.h>

enum pmp_obj {
	PMP_OBJ_ENDPOINT,
	PMP_OBJ_HOST,
	PMP_OBJ_OBJECT,
	PMP_OBJ_TXN,
	PMP_OBJ_NOTICE,
	PMP_OBJ_MSG,
	PMP_OBJ_USER,
	PMP_OBJ_NR,
};

extern atomic_long_t pmp_objcount[PMP_OBJ_NR];

/* Allocations, not references: what is still counted at unload leaked. */
static inline void pmp_objcount_inc(enum pmp_obj obj)
{
	atomic_long_inc(&pmp_objcount[obj]);
}

static inline void pmp_objcount_dec(enum pmp_obj obj)
{
	WARN_ON_ONCE(atomic_long_dec_return(&pmp_objcount[obj]) < 0);
}

void pmp_objcount_check(void);

#endif /* _PMP_OBJCOUNT_H */
