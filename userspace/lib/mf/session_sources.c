// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * session_sources.c - the client streams of a PMP media session: media
 * sources that live in the application, pumped into the host half
 *
 * Client objects never cross into the PMP process.  When a topology's
 * source node carries MF_TOPONODE_SOURCE (the application's
 * IMFMediaSource), libpmp sends the host a copy of the topology in which
 * that node is a client stream instead: PMP_TOPONODE_CLIENT_STREAM, the
 * stream's current media type by value (PMP_TOPONODE_MEDIA_TYPE) and
 * MF_SD_PROTECTED.  Here, on the application's side, it starts those
 * sources as the session starts, and one thread per stream requests
 * their samples and pushes each, by value in a sealed memfd, with
 * IPmpMediaSessionHost::PushSample.
 *
 * Segments.  Each Start of the host half that moves the presentation
 * (a start from stopped, a seek) begins a segment, which the host numbers;
 * the sources are started at its position, and the samples that follow
 * each stream's MEStreamStarted or MEStreamSeeked are pushed with that
 * number.  The host drops what carries an old one (S_FALSE).
 *
 * The sources' events come through BeginGetEvent: the callback only
 * queues them to the stream's (or the source's) thread, so that no
 * application event queue waits on a blocked push, and so that a feeds
 * object can go away while the application keeps its sources.
 */

#define COBJMACROS
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mfapi.h"
#include "mfidl.h"
#include "pmpmedia.h"

#include "mf.h"
#include "sample_blob.h"
#include "session.h"

/* A media type blob larger than this is refused (MF_E_INVALIDMEDIATYPE). */
#define FEEDS_TYPE_BLOB_MAX (64U * 1024)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * A mailbox: events one generator's callback queues for one thread.  It
 * outlives the feeds object while a callback may still come.
 */
struct mailbox_item {
	struct mailbox_item *next;
	IMFMediaEvent *event;
};

struct mailbox {
	IMFAsyncCallback IMFAsyncCallback_iface;
	atomic_long refcount;
	IMFMediaEventGenerator *gen;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct mailbox_item *head, **tail;
	bool closed;
	HRESULT failure;
};

struct feed_source;

/* One client stream: a node of the topology and the source's stream. */
struct feed_stream {
	struct pmp_client_sources *feeds;
	struct feed_source *src;
	TOPOID node;
	DWORD id;
	IMFMediaStream *stream;
	struct mailbox *box;
	pthread_t thread;
	bool thread_started;
	/* feeds->lock: the segments of the starts still to be seen */
	DWORD starts[8];
	unsigned int nr_starts;
	/* The stream's thread: a sample by value on its way (inline room) */
	BYTE *data;
};

struct feed_source {
	IMFMediaSource *source;
	IMFPresentationDescriptor *pd;
	struct mailbox *box;
	pthread_t thread;
	bool thread_started;
};

struct pmp_client_sources {
	IPmpMediaSessionHost *host;
	struct feed_source *sources;
	struct feed_stream *streams;
	size_t nr_sources, nr_streams;
	pthread_mutex_t lock;
	/* lock: */
	DWORD segment;
	bool started;
	bool dead;
};

/* ---- mailboxes ---- */

static struct mailbox *impl_from_IMFAsyncCallback(IMFAsyncCallback *iface)
{
	return (struct mailbox *)iface;
}

static HRESULT STDMETHODCALLTYPE box_QueryInterface(IMFAsyncCallback *iface,
						    REFIID riid, void **ppv)
{
	return pmp_query_one(iface, riid, &IID_IMFAsyncCallback, ppv);
}

static ULONG STDMETHODCALLTYPE box_AddRef(IMFAsyncCallback *iface)
{
	return atomic_fetch_add(&impl_from_IMFAsyncCallback(iface)->refcount,
				1) + 1;
}

static ULONG STDMETHODCALLTYPE box_Release(IMFAsyncCallback *iface)
{
	struct mailbox *box = impl_from_IMFAsyncCallback(iface);
	long refs = atomic_fetch_sub(&box->refcount, 1) - 1;
	struct mailbox_item *it;

	if (refs)
		return refs;
	while ((it = box->head)) {
		box->head = it->next;
		IMFMediaEvent_Release(it->event);
		free(it);
	}
	IMFMediaEventGenerator_Release(box->gen);
	pthread_cond_destroy(&box->cond);
	pthread_mutex_destroy(&box->lock);
	free(box);
	return 0;
}

