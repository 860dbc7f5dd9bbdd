// SPDX-License-Identifier: GPL-2.0
/*
 * com_vm_test.c - the COM API with pmp.ko: protected and unprotected
 * pmphost processes, end to end
 *
 * Needs the module loaded, root, and the project installed under
 * PMP_TEST_PREFIX (default /usr/local) - in the VM:
 *
 *	make -C userspace install PREFIX=/usr/local && ldconfig
 *	userspace/tests/com_vm_test
 *
 * It writes to the installed tree (an untrusted class file, a component
 * made world-writable for a while) and to the module's linger_ms and
 * default_timeout_ms, and puts each back: run it in the VM's throw-away
 * overlay (userspace/tests/com_vm.sh does all of it).
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <dirent.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/pmp.h>

#include "com_helpers.h"

#define LINGER_PARAM "/sys/module/pmp/parameters/linger_ms"
#define SYSFS_OBJECTS "/sys/class/misc/pmp/objects"

/* The lifetime tests' linger_ms: short, yet long for an emulated CPU. */
#define TEST_LINGER_MS 600

static char prefix[PATH_MAX / 2];
static char untrusted_class[PATH_MAX];
static char counter_so[PATH_MAX];

__attribute__((constructor)) static void installed_paths(void)
{
	const char *p = getenv("PMP_TEST_PREFIX");

	snprintf(prefix, sizeof(prefix), "%s", p ? p : "/usr/local");
	snprintf(untrusted_class, sizeof(untrusted_class),
		 "%s/lib/pmp/registry/zz-com-vm-test-untrusted.class", prefix);
	snprintf(counter_so, sizeof(counter_so),
		 "%s/lib/pmp/components/libpmp-counter.so", prefix);
	/* Unprotected hosts would honour it: use the installed registry. */
	unsetenv("PMP_REGISTRY_DIR");
}

static long long read_ll(const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? strtoll(buf, NULL, 10) : -1;
}

static int write_ll(const char *path, long long value)
{
	char buf[32];
	int fd = open(path, O_WRONLY | O_CLOEXEC), len, ok;

	if (fd < 0)
		return -1;
	len = snprintf(buf, sizeof(buf), "%lld\n", value);
	ok = write(fd, buf, len) == len;
	close(fd);
	return ok ? 0 : -1;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Creates a counter, retrying nothing: the host must still be there. */
static HRESULT new_counter(IMFPMPServer *server, IPmpTestCounter **counter)
{
	return IMFPMPServer_CreateObjectByCLSID(server, &CLSID_PmpTestCounter,
						&IID_IPmpTestCounter,
						(void **)counter);
}

/* In a fixture's setup: skip on a machine without the module or tree. */
#define SKIP_UNLESS_INSTALLED() do { \
	if (access("/dev/pmp", R_OK | W_OK) || access(counter_so, R_OK)) \
		SKIP(longjmp(_metadata->env, 1), \
		     "no /dev/pmp or nothing installed under %.200s", \
		     prefix); \
} while (0)

/* ---- both kinds of host ---- */

FIXTURE(host) {
	IMFPMPServer *server;
	long long objects;
};

FIXTURE_VARIANT(host) {
	DWORD flags;
};

FIXTURE_VARIANT_ADD(host, protected) {
	.flags = 0,
};

FIXTURE_VARIANT_ADD(host, unprotected) {
	.flags = MFPMPSESSION_UNPROTECTED_PROCESS,
};

FIXTURE_SETUP(host)
{
	static const char text_fmt[] =
		"clsid = {E799E593-7154-493D-8A6D-1BB36FA7B2C4}\n"
		"path = %s\n"
		"sha256 = 00000000000000000000000000000000"
		"00000000000000000000000000000000\n";
	char text[PATH_MAX + 256];
	int fd, len;

	self->server = NULL;
	SKIP_UNLESS_INSTALLED();

	/* Root-owned, 0644: only its digest makes it untrusted. */
	len = snprintf(text, sizeof(text), text_fmt, counter_so);
	fd = open(untrusted_class, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		  0644);
	ASSERT_LE(0, fd) TH_LOG("%s: %s", untrusted_class, strerror(errno));
	ASSERT_EQ(len, write(fd, text, len));
	ASSERT_EQ(0, close(fd));

	self->objects = read_ll(SYSFS_OBJECTS);
	ASSERT_HR(S_OK, MFCreatePMPServer(variant->flags, &self->server));
	ASSERT_NE(NULL, self->server);
}

FIXTURE_TEARDOWN(host)
{
	unlink(untrusted_class);
	if (self->server)
		EXPECT_EQ(0u, IMFPMPServer_Release(self->server));
}

