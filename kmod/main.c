// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - protected media path host: module entry points and /dev/pmp
 *
 * A Linux counterpart of Windows Media Foundation's PMP process: the module
 * registers hardened host processes, checks their isolation, keeps the
 * IMFPMPServer lock counts and tears everything down after a process dies.
 * Documentation/userspace-api/pmp.rst describes the interface.
 */

#include "common.h"

#include <linux/build_bug.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/pmp.h>
#include <linux/stddef.h>

#include "endpoint.h"
#include "host.h"
#include "objcount.h"
#include "object.h"
#include "stats.h"
#include "txn.h"
#include "user.h"

/* The uapi structures must keep their size and layout on every ABI. */
static void __init build_check_abi(void)
{
	BUILD_BUG_ON(sizeof(struct pmp_host_register) !=
		     PMP_HOST_REGISTER_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct pmp_host_register, host_id) != 8);
	BUILD_BUG_ON(sizeof(struct pmp_connect) != PMP_CONNECT_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct pmp_connect, flags) != 8);
	BUILD_BUG_ON(offsetof(struct pmp_info, host_state) !=
		     PMP_INFO_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct pmp_info, host_id) != 8);
	BUILD_BUG_ON(offsetof(struct pmp_info, locks) != 40);
	BUILD_BUG_ON(offsetof(struct pmp_info, reserved) != 48);
	BUILD_BUG_ON(sizeof(struct pmp_info) != PMP_INFO_SIZE_VER1);
	BUILD_BUG_ON(sizeof(struct pmp_create) != PMP_CREATE_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct pmp_create, handle) != 48);
	BUILD_BUG_ON(sizeof(struct pmp_call) != PMP_CALL_SIZE_VER1);
	BUILD_BUG_ON(offsetof(struct pmp_call, in_handles) !=
		     PMP_CALL_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct pmp_call, out_fds) != 64);
	BUILD_BUG_ON(sizeof(struct pmp_release) != PMP_RELEASE_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct pmp_recv) != PMP_RECV_SIZE_VER1);
	BUILD_BUG_ON(offsetof(struct pmp_recv, objs_ptr) !=
		     PMP_RECV_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct pmp_recv_obj) != 16);
	BUILD_BUG_ON(offsetof(struct pmp_recv, clsid) != 72);
	BUILD_BUG_ON(sizeof(struct pmp_reply) != PMP_REPLY_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct pmp_reply, object_id) != 48);
	BUILD_BUG_ON(sizeof(struct pmp_host_entry) != PMP_HOST_ENTRY_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct pmp_host_entry, locks) != 40);
	BUILD_BUG_ON(sizeof(struct pmp_list_hosts) != PMP_LIST_HOSTS_SIZE_VER0);
	/* Host states are reported as they are. */
	BUILD_BUG_ON(PMP_HS_STARTING != PMP_HOST_STARTING);
	BUILD_BUG_ON(PMP_HS_ACTIVE != PMP_HOST_ACTIVE);
	BUILD_BUG_ON(PMP_HS_LINGER != PMP_HOST_LINGER);
	BUILD_BUG_ON(PMP_HS_EXIT != PMP_HOST_EXIT);
	BUILD_BUG_ON(PMP_HS_DEAD <= PMP_HOST_EXIT);
}

static struct miscdevice pmp_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = PMP_NAME,
	.fops = &pmp_fops,
	.groups = pmp_attr_groups,
};

static int __init pmp_init(void)
{
	int err;

	build_check_abi();

	err = pmp_objects_init();
	if (err)
		return err;
	err = pmp_txns_init();
	if (err)
		goto err_objects;
	err = misc_register(&pmp_misc);
	if (err) {
		pr_err("cannot register /dev/%s: %d\n", PMP_NAME, err);
		goto err_txns;
	}
	pr_info("ABI version %d\n", PMP_ABI_VERSION);
	return 0;

err_txns:
	pmp_txns_exit();
err_objects:
	pmp_objects_exit();
	return err;
}

static void __exit pmp_exit(void)
{
	misc_deregister(&pmp_misc);
	pmp_hosts_exit();
	pmp_users_exit();
	pmp_objcount_check();
	pmp_txns_exit();
	pmp_objects_exit();
}

module_init(pmp_init);
module_exit(pmp_exit);

MODULE_DESCRIPTION("Protected media path host broker (/dev/pmp)");
MODULE_AUTHOR("The pmp developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(PMP_VERSION);
