// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * topology_blob.c - topologies by value: pmp_topology_serialize and
 * pmp_topology_deserialize
 *
 * A topology crosses into a PMP host as bytes (Documentation/userspace-api/
 * mf.rst, "Topologies by value"), little-endian and unaligned:
 *
 *	header:	u32 magic "PMPT", u32 version (1), u64 topology id,
 *		u32 size, then that many bytes: the topology's attributes
 *		(an MFGetAttributesAsBlob blob), u32 node count
 *	node:	u32 MF_TOPOLOGY_TYPE, u64 TOPOID, u32 size, attribute
 *		blob, u32 connection count, then per connected output, in
 *		increasing output order: u32 output index, u64 peer TOPOID,
 *		u32 peer input index
 *
 * Attribute blobs are blob.c's (host byte order: both ends are one
 * machine), which leave IUnknown values out; node
 * objects never cross.  The bytes come from another process: every count
 * and length is checked against what is left before it is used, and
 * anything malformed (truncation, trailing bytes, an unknown node type, a
 * duplicate TOPOID, a connection to a TOPOID not in the topology, an input
 * fed twice, a connection ConnectOutput refuses) is E_INVALIDARG.
 */

#define COBJMACROS
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mfapi.h"
#include "mfidl.h"

#include "mf.h"

#define TOPO_MAGIC 0x54504d50 /* "PMPT" */
#define TOPO_VERSION 1

/* The smallest node: type, id, blob size, connection count. */
#define NODE_MIN (4 + 8 + 4 + 4)
#define CONNECTION_SIZE (4 + 8 + 4)

/* An output buffer that grows, or an input buffer that is consumed. */
struct cursor {
	UINT8 *p;
	size_t len;
	size_t cap;
	HRESULT hr;
};

static void *put(struct cursor *c, size_t n)
{
	size_t cap;
	UINT8 *p;

	if (FAILED(c->hr))
		return NULL;
	if (c->len + n > UINT32_MAX) {
		c->hr = E_INVALIDARG;
		return NULL;
	}
	if (c->len + n > c->cap) {
		cap = c->cap ? c->cap : 256;
		while (cap < c->len + n)
			cap *= 2;
		p = realloc(c->p, cap);
		if (!p) {
			c->hr = E_OUTOFMEMORY;
			return NULL;
		}
		c->p = p;
		c->cap = cap;
	}
	p = c->p + c->len;
	c->len += n;
	return p;
}

/* @v as @n little-endian bytes. */
static void put_le(struct cursor *c, UINT64 v, size_t n)
{
	UINT8 *p = put(c, n);
	size_t i;

	for (i = 0; p && i < n; i++, v >>= 8)
		p[i] = (UINT8)v;
}

static void put_u32(struct cursor *c, UINT32 v)
{
	put_le(c, v, sizeof(v));
}

static void put_u64(struct cursor *c, UINT64 v)
{
	put_le(c, v, sizeof(v));
}

/* The attributes of @attrs as a u32 size and a blob. */
static void put_attrs(struct cursor *c, IMFAttributes *attrs)
{
	UINT32 size = 0;
	UINT8 *p;

	if (FAILED(c->hr))
		return;
	c->hr = MFGetAttributesAsBlobSize(attrs, &size);
	put_u32(c, size);
	p = put(c, size);
	if (p)
		c->hr = MFGetAttributesAsBlob(attrs, p, size);
}

/*
 * The connected outputs of @node whose peer is in @topology; a peer
 * outside it cannot be named, so that output travels unconnected.
 */
static void put_connections(struct cursor *c, IMFTopology *topology,
			    IMFTopologyNode *node)
{
	IMFTopologyNode *peer, *in_topology;
	DWORD outputs = 0, o, input;
	size_t count_at, end;
	UINT32 count = 0;
	TOPOID id;

	if (SUCCEEDED(c->hr))
		c->hr = IMFTopologyNode_GetOutputCount(node, &outputs);
	count_at = c->len;
	put_u32(c, 0);
	for (o = 0; SUCCEEDED(c->hr) && o < outputs; o++) {
		if (FAILED(IMFTopologyNode_GetOutput(node, o, &peer, &input)))
			continue;
		IMFTopologyNode_GetTopoNodeID(peer, &id);
		if (SUCCEEDED(IMFTopology_GetNodeByID(topology, id,
						      &in_topology))) {
			if (in_topology == peer) {
				put_u32(c, o);
				put_u64(c, id);
				put_u32(c, input);
				count++;
			}
			IMFTopologyNode_Release(in_topology);
		}
		IMFTopologyNode_Release(peer);
	}
	/* The count, now known, over the 0 written first. */
	if (SUCCEEDED(c->hr)) {
		end = c->len;
		c->len = count_at;
		put_u32(c, count);
		c->len = end;
	}
}

