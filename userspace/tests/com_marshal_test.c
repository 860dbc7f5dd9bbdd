// SPDX-License-Identifier: GPL-2.0
/*
 * com_marshal_test.c - libpmp's marshaling layer on its own: the wire
 * format of call messages and the table of proxy/stub pairs
 *
 * Links the static library, whose internal (hidden) functions a program
 * may call, and the samples' generated pairs (pmpsamples_p.c), which it
 * registers as libpmp-samples does, and those of pmptest.idl, whose
 * interface has a parameter of every wire kind.  It defines the GUIDs itself
 * (INITGUID), as a Windows program may.
 */

#define _GNU_SOURCE
#define COBJMACROS
#define INITGUID

#include "com_helpers.h"

#include "com/marshal.h"
#include "pmptest.h"
#include "server.h"

extern const struct pmp_ps_file pmp_ps_file_pmpsamples;
extern const struct pmp_ps_file pmp_ps_file_pmptest;

__attribute__((constructor)) static void register_pairs(void)
{
	pmp_ps_register(&pmp_ps_file_pmpsamples);
	pmp_ps_register(&pmp_ps_file_pmptest);
}

TEST(integers_are_packed_little_endian_without_padding)
{
	static const uint8_t want[] = { 0x78, 0x56, 0x34, 0x12, 0x08, 0x07,
					0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
					0xff, 0xff, 0xff, 0xff };
	uint8_t buf[32];
	PMP_WMSG(m, buf);

	pmp_put_u32(&m, 0x12345678);
	pmp_put_u64(&m, 0x0102030405060708ull);
	pmp_put_u32(&m, (uint32_t)-1);
	ASSERT_FALSE(m.overflow);
	ASSERT_EQ(sizeof(want), m.size);
	ASSERT_EQ(0, memcmp(want, buf, sizeof(want)));
}

TEST(guids_travel_in_microsoft_byte_layout)
{
	static const uint8_t want[16] = { 0xaf, 0x23, 0x4e, 0x99, 0xc2, 0x1c,
					  0x3c, 0x49, 0xb9, 0xfa, 0x46, 0xf1,
					  0xcb, 0x04, 0x0f, 0xa4 };
	struct pmp_rmsg r = { .buf = want, .size = sizeof(want) };
	uint8_t buf[16];
	PMP_WMSG(m, buf);
	GUID back;

	pmp_put_guid(&m, &IID_IMFPMPServer);
	ASSERT_EQ(16u, m.size);
	ASSERT_EQ(0, memcmp(want, buf, sizeof(want)));
	pmp_get_guid(&r, &back);
	ASSERT_TRUE(pmp_rmsg_done(&r));
	ASSERT_TRUE(IsEqualGUID(&IID_IMFPMPServer, &back));
}

TEST(strings_are_a_length_and_their_bytes)
{
	static const uint8_t want[] = { 3, 0, 0, 0, 'a', 'b', 'c' };
	struct pmp_rmsg r = { .buf = want, .size = sizeof(want) };
	uint8_t buf[16];
	PMP_WMSG(m, buf);
	char s[4];

	pmp_put_str(&m, "abc");
	ASSERT_EQ(sizeof(want), m.size);
	ASSERT_EQ(0, memcmp(want, buf, sizeof(want)));
	pmp_get_str(&r, s, sizeof(s));
	ASSERT_TRUE(pmp_rmsg_done(&r));
	ASSERT_STREQ("abc", s);
}

TEST(string_longer_than_its_room_or_with_a_nul_is_bad_data)
{
	static const uint8_t nul[] = { 3, 0, 0, 0, 'a', 0, 'c' };
	static const uint8_t abc[] = { 3, 0, 0, 0, 'a', 'b', 'c' };
	static const uint8_t huge[] = { 0xff, 0xff, 0xff, 0xff, 'a' };
	struct pmp_rmsg r1 = { .buf = nul, .size = sizeof(nul) };
	struct pmp_rmsg r2 = { .buf = abc, .size = sizeof(abc) };
	struct pmp_rmsg r3 = { .buf = huge, .size = sizeof(huge) };
	struct pmp_rmsg r4 = { .buf = abc, .size = sizeof(abc) };
	char s[8];

	pmp_get_str(&r1, s, sizeof(s));
	ASSERT_FALSE(pmp_rmsg_done(&r1));
	pmp_get_str(&r2, s, 3);
	ASSERT_FALSE(pmp_rmsg_done(&r2));
	pmp_get_str(&r3, s, sizeof(s));
	ASSERT_FALSE(pmp_rmsg_done(&r3));
	pmp_get_str(&r4, s, 0);
	ASSERT_FALSE(pmp_rmsg_done(&r4));
}

TEST(short_or_long_payload_is_bad_data)
{
	static const uint8_t five[5] = { 1, 2, 3, 4, 5 };
	struct pmp_rmsg r = { .buf = five, .size = 4 };
	struct pmp_rmsg r2 = { .buf = five, .size = 5 };

	ASSERT_EQ(0x04030201u, pmp_get_u32(&r));
	ASSERT_TRUE(pmp_rmsg_done(&r));
	ASSERT_EQ(0u, pmp_get_u32(&r));
	ASSERT_FALSE(pmp_rmsg_done(&r));
	/* Everything must be read: a trailing byte is bad too. */
	pmp_get_u32(&r2);
	ASSERT_FALSE(pmp_rmsg_done(&r2));
}

