/* SPDX-License-Identifier: GPL-2.0 */
/*
 * layers.h - the sandbox layers a pmphost has, as one bit mask
 *
 * pmphost reports the mask to its spawner (struct pmp_spawn_report's
 * @layers, pmp_server_host_layers()) and names the missing layers in its
 * log.  A protected host needs PMPHOST_LAYER_SECCOMP to register; every
 * other layer is made where the kernel and the host's privileges allow,
 * and a host without one goes on without it.  Unprotected hosts make no
 * namespaces.  Documentation/admin-guide/pmp.rst says what each one stops.
 */

#ifndef PMPHOST_LAYERS_H
#define PMPHOST_LAYERS_H

/* A user namespace of its own, which made the next three possible. */
#define PMPHOST_LAYER_USERNS (1U << 0)
/* An empty, read-only root: no path names any file. */
#define PMPHOST_LAYER_MOUNTNS (1U << 1)
/* A network namespace of its own: a loopback interface, down. */
#define PMPHOST_LAYER_NETNS (1U << 2)
/* An IPC namespace of its own: no System V IPC or POSIX queue of others. */
#define PMPHOST_LAYER_IPCNS (1U << 3)
/* Empty capability bounding set and locked securebits. */
#define PMPHOST_LAYER_BOUNDING (1U << 4)
/* The seccomp allow-list (sandbox.c). */
#define PMPHOST_LAYER_SECCOMP (1U << 5)

#define PMPHOST_LAYERS_NS                                                      \
	(PMPHOST_LAYER_USERNS | PMPHOST_LAYER_MOUNTNS | PMPHOST_LAYER_NETNS |  \
	 PMPHOST_LAYER_IPCNS)
#define PMPHOST_LAYERS_ALL                                                     \
	(PMPHOST_LAYERS_NS | PMPHOST_LAYER_BOUNDING | PMPHOST_LAYER_SECCOMP)

#endif /* PMPHOST_LAYERS_H */
