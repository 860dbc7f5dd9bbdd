// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * probe.c - libpmp-probe.so: CLSID_PmpTestProbe, which runs a named probe
 * of pmphost's sandbox where it lives (IPmpTestProbe), for the tests
 *
 * Each probe is one system call an attacker inside a host would try, or
 * one the host's own code needs; the test compares the errno it gets in a
 * protected host, an unprotected one and in process.  Stateless, and so
 * thread-safe.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define COBJMACROS
#include "pmpsamples.h"

#include "factory.h"
#include "unknown.h"

#define PROBE_FILE "/etc/passwd"
#define PROBE_MEMFD_SIZE 4096

struct probe {
	IPmpTestProbe IPmpTestProbe_iface;
	unsigned int refs;
};

static struct probe *impl_from_IPmpTestProbe(IPmpTestProbe *iface)
{
	return (struct probe *)iface;
}

/* The raw call: glibc's stat() wrappers may choose another one. */
static int probe_stat_path(void)
{
	struct stat st;

	return syscall(SYS_newfstatat, AT_FDCWD, PROBE_FILE, &st,
		       AT_EMPTY_PATH) ? errno : 0;
}

static int probe_open_path(void)
{
	int fd = open(PROBE_FILE, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* glibc's fstat(), which is newfstatat(fd, "", st, AT_EMPTY_PATH). */
static int fstat_size(int fd, long long *size)
{
	struct stat st;

	if (fstat(fd, &st))
		return errno;
	*size = st.st_size;
	return 0;
}

static int statx_size(int fd, long long *size)
{
	struct statx stx;

	if (statx(fd, "", AT_EMPTY_PATH, STATX_SIZE, &stx))
		return errno;
	*size = stx.stx_size;
	return 0;
}

/* @size_of a new memfd of PROBE_MEMFD_SIZE bytes: its errno, EIO if wrong. */
static int probe_memfd_size(int (*size_of)(int fd, long long *size))
{
	int fd = memfd_create("pmp-probe", MFD_CLOEXEC), err;
	long long size = -1;

	if (fd < 0)
		return errno;
	err = ftruncate(fd, PROBE_MEMFD_SIZE) ? errno : size_of(fd, &size);
	if (!err && size != PROBE_MEMFD_SIZE)
		err = EIO;
	close(fd);
	return err;
}

static int probe_fstat_fd(void)
{
	return probe_memfd_size(fstat_size);
}

static int probe_statx_fd(void)
{
	return probe_memfd_size(statx_size);
}

static const struct {
	const char *name;
	int (*run)(void);
} probes[] = {
	{ "stat-path", probe_stat_path },
	{ "fstat-fd", probe_fstat_fd },
	{ "statx-fd", probe_statx_fd },
	{ "open-path", probe_open_path },
};

static HRESULT STDMETHODCALLTYPE probe_QueryInterface(IPmpTestProbe *iface,
						      REFIID riid, void **ppv)
{
	return component_query_interface((IUnknown *)iface, &IID_IPmpTestProbe,
					 riid, ppv);
}

static ULONG STDMETHODCALLTYPE probe_AddRef(IPmpTestProbe *iface)
{
	return component_add_ref(&impl_from_IPmpTestProbe(iface)->refs);
}

static ULONG STDMETHODCALLTYPE probe_Release(IPmpTestProbe *iface)
{
	struct probe *probe = impl_from_IPmpTestProbe(iface);
	ULONG refs = component_release(&probe->refs);

	if (!refs)
		free(probe);
	return refs;
}

static HRESULT STDMETHODCALLTYPE probe_Run(IPmpTestProbe *iface, LPCSTR name,
					   LONG *err)
{
	size_t i;

	(void)iface;
	if (!name || !err)
		return E_POINTER;
	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		if (!strcmp(name, probes[i].name)) {
			*err = probes[i].run();
			return S_OK;
		}
	}
	return E_INVALIDARG;
}

static const IPmpTestProbeVtbl probe_vtbl = {
	.QueryInterface = probe_QueryInterface,
	.AddRef = probe_AddRef,
	.Release = probe_Release,
	.Run = probe_Run,
};

static HRESULT probe_class_create(REFIID riid, void **ppv)
{
	struct probe *probe = calloc(1, sizeof(*probe));

	if (!probe)
		return E_OUTOFMEMORY;
	probe->IPmpTestProbe_iface.lpVtbl = &probe_vtbl;
	probe->refs = 1;
	return component_hand_out((IUnknown *)&probe->IPmpTestProbe_iface, riid,
				  ppv);
}

const struct component_class component_classes[] = {
	{ &CLSID_PmpTestProbe, probe_class_create },
	{ NULL, NULL },
};
