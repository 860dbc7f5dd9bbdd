// SPDX-License-Identifier: GPL-2.0
/*
 * media_core_test.c - the host's media core (userspace/components/media:
 * cenc.c, avdec.c, framemd5.c) against ffmpeg: every test clip demuxed
 * here with libavformat, decrypted, decoded and hashed, line for line
 * equal to `ffmpeg [-decryption_key KEY] -i CLIP -map 0:v:0 -f framemd5 -`;
 * CENC known answers; what each unit refuses
 *
 * The clips are tools/media/mkclips.sh's, in PMP_CLIPS_DIR or else
 * build/clips next to this program (made by the Makefile, or here when
 * missing).  Without ffmpeg the clip tests are reported as SKIP.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libavformat/avformat.h>
#include <libavutil/encryption_info.h>
#include <openssl/evp.h>

/* The harness's wrappers take arguments they do not use. */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"

#include "avdec.h"
#include "cenc.h"
#include "framemd5.h"

#include "clip_list.h"

/* What one run of the pipeline gave. */
struct play {
	char *text;	/* header and frame lines */
	size_t len;
	int lines;	/* frame lines */
	int bad;	/* packets or pictures that did not decode */
	int err;	/* the first error that stopped it, or 0 */
};

struct pipeline {
	AVFormatContext *fmt;
	AVStream *st;
	struct pmp_cenc *cenc;
	const uint8_t *kid;
	struct pmp_avdec *dec;
	struct pmp_framemd5_clock clock;
	FILE *out;
	uint8_t *picture;
	size_t picture_size;
	bool header_done;
	int threads;
	struct play *res;
};

/* Hashes one decoded picture; the header comes with the first. */
static int emit(struct pipeline *p, const struct pmp_avdec_frame *f)
{
	char line[PMP_FRAMEMD5_LINE_MAX], header[1024];
	int64_t pts;
	int n;

	if (!p->header_done) {
		AVRational sar = p->st->sample_aspect_ratio;
		struct pmp_framemd5_stream s = {
			.tb_num = p->clock.out_tb_num,
			.tb_den = p->clock.out_tb_den,
			.width = f->width,
			.height = f->height,
			.sar_num = sar.num ? sar.num : f->sar_num,
			.sar_den = sar.num ? sar.den : f->sar_den,
		};

		n = pmp_framemd5_header(header, sizeof(header), &s,
					PMP_FRAMEMD5_SOFTWARE);
		if (n < 0)
			return n;
		fputs(header, p->out);
		p->header_done = true;
	}
	if (f->size > p->picture_size) {
		free(p->picture);
		p->picture = malloc(f->size);
		if (!p->picture)
			return -ENOMEM;
		p->picture_size = f->size;
	}
	n = pmp_avdec_copy(p->dec, p->picture, p->picture_size);
	if (n)
		return n;
	if (pmp_framemd5_clock_next(&p->clock, f->pts, f->duration, &pts) != 1)
		return 0;
	n = pmp_framemd5_line(line, sizeof(line), pts, p->picture, f->size);
	if (n < 0)
		return n;
	fputs(line, p->out);
	p->res->lines++;
	return 0;
}

/* Takes every picture the decoder has; -EAGAIN or -ENODATA end it. */
static int receive_all(struct pipeline *p)
{
	struct pmp_avdec_frame f;
	int err;

	for (;;) {
		err = pmp_avdec_receive(p->dec, &f);
		if (err == -EBADMSG) {
			p->res->bad++;
			continue;
		}
		if (err)
			return err;
		err = emit(p, &f);
		if (err)
			return err;
	}
}

/* Decrypts @pkt in place with the stream's key, if it is encrypted. */
static int decrypt(struct pipeline *p, AVPacket *pkt)
{
	struct pmp_cenc_subsample *sub = NULL;
	AVEncryptionInfo *info;
	const uint8_t *sd;
	size_t sd_size;
	int err;

	sd = av_packet_get_side_data(pkt, AV_PKT_DATA_ENCRYPTION_INFO,
				     &sd_size);
	if (!sd)
		return 0;
	info = av_encryption_info_get_side_data(sd, sd_size);
	if (!info)
		return -ENOMEM;
	err = -ENOKEY;
	if (!p->cenc || info->key_id_size != PMP_CENC_KID_SIZE ||
	    memcmp(info->key_id, p->kid, PMP_CENC_KID_SIZE))
		goto out;
	err = -ENOTSUP;
	if (info->scheme != MKBETAG('c', 'e', 'n', 'c'))
		goto out;
	err = -ENOMEM;
	if (info->subsample_count) {
		sub = calloc(info->subsample_count, sizeof(*sub));
		if (!sub)
			goto out;
	}
	for (uint32_t i = 0; i < info->subsample_count; i++) {
		sub[i].clear_bytes = info->subsamples[i].bytes_of_clear_data;
		sub[i].protected_bytes =
			info->subsamples[i].bytes_of_protected_data;
	}
	err = pmp_cenc_decrypt(p->cenc, info->iv, info->iv_size, sub,
			       info->subsample_count, pkt->data, pkt->data,
			       pkt->size);
out:
	free(sub);
	av_encryption_info_free(info);
	return err;
}

static int send_packet(struct pipeline *p, AVPacket *pkt)
{
	struct pmp_avdec_packet dp = {
		.data = pkt->data,
		.size = pkt->size,
		.pts = pkt->pts,
		.dts = pkt->dts,
		.duration = pkt->duration,
	};
	int err;

	for (;;) {
		err = pmp_avdec_send(p->dec, &dp);
		if (err == -EBADMSG) {
			p->res->bad++;
			err = 0;
		}
		if (err != -EAGAIN)
			break;
		err = receive_all(p);
		if (err != -EAGAIN)
			return err;
	}
	if (err)
		return err;
	err = receive_all(p);
	return err == -EAGAIN ? 0 : err;
}

