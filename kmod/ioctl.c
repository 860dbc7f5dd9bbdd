// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - ioctl dispatch and argument copying
 *
 * Commands are looked up by number, then must match in type and direction;
 * the size bits are the caller's structure size, which lets old and new user
 * space work with old and new kernels (copy_struct_from_user()).
 */

#include "common.h"

#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/nospec.h>
#include <linux/pmp.h>
#include <linux/uaccess.h>

#include "client.h"
#include "deliver.h"
#include "endpoint.h"
#include "host.h"
#include "ioctl.h"
#include "limits.h"
#include "object.h"
#include "txn.h"

#define PMP_CMD_NOSIZE(cmd) ((cmd) & ~IOCSIZE_MASK)

/*
 * Reads the caller's structure of _IOC_SIZE(cmd) bytes into @karg, which
 * is @ksize bytes and whose first version was @ver0 bytes.
 */
static int copy_arg_in(void *karg, size_t ksize, size_t ver0,
		       unsigned int cmd, unsigned long arg)
{
	size_t usize = _IOC_SIZE(cmd);

	if (usize < ver0)
		return -EINVAL;
	if (usize > PMP_ARG_MAX_SIZE)
		return -E2BIG;
	return copy_struct_from_user(karg, ksize, (const void __user *)arg,
				     usize);
}

/*
 * Writes @karg back in the caller's size.  A larger caller structure keeps
 * its tail, which copy_arg_in() found to be zero.
 */
static int copy_arg_out(unsigned long arg, unsigned int cmd, const void *karg,
			size_t ksize)
{
	size_t n = min_t(size_t, ksize, _IOC_SIZE(cmd));

	if (copy_to_user((void __user *)arg, karg, n))
		return -EFAULT;
	return 0;
}

static long ioctl_version(struct file *file, struct pmp_endpoint *ep,
			  unsigned int cmd, unsigned long arg)
{
	return arg ? -EINVAL : PMP_ABI_VERSION;
}

static long ioctl_host_register(struct file *file, struct pmp_endpoint *ep,
				unsigned int cmd, unsigned long arg)
{
	struct pmp_host_register reg;
	int err, cerr;

	err = copy_arg_in(&reg, sizeof(reg), PMP_HOST_REGISTER_SIZE_VER0, cmd,
			  arg);
	if (err)
		return err;
	if (reg.flags & ~PMP_HOST_REGISTER_FLAGS || reg.missing ||
	    reg.host_id)
		return -EINVAL;
	/*
	 * Writing the argument back unchanged first makes sure the result can
	 * be delivered: a registration the caller never hears of would leave a
	 * host behind.
	 */
	err = copy_arg_out(arg, cmd, &reg, sizeof(reg));
	if (err)
		return err;

	mutex_lock(&ep->lock);
	err = pmp_endpoint_expect(ep, PMP_EP_NEW);
	if (!err)
		err = pmp_host_register(ep, &reg);
	mutex_unlock(&ep->lock);

	/* A refusal still tells the caller what it lacks. */
	if (err && err != -EPERM)
		return err;
	cerr = copy_arg_out(arg, cmd, &reg, sizeof(reg));
	return err ?: cerr;
}

static long ioctl_connect(struct file *file, struct pmp_endpoint *ep,
			  unsigned int cmd, unsigned long arg)
{
	struct pmp_connect conn;
	int err;

	err = copy_arg_in(&conn, sizeof(conn), PMP_CONNECT_SIZE_VER0, cmd, arg);
	if (err)
		return err;
	if (conn.flags & ~PMP_CONNECT_FLAGS || conn.reserved)
		return -EINVAL;

	mutex_lock(&ep->lock);
	err = pmp_endpoint_expect(ep, PMP_EP_NEW);
	if (!err)
		err = pmp_client_connect(ep, &conn);
	mutex_unlock(&ep->lock);
	return err;
}

static long ioctl_lock(struct file *file, struct pmp_endpoint *ep,
		       unsigned int cmd, unsigned long arg)
{
	return arg ? -EINVAL : pmp_client_lock(ep);
}

static long ioctl_unlock(struct file *file, struct pmp_endpoint *ep,
			 unsigned int cmd, unsigned long arg)
{
	return arg ? -EINVAL : pmp_client_unlock(ep);
}

