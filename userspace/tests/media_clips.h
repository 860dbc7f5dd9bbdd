/* SPDX-License-Identifier: GPL-2.0 */
/*
 * media_clips.h - test clips made at test time with the ffmpeg CLI, and
 * what ffprobe says of them
 *
 * Nothing binary is committed: a test's constructor calls clips_make() to
 * encode its clips into a fresh directory (clips_dir), and clips_remove()
 * at exit takes it away.  ffprobe is the independent reading every
 * demuxed value is compared with.  Include it after the harness.
 */

#ifndef PMP_MEDIA_CLIPS_H
#define PMP_MEDIA_CLIPS_H

#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

/* The clips' key and key id, as ffmpeg's -encryption_key/_kid take them. */
#define CLIPS_KEY_HEX "00112233445566778899aabbccddeeff"
#define CLIPS_KID_HEX "0123456789abcdef0123456789abcdef"

static const uint8_t clips_key[16] = {
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
	0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff
};
static const uint8_t clips_kid[16] = {
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef
};

static char clips_dir[64];
/* The first clip command that failed, for the tests to report. */
static char clips_failed[2200];

/* A path in clips_dir, in a static buffer of @slot (0 to 3). */
static inline const char *clip(int slot, const char *name)
{
	static char paths[4][PATH_MAX];

	snprintf(paths[slot], sizeof(paths[slot]), "%s/%s", clips_dir, name);
	return paths[slot];
}

/* Runs a shell command in clips_dir; false (and noted) if it fails. */
__attribute__((format(printf, 1, 2)))
static inline bool clips_run(const char *fmt, ...)
{
	char cmd[2048];
	int n, status;
	va_list ap;

	n = snprintf(cmd, sizeof(cmd), "cd %s && ", clips_dir);
	va_start(ap, fmt);
	vsnprintf(cmd + n, sizeof(cmd) - n, fmt, ap);
	va_end(ap);
	status = system(cmd);
	if (status && !clips_failed[0])
		snprintf(clips_failed, sizeof(clips_failed), "%s: status %d",
			 cmd, status);
	return !status;
}

/*
 * Encodes @frames frames of lavfi's testsrc2 at @size and @rate with
 * libx264 into @name; @extra goes before the output (GOP, B-frames,
 * filters).  One thread: the same bits every run.
 */
static inline bool clips_encode(const char *name, const char *size,
				const char *rate, int frames,
				const char *extra)
{
	return clips_run("ffmpeg -nostdin -v error -y -f lavfi "
			 "-i testsrc2=size=%s:rate=%s -frames:v %d "
			 "-c:v libx264 -preset veryfast -threads 1 %s %s",
			 size, rate, frames, extra, name);
}

/*
 * Copies @from into @to encrypted with ffmpeg's CENC writer
 * (cenc-aes-ctr, clips_key, clips_kid).  bitexact makes the IVs count up
 * from zero, sample by sample, instead of from a random start.
 */
static inline bool clips_encrypt(const char *from, const char *to)
{
	return clips_run("ffmpeg -nostdin -v error -y -i %s -c copy "
			 "-fflags +bitexact -encryption_scheme cenc-aes-ctr "
			 "-encryption_key " CLIPS_KEY_HEX " "
			 "-encryption_kid " CLIPS_KID_HEX " %s",
			 from, to);
}

/*
 * The clips both the demuxer's and the source's tests read, in clips_dir:
 * clear.mp4 (320x240, 25/s, CLIPS_FRAMES frames, GOPs of 12 with
 * B-frames, its moov last), cenc.mp4 (the same, encrypted),
 * faststart.mp4 (the same, its moov first), odd.mp4 (176x144, 30000/1001
 * per second, a 4:3 sample aspect ratio, 7 frames), two.mp4 (a video and
 * an AAC audio stream, interleaved) and notmedia (a line of text).
 */
#define CLIPS_FRAMES 50

