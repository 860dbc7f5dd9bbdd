// SPDX-License-Identifier: GPL-2.0
/*
 * mf_demux_test.c - the media source's demuxer (lib/mf/demux.c) against
 * ffprobe, on clips ffmpeg makes at test time: streams and packets as
 * ffprobe reads them, ffmpeg's Common Encryption as the packets carry it
 * (decrypted, they are the clear clip's), seeking, and every refusal:
 * truncated, corrupt, absurd and non-media files, missing files, other
 * URL schemes, malformed file:// URLs
 *
 * Linked with libpmp.a: the demuxer is internal.  It needs ffmpeg and
 * ffprobe with libx264 on PATH (tools/deps.sh installs them).
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"

#include "media_clips.h"
#include "mf/demux.h"

/* 100 ns units per second. */
#define HNS 10000000LL

__attribute__((constructor)) static void make_clips(void)
{
	uint8_t *buf;
	size_t size;
	long moov, entry;

	if (!clips_begin("pmp-demux"))
		return;
	clips_make_set();
	clips_run(": > empty && mkdir adir");

	/* The sample entry of an unknown codec with 65535x65535 pictures. */
	buf = clips_read(clip(0, "clear.mp4"), &size);
	if (!buf)
		return;
	moov = clips_top_box(buf, size, "moov");
	entry = moov < 0 ? -1 : clips_find_in(buf, moov, "avc1");
	if (entry < 0) {
		snprintf(clips_failed, sizeof(clips_failed),
			 "clear.mp4 has no avc1 sample entry");
	} else {
		memcpy(buf + entry + 4, "zzzz", 4);
		memset(buf + entry + 32, 0xff, 4);
		clips_write(clip(0, "huge.mp4"), buf, size);
	}
	free(buf);
}

__attribute__((destructor)) static void remove_clips(void)
{
	clips_remove();
}

#define ASSERT_CLIPS() \
	ASSERT_EQ(0, clips_failed[0]) TH_LOG("%s", clips_failed)

static struct pmp_demux *open_ok(struct __test_metadata *_metadata,
				 const char *location)
{
	struct pmp_demux *d = NULL;

	ASSERT_CLIPS();
	ASSERT_EQ(0, pmp_demux_open(location, &d))
		TH_LOG("%s", pmp_demux_message(NULL));
	ASSERT_NE(NULL, d);
	ASSERT_STREQ("", pmp_demux_message(d));
	return d;
}

/* Opening @location fails with @err; the message names @location. */
static void open_fails(struct __test_metadata *_metadata,
		       const char *location, int err)
{
	struct pmp_demux *d = (struct pmp_demux *)1;

	ASSERT_EQ(err, pmp_demux_open(location, &d))
		TH_LOG("%s: %s", location, pmp_demux_message(NULL));
	ASSERT_EQ(NULL, d);
	ASSERT_EQ(0, strncmp(pmp_demux_message(NULL), location,
			     strnlen(location, 256)))
		TH_LOG("%s", pmp_demux_message(NULL));
}

static void assert_ratio(struct __test_metadata *_metadata,
			 struct pmp_demux_ratio r, const char *path,
			 int stream, const char *key, char sep)
{
	char want[64], got[64];

	ASSERT_EQ(0, probe_field(path, "stream", stream, key, want,
				 sizeof(want)));
	snprintf(got, sizeof(got), "%d%c%d", r.num, sep, r.den);
	ASSERT_STREQ(want, got) TH_LOG("%s", key);
}

