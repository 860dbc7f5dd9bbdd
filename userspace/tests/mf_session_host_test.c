// SPDX-License-Identifier: GPL-2.0
/*
 * mf_session_host_test.c - the host half of a Media Session without the
 * kernel module: topologies by value (pmp_topology_serialize,
 * pmp_topology_deserialize), sealed memfds (pmp_memfd_seal_new,
 * pmp_memfd_read), and IPmpMediaSessionHost created in process
 * (MFCreatePMPServer(MFPMPSESSION_IN_PROCESS), CLSID_PmpMediaSession)
 * playing libpmp-testmedia.so's source and sink
 *
 * Linked with libpmp.a: the blob and memfd functions are internal.  The
 * statuses expected are Windows' as Wine's mf tests record them, or pmp's
 * decisions (Documentation/userspace-api/mf.rst, "The Media Session in a
 * PMP process").  Times are asserted only as generous bounds: an event
 * comes within EVENT_WAIT_MS.  PMP_REGISTRY_DIR defaults to
 * ../components/registry next to this program.
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <pthread.h>
#include <stdint.h>

/* The GUIDs, of <pmpsamples.h> too: no libpmp-samples with libpmp.a. */
#include <initguid.h>
#include <mfapi.h>
#include <pmpmedia.h>

#include "com_helpers.h"
#include "memfd.h"
#include "mf/mf.h"

#define EVENT_WAIT_MS 2000
#define MS 10000LL /* 100 ns units */
#define ALL_SEALS (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL)

__attribute__((constructor)) static void registry_in_build_tree(void)
{
	default_registry_dir();
}

static const GUID KEY_U32 = {
	0x5e55104e, 0x0001, 0x4000, { 1, 2, 3, 4, 5, 6, 7, 8 }
};
static const GUID KEY_STR = {
	0x5e55104e, 0x0002, 0x4000, { 1, 2, 3, 4, 5, 6, 7, 8 }
};
static const GUID KEY_UNK = {
	0x5e55104e, 0x0003, 0x4000, { 1, 2, 3, 4, 5, 6, 7, 8 }
};

/* ---- topologies by value ---- */

static IMFTopologyNode *new_node(struct __test_metadata *_metadata,
				 IMFTopology *t, MF_TOPOLOGY_TYPE type,
				 TOPOID id)
{
	IMFTopologyNode *node = NULL;

	ASSERT_HR(S_OK, MFCreateTopologyNode(type, &node));
	ASSERT_HR(S_OK, IMFTopologyNode_SetTopoNodeID(node, id));
	ASSERT_HR(S_OK, IMFTopology_AddNode(t, node));
	return node;
}

/* Serializes @t, deserializes the bytes; the copy, and the bytes. */
static IMFTopology *round_trip(struct __test_metadata *_metadata,
			       IMFTopology *t, void **buf, UINT32 *size)
{
	IMFTopology *copy = NULL;

	ASSERT_HR(S_OK, pmp_topology_serialize(t, buf, size));
	ASSERT_HR(S_OK, pmp_topology_deserialize(*buf, *size, &copy));
	return copy;
}

TEST(topology_round_trip_keeps_ids_nodes_attributes_and_connections)
{
	IMFTopologyNode *src, *tee, *xf, *out, *node, *peer;
	IMFTopology *t = NULL, *copy;
	UINT32 size = 0, size2 = 0, v = 0;
	TOPOID id = 0, copy_id = 0;
	void *buf = NULL, *buf2 = NULL;
	MF_TOPOLOGY_TYPE type;
	DWORD input = 9;
	WCHAR str[8];
	WORD count = 0;

	ASSERT_HR(S_OK, MFCreateTopology(&t));
	ASSERT_HR(S_OK, IMFTopology_SetUINT32(t, &KEY_U32, 7));
	ASSERT_HR(S_OK, IMFTopology_SetUnknown(t, &KEY_UNK, (IUnknown *)t));
	src = new_node(_metadata, t, MF_TOPOLOGY_SOURCESTREAM_NODE, 0x501);
	tee = new_node(_metadata, t, MF_TOPOLOGY_TEE_NODE, 0x502);
	xf = new_node(_metadata, t, MF_TOPOLOGY_TRANSFORM_NODE, 0x503);
	out = new_node(_metadata, t, MF_TOPOLOGY_OUTPUT_NODE, 0);
	ASSERT_HR(S_OK, IMFTopologyNode_SetString(xf, &KEY_STR, u"abc"));
	ASSERT_HR(S_OK, IMFTopologyNode_ConnectOutput(src, 0, tee, 0));
	ASSERT_HR(S_OK, IMFTopologyNode_ConnectOutput(tee, 1, xf, 2));
	ASSERT_HR(S_OK, IMFTopologyNode_ConnectOutput(xf, 0, out, 0));
	ASSERT_HR(S_OK, IMFTopology_GetTopologyID(t, &id));

	copy = round_trip(_metadata, t, &buf, &size);
	ASSERT_NE(NULL, copy);
	ASSERT_HR(S_OK, IMFTopology_GetTopologyID(copy, &copy_id));
	ASSERT_EQ(id, copy_id);
	ASSERT_HR(S_OK, IMFTopology_GetUINT32(copy, &KEY_U32, &v));
	ASSERT_EQ(7u, v);
	/* IUnknown values never cross. */
	ASSERT_HR(MF_E_ATTRIBUTENOTFOUND,
		  IMFTopology_GetItem(copy, &KEY_UNK, NULL));
	ASSERT_HR(S_OK, IMFTopology_GetNodeCount(copy, &count));
	ASSERT_EQ(4, count);

	/* The order, types and ids of the nodes. */
	ASSERT_HR(S_OK, IMFTopology_GetNode(copy, 2, &node));
	ASSERT_HR(S_OK, IMFTopologyNode_GetNodeType(node, &type));
	ASSERT_EQ((int)MF_TOPOLOGY_TRANSFORM_NODE, (int)type);
	ASSERT_HR(S_OK, IMFTopologyNode_GetTopoNodeID(node, &copy_id));
	ASSERT_EQ(0x503u, copy_id);
	ASSERT_HR(S_OK, IMFTopologyNode_GetString(node, &KEY_STR, str, 8,
						  NULL));
	ASSERT_EQ(0, memcmp(u"abc", str, 4 * sizeof(WCHAR)));
	/* tee output 1 -> transform input 2, as sent. */
	ASSERT_HR(S_OK, IMFTopologyNode_GetInput(node, 2, &peer, &input));
	ASSERT_EQ(1u, input);
	ASSERT_HR(S_OK, IMFTopologyNode_GetTopoNodeID(peer, &copy_id));
	ASSERT_EQ(0x502u, copy_id);
	IMFTopologyNode_Release(peer);
	ASSERT_HR(MF_E_NOT_FOUND,
		  IMFTopologyNode_GetInput(node, 0, &peer, &input));
	IMFTopologyNode_Release(node);

	/* Serialized again, the copy gives the same bytes. */
	ASSERT_HR(S_OK, pmp_topology_serialize(copy, &buf2, &size2));
	ASSERT_EQ(size, size2);
	ASSERT_EQ(0, memcmp(buf, buf2, size));

	free(buf);
	free(buf2);
	IMFTopology_Release(copy);
	IMFTopology_DeleteAllItems(t);
	IMFTopologyNode_Release(src);
	IMFTopologyNode_Release(tee);
	IMFTopologyNode_Release(xf);
	IMFTopologyNode_Release(out);
	ASSERT_EQ(0u, IMFTopology_Release(t));
}

