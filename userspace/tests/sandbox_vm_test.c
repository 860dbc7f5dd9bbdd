// SPDX-License-Identifier: GPL-2.0
/*
 * sandbox_vm_test.c - pmphost's sandbox layers: what code inside a host
 * can still reach, and which layers a host reports
 *
 * Needs the module loaded, root, and the project installed under
 * PMP_TEST_PREFIX (default /usr/local): in the VM, from run-installed.sh.
 * The probes run inside a protected host, an unprotected host and in
 * process (the control) through CLSID_PmpTestProbe; the namespaces are
 * seen from outside, in /proc/PID of the host.  It sets
 * user.max_user_namespaces to 0 for a while and puts it back: run it in
 * the VM's throw-away overlay.
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <grp.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <linux/pmp.h>

#include "com_helpers.h"
#include "../host/layers.h"

#define MAX_USERNS "/proc/sys/user/max_user_namespaces"
#define NOBODY 65534

static char probe_so[PATH_MAX];
static char pmpctl[PATH_MAX];

__attribute__((constructor)) static void installed_paths(void)
{
	const char *p = getenv("PMP_TEST_PREFIX");

	snprintf(probe_so, sizeof(probe_so),
		 "%s/lib/pmp/components/libpmp-probe.so", p ? p : "/usr/local");
	snprintf(pmpctl, sizeof(pmpctl), "%s/bin/pmpctl", p ? p : "/usr/local");
	/* Unprotected hosts would honour it: use the installed registry. */
	unsetenv("PMP_REGISTRY_DIR");
}

#define SKIP_UNLESS_INSTALLED() do { \
	if (access("/dev/pmp", R_OK | W_OK) || access(probe_so, R_OK)) \
		SKIP(longjmp(_metadata->env, 1), \
		     "no /dev/pmp or no %.200s", probe_so); \
} while (0)

/* The whole of a small text file, NUL-terminated; its length or -errno. */
static ssize_t read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;
	size_t got = 0;
	ssize_t n;

	if (fd < 0)
		return -errno;
	while (got < size - 1 &&
	       (n = read(fd, buf + got, size - 1 - got)) > 0)
		got += n;
	err = n < 0 ? -errno : 0;
	close(fd);
	buf[got] = 0;
	return err ?: (ssize_t)got;
}

static ino_t inode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? 0 : st.st_ino;
}

/* ---- probes inside hosts, and in process ---- */

FIXTURE(probe) {
	IMFPMPServer *server;
	IPmpTestProbe *probe;
	DWORD pid;
};

/* Each probe's errno: 0 where the call works. */
FIXTURE_VARIANT(probe) {
	DWORD flags;
	int stat_path, fstat_fd, statx_fd, open_path;
	bool namespaces;
};

/*
 * The filter refuses a path (EPERM) before the empty root would find
 * nothing; fstat() works through the SIGSYS emulation; statx is not on
 * the list (glibc's fstat() does not use it on x86_64).
 */
FIXTURE_VARIANT_ADD(probe, protected) {
	.flags = 0,
	.stat_path = EPERM, .fstat_fd = 0, .statx_fd = EPERM,
	.open_path = EPERM,
	.namespaces = true,
};

/* The same filter, and no namespaces: it is the debuggable kind. */
FIXTURE_VARIANT_ADD(probe, unprotected) {
	.flags = MFPMPSESSION_UNPROTECTED_PROCESS,
	.stat_path = EPERM, .fstat_fd = 0, .statx_fd = EPERM,
	.open_path = EPERM,
	.namespaces = false,
};

/* The control: an ordinary process reaches all of it. */
FIXTURE_VARIANT_ADD(probe, in_process) {
	.flags = MFPMPSESSION_IN_PROCESS,
	.stat_path = 0, .fstat_fd = 0, .statx_fd = 0, .open_path = 0,
	.namespaces = false,
};

