/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sys.h - every call libpmp makes to pmp.ko
 *
 * Internal to libpmp (hidden symbols); pmphost and pmpctl link the static
 * library.  Each function returns 0 (or a count) or a negative errno.
 */

#ifndef PMP_LIB_SYS_H
#define PMP_LIB_SYS_H

#include <stddef.h>
#include <stdint.h>

#include <linux/pmp.h>

#define PMP_DEVICE "/dev/pmp"
#define PMP_MAX_PAYLOAD_PARAM "/sys/module/pmp/parameters/max_payload"

/*
 * The oldest ABI this library speaks: version 3 has the objects and
 * PMP_IOC_LIST_HOSTS.  Newer modules keep every version 3 structure and
 * command (they only grow them), so they are spoken to as version 3.
 */
#define PMP_LIB_ABI_VERSION 3
/* The version that passes objects into calls (pmp_call, pmp_recv grew). */
#define PMP_ABI_OBJECT_ARGS 4

int pmp_abi_check(int version);
int pmp_sys_open(int *version);
int pmp_sys_host_register(int fd, uint32_t flags, uint32_t *missing,
			  uint64_t *host_id);
int pmp_sys_connect(int fd, uint64_t host_id, uint32_t flags);
int pmp_sys_lock(int fd);
int pmp_sys_unlock(int fd);
int pmp_sys_info(int fd, struct pmp_info *info);
int pmp_sys_create(int fd, struct pmp_create *create);
int pmp_sys_call(int fd, struct pmp_call *call);
int pmp_sys_release(int fd, uint64_t handle);
int pmp_sys_recv(int fd, struct pmp_recv *recv);
int pmp_sys_reply(int fd, struct pmp_reply *reply);
int pmp_sys_list_hosts(int fd, struct pmp_list_hosts *list);
size_t pmp_sys_max_payload(void);
int pmp_sys_hung_up(int fd);

#endif /* PMP_LIB_SYS_H */
