/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * com.h - libpmp's COM layer: internal declarations shared by its files
 */

#ifndef PMP_LIB_COM_H
#define PMP_LIB_COM_H

#include <stdint.h>

#include "pmp/pmp.h"
#include "pmp/objbase.h"

#include "../export.h"

/* GUID and pmp_guid are one layout; the library converts by pointer. */
_Static_assert(sizeof(GUID) == 16 && sizeof(pmp_guid) == 16,
	       "GUID is 16 bytes");
_Static_assert(__builtin_offsetof(GUID, Data4) ==
		       __builtin_offsetof(pmp_guid, data4),
	       "GUID and pmp_guid share a layout");

static inline const pmp_guid *pmp_guid_of(const GUID *guid)
{
	return (const pmp_guid *)guid;
}

/* HRESULTs of the marshaling layer itself. */
#define PMP_E_BAD_STUB_DATA HRESULT_FROM_WIN32(RPC_X_BAD_STUB_DATA)
#define PMP_E_BAD_METHOD HRESULT_FROM_WIN32(RPC_S_PROCNUM_OUT_OF_RANGE)

#endif /* PMP_LIB_COM_H */