/* Stream @index of @d is what ffprobe says of it. */
static void assert_stream_as_probed(struct __test_metadata *_metadata,
				    struct pmp_demux *d, const char *path,
				    int index)
{
	const struct pmp_demux_stream *s = pmp_demux_stream(d, index);

	ASSERT_NE(NULL, s);
	ASSERT_EQ(index, s->index);
	ASSERT_EQ(AVMEDIA_TYPE_VIDEO, s->media_type);
	ASSERT_EQ(AV_CODEC_ID_H264, (int)s->codec_id);
	ASSERT_EQ(probe_number(path, "stream", index, "width"), s->width);
	ASSERT_EQ(probe_number(path, "stream", index, "height"), s->height);
	ASSERT_EQ(probe_number(path, "stream", index, "duration_ts"),
		  s->duration);
	ASSERT_EQ(probe_number(path, "stream", index, "nb_frames"),
		  s->frame_count);
	ASSERT_EQ(probe_number(path, "stream", index, "level"), s->level);
	assert_ratio(_metadata, s->time_base, path, index, "time_base", '/');
	assert_ratio(_metadata, s->frame_rate, path, index, "avg_frame_rate",
		     '/');
	assert_ratio(_metadata, s->sample_aspect_ratio, path, index,
		     "sample_aspect_ratio", ':');
	ASSERT_EQ(probe_number(path, "stream", index, "extradata_size"),
		  s->extradata_size);
	/* An AVCDecoderConfigurationRecord: version 1, then the profile. */
	ASSERT_NE(NULL, s->extradata);
	ASSERT_EQ(1, s->extradata[0]);
	ASSERT_EQ(s->profile, s->extradata[1]);
}

/*
 * Reads every packet of stream @index of @d and compares it with
 * ffprobe's reading of @path; the end then stays the end.
 */
static void assert_packets_as_probed(struct __test_metadata *_metadata,
				     struct pmp_demux *d, const char *path,
				     unsigned int index)
{
	struct pmp_demux_packet pkt;
	struct probe_packet *want;
	int n, i;

	n = probe_packets(path, index, &want);
	ASSERT_LT(0, n);
	for (i = 0; i < n; i++) {
		ASSERT_EQ(1, pmp_demux_read(d, index, &pkt))
			TH_LOG("packet %d: %s", i, pmp_demux_message(d));
		ASSERT_EQ((int)index, pkt.stream);
		ASSERT_EQ(want[i].pts, pkt.pts) TH_LOG("packet %d", i);
		ASSERT_EQ(want[i].dts, pkt.dts) TH_LOG("packet %d", i);
		ASSERT_EQ(want[i].duration, pkt.duration);
		ASSERT_EQ(want[i].size, pkt.size) TH_LOG("packet %d", i);
		ASSERT_EQ(want[i].key, pkt.keyframe) TH_LOG("packet %d", i);
		ASSERT_NE(NULL, pkt.data);
		pmp_demux_packet_release(&pkt);
		ASSERT_EQ(NULL, pkt.priv);
	}
	free(want);
	ASSERT_EQ(0, pmp_demux_read(d, index, &pkt));
	ASSERT_EQ(0, pmp_demux_read(d, index, &pkt));
}

TEST(clear_mp4_stream_is_as_ffprobe_reads_it)
{
	const char *path = clip(0, "clear.mp4");
	const struct pmp_demux_stream *s;
	struct pmp_demux *d;
	char start[32];

	d = open_ok(_metadata, path);
	ASSERT_EQ(1u, pmp_demux_stream_count(d));
	assert_stream_as_probed(_metadata, d, path, 0);
	s = pmp_demux_stream(d, 0);
	ASSERT_EQ(320u, s->width);
	ASSERT_EQ(240u, s->height);
	ASSERT_EQ(CLIPS_FRAMES, s->frame_count);
	ASSERT_EQ(100, s->profile) /* High */;
	ASSERT_FALSE(s->encrypted);
	ASSERT_EQ(0u, s->init_info_count);
	ASSERT_EQ(NULL, s->init_info);
	/* 50 frames at 25 per second. */
	ASSERT_EQ(2 * HNS, pmp_demux_duration(d));
	ASSERT_EQ(0, pmp_demux_start_time(d));
	ASSERT_EQ(0, probe_field(path, "format", 0, "start_time", start,
				 sizeof(start)));
	ASSERT_STREQ("0.000000", start);
	ASSERT_EQ(2 * HNS, pmp_demux_time(s, s->duration));
	ASSERT_EQ(NULL, pmp_demux_stream(d, 1));
	pmp_demux_free(d);
}

