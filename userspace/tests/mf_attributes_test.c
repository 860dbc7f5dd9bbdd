// SPDX-License-Identifier: GPL-2.0
/*
 * mf_attributes_test.c - Media Foundation's platform calls and data
 * objects, in process (no kernel module): MFStartup/MFShutdown,
 * CoInitializeEx, CoTaskMem*, PROPVARIANT, IMFAttributes
 *
 * Written from Microsoft's documentation of each call; where it is silent
 * the expected values are those Wine's mfplat tests record for Windows.
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mfapi.h>

#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"

#define PTR sizeof(void *)

/* Keys for the tests (any GUIDs will do). */
static const GUID KEY_A = { 0x11111111, 0x2222, 0x3333,
			    { 1, 2, 3, 4, 5, 6, 7, 8 } };
static const GUID KEY_B = { 0x11111111, 0x2222, 0x3333,
			    { 1, 2, 3, 4, 5, 6, 7, 9 } };
static const GUID KEY_C = { 0x11111111, 0x2222, 0x3333,
			    { 1, 2, 3, 4, 5, 6, 7, 10 } };
static const GUID VALUE_GUID = { 0xdeadbeef, 0xcafe, 0xf00d,
				 { 9, 8, 7, 6, 5, 4, 3, 2 } };

/* ---- ABI ---- */

TEST(imfattributes_iid_and_vtable_order_are_microsofts)
{
	static const GUID iid = { 0x2cd2d921, 0xc447, 0x44a7,
				  { 0xa1, 0x3c, 0x4a, 0xda, 0xbf, 0xc2,
				    0x47, 0xe3 } };

	ASSERT_TRUE(IsEqualGUID(&iid, &IID_IMFAttributes));
	ASSERT_EQ(3 * PTR, offsetof(IMFAttributesVtbl, GetItem));
	ASSERT_EQ(6 * PTR, offsetof(IMFAttributesVtbl, Compare));
	ASSERT_EQ(18 * PTR, offsetof(IMFAttributesVtbl, SetItem));
	ASSERT_EQ(21 * PTR, offsetof(IMFAttributesVtbl, SetUINT32));
	ASSERT_EQ(27 * PTR, offsetof(IMFAttributesVtbl, SetUnknown));
	ASSERT_EQ(28 * PTR, offsetof(IMFAttributesVtbl, LockStore));
	ASSERT_EQ(32 * PTR, offsetof(IMFAttributesVtbl, CopyAllItems));
	ASSERT_EQ(33 * PTR, sizeof(IMFAttributesVtbl));
}

TEST(propvariant_has_microsofts_layout)
{
	ASSERT_EQ(24U, sizeof(PROPVARIANT));
	ASSERT_EQ(0U, offsetof(PROPVARIANT, vt));
	ASSERT_EQ(8U, offsetof(PROPVARIANT, ulVal));
	ASSERT_EQ(8U, offsetof(PROPVARIANT, caub.cElems));
	ASSERT_EQ(16U, offsetof(PROPVARIANT, caub.pElems));
	ASSERT_EQ(2U, sizeof(WCHAR));
	ASSERT_EQ(19, MF_ATTRIBUTE_UINT32);
	ASSERT_EQ(VT_UI8, MF_ATTRIBUTE_UINT64);
	ASSERT_EQ(VT_R8, MF_ATTRIBUTE_DOUBLE);
	ASSERT_EQ(VT_CLSID, MF_ATTRIBUTE_GUID);
	ASSERT_EQ(VT_LPWSTR, MF_ATTRIBUTE_STRING);
	ASSERT_EQ(VT_VECTOR | VT_UI1, MF_ATTRIBUTE_BLOB);
	ASSERT_EQ(VT_UNKNOWN, MF_ATTRIBUTE_IUNKNOWN);
	ASSERT_EQ(0x00020070, MF_VERSION);
}

/* ---- the platform ---- */

TEST(mfstartup_nests_and_checks_its_version)
{
	ASSERT_EQ(MF_E_PLATFORM_NOT_INITIALIZED, MFShutdown());
	ASSERT_EQ(MF_E_BAD_STARTUP_VERSION, MFStartup(0x00010070, 0));
	ASSERT_EQ(E_INVALIDARG, MFStartup(MF_VERSION, 0x100));
	ASSERT_EQ(S_OK, MFStartup(MF_VERSION, MFSTARTUP_FULL));
	ASSERT_EQ(S_OK, MFStartup(MF_VERSION, MFSTARTUP_LITE));
	ASSERT_EQ(S_OK, MFShutdown());
	ASSERT_EQ(S_OK, MFShutdown());
	ASSERT_EQ(MF_E_PLATFORM_NOT_INITIALIZED, MFShutdown());
}

