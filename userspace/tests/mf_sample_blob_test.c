// SPDX-License-Identifier: GPL-2.0
/*
 * mf_sample_blob_test.c - samples by value (pmp_sample_serialize,
 * pmp_sample_deserialize): round trips, the wire format, and every
 * malformed or untrustworthy memfd refused with its exact HRESULT
 *
 * Linked with libpmp.a: the functions are internal (lib/mf/sample_blob.h).
 * Offsets and values are those of Documentation/userspace-api/mf.rst,
 * "Samples by value", written here again so that a change of format
 * fails.
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <stdint.h>

#include <initguid.h>
#include <mfapi.h>

#include "com_helpers.h"
#include "mf/sample_blob.h"

#define ALL_SEALS (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL)
#define READ_SEALS (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)
#define MAX_SIZE (64u << 20)

/* The wire format's header. */
#define OFF_VERSION 4
#define OFF_FIELDS 8
#define OFF_FLAGS 12
#define OFF_TIME 16
#define OFF_DURATION 24
#define OFF_ATTRS_SIZE 32
#define OFF_PAYLOAD_SIZE 36
#define HEADER_SIZE 40
#define HAS_TIME 0x1u
#define HAS_DURATION 0x2u
#define HAS_BUFFER 0x4u
/* An attribute blob without items: magic, version, count. */
#define EMPTY_ATTRS_SIZE 12u

/* Attribute keys of the test's own. */
#define TEST_KEY(n) { 0x5a3b10b0, n, 0x4000, { 1, 2, 3, 4, 5, 6, 7, 8 } }
static const GUID KEY_U32 = TEST_KEY(1);
static const GUID KEY_U64 = TEST_KEY(2);
static const GUID KEY_DOUBLE = TEST_KEY(3);
static const GUID KEY_GUID = TEST_KEY(4);
static const GUID KEY_STRING = TEST_KEY(5);
static const GUID KEY_BLOB = TEST_KEY(6);
static const GUID KEY_EMPTY_BLOB = TEST_KEY(7);
static const GUID KEY_UNKNOWN = TEST_KEY(8);

static UINT32 le32(const BYTE *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (UINT32)p[3] << 24;
}

static UINT64 le64(const BYTE *p)
{
	return le32(p) | (UINT64)le32(p + 4) << 32;
}

static void set_le32(BYTE *p, UINT32 v)
{
	int i;

	for (i = 0; i < 4; i++, v >>= 8)
		p[i] = (BYTE)v;
}

/* Adds a new buffer holding @len bytes of @data to @s. */
static void add_bytes(struct __test_metadata *_metadata, IMFSample *s,
		      const void *data, DWORD len)
{
	IMFMediaBuffer *b = NULL;
	BYTE *p;

	ASSERT_HR(S_OK, MFCreateMemoryBuffer(len + 16, &b));
	ASSERT_HR(S_OK, IMFMediaBuffer_Lock(b, &p, NULL, NULL));
	memcpy(p, data, len);
	IMFMediaBuffer_Unlock(b);
	ASSERT_HR(S_OK, IMFMediaBuffer_SetCurrentLength(b, len));
	ASSERT_HR(S_OK, IMFSample_AddBuffer(s, b));
	IMFMediaBuffer_Release(b);
}

/*
 * Serializes @s into a memfd, checked to be sealed every way, close on
 * exec and exactly the size returned; the descriptor and its size.
 */
static int serialize(struct __test_metadata *_metadata, IMFSample *s,
		     DWORD *size)
{
	struct stat st;
	int fd = -2;

	ASSERT_HR(S_OK, pmp_sample_serialize(s, &fd, size));
	ASSERT_LE(0, fd);
	EXPECT_EQ(ALL_SEALS, fcntl(fd, F_GET_SEALS));
	EXPECT_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD));
	ASSERT_EQ(0, fstat(fd, &st));
	EXPECT_EQ((off_t)*size, st.st_size);
	return fd;
}

/* @s serialized and deserialized: the new sample. */
static IMFSample *round_trip(struct __test_metadata *_metadata, IMFSample *s)
{
	IMFSample *copy = POISON;
	DWORD size = 0;
	int fd = serialize(_metadata, s, &size);

	EXPECT_HR(S_OK, pmp_sample_deserialize(fd, size, size, &copy));
	close(fd);
	ASSERT_NE(NULL, copy);
	ASSERT_NE(POISON, copy);
	return copy;
}

/*
 * Asserts that @s has exactly one buffer, a memory buffer whose maximum
 * and current lengths are @len and whose bytes are @want's.
 */
