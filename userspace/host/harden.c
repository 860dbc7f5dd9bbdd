// SPDX-License-Identifier: GPL-2.0
/*
 * harden.c - pmphost's hardening: dumpability, core files, capabilities,
 * no_new_privs
 *
 * Runs in the main thread before any other thread exists: capabilities
 * and no_new_privs are per thread, and threads created later inherit
 * them.  pmp.ko checks the result (it cannot impose it) when the host
 * registers as protected.
 */

#include <errno.h>
#include <stdbool.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <linux/securebits.h>
#include <sys/capability.h>

#include "harden.h"
#include "layers.h"
#include "log.h"

/*
 * Root's uid no longer means capabilities, now or after any exec, and
 * nothing can change that back.
 */
#define HOST_SECUREBITS                                                        \
	(SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP |       \
	 SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_KEEP_CAPS_LOCKED |             \
	 SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED)

/**
 * host_has_cap - whether the calling thread holds @cap in its effective set
 * @cap: a capability
 */
bool host_has_cap(cap_value_t cap)
{
	cap_flag_value_t value = CAP_CLEAR;
	cap_t caps = cap_get_proc();

	if (caps) {
		cap_get_flag(caps, cap, CAP_EFFECTIVE, &value);
		cap_free(caps);
	}
	return value == CAP_SET;
}

/*
 * Empties the ambient, bounding, effective, permitted and inheritable
 * sets, those a new user namespace granted included.  The bounding set and
 * the securebits need CAP_SETPCAP, which root has and a host in its own
 * user namespace has there: a host run by an ordinary user without one
 * keeps its bounding set, which gives it nothing (no capability to bound,
 * no_new_privs, and no execve under the sandbox), and lacks
 * PMPHOST_LAYER_BOUNDING.
 */
static int drop_capabilities(unsigned int *layers)
{
	cap_value_t cap;
	cap_t none;
	int ret = 0;

	if (cap_reset_ambient() && errno != EINVAL)
		return -errno;
	if (host_has_cap(CAP_SETPCAP)) {
		for (cap = 0; cap < (cap_value_t)cap_max_bits(); cap++)
			if (cap_drop_bound(cap) && errno != EINVAL)
				return -errno;
		if (cap_set_secbits(HOST_SECUREBITS))
			return -errno;
		*layers |= PMPHOST_LAYER_BOUNDING;
	}
	none = cap_init();
	if (!none)
		return -ENOMEM;
	if (cap_set_proc(none))
		ret = -errno;
	cap_free(none);
	return ret;
}

/**
 * host_harden - make the process fit to register as a protected host,
 * but for its seccomp filter (host_sandbox())
 * @layers: PMPHOST_LAYER_BOUNDING is added when the bounding set is empty
 *
 * Non-dumpable puts ptrace, /proc/PID/mem and process_vm_readv() out of
 * reach of every process without CAP_SYS_PTRACE, and no core file is
 * written.
 *
 * Return: 0 or a negative errno.
 */
int host_harden(unsigned int *layers)
{
	struct rlimit none = { 0, 0 };
	int ret;

	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0))
		return -errno;
	if (setrlimit(RLIMIT_CORE, &none))
		return -errno;
	ret = drop_capabilities(layers);
	if (ret) {
		host_log("cannot drop capabilities: %s", host_errname(ret));
		return ret;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	return 0;
}