TEST(packing_past_the_buffer_is_remembered)
{
	uint8_t buf[6];
	PMP_WMSG(m, buf);

	pmp_put_u32(&m, 1);
	ASSERT_FALSE(m.overflow);
	pmp_put_u32(&m, 2);
	ASSERT_TRUE(m.overflow);
	ASSERT_EQ(4u, m.size);
}

TEST(descriptors_travel_as_indexes)
{
	uint8_t buf[16];
	PMP_WMSG(m, buf);
	struct pmp_rmsg r = { .buf = buf };
	int fd;

	pmp_put_fd(&m, 7);
	pmp_put_fd(&m, 9);
	ASSERT_EQ(2u, m.nfds);
	ASSERT_EQ(8u, m.size);
	ASSERT_EQ(0, buf[0]);
	ASSERT_EQ(1, buf[4]);
	pmp_put_fd(&m, -1);
	ASSERT_TRUE(m.overflow);

	fd = dup(STDERR_FILENO);
	ASSERT_LE(0, fd);
	r.size = 8;
	r.fds[0] = -1;
	r.fds[1] = fd;
	r.nfds = 2;
	/* Index 0 names a slot already taken. */
	ASSERT_EQ(-1, pmp_take_fd(&r));
	ASSERT_FALSE(pmp_rmsg_done(&r));
	r.bad = false;
	ASSERT_EQ(fd, pmp_take_fd(&r));
	ASSERT_EQ(-1, r.fds[1]);
	ASSERT_TRUE(pmp_rmsg_done(&r));
	pmp_rmsg_cleanup(&r);
	ASSERT_EQ(0, close(fd));
}

TEST(descriptor_index_out_of_range_is_bad_data)
{
	static const uint8_t idx[] = { 2, 0, 0, 0 };
	struct pmp_rmsg r = { .buf = idx, .size = sizeof(idx), .nfds = 2 };

	r.fds[0] = r.fds[1] = -1;
	ASSERT_EQ(-1, pmp_get_fd(&r));
	ASSERT_FALSE(pmp_rmsg_done(&r));
}

TEST(every_pair_matches_its_interface)
{
	const struct pmp_ps_pair *unk = pmp_ps_find(&IID_IUnknown);
	const struct pmp_ps_pair *counter = pmp_ps_find(&IID_IPmpTestCounter);
	const struct pmp_ps_pair *dec = pmp_ps_find(&IID_IPmpClearKeyDecryptor);

	ASSERT_NE(NULL, unk);
	ASSERT_NE(NULL, counter);
	ASSERT_NE(NULL, dec);
	ASSERT_EQ(sizeof(IUnknownVtbl) / sizeof(void *), unk->methods);
	ASSERT_EQ(sizeof(IPmpTestCounterVtbl) / sizeof(void *),
		  counter->methods);
	ASSERT_EQ(sizeof(IPmpClearKeyDecryptorVtbl) / sizeof(void *),
		  dec->methods);
	ASSERT_EQ(NULL, unk->own);
	ASSERT_NE(NULL, counter->own);
	ASSERT_NE(NULL, dec->own);
	ASSERT_STREQ("Clone", counter->own[9 - 3].name);
	ASSERT_STREQ("Decrypt", dec->own[4 - 3].name);
	ASSERT_EQ(NULL, pmp_ps_find(&IID_IMFPMPServer));
	ASSERT_EQ(NULL, pmp_ps_find(&IID_IMFGetService));
	ASSERT_EQ(NULL, pmp_ps_find(&IID_IClassFactory));
	ASSERT_EQ(NULL, pmp_ps_find(&IID_PmpTestNothing));
}

TEST(registering_pairs_twice_keeps_the_first)
{
	const struct pmp_ps_pair *counter = pmp_ps_find(&IID_IPmpTestCounter);
	struct pmp_ps_file bad = pmp_ps_file_pmpsamples;

	ASSERT_EQ(0, pmp_ps_register(&pmp_ps_file_pmpsamples));
	ASSERT_EQ(counter, pmp_ps_find(&IID_IPmpTestCounter));
	bad.version = PMP_PS_VERSION + 1;
	ASSERT_EQ(-EINVAL, pmp_ps_register(&bad));
	ASSERT_EQ(-EINVAL, pmp_ps_register(NULL));
}

TEST(stub_rejects_malformed_arguments_without_calling)
{
	const struct pmp_ps_pair *pair = pmp_ps_find(&IID_IPmpTestCounter);
	static const uint8_t two[2] = { 1, 2 };
	struct pmp_rmsg in = { .buf = two, .size = sizeof(two) };
	uint8_t buf[16];
	PMP_WMSG(out, buf);

	/* The object is never reached: a NULL one would crash. */
	ASSERT_HR(HRESULT_FROM_WIN32(RPC_X_BAD_STUB_DATA),
		  pmp_stub_invoke(pair, NULL, 3, &in, &out));
	ASSERT_HR(HRESULT_FROM_WIN32(RPC_S_PROCNUM_OUT_OF_RANGE),
		  pmp_stub_invoke(pair, NULL, pair->methods, &in, &out));
	ASSERT_HR(HRESULT_FROM_WIN32(RPC_S_PROCNUM_OUT_OF_RANGE),
		  pmp_stub_invoke(pair, NULL, 2, &in, &out));
}