static inline void clips_make_set(void)
{
	clips_encode("clear.mp4", "320x240", "25", CLIPS_FRAMES,
		     "-g 12 -bf 2");
	clips_encrypt("clear.mp4", "cenc.mp4");
	clips_run("ffmpeg -nostdin -v error -y -i clear.mp4 -c copy "
		  "-movflags +faststart faststart.mp4");
	clips_encode("odd.mp4", "176x144", "30000/1001", 7,
		     "-vf setsar=4/3");
	clips_run("ffmpeg -nostdin -v error -y -f lavfi "
		  "-i testsrc2=size=160x120:rate=25 -f lavfi "
		  "-i sine=frequency=440:sample_rate=48000 -t 1 "
		  "-c:v libx264 -preset veryfast -threads 1 -c:a aac "
		  "two.mp4");
	clips_run("printf 'plain text, no media\\n' > notmedia");
}

static inline bool clips_begin(const char *prefix)
{
	snprintf(clips_dir, sizeof(clips_dir), "/tmp/%s-XXXXXX", prefix);
	if (!mkdtemp(clips_dir)) {
		snprintf(clips_failed, sizeof(clips_failed),
			 "mkdtemp %s failed", clips_dir);
		clips_dir[0] = '\0';
		return false;
	}
	return true;
}

