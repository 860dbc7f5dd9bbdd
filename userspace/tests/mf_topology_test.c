// SPDX-License-Identifier: GPL-2.0
/*
 * mf_topology_test.c - topologies, their nodes, collections and attribute
 * blobs, in process (no kernel module): MFCreateTopology,
 * MFCreateTopologyNode, MFCreateCollection, MFGetAttributesAsBlobSize,
 * MFGetAttributesAsBlob, MFInitAttributesFromBlob
 *
 * Written from Microsoft's documentation of each call; where it is silent
 * the expected values are those Wine's mf and mfplat tests record for
 * Windows, or pmp's decisions (Documentation/userspace-api/mf.rst).
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mfapi.h>
#include <mfidl.h>

#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"

#define PTR sizeof(void *)

static const GUID KEY_A = {
	0x11111111, 0x2222, 0x3333, { 1, 2, 3, 4, 5, 6, 7, 8 }
};
static const GUID KEY_B = {
	0x11111111, 0x2222, 0x3333, { 1, 2, 3, 4, 5, 6, 7, 9 }
};
static const GUID KEY_C = {
	0x11111111, 0x2222, 0x3333, { 1, 2, 3, 4, 5, 6, 7, 10 }
};

/* ---- an object that counts its references ---- */

struct counted {
	IUnknown IUnknown_iface;
	long refcount;
};

static HRESULT STDMETHODCALLTYPE counted_QueryInterface(IUnknown *iface,
							REFIID riid, void **ppv)
{
	if (!IsEqualIID(riid, &IID_IUnknown)) {
		*ppv = NULL;
		return E_NOINTERFACE;
	}
	*ppv = iface;
	IUnknown_AddRef(iface);
	return S_OK;
}

static ULONG STDMETHODCALLTYPE counted_AddRef(IUnknown *iface)
{
	return __atomic_add_fetch(&((struct counted *)iface)->refcount, 1,
				  __ATOMIC_SEQ_CST);
}

static ULONG STDMETHODCALLTYPE counted_Release(IUnknown *iface)
{
	return __atomic_sub_fetch(&((struct counted *)iface)->refcount, 1,
				  __ATOMIC_SEQ_CST);
}

static const IUnknownVtbl counted_vtbl = {
	counted_QueryInterface,
	counted_AddRef,
	counted_Release,
};

static void counted_init(struct counted *c)
{
	c->IUnknown_iface.lpVtbl = &counted_vtbl;
	c->refcount = 1;
}

/* The references @unk has, without changing them. */
static ULONG refcount(void *unk)
{
	IUnknown_AddRef((IUnknown *)unk);
	return IUnknown_Release((IUnknown *)unk);
}

static IMFTopologyNode *new_node(MF_TOPOLOGY_TYPE type)
{
	IMFTopologyNode *node = NULL;

	if (FAILED(MFCreateTopologyNode(type, &node)))
		abort();
	return node;
}

/* ---- ABI ---- */

TEST(iids_and_vtable_orders_are_microsofts)
{
	static const GUID node = { 0x83cf873a,
				   0xf6da,
				   0x4bc8,
				   { 0x82, 0x3f, 0xba, 0xcf, 0xd5, 0x5d, 0xc4,
				     0x30 } };
	static const GUID topo = { 0x83cf873a,
				   0xf6da,
				   0x4bc8,
				   { 0x82, 0x3f, 0xba, 0xcf, 0xd5, 0x5d, 0xc4,
				     0x33 } };
	static const GUID coll = { 0x5bc8a76b,
				   0x869a,
				   0x46a3,
				   { 0x9b, 0x03, 0xfa, 0x21, 0x8a, 0x66, 0xae,
				     0xbe } };

	ASSERT_TRUE(IsEqualGUID(&node, &IID_IMFTopologyNode));
	ASSERT_TRUE(IsEqualGUID(&topo, &IID_IMFTopology));
	ASSERT_TRUE(IsEqualGUID(&coll, &IID_IMFCollection));

	ASSERT_EQ(32 * PTR, offsetof(IMFTopologyNodeVtbl, CopyAllItems));
	ASSERT_EQ(33 * PTR, offsetof(IMFTopologyNodeVtbl, SetObject));
	ASSERT_EQ(35 * PTR, offsetof(IMFTopologyNodeVtbl, GetNodeType));
	ASSERT_EQ(37 * PTR, offsetof(IMFTopologyNodeVtbl, SetTopoNodeID));
	ASSERT_EQ(40 * PTR, offsetof(IMFTopologyNodeVtbl, ConnectOutput));
	ASSERT_EQ(43 * PTR, offsetof(IMFTopologyNodeVtbl, GetOutput));
	ASSERT_EQ(44 * PTR, offsetof(IMFTopologyNodeVtbl, SetOutputPrefType));
	ASSERT_EQ(47 * PTR, offsetof(IMFTopologyNodeVtbl, GetInputPrefType));
	ASSERT_EQ(48 * PTR, offsetof(IMFTopologyNodeVtbl, CloneFrom));
	ASSERT_EQ(49 * PTR, sizeof(IMFTopologyNodeVtbl));

	ASSERT_EQ(33 * PTR, offsetof(IMFTopologyVtbl, GetTopologyID));
	ASSERT_EQ(34 * PTR, offsetof(IMFTopologyVtbl, AddNode));
	ASSERT_EQ(36 * PTR, offsetof(IMFTopologyVtbl, GetNodeCount));
	ASSERT_EQ(38 * PTR, offsetof(IMFTopologyVtbl, Clear));
	ASSERT_EQ(40 * PTR, offsetof(IMFTopologyVtbl, GetNodeByID));
	ASSERT_EQ(42 * PTR, offsetof(IMFTopologyVtbl, GetOutputNodeCollection));
	ASSERT_EQ(43 * PTR, sizeof(IMFTopologyVtbl));

	ASSERT_EQ(3 * PTR, offsetof(IMFCollectionVtbl, GetElementCount));
	ASSERT_EQ(5 * PTR, offsetof(IMFCollectionVtbl, AddElement));
	ASSERT_EQ(7 * PTR, offsetof(IMFCollectionVtbl, InsertElementAt));
	ASSERT_EQ(9 * PTR, sizeof(IMFCollectionVtbl));
}