TEST(topology_connection_to_a_node_outside_travels_unconnected)
{
	IMFTopologyNode *src, *outside = NULL, *node, *peer = POISON;
	IMFTopology *t = NULL, *copy;
	DWORD input = 0;
	UINT32 size = 0;
	void *buf = NULL;

	ASSERT_HR(S_OK, MFCreateTopology(&t));
	src = new_node(_metadata, t, MF_TOPOLOGY_SOURCESTREAM_NODE, 1);
	ASSERT_HR(S_OK, MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE,
					     &outside));
	ASSERT_HR(S_OK, IMFTopologyNode_ConnectOutput(src, 0, outside, 0));
	copy = round_trip(_metadata, t, &buf, &size);
	ASSERT_HR(S_OK, IMFTopology_GetNode(copy, 0, &node));
	ASSERT_HR(E_INVALIDARG,
		  IMFTopologyNode_GetOutput(node, 0, &peer, &input));
	IMFTopologyNode_Release(node);
	IMFTopology_Release(copy);
	free(buf);
	IMFTopologyNode_DisconnectOutput(src, 0);
	IMFTopologyNode_Release(outside);
	IMFTopologyNode_Release(src);
	IMFTopology_Release(t);
}

TEST(topology_serialize_refuses_more_nodes_than_the_limit)
{
	IMFTopology *t = NULL;
	IMFTopologyNode *node;
	void *buf = POISON;
	UINT32 size = 1, i;

	ASSERT_HR(S_OK, MFCreateTopology(&t));
	for (i = 0; i <= PMP_TOPOLOGY_NODES_MAX; i++) {
		node = new_node(_metadata, t, MF_TOPOLOGY_TEE_NODE, i + 1);
		IMFTopologyNode_Release(node);
	}
	ASSERT_HR(E_INVALIDARG, pmp_topology_serialize(t, &buf, &size));
	ASSERT_EQ(NULL, buf);
	ASSERT_EQ(0u, size);
	IMFTopology_Release(t);
}

TEST(topology_functions_check_their_pointers)
{
	IMFTopology *t = POISON;
	void *buf = POISON;
	UINT32 size = 1;

	ASSERT_HR(E_POINTER, pmp_topology_serialize(NULL, &buf, &size));
	ASSERT_EQ(NULL, buf);
	ASSERT_HR(E_POINTER, pmp_topology_deserialize(NULL, 4, &t));
	ASSERT_EQ(NULL, t);
	ASSERT_HR(E_POINTER, pmp_topology_deserialize("", 0, NULL));
}

/* ---- malformed topologies, written byte by byte ---- */

struct blob {
	UINT8 b[512];
	size_t n;
};

static void put_le(struct blob *w, UINT64 v, int bytes)
{
	while (bytes--) {
		w->b[w->n++] = (UINT8)v;
		v >>= 8;
	}
}

/* An attribute blob with no items, as blob.c writes it. */
static void put_no_attrs(struct blob *w)
{
	put_le(w, 12, 4);
	put_le(w, 0x41504d50, 4);
	put_le(w, 1, 4);
	put_le(w, 0, 4);
}

static void put_header(struct blob *w, UINT32 magic, UINT32 version,
		       UINT32 nodes)
{
	put_le(w, magic, 4);
	put_le(w, version, 4);
	put_le(w, 0x77, 8);
	put_no_attrs(w);
	put_le(w, nodes, 4);
}

static void put_node(struct blob *w, UINT32 type, TOPOID id,
		     UINT32 connections)
{
	put_le(w, type, 4);
	put_le(w, id, 8);
	put_no_attrs(w);
	put_le(w, connections, 4);
}

static void put_connection(struct blob *w, UINT32 output, TOPOID peer,
			   UINT32 input)
{
	put_le(w, output, 4);
	put_le(w, peer, 8);
	put_le(w, input, 4);
}

#define MAGIC 0x54504d50

/* source 1 -> output 2, well formed: each case below breaks one thing. */
static void put_pair(struct blob *w)
{
	put_header(w, MAGIC, 1, 2);
	put_node(w, MF_TOPOLOGY_SOURCESTREAM_NODE, 1, 1);
	put_connection(w, 0, 2, 0);
	put_node(w, MF_TOPOLOGY_OUTPUT_NODE, 2, 0);
}

static void assert_refused(struct __test_metadata *_metadata,
			   const struct blob *w)
{
	IMFTopology *t = POISON;

	ASSERT_HR(E_INVALIDARG, pmp_topology_deserialize(w->b, w->n, &t));
	ASSERT_EQ(NULL, t);
}

TEST(topology_written_by_hand_is_read_with_its_id)
{
	struct blob w = { .n = 0 };
	IMFTopology *t = NULL;
	TOPOID id = 0;

	put_pair(&w);
	ASSERT_HR(S_OK, pmp_topology_deserialize(w.b, w.n, &t));
	ASSERT_HR(S_OK, IMFTopology_GetTopologyID(t, &id));
	ASSERT_EQ(0x77u, id);
	IMFTopology_Release(t);
}

TEST(topology_truncated_anywhere_is_invalidarg)
{
	struct blob w = { .n = 0 };
	size_t full;

	put_pair(&w);
	for (full = w.n, w.n = 0; w.n < full; w.n++)
		assert_refused(_metadata, &w);
}

/* A blob described: its header, its nodes and their connections. */
struct conn_spec {
	UINT32 output;
	TOPOID peer;
	UINT32 input;
};

struct node_spec {
	UINT32 type;
	TOPOID id;
	UINT32 count;	/* connections announced; at most 2 written */
	struct conn_spec conn[2];
};

FIXTURE(malformed) {
	struct blob w;
};

FIXTURE_VARIANT(malformed) {
	UINT32 magic, version, count;
	UINT32 nr_nodes;
	struct node_spec nodes[3];
	bool trailing;
};

#define SRC MF_TOPOLOGY_SOURCESTREAM_NODE
#define OUT MF_TOPOLOGY_OUTPUT_NODE
#define TEE MF_TOPOLOGY_TEE_NODE
#define PAIR_NODES                                                             \
	.nr_nodes = 2, .nodes = { { SRC, 1, 1, { { 0, 2, 0 } } }, { OUT, 2 } }

