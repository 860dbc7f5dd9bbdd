// SPDX-License-Identifier: GPL-2.0
/*
 * play.c - pmpplay's playback: the application's side of a PMP Media
 * Session, written against Media Foundation's API and pmp's two session
 * services
 *
 * The source is libpmp's (MFCreateSourceResolver: libavformat, in this
 * process); the topology is that source's first video stream connected
 * to the hash sink (CLSID_PmpHashSink, rateless: as fast as it decodes),
 * which lives in the PMP process behind the decryptor and the decoder the
 * session inserts there.  Only records leave the host: per frame, its
 * time, its packed size and the MD5 of its picture
 * (IPmpSinkOutput::ReadSample); this file turns them into ffmpeg's
 * framemd5 lines with ffmpeg's own timestamp rule (framemd5.c).
 */

#define COBJMACROS
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mfapi.h>
#include <mferror.h>
#include <mfidl.h>
#include <pmpmedia.h>

#include "framemd5.h"
#include "pmpplay.h"

/* How long one wait for a frame record lasts before events are looked at. */
#define RECORD_WAIT_MS 200
/* How long the session may take to say it is ready, or closed. */
#define EVENT_WAIT_MS 30000

struct player {
	const struct pmpplay_options *o;
	IMFMediaSource *source;
	IMFMediaSession *session;
	IPmpSinkOutput *output;
	TOPOID sink_node;
	struct pmp_framemd5_clock clock;
	struct pmp_framemd5_stream stream;
	/* The stream's time base, for sample times in 100 ns units. */
	int64_t tb_num, tb_den;
	unsigned long frames;
	LONGLONG duration;
};

/* The names of the results pmpplay may meet, for its messages. */
static const char *hr_name(HRESULT hr)
{
	static const struct {
		HRESULT hr;
		const char *name;
	} names[] = {
		{ MF_E_LICENSE_REQUIRED, "no key for the content" },
		{ MF_E_TOPO_CODEC_NOT_FOUND, "no decoder for this stream" },
		{ MF_E_TOPO_CANNOT_FIND_DECRYPTOR, "no decryptor installed" },
		{ MF_E_INVALID_FILE_FORMAT, "not a media file pmp reads" },
		{ MF_E_UNSUPPORTED_BYTESTREAM_TYPE, "not a media file pmp reads" },
		{ MF_E_INVALID_STREAM_DATA, "corrupt or truncated media data" },
		{ MF_E_INVALIDMEDIATYPE, "a media type pmp cannot play" },
		{ MF_E_SHUTDOWN, "the PMP process has gone" },
		{ MF_E_PE_UNTRUSTED, "a component failed its trust checks" },
		{ MF_E_POLICY_UNSUPPORTED, "the output policy forbids it" },
		{ MF_E_UNSUPPORTED_SCHEME, "only local files are played" },
		{ E_ACCESSDENIED, "permission denied" },
		{ E_OUTOFMEMORY, "out of memory" },
		{ E_INVALIDARG, "invalid argument" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].hr == hr)
			return names[i].name;
	return "failed";
}

static int fail(const char *what, HRESULT hr)
{
	fprintf(stderr, "pmpplay: %s: %s (0x%08x)\n", what, hr_name(hr),
		(unsigned int)hr);
	return 1;
}

/* UTF-8 into the UTF-16 Media Foundation takes; NULL if malformed. */
static WCHAR *to_utf16(const char *s)
{
	size_t len = strlen(s), i = 0, o = 0;
	const unsigned char *u = (const unsigned char *)s;
	WCHAR *w = malloc((len + 1) * sizeof(*w));
	uint32_t cp;
	int more;

	if (!w)
		return NULL;
	while (i < len) {
		if (u[i] < 0x80) {
			cp = u[i];
			more = 0;
		} else if ((u[i] & 0xe0) == 0xc0) {
			cp = u[i] & 0x1f;
			more = 1;
		} else if ((u[i] & 0xf0) == 0xe0) {
			cp = u[i] & 0x0f;
			more = 2;
		} else if ((u[i] & 0xf8) == 0xf0) {
			cp = u[i] & 0x07;
			more = 3;
		} else {
			goto bad;
		}
		for (i++; more; more--, i++) {
			if (i >= len || (u[i] & 0xc0) != 0x80)
				goto bad;
			cp = cp << 6 | (u[i] & 0x3f);
		}
		if (cp >= 0x10000) {
			cp -= 0x10000;
			w[o++] = (WCHAR)(0xd800 | cp >> 10);
			w[o++] = (WCHAR)(0xdc00 | (cp & 0x3ff));
		} else {
			w[o++] = (WCHAR)cp;
		}
	}
	w[o] = 0;
	return w;
bad:
	free(w);
	return NULL;
}

