/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * demux.h - local media files through libavformat, for the media source
 * (not installed)
 *
 * A demuxer opens one local file, by path or file:// URL, and never
 * anything else: every byte libavformat reads comes through its "file"
 * protocol, the only one on the context's protocol whitelist.  It
 * describes the file's streams and hands out their packets, with the
 * Common Encryption (ISO/IEC 23001-7) information libavformat attaches to
 * each encrypted packet.  What the file says is checked against the limits
 * below: a truncated or corrupt file is an error, never a crash nor a
 * packet that lies about itself.
 *
 * Every function returns 0 (or a count) or a negative errno, and then
 * pmp_demux_message() says what happened.  The errnos:
 *
 *   -EINVAL           an argument is wrong, or a file:// URL is malformed,
 *                     names another host, or has a query or fragment
 *   -EPROTONOSUPPORT  a URL whose scheme is not "file"
 *   -ENAMETOOLONG     a path longer than PATH_MAX
 *   -ENOENT, -EACCES, -EISDIR...  opening the file failed so
 *   -EMEDIUMTYPE      the file is no media file libavformat knows
 *   -EBADMSG          the file is truncated or corrupt, or says something
 *                     beyond the limits below
 *   -ENOBUFS          packets of a selected stream pile up unread
 *   -ENOMEM           out of memory
 *   -EIO              any other failure of libavformat's
 *
 * A demuxer is used by one thread at a time.  libavformat's log messages
 * about a demuxer's work are kept for pmp_demux_message(), never printed
 * (demux.c, log_message()).
 */

#ifndef PMP_LIB_MF_DEMUX_H
#define PMP_LIB_MF_DEMUX_H

#include <stdbool.h>
#include <stdint.h>

#include <libavcodec/codec_id.h>
#include <libavutil/avutil.h>

/* Larger than any level of H.264 or HEVC allows, on either side. */
#define PMP_DEMUX_DIMENSION_MAX 16384
/* Codec configuration (avcC, hvcC...) is a few hundred bytes. */
#define PMP_DEMUX_EXTRADATA_MAX (1u << 20)
/* A coded frame: far above H.264 level 6.2's largest. */
#define PMP_DEMUX_PACKET_MAX (64u << 20)
#define PMP_DEMUX_STREAMS_MAX 64
/* Packets of selected streams read ahead of their reader. */
#define PMP_DEMUX_QUEUE_BYTES_MAX (256u << 20)
/* Packets read at open to learn which streams are encrypted. */
#define PMP_DEMUX_PROBE_PACKETS 256

#define PMP_DEMUX_KEY_ID_SIZE 16
#define PMP_DEMUX_IV_SIZE_MAX 16
#define PMP_DEMUX_SYSTEM_ID_SIZE 16

/* A timestamp the file does not give. */
#define PMP_DEMUX_NO_TS INT64_MIN

/* The four protection schemes of ISO/IEC 23001-7, as their fourccs. */
#define PMP_DEMUX_FOURCC(a, b, c, d)                                           \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 |      \
	 (uint32_t)(d))
#define PMP_CENC_SCHEME_CENC PMP_DEMUX_FOURCC('c', 'e', 'n', 'c')
#define PMP_CENC_SCHEME_CBC1 PMP_DEMUX_FOURCC('c', 'b', 'c', '1')
#define PMP_CENC_SCHEME_CENS PMP_DEMUX_FOURCC('c', 'e', 'n', 's')
#define PMP_CENC_SCHEME_CBCS PMP_DEMUX_FOURCC('c', 'b', 'c', 's')

struct pmp_demux;

/* A rational number; 0/0 where the file does not say. */
struct pmp_demux_ratio {
	int32_t num;
	int32_t den;
};

/**
 * struct pmp_demux_init_info - one protection system's initialization
 *	data for a stream (a 'pssh' box in MP4)
 * @system_id: the DRM system's id (1077efec-c0b2-4d02-ace3-3c1e52e2fb4b
 *	for W3C ClearKey), big-endian as in the box
 * @key_ids: @key_id_count ids of PMP_DEMUX_KEY_ID_SIZE bytes
 * @key_id_count: see @key_ids
 * @data: the system-specific data, @data_size bytes (NULL when 0)
 * @data_size: see @data
 */
