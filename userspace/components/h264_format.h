/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * h264_format.h - the pixel format of an H.264 stream's pictures, as its
 * sequence parameter set announces it, before a picture is decoded
 *
 * A decoder's output type is asked for when a topology is resolved, before
 * any sample: libavcodec says the format of the pictures only once it
 * decodes one.  The first SPS of the codec configuration (an avcC record or
 * Annex B parameter sets) gives the chroma format and the bit depth, and
 * from them libavcodec's choice (h264_slice.c, get_pixel_format()): 4:2:0
 * (monochrome included), 4:2:2 or 4:4:4, planar, 8 to 14 bits.  The colour
 * range and matrix (in the VUI, further on) may turn 8-bit 4:2:0 into
 * yuvj420p, which packs the same, or 4:4:4 into planar GBR, which does
 * not: each decoded frame says its own format.
 */

#ifndef PMP_COMPONENTS_H264_FORMAT_H
#define PMP_COMPONENTS_H264_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include <libavutil/pixfmt.h>

/**
 * h264_format() - the pixel format the first SPS of @config announces
 * @config: the codec configuration, avcC or Annex B
 * @size: its bytes
 * @out: the format
 *
 * Return: 0, or -EBADMSG (no SPS, a truncated one, luma and chroma of
 * different depths, or a depth libavcodec does not decode).
 */
int h264_format(const uint8_t *config, size_t size, enum AVPixelFormat *out);

#endif /* PMP_COMPONENTS_H264_FORMAT_H */