static HRESULT open_source(struct player *p)
{
	IMFSourceResolver *resolver = NULL;
	MF_OBJECT_TYPE type = MF_OBJECT_INVALID;
	IUnknown *unk = NULL;
	char *abs = realpath(p->o->path, NULL);
	WCHAR *url;
	HRESULT hr;

	if (!abs) {
		fprintf(stderr, "pmpplay: %s: %s\n", p->o->path,
			strerror(errno));
		return E_FAIL;
	}
	url = to_utf16(abs);
	free(abs);
	if (!url)
		return E_INVALIDARG;
	hr = MFCreateSourceResolver(&resolver);
	if (SUCCEEDED(hr))
		hr = IMFSourceResolver_CreateObjectFromURL(
			resolver, url, MF_RESOLUTION_MEDIASOURCE, NULL, &type,
			&unk);
	if (SUCCEEDED(hr))
		hr = IUnknown_QueryInterface(unk, &IID_IMFMediaSource,
					     (void **)&p->source);
	if (unk)
		IUnknown_Release(unk);
	if (resolver)
		IMFSourceResolver_Release(resolver);
	free(url);
	return hr;
}

/* What the framemd5 header and clock need, from the stream's media type. */
static HRESULT read_type(struct player *p, IMFStreamDescriptor *sd)
{
	IMFMediaTypeHandler *handler = NULL;
	IMFMediaType *type = NULL;
	UINT64 size = 0, rate = 0, par = 0, tb = 0, start = 0;
	int64_t start_us = PMP_FRAMEMD5_NOPTS;
	HRESULT hr;

	hr = IMFStreamDescriptor_GetMediaTypeHandler(sd, &handler);
	if (SUCCEEDED(hr))
		hr = IMFMediaTypeHandler_GetCurrentMediaType(handler, &type);
	if (SUCCEEDED(hr))
		hr = IMFMediaType_GetUINT64(type, &MF_MT_FRAME_SIZE, &size);
	if (SUCCEEDED(hr))
		hr = IMFMediaType_GetUINT64(type, &PMP_MT_TIME_BASE, &tb);
	if (SUCCEEDED(hr) && (!(tb >> 32) || !(UINT32)tb ||
			      tb >> 32 > INT_MAX || (UINT32)tb > INT_MAX))
		hr = MF_E_INVALIDMEDIATYPE;
	if (SUCCEEDED(hr)) {
		IMFMediaType_GetUINT64(type, &MF_MT_FRAME_RATE, &rate);
		IMFMediaType_GetUINT64(type, &MF_MT_PIXEL_ASPECT_RATIO, &par);
		if (SUCCEEDED(IMFMediaType_GetUINT64(type, &PMP_MT_START_TIME,
						     &start)))
			start_us = (int64_t)start;
		if (rate >> 32 > INT_MAX || (UINT32)rate > INT_MAX)
			rate = 0;
		p->tb_num = (int64_t)(tb >> 32);
		p->tb_den = (UINT32)tb;
		if (pmp_framemd5_clock_init(&p->clock, (int)p->tb_num,
					    (int)p->tb_den, (int)(rate >> 32),
					    (int)(UINT32)rate, start_us))
			hr = MF_E_INVALIDMEDIATYPE;
	}
	if (SUCCEEDED(hr)) {
		p->stream.tb_num = p->clock.out_tb_num;
		p->stream.tb_den = p->clock.out_tb_den;
		p->stream.width = (int)(size >> 32);
		p->stream.height = (int)(UINT32)size;
		p->stream.sar_num = (int)(par >> 32);
		p->stream.sar_den = par ? (int)(UINT32)par : 1;
	}
	if (type)
		IMFMediaType_Release(type);
	if (handler)
		IMFMediaTypeHandler_Release(handler);
	return hr;
}