struct pmp_demux_init_info {
	uint8_t system_id[PMP_DEMUX_SYSTEM_ID_SIZE];
	uint8_t (*key_ids)[PMP_DEMUX_KEY_ID_SIZE];
	uint32_t key_id_count;
	uint8_t *data;
	uint32_t data_size;
};

/**
 * struct pmp_demux_stream - what the file says of one stream
 * @index: its index in the file, as ffprobe counts
 * @media_type: AVMEDIA_TYPE_VIDEO, AVMEDIA_TYPE_AUDIO...
 * @codec_id: libavcodec's id (AV_CODEC_ID_H264...), AV_CODEC_ID_NONE for
 *	a codec libavcodec does not know
 * @profile: the codec's profile (FF_PROFILE_H264_HIGH...), or -99
 *	(FF_PROFILE_UNKNOWN)
 * @level: the codec's level (31 for H.264 3.1), or -99
 * @width: video: the coded picture's width, 1 to PMP_DEMUX_DIMENSION_MAX
 * @height: video: its height, likewise
 * @time_base: the unit of the stream's timestamps, positive
 * @duration: the stream's duration in @time_base units, 0 if unknown
 * @frame_count: how many frames the file's index lists, 0 if unknown
 * @frame_rate: the average frame rate, 0/0 if unknown
 * @sample_aspect_ratio: the pixel aspect ratio, 0/0 if unknown
 * @extradata: the codec's configuration record (for H.264 in MP4 the
 *	avcC box's payload, an AVCDecoderConfigurationRecord), @extradata_size
 *	bytes, or NULL
 * @extradata_size: see @extradata
 * @encrypted: its first packet carries Common Encryption information
 * @scheme: then the scheme of that packet (PMP_CENC_SCHEME_*)
 * @key_id: and its key id
 * @init_info: @init_info_count protection systems' data for the stream
 * @init_info_count: see @init_info
 */
struct pmp_demux_stream {
	int index;
	enum AVMediaType media_type;
	enum AVCodecID codec_id;
	int profile;
	int level;
	uint32_t width;
	uint32_t height;
	struct pmp_demux_ratio time_base;
	int64_t duration;
	int64_t frame_count;
	struct pmp_demux_ratio frame_rate;
	struct pmp_demux_ratio sample_aspect_ratio;
	const uint8_t *extradata;
	uint32_t extradata_size;
	bool encrypted;
	uint32_t scheme;
	uint8_t key_id[PMP_DEMUX_KEY_ID_SIZE];
	const struct pmp_demux_init_info *init_info;
	uint32_t init_info_count;
};

/**
 * struct pmp_demux_subsample - a run of a sample (ISO/IEC 23001-7)
 * @clear: its first bytes, in the clear (BytesOfClearData)
 * @encrypted: the bytes that follow, encrypted (BytesOfProtectedData)
 */
struct pmp_demux_subsample {
	uint32_t clear;
	uint32_t encrypted;
};

/**
 * struct pmp_demux_cenc - how one packet is encrypted
 * @scheme: PMP_CENC_SCHEME_*
 * @crypt_byte_block: pattern encryption (cens, cbcs): 16-byte blocks
 *	encrypted, then @skip_byte_block blocks clear; 0 and 0 otherwise
 * @skip_byte_block: see @crypt_byte_block
 * @key_id: the key's id, as in the file
 * @iv: the initialization vector, @iv_size bytes (8 or 16); libavformat
 *	gives the 8 bytes of a file's 64-bit IV followed by 8 zeros, which
 *	is the same counter block (ISO/IEC 23001-7, 9.1)
 * @iv_size: see @iv
 * @subsamples: @subsample_count runs covering the whole packet, in order;
 *	none when the whole packet is encrypted
 * @subsample_count: see @subsamples
 */
struct pmp_demux_cenc {
	uint32_t scheme;
	uint32_t crypt_byte_block;
	uint32_t skip_byte_block;
	uint8_t key_id[PMP_DEMUX_KEY_ID_SIZE];
	uint8_t iv[PMP_DEMUX_IV_SIZE_MAX];
	uint32_t iv_size;
	struct pmp_demux_subsample *subsamples;
	uint32_t subsample_count;
};