TEST(stub_calls_the_object_and_packs_its_results)
{
	const struct pmp_ps_pair *pair = pmp_ps_find(&IID_IPmpTestCounter);
	static const uint8_t add5[4] = { 5, 0, 0, 0 };
	static const uint8_t add10[4] = { 10, 0, 0, 0 };
	static const uint8_t zero[4] = { 0 };
	static const uint8_t size3[4] = { 3, 0, 0, 0 };
	static const uint8_t label[] = { 2, 0, 0, 0, 'h', 'i' };
	IPmpTestCounter *counter = NULL;
	IMFPMPServer *server = NULL;
	uint8_t buf[PMP_MSG_MAX];
	PMP_WMSG(out, buf);
	struct pmp_rmsg in;

	default_registry_dir();
	ASSERT_HR(S_OK, MFCreatePMPServer(MFPMPSESSION_IN_PROCESS, &server));
	ASSERT_HR(S_OK, IMFPMPServer_CreateObjectByCLSID(
				server, &CLSID_PmpTestCounter,
				&IID_IPmpTestCounter, (void **)&counter));

	/* Add(5, &result): the result travels back as 4 bytes. */
	in = (struct pmp_rmsg){ .buf = add5, .size = sizeof(add5) };
	ASSERT_HR(S_OK, pmp_stub_invoke(pair, (IUnknown *)counter, 3, &in,
					&out));
	ASSERT_EQ(4u, out.size);
	ASSERT_EQ(0, memcmp(add5, buf, 4));

	/* SetLabel("hi"), then GetLabel(buffer, 3): "hi" comes back. */
	pmp_wmsg_cleanup(&out);
	in = (struct pmp_rmsg){ .buf = label, .size = sizeof(label) };
	ASSERT_HR(S_OK, pmp_stub_invoke(pair, (IUnknown *)counter, 5, &in,
					&out));
	ASSERT_EQ(0u, out.size);
	in = (struct pmp_rmsg){ .buf = size3, .size = sizeof(size3) };
	ASSERT_HR(S_OK, pmp_stub_invoke(pair, (IUnknown *)counter, 6, &in,
					&out));
	ASSERT_EQ(sizeof(label), out.size);
	ASSERT_EQ(0, memcmp(label, buf, sizeof(label)));

	/* Clone(&copy): the object is handed over, not packed. */
	pmp_wmsg_cleanup(&out);
	in = (struct pmp_rmsg){ .buf = add5, .size = 0 };
	ASSERT_HR(S_OK, pmp_stub_invoke(pair, (IUnknown *)counter, 9, &in,
					&out));
	ASSERT_EQ(0u, out.size);
	ASSERT_NE(NULL, out.obj);
	ASSERT_TRUE(IsEqualIID(&IID_IPmpTestCounter, out.obj_iid));
	pmp_wmsg_cleanup(&out);

	/* AddCounter(itself, &result): the object passed is index 0. */
	in = (struct pmp_rmsg){ .buf = zero, .size = sizeof(zero), .nobjs = 1 };
	in.objs[0] = (IUnknown *)counter;
	ASSERT_HR(S_OK, pmp_stub_invoke(pair, (IUnknown *)counter, 10, &in,
					&out));
	ASSERT_EQ(4u, out.size);
	ASSERT_EQ(0, memcmp(add10, buf, 4));
	pmp_wmsg_cleanup(&out);
	/* The reference the call took is given back. */
	ASSERT_EQ(2u, IPmpTestCounter_AddRef(counter));
	ASSERT_EQ(1u, IPmpTestCounter_Release(counter));

	IPmpTestCounter_Release(counter);
	IMFPMPServer_Release(server);
}

/* An IPmpTestKinds that records its arguments and answers known values. */
static struct {
	IPmpTestKinds iface;
	unsigned int refs;
	LONG a;
	QWORD b;
	GUID c;
	BYTE d[4];
	char e[16];
	int f;
	unsigned int takes;
	IPmpTestKinds *taken;
	IUnknown *maybe;
	LONG after;
	unsigned int refs_in_take;
	/* Blobs: what came, and what to hand back */
	unsigned int blob_calls;
	BYTE blob_in[8192];
	DWORD blob_n, blob_room, blob_length;
	int blob_fd;
} kinds;

static HRESULT STDMETHODCALLTYPE kinds_QueryInterface(IPmpTestKinds *iface,
						      REFIID riid, void **ppv)
{
	(void)riid;
	kinds.refs++;
	*ppv = iface;
	return S_OK;
}

static ULONG STDMETHODCALLTYPE kinds_AddRef(IPmpTestKinds *iface)
{
	(void)iface;
	return ++kinds.refs;
}

static ULONG STDMETHODCALLTYPE kinds_Release(IPmpTestKinds *iface)
{
	(void)iface;
	return --kinds.refs;
}

static HRESULT STDMETHODCALLTYPE kinds_All(IPmpTestKinds *iface, LONG a,
					   QWORD b, REFGUID c,
					   const BYTE d[4], LPCSTR e, int f,
					   DWORD *g, LONGLONG *h, GUID *i,
					   BYTE j[8], LPSTR k, int *l)
{
	(void)iface;
	kinds.a = a;
	kinds.b = b;
	kinds.c = *c;
	memcpy(kinds.d, d, sizeof(kinds.d));
	snprintf(kinds.e, sizeof(kinds.e), "%s", e);
	kinds.f = f;
	*g = 0xdeadbeef;
	*h = -2;
	*i = IID_IPmpTestKinds;
	memcpy(j, "12345678", 8);
	snprintf(k, a, "%s", "ok!");
	*l = dup(f);
	return S_FALSE;
}

/* Hands itself out as whatever interface is asked for. */
static HRESULT STDMETHODCALLTYPE kinds_Query(IPmpTestKinds *iface,
					     REFIID riid, void **ppv)
{
	return kinds_QueryInterface(iface, riid, ppv);
}