static int open_decoder(struct pipeline *p)
{
	const AVCodecParameters *par = p->st->codecpar;
	AVRational fr = av_guess_frame_rate(p->fmt, p->st, NULL);
	struct pmp_avdec_params dp = {
		.codec_id = par->codec_id,
		.width = par->width,
		.height = par->height,
		.extradata = par->extradata,
		.extradata_size = par->extradata_size,
		.time_base_num = p->st->time_base.num,
		.time_base_den = p->st->time_base.den,
		.threads = p->threads,
	};
	int err;

	err = pmp_framemd5_clock_init(&p->clock, p->st->time_base.num,
				      p->st->time_base.den, fr.num, fr.den,
				      p->fmt->start_time);
	return err ? err : pmp_avdec_new(&dp, &p->dec);
}

static int run(struct pipeline *p, const char *file)
{
	AVPacket *pkt = av_packet_alloc();
	int err;

	if (!pkt)
		return -ENOMEM;
	err = avformat_open_input(&p->fmt, file, NULL, NULL);
	if (err < 0)
		goto out;
	err = avformat_find_stream_info(p->fmt, NULL);
	if (err < 0)
		goto out;
	err = -ENOENT;
	p->st = first_video(p->fmt);
	if (!p->st)
		goto out;
	err = open_decoder(p);
	while (!err) {
		err = av_read_frame(p->fmt, pkt);
		if (err == AVERROR_EOF) {
			err = 0;
			break;
		}
		if (err < 0)
			break;
		if (pkt->stream_index == p->st->index) {
			err = decrypt(p, pkt);
			if (!err)
				err = send_packet(p, pkt);
		}
		av_packet_unref(pkt);
	}
	if (!err)
		err = pmp_avdec_drain(p->dec);
	if (!err)
		err = receive_all(p);
	if (err == -ENODATA)
		err = 0;
out:
	av_packet_free(&pkt);
	return err;
}

/*
 * Plays the first video stream of @file as the host would: libavformat
 * here stands in for the client's source.  @key NULL: no key.
 */
static struct play play_threads(const char *file, const uint8_t *kid,
				const uint8_t *key, int threads)
{
	struct play res = { 0 };
	struct pipeline p = { .kid = kid, .threads = threads, .res = &res };

	/* libavformat's probing decodes too: keep it quiet like the host. */
	av_log_set_level(AV_LOG_QUIET);
	p.out = open_memstream(&res.text, &res.len);
	if (!p.out) {
		res.err = -ENOMEM;
		return res;
	}
	if (key)
		res.err = pmp_cenc_new(key, &p.cenc);
	if (!res.err)
		res.err = run(&p, file);
	fclose(p.out);
	free(p.picture);
	pmp_avdec_free(p.dec);
	pmp_cenc_free(p.cenc);
	avformat_close_input(&p.fmt);
	return res;
}

static struct play play(const char *file, const uint8_t *kid,
			const uint8_t *key)
{
	return play_threads(file, kid, key, 0);
}

/* Compares line by line; logs the first difference. */
static int first_difference(const char *want, const char *got)
{
	int line = 1;

	while (*want && *want == *got) {
		if (*want == '\n')
			line++;
		want++;
		got++;
	}
	return *want == *got ? 0 : line;
}

/* ---- every clip against ffmpeg ---- */

TEST(every_clip_gives_ffmpegs_framemd5_line_for_line)
{
	struct clip *clips = calloc(MAX_CLIPS, sizeof(*clips));
	const char *dir;
	int n, encrypted = 0;

	NEED_CLIPS(dir);
	ASSERT_NE(NULL, clips);
	n = clip_list_read(dir, clips, MAX_CLIPS);
	/* mkclips.sh makes eight clips, each clear and encrypted. */
	ASSERT_EQ(16, n);
	for (int i = 0; i < n; i++) {
		char *want = read_text(clips[i].ref);
		struct play got;
		int diff;

		ASSERT_NE(NULL, want);
		got = play(clips[i].file, clips[i].kid,
			   clips[i].encrypted ? clips[i].key : NULL);
		TH_LOG("%s: %d frames", basename(clips[i].file), got.lines);
		EXPECT_EQ(0, got.err);
		EXPECT_EQ(0, got.bad);
		EXPECT_EQ(clips[i].frames, got.lines);
		diff = first_difference(want, got.text);
		if (diff)
			TH_LOG("%s: line %d differs", clips[i].file, diff);
		EXPECT_EQ(0, diff);
		encrypted += clips[i].encrypted;
		free(got.text);
		free(want);
	}
	ASSERT_EQ(8, encrypted);
	free(clips);
}

/* ---- CENC known answers ---- */

static const uint8_t nist_key[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
};

/* The keystream block AES-128(@key, @counter), from libcrypto's ECB. */
static void keystream_block(const uint8_t *key, const uint8_t counter[16],
			    uint8_t out[16])
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int len = 0;

	if (!ctx || !EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key,
					NULL) ||
	    !EVP_CIPHER_CTX_set_padding(ctx, 0) ||
	    !EVP_EncryptUpdate(ctx, out, &len, counter, 16) || len != 16)
		abort();
	EVP_CIPHER_CTX_free(ctx);
}

/*
 * The keystream of one sample by ISO/IEC 23001-7's rule, block by block:
 * counter = IV (8 bytes: high half, low half zero), the low 64 bits a
 * block counter that wraps alone.
 */
static void cenc_keystream(const uint8_t *key, const uint8_t *iv,
			   size_t iv_size, uint8_t *ks, size_t n)
{
	uint8_t ctr[16] = { 0 }, block[16];
	uint64_t low = 0;

	memcpy(ctr, iv, iv_size);
	for (int i = 8; i < 16; i++)
		low = low << 8 | ctr[i];
	for (size_t off = 0; off < n; off += 16, low++) {
		for (int i = 0; i < 8; i++)
			ctr[15 - i] = low >> (8 * i);
		keystream_block(key, ctr, block);
		memcpy(ks + off, block, n - off < 16 ? n - off : 16);
	}
}

