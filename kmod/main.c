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
#include "guard.h"
#include "host.h"
#include "limits.h"
#include "objcount.h"
#include "object.h"
#include "stats.h"
#include "txn.h"
#include "user.h"

/* The uapi structures must keep their size and layout on every ABI. */
static void __init build_check_abi(void)
{
	struct pmp_host_register reg;
	struct pmp_connect conn;
	struct pmp_info info;
	struct pmp_create create;
	struct pmp_call call;
	struct pmp_release rel;
	struct pmp_recv recv;
	struct pmp_recv_obj obj;
	struct pmp_reply reply;
	struct pmp_host_entry entry;
	struct pmp_list_hosts lh;
	size_t size;

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
	BUILD_BUG_ON(offsetof(struct pmp_call, in_handles) !=
		     PMP_CALL_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct pmp_call, out_fds) != 64);
	BUILD_BUG_ON(sizeof(struct pmp_call) != PMP_CALL_SIZE_VER2);
	BUILD_BUG_ON(offsetof(struct pmp_call, reply_flags) !=
		     PMP_CALL_SIZE_VER1);
	/* Call and reply share the descriptor flags' values (msg.c). */
	BUILD_BUG_ON(PMP_CALL_FDS_SHARED != PMP_REPLY_FDS_SHARED);
	BUILD_BUG_ON(PMP_CALL_FDS_WRITABLE != PMP_REPLY_FDS_WRITABLE);
	BUILD_BUG_ON(PMP_CALL_FDS_FLAGS & PMP_CALL_OBJECT_OUT);
	BUILD_BUG_ON(sizeof(struct pmp_release) != PMP_RELEASE_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct pmp_recv) != PMP_RECV_SIZE_VER1);
	BUILD_BUG_ON(offsetof(struct pmp_recv, objs_ptr) !=
		     PMP_RECV_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct pmp_recv_obj) != 16);
	BUILD_BUG_ON(offsetof(struct pmp_recv, clsid) != 72);
	BUILD_BUG_ON(sizeof(struct pmp_reply) != PMP_REPLY_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct pmp_reply, object_id) != 48);
	BUILD_BUG_ON(sizeof(struct pmp_host_entry) != PMP_HOST_ENTRY_SIZE_VER1);
	BUILD_BUG_ON(offsetof(struct pmp_host_entry, layers) !=
		     PMP_HOST_ENTRY_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct pmp_host_entry, locks) != 40);
	BUILD_BUG_ON(sizeof(struct pmp_list_hosts) != PMP_LIST_HOSTS_SIZE_VER0);
	/* Host states are reported as they are. */
	BUILD_BUG_ON(PMP_HS_STARTING != PMP_HOST_STARTING);
	BUILD_BUG_ON(PMP_HS_ACTIVE != PMP_HOST_ACTIVE);
	BUILD_BUG_ON(PMP_HS_LINGER != PMP_HOST_LINGER);
	BUILD_BUG_ON(PMP_HS_EXIT != PMP_HOST_EXIT);
	BUILD_BUG_ON(PMP_HS_DEAD <= PMP_HOST_EXIT);

	/*
	 * Every field counted: no padding hides in a structure, where the
	 * kernel could leak a byte or miss one the caller set.
	 */
	size = sizeof(reg.flags) + sizeof(reg.missing) + sizeof(reg.host_id);
	BUILD_BUG_ON(sizeof(reg) != size);

	size = sizeof(conn.host_id) + sizeof(conn.flags) +
	       sizeof(conn.reserved);
	BUILD_BUG_ON(sizeof(conn) != size);

	size = sizeof(info.flags) + sizeof(info.kind) + sizeof(info.host_id) +
	       sizeof(info.host_pid) + sizeof(info.host_flags) +
	       sizeof(info.host_uid) + sizeof(info.host_missing) +
	       sizeof(info.clients) + sizeof(info.own_locks) +
	       sizeof(info.locks) + sizeof(info.reserved) +
	       sizeof(info.host_state) + sizeof(info.objects) +
	       sizeof(info.pending) + sizeof(info.own_handles);
	BUILD_BUG_ON(sizeof(info) != size);

	size = sizeof(create.clsid) + sizeof(create.iid) +
	       sizeof(create.flags) + sizeof(create.timeout_ms) +
	       sizeof(create.status) + sizeof(create.reserved) +
	       sizeof(create.handle) + sizeof(create.object_id);
	BUILD_BUG_ON(sizeof(create) != size);

	size = sizeof(call.handle) + sizeof(call.method) + sizeof(call.flags) +
	       sizeof(call.timeout_ms) + sizeof(call.status) +
	       sizeof(call.in_ptr) + sizeof(call.in_size) +
	       sizeof(call.in_nfds) + sizeof(call.in_fds) +
	       sizeof(call.out_ptr) + sizeof(call.out_size) +
	       sizeof(call.out_nfds) + sizeof(call.out_fds) +
	       sizeof(call.out_handle) + sizeof(call.out_object_id) +
	       sizeof(call.in_handles) + sizeof(call.in_nhandles) +
	       sizeof(call.reserved) + sizeof(call.reply_flags) +
	       sizeof(call.reserved2);
	BUILD_BUG_ON(sizeof(call) != size);

	size = sizeof(rel.handle) + sizeof(rel.flags);
	BUILD_BUG_ON(sizeof(rel) != size);

	size = sizeof(recv.flags) + sizeof(recv.type) + sizeof(recv.txn) +
	       sizeof(recv.buf_ptr) + sizeof(recv.buf_size) +
	       sizeof(recv.nfds) + sizeof(recv.fds_ptr) +
	       sizeof(recv.object_id) + sizeof(recv.cookie) +
	       sizeof(recv.method) + sizeof(recv.call_flags) +
	       sizeof(recv.client_id) + sizeof(recv.client_pid) +
	       sizeof(recv.clsid) + sizeof(recv.iid) + sizeof(recv.objs_ptr) +
	       sizeof(recv.nobjs) + sizeof(recv.reserved);
	BUILD_BUG_ON(sizeof(recv) != size);

	size = sizeof(obj.object_id) + sizeof(obj.cookie);
	BUILD_BUG_ON(sizeof(obj) != size);

	size = sizeof(reply.txn) + sizeof(reply.status) + sizeof(reply.flags) +
	       sizeof(reply.cookie) + sizeof(reply.buf_ptr) +
	       sizeof(reply.buf_size) + sizeof(reply.nfds) +
	       sizeof(reply.fds_ptr) + sizeof(reply.object_id) +
	       sizeof(reply.object_new) + sizeof(reply.reserved);
	BUILD_BUG_ON(sizeof(reply) != size);

	size = sizeof(entry.host_id) + sizeof(entry.pid) + sizeof(entry.uid) +
	       sizeof(entry.flags) + sizeof(entry.state) +
	       sizeof(entry.missing) + sizeof(entry.clients) +
	       sizeof(entry.objects) + sizeof(entry.pending) +
	       sizeof(entry.locks) + sizeof(entry.layers) +
	       sizeof(entry.reserved);
	BUILD_BUG_ON(sizeof(entry) != size);

	size = sizeof(lh.flags) + sizeof(lh.entry_size) + sizeof(lh.entries) +
	       sizeof(lh.capacity) + sizeof(lh.count);
	BUILD_BUG_ON(sizeof(lh) != size);
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
	/* The guard is in place before any host can register. */
	err = pmp_guard_init();
	if (err)
		goto err_txns;
	err = misc_register(&pmp_misc);
	if (err) {
		pr_err("cannot register /dev/%s: %d\n", PMP_NAME, err);
		goto err_guard;
	}
	pr_info("ABI version %d, enforcing %d\n", PMP_ABI_VERSION,
		pmp_guard_enforcing());
	return 0;

err_guard:
	pmp_guard_exit();
err_txns:
	pmp_txns_exit();
err_objects:
	pmp_objects_exit();
	return err;
}

static void __exit pmp_exit(void)
{
	misc_deregister(&pmp_misc);
	pmp_guard_exit();
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
