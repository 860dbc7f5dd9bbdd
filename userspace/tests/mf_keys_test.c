// SPDX-License-Identifier: GPL-2.0
/*
 * mf_keys_test.c - ClearKey licenses (pmp_clearkey_parse) and the key
 * store of a PMP media session (IPmpKeyStore, pmp_key_store_*)
 *
 * The licenses follow the W3C Encrypted Media Extensions' Clear Key license
 * format; what pmp refuses beyond it (padding, non-canonical base64url,
 * repeated members, a "type" other than "temporary") is pmp's decision,
 * Documentation/userspace-api/mf.rst, "ClearKey licenses".  Every refusal
 * is checked to leave the caller's buffer untouched.  Linked with
 * libpmp.a: the parser and the store are internal.
 */

#define _GNU_SOURCE
#define COBJMACROS
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include <pmpmedia.h>

#include "com_helpers.h"
#include "mf/keys.h"

/* Key ids and keys: 16 consecutive byte values from the one named. */
#define B64_00 "AAECAwQFBgcICQoLDA0ODw"
#define B64_10 "EBESExQVFhcYGRobHB0eHw"
#define B64_20 "ICEiIyQlJicoKSorLC0uLw"
#define B64_30 "MDEyMzQ1Njc4OTo7PD0-Pw" /* a '-' digit */
#define B64_A0 "oKGio6SlpqeoqaqrrK2urw"
#define B64_31 "MTIzNDU2Nzg5Ojs8PT4_QA" /* a '_' digit */
#define B64_FF "_____________________w" /* 16 bytes of 0xff */

#define JWK(kid, k) "{\"kty\":\"oct\",\"kid\":\"" kid "\",\"k\":\"" k "\"}"
#define LICENSE(jwks) "{\"keys\":[" jwks "]}"
#define ONE_KEY LICENSE(JWK(B64_00, B64_10))
/* ONE_KEY with a "type" of @value. */
#define TYPED(value) \
	"{\"keys\":[" JWK(B64_00, B64_10) "],\"type\":" value "}"

/* A literal's bytes, NULs included, without the terminating one. */
#define LIT(s) s, sizeof(s) - 1

/* A byte no parser writes, to see that a refusal writes nothing. */
#define UNTOUCHED 0x5a

static void seq(uint8_t *out, unsigned int first)
{
	unsigned int i;

	for (i = 0; i < 16; i++)
		out[i] = first + i;
}

/* Whether @key is the 16 bytes from @kid_first and from @key_first. */
static bool key_is(const struct pmp_clearkey *key, unsigned int kid_first,
		   unsigned int key_first)
{
	uint8_t kid[16], k[16];

	seq(kid, kid_first);
	seq(k, key_first);
	return !memcmp(key->kid, kid, 16) && !memcmp(key->key, k, 16);
}

static bool untouched(const struct pmp_clearkey *keys, size_t n)
{
	const uint8_t *b = (const uint8_t *)keys;
	size_t i;

	for (i = 0; i < n * sizeof(*keys); i++)
		if (b[i] != UNTOUCHED)
			return false;
	return true;
}

static int parse(const char *json, size_t len, struct pmp_clearkey *keys,
		 size_t *count)
{
	return pmp_clearkey_parse(json, len, keys, PMP_CLEARKEY_KEYS_MAX,
				  count);
}

/* A key: the key id 16 bytes from @kid, the key 16 bytes from @key. */
struct want {
	unsigned int kid;
	unsigned int key;
};

/* @json is a license of exactly the keys @want, in that order. */
static void expect_keys(struct __test_metadata *_metadata, const char *json,
			size_t len, const struct want *want, size_t count)
{
	struct pmp_clearkey keys[PMP_CLEARKEY_KEYS_MAX];
	size_t i, n = 99;

	ASSERT_EQ(0, parse(json, len, keys, &n));
	ASSERT_EQ(count, n);
	for (i = 0; i < n; i++)
		EXPECT_TRUE(key_is(&keys[i], want[i].kid, want[i].key))
			TH_LOG("key %zu", i);
}

#define EXPECT_KEYS(json, ...) do { \
	static const struct want __want[] = { __VA_ARGS__ }; \
	expect_keys(_metadata, LIT(json), __want, ARRAY_SIZE(__want)); \
} while (0)

/* The unpadded base64url of 16 bytes from @first, into @out (25 bytes). */
static void b64url(char *out, unsigned int first)
{
	uint8_t bytes[16];
	char *c;

	seq(bytes, first);
	EVP_EncodeBlock((unsigned char *)out, bytes, 16);
	for (c = out; *c; c++)
		*c = *c == '+' ? '-' : *c == '/' ? '_' : *c;
	out[22] = '\0';
}

/*
 * A license of @n JWKs, the i-th of key id 16 bytes from @kid_first +
 * i * @kid_step and of key 16 bytes from i + 0x80, padded with spaces to
 * @size bytes when @size is larger.  A NUL follows; freed by the caller.
 */
static char *license_of(unsigned int n, unsigned int kid_first,
			unsigned int kid_step, size_t size, size_t *len)
{
	char kid[25], k[25];
	size_t cap = 64 + n * 80 + size + 1, off;
	char *s = malloc(cap);
	unsigned int i;

	if (!s)
		return NULL;
	off = snprintf(s, cap, "{\"keys\":[");
	for (i = 0; i < n; i++) {
		b64url(kid, kid_first + i * kid_step);
		b64url(k, i + 0x80);
		off += snprintf(s + off, cap - off, "%s" JWK("%s", "%s"),
				i ? "," : "", kid, k);
	}
	off += snprintf(s + off, cap - off, "]}");
	while (off < size)
		s[off++] = ' ';
	s[off] = '\0';
	*len = off;
	return s;
}