TEST(coinitializeex_counts_per_thread)
{
	ASSERT_EQ(E_INVALIDARG, CoInitializeEx((void *)1, 0));
	ASSERT_EQ(E_INVALIDARG, CoInitializeEx(NULL, 0x100));
	ASSERT_EQ(S_OK, CoInitializeEx(NULL, COINIT_MULTITHREADED));
	ASSERT_EQ(S_FALSE, CoInitializeEx(NULL, COINIT_APARTMENTTHREADED));
	CoUninitialize();
	CoUninitialize();
	ASSERT_EQ(S_OK, CoInitializeEx(NULL, COINIT_MULTITHREADED));
	CoUninitialize();
	/* One too many is harmless. */
	CoUninitialize();
}

TEST(cotaskmem_allocates_resizes_and_frees)
{
	char *p = CoTaskMemAlloc(0);

	ASSERT_NE(NULL, p);
	p = CoTaskMemRealloc(p, 16);
	ASSERT_NE(NULL, p);
	memset(p, 'x', 16);
	ASSERT_EQ(NULL, CoTaskMemRealloc(p, 0));
	CoTaskMemFree(NULL);
}

/* ---- PROPVARIANT ---- */

TEST(propvariant_copy_is_deep_and_clear_frees)
{
	static const WCHAR text[] = u"wide";
	UINT8 bytes[3] = { 1, 2, 3 };
	PROPVARIANT a, b;

	PropVariantInit(&a);
	a.vt = VT_LPWSTR;
	a.pwszVal = (LPWSTR)text;
	ASSERT_EQ(S_OK, PropVariantCopy(&b, &a));
	ASSERT_EQ(VT_LPWSTR, b.vt);
	ASSERT_NE((void *)text, (void *)b.pwszVal);
	ASSERT_EQ(0, memcmp(text, b.pwszVal, sizeof(text)));
	ASSERT_EQ(S_OK, PropVariantClear(&b));
	ASSERT_EQ(VT_EMPTY, b.vt);
	ASSERT_EQ(NULL, b.pwszVal);

	a.vt = VT_VECTOR | VT_UI1;
	a.caub.cElems = 3;
	a.caub.pElems = bytes;
	ASSERT_EQ(S_OK, PropVariantCopy(&b, &a));
	ASSERT_NE((void *)bytes, (void *)b.caub.pElems);
	ASSERT_EQ(0, memcmp(bytes, b.caub.pElems, 3));
	ASSERT_EQ(S_OK, PropVariantClear(&b));

	a.vt = VT_UI8;
	a.uhVal.QuadPart = 1ULL << 40;
	ASSERT_EQ(S_OK, PropVariantCopy(&b, &a));
	ASSERT_EQ(1ULL << 40, b.uhVal.QuadPart);

	ASSERT_EQ(S_OK, PropVariantClear(NULL));
	ASSERT_EQ(E_POINTER, PropVariantCopy(NULL, &a));
	ASSERT_EQ(E_POINTER, PropVariantCopy(&b, NULL));
}

TEST(propvariant_of_unknown_type_is_refused)
{
	PROPVARIANT a, b;

	PropVariantInit(&a);
	a.vt = VT_DISPATCH;
	memset(&b, 0x55, sizeof(b));
	ASSERT_EQ(DISP_E_BADVARTYPE, PropVariantCopy(&b, &a));
	ASSERT_EQ(VT_EMPTY, b.vt);
	ASSERT_EQ(DISP_E_BADVARTYPE, PropVariantClear(&a));
	ASSERT_EQ(VT_DISPATCH, a.vt);
}

/* ---- IMFAttributes ---- */

FIXTURE(attrs) {
	IMFAttributes *a;
};

FIXTURE_SETUP(attrs)
{
	ASSERT_EQ(S_OK, MFCreateAttributes(&self->a, 4));
	ASSERT_NE(NULL, self->a);
}

FIXTURE_TEARDOWN(attrs)
{
	if (self->a)
		ASSERT_EQ(0U, IMFAttributes_Release(self->a));
}

