// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * uuid.c - the definitions of every GUID pmp's COM headers declare
 *
 * Exported, as Windows' mfuuid.lib provides them, so that programs need
 * not define INITGUID.
 */

#pragma GCC visibility push(default)
#define INITGUID
#include "pmp/unknwn.h"
#include "pmp/mfidl.h"
#include "pmp/pmpsamples.h"
#pragma GCC visibility pop
