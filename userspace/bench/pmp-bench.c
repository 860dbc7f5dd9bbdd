// SPDX-License-Identifier: MIT
/*
 * pmp-bench - figures of /dev/pmp, each a ratio to a baseline of the same run
 *
 * Absolute times mean nothing under software emulation; ratios to a
 * baseline measured in the same boot, by the same two processes, do.  Each
 * figure is the median of several rounds.  Run by `make bench` inside the
 * VM; writes a table to stdout and to the file named on the command line.
 *
 *   lock:      LOCK+UNLOCK pair, per ioctl  /  unknown-command ioctl
 *   create:    CREATE_OBJECT + RELEASE      /  AF_UNIX SOCK_SEQPACKET 64 B
 *                                              ping-pong, same two processes
 *   null call: CALL 64 B in, 64 B out       /  the same ping-pong
 *   its CPU:   CPU time of both processes   /  the same for the ping-pong,
 *              per null CALL (getrusage)       in the same rounds
 *   Binder:    64 B transaction + 64 B      /  the same ping-pong
 *              reply through binder_linux
 *              (binder.c), and a null CALL  /  that Binder round trip
 *   memfd:     CALL carrying a sealed 1 MiB memfd, which the host
 *              receives and closes          /  memcpy of 1 MiB + a null CALL
 *              and the same with the host mapping it with MAP_POPULATE
 *              and reading one byte per page (what a media pipeline pays
 *              per frame)
 *   threads:   null-call throughput of 2 and 4 client threads / 1 thread
 *   memory:    kernel bytes (memcg slab) per live object and per pending
 *              transaction
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/pmp.h>

#include "binder.h"
#include "report.h"

#define MIB (1024 * 1024)
#define HOST_THREADS 4
#define METHOD_NULL 0
#define METHOD_MEMFD 1
#define METHOD_MEMFD_MAP 2


static void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0 || write(fd, val, strlen(val)) < 0)
		die(path);
	close(fd);
}

static void read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		die(path);
	n = read(fd, buf, size - 1);
	if (n < 0)
		die(path);
	buf[n] = 0;
	close(fd);
}

#define PARAM(name) "/sys/module/pmp/parameters/" name

/* ---- the host process ------------------------------------------------ */

static int host_fd;
static uint64_t next_cookie;

static void *host_serve(void *arg)
{
	static __thread char buf[65536];
	char reply[64];
	int fds[PMP_FDS_MAX];
	long page = sysconf(_SC_PAGESIZE);

	(void)arg;
	memset(reply, 'r', sizeof(reply));
	for (;;) {
		struct pmp_recv r = {
			.buf_ptr = (uintptr_t)buf, .buf_size = sizeof(buf),
			.nfds = PMP_FDS_MAX, .fds_ptr = (uintptr_t)fds,
		};
		struct pmp_reply rp = { 0 };

		if (ioctl(host_fd, PMP_IOC_RECV, &r))
			return NULL;
		rp.txn = r.txn;
		switch (r.type) {
		case PMP_WORK_CREATE:
			rp.flags = PMP_REPLY_OBJECT;
			rp.cookie = __atomic_add_fetch(&next_cookie, 1,
						       __ATOMIC_RELAXED);
			break;
		case PMP_WORK_CALL:
			if (r.method == METHOD_MEMFD && r.nfds == 1) {
				close(fds[0]);
			} else if (r.method == METHOD_MEMFD_MAP &&
				   r.nfds == 1) {
				volatile unsigned char *p;
				unsigned int sum = 0;
				long i;

				p = mmap(NULL, MIB, PROT_READ,
					 MAP_SHARED | MAP_POPULATE, fds[0], 0);
				if (p == MAP_FAILED)
					die("mmap");
				for (i = 0; i < MIB; i += page)
					sum += p[i];
				munmap((void *)p, MIB);
				close(fds[0]);
				rp.status = sum & 0x7fff;
			} else {
				rp.buf_ptr = (uintptr_t)reply;
				rp.buf_size = sizeof(reply);
			}
			break;
		default:
			continue;
		}
		if (ioctl(host_fd, PMP_IOC_REPLY, &rp))
			die("PMP_IOC_REPLY");
	}
}

/*
 * Echoes 64-byte SOCK_SEQPACKET messages: the ping-pong baseline's peer.
 * A shorter message asks for the host's CPU time, answered in its place.
 */