static void assert_one_buffer(struct __test_metadata *_metadata,
			      IMFSample *s, const void *want, DWORD len)
{
	IMFMediaBuffer *b = NULL;
	DWORD count = 0, max = 1, cur = 1;
	BYTE *p;

	ASSERT_HR(S_OK, IMFSample_GetBufferCount(s, &count));
	ASSERT_EQ(1u, count);
	ASSERT_HR(S_OK, IMFSample_GetBufferByIndex(s, 0, &b));
	ASSERT_HR(S_OK, IMFMediaBuffer_Lock(b, &p, &max, &cur));
	EXPECT_EQ(len, max);
	EXPECT_EQ(len, cur);
	EXPECT_EQ(0, memcmp(want, p, len));
	IMFMediaBuffer_Unlock(b);
	IMFMediaBuffer_Release(b);
}

/* ---- round trips ---- */

TEST(sample_without_buffer_stays_without_buffer)
{
	IMFSample *s = NULL, *copy;
	LONGLONG t = 0;
	DWORD count = 1;

	ASSERT_HR(S_OK, MFCreateSample(&s));
	ASSERT_HR(S_OK, IMFSample_SetSampleTime(s, 1234567));
	ASSERT_HR(S_OK, IMFSample_SetSampleDuration(s, 400000));
	copy = round_trip(_metadata, s);
	ASSERT_HR(S_OK, IMFSample_GetBufferCount(copy, &count));
	EXPECT_EQ(0u, count);
	EXPECT_HR(S_OK, IMFSample_GetSampleTime(copy, &t));
	EXPECT_EQ(1234567, t);
	EXPECT_HR(S_OK, IMFSample_GetSampleDuration(copy, &t));
	EXPECT_EQ(400000, t);
	IMFSample_Release(copy);
	IMFSample_Release(s);
}

FIXTURE(payload) {
	IMFSample *sample;
};

FIXTURE_VARIANT(payload) {
	const char *pieces[4];	/* a buffer each, up to a NULL */
	bool first_again;	/* the first buffer in the sample twice */
	const char *want;
};

FIXTURE_VARIANT_ADD(payload, one_buffer) {
	.pieces = { "hello" }, .want = "hello",
};

FIXTURE_VARIANT_ADD(payload, one_empty_buffer) {
	.pieces = { "" }, .want = "",
};

FIXTURE_VARIANT_ADD(payload, several_buffers_joined_in_order) {
	.pieces = { "abc", "", "defgh" }, .want = "abcdefgh",
};

FIXTURE_VARIANT_ADD(payload, same_buffer_twice) {
	.pieces = { "abc", "de" }, .first_again = true, .want = "abcdeabc",
};

FIXTURE_SETUP(payload)
{
	IMFMediaBuffer *first = NULL;
	int i;

	ASSERT_HR(S_OK, MFCreateSample(&self->sample));
	for (i = 0; i < 4 && variant->pieces[i]; i++)
		add_bytes(_metadata, self->sample, variant->pieces[i],
			  strlen(variant->pieces[i]));
	if (variant->first_again) {
		ASSERT_HR(S_OK, IMFSample_GetBufferByIndex(self->sample, 0,
							   &first));
		ASSERT_HR(S_OK, IMFSample_AddBuffer(self->sample, first));
		IMFMediaBuffer_Release(first);
	}
}

FIXTURE_TEARDOWN(payload)
{
	IMFSample_Release(self->sample);
}

TEST_F(payload, arrives_as_one_buffer_of_exactly_its_length)
{
	IMFSample *copy = round_trip(_metadata, self->sample);

	assert_one_buffer(_metadata, copy, variant->want,
			  strlen(variant->want));
	IMFSample_Release(copy);
}

TEST(payload_of_megabytes_arrives_whole)
{
	const DWORD len = (5u << 20) + 3, half = 1u << 20;
	IMFSample *s = NULL, *copy;
	BYTE *bytes = malloc(len);
	DWORD i;

	ASSERT_NE(NULL, bytes);
	for (i = 0; i < len; i++)
		bytes[i] = (BYTE)(i * 31 + i / 4096);
	ASSERT_HR(S_OK, MFCreateSample(&s));
	add_bytes(_metadata, s, bytes, half);
	add_bytes(_metadata, s, bytes + half, len - half);
	copy = round_trip(_metadata, s);
	assert_one_buffer(_metadata, copy, bytes, len);
	IMFSample_Release(copy);
	IMFSample_Release(s);
	free(bytes);
}

