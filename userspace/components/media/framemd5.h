/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * framemd5.h - per-frame MD5 records exactly as ffmpeg 5.1 prints them
 * for `ffmpeg -i FILE -map 0:v:0 -f framemd5 -`
 *
 * That command decodes the first video stream, packs each picture as the
 * rawvideo encoder does and hands the packets to the framemd5 muxer, which
 * prints one header, then one line per packet:
 *
 *   0,          0,          0,        1,    38016, 70e6be88476a85ad...
 *
 * stream index (always 0 here), dts, pts, duration, size, MD5 of the
 * packed picture; "%d, %10d, %10d, %8d, %8d, %s" with 64-bit timestamps.
 * The three times are in the output time base, which is the inverse of
 * the stream's frame rate (av_guess_frame_rate(), 25/1 if unknown),
 * reduced; rawvideo packets have dts equal to pts, and the muxer gives
 * each one frame period: duration is always 1.  pts is the decoded
 * picture's best-effort timestamp, less the file's start time, moved into
 * the output time base by ffmpeg's variable-frame-rate rule (the clock
 * below), which also drops a picture that falls behind its predecessor.
 */
#ifndef PMP_MEDIA_FRAMEMD5_H
#define PMP_MEDIA_FRAMEMD5_H

#include <stddef.h>
#include <stdint.h>

#include <libavformat/version.h>

/* What ffmpeg prints on its "#software:" line (this libavformat's). */
#define PMP_FRAMEMD5_SOFTWARE LIBAVFORMAT_IDENT
/* A frame line's length, newline and NUL included, at most. */
#define PMP_FRAMEMD5_LINE_MAX 128
#define PMP_FRAMEMD5_NOPTS INT64_MIN

/* What the header says about the stream. */
struct pmp_framemd5_stream {
	/* The output time base: pmp_framemd5_clock's out_tb_*. */
	int tb_num;
	int tb_den;
	/* The first picture's size. */
	int width;
	int height;
	/*
	 * The container's sample aspect ratio if it has one, else the first
	 * picture's; 0/1 when neither says.
	 */
	int sar_num;
	int sar_den;
};

/*
 * ffmpeg's timestamps for the muxer, from decoded pictures' timestamps.
 * Fill it with pmp_framemd5_clock_init(); the fields are read-only.
 */
struct pmp_framemd5_clock {
	/* As given: 0/0 if unknown. */
	int frame_rate_num;
	int frame_rate_den;
	int stream_tb_num;
	int stream_tb_den;
	int out_tb_num;
	int out_tb_den;
	/* The file's start time, in the stream time base, subtracted. */
	int64_t offset;
	/* The next output pts (ffmpeg's sync_opts). */
	int64_t next;
};

/**
 * pmp_framemd5_clock_init() - start a clock for one stream
 * @c:        the clock
 * @stb_num:  the stream's time base, numerator
 * @stb_den:  and denominator
 * @fr_num:   its frame rate as av_guess_frame_rate() gives it, numerator,
 *            0 if unknown (ffmpeg then takes 25/1)
 * @fr_den:   and denominator, 0 if unknown
 * @start_us: the file's start time in microseconds (AVFormatContext's
 *            start_time), PMP_FRAMEMD5_NOPTS if unknown
 *
 * Return: 0, or -EINVAL (@c NULL, a time base not positive, a frame rate
 * negative or half zero).
 */
int pmp_framemd5_clock_init(struct pmp_framemd5_clock *c, int stb_num,
			    int stb_den, int fr_num, int fr_den,
			    int64_t start_us);

/**
 * pmp_framemd5_clock_next() - the output pts of the next decoded picture
 * @c:        the clock
 * @pts:      its best-effort timestamp, stream time base, or NOPTS
 * @duration: the duration of the packet it came from, stream time base
 * @out_pts:  its pts (and dts) on the frame line
 *
 * Return: 1 (print it, at *@out_pts), 0 (ffmpeg drops it: no line), or
 * -EINVAL (@c or @out_pts NULL).
 */
int pmp_framemd5_clock_next(struct pmp_framemd5_clock *c, int64_t pts,
			    int64_t duration, int64_t *out_pts);

/**
 * pmp_framemd5_header() - the header lines, up to and with "#stream#, ..."
 * @buf:      where they go, NUL-terminated
 * @size:     bytes at @buf
 * @st:       the stream
 * @software: the "#software:" line's value (PMP_FRAMEMD5_SOFTWARE), or
 *            NULL for none (as ffmpeg -fflags +bitexact)
 *
 * Return: the length written (without the NUL), or -EINVAL (@buf or @st
 * NULL), or -ENOSPC (@size too small).
 */
int pmp_framemd5_header(char *buf, size_t size,
			const struct pmp_framemd5_stream *st,
			const char *software);

/**
 * pmp_framemd5_line() - one frame line, newline included
 * @buf:  where it goes, NUL-terminated (PMP_FRAMEMD5_LINE_MAX is enough)
 * @size: bytes at @buf
 * @pts:  the clock's output pts (also the line's dts)
 * @data: the picture, packed (pmp_avdec_copy())
 * @len:  its size, at most INT_MAX
 *
 * Return: the length written (without the NUL), or -EINVAL (@buf or @data
 * NULL, @len too large), -ENOSPC (@size too small), or -EIO (libcrypto
 * failed).
 */
int pmp_framemd5_line(char *buf, size_t size, int64_t pts, const void *data,
		      size_t len);

#endif /* PMP_MEDIA_FRAMEMD5_H */