TEST_F(host, counter_runs_in_the_host_and_keeps_state_across_calls)
{
	IPmpTestCounter *counter = NULL;
	char label[32];
	DWORD pid = 0;
	LONG value = 0;

	ASSERT_HR(S_OK, new_counter(self->server, &counter));
	ASSERT_HR(S_OK, IPmpTestCounter_GetProcessId(counter, &pid));
	ASSERT_NE(0u, pid);
	ASSERT_NE((DWORD)getpid(), pid);

	ASSERT_HR(S_OK, IPmpTestCounter_Add(counter, 5, &value));
	ASSERT_EQ(5, value);
	ASSERT_HR(S_OK, IPmpTestCounter_Add(counter, -12, &value));
	ASSERT_EQ(-7, value);
	ASSERT_HR(S_OK, IPmpTestCounter_Get(counter, &value));
	ASSERT_EQ(-7, value);
	ASSERT_HR(S_OK, IPmpTestCounter_SetLabel(counter, "kitchen"));
	ASSERT_HR(S_OK, IPmpTestCounter_GetLabel(counter, label, 8));
	ASSERT_STREQ("kitchen", label);
	ASSERT_HR(MF_E_INSUFFICIENT_BUFFER,
		  IPmpTestCounter_GetLabel(counter, label, 7));
	ASSERT_HR(MF_E_PE_UNTRUSTED,
		  IPmpTestCounter_Fail(counter, MF_E_PE_UNTRUSTED));
	ASSERT_HR(S_FALSE, IPmpTestCounter_Fail(counter, S_FALSE));
	ASSERT_EQ(0u, IPmpTestCounter_Release(counter));
}

TEST_F(host, proxies_follow_com_identity)
{
	IPmpTestCounter *counter = NULL, *again = NULL, *other = NULL;
	IUnknown *unk = NULL, *unk2 = NULL, *other_unk = NULL;
	void *none = POISON;

	ASSERT_HR(S_OK, new_counter(self->server, &counter));
	ASSERT_HR(S_OK, IPmpTestCounter_QueryInterface(counter, &IID_IUnknown,
						       (void **)&unk));
	ASSERT_NE((void *)counter, (void *)unk);
	ASSERT_HR(S_OK, IPmpTestCounter_QueryInterface(counter, &IID_IUnknown,
						       (void **)&unk2));
	ASSERT_EQ(unk, unk2);
	ASSERT_HR(S_OK, IUnknown_QueryInterface(unk, &IID_IPmpTestCounter,
						(void **)&again));
	ASSERT_EQ(counter, again);

	/* Another object, another identity. */
	ASSERT_HR(S_OK, new_counter(self->server, &other));
	ASSERT_HR(S_OK, IPmpTestCounter_QueryInterface(other, &IID_IUnknown,
						       (void **)&other_unk));
	ASSERT_NE(unk, other_unk);

	/* A pair exists, the object lacks it: the host says so. */
	ASSERT_HR(E_NOINTERFACE,
		  IUnknown_QueryInterface(unk, &IID_IPmpClearKeyDecryptor,
					  &none));
	ASSERT_EQ(NULL, none);
	/* No pair: answered without a round trip. */
	none = POISON;
	ASSERT_HR(E_NOINTERFACE,
		  IPmpTestCounter_QueryInterface(counter, &IID_IClassFactory,
						 &none));
	ASSERT_EQ(NULL, none);

	IUnknown_Release(other_unk);
	IPmpTestCounter_Release(other);
	IPmpTestCounter_Release(again);
	IUnknown_Release(unk2);
	IUnknown_Release(unk);
	ASSERT_EQ(0u, IPmpTestCounter_Release(counter));
}

struct hammer {
	IPmpTestCounter *counter;
	int iterations;
	int mismatches;
	HRESULT failure;
};

/* Lookups racing final Releases of the IUnknown proxy, from a thread. */
static void *hammer_identity(void *arg)
{
	struct hammer *h = arg;
	IUnknown *a, *b;
	HRESULT hr;
	LONG value;
	int i;

	for (i = 0; i < h->iterations; i++) {
		a = b = NULL;
		hr = IPmpTestCounter_QueryInterface(h->counter, &IID_IUnknown,
						    (void **)&a);
		if (SUCCEEDED(hr))
			hr = IPmpTestCounter_QueryInterface(
				h->counter, &IID_IUnknown, (void **)&b);
		if (SUCCEEDED(hr))
			hr = IPmpTestCounter_Add(h->counter, 1, &value);
		if (FAILED(hr))
			__atomic_store_n(&h->failure, hr, __ATOMIC_RELAXED);
		else if (a != b)
			__atomic_add_fetch(&h->mismatches, 1, __ATOMIC_RELAXED);
		if (b)
			IUnknown_Release(b);
		if (a)
			IUnknown_Release(a);
	}
	return NULL;
}

TEST_F(host, threads_racing_final_releases_see_one_identity)
{
	struct hammer h = { .iterations = 100 };
	pthread_t threads[4];
	LONG value = 0;
	size_t i;

	ASSERT_HR(S_OK, new_counter(self->server, &h.counter));
	for (i = 0; i < sizeof(threads) / sizeof(threads[0]); i++)
		ASSERT_EQ(0, pthread_create(&threads[i], NULL, hammer_identity,
					    &h));
	for (i = 0; i < sizeof(threads) / sizeof(threads[0]); i++)
		ASSERT_EQ(0, pthread_join(threads[i], NULL));
	ASSERT_HR(S_OK, h.failure);
	ASSERT_EQ(0, h.mismatches);
	ASSERT_HR(S_OK, IPmpTestCounter_Get(h.counter, &value));
	ASSERT_EQ(4 * h.iterations, value);
	ASSERT_EQ(0u, IPmpTestCounter_Release(h.counter));
	/* Every proxy gone: only what other tests hold is left. */
	for (i = 0; i < 50 && read_ll(SYSFS_OBJECTS) != self->objects; i++)
		sleep_ms(20);
	ASSERT_EQ(self->objects, read_ll(SYSFS_OBJECTS));
}

