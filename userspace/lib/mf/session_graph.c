// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * session_graph.c - a Media Session's presentation in its host: a
 * topology resolved into objects, and samples pulled through them
 *
 * The shape a client gives is one source-stream node per stream, its
 * output 0 connected straight to an output node; anything else is
 * MF_E_TOPO_UNSUPPORTED.  A source node's object is either a component
 * the node names by class (PMP_TOPONODE_OBJECT_CLSID) or, when libpmp
 * marked the node PMP_TOPONODE_CLIENT_STREAM, a feed of samples pushed by
 * the application's source (session_feed.c).  An output node names its
 * sink by class.
 *
 * Resolution then does in the host what Windows' topology loader does:
 * between a stream and its sink it inserts the transforms the sink needs.
 * A protected stream (MF_SD_PROTECTED on its node) always goes through
 * the decryptor, CLSID_PmpCencDecryptor, given the session's keys; when
 * the sink still refuses the stream's media type, each decoder of
 * decoders[] is tried in turn.  No decryptor in the registry is
 * MF_E_TOPO_CANNOT_FIND_DECRYPTOR, no decoder that takes the type
 * MF_E_TOPO_CODEC_NOT_FOUND.
 *
 * A presentation is reference-counted (pmp_pres_get/put).  Resolution
 * calls each object's Open and SetInputType; afterwards only the session's
 * worker calls sources and transforms, while sinks may also be read
 * (ReadOutput) and flushed from the threads serving the client.
 */

#define COBJMACROS
#include <stdlib.h>
#include <string.h>

#include "mfapi.h"
#include "mfidl.h"
#include "pmpmedia.h"

#include "../registry.h"
#include "mf.h"
#include "session_host.h"

/* The decoders resolution tries, in order. */
static const GUID *const decoders[] = {
	&CLSID_PmpH264Decoder,
};

/*
 * The sinks a session under PMP_OUTPUT_POLICY_NO_FRAMES may use: those
 * that hand out nothing but records of frames.
 */
static const GUID *const recording_sinks[] = {
	&CLSID_PmpHashSink,
};

void pmp_pres_get(struct presentation *p)
{
	atomic_fetch_add(&p->refcount, 1);
}

static void stream_release(struct stream *st)
{
	WORD i;

	if (st->sample)
		IMFSample_Release(st->sample);
	for (i = 0; i < st->nr_chain; i++)
		IPmpMediaTransform_Release(st->chain[i]);
	if (st->source)
		IPmpMediaSource_Release(st->source);
	if (st->feed) {
		pmp_feed_close(st->feed);
		pmp_feed_put(st->feed);
	}
}

void pmp_pres_put(struct presentation *p)
{
	WORD i;

	if (!p || atomic_fetch_sub(&p->refcount, 1) != 1)
		return;
	for (i = 0; i < p->nr_streams; i++)
		stream_release(&p->streams[i]);
	for (i = 0; i < p->nr_sinks; i++)
		if (p->sinks[i].sink)
			IPmpMediaSink_Release(p->sinks[i].sink);
	if (p->topology)
		IMFTopology_Release(p->topology);
	free(p->streams);
	free(p->sinks);
	free(p);
}

/* An object of class @clsid as @iid, from the registry. */
static HRESULT create_object(struct pmp_registry *reg, const GUID *clsid,
			     REFIID iid, void **out)
{
	IClassFactory *factory = NULL;
	HRESULT hr;

	*out = NULL;
	hr = pmp_registry_get_class_object(reg, (const pmp_guid *)clsid,
					   (const pmp_guid *)&IID_IClassFactory,
					   (void **)&factory);
	if (SUCCEEDED(hr) && !factory)
		hr = E_UNEXPECTED;
	if (FAILED(hr))
		return hr;
	hr = IClassFactory_CreateInstance(factory, NULL, iid, out);
	IClassFactory_Release(factory);
	if (SUCCEEDED(hr) && !*out)
		hr = E_UNEXPECTED;
	return hr;
}

/* Whether every input of output node @node is connected (one at least). */
static bool sink_inputs_connected(IMFTopologyNode *node)
{
	IMFTopologyNode *peer;
	DWORD inputs = 0, i, index;

	IMFTopologyNode_GetInputCount(node, &inputs);
	for (i = 0; i < inputs; i++) {
		if (FAILED(IMFTopologyNode_GetInput(node, i, &peer, &index)))
			return false;
		IMFTopologyNode_Release(peer);
	}
	return inputs > 0;
}

/*
 * The output node that output 0 of source node @node feeds, into @peer;
 * MF_E_TOPO_UNSUPPORTED for any other shape.
 */
