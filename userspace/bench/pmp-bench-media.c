// SPDX-License-Identifier: MIT
/*
 * pmp-bench-media - encrypted video through PMP Media Sessions: the
 * protected pipeline against the same in process, CENC decryption in the
 * host against libcrypto alone, the frame sink against the hash sink
 *
 *   pipeline    play.mp4 (H.264, 'cenc') to the hash sink, rateless, every
 *               record read with IPmpSinkOutput::ReadSample: in a session
 *               with MFPMPSESSION_IN_PROCESS (baseline), then in a new
 *               protected host (flags 0).  Wall time of a run, from
 *               SetTopology to the last record: resolution (the
 *               decryptor, decoder and sink created in the host) and
 *               every sample demuxed here, pushed, decrypted, decoded and
 *               hashed.  Creating the session, which starts the host, is
 *               left out: pmp-bench-session measures it, and under
 *               emulation it takes about as long as playing half the
 *               clip, which would hide the per-frame cost this compares.
 *   frames      the same protected run with the frame sink, every byte of
 *               every frame read here, against the hash sink's run.
 *   decryption  bulk-cenc.mp4: 64 samples of about 1 MiB, with the
 *               subsample maps ffmpeg's muxer writes (one per NAL unit).
 *               Baseline: this process decrypts them with libcrypto's
 *               AES-128-CTR, on this thread's CPU clock.  Host: the CPU
 *               time the protected host spends playing bulk-cenc.mp4 less
 *               what it spends playing bulk-clear.mp4, the same samples
 *               in clear, both from Start to MESessionEnded and both to
 *               the test sink (CLSID_PmpTestSink takes any type, so
 *               resolution puts the decryptor alone before it): what the
 *               decryptor costs, and nothing else that differs.  CPU
 *               time rather than wall time: the host decrypts one sample
 *               while this process pushes the next, so a difference of
 *               wall times would hide decryption behind the push.  Both
 *               are shown as throughputs, sample bytes per CPU second.
 *
 * Usage: pmp-bench-media RESULTS CLIPS KID KEY
 *   CLIPS holds the three clips (bench.sh makes them), KID and KEY are
 *   their key id and key, 32 hex digits each.
 * Needs the installed tree (a protected host runs only the installed
 * pmphost and components); run by bench.sh after pmp-bench-session.
 */
#define _GNU_SOURCE
#define COBJMACROS
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libavformat/avformat.h>
#include <libavutil/encryption_info.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <mfapi.h>
#include <mferror.h>
#include <mfidl.h>
#include <pmpmedia.h>
#include <pmpsamples.h>

#include "report.h"

/* How long a session may take to answer, under emulation too. */
#define EVENT_WAIT_S 120
/* One wait of ReadSample, after which the session's events are read. */
#define OUTPUT_WAIT_MS 200
/* More samples than bench.sh's bulk clips have. */
#define BULK_MAX 256

/* The clips' samples as libavformat reads them, in order. */
struct bulk {
	unsigned int n;
	AVPacket *pkt[BULK_MAX];
	/* Encrypted clip: each sample's IV and subsample map. */
	AVEncryptionInfo *info[BULK_MAX];
	size_t bytes, largest;
};

/* One session's run. */
struct run {
	/* SetTopology to the end of the sink's output, seconds */
	double wall;
	/* To the test sink: the host's CPU seconds, Start to MESessionEnded */
	double host_cpu;
	/* Records or frames read, or samples the test sink took */
	unsigned long outputs;
};

static char license[160];
/* What the frames read add up to, kept so that reading them is not dropped. */
static uint64_t frame_sum;

static void __attribute__((noreturn)) fail(const char *what)
{
	fprintf(stderr, "pmp-bench-media: %s\n", what);
	exit(1);
}

static void check(HRESULT hr, const char *what)
{
	if (FAILED(hr)) {
		fprintf(stderr, "pmp-bench-media: %s: 0x%08x\n", what,
			(unsigned int)hr);
		exit(1);
	}
}