TEST(clear_mp4_packets_are_as_ffprobe_reads_them)
{
	const char *path = clip(0, "clear.mp4");
	struct pmp_demux *d;

	d = open_ok(_metadata, path);
	assert_packets_as_probed(_metadata, d, path, 0);
	ASSERT_STREQ("", pmp_demux_message(d));
	pmp_demux_free(d);
}

TEST(clear_mp4_packets_carry_no_encryption)
{
	struct pmp_demux_packet pkt;
	struct pmp_demux *d;
	int n = 0;

	d = open_ok(_metadata, clip(0, "clear.mp4"));
	while (pmp_demux_read(d, 0, &pkt) == 1) {
		ASSERT_FALSE(pkt.encrypted);
		ASSERT_EQ(0u, pkt.cenc.subsample_count);
		ASSERT_EQ(NULL, pkt.cenc.subsamples);
		pmp_demux_packet_release(&pkt);
		n++;
	}
	ASSERT_EQ(CLIPS_FRAMES, n);
	pmp_demux_free(d);
}

TEST(odd_size_rate_and_aspect_are_as_ffprobe_reads_them)
{
	const char *path = clip(0, "odd.mp4");
	const struct pmp_demux_stream *s;
	struct pmp_demux *d;

	d = open_ok(_metadata, path);
	assert_stream_as_probed(_metadata, d, path, 0);
	s = pmp_demux_stream(d, 0);
	ASSERT_EQ(176u, s->width);
	ASSERT_EQ(144u, s->height);
	ASSERT_EQ(30000, s->frame_rate.num);
	ASSERT_EQ(1001, s->frame_rate.den);
	ASSERT_EQ(4, s->sample_aspect_ratio.num);
	ASSERT_EQ(3, s->sample_aspect_ratio.den);
	/* ffprobe's format duration is in microseconds: "0.234000". */
	ASSERT_EQ(234000 * 10, pmp_demux_duration(d));
	/* 7 frames of 1001/30000 s: 233566.67 us, to the nearest 100 ns. */
	ASSERT_EQ(2335667, pmp_demux_time(s, s->duration));
	assert_packets_as_probed(_metadata, d, path, 0);
	pmp_demux_free(d);
}

TEST(cenc_mp4_stream_is_encrypted_with_the_clips_key_id)
{
	const char *path = clip(0, "cenc.mp4");
	const struct pmp_demux_stream *s;
	struct pmp_demux *d;

	d = open_ok(_metadata, path);
	ASSERT_EQ(1u, pmp_demux_stream_count(d));
	/* ffmpeg's 'encv' entry with its 'frma' reads as plain H.264. */
	assert_stream_as_probed(_metadata, d, path, 0);
	s = pmp_demux_stream(d, 0);
	ASSERT_TRUE(s->encrypted);
	ASSERT_EQ(PMP_CENC_SCHEME_CENC, s->scheme);
	ASSERT_EQ(0, memcmp(clips_kid, s->key_id, 16));
	/* ffmpeg writes no 'pssh' box. */
	ASSERT_EQ(0u, s->init_info_count);
	pmp_demux_free(d);
}

/*
 * Each packet: ffprobe's timestamps and size, the clips' key id, an 8-byte
 * IV counting up from zero (bitexact) and padded to 16, one subsample per
 * NAL unit whose 4-byte length and 1-byte header are clear (ffmpeg's
 * writer), the runs covering the packet; decrypted with the clips' key,
 * the clear clip's packet.
 */