static HRESULT stream_peer(IMFTopologyNode *node, TOPOID *peer_id)
{
	MF_TOPOLOGY_TYPE type = MF_TOPOLOGY_TEE_NODE;
	IMFTopologyNode *peer;
	DWORD outputs = 0, o, index;

	IMFTopologyNode_GetOutputCount(node, &outputs);
	for (o = 0; o < outputs; o++) {
		if (FAILED(IMFTopologyNode_GetOutput(node, o, &peer, &index)))
			continue;
		if (!o) {
			IMFTopologyNode_GetNodeType(peer, &type);
			IMFTopologyNode_GetTopoNodeID(peer, peer_id);
		}
		IMFTopologyNode_Release(peer);
		if (o)
			return MF_E_TOPO_UNSUPPORTED;
	}
	return type == MF_TOPOLOGY_OUTPUT_NODE ? S_OK : MF_E_TOPO_UNSUPPORTED;
}

static bool guid_in(const GUID *g, const GUID *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!memcmp(g, list[i], sizeof(*g)))
			return true;
	return false;
}

static HRESULT resolve_sink(struct pmp_registry *reg, struct presentation *p,
			    IMFTopologyNode *node,
			    const struct pmp_resolve_ctx *ctx)
{
	IMFAttributes *attrs = (IMFAttributes *)node;
	struct sink_object *sink;
	UINT32 rateless = 0;
	GUID clsid;
	HRESULT hr;

	if (!sink_inputs_connected(node))
		return MF_E_TOPO_UNSUPPORTED;
	if (FAILED(IMFAttributes_GetGUID(attrs, &PMP_TOPONODE_OBJECT_CLSID,
					 &clsid)))
		return MF_E_TOPO_UNSUPPORTED;
	if ((ctx->output_policy & PMP_OUTPUT_POLICY_NO_FRAMES) &&
	    !guid_in(&clsid, recording_sinks, ARRAY_SIZE(recording_sinks)))
		return MF_E_POLICY_UNSUPPORTED;
	if (FAILED(IMFAttributes_GetUINT32(attrs, &MF_TOPONODE_RATELESS,
					   &rateless)) ||
	    !rateless)
		p->rateless = false;
	sink = &p->sinks[p->nr_sinks++];
	IMFTopologyNode_GetTopoNodeID(node, &sink->node);
	hr = create_object(reg, &clsid, &IID_IPmpMediaSink,
			   (void **)&sink->sink);
	return SUCCEEDED(hr) ? IPmpMediaSink_Open(sink->sink, attrs) : hr;
}

static HRESULT resolve_source(struct pmp_registry *reg, struct presentation *p,
			      IMFTopologyNode *node)
{
	IMFAttributes *attrs = (IMFAttributes *)node;
	UINT32 client = 0;
	struct stream *st;
	GUID clsid;
	HRESULT hr;

	st = &p->streams[p->nr_streams++];
	IMFTopologyNode_GetTopoNodeID(node, &st->node);
	hr = stream_peer(node, &st->peer);
	if (FAILED(hr))
		return hr;
	if (SUCCEEDED(IMFAttributes_GetUINT32(attrs,
					      &PMP_TOPONODE_CLIENT_STREAM,
					      &client)) &&
	    client)
		return pmp_feed_create(attrs, &st->feed);
	if (FAILED(IMFAttributes_GetGUID(attrs, &PMP_TOPONODE_OBJECT_CLSID,
					 &clsid)))
		return MF_E_TOPO_UNSUPPORTED;
	hr = create_object(reg, &clsid, &IID_IPmpMediaSource,
			   (void **)&st->source);
	return SUCCEEDED(hr) ? IPmpMediaSource_Open(st->source, attrs) : hr;
}

/* Checks @node's shape and creates and opens its object. */
static HRESULT resolve_node(struct pmp_registry *reg, struct presentation *p,
			    IMFTopologyNode *node,
			    const struct pmp_resolve_ctx *ctx)
{
	MF_TOPOLOGY_TYPE type;

	IMFTopologyNode_GetNodeType(node, &type);
	if (type == MF_TOPOLOGY_OUTPUT_NODE)
		return resolve_sink(reg, p, node, ctx);
	if (type == MF_TOPOLOGY_SOURCESTREAM_NODE)
		return resolve_source(reg, p, node);
	return MF_E_TOPO_UNSUPPORTED;
}

/* The media type of @st's source, before any transform. */
static HRESULT source_type(struct stream *st, IMFMediaType **out)
{
	if (st->feed) {
		*out = pmp_feed_type(st->feed);
		IMFMediaType_AddRef(*out);
		return S_OK;
	}
	*out = NULL;
	return IPmpMediaSource_GetMediaType(st->source, out);
}

/*
 * Opens transform @t with @node's attributes, plus the session's keys for
 * a decryptor, and gives it *@type; on success *@type becomes its output.
 */