/* Encrypts @in into @out by the map, as a packager would. */
static void cenc_encrypt(const uint8_t *key, const uint8_t *iv,
			 size_t iv_size, const struct pmp_cenc_subsample *sub,
			 size_t nsub, const uint8_t *in, uint8_t *out,
			 size_t size)
{
	uint8_t *ks = malloc(size + 16);
	size_t pos = 0, k = 0;

	if (!ks)
		abort();
	cenc_keystream(key, iv, iv_size, ks, size);
	if (!nsub) {
		for (size_t i = 0; i < size; i++)
			out[i] = in[i] ^ ks[i];
	}
	for (size_t s = 0; s < nsub; s++) {
		for (uint32_t i = 0; i < sub[s].clear_bytes; i++, pos++)
			out[pos] = in[pos];
		for (uint32_t i = 0; i < sub[s].protected_bytes; i++, pos++)
			out[pos] = in[pos] ^ ks[k++];
	}
	free(ks);
}

static void pattern(uint8_t *buf, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245 + 12345;
		buf[i] = seed >> 16;
	}
}

TEST(cenc_full_sample_with_a_16_byte_iv_is_nist_sp800_38a_f51)
{
	static const uint8_t iv[16] = {
		0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
		0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
	};
	static const uint8_t plain[64] = {
		0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
		0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a,
		0xae, 0x2d, 0x8a, 0x57, 0x1e, 0x03, 0xac, 0x9c,
		0x9e, 0xb7, 0x6f, 0xac, 0x45, 0xaf, 0x8e, 0x51,
		0x30, 0xc8, 0x1c, 0x46, 0xa3, 0x5c, 0xe4, 0x11,
		0xe5, 0xfb, 0xc1, 0x19, 0x1a, 0x0a, 0x52, 0xef,
		0xf6, 0x9f, 0x24, 0x45, 0xdf, 0x4f, 0x9b, 0x17,
		0xad, 0x2b, 0x41, 0x7b, 0xe6, 0x6c, 0x37, 0x10,
	};
	static const uint8_t cipher[64] = {
		0x87, 0x4d, 0x61, 0x91, 0xb6, 0x20, 0xe3, 0x26,
		0x1b, 0xef, 0x68, 0x64, 0x99, 0x0d, 0xb6, 0xce,
		0x98, 0x06, 0xf6, 0x6b, 0x79, 0x70, 0xfd, 0xff,
		0x86, 0x17, 0x18, 0x7b, 0xb9, 0xff, 0xfd, 0xff,
		0x5a, 0xe4, 0xdf, 0x3e, 0xdb, 0xd5, 0xd3, 0x5e,
		0x5b, 0x4f, 0x09, 0x02, 0x0d, 0xb0, 0x3e, 0xab,
		0x1e, 0x03, 0x1d, 0xda, 0x2f, 0xbe, 0x03, 0xd1,
		0x79, 0x21, 0x70, 0xa0, 0xf3, 0x00, 0x9c, 0xee,
	};
	struct pmp_cenc *c = NULL;
	uint8_t out[64];

	ASSERT_EQ(0, pmp_cenc_new(nist_key, &c));
	ASSERT_EQ(0, pmp_cenc_decrypt(c, iv, 16, NULL, 0, cipher, out, 64));
	EXPECT_EQ(0, memcmp(plain, out, 64));
	/* In place, and again: each sample starts from its own IV. */
	memcpy(out, cipher, 64);
	ASSERT_EQ(0, pmp_cenc_decrypt(c, iv, 16, NULL, 0, out, out, 64));
	EXPECT_EQ(0, memcmp(plain, out, 64));
	pmp_cenc_free(c);
}