static inline int clips_remove_one(const char *path, const struct stat *st,
				   int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

static inline void clips_remove(void)
{
	if (clips_dir[0])
		nftw(clips_dir, clips_remove_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* The whole of file @path in a malloc()ed buffer, *@size bytes. */
static inline uint8_t *clips_read(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long len;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (len = ftell(f)) >= 0 &&
	    !fseek(f, 0, SEEK_SET)) {
		buf = malloc(len ? len : 1);
		if (buf && fread(buf, 1, len, f) != (size_t)len) {
			free(buf);
			buf = NULL;
		}
		*size = len;
	}
	fclose(f);
	return buf;
}

static inline bool clips_write(const char *path, const void *buf, size_t size)
{
	FILE *f = fopen(path, "wb");
	bool ok;

	if (!f)
		return false;
	ok = fwrite(buf, 1, size, f) == size;
	return !fclose(f) && ok;
}

static inline uint32_t clips_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static inline void clips_put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/*
 * The offset of top-level MP4 box @type in @buf (32-bit sizes only, as
 * ffmpeg writes small files), or -1.
 */
static inline long clips_top_box(const uint8_t *buf, size_t size,
				 const char *type)
{
	size_t at = 0;
	uint32_t len;

	while (at + 8 <= size) {
		len = clips_be32(buf + at);
		if (!memcmp(buf + at + 4, type, 4))
			return at;
		if (len < 8)
			return -1;
		at += len;
	}
	return -1;
}

/* The first @type inside the box at @box (by its bytes), or -1. */
static inline long clips_find_in(const uint8_t *buf, long box,
				 const char *type)
{
	const uint8_t *end = buf + box + clips_be32(buf + box);
	const uint8_t *p = memmem(buf + box + 8, end - buf - box - 8, type, 4);

	return p ? p - buf - 4 : -1;
}

/* One packet as ffprobe -show_packets shows it. */
struct probe_packet {
	int64_t pts;
	int64_t dts;
	int64_t duration;
	int64_t pos;
	uint32_t size;
	bool key;
};

/* "N/A" (no value) as INT64_MIN, libavutil's AV_NOPTS_VALUE. */
static inline int64_t probe_value(const char *s)
{
	return strcmp(s, "N/A") ? strtoll(s, NULL, 10) : INT64_MIN;
}

/*
 * The packets of stream @stream of @path, in ffprobe's order, into a
 * malloc()ed *@out: their count, or -1.
 */
static inline int probe_packets(const char *path, int stream,
				struct probe_packet **out)
{
	char cmd[PATH_MAX + 256], line[256], f[6][32];
	struct probe_packet *p = NULL, *grown;
	int n = 0, cap = 0;
	FILE *pipe;

	snprintf(cmd, sizeof(cmd),
		 "ffprobe -v quiet -select_streams %d -show_entries "
		 "packet=pts,dts,duration,size,pos,flags -of csv=p=0 '%s'",
		 stream, path);
	pipe = popen(cmd, "r");
	if (!pipe)
		return -1;
	while (fgets(line, sizeof(line), pipe)) {
		if (sscanf(line, "%31[^,],%31[^,],%31[^,],%31[^,],%31[^,],%31[^,\n]",
			   f[0], f[1], f[2], f[3], f[4], f[5]) != 6)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			grown = realloc(p, cap * sizeof(*p));
			if (!grown)
				break;
			p = grown;
		}
		p[n].pts = probe_value(f[0]);
		p[n].dts = probe_value(f[1]);
		p[n].duration = probe_value(f[2]);
		p[n].size = strtoul(f[3], NULL, 10);
		p[n].pos = probe_value(f[4]);
		p[n].key = f[5][0] == 'K';
		n++;
	}
	if (pclose(pipe)) {
		free(p);
		return -1;
	}
	*out = p;
	return n;
}

/*
 * Entry @key of @section ("stream" or "format") of @path, as ffprobe
 * prints it, into @val; for a stream, of stream @stream.  0 or -1.
 */
static inline int probe_field(const char *path, const char *section,
			      int stream, const char *key, char *val,
			      size_t size)
{
	char cmd[PATH_MAX + 256];
	FILE *pipe;
	bool got;

	snprintf(cmd, sizeof(cmd),
		 "ffprobe -v quiet -select_streams %d -show_entries %s=%s "
		 "-of default=nw=1:nk=1 '%s'",
		 stream, section, key, path);
	pipe = popen(cmd, "r");
	if (!pipe)
		return -1;
	got = fgets(val, size, pipe);
	if (pclose(pipe) || !got)
		return -1;
	val[strcspn(val, "\n")] = '\0';
	return 0;
}

static inline long long probe_number(const char *path, const char *section,
				     int stream, const char *key)
{
	char val[64];

	if (probe_field(path, section, stream, key, val, sizeof(val)))
		return LLONG_MIN;
	return strtoll(val, NULL, 10);
}

/*
 * Writes into clip @to the start of faststart.mp4 (its moov first) up to
 * half-way into packet @k, and gives ffprobe's packets of the whole clip
 * in *@want: their count, or -1.
 */
static inline int clips_cut_amid(const char *to, int k,
				 struct probe_packet **want)
{
	const char *from = clip(3, "faststart.mp4");
	uint8_t *buf;
	size_t size;
	bool ok;
	int n;

	n = probe_packets(from, 0, want);
	if (n <= k)
		return -1;
	buf = clips_read(from, &size);
	if (!buf)
		return -1;
	ok = clips_write(clip(3, to), buf,
			 (*want)[k].pos + (*want)[k].size / 2);
	free(buf);
	return ok ? n : -1;
}

/*
 * Decrypts @size bytes of a 'cenc' sample (AES-128-CTR, ISO/IEC 23001-7):
 * the counter block is the IV (8 or 16 bytes) padded with zeros, and the
 * encrypted runs of the subsamples (or the whole sample) form one key
 * stream.  0 or -1.
 */
static inline int clips_cenc_decrypt(const uint8_t *iv, size_t iv_size,
				     const uint32_t (*runs)[2],
				     size_t run_count, const uint8_t *in,
				     uint8_t *out, size_t size)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	uint8_t counter[16] = { 0 };
	size_t at = 0, i;
	int len, ok;

	memcpy(counter, iv, iv_size);
	ok = ctx && EVP_DecryptInit_ex(ctx, EVP_aes_128_ctr(), NULL,
				       clips_key, counter);
	if (!run_count) {
		ok = ok && EVP_DecryptUpdate(ctx, out, &len, in, size);
		at = size;
	}
	for (i = 0; ok && i < run_count; i++) {
		if (at + runs[i][0] + runs[i][1] > size) {
			ok = 0;
			break;
		}
		memcpy(out + at, in + at, runs[i][0]);
		at += runs[i][0];
		ok = EVP_DecryptUpdate(ctx, out + at, &len, in + at,
				       runs[i][1]);
		at += runs[i][1];
	}
	EVP_CIPHER_CTX_free(ctx);
	return ok && at == size ? 0 : -1;
}

#endif /* PMP_MEDIA_CLIPS_H */
