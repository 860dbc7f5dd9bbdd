// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * server.c - the process-wide table of host connections
 *
 * A process holds one client endpoint per host, shared by every reference
 * to that host, so that all of them share one lock count as the
 * IMFPMPServer pointers of a Windows process do.  The table is keyed by
 * host id and belongs to one process: a child of fork() finds it empty (the
 * pthread_atfork() handler, or the getpid() check for children made without
 * it) and the connections it inherited answer -EBADFD, exactly as the
 * kernel does for endpoints that are not the caller's.
 */

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "cleanup.h"
#include "export.h"
#include "server.h"
#include "sys.h"

static struct {
	pthread_mutex_t lock; /* the table */
	pid_t pid;
	struct pmp_server *head;
} table = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/*
 * Whoever holds the lock while another thread forks would leave it locked
 * forever in the child: fork() waits for it.
 */
static void table_prepare(void)
{
	pthread_mutex_lock(&table.lock);
}

static void table_parent(void)
{
	pthread_mutex_unlock(&table.lock);
}

static void table_child(void)
{
	table.head = NULL;
	table.pid = getpid();
	pthread_mutex_unlock(&table.lock);
}

static void table_init(void)
{
	pthread_atfork(table_prepare, table_parent, table_child);
}

static void table_lock(void)
{
	pthread_once(&table_once, table_init);
	pthread_mutex_lock(&table.lock);
	/* The parent's connections are not this process's. */
	if (table.pid != getpid()) {
		table.head = NULL;
		table.pid = getpid();
	}
}

static void table_unlock(void)
{
	pthread_mutex_unlock(&table.lock);
}

/* A reference, unless the last one is being dropped right now. */
static bool server_tryget(pmp_server *srv)
{
	unsigned int refs = atomic_load(&srv->refs);

	while (refs)
		if (atomic_compare_exchange_weak(&srv->refs, &refs, refs + 1))
			return true;
	return false;
}

/*
 * Connects a new endpoint to @host_id, another uid's protected host too
 * when @other_uid; the table's lock is held.
 */
static int server_connect(uint64_t host_id, bool other_uid, pmp_server **out)
{
	_cleanup_close_ int fd = -1;
	struct pmp_info info;
	pmp_server *srv;
	int version, ret;

	fd = pmp_sys_open(&version);
	if (fd < 0)
		return fd;
	/* Before ABI 5 the kernel knew no such flag, nor needed it. */
	ret = pmp_sys_connect(fd, host_id,
			      other_uid && version >= 5 ?
				      PMP_CONNECT_OTHER_UID : 0);
	if (!ret)
		ret = pmp_sys_info(fd, &info);
	if (ret == -ESHUTDOWN)
		ret = -ECONNREFUSED;
	if (ret)
		return ret;

	srv = calloc(1, sizeof(*srv));
	if (!srv)
		return -ENOMEM;
	atomic_init(&srv->refs, 1);
	srv->fd = take_fd(&fd);
	srv->pid = table.pid;
	srv->host_id = host_id;
	srv->host_pid = info.host_pid;
	srv->host_flags = info.host_flags;
	srv->host_uid = info.host_uid;
	srv->next = table.head;
	table.head = srv;
	*out = srv;
	return 0;
}

/**
 * pmp_server_get - the process's connection to a host, made if needed
 * @host_id: the host
 * @other_uid: a new connection may be to another uid's protected host
 *	(PMP_CONNECT_OTHER_UID)
 * @out: a new reference
 *
 * A connection whose host has gone is not handed out: a new connection is
 * tried, which the kernel refuses unless the id names a new host.
 *
 * Return: 0, or the errors of pmp_server_join().
 */
int pmp_server_get(uint64_t host_id, bool other_uid, pmp_server **out)
{
	pmp_server *srv;
	int ret;

	table_lock();
	for (srv = table.head; srv; srv = srv->next) {
		if (srv->host_id == host_id && pmp_sys_hung_up(srv->fd) == 0 &&
		    server_tryget(srv))
			break;
	}
	ret = srv ? 0 : server_connect(host_id, other_uid, &srv);
	table_unlock();
	*out = ret ? NULL : srv;
	return ret;
}

/* Takes @srv out of the table, if it is in this process's table. */
static void table_remove(pmp_server *srv)
{
	pmp_server **p;

	table_lock();
	for (p = &table.head; *p; p = &(*p)->next) {
		if (*p == srv) {
			*p = srv->next;
			break;
		}
	}
	table_unlock();
}

/**
 * pmp_server_join_flags - connect to an existing host by id, saying whose
 * @host_id: the host's id
 * @flags: 0, or PMP_JOIN_OTHER_UID to accept a host of another uid
 * @out: a server reference; the process's existing connection to that host
 *	if it has one
 *
 * Whose host it is, is the kernel's answer (PMP_IOC_INFO's host_uid),
 * checked on the connection made.
 *
 * Return: 0, -EINVAL (unknown flags, @out NULL), -ECONNREFUSED (no such
 * host, or it has gone), -EACCES (another uid's host, without
 * PMP_JOIN_OTHER_UID; or one the kernel refuses), -EPERM (another uid's
 * protected host, without CAP_SYS_ADMIN), -EPROTO, -ENODEV, -ENOMEM.
 */
