// SPDX-License-Identifier: GPL-2.0
/*
 * media_components_test.c - libpmp-media.so's classes, created in process
 * through the build tree's class registry: every clip of
 * tools/media/mkclips.sh through the decryptor, the decoder and the hash
 * sink equals ffmpeg's framemd5 record for record; the frame sink's frames
 * hash the same; what each class refuses, its turns and waits; which
 * memory holds clear media; the pipeline under pmphost's seccomp filter
 *
 * The samples are made here as libpmp's source makes them (source.c):
 * libavformat's packets of the first video stream, times in 100 ns units,
 * the Common Encryption record as Media Foundation's sample attributes.
 * Keys come from a key store (keys.c) given a ClearKey license.
 * PMP_REGISTRY_DIR defaults to ../components/registry next to this
 * program; the clips are clip_list.h's.  Without ffmpeg the clip tests are
 * reported as SKIP.  secure_buffer.c is built in too, for its own test.
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <dlfcn.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <libavformat/avformat.h>
#include <libavutil/encryption_info.h>

/* The GUIDs, defined here: no libpmp-samples with libpmp.a. */
#include <initguid.h>
#include <mfapi.h>
#include <pmpmedia.h>

#include "com_helpers.h"
#include "framemd5.h"
#include "mf/keys.h"
#include "mf/session_host.h"
#include "layers.h"
#include "registry.h"
#include "sandbox.h"
#include "secure_buffer.h"

#include "clip_list.h"
#include "clip_records.h"

static struct pmp_registry *registry;
static void (*memory_stats)(struct pmp_media_memory *out);

/* The build tree's registry, in process, and the media component's stats. */
__attribute__((constructor)) static void open_registry(void)
{
	char exe[PATH_MAX], so[PATH_MAX + 64];
	void *handle;
	ssize_t len;

	default_registry_dir();
	if (pmp_registry_open(getenv("PMP_REGISTRY_DIR"), false, &registry))
		return;
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len <= 0)
		return;
	exe[len] = '\0';
	snprintf(so, sizeof(so), "%s/../components/libpmp-media.so",
		 dirname(exe));
	/* The registry loaded it: this finds the same copy. */
	handle = dlopen(so, RTLD_NOW | RTLD_NOLOAD);
	if (handle)
		memory_stats = (void (*)(struct pmp_media_memory *))dlsym(
			handle, "pmp_media_memory_stats");
	/* libavformat's probing decodes too: quiet, like the host. */
	av_log_set_level(AV_LOG_QUIET);
}

static HRESULT create(const GUID *clsid, REFIID iid, void **out)
{
	IClassFactory *factory = NULL;
	HRESULT hr;

	*out = NULL;
	if (!registry)
		return E_UNEXPECTED;
	hr = pmp_registry_get_class_object(registry, (const pmp_guid *)clsid,
					   (const pmp_guid *)&IID_IClassFactory,
					   (void **)&factory);
	if (FAILED(hr))
		return hr;
	hr = IClassFactory_CreateInstance(factory, NULL, iid, out);
	IClassFactory_Release(factory);
	return hr;
}

/* ---- samples as libpmp's source makes them ---- */

/* A clip's first video stream: its media type and its samples. */
struct stream_in {
	IMFMediaType *type;
	IMFSample **samples;
	int count;
	struct stream_clock clock;
	UINT64 width_height;
};

static void stream_free(struct stream_in *in)
{
	for (int i = 0; i < in->count; i++)
		IMFSample_Release(in->samples[i]);
	free(in->samples);
	if (in->type)
		IMFMediaType_Release(in->type);
	memset(in, 0, sizeof(*in));
}

static UINT64 pack(UINT32 hi, UINT32 lo)
{
	return (UINT64)hi << 32 | lo;
}

static HRESULT set_cenc(IMFSample *s, const AVEncryptionInfo *info)
{
	static const uint8_t zeros[8];
	GUID kid = guid_from_kid(info->key_id);
	UINT32 iv_size = info->iv_size, *map;
	HRESULT hr;

	/* libavformat pads the file's 8-byte IV: the source gives 8. */
	if (iv_size == 16 && !memcmp(info->iv + 8, zeros, 8))
		iv_size = 8;
	hr = IMFSample_SetGUID(s, &MFSampleExtension_Content_KeyID, &kid);
	if (SUCCEEDED(hr))
		hr = IMFSample_SetBlob(s, &MFSampleExtension_Encryption_SampleID,
				       info->iv, iv_size);
	if (SUCCEEDED(hr))
		hr = IMFSample_SetUINT32(
			s, &MFSampleExtension_Encryption_ProtectionScheme,
			MF_SAMPLE_ENCRYPTION_PROTECTION_SCHEME_AES_CTR);
	if (FAILED(hr) || !info->subsample_count)
		return hr;
	map = calloc(info->subsample_count, 2 * sizeof(*map));
	if (!map)
		return E_OUTOFMEMORY;
	for (uint32_t i = 0; i < info->subsample_count; i++) {
		map[2 * i] = info->subsamples[i].bytes_of_clear_data;
		map[2 * i + 1] = info->subsamples[i].bytes_of_protected_data;
	}
	hr = IMFSample_SetBlob(s,
			       &MFSampleExtension_Encryption_SubSample_Mapping,
			       (UINT8 *)map,
			       info->subsample_count * 2 * sizeof(*map));
	free(map);
	return hr;
}

static HRESULT make_sample(const AVPacket *pkt, AVRational tb,
			   IMFSample **out)
{
	int64_t pts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
	AVEncryptionInfo *info = NULL;
	IMFMediaBuffer *buf = NULL;
	const uint8_t *sd;
	size_t sd_size;
	IMFSample *s;
	BYTE *data;
	HRESULT hr;

	hr = MFCreateSample(&s);
	if (FAILED(hr))
		return hr;
	hr = MFCreateMemoryBuffer(pkt->size, &buf);
	if (SUCCEEDED(hr)) {
		IMFMediaBuffer_Lock(buf, &data, NULL, NULL);
		memcpy(data, pkt->data, pkt->size);
		IMFMediaBuffer_Unlock(buf);
		IMFMediaBuffer_SetCurrentLength(buf, pkt->size);
		hr = IMFSample_AddBuffer(s, buf);
		IMFMediaBuffer_Release(buf);
	}
	if (SUCCEEDED(hr) && pts != AV_NOPTS_VALUE)
		hr = IMFSample_SetSampleTime(s, to_hns(pts, tb));
	if (SUCCEEDED(hr) && pkt->duration)
		hr = IMFSample_SetSampleDuration(s, to_hns(pkt->duration, tb));
	if (SUCCEEDED(hr) && pkt->dts != AV_NOPTS_VALUE)
		hr = IMFSample_SetUINT64(s, &MFSampleExtension_DecodeTimestamp,
					 to_hns(pkt->dts, tb));
	if (SUCCEEDED(hr))
		hr = IMFSample_SetUINT32(s, &MFSampleExtension_CleanPoint,
					 !!(pkt->flags & AV_PKT_FLAG_KEY));
	sd = av_packet_get_side_data(pkt, AV_PKT_DATA_ENCRYPTION_INFO,
				     &sd_size);
	if (SUCCEEDED(hr) && sd) {
		info = av_encryption_info_get_side_data(sd, sd_size);
		hr = info ? set_cenc(s, info) : E_OUTOFMEMORY;
		av_encryption_info_free(info);
	}
	if (FAILED(hr)) {
		IMFSample_Release(s);
		return hr;
	}
	*out = s;
	return S_OK;
}

/* The subtype source.c names a codec by: its FourCC. */
static GUID subtype_of_codec(const AVCodecParameters *par)
{
	GUID g = MFVideoFormat_H264;

	if (par->codec_id == AV_CODEC_ID_MPEG4)
		g.Data1 = MKTAG('M', 'P', '4', 'V');
	return g;
}

static HRESULT make_type(AVFormatContext *fmt, AVStream *st,
			 struct stream_in *in)
{
	const AVCodecParameters *par = st->codecpar;
	GUID subtype = subtype_of_codec(par);
	IMFMediaType *t;
	HRESULT hr;

	hr = MFCreateMediaType(&t);
	if (FAILED(hr))
		return hr;
	in->type = t;
	in->clock.tb = st->time_base;
	in->clock.frame_rate = av_guess_frame_rate(fmt, st, NULL);
	in->clock.start_us = fmt->start_time;
	in->width_height = pack(par->width, par->height);
	hr = IMFMediaType_SetGUID(t, &MF_MT_MAJOR_TYPE, &MFMediaType_Video);
	if (SUCCEEDED(hr))
		hr = IMFMediaType_SetGUID(t, &MF_MT_SUBTYPE, &subtype);
	if (SUCCEEDED(hr))
		hr = IMFMediaType_SetUINT64(t, &MF_MT_FRAME_SIZE,
					    in->width_height);
	if (SUCCEEDED(hr) && in->clock.frame_rate.num)
		hr = IMFMediaType_SetUINT64(t, &MF_MT_FRAME_RATE,
					    pack(in->clock.frame_rate.num,
						 in->clock.frame_rate.den));
	if (SUCCEEDED(hr))
		hr = IMFMediaType_SetUINT64(t, &MF_MT_PIXEL_ASPECT_RATIO,
					    pack(1, 1));
	if (SUCCEEDED(hr) && par->extradata_size)
		hr = IMFMediaType_SetBlob(t, &MF_MT_MPEG_SEQUENCE_HEADER,
					  par->extradata, par->extradata_size);
	if (SUCCEEDED(hr))
		hr = IMFMediaType_SetUINT64(t, &PMP_MT_TIME_BASE,
					    pack(st->time_base.num,
						 st->time_base.den));
	if (SUCCEEDED(hr) && fmt->start_time != AV_NOPTS_VALUE)
		hr = IMFMediaType_SetUINT64(t, &PMP_MT_START_TIME,
					    (UINT64)fmt->start_time);
	return hr;
}

/* Demuxes @file's first video stream into @in. */
static int load_stream(const char *file, struct stream_in *in)
{
	AVFormatContext *fmt = NULL;
	AVPacket *pkt = av_packet_alloc();
	AVStream *st;
	int err, cap = 0;

	memset(in, 0, sizeof(*in));
	if (!pkt)
		return -ENOMEM;
	err = avformat_open_input(&fmt, file, NULL, NULL);
	if (!err)
		err = avformat_find_stream_info(fmt, NULL) < 0 ? -EIO : 0;
	st = err ? NULL : first_video(fmt);
	if (!err && (!st || FAILED(make_type(fmt, st, in))))
		err = -EIO;
	while (!err && av_read_frame(fmt, pkt) >= 0) {
		if (pkt->stream_index == st->index) {
			if (in->count == cap) {
				cap = cap ? 2 * cap : 64;
				in->samples = realloc(in->samples,
						      cap * sizeof(*in->samples));
			}
			if (!in->samples ||
			    FAILED(make_sample(pkt, st->time_base,
					       &in->samples[in->count])))
				err = -ENOMEM;
			else
				in->count++;
		}
		av_packet_unref(pkt);
	}
	av_packet_free(&pkt);
	avformat_close_input(&fmt);
	if (err)
		stream_free(in);
	return err;
}

/* ---- keys ---- */

/* A store holding @kid's @key (none when @key is NULL). */
static IPmpKeyStore *key_store(const uint8_t *kid, const uint8_t *key)
{
	IPmpKeyStore *store = NULL;
	char text[256];

	if (FAILED(pmp_key_store_create(&store)))
		return NULL;
	if (!key)
		return store;
	clip_license(kid, key, text, sizeof(text));
	if (FAILED(pmp_key_store_update(store, text))) {
		IPmpKeyStore_Release(store);
		return NULL;
	}
	return store;
}

