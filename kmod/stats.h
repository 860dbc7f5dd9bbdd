/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - counters shown in sysfs
 */

#ifndef _PMP_STATS_H
#define _PMP_STATS_H

#include <linux/percpu.h>
#include <linux/sysfs.h>

/*
 * Live figures (hosts, clients, locks held, objects, pending transactions)
 * go up and down; the others are totals and only go up.
 * Documentation/ABI/testing/sysfs-class-misc-pmp describes each.
 */
enum pmp_stat {
	PMP_STAT_HOSTS,
	PMP_STAT_CLIENTS,
	PMP_STAT_LOCKS_HELD,
	PMP_STAT_REGISTRATIONS,
	PMP_STAT_REGISTRATIONS_REFUSED,
	PMP_STAT_LOCK_CALLS,
	PMP_STAT_UNLOCK_CALLS,
	PMP_STAT_OBJECTS,
	PMP_STAT_PENDING,
	PMP_STAT_OBJECTS_CREATED,
	PMP_STAT_OBJECTS_RELEASED,
	PMP_STAT_CALLS,
	PMP_STAT_CANCELLED,
	PMP_STAT_DISCARDED,
	PMP_STAT_TIMEOUTS,
	PMP_STAT_HOSTS_EXITED,
	PMP_STAT_USER_LIMIT_REFUSALS,
	PMP_STAT_REFUSED_UNTRUSTED,
	PMP_STAT_REFUSED_UNHARDENED,
	PMP_STAT_DENIED_ATTACH,
	PMP_STAT_DENIED_READ,
	PMP_STAT_DENIED_TRACEME,
	PMP_STAT_DENIED_DUMPABLE,
	PMP_STAT_REVOCATIONS,
	PMP_STAT_NR,
};

struct pmp_stats {
	s64 v[PMP_STAT_NR];
};

DECLARE_PER_CPU(struct pmp_stats, pmp_stats);

/* Per-cpu: an update is one instruction, whatever the contention. */
static inline void pmp_stat_add(enum pmp_stat stat, s64 n)
{
	this_cpu_add(pmp_stats.v[stat], n);
}

static inline void pmp_stat_inc(enum pmp_stat stat)
{
	this_cpu_inc(pmp_stats.v[stat]);
}

static inline void pmp_stat_dec(enum pmp_stat stat)
{
	this_cpu_dec(pmp_stats.v[stat]);
}

extern const struct attribute_group *pmp_attr_groups[];

#endif /* _PMP_STATS_H */