static long ioctl_info(struct file *file, struct pmp_endpoint *ep,
		       unsigned int cmd, unsigned long arg)
{
	struct pmp_info info;
	int err;

	err = copy_arg_in(&info, sizeof(info), PMP_INFO_SIZE_VER0, cmd, arg);
	if (err)
		return err;
	/* All but @flags are output: zero now, so that they may become input. */
	if (memchr_inv(&info, 0, sizeof(info)))
		return -EINVAL;

	err = pmp_endpoint_info(ep, &info);
	if (err)
		return err;
	return copy_arg_out(arg, cmd, &info, sizeof(info));
}

static long ioctl_create(struct file *file, struct pmp_endpoint *ep,
			 unsigned int cmd, unsigned long arg)
{
	struct pmp_create create;
	int err;

	err = copy_arg_in(&create, sizeof(create), PMP_CREATE_SIZE_VER0, cmd,
			  arg);
	if (err)
		return err;
	if (create.flags || create.reserved || create.status ||
	    create.handle || create.object_id)
		return -EINVAL;

	err = pmp_client_create(ep, &create);
	if (err)
		return err;
	err = copy_arg_out(arg, cmd, &create, sizeof(create));
	if (err && create.handle)
		pmp_handle_release(ep, create.handle);
	return err;
}

/* A receiver may get the sender's own file only of a shared memfd. */
static bool fd_flags_valid(u32 flags)
{
	return !(flags & PMP_CALL_FDS_WRITABLE) ||
	       (flags & PMP_CALL_FDS_SHARED);
}

/*
 * CALL and RECV hand something to the caller: its structure is written
 * back first, and only then do the descriptors appear (or, if that
 * failed, the delivery is undone).
 */
static long ioctl_call(struct file *file, struct pmp_endpoint *ep,
		       unsigned int cmd, unsigned long arg)
{
	struct pmp_delivery d;
	struct pmp_call call;
	int err;

	err = copy_arg_in(&call, sizeof(call), PMP_CALL_SIZE_VER0, cmd, arg);
	if (err)
		return err;
	if (call.flags & ~PMP_CALL_FLAGS || call.status || call.out_handle ||
	    call.out_object_id || call.reserved || call.reply_flags ||
	    call.reserved2 || !fd_flags_valid(call.flags))
		return -EINVAL;

	err = pmp_client_call(ep, &call, &d);
	if (err)
		return err;
	err = copy_arg_out(arg, cmd, &call, sizeof(call));
	pmp_client_call_end(ep, &call, &d, !err);
	return err;
}

static long ioctl_release(struct file *file, struct pmp_endpoint *ep,
			  unsigned int cmd, unsigned long arg)
{
	struct pmp_release rel;
	int err;

	err = copy_arg_in(&rel, sizeof(rel), PMP_RELEASE_SIZE_VER0, cmd, arg);
	if (err)
		return err;
	if (rel.flags)
		return -EINVAL;
	return pmp_client_release(ep, &rel);
}

static long ioctl_recv(struct file *file, struct pmp_endpoint *ep,
		       unsigned int cmd, unsigned long arg)
{
	struct pmp_delivery d;
	struct pmp_recv r;
	int err;

	err = copy_arg_in(&r, sizeof(r), PMP_RECV_SIZE_VER0, cmd, arg);
	if (err)
		return err;
	/* Everything but flags, buffers and capacities is output. */
	if (r.flags || r.type || r.txn || r.object_id || r.cookie ||
	    r.method || r.call_flags || r.client_id || r.client_pid ||
	    r.reserved ||
	    memchr_inv(r.clsid, 0, sizeof(r.clsid)) ||
	    memchr_inv(r.iid, 0, sizeof(r.iid)))
		return -EINVAL;

	err = pmp_host_recv(ep, file->f_flags & O_NONBLOCK, &r, &d);
	if (err == -EMSGSIZE)
		/* The caller learns the size it needs. */
		return copy_arg_out(arg, cmd, &r, sizeof(r)) ?: -EMSGSIZE;
	if (err)
		return err;
	err = copy_arg_out(arg, cmd, &r, sizeof(r));
	pmp_host_recv_end(ep, &d, !err);
	return err;
}

