// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * source.c - a media source over a local file (IMFMediaSource,
 * IMFMediaStream), its packets read by the demuxer (demux.c)
 *
 * The source offers each video stream of a codec it can name (H.264 and a
 * few others) as one stream descriptor with one media type, the first one
 * selected; other streams (audio among them) are not offered, and their
 * packets are skipped.  Samples carry the file's bytes: for H.264 in MP4,
 * length-prefixed NAL units with the avcC record as the media type's
 * MF_MT_MPEG_SEQUENCE_HEADER, still encrypted when the file is, with the
 * Common Encryption record as sample attributes.
 *
 * A stream object exists from the first Start that selects it
 * (MENewStream; MEUpdatedStream on later ones).  It holds a reference to
 * its source, which holds one to it until Shutdown: as Microsoft requires,
 * an application shuts a source down before releasing it.
 *
 * RequestSample reads in the caller's thread and answers through the
 * stream's event queue; requests made while paused wait for the restart.
 *
 * Locking: source->lock guards the source's state, its demuxer and every
 * field of its streams but their event queues, which lock themselves and
 * are called with it held (they never call back into a source).
 */

#define COBJMACROS
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "mfapi.h"
#include "mferror.h"
#include "pmpmedia.h"

#include "pmp/pmp.h"

#include "demux.h"
#include "mf.h"
#include "source.h"

enum source_state {
	SOURCE_STOPPED,
	SOURCE_STARTED,
	SOURCE_PAUSED,
	SOURCE_SHUTDOWN,
};

/* A RequestSample token waiting for a paused stream to restart. */
struct pending_request {
	struct pending_request *next;
	IUnknown *token;
};

struct media_source;

/*
 * struct media_stream - one offered stream, as IMFMediaStream
 * @index: the demuxer's stream
 * @active: selected by the last Start
 * @ended: MEEndOfStream sent; MF_E_END_OF_STREAM until a seek
 * @discontinuity: the next sample is the first after a seek
 * @pending: requests made while paused, oldest first
 */
struct media_stream {
	IMFMediaStream IMFMediaStream_iface;
	atomic_long refcount;
	struct media_source *source;
	IMFMediaEventQueue *queue;
	IMFStreamDescriptor *sd;
	unsigned int index;
	bool active;
	bool ended;
	bool discontinuity;
	struct pending_request *pending, **pending_tail;
	unsigned int pending_count;
};

/*
 * struct media_source - the source
 * @pd: its own presentation descriptor; applications get clones
 * @sds: the offered streams' descriptors, @count of them, in @pd's order
 * @streams: their stream objects, NULL until first selected
 * @ended_sent: MEEndOfPresentation sent since the last Start
 */
struct media_source {
	IMFMediaSource IMFMediaSource_iface;
	atomic_long refcount;
	pthread_mutex_t lock;
	IMFMediaEventQueue *queue;
	struct pmp_demux *demux;
	IMFPresentationDescriptor *pd;
	IMFStreamDescriptor **sds;
	struct media_stream **streams;
	unsigned int *indexes;
	unsigned int count;
	enum source_state state;
	bool ended_sent;
};

static struct media_source *impl_from_IMFMediaSource(IMFMediaSource *iface)
{
	return (struct media_source *)iface;
}

static struct media_stream *impl_from_IMFMediaStream(IMFMediaStream *iface)
{
	return (struct media_stream *)iface;
}

/*
 * The IMFMediaEventGenerator methods of an object whose impl_from_@iface()
 * has a ->queue: @prefix_GetEvent, _BeginGetEvent, _EndGetEvent and
 * _QueueEvent, each the queue's own.
 */
#define EVENT_GENERATOR_METHODS(prefix, iface_type)                            \
	static HRESULT STDMETHODCALLTYPE prefix##_GetEvent(                    \
		iface_type *iface, DWORD dwFlags, IMFMediaEvent **ppEvent)     \
	{                                                                      \
		return IMFMediaEventQueue_GetEvent(                            \
			impl_from_##iface_type(iface)->queue, dwFlags,         \
			ppEvent);                                              \
	}                                                                      \
	static HRESULT STDMETHODCALLTYPE prefix##_BeginGetEvent(               \
		iface_type *iface, IMFAsyncCallback *pCallback,                \
		IUnknown *punkState)                                           \
	{                                                                      \
		return IMFMediaEventQueue_BeginGetEvent(                       \
			impl_from_##iface_type(iface)->queue, pCallback,       \
			punkState);                                            \
	}                                                                      \
	static HRESULT STDMETHODCALLTYPE prefix##_EndGetEvent(                 \
		iface_type *iface, IMFAsyncResult *pResult,                    \
		IMFMediaEvent **ppEvent)                                       \
	{                                                                      \
		return IMFMediaEventQueue_EndGetEvent(                         \
			impl_from_##iface_type(iface)->queue, pResult,         \
			ppEvent);                                              \
	}                                                                      \
	static HRESULT STDMETHODCALLTYPE prefix##_QueueEvent(                  \
		iface_type *iface, MediaEventType met,                         \
		REFGUID guidExtendedType, HRESULT hrStatus,                    \
		const PROPVARIANT *pvValue)                                    \
	{                                                                      \
		return IMFMediaEventQueue_QueueEventParamVar(                  \
			impl_from_##iface_type(iface)->queue, met,             \
			guidExtendedType, hrStatus, pvValue);                  \
	}