static HRESULT STDMETHODCALLTYPE kinds_Take(IPmpTestKinds *iface,
					    IPmpTestKinds *taken,
					    IUnknown *maybe, LONG after)
{
	(void)iface;
	kinds.takes++;
	kinds.taken = taken;
	kinds.maybe = maybe;
	kinds.after = after;
	kinds.refs_in_take = kinds.refs;
	return S_OK;
}

/* Hands back blob_length bytes of 0xa5, and blob_fd as maybe. */
static HRESULT STDMETHODCALLTYPE kinds_Blobs(IPmpTestKinds *iface,
					     const BYTE *bytes, DWORD n,
					     DWORD room, BYTE *back,
					     DWORD *length, int *maybe)
{
	(void)iface;
	kinds.blob_calls++;
	kinds.blob_n = n;
	kinds.blob_room = room;
	if (n <= sizeof(kinds.blob_in))
		memcpy(kinds.blob_in, bytes, n);
	memset(back, 0xa5, kinds.blob_length < room ? kinds.blob_length : room);
	*length = kinds.blob_length;
	*maybe = kinds.blob_fd;
	return S_OK;
}

static const IPmpTestKindsVtbl kinds_vtbl = {
	.QueryInterface = kinds_QueryInterface,
	.AddRef = kinds_AddRef,
	.Release = kinds_Release,
	.All = kinds_All,
	.Query = kinds_Query,
	.Take = kinds_Take,
	.Blobs = kinds_Blobs,
};

/* An object with IUnknown only, counting its references. */
static struct {
	IUnknown iface;
	unsigned int refs;
} plain;

static HRESULT STDMETHODCALLTYPE plain_QueryInterface(IUnknown *iface,
						      REFIID riid, void **ppv)
{
	if (!IsEqualIID(riid, &IID_IUnknown)) {
		*ppv = NULL;
		return E_NOINTERFACE;
	}
	plain.refs++;
	*ppv = iface;
	return S_OK;
}

static ULONG STDMETHODCALLTYPE plain_AddRef(IUnknown *iface)
{
	(void)iface;
	return ++plain.refs;
}

static ULONG STDMETHODCALLTYPE plain_Release(IUnknown *iface)
{
	(void)iface;
	return --plain.refs;
}

static const IUnknownVtbl plain_vtbl = {
	.QueryInterface = plain_QueryInterface,
	.AddRef = plain_AddRef,
	.Release = plain_Release,
};

TEST(stub_carries_every_wire_kind_both_ways)
{
	const struct pmp_ps_pair *pair = pmp_ps_find(&IID_IPmpTestKinds);
	static const BYTE d[4] = { 1, 2, 3, 4 };
	uint8_t inbuf[PMP_MSG_MAX], outbuf[PMP_MSG_MAX];
	struct pmp_rmsg in = { .buf = inbuf }, reply = { .buf = outbuf };
	PMP_WMSG(w, inbuf);
	PMP_WMSG(out, outbuf);
	char k[8];
	BYTE j[8];
	GUID i;
	int fd;

	ASSERT_NE(NULL, pair);
	kinds.iface.lpVtbl = &kinds_vtbl;
	fd = dup(STDERR_FILENO);
	ASSERT_LE(0, fd);
	pmp_put_u32(&w, 3);
	pmp_put_u64(&w, 0x0102030405060708ull);
	pmp_put_guid(&w, &IID_IPmpTestKinds);
	pmp_put_bytes(&w, d, sizeof(d));
	pmp_put_str(&w, "hey");
	pmp_put_fd(&w, fd);
	ASSERT_FALSE(w.overflow);
	in.size = w.size;
	in.fds[0] = fd;
	in.nfds = 1;
	out.own_fds = true;

	/* A success code is the method's, passed on. */
	ASSERT_HR(S_FALSE, pmp_stub_invoke(pair, (IUnknown *)&kinds.iface, 3,
					   &in, &out));
	ASSERT_EQ(3, kinds.a);
	ASSERT_EQ(0x0102030405060708ull, kinds.b);
	ASSERT_TRUE(IsEqualGUID(&IID_IPmpTestKinds, &kinds.c));
	ASSERT_EQ(0, memcmp(d, kinds.d, sizeof(d)));
	ASSERT_STREQ("hey", kinds.e);
	ASSERT_EQ(fd, kinds.f);

	/* The reply: the [out] parameters in order, the string cut at a. */
	reply.size = out.size;
	reply.nfds = out.nfds;
	memcpy(reply.fds, out.fds, sizeof(out.fds));
	out.nfds = 0;
	ASSERT_EQ(0xdeadbeefu, pmp_get_u32(&reply));
	ASSERT_EQ((uint64_t)-2, pmp_get_u64(&reply));
	pmp_get_guid(&reply, &i);
	ASSERT_TRUE(IsEqualGUID(&IID_IPmpTestKinds, &i));
	pmp_get_bytes(&reply, j, sizeof(j));
	ASSERT_EQ(0, memcmp("12345678", j, sizeof(j)));
	pmp_get_str(&reply, k, sizeof(k));
	ASSERT_STREQ("ok", k);
	fd = pmp_take_fd(&reply);
	ASSERT_LE(0, fd);
	ASSERT_TRUE(pmp_rmsg_done(&reply));
	ASSERT_EQ(0, close(fd));
	pmp_rmsg_cleanup(&reply);
	pmp_rmsg_cleanup(&in);
}