static long ioctl_reply(struct file *file, struct pmp_endpoint *ep,
			unsigned int cmd, unsigned long arg)
{
	struct pmp_reply rp;
	int err;

	err = copy_arg_in(&rp, sizeof(rp), PMP_REPLY_SIZE_VER0, cmd, arg);
	if (err)
		return err;
	if (rp.flags & ~PMP_REPLY_FLAGS || rp.reserved || rp.object_id ||
	    rp.object_new || !(rp.flags & PMP_REPLY_OBJECT) != !rp.cookie ||
	    !fd_flags_valid(rp.flags))
		return -EINVAL;
	/* As for registration: a host must learn what became of its object. */
	err = copy_arg_out(arg, cmd, &rp, sizeof(rp));
	if (err)
		return err;

	err = pmp_host_reply(ep, &rp);
	if (err)
		return err;
	return copy_arg_out(arg, cmd, &rp, sizeof(rp));
}

static long ioctl_list_hosts(struct file *file, struct pmp_endpoint *ep,
			     unsigned int cmd, unsigned long arg)
{
	struct pmp_list_hosts lh;
	int err;

	err = copy_arg_in(&lh, sizeof(lh), PMP_LIST_HOSTS_SIZE_VER0, cmd, arg);
	if (err)
		return err;
	if (lh.flags || lh.count || lh.entry_size < PMP_HOST_ENTRY_SIZE_VER0 ||
	    lh.entry_size > PMP_ARG_MAX_SIZE)
		return -EINVAL;

	err = pmp_hosts_list(&lh);
	if (err)
		return err;
	return copy_arg_out(arg, cmd, &lh, sizeof(lh));
}

typedef long (*pmp_ioctl_fn)(struct file *file, struct pmp_endpoint *ep,
			     unsigned int cmd, unsigned long arg);

/* Indexed by command number; PMP_CMD_NOSIZE() must match as well. */
static const struct {
	unsigned int cmd;
	pmp_ioctl_fn fn;
} pmp_ioctls[] = {
	[_IOC_NR(PMP_IOC_VERSION)] = { PMP_IOC_VERSION, ioctl_version },
	[_IOC_NR(PMP_IOC_HOST_REGISTER)] = { PMP_IOC_HOST_REGISTER,
					     ioctl_host_register },
	[_IOC_NR(PMP_IOC_CONNECT)] = { PMP_IOC_CONNECT, ioctl_connect },
	[_IOC_NR(PMP_IOC_LOCK)] = { PMP_IOC_LOCK, ioctl_lock },
	[_IOC_NR(PMP_IOC_UNLOCK)] = { PMP_IOC_UNLOCK, ioctl_unlock },
	[_IOC_NR(PMP_IOC_INFO)] = { PMP_IOC_INFO, ioctl_info },
	[_IOC_NR(PMP_IOC_CREATE_OBJECT)] = { PMP_IOC_CREATE_OBJECT,
					     ioctl_create },
	[_IOC_NR(PMP_IOC_CALL)] = { PMP_IOC_CALL, ioctl_call },
	[_IOC_NR(PMP_IOC_RELEASE)] = { PMP_IOC_RELEASE, ioctl_release },
	[_IOC_NR(PMP_IOC_RECV)] = { PMP_IOC_RECV, ioctl_recv },
	[_IOC_NR(PMP_IOC_REPLY)] = { PMP_IOC_REPLY, ioctl_reply },
	[_IOC_NR(PMP_IOC_LIST_HOSTS)] = { PMP_IOC_LIST_HOSTS,
					  ioctl_list_hosts },
};

/**
 * pmp_ioctl - the ioctl entry point of /dev/pmp
 * @file: an endpoint's file
 * @cmd: the command, with the caller's structure size in its size bits
 * @arg: the argument
 *
 * Return: the command's result, -ENOTTY for an unknown command, -EBADFD
 * when the caller does not own the endpoint.
 */
long pmp_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pmp_endpoint *ep = file->private_data;
	unsigned int nr = _IOC_NR(cmd);

	if (_IOC_TYPE(cmd) != PMP_IOC_MAGIC || nr >= ARRAY_SIZE(pmp_ioctls))
		return -ENOTTY;
	nr = array_index_nospec(nr, ARRAY_SIZE(pmp_ioctls));
	if (!pmp_ioctls[nr].fn ||
	    PMP_CMD_NOSIZE(cmd) != PMP_CMD_NOSIZE(pmp_ioctls[nr].cmd))
		return -ENOTTY;
	if (!pmp_endpoint_owned(ep))
		return -EBADFD;
	return pmp_ioctls[nr].fn(file, ep, cmd, arg);
}