/* ---- licenses taken ---- */

TEST(one_key_gives_its_kid_and_key)
{
	EXPECT_KEYS(ONE_KEY, { 0x00, 0x10 });
}

TEST(several_keys_come_in_license_order)
{
	EXPECT_KEYS(LICENSE(JWK(B64_20, B64_30) "," JWK(B64_00, B64_10) ","
			    JWK(B64_31, B64_A0)),
		    { 0x20, 0x30 }, { 0x00, 0x10 }, { 0x31, 0xa0 });
}

TEST(whitespace_between_any_tokens_is_allowed)
{
	static const char json[] =
		" \t\r\n{ \t\r\n\"keys\" \n:\r [\t{\n\"kty\"\r:\t\"oct\" ,"
		"\n\"kid\" : \"" B64_00 "\"\t,\r\"k\"\n:\n\"" B64_10 "\" }"
		" \n] , \"type\" : \"temporary\" \r\n}\t \r\n";

	EXPECT_KEYS(json, { 0x00, 0x10 });
}

TEST(members_come_in_any_order)
{
	static const char json[] =
		"{\"type\":\"temporary\",\"keys\":["
		"{\"k\":\"" B64_10 "\",\"kid\":\"" B64_00 "\",\"kty\":\"oct\"},"
		"{\"kid\":\"" B64_20 "\",\"kty\":\"oct\",\"k\":\"" B64_30 "\"}"
		"]}";

	EXPECT_KEYS(json, { 0x00, 0x10 }, { 0x20, 0x30 });
}

TEST(unknown_members_of_every_json_type_are_skipped)
{
	static const char json[] =
		"{\"version\":1,\"x\":-0.5e+10,\"y\":0,\"z\":12.25E-3,"
		"\"t\":true,\"f\":false,\"n\":null,\"s\":\"a\\\"b\\\\\\/\","
		"\"o\":{\"a\":[1,{\"b\":[]},\"c\"],\"e\":{}},\"arr\":[[[]]],"
		"\"keys\":[{\"alg\":\"A128KW\",\"kty\":\"oct\",\"use\":\"enc\","
		"\"kid\":\"" B64_00 "\",\"ext\":{\"kid\":1},\"k\":\"" B64_10
		"\",\"key_ops\":[\"decrypt\"],\"k2\":null}],"
		"\"kids\":[\"" B64_20 "\"],\"type\":\"temporary\","
		"\"a long member name that is no member of a license\":[]}";

	EXPECT_KEYS(json, { 0x00, 0x10 });
}

TEST(type_is_optional_and_may_be_temporary)
{
	EXPECT_KEYS(TYPED("\"temporary\""), { 0x00, 0x10 });
	EXPECT_KEYS(ONE_KEY, { 0x00, 0x10 });
}

TEST(escapes_decode_in_names_and_values)
{
	/*
	 * "keys", "kid", "kty" and "oct" spelled with \u escapes, and the
	 * first digits of the key id and the key: A is \u0041, E \u0045.
	 */
	static const char json[] =
		"{\"\\u006beys\":[{\"\\u006bty\":\"\\u006f\\u0063t\","
		"\"k\\u0069d\":\"\\u0041AECAwQFBgcICQoLDA0ODw\","
		"\"\\u006B\":\"\\u0045BESExQVFhcYGRobHB0eHw\","
		"\"\\ud83d\\ude00 \\u00e9\\u20ac\\b\\f\\n\\r\\t\":"
		"\"\\u0000\"}],"
		"\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\":"
		"\"\xf4\x8f\xbf\xbf\"}";

	EXPECT_KEYS(json, { 0x00, 0x10 });
}

TEST(a_later_jwk_of_a_key_id_gives_its_key_in_the_first_place)
{
	EXPECT_KEYS(LICENSE(JWK(B64_00, B64_10) "," JWK(B64_20, B64_30) ","
			    JWK(B64_00, B64_A0)),
		    { 0x00, 0xa0 }, { 0x20, 0x30 });
}

TEST(sixty_four_jwks_are_taken_sixty_five_refused)
{
	struct pmp_clearkey keys[PMP_CLEARKEY_KEYS_MAX + 1];
	unsigned int i;
	size_t len, n = 0;
	char *json;

	json = license_of(PMP_CLEARKEY_KEYS_MAX, 0, 1, 0, &len);
	ASSERT_NE(NULL, json);
	ASSERT_EQ(0, pmp_clearkey_parse(json, len, keys,
					PMP_CLEARKEY_KEYS_MAX + 1, &n));
	ASSERT_EQ((size_t)PMP_CLEARKEY_KEYS_MAX, n);
	for (i = 0; i < n; i++)
		ASSERT_TRUE(key_is(&keys[i], i, i + 0x80));
	free(json);

	/* Too many JWKs even when they repeat one key id. */
	json = license_of(PMP_CLEARKEY_KEYS_MAX + 1, 0, 0, 0, &len);
	ASSERT_NE(NULL, json);
	memset(keys, UNTOUCHED, sizeof(keys));
	n = 99;
	ASSERT_EQ(-EINVAL, pmp_clearkey_parse(json, len, keys,
					      PMP_CLEARKEY_KEYS_MAX + 1, &n));
	ASSERT_EQ(0U, n);
	ASSERT_TRUE(untouched(keys, PMP_CLEARKEY_KEYS_MAX + 1));
	free(json);
}