TEST(stub_hands_an_iid_is_pointer_back_only_with_a_pair)
{
	const struct pmp_ps_pair *pair = pmp_ps_find(&IID_IPmpTestKinds);
	uint8_t inbuf[16], outbuf[16];
	struct pmp_rmsg in = { .buf = inbuf, .size = sizeof(inbuf) };
	PMP_WMSG(w, inbuf);
	PMP_WMSG(out, outbuf);

	kinds.iface.lpVtbl = &kinds_vtbl;
	kinds.refs = 1;
	pmp_put_guid(&w, &IID_IUnknown);
	ASSERT_HR(S_OK, pmp_stub_invoke(pair, (IUnknown *)&kinds.iface, 4,
					&in, &out));
	ASSERT_EQ((IUnknown *)&kinds.iface, out.obj);
	/* The pair's IID, which outlives the call. */
	ASSERT_EQ(&IID_IUnknown, out.obj_iid);
	ASSERT_EQ(2u, kinds.refs);
	pmp_wmsg_cleanup(&out);
	ASSERT_EQ(1u, kinds.refs);

	/* IClassFactory has no pair: the object goes back, E_NOINTERFACE. */
	w.size = 0;
	pmp_put_guid(&w, &IID_IClassFactory);
	in.pos = 0;
	ASSERT_HR(E_NOINTERFACE, pmp_stub_invoke(pair,
						 (IUnknown *)&kinds.iface, 4,
						 &in, &out));
	ASSERT_EQ(NULL, out.obj);
	ASSERT_EQ(1u, kinds.refs);
}

TEST(passed_objects_travel_as_indexes_in_parameter_order)
{
	static const uint8_t want[] = { 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0,
					1, 0, 0, 0 };
	pmp_obj a = { .id = 1 }, b = { .id = 2 };
	uint8_t buf[4 * (PMP_MAX_OBJS + 2)];
	PMP_WMSG(m, buf);
	int i;

	pmp_put_passed(&m, NULL);
	pmp_put_passed(&m, &a);
	pmp_put_passed(&m, &b);
	ASSERT_FALSE(m.overflow);
	ASSERT_EQ(sizeof(want), m.size);
	ASSERT_EQ(0, memcmp(want, buf, sizeof(want)));
	ASSERT_EQ(2u, m.nobjs);
	ASSERT_EQ(&a, m.objs[0]);
	ASSERT_EQ(&b, m.objs[1]);

	/* The kernel's PMP_OBJS_MAX: one more never leaves. */
	for (i = 2; i < PMP_MAX_OBJS; i++)
		pmp_put_passed(&m, &a);
	ASSERT_FALSE(m.overflow);
	ASSERT_EQ((uint32_t)PMP_MAX_OBJS, m.nobjs);
	pmp_put_passed(&m, &a);
	ASSERT_TRUE(m.overflow);
	ASSERT_EQ((uint32_t)PMP_MAX_OBJS, m.nobjs);
	pmp_wmsg_cleanup(&m);
	ASSERT_EQ(0u, m.nobjs);
}

/* Take(objs[first], objs[second] or NULL, 7) from the host's @objs. */
static HRESULT invoke_take(uint32_t first, uint32_t second, IUnknown **objs,
			   uint32_t nobjs)
{
	const struct pmp_ps_pair *pair = pmp_ps_find(&IID_IPmpTestKinds);
	uint8_t inbuf[12], outbuf[16];
	struct pmp_rmsg in = { .buf = inbuf, .size = sizeof(inbuf) };
	PMP_WMSG(w, inbuf);
	PMP_WMSG(out, outbuf);
	HRESULT hr;

	pmp_put_u32(&w, first);
	pmp_put_u32(&w, second);
	pmp_put_u32(&w, 7);
	memcpy(in.objs, objs, nobjs * sizeof(*objs));
	in.nobjs = nobjs;
	hr = pmp_stub_invoke(pair, (IUnknown *)&kinds.iface, 5, &in, &out);
	pmp_wmsg_cleanup(&out);
	return hr;
}

static void reset_take(void)
{
	memset(&kinds, 0, sizeof(kinds));
	kinds.iface.lpVtbl = &kinds_vtbl;
	kinds.refs = 1;
	plain.iface.lpVtbl = &plain_vtbl;
	plain.refs = 1;
}

TEST(stub_passes_the_hosts_objects_as_their_declared_interfaces)
{
	IUnknown *objs[2] = { (IUnknown *)&kinds.iface, &plain.iface };

	reset_take();
	ASSERT_HR(S_OK, invoke_take(0, 1, objs, 2));
	ASSERT_EQ(1u, kinds.takes);
	ASSERT_EQ(&kinds.iface, kinds.taken);
	ASSERT_EQ(&plain.iface, kinds.maybe);
	ASSERT_EQ(7, kinds.after);
	/* One reference each for the call, given back after it. */
	ASSERT_EQ(2u, kinds.refs_in_take);
	ASSERT_EQ(1u, kinds.refs);
	ASSERT_EQ(1u, plain.refs);

	/* [unique]: NULL, and the objects are what the pointers name. */
	ASSERT_HR(S_OK, invoke_take(0, PMP_NO_OBJECT, objs, 1));
	ASSERT_EQ(2u, kinds.takes);
	ASSERT_EQ(&kinds.iface, kinds.taken);
	ASSERT_EQ(NULL, kinds.maybe);
	ASSERT_EQ(1u, kinds.refs);
}

TEST(stub_answers_e_nointerface_for_an_object_without_the_interface)
{
	IUnknown *objs[2] = { &plain.iface, &plain.iface };

	reset_take();
	ASSERT_HR(E_NOINTERFACE, invoke_take(0, 1, objs, 2));
	ASSERT_EQ(0u, kinds.takes);
	/* The second one was given as IUnknown, and given back. */
	ASSERT_EQ(1u, plain.refs);
}