TEST(mfcreateattributes_checks_its_pointer)
{
	IMFAttributes *a;

	ASSERT_EQ(E_POINTER, MFCreateAttributes(NULL, 0));
	/* The size is a hint: even an absurd one works. */
	ASSERT_EQ(S_OK, MFCreateAttributes(&a, 0xffffffff));
	ASSERT_EQ(0U, IMFAttributes_Release(a));
}

TEST_F(attrs, iunknown_rules_hold)
{
	IUnknown *unk;
	void *p = (void *)1;

	ASSERT_EQ(S_OK, IMFAttributes_QueryInterface(self->a, &IID_IUnknown,
						     (void **)&unk));
	ASSERT_EQ((void *)self->a, (void *)unk);
	ASSERT_EQ(1U, IUnknown_Release(unk));
	ASSERT_EQ(E_NOINTERFACE,
		  IMFAttributes_QueryInterface(self->a, &IID_IClassFactory,
					       &p));
	ASSERT_EQ(NULL, p);
	ASSERT_EQ(E_POINTER, IMFAttributes_QueryInterface(self->a,
							  &IID_IUnknown,
							  NULL));
	ASSERT_EQ(2U, IMFAttributes_AddRef(self->a));
	ASSERT_EQ(1U, IMFAttributes_Release(self->a));
}

TEST_F(attrs, each_type_round_trips)
{
	static const WCHAR text[] = u"PMP \u00e9t\u00e9";
	UINT8 blob[5] = { 5, 4, 3, 2, 1 }, buf[8], *pblob;
	IMFAttributes *other, *got;
	MF_ATTRIBUTE_TYPE type;
	WCHAR wbuf[16], *pw;
	UINT32 u32, len;
	UINT64 u64;
	double d;
	GUID g;

	ASSERT_EQ(S_OK, MFCreateAttributes(&other, 0));
	ASSERT_EQ(S_OK, IMFAttributes_SetUINT32(self->a, &KEY_A, 7));
	ASSERT_EQ(S_OK, IMFAttributes_GetUINT32(self->a, &KEY_A, &u32));
	ASSERT_EQ(7U, u32);
	ASSERT_EQ(S_OK, IMFAttributes_SetUINT64(self->a, &KEY_A, 1ULL << 33));
	ASSERT_EQ(S_OK, IMFAttributes_GetUINT64(self->a, &KEY_A, &u64));
	ASSERT_EQ(1ULL << 33, u64);
	ASSERT_EQ(S_OK, IMFAttributes_SetDouble(self->a, &KEY_A, 0.25));
	ASSERT_EQ(S_OK, IMFAttributes_GetDouble(self->a, &KEY_A, &d));
	ASSERT_TRUE(d == 0.25);
	ASSERT_EQ(S_OK, IMFAttributes_SetGUID(self->a, &KEY_A, &VALUE_GUID));
	ASSERT_EQ(S_OK, IMFAttributes_GetGUID(self->a, &KEY_A, &g));
	ASSERT_TRUE(IsEqualGUID(&VALUE_GUID, &g));

	ASSERT_EQ(S_OK, IMFAttributes_SetString(self->a, &KEY_A, text));
	ASSERT_EQ(S_OK, IMFAttributes_GetStringLength(self->a, &KEY_A, &len));
	ASSERT_EQ(7U, len);
	ASSERT_EQ(S_OK, IMFAttributes_GetString(self->a, &KEY_A, wbuf, 16,
						&len));
	ASSERT_EQ(0, memcmp(text, wbuf, sizeof(text)));
	ASSERT_EQ(S_OK, IMFAttributes_GetAllocatedString(self->a, &KEY_A, &pw,
							 &len));
	ASSERT_EQ(7U, len);
	ASSERT_EQ(0, memcmp(text, pw, sizeof(text)));
	CoTaskMemFree(pw);
	ASSERT_EQ(S_OK, IMFAttributes_GetItemType(self->a, &KEY_A, &type));
	ASSERT_EQ((int)MF_ATTRIBUTE_STRING, (int)type);

	ASSERT_EQ(S_OK, IMFAttributes_SetBlob(self->a, &KEY_A, blob, 5));
	ASSERT_EQ(S_OK, IMFAttributes_GetBlobSize(self->a, &KEY_A, &len));
	ASSERT_EQ(5U, len);
	ASSERT_EQ(S_OK, IMFAttributes_GetBlob(self->a, &KEY_A, buf, 8, &len));
	ASSERT_EQ(5U, len);
	ASSERT_EQ(0, memcmp(blob, buf, 5));
	ASSERT_EQ(S_OK, IMFAttributes_GetAllocatedBlob(self->a, &KEY_A, &pblob,
						       &len));
	ASSERT_EQ(5U, len);
	ASSERT_EQ(0, memcmp(blob, pblob, 5));
	CoTaskMemFree(pblob);

	/* The store holds a reference to what it is given. */
	ASSERT_EQ(S_OK, IMFAttributes_SetUnknown(self->a, &KEY_A,
						 (IUnknown *)other));
	ASSERT_EQ(3U, IMFAttributes_AddRef(other));
	ASSERT_EQ(2U, IMFAttributes_Release(other));
	ASSERT_EQ(S_OK, IMFAttributes_GetUnknown(self->a, &KEY_A,
						 &IID_IMFAttributes,
						 (void **)&got));
	ASSERT_EQ((void *)other, (void *)got);
	IMFAttributes_Release(got);
	ASSERT_EQ(S_OK, IMFAttributes_DeleteItem(self->a, &KEY_A));
	ASSERT_EQ(0U, IMFAttributes_Release(other));
}

