// SPDX-License-Identifier: GPL-2.0
/*
 * status.c - pmpctl status: the module's counters and parameters
 *
 * Every file of /sys/class/misc/pmp/ that holds one decimal value is a
 * counter (Documentation/ABI/testing/sysfs-class-misc-pmp), so that new
 * counters show without a new pmpctl; likewise for the parameters under
 * /sys/module/pmp/parameters/.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"
#include "pmpctl.h"
#include "sys.h"

/* Reads one decimal value and its newline from @name under @dirfd. */
static int read_value(int dirfd, const char *name, long long *value)
{
	_cleanup_close_ int fd = -1;
	char buf[32], *end;
	ssize_t len;

	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	len = read(fd, buf, sizeof(buf) - 1);
	if (len < 2 || buf[len - 1] != '\n')
		return -EINVAL;
	buf[len - 1] = '\0';
	errno = 0;
	*value = strtoll(buf, &end, 10);
	return errno || *end || end == buf ? -EINVAL : 0;
}

static int is_visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Prints every one-value file of @dir as a row of a table. */
static int print_values(const char *dir, const char *title)
{
	_cleanup_close_ int dirfd = -1;
	struct dirent **names;
	long long value = 0;
	int n, i;

	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return -errno;
	n = scandirat(dirfd, ".", &names, is_visible, alphasort);
	if (n < 0)
		return -errno;
	printf("%-32s %14s\n", title, "VALUE");
	for (i = 0; i < n; i++) {
		if (!read_value(dirfd, names[i]->d_name, &value))
			printf("%-32s %14lld\n", names[i]->d_name, value);
		free(names[i]);
	}
	free(names);
	return 0;
}

static void print_versions(void)
{
	char version[64] = "unknown";
	int fd, abi = 0;
	ssize_t len;

	fd = open(PMP_MODULE_DIR "/version", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		len = read(fd, version, sizeof(version) - 1);
		version[len > 0 ? len : 0] = '\0';
		version[strcspn(version, "\n")] = '\0';
		close(fd);
	}
	/* The ABI needs /dev/pmp, which the caller may not be allowed. */
	fd = pmp_sys_open(&abi);
	if (fd >= 0)
		close(fd);
	if (abi)
		printf("pmp.ko %s, ABI version %d\n\n", version, abi);
	else
		printf("pmp.ko %s\n\n", version);
}

/**
 * pmpctl_status - print the module's version, counters and parameters
 *
 * Return: 0, or 1 after printing what to do.
 */
int pmpctl_status(void)
{
	if (access(PMP_SYSFS_DIR, F_OK)) {
		pmpctl_device_error(-ENODEV, 0);
		return 1;
	}
	print_versions();
	if (print_values(PMP_SYSFS_DIR, "COUNTER")) {
		pmpctl_error("cannot read %s: %m", PMP_SYSFS_DIR);
		return 1;
	}
	putchar('\n');
	if (print_values(PMP_MODULE_DIR "/parameters", "PARAMETER")) {
		pmpctl_error("cannot read %s/parameters: %m", PMP_MODULE_DIR);
		return 1;
	}
	return 0;
}
