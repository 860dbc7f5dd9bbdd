// SPDX-License-Identifier: GPL-2.0
/*
 * mf_play_test.c - media through a PMP Media Session with the COM API
 * alone: libpmp's source, a topology naming libpmp-media.so's hash or
 * frame sink, keys through the session's ClearKey service, output through
 * its sink output service, checked frame by frame against ffmpeg
 *
 * Sessions run with MFPMPSESSION_IN_PROCESS, their host half and its
 * components in this process, through the build tree's registry
 * (PMP_REGISTRY_DIR).  The clips are tools/media/mkclips.sh's
 * (clip_list.h); one more, with a key frame every 10 frames, is made here
 * for the starts at a position.  Without ffmpeg the tests are reported
 * as SKIP.  mf_session_vm_test plays a clip the same way in protected and
 * unprotected PMP processes.
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <ftw.h>
#include <pthread.h>
#include <sys/stat.h>

#include <libavformat/avformat.h>

#include "com_helpers.h"
#include "mf_session_helpers.h"

#include "clip_list.h"
#include "mf_play_helpers.h"

/* Tests that play every clip, or a clip at its own pace. */
#define LONG_TEST_S 300

/* @scratch: the test's own files, removed after it whatever happened. */
FIXTURE(play) {
	IMFMediaSession *session;
	IPmpSinkOutput *output;
	struct waiter w;
	struct play p;
	const char *dir;
	char scratch[64];
};

/* An in-process session with @config, and its sink output service. */
static void new_session(struct __test_metadata *_metadata,
			IMFAttributes *config, IMFMediaSession **session,
			IPmpSinkOutput **output)
{
	IMFActivate *ea = POISON;

	ASSERT_HR(S_OK, MFCreatePMPMediaSession(MFPMPSESSION_IN_PROCESS,
						config, session, &ea));
	ASSERT_EQ(NULL, ea);
	ASSERT_HR(S_OK, MFGetService((IUnknown *)*session,
				     &PMP_SINK_OUTPUT_SERVICE,
				     &IID_IPmpSinkOutput, (void **)output));
}

FIXTURE_SETUP(play)
{
	default_registry_dir();
	if (!have_ffmpeg())
		SKIP(longjmp(_metadata->env, 1),
		     "ffmpeg is not installed (tools/deps.sh)");
	self->dir = clip_list_dir();
	ASSERT_NE(NULL, self->dir);
	/* libavformat's probing logs: quiet, as libpmp's source keeps it. */
	av_log_set_level(AV_LOG_QUIET);
	ASSERT_HR(S_OK, MFStartup(MF_VERSION, MFSTARTUP_FULL));
	new_session(_metadata, NULL, &self->session, &self->output);
	waiter_init(&self->w, self->session);
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	return remove(path);
}

/* Path @name in the test's scratch directory, made on first use. */
static void scratch_path(struct __test_metadata *_metadata,
			 FIXTURE_DATA(play) *self, const char *name,
			 char *path, size_t size)
{
	if (!self->scratch[0]) {
		snprintf(self->scratch, sizeof(self->scratch),
			 "/tmp/mf_play_test.XXXXXX");
		ASSERT_NE(NULL, mkdtemp(self->scratch));
	}
	snprintf(path, size, "%s/%s", self->scratch, name);
}

FIXTURE_TEARDOWN(play)
{
	if (self->scratch[0])
		nftw(self->scratch, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	if (self->output)
		IPmpSinkOutput_Release(self->output);
	if (self->session) {
		IMFMediaSession_Shutdown(self->session);
		EXPECT_EQ(0u, IMFMediaSession_Release(self->session));
	}
	play_close(&self->p);
	EXPECT_HR(S_OK, MFShutdown());
}

/* Clip @name of clips.list, which must be there. */
#define FIND_CLIP(dir, name, c) do { \
	c = find_clip(dir, name); \
	ASSERT_LT(0, (c).frames) TH_LOG("no clip %s in %s", name, dir); \
} while (0)

/*
 * Sets @p's topology on @self's session, gives it the clip's key and
 * starts it: MESessionTopologySet, MESessionTopologyStatus (ready),
 * MESessionStarted.
 */
static void start_clip(struct __test_metadata *_metadata,
		       FIXTURE_DATA(play) *self, const struct clip *c)
{
	if (c->encrypted)
		play_give_key(_metadata, self->session, c->kid, c->key);
	ASSERT_HR(S_OK, IMFMediaSession_SetTopology(self->session, 0,
						    self->p.topology));
	ASSERT_TOPOLOGY_READY(&self->w, self->p.topology);
	ASSERT_STARTS(&self->w, S_OK);
}

/* Plays clip @c into @sink to its end; the records are in self->p. */
static void play_clip(struct __test_metadata *_metadata,
		      FIXTURE_DATA(play) *self, const struct clip *c,
		      const GUID *sink, bool rateless)
{
	play_close(&self->p);
	play_open(_metadata, &self->p, c->file, sink, rateless);
	start_clip(_metadata, self, c);
	ASSERT_HR(S_FALSE, play_read(self->output, &self->p, MAX_RECORDS,
				     RECORD_WAIT_MS));
	ASSERT_EVENT(&self->w, MESessionEnded, S_OK);
}