TEST(constants_and_attribute_guids_are_microsofts)
{
	static const GUID source = { 0x835c58ec,
				     0xe075,
				     0x4bc7,
				     { 0xbc, 0xba, 0x4d, 0xe0, 0x00, 0xdf, 0x9a,
				       0xe6 } };
	static const GUID pd = { 0x835c58ed,
				 0xe075,
				 0x4bc7,
				 { 0xbc, 0xba, 0x4d, 0xe0, 0x00, 0xdf, 0x9a,
				   0xe6 } };
	static const GUID sd = { 0x835c58ee,
				 0xe075,
				 0x4bc7,
				 { 0xbc, 0xba, 0x4d, 0xe0, 0x00, 0xdf, 0x9a,
				   0xe6 } };
	static const GUID streamid = { 0x14932f9b,
				       0x9087,
				       0x4bb4,
				       { 0x84, 0x12, 0x51, 0x67, 0x14, 0x5c,
					 0xbe, 0x04 } };
	static const GUID noshutdown = { 0x14932f9c,
					 0x9087,
					 0x4bb4,
					 { 0x84, 0x12, 0x51, 0x67, 0x14, 0x5c,
					   0xbe, 0x04 } };

	ASSERT_TRUE(IsEqualGUID(&source, &MF_TOPONODE_SOURCE));
	ASSERT_TRUE(IsEqualGUID(&pd, &MF_TOPONODE_PRESENTATION_DESCRIPTOR));
	ASSERT_TRUE(IsEqualGUID(&sd, &MF_TOPONODE_STREAM_DESCRIPTOR));
	ASSERT_TRUE(IsEqualGUID(&streamid, &MF_TOPONODE_STREAMID));
	ASSERT_TRUE(
		IsEqualGUID(&noshutdown, &MF_TOPONODE_NOSHUTDOWN_ON_REMOVE));
	ASSERT_EQ(0, MF_TOPOLOGY_OUTPUT_NODE);
	ASSERT_EQ(1, MF_TOPOLOGY_SOURCESTREAM_NODE);
	ASSERT_EQ(2, MF_TOPOLOGY_TRANSFORM_NODE);
	ASSERT_EQ(3, MF_TOPOLOGY_TEE_NODE);
	ASSERT_EQ(8U, sizeof(TOPOID));
	ASSERT_EQ(1, MF_ATTRIBUTE_SERIALIZE_UNKNOWN_BYREF);
	ASSERT_EQ((HRESULT)0xC00D36BF, MF_E_INVALIDINDEX);
	ASSERT_EQ((HRESULT)0xC00D36B1, MF_E_BUFFERTOOSMALL);
}

/* ---- IMFCollection ---- */

TEST(collection_holds_references_in_order)
{
	struct counted a, b;
	IMFCollection *c;
	IUnknown *e;
	DWORD n;

	counted_init(&a);
	counted_init(&b);
	ASSERT_EQ(E_POINTER, MFCreateCollection(NULL));
	ASSERT_EQ(S_OK, MFCreateCollection(&c));
	ASSERT_EQ(E_POINTER, IMFCollection_GetElementCount(c, NULL));
	ASSERT_EQ(S_OK, IMFCollection_AddElement(c, &a.IUnknown_iface));
	ASSERT_EQ(S_OK, IMFCollection_AddElement(c, NULL));
	ASSERT_EQ(S_OK, IMFCollection_InsertElementAt(c, 0, &b.IUnknown_iface));
	ASSERT_EQ(2, a.refcount);
	ASSERT_EQ(S_OK, IMFCollection_GetElementCount(c, &n));
	ASSERT_EQ(3U, n);
	ASSERT_EQ(S_OK, IMFCollection_GetElement(c, 0, &e));
	ASSERT_EQ(&b.IUnknown_iface, e);
	IUnknown_Release(e);
	ASSERT_EQ(E_UNEXPECTED, IMFCollection_GetElement(c, 2, &e));
	ASSERT_EQ(NULL, e);
	ASSERT_EQ(E_INVALIDARG, IMFCollection_GetElement(c, 3, &e));
	ASSERT_EQ(E_POINTER, IMFCollection_GetElement(c, 0, NULL));

	/* Beyond the end: padded with NULL elements. */
	ASSERT_EQ(S_OK, IMFCollection_InsertElementAt(c, 9, &a.IUnknown_iface));
	ASSERT_EQ(S_OK, IMFCollection_GetElementCount(c, &n));
	ASSERT_EQ(10U, n);
	ASSERT_EQ(E_UNEXPECTED, IMFCollection_GetElement(c, 5, &e));
	ASSERT_EQ(3, a.refcount);

	ASSERT_EQ(E_INVALIDARG, IMFCollection_RemoveElement(c, 10, &e));
	ASSERT_EQ(E_POINTER, IMFCollection_RemoveElement(c, 0, NULL));
	ASSERT_EQ(S_OK, IMFCollection_RemoveElement(c, 1, &e));
	ASSERT_EQ(&a.IUnknown_iface, e);
	IUnknown_Release(e);
	ASSERT_EQ(S_OK, IMFCollection_RemoveAllElements(c));
	ASSERT_EQ(S_OK, IMFCollection_GetElementCount(c, &n));
	ASSERT_EQ(0U, n);
	ASSERT_EQ(1, a.refcount);
	ASSERT_EQ(1, b.refcount);
	ASSERT_EQ(S_OK, IMFCollection_AddElement(c, &a.IUnknown_iface));
	ASSERT_EQ(0U, IMFCollection_Release(c));
	ASSERT_EQ(1, a.refcount);
}

/* ---- IMFTopologyNode ---- */

TEST(node_creation_checks_its_arguments)
{
	IMFTopologyNode *node = (void *)1;
	MF_TOPOLOGY_TYPE type;

	ASSERT_EQ(E_POINTER,
		  MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, NULL));
	ASSERT_EQ(E_INVALIDARG,
		  MFCreateTopologyNode(MF_TOPOLOGY_TEE_NODE + 1, &node));
	ASSERT_EQ(NULL, node);
	for (int t = MF_TOPOLOGY_OUTPUT_NODE; t <= MF_TOPOLOGY_TEE_NODE; t++) {
		ASSERT_EQ(S_OK, MFCreateTopologyNode(t, &node));
		ASSERT_EQ(S_OK, IMFTopologyNode_GetNodeType(node, &type));
		ASSERT_EQ(t, (int)type);
		ASSERT_EQ(E_POINTER, IMFTopologyNode_GetNodeType(node, NULL));
		ASSERT_EQ(0U, IMFTopologyNode_Release(node));
	}
}

