// SPDX-License-Identifier: GPL-2.0
/*
 * mf_media_objects_test.c - Media Foundation's media data objects, in
 * process (no kernel module): MFCreateMemoryBuffer,
 * MFCreateAlignedMemoryBuffer, MFCreateSample, MFCreateMediaType,
 * MFCreateStreamDescriptor, MFCreatePresentationDescriptor, and the
 * declarations of the media source interfaces
 *
 * Written from Microsoft's documentation of each call; where it is silent
 * the expected values are those Wine's mfplat tests record for Windows,
 * or pmp's decisions (Documentation/userspace-api/mf.rst, "Media data
 * objects").
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mfapi.h>
#include <mfidl.h>

#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"

#define PTR sizeof(void *)
/* clang-format off */
#define GUID_OF(l, w1, w2, ...) { l, w1, w2, { __VA_ARGS__ } }
/* clang-format on */

static ULONG refcount(void *iface)
{
	IUnknown_AddRef((IUnknown *)iface);
	return IUnknown_Release((IUnknown *)iface);
}

static IMFMediaBuffer *new_buffer(DWORD max, DWORD length, BYTE fill)
{
	IMFMediaBuffer *b;
	BYTE *data;

	if (FAILED(MFCreateMemoryBuffer(max, &b)))
		return NULL;
	IMFMediaBuffer_Lock(b, &data, NULL, NULL);
	memset(data, fill, max);
	IMFMediaBuffer_Unlock(b);
	IMFMediaBuffer_SetCurrentLength(b, length);
	return b;
}

/* A media type of @major (may be NULL) and @subtype (may be NULL). */
static IMFMediaType *new_type(const GUID *major, const GUID *subtype)
{
	IMFMediaType *t;

	if (FAILED(MFCreateMediaType(&t)))
		return NULL;
	if (major)
		IMFMediaType_SetGUID(t, &MF_MT_MAJOR_TYPE, major);
	if (subtype)
		IMFMediaType_SetGUID(t, &MF_MT_SUBTYPE, subtype);
	return t;
}

/* ---- ABI ---- */

TEST(iids_are_microsofts)
{
	static const GUID buffer = GUID_OF(0x045fa593, 0x8799, 0x42b8, 0xbc,
					   0x8d, 0x89, 0x68, 0xc6, 0x45, 0x35,
					   0x07);
	static const GUID sample = GUID_OF(0xc40a00f2, 0xb93a, 0x4d80, 0xae,
					   0x8c, 0x5a, 0x1c, 0x63, 0x4f, 0x58,
					   0xe4);
	static const GUID type = GUID_OF(0x44ae0fa8, 0xea31, 0x4109, 0x8d, 0x2e,
					 0x4c, 0xae, 0x49, 0x97, 0xc5, 0x55);
	static const GUID handler = GUID_OF(0xe93dcf6c, 0x4b07, 0x4e1e, 0x81,
					    0x23, 0xaa, 0x16, 0xed, 0x6e, 0xad,
					    0xf5);
	static const GUID sd = GUID_OF(0x56c03d9c, 0x9dbb, 0x45f5, 0xab, 0x4b,
				       0xd8, 0x0f, 0x47, 0xc0, 0x59, 0x38);
	static const GUID pd = GUID_OF(0x03cb2711, 0x24d7, 0x4db6, 0xa1, 0x7f,
				       0xf3, 0xa7, 0xa4, 0x79, 0xa5, 0x36);
	static const GUID source = GUID_OF(0x279a808d, 0xaec7, 0x40c8, 0x9c,
					   0x6b, 0xa6, 0xb4, 0x92, 0xc7, 0x8a,
					   0x66);
	static const GUID stream = GUID_OF(0xd182108f, 0x4ec6, 0x443f, 0xaa,
					   0x42, 0xa7, 0x11, 0x06, 0xec, 0x82,
					   0x5f);
	static const GUID resolver = GUID_OF(0xfbe5a32d, 0xa497, 0x4b61, 0xbb,
					     0x85, 0x97, 0xb1, 0xa8, 0x48, 0xa6,
					     0xe3);

	ASSERT_TRUE(IsEqualGUID(&buffer, &IID_IMFMediaBuffer));
	ASSERT_TRUE(IsEqualGUID(&sample, &IID_IMFSample));
	ASSERT_TRUE(IsEqualGUID(&type, &IID_IMFMediaType));
	ASSERT_TRUE(IsEqualGUID(&handler, &IID_IMFMediaTypeHandler));
	ASSERT_TRUE(IsEqualGUID(&sd, &IID_IMFStreamDescriptor));
	ASSERT_TRUE(IsEqualGUID(&pd, &IID_IMFPresentationDescriptor));
	ASSERT_TRUE(IsEqualGUID(&source, &IID_IMFMediaSource));
	ASSERT_TRUE(IsEqualGUID(&stream, &IID_IMFMediaStream));
	ASSERT_TRUE(IsEqualGUID(&resolver, &IID_IMFSourceResolver));
}

TEST(vtable_orders_are_microsofts)
{
	ASSERT_EQ(3 * PTR, offsetof(IMFMediaBufferVtbl, Lock));
	ASSERT_EQ(6 * PTR, offsetof(IMFMediaBufferVtbl, SetCurrentLength));
	ASSERT_EQ(8 * PTR, sizeof(IMFMediaBufferVtbl));

	ASSERT_EQ(33 * PTR, offsetof(IMFSampleVtbl, GetSampleFlags));
	ASSERT_EQ(35 * PTR, offsetof(IMFSampleVtbl, GetSampleTime));
	ASSERT_EQ(39 * PTR, offsetof(IMFSampleVtbl, GetBufferCount));
	ASSERT_EQ(41 * PTR, offsetof(IMFSampleVtbl, ConvertToContiguousBuffer));
	ASSERT_EQ(44 * PTR, offsetof(IMFSampleVtbl, RemoveAllBuffers));
	ASSERT_EQ(46 * PTR, offsetof(IMFSampleVtbl, CopyToBuffer));
	ASSERT_EQ(47 * PTR, sizeof(IMFSampleVtbl));

	ASSERT_EQ(33 * PTR, offsetof(IMFMediaTypeVtbl, GetMajorType));
	ASSERT_EQ(35 * PTR, offsetof(IMFMediaTypeVtbl, IsEqual));
	ASSERT_EQ(37 * PTR, offsetof(IMFMediaTypeVtbl, FreeRepresentation));
	ASSERT_EQ(38 * PTR, sizeof(IMFMediaTypeVtbl));

	ASSERT_EQ(3 * PTR,
		  offsetof(IMFMediaTypeHandlerVtbl, IsMediaTypeSupported));
	ASSERT_EQ(4 * PTR,
		  offsetof(IMFMediaTypeHandlerVtbl, GetMediaTypeCount));
	ASSERT_EQ(6 * PTR,
		  offsetof(IMFMediaTypeHandlerVtbl, SetCurrentMediaType));
	ASSERT_EQ(8 * PTR, offsetof(IMFMediaTypeHandlerVtbl, GetMajorType));
	ASSERT_EQ(9 * PTR, sizeof(IMFMediaTypeHandlerVtbl));

	ASSERT_EQ(33 * PTR,
		  offsetof(IMFStreamDescriptorVtbl, GetStreamIdentifier));
	ASSERT_EQ(34 * PTR,
		  offsetof(IMFStreamDescriptorVtbl, GetMediaTypeHandler));
	ASSERT_EQ(35 * PTR, sizeof(IMFStreamDescriptorVtbl));

	ASSERT_EQ(33 * PTR, offsetof(IMFPresentationDescriptorVtbl,
				     GetStreamDescriptorCount));
	ASSERT_EQ(35 * PTR,
		  offsetof(IMFPresentationDescriptorVtbl, SelectStream));
	ASSERT_EQ(37 * PTR, offsetof(IMFPresentationDescriptorVtbl, Clone));
	ASSERT_EQ(38 * PTR, sizeof(IMFPresentationDescriptorVtbl));

	ASSERT_EQ(6 * PTR, offsetof(IMFMediaSourceVtbl, QueueEvent));
	ASSERT_EQ(7 * PTR, offsetof(IMFMediaSourceVtbl, GetCharacteristics));
	ASSERT_EQ(9 * PTR, offsetof(IMFMediaSourceVtbl, Start));
	ASSERT_EQ(11 * PTR, offsetof(IMFMediaSourceVtbl, Pause));
	ASSERT_EQ(13 * PTR, sizeof(IMFMediaSourceVtbl));

	ASSERT_EQ(7 * PTR, offsetof(IMFMediaStreamVtbl, GetMediaSource));
	ASSERT_EQ(9 * PTR, offsetof(IMFMediaStreamVtbl, RequestSample));
	ASSERT_EQ(10 * PTR, sizeof(IMFMediaStreamVtbl));

	ASSERT_EQ(3 * PTR,
		  offsetof(IMFSourceResolverVtbl, CreateObjectFromURL));
	ASSERT_EQ(6 * PTR,
		  offsetof(IMFSourceResolverVtbl, EndCreateObjectFromURL));
	ASSERT_EQ(9 * PTR,
		  offsetof(IMFSourceResolverVtbl, CancelObjectCreation));
	ASSERT_EQ(10 * PTR, sizeof(IMFSourceResolverVtbl));
}