TEST(cenc_8_byte_iv_is_the_high_half_of_the_counter)
{
	static const uint8_t iv[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	uint8_t plain[100], enc[100], out[100];
	struct pmp_cenc *c = NULL;

	pattern(plain, sizeof(plain), 1);
	cenc_encrypt(nist_key, iv, 8, NULL, 0, plain, enc, sizeof(plain));
	ASSERT_EQ(0, pmp_cenc_new(nist_key, &c));
	ASSERT_EQ(0, pmp_cenc_decrypt(c, iv, 8, NULL, 0, enc, out,
				      sizeof(out)));
	EXPECT_EQ(0, memcmp(plain, out, sizeof(out)));
	pmp_cenc_free(c);
}

TEST(cenc_subsamples_keep_clear_bytes_and_run_one_keystream)
{
	static const uint8_t iv[8] = { 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 1 };
	/* Ranges that end mid-block, an empty one, a clear-only one. */
	static const struct pmp_cenc_subsample map[] = {
		{ 5, 20 }, { 3, 0 }, { 0, 17 }, { 7, 33 }, { 1, 1 },
	};
	uint8_t plain[87], enc[87], out[87];
	struct pmp_cenc *c = NULL;

	pattern(plain, sizeof(plain), 2);
	cenc_encrypt(nist_key, iv, 8, map, 5, plain, enc, sizeof(plain));
	/* The clear bytes are clear in the encrypted sample. */
	EXPECT_EQ(0, memcmp(plain, enc, 5));
	EXPECT_NE(0, memcmp(plain + 5, enc + 5, 20));
	ASSERT_EQ(0, pmp_cenc_new(nist_key, &c));
	ASSERT_EQ(0, pmp_cenc_decrypt(c, iv, 8, map, 5, enc, out,
				      sizeof(out)));
	EXPECT_EQ(0, memcmp(plain, out, sizeof(out)));
	ASSERT_EQ(0, pmp_cenc_decrypt(c, iv, 8, map, 5, enc, enc,
				      sizeof(enc)));
	EXPECT_EQ(0, memcmp(plain, enc, sizeof(enc)));
	pmp_cenc_free(c);
}

TEST(cenc_block_counter_wraps_without_carrying_into_the_iv)
{
	static const uint8_t iv[16] = {
		0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
	};
	/* The wrap (after 32 protected bytes) falls inside a subsample. */
	static const struct pmp_cenc_subsample map[] = {
		{ 2, 21 }, { 4, 30 }, { 0, 13 },
	};
	uint8_t plain[70], enc[70], out[70], ks[16], ctr[16] = { 0 };
	struct pmp_cenc *c = NULL;

	pattern(plain, sizeof(plain), 3);
	cenc_encrypt(nist_key, iv, 16, map, 3, plain, enc, sizeof(plain));
	/*
	 * Protected byte 32, at 38 in the sample, starts the third keystream
	 * block: AES(the IV's high half || 0).
	 */
	memcpy(ctr, iv, 8);
	keystream_block(nist_key, ctr, ks);
	EXPECT_EQ(ks[0], enc[38] ^ plain[38]);
	ASSERT_EQ(0, pmp_cenc_new(nist_key, &c));
	ASSERT_EQ(0, pmp_cenc_decrypt(c, iv, 16, map, 3, enc, out,
				      sizeof(out)));
	EXPECT_EQ(0, memcmp(plain, out, sizeof(out)));
	/* The same sample whole: the wrap at byte 32 of one range. */
	cenc_encrypt(nist_key, iv, 16, NULL, 0, plain, enc, sizeof(plain));
	ASSERT_EQ(0, pmp_cenc_decrypt(c, iv, 16, NULL, 0, enc, out,
				      sizeof(out)));
	EXPECT_EQ(0, memcmp(plain, out, sizeof(out)));
	pmp_cenc_free(c);
}

TEST(cenc_a_sample_ending_mid_block_leaves_nothing_for_the_next)
{
	static const uint8_t iv_a[8] = { 9, 9, 9, 9, 9, 9, 9, 9 };
	static const uint8_t iv_b[8] = { 7, 7, 7, 7, 7, 7, 7, 7 };
	uint8_t plain[40], enc[40], out[40];
	struct pmp_cenc *c = NULL;

	pattern(plain, sizeof(plain), 4);
	ASSERT_EQ(0, pmp_cenc_new(nist_key, &c));
	/* 7 bytes of sample A leave libcrypto 9 bytes into a block. */
	ASSERT_EQ(0, pmp_cenc_decrypt(c, iv_a, 8, NULL, 0, plain, out, 7));
	cenc_encrypt(nist_key, iv_b, 8, NULL, 0, plain, enc, sizeof(plain));
	ASSERT_EQ(0, pmp_cenc_decrypt(c, iv_b, 8, NULL, 0, enc, out,
				      sizeof(out)));
	EXPECT_EQ(0, memcmp(plain, out, sizeof(out)));
	pmp_cenc_free(c);
}

TEST(cenc_refuses_maps_that_do_not_add_up_and_writes_nothing)
{
	static const uint8_t iv[8] = { 0 };
	static const struct pmp_cenc_subsample short_map[] = { { 4, 10 } };
	static const struct pmp_cenc_subsample long_map[] = { { 4, 10 },
							      { 0, 3 } };
	/* 2^32 in all: a sum kept in 32 bits would say 0. */
	static const struct pmp_cenc_subsample wrap_map[] = {
		{ UINT32_MAX, 1 },
	};
	static const struct pmp_cenc_subsample max_map[] = {
		{ UINT32_MAX, UINT32_MAX }, { UINT32_MAX, UINT32_MAX },
	};
	uint8_t in[16] = { 0 }, out[16];
	struct pmp_cenc *c = NULL;

	ASSERT_EQ(0, pmp_cenc_new(nist_key, &c));
	memset(out, 0xaa, sizeof(out));
	EXPECT_EQ(-EINVAL, pmp_cenc_decrypt(c, iv, 8, short_map, 1, in, out,
					    16));
	EXPECT_EQ(-EINVAL, pmp_cenc_decrypt(c, iv, 8, long_map, 2, in, out,
					    16));
	EXPECT_EQ(-EINVAL, pmp_cenc_decrypt(c, iv, 8, wrap_map, 1, in, out,
					    0));
	EXPECT_EQ(-EINVAL, pmp_cenc_decrypt(c, iv, 8, max_map, 2, in, out,
					    16));
	EXPECT_EQ(-EINVAL, pmp_cenc_decrypt(c, iv, 8, NULL, 1, in, out, 16));
	for (size_t i = 0; i < sizeof(out); i++)
		ASSERT_EQ(0xaa, out[i]);
	pmp_cenc_free(c);
}

TEST(cenc_refuses_bad_ivs_null_pointers_and_overlapping_buffers)
{
	static const uint8_t iv[16] = { 0 };
	uint8_t buf[64] = { 0 };
	struct pmp_cenc *c = NULL;

	EXPECT_EQ(-EINVAL, pmp_cenc_new(NULL, &c));
	EXPECT_EQ(-EINVAL, pmp_cenc_new(nist_key, NULL));
	ASSERT_EQ(0, pmp_cenc_new(nist_key, &c));
	EXPECT_EQ(-EINVAL, pmp_cenc_decrypt(c, iv, 0, NULL, 0, buf, buf, 16));
	EXPECT_EQ(-EINVAL, pmp_cenc_decrypt(c, iv, 12, NULL, 0, buf, buf, 16));
	EXPECT_EQ(-EINVAL, pmp_cenc_decrypt(c, iv, 32, NULL, 0, buf, buf, 16));
	EXPECT_EQ(-EINVAL, pmp_cenc_decrypt(c, NULL, 8, NULL, 0, buf, buf, 16));
	EXPECT_EQ(-EINVAL, pmp_cenc_decrypt(NULL, iv, 8, NULL, 0, buf, buf,
					    16));
	EXPECT_EQ(-EINVAL, pmp_cenc_decrypt(c, iv, 8, NULL, 0, NULL, buf, 16));
	EXPECT_EQ(-EINVAL, pmp_cenc_decrypt(c, iv, 8, NULL, 0, buf, NULL, 16));
	EXPECT_EQ(-EINVAL, pmp_cenc_decrypt(c, iv, 8, NULL, 0, buf, buf + 1,
					    16));
	EXPECT_EQ(-EINVAL, pmp_cenc_decrypt(c, iv, 8, NULL, 0, buf + 15, buf,
					    16));
	EXPECT_EQ(0, pmp_cenc_decrypt(c, iv, 8, NULL, 0, buf + 16, buf, 16));
	EXPECT_EQ(0, pmp_cenc_decrypt(c, iv, 8, NULL, 0, buf, buf, 0));
	pmp_cenc_free(c);
	pmp_cenc_free(NULL);
}

/* ---- what the pipeline refuses ---- */

TEST(four_decoding_threads_give_the_same_lines)
{
	const char *dir;
	struct clip c;
	struct play got;
	char *want;

	NEED_CLIPS(dir);
	c = find_clip(dir, "high-pyramid-200x120-cenc.mp4");
	ASSERT_EQ(50, c.frames);
	want = read_text(c.ref);
	ASSERT_NE(NULL, want);
	got = play_threads(c.file, c.kid, c.key, 4);
	EXPECT_EQ(0, got.err);
	EXPECT_EQ(50, got.lines);
	EXPECT_STREQ(want, got.text);
	free(got.text);
	free(want);
}

TEST(a_wrong_key_gives_no_frame_of_the_reference_and_no_crash)
{
	const char *dir;
	struct clip c;
	struct play got;
	char *want;
	uint8_t key[16];

	NEED_CLIPS(dir);
	c = find_clip(dir, "high-bf3-320x240-cenc.mp4");
	ASSERT_EQ(50, c.frames);
	memcpy(key, c.key, 16);
	key[15] ^= 1;
	want = read_text(c.ref);
	ASSERT_NE(NULL, want);
	got = play(c.file, c.kid, key);
	TH_LOG("wrong key: %d frames, %d undecodable, error %d", got.lines,
	       got.bad, got.err);
	EXPECT_EQ(0, got.err);
	EXPECT_LT(0, got.bad);
	/* Whatever came out is none of ffmpeg's pictures. */
	for (const char *l = got.text; l && *l; l = strchr(l, '\n') + 1) {
		if (*l != '#')
			EXPECT_EQ(NULL, strstr(want, l + 47));
		if (!strchr(l, '\n'))
			break;
	}
	free(got.text);
	free(want);
}

TEST(no_key_for_the_kid_stops_before_decoding)
{
	const char *dir;
	struct clip c;
	struct play got;
	uint8_t kid[16];

	NEED_CLIPS(dir);
	c = find_clip(dir, "base-176x144-cenc.mp4");
	ASSERT_EQ(37, c.frames);
	got = play(c.file, c.kid, NULL);
	EXPECT_EQ(-ENOKEY, got.err);
	EXPECT_EQ(0, got.lines);
	free(got.text);
	memcpy(kid, c.kid, 16);
	kid[0] ^= 0x80;
	got = play(c.file, kid, c.key);
	EXPECT_EQ(-ENOKEY, got.err);
	EXPECT_EQ(0, got.lines);
	free(got.text);
}

/* Copies the first @percent of @from into @to. */
static int truncate_copy(const char *from, const char *to, int percent)
{
	char cmd[3 * PATH_MAX];
	struct stat st;

	if (stat(from, &st))
		return -errno;
	snprintf(cmd, sizeof(cmd), "head -c %lld '%s' > '%s'",
		 (long long)st.st_size * percent / 100, from, to);
	return system(cmd) ? -EIO : 0;
}

TEST(a_truncated_encrypted_clip_stops_at_the_cut_sample)
{
	char tmp[] = "/tmp/pmp-media-XXXXXX", path[64];
	const char *dir;
	struct clip c;
	struct play got;
	char *want;

	NEED_CLIPS(dir);
	/* moov first (+faststart): the cut falls in the samples. */
	c = find_clip(dir, "main-longgop-352x288-cenc.mp4");
	ASSERT_EQ(120, c.frames);
	ASSERT_NE(NULL, mkdtemp(tmp));
	snprintf(path, sizeof(path), "%s/cut.mp4", tmp);
	ASSERT_EQ(0, truncate_copy(c.file, path, 60));
	want = read_text(c.ref);
	ASSERT_NE(NULL, want);
	got = play(path, c.kid, c.key);
	TH_LOG("truncated: %d frames, %d undecodable, error %d", got.lines,
	       got.bad, got.err);
	/* The cut sample's map no longer adds up to its size. */
	EXPECT_EQ(-EINVAL, got.err);
	EXPECT_LT(0, got.lines);
	EXPECT_GT(120, got.lines);
	/* What came out before it is ffmpeg's, in order. */
	EXPECT_EQ(0, strncmp(want, got.text, got.len));
	free(got.text);
	free(want);
	unlink(path);
	rmdir(tmp);
}

/* ffmpeg's framemd5 of @file, which it reads as it is. */
static char *ffmpeg_framemd5(const char *file, const char *out)
{
	char cmd[3 * PATH_MAX];

	snprintf(cmd, sizeof(cmd),
		 "ffmpeg -nostdin -v quiet -i '%s' -map 0:v:0 -f framemd5 - "
		 "> '%s'", file, out);
	return system(cmd) ? NULL : read_text(out);
}

TEST(a_truncated_clear_clip_gives_what_ffmpeg_gives_for_it)
{
	char tmp[] = "/tmp/pmp-media-XXXXXX", path[64], ref[64];
	const char *dir;
	struct clip c;
	struct play got;
	char *want;

	NEED_CLIPS(dir);
	c = find_clip(dir, "main-longgop-352x288-clear.mp4");
	ASSERT_EQ(120, c.frames);
	ASSERT_NE(NULL, mkdtemp(tmp));
	snprintf(path, sizeof(path), "%s/cut.mp4", tmp);
	snprintf(ref, sizeof(ref), "%s/cut.framemd5", tmp);
	ASSERT_EQ(0, truncate_copy(c.file, path, 60));
	want = ffmpeg_framemd5(path, ref);
	ASSERT_NE(NULL, want);
	got = play(path, NULL, NULL);
	TH_LOG("truncated: %d frames, %d undecodable, error %d", got.lines,
	       got.bad, got.err);
	/* The cut sample's picture is damaged: both drop it. */
	EXPECT_EQ(0, got.err);
	EXPECT_EQ(1, got.bad);
	EXPECT_GT(120, got.lines);
	EXPECT_STREQ(want, got.text);
	free(got.text);
	free(want);
	unlink(path);
	unlink(ref);
	rmdir(tmp);
}

TEST(a_clip_cut_before_its_moov_does_not_open)
{
	char tmp[] = "/tmp/pmp-media-XXXXXX", path[64];
	const char *dir;
	struct clip c;
	struct play got;

	NEED_CLIPS(dir);
	/* moov last: without it there is no stream at all. */
	c = find_clip(dir, "base-176x144-cenc.mp4");
	ASSERT_EQ(37, c.frames);
	ASSERT_NE(NULL, mkdtemp(tmp));
	snprintf(path, sizeof(path), "%s/cut.mp4", tmp);
	ASSERT_EQ(0, truncate_copy(c.file, path, 90));
	got = play(path, c.kid, c.key);
	EXPECT_EQ(AVERROR_INVALIDDATA, got.err);
	EXPECT_EQ(0, got.lines);
	free(got.text);
	unlink(path);
	rmdir(tmp);
}

/* ---- the decoder ---- */

static struct pmp_avdec_params h264(int width, int height)
{
	return (struct pmp_avdec_params){
		.codec_id = AV_CODEC_ID_H264,
		.width = width,
		.height = height,
	};
}

TEST(avdec_refuses_absurd_dimensions)
{
	static const int bad[][2] = {
		{ 0, 144 }, { 176, 0 }, { -176, 144 }, { 176, -1 },
		{ 16385, 16 }, { 16, 16385 }, { INT_MAX, INT_MAX },
		/* Within each dimension, too many pixels together. */
		{ 16384, 16384 }, { 8192, 4368 },
	};
	struct pmp_avdec_params p;
	struct pmp_avdec *d = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		p = h264(bad[i][0], bad[i][1]);
		EXPECT_EQ(-EINVAL, pmp_avdec_new(&p, &d));
		EXPECT_EQ(NULL, d);
	}
	/* The largest H.264 picture, and a one-pixel one, are taken. */
	p = h264(8192, 4352);
	ASSERT_EQ(0, pmp_avdec_new(&p, &d));
	pmp_avdec_free(d);
	d = NULL;
	p = h264(1, 1);
	ASSERT_EQ(0, pmp_avdec_new(&p, &d));
	pmp_avdec_free(d);
	d = NULL;
	p = h264(16384, 2176);
	ASSERT_EQ(0, pmp_avdec_new(&p, &d));
	pmp_avdec_free(d);
}

