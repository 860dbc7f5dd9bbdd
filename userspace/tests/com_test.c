// SPDX-License-Identifier: GPL-2.0
/*
 * com_test.c - the COM API without the kernel module: ABI, IUnknown rules,
 * MFCreatePMPServer's checks, the errno<->HRESULT table, and the whole API
 * in process (MFPMPSESSION_IN_PROCESS) with the build tree's registry
 *
 * PMP_REGISTRY_DIR defaults to ../components/registry next to this
 * program.
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <stddef.h>

#include "com_helpers.h"
#include "com_abi.h"

#define PTR sizeof(void *)

__attribute__((constructor)) static void registry_in_build_tree(void)
{
	default_registry_dir();
}

/* ---- ABI ---- */

TEST(vtable_slots_are_in_idl_order)
{
	ASSERT_EQ(0 * PTR, offsetof(IUnknownVtbl, QueryInterface));
	ASSERT_EQ(1 * PTR, offsetof(IUnknownVtbl, AddRef));
	ASSERT_EQ(2 * PTR, offsetof(IUnknownVtbl, Release));
	ASSERT_EQ(3 * PTR, sizeof(IUnknownVtbl));

	ASSERT_EQ(0 * PTR, offsetof(IClassFactoryVtbl, QueryInterface));
	ASSERT_EQ(1 * PTR, offsetof(IClassFactoryVtbl, AddRef));
	ASSERT_EQ(2 * PTR, offsetof(IClassFactoryVtbl, Release));
	ASSERT_EQ(3 * PTR, offsetof(IClassFactoryVtbl, CreateInstance));
	ASSERT_EQ(4 * PTR, offsetof(IClassFactoryVtbl, LockServer));
	ASSERT_EQ(5 * PTR, sizeof(IClassFactoryVtbl));

	/* Not the documentation's alphabetical order. */
	ASSERT_EQ(0 * PTR, offsetof(IMFPMPServerVtbl, QueryInterface));
	ASSERT_EQ(1 * PTR, offsetof(IMFPMPServerVtbl, AddRef));
	ASSERT_EQ(2 * PTR, offsetof(IMFPMPServerVtbl, Release));
	ASSERT_EQ(3 * PTR, offsetof(IMFPMPServerVtbl, LockProcess));
	ASSERT_EQ(4 * PTR, offsetof(IMFPMPServerVtbl, UnlockProcess));
	ASSERT_EQ(5 * PTR, offsetof(IMFPMPServerVtbl, CreateObjectByCLSID));
	ASSERT_EQ(6 * PTR, sizeof(IMFPMPServerVtbl));

	ASSERT_EQ(3 * PTR, offsetof(IMFGetServiceVtbl, GetService));
	ASSERT_EQ(4 * PTR, sizeof(IMFGetServiceVtbl));

	ASSERT_EQ(3 * PTR, offsetof(IPmpTestCounterVtbl, Add));
	ASSERT_EQ(9 * PTR, offsetof(IPmpTestCounterVtbl, Clone));
	ASSERT_EQ(10 * PTR, offsetof(IPmpTestCounterVtbl, AddCounter));
	ASSERT_EQ(11 * PTR, sizeof(IPmpTestCounterVtbl));
	ASSERT_EQ(3 * PTR, offsetof(IPmpClearKeyDecryptorVtbl, SetKey));
	ASSERT_EQ(4 * PTR, offsetof(IPmpClearKeyDecryptorVtbl, Decrypt));
}

/* The same facts for every interface, from the .idl files (com_abi.h). */

TEST(every_method_is_at_its_idl_vtable_slot)
{
	static const struct {
		const char *name;
		size_t offset;
		unsigned int slot;
	} slots[] = {
#define IDL_SLOT(i, m, s) { #i "::" #m, offsetof(i##Vtbl, m), s },
		PMP_ABI_ALL(METHODS, IDL_SLOT)
#undef IDL_SLOT
	};
	size_t i;

	ASSERT_LE(20u, sizeof(slots) / sizeof(slots[0]));
	for (i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
		const char *name = slots[i].name;

		EXPECT_EQ(slots[i].slot * PTR, slots[i].offset)
			TH_LOG("%s", name ? name : "?");
	}
}

