// SPDX-License-Identifier: GPL-2.0
/*
 * com_cxx_view.c - com_cxx_test: the C view of the COM headers against
 * the C++ view (com_cxx_test.cpp): one vtable layout, objects of either
 * language callable from the other
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <stddef.h>

#include "com_helpers.h"
#include "com_cxx.h"

__attribute__((constructor)) static void registry_in_build_tree(void)
{
	default_registry_dir();
}

TEST(cxx_vtables_have_the_c_slots)
{
	ASSERT_EQ((long)offsetof(IMFPMPServerVtbl, QueryInterface),
		  cxx_vtable_offset(CXX_QUERY_INTERFACE));
	ASSERT_EQ((long)offsetof(IMFPMPServerVtbl, AddRef),
		  cxx_vtable_offset(CXX_ADD_REF));
	ASSERT_EQ((long)offsetof(IMFPMPServerVtbl, Release),
		  cxx_vtable_offset(CXX_RELEASE));
	ASSERT_EQ((long)offsetof(IMFPMPServerVtbl, LockProcess),
		  cxx_vtable_offset(CXX_LOCK_PROCESS));
	ASSERT_EQ((long)offsetof(IMFPMPServerVtbl, UnlockProcess),
		  cxx_vtable_offset(CXX_UNLOCK_PROCESS));
	ASSERT_EQ((long)offsetof(IMFPMPServerVtbl, CreateObjectByCLSID),
		  cxx_vtable_offset(CXX_CREATE_OBJECT_BY_CLSID));
	ASSERT_EQ((long)offsetof(IClassFactoryVtbl, CreateInstance),
		  cxx_vtable_offset(CXX_CREATE_INSTANCE));
	ASSERT_EQ((long)offsetof(IClassFactoryVtbl, LockServer),
		  cxx_vtable_offset(CXX_LOCK_SERVER));
	ASSERT_EQ((long)offsetof(IMFGetServiceVtbl, GetService),
		  cxx_vtable_offset(CXX_GET_SERVICE));
	ASSERT_EQ((long)offsetof(IPmpTestCounterVtbl, Add),
		  cxx_vtable_offset(CXX_COUNTER_ADD));
	ASSERT_EQ((long)offsetof(IPmpTestCounterVtbl, Clone),
		  cxx_vtable_offset(CXX_COUNTER_CLONE));
	ASSERT_EQ((long)offsetof(IPmpClearKeyDecryptorVtbl, Decrypt),
		  cxx_vtable_offset(CXX_DECRYPTOR_DECRYPT));
}

TEST(cxx_methods_are_at_their_idl_slots)
{
	unsigned int checked = 0;

	ASSERT_EQ(NULL, cxx_idl_slot_mismatch(&checked));
	ASSERT_LE(12u, checked);
}

TEST(cxx_interface_is_one_vtable_pointer_as_in_c)
{
	ASSERT_EQ(sizeof(IMFPMPServer), cxx_sizeof_interface());
}

TEST(cxx_uuidof_is_the_iid)
{
	ASSERT_TRUE(IsEqualIID(&IID_IMFPMPServer, cxx_uuidof_server()));
	ASSERT_TRUE(IsEqualIID(&IID_IPmpTestCounter, cxx_uuidof_counter()));
}

TEST(cxx_object_answers_every_slot_of_the_c_view)
{
	IMFPMPServer *server = cxx_new_recording_server();
	const struct cxx_record *rec = cxx_record_of(server);
	IUnknown *unk = NULL;
	void *obj = POISON;

	ASSERT_HR(S_OK, IMFPMPServer_QueryInterface(server, &IID_IUnknown,
						    (void **)&unk));
	ASSERT_EQ(CXX_ADD_REF, rec->method);
	ASSERT_EQ(2u, rec->calls);
	ASSERT_EQ((void *)server, unk);
	ASSERT_EQ(server, rec->self);

	ASSERT_EQ(3u, IMFPMPServer_AddRef(server));
	ASSERT_EQ(CXX_ADD_REF, rec->method);
	ASSERT_EQ(2u, IMFPMPServer_Release(server));
	ASSERT_EQ(CXX_RELEASE, rec->method);

	ASSERT_HR(S_OK, IMFPMPServer_LockProcess(server));
	ASSERT_EQ(CXX_LOCK_PROCESS, rec->method);
	ASSERT_HR(MF_E_INVALIDREQUEST, IMFPMPServer_UnlockProcess(server));
	ASSERT_EQ(CXX_UNLOCK_PROCESS, rec->method);

	/* REFCLSID and REFIID: C pointers, C++ references, one ABI. */
	ASSERT_HR(REGDB_E_CLASSNOTREG,
		  IMFPMPServer_CreateObjectByCLSID(server,
						   &CLSID_PmpTestCounter,
						   &IID_IPmpTestCounter, &obj));
	ASSERT_EQ(CXX_CREATE_OBJECT_BY_CLSID, rec->method);
	ASSERT_EQ((const void *)&CLSID_PmpTestCounter, rec->arg0);
	ASSERT_EQ((const void *)&IID_IPmpTestCounter, rec->arg2);
	ASSERT_EQ((const void *)&obj, rec->arg1);
	ASSERT_EQ(NULL, obj);

	ASSERT_EQ(1u, IUnknown_Release(unk));
	ASSERT_EQ(0u, IMFPMPServer_Release(server));
}

TEST(c_objects_work_through_the_cxx_view)
{
	ASSERT_EQ(0, cxx_use_in_process_server())
		TH_LOG("step %d failed", cxx_use_in_process_server());
}

TEST(media_session_works_through_the_cxx_view)
{
	int step = cxx_use_media_session();

	ASSERT_EQ(0, step) TH_LOG("step %d failed", step);
}

TEST(wide_string_literals_are_wchar_strings_in_cxx)
{
	int step = cxx_use_wide_strings();

	ASSERT_EQ(0, step)
		TH_LOG("step %d failed", step);
}

TEST_HARNESS_MAIN
