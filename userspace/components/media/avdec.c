// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * avdec.c - the host's video decoder over libavcodec's send/receive API
 *
 * libavcodec is there because a conforming, fuzzed H.264 decoder is not
 * something to write again; this file narrows it: a fixed list of
 * software decoders, limits on sizes checked before libavcodec sees a
 * byte (and max_pixels for what the bitstream itself declares), libav
 * errors turned into errno values, damaged pictures dropped.
 */

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libavutil/pixdesc.h>

#include "avdec.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

_Static_assert(PMP_AVDEC_NOPTS == AV_NOPTS_VALUE, "timestamps pass as they are");

struct pmp_avdec {
	AVCodecContext *ctx;
	AVPacket *pkt;
	AVFrame *frame;
	/* @frame holds a picture pmp_avdec_receive() gave out. */
	bool have_frame;
	bool drained;
};

/* The decoders the host runs: libavcodec's own, by name. */
static const struct {
	enum AVCodecID id;
	const char *decoder;
} avdec_codecs[] = {
	{ AV_CODEC_ID_H264, "h264" },
};

static pthread_once_t avdec_log_once = PTHREAD_ONCE_INIT;

static void quiet_libav(void)
{
	av_log_set_level(AV_LOG_QUIET);
}

static const AVCodec *find_decoder(enum AVCodecID id)
{
	for (size_t i = 0; i < ARRAY_SIZE(avdec_codecs); i++) {
		if (avdec_codecs[i].id == id)
			return avcodec_find_decoder_by_name(
				avdec_codecs[i].decoder);
	}
	return NULL;
}

/*
 * A process's first decoder costs more than the next: libavcodec builds
 * the decoders' static tables then, and the pages of its code are first
 * touched.  pmphost loads this component before it enters its sandbox,
 * long before a session resolves a topology, so one decoder opened and
 * closed at load moves that cost from the start of the first playback to
 * the start of the host, where it belongs; a process that loads the
 * component in process pays it once, as before, at its first session.
 * Nothing is decoded; a failure here changes nothing.
 */
__attribute__((constructor)) static void avdec_warm_up(void)
{
	const AVCodec *codec;
	AVCodecContext *ctx;
	size_t i;

	pthread_once(&avdec_log_once, quiet_libav);
	for (i = 0; i < ARRAY_SIZE(avdec_codecs); i++) {
		codec = avcodec_find_decoder_by_name(avdec_codecs[i].decoder);
		ctx = codec ? avcodec_alloc_context3(codec) : NULL;
		if (!ctx)
			continue;
		ctx->thread_count = 1;
		avcodec_open2(ctx, codec, NULL);
		avcodec_free_context(&ctx);
	}
}

static bool size_in_range(int width, int height)
{
	return width > 0 && height > 0 && width <= PMP_AVDEC_MAX_DIMENSION &&
	       height <= PMP_AVDEC_MAX_DIMENSION &&
	       (long long)width * height <= PMP_AVDEC_MAX_PIXELS;
}

/* libav's error codes as this file's errno values. */
static int errno_of(int averr)
{
	switch (averr) {
	case AVERROR(EAGAIN):
		return -EAGAIN;
	case AVERROR(ENOMEM):
		return -ENOMEM;
	case AVERROR_EOF:
		return -ENODATA;
	case AVERROR_INVALIDDATA:
	case AVERROR_PATCHWELCOME:
	case AVERROR_BUG2:
	case AVERROR(EINVAL):
	case AVERROR(ERANGE):
		/* What a bitstream can make a decoder say. */
		return -EBADMSG;
	default:
		return -EIO;
	}
}

/*
 * H.264's configuration is an avcC record (ISO/IEC 14496-15: version 1,
 * its parameter sets each behind a 16-bit length) or Annex B parameter
 * sets behind start codes.  libavcodec only warns about a damaged one and
 * goes on without it; here it is refused.
 */
static bool avcc_ok(const uint8_t *p, size_t n)
{
	size_t pos = 6;
	int sets = p[5] & 0x1f;

	if (n < 7 || p[0] != 1)
		return false;
	for (int list = 0; list < 2; list++) {
		for (int i = 0; i < sets; i++) {
			size_t len;

			if (n - pos < 2)
				return false;
			len = (size_t)p[pos] << 8 | p[pos + 1];
			if (!len || n - pos - 2 < len)
				return false;
			pos += 2 + len;
		}
		if (list == 0) {
			if (pos >= n)
				return false;
			sets = p[pos++];
		}
	}
	return true;
}

static bool extradata_ok(const struct pmp_avdec_params *p)
{
	const uint8_t *x = p->extradata;
	size_t n = p->extradata_size;

	if (!n || p->codec_id != AV_CODEC_ID_H264)
		return true;
	if (n >= 4 && !x[0] && !x[1] && (x[2] == 1 || (!x[2] && x[3] == 1)))
		return true;
	return avcc_ok(x, n);
}

static int check_params(const struct pmp_avdec_params *p)
{
	if (!size_in_range(p->width, p->height))
		return -EINVAL;
	if ((p->extradata_size && !p->extradata) ||
	    p->extradata_size > PMP_AVDEC_MAX_EXTRADATA)
		return -EINVAL;
	if (p->time_base_num < 0 || p->time_base_den < 0 ||
	    !p->time_base_num != !p->time_base_den)
		return -EINVAL;
	if (p->threads < 0 || p->threads > PMP_AVDEC_MAX_THREADS)
		return -EINVAL;
	return 0;
}