/* ---- media types ---- */

static UINT64 pack_ratio(UINT32 hi, UINT32 lo)
{
	return (UINT64)hi << 32 | lo;
}

/* A FourCC as Microsoft's subtypes carry it in Data1: first byte lowest. */
#define SUBTYPE_FOURCC(a, b, c, d)                                             \
	((DWORD)(a) | (DWORD)(b) << 8 | (DWORD)(c) << 16 | (DWORD)(d) << 24)

/*
 * The subtype of a codec: Microsoft's FourCC subtypes, for the video
 * codecs an MP4 file commonly holds.  0 for the others.
 */
static DWORD subtype_fourcc(enum AVCodecID codec)
{
	switch (codec) {
	case AV_CODEC_ID_H264:
		return SUBTYPE_FOURCC('H', '2', '6', '4');
	case AV_CODEC_ID_HEVC:
		return SUBTYPE_FOURCC('H', 'E', 'V', 'C');
	case AV_CODEC_ID_MPEG4:
		return SUBTYPE_FOURCC('M', 'P', '4', 'V');
	case AV_CODEC_ID_VP9:
		return SUBTYPE_FOURCC('V', 'P', '9', '0');
	case AV_CODEC_ID_AV1:
		return SUBTYPE_FOURCC('A', 'V', '0', '1');
	default:
		return 0;
	}
}

/*
 * The media type of a video stream the source offers.  PMP_MT_TIME_BASE
 * and PMP_MT_START_TIME (<pmpmedia.h>) carry what converts a sample's
 * 100 ns times back to the file's own (ffmpeg's framemd5 columns).
 */
static HRESULT make_media_type(const struct pmp_demux *d,
			       const struct pmp_demux_stream *s,
			       IMFMediaType **out)
{
	int64_t start = pmp_demux_start_time(d);
	struct pmp_demux_ratio par = s->sample_aspect_ratio;
	IMFMediaType *type;
	GUID subtype = MFVideoFormat_H264;
	HRESULT hr;

	subtype.Data1 = subtype_fourcc(s->codec_id);
	hr = MFCreateMediaType(&type);
	if (FAILED(hr))
		return hr;
	if (!par.num)
		par = (struct pmp_demux_ratio){ 1, 1 };
	hr = IMFMediaType_SetGUID(type, &MF_MT_MAJOR_TYPE, &MFMediaType_Video);
	if (SUCCEEDED(hr))
		hr = IMFMediaType_SetGUID(type, &MF_MT_SUBTYPE, &subtype);
	if (SUCCEEDED(hr))
		hr = IMFMediaType_SetUINT64(type, &MF_MT_FRAME_SIZE,
					    pack_ratio(s->width, s->height));
	if (SUCCEEDED(hr) && s->frame_rate.num)
		hr = IMFMediaType_SetUINT64(type, &MF_MT_FRAME_RATE,
					    pack_ratio(s->frame_rate.num,
						       s->frame_rate.den));
	if (SUCCEEDED(hr))
		hr = IMFMediaType_SetUINT64(type, &MF_MT_PIXEL_ASPECT_RATIO,
					    pack_ratio(par.num, par.den));
	if (SUCCEEDED(hr) && s->extradata)
		hr = IMFMediaType_SetBlob(type, &MF_MT_MPEG_SEQUENCE_HEADER,
					  s->extradata, s->extradata_size);
	if (SUCCEEDED(hr))
		hr = IMFMediaType_SetUINT64(type, &PMP_MT_TIME_BASE,
					    pack_ratio(s->time_base.num,
						       s->time_base.den));
	if (SUCCEEDED(hr) && start != PMP_DEMUX_NO_TS)
		hr = IMFMediaType_SetUINT64(type, &PMP_MT_START_TIME,
					    (UINT64)start);
	/* H.264's profile_idc and level_idc are eAVEncH264VProfile/Level. */
	if (SUCCEEDED(hr) && s->codec_id == AV_CODEC_ID_H264 &&
	    s->profile > 0)
		hr = IMFMediaType_SetUINT32(type, &MF_MT_MPEG2_PROFILE,
					    s->profile & 0xff);
	if (SUCCEEDED(hr) && s->codec_id == AV_CODEC_ID_H264 && s->level > 0)
		hr = IMFMediaType_SetUINT32(type, &MF_MT_MPEG2_LEVEL, s->level);
	if (FAILED(hr)) {
		IMFMediaType_Release(type);
		return hr;
	}
	*out = type;
	return S_OK;
}

static HRESULT make_stream_descriptor(const struct pmp_demux *d,
				      const struct pmp_demux_stream *s,
				      IMFStreamDescriptor **out)
{
	IMFMediaTypeHandler *handler = NULL;
	IMFMediaType *type;
	HRESULT hr;

	hr = make_media_type(d, s, &type);
	if (FAILED(hr))
		return hr;
	hr = MFCreateStreamDescriptor(s->index, 1, &type, out);
	if (SUCCEEDED(hr))
		hr = IMFStreamDescriptor_GetMediaTypeHandler(*out, &handler);
	if (SUCCEEDED(hr))
		hr = IMFMediaTypeHandler_SetCurrentMediaType(handler, type);
	if (SUCCEEDED(hr) && s->encrypted)
		hr = IMFStreamDescriptor_SetUINT32(*out, &MF_SD_PROTECTED, 1);
	if (handler)
		IMFMediaTypeHandler_Release(handler);
	IMFMediaType_Release(type);
	if (FAILED(hr) && *out) {
		IMFStreamDescriptor_Release(*out);
		*out = NULL;
	}
	return hr;
}