static void *host_echo(void *arg)
{
	int sk = (intptr_t)arg;
	char buf[64];
	ssize_t n;
	double cpu;

	while ((n = recv(sk, buf, sizeof(buf), 0)) > 0) {
		if (n != sizeof(buf)) {
			cpu = cpu_time();
			memcpy(buf, &cpu, sizeof(cpu));
			n = sizeof(cpu);
		}
		if (send(sk, buf, n, 0) != n)
			break;
	}
	return NULL;
}

/* Registers, reports its id, serves until killed. */
static void run_host(int report, int sk, int serving_threads)
{
	struct pmp_host_register reg = { .flags = PMP_HOST_UNPROTECTED };
	pthread_t t;
	int i;

	host_fd = open("/dev/pmp", O_RDWR | O_CLOEXEC);
	if (host_fd < 0 || ioctl(host_fd, PMP_IOC_HOST_REGISTER, &reg))
		die("register");
	if (sk >= 0 && pthread_create(&t, NULL, host_echo, (void *)(intptr_t)sk))
		die("pthread_create");
	for (i = 0; i < serving_threads; i++)
		if (pthread_create(&t, NULL, host_serve, NULL))
			die("pthread_create");
	if (write(report, &reg.host_id, sizeof(reg.host_id)) < 0)
		die("write");
	for (;;)
		pause();
}

static pid_t spawn_host(int sk, int serving_threads, uint64_t *host_id)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0)
		run_host(p[1], sk, serving_threads);
	if (read(p[0], host_id, sizeof(*host_id)) != sizeof(*host_id))
		die("host id");
	close(p[0]);
	close(p[1]);
	return pid;
}

static int connect_to(uint64_t host_id)
{
	struct pmp_connect c = { .host_id = host_id };
	int fd = open("/dev/pmp", O_RDWR | O_CLOEXEC);

	if (fd < 0 || ioctl(fd, PMP_IOC_CONNECT, &c))
		die("connect");
	return fd;
}

/* ---- client operations ----------------------------------------------- */

static uint64_t create_object(int fd)
{
	struct pmp_create c = { .clsid = { 1 } };

	if (ioctl(fd, PMP_IOC_CREATE_OBJECT, &c) || c.status)
		die("PMP_IOC_CREATE_OBJECT");
	return c.handle;
}

static void release_object(int fd, uint64_t handle)
{
	struct pmp_release r = { .handle = handle };

	if (ioctl(fd, PMP_IOC_RELEASE, &r))
		die("PMP_IOC_RELEASE");
}

static void null_call(int fd, uint64_t handle)
{
	char in[64], outb[64];
	struct pmp_call c = {
		.handle = handle, .method = METHOD_NULL,
		.in_ptr = (uintptr_t)in, .in_size = sizeof(in),
		.out_ptr = (uintptr_t)outb, .out_size = sizeof(outb),
	};

	memset(in, 'c', sizeof(in));
	if (ioctl(fd, PMP_IOC_CALL, &c) || c.out_size != sizeof(outb))
		die("PMP_IOC_CALL");
}

static void memfd_call(int fd, uint64_t handle, int memfd, uint32_t method)
{
	struct pmp_call c = {
		.handle = handle, .method = method,
		.in_nfds = 1, .in_fds = (uintptr_t)&memfd,
	};

	if (ioctl(fd, PMP_IOC_CALL, &c))
		die("PMP_IOC_CALL memfd");
}

/* ---- measurements ---------------------------------------------------- */

typedef void (*op_fn)(void *ctx);

struct ctx {
	int fd;
	int sk;
	uint64_t handle;
	int memfd;
	char *src, *dst;
	struct binder_bench *binder;	/* while Binder is measured */
};

/*
 * CPU time so far of all the benchmark's processes: this one, the host
 * and, while it runs, Binder's context manager.  Between two readings
 * only the processes of the operation timed in between do any work.
 */
static double cpu_all(struct ctx *c)
{
	double host;
	char ask = '?';

	if (send(c->sk, &ask, 1, 0) != 1 ||
	    recv(c->sk, &host, sizeof(host), 0) != sizeof(host))
		die("the host's CPU time");
	return cpu_time() + host +
	       (c->binder ? binder_bench_peer_cpu(c->binder) : 0);
}

/*
 * Time per call of @op over @n calls and, if @cpu, the CPU time per call
 * of the processes, read outside the timed stretch.
 */
static double time_op(op_fn op, struct ctx *c, int n, double *cpu)
{
	double c0 = 0, t0, t;
	int i;

	if (cpu)
		c0 = cpu_all(c);
	t0 = now();
	for (i = 0; i < n; i++)
		op(c);
	t = (now() - t0) / n;
	if (cpu)
		*cpu = (cpu_all(c) - c0) / n;
	return t;
}

