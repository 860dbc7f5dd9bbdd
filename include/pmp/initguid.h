/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * initguid.h - make DEFINE_GUID define its GUIDs in this translation unit
 *
 * Include it before any header that declares GUIDs, in at most one source
 * file of a program.  Not needed with libpmp, which exports them.
 */

#ifndef INITGUID
#define INITGUID
#endif

#include "guiddef.h"