/*
 * The offered streams (video of a known codec) and the presentation
 * descriptor, the first of them selected; the demuxer skips the others.
 */
static HRESULT describe_presentation(struct media_source *src)
{
	unsigned int n = pmp_demux_stream_count(src->demux), i;
	const struct pmp_demux_stream *s;
	HRESULT hr;

	src->sds = calloc(n ? n : 1, sizeof(*src->sds));
	src->streams = calloc(n ? n : 1, sizeof(*src->streams));
	src->indexes = calloc(n ? n : 1, sizeof(*src->indexes));
	if (!src->sds || !src->streams || !src->indexes)
		return E_OUTOFMEMORY;
	for (i = 0; i < n; i++) {
		s = pmp_demux_stream(src->demux, i);
		if (s->media_type != AVMEDIA_TYPE_VIDEO ||
		    !subtype_fourcc(s->codec_id)) {
			pmp_demux_select(src->demux, i, false);
			continue;
		}
		hr = make_stream_descriptor(src->demux, s,
					    &src->sds[src->count]);
		if (FAILED(hr))
			return hr;
		src->indexes[src->count++] = i;
	}
	if (!src->count)
		return MF_E_INVALIDMEDIATYPE;
	hr = MFCreatePresentationDescriptor(src->count, src->sds, &src->pd);
	if (SUCCEEDED(hr))
		hr = IMFPresentationDescriptor_SelectStream(src->pd, 0);
	if (SUCCEEDED(hr))
		hr = IMFPresentationDescriptor_SetUINT64(
			src->pd, &MF_PD_DURATION,
			pmp_demux_duration(src->demux));
	return hr;
}

/* ---- samples ---- */

/*
 * A key id as Windows' GUID: the 16 bytes of the file are the GUID's
 * string form, so Data1, Data2 and Data3 read them big-endian.
 */
static GUID guid_from_key_id(const uint8_t kid[PMP_DEMUX_KEY_ID_SIZE])
{
	GUID g;

	g.Data1 = (DWORD)kid[0] << 24 | kid[1] << 16 | kid[2] << 8 | kid[3];
	g.Data2 = kid[4] << 8 | kid[5];
	g.Data3 = kid[6] << 8 | kid[7];
	memcpy(g.Data4, kid + 8, 8);
	return g;
}

static bool scheme_is_ctr(uint32_t scheme)
{
	return scheme == PMP_CENC_SCHEME_CENC || scheme == PMP_CENC_SCHEME_CENS;
}

/*
 * The Common Encryption record as the sample attributes Windows defines.
 * An AES-CTR IV whose last 8 bytes are zero is given as its 8 bytes (the
 * file's 64-bit IV: libavformat pads it); the same counter block either
 * way.  No subsample mapping: the whole sample is encrypted.
 */
static HRESULT set_cenc_attributes(IMFSample *sample,
				   const struct pmp_demux_cenc *c)
{
	static const uint8_t zeros[8];
	GUID kid = guid_from_key_id(c->key_id);
	UINT32 iv_size = c->iv_size;
	UINT32 *map = NULL;
	uint32_t i;
	HRESULT hr;

	if (scheme_is_ctr(c->scheme) && iv_size == 16 &&
	    !memcmp(c->iv + 8, zeros, 8))
		iv_size = 8;
	hr = IMFSample_SetGUID(sample, &MFSampleExtension_Content_KeyID, &kid);
	if (SUCCEEDED(hr))
		hr = IMFSample_SetBlob(sample,
				       &MFSampleExtension_Encryption_SampleID,
				       c->iv, iv_size);
	if (SUCCEEDED(hr))
		hr = IMFSample_SetUINT32(
			sample, &MFSampleExtension_Encryption_ProtectionScheme,
			scheme_is_ctr(c->scheme) ?
				MF_SAMPLE_ENCRYPTION_PROTECTION_SCHEME_AES_CTR :
				MF_SAMPLE_ENCRYPTION_PROTECTION_SCHEME_AES_CBC);
	/* Microsoft: the pattern only for the pattern schemes. */
	if (SUCCEEDED(hr) && (c->scheme == PMP_CENC_SCHEME_CENS ||
			      c->scheme == PMP_CENC_SCHEME_CBCS)) {
		hr = IMFSample_SetUINT32(
			sample, &MFSampleExtension_Encryption_CryptByteBlock,
			c->crypt_byte_block);
		if (SUCCEEDED(hr))
			hr = IMFSample_SetUINT32(
				sample,
				&MFSampleExtension_Encryption_SkipByteBlock,
				c->skip_byte_block);
	}
	if (FAILED(hr) || !c->subsample_count)
		return hr;
	map = calloc(c->subsample_count, 2 * sizeof(*map));
	if (!map)
		return E_OUTOFMEMORY;
	for (i = 0; i < c->subsample_count; i++) {
		map[2 * i] = c->subsamples[i].clear;
		map[2 * i + 1] = c->subsamples[i].encrypted;
	}
	hr = IMFSample_SetBlob(sample,
			       &MFSampleExtension_Encryption_SubSample_Mapping,
			       (const UINT8 *)map,
			       c->subsample_count * 2 * sizeof(*map));
	free(map);
	return hr;
}

