// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * secure_buffer.c - IMFMediaBuffer in memfd_secret() memory, or in
 * anonymous memory marked MADV_DONTDUMP and MADV_WIPEONFORK
 *
 * Each buffer tries secret memory first, every time: a pooled secret
 * mapping, else a new one if it fits (the kernel's answer at mmap():
 * RLIMIT_MEMLOCK against what the process has locked now), so buffers go
 * back to secret memory as soon as others are freed; then a pooled
 * fallback mapping, else a new one.  The IMFMediaBuffer is libpmp's own
 * (pmp_buffer_create_over), over this memory.
 *
 * Wiping.  A pooled mapping stays in this process, as protected as a live
 * buffer, and keeps its last buffer's bytes: wiping every buffer as it
 * went cost as much as a second decryption of each sample (a pass over
 * every byte, and glibc's large memset is `rep stosb`, which emulators
 * run a byte at a time).  What keeps clear media from going where it must
 * not:
 * - a buffer that promises nothing about its bytes is made only for a
 *   caller that overwrites all of them before anyone reads them
 *   (secure_buffer_create_to_fill: the decryptor, the decoder, joins);
 *   any other gets zeros, a pooled mapping being wiped as it is taken, so
 *   no buffer shows one session's media to another sharing the host;
 * - the pool lives while a media transform lives (secure_buffer_use):
 *   when the last one goes, every pooled mapping is wiped and unmapped,
 *   and a buffer released with none left is wiped and unmapped at once;
 * - a mapping leaves the pool (pool full, transform gone, component
 *   unloaded) only wiped: nothing clear goes back to the kernel's free
 *   pages, which it does not clear before reuse (secret memory's it does).
 *
 * Locking: memory_lock guards the counters, the pool and the users.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
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
	/* Bytes from the start that may not be zero: wiped before unmap. */
	size_t dirty;
	bool secret;
};

static pthread_mutex_t memory_lock = PTHREAD_MUTEX_INITIALIZER;
/* memory_lock: */
static struct pmp_media_memory memory;
static struct secure_memory *pool[POOL_MAPPINGS];
static unsigned int pool_count;
/* Media transforms alive: the pool is kept while there is one. */
static unsigned int users;

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

/*
 * Set once memfd_secret() said it does not exist here (ENOSYS: no
 * CONFIG_SECRETMEM, or 6.1 without secretmem.enable=1), which lasts until
 * the next boot: no buffer asks again.
 */
static atomic_bool no_secretmem;

/* @len bytes of memfd_secret() memory, or NULL. */
static void *map_secret(size_t len)
{
	void *p = MAP_FAILED;
	int fd;

#ifdef SYS_memfd_secret
	if (atomic_load_explicit(&no_secretmem, memory_order_relaxed))
		return NULL;
	fd = syscall(SYS_memfd_secret, O_CLOEXEC);
	if (fd < 0 && errno == ENOSYS)
		atomic_store_explicit(&no_secretmem, true,
				      memory_order_relaxed);
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

/* Wiped, then given back to the kernel. */
static void unmap_memory(struct secure_memory *m)
{
	explicit_bzero(m->data, m->dirty);
	munmap(m->data, m->mapped);
	free(m);
}

/* Kept for the next buffer of its size if the pool is in use and has room. */
static void release_memory(void *context)
{
	struct secure_memory *m = context;
	bool kept = false;

	pthread_mutex_lock(&memory_lock);
	count_buffer_locked(m, false);
	if (users && pool_count < POOL_MAPPINGS &&
	    memory.pool_bytes + m->mapped <= POOL_BYTES_MAX) {
		pool[pool_count++] = m;
		memory.pool_bytes += m->mapped;
		kept = true;
	}
	pthread_mutex_unlock(&memory_lock);
	if (!kept)
		unmap_memory(m);
}

/* Every pooled mapping, wiped and unmapped. */
static void drain_pool(void)
{
	struct secure_memory *drained[POOL_MAPPINGS];
	unsigned int n;

	pthread_mutex_lock(&memory_lock);
	n = pool_count;
	memcpy(drained, pool, n * sizeof(*pool));
	pool_count = 0;
	memory.pool_bytes = 0;
	pthread_mutex_unlock(&memory_lock);
	while (n)
		unmap_memory(drained[--n]);
}

void secure_buffer_use(void)
{
	pthread_mutex_lock(&memory_lock);
	users++;
	pthread_mutex_unlock(&memory_lock);
}

void secure_buffer_unuse(void)
{
	bool last;

	pthread_mutex_lock(&memory_lock);
	last = !--users;
	pthread_mutex_unlock(&memory_lock);
	if (last)
		drain_pool();
}

/* The component is unloaded: no buffer lives any more. */
__attribute__((destructor)) static void unload_pool(void)
{
	drain_pool();
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

static HRESULT create(DWORD max_length, bool zero, IMFMediaBuffer **out,
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
	if (zero && m->dirty) {
		explicit_bzero(m->data, m->dirty);
		m->dirty = 0;
	}
	if (m->dirty < max_length)
		m->dirty = max_length;
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

HRESULT secure_buffer_create(DWORD max_length, IMFMediaBuffer **out,
			     bool *secret)
{
	return create(max_length, true, out, secret);
}

HRESULT secure_buffer_create_to_fill(DWORD max_length, IMFMediaBuffer **out,
				     bool *secret)
{
	return create(max_length, false, out, secret);
}
