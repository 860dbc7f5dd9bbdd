// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * secure_buffer.c - IMFMediaBuffer in memfd_secret() memory, or in
 * anonymous memory marked MADV_DONTDUMP and MADV_WIPEONFORK
 *
 * Each buffer tries secret memory first, every time: a pooled secret
 * mapping, else a new one if it fits (the kernel's answer at mmap():
 * RLIMIT_MEMLOCK against what the process has locked now), so buffers go
 * back to secret memory as soon as others are freed; then a pooled
 * fallback mapping, else a new one.  A buffer's bytes are wiped when it
 * goes, before its mapping is pooled or unmapped: a pooled mapping is all
 * zero, and no clear media stays behind in either kind of memory.  The
 * IMFMediaBuffer is libpmp's own (pmp_buffer_create_over), over this
 * memory.
 *
 * Locking: memory_lock guards the counters and the pool.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "mfapi.h"

#include "mf/mf.h"

#include "secure_buffer.h"

/*
 * Mappings kept for reuse, wiped: a new secret page costs the kernel a
 * change of its direct map and a TLB flush on every CPU, some 2.5 ms for
 * a 720p frame against 60 us for ordinary memory; a frame of a stream
 * mostly finds one of its size here.
 */
#define POOL_MAPPINGS 8
#define POOL_BYTES_MAX (64u << 20)

/* The memory under one buffer (libpmp's, over it). */
struct secure_memory {
	BYTE *data;
	size_t mapped;
	DWORD max_length;
	bool secret;
};

static pthread_mutex_t memory_lock = PTHREAD_MUTEX_INITIALIZER;
/* memory_lock: */
static struct pmp_media_memory memory;
static struct secure_memory *pool[POOL_MAPPINGS];
static unsigned int pool_count;

__attribute__((visibility("default"))) void
pmp_media_memory_stats(struct pmp_media_memory *out)
{
	if (!out)
		return;
	pthread_mutex_lock(&memory_lock);
	*out = memory;
	pthread_mutex_unlock(&memory_lock);
}

/* A buffer over @m is handed out (@live) or gone; lock held. */
static void count_buffer_locked(const struct secure_memory *m, bool live)
{
	uint64_t *buffers = m->secret ? &memory.secret_buffers :
					&memory.fallback_buffers;
	uint64_t *bytes = m->secret ? &memory.secret_bytes :
				      &memory.fallback_bytes;

	if (live) {
		*buffers += 1;
		*bytes += m->mapped;
		*(m->secret ? &memory.secret_made : &memory.fallback_made) += 1;
	} else {
		*buffers -= 1;
		*bytes -= m->mapped;
	}
}

/*
 * The pooled mapping of the kind @secret that fits @len best, within
 * twice its size, out of the pool; NULL if none.  Lock held.
 */
static struct secure_memory *pool_take_locked(size_t len, bool secret)
{
	struct secure_memory *m;
	unsigned int i, best = pool_count;

	for (i = 0; i < pool_count; i++) {
		m = pool[i];
		if (m->secret != secret || m->mapped < len ||
		    m->mapped / 2 > len)
			continue;
		if (best == pool_count || m->mapped < pool[best]->mapped)
			best = i;
	}
	if (best == pool_count)
		return NULL;
	m = pool[best];
	pool[best] = pool[--pool_count];
	memory.pool_bytes -= m->mapped;
	return m;
}

/* @len bytes of memfd_secret() memory, or NULL. */
static void *map_secret(size_t len)
{
	void *p = MAP_FAILED;
	int fd;

#ifdef SYS_memfd_secret
	fd = syscall(SYS_memfd_secret, O_CLOEXEC);
	if (fd < 0)
		return NULL;
	/* The mapping keeps the memory; the descriptor is not needed. */
	if (!ftruncate(fd, len))
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	/* Shared, it would be a child's too: no fork takes it along. */
	if (p != MAP_FAILED && madvise(p, len, MADV_DONTFORK)) {
		munmap(p, len);
		p = MAP_FAILED;
	}
#else
	(void)fd;
	(void)len;
#endif
	return p == MAP_FAILED ? NULL : p;
}

/* @len bytes of anonymous memory no dump or child sees, or NULL. */
static void *map_fallback(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	if (madvise(p, len, MADV_DONTDUMP) ||
	    madvise(p, len, MADV_WIPEONFORK)) {
		munmap(p, len);
		return NULL;
	}
	return p;
}

static void unmap_memory(struct secure_memory *m)
{
	munmap(m->data, m->mapped);
	free(m);
}

/* Wiped, then kept for the next buffer of its size if the pool has room. */
static void release_memory(void *context)
{
	struct secure_memory *m = context;
	bool kept = false;

	explicit_bzero(m->data, m->max_length);
	pthread_mutex_lock(&memory_lock);
	count_buffer_locked(m, false);
	if (pool_count < POOL_MAPPINGS &&
	    memory.pool_bytes + m->mapped <= POOL_BYTES_MAX) {
		pool[pool_count++] = m;
		memory.pool_bytes += m->mapped;
		kept = true;
	}
	pthread_mutex_unlock(&memory_lock);
	if (!kept)
		unmap_memory(m);
}

/* The component is unloaded: no buffer lives any more. */
__attribute__((destructor)) static void drain_pool(void)
{
	pthread_mutex_lock(&memory_lock);
	while (pool_count)
		unmap_memory(pool[--pool_count]);
	memory.pool_bytes = 0;
	pthread_mutex_unlock(&memory_lock);
}

/* A mapping of @len bytes, from the pool or new: secret memory first. */
static struct secure_memory *get_memory(size_t len)
{
	struct secure_memory *m;

	for (int secret = 1; secret >= 0; secret--) {
		pthread_mutex_lock(&memory_lock);
		m = pool_take_locked(len, secret);
		pthread_mutex_unlock(&memory_lock);
		if (m)
			return m;
		m = calloc(1, sizeof(*m));
		if (!m)
			return NULL;
		m->mapped = len;
		m->secret = secret;
		m->data = secret ? map_secret(len) : map_fallback(len);
		if (m->data)
			return m;
		free(m);
	}
	return NULL;
}

HRESULT secure_buffer_create(DWORD max_length, IMFMediaBuffer **out,
			     bool *secret)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	struct secure_memory *m;
	size_t len;
	HRESULT hr;

	if (!out)
		return E_POINTER;
	*out = NULL;
	/* A zero-length buffer still has an address to hand out. */
	len = ((size_t)max_length + page - 1) / page * page;
	m = get_memory(len ? len : page);
	if (!m)
		return E_OUTOFMEMORY;
	m->max_length = max_length;
	if (secret)
		*secret = m->secret;
	pthread_mutex_lock(&memory_lock);
	count_buffer_locked(m, true);
	pthread_mutex_unlock(&memory_lock);
	hr = pmp_buffer_create_over(m->data, max_length, release_memory, m,
				    out);
	if (FAILED(hr))
		release_memory(m);
	return hr;
}
