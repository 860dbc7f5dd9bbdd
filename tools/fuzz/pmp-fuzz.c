// SPDX-License-Identifier: GPL-2.0
/*
 * pmp-fuzz - an ioctl fuzzer and soak test of /dev/pmp that knows its ABI
 *
 * A supervisor forks host and client processes, kills them with SIGKILL at
 * random moments and starts new ones.  Each has several threads that issue
 * every PMP_IOC_* command with a structure built valid from what the
 * process knows (host ids, handles, transaction ids) and then, in fuzz
 * mode, spoilt: flags, reserved and output fields, sizes short, exact and
 * long (zero and non-zero tails), unknown commands, pointers that are NULL,
 * unmapped, read-only, in the kernel, or on pages whose first touch stalls
 * in userfaultfd until the process' manager thread lets the copy succeed
 * (UFFDIO_COPY) or fail (mprotect, then UFFDIO_WAKE).  Descriptors sent are
 * sealed and unsealed memfds and others; endpoints are closed under other
 * threads' feet; processes fork and use the copies they inherit.
 *
 * Every error must be one the uapi header documents for its command.  The
 * supervisor watches for operations that outlive their timeout (a hang)
 * and for kernel reports in /dev/kmsg; at the end, once every process has
 * gone, the live counters in sysfs must be back to zero.
 *
 * Every choice comes from generators seeded from one seed, printed first:
 * --seed N (FUZZ_SEED=N through the scripts) makes the same choices again;
 * the interleaving of processes and threads still differs between runs.
 */

#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <linux/userfaultfd.h>
#include <linux/pmp.h>

#define PMP_DEV		"/dev/pmp"
#define PMP_SYSFS	"/sys/class/misc/pmp/"
#define PMP_PARAMS	"/sys/module/pmp/parameters/"

#define PAGE_SZ		4096UL
/* The kernel reads at most a page of a structure; the size bits say more. */
#define MAX_STRUCT	4096U
#define MAX_IOC_SIZE	((1U << _IOC_SIZEBITS) - 1)

#define MAX_PROCS	12
#define MAX_THREADS	5
#define MAX_EPS		3
#define MAX_HANDLES	32
#define RX_MAX		32
/* Payload buffers: max_payload's default and some more. */
#define DATA_SZ		(80 * 1024UL)
/* Structure arena: the largest size the size bits can give. */
#define ARENA_SZ	(5 * PAGE_SZ)
/* Stall regions: a whole payload of max_payload fits in one. */
#define NR_REGIONS	12
#define REGION_SZ	(17 * PAGE_SZ)
#define MAX_THR_REGIONS	4

/* How long past its own limit an operation may run before it is a hang. */
#define HANG_GRACE_MS	45000
/* How long the processes may take to go once killed. */
#define REAP_MS		60000
/* How long the counters may take to come back once they have gone. */
#define SETTLE_MS	10000
/* The module's default_timeout_ms during a run: no call waits long. */
#define DEFAULT_TIMEOUT	2000

/* ---- state shared by every process ------------------------------------ */

/* One per thread, for the watchdog: what it is doing and since when. */
struct slot {
	_Atomic int tid;
	_Atomic int nr;		/* command number in flight, -1 when idle */
	_Atomic long long since;
	_Atomic long long limit;
};

struct shared {
	_Atomic unsigned long long ops;
	_Atomic unsigned int problems;
	_Atomic unsigned long long host_ids[MAX_PROCS];
	struct slot slots[MAX_PROCS][MAX_THREADS + 1];
};

static struct shared *sh;
static bool soak;
static const char *prog = "fuzz";

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Safe after fork() in a threaded process: no lock, one write(). */
static void say(const char *fmt, ...)
{
	char buf[768];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(STDERR_FILENO, buf, n) < 0)
		return;
}

#define problem(fmt, ...) do { \
	atomic_fetch_add(&sh->problems, 1); \
	say("%s: PROBLEM (pid %d): " fmt, prog, getpid(), ##__VA_ARGS__); \
} while (0)

/* ---- random choices ----------------------------------------------------- */

struct rng {
	uint64_t s;
};

