// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * demux.c - local media files through libavformat, for the media source
 *
 * The location becomes "file:" and a path before libavformat sees it, so
 * that no string of the caller's can name another protocol, and the
 * protocol whitelist ("file") keeps it so for whatever a demuxer opens on
 * its own.  The file is probed on an I/O context of ours before a demuxer
 * opens it: "no format knows these bytes" (-EMEDIUMTYPE) and "a format
 * knows them but they are broken" (-EBADMSG) then come from two different
 * calls rather than from one error code.
 *
 * Which streams are encrypted is known only from their packets (ffmpeg's
 * 'encv' tracks show as plain 'avc1' ones), so opening reads ahead until
 * every stream has shown its first packet; those packets wait in their
 * stream's queue, as do packets read on the way to another stream's.
 */

#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libavformat/avformat.h>
#include <libavutil/encryption_info.h>

#include "demux.h"

#define MESSAGE_MAX 512

/* A packet read for a stream whose reader has not asked for it yet. */
struct queued_packet {
	AVPacket *pkt;
	struct queued_packet *next;
};

/*
 * struct demux_stream - a stream: what pmp_demux_stream() shows, and its
 * reading state
 * @seen: its first packet has been read (and @info.encrypted set from it)
 * @queue: its packets read ahead, oldest first; @tail points at the last
 *	next pointer
 */
struct demux_stream {
	struct pmp_demux_stream info;
	bool selected;
	bool seen;
	struct queued_packet *queue;
	struct queued_packet **tail;
};

/**
 * struct pmp_demux - an open file
 * @location: as the caller gave it, for messages
 * @pb: the file, opened by us (libavformat leaves it open on close)
 * @ctx: libavformat's demuxer
 * @queued_bytes: the size of every packet in every stream's queue
 * @eof: libavformat has no more packets
 * @error: the sticky error of the last failed read, 0 if none
 * @av_said: the last error libavformat logged during the current call
 * @message: what pmp_demux_message() returns
 */
struct pmp_demux {
	char *location;
	AVIOContext *pb;
	AVFormatContext *ctx;
	struct demux_stream *streams;
	unsigned int stream_count;
	size_t queued_bytes;
	bool eof;
	int error;
	char av_said[MESSAGE_MAX];
	char message[MESSAGE_MAX];
};

/* The demuxer whose libavformat call this thread is making, if any. */
static __thread struct pmp_demux *log_owner;
/* Why this thread's last pmp_demux_open() failed. */
static __thread char open_message[MESSAGE_MAX];
static pthread_once_t log_once = PTHREAD_ONCE_INIT;

/*
 * A library does not print: what libavformat logs while working for a
 * demuxer is kept (its last error, as the reason of a failure) and the
 * rest dropped.  The callback is process-wide, so messages of anyone
 * else's libav* calls go to libavutil's default callback, which is what
 * they would have met without libpmp.
 */
static void log_message(void *avcl, int level, const char *fmt, va_list vl)
{
	struct pmp_demux *d = log_owner;
	int print_prefix = 0;
	size_t len;

	if (!d) {
		av_log_default_callback(avcl, level, fmt, vl);
		return;
	}
	if (level > AV_LOG_ERROR)
		return;
	av_log_format_line2(avcl, level, fmt, vl, d->av_said,
			    sizeof(d->av_said), &print_prefix);
	len = strlen(d->av_said);
	while (len && isspace((unsigned char)d->av_said[len - 1]))
		d->av_said[--len] = '\0';
}

static void install_log_callback(void)
{
	av_log_set_callback(log_message);
}

/* Starts a call on @d: its message and libavformat's words are reset. */
static void begin_call(struct pmp_demux *d)
{
	d->message[0] = '\0';
	d->av_said[0] = '\0';
	log_owner = d;
}

static int end_call(int ret)
{
	log_owner = NULL;
	return ret;
}