TEST(stub_refuses_objects_out_of_order_unused_or_null_without_calling)
{
	IUnknown *objs[2] = { (IUnknown *)&kinds.iface, &plain.iface };
	const HRESULT bad = HRESULT_FROM_WIN32(RPC_X_BAD_STUB_DATA);

	reset_take();
	/* Not [unique]: NULL is bad data, as is a second use of index 0. */
	ASSERT_HR(bad, invoke_take(PMP_NO_OBJECT, PMP_NO_OBJECT, objs, 0));
	ASSERT_HR(bad, invoke_take(0, 0, objs, 1));
	ASSERT_HR(bad, invoke_take(1, 0, objs, 2));
	ASSERT_HR(bad, invoke_take(0, 2, objs, 2));
	/* An object the call passed and no parameter names. */
	ASSERT_HR(bad, invoke_take(0, PMP_NO_OBJECT, objs, 2));
	ASSERT_EQ(0u, kinds.takes);
	ASSERT_EQ(1u, kinds.refs);
	ASSERT_EQ(1u, plain.refs);
}

/*
 * Proxies on a server whose endpoint is no descriptor: a call that is
 * made fails with E_HANDLE (EBADF), one refused before is E_INVALIDARG.
 */
static struct pmp_server fake_servers[2] = {
	{ .refs = 1000, .fd = -1 },
	{ .refs = 1000, .fd = -1 },
};

/* A proxy, of interface @iid, of object @id of the fake server @srv. */
static void *fake_proxy_of(struct pmp_server *srv, uint64_t id,
			   const IID *iid)
{
	pmp_obj *obj = calloc(1, sizeof(*obj));
	void *proxy = NULL;

	if (!obj)
		return NULL;
	srv->pid = getpid();
	obj->srv = pmp_server_ref(srv);
	obj->handle = id;
	obj->id = id;
	pmp_proxy_from_obj(obj, pmp_ps_find(iid), &proxy);
	return proxy;
}

static IPmpTestCounter *fake_proxy(struct pmp_server *srv, uint64_t id)
{
	return fake_proxy_of(srv, id, &IID_IPmpTestCounter);
}

TEST(proxy_passes_only_proxies_of_its_own_host)
{
	IPmpTestCounter *a = fake_proxy(&fake_servers[0], 1);
	IPmpTestCounter *b = fake_proxy(&fake_servers[0], 2);
	IPmpTestCounter *other = fake_proxy(&fake_servers[1], 1);
	LONG value = 5;

	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	ASSERT_NE(NULL, other);
	reset_take();
	ASSERT_HR(E_POINTER, IPmpTestCounter_AddCounter(a, NULL, &value));
	/* A local object, and a proxy of another host: never sent. */
	ASSERT_HR(E_INVALIDARG,
		  IPmpTestCounter_AddCounter(a, (IPmpTestCounter *)&kinds.iface,
					     &value));
	ASSERT_HR(E_INVALIDARG, IPmpTestCounter_AddCounter(a, other, &value));
	ASSERT_EQ(1u, kinds.refs);
	/* Proxies of the host, the called one too: sent. */
	ASSERT_HR(E_HANDLE, IPmpTestCounter_AddCounter(a, b, &value));
	ASSERT_HR(E_HANDLE, IPmpTestCounter_AddCounter(a, a, &value));
	ASSERT_EQ(5, value);
	ASSERT_EQ(0u, IPmpTestCounter_Release(other));
	ASSERT_EQ(0u, IPmpTestCounter_Release(b));
	ASSERT_EQ(0u, IPmpTestCounter_Release(a));
	ASSERT_EQ(1000u, fake_servers[0].refs);
}

TEST(native_call_refuses_objects_of_another_server_without_calling)
{
	pmp_obj called = { .srv = &fake_servers[0], .handle = 1 };
	pmp_obj mine = { .srv = &fake_servers[0], .handle = 2 };
	pmp_obj theirs = { .srv = &fake_servers[1], .handle = 2 };
	pmp_obj *objs[PMP_MAX_OBJS + 1];
	struct pmp_call_args args = { .in_objs = objs, .in_nobjs = 1 };
	int i;

	for (i = 0; i <= PMP_MAX_OBJS; i++)
		objs[i] = &mine;
	fake_servers[0].pid = getpid();
	/* The control: the endpoint is reached, and is no descriptor. */
	ASSERT_EQ(-EBADF, pmp_obj_call(&called, &args));
	args.in_nobjs = PMP_MAX_OBJS;
	ASSERT_EQ(-EBADF, pmp_obj_call(&called, &args));
	args.in_nobjs = PMP_MAX_OBJS + 1;
	ASSERT_EQ(-EMSGSIZE, pmp_obj_call(&called, &args));
	args.in_nobjs = 2;
	objs[1] = &theirs;
	ASSERT_EQ(-EINVAL, pmp_obj_call(&called, &args));
	objs[1] = NULL;
	ASSERT_EQ(-EINVAL, pmp_obj_call(&called, &args));
	args.in_objs = NULL;
	ASSERT_EQ(-EINVAL, pmp_obj_call(&called, &args));
	args.in_nobjs = 0;
	ASSERT_EQ(-EBADF, pmp_obj_call(&called, &args));
}

/* ---- byte blobs ---- */

#define BLOBS_SLOT 6