TEST(attribute_guids_are_microsofts)
{
	static const GUID major = GUID_OF(0x48eba18e, 0xf8c9, 0x4687, 0xbf,
					  0x11, 0x0a, 0x74, 0xc9, 0xf9, 0x6a,
					  0x8f);
	static const GUID frame_size = GUID_OF(0x1652c33d, 0xd6b2, 0x4012, 0xb8,
					       0x34, 0x72, 0x03, 0x08, 0x49,
					       0xa3, 0x7d);
	static const GUID seq_header = GUID_OF(0x3c036de7, 0x3ad0, 0x4c9e, 0x92,
					       0x16, 0xee, 0x6d, 0x6a, 0xc2,
					       0x1c, 0xb3);
	static const GUID video = GUID_OF(0x73646976, 0x0000, 0x0010, 0x80,
					  0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b,
					  0x71);
	static const GUID h264 = GUID_OF(0x34363248, 0x0000, 0x0010, 0x80, 0x00,
					 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71);
	static const GUID nv12 = GUID_OF(0x3231564e, 0x0000, 0x0010, 0x80, 0x00,
					 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71);
	static const GUID clean = GUID_OF(0x9cdf01d8, 0xa0f0, 0x43ba, 0xb0,
					  0x77, 0xea, 0xa0, 0x6c, 0xbd, 0x72,
					  0x8a);
	static const GUID kid = GUID_OF(0xc6c7f5b0, 0xacca, 0x415b, 0x87, 0xd9,
					0x10, 0x44, 0x14, 0x69, 0xef, 0xc6);
	static const GUID iv = GUID_OF(0x6698b84e, 0x0afa, 0x4330, 0xae, 0xb2,
				       0x1c, 0x0a, 0x98, 0xd7, 0xa4, 0x4d);
	static const GUID subsamples = GUID_OF(0x8444f27a, 0x69a1, 0x48da, 0xbd,
					       0x08, 0x11, 0xce, 0xf3, 0x68,
					       0x30, 0xd2);
	static const GUID scheme = GUID_OF(0xd054d096, 0x28bb, 0x45da, 0x87,
					   0xec, 0x74, 0xf3, 0x51, 0x87, 0x14,
					   0x06);
	static const GUID duration = GUID_OF(0x6c990d33, 0xbb8e, 0x477a, 0x85,
					     0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8,
					     0x8a);
	/* Windows' H.264 profile key is MPEG-2's (MF_MT_VIDEO_PROFILE too). */
	static const GUID profile = GUID_OF(0xad76a80b, 0x2d5c, 0x4e0b, 0xb3,
					    0x75, 0x64, 0xe5, 0x20, 0x13, 0x70,
					    0x36);
	static const GUID prot = GUID_OF(0x00af2181, 0xbdc2, 0x423c, 0xab, 0xca,
					 0xf5, 0x03, 0x59, 0x3b, 0xc1, 0x21);

	ASSERT_TRUE(IsEqualGUID(&major, &MF_MT_MAJOR_TYPE));
	ASSERT_TRUE(IsEqualGUID(&frame_size, &MF_MT_FRAME_SIZE));
	ASSERT_TRUE(IsEqualGUID(&seq_header, &MF_MT_MPEG_SEQUENCE_HEADER));
	ASSERT_TRUE(IsEqualGUID(&video, &MFMediaType_Video));
	ASSERT_TRUE(IsEqualGUID(&h264, &MFVideoFormat_H264));
	ASSERT_TRUE(IsEqualGUID(&nv12, &MFVideoFormat_NV12));
	ASSERT_TRUE(IsEqualGUID(&clean, &MFSampleExtension_CleanPoint));
	ASSERT_TRUE(IsEqualGUID(&kid, &MFSampleExtension_Content_KeyID));
	ASSERT_TRUE(IsEqualGUID(&iv, &MFSampleExtension_Encryption_SampleID));
	ASSERT_TRUE(IsEqualGUID(
		&subsamples, &MFSampleExtension_Encryption_SubSample_Mapping));
	ASSERT_TRUE(IsEqualGUID(
		&scheme, &MFSampleExtension_Encryption_ProtectionScheme));
	ASSERT_TRUE(IsEqualGUID(&duration, &MF_PD_DURATION));
	ASSERT_TRUE(IsEqualGUID(&prot, &MF_SD_PROTECTED));
	ASSERT_TRUE(IsEqualGUID(&profile, &MF_MT_MPEG2_PROFILE));
}