TEST(node_is_an_attribute_store_with_one_identity)
{
	IMFTopologyNode *node = new_node(MF_TOPOLOGY_TRANSFORM_NODE);
	IMFAttributes *attrs;
	IUnknown *unk;
	void *other;
	UINT32 v;

	ASSERT_EQ(S_OK, IMFTopologyNode_QueryInterface(node, &IID_IMFAttributes,
						       (void **)&attrs));
	ASSERT_EQ((void *)node, (void *)attrs);
	ASSERT_EQ(S_OK, IMFTopologyNode_QueryInterface(node, &IID_IUnknown,
						       (void **)&unk));
	ASSERT_EQ((void *)node, (void *)unk);
	ASSERT_EQ(E_NOINTERFACE, IMFTopologyNode_QueryInterface(
					 node, &IID_IMFTopology, &other));
	ASSERT_EQ(NULL, other);
	ASSERT_EQ(S_OK,
		  IMFAttributes_SetUINT32(attrs, &MF_TOPONODE_STREAMID, 7));
	ASSERT_EQ(S_OK,
		  IMFTopologyNode_GetUINT32(node, &MF_TOPONODE_STREAMID, &v));
	ASSERT_EQ(7U, v);
	ASSERT_EQ(3U, refcount(node));
	IUnknown_Release(unk);
	IMFAttributes_Release(attrs);
	ASSERT_EQ(0U, IMFTopologyNode_Release(node));
}

TEST(node_ids_are_unique_and_settable)
{
	IMFTopologyNode *a = new_node(MF_TOPOLOGY_OUTPUT_NODE);
	IMFTopologyNode *b = new_node(MF_TOPOLOGY_OUTPUT_NODE);
	TOPOID ia, ib;

	ASSERT_EQ(E_POINTER, IMFTopologyNode_GetTopoNodeID(a, NULL));
	ASSERT_EQ(S_OK, IMFTopologyNode_GetTopoNodeID(a, &ia));
	ASSERT_EQ(S_OK, IMFTopologyNode_GetTopoNodeID(b, &ib));
	ASSERT_NE(0U, ia);
	ASSERT_NE(ia, ib);
	ASSERT_EQ((TOPOID)getpid(), ia >> 32);
	ASSERT_EQ(S_OK, IMFTopologyNode_SetTopoNodeID(b, 42));
	ASSERT_EQ(S_OK, IMFTopologyNode_GetTopoNodeID(b, &ib));
	ASSERT_EQ(42U, ib);
	IMFTopologyNode_Release(a);
	IMFTopologyNode_Release(b);
}

TEST(node_object_is_held_and_absent_is_e_fail)
{
	IMFTopologyNode *node = new_node(MF_TOPOLOGY_SOURCESTREAM_NODE);
	struct counted obj;
	IUnknown *got = (void *)1;

	counted_init(&obj);
	ASSERT_EQ(E_POINTER, IMFTopologyNode_GetObject(node, NULL));
	ASSERT_EQ(E_FAIL, IMFTopologyNode_GetObject(node, &got));
	ASSERT_EQ(NULL, got);
	ASSERT_EQ(S_OK, IMFTopologyNode_SetObject(node, &obj.IUnknown_iface));
	ASSERT_EQ(2, obj.refcount);
	ASSERT_EQ(S_OK, IMFTopologyNode_GetObject(node, &got));
	ASSERT_EQ(&obj.IUnknown_iface, got);
	IUnknown_Release(got);
	ASSERT_EQ(S_OK, IMFTopologyNode_SetObject(node, NULL));
	ASSERT_EQ(1, obj.refcount);
	ASSERT_EQ(S_OK, IMFTopologyNode_SetObject(node, &obj.IUnknown_iface));
	IMFTopologyNode_Release(node);
	ASSERT_EQ(1, obj.refcount);
}

TEST(connections_follow_windows_rules)
{
	IMFTopologyNode *src = new_node(MF_TOPOLOGY_SOURCESTREAM_NODE);
	IMFTopologyNode *xf = new_node(MF_TOPOLOGY_TRANSFORM_NODE);
	IMFTopologyNode *out = new_node(MF_TOPOLOGY_OUTPUT_NODE);
	IMFTopologyNode *peer;
	DWORD n, idx;

	ASSERT_EQ(S_OK, IMFTopologyNode_GetInputCount(src, &n));
	ASSERT_EQ(0U, n);
	ASSERT_EQ(S_OK, IMFTopologyNode_GetOutputCount(src, &n));
	ASSERT_EQ(0U, n);
	ASSERT_EQ(E_POINTER, IMFTopologyNode_GetInputCount(src, NULL));
	ASSERT_EQ(E_POINTER, IMFTopologyNode_ConnectOutput(src, 0, NULL, 0));
	ASSERT_EQ(E_INVALIDARG, IMFTopologyNode_ConnectOutput(xf, 0, xf, 0));
	ASSERT_EQ(E_FAIL, IMFTopologyNode_ConnectOutput(out, 0, xf, 0));
	ASSERT_EQ(E_FAIL, IMFTopologyNode_ConnectOutput(xf, 0, src, 0));
	ASSERT_EQ(E_INVALIDARG,
		  IMFTopologyNode_ConnectOutput(src, 1024, xf, 0));

	ASSERT_EQ(S_OK, IMFTopologyNode_ConnectOutput(src, 1, xf, 2));
	/* Both ends hold a reference, as on Windows. */
	ASSERT_EQ(2U, refcount(src));
	ASSERT_EQ(2U, refcount(xf));
	ASSERT_EQ(S_OK, IMFTopologyNode_GetOutputCount(src, &n));
	ASSERT_EQ(2U, n);
	ASSERT_EQ(S_OK, IMFTopologyNode_GetInputCount(xf, &n));
	ASSERT_EQ(3U, n);

	ASSERT_EQ(S_OK, IMFTopologyNode_GetOutput(src, 1, &peer, &idx));
	ASSERT_EQ(xf, peer);
	ASSERT_EQ(2U, idx);
	IMFTopologyNode_Release(peer);
	ASSERT_EQ(S_OK, IMFTopologyNode_GetInput(xf, 2, &peer, &idx));
	ASSERT_EQ(src, peer);
	ASSERT_EQ(1U, idx);
	IMFTopologyNode_Release(peer);
	ASSERT_EQ(MF_E_NOT_FOUND,
		  IMFTopologyNode_GetOutput(src, 0, &peer, &idx));
	ASSERT_EQ(NULL, peer);
	ASSERT_EQ(E_INVALIDARG, IMFTopologyNode_GetOutput(src, 2, &peer, &idx));
	ASSERT_EQ(E_INVALIDARG, IMFTopologyNode_GetInput(xf, 3, &peer, &idx));
	ASSERT_EQ(E_POINTER, IMFTopologyNode_GetInput(xf, 2, NULL, &idx));
	ASSERT_EQ(E_POINTER, IMFTopologyNode_GetInput(xf, 2, &peer, NULL));

	/* A new connection of the same input replaces the old one. */
	ASSERT_EQ(S_OK, IMFTopologyNode_ConnectOutput(src, 0, xf, 2));
	ASSERT_EQ(MF_E_NOT_FOUND,
		  IMFTopologyNode_GetOutput(src, 1, &peer, &idx));
	ASSERT_EQ(2U, refcount(src));
	ASSERT_EQ(S_OK, IMFTopologyNode_ConnectOutput(xf, 0, out, 0));

	ASSERT_EQ(E_INVALIDARG, IMFTopologyNode_DisconnectOutput(src, 2));
	ASSERT_EQ(MF_E_NOT_FOUND, IMFTopologyNode_DisconnectOutput(src, 1));
	ASSERT_EQ(S_OK, IMFTopologyNode_DisconnectOutput(src, 0));
	ASSERT_EQ(1U, refcount(src));
	/* The streams stay; only the connection goes. */
	ASSERT_EQ(S_OK, IMFTopologyNode_GetOutputCount(src, &n));
	ASSERT_EQ(2U, n);
	ASSERT_EQ(MF_E_NOT_FOUND, IMFTopologyNode_GetInput(xf, 2, &peer, &idx));

	ASSERT_EQ(0U, IMFTopologyNode_Release(src));
	IMFTopologyNode_Release(xf);
	IMFTopologyNode_Release(out);
}

