/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mf_play_helpers.h - playing the test clips through a PMP Media Session
 * with the COM API alone, and comparing what its sinks hand out with
 * ffmpeg's framemd5
 *
 * The source is libpmp's (MFCreateSourceResolver), the topology its first
 * video stream connected to a sink of libpmp-media.so named by class, the
 * keys a ClearKey license given through the session's PMP_CLEARKEY_SERVICE
 * and the output what PMP_SINK_OUTPUT_SERVICE reads.  Record times go
 * through ffmpeg's own clock (framemd5.h) before they are compared, as
 * pmpplay does.
 *
 * Include it after com_helpers.h, mf_session_helpers.h,
 * <libavformat/avformat.h> and clip_list.h.  clip_records.h has the
 * comparison.
 */

#ifndef PMP_MF_PLAY_HELPERS_H
#define PMP_MF_PLAY_HELPERS_H

#include <dirent.h>

#include <pmpmedia.h>

#include "clip_records.h"

/* How long a test waits for the next record that must come. */
#define RECORD_WAIT_MS 20000

/*
 * A clip's playback: @source, @topology of its first video stream into a
 * sink on node @sink_node (@source_node feeds it), the stream's media type
 * facts ffmpeg's clock needs, and the records read so far.
 */
struct play {
	IMFMediaSource *source;
	IMFTopology *topology;
	TOPOID source_node;
	TOPOID sink_node;
	struct stream_clock clock;
	UINT64 frame_size;
	struct record *records;
	int count;
};

/* @path (ASCII) as the 16-bit string Media Foundation takes; free() it. */
static inline WCHAR *play_url(const char *path)
{
	size_t n = strlen(path), i;
	WCHAR *w = calloc(n + 1, sizeof(*w));

	for (i = 0; w && i < n; i++)
		w[i] = (unsigned char)path[i];
	return w;
}

/* CreateObjectFromURL's result for @path; *@out the source on success. */
static inline HRESULT play_resolve(const char *path, IMFMediaSource **out)
{
	MF_OBJECT_TYPE type = MF_OBJECT_INVALID;
	IMFSourceResolver *resolver = NULL;
	WCHAR *url = play_url(path);
	IUnknown *obj = NULL;
	HRESULT hr;

	*out = NULL;
	if (!url)
		return E_OUTOFMEMORY;
	hr = MFCreateSourceResolver(&resolver);
	if (SUCCEEDED(hr))
		hr = IMFSourceResolver_CreateObjectFromURL(
			resolver, url, MF_RESOLUTION_MEDIASOURCE, NULL, &type,
			&obj);
	if (SUCCEEDED(hr))
		hr = IUnknown_QueryInterface(obj, &IID_IMFMediaSource,
					     (void **)out);
	if (obj)
		IUnknown_Release(obj);
	if (resolver)
		IMFSourceResolver_Release(resolver);
	free(url);
	return hr;
}

/* The clock's facts from the first video stream's media type @type. */
static inline void play_read_type(struct __test_metadata *_metadata,
				  struct play *p, IMFMediaType *type)
{
	UINT64 tb = 0, rate = 0, start = 0;

	ASSERT_HR(S_OK, IMFMediaType_GetUINT64(type, &PMP_MT_TIME_BASE, &tb));
	ASSERT_HR(S_OK, IMFMediaType_GetUINT64(type, &MF_MT_FRAME_SIZE,
					       &p->frame_size));
	p->clock.tb = (AVRational){ (int)(tb >> 32), (int)(UINT32)tb };
	if (SUCCEEDED(IMFMediaType_GetUINT64(type, &MF_MT_FRAME_RATE, &rate)))
		p->clock.frame_rate = (AVRational){ (int)(rate >> 32),
						    (int)(UINT32)rate };
	p->clock.start_us = PMP_FRAMEMD5_NOPTS;
	if (SUCCEEDED(IMFMediaType_GetUINT64(type, &PMP_MT_START_TIME,
					     &start)))
		p->clock.start_us = (int64_t)start;
}

/*
 * @p->topology: the source's first stream (every clip's only video
 * stream, selected) into a new output node naming @sink, rateless (as fast
 * as it decodes) or paced by the presentation clock.
 */
static inline void play_topology(struct __test_metadata *_metadata,
				 struct play *p, const GUID *sink,
				 bool rateless)
{
	IMFPresentationDescriptor *pd = NULL;
	IMFTopologyNode *src = NULL, *out = NULL;
	IMFMediaTypeHandler *handler = NULL;
	IMFStreamDescriptor *sd = NULL;
	IMFMediaType *type = NULL;
	BOOL selected = FALSE;

	ASSERT_HR(S_OK, IMFMediaSource_CreatePresentationDescriptor(
				p->source, &pd));
	ASSERT_HR(S_OK, IMFPresentationDescriptor_GetStreamDescriptorByIndex(
				pd, 0, &selected, &sd));
	ASSERT_TRUE(selected);
	ASSERT_HR(S_OK, IMFStreamDescriptor_GetMediaTypeHandler(sd, &handler));
	ASSERT_HR(S_OK, IMFMediaTypeHandler_GetCurrentMediaType(handler,
								&type));
	play_read_type(_metadata, p, type);
	IMFMediaType_Release(type);
	IMFMediaTypeHandler_Release(handler);

	ASSERT_HR(S_OK, MFCreateTopology(&p->topology));
	ASSERT_HR(S_OK, MFCreateTopologyNode(MF_TOPOLOGY_SOURCESTREAM_NODE,
					     &src));
	ASSERT_HR(S_OK, IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_SOURCE,
						   (IUnknown *)p->source));
	ASSERT_HR(S_OK, IMFTopologyNode_SetUnknown(
				src, &MF_TOPONODE_PRESENTATION_DESCRIPTOR,
				(IUnknown *)pd));
	ASSERT_HR(S_OK, IMFTopologyNode_SetUnknown(
				src, &MF_TOPONODE_STREAM_DESCRIPTOR,
				(IUnknown *)sd));
	ASSERT_HR(S_OK, MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, &out));
	ASSERT_HR(S_OK, IMFTopologyNode_SetGUID(out, &PMP_TOPONODE_OBJECT_CLSID,
						sink));
	if (rateless)
		ASSERT_HR(S_OK, IMFTopologyNode_SetUINT32(
					out, &MF_TOPONODE_RATELESS, TRUE));
	ASSERT_HR(S_OK, IMFTopology_AddNode(p->topology, src));
	ASSERT_HR(S_OK, IMFTopology_AddNode(p->topology, out));
	ASSERT_HR(S_OK, IMFTopologyNode_ConnectOutput(src, 0, out, 0));
	ASSERT_HR(S_OK, IMFTopologyNode_GetTopoNodeID(src, &p->source_node));
	ASSERT_HR(S_OK, IMFTopologyNode_GetTopoNodeID(out, &p->sink_node));
	IMFTopologyNode_Release(src);
	IMFTopologyNode_Release(out);
	IMFStreamDescriptor_Release(sd);
	IMFPresentationDescriptor_Release(pd);
}