TEST(more_keys_than_the_caller_has_room_for_is_enospc)
{
	static const char json[] = LICENSE(JWK(B64_00, B64_10) ","
					   JWK(B64_20, B64_30) ","
					   JWK(B64_00, B64_A0));
	struct pmp_clearkey keys[2];
	size_t n = 99;

	memset(keys, UNTOUCHED, sizeof(keys));
	ASSERT_EQ(-ENOSPC, pmp_clearkey_parse(LIT(json), keys, 1, &n));
	ASSERT_EQ(0U, n);
	ASSERT_TRUE(untouched(keys, 2));
	ASSERT_EQ(-ENOSPC, pmp_clearkey_parse(LIT(json), NULL, 0, &n));
	/* Three JWKs, two key ids: room for two is enough. */
	ASSERT_EQ(0, pmp_clearkey_parse(LIT(json), keys, 2, &n));
	ASSERT_EQ(2U, n);
}

TEST(a_license_of_exactly_the_size_limit_is_taken_one_more_byte_refused)
{
	struct pmp_clearkey keys[PMP_CLEARKEY_KEYS_MAX];
	size_t len, n = 0;
	char *json;

	json = license_of(1, 0, 1, PMP_CLEARKEY_LICENSE_MAX + 1, &len);
	ASSERT_NE(NULL, json);
	ASSERT_EQ((size_t)PMP_CLEARKEY_LICENSE_MAX + 1, len);
	ASSERT_EQ(0, parse(json, len - 1, keys, &n));
	ASSERT_EQ(1U, n);
	memset(keys, UNTOUCHED, sizeof(keys));
	ASSERT_EQ(-EINVAL, parse(json, len, keys, &n));
	ASSERT_EQ(0U, n);
	ASSERT_TRUE(untouched(keys, PMP_CLEARKEY_KEYS_MAX));
	free(json);
}

/*
 * A license with a member holding @depth - 1 containers, arrays and
 * objects in turn, inside each other: @depth open at once in all.
 */
static int parse_nested(unsigned int depth)
{
	struct pmp_clearkey keys[PMP_CLEARKEY_KEYS_MAX];
	static char json[8192];
	size_t n, off;
	unsigned int i;

	off = snprintf(json, sizeof(json),
		       "{\"keys\":[" JWK(B64_00, B64_10) "],\"x\":");
	for (i = 1; i < depth; i++)
		off += snprintf(json + off, sizeof(json) - off, "%s",
				i % 2 ? "[" : "{\"a\":");
	json[off++] = '0';
	for (i = depth - 1; i > 0; i--)
		json[off++] = i % 2 ? ']' : '}';
	json[off++] = '}';
	return parse(json, off, keys, &n);
}

TEST(nesting_up_to_the_limit_is_taken_beyond_refused)
{
	ASSERT_EQ(0, parse_nested(2));
	ASSERT_EQ(0, parse_nested(PMP_CLEARKEY_DEPTH_MAX));
	ASSERT_EQ(-EINVAL, parse_nested(PMP_CLEARKEY_DEPTH_MAX + 1));
	ASSERT_EQ(-EINVAL, parse_nested(1000));
}

/*
 * Every proper prefix of a license, placed to end where a PROT_NONE page
 * begins: each is refused, and a read past its length would fault.
 */
TEST(no_prefix_is_a_license_and_none_is_read_past_its_length)
{
	static const char json[] =
		"{\"keys\":[" JWK(B64_00, B64_10) ",{\"x\":[1.5e3,true,null,"
		"\"\\u00e9\xc3\xa9\"],\"kty\":\"oct\",\"kid\":\"" B64_20 "\","
		"\"k\":\"" B64_30 "\"}],\"type\":\"temporary\"}";
	struct pmp_clearkey keys[PMP_CLEARKEY_KEYS_MAX];
	long page = sysconf(_SC_PAGESIZE);
	size_t len, n;
	char *map;

	map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, map);
	ASSERT_EQ(0, mprotect(map + page, page, PROT_NONE));
	for (len = 1; len < sizeof(json) - 1; len++) {
		memcpy(map + page - len, json, len);
		memset(keys, UNTOUCHED, sizeof(keys));
		n = 99;
		EXPECT_EQ(-EINVAL, parse(map + page - len, len, keys, &n))
			TH_LOG("prefix of %zu bytes", len);
		EXPECT_EQ(0U, n);
		EXPECT_TRUE(untouched(keys, PMP_CLEARKEY_KEYS_MAX));
	}
	memcpy(map + page - len, json, len);
	ASSERT_EQ(0, parse(map + page - len, len, keys, &n));
	ASSERT_EQ(2U, n);
	munmap(map, 2 * page);
}

/* ---- licenses refused ---- */

struct bad_case {
	const char *what;
	const char *json;
	size_t len;
};

#define BAD(what, s) { what, LIT(s) }

static void expect_refused(struct __test_metadata *_metadata,
			   const struct bad_case *cases, size_t count)
{
	struct pmp_clearkey keys[PMP_CLEARKEY_KEYS_MAX];
	size_t i, n;

	for (i = 0; i < count; i++) {
		memset(keys, UNTOUCHED, sizeof(keys));
		n = 99;
		EXPECT_EQ(-EINVAL, parse(cases[i].json, cases[i].len, keys,
					 &n))
			TH_LOG("%s: taken", cases[i].what);
		EXPECT_EQ(0U, n);
		EXPECT_TRUE(untouched(keys, PMP_CLEARKEY_KEYS_MAX))
			TH_LOG("%s: keys written", cases[i].what);
	}
}

