// SPDX-License-Identifier: GPL-2.0
/*
 * pmphost - the PMP process: a hardened host of media components
 *
 * Start-up, in this order, all in the main thread:
 *   1. open the /dev/pmp endpoint (it belongs to its opener);
 *   2. load the class registry: every trusted component is checked and
 *      loaded now, while files can still be opened;
 *   3. a protected host makes its namespaces (namespace.c): a user
 *      namespace, an empty root, no network, no shared IPC, where the
 *      kernel allows them;
 *   4. harden: not dumpable, no core files, no capabilities (those the
 *      new user namespace granted too), no_new_privs;
 *   5. seal the seccomp filter: from here on /dev/pmp is the only channel;
 *   6. register with the kernel (protected unless --unprotected), which
 *      checks 4 and 5;
 *   7. report the host id and its layers (layers.h) to the spawner
 *      (--report-fd);
 *   8. start the serving threads, which inherit 3 to 5, and serve until
 *      the kernel says to exit.
 * Why this order: 3 needs the files of 2 opened already and the
 * capabilities that 4 drops (the new user namespace's, or root's); 4
 * comes before 5 because libcap's calls are not all on the filter's list;
 * the kernel checks 4 and 5 in 6, so they come first; and the threads of
 * 8 inherit everything, as unshare() would refuse a threaded process.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/pmp.h>

#include "config.h"
#include "harden.h"
#include "layers.h"
#include "log.h"
#include "namespace.h"
#include "registry.h"
#include "sandbox.h"
#include "serve.h"
#include "spawn.h"
#include "sys.h"
#include "com/stubs.h"

#define THREADS_DEFAULT 4
#define THREADS_MAX 64
#define PAYLOAD_DEFAULT 65536

struct options {
	bool unprotected;
	bool foreground;
	const char *registry;
	int report_fd;
	int log_fd;
	unsigned int threads;
	unsigned int threads_max;
};

struct host {
	pmp_host *host;
	struct pmp_registry *reg;
	struct pmp_stubs *stubs;
	size_t buf_size;
	unsigned int layers;
};

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: pmphost [OPTION]...\n"
		"The PMP process: it hosts media components for libpmp.\n"
		"libpmp starts it (pmp_server_spawn(), MFCreatePMPServer()).\n"
		"\n"
		"  --unprotected      register as an unprotected host\n"
		"  --registry DIR     class registry (unprotected hosts only;\n"
		"                     default %s)\n"
		"  --report-fd N      write the host id for the spawner to N\n"
		"  --log-fd N         write the log to N\n"
		"  --threads N        serving threads at first (default %d)\n"
		"  --threads-max N    most threads, added as calls wait\n"
		"                     (default and limit %d)\n"
		"  --foreground       debugging: log to stderr\n"
		"  --help             this text\n",
		PMP_REGISTRY_DEFAULT, THREADS_DEFAULT, THREADS_MAX);
}

static void __attribute__((noreturn)) bad_usage(const char *fmt,
						const char *arg)
{
	fputs("pmphost: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'pmphost --help'.\n", stderr);
	exit(2);
}

static long parse_number(const char *arg, long min, long max)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno || end == arg || *end || n < min || n > max)
		bad_usage("not a valid number: '%s'", arg);
	return n;
}

static int parse_fd(const char *arg)
{
	int fd = parse_number(arg, 0, INT32_MAX);

	if (fcntl(fd, F_GETFD) < 0)
		bad_usage("descriptor %s is not open", arg);
	return fd;
}

static void parse_options(int argc, char **argv, struct options *opt)
{
	enum { UNPROTECTED = 256, REGISTRY, REPORT_FD, LOG_FD, THREADS,
	       THREADS_MAX_OPT, FOREGROUND, HELP };
	static const struct option longopts[] = {
		{ "unprotected", no_argument, NULL, UNPROTECTED },
		{ "registry", required_argument, NULL, REGISTRY },
		{ "report-fd", required_argument, NULL, REPORT_FD },
		{ "log-fd", required_argument, NULL, LOG_FD },
		{ "threads", required_argument, NULL, THREADS },
		{ "threads-max", required_argument, NULL, THREADS_MAX_OPT },
		{ "foreground", no_argument, NULL, FOREGROUND },
		{ "help", no_argument, NULL, HELP },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*opt = (struct options){ .report_fd = -1, .log_fd = -1,
				 .threads = THREADS_DEFAULT,
				 .threads_max = THREADS_MAX };
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case UNPROTECTED:
			opt->unprotected = true;
			break;
		case REGISTRY:
			opt->registry = optarg;
			break;
		case REPORT_FD:
			opt->report_fd = parse_fd(optarg);
			break;
		case LOG_FD:
			opt->log_fd = parse_fd(optarg);
			break;
		case THREADS:
			opt->threads = parse_number(optarg, 1, THREADS_MAX);
			break;
		case THREADS_MAX_OPT:
			opt->threads_max = parse_number(optarg, 1, THREADS_MAX);
			break;
		case FOREGROUND:
			opt->foreground = true;
			break;
		case HELP:
			usage(stdout);
			exit(0);
		default:
			bad_usage("%s", "unknown option");
		}
	}
	if (optind < argc)
		bad_usage("unexpected argument '%s'", argv[optind]);
	/* A protected host trusts the installed registry and nothing else. */
	if (opt->registry && !opt->unprotected)
		bad_usage("%s", "--registry is for unprotected hosts only");
	if (opt->threads > opt->threads_max)
		bad_usage("%s", "--threads is more than --threads-max");
	if (opt->foreground && opt->log_fd < 0)
		opt->log_fd = STDERR_FILENO;
}