/* 32 hex digits into 16 bytes. */
static void parse_id(const char *hex, unsigned char out[16])
{
	unsigned char *b;
	long len = 0;

	b = strlen(hex) == 32 ? OPENSSL_hexstr2buf(hex, &len) : NULL;
	if (!b || len != 16)
		fail("KID and KEY are 32 hex digits each");
	memcpy(out, b, 16);
	OPENSSL_clear_free(b, (size_t)len);
}

/* Unpadded base64url, as a ClearKey license spells kid and k. */
static void base64url(const unsigned char in[16], char out[25])
{
	unsigned char b64[25];
	int i, n = EVP_EncodeBlock(b64, in, 16);

	for (i = 0; i < n && b64[i] != '='; i++)
		out[i] = b64[i] == '+' ? '-' : b64[i] == '/' ? '_' : b64[i];
	out[i] = '\0';
}

static void make_license(const unsigned char kid[16],
			 const unsigned char key[16])
{
	char kid64[25], k64[25];

	base64url(kid, kid64);
	base64url(key, k64);
	snprintf(license, sizeof(license),
		 "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"%s\",\"k\":\"%s\"}],"
		 "\"type\":\"temporary\"}",
		 kid64, k64);
}

/* ---- sessions ---- */

/* A clip's media source, its one stream selected. */
struct clip {
	IMFMediaSource *source;
	IMFPresentationDescriptor *pd;
	IMFStreamDescriptor *sd;
};

static void open_clip(const char *path, struct clip *c)
{
	IMFSourceResolver *resolver;
	MF_OBJECT_TYPE type;
	WCHAR url[PATH_MAX];
	IUnknown *unk;
	BOOL selected;
	DWORD count;
	size_t i;

	/* bench.sh's paths are ASCII. */
	for (i = 0; path[i] && i < PATH_MAX - 1; i++)
		url[i] = (unsigned char)path[i];
	url[i] = 0;
	check(MFCreateSourceResolver(&resolver), "MFCreateSourceResolver");
	check(IMFSourceResolver_CreateObjectFromURL(resolver, url,
						    MF_RESOLUTION_MEDIASOURCE,
						    NULL, &type, &unk),
	      path);
	check(IUnknown_QueryInterface(unk, &IID_IMFMediaSource,
				      (void **)&c->source),
	      path);
	IUnknown_Release(unk);
	IMFSourceResolver_Release(resolver);
	check(IMFMediaSource_CreatePresentationDescriptor(c->source, &c->pd),
	      "CreatePresentationDescriptor");
	check(IMFPresentationDescriptor_GetStreamDescriptorCount(c->pd, &count),
	      "GetStreamDescriptorCount");
	if (count != 1)
		fail("a bench clip has one stream");
	check(IMFPresentationDescriptor_GetStreamDescriptorByIndex(
		      c->pd, 0, &selected, &c->sd),
	      "GetStreamDescriptorByIndex");
	check(IMFPresentationDescriptor_SelectStream(c->pd, 0), "SelectStream");
}

static void close_clip(struct clip *c)
{
	IMFStreamDescriptor_Release(c->sd);
	IMFPresentationDescriptor_Release(c->pd);
	IMFMediaSource_Shutdown(c->source);
	IMFMediaSource_Release(c->source);
}