TEST(preferred_types_are_not_implemented)
{
	IMFTopologyNode *node = new_node(MF_TOPOLOGY_TRANSFORM_NODE);
	IMFMediaType *type = (void *)1;

	ASSERT_EQ(E_NOTIMPL, IMFTopologyNode_SetOutputPrefType(node, 0, NULL));
	ASSERT_EQ(E_NOTIMPL, IMFTopologyNode_SetInputPrefType(node, 0, NULL));
	ASSERT_EQ(E_NOTIMPL, IMFTopologyNode_GetOutputPrefType(node, 0, &type));
	ASSERT_EQ(NULL, type);
	type = (void *)1;
	ASSERT_EQ(E_NOTIMPL, IMFTopologyNode_GetInputPrefType(node, 0, &type));
	ASSERT_EQ(NULL, type);
	IMFTopologyNode_Release(node);
}

TEST(node_clone_copies_id_object_attributes_not_connections)
{
	IMFTopologyNode *a = new_node(MF_TOPOLOGY_TRANSFORM_NODE);
	IMFTopologyNode *b = new_node(MF_TOPOLOGY_TRANSFORM_NODE);
	IMFTopologyNode *o = new_node(MF_TOPOLOGY_OUTPUT_NODE);
	IMFTopologyNode *peer;
	struct counted obj;
	TOPOID ia, ib;
	DWORD n, idx;
	UINT32 v;

	counted_init(&obj);
	IMFTopologyNode_SetObject(a, &obj.IUnknown_iface);
	IMFTopologyNode_SetUINT32(a, &KEY_A, 5);
	IMFTopologyNode_SetUINT32(b, &KEY_B, 6);
	ASSERT_EQ(S_OK, IMFTopologyNode_ConnectOutput(a, 1, o, 0));
	ASSERT_EQ(E_POINTER, IMFTopologyNode_CloneFrom(b, NULL));
	ASSERT_EQ(MF_E_INVALIDREQUEST, IMFTopologyNode_CloneFrom(o, a));
	ASSERT_EQ(S_OK, IMFTopologyNode_CloneFrom(b, a));
	IMFTopologyNode_GetTopoNodeID(a, &ia);
	IMFTopologyNode_GetTopoNodeID(b, &ib);
	ASSERT_EQ(ia, ib);
	ASSERT_EQ(3, obj.refcount);
	ASSERT_EQ(S_OK, IMFTopologyNode_GetUINT32(b, &KEY_A, &v));
	ASSERT_EQ(5U, v);
	ASSERT_EQ(MF_E_ATTRIBUTENOTFOUND,
		  IMFTopologyNode_GetUINT32(b, &KEY_B, &v));
	ASSERT_EQ(S_OK, IMFTopologyNode_GetOutputCount(b, &n));
	ASSERT_EQ(2U, n);
	ASSERT_EQ(MF_E_NOT_FOUND, IMFTopologyNode_GetOutput(b, 1, &peer, &idx));
	IMFTopologyNode_Release(a);
	IMFTopologyNode_Release(b);
	IMFTopologyNode_Release(o);
	ASSERT_EQ(1, obj.refcount);
}

/* Each node holds an object: it is released when the node is freed. */
TEST(connected_nodes_are_freed_when_only_their_connections_hold_them)
{
	IMFTopologyNode *n[4], *peer;
	struct counted obj[4];
	DWORD idx;
	int i;

	for (i = 0; i < 4; i++) {
		counted_init(&obj[i]);
		n[i] = new_node(i ? MF_TOPOLOGY_TRANSFORM_NODE
				  : MF_TOPOLOGY_SOURCESTREAM_NODE);
		IMFTopologyNode_SetObject(n[i], &obj[i].IUnknown_iface);
	}
	/* A diamond: 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3. */
	ASSERT_EQ(S_OK, IMFTopologyNode_ConnectOutput(n[0], 0, n[1], 0));
	ASSERT_EQ(S_OK, IMFTopologyNode_ConnectOutput(n[0], 1, n[2], 0));
	ASSERT_EQ(S_OK, IMFTopologyNode_ConnectOutput(n[1], 0, n[3], 0));
	ASSERT_EQ(S_OK, IMFTopologyNode_ConnectOutput(n[2], 0, n[3], 1));
	for (i = 1; i < 4; i++)
		IMFTopologyNode_Release(n[i]);
	/* n[0] reaches them all: they live. */
	for (i = 0; i < 4; i++)
		ASSERT_EQ(2, obj[i].refcount);
	ASSERT_EQ(S_OK, IMFTopologyNode_GetOutput(n[0], 1, &peer, &idx));
	ASSERT_EQ(S_OK, IMFTopologyNode_GetOutput(peer, 0, &n[3], &idx));
	IMFTopologyNode_Release(peer);
	IMFTopologyNode_Release(n[0]);
	/* n[3], held from outside, keeps the whole group. */
	for (i = 0; i < 4; i++)
		ASSERT_EQ(2, obj[i].refcount);
	IMFTopologyNode_Release(n[3]);
	for (i = 0; i < 4; i++)
		ASSERT_EQ(1, obj[i].refcount);
}