FIXTURE_VARIANT_ADD(malformed, trailing_bytes) {
	.magic = MAGIC, .version = 1, .count = 2, PAIR_NODES,
	.trailing = true,
};

FIXTURE_VARIANT_ADD(malformed, another_magic) {
	.magic = MAGIC + 1, .version = 1, .count = 2, PAIR_NODES,
};

FIXTURE_VARIANT_ADD(malformed, another_version) {
	.magic = MAGIC, .version = 2, .count = 2, PAIR_NODES,
};

FIXTURE_VARIANT_ADD(malformed, more_nodes_than_bytes) {
	.magic = MAGIC, .version = 1, .count = 0xffffffff, PAIR_NODES,
};

FIXTURE_VARIANT_ADD(malformed, more_connections_than_bytes) {
	.magic = MAGIC, .version = 1, .count = 1, .nr_nodes = 1,
	.nodes = { { SRC, 1, 0x10000000 } },
};

FIXTURE_VARIANT_ADD(malformed, unknown_node_type) {
	.magic = MAGIC, .version = 1, .count = 1, .nr_nodes = 1,
	.nodes = { { TEE + 1, 1 } },
};

FIXTURE_VARIANT_ADD(malformed, duplicate_node_id) {
	.magic = MAGIC, .version = 1, .count = 2, .nr_nodes = 2,
	.nodes = { { TEE, 5 }, { OUT, 5 } },
};

FIXTURE_VARIANT_ADD(malformed, dangling_peer) {
	.magic = MAGIC, .version = 1, .count = 2, .nr_nodes = 2,
	.nodes = { { SRC, 1, 1, { { 0, 3, 0 } } }, { OUT, 2 } },
};

FIXTURE_VARIANT_ADD(malformed, input_fed_twice) {
	.magic = MAGIC, .version = 1, .count = 3, .nr_nodes = 3,
	.nodes = { { SRC, 1, 1, { { 0, 3, 0 } } },
		   { SRC, 2, 1, { { 0, 3, 0 } } },
		   { OUT, 3 } },
};

FIXTURE_VARIANT_ADD(malformed, outputs_out_of_order) {
	.magic = MAGIC, .version = 1, .count = 2, .nr_nodes = 2,
	.nodes = { { TEE, 1, 2, { { 1, 2, 0 }, { 1, 2, 1 } } }, { OUT, 2 } },
};

/* Connections ConnectOutput refuses. */
FIXTURE_VARIANT_ADD(malformed, output_node_feeding_another) {
	.magic = MAGIC, .version = 1, .count = 2, .nr_nodes = 2,
	.nodes = { { OUT, 1, 1, { { 0, 2, 0 } } }, { TEE, 2 } },
};

FIXTURE_VARIANT_ADD(malformed, node_feeding_itself) {
	.magic = MAGIC, .version = 1, .count = 1, .nr_nodes = 1,
	.nodes = { { TEE, 1, 1, { { 0, 1, 0 } } } },
};

FIXTURE_SETUP(malformed)
{
	const struct node_spec *n;
	UINT32 i, c;

	self->w.n = 0;
	put_header(&self->w, variant->magic, variant->version,
		   variant->count);
	for (i = 0; i < variant->nr_nodes; i++) {
		n = &variant->nodes[i];
		put_node(&self->w, n->type, n->id, n->count);
		for (c = 0; c < n->count && c < 2; c++)
			put_connection(&self->w, n->conn[c].output,
				       n->conn[c].peer, n->conn[c].input);
	}
	if (variant->trailing)
		put_le(&self->w, 0, 1);
}

FIXTURE_TEARDOWN(malformed)
{
}

TEST_F(malformed, topology_is_invalidarg)
{
	assert_refused(_metadata, &self->w);
}

TEST(topology_with_a_bad_attribute_blob_is_invalidarg)
{
	struct blob w = { .n = 0 };

	put_pair(&w);
	w.b[24] ^= 1; /* the magic of the topology's attribute blob */
	assert_refused(_metadata, &w);
}

/* ---- sealed memfds ---- */

TEST(memfd_seal_new_seals_every_way)
{
	char back[5] = "";
	int fd = -2;

	ASSERT_EQ(0, pmp_memfd_seal_new("hello", 5, &fd));
	ASSERT_LE(0, fd);
	ASSERT_EQ(ALL_SEALS, fcntl(fd, F_GET_SEALS));
	ASSERT_EQ(5, read_memfd(fd, back, sizeof(back)));
	ASSERT_EQ(0, memcmp("hello", back, 5));
	ASSERT_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD));
	close(fd);
	ASSERT_EQ(-EINVAL, pmp_memfd_seal_new("x", 0, &fd));
	ASSERT_EQ(-1, fd);
}

TEST(memfd_read_takes_a_memfd_sealed_against_change)
{
	int fd = sealed_memfd("abcdef", 6,
			      F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE);
	void *buf = NULL;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pmp_memfd_read(fd, 4, 4, &buf));
	ASSERT_EQ(0, memcmp("abcd", buf, 4));
	free(buf);
	close(fd);
}

FIXTURE(refused_memfd) {
	int fd;
};

FIXTURE_VARIANT(refused_memfd) {
	int seals;	/* -1: a pipe, not a memfd */
	size_t size;
	size_t max;
};

FIXTURE_VARIANT_ADD(refused_memfd, unsealed) {
	.seals = 0, .size = 6, .max = 64,
};

FIXTURE_VARIANT_ADD(refused_memfd, write_sealed_only) {
	.seals = F_SEAL_WRITE, .size = 6, .max = 64,
};

FIXTURE_VARIANT_ADD(refused_memfd, writable) {
	.seals = F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL, .size = 6,
	.max = 64,
};

FIXTURE_VARIANT_ADD(refused_memfd, growable) {
	.seals = F_SEAL_SHRINK | F_SEAL_WRITE, .size = 6, .max = 64,
};

FIXTURE_VARIANT_ADD(refused_memfd, shorter_than_size) {
	.seals = ALL_SEALS, .size = 7, .max = 64,
};

FIXTURE_VARIANT_ADD(refused_memfd, larger_than_max) {
	.seals = ALL_SEALS, .size = 6, .max = 5,
};

FIXTURE_VARIANT_ADD(refused_memfd, size_zero) {
	.seals = ALL_SEALS, .size = 0, .max = 64,
};

FIXTURE_VARIANT_ADD(refused_memfd, not_a_memfd) {
	.seals = -1, .size = 6, .max = 64,
};

