// SPDX-License-Identifier: GPL-2.0
/*
 * serve.c - pmphost's pool of serving threads
 *
 * Every thread takes work from the endpoint (the kernel hands each item to
 * one of them) and lets the stubs answer it, until the kernel says that
 * the host is to exit: pmp_host_recv() returns -ESHUTDOWN once the host was
 * told to exit and no work is left.  The main thread is one of the pool.
 * Threads end by returning, never by pthread_exit(), which would load
 * libgcc_s: the sandbox allows no open().
 */

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "serve.h"
#include "stubs.h"

struct pool {
	pmp_host *host;
	struct pmp_stubs *stubs;
	size_t buf_size;
};

/* A receive that cannot go on would fail every thread alike: fail closed. */
static void __attribute__((noreturn)) serve_fail(const char *what, int err)
{
	host_log("%s: %s; exiting", what, host_errname(err));
	_exit(EXIT_FAILURE);
}

static void *serve_thread(void *arg)
{
	const struct pool *pool = arg;
	struct pmp_host_work work;
	size_t size = pool->buf_size;
	void *buf, *bigger;
	int ret;

	buf = malloc(size);
	if (!buf)
		serve_fail("no memory for a receive buffer", -ENOMEM);
	for (;;) {
		ret = pmp_host_recv(pool->host, buf, size, &work);
		if (ret == -EINTR)
			continue;
		if (ret == -ESHUTDOWN)
			break;
		if (ret == -EMSGSIZE) {
			/* max_payload was raised since the host started. */
			bigger = realloc(buf, work.in_size);
			if (!bigger)
				serve_fail("no memory for a payload", -ENOMEM);
			buf = bigger;
			size = work.in_size;
			continue;
		}
		if (ret)
			serve_fail("cannot receive work", ret);
		ret = pmp_stubs_serve(pool->stubs, pool->host, &work);
		/* A payload may hold a key: it does not outlive its call. */
		explicit_bzero(buf, work.in_size);
		if (ret)
			host_log("work type %u, txn %llu: reply failed: %s",
				 work.type, (unsigned long long)work.txn,
				 host_errname(ret));
	}
	free(buf);
	return NULL;
}

/**
 * host_serve - serve until the kernel tells the host to exit
 * @host: the registered host
 * @stubs: its stub table
 * @threads: size of the pool, the calling thread included (at least 1)
 * @buf_size: each thread's receive buffer (grown when a payload is larger)
 *
 * Return: 0 when the host was told to exit, -ENOMEM when the pool could
 * not be made.
 */
int host_serve(pmp_host *host, struct pmp_stubs *stubs, unsigned int threads,
	       size_t buf_size)
{
	struct pool pool = { host, stubs, buf_size };
	unsigned int i, started;
	pthread_t *tids;
	int err;

	tids = calloc(threads, sizeof(*tids));
	if (!tids)
		return -ENOMEM;
	for (started = 0; started + 1 < threads; started++) {
		err = pthread_create(&tids[started], NULL, serve_thread, &pool);
		if (err) {
			/* Fewer threads serve all the same. */
			host_log("cannot start a thread: %s; serving with %u",
				 host_errname(-err), started + 1);
			break;
		}
	}
	serve_thread(&pool);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	free(tids);
	return 0;
}
