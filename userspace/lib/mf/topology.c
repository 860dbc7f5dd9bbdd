// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * topology.c - IMFTopologyNode, IMFTopology, MFCreateTopologyNode and
 * MFCreateTopology
 *
 * Nodes and topologies are attribute stores (struct pmp_attrs) whose
 * vtables start with the store's methods, copied once.  Where Microsoft's
 * pages are silent the results follow Windows as Wine's mf tests record
 * it (Documentation/userspace-api/mf.rst, "Topologies").
 *
 * Locking overview.  graph_lock, one per process, guards every node's
 * input and output streams and the decision to free nodes; nothing is
 * called out of it while it is held.  A node's store lock guards its
 * object and TOPOID; a topology's store lock guards its node array.
 * Order: a topology's lock, then a node's lock, then graph_lock.  Objects
 * are released only with no lock held (releasing one may free a store).
 *
 * Connected nodes hold a reference to each other, as Windows' do, so that
 * a group of connected nodes is a reference cycle.  Each node Release
 * therefore looks at the node's connected group under graph_lock: when
 * every reference to every node of the group comes from the group's own
 * connections, nothing outside can reach it again and it is freed.
 * Functions named _glocked need graph_lock held.
 */

#define COBJMACROS
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mfapi.h"
#include "mfidl.h"

#include "../export.h"
#include "mf.h"

/* Streams a node may have: far beyond any transform's, well short of OOM. */
#define NODE_STREAMS_MAX 1024

static pthread_mutex_t graph_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_uint next_node_id, next_topology_id;

struct topo_node;

/* One end of a connection: the peer node and its stream there. */
struct node_stream {
	struct topo_node *peer;
	DWORD peer_index;
};

struct node_streams {
	struct node_stream *s;
	DWORD count;
};

struct topo_node {
	struct pmp_attrs attrs;
	MF_TOPOLOGY_TYPE type;
	TOPOID id;
	IUnknown *object;
	struct node_streams inputs, outputs;
	/* graph_lock: the collector's bookkeeping. */
	struct topo_node *next;
	bool seen;
};

struct topology {
	struct pmp_attrs attrs;
	TOPOID id;
	struct topo_node **nodes;
	WORD count;
	WORD capacity;
};

static IMFTopologyNodeVtbl node_vtbl;
static IMFTopologyVtbl topology_vtbl;

/* Node ids carry the pid, as Windows' do; topology ids count from 1. */
static TOPOID new_node_id(void)
{
	return (TOPOID)getpid() << 32 |
	       (atomic_fetch_add(&next_node_id, 1) + 1);
}

static struct topo_node *impl_from_IMFTopologyNode(IMFTopologyNode *iface)
{
	return (struct topo_node *)iface;
}

/* Our node behind @iface, or NULL for another implementation. */
static struct topo_node *node_from(IMFTopologyNode *iface)
{
	if (!iface || iface->lpVtbl != &node_vtbl)
		return NULL;
	return impl_from_IMFTopologyNode(iface);
}

static IMFTopologyNode *node_iface(struct topo_node *node)
{
	return (IMFTopologyNode *)&node->attrs.IMFAttributes_iface;
}

static struct topology *impl_from_IMFTopology(IMFTopology *iface)
{
	return (struct topology *)iface;
}

/* ---- the graph and its collector ---- */

static DWORD streams_connected(const struct node_streams *st)
{
	DWORD i, n = 0;

	for (i = 0; i < st->count; i++)
		n += !!st->s[i].peer;
	return n;
}

/* Makes room for stream @index; E_INVALIDARG beyond NODE_STREAMS_MAX. */
static HRESULT streams_grow_glocked(struct node_streams *st, DWORD index)
{
	struct node_stream *s;

	if (index >= NODE_STREAMS_MAX)
		return E_INVALIDARG;
	if (index < st->count)
		return S_OK;
	s = reallocarray(st->s, index + 1, sizeof(*s));
	if (!s)
		return E_OUTOFMEMORY;
	memset(&s[st->count], 0, (index + 1 - st->count) * sizeof(*s));
	st->s = s;
	st->count = index + 1;
	return S_OK;
}

