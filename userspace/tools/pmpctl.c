// SPDX-License-Identifier: GPL-2.0
/*
 * pmpctl - show what pmp.ko is doing: its counters and its hosts
 *
 *   pmpctl status               counters and parameters
 *   pmpctl hosts                every host the caller may see
 *   pmpctl watch [--count N]    both, refreshed every second
 */

#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pmp/pmp.h"

#include "pmpctl.h"
#include "sys.h"

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: pmpctl COMMAND\n"
		"Show what pmp.ko, the protected media path module, does.\n"
		"\n"
		"Commands:\n"
		"  status               the module's counters and parameters\n"
		"  hosts                every host you may see (root: all)\n"
		"  watch [--count N]    both, every second, until interrupted\n"
		"                       (or N times)\n"
		"\n"
		"Options:\n"
		"  --help               this text\n"
		"  --version            pmpctl's version\n");
}

/**
 * pmpctl_error - print an error, prefixed with the program's name
 * @fmt: printf format, without the newline
 */
void pmpctl_error(const char *fmt, ...)
{
	va_list ap;

	fputs("pmpctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/**
 * pmpctl_device_error - say why /dev/pmp cannot be used, and what to do
 * @err: the negative errno of pmp_sys_open()
 * @version: the ABI version the module reported, with -EPROTO
 */
void pmpctl_device_error(int err, int version)
{
	switch (err) {
	case -ENODEV:
		pmpctl_error("pmp.ko is not loaded: sudo modprobe pmp");
		break;
	case -EACCES:
	case -EPERM:
		pmpctl_error("no permission to open " PMP_DEVICE
			     ": install the udev rule (99-pmp.rules) and reload"
			     " the module, or run as root");
		break;
	case -EPROTO:
		pmpctl_error("pmp.ko speaks ABI version %d, pmpctl needs %d or"
			     " later: install the pmp.ko of this release",
			     version, PMP_LIB_ABI_VERSION);
		break;
	default:
		errno = -err;
		pmpctl_error("cannot open " PMP_DEVICE ": %m");
		break;
	}
}

static int watch(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "count", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const struct timespec second = { 1, 0 };
	long count = -1, n;
	char *end;
	int c, ret = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c != 'c') {
			usage(stderr);
			return 2;
		}
		errno = 0;
		count = strtol(optarg, &end, 10);
		if (errno || *end || end == optarg || count < 1) {
			pmpctl_error("--count needs a positive number");
			return 2;
		}
	}
	for (n = 0; count < 0 || n < count; n++) {
		if (n)
			nanosleep(&second, NULL);
		/* A terminal shows one view at a time; a log keeps them all. */
		if (isatty(STDOUT_FILENO))
			fputs("\033[H\033[2J", stdout);
		ret = pmpctl_status();
		putchar('\n');
		ret = ret ?: pmpctl_hosts();
		fflush(stdout);
		if (ret)
			break;
	}
	return ret;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (!cmd) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("pmpctl %d.%d.%d\n", PMP_VERSION_MAJOR,
		       PMP_VERSION_MINOR, PMP_VERSION_MICRO);
		return 0;
	}
	if (!strcmp(cmd, "status") && argc == 2)
		return pmpctl_status();
	if (!strcmp(cmd, "hosts") && argc == 2)
		return pmpctl_hosts();
	if (!strcmp(cmd, "watch"))
		return watch(argc - 1, argv + 1);
	pmpctl_error("unknown command or argument: try 'pmpctl --help'");
	return 2;
}