TEST_F(host, object_created_as_iunknown_is_the_one_identity)
{
	IPmpTestCounter *counter = NULL;
	IUnknown *unk = NULL, *unk2 = NULL;
	LONG value;

	ASSERT_HR(S_OK, IMFPMPServer_CreateObjectByCLSID(
				self->server, &CLSID_PmpTestCounter,
				&IID_IUnknown, (void **)&unk));
	ASSERT_HR(S_OK, IUnknown_QueryInterface(unk, &IID_IPmpTestCounter,
						(void **)&counter));
	ASSERT_HR(S_OK, IPmpTestCounter_Add(counter, 3, &value));
	ASSERT_HR(S_OK, IPmpTestCounter_QueryInterface(counter, &IID_IUnknown,
						       (void **)&unk2));
	ASSERT_EQ(unk, unk2);
	/* The identity outlives the typed proxy, and the object with it. */
	ASSERT_EQ(0u, IPmpTestCounter_Release(counter));
	counter = NULL;
	ASSERT_HR(S_OK, IUnknown_QueryInterface(unk2, &IID_IPmpTestCounter,
						(void **)&counter));
	ASSERT_HR(S_OK, IPmpTestCounter_Get(counter, &value));
	ASSERT_EQ(3, value);
	IPmpTestCounter_Release(counter);
	IUnknown_Release(unk2);
	ASSERT_EQ(0u, IUnknown_Release(unk));
}

TEST_F(host, clone_hands_back_a_new_object)
{
	IPmpTestCounter *counter = NULL, *copy = NULL;
	DWORD pid = 0, copy_pid = 1;
	LONG value;

	ASSERT_HR(S_OK, new_counter(self->server, &counter));
	ASSERT_HR(S_OK, IPmpTestCounter_Add(counter, 10, &value));
	ASSERT_HR(S_OK, IPmpTestCounter_Clone(counter, &copy));
	ASSERT_NE(NULL, copy);
	ASSERT_NE(counter, copy);
	ASSERT_HR(S_OK, IPmpTestCounter_Add(copy, 1, &value));
	ASSERT_EQ(11, value);
	ASSERT_HR(S_OK, IPmpTestCounter_Get(counter, &value));
	ASSERT_EQ(10, value);
	ASSERT_HR(S_OK, IPmpTestCounter_GetProcessId(counter, &pid));
	ASSERT_HR(S_OK, IPmpTestCounter_GetProcessId(copy, &copy_pid));
	ASSERT_EQ(pid, copy_pid);
	ASSERT_EQ(0u, IPmpTestCounter_Release(copy));
	ASSERT_EQ(0u, IPmpTestCounter_Release(counter));
}

TEST_F(host, released_proxies_release_their_kernel_objects)
{
	IPmpTestCounter *a = NULL, *b = NULL;
	IUnknown *unk = NULL;
	int i;

	ASSERT_HR(S_OK, new_counter(self->server, &a));
	ASSERT_HR(S_OK, new_counter(self->server, &b));
	ASSERT_HR(S_OK, IPmpTestCounter_QueryInterface(a, &IID_IUnknown,
						       (void **)&unk));
	/* Two counters and one IUnknown: three (object, interface) pairs. */
	ASSERT_EQ(self->objects + 3, read_ll(SYSFS_OBJECTS));
	IUnknown_Release(unk);
	IPmpTestCounter_Release(b);
	IPmpTestCounter_Release(a);
	for (i = 0; i < 50 && read_ll(SYSFS_OBJECTS) != self->objects; i++)
		sleep_ms(20);
	ASSERT_EQ(self->objects, read_ll(SYSFS_OBJECTS));
}

TEST_F(host, decryptor_gets_sealed_memfds_across_the_kernel)
{
	static const struct clearkey ck = {
		.kid = "kid-0123456789ab",
		.key = { 0x10, 0x21, 0x32, 0x43, 0x54, 0x65, 0x76, 0x87,
			 0x98, 0xa9, 0xba, 0xcb, 0xdc, 0xed, 0xfe, 0x0f },
		.iv = { 0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0 },
	};
	static char clear[300000], buf[300000];
	IPmpClearKeyDecryptor *dec;
	int out_fd;
	size_t i;

	for (i = 0; i < sizeof(clear); i++)
		clear[i] = (char)(i ^ (i >> 8));
	dec = new_decryptor(_metadata, self->server);
	out_fd = assert_decrypts(_metadata, dec, &ck, clear, buf,
				 sizeof(clear));
	ASSERT_EQ(FD_CLOEXEC, fcntl(out_fd, F_GETFD));
	close(out_fd);
	ASSERT_EQ(0u, IPmpClearKeyDecryptor_Release(dec));
}