/* Appends @s to the string in @buf, as much as fits. */
static void append(char *buf, size_t size, const char *s)
{
	size_t len = strlen(buf), n = strlen(s);

	if (n > size - 1 - len)
		n = size - 1 - len;
	memcpy(buf + len, s, n);
	buf[len + n] = '\0';
}

/* Sets @d's message, "location: what (libavformat: why)", and returns @err. */
__attribute__((format(printf, 3, 4)))
static int fail(struct pmp_demux *d, int err, const char *fmt, ...)
{
	size_t len;
	va_list ap;

	len = snprintf(d->message, sizeof(d->message), "%s: ", d->location);
	if (len >= sizeof(d->message))
		return err;
	va_start(ap, fmt);
	vsnprintf(d->message + len, sizeof(d->message) - len, fmt, ap);
	va_end(ap);
	if (d->av_said[0]) {
		append(d->message, sizeof(d->message), " (libavformat: ");
		append(d->message, sizeof(d->message), d->av_said);
		append(d->message, sizeof(d->message), ")");
	}
	return err;
}

static int errno_from_av(int averr)
{
	switch (averr) {
	case AVERROR_INVALIDDATA:
	case AVERROR_EOF:
	case AVERROR_BUG:
		return -EBADMSG;
	case AVERROR_PROTOCOL_NOT_FOUND:
		return -EPROTONOSUPPORT;
	case AVERROR_DEMUXER_NOT_FOUND:
	case AVERROR_STREAM_NOT_FOUND:
		return -EMEDIUMTYPE;
	}
	/* AVERROR(e) is -e; libav's own codes are tags far below -4095. */
	if (averr < 0 && averr > -4096)
		return averr;
	return -EIO;
}

/* A libavformat failure in @what: its errno, and the message. */
static int fail_av(struct pmp_demux *d, int averr, const char *what)
{
	char text[AV_ERROR_MAX_STRING_SIZE];
	int err = errno_from_av(averr);

	if (err == -EBADMSG)
		return fail(d, err, "%s: the file is truncated or corrupt",
			    what);
	av_strerror(averr, text, sizeof(text));
	return fail(d, err, "%s: %s", what, text);
}

/* ---- locations ---- */

/* Decodes @path's %XX escapes into @out (PATH_MAX bytes). */
static int percent_decode(struct pmp_demux *d, const char *path, char *out)
{
	char hex[3] = { 0 };
	size_t n = 0;

	for (; *path; path++) {
		char c = *path;

		if (c == '%') {
			if (!isxdigit((unsigned char)path[1]) ||
			    !isxdigit((unsigned char)path[2]))
				return fail(d, -EINVAL,
					    "'%%' not followed by two hex digits");
			hex[0] = path[1];
			hex[1] = path[2];
			c = (char)strtoul(hex, NULL, 16);
			if (!c)
				return fail(d, -EINVAL,
					    "%%00 cannot be in a path");
			path += 2;
		}
		if (n == PATH_MAX - 1)
			return fail(d, -ENAMETOOLONG, "the path is too long");
		out[n++] = c;
	}
	out[n] = '\0';
	return 0;
}

/* The path of a file: URL (@rest follows "file:"), into @out. */
static int file_url_path(struct pmp_demux *d, const char *rest, char *out)
{
	size_t host_len;

	if (!strncmp(rest, "//", 2)) {
		rest += 2;
		host_len = strcspn(rest, "/?#");
		if (host_len && (host_len != strlen("localhost") ||
				 strncasecmp(rest, "localhost", host_len)))
			return fail(d, -EINVAL,
				    "names host '%.*s': only local files can be opened",
				    (int)host_len, rest);
		rest += host_len;
	}
	if (rest[0] != '/')
		return fail(d, -EINVAL,
			    "a file URL needs an absolute path (file:///path)");
	if (strpbrk(rest, "?#"))
		return fail(d, -EINVAL,
			    "a file URL with a query or fragment (escape '?' as %%3F, '#' as %%23)");
	return percent_decode(d, rest, out);
}