TEST(every_interface_is_a_vtable_pointer_to_its_idl_slots)
{
	static const struct {
		const char *name;
		size_t vtbl, iface, vtbl_offset;
		unsigned int slots;
	} ifaces[] = {
#define IDL_IFACE(i, n)                                                        \
	{ #i, sizeof(i##Vtbl), sizeof(i), offsetof(i, lpVtbl), n },
		PMP_ABI_ALL(INTERFACES, IDL_IFACE)
#undef IDL_IFACE
	};
	size_t i;

	ASSERT_LE(6u, sizeof(ifaces) / sizeof(ifaces[0]));
	for (i = 0; i < sizeof(ifaces) / sizeof(ifaces[0]); i++) {
		EXPECT_EQ(ifaces[i].slots * PTR, ifaces[i].vtbl)
			TH_LOG("%s", ifaces[i].name);
		EXPECT_EQ(PTR, ifaces[i].iface) TH_LOG("%s", ifaces[i].name);
		EXPECT_EQ(0u, ifaces[i].vtbl_offset)
			TH_LOG("%s", ifaces[i].name);
	}
}

TEST(every_guid_has_its_idl_value)
{
	static const struct {
		const char *name;
		const GUID *guid;
		GUID want;
	} guids[] = {
#define IDL_GUID(g, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)                 \
	{ #g, &g, { l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } } },
		PMP_ABI_ALL(GUIDS, IDL_GUID)
#undef IDL_GUID
	};
	size_t i;

	ASSERT_LE(11u, sizeof(guids) / sizeof(guids[0]));
	for (i = 0; i < sizeof(guids) / sizeof(guids[0]); i++) {
		const char *name = guids[i].name;

		EXPECT_TRUE(IsEqualGUID(&guids[i].want, guids[i].guid))
			TH_LOG("%s", name ? name : "?");
	}
}

TEST(interfaces_are_one_vtable_pointer)
{
	ASSERT_EQ(PTR, sizeof(IUnknown));
	ASSERT_EQ(PTR, sizeof(IClassFactory));
	ASSERT_EQ(PTR, sizeof(IMFPMPServer));
	ASSERT_EQ(0u, offsetof(IMFPMPServer, lpVtbl));
}

TEST(base_types_have_windows_sizes)
{
	ASSERT_EQ(4u, sizeof(HRESULT));
	ASSERT_EQ(4u, sizeof(LONG));
	ASSERT_EQ(4u, sizeof(ULONG));
	ASSERT_EQ(4u, sizeof(DWORD));
	ASSERT_EQ(4u, sizeof(BOOL));
	ASSERT_EQ(2u, sizeof(WORD));
	ASSERT_EQ(1u, sizeof(BYTE));
	ASSERT_EQ(8u, sizeof(QWORD));
	ASSERT_EQ(2u, sizeof(WCHAR));
	ASSERT_EQ(PTR, sizeof(LPVOID));
	ASSERT_TRUE((HRESULT)0x80000000 < 0);
}

TEST(guid_has_microsoft_layout)
{
	static const BYTE bytes[16] = { 0xaf, 0x23, 0x4e, 0x99, 0xc2, 0x1c,
					0x3c, 0x49, 0xb9, 0xfa, 0x46, 0xf1,
					0xcb, 0x04, 0x0f, 0xa4 };

	ASSERT_EQ(16u, sizeof(GUID));
	ASSERT_EQ(0u, offsetof(GUID, Data1));
	ASSERT_EQ(4u, offsetof(GUID, Data2));
	ASSERT_EQ(6u, offsetof(GUID, Data3));
	ASSERT_EQ(8u, offsetof(GUID, Data4));
	/* {994E23AF-1CC2-493C-B9FA-46F1CB040FA4} in memory, little endian. */
	ASSERT_EQ(0, memcmp(&IID_IMFPMPServer, bytes, sizeof(bytes)));
	ASSERT_EQ(sizeof(GUID), sizeof(pmp_guid));
}

struct guid_case {
	const char *name;
	const GUID *guid;
	unsigned int d1;
	unsigned short d2, d3;
	BYTE d4[8];
};

TEST(guids_have_their_published_values)
{
	static const struct guid_case cases[] = {
		{ "IID_IUnknown", &IID_IUnknown, 0x00000000, 0x0000, 0x0000,
		  { 0xc0, 0, 0, 0, 0, 0, 0, 0x46 } },
		{ "IID_IClassFactory", &IID_IClassFactory, 0x00000001, 0x0000,
		  0x0000, { 0xc0, 0, 0, 0, 0, 0, 0, 0x46 } },
		{ "IID_IMFPMPServer", &IID_IMFPMPServer, 0x994e23af, 0x1cc2,
		  0x493c, { 0xb9, 0xfa, 0x46, 0xf1, 0xcb, 0x04, 0x0f, 0xa4 } },
		{ "IID_IMFGetService", &IID_IMFGetService, 0xfa993888, 0x4383,
		  0x415a, { 0xa9, 0x30, 0xdd, 0x47, 0x2a, 0x8c, 0xf6, 0xf7 } },
		{ "MF_PMP_SERVER_CONTEXT", &MF_PMP_SERVER_CONTEXT, 0x2f00c910,
		  0xd2cf, 0x4278,
		  { 0x8b, 0x6a, 0xd0, 0x77, 0xfa, 0xc3, 0xa2, 0x5f } },
		{ "MF_SESSION_SERVER_CONTEXT", &MF_SESSION_SERVER_CONTEXT,
		  0xafe5b291, 0x50fa, 0x46e8,
		  { 0xb9, 0xbe, 0x0c, 0x0c, 0x3c, 0xe4, 0xb3, 0xa5 } },
		{ "MF_PMP_SERVICE", &MF_PMP_SERVICE, 0x2f00c90c, 0xd2cf, 0x4278,
		  { 0x8b, 0x6a, 0xd0, 0x77, 0xfa, 0xc3, 0xa2, 0x5f } },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct guid_case *c = &cases[i];

		EXPECT_EQ(c->d1, c->guid->Data1) TH_LOG("%s", c->name);
		EXPECT_EQ(c->d2, c->guid->Data2) TH_LOG("%s", c->name);
		EXPECT_EQ(c->d3, c->guid->Data3) TH_LOG("%s", c->name);
		EXPECT_EQ(0, memcmp(c->d4, c->guid->Data4, 8))
			TH_LOG("%s", c->name);
	}
	ASSERT_TRUE(IsEqualIID(&IID_IMFPMPServer, &IID_IMFPMPServer));
	ASSERT_FALSE(IsEqualIID(&IID_IMFPMPServer, &IID_IUnknown));
}

TEST(hresults_have_their_published_values)
{
	ASSERT_EQ(0x00000000u, (unsigned int)S_OK);
	ASSERT_EQ(0x00000001u, (unsigned int)S_FALSE);
	ASSERT_EQ(0x80004002u, (unsigned int)E_NOINTERFACE);
	ASSERT_EQ(0x80004003u, (unsigned int)E_POINTER);
	ASSERT_EQ(0x80004005u, (unsigned int)E_FAIL);
	ASSERT_EQ(0x8000FFFFu, (unsigned int)E_UNEXPECTED);
	ASSERT_EQ(0x8007000Eu, (unsigned int)E_OUTOFMEMORY);
	ASSERT_EQ(0x80070057u, (unsigned int)E_INVALIDARG);
	ASSERT_EQ(0x80070005u, (unsigned int)E_ACCESSDENIED);
	ASSERT_EQ(0x80040154u, (unsigned int)REGDB_E_CLASSNOTREG);
	ASSERT_EQ(0x80040110u, (unsigned int)CLASS_E_NOAGGREGATION);
	ASSERT_EQ(0xC00D36B2u, (unsigned int)MF_E_INVALIDREQUEST);
	ASSERT_EQ(0xC00D36BAu, (unsigned int)MF_E_UNSUPPORTED_SERVICE);
	ASSERT_EQ(0xC00D36BBu, (unsigned int)MF_E_UNEXPECTED);
	ASSERT_EQ(0xC00D36D5u, (unsigned int)MF_E_NOT_FOUND);
	ASSERT_EQ(0xC00D36E6u, (unsigned int)MF_E_ATTRIBUTENOTFOUND);
	ASSERT_EQ(0xC00D36EDu, (unsigned int)MF_E_OPERATION_CANCELLED);
	ASSERT_EQ(0xC00D3E82u, (unsigned int)MF_E_INVALID_STATE_TRANSITION);
	ASSERT_EQ(0xC00D3E85u, (unsigned int)MF_E_SHUTDOWN);
	ASSERT_EQ(0xC00D3E9Au, (unsigned int)MF_E_NOT_PROTECTED);
	ASSERT_EQ(0xC00D7151u, (unsigned int)MF_E_COMPONENT_REVOKED);
	ASSERT_EQ(0xC00D7159u, (unsigned int)MF_E_POLICY_UNSUPPORTED);
	ASSERT_EQ(0xC00D716Du, (unsigned int)MF_E_PROCESS_RESTART_REQUIRED);
	ASSERT_EQ(0xC00D7170u, (unsigned int)MF_E_INSUFFICIENT_BUFFER);
	ASSERT_EQ(0xC00D7174u, (unsigned int)MF_E_PE_UNTRUSTED);
	ASSERT_EQ(0x800705B4u, (unsigned int)HRESULT_FROM_WIN32(ERROR_TIMEOUT));
	ASSERT_EQ(0, HRESULT_FROM_WIN32(ERROR_SUCCESS));
	ASSERT_TRUE(SUCCEEDED(S_FALSE));
	ASSERT_TRUE(FAILED(MF_E_SHUTDOWN));
	ASSERT_EQ(1, MFPMPSESSION_UNPROTECTED_PROCESS);
	ASSERT_EQ(2, MFPMPSESSION_IN_PROCESS);
}

/* ---- the errno <-> HRESULT table ---- */

static const struct {
	int err;
	HRESULT hr;
	/* The errno the HRESULT maps back to (the table's first). */
	int back;
} error_table[] = {
	{ ESHUTDOWN, MF_E_SHUTDOWN, ESHUTDOWN },
	{ ECONNREFUSED, MF_E_SHUTDOWN, ESHUTDOWN },
	{ ENOMEM, E_OUTOFMEMORY, ENOMEM },
	{ EDQUOT, E_OUTOFMEMORY, ENOMEM },
	{ EINVAL, E_INVALIDARG, EINVAL },
	{ EPERM, E_ACCESSDENIED, EPERM },
	{ EACCES, E_ACCESSDENIED, EPERM },
	{ ENOLCK, MF_E_INVALIDREQUEST, ENOLCK },
	{ ECANCELED, MF_E_OPERATION_CANCELLED, ECANCELED },
	{ EINTR, MF_E_OPERATION_CANCELLED, ECANCELED },
	{ ENOENT, MF_E_NOT_FOUND, ENOENT },
	{ EMSGSIZE, MF_E_INSUFFICIENT_BUFFER, EMSGSIZE },
	{ EBADF, E_HANDLE, EBADF },
	{ EBADFD, E_HANDLE, EBADF },
	{ EFAULT, E_POINTER, EFAULT },
	{ EOPNOTSUPP, E_NOTIMPL, EOPNOTSUPP },
	{ ECHILD, CO_E_SERVER_EXEC_FAILURE, ECHILD },
	{ ETIMEDOUT, HRESULT_FROM_WIN32(ERROR_TIMEOUT), ETIMEDOUT },
	{ EAGAIN, HRESULT_FROM_WIN32(ERROR_BUSY), EAGAIN },
	{ EMFILE, HRESULT_FROM_WIN32(ERROR_TOO_MANY_OPEN_FILES), EMFILE },
	{ ENODEV, HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST), ENODEV },
	{ EPROTO, HRESULT_FROM_WIN32(ERROR_REVISION_MISMATCH), EPROTO },
	{ EOVERFLOW, HRESULT_FROM_WIN32(ERROR_ARITHMETIC_OVERFLOW), EOVERFLOW },
	{ EIO, E_FAIL, EIO },
	{ EKEYREVOKED, MF_E_COMPONENT_REVOKED, EKEYREVOKED },
};

TEST(errno_maps_to_its_hresult)
{
	size_t i;

	for (i = 0; i < sizeof(error_table) / sizeof(error_table[0]); i++)
		EXPECT_EQ(error_table[i].hr,
			  pmp_hresult_from_errno(-error_table[i].err))
			TH_LOG("-%s: expected 0x%08x",
			       strerrorname_np(error_table[i].err),
			       (unsigned int)error_table[i].hr);
	ASSERT_HR(S_OK, pmp_hresult_from_errno(0));
	/* A positive errno is read as its negative. */
	ASSERT_HR(MF_E_SHUTDOWN, pmp_hresult_from_errno(ESHUTDOWN));
}

TEST(hresult_maps_back_to_the_first_errno_of_its_entry)
{
	size_t i;

	for (i = 0; i < sizeof(error_table) / sizeof(error_table[0]); i++) {
		EXPECT_EQ(-error_table[i].back,
			  pmp_errno_from_hresult(error_table[i].hr))
			TH_LOG("0x%08x", (unsigned int)error_table[i].hr);
		/* Round trip: HRESULT -> errno -> the same HRESULT. */
		EXPECT_EQ(error_table[i].hr,
			  pmp_hresult_from_errno(
				  pmp_errno_from_hresult(error_table[i].hr)))
			TH_LOG("0x%08x", (unsigned int)error_table[i].hr);
	}
}

TEST(unknown_errno_is_e_fail_and_unknown_hresult_is_eio)
{
	ASSERT_HR(E_FAIL, pmp_hresult_from_errno(-EXDEV));
	ASSERT_HR(E_FAIL, pmp_hresult_from_errno(-4095));
	ASSERT_EQ(-EIO, pmp_errno_from_hresult(REGDB_E_CLASSNOTREG));
	ASSERT_EQ(-EIO, pmp_errno_from_hresult(E_NOINTERFACE));
	ASSERT_EQ(-EIO, pmp_errno_from_hresult((HRESULT)0x80001234));
	ASSERT_EQ(0, pmp_errno_from_hresult(S_OK));
	ASSERT_EQ(0, pmp_errno_from_hresult(S_FALSE));
}

/* ---- MFCreatePMPServer ---- */

TEST(create_server_without_out_pointer_is_e_pointer)
{
	ASSERT_HR(E_POINTER, MFCreatePMPServer(0, NULL));
	ASSERT_HR(E_POINTER, MFCreatePMPServer(MFPMPSESSION_IN_PROCESS, NULL));
	ASSERT_HR(E_POINTER, MFCreatePMPServer(0x80, NULL));
}

TEST(create_server_with_bad_flags_is_e_invalidarg)
{
	static const DWORD bad[] = {
		MFPMPSESSION_UNPROTECTED_PROCESS | MFPMPSESSION_IN_PROCESS,
		0x4, 0x8, 0x80000000, 0x5, 0x6, 0xffffffff,
	};
	IMFPMPServer *server;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		server = POISON;
		EXPECT_EQ(E_INVALIDARG, MFCreatePMPServer(bad[i], &server))
			TH_LOG("flags 0x%x", bad[i]);
		EXPECT_EQ(NULL, server) TH_LOG("flags 0x%x", bad[i]);
	}
}