/* The figure of the rounds' values @v of itself and @b of its baseline. */
static struct figure summarize(double *v, double *b)
{
	double q[ROUNDS];
	struct figure f;
	int r;

	for (r = 0; r < ROUNDS; r++)
		q[r] = v[r] / b[r];
	f.value = median(v, ROUNDS);
	f.base = median(b, ROUNDS);
	f.ratio = median(q, ROUNDS);
	return f;
}

/*
 * Each round times the baseline and the figure back to back, so that the
 * load of the machine running the emulator weighs on both alike; the
 * figure's ratio is the median of the rounds' ratios.  With @cpu, the
 * same rounds give the figure of both processes' CPU time.
 */
static struct figure measure(op_fn op, int n, op_fn base_op, int base_n,
			     struct ctx *c, struct figure *cpu)
{
	double v[ROUNDS], b[ROUNDS], cv[ROUNDS], cb[ROUNDS];
	int r;

	time_op(base_op, c, base_n / 10 + 1, NULL);	/* warm up */
	time_op(op, c, n / 10 + 1, NULL);
	for (r = 0; r < ROUNDS; r++) {
		b[r] = time_op(base_op, c, base_n, cpu ? &cb[r] : NULL);
		v[r] = time_op(op, c, n, cpu ? &cv[r] : NULL);
	}
	if (cpu)
		*cpu = summarize(cv, cb);
	return summarize(v, b);
}

static void op_unknown(void *p)
{
	struct ctx *c = p;

	ioctl(c->fd, _IO(PMP_IOC_MAGIC, 0x7f), 0);
}

static void op_lock_unlock(void *p)
{
	struct ctx *c = p;

	if (ioctl(c->fd, PMP_IOC_LOCK, 0) || ioctl(c->fd, PMP_IOC_UNLOCK, 0))
		die("lock");
}

static void op_pingpong(void *p)
{
	struct ctx *c = p;
	char buf[64];

	memset(buf, 'p', sizeof(buf));
	if (send(c->sk, buf, sizeof(buf), 0) != sizeof(buf) ||
	    recv(c->sk, buf, sizeof(buf), 0) != sizeof(buf))
		die("ping-pong");
}

static void op_create_release(void *p)
{
	struct ctx *c = p;

	release_object(c->fd, create_object(c->fd));
}

static void op_null_call(void *p)
{
	struct ctx *c = p;

	null_call(c->fd, c->handle);
}

static void op_binder_call(void *p)
{
	struct ctx *c = p;

	binder_bench_call(c->binder);
}

static void op_memfd_call(void *p)
{
	struct ctx *c = p;

	memfd_call(c->fd, c->handle, c->memfd, METHOD_MEMFD);
}

static void op_memfd_map_call(void *p)
{
	struct ctx *c = p;

	memfd_call(c->fd, c->handle, c->memfd, METHOD_MEMFD_MAP);
}

static void op_memcpy_call(void *p)
{
	struct ctx *c = p;

	memcpy(c->dst, c->src, MIB);
	__asm__ volatile("" : : "r"(c->dst) : "memory");
	null_call(c->fd, c->handle);
}

struct thr {
	int fd;
	uint64_t handle;
	int n;
	pthread_barrier_t *go;
};

static void *thr_calls(void *p)
{
	struct thr *t = p;
	int i;

	pthread_barrier_wait(t->go);
	for (i = 0; i < t->n; i++)
		null_call(t->fd, t->handle);
	return NULL;
}

/* Null calls per second with @nthreads client threads on one endpoint. */
static double throughput_once(struct ctx *c, int nthreads, int per_thread)
{
	pthread_t tid[8];
	pthread_barrier_t go;
	struct thr th = { c->fd, c->handle, per_thread, &go };
	double t0, t;
	int i;

	pthread_barrier_init(&go, NULL, nthreads + 1);
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&tid[i], NULL, thr_calls, &th))
			die("pthread_create");
	pthread_barrier_wait(&go);
	t0 = now();
	for (i = 0; i < nthreads; i++)
		pthread_join(tid[i], NULL);
	t = nthreads * per_thread / (now() - t0);
	pthread_barrier_destroy(&go);
	return t;
}

/* Throughput of @nthreads against one thread, round by round. */
static struct figure throughput(struct ctx *c, int nthreads, int calls)
{
	double v[ROUNDS], b[ROUNDS];
	int r;

