/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmp - messages: the payload and descriptors a call or reply carries
 */

#ifndef _PMP_MSG_H
#define _PMP_MSG_H

#include <linux/pmp.h>
#include <linux/types.h>

struct file;
struct pmp_user;

/**
 * struct pmp_msg - a payload and its descriptors, held by the kernel
 * @size: bytes at @data.
 * @nfds: entries of @files; an entry is NULL once installed.
 * @embedded: the message is a small one, in room it does not own.
 * @charged: bytes charged to @user for the message's allocations.
 * @user: the sender's user, referenced, unless @embedded.
 * @files: file references taken from the sender.
 * @data: the payload.
 */
struct pmp_msg {
	u32 size;
	u32 nfds;
	bool embedded;
	u32 charged;
	struct pmp_user *user;
	struct file **files;
	u8 *data;
};

/*
 * A small message (up to this many bytes and no descriptor) needs no
 * allocation of its own: it lives in a struct pmp_msg whose @data points at
 * room of that size inside whatever carries it.
 */
#define PMP_MSG_SMALL 64

int pmp_msg_from_user(struct pmp_user *user, u64 buf, u32 size, u64 fds,
		      u32 nfds, u32 fd_flags, struct pmp_msg *small,
		      struct pmp_msg **msgp);
struct pmp_msg *pmp_msg_move(struct pmp_msg *msg, struct pmp_msg *small);
void pmp_msg_free(struct pmp_msg *msg);
/**
 * struct pmp_msg_out - a message on its way out to the current process
 * @msg: the message, or NULL for none
 * @nr: descriptor numbers reserved
 * @fdnums: the numbers, the first @msg->nfds of them for @msg's files
 *
 * Nothing may appear in the receiver before the command's structure has
 * been written back, or a fault there would leave descriptors behind that
 * the receiver never hears of.  So a receive is one path, whatever the
 * command: reserve the numbers, copy the payload and the numbers out,
 * write the structure back (ioctl.c), and end: commit (install the files,
 * give back the numbers not needed) or abort (give them all back; the
 * message stays whole and keeps its files).
 */
struct pmp_msg_out {
	struct pmp_msg *msg;
	u32 nr;
	int fdnums[PMP_FDS_MAX];
};

int pmp_msg_out_reserve(struct pmp_msg_out *out, u32 n);
int pmp_msg_out_copy(struct pmp_msg_out *out, struct pmp_msg *msg, u64 buf,
		     u64 fds);
void pmp_msg_out_end(struct pmp_msg_out *out, bool commit);

#endif /* _PMP_MSG_H */