TEST_F(attrs, missing_key_and_wrong_type_fail_exactly)
{
	PROPVARIANT v;
	UINT32 u32 = 99, len;
	UINT64 u64;
	WCHAR w[4];
	void *p = (void *)1;

	ASSERT_EQ(MF_E_ATTRIBUTENOTFOUND,
		  IMFAttributes_GetUINT32(self->a, &KEY_A, &u32));
	ASSERT_EQ(99U, u32);
	ASSERT_EQ(MF_E_ATTRIBUTENOTFOUND,
		  IMFAttributes_GetItem(self->a, &KEY_A, NULL));
	ASSERT_EQ(MF_E_ATTRIBUTENOTFOUND,
		  IMFAttributes_GetUnknown(self->a, &KEY_A, &IID_IUnknown,
					   &p));
	ASSERT_EQ(NULL, p);

	ASSERT_EQ(S_OK, IMFAttributes_SetUINT32(self->a, &KEY_A, 1));
	ASSERT_EQ(S_OK, IMFAttributes_GetItem(self->a, &KEY_A, NULL));
	ASSERT_EQ(MF_E_INVALIDTYPE,
		  IMFAttributes_GetUINT64(self->a, &KEY_A, &u64));
	ASSERT_EQ(MF_E_INVALIDTYPE,
		  IMFAttributes_GetStringLength(self->a, &KEY_A, &len));
	ASSERT_EQ(MF_E_INVALIDTYPE,
		  IMFAttributes_GetString(self->a, &KEY_A, w, 4, &len));
	ASSERT_EQ(MF_E_INVALIDTYPE,
		  IMFAttributes_GetBlobSize(self->a, &KEY_A, &len));

	/* SetItem takes the attribute types only. */
	PropVariantInit(&v);
	v.vt = VT_I4;
	v.lVal = -1;
	ASSERT_EQ(MF_E_INVALIDTYPE, IMFAttributes_SetItem(self->a, &KEY_B, &v));
	ASSERT_EQ(MF_E_ATTRIBUTENOTFOUND,
		  IMFAttributes_GetItem(self->a, &KEY_B, NULL));
	/* Deleting what is not there is not an error. */
	ASSERT_EQ(S_OK, IMFAttributes_DeleteItem(self->a, &KEY_B));
}

TEST_F(attrs, null_pointers_fail_e_pointer)
{
	UINT32 len;

	ASSERT_EQ(E_POINTER, IMFAttributes_GetUINT32(self->a, &KEY_A, NULL));
	ASSERT_EQ(E_POINTER, IMFAttributes_GetCount(self->a, NULL));
	ASSERT_EQ(E_POINTER, IMFAttributes_SetString(self->a, &KEY_A, NULL));
	ASSERT_EQ(E_POINTER, IMFAttributes_SetBlob(self->a, &KEY_A, NULL, 1));
	ASSERT_EQ(E_POINTER, IMFAttributes_SetItem(self->a, &KEY_A, NULL));
	ASSERT_EQ(E_POINTER, IMFAttributes_CopyAllItems(self->a, NULL));
	ASSERT_EQ(E_POINTER, IMFAttributes_GetString(self->a, &KEY_A, NULL, 0,
						     &len));
	/* An empty blob is a value. */
	ASSERT_EQ(S_OK, IMFAttributes_SetBlob(self->a, &KEY_A, NULL, 0));
	ASSERT_EQ(S_OK, IMFAttributes_GetBlobSize(self->a, &KEY_A, &len));
	ASSERT_EQ(0U, len);
}