/* Open()'s attributes for a decryptor: the node's, and @keys. */
static IMFAttributes *decryptor_attrs(IPmpKeyStore *keys)
{
	IMFAttributes *a = NULL;

	if (FAILED(MFCreateAttributes(&a, 2)))
		return NULL;
	IMFAttributes_SetUINT32(a, &MF_SD_PROTECTED, 1);
	if (keys)
		IMFAttributes_SetUnknown(a, &PMP_TRANSFORM_KEY_STORE,
					 (IUnknown *)keys);
	return a;
}

/* ---- the pipeline, driven as a session's worker drives it ---- */

struct chain {
	IPmpMediaTransform *decryptor;
	IPmpMediaTransform *decoder;
	IPmpMediaSink *sink;
	struct record *records;
	int count;
	/* Frames out of the decoder. */
	int frames;
};

/* Takes @sample (a record or a frame) as a record. */
static HRESULT take_output(struct chain *c, IMFSample *sample)
{
	HRESULT hr;

	if (c->count == MAX_RECORDS)
		return E_UNEXPECTED;
	hr = record_of(sample, &c->records[c->count]);
	if (SUCCEEDED(hr))
		c->count++;
	return hr;
}

/* Reads what the sink has, without waiting. */
static HRESULT read_sink(struct chain *c)
{
	IMFSample *out;
	HRESULT hr;

	while ((hr = IPmpMediaSink_ReadOutput(c->sink, 0, &out)) == S_OK) {
		hr = take_output(c, out);
		IMFSample_Release(out);
		if (FAILED(hr))
			return hr;
	}
	return hr == MF_E_NO_EVENTS_AVAILABLE || hr == S_FALSE ? S_OK : hr;
}

/* Every picture the decoder has, to the sink. */
static HRESULT pump_decoder(struct chain *c)
{
	IMFSample *frame;
	HRESULT hr;

	while ((hr = IPmpMediaTransform_ProcessOutput(c->decoder, &frame)) ==
	       S_OK) {
		c->frames++;
		hr = IPmpMediaSink_ProcessSample(c->sink, frame);
		IMFSample_Release(frame);
		if (SUCCEEDED(hr))
			hr = read_sink(c);
		if (FAILED(hr))
			return hr;
	}
	return hr == MF_E_TRANSFORM_NEED_MORE_INPUT ? S_OK : hr;
}

static HRESULT feed_decoder(struct chain *c, IMFSample *sample)
{
	HRESULT hr;

	while ((hr = IPmpMediaTransform_ProcessInput(c->decoder, sample)) ==
	       MF_E_NOTACCEPTING) {
		hr = pump_decoder(c);
		if (FAILED(hr))
			return hr;
	}
	return FAILED(hr) ? hr : pump_decoder(c);
}

/* Everything the decryptor has, to the decoder. */
static HRESULT pump_decryptor(struct chain *c)
{
	IMFSample *clear;
	HRESULT hr;

	while ((hr = IPmpMediaTransform_ProcessOutput(c->decryptor, &clear)) ==
	       S_OK) {
		hr = feed_decoder(c, clear);
		IMFSample_Release(clear);
		if (FAILED(hr))
			return hr;
	}
	return hr == MF_E_TRANSFORM_NEED_MORE_INPUT ? S_OK : hr;
}

/* Plays @in's samples through @c, draining at the end. */
static HRESULT play_samples(struct chain *c, struct stream_in *in)
{
	HRESULT hr = S_OK;

	for (int i = 0; SUCCEEDED(hr) && i < in->count; i++) {
		hr = IPmpMediaTransform_ProcessInput(c->decryptor,
						     in->samples[i]);
		if (SUCCEEDED(hr))
			hr = pump_decryptor(c);
	}
	if (SUCCEEDED(hr))
		hr = IPmpMediaTransform_Drain(c->decryptor);
	if (SUCCEEDED(hr))
		hr = pump_decryptor(c);
	if (SUCCEEDED(hr))
		hr = IPmpMediaTransform_Drain(c->decoder);
	if (SUCCEEDED(hr))
		hr = pump_decoder(c);
	if (SUCCEEDED(hr))
		hr = IPmpMediaSink_EndOfStream(c->sink);
	if (SUCCEEDED(hr))
		hr = read_sink(c);
	return hr;
}

/* Makes and connects the three objects as resolution does. */
static HRESULT chain_open(struct chain *c, IMFMediaType *type,
			  IPmpKeyStore *keys, const GUID *sink_clsid)
{
	IMFAttributes *attrs = decryptor_attrs(keys);
	IMFMediaType *t = NULL, *out = NULL;
	HRESULT hr;

	memset(c, 0, sizeof(*c));
	c->records = calloc(MAX_RECORDS, sizeof(*c->records));
	if (!attrs || !c->records)
		return E_OUTOFMEMORY;
	hr = create(&CLSID_PmpCencDecryptor, &IID_IPmpMediaTransform,
		    (void **)&c->decryptor);
	if (SUCCEEDED(hr))
		hr = create(&CLSID_PmpH264Decoder, &IID_IPmpMediaTransform,
			    (void **)&c->decoder);
	if (SUCCEEDED(hr))
		hr = create(sink_clsid, &IID_IPmpMediaSink, (void **)&c->sink);
	if (SUCCEEDED(hr))
		hr = IPmpMediaTransform_Open(c->decryptor, attrs);
	if (SUCCEEDED(hr))
		hr = IPmpMediaTransform_Open(c->decoder, attrs);
	if (SUCCEEDED(hr))
		hr = IPmpMediaSink_Open(c->sink, attrs);
	if (SUCCEEDED(hr))
		hr = IPmpMediaTransform_SetInputType(c->decryptor, type);
	if (SUCCEEDED(hr))
		hr = IPmpMediaTransform_GetOutputType(c->decryptor, &t);
	/* The sink refuses the compressed type: the decoder goes between. */
	if (SUCCEEDED(hr) &&
	    IPmpMediaSink_SetInputType(c->sink, t) != MF_E_INVALIDMEDIATYPE)
		hr = E_UNEXPECTED;
	if (SUCCEEDED(hr))
		hr = IPmpMediaTransform_SetInputType(c->decoder, t);
	if (SUCCEEDED(hr))
		hr = IPmpMediaTransform_GetOutputType(c->decoder, &out);
	if (SUCCEEDED(hr))
		hr = IPmpMediaSink_SetInputType(c->sink, out);
	if (t)
		IMFMediaType_Release(t);
	if (out)
		IMFMediaType_Release(out);
	IMFAttributes_Release(attrs);
	return hr;
}

static void chain_close(struct chain *c)
{
	if (c->decryptor)
		IPmpMediaTransform_Release(c->decryptor);
	if (c->decoder)
		IPmpMediaTransform_Release(c->decoder);
	if (c->sink)
		IPmpMediaSink_Release(c->sink);
	free(c->records);
	memset(c, 0, sizeof(*c));
}

/* ---- ffmpeg's reference ---- */

/* Plays clip @c into @sink_clsid; asserts ffmpeg's records. */
static void assert_clip_plays(struct __test_metadata *_metadata,
			      const struct clip *c, const GUID *sink_clsid)
{
	struct ref_line *want = calloc(MAX_RECORDS, sizeof(*want));
	IPmpKeyStore *keys = key_store(c->kid, c->encrypted ? c->key : NULL);
	struct stream_in in;
	struct chain ch;
	int lines, diff;

	ASSERT_NE(NULL, want);
	ASSERT_NE(NULL, keys);
	lines = read_reference(c->ref, want, MAX_RECORDS);
	ASSERT_EQ(c->frames, lines);
	ASSERT_EQ(0, load_stream(c->file, &in));
	ASSERT_HR(S_OK, chain_open(&ch, in.type, keys, sink_clsid));
	ASSERT_HR(S_OK, play_samples(&ch, &in));
	diff = compare_with_reference(&in.clock, ch.records, ch.count, want, lines);
	TH_LOG("%s: %d records", basename((char *)c->file), ch.count);
	if (diff)
		TH_LOG("%s: record %d differs (%d records, %d lines)",
		       basename((char *)c->file), diff, ch.count, lines);
	EXPECT_EQ(0, diff);
	EXPECT_EQ(ch.frames, ch.count);
	/* Frames say their layout: 4:2:0 as I420, 4:2:2 as ffmpeg's Y42B. */
	for (int i = 0; sink_clsid == &CLSID_PmpFrameSink && i < ch.count;
	     i++) {
		EXPECT_EQ(strstr(c->file, "422") ? MKTAG('Y', '4', '2', 'B') :
						   MFVideoFormat_I420.Data1,
			  ch.records[i].subtype.Data1);
		EXPECT_EQ(0, memcmp(&MFVideoFormat_I420.Data2,
				    &ch.records[i].subtype.Data2, 12));
		EXPECT_EQ(in.width_height, ch.records[i].frame_size);
	}
	chain_close(&ch);
	stream_free(&in);
	IPmpKeyStore_Release(keys);
	free(want);
}

/* ---- every clip against ffmpeg ---- */

TEST(every_clip_through_the_hash_sink_gives_ffmpegs_framemd5)
{
	struct clip *clips = calloc(MAX_CLIPS, sizeof(*clips));
	const char *dir;
	int n, encrypted = 0;

	NEED_CLIPS(dir);
	ASSERT_NE(NULL, clips);
	ASSERT_NE(NULL, registry);
	n = clip_list_read(dir, clips, MAX_CLIPS);
	ASSERT_EQ(16, n);
	for (int i = 0; i < n; i++) {
		assert_clip_plays(_metadata, &clips[i], &CLSID_PmpHashSink);
		encrypted += clips[i].encrypted;
	}
	ASSERT_EQ(8, encrypted);
	free(clips);
}

TEST(every_clip_through_the_frame_sink_gives_frames_of_ffmpegs_md5s)
{
	struct clip *clips = calloc(MAX_CLIPS, sizeof(*clips));
	const char *dir;
	int n;

	NEED_CLIPS(dir);
	ASSERT_NE(NULL, clips);
	n = clip_list_read(dir, clips, MAX_CLIPS);
	ASSERT_EQ(16, n);
	for (int i = 0; i < n; i++)
		assert_clip_plays(_metadata, &clips[i], &CLSID_PmpFrameSink);
	free(clips);
}

/* ---- the decryptor ---- */

/* The samples of clip @name, demuxed into *@in. */
#define LOAD_CLIP(dir, name, c, in)                                            \
	do {                                                                   \
		NEED_CLIPS(dir);                                               \
		ASSERT_NE(NULL, registry);                                     \
		c = find_clip(dir, name);                                      \
		ASSERT_LT(0, c.frames);                                        \
		ASSERT_EQ(0, load_stream(c.file, in));                         \
	} while (0)

/*
 * A transform of class @clsid opened with @keys (as a decryptor is), its
 * input type @type if not NULL; NULL if anything failed.
 */
static IPmpMediaTransform *open_transform(const GUID *clsid,
					  IPmpKeyStore *keys,
					  IMFMediaType *type)
{
	IMFAttributes *attrs = decryptor_attrs(keys);
	IPmpMediaTransform *t = NULL;

	if (!attrs ||
	    FAILED(create(clsid, &IID_IPmpMediaTransform, (void **)&t)) ||
	    FAILED(IPmpMediaTransform_Open(t, attrs)) ||
	    (type && FAILED(IPmpMediaTransform_SetInputType(t, type)))) {
		if (t)
			IPmpMediaTransform_Release(t);
		t = NULL;
	}
	if (attrs)
		IMFAttributes_Release(attrs);
	return t;
}