/* A license whose JWK is {"kty":"oct", MEMBERS}. */
#define WITH_JWK(members) "{\"keys\":[{\"kty\":\"oct\"," members "}]}"
#define KID_OK "\"kid\":\"" B64_00 "\""
#define K_OK "\"k\":\"" B64_10 "\""

TEST(json_syntax_errors_are_refused)
{
	static const struct bad_case cases[] = {
		BAD("empty", ""),
		BAD("whitespace only", " \n\t\r "),
		BAD("truncated in a string", "{\"keys\":[{\"kty\":\"oc"),
		BAD("unclosed object", "{\"keys\":[" JWK(B64_00, B64_10) "]"),
		BAD("unclosed array", "{\"keys\":[" JWK(B64_00, B64_10) "}"),
		BAD("trailing garbage", ONE_KEY "x"),
		BAD("trailing garbage after space", ONE_KEY " ,"),
		BAD("two objects", ONE_KEY ONE_KEY),
		BAD("trailing comma in object",
		    "{\"keys\":[" JWK(B64_00, B64_10) "],}"),
		BAD("trailing comma in array",
		    "{\"keys\":[" JWK(B64_00, B64_10) ",]}"),
		BAD("trailing comma in skipped array",
		    "{\"x\":[1,],\"keys\":[" JWK(B64_00, B64_10) "]}"),
		BAD("missing colon", "{\"keys\"[" JWK(B64_00, B64_10) "]}"),
		BAD("missing comma", WITH_JWK(KID_OK K_OK)),
		BAD("empty member", "{,\"keys\":[" JWK(B64_00, B64_10) "]}"),
		BAD("single quotes", "{'keys':[" JWK(B64_00, B64_10) "]}"),
		BAD("unquoted name", "{keys:[" JWK(B64_00, B64_10) "]}"),
		BAD("comment", "{/**/\"keys\":[" JWK(B64_00, B64_10) "]}"),
		BAD("byte order mark", "\xef\xbb\xbf" ONE_KEY),
		BAD("leading zero", "{\"x\":01,\"keys\":[" JWK(B64_00,
								B64_10)
		    "]}"),
		BAD("no digit after point", "{\"x\":1.,\"keys\":[" JWK(
			B64_00, B64_10) "]}"),
		BAD("no digit before point", "{\"x\":.5,\"keys\":[" JWK(
			B64_00, B64_10) "]}"),
		BAD("no exponent digit", "{\"x\":1e+,\"keys\":[" JWK(
			B64_00, B64_10) "]}"),
		BAD("minus alone", "{\"x\":-,\"keys\":[" JWK(B64_00, B64_10)
		    "]}"),
		BAD("plus sign", "{\"x\":+1,\"keys\":[" JWK(B64_00, B64_10)
		    "]}"),
		BAD("hex number", "{\"x\":0x10,\"keys\":[" JWK(B64_00, B64_10)
		    "]}"),
		BAD("NaN", "{\"x\":NaN,\"keys\":[" JWK(B64_00, B64_10) "]}"),
		BAD("short true", "{\"x\":tru,\"keys\":[" JWK(B64_00, B64_10)
		    "]}"),
		BAD("capital null", "{\"x\":Null,\"keys\":[" JWK(B64_00,
								   B64_10)
		    "]}"),
		BAD("missing value", "{\"x\":,\"keys\":[" JWK(B64_00, B64_10)
		    "]}"),
		BAD("raw tab in a string", "{\"x\":\"a\tb\",\"keys\":[" JWK(
			B64_00, B64_10) "]}"),
		BAD("raw newline in a name", "{\"a\nb\":1,\"keys\":[" JWK(
			B64_00, B64_10) "]}"),
		BAD("unknown escape", "{\"x\":\"\\x41\",\"keys\":[" JWK(
			B64_00, B64_10) "]}"),
		BAD("short \\u", "{\"x\":\"\\u12\",\"keys\":[" JWK(B64_00,
								   B64_10)
		    "]}"),
		BAD("non-hex \\u", "{\"x\":\"\\u12g4\",\"keys\":[" JWK(
			B64_00, B64_10) "]}"),
		BAD("lone high surrogate", "{\"x\":\"\\ud800\",\"keys\":[" JWK(
			B64_00, B64_10) "]}"),
		BAD("high surrogate and a letter",
		    "{\"x\":\"\\ud800\\u0041\",\"keys\":[" JWK(B64_00, B64_10)
		    "]}"),
		BAD("lone low surrogate", "{\"x\":\"\\udc00\",\"keys\":[" JWK(
			B64_00, B64_10) "]}"),
		BAD("swapped surrogates",
		    "{\"x\":\"\\ude00\\ud83d\",\"keys\":[" JWK(B64_00, B64_10)
		    "]}"),
		BAD("escape cut by the end", "{\"x\":\"\\"),
	};

	expect_refused(_metadata, cases, ARRAY_SIZE(cases));
}