/* The first video stream of the source, selected alone; its node's source. */
static HRESULT build_topology(struct player *p, IMFTopology **out)
{
	IMFPresentationDescriptor *pd = NULL;
	IMFTopologyNode *src = NULL, *sink = NULL;
	IMFStreamDescriptor *sd = NULL, *video = NULL;
	IMFMediaTypeHandler *handler;
	IMFTopology *topology = NULL;
	BOOL selected;
	DWORD count = 0, i;
	GUID major;
	HRESULT hr;

	hr = IMFMediaSource_CreatePresentationDescriptor(p->source, &pd);
	if (SUCCEEDED(hr))
		hr = IMFPresentationDescriptor_GetStreamDescriptorCount(pd,
									&count);
	for (i = 0; SUCCEEDED(hr) && i < count; i++) {
		hr = IMFPresentationDescriptor_GetStreamDescriptorByIndex(
			pd, i, &selected, &sd);
		if (FAILED(hr))
			break;
		major = GUID_NULL;
		if (!video &&
		    SUCCEEDED(IMFStreamDescriptor_GetMediaTypeHandler(
			    sd, &handler))) {
			IMFMediaTypeHandler_GetMajorType(handler, &major);
			IMFMediaTypeHandler_Release(handler);
		}
		if (!video && IsEqualGUID(&major, &MFMediaType_Video)) {
			video = sd;
			hr = IMFPresentationDescriptor_SelectStream(pd, i);
		} else {
			IMFStreamDescriptor_Release(sd);
			hr = IMFPresentationDescriptor_DeselectStream(pd, i);
		}
	}
	if (SUCCEEDED(hr) && !video) {
		fprintf(stderr, "pmpplay: %s: no video stream\n", p->o->path);
		hr = MF_E_INVALIDMEDIATYPE;
	}
	if (SUCCEEDED(hr))
		hr = read_type(p, video);
	if (SUCCEEDED(hr))
		hr = MFCreateTopology(&topology);
	if (SUCCEEDED(hr))
		hr = MFCreateTopologyNode(MF_TOPOLOGY_SOURCESTREAM_NODE, &src);
	if (SUCCEEDED(hr))
		hr = IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_SOURCE,
						(IUnknown *)p->source);
	if (SUCCEEDED(hr))
		hr = IMFTopologyNode_SetUnknown(
			src, &MF_TOPONODE_PRESENTATION_DESCRIPTOR,
			(IUnknown *)pd);
	if (SUCCEEDED(hr))
		hr = IMFTopologyNode_SetUnknown(src,
						&MF_TOPONODE_STREAM_DESCRIPTOR,
						(IUnknown *)video);
	if (SUCCEEDED(hr))
		hr = MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, &sink);
	if (SUCCEEDED(hr))
		hr = IMFTopologyNode_SetGUID(sink, &PMP_TOPONODE_OBJECT_CLSID,
					     &CLSID_PmpHashSink);
	if (SUCCEEDED(hr))
		hr = IMFTopologyNode_SetUINT32(sink, &MF_TOPONODE_RATELESS,
					       TRUE);
	if (SUCCEEDED(hr))
		hr = IMFTopology_AddNode(topology, src);
	if (SUCCEEDED(hr))
		hr = IMFTopology_AddNode(topology, sink);
	if (SUCCEEDED(hr))
		hr = IMFTopologyNode_ConnectOutput(src, 0, sink, 0);
	if (SUCCEEDED(hr))
		hr = IMFTopologyNode_GetTopoNodeID(sink, &p->sink_node);
	if (SUCCEEDED(hr))
		IMFPresentationDescriptor_GetUINT64(pd, &MF_PD_DURATION,
						    (UINT64 *)&p->duration);
	if (src)
		IMFTopologyNode_Release(src);
	if (sink)
		IMFTopologyNode_Release(sink);
	if (video)
		IMFStreamDescriptor_Release(video);
	if (pd)
		IMFPresentationDescriptor_Release(pd);
	if (FAILED(hr) && topology) {
		IMFTopology_Release(topology);
		topology = NULL;
	}
	*out = topology;
	return hr;
}

