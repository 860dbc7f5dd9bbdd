// SPDX-License-Identifier: GPL-2.0
/*
 * guid_link_defs.c - the file of guid_link_test that defines INITGUID, as
 * Windows programs commonly do in one of their files: the GUIDs of
 * <unknwn.h> are defined here, and libpmp defines them too.
 */

#include <initguid.h>
#include <unknwn.h>

/* The address of IID_IUnknown as this file sees it. */
const GUID *guid_link_defs_iid_unknown(void)
{
	return &IID_IUnknown;
}