FIXTURE_SETUP(refused_memfd)
{
	int p[2];

	if (variant->seals < 0) {
		ASSERT_EQ(0, pipe2(p, O_CLOEXEC));
		ASSERT_EQ(6, write(p[1], "abcdef", 6));
		close(p[1]);
		self->fd = p[0];
	} else {
		self->fd = sealed_memfd("abcdef", 6, variant->seals);
	}
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(refused_memfd)
{
	close(self->fd);
}

TEST_F(refused_memfd, is_einval)
{
	void *buf = POISON;

	ASSERT_EQ(-EINVAL, pmp_memfd_read(self->fd, variant->size,
					  variant->max, &buf));
	ASSERT_EQ(NULL, buf);
}

/* ---- the session's host half, in process ---- */

/* A source of @samples samples of @duration -> the test sink. */
struct play {
	UINT32 samples;
	UINT64 duration;
	bool fail;
	UINT32 fail_at;
	HRESULT fail_status;
};

static IMFTopologyNode *media_node(struct __test_metadata *_metadata,
				   IMFTopology *t, MF_TOPOLOGY_TYPE type,
				   const GUID *clsid)
{
	IMFTopologyNode *node = NULL;

	ASSERT_HR(S_OK, MFCreateTopologyNode(type, &node));
	if (clsid)
		ASSERT_HR(S_OK, IMFTopologyNode_SetGUID(
					node, &PMP_TOPONODE_OBJECT_CLSID,
					clsid));
	ASSERT_HR(S_OK, IMFTopology_AddNode(t, node));
	return node;
}

static IMFTopology *play_topology(struct __test_metadata *_metadata,
				  const struct play *play)
{
	IMFTopologyNode *src, *sink;
	IMFTopology *t = NULL;

	ASSERT_HR(S_OK, MFCreateTopology(&t));
	src = media_node(_metadata, t, MF_TOPOLOGY_SOURCESTREAM_NODE,
			 &CLSID_PmpTestSource);
	sink = media_node(_metadata, t, MF_TOPOLOGY_OUTPUT_NODE,
			  &CLSID_PmpTestSink);
	ASSERT_HR(S_OK, IMFTopologyNode_SetUINT32(
				src, &PMP_TEST_SOURCE_SAMPLES, play->samples));
	ASSERT_HR(S_OK, IMFTopologyNode_SetUINT64(
				src, &PMP_TEST_SOURCE_DURATION,
				play->duration));
	if (play->fail) {
		ASSERT_HR(S_OK, IMFTopologyNode_SetUINT32(
					sink, &PMP_TEST_SINK_FAIL_AT,
					play->fail_at));
		ASSERT_HR(S_OK, IMFTopologyNode_SetUINT32(
					sink, &PMP_TEST_SINK_FAIL_STATUS,
					play->fail_status));
	}
	ASSERT_HR(S_OK, IMFTopologyNode_ConnectOutput(src, 0, sink, 0));
	IMFTopologyNode_Release(src);
	IMFTopologyNode_Release(sink);
	return t;
}

static const struct play ten_of_10ms = { .samples = 10, .duration = 10 * MS };
static const struct play long_play = { .samples = 1000, .duration = 10 * MS };

/* SetTopology of @t through a sealed memfd; the call's HRESULT. */
static HRESULT send_topology(struct __test_metadata *_metadata,
			     IPmpMediaSessionHost *host, IMFTopology *t)
{
	UINT32 size = 0;
	void *buf = NULL;
	TOPOID id = 0;
	HRESULT hr;
	int fd = -1;

	EXPECT_HR(S_OK, IMFTopology_GetTopologyID(t, &id));
	EXPECT_HR(S_OK, pmp_topology_serialize(t, &buf, &size));
	EXPECT_EQ(0, pmp_memfd_seal_new(buf, size, &fd));
	free(buf);
	hr = IPmpMediaSessionHost_SetTopology(host, 0, id, fd, size);
	close(fd);
	return hr;
}

struct event {
	DWORD type;
	HRESULT status;
	DWORD vt;
	ULONGLONG value;
	DWORD topology_status;
	GUID guid;
};

/* Start, the segment and its position not wanted. */
static HRESULT host_start(IPmpMediaSessionHost *host, DWORD vt,
			  LONGLONG position)
{
	LONGLONG from;
	DWORD segment;

	return IPmpMediaSessionHost_Start(host, vt, position, &segment,
					  &from);
}

/* The next event, which must be @type with @status. */
static struct event expect_event(struct __test_metadata *_metadata,
				 IPmpMediaSessionHost *host, DWORD type,
				 HRESULT status)
{
	struct event e = { 0 };

	EXPECT_HR(S_OK, IPmpMediaSessionHost_GetEvent(
				host, EVENT_WAIT_MS, &e.type, &e.status, &e.vt,
				&e.value, &e.topology_status, &e.guid));
	EXPECT_EQ(type, e.type);
	EXPECT_EQ(status, e.status)
		TH_LOG("event %lu: status 0x%08x, expected 0x%08x",
		       (unsigned long)e.type, (unsigned int)e.status,
		       (unsigned int)status);
	return e;
}

static void expect_no_event(struct __test_metadata *_metadata,
			    IPmpMediaSessionHost *host)
{
	struct event e;

	EXPECT_HR(MF_E_NO_EVENTS_AVAILABLE,
		  IPmpMediaSessionHost_GetEvent(host, 0, &e.type, &e.status,
						&e.vt, &e.value,
						&e.topology_status, &e.guid));
}

/* SetTopology(@play) and its two events; the topology's id. */
static TOPOID set_play(struct __test_metadata *_metadata,
		       IPmpMediaSessionHost *host, const struct play *play)
{
	IMFTopology *t = play_topology(_metadata, play);
	struct event e;
	TOPOID id = 0;

	IMFTopology_GetTopologyID(t, &id);
	EXPECT_HR(S_OK, send_topology(_metadata, host, t));
	e = expect_event(_metadata, host, MESessionTopologySet, S_OK);
	EXPECT_EQ((DWORD)VT_UNKNOWN, e.vt);
	EXPECT_EQ(id, e.value);
	e = expect_event(_metadata, host, MESessionTopologyStatus, S_OK);
	EXPECT_EQ((DWORD)VT_UNKNOWN, e.vt);
	EXPECT_EQ(id, e.value);
	EXPECT_EQ((DWORD)MF_TOPOSTATUS_READY, e.topology_status);
	IMFTopology_Release(t);
	return id;
}

/* The samples counted on the source (*@source) and sink (*@sink). */
static void full_counts(struct __test_metadata *_metadata,
			IPmpMediaSessionHost *host, UINT64 *source,
			UINT64 *sink)
{
	IMFTopologyNode *node;
	IMFTopology *t = NULL;
	MF_TOPOLOGY_TYPE type;
	void *buf = NULL;
	DWORD size = 0;
	WORD i;
	int fd = -1;

	*source = *sink = ~0ull;
	ASSERT_HR(S_OK, IPmpMediaSessionHost_GetFullTopology(
				host, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0,
				&fd, &size));
	ASSERT_EQ(0, pmp_memfd_read(fd, size, size, &buf));
	close(fd);
	ASSERT_HR(S_OK, pmp_topology_deserialize(buf, size, &t));
	free(buf);
	for (i = 0; SUCCEEDED(IMFTopology_GetNode(t, i, &node)); i++) {
		IMFTopologyNode_GetNodeType(node, &type);
		ASSERT_HR(S_OK, IMFTopologyNode_GetUINT64(
					node, &PMP_TOPONODE_SAMPLE_COUNT,
					type == MF_TOPOLOGY_OUTPUT_NODE ?
						sink :
						source));
		IMFTopologyNode_Release(node);
	}
	IMFTopology_Release(t);
}

static void expect_clock(struct __test_metadata *_metadata,
			 IPmpMediaSessionHost *host, DWORD state,
			 LONGLONG *time)
{
	LONGLONG system = 0, before = MFGetSystemTime();
	DWORD got = ~0u;

	EXPECT_HR(S_OK, IPmpMediaSessionHost_GetClockTime(host, time, &system,
							  &got));
	EXPECT_EQ(state, got);
	EXPECT_LE(before, system);
	EXPECT_LE(system, MFGetSystemTime());
}

static IPmpMediaSessionHost *new_host(struct __test_metadata *_metadata,
				      IMFPMPServer *server)
{
	IPmpMediaSessionHost *host = NULL;

	ASSERT_HR(S_OK, IMFPMPServer_CreateObjectByCLSID(
				server, &CLSID_PmpMediaSession,
				&IID_IPmpMediaSessionHost, (void **)&host));
	return host;
}

FIXTURE(session) {
	IMFPMPServer *server;
	IPmpMediaSessionHost *host;
};

FIXTURE_SETUP(session)
{
	ASSERT_HR(S_OK, MFCreatePMPServer(MFPMPSESSION_IN_PROCESS,
					  &self->server));
	self->host = new_host(_metadata, self->server);
	ASSERT_NE(NULL, self->host);
}

FIXTURE_TEARDOWN(session)
{
	if (self->host) {
		IPmpMediaSessionHost_Shutdown(self->host);
		EXPECT_EQ(0u, IPmpMediaSessionHost_Release(self->host));
	}
	if (self->server)
		IMFPMPServer_Release(self->server);
}

TEST_F(session, plays_to_the_end_with_events_in_windows_order)
{
	UINT64 source = 0, sink = 0;
	LONGLONG time = -1;
	DWORD caps = ~0u;

	ASSERT_HR(S_OK, IPmpMediaSessionHost_GetSessionCapabilities(
				self->host, &caps));
	ASSERT_EQ(0u, caps);
	expect_clock(_metadata, self->host, MFCLOCK_STATE_INVALID, &time);
	set_play(_metadata, self->host, &ten_of_10ms);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_GetSessionCapabilities(
				self->host, &caps));
	ASSERT_EQ((DWORD)(MFSESSIONCAP_START | MFSESSIONCAP_SEEK), caps);

	ASSERT_HR(S_OK, host_start(self->host, VT_EMPTY, 0));
	ASSERT_EQ((DWORD)VT_EMPTY, expect_event(_metadata, self->host,
					 MESessionStarted, S_OK)
				    .vt);
	expect_event(_metadata, self->host, MESessionEnded, S_OK);
	expect_no_event(_metadata, self->host);

	full_counts(_metadata, self->host, &source, &sink);
	ASSERT_EQ(10u, source);
	ASSERT_EQ(10u, sink);
	expect_clock(_metadata, self->host, MFCLOCK_STATE_STOPPED, &time);
	ASSERT_EQ(0, time);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_GetSessionCapabilities(
				self->host, &caps));
	ASSERT_EQ((DWORD)(MFSESSIONCAP_START | MFSESSIONCAP_SEEK), caps);

	/* Ended is stopped: the next Start plays it all again. */
	ASSERT_HR(S_OK, host_start(self->host, VT_EMPTY, 0));
	expect_event(_metadata, self->host, MESessionStarted, S_OK);
	expect_event(_metadata, self->host, MESessionEnded, S_OK);
	full_counts(_metadata, self->host, &source, &sink);
	ASSERT_EQ(10u, source);
	ASSERT_EQ(10u, sink);
}

