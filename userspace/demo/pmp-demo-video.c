// SPDX-License-Identifier: MIT
/*
 * pmp-demo-video - an encrypted clip played twice in one PMP process
 *
 * Microsoft's procedure for two Media Sessions sharing one PMP process
 * (IMFPMPServer), with each session playing a Common Encryption ('cenc')
 * H.264 clip.  Written against Media Foundation's API and the session
 * services pmp documents in <pmpmedia.h>: the key reaches the PMP process
 * as a W3C ClearKey license (PMP_CLEARKEY_SERVICE); the process decrypts,
 * decodes and hashes every frame (CLSID_PmpHashSink on the output node),
 * and only each frame's MD5 comes back (PMP_SINK_OUTPUT_SERVICE).
 *
 *   1. MFCreatePMPMediaSession(0): session 1 in a new protected process
 *   2. session 1 plays the clip
 *   3. MFGetService(MF_PMP_SERVER_CONTEXT), LockProcess, Close and Shut
 *      down session 1: the process stays
 *   4. MFCreatePMPMediaSession with MF_SESSION_SERVER_CONTEXT: session 2,
 *      same process; it plays the clip again
 *   5. both runs against ffmpeg's; UnlockProcess, session 2 shut down:
 *      the process exits
 *
 * A run's digest is the SHA-256 of its frames' MD5s in lowercase hex, in
 * order, one per line (each line ending in '\n'): what
 * `grep -v '^#' ref.framemd5 | awk -F', *' '{print $NF}' | sha256sum`
 * gives for ffmpeg's framemd5 output.  libcrypto is here for that SHA-256
 * only.
 *
 * Usage: pmp-demo-video CLIP KID KEY FRAMES DIGEST
 *   CLIP an absolute path; KID and KEY 32 hex digits each; FRAMES and
 *   DIGEST ffmpeg's frame count and digest for CLIP.
 * Build: cc -o pmp-demo-video pmp-demo-video.c \
 *        $(pkg-config --cflags --libs pmp libcrypto)
 * Exit status 0 when both runs equal ffmpeg's, both sessions ran in one
 * process and that process exited at the end; 1 otherwise; 2 for usage.
 */
#define COBJMACROS
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <mfapi.h>
#include <mferror.h>
#include <mfidl.h>
#include <pmpmedia.h>

/* How long the session may take to answer a request. */
#define EVENT_WAIT_MS 30000
/* One wait for a frame record, before the session's events are looked at. */
#define RECORD_WAIT_MS 200
/* How long the process may linger once unlocked (the default is 3 s). */
#define EXIT_WAIT_MS 10000

#define CHECK(what, call)                                                      \
	do {                                                                   \
		HRESULT hr_ = (call);                                          \
		printf("  %-60s 0x%08x\n", what, (unsigned int)hr_);           \
		if (FAILED(hr_))                                               \
			exit(1);                                               \
	} while (0)

/* One playback's result. */
struct run {
	IMFMediaSource *source;
	unsigned long frames;
	char digest[2 * 32 + 1];
};

static void step(const char *text)
{
	printf("\n%s\n", text);
}

/*
 * `pmpctl hosts`, its lines printed indented when @show: the number of
 * PMP processes listed, and the PID of the last one in *@pid.
 */
static int pmpctl_hosts(int show, unsigned int *pid)
{
	char line[256], kind[16];
	unsigned long long id;
	unsigned int p, uid;
	int hosts = 0;
	FILE *f;

	fflush(stdout);
	f = popen("pmpctl hosts", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (show)
			printf("    %s", line);
		if (sscanf(line, "%llu %u %u %15s", &id, &p, &uid, kind) == 4 &&
		    (!strcmp(kind, "protected") ||
		     !strcmp(kind, "unprotected"))) {
			hosts++;
			*pid = p;
		}
	}
	return pclose(f) ? -1 : hosts;
}

