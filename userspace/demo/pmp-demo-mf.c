// SPDX-License-Identifier: MIT
/*
 * pmp-demo-mf - IMFPMPServer end to end, as a Media Foundation client sees it
 *
 * Starts a protected PMP process with MFCreatePMPServer(0), creates two
 * objects in it (a counter and a ClearKey decryptor) with
 * CreateObjectByCLSID, calls them through their proxies (the decryptor gets
 * its ciphertext and returns its plaintext in sealed memfds), shows the
 * host's sandbox, keeps the process alive across a gap with LockProcess,
 * and lets it exit with UnlockProcess.  `pmpctl hosts` shows the kernel's
 * view between the steps.
 */
#define _GNU_SOURCE
#define COBJMACROS
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <windows.h>
#include <mfidl.h>
#include <mferror.h>
#include <pmpsamples.h>

#define CHECK(what, call)                                                      \
	do {                                                                   \
		HRESULT hr_ = (call);                                          \
		printf("  %-52s 0x%08x\n", what, (unsigned int)hr_);           \
		if (FAILED(hr_))                                               \
			exit(1);                                               \
	} while (0)

static void step(const char *text)
{
	printf("\n%s\n", text);
	fflush(stdout);
}

static void pmpctl_hosts(void)
{
	fflush(stdout);
	if (system("pmpctl hosts | sed 's/^/    /'"))
		printf("    (pmpctl failed)\n");
}

static void show_sandbox(DWORD pid)
{
	static const char *const keys[] = {
		"NoNewPrivs:", "Seccomp:", "CapInh:", "CapPrm:", "CapEff:",
		"CapBnd:", "CapAmb:",
	};
	char path[64], line[256];
	FILE *f;
	size_t i;

	snprintf(path, sizeof(path), "/proc/%u/status", (unsigned int)pid);
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (!strncmp(line, keys[i], strlen(keys[i])))
				printf("    %s", line);
	fclose(f);
}

/* A sealed memfd holding @len bytes. */
static int sealed_memfd(const void *data, size_t len)
{
	int fd = memfd_create("pmp-demo", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0 || write(fd, data, len) != (ssize_t)len ||
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE))
		exit(1);
	return fd;
}

/* What a packager would do: AES-128-CTR, here with OpenSSL. */
static void encrypt(const BYTE key[16], const BYTE iv[16],
		    const unsigned char *in, unsigned char *out, int len)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n;

	if (!ctx || !EVP_EncryptInit_ex(ctx, EVP_aes_128_ctr(), NULL, key, iv) ||
	    !EVP_EncryptUpdate(ctx, out, &n, in, len))
		exit(1);
	EVP_CIPHER_CTX_free(ctx);
}

