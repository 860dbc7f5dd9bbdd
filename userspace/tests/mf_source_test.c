// SPDX-License-Identifier: GPL-2.0
/*
 * mf_source_test.c - MFCreateSourceResolver, IMFSourceResolver and the
 * media source it makes of a local file, through the COM API only, on
 * clips ffmpeg makes at test time: the presentation a file gives, every
 * sample of it against ffprobe and the file's own bytes, the Common
 * Encryption attributes of encrypted samples (which decrypt to the clear
 * clip's), the source's states and events, and every refusal
 *
 * The expected HRESULTs and events are Windows' as Microsoft documents
 * them and Wine's mfplat tests record them, or pmp's decisions
 * (Documentation/userspace-api/mf.rst, "The media source").  It needs
 * ffmpeg and ffprobe with libx264 on PATH (tools/deps.sh).
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <sys/stat.h>

#include <mfapi.h>
#include <mfidl.h>
#include <pmpmedia.h>

#include "com_helpers.h"
#include "media_clips.h"

#define HNS 10000000LL

__attribute__((constructor)) static void make_clips(void)
{
	if (!clips_begin("pmp-source"))
		return;
	clips_make_set();
	clips_run("ffmpeg -nostdin -v error -y -f lavfi "
		  "-i sine=frequency=440:sample_rate=48000 -t 1 -c:a aac "
		  "audio.mp4");
	clips_run("ffmpeg -nostdin -v error -y -f lavfi "
		  "-i testsrc2=size=128x96:rate=25 -frames:v 5 -c:v mpeg4 "
		  "mpeg4.mp4");
	clips_run("head -c 20000 clear.mp4 > cut.mp4 && mkfifo fifo.mp4");
}

__attribute__((destructor)) static void remove_clips(void)
{
	clips_remove();
}

#define ASSERT_CLIPS() \
	ASSERT_EQ(0, clips_failed[0]) TH_LOG("%s", clips_failed)

/* @s (ASCII) as a 16-bit string, in one of four static buffers. */
static const WCHAR *wide(const char *s)
{
	static WCHAR bufs[4][PATH_MAX + 64];
	static int next;
	WCHAR *w = bufs[next++ % 4];
	size_t i;

	for (i = 0; s[i] && i < PATH_MAX + 63; i++)
		w[i] = (unsigned char)s[i];
	w[i] = 0;
	return w;
}

/* Releases @obj: the call macros would evaluate a call in it twice. */
static void drop(void *obj)
{
	IUnknown_Release((IUnknown *)obj);
}

/* A source of clip @name, made by CreateObjectFromURL. */
static IMFMediaSource *open_clip(struct __test_metadata *_metadata,
				 const char *name)
{
	IMFSourceResolver *resolver;
	MF_OBJECT_TYPE type = MF_OBJECT_INVALID;
	IMFMediaSource *source;
	IUnknown *obj = NULL;

	ASSERT_CLIPS();
	ASSERT_HR(S_OK, MFCreateSourceResolver(&resolver));
	ASSERT_HR(S_OK, IMFSourceResolver_CreateObjectFromURL(
				resolver, wide(clip(0, name)),
				MF_RESOLUTION_MEDIASOURCE, NULL, &type, &obj));
	ASSERT_EQ(MF_OBJECT_MEDIASOURCE, (int)type);
	ASSERT_HR(S_OK, IUnknown_QueryInterface(obj, &IID_IMFMediaSource,
						(void **)&source));
	IUnknown_Release(obj);
	IMFSourceResolver_Release(resolver);
	return source;
}

/* CreateObjectFromURL(@url, @flags) fails with @want, outputs cleared. */
static void assert_url_fails(struct __test_metadata *_metadata,
			     IMFSourceResolver *resolver, const WCHAR *url,
			     DWORD flags, HRESULT want)
{
	MF_OBJECT_TYPE type = MF_OBJECT_MEDIASOURCE;
	IUnknown *obj = POISON;

	ASSERT_HR(want, IMFSourceResolver_CreateObjectFromURL(
				resolver, url, flags, NULL, &type, &obj));
	ASSERT_EQ(NULL, obj);
	ASSERT_EQ(MF_OBJECT_INVALID, (int)type);
}

/*
 * The next event of @gen, already queued: of @type and @status; its value
 * goes to @value (or must be VT_EMPTY when @value is NULL).
 */
static void next_event(struct __test_metadata *_metadata, void *gen,
		       MediaEventType type, HRESULT status, PROPVARIANT *value)
{
	IMFMediaEvent *event = NULL;
	MediaEventType got;
	PROPVARIANT v;
	HRESULT hr;

	ASSERT_HR(S_OK, IMFMediaEventGenerator_GetEvent(
				(IMFMediaEventGenerator *)gen,
				MF_EVENT_FLAG_NO_WAIT, &event));
	ASSERT_HR(S_OK, IMFMediaEvent_GetType(event, &got));
	ASSERT_EQ(type, got);
	ASSERT_HR(S_OK, IMFMediaEvent_GetStatus(event, &hr));
	ASSERT_HR(status, hr);
	PropVariantInit(&v);
	ASSERT_HR(S_OK, IMFMediaEvent_GetValue(event, &v));
	IMFMediaEvent_Release(event);
	if (value)
		*value = v;
	else
		ASSERT_EQ(VT_EMPTY, v.vt);
}

static void no_event(struct __test_metadata *_metadata, void *gen)
{
	IMFMediaEvent *event = POISON;

	ASSERT_HR(MF_E_NO_EVENTS_AVAILABLE,
		  IMFMediaEventGenerator_GetEvent((IMFMediaEventGenerator *)gen,
						  MF_EVENT_FLAG_NO_WAIT,
						  &event));
}

/* An event whose value is a time (VT_I8) @time. */
static void next_time_event(struct __test_metadata *_metadata, void *gen,
			    MediaEventType type, LONGLONG time)
{
	PROPVARIANT v;

	next_event(_metadata, gen, type, S_OK, &v);
	ASSERT_EQ(VT_I8, v.vt);
	ASSERT_EQ(time, v.hVal.QuadPart);
}

/* An event whose value is an object; the object, referenced. */
static IUnknown *next_object_event(struct __test_metadata *_metadata,
				   void *gen, MediaEventType type)
{
	PROPVARIANT v;

	next_event(_metadata, gen, type, S_OK, &v);
	ASSERT_EQ(VT_UNKNOWN, v.vt);
	ASSERT_NE(NULL, v.punkVal);
	return v.punkVal;
}

/*
 * Starts @source at @vt/@time with its own presentation and takes the
 * events: MENewStream (the stream is returned), MESourceStarted,
 * MEStreamStarted.
 */