TEST(every_attribute_type_crosses_but_iunknown)
{
	static const BYTE blob[] = { 0, 1, 2, 0xfe, 0xff };
	const GUID guid = { 0x01234567, 0x89ab, 0xcdef,
			    { 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10 } };
	IMFAttributes *other = NULL;
	IMFSample *s = NULL, *copy;
	UINT32 count = 0, u32 = 0, len = 0;
	WCHAR str[16] = { 0 };
	BYTE back[8] = { 0 };
	BOOL same = FALSE;
	UINT64 u64 = 0;
	double d = 0;
	GUID g = { 0 };
	IUnknown *unk = POISON;

	ASSERT_HR(S_OK, MFCreateSample(&s));
	ASSERT_HR(S_OK, MFCreateAttributes(&other, 0));
	ASSERT_HR(S_OK, IMFSample_SetUINT32(s, &KEY_U32, 0xfedcba98));
	ASSERT_HR(S_OK, IMFSample_SetUINT64(s, &KEY_U64,
					    0x0123456789abcdefull));
	ASSERT_HR(S_OK, IMFSample_SetDouble(s, &KEY_DOUBLE, -2.5e-7));
	ASSERT_HR(S_OK, IMFSample_SetGUID(s, &KEY_GUID, &guid));
	ASSERT_HR(S_OK, IMFSample_SetString(s, &KEY_STRING, u"clé 1"));
	ASSERT_HR(S_OK, IMFSample_SetBlob(s, &KEY_BLOB, blob, sizeof(blob)));
	ASSERT_HR(S_OK, IMFSample_SetBlob(s, &KEY_EMPTY_BLOB, blob, 0));
	ASSERT_HR(S_OK, IMFSample_SetUnknown(s, &KEY_UNKNOWN,
					     (IUnknown *)other));
	copy = round_trip(_metadata, s);

	ASSERT_HR(S_OK, IMFSample_GetCount(copy, &count));
	EXPECT_EQ(7u, count);
	EXPECT_HR(S_OK, IMFSample_GetUINT32(copy, &KEY_U32, &u32));
	EXPECT_EQ(0xfedcba98, u32);
	EXPECT_HR(S_OK, IMFSample_GetUINT64(copy, &KEY_U64, &u64));
	EXPECT_EQ(0x0123456789abcdefull, u64);
	EXPECT_HR(S_OK, IMFSample_GetDouble(copy, &KEY_DOUBLE, &d));
	EXPECT_EQ(-2.5e-7, d);
	EXPECT_HR(S_OK, IMFSample_GetGUID(copy, &KEY_GUID, &g));
	EXPECT_EQ(0, memcmp(&guid, &g, sizeof(g)));
	EXPECT_HR(S_OK, IMFSample_GetString(copy, &KEY_STRING, str, 16, &len));
	EXPECT_EQ(5u, len);
	EXPECT_EQ(0, memcmp(u"clé 1", str, 6 * sizeof(WCHAR)));
	EXPECT_HR(S_OK, IMFSample_GetBlob(copy, &KEY_BLOB, back, sizeof(back),
					  &len));
	EXPECT_EQ(sizeof(blob), len);
	EXPECT_EQ(0, memcmp(blob, back, sizeof(blob)));
	EXPECT_HR(S_OK, IMFSample_GetBlobSize(copy, &KEY_EMPTY_BLOB, &len));
	EXPECT_EQ(0u, len);
	EXPECT_HR(MF_E_ATTRIBUTENOTFOUND,
		  IMFSample_GetUnknown(copy, &KEY_UNKNOWN, &IID_IUnknown,
				       (void **)&unk));
	/* Everything the copy has, the original has, equal. */
	EXPECT_HR(S_OK, IMFSample_Compare(copy, (IMFAttributes *)s,
					  MF_ATTRIBUTES_MATCH_OUR_ITEMS,
					  &same));
	EXPECT_TRUE(same);
	IMFSample_Release(copy);
	IMFSample_Release(s);
	IMFAttributes_Release(other);
}

FIXTURE(times) {
	IMFSample *copy;
};

FIXTURE_VARIANT(times) {
	bool has_time;
	LONGLONG time;
	bool has_duration;
	LONGLONG duration;
};

FIXTURE_VARIANT_ADD(times, both_unset) {
	.has_time = false, .has_duration = false,
};

FIXTURE_VARIANT_ADD(times, both_zero) {
	.has_time = true, .time = 0, .has_duration = true, .duration = 0,
};

FIXTURE_VARIANT_ADD(times, zero_time_unset_duration) {
	.has_time = true, .time = 0, .has_duration = false,
};

FIXTURE_VARIANT_ADD(times, unset_time_zero_duration) {
	.has_time = false, .has_duration = true, .duration = 0,
};

FIXTURE_VARIANT_ADD(times, extremes) {
	.has_time = true, .time = INT64_MIN, .has_duration = true,
	.duration = INT64_MAX,
};

FIXTURE_VARIANT_ADD(times, negative_time) {
	.has_time = true, .time = -1, .has_duration = true, .duration = 1,
};

FIXTURE_SETUP(times)
{
	IMFSample *s = NULL;

	ASSERT_HR(S_OK, MFCreateSample(&s));
	if (variant->has_time)
		ASSERT_HR(S_OK, IMFSample_SetSampleTime(s, variant->time));
	if (variant->has_duration)
		ASSERT_HR(S_OK, IMFSample_SetSampleDuration(s,
							    variant->duration));
	self->copy = round_trip(_metadata, s);
	IMFSample_Release(s);
}

FIXTURE_TEARDOWN(times)
{
	if (self->copy)
		IMFSample_Release(self->copy);
}

