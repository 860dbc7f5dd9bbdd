// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * uuid.c - the definitions of every GUID libpmp's own headers declare
 *
 * Exported, as Windows' mfuuid.lib provides them, so that programs need
 * not define INITGUID.  The definitions are weak (<guiddef.h>): a program
 * that defines INITGUID in one of its files links against libpmp.a too.
 * The samples' GUIDs (<pmpsamples.h>) are libpmp-samples'.
 */

#pragma GCC visibility push(default)
#define INITGUID
#include "pmp/objbase.h"
#include "pmp/unknwn.h"
#include "pmp/mfobjects.h"
#include "pmp/mfidl.h"
#include "pmp/mfapi.h"
#include "pmp/pmpmedia.h"
#pragma GCC visibility pop