TEST_F(session, without_a_topology_transport_events_carry_invalidrequest)
{
	DWORD caps = ~0u, size = 1;
	int fd = 0;

	ASSERT_HR(S_OK, host_start(self->host, VT_EMPTY, 0));
	expect_event(_metadata, self->host, MESessionStarted,
		     MF_E_INVALIDREQUEST);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_Pause(self->host));
	expect_event(_metadata, self->host, MESessionPaused,
		     MF_E_INVALIDREQUEST);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_Stop(self->host));
	expect_event(_metadata, self->host, MESessionStopped,
		     MF_E_INVALIDREQUEST);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_ClearTopologies(self->host));
	expect_event(_metadata, self->host, MESessionTopologiesCleared, S_OK);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_GetSessionCapabilities(
				self->host, &caps));
	ASSERT_EQ(0u, caps);
	ASSERT_HR(MF_E_NOT_FOUND, IPmpMediaSessionHost_GetFullTopology(
					  self->host, 0, 0, &fd, &size));
	ASSERT_EQ(-1, fd);
	ASSERT_EQ(0u, size);
}

TEST_F(session, start_refuses_another_vt_or_a_negative_position_at_once)
{
	set_play(_metadata, self->host, &ten_of_10ms);
	ASSERT_HR(E_INVALIDARG, host_start(self->host, VT_R8,
							   0));
	ASSERT_HR(E_INVALIDARG, host_start(self->host,
							   VT_UNKNOWN, 0));
	ASSERT_HR(E_INVALIDARG,
		  host_start(self->host, VT_I8, -1));
	expect_no_event(_metadata, self->host);
}

TEST_F(session, start_at_a_position_plays_from_there)
{
	UINT64 source = 0, sink = 0;

	set_play(_metadata, self->host, &ten_of_10ms);
	ASSERT_HR(S_OK, host_start(self->host, VT_I8,
						   55 * MS));
	expect_event(_metadata, self->host, MESessionStarted, S_OK);
	expect_event(_metadata, self->host, MESessionEnded, S_OK);
	/* Samples 5 (50-60 ms, under way at 55) to 9. */
	full_counts(_metadata, self->host, &source, &sink);
	ASSERT_EQ(5u, sink);
}