TEST(cenc_mp4_packets_decrypt_to_the_clear_ones)
{
	const char *path = clip(0, "cenc.mp4");
	struct pmp_demux_packet pkt, clear;
	struct pmp_demux *d, *dc;
	struct probe_packet *want;
	uint32_t (*runs)[2];
	uint8_t iv[16] = { 0 };
	uint8_t *out;
	uint64_t covered;
	int n, i;
	uint32_t j;

	ASSERT_CLIPS();
	n = probe_packets(path, 0, &want);
	ASSERT_EQ(CLIPS_FRAMES, n);
	d = open_ok(_metadata, path);
	dc = open_ok(_metadata, clip(1, "clear.mp4"));
	for (i = 0; i < n; i++) {
		ASSERT_EQ(1, pmp_demux_read(d, 0, &pkt))
			TH_LOG("%s", pmp_demux_message(d));
		ASSERT_EQ(1, pmp_demux_read(dc, 0, &clear));
		ASSERT_EQ(want[i].pts, pkt.pts);
		ASSERT_EQ(want[i].dts, pkt.dts);
		ASSERT_EQ(want[i].size, pkt.size);
		ASSERT_EQ(want[i].key, pkt.keyframe);
		ASSERT_EQ(clear.size, pkt.size);

		ASSERT_TRUE(pkt.encrypted);
		ASSERT_EQ(PMP_CENC_SCHEME_CENC, pkt.cenc.scheme);
		ASSERT_EQ(0u, pkt.cenc.crypt_byte_block);
		ASSERT_EQ(0u, pkt.cenc.skip_byte_block);
		ASSERT_EQ(0, memcmp(clips_kid, pkt.cenc.key_id, 16));
		/* libavformat pads the file's 8 bytes with zeros. */
		ASSERT_EQ(16u, pkt.cenc.iv_size);
		iv[7] = i;
		ASSERT_EQ(0, memcmp(iv, pkt.cenc.iv, 16))
			TH_LOG("packet %d", i);

		ASSERT_LT(0u, pkt.cenc.subsample_count);
		runs = calloc(pkt.cenc.subsample_count, sizeof(*runs));
		ASSERT_NE(NULL, runs);
		covered = 0;
		for (j = 0; j < pkt.cenc.subsample_count; j++) {
			runs[j][0] = pkt.cenc.subsamples[j].clear;
			runs[j][1] = pkt.cenc.subsamples[j].encrypted;
			ASSERT_EQ(5u, runs[j][0]);
			/* The NAL unit's length, in the clear, is the rest. */
			ASSERT_EQ(clips_be32(pkt.data + covered) - 1,
				  runs[j][1]);
			covered += runs[j][0] + runs[j][1];
		}
		ASSERT_EQ(pkt.size, covered);

		out = malloc(pkt.size);
		ASSERT_NE(NULL, out);
		ASSERT_EQ(0, clips_cenc_decrypt(pkt.cenc.iv, pkt.cenc.iv_size,
						runs, pkt.cenc.subsample_count,
						pkt.data, out, pkt.size));
		ASSERT_EQ(0, memcmp(clear.data, out, pkt.size))
			TH_LOG("packet %d", i);
		/* And it was encrypted: the ciphertext differs. */
		ASSERT_NE(0, memcmp(clear.data, pkt.data, pkt.size));
		free(out);
		free(runs);
		pmp_demux_packet_release(&pkt);
		pmp_demux_packet_release(&clear);
	}
	ASSERT_EQ(0, pmp_demux_read(d, 0, &pkt));
	free(want);
	pmp_demux_free(d);
	pmp_demux_free(dc);
}

