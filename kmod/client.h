/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - clients: connections to a host, their locks, and the objects they
 * create and call in it
 */

#ifndef _PMP_CLIENT_H
#define _PMP_CLIENT_H

#include <linux/types.h>

struct pmp_call;
struct pmp_connect;
struct pmp_create;
struct pmp_delivery;
struct pmp_endpoint;
struct pmp_release;

int pmp_client_connect(struct pmp_endpoint *ep, const struct pmp_connect *conn);
int pmp_client_lock(struct pmp_endpoint *ep);
int pmp_client_unlock(struct pmp_endpoint *ep);
int pmp_client_create(struct pmp_endpoint *ep, struct pmp_create *create);
int pmp_client_call(struct pmp_endpoint *ep, struct pmp_call *call,
		    struct pmp_delivery *d);
void pmp_client_call_end(struct pmp_endpoint *ep, const struct pmp_call *call,
			 struct pmp_delivery *d, bool written);
int pmp_client_release(struct pmp_endpoint *ep, const struct pmp_release *rel);
void pmp_client_detach(struct pmp_endpoint *ep);

#endif /* _PMP_CLIENT_H */