static IPmpMediaTransform *open_decryptor(IPmpKeyStore *keys,
					  IMFMediaType *type)
{
	return open_transform(&CLSID_PmpCencDecryptor, keys, type);
}

static IPmpMediaTransform *open_decoder(void)
{
	return open_transform(&CLSID_PmpH264Decoder, NULL, NULL);
}

/* A sample with @from's buffers, timing and attributes, to be changed. */
static IMFSample *clone_sample(IMFSample *from)
{
	IMFMediaBuffer *buf;
	IMFSample *s = NULL;
	LONGLONG t;

	if (FAILED(MFCreateSample(&s)) ||
	    FAILED(IMFSample_CopyAllItems(from, (IMFAttributes *)s)) ||
	    FAILED(IMFSample_GetBufferByIndex(from, 0, &buf)))
		return s;
	IMFSample_AddBuffer(s, buf);
	IMFMediaBuffer_Release(buf);
	if (SUCCEEDED(IMFSample_GetSampleTime(from, &t)))
		IMFSample_SetSampleTime(s, t);
	return s;
}

/* Whether @a's bytes are @b's. */
static bool same_bytes(IMFSample *a, IMFSample *b)
{
	IMFMediaBuffer *ba = NULL, *bb = NULL;
	DWORD la = 0, lb = 0;
	BYTE *pa, *pb;
	bool same = false;

	if (SUCCEEDED(IMFSample_ConvertToContiguousBuffer(a, &ba)) &&
	    SUCCEEDED(IMFSample_ConvertToContiguousBuffer(b, &bb)) &&
	    SUCCEEDED(IMFMediaBuffer_Lock(ba, &pa, NULL, &la)) &&
	    SUCCEEDED(IMFMediaBuffer_Lock(bb, &pb, NULL, &lb)))
		same = la == lb && !memcmp(pa, pb, la);
	if (ba)
		IMFMediaBuffer_Release(ba);
	if (bb)
		IMFMediaBuffer_Release(bb);
	return same;
}

/* What a clear sample no longer carries. */
static const GUID *const encryption_attributes[] = {
	&MFSampleExtension_Content_KeyID,
	&MFSampleExtension_Encryption_SampleID,
	&MFSampleExtension_Encryption_SubSample_Mapping,
	&MFSampleExtension_Encryption_ProtectionScheme,
};

/*
 * One decryptor test's set-up: clip @name demuxed, a key store holding
 * its key (@keyed) or none, a decryptor over them.
 */
struct decrypt_case {
	struct clip c;
	struct stream_in in;
	IPmpKeyStore *keys;
	IPmpMediaTransform *t;
};

static void open_case(struct __test_metadata *_metadata, const char *dir,
		      const char *name, bool keyed, struct decrypt_case *d)
{
	ASSERT_NE(NULL, registry);
	d->c = find_clip(dir, name);
	ASSERT_LT(0, d->c.frames);
	ASSERT_EQ(0, load_stream(d->c.file, &d->in));
	d->keys = key_store(d->c.kid, keyed ? d->c.key : NULL);
	ASSERT_NE(NULL, d->keys);
	d->t = open_decryptor(d->keys, d->in.type);
	ASSERT_NE(NULL, d->t);
}

#define OPEN_CASE(d, name, keyed)                                              \
	do {                                                                   \
		const char *dir_;                                              \
		NEED_CLIPS(dir_);                                              \
		open_case(_metadata, dir_, name, keyed, &(d));                 \
	} while (0)

static void close_case(struct decrypt_case *d)
{
	IPmpMediaTransform_Release(d->t);
	IPmpKeyStore_Release(d->keys);
	stream_free(&d->in);
}

/* The clear clip of encrypted clip @c, demuxed. */
static int load_clear_twin(const struct clip *c, struct stream_in *clear)
{
	char name[PATH_MAX];

	snprintf(name, sizeof(name), "%s", c->file);
	strcpy(strstr(name, "-cenc.mp4"), "-clear.mp4");
	return load_stream(name, clear);
}

TEST(decryptor_open_needs_the_key_store)
{
	IMFAttributes *attrs = decryptor_attrs(NULL), *other = NULL;
	IPmpKeyStore *keys = key_store(NULL, NULL);
	IPmpMediaTransform *t = NULL;

	ASSERT_NE(NULL, attrs);
	ASSERT_NE(NULL, keys);
	ASSERT_HR(S_OK, create(&CLSID_PmpCencDecryptor,
			       &IID_IPmpMediaTransform, (void **)&t));
	EXPECT_HR(E_POINTER, IPmpMediaTransform_Open(t, NULL));
	EXPECT_HR(E_INVALIDARG, IPmpMediaTransform_Open(t, attrs));
	/* Something that is no key store. */
	ASSERT_HR(S_OK, MFCreateAttributes(&other, 1));
	IMFAttributes_SetUnknown(attrs, &PMP_TRANSFORM_KEY_STORE,
				 (IUnknown *)other);
	EXPECT_HR(E_INVALIDARG, IPmpMediaTransform_Open(t, attrs));
	IMFAttributes_SetUnknown(attrs, &PMP_TRANSFORM_KEY_STORE,
				 (IUnknown *)keys);
	EXPECT_HR(S_OK, IPmpMediaTransform_Open(t, attrs));
	EXPECT_HR(MF_E_INVALIDREQUEST, IPmpMediaTransform_Open(t, attrs));
	IPmpMediaTransform_Release(t);
	IMFAttributes_Release(other);
	IMFAttributes_Release(attrs);
	IPmpKeyStore_Release(keys);
}

TEST(transform_calls_out_of_turn)
{
	static const GUID *const classes[] = { &CLSID_PmpCencDecryptor,
					       &CLSID_PmpH264Decoder };
	IPmpKeyStore *keys = key_store(NULL, NULL);
	IMFAttributes *attrs = decryptor_attrs(keys);
	IMFMediaType *type = NULL, *out = POISON;
	IMFSample *sample = NULL, *got = POISON;
	IPmpMediaTransform *t;

	ASSERT_NE(NULL, attrs);
	ASSERT_HR(S_OK, MFCreateMediaType(&type));
	ASSERT_HR(S_OK, MFCreateSample(&sample));
	for (size_t i = 0; i < ARRAY_SIZE(classes); i++) {
		ASSERT_HR(S_OK, create(classes[i], &IID_IPmpMediaTransform,
				       (void **)&t));
		EXPECT_HR(MF_E_INVALIDREQUEST,
			  IPmpMediaTransform_SetInputType(t, type));
		EXPECT_HR(MF_E_INVALIDREQUEST,
			  IPmpMediaTransform_GetOutputType(t, &out));
		EXPECT_EQ(NULL, out);
		EXPECT_HR(MF_E_INVALIDREQUEST,
			  IPmpMediaTransform_ProcessInput(t, sample));
		EXPECT_HR(MF_E_INVALIDREQUEST, IPmpMediaTransform_Drain(t));
		EXPECT_HR(MF_E_INVALIDREQUEST, IPmpMediaTransform_Flush(t));
		ASSERT_HR(S_OK, IPmpMediaTransform_Open(t, attrs));
		EXPECT_HR(MF_E_TRANSFORM_TYPE_NOT_SET,
			  IPmpMediaTransform_GetOutputType(t, &out));
		EXPECT_HR(MF_E_TRANSFORM_TYPE_NOT_SET,
			  IPmpMediaTransform_ProcessInput(t, sample));
		EXPECT_HR(MF_E_TRANSFORM_TYPE_NOT_SET,
			  IPmpMediaTransform_ProcessOutput(t, &got));
		EXPECT_EQ(NULL, got);
		EXPECT_HR(MF_E_TRANSFORM_TYPE_NOT_SET,
			  IPmpMediaTransform_Drain(t));
		EXPECT_HR(S_OK, IPmpMediaTransform_Flush(t));
		/* A type without even a major type. */
		EXPECT_HR(MF_E_INVALIDMEDIATYPE,
			  IPmpMediaTransform_SetInputType(t, type));
		EXPECT_HR(E_POINTER, IPmpMediaTransform_SetInputType(t, NULL));
		EXPECT_HR(E_POINTER, IPmpMediaTransform_ProcessInput(t, NULL));
		EXPECT_HR(E_POINTER,
			  IPmpMediaTransform_ProcessOutput(t, NULL));
		EXPECT_HR(E_POINTER, IPmpMediaTransform_GetOutputType(t, NULL));
		IPmpMediaTransform_Release(t);
	}
	IMFSample_Release(sample);
	IMFMediaType_Release(type);
	IMFAttributes_Release(attrs);
	IPmpKeyStore_Release(keys);
}

/* Whether @b has @a's value of @key (both have it). */
static bool same_item(IMFSample *a, IMFSample *b, const GUID *key)
{
	BOOL same = FALSE;
	PROPVARIANT v;

	if (FAILED(IMFSample_GetItem(a, key, &v)))
		return false;
	if (FAILED(IMFSample_CompareItem(b, key, &v, &same)))
		same = FALSE;
	PropVariantClear(&v);
	return same;
}

TEST(decrypted_samples_are_the_clear_clips_with_their_timing_and_no_cenc)
{
	static const GUID *const kept[] = { &MFSampleExtension_DecodeTimestamp,
					    &MFSampleExtension_CleanPoint };
	struct decrypt_case d;
	struct stream_in clear;
	IMFMediaType *out = NULL;
	IMFSample *got = NULL;
	BOOL equal = FALSE;

	/* One libx264 thread: the clear clip holds the same bits. */
	OPEN_CASE(d, "high-bf3-320x240-cenc.mp4", true);
	ASSERT_EQ(0, load_clear_twin(&d.c, &clear));
	ASSERT_EQ(d.in.count, clear.count);
	/* The output type is the input type. */
	ASSERT_HR(S_OK, IPmpMediaTransform_GetOutputType(d.t, &out));
	ASSERT_HR(S_OK, IMFMediaType_Compare(out, (IMFAttributes *)d.in.type,
					     MF_ATTRIBUTES_MATCH_ALL_ITEMS,
					     &equal));
	EXPECT_TRUE(equal);
	IMFMediaType_Release(out);
	for (int i = 0; i < d.in.count; i++) {
		IMFSample *in = d.in.samples[i];
		LONGLONG want, have;

		ASSERT_HR(S_OK, IPmpMediaTransform_ProcessInput(d.t, in));
		/* One sample held at most. */
		ASSERT_HR(MF_E_NOTACCEPTING,
			  IPmpMediaTransform_ProcessInput(d.t, in));
		ASSERT_HR(S_OK, IPmpMediaTransform_ProcessOutput(d.t, &got));
		ASSERT_NE(in, got);
		ASSERT_TRUE(same_bytes(clear.samples[i], got));
		ASSERT_HR(S_OK, IMFSample_GetSampleTime(in, &want));
		ASSERT_HR(S_OK, IMFSample_GetSampleTime(got, &have));
		EXPECT_EQ(want, have);
		ASSERT_HR(S_OK, IMFSample_GetSampleDuration(in, &want));
		ASSERT_HR(S_OK, IMFSample_GetSampleDuration(got, &have));
		EXPECT_EQ(want, have);
		for (size_t a = 0; a < ARRAY_SIZE(kept); a++)
			EXPECT_TRUE(same_item(in, got, kept[a]));
		for (size_t a = 0; a < ARRAY_SIZE(encryption_attributes); a++)
			EXPECT_HR(MF_E_ATTRIBUTENOTFOUND,
				  IMFSample_GetItem(got,
						    encryption_attributes[a],
						    NULL));
		IMFSample_Release(got);
		ASSERT_HR(MF_E_TRANSFORM_NEED_MORE_INPUT,
			  IPmpMediaTransform_ProcessOutput(d.t, &got));
	}
	stream_free(&clear);
	close_case(&d);
}