TEST(constants_are_microsofts)
{
	ASSERT_EQ((HRESULT)0xC00D36C8, MF_E_NO_SAMPLE_TIMESTAMP);
	ASSERT_EQ((HRESULT)0xC00D36C9, MF_E_NO_SAMPLE_DURATION);
	ASSERT_EQ((HRESULT)0xC00D36B4, MF_E_INVALIDMEDIATYPE);
	ASSERT_EQ((HRESULT)0xC00D36B6, MF_E_NOT_INITIALIZED);
	ASSERT_EQ((HRESULT)0xC00D36B7, MF_E_UNSUPPORTED_REPRESENTATION);
	ASSERT_EQ((HRESULT)0xC00D36B9, MF_E_NO_MORE_TYPES);
	ASSERT_EQ(205, MENewStream);
	ASSERT_EQ(201, MESourceStarted);
	ASSERT_EQ(211, MEEndOfPresentation);
	ASSERT_EQ(212, MEEndOfStream);
	ASSERT_EQ(213, MEMediaSample);
	ASSERT_EQ(214, MEStreamTick);
	ASSERT_EQ(2, MFVideoInterlace_Progressive);
	ASSERT_EQ(1, MF_SAMPLE_ENCRYPTION_PROTECTION_SCHEME_AES_CTR);
	ASSERT_EQ(2, MF_SAMPLE_ENCRYPTION_PROTECTION_SCHEME_AES_CBC);
	ASSERT_EQ(0, MF_OBJECT_MEDIASOURCE);
	ASSERT_EQ(0x1, MF_RESOLUTION_MEDIASOURCE);
	ASSERT_EQ(0x10000, MF_RESOLUTION_READ);
	ASSERT_EQ(0x2, MFMEDIASOURCE_CAN_SEEK);
	ASSERT_EQ(0x4, MF_MEDIATYPE_EQUAL_FORMAT_DATA);
	ASSERT_EQ(0x0f, MF_16_BYTE_ALIGNMENT);
}

/* ---- IMFMediaBuffer ---- */

TEST(memory_buffer_lengths_follow_windows)
{
	IMFMediaBuffer *b;
	DWORD length;

	ASSERT_EQ(E_INVALIDARG, MFCreateMemoryBuffer(1024, NULL));
	ASSERT_EQ(S_OK, MFCreateMemoryBuffer(1024, &b));
	ASSERT_EQ(E_INVALIDARG, IMFMediaBuffer_GetMaxLength(b, NULL));
	ASSERT_EQ(E_INVALIDARG, IMFMediaBuffer_GetCurrentLength(b, NULL));
	ASSERT_EQ(S_OK, IMFMediaBuffer_GetMaxLength(b, &length));
	ASSERT_EQ(1024U, length);
	ASSERT_EQ(S_OK, IMFMediaBuffer_GetCurrentLength(b, &length));
	ASSERT_EQ(0U, length);
	ASSERT_EQ(E_INVALIDARG, IMFMediaBuffer_SetCurrentLength(b, 1025));
	ASSERT_EQ(S_OK, IMFMediaBuffer_SetCurrentLength(b, 1024));
	ASSERT_EQ(S_OK, IMFMediaBuffer_SetCurrentLength(b, 10));
	ASSERT_EQ(S_OK, IMFMediaBuffer_GetCurrentLength(b, &length));
	ASSERT_EQ(10U, length);
	ASSERT_EQ(0U, IMFMediaBuffer_Release(b));
}

TEST(memory_buffer_lock_nests_and_extra_unlock_is_harmless)
{
	DWORD max = 7, cur = 7;
	BYTE *data, *again;
	IMFMediaBuffer *b;

	ASSERT_EQ(S_OK, MFCreateMemoryBuffer(1024, &b));
	ASSERT_EQ(S_OK, IMFMediaBuffer_SetCurrentLength(b, 10));
	ASSERT_EQ(E_INVALIDARG, IMFMediaBuffer_Lock(b, NULL, &max, &cur));
	ASSERT_EQ(7U, max);
	ASSERT_EQ(7U, cur);
	ASSERT_EQ(S_OK, IMFMediaBuffer_Lock(b, &data, &max, &cur));
	ASSERT_EQ(1024U, max);
	ASSERT_EQ(10U, cur);
	ASSERT_EQ(S_OK, IMFMediaBuffer_Lock(b, &again, NULL, NULL));
	ASSERT_EQ(data, again);
	ASSERT_EQ(S_OK, IMFMediaBuffer_Unlock(b));
	ASSERT_EQ(S_OK, IMFMediaBuffer_Unlock(b));
	ASSERT_EQ(S_OK, IMFMediaBuffer_Unlock(b));
	ASSERT_EQ(0U, IMFMediaBuffer_Release(b));
}

TEST(memory_buffer_is_zeroed_and_16_byte_aligned)
{
	IMFMediaBuffer *b;
	BYTE *data;
	DWORD i;

	ASSERT_EQ(S_OK, MFCreateMemoryBuffer(4099, &b));
	ASSERT_EQ(S_OK, IMFMediaBuffer_Lock(b, &data, NULL, NULL));
	ASSERT_EQ(0U, (uintptr_t)data % 16);
	for (i = 0; i < 4099; i++)
		ASSERT_EQ(0, data[i]);
	IMFMediaBuffer_Unlock(b);
	ASSERT_EQ(0U, IMFMediaBuffer_Release(b));

	/* Even an empty buffer has an address. */
	ASSERT_EQ(S_OK, MFCreateMemoryBuffer(0, &b));
	ASSERT_EQ(S_OK, IMFMediaBuffer_Lock(b, &data, NULL, NULL));
	ASSERT_NE(NULL, data);
	ASSERT_EQ(E_INVALIDARG, IMFMediaBuffer_SetCurrentLength(b, 1));
	ASSERT_EQ(0U, IMFMediaBuffer_Release(b));
}

TEST(aligned_buffer_honours_power_of_two_alignments_only)
{
	IMFMediaBuffer *b = (void *)1;
	DWORD length;
	BYTE *data;

	ASSERT_EQ(E_INVALIDARG,
		  MFCreateAlignedMemoryBuffer(16, MF_8_BYTE_ALIGNMENT, NULL));
	ASSERT_EQ(E_INVALIDARG, MFCreateAlignedMemoryBuffer(16, 6, &b));
	ASSERT_EQ(NULL, b);
	ASSERT_EQ(E_INVALIDARG,
		  MFCreateAlignedMemoryBuffer(16, 0xffffffff, &b));
	ASSERT_EQ(E_INVALIDARG, MFCreateAlignedMemoryBuffer(16, 0x3fff, &b));

	ASSERT_EQ(S_OK,
		  MFCreateAlignedMemoryBuffer(201, MF_8_BYTE_ALIGNMENT, &b));
	ASSERT_EQ(S_OK, IMFMediaBuffer_GetMaxLength(b, &length));
	ASSERT_EQ(201U, length);
	ASSERT_EQ(E_INVALIDARG, IMFMediaBuffer_SetCurrentLength(b, 202));
	ASSERT_EQ(0U, IMFMediaBuffer_Release(b));

	ASSERT_EQ(S_OK,
		  MFCreateAlignedMemoryBuffer(100, MF_4096_BYTE_ALIGNMENT, &b));
	ASSERT_EQ(S_OK, IMFMediaBuffer_Lock(b, &data, NULL, NULL));
	ASSERT_EQ(0U, (uintptr_t)data % 4096);
	IMFMediaBuffer_Unlock(b);
	ASSERT_EQ(0U, IMFMediaBuffer_Release(b));
}

TEST(memory_buffer_is_only_a_media_buffer)
{
	IMFMediaBuffer *b;
	IUnknown *unk;

	ASSERT_EQ(S_OK, MFCreateMemoryBuffer(4, &b));
	ASSERT_EQ(S_OK, IMFMediaBuffer_QueryInterface(b, &IID_IUnknown,
						      (void **)&unk));
	ASSERT_EQ((void *)b, (void *)unk);
	IUnknown_Release(unk);
	ASSERT_EQ(E_NOINTERFACE, IMFMediaBuffer_QueryInterface(
					 b, &IID_IMFAttributes, (void **)&unk));
	ASSERT_EQ(NULL, unk);
	ASSERT_EQ(0U, IMFMediaBuffer_Release(b));
}