TEST_F(attrs, small_buffers_fail_and_report_the_size)
{
	UINT8 blob[4] = { 1, 2, 3, 4 }, buf[4];
	WCHAR w[4];
	UINT32 len = 0;

	ASSERT_EQ(S_OK, IMFAttributes_SetString(self->a, &KEY_A, u"four"));
	/* Four characters need five: the NUL counts. */
	ASSERT_EQ(STRSAFE_E_INSUFFICIENT_BUFFER,
		  IMFAttributes_GetString(self->a, &KEY_A, w, 4, &len));
	ASSERT_EQ(4U, len);
	ASSERT_EQ(S_OK, IMFAttributes_SetBlob(self->a, &KEY_B, blob, 4));
	ASSERT_EQ(E_NOT_SUFFICIENT_BUFFER,
		  IMFAttributes_GetBlob(self->a, &KEY_B, buf, 3, &len));
	ASSERT_EQ(4U, len);
	ASSERT_EQ(S_OK, IMFAttributes_GetBlob(self->a, &KEY_B, buf, 4, NULL));
}

TEST_F(attrs, items_keep_the_order_they_were_first_set)
{
	PROPVARIANT v;
	UINT32 n;
	GUID key;

	ASSERT_EQ(S_OK, IMFAttributes_SetUINT32(self->a, &KEY_B, 2));
	ASSERT_EQ(S_OK, IMFAttributes_SetUINT32(self->a, &KEY_A, 1));
	ASSERT_EQ(S_OK, IMFAttributes_SetUINT32(self->a, &KEY_C, 3));
	ASSERT_EQ(S_OK, IMFAttributes_SetUINT32(self->a, &KEY_B, 22));
	ASSERT_EQ(S_OK, IMFAttributes_GetCount(self->a, &n));
	ASSERT_EQ(3U, n);
	PropVariantInit(&v);
	ASSERT_EQ(S_OK, IMFAttributes_GetItemByIndex(self->a, 0, &key, &v));
	ASSERT_TRUE(IsEqualGUID(&KEY_B, &key));
	ASSERT_EQ(22U, v.ulVal);
	ASSERT_EQ(S_OK, IMFAttributes_DeleteItem(self->a, &KEY_A));
	ASSERT_EQ(S_OK, IMFAttributes_GetItemByIndex(self->a, 1, &key, NULL));
	ASSERT_TRUE(IsEqualGUID(&KEY_C, &key));
	ASSERT_EQ(E_INVALIDARG,
		  IMFAttributes_GetItemByIndex(self->a, 2, &key, &v));
	ASSERT_EQ(S_OK, IMFAttributes_DeleteAllItems(self->a));
	ASSERT_EQ(S_OK, IMFAttributes_GetCount(self->a, &n));
	ASSERT_EQ(0U, n);
}

