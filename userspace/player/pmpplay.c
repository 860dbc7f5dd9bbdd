// SPDX-License-Identifier: GPL-2.0
/*
 * pmpplay - play a media file's first video stream through a PMP Media
 * Session and print one ffmpeg framemd5 line per decoded frame
 *
 * pmpplay [--key KID:KEY]... [--license FILE] [--in-process|--unprotected]
 *         FILE
 *
 * Exit status: 0 when every frame was played, 1 when playing failed (the
 * message says why: a missing key names its KID), 2 for a usage error.
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include <mfidl.h>

#include "pmpplay.h"

#define KEYS_MAX 64

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pmpplay [--key KID:KEY]... [--license FILE]\n"
		"               [--in-process|--unprotected] FILE\n"
		"Plays FILE's first video stream through a PMP Media Session "
		"(a protected\nPMP process unless told otherwise) and prints "
		"one line per decoded frame,\nas ffmpeg -f framemd5 does.  KID "
		"and KEY are 32 hex digits each.\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "license", required_argument, NULL, 'l' },
		{ "in-process", no_argument, NULL, 'i' },
		{ "unprotected", no_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct pmpplay_key keys[KEYS_MAX];
	struct pmpplay_options o = { 0 };
	char *from_keys = NULL, *from_file = NULL;
	const char *license_path = NULL;
	size_t nkeys = 0;
	int c, ret;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			if (nkeys == KEYS_MAX) {
				fprintf(stderr, "pmpplay: at most %d keys\n",
					KEYS_MAX);
				return 2;
			}
			if (pmpplay_parse_key(optarg, &keys[nkeys])) {
				fprintf(stderr,
					"pmpplay: --key wants KID:KEY, 32 hex "
					"digits each\n");
				return 2;
			}
			nkeys++;
			break;
		case 'l':
			license_path = optarg;
			break;
		case 'i':
		case 'u':
			if (o.flags) {
				fprintf(stderr, "pmpplay: --in-process and "
						"--unprotected exclude each "
						"other\n");
				return 2;
			}
			o.flags = c == 'i' ? MFPMPSESSION_IN_PROCESS
					   : MFPMPSESSION_UNPROTECTED_PROCESS;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	o.path = argv[optind];
	o.progress = isatty(STDERR_FILENO);
	if (license_path) {
		from_file = pmpplay_read_license(license_path);
		if (!from_file) {
			fprintf(stderr, "pmpplay: %s: %s\n", license_path,
				strerror(errno));
			return 1;
		}
	}
	if (nkeys) {
		from_keys = pmpplay_license_from_keys(keys, nkeys);
		OPENSSL_cleanse(keys, sizeof(keys));
		if (!from_keys) {
			pmpplay_free_secret(from_file);
			fprintf(stderr, "pmpplay: out of memory\n");
			return 1;
		}
	}
	o.licenses[0] = from_file;
	o.licenses[1] = from_keys;
	ret = pmpplay_run(&o);
	pmpplay_free_secret(from_file);
	pmpplay_free_secret(from_keys);
	return ret;
}
