/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * export.h - the symbols libpmp exports
 *
 * libpmp is built with -fvisibility=hidden, so that only the functions
 * marked PMP_EXPORT (the pmp_* API of <pmp/pmp.h> and the COM API) are
 * part of its ABI; everything else stays free to change.
 */

#ifndef PMP_LIB_EXPORT_H
#define PMP_LIB_EXPORT_H

#define PMP_EXPORT __attribute__((visibility("default")))

#endif /* PMP_LIB_EXPORT_H */