TEST(no_key_is_license_required_and_the_store_is_asked_for_the_files_kid)
{
	IPmpKeyStore *lookup = NULL;
	struct decrypt_case d;
	struct stream_in clear;
	IPmpMediaTransform *t;
	IMFSample *got = POISON;
	char text[256];
	BYTE kid[16];

	OPEN_CASE(d, "base-176x144-cenc.mp4", false);
	ASSERT_EQ(0, load_clear_twin(&d.c, &clear));
	/* The session's lookup remembers the key id it missed. */
	ASSERT_HR(S_OK, pmp_key_lookup_create(d.keys, &lookup));
	t = open_decryptor(lookup, d.in.type);
	ASSERT_NE(NULL, t);
	EXPECT_HR(MF_E_LICENSE_REQUIRED,
		  IPmpMediaTransform_ProcessInput(t, d.in.samples[0]));
	EXPECT_HR(MF_E_TRANSFORM_NEED_MORE_INPUT,
		  IPmpMediaTransform_ProcessOutput(t, &got));
	EXPECT_EQ(NULL, got);
	/* The key id asked for is the file's 16 bytes, in the file's order. */
	ASSERT_TRUE(pmp_key_lookup_missing(lookup, kid));
	EXPECT_EQ(0, memcmp(d.c.kid, kid, 16));
	/* A license that comes later is used from the next sample on. */
	clip_license(d.c.kid, d.c.key, text, sizeof(text));
	ASSERT_HR(S_OK, pmp_key_store_update(d.keys, text));
	ASSERT_HR(S_OK, IPmpMediaTransform_ProcessInput(t, d.in.samples[0]));
	ASSERT_HR(S_OK, IPmpMediaTransform_ProcessOutput(t, &got));
	EXPECT_TRUE(same_bytes(clear.samples[0], got));
	IMFSample_Release(got);
	IPmpMediaTransform_Release(t);
	IPmpKeyStore_Release(lookup);
	stream_free(&clear);
	close_case(&d);
}

TEST(a_key_replaced_by_a_later_license_is_used_from_then_on)
{
	struct decrypt_case d;
	struct stream_in clear;
	IMFSample *got = NULL;
	uint8_t wrong[16];
	char text[256];

	OPEN_CASE(d, "high-pyramid-200x120-cenc.mp4", false);
	ASSERT_EQ(0, load_clear_twin(&d.c, &clear));
	memcpy(wrong, d.c.key, 16);
	wrong[0] ^= 1;
	clip_license(d.c.kid, wrong, text, sizeof(text));
	ASSERT_HR(S_OK, pmp_key_store_update(d.keys, text));
	ASSERT_HR(S_OK, IPmpMediaTransform_ProcessInput(d.t, d.in.samples[1]));
	ASSERT_HR(S_OK, IPmpMediaTransform_ProcessOutput(d.t, &got));
	EXPECT_FALSE(same_bytes(clear.samples[1], got));
	IMFSample_Release(got);
	clip_license(d.c.kid, d.c.key, text, sizeof(text));
	ASSERT_HR(S_OK, pmp_key_store_update(d.keys, text));
	ASSERT_HR(S_OK, IPmpMediaTransform_ProcessInput(d.t, d.in.samples[1]));
	ASSERT_HR(S_OK, IPmpMediaTransform_ProcessOutput(d.t, &got));
	EXPECT_TRUE(same_bytes(clear.samples[1], got));
	IMFSample_Release(got);
	stream_free(&clear);
	close_case(&d);
}

/* The decryptor's answer for @s; it holds nothing afterwards. */
static HRESULT decrypt_status(struct __test_metadata *_metadata,
			      IPmpMediaTransform *t, IMFSample *s)
{
	IMFSample *got = NULL;
	HRESULT hr = IPmpMediaTransform_ProcessInput(t, s);

	if (SUCCEEDED(hr)) {
		EXPECT_HR(S_OK, IPmpMediaTransform_ProcessOutput(t, &got));
		if (got)
			IMFSample_Release(got);
	}
	EXPECT_HR(MF_E_TRANSFORM_NEED_MORE_INPUT,
		  IPmpMediaTransform_ProcessOutput(t, &got));
	return hr;
}

TEST(malformed_ivs_maps_and_key_ids_are_invalid_stream_data)
{
	static const BYTE iv12[12], iv16[16];
	const GUID *map_key = &MFSampleExtension_Encryption_SubSample_Mapping;
	const GUID *iv_key = &MFSampleExtension_Encryption_SampleID;
	struct decrypt_case d;
	UINT32 map[64], size = 0;
	IMFSample *s;

	OPEN_CASE(d, "high-bf3-320x240-cenc.mp4", true);
	ASSERT_HR(S_OK, IMFSample_GetBlob(d.in.samples[0], map_key,
					  (UINT8 *)map, sizeof(map), &size));
	ASSERT_LE(8u, size);

	s = clone_sample(d.in.samples[0]);
	EXPECT_HR(S_OK, decrypt_status(_metadata, d.t, s));
	/* IVs of 12 bytes, of none, of another type. */
	IMFSample_SetBlob(s, iv_key, iv12, 12);
	EXPECT_HR(MF_E_INVALID_STREAM_DATA, decrypt_status(_metadata, d.t, s));
	IMFSample_DeleteItem(s, iv_key);
	EXPECT_HR(MF_E_INVALID_STREAM_DATA, decrypt_status(_metadata, d.t, s));
	IMFSample_SetUINT32(s, iv_key, 8);
	EXPECT_HR(MF_E_INVALID_STREAM_DATA, decrypt_status(_metadata, d.t, s));
	/* A 16-byte IV is taken (the wrong one: the bytes do not decode). */
	IMFSample_SetBlob(s, iv_key, iv16, 16);
	EXPECT_HR(S_OK, decrypt_status(_metadata, d.t, s));
	IMFSample_Release(s);

	/* Maps not of whole pairs, empty, or not adding up to the sample. */
	s = clone_sample(d.in.samples[0]);
	IMFSample_SetBlob(s, map_key, (UINT8 *)map, size - 4);
	EXPECT_HR(MF_E_INVALID_STREAM_DATA, decrypt_status(_metadata, d.t, s));
	IMFSample_SetBlob(s, map_key, (UINT8 *)map, 0);
	EXPECT_HR(MF_E_INVALID_STREAM_DATA, decrypt_status(_metadata, d.t, s));
	map[0]++;
	IMFSample_SetBlob(s, map_key, (UINT8 *)map, size);
	EXPECT_HR(MF_E_INVALID_STREAM_DATA, decrypt_status(_metadata, d.t, s));
	map[0] -= 2;
	IMFSample_SetBlob(s, map_key, (UINT8 *)map, size);
	EXPECT_HR(MF_E_INVALID_STREAM_DATA, decrypt_status(_metadata, d.t, s));
	IMFSample_Release(s);

	/* A key id that is no GUID. */
	s = clone_sample(d.in.samples[0]);
	IMFSample_SetUINT32(s, &MFSampleExtension_Content_KeyID, 1);
	EXPECT_HR(MF_E_INVALID_STREAM_DATA, decrypt_status(_metadata, d.t, s));
	IMFSample_Release(s);

	/* The untouched sample still decrypts. */
	EXPECT_HR(S_OK, decrypt_status(_metadata, d.t, d.in.samples[0]));
	close_case(&d);
}

TEST(cbc_and_pattern_schemes_are_an_unsupported_format)
{
	const GUID *scheme = &MFSampleExtension_Encryption_ProtectionScheme;
	struct decrypt_case d;
	IMFSample *s;

	OPEN_CASE(d, "base-176x144-cenc.mp4", true);
	s = clone_sample(d.in.samples[0]);
	IMFSample_SetUINT32(s, scheme,
			    MF_SAMPLE_ENCRYPTION_PROTECTION_SCHEME_AES_CBC);
	EXPECT_HR(MF_E_UNSUPPORTED_FORMAT, decrypt_status(_metadata, d.t, s));
	/* 'cens': CTR with a pattern. */
	IMFSample_SetUINT32(s, scheme,
			    MF_SAMPLE_ENCRYPTION_PROTECTION_SCHEME_AES_CTR);
	IMFSample_SetUINT32(s, &MFSampleExtension_Encryption_CryptByteBlock, 1);
	IMFSample_SetUINT32(s, &MFSampleExtension_Encryption_SkipByteBlock, 9);
	EXPECT_HR(MF_E_UNSUPPORTED_FORMAT, decrypt_status(_metadata, d.t, s));
	/* No pattern is 'cenc' again. */
	IMFSample_SetUINT32(s, &MFSampleExtension_Encryption_CryptByteBlock, 0);
	EXPECT_HR(S_OK, decrypt_status(_metadata, d.t, s));
	IMFSample_Release(s);
	close_case(&d);
}

TEST(a_clear_sample_passes_as_it_is_and_drain_holds_it_until_read)
{
	struct decrypt_case d;
	IMFSample *got = NULL;

	OPEN_CASE(d, "base-176x144-clear.mp4", false);
	ASSERT_HR(S_OK, IPmpMediaTransform_ProcessInput(d.t, d.in.samples[0]));
	ASSERT_HR(S_OK, IPmpMediaTransform_Drain(d.t));
	EXPECT_HR(MF_E_NOTACCEPTING,
		  IPmpMediaTransform_ProcessInput(d.t, d.in.samples[1]));
	/* The sample itself: nothing to decrypt. */
	ASSERT_HR(S_OK, IPmpMediaTransform_ProcessOutput(d.t, &got));
	EXPECT_EQ(d.in.samples[0], got);
	IMFSample_Release(got);
	EXPECT_HR(MF_E_TRANSFORM_NEED_MORE_INPUT,
		  IPmpMediaTransform_ProcessOutput(d.t, &got));
	EXPECT_HR(MF_E_NOTACCEPTING,
		  IPmpMediaTransform_ProcessInput(d.t, d.in.samples[1]));
	/* A flush ends the drain, and drops what is held. */
	ASSERT_HR(S_OK, IPmpMediaTransform_Flush(d.t));
	ASSERT_HR(S_OK, IPmpMediaTransform_ProcessInput(d.t, d.in.samples[1]));
	ASSERT_HR(S_OK, IPmpMediaTransform_Flush(d.t));
	EXPECT_HR(MF_E_TRANSFORM_NEED_MORE_INPUT,
		  IPmpMediaTransform_ProcessOutput(d.t, &got));
	close_case(&d);
}

/* ---- the decoder ---- */

/* A copy of @type to be changed. */
static IMFMediaType *copy_type(IMFMediaType *type)
{
	IMFMediaType *copy = NULL;

	if (SUCCEEDED(MFCreateMediaType(&copy)))
		IMFMediaType_CopyAllItems(type, (IMFAttributes *)copy);
	return copy;
}

/* SetInputType of a copy of @type with @key set to @value (or deleted). */
static HRESULT try_type_u64(IPmpMediaTransform *t, IMFMediaType *type,
			    const GUID *key, const UINT64 *value)
{
	IMFMediaType *copy = copy_type(type);
	HRESULT hr;

	if (value)
		IMFMediaType_SetUINT64(copy, key, *value);
	else
		IMFMediaType_DeleteItem(copy, key);
	hr = IPmpMediaTransform_SetInputType(t, copy);
	IMFMediaType_Release(copy);
	return hr;
}