/* splitmix64: small, fast, and any seed will do. */
static uint64_t rnd(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t below(struct rng *r, uint32_t n)
{
	return n ? rnd(r) % n : 0;
}

static uint32_t range(struct rng *r, uint32_t lo, uint32_t hi)
{
	return lo + below(r, hi - lo + 1);
}

static bool chance(struct rng *r, unsigned int pct)
{
	return below(r, 100) < pct;
}

static uint64_t mix(uint64_t seed, uint64_t a, uint64_t b)
{
	struct rng r = { seed ^ (a * 0x100000001b3ULL) ^ (b << 32) };

	return rnd(&r);
}

/* ---- the ABI ------------------------------------------------------------ */

#define F_PTR	1

struct field {
	const char *name;
	unsigned short off;
	unsigned short size;
	unsigned short flags;
};

#define FLD(type, m, fl) \
	{ #m, offsetof(struct type, m), sizeof(((struct type *)0)->m), fl }

struct cmd_desc {
	const char *name;
	unsigned long cmd;
	unsigned int ksize;	/* sizeof the structure, 0: no argument */
	unsigned int ver0;
	const int *errs;	/* the errors the uapi header documents */
	const struct field *fields;
	unsigned int nfields;
};

/*
 * Errors every command with a structure may give besides its own: the
 * conventions at the top of the uapi header (EINVAL, E2BIG, EBADFD), a
 * structure or buffer that cannot be read or written, and no memory.
 */
static const int errs_struct[] = { EINVAL, E2BIG, EBADFD, EFAULT, ENOMEM, 0 };

static const int errs_version[] = { EINVAL, EBADFD, 0 };
static const int errs_register[] = { EPERM, EISCONN, EDQUOT,
				     ENOSPC, 0 };
static const int errs_connect[] = { ECONNREFUSED, EACCES,
				    EISCONN, EDQUOT, 0 };
static const int errs_lock[] = { EINVAL, EBADFD, ENOTCONN, EOPNOTSUPP,
				 ESHUTDOWN, EOVERFLOW, 0 };
static const int errs_unlock[] = { EINVAL, EBADFD, ENOLCK, ENOTCONN,
				   EOPNOTSUPP, ESHUTDOWN, 0 };
static const int errs_info[] = { ENOTCONN, ESHUTDOWN, 0 };
static const int errs_create[] = { ENOTCONN, EOPNOTSUPP,
				   ESHUTDOWN, EDQUOT, EAGAIN, ETIMEDOUT,
				   EINTR, 0 };
static const int errs_call[] = { ENOTCONN, EOPNOTSUPP,
				 ESHUTDOWN, EDQUOT, EAGAIN, ETIMEDOUT, EINTR,
				 ENOENT, EMSGSIZE, EBADF, EPERM, EMFILE, 0 };
static const int errs_release[] = { ENOTCONN, EOPNOTSUPP,
				    ENOENT, 0 };
static const int errs_recv[] = { EOPNOTSUPP, ENOTCONN, EAGAIN,
				 ESHUTDOWN, EMSGSIZE, EMFILE, EINTR, 0 };
static const int errs_reply[] = { EOPNOTSUPP, ENOTCONN, ENOENT,
				  ECANCELED, EMSGSIZE, EBADF, EPERM, EAGAIN,
				  0 };
static const int errs_list[] = { 0 };

static const struct field fields_register[] = {
	FLD(pmp_host_register, flags, 0),
	FLD(pmp_host_register, missing, 0),
	FLD(pmp_host_register, host_id, 0),
};

static const struct field fields_connect[] = {
	FLD(pmp_connect, host_id, 0),
	FLD(pmp_connect, flags, 0),
	FLD(pmp_connect, reserved, 0),
};

static const struct field fields_info[] = {
	FLD(pmp_info, flags, 0),	FLD(pmp_info, kind, 0),
	FLD(pmp_info, host_id, 0),	FLD(pmp_info, host_pid, 0),
	FLD(pmp_info, locks, 0),	FLD(pmp_info, reserved, 0),
	FLD(pmp_info, host_state, 0),	FLD(pmp_info, own_handles, 0),
};

static const struct field fields_create[] = {
	FLD(pmp_create, clsid, 0),	FLD(pmp_create, iid, 0),
	FLD(pmp_create, flags, 0),	FLD(pmp_create, timeout_ms, 0),
	FLD(pmp_create, status, 0),	FLD(pmp_create, reserved, 0),
	FLD(pmp_create, handle, 0),	FLD(pmp_create, object_id, 0),
};

static const struct field fields_call[] = {
	FLD(pmp_call, handle, 0),	FLD(pmp_call, method, 0),
	FLD(pmp_call, flags, 0),	FLD(pmp_call, timeout_ms, 0),
	FLD(pmp_call, status, 0),	FLD(pmp_call, in_ptr, F_PTR),
	FLD(pmp_call, in_size, 0),	FLD(pmp_call, in_nfds, 0),
	FLD(pmp_call, in_fds, F_PTR),	FLD(pmp_call, out_ptr, F_PTR),
	FLD(pmp_call, out_size, 0),	FLD(pmp_call, out_nfds, 0),
	FLD(pmp_call, out_fds, F_PTR),	FLD(pmp_call, out_handle, 0),
	FLD(pmp_call, out_object_id, 0),
#ifdef PMP_CALL_SIZE_VER1
	FLD(pmp_call, in_handles, F_PTR), FLD(pmp_call, in_nhandles, 0),
	FLD(pmp_call, reserved, 0),
#endif
};

static const struct field fields_release[] = {
	FLD(pmp_release, handle, 0),
	FLD(pmp_release, flags, 0),
};

static const struct field fields_recv[] = {
	FLD(pmp_recv, flags, 0),	FLD(pmp_recv, type, 0),
	FLD(pmp_recv, txn, 0),		FLD(pmp_recv, buf_ptr, F_PTR),
	FLD(pmp_recv, buf_size, 0),	FLD(pmp_recv, nfds, 0),
	FLD(pmp_recv, fds_ptr, F_PTR),	FLD(pmp_recv, object_id, 0),
	FLD(pmp_recv, cookie, 0),	FLD(pmp_recv, method, 0),
	FLD(pmp_recv, call_flags, 0),	FLD(pmp_recv, client_id, 0),
	FLD(pmp_recv, client_pid, 0),	FLD(pmp_recv, clsid, 0),
	FLD(pmp_recv, iid, 0),
#ifdef PMP_RECV_SIZE_VER1
	FLD(pmp_recv, objs_ptr, F_PTR),	FLD(pmp_recv, nobjs, 0),
	FLD(pmp_recv, reserved, 0),
#endif
};

static const struct field fields_reply[] = {
	FLD(pmp_reply, txn, 0),		FLD(pmp_reply, status, 0),
	FLD(pmp_reply, flags, 0),	FLD(pmp_reply, cookie, 0),
	FLD(pmp_reply, buf_ptr, F_PTR),	FLD(pmp_reply, buf_size, 0),
	FLD(pmp_reply, nfds, 0),	FLD(pmp_reply, fds_ptr, F_PTR),
	FLD(pmp_reply, object_id, 0),	FLD(pmp_reply, object_new, 0),
	FLD(pmp_reply, reserved, 0),
};

static const struct field fields_list[] = {
	FLD(pmp_list_hosts, flags, 0),
	FLD(pmp_list_hosts, entry_size, 0),
	FLD(pmp_list_hosts, entries, F_PTR),
	FLD(pmp_list_hosts, capacity, 0),
	FLD(pmp_list_hosts, count, 0),
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define CMD(c, type, v0, e, f) \
	[_IOC_NR(c)] = { #c, c, sizeof(struct type), v0, e, f, ARRAY_SIZE(f) }
#define CMD0(c, e) \
	[_IOC_NR(c)] = { #c, c, 0, 0, e, NULL, 0 }

static const struct cmd_desc cmds[] = {
	CMD0(PMP_IOC_VERSION, errs_version),
	CMD(PMP_IOC_HOST_REGISTER, pmp_host_register,
	    PMP_HOST_REGISTER_SIZE_VER0, errs_register, fields_register),
	CMD(PMP_IOC_CONNECT, pmp_connect, PMP_CONNECT_SIZE_VER0, errs_connect,
	    fields_connect),
	CMD0(PMP_IOC_LOCK, errs_lock),
	CMD0(PMP_IOC_UNLOCK, errs_unlock),
	CMD(PMP_IOC_INFO, pmp_info, PMP_INFO_SIZE_VER0, errs_info,
	    fields_info),
	CMD(PMP_IOC_CREATE_OBJECT, pmp_create, PMP_CREATE_SIZE_VER0,
	    errs_create, fields_create),
	CMD(PMP_IOC_CALL, pmp_call, PMP_CALL_SIZE_VER0, errs_call,
	    fields_call),
	CMD(PMP_IOC_RELEASE, pmp_release, PMP_RELEASE_SIZE_VER0, errs_release,
	    fields_release),
	CMD(PMP_IOC_RECV, pmp_recv, PMP_RECV_SIZE_VER0, errs_recv,
	    fields_recv),
	CMD(PMP_IOC_REPLY, pmp_reply, PMP_REPLY_SIZE_VER0, errs_reply,
	    fields_reply),
	CMD(PMP_IOC_LIST_HOSTS, pmp_list_hosts, PMP_LIST_HOSTS_SIZE_VER0,
	    errs_list, fields_list),
};

#define NR_CMDS ARRAY_SIZE(cmds)
#define NR_OF(c) _IOC_NR(c)

static bool listed(const int *errs, int err)
{
	for (; *errs; errs++)
		if (*errs == err)
			return true;
	return false;
}

static bool documented(const struct cmd_desc *d, int err)
{
	return listed(d->errs, err) || (d->ksize && listed(errs_struct, err));
}

static const char *errname(int err)
{
	const char *name = strerrorname_np(err);

	return name ? name : "unknown errno";
}

/* ---- one worker process ------------------------------------------------- */

enum { EP_NEW, EP_HOST, EP_CLIENT };

/*
 * An endpoint slot.  @gen changes before its descriptor is closed, so that
 * a thread whose command raced with the close (and may have reached
 * another file under the same number) does not judge the result.
 */
struct ep {
	pthread_mutex_t lock;
	_Atomic int fd;
	_Atomic unsigned int gen;
	_Atomic int kind;
	unsigned long long handles[MAX_HANDLES];
	int nr_handles;
};

/* A work item received and not answered yet. */
struct rx {
	__u64 txn;
	__u32 type;
	__u32 call_flags;
};

enum { R_FREE, R_BUSY, R_RETURNED };

/* A stretch of pages registered with userfaultfd, missing until touched. */
struct region {
	int state;
	bool fail;		/* the stalled copy is to fail, not succeed */
	bool failed;		/* the pages are PROT_NONE */
	bool recv;		/* a PMP_IOC_RECV payload buffer */
	unsigned int delay;	/* ms between a fault and its resolution */
	const unsigned char *src;	/* what the pages should hold */
	size_t src_len;
};

struct fault {
	bool used;
	int region;
	unsigned long addr;
	long long when;
};

#define MAX_FAULTS 64

struct thr {
	struct rng r;
	int idx;
	pthread_t pt;
	struct slot *slot;
	unsigned char *arena;	/* ARENA_SZ, then a PROT_NONE page */
	unsigned char *in;	/* DATA_SZ, then a PROT_NONE page */
	unsigned char *out;	/* DATA_SZ, then a PROT_NONE page */
	__s32 *fds;		/* PMP_FDS_MAX * 2 slots */
	__s32 *ofds;
	int regions[MAX_THR_REGIONS];
	int nregions;
	bool mutate;		/* this operation spoils its structure */
	_Atomic long long poke_at;	/* interrupt a blocking RECV then */
};

static struct proc {
	int index;
	bool host;
	int nthreads;
	struct ep eps[MAX_EPS];
	int neps;
	_Atomic unsigned long long max_txn;
	pthread_mutex_t rx_lock;
	struct rx rx[RX_MAX];
	int nrx;
	int sealed, sealed_all, unsealed, pipefd, nullfd;
	unsigned char *ro;	/* DATA_SZ of read-only zeros */
	unsigned char *hole;	/* an address with nothing mapped */
	int uffd;
	unsigned char *rbase;
	pthread_mutex_t rlock;
	struct region regions[NR_REGIONS];
	struct fault faults[MAX_FAULTS];
	struct thr thr[MAX_THREADS + 1];	/* the last: the manager */
	long long guess_at;	/* when to answer a stalled receive's txn */
	bool guess_close;	/* ...by closing the host endpoint instead */
	long long end;
} P;

/* ---- stalls ------------------------------------------------------------- */

static bool uffd_ok;

/*
 * A pointer to @len bytes holding @src (or nothing, for an output) on pages
 * that stall when the kernel first touches them.  Falls back to @valid.
 */
static __u64 stall_ptr(struct thr *t, unsigned char *valid,
		       const unsigned char *src, size_t len, bool recv)
{
	struct region *reg;
	int i;

	if (!uffd_ok || t->nregions == MAX_THR_REGIONS || len > REGION_SZ ||
	    P.uffd < 0)
		return (uintptr_t)valid;
	pthread_mutex_lock(&P.rlock);
	for (i = 0; i < NR_REGIONS; i++)
		if (P.regions[i].state == R_FREE)
			break;
	if (i == NR_REGIONS) {
		pthread_mutex_unlock(&P.rlock);
		return (uintptr_t)valid;
	}
	reg = &P.regions[i];
	reg->state = R_BUSY;
	reg->fail = !soak && chance(&t->r, recv ? 70 : 40);
	reg->recv = recv;
	reg->delay = recv ? range(&t->r, 30, 600) : range(&t->r, 1, 300);
	reg->src = src;
	reg->src_len = src ? len : 0;
	pthread_mutex_unlock(&P.rlock);
	t->regions[t->nregions++] = i;
	return (uintptr_t)(P.rbase + i * REGION_SZ);
}

static void stall_return(struct thr *t)
{
	int i;

	pthread_mutex_lock(&P.rlock);
	for (i = 0; i < t->nregions; i++)
		P.regions[t->regions[i]].state = R_RETURNED;
	pthread_mutex_unlock(&P.rlock);
	t->nregions = 0;
}

/* ---- endpoints ---------------------------------------------------------- */

static int ep_get(struct ep *e, unsigned int *gen)
{
	*gen = atomic_load(&e->gen);
	return atomic_load(&e->fd);
}

static void ep_close(struct ep *e)
{
	int fd;

	pthread_mutex_lock(&e->lock);
	fd = atomic_exchange(&e->fd, -1);
	atomic_fetch_add(&e->gen, 1);
	atomic_store(&e->kind, EP_NEW);
	e->nr_handles = 0;
	if (P.host)
		atomic_store(&sh->host_ids[P.index], 0);
	pthread_mutex_unlock(&e->lock);
	if (fd >= 0)
		close(fd);
}

static void handle_add(struct ep *e, __u64 h)
{
	pthread_mutex_lock(&e->lock);
	if (e->nr_handles < MAX_HANDLES)
		e->handles[e->nr_handles++] = h;
	pthread_mutex_unlock(&e->lock);
}

static __u64 handle_pick(struct thr *t, struct ep *e, bool take)
{
	__u64 h = 0;
	int i;

	pthread_mutex_lock(&e->lock);
	if (e->nr_handles) {
		i = below(&t->r, e->nr_handles);
		h = e->handles[i];
		if (take)
			e->handles[i] = e->handles[--e->nr_handles];
	}
	pthread_mutex_unlock(&e->lock);
	return h;
}

static __u64 host_pick(struct thr *t)
{
	int i, start = below(&t->r, MAX_PROCS);
	__u64 id;

	for (i = 0; i < MAX_PROCS; i++) {
		id = atomic_load(&sh->host_ids[(start + i) % MAX_PROCS]);
		if (id)
			return id;
	}
	return range(&t->r, 1, 64);
}

/* ---- building a command ------------------------------------------------- */

struct req {
	unsigned int nr;	/* command number; NR_CMDS and up: unknown */
	const struct cmd_desc *d;	/* what it was built as */
	unsigned long cmd;
	unsigned long arg;
	unsigned int size;	/* the size bits */
	bool unknown;		/* not a command of the ABI */
	bool struct_bad;	/* the structure cannot be read */
	bool tail;		/* non-zero bytes past the kernel's size */
	bool stalled;		/* the structure is on stalling pages */
	bool readable;		/* outputs can be read back in the arena */
	bool fds_ours;		/* received descriptors land in t->fds/ofds */
};

static __u32 pick_timeout(struct thr *t)
{
	switch (below(&t->r, 10)) {
	case 0: case 1: case 2:
		return range(&t->r, 1, 20);
	case 3: case 4: case 5: case 6:
		return range(&t->r, 20, 300);
	case 7: case 8:
		return range(&t->r, 300, 3000);
	default:
		return 0;
	}
}

static __u32 pick_payload(struct thr *t)
{
	switch (below(&t->r, 10)) {
	case 0:
		return 0;
	case 1: case 2: case 3: case 4: case 5:
		return range(&t->r, 1, 64);
	case 6: case 7:
		return range(&t->r, 65, 4096);
	case 8:
		return range(&t->r, 4097, 65536);
	default:
		return range(&t->r, 0, DATA_SZ);
	}
}

static void fill(struct thr *t, unsigned char *p, size_t len)
{
	uint64_t v = rnd(&t->r);
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(v + i * 7);
}

/* A descriptor to send: mostly a sealed memfd, else anything. */
static __s32 pick_fd(struct thr *t, bool valid)
{
	if (valid || chance(&t->r, 60))
		return chance(&t->r, 70) ? P.sealed : P.sealed_all;
	switch (below(&t->r, 6)) {
	case 0:
		return P.unsealed;
	case 1:
		return P.pipefd;
	case 2:
		return P.nullfd;
	case 3:
		return atomic_load(&P.eps[0].fd);
	case 4:
		return -1;
	default:
		return 4000 + below(&t->r, 50);
	}
}

static void build_call(struct thr *t, struct ep *e, struct req *rq)
{
	struct pmp_call *c = (void *)t->arena;
	__u32 i;

	c->handle = handle_pick(t, e, false);
	c->method = below(&t->r, 8);
	c->flags = chance(&t->r, 20) ? PMP_CALL_OBJECT_OUT : 0;
	c->timeout_ms = pick_timeout(t);
	c->in_size = chance(&t->r, 85) ? range(&t->r, 1, 128) :
					 pick_payload(t);
	fill(t, t->in, c->in_size);
	c->in_ptr = chance(&t->r, 12) ?
		stall_ptr(t, t->in, t->in, c->in_size, false) :
		(uintptr_t)t->in;
	c->in_nfds = chance(&t->r, 15) ? range(&t->r, 1, 3) : 0;
	for (i = 0; i < c->in_nfds; i++)
		t->fds[i] = pick_fd(t, !t->mutate);
	c->in_fds = (uintptr_t)t->fds;
	c->out_size = chance(&t->r, 70) ? 4096 : pick_payload(t);
	c->out_ptr = chance(&t->r, 10) ?
		stall_ptr(t, t->out, NULL, c->out_size, false) :
		(uintptr_t)t->out;
	c->out_nfds = chance(&t->r, 70) ? 4 : below(&t->r, 3);
	c->out_fds = (uintptr_t)t->ofds;
	rq->fds_ours = true;
#ifdef PMP_CALL_SIZE_VER1
	/* Objects of the caller's own as arguments (ABI version 4). */
	if (chance(&t->r, 20)) {
		__u64 *hs = (__u64 *)(t->ofds + PMP_FDS_MAX * 2);

		c->in_nhandles = range(&t->r, 1, 3);
		for (i = 0; i < c->in_nhandles; i++)
			hs[i] = handle_pick(t, e, false);
		c->in_handles = (uintptr_t)hs;
	}
#endif
}

static void build_recv(struct thr *t, struct req *rq)
{
	struct pmp_recv *r = (void *)t->arena;

	r->buf_size = chance(&t->r, 90) ? 65536 : below(&t->r, 64);
	/* The first step towards known bug 1: a receive that stalls. */
	r->buf_ptr = chance(&t->r, soak ? 5 : 30) ?
		stall_ptr(t, t->in, NULL, r->buf_size, true) :
		(uintptr_t)t->in;
	r->nfds = chance(&t->r, 90) ? PMP_FDS_MAX : below(&t->r, 2);
	r->fds_ptr = (uintptr_t)t->fds;
	rq->fds_ours = true;
#ifdef PMP_RECV_SIZE_VER1
	/* Room for the objects a call passes (ABI version 4). */
	r->nobjs = chance(&t->r, 90) ? PMP_OBJS_MAX : below(&t->r, 2);
	r->objs_ptr = (uintptr_t)(t->ofds + PMP_FDS_MAX * 2 + 64);
#endif
}

static bool rx_take(struct thr *t, struct rx *x)
{
	int i;

	pthread_mutex_lock(&P.rx_lock);
	if (!P.nrx) {
		pthread_mutex_unlock(&P.rx_lock);
		return false;
	}
	i = below(&t->r, P.nrx);
	*x = P.rx[i];
	P.rx[i] = P.rx[--P.nrx];
	pthread_mutex_unlock(&P.rx_lock);
	return true;
}

static void rx_put(const struct rx *x)
{
	pthread_mutex_lock(&P.rx_lock);
	if (P.nrx == RX_MAX)
		memmove(P.rx, P.rx + 1, --P.nrx * sizeof(P.rx[0]));
	P.rx[P.nrx++] = *x;
	pthread_mutex_unlock(&P.rx_lock);
}

/* A transaction id near the ones this host has seen. */
static __u64 txn_guess(struct thr *t)
{
	__u64 max = atomic_load(&P.max_txn);

	if (chance(&t->r, 80))
		return max + range(&t->r, 1, 4);
	return max > 4 ? max - below(&t->r, 4) : range(&t->r, 1, 8);
}

static void build_reply(struct thr *t, const struct rx *x, struct req *rq)
{
	struct pmp_reply *rp = (void *)t->arena;
	__u32 i;

	(void)rq;
	rp->txn = x ? x->txn : txn_guess(t);
	if (x && x->type == PMP_WORK_CREATE) {
		if (chance(&t->r, 85)) {
			rp->flags = PMP_REPLY_OBJECT;
			rp->cookie = range(&t->r, 1, 12);
		} else {
			rp->status = (__s32)0x80004005;	/* E_FAIL */
		}
		return;
	}
	rp->status = chance(&t->r, 80) ? 0 : (__s32)0x80004005;
	if (x && (x->call_flags & PMP_CALL_OBJECT_OUT) && chance(&t->r, 50)) {
		rp->flags = PMP_REPLY_OBJECT;
		rp->cookie = range(&t->r, 1, 12);
	}
	if (!x)
		return;
	if (chance(&t->r, 60)) {
		rp->buf_size = chance(&t->r, 90) ? range(&t->r, 1, 256) :
						   pick_payload(t);
		fill(t, t->out, rp->buf_size);
		rp->buf_ptr = chance(&t->r, 5) ?
			stall_ptr(t, t->out, t->out, rp->buf_size, false) :
			(uintptr_t)t->out;
	}
	if (chance(&t->r, 20)) {
		rp->nfds = range(&t->r, 1, 2);
		for (i = 0; i < rp->nfds; i++)
			t->ofds[i] = pick_fd(t, !t->mutate);
		rp->fds_ptr = (uintptr_t)t->ofds;
	}
}

static void build(struct thr *t, struct ep *e, struct req *rq,
		  const struct rx *x)
{
	struct pmp_list_hosts *lh = (void *)t->arena;
	struct pmp_host_register *reg = (void *)t->arena;
	struct pmp_connect *conn = (void *)t->arena;
	struct pmp_create *cr = (void *)t->arena;
	struct pmp_release *rel = (void *)t->arena;

	memset(t->arena, 0, ARENA_SZ);
	switch (rq->nr) {
	case NR_OF(PMP_IOC_HOST_REGISTER):
		reg->flags = chance(&t->r, 90) ? PMP_HOST_UNPROTECTED : 0;
		break;
	case NR_OF(PMP_IOC_CONNECT):
		conn->host_id = chance(&t->r, 90) ? host_pick(t) :
						    range(&t->r, 0, 100);
		break;
	case NR_OF(PMP_IOC_CREATE_OBJECT):
		fill(t, cr->clsid, sizeof(cr->clsid) + sizeof(cr->iid));
		cr->timeout_ms = pick_timeout(t);
		break;
	case NR_OF(PMP_IOC_CALL):
		build_call(t, e, rq);
		break;
	case NR_OF(PMP_IOC_RELEASE):
		rel->handle = chance(&t->r, 85) ? handle_pick(t, e, true) :
						  range(&t->r, 0, 40);
		break;
	case NR_OF(PMP_IOC_RECV):
		build_recv(t, rq);
		break;
	case NR_OF(PMP_IOC_REPLY):
		build_reply(t, x, rq);
		break;
	case NR_OF(PMP_IOC_LIST_HOSTS):
		lh->entry_size = chance(&t->r, 80) ? sizeof(struct pmp_host_entry)
						   : range(&t->r, 48, 512);
		lh->capacity = range(&t->r, 0, DATA_SZ / lh->entry_size);
		lh->entries = (uintptr_t)t->out;
		break;
	default:
		break;
	}
}

/* ---- spoiling a command ------------------------------------------------- */

static uint64_t bad_ptr(struct thr *t)
{
	switch (below(&t->r, 7)) {
	case 0:
		return 0;
	case 1:
		return (uintptr_t)P.hole + below(&t->r, PAGE_SZ);
	case 2:
		return (uintptr_t)P.ro;
	case 3:
		return 0xffffffff81000000ULL + below(&t->r, 1 << 20);
	case 4:
		/* A few valid bytes, then the guard page. */
		return (uintptr_t)t->in + DATA_SZ - below(&t->r, 64);
	case 5:
		return rnd(&t->r);
	default:
		return (uintptr_t)t->out + below(&t->r, 64);
	}
}

static uint64_t bad_value(struct thr *t, uint64_t old, unsigned int size)
{
	switch (below(&t->r, 11)) {
	case 0:
		return 0;
	case 1:
		return 1;
	case 2:
		return old ^ (1ULL << below(&t->r, size * 8));
	case 3:
		return ~0ULL;
	case 4:
		return rnd(&t->r);
	case 5:
		return old + 1;
	case 6:
		return old - 1;
	case 7:
		return 0x80000000ULL;
	case 8:
		return INT_MAX;
	case 9:
		return PMP_FDS_MAX + below(&t->r, 3);
	default:
		return 65536 + below(&t->r, 3);
	}
}

static void mutate_field(struct thr *t, const struct cmd_desc *d)
{
	const struct field *f = &d->fields[below(&t->r, d->nfields)];
	unsigned char *p = t->arena + f->off;
	uint64_t v = 0;

	if (f->size > 8) {
		p[below(&t->r, f->size)] ^= 1 << below(&t->r, 8);
		return;
	}
	memcpy(&v, p, f->size);
	v = (f->flags & F_PTR) ? bad_ptr(t) : bad_value(t, v, f->size);
	memcpy(p, &v, f->size);
}

/* Where the structure itself lives. */
static void mutate_place(struct thr *t, struct req *rq)
{
	size_t n = rq->size;

	switch (below(&t->r, 6)) {
	case 0:
		rq->arg = 0;
		rq->struct_bad = true;
		break;
	case 1:
		rq->arg = (uintptr_t)P.hole;
		rq->struct_bad = true;
		break;
	case 2:
		rq->arg = 0xffffffff81000000ULL;
		rq->struct_bad = true;
		break;
	case 3:
		/* Read-only zeros: read in, cannot be written back. */
		rq->arg = (uintptr_t)P.ro;
		rq->tail = false;
		rq->readable = false;
		break;
	case 4:
		/* Straddles the guard page after the arena. */
		if (n > 1 && n <= ARENA_SZ) {
			size_t off = ARENA_SZ - range(&t->r, 1, n - 1);

			memmove(t->arena + off, t->arena, ARENA_SZ - off);
			rq->arg = (uintptr_t)t->arena + off;
			rq->struct_bad = true;
			rq->readable = false;
		}
		break;
	default:
		/* On stalling pages that receive its bytes, or fail. */
		if (n && n <= REGION_SZ) {
			rq->arg = stall_ptr(t, t->arena, t->arena, n, false);
			rq->readable = rq->arg == (uintptr_t)t->arena;
			rq->stalled = !rq->readable;
		}
		break;
	}
}

static void mutate_size(struct thr *t, struct req *rq)
{
	const struct cmd_desc *d = rq->d;
	unsigned int at;

	switch (below(&t->r, 5)) {
	case 0:
		rq->size = below(&t->r, d->ver0);
		break;
	case 1:
		rq->size = range(&t->r, d->ver0, MAX_STRUCT);
		break;
	case 2:
		/* Longer than the kernel knows, with a non-zero tail. */
		rq->size = range(&t->r, d->ksize + 1, MAX_STRUCT);
		at = range(&t->r, d->ksize, rq->size - 1);
		t->arena[at] = 1 + below(&t->r, 255);
		break;
	case 3:
		rq->size = range(&t->r, MAX_STRUCT + 1, MAX_IOC_SIZE);
		break;
	default:
		rq->size = range(&t->r, d->ver0, d->ksize);
		break;
	}
}

static void mutate_cmd(struct thr *t, struct req *rq)
{
	unsigned int dir = _IOC_DIR(rq->cmd), type = PMP_IOC_MAGIC;

	switch (below(&t->r, 3)) {
	case 0:
		rq->nr = range(&t->r, NR_CMDS, 255);
		break;
	case 1:
		do {
			dir = below(&t->r, 4);
		} while (dir == _IOC_DIR(rq->cmd));
		break;
	default:
		do {
			type = below(&t->r, 256);
		} while (type == PMP_IOC_MAGIC);
		break;
	}
	rq->cmd = _IOC(dir, type, rq->nr, rq->size);
	rq->unknown = true;
}

static void mutate(struct thr *t, struct req *rq)
{
	unsigned int i, n = range(&t->r, 1, 3);
	bool place = false;

	for (i = 0; i < n; i++) {
		switch (below(&t->r, 10)) {
		case 0: case 1: case 2: case 3:
			if (rq->d->nfields)
				mutate_field(t, rq->d);
			else
				rq->arg = chance(&t->r, 50) ? 1 : rnd(&t->r);
			break;
		case 4: case 5:
			if (rq->d->ksize)
				mutate_size(t, rq);
			break;
		case 6: case 7:
			place = rq->d->ksize;
			break;
		case 8:
			if (rq->d->ksize)
				fill(t, t->arena, rq->d->ksize);
			break;
		default:
			if (!rq->unknown)
				mutate_cmd(t, rq);
			break;
		}
	}
	if (!rq->unknown)
		rq->cmd = _IOC(_IOC_DIR(rq->d->cmd), PMP_IOC_MAGIC, rq->nr,
			       rq->d->ksize ? rq->size : 0);
	else if (rq->d->ksize)
		rq->cmd = (rq->cmd & ~(_IOC_SIZEMASK << _IOC_SIZESHIFT)) |
			  ((unsigned long)rq->size << _IOC_SIZESHIFT);
	rq->tail = false;
	for (i = rq->d->ksize; i < rq->size && i < MAX_STRUCT; i++)
		rq->tail |= t->arena[i] != 0;
	/* Last, so that it sees the final size and contents. */
	if (place)
		mutate_place(t, rq);
}

/* The one error the command must give, when it is certain; else 0. */
static int expected(const struct req *rq)
{
	if (rq->unknown)
		return ENOTTY;
	if (!rq->d->ksize)
		return rq->arg ? EINVAL : 0;
	if (rq->size < rq->d->ver0)
		return EINVAL;
	if (rq->size > MAX_STRUCT)
		return E2BIG;
	if (rq->stalled)
		return 0;	/* EFAULT or not, as the stall ends */
	if (rq->struct_bad)
		return rq->tail ? 0 : EFAULT;	/* whichever is seen first */
	if (rq->tail)
		return E2BIG;
	return 0;
}

/* ---- issuing a command -------------------------------------------------- */

static long long op_limit(struct thr *t, const struct req *rq)
{
	const struct pmp_call *c = (void *)t->arena;
	const struct pmp_create *cr = (void *)t->arena;
	long long ms = 0;

	if (rq->readable && !rq->unknown) {
		if (rq->nr == NR_OF(PMP_IOC_CALL))
			ms = c->timeout_ms;
		else if (rq->nr == NR_OF(PMP_IOC_CREATE_OBJECT))
			ms = cr->timeout_ms;
	}
	if (!ms)
		ms = DEFAULT_TIMEOUT;
	return ms + 2000;
}

static void closefds(const __s32 *fds, __u32 n)
{
	__u32 i;

	for (i = 0; i < n && i < PMP_FDS_MAX; i++) {
		int fl = fcntl(fds[i], F_GETFD);
		int seals = fcntl(fds[i], F_GET_SEALS);

		if (fl < 0 || !(fl & FD_CLOEXEC))
			problem("received descriptor %d is %s", fds[i],
				fl < 0 ? "not open" : "not O_CLOEXEC");
		else if (seals < 0 || !(seals & F_SEAL_SHRINK))
			problem("received descriptor %d is not a sealed memfd",
				fds[i]);
		else
			close(fds[i]);
	}
}

/*
 * Issues the command, checks its result against the ABI, and returns it
 * (0 or an errno); -1 when the endpoint changed under it.
 */
static int issue(struct thr *t, struct ep *e, int fd, unsigned int gen,
		 struct req *rq)
{
	const struct cmd_desc *d = rq->d;
	int ret, err, want = expected(rq);
	const char *name = rq->unknown ? "unknown command" : d->name;

	/* @nr last: the watchdog reads it first. */
	atomic_store(&t->slot->limit, op_limit(t, rq));
	atomic_store(&t->slot->since, now_ms());
	atomic_store(&t->slot->nr, rq->unknown ? 255 : (int)rq->nr);
	ret = ioctl(fd, rq->cmd, rq->arg);
	err = ret < 0 ? errno : 0;
	atomic_store(&t->slot->nr, -1);
	atomic_store(&t->poke_at, 0);
	stall_return(t);
	atomic_fetch_add(&sh->ops, 1);

	if (e && atomic_load(&e->gen) != gen)
		return -1;
	if (want) {
		if (ret != -1 || err != want)
			problem("%s (cmd %#lx, size %u): %s, expected %s",
				name, rq->cmd, rq->size,
				ret < 0 ? errname(err) : "success",
				errname(want));
		return err;
	}
	if (ret < 0) {
		if (rq->unknown || !documented(d, err))
			problem("%s (cmd %#lx, size %u): %s is not documented",
				name, rq->cmd, rq->size, errname(err));
		return err;
	}
	if (ret != (rq->nr == NR_OF(PMP_IOC_VERSION) ? PMP_ABI_VERSION : 0))
		problem("%s returned %d", name, ret);
	return 0;
}

static void req_init(struct thr *t, struct req *rq, unsigned int nr)
{
	memset(rq, 0, sizeof(*rq));
	rq->nr = nr;
	rq->d = &cmds[nr];
	rq->cmd = rq->d->cmd;
	rq->size = rq->d->ksize;
	rq->arg = rq->d->ksize ? (uintptr_t)t->arena : 0;
	rq->readable = rq->d->ksize != 0;
}

/* Builds, spoils (in fuzz mode, sometimes) and issues command @nr. */
static int run_cmd(struct thr *t, struct ep *e, unsigned int nr,
		   const struct rx *x, struct req *rq)
{
	unsigned int gen;
	int fd = ep_get(e, &gen);

	req_init(t, rq, nr);
	if (fd < 0)
		return -1;
	t->mutate = !soak && chance(&t->r, 25);
	build(t, e, rq, x);
	if (t->mutate)
		mutate(t, rq);
	if (rq->arg != (uintptr_t)t->arena)
		rq->readable = false;
	return issue(t, e, fd, gen, rq);
}

/* ---- what the threads do ------------------------------------------------ */

static void answer(struct thr *t, struct ep *e, const struct rx *x)
{
	struct req rq;

	run_cmd(t, e, NR_OF(PMP_IOC_REPLY), x, &rq);
}

static void host_recv(struct thr *t, struct ep *e)
{
	struct pmp_recv *r = (void *)t->arena;
	struct req rq;
	struct rx x;
	int err;

	/* Blocking receives are interrupted after a while by the manager. */
	atomic_store(&t->poke_at, now_ms() + range(&t->r, 10, 1500));
	err = run_cmd(t, e, NR_OF(PMP_IOC_RECV), NULL, &rq);
	if (err == ESHUTDOWN && chance(&t->r, 50)) {
		ep_close(e);
		return;
	}
	if (err || !rq.readable || rq.size < PMP_RECV_SIZE_VER0)
		return;
	if (rq.fds_ours && r->fds_ptr == (uintptr_t)t->fds)
		closefds(t->fds, r->nfds);
	if (r->type != PMP_WORK_CREATE && r->type != PMP_WORK_CALL)
		return;
	if (r->txn > atomic_load(&P.max_txn))
		atomic_store(&P.max_txn, r->txn);
	x.txn = r->txn;
	x.type = r->type;
	x.call_flags = r->call_flags;
	if (chance(&t->r, 70)) {
		answer(t, e, &x);
		/* Now and then the same transaction is answered again. */
		if (chance(&t->r, 5))
			rx_put(&x);
	} else {
		rx_put(&x);
	}
}

static void client_done(struct thr *t, struct ep *e, struct req *rq, int err)
{
	const struct pmp_call *c = (void *)t->arena;
	const struct pmp_create *cr = (void *)t->arena;

	if (err == ESHUTDOWN && chance(&t->r, 50)) {
		ep_close(e);
		return;
	}
	if (err || !rq->readable)
		return;
	if (rq->nr == NR_OF(PMP_IOC_CREATE_OBJECT) && cr->handle)
		handle_add(e, cr->handle);
	if (rq->nr != NR_OF(PMP_IOC_CALL) || rq->size < PMP_CALL_SIZE_VER0)
		return;
	if (c->out_handle)
		handle_add(e, c->out_handle);
	if (c->out_fds == (uintptr_t)t->ofds)
		closefds(t->ofds, c->out_nfds);
}

/* Opens a new endpoint in slot @e and makes it a host or a client. */
static void ep_open(struct thr *t, struct ep *e)
{
	struct pmp_host_register *reg = (void *)t->arena;
	struct req rq;
	int fd, err;

	/* A new descriptor, or another try at a NEW endpoint. */
	pthread_mutex_lock(&e->lock);
	if (atomic_load(&e->fd) < 0) {
		fd = open(PMP_DEV, O_RDWR | O_CLOEXEC);
		if (fd < 0) {
			pthread_mutex_unlock(&e->lock);
			problem("open " PMP_DEV ": %s", strerror(errno));
			sleep_ms(100);
			return;
		}
		atomic_store(&e->kind, EP_NEW);
		atomic_store(&e->fd, fd);
	}
	pthread_mutex_unlock(&e->lock);

	err = run_cmd(t, e, P.host ? NR_OF(PMP_IOC_HOST_REGISTER) :
			 NR_OF(PMP_IOC_CONNECT), NULL, &rq);
	if (err || rq.unknown)
		return;
	atomic_store(&e->kind, P.host ? EP_HOST : EP_CLIENT);
	if (P.host && rq.readable)
		atomic_store(&sh->host_ids[P.index], reg->host_id);
}

/* Any command at all, spoilt or not: most endpoints refuse most. */
static void any_cmd(struct thr *t, struct ep *e)
{
	struct req rq;
	struct rx x;
	bool have = false;
	unsigned int nr = below(&t->r, NR_CMDS);

	if (nr == NR_OF(PMP_IOC_REPLY))
		have = rx_take(t, &x);
	/* Blocking receives on a client or new endpoint fail at once. */
	if (nr == NR_OF(PMP_IOC_RECV))
		atomic_store(&t->poke_at, now_ms() + 200);
	client_done(t, e, &rq, run_cmd(t, e, nr, have ? &x : NULL, &rq));
}

/*
 * fork() copies the descriptor table before the memory, so a number the
 * memory holds may be closed, or another file, in the child.
 */
static bool is_pmp(int fd)
{
	char path[64], target[64];
	ssize_t n;

	if (fd < 0)
		return false;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	target[n] = '\0';
	return !strcmp(target, PMP_DEV);
}

/*
 * In a child of fork(): the copies of the endpoints are not its own, so
 * every command must fail with EBADFD (ENOTTY when unknown), and poll()
 * must say EPOLLERR.  Then it makes an endpoint of its own and leaves.
 * Only lock-free things here: other threads may have held locks at fork().
 */
static void forked_child(struct thr *t)
{
	struct pmp_host_register reg = { .flags = PMP_HOST_UNPROTECTED };
	struct pollfd pfd = { .events = POLLIN };
	unsigned int i, n = range(&t->r, 1, 12);
	unsigned long cmd;
	int fd, ret, err;

	for (i = 0; i < n; i++) {
		const struct cmd_desc *d = &cmds[below(&t->r, NR_CMDS)];
		bool unknown = chance(&t->r, 10);

		fd = atomic_load(&P.eps[below(&t->r, P.neps)].fd);
		if (!is_pmp(fd))
			continue;
		cmd = unknown ? _IOC(_IOC_READ, PMP_IOC_MAGIC,
				     range(&t->r, NR_CMDS, 255), 8) : d->cmd;
		memset(t->arena, 0, ARENA_SZ);
		ret = ioctl(fd, cmd, d->ksize ? (uintptr_t)t->arena : 0);
		err = ret < 0 ? errno : 0;
		if (err != (unknown ? ENOTTY : EBADFD))
			problem("forked child: %s on inherited endpoint %d: %s",
				unknown ? "unknown command" : d->name, fd,
				ret < 0 ? errname(err) : "success");
		pfd.fd = fd;
		if (poll(&pfd, 1, 0) != 1 || !(pfd.revents & POLLERR))
			problem("forked child: poll() on an inherited endpoint: %#x",
				pfd.revents);
	}
	fd = open(PMP_DEV, O_RDWR | O_CLOEXEC);
	if (fd >= 0 && chance(&t->r, 50))
		ioctl(fd, PMP_IOC_HOST_REGISTER, &reg);
	_exit(0);
}

static void do_fork(struct thr *t)
{
	int status;
	pid_t pid;

	atomic_store(&t->slot->limit, 30000);
	atomic_store(&t->slot->since, now_ms());
	atomic_store(&t->slot->nr, 254);
	pid = fork();
	if (pid == 0)
		forked_child(t);
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	atomic_store(&t->slot->nr, -1);
}

static void host_op(struct thr *t, struct ep *e)
{
	unsigned int k = below(&t->r, 1000);
	struct rx x;

	if (k < 500) {
		host_recv(t, e);
	} else if (k < 750) {
		if (rx_take(t, &x))
			answer(t, e, &x);
		else
			host_recv(t, e);
	} else if (k < 800) {
		answer(t, e, NULL);
	} else if (k < 950) {
		if (soak)
			host_recv(t, e);
		else
			any_cmd(t, e);
	} else if (k < 970) {
		int fd = atomic_load(&e->fd);
		int fl = fd >= 0 ? fcntl(fd, F_GETFL) : -1;

		if (fl >= 0)
			fcntl(fd, F_SETFL, fl ^ O_NONBLOCK);
	} else if (k < 990) {
		struct req rq;

		run_cmd(t, e, chance(&t->r, 50) ? NR_OF(PMP_IOC_INFO) :
			      NR_OF(PMP_IOC_LIST_HOSTS), NULL, &rq);
	} else if (k < 995) {
		if (!soak)
			do_fork(t);
	} else {
		ep_close(e);
	}
}

static void client_op(struct thr *t, struct ep *e)
{
	unsigned int k = below(&t->r, 1000);
	static const unsigned int simple[] = {
		NR_OF(PMP_IOC_LOCK), NR_OF(PMP_IOC_UNLOCK),
		NR_OF(PMP_IOC_INFO), NR_OF(PMP_IOC_LIST_HOSTS),
		NR_OF(PMP_IOC_VERSION), NR_OF(PMP_IOC_UNLOCK),
	};
	unsigned int nr;
	struct req rq;

	if (k < 150 || (k < 500 && !e->nr_handles))
		nr = NR_OF(PMP_IOC_CREATE_OBJECT);
	else if (k < 600)
		nr = NR_OF(PMP_IOC_CALL);
	else if (k < 680)
		nr = NR_OF(PMP_IOC_RELEASE);
	else if (k < 850)
		nr = simple[below(&t->r, ARRAY_SIZE(simple))];
	else if (k < 985)
		nr = soak ? NR_OF(PMP_IOC_CALL) : NR_CMDS;
	else if (k < 992 && !soak)
		nr = NR_CMDS + 1;
	else
		nr = NR_CMDS + 2;

	if (nr == NR_CMDS)
		any_cmd(t, e);
	else if (nr == NR_CMDS + 1)
		do_fork(t);
	else if (nr == NR_CMDS + 2)
		ep_close(e);
	else
		client_done(t, e, &rq, run_cmd(t, e, nr, NULL, &rq));
}

static void *worker(void *arg)
{
	struct thr *t = arg;
	struct ep *e;

	atomic_store(&t->slot->tid, gettid());
	for (;;) {
		e = &P.eps[below(&t->r, P.neps)];
		if (atomic_load(&e->fd) < 0 ||
		    atomic_load(&e->kind) == EP_NEW) {
			/* A NEW endpoint: register or connect it, or try it. */
			if (atomic_load(&e->fd) >= 0 && !soak &&
			    chance(&t->r, 30))
				any_cmd(t, e);
			else
				ep_open(t, e);
			continue;
		}
		if (P.host)
			host_op(t, e);
		else
			client_op(t, e);
	}
	return NULL;
}

/* ---- the manager thread of each process --------------------------------- */

static void fault_add(struct thr *m, unsigned long addr)
{
	unsigned long off = addr - (uintptr_t)P.rbase;
	struct region *reg;
	int i, r = off / REGION_SZ;
	long long now = now_ms();

	if (addr < (uintptr_t)P.rbase || r >= NR_REGIONS)
		return;
	for (i = 0; i < MAX_FAULTS && P.faults[i].used; i++)
		;
	if (i == MAX_FAULTS)
		return;
	pthread_mutex_lock(&P.rlock);
	reg = &P.regions[r];
	P.faults[i].used = true;
	P.faults[i].region = r;
	P.faults[i].addr = addr & ~(PAGE_SZ - 1);
	P.faults[i].when = now + reg->delay;
	/*
	 * A receive stalls while copying out a work item: answer its
	 * transaction (or close the host) before the copy fails, which is
	 * how the double forget of known bug 1 happens.
	 */
	if (reg->recv && reg->fail && !P.guess_at && P.host) {
		P.guess_at = now + range(&m->r, reg->delay / 3,
					 reg->delay * 9 / 10);
		P.guess_close = chance(&m->r, 10);
	}
	pthread_mutex_unlock(&P.rlock);
}

static void fault_resolve(struct fault *f)
{
	struct region *reg = &P.regions[f->region];
	unsigned char *base = P.rbase + f->region * REGION_SZ;
	static unsigned char page[PAGE_SZ];
	struct uffdio_range wake = { (uintptr_t)base, REGION_SZ };
	struct uffdio_copy copy = { .dst = f->addr, .len = PAGE_SZ };
	size_t off = f->addr - (uintptr_t)base;

	f->used = false;
	if (reg->fail) {
		if (!reg->failed)
			mprotect(base, REGION_SZ, PROT_NONE);
		reg->failed = true;
		ioctl(P.uffd, UFFDIO_WAKE, &wake);
		return;
	}
	memset(page, 0, sizeof(page));
	if (reg->src && off < reg->src_len)
		memcpy(page, reg->src + off,
		       reg->src_len - off < PAGE_SZ ? reg->src_len - off :
						      PAGE_SZ);
	copy.src = (uintptr_t)page;
	ioctl(P.uffd, UFFDIO_COPY, &copy);
}

static void regions_reset(void)
{
	unsigned char *base;
	int i, j;

	pthread_mutex_lock(&P.rlock);
	for (i = 0; i < NR_REGIONS; i++) {
		if (P.regions[i].state != R_RETURNED)
			continue;
		for (j = 0; j < MAX_FAULTS; j++)
			if (P.faults[j].used && P.faults[j].region == i)
				P.faults[j].used = false;
		base = P.rbase + i * REGION_SZ;
		if (P.regions[i].failed)
			mprotect(base, REGION_SZ, PROT_READ | PROT_WRITE);
		madvise(base, REGION_SZ, MADV_DONTNEED);
		P.regions[i].failed = false;
		P.regions[i].state = R_FREE;
	}
	pthread_mutex_unlock(&P.rlock);
}

static void guess_reply(struct thr *m)
{
	struct ep *e = &P.eps[0];
	int i, n = range(&m->r, 1, 4);
	__u64 max = atomic_load(&P.max_txn);
	struct pmp_reply *rp = (void *)m->arena;
	unsigned int gen;
	struct req rq;
	int fd;

	P.guess_at = 0;
	if (P.guess_close) {
		ep_close(e);
		return;
	}
	for (i = 1; i <= n; i++) {
		fd = ep_get(e, &gen);
		if (fd < 0)
			return;
		req_init(m, &rq, NR_OF(PMP_IOC_REPLY));
		memset(m->arena, 0, ARENA_SZ);
		rp->txn = max + i;
		issue(m, e, fd, gen, &rq);
	}
}

static void manager(struct thr *m)
{
	struct pollfd pfd = { .fd = P.uffd, .events = POLLIN };
	struct uffd_msg msg;
	long long now;
	int i;

	atomic_store(&m->slot->tid, gettid());
	for (;;) {
		now = now_ms();
		if (now >= P.end)
			_exit(0);
		if (P.uffd >= 0) {
			poll(&pfd, 1, 5);
			while (read(P.uffd, &msg, sizeof(msg)) == sizeof(msg))
				if (msg.event == UFFD_EVENT_PAGEFAULT)
					fault_add(m, msg.arg.pagefault.address);
		} else {
			sleep_ms(5);
		}
		now = now_ms();
		for (i = 0; i < MAX_FAULTS; i++)
			if (P.faults[i].used && P.faults[i].when <= now)
				fault_resolve(&P.faults[i]);
		regions_reset();
		for (i = 0; i < P.nthreads; i++) {
			long long at = atomic_load(&P.thr[i].poke_at);

			if (at && at <= now &&
			    atomic_load(&P.thr[i].slot->nr) ==
			    NR_OF(PMP_IOC_RECV) &&
			    atomic_compare_exchange_strong(&P.thr[i].poke_at,
							   &at, now + 500))
				pthread_kill(P.thr[i].pt, SIGUSR1);
		}
		if (P.guess_at && P.guess_at <= now)
			guess_reply(m);
	}
}

/* ---- setting a worker process up ---------------------------------------- */

static void *map(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		problem("mmap: %s", strerror(errno));
		_exit(1);
	}
	return p;
}

/* @len bytes followed by a PROT_NONE guard page. */
static void *map_guarded(size_t len)
{
	unsigned char *p = map(len + PAGE_SZ, PROT_READ | PROT_WRITE);

	mprotect(p + len, PAGE_SZ, PROT_NONE);
	return p;
}

static int memfd(unsigned int seals)
{
	int fd = memfd_create("pmp-fuzz", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0 || ftruncate(fd, PAGE_SZ) ||
	    (seals && fcntl(fd, F_ADD_SEALS, seals))) {
		problem("memfd: %s", strerror(errno));
		_exit(1);
	}
	return fd;
}

static int uffd_open(void)
{
	struct uffdio_api api = { .api = UFFD_API };
	int fd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return -1;
	if (ioctl(fd, UFFDIO_API, &api)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void uffd_setup(void)
{
	struct uffdio_register ureg = { .mode = UFFDIO_REGISTER_MODE_MISSING };

	P.rbase = map(NR_REGIONS * REGION_SZ, PROT_READ | PROT_WRITE);
	P.uffd = uffd_ok ? uffd_open() : -1;
	if (P.uffd < 0)
		return;
	ureg.range.start = (uintptr_t)P.rbase;
	ureg.range.len = NR_REGIONS * REGION_SZ;
	if (ioctl(P.uffd, UFFDIO_REGISTER, &ureg)) {
		close(P.uffd);
		P.uffd = -1;
	}
}

static void thr_init(struct thr *t, int idx, uint64_t seed)
{
	t->idx = idx;
	t->r.s = seed;
	t->slot = &sh->slots[P.index][idx];
	atomic_store(&t->slot->nr, -1);
	t->arena = map_guarded(ARENA_SZ);
	t->in = map_guarded(DATA_SZ);
	t->out = map_guarded(DATA_SZ);
	t->fds = map(PAGE_SZ, PROT_READ | PROT_WRITE);
	t->ofds = t->fds + PMP_FDS_MAX * 2;
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void worker_main(int index, bool host, uint64_t seed)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct rng r = { seed };
	int pipefds[2], i;

	prog = soak ? "soak" : "fuzz";
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	sigaction(SIGUSR1, &sa, NULL);	/* no SA_RESTART: RECV sees EINTR */
	signal(SIGPIPE, SIG_IGN);

	memset(&P, 0, sizeof(P));
	P.index = index;
	P.host = host;
	P.nthreads = range(&r, 2, MAX_THREADS);
	P.neps = host ? 1 : range(&r, 1, MAX_EPS);
	P.end = now_ms() + range(&r, 2000, soak ? 8000 : 30000);
	pthread_mutex_init(&P.rx_lock, NULL);
	pthread_mutex_init(&P.rlock, NULL);
	for (i = 0; i < MAX_EPS; i++) {
		pthread_mutex_init(&P.eps[i].lock, NULL);
		P.eps[i].fd = -1;
	}
	P.sealed = memfd(F_SEAL_SHRINK);
	P.sealed_all = memfd(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW |
			     F_SEAL_WRITE);
	P.unsealed = memfd(0);
	if (pipe2(pipefds, O_CLOEXEC))
		_exit(1);
	P.pipefd = pipefds[0];
	P.nullfd = open("/dev/null", O_RDWR | O_CLOEXEC);
	P.ro = map(DATA_SZ, PROT_READ);
	P.hole = map(PAGE_SZ, PROT_NONE);
	munmap(P.hole, PAGE_SZ);
	uffd_setup();

	for (i = 0; i <= P.nthreads; i++) {
		thr_init(&P.thr[i], i == P.nthreads ? MAX_THREADS : i,
			 mix(seed, i, 1));
	}
	for (i = 0; i < P.nthreads; i++)
		if (pthread_create(&P.thr[i].pt, NULL, worker, &P.thr[i]))
			_exit(1);
	manager(&P.thr[P.nthreads]);
}

/* ---- the supervisor ----------------------------------------------------- */

static const char *const live[] = {
	"hosts", "clients", "locks_held", "objects", "transactions_pending",
};

/* The module parameters a run sets, each to one of four values. */
static const struct {
	const char *name;
	long long values[4];
} params[] = {
	{ "linger_ms", { 20, 200, 1000, 3000 } },
	{ "default_timeout_ms", { DEFAULT_TIMEOUT, DEFAULT_TIMEOUT,
				  DEFAULT_TIMEOUT, DEFAULT_TIMEOUT } },
	{ "max_payload", { 64, 4096, 65536, 65536 } },
	{ "max_pending_client", { 2, 8, 64, 64 } },
	{ "max_pending_host", { 4, 64, 1024, 1024 } },
	{ "max_objects", { 2, 16, 4096, 4096 } },
};

static int read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

static long long read_value(const char *dir, const char *name)
{
	char path[256], buf[64];

	snprintf(path, sizeof(path), "%s%s", dir, name);
	if (read_file(path, buf, sizeof(buf)))
		return LLONG_MIN;
	return strtoll(buf, NULL, 10);
}

static void set_param(const char *name, long long v)
{
	char path[256], buf[32];

	snprintf(path, sizeof(path), PMP_PARAMS "%s", name);
	snprintf(buf, sizeof(buf), "%lld\n", v);
	if (write_file(path, buf))
		problem("cannot set %s to %lld", name, v);
}

struct kid {
	pid_t pid;
	bool host;
};

static struct kid kids[MAX_PROCS];
static int nr_hosts, nr_kids;
static int kmsg = -1;
static long long t0;

static const char *const reports[] = {
	"WARNING:", "BUG:", "Oops", "refcount_t:", "general protection",
	"list_add corruption", "list_del corruption", "pmp: leak",
	"KASAN", "UBSAN", "kmemleak", "INFO: task",
};

/* Reads new kernel messages; returns true when one reports a problem. */
static bool kmsg_check(void)
{
	char buf[2048], *msg;
	bool bad = false;
	ssize_t n;
	size_t i;

	if (kmsg < 0)
		return false;
	for (;;) {
		n = read(kmsg, buf, sizeof(buf) - 1);
		if (n < 0 && errno == EPIPE)
			continue;
		if (n <= 0)
			break;
		buf[n] = '\0';
		msg = strchr(buf, ';');
		msg = msg ? msg + 1 : buf;
		msg[strcspn(msg, "\n")] = '\0';
		for (i = 0; i < ARRAY_SIZE(reports); i++) {
			if (strstr(msg, reports[i])) {
				problem("kernel report after %.1f s: %s",
					(now_ms() - t0) / 1000.0, msg);
				bad = true;
				break;
			}
		}
	}
	return bad;
}

static void dump_stacks(pid_t pid)
{
	char path[64], buf[4096];

	snprintf(path, sizeof(path), "/proc/%d/stack", pid);
	if (!read_file(path, buf, sizeof(buf)))
		say("%s: kernel stack of %d:\n%s", prog, pid, buf);
}

/* A thread whose command outlived its limit: a hang. */
static bool watchdog(void)
{
	long long now = now_ms();
	bool hung = false;
	int p, i;

	for (p = 0; p < MAX_PROCS; p++) {
		for (i = 0; i <= MAX_THREADS; i++) {
			struct slot *s = &sh->slots[p][i];
			int nr = atomic_load(&s->nr);
			long long since = atomic_load(&s->since);

			if (nr < 0 || !kids[p].pid ||
			    now - since < atomic_load(&s->limit) + HANG_GRACE_MS)
				continue;
			problem("hang: thread %d has been in %s for %lld ms",
				atomic_load(&s->tid),
				nr < (int)NR_CMDS ? cmds[nr].name :
				nr == 254 ? "fork" : "an unknown command",
				now - since);
			dump_stacks(atomic_load(&s->tid));
			hung = true;
		}
	}
	return hung;
}

static void spawn(int i, uint64_t seed, unsigned int serial)
{
	pid_t pid;
	int j;

	for (j = 0; j <= MAX_THREADS; j++) {
		atomic_store(&sh->slots[i][j].nr, -1);
		atomic_store(&sh->slots[i][j].tid, 0);
	}
	atomic_store(&sh->host_ids[i], 0);
	pid = fork();
	if (pid < 0) {
		problem("fork: %s", strerror(errno));
		return;
	}
	if (pid == 0) {
		if (kmsg >= 0)
			close(kmsg);
		worker_main(i, kids[i].host, mix(seed, serial, 2));
	}
	kids[i].pid = pid;
}

static void reap(bool block)
{
	int status, i;
	pid_t pid;

	while ((pid = waitpid(-1, &status, block ? 0 : WNOHANG)) > 0) {
		for (i = 0; i < nr_kids; i++)
			if (kids[i].pid == pid)
				break;
		if (i == nr_kids)
			continue;	/* a forked child, orphaned */
		kids[i].pid = 0;
		atomic_store(&sh->host_ids[i], 0);
		if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
			problem("worker %d died of signal %d", pid,
				WTERMSIG(status));
		else if (WIFEXITED(status) && WEXITSTATUS(status))
			problem("worker %d exited with %d", pid,
				WEXITSTATUS(status));
		if (block)
			break;
	}
}

static void kill_all(void)
{
	long long until = now_ms() + REAP_MS;
	int i, alive;

	for (i = 0; i < nr_kids; i++)
		if (kids[i].pid)
			kill(kids[i].pid, SIGKILL);
	for (;;) {
		reap(false);
		alive = 0;
		for (i = 0; i < nr_kids; i++)
			alive += kids[i].pid != 0;
		if (!alive || now_ms() > until)
			break;
		sleep_ms(20);
	}
	for (i = 0; i < nr_kids; i++) {
		if (!kids[i].pid)
			continue;
		problem("hang: worker %d did not die of SIGKILL", kids[i].pid);
		dump_stacks(kids[i].pid);
	}
	/* Orphaned children of fork() come to us (a subreaper). */
	while (now_ms() < until && waitpid(-1, NULL, WNOHANG) >= 0)
		sleep_ms(20);
}

static void counters_check(void)
{
	long long until = now_ms() + SETTLE_MS, v[ARRAY_SIZE(live)];
	bool zero;
	size_t i;

	do {
		zero = true;
		for (i = 0; i < ARRAY_SIZE(live); i++) {
			v[i] = read_value(PMP_SYSFS, live[i]);
			zero &= v[i] == 0;
		}
		if (zero)
			return;
		sleep_ms(100);
	} while (now_ms() < until);
	for (i = 0; i < ARRAY_SIZE(live); i++)
		if (v[i])
			problem("%s%s is %lld once every process has gone",
				PMP_SYSFS, live[i], v[i]);
}

static bool uffd_probe(void)
{
	int fd = uffd_open();

	if (fd < 0) {
		say("%s: userfaultfd unavailable (%s): no stalled copies",
		    prog, strerror(errno));
		return false;
	}
	close(fd);
	return true;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: pmp-fuzz [--soak] [--seconds N] [--seed N]\n"
		"  --soak       valid commands only, processes killed often\n"
		"  --seconds N  run time (default 120, 180 with --soak)\n"
		"  --seed N     the choices of an earlier run\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "soak", no_argument, NULL, 'k' },
		{ "seconds", required_argument, NULL, 's' },
		{ "seed", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	long long saved[ARRAY_SIZE(params)], end, next_note;
	unsigned long long seed = 0;
	unsigned int serial = 0, problems;
	bool have_seed = false;
	long seconds = -1;
	struct rng r;
	size_t i;
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			soak = true;
			break;
		case 's':
			seconds = strtol(optarg, NULL, 0);
			break;
		case 'S':
			seed = strtoull(optarg, NULL, 0);
			have_seed = true;
			break;
		default:
			usage();
		}
	}
	prog = soak ? "soak" : "fuzz";
	if (seconds < 0)
		seconds = soak ? 180 : 120;
	if (!have_seed) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		seed = (ts.tv_sec * 1000003ULL) ^ ts.tv_nsec ^ getpid();
		seed %= 1000000000ULL;
	}
	r.s = seed;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	if (access(PMP_DEV, R_OK | W_OK)) {
		printf("%s: " PMP_DEV ": %s (is pmp.ko loaded?)\n", prog,
		       strerror(errno));
		return 1;
	}

	nr_hosts = range(&r, 2, 3);
	nr_kids = nr_hosts + range(&r, 3, 5);
	for (i = 0; i < (size_t)nr_kids; i++)
		kids[i].host = (int)i < nr_hosts;
	printf("%s: seed %llu (--seed %llu or FUZZ_SEED=%llu repeats these choices), ",
	       prog, seed, seed, seed);
	printf("%ld s, %d hosts, %d clients\n", seconds, nr_hosts,
	       nr_kids - nr_hosts);
	uffd_ok = uffd_probe();

	for (i = 0; i < ARRAY_SIZE(params); i++) {
		saved[i] = read_value(PMP_PARAMS, params[i].name);
		/* The soak sends whole payloads: none may be refused. */
		set_param(params[i].name,
			  soak && !strcmp(params[i].name, "max_payload") ?
			  65536 : params[i].values[below(&r, 4)]);
	}

	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg >= 0)
		lseek(kmsg, 0, SEEK_END);

	t0 = now_ms();
	end = t0 + seconds * 1000LL;
	next_note = t0 + 20000;
	while (now_ms() < end) {
		reap(false);
		for (i = 0; i < (size_t)nr_kids; i++)
			if (!kids[i].pid)
				spawn(i, seed, serial++);
		if (chance(&r, soak ? 8 : 2)) {
			i = below(&r, nr_kids);
			if (kids[i].pid)
				kill(kids[i].pid, SIGKILL);
		}
		if (kmsg_check() || watchdog())
			break;
		if (now_ms() >= next_note) {
			say("%s: %lld s, %llu operations", prog,
			    (now_ms() - t0) / 1000,
			    (unsigned long long)atomic_load(&sh->ops));
			next_note += 20000;
		}
		sleep_ms(range(&r, 5, 40));
	}
	watchdog();
	kill_all();
	counters_check();
	for (i = 0; i < ARRAY_SIZE(params); i++)
		if (saved[i] != LLONG_MIN)
			set_param(params[i].name, saved[i]);
	sleep_ms(200);
	kmsg_check();

	problems = atomic_load(&sh->problems);
	printf("%s: %llu operations, seed %llu, %u problems\n", prog,
	       (unsigned long long)atomic_load(&sh->ops), seed, problems);
	return problems ? 1 : 0;
}