static IMFMediaStream *start_new(struct __test_metadata *_metadata,
				 IMFMediaSource *source)
{
	IMFPresentationDescriptor *pd;
	IMFMediaStream *stream;
	PROPVARIANT pos = { .vt = VT_EMPTY };
	IUnknown *unk;

	ASSERT_HR(S_OK, IMFMediaSource_CreatePresentationDescriptor(source,
								    &pd));
	ASSERT_HR(S_OK, IMFMediaSource_Start(source, pd, &GUID_NULL, &pos));
	IMFPresentationDescriptor_Release(pd);
	unk = next_object_event(_metadata, source, MENewStream);
	ASSERT_HR(S_OK, IUnknown_QueryInterface(unk, &IID_IMFMediaStream,
						(void **)&stream));
	IUnknown_Release(unk);
	/* From the stopped state: the start time, 0. */
	next_time_event(_metadata, source, MESourceStarted, 0);
	next_time_event(_metadata, stream, MEStreamStarted, 0);
	return stream;
}

/* Requests a sample and takes it from MEMediaSample. */
static IMFSample *request_sample(struct __test_metadata *_metadata,
				 IMFMediaStream *stream, IUnknown *token)
{
	IMFSample *sample;
	IUnknown *unk;

	ASSERT_HR(S_OK, IMFMediaStream_RequestSample(stream, token));
	unk = next_object_event(_metadata, stream, MEMediaSample);
	ASSERT_HR(S_OK, IUnknown_QueryInterface(unk, &IID_IMFSample,
						(void **)&sample));
	IUnknown_Release(unk);
	return sample;
}

/* The sample's one buffer's bytes, in a malloc()ed copy of *@size. */
static BYTE *sample_bytes(struct __test_metadata *_metadata,
			  IMFSample *sample, DWORD *size)
{
	IMFMediaBuffer *buf;
	DWORD count, max;
	BYTE *data, *copy;

	ASSERT_HR(S_OK, IMFSample_GetBufferCount(sample, &count));
	ASSERT_EQ(1u, count);
	ASSERT_HR(S_OK, IMFSample_GetBufferByIndex(sample, 0, &buf));
	ASSERT_HR(S_OK, IMFMediaBuffer_Lock(buf, &data, &max, size));
	copy = malloc(*size ? *size : 1);
	ASSERT_NE(NULL, copy);
	memcpy(copy, data, *size);
	IMFMediaBuffer_Unlock(buf);
	IMFMediaBuffer_Release(buf);
	return copy;
}

static LONGLONG hns_from_ticks(int64_t ticks, int64_t num, int64_t den)
{
	/* Exact for the clips' time bases (1/12800 and 1/30000). */
	return ticks * num * HNS / den;
}

/* Shuts @source down and releases it and @stream. */
static void close_source(struct __test_metadata *_metadata,
			 IMFMediaSource *source, IMFMediaStream *stream)
{
	ASSERT_HR(S_OK, IMFMediaSource_Shutdown(source));
	if (stream)
		IMFMediaStream_Release(stream);
	ASSERT_EQ(0u, IMFMediaSource_Release(source));
}

FIXTURE(mf)
{
	int unused;
};

FIXTURE_SETUP(mf)
{
	ASSERT_HR(S_OK, MFStartup(MF_VERSION, MFSTARTUP_FULL));
}

FIXTURE_TEARDOWN(mf)
{
	MFShutdown();
}

TEST(resolver_creation_checks_its_pointer_and_makes_new_instances)
{
	IMFSourceResolver *a, *b;
	IUnknown *unk;

	ASSERT_HR(E_POINTER, MFCreateSourceResolver(NULL));
	ASSERT_HR(S_OK, MFCreateSourceResolver(&a));
	ASSERT_HR(S_OK, MFCreateSourceResolver(&b));
	ASSERT_NE(a, b);
	ASSERT_HR(S_OK, IMFSourceResolver_QueryInterface(a, &IID_IUnknown,
							 (void **)&unk));
	ASSERT_EQ((void *)a, (void *)unk);
	IUnknown_Release(unk);
	ASSERT_EQ(0u, IMFSourceResolver_Release(b));
	ASSERT_EQ(0u, IMFSourceResolver_Release(a));
}

TEST(resolving_needs_the_platform)
{
	IMFSourceResolver *resolver;

	ASSERT_CLIPS();
	ASSERT_HR(S_OK, MFCreateSourceResolver(&resolver));
	assert_url_fails(_metadata, resolver, wide(clip(0, "clear.mp4")),
			 MF_RESOLUTION_MEDIASOURCE,
			 MF_E_PLATFORM_NOT_INITIALIZED);
	IMFSourceResolver_Release(resolver);
}

TEST_F(mf, paths_and_file_urls_resolve_to_media_sources)
{
	IMFSourceResolver *resolver;
	MF_OBJECT_TYPE type;
	IMFMediaSource *source;
	IUnknown *obj;
	char url[PATH_MAX + 16];

	ASSERT_CLIPS();
	ASSERT_HR(S_OK, MFCreateSourceResolver(&resolver));
	snprintf(url, sizeof(url), "file://%s", clip(0, "clear.mp4"));
	ASSERT_HR(S_OK, IMFSourceResolver_CreateObjectFromURL(
				resolver, wide(url), MF_RESOLUTION_MEDIASOURCE |
				MF_RESOLUTION_READ, NULL, &type, &obj));
	ASSERT_EQ(MF_OBJECT_MEDIASOURCE, (int)type);
	ASSERT_HR(S_OK, IUnknown_QueryInterface(obj, &IID_IMFMediaSource,
						(void **)&source));
	ASSERT_EQ((void *)obj, (void *)source);
	IUnknown_Release(obj);
	/* Never started: released without Shutdown, it goes. */
	ASSERT_EQ(0u, IMFMediaSource_Release(source));
	IMFSourceResolver_Release(resolver);
}

