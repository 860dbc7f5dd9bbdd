// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - counters shown in sysfs under /sys/class/misc/pmp/
 *
 * One value per file.  The counters are plain atomics: every update happens
 * on a path that already takes a lock or a syscall, so per-cpu counters would
 * buy nothing measurable.
 */

#include "common.h"

#include <linux/device.h>
#include <linux/kernel.h>

#include "stats.h"

atomic64_t pmp_stats[PMP_STAT_NR];

struct pmp_stat_attr {
	struct device_attribute attr;
	enum pmp_stat stat;
};

static ssize_t stat_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	const struct pmp_stat_attr *sa =
		container_of(attr, struct pmp_stat_attr, attr);

	return sysfs_emit(buf, "%lld\n", atomic64_read(&pmp_stats[sa->stat]));
}

#define PMP_STAT_ATTR(_name, _stat)                                            \
	static struct pmp_stat_attr pmp_stat_attr_##_name = {                  \
		.attr = __ATTR(_name, 0444, stat_show, NULL),                  \
		.stat = _stat,                                                 \
	}

PMP_STAT_ATTR(hosts, PMP_STAT_HOSTS);
PMP_STAT_ATTR(clients, PMP_STAT_CLIENTS);
PMP_STAT_ATTR(locks_held, PMP_STAT_LOCKS_HELD);
PMP_STAT_ATTR(registrations, PMP_STAT_REGISTRATIONS);
PMP_STAT_ATTR(registrations_refused, PMP_STAT_REGISTRATIONS_REFUSED);
PMP_STAT_ATTR(lock_calls, PMP_STAT_LOCK_CALLS);
PMP_STAT_ATTR(unlock_calls, PMP_STAT_UNLOCK_CALLS);

static struct attribute *pmp_stat_attrs[] = {
	&pmp_stat_attr_hosts.attr.attr,
	&pmp_stat_attr_clients.attr.attr,
	&pmp_stat_attr_locks_held.attr.attr,
	&pmp_stat_attr_registrations.attr.attr,
	&pmp_stat_attr_registrations_refused.attr.attr,
	&pmp_stat_attr_lock_calls.attr.attr,
	&pmp_stat_attr_unlock_calls.attr.attr,
	NULL,
};

static const struct attribute_group pmp_stat_group = {
	.attrs = pmp_stat_attrs,
};

const struct attribute_group *pmp_attr_groups[] = {
	&pmp_stat_group,
	NULL,
};