static void put_node(struct cursor *c, IMFTopology *topology, WORD index)
{
	MF_TOPOLOGY_TYPE type;
	IMFTopologyNode *node;
	TOPOID id;

	if (FAILED(c->hr))
		return;
	c->hr = IMFTopology_GetNode(topology, index, &node);
	if (FAILED(c->hr))
		return;
	IMFTopologyNode_GetNodeType(node, &type);
	IMFTopologyNode_GetTopoNodeID(node, &id);
	put_u32(c, type);
	put_u64(c, id);
	put_attrs(c, (IMFAttributes *)node);
	put_connections(c, topology, node);
	IMFTopologyNode_Release(node);
}

HRESULT pmp_topology_serialize(IMFTopology *topology, void **buf, UINT32 *size)
{
	struct cursor c = { 0 };
	WORD count = 0, i;
	TOPOID id = 0;

	if (!buf || !size)
		return E_POINTER;
	*buf = NULL;
	*size = 0;
	if (!topology)
		return E_POINTER;
	c.hr = IMFTopology_GetTopologyID(topology, &id);
	if (SUCCEEDED(c.hr))
		c.hr = IMFTopology_GetNodeCount(topology, &count);
	put_u32(&c, TOPO_MAGIC);
	put_u32(&c, TOPO_VERSION);
	put_u64(&c, id);
	put_attrs(&c, (IMFAttributes *)topology);
	if (SUCCEEDED(c.hr) && count > PMP_TOPOLOGY_NODES_MAX)
		c.hr = E_INVALIDARG;
	put_u32(&c, count);
	for (i = 0; i < count; i++)
		put_node(&c, topology, i);
	if (FAILED(c.hr)) {
		free(c.p);
		return c.hr;
	}
	*buf = c.p;
	*size = c.len;
	return S_OK;
}

/* ---- reading ---- */

static const UINT8 *get(struct cursor *c, size_t n)
{
	const UINT8 *p;

	if (FAILED(c->hr))
		return NULL;
	if (n > c->cap - c->len) {
		c->hr = E_INVALIDARG;
		return NULL;
	}
	p = c->p + c->len;
	c->len += n;
	return p;
}

/* @n little-endian bytes; 0 past the end. */
static UINT64 get_le(struct cursor *c, size_t n)
{
	const UINT8 *p = get(c, n);
	UINT64 v = 0;

	while (p && n--)
		v = v << 8 | p[n];
	return v;
}

static UINT32 get_u32(struct cursor *c)
{
	return (UINT32)get_le(c, sizeof(UINT32));
}

static UINT64 get_u64(struct cursor *c)
{
	return get_le(c, sizeof(UINT64));
}

/* A size and a blob, into @attrs. */
static void get_attrs(struct cursor *c, IMFAttributes *attrs)
{
	UINT32 size = get_u32(c);
	const UINT8 *p = get(c, size);

	if (p)
		c->hr = MFInitAttributesFromBlob(attrs, p, size);
	if (c->hr != E_OUTOFMEMORY && FAILED(c->hr))
		c->hr = E_INVALIDARG;
}

/* A node as read: its object, id, and where its connections start. */
struct read_node {
	IMFTopologyNode *node;
	TOPOID id;
	size_t connections;
};