TEST_F(mf, what_cannot_be_opened_gets_windows_hresults)
{
	IMFSourceResolver *resolver;
	char path[PATH_MAX];

	ASSERT_CLIPS();
	ASSERT_HR(S_OK, MFCreateSourceResolver(&resolver));
	assert_url_fails(_metadata, resolver, wide(clip(0, "missing.mp4")),
			 MF_RESOLUTION_MEDIASOURCE,
			 HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
	assert_url_fails(_metadata, resolver,
			 wide("http://127.0.0.1:1/x.mp4"),
			 MF_RESOLUTION_MEDIASOURCE, MF_E_UNSUPPORTED_SCHEME);
	assert_url_fails(_metadata, resolver, wide("file://host/x.mp4"),
			 MF_RESOLUTION_MEDIASOURCE, E_INVALIDARG);
	assert_url_fails(_metadata, resolver, wide(clip(0, "notmedia")),
			 MF_RESOLUTION_MEDIASOURCE,
			 MF_E_UNSUPPORTED_BYTESTREAM_TYPE);
	assert_url_fails(_metadata, resolver, wide(clip(0, "cut.mp4")),
			 MF_RESOLUTION_MEDIASOURCE, MF_E_INVALID_FILE_FORMAT);
	/* Audio is not offered: a file of audio alone has nothing. */
	assert_url_fails(_metadata, resolver, wide(clip(0, "audio.mp4")),
			 MF_RESOLUTION_MEDIASOURCE, MF_E_INVALIDMEDIATYPE);
	snprintf(path, sizeof(path), "%s", clips_dir);
	assert_url_fails(_metadata, resolver, wide(path),
			 MF_RESOLUTION_MEDIASOURCE, E_ACCESSDENIED);
	IMFSourceResolver_Release(resolver);
}

TEST_F(mf, resolution_flags_and_pointers_are_checked)
{
	const WCHAR *url = wide(clip(0, "clear.mp4"));
	IMFSourceResolver *resolver;
	MF_OBJECT_TYPE type;
	IUnknown *obj = POISON;

	ASSERT_CLIPS();
	ASSERT_HR(S_OK, MFCreateSourceResolver(&resolver));
	assert_url_fails(_metadata, resolver, url, 0, E_INVALIDARG);
	assert_url_fails(_metadata, resolver, url,
			 MF_RESOLUTION_MEDIASOURCE | MF_RESOLUTION_BYTESTREAM,
			 E_INVALIDARG);
	/* libpmp has no IMFByteStream. */
	assert_url_fails(_metadata, resolver, url, MF_RESOLUTION_BYTESTREAM,
			 E_NOTIMPL);
	assert_url_fails(_metadata, resolver, NULL, MF_RESOLUTION_MEDIASOURCE,
			 E_POINTER);
	ASSERT_HR(E_POINTER, IMFSourceResolver_CreateObjectFromURL(
				     resolver, url, MF_RESOLUTION_MEDIASOURCE,
				     NULL, NULL, &obj));
	ASSERT_HR(E_POINTER, IMFSourceResolver_CreateObjectFromURL(
				     resolver, url, MF_RESOLUTION_MEDIASOURCE,
				     NULL, &type, NULL));
	ASSERT_HR(E_POINTER, IMFSourceResolver_CreateObjectFromByteStream(
				     resolver, NULL, NULL,
				     MF_RESOLUTION_MEDIASOURCE, NULL, &type,
				     &obj));
	ASSERT_HR(E_NOTIMPL, IMFSourceResolver_CreateObjectFromByteStream(
				     resolver, (IMFByteStream *)resolver, NULL,
				     MF_RESOLUTION_MEDIASOURCE, NULL, &type,
				     &obj));
	ASSERT_EQ(NULL, obj);
	ASSERT_HR(E_NOTIMPL, IMFSourceResolver_EndCreateObjectFromByteStream(
				     resolver, (IMFAsyncResult *)resolver,
				     &type, &obj));
	IMFSourceResolver_Release(resolver);
}

/*
 * A new presentation of @source: one stream, selected, of identifier 0;
 * its duration (*@duration), its descriptor (*@sd_out, if not NULL) and
 * its current media type, to release.
 */
static IMFMediaType *only_stream(struct __test_metadata *_metadata,
				 IMFMediaSource *source, UINT64 *duration,
				 IMFStreamDescriptor **sd_out)
{
	IMFPresentationDescriptor *pd;
	IMFMediaTypeHandler *handler;
	IMFStreamDescriptor *sd;
	IMFMediaType *type;
	DWORD count, id;
	BOOL selected;
	GUID major;

	ASSERT_HR(S_OK, IMFMediaSource_CreatePresentationDescriptor(source,
								    &pd));
	ASSERT_HR(S_OK, IMFPresentationDescriptor_GetUINT64(
				pd, &MF_PD_DURATION, duration));
	ASSERT_HR(S_OK, IMFPresentationDescriptor_GetStreamDescriptorCount(
				pd, &count));
	ASSERT_EQ(1u, count);
	ASSERT_HR(S_OK, IMFPresentationDescriptor_GetStreamDescriptorByIndex(
				pd, 0, &selected, &sd));
	ASSERT_TRUE(selected);
	ASSERT_HR(S_OK, IMFStreamDescriptor_GetStreamIdentifier(sd, &id));
	ASSERT_EQ(0u, id);
	ASSERT_HR(S_OK, IMFStreamDescriptor_GetMediaTypeHandler(sd, &handler));
	ASSERT_HR(S_OK, IMFMediaTypeHandler_GetMajorType(handler, &major));
	ASSERT_TRUE(IsEqualGUID(&MFMediaType_Video, &major));
	ASSERT_HR(S_OK, IMFMediaTypeHandler_GetMediaTypeCount(handler,
							      &count));
	ASSERT_EQ(1u, count);
	ASSERT_HR(S_OK, IMFMediaTypeHandler_GetCurrentMediaType(handler,
								&type));
	IMFMediaTypeHandler_Release(handler);
	IMFPresentationDescriptor_Release(pd);
	if (sd_out)
		*sd_out = sd;
	else
		IMFStreamDescriptor_Release(sd);
	return type;
}

static UINT64 type_u64(struct __test_metadata *_metadata,
		       IMFMediaType *type, REFGUID key)
{
	UINT64 value;

	ASSERT_HR(S_OK, IMFMediaType_GetUINT64(type, key, &value));
	return value;
}

/* Two UINT32 packed into an attribute's UINT64, as Windows packs them. */
#define PACKED(hi, lo) ((UINT64)(hi) << 32 | (lo))

TEST_F(mf, presentation_has_the_video_stream_and_its_type)
{
	const char *path = clip(1, "clear.mp4");
	IMFStreamDescriptor *sd;
	IMFMediaSource *source;
	IMFMediaType *type;
	UINT8 avcc[256];
	UINT32 size, value;
	UINT64 duration;
	char start[32];
	DWORD chars;
	GUID guid;

	source = open_clip(_metadata, "clear.mp4");
	ASSERT_HR(S_OK, IMFMediaSource_GetCharacteristics(source, &chars));
	ASSERT_EQ((DWORD)(MFMEDIASOURCE_CAN_SEEK | MFMEDIASOURCE_CAN_PAUSE |
			  MFMEDIASOURCE_DOES_NOT_USE_NETWORK), chars);
	ASSERT_HR(E_POINTER, IMFMediaSource_GetCharacteristics(source, NULL));
	ASSERT_HR(E_POINTER,
		  IMFMediaSource_CreatePresentationDescriptor(source, NULL));
	type = only_stream(_metadata, source, &duration, &sd);
	ASSERT_EQ((UINT64)2 * HNS, duration);
	ASSERT_HR(MF_E_ATTRIBUTENOTFOUND,
		  IMFStreamDescriptor_GetUINT32(sd, &MF_SD_PROTECTED, &value));
	IMFStreamDescriptor_Release(sd);
	ASSERT_HR(S_OK, IMFMediaType_GetGUID(type, &MF_MT_SUBTYPE, &guid));
	ASSERT_TRUE(IsEqualGUID(&MFVideoFormat_H264, &guid));
	ASSERT_EQ(PACKED(320, 240),
		  type_u64(_metadata, type, &MF_MT_FRAME_SIZE));
	ASSERT_EQ(PACKED(25, 1), type_u64(_metadata, type, &MF_MT_FRAME_RATE));
	ASSERT_EQ(PACKED(1, 1),
		  type_u64(_metadata, type, &MF_MT_PIXEL_ASPECT_RATIO));
	/* What converts times back: the file's time base and start (us). */
	ASSERT_EQ(PACKED(1, 12800),
		  type_u64(_metadata, type, &PMP_MT_TIME_BASE));
	ASSERT_EQ((UINT64)0, type_u64(_metadata, type, &PMP_MT_START_TIME));
	ASSERT_EQ(0, probe_field(path, "format", 0, "start_time", start,
				 sizeof(start)));
	ASSERT_STREQ("0.000000", start);
	ASSERT_HR(S_OK, IMFMediaType_GetUINT32(type, &MF_MT_MPEG2_PROFILE,
					       &value));
	ASSERT_EQ(100u, value); /* High */
	ASSERT_HR(S_OK, IMFMediaType_GetUINT32(type, &MF_MT_MPEG2_LEVEL,
					       &value));
	ASSERT_EQ((UINT32)probe_number(path, "stream", 0, "level"), value);
	/* The avcC record: version 1, then the profile. */
	ASSERT_HR(S_OK, IMFMediaType_GetBlob(type, &MF_MT_MPEG_SEQUENCE_HEADER,
					     avcc, sizeof(avcc), &size));
	ASSERT_EQ(probe_number(path, "stream", 0, "extradata_size"), size);
	ASSERT_EQ(1, avcc[0]);
	ASSERT_EQ(100, avcc[1]);
	IMFMediaType_Release(type);
	close_source(_metadata, source, NULL);
}

TEST_F(mf, odd_clip_has_its_rate_and_pixel_aspect_ratio)
{
	IMFMediaSource *source;
	IMFMediaType *type;
	UINT64 duration;

	source = open_clip(_metadata, "odd.mp4");
	type = only_stream(_metadata, source, &duration, NULL);
	/* ffprobe's format duration: 0.234000 s. */
	ASSERT_EQ((UINT64)2340000, duration);
	ASSERT_EQ(PACKED(176, 144),
		  type_u64(_metadata, type, &MF_MT_FRAME_SIZE));
	ASSERT_EQ(PACKED(30000, 1001),
		  type_u64(_metadata, type, &MF_MT_FRAME_RATE));
	ASSERT_EQ(PACKED(4, 3),
		  type_u64(_metadata, type, &MF_MT_PIXEL_ASPECT_RATIO));
	ASSERT_EQ(PACKED(1, 30000),
		  type_u64(_metadata, type, &PMP_MT_TIME_BASE));
	IMFMediaType_Release(type);
	close_source(_metadata, source, NULL);
}

/* Other video codecs are offered under their FourCC subtype. */
TEST_F(mf, mpeg4_part2_is_offered_as_mp4v)
{
	GUID mp4v = MFVideoFormat_H264, guid;
	IMFMediaSource *source;
	IMFMediaType *type;
	UINT64 duration;

	mp4v.Data1 = 'M' | 'P' << 8 | '4' << 16 | 'V' << 24;
	source = open_clip(_metadata, "mpeg4.mp4");
	type = only_stream(_metadata, source, &duration, NULL);
	ASSERT_HR(S_OK, IMFMediaType_GetGUID(type, &MF_MT_SUBTYPE, &guid));
	ASSERT_TRUE(IsEqualGUID(&mp4v, &guid));
	IMFMediaType_Release(type);
	close_source(_metadata, source, NULL);
}

/* A video and an audio stream: the video alone is offered. */
TEST_F(mf, audio_streams_are_not_offered)
{
	IMFMediaSource *source;
	UINT64 duration;

	source = open_clip(_metadata, "two.mp4");
	drop(only_stream(_metadata, source, &duration, NULL));
	close_source(_metadata, source, NULL);
}

/*
 * ffprobe's packets of the clear clip (CLIPS_FRAMES, in *@want) and the
 * clip's bytes (in *@file), both to free.
 */
static void clear_clip(struct __test_metadata *_metadata,
		       struct probe_packet **want, uint8_t **file)
{
	const char *path = clip(1, "clear.mp4");
	size_t size;

	ASSERT_EQ(CLIPS_FRAMES, probe_packets(path, 0, want));
	*file = clips_read(path, &size);
	ASSERT_NE(NULL, *file);
}

static UINT32 sample_u32(struct __test_metadata *_metadata,
			 IMFSample *sample, REFGUID key)
{
	UINT32 value;

	ASSERT_HR(S_OK, IMFSample_GetUINT32(sample, key, &value));
	return value;
}

static bool sample_has(IMFSample *sample, REFGUID key)
{
	return IMFSample_GetItem(sample, key, NULL) == S_OK;
}

/*
 * Every sample of the clear clip: ffprobe's times in 100 ns units, the
 * clean point flag, the decoding time, the file's bytes at the packet's
 * position; then MEEndOfStream, MEEndOfPresentation and
 * MF_E_END_OF_STREAM.
 */
TEST_F(mf, samples_are_the_files_packets_with_their_times)
{
	struct probe_packet *want;
	IMFMediaStream *stream;
	IMFMediaSource *source;
	IMFSample *sample;
	LONGLONG time;
	UINT64 dts;
	uint8_t *file;
	BYTE *bytes;
	DWORD size;
	int i;

	source = open_clip(_metadata, "clear.mp4");
	clear_clip(_metadata, &want, &file);
	stream = start_new(_metadata, source);
	for (i = 0; i < CLIPS_FRAMES; i++) {
		sample = request_sample(_metadata, stream, NULL);
		ASSERT_HR(S_OK, IMFSample_GetSampleTime(sample, &time));
		ASSERT_EQ(hns_from_ticks(want[i].pts, 1, 12800), time);
		ASSERT_HR(S_OK, IMFSample_GetSampleDuration(sample, &time));
		ASSERT_EQ(HNS / 25, time);
		ASSERT_HR(S_OK, IMFSample_GetUINT64(
				sample, &MFSampleExtension_DecodeTimestamp,
				&dts));
		ASSERT_EQ(hns_from_ticks(want[i].dts, 1, 12800), (LONGLONG)dts);
		ASSERT_EQ(want[i].key,
			  sample_u32(_metadata, sample,
				     &MFSampleExtension_CleanPoint));
		/* The first after the start is a discontinuity. */
		ASSERT_EQ(!i, sample_has(sample,
					 &MFSampleExtension_Discontinuity));
		if (!i)
			ASSERT_EQ(1u, sample_u32(_metadata, sample,
					&MFSampleExtension_Discontinuity));
		ASSERT_FALSE(sample_has(sample,
					&MFSampleExtension_Content_KeyID));
		bytes = sample_bytes(_metadata, sample, &size);
		ASSERT_EQ(want[i].size, size);
		ASSERT_EQ(0, memcmp(file + want[i].pos, bytes, size))
			TH_LOG("sample %d", i);
		free(bytes);
		IMFSample_Release(sample);
	}
	no_event(_metadata, stream);
	ASSERT_HR(S_OK, IMFMediaStream_RequestSample(stream, NULL));
	next_event(_metadata, stream, MEEndOfStream, S_OK, NULL);
	next_event(_metadata, source, MEEndOfPresentation, S_OK, NULL);
	ASSERT_HR(MF_E_END_OF_STREAM,
		  IMFMediaStream_RequestSample(stream, NULL));
	no_event(_metadata, stream);
	free(file);
	free(want);
	close_source(_metadata, source, stream);
}

/*
 * Each encrypted sample: the clips' key id as a GUID whose string form is
 * its hex, the 8-byte IV counting from zero (bitexact), AES-CTR, no
 * pattern, a subsample map of DWORD pairs covering the buffer; decrypted,
 * the clear clip's packet.
 */
TEST_F(mf, encrypted_samples_carry_their_common_encryption_record)
{
	static const GUID kid = {
		0x01234567, 0x89ab, 0xcdef,
		{ 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef }
	};
	struct probe_packet *want;
	IMFStreamDescriptor *sd;
	IMFMediaStream *stream;
	IMFMediaSource *source;
	IMFSample *sample;
	uint32_t map[64][2];
	UINT8 iv[16], want_iv[8] = { 0 };
	UINT32 size32, value, j;
	uint8_t *file, *out;
	uint64_t covered;
	UINT64 duration;
	BYTE *bytes;
	DWORD size;
	GUID guid;
	int i;

	source = open_clip(_metadata, "cenc.mp4");
	drop(only_stream(_metadata, source, &duration, &sd));
	ASSERT_HR(S_OK, IMFStreamDescriptor_GetUINT32(sd, &MF_SD_PROTECTED,
						      &value));
	ASSERT_EQ(1u, value);
	IMFStreamDescriptor_Release(sd);

	clear_clip(_metadata, &want, &file);
	stream = start_new(_metadata, source);
	for (i = 0; i < CLIPS_FRAMES; i++) {
		sample = request_sample(_metadata, stream, NULL);
		ASSERT_HR(S_OK, IMFSample_GetGUID(
				sample, &MFSampleExtension_Content_KeyID,
				&guid));
		ASSERT_TRUE(IsEqualGUID(&kid, &guid));
		ASSERT_HR(S_OK, IMFSample_GetBlob(
					sample,
					&MFSampleExtension_Encryption_SampleID,
					iv, sizeof(iv), &size32));
		ASSERT_EQ(8u, size32);
		want_iv[7] = i;
		ASSERT_EQ(0, memcmp(want_iv, iv, 8));
		value = MF_SAMPLE_ENCRYPTION_PROTECTION_SCHEME_AES_CTR;
		ASSERT_EQ(value, sample_u32(_metadata, sample,
			&MFSampleExtension_Encryption_ProtectionScheme));
		ASSERT_FALSE(sample_has(sample,
			&MFSampleExtension_Encryption_CryptByteBlock));
		ASSERT_HR(S_OK, IMFSample_GetBlob(
			sample, &MFSampleExtension_Encryption_SubSample_Mapping,
			(UINT8 *)map, sizeof(map), &size32));
		ASSERT_EQ(0u, size32 % 8);
		bytes = sample_bytes(_metadata, sample, &size);
		ASSERT_EQ(want[i].size, size);
		covered = 0;
		for (j = 0; j < size32 / 8; j++) {
			/* ffmpeg's writer: NAL length and header clear. */
			ASSERT_EQ(5u, map[j][0]);
			covered += map[j][0] + map[j][1];
		}
		ASSERT_EQ(size, covered);
		out = malloc(size);
		ASSERT_NE(NULL, out);
		ASSERT_EQ(0, clips_cenc_decrypt(iv, 8,
						(const uint32_t(*)[2])map,
						size32 / 8, bytes, out, size));
		ASSERT_EQ(0, memcmp(file + want[i].pos, out, size))
			TH_LOG("sample %d", i);
		free(out);
		free(bytes);
		IMFSample_Release(sample);
	}
	free(file);
	free(want);
	close_source(_metadata, source, stream);
}

TEST_F(mf, a_requests_token_comes_back_on_its_sample)
{
	IMFMediaStream *stream;
	IMFMediaSource *source;
	IMFAttributes *token;
	IMFSample *sample;
	IUnknown *got;

	source = open_clip(_metadata, "clear.mp4");
	stream = start_new(_metadata, source);
	ASSERT_HR(S_OK, MFCreateAttributes(&token, 0));
	sample = request_sample(_metadata, stream, (IUnknown *)token);
	ASSERT_HR(S_OK, IMFSample_GetUnknown(sample, &MFSampleExtension_Token,
					     &IID_IUnknown, (void **)&got));
	ASSERT_EQ((void *)token, (void *)got);
	IUnknown_Release(got);
	IMFSample_Release(sample);
	sample = request_sample(_metadata, stream, NULL);
	ASSERT_HR(MF_E_ATTRIBUTENOTFOUND,
		  IMFSample_GetUnknown(sample, &MFSampleExtension_Token,
				       &IID_IUnknown, (void **)&got));
	IMFSample_Release(sample);
	IMFAttributes_Release(token);
	close_source(_metadata, source, stream);
}

/*
 * Pause, restart, seek, stop, restart: the events Microsoft documents for
 * each, requests made while paused answered at the restart.
 */
TEST_F(mf, states_send_their_events_and_paused_requests_wait)
{
	const char *path = clip(1, "clear.mp4");
	PROPVARIANT empty = { .vt = VT_EMPTY }, at = { .vt = VT_I8 };
	IMFPresentationDescriptor *pd;
	struct probe_packet *want;
	IMFMediaStream *stream;
	IMFMediaSource *source;
	IMFSample *sample;
	LONGLONG time;
	IUnknown *unk;
	int n, i, key = -1;

	source = open_clip(_metadata, "clear.mp4");
	n = probe_packets(path, 0, &want);
	ASSERT_EQ(CLIPS_FRAMES, n);
	ASSERT_HR(MF_E_INVALID_STATE_TRANSITION, IMFMediaSource_Pause(source));
	stream = start_new(_metadata, source);
	drop(request_sample(_metadata, stream, NULL));

	ASSERT_HR(S_OK, IMFMediaSource_Pause(source));
	next_event(_metadata, source, MESourcePaused, S_OK, NULL);
	next_event(_metadata, stream, MEStreamPaused, S_OK, NULL);
	ASSERT_HR(MF_E_INVALID_STATE_TRANSITION, IMFMediaSource_Pause(source));
	ASSERT_HR(S_OK, IMFMediaStream_RequestSample(stream, NULL));
	no_event(_metadata, stream);

	/* Restarted where it was: no time, and the waiting request. */
	ASSERT_HR(S_OK, IMFMediaSource_CreatePresentationDescriptor(source,
								    &pd));
	ASSERT_HR(S_OK, IMFMediaSource_Start(source, pd, NULL, &empty));
	unk = next_object_event(_metadata, source, MEUpdatedStream);
	ASSERT_EQ((void *)stream, (void *)unk);
	IUnknown_Release(unk);
	next_event(_metadata, source, MESourceStarted, S_OK, NULL);
	next_event(_metadata, stream, MEStreamStarted, S_OK, NULL);
	unk = next_object_event(_metadata, stream, MEMediaSample);
	ASSERT_HR(S_OK, IUnknown_QueryInterface(unk, &IID_IMFSample,
						(void **)&sample));
	IUnknown_Release(unk);
	ASSERT_HR(S_OK, IMFSample_GetSampleTime(sample, &time));
	ASSERT_EQ(hns_from_ticks(want[1].pts, 1, 12800), time);
	IMFSample_Release(sample);

	/* Running, a position is a seek, to the keyframe before it. */
	at.hVal.QuadPart = HNS;
	for (i = 0; i < n; i++)
		if (want[i].key &&
		    hns_from_ticks(want[i].dts, 1, 12800) <= HNS)
			key = i;
	ASSERT_LT(0, key);
	ASSERT_HR(S_OK, IMFMediaSource_Start(source, pd, &GUID_NULL, &at));
	drop(next_object_event(_metadata, source,
					   MEUpdatedStream));
	next_time_event(_metadata, source, MESourceSeeked, HNS);
	next_time_event(_metadata, stream, MEStreamSeeked, HNS);
	sample = request_sample(_metadata, stream, NULL);
	ASSERT_HR(S_OK, IMFSample_GetSampleTime(sample, &time));
	ASSERT_EQ(hns_from_ticks(want[key].pts, 1, 12800), time);
	IMFSample_Release(sample);

	/* Stopped: requests refused; restarted from the beginning. */
	ASSERT_HR(S_OK, IMFMediaSource_Stop(source));
	next_event(_metadata, source, MESourceStopped, S_OK, NULL);
	next_event(_metadata, stream, MEStreamStopped, S_OK, NULL);
	ASSERT_HR(MF_E_MEDIA_SOURCE_WRONGSTATE,
		  IMFMediaStream_RequestSample(stream, NULL));
	ASSERT_HR(MF_E_INVALID_STATE_TRANSITION, IMFMediaSource_Pause(source));
	ASSERT_HR(S_OK, IMFMediaSource_Start(source, pd, &GUID_NULL, &empty));
	drop(next_object_event(_metadata, source,
					   MEUpdatedStream));
	next_time_event(_metadata, source, MESourceStarted, 0);
	next_time_event(_metadata, stream, MEStreamStarted, 0);
	sample = request_sample(_metadata, stream, NULL);
	ASSERT_HR(S_OK, IMFSample_GetSampleTime(sample, &time));
	ASSERT_EQ(0, time);
	IMFSample_Release(sample);
	no_event(_metadata, source);

	IMFPresentationDescriptor_Release(pd);
	free(want);
	close_source(_metadata, source, stream);
}

TEST_F(mf, start_checks_its_arguments_and_the_selection)
{
	PROPVARIANT empty = { .vt = VT_EMPTY }, pos = { .vt = VT_UI4 };
	IMFPresentationDescriptor *pd, *foreign;
	IMFStreamDescriptor *sd;
	IMFMediaSource *source;
	IMFMediaType *type;

	source = open_clip(_metadata, "clear.mp4");
	ASSERT_HR(S_OK, IMFMediaSource_CreatePresentationDescriptor(source,
								    &pd));
	ASSERT_HR(E_INVALIDARG, IMFMediaSource_Start(source, NULL, NULL,
						     &empty));
	ASSERT_HR(E_INVALIDARG, IMFMediaSource_Start(source, pd, NULL, NULL));
	ASSERT_HR(MF_E_UNSUPPORTED_TIME_FORMAT,
		  IMFMediaSource_Start(source, pd, &MF_MT_SUBTYPE, &empty));
	ASSERT_HR(MF_E_UNSUPPORTED_TIME_FORMAT,
		  IMFMediaSource_Start(source, pd, NULL, &pos));
	pos.vt = VT_I8;
	pos.hVal.QuadPart = -1;
	ASSERT_HR(E_INVALIDARG, IMFMediaSource_Start(source, pd, NULL, &pos));
	ASSERT_HR(S_OK, IMFPresentationDescriptor_DeselectStream(pd, 0));
	ASSERT_HR(MF_E_MEDIA_SOURCE_NO_STREAMS_SELECTED,
		  IMFMediaSource_Start(source, pd, NULL, &empty));
	/* A presentation of streams that are not the source's. */
	ASSERT_HR(S_OK, MFCreateMediaType(&type));
	ASSERT_HR(S_OK, MFCreateStreamDescriptor(7, 1, &type, &sd));
	ASSERT_HR(S_OK, MFCreatePresentationDescriptor(1, &sd, &foreign));
	ASSERT_HR(S_OK, IMFPresentationDescriptor_SelectStream(foreign, 0));
	ASSERT_HR(E_INVALIDARG,
		  IMFMediaSource_Start(source, foreign, NULL, &empty));
	no_event(_metadata, source);
	IMFPresentationDescriptor_Release(foreign);
	IMFStreamDescriptor_Release(sd);
	IMFMediaType_Release(type);
	IMFPresentationDescriptor_Release(pd);
	close_source(_metadata, source, NULL);
}

TEST_F(mf, after_shutdown_everything_is_mf_e_shutdown)
{
	PROPVARIANT empty = { .vt = VT_EMPTY };
	IMFPresentationDescriptor *pd;
	IMFStreamDescriptor *sd;
	IMFMediaStream *stream;
	IMFMediaSource *source, *got;
	IMFMediaEvent *event;
	DWORD chars;

	source = open_clip(_metadata, "clear.mp4");
	ASSERT_HR(S_OK, IMFMediaSource_CreatePresentationDescriptor(source,
								    &pd));
	stream = start_new(_metadata, source);
	ASSERT_HR(S_OK, IMFMediaStream_GetMediaSource(stream, &got));
	ASSERT_EQ(source, got);
	IMFMediaSource_Release(got);
	ASSERT_HR(S_OK, IMFMediaStream_GetStreamDescriptor(stream, &sd));
	IMFStreamDescriptor_Release(sd);

	ASSERT_HR(S_OK, IMFMediaSource_Shutdown(source));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSource_Shutdown(source));
	ASSERT_HR(MF_E_SHUTDOWN,
		  IMFMediaSource_CreatePresentationDescriptor(source, NULL));
	ASSERT_HR(MF_E_SHUTDOWN,
		  IMFMediaSource_GetCharacteristics(source, &chars));
	ASSERT_HR(MF_E_SHUTDOWN,
		  IMFMediaSource_Start(source, pd, NULL, &empty));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSource_Pause(source));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaSource_Stop(source));
	ASSERT_HR(MF_E_SHUTDOWN,
		  IMFMediaSource_GetEvent(source, MF_EVENT_FLAG_NO_WAIT,
					  &event));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaStream_RequestSample(stream, NULL));
	ASSERT_HR(MF_E_SHUTDOWN, IMFMediaStream_GetMediaSource(stream, &got));
	ASSERT_EQ(NULL, got);
	ASSERT_HR(MF_E_SHUTDOWN,
		  IMFMediaStream_GetStreamDescriptor(stream, &sd));
	ASSERT_HR(MF_E_SHUTDOWN,
		  IMFMediaStream_GetEvent(stream, MF_EVENT_FLAG_NO_WAIT,
					  &event));
	IMFPresentationDescriptor_Release(pd);
	/* The stream holds the source until it goes. */
	ASSERT_EQ(1u, IMFMediaSource_Release(source));
	ASSERT_EQ(0u, IMFMediaStream_Release(stream));
}