TEST(avdec_refuses_codecs_not_on_its_list)
{
	static const enum AVCodecID ids[] = {
		AV_CODEC_ID_MPEG4, AV_CODEC_ID_HEVC, AV_CODEC_ID_VP9,
		AV_CODEC_ID_RAWVIDEO, AV_CODEC_ID_NONE, (enum AVCodecID)999999,
	};
	struct pmp_avdec_params p = h264(176, 144);
	struct pmp_avdec *d = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
		p.codec_id = ids[i];
		EXPECT_EQ(-ENOTSUP, pmp_avdec_new(&p, &d));
		EXPECT_EQ(NULL, d);
	}
}

TEST(an_mpeg4_part2_clip_is_refused_as_its_codec)
{
	char path[PATH_MAX + 32];
	const char *dir;
	struct play got;

	NEED_CLIPS(dir);
	snprintf(path, sizeof(path), "%s/mpeg4-part2.mp4", dir);
	got = play(path, NULL, NULL);
	EXPECT_EQ(-ENOTSUP, got.err);
	EXPECT_EQ(0, got.lines);
	free(got.text);
}

TEST(a_picture_beyond_the_limit_in_the_bitstream_does_not_decode)
{
	char path[PATH_MAX + 32];
	AVFormatContext *fmt = NULL;
	AVCodecParameters *par;
	struct pmp_avdec_params p;
	struct pmp_avdec *d = NULL;
	struct pmp_avdec_frame f;
	AVPacket *pkt;
	const char *dir;

	NEED_CLIPS(dir);
	snprintf(path, sizeof(path), "%s/huge-8192x4368.mp4", dir);
	ASSERT_EQ(0, avformat_open_input(&fmt, path, NULL, NULL));
	ASSERT_LE(0, avformat_find_stream_info(fmt, NULL));
	par = fmt->streams[0]->codecpar;
	ASSERT_EQ(8192, par->width);
	ASSERT_EQ(4368, par->height);
	p = h264(8192, 4368);
	p.extradata = par->extradata;
	p.extradata_size = par->extradata_size;
	EXPECT_EQ(-EINVAL, pmp_avdec_new(&p, &d));
	/* A container that lies: its SPS still says 8192x4368. */
	p.width = 176;
	p.height = 144;
	ASSERT_EQ(0, pmp_avdec_new(&p, &d));
	pkt = av_packet_alloc();
	ASSERT_NE(NULL, pkt);
	ASSERT_EQ(0, av_read_frame(fmt, pkt));
	EXPECT_EQ(-EBADMSG,
		  pmp_avdec_send(d, &(struct pmp_avdec_packet){
					    .data = pkt->data,
					    .size = pkt->size,
					    .pts = pkt->pts,
					    .dts = pkt->dts,
				    }));
	EXPECT_EQ(0, pmp_avdec_drain(d));
	EXPECT_EQ(-ENODATA, pmp_avdec_receive(d, &f));
	av_packet_free(&pkt);
	pmp_avdec_free(d);
	avformat_close_input(&fmt);
}