	for (r = 0; r < ROUNDS; r++) {
		b[r] = throughput_once(c, 1, calls);
		v[r] = throughput_once(c, nthreads, calls / nthreads);
	}
	return summarize(v, b);
}

/* ---- memory, through a memory cgroup --------------------------------- */

#define CG "/sys/fs/cgroup/pmp-bench"

static long cg_slab(void)
{
	char buf[8192], *p;

	/* memcg statistics are flushed lazily; give them time to settle. */
	sleep(3);
	read_file(CG "/memory.stat", buf, sizeof(buf));
	p = strstr(buf, "\nslab ");
	if (!p)
		die("memory.stat has no slab line");
	return atol(p + 6);
}

static int cg_setup(void)
{
	char pid[32];

	mkdir("/sys/fs/cgroup", 0755);
	if (access("/sys/fs/cgroup/cgroup.controllers", F_OK) &&
	    system("mount -t cgroup2 none /sys/fs/cgroup"))
		return -1;
	if (system("echo +memory > /sys/fs/cgroup/cgroup.subtree_control"))
		return -1;
	if (mkdir(CG, 0755) && errno != EEXIST)
		return -1;
	snprintf(pid, sizeof(pid), "%d", getpid());
	write_file(CG "/cgroup.procs", pid);
	return 0;
}

static double bytes_per_object(uint64_t host_id)
{
	int n = 20000, fd = connect_to(host_id), i;
	uint64_t *h = calloc(n, sizeof(*h));
	long before, after;

	/* One object first, so that the tables exist before the baseline. */
	release_object(fd, create_object(fd));
	before = cg_slab();
	for (i = 0; i < n; i++)
		h[i] = create_object(fd);
	after = cg_slab();
	for (i = 0; i < n; i++)
		release_object(fd, h[i]);
	free(h);
	close(fd);
	return (double)(after - before) / n;
}

struct pend {
	int fd;
	pthread_barrier_t *go;
};

static void *thr_pending(void *p)
{
	struct pend *pd = p;
	struct pmp_create c = { .timeout_ms = 600000 };

	pthread_barrier_wait(pd->go);
	/* The host never answers: this waits until the host is killed. */
	ioctl(pd->fd, PMP_IOC_CREATE_OBJECT, &c);
	return NULL;
}

static double bytes_per_pending(void)
{
	enum { N = 256 };
	static pthread_t tid[N];
	pthread_barrier_t go;
	uint64_t host_id;
	long before, after;
	struct pend pd;
	char v[32];
	pid_t host;
	int i;

	/* A host with no serving thread leaves every transaction pending. */
	host = spawn_host(-1, 0, &host_id);
	pd.fd = connect_to(host_id);
	pd.go = &go;
	pthread_barrier_init(&go, NULL, N + 1);
	for (i = 0; i < N; i++)
		if (pthread_create(&tid[i], NULL, thr_pending, &pd))
			die("pthread_create");
	before = cg_slab();
	pthread_barrier_wait(&go);
	for (i = 0; i < 100; i++) {
		read_file("/sys/class/misc/pmp/transactions_pending", v,
			  sizeof(v));
		if (atoi(v) >= N)
			break;
		usleep(100000);
	}
	after = cg_slab();
	kill(host, SIGKILL);
	waitpid(host, NULL, 0);
	for (i = 0; i < N; i++)
		pthread_join(tid[i], NULL);
	close(pd.fd);
	return (double)(after - before) / N;
}