/* ---- every clip against ffmpeg ---- */

TEST_F_TIMEOUT(play, every_clip_through_the_hash_sink_gives_ffmpegs_records,
	       LONG_TEST_S)
{
	struct clip *clips = calloc(MAX_CLIPS, sizeof(*clips));
	int n, encrypted = 0;

	ASSERT_NE(NULL, clips);
	n = clip_list_read(self->dir, clips, MAX_CLIPS);
	ASSERT_EQ(16, n);
	for (int i = 0; i < n; i++) {
		play_clip(_metadata, self, &clips[i], &CLSID_PmpHashSink, true);
		ASSERT_FFMPEG_RECORDS(&self->p, 0, self->p.count, &clips[i]);
		/* Records only: nothing of a picture leaves the host. */
		for (int j = 0; j < self->p.count; j++)
			ASSERT_EQ(0u, self->p.records[j].buffers);
		encrypted += clips[i].encrypted;
	}
	ASSERT_EQ(8, encrypted);
	free(clips);
}

TEST_F_TIMEOUT(play, every_clip_through_the_frame_sink_gives_ffmpegs_frames,
	       LONG_TEST_S)
{
	struct clip *clips = calloc(MAX_CLIPS, sizeof(*clips));
	const struct record *r;
	DWORD fourcc;
	int n;

	ASSERT_NE(NULL, clips);
	n = clip_list_read(self->dir, clips, MAX_CLIPS);
	ASSERT_EQ(16, n);
	for (int i = 0; i < n; i++) {
		play_clip(_metadata, self, &clips[i], &CLSID_PmpFrameSink,
			  true);
		/* The MD5s are this test's, of the frames' bytes. */
		ASSERT_FFMPEG_RECORDS(&self->p, 0, self->p.count, &clips[i]);
		/* 4:2:0 as I420, 4:2:2 as ffmpeg's rawvideo tag Y42B. */
		fourcc = strstr(clips[i].file, "422") ?
				 MKTAG('Y', '4', '2', 'B') :
				 MFVideoFormat_I420.Data1;
		for (int j = 0; j < self->p.count; j++) {
			r = &self->p.records[j];
			ASSERT_EQ(1u, r->buffers);
			ASSERT_EQ(fourcc, r->subtype.Data1);
			ASSERT_EQ(0, memcmp(&MFVideoFormat_I420.Data2,
					    &r->subtype.Data2, 12));
			ASSERT_EQ(self->p.frame_size, r->frame_size);
		}
	}
	free(clips);
}

/* ---- keys ---- */

/* The next event of @gen of type @type (others skipped); its value. */
static PROPVARIANT event_value(struct __test_metadata *_metadata, void *gen,
			       MediaEventType type)
{
	IMFMediaEvent *event;
	MediaEventType got;
	HRESULT status;
	PROPVARIANT v;

	do {
		event = NULL;
		got = MEUnknown;
		ASSERT_HR(S_OK, IMFMediaEventGenerator_GetEvent(
					(IMFMediaEventGenerator *)gen, 0,
					&event));
		IMFMediaEvent_GetType(event, &got);
		ASSERT_HR(S_OK, IMFMediaEvent_GetStatus(event, &status));
		ASSERT_HR(S_OK, status);
		PropVariantInit(&v);
		if (got == type)
			ASSERT_HR(S_OK, IMFMediaEvent_GetValue(event, &v));
		IMFMediaEvent_Release(event);
	} while (got != type);
	return v;
}

/* MFSampleExtension_Content_KeyID of @path's first sample, read here. */
static GUID first_sample_key_id(struct __test_metadata *_metadata,
				const char *path)
{
	IMFPresentationDescriptor *pd = NULL;
	IMFMediaSource *source = NULL;
	IMFMediaStream *stream = NULL;
	IMFSample *sample = NULL;
	PROPVARIANT start, v;
	GUID kid;

	ASSERT_HR(S_OK, play_resolve(path, &source));
	ASSERT_HR(S_OK, IMFMediaSource_CreatePresentationDescriptor(source,
								     &pd));
	PropVariantInit(&start);
	ASSERT_HR(S_OK, IMFMediaSource_Start(source, pd, &GUID_NULL, &start));
	v = event_value(_metadata, source, MENewStream);
	ASSERT_EQ(VT_UNKNOWN, v.vt);
	ASSERT_HR(S_OK, IUnknown_QueryInterface(v.punkVal, &IID_IMFMediaStream,
						(void **)&stream));
	PropVariantClear(&v);
	ASSERT_HR(S_OK, IMFMediaStream_RequestSample(stream, NULL));
	v = event_value(_metadata, stream, MEMediaSample);
	ASSERT_EQ(VT_UNKNOWN, v.vt);
	ASSERT_HR(S_OK, IUnknown_QueryInterface(v.punkVal, &IID_IMFSample,
						(void **)&sample));
	PropVariantClear(&v);
	ASSERT_HR(S_OK, IMFSample_GetGUID(sample,
					  &MFSampleExtension_Content_KeyID,
					  &kid));
	IMFSample_Release(sample);
	IMFMediaStream_Release(stream);
	IMFPresentationDescriptor_Release(pd);
	ASSERT_HR(S_OK, IMFMediaSource_Shutdown(source));
	IMFMediaSource_Release(source);
	return kid;
}