TEST_F(session, pause_holds_the_clock_and_the_samples_until_start)
{
	UINT64 source = 0, sink = 0, later = 0;
	LONGLONG time = -1, again = -1;

	set_play(_metadata, self->host, &long_play);
	ASSERT_HR(S_OK, host_start(self->host, VT_EMPTY, 0));
	expect_event(_metadata, self->host, MESessionStarted, S_OK);
	usleep(50000);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_Pause(self->host));
	expect_event(_metadata, self->host, MESessionPaused, S_OK);
	/* A sample being delivered when Pause came is done by now. */
	usleep(50000);
	expect_clock(_metadata, self->host, MFCLOCK_STATE_PAUSED, &time);
	ASSERT_LT(0, time);
	full_counts(_metadata, self->host, &source, &sink);
	usleep(100000);
	expect_clock(_metadata, self->host, MFCLOCK_STATE_PAUSED, &again);
	ASSERT_EQ(time, again);
	full_counts(_metadata, self->host, &source, &later);
	ASSERT_EQ(sink, later);
	ASSERT_LT(sink, 1000u);

	ASSERT_HR(S_OK, IPmpMediaSessionHost_Pause(self->host));
	expect_event(_metadata, self->host, MESessionPaused,
		     MF_E_INVALIDREQUEST);
	ASSERT_HR(S_OK, host_start(self->host, VT_EMPTY, 0));
	expect_event(_metadata, self->host, MESessionStarted, S_OK);
	expect_clock(_metadata, self->host, MFCLOCK_STATE_RUNNING, &again);
	ASSERT_LE(time, again);
}

TEST_F(session, pause_while_stopped_is_pausewhilestopped)
{
	set_play(_metadata, self->host, &ten_of_10ms);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_Pause(self->host));
	expect_event(_metadata, self->host, MESessionPaused,
		     MF_E_SESSION_PAUSEWHILESTOPPED);
}

TEST_F(session, stop_rewinds_and_the_next_start_begins_at_zero)
{
	UINT64 source = 0, sink = 0;
	LONGLONG time = -1;

	set_play(_metadata, self->host, &ten_of_10ms);
	ASSERT_HR(S_OK, host_start(self->host, VT_EMPTY, 0));
	expect_event(_metadata, self->host, MESessionStarted, S_OK);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_Stop(self->host));
	expect_event(_metadata, self->host, MESessionStopped, S_OK);
	expect_clock(_metadata, self->host, MFCLOCK_STATE_STOPPED, &time);
	ASSERT_EQ(0, time);
	/* Stopped already: S_OK again. */
	ASSERT_HR(S_OK, IPmpMediaSessionHost_Stop(self->host));
	expect_event(_metadata, self->host, MESessionStopped, S_OK);

	ASSERT_HR(S_OK, host_start(self->host, VT_EMPTY, 0));
	expect_event(_metadata, self->host, MESessionStarted, S_OK);
	expect_event(_metadata, self->host, MESessionEnded, S_OK);
	full_counts(_metadata, self->host, &source, &sink);
	ASSERT_EQ(10u, source);
	ASSERT_EQ(10u, sink);
}

TEST_F(session, a_failing_sink_ends_the_presentation_with_merror)
{
	const struct play failing = { .samples = 10, .duration = 10 * MS,
				      .fail = true, .fail_at = 3,
				      .fail_status = (HRESULT)0x80041234 };
	UINT64 source = 0, sink = 0;
	LONGLONG time = -1;

	set_play(_metadata, self->host, &failing);
	ASSERT_HR(S_OK, host_start(self->host, VT_EMPTY, 0));
	expect_event(_metadata, self->host, MESessionStarted, S_OK);
	expect_event(_metadata, self->host, MEError, (HRESULT)0x80041234);
	expect_no_event(_metadata, self->host);
	expect_clock(_metadata, self->host, MFCLOCK_STATE_STOPPED, &time);
	/* Samples 0-2 taken, sample 3 out of the source but refused. */
	full_counts(_metadata, self->host, &source, &sink);
	ASSERT_EQ(4u, source);
	ASSERT_EQ(3u, sink);
}

TEST_F(session, a_topology_set_while_playing_stops_the_old_one_first)
{
	IMFTopology *t = play_topology(_metadata, &ten_of_10ms);
	LONGLONG time = -1;

	set_play(_metadata, self->host, &long_play);
	ASSERT_HR(S_OK, host_start(self->host, VT_EMPTY, 0));
	expect_event(_metadata, self->host, MESessionStarted, S_OK);
	ASSERT_HR(S_OK, send_topology(_metadata, self->host, t));
	expect_event(_metadata, self->host, MESessionStopped, S_OK);
	expect_event(_metadata, self->host, MESessionTopologySet, S_OK);
	expect_event(_metadata, self->host, MESessionTopologyStatus, S_OK);
	expect_clock(_metadata, self->host, MFCLOCK_STATE_STOPPED, &time);
	IMFTopology_Release(t);
}

TEST_F(session, clear_topologies_keeps_the_current_one)
{
	UINT64 source = 0, sink = 0;

	set_play(_metadata, self->host, &ten_of_10ms);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_ClearTopologies(self->host));
	expect_event(_metadata, self->host, MESessionTopologiesCleared, S_OK);
	full_counts(_metadata, self->host, &source, &sink);
	ASSERT_EQ(0u, sink);
}

TEST_F(session, full_topology_is_the_current_ones_in_a_sealed_memfd)
{
	TOPOID id = set_play(_metadata, self->host, &ten_of_10ms);
	DWORD size = 0;
	int fd = -1;

	ASSERT_HR(MF_E_NOT_FOUND, IPmpMediaSessionHost_GetFullTopology(
					  self->host, 0, id + 1, &fd, &size));
	ASSERT_HR(E_INVALIDARG, IPmpMediaSessionHost_GetFullTopology(
					self->host, 2, 0, &fd, &size));
	ASSERT_HR(E_POINTER, IPmpMediaSessionHost_GetFullTopology(
				     self->host, 0, 0, NULL, &size));
	/* With MFSESSION_GETFULLTOPOLOGY_CURRENT the id does not matter. */
	ASSERT_HR(S_OK, IPmpMediaSessionHost_GetFullTopology(
				self->host, MFSESSION_GETFULLTOPOLOGY_CURRENT,
				id + 1, &fd, &size));
	ASSERT_EQ(ALL_SEALS, fcntl(fd, F_GET_SEALS));
	close(fd);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_GetFullTopology(self->host, 0, id,
							     &fd, &size));
	close(fd);
}

TEST_F(session, bad_topologies_are_refused_at_once_without_an_event)
{
	IMFTopology *t = play_topology(_metadata, &ten_of_10ms);
	UINT32 size = 0;
	void *buf = NULL;
	TOPOID id = 0;
	int fd;

	IMFTopology_GetTopologyID(t, &id);
	ASSERT_HR(S_OK, pmp_topology_serialize(t, &buf, &size));
	/* A memfd its sender could still write to. */
	fd = sealed_memfd(buf, size, F_SEAL_SHRINK | F_SEAL_GROW);
	ASSERT_HR(E_INVALIDARG, IPmpMediaSessionHost_SetTopology(
					self->host, 0, id, fd, size));
	close(fd);
	fd = sealed_memfd(buf, size, ALL_SEALS);
	ASSERT_HR(E_INVALIDARG, IPmpMediaSessionHost_SetTopology(
					self->host, 0, id + 1, fd, size));
	ASSERT_HR(E_INVALIDARG, IPmpMediaSessionHost_SetTopology(
					self->host, 0, id, fd, size - 1));
	ASSERT_HR(E_INVALIDARG, IPmpMediaSessionHost_SetTopology(
					self->host, 0, id, fd, size + 1));
	ASSERT_HR(E_INVALIDARG, IPmpMediaSessionHost_SetTopology(
					self->host, 0, id, fd, 0));
	ASSERT_HR(E_INVALIDARG, IPmpMediaSessionHost_SetTopology(
					self->host, 8, id, fd, size));
	ASSERT_HR(E_INVALIDARG, IPmpMediaSessionHost_SetTopology(
					self->host, 0, id, -1, size));
	close(fd);
	((UINT8 *)buf)[0] ^= 1;
	fd = sealed_memfd(buf, size, ALL_SEALS);
	ASSERT_HR(E_INVALIDARG, IPmpMediaSessionHost_SetTopology(
					self->host, 0, id, fd, size));
	close(fd);
	expect_no_event(_metadata, self->host);
	free(buf);
	IMFTopology_Release(t);
}