FIXTURE_SETUP(probe)
{
	IPmpTestCounter *counter;

	self->server = NULL;
	self->probe = NULL;
	SKIP_UNLESS_INSTALLED();
	ASSERT_HR(S_OK, MFCreatePMPServer(variant->flags, &self->server));
	ASSERT_HR(S_OK, IMFPMPServer_CreateObjectByCLSID(self->server,
		&CLSID_PmpTestProbe, &IID_IPmpTestProbe,
		(void **)&self->probe));
	/* The probe keeps the host alive; a counter says where it runs. */
	ASSERT_HR(S_OK, IMFPMPServer_CreateObjectByCLSID(self->server,
		&CLSID_PmpTestCounter, &IID_IPmpTestCounter,
		(void **)&counter));
	ASSERT_HR(S_OK, IPmpTestCounter_GetProcessId(counter, &self->pid));
	IPmpTestCounter_Release(counter);
	if (variant->flags == MFPMPSESSION_IN_PROCESS) {
		ASSERT_EQ((DWORD)getpid(), self->pid);
	} else {
		ASSERT_NE((DWORD)getpid(), self->pid);
	}
}

FIXTURE_TEARDOWN(probe)
{
	if (self->probe)
		IPmpTestProbe_Release(self->probe);
	if (self->server)
		IMFPMPServer_Release(self->server);
}

static LONG run_probe(IPmpTestProbe *probe, const char *name)
{
	LONG err = -1;

	if (FAILED(IPmpTestProbe_Run(probe, name, &err)))
		return -2;
	return err;
}

TEST_F(probe, newfstatat_of_a_path_with_at_empty_path_is_refused)
{
	EXPECT_EQ(variant->stat_path, run_probe(self->probe, "stat-path"));
}

TEST_F(probe, fstat_of_a_descriptor_works)
{
	EXPECT_EQ(variant->fstat_fd, run_probe(self->probe, "fstat-fd"));
}

TEST_F(probe, statx_of_a_descriptor_is_refused_in_hosts)
{
	EXPECT_EQ(variant->statx_fd, run_probe(self->probe, "statx-fd"));
}

TEST_F(probe, open_of_a_path_is_refused)
{
	EXPECT_EQ(variant->open_path, run_probe(self->probe, "open-path"));
}

TEST_F(probe, an_unknown_probe_is_invalid)
{
	LONG err = 12345;

	EXPECT_HR(E_INVALIDARG, IPmpTestProbe_Run(self->probe, "nothing",
						  &err));
	EXPECT_EQ(12345, err);
}

/* One line: "ID PARENT MAJ:MIN / / ro,... - tmpfs pmphost ro,...". */
TEST_F(probe, a_protected_hosts_root_is_one_empty_read_only_tmpfs)
{
	char path[64], mine[16384], theirs[16384];
	char *sep;

	snprintf(path, sizeof(path), "/proc/%u/mountinfo", self->pid);
	ASSERT_LT(0, read_text(path, theirs, sizeof(theirs)));
	ASSERT_LT(0, read_text("/proc/self/mountinfo", mine, sizeof(mine)));
	if (!variant->namespaces) {
		/* The control: the spawner's own mounts. */
		EXPECT_STREQ(mine, theirs);
		return;
	}
	sep = strchr(theirs, '\n');
	ASSERT_NE(NULL, sep);
	EXPECT_EQ(0, sep[1]) TH_LOG("more than one mount:\n%s", theirs);
	EXPECT_NE(NULL, strstr(theirs, " / / ro,")) TH_LOG("%s", theirs);
	EXPECT_NE(NULL, strstr(theirs, " - tmpfs pmphost ro,"))
		TH_LOG("%s", theirs);
}

/* /proc/PID/net/dev is the host's network namespace's, seen from here. */
TEST_F(probe, a_protected_host_has_a_network_namespace_with_loopback_only)
{
	char path[64], dev[4096], *line;
	int interfaces = 0;

	snprintf(path, sizeof(path), "/proc/%u/net/dev", self->pid);
	ASSERT_LT(0, read_text(path, dev, sizeof(dev)));
	if (!variant->namespaces) {
		EXPECT_EQ(inode_of("/proc/self/net/dev"), inode_of(path));
		return;
	}
	EXPECT_NE(inode_of("/proc/self/net/dev"), inode_of(path));
	/* Two header lines, then one line per interface. */
	line = strchr(strchr(dev, '\n') + 1, '\n') + 1;
	for (; *line; line = strchr(line, '\n') + 1) {
		interfaces++;
		EXPECT_EQ(0, strncmp(line + strspn(line, " "), "lo:", 3))
			TH_LOG("%.*s", (int)strcspn(line, "\n"), line);
	}
	EXPECT_EQ(1, interfaces);
}

/* ---- the layers hosts report ---- */