static int configure(AVCodecContext *ctx, const struct pmp_avdec_params *p)
{
	ctx->width = p->width;
	ctx->height = p->height;
	ctx->max_pixels = PMP_AVDEC_MAX_PIXELS;
	ctx->thread_count = p->threads ? p->threads : 1;
	if (p->time_base_den)
		ctx->pkt_timebase = av_make_q(p->time_base_num,
					      p->time_base_den);
	if (p->extradata_size) {
		ctx->extradata = av_mallocz(p->extradata_size +
					    AV_INPUT_BUFFER_PADDING_SIZE);
		if (!ctx->extradata)
			return -ENOMEM;
		memcpy(ctx->extradata, p->extradata, p->extradata_size);
		ctx->extradata_size = (int)p->extradata_size;
	}
	return 0;
}

int pmp_avdec_new(const struct pmp_avdec_params *p, struct pmp_avdec **out)
{
	const AVCodec *codec;
	struct pmp_avdec *d;
	int err;

	if (!p || !out)
		return -EINVAL;
	err = check_params(p);
	if (err)
		return err;
	codec = find_decoder(p->codec_id);
	if (!codec)
		return -ENOTSUP;
	if (!extradata_ok(p))
		return -EBADMSG;
	pthread_once(&avdec_log_once, quiet_libav);

	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->ctx = avcodec_alloc_context3(codec);
	d->pkt = av_packet_alloc();
	d->frame = av_frame_alloc();
	err = -ENOMEM;
	if (!d->ctx || !d->pkt || !d->frame)
		goto err_free;
	err = configure(d->ctx, p);
	if (err)
		goto err_free;
	err = avcodec_open2(d->ctx, codec, NULL);
	if (err < 0) {
		err = err == AVERROR(ENOMEM) ? -ENOMEM : -EBADMSG;
		goto err_free;
	}
	*out = d;
	return 0;

err_free:
	pmp_avdec_free(d);
	return err;
}

void pmp_avdec_free(struct pmp_avdec *d)
{
	if (!d)
		return;
	av_frame_free(&d->frame);
	av_packet_free(&d->pkt);
	avcodec_free_context(&d->ctx);
	free(d);
}

static void drop_frame(struct pmp_avdec *d)
{
	if (d->have_frame)
		av_frame_unref(d->frame);
	d->have_frame = false;
}

int pmp_avdec_send(struct pmp_avdec *d, const struct pmp_avdec_packet *pkt)
{
	int err;

	if (!d || !pkt || !pkt->data || !pkt->size ||
	    pkt->size > INT_MAX - AV_INPUT_BUFFER_PADDING_SIZE)
		return -EINVAL;
	if (d->drained)
		return -EPIPE;
	drop_frame(d);
	/* Padded, as libavcodec's bitstream readers need. */
	err = av_new_packet(d->pkt, (int)pkt->size);
	if (err < 0)
		return -ENOMEM;
	memcpy(d->pkt->data, pkt->data, pkt->size);
	d->pkt->pts = pkt->pts;
	d->pkt->dts = pkt->dts;
	d->pkt->duration = pkt->duration;
	err = avcodec_send_packet(d->ctx, d->pkt);
	av_packet_unref(d->pkt);
	return err < 0 ? errno_of(err) : 0;
}

int pmp_avdec_drain(struct pmp_avdec *d)
{
	int err;

	if (!d)
		return -EINVAL;
	if (d->drained)
		return -EPIPE;
	drop_frame(d);
	d->drained = true;
	err = avcodec_send_packet(d->ctx, NULL);
	return err < 0 ? errno_of(err) : 0;
}

static bool damaged(const AVFrame *f)
{
	return (f->flags & AV_FRAME_FLAG_CORRUPT) || f->decode_error_flags;
}

static int64_t frame_duration(const AVFrame *f)
{
#if LIBAVUTIL_VERSION_MAJOR >= 58
	return f->duration;
#else
	return f->pkt_duration;
#endif
}

int pmp_avdec_receive(struct pmp_avdec *d, struct pmp_avdec_frame *f)
{
	const AVPixFmtDescriptor *desc;
	AVFrame *fr;
	int err, size;

	if (!d || !f)
		return -EINVAL;
	drop_frame(d);
	fr = d->frame;
	err = avcodec_receive_frame(d->ctx, fr);
	if (err < 0)
		return errno_of(err);
	desc = av_pix_fmt_desc_get(fr->format);
	size = av_image_get_buffer_size(fr->format, fr->width, fr->height, 1);
	if (damaged(fr) || !size_in_range(fr->width, fr->height) || !desc ||
	    (desc->flags & AV_PIX_FMT_FLAG_HWACCEL) || size <= 0) {
		av_frame_unref(fr);
		return -EBADMSG;
	}
	d->have_frame = true;
	*f = (struct pmp_avdec_frame){
		.pts = fr->best_effort_timestamp,
		.duration = frame_duration(fr),
		.width = fr->width,
		.height = fr->height,
		.format = fr->format,
		.sar_num = fr->sample_aspect_ratio.num,
		.sar_den = fr->sample_aspect_ratio.den ?
				   fr->sample_aspect_ratio.den :
				   1,
		.size = (size_t)size,
	};
	return 0;
}

int pmp_avdec_copy(struct pmp_avdec *d, void *dst, size_t size)
{
	const AVFrame *fr;
	int need, n;

	if (!d || !dst || !d->have_frame)
		return -EINVAL;
	fr = d->frame;
	need = av_image_get_buffer_size(fr->format, fr->width, fr->height, 1);
	if (need < 0)
		return -EIO;
	if (size < (size_t)need)
		return -ENOSPC;
	n = av_image_copy_to_buffer(dst, need,
				    (const uint8_t *const *)fr->data,
				    fr->linesize, fr->format, fr->width,
				    fr->height, 1);
	return n == need ? 0 : -EIO;
}
