// SPDX-License-Identifier: GPL-2.0
/*
 * license.c - pmpplay's ClearKey license: --key pairs and --license files
 * into one W3C ClearKey license (JSON), the only form in which keys leave
 * pmpplay (IPmpClearKeyLicense::Update)
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "pmpplay.h"

/* A license file larger than this is refused: the module's payload limit. */
#define LICENSE_FILE_MAX (64 * 1024)

static int hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Exactly 32 hex digits into 16 bytes. */
static int parse_hex16(const char *s, size_t len, unsigned char out[16])
{
	size_t i;
	int hi, lo;

	if (len != 32)
		return -EINVAL;
	for (i = 0; i < 16; i++) {
		hi = hex_nibble(s[2 * i]);
		lo = hex_nibble(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -EINVAL;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

int pmpplay_parse_key(const char *arg, struct pmpplay_key *key)
{
	const char *colon = strchr(arg, ':');

	if (!colon)
		return -EINVAL;
	if (parse_hex16(arg, (size_t)(colon - arg), key->kid) ||
	    parse_hex16(colon + 1, strlen(colon + 1), key->key)) {
		OPENSSL_cleanse(key, sizeof(*key));
		return -EINVAL;
	}
	return 0;
}

/* RFC 4648 section 5, without padding, as ClearKey licenses spell it. */
static void base64url(const unsigned char *in, size_t len, char *out)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned int v;
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		v = in[i] << 16 | in[i + 1] << 8 | in[i + 2];
		*out++ = abc[v >> 18 & 63];
		*out++ = abc[v >> 12 & 63];
		*out++ = abc[v >> 6 & 63];
		*out++ = abc[v & 63];
	}
	if (len - i == 1) {
		v = in[i] << 16;
		*out++ = abc[v >> 18 & 63];
		*out++ = abc[v >> 12 & 63];
	} else if (len - i == 2) {
		v = in[i] << 16 | in[i + 1] << 8;
		*out++ = abc[v >> 18 & 63];
		*out++ = abc[v >> 12 & 63];
		*out++ = abc[v >> 6 & 63];
	}
	*out = '\0';
}

char *pmpplay_license_from_keys(const struct pmpplay_key *keys, size_t n)
{
	/* {"kty":"oct","kid":"<22>","k":"<22>"}, per key */
	size_t cap = 64 + n * 80, len;
	char kid[23], k[23], *json;
	size_t i;

	json = malloc(cap);
	if (!json)
		return NULL;
	len = (size_t)snprintf(json, cap, "{\"keys\":[");
	for (i = 0; i < n; i++) {
		base64url(keys[i].kid, 16, kid);
		base64url(keys[i].key, 16, k);
		len += (size_t)snprintf(json + len, cap - len,
					"%s{\"kty\":\"oct\",\"kid\":\"%s\","
					"\"k\":\"%s\"}",
					i ? "," : "", kid, k);
	}
	snprintf(json + len, cap - len, "],\"type\":\"temporary\"}");
	OPENSSL_cleanse(k, sizeof(k));
	return json;
}

char *pmpplay_read_license(const char *path)
{
	struct stat st;
	char *buf;
	ssize_t n;
	size_t got = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    st.st_size > LICENSE_FILE_MAX) {
		close(fd);
		errno = EFBIG;
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	while (buf && got < (size_t)st.st_size) {
		n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n <= 0) {
			OPENSSL_cleanse(buf, got);
			free(buf);
			buf = NULL;
			errno = n ? errno : EIO;
			break;
		}
		got += (size_t)n;
	}
	close(fd);
	if (buf)
		buf[got] = '\0';
	return buf;
}

void pmpplay_free_secret(char *s)
{
	if (!s)
		return;
	OPENSSL_cleanse(s, strlen(s));
	free(s);
}