/* A file cut amid its samples: the whole ones, then MEError. */
TEST_F(mf, a_file_cut_amid_its_samples_ends_in_meerror)
{
	struct probe_packet *want;
	IMFMediaStream *stream;
	IMFMediaSource *source;
	int i;

	ASSERT_CLIPS();
	ASSERT_EQ(CLIPS_FRAMES, clips_cut_amid("cut-fs.mp4", 20, &want));
	source = open_clip(_metadata, "cut-fs.mp4");
	stream = start_new(_metadata, source);
	for (i = 0; i < 20; i++)
		drop(request_sample(_metadata, stream, NULL));
	ASSERT_HR(S_OK, IMFMediaStream_RequestSample(stream, NULL));
	next_event(_metadata, stream, MEError, MF_E_INVALID_STREAM_DATA,
		   NULL);
	free(want);
	close_source(_metadata, source, stream);
}

/* Events an application queues come back in order. */
TEST_F(mf, queued_events_come_back)
{
	PROPVARIANT v = { .vt = VT_UI4, .ulVal = 7 };
	IMFMediaStream *stream;
	IMFMediaSource *source;

	source = open_clip(_metadata, "clear.mp4");
	stream = start_new(_metadata, source);
	ASSERT_HR(S_OK, IMFMediaSource_QueueEvent(source, MEExtendedType,
						  &GUID_NULL, E_FAIL, &v));
	ASSERT_HR(S_OK, IMFMediaStream_QueueEvent(stream, MEStreamTick,
						  &GUID_NULL, S_OK, NULL));
	next_event(_metadata, source, MEExtendedType, E_FAIL, &v);
	ASSERT_EQ(7u, v.ulVal);
	next_event(_metadata, stream, MEStreamTick, S_OK, NULL);
	close_source(_metadata, source, stream);
}