/* A Blobs call of @n bytes (a pattern) and @room, its size saying @size. */
static void pack_blobs(struct pmp_wmsg *w, uint32_t n, uint32_t size,
		       uint32_t room)
{
	uint8_t bytes[4096];
	uint32_t i;

	for (i = 0; i < n && i < sizeof(bytes); i++)
		bytes[i] = (uint8_t)(i * 7);
	pmp_put_blob(w, bytes, n);
	pmp_put_u32(w, size);
	pmp_put_u32(w, room);
}

static void reset_blobs(DWORD length, int fd)
{
	kinds.iface.lpVtbl = &kinds_vtbl;
	kinds.blob_calls = 0;
	kinds.blob_n = kinds.blob_room = 0;
	kinds.blob_length = length;
	kinds.blob_fd = fd;
}

TEST(stub_carries_blobs_both_ways_beyond_a_small_message)
{
	const struct pmp_ps_pair *pair = pmp_ps_find(&IID_IPmpTestKinds);
	static uint8_t inbuf[8192];
	uint8_t outbuf[PMP_MSG_MAX];
	struct pmp_rmsg in = { .buf = inbuf }, reply;
	PMP_WMSG(w, inbuf);
	PMP_WMSG(out, outbuf);
	const uint8_t *bytes;
	uint32_t i;

	ASSERT_NE(NULL, pair);
	reset_blobs(3000, -1);
	pack_blobs(&w, 4000, 4000, 3000);
	ASSERT_FALSE(w.overflow);
	ASSERT_EQ(4u + 4000 + 4 + 4, w.size);
	in.size = w.size;
	out.own_fds = true;
	ASSERT_HR(S_OK, pmp_stub_invoke(pair, (IUnknown *)&kinds.iface,
					BLOBS_SLOT, &in, &out));
	ASSERT_EQ(1u, kinds.blob_calls);
	ASSERT_EQ(4000u, kinds.blob_n);
	ASSERT_EQ(3000u, kinds.blob_room);
	for (i = 0; i < 4000; i++)
		ASSERT_EQ((uint8_t)(i * 7), kinds.blob_in[i]);
	/* The reply outgrew its 512 bytes: length, bytes, length, no fd. */
	ASSERT_NE(NULL, out.heap);
	ASSERT_EQ(out.heap, out.buf);
	ASSERT_EQ(4u + 3000 + 4 + 4, out.size);
	reply = (struct pmp_rmsg){ .buf = out.buf, .size = out.size };
	ASSERT_EQ(3000u, pmp_get_blob(&reply, &bytes, PMP_PS_BLOB_MAX));
	for (i = 0; i < 3000; i++)
		ASSERT_EQ(0xa5, bytes[i]);
	ASSERT_EQ(3000u, pmp_get_u32(&reply));
	ASSERT_EQ(PMP_NO_FD, pmp_get_u32(&reply));
	ASSERT_TRUE(pmp_rmsg_done(&reply));
	ASSERT_EQ(0u, out.nfds);
	pmp_wmsg_cleanup(&out);
	ASSERT_EQ(NULL, out.heap);
	ASSERT_EQ(0u, out.size);
}

TEST(stub_carries_empty_blobs_and_a_unique_descriptor)
{
	const struct pmp_ps_pair *pair = pmp_ps_find(&IID_IPmpTestKinds);
	uint8_t inbuf[PMP_MSG_MAX], outbuf[PMP_MSG_MAX];
	struct pmp_rmsg in = { .buf = inbuf }, reply;
	PMP_WMSG(w, inbuf);
	PMP_WMSG(out, outbuf);
	const uint8_t *bytes;
	int fd = dup(STDERR_FILENO);

	ASSERT_LE(0, fd);
	reset_blobs(0, fd);
	pack_blobs(&w, 0, 0, 0);
	in.size = w.size;
	out.own_fds = true;
	ASSERT_HR(S_OK, pmp_stub_invoke(pair, (IUnknown *)&kinds.iface,
					BLOBS_SLOT, &in, &out));
	ASSERT_EQ(1u, kinds.blob_calls);
	ASSERT_EQ(0u, kinds.blob_n);
	ASSERT_EQ(NULL, out.heap);
	reply = (struct pmp_rmsg){ .buf = out.buf, .size = out.size,
				   .nfds = out.nfds };
	memcpy(reply.fds, out.fds, sizeof(out.fds));
	out.nfds = 0;
	ASSERT_EQ(0u, pmp_get_blob(&reply, &bytes, PMP_PS_BLOB_MAX));
	ASSERT_EQ(0u, pmp_get_u32(&reply));
	ASSERT_EQ(fd, pmp_take_fd_or_none(&reply));
	ASSERT_TRUE(pmp_rmsg_done(&reply));
	ASSERT_EQ(0, close(fd));
	pmp_rmsg_cleanup(&reply);
}