/* Waits up to EXIT_WAIT_MS for `pmpctl hosts` to list no process. */
static int wait_no_hosts(void)
{
	unsigned int pid;
	int i;

	for (i = 0; i < EXIT_WAIT_MS / 100; i++) {
		if (pmpctl_hosts(0, &pid) == 0)
			return 1;
		usleep(100 * 1000);
	}
	return 0;
}

static const char *event_name(MediaEventType type)
{
	switch (type) {
	case MEError:
		return "MEError";
	case MESessionTopologySet:
		return "MESessionTopologySet";
	case MESessionStarted:
		return "MESessionStarted";
	case MESessionClosed:
		return "MESessionClosed";
	case MESessionEnded:
		return "MESessionEnded";
	case MESessionTopologyStatus:
		return "MESessionTopologyStatus";
	default:
		return "event";
	}
}

/*
 * Takes and prints the session's events until one of type @until (0: until
 * none is left), waiting up to @wait_ms for each.  Returns the failed
 * status of an event, MF_E_NO_EVENTS_AVAILABLE when @until did not come,
 * else S_OK.  MESessionTopologyStatus counts only with MF_TOPOSTATUS_READY.
 */
static HRESULT take_events(IMFMediaSession *session, MediaEventType until,
			   DWORD wait_ms)
{
	LONGLONG deadline = MFGetSystemTime() + (LONGLONG)wait_ms * 10000;
	IMFMediaEvent *event;
	MediaEventType type;
	UINT32 topo = 0;
	HRESULT hr, status;

	for (;;) {
		hr = IMFMediaSession_GetEvent(session, MF_EVENT_FLAG_NO_WAIT,
					      &event);
		if (hr == MF_E_NO_EVENTS_AVAILABLE) {
			if (MFGetSystemTime() >= deadline)
				return until ? hr : S_OK;
			usleep(10 * 1000);
			continue;
		}
		if (FAILED(hr))
			return hr;
		type = MEUnknown;
		status = E_FAIL;
		IMFMediaEvent_GetType(event, &type);
		IMFMediaEvent_GetStatus(event, &status);
		printf("    %s (%lu), status 0x%08x", event_name(type),
		       (unsigned long)type, (unsigned int)status);
		if (type == MESessionTopologyStatus &&
		    SUCCEEDED(IMFMediaEvent_GetUINT32(
			    event, &MF_EVENT_TOPOLOGY_STATUS, &topo)))
			printf(", MF_EVENT_TOPOLOGY_STATUS %u%s", topo,
			       topo == MF_TOPOSTATUS_READY ? " (READY)" : "");
		printf("\n");
		IMFMediaEvent_Release(event);
		if (FAILED(status))
			return status;
		if (type == until && (type != MESessionTopologyStatus ||
				      topo == MF_TOPOSTATUS_READY))
			return S_OK;
	}
}

/*
 * Microsoft's samples' "if (FAILED(hr)) goto done" in one line, and their
 * SafeRelease: every COM interface starts with IUnknown's methods.
 */
#define TRY(call)                                                              \
	do {                                                                   \
		hr = (call);                                                   \
		if (FAILED(hr))                                                \
			goto done;                                             \
	} while (0)

static void safe_release(void *p)
{
	if (p)
		IUnknown_Release((IUnknown *)p);
}

static HRESULT open_source(const char *path, IMFMediaSource **source)
{
	IMFSourceResolver *resolver = NULL;
	MF_OBJECT_TYPE type;
	IUnknown *unk = NULL;
	size_t len = strlen(path), i;
	WCHAR *url;
	HRESULT hr;

	url = calloc(len + 1, sizeof(*url));
	if (!url)
		return E_OUTOFMEMORY;
	/* UTF-16 by widening: demo.sh's paths are ASCII. */
	for (i = 0; i < len; i++) {
		if ((unsigned char)path[i] >= 0x80) {
			free(url);
			return E_INVALIDARG;
		}
		url[i] = (WCHAR)path[i];
	}
	TRY(MFCreateSourceResolver(&resolver));
	TRY(IMFSourceResolver_CreateObjectFromURL(
		resolver, url, MF_RESOLUTION_MEDIASOURCE, NULL, &type, &unk));
	hr = IUnknown_QueryInterface(unk, &IID_IMFMediaSource, (void **)source);
done:
	safe_release(unk);
	safe_release(resolver);
	free(url);
	return hr;
}