TEST_F(times, unset_stays_distinct_from_zero)
{
	LONGLONG t = 77;

	if (variant->has_time) {
		ASSERT_HR(S_OK, IMFSample_GetSampleTime(self->copy, &t));
		ASSERT_EQ(variant->time, t);
	} else {
		ASSERT_HR(MF_E_NO_SAMPLE_TIMESTAMP,
			  IMFSample_GetSampleTime(self->copy, &t));
	}
	if (variant->has_duration) {
		ASSERT_HR(S_OK, IMFSample_GetSampleDuration(self->copy, &t));
		ASSERT_EQ(variant->duration, t);
	} else {
		ASSERT_HR(MF_E_NO_SAMPLE_DURATION,
			  IMFSample_GetSampleDuration(self->copy, &t));
	}
}

TEST(sample_flags_cross_bit_for_bit)
{
	static const DWORD flags[] = { 0, 1, 0x80000001, 0xffffffff };
	IMFSample *s = NULL, *copy;
	DWORD got;
	size_t i;

	ASSERT_HR(S_OK, MFCreateSample(&s));
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		ASSERT_HR(S_OK, IMFSample_SetSampleFlags(s, flags[i]));
		copy = round_trip(_metadata, s);
		got = ~flags[i];
		EXPECT_HR(S_OK, IMFSample_GetSampleFlags(copy, &got));
		EXPECT_EQ(flags[i], got);
		IMFSample_Release(copy);
	}
	IMFSample_Release(s);
}

TEST(wire_format_is_the_documented_one)
{
	IMFSample *s = NULL;
	BYTE b[64] = { 0 };
	DWORD size = 0;
	int fd;

	ASSERT_HR(S_OK, MFCreateSample(&s));
	ASSERT_HR(S_OK, IMFSample_SetSampleTime(s, 0x0102030405060708ll));
	ASSERT_HR(S_OK, IMFSample_SetSampleFlags(s, 0x11223344));
	add_bytes(_metadata, s, "xyz", 3);
	fd = serialize(_metadata, s, &size);
	ASSERT_EQ(HEADER_SIZE + EMPTY_ATTRS_SIZE + 3, size);
	ASSERT_EQ((ssize_t)size, read_memfd(fd, b, sizeof(b)));
	close(fd);
	EXPECT_EQ(0, memcmp("PMPS", b, 4));
	EXPECT_EQ(1u, le32(b + OFF_VERSION));
	EXPECT_EQ(HAS_TIME | HAS_BUFFER, le32(b + OFF_FIELDS));
	EXPECT_EQ(0x11223344u, le32(b + OFF_FLAGS));
	EXPECT_EQ(0x0102030405060708ull, le64(b + OFF_TIME));
	EXPECT_EQ(0u, le64(b + OFF_DURATION));
	EXPECT_EQ(EMPTY_ATTRS_SIZE, le32(b + OFF_ATTRS_SIZE));
	EXPECT_EQ(3u, le32(b + OFF_PAYLOAD_SIZE));
	EXPECT_EQ(0, memcmp("PMPA", b + HEADER_SIZE, 4));
	EXPECT_EQ(0, memcmp("xyz", b + HEADER_SIZE + EMPTY_ATTRS_SIZE, 3));
	IMFSample_Release(s);
}

TEST(memfd_sealed_against_change_only_is_enough)
{
	IMFSample *s = NULL, *copy = NULL;
	BYTE b[128];
	DWORD size = 0;
	int fd;

	ASSERT_HR(S_OK, MFCreateSample(&s));
	add_bytes(_metadata, s, "frame", 5);
	fd = serialize(_metadata, s, &size);
	ASSERT_EQ((ssize_t)size, read_memfd(fd, b, sizeof(b)));
	close(fd);
	/* Without F_SEAL_SEAL, and longer than the sample: still taken. */
	b[size] = 0xee;
	fd = sealed_memfd(b, size + 1, READ_SEALS);
	ASSERT_LE(0, fd);
	ASSERT_HR(S_OK, pmp_sample_deserialize(fd, size, size, &copy));
	assert_one_buffer(_metadata, copy, "frame", 5);
	close(fd);
	IMFSample_Release(copy);
	IMFSample_Release(s);
}

/* ---- serializing: refusals ---- */

TEST(serialize_refuses_null_pointers)
{
	IMFSample *s = NULL;
	DWORD size = 99;
	int fd = 99;

	ASSERT_HR(S_OK, MFCreateSample(&s));
	EXPECT_HR(E_POINTER, pmp_sample_serialize(NULL, &fd, &size));
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(0u, size);
	EXPECT_HR(E_POINTER, pmp_sample_serialize(s, NULL, &size));
	EXPECT_HR(E_POINTER, pmp_sample_serialize(s, &fd, NULL));
	IMFSample_Release(s);
}

/*
 * A buffer that claims any current length over one byte of memory, and
 * counts its references and locks: the serializer must refuse what does
 * not fit before it reads a byte, and give everything back.
 */
struct fake_buffer {
	IMFMediaBuffer iface;
	LONG refs;
	LONG locks;
	DWORD length;
	HRESULT lock_hr;
	BYTE byte;
};