static HRESULT transform_connect(IPmpMediaTransform *t, IMFAttributes *node,
				 IPmpKeyStore *keys, IMFMediaType **type)
{
	IMFAttributes *attrs = NULL;
	IMFMediaType *out = NULL;
	HRESULT hr;

	hr = MFCreateAttributes(&attrs, 8);
	if (SUCCEEDED(hr))
		hr = IMFAttributes_CopyAllItems(node, attrs);
	if (SUCCEEDED(hr) && keys)
		hr = IMFAttributes_SetUnknown(attrs, &PMP_TRANSFORM_KEY_STORE,
					      (IUnknown *)keys);
	if (SUCCEEDED(hr))
		hr = IPmpMediaTransform_Open(t, attrs);
	if (attrs)
		IMFAttributes_Release(attrs);
	if (SUCCEEDED(hr))
		hr = IPmpMediaTransform_SetInputType(t, *type);
	if (SUCCEEDED(hr))
		hr = IPmpMediaTransform_GetOutputType(t, &out);
	if (FAILED(hr))
		return hr;
	IMFMediaType_Release(*type);
	*type = out;
	return S_OK;
}

/* Appends a transform of class @clsid to @st's chain, connected. */
static HRESULT chain_add(struct pmp_registry *reg, struct stream *st,
			 const GUID *clsid, IMFAttributes *node,
			 IPmpKeyStore *keys, IMFMediaType **type)
{
	IPmpMediaTransform *t;
	HRESULT hr;

	if (st->nr_chain == ARRAY_SIZE(st->chain))
		return MF_E_TOPO_UNSUPPORTED;
	hr = create_object(reg, clsid, &IID_IPmpMediaTransform, (void **)&t);
	if (FAILED(hr))
		return hr;
	hr = transform_connect(t, node, keys, type);
	if (FAILED(hr)) {
		IPmpMediaTransform_Release(t);
		return hr;
	}
	st->chain[st->nr_chain++] = t;
	return S_OK;
}

/* A registry's answer for a class it does not have. */
static bool no_such_class(HRESULT hr)
{
	return hr == REGDB_E_CLASSNOTREG || hr == CLASS_E_CLASSNOTAVAILABLE;
}

/* Connects @st to its sink, through the transforms the sink needs. */
static HRESULT stream_connect(struct pmp_registry *reg, IMFTopology *topology,
			      struct stream *st, IPmpKeyStore *keys)
{
	IMFTopologyNode *node = NULL;
	IMFMediaType *type = NULL;
	UINT32 protected = 0;
	HRESULT hr;
	size_t i;

	hr = IMFTopology_GetNodeByID(topology, st->node, &node);
	if (SUCCEEDED(hr))
		hr = source_type(st, &type);
	if (FAILED(hr))
		goto out;
	IMFAttributes_GetUINT32((IMFAttributes *)node, &MF_SD_PROTECTED,
				&protected);
	if (protected) {
		hr = chain_add(reg, st, &CLSID_PmpCencDecryptor,
			       (IMFAttributes *)node, keys, &type);
		if (no_such_class(hr))
			hr = MF_E_TOPO_CANNOT_FIND_DECRYPTOR;
		if (FAILED(hr))
			goto out;
	}
	hr = IPmpMediaSink_SetInputType(st->sink->sink, type);
	for (i = 0; hr == MF_E_INVALIDMEDIATYPE && i < ARRAY_SIZE(decoders);
	     i++) {
		hr = chain_add(reg, st, decoders[i], (IMFAttributes *)node,
			       NULL, &type);
		if (SUCCEEDED(hr))
			hr = IPmpMediaSink_SetInputType(st->sink->sink, type);
		else if (no_such_class(hr))
			hr = MF_E_INVALIDMEDIATYPE;
	}
	if (hr == MF_E_INVALIDMEDIATYPE)
		hr = MF_E_TOPO_CODEC_NOT_FOUND;
out:
	if (type)
		IMFMediaType_Release(type);
	if (node)
		IMFTopologyNode_Release(node);
	return hr;
}

/* Links each stream to the sink object of its peer node, and connects it. */
static HRESULT link_streams(struct pmp_registry *reg, struct presentation *p,
			    IPmpKeyStore *keys)
{
	HRESULT hr;
	WORD i, j;

	for (i = 0; i < p->nr_streams; i++) {
		for (j = 0; j < p->nr_sinks; j++)
			if (p->sinks[j].node == p->streams[i].peer)
				p->streams[i].sink = &p->sinks[j];
		if (!p->streams[i].sink)
			return MF_E_TOPO_UNSUPPORTED;
		hr = stream_connect(reg, p->topology, &p->streams[i], keys);
		if (FAILED(hr))
			return hr;
	}
	return p->nr_streams ? S_OK : MF_E_TOPO_UNSUPPORTED;
}