/* ---- IMFSample ---- */

TEST(new_sample_has_no_buffers_time_or_duration)
{
	IMFMediaBuffer *b = (void *)1;
	IMFAttributes *attrs;
	IMFSample *s;
	LONGLONG t = 5;
	DWORD n = 9;

	ASSERT_EQ(E_INVALIDARG, MFCreateSample(NULL));
	ASSERT_EQ(S_OK, MFCreateSample(&s));
	ASSERT_EQ(S_OK, IMFSample_QueryInterface(s, &IID_IMFAttributes,
						 (void **)&attrs));
	ASSERT_EQ((void *)s, (void *)attrs);
	ASSERT_EQ(S_OK, IMFAttributes_GetCount(attrs, &n));
	ASSERT_EQ(0U, n);
	ASSERT_EQ(E_INVALIDARG, IMFSample_GetBufferCount(s, NULL));
	ASSERT_EQ(S_OK, IMFSample_GetBufferCount(s, &n));
	ASSERT_EQ(0U, n);
	ASSERT_EQ(S_OK, IMFSample_GetSampleFlags(s, &n));
	ASSERT_EQ(0U, n);
	ASSERT_EQ(MF_E_NO_SAMPLE_TIMESTAMP, IMFSample_GetSampleTime(s, &t));
	ASSERT_EQ(MF_E_NO_SAMPLE_DURATION, IMFSample_GetSampleDuration(s, &t));
	ASSERT_EQ(5, t);
	ASSERT_EQ(E_INVALIDARG, IMFSample_GetBufferByIndex(s, 0, &b));
	ASSERT_EQ(NULL, b);
	ASSERT_EQ(E_INVALIDARG, IMFSample_RemoveBufferByIndex(s, 0));
	ASSERT_EQ(S_OK, IMFSample_RemoveAllBuffers(s));
	ASSERT_EQ(S_OK, IMFSample_GetTotalLength(s, &n));
	ASSERT_EQ(0U, n);
	ASSERT_EQ(E_INVALIDARG, IMFSample_AddBuffer(s, NULL));
	IMFAttributes_Release(attrs);
	ASSERT_EQ(0U, IMFSample_Release(s));
}

TEST(sample_time_duration_and_flags_are_not_attributes)
{
	IMFSample *s;
	LONGLONG t;
	UINT32 n;
	DWORD f;

	ASSERT_EQ(S_OK, MFCreateSample(&s));
	ASSERT_EQ(S_OK, IMFSample_SetSampleFlags(s, 0x123));
	ASSERT_EQ(S_OK, IMFSample_SetSampleDuration(s, 10));
	ASSERT_EQ(S_OK, IMFSample_SetSampleTime(s, -1));
	ASSERT_EQ(S_OK, IMFSample_GetSampleFlags(s, &f));
	ASSERT_EQ(0x123U, f);
	ASSERT_EQ(S_OK, IMFSample_GetSampleDuration(s, &t));
	ASSERT_EQ(10, t);
	ASSERT_EQ(S_OK, IMFSample_GetSampleTime(s, &t));
	ASSERT_EQ(-1, t);
	ASSERT_EQ(S_OK, IMFSample_GetCount(s, &n));
	ASSERT_EQ(0U, n);
	ASSERT_EQ(E_POINTER, IMFSample_GetSampleTime(s, NULL));
	ASSERT_EQ(0U, IMFSample_Release(s));
}

TEST(sample_holds_its_buffers_in_order_and_sums_their_lengths)
{
	IMFMediaBuffer *a = new_buffer(16, 0, 0), *got;
	IMFSample *s;
	DWORD n;

	ASSERT_NE(NULL, a);
	ASSERT_EQ(S_OK, MFCreateSample(&s));
	/* The same buffer twice is allowed. */
	ASSERT_EQ(S_OK, IMFSample_AddBuffer(s, a));
	ASSERT_EQ(S_OK, IMFSample_AddBuffer(s, a));
	ASSERT_EQ(3U, refcount(a));
	ASSERT_EQ(S_OK, IMFSample_GetBufferCount(s, &n));
	ASSERT_EQ(2U, n);
	ASSERT_EQ(S_OK, IMFSample_GetBufferByIndex(s, 1, &got));
	ASSERT_EQ(a, got);
	IMFMediaBuffer_Release(got);
	ASSERT_EQ(S_OK, IMFSample_GetTotalLength(s, &n));
	ASSERT_EQ(0U, n);
	ASSERT_EQ(S_OK, IMFMediaBuffer_SetCurrentLength(a, 2));
	ASSERT_EQ(S_OK, IMFSample_GetTotalLength(s, &n));
	ASSERT_EQ(4U, n);
	ASSERT_EQ(S_OK, IMFSample_RemoveBufferByIndex(s, 1));
	ASSERT_EQ(2U, refcount(a));
	ASSERT_EQ(S_OK, IMFSample_GetTotalLength(s, &n));
	ASSERT_EQ(2U, n);
	ASSERT_EQ(E_INVALIDARG, IMFSample_RemoveBufferByIndex(s, 1));
	ASSERT_EQ(0U, IMFSample_Release(s));
	ASSERT_EQ(0U, IMFMediaBuffer_Release(a));
}

TEST(removing_a_middle_buffer_keeps_the_order)
{
	IMFMediaBuffer *b[3], *got;
	IMFSample *s;
	int i;

	ASSERT_EQ(S_OK, MFCreateSample(&s));
	for (i = 0; i < 3; i++) {
		b[i] = new_buffer(4, 4, i);
		ASSERT_EQ(S_OK, IMFSample_AddBuffer(s, b[i]));
	}
	ASSERT_EQ(S_OK, IMFSample_RemoveBufferByIndex(s, 1));
	ASSERT_EQ(S_OK, IMFSample_GetBufferByIndex(s, 1, &got));
	ASSERT_EQ(b[2], got);
	IMFMediaBuffer_Release(got);
	ASSERT_EQ(1U, refcount(b[1]));
	ASSERT_EQ(S_OK, IMFSample_RemoveAllBuffers(s));
	for (i = 0; i < 3; i++)
		ASSERT_EQ(0U, IMFMediaBuffer_Release(b[i]));
	ASSERT_EQ(0U, IMFSample_Release(s));
}