/* A 'pssh' box (version 1) appended to the encrypted clip's moov. */
TEST(pssh_box_becomes_the_streams_init_info)
{
	static const uint8_t clearkey[16] = {
		0x10, 0x77, 0xef, 0xec, 0xc0, 0xb2, 0x4d, 0x02,
		0xac, 0xe3, 0x3c, 0x1e, 0x52, 0xe2, 0xfb, 0x4b
	};
	static const uint8_t other_kid[16] = { 0xee, [15] = 0x01 };
	const struct pmp_demux_init_info *info;
	const struct pmp_demux_stream *s;
	uint8_t pssh[32 + 2 * 16 + 4 + 3];
	uint8_t *buf, *grown;
	struct pmp_demux *d;
	size_t size;
	long moov;

	ASSERT_CLIPS();
	clips_put_be32(pssh, sizeof(pssh));
	memcpy(pssh + 4, "pssh", 4);
	clips_put_be32(pssh + 8, 1 << 24); /* version 1, no flags */
	memcpy(pssh + 12, clearkey, 16);
	clips_put_be32(pssh + 28, 2);
	memcpy(pssh + 32, clips_kid, 16);
	memcpy(pssh + 48, other_kid, 16);
	clips_put_be32(pssh + 64, 3);
	memcpy(pssh + 68, "pmp", 3);

	buf = clips_read(clip(0, "cenc.mp4"), &size);
	ASSERT_NE(NULL, buf);
	moov = clips_top_box(buf, size, "moov");
	/* The moov is last: growing it moves no sample. */
	ASSERT_LE(0, moov);
	ASSERT_EQ(size, (size_t)moov + clips_be32(buf + moov));
	grown = realloc(buf, size + sizeof(pssh));
	ASSERT_NE(NULL, grown);
	memcpy(grown + size, pssh, sizeof(pssh));
	clips_put_be32(grown + moov, clips_be32(grown + moov) + sizeof(pssh));
	ASSERT_TRUE(clips_write(clip(0, "pssh.mp4"), grown,
				size + sizeof(pssh)));
	free(grown);

	d = open_ok(_metadata, clip(0, "pssh.mp4"));
	s = pmp_demux_stream(d, 0);
	ASSERT_TRUE(s->encrypted);
	ASSERT_EQ(1u, s->init_info_count);
	info = &s->init_info[0];
	ASSERT_EQ(0, memcmp(clearkey, info->system_id, 16));
	ASSERT_EQ(2u, info->key_id_count);
	ASSERT_EQ(0, memcmp(clips_kid, info->key_ids[0], 16));
	ASSERT_EQ(0, memcmp(other_kid, info->key_ids[1], 16));
	ASSERT_EQ(3u, info->data_size);
	ASSERT_EQ(0, memcmp("pmp", info->data, 3));
	pmp_demux_free(d);
}

/* The first subsample of the first sample claims one byte more. */
TEST(encryption_info_that_overruns_its_packet_is_corrupt)
{
	struct pmp_demux_packet pkt;
	struct pmp_demux *d;
	long moov, senc;
	uint8_t *buf, *run;
	size_t size;

	ASSERT_CLIPS();
	buf = clips_read(clip(0, "cenc.mp4"), &size);
	ASSERT_NE(NULL, buf);
	moov = clips_top_box(buf, size, "moov");
	ASSERT_LE(0, moov);
	senc = clips_find_in(buf, moov, "senc");
	ASSERT_LE(0, senc);
	/* size, type, version and flags, count; IV, subsample count. */
	run = buf + senc + 16 + 8 + 2;
	ASSERT_EQ(5, run[0] << 8 | run[1]);
	clips_put_be32(run + 2, clips_be32(run + 2) + 1);
	ASSERT_TRUE(clips_write(clip(0, "overrun.mp4"), buf, size));
	free(buf);

	d = open_ok(_metadata, clip(0, "overrun.mp4"));
	ASSERT_EQ(-EBADMSG, pmp_demux_read(d, 0, &pkt));
	ASSERT_NE(NULL, strstr(pmp_demux_message(d),
			       "malformed encryption information"))
		TH_LOG("%s", pmp_demux_message(d));
	ASSERT_EQ(NULL, pkt.priv);
	pmp_demux_free(d);
}