static HRESULT try_type_blob(IPmpMediaTransform *t, IMFMediaType *type,
			     const GUID *key, const void *blob, UINT32 size)
{
	IMFMediaType *copy = copy_type(type);
	HRESULT hr;

	IMFMediaType_SetBlob(copy, key, blob, size);
	hr = IPmpMediaTransform_SetInputType(t, copy);
	IMFMediaType_Release(copy);
	return hr;
}

static HRESULT try_type_guid(IPmpMediaTransform *t, IMFMediaType *type,
			     const GUID *key, const GUID *value)
{
	IMFMediaType *copy = copy_type(type);
	HRESULT hr;

	IMFMediaType_SetGUID(copy, key, value);
	hr = IPmpMediaTransform_SetInputType(t, copy);
	IMFMediaType_Release(copy);
	return hr;
}

TEST(decoder_refuses_types_it_cannot_decode)
{
	static const BYTE avcc_v2[] = { 2, 0x42, 0, 0x1e, 0xff, 0xe0, 0 };
	/* A well-formed record with no SPS: no format to tell. */
	static const BYTE avcc_no_sps[] = { 1, 0x42, 0, 0x1e, 0xff, 0xe0, 0 };
	const UINT64 huge = pack(8192, 4368), zero_w = pack(0, 240),
		     wide = pack(0x80000000u, 240), tb_zero = pack(0, 25),
		     tb_den_zero = pack(1, 0);
	GUID hevc = MFVideoFormat_H264;
	struct stream_in in, mpeg4;
	IPmpMediaTransform *t;
	IMFMediaType *out = NULL;
	char path[PATH_MAX + 32];
	UINT64 size = 0;
	const char *dir;
	struct clip c;

	LOAD_CLIP(dir, "high-bf3-320x240-clear.mp4", c, &in);
	snprintf(path, sizeof(path), "%s/mpeg4-part2.mp4", dir);
	ASSERT_EQ(0, load_stream(path, &mpeg4));
	t = open_decoder();
	ASSERT_NE(NULL, t);
	hevc.Data1 = MKTAG('H', 'E', 'V', 'C');
	EXPECT_HR(MF_E_INVALIDMEDIATYPE,
		  IPmpMediaTransform_SetInputType(t, mpeg4.type));
	EXPECT_HR(MF_E_INVALIDMEDIATYPE,
		  try_type_guid(t, in.type, &MF_MT_SUBTYPE, &hevc));
	EXPECT_HR(MF_E_INVALIDMEDIATYPE,
		  try_type_guid(t, in.type, &MF_MT_MAJOR_TYPE,
				&MFMediaType_Audio));
	EXPECT_HR(MF_E_INVALIDMEDIATYPE,
		  try_type_u64(t, in.type, &MF_MT_FRAME_SIZE, NULL));
	EXPECT_HR(MF_E_INVALIDMEDIATYPE,
		  try_type_u64(t, in.type, &MF_MT_MPEG_SEQUENCE_HEADER, NULL));
	EXPECT_HR(MF_E_INVALIDMEDIATYPE,
		  try_type_u64(t, in.type, &PMP_MT_TIME_BASE, NULL));
	EXPECT_HR(MF_E_INVALIDMEDIATYPE,
		  try_type_u64(t, in.type, &PMP_MT_TIME_BASE, &tb_zero));
	EXPECT_HR(MF_E_INVALIDMEDIATYPE,
		  try_type_u64(t, in.type, &PMP_MT_TIME_BASE, &tb_den_zero));
	/* Sizes beyond the decoder's limits (avdec.h). */
	EXPECT_HR(MF_E_INVALIDMEDIATYPE,
		  try_type_u64(t, in.type, &MF_MT_FRAME_SIZE, &huge));
	EXPECT_HR(MF_E_INVALIDMEDIATYPE,
		  try_type_u64(t, in.type, &MF_MT_FRAME_SIZE, &zero_w));
	EXPECT_HR(MF_E_INVALIDMEDIATYPE,
		  try_type_u64(t, in.type, &MF_MT_FRAME_SIZE, &wide));
	EXPECT_HR(MF_E_INVALIDMEDIATYPE,
		  try_type_blob(t, in.type, &MF_MT_MPEG_SEQUENCE_HEADER,
				avcc_v2, sizeof(avcc_v2)));
	EXPECT_HR(MF_E_INVALIDMEDIATYPE,
		  try_type_blob(t, in.type, &MF_MT_MPEG_SEQUENCE_HEADER,
				avcc_no_sps, sizeof(avcc_no_sps)));
	EXPECT_HR(MF_E_TRANSFORM_TYPE_NOT_SET,
		  IPmpMediaTransform_GetOutputType(t, &out));
	/* The clip's own type; a refused one later leaves it in place. */
	ASSERT_HR(S_OK, IPmpMediaTransform_SetInputType(t, in.type));
	EXPECT_HR(MF_E_INVALIDMEDIATYPE,
		  try_type_u64(t, in.type, &MF_MT_FRAME_SIZE, &huge));
	ASSERT_HR(S_OK, IPmpMediaTransform_GetOutputType(t, &out));
	ASSERT_HR(S_OK, IMFMediaType_GetUINT64(out, &MF_MT_FRAME_SIZE, &size));
	EXPECT_EQ(pack(320, 240), size);
	IMFMediaType_Release(out);
	IPmpMediaTransform_Release(t);
	stream_free(&mpeg4);
	stream_free(&in);
}

/* The decoder's output type for clip @name's stream. */
static IMFMediaType *decoder_output(const char *dir, const char *name,
				    struct stream_in *in)
{
	IPmpMediaTransform *t = open_decoder();
	IMFMediaType *out = NULL;

	if (t && !load_stream(find_clip(dir, name).file, in) &&
	    SUCCEEDED(IPmpMediaTransform_SetInputType(t, in->type)))
		IPmpMediaTransform_GetOutputType(t, &out);
	if (t)
		IPmpMediaTransform_Release(t);
	return out;
}

TEST(decoder_output_types_are_uncompressed_and_name_the_pixel_format)
{
	static const GUID *const carried[] = { &MF_MT_FRAME_RATE,
					       &PMP_MT_TIME_BASE,
					       &PMP_MT_START_TIME };
	struct stream_in in, in422;
	IMFMediaType *out, *out422;
	UINT64 want, have;
	UINT32 flag = 9;
	BOOL compressed = TRUE;
	GUID subtype;
	const char *dir;

	NEED_CLIPS(dir);
	ASSERT_NE(NULL, registry);
	out = decoder_output(dir, "high-640x360-ntsc-clear.mp4", &in);
	ASSERT_NE(NULL, out);
	ASSERT_HR(S_OK, IMFMediaType_GetGUID(out, &MF_MT_SUBTYPE, &subtype));
	EXPECT_TRUE(IsEqualGUID(&MFVideoFormat_I420, &subtype));
	ASSERT_HR(S_OK, IMFMediaType_GetGUID(out, &MF_MT_MAJOR_TYPE, &subtype));
	EXPECT_TRUE(IsEqualGUID(&MFMediaType_Video, &subtype));
	ASSERT_HR(S_OK, IMFMediaType_GetUINT64(out, &MF_MT_FRAME_SIZE, &have));
	EXPECT_EQ(pack(640, 360), have);
	ASSERT_HR(S_OK, IMFMediaType_IsCompressedFormat(out, &compressed));
	EXPECT_FALSE(compressed);
	ASSERT_HR(S_OK, IMFMediaType_GetUINT32(out, &MF_MT_COMPRESSED, &flag));
	EXPECT_EQ(0u, flag);
	for (size_t i = 0; i < ARRAY_SIZE(carried); i++) {
		ASSERT_HR(S_OK, IMFMediaType_GetUINT64(in.type, carried[i],
						       &want));
		ASSERT_HR(S_OK, IMFMediaType_GetUINT64(out, carried[i], &have));
		EXPECT_EQ(want, have);
	}
	EXPECT_EQ(pack(24000, 1001),
		  (IMFMediaType_GetUINT64(out, &MF_MT_FRAME_RATE, &have), have));
	/* The codec's configuration stays behind. */
	EXPECT_HR(MF_E_ATTRIBUTENOTFOUND,
		  IMFMediaType_GetItem(out, &MF_MT_MPEG_SEQUENCE_HEADER, NULL));

	/* 4:2:2: ffmpeg's rawvideo tag for yuv422p. */
	out422 = decoder_output(dir, "high422-320x180-clear.mp4", &in422);
	ASSERT_NE(NULL, out422);
	ASSERT_HR(S_OK, IMFMediaType_GetGUID(out422, &MF_MT_SUBTYPE,
					     &subtype));
	EXPECT_EQ(MKTAG('Y', '4', '2', 'B'), subtype.Data1);
	EXPECT_EQ(0, memcmp(&MFVideoFormat_I420.Data2, &subtype.Data2, 12));
	IMFMediaType_Release(out422);
	IMFMediaType_Release(out);
	stream_free(&in422);
	stream_free(&in);
}

TEST(decoder_output_type_is_a_copy)
{
	IPmpMediaTransform *t = open_decoder();
	IMFMediaType *a = NULL, *b = NULL;
	struct stream_in in;
	UINT64 size = 0;
	const char *dir;
	struct clip c;

	ASSERT_NE(NULL, t);
	LOAD_CLIP(dir, "base-176x144-clear.mp4", c, &in);
	ASSERT_HR(S_OK, IPmpMediaTransform_SetInputType(t, in.type));
	ASSERT_HR(S_OK, IPmpMediaTransform_GetOutputType(t, &a));
	IMFMediaType_SetUINT64(a, &MF_MT_FRAME_SIZE, pack(1, 1));
	ASSERT_HR(S_OK, IPmpMediaTransform_GetOutputType(t, &b));
	ASSERT_NE(a, b);
	ASSERT_HR(S_OK, IMFMediaType_GetUINT64(b, &MF_MT_FRAME_SIZE, &size));
	EXPECT_EQ(pack(176, 144), size);
	IMFMediaType_Release(a);
	IMFMediaType_Release(b);
	IPmpMediaTransform_Release(t);
	stream_free(&in);
}

/* Feeds @n samples of @in to @t, keeping the MD5 of each picture out. */
static int decode_some(IPmpMediaTransform *t, struct stream_in *in, int n,
		       bool drain, uint8_t (*md5s)[16], int max)
{
	IMFSample *frame;
	int out = 0;
	HRESULT hr;

	for (int i = 0; i <= n; i++) {
		if (i == n && (!drain || FAILED(IPmpMediaTransform_Drain(t))))
			break;
		while ((hr = IPmpMediaTransform_ProcessOutput(t, &frame)) ==
		       S_OK) {
			IMFMediaBuffer *buf;
			DWORD len;
			BYTE *data;

			if (out < max &&
			    SUCCEEDED(IMFSample_GetBufferByIndex(frame, 0,
								 &buf))) {
				IMFMediaBuffer_Lock(buf, &data, NULL, &len);
				md5_of(data, len, md5s[out]);
				IMFMediaBuffer_Unlock(buf);
				IMFMediaBuffer_Release(buf);
			}
			out++;
			IMFSample_Release(frame);
		}
		if (hr != MF_E_TRANSFORM_NEED_MORE_INPUT)
			return -1;
		if (i < n &&
		    FAILED(IPmpMediaTransform_ProcessInput(t, in->samples[i])))
			return -1;
	}
	return out;
}

