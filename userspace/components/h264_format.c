// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * h264_format.c - the pixel format an H.264 sequence parameter set
 * announces: its first fields (ITU-T H.264, 7.3.2.1.1), read past the
 * emulation prevention bytes
 */

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>

#include <libavutil/pixdesc.h>

#include "h264_format.h"

#define NAL_SPS 7

/* An RBSP bit reader over escaped NAL bytes. */
struct bits {
	const uint8_t *p, *end;
	int zeros;
	unsigned int cur;
	int left;
	bool over;
};

/* The next RBSP byte: a 0x03 after two zero bytes is not part of it. */
static unsigned int rbsp_byte(struct bits *b)
{
	uint8_t v;

	if (b->p == b->end)
		goto over;
	v = *b->p++;
	if (b->zeros >= 2 && v == 3) {
		if (b->p == b->end)
			goto over;
		v = *b->p++;
		b->zeros = 0;
	}
	b->zeros = v ? 0 : b->zeros + 1;
	return v;
over:
	b->over = true;
	return 0;
}

static unsigned int read_bit(struct bits *b)
{
	if (!b->left) {
		b->cur = rbsp_byte(b);
		b->left = 8;
	}
	b->left--;
	return b->cur >> b->left & 1;
}

static uint32_t read_bits(struct bits *b, int n)
{
	uint32_t v = 0;

	while (n--)
		v = v << 1 | read_bit(b);
	return v;
}

/* ue(v): Exp-Golomb, at most 32 bits. */
static uint32_t read_ue(struct bits *b)
{
	int zeros = 0;

	while (!read_bit(b)) {
		if (++zeros > 31 || b->over) {
			b->over = true;
			return 0;
		}
	}
	return ((1u << zeros) - 1) + read_bits(b, zeros);
}

/* The profiles whose SPS carries chroma_format_idc and the bit depths. */
static bool has_format_fields(uint32_t profile_idc)
{
	static const uint8_t profiles[] = { 100, 110, 122, 244, 44, 83, 86,
					    118, 128, 138, 139, 134, 135 };

	for (size_t i = 0; i < sizeof(profiles); i++)
		if (profiles[i] == profile_idc)
			return true;
	return false;
}

/*
 * The first SPS of an avcC record (its sets behind 16-bit lengths) or of
 * Annex B parameter sets (behind start codes; it runs to the end of the
 * configuration, which is further than the fields read).
 */
static bool first_sps(const uint8_t *c, size_t n, struct bits *b)
{
	size_t pos, len;
	int sets;

	if (n >= 7 && c[0] == 1) {
		sets = c[5] & 0x1f;
		for (pos = 6; sets-- && n - pos >= 2; pos += 2 + len) {
			len = (size_t)c[pos] << 8 | c[pos + 1];
			if (len > n - pos - 2)
				return false;
			if (len && (c[pos + 2] & 0x1f) == NAL_SPS) {
				*b = (struct bits){ .p = c + pos + 3,
						    .end = c + pos + 2 + len };
				return true;
			}
		}
		return false;
	}
	for (pos = 0; pos + 3 < n; pos++) {
		if (c[pos] || c[pos + 1] || c[pos + 2] != 1 ||
		    (c[pos + 3] & 0x1f) != NAL_SPS)
			continue;
		*b = (struct bits){ .p = c + pos + 4, .end = c + n };
		return true;
	}
	return false;
}

int h264_format(const uint8_t *config, size_t size, enum AVPixelFormat *out)
{
	uint32_t profile, chroma = 1, luma_depth = 8, chroma_depth = 8;
	char name[32];
	struct bits b;

	if (!config || !first_sps(config, size, &b))
		return -EBADMSG;
	profile = read_bits(&b, 8);
	/* Constraint flags, level_idc, seq_parameter_set_id. */
	read_bits(&b, 16);
	read_ue(&b);
	if (has_format_fields(profile)) {
		chroma = read_ue(&b);
		if (chroma == 3)
			read_bit(&b);
		luma_depth = read_ue(&b) + 8;
		chroma_depth = read_ue(&b) + 8;
	}
	/* libavcodec decodes neither mixed depths nor 11 or 13 bits. */
	if (b.over || chroma > 3 || luma_depth != chroma_depth ||
	    luma_depth > 14 || luma_depth == 11 || luma_depth == 13)
		return -EBADMSG;
	snprintf(name, sizeof(name), "yuv%sp",
		 chroma == 3 ? "444" : chroma == 2 ? "422" : "420");
	if (luma_depth > 8)
		snprintf(name + 7, sizeof(name) - 7, "%u", luma_depth);
	*out = av_get_pix_fmt(name);
	return *out == AV_PIX_FMT_NONE ? -EBADMSG : 0;
}
