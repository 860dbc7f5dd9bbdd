/* SPDX-License-Identifier: GPL-2.0 */
/*
 * clip_records.h - what the tests compare with ffmpeg's framemd5 of a
 * clip: the records of its frames (a hash sink's, or frames hashed by the
 * test), ffmpeg's lines, and ffmpeg's clock between the two; a clip's
 * ClearKey license and its key id as Media Foundation names it
 *
 * Include it after clip_list.h and the COM headers (<mfapi.h>); the
 * framemd5.h of the media core must be on the include path.
 */

#ifndef PMP_CLIP_RECORDS_H
#define PMP_CLIP_RECORDS_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libavutil/mathematics.h>
#include <openssl/evp.h>

#include <pmpmedia.h>

#include "framemd5.h"

#define HNS_PER_SECOND 10000000
/* How many records one clip gives (its frames), or one test keeps, at most. */
#define MAX_RECORDS 512

/*
 * What a sink handed out for one frame, in the order it came: its time
 * and duration (100 ns units), its MD5 and size, and for a frame of the
 * frame sink (@buffers of them) the layout it says it has.
 */
struct record {
	LONGLONG time;
	LONGLONG duration;
	uint8_t md5[16];
	UINT32 size;
	DWORD buffers;
	GUID subtype;
	UINT64 frame_size;
};

/* What ffmpeg's clock needs of a stream (framemd5.h). */
struct stream_clock {
	AVRational tb;
	AVRational frame_rate;
	/* The file's start time, PMP_FRAMEMD5_NOPTS if it has none. */
	int64_t start_us;
};

/* A frame line of ffmpeg's framemd5. */
struct ref_line {
	int64_t pts;
	int size;
	char hash[33];
};

/* A time of the stream's time base in 100 ns units, rounded as the source. */
static inline LONGLONG to_hns(int64_t ts, AVRational tb)
{
	return av_rescale_q_rnd(ts, tb, (AVRational){ 1, HNS_PER_SECOND },
				AV_ROUND_NEAR_INF | AV_ROUND_PASS_MINMAX);
}

/* And back: exact for any time base of 1/10^7 s or coarser. */
static inline int64_t from_hns(LONGLONG t, AVRational tb)
{
	return av_rescale_q_rnd(t, (AVRational){ 1, HNS_PER_SECOND }, tb,
				AV_ROUND_NEAR_INF | AV_ROUND_PASS_MINMAX);
}

static inline void md5_of(const void *data, size_t size, uint8_t md[16])
{
	unsigned int len = 0;

	EVP_Digest(data, size, md, &len, EVP_md5(), NULL);
}

static inline void md5_hex(const uint8_t *md, char out[33])
{
	for (int i = 0; i < 16; i++)
		sprintf(out + 2 * i, "%02x", md[i]);
}

/*
 * @sample, which a sink handed out, as a record: a frame (buffers) is
 * hashed here, its first buffer, a record of the hash sink (none) carries
 * its MD5 and size.  E_UNEXPECTED for a record without them.
 */
static inline HRESULT record_of(IMFSample *sample, struct record *r)
{
	IMFMediaBuffer *buf = NULL;
	DWORD len = 0;
	BYTE *data;
	HRESULT hr;

	memset(r, 0, sizeof(*r));
	hr = IMFSample_GetSampleTime(sample, &r->time);
	if (SUCCEEDED(hr))
		hr = IMFSample_GetBufferCount(sample, &r->buffers);
	if (FAILED(hr))
		return hr;
	IMFSample_GetSampleDuration(sample, &r->duration);
	IMFSample_GetGUID(sample, &MF_MT_SUBTYPE, &r->subtype);
	IMFSample_GetUINT64(sample, &MF_MT_FRAME_SIZE, &r->frame_size);
	if (!r->buffers) {
		hr = IMFSample_GetBlob(sample, &PMP_SAMPLE_FRAME_MD5, r->md5,
				       sizeof(r->md5), &len);
		if (SUCCEEDED(hr) && len != sizeof(r->md5))
			hr = E_UNEXPECTED;
		if (SUCCEEDED(hr))
			hr = IMFSample_GetUINT32(sample, &PMP_SAMPLE_FRAME_SIZE,
						 &r->size);
		return hr;
	}
	hr = IMFSample_GetBufferByIndex(sample, 0, &buf);
	if (SUCCEEDED(hr))
		hr = IMFMediaBuffer_Lock(buf, &data, NULL, &len);
	if (SUCCEEDED(hr)) {
		md5_of(data, len, r->md5);
		r->size = len;
		IMFMediaBuffer_Unlock(buf);
	}
	if (buf)
		IMFMediaBuffer_Release(buf);
	return hr;
}