/* The clip's stream to a sink of class @sink_class, rateless. */
static IMFTopology *make_topology(struct clip *c, const GUID *sink_class,
				  TOPOID *sink_id)
{
	IMFTopologyNode *src, *sink;
	IMFTopology *topology;

	check(MFCreateTopology(&topology), "MFCreateTopology");
	check(MFCreateTopologyNode(MF_TOPOLOGY_SOURCESTREAM_NODE, &src),
	      "source node");
	check(IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_SOURCE,
					 (IUnknown *)c->source),
	      "MF_TOPONODE_SOURCE");
	check(IMFTopologyNode_SetUnknown(src,
					 &MF_TOPONODE_PRESENTATION_DESCRIPTOR,
					 (IUnknown *)c->pd),
	      "MF_TOPONODE_PRESENTATION_DESCRIPTOR");
	check(IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_STREAM_DESCRIPTOR,
					 (IUnknown *)c->sd),
	      "MF_TOPONODE_STREAM_DESCRIPTOR");
	check(MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, &sink),
	      "output node");
	check(IMFTopologyNode_SetGUID(sink, &PMP_TOPONODE_OBJECT_CLSID,
				      sink_class),
	      "PMP_TOPONODE_OBJECT_CLSID");
	check(IMFTopologyNode_SetUINT32(sink, &MF_TOPONODE_RATELESS, TRUE),
	      "MF_TOPONODE_RATELESS");
	check(IMFTopology_AddNode(topology, src), "AddNode");
	check(IMFTopology_AddNode(topology, sink), "AddNode");
	check(IMFTopologyNode_ConnectOutput(src, 0, sink, 0), "ConnectOutput");
	check(IMFTopologyNode_GetTopoNodeID(sink, sink_id), "GetTopoNodeID");
	IMFTopologyNode_Release(src);
	IMFTopologyNode_Release(sink);
	return topology;
}

/*
 * Takes the session's events until one of type @until (MEUnknown: until
 * none is waiting); one that failed ends the bench.
 */
static void take_events(IMFMediaSession *s, MediaEventType until)
{
	double deadline = now() + EVENT_WAIT_S;
	IMFMediaEvent *event;
	MediaEventType type;
	HRESULT hr, status;

	for (;;) {
		hr = IMFMediaSession_GetEvent(s, MF_EVENT_FLAG_NO_WAIT, &event);
		if (hr == MF_E_NO_EVENTS_AVAILABLE) {
			if (until == MEUnknown)
				return;
			if (now() > deadline)
				fail("the session did not answer");
			usleep(1000);
			continue;
		}
		check(hr, "session events");
		IMFMediaEvent_GetType(event, &type);
		IMFMediaEvent_GetStatus(event, &status);
		IMFMediaEvent_Release(event);
		check(status, "a session event");
		if (type == until)
			return;
	}
}

/* The PMP process of session @s, from an object created in it. */
static pid_t host_pid(IMFMediaSession *s)
{
	IPmpTestCounter *counter;
	IMFPMPServer *server;
	DWORD pid = 0;

	check(MFGetService((IUnknown *)s, &MF_PMP_SERVER_CONTEXT,
			   &IID_IMFPMPServer, (void **)&server),
	      "MF_PMP_SERVER_CONTEXT");
	check(IMFPMPServer_CreateObjectByCLSID(server, &CLSID_PmpTestCounter,
					       &IID_IPmpTestCounter,
					       (void **)&counter),
	      "a counter in the host");
	check(IPmpTestCounter_GetProcessId(counter, &pid), "GetProcessId");
	IPmpTestCounter_Release(counter);
	IMFPMPServer_Release(server);
	return (pid_t)pid;
}

/*
 * The CPU seconds process @pid has used, its threads gone or not (exact
 * to the clock tick of /proc/PID/stat).
 */
static double process_cpu(pid_t pid)
{
	unsigned long long utime, stime;
	char path[64], buf[1024], *p;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		die(path);
	p = fgets(buf, sizeof(buf), f) ? strrchr(buf, ')') : NULL;
	fclose(f);
	/* After the name: state, 4 ids, tty, flags, 4 fault counts. */
	if (!p || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u"
				" %llu %llu", &utime, &stime) != 2)
		fail("cannot read the host's CPU time");
	return (double)(utime + stime) / sysconf(_SC_CLK_TCK);
}

