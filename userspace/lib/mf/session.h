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

#endif /* PMP_LIB_MF_SESSION_H */