TEST(disconnecting_frees_a_part_no_one_holds)
{
	IMFTopologyNode *a = new_node(MF_TOPOLOGY_SOURCESTREAM_NODE);
	IMFTopologyNode *b = new_node(MF_TOPOLOGY_OUTPUT_NODE);
	struct counted obj;

	counted_init(&obj);
	IMFTopologyNode_SetObject(b, &obj.IUnknown_iface);
	ASSERT_EQ(S_OK, IMFTopologyNode_ConnectOutput(a, 0, b, 0));
	IMFTopologyNode_Release(b);
	ASSERT_EQ(2, obj.refcount);
	ASSERT_EQ(S_OK, IMFTopologyNode_DisconnectOutput(a, 0));
	ASSERT_EQ(1, obj.refcount);
	ASSERT_EQ(0U, IMFTopologyNode_Release(a));
}

static void *connect_loop(void *arg)
{
	IMFTopologyNode **n = arg, *peer;
	DWORD idx;
	int i;

	for (i = 0; i < 2000; i++) {
		IMFTopologyNode_ConnectOutput(n[0], i % 3, n[1], i % 2);
		if (SUCCEEDED(IMFTopologyNode_GetOutput(n[0], i % 3, &peer,
							&idx)))
			IMFTopologyNode_Release(peer);
		IMFTopologyNode_DisconnectOutput(n[0], (i + 1) % 3);
	}
	return NULL;
}

TEST(concurrent_connections_keep_the_counts_right)
{
	IMFTopologyNode *n[2] = { new_node(MF_TOPOLOGY_SOURCESTREAM_NODE),
				  new_node(MF_TOPOLOGY_OUTPUT_NODE) };
	struct counted obj;
	pthread_t t[3];
	int i;

	counted_init(&obj);
	IMFTopologyNode_SetObject(n[1], &obj.IUnknown_iface);
	for (i = 0; i < 3; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, connect_loop, n));
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	IMFTopologyNode_Release(n[1]);
	IMFTopologyNode_Release(n[0]);
	ASSERT_EQ(1, obj.refcount);
}

/* ---- IMFTopology ---- */

TEST(topology_ids_are_unique)
{
	IMFTopology *a, *b;
	TOPOID ia, ib;

	ASSERT_EQ(E_POINTER, MFCreateTopology(NULL));
	ASSERT_EQ(S_OK, MFCreateTopology(&a));
	ASSERT_EQ(S_OK, MFCreateTopology(&b));
	ASSERT_EQ(E_POINTER, IMFTopology_GetTopologyID(a, NULL));
	ASSERT_EQ(S_OK, IMFTopology_GetTopologyID(a, &ia));
	ASSERT_EQ(S_OK, IMFTopology_GetTopologyID(b, &ib));
	/* Windows counts from 1, without the pid nodes' ids have. */
	ASSERT_NE(0U, ia);
	ASSERT_EQ(ia + 1, ib);
	ASSERT_EQ(0U, ia >> 32);
	ASSERT_EQ(0U, IMFTopology_Release(a));
	ASSERT_EQ(0U, IMFTopology_Release(b));
}

TEST(topology_add_get_remove_follow_microsofts_results)
{
	IMFTopologyNode *a = new_node(MF_TOPOLOGY_SOURCESTREAM_NODE);
	IMFTopologyNode *b = new_node(MF_TOPOLOGY_OUTPUT_NODE);
	IMFTopologyNode *c = new_node(MF_TOPOLOGY_OUTPUT_NODE);
	IMFTopologyNode *got;
	IMFAttributes *attrs;
	IMFTopology *t;
	TOPOID ib;
	WORD n;

	ASSERT_EQ(S_OK, MFCreateTopology(&t));
	ASSERT_EQ(S_OK, IMFTopology_QueryInterface(t, &IID_IMFAttributes,
						   (void **)&attrs));
	ASSERT_EQ((void *)t, (void *)attrs);
	IMFAttributes_Release(attrs);
	ASSERT_EQ(E_POINTER, IMFTopology_AddNode(t, NULL));
	ASSERT_EQ(E_POINTER, IMFTopology_GetNodeCount(t, NULL));
	ASSERT_EQ(S_OK, IMFTopology_AddNode(t, a));
	ASSERT_EQ(E_INVALIDARG, IMFTopology_AddNode(t, a));
	ASSERT_EQ(S_OK, IMFTopology_AddNode(t, b));
	ASSERT_EQ(2U, refcount(a));
	/* Another node with b's id. */
	IMFTopologyNode_GetTopoNodeID(b, &ib);
	IMFTopologyNode_SetTopoNodeID(c, ib);
	ASSERT_EQ(E_INVALIDARG, IMFTopology_AddNode(t, c));
	ASSERT_EQ(S_OK, IMFTopology_GetNodeCount(t, &n));
	ASSERT_EQ(2, n);

	ASSERT_EQ(S_OK, IMFTopology_GetNode(t, 1, &got));
	ASSERT_EQ(b, got);
	IMFTopologyNode_Release(got);
	ASSERT_EQ(MF_E_INVALIDINDEX, IMFTopology_GetNode(t, 2, &got));
	ASSERT_EQ(NULL, got);
	ASSERT_EQ(E_POINTER, IMFTopology_GetNode(t, 0, NULL));
	ASSERT_EQ(S_OK, IMFTopology_GetNodeByID(t, ib, &got));
	ASSERT_EQ(b, got);
	IMFTopologyNode_Release(got);
	ASSERT_EQ(MF_E_NOT_FOUND, IMFTopology_GetNodeByID(t, 12345, &got));
	ASSERT_EQ(NULL, got);

	ASSERT_EQ(E_INVALIDARG, IMFTopology_RemoveNode(t, c));
	ASSERT_EQ(E_POINTER, IMFTopology_RemoveNode(t, NULL));
	ASSERT_EQ(S_OK, IMFTopology_RemoveNode(t, a));
	ASSERT_EQ(1U, refcount(a));
	ASSERT_EQ(S_OK, IMFTopology_GetNode(t, 0, &got));
	ASSERT_EQ(b, got);
	IMFTopologyNode_Release(got);
	ASSERT_EQ(S_OK, IMFTopology_Clear(t));
	ASSERT_EQ(S_OK, IMFTopology_GetNodeCount(t, &n));
	ASSERT_EQ(0, n);
	ASSERT_EQ(1U, refcount(b));
	IMFTopology_Release(t);
	IMFTopologyNode_Release(a);
	IMFTopologyNode_Release(b);
	IMFTopologyNode_Release(c);
}