/* The samples the session delivered to output node @sink. */
static unsigned long sink_samples(IMFMediaSession *s, TOPOID sink)
{
	IMFTopologyNode *node;
	IMFTopology *full;
	UINT64 n = 0;

	check(IMFMediaSession_GetFullTopology(
		      s, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &full),
	      "GetFullTopology");
	check(IMFTopology_GetNodeByID(full, sink, &node), "GetNodeByID");
	check(IMFTopologyNode_GetUINT64(node, &PMP_TOPONODE_SAMPLE_COUNT, &n),
	      "PMP_TOPONODE_SAMPLE_COUNT");
	IMFTopologyNode_Release(node);
	IMFTopology_Release(full);
	return (unsigned long)n;
}

/* Reads every byte of a frame, as an application showing it would. */
static void read_frame(IMFSample *frame)
{
	IMFMediaBuffer *buffer;
	uint64_t sum = 0, w;
	DWORD len, i;
	BYTE *data;

	check(IMFSample_ConvertToContiguousBuffer(frame, &buffer),
	      "a frame's buffer");
	check(IMFMediaBuffer_Lock(buffer, &data, NULL, &len), "Lock");
	for (i = 0; i + sizeof(w) <= len; i += sizeof(w)) {
		memcpy(&w, data + i, sizeof(w));
		sum += w;
	}
	IMFMediaBuffer_Unlock(buffer);
	IMFMediaBuffer_Release(buffer);
	frame_sum += sum;
}

/* Reads the sink's output until its end: how many samples came. */
static unsigned long read_output(IMFMediaSession *s, IPmpSinkOutput *output,
				 TOPOID sink, bool frames)
{
	double deadline = now() + EVENT_WAIT_S;
	unsigned long n = 0;
	IMFSample *sample;
	HRESULT hr;

	for (;;) {
		hr = IPmpSinkOutput_ReadSample(output, sink, OUTPUT_WAIT_MS,
					       &sample);
		if (hr == S_FALSE)
			return n;
		if (hr == MF_E_NO_EVENTS_AVAILABLE) {
			/* Nothing yet: has the session failed meanwhile? */
			take_events(s, MEUnknown);
			if (now() > deadline)
				fail("the sink gave nothing");
			continue;
		}
		check(hr, "ReadSample");
		if (frames)
			read_frame(sample);
		IMFSample_Release(sample);
		n++;
		deadline = now() + EVENT_WAIT_S;
	}
}

/*
 * Plays clip @path in a new session of @flags to a sink of class
 * @sink_class: the hash or frame sink (their output read here) or the
 * test sink (the host's CPU time measured).
 */
static void play(const char *path, DWORD flags, const GUID *sink_class,
		 struct run *r)
{
	bool counting = IsEqualGUID(sink_class, &CLSID_PmpTestSink);
	IPmpSinkOutput *output = NULL;
	IPmpClearKeyLicense *keys;
	IMFTopology *topology;
	IMFMediaSession *s;
	PROPVARIANT start;
	double t0, cpu0 = 0;
	struct clip c;
	TOPOID sink;
	pid_t host = 0;

	open_clip(path, &c);
	topology = make_topology(&c, sink_class, &sink);
	check(MFCreatePMPMediaSession(flags, NULL, &s, NULL),
	      "MFCreatePMPMediaSession");
	check(MFGetService((IUnknown *)s, &PMP_CLEARKEY_SERVICE,
			   &IID_IPmpClearKeyLicense, (void **)&keys),
	      "PMP_CLEARKEY_SERVICE");
	check(IPmpClearKeyLicense_Update(keys, license), "the license");
	IPmpClearKeyLicense_Release(keys);
	if (!counting)
		check(MFGetService((IUnknown *)s, &PMP_SINK_OUTPUT_SERVICE,
				   &IID_IPmpSinkOutput, (void **)&output),
		      "PMP_SINK_OUTPUT_SERVICE");
	t0 = now();
	check(IMFMediaSession_SetTopology(s, 0, topology), "SetTopology");
	IMFTopology_Release(topology);
	take_events(s, MESessionTopologyStatus);
	if (counting) {
		host = host_pid(s);
		cpu0 = process_cpu(host);
	}
	PropVariantInit(&start);
	check(IMFMediaSession_Start(s, &GUID_NULL, &start), "Start");
	if (counting) {
		take_events(s, MESessionEnded);
		r->host_cpu = process_cpu(host) - cpu0;
		r->outputs = sink_samples(s, sink);
	} else {
		r->outputs = read_output(
			s, output, sink,
			IsEqualGUID(sink_class, &CLSID_PmpFrameSink));
		IPmpSinkOutput_Release(output);
	}
	r->wall = now() - t0;

