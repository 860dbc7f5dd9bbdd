/* SPDX-License-Identifier: GPL-2.0 */
/*
 * com_abi.h - the ABI facts of the .idl files, as the generated X-macros
 * (../idl/build/X_abi.h) give them: every interface with its number of
 * vtable slots, every method with its slot, every GUID with its value
 *
 * PMP_ABI_ALL(KIND, X) expands X for the KIND (INTERFACES, METHODS,
 * OWN_METHODS, GUIDS) of every .idl file.
 */

#ifndef PMP_COM_ABI_H
#define PMP_COM_ABI_H

#include "unknwn_abi.h"
#include "mfidl_abi.h"
#include "pmpsamples_abi.h"

#define PMP_ABI_ALL(KIND, X)                                                   \
	PMP_ABI_UNKNWN_##KIND(X) PMP_ABI_MFIDL_##KIND(X)                       \
		PMP_ABI_PMPSAMPLES_##KIND(X)

#endif /* PMP_COM_ABI_H */