/*
 * Plays encrypted clip @name with the session's keys as they are: the
 * presentation fails with MEError MF_E_LICENSE_REQUIRED naming, as a
 * VT_CLSID, the key id its samples carry, and no record comes.
 */
static void assert_license_required(struct __test_metadata *_metadata,
				    FIXTURE_DATA(play) *self,
				    const char *name)
{
	IMFMediaEvent *event = NULL;
	IMFSample *none = POISON;
	struct clip c;
	GUID want, kid;
	PROPVARIANT v;

	FIND_CLIP(self->dir, name, c);
	ASSERT_TRUE(c.encrypted);
	want = guid_from_kid(c.kid);
	kid = first_sample_key_id(_metadata, c.file);
	ASSERT_TRUE(IsEqualGUID(&want, &kid));

	play_open(_metadata, &self->p, c.file, &CLSID_PmpHashSink, true);
	ASSERT_HR(S_OK, IMFMediaSession_SetTopology(self->session, 0,
						    self->p.topology));
	ASSERT_TOPOLOGY_READY(&self->w, self->p.topology);
	ASSERT_STARTS(&self->w, S_OK);
	ASSERT_NEXT_EVENT(&self->w, MEError, MF_E_LICENSE_REQUIRED, event);
	PropVariantInit(&v);
	ASSERT_HR(S_OK, IMFMediaEvent_GetValue(event, &v));
	IMFMediaEvent_Release(event);
	ASSERT_EQ(VT_CLSID, v.vt);
	ASSERT_NE(NULL, v.puuid);
	ASSERT_TRUE(IsEqualGUID(&kid, v.puuid))
		TH_LOG("MEError names {%08x-...}, the samples {%08x-...}",
		       (unsigned int)v.puuid->Data1, (unsigned int)kid.Data1);
	PropVariantClear(&v);
	/* Nothing was decoded: the sink has no record, and none comes. */
	ASSERT_HR(MF_E_NO_EVENTS_AVAILABLE,
		  IPmpSinkOutput_ReadSample(self->output, self->p.sink_node,
					    200, &none));
	ASSERT_EQ(NULL, none);
}

TEST_F(play, a_missing_key_is_meerror_naming_the_samples_key_id)
{
	assert_license_required(_metadata, self, "base-176x144-cenc.mp4");
}

TEST_F(play, another_kids_key_still_names_the_contents_key_id)
{
	static const uint8_t other_kid[16] = { 0x0b, 0xad, 0xc0, 0xde };
	struct clip c;

	FIND_CLIP(self->dir, "high-bf3-320x240-cenc.mp4", c);
	play_give_key(_metadata, self->session, other_kid, c.key);
	assert_license_required(_metadata, self, "high-bf3-320x240-cenc.mp4");
}

/* ---- the output policy ---- */

TEST_F(play, no_frames_policy_refuses_the_frame_sink_and_plays_the_hash_sink)
{
	IMFMediaSession *session = NULL;
	IPmpSinkOutput *output = NULL;
	IMFAttributes *config = NULL;
	IMFMediaEvent *event = NULL;
	IMFSample *none = POISON;
	struct play frames;
	struct waiter w;
	struct clip c;
	PROPVARIANT v;

	FIND_CLIP(self->dir, "high-pyramid-200x120-cenc.mp4", c);
	ASSERT_HR(S_OK, MFCreateAttributes(&config, 1));
	ASSERT_HR(S_OK, IMFAttributes_SetUINT32(config,
						&PMP_SESSION_OUTPUT_POLICY,
						PMP_OUTPUT_POLICY_NO_FRAMES));
	new_session(_metadata, config, &session, &output);
	waiter_init(&w, session);
	play_give_key(_metadata, session, c.kid, c.key);

	/* Frames would leave the host: the topology is refused. */
	play_open(_metadata, &frames, c.file, &CLSID_PmpFrameSink, true);
	ASSERT_HR(S_OK, IMFMediaSession_SetTopology(session, 0,
						    frames.topology));
	ASSERT_NEXT_EVENT(&w, MESessionTopologySet, MF_E_POLICY_UNSUPPORTED,
			  event);
	PropVariantInit(&v);
	ASSERT_HR(S_OK, IMFMediaEvent_GetValue(event, &v));
	ASSERT_EQ(VT_UNKNOWN, v.vt);
	ASSERT_EQ((void *)frames.topology, (void *)v.punkVal);
	PropVariantClear(&v);
	IMFMediaEvent_Release(event);
	ASSERT_HR(MF_E_NOT_FOUND,
		  IPmpSinkOutput_ReadSample(output, frames.sink_node, 0,
					    &none));
	ASSERT_EQ(NULL, none);
	play_close(&frames);

	/* Records only: it plays, as ffmpeg decodes it. */
	play_open(_metadata, &self->p, c.file, &CLSID_PmpHashSink, true);
	ASSERT_HR(S_OK, IMFMediaSession_SetTopology(session, 0,
						    self->p.topology));
	ASSERT_TOPOLOGY_READY(&w, self->p.topology);
	ASSERT_STARTS(&w, S_OK);
	ASSERT_HR(S_FALSE, play_read(output, &self->p, MAX_RECORDS,
				     RECORD_WAIT_MS));
	ASSERT_EVENT(&w, MESessionEnded, S_OK);
	ASSERT_FFMPEG_RECORDS(&self->p, 0, self->p.count, &c);

	IPmpSinkOutput_Release(output);
	ASSERT_HR(S_OK, IMFMediaSession_Shutdown(session));
	ASSERT_EQ(0u, IMFMediaSession_Release(session));
	ASSERT_EQ(0u, IMFAttributes_Release(config));
}