/* Closes every descriptor but the standard ones and those given. */
static void close_inherited(const struct options *opt)
{
	int keep[2] = { opt->report_fd, opt->log_fd }, lo = 3, i, fd;

	if (keep[0] > keep[1]) {
		keep[0] = opt->log_fd;
		keep[1] = opt->report_fd;
	}
	for (i = 0; i < 2; i++) {
		fd = keep[i];
		if (fd < lo)
			continue;
		if (fd > lo)
			close_range(lo, fd - 1, 0);
		lo = fd + 1;
	}
	close_range(lo, ~0U, 0);
}

/* How big a payload may be: the module's max_payload, read once now. */
static size_t max_payload(void)
{
	size_t n = pmp_sys_max_payload();

	return n ? n : PAYLOAD_DEFAULT;
}

static void log_missing(uint32_t missing)
{
	static const char *const names[] = {
		"nondumpable", "no_new_privs", "seccomp", "untraced",
		"no effective caps", "no permitted caps",
		"no inheritable caps", "no ambient caps",
		"a trusted executable, exec'd untraced (trusted_exe)",
	};
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (missing & (1U << i))
			host_log("lacking: %s", names[i]);
}

static void log_layers(unsigned int layers, bool unprotected)
{
	static const char *const names[] = {
		"user namespace", "empty mount namespace",
		"network namespace", "IPC namespace",
		"empty capability bounding set", "seccomp filter",
	};
	unsigned int i;

	host_log("layers 0x%x", layers);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		/* An unprotected host makes no namespaces, by design. */
		if (unprotected && (PMPHOST_LAYERS_NS & (1U << i)))
			continue;
		if (!(layers & (1U << i)))
			host_log("missing layer: %s", names[i]);
	}
}

/* Steps 1 to 6; returns the registration's result. */
static int host_start(const struct options *opt, struct host *h,
		      uint32_t *missing)
{
	unsigned int trusted, classes;
	int ret;

	ret = pmp_host_new(&h->host);
	if (ret) {
		host_log("cannot open /dev/pmp: %s", host_errname(ret));
		return ret;
	}
	h->buf_size = max_payload();

	ret = pmp_registry_open(opt->registry, !opt->unprotected, &h->reg);
	if (!ret)
		ret = pmp_stubs_new(h->reg, &h->stubs);
	if (ret) {
		host_log("cannot load the registry: %s", host_errname(ret));
		return ret;
	}
	classes = pmp_registry_count(h->reg, &trusted);
	host_log("registry %s: %u class(es), %u trusted",
		 opt->registry ? opt->registry : PMP_REGISTRY_DEFAULT,
		 classes, trusted);

	if (!opt->unprotected)
		h->layers = host_unshare();
	ret = host_harden(&h->layers);
	if (!ret)
		ret = host_sandbox(pmp_host_fd(h->host), &h->layers);
	log_layers(h->layers, opt->unprotected);
	if (ret)
		return ret;

	ret = pmp_host_start(h->host,
			     opt->unprotected ? PMP_HOST_REGISTER_UNPROTECTED :
						0,
			     missing);
	if (ret == -EPERM)
		log_missing(*missing);
	if (ret)
		host_log("registration refused: %s", host_errname(ret));
	return ret;
}

static void host_free(struct host *h)
{
	pmp_stubs_free(h->stubs);
	pmp_registry_close(h->reg);
	pmp_host_close(h->host);
}

int main(int argc, char **argv)
{
	struct host h = { 0 };
	struct options opt;
	uint32_t missing = 0;
	int ret;

	parse_options(argc, argv, &opt);
	close_inherited(&opt);
	host_log_init(opt.log_fd);
	/* A log or report reader that went away must not kill the host. */
	signal(SIGPIPE, SIG_IGN);

	ret = host_start(&opt, &h, &missing);
	if (opt.report_fd >= 0) {
		if (pmp_spawn_report(opt.report_fd, ret, missing,
				     pmp_host_id(h.host), h.layers) &&
		    !ret) {
			host_log("the spawner has gone; exiting");
			ret = -EPIPE;
		}
		close(opt.report_fd);
	}
	if (ret) {
		host_free(&h);
		return EXIT_FAILURE;
	}

	host_log("%s host %llu serving with %u thread(s)",
		 opt.unprotected ? "unprotected" : "protected",
		 (unsigned long long)pmp_host_id(h.host), opt.threads);
	ret = host_serve(h.host, h.stubs, opt.threads, opt.threads_max,
			 h.buf_size);
	host_log("%s; exiting", ret ? host_errname(ret) : "told to exit");
	host_free(&h);
	return ret ? EXIT_FAILURE : EXIT_SUCCESS;
}