/* The optional method: the default queue will do. */
static HRESULT STDMETHODCALLTYPE box_GetParameters(IMFAsyncCallback *iface,
						   DWORD *flags, DWORD *queue)
{
	(void)iface;
	(void)flags;
	(void)queue;
	return E_NOTIMPL;
}

/* Takes the event, queues it, and asks for the next unless closed. */
static HRESULT STDMETHODCALLTYPE box_Invoke(IMFAsyncCallback *iface,
					    IMFAsyncResult *result)
{
	struct mailbox *box = impl_from_IMFAsyncCallback(iface);
	IMFMediaEvent *event = NULL;
	struct mailbox_item *it = NULL;
	HRESULT hr;

	hr = IMFMediaEventGenerator_EndGetEvent(box->gen, result, &event);
	if (SUCCEEDED(hr)) {
		it = malloc(sizeof(*it));
		if (!it)
			hr = E_OUTOFMEMORY;
	}
	pthread_mutex_lock(&box->lock);
	if (SUCCEEDED(hr)) {
		it->next = NULL;
		it->event = event;
		event = NULL;
		*box->tail = it;
		box->tail = &it->next;
	} else if (SUCCEEDED(box->failure)) {
		box->failure = hr;
	}
	pthread_cond_broadcast(&box->cond);
	if (SUCCEEDED(hr) && !box->closed)
		hr = IMFMediaEventGenerator_BeginGetEvent(box->gen, iface,
							  NULL);
	if (FAILED(hr) && SUCCEEDED(box->failure)) {
		box->failure = hr;
		pthread_cond_broadcast(&box->cond);
	}
	pthread_mutex_unlock(&box->lock);
	if (event)
		IMFMediaEvent_Release(event);
	return S_OK;
}

static const IMFAsyncCallbackVtbl box_vtbl = {
	.QueryInterface = box_QueryInterface,
	.AddRef = box_AddRef,
	.Release = box_Release,
	.GetParameters = box_GetParameters,
	.Invoke = box_Invoke,
};

/* A mailbox listening to @gen from now on. */
static HRESULT box_open(IUnknown *gen_unk, struct mailbox **out)
{
	struct mailbox *box;
	HRESULT hr;

	box = calloc(1, sizeof(*box));
	if (!box)
		return E_OUTOFMEMORY;
	hr = IUnknown_QueryInterface(gen_unk, &IID_IMFMediaEventGenerator,
				     (void **)&box->gen);
	if (FAILED(hr)) {
		free(box);
		return hr;
	}
	box->IMFAsyncCallback_iface.lpVtbl = &box_vtbl;
	atomic_init(&box->refcount, 1);
	pthread_mutex_init(&box->lock, NULL);
	pthread_cond_init(&box->cond, NULL);
	box->tail = &box->head;
	hr = IMFMediaEventGenerator_BeginGetEvent(
		box->gen, &box->IMFAsyncCallback_iface, NULL);
	if (FAILED(hr)) {
		box_Release(&box->IMFAsyncCallback_iface);
		return hr;
	}
	*out = box;
	return S_OK;
}

/* No more waits: the thread's next take returns NULL. */
static void box_close(struct mailbox *box)
{
	pthread_mutex_lock(&box->lock);
	box->closed = true;
	pthread_cond_broadcast(&box->cond);
	pthread_mutex_unlock(&box->lock);
}

/*
 * The next event, waiting; NULL once closed or when the generator failed
 * (*@failure then, S_OK when closed).
 */
static IMFMediaEvent *box_take(struct mailbox *box, HRESULT *failure)
{
	IMFMediaEvent *event = NULL;
	struct mailbox_item *it;

	pthread_mutex_lock(&box->lock);
	while (!box->closed && !box->head && SUCCEEDED(box->failure))
		pthread_cond_wait(&box->cond, &box->lock);
	*failure = box->closed ? S_OK : box->failure;
	if (!box->closed && (it = box->head)) {
		box->head = it->next;
		if (!box->head)
			box->tail = &box->head;
		event = it->event;
		free(it);
		*failure = S_OK;
	}
	pthread_mutex_unlock(&box->lock);
	return event;
}

/* ---- threads ---- */

static bool feeds_dead(struct pmp_client_sources *f)
{
	bool dead;

	pthread_mutex_lock(&f->lock);
	dead = f->dead;
	pthread_mutex_unlock(&f->lock);
	return dead;
}