/*
 * The URL libavformat gets for @location: "file:" and the path, so that
 * its file protocol takes every byte after the prefix as the path.
 */
static int location_to_url(struct pmp_demux *d, const char *location,
			   char **url)
{
	char path[PATH_MAX];
	const char *p = location;
	int ret;

	if (!*location)
		return fail(d, -EINVAL, "an empty location");
	/* RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
	if (isalpha((unsigned char)*p)) {
		while (isalnum((unsigned char)*p) || strchr("+-.", *p))
			p++;
	}
	if (p != location && *p == ':') {
		if (p - location != 4 || strncasecmp(location, "file", 4))
			return fail(d, -EPROTONOSUPPORT,
				    "the URL scheme '%.*s' is not supported: give a path or a file:// URL",
				    (int)(p - location), location);
		ret = file_url_path(d, p + 1, path);
		if (ret)
			return ret;
	} else {
		if (strlen(location) >= PATH_MAX)
			return fail(d, -ENAMETOOLONG, "the path is too long");
		strcpy(path, location);
	}
	if (asprintf(url, "file:%s", path) < 0) {
		*url = NULL;
		return fail(d, -ENOMEM, "out of memory");
	}
	return 0;
}

/* ---- streams ---- */

static struct pmp_demux_ratio ratio_or_unknown(AVRational r)
{
	if (r.num <= 0 || r.den <= 0)
		return (struct pmp_demux_ratio){ 0, 0 };
	return (struct pmp_demux_ratio){ r.num, r.den };
}

static void free_init_info(struct pmp_demux_stream *s)
{
	struct pmp_demux_init_info *info;
	uint32_t i;

	info = (struct pmp_demux_init_info *)s->init_info;
	for (i = 0; i < s->init_info_count; i++) {
		free(info[i].key_ids);
		free(info[i].data);
	}
	free(info);
	s->init_info = NULL;
	s->init_info_count = 0;
}

/* Copies one system's initialization data; -EBADMSG if it is malformed. */
static int copy_init_info(struct pmp_demux_init_info *to,
			  const AVEncryptionInitInfo *from)
{
	size_t i;

	if (from->system_id_size != PMP_DEMUX_SYSTEM_ID_SIZE ||
	    (from->num_key_ids &&
	     from->key_id_size != PMP_DEMUX_KEY_ID_SIZE))
		return -EBADMSG;
	memcpy(to->system_id, from->system_id, PMP_DEMUX_SYSTEM_ID_SIZE);
	if (from->num_key_ids) {
		to->key_ids = calloc(from->num_key_ids, sizeof(*to->key_ids));
		if (!to->key_ids)
			return -ENOMEM;
		for (i = 0; i < from->num_key_ids; i++)
			memcpy(to->key_ids[i], from->key_ids[i],
			       PMP_DEMUX_KEY_ID_SIZE);
		to->key_id_count = from->num_key_ids;
	}
	if (from->data_size) {
		to->data = malloc(from->data_size);
		if (!to->data)
			return -ENOMEM;
		memcpy(to->data, from->data, from->data_size);
		to->data_size = from->data_size;
	}
	return 0;
}

/* The stream's 'pssh' data, which libavformat keeps as stream side data. */
static int read_init_info(struct pmp_demux *d, AVStream *st,
			  struct pmp_demux_stream *s)
{
	struct pmp_demux_init_info *info;
	AVEncryptionInitInfo *list, *it;
	const uint8_t *sd;
	uint32_t count = 0;
	size_t size;
	int ret = 0;

	sd = av_stream_get_side_data(st, AV_PKT_DATA_ENCRYPTION_INIT_INFO,
				     &size);
	if (!sd)
		return 0;
	list = av_encryption_init_info_get_side_data(sd, size);
	if (!list)
		return fail(d, -EBADMSG,
			    "stream %d: malformed protection system data",
			    s->index);
	for (it = list; it; it = it->next)
		count++;
	info = calloc(count, sizeof(*info));
	if (!info) {
		av_encryption_init_info_free(list);
		return fail(d, -ENOMEM, "out of memory");
	}
	s->init_info = info;
	s->init_info_count = count;
	for (it = list; it && !ret; it = it->next)
		ret = copy_init_info(info++, it);
	av_encryption_init_info_free(list);
	if (ret == -EBADMSG)
		return fail(d, ret,
			    "stream %d: malformed protection system data",
			    s->index);
	if (ret)
		return fail(d, ret, "out of memory");
	return 0;
}

/* What the file says of stream @i, refused if beyond the limits. */
static int describe_stream(struct pmp_demux *d, unsigned int i)
{
	AVStream *st = d->ctx->streams[i];
	AVCodecParameters *par = st->codecpar;
	struct pmp_demux_stream *s = &d->streams[i].info;

	s->index = i;
	s->media_type = par->codec_type;
	s->codec_id = par->codec_id;
	s->profile = par->profile;
	s->level = par->level;
	if (st->time_base.num <= 0 || st->time_base.den <= 0)
		return fail(d, -EBADMSG, "stream %u: a time base of %d/%d",
			    i, st->time_base.num, st->time_base.den);
	s->time_base = ratio_or_unknown(st->time_base);
	if (par->codec_type == AVMEDIA_TYPE_VIDEO) {
		if (par->width <= 0 || par->height <= 0 ||
		    par->width > PMP_DEMUX_DIMENSION_MAX ||
		    par->height > PMP_DEMUX_DIMENSION_MAX)
			return fail(d, -EBADMSG,
				    "stream %u: %dx%d pictures are beyond %dx%d",
				    i, par->width, par->height,
				    PMP_DEMUX_DIMENSION_MAX,
				    PMP_DEMUX_DIMENSION_MAX);
		s->width = par->width;
		s->height = par->height;
		s->frame_rate = ratio_or_unknown(st->avg_frame_rate);
		s->sample_aspect_ratio = ratio_or_unknown(
			av_guess_sample_aspect_ratio(d->ctx, st, NULL));
	}
	s->duration = st->duration > 0 ? st->duration : 0;
	s->frame_count = st->nb_frames > 0 ? st->nb_frames : 0;
	if (par->extradata_size < 0 ||
	    (unsigned int)par->extradata_size > PMP_DEMUX_EXTRADATA_MAX)
		return fail(d, -EBADMSG,
			    "stream %u: %d bytes of codec configuration", i,
			    par->extradata_size);
	if (par->extradata_size) {
		s->extradata = par->extradata;
		s->extradata_size = par->extradata_size;
	}
	d->streams[i].selected = true;
	d->streams[i].tail = &d->streams[i].queue;
	return read_init_info(d, st, s);
}

static void drop_queue(struct pmp_demux *d, struct demux_stream *s)
{
	struct queued_packet *q;

	while ((q = s->queue)) {
		s->queue = q->next;
		d->queued_bytes -= q->pkt->size;
		av_packet_free(&q->pkt);
		free(q);
	}
	s->tail = &s->queue;
}

static int enqueue(struct pmp_demux *d, struct demux_stream *s, AVPacket *pkt)
{
	struct queued_packet *q;

	if (d->queued_bytes + pkt->size > PMP_DEMUX_QUEUE_BYTES_MAX)
		return fail(d, -ENOBUFS,
			    "packets of stream %d pile up unread (%zu bytes)",
			    s->info.index, d->queued_bytes);
	q = malloc(sizeof(*q));
	if (!q)
		return fail(d, -ENOMEM, "out of memory");
	q->pkt = pkt;
	q->next = NULL;
	*s->tail = q;
	s->tail = &q->next;
	d->queued_bytes += pkt->size;
	return 0;
}

static AVPacket *dequeue(struct pmp_demux *d, struct demux_stream *s)
{
	struct queued_packet *q = s->queue;
	AVPacket *pkt;

	if (!q)
		return NULL;
	s->queue = q->next;
	if (!s->queue)
		s->tail = &s->queue;
	pkt = q->pkt;
	d->queued_bytes -= pkt->size;
	free(q);
	return pkt;
}

/* ---- packets ---- */

static bool known_scheme(uint32_t scheme)
{
	return scheme == PMP_CENC_SCHEME_CENC ||
	       scheme == PMP_CENC_SCHEME_CBC1 ||
	       scheme == PMP_CENC_SCHEME_CENS ||
	       scheme == PMP_CENC_SCHEME_CBCS;
}

/* @info's fields, checked against the packet's @size, into @cenc. */
static int copy_cenc(const AVEncryptionInfo *info, uint32_t size,
		     struct pmp_demux_cenc *cenc)
{
	uint64_t covered = 0;
	uint32_t i;

	if (!known_scheme(info->scheme) ||
	    info->key_id_size != PMP_DEMUX_KEY_ID_SIZE ||
	    (info->iv_size != 8 && info->iv_size != 16) ||
	    info->crypt_byte_block > 15 || info->skip_byte_block > 15 ||
	    info->subsample_count > size)
		return -EBADMSG;
	for (i = 0; i < info->subsample_count; i++)
		covered += (uint64_t)info->subsamples[i].bytes_of_clear_data +
			   info->subsamples[i].bytes_of_protected_data;
	if (info->subsample_count && covered != size)
		return -EBADMSG;
	cenc->scheme = info->scheme;
	cenc->crypt_byte_block = info->crypt_byte_block;
	cenc->skip_byte_block = info->skip_byte_block;
	memcpy(cenc->key_id, info->key_id, PMP_DEMUX_KEY_ID_SIZE);
	memcpy(cenc->iv, info->iv, info->iv_size);
	cenc->iv_size = info->iv_size;
	if (!info->subsample_count)
		return 0;
	cenc->subsamples = calloc(info->subsample_count,
				  sizeof(*cenc->subsamples));
	if (!cenc->subsamples)
		return -ENOMEM;
	for (i = 0; i < info->subsample_count; i++) {
		cenc->subsamples[i].clear =
			info->subsamples[i].bytes_of_clear_data;
		cenc->subsamples[i].encrypted =
			info->subsamples[i].bytes_of_protected_data;
	}
	cenc->subsample_count = info->subsample_count;
	return 0;
}

/* The packet's Common Encryption side data, if it has any. */
static int read_cenc(const AVPacket *pkt, struct pmp_demux_packet *out)
{
	AVEncryptionInfo *info;
	const uint8_t *sd;
	size_t size;
	int ret;

	sd = av_packet_get_side_data(pkt, AV_PKT_DATA_ENCRYPTION_INFO, &size);
	if (!sd)
		return 0;
	/* NULL for a malformed blob and for no memory alike. */
	info = av_encryption_info_get_side_data(sd, size);
	if (!info)
		return -EBADMSG;
	ret = copy_cenc(info, out->size, &out->cenc);
	av_encryption_info_free(info);
	if (ret)
		return ret;
	out->encrypted = true;
	return 0;
}

/* Hands @pkt out as @out, or frees it and fails. */
static int hand_out(struct pmp_demux *d, AVPacket *pkt,
		    struct pmp_demux_packet *out)
{
	int ret;

	memset(out, 0, sizeof(*out));
	out->stream = pkt->stream_index;
	if (pkt->flags & AV_PKT_FLAG_CORRUPT)
		ret = fail(d, -EBADMSG,
			   "stream %d: the packet at dts %" PRId64
			   " is cut short or damaged: the file is truncated or corrupt",
			   out->stream, pkt->dts);
	else if (pkt->size <= 0 ||
		 (unsigned int)pkt->size > PMP_DEMUX_PACKET_MAX)
		ret = fail(d, -EBADMSG,
			   "stream %d: a packet of %d bytes at dts %" PRId64,
			   out->stream, pkt->size, pkt->dts);
	else
		ret = 0;
	if (!ret) {
		out->size = pkt->size;
		ret = read_cenc(pkt, out);
		if (ret == -ENOMEM)
			ret = fail(d, ret, "out of memory");
		else if (ret)
			ret = fail(d, ret,
				   "stream %d: malformed encryption information for the packet at dts %" PRId64,
				   out->stream, pkt->dts);
	}
	if (ret) {
		av_packet_free(&pkt);
		memset(out, 0, sizeof(*out));
		return ret;
	}
	out->pts = pkt->pts;
	out->dts = pkt->dts;
	out->duration = pkt->duration > 0 ? pkt->duration : 0;
	out->keyframe = pkt->flags & AV_PKT_FLAG_KEY;
	out->data = pkt->data;
	out->priv = pkt;
	return 1;
}

void pmp_demux_packet_release(struct pmp_demux_packet *pkt)
{
	AVPacket *avpkt;

	if (!pkt)
		return;
	avpkt = pkt->priv;
	av_packet_free(&avpkt);
	free(pkt->cenc.subsamples);
	memset(pkt, 0, sizeof(*pkt));
}

/*
 * The next packet of a selected stream from libavformat: 1 and *@out, 0
 * at the end of the file, or an error.  Packets of streams found after
 * opening (formats without a header) and of deselected ones are dropped.
 */
static int read_next(struct pmp_demux *d, AVPacket **out)
{
	AVPacket *pkt = av_packet_alloc();
	int ret;

	if (!pkt)
		return fail(d, -ENOMEM, "out of memory");
	for (;;) {
		ret = av_read_frame(d->ctx, pkt);
		if (ret == AVERROR_EOF) {
			av_packet_free(&pkt);
			d->eof = true;
			return 0;
		}
		if (ret < 0) {
			av_packet_free(&pkt);
			return fail_av(d, ret, "reading");
		}
		if ((unsigned int)pkt->stream_index < d->stream_count &&
		    d->streams[pkt->stream_index].selected)
			break;
		av_packet_unref(pkt);
	}
	*out = pkt;
	return 1;
}

/* Notes what a stream's first packet says of its encryption. */
static void note_first_packet(struct demux_stream *s, const AVPacket *pkt)
{
	AVEncryptionInfo *info;
	const uint8_t *sd;
	size_t size;

	s->seen = true;
	sd = av_packet_get_side_data(pkt, AV_PKT_DATA_ENCRYPTION_INFO, &size);
	info = sd ? av_encryption_info_get_side_data(sd, size) : NULL;
	if (!info)
		return;
	if (info->key_id_size == PMP_DEMUX_KEY_ID_SIZE) {
		s->info.encrypted = true;
		s->info.scheme = info->scheme;
		memcpy(s->info.key_id, info->key_id, PMP_DEMUX_KEY_ID_SIZE);
	}
	av_encryption_info_free(info);
}

/*
 * Reads ahead until every stream has shown its first packet, or for
 * PMP_DEMUX_PROBE_PACKETS packets; they wait in their queues.
 */
static int probe_encryption(struct pmp_demux *d)
{
	unsigned int unseen = d->stream_count, n;
	struct demux_stream *s;
	AVPacket *pkt;
	int ret;

	for (n = 0; unseen && n < PMP_DEMUX_PROBE_PACKETS; n++) {
		ret = read_next(d, &pkt);
		if (ret <= 0)
			return ret;
		s = &d->streams[pkt->stream_index];
		if (!s->seen) {
			note_first_packet(s, pkt);
			unseen--;
		}
		ret = enqueue(d, s, pkt);
		if (ret) {
			av_packet_free(&pkt);
			return ret;
		}
	}
	return 0;
}

/* ---- the demuxer ---- */

static int open_file(struct pmp_demux *d, const char *url)
{
	const AVInputFormat *fmt = NULL;
	AVDictionary *opts = NULL;
	unsigned int i;
	int ret;

	ret = av_dict_set(&opts, "protocol_whitelist", "file", 0);
	if (ret < 0)
		return fail(d, -ENOMEM, "out of memory");
	ret = avio_open2(&d->pb, url, AVIO_FLAG_READ, NULL, &opts);
	av_dict_free(&opts);
	if (ret < 0) {
		d->av_said[0] = '\0';
		return fail(d, errno_from_av(ret), "cannot open it: %s",
			    strerror(-errno_from_av(ret)));
	}
	ret = av_probe_input_buffer2(d->pb, &fmt, url, NULL, 0, 0);
	if (ret < 0 && errno_from_av(ret) == -EBADMSG)
		return fail(d, -EMEDIUMTYPE,
			    "not a media file that libavformat knows");
	if (ret < 0)
		return fail_av(d, ret, "reading");

	d->ctx = avformat_alloc_context();
	if (!d->ctx || av_dict_set(&opts, "protocol_whitelist", "file", 0) < 0)
		return fail(d, -ENOMEM, "out of memory");
	d->ctx->pb = d->pb;
	ret = avformat_open_input(&d->ctx, url, fmt, &opts);
	av_dict_free(&opts);
	if (ret < 0)
		return fail_av(d, ret, "opening it");
	ret = avformat_find_stream_info(d->ctx, NULL);
	if (ret < 0)
		return fail_av(d, ret, "reading its streams");

	if (d->ctx->nb_streams > PMP_DEMUX_STREAMS_MAX)
		return fail(d, -EBADMSG, "%u streams are more than %d",
			    d->ctx->nb_streams, PMP_DEMUX_STREAMS_MAX);
	d->streams = calloc(d->ctx->nb_streams ? d->ctx->nb_streams : 1,
			    sizeof(*d->streams));
	if (!d->streams)
		return fail(d, -ENOMEM, "out of memory");
	d->stream_count = d->ctx->nb_streams;
	for (i = 0; i < d->stream_count; i++) {
		ret = describe_stream(d, i);
		if (ret)
			return ret;
	}
	return probe_encryption(d);
}

int pmp_demux_open(const char *location, struct pmp_demux **out)
{
	_Static_assert(PMP_DEMUX_NO_TS == AV_NOPTS_VALUE,
		       "PMP_DEMUX_NO_TS is libavutil's AV_NOPTS_VALUE");
	struct pmp_demux *d;
	char *url = NULL;
	int ret;

	open_message[0] = '\0';
	if (!out || !location) {
		snprintf(open_message, sizeof(open_message),
			 "no location or no place for the demuxer");
		return -EINVAL;
	}
	*out = NULL;
	d = calloc(1, sizeof(*d));
	if (d)
		d->location = strdup(location);
	if (!d || !d->location) {
		free(d);
		snprintf(open_message, sizeof(open_message), "out of memory");
		return -ENOMEM;
	}
	pthread_once(&log_once, install_log_callback);
	begin_call(d);
	ret = location_to_url(d, location, &url);
	if (!ret)
		ret = open_file(d, url);
	free(url);
	end_call(ret);
	if (ret < 0) {
		memcpy(open_message, d->message, sizeof(open_message));
		pmp_demux_free(d);
		return ret;
	}
	*out = d;
	return 0;
}

void pmp_demux_free(struct pmp_demux *d)
{
	unsigned int i;

	if (!d)
		return;
	for (i = 0; i < d->stream_count; i++) {
		drop_queue(d, &d->streams[i]);
		free_init_info(&d->streams[i].info);
	}
	free(d->streams);
	avformat_close_input(&d->ctx);
	avio_closep(&d->pb);
	free(d->location);
	free(d);
}

const char *pmp_demux_message(const struct pmp_demux *d)
{
	return d ? d->message : open_message;
}

unsigned int pmp_demux_stream_count(const struct pmp_demux *d)
{
	return d ? d->stream_count : 0;
}

const struct pmp_demux_stream *pmp_demux_stream(const struct pmp_demux *d,
						unsigned int index)
{
	if (!d || index >= d->stream_count)
		return NULL;
	return &d->streams[index].info;
}

int64_t pmp_demux_duration(const struct pmp_demux *d)
{
	if (!d || d->ctx->duration <= 0 ||
	    d->ctx->duration > INT64_MAX / (10000000 / AV_TIME_BASE))
		return 0;
	return d->ctx->duration * (10000000 / AV_TIME_BASE);
}

int64_t pmp_demux_start_time(const struct pmp_demux *d)
{
	return d ? d->ctx->start_time : PMP_DEMUX_NO_TS;
}

int pmp_demux_select(struct pmp_demux *d, unsigned int index, bool selected)
{
	struct demux_stream *s;

	if (!d || index >= d->stream_count)
		return -EINVAL;
	s = &d->streams[index];
	s->selected = selected;
	d->ctx->streams[index]->discard = selected ? AVDISCARD_DEFAULT
						   : AVDISCARD_ALL;
	if (!selected)
		drop_queue(d, s);
	return 0;
}

/*
 * After a failure other than a bad argument, libavformat's position is
 * unknown: the error stays until a seek puts it somewhere known.
 */
static int read_packet(struct pmp_demux *d, struct demux_stream *s,
		       struct pmp_demux_packet *pkt)
{
	AVPacket *avpkt;
	int ret;

	if (d->error)
		return fail(d, d->error, "an earlier read failed: seek first");
	avpkt = dequeue(d, s);
	if (avpkt)
		return hand_out(d, avpkt, pkt);
	while (!d->eof) {
		ret = read_next(d, &avpkt);
		if (ret <= 0)
			return ret;
		if (avpkt->stream_index == s->info.index)
			return hand_out(d, avpkt, pkt);
		ret = enqueue(d, &d->streams[avpkt->stream_index], avpkt);
		if (ret) {
			av_packet_free(&avpkt);
			return ret;
		}
	}
	return 0;
}

int pmp_demux_read(struct pmp_demux *d, unsigned int index,
		   struct pmp_demux_packet *pkt)
{
	int ret;

	if (!d)
		return -EINVAL;
	begin_call(d);
	if (!pkt || index >= d->stream_count)
		return end_call(fail(d, -EINVAL, "no stream %u", index));
	if (!d->streams[index].selected)
		return end_call(fail(d, -EINVAL, "stream %u is not selected",
				     index));
	ret = read_packet(d, &d->streams[index], pkt);
	if (ret < 0)
		d->error = ret;
	return end_call(ret);
}

int pmp_demux_seek(struct pmp_demux *d, int64_t time)
{
	unsigned int i;
	int ret;

	if (!d)
		return -EINVAL;
	begin_call(d);
	if (time < 0)
		return end_call(fail(d, -EINVAL, "a seek to %" PRId64, time));
	for (i = 0; i < d->stream_count; i++)
		drop_queue(d, &d->streams[i]);
	/* 100 ns to AV_TIME_BASE's microseconds, down: at or before. */
	time /= 10000000 / AV_TIME_BASE;
	ret = avformat_seek_file(d->ctx, -1, INT64_MIN, time, time, 0);
	if (ret < 0) {
		d->error = fail_av(d, ret, "seeking");
		return end_call(d->error);
	}
	d->eof = false;
	d->error = 0;
	return end_call(0);
}

int64_t pmp_demux_time(const struct pmp_demux_stream *stream, int64_t ts)
{
	AVRational tb = { stream->time_base.num, stream->time_base.den };

	return av_rescale_q_rnd(ts, tb, (AVRational){ 1, 10000000 },
				AV_ROUND_NEAR_INF | AV_ROUND_PASS_MINMAX);
}