/* How a topology fails to resolve. */
FIXTURE(unresolved) {
	IMFPMPServer *server;
	IPmpMediaSessionHost *host;
	IMFTopology *t;
	IMFTopologyNode *src, *sink;
};

FIXTURE_VARIANT(unresolved) {
	/* What breaks the playable source -> sink topology. */
	void (*spoil)(struct __test_metadata *_metadata,
		      FIXTURE_DATA(unresolved) *self);
	HRESULT status;
};

static void add_transform(struct __test_metadata *_metadata,
			  FIXTURE_DATA(unresolved) *self)
{
	IMFTopologyNode *xf = media_node(_metadata, self->t,
					 MF_TOPOLOGY_TRANSFORM_NODE, NULL);

	ASSERT_HR(S_OK, IMFTopologyNode_ConnectOutput(self->src, 0, xf, 0));
	ASSERT_HR(S_OK, IMFTopologyNode_ConnectOutput(xf, 0, self->sink, 0));
	IMFTopologyNode_Release(xf);
}

static void disconnect(struct __test_metadata *_metadata,
		       FIXTURE_DATA(unresolved) *self)
{
	ASSERT_HR(S_OK, IMFTopologyNode_DisconnectOutput(self->src, 0));
}

static void drop_source_clsid(struct __test_metadata *_metadata,
			      FIXTURE_DATA(unresolved) *self)
{
	ASSERT_HR(S_OK, IMFTopologyNode_DeleteItem(
				self->src, &PMP_TOPONODE_OBJECT_CLSID));
}

static void unknown_sink_clsid(struct __test_metadata *_metadata,
			       FIXTURE_DATA(unresolved) *self)
{
	ASSERT_HR(S_OK, IMFTopologyNode_SetGUID(self->sink,
						&PMP_TOPONODE_OBJECT_CLSID,
						&CLSID_PmpTestUnknown));
}

static void source_as_sink(struct __test_metadata *_metadata,
			   FIXTURE_DATA(unresolved) *self)
{
	ASSERT_HR(S_OK, IMFTopologyNode_SetGUID(self->sink,
						&PMP_TOPONODE_OBJECT_CLSID,
						&CLSID_PmpTestSource));
}

static void second_output(struct __test_metadata *_metadata,
			  FIXTURE_DATA(unresolved) *self)
{
	IMFTopologyNode *other = media_node(_metadata, self->t,
					    MF_TOPOLOGY_OUTPUT_NODE,
					    &CLSID_PmpTestSink);

	ASSERT_HR(S_OK, IMFTopologyNode_ConnectOutput(self->src, 1, other,
						      0));
	IMFTopologyNode_Release(other);
}

static void empty(struct __test_metadata *_metadata,
		  FIXTURE_DATA(unresolved) *self)
{
	ASSERT_HR(S_OK, IMFTopology_Clear(self->t));
}

FIXTURE_VARIANT_ADD(unresolved, transform_node) {
	.spoil = add_transform, .status = MF_E_TOPO_UNSUPPORTED,
};

FIXTURE_VARIANT_ADD(unresolved, unconnected_source) {
	.spoil = disconnect, .status = MF_E_TOPO_UNSUPPORTED,
};

FIXTURE_VARIANT_ADD(unresolved, source_output_1_connected) {
	.spoil = second_output, .status = MF_E_TOPO_UNSUPPORTED,
};

FIXTURE_VARIANT_ADD(unresolved, no_clsid) {
	.spoil = drop_source_clsid, .status = MF_E_TOPO_UNSUPPORTED,
};

FIXTURE_VARIANT_ADD(unresolved, empty_topology) {
	.spoil = empty, .status = MF_E_TOPO_UNSUPPORTED,
};

FIXTURE_VARIANT_ADD(unresolved, unregistered_class) {
	.spoil = unknown_sink_clsid, .status = REGDB_E_CLASSNOTREG,
};

FIXTURE_VARIANT_ADD(unresolved, class_without_the_interface) {
	.spoil = source_as_sink, .status = E_NOINTERFACE,
};

FIXTURE_SETUP(unresolved)
{
	ASSERT_HR(S_OK, MFCreatePMPServer(MFPMPSESSION_IN_PROCESS,
					  &self->server));
	self->host = new_host(_metadata, self->server);
	self->t = play_topology(_metadata, &ten_of_10ms);
	ASSERT_HR(S_OK, IMFTopology_GetNode(self->t, 0, &self->src));
	ASSERT_HR(S_OK, IMFTopology_GetNode(self->t, 1, &self->sink));
}

FIXTURE_TEARDOWN(unresolved)
{
	IMFTopologyNode_Release(self->src);
	IMFTopologyNode_Release(self->sink);
	IMFTopology_Release(self->t);
	IPmpMediaSessionHost_Shutdown(self->host);
	IPmpMediaSessionHost_Release(self->host);
	IMFPMPServer_Release(self->server);
}

TEST_F(unresolved, topology_set_carries_the_failure_and_keeps_none)
{
	struct event e;
	TOPOID id = 0;
	DWORD caps = ~0u;

	variant->spoil(_metadata, self);
	IMFTopology_GetTopologyID(self->t, &id);
	ASSERT_HR(S_OK, send_topology(_metadata, self->host, self->t));
	e = expect_event(_metadata, self->host, MESessionTopologySet,
			 variant->status);
	ASSERT_EQ((DWORD)VT_UNKNOWN, e.vt);
	ASSERT_EQ(id, e.value);
	expect_no_event(_metadata, self->host);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_GetSessionCapabilities(
				self->host, &caps));
	ASSERT_EQ(0u, caps);
}