static int compare_ids(const void *a, const void *b)
{
	const struct read_node *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static struct read_node *find_node(struct read_node *nodes, UINT32 count,
				   TOPOID id)
{
	struct read_node key = { .id = id };

	return bsearch(&key, nodes, count, sizeof(*nodes), compare_ids);
}

/* Reads one node up to its connections, which it skips (checked). */
static void get_node(struct cursor *c, struct read_node *rn)
{
	UINT32 type, count;

	type = get_u32(c);
	rn->id = get_u64(c);
	if (SUCCEEDED(c->hr) && type > MF_TOPOLOGY_TEE_NODE)
		c->hr = E_INVALIDARG;
	if (SUCCEEDED(c->hr))
		c->hr = MFCreateTopologyNode(type, &rn->node);
	if (SUCCEEDED(c->hr))
		IMFTopologyNode_SetTopoNodeID(rn->node, rn->id);
	get_attrs(c, (IMFAttributes *)rn->node);
	rn->connections = c->len;
	count = get_u32(c);
	if (SUCCEEDED(c->hr) && count > (c->cap - c->len) / CONNECTION_SIZE)
		c->hr = E_INVALIDARG;
	get(c, (size_t)count * CONNECTION_SIZE);
}

/*
 * Connects @rn's outputs as the blob says.  Output indices must increase;
 * an input fed twice shows as fewer connected outputs in the end, which
 * connect_all() counts.
 */
static UINT32 connect_node(struct cursor *c, struct read_node *nodes,
			   UINT32 count, struct read_node *rn)
{
	UINT32 n, i, output, input, last = 0;
	struct read_node *peer;
	TOPOID id;

	c->len = rn->connections;
	n = get_u32(c);
	for (i = 0; SUCCEEDED(c->hr) && i < n; i++) {
		output = get_u32(c);
		id = get_u64(c);
		input = get_u32(c);
		peer = find_node(nodes, count, id);
		if (!peer || (i && output <= last)) {
			c->hr = E_INVALIDARG;
			break;
		}
		last = output;
		c->hr = IMFTopologyNode_ConnectOutput(rn->node, output,
						      peer->node, input);
		if (c->hr != E_OUTOFMEMORY && FAILED(c->hr))
			c->hr = E_INVALIDARG;
	}
	return n;
}

static DWORD connected_outputs(IMFTopologyNode *node)
{
	IMFTopologyNode *peer;
	DWORD outputs = 0, o, input, n = 0;

	IMFTopologyNode_GetOutputCount(node, &outputs);
	for (o = 0; o < outputs; o++)
		if (SUCCEEDED(IMFTopologyNode_GetOutput(node, o, &peer,
							&input))) {
			IMFTopologyNode_Release(peer);
			n++;
		}
	return n;
}

static void connect_all(struct cursor *c, struct read_node *nodes, UINT32 count)
{
	uint64_t want = 0, have = 0;
	UINT32 i;

	for (i = 0; SUCCEEDED(c->hr) && i < count; i++)
		want += connect_node(c, nodes, count, &nodes[i]);
	for (i = 0; SUCCEEDED(c->hr) && i < count; i++)
		have += connected_outputs(nodes[i].node);
	if (SUCCEEDED(c->hr) && have != want)
		c->hr = E_INVALIDARG;
}

/*
 * Reads every node into @nodes, adds them to @topology in the blob's order
 * (AddNode refuses a duplicate TOPOID) and connects them, finding peers
 * in a copy of @nodes sorted by id.
 */
static void get_nodes(struct cursor *c, IMFTopology *topology,
		      struct read_node *nodes, UINT32 count)
{
	struct read_node *sorted;
	size_t end;
	UINT32 i;

	for (i = 0; SUCCEEDED(c->hr) && i < count; i++)
		get_node(c, &nodes[i]);
	if (SUCCEEDED(c->hr) && c->len != c->cap)
		c->hr = E_INVALIDARG;
	for (i = 0; SUCCEEDED(c->hr) && i < count; i++)
		c->hr = IMFTopology_AddNode(topology, nodes[i].node);
	if (FAILED(c->hr) || !count)
		return;
	sorted = malloc(count * sizeof(*sorted));
	if (!sorted) {
		c->hr = E_OUTOFMEMORY;
		return;
	}
	memcpy(sorted, nodes, count * sizeof(*sorted));
	qsort(sorted, count, sizeof(*sorted), compare_ids);
	end = c->len;
	connect_all(c, sorted, count);
	c->len = end;
	free(sorted);
}

HRESULT pmp_topology_deserialize(const void *buf, UINT32 size,
				 IMFTopology **out)
{
	struct cursor c = { .p = (UINT8 *)buf, .cap = size };
	struct read_node *nodes = NULL;
	IMFTopology *topology;
	UINT32 count = 0, i;
	TOPOID id;

	if (!out)
		return E_POINTER;
	*out = NULL;
	if (!buf && size)
		return E_POINTER;
	c.hr = MFCreateTopology(&topology);
	if (FAILED(c.hr))
		return c.hr;
	if (get_u32(&c) != TOPO_MAGIC || get_u32(&c) != TOPO_VERSION)
		c.hr = E_INVALIDARG;
	id = get_u64(&c);
	get_attrs(&c, (IMFAttributes *)topology);
	count = get_u32(&c);
	/* A node takes NODE_MIN bytes at least. */
	if (SUCCEEDED(c.hr) && (count > PMP_TOPOLOGY_NODES_MAX ||
				count > (c.cap - c.len) / NODE_MIN))
		c.hr = E_INVALIDARG;
	if (SUCCEEDED(c.hr) && count) {
		nodes = calloc(count, sizeof(*nodes));
		if (!nodes)
			c.hr = E_OUTOFMEMORY;
	}
	if (SUCCEEDED(c.hr))
		get_nodes(&c, topology, nodes, count);
	for (i = 0; nodes && i < count; i++)
		if (nodes[i].node)
			IMFTopologyNode_Release(nodes[i].node);
	free(nodes);
	if (FAILED(c.hr)) {
		IMFTopology_Release(topology);
		return c.hr;
	}
	pmp_topology_set_id(topology, id);
	*out = topology;
	return S_OK;
}