/* ---- in process ---- */

FIXTURE(inproc) {
	IMFPMPServer *server;
};

FIXTURE_SETUP(inproc)
{
	self->server = NULL;
	ASSERT_HR(S_OK, MFCreatePMPServer(MFPMPSESSION_IN_PROCESS,
					  &self->server));
	ASSERT_NE(NULL, self->server);
}

FIXTURE_TEARDOWN(inproc)
{
	if (self->server)
		EXPECT_EQ(0u, IMFPMPServer_Release(self->server));
}

TEST_F(inproc, server_answers_iunknown_and_imfpmpserver_with_one_identity)
{
	IUnknown *unk = POISON;
	IMFPMPServer *again = POISON;
	void *other = POISON;

	ASSERT_HR(S_OK, IMFPMPServer_QueryInterface(self->server, &IID_IUnknown,
						    (void **)&unk));
	ASSERT_EQ((void *)self->server, (void *)unk);
	ASSERT_HR(S_OK, IMFPMPServer_QueryInterface(
				self->server, &IID_IMFPMPServer,
				(void **)&again));
	ASSERT_EQ(self->server, again);
	ASSERT_HR(E_NOINTERFACE,
		  IMFPMPServer_QueryInterface(self->server, &IID_IClassFactory,
					      &other));
	ASSERT_EQ(NULL, other);
	ASSERT_HR(E_POINTER, IMFPMPServer_QueryInterface(
				     self->server, &IID_IUnknown, NULL));
	ASSERT_EQ(2u, IUnknown_Release(unk));
	ASSERT_EQ(1u, IMFPMPServer_Release(again));
}

