// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - module parameters, writable at run time under
 * /sys/module/pmp/parameters/ and checked against their ranges when set
 */

#include "common.h"

#include <linux/moduleparam.h>

#include "limits.h"
#include "params.h"

unsigned int pmp_linger_ms = 3000;
unsigned int pmp_default_timeout_ms = 30000;
unsigned int pmp_max_payload = 65536;
unsigned int pmp_max_pending_client = 64;
unsigned int pmp_max_pending_host = 1024;
unsigned int pmp_max_objects = 4096;

#define PMP_PARAM_RANGE(_name, _min, _max, _desc)                              \
	static int set_##_name(const char *val, const struct kernel_param *kp) \
	{                                                                      \
		return param_set_uint_minmax(val, kp, _min, _max);             \
	}                                                                      \
	static const struct kernel_param_ops ops_##_name = {                   \
		.set = set_##_name,                                            \
		.get = param_get_uint,                                         \
	};                                                                     \
	module_param_cb(_name, &ops_##_name, &pmp_##_name, 0644);              \
	MODULE_PARM_DESC(_name, _desc)

PMP_PARAM_RANGE(linger_ms, 0, PMP_LINGER_MS_MAX,
		"How long a host ready to exit waits for its locks, and how long a new host waits for its first object (ms, default 3000)");
PMP_PARAM_RANGE(default_timeout_ms, 0, UINT_MAX,
		"Wait for a host's reply when a call names no timeout (ms, 0: no limit, default 30000)");
PMP_PARAM_RANGE(max_payload, 0, PMP_PAYLOAD_MAX,
		"Largest inline payload of a call or reply (bytes, default 65536)");
PMP_PARAM_RANGE(max_pending_client, 1, PMP_PENDING_MAX,
		"Transactions one client may have in flight (default 64)");
PMP_PARAM_RANGE(max_pending_host, 1, PMP_PENDING_MAX,
		"Transactions the kernel holds for one host (default 1024)");
PMP_PARAM_RANGE(max_objects, 1, PMP_OBJECTS_MAX,
		"Object handles one client may hold (default 4096)");