static HRESULT copy_to_buffer(const struct pmp_demux_packet *pkt,
			      IMFMediaBuffer **out)
{
	IMFMediaBuffer *buf;
	BYTE *p;
	HRESULT hr;

	/* The packet is copied over all of it, or it goes unread. */
	hr = pmp_buffer_create_to_fill(pkt->size, &buf);
	if (FAILED(hr))
		return hr;
	hr = IMFMediaBuffer_Lock(buf, &p, NULL, NULL);
	if (SUCCEEDED(hr)) {
		memcpy(p, pkt->data, pkt->size);
		IMFMediaBuffer_Unlock(buf);
		hr = IMFMediaBuffer_SetCurrentLength(buf, pkt->size);
	}
	if (FAILED(hr)) {
		IMFMediaBuffer_Release(buf);
		return hr;
	}
	*out = buf;
	return S_OK;
}

/*
 * A packet as an IMFSample: one buffer, times in 100 ns units (the
 * decoding time if the file has no presentation time), the attributes.
 */
static HRESULT make_sample(struct media_stream *st,
			   const struct pmp_demux_packet *pkt, IUnknown *token,
			   IMFSample **out)
{
	const struct pmp_demux_stream *s =
		pmp_demux_stream(st->source->demux, st->index);
	int64_t pts = pkt->pts != PMP_DEMUX_NO_TS ? pkt->pts : pkt->dts;
	IMFMediaBuffer *buf = NULL;
	IMFSample *sample;
	HRESULT hr;

	hr = MFCreateSample(&sample);
	if (FAILED(hr))
		return hr;
	hr = copy_to_buffer(pkt, &buf);
	if (SUCCEEDED(hr))
		hr = IMFSample_AddBuffer(sample, buf);
	if (SUCCEEDED(hr) && pts != PMP_DEMUX_NO_TS)
		hr = IMFSample_SetSampleTime(sample, pmp_demux_time(s, pts));
	if (SUCCEEDED(hr) && pkt->duration)
		hr = IMFSample_SetSampleDuration(
			sample, pmp_demux_time(s, pkt->duration));
	if (SUCCEEDED(hr))
		hr = IMFSample_SetUINT32(sample, &MFSampleExtension_CleanPoint,
					 pkt->keyframe);
	if (SUCCEEDED(hr) && pkt->dts != PMP_DEMUX_NO_TS)
		hr = IMFSample_SetUINT64(sample,
					 &MFSampleExtension_DecodeTimestamp,
					 pmp_demux_time(s, pkt->dts));
	if (SUCCEEDED(hr) && st->discontinuity)
		hr = IMFSample_SetUINT32(sample,
					 &MFSampleExtension_Discontinuity, 1);
	if (SUCCEEDED(hr) && token)
		hr = IMFSample_SetUnknown(sample, &MFSampleExtension_Token,
					  token);
	if (SUCCEEDED(hr) && pkt->encrypted)
		hr = set_cenc_attributes(sample, &pkt->cenc);
	if (buf)
		IMFMediaBuffer_Release(buf);
	if (FAILED(hr)) {
		IMFSample_Release(sample);
		return hr;
	}
	*out = sample;
	return S_OK;
}

/* ---- reading ---- */

static HRESULT hresult_from_read(int err)
{
	switch (err) {
	case -EBADMSG:
		return MF_E_INVALID_STREAM_DATA;
	case -ENOBUFS:
		return E_OUTOFMEMORY;
	default:
		return pmp_hresult_from_errno(err);
	}
}

static HRESULT queue_source_event(struct media_source *src,
				  MediaEventType met, const PROPVARIANT *value)
{
	return IMFMediaEventQueue_QueueEventParamVar(src->queue, met,
						     &GUID_NULL, S_OK, value);
}

static HRESULT queue_stream_event(struct media_stream *st,
				  MediaEventType met, HRESULT status,
				  const PROPVARIANT *value)
{
	return IMFMediaEventQueue_QueueEventParamVar(st->queue, met,
						     &GUID_NULL, status,
						     value);
}

/* MEEndOfPresentation once every active stream has ended; locked. */
static void check_presentation_end_locked(struct media_source *src)
{
	unsigned int i;

	if (src->ended_sent)
		return;
	for (i = 0; i < src->count; i++)
		if (src->streams[i] && src->streams[i]->active &&
		    !src->streams[i]->ended)
			return;
	src->ended_sent = true;
	queue_source_event(src, MEEndOfPresentation, NULL);
}

/*
 * Answers one request: MEMediaSample, or MEEndOfStream at the end, or
 * MEError carrying why the file could not be read; locked.
 */
static void serve_request_locked(struct media_stream *st, IUnknown *token)
{
	struct media_source *src = st->source;
	struct pmp_demux_packet pkt;
	IMFSample *sample;
	HRESULT hr;
	int ret;

	ret = pmp_demux_read(src->demux, st->index, &pkt);
	if (ret == 0) {
		st->ended = true;
		queue_stream_event(st, MEEndOfStream, S_OK, NULL);
		check_presentation_end_locked(src);
		return;
	}
	if (ret < 0) {
		queue_stream_event(st, MEError, hresult_from_read(ret), NULL);
		return;
	}
	hr = make_sample(st, &pkt, token, &sample);
	pmp_demux_packet_release(&pkt);
	if (FAILED(hr)) {
		queue_stream_event(st, MEError, hr, NULL);
		return;
	}
	st->discontinuity = false;
	IMFMediaEventQueue_QueueEventParamUnk(st->queue, MEMediaSample,
					      &GUID_NULL, S_OK,
					      (IUnknown *)sample);
	IMFSample_Release(sample);
}