TEST_F(inproc, server_counts_references)
{
	ASSERT_EQ(2u, IMFPMPServer_AddRef(self->server));
	ASSERT_EQ(3u, IMFPMPServer_AddRef(self->server));
	ASSERT_EQ(2u, IMFPMPServer_Release(self->server));
	ASSERT_EQ(1u, IMFPMPServer_Release(self->server));
}

TEST_F(inproc, unlock_without_lock_is_mf_e_invalidrequest)
{
	ASSERT_HR(MF_E_INVALIDREQUEST,
		  IMFPMPServer_UnlockProcess(self->server));
	ASSERT_HR(S_OK, IMFPMPServer_LockProcess(self->server));
	ASSERT_HR(S_OK, IMFPMPServer_LockProcess(self->server));
	ASSERT_HR(S_OK, IMFPMPServer_UnlockProcess(self->server));
	ASSERT_HR(S_OK, IMFPMPServer_UnlockProcess(self->server));
	ASSERT_HR(MF_E_INVALIDREQUEST,
		  IMFPMPServer_UnlockProcess(self->server));
}

TEST_F(inproc, pointers_to_one_server_share_its_lock_count)
{
	IMFPMPServer *other = NULL, *second = NULL;
	IUnknown *unk = NULL;

	ASSERT_HR(S_OK, IMFPMPServer_QueryInterface(self->server, &IID_IUnknown,
						    (void **)&unk));
	ASSERT_HR(S_OK, IUnknown_QueryInterface(unk, &IID_IMFPMPServer,
						(void **)&other));
	ASSERT_HR(S_OK, IMFPMPServer_LockProcess(self->server));
	ASSERT_HR(S_OK, IMFPMPServer_UnlockProcess(other));
	ASSERT_HR(MF_E_INVALIDREQUEST, IMFPMPServer_UnlockProcess(other));

	/* Another in-process server is another count. */
	ASSERT_HR(S_OK, MFCreatePMPServer(MFPMPSESSION_IN_PROCESS, &second));
	ASSERT_HR(S_OK, IMFPMPServer_LockProcess(second));
	ASSERT_HR(MF_E_INVALIDREQUEST,
		  IMFPMPServer_UnlockProcess(self->server));
	ASSERT_HR(S_OK, IMFPMPServer_UnlockProcess(second));
	IMFPMPServer_Release(second);
	IMFPMPServer_Release(other);
	IUnknown_Release(unk);
}