/*
 * The clip's one stream, from @source to the hash sink in the PMP process;
 * the session puts the decryptor and the decoder between them there.
 * Rateless: the sink takes frames as fast as they are decoded.
 */
static HRESULT build_topology(IMFMediaSource *source, IMFTopology **out,
			      TOPOID *sink_id)
{
	IMFPresentationDescriptor *pd = NULL;
	IMFStreamDescriptor *sd = NULL;
	IMFTopologyNode *src = NULL, *sink = NULL;
	IMFTopology *topology = NULL;
	BOOL selected;
	HRESULT hr;

	TRY(IMFMediaSource_CreatePresentationDescriptor(source, &pd));
	TRY(IMFPresentationDescriptor_SelectStream(pd, 0));
	TRY(IMFPresentationDescriptor_GetStreamDescriptorByIndex(
		pd, 0, &selected, &sd));
	TRY(MFCreateTopology(&topology));

	TRY(MFCreateTopologyNode(MF_TOPOLOGY_SOURCESTREAM_NODE, &src));
	TRY(IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_SOURCE,
				       (IUnknown *)source));
	TRY(IMFTopologyNode_SetUnknown(
		src, &MF_TOPONODE_PRESENTATION_DESCRIPTOR, (IUnknown *)pd));
	TRY(IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_STREAM_DESCRIPTOR,
				       (IUnknown *)sd));
	TRY(IMFTopology_AddNode(topology, src));

	TRY(MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, &sink));
	TRY(IMFTopologyNode_SetGUID(sink, &PMP_TOPONODE_OBJECT_CLSID,
				    &CLSID_PmpHashSink));
	TRY(IMFTopologyNode_SetUINT32(sink, &MF_TOPONODE_RATELESS, TRUE));
	TRY(IMFTopology_AddNode(topology, sink));

	TRY(IMFTopologyNode_ConnectOutput(src, 0, sink, 0));
	TRY(IMFTopologyNode_GetTopoNodeID(sink, sink_id));
	*out = topology;
	topology = NULL;
done:
	safe_release(topology);
	safe_release(sink);
	safe_release(src);
	safe_release(sd);
	safe_release(pd);
	return hr;
}

/*
 * Reads the hash sink's records until the end of the stream (S_FALSE),
 * hashing each frame's MD5 into @sha as a line of hex; between waits, a
 * failure the session reports ends it.
 */
static HRESULT read_records(IMFMediaSession *session, IPmpSinkOutput *output,
			    TOPOID node, EVP_MD_CTX *sha, struct run *run)
{
	IMFSample *rec;
	UINT8 md5[16];
	UINT32 got;
	char hex[2 * 16 + 2];
	HRESULT hr;
	int i;

	for (;;) {
		hr = IPmpSinkOutput_ReadSample(output, node, RECORD_WAIT_MS,
					       &rec);
		if (hr == S_FALSE)
			return S_OK;
		if (hr == MF_E_NO_EVENTS_AVAILABLE) {
			hr = take_events(session, 0, 0);
			if (FAILED(hr))
				return hr;
			continue;
		}
		if (FAILED(hr))
			return hr;
		got = 0;
		hr = IMFSample_GetBlob(rec, &PMP_SAMPLE_FRAME_MD5, md5,
				       sizeof(md5), &got);
		IMFSample_Release(rec);
		if (FAILED(hr) || got != sizeof(md5))
			return MF_E_INVALID_STREAM_DATA;
		for (i = 0; i < 16; i++)
			sprintf(hex + 2 * i, "%02x", md5[i]);
		hex[32] = '\n';
		EVP_DigestUpdate(sha, hex, 33);
		run->frames++;
	}
}

