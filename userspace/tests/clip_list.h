/* SPDX-License-Identifier: GPL-2.0 */
/*
 * clip_list.h - the clips of tools/media/mkclips.sh, as its clips.list
 * lists them, with ffmpeg's framemd5 reference of each
 *
 * The clips are in PMP_CLIPS_DIR, or else in build/clips next to the test
 * program (made by the Makefile, or here when missing).  Include it after
 * the harness, and after <libavformat/avformat.h>.
 */

#ifndef PMP_CLIP_LIST_H
#define PMP_CLIP_LIST_H

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_CLIPS 64

struct clip {
	char file[PATH_MAX];
	char ref[PATH_MAX];
	bool encrypted;
	uint8_t kid[16];
	uint8_t key[16];
	int frames;
};

static inline int unhex(const char *s, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned int v;

		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -EINVAL;
		out[i] = v;
	}
	return s[2 * n] ? -EINVAL : 0;
}

static inline const char *clip_list_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX], cmd[3 * PATH_MAX], list[PATH_MAX + 16];
	ssize_t len;

	if (getenv("PMP_CLIPS_DIR"))
		return getenv("PMP_CLIPS_DIR");
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len <= 0)
		return NULL;
	exe[len] = '\0';
	snprintf(dir, sizeof(dir), "%s/build/clips", dirname(exe));
	snprintf(list, sizeof(list), "%s/clips.list", dir);
	if (access(list, R_OK)) {
		snprintf(cmd, sizeof(cmd),
			 "%s/../../tools/media/mkclips.sh %s >&2", exe, dir);
		if (system(cmd))
			return NULL;
	}
	return dir;
}

static inline bool have_ffmpeg(void)
{
	return !system("command -v ffmpeg >/dev/null 2>&1");
}

/* Reads clips.list: "FILE KID KEY FRAMES" per line. */
static inline int clip_list_read(const char *dir, struct clip *c, int max)
{
	char path[PATH_MAX + 16], file[256], kid[64], key[64];
	int n = 0, frames;
	FILE *f;

	snprintf(path, sizeof(path), "%s/clips.list", dir);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (n < max &&
	       fscanf(f, "%255s %63s %63s %d", file, kid, key, &frames) == 4) {
		snprintf(c[n].file, sizeof(c[n].file), "%s/%s", dir, file);
		snprintf(c[n].ref, sizeof(c[n].ref), "%s/%.*s.framemd5", dir,
			 (int)(strlen(file) - 4), file);
		c[n].encrypted = strcmp(kid, "-") != 0;
		c[n].frames = frames;
		if (c[n].encrypted && (unhex(kid, c[n].kid, 16) ||
				       unhex(key, c[n].key, 16))) {
			fclose(f);
			return -EINVAL;
		}
		n++;
	}
	fclose(f);
	return n;
}

/* The clip of clips.list named @name; its frames are 0 if there is none. */
static inline struct clip find_clip(const char *dir, const char *name)
{
	struct clip *clips = calloc(MAX_CLIPS, sizeof(*clips)), found = { 0 };
	int n = clips ? clip_list_read(dir, clips, MAX_CLIPS) : 0;

	for (int i = 0; i < n; i++) {
		if (!strcmp(basename(clips[i].file), name))
			found = clips[i];
	}
	free(clips);
	return found;
}

static inline char *read_text(const char *path)
{
	char *text = NULL;
	size_t cap = 0;
	FILE *f = fopen(path, "re");
	ssize_t n;

	if (!f)
		return NULL;
	n = getdelim(&text, &cap, '\0', f);
	fclose(f);
	if (n < 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* The first video stream, as -map 0:v:0 picks it. */
static inline AVStream *first_video(AVFormatContext *fmt)
{
	for (unsigned int i = 0; i < fmt->nb_streams; i++) {
		if (fmt->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO)
			return fmt->streams[i];
	}
	return NULL;
}

/* Skips the test without ffmpeg; sets @dir to the clips' directory. */
#define NEED_CLIPS(dir)                                                        \
	do {                                                                   \
		if (!have_ffmpeg())                                            \
			SKIP(return, "ffmpeg is not installed (tools/deps.sh)"); \
		dir = clip_list_dir();                                         \
		ASSERT_NE(NULL, dir);                                          \
	} while (0)

#endif /* PMP_CLIP_LIST_H */