int main(int argc, char **argv)
{
	char saved_linger[32], saved_pending[32], saved_objects[32];
	struct ctx c = { 0 };
	struct binder_bench binder;
	struct utsname u;
	uint64_t host_id;
	struct figure f, cpu;
	char why[256];
	double v;
	int sp[2], have_cg;
	pid_t host;
	time_t t = time(NULL);

	report_open(argc > 1 ? argv[1] : NULL, "w");
	uname(&u);

	/* Hosts must not exit between measurements; restored at the end. */
	read_file(PARAM("linger_ms"), saved_linger, sizeof(saved_linger));
	read_file(PARAM("max_pending_client"), saved_pending,
		  sizeof(saved_pending));
	read_file(PARAM("max_objects"), saved_objects, sizeof(saved_objects));
	write_file(PARAM("linger_ms"), "600000");
	write_file(PARAM("max_pending_client"), "1024");
	write_file(PARAM("max_objects"), "100000");

	/* Before the host is forked, so that both sides are charged there. */
	have_cg = !cg_setup();

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp))
		die("socketpair");
	host = spawn_host(sp[1], HOST_THREADS, &host_id);
	close(sp[1]);
	c.sk = sp[0];
	c.fd = connect_to(host_id);
	c.handle = create_object(c.fd);

	line("pmp-bench: kernel %s %s, %ld CPUs, %s", u.release, u.machine,
	     sysconf(_SC_NPROCESSORS_ONLN), ctime(&t));
	line("each figure: %d rounds, each timing the baseline and the figure "
	     "back to back;\nvalue = median time, ratio = median of the "
	     "rounds' ratios\n\n", ROUNDS);
	line("%-46s %10s %-3s %9s  %-9s\n", "figure", "value", "", "ratio",
	     "target");

	f = measure(op_lock_unlock, 10000, op_unknown, 20000, &c, NULL);
	/* A pair is two ioctls. */
	f.value /= 2;
	f.ratio /= 2;
	rows("unknown-command ioctl (baseline)", "LOCK or UNLOCK ioctl", f,
	     1e9, "ns", 1.3);

	line("\n");
	f = measure(op_create_release, 1000, op_pingpong, 1000, &c, NULL);
	rows("AF_UNIX SEQPACKET 64 B ping-pong (baseline)",
	     "CREATE_OBJECT + RELEASE round trip", f, 1e6, "us", 1.0);
	f = measure(op_null_call, 1000, op_pingpong, 1000, &c, &cpu);
	/* Issue 11's target: well below a socket's round trip. */
	rows("  (baseline, measured again)", "null CALL, 64 B in and out", f,
	     1e6, "us", 0.8);
	rows("CPU per ping-pong, both processes (baseline)",
	     "CPU per null CALL, both processes", cpu, 1e6, "us", 1.1);

	/* Binder is a baseline only: nothing of pmp depends on it. */
	line("\n");
	if (binder_bench_start(&binder, why, sizeof(why))) {
		line("Binder: not measured: %s\n", why);
	} else {
		c.binder = &binder;
		f = measure(op_binder_call, 1000, op_pingpong, 1000, &c, &cpu);
		rows("  (the same ping-pong, for Binder)",
		     "Binder 64 B transaction + reply", f, 1e6, "us", 0);
		rows("  (CPU per ping-pong, for Binder)",
		     "CPU per Binder round trip, both processes", cpu, 1e6,
		     "us", 0);
		f = measure(op_null_call, 1000, op_binder_call, 1000, &c,
			    NULL);
		rows("Binder round trip (baseline)",
		     "null CALL against Binder's round trip", f, 1e6, "us",
		     0.55);
		c.binder = NULL;
		binder_bench_stop(&binder);
	}

	c.src = malloc(MIB);
	c.dst = malloc(MIB);
	memset(c.src, 'm', MIB);
	memset(c.dst, 0, MIB);
	c.memfd = memfd_create("pmp-bench", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (c.memfd < 0 || write(c.memfd, c.src, MIB) != MIB ||
	    fcntl(c.memfd, F_ADD_SEALS,
		  F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE))
		die("memfd");
	line("\n");
	f = measure(op_memfd_call, 200, op_memcpy_call, 200, &c, NULL);
	rows("memcpy 1 MiB + null CALL (baseline)",
	     "CALL carrying a sealed 1 MiB memfd", f, 1e6, "us", 1.2);
	f = measure(op_memfd_map_call, 200, op_memcpy_call, 200, &c, NULL);
	/* What a media pipeline pays per frame: the figure that matters. */
	rows(NULL, "  the same, host maps it and reads each page", f, 1e6,
	     "us", 1.2);

	line("\n");
	f = throughput(&c, 2, 1000);
	rows("null CALLs/s, 1 client thread (baseline)",
	     "null CALLs/s, 2 client threads", f, 1, "/s", 0);
	f = throughput(&c, 4, 1000);
	rows(NULL, "null CALLs/s, 4 client threads", f, 1, "/s", 0);

	line("\n");
	if (!have_cg) {
		line("memory: no memory cgroup available, not measured\n");
	} else {
		v = bytes_per_object(host_id);
		emit("kernel bytes per live object", v, "B", v / 256, 1.0);
		v = bytes_per_pending();
		emit("kernel bytes per pending transaction", v, "B", v / 256,
		     0);
		line("(memory ratios are to 256 B, the per-object target)\n");
	}

	release_object(c.fd, c.handle);
	kill(host, SIGKILL);
	waitpid(host, NULL, 0);
	write_file(PARAM("linger_ms"), saved_linger);
	write_file(PARAM("max_pending_client"), saved_pending);
	write_file(PARAM("max_objects"), saved_objects);
	report_close();
	return 0;
}
