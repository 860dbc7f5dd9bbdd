/* SPDX-License-Identifier: GPL-2.0 */
/*
 * serve.h - pmphost's pool of serving threads
 */

#ifndef PMPHOST_SERVE_H
#define PMPHOST_SERVE_H

#include <stddef.h>

#include "pmp/pmp.h"

struct pmp_stubs;

int host_serve(pmp_host *host, struct pmp_stubs *stubs, unsigned int threads,
	       unsigned int threads_max, size_t buf_size);

#endif /* PMPHOST_SERVE_H */
