/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - counters shown in sysfs
 */

#ifndef _PMP_STATS_H
#define _PMP_STATS_H

#include <linux/atomic.h>
#include <linux/sysfs.h>

/*
 * Live figures go up and down; totals (the *_CALLS and REGISTRATIONS*) only
 * go up.  Documentation/ABI/testing/sysfs-class-misc-pmp describes each.
 */
enum pmp_stat {
	PMP_STAT_HOSTS,
	PMP_STAT_CLIENTS,
	PMP_STAT_LOCKS_HELD,
	PMP_STAT_REGISTRATIONS,
	PMP_STAT_REGISTRATIONS_REFUSED,
	PMP_STAT_LOCK_CALLS,
	PMP_STAT_UNLOCK_CALLS,
	PMP_STAT_NR,
};

extern atomic64_t pmp_stats[PMP_STAT_NR];

static inline void pmp_stat_add(enum pmp_stat stat, s64 n)
{
	atomic64_add(n, &pmp_stats[stat]);
}

static inline void pmp_stat_inc(enum pmp_stat stat)
{
	atomic64_inc(&pmp_stats[stat]);
}

static inline void pmp_stat_dec(enum pmp_stat stat)
{
	atomic64_dec(&pmp_stats[stat]);
}

extern const struct attribute_group *pmp_attr_groups[];

#endif /* _PMP_STATS_H */
