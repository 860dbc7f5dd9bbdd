// SPDX-License-Identifier: MIT
/*
 * pmp-mfclient.c - a Media Foundation style client of a PMP process
 *
 * Written as a Windows program using IMFPMPServer would be: COBJMACROS,
 * MFCreatePMPServer, CreateObjectByCLSID, typed calls, LockProcess and
 * UnlockProcess, Release.  Only the COM API is used.
 *
 *	pmp-mfclient [--unprotected | --in-process]
 *
 * Creates a counter (CLSID_PmpTestCounter) in a protected PMP process (by
 * default), calls it, and releases everything.  Exits 0 on success.
 */

#define COBJMACROS
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <windows.h>
#include <mfidl.h>
#include <mferror.h>
#include <pmpsamples.h>

#define SAFE_RELEASE(p)                                                        \
	do {                                                                   \
		if (p) {                                                       \
			IUnknown_Release((IUnknown *)(p));                     \
			(p) = NULL;                                            \
		}                                                              \
	} while (0)

static const char *mode_name(DWORD flags)
{
	if (flags & MFPMPSESSION_IN_PROCESS)
		return "in-process";
	if (flags & MFPMPSESSION_UNPROTECTED_PROCESS)
		return "unprotected";
	return "protected";
}

int main(int argc, char **argv)
{
	IMFPMPServer *pServer = NULL;
	IPmpTestCounter *pCounter = NULL;
	DWORD flags = 0, pid = 0;
	BOOL locked = FALSE;
	char label[PMP_TEST_COUNTER_LABEL_MAX + 1];
	LONG value = 0;
	HRESULT hr;

	if (argc > 1 && !strcmp(argv[1], "--unprotected"))
		flags = MFPMPSESSION_UNPROTECTED_PROCESS;
	else if (argc > 1 && !strcmp(argv[1], "--in-process"))
		flags = MFPMPSESSION_IN_PROCESS;
	else if (argc > 1) {
		fprintf(stderr, "usage: %s [--unprotected | --in-process]\n",
			argv[0]);
		return 2;
	}

	hr = MFCreatePMPServer(flags, &pServer);
	if (FAILED(hr)) {
		fprintf(stderr, "MFCreatePMPServer: 0x%08x\n",
			(unsigned int)hr);
		goto done;
	}

	/* Keep the PMP process while no object lives in it. */
	hr = IMFPMPServer_LockProcess(pServer);
	if (FAILED(hr))
		goto done;
	locked = TRUE;

	hr = IMFPMPServer_CreateObjectByCLSID(pServer, &CLSID_PmpTestCounter,
					      &IID_IPmpTestCounter,
					      (void **)&pCounter);
	if (FAILED(hr)) {
		fprintf(stderr, "CreateObjectByCLSID: 0x%08x\n",
			(unsigned int)hr);
		goto done;
	}

	hr = IPmpTestCounter_SetLabel(pCounter, "pmp-mfclient");
	if (SUCCEEDED(hr))
		hr = IPmpTestCounter_Add(pCounter, 40, &value);
	if (SUCCEEDED(hr))
		hr = IPmpTestCounter_Add(pCounter, 2, &value);
	if (SUCCEEDED(hr))
		hr = IPmpTestCounter_GetLabel(pCounter, label, sizeof(label));
	if (SUCCEEDED(hr))
		hr = IPmpTestCounter_GetProcessId(pCounter, &pid);
	if (FAILED(hr)) {
		fprintf(stderr, "IPmpTestCounter: 0x%08x\n", (unsigned int)hr);
		goto done;
	}
	printf("%s PMP process %u (this process is %d): counter \"%s\" = %d\n",
	       mode_name(flags), (unsigned int)pid, (int)getpid(), label,
	       (int)value);

done:
	SAFE_RELEASE(pCounter);
	if (locked)
		IMFPMPServer_UnlockProcess(pServer);
	SAFE_RELEASE(pServer);
	return SUCCEEDED(hr) && value == 42 ? 0 : 1;
}