TEST(seek_resumes_at_the_keyframe_at_or_before_the_time)
{
	const char *path = clip(0, "clear.mp4");
	const struct pmp_demux_stream *s;
	static const int64_t times[] = { 0, HNS, 15 * HNS / 10, 30 * HNS };
	struct pmp_demux_packet pkt;
	struct probe_packet *want;
	struct pmp_demux *d;
	int n, i, k, expect;

	ASSERT_CLIPS();
	n = probe_packets(path, 0, &want);
	ASSERT_EQ(CLIPS_FRAMES, n);
	d = open_ok(_metadata, path);
	s = pmp_demux_stream(d, 0);
	for (k = 0; k < 4; k++) {
		/* The last keyframe that decodes at or before the time. */
		expect = -1;
		for (i = 0; i < n; i++)
			if (want[i].key &&
			    pmp_demux_time(s, want[i].dts) <= times[k])
				expect = i;
		ASSERT_LE(0, expect);
		ASSERT_EQ(0, pmp_demux_seek(d, times[k]))
			TH_LOG("%s", pmp_demux_message(d));
		ASSERT_EQ(1, pmp_demux_read(d, 0, &pkt));
		ASSERT_TRUE(pkt.keyframe);
		ASSERT_EQ(want[expect].pts, pkt.pts) TH_LOG("seek %d", k);
		ASSERT_LE(pmp_demux_time(s, pkt.pts), times[k]);
		pmp_demux_packet_release(&pkt);
		/* The rest follows in ffprobe's order. */
		for (i = expect + 1; i < n; i++) {
			ASSERT_EQ(1, pmp_demux_read(d, 0, &pkt));
			ASSERT_EQ(want[i].dts, pkt.dts);
			pmp_demux_packet_release(&pkt);
		}
		ASSERT_EQ(0, pmp_demux_read(d, 0, &pkt));
	}
	ASSERT_EQ(-EINVAL, pmp_demux_seek(d, -1));
	free(want);
	pmp_demux_free(d);
}

/* Each stream of an interleaved file read whole, one after the other. */
TEST(streams_read_one_after_the_other_wait_in_their_queues)
{
	const char *path = clip(0, "two.mp4");
	const struct pmp_demux_stream *a;
	struct pmp_demux *d;

	d = open_ok(_metadata, path);
	ASSERT_EQ(2u, pmp_demux_stream_count(d));
	a = pmp_demux_stream(d, 1);
	ASSERT_EQ(AVMEDIA_TYPE_AUDIO, a->media_type);
	ASSERT_EQ(AV_CODEC_ID_AAC, (int)a->codec_id);
	ASSERT_FALSE(a->encrypted);
	assert_packets_as_probed(_metadata, d, path, 1);
	assert_packets_as_probed(_metadata, d, path, 0);
	pmp_demux_free(d);
}

TEST(deselected_streams_are_skipped_and_refuse_reads)
{
	const char *path = clip(0, "two.mp4");
	struct pmp_demux_packet pkt;
	struct pmp_demux *d;

	d = open_ok(_metadata, path);
	ASSERT_EQ(0, pmp_demux_select(d, 1, false));
	ASSERT_EQ(-EINVAL, pmp_demux_read(d, 1, &pkt));
	ASSERT_STREQ("stream 1 is not selected",
		     strstr(pmp_demux_message(d), "stream 1"));
	assert_packets_as_probed(_metadata, d, path, 0);
	/* Selected again and rewound, it reads whole. */
	ASSERT_EQ(0, pmp_demux_select(d, 1, true));
	ASSERT_EQ(0, pmp_demux_seek(d, 0));
	assert_packets_as_probed(_metadata, d, path, 1);
	ASSERT_EQ(-EINVAL, pmp_demux_select(d, 2, true));
	ASSERT_EQ(-EINVAL, pmp_demux_read(d, 2, &pkt));
	ASSERT_EQ(-EINVAL, pmp_demux_read(d, 0, NULL));
	pmp_demux_free(d);
}

/* Cut before its index (the moov, last): nothing can be read. */
TEST(file_truncated_before_its_index_is_corrupt)
{
	uint8_t *buf;
	size_t size;

	ASSERT_CLIPS();
	buf = clips_read(clip(0, "clear.mp4"), &size);
	ASSERT_NE(NULL, buf);
	ASSERT_TRUE(clips_write(clip(0, "cut.mp4"), buf, size / 2));
	free(buf);
	open_fails(_metadata, clip(0, "cut.mp4"), -EBADMSG);
	ASSERT_NE(NULL, strstr(pmp_demux_message(NULL),
			       "the file is truncated or corrupt"))
		TH_LOG("%s", pmp_demux_message(NULL));
}