TEST_F(inproc, counter_keeps_state_across_typed_calls)
{
	IPmpTestCounter *counter = NULL;
	LONG value = 0;
	DWORD pid = 0;

	ASSERT_HR(S_OK, IMFPMPServer_CreateObjectByCLSID(
				self->server, &CLSID_PmpTestCounter,
				&IID_IPmpTestCounter, (void **)&counter));
	ASSERT_NE(NULL, counter);
	ASSERT_HR(S_OK, IPmpTestCounter_Get(counter, &value));
	ASSERT_EQ(0, value);
	ASSERT_HR(S_OK, IPmpTestCounter_Add(counter, 5, &value));
	ASSERT_EQ(5, value);
	ASSERT_HR(S_OK, IPmpTestCounter_Add(counter, -7, &value));
	ASSERT_EQ(-2, value);
	ASSERT_HR(S_OK, IPmpTestCounter_Get(counter, &value));
	ASSERT_EQ(-2, value);
	/* In process: the object runs here. */
	ASSERT_HR(S_OK, IPmpTestCounter_GetProcessId(counter, &pid));
	ASSERT_EQ((DWORD)getpid(), pid);
	ASSERT_HR(E_POINTER, IPmpTestCounter_Add(counter, 1, NULL));
	ASSERT_EQ(0u, IPmpTestCounter_Release(counter));
}