	check(IMFMediaSession_Close(s), "Close");
	take_events(s, MESessionClosed);
	IMFMediaSession_Shutdown(s);
	IMFMediaSession_Release(s);
	close_clip(&c);
}

/* ---- CENC with libcrypto alone ---- */

/*
 * A sample's map must cover it exactly, and its block counter (the low 64
 * bits of the counter block) must not wrap within it: CENC's stops there,
 * libcrypto's carries into the high half, and decrypt_sample() has only
 * libcrypto's.  ffmpeg's IVs start that counter at 0.
 */
static void check_map(const AVEncryptionInfo *info, size_t size)
{
	size_t sum = 0, protected = 0;
	uint64_t low = 0;
	uint32_t i;

	for (i = 0; i < info->subsample_count; i++) {
		sum += info->subsamples[i].bytes_of_clear_data +
		       info->subsamples[i].bytes_of_protected_data;
		protected += info->subsamples[i].bytes_of_protected_data;
	}
	if (!info->subsample_count)
		protected = size;
	else if (sum != size)
		fail("bulk-cenc.mp4: a map of the wrong size");
	for (i = 8; i < info->iv_size; i++)
		low = low << 8 | info->iv[i];
	if (low && (protected + 15) / 16 > -low)
		fail("bulk-cenc.mp4: a sample's block counter wraps");
}

/* Reads @path's samples; @encrypted: with their 'cenc' IVs and maps. */
static void load(const char *path, bool encrypted, struct bulk *b)
{
	AVFormatContext *fmt = NULL;
	AVEncryptionInfo *info;
	const uint8_t *side;
	size_t side_size;
	AVPacket *pkt;

	if (avformat_open_input(&fmt, path, NULL, NULL) < 0)
		fail("libavformat cannot open a bench clip");
	for (;;) {
		pkt = av_packet_alloc();
		if (!pkt)
			fail("out of memory");
		if (av_read_frame(fmt, pkt) < 0) {
			av_packet_free(&pkt);
			break;
		}
		if (b->n == BULK_MAX)
			fail("a bulk clip has too many samples");
		info = NULL;
		if (encrypted) {
			side = av_packet_get_side_data(
				pkt, AV_PKT_DATA_ENCRYPTION_INFO, &side_size);
			info = side ? av_encryption_info_get_side_data(
					      side, side_size)
				    : NULL;
			if (!info || info->scheme != MKBETAG('c', 'e', 'n', 'c') ||
			    (info->iv_size != 8 && info->iv_size != 16))
				fail("bulk-cenc.mp4: not 'cenc'");
			check_map(info, (size_t)pkt->size);
		}
		b->info[b->n] = info;
		b->pkt[b->n++] = pkt;
		b->bytes += (size_t)pkt->size;
		if ((size_t)pkt->size > b->largest)
			b->largest = (size_t)pkt->size;
	}
	avformat_close_input(&fmt);
	if (!b->n)
		fail("a bulk clip has no sample");
}