/* ---- BeginCreateObjectFromURL ---- */

struct waiter {
	IMFAsyncCallback IMFAsyncCallback_iface;
	IMFSourceResolver *resolver;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool done;
	HRESULT end_hr;
	MF_OBJECT_TYPE type;
	IUnknown *object;
	IUnknown *state;
};

static struct waiter *waiter_from(IMFAsyncCallback *iface)
{
	return (struct waiter *)iface;
}

static HRESULT STDMETHODCALLTYPE waiter_QueryInterface(IMFAsyncCallback *iface,
						       REFIID riid, void **ppv)
{
	if (IsEqualGUID(riid, &IID_IUnknown) ||
	    IsEqualGUID(riid, &IID_IMFAsyncCallback)) {
		*ppv = iface;
		return S_OK;
	}
	*ppv = NULL;
	return E_NOINTERFACE;
}

/* Lives on the test's stack: no counting. */
static ULONG STDMETHODCALLTYPE waiter_AddRef(IMFAsyncCallback *iface)
{
	return 2;
}

static ULONG STDMETHODCALLTYPE waiter_Release(IMFAsyncCallback *iface)
{
	return 1;
}

static HRESULT STDMETHODCALLTYPE waiter_GetParameters(IMFAsyncCallback *iface,
						      DWORD *flags,
						      DWORD *queue)
{
	return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE waiter_Invoke(IMFAsyncCallback *iface,
					       IMFAsyncResult *result)
{
	struct waiter *w = waiter_from(iface);

	pthread_mutex_lock(&w->lock);
	w->end_hr = IMFSourceResolver_EndCreateObjectFromURL(
		w->resolver, result, &w->type, &w->object);
	IMFAsyncResult_GetState(result, &w->state);
	w->done = true;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
	return S_OK;
}

static const IMFAsyncCallbackVtbl waiter_vtbl = {
	waiter_QueryInterface, waiter_AddRef, waiter_Release,
	waiter_GetParameters, waiter_Invoke,
};

static void waiter_init(struct waiter *w, IMFSourceResolver *resolver)
{
	memset(w, 0, sizeof(*w));
	w->IMFAsyncCallback_iface.lpVtbl = &waiter_vtbl;
	w->resolver = resolver;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cond, NULL);
}

