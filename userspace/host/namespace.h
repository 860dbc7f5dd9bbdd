/* SPDX-License-Identifier: GPL-2.0 */
/*
 * namespace.h - pmphost's namespaces, made once its components are loaded
 */

#ifndef PMPHOST_NAMESPACE_H
#define PMPHOST_NAMESPACE_H

unsigned int host_unshare(void);

#endif /* PMPHOST_NAMESPACE_H */
