// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - module parameters, writable at run time under
 * /sys/module/pmp/parameters/ and checked against their ranges when set
 */

#include "common.h"

#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/sysfs.h>

#include "limits.h"
#include "params.h"

struct pmp_uint_param {
	unsigned int *value;
	unsigned int min;
	unsigned int max;
};

static int set_uint_param(const char *val, const struct kernel_param *kp)
{
	const struct pmp_uint_param *p = kp->arg;
	unsigned int v;
	int err;

	err = kstrtouint(val, 0, &v);
	if (err)
		return err;
	if (v < p->min || v > p->max)
		return -EINVAL;
	WRITE_ONCE(*p->value, v);
	return 0;
}

static int get_uint_param(char *buf, const struct kernel_param *kp)
{
	const struct pmp_uint_param *p = kp->arg;

	return sysfs_emit(buf, "%u\n", READ_ONCE(*p->value));
}

static const struct kernel_param_ops pmp_uint_param_ops = {
	.set = set_uint_param,
	.get = get_uint_param,
};

/*
 * Defines pmp_NAME with its default, its range and its description, which
 * ends with the default: each default is written once.
 */
#define PMP_PARAM(name, def, lo, hi, desc)				\
	unsigned int pmp_##name = (def);				\
	static struct pmp_uint_param name##_param = {			\
		&pmp_##name, (lo), (hi)					\
	};								\
	module_param_cb(name, &pmp_uint_param_ops, &name##_param, 0644); \
	MODULE_PARM_DESC(name, desc " (default " __stringify(def) ")")

PMP_PARAM(linger_ms, 3000, 0, PMP_LINGER_MS_MAX,
	  "How long a host ready to exit waits for its locks, and how long a new host waits for its first object (ms)");
PMP_PARAM(default_timeout_ms, 30000, 0, UINT_MAX,
	  "Wait for a host's reply when a call names no timeout (ms, 0: no limit)");
PMP_PARAM(max_payload, 65536, 0, PMP_PAYLOAD_MAX,
	  "Largest inline payload of a call or reply (bytes)");
PMP_PARAM(max_pending_client, 64, 1, PMP_PENDING_MAX,
	  "Transactions one client may have in flight");
PMP_PARAM(max_pending_host, 1024, 1, PMP_PENDING_MAX,
	  "Transactions the kernel holds for one host");
PMP_PARAM(max_objects, 4096, 1, PMP_OBJECTS_MAX,
	  "Object handles one client may hold");
PMP_PARAM(max_user_hosts, 16, 1, PMP_USER_HOSTS_MAX,
	  "Hosts one user may have registered");
PMP_PARAM(max_user_clients, 256, 1, PMP_USER_CLIENTS_MAX,
	  "Client endpoints one user may have connected");
PMP_PARAM(max_user_pending, 4096, 1, PMP_USER_PENDING_MAX,
	  "Transactions one user's clients may have in flight");
PMP_PARAM(max_user_bytes, 50331648, PMP_USER_BYTES_MIN, PMP_USER_BYTES_MAX,
	  "Bytes the module may hold for one user: transactions, payloads, objects");
