// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * guids.c - the GUIDs a component uses, defined inside it (hidden)
 *
 * A component does not link libpmp: it may be loaded by a host or, in
 * process, by any client.
 */

#include "initguid.h"
#include "objbase.h"
#include "pmpmedia.h"
#include "pmpsamples.h"