TEST_F(host, decryptor_input_must_be_sealed_against_writes)
{
	static const struct clearkey ck = {
		.kid = { 9 }, .key = { 8 }, .iv = { 7 },
	};
	static const unsigned int lacking[4] = {
		F_SEAL_SHRINK | F_SEAL_GROW,
		F_SEAL_WRITE | F_SEAL_GROW,
		F_SEAL_WRITE | F_SEAL_SHRINK,
		0,
	};
	IPmpClearKeyDecryptor *dec;
	char data[256] = { 0 };
	int fd, out_fd = -2, i;

	dec = new_decryptor(_metadata, self->server);
	ASSERT_HR(S_OK, IPmpClearKeyDecryptor_SetKey(dec, ck.kid, ck.key));
	/*
	 * The kernel carries only memfds sealed against writing, shrinking
	 * and growing (ABI 5): each seal missing, or none, is EPERM there
	 * (the decryptor's own check is com_test's, in process).
	 */
	for (i = 0; i < 4; i++) {
		fd = sealed_memfd(data, sizeof(data), lacking[i]);
		ASSERT_LE(0, fd);
		ASSERT_HR(E_ACCESSDENIED, IPmpClearKeyDecryptor_Decrypt(
						  dec, ck.kid, ck.iv, fd,
						  sizeof(data), &out_fd));
		ASSERT_EQ(-1, out_fd);
		close(fd);
	}
	/* The control: sealed every way, it is carried and decrypted. */
	fd = sealed_memfd(data, sizeof(data),
			  F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW);
	ASSERT_LE(0, fd);
	ASSERT_HR(S_OK, IPmpClearKeyDecryptor_Decrypt(dec, ck.kid, ck.iv, fd,
						      sizeof(data), &out_fd));
	ASSERT_LE(0, out_fd);
	close(out_fd);
	close(fd);
	IPmpClearKeyDecryptor_Release(dec);
}

TEST_F(host, unknown_class_is_regdb_e_classnotreg)
{
	ASSERT_CREATE_FAILS(REGDB_E_CLASSNOTREG, self->server,
			    &CLSID_PmpTestUnknown, &IID_IUnknown);
}

TEST_F(host, class_with_wrong_digest_is_mf_e_pe_untrusted)
{
	ASSERT_CREATE_FAILS(MF_E_PE_UNTRUSTED, self->server,
			    &CLSID_PmpTestUntrusted, &IID_IUnknown);
}

TEST_F(host, interface_without_proxy_or_in_the_class_is_e_nointerface)
{
	/* No proxy/stub pair: refused before any round trip. */
	ASSERT_CREATE_FAILS(E_NOINTERFACE, self->server,
			    &CLSID_PmpTestCounter, &IID_PmpTestNothing);
	/* A pair exists; the class lacks the interface. */
	ASSERT_CREATE_FAILS(E_NOINTERFACE, self->server,
			    &CLSID_PmpTestCounter, &IID_IPmpClearKeyDecryptor);
	ASSERT_HR(E_POINTER, IMFPMPServer_CreateObjectByCLSID(
				     self->server, &CLSID_PmpTestCounter,
				     &IID_IUnknown, NULL));
}

/* Sets @counter to @value and checks it: the start of each test. */
static void set_counter(struct __test_metadata *_metadata,
			IPmpTestCounter *counter, LONG value)
{
	LONG now = 0;

	ASSERT_HR(S_OK, IPmpTestCounter_Get(counter, &now));
	ASSERT_HR(S_OK, IPmpTestCounter_Add(counter, value - now, &now));
	ASSERT_EQ(value, now);
}

static LONG counter_value(IPmpTestCounter *counter)
{
	LONG value = -12345;

	IPmpTestCounter_Get(counter, &value);
	return value;
}

TEST_F(host, counter_passed_into_add_counter_arrives_as_the_hosts_object)
{
	IPmpTestCounter *a = NULL, *b = NULL;
	IUnknown *b_unk = NULL;
	LONG value = 0;

	ASSERT_HR(S_OK, new_counter(self->server, &a));
	ASSERT_HR(S_OK, new_counter(self->server, &b));
	set_counter(_metadata, a, 5);
	set_counter(_metadata, b, 37);
	ASSERT_HR(S_OK, IPmpTestCounter_AddCounter(a, b, &value));
	ASSERT_EQ(42, value);
	ASSERT_EQ(42, counter_value(a));
	ASSERT_EQ(37, counter_value(b));

	/* B's IUnknown: the host asks it for IPmpTestCounter. */
	ASSERT_HR(S_OK, IPmpTestCounter_QueryInterface(b, &IID_IUnknown,
						       (void **)&b_unk));
	ASSERT_HR(S_OK, IPmpTestCounter_AddCounter(
				a, (IPmpTestCounter *)b_unk, &value));
	ASSERT_EQ(79, value);
	ASSERT_EQ(37, counter_value(b));
	IUnknown_Release(b_unk);
	ASSERT_EQ(0u, IPmpTestCounter_Release(b));
	ASSERT_EQ(0u, IPmpTestCounter_Release(a));
}

TEST_F(host, counter_added_to_itself_doubles)
{
	IPmpTestCounter *a = NULL;
	LONG value = 0;

	ASSERT_HR(S_OK, new_counter(self->server, &a));
	set_counter(_metadata, a, 21);
	ASSERT_HR(S_OK, IPmpTestCounter_AddCounter(a, a, &value));
	ASSERT_EQ(42, value);
	ASSERT_EQ(42, counter_value(a));
	ASSERT_EQ(0u, IPmpTestCounter_Release(a));
}