TEST(avdec_refuses_bad_parameters)
{
	static const uint8_t extra[4] = { 1, 2, 3, 4 };
	struct pmp_avdec_params p = h264(176, 144);
	struct pmp_avdec *d = NULL;

	EXPECT_EQ(-EINVAL, pmp_avdec_new(NULL, &d));
	EXPECT_EQ(-EINVAL, pmp_avdec_new(&p, NULL));
	p.extradata_size = 4;
	EXPECT_EQ(-EINVAL, pmp_avdec_new(&p, &d));
	p.extradata = extra;
	p.extradata_size = PMP_AVDEC_MAX_EXTRADATA + 1;
	EXPECT_EQ(-EINVAL, pmp_avdec_new(&p, &d));
	p = h264(176, 144);
	p.threads = PMP_AVDEC_MAX_THREADS + 1;
	EXPECT_EQ(-EINVAL, pmp_avdec_new(&p, &d));
	p.threads = -1;
	EXPECT_EQ(-EINVAL, pmp_avdec_new(&p, &d));
	p = h264(176, 144);
	p.time_base_num = 1;
	EXPECT_EQ(-EINVAL, pmp_avdec_new(&p, &d));
	p.time_base_den = -25;
	EXPECT_EQ(-EINVAL, pmp_avdec_new(&p, &d));
	/* avcC version 2 does not exist. */
	p = h264(176, 144);
	p.extradata = (const uint8_t[]){ 2, 0x42, 0, 0x1e, 0xff, 0xe0, 0 };
	p.extradata_size = 7;
	EXPECT_EQ(-EBADMSG, pmp_avdec_new(&p, &d));
	EXPECT_EQ(NULL, d);
	/* One SPS of 32 bytes, with 2 there. */
	p.extradata = (const uint8_t[]){ 1, 0x42, 0, 0x1e, 0xff, 0xe1,
					 0, 32, 0x67, 0x42, 0 };
	p.extradata_size = 11;
	EXPECT_EQ(-EBADMSG, pmp_avdec_new(&p, &d));
	/* No PPS count after the SPS list. */
	p.extradata_size = 10;
	((uint8_t *)p.extradata)[7] = 2;
	EXPECT_EQ(-EBADMSG, pmp_avdec_new(&p, &d));
	/* Too short for a record at all. */
	p.extradata_size = 6;
	EXPECT_EQ(-EBADMSG, pmp_avdec_new(&p, &d));
	/* The same, with its PPS count: well-formed. */
	p.extradata = (const uint8_t[]){ 1, 0x42, 0, 0x1e, 0xff, 0xe1,
					 0, 2, 0x67, 0x42, 0 };
	p.extradata_size = 11;
	EXPECT_EQ(0, pmp_avdec_new(&p, &d));
	pmp_avdec_free(d);
}