/* Decrypts sample @i of @enc into @out, as ISO/IEC 23001-7 'cenc' says. */
static void decrypt_sample(EVP_CIPHER_CTX *ctx, const struct bulk *enc,
			   unsigned int i, uint8_t *out)
{
	const AVEncryptionInfo *info = enc->info[i];
	const AVSubsampleEncryptionInfo *sub = info->subsamples;
	const uint8_t *in = enc->pkt[i]->data;
	uint8_t counter[16] = { 0 };
	int len, ok = 1;
	uint32_t j;

	memcpy(counter, info->iv, info->iv_size);
	ok = EVP_DecryptInit_ex(ctx, NULL, NULL, NULL, counter);
	if (!info->subsample_count)
		ok = ok && EVP_DecryptUpdate(ctx, out, &len, in,
					     enc->pkt[i]->size);
	/* One CTR stream through the protected ranges of the sample. */
	for (j = 0; ok && j < info->subsample_count; j++) {
		memcpy(out, in, sub[j].bytes_of_clear_data);
		in += sub[j].bytes_of_clear_data;
		out += sub[j].bytes_of_clear_data;
		ok = EVP_DecryptUpdate(ctx, out, &len, in,
				       (int)sub[j].bytes_of_protected_data);
		in += sub[j].bytes_of_protected_data;
		out += sub[j].bytes_of_protected_data;
	}
	if (!ok)
		fail("libcrypto failed");
}

static double thread_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds to decrypt every sample of @enc into @out. */
static double decrypt_all(EVP_CIPHER_CTX *ctx, const struct bulk *enc,
			  uint8_t *out)
{
	double t0 = thread_cpu();
	unsigned int i;

	for (i = 0; i < enc->n; i++)
		decrypt_sample(ctx, enc, i, out);
	return thread_cpu() - t0;
}

/* The baseline does the host's work: its output is the clear clip's. */
static void check_baseline(EVP_CIPHER_CTX *ctx, const struct bulk *enc,
			   const struct bulk *clear, uint8_t *out)
{
	unsigned int i;

	if (enc->n != clear->n)
		fail("bulk-cenc.mp4 and bulk-clear.mp4 differ");
	for (i = 0; i < enc->n; i++) {
		decrypt_sample(ctx, enc, i, out);
		if (enc->pkt[i]->size != clear->pkt[i]->size ||
		    memcmp(out, clear->pkt[i]->data, clear->pkt[i]->size))
			fail("libcrypto's clear samples differ from "
			     "bulk-clear.mp4's");
	}
}

/* ---- the figures ---- */

static void path_in(char *out, const char *dir, const char *name)
{
	if (snprintf(out, PATH_MAX, "%s/%s", dir, name) >= PATH_MAX)
		fail("CLIPS: path too long");
}

static struct figure figure_of(double *v, double *b, double *q)
{
	struct figure f = {
		.value = median(v, ROUNDS),
		.base = median(b, ROUNDS),
		.ratio = median(q, ROUNDS),
	};

	return f;
}

/*
 * The pipeline and frames figures share their runs: each round plays in
 * process, then protected to the hash sink, then to the frame sink.
 */
static void bench_pipeline(const char *clip, struct figure *pipeline,
			   struct figure *frames)
{
	double v[ROUNDS], b[ROUNDS], q[ROUNDS];
	double fv[ROUNDS], fb[ROUNDS], fq[ROUNDS];
	struct run in_proc, hashed, framed;
	int r;

	for (r = 0; r < ROUNDS; r++) {
		play(clip, MFPMPSESSION_IN_PROCESS, &CLSID_PmpHashSink,
		     &in_proc);
		play(clip, 0, &CLSID_PmpHashSink, &hashed);
		play(clip, 0, &CLSID_PmpFrameSink, &framed);
		if (!in_proc.outputs || hashed.outputs != in_proc.outputs ||
		    framed.outputs != in_proc.outputs)
			fail("play.mp4: the runs gave different frame counts");
		b[r] = in_proc.wall;
		v[r] = hashed.wall;
		q[r] = v[r] / b[r];
		fb[r] = hashed.wall;
		fv[r] = framed.wall;
		fq[r] = fv[r] / fb[r];
	}
	*pipeline = figure_of(v, b, q);
	*frames = figure_of(fv, fb, fq);
}

