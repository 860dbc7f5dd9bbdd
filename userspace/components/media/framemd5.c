// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * framemd5.c - ffmpeg 5.1's framemd5 records: the header, the frame lines,
 * and the timestamps ffmpeg's command line puts on them
 *
 * The clock follows, step for step and in the same floating point,
 * fftools/ffmpeg.c's path for video into a muxer with variable frame rate
 * (framemd5 is one, so -vsync auto means vfr there): the decoded pts, moved
 * by the input's start time, rescaled into the encoder's time base with
 * extra precision bits, then set on a running counter that only jumps
 * forward (do_video_out()).  MD5 is libcrypto's, like the rest of the
 * host's cryptography.
 */

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include <libavutil/common.h>
#include <libavutil/mathematics.h>
#include <libavutil/rational.h>
#include <openssl/evp.h>

#include "framemd5.h"

#define MD5_SIZE 16

struct framemd5_out {
	char *buf;
	size_t size;
	size_t len;
	int err;
};

static EVP_MD *md5;

/* Fetched at load time, before a host's seccomp filter; see cenc.c. */
__attribute__((constructor)) static void framemd5_fetch_md5(void)
{
	md5 = EVP_MD_fetch(NULL, "MD5", NULL);
}

int pmp_framemd5_clock_init(struct pmp_framemd5_clock *c, int stb_num,
			    int stb_den, int fr_num, int fr_den,
			    int64_t start_us)
{
	AVRational fr = { fr_num, fr_den }, out;

	if (!c || stb_num <= 0 || stb_den <= 0 || fr_num < 0 || fr_den < 0 ||
	    !fr_num != !fr_den)
		return -EINVAL;
	/* ffmpeg's fallback when nothing tells the rate. */
	if (!fr_num)
		fr = (AVRational){ 25, 1 };
	/* The encoder's time base, reduced as the output stream's is. */
	out = av_add_q(av_inv_q(fr), (AVRational){ 0, 1 });
	*c = (struct pmp_framemd5_clock){
		.frame_rate_num = fr_num,
		.frame_rate_den = fr_den,
		.stream_tb_num = stb_num,
		.stream_tb_den = stb_den,
		.out_tb_num = out.num,
		.out_tb_den = out.den,
		.offset = start_us == PMP_FRAMEMD5_NOPTS ?
				  0 :
				  av_rescale_q(start_us, AV_TIME_BASE_Q,
					       (AVRational){ stb_num,
							     stb_den }),
		.next = 0,
	};
	return 0;
}

/* The pts in the output time base, as a double with ffmpeg's extra bits. */
static double exact_pts(int64_t pts, AVRational stb, AVRational tb)
{
	int extra_bits = av_clip(29 - av_log2(tb.den), 0, 16);
	double t;

	tb.den <<= extra_bits;
	t = av_rescale_q(pts, stb, tb);
	t /= 1 << extra_bits;
	/* ffmpeg nudges off exact midpoints; FFSIGN(0) is -1. */
	t += (t > 0 ? 1 : -1) * 1.0 / (1 << 17);
	return t;
}

int pmp_framemd5_clock_next(struct pmp_framemd5_clock *c, int64_t pts,
			    int64_t duration, int64_t *out_pts)
{
	AVRational stb, tb;
	double ipts, delta0, delta, frame_period;

	if (!c || !out_pts)
		return -EINVAL;
	/* ffmpeg's float pts of a frame without one is hugely negative. */
	if (pts == PMP_FRAMEMD5_NOPTS)
		return 0;
	stb = (AVRational){ c->stream_tb_num, c->stream_tb_den };
	tb = (AVRational){ c->out_tb_num, c->out_tb_den };

	/* A frame period in the output time base; 0 if the rate is not known. */
	frame_period = 0;
	if (c->frame_rate_num)
		frame_period = 1 / (av_q2d((AVRational){ c->frame_rate_num,
							 c->frame_rate_den }) *
				    av_q2d(tb));
	if (lrintf(duration * av_q2d(stb) / av_q2d(tb)) > 0)
		frame_period = lrintf(duration * av_q2d(stb) / av_q2d(tb));

	ipts = exact_pts(pts - c->offset, stb, tb);
	delta0 = ipts - c->next;
	delta = delta0 + frame_period;
	/* Slightly early: clipped onto the next slot. */
	if (delta0 < 0 && delta > 0)
		ipts = c->next;
	if (delta <= -0.6)
		return 0;
	if (delta > 0.6)
		c->next = llrint(ipts);
	*out_pts = c->next++;
	return 1;
}

static void put(struct framemd5_out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->err)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		o->err = -EINVAL;
	else if ((size_t)n >= o->size - o->len)
		o->err = -ENOSPC;
	else
		o->len += n;
}

static int finish(const struct framemd5_out *o)
{
	if (o->err)
		return o->err;
	return o->len > INT_MAX ? -ENOSPC : (int)o->len;
}

int pmp_framemd5_header(char *buf, size_t size,
			const struct pmp_framemd5_stream *st,
			const char *software)
{
	struct framemd5_out o = { .buf = buf, .size = size };

	if (!buf || !st)
		return -EINVAL;
	if (!size)
		return -ENOSPC;
	put(&o, "#format: frame checksums\n#version: 2\n#hash: MD5\n");
	if (software)
		put(&o, "#software: %s\n", software);
	put(&o, "#tb 0: %d/%d\n", st->tb_num, st->tb_den);
	put(&o, "#media_type 0: video\n#codec_id 0: rawvideo\n");
	put(&o, "#dimensions 0: %dx%d\n", st->width, st->height);
	put(&o, "#sar 0: %d/%d\n", st->sar_num, st->sar_den);
	put(&o, "#stream#, dts,        pts, duration,     size, hash\n");
	return finish(&o);
}

int pmp_framemd5_line(char *buf, size_t size, int64_t pts, const void *data,
		      size_t len)
{
	struct framemd5_out o = { .buf = buf, .size = size };
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (!buf || !data || len > INT_MAX)
		return -EINVAL;
	if (!size)
		return -ENOSPC;
	if (!md5 || !EVP_Digest(data, len, md, &mdlen, md5, NULL) ||
	    mdlen != MD5_SIZE)
		return -EIO;
	/* One frame period of the output time base: always 1. */
	put(&o, "0, %10" PRId64 ", %10" PRId64 ", %8" PRId64 ", %8d, ", pts,
	    pts, (int64_t)1, (int)len);
	for (int i = 0; i < MD5_SIZE; i++)
		put(&o, "%02x", md[i]);
	put(&o, "\n");
	return finish(&o);
}