/* Starts a second host: under KASAN and emulation that takes a while. */
TEST_F_TIMEOUT(host, counter_of_another_host_is_e_invalidarg_and_changes_nothing, 180)
{
	IPmpTestCounter *a = NULL, *b = NULL, *local = NULL;
	IMFPMPServer *other = NULL, *inproc = NULL;
	DWORD pid_a = 0, pid_b = 0;
	LONG value = 99;

	/*
	 * A's object first: a new host waits linger_ms for its first object,
	 * and starting the other host can take longer than that under
	 * emulation on the debug kernel.
	 */
	ASSERT_HR(S_OK, new_counter(self->server, &a));
	ASSERT_HR(S_OK, MFCreatePMPServer(variant->flags, &other));
	ASSERT_HR(S_OK, new_counter(other, &b));
	ASSERT_HR(S_OK, IPmpTestCounter_GetProcessId(a, &pid_a));
	ASSERT_HR(S_OK, IPmpTestCounter_GetProcessId(b, &pid_b));
	ASSERT_NE(pid_a, pid_b);
	set_counter(_metadata, a, 1);
	set_counter(_metadata, b, 2);

	ASSERT_HR(E_INVALIDARG, IPmpTestCounter_AddCounter(a, b, &value));
	ASSERT_HR(E_INVALIDARG, IPmpTestCounter_AddCounter(b, a, &value));
	/* An object of no host: the caller's own, in process. */
	ASSERT_HR(S_OK, MFCreatePMPServer(MFPMPSESSION_IN_PROCESS, &inproc));
	ASSERT_HR(S_OK, new_counter(inproc, &local));
	ASSERT_HR(E_INVALIDARG, IPmpTestCounter_AddCounter(a, local, &value));
	ASSERT_HR(E_POINTER, IPmpTestCounter_AddCounter(a, NULL, &value));
	ASSERT_EQ(99, value);
	ASSERT_EQ(1, counter_value(a));
	ASSERT_EQ(2, counter_value(b));
	/* In process, a remote counter is just another counter. */
	ASSERT_HR(S_OK, IPmpTestCounter_AddCounter(local, b, &value));
	ASSERT_EQ(2, value);

	IPmpTestCounter_Release(local);
	IMFPMPServer_Release(inproc);
	ASSERT_EQ(0u, IPmpTestCounter_Release(b));
	ASSERT_EQ(0u, IPmpTestCounter_Release(a));
	ASSERT_EQ(0u, IMFPMPServer_Release(other));
}

TEST_F(host, passed_counter_goes_with_its_last_handle_after_the_call)
{
	IPmpTestCounter *a = NULL, *b = NULL;
	LONG value;
	int i;

	ASSERT_HR(S_OK, new_counter(self->server, &a));
	ASSERT_HR(S_OK, new_counter(self->server, &b));
	ASSERT_HR(S_OK, IPmpTestCounter_AddCounter(a, b, &value));
	ASSERT_EQ(self->objects + 2, read_ll(SYSFS_OBJECTS));
	/* The kernel held B for the call only; the host gave its copy back. */
	ASSERT_EQ(0u, IPmpTestCounter_Release(b));
	for (i = 0; i < 50 && read_ll(SYSFS_OBJECTS) != self->objects + 1; i++)
		sleep_ms(20);
	ASSERT_EQ(self->objects + 1, read_ll(SYSFS_OBJECTS));
	ASSERT_HR(S_OK, IPmpTestCounter_Add(a, 1, &value));
	ASSERT_EQ(0u, IPmpTestCounter_Release(a));
}

/* IPmpTestCounter's slots, for the native API. */
#define COUNTER_ADD 3
#define COUNTER_GET 4
#define COUNTER_ADD_COUNTER 10

/*
 * Calls counter method @method of @obj with the 32-bit @arg, passing
 * @nobjs objects; the LONG it answers in *@result.  Return: what
 * pmp_obj_call() returns, or 1 when the host answered a failure.
 */
static int native_counter_call(pmp_obj *obj, uint32_t method, uint32_t arg,
			       pmp_obj *const *objs, uint32_t nobjs,
			       LONG *result)
{
	struct pmp_call_args args = {
		.method = method,
		.in = &arg,
		.in_size = method == COUNTER_GET ? 0 : sizeof(arg),
		.out = result,
		.out_size = sizeof(*result),
		.in_objs = objs,
		.in_nobjs = nobjs,
	};
	int ret = pmp_obj_call(obj, &args);

	if (ret)
		return ret;
	return args.status == S_OK && args.out_size == sizeof(*result) ? 0 : 1;
}

static pmp_obj *native_counter(pmp_server *srv)
{
	int32_t status = E_FAIL;
	pmp_obj *obj = NULL;

	pmp_server_create(srv, (const pmp_guid *)&CLSID_PmpTestCounter,
			  (const pmp_guid *)&IID_IPmpTestCounter, 0, &status,
			  &obj);
	return status == S_OK ? obj : NULL;
}

