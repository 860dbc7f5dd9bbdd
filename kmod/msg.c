// SPDX-License-Identifier: GPL-2.0
/*
 * pmp - messages: the payload and descriptors a call or reply carries
 *
 * Payloads are copied into the kernel when sent and out when received.
 * Descriptors are referenced when sent and installed, O_CLOEXEC, in the
 * receiving process when it receives them, never earlier and never in a
 * process that did not ask.  Only memfds open for reading may be sent: bulk
 * media data travels in them.  Unless the sender declares them shared, each
 * must be sealed against writing, shrinking and growing, so that what the
 * receiver validated stays what it uses and a receiver who maps one cannot
 * be made to fault.  The receiver gets a new read-only file of the memfd,
 * opened when the message is made, in the sender's context, unless the
 * sender hands its own file (PMP_CALL_FDS_WRITABLE).  (The LSM
 * file_receive hook is not called: only receive_fd() calls it, and that
 * installs the descriptor at once, before the rest of a receive could still
 * fail; security_file_receive() itself is not exported.)
 */

#include "common.h"

#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/pmp.h>
#include <linux/overflow.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "msg.h"
#include "objcount.h"
#include "user.h"

/* What a memfd needs unless it is shared: F_SEAL_FUTURE_WRITE is not enough. */
#define PMP_MSG_SEALS (F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW)

/*
 * A memfd is a shmem file of the kernel's internal mount; a file of a
 * mounted tmpfs is not one, nor is a hugetlbfs memfd.
 */
static bool file_is_memfd(struct file *file)
{
	return shmem_file(file) &&
	       (file_inode(file)->i_sb->s_flags & SB_KERNMOUNT);
}

/*
 * Checks that @file may be sent, and returns what the receiver is to get:
 * @file itself (its reference moves) or a new read-only file of the same
 * memfd (@file's reference is dropped).  Seals are never removed, so what
 * is checked here stays true.
 */
static struct file *msg_file_for_receiver(struct file *file, u32 fd_flags)
{
	struct file *ro;
	u32 seals;

	if (!file_is_memfd(file) || !(file->f_mode & FMODE_READ))
		goto err_perm;
	if (!(fd_flags & PMP_CALL_FDS_SHARED)) {
		seals = READ_ONCE(SHMEM_I(file_inode(file))->seals);
		if ((seals & PMP_MSG_SEALS) != PMP_MSG_SEALS)
			goto err_perm;
	}
	if (fd_flags & PMP_CALL_FDS_WRITABLE)
		return file;

	ro = dentry_open(&file->f_path, O_RDONLY | O_LARGEFILE, current_cred());
	fput(file);
	return ro;

err_perm:
	fput(file);
	return ERR_PTR(-EPERM);
}

/*
 * Room for a payload.  kmalloc() rounds a large size up to a power of two
 * (64 KiB and a header would take 128 KiB); where that wastes more than an
 * eighth, vmalloc() takes whole pages instead.  @charge is what it costs.
 */
static void *msg_data_alloc(u32 size, u32 *charge)
{
	size_t rounded = kmalloc_size_roundup(size);

	if (size > PAGE_SIZE && rounded - size > size / 8) {
		*charge = PAGE_ALIGN(size);
		return __vmalloc(size, GFP_KERNEL_ACCOUNT);
	}
	*charge = rounded;
	return kvmalloc(size, GFP_KERNEL_ACCOUNT);
}

/* An empty message with room for @size bytes and @nfds files. */
static struct pmp_msg *msg_alloc(struct pmp_user *user, u32 size, u32 nfds)
{
	size_t head = sizeof(struct pmp_msg) + nfds * sizeof(struct file *);
	struct pmp_msg *msg;
	u32 charge = 0;

	msg = kzalloc(head, GFP_KERNEL_ACCOUNT);
	if (!msg)
		return ERR_PTR(-ENOMEM);
	pmp_objcount_inc(PMP_OBJ_MSG);
	msg->files = (struct file **)(msg + 1);
	msg->size = size;
	if (size) {
		msg->data = msg_data_alloc(size, &charge);
		if (!msg->data) {
			pmp_msg_free(msg);
			return ERR_PTR(-ENOMEM);
		}
	}
	charge += kmalloc_size_roundup(head);
	if (!pmp_user_charge(user, PMP_USER_BYTES, charge)) {
		pmp_msg_free(msg);
		return ERR_PTR(-EAGAIN);
	}
	msg->user = pmp_user_get(user);
	msg->charged = charge;
	return msg;
}

/**
 * pmp_msg_from_user - copy a payload and reference descriptors
 * @user: the sender's user, charged for what the message allocates
 * @buf: user pointer to @size bytes
 * @size: payload size, already checked against max_payload
 * @fds: user pointer to @nfds __s32 descriptors
 * @nfds: descriptor count, at most PMP_FDS_MAX
 * @fd_flags: PMP_CALL_FDS_SHARED and PMP_CALL_FDS_WRITABLE (the reply's
 *	flags of the same values), already checked
 * @small: where a small message without descriptors goes (its @data
 *	points at PMP_MSG_SMALL bytes of room), or NULL
 * @msgp: the message, or NULL when there is neither payload nor descriptor
 *
 * Small messages, the common case of a method's arguments, cost no
 * allocation: they travel inside the transaction.
 *
 * Return: 0, -ENOMEM, -EAGAIN (@user is at its max_user_bytes), -EFAULT,
 * -EBADF (a descriptor is not open), -EPERM (a descriptor may not be
 * sent), or the error of opening a read-only file (-ENFILE...).  On error
 * no reference is kept.
 */
