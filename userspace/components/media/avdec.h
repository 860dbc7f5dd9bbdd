/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * avdec.h - the host's video decoder: H.264 through libavcodec, pictures
 * out packed as ffmpeg's rawvideo encoder packs them
 *
 * Packets go in with their timestamps in the stream's time base; decoded
 * pictures come out in presentation order, each with its best-effort
 * timestamp (libavcodec's, as ffmpeg uses it) and packed into the caller's
 * memory plane after plane, row after row, with no padding
 * (av_image_copy_to_buffer() with alignment 1).
 *
 * Only the codecs of a fixed list are decoded (H.264, by libavcodec's own
 * software decoder): each decoder is attack surface inside the protected
 * process, and a hardware wrapper would open devices the sandbox does not
 * grant.  A decoder may be used by one thread at a time.
 *
 * The first pmp_avdec_new() sets libav's log level to quiet for the whole
 * process: nothing in the host prints, and libav's messages would describe
 * the clear content.
 */
#ifndef PMP_MEDIA_AVDEC_H
#define PMP_MEDIA_AVDEC_H

#include <stddef.h>
#include <stdint.h>

#include <libavcodec/codec_id.h>
#include <libavutil/pixfmt.h>

/* No dimension beyond this, in either direction. */
#define PMP_AVDEC_MAX_DIMENSION 16384
/*
 * No picture larger than this: H.264's largest frame size (MaxFS of levels
 * 6 to 6.2, 139264 macroblocks of 16x16 pixels), e.g. 8192x4352.
 */
#define PMP_AVDEC_MAX_PIXELS (139264LL * 256)
#define PMP_AVDEC_MAX_EXTRADATA (1 << 20)
#define PMP_AVDEC_MAX_THREADS 16
/* A timestamp that is not known. */
#define PMP_AVDEC_NOPTS INT64_MIN

struct pmp_avdec_params {
	/* libavcodec's codec id: AV_CODEC_ID_H264. */
	enum AVCodecID codec_id;
	/* The container's picture size: both 1 to the limits above. */
	int width;
	int height;
	/* The codec's configuration as the container has it (MP4: avcC). */
	const uint8_t *extradata;
	size_t extradata_size;
	/* The stream's time base; 0/0 if unknown. */
	int time_base_num;
	int time_base_den;
	/*
	 * Decoding threads, 0 for the default of 1: one thread is what the
	 * host's seccomp filter and its thread budget are sized for, and its
	 * output on damaged input does not depend on scheduling.
	 */
	int threads;
};

struct pmp_avdec_packet {
	const uint8_t *data;
	size_t size;
	/* In the stream's time base; PMP_AVDEC_NOPTS if not known. */
	int64_t pts;
	int64_t dts;
	int64_t duration;
};

struct pmp_avdec_frame {
	/* Best-effort presentation time, stream time base, or NOPTS. */
	int64_t pts;
	/* The duration of the packet it came from; 0 if not known. */
	int64_t duration;
	int width;
	int height;
	enum AVPixelFormat format;
	/* Sample aspect ratio; 0/1 if the stream does not say. */
	int sar_num;
	int sar_den;
	/* The bytes pmp_avdec_copy() writes. */
	size_t size;
};

struct pmp_avdec;

/**
 * pmp_avdec_new() - a decoder for one stream
 * @p:   its parameters
 * @out: the decoder
 *
 * Return: 0, or -EINVAL (@p or @out NULL, dimensions out of range,
 * extradata NULL with a size or larger than PMP_AVDEC_MAX_EXTRADATA, a
 * negative time base, threads beyond PMP_AVDEC_MAX_THREADS), -ENOTSUP (a
 * codec not on the list, or libavcodec built without its decoder),
 * -EBADMSG (extradata that is neither a well-formed avcC record nor Annex
 * B parameter sets, or that libavcodec refused), -ENOMEM, or -EIO (any
 * other libavcodec failure).
 */
int pmp_avdec_new(const struct pmp_avdec_params *p, struct pmp_avdec **out);

/**
 * pmp_avdec_free() - free a decoder and its pictures; NULL is ignored
 * @d: the decoder
 */
void pmp_avdec_free(struct pmp_avdec *d);

/**
 * pmp_avdec_send() - give the decoder one packet (one MP4 sample)
 * @d:   the decoder
 * @pkt: the packet; its data is copied
 *
 * -EBADMSG still consumes the packet: decoding goes on with the next one.
 *
 * Return: 0, or -EAGAIN (pictures are waiting: receive them, then send
 * the packet again), -EBADMSG (the data does not decode), -EINVAL (@pkt
 * or its data NULL, size 0 or above INT_MAX less libavcodec's padding),
 * -EPIPE (after pmp_avdec_drain()), -ENOMEM, or -EIO.
 */
int pmp_avdec_send(struct pmp_avdec *d, const struct pmp_avdec_packet *pkt);

/**
 * pmp_avdec_drain() - no more packets: let the decoder give out the
 * pictures it holds back for reordering
 * @d: the decoder
 *
 * Return: 0, or -EPIPE (already drained), -EBADMSG, -ENOMEM, or -EIO.
 */
int pmp_avdec_drain(struct pmp_avdec *d);

/**
 * pmp_avdec_receive() - the next decoded picture, in presentation order
 * @d: the decoder
 * @f: its description
 *
 * The picture stays in the decoder, for pmp_avdec_copy(), until the next
 * receive, send or drain.  A picture libavcodec marks as damaged (concealed errors, a
 * reference missing) is dropped and reported as -EBADMSG; the next call
 * goes on.
 *
 * Return: 0, or -EAGAIN (send more packets), -ENODATA (drained: no more
 * pictures), -EBADMSG (a damaged picture was dropped, or one whose size
 * is out of range or whose format cannot be packed), -ENOMEM, or -EIO.
 */
int pmp_avdec_receive(struct pmp_avdec *d, struct pmp_avdec_frame *f);

/**
 * pmp_avdec_copy() - pack the picture pmp_avdec_receive() gave
 * @d:    the decoder
 * @dst:  where it goes
 * @size: bytes at @dst, at least the frame's size
 *
 * Return: 0, or -EINVAL (@dst NULL, or no picture received since the last
 * send, drain or failed receive), -ENOSPC (@size too small), or -EIO.
 */
int pmp_avdec_copy(struct pmp_avdec *d, void *dst, size_t size);

#endif /* PMP_MEDIA_AVDEC_H */