TEST(invalid_utf8_and_embedded_nul_are_refused)
{
	static const struct bad_case cases[] = {
		BAD("lone continuation byte", "{\"x\":\"\x80\",\"keys\":["
		    JWK(B64_00, B64_10) "]}"),
		BAD("overlong NUL", "{\"x\":\"\xc0\x80\",\"keys\":[" JWK(
			B64_00, B64_10) "]}"),
		BAD("overlong slash", "{\"x\":\"\xe0\x80\xaf\",\"keys\":["
		    JWK(B64_00, B64_10) "]}"),
		BAD("encoded surrogate", "{\"x\":\"\xed\xa0\x80\",\"keys\":["
		    JWK(B64_00, B64_10) "]}"),
		BAD("above U+10FFFF", "{\"x\":\"\xf4\x90\x80\x80\",\"keys\":["
		    JWK(B64_00, B64_10) "]}"),
		BAD("five-byte form", "{\"x\":\"\xf8\x88\x80\x80\x80\","
		    "\"keys\":[" JWK(B64_00, B64_10) "]}"),
		BAD("truncated sequence", "{\"x\":\"\xe2\x82\",\"keys\":["
		    JWK(B64_00, B64_10) "]}"),
		BAD("sequence cut by the end", "{\"x\":\"\xe2\x82"),
		BAD("0xff byte", "{\"x\":\"\xff\",\"keys\":[" JWK(B64_00,
								  B64_10)
		    "]}"),
		BAD("raw non-ASCII outside a string",
		    "{\xc3\xa9\"keys\":[" JWK(B64_00, B64_10) "]}"),
		BAD("NUL before the license", "\0" ONE_KEY),
		BAD("NUL after the license", ONE_KEY "\0"),
		BAD("NUL between tokens", "{\"keys\":\0[" JWK(B64_00, B64_10)
		    "]}"),
		BAD("NUL in a name", "{\"ke\0ys\":[" JWK(B64_00, B64_10)
		    "]}"),
		BAD("NUL in a skipped string", "{\"x\":\"a\0b\",\"keys\":["
		    JWK(B64_00, B64_10) "]}"),
		BAD("NUL in a key", WITH_JWK(KID_OK ",\"k\":\"EBESExQVFhcY"
						    "\0GRobHB0eHw\"")),
	};

	expect_refused(_metadata, cases, ARRAY_SIZE(cases));
}

TEST(licenses_of_the_wrong_shape_are_refused)
{
	static const struct bad_case cases[] = {
		BAD("an array", "[" JWK(B64_00, B64_10) "]"),
		BAD("a string", "\"keys\""),
		BAD("a number", "1"),
		BAD("null", "null"),
		BAD("an empty object", "{}"),
		BAD("no keys", "{\"type\":\"temporary\"}"),
		BAD("empty keys", "{\"keys\":[]}"),
		BAD("keys an object", "{\"keys\":" JWK(B64_00, B64_10) "}"),
		BAD("keys a string", "{\"keys\":\"" B64_00 "\"}"),
		BAD("keys null", "{\"keys\":null}"),
		BAD("keys twice", "{\"keys\":[" JWK(B64_00, B64_10) "],"
		    "\"keys\":[" JWK(B64_20, B64_30) "]}"),
		BAD("a JWK that is an array", "{\"keys\":[[" KID_OK "]]}"),
		BAD("a JWK that is a string", "{\"keys\":[\"" B64_00 "\"]}"),
		BAD("a good JWK and a null", "{\"keys\":[" JWK(B64_00, B64_10)
		    ",null]}"),
		BAD("type persistent-license", TYPED("\"persistent-license\"")),
		BAD("type empty", TYPED("\"\"")),
		BAD("type a prefix", TYPED("\"temp\"")),
		BAD("type longer", TYPED("\"temporary1\"")),
		BAD("type capitalized", TYPED("\"Temporary\"")),
		BAD("type a number", TYPED("1")),
		BAD("type null", TYPED("null")),
		BAD("type twice",
		    "{\"type\":\"temporary\",\"keys\":[" JWK(B64_00, B64_10)
		    "],\"type\":\"temporary\"}"),
	};

	expect_refused(_metadata, cases, ARRAY_SIZE(cases));
}

TEST(jwk_errors_are_refused)
{
	static const struct bad_case cases[] = {
		BAD("no kty", "{\"keys\":[{" KID_OK "," K_OK "}]}"),
		BAD("kty RSA", "{\"keys\":[{\"kty\":\"RSA\"," KID_OK ","
		    K_OK "}]}"),
		BAD("kty OCT", "{\"keys\":[{\"kty\":\"OCT\"," KID_OK ","
		    K_OK "}]}"),
		BAD("kty oct and more", "{\"keys\":[{\"kty\":\"octet\","
		    KID_OK "," K_OK "}]}"),
		BAD("kty empty", "{\"keys\":[{\"kty\":\"\"," KID_OK ","
		    K_OK "}]}"),
		BAD("kty not a string", "{\"keys\":[{\"kty\":[\"oct\"],"
		    KID_OK "," K_OK "}]}"),
		BAD("kty twice", WITH_JWK("\"kty\":\"oct\"," KID_OK ","
					  K_OK)),
		BAD("no kid", WITH_JWK(K_OK)),
		BAD("no k", WITH_JWK(KID_OK)),
		BAD("kid twice", WITH_JWK(KID_OK "," K_OK ","
					  "\"kid\":\"" B64_20 "\"")),
		BAD("k twice", WITH_JWK(KID_OK "," K_OK ","
					"\"k\":\"" B64_30 "\"")),
		BAD("kid a number", WITH_JWK("\"kid\":1," K_OK)),
		BAD("k null", WITH_JWK(KID_OK ",\"k\":null")),
		BAD("k an array", WITH_JWK(KID_OK ",\"k\":[\"" B64_10 "\"]")),
		BAD("one good JWK, one bad", "{\"keys\":["
		    JWK(B64_00, B64_10) "," JWK(B64_20, "") "]}"),
	};

	expect_refused(_metadata, cases, ARRAY_SIZE(cases));
}