int pmp_msg_from_user(struct pmp_user *user, u64 buf, u32 size, u64 fds,
		      u32 nfds, u32 fd_flags, struct pmp_msg *small,
		      struct pmp_msg **msgp)
{
	struct pmp_msg *msg;
	s32 fdnums[PMP_FDS_MAX];
	int err;
	u32 i;

	*msgp = NULL;
	if (!size && !nfds)
		return 0;
	if (WARN_ON_ONCE(nfds > PMP_FDS_MAX))
		return -EMSGSIZE;
	if (small && !nfds && size <= PMP_MSG_SMALL) {
		if (copy_from_user(small->data, u64_to_user_ptr(buf), size))
			return -EFAULT;
		small->size = size;
		small->nfds = 0;
		small->embedded = true;
		small->files = NULL;
		*msgp = small;
		return 0;
	}

	msg = msg_alloc(user, size, nfds);
	if (IS_ERR(msg))
		return PTR_ERR(msg);

	err = -EFAULT;
	if (copy_from_user(msg->data, u64_to_user_ptr(buf), size))
		goto err_free;
	if (copy_from_user(fdnums, u64_to_user_ptr(fds),
			   nfds * sizeof(fdnums[0])))
		goto err_free;

	for (i = 0; i < nfds; i++) {
		struct file *file = fget(fdnums[i]);

		if (!file) {
			err = -EBADF;
			goto err_free;
		}
		file = msg_file_for_receiver(file, fd_flags);
		if (IS_ERR(file)) {
			err = PTR_ERR(file);
			goto err_free;
		}
		msg->files[msg->nfds++] = file;
	}
	*msgp = msg;
	return 0;

err_free:
	pmp_msg_free(msg);
	return err;
}

/**
 * pmp_msg_free - drop a message and every descriptor still in it
 * @msg: the message, or NULL
 */
void pmp_msg_free(struct pmp_msg *msg)
{
	u32 i;

	if (!msg)
		return;
	for (i = 0; i < msg->nfds; i++)
		if (msg->files[i])
			fput(msg->files[i]);
	if (msg->embedded)
		return;
	if (msg->user) {
		pmp_user_uncharge(msg->user, PMP_USER_BYTES, msg->charged);
		pmp_user_put(msg->user);
	}
	kvfree(msg->data);
	kfree(msg);
	pmp_objcount_dec(PMP_OBJ_MSG);
}

/**
 * pmp_msg_move - put a small message where it will live
 * @msg: a message, possibly a small one in temporary room
 * @small: its new place (with room at @data), when it is small
 *
 * Return: the message at its new place (or @msg itself when allocated).
 */
struct pmp_msg *pmp_msg_move(struct pmp_msg *msg, struct pmp_msg *small)
{
	if (!msg || !msg->embedded)
		return msg;
	memcpy(small->data, msg->data, msg->size);
	small->size = msg->size;
	small->nfds = 0;
	small->embedded = true;
	small->files = NULL;
	return small;
}

/**
 * pmp_msg_out_reserve - reserve descriptor numbers in the current process
 * @out: an empty &struct pmp_msg_out
 * @n: how many, at most PMP_FDS_MAX
 *
 * Return: 0, or the error of get_unused_fd_flags() (-EMFILE) with nothing
 * reserved.
 */
int pmp_msg_out_reserve(struct pmp_msg_out *out, u32 n)
{
	out->msg = NULL;
	for (out->nr = 0; out->nr < n; out->nr++) {
		int fd = get_unused_fd_flags(O_CLOEXEC);

		if (fd < 0) {
			pmp_msg_out_end(out, false);
			return fd;
		}
		out->fdnums[out->nr] = fd;
	}
	return 0;
}

/**
 * pmp_msg_out_copy - copy a message's payload and descriptor numbers out
 * @out: reserved, with at least @msg->nfds numbers
 * @msg: the message, or NULL for an empty one
 * @buf: user buffer, large enough (checked by the caller)
 * @fds: user array for the descriptor numbers
 *
 * Nothing is installed yet: after a fault, pmp_msg_out_end() aborts and
 * the message stays whole.
 *
 * Return: 0 or -EFAULT.
 */
int pmp_msg_out_copy(struct pmp_msg_out *out, struct pmp_msg *msg, u64 buf,
		     u64 fds)
{
	out->msg = msg;
	if (!msg)
		return 0;
	if (WARN_ON_ONCE(msg->nfds > out->nr))
		return -EMFILE;
	if (copy_to_user(u64_to_user_ptr(buf), msg->data, msg->size))
		return -EFAULT;
	if (copy_to_user(u64_to_user_ptr(fds), out->fdnums,
			 msg->nfds * sizeof(out->fdnums[0])))
		return -EFAULT;
	return 0;
}

/**
 * pmp_msg_out_end - the last step of a receive, which cannot fail
 * @out: reserved, maybe copied
 * @commit: the command's structure reached the receiver: install the
 *	message's files (they leave the message); else install nothing
 *
 * Every reserved number not installed is given back.
 */
void pmp_msg_out_end(struct pmp_msg_out *out, bool commit)
{
	u32 i = 0;

	if (commit && out->msg) {
		for (; i < out->msg->nfds; i++) {
			fd_install(out->fdnums[i], out->msg->files[i]);
			out->msg->files[i] = NULL;
		}
	}
	for (; i < out->nr; i++)
		put_unused_fd(out->fdnums[i]);
	out->nr = 0;
	out->msg = NULL;
}