/* Throughputs in sample bytes per CPU second, their ratio host/baseline. */
static struct figure bench_decryption(const char *dir,
				      const unsigned char key[16])
{
	double v[ROUNDS], b[ROUNDS], q[ROUNDS], base, host;
	char cenc_path[PATH_MAX], clear_path[PATH_MAX];
	struct bulk enc = { 0 }, clear = { 0 };
	struct run clear_run, enc_run;
	EVP_CIPHER_CTX *ctx;
	unsigned int i;
	uint8_t *out;
	int r;

	path_in(cenc_path, dir, "bulk-cenc.mp4");
	path_in(clear_path, dir, "bulk-clear.mp4");
	load(cenc_path, true, &enc);
	load(clear_path, false, &clear);
	ctx = EVP_CIPHER_CTX_new();
	out = malloc(enc.largest);
	if (!ctx || !out)
		fail("out of memory");
	if (!EVP_DecryptInit_ex(ctx, EVP_aes_128_ctr(), NULL, key, NULL))
		fail("libcrypto has no AES-128-CTR");
	check_baseline(ctx, &enc, &clear, out);
	for (r = 0; r < ROUNDS; r++) {
		base = decrypt_all(ctx, &enc, out);
		play(clear_path, 0, &CLSID_PmpTestSink, &clear_run);
		play(cenc_path, 0, &CLSID_PmpTestSink, &enc_run);
		if (clear_run.outputs != enc.n || enc_run.outputs != enc.n)
			fail("the test sink did not take every bulk sample");
		host = enc_run.host_cpu - clear_run.host_cpu;
		if (host <= 0)
			fail("the host's decryption took less than its CPU "
			     "clock's tick: bigger bulk clips are needed");
		b[r] = enc.bytes / base;
		v[r] = enc.bytes / host;
		q[r] = base / host;
	}
	EVP_CIPHER_CTX_free(ctx);
	free(out);
	for (i = 0; i < enc.n; i++) {
		av_encryption_info_free(enc.info[i]);
		av_packet_free(&enc.pkt[i]);
		av_packet_free(&clear.pkt[i]);
	}
	return figure_of(v, b, q);
}

int main(int argc, char **argv)
{
	struct figure pipeline, frames, decryption;
	unsigned char kid[16], key[16];
	char play_path[PATH_MAX];

	if (argc != 5)
		fail("usage: pmp-bench-media RESULTS CLIPS KID KEY");
	report_open(argv[1], "a");
	parse_id(argv[3], kid);
	parse_id(argv[4], key);
	make_license(kid, key);
	path_in(play_path, argv[2], "play.mp4");
	check(MFStartup(MF_VERSION, MFSTARTUP_FULL), "MFStartup");

	bench_pipeline(play_path, &pipeline, &frames);
	decryption = bench_decryption(argv[2], key);
	OPENSSL_cleanse(key, sizeof(key));

	line("\n");
	rows("media pipeline, in process (baseline)",
	     "media pipeline, protected host", pipeline, 1e3, "ms", 1.15);
	line("\n");
	rows_at_least("CENC decryption, libcrypto in one process (baseline)",
		      "CENC decryption inside the host", decryption,
		      1.0 / (1 << 20), "MiB/s", 0.9);
	line("(CENC: sample bytes per CPU second; the host's CPU time is "
	     "what the encrypted\n clip takes beyond the same clip in clear, "
	     "both to the test sink)\n");
	line("\n");
	rows("records through the hash sink (baseline)",
	     "frames through the frame sink", frames, 1e3, "ms", 0);
	MFShutdown();
	report_close();
	return 0;
}