/*
 * Where the clear media was in the PMP process: the session counts, on the
 * source node of its full topology, the decoded frames in memfd_secret()
 * memory and those in the fallback (pmpmedia.h).
 */
static HRESULT print_memory(IMFMediaSession *session)
{
	UINT64 secret = 0, fallback = 0;
	IMFTopology *full = NULL;
	IMFTopologyNode *node;
	MF_TOPOLOGY_TYPE type;
	WORD count = 0, i;
	HRESULT hr;

	hr = IMFMediaSession_GetFullTopology(
		session, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &full);
	if (SUCCEEDED(hr))
		hr = IMFTopology_GetNodeCount(full, &count);
	for (i = 0; SUCCEEDED(hr) && i < count; i++) {
		hr = IMFTopology_GetNode(full, i, &node);
		if (FAILED(hr))
			break;
		IMFTopologyNode_GetNodeType(node, &type);
		if (type == MF_TOPOLOGY_SOURCESTREAM_NODE) {
			IMFTopologyNode_GetUINT64(
				node, &PMP_TOPONODE_SECRET_SAMPLES, &secret);
			IMFTopologyNode_GetUINT64(
				node, &PMP_TOPONODE_FALLBACK_SAMPLES, &fallback);
		}
		IMFTopologyNode_Release(node);
	}
	if (full)
		IMFTopology_Release(full);
	if (SUCCEEDED(hr))
		printf("  decoded frames in the PMP process: %llu in memfd_secret "
		       "memory, %llu in the fallback\n",
		       (unsigned long long)secret,
		       (unsigned long long)fallback);
	return hr;
}

/*
 * Session @session plays @clip to the hash sink with @license's keys:
 * the frame count and digest in @run.
 */
static void play(IMFMediaSession *session, const char *clip,
		 const char *license, struct run *run)
{
	IPmpClearKeyLicense *keys = NULL;
	IPmpSinkOutput *output = NULL;
	IMFTopology *topology = NULL;
	unsigned char sha[32];
	PROPVARIANT start;
	TOPOID node = 0;
	EVP_MD_CTX *ctx;
	int i;

	CHECK("MFCreateSourceResolver, CreateObjectFromURL(clip)",
	      open_source(clip, &run->source));
	CHECK("topology: source stream -> CLSID_PmpHashSink, rateless",
	      build_topology(run->source, &topology, &node));
	CHECK("MFGetService(PMP_CLEARKEY_SERVICE, IID_IPmpClearKeyLicense)",
	      MFGetService((IUnknown *)session, &PMP_CLEARKEY_SERVICE,
			   &IID_IPmpClearKeyLicense, (void **)&keys));
	CHECK("IPmpClearKeyLicense::Update(license)",
	      IPmpClearKeyLicense_Update(keys, license));
	IPmpClearKeyLicense_Release(keys);
	CHECK("MFGetService(PMP_SINK_OUTPUT_SERVICE, IID_IPmpSinkOutput)",
	      MFGetService((IUnknown *)session, &PMP_SINK_OUTPUT_SERVICE,
			   &IID_IPmpSinkOutput, (void **)&output));
	CHECK("IMFMediaSession::SetTopology",
	      IMFMediaSession_SetTopology(session, 0, topology));
	IMFTopology_Release(topology);
	CHECK("  ...MESessionTopologyStatus READY",
	      take_events(session, MESessionTopologyStatus, EVENT_WAIT_MS));

	ctx = EVP_MD_CTX_new();
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		printf("  libcrypto: no SHA-256\n");
		exit(1);
	}
	PropVariantInit(&start);
	CHECK("IMFMediaSession::Start",
	      IMFMediaSession_Start(session, &GUID_NULL, &start));
	CHECK("IPmpSinkOutput::ReadSample, every record until S_FALSE",
	      read_records(session, output, node, ctx, run));
	IPmpSinkOutput_Release(output);
	CHECK("  ...MESessionEnded",
	      take_events(session, MESessionEnded, EVENT_WAIT_MS));
	CHECK("IMFMediaSession::GetFullTopology", print_memory(session));
	EVP_DigestFinal_ex(ctx, sha, NULL);
	EVP_MD_CTX_free(ctx);
	for (i = 0; i < 32; i++)
		sprintf(run->digest + 2 * i, "%02x", sha[i]);
	printf("  %lu frames, digest %s\n", run->frames, run->digest);
}