TEST_F(session, close_drops_the_topology_and_later_commands_are_invalid)
{
	IMFTopology *t = play_topology(_metadata, &ten_of_10ms);
	DWORD caps = ~0u, size = 0;
	int fd = -1;

	set_play(_metadata, self->host, &long_play);
	ASSERT_HR(S_OK, host_start(self->host, VT_EMPTY, 0));
	expect_event(_metadata, self->host, MESessionStarted, S_OK);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_Close(self->host));
	expect_event(_metadata, self->host, MESessionClosed, S_OK);
	ASSERT_HR(MF_E_NOT_FOUND, IPmpMediaSessionHost_GetFullTopology(
					  self->host, 0, 0, &fd, &size));
	ASSERT_HR(S_OK, IPmpMediaSessionHost_GetSessionCapabilities(
				self->host, &caps));
	ASSERT_EQ(0u, caps);

	/* As Windows: each call succeeds, its event says it could not. */
	ASSERT_HR(S_OK, host_start(self->host, VT_EMPTY, 0));
	expect_event(_metadata, self->host, MESessionStarted,
		     MF_E_INVALIDREQUEST);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_Stop(self->host));
	expect_event(_metadata, self->host, MESessionStopped,
		     MF_E_INVALIDREQUEST);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_ClearTopologies(self->host));
	expect_event(_metadata, self->host, MESessionTopologiesCleared,
		     MF_E_INVALIDREQUEST);
	ASSERT_HR(S_OK, send_topology(_metadata, self->host, t));
	expect_event(_metadata, self->host, MESessionTopologySet,
		     MF_E_INVALIDREQUEST);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_Close(self->host));
	expect_event(_metadata, self->host, MESessionClosed,
		     MF_E_INVALIDREQUEST);
	IMFTopology_Release(t);
}

TEST_F(session, shutdown_hands_out_queued_events_then_mf_e_shutdown)
{
	IMFTopology *t = play_topology(_metadata, &ten_of_10ms);
	DWORD caps = 0, size = 0, state = 0;
	LONGLONG time, system;
	struct event e;
	int fd = -1;

	set_play(_metadata, self->host, &long_play);
	ASSERT_HR(S_OK, host_start(self->host, VT_EMPTY, 0));
	ASSERT_HR(S_OK, IPmpMediaSessionHost_Shutdown(self->host));
	ASSERT_HR(MF_E_SHUTDOWN, IPmpMediaSessionHost_Shutdown(self->host));
	expect_event(_metadata, self->host, MESessionStarted, S_OK);
	ASSERT_HR(MF_E_SHUTDOWN,
		  IPmpMediaSessionHost_GetEvent(self->host, 0, &e.type,
						&e.status, &e.vt, &e.value,
						&e.topology_status, &e.guid));

	ASSERT_HR(MF_E_SHUTDOWN, send_topology(_metadata, self->host, t));
	ASSERT_HR(MF_E_SHUTDOWN,
		  host_start(self->host, VT_EMPTY, 0));
	ASSERT_HR(MF_E_SHUTDOWN, IPmpMediaSessionHost_Pause(self->host));
	ASSERT_HR(MF_E_SHUTDOWN, IPmpMediaSessionHost_Stop(self->host));
	ASSERT_HR(MF_E_SHUTDOWN, IPmpMediaSessionHost_Close(self->host));
	ASSERT_HR(MF_E_SHUTDOWN,
		  IPmpMediaSessionHost_ClearTopologies(self->host));
	ASSERT_HR(MF_E_SHUTDOWN, IPmpMediaSessionHost_GetSessionCapabilities(
					 self->host, &caps));
	ASSERT_HR(MF_E_SHUTDOWN, IPmpMediaSessionHost_GetFullTopology(
					 self->host, 0, 0, &fd, &size));
	ASSERT_HR(MF_E_SHUTDOWN, IPmpMediaSessionHost_GetClockTime(
					 self->host, &time, &system, &state));
	/* A NULL out pointer is still E_POINTER. */
	ASSERT_HR(E_POINTER, IPmpMediaSessionHost_GetSessionCapabilities(
				     self->host, NULL));
	IMFTopology_Release(t);
}

TEST_F(session, get_event_times_out_with_no_events_available)
{
	MFTIME before = MFGetSystemTime();
	struct event e;

	ASSERT_HR(MF_E_NO_EVENTS_AVAILABLE,
		  IPmpMediaSessionHost_GetEvent(self->host, 50, &e.type,
						&e.status, &e.vt, &e.value,
						&e.topology_status, &e.guid));
	ASSERT_LE(before + 50 * MS, MFGetSystemTime());
	ASSERT_HR(E_POINTER,
		  IPmpMediaSessionHost_GetEvent(self->host, 0, NULL, &e.status,
						&e.vt, &e.value,
						&e.topology_status, &e.guid));
}

struct waiter {
	IPmpMediaSessionHost *host;
	struct event e;
	HRESULT hr;
};

static void *wait_event(void *arg)
{
	struct waiter *w = arg;

	w->hr = IPmpMediaSessionHost_GetEvent(w->host, 10 * EVENT_WAIT_MS,
					      &w->e.type, &w->e.status,
					      &w->e.vt, &w->e.value,
					      &w->e.topology_status, &w->e.guid);
	return NULL;
}

TEST_F(session, shutdown_wakes_a_waiting_get_event)
{
	struct waiter w = { .host = self->host };
	MFTIME before;
	pthread_t tid;

	ASSERT_EQ(0, pthread_create(&tid, NULL, wait_event, &w));
	usleep(50000);
	before = MFGetSystemTime();
	ASSERT_HR(S_OK, IPmpMediaSessionHost_Shutdown(self->host));
	ASSERT_EQ(0, pthread_join(tid, NULL));
	ASSERT_HR(MF_E_SHUTDOWN, w.hr);
	ASSERT_GT(before + EVENT_WAIT_MS * MS, MFGetSystemTime());
}

TEST_F(session, sessions_of_one_server_wait_for_events_at_once)
{
	IPmpMediaSessionHost *other = new_host(_metadata, self->server);
	struct waiter w[2] = { { .host = self->host }, { .host = other } };
	pthread_t tid[2];
	int i;

	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&tid[i], NULL, wait_event, &w[i]));
	usleep(50000);
	ASSERT_HR(S_OK, IPmpMediaSessionHost_Stop(other));
	ASSERT_HR(S_OK, IPmpMediaSessionHost_Pause(self->host));
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, pthread_join(tid[i], NULL));
		ASSERT_HR(S_OK, w[i].hr);
		ASSERT_HR(MF_E_INVALIDREQUEST, w[i].e.status);
	}
	ASSERT_EQ((DWORD)MESessionPaused, w[0].e.type);
	ASSERT_EQ((DWORD)MESessionStopped, w[1].e.type);
	ASSERT_EQ(0u, IPmpMediaSessionHost_Release(other));
}

TEST_F(session, release_without_shutdown_stops_a_playing_session)
{
	set_play(_metadata, self->host, &long_play);
	ASSERT_HR(S_OK, host_start(self->host, VT_EMPTY, 0));
	expect_event(_metadata, self->host, MESessionStarted, S_OK);
	usleep(20000);
	ASSERT_EQ(0u, IPmpMediaSessionHost_Release(self->host));
	self->host = NULL;
}

TEST_HARNESS_MAIN