/*
 * Cut amid its samples (the moov first): the whole packets before the cut
 * read as ffprobe reads them, the cut one fails, and so does every read
 * after it until a seek.
 */
TEST(file_truncated_amid_its_samples_fails_at_the_cut_packet)
{
	struct pmp_demux_packet pkt;
	struct probe_packet *want;
	struct pmp_demux *d;
	int n, i, whole = 0;

	ASSERT_CLIPS();
	n = clips_cut_amid("cut-fs.mp4", 30, &want);
	ASSERT_EQ(CLIPS_FRAMES, n);
	/* Packets lie in the file in decoding order: 30 are whole. */
	while (whole < n && want[whole].pos + want[whole].size <=
				    want[30].pos + want[30].size / 2)
		whole++;
	ASSERT_EQ(30, whole);

	d = open_ok(_metadata, clip(1, "cut-fs.mp4"));
	for (i = 0; i < whole; i++) {
		ASSERT_EQ(1, pmp_demux_read(d, 0, &pkt))
			TH_LOG("packet %d: %s", i, pmp_demux_message(d));
		ASSERT_EQ(want[i].dts, pkt.dts);
		ASSERT_EQ(want[i].size, pkt.size);
		pmp_demux_packet_release(&pkt);
	}
	ASSERT_EQ(-EBADMSG, pmp_demux_read(d, 0, &pkt));
	ASSERT_NE(NULL, strstr(pmp_demux_message(d), "truncated or corrupt"))
		TH_LOG("%s", pmp_demux_message(d));
	ASSERT_EQ(-EBADMSG, pmp_demux_read(d, 0, &pkt));
	ASSERT_NE(NULL, strstr(pmp_demux_message(d), "seek first"));
	ASSERT_EQ(0, pmp_demux_seek(d, 0));
	ASSERT_EQ(1, pmp_demux_read(d, 0, &pkt));
	ASSERT_EQ(want[0].dts, pkt.dts);
	ASSERT_TRUE(pkt.keyframe);
	pmp_demux_packet_release(&pkt);
	free(want);
	pmp_demux_free(d);
}

TEST(pictures_beyond_the_limit_are_refused)
{
	ASSERT_CLIPS();
	open_fails(_metadata, clip(0, "huge.mp4"), -EBADMSG);
	ASSERT_NE(NULL, strstr(pmp_demux_message(NULL),
			       "stream 0: 65535x65535 pictures are beyond 16384x16384"))
		TH_LOG("%s", pmp_demux_message(NULL));
}

TEST(files_that_are_not_media_are_refused)
{
	ASSERT_CLIPS();
	open_fails(_metadata, clip(0, "notmedia"), -EMEDIUMTYPE);
	ASSERT_NE(NULL, strstr(pmp_demux_message(NULL),
			       "not a media file that libavformat knows"));
	open_fails(_metadata, clip(0, "empty"), -EMEDIUMTYPE);
	open_fails(_metadata, clip(0, "adir"), -EISDIR);
}

TEST(missing_files_are_enoent)
{
	ASSERT_CLIPS();
	open_fails(_metadata, clip(0, "missing.mp4"), -ENOENT);
	ASSERT_NE(NULL, strstr(pmp_demux_message(NULL),
			       "No such file or directory"));
	open_fails(_metadata, "file:///nonexistent-pmp-dir/x.mp4", -ENOENT);
}

/*
 * Other schemes are refused before libavformat sees them: an http:// URL
 * at a socket listening here gets no connection.
 */