/* The reference counts Wine's tests record on Windows. */
TEST(clear_and_remove_node_break_the_connections)
{
	IMFTopologyNode *a = new_node(MF_TOPOLOGY_SOURCESTREAM_NODE);
	IMFTopologyNode *b = new_node(MF_TOPOLOGY_OUTPUT_NODE);
	IMFTopologyNode *peer;
	IMFTopology *t, *t2;
	DWORD idx;

	ASSERT_EQ(S_OK, MFCreateTopology(&t));
	IMFTopology_AddNode(t, a);
	IMFTopology_AddNode(t, b);
	ASSERT_EQ(S_OK, IMFTopologyNode_ConnectOutput(a, 0, b, 1));
	ASSERT_EQ(3U, refcount(a));
	ASSERT_EQ(3U, refcount(b));
	ASSERT_EQ(S_OK, IMFTopology_Clear(t));
	ASSERT_EQ(1U, refcount(a));
	ASSERT_EQ(1U, refcount(b));

	IMFTopology_AddNode(t, a);
	IMFTopology_AddNode(t, b);
	ASSERT_EQ(S_OK, IMFTopologyNode_ConnectOutput(a, 0, b, 1));
	ASSERT_EQ(S_OK, IMFTopology_RemoveNode(t, a));
	ASSERT_EQ(1U, refcount(a));
	ASSERT_EQ(2U, refcount(b));
	ASSERT_EQ(MF_E_NOT_FOUND, IMFTopologyNode_GetOutput(a, 0, &peer, &idx));
	IMFTopology_AddNode(t, a);
	ASSERT_EQ(S_OK, IMFTopologyNode_ConnectOutput(a, 0, b, 1));
	ASSERT_EQ(S_OK, IMFTopology_RemoveNode(t, b));
	ASSERT_EQ(2U, refcount(a));
	ASSERT_EQ(1U, refcount(b));

	/* A node may be in two topologies. */
	ASSERT_EQ(S_OK, MFCreateTopology(&t2));
	ASSERT_EQ(S_OK, IMFTopology_AddNode(t2, a));
	ASSERT_EQ(3U, refcount(a));
	ASSERT_EQ(0U, IMFTopology_Release(t2));
	ASSERT_EQ(0U, IMFTopology_Release(t));
	ASSERT_EQ(0U, IMFTopologyNode_Release(a));
	ASSERT_EQ(0U, IMFTopologyNode_Release(b));
}

TEST(source_and_output_collections_list_their_nodes)
{
	IMFTopologyNode *s1 = new_node(MF_TOPOLOGY_SOURCESTREAM_NODE);
	IMFTopologyNode *x = new_node(MF_TOPOLOGY_TRANSFORM_NODE);
	IMFTopologyNode *o = new_node(MF_TOPOLOGY_OUTPUT_NODE);
	IMFTopologyNode *s2 = new_node(MF_TOPOLOGY_SOURCESTREAM_NODE);
	IMFCollection *c;
	IMFTopology *t;
	IUnknown *e;
	DWORD n;

	ASSERT_EQ(S_OK, MFCreateTopology(&t));
	IMFTopology_AddNode(t, s1);
	IMFTopology_AddNode(t, x);
	IMFTopology_AddNode(t, o);
	IMFTopology_AddNode(t, s2);
	ASSERT_EQ(E_POINTER, IMFTopology_GetSourceNodeCollection(t, NULL));
	ASSERT_EQ(S_OK, IMFTopology_GetSourceNodeCollection(t, &c));
	ASSERT_EQ(S_OK, IMFCollection_GetElementCount(c, &n));
	ASSERT_EQ(2U, n);
	ASSERT_EQ(S_OK, IMFCollection_GetElement(c, 1, &e));
	ASSERT_EQ((void *)s2, (void *)e);
	IUnknown_Release(e);
	IMFCollection_Release(c);
	ASSERT_EQ(S_OK, IMFTopology_GetOutputNodeCollection(t, &c));
	ASSERT_EQ(S_OK, IMFCollection_GetElementCount(c, &n));
	ASSERT_EQ(1U, n);
	ASSERT_EQ(S_OK, IMFCollection_GetElement(c, 0, &e));
	ASSERT_EQ((void *)o, (void *)e);
	IUnknown_Release(e);
	IMFCollection_Release(c);
	IMFTopology_Release(t);
	IMFTopologyNode_Release(s1);
	IMFTopologyNode_Release(x);
	IMFTopologyNode_Release(o);
	IMFTopologyNode_Release(s2);
}

TEST(topology_clone_copies_nodes_ids_connections_and_attributes)
{
	IMFTopologyNode *s = new_node(MF_TOPOLOGY_SOURCESTREAM_NODE);
	IMFTopologyNode *o = new_node(MF_TOPOLOGY_OUTPUT_NODE);
	IMFTopologyNode *cs, *co, *peer;
	IMFTopology *t, *c;
	TOPOID is, io, it, ic;
	struct counted obj;
	DWORD idx;
	UINT32 v;
	WORD n;

	counted_init(&obj);
	ASSERT_EQ(S_OK, MFCreateTopology(&t));
	ASSERT_EQ(S_OK, MFCreateTopology(&c));
	IMFTopologyNode_SetObject(s, &obj.IUnknown_iface);
	IMFTopologyNode_ConnectOutput(s, 0, o, 1);
	IMFTopology_AddNode(t, s);
	IMFTopology_AddNode(t, o);
	IMFTopology_SetUINT32(t, &KEY_C, 9);
	IMFTopologyNode_GetTopoNodeID(s, &is);
	IMFTopologyNode_GetTopoNodeID(o, &io);
	IMFTopology_GetTopologyID(t, &it);

	ASSERT_EQ(E_POINTER, IMFTopology_CloneFrom(c, NULL));
	ASSERT_EQ(S_OK, IMFTopology_CloneFrom(c, t));
	IMFTopology_GetTopologyID(c, &ic);
	ASSERT_EQ(it, ic);
	ASSERT_EQ(S_OK, IMFTopology_GetUINT32(c, &KEY_C, &v));
	ASSERT_EQ(9U, v);
	ASSERT_EQ(S_OK, IMFTopology_GetNodeCount(c, &n));
	ASSERT_EQ(2, n);
	ASSERT_EQ(S_OK, IMFTopology_GetNodeByID(c, is, &cs));
	ASSERT_EQ(S_OK, IMFTopology_GetNodeByID(c, io, &co));
	ASSERT_NE(s, cs);
	ASSERT_EQ(3, obj.refcount);
	ASSERT_EQ(S_OK, IMFTopologyNode_GetOutput(cs, 0, &peer, &idx));
	ASSERT_EQ(co, peer);
	ASSERT_EQ(1U, idx);
	IMFTopologyNode_Release(peer);
	IMFTopologyNode_Release(cs);
	IMFTopologyNode_Release(co);

	/* Everything goes once the caller lets go. */
	IMFTopologyNode_Release(s);
	IMFTopologyNode_Release(o);
	ASSERT_EQ(0U, IMFTopology_Release(t));
	ASSERT_EQ(2, obj.refcount);
	ASSERT_EQ(0U, IMFTopology_Release(c));
	ASSERT_EQ(1, obj.refcount);
}