HRESULT pmp_pres_resolve(struct pmp_registry *reg, IMFTopology *topology,
			 const struct pmp_resolve_ctx *ctx,
			 struct presentation **out)
{
	IMFTopologyNode *node;
	struct presentation *p;
	WORD count = 0, i;
	HRESULT hr = S_OK;

	*out = NULL;
	p = calloc(1, sizeof(*p));
	if (!p) {
		IMFTopology_Release(topology);
		return E_OUTOFMEMORY;
	}
	atomic_init(&p->refcount, 1);
	p->topology = topology;
	p->rateless = true;
	IMFTopology_GetTopologyID(topology, &p->id);
	IMFTopology_GetNodeCount(topology, &count);
	p->streams = calloc(count ? count : 1, sizeof(*p->streams));
	p->sinks = calloc(count ? count : 1, sizeof(*p->sinks));
	if (!p->streams || !p->sinks)
		hr = E_OUTOFMEMORY;
	for (i = 0; SUCCEEDED(hr) && i < count; i++) {
		hr = IMFTopology_GetNode(topology, i, &node);
		if (FAILED(hr))
			break;
		hr = resolve_node(reg, p, node, ctx);
		IMFTopologyNode_Release(node);
	}
	if (SUCCEEDED(hr))
		hr = link_streams(reg, p, ctx->keys);
	if (SUCCEEDED(hr) && !p->nr_sinks)
		hr = MF_E_TOPO_UNSUPPORTED;
	if (FAILED(hr)) {
		pmp_pres_put(p);
		return hr;
	}
	*out = p;
	return S_OK;
}

struct stream *pmp_pres_stream(struct presentation *p, TOPOID node)
{
	WORD i;

	for (i = 0; p && i < p->nr_streams; i++)
		if (p->streams[i].node == node)
			return &p->streams[i];
	return NULL;
}

struct sink_object *pmp_pres_sink(struct presentation *p, TOPOID node)
{
	WORD i;

	for (i = 0; p && i < p->nr_sinks; i++)
		if (p->sinks[i].node == node)
			return &p->sinks[i];
	return NULL;
}

void pmp_pres_restart_feeds(struct presentation *p, DWORD segment,
			    bool accepting)
{
	WORD i;

	for (i = 0; p && i < p->nr_streams; i++)
		if (p->streams[i].feed)
			pmp_feed_restart(p->streams[i].feed, segment,
					 accepting);
}

void pmp_pres_flush_sinks(struct presentation *p)
{
	WORD i;

	for (i = 0; p && i < p->nr_sinks; i++)
		IPmpMediaSink_Flush(p->sinks[i].sink);
}

HRESULT pmp_pres_seek(struct presentation *p, LONGLONG position)
{
	HRESULT hr = S_OK;
	struct stream *st;
	WORD i, j;

	for (i = 0; i < p->nr_streams; i++) {
		st = &p->streams[i];
		/* A client stream's source starts where the client was told. */
		if (st->source) {
			hr = IPmpMediaSource_Seek(st->source, position);
			if (FAILED(hr))
				return hr;
		}
		for (j = 0; j < st->nr_chain; j++) {
			hr = IPmpMediaTransform_Flush(st->chain[j]);
			if (FAILED(hr))
				return hr;
			st->drained[j] = false;
		}
	}
	return hr;
}

/* The next sample at level @level of @st's chain (0: the source). */
static HRESULT pull(struct stream *st, WORD level, DWORD segment,
		    IMFSample **out)
{
	IPmpMediaTransform *t;
	IMFSample *in;
	HRESULT hr;

	*out = NULL;
	if (!level) {
		if (st->feed)
			return pmp_feed_read(st->feed, segment, out);
		hr = IPmpMediaSource_ReadSample(st->source, out);
		if (hr == S_OK && !*out)
			hr = E_UNEXPECTED;
		return hr;
	}
	t = st->chain[level - 1];
	for (;;) {
		hr = IPmpMediaTransform_ProcessOutput(t, out);
		if (hr == S_OK && !*out)
			return E_UNEXPECTED;
		if (hr != MF_E_TRANSFORM_NEED_MORE_INPUT)
			return hr;
		if (st->drained[level - 1])
			return S_FALSE;
		hr = pull(st, level - 1, segment, &in);
		if (hr == S_FALSE) {
			hr = IPmpMediaTransform_Drain(t);
			if (FAILED(hr))
				return hr;
			st->drained[level - 1] = true;
			continue;
		}
		if (FAILED(hr))
			return hr;
		hr = IPmpMediaTransform_ProcessInput(t, in);
		IMFSample_Release(in);
		if (FAILED(hr))
			return hr;
	}
}

HRESULT pmp_stream_pull(struct stream *st, DWORD segment, IMFSample **out)
{
	return pull(st, st->nr_chain, segment, out);
}