TEST(other_url_schemes_are_refused_without_any_io)
{
	static const char *const urls[] = {
		"https://127.0.0.1/x.mp4", "pipe:0", "data:,abc",
		"rtmp://localhost/live", "crypto:file:///x.mp4",
		"a:b.mp4",
	};
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t len = sizeof(addr);
	char url[128];
	int lfd;
	size_t i;

	lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, lfd);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ASSERT_EQ(0, bind(lfd, (struct sockaddr *)&addr, sizeof(addr)));
	ASSERT_EQ(0, listen(lfd, 4));
	ASSERT_EQ(0, getsockname(lfd, (struct sockaddr *)&addr, &len));
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/x.mp4",
		 ntohs(addr.sin_port));

	open_fails(_metadata, url, -EPROTONOSUPPORT);
	ASSERT_NE(NULL, strstr(pmp_demux_message(NULL),
			       "the URL scheme 'http' is not supported"));
	ASSERT_EQ(-1, accept(lfd, NULL, NULL));
	ASSERT_EQ(EAGAIN, errno);
	close(lfd);
	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++)
		open_fails(_metadata, urls[i], -EPROTONOSUPPORT);
	/* Not a scheme (',' before ':'): a relative path, and none. */
	open_fails(_metadata, "subfile,,start,0,end,0,,:/etc/passwd",
		   -ENOENT);
}

/* A name with a space, '%', '#', '?' and ':' in it, escaped or not. */
TEST(file_urls_are_percent_decoded)
{
	static const char name[] = "a b%#?:x.mp4";
	static const char escaped[] = "a%20b%25%23%3f:x.mp4";
	struct pmp_demux *d;
	char path[PATH_MAX], url[PATH_MAX + 64];
	uint8_t *buf;
	size_t size;

	ASSERT_CLIPS();
	buf = clips_read(clip(0, "clear.mp4"), &size);
	ASSERT_NE(NULL, buf);
	snprintf(path, sizeof(path), "%s/%s", clips_dir, name);
	ASSERT_TRUE(clips_write(path, buf, size));
	free(buf);

	d = open_ok(_metadata, path);
	pmp_demux_free(d);
	snprintf(url, sizeof(url), "file://%s/%s", clips_dir, escaped);
	d = open_ok(_metadata, url);
	ASSERT_EQ(1u, pmp_demux_stream_count(d));
	pmp_demux_free(d);
	snprintf(url, sizeof(url), "FILE://LocalHost%s/%s", clips_dir,
		 escaped);
	pmp_demux_free(open_ok(_metadata, url));
	snprintf(url, sizeof(url), "file:%s/%s", clips_dir, escaped);
	pmp_demux_free(open_ok(_metadata, url));
	/* Unescaped, '#' and '?' would end the path. */
	snprintf(url, sizeof(url), "file://%s/%s", clips_dir, name);
	open_fails(_metadata, url, -EINVAL);
}

TEST(malformed_file_urls_are_einval)
{
	static const char *const urls[] = {
		"file://example.com/x.mp4", "file:x.mp4", "file://",
		"file:///x%zz.mp4", "file:///x%4", "file:///x%00y.mp4",
		"file:///x.mp4?t=1", "file:///x.mp4#t=1", "",
	};
	size_t i;

	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++)
		open_fails(_metadata, urls[i], -EINVAL);
	ASSERT_EQ(-EINVAL, pmp_demux_open("file:///x.mp4", NULL));
	ASSERT_EQ(-EINVAL, pmp_demux_open(NULL, NULL));
}

TEST(paths_longer_than_path_max_are_enametoolong)
{
	char *path = malloc(PATH_MAX + 16), *url = malloc(PATH_MAX + 16);

	ASSERT_NE(NULL, path);
	ASSERT_NE(NULL, url);
	memset(path, 'a', PATH_MAX + 8);
	path[0] = '/';
	path[PATH_MAX + 8] = '\0';
	open_fails(_metadata, path, -ENAMETOOLONG);
	snprintf(url, PATH_MAX + 16, "file://%s", path);
	open_fails(_metadata, url, -ENAMETOOLONG);
	free(path);
	free(url);
}

TEST_HARNESS_MAIN