/* Pushes @sample until the host takes or drops it, or the feeds die. */
static HRESULT stream_push(struct feed_stream *st, DWORD segment,
			   IMFSample *sample)
{
	DWORD size = 0, length = 0, room = pmp_session_inline_room();
	HRESULT hr;
	int fd = -1;

	/* Small samples go in the call, larger ones in a memfd. */
	if (room && !st->data) {
		st->data = malloc(room);
		if (!st->data)
			return E_OUTOFMEMORY;
	}
	hr = pmp_sample_serialize_inline(sample, st->data, room, &length, &fd,
					 &size);
	if (FAILED(hr))
		return hr;
	do {
		if (fd >= 0) {
			hr = IPmpMediaSessionHost_PushSample(
				st->feeds->host, st->node, segment, fd, size);
			continue;
		}
		hr = IPmpMediaSessionHost_PushSampleBytes(
			st->feeds->host, st->node, segment, st->data, length);
		/*
		 * The kernel refused the call's size (max_payload lowered
		 * since libpmp read it): the host saw nothing; send a memfd.
		 */
		if (hr == MF_E_INSUFFICIENT_BUFFER) {
			hr = pmp_sample_serialize(sample, &fd, &size);
			if (SUCCEEDED(hr))
				hr = MF_E_NOTACCEPTING;
		}
	} while (hr == MF_E_NOTACCEPTING && !feeds_dead(st->feeds));
	if (fd >= 0)
		close(fd);
	if (length)
		explicit_bzero(st->data, length);
	return hr == MF_E_NOTACCEPTING ? S_FALSE : hr;
}

/* The segment a stream's MEStreamStarted or MEStreamSeeked begins. */
static bool stream_next_start(struct feed_stream *st, DWORD *segment)
{
	bool have;

	pthread_mutex_lock(&st->feeds->lock);
	have = st->nr_starts > 0;
	if (have) {
		*segment = st->starts[0];
		memmove(st->starts, st->starts + 1,
			--st->nr_starts * sizeof(st->starts[0]));
	}
	pthread_mutex_unlock(&st->feeds->lock);
	return have;
}

static void *stream_thread(void *arg)
{
	struct feed_stream *st = arg;
	IPmpMediaSessionHost *host = st->feeds->host;
	bool started = false, requested = false;
	IMFMediaEvent *event;
	IMFSample *sample;
	MediaEventType type;
	DWORD segment = 0;
	HRESULT hr, status;
	PROPVARIANT v;

	while ((event = box_take(st->box, &hr))) {
		type = MEUnknown;
		status = S_OK;
		IMFMediaEvent_GetType(event, &type);
		IMFMediaEvent_GetStatus(event, &status);
		PropVariantInit(&v);
		IMFMediaEvent_GetValue(event, &v);
		IMFMediaEvent_Release(event);
		switch (type) {
		case MEStreamStarted:
		case MEStreamSeeked:
			started = stream_next_start(st, &segment);
			break;
		case MEStreamStopped:
			started = requested = false;
			break;
		case MEMediaSample:
			requested = false;
			if (!started || v.vt != VT_UNKNOWN || !v.punkVal)
				break;
			hr = IUnknown_QueryInterface(v.punkVal, &IID_IMFSample,
						     (void **)&sample);
			if (SUCCEEDED(hr)) {
				hr = stream_push(st, segment, sample);
				IMFSample_Release(sample);
			}
			/* The segment is over: ask nothing until the next start. */
			if (hr == S_FALSE)
				started = false;
			if (FAILED(hr)) {
				IPmpMediaSessionHost_EndOfStream(host, st->node,
								 segment, hr);
				started = false;
			}
			break;
		case MEEndOfStream:
			if (started)
				IPmpMediaSessionHost_EndOfStream(host, st->node,
								 segment, S_OK);
			started = requested = false;
			break;
		case MEError:
			if (started)
				IPmpMediaSessionHost_EndOfStream(
					host, st->node, segment,
					FAILED(status) ? status : E_FAIL);
			started = requested = false;
			break;
		}
		PropVariantClear(&v);
		if (started && !requested && SUCCEEDED(status) &&
		    !feeds_dead(st->feeds)) {
			hr = IMFMediaStream_RequestSample(st->stream, NULL);
			requested = SUCCEEDED(hr);
			if (FAILED(hr)) {
				IPmpMediaSessionHost_EndOfStream(host, st->node,
								 segment, hr);
				started = false;
			}
		}
	}
	/* The source's stream failed (it was shut down, say): say so once. */
	if (FAILED(hr) && started)
		IPmpMediaSessionHost_EndOfStream(host, st->node, segment, hr);
	return NULL;
}

