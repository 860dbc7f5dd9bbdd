// SPDX-License-Identifier: MIT
/*
 * binder.c - Binder's round trip, with raw ioctls as libbinder makes them
 *
 * Binder is here only as a baseline: pmp-bench compares a null CALL with
 * the round trip of Android's IPC driver, which Debian builds as
 * binder_linux.ko.  Both sides work as libbinder's IPCThreadState does:
 * each BINDER_WRITE_READ writes what is queued and reads in the same call,
 * and a received buffer's BC_FREE_BUFFER is queued for the next write
 * rather than written on its own.  The context manager (handle 0) is a
 * process of its own with one looper thread and no thread pool to grow
 * (BINDER_SET_MAX_THREADS 0), as Android's servicemanager runs; like
 * libbinder's host loop it writes BC_FREE_BUFFER and BC_REPLY together,
 * reads BR_TRANSACTION_COMPLETE, then reads the next transaction.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/android/binder.h>

#include "binder.h"
#include "report.h"

/* libbinder's BINDER_VM_SIZE: 1 MiB less two pages. */
#define BUFFER_AREA (1024 * 1024 - 2 * 4096)
/* Transaction codes: a null call, and a call for the peer's CPU time. */
#define CODE_NULL 1
#define CODE_CPU 2

#define BINDERFS "/dev/binderfs"
#define MODPROBE "modprobe binder_linux devices=binder"

static const char *const devices[] = { "/dev/binder", BINDERFS "/binder" };

/* Commands queued for a write (libbinder's mOut), or read (its mIn). */
struct cmds {
	unsigned char buf[256];
	size_t len, pos;
};

static void __attribute__((noreturn)) protocol_error(const char *what)
{
	errno = EPROTO;
	die(what);
}

static void put_cmd(struct cmds *out, uint32_t cmd, const void *arg,
		    size_t size)
{
	if (out->len + sizeof(cmd) + size > sizeof(out->buf))
		protocol_error("binder: too many commands queued");
	memcpy(out->buf + out->len, &cmd, sizeof(cmd));
	if (size)
		memcpy(out->buf + out->len + sizeof(cmd), arg, size);
	out->len += sizeof(cmd) + size;
}

/* The next return command in @in, its argument copied to @arg; 0 at end. */
static uint32_t next_cmd(struct cmds *in, void *arg, size_t size)
{
	uint32_t cmd;
	size_t n;

	if (in->pos + sizeof(cmd) > in->len)
		return 0;
	memcpy(&cmd, in->buf + in->pos, sizeof(cmd));
	n = _IOC_SIZE(cmd);
	if (in->pos + sizeof(cmd) + n > in->len)
		protocol_error("binder: return command cut short");
	memcpy(arg, in->buf + in->pos + sizeof(cmd), n < size ? n : size);
	in->pos += sizeof(cmd) + n;
	return cmd;
}

/* One BINDER_WRITE_READ: all of @out written, then @in read. */
static void talk(int fd, struct cmds *out, struct cmds *in)
{
	struct binder_write_read bwr = {
		.write_size = out->len,
		.write_buffer = (uintptr_t)out->buf,
		.read_size = sizeof(in->buf),
		.read_buffer = (uintptr_t)in->buf,
	};

	while (ioctl(fd, BINDER_WRITE_READ, &bwr))
		if (errno != EINTR)
			die("BINDER_WRITE_READ");
	if (bwr.write_consumed != out->len)
		protocol_error("binder: write not consumed");
	out->len = 0;
	in->len = bwr.read_consumed;
	in->pos = 0;
}

/*
 * The next BR_TRANSACTION or BR_REPLY, in @tr: what @in holds first, then
 * BINDER_WRITE_READ (@out written by the first) as often as it takes, past
 * BR_NOOP and BR_TRANSACTION_COMPLETE, as libbinder's waitForResponse.
 */
static uint32_t next_work(int fd, struct cmds *out, struct cmds *in,
			  struct binder_transaction_data *tr)
{
	uint32_t cmd;

	for (;;) {
		while ((cmd = next_cmd(in, tr, sizeof(*tr)))) {
			if (cmd == BR_TRANSACTION || cmd == BR_REPLY)
				return cmd;
			if (cmd != BR_NOOP && cmd != BR_TRANSACTION_COMPLETE)
				protocol_error("binder: unexpected return");
		}
		talk(fd, out, in);
	}
}