/* Starts a second host: under KASAN and emulation that takes a while. */
TEST_F_TIMEOUT(host, native_call_refuses_foreign_and_forged_objects, 180)
{
	pmp_server *srv = NULL, *other = NULL;
	pmp_obj *a, *b, *foreign;
	struct pmp_call call = { .method = COUNTER_GET };
	__u64 forged = 0xdead;
	__u32 first = 0;
	LONG value = 0;

	/*
	 * Fresh connections: A is this endpoint's first handle, 1.  Each
	 * host gets its first object before the next host starts (a new
	 * host waits linger_ms for it; a start can take longer under
	 * emulation on the debug kernel).
	 */
	ASSERT_EQ(0, pmp_server_spawn(variant->flags, &srv));
	a = native_counter(srv);
	b = native_counter(srv);
	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	ASSERT_EQ(0, pmp_server_spawn(variant->flags, &other));
	foreign = native_counter(other);
	ASSERT_NE(NULL, foreign);
	ASSERT_EQ(0, native_counter_call(a, COUNTER_ADD, 3, NULL, 0, &value));
	ASSERT_EQ(0, native_counter_call(b, COUNTER_ADD, 4, NULL, 0, &value));
	ASSERT_EQ(0, native_counter_call(foreign, COUNTER_ADD, 100, NULL, 0,
					 &value));

	ASSERT_EQ(0, native_counter_call(a, COUNTER_ADD_COUNTER, 0, &b, 1,
					 &value));
	ASSERT_EQ(7, value);
	/* Another server's object: refused before the kernel. */
	ASSERT_EQ(-EINVAL, native_counter_call(a, COUNTER_ADD_COUNTER, 0,
					       &foreign, 1, &value));

	/* A handle this endpoint never gave: the kernel refuses it. */
	call.out_ptr = (uintptr_t)&value;
	call.out_size = sizeof(value);
	call.handle = 1;
	ASSERT_EQ(0, ioctl(pmp_server_fd(srv), PMP_IOC_CALL, &call));
	ASSERT_EQ(7, value);
	call.status = 0;
	call.out_size = sizeof(value);
	call.method = COUNTER_ADD_COUNTER;
	call.in_ptr = (uintptr_t)&first;
	call.in_size = sizeof(first);
	call.in_handles = (uintptr_t)&forged;
	call.in_nhandles = 1;
	ASSERT_EQ(-1, ioctl(pmp_server_fd(srv), PMP_IOC_CALL, &call));
	ASSERT_EQ(ENOENT, errno);
	ASSERT_HR(MF_E_NOT_FOUND, pmp_hresult_from_errno(-ENOENT));

	/* Nothing reached any counter. */
	ASSERT_EQ(0, native_counter_call(a, COUNTER_GET, 0, NULL, 0, &value));
	ASSERT_EQ(7, value);
	ASSERT_EQ(0, native_counter_call(b, COUNTER_GET, 0, NULL, 0, &value));
	ASSERT_EQ(4, value);
	ASSERT_EQ(0, native_counter_call(foreign, COUNTER_GET, 0, NULL, 0,
					 &value));
	ASSERT_EQ(100, value);
	pmp_obj_release(foreign);
	pmp_obj_release(b);
	pmp_obj_release(a);
	pmp_server_unref(other);
	pmp_server_unref(srv);
}

TEST_F(host, unlock_beyond_the_locks_taken_is_mf_e_invalidrequest)
{
	IPmpTestCounter *counter = NULL;
	IMFPMPServer *again = NULL;

	ASSERT_HR(S_OK, new_counter(self->server, &counter));
	ASSERT_HR(MF_E_INVALIDREQUEST,
		  IMFPMPServer_UnlockProcess(self->server));
	ASSERT_HR(S_OK, IMFPMPServer_LockProcess(self->server));
	/* Every pointer to the host shares its count. */
	ASSERT_HR(S_OK, IMFPMPServer_QueryInterface(
				self->server, &IID_IMFPMPServer,
				(void **)&again));
	ASSERT_HR(S_OK, IMFPMPServer_LockProcess(again));
	ASSERT_HR(S_OK, IMFPMPServer_UnlockProcess(self->server));
	ASSERT_HR(S_OK, IMFPMPServer_UnlockProcess(again));
	ASSERT_HR(MF_E_INVALIDREQUEST, IMFPMPServer_UnlockProcess(again));
	IMFPMPServer_Release(again);
	IPmpTestCounter_Release(counter);
}

TEST_F(host, killed_host_makes_every_call_mf_e_shutdown)
{
	IPmpTestCounter *counter = NULL;
	DWORD pid = 0;
	LONG value;

	ASSERT_HR(S_OK, new_counter(self->server, &counter));
	ASSERT_HR(S_OK, IPmpTestCounter_GetProcessId(counter, &pid));
	ASSERT_EQ(0, kill((pid_t)pid, SIGKILL));
	ASSERT_EQ(0, wait_gone((pid_t)pid, 5000));

	ASSERT_HR(MF_E_SHUTDOWN, IPmpTestCounter_Add(counter, 1, &value));
	ASSERT_HR(MF_E_SHUTDOWN, IMFPMPServer_LockProcess(self->server));
	ASSERT_CREATE_FAILS(MF_E_SHUTDOWN, self->server,
			    &CLSID_PmpTestCounter, &IID_IUnknown);
	/* Releasing what is left still works. */
	ASSERT_EQ(0u, IPmpTestCounter_Release(counter));
}

/* ---- lifetime: LockProcess across gaps ---- */

FIXTURE(lifetime) {
	long long linger_ms;
	IMFPMPServer *server;
	IPmpTestCounter *counter;
	DWORD pid;
};

FIXTURE_SETUP(lifetime)
{
	self->server = NULL;
	self->counter = NULL;
	self->linger_ms = -1;
	SKIP_UNLESS_INSTALLED();
	self->linger_ms = read_ll(LINGER_PARAM);
	ASSERT_LE(0, self->linger_ms);
	ASSERT_EQ(0, write_ll(LINGER_PARAM, TEST_LINGER_MS));

	ASSERT_HR(S_OK, MFCreatePMPServer(MFPMPSESSION_UNPROTECTED_PROCESS,
					  &self->server));
	ASSERT_HR(S_OK, new_counter(self->server, &self->counter));
	ASSERT_HR(S_OK, IPmpTestCounter_GetProcessId(self->counter,
						     &self->pid));
}

