// SPDX-License-Identifier: GPL-2.0
/*
 * preload_marker.so - isolation_vm_test's LD_PRELOAD probe: loaded into a
 * process, it creates the file PMP_PRELOAD_MARK names, so the test sees
 * whether the loader took LD_PRELOAD for that executable.
 */

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void mark(void)
{
	const char *path = getenv("PMP_PRELOAD_MARK");
	int fd;

	if (!path)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
}