TEST_F(play, an_unknown_or_mistyped_output_policy_is_e_invalidarg)
{
	IMFMediaSession *session = POISON;
	IMFAttributes *config = NULL;

	ASSERT_HR(S_OK, MFCreateAttributes(&config, 1));
	ASSERT_HR(S_OK, IMFAttributes_SetUINT32(config,
						&PMP_SESSION_OUTPUT_POLICY,
						PMP_OUTPUT_POLICY_NO_FRAMES << 1));
	ASSERT_HR(E_INVALIDARG,
		  MFCreatePMPMediaSession(MFPMPSESSION_IN_PROCESS, config,
					  &session, NULL));
	ASSERT_EQ(NULL, session);
	ASSERT_HR(S_OK, IMFAttributes_SetUINT32(config,
						&PMP_SESSION_OUTPUT_POLICY,
						0x80000001));
	session = POISON;
	ASSERT_HR(E_INVALIDARG,
		  MFCreatePMPMediaSession(MFPMPSESSION_IN_PROCESS, config,
					  &session, NULL));
	ASSERT_EQ(NULL, session);
	/* The policy is a UINT32: another type is refused, not ignored. */
	ASSERT_HR(S_OK, IMFAttributes_SetUINT64(config,
						&PMP_SESSION_OUTPUT_POLICY,
						PMP_OUTPUT_POLICY_NO_FRAMES));
	session = POISON;
	ASSERT_HR(E_INVALIDARG,
		  MFCreatePMPMediaSession(MFPMPSESSION_IN_PROCESS, config,
					  &session, NULL));
	ASSERT_EQ(NULL, session);
	ASSERT_EQ(0u, IMFAttributes_Release(config));
}

/* ---- stop, pause and start ---- */

TEST_F_TIMEOUT(play, stop_mid_playback_then_start_plays_again_from_the_start,
	       LONG_TEST_S)
{
	IMFSample *none = POISON;
	struct clip c;
	int first;

	/* Paced by the clock, so that Stop comes mid-way (1.5 s). */
	FIND_CLIP(self->dir, "base-176x144-cenc.mp4", c);
	play_open(_metadata, &self->p, c.file, &CLSID_PmpHashSink, false);
	start_clip(_metadata, self, &c);
	ASSERT_HR(S_OK, play_read(self->output, &self->p, 5, RECORD_WAIT_MS));
	ASSERT_HR(S_OK, IMFMediaSession_Stop(self->session));
	ASSERT_EVENT(&self->w, MESessionStopped, S_OK);
	/* Stop drops what the client had not read. */
	ASSERT_HR(MF_E_NO_EVENTS_AVAILABLE,
		  IPmpSinkOutput_ReadSample(self->output, self->p.sink_node,
					    0, &none));
	ASSERT_EQ(NULL, none);
	ASSERT_FFMPEG_LINES(&self->p, 0, self->p.count, &c, self->p.count);

	/* VT_EMPTY from stopped: from 0 again, every record once. */
	first = self->p.count;
	ASSERT_STARTS(&self->w, S_OK);
	ASSERT_HR(S_FALSE, play_read(self->output, &self->p, MAX_RECORDS,
				     RECORD_WAIT_MS));
	ASSERT_EVENT(&self->w, MESessionEnded, S_OK);
	ASSERT_FFMPEG_RECORDS(&self->p, first, self->p.count - first, &c);
}