TEST(kid_and_k_that_are_not_16_bytes_of_base64url_are_refused)
{
	static const struct bad_case cases[] = {
		BAD("kid empty", WITH_JWK("\"kid\":\"\"," K_OK)),
		BAD("kid of 15 bytes",
		    WITH_JWK("\"kid\":\"AAECAwQFBgcICQoLDA0O\"," K_OK)),
		BAD("kid of 17 bytes",
		    WITH_JWK("\"kid\":\"AAECAwQFBgcICQoLDA0ODxA\"," K_OK)),
		BAD("kid of 21 digits",
		    WITH_JWK("\"kid\":\"AAECAwQFBgcICQoLDA0OD\"," K_OK)),
		BAD("kid of 23 digits",
		    WITH_JWK("\"kid\":\"" B64_00 "A\"," K_OK)),
		BAD("kid padded",
		    WITH_JWK("\"kid\":\"" B64_00 "==\"," K_OK)),
		BAD("k padded", WITH_JWK(KID_OK ",\"k\":\"" B64_10 "==\"")),
		BAD("k of 15 bytes",
		    WITH_JWK(KID_OK ",\"k\":\"EBESExQVFhcYGRobHB0e\"")),
		BAD("k of 32 bytes",
		    WITH_JWK(KID_OK ",\"k\":\"EBESExQVFhcYGRobHB0eHyAhIiMkJS"
				    "YnKCkqKywtLi8\"")),
		BAD("kid in plain base64",
		    WITH_JWK("\"kid\":\"MDEyMzQ1Njc4OTo7PD0+Pw\"," K_OK)),
		BAD("k with a slash",
		    WITH_JWK(KID_OK ",\"k\":\"/____________________w\"")),
		BAD("k with a dot",
		    WITH_JWK(KID_OK ",\"k\":\"EBESExQVFhcYGRob.B0eHw\"")),
		BAD("k with a space",
		    WITH_JWK(KID_OK ",\"k\":\"EBESExQVFhcYGRob B0eHw\"")),
		BAD("k with an escaped slash",
		    WITH_JWK(KID_OK ",\"k\":\"\\/____________________w\"")),
		BAD("k with a letter outside ASCII",
		    WITH_JWK(KID_OK ",\"k\":\"EBESExQVFhcYGRob\xc3\xa9"
				    "0eHw\"")),
		BAD("k with an escaped NUL",
		    WITH_JWK(KID_OK ",\"k\":\"EBESExQVFhcYGRob\\u0000B0eHw\"")),
		BAD("k as hex",
		    WITH_JWK(KID_OK ",\"k\":\"101112131415161718191a1b1c1d1e"
				    "1f\"")),
		/* The last digit's low 4 bits must be zero: 'x' is 'w' + 1. */
		BAD("kid not canonical",
		    WITH_JWK("\"kid\":\"AAECAwQFBgcICQoLDA0ODx\"," K_OK)),
		BAD("k not canonical",
		    WITH_JWK(KID_OK ",\"k\":\"_____________________x\"")),
		BAD("k not canonical in the last bit",
		    WITH_JWK(KID_OK ",\"k\":\"EBESExQVFhcYGRobHB0eHx\"")),
	};

	expect_refused(_metadata, cases, ARRAY_SIZE(cases));
}

TEST(null_arguments_are_refused)
{
	struct pmp_clearkey keys[PMP_CLEARKEY_KEYS_MAX];
	size_t n = 99;

	ASSERT_EQ(-EINVAL, pmp_clearkey_parse(NULL, 10, keys, 1, &n));
	ASSERT_EQ(0U, n);
	ASSERT_EQ(-EINVAL, pmp_clearkey_parse(LIT(ONE_KEY), keys, 1, NULL));
	n = 99;
	ASSERT_EQ(-EINVAL, pmp_clearkey_parse(LIT(ONE_KEY), NULL, 1, &n));
	ASSERT_EQ(0U, n);
}

/* ---- the key store ---- */

#define MISS (-1)

static IPmpKeyStore *new_store(struct __test_metadata *_metadata)
{
	IPmpKeyStore *store = NULL;

	ASSERT_HR(S_OK, pmp_key_store_create(&store));
	ASSERT_NE(NULL, store);
	return store;
}

/*
 * GetKey of the key id 16 bytes from @kid_first: S_OK with the key 16
 * bytes from @key_first, or, with @key_first MISS, MF_E_LICENSE_REQUIRED
 * with the key zeroed.
 */
static void expect_key(struct __test_metadata *_metadata, IPmpKeyStore *store,
		       unsigned int kid_first, int key_first)
{
	uint8_t kid[16], key[16], want[16];

	seq(kid, kid_first);
	memset(key, UNTOUCHED, sizeof(key));
	memset(want, 0, sizeof(want));
	if (key_first < 0) {
		EXPECT_HR(MF_E_LICENSE_REQUIRED,
			  IPmpKeyStore_GetKey(store, kid, key));
	} else {
		seq(want, key_first);
		EXPECT_HR(S_OK, IPmpKeyStore_GetKey(store, kid, key));
	}
	EXPECT_EQ(0, memcmp(want, key, 16))
		TH_LOG("key id from 0x%02x: wrong key bytes", kid_first);
}