/* Opens @path and makes its topology into @sink (play_topology). */
static inline void play_open(struct __test_metadata *_metadata,
			     struct play *p, const char *path,
			     const GUID *sink, bool rateless)
{
	memset(p, 0, sizeof(*p));
	p->records = calloc(MAX_RECORDS, sizeof(*p->records));
	ASSERT_NE(NULL, p->records);
	ASSERT_HR(S_OK, play_resolve(path, &p->source));
	play_topology(_metadata, p, sink, rateless);
}

/* Shuts the source down, as Microsoft requires, and lets everything go. */
static inline void play_close(struct play *p)
{
	if (p->topology)
		IMFTopology_Release(p->topology);
	if (p->source) {
		IMFMediaSource_Shutdown(p->source);
		IMFMediaSource_Release(p->source);
	}
	free(p->records);
	memset(p, 0, sizeof(*p));
}

/* ---- keys ---- */

/* Gives @session @kid's @key through its ClearKey service. */
static inline void play_give_key(struct __test_metadata *_metadata,
				 IMFMediaSession *session, const uint8_t *kid,
				 const uint8_t *key)
{
	IPmpClearKeyLicense *keys = NULL;
	char text[256];

	clip_license(kid, key, text, sizeof(text));
	ASSERT_HR(S_OK, MFGetService((IUnknown *)session, &PMP_CLEARKEY_SERVICE,
				     &IID_IPmpClearKeyLicense, (void **)&keys));
	ASSERT_HR(S_OK, IPmpClearKeyLicense_Update(keys, text));
	IPmpClearKeyLicense_Release(keys);
}

/* ---- what the sinks hand out ---- */

/*
 * Reads what the sink of @p hands out into @p->records until the end of
 * its stream (S_FALSE, returned), @max records in all (S_OK), or a wait of
 * @wait_ms for the next (MF_E_NO_EVENTS_AVAILABLE); any other failure is
 * returned as it came.
 */
static inline HRESULT play_read(IPmpSinkOutput *output, struct play *p,
				int max, DWORD wait_ms)
{
	IMFSample *sample;
	HRESULT hr;

	if (max > MAX_RECORDS)
		max = MAX_RECORDS;
	while (p->count < max) {
		sample = POISON;
		hr = IPmpSinkOutput_ReadSample(output, p->sink_node, wait_ms,
					       &sample);
		if (hr != S_OK)
			return sample ? E_UNEXPECTED : hr;
		hr = record_of(sample, &p->records[p->count]);
		IMFSample_Release(sample);
		if (FAILED(hr))
			return hr;
		p->count++;
	}
	return S_OK;
}

/* ---- ffmpeg's reference ---- */

/*
 * Asserts that records @from to @from + @count of @p are the first @nlines
 * lines of ffmpeg's framemd5 of @clip, in order.
 */
#define ASSERT_FFMPEG_LINES(p, from, count, clip, nlines) do { \
	struct ref_line *__want = calloc(MAX_RECORDS, sizeof(*__want)); \
	int __lines, __diff; \
	ASSERT_NE(NULL, __want); \
	__lines = read_reference((clip)->ref, __want, MAX_RECORDS); \
	ASSERT_EQ((clip)->frames, __lines); \
	ASSERT_GE(__lines, (int)(nlines)); \
	__diff = compare_with_reference(&(p)->clock, (p)->records + (from), \
					count, __want, nlines); \
	free(__want); \
	ASSERT_EQ(0, __diff) \
		TH_LOG("%s: record %d of %d differs from ffmpeg's (%d lines)", \
		       (clip)->file, __diff, (int)(count), (int)(nlines)); \
} while (0)

/* Asserts that records @from to @from + @count are all of @clip's lines. */
#define ASSERT_FFMPEG_RECORDS(p, from, count, clip) \
	ASSERT_FFMPEG_LINES(p, from, count, clip, (clip)->frames)

/* ---- the process's own resources ---- */

/* The entries of directory @path (less . and ..), or -1. */
static inline int play_count_entries(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *e;
	int n = 0;

	if (!dir)
		return -1;
	while ((e = readdir(dir)))
		n += e->d_name[0] != '.';
	closedir(dir);
	return n;
}

#endif /* PMP_MF_PLAY_HELPERS_H */
