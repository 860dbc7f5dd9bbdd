// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - accounting of live kernel objects, checked at module unload
 *
 * Every allocation of a long-lived object is counted here, so that a leak
 * shows as a WARNING at rmmod (which the VM harness treats as a failure)
 * instead of going unnoticed.
 */

#include "common.h"

#include <linux/bug.h>

#include "objcount.h"

atomic_long_t pmp_objcount[PMP_OBJ_NR];

static const char *const pmp_obj_names[PMP_OBJ_NR] = {
	[PMP_OBJ_ENDPOINT] = "endpoint",
	[PMP_OBJ_HOST] = "host",
	[PMP_OBJ_OBJECT] = "object",
	[PMP_OBJ_TXN] = "transaction",
	[PMP_OBJ_NOTICE] = "notice",
	[PMP_OBJ_MSG] = "message",
	[PMP_OBJ_USER] = "user",
};

/**
 * pmp_objcount_check - warn about every kind of object still alive
 *
 * Called at module exit, when no file of the device can be open any more.
 */
void pmp_objcount_check(void)
{
	int i;

	for (i = 0; i < PMP_OBJ_NR; i++) {
		long n = atomic_long_read(&pmp_objcount[i]);

		WARN(n, "pmp: leak: %ld %s object(s) alive at unload\n", n,
		     pmp_obj_names[i]);
	}
}