TEST_F_TIMEOUT(play, pause_then_start_resumes_without_losing_or_repeating,
	       LONG_TEST_S)
{
	IMFSample *none = POISON;
	struct clip c;
	HRESULT hr;

	FIND_CLIP(self->dir, "base-176x144-clear.mp4", c);
	play_open(_metadata, &self->p, c.file, &CLSID_PmpHashSink, false);
	start_clip(_metadata, self, &c);
	ASSERT_HR(S_OK, play_read(self->output, &self->p, 5, RECORD_WAIT_MS));
	ASSERT_HR(S_OK, IMFMediaSession_Pause(self->session));
	ASSERT_EVENT(&self->w, MESessionPaused, S_OK);
	/* What was delivered before the pause, then nothing while paused. */
	hr = play_read(self->output, &self->p, MAX_RECORDS, 500);
	ASSERT_HR(MF_E_NO_EVENTS_AVAILABLE, hr);
	ASSERT_HR(MF_E_NO_EVENTS_AVAILABLE,
		  IPmpSinkOutput_ReadSample(self->output, self->p.sink_node,
					    500, &none));
	ASSERT_EQ(NULL, none);
	ASSERT_GT(c.frames, self->p.count) TH_LOG("the pause came too late");

	ASSERT_STARTS(&self->w, S_OK);
	ASSERT_HR(S_FALSE, play_read(self->output, &self->p, MAX_RECORDS,
				     RECORD_WAIT_MS));
	ASSERT_EVENT(&self->w, MESessionEnded, S_OK);
	ASSERT_FFMPEG_RECORDS(&self->p, 0, self->p.count, &c);
}

/* ---- starts at a position ---- */

#define GOP_FRAMES 60
#define GOP_LENGTH 10

/* A clip with a key frame every 10 frames, and its framemd5, made here. */
static void gop_clip_make(struct __test_metadata *_metadata,
			  FIXTURE_DATA(play) *self, struct clip *g)
{
	char cmd[3 * PATH_MAX + 512];

	*g = (struct clip){ .frames = GOP_FRAMES };
	scratch_path(_metadata, self, "gop.mp4", g->file, sizeof(g->file));
	scratch_path(_metadata, self, "gop.framemd5", g->ref,
		     sizeof(g->ref));
	snprintf(cmd, sizeof(cmd),
		 "ffmpeg -nostdin -v error -f lavfi "
		 "-i testsrc2=size=176x144:rate=25 -frames:v %d -c:v libx264 "
		 "-threads 1 -g %d -keyint_min %d -sc_threshold 0 -bf 2 "
		 "-pix_fmt yuv420p %s && ffmpeg -nostdin -v error -i %s "
		 "-map 0:v:0 -f framemd5 %s",
		 GOP_FRAMES, GOP_LENGTH, GOP_LENGTH, g->file, g->file,
		 g->ref);
	ASSERT_EQ(0, system(cmd));
}

/* The times of @path's key frames, 100 ns units rounded as the source. */
static int key_frame_times(const char *path, LONGLONG *times, int max)
{
	AVFormatContext *fmt = NULL;
	AVPacket *pkt = av_packet_alloc();
	AVStream *st = NULL;
	int n = 0;

	if (pkt && !avformat_open_input(&fmt, path, NULL, NULL) &&
	    avformat_find_stream_info(fmt, NULL) >= 0)
		st = first_video(fmt);
	while (st && n < max && av_read_frame(fmt, pkt) >= 0) {
		if (pkt->stream_index == st->index &&
		    (pkt->flags & AV_PKT_FLAG_KEY))
			times[n++] = to_hns(pkt->pts, st->time_base);
		av_packet_unref(pkt);
	}
	av_packet_free(&pkt);
	avformat_close_input(&fmt);
	return st ? n : -1;
}

/* The last of @n key frame @times at or before @pos. */
static LONGLONG key_frame_before(const LONGLONG *times, int n, LONGLONG pos)
{
	LONGLONG key = times[0];

	for (int i = 1; i < n; i++)
		if (times[i] <= pos && times[i] > key)
			key = times[i];
	return key;
}

/*
 * Asserts that records @from to @p->count are those of a whole run (the
 * first @whole records) from the key frame at or before @pos on: the
 * key frame's picture first, then every later one, as the whole run had
 * them.
 */
static void assert_run_from_key_frame(struct __test_metadata *_metadata,
				      const struct play *p, int whole,
				      int from, const LONGLONG *keys,
				      int nkeys, LONGLONG pos)
{
	LONGLONG key = key_frame_before(keys, nkeys, pos);
	const struct record *a, *b;
	int j = 0;

	ASSERT_LT(0, key) TH_LOG("position %lld is in the first GOP",
				 (long long)pos);
	while (j < whole && p->records[j].time < key)
		j++;
	ASSERT_LT(j, whole);
	ASSERT_EQ(key, p->records[j].time);
	ASSERT_EQ(whole - j, p->count - from)
		TH_LOG("%d records from the key frame at %lld, %d wanted",
		       p->count - from, (long long)key, whole - j);
	ASSERT_LE(key, p->records[from].time);
	for (int i = 0; i < whole - j; i++) {
		a = &p->records[j + i];
		b = &p->records[from + i];
		ASSERT_EQ(a->time, b->time) TH_LOG("record %d", i);
		ASSERT_EQ(a->size, b->size);
		ASSERT_EQ(0, memcmp(a->md5, b->md5, 16)) TH_LOG("record %d", i);
	}
}

/*
 * Makes the GOP clip, finds its key frames (@keys, *@nkeys of them) and
 * plays it whole, as ffmpeg decodes it: the count of its records.
 */
