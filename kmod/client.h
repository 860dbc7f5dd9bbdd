/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - clients: connections to a host and their locks
 */

#ifndef _PMP_CLIENT_H
#define _PMP_CLIENT_H

struct pmp_connect;
struct pmp_endpoint;

int pmp_client_connect(struct pmp_endpoint *ep, const struct pmp_connect *conn);
int pmp_client_lock(struct pmp_endpoint *ep);
int pmp_client_unlock(struct pmp_endpoint *ep);
void pmp_client_detach(struct pmp_endpoint *ep);

#endif /* _PMP_CLIENT_H */
