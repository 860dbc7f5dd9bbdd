// SPDX-License-Identifier: GPL-2.0
/*
 * hosts.c - pmpctl hosts: every host the caller may see
 *
 * Asks the kernel (PMP_IOC_LIST_HOSTS) on a fresh endpoint, which stays
 * NEW: listing connects to nothing and changes no counter.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cleanup.h"
#include "pmpctl.h"
#include "sys.h"

static const char *state_name(uint32_t state)
{
	switch (state) {
	case PMP_HOST_STARTING:
		return "starting";
	case PMP_HOST_ACTIVE:
		return "active";
	case PMP_HOST_LINGER:
		return "linger";
	case PMP_HOST_EXIT:
		return "exit";
	default:
		return "unknown";
	}
}

/* One letter per PMP_LAYER_* bit, in bit order (pmpctl(8)). */
static const char layer_letters[] = "umnibspdct";

/*
 * The host's layers as letters, '-' for each one missing; "?" from a
 * kernel before ABI version 5, which does not report them.
 */
static const char *layers_text(uint32_t layers, int version, char *buf)
{
	size_t i;

	if (version < 5)
		return "?";
	for (i = 0; i < sizeof(layer_letters) - 1; i++)
		buf[i] = layers & (1U << i) ? layer_letters[i] : '-';
	buf[i] = '\0';
	return buf;
}

/* The hosts, in a buffer grown until they all fit. */
static int list_hosts(int fd, struct pmp_host_entry **out, uint32_t *count)
{
	struct pmp_list_hosts lh = { .entry_size = sizeof(**out) };
	struct pmp_host_entry *entries = NULL, *bigger;
	uint32_t capacity = 16;
	int ret;

	for (;;) {
		bigger = reallocarray(entries, capacity, sizeof(*entries));
		if (!bigger) {
			free(entries);
			return -ENOMEM;
		}
		entries = bigger;
		lh.entries = (uintptr_t)entries;
		lh.capacity = capacity;
		lh.count = 0;
		ret = pmp_sys_list_hosts(fd, &lh);
		if (ret) {
			free(entries);
			return ret;
		}
		if (lh.count <= capacity)
			break;
		/* More hosts than room: some came meanwhile. */
		capacity = lh.count + 16;
	}
	*out = entries;
	*count = lh.count;
	return 0;
}

/**
 * pmpctl_hosts - print one line per host the caller may see
 *
 * Return: 0, or 1 after printing what to do.
 */
int pmpctl_hosts(void)
{
	_cleanup_close_ int fd = -1;
	_cleanup_free_ struct pmp_host_entry *e = NULL;
	char layers[sizeof(layer_letters)];
	uint32_t count, i;
	int version = 0, ret;

	fd = pmp_sys_open(&version);
	if (fd < 0) {
		pmpctl_device_error(fd, version);
		return 1;
	}
	ret = list_hosts(fd, &e, &count);
	if (ret) {
		errno = -ret;
		pmpctl_error("cannot list the hosts: %m");
		return 1;
	}

	printf("%8s %8s %8s %-11s %-10s %-8s %7s %7s %7s %7s\n", "ID", "PID",
	       "UID", "PROTECTION", "LAYERS", "STATE", "CLIENTS", "LOCKS",
	       "OBJECTS", "PENDING");
	for (i = 0; i < count; i++)
		printf("%8llu %8u %8u %-11s %-10s %-8s %7u %7llu %7u %7u\n",
		       (unsigned long long)e[i].host_id, e[i].pid, e[i].uid,
		       e[i].flags & PMP_HOST_UNPROTECTED ? "unprotected" :
							   "protected",
		       layers_text(e[i].layers, version, layers),
		       state_name(e[i].state), e[i].clients,
		       (unsigned long long)e[i].locks, e[i].objects,
		       e[i].pending);
	if (!count)
		printf("(no hosts%s)\n",
		       geteuid() ? " of yours; root sees every user's" : "");
	return 0;
}