/* Microsoft's order: Close, wait for MESessionClosed, Shutdown, Release. */
static void end_session(IMFMediaSession *session, struct run *run)
{
	CHECK("IMFMediaSession::Close", IMFMediaSession_Close(session));
	CHECK("  ...MESessionClosed",
	      take_events(session, MESessionClosed, EVENT_WAIT_MS));
	CHECK("IMFMediaSession::Shutdown", IMFMediaSession_Shutdown(session));
	IMFMediaSession_Release(session);
	/* The application's source is the application's to shut down. */
	CHECK("IMFMediaSource::Shutdown", IMFMediaSource_Shutdown(run->source));
	IMFMediaSource_Release(run->source);
}

static int hex16(const char *s, unsigned char out[16])
{
	unsigned int byte;
	int i;

	if (strlen(s) != 32 || strspn(s, "0123456789abcdefABCDEF") != 32)
		return -1;
	for (i = 0; i < 16; i++) {
		sscanf(s + 2 * i, "%2x", &byte);
		out[i] = (unsigned char)byte;
	}
	return 0;
}

/* 16 bytes in base64url without padding (RFC 4648 section 5): 22 chars. */
static void base64url16(const unsigned char in[16], char out[23])
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				     "abcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned int acc = 0, bits = 0, i, o = 0;

	for (i = 0; i < 16; i++) {
		acc = (acc << 8 | in[i]) & 0xffff;
		for (bits += 8; bits >= 6; bits -= 6)
			out[o++] = digits[acc >> (bits - 6) & 63];
	}
	out[o++] = digits[acc << (6 - bits) & 63];
	out[o] = '\0';
}

/* The W3C ClearKey license that gives key @key to key id @kid. */
static int make_license(const char *kid, const char *key, char *json,
			size_t size)
{
	unsigned char kid_bytes[16], key_bytes[16];
	char kid_b64[23], key_b64[23];

	if (hex16(kid, kid_bytes) || hex16(key, key_bytes))
		return -1;
	base64url16(kid_bytes, kid_b64);
	base64url16(key_bytes, key_b64);
	snprintf(json, size,
		 "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"%s\",\"k\":\"%s\"}],"
		 "\"type\":\"temporary\"}",
		 kid_b64, key_b64);
	return 0;
}

static int same_as(const struct run *run, unsigned long frames,
		   const char *digest)
{
	return run->frames == frames && !strcmp(run->digest, digest);
}

