/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * windows.h - the part of <windows.h> pmp's COM API provides: base types,
 * HRESULTs and the COM base
 */

#ifndef PMP_WINDOWS_H
#define PMP_WINDOWS_H

#include "windef.h"
#include "winerror.h"
#include "objbase.h"

#endif /* PMP_WINDOWS_H */