TEST(avdec_calls_out_of_turn)
{
	struct pmp_avdec_params p = h264(176, 144);
	struct pmp_avdec *d = NULL;
	struct pmp_avdec_frame f;
	uint8_t data[8] = { 0, 0, 0, 1, 0x09, 0xf0, 0, 0 }, buf[4];
	struct pmp_avdec_packet pkt = { .data = data, .size = sizeof(data) };

	ASSERT_EQ(0, pmp_avdec_new(&p, &d));
	EXPECT_EQ(-EAGAIN, pmp_avdec_receive(d, &f));
	EXPECT_EQ(-EINVAL, pmp_avdec_copy(d, buf, sizeof(buf)));
	EXPECT_EQ(-EINVAL, pmp_avdec_send(d, NULL));
	pkt.size = 0;
	EXPECT_EQ(-EINVAL, pmp_avdec_send(d, &pkt));
	pkt.size = (size_t)INT_MAX;
	EXPECT_EQ(-EINVAL, pmp_avdec_send(d, &pkt));
	pkt.size = sizeof(data);
	pkt.data = NULL;
	EXPECT_EQ(-EINVAL, pmp_avdec_send(d, &pkt));
	EXPECT_EQ(0, pmp_avdec_drain(d));
	EXPECT_EQ(-EPIPE, pmp_avdec_drain(d));
	pkt.data = data;
	EXPECT_EQ(-EPIPE, pmp_avdec_send(d, &pkt));
	EXPECT_EQ(-ENODATA, pmp_avdec_receive(d, &f));
	EXPECT_EQ(-ENODATA, pmp_avdec_receive(d, &f));
	pmp_avdec_free(d);
	pmp_avdec_free(NULL);
}

TEST(avdec_survives_garbage_and_gives_no_picture_of_it)
{
	const char *dir;
	struct clip c;
	AVFormatContext *fmt = NULL;
	AVCodecParameters *par;
	struct pmp_avdec_params p;
	struct pmp_avdec *d = NULL;
	struct pmp_avdec_frame f;
	uint8_t junk[4096], small[16];
	int frames = 0, err;

	NEED_CLIPS(dir);
	c = find_clip(dir, "high-bf3-320x240-clear.mp4");
	ASSERT_EQ(50, c.frames);
	ASSERT_EQ(0, avformat_open_input(&fmt, c.file, NULL, NULL));
	ASSERT_LE(0, avformat_find_stream_info(fmt, NULL));
	par = fmt->streams[0]->codecpar;
	p = h264(par->width, par->height);
	p.extradata = par->extradata;
	p.extradata_size = par->extradata_size;
	ASSERT_EQ(0, pmp_avdec_new(&p, &d));
	for (unsigned int seed = 1; seed <= 200; seed++) {
		struct pmp_avdec_packet pkt = { .data = junk };

		pattern(junk, sizeof(junk), seed);
		/* Length-prefixed NAL units of random sizes and types. */
		pkt.size = 16 + seed * 97 % (sizeof(junk) - 16);
		junk[0] = junk[1] = 0;
		err = pmp_avdec_send(d, &pkt);
		ASSERT_TRUE(err == 0 || err == -EBADMSG);
		while ((err = pmp_avdec_receive(d, &f)) != -EAGAIN) {
			ASSERT_TRUE(err == 0 || err == -EBADMSG);
			if (!err) {
				frames++;
				EXPECT_EQ(-ENOSPC,
					  pmp_avdec_copy(d, small,
							 sizeof(small)));
			}
		}
	}
	EXPECT_EQ(0, pmp_avdec_drain(d));
	while ((err = pmp_avdec_receive(d, &f)) != -ENODATA) {
		ASSERT_TRUE(err == 0 || err == -EBADMSG);
		frames += !err;
	}
	TH_LOG("garbage: %d pictures out", frames);
	EXPECT_EQ(0, frames);
	pmp_avdec_free(d);
	avformat_close_input(&fmt);
}

/* ---- the framemd5 records ---- */