PMP_EXPORT int pmp_server_join_flags(uint64_t host_id, unsigned int flags,
				     pmp_server **out)
{
	bool other_uid = flags & PMP_JOIN_OTHER_UID;
	pmp_server *srv;
	int ret;

	if (!out)
		return -EINVAL;
	*out = NULL;
	if (flags & ~PMP_JOIN_OTHER_UID)
		return -EINVAL;
	if (!host_id)
		return -ECONNREFUSED;
	ret = pmp_server_get(host_id, other_uid, &srv);
	if (ret)
		return ret;
	if (!other_uid && srv->host_uid != (uint32_t)geteuid()) {
		pmp_server_unref(srv);
		return -EACCES;
	}
	*out = srv;
	return 0;
}

/**
 * pmp_server_join - connect to an existing host of the caller's uid by id
 * @host_id: the host's id
 * @out: a server reference
 *
 * Return: as pmp_server_join_flags() with no flag.
 */
PMP_EXPORT int pmp_server_join(uint64_t host_id, pmp_server **out)
{
	return pmp_server_join_flags(host_id, 0, out);
}

/**
 * pmp_server_ref - take another reference
 * @srv: the server
 *
 * Return: @srv.
 */
PMP_EXPORT pmp_server *pmp_server_ref(pmp_server *srv)
{
	if (srv)
		atomic_fetch_add(&srv->refs, 1);
	return srv;
}

/**
 * pmp_server_unref - drop a reference
 * @srv: the server, or NULL
 *
 * The connection closes with the last reference, which drops whatever lock
 * it still holds, as the kernel does for every closed endpoint.
 */
PMP_EXPORT void pmp_server_unref(pmp_server *srv)
{
	if (!srv || atomic_fetch_sub(&srv->refs, 1) != 1)
		return;
	table_remove(srv);
	close(srv->fd);
	free(srv);
}

/**
 * pmp_server_host_id - the host's id
 * @srv: the server
 */
PMP_EXPORT uint64_t pmp_server_host_id(const pmp_server *srv)
{
	return srv ? srv->host_id : 0;
}

/**
 * pmp_server_host_pid - the host's process id
 * @srv: the server
 *
 * Return: the pid, 0 when the host is not visible in the caller's pid
 * namespace.
 */
PMP_EXPORT int pmp_server_host_pid(const pmp_server *srv)
{
	return srv ? srv->host_pid : 0;
}

/**
 * pmp_server_host_layers - the sandbox layers the host reported
 * @srv: the server
 *
 * pmphost's PMPHOST_LAYER_* bits (Documentation/admin-guide/pmp.rst), as
 * the host reported them when this process spawned it.
 *
 * Return: the bits, 0 for a host this process joined by id rather than
 * spawned, or NULL.
 */
PMP_EXPORT uint32_t pmp_server_host_layers(const pmp_server *srv)
{
	return srv ? srv->host_layers : 0;
}

/**
 * pmp_server_lock - IMFPMPServer::LockProcess: keep the host from exiting
 * @srv: the server
 *
 * Return: 0, -EINVAL, -ESHUTDOWN (the host has gone), -EOVERFLOW,
 * -EBADFD (after fork).
 */
PMP_EXPORT int pmp_server_lock(pmp_server *srv)
{
	if (!srv)
		return -EINVAL;
	if (pmp_server_forked(srv))
		return -EBADFD;
	return pmp_sys_lock(srv->fd);
}

/**
 * pmp_server_unlock - IMFPMPServer::UnlockProcess
 * @srv: the server
 *
 * Return: 0, -EINVAL, -ENOLCK (this process holds no lock on the host),
 * -ESHUTDOWN, -EBADFD.
 */
PMP_EXPORT int pmp_server_unlock(pmp_server *srv)
{
	if (!srv)
		return -EINVAL;
	if (pmp_server_forked(srv))
		return -EBADFD;
	return pmp_sys_unlock(srv->fd);
}

/**
 * pmp_server_fd - a descriptor to poll() for the host's death
 * @srv: the server
 *
 * Return: the descriptor, -EINVAL, or -EBADFD after fork.
 */
PMP_EXPORT int pmp_server_fd(const pmp_server *srv)
{
	if (!srv)
		return -EINVAL;
	if (pmp_server_forked(srv))
		return -EBADFD;
	return srv->fd;
}

/**
 * pmp_server_alive - whether the host still serves
 * @srv: the server
 *
 * Return: 1 while it does, 0 once it has gone or was told to exit,
 * -EINVAL, -EBADFD after fork.
 */
PMP_EXPORT int pmp_server_alive(pmp_server *srv)
{
	int ret;

	if (!srv)
		return -EINVAL;
	if (pmp_server_forked(srv))
		return -EBADFD;
	ret = pmp_sys_hung_up(srv->fd);
	return ret < 0 ? ret : !ret;
}