/*
 * Adds @node's group to @dead when only the group's connections hold it
 * (every reference to every member is one of their streams).  Members are
 * disconnected and left with no reference, to be freed without the lock.
 */
static void collect_glocked(struct topo_node *node, struct topo_node **dead)
{
	struct topo_node *group = NULL, *todo = node, *n;
	struct node_streams *sides[2];
	bool garbage = true;
	DWORD i, k;

	if (node->seen)
		return;
	node->seen = true;
	node->next = NULL;
	/* Walk the group: @todo is a stack threaded through ->next. */
	while (todo) {
		n = todo;
		todo = n->next;
		n->next = group;
		group = n;
		if ((unsigned long)atomic_load(&n->attrs.refcount) >
		    streams_connected(&n->inputs) +
			    streams_connected(&n->outputs))
			garbage = false;
		sides[0] = &n->inputs;
		sides[1] = &n->outputs;
		for (k = 0; k < 2; k++)
			for (i = 0; i < sides[k]->count; i++) {
				struct topo_node *p = sides[k]->s[i].peer;

				if (p && !p->seen) {
					p->seen = true;
					p->next = todo;
					todo = p;
				}
			}
	}
	while (group) {
		n = group;
		group = n->next;
		if (!garbage) {
			n->seen = false;
			continue;
		}
		free(n->inputs.s);
		free(n->outputs.s);
		memset(&n->inputs, 0, sizeof(n->inputs));
		memset(&n->outputs, 0, sizeof(n->outputs));
		atomic_store(&n->attrs.refcount, 0);
		n->next = *dead;
		*dead = n;
	}
}

/* Frees what collect_glocked() found; no lock held. */
static void free_dead(struct topo_node *dead)
{
	struct topo_node *n;

	while (dead) {
		n = dead;
		dead = n->next;
		if (n->object)
			IUnknown_Release(n->object);
		pmp_attrs_cleanup(&n->attrs);
		free(n);
	}
}

/*
 * Drops the connection of @node's output @index (one is there); what this
 * leaves unreachable goes to @dead.
 */
static void disconnect_output_glocked(struct topo_node *node, DWORD index,
				      struct topo_node **dead)
{
	struct node_stream *out = &node->outputs.s[index];
	struct topo_node *peer = out->peer;

	peer->inputs.s[out->peer_index].peer = NULL;
	out->peer = NULL;
	atomic_fetch_sub(&peer->attrs.refcount, 1);
	atomic_fetch_sub(&node->attrs.refcount, 1);
	collect_glocked(peer, dead);
	collect_glocked(node, dead);
}

/* ---- IMFTopologyNode ---- */

static ULONG STDMETHODCALLTYPE node_Release(IMFTopologyNode *iface)
{
	struct topo_node *node = impl_from_IMFTopologyNode(iface);
	struct topo_node *dead = NULL;
	long n;

	pthread_mutex_lock(&graph_lock);
	n = atomic_fetch_sub(&node->attrs.refcount, 1) - 1;
	collect_glocked(node, &dead);
	pthread_mutex_unlock(&graph_lock);
	free_dead(dead);
	return n;
}