TEST(copy_to_buffer_concatenates_or_fails_leaving_the_bytes)
{
	IMFMediaBuffer *dst = new_buffer(16, 1, 0xee);
	IMFMediaBuffer *a = new_buffer(8, 4, 0x11);
	IMFMediaBuffer *b = new_buffer(8, 8, 0x22);
	IMFSample *s;
	BYTE *data;
	DWORD n;
	int i;

	ASSERT_EQ(S_OK, MFCreateSample(&s));
	ASSERT_EQ(E_INVALIDARG, IMFSample_CopyToBuffer(s, NULL));
	/* No buffers: an empty copy. */
	ASSERT_EQ(S_OK, IMFSample_CopyToBuffer(s, dst));
	ASSERT_EQ(S_OK, IMFMediaBuffer_GetCurrentLength(dst, &n));
	ASSERT_EQ(0U, n);

	ASSERT_EQ(S_OK, IMFSample_AddBuffer(s, a));
	ASSERT_EQ(S_OK, IMFSample_AddBuffer(s, b));
	ASSERT_EQ(S_OK, IMFSample_CopyToBuffer(s, dst));
	ASSERT_EQ(S_OK, IMFMediaBuffer_Lock(dst, &data, NULL, &n));
	ASSERT_EQ(12U, n);
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0x11, data[i]);
	for (; i < 12; i++)
		ASSERT_EQ(0x22, data[i]);
	ASSERT_EQ(0xee, data[12]);
	IMFMediaBuffer_Unlock(dst);

	/* 20 bytes do not fit in 16: nothing is copied, the length is 0. */
	memset(data, 0x33, 16);
	ASSERT_EQ(S_OK, IMFSample_AddBuffer(s, b));
	ASSERT_EQ(MF_E_BUFFERTOOSMALL, IMFSample_CopyToBuffer(s, dst));
	ASSERT_EQ(S_OK, IMFMediaBuffer_GetCurrentLength(dst, &n));
	ASSERT_EQ(0U, n);
	for (i = 0; i < 16; i++)
		ASSERT_EQ(0x33, data[i]);

	ASSERT_EQ(0U, IMFSample_Release(s));
	ASSERT_EQ(0U, IMFMediaBuffer_Release(a));
	ASSERT_EQ(0U, IMFMediaBuffer_Release(b));
	ASSERT_EQ(0U, IMFMediaBuffer_Release(dst));
}

TEST(contiguous_buffer_is_the_only_buffer_or_a_new_joined_one)
{
	IMFMediaBuffer *a = new_buffer(16, 3, 0x44);
	IMFMediaBuffer *b = new_buffer(16, 4, 0x55);
	IMFMediaBuffer *whole = (void *)1, *got;
	IMFSample *s;
	DWORD max, n;
	BYTE *data;
	int i;

	ASSERT_EQ(S_OK, MFCreateSample(&s));
	ASSERT_EQ(E_UNEXPECTED, IMFSample_ConvertToContiguousBuffer(s, &whole));
	ASSERT_EQ(NULL, whole);
	ASSERT_EQ(S_OK, IMFSample_AddBuffer(s, a));
	ASSERT_EQ(S_OK, IMFSample_ConvertToContiguousBuffer(s, &whole));
	ASSERT_EQ(a, whole);
	IMFMediaBuffer_Release(whole);
	ASSERT_EQ(S_OK, IMFSample_ConvertToContiguousBuffer(s, NULL));

	ASSERT_EQ(S_OK, IMFSample_AddBuffer(s, b));
	ASSERT_EQ(S_OK, IMFSample_ConvertToContiguousBuffer(s, &whole));
	ASSERT_NE(a, whole);
	ASSERT_NE(b, whole);
	ASSERT_EQ(S_OK, IMFMediaBuffer_Lock(whole, &data, &max, &n));
	ASSERT_EQ(7U, max);
	ASSERT_EQ(7U, n);
	for (i = 0; i < 3; i++)
		ASSERT_EQ(0x44, data[i]);
	for (; i < 7; i++)
		ASSERT_EQ(0x55, data[i]);
	IMFMediaBuffer_Unlock(whole);
	/* The joined buffer replaces the sample's buffers. */
	ASSERT_EQ(S_OK, IMFSample_GetBufferCount(s, &n));
	ASSERT_EQ(1U, n);
	ASSERT_EQ(S_OK, IMFSample_GetBufferByIndex(s, 0, &got));
	ASSERT_EQ(whole, got);
	IMFMediaBuffer_Release(got);
	ASSERT_EQ(1U, refcount(a));
	ASSERT_EQ(1U, refcount(b));

	ASSERT_EQ(S_OK, IMFSample_AddBuffer(s, a));
	ASSERT_EQ(S_OK, IMFSample_ConvertToContiguousBuffer(s, NULL));
	ASSERT_EQ(S_OK, IMFSample_GetBufferCount(s, &n));
	ASSERT_EQ(1U, n);
	ASSERT_EQ(S_OK, IMFSample_GetTotalLength(s, &n));
	ASSERT_EQ(10U, n);

	/* The second join dropped the first joined buffer. */
	ASSERT_EQ(0U, IMFMediaBuffer_Release(whole));
	ASSERT_EQ(0U, IMFSample_Release(s));
	ASSERT_EQ(0U, IMFMediaBuffer_Release(a));
	ASSERT_EQ(0U, IMFMediaBuffer_Release(b));
}

TEST(sample_carries_cenc_attributes)
{
	static const BYTE iv[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	const DWORD map[4] = { 5, 100, 0, 37 };
	static const GUID kid = GUID_OF(0x01020304, 0x0506, 0x0708, 9, 10, 11,
					12, 13, 14, 15, 16);
	BYTE got[32];
	IMFSample *s;
	UINT32 size, scheme;
	GUID key;

	ASSERT_EQ(S_OK, MFCreateSample(&s));
	ASSERT_EQ(S_OK,
		  IMFSample_SetGUID(s, &MFSampleExtension_Content_KeyID, &kid));
	ASSERT_EQ(S_OK,
		  IMFSample_SetBlob(s, &MFSampleExtension_Encryption_SampleID,
				    iv, sizeof(iv)));
	ASSERT_EQ(S_OK,
		  IMFSample_SetBlob(
			  s, &MFSampleExtension_Encryption_SubSample_Mapping,
			  (const UINT8 *)map, sizeof(map)));
	ASSERT_EQ(S_OK,
		  IMFSample_SetUINT32(
			  s, &MFSampleExtension_Encryption_ProtectionScheme,
			  MF_SAMPLE_ENCRYPTION_PROTECTION_SCHEME_AES_CTR));
	ASSERT_EQ(S_OK,
		  IMFSample_GetGUID(s, &MFSampleExtension_Content_KeyID, &key));
	ASSERT_TRUE(IsEqualGUID(&kid, &key));
	ASSERT_EQ(S_OK,
		  IMFSample_GetBlob(s, &MFSampleExtension_Encryption_SampleID,
				    got, sizeof(got), &size));
	ASSERT_EQ(8U, size);
	ASSERT_EQ(0, memcmp(iv, got, 8));
	ASSERT_EQ(S_OK,
		  IMFSample_GetBlob(
			  s, &MFSampleExtension_Encryption_SubSample_Mapping,
			  got, sizeof(got), &size));
	ASSERT_EQ(sizeof(map), size);
	ASSERT_EQ(0, memcmp(map, got, sizeof(map)));
	ASSERT_EQ(S_OK,
		  IMFSample_GetUINT32(
			  s, &MFSampleExtension_Encryption_ProtectionScheme,
			  &scheme));
	ASSERT_EQ(1U, scheme);
	ASSERT_EQ(0U, IMFSample_Release(s));
}

struct adder {
	IMFSample *sample;
	IMFMediaBuffer *buffer;
};

static void *add_many(void *arg)
{
	struct adder *a = arg;
	int i;

	for (i = 0; i < 1000; i++)
		if (FAILED(IMFSample_AddBuffer(a->sample, a->buffer)))
			return (void *)1;
	return NULL;
}

TEST(concurrent_adds_lose_no_buffer)
{
	struct adder a;
	pthread_t t[4];
	void *ret;
	DWORD n;
	int i;

	ASSERT_EQ(S_OK, MFCreateSample(&a.sample));
	a.buffer = new_buffer(1, 1, 0);
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, add_many, &a));
	for (i = 0; i < 4; i++) {
		ASSERT_EQ(0, pthread_join(t[i], &ret));
		ASSERT_EQ(NULL, ret);
	}
	ASSERT_EQ(S_OK, IMFSample_GetBufferCount(a.sample, &n));
	ASSERT_EQ(4000U, n);
	ASSERT_EQ(S_OK, IMFSample_GetTotalLength(a.sample, &n));
	ASSERT_EQ(4000U, n);
	ASSERT_EQ(4001U, refcount(a.buffer));
	ASSERT_EQ(0U, IMFSample_Release(a.sample));
	ASSERT_EQ(0U, IMFMediaBuffer_Release(a.buffer));
}

