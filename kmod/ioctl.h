/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - ioctl dispatch
 */

#ifndef _PMP_IOCTL_H
#define _PMP_IOCTL_H

struct file;

long pmp_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

#endif /* _PMP_IOCTL_H */