/* The frame lines of a .framemd5 file; their count, or -1. */
static inline int read_reference(const char *path, struct ref_line *lines,
				 int max)
{
	char *text = read_text(path), *line, *save = NULL;
	long long dts, pts, duration;
	int n = 0;

	if (!text)
		return -1;
	for (line = strtok_r(text, "\n", &save); line && n < max;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' ||
		    sscanf(line, "0, %lld, %lld, %lld, %d, %32s", &dts, &pts,
			   &duration, &lines[n].size, lines[n].hash) != 5)
			continue;
		lines[n++].pts = pts;
	}
	free(text);
	return n;
}

/*
 * Compares @count records with ffmpeg's first @lines lines, their times
 * through ffmpeg's clock (framemd5.h) as a player does: the number (from
 * 1) of the first record that differs, 0 if none, -1 if the records end
 * before the lines.
 */
static inline int compare_with_reference(const struct stream_clock *sc,
					 const struct record *r, int count,
					 const struct ref_line *want,
					 int lines)
{
	struct pmp_framemd5_clock clock;
	int n = 0;
	int64_t pts;
	char md[33];

	if (pmp_framemd5_clock_init(&clock, sc->tb.num, sc->tb.den,
				    sc->frame_rate.num, sc->frame_rate.den,
				    sc->start_us))
		return -1;
	for (int i = 0; i < count; i++) {
		if (pmp_framemd5_clock_next(&clock, from_hns(r[i].time, sc->tb),
					    from_hns(r[i].duration, sc->tb),
					    &pts) != 1)
			continue;
		md5_hex(r[i].md5, md);
		if (n >= lines || pts != want[n].pts ||
		    (int)r[i].size != want[n].size || strcmp(md, want[n].hash))
			return i + 1;
		n++;
	}
	return n == lines ? 0 : -1;
}

static inline void b64url(const uint8_t *in, size_t n, char *out)
{
	int len = EVP_EncodeBlock((unsigned char *)out, in, n);

	for (int i = 0; i < len; i++) {
		if (out[i] == '+')
			out[i] = '-';
		else if (out[i] == '/')
			out[i] = '_';
		else if (out[i] == '=')
			out[i] = '\0';
	}
}

/* A W3C ClearKey license of @kid's @key, into @buf. */
static inline void clip_license(const uint8_t *kid, const uint8_t *key,
				char *buf, size_t size)
{
	char k[32], id[32];

	b64url(kid, 16, id);
	b64url(key, 16, k);
	snprintf(buf, size,
		 "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"%s\",\"k\":\"%s\"}],"
		 "\"type\":\"temporary\"}",
		 id, k);
}

/*
 * The key id as libpmp's source gives it (MFSampleExtension_Content_KeyID):
 * its string form is the id's hex.
 */
static inline GUID guid_from_kid(const uint8_t *kid)
{
	GUID g;

	g.Data1 = (DWORD)kid[0] << 24 | kid[1] << 16 | kid[2] << 8 | kid[3];
	g.Data2 = kid[4] << 8 | kid[5];
	g.Data3 = kid[6] << 8 | kid[7];
	memcpy(g.Data4, kid + 8, 8);
	return g;
}

#endif /* PMP_CLIP_RECORDS_H */