TEST_F(inproc, counter_label_round_trips_and_checks_sizes)
{
	char label[PMP_TEST_COUNTER_LABEL_MAX + 2];
	IPmpTestCounter *counter = NULL;

	ASSERT_HR(S_OK, IMFPMPServer_CreateObjectByCLSID(
				self->server, &CLSID_PmpTestCounter,
				&IID_IPmpTestCounter, (void **)&counter));
	ASSERT_HR(S_OK, IPmpTestCounter_SetLabel(counter, "front door"));
	ASSERT_HR(S_OK, IPmpTestCounter_GetLabel(counter, label, 11));
	ASSERT_STREQ("front door", label);
	ASSERT_HR(MF_E_INSUFFICIENT_BUFFER,
		  IPmpTestCounter_GetLabel(counter, label, 10));
	memset(label, 'x', sizeof(label));
	label[PMP_TEST_COUNTER_LABEL_MAX + 1] = '\0';
	ASSERT_HR(E_INVALIDARG, IPmpTestCounter_SetLabel(counter, label));
	label[PMP_TEST_COUNTER_LABEL_MAX] = '\0';
	ASSERT_HR(S_OK, IPmpTestCounter_SetLabel(counter, label));
	ASSERT_HR(E_POINTER, IPmpTestCounter_SetLabel(counter, NULL));
	IPmpTestCounter_Release(counter);
}