/**
 * struct pmp_demux_packet - one coded frame of a stream
 * @stream: the stream's index
 * @pts: its presentation time in the stream's time base, or
 *	PMP_DEMUX_NO_TS
 * @dts: its decoding time, likewise
 * @duration: its duration in the stream's time base, 0 if unknown
 * @keyframe: decoding can start here
 * @data: its @size bytes, as in the file (still encrypted)
 * @size: 1 to PMP_DEMUX_PACKET_MAX
 * @encrypted: @cenc says how it is encrypted
 * @cenc: see @encrypted
 * @priv: the demuxer's; pmp_demux_packet_release() frees all of it
 */
struct pmp_demux_packet {
	int stream;
	int64_t pts;
	int64_t dts;
	int64_t duration;
	bool keyframe;
	const uint8_t *data;
	uint32_t size;
	bool encrypted;
	struct pmp_demux_cenc cenc;
	void *priv;
};

/**
 * pmp_demux_open - a demuxer of a local file
 * @location: a path, or a file:// URL (RFC 8089: file:///path,
 *	file://localhost/path or file:/path, its %XX escapes decoded).  A
 *	string that starts with a URL scheme and a colon is a URL: a relative
 *	path with a colon in its first component is given as ./name.
 * @out: the demuxer, every stream selected; NULL on failure
 *
 * Return: 0; or one of the errors above, and pmp_demux_message(NULL) says
 * why.
 */
int pmp_demux_open(const char *location, struct pmp_demux **out);
void pmp_demux_free(struct pmp_demux *d);

/**
 * pmp_demux_message - what the last call on a demuxer said
 * @d: the demuxer; NULL for the calling thread's last failed
 *	pmp_demux_open(), until its next one
 *
 * Return: the location, what failed and, where libavformat said why, its
 * words; "" after a success.  It lives until the next call on @d.
 */
const char *pmp_demux_message(const struct pmp_demux *d);

unsigned int pmp_demux_stream_count(const struct pmp_demux *d);
/* The stream of index @index, or NULL beyond pmp_demux_stream_count(). */
const struct pmp_demux_stream *pmp_demux_stream(const struct pmp_demux *d,
						unsigned int index);
/* The file's duration in 100 ns units, 0 if unknown. */
int64_t pmp_demux_duration(const struct pmp_demux *d);
/*
 * The file's start time, the earliest presentation time of its streams,
 * in microseconds (libavformat's AV_TIME_BASE), or PMP_DEMUX_NO_TS.
 */
int64_t pmp_demux_start_time(const struct pmp_demux *d);

/**
 * pmp_demux_select - whether a stream's packets are wanted
 * @d: the demuxer
 * @index: the stream
 * @selected: false: its packets are skipped and its read-ahead dropped
 *
 * Return: 0, or -EINVAL (no such stream).
 */
int pmp_demux_select(struct pmp_demux *d, unsigned int index, bool selected);

/**
 * pmp_demux_read - the next packet of a selected stream, in decoding order
 * @d: the demuxer
 * @index: the stream; packets of other selected streams read on the way
 *	wait for their own reader
 * @pkt: the packet, to be released with pmp_demux_packet_release()
 *
 * After an error other than -EINVAL, only a seek reads again.
 *
 * Return: 1 and *@pkt; 0 at the end of the stream (and again on every
 * later call until a seek); -EINVAL (no such stream, or not selected);
 * -EBADMSG (the file is truncated or corrupt there, or the packet's
 * encryption information is); -ENOBUFS; -ENOMEM; -EIO.
 */
int pmp_demux_read(struct pmp_demux *d, unsigned int index,
		   struct pmp_demux_packet *pkt);
void pmp_demux_packet_release(struct pmp_demux_packet *pkt);

/**
 * pmp_demux_seek - resume reading at a keyframe at or before a time
 * @d: the demuxer; its read-ahead is dropped and a sticky error cleared
 * @time: 100 ns units on pmp_demux_time()'s timeline, for every stream
 *
 * Return: 0, -EINVAL (@time negative) or a failure to seek.
 */
int pmp_demux_seek(struct pmp_demux *d, int64_t time);

/**
 * pmp_demux_time - a timestamp of a stream in 100 ns units
 * @stream: the stream, whose time base @ts counts in
 * @ts: the timestamp; PMP_DEMUX_NO_TS stays so
 *
 * Return: @ts in 100 ns units, rounded to the nearest.
 */
int64_t pmp_demux_time(const struct pmp_demux_stream *stream, int64_t ts);

#endif /* PMP_LIB_MF_DEMUX_H */