/* Starts @fn on @arg with every signal blocked: they are the application's. */
static HRESULT thread_start(pthread_t *thread, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	int err;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(thread, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return err ? E_OUTOFMEMORY : S_OK;
}

/* The client stream of @src whose stream descriptor has id @id. */
static struct feed_stream *stream_by_id(struct pmp_client_sources *f,
					struct feed_source *src, DWORD id)
{
	size_t i;

	for (i = 0; i < f->nr_streams; i++)
		if (f->streams[i].src == src && f->streams[i].id == id)
			return &f->streams[i];
	return NULL;
}

/* A source's new or updated stream: the first time, its pump starts. */
static void source_stream(struct pmp_client_sources *f, struct feed_source *src,
			  IUnknown *unk)
{
	IMFStreamDescriptor *sd = NULL;
	IMFMediaStream *stream = NULL;
	struct feed_stream *st;
	DWORD id = 0;

	if (FAILED(IUnknown_QueryInterface(unk, &IID_IMFMediaStream,
					   (void **)&stream)))
		return;
	if (SUCCEEDED(IMFMediaStream_GetStreamDescriptor(stream, &sd))) {
		IMFStreamDescriptor_GetStreamIdentifier(sd, &id);
		IMFStreamDescriptor_Release(sd);
	}
	st = stream_by_id(f, src, id);
	if (!st || st->stream || feeds_dead(f)) {
		IMFMediaStream_Release(stream);
		return;
	}
	st->stream = stream;
	if (SUCCEEDED(box_open((IUnknown *)stream, &st->box)) &&
	    SUCCEEDED(thread_start(&st->thread, stream_thread, st)))
		st->thread_started = true;
}

struct source_arg {
	struct pmp_client_sources *feeds;
	struct feed_source *src;
};

static void *source_thread(void *arg)
{
	struct source_arg *a = arg;
	struct pmp_client_sources *f = a->feeds;
	struct feed_source *src = a->src;
	IMFMediaEvent *event;
	MediaEventType type;
	HRESULT hr;
	PROPVARIANT v;

	free(a);
	while ((event = box_take(src->box, &hr))) {
		type = MEUnknown;
		PropVariantInit(&v);
		IMFMediaEvent_GetType(event, &type);
		IMFMediaEvent_GetValue(event, &v);
		IMFMediaEvent_Release(event);
		if ((type == MENewStream || type == MEUpdatedStream) &&
		    v.vt == VT_UNKNOWN && v.punkVal)
			source_stream(f, src, v.punkVal);
		PropVariantClear(&v);
	}
	return NULL;
}

/* ---- the topology copy ---- */

/* The current media type of @sd as a blob, onto @node. */
static HRESULT node_set_type(IMFTopologyNode *node, IMFStreamDescriptor *sd)
{
	IMFMediaTypeHandler *handler = NULL;
	IMFMediaType *type = NULL;
	UINT32 size = 0;
	UINT8 *blob = NULL;
	HRESULT hr;

	hr = IMFStreamDescriptor_GetMediaTypeHandler(sd, &handler);
	if (SUCCEEDED(hr))
		hr = IMFMediaTypeHandler_GetCurrentMediaType(handler, &type);
	if (SUCCEEDED(hr))
		hr = MFGetAttributesAsBlobSize((IMFAttributes *)type, &size);
	if (SUCCEEDED(hr) && (!size || size > FEEDS_TYPE_BLOB_MAX))
		hr = MF_E_INVALIDMEDIATYPE;
	if (SUCCEEDED(hr) && !(blob = malloc(size)))
		hr = E_OUTOFMEMORY;
	if (SUCCEEDED(hr))
		hr = MFGetAttributesAsBlob((IMFAttributes *)type, blob, size);
	if (SUCCEEDED(hr))
		hr = IMFTopologyNode_SetBlob(node, &PMP_TOPONODE_MEDIA_TYPE,
					     blob, size);
	free(blob);
	if (type)
		IMFMediaType_Release(type);
	if (handler)
		IMFMediaTypeHandler_Release(handler);
	return hr;
}

/* The feed_source of @source, added if new. */
static struct feed_source *source_of(struct pmp_client_sources *f,
				     IMFMediaSource *source,
				     IMFPresentationDescriptor *pd)
{
	struct feed_source *src;
	size_t i;

	for (i = 0; i < f->nr_sources; i++)
		if (f->sources[i].source == source)
			return &f->sources[i];
	src = &f->sources[f->nr_sources++];
	src->source = source;
	src->pd = pd;
	IMFMediaSource_AddRef(source);
	IMFPresentationDescriptor_AddRef(pd);
	return src;
}

/*
 * Makes source node @node of the copy a client stream, if the application
 * gave it a source; S_FALSE when it names a host component instead.
 */
static HRESULT node_prepare(struct pmp_client_sources *f, IMFTopologyNode *node)
{
	IMFPresentationDescriptor *pd = NULL;
	IMFStreamDescriptor *sd = NULL;
	IMFMediaSource *source = NULL;
	struct feed_stream *st;
	UINT32 protected = 0;
	HRESULT hr;

	hr = IMFTopologyNode_GetUnknown(node, &MF_TOPONODE_SOURCE,
					&IID_IMFMediaSource, (void **)&source);
	if (hr == MF_E_ATTRIBUTENOTFOUND)
		return S_FALSE;
	if (SUCCEEDED(hr))
		hr = IMFTopologyNode_GetUnknown(
			node, &MF_TOPONODE_PRESENTATION_DESCRIPTOR,
			&IID_IMFPresentationDescriptor, (void **)&pd);
	if (hr == MF_E_ATTRIBUTENOTFOUND)
		hr = MF_E_TOPO_MISSING_PRESENTATION_DESCRIPTOR;
	if (SUCCEEDED(hr)) {
		hr = IMFTopologyNode_GetUnknown(node,
						&MF_TOPONODE_STREAM_DESCRIPTOR,
						&IID_IMFStreamDescriptor,
						(void **)&sd);
		if (hr == MF_E_ATTRIBUTENOTFOUND)
			hr = MF_E_TOPO_MISSING_STREAM_DESCRIPTOR;
	}
	if (SUCCEEDED(hr))
		hr = node_set_type(node, sd);
	if (SUCCEEDED(hr))
		hr = IMFTopologyNode_SetUINT32(node, &PMP_TOPONODE_CLIENT_STREAM,
					       1);
	if (SUCCEEDED(hr)) {
		IMFStreamDescriptor_GetUINT32(sd, &MF_SD_PROTECTED, &protected);
		hr = IMFTopologyNode_SetUINT32(node, &MF_SD_PROTECTED,
					       protected);
	}
	if (SUCCEEDED(hr)) {
		st = &f->streams[f->nr_streams++];
		st->feeds = f;
		st->src = source_of(f, source, pd);
		IMFTopologyNode_GetTopoNodeID(node, &st->node);
		IMFStreamDescriptor_GetStreamIdentifier(sd, &st->id);
	}
	if (sd)
		IMFStreamDescriptor_Release(sd);
	if (pd)
		IMFPresentationDescriptor_Release(pd);
	if (source)
		IMFMediaSource_Release(source);
	return hr;
}

HRESULT pmp_client_sources_prepare(IPmpMediaSessionHost *host,
				  IMFTopology *topology, IMFTopology **copy,
				  struct pmp_client_sources **out)
{
	struct pmp_client_sources *f;
	IMFTopologyNode *node;
	MF_TOPOLOGY_TYPE type;
	WORD count = 0, i;
	HRESULT hr;

	*copy = NULL;
	*out = NULL;
	f = calloc(1, sizeof(*f));
	if (!f)
		return E_OUTOFMEMORY;
	pthread_mutex_init(&f->lock, NULL);
	f->host = host;
	IPmpMediaSessionHost_AddRef(host);
	hr = MFCreateTopology(copy);
	if (SUCCEEDED(hr))
		hr = IMFTopology_CloneFrom(*copy, topology);
	if (SUCCEEDED(hr))
		hr = IMFTopology_GetNodeCount(*copy, &count);
	if (SUCCEEDED(hr)) {
		f->sources = calloc(count ? count : 1, sizeof(*f->sources));
		f->streams = calloc(count ? count : 1, sizeof(*f->streams));
		if (!f->sources || !f->streams)
			hr = E_OUTOFMEMORY;
	}
	for (i = 0; SUCCEEDED(hr) && i < count; i++) {
		hr = IMFTopology_GetNode(*copy, i, &node);
		if (FAILED(hr))
			break;
		IMFTopologyNode_GetNodeType(node, &type);
		if (type == MF_TOPOLOGY_SOURCESTREAM_NODE)
			hr = node_prepare(f, node);
		IMFTopologyNode_Release(node);
	}
	if (FAILED(hr)) {
		pmp_client_sources_destroy(f);
		if (*copy)
			IMFTopology_Release(*copy);
		*copy = NULL;
		return hr;
	}
	if (!f->nr_streams) {
		pmp_client_sources_destroy(f);
		f = NULL;
	}
	*out = f;
	return S_OK;
}

/* Listens to the sources: their new streams start their pumps. */
static HRESULT feeds_listen(struct pmp_client_sources *f)
{
	struct feed_source *src;
	struct source_arg *a;
	HRESULT hr;
	size_t i;

	for (i = 0; i < f->nr_sources; i++) {
		src = &f->sources[i];
		if (src->box)
			continue;
		hr = box_open((IUnknown *)src->source, &src->box);
		if (FAILED(hr))
			return hr;
		a = malloc(sizeof(*a));
		if (!a)
			return E_OUTOFMEMORY;
		a->feeds = f;
		a->src = src;
		hr = thread_start(&src->thread, source_thread, a);
		if (FAILED(hr)) {
			free(a);
			return hr;
		}
		src->thread_started = true;
	}
	return S_OK;
}

HRESULT pmp_client_sources_start(struct pmp_client_sources *f, DWORD segment,
				LONGLONG from)
{
	PROPVARIANT pos;
	HRESULT hr = S_OK;
	size_t i;

	if (!f)
		return S_OK;
	pthread_mutex_lock(&f->lock);
	if (f->started && f->segment == segment) {
		/* A resume: the sources go on where they were. */
		pthread_mutex_unlock(&f->lock);
		return S_OK;
	}
	f->started = true;
	f->segment = segment;
	for (i = 0; i < f->nr_streams; i++)
		if (f->streams[i].nr_starts < ARRAY_SIZE(f->streams[i].starts))
			f->streams[i].starts[f->streams[i].nr_starts++] =
				segment;
	pthread_mutex_unlock(&f->lock);
	hr = feeds_listen(f);
	PropVariantInit(&pos);
	pos.vt = VT_I8;
	pos.hVal.QuadPart = from;
	for (i = 0; SUCCEEDED(hr) && i < f->nr_sources; i++)
		hr = IMFMediaSource_Start(f->sources[i].source,
					  f->sources[i].pd, &GUID_NULL, &pos);
	return hr;
}

void pmp_client_sources_stop(struct pmp_client_sources *f)
{
	size_t i;

	if (!f)
		return;
	pthread_mutex_lock(&f->lock);
	f->started = false;
	for (i = 0; i < f->nr_streams; i++)
		f->streams[i].nr_starts = 0;
	pthread_mutex_unlock(&f->lock);
	for (i = 0; i < f->nr_sources; i++)
		IMFMediaSource_Stop(f->sources[i].source);
}

void pmp_client_sources_destroy(struct pmp_client_sources *f)
{
	struct feed_stream *st;
	struct feed_source *src;
	size_t i;

	if (!f)
		return;
	pthread_mutex_lock(&f->lock);
	f->dead = true;
	pthread_mutex_unlock(&f->lock);
	for (i = 0; i < f->nr_sources; i++) {
		src = &f->sources[i];
		if (src->box)
			box_close(src->box);
		if (src->thread_started)
			pthread_join(src->thread, NULL);
	}
	/* No source thread runs: the streams are what they will be. */
	for (i = 0; i < f->nr_streams; i++) {
		st = &f->streams[i];
		if (st->box)
			box_close(st->box);
		if (st->thread_started)
			pthread_join(st->thread, NULL);
		if (st->box)
			box_Release(&st->box->IMFAsyncCallback_iface);
		if (st->stream)
			IMFMediaStream_Release(st->stream);
		free(st->data);
	}
	for (i = 0; i < f->nr_sources; i++) {
		src = &f->sources[i];
		if (src->box)
			box_Release(&src->box->IMFAsyncCallback_iface);
		IMFMediaSource_Release(src->source);
		IMFPresentationDescriptor_Release(src->pd);
	}
	free(f->sources);
	free(f->streams);
	IPmpMediaSessionHost_Release(f->host);
	pthread_mutex_destroy(&f->lock);
	free(f);
}