TEST(a_new_store_has_no_key_and_a_miss_zeroes_the_key)
{
	IPmpKeyStore *store = new_store(_metadata);

	expect_key(_metadata, store, 0x00, MISS);
	EXPECT_EQ(0U, IPmpKeyStore_Release(store));
}

TEST(get_key_finds_each_key_of_a_license_and_nothing_else)
{
	IPmpKeyStore *store = new_store(_metadata);

	ASSERT_HR(S_OK, pmp_key_store_update(
				store, LICENSE(JWK(B64_00, B64_10) ","
					       JWK(B64_20, B64_30))));
	expect_key(_metadata, store, 0x00, 0x10);
	expect_key(_metadata, store, 0x20, 0x30);
	expect_key(_metadata, store, 0x10, MISS);
	expect_key(_metadata, store, 0x01, MISS);
	IPmpKeyStore_Release(store);
}

TEST(a_malformed_update_is_einvalidarg_and_changes_nothing)
{
	IPmpKeyStore *store = new_store(_metadata);

	ASSERT_HR(S_OK, pmp_key_store_update(store, ONE_KEY));
	/* Its first JWK is good and would replace a key: not even that. */
	EXPECT_HR(E_INVALIDARG,
		  pmp_key_store_update(store, LICENSE(JWK(B64_00, B64_A0) ","
						      JWK(B64_20, B64_30) ","
						      JWK(B64_FF, "x"))));
	EXPECT_HR(E_INVALIDARG, pmp_key_store_update(store, ONE_KEY "x"));
	EXPECT_HR(E_INVALIDARG, pmp_key_store_update(store, ""));
	expect_key(_metadata, store, 0x00, 0x10);
	expect_key(_metadata, store, 0x20, MISS);
	IPmpKeyStore_Release(store);
}

TEST(a_later_update_replaces_keys_of_known_ids_and_adds_the_others)
{
	IPmpKeyStore *store = new_store(_metadata);

	ASSERT_HR(S_OK, pmp_key_store_update(store, ONE_KEY));
	ASSERT_HR(S_OK, pmp_key_store_update(
				store, LICENSE(JWK(B64_20, B64_30) ","
					       JWK(B64_00, B64_A0))));
	expect_key(_metadata, store, 0x00, 0xa0);
	expect_key(_metadata, store, 0x20, 0x30);
	IPmpKeyStore_Release(store);
}

TEST(wipe_forgets_every_key_and_the_store_takes_licenses_again)
{
	IPmpKeyStore *store = new_store(_metadata);
	uint8_t zero[16], key[16];

	ASSERT_HR(S_OK, pmp_key_store_update(
				store, LICENSE(JWK(B64_00, B64_10) ","
					       JWK(B64_20, B64_30))));
	pmp_key_store_wipe(store);
	expect_key(_metadata, store, 0x00, MISS);
	expect_key(_metadata, store, 0x20, MISS);
	/* No slot is left behind, holding a zeroed key id. */
	memset(zero, 0, sizeof(zero));
	EXPECT_HR(MF_E_LICENSE_REQUIRED,
		  IPmpKeyStore_GetKey(store, zero, key));
	pmp_key_store_wipe(store);
	ASSERT_HR(S_OK, pmp_key_store_update(store, ONE_KEY));
	expect_key(_metadata, store, 0x00, 0x10);
	expect_key(_metadata, store, 0x20, MISS);
	IPmpKeyStore_Release(store);
}

TEST(a_store_holds_256_keys_and_refuses_a_license_beyond_whole)
{
	IPmpKeyStore *store = new_store(_metadata);
	uint8_t ff[16], key[16];
	unsigned int i, first;
	size_t len;
	char *json;

	for (first = 0; first < PMP_KEY_STORE_KEYS_MAX;
	     first += PMP_CLEARKEY_KEYS_MAX) {
		json = license_of(PMP_CLEARKEY_KEYS_MAX, first, 1, 0, &len);
		ASSERT_NE(NULL, json);
		ASSERT_HR(S_OK, pmp_key_store_update(store, json));
		free(json);
	}
	/* A new key id, and one the store has with a new key. */
	EXPECT_HR(E_NOT_SUFFICIENT_BUFFER,
		  pmp_key_store_update(store, LICENSE(JWK(B64_00, B64_A0) ","
						      JWK(B64_FF, B64_10))));
	for (i = 0; i < PMP_KEY_STORE_KEYS_MAX; i++)
		expect_key(_metadata, store, i,
			   i % PMP_CLEARKEY_KEYS_MAX + 0x80);
	memset(ff, 0xff, sizeof(ff));
	EXPECT_HR(MF_E_LICENSE_REQUIRED, IPmpKeyStore_GetKey(store, ff, key));
	/* Replacing keys takes no room. */
	EXPECT_HR(S_OK, pmp_key_store_update(store, LICENSE(JWK(B64_00,
								   B64_A0))));
	expect_key(_metadata, store, 0x00, 0xa0);
	IPmpKeyStore_Release(store);
}