static int play_gop_clip(struct __test_metadata *_metadata,
			 FIXTURE_DATA(play) *self, struct clip *g,
			 LONGLONG *keys, int *nkeys)
{
	gop_clip_make(_metadata, self, g);
	*nkeys = key_frame_times(g->file, keys, GOP_FRAMES);
	ASSERT_EQ(GOP_FRAMES / GOP_LENGTH, *nkeys);
	play_open(_metadata, &self->p, g->file, &CLSID_PmpHashSink, true);
	start_clip(_metadata, self, g);
	ASSERT_HR(S_FALSE, play_read(self->output, &self->p, MAX_RECORDS,
				     RECORD_WAIT_MS));
	ASSERT_EVENT(&self->w, MESessionEnded, S_OK);
	ASSERT_FFMPEG_RECORDS(&self->p, 0, self->p.count, g);
	return self->p.count;
}

TEST_F_TIMEOUT(play, start_at_a_position_begins_at_the_key_frame_before_it,
	       LONG_TEST_S)
{
	LONGLONG keys[GOP_FRAMES], pos;
	struct clip g;
	PROPVARIANT at;
	int nkeys, whole;

	whole = play_gop_clip(_metadata, self, &g, keys, &nkeys);

	/* From stopped, at the time of a frame mid-GOP. */
	pos = self->p.records[GOP_LENGTH * 2 + GOP_LENGTH / 2].time;
	PropVariantInit(&at);
	at.vt = VT_I8;
	at.hVal.QuadPart = pos;
	ASSERT_HR(S_OK, IMFMediaSession_Start(self->session, &GUID_NULL, &at));
	ASSERT_EVENT(&self->w, MESessionStarted, S_OK);
	ASSERT_HR(S_FALSE, play_read(self->output, &self->p, MAX_RECORDS,
				     RECORD_WAIT_MS));
	ASSERT_EVENT(&self->w, MESessionEnded, S_OK);
	assert_run_from_key_frame(_metadata, &self->p, whole, whole, keys,
				  nkeys, pos);
}

TEST_F_TIMEOUT(play, start_at_a_position_while_playing_seeks, LONG_TEST_S)
{
	LONGLONG keys[GOP_FRAMES], pos;
	struct play paced;
	struct clip g;
	PROPVARIANT at;
	int nkeys, whole, from;

	whole = play_gop_clip(_metadata, self, &g, keys, &nkeys);

	/* Paced (2.4 s), so that the seek comes while it plays. */
	play_open(_metadata, &paced, g.file, &CLSID_PmpHashSink, false);
	ASSERT_HR(S_OK, IMFMediaSession_SetTopology(self->session, 0,
						    paced.topology));
	ASSERT_TOPOLOGY_READY(&self->w, paced.topology);
	ASSERT_STARTS(&self->w, S_OK);
	ASSERT_HR(S_OK, play_read(self->output, &paced, 3, RECORD_WAIT_MS));
	pos = self->p.records[GOP_LENGTH * 4 + GOP_LENGTH / 2].time;
	PropVariantInit(&at);
	at.vt = VT_I8;
	at.hVal.QuadPart = pos;
	ASSERT_HR(S_OK, IMFMediaSession_Start(self->session, &GUID_NULL, &at));
	ASSERT_EVENT(&self->w, MESessionStarted, S_OK);
	/* The records since are the seek's: the sink dropped the others. */
	from = self->p.count;
	paced.count = 0;
	ASSERT_HR(S_FALSE, play_read(self->output, &paced, MAX_RECORDS,
				     RECORD_WAIT_MS));
	ASSERT_EVENT(&self->w, MESessionEnded, S_OK);
	ASSERT_GE(MAX_RECORDS - from, paced.count);
	memcpy(self->p.records + from, paced.records,
	       paced.count * sizeof(*paced.records));
	self->p.count = from + paced.count;
	assert_run_from_key_frame(_metadata, &self->p, whole, from, keys,
				  nkeys, pos);
	play_close(&paced);
}

/* ---- what cannot be played ---- */

/*
 * Clip @file fails to resolve in the session with @status: no record, no
 * presentation to start.
 */
static void assert_topology_fails(struct __test_metadata *_metadata,
				  FIXTURE_DATA(play) *self, const char *file,
				  const GUID *sink, HRESULT status)
{
	IMFTopology *full = POISON;
	IMFSample *none = POISON;
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", self->dir, file);
	play_close(&self->p);
	play_open(_metadata, &self->p, path, sink, true);
	ASSERT_HR(S_OK, IMFMediaSession_SetTopology(self->session, 0,
						    self->p.topology));
	ASSERT_EVENT(&self->w, MESessionTopologySet, status);
	ASSERT_HR(MF_E_NOT_FOUND,
		  IPmpSinkOutput_ReadSample(self->output, self->p.sink_node,
					    0, &none));
	ASSERT_EQ(NULL, none);
	ASSERT_HR(MF_E_NOT_FOUND,
		  IMFMediaSession_GetFullTopology(
			  self->session, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0,
			  &full));
	ASSERT_EQ(NULL, full);
	ASSERT_STARTS(&self->w, MF_E_INVALIDREQUEST);
}

