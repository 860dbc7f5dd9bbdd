/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * spawn.h - how pmp_server_spawn() starts pmphost and hears from it
 *
 * Internal to libpmp; pmphost links the static library.  The spawner hands
 * pmphost one end of a pipe (--report-fd) and reads exactly one report from
 * it: the new host's id, or why there is none.  Only a host that registered
 * reports success; a host that dies before reporting closes the pipe.
 */

#ifndef PMP_LIB_SPAWN_H
#define PMP_LIB_SPAWN_H

#include <stdint.h>

/* Where the spawned host finds its report pipe and its log. */
#define PMP_SPAWN_REPORT_FD 3
#define PMP_SPAWN_LOG_FD 4

/* How long a spawner waits for the report. */
#define PMP_SPAWN_TIMEOUT_MS 30000

/**
 * struct pmp_spawn_report - what a spawned host tells its spawner, once
 * @err: 0 when the host registered, else a negative errno: why it could
 *	not start (-ENOENT: no pmphost; -EPERM: the kernel refused the
 *	protected registration...).
 * @missing: with -EPERM, the PMP_HARDEN_* properties the host lacked.
 * @host_id: the host's id when @err is 0.
 * @pid: the host's process id.
 * @layers: the sandbox layers the host has, pmphost's PMPHOST_LAYER_*
 *	bits (userspace/host/layers.h); 0 when it did not get that far.
 */
struct pmp_spawn_report {
	int32_t err;
	uint32_t missing;
	uint64_t host_id;
	int32_t pid;
	uint32_t layers;
};

int pmp_spawn_report(int fd, int err, uint32_t missing, uint64_t host_id,
		     uint32_t layers);

#endif /* PMP_LIB_SPAWN_H */