TEST(a_license_string_longer_than_the_limit_is_refused)
{
	IPmpKeyStore *store = new_store(_metadata);
	size_t len;
	char *json;

	json = license_of(1, 0, 1, PMP_CLEARKEY_LICENSE_MAX + 1, &len);
	ASSERT_NE(NULL, json);
	EXPECT_HR(E_INVALIDARG, pmp_key_store_update(store, json));
	expect_key(_metadata, store, 0x00, MISS);
	json[PMP_CLEARKEY_LICENSE_MAX] = '\0';
	EXPECT_HR(S_OK, pmp_key_store_update(store, json));
	expect_key(_metadata, store, 0x00, 0x80);
	free(json);
	IPmpKeyStore_Release(store);
}

TEST(null_arguments_are_e_pointer)
{
	IPmpKeyStore *store = new_store(_metadata);
	uint8_t kid[16] = { 0 }, key[16];

	EXPECT_HR(E_POINTER, pmp_key_store_create(NULL));
	EXPECT_HR(E_POINTER, IPmpKeyStore_GetKey(store, NULL, key));
	EXPECT_HR(E_POINTER, IPmpKeyStore_GetKey(store, kid, NULL));
	EXPECT_HR(E_POINTER, pmp_key_store_update(NULL, ONE_KEY));
	EXPECT_HR(E_POINTER, pmp_key_store_update(store, NULL));
	pmp_key_store_wipe(NULL);
	IPmpKeyStore_Release(store);
}

TEST(update_and_wipe_leave_a_store_of_another_implementation_alone)
{
	static const IPmpKeyStoreVtbl other_vtbl;
	IPmpKeyStore other = { .lpVtbl = &other_vtbl };

	EXPECT_HR(E_INVALIDARG, pmp_key_store_update(&other, ONE_KEY));
	pmp_key_store_wipe(&other);
	EXPECT_EQ(&other_vtbl, other.lpVtbl);
}

TEST(query_interface_gives_iunknown_and_ipmpkeystore_only)
{
	IPmpKeyStore *store = new_store(_metadata);
	void *p = (void *)1;

	ASSERT_HR(S_OK, IPmpKeyStore_QueryInterface(store, &IID_IUnknown, &p));
	EXPECT_EQ((void *)store, p);
	ASSERT_HR(S_OK, IPmpKeyStore_QueryInterface(store, &IID_IPmpKeyStore,
						    &p));
	EXPECT_EQ((void *)store, p);
	EXPECT_HR(E_NOINTERFACE, IPmpKeyStore_QueryInterface(
					 store, &IID_IMFAttributes, &p));
	EXPECT_EQ(NULL, p);
	EXPECT_EQ(4U, IPmpKeyStore_AddRef(store));
	EXPECT_EQ(3U, IPmpKeyStore_Release(store));
	EXPECT_EQ(2U, IPmpKeyStore_Release(store));
	EXPECT_EQ(1U, IPmpKeyStore_Release(store));
	EXPECT_EQ(0U, IPmpKeyStore_Release(store));
}

#define MIN_SWAPS 3000
#define READS 100000

struct swapper {
	IPmpKeyStore *store;
	pthread_barrier_t start;
	atomic_bool stop;
	HRESULT hr;
};

/*
 * Gives key id 00.. the key 10.. and a0.. in turn, with a malformed
 * update and now and then a wipe in between, until told to stop.
 */
static void *swap_keys(void *arg)
{
	static const char *const licenses[] = {
		LICENSE(JWK(B64_00, B64_10)),
		LICENSE(JWK(B64_00, B64_A0) "," JWK(B64_20, "")),
		LICENSE(JWK(B64_00, B64_A0)),
	};
	struct swapper *w = arg;
	unsigned int i;
	HRESULT hr;

	pthread_barrier_wait(&w->start);
	for (i = 0; i < MIN_SWAPS || !atomic_load(&w->stop); i++) {
		hr = pmp_key_store_update(w->store, licenses[i % 3]);
		if (hr != (i % 3 == 1 ? E_INVALIDARG : S_OK) && w->hr == S_OK)
			w->hr = hr == S_OK ? E_UNEXPECTED : hr;
		if (i % 100 == 99)
			pmp_key_store_wipe(w->store);
	}
	pmp_key_store_wipe(w->store);
	return NULL;
}

TEST(get_key_sees_a_whole_key_or_none_while_another_thread_updates)
{
	struct swapper w = { .store = new_store(_metadata) };
	uint8_t kid[16], key[16], k10[16], ka0[16], zero[16] = { 0 };
	unsigned long reads, torn = 0;
	pthread_t thread;
	HRESULT hr;

	seq(kid, 0x00);
	seq(k10, 0x10);
	seq(ka0, 0xa0);
	ASSERT_EQ(0, pthread_barrier_init(&w.start, NULL, 2));
	ASSERT_EQ(0, pthread_create(&thread, NULL, swap_keys, &w));
	pthread_barrier_wait(&w.start);
	for (reads = 0; reads < READS; reads++) {
		hr = IPmpKeyStore_GetKey(w.store, kid, key);
		if (hr == S_OK ? memcmp(key, k10, 16) && memcmp(key, ka0, 16) :
				 hr != MF_E_LICENSE_REQUIRED ||
					 memcmp(key, zero, 16))
			torn++;
	}
	atomic_store(&w.stop, true);
	ASSERT_EQ(0, pthread_join(thread, NULL));
	pthread_barrier_destroy(&w.start);
	EXPECT_HR(S_OK, w.hr);
	EXPECT_EQ(0UL, torn) TH_LOG("%lu of %lu reads torn", torn, reads);
	expect_key(_metadata, w.store, 0x00, MISS);
	IPmpKeyStore_Release(w.store);
}

TEST_HARNESS_MAIN