static void drop_pending_locked(struct media_stream *st)
{
	struct pending_request *r;

	while ((r = st->pending)) {
		st->pending = r->next;
		if (r->token)
			IUnknown_Release(r->token);
		free(r);
	}
	st->pending_tail = &st->pending;
	st->pending_count = 0;
}

static void serve_pending_locked(struct media_stream *st)
{
	struct pending_request *r;

	while ((r = st->pending) && !st->ended) {
		st->pending = r->next;
		st->pending_count--;
		serve_request_locked(st, r->token);
		if (r->token)
			IUnknown_Release(r->token);
		free(r);
	}
	/* Those left when the stream ended are answered by nothing. */
	drop_pending_locked(st);
}

/* ---- IMFMediaStream ---- */

static HRESULT STDMETHODCALLTYPE stream_QueryInterface(IMFMediaStream *iface,
						       REFIID riid, void **ppv)
{
	if (!ppv)
		return E_POINTER;
	if (IsEqualGUID(riid, &IID_IUnknown) ||
	    IsEqualGUID(riid, &IID_IMFMediaEventGenerator) ||
	    IsEqualGUID(riid, &IID_IMFMediaStream)) {
		*ppv = iface;
		IMFMediaStream_AddRef(iface);
		return S_OK;
	}
	*ppv = NULL;
	return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE stream_AddRef(IMFMediaStream *iface)
{
	return atomic_fetch_add(&impl_from_IMFMediaStream(iface)->refcount,
				1) + 1;
}

static ULONG STDMETHODCALLTYPE stream_Release(IMFMediaStream *iface)
{
	struct media_stream *st = impl_from_IMFMediaStream(iface);
	long n = atomic_fetch_sub(&st->refcount, 1) - 1;

	if (!n) {
		drop_pending_locked(st);
		IMFMediaEventQueue_Shutdown(st->queue);
		IMFMediaEventQueue_Release(st->queue);
		IMFStreamDescriptor_Release(st->sd);
		IMFMediaSource_Release(&st->source->IMFMediaSource_iface);
		free(st);
	}
	return n;
}

EVENT_GENERATOR_METHODS(stream, IMFMediaStream)

static HRESULT STDMETHODCALLTYPE
stream_GetMediaSource(IMFMediaStream *iface, IMFMediaSource **ppMediaSource)
{
	struct media_stream *st = impl_from_IMFMediaStream(iface);
	struct media_source *src = st->source;
	HRESULT hr = S_OK;

	if (!ppMediaSource)
		return E_POINTER;
	pthread_mutex_lock(&src->lock);
	if (src->state == SOURCE_SHUTDOWN) {
		*ppMediaSource = NULL;
		hr = MF_E_SHUTDOWN;
	} else {
		*ppMediaSource = &src->IMFMediaSource_iface;
		IMFMediaSource_AddRef(*ppMediaSource);
	}
	pthread_mutex_unlock(&src->lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE
stream_GetStreamDescriptor(IMFMediaStream *iface,
			   IMFStreamDescriptor **ppStreamDescriptor)
{
	struct media_stream *st = impl_from_IMFMediaStream(iface);
	struct media_source *src = st->source;
	HRESULT hr = S_OK;

	if (!ppStreamDescriptor)
		return E_POINTER;
	pthread_mutex_lock(&src->lock);
	if (src->state == SOURCE_SHUTDOWN) {
		*ppStreamDescriptor = NULL;
		hr = MF_E_SHUTDOWN;
	} else {
		*ppStreamDescriptor = st->sd;
		IMFStreamDescriptor_AddRef(st->sd);
	}
	pthread_mutex_unlock(&src->lock);
	return hr;
}

/* Keeps a request for the restart of a paused stream; locked. */
static HRESULT keep_request_locked(struct media_stream *st, IUnknown *token)
{
	struct pending_request *r;

	if (st->pending_count >= PMP_SOURCE_PENDING_MAX)
		return MF_E_NOTACCEPTING;
	r = malloc(sizeof(*r));
	if (!r)
		return E_OUTOFMEMORY;
	r->next = NULL;
	r->token = token;
	if (token)
		IUnknown_AddRef(token);
	*st->pending_tail = r;
	st->pending_tail = &r->next;
	st->pending_count++;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE stream_RequestSample(IMFMediaStream *iface,
						      IUnknown *pToken)
{
	struct media_stream *st = impl_from_IMFMediaStream(iface);
	struct media_source *src = st->source;
	HRESULT hr = S_OK;

	pthread_mutex_lock(&src->lock);
	if (src->state == SOURCE_SHUTDOWN)
		hr = MF_E_SHUTDOWN;
	else if (!st->active)
		hr = MF_E_INVALIDREQUEST;
	else if (src->state == SOURCE_STOPPED)
		hr = MF_E_MEDIA_SOURCE_WRONGSTATE;
	else if (st->ended)
		hr = MF_E_END_OF_STREAM;
	else if (src->state == SOURCE_PAUSED)
		hr = keep_request_locked(st, pToken);
	else
		serve_request_locked(st, pToken);
	pthread_mutex_unlock(&src->lock);
	return hr;
}

static const IMFMediaStreamVtbl stream_vtbl = {
	.QueryInterface = stream_QueryInterface,
	.AddRef = stream_AddRef,
	.Release = stream_Release,
	.GetEvent = stream_GetEvent,
	.BeginGetEvent = stream_BeginGetEvent,
	.EndGetEvent = stream_EndGetEvent,
	.QueueEvent = stream_QueueEvent,
	.GetMediaSource = stream_GetMediaSource,
	.GetStreamDescriptor = stream_GetStreamDescriptor,
	.RequestSample = stream_RequestSample,
};

static HRESULT stream_create(struct media_source *src, unsigned int i,
			     struct media_stream **out)
{
	struct media_stream *st = calloc(1, sizeof(*st));
	HRESULT hr;

	if (!st)
		return E_OUTOFMEMORY;
	hr = MFCreateEventQueue(&st->queue);
	if (FAILED(hr)) {
		free(st);
		return hr;
	}
	st->IMFMediaStream_iface.lpVtbl = &stream_vtbl;
	atomic_init(&st->refcount, 1);
	st->source = src;
	IMFMediaSource_AddRef(&src->IMFMediaSource_iface);
	st->sd = src->sds[i];
	IMFStreamDescriptor_AddRef(st->sd);
	st->index = src->indexes[i];
	st->pending_tail = &st->pending;
	*out = st;
	return S_OK;
}

/* ---- IMFMediaSource ---- */

static HRESULT STDMETHODCALLTYPE source_QueryInterface(IMFMediaSource *iface,
						       REFIID riid, void **ppv)
{
	if (!ppv)
		return E_POINTER;
	if (IsEqualGUID(riid, &IID_IUnknown) ||
	    IsEqualGUID(riid, &IID_IMFMediaEventGenerator) ||
	    IsEqualGUID(riid, &IID_IMFMediaSource)) {
		*ppv = iface;
		IMFMediaSource_AddRef(iface);
		return S_OK;
	}
	*ppv = NULL;
	return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE source_AddRef(IMFMediaSource *iface)
{
	return atomic_fetch_add(&impl_from_IMFMediaSource(iface)->refcount,
				1) + 1;
}

/*
 * Ends the source: its queues shut down, its demuxer closed; the stream
 * objects it hands back are released by the caller, unlocked.
 */
static struct media_stream **shutdown_locked(struct media_source *src)
{
	struct media_stream **streams = src->streams;
	unsigned int i;

	src->state = SOURCE_SHUTDOWN;
	IMFMediaEventQueue_Shutdown(src->queue);
	for (i = 0; i < src->count; i++) {
		if (!streams[i])
			continue;
		drop_pending_locked(streams[i]);
		IMFMediaEventQueue_Shutdown(streams[i]->queue);
	}
	src->streams = NULL;
	pmp_demux_free(src->demux);
	src->demux = NULL;
	return streams;
}

static void release_streams(struct media_stream **streams, unsigned int count)
{
	unsigned int i;

	if (!streams)
		return;
	for (i = 0; i < count; i++)
		if (streams[i])
			IMFMediaStream_Release(
				&streams[i]->IMFMediaStream_iface);
	free(streams);
}

static void source_free(struct media_source *src)
{
	unsigned int i;

	if (src->state != SOURCE_SHUTDOWN)
		release_streams(shutdown_locked(src), src->count);
	for (i = 0; i < src->count; i++)
		IMFStreamDescriptor_Release(src->sds[i]);
	free(src->sds);
	free(src->indexes);
	if (src->pd)
		IMFPresentationDescriptor_Release(src->pd);
	IMFMediaEventQueue_Release(src->queue);
	pthread_mutex_destroy(&src->lock);
	free(src);
}

static ULONG STDMETHODCALLTYPE source_Release(IMFMediaSource *iface)
{
	struct media_source *src = impl_from_IMFMediaSource(iface);
	long n = atomic_fetch_sub(&src->refcount, 1) - 1;

	if (!n)
		source_free(src);
	return n;
}

EVENT_GENERATOR_METHODS(source, IMFMediaSource)

static HRESULT STDMETHODCALLTYPE
source_GetCharacteristics(IMFMediaSource *iface, DWORD *pdwCharacteristics)
{
	struct media_source *src = impl_from_IMFMediaSource(iface);
	HRESULT hr = S_OK;

	if (!pdwCharacteristics)
		return E_POINTER;
	pthread_mutex_lock(&src->lock);
	if (src->state == SOURCE_SHUTDOWN)
		hr = MF_E_SHUTDOWN;
	else
		*pdwCharacteristics = MFMEDIASOURCE_CAN_SEEK |
				      MFMEDIASOURCE_CAN_PAUSE |
				      MFMEDIASOURCE_DOES_NOT_USE_NETWORK;
	pthread_mutex_unlock(&src->lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE
source_CreatePresentationDescriptor(IMFMediaSource *iface,
				    IMFPresentationDescriptor **ppPD)
{
	struct media_source *src = impl_from_IMFMediaSource(iface);
	HRESULT hr;

	pthread_mutex_lock(&src->lock);
	if (src->state == SOURCE_SHUTDOWN)
		hr = MF_E_SHUTDOWN;
	else if (!ppPD)
		hr = E_POINTER;
	else
		hr = IMFPresentationDescriptor_Clone(src->pd, ppPD);
	pthread_mutex_unlock(&src->lock);
	return hr;
}

/*
 * Which offered streams @pd selects, into @selected: a descriptor of this
 * source's (the same streams, by identifier) with at least one selected.
 */
static HRESULT read_selection_locked(struct media_source *src,
				     IMFPresentationDescriptor *pd,
				     bool *selected)
{
	IMFStreamDescriptor *sd;
	DWORD count, i, id, j;
	unsigned int chosen = 0;
	BOOL sel;
	HRESULT hr;

	hr = IMFPresentationDescriptor_GetStreamDescriptorCount(pd, &count);
	if (FAILED(hr))
		return hr;
	if (count != src->count)
		return E_INVALIDARG;
	memset(selected, 0, src->count * sizeof(*selected));
	for (i = 0; i < count; i++) {
		hr = IMFPresentationDescriptor_GetStreamDescriptorByIndex(
			pd, i, &sel, &sd);
		if (FAILED(hr))
			return hr;
		hr = IMFStreamDescriptor_GetStreamIdentifier(sd, &id);
		IMFStreamDescriptor_Release(sd);
		if (FAILED(hr))
			return hr;
		for (j = 0; j < src->count && src->indexes[j] != id; j++)
			;
		if (j == src->count)
			return E_INVALIDARG;
		if (sel && !selected[j])
			chosen++;
		selected[j] |= sel;
	}
	return chosen ? S_OK : MF_E_MEDIA_SOURCE_NO_STREAMS_SELECTED;
}

/*
 * Starts the streams @selected names: MENewStream or MEUpdatedStream for
 * each, @source_event, then @stream_event on each stream with @value, and
 * the requests that waited for the restart; locked.
 */
static HRESULT start_streams_locked(struct media_source *src,
				    const bool *selected, bool seek,
				    MediaEventType source_event,
				    MediaEventType stream_event,
				    const PROPVARIANT *value)
{
	struct media_stream *st;
	unsigned int i;
	HRESULT hr;

	for (i = 0; i < src->count; i++) {
		if (selected[i] && !src->streams[i]) {
			hr = stream_create(src, i, &src->streams[i]);
			if (FAILED(hr))
				return hr;
		}
	}
	for (i = 0; i < src->count; i++) {
		st = src->streams[i];
		pmp_demux_select(src->demux, src->indexes[i], selected[i]);
		if (!st)
			continue;
		if (!selected[i]) {
			st->active = false;
			drop_pending_locked(st);
			continue;
		}
		IMFMediaEventQueue_QueueEventParamUnk(
			src->queue, st->active ? MEUpdatedStream : MENewStream,
			&GUID_NULL, S_OK,
			(IUnknown *)&st->IMFMediaStream_iface);
		st->active = true;
		if (seek) {
			st->ended = false;
			st->discontinuity = true;
		}
	}
	if (seek)
		src->ended_sent = false;
	queue_source_event(src, source_event, value);
	for (i = 0; i < src->count; i++) {
		st = src->streams[i];
		if (st && st->active)
			queue_stream_event(st, stream_event, S_OK, value);
	}
	src->state = SOURCE_STARTED;
	for (i = 0; i < src->count; i++) {
		st = src->streams[i];
		if (st && st->active)
			serve_pending_locked(st);
	}
	return S_OK;
}

/*
 * Start: from the stopped state, at the position given or the beginning
 * (MESourceStarted, MEStreamStarted with the time); running or paused, a
 * position is a seek (MESourceSeeked, MEStreamSeeked with the time) and
 * none restarts where it is (MESourceStarted, MEStreamStarted, empty).
 */
static HRESULT STDMETHODCALLTYPE
source_Start(IMFMediaSource *iface, IMFPresentationDescriptor *pd,
	     const GUID *pguidTimeFormat, const PROPVARIANT *pvarStartPosition)
{
	struct media_source *src = impl_from_IMFMediaSource(iface);
	MediaEventType source_event = MESourceStarted;
	MediaEventType stream_event = MEStreamStarted;
	PROPVARIANT value = { .vt = VT_EMPTY };
	bool seek = false, *selected = NULL;
	HRESULT hr;
	int ret;

	if (!pd || !pvarStartPosition)
		return E_INVALIDARG;
	if (pguidTimeFormat && !IsEqualGUID(pguidTimeFormat, &GUID_NULL))
		return MF_E_UNSUPPORTED_TIME_FORMAT;
	if (pvarStartPosition->vt != VT_EMPTY &&
	    pvarStartPosition->vt != VT_I8)
		return MF_E_UNSUPPORTED_TIME_FORMAT;
	if (pvarStartPosition->vt == VT_I8 &&
	    pvarStartPosition->hVal.QuadPart < 0)
		return E_INVALIDARG;

	pthread_mutex_lock(&src->lock);
	if (src->state == SOURCE_SHUTDOWN) {
		hr = MF_E_SHUTDOWN;
		goto out;
	}
	selected = calloc(src->count, sizeof(*selected));
	hr = selected ? read_selection_locked(src, pd, selected)
		      : E_OUTOFMEMORY;
	if (FAILED(hr))
		goto out;
	if (pvarStartPosition->vt == VT_I8 || src->state == SOURCE_STOPPED) {
		seek = true;
		value.vt = VT_I8;
		value.hVal.QuadPart = pvarStartPosition->vt == VT_I8 ?
			pvarStartPosition->hVal.QuadPart : 0;
		if (src->state != SOURCE_STOPPED) {
			source_event = MESourceSeeked;
			stream_event = MEStreamSeeked;
		}
		ret = pmp_demux_seek(src->demux, value.hVal.QuadPart);
		if (ret) {
			hr = hresult_from_read(ret);
			goto out;
		}
	}
	hr = start_streams_locked(src, selected, seek, source_event,
				  stream_event, &value);
out:
	pthread_mutex_unlock(&src->lock);
	free(selected);
	return hr;
}

/* @source_event, then @stream_event on each active stream; locked. */
static void queue_state_events_locked(struct media_source *src,
				      MediaEventType source_event,
				      MediaEventType stream_event)
{
	unsigned int i;

	queue_source_event(src, source_event, NULL);
	for (i = 0; i < src->count; i++)
		if (src->streams[i] && src->streams[i]->active)
			queue_stream_event(src->streams[i], stream_event,
					   S_OK, NULL);
}

static HRESULT STDMETHODCALLTYPE source_Stop(IMFMediaSource *iface)
{
	struct media_source *src = impl_from_IMFMediaSource(iface);
	unsigned int i;
	HRESULT hr = S_OK;

	pthread_mutex_lock(&src->lock);
	if (src->state == SOURCE_SHUTDOWN) {
		hr = MF_E_SHUTDOWN;
	} else {
		src->state = SOURCE_STOPPED;
		for (i = 0; i < src->count; i++)
			if (src->streams[i])
				drop_pending_locked(src->streams[i]);
		queue_state_events_locked(src, MESourceStopped,
					  MEStreamStopped);
	}
	pthread_mutex_unlock(&src->lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE source_Pause(IMFMediaSource *iface)
{
	struct media_source *src = impl_from_IMFMediaSource(iface);
	HRESULT hr = S_OK;

	pthread_mutex_lock(&src->lock);
	if (src->state == SOURCE_SHUTDOWN) {
		hr = MF_E_SHUTDOWN;
	} else if (src->state != SOURCE_STARTED) {
		hr = MF_E_INVALID_STATE_TRANSITION;
	} else {
		src->state = SOURCE_PAUSED;
		queue_state_events_locked(src, MESourcePaused,
					  MEStreamPaused);
	}
	pthread_mutex_unlock(&src->lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE source_Shutdown(IMFMediaSource *iface)
{
	struct media_source *src = impl_from_IMFMediaSource(iface);
	struct media_stream **streams = NULL;
	HRESULT hr = S_OK;

	pthread_mutex_lock(&src->lock);
	if (src->state == SOURCE_SHUTDOWN)
		hr = MF_E_SHUTDOWN;
	else
		streams = shutdown_locked(src);
	pthread_mutex_unlock(&src->lock);
	/* A stream's last reference may be the one to this source. */
	release_streams(streams, src->count);
	return hr;
}

static const IMFMediaSourceVtbl source_vtbl = {
	.QueryInterface = source_QueryInterface,
	.AddRef = source_AddRef,
	.Release = source_Release,
	.GetEvent = source_GetEvent,
	.BeginGetEvent = source_BeginGetEvent,
	.EndGetEvent = source_EndGetEvent,
	.QueueEvent = source_QueueEvent,
	.GetCharacteristics = source_GetCharacteristics,
	.CreatePresentationDescriptor = source_CreatePresentationDescriptor,
	.Start = source_Start,
	.Stop = source_Stop,
	.Pause = source_Pause,
	.Shutdown = source_Shutdown,
};

/* The HRESULT Windows gives for what opening a file met. */
static HRESULT hresult_from_open(int err)
{
	switch (err) {
	case -ENOENT:
	case -ENOTDIR:
		return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
	case -EACCES:
	case -EPERM:
	case -EISDIR:
		return E_ACCESSDENIED;
	case -EPROTONOSUPPORT:
		return MF_E_UNSUPPORTED_SCHEME;
	case -EINVAL:
	case -ENAMETOOLONG:
		return E_INVALIDARG;
	case -EMEDIUMTYPE:
		return MF_E_UNSUPPORTED_BYTESTREAM_TYPE;
	case -EBADMSG:
	case -ENOBUFS:
		return MF_E_INVALID_FILE_FORMAT;
	default:
		return pmp_hresult_from_errno(err);
	}
}

HRESULT pmp_media_source_create(const char *location, IMFMediaSource **out)
{
	struct media_source *src;
	HRESULT hr;
	int ret;

	*out = NULL;
	src = calloc(1, sizeof(*src));
	if (!src)
		return E_OUTOFMEMORY;
	src->IMFMediaSource_iface.lpVtbl = &source_vtbl;
	atomic_init(&src->refcount, 1);
	pthread_mutex_init(&src->lock, NULL);
	src->state = SOURCE_STOPPED;
	hr = MFCreateEventQueue(&src->queue);
	if (FAILED(hr)) {
		pthread_mutex_destroy(&src->lock);
		free(src);
		return hr;
	}
	ret = pmp_demux_open(location, &src->demux);
	hr = ret ? hresult_from_open(ret) : describe_presentation(src);
	if (FAILED(hr)) {
		IMFMediaSource_Release(&src->IMFMediaSource_iface);
		return hr;
	}
	*out = &src->IMFMediaSource_iface;
	return S_OK;
}
