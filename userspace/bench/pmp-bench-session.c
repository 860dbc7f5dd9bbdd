// SPDX-License-Identifier: MIT
/*
 * pmp-bench-session - creating a Media Session that joins a running PMP
 * process, as a ratio to creating the first one
 *
 *   first:  MFCreatePMPMediaSession(0, NULL): spawns a protected pmphost,
 *           which hardens itself and registers, then the session's host
 *           half is created in it
 *   join:   MFCreatePMPMediaSession(0, config) with MF_SESSION_SERVER_CONTEXT
 *           set to the first session's IMFPMPServer: only the host half is
 *           created, in the running process
 *
 * Each round creates one first session and JOINS joining ones, times both,
 * then shuts them all down (untimed).  Needs the installed tree (a protected
 * host runs only the installed pmphost); run by bench.sh after pmp-bench.
 */
#define COBJMACROS
#include <stdio.h>
#include <stdlib.h>

#include <mfapi.h>
#include <mfidl.h>

#include "report.h"

#define JOINS 20

static void check(HRESULT hr, const char *what)
{
	if (FAILED(hr)) {
		fprintf(stderr, "pmp-bench-session: %s: 0x%08x\n", what,
			(unsigned int)hr);
		exit(1);
	}
}

static void end_session(IMFMediaSession *session)
{
	IMFMediaSession_Shutdown(session);
	IMFMediaSession_Release(session);
}

/* One round: the first session's time, and a joining session's. */
static void round_once(double *first, double *join)
{
	IMFMediaSession *s1, *s[JOINS];
	IMFAttributes *config;
	IMFPMPServer *server;
	double t0;
	int i;

	t0 = now();
	check(MFCreatePMPMediaSession(0, NULL, &s1, NULL), "first session");
	*first = now() - t0;

	check(MFGetService((IUnknown *)s1, &MF_PMP_SERVER_CONTEXT,
			   &IID_IMFPMPServer, (void **)&server),
	      "MF_PMP_SERVER_CONTEXT");
	check(MFCreateAttributes(&config, 1), "MFCreateAttributes");
	check(IMFAttributes_SetUnknown(config, &MF_SESSION_SERVER_CONTEXT,
				       (IUnknown *)server),
	      "MF_SESSION_SERVER_CONTEXT");
	t0 = now();
	for (i = 0; i < JOINS; i++)
		check(MFCreatePMPMediaSession(0, config, &s[i], NULL),
		      "joining session");
	*join = (now() - t0) / JOINS;

	for (i = 0; i < JOINS; i++)
		end_session(s[i]);
	end_session(s1);
	IMFAttributes_Release(config);
	IMFPMPServer_Release(server);
}

int main(int argc, char **argv)
{
	double v[ROUNDS], b[ROUNDS], q[ROUNDS];
	struct figure f;
	int r;

	report_open(argc > 1 ? argv[1] : NULL, "a");
	check(MFStartup(MF_VERSION, MFSTARTUP_FULL), "MFStartup");
	for (r = 0; r < ROUNDS; r++) {
		round_once(&b[r], &v[r]);
		q[r] = v[r] / b[r];
	}
	f.value = median(v, ROUNDS);
	f.base = median(b, ROUNDS);
	f.ratio = median(q, ROUNDS);
	line("\n");
	/* >= 20x faster: a ratio of at most 1/20. */
	rows("media session in a new host (baseline)",
	     "media session joining a running host", f, 1e3, "ms", 0.05);
	MFShutdown();
	report_close();
	return 0;
}