/* ---- the context manager --------------------------------------------- */

static void answer(struct cmds *out, const struct binder_transaction_data *tr)
{
	static unsigned char data[BINDER_BENCH_SIZE];
	struct binder_transaction_data reply = {
		.data_size = sizeof(data),
		.data.ptr.buffer = (uintptr_t)data,
	};
	double cpu;

	if (tr->data_size != BINDER_BENCH_SIZE)
		protocol_error("binder: transaction of the wrong size");
	/* What a service does first: read the transaction's data. */
	memcpy(data, (const void *)(uintptr_t)tr->data.ptr.buffer,
	       sizeof(data));
	if (tr->code == CODE_CPU) {
		cpu = cpu_time();
		memcpy(data, &cpu, sizeof(cpu));
	} else {
		memset(data, 'r', sizeof(data));
	}
	/* Freed before the reply is sent, as libbinder does (b/238777741). */
	put_cmd(out, BC_FREE_BUFFER, &tr->data.ptr.buffer,
		sizeof(tr->data.ptr.buffer));
	put_cmd(out, BC_REPLY, &reply, sizeof(reply));
}

static void __attribute__((noreturn)) serve(int fd)
{
	struct binder_transaction_data tr;
	struct cmds out = { .len = 0 }, in = { .len = 0 };

	put_cmd(&out, BC_ENTER_LOOPER, NULL, 0);
	for (;;) {
		if (next_work(fd, &out, &in, &tr) != BR_TRANSACTION)
			protocol_error("binder: a reply with no transaction");
		answer(&out, &tr);
	}
}

/* ---- either side ----------------------------------------------------- */

/*
 * Opens @path as libbinder's ProcessState does: the protocol version
 * checked, the buffer area mapped read-only.
 */
static int open_binder(const char *path, void **map, char *why, size_t size)
{
	struct binder_version v = { 0 };
	int fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		snprintf(why, size, "cannot open %s: %s", path,
			 strerror(errno));
		return -1;
	}
	if (ioctl(fd, BINDER_VERSION, &v)) {
		snprintf(why, size, "BINDER_VERSION: %s", strerror(errno));
		goto err_close;
	}
	if (v.protocol_version != BINDER_CURRENT_PROTOCOL_VERSION) {
		snprintf(why, size, "%s speaks protocol %d, not %d", path,
			 v.protocol_version, BINDER_CURRENT_PROTOCOL_VERSION);
		goto err_close;
	}
	*map = mmap(NULL, BUFFER_AREA, PROT_READ, MAP_PRIVATE | MAP_NORESERVE,
		    fd, 0);
	if (*map == MAP_FAILED) {
		snprintf(why, size, "cannot map %s: %s", path,
			 strerror(errno));
		goto err_close;
	}
	return fd;

err_close:
	close(fd);
	return -1;
}

/* Forks the context manager; its first message is "" or why it failed. */
static pid_t spawn_peer(const char *path, char *why, size_t size)
{
	void *map;
	int p[2], fd;
	ssize_t n;
	pid_t pid;
	__u32 none = 0;
	__s32 unused = 0;

	if (pipe2(p, O_CLOEXEC))
		die("pipe");
	fflush(NULL);	/* nothing buffered for the child to write again */
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(p[0]);
		why[0] = 0;
		fd = open_binder(path, &map, why, size);
		if (fd >= 0 && ioctl(fd, BINDER_SET_MAX_THREADS, &none))
			snprintf(why, size, "BINDER_SET_MAX_THREADS: %s",
				 strerror(errno));
		else if (fd >= 0 && ioctl(fd, BINDER_SET_CONTEXT_MGR, &unused))
			snprintf(why, size, "BINDER_SET_CONTEXT_MGR: %s",
				 strerror(errno));
		if (write(p[1], why, strlen(why) + 1) < 0 || why[0])
			_exit(1);
		close(p[1]);
		serve(fd);
	}
	close(p[1]);
	n = read(p[0], why, size - 1);
	close(p[0]);
	if (n > 0 && !why[0])
		return pid;
	if (n <= 0)
		snprintf(why, size, "the context manager exited");
	else
		why[n] = 0;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -1;
}

/* ---- finding Binder -------------------------------------------------- */

