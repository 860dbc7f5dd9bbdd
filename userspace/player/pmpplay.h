/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmpplay.h - what pmpplay's files share
 */

#ifndef PMPPLAY_H
#define PMPPLAY_H

#include <stdbool.h>
#include <stddef.h>

/* One --key KID:KEY. */
struct pmpplay_key {
	unsigned char kid[16];
	unsigned char key[16];
};

/* How the session is made: MFCreatePMPMediaSession's flags. */
struct pmpplay_options {
	unsigned int flags;
	const char *path;
	/* ClearKey licenses (JSON) to give the session, or NULL. */
	const char *licenses[2];
	bool progress;
};

/* license.c */
/* KID:KEY, 32 hex digits each: 0 or -EINVAL. */
int pmpplay_parse_key(const char *arg, struct pmpplay_key *key);
/* A ClearKey license holding @keys; NULL when out of memory. */
char *pmpplay_license_from_keys(const struct pmpplay_key *keys, size_t n);
/* A license file's text; NULL (errno) when unreadable or too large. */
char *pmpplay_read_license(const char *path);
/* Wipes and frees a string holding keys. */
void pmpplay_free_secret(char *s);

/* play.c: plays @o->path, printing framemd5 lines; the exit status. */
int pmpplay_run(const struct pmpplay_options *o);

#endif /* PMPPLAY_H */