/* ---- IMFMediaType ---- */

TEST(media_type_major_type_and_compression)
{
	IMFMediaType *t;
	BOOL compressed;
	GUID major;

	ASSERT_EQ(E_INVALIDARG, MFCreateMediaType(NULL));
	ASSERT_EQ(S_OK, MFCreateMediaType(&t));
	ASSERT_EQ(MF_E_ATTRIBUTENOTFOUND, IMFMediaType_GetMajorType(t, &major));
	ASSERT_EQ(E_POINTER, IMFMediaType_GetMajorType(t, NULL));

	/* Only MF_MT_ALL_SAMPLES_INDEPENDENT decides, as on Windows. */
	compressed = FALSE;
	ASSERT_EQ(S_OK, IMFMediaType_IsCompressedFormat(t, &compressed));
	ASSERT_TRUE(compressed);
	IMFMediaType_SetUINT32(t, &MF_MT_ALL_SAMPLES_INDEPENDENT, 0);
	IMFMediaType_SetUINT32(t, &MF_MT_COMPRESSED, 0);
	ASSERT_EQ(S_OK, IMFMediaType_IsCompressedFormat(t, &compressed));
	ASSERT_TRUE(compressed);
	IMFMediaType_SetUINT32(t, &MF_MT_ALL_SAMPLES_INDEPENDENT, 1);
	IMFMediaType_SetUINT32(t, &MF_MT_COMPRESSED, 1);
	ASSERT_EQ(S_OK, IMFMediaType_IsCompressedFormat(t, &compressed));
	ASSERT_FALSE(compressed);

	ASSERT_EQ(S_OK, IMFMediaType_SetGUID(t, &MF_MT_MAJOR_TYPE,
					     &MFMediaType_Video));
	ASSERT_EQ(S_OK, IMFMediaType_GetMajorType(t, &major));
	ASSERT_TRUE(IsEqualGUID(&MFMediaType_Video, &major));
	ASSERT_EQ(0U, IMFMediaType_Release(t));
}

TEST(media_type_is_equal_reports_windows_flags)
{
	IMFMediaType *a = new_type(&MFMediaType_Video, NULL);
	IMFMediaType *b = new_type(NULL, NULL);
	const DWORD major = MF_MEDIATYPE_EQUAL_MAJOR_TYPES;
	const DWORD types = MF_MEDIATYPE_EQUAL_FORMAT_TYPES;
	const DWORD data = MF_MEDIATYPE_EQUAL_FORMAT_DATA;
	const DWORD user = MF_MEDIATYPE_EQUAL_FORMAT_USER_DATA;
	DWORD flags = 0xdeadbeef;

	IMFMediaType_SetUINT32(a, &MF_MT_ALL_SAMPLES_INDEPENDENT, 1);
	ASSERT_EQ(E_INVALIDARG, IMFMediaType_IsEqual(a, b, &flags));
	ASSERT_EQ(0U, flags);
	ASSERT_EQ(E_POINTER, IMFMediaType_IsEqual(a, b, NULL));
	ASSERT_EQ(E_POINTER, IMFMediaType_IsEqual(a, NULL, &flags));

	IMFMediaType_SetGUID(b, &MF_MT_MAJOR_TYPE, &MFMediaType_Audio);
	ASSERT_EQ(S_FALSE, IMFMediaType_IsEqual(a, b, &flags));
	ASSERT_EQ(types | user, flags);

	/* b's items are all in a: the format data is equal. */
	IMFMediaType_SetGUID(b, &MF_MT_MAJOR_TYPE, &MFMediaType_Video);
	ASSERT_EQ(S_OK, IMFMediaType_IsEqual(a, b, &flags));
	ASSERT_EQ(major | types | data | user, flags);
	ASSERT_EQ(S_OK, IMFMediaType_IsEqual(b, a, &flags));

	IMFMediaType_SetBlob(a, &MF_MT_USER_DATA, (const UINT8 *)&flags,
			     sizeof(flags));
	ASSERT_EQ(S_FALSE, IMFMediaType_IsEqual(a, b, &flags));
	ASSERT_EQ(major | types | data, flags);
	IMFMediaType_DeleteItem(a, &MF_MT_USER_DATA);

	IMFMediaType_SetGUID(a, &MF_MT_SUBTYPE, &MFVideoFormat_H264);
	ASSERT_EQ(S_FALSE, IMFMediaType_IsEqual(a, b, &flags));
	ASSERT_EQ(major | data | user, flags);

	/* A value both hold, but differently: the format data differs. */
	IMFMediaType_SetGUID(b, &MF_MT_SUBTYPE, &MFVideoFormat_H264);
	IMFMediaType_SetUINT32(b, &MF_MT_ALL_SAMPLES_INDEPENDENT, 0);
	ASSERT_EQ(S_FALSE, IMFMediaType_IsEqual(a, b, &flags));
	ASSERT_EQ(major | types | user, flags);
	ASSERT_EQ(0U, IMFMediaType_Release(a));
	ASSERT_EQ(0U, IMFMediaType_Release(b));
}

TEST(media_type_has_no_other_representation)
{
	static const GUID am_media_type = GUID_OF(0xe2e42ad2, 0x132c, 0x491e,
						  0xa2, 0x68, 0x3c, 0x7c, 0x2d,
						  0xca, 0x18, 0x1f);
	IMFMediaType *t = new_type(&MFMediaType_Video, &MFVideoFormat_NV12);
	void *rep = (void *)1;

	ASSERT_EQ(MF_E_UNSUPPORTED_REPRESENTATION,
		  IMFMediaType_GetRepresentation(t, am_media_type, &rep));
	ASSERT_EQ(NULL, rep);
	ASSERT_EQ(E_POINTER,
		  IMFMediaType_GetRepresentation(t, am_media_type, NULL));
	ASSERT_EQ(MF_E_UNSUPPORTED_REPRESENTATION,
		  IMFMediaType_FreeRepresentation(t, am_media_type, NULL));
	ASSERT_EQ(0U, IMFMediaType_Release(t));
}

TEST(media_type_is_one_attribute_store)
{
	IMFMediaType *t = new_type(&MFMediaType_Video, &MFVideoFormat_H264);
	UINT64 size;
	void *p;

	ASSERT_EQ(S_OK, IMFMediaType_QueryInterface(t, &IID_IMFAttributes, &p));
	ASSERT_EQ((void *)t, p);
	IUnknown_Release((IUnknown *)p);
	ASSERT_EQ(E_NOINTERFACE,
		  IMFMediaType_QueryInterface(t, &IID_IMFSample, &p));
	/* Width in the high half, as MFSetAttributeSize packs it. */
	ASSERT_EQ(S_OK, IMFMediaType_SetUINT64(t, &MF_MT_FRAME_SIZE,
					       (UINT64)320 << 32 | 240));
	ASSERT_EQ(S_OK, IMFMediaType_GetUINT64(t, &MF_MT_FRAME_SIZE, &size));
	ASSERT_EQ(320U, size >> 32);
	ASSERT_EQ(0U, IMFMediaType_Release(t));
}

