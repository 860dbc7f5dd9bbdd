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

unsigned int pmp_linger_ms = 3000;
unsigned int pmp_default_timeout_ms = 30000;
unsigned int pmp_max_payload = 65536;
unsigned int pmp_max_pending_client = 64;
unsigned int pmp_max_pending_host = 1024;
unsigned int pmp_max_objects = 4096;

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

static struct pmp_uint_param linger_ms = {
	&pmp_linger_ms, 0, PMP_LINGER_MS_MAX
};
module_param_cb(linger_ms, &pmp_uint_param_ops, &linger_ms, 0644);
MODULE_PARM_DESC(linger_ms,
		 "How long a host ready to exit waits for its locks, and how long a new host waits for its first object (ms, default 3000)");

static struct pmp_uint_param default_timeout_ms = {
	&pmp_default_timeout_ms, 0, UINT_MAX
};
module_param_cb(default_timeout_ms, &pmp_uint_param_ops, &default_timeout_ms,
		0644);
MODULE_PARM_DESC(default_timeout_ms,
		 "Wait for a host's reply when a call names no timeout (ms, 0: no limit, default 30000)");

static struct pmp_uint_param max_payload = {
	&pmp_max_payload, 0, PMP_PAYLOAD_MAX
};
module_param_cb(max_payload, &pmp_uint_param_ops, &max_payload, 0644);
MODULE_PARM_DESC(max_payload,
		 "Largest inline payload of a call or reply (bytes, default 65536)");

static struct pmp_uint_param max_pending_client = {
	&pmp_max_pending_client, 1, PMP_PENDING_MAX
};
module_param_cb(max_pending_client, &pmp_uint_param_ops, &max_pending_client,
		0644);
MODULE_PARM_DESC(max_pending_client,
		 "Transactions one client may have in flight (default 64)");

static struct pmp_uint_param max_pending_host = {
	&pmp_max_pending_host, 1, PMP_PENDING_MAX
};
module_param_cb(max_pending_host, &pmp_uint_param_ops, &max_pending_host,
		0644);
MODULE_PARM_DESC(max_pending_host,
		 "Transactions the kernel holds for one host (default 1024)");

static struct pmp_uint_param max_objects = {
	&pmp_max_objects, 1, PMP_OBJECTS_MAX
};
module_param_cb(max_objects, &pmp_uint_param_ops, &max_objects, 0644);
MODULE_PARM_DESC(max_objects,
		 "Object handles one client may hold (default 4096)");