TEST(decoder_drain_gives_what_it_holds_and_flush_starts_over)
{
	uint8_t first[16][16], again[16][16];
	IPmpMediaTransform *t = open_decoder();
	struct stream_in in;
	IMFSample *got = NULL;
	const char *dir;
	struct clip c;
	int before;

	ASSERT_NE(NULL, t);
	/* B-frames: pictures wait for reordering until the drain. */
	LOAD_CLIP(dir, "high-bf3-320x240-clear.mp4", c, &in);
	ASSERT_HR(S_OK, IPmpMediaTransform_SetInputType(t, in.type));
	before = decode_some(t, &in, 12, false, first, 16);
	EXPECT_GT(12, before);
	EXPECT_EQ(12 - before, decode_some(t, &in, 0, true, first + before,
					   16 - before));
	EXPECT_HR(MF_E_NOTACCEPTING,
		  IPmpMediaTransform_ProcessInput(t, in.samples[12]));
	EXPECT_HR(MF_E_TRANSFORM_NEED_MORE_INPUT,
		  IPmpMediaTransform_ProcessOutput(t, &got));
	/* After a flush, the same samples give the same pictures. */
	ASSERT_HR(S_OK, IPmpMediaTransform_Flush(t));
	EXPECT_EQ(12, decode_some(t, &in, 12, true, again, 16));
	EXPECT_EQ(0, memcmp(first, again, 12 * sizeof(first[0])));
	/* A flush in the middle drops what was held. */
	ASSERT_HR(S_OK, IPmpMediaTransform_Flush(t));
	EXPECT_EQ(before, decode_some(t, &in, 12, false, again, 16));
	ASSERT_HR(S_OK, IPmpMediaTransform_Flush(t));
	EXPECT_HR(MF_E_TRANSFORM_NEED_MORE_INPUT,
		  IPmpMediaTransform_ProcessOutput(t, &got));
	EXPECT_EQ(12, decode_some(t, &in, 12, true, again, 16));
	IPmpMediaTransform_Release(t);
	stream_free(&in);
}

TEST(decoder_takes_garbage_and_gives_no_picture_of_it)
{
	IPmpMediaTransform *t = open_decoder();
	IMFMediaBuffer *buf;
	struct stream_in in;
	IMFSample *s, *got = NULL;
	unsigned int seed = 7;
	const char *dir;
	struct clip c;
	BYTE *data;

	ASSERT_NE(NULL, t);
	LOAD_CLIP(dir, "base-176x144-clear.mp4", c, &in);
	ASSERT_HR(S_OK, IPmpMediaTransform_SetInputType(t, in.type));
	for (int i = 0; i < 100; i++) {
		DWORD size = 16 + i * 37 % 3000;

		ASSERT_HR(S_OK, MFCreateSample(&s));
		ASSERT_HR(S_OK, MFCreateMemoryBuffer(size, &buf));
		IMFMediaBuffer_Lock(buf, &data, NULL, NULL);
		for (DWORD b = 0; b < size; b++) {
			seed = seed * 1103515245 + 12345;
			data[b] = seed >> 16;
		}
		/* Length-prefixed NAL units of random sizes and types. */
		data[0] = data[1] = 0;
		IMFMediaBuffer_Unlock(buf);
		IMFMediaBuffer_SetCurrentLength(buf, size);
		IMFSample_AddBuffer(s, buf);
		IMFMediaBuffer_Release(buf);
		IMFSample_SetSampleTime(s, i * 400000LL);
		ASSERT_HR(S_OK, IPmpMediaTransform_ProcessInput(t, s));
		ASSERT_HR(MF_E_TRANSFORM_NEED_MORE_INPUT,
			  IPmpMediaTransform_ProcessOutput(t, &got));
		IMFSample_Release(s);
	}
	/* An empty sample has no picture. */
	ASSERT_HR(S_OK, MFCreateSample(&s));
	EXPECT_HR(S_OK, IPmpMediaTransform_ProcessInput(t, s));
	IMFSample_Release(s);
	ASSERT_HR(S_OK, IPmpMediaTransform_Drain(t));
	EXPECT_HR(MF_E_TRANSFORM_NEED_MORE_INPUT,
		  IPmpMediaTransform_ProcessOutput(t, &got));
	EXPECT_EQ(NULL, got);
	/* After a flush, the clip decodes. */
	ASSERT_HR(S_OK, IPmpMediaTransform_Flush(t));
	EXPECT_EQ(in.count, decode_some(t, &in, in.count, true, NULL, 0));
	IPmpMediaTransform_Release(t);
	stream_free(&in);
}

/* ---- the sinks ---- */

static const GUID *const sinks[] = { &CLSID_PmpHashSink, &CLSID_PmpFrameSink };

/* An uncompressed video type, as the decoder's output type is. */
static IMFMediaType *i420_type(UINT32 width, UINT32 height)
{
	IMFMediaType *t = NULL;

	if (FAILED(MFCreateMediaType(&t)))
		return NULL;
	IMFMediaType_SetGUID(t, &MF_MT_MAJOR_TYPE, &MFMediaType_Video);
	IMFMediaType_SetGUID(t, &MF_MT_SUBTYPE, &MFVideoFormat_I420);
	IMFMediaType_SetUINT64(t, &MF_MT_FRAME_SIZE, pack(width, height));
	IMFMediaType_SetUINT32(t, &MF_MT_ALL_SAMPLES_INDEPENDENT, TRUE);
	return t;
}

/* A sink of class @clsid, opened and given an I420 type. */
static IPmpMediaSink *open_sink(const GUID *clsid)
{
	IMFMediaType *type = i420_type(4, 2);
	IMFAttributes *attrs = decryptor_attrs(NULL);
	IPmpMediaSink *s = NULL;

	if (type && attrs &&
	    SUCCEEDED(create(clsid, &IID_IPmpMediaSink, (void **)&s)) &&
	    (FAILED(IPmpMediaSink_Open(s, attrs)) ||
	     FAILED(IPmpMediaSink_SetInputType(s, type)))) {
		IPmpMediaSink_Release(s);
		s = NULL;
	}
	if (type)
		IMFMediaType_Release(type);
	if (attrs)
		IMFAttributes_Release(attrs);
	return s;
}

/* A frame of @n buffers holding @text split evenly, timed @time. */
static IMFSample *text_frame(const char *text, int n, LONGLONG time)
{
	size_t len = strlen(text), at = 0;
	IMFMediaBuffer *buf;
	IMFSample *s = NULL;
	BYTE *data;

	if (FAILED(MFCreateSample(&s)))
		return NULL;
	for (int i = 0; i < n; i++) {
		size_t part = i == n - 1 ? len - at : len / n;

		if (FAILED(MFCreateMemoryBuffer(part, &buf)))
			break;
		IMFMediaBuffer_Lock(buf, &data, NULL, NULL);
		memcpy(data, text + at, part);
		IMFMediaBuffer_Unlock(buf);
		IMFMediaBuffer_SetCurrentLength(buf, part);
		IMFSample_AddBuffer(s, buf);
		IMFMediaBuffer_Release(buf);
		at += part;
	}
	if (time >= 0) {
		IMFSample_SetSampleTime(s, time);
		IMFSample_SetSampleDuration(s, 400000);
	}
	return s;
}

TEST(sinks_take_uncompressed_video_only)
{
	IMFAttributes *attrs = decryptor_attrs(NULL);
	IMFMediaType *type, *bad;
	IMFSample *frame = text_frame("0123", 1, 0);
	IPmpMediaSink *s;

	ASSERT_NE(NULL, attrs);
	for (size_t i = 0; i < ARRAY_SIZE(sinks); i++) {
		type = i420_type(4, 1);
		ASSERT_HR(S_OK, create(sinks[i], &IID_IPmpMediaSink,
				       (void **)&s));
		EXPECT_HR(MF_E_INVALIDREQUEST,
			  IPmpMediaSink_SetInputType(s, type));
		EXPECT_HR(MF_E_INVALIDREQUEST,
			  IPmpMediaSink_ProcessSample(s, frame));
		EXPECT_HR(MF_E_INVALIDREQUEST, IPmpMediaSink_EndOfStream(s));
		EXPECT_HR(MF_E_INVALIDREQUEST, IPmpMediaSink_Flush(s));
		EXPECT_HR(E_POINTER, IPmpMediaSink_Open(s, NULL));
		ASSERT_HR(S_OK, IPmpMediaSink_Open(s, attrs));
		EXPECT_HR(MF_E_INVALIDREQUEST, IPmpMediaSink_Open(s, attrs));
		EXPECT_HR(MF_E_INVALIDREQUEST,
			  IPmpMediaSink_ProcessSample(s, frame));
		EXPECT_HR(E_POINTER, IPmpMediaSink_SetInputType(s, NULL));

		bad = copy_type(type);
		IMFMediaType_SetGUID(bad, &MF_MT_SUBTYPE, &MFVideoFormat_H264);
		EXPECT_HR(MF_E_INVALIDMEDIATYPE,
			  IPmpMediaSink_SetInputType(s, bad));
		IMFMediaType_Release(bad);
		bad = copy_type(type);
		IMFMediaType_SetUINT32(bad, &MF_MT_COMPRESSED, TRUE);
		EXPECT_HR(MF_E_INVALIDMEDIATYPE,
			  IPmpMediaSink_SetInputType(s, bad));
		IMFMediaType_Release(bad);
		/* Not said to be independent: a compressed format. */
		bad = copy_type(type);
		IMFMediaType_DeleteItem(bad, &MF_MT_ALL_SAMPLES_INDEPENDENT);
		EXPECT_HR(MF_E_INVALIDMEDIATYPE,
			  IPmpMediaSink_SetInputType(s, bad));
		IMFMediaType_Release(bad);
		bad = copy_type(type);
		IMFMediaType_DeleteItem(bad, &MF_MT_SUBTYPE);
		EXPECT_HR(MF_E_INVALIDMEDIATYPE,
			  IPmpMediaSink_SetInputType(s, bad));
		IMFMediaType_Release(bad);
		bad = copy_type(type);
		IMFMediaType_SetGUID(bad, &MF_MT_MAJOR_TYPE,
				     &MFMediaType_Audio);
		EXPECT_HR(MF_E_INVALIDMEDIATYPE,
			  IPmpMediaSink_SetInputType(s, bad));
		IMFMediaType_Release(bad);

		EXPECT_HR(S_OK, IPmpMediaSink_SetInputType(s, type));
		EXPECT_HR(S_OK, IPmpMediaSink_ProcessSample(s, frame));
		EXPECT_HR(E_POINTER, IPmpMediaSink_ProcessSample(s, NULL));
		EXPECT_HR(E_POINTER, IPmpMediaSink_ReadOutput(s, 0, NULL));
		IPmpMediaSink_Release(s);
		IMFMediaType_Release(type);
	}
	IMFSample_Release(frame);
	IMFAttributes_Release(attrs);
}