/* ---- attributes by value ---- */

/* A store with one item of every type a blob carries, and an IUnknown. */
static IMFAttributes *full_store(IUnknown *unk)
{
	static const GUID g = {
		0xdeadbeef, 0xcafe, 0xf00d, { 9, 8, 7, 6, 5, 4, 3, 2 }
	};
	static const UINT8 bytes[] = { 1, 2, 3, 4, 5 };
	IMFAttributes *a;

	if (FAILED(MFCreateAttributes(&a, 8)))
		abort();
	IMFAttributes_SetUINT32(a, &KEY_A, 0x12345678);
	IMFAttributes_SetUnknown(a, &MF_TOPONODE_SOURCE, unk);
	IMFAttributes_SetUINT64(a, &KEY_B, 0x1122334455667788ULL);
	IMFAttributes_SetDouble(a, &KEY_C, 2.5);
	IMFAttributes_SetGUID(a, &MF_TOPONODE_STREAMID, &g);
	IMFAttributes_SetString(a, &MF_TOPONODE_DECODER, u"wide string");
	IMFAttributes_SetBlob(a, &MF_TOPONODE_DRAIN, bytes, sizeof(bytes));
	IMFAttributes_SetBlob(a, &MF_TOPONODE_FLUSH, NULL, 0);
	return a;
}

static UINT8 *blob_of(IMFAttributes *a, UINT32 *size)
{
	UINT8 *buf;

	if (FAILED(MFGetAttributesAsBlobSize(a, size)))
		abort();
	buf = malloc(*size);
	if (!buf || FAILED(MFGetAttributesAsBlob(a, buf, *size)))
		abort();
	return buf;
}

TEST(blob_round_trips_every_type_but_iunknown)
{
	struct counted obj;
	IMFAttributes *a, *b;
	UINT32 size, count;
	BOOL same;
	UINT8 *buf;

	counted_init(&obj);
	a = full_store(&obj.IUnknown_iface);
	ASSERT_EQ(E_POINTER, MFGetAttributesAsBlobSize(a, NULL));
	ASSERT_EQ(E_POINTER, MFGetAttributesAsBlobSize(NULL, &size));
	buf = blob_of(a, &size);
	ASSERT_EQ(MF_E_BUFFERTOOSMALL, MFGetAttributesAsBlob(a, buf, size - 1));
	ASSERT_EQ(E_POINTER, MFGetAttributesAsBlob(a, NULL, size));

	ASSERT_EQ(S_OK, MFCreateAttributes(&b, 0));
	IMFAttributes_SetUINT32(b, &MF_TOPONODE_LOCKED, 1);
	ASSERT_EQ(E_POINTER, MFInitAttributesFromBlob(NULL, buf, size));
	ASSERT_EQ(S_OK, MFInitAttributesFromBlob(b, buf, size));
	/* The previous items are gone; the IUnknown was not carried. */
	ASSERT_EQ(S_OK, IMFAttributes_GetCount(b, &count));
	ASSERT_EQ(7U, count);
	ASSERT_EQ(MF_E_ATTRIBUTENOTFOUND,
		  IMFAttributes_GetItem(b, &MF_TOPONODE_SOURCE, NULL));
	ASSERT_EQ(2, obj.refcount);
	IMFAttributes_DeleteItem(a, &MF_TOPONODE_SOURCE);
	ASSERT_EQ(S_OK, IMFAttributes_Compare(
				a, b, MF_ATTRIBUTES_MATCH_ALL_ITEMS, &same));
	ASSERT_TRUE(same);
	free(buf);
	IMFAttributes_Release(a);
	IMFAttributes_Release(b);
	ASSERT_EQ(1, obj.refcount);
}

TEST(empty_store_blob_is_the_header_alone)
{
	IMFAttributes *a;
	UINT32 size, count;
	UINT8 *buf;

	ASSERT_EQ(S_OK, MFCreateAttributes(&a, 0));
	buf = blob_of(a, &size);
	ASSERT_EQ(12U, size);
	IMFAttributes_SetUINT32(a, &KEY_A, 1);
	ASSERT_EQ(S_OK, MFInitAttributesFromBlob(a, buf, size));
	ASSERT_EQ(S_OK, IMFAttributes_GetCount(a, &count));
	ASSERT_EQ(0U, count);
	free(buf);
	IMFAttributes_Release(a);
}

FIXTURE(blob)
{
	IMFAttributes *src, *dst;
	UINT8 *buf;
	UINT32 size;
};

FIXTURE_SETUP(blob)
{
	self->src = full_store(NULL);
	self->buf = blob_of(self->src, &self->size);
	ASSERT_EQ(S_OK, MFCreateAttributes(&self->dst, 0));
	IMFAttributes_SetUINT32(self->dst, &MF_TOPONODE_LOCKED, 77);
}

FIXTURE_TEARDOWN(blob)
{
	free(self->buf);
	IMFAttributes_Release(self->src);
	IMFAttributes_Release(self->dst);
}

/* The store still has its one item, untouched. */
static int dst_untouched(IMFAttributes *dst)
{
	UINT32 count = 0, v = 0;

	IMFAttributes_GetCount(dst, &count);
	IMFAttributes_GetUINT32(dst, &MF_TOPONODE_LOCKED, &v);
	return count == 1 && v == 77;
}