/* Reports a failed session event; 1. */
static int event_failed(IMFMediaEvent *event, MediaEventType type,
			HRESULT status)
{
	PROPVARIANT v;
	const unsigned char *b;

	PropVariantInit(&v);
	IMFMediaEvent_GetValue(event, &v);
	/* The key id as a GUID whose string form is the KID's hex. */
	if (status == MF_E_LICENSE_REQUIRED && v.vt == VT_CLSID && v.puuid) {
		b = v.puuid->Data4;
		fprintf(stderr,
			"pmpplay: no key for KID %08x%04x%04x%02x%02x%02x%02x"
			"%02x%02x%02x%02x\n",
			(unsigned int)v.puuid->Data1, v.puuid->Data2,
			v.puuid->Data3, b[0], b[1], b[2], b[3], b[4], b[5], b[6],
			b[7]);
	} else {
		fail(type == MESessionTopologySet ? "cannot play this file"
						  : "playback failed",
		     status);
	}
	PropVariantClear(&v);
	return 1;
}

/*
 * Takes the session's events until one of type @until: 0, or 1 after an
 * event that failed (reported).  @wait_ms 0: only what is there (-1 when
 * nothing came).
 */
static int take_events(struct player *p, MediaEventType until, DWORD wait_ms)
{
	LONGLONG deadline = MFGetSystemTime() + (LONGLONG)wait_ms * 10000;
	IMFMediaEvent *event;
	MediaEventType type;
	HRESULT hr, status;
	int ret;

	for (;;) {
		hr = IMFMediaSession_GetEvent(p->session, MF_EVENT_FLAG_NO_WAIT,
					      &event);
		if (hr == MF_E_NO_EVENTS_AVAILABLE) {
			if (MFGetSystemTime() >= deadline)
				return wait_ms ? fail("the session did not answer",
						      MF_E_NO_EVENTS_AVAILABLE)
					       : -1;
			usleep(10000);
			continue;
		}
		if (FAILED(hr))
			return fail("session events", hr);
		type = MEUnknown;
		status = S_OK;
		IMFMediaEvent_GetType(event, &type);
		IMFMediaEvent_GetStatus(event, &status);
		ret = FAILED(status) ? event_failed(event, type, status) : 0;
		IMFMediaEvent_Release(event);
		if (ret)
			return ret;
		if (type == until)
			return 0;
	}
}

/* One record of the hash sink: its framemd5 line, when ffmpeg prints one. */
static int print_record(struct player *p, IMFSample *rec)
{
	LONGLONG time = 0, duration = 0;
	UINT8 md5[16];
	UINT32 size = 0, got = 0;
	int64_t pts, dur, out;
	char hex[33];
	int i;

	if (FAILED(IMFSample_GetSampleTime(rec, &time)) ||
	    FAILED(IMFSample_GetUINT32(rec, &PMP_SAMPLE_FRAME_SIZE, &size)) ||
	    FAILED(IMFSample_GetBlob(rec, &PMP_SAMPLE_FRAME_MD5, md5,
				     sizeof(md5), &got)) ||
	    got != sizeof(md5))
		return fail("a frame record", MF_E_INVALID_STREAM_DATA);
	if (FAILED(IMFSample_GetSampleDuration(rec, &duration)))
		duration = 0;
	/* Back into the stream's time base: exact, ticks are >= 100 ns. */
	pts = (int64_t)(((__int128)time * p->tb_den * 2 +
			 (__int128)p->tb_num * 10000000) /
			((__int128)p->tb_num * 20000000));
	dur = (int64_t)(((__int128)duration * p->tb_den * 2 +
			 (__int128)p->tb_num * 10000000) /
			((__int128)p->tb_num * 20000000));
	if (pmp_framemd5_clock_next(&p->clock, pts, dur, &out) != 1)
		return 0;
	for (i = 0; i < 16; i++)
		sprintf(hex + 2 * i, "%02x", md5[i]);
	printf("0, %10" PRId64 ", %10" PRId64 ", %8d, %8u, %s\n", out, out, 1,
	       size, hex);
	p->frames++;
	if (p->o->progress)
		fprintf(stderr, "\rpmpplay: frame %lu, %.2f s", p->frames,
			time / 1e7);
	return 0;
}