TEST_F(inproc, counter_fail_returns_its_argument)
{
	IPmpTestCounter *counter = NULL;

	ASSERT_HR(S_OK, IMFPMPServer_CreateObjectByCLSID(
				self->server, &CLSID_PmpTestCounter,
				&IID_IPmpTestCounter, (void **)&counter));
	ASSERT_HR(MF_E_SHUTDOWN, IPmpTestCounter_Fail(counter, MF_E_SHUTDOWN));
	ASSERT_HR(S_FALSE, IPmpTestCounter_Fail(counter, S_FALSE));
	IPmpTestCounter_Release(counter);
}

TEST_F(inproc, clone_is_an_independent_copy)
{
	IPmpTestCounter *counter = NULL, *copy = NULL;
	char label[16];
	LONG value;

	ASSERT_HR(S_OK, IMFPMPServer_CreateObjectByCLSID(
				self->server, &CLSID_PmpTestCounter,
				&IID_IPmpTestCounter, (void **)&counter));
	ASSERT_HR(S_OK, IPmpTestCounter_Add(counter, 40, &value));
	ASSERT_HR(S_OK, IPmpTestCounter_SetLabel(counter, "orig"));
	ASSERT_HR(S_OK, IPmpTestCounter_Clone(counter, &copy));
	ASSERT_NE(counter, copy);
	ASSERT_HR(S_OK, IPmpTestCounter_Add(copy, 2, &value));
	ASSERT_EQ(42, value);
	ASSERT_HR(S_OK, IPmpTestCounter_Get(counter, &value));
	ASSERT_EQ(40, value);
	ASSERT_HR(S_OK, IPmpTestCounter_GetLabel(copy, label, sizeof(label)));
	ASSERT_STREQ("orig", label);
	ASSERT_EQ(0u, IPmpTestCounter_Release(copy));
	ASSERT_EQ(0u, IPmpTestCounter_Release(counter));
}

TEST_F(inproc, object_created_as_iunknown_has_one_identity)
{
	IUnknown *unk = NULL, *unk2 = NULL;
	IPmpTestCounter *counter = NULL;
	void *none = POISON;

	ASSERT_HR(S_OK, IMFPMPServer_CreateObjectByCLSID(
				self->server, &CLSID_PmpTestCounter,
				&IID_IUnknown, (void **)&unk));
	ASSERT_HR(S_OK, IUnknown_QueryInterface(unk, &IID_IPmpTestCounter,
						(void **)&counter));
	ASSERT_HR(S_OK, IPmpTestCounter_QueryInterface(counter, &IID_IUnknown,
						       (void **)&unk2));
	ASSERT_EQ(unk, unk2);
	ASSERT_HR(E_NOINTERFACE, IUnknown_QueryInterface(unk, &IID_IMFPMPServer,
							 &none));
	ASSERT_EQ(NULL, none);
	IUnknown_Release(unk2);
	IPmpTestCounter_Release(counter);
	ASSERT_EQ(0u, IUnknown_Release(unk));
}

TEST_F(inproc, unknown_clsid_is_regdb_e_classnotreg)
{
	ASSERT_CREATE_FAILS(REGDB_E_CLASSNOTREG, self->server,
			    &CLSID_PmpTestUnknown, &IID_IUnknown);
}

