/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * server.h - a process's connections to hosts, and the objects made there
 *
 * Internal to libpmp.
 */

#ifndef PMP_LIB_SERVER_H
#define PMP_LIB_SERVER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <unistd.h>

#include "pmp/pmp.h"

/**
 * struct pmp_server - the process's one connection to one host
 * @refs: every pmp_server reference, COM pointer and object holds one.
 * @fd: the client endpoint; closed with the last reference.
 * @pid: the process that connected: the only one that may use @fd.
 * @host_id: the host.
 * @host_pid: its process id, 0 when not visible.
 * @host_flags: its registration flags (PMP_HOST_UNPROTECTED).
 * @host_uid: the effective uid it registered under, as the kernel says.
 * @host_layers: its sandbox layers, as it reported them to this process's
 *	pmp_server_spawn(); 0 for a host joined by id.
 * @next: link in the process's connection table.
 */
struct pmp_server {
	atomic_uint refs;
	int fd;
	pid_t pid;
	uint64_t host_id;
	int host_pid;
	uint32_t host_flags;
	uint32_t host_uid;
	uint32_t host_layers;
	struct pmp_server *next;
};

/**
 * struct pmp_obj - a handle to an object living in a host
 * @srv: the host, with a reference.
 * @handle: the kernel's handle, private to @srv's endpoint.
 * @id: the kernel's object id.
 */
struct pmp_obj {
	pmp_server *srv;
	uint64_t handle;
	uint64_t id;
};

/* After fork(), a child must not use its parent's endpoints. */
static inline bool pmp_server_forked(const pmp_server *srv)
{
	return srv->pid != getpid();
}

int pmp_server_get(uint64_t host_id, bool other_uid, pmp_server **out);

#endif /* PMP_LIB_SERVER_H */