static const char *find_device(void)
{
	size_t i;

	for (i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
		if (!access(devices[i], F_OK))
			return devices[i];
	return NULL;
}

static int has_binderfs(void)
{
	char line[128];
	FILE *f = fopen("/proc/filesystems", "re");
	int found = 0;

	while (f && !found && fgets(line, sizeof(line), f))
		found = !strcmp(line, "nodev\tbinder\n");
	if (f)
		fclose(f);
	return found;
}

/*
 * Binder's device, after loading binder_linux if there is none: its
 * devices= parameter makes /dev/binder when it is built without binderfs
 * (as Debian's is), and names what binderfs makes when it is mounted.  A
 * kernel with binderfs has Binder built in or loaded already.
 */
static const char *load_binder(char *why, size_t size)
{
	const char *path = find_device();
	char out[160] = "";
	size_t n;
	FILE *p;

	if (path)
		return path;
	if (!has_binderfs()) {
		p = popen(MODPROBE " 2>&1", "re");
		if (!p)
			die("popen");
		n = fread(out, 1, sizeof(out) - 1, p);
		out[n] = 0;
		out[strcspn(out, "\n")] = 0;
		if (pclose(p)) {
			snprintf(why, size,
				 "no Binder device, and %s failed: %s",
				 MODPROBE, out[0] ? out : "no message");
			return NULL;
		}
	}
	if (!find_device() && has_binderfs()) {
		mkdir(BINDERFS, 0755);
		if (mount("binder", BINDERFS, "binder", 0, NULL)) {
			snprintf(why, size, "cannot mount binderfs on %s: %s",
				 BINDERFS, strerror(errno));
			return NULL;
		}
	}
	path = find_device();
	if (!path)
		snprintf(why, size, "%s made neither %s nor %s", MODPROBE,
			 devices[0], devices[1]);
	return path;
}

/* ---- the calling side ------------------------------------------------ */

int binder_bench_start(struct binder_bench *b, char *why, size_t size)
{
	const char *path = load_binder(why, size);

	if (!path)
		return -1;
	b->peer = spawn_peer(path, why, size);
	if (b->peer < 0)
		return -1;
	b->fd = open_binder(path, &b->map, why, size);
	if (b->fd < 0) {
		kill(b->peer, SIGKILL);
		waitpid(b->peer, NULL, 0);
		return -1;
	}
	b->reply_buffer = 0;
	return 0;
}

/* A transaction to handle 0 and its reply, copied to @reply. */
static void transact(struct binder_bench *b, uint32_t code, void *reply)
{
	unsigned char data[BINDER_BENCH_SIZE];
	struct binder_transaction_data tr = {
		.target.handle = 0,
		.code = code,
		.flags = TF_ACCEPT_FDS,
		.data_size = sizeof(data),
		.data.ptr.buffer = (uintptr_t)data,
	};
	struct cmds out = { .len = 0 }, in = { .len = 0 };

	memset(data, 'c', sizeof(data));
	/* The last reply's buffer, freed as libbinder frees its Parcel. */
	if (b->reply_buffer)
		put_cmd(&out, BC_FREE_BUFFER, &b->reply_buffer,
			sizeof(b->reply_buffer));
	put_cmd(&out, BC_TRANSACTION, &tr, sizeof(tr));
	if (next_work(b->fd, &out, &in, &tr) != BR_REPLY)
		protocol_error("binder: a transaction instead of a reply");
	b->reply_buffer = tr.data.ptr.buffer;
	if (tr.flags & TF_STATUS_CODE || tr.data_size != BINDER_BENCH_SIZE)
		protocol_error("binder: a reply of the wrong kind");
	memcpy(reply, (const void *)(uintptr_t)tr.data.ptr.buffer,
	       BINDER_BENCH_SIZE);
}

void binder_bench_call(struct binder_bench *b)
{
	unsigned char reply[BINDER_BENCH_SIZE];

	transact(b, CODE_NULL, reply);
}

double binder_bench_peer_cpu(struct binder_bench *b)
{
	unsigned char reply[BINDER_BENCH_SIZE];
	double cpu;

	transact(b, CODE_CPU, reply);
	memcpy(&cpu, reply, sizeof(cpu));
	return cpu;
}

void binder_bench_stop(struct binder_bench *b)
{
	kill(b->peer, SIGKILL);
	waitpid(b->peer, NULL, 0);
	munmap(b->map, BUFFER_AREA);
	close(b->fd);
}
