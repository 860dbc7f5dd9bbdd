/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - the host side of transactions: receiving work and replying
 */

#ifndef _PMP_DELIVER_H
#define _PMP_DELIVER_H

#include <linux/types.h>

struct pmp_delivery;
struct pmp_endpoint;
struct pmp_recv;
struct pmp_reply;

int pmp_host_recv(struct pmp_endpoint *ep, bool nonblock, struct pmp_recv *r,
		  struct pmp_delivery *d);
void pmp_host_recv_end(struct pmp_endpoint *ep, struct pmp_delivery *d,
		       bool written);
int pmp_host_reply(struct pmp_endpoint *ep, struct pmp_reply *reply);

#endif /* _PMP_DELIVER_H */