static HRESULT STDMETHODCALLTYPE node_SetObject(IMFTopologyNode *iface,
						IUnknown *pObject)
{
	struct topo_node *node = impl_from_IMFTopologyNode(iface);
	IUnknown *old;

	if (pObject)
		IUnknown_AddRef(pObject);
	IMFTopologyNode_LockStore(iface);
	old = node->object;
	node->object = pObject;
	IMFTopologyNode_UnlockStore(iface);
	if (old)
		IUnknown_Release(old);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE node_GetObject(IMFTopologyNode *iface,
						IUnknown **ppObject)
{
	struct topo_node *node = impl_from_IMFTopologyNode(iface);
	HRESULT hr = S_OK;

	if (!ppObject)
		return E_POINTER;
	IMFTopologyNode_LockStore(iface);
	*ppObject = node->object;
	if (node->object)
		IUnknown_AddRef(node->object);
	else
		hr = E_FAIL;
	IMFTopologyNode_UnlockStore(iface);
	return hr;
}

static HRESULT STDMETHODCALLTYPE node_GetNodeType(IMFTopologyNode *iface,
						  MF_TOPOLOGY_TYPE *pType)
{
	if (!pType)
		return E_POINTER;
	*pType = impl_from_IMFTopologyNode(iface)->type;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE node_GetTopoNodeID(IMFTopologyNode *iface,
						    TOPOID *pID)
{
	if (!pID)
		return E_POINTER;
	IMFTopologyNode_LockStore(iface);
	*pID = impl_from_IMFTopologyNode(iface)->id;
	IMFTopologyNode_UnlockStore(iface);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE node_SetTopoNodeID(IMFTopologyNode *iface,
						    TOPOID ullTopoID)
{
	IMFTopologyNode_LockStore(iface);
	impl_from_IMFTopologyNode(iface)->id = ullTopoID;
	IMFTopologyNode_UnlockStore(iface);
	return S_OK;
}

static HRESULT node_get_count(struct node_streams *st, DWORD *count)
{
	if (!count)
		return E_POINTER;
	pthread_mutex_lock(&graph_lock);
	*count = st->count;
	pthread_mutex_unlock(&graph_lock);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE node_GetInputCount(IMFTopologyNode *iface,
						    DWORD *pcInputs)
{
	return node_get_count(&impl_from_IMFTopologyNode(iface)->inputs,
			      pcInputs);
}

static HRESULT STDMETHODCALLTYPE node_GetOutputCount(IMFTopologyNode *iface,
						     DWORD *pcOutputs)
{
	return node_get_count(&impl_from_IMFTopologyNode(iface)->outputs,
			      pcOutputs);
}

static HRESULT connect_glocked(struct topo_node *up, DWORD out,
			       struct topo_node *down, DWORD in,
			       struct topo_node **dead)
{
	struct node_stream *dst;
	HRESULT hr;

	hr = streams_grow_glocked(&up->outputs, out);
	if (SUCCEEDED(hr))
		hr = streams_grow_glocked(&down->inputs, in);
	if (FAILED(hr))
		return hr;
	/* Either end's previous connection goes. */
	if (up->outputs.s[out].peer)
		disconnect_output_glocked(up, out, dead);
	dst = &down->inputs.s[in];
	if (dst->peer)
		disconnect_output_glocked(dst->peer, dst->peer_index, dead);
	up->outputs.s[out] = (struct node_stream){ down, in };
	*dst = (struct node_stream){ up, out };
	atomic_fetch_add(&up->attrs.refcount, 1);
	atomic_fetch_add(&down->attrs.refcount, 1);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE node_ConnectOutput(
	IMFTopologyNode *iface, DWORD dwOutputIndex,
	IMFTopologyNode *pDownstreamNode, DWORD dwInputIndexOnDownstreamNode)
{
	struct topo_node *node = impl_from_IMFTopologyNode(iface);
	struct topo_node *down = node_from(pDownstreamNode);
	struct topo_node *dead = NULL;
	HRESULT hr;

	if (!pDownstreamNode)
		return E_POINTER;
	if (!down || down == node)
		return E_INVALIDARG;
	if (node->type == MF_TOPOLOGY_OUTPUT_NODE ||
	    down->type == MF_TOPOLOGY_SOURCESTREAM_NODE)
		return E_FAIL;
	pthread_mutex_lock(&graph_lock);
	hr = connect_glocked(node, dwOutputIndex, down,
			     dwInputIndexOnDownstreamNode, &dead);
	pthread_mutex_unlock(&graph_lock);
	free_dead(dead);
	return hr;
}

static HRESULT STDMETHODCALLTYPE node_DisconnectOutput(IMFTopologyNode *iface,
						       DWORD dwOutputIndex)
{
	struct topo_node *node = impl_from_IMFTopologyNode(iface);
	struct topo_node *dead = NULL;
	HRESULT hr = S_OK;

	pthread_mutex_lock(&graph_lock);
	if (dwOutputIndex >= node->outputs.count)
		hr = E_INVALIDARG;
	else if (!node->outputs.s[dwOutputIndex].peer)
		hr = MF_E_NOT_FOUND;
	else
		disconnect_output_glocked(node, dwOutputIndex, &dead);
	pthread_mutex_unlock(&graph_lock);
	free_dead(dead);
	return hr;
}

/* The peer of stream @index of @st, with a reference, and its stream. */
static HRESULT node_get_peer(struct node_streams *st, DWORD index,
			     IMFTopologyNode **peer, DWORD *peer_index)
{
	HRESULT hr = S_OK;

	if (!peer || !peer_index)
		return E_POINTER;
	*peer = NULL;
	pthread_mutex_lock(&graph_lock);
	if (index >= st->count) {
		hr = E_INVALIDARG;
	} else if (!st->s[index].peer) {
		hr = MF_E_NOT_FOUND;
	} else {
		*peer = node_iface(st->s[index].peer);
		*peer_index = st->s[index].peer_index;
		atomic_fetch_add(&st->s[index].peer->attrs.refcount, 1);
	}
	pthread_mutex_unlock(&graph_lock);
	return hr;
}

static HRESULT STDMETHODCALLTYPE node_GetInput(
	IMFTopologyNode *iface, DWORD dwInputIndex,
	IMFTopologyNode **ppUpstreamNode, DWORD *pdwOutputIndexOnUpstreamNode)
{
	return node_get_peer(&impl_from_IMFTopologyNode(iface)->inputs,
			     dwInputIndex, ppUpstreamNode,
			     pdwOutputIndexOnUpstreamNode);
}

static HRESULT STDMETHODCALLTYPE
node_GetOutput(IMFTopologyNode *iface, DWORD dwOutputIndex,
	       IMFTopologyNode **ppDownstreamNode,
	       DWORD *pdwInputIndexOnDownstreamNode)
{
	return node_get_peer(&impl_from_IMFTopologyNode(iface)->outputs,
			     dwOutputIndex, ppDownstreamNode,
			     pdwInputIndexOnDownstreamNode);
}

/* The preferred types are not implemented yet. */
static HRESULT STDMETHODCALLTYPE node_SetPrefType(IMFTopologyNode *iface,
						  DWORD dwIndex,
						  IMFMediaType *pType)
{
	(void)iface, (void)dwIndex, (void)pType;
	return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE node_GetPrefType(IMFTopologyNode *iface,
						  DWORD dwIndex,
						  IMFMediaType **ppType)
{
	(void)iface, (void)dwIndex;
	if (!ppType)
		return E_POINTER;
	*ppType = NULL;
	return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE node_CloneFrom(IMFTopologyNode *iface,
						IMFTopologyNode *pNode)
{
	struct topo_node *node = impl_from_IMFTopologyNode(iface);
	struct topo_node *src = node_from(pNode);
	DWORD inputs, outputs;
	IUnknown *object = NULL;
	TOPOID id;
	HRESULT hr;

	if (!pNode)
		return E_POINTER;
	if (!src)
		return E_INVALIDARG;
	if (src->type != node->type)
		return MF_E_INVALIDREQUEST;
	if (src == node)
		return S_OK;
	hr = IMFTopologyNode_CopyAllItems(pNode, (IMFAttributes *)iface);
	if (FAILED(hr))
		return hr;
	IMFTopologyNode_GetObject(pNode, &object);
	IMFTopologyNode_GetTopoNodeID(pNode, &id);
	node_SetObject(iface, object);
	if (object)
		IUnknown_Release(object);
	node_SetTopoNodeID(iface, id);

	/* As many streams, none of them connected. */
	pthread_mutex_lock(&graph_lock);
	inputs = src->inputs.count;
	outputs = src->outputs.count;
	if (inputs)
		hr = streams_grow_glocked(&node->inputs, inputs - 1);
	if (SUCCEEDED(hr) && outputs)
		hr = streams_grow_glocked(&node->outputs, outputs - 1);
	pthread_mutex_unlock(&graph_lock);
	return hr;
}

static pthread_once_t vtbl_once = PTHREAD_ONCE_INIT;

/* The IMFAttributes part is the store's; the rest is the node's. */
static void node_vtbl_init(void)
{
	memcpy(&node_vtbl, &pmp_attrs_vtbl, sizeof(pmp_attrs_vtbl));
	node_vtbl.Release = node_Release;
	node_vtbl.SetObject = node_SetObject;
	node_vtbl.GetObject = node_GetObject;
	node_vtbl.GetNodeType = node_GetNodeType;
	node_vtbl.GetTopoNodeID = node_GetTopoNodeID;
	node_vtbl.SetTopoNodeID = node_SetTopoNodeID;
	node_vtbl.GetInputCount = node_GetInputCount;
	node_vtbl.GetOutputCount = node_GetOutputCount;
	node_vtbl.ConnectOutput = node_ConnectOutput;
	node_vtbl.DisconnectOutput = node_DisconnectOutput;
	node_vtbl.GetInput = node_GetInput;
	node_vtbl.GetOutput = node_GetOutput;
	node_vtbl.SetOutputPrefType = node_SetPrefType;
	node_vtbl.GetOutputPrefType = node_GetPrefType;
	node_vtbl.SetInputPrefType = node_SetPrefType;
	node_vtbl.GetInputPrefType = node_GetPrefType;
	node_vtbl.CloneFrom = node_CloneFrom;
}

static void topology_vtbl_init(void);

static void vtbls_init(void)
{
	node_vtbl_init();
	topology_vtbl_init();
}

static void node_destroy(struct pmp_attrs *attrs)
{
	/* Not reached: node_Release frees nodes through the collector. */
	free_dead((struct topo_node *)attrs);
}

PMP_EXPORT HRESULT STDAPICALLTYPE
MFCreateTopologyNode(MF_TOPOLOGY_TYPE NodeType, IMFTopologyNode **ppNode)
{
	struct topo_node *node;
	HRESULT hr;

	if (!ppNode)
		return E_POINTER;
	*ppNode = NULL;
	if ((unsigned int)NodeType > MF_TOPOLOGY_TEE_NODE)
		return E_INVALIDARG;
	pthread_once(&vtbl_once, vtbls_init);
	node = calloc(1, sizeof(*node));
	if (!node)
		return E_OUTOFMEMORY;
	hr = pmp_attrs_init(&node->attrs, &node_vtbl, 0);
	if (FAILED(hr)) {
		free(node);
		return hr;
	}
	node->attrs.iid = &IID_IMFTopologyNode;
	node->attrs.destroy = node_destroy;
	node->type = NodeType;
	node->id = new_node_id();
	*ppNode = node_iface(node);
	return S_OK;
}

/* ---- IMFTopology ---- */

/* Takes the node array out, to be released with no lock held. */
static struct topo_node **topology_take_nodes(struct topology *t, WORD *count)
{
	struct topo_node **nodes;

	IMFTopology_LockStore((IMFTopology *)t);
	nodes = t->nodes;
	*count = t->count;
	t->nodes = NULL;
	t->count = t->capacity = 0;
	IMFTopology_UnlockStore((IMFTopology *)t);
	return nodes;
}

static void release_nodes(struct topo_node **nodes, WORD count)
{
	WORD i;

	for (i = 0; i < count; i++)
		IMFTopologyNode_Release(node_iface(nodes[i]));
	free(nodes);
}

/*
 * Nodes leaving a topology lose every connection, as on Windows (so a
 * released topology leaves no cycle behind), then its reference.  The
 * array stays the caller's.
 */
static void remove_nodes(struct topo_node **nodes, WORD count)
{
	struct topo_node *dead = NULL, *n;
	DWORD i;
	WORD k;

	pthread_mutex_lock(&graph_lock);
	for (k = 0; k < count; k++) {
		n = nodes[k];
		for (i = 0; i < n->outputs.count; i++)
			if (n->outputs.s[i].peer)
				disconnect_output_glocked(n, i, &dead);
		for (i = 0; i < n->inputs.count; i++)
			if (n->inputs.s[i].peer)
				disconnect_output_glocked(
					n->inputs.s[i].peer,
					n->inputs.s[i].peer_index, &dead);
	}
	pthread_mutex_unlock(&graph_lock);
	free_dead(dead);
	for (k = 0; k < count; k++)
		IMFTopologyNode_Release(node_iface(nodes[k]));
}

static void topology_destroy(struct pmp_attrs *attrs)
{
	struct topology *t = (struct topology *)attrs;

	remove_nodes(t->nodes, t->count);
	free(t->nodes);
	pmp_attrs_cleanup(attrs);
	free(t);
}

static HRESULT STDMETHODCALLTYPE topology_GetTopologyID(IMFTopology *iface,
							TOPOID *pID)
{
	if (!pID)
		return E_POINTER;
	IMFTopology_LockStore(iface);
	*pID = impl_from_IMFTopology(iface)->id;
	IMFTopology_UnlockStore(iface);
	return S_OK;
}

/* The index of @node, or of a node with @id, or -1; the lock is held. */
static int topology_find_locked(struct topology *t, struct topo_node *node,
				const TOPOID *id)
{
	TOPOID other;
	WORD i;

	for (i = 0; i < t->count; i++) {
		if (t->nodes[i] == node)
			return i;
		if (id) {
			node_GetTopoNodeID(node_iface(t->nodes[i]), &other);
			if (other == *id)
				return i;
		}
	}
	return -1;
}

static HRESULT STDMETHODCALLTYPE topology_AddNode(IMFTopology *iface,
						  IMFTopologyNode *pNode)
{
	struct topology *t = impl_from_IMFTopology(iface);
	struct topo_node *node = node_from(pNode), **nodes;
	HRESULT hr = S_OK;
	TOPOID id;

	if (!pNode)
		return E_POINTER;
	if (!node)
		return E_INVALIDARG;
	node_GetTopoNodeID(pNode, &id);
	IMFTopology_LockStore(iface);
	if (topology_find_locked(t, node, &id) >= 0 || t->count == UINT16_MAX) {
		hr = E_INVALIDARG;
	} else if (t->count == t->capacity) {
		WORD cap = t->capacity ? (t->capacity > UINT16_MAX / 2
						  ? UINT16_MAX
						  : t->capacity * 2)
				       : 8;

		nodes = reallocarray(t->nodes, cap, sizeof(*nodes));
		if (nodes) {
			t->nodes = nodes;
			t->capacity = cap;
		} else {
			hr = E_OUTOFMEMORY;
		}
	}
	if (SUCCEEDED(hr)) {
		IMFTopologyNode_AddRef(pNode);
		t->nodes[t->count++] = node;
	}
	IMFTopology_UnlockStore(iface);
	return hr;
}

static HRESULT STDMETHODCALLTYPE topology_RemoveNode(IMFTopology *iface,
						     IMFTopologyNode *pNode)
{
	struct topology *t = impl_from_IMFTopology(iface);
	struct topo_node *node = node_from(pNode);
	int i;

	if (!pNode)
		return E_POINTER;
	IMFTopology_LockStore(iface);
	i = node ? topology_find_locked(t, node, NULL) : -1;
	if (i >= 0) {
		memmove(&t->nodes[i], &t->nodes[i + 1],
			(t->count - i - 1) * sizeof(*t->nodes));
		t->count--;
	}
	IMFTopology_UnlockStore(iface);
	if (i < 0)
		return E_INVALIDARG;
	remove_nodes(&node, 1);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE topology_GetNodeCount(IMFTopology *iface,
						       WORD *pwNodes)
{
	if (!pwNodes)
		return E_POINTER;
	IMFTopology_LockStore(iface);
	*pwNodes = impl_from_IMFTopology(iface)->count;
	IMFTopology_UnlockStore(iface);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE topology_GetNode(IMFTopology *iface,
						  WORD wIndex,
						  IMFTopologyNode **ppNode)
{
	struct topology *t = impl_from_IMFTopology(iface);
	HRESULT hr = S_OK;

	if (!ppNode)
		return E_POINTER;
	*ppNode = NULL;
	IMFTopology_LockStore(iface);
	if (wIndex >= t->count) {
		hr = MF_E_INVALIDINDEX;
	} else {
		*ppNode = node_iface(t->nodes[wIndex]);
		IMFTopologyNode_AddRef(*ppNode);
	}
	IMFTopology_UnlockStore(iface);
	return hr;
}

static HRESULT STDMETHODCALLTYPE topology_Clear(IMFTopology *iface)
{
	struct topo_node **nodes;
	WORD count;

	nodes = topology_take_nodes(impl_from_IMFTopology(iface), &count);
	remove_nodes(nodes, count);
	free(nodes);
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE topology_GetNodeByID(IMFTopology *iface,
						      TOPOID qwTopoNodeID,
						      IMFTopologyNode **ppNode)
{
	struct topology *t = impl_from_IMFTopology(iface);
	TOPOID id;
	WORD i;

	if (!ppNode)
		return E_POINTER;
	*ppNode = NULL;
	IMFTopology_LockStore(iface);
	for (i = 0; i < t->count && !*ppNode; i++) {
		node_GetTopoNodeID(node_iface(t->nodes[i]), &id);
		if (id == qwTopoNodeID) {
			*ppNode = node_iface(t->nodes[i]);
			IMFTopologyNode_AddRef(*ppNode);
		}
	}
	IMFTopology_UnlockStore(iface);
	return *ppNode ? S_OK : MF_E_NOT_FOUND;
}

/* The nodes of @type, in the topology's order, in a new collection. */
static HRESULT topology_collect_type(IMFTopology *iface, MF_TOPOLOGY_TYPE type,
				     IMFCollection **ppCollection)
{
	struct topology *t = impl_from_IMFTopology(iface);
	IMFCollection *c;
	HRESULT hr;
	WORD i;

	if (!ppCollection)
		return E_POINTER;
	*ppCollection = NULL;
	hr = MFCreateCollection(&c);
	if (FAILED(hr))
		return hr;
	IMFTopology_LockStore(iface);
	for (i = 0; SUCCEEDED(hr) && i < t->count; i++)
		if (t->nodes[i]->type == type)
			hr = IMFCollection_AddElement(
				c, (IUnknown *)node_iface(t->nodes[i]));
	IMFTopology_UnlockStore(iface);
	if (FAILED(hr)) {
		IMFCollection_Release(c);
		return hr;
	}
	*ppCollection = c;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE topology_GetSourceNodeCollection(
	IMFTopology *iface, IMFCollection **ppCollection)
{
	return topology_collect_type(iface, MF_TOPOLOGY_SOURCESTREAM_NODE,
				     ppCollection);
}

static HRESULT STDMETHODCALLTYPE topology_GetOutputNodeCollection(
	IMFTopology *iface, IMFCollection **ppCollection)
{
	return topology_collect_type(iface, MF_TOPOLOGY_OUTPUT_NODE,
				     ppCollection);
}

/* The index in @src of @node, or -1. */
static int index_of(struct topo_node **src, WORD count, struct topo_node *node)
{
	WORD i;

	for (i = 0; i < count; i++)
		if (src[i] == node)
			return i;
	return -1;
}

/* Connects @clones as @src's nodes are connected among themselves. */
static HRESULT connect_clones(struct topo_node **src, struct topo_node **clones,
			      WORD count)
{
	struct topo_node *dead = NULL;
	HRESULT hr = S_OK;
	WORD i;
	DWORD o;
	int j;

	pthread_mutex_lock(&graph_lock);
	for (i = 0; SUCCEEDED(hr) && i < count; i++)
		for (o = 0; SUCCEEDED(hr) && o < src[i]->outputs.count; o++) {
			struct node_stream *s = &src[i]->outputs.s[o];

			j = s->peer ? index_of(src, count, s->peer) : -1;
			if (j >= 0)
				hr = connect_glocked(clones[i], o, clones[j],
						     s->peer_index, &dead);
		}
	pthread_mutex_unlock(&graph_lock);
	free_dead(dead);
	return hr;
}

static HRESULT STDMETHODCALLTYPE topology_CloneFrom(IMFTopology *iface,
						    IMFTopology *pTopology)
{
	struct topology *t = impl_from_IMFTopology(iface), *src;
	struct topo_node **nodes, **clones = NULL, **old;
	IMFTopologyNode *clone;
	WORD count = 0, n = 0, old_count;
	HRESULT hr = S_OK;
	TOPOID id;

	if (!pTopology)
		return E_POINTER;
	if (pTopology->lpVtbl != &topology_vtbl)
		return E_INVALIDARG;
	src = impl_from_IMFTopology(pTopology);

	/* A referenced copy of the source's array, then clones of each. */
	IMFTopology_LockStore(pTopology);
	nodes = calloc(src->count ? src->count : 1, sizeof(*nodes));
	if (nodes) {
		count = src->count;
		for (n = 0; n < count; n++) {
			nodes[n] = src->nodes[n];
			IMFTopologyNode_AddRef(node_iface(nodes[n]));
		}
	}
	id = src->id;
	IMFTopology_UnlockStore(pTopology);
	if (!nodes)
		return E_OUTOFMEMORY;
	clones = calloc(count ? count : 1, sizeof(*clones));
	if (!clones)
		hr = E_OUTOFMEMORY;
	for (n = 0; SUCCEEDED(hr) && n < count; n++) {
		hr = MFCreateTopologyNode(nodes[n]->type, &clone);
		if (FAILED(hr))
			break;
		clones[n] = impl_from_IMFTopologyNode(clone);
		hr = node_CloneFrom(clone, node_iface(nodes[n]));
	}
	if (SUCCEEDED(hr))
		hr = connect_clones(nodes, clones, count);
	if (SUCCEEDED(hr))
		hr = IMFTopology_CopyAllItems(pTopology,
					      (IMFAttributes *)iface);
	release_nodes(nodes, count);
	if (FAILED(hr)) {
		release_nodes(clones, n);
		return hr;
	}

	IMFTopology_LockStore(iface);
	old = t->nodes;
	old_count = t->count;
	t->nodes = clones;
	t->count = t->capacity = count;
	t->id = id;
	IMFTopology_UnlockStore(iface);
	remove_nodes(old, old_count);
	free(old);
	return S_OK;
}

/* Gives @iface the id @id; deserialized topologies keep their sender's. */
void pmp_topology_set_id(IMFTopology *iface, TOPOID id)
{
	IMFTopology_LockStore(iface);
	impl_from_IMFTopology(iface)->id = id;
	IMFTopology_UnlockStore(iface);
}

static void topology_vtbl_init(void)
{
	memcpy(&topology_vtbl, &pmp_attrs_vtbl, sizeof(pmp_attrs_vtbl));
	topology_vtbl.GetTopologyID = topology_GetTopologyID;
	topology_vtbl.AddNode = topology_AddNode;
	topology_vtbl.RemoveNode = topology_RemoveNode;
	topology_vtbl.GetNodeCount = topology_GetNodeCount;
	topology_vtbl.GetNode = topology_GetNode;
	topology_vtbl.Clear = topology_Clear;
	topology_vtbl.CloneFrom = topology_CloneFrom;
	topology_vtbl.GetNodeByID = topology_GetNodeByID;
	topology_vtbl.GetSourceNodeCollection =
		topology_GetSourceNodeCollection;
	topology_vtbl.GetOutputNodeCollection =
		topology_GetOutputNodeCollection;
}

PMP_EXPORT HRESULT STDAPICALLTYPE MFCreateTopology(IMFTopology **ppTopo)
{
	struct topology *t;
	HRESULT hr;

	if (!ppTopo)
		return E_POINTER;
	*ppTopo = NULL;
	pthread_once(&vtbl_once, vtbls_init);
	t = calloc(1, sizeof(*t));
	if (!t)
		return E_OUTOFMEMORY;
	hr = pmp_attrs_init(&t->attrs, &topology_vtbl, 0);
	if (FAILED(hr)) {
		free(t);
		return hr;
	}
	t->attrs.iid = &IID_IMFTopology;
	t->attrs.destroy = topology_destroy;
	t->id = atomic_fetch_add(&next_topology_id, 1) + 1;
	*ppTopo = (IMFTopology *)&t->attrs.IMFAttributes_iface;
	return S_OK;
}
