/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - common definitions: the module's name and log prefix
 */

#ifndef _PMP_COMMON_H
#define _PMP_COMMON_H

#define PMP_NAME "pmp"

#ifdef pr_fmt
#undef pr_fmt
#endif

#define pr_fmt(fmt) PMP_NAME ": " fmt

#endif /* _PMP_COMMON_H */
