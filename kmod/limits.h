/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - limits and masks
 */

#ifndef _PMP_LIMITS_H
#define _PMP_LIMITS_H

#include <linux/limits.h>
#include <linux/pmp.h>

/* Flags each command accepts. */
#define PMP_HOST_REGISTER_FLAGS PMP_HOST_UNPROTECTED
#define PMP_CONNECT_FLAGS PMP_CONNECT_OTHER_UID

/* Largest argument structure a command reads (copy_struct_from_user()). */
#define PMP_ARG_MAX_SIZE PAGE_SIZE

/* Largest lock share of one client endpoint. */
#define PMP_LOCKS_MAX INT_MAX

/* Ceilings of the module parameters. */
#define PMP_LINGER_MS_MAX (10 * 60 * 1000)
#define PMP_PAYLOAD_MAX (16 * 1024 * 1024)
#define PMP_PENDING_MAX 65536
#define PMP_OBJECTS_MAX (1024 * 1024)
#define PMP_USER_HOSTS_MAX 65536
#define PMP_USER_CLIENTS_MAX (1024 * 1024)
#define PMP_USER_PENDING_MAX (1024 * 1024)
#define PMP_USER_BYTES_MIN 4096
#define PMP_USER_BYTES_MAX UINT_MAX

/* Flags each transaction command accepts. */
#define PMP_CALL_FDS_FLAGS (PMP_CALL_FDS_SHARED | PMP_CALL_FDS_WRITABLE)
#define PMP_REPLY_FDS_FLAGS (PMP_REPLY_FDS_SHARED | PMP_REPLY_FDS_WRITABLE)
#define PMP_CALL_FLAGS (PMP_CALL_OBJECT_OUT | PMP_CALL_FDS_FLAGS)
#define PMP_REPLY_FLAGS (PMP_REPLY_OBJECT | PMP_REPLY_FDS_FLAGS)

/* Host ids, object handles, transaction ids: never zero, cyclic. */
#define PMP_ID_MIN 1
#define PMP_ID_MAX INT_MAX

/* Most hosts one PMP_IOC_LIST_HOSTS describes. */
#define PMP_LIST_HOSTS_MAX 4096

#endif /* _PMP_LIMITS_H */