/* ---- IMFStreamDescriptor and IMFMediaTypeHandler ---- */

TEST(stream_descriptor_creation_checks_its_arguments)
{
	IMFMediaType *types[2] = { new_type(&MFMediaType_Video, NULL), NULL };
	IMFStreamDescriptor *sd = (void *)1;

	ASSERT_EQ(E_POINTER, MFCreateStreamDescriptor(1, 1, types, NULL));
	ASSERT_EQ(E_INVALIDARG, MFCreateStreamDescriptor(1, 0, types, &sd));
	ASSERT_EQ(NULL, sd);
	ASSERT_EQ(E_INVALIDARG, MFCreateStreamDescriptor(1, 2, types, &sd));
	ASSERT_EQ(E_INVALIDARG, MFCreateStreamDescriptor(1, 1, NULL, &sd));
	ASSERT_EQ(1U, refcount(types[0]));
	ASSERT_EQ(0U, IMFMediaType_Release(types[0]));
}

TEST(stream_descriptor_offers_its_types_and_keeps_the_current_one)
{
	IMFMediaType *types[2] = { new_type(NULL, NULL),
				   new_type(&MFMediaType_Video,
					    &MFVideoFormat_NV12) };
	IMFMediaType *got = (void *)1;
	IMFMediaTypeHandler *h;
	IMFStreamDescriptor *sd;
	GUID major;
	DWORD n;

	ASSERT_EQ(S_OK, MFCreateStreamDescriptor(7, 2, types, &sd));
	ASSERT_EQ(2U, refcount(types[0]));
	ASSERT_EQ(S_OK, IMFStreamDescriptor_GetStreamIdentifier(sd, &n));
	ASSERT_EQ(7U, n);
	ASSERT_EQ(S_OK, IMFStreamDescriptor_GetMediaTypeHandler(sd, &h));
	ASSERT_EQ(E_POINTER, IMFMediaTypeHandler_GetMediaTypeCount(h, NULL));
	ASSERT_EQ(S_OK, IMFMediaTypeHandler_GetMediaTypeCount(h, &n));
	ASSERT_EQ(2U, n);
	ASSERT_EQ(S_OK, IMFMediaTypeHandler_GetMediaTypeByIndex(h, 1, &got));
	ASSERT_EQ(types[1], got);
	IMFMediaType_Release(got);
	ASSERT_EQ(MF_E_NO_MORE_TYPES,
		  IMFMediaTypeHandler_GetMediaTypeByIndex(h, 2, &got));
	ASSERT_EQ(NULL, got);
	ASSERT_EQ(E_POINTER,
		  IMFMediaTypeHandler_GetMediaTypeByIndex(h, 0, NULL));

	/* No current type: the major type is the first offered type's. */
	ASSERT_EQ(MF_E_NOT_INITIALIZED,
		  IMFMediaTypeHandler_GetCurrentMediaType(h, &got));
	ASSERT_EQ(MF_E_ATTRIBUTENOTFOUND,
		  IMFMediaTypeHandler_GetMajorType(h, &major));
	IMFMediaType_SetGUID(types[0], &MF_MT_MAJOR_TYPE, &MFMediaType_Audio);
	ASSERT_EQ(S_OK, IMFMediaTypeHandler_GetMajorType(h, &major));
	ASSERT_TRUE(IsEqualGUID(&MFMediaType_Audio, &major));

	ASSERT_EQ(E_POINTER, IMFMediaTypeHandler_SetCurrentMediaType(h, NULL));
	ASSERT_EQ(S_OK, IMFMediaTypeHandler_SetCurrentMediaType(h, types[1]));
	ASSERT_EQ(S_OK, IMFMediaTypeHandler_GetCurrentMediaType(h, &got));
	ASSERT_EQ(types[1], got);
	IMFMediaType_Release(got);
	ASSERT_EQ(S_OK, IMFMediaTypeHandler_GetMajorType(h, &major));
	ASSERT_TRUE(IsEqualGUID(&MFMediaType_Video, &major));
	ASSERT_EQ(3U, refcount(types[1]));

	IMFMediaTypeHandler_Release(h);
	ASSERT_EQ(0U, IMFStreamDescriptor_Release(sd));
	ASSERT_EQ(0U, IMFMediaType_Release(types[0]));
	ASSERT_EQ(0U, IMFMediaType_Release(types[1]));
}

TEST(handler_supports_types_matching_major_and_subtype)
{
	IMFMediaType *offered =
		new_type(&MFMediaType_Video, &MFVideoFormat_H264);
	IMFMediaType *same = new_type(&MFMediaType_Video, &MFVideoFormat_H264);
	IMFMediaType *other = new_type(&MFMediaType_Video, &MFVideoFormat_NV12);
	IMFMediaType *closest = (void *)1;
	IMFMediaTypeHandler *h;
	IMFStreamDescriptor *sd;

	ASSERT_EQ(S_OK, MFCreateStreamDescriptor(0, 1, &offered, &sd));
	ASSERT_EQ(S_OK, IMFStreamDescriptor_GetMediaTypeHandler(sd, &h));
	/* Other attributes do not matter. */
	IMFMediaType_SetUINT64(same, &MF_MT_FRAME_SIZE, 1);
	ASSERT_EQ(S_OK,
		  IMFMediaTypeHandler_IsMediaTypeSupported(h, same, &closest));
	ASSERT_EQ(NULL, closest);
	ASSERT_EQ(S_OK,
		  IMFMediaTypeHandler_IsMediaTypeSupported(h, same, NULL));
	ASSERT_EQ(MF_E_INVALIDMEDIATYPE,
		  IMFMediaTypeHandler_IsMediaTypeSupported(h, other, NULL));
	ASSERT_EQ(E_POINTER,
		  IMFMediaTypeHandler_IsMediaTypeSupported(h, NULL, NULL));

	/* Once a type is current, only it counts. */
	ASSERT_EQ(S_OK, IMFMediaTypeHandler_SetCurrentMediaType(h, other));
	ASSERT_EQ(MF_E_INVALIDMEDIATYPE,
		  IMFMediaTypeHandler_IsMediaTypeSupported(h, same, NULL));
	ASSERT_EQ(S_OK,
		  IMFMediaTypeHandler_IsMediaTypeSupported(h, other, NULL));

	IMFMediaTypeHandler_Release(h);
	ASSERT_EQ(0U, IMFStreamDescriptor_Release(sd));
	ASSERT_EQ(0U, IMFMediaType_Release(offered));
	ASSERT_EQ(0U, IMFMediaType_Release(same));
	ASSERT_EQ(0U, IMFMediaType_Release(other));
}

