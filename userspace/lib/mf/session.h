/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * session.h - the client half of a PMP media session: what session.c,
 * clock.c and com/server.c share (not installed)
 */

#ifndef PMP_LIB_MF_SESSION_H
#define PMP_LIB_MF_SESSION_H

#include <stdbool.h>

#include "pmp/mfidl.h"
#include "pmp/pmpmedia.h"

/*
 * session.c: the most bytes of a sample by value that the calls carry
 * (PushSampleBytes, ReadOutputBytes): PMP_SESSION_INLINE_MAX, less when
 * the module's max_payload leaves less room beside a call's other
 * arguments; 0 when it leaves none.  Read from sysfs once.
 */
DWORD pmp_session_inline_room(void);

/* com/server.c: the checks MFCreatePMPMediaSession shares with it. */
bool pmp_server_flags_valid(DWORD flags);
bool pmp_server_is_own(IMFPMPServer *server);

/*
 * clock.c: the presentation clock of a session, which reads the clock of
 * the session's host half (@host, referenced) and drives nothing itself.
 * pmp_clock_shutdown() makes every method fail with MF_E_SHUTDOWN after
 * its argument checks; the session calls it when it shuts down.
 */
HRESULT pmp_clock_create(IPmpMediaSessionHost *host,
			 IMFPresentationClock **out);
void pmp_clock_shutdown(IMFPresentationClock *clock);

/*
 * session_sources.c: the client streams of one topology.  prepare() makes
 * @copy, the topology the host gets, and the feeds of its client streams
 * (NULL when it has none); start() starts the application's sources for
 * a new @segment at @from (nothing for a resume: the same segment);
 * stop() stops them; destroy() ends the pumps and lets the sources go.
 */
struct pmp_client_sources;

HRESULT pmp_client_sources_prepare(IPmpMediaSessionHost *host,
				  IMFTopology *topology, IMFTopology **copy,
				  struct pmp_client_sources **out);
HRESULT pmp_client_sources_start(struct pmp_client_sources *f, DWORD segment,
				LONGLONG from);
void pmp_client_sources_stop(struct pmp_client_sources *f);
void pmp_client_sources_destroy(struct pmp_client_sources *f);

#endif /* PMP_LIB_MF_SESSION_H */