static struct fake_buffer *fake_from(IMFMediaBuffer *iface)
{
	return (struct fake_buffer *)iface;
}

static HRESULT STDMETHODCALLTYPE fake_QueryInterface(IMFMediaBuffer *iface,
						     REFIID riid, void **ppv)
{
	if (!IsEqualGUID(riid, &IID_IUnknown) &&
	    !IsEqualGUID(riid, &IID_IMFMediaBuffer)) {
		*ppv = NULL;
		return E_NOINTERFACE;
	}
	*ppv = iface;
	IMFMediaBuffer_AddRef(iface);
	return S_OK;
}

static ULONG STDMETHODCALLTYPE fake_AddRef(IMFMediaBuffer *iface)
{
	return ++fake_from(iface)->refs;
}

static ULONG STDMETHODCALLTYPE fake_Release(IMFMediaBuffer *iface)
{
	return --fake_from(iface)->refs;
}

static HRESULT STDMETHODCALLTYPE fake_Lock(IMFMediaBuffer *iface, BYTE **data,
					   DWORD *max, DWORD *cur)
{
	struct fake_buffer *f = fake_from(iface);

	if (FAILED(f->lock_hr))
		return f->lock_hr;
	f->locks++;
	*data = &f->byte;
	if (max)
		*max = f->length;
	if (cur)
		*cur = f->length;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE fake_Unlock(IMFMediaBuffer *iface)
{
	fake_from(iface)->locks--;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE fake_GetLength(IMFMediaBuffer *iface,
						DWORD *len)
{
	*len = fake_from(iface)->length;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE fake_SetCurrentLength(IMFMediaBuffer *iface,
						       DWORD len)
{
	fake_from(iface)->length = len;
	return S_OK;
}

static const IMFMediaBufferVtbl fake_vtbl = {
	.QueryInterface = fake_QueryInterface,
	.AddRef = fake_AddRef,
	.Release = fake_Release,
	.Lock = fake_Lock,
	.Unlock = fake_Unlock,
	.GetCurrentLength = fake_GetLength,
	.SetCurrentLength = fake_SetCurrentLength,
	.GetMaxLength = fake_GetLength,
};

FIXTURE(unserializable) {
	struct fake_buffer fake[2];
	IMFSample *sample;
};

FIXTURE_VARIANT(unserializable) {
	DWORD lengths[2];
	HRESULT lock_hr;
	HRESULT want;
};

/* Header (40) + empty attributes (12) + this = 2^32 bytes. */
FIXTURE_VARIANT_ADD(unserializable, one_byte_more_than_a_dword) {
	.lengths = { 0xffffffffu - 51, 0 }, .want = E_INVALIDARG,
};

/* Two halves whose 32-bit sum wraps to 0. */
FIXTURE_VARIANT_ADD(unserializable, lengths_wrapping_a_dword) {
	.lengths = { 0x80000000u, 0x80000000u }, .want = E_INVALIDARG,
};

FIXTURE_VARIANT_ADD(unserializable, buffer_lock_failing) {
	.lengths = { 1, 1 }, .lock_hr = MF_E_INVALIDREQUEST,
	.want = MF_E_INVALIDREQUEST,
};

FIXTURE_SETUP(unserializable)
{
	int i;

	ASSERT_HR(S_OK, MFCreateSample(&self->sample));
	for (i = 0; i < 2; i++) {
		self->fake[i] = (struct fake_buffer){
			.iface.lpVtbl = &fake_vtbl,
			.refs = 1,
			.length = variant->lengths[i],
			.lock_hr = i ? variant->lock_hr : S_OK,
		};
		ASSERT_HR(S_OK, IMFSample_AddBuffer(self->sample,
						    &self->fake[i].iface));
	}
}

FIXTURE_TEARDOWN(unserializable)
{
	IMFSample_Release(self->sample);
}

TEST_F(unserializable, is_refused_with_every_buffer_given_back)
{
	DWORD size = 99;
	int fd = 99, i;

	ASSERT_HR(variant->want,
		  pmp_sample_serialize(self->sample, &fd, &size));
	ASSERT_EQ(-1, fd);
	ASSERT_EQ(0u, size);
	for (i = 0; i < 2; i++) {
		/* The sample's reference only, no lock left. */
		EXPECT_EQ(2, self->fake[i].refs);
		EXPECT_EQ(0, self->fake[i].locks);
	}
}

/* ---- deserializing: refusals ---- */

/*
 * A sample with everything: time, duration, flags, an attribute and two
 * buffers.
 */
static IMFSample *good_sample(struct __test_metadata *_metadata)
{
	IMFSample *s = NULL;

	ASSERT_HR(S_OK, MFCreateSample(&s));
	ASSERT_HR(S_OK, IMFSample_SetSampleTime(s, 400000));
	ASSERT_HR(S_OK, IMFSample_SetSampleDuration(s, 400000));
	ASSERT_HR(S_OK, IMFSample_SetSampleFlags(s, 3));
	ASSERT_HR(S_OK, IMFSample_SetUINT32(s, &KEY_U32, 7));
	add_bytes(_metadata, s, "pay", 3);
	add_bytes(_metadata, s, "load", 4);
	return s;
}

/* good_sample()'s bytes. */
static DWORD good_bytes(struct __test_metadata *_metadata, BYTE *b,
			size_t cap)
{
	IMFSample *s = good_sample(_metadata);
	DWORD size = 0;
	int fd;

	fd = serialize(_metadata, s, &size);
	ASSERT_EQ((ssize_t)size, read_memfd(fd, b, cap));
	close(fd);
	IMFSample_Release(s);
	return size;
}

/* Asserts that @size bytes of @b in a sealed memfd are E_INVALIDARG. */
static void assert_refused(struct __test_metadata *_metadata, const BYTE *b,
			   DWORD size)
{
	IMFSample *out = POISON;
	int fd = sealed_memfd(b, size, ALL_SEALS);

	ASSERT_LE(0, fd);
	EXPECT_HR(E_INVALIDARG, pmp_sample_deserialize(fd, size, MAX_SIZE,
							&out));
	EXPECT_EQ(NULL, out);
	close(fd);
	/* The same bytes in a call (PushSampleBytes, ReadOutputBytes). */
	out = POISON;
	EXPECT_HR(E_INVALIDARG, pmp_sample_deserialize_bytes(b, size, MAX_SIZE,
							      &out));
	EXPECT_EQ(NULL, out);
}

TEST(good_bytes_are_taken)
{
	IMFSample *out = NULL;
	BYTE b[256];
	DWORD size = good_bytes(_metadata, b, sizeof(b));
	int fd = sealed_memfd(b, size, ALL_SEALS);

	ASSERT_LE(0, fd);
	ASSERT_HR(S_OK, pmp_sample_deserialize(fd, size, size, &out));
	assert_one_buffer(_metadata, out, "payload", 7);
	IMFSample_Release(out);
	close(fd);
}

TEST(inline_bytes_are_the_memfds_and_read_back_alike)
{
	BYTE b[256], inl[256];
	DWORD size = good_bytes(_metadata, b, sizeof(b)), length = 0, fsize;
	IMFSample *s = good_sample(_metadata), *out = NULL;
	int fd = -2;

	/* Room for exactly the sample: in the buffer, no memfd. */
	fsize = 99;
	ASSERT_HR(S_OK, pmp_sample_serialize_inline(s, inl, size, &length, &fd,
						    &fsize));
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(0u, fsize);
	ASSERT_EQ(size, length);
	EXPECT_EQ(0, memcmp(b, inl, size));
	ASSERT_HR(S_OK, pmp_sample_deserialize_bytes(inl, length, size, &out));
	assert_one_buffer(_metadata, out, "payload", 7);
	IMFSample_Release(out);
	/* One byte less: the memfd pmp_sample_serialize() makes. */
	length = 99;
	ASSERT_HR(S_OK, pmp_sample_serialize_inline(s, inl, size - 1, &length,
						    &fd, &fsize));
	EXPECT_EQ(0u, length);
	ASSERT_LE(0, fd);
	EXPECT_EQ(ALL_SEALS, fcntl(fd, F_GET_SEALS));
	EXPECT_EQ(size, fsize);
	ASSERT_EQ((ssize_t)size, read_memfd(fd, inl, sizeof(inl)));
	EXPECT_EQ(0, memcmp(b, inl, size));
	close(fd);
	IMFSample_Release(s);
}

TEST(inline_functions_check_their_pointers_and_bounds)
{
	IMFSample *s = NULL, *out = POISON;
	BYTE b[256];
	DWORD size = good_bytes(_metadata, b, sizeof(b)), length, fsize;
	int fd;

	ASSERT_HR(S_OK, MFCreateSample(&s));
	EXPECT_HR(E_POINTER, pmp_sample_serialize_inline(s, NULL, 16, &length,
							 &fd, &fsize));
	EXPECT_HR(E_POINTER, pmp_sample_serialize_inline(s, b, 16, NULL, &fd,
							 &fsize));
	EXPECT_HR(E_POINTER, pmp_sample_serialize_inline(s, b, 16, &length,
							 NULL, &fsize));
	EXPECT_HR(E_POINTER, pmp_sample_serialize_inline(NULL, b, 16, &length,
							 &fd, &fsize));
	EXPECT_EQ(-1, fd);
	EXPECT_HR(E_POINTER, pmp_sample_deserialize_bytes(NULL, size, size,
							  &out));
	EXPECT_EQ(NULL, out);
	EXPECT_HR(E_POINTER, pmp_sample_deserialize_bytes(b, size, size, NULL));
	/* Above the caller's most, and below a header's size. */
	out = POISON;
	EXPECT_HR(E_INVALIDARG, pmp_sample_deserialize_bytes(b, size, size - 1,
							      &out));
	EXPECT_EQ(NULL, out);
	EXPECT_HR(E_INVALIDARG, pmp_sample_deserialize_bytes(b, 0, size, &out));
	/* The control: the same bytes within bounds. */
	ASSERT_HR(S_OK, pmp_sample_deserialize_bytes(b, size, size, &out));
	IMFSample_Release(out);
	IMFSample_Release(s);
}

TEST(sample_cut_anywhere_is_refused)
{
	IMFSample *out = POISON;
	BYTE b[256];
	DWORD size = good_bytes(_metadata, b, sizeof(b)), n;
	int fd = sealed_memfd(b, size, ALL_SEALS);
	HRESULT hr;

	ASSERT_LE(0, fd);
	for (n = 1; n < size; n++) {
		/* In a memfd of just those bytes... */
		assert_refused(_metadata, b, n);
		/* ...and as a size shorter than the memfd. */
		hr = pmp_sample_deserialize(fd, n, MAX_SIZE, &out);
		EXPECT_EQ(E_INVALIDARG, hr)
			TH_LOG("cut at %u: 0x%08x", n, (unsigned int)hr);
		EXPECT_EQ(NULL, out);
	}
	close(fd);
}

TEST(deserialize_refuses_a_null_out)
{
	BYTE b[256];
	DWORD size = good_bytes(_metadata, b, sizeof(b));
	int fd = sealed_memfd(b, size, ALL_SEALS);

	ASSERT_LE(0, fd);
	EXPECT_HR(E_POINTER, pmp_sample_deserialize(fd, size, size, NULL));
	close(fd);
}

FIXTURE(malformed) {
	BYTE b[256];
	DWORD size;
};

FIXTURE_VARIANT(malformed) {
	/* Changes the good bytes at @b, or their size. */
	void (*spoil)(BYTE *b, DWORD *size);
};

static void add_at(BYTE *b, int off, UINT32 delta)
{
	set_le32(b + off, le32(b + off) + delta);
}

static void bad_magic(BYTE *b, DWORD *size)
{
	memcpy(b, "PMPT", 4); /* a topology's */
}

static void version_0(BYTE *b, DWORD *size)
{
	set_le32(b + OFF_VERSION, 0);
}

static void version_2(BYTE *b, DWORD *size)
{
	set_le32(b + OFF_VERSION, 2);
}

static void unknown_field(BYTE *b, DWORD *size)
{
	add_at(b, OFF_FIELDS, 0x8);
}

static void time_while_unset(BYTE *b, DWORD *size)
{
	add_at(b, OFF_FIELDS, -HAS_TIME);
}

static void duration_while_unset(BYTE *b, DWORD *size)
{
	add_at(b, OFF_FIELDS, -HAS_DURATION);
}

static void payload_without_buffer(BYTE *b, DWORD *size)
{
	add_at(b, OFF_FIELDS, -HAS_BUFFER);
}

static void attrs_beyond_size(BYTE *b, DWORD *size)
{
	add_at(b, OFF_ATTRS_SIZE, 1);
}

static void payload_beyond_size(BYTE *b, DWORD *size)
{
	add_at(b, OFF_PAYLOAD_SIZE, 1);
}

static void payload_short_of_size(BYTE *b, DWORD *size)
{
	add_at(b, OFF_PAYLOAD_SIZE, -1);
}

/* Both sizes 2^31 more: their 32-bit sum is the size again. */
static void sizes_wrapping(BYTE *b, DWORD *size)
{
	add_at(b, OFF_ATTRS_SIZE, 0x80000000u);
	add_at(b, OFF_PAYLOAD_SIZE, 0x80000000u);
}

static void attrs_size_all_ones(BYTE *b, DWORD *size)
{
	set_le32(b + OFF_ATTRS_SIZE, 0xffffffffu);
}

/* The sum right, the attribute blob one byte longer: it has a trailer. */
static void attrs_into_payload(BYTE *b, DWORD *size)
{
	add_at(b, OFF_ATTRS_SIZE, 1);
	add_at(b, OFF_PAYLOAD_SIZE, -1);
}

/* The sum right, the attribute blob one byte short: it is cut. */
static void payload_into_attrs(BYTE *b, DWORD *size)
{
	add_at(b, OFF_ATTRS_SIZE, -1);
	add_at(b, OFF_PAYLOAD_SIZE, 1);
}

static void no_attrs(BYTE *b, DWORD *size)
{
	add_at(b, OFF_PAYLOAD_SIZE, le32(b + OFF_ATTRS_SIZE));
	set_le32(b + OFF_ATTRS_SIZE, 0);
}

static void bad_attrs_magic(BYTE *b, DWORD *size)
{
	b[HEADER_SIZE] ^= 1;
}

static void trailing_byte(BYTE *b, DWORD *size)
{
	b[(*size)++] = 0;
}

/* clang-format off */
#define MALFORMED(name) \
	FIXTURE_VARIANT_ADD(malformed, name) { .spoil = name, }
/* clang-format on */
MALFORMED(bad_magic);
MALFORMED(version_0);
MALFORMED(version_2);
MALFORMED(unknown_field);
MALFORMED(time_while_unset);
MALFORMED(duration_while_unset);
MALFORMED(payload_without_buffer);
MALFORMED(attrs_beyond_size);
MALFORMED(payload_beyond_size);
MALFORMED(payload_short_of_size);
MALFORMED(sizes_wrapping);
MALFORMED(attrs_size_all_ones);
MALFORMED(attrs_into_payload);
MALFORMED(payload_into_attrs);
MALFORMED(no_attrs);
MALFORMED(bad_attrs_magic);
MALFORMED(trailing_byte);

FIXTURE_SETUP(malformed)
{
	self->size = good_bytes(_metadata, self->b, sizeof(self->b) - 1);
}

FIXTURE_TEARDOWN(malformed)
{
}

TEST_F(malformed, is_einvalidarg)
{
	variant->spoil(self->b, &self->size);
	assert_refused(_metadata, self->b, self->size);
}

/* Good bytes in what cannot be trusted to hold them still. */
FIXTURE(untrusted) {
	BYTE b[256];
	DWORD size;
	int fd;
};

enum holder { MEMFD, PLAIN_FILE, PIPE, NO_FD };

FIXTURE_VARIANT(untrusted) {
	enum holder holder;
	int seals;
	int size_delta;	/* the size asked, against the bytes' */
	int max_delta;	/* the most accepted, against the bytes' */
};

FIXTURE_VARIANT_ADD(untrusted, unsealed_memfd) {
	.holder = MEMFD, .seals = 0,
};

FIXTURE_VARIANT_ADD(untrusted, memfd_sealed_against_writing_only) {
	.holder = MEMFD, .seals = F_SEAL_WRITE,
};

FIXTURE_VARIANT_ADD(untrusted, growable_memfd) {
	.holder = MEMFD, .seals = F_SEAL_SHRINK | F_SEAL_WRITE,
};

FIXTURE_VARIANT_ADD(untrusted, shrinkable_memfd) {
	.holder = MEMFD, .seals = F_SEAL_GROW | F_SEAL_WRITE,
};

FIXTURE_VARIANT_ADD(untrusted, writable_memfd) {
	.holder = MEMFD, .seals = F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL,
};

FIXTURE_VARIANT_ADD(untrusted, plain_file) {
	.holder = PLAIN_FILE,
};

FIXTURE_VARIANT_ADD(untrusted, pipe) {
	.holder = PIPE,
};

FIXTURE_VARIANT_ADD(untrusted, no_descriptor) {
	.holder = NO_FD,
};

FIXTURE_VARIANT_ADD(untrusted, size_above_max) {
	.holder = MEMFD, .seals = ALL_SEALS, .max_delta = -1,
};

FIXTURE_VARIANT_ADD(untrusted, size_beyond_the_memfd) {
	.holder = MEMFD, .seals = ALL_SEALS, .size_delta = 1, .max_delta = 1,
};

FIXTURE_SETUP(untrusted)
{
	char path[] = "/tmp/pmp-sample-XXXXXX";
	int p[2];

	self->size = good_bytes(_metadata, self->b, sizeof(self->b));
	switch (variant->holder) {
	case MEMFD:
		self->fd = sealed_memfd(self->b, self->size, variant->seals);
		break;
	case PLAIN_FILE:
		self->fd = mkostemp(path, O_CLOEXEC);
		ASSERT_LE(0, self->fd);
		unlink(path);
		ASSERT_EQ((ssize_t)self->size,
			  write(self->fd, self->b, self->size));
		break;
	case PIPE:
		ASSERT_EQ(0, pipe2(p, O_CLOEXEC));
		ASSERT_EQ((ssize_t)self->size, write(p[1], self->b,
						     self->size));
		close(p[1]);
		self->fd = p[0];
		break;
	case NO_FD:
		self->fd = -1;
		return;
	}
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(untrusted)
{
	if (self->fd >= 0)
		close(self->fd);
}

TEST_F(untrusted, is_einvalidarg)
{
	IMFSample *out = POISON;

	ASSERT_HR(E_INVALIDARG,
		  pmp_sample_deserialize(self->fd,
					 self->size + variant->size_delta,
					 self->size + variant->max_delta,
					 &out));
	ASSERT_EQ(NULL, out);
}

TEST(size_zero_is_einvalidarg)
{
	IMFSample *out = POISON;
	BYTE b[256];
	DWORD size = good_bytes(_metadata, b, sizeof(b));
	int fd = sealed_memfd(b, size, ALL_SEALS);

	ASSERT_LE(0, fd);
	ASSERT_HR(E_INVALIDARG, pmp_sample_deserialize(fd, 0, size, &out));
	ASSERT_EQ(NULL, out);
	close(fd);
}

TEST_HARNESS_MAIN