/* Waits up to 10 s for the callback; false if it did not come. */
static bool waiter_wait(struct waiter *w)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 10;
	pthread_mutex_lock(&w->lock);
	while (!w->done &&
	       pthread_cond_timedwait(&w->cond, &w->lock, &ts) == 0)
		;
	pthread_mutex_unlock(&w->lock);
	return w->done;
}

/* A resolver and a callback that calls EndCreateObjectFromURL. */
FIXTURE(async)
{
	IMFSourceResolver *resolver;
	struct waiter w;
};

FIXTURE_SETUP(async)
{
	ASSERT_CLIPS();
	ASSERT_HR(S_OK, MFStartup(MF_VERSION, MFSTARTUP_FULL));
	ASSERT_HR(S_OK, MFCreateSourceResolver(&self->resolver));
	waiter_init(&self->w, self->resolver);
}

FIXTURE_TEARDOWN(async)
{
	IMFSourceResolver_Release(self->resolver);
	MFShutdown();
}

TEST_F(async, begin_create_invokes_the_callback_and_end_gives_the_source)
{
	IMFAsyncCallback *callback = &self->w.IMFAsyncCallback_iface;
	IMFSourceResolver *r = self->resolver;
	struct waiter *w = &self->w;
	IUnknown *cookie = POISON;
	IMFMediaSource *source;
	IMFAttributes *state;

	ASSERT_HR(S_OK, MFCreateAttributes(&state, 0));
	ASSERT_HR(S_OK, IMFSourceResolver_BeginCreateObjectFromURL(
				r, wide(clip(0, "clear.mp4")),
				MF_RESOLUTION_MEDIASOURCE, NULL, &cookie,
				callback, (IUnknown *)state));
	ASSERT_NE(NULL, cookie);
	ASSERT_TRUE(waiter_wait(w));
	ASSERT_HR(S_OK, w->end_hr);
	ASSERT_EQ(MF_OBJECT_MEDIASOURCE, (int)w->type);
	ASSERT_EQ((void *)state, (void *)w->state);
	IUnknown_Release(w->state);
	ASSERT_HR(S_OK, IUnknown_QueryInterface(w->object, &IID_IMFMediaSource,
						(void **)&source));
	IUnknown_Release(w->object);
	/* Too late to cancel: no effect. */
	ASSERT_HR(S_OK, IMFSourceResolver_CancelObjectCreation(r, cookie));
	IUnknown_Release(cookie);
	close_source(_metadata, source, NULL);
	IMFAttributes_Release(state);
}