/* Prints the records until the sink's stream ends. */
static int print_records(struct player *p)
{
	IMFSample *rec;
	HRESULT hr;
	int ret;

	for (;;) {
		hr = IPmpSinkOutput_ReadSample(p->output, p->sink_node,
					       RECORD_WAIT_MS, &rec);
		if (hr == S_FALSE)
			return 0;
		if (hr == MF_E_NO_EVENTS_AVAILABLE) {
			/* Nothing yet: has the session failed meanwhile? */
			ret = take_events(p, MEUnknown, 0);
			if (ret > 0)
				return ret;
			continue;
		}
		if (FAILED(hr))
			return fail("reading frames", hr);
		ret = print_record(p, rec);
		IMFSample_Release(rec);
		if (ret)
			return ret;
	}
}

static int give_licenses(struct player *p)
{
	IPmpClearKeyLicense *keys = NULL;
	HRESULT hr = S_OK;
	int i;

	if (!p->o->licenses[0] && !p->o->licenses[1])
		return 0;
	hr = MFGetService((IUnknown *)p->session, &PMP_CLEARKEY_SERVICE,
			  &IID_IPmpClearKeyLicense, (void **)&keys);
	for (i = 0; SUCCEEDED(hr) && i < 2; i++)
		if (p->o->licenses[i])
			hr = IPmpClearKeyLicense_Update(keys,
							p->o->licenses[i]);
	if (keys)
		IPmpClearKeyLicense_Release(keys);
	return FAILED(hr) ? fail("the license", hr) : 0;
}

static int play(struct player *p)
{
	IMFTopology *topology = NULL;
	char header[1024];
	PROPVARIANT start;
	HRESULT hr;
	int ret;

	hr = open_source(p);
	if (FAILED(hr))
		return fail(p->o->path, hr);
	hr = build_topology(p, &topology);
	if (FAILED(hr))
		return fail(p->o->path, hr);
	hr = MFCreatePMPMediaSession(p->o->flags, NULL, &p->session, NULL);
	if (FAILED(hr)) {
		IMFTopology_Release(topology);
		return fail("MFCreatePMPMediaSession", hr);
	}
	ret = give_licenses(p);
	if (!ret) {
		hr = MFGetService((IUnknown *)p->session,
				  &PMP_SINK_OUTPUT_SERVICE, &IID_IPmpSinkOutput,
				  (void **)&p->output);
		if (FAILED(hr))
			ret = fail("the sink output service", hr);
	}
	if (!ret) {
		hr = IMFMediaSession_SetTopology(p->session, 0, topology);
		ret = FAILED(hr) ? fail("SetTopology", hr)
				 : take_events(p, MESessionTopologyStatus,
					       EVENT_WAIT_MS);
	}
	IMFTopology_Release(topology);
	if (ret)
		return ret;
	if (pmp_framemd5_header(header, sizeof(header), &p->stream,
				PMP_FRAMEMD5_SOFTWARE) < 0)
		return fail("the framemd5 header", E_INVALIDARG);
	fputs(header, stdout);
	PropVariantInit(&start);
	hr = IMFMediaSession_Start(p->session, &GUID_NULL, &start);
	if (FAILED(hr))
		return fail("Start", hr);
	ret = print_records(p);
	if (p->o->progress && p->frames)
		fputc('\n', stderr);
	if (fflush(stdout))
		return fail("stdout", E_FAIL);
	return ret;
}

/* Close (its MESessionClosed awaited), Shutdown, and the source's. */
static void finish(struct player *p, int *ret)
{
	if (p->output)
		IPmpSinkOutput_Release(p->output);
	if (p->session) {
		if (SUCCEEDED(IMFMediaSession_Close(p->session)) &&
		    take_events(p, MESessionClosed, EVENT_WAIT_MS) && !*ret)
			*ret = 1;
		IMFMediaSession_Shutdown(p->session);
		IMFMediaSession_Release(p->session);
	}
	if (p->source) {
		IMFMediaSource_Shutdown(p->source);
		IMFMediaSource_Release(p->source);
	}
}

int pmpplay_run(const struct pmpplay_options *o)
{
	struct player p = { .o = o };
	HRESULT hr;
	int ret;

	hr = MFStartup(MF_VERSION, MFSTARTUP_FULL);
	if (FAILED(hr))
		return fail("MFStartup", hr);
	ret = play(&p);
	finish(&p, &ret);
	MFShutdown();
	return ret;
}