TEST(hash_records_hold_the_frames_md5_size_and_timing_and_no_bytes)
{
	IPmpMediaSink *s = open_sink(&CLSID_PmpHashSink);
	IMFSample *frame, *rec = NULL;
	BYTE md5[16];
	char md[33];
	UINT32 size = 0;
	DWORD buffers = 9;
	LONGLONG time = 0;

	ASSERT_NE(NULL, s);
	/* Over two buffers, the MD5 of their bytes in order (RFC 1321). */
	frame = text_frame("12345678901234567890123456789012345678901234567890"
			   "123456789012345678901234567890",
			   2, 1234567);
	ASSERT_HR(S_OK, IPmpMediaSink_ProcessSample(s, frame));
	IMFSample_Release(frame);
	ASSERT_HR(S_OK, IPmpMediaSink_ReadOutput(s, 0, &rec));
	ASSERT_HR(S_OK, IMFSample_GetBlob(rec, &PMP_SAMPLE_FRAME_MD5, md5,
					  sizeof(md5), NULL));
	md5_hex(md5, md);
	EXPECT_STREQ("57edf4a22be3c955ac49da2e2107b67a", md);
	ASSERT_HR(S_OK, IMFSample_GetUINT32(rec, &PMP_SAMPLE_FRAME_SIZE, &size));
	EXPECT_EQ(80u, size);
	ASSERT_HR(S_OK, IMFSample_GetSampleTime(rec, &time));
	EXPECT_EQ(1234567, time);
	ASSERT_HR(S_OK, IMFSample_GetSampleDuration(rec, &time));
	EXPECT_EQ(400000, time);
	ASSERT_HR(S_OK, IMFSample_GetBufferCount(rec, &buffers));
	EXPECT_EQ(0u, buffers);
	IMFSample_Release(rec);
	/* A frame without a time gives a record without one. */
	frame = text_frame("abc", 1, -1);
	ASSERT_HR(S_OK, IPmpMediaSink_ProcessSample(s, frame));
	IMFSample_Release(frame);
	ASSERT_HR(S_OK, IPmpMediaSink_ReadOutput(s, 0, &rec));
	EXPECT_HR(MF_E_NO_SAMPLE_TIMESTAMP, IMFSample_GetSampleTime(rec, &time));
	ASSERT_HR(S_OK, IMFSample_GetBlob(rec, &PMP_SAMPLE_FRAME_MD5, md5,
					  sizeof(md5), NULL));
	md5_hex(md5, md);
	EXPECT_STREQ("900150983cd24fb0d6963f7d28e17f72", md);
	IMFSample_Release(rec);
	IPmpMediaSink_Release(s);
}

TEST(frame_sink_hands_out_one_buffer_and_the_frames_layout)
{
	IPmpMediaSink *s = open_sink(&CLSID_PmpFrameSink);
	IMFSample *frame, *got = NULL;
	IMFMediaBuffer *buf;
	UINT64 size = 0;
	DWORD count = 0, len = 0;
	GUID subtype;
	BYTE *data;

	ASSERT_NE(NULL, s);
	/* Two buffers in, one out; the layout from the type (4x2 I420). */
	frame = text_frame("0123456789ab", 2, 0);
	ASSERT_HR(S_OK, IPmpMediaSink_ProcessSample(s, frame));
	ASSERT_HR(S_OK, IPmpMediaSink_ReadOutput(s, 0, &got));
	ASSERT_HR(S_OK, IMFSample_GetBufferCount(got, &count));
	ASSERT_EQ(1u, count);
	ASSERT_HR(S_OK, IMFSample_GetBufferByIndex(got, 0, &buf));
	ASSERT_HR(S_OK, IMFMediaBuffer_Lock(buf, &data, NULL, &len));
	ASSERT_EQ(12u, len);
	EXPECT_EQ(0, memcmp("0123456789ab", data, 12));
	IMFMediaBuffer_Unlock(buf);
	IMFMediaBuffer_Release(buf);
	ASSERT_HR(S_OK, IMFSample_GetGUID(got, &MF_MT_SUBTYPE, &subtype));
	EXPECT_TRUE(IsEqualGUID(&MFVideoFormat_I420, &subtype));
	ASSERT_HR(S_OK, IMFSample_GetUINT64(got, &MF_MT_FRAME_SIZE, &size));
	EXPECT_EQ(pack(4, 2), size);
	IMFSample_Release(got);
	/* A frame that says its own layout keeps it. */
	IMFSample_SetGUID(frame, &MF_MT_SUBTYPE, &MFVideoFormat_NV12);
	IMFSample_SetUINT64(frame, &MF_MT_FRAME_SIZE, pack(2, 4));
	ASSERT_HR(S_OK, IPmpMediaSink_ProcessSample(s, frame));
	ASSERT_HR(S_OK, IPmpMediaSink_ReadOutput(s, 0, &got));
	ASSERT_HR(S_OK, IMFSample_GetGUID(got, &MF_MT_SUBTYPE, &subtype));
	EXPECT_TRUE(IsEqualGUID(&MFVideoFormat_NV12, &subtype));
	ASSERT_HR(S_OK, IMFSample_GetUINT64(got, &MF_MT_FRAME_SIZE, &size));
	EXPECT_EQ(pack(2, 4), size);
	IMFSample_Release(got);
	IMFSample_Release(frame);
	IPmpMediaSink_Release(s);
}

TEST(read_output_waits_as_long_as_it_is_told)
{
	IPmpMediaSink *s = open_sink(&CLSID_PmpHashSink);
	IMFSample *got = POISON;
	long long start, took;

	ASSERT_NE(NULL, s);
	start = helpers_now_ms();
	EXPECT_HR(MF_E_NO_EVENTS_AVAILABLE, IPmpMediaSink_ReadOutput(s, 0, &got));
	EXPECT_EQ(NULL, got);
	took = helpers_now_ms() - start;
	EXPECT_GT(50, took);
	start = helpers_now_ms();
	EXPECT_HR(MF_E_NO_EVENTS_AVAILABLE,
		  IPmpMediaSink_ReadOutput(s, 150, &got));
	took = helpers_now_ms() - start;
	TH_LOG("a wait of 150 ms took %lld ms", took);
	EXPECT_LE(150, took);
	EXPECT_GT(2000, took);
	IPmpMediaSink_Release(s);
}

struct delivery {
	IPmpMediaSink *sink;
	IMFSample *sample;
	unsigned int delay_ms;
	HRESULT hr;
	bool done;
};

static void *deliver(void *arg)
{
	struct delivery *d = arg;

	usleep(d->delay_ms * 1000);
	d->hr = IPmpMediaSink_ProcessSample(d->sink, d->sample);
	__atomic_store_n(&d->done, true, __ATOMIC_RELEASE);
	return NULL;
}

TEST(an_infinite_read_output_returns_when_a_record_comes)
{
	IPmpMediaSink *s = open_sink(&CLSID_PmpHashSink);
	struct delivery d = { .delay_ms = 100 };
	IMFSample *got = NULL;
	pthread_t thread;

	ASSERT_NE(NULL, s);
	d.sink = s;
	d.sample = text_frame("abc", 1, 0);
	ASSERT_EQ(0, pthread_create(&thread, NULL, deliver, &d));
	EXPECT_HR(S_OK, IPmpMediaSink_ReadOutput(s, INFINITE, &got));
	EXPECT_NE(NULL, got);
	pthread_join(thread, NULL);
	EXPECT_HR(S_OK, d.hr);
	if (got)
		IMFSample_Release(got);
	IMFSample_Release(d.sample);
	IPmpMediaSink_Release(s);
}

/* Fills sink @s of @depth, then starts a ProcessSample that must wait. */
static void fill_and_block(struct __test_metadata *_metadata,
			   IPmpMediaSink *s, int depth, struct delivery *d,
			   pthread_t *thread)
{
	IMFSample *frame = text_frame("abcd", 1, 0);

	for (int i = 0; i < depth; i++)
		ASSERT_HR(S_OK, IPmpMediaSink_ProcessSample(s, frame));
	*d = (struct delivery){ .sink = s, .sample = frame };
	ASSERT_EQ(0, pthread_create(thread, NULL, deliver, d));
	usleep(150 * 1000);
	ASSERT_FALSE(__atomic_load_n(&d->done, __ATOMIC_ACQUIRE));
}

TEST(a_full_sink_holds_process_sample_until_a_read_or_a_flush)
{
	static const int depth[] = { 256, 4 };
	struct delivery d;
	IMFSample *got = NULL;
	pthread_t thread;
	IPmpMediaSink *s;

	for (size_t i = 0; i < ARRAY_SIZE(sinks); i++) {
		s = open_sink(sinks[i]);
		ASSERT_NE(NULL, s);
		/* A read makes room: the waiting sample goes in. */
		fill_and_block(_metadata, s, depth[i], &d, &thread);
		ASSERT_HR(S_OK, IPmpMediaSink_ReadOutput(s, 0, &got));
		IMFSample_Release(got);
		pthread_join(thread, NULL);
		EXPECT_HR(S_OK, d.hr);
		for (int n = 0; n < depth[i]; n++) {
			ASSERT_HR(S_OK, IPmpMediaSink_ReadOutput(s, 0, &got));
			IMFSample_Release(got);
		}
		EXPECT_HR(MF_E_NO_EVENTS_AVAILABLE,
			  IPmpMediaSink_ReadOutput(s, 0, &got));
		IMFSample_Release(d.sample);
		/* A flush drops everything and cancels the waiting one. */
		fill_and_block(_metadata, s, depth[i], &d, &thread);
		ASSERT_HR(S_OK, IPmpMediaSink_Flush(s));
		pthread_join(thread, NULL);
		EXPECT_HR(MF_E_OPERATION_CANCELLED, d.hr);
		EXPECT_HR(MF_E_NO_EVENTS_AVAILABLE,
			  IPmpMediaSink_ReadOutput(s, 0, &got));
		/* And the sink goes on. */
		ASSERT_HR(S_OK, IPmpMediaSink_ProcessSample(s, d.sample));
		ASSERT_HR(S_OK, IPmpMediaSink_ReadOutput(s, 0, &got));
		IMFSample_Release(got);
		IMFSample_Release(d.sample);
		IPmpMediaSink_Release(s);
	}
}

TEST(end_of_stream_is_s_false_once_read_until_the_next_sample_or_a_flush)
{
	IMFSample *frame = text_frame("abc", 1, 0), *got = POISON;
	IPmpMediaSink *s;

	for (size_t i = 0; i < ARRAY_SIZE(sinks); i++) {
		s = open_sink(sinks[i]);
		ASSERT_NE(NULL, s);
		ASSERT_HR(S_OK, IPmpMediaSink_ProcessSample(s, frame));
		ASSERT_HR(S_OK, IPmpMediaSink_ProcessSample(s, frame));
		ASSERT_HR(S_OK, IPmpMediaSink_EndOfStream(s));
		for (int n = 0; n < 2; n++) {
			ASSERT_HR(S_OK, IPmpMediaSink_ReadOutput(s, 0, &got));
			IMFSample_Release(got);
		}
		got = POISON;
		EXPECT_HR(S_FALSE, IPmpMediaSink_ReadOutput(s, INFINITE, &got));
		EXPECT_EQ(NULL, got);
		EXPECT_HR(S_FALSE, IPmpMediaSink_ReadOutput(s, 0, &got));
		/* A flush ends the run and its end: nothing to read yet. */
		ASSERT_HR(S_OK, IPmpMediaSink_Flush(s));
		EXPECT_HR(MF_E_NO_EVENTS_AVAILABLE,
			  IPmpMediaSink_ReadOutput(s, 0, &got));
		EXPECT_EQ(NULL, got);
		ASSERT_HR(S_OK, IPmpMediaSink_ProcessSample(s, frame));
		ASSERT_HR(S_OK, IPmpMediaSink_ReadOutput(s, 0, &got));
		IMFSample_Release(got);
		EXPECT_HR(MF_E_NO_EVENTS_AVAILABLE,
			  IPmpMediaSink_ReadOutput(s, 0, &got));
		IPmpMediaSink_Release(s);
	}
	IMFSample_Release(frame);
}

/* ---- which memory holds clear media ---- */

/* The VmFlags of the mapping at @p and whether it is secretmem. */
static int mapping_flags(const void *p, char *flags, size_t size,
			 bool *secret)
{
	unsigned long start, end, at = (unsigned long)p;
	char line[512];
	bool in = false;
	FILE *f = fopen("/proc/self/smaps", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &start, &end) == 2 &&
		    strchr(line, ' ') < strchr(line, '\n') &&
		    line[strspn(line, "0123456789abcdef")] == '-') {
			in = at >= start && at < end;
			if (in)
				*secret = strstr(line, "/secretmem") != NULL;
			continue;
		}
		if (in && !strncmp(line, "VmFlags:", 8)) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(flags, size, "%.200s", line + 8);
			fclose(f);
			return 0;
		}
	}
	fclose(f);
	return -1;
}