TEST_F(play, an_unknown_codec_is_mf_e_topo_codec_not_found)
{
	/* The source offers MPEG-4 Part 2 (MP4V); no decoder takes it. */
	assert_topology_fails(_metadata, self, "mpeg4-part2.mp4",
			      &CLSID_PmpHashSink, MF_E_TOPO_CODEC_NOT_FOUND);
	assert_topology_fails(_metadata, self, "mpeg4-part2.mp4",
			      &CLSID_PmpFrameSink, MF_E_TOPO_CODEC_NOT_FOUND);
}

TEST_F(play, absurd_dimensions_are_mf_e_topo_codec_not_found)
{
	/* 139776 macroblocks: the decoder refuses the type, not a frame. */
	assert_topology_fails(_metadata, self, "huge-8192x4368.mp4",
			      &CLSID_PmpHashSink, MF_E_TOPO_CODEC_NOT_FOUND);
	assert_topology_fails(_metadata, self, "huge-8192x4368.mp4",
			      &CLSID_PmpFrameSink, MF_E_TOPO_CODEC_NOT_FOUND);
}

/* Writes the first @size bytes of @from to @to; 0 or -1. */
static int copy_head(const char *from, const char *to, long size)
{
	FILE *in = fopen(from, "rbe"), *out = fopen(to, "wbe");
	char buf[4096];
	size_t n;
	int ret = in && out ? 0 : -1;

	while (!ret && size > 0 &&
	       (n = fread(buf, 1, FFMIN((size_t)size, sizeof(buf)), in)) > 0) {
		ret = fwrite(buf, 1, n, out) == n ? 0 : -1;
		size -= n;
	}
	if (size)
		ret = -1;
	if (in)
		fclose(in);
	if (out && fclose(out))
		ret = -1;
	return ret;
}

TEST_F(play, a_file_cut_before_its_index_is_mf_e_invalid_file_format)
{
	IMFMediaSource *source = POISON;
	char cut[PATH_MAX];
	struct clip c;

	/* Its moov is at the end: the first 3000 bytes hold no index. */
	FIND_CLIP(self->dir, "base-176x144-cenc.mp4", c);
	scratch_path(_metadata, self, "cut.mp4", cut, sizeof(cut));
	ASSERT_EQ(0, copy_head(c.file, cut, 3000));
	ASSERT_HR(MF_E_INVALID_FILE_FORMAT, play_resolve(cut, &source));
	ASSERT_EQ(NULL, source);
}

/* Where packet @index of @path's first video stream ends less half of it. */
static long mid_packet(const char *path, int index)
{
	AVFormatContext *fmt = NULL;
	AVPacket *pkt = av_packet_alloc();
	AVStream *st = NULL;
	long at = -1;
	int n = 0;

	if (pkt && !avformat_open_input(&fmt, path, NULL, NULL) &&
	    avformat_find_stream_info(fmt, NULL) >= 0)
		st = first_video(fmt);
	while (st && at < 0 && av_read_frame(fmt, pkt) >= 0) {
		if (pkt->stream_index == st->index && n++ == index &&
		    pkt->pos > 0)
			at = pkt->pos + pkt->size / 2;
		av_packet_unref(pkt);
	}
	av_packet_free(&pkt);
	avformat_close_input(&fmt);
	return at;
}

TEST_F(play, a_file_cut_amid_its_samples_ends_in_meerror_after_ffmpegs_frames)
{
	char cut[PATH_MAX];
	struct clip c;
	long at;

	/* Its moov comes first: the file opens, packet 25 is cut short. */
	FIND_CLIP(self->dir, "high-bf3-320x240-clear.mp4", c);
	at = mid_packet(c.file, 25);
	ASSERT_LT(0, at);
	scratch_path(_metadata, self, "cut.mp4", cut, sizeof(cut));
	ASSERT_EQ(0, copy_head(c.file, cut, at));

	play_open(_metadata, &self->p, cut, &CLSID_PmpHashSink, true);
	start_clip(_metadata, self, &c);
	ASSERT_EVENT(&self->w, MEError, MF_E_INVALID_STREAM_DATA);
	/* What was decoded before the cut, as ffmpeg decodes it; no more. */
	ASSERT_HR(MF_E_NO_EVENTS_AVAILABLE,
		  play_read(self->output, &self->p, MAX_RECORDS, 200));
	ASSERT_LT(0, self->p.count);
	ASSERT_GT(25, self->p.count);
	ASSERT_FFMPEG_LINES(&self->p, 0, self->p.count, &c, self->p.count);
}

/* ---- the session's services ---- */