int main(void)
{
	static const BYTE kid[16] = "demo-key-id-0001";
	static const BYTE key[16] = "0123456789abcdef";
	static const BYTE iv[16] = "initial-vector-0";
	static const char clear[] = "a protected media sample, decrypted "
				    "inside the PMP process";
	IMFPMPServer *server = NULL;
	IPmpTestCounter *counter = NULL, *again = NULL;
	IPmpClearKeyDecryptor *decryptor = NULL;
	IUnknown *unk1 = NULL, *unk2 = NULL;
	unsigned char cipher[sizeof(clear)];
	char label[PMP_TEST_COUNTER_LABEL_MAX + 1], plain[sizeof(clear)];
	int in_fd, out_fd = -1;
	DWORD pid = 0;
	LONG value;
	HRESULT hr;

	setvbuf(stdout, NULL, _IOLBF, 0);
	step("1. MFCreatePMPServer(0): a protected PMP process (pmphost)");
	CHECK("MFCreatePMPServer(0, &server)", MFCreatePMPServer(0, &server));

	step("2. CreateObjectByCLSID: a counter, made inside the PMP process");
	CHECK("CreateObjectByCLSID(CLSID_PmpTestCounter)",
	      IMFPMPServer_CreateObjectByCLSID(server, &CLSID_PmpTestCounter,
					       &IID_IPmpTestCounter,
					       (void **)&counter));
	CHECK("IPmpTestCounter::SetLabel(\"demo\")",
	      IPmpTestCounter_SetLabel(counter, "demo"));
	CHECK("IPmpTestCounter::Add(40)",
	      IPmpTestCounter_Add(counter, 40, &value));
	CHECK("IPmpTestCounter::Add(2)",
	      IPmpTestCounter_Add(counter, 2, &value));
	CHECK("IPmpTestCounter::GetLabel",
	      IPmpTestCounter_GetLabel(counter, label, sizeof(label)));
	CHECK("IPmpTestCounter::GetProcessId",
	      IPmpTestCounter_GetProcessId(counter, &pid));
	printf("  the counter \"%s\" holds %ld and lives in process %u; this "
	       "client is %d\n", label, (long)value, (unsigned int)pid,
	       getpid());
	hr = IPmpTestCounter_Fail(counter, MF_E_INVALIDREQUEST);
	printf("  IPmpTestCounter::Fail(MF_E_INVALIDREQUEST) returned "
	       "0x%08x: HRESULTs cross intact\n", (unsigned int)hr);

	step("3. COM identity across the process boundary");
	CHECK("QueryInterface(IID_IUnknown)",
	      IPmpTestCounter_QueryInterface(counter, &IID_IUnknown,
					     (void **)&unk1));
	CHECK("QueryInterface(IID_IPmpTestCounter) on it",
	      IUnknown_QueryInterface(unk1, &IID_IPmpTestCounter,
				      (void **)&again));
	CHECK("QueryInterface(IID_IUnknown) again",
	      IPmpTestCounter_QueryInterface(again, &IID_IUnknown,
					     (void **)&unk2));
	printf("  IUnknown %p and %p: %s\n", (void *)unk1, (void *)unk2,
	       unk1 == unk2 ? "one object" : "TWO OBJECTS (wrong)");

	step("4. A ClearKey decryptor: ciphertext in, plaintext out, in sealed "
	     "memfds");
	encrypt(key, iv, (const unsigned char *)clear, cipher, sizeof(clear));
	in_fd = sealed_memfd(cipher, sizeof(cipher));
	CHECK("CreateObjectByCLSID(CLSID_PmpClearKeyDecryptor)",
	      IMFPMPServer_CreateObjectByCLSID(server,
					       &CLSID_PmpClearKeyDecryptor,
					       &IID_IPmpClearKeyDecryptor,
					       (void **)&decryptor));
	CHECK("IPmpClearKeyDecryptor::SetKey",
	      IPmpClearKeyDecryptor_SetKey(decryptor, kid, key));
	CHECK("IPmpClearKeyDecryptor::Decrypt",
	      IPmpClearKeyDecryptor_Decrypt(decryptor, kid, iv, in_fd,
					    sizeof(cipher), &out_fd));
	if (pread(out_fd, plain, sizeof(plain), 0) != sizeof(plain))
		return 1;
	printf("  plaintext from memfd %d: \"%s\"\n", out_fd, plain);
	printf("  (its seals: 0x%x)\n", fcntl(out_fd, F_GET_SEALS));
	close(in_fd);
	close(out_fd);

	step("5. The PMP process's sandbox, from /proc (set up by pmphost, "
	     "checked by pmp.ko)");
	show_sandbox(pid);
	pmpctl_hosts();

	step("6. LockProcess, release every object: the process lingers");
	hr = IMFPMPServer_UnlockProcess(server);
	printf("  UnlockProcess with no lock held: 0x%08x "
	       "(MF_E_INVALIDREQUEST)\n", (unsigned int)hr);
	CHECK("IMFPMPServer::LockProcess", IMFPMPServer_LockProcess(server));
	IUnknown_Release(unk2);
	IUnknown_Release(unk1);
	IPmpTestCounter_Release(again);
	IPmpTestCounter_Release(counter);
	IPmpClearKeyDecryptor_Release(decryptor);
	usleep(200000);
	pmpctl_hosts();

	step("7. UnlockProcess: nothing keeps it, the kernel tells it to exit");
	CHECK("IMFPMPServer::UnlockProcess", IMFPMPServer_UnlockProcess(server));
	usleep(500000);
	hr = IMFPMPServer_CreateObjectByCLSID(server, &CLSID_PmpTestCounter,
					      &IID_IPmpTestCounter,
					      (void **)&counter);
	printf("  CreateObjectByCLSID now: 0x%08x (MF_E_SHUTDOWN), object "
	       "%p\n", (unsigned int)hr, (void *)counter);
	pmpctl_hosts();
	IMFPMPServer_Release(server);
	return hr == MF_E_SHUTDOWN ? 0 : 1;
}