FIXTURE_TEARDOWN(lifetime)
{
	if (self->counter)
		IPmpTestCounter_Release(self->counter);
	if (self->server)
		IMFPMPServer_Release(self->server);
	if (self->linger_ms >= 0)
		EXPECT_EQ(0, write_ll(LINGER_PARAM, self->linger_ms));
}

TEST_F(lifetime, locked_host_survives_a_gap_without_objects)
{
	IPmpTestCounter *next = NULL;
	DWORD pid = 0;

	ASSERT_HR(S_OK, IMFPMPServer_LockProcess(self->server));
	ASSERT_EQ(0u, IPmpTestCounter_Release(self->counter));
	self->counter = NULL;
	sleep_ms(TEST_LINGER_MS / 4);
	ASSERT_HR(S_OK, new_counter(self->server, &next));
	ASSERT_HR(S_OK, IPmpTestCounter_GetProcessId(next, &pid));
	ASSERT_EQ(self->pid, pid);
	ASSERT_HR(S_OK, IMFPMPServer_UnlockProcess(self->server));
	self->counter = next;
}

TEST_F(lifetime, unlocked_host_exits_with_its_last_object)
{
	IPmpTestCounter *next = NULL;

	ASSERT_EQ(0u, IPmpTestCounter_Release(self->counter));
	self->counter = NULL;
	ASSERT_EQ(0, wait_gone(self->pid, 5000))
		TH_LOG("the host outlived its last object without a lock");
	ASSERT_HR(MF_E_SHUTDOWN, new_counter(self->server, &next));
	ASSERT_EQ(NULL, next);
}

TEST_F(lifetime, host_exits_after_the_gap_when_unlocked)
{
	ASSERT_HR(S_OK, IMFPMPServer_LockProcess(self->server));
	ASSERT_EQ(0u, IPmpTestCounter_Release(self->counter));
	self->counter = NULL;
	sleep_ms(TEST_LINGER_MS / 4);
	ASSERT_EQ(-1, wait_gone(self->pid, 0)) TH_LOG("exited while locked");
	ASSERT_HR(S_OK, IMFPMPServer_UnlockProcess(self->server));
	ASSERT_EQ(0, wait_gone(self->pid, 5000))
		TH_LOG("the host did not exit when unlocked");
}

TEST_F(lifetime, locked_host_exits_when_linger_ms_passes)
{
	ASSERT_HR(S_OK, IMFPMPServer_LockProcess(self->server));
	ASSERT_EQ(0u, IPmpTestCounter_Release(self->counter));
	self->counter = NULL;
	ASSERT_EQ(0, wait_gone(self->pid, TEST_LINGER_MS * 10))
		TH_LOG("the host lingered past linger_ms");
	ASSERT_HR(MF_E_SHUTDOWN, IMFPMPServer_UnlockProcess(self->server));
}

/* ---- a client that gives up: the host's reply is discarded ---- */

#define TIMEOUT_PARAM "/sys/module/pmp/parameters/default_timeout_ms"
#define SYSFS_DISCARDED "/sys/class/misc/pmp/replies_discarded"
/* Large enough for AES-128-CTR to outlast CANCEL_TIMEOUT_MS. */
#define CANCEL_BYTES (64u << 20)
#define CANCEL_TIMEOUT_MS 5

static int count_fds(pid_t pid)
{
	char path[64];
	struct dirent *d;
	int n = 0;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((d = readdir(dir)))
		n += d->d_name[0] != '.';
	closedir(dir);
	return n;
}

/* What the host holds open, for a failure's log. */
static void log_fds(struct __test_metadata *_metadata, pid_t pid)
{
	char path[64 + NAME_MAX], link[PATH_MAX];
	struct dirent *d;
	ssize_t n;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	dir = opendir(path);
	if (!dir)
		return;
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fd/%s", pid, d->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		link[n < 0 ? 0 : n] = '\0';
		TH_LOG("host fd %s -> %s", d->d_name, link);
	}
	closedir(dir);
}

FIXTURE(cancel) {
	long long timeout_ms;
	IMFPMPServer *server;
	IPmpClearKeyDecryptor *dec;
	DWORD pid;
};

FIXTURE_SETUP(cancel)
{
	static const BYTE kid[16] = { 1 }, key[16] = { 2 };
	IPmpTestCounter *counter = NULL;

	self->timeout_ms = -1;
	SKIP_UNLESS_INSTALLED();
	self->timeout_ms = read_ll(TIMEOUT_PARAM);
	ASSERT_LE(0, self->timeout_ms);
	/* Unprotected: its descriptors can be counted from here. */
	ASSERT_HR(S_OK, MFCreatePMPServer(MFPMPSESSION_UNPROTECTED_PROCESS,
					  &self->server));
	ASSERT_HR(S_OK, IMFPMPServer_CreateObjectByCLSID(
				self->server, &CLSID_PmpClearKeyDecryptor,
				&IID_IPmpClearKeyDecryptor,
				(void **)&self->dec));
	ASSERT_HR(S_OK, IPmpClearKeyDecryptor_SetKey(self->dec, kid, key));
	ASSERT_HR(S_OK, new_counter(self->server, &counter));
	ASSERT_HR(S_OK, IPmpTestCounter_GetProcessId(counter, &self->pid));
	IPmpTestCounter_Release(counter);
}

FIXTURE_TEARDOWN(cancel)
{
	if (self->timeout_ms >= 0)
		EXPECT_EQ(0, write_ll(TIMEOUT_PARAM, self->timeout_ms));
	if (self->dec)
		IPmpClearKeyDecryptor_Release(self->dec);
	if (self->server)
		IMFPMPServer_Release(self->server);
}

