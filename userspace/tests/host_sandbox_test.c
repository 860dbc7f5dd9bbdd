// SPDX-License-Identifier: GPL-2.0
/*
 * host_sandbox_test.c - pmphost's layers, made in a child process of the
 * test with pmphost's own code (namespace.c, harden.c, sandbox.c): no
 * module needed
 *
 * Each test forks; the child builds the layers the way pmphost does and
 * reports what it sees through its exit status, so that the test process
 * keeps its own namespaces.  Where the machine refuses user namespaces the
 * namespace tests are skipped: sandbox_vm_test covers those hosts.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "kselftest_harness.h"

#include "harden.h"
#include "layers.h"
#include "namespace.h"
#include "sandbox.h"

#define ETC_FILE "/etc/passwd"

/* Runs @fn in a child; its exit status, or 128 + the signal. */
static int in_child(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid)
		_exit(fn());
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) :
				   128 + WTERMSIG(status);
}

static int try_userns(void)
{
	return unshare(CLONE_NEWUSER) ? 1 : 0;
}

static bool userns_works(void)
{
	return in_child(try_userns) == 0;
}

/* The raw call, as an attacker would make it. */
static int stat_path(void)
{
	struct stat st;

	return syscall(SYS_newfstatat, AT_FDCWD, ETC_FILE, &st,
		       AT_EMPTY_PATH) ? errno : 0;
}

/* glibc's fstat() of a memfd of 4096 bytes: 0, or the errno (EIO: size). */
static int fstat_memfd(void)
{
	int fd = memfd_create("t", MFD_CLOEXEC), err = 0;
	struct stat st;

	if (fd < 0 || ftruncate(fd, 4096))
		return errno;
	if (fstat(fd, &st))
		err = errno;
	else if (st.st_size != 4096)
		err = EIO;
	close(fd);
	return err;
}

static int open_etc(void)
{
	int fd = open(ETC_FILE, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* Exit codes of the children: 0 when every check held, else which. */
static int filter_only(void)
{
	unsigned int layers = 0;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || host_sandbox(-1, &layers))
		return 100;
	if (layers != PMPHOST_LAYER_SECCOMP)
		return 101;
	if (stat_path() != EPERM)
		return 102;
	if (fstat_memfd() != 0)
		return 103;
	/* Not the empty-path form's flags: refused too. */
	if (fstatat(AT_FDCWD, ETC_FILE, &(struct stat){ 0 }, 0) != -1 ||
	    errno != EPERM)
		return 104;
	/* An empty path on the working directory is no descriptor. */
	if (fstatat(AT_FDCWD, "", &(struct stat){ 0 }, AT_EMPTY_PATH) != -1 ||
	    errno != EBADF)
		return 105;
	/* Flags the empty-path form does not know. */
	if (fstatat(0, "", &(struct stat){ 0 }, AT_EMPTY_PATH | 0x40000000) !=
		    -1 ||
	    errno != EINVAL)
		return 106;
	/* The handler stays: replacing it is refused. */
	if (signal(SIGSYS, SIG_DFL) != SIG_ERR || errno != EPERM)
		return 107;
	return 0;
}

static int no_filter(void)
{
	if (stat_path() != 0)
		return 102;
	if (fstat_memfd() != 0)
		return 103;
	return open_etc() ? 108 : 0;
}

/* The namespaces alone: what a path and the network look like there. */
static int namespaces_only(void)
{
	unsigned int layers = host_unshare();
	struct if_nameindex *ifs;
	struct dirent *d;
	DIR *root;
	int n = 0;

	if (layers != PMPHOST_LAYERS_NS)
		return 110;
	if (open_etc() != ENOENT || stat_path() != ENOENT)
		return 111;
	root = opendir("/");
	if (!root)
		return 112;
	while ((d = readdir(root)))
		n += strcmp(d->d_name, ".") && strcmp(d->d_name, "..");
	closedir(root);
	if (n)
		return 113;
	/* Read-only: nothing can be put there either. */
	if (mkdir("/x", 0700) != -1 || errno != EROFS)
		return 114;
	ifs = if_nameindex();
	if (!ifs || !ifs[0].if_name || strcmp(ifs[0].if_name, "lo") ||
	    ifs[1].if_name)
		return 115;
	if_freenameindex(ifs);
	return 0;
}

/* pmphost's whole order: namespaces, hardening, filter. */
static int all_layers(void)
{
	unsigned int layers = host_unshare();

	if (host_harden(&layers) || host_sandbox(-1, &layers))
		return 120;
	if (layers != PMPHOST_LAYERS_ALL)
		return 121;
	if (stat_path() != EPERM || open_etc() != EPERM)
		return 122;
	return fstat_memfd() ? 123 : 0;
}

TEST(the_filter_emulates_fstat_and_refuses_every_path)
{
	EXPECT_EQ(0, in_child(filter_only));
}

TEST(without_the_filter_the_same_probes_succeed)
{
	EXPECT_EQ(0, in_child(no_filter));
}

TEST(in_the_namespaces_no_path_names_a_file_and_only_lo_exists)
{
	if (!userns_works())
		SKIP(return, "no user namespaces here");
	EXPECT_EQ(0, in_child(namespaces_only));
}

TEST(pmphosts_order_gives_every_layer)
{
	if (!userns_works())
		SKIP(return, "no user namespaces here");
	EXPECT_EQ(0, in_child(all_layers));
}

TEST_HARNESS_MAIN
