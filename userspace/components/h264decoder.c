// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * h264decoder.c - CLSID_PmpH264Decoder: MP4 H.264 access units in,
 * decoded pictures out, packed as ffmpeg's rawvideo packs them, through
 * the media core's decoder (avdec.c)
 *
 * Input type: MFMediaType_Video, MFVideoFormat_H264, MF_MT_FRAME_SIZE,
 * MF_MT_MPEG_SEQUENCE_HEADER (the avcC record) and PMP_MT_TIME_BASE; the
 * decoder is made when the type is set, so that what it refuses (sizes
 * beyond avdec's limits, a malformed avcC) refuses the type.  Sample times
 * go back into the stream's time base, rounding to the nearest tick, the
 * inverse of the source's rounding into 100 ns units: for any time base
 * of 1/10^7 s or coarser that gives the file's timestamps back exactly,
 * and libavcodec sees what ffmpeg's would.
 *
 * Output: each picture in a secure buffer (secure_buffer.c), timed by its
 * best-effort timestamp and its packet's duration in 100 ns units, with
 * MF_MT_SUBTYPE and MF_MT_FRAME_SIZE of its own on the sample.  The
 * subtype is the FourCC subtype of ffmpeg's rawvideo tag for the pixel
 * format (avcodec_pix_fmt_to_codec_tag()): MFVideoFormat_I420 for
 * yuv420p, 'Y42B' for yuv422p.  Pictures libavcodec marks damaged, and
 * pictures without a timestamp, are dropped: ffmpeg prints no framemd5
 * line for either.
 */

#define COBJMACROS
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include <libavcodec/avcodec.h>
#include <libavutil/mathematics.h>

#include "mfapi.h"
#include "mferror.h"
#include "pmpmedia.h"

#include "avdec.h"
#include "h264_format.h"
#include "media.h"
#include "media_sample.h"
#include "media_transform.h"
#include "secure_buffer.h"

#define HNS_PER_SECOND 10000000

/* Copied from the input type to the output type when present. */
static const GUID *const carried_attributes[] = {
	&MF_MT_FRAME_RATE,
	&MF_MT_PIXEL_ASPECT_RATIO,
	&PMP_MT_TIME_BASE,
	&PMP_MT_START_TIME,
};

/*
 * @dec: the decoder of the current input type
 * @params: how it was made, for Flush to make it again
 * @config: the avcC record @params points to
 * @tb: the stream's time base
 */
struct h264_decoder {
	struct media_transform t;
	struct pmp_avdec *dec;
	struct pmp_avdec_params params;
	UINT8 *config;
	AVRational tb;
};

static struct h264_decoder *impl_from_transform(struct media_transform *t)
{
	return (struct h264_decoder *)t;
}

/* The video subtype named by an ffmpeg rawvideo tag (a FourCC). */
static GUID subtype_of(enum AVPixelFormat format)
{
	GUID subtype = MFVideoFormat_I420;

	subtype.Data1 = avcodec_pix_fmt_to_codec_tag(format);
	return subtype;
}

static HRESULT make_output_type(IMFMediaType *in, enum AVPixelFormat format,
				UINT64 frame_size, IMFMediaType **out)
{
	GUID subtype = subtype_of(format);
	IMFMediaType *type;
	UINT64 value;
	HRESULT hr;
	size_t i;

	*out = NULL;
	if (!subtype.Data1)
		return MF_E_INVALIDMEDIATYPE;
	hr = MFCreateMediaType(&type);
	if (FAILED(hr))
		return hr;
	hr = IMFMediaType_SetGUID(type, &MF_MT_MAJOR_TYPE, &MFMediaType_Video);
	if (SUCCEEDED(hr))
		hr = IMFMediaType_SetGUID(type, &MF_MT_SUBTYPE, &subtype);
	if (SUCCEEDED(hr))
		hr = IMFMediaType_SetUINT64(type, &MF_MT_FRAME_SIZE, frame_size);
	/* What makes IsCompressedFormat say FALSE. */
	if (SUCCEEDED(hr))
		hr = IMFMediaType_SetUINT32(type, &MF_MT_ALL_SAMPLES_INDEPENDENT,
					    TRUE);
	if (SUCCEEDED(hr))
		hr = IMFMediaType_SetUINT32(type, &MF_MT_COMPRESSED, FALSE);
	for (i = 0; SUCCEEDED(hr) && i < ARRAY_SIZE(carried_attributes); i++)
		if (SUCCEEDED(IMFMediaType_GetUINT64(in, carried_attributes[i],
						     &value)))
			hr = IMFMediaType_SetUINT64(type, carried_attributes[i],
						    value);
	if (FAILED(hr)) {
		IMFMediaType_Release(type);
		return hr;
	}
	*out = type;
	return S_OK;
}

/* The avcC record of @type, in a malloc()ed *@out. */
static HRESULT read_config(IMFMediaType *type, UINT8 **out, UINT32 *size)
{
	*out = NULL;
	if (FAILED(IMFMediaType_GetBlobSize(type, &MF_MT_MPEG_SEQUENCE_HEADER,
					    size)) ||
	    !*size || *size > PMP_AVDEC_MAX_EXTRADATA)
		return MF_E_INVALIDMEDIATYPE;
	*out = malloc(*size);
	if (!*out)
		return E_OUTOFMEMORY;
	return IMFMediaType_GetBlob(type, &MF_MT_MPEG_SEQUENCE_HEADER, *out,
				    *size, NULL);
}

/* What avdec needs of @type, from its attributes; *@config is malloc()ed. */
static HRESULT read_params(IMFMediaType *type, struct pmp_avdec_params *p,
			   UINT8 **config, UINT64 *frame_size)
{
	UINT64 time_base;
	UINT32 size = 0;
	GUID major, subtype;
	HRESULT hr;

	*config = NULL;
	if (FAILED(IMFMediaType_GetGUID(type, &MF_MT_MAJOR_TYPE, &major)) ||
	    !IsEqualGUID(&major, &MFMediaType_Video) ||
	    FAILED(IMFMediaType_GetGUID(type, &MF_MT_SUBTYPE, &subtype)) ||
	    !IsEqualGUID(&subtype, &MFVideoFormat_H264) ||
	    FAILED(IMFMediaType_GetUINT64(type, &MF_MT_FRAME_SIZE,
					  frame_size)) ||
	    FAILED(IMFMediaType_GetUINT64(type, &PMP_MT_TIME_BASE,
					  &time_base)))
		return MF_E_INVALIDMEDIATYPE;
	/* Out of an int's range is out of avdec's too. */
	if (media_hi32(*frame_size) > INT_MAX ||
	    media_lo32(*frame_size) > INT_MAX ||
	    !media_hi32(time_base) || media_hi32(time_base) > INT_MAX ||
	    !media_lo32(time_base) || media_lo32(time_base) > INT_MAX)
		return MF_E_INVALIDMEDIATYPE;
	hr = read_config(type, config, &size);
	if (FAILED(hr)) {
		free(*config);
		*config = NULL;
		return hr;
	}
	*p = (struct pmp_avdec_params){
		.codec_id = AV_CODEC_ID_H264,
		.width = (int)media_hi32(*frame_size),
		.height = (int)media_lo32(*frame_size),
		.extradata = *config,
		.extradata_size = size,
		.time_base_num = (int)media_hi32(time_base),
		.time_base_den = (int)media_lo32(time_base),
	};
	return S_OK;
}

/* A decoder for @p; whatever avdec refuses, the type is refused for. */
static HRESULT new_decoder(const struct pmp_avdec_params *p,
			   struct pmp_avdec **out)
{
	int err = pmp_avdec_new(p, out);

	if (err == -ENOMEM)
		return E_OUTOFMEMORY;
	return err ? MF_E_INVALIDMEDIATYPE : S_OK;
}

static HRESULT decoder_set_input_type(struct media_transform *t,
				      IMFMediaType *type, IMFMediaType **out)
{
	struct h264_decoder *d = impl_from_transform(t);
	struct pmp_avdec_params p;
	struct pmp_avdec *dec = NULL;
	enum AVPixelFormat format;
	UINT8 *config;
	UINT64 frame_size;
	HRESULT hr;

	hr = read_params(type, &p, &config, &frame_size);
	if (FAILED(hr))
		return hr;
	hr = h264_format(p.extradata, p.extradata_size, &format) ?
		     MF_E_INVALIDMEDIATYPE :
		     new_decoder(&p, &dec);
	if (SUCCEEDED(hr))
		hr = make_output_type(type, format, frame_size, out);
	if (FAILED(hr)) {
		pmp_avdec_free(dec);
		free(config);
		return hr;
	}
	pmp_avdec_free(d->dec);
	free(d->config);
	d->dec = dec;
	d->params = p;
	d->config = config;
	d->tb = (AVRational){ p.time_base_num, p.time_base_den };
	return S_OK;
}

static int64_t to_stream_time(const struct h264_decoder *d, LONGLONG t)
{
	return av_rescale_q_rnd(t, (AVRational){ 1, HNS_PER_SECOND }, d->tb,
				AV_ROUND_NEAR_INF | AV_ROUND_PASS_MINMAX);
}

static LONGLONG to_hns(const struct h264_decoder *d, int64_t t)
{
	return av_rescale_q_rnd(t, d->tb, (AVRational){ 1, HNS_PER_SECOND },
				AV_ROUND_NEAR_INF | AV_ROUND_PASS_MINMAX);
}

/* @sample's timestamps in the stream's time base. */
static void packet_times(const struct h264_decoder *d, IMFSample *sample,
			 struct pmp_avdec_packet *pkt)
{
	LONGLONG time;
	UINT64 dts;

	pkt->pts = pkt->dts = PMP_AVDEC_NOPTS;
	pkt->duration = 0;
	if (SUCCEEDED(IMFSample_GetSampleTime(sample, &time)))
		pkt->pts = to_stream_time(d, time);
	if (SUCCEEDED(IMFSample_GetUINT64(
		    sample, &MFSampleExtension_DecodeTimestamp, &dts)))
		pkt->dts = to_stream_time(d, (LONGLONG)dts);
	if (SUCCEEDED(IMFSample_GetSampleDuration(sample, &time)) && time > 0)
		pkt->duration = to_stream_time(d, time);
}

static HRESULT decoder_process_input(struct media_transform *t,
				     IMFSample *sample)
{
	struct h264_decoder *d = impl_from_transform(t);
	struct pmp_avdec_packet pkt;
	struct media_bytes bytes;
	HRESULT hr;
	int err;

	hr = media_bytes_lock(sample, &bytes);
	if (FAILED(hr))
		return hr;
	/* An empty sample has no picture: ffmpeg skips one too. */
	if (!bytes.size) {
		media_bytes_unlock(&bytes);
		return S_OK;
	}
	pkt.data = bytes.data;
	pkt.size = bytes.size;
	packet_times(d, sample, &pkt);
	err = pmp_avdec_send(d->dec, &pkt);
	media_bytes_unlock(&bytes);
	switch (err) {
	case -EAGAIN:
		return MF_E_NOTACCEPTING;
	case -EBADMSG:
		/* Consumed: decoding goes on with the next access unit. */
		return S_OK;
	default:
		return media_hresult(err, MF_E_INVALID_STREAM_DATA);
	}
}

/* The picture avdec just gave, packed into a new timed sample. */
static HRESULT picture_sample(struct h264_decoder *d,
			      const struct pmp_avdec_frame *f, IMFSample **out)
{
	GUID subtype = subtype_of(f->format);
	IMFMediaBuffer *buffer;
	bool secret = false;
	BYTE *data;
	HRESULT hr;
	int err;

	if (!subtype.Data1 || f->size > UINT32_MAX)
		return MF_E_INVALID_STREAM_DATA;
	/* pmp_avdec_copy writes every byte, or the buffer goes unread. */
	hr = secure_buffer_create_to_fill((DWORD)f->size, &buffer, &secret);
	if (FAILED(hr))
		return hr;
	IMFMediaBuffer_Lock(buffer, &data, NULL, NULL);
	err = pmp_avdec_copy(d->dec, data, f->size);
	IMFMediaBuffer_Unlock(buffer);
	hr = media_hresult(err, E_FAIL);
	if (SUCCEEDED(hr))
		hr = IMFMediaBuffer_SetCurrentLength(buffer, (DWORD)f->size);
	if (SUCCEEDED(hr))
		hr = media_sample_new(NULL, buffer, out);
	IMFMediaBuffer_Release(buffer);
	if (FAILED(hr))
		return hr;
	hr = IMFSample_SetSampleTime(*out, to_hns(d, f->pts));
	if (SUCCEEDED(hr) && f->duration > 0)
		hr = IMFSample_SetSampleDuration(*out, to_hns(d, f->duration));
	if (SUCCEEDED(hr))
		hr = IMFSample_SetGUID(*out, &MF_MT_SUBTYPE, &subtype);
	if (SUCCEEDED(hr))
		hr = IMFSample_SetUINT32(*out, &PMP_SAMPLE_SECRET_MEMORY, secret);
	if (SUCCEEDED(hr))
		hr = IMFSample_SetUINT64(*out, &MF_MT_FRAME_SIZE,
					 (UINT64)f->width << 32 | f->height);
	if (FAILED(hr)) {
		IMFSample_Release(*out);
		*out = NULL;
	}
	return hr;
}

static HRESULT decoder_process_output(struct media_transform *t,
				      IMFSample **out)
{
	struct h264_decoder *d = impl_from_transform(t);
	struct pmp_avdec_frame f;
	int err;

	for (;;) {
		err = pmp_avdec_receive(d->dec, &f);
		if (err == -EAGAIN || err == -ENODATA)
			return MF_E_TRANSFORM_NEED_MORE_INPUT;
		/* Damaged, or without a time: no line in ffmpeg's output. */
		if (err == -EBADMSG || (!err && f.pts == PMP_AVDEC_NOPTS))
			continue;
		if (err)
			return media_hresult(err, E_FAIL);
		return picture_sample(d, &f, out);
	}
}

static HRESULT decoder_drain(struct media_transform *t)
{
	int err = pmp_avdec_drain(impl_from_transform(t)->dec);

	return media_hresult(err == -EPIPE ? 0 : err, E_FAIL);
}

/* avdec has no flush: a new decoder starts from the next key frame. */
static HRESULT decoder_flush(struct media_transform *t)
{
	struct h264_decoder *d = impl_from_transform(t);
	struct pmp_avdec *dec;
	HRESULT hr;

	hr = new_decoder(&d->params, &dec);
	if (FAILED(hr))
		return hr == MF_E_INVALIDMEDIATYPE ? E_FAIL : hr;
	pmp_avdec_free(d->dec);
	d->dec = dec;
	return S_OK;
}

static void decoder_destroy(struct media_transform *t)
{
	struct h264_decoder *d = impl_from_transform(t);

	pmp_avdec_free(d->dec);
	free(d->config);
	free(d);
}

static const struct media_transform_ops decoder_ops = {
	.set_input_type = decoder_set_input_type,
	.process_input = decoder_process_input,
	.process_output = decoder_process_output,
	.drain = decoder_drain,
	.flush = decoder_flush,
	.destroy = decoder_destroy,
};

HRESULT media_h264_decoder_create(REFIID riid, void **ppv)
{
	struct h264_decoder *d = calloc(1, sizeof(*d));

	if (!d)
		return E_OUTOFMEMORY;
	return media_transform_hand_out(&d->t, &decoder_ops, riid, ppv);
}