TEST(handler_keeps_its_stream_descriptor_alive)
{
	IMFMediaType *t = new_type(&MFMediaType_Video, NULL);
	IMFMediaTypeHandler *h;
	IMFStreamDescriptor *sd;
	IUnknown *unk;
	DWORD n;

	ASSERT_EQ(S_OK, MFCreateStreamDescriptor(0, 1, &t, &sd));
	ASSERT_EQ(S_OK, IMFStreamDescriptor_SetUINT32(sd, &MF_SD_PROTECTED, 1));
	ASSERT_EQ(S_OK, IMFStreamDescriptor_GetMediaTypeHandler(sd, &h));
	ASSERT_EQ(2U, refcount(sd));
	ASSERT_EQ(S_OK, IMFMediaTypeHandler_QueryInterface(
				h, &IID_IMFMediaTypeHandler, (void **)&unk));
	ASSERT_EQ((void *)h, (void *)unk);
	IUnknown_Release(unk);
	ASSERT_EQ(1U, IMFStreamDescriptor_Release(sd));
	ASSERT_EQ(S_OK, IMFMediaTypeHandler_GetMediaTypeCount(h, &n));
	ASSERT_EQ(1U, n);
	ASSERT_EQ(0U, IMFMediaTypeHandler_Release(h));
	ASSERT_EQ(0U, IMFMediaType_Release(t));
}

/* ---- IMFPresentationDescriptor ---- */

FIXTURE(pd)
{
	IMFMediaType *type;
	IMFStreamDescriptor *sd[2];
	IMFPresentationDescriptor *pd;
};

FIXTURE_SETUP(pd)
{
	int i;

	self->type = new_type(&MFMediaType_Video, &MFVideoFormat_H264);
	for (i = 0; i < 2; i++)
		ASSERT_EQ(S_OK, MFCreateStreamDescriptor(i, 1, &self->type,
							 &self->sd[i]));
	ASSERT_EQ(S_OK, MFCreatePresentationDescriptor(2, self->sd, &self->pd));
}

FIXTURE_TEARDOWN(pd)
{
	ASSERT_EQ(0U, IMFPresentationDescriptor_Release(self->pd));
	ASSERT_EQ(0U, IMFStreamDescriptor_Release(self->sd[0]));
	ASSERT_EQ(0U, IMFStreamDescriptor_Release(self->sd[1]));
	ASSERT_EQ(0U, IMFMediaType_Release(self->type));
}

TEST_F(pd, creation_checks_its_arguments)
{
	IMFStreamDescriptor *holey[2] = { NULL, self->sd[1] };
	IMFPresentationDescriptor *pd = (void *)1;

	ASSERT_EQ(E_POINTER, MFCreatePresentationDescriptor(2, self->sd, NULL));
	ASSERT_EQ(E_INVALIDARG, MFCreatePresentationDescriptor(2, holey, &pd));
	ASSERT_EQ(NULL, pd);
	ASSERT_EQ(E_INVALIDARG,
		  MFCreatePresentationDescriptor(0, self->sd, &pd));
	ASSERT_EQ(E_INVALIDARG, MFCreatePresentationDescriptor(1, NULL, &pd));
	ASSERT_EQ(2U, refcount(self->sd[1]));
}

TEST_F(pd, streams_are_shared_and_start_deselected)
{
	IMFStreamDescriptor *got;
	BOOL selected = TRUE;
	DWORD n;

	ASSERT_EQ(S_OK, IMFPresentationDescriptor_GetStreamDescriptorCount(
				self->pd, &n));
	ASSERT_EQ(2U, n);
	for (n = 0; n < 2; n++) {
		ASSERT_EQ(S_OK,
			  IMFPresentationDescriptor_GetStreamDescriptorByIndex(
				  self->pd, n, &selected, &got));
		ASSERT_FALSE(selected);
		ASSERT_EQ(self->sd[n], got);
		IMFStreamDescriptor_Release(got);
	}
	ASSERT_EQ(E_INVALIDARG,
		  IMFPresentationDescriptor_GetStreamDescriptorByIndex(
			  self->pd, 10, &selected, &got));
	ASSERT_EQ(E_POINTER,
		  IMFPresentationDescriptor_GetStreamDescriptorByIndex(
			  self->pd, 0, NULL, &got));
	ASSERT_EQ(E_POINTER, IMFPresentationDescriptor_GetStreamDescriptorCount(
				     self->pd, NULL));
}

TEST_F(pd, selection_is_per_stream_and_checked)
{
	IMFStreamDescriptor *got;
	BOOL selected;

	ASSERT_EQ(E_INVALIDARG,
		  IMFPresentationDescriptor_SelectStream(self->pd, 2));
	ASSERT_EQ(E_INVALIDARG,
		  IMFPresentationDescriptor_DeselectStream(self->pd, 2));
	ASSERT_EQ(S_OK, IMFPresentationDescriptor_SelectStream(self->pd, 1));
	ASSERT_EQ(S_OK, IMFPresentationDescriptor_GetStreamDescriptorByIndex(
				self->pd, 1, &selected, &got));
	ASSERT_TRUE(selected);
	IMFStreamDescriptor_Release(got);
	ASSERT_EQ(S_OK, IMFPresentationDescriptor_GetStreamDescriptorByIndex(
				self->pd, 0, &selected, &got));
	ASSERT_FALSE(selected);
	IMFStreamDescriptor_Release(got);
	ASSERT_EQ(S_OK, IMFPresentationDescriptor_DeselectStream(self->pd, 1));
	ASSERT_EQ(S_OK, IMFPresentationDescriptor_GetStreamDescriptorByIndex(
				self->pd, 1, &selected, &got));
	ASSERT_FALSE(selected);
	IMFStreamDescriptor_Release(got);
}

TEST_F(pd, clone_copies_selection_and_attributes_and_shares_streams)
{
	IMFPresentationDescriptor *clone;
	IMFStreamDescriptor *got;
	BOOL selected;
	UINT64 value;

	ASSERT_EQ(S_OK, IMFPresentationDescriptor_SelectStream(self->pd, 0));
	ASSERT_EQ(S_OK, IMFPresentationDescriptor_SetUINT64(
				self->pd, &MF_PD_DURATION, 20000000));
	ASSERT_EQ(E_POINTER, IMFPresentationDescriptor_Clone(self->pd, NULL));
	ASSERT_EQ(S_OK, IMFPresentationDescriptor_Clone(self->pd, &clone));
	ASSERT_NE(self->pd, clone);
	ASSERT_EQ(S_OK, IMFPresentationDescriptor_GetStreamDescriptorByIndex(
				clone, 0, &selected, &got));
	ASSERT_TRUE(selected);
	ASSERT_EQ(self->sd[0], got);
	IMFStreamDescriptor_Release(got);
	ASSERT_EQ(S_OK, IMFPresentationDescriptor_GetUINT64(
				clone, &MF_PD_DURATION, &value));
	ASSERT_EQ(20000000U, value);

	/* From now on the two are independent. */
	ASSERT_EQ(S_OK, IMFPresentationDescriptor_DeselectStream(clone, 0));
	ASSERT_EQ(S_OK, IMFPresentationDescriptor_DeleteAllItems(clone));
	ASSERT_EQ(S_OK, IMFPresentationDescriptor_GetStreamDescriptorByIndex(
				self->pd, 0, &selected, &got));
	ASSERT_TRUE(selected);
	IMFStreamDescriptor_Release(got);
	ASSERT_EQ(S_OK, IMFPresentationDescriptor_GetUINT64(
				self->pd, &MF_PD_DURATION, &value));
	ASSERT_EQ(3U, refcount(self->sd[0]));
	ASSERT_EQ(0U, IMFPresentationDescriptor_Release(clone));
	ASSERT_EQ(2U, refcount(self->sd[0]));
}

TEST_HARNESS_MAIN