TEST_F(attrs, compare_item_and_compare_follow_the_match_types)
{
	IMFAttributes *b;
	PROPVARIANT v;
	BOOL r;

	ASSERT_EQ(S_OK, MFCreateAttributes(&b, 0));
	ASSERT_EQ(S_OK, IMFAttributes_SetUINT32(self->a, &KEY_A, 1));
	PropVariantInit(&v);
	v.vt = VT_UI4;
	v.ulVal = 1;
	ASSERT_EQ(S_OK, IMFAttributes_CompareItem(self->a, &KEY_A, &v, &r));
	ASSERT_TRUE(r);
	v.vt = VT_UI8;
	ASSERT_EQ(S_OK, IMFAttributes_CompareItem(self->a, &KEY_A, &v, &r));
	ASSERT_FALSE(r);
	ASSERT_EQ(S_OK, IMFAttributes_CompareItem(self->a, &KEY_B, &v, &r));
	ASSERT_FALSE(r);

	/* a = { A: 1 }, b = { A: 1, B: 2 } */
	ASSERT_EQ(S_OK, IMFAttributes_SetUINT32(b, &KEY_A, 1));
	ASSERT_EQ(S_OK, IMFAttributes_SetUINT32(b, &KEY_B, 2));
	ASSERT_EQ(S_OK, IMFAttributes_Compare(self->a, b,
					      MF_ATTRIBUTES_MATCH_OUR_ITEMS,
					      &r));
	ASSERT_TRUE(r);
	ASSERT_EQ(S_OK, IMFAttributes_Compare(self->a, b,
					      MF_ATTRIBUTES_MATCH_THEIR_ITEMS,
					      &r));
	ASSERT_FALSE(r);
	ASSERT_EQ(S_OK, IMFAttributes_Compare(self->a, b,
					      MF_ATTRIBUTES_MATCH_ALL_ITEMS,
					      &r));
	ASSERT_FALSE(r);
	ASSERT_EQ(S_OK, IMFAttributes_Compare(self->a, b,
					      MF_ATTRIBUTES_MATCH_INTERSECTION,
					      &r));
	ASSERT_TRUE(r);
	ASSERT_EQ(S_OK, IMFAttributes_Compare(self->a, b,
					      MF_ATTRIBUTES_MATCH_SMALLER,
					      &r));
	ASSERT_TRUE(r);
	/* A differing common item breaks every match type. */
	ASSERT_EQ(S_OK, IMFAttributes_SetUINT32(b, &KEY_A, 5));
	ASSERT_EQ(S_OK, IMFAttributes_Compare(self->a, b,
					      MF_ATTRIBUTES_MATCH_INTERSECTION,
					      &r));
	ASSERT_FALSE(r);
	ASSERT_EQ(E_INVALIDARG,
		  IMFAttributes_Compare(self->a, b, 5, &r));
	ASSERT_EQ(E_POINTER, IMFAttributes_Compare(self->a, NULL,
						   MF_ATTRIBUTES_MATCH_OUR_ITEMS,
						   &r));
	ASSERT_EQ(0U, IMFAttributes_Release(b));
}

TEST_F(attrs, copy_all_items_replaces_the_destination)
{
	IMFAttributes *b;
	UINT32 n, u32;

	ASSERT_EQ(S_OK, MFCreateAttributes(&b, 0));
	ASSERT_EQ(S_OK, IMFAttributes_SetUINT32(b, &KEY_C, 3));
	ASSERT_EQ(S_OK, IMFAttributes_SetUINT32(self->a, &KEY_A, 1));
	ASSERT_EQ(S_OK, IMFAttributes_SetString(self->a, &KEY_B, u"x"));
	ASSERT_EQ(S_OK, IMFAttributes_CopyAllItems(self->a, b));
	ASSERT_EQ(S_OK, IMFAttributes_GetCount(b, &n));
	ASSERT_EQ(2U, n);
	ASSERT_EQ(S_OK, IMFAttributes_GetUINT32(b, &KEY_A, &u32));
	ASSERT_EQ(1U, u32);
	ASSERT_EQ(MF_E_ATTRIBUTENOTFOUND,
		  IMFAttributes_GetUINT32(b, &KEY_C, &u32));
	ASSERT_EQ(0U, IMFAttributes_Release(b));
}

struct locker {
	IMFAttributes *a;
	int done;
};

static void *set_while_locked(void *p)
{
	struct locker *l = p;

	IMFAttributes_SetUINT32(l->a, &KEY_C, 3);
	__atomic_store_n(&l->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

TEST_F(attrs, lock_store_nests_and_holds_other_threads_off)
{
	struct locker l = { .a = self->a };
	pthread_t t;
	UINT32 n;

	ASSERT_EQ(S_OK, IMFAttributes_LockStore(self->a));
	ASSERT_EQ(S_OK, IMFAttributes_LockStore(self->a));
	ASSERT_EQ(0, pthread_create(&t, NULL, set_while_locked, &l));
	usleep(100000);
	ASSERT_EQ(0, __atomic_load_n(&l.done, __ATOMIC_ACQUIRE));
	/* The holder itself goes on working. */
	ASSERT_EQ(S_OK, IMFAttributes_SetUINT32(self->a, &KEY_A, 1));
	ASSERT_EQ(S_OK, IMFAttributes_UnlockStore(self->a));
	usleep(50000);
	ASSERT_EQ(0, __atomic_load_n(&l.done, __ATOMIC_ACQUIRE));
	ASSERT_EQ(S_OK, IMFAttributes_UnlockStore(self->a));
	ASSERT_EQ(0, pthread_join(t, NULL));
	ASSERT_EQ(S_OK, IMFAttributes_GetCount(self->a, &n));
	ASSERT_EQ(2U, n);
	/* Unlocking a store this thread does not hold is an error. */
	ASSERT_EQ(E_UNEXPECTED, IMFAttributes_UnlockStore(self->a));
}

TEST_HARNESS_MAIN