int main(int argc, char **argv)
{
	struct run run1 = { 0 }, run2 = { 0 };
	IMFMediaSession *session1 = NULL, *session2 = NULL;
	IMFPMPServer *server = NULL;
	IMFAttributes *config = NULL;
	unsigned int pid1 = 0, pid2 = 0, pid;
	unsigned long frames;
	char license[256], *end;
	int equal, exited;

	if (argc != 6 || argv[1][0] != '/' ||
	    make_license(argv[2], argv[3], license, sizeof(license)) ||
	    (frames = strtoul(argv[4], &end, 10), *end) ||
	    strlen(argv[5]) != 64) {
		fprintf(stderr,
			"usage: %s /CLIP KID KEY FRAMES DIGEST\n"
			"  KID and KEY: 32 hex digits; FRAMES and DIGEST: "
			"ffmpeg's for CLIP\n",
			argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* Processes of earlier demos linger a while: start with none. */
	if (!wait_no_hosts())
		printf("(a PMP process of an earlier demo is still there)\n");
	CHECK("CoInitializeEx", CoInitializeEx(NULL, COINIT_MULTITHREADED));
	CHECK("MFStartup(MF_VERSION)", MFStartup(MF_VERSION, MFSTARTUP_FULL));

	step("1. MFCreatePMPMediaSession(0): session 1 in a new protected "
	     "PMP process");
	CHECK("MFCreatePMPMediaSession(0, NULL, &session1, NULL)",
	      MFCreatePMPMediaSession(0, NULL, &session1, NULL));
	if (pmpctl_hosts(1, &pid1) != 1)
		pid1 = 0;

	step("2. session 1 plays the clip: the key as a ClearKey license, "
	     "every frame\n   decrypted, decoded and hashed in the PMP "
	     "process, only MD5s back");
	play(session1, argv[1], license, &run1);
	pmpctl_hosts(1, &pid);

	step("3. MFGetService(MF_PMP_SERVER_CONTEXT), LockProcess, then "
	     "session 1 closed\n   and shut down: the process stays");
	CHECK("MFGetService(MF_PMP_SERVER_CONTEXT, IID_IMFPMPServer)",
	      MFGetService((IUnknown *)session1, &MF_PMP_SERVER_CONTEXT,
			   &IID_IMFPMPServer, (void **)&server));
	CHECK("IMFPMPServer::LockProcess", IMFPMPServer_LockProcess(server));
	end_session(session1, &run1);
	pmpctl_hosts(1, &pid);

	step("4. MFCreatePMPMediaSession with MF_SESSION_SERVER_CONTEXT: "
	     "session 2 in the\n   same process plays the clip again");
	CHECK("MFCreateAttributes", MFCreateAttributes(&config, 1));
	CHECK("SetUnknown(MF_SESSION_SERVER_CONTEXT, server)",
	      IMFAttributes_SetUnknown(config, &MF_SESSION_SERVER_CONTEXT,
				       (IUnknown *)server));
	CHECK("MFCreatePMPMediaSession(0, config, &session2, NULL)",
	      MFCreatePMPMediaSession(0, config, &session2, NULL));
	if (pmpctl_hosts(1, &pid2) != 1)
		pid2 = 0;
	printf("  PMP process of session 1: pid %u; of session 2: pid %u: "
	       "%s\n",
	       pid1, pid2, pid1 && pid1 == pid2 ? "the same" : "NOT the same");
	play(session2, argv[1], license, &run2);

	step("5. both runs against ffmpeg's; UnlockProcess, session 2 shut "
	     "down: the\n   process exits");
	printf("  digest: SHA-256 of the frames' MD5s in hex, one per line\n");
	printf("  %-10s %6s  %s\n", "", "frames", "digest");
	printf("  %-10s %6lu  %s\n", "ffmpeg", frames, argv[5]);
	printf("  %-10s %6lu  %s\n", "session 1", run1.frames, run1.digest);
	printf("  %-10s %6lu  %s\n", "session 2", run2.frames, run2.digest);
	equal = same_as(&run1, frames, argv[5]) &&
		same_as(&run2, frames, argv[5]);
	printf("  equal to ffmpeg's: %s\n", equal ? "yes" : "no");
	CHECK("IMFPMPServer::UnlockProcess",
	      IMFPMPServer_UnlockProcess(server));
	end_session(session2, &run2);
	IMFPMPServer_Release(server);
	IMFAttributes_Release(config);
	printf("  (waiting out the PMP process's linger time)\n");
	exited = wait_no_hosts();
	pmpctl_hosts(1, &pid);
	printf("  the PMP process (pid %u) has exited: %s\n", pid2,
	       exited ? "yes" : "no");

	CHECK("MFShutdown", MFShutdown());
	CoUninitialize();
	return equal && pid1 && pid1 == pid2 && exited ? 0 : 1;
}