/*
 * One decryption whose client gives up after @timeout_ms: HRESULT of the
 * call.  Returns, through @discarded, whether the host's reply was then
 * discarded within 10 s (it was delivered and answered), or not (the call
 * timed out while still queued: the host never saw it).
 */
static HRESULT decrypt_giving_up(struct __test_metadata *_metadata,
				 FIXTURE_DATA(cancel) *self, int in_fd,
				 long long timeout_ms, bool *discarded)
{
	static const BYTE kid[16] = { 1 }, iv[16] = { 3 };
	long long before = read_ll(SYSFS_DISCARDED);
	int out_fd = -2, i;
	HRESULT hr;

	ASSERT_EQ(0, write_ll(TIMEOUT_PARAM, timeout_ms));
	hr = IPmpClearKeyDecryptor_Decrypt(self->dec, kid, iv, in_fd,
					   CANCEL_BYTES, &out_fd);
	ASSERT_EQ(0, write_ll(TIMEOUT_PARAM, self->timeout_ms));
	if (hr == S_OK) {
		close(out_fd);
		return hr;
	}
	ASSERT_EQ(-1, out_fd);
	for (i = 0; i < 500 && read_ll(SYSFS_DISCARDED) == before; i++)
		sleep_ms(20);
	*discarded = read_ll(SYSFS_DISCARDED) == before + 1;
	return hr;
}

TEST_F_TIMEOUT(cancel, reply_to_a_timed_out_call_gives_back_its_descriptor, 180)
{
	static const BYTE kid[16] = { 1 }, iv[16] = { 3 };
	long long timeout_ms = CANCEL_TIMEOUT_MS;
	bool discarded = false;
	int in_fd, fds, i;
	HRESULT hr;

	in_fd = memfd_create("pmp-test", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	ASSERT_LE(0, in_fd);
	ASSERT_EQ(0, ftruncate(in_fd, CANCEL_BYTES));
	ASSERT_EQ(0, fcntl(in_fd, F_ADD_SEALS,
			   F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE));
	fds = count_fds(self->pid);
	ASSERT_LT(0, fds);

	/*
	 * On a loaded emulator a call may time out before the host even
	 * received it; that proves nothing here, so try again with a longer
	 * timeout (still far shorter than the decryption under emulation).
	 */
	for (i = 0; i < 3; i++, timeout_ms *= 20) {
		hr = decrypt_giving_up(_metadata, self, in_fd, timeout_ms,
				       &discarded);
		if (hr == S_OK) {
			close(in_fd);
			SKIP(return, "the decryption beat a %lld ms timeout",
			     timeout_ms);
		}
		ASSERT_HR(HRESULT_FROM_WIN32(ERROR_TIMEOUT), hr);
		if (discarded)
			break;
	}
	close(in_fd);
	/* The host finished, its reply was discarded, it keeps serving. */
	ASSERT_TRUE(discarded)
		TH_LOG("no reply was discarded: every call timed out queued");
	ASSERT_HR(S_OK, IPmpClearKeyDecryptor_SetKey(self->dec, kid, iv));
	/*
	 * Neither the output memfd nor the input stays open in the host.  An
	 * earlier try that looked queued may still be decrypting on another
	 * serving thread (the host adds threads as calls wait, and under
	 * emulation with a debug kernel 64 MiB outlasts the 10 s above): its
	 * reply is discarded in turn, so wait for it, bounded well beyond the
	 * slowest decryption seen.  A leak keeps the count up for good.
	 */
	for (i = 0; i < 3000 && count_fds(self->pid) != fds; i++)
		sleep_ms(20);
	if (count_fds(self->pid) != fds)
		log_fds(_metadata, self->pid);
	ASSERT_EQ(fds, count_fds(self->pid));
}

/* ---- the protected host's ownership checks ---- */

FIXTURE(writable) {
	mode_t mode;
	bool changed;
};

FIXTURE_SETUP(writable)
{
	struct stat st;

	self->changed = false;
	SKIP_UNLESS_INSTALLED();
	ASSERT_EQ(0, stat(counter_so, &st));
	self->mode = st.st_mode & 07777;
	ASSERT_EQ(0, chmod(counter_so, self->mode | S_IWOTH));
	self->changed = true;
}

FIXTURE_TEARDOWN(writable)
{
	if (self->changed)
		EXPECT_EQ(0, chmod(counter_so, self->mode));
}

TEST_F(writable, protected_host_refuses_a_world_writable_component)
{
	IMFPMPServer *server = NULL;

	ASSERT_HR(S_OK, MFCreatePMPServer(0, &server));
	ASSERT_CREATE_FAILS(MF_E_PE_UNTRUSTED, server, &CLSID_PmpTestCounter,
			    &IID_IPmpTestCounter);
	IMFPMPServer_Release(server);
}

TEST_F(writable, unprotected_host_checks_only_the_digest)
{
	IMFPMPServer *server = NULL;
	IPmpTestCounter *counter = NULL;

	ASSERT_HR(S_OK, MFCreatePMPServer(MFPMPSESSION_UNPROTECTED_PROCESS,
					  &server));
	ASSERT_HR(S_OK, new_counter(server, &counter));
	IPmpTestCounter_Release(counter);
	IMFPMPServer_Release(server);
}

TEST_HARNESS_MAIN