TEST_F(async, begin_create_reports_failures_through_end)
{
	struct waiter *w = &self->w;

	/* No cookie wanted. */
	ASSERT_HR(S_OK, IMFSourceResolver_BeginCreateObjectFromURL(
				self->resolver, wide(clip(0, "missing.mp4")),
				MF_RESOLUTION_MEDIASOURCE, NULL, NULL,
				&w->IMFAsyncCallback_iface, NULL));
	ASSERT_TRUE(waiter_wait(w));
	ASSERT_HR(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), w->end_hr);
	ASSERT_EQ(MF_OBJECT_INVALID, (int)w->type);
	ASSERT_EQ(NULL, w->object);
	ASSERT_EQ(NULL, w->state);
}

TEST_F(async, begin_and_end_check_their_arguments)
{
	IMFAsyncCallback *callback = &self->w.IMFAsyncCallback_iface;
	const WCHAR *url = wide(clip(0, "clear.mp4"));
	IMFSourceResolver *r = self->resolver;
	IUnknown *obj, *cookie = POISON;
	IMFAsyncResult *foreign;
	MF_OBJECT_TYPE type;

	ASSERT_HR(E_POINTER, IMFSourceResolver_BeginCreateObjectFromURL(
				     r, url, MF_RESOLUTION_MEDIASOURCE, NULL,
				     &cookie, NULL, NULL));
	ASSERT_EQ(NULL, cookie);
	ASSERT_HR(E_NOTIMPL, IMFSourceResolver_BeginCreateObjectFromURL(
				     r, url, MF_RESOLUTION_BYTESTREAM, NULL,
				     &cookie, callback, NULL));
	ASSERT_HR(E_NOTIMPL, IMFSourceResolver_BeginCreateObjectFromByteStream(
				     r, (IMFByteStream *)r, NULL,
				     MF_RESOLUTION_MEDIASOURCE, NULL, &cookie,
				     callback, NULL));
	/* A result no Begin made. */
	ASSERT_HR(S_OK, MFCreateAsyncResult(NULL, callback, NULL, &foreign));
	ASSERT_HR(E_INVALIDARG, IMFSourceResolver_EndCreateObjectFromURL(
				       r, foreign, &type, &obj));
	ASSERT_EQ(NULL, obj);
	ASSERT_HR(E_POINTER, IMFSourceResolver_EndCreateObjectFromURL(
				     r, NULL, &type, &obj));
	ASSERT_HR(E_POINTER, IMFSourceResolver_CancelObjectCreation(r, NULL));
	ASSERT_HR(E_INVALIDARG, IMFSourceResolver_CancelObjectCreation(
				       r, (IUnknown *)foreign));
	IMFAsyncResult_Release(foreign);
}

/*
 * Cancelled while it opens (a FIFO keeps open() waiting for a writer):
 * the callback still comes, and End says MF_E_OPERATION_CANCELLED.
 */
TEST_F(async, a_creation_cancelled_while_opening_ends_cancelled)
{
	IMFSourceResolver *r = self->resolver;
	struct waiter *w = &self->w;
	IUnknown *cookie;
	int fd;

	ASSERT_HR(S_OK, IMFSourceResolver_BeginCreateObjectFromURL(
				r, wide(clip(0, "fifo.mp4")),
				MF_RESOLUTION_MEDIASOURCE, NULL, &cookie,
				&w->IMFAsyncCallback_iface, NULL));
	ASSERT_HR(S_OK, IMFSourceResolver_CancelObjectCreation(r, cookie));
	ASSERT_FALSE(w->done);
	fd = open(clip(0, "fifo.mp4"), O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_TRUE(waiter_wait(w));
	ASSERT_HR(MF_E_OPERATION_CANCELLED, w->end_hr);
	ASSERT_EQ(NULL, w->object);
	IUnknown_Release(cookie);
}

TEST_HARNESS_MAIN