static bool memfd_secret_works(void)
{
	int fd = syscall(SYS_memfd_secret, O_CLOEXEC);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/*
 * Decodes the first @n pictures of @in through the frame sink, holding
 * them; their buffers' mapping flags are checked by @check.
 */
static void play_and_hold(struct __test_metadata *_metadata,
			  struct stream_in *in, bool want_secret)
{
	IPmpKeyStore *keys = key_store(NULL, NULL);
	IMFMediaBuffer *buf;
	struct chain ch;
	IMFSample *frame;
	char flags[256];
	bool secret = !want_secret;
	UINT32 said = 2;
	BYTE *data;

	ASSERT_HR(S_OK, chain_open(&ch, in->type, keys, &CLSID_PmpFrameSink));
	for (int i = 0; i < in->count; i++) {
		ASSERT_HR(S_OK, IPmpMediaTransform_ProcessInput(
					ch.decryptor, in->samples[i]));
		ASSERT_HR(S_OK, IPmpMediaTransform_ProcessOutput(ch.decryptor,
								 &frame));
		ASSERT_HR(S_OK, IPmpMediaTransform_ProcessInput(ch.decoder,
								frame));
		IMFSample_Release(frame);
		if (IPmpMediaTransform_ProcessOutput(ch.decoder, &frame) == S_OK)
			break;
	}
	ASSERT_HR(S_OK, IMFSample_GetBufferByIndex(frame, 0, &buf));
	ASSERT_HR(S_OK, IMFMediaBuffer_Lock(buf, &data, NULL, NULL));
	ASSERT_EQ(0, mapping_flags(data, flags, sizeof(flags), &secret));
	TH_LOG("a decoded frame's memory: %s, VmFlags:%s",
	       secret ? "secretmem" : "anonymous", flags);
	EXPECT_EQ(want_secret, secret);
	/* The sample says so too, for the session to count. */
	EXPECT_HR(S_OK, IMFSample_GetUINT32(frame, &PMP_SAMPLE_SECRET_MEMORY,
					    &said));
	EXPECT_EQ(want_secret ? 1u : 0u, said);
	/* Out of core dumps; out of children (not copied, or wiped). */
	EXPECT_NE(NULL, strstr(flags, " dd"));
	EXPECT_NE(NULL, strstr(flags, want_secret ? " dc" : " wf"));
	IMFMediaBuffer_Unlock(buf);
	IMFMediaBuffer_Release(buf);
	IMFSample_Release(frame);
	chain_close(&ch);
	IPmpKeyStore_Release(keys);
}

TEST(clear_media_is_in_memfd_secret_memory_while_it_may_be_locked)
{
	struct pmp_media_memory before, after;
	struct stream_in in;
	const char *dir;
	struct clip c;

	LOAD_CLIP(dir, "high-1280x720-clear.mp4", c, &in);
	ASSERT_NE(NULL, memory_stats);
	if (!memfd_secret_works())
		SKIP(goto out, "memfd_secret() is not available here");
	memory_stats(&before);
	play_and_hold(_metadata, &in, true);
	memory_stats(&after);
	EXPECT_LT(before.secret_made, after.secret_made);
	EXPECT_EQ(before.fallback_made, after.fallback_made);
	/* Nothing is left once every sample is gone. */
	EXPECT_EQ(0u, after.secret_buffers);
	EXPECT_EQ(0u, after.secret_bytes);
	EXPECT_EQ(0u, after.fallback_buffers);
out:
	stream_free(&in);
}

TEST(beyond_rlimit_memlock_clear_media_is_in_undumpable_wipe_on_fork_memory)
{
	struct pmp_media_memory before, after;
	struct rlimit lim = { 65536, 65536 };
	struct stream_in in;
	const char *dir;
	struct clip c;

	LOAD_CLIP(dir, "high-1280x720-clear.mp4", c, &in);
	ASSERT_NE(NULL, memory_stats);
	/* As in pmphost: no CAP_IPC_LOCK, a limit far below one frame. */
	if (!geteuid())
		ASSERT_EQ(0, setresuid(65534, 65534, 65534));
	ASSERT_EQ(0, setrlimit(RLIMIT_MEMLOCK, &lim));
	memory_stats(&before);
	play_and_hold(_metadata, &in, false);
	memory_stats(&after);
	EXPECT_LT(before.fallback_made, after.fallback_made);
	EXPECT_EQ(0u, after.fallback_buffers);
	EXPECT_EQ(0u, after.fallback_bytes);
	EXPECT_EQ(0u, after.secret_buffers);
	stream_free(&in);
}

/* Whether @n bytes at @p are all @v. */
static bool all_bytes(const BYTE *p, size_t n, BYTE v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

/*
 * secure_buffer.c itself, built into this test: its own pool and counts,
 * not the component's.  Its pool is kept only while a transform lives
 * (secure_buffer_use); this test stands in for one.
 */
TEST(secure_buffers_are_zero_and_their_mappings_are_pooled_while_in_use)
{
	struct pmp_media_memory m;
	IMFMediaBuffer *a, *b, *c;
	DWORD max = 9, cur = 9;
	BYTE *pa, *pb, *pc;
	bool secret;

	secure_buffer_use();
	ASSERT_HR(S_OK, secure_buffer_create(100000, &a, &secret));
	ASSERT_HR(S_OK, IMFMediaBuffer_Lock(a, &pa, &max, &cur));
	EXPECT_EQ(100000u, max);
	EXPECT_EQ(0u, cur);
	EXPECT_TRUE(all_bytes(pa, max, 0));
	memset(pa, 0xaa, max);
	IMFMediaBuffer_Unlock(a);
	EXPECT_HR(E_INVALIDARG, IMFMediaBuffer_SetCurrentLength(a, 100001));
	pmp_media_memory_stats(&m);
	/* The kind it says is the kind it counted. */
	EXPECT_EQ(secret ? 1u : 0u, m.secret_buffers);
	EXPECT_EQ(1u, m.secret_buffers + m.fallback_buffers);
	EXPECT_EQ(102400u, m.secret_bytes + m.fallback_bytes);
	EXPECT_EQ(0u, m.pool_bytes);
	IMFMediaBuffer_Release(a);
	pmp_media_memory_stats(&m);
	EXPECT_EQ(0u, m.secret_buffers + m.fallback_buffers);
	EXPECT_EQ(102400u, m.pool_bytes);
	/* Its mapping again, for a buffer of about its size: wiped for it. */
	ASSERT_HR(S_OK, secure_buffer_create(60000, &b, NULL));
	ASSERT_HR(S_OK, IMFMediaBuffer_Lock(b, &pb, &max, NULL));
	EXPECT_EQ(pa, pb);
	EXPECT_EQ(60000u, max);
	EXPECT_TRUE(all_bytes(pb, 102400, 0));
	memset(pb, 0x55, max);
	IMFMediaBuffer_Unlock(b);
	IMFMediaBuffer_Release(b);
	/* A buffer to fill takes the mapping as it is: no pass over it. */
	ASSERT_HR(S_OK, secure_buffer_create_to_fill(90000, &b, NULL));
	ASSERT_HR(S_OK, IMFMediaBuffer_Lock(b, &pb, &max, &cur));
	EXPECT_EQ(pa, pb);
	EXPECT_EQ(90000u, max);
	EXPECT_EQ(0u, cur);
	EXPECT_TRUE(all_bytes(pb, 60000, 0x55));
	memset(pb, 0x66, max);
	IMFMediaBuffer_Unlock(b);
	IMFMediaBuffer_Release(b);
	/* Not for one less than half its size, which gets its own. */
	ASSERT_HR(S_OK, secure_buffer_create(40000, &c, NULL));
	ASSERT_HR(S_OK, IMFMediaBuffer_Lock(c, &pc, NULL, NULL));
	EXPECT_NE(pa, pc);
	EXPECT_TRUE(all_bytes(pc, 40000, 0));
	IMFMediaBuffer_Unlock(c);
	IMFMediaBuffer_Release(c);
	/* Zeroed for a buffer that is not filled: past the last fill too. */
	ASSERT_HR(S_OK, secure_buffer_create(100000, &a, NULL));
	ASSERT_HR(S_OK, IMFMediaBuffer_Lock(a, &pb, NULL, NULL));
	EXPECT_EQ(pa, pb);
	EXPECT_TRUE(all_bytes(pb, 102400, 0));
	IMFMediaBuffer_Unlock(a);
	IMFMediaBuffer_Release(a);
	pmp_media_memory_stats(&m);
	EXPECT_EQ(102400u + 40960u, m.pool_bytes);
	/* The last user gone, the pool is wiped and unmapped. */
	secure_buffer_unuse();
	pmp_media_memory_stats(&m);
	EXPECT_EQ(0u, m.pool_bytes);
	/* And a buffer released with no user left is not pooled. */
	ASSERT_HR(S_OK, secure_buffer_create(100000, &a, NULL));
	IMFMediaBuffer_Release(a);
	pmp_media_memory_stats(&m);
	EXPECT_EQ(0u, m.pool_bytes);
	/* Empty, it still has an address. */
	ASSERT_HR(S_OK, secure_buffer_create(0, &a, NULL));
	ASSERT_HR(S_OK, IMFMediaBuffer_Lock(a, &pa, &max, NULL));
	EXPECT_NE(NULL, pa);
	EXPECT_EQ(0u, max);
	IMFMediaBuffer_Unlock(a);
	IMFMediaBuffer_Release(a);
	EXPECT_HR(E_POINTER, secure_buffer_create(1, NULL, NULL));
	EXPECT_HR(E_POINTER, secure_buffer_create_to_fill(1, NULL, NULL));
	pmp_media_memory_stats(&m);
	EXPECT_EQ(7u, m.secret_made + m.fallback_made);
	EXPECT_EQ(0u, m.secret_bytes + m.fallback_bytes);
	EXPECT_EQ(0u, m.pool_bytes);
}

/* ---- under pmphost's sandbox ---- */

TEST(an_encrypted_clip_plays_under_pmphosts_seccomp_filter)
{
	struct ref_line *want = calloc(MAX_RECORDS, sizeof(*want));
	struct stream_in in;
	IPmpKeyStore *keys;
	struct chain ch;
	unsigned int layers = 0;
	const char *dir;
	struct clip c;
	int lines, status;
	pid_t pid;

	ASSERT_NE(NULL, want);
	LOAD_CLIP(dir, "high-pyramid-200x120-cenc.mp4", c, &in);
	lines = read_reference(c.ref, want, MAX_RECORDS);
	ASSERT_EQ(50, lines);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		/*
		 * Files are read and the component loaded before the filter,
		 * as in pmphost; objects, keys and all decoding come after.
		 */
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    host_sandbox(-1, &layers) || layers != PMPHOST_LAYER_SECCOMP)
			_exit(2);
		/* The filter is there: no file opens any more. */
		if (open(c.file, O_RDONLY | O_CLOEXEC) >= 0 || errno != EPERM)
			_exit(5);
		keys = key_store(c.kid, c.key);
		if (!keys || FAILED(chain_open(&ch, in.type, keys,
					       &CLSID_PmpHashSink)) ||
		    FAILED(play_samples(&ch, &in)))
			_exit(3);
		_exit(compare_with_reference(&in.clock, ch.records, ch.count, want,
					     lines) ?
			      4 :
			      0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	if (WIFSIGNALED(status))
		TH_LOG("killed by signal %d", WTERMSIG(status));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	stream_free(&in);
	free(want);
}

TEST_HARNESS_MAIN