TEST_F(inproc, interface_the_class_lacks_is_e_nointerface)
{
	ASSERT_CREATE_FAILS(E_NOINTERFACE, self->server,
			    &CLSID_PmpTestCounter, &IID_PmpTestNothing);
	ASSERT_CREATE_FAILS(E_NOINTERFACE, self->server,
			    &CLSID_PmpTestCounter, &IID_IPmpClearKeyDecryptor);
}

TEST_F(inproc, class_with_wrong_digest_is_mf_e_pe_untrusted)
{
	ASSERT_CREATE_FAILS(MF_E_PE_UNTRUSTED, self->server,
			    &CLSID_PmpTestUntrusted, &IID_IUnknown);
}

TEST_F(inproc, create_without_out_pointer_is_e_pointer)
{
	void *obj = POISON;

	ASSERT_HR(E_POINTER, IMFPMPServer_CreateObjectByCLSID(
				     self->server, &CLSID_PmpTestCounter,
				     &IID_IUnknown, NULL));
	ASSERT_HR(E_POINTER, IMFPMPServer_CreateObjectByCLSID(
				     self->server, NULL, &IID_IUnknown, &obj));
	ASSERT_EQ(NULL, obj);
}

TEST_F(inproc, decryptor_decrypts_aes_128_ctr_into_a_sealed_memfd)
{
	static const struct clearkey ck = {
		.kid = "0123456789abcdef",
		.key = { 0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
			 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c },
		.iv = { 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
			0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff },
	};
	static char clear[10000], buf[10000];
	IPmpClearKeyDecryptor *dec;
	size_t i;

	for (i = 0; i < sizeof(clear); i++)
		clear[i] = (char)(i * 7 + 3);
	dec = new_decryptor(_metadata, self->server);
	close(assert_decrypts(_metadata, dec, &ck, clear, buf, sizeof(clear)));
	ASSERT_EQ(0u, IPmpClearKeyDecryptor_Release(dec));
}

TEST_F(inproc, decryptor_refuses_unsealed_short_or_foreign_descriptors)
{
	static const struct clearkey ck = {
		.kid = { 1 }, .key = { 2 }, .iv = { 3 },
	};
	IPmpClearKeyDecryptor *dec;
	char data[64] = { 0 };
	int fd, out_fd = -2;

	dec = new_decryptor(_metadata, self->server);
	ASSERT_HR(S_OK, IPmpClearKeyDecryptor_SetKey(dec, ck.kid, ck.key));

	assert_refuses_writable(_metadata, dec, &ck, data, sizeof(data));

	fd = sealed_memfd(data, sizeof(data), F_SEAL_SHRINK | F_SEAL_WRITE);
	ASSERT_LE(0, fd);
	ASSERT_HR(E_INVALIDARG, IPmpClearKeyDecryptor_Decrypt(
					dec, ck.kid, ck.iv, fd,
					sizeof(data) + 1, &out_fd));
	close(fd);

	ASSERT_HR(E_INVALIDARG,
		  IPmpClearKeyDecryptor_Decrypt(dec, ck.kid, ck.iv,
						STDIN_FILENO, 1, &out_fd));
	ASSERT_HR(E_POINTER, IPmpClearKeyDecryptor_Decrypt(dec, ck.kid, ck.iv,
							   -1, 1, NULL));
	IPmpClearKeyDecryptor_Release(dec);
}

TEST(in_process_server_needs_no_module)
{
	IMFPMPServer *server = NULL;
	IPmpTestCounter *counter = NULL;
	LONG value;

	if (!access("/dev/pmp", F_OK))
		TH_LOG("/dev/pmp exists; the in-process server ignores it");
	ASSERT_HR(S_OK, MFCreatePMPServer(MFPMPSESSION_IN_PROCESS, &server));
	ASSERT_HR(S_OK, IMFPMPServer_CreateObjectByCLSID(
				server, &CLSID_PmpTestCounter,
				&IID_IPmpTestCounter, (void **)&counter));
	ASSERT_HR(S_OK, IPmpTestCounter_Add(counter, 1, &value));
	/* Objects may outlive their server. */
	ASSERT_EQ(0u, IMFPMPServer_Release(server));
	ASSERT_HR(S_OK, IPmpTestCounter_Add(counter, 1, &value));
	ASSERT_EQ(2, value);
	ASSERT_EQ(0u, IPmpTestCounter_Release(counter));
}

TEST_HARNESS_MAIN