TEST(framemd5_header_is_ffmpegs)
{
	struct pmp_framemd5_stream st = {
		.tb_num = 1001, .tb_den = 24000, .width = 640, .height = 360,
		.sar_num = 1, .sar_den = 1,
	};
	char buf[512];
	const char *want =
		"#format: frame checksums\n"
		"#version: 2\n"
		"#hash: MD5\n"
		"#tb 0: 1001/24000\n"
		"#media_type 0: video\n"
		"#codec_id 0: rawvideo\n"
		"#dimensions 0: 640x360\n"
		"#sar 0: 1/1\n"
		"#stream#, dts,        pts, duration,     size, hash\n";

	ASSERT_EQ((int)strlen(want),
		  pmp_framemd5_header(buf, sizeof(buf), &st, NULL));
	EXPECT_STREQ(want, buf);
	ASSERT_LT(0, pmp_framemd5_header(buf, sizeof(buf), &st, "Lavf1"));
	EXPECT_NE(NULL, strstr(buf, "#hash: MD5\n#software: Lavf1\n#tb 0:"));
	EXPECT_EQ(-ENOSPC, pmp_framemd5_header(buf, 40, &st, NULL));
	EXPECT_EQ(-EINVAL, pmp_framemd5_header(NULL, 40, &st, NULL));
	EXPECT_EQ(-EINVAL, pmp_framemd5_header(buf, 40, NULL, NULL));
}

TEST(framemd5_line_is_ffmpegs)
{
	char buf[PMP_FRAMEMD5_LINE_MAX];

	/* MD5("") and MD5("abc"), RFC 1321's test suite. */
	ASSERT_EQ(80, pmp_framemd5_line(buf, sizeof(buf), 0, "", 0));
	EXPECT_STREQ("0,          0,          0,        1,        0, "
		     "d41d8cd98f00b204e9800998ecf8427e\n",
		     buf);
	ASSERT_EQ(80, pmp_framemd5_line(buf, sizeof(buf), 1234567, "abc", 3));
	EXPECT_STREQ("0,    1234567,    1234567,        1,        3, "
		     "900150983cd24fb0d6963f7d28e17f72\n",
		     buf);
	ASSERT_LT(0, pmp_framemd5_line(buf, sizeof(buf), -12345678901LL,
				       "abc", 3));
	EXPECT_STREQ("0, -12345678901, -12345678901,        1,        3, "
		     "900150983cd24fb0d6963f7d28e17f72\n",
		     buf);
	EXPECT_EQ(-ENOSPC, pmp_framemd5_line(buf, 80, 0, "", 0));
	EXPECT_EQ(-EINVAL, pmp_framemd5_line(NULL, 81, 0, "", 0));
	EXPECT_EQ(-EINVAL, pmp_framemd5_line(buf, sizeof(buf), 0, NULL, 0));
	EXPECT_EQ(-EINVAL, pmp_framemd5_line(buf, sizeof(buf), 0, "",
					     (size_t)INT_MAX + 1));
}

static int64_t tick(struct pmp_framemd5_clock *c, int64_t pts,
		    int64_t duration)
{
	int64_t out = -999;

	return pmp_framemd5_clock_next(c, pts, duration, &out) == 1 ? out :
								       -1;
}

TEST(framemd5_clock_follows_ffmpegs_vfr_rule)
{
	struct pmp_framemd5_clock c;

	/* MP4 time base 1/12800 at 25 fps: 512 ticks a frame. */
	ASSERT_EQ(0, pmp_framemd5_clock_init(&c, 1, 12800, 25, 1, 0));
	EXPECT_EQ(1, c.out_tb_num);
	EXPECT_EQ(25, c.out_tb_den);
	EXPECT_EQ(0, tick(&c, 0, 512));
	EXPECT_EQ(1, tick(&c, 512, 512));
	/* A gap of two frames: the counter jumps. */
	EXPECT_EQ(4, tick(&c, 2048, 512));
	/* A repeat, one frame behind: put on the next slot. */
	EXPECT_EQ(5, tick(&c, 2048, 512));
	/* Again, now two behind: dropped, no line. */
	EXPECT_EQ(-1, tick(&c, 2048, 512));
	/* 0.3 frame early: on the next slot too. */
	EXPECT_EQ(6, tick(&c, 2918, 512));
	EXPECT_EQ(7, tick(&c, 3584, 512));
	/* No timestamp: dropped. */
	EXPECT_EQ(-1, tick(&c, PMP_FRAMEMD5_NOPTS, 512));
	/* A packet lasting three frames does not move the slot. */
	EXPECT_EQ(8, tick(&c, 4096, 1536));

	/* 24000/1001: the time base is its inverse, reduced. */
	ASSERT_EQ(0, pmp_framemd5_clock_init(&c, 1, 24000, 48000, 2002, 0));
	EXPECT_EQ(1001, c.out_tb_num);
	EXPECT_EQ(24000, c.out_tb_den);
	EXPECT_EQ(0, tick(&c, 0, 1001));
	EXPECT_EQ(1, tick(&c, 1001, 1001));

	/* A start time of 2 s moves everything back. */
	ASSERT_EQ(0, pmp_framemd5_clock_init(&c, 1, 90000, 30, 1, 2000000));
	EXPECT_EQ(0, tick(&c, 180000, 3000));
	EXPECT_EQ(1, tick(&c, 183000, 3000));
	/* Before the start: behind the counter, dropped. */
	ASSERT_EQ(0, pmp_framemd5_clock_init(&c, 1, 90000, 30, 1, 2000000));
	EXPECT_EQ(-1, tick(&c, 90000, 3000));

	/* No frame rate known: ffmpeg's 25. */
	ASSERT_EQ(0, pmp_framemd5_clock_init(&c, 1, 1000, 0, 0,
					     PMP_FRAMEMD5_NOPTS));
	EXPECT_EQ(1, c.out_tb_num);
	EXPECT_EQ(25, c.out_tb_den);
	EXPECT_EQ(0, tick(&c, 0, 40));
	EXPECT_EQ(1, tick(&c, 40, 40));

	EXPECT_EQ(-EINVAL, pmp_framemd5_clock_init(NULL, 1, 25, 25, 1, 0));
	EXPECT_EQ(-EINVAL, pmp_framemd5_clock_init(&c, 0, 25, 25, 1, 0));
	EXPECT_EQ(-EINVAL, pmp_framemd5_clock_init(&c, 1, -25, 25, 1, 0));
	EXPECT_EQ(-EINVAL, pmp_framemd5_clock_init(&c, 1, 25, 25, 0, 0));
	EXPECT_EQ(-EINVAL, pmp_framemd5_clock_init(&c, 1, 25, -25, 1, 0));
	EXPECT_EQ(-EINVAL, pmp_framemd5_clock_next(&c, 0, 1, NULL));
}

TEST_HARNESS_MAIN
