// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - counters shown in sysfs under /sys/class/misc/pmp/
 *
 * One value per file.  The counters are per-cpu and summed when read: the
 * LOCK and UNLOCK fast path pays no atomic operation for them.  A sum read
 * while updates run may be off by those updates; at rest it is exact.
 */

#include "common.h"

#include <linux/device.h>
#include <linux/cpumask.h>
#include <linux/kernel.h>

#include "guard.h"
#include "stats.h"

DEFINE_PER_CPU(struct pmp_stats, pmp_stats);

struct pmp_stat_attr {
	struct device_attribute attr;
	enum pmp_stat stat;
};

static ssize_t stat_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	const struct pmp_stat_attr *sa =
		container_of(attr, struct pmp_stat_attr, attr);
	s64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu(pmp_stats, cpu).v[sa->stat];
	return sysfs_emit(buf, "%lld\n", sum);
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
PMP_STAT_ATTR(objects, PMP_STAT_OBJECTS);
PMP_STAT_ATTR(transactions_pending, PMP_STAT_PENDING);
PMP_STAT_ATTR(objects_created, PMP_STAT_OBJECTS_CREATED);
PMP_STAT_ATTR(objects_released, PMP_STAT_OBJECTS_RELEASED);
PMP_STAT_ATTR(calls, PMP_STAT_CALLS);
PMP_STAT_ATTR(transactions_cancelled, PMP_STAT_CANCELLED);
PMP_STAT_ATTR(replies_discarded, PMP_STAT_DISCARDED);
PMP_STAT_ATTR(timeouts, PMP_STAT_TIMEOUTS);
PMP_STAT_ATTR(hosts_exited, PMP_STAT_HOSTS_EXITED);
PMP_STAT_ATTR(user_limit_refusals, PMP_STAT_USER_LIMIT_REFUSALS);
PMP_STAT_ATTR(registrations_refused_untrusted, PMP_STAT_REFUSED_UNTRUSTED);
PMP_STAT_ATTR(registrations_refused_unhardened, PMP_STAT_REFUSED_UNHARDENED);
PMP_STAT_ATTR(denied_ptrace_attach, PMP_STAT_DENIED_ATTACH);
PMP_STAT_ATTR(denied_ptrace_read, PMP_STAT_DENIED_READ);
PMP_STAT_ATTR(denied_traceme, PMP_STAT_DENIED_TRACEME);
PMP_STAT_ATTR(denied_dumpable, PMP_STAT_DENIED_DUMPABLE);
PMP_STAT_ATTR(revocations, PMP_STAT_REVOCATIONS);

static ssize_t enforcing_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", pmp_guard_enforcing());
}
static DEVICE_ATTR_RO(enforcing);

static ssize_t probe_misses_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%ld\n", pmp_guard_misses());
}
static DEVICE_ATTR_RO(probe_misses);

static struct attribute *pmp_stat_attrs[] = {
	&pmp_stat_attr_hosts.attr.attr,
	&pmp_stat_attr_clients.attr.attr,
	&pmp_stat_attr_locks_held.attr.attr,
	&pmp_stat_attr_registrations.attr.attr,
	&pmp_stat_attr_registrations_refused.attr.attr,
	&pmp_stat_attr_lock_calls.attr.attr,
	&pmp_stat_attr_unlock_calls.attr.attr,
	&pmp_stat_attr_objects.attr.attr,
	&pmp_stat_attr_transactions_pending.attr.attr,
	&pmp_stat_attr_objects_created.attr.attr,
	&pmp_stat_attr_objects_released.attr.attr,
	&pmp_stat_attr_calls.attr.attr,
	&pmp_stat_attr_transactions_cancelled.attr.attr,
	&pmp_stat_attr_replies_discarded.attr.attr,
	&pmp_stat_attr_timeouts.attr.attr,
	&pmp_stat_attr_hosts_exited.attr.attr,
	&pmp_stat_attr_user_limit_refusals.attr.attr,
	&pmp_stat_attr_registrations_refused_untrusted.attr.attr,
	&pmp_stat_attr_registrations_refused_unhardened.attr.attr,
	&pmp_stat_attr_denied_ptrace_attach.attr.attr,
	&pmp_stat_attr_denied_ptrace_read.attr.attr,
	&pmp_stat_attr_denied_traceme.attr.attr,
	&pmp_stat_attr_denied_dumpable.attr.attr,
	&pmp_stat_attr_revocations.attr.attr,
	&dev_attr_enforcing.attr,
	&dev_attr_probe_misses.attr,
	NULL,
};

static const struct attribute_group pmp_stat_group = {
	.attrs = pmp_stat_attrs,
};

const struct attribute_group *pmp_attr_groups[] = {
	&pmp_stat_group,
	NULL,
};