/* Offsets in the blob full_store() writes (pmp's format, mf.rst). */
#define HDR 12
#define ITEM 24
#define FIRST_VALUE (HDR + ITEM)

TEST_F(blob, truncated_blobs_fail_and_leave_the_store)
{
	UINT32 len;

	for (len = 0; len < self->size; len++) {
		ASSERT_EQ(E_INVALIDARG,
			  MFInitAttributesFromBlob(self->dst, self->buf, len))
		TH_LOG("length %u", len);
	}
	ASSERT_TRUE(dst_untouched(self->dst));
	ASSERT_EQ(E_INVALIDARG, MFInitAttributesFromBlob(self->dst, NULL, 0));
}

TEST_F(blob, trailing_bytes_fail)
{
	UINT8 *big = calloc(1, self->size + 1);

	memcpy(big, self->buf, self->size);
	ASSERT_EQ(E_INVALIDARG,
		  MFInitAttributesFromBlob(self->dst, big, self->size + 1));
	ASSERT_TRUE(dst_untouched(self->dst));
	free(big);
}

TEST_F(blob, wrong_magic_version_and_absurd_count_fail)
{
	UINT32 v;

	memcpy(&v, self->buf, 4);
	v ^= 1;
	memcpy(self->buf, &v, 4);
	ASSERT_EQ(E_INVALIDARG,
		  MFInitAttributesFromBlob(self->dst, self->buf, self->size));
	v ^= 1;
	memcpy(self->buf, &v, 4);

	v = 2;
	memcpy(self->buf + 4, &v, 4);
	ASSERT_EQ(E_INVALIDARG,
		  MFInitAttributesFromBlob(self->dst, self->buf, self->size));
	v = 1;
	memcpy(self->buf + 4, &v, 4);

	v = 0xffffffff;
	memcpy(self->buf + 8, &v, 4);
	ASSERT_EQ(E_INVALIDARG,
		  MFInitAttributesFromBlob(self->dst, self->buf, self->size));
	v = 1;
	memcpy(self->buf + 8, &v, 4);
	/* One item read, the rest is trailing. */
	ASSERT_EQ(E_INVALIDARG,
		  MFInitAttributesFromBlob(self->dst, self->buf, self->size));
	ASSERT_TRUE(dst_untouched(self->dst));
}

TEST_F(blob, wrong_value_sizes_types_and_keys_fail)
{
	UINT8 *b = self->buf;
	UINT32 v, size = self->size;

	/* The first item is KEY_A, a UINT32: claim 5 bytes. */
	memcpy(&v, b + HDR + 20, 4);
	ASSERT_EQ(4U, v);
	v = 5;
	memcpy(b + HDR + 20, &v, 4);
	ASSERT_EQ(E_INVALIDARG, MFInitAttributesFromBlob(self->dst, b, size));
	v = 0x7fffffff;
	memcpy(b + HDR + 20, &v, 4);
	ASSERT_EQ(E_INVALIDARG, MFInitAttributesFromBlob(self->dst, b, size));
	v = 4;
	memcpy(b + HDR + 20, &v, 4);

	/* An unknown type, then IUnknown, which a blob never carries. */
	v = VT_I4;
	memcpy(b + HDR + 16, &v, 4);
	ASSERT_EQ(E_INVALIDARG, MFInitAttributesFromBlob(self->dst, b, size));
	v = VT_UNKNOWN;
	memcpy(b + HDR + 16, &v, 4);
	ASSERT_EQ(E_INVALIDARG, MFInitAttributesFromBlob(self->dst, b, size));
	v = MF_ATTRIBUTE_UINT32;
	memcpy(b + HDR + 16, &v, 4);

	/* The second item (KEY_B) renamed KEY_A: a key twice. */
	memcpy(b + FIRST_VALUE + 4, &KEY_A, sizeof(GUID));
	ASSERT_EQ(E_INVALIDARG, MFInitAttributesFromBlob(self->dst, b, size));
	memcpy(b + FIRST_VALUE + 4, &KEY_B, sizeof(GUID));
	ASSERT_EQ(S_OK, MFInitAttributesFromBlob(self->dst, b, size));
}

TEST_F(blob, strings_need_whole_wchars_and_no_terminator)
{
	static const UINT8 odd[] = { 'a', 0, 'b' };
	static const WCHAR nul[] = { 'a', 0, 'b' };
	IMFAttributes *a;
	UINT32 size;
	UINT8 *buf;
	size_t at;

	/* Forge a string item by writing a blob item and retyping it. */
	ASSERT_EQ(S_OK, MFCreateAttributes(&a, 1));
	IMFAttributes_SetBlob(a, &KEY_A, odd, sizeof(odd));
	buf = blob_of(a, &size);
	at = HDR + 16;
	buf[at] = VT_LPWSTR;
	buf[at + 1] = 0;
	ASSERT_EQ(E_INVALIDARG, MFInitAttributesFromBlob(self->dst, buf, size));
	free(buf);
	IMFAttributes_SetBlob(a, &KEY_A, (const UINT8 *)nul, sizeof(nul));
	buf = blob_of(a, &size);
	buf[at] = VT_LPWSTR;
	buf[at + 1] = 0;
	ASSERT_EQ(E_INVALIDARG, MFInitAttributesFromBlob(self->dst, buf, size));
	ASSERT_TRUE(dst_untouched(self->dst));
	free(buf);
	IMFAttributes_Release(a);
}

/* Under ASan this is the check that no blob makes the reader misbehave. */
TEST_F(blob, mutated_blobs_never_crash)
{
	UINT8 *m = malloc(self->size);
	unsigned int seed = 1, i, k, ok = 0, bad = 0;
	HRESULT hr;

	for (i = 0; i < 20000; i++) {
		memcpy(m, self->buf, self->size);
		for (k = 0; k < 1 + i % 4; k++)
			m[rand_r(&seed) % self->size] = rand_r(&seed);
		hr = MFInitAttributesFromBlob(self->dst, m, self->size - i % 3);
		if (hr == S_OK)
			ok++;
		else if (hr == E_INVALIDARG)
			bad++;
		else
			ASSERT_EQ(E_INVALIDARG, hr) TH_LOG("mutation %u", i);
	}
	TH_LOG("%u accepted, %u refused", ok, bad);
	ASSERT_LT(0U, bad);
	free(m);
}

TEST_HARNESS_MAIN
