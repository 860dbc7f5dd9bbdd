/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmpctl.h - pmpctl's commands
 */

#ifndef PMPCTL_H
#define PMPCTL_H

#define PMP_SYSFS_DIR "/sys/class/misc/pmp"
#define PMP_MODULE_DIR "/sys/module/pmp"

void pmpctl_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pmpctl_device_error(int err, int version);

int pmpctl_status(void);
int pmpctl_hosts(void);

#endif /* PMPCTL_H */