TEST_F(play, clearkey_service_refuses_malformed_licenses_nulls_and_shutdown)
{
	static const uint8_t kid[16] = { 1, 2, 3 }, key[16] = { 4, 5, 6 };
	static const char *const malformed[] = {
		"",
		"{",
		"not json",
		"{\"keys\":[{\"kty\":\"oct\",\"kid\":\"AQID\",\"k\":\"BAUG\"}]}",
		"{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"AQIDAAAAAAAAAAAAAAAAAA\","
		"\"k\":\"BAUGAAAAAAAAAAAAAAAAAA\"}]}",
	};
	IPmpClearKeyLicense *keys = NULL;
	void *none = POISON;
	char good[256];

	ASSERT_HR(S_OK, MFGetService((IUnknown *)self->session,
				     &PMP_CLEARKEY_SERVICE,
				     &IID_IPmpClearKeyLicense, (void **)&keys));
	ASSERT_HR(E_NOINTERFACE, IPmpClearKeyLicense_QueryInterface(
					 keys, &IID_IPmpSinkOutput, &none));
	ASSERT_EQ(NULL, none);
	for (size_t i = 0; i < ARRAY_SIZE(malformed); i++) {
		ASSERT_EQ(E_INVALIDARG,
			  IPmpClearKeyLicense_Update(keys, malformed[i]))
			TH_LOG("license %zu", i);
	}
	ASSERT_HR(E_POINTER, IPmpClearKeyLicense_Update(keys, NULL));
	clip_license(kid, key, good, sizeof(good));
	ASSERT_HR(S_OK, IPmpClearKeyLicense_Update(keys, good));

	ASSERT_HR(S_OK, IMFMediaSession_Shutdown(self->session));
	ASSERT_HR(MF_E_SHUTDOWN, IPmpClearKeyLicense_Update(keys, good));
	ASSERT_HR(E_POINTER, IPmpClearKeyLicense_Update(keys, NULL));
	none = POISON;
	ASSERT_HR(MF_E_SHUTDOWN,
		  MFGetService((IUnknown *)self->session, &PMP_CLEARKEY_SERVICE,
			       &IID_IPmpClearKeyLicense, &none));
	ASSERT_EQ(NULL, none);
	IPmpClearKeyLicense_Release(keys);
}

TEST_F(play, sink_output_service_refuses_unknown_nodes_times_out_and_nulls)
{
	IMFSample *none = POISON;
	long long began;
	struct clip c;

	ASSERT_HR(E_POINTER, IPmpSinkOutput_ReadSample(self->output, 1, 0,
						       NULL));
	/* No topology: no sink. */
	ASSERT_HR(MF_E_NOT_FOUND,
		  IPmpSinkOutput_ReadSample(self->output, 1, 0, &none));
	ASSERT_EQ(NULL, none);

	FIND_CLIP(self->dir, "base-176x144-clear.mp4", c);
	play_open(_metadata, &self->p, c.file, &CLSID_PmpHashSink, true);
	ASSERT_HR(S_OK, IMFMediaSession_SetTopology(self->session, 0,
						    self->p.topology));
	ASSERT_TOPOLOGY_READY(&self->w, self->p.topology);
	/* A source node, and an id no node has, are no sink. */
	none = POISON;
	ASSERT_HR(MF_E_NOT_FOUND,
		  IPmpSinkOutput_ReadSample(self->output, self->p.source_node,
					    0, &none));
	ASSERT_EQ(NULL, none);
	none = POISON;
	ASSERT_HR(MF_E_NOT_FOUND,
		  IPmpSinkOutput_ReadSample(self->output,
					    self->p.sink_node ^ 0x5a5a, 0,
					    &none));
	ASSERT_EQ(NULL, none);
	/* Not started: nothing comes, after the wait asked for. */
	began = helpers_now_ms();
	none = POISON;
	ASSERT_HR(MF_E_NO_EVENTS_AVAILABLE,
		  IPmpSinkOutput_ReadSample(self->output, self->p.sink_node,
					    300, &none));
	ASSERT_LE(300, helpers_now_ms() - began);
	ASSERT_EQ(NULL, none);

	ASSERT_HR(S_OK, IMFMediaSession_Shutdown(self->session));
	none = POISON;
	ASSERT_HR(MF_E_SHUTDOWN,
		  IPmpSinkOutput_ReadSample(self->output, self->p.sink_node,
					    0, &none));
	ASSERT_EQ(NULL, none);
	ASSERT_HR(E_POINTER, IPmpSinkOutput_ReadSample(self->output,
						       self->p.sink_node, 0,
						       NULL));
}

TEST_F(play, get_service_refuses_an_unknown_service)
{
	static const GUID unknown = { 0x0badcafe, 0x1234, 0x5678,
				      { 1, 2, 3, 4, 5, 6, 7, 8 } };
	void *none = POISON;

	ASSERT_HR(MF_E_UNSUPPORTED_SERVICE,
		  MFGetService((IUnknown *)self->session, &unknown,
			       &IID_IPmpSinkOutput, &none));
	ASSERT_EQ(NULL, none);
	/* A known service, an interface it does not have. */
	none = POISON;
	ASSERT_HR(E_NOINTERFACE,
		  MFGetService((IUnknown *)self->session,
			       &PMP_SINK_OUTPUT_SERVICE,
			       &IID_IPmpClearKeyLicense, &none));
	ASSERT_EQ(NULL, none);
	none = POISON;
	ASSERT_HR(E_NOINTERFACE,
		  MFGetService((IUnknown *)self->session, &PMP_CLEARKEY_SERVICE,
			       &IID_IPmpSinkOutput, &none));
	ASSERT_EQ(NULL, none);
}

TEST_HARNESS_MAIN