/* What the kernel says of the host of process @pid (LIST_HOSTS). */
static int kernel_layers(pid_t pid, uint32_t *layers)
{
	struct pmp_host_entry e[64];
	struct pmp_list_hosts list = {
		.entry_size = sizeof(e[0]),
		.entries = (uintptr_t)e,
		.capacity = 64,
	};
	int fd, ret = -ENOENT;

	fd = open("/dev/pmp", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, PMP_IOC_LIST_HOSTS, &list))
		ret = -errno;
	else
		for (uint32_t i = 0; i < list.count && i < list.capacity; i++)
			if (e[i].pid == (uint32_t)pid) {
				*layers = e[i].layers;
				ret = 0;
			}
	close(fd);
	return ret;
}

/* The LAYERS column pmpctl hosts prints for the host of process @pid. */
static int pmpctl_layers(pid_t pid, char *out, size_t size)
{
	char cmd[PATH_MAX + 16], line[512], col[5][64];
	int ret = -ENOENT;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "%s hosts", pmpctl);
	f = popen(cmd, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %63s %63s %63s %63s", col[0], col[1],
			   col[2], col[3], col[4]) == 5 &&
		    atoi(col[1]) == pid) {
			snprintf(out, size, "%s", col[4]);
			ret = 0;
		}
	if (pclose(f))
		ret = -EIO;
	return ret;
}

/* The LAYERS column for @layers: a letter each, '-' where one is missing. */
static void layers_column(uint32_t layers, char *out)
{
	static const char letters[] = "umnibspdct";

	for (size_t i = 0; i < sizeof(letters) - 1; i++)
		out[i] = layers & (1U << i) ? letters[i] : '-';
	out[sizeof(letters) - 1] = '\0';
}

/* A host's layers as it says them, as the kernel sees them, as pmpctl shows. */
struct layers_seen {
	uint32_t host;
	uint32_t kernel;
	char column[64];
};

/*
 * Spawns a host as @uid (a child process drops to it), sends its log to a
 * pipe, and gives back its layers (its own report, the kernel's, pmpctl's
 * column) and whether its log names @missing.
 */
static int spawn_layers(uid_t uid, unsigned int flags, const char *missing,
			struct layers_seen *seen, bool *logged)
{
	int report[2], log[2], status, ret;
	char buf[8192] = "";
	pmp_server *srv;
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	if (pipe2(report, O_CLOEXEC) || pipe2(log, 0))
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		char fd[16];

		close(report[0]);
		close(log[0]);
		snprintf(fd, sizeof(fd), "%d", log[1]);
		setenv("PMP_HOST_LOG_FD", fd, 1);
		if (uid && (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
			    setresuid(uid, uid, uid)))
			_exit(2);
		ret = pmp_server_spawn(flags, &srv);
		if (!ret) {
			pid_t host = pmp_server_host_pid(srv);

			seen->host = pmp_server_host_layers(srv);
			ret = kernel_layers(host, &seen->kernel);
			if (!ret)
				ret = pmpctl_layers(host, seen->column,
						    sizeof(seen->column));
			pmp_server_unref(srv);
		}
		if (write(report[1], &ret, sizeof(ret)) != sizeof(ret) ||
		    (!ret && write(report[1], seen, sizeof(*seen)) !=
				     sizeof(*seen)))
			_exit(3);
		_exit(0);
	}
	close(report[1]);
	close(log[1]);
	if (read(report[0], &ret, sizeof(ret)) != sizeof(ret) ||
	    (!ret && read(report[0], seen, sizeof(*seen)) != sizeof(*seen)))
		ret = -EPIPE;
	close(report[0]);
	waitpid(pid, &status, 0);
	/* The log closes when the host exits, after its linger. */
	while (got < sizeof(buf) - 1 &&
	       (n = read(log[0], buf + got, sizeof(buf) - 1 - got)) > 0)
		got += n;
	close(log[0]);
	*logged = strstr(buf, missing) != NULL;
	return ret;
}

FIXTURE(layers) {
	char max_userns[32];
};

FIXTURE_VARIANT(layers) {
	uid_t uid;
	unsigned int flags;
	bool no_userns;
	uint32_t layers;
	const char *logged;
};

/* Root makes a user namespace too: the capabilities it grants reach less. */
FIXTURE_VARIANT_ADD(layers, protected_root) {
	.uid = 0, .flags = 0, .layers = PMPHOST_LAYERS_ALL,
	.logged = "layers 0x3f",
};

