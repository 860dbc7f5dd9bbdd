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
 *
 * The pool starts with --threads threads and grows on demand: a call may
 * hold its thread for long (a Media Session's GetEvent waits up to its
 * client's timeout), so when the last idle thread takes work and fewer
 * than --threads-max threads exist, it starts another before serving,
 * and a waiting call never leaves the host without a thread to receive
 * the next one.  Threads stay until the host exits.  A thread that cannot
 * be started is logged once; the pool serves with those it has.
 */

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "serve.h"
#include "com/stubs.h"

/**
 * struct pool - the serving threads
 * @host, @stubs: what they serve
 * @buf_size: each thread's first receive buffer
 * @lock: guards the rest
 * @tids: the threads started, @count of them, at most @max; the main
 *	thread is not among them
 * @idle: threads waiting for work
 * @grow_failed: a thread could not be started (logged once)
 */
struct pool {
	pmp_host *host;
	struct pmp_stubs *stubs;
	size_t buf_size;
	pthread_mutex_t lock;
	pthread_t *tids;
	unsigned int count, max, idle;
	bool grow_failed;
};

static void *serve_thread(void *arg);

/* Starts one more thread if none is idle and the pool may grow. */
static void pool_grow_locked(struct pool *pool)
{
	int err;

	if (pool->idle || pool->count + 1 >= pool->max || pool->grow_failed)
		return;
	err = pthread_create(&pool->tids[pool->count], NULL, serve_thread,
			     pool);
	if (!err) {
		pool->count++;
		return;
	}
	pool->grow_failed = true;
	host_log("cannot start a thread: %s; serving with %u",
		 host_errname(-err), pool->count + 1);
}

/* A thread waits for work (@idle), or stopped waiting: @got_work or not. */
static void pool_set_idle(struct pool *pool, bool idle, bool got_work)
{
	pthread_mutex_lock(&pool->lock);
	if (idle)
		pool->idle++;
	else
		pool->idle--;
	if (got_work)
		pool_grow_locked(pool);
	pthread_mutex_unlock(&pool->lock);
}

/* A receive that cannot go on would fail every thread alike: fail closed. */
static void __attribute__((noreturn)) serve_fail(const char *what, int err)
{
	host_log("%s: %s; exiting", what, host_errname(err));
	_exit(EXIT_FAILURE);
}

static void *serve_thread(void *arg)
{
	struct pool *pool = arg;
	struct pmp_host_work work;
	size_t size = pool->buf_size;
	void *buf, *bigger;
	int ret;

	buf = malloc(size);
	if (!buf)
		serve_fail("no memory for a receive buffer", -ENOMEM);
	for (;;) {
		pool_set_idle(pool, true, false);
		ret = pmp_host_recv(pool->host, buf, size, &work);
		pool_set_idle(pool, false, !ret);
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
 * @threads: threads to start with, the calling thread included (at least 1)
 * @threads_max: the most the pool grows to (at least @threads)
 * @buf_size: each thread's receive buffer (grown when a payload is larger)
 *
 * Return: 0 when the host was told to exit, -ENOMEM when the pool could
 * not be made.
 */
int host_serve(pmp_host *host, struct pmp_stubs *stubs, unsigned int threads,
	       unsigned int threads_max, size_t buf_size)
{
	struct pool pool = { .host = host,
			     .stubs = stubs,
			     .buf_size = buf_size,
			     .max = threads_max };
	unsigned int i;

	pool.tids = calloc(threads_max, sizeof(*pool.tids));
	if (!pool.tids)
		return -ENOMEM;
	pthread_mutex_init(&pool.lock, NULL);
	pthread_mutex_lock(&pool.lock);
	while (pool.count + 1 < threads && !pool.grow_failed)
		pool_grow_locked(&pool);
	pthread_mutex_unlock(&pool.lock);
	serve_thread(&pool);
	/* Threads started meanwhile get -ESHUTDOWN too: join them all. */
	pthread_mutex_lock(&pool.lock);
	for (i = 0; i < pool.count; i++) {
		pthread_mutex_unlock(&pool.lock);
		pthread_join(pool.tids[i], NULL);
		pthread_mutex_lock(&pool.lock);
	}
	pthread_mutex_unlock(&pool.lock);
	pthread_mutex_destroy(&pool.lock);
	free(pool.tids);
	return 0;
}