TEST(stub_refuses_a_blob_unlike_its_size_or_too_long_without_calling)
{
	const struct pmp_ps_pair *pair = pmp_ps_find(&IID_IPmpTestKinds);
	static uint8_t inbuf[PMP_PS_BLOB_MAX + 64];
	uint8_t outbuf[PMP_MSG_MAX];
	struct pmp_rmsg in = { .buf = inbuf };
	PMP_WMSG(w, inbuf);
	PMP_WMSG(out, outbuf);

	reset_blobs(0, -1);
	/* The control: the same call, with agreeing sizes, is made. */
	pack_blobs(&w, 10, 10, 0);
	in = (struct pmp_rmsg){ .buf = inbuf, .size = w.size };
	ASSERT_HR(S_OK, pmp_stub_invoke(pair, (IUnknown *)&kinds.iface,
					BLOBS_SLOT, &in, &out));
	ASSERT_EQ(1u, kinds.blob_calls);
	pmp_wmsg_cleanup(&out);
	/* 10 bytes said to be 11, or 9. */
	w.size = 0;
	pack_blobs(&w, 10, 11, 0);
	in = (struct pmp_rmsg){ .buf = inbuf, .size = w.size };
	ASSERT_HR(PMP_E_BAD_STUB_DATA,
		  pmp_stub_invoke(pair, (IUnknown *)&kinds.iface, BLOBS_SLOT,
				  &in, &out));
	w.size = 0;
	pack_blobs(&w, 10, 9, 0);
	in = (struct pmp_rmsg){ .buf = inbuf, .size = w.size };
	ASSERT_HR(PMP_E_BAD_STUB_DATA,
		  pmp_stub_invoke(pair, (IUnknown *)&kinds.iface, BLOBS_SLOT,
				  &in, &out));
	/* A length beyond the bytes there, and one beyond PMP_PS_BLOB_MAX. */
	w.size = 0;
	pmp_put_u32(&w, 100);
	pmp_put_bytes(&w, inbuf, 10);
	in = (struct pmp_rmsg){ .buf = inbuf, .size = w.size };
	ASSERT_HR(PMP_E_BAD_STUB_DATA,
		  pmp_stub_invoke(pair, (IUnknown *)&kinds.iface, BLOBS_SLOT,
				  &in, &out));
	w.size = 0;
	pmp_put_u32(&w, PMP_PS_BLOB_MAX + 1);
	w.size += PMP_PS_BLOB_MAX + 1;
	pmp_put_u32(&w, PMP_PS_BLOB_MAX + 1);
	pmp_put_u32(&w, 0);
	ASSERT_FALSE(w.overflow);
	in = (struct pmp_rmsg){ .buf = inbuf, .size = w.size };
	ASSERT_HR(PMP_E_BAD_STUB_DATA,
		  pmp_stub_invoke(pair, (IUnknown *)&kinds.iface, BLOBS_SLOT,
				  &in, &out));
	ASSERT_EQ(1u, kinds.blob_calls);
	ASSERT_EQ(0u, out.size);
}

TEST(stub_cuts_a_blobs_room_and_refuses_an_object_that_overruns_it)
{
	const struct pmp_ps_pair *pair = pmp_ps_find(&IID_IPmpTestKinds);
	uint8_t inbuf[PMP_MSG_MAX], outbuf[PMP_MSG_MAX];
	struct pmp_rmsg in;
	PMP_WMSG(w, inbuf);
	PMP_WMSG(out, outbuf);
	int fd = dup(STDERR_FILENO);

	ASSERT_LE(0, fd);
	reset_blobs(0, -1);
	pack_blobs(&w, 0, 0, 1u << 20);
	in = (struct pmp_rmsg){ .buf = inbuf, .size = w.size };
	ASSERT_HR(S_OK, pmp_stub_invoke(pair, (IUnknown *)&kinds.iface,
					BLOBS_SLOT, &in, &out));
	ASSERT_EQ((DWORD)PMP_PS_BLOB_MAX, kinds.blob_room);
	pmp_wmsg_cleanup(&out);
	/* Says it wrote more than its room: nothing goes back, fd closed. */
	reset_blobs(101, fd);
	w.size = 0;
	pack_blobs(&w, 0, 0, 100);
	in = (struct pmp_rmsg){ .buf = inbuf, .size = w.size };
	out.own_fds = true;
	ASSERT_HR(E_UNEXPECTED, pmp_stub_invoke(pair, (IUnknown *)&kinds.iface,
						BLOBS_SLOT, &in, &out));
	ASSERT_EQ(1u, kinds.blob_calls);
	ASSERT_EQ(0u, out.size);
	ASSERT_EQ(0u, out.nfds);
	ASSERT_EQ(-1, fcntl(fd, F_GETFD));
	ASSERT_EQ(EBADF, errno);
}

TEST(proxy_checks_blobs_before_sending)
{
	IPmpTestKinds *proxy =
		fake_proxy_of(&fake_servers[0], 1, &IID_IPmpTestKinds);
	static BYTE bytes[PMP_PS_BLOB_MAX + 1];
	BYTE back[16];
	DWORD length = 7;
	int fd = 7;

	ASSERT_NE(NULL, proxy);
	ASSERT_HR(E_POINTER, IPmpTestKinds_Blobs(proxy, NULL, 1, sizeof(back),
						 back, &length, &fd));
	ASSERT_HR(E_INVALIDARG,
		  IPmpTestKinds_Blobs(proxy, bytes, PMP_PS_BLOB_MAX + 1,
				      sizeof(back), back, &length, &fd));
	ASSERT_HR(E_POINTER, IPmpTestKinds_Blobs(proxy, bytes, 1, sizeof(back),
						 NULL, &length, &fd));
	ASSERT_HR(E_POINTER, IPmpTestKinds_Blobs(proxy, bytes, 1, sizeof(back),
						 back, NULL, &fd));
	/* The controls reach the call (an endpoint that is no descriptor). */
	ASSERT_HR(E_HANDLE, IPmpTestKinds_Blobs(proxy, NULL, 0, sizeof(back),
						back, &length, &fd));
	ASSERT_HR(E_HANDLE,
		  IPmpTestKinds_Blobs(proxy, bytes, PMP_PS_BLOB_MAX,
				      PMP_PS_BLOB_MAX, bytes, &length, &fd));
	ASSERT_EQ(-1, fd);
	ASSERT_EQ(0u, IPmpTestKinds_Release(proxy));
	ASSERT_EQ(1000u, fake_servers[0].refs);
}

TEST_HARNESS_MAIN