/* The user namespace is what lets an ordinary user make the others. */
FIXTURE_VARIANT_ADD(layers, protected_user) {
	.uid = NOBODY, .flags = 0, .layers = PMPHOST_LAYERS_ALL,
	.logged = "layers 0x3f",
};

/* Without user namespaces root makes the others with its own privileges. */
FIXTURE_VARIANT_ADD(layers, protected_root_without_userns) {
	.uid = 0, .flags = 0, .no_userns = true,
	.layers = PMPHOST_LAYERS_ALL & ~PMPHOST_LAYER_USERNS,
	.logged = "missing layer: user namespace",
};

/* ...an ordinary user gets none, and no bounding set: it still serves. */
FIXTURE_VARIANT_ADD(layers, protected_user_without_userns) {
	.uid = NOBODY, .flags = 0, .no_userns = true,
	.layers = PMPHOST_LAYER_SECCOMP,
	.logged = "missing layer: empty mount namespace",
};

FIXTURE_VARIANT_ADD(layers, unprotected_root) {
	.uid = 0, .flags = PMP_SPAWN_UNPROTECTED,
	.layers = PMPHOST_LAYER_BOUNDING | PMPHOST_LAYER_SECCOMP,
	.logged = "layers 0x30",
};

FIXTURE_SETUP(layers)
{
	char zero[] = "0\n";
	int fd;

	self->max_userns[0] = 0;
	SKIP_UNLESS_INSTALLED();
	ASSERT_LT(0, read_text(MAX_USERNS, self->max_userns,
			       sizeof(self->max_userns)));
	if (!variant->no_userns)
		return;
	fd = open(MAX_USERNS, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)strlen(zero), write(fd, zero, strlen(zero)));
	close(fd);
}

FIXTURE_TEARDOWN(layers)
{
	int fd;

	if (!variant->no_userns || !self->max_userns[0])
		return;
	fd = open(MAX_USERNS, O_WRONLY | O_CLOEXEC);
	EXPECT_EQ((ssize_t)strlen(self->max_userns),
		  write(fd, self->max_userns, strlen(self->max_userns)));
	close(fd);
}

/* What the kernel adds to pmphost's own six for a protected host. */
#define PROTECTED_KERNEL_LAYERS (PMP_LAYER_NO_NEW_PRIVS | \
				 PMP_LAYER_NONDUMPABLE | PMP_LAYER_NO_CAPS | \
				 PMP_LAYER_TRUSTED_EXEC)

_Static_assert(PMPHOST_LAYER_USERNS == PMP_LAYER_USERNS &&
		       PMPHOST_LAYER_MOUNTNS == PMP_LAYER_MOUNTNS &&
		       PMPHOST_LAYER_NETNS == PMP_LAYER_NETNS &&
		       PMPHOST_LAYER_IPCNS == PMP_LAYER_IPCNS &&
		       PMPHOST_LAYER_BOUNDING == PMP_LAYER_BOUNDING &&
		       PMPHOST_LAYER_SECCOMP == PMP_LAYER_SECCOMP,
	       "pmphost's layer bits are the kernel's");

TEST_F(layers, a_host_reports_exactly_the_layers_it_could_make)
{
	struct layers_seen seen = { .host = ~0u, .kernel = ~0u };
	char column[16];
	bool logged = false;

	ASSERT_EQ(0, spawn_layers(variant->uid, variant->flags,
				  variant->logged, &seen, &logged));
	EXPECT_EQ(variant->layers, seen.host);
	EXPECT_TRUE(logged) TH_LOG("the log does not say '%s'",
				   variant->logged);
	/* The kernel sees the same six of its own accord... */
	EXPECT_EQ(variant->layers, seen.kernel & PMPHOST_LAYERS_ALL)
		TH_LOG("kernel: %#x", seen.kernel);
	/* ...and a protected host is the trusted image, hardened. */
	if (!(variant->flags & PMP_SPAWN_UNPROTECTED))
		EXPECT_EQ(PROTECTED_KERNEL_LAYERS,
			  seen.kernel & PROTECTED_KERNEL_LAYERS);
	/* pmpctl hosts shows the kernel's word, letter by letter. */
	layers_column(seen.kernel, column);
	EXPECT_STREQ(column, seen.column);
}

TEST_HARNESS_MAIN
