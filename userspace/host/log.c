// SPDX-License-Identifier: GPL-2.0
/*
 * log.c - pmphost's log: lines written to a descriptor it was given
 *
 * The sandbox leaves no sockets (no syslog) and no open(): the log is a
 * descriptor the spawner chose (--log-fd) or stderr in the foreground.
 * Each line is one write(), so that threads never interleave within a
 * line.  Nothing here formats a key or a payload: callers log events and
 * errors only.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

static int log_fd = -1;

/**
 * host_log_init - where the log goes
 * @fd: a descriptor open for writing, or -1 for no log
 */
void host_log_init(int fd)
{
	log_fd = fd;
}

/**
 * host_log - write one line to the log, if there is one
 * @fmt: printf format of the line, without its newline
 */
void host_log(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int len, saved = errno;

	if (log_fd < 0)
		return;
	len = snprintf(line, sizeof(line), "pmphost[%d]: ", getpid());
	va_start(ap, fmt);
	len += vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	va_end(ap);
	if (len > (int)sizeof(line) - 2)
		len = sizeof(line) - 2;
	line[len++] = '\n';
	/* A log that fails loses the line; the host goes on serving. */
	while (write(log_fd, line, len) < 0 && errno == EINTR)
		;
	errno = saved;
}

/**
 * host_errname - the name of a negative errno ("EPERM"), for the log
 * @err: a negative errno
 *
 * Thread-safe and locale-free, unlike strerror().
 */
const char *host_errname(int err)
{
	const char *name = strerrorname_np(-err);

	return name ? name : "unknown error";
}
