#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# mkclips.sh - make the H.264 test clips, clear and CENC-encrypted, and
# ffmpeg's per-frame MD5s of each.
#
# Usage: tools/media/mkclips.sh OUTDIR
#
# Everything is made here, at build or test time, with the ffmpeg of
# tools/deps.sh (5.1 on Debian 12): nothing binary is committed.  Each clip
# is a lavfi testsrc2 pattern encoded by libx264 (one thread, so that the
# clear and encrypted versions of a clip hold the same pictures) into a
# progressive MP4; half of them have their moov box first (+faststart), so
# both layouts are covered.  The encrypted version is ffmpeg's own Common
# Encryption, scheme 'cenc' (AES-128-CTR): its mov muxer gives every sample
# a random 8-byte IV (the next sample's is one more) and encrypts H.264
# sample by sample with one subsample per NAL unit: the 4-byte length and
# the 1-byte NAL header clear, the rest of the NAL protected, the keystream
# running on across the NAL units of a sample.
#
# OUTDIR gets, for each clip NAME:
#   NAME.mp4            the clip
#   NAME.framemd5       ffmpeg [-decryption_key KEY] -i NAME.mp4 -map 0:v:0
#                       -f framemd5 -
# and clips.list, one line per clip: "FILE KID KEY FRAMES" (KID and KEY 32
# hex digits each, "-" for a clear clip; FRAMES the frame lines in its
# .framemd5).  Two more clips, not in clips.list, are made to be refused:
# mpeg4-part2.mp4, in a codec the host's decoder does not take (MPEG-4
# Part 2), and huge-8192x4368.mp4, one H.264 picture larger than the
# decoder's limit (139776 macroblocks; H.264's largest level allows
# 139264).
#
# The keys are test keys, fixed so that failures can be reproduced; they
# protect nothing.  Several distinct KID/KEY pairs are used across the set
# (KEYS below, one per line "KID KEY").
set -eu

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
out=$1
command -v ffmpeg >/dev/null 2>&1 || {
	echo "mkclips.sh: ffmpeg not found: run tools/deps.sh" >&2
	exit 1
}
mkdir -p "$out"
rm -f "$out/clips.list"

KEYS="
a1b2c3d4e5f60718293a4b5c6d7e8f90 00112233445566778899aabbccddeeff
0f1e2d3c4b5a69788796a5b4c3d2e1f0 2b7e151628aed2a6abf7158809cf4f3c
5c0ffee05c0ffee05c0ffee05c0ffee0 f0e1d2c3b4a5968778695a4b3c2d1e0f
d3adb33fd3adb33fd3adb33fd3adb33f 6a0b5d1c3e9f24877812fcdb5a4e0c39
"

# NAME SIZE RATE FRAMES LAYOUT X264-OPTIONS...  (LAYOUT: fast or end)
CLIPS="
base-176x144 176x144 25 37 end -profile:v baseline -pix_fmt yuv420p
high-bf3-320x240 320x240 25 50 fast -profile:v high -bf 3 -pix_fmt yuv420p
high-640x360-ntsc 640x360 24000/1001 30 end -profile:v high -bf 2 -pix_fmt yuv420p
main-longgop-352x288 352x288 25 120 fast -profile:v main -g 600 -keyint_min 600 -sc_threshold 0 -bf 2 -pix_fmt yuv420p
high-pyramid-200x120 200x120 15 50 end -profile:v high -bf 3 -b_strategy 2 -x264-params b-pyramid=normal -pix_fmt yuv420p
high-1280x720 1280x720 30 10 fast -profile:v high -pix_fmt yuv420p
high422-320x180 320x180 30 29 end -profile:v high422 -pix_fmt yuv422p
base-slices-320x240 320x240 25 31 fast -profile:v baseline -slices 4 -pix_fmt yuv420p
"

# reference CLIP [KEY]: ffmpeg's framemd5 of CLIP's first video stream.
reference() {
	ref=${1%.mp4}.framemd5
	if [ $# -eq 2 ]; then
		ffmpeg -nostdin -v error -decryption_key "$2" -i "$1" \
			-map 0:v:0 -f framemd5 - > "$ref"
	else
		ffmpeg -nostdin -v error -i "$1" -map 0:v:0 -f framemd5 - \
			> "$ref"
	fi
	grep -vc '^#' "$ref"
}

: > "$out/clips.list.tmp"
n=0
echo "$CLIPS" | while read -r name size rate frames layout opts; do
	[ -n "$name" ] || continue
	n=$((n + 1))
	# shellcheck disable=SC2086
	set -- $(echo "$KEYS" | grep . | sed -n "$(( (n - 1) % 4 + 1 ))p")
	kid=$1 key=$2
	flags=""
	[ "$layout" = fast ] && flags="-movflags +faststart"
	for kind in clear cenc; do
		file=$name-$kind.mp4
		enc=""
		[ "$kind" = cenc ] && enc="-encryption_scheme cenc-aes-ctr
			-encryption_key $key -encryption_kid $kid"
		# shellcheck disable=SC2086
		ffmpeg -nostdin -v error -y -f lavfi \
			-i "testsrc2=size=$size:rate=$rate" -frames:v "$frames" \
			-c:v libx264 -threads 1 $opts $flags $enc "$out/$file"
		if [ "$kind" = cenc ]; then
			got=$(reference "$out/$file" "$key")
			echo "$file $kid $key $got" >> "$out/clips.list.tmp"
		else
			got=$(reference "$out/$file")
			echo "$file - - $got" >> "$out/clips.list.tmp"
		fi
		if [ "$got" != "$frames" ]; then
			echo "mkclips.sh: $file: ffmpeg decoded $got frames," \
				"not $frames" >&2
			exit 1
		fi
	done
done

ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=176x144:rate=25 \
	-frames:v 5 -c:v mpeg4 "$out/mpeg4-part2.mp4"
ffmpeg -nostdin -v error -y -f lavfi -i color=c=black:size=8192x4368:rate=25 \
	-frames:v 1 -c:v libx264 -preset ultrafast -threads 1 \
	"$out/huge-8192x4368.mp4"
# Last: a clips.list says the whole set is there.
mv "$out/clips.list.tmp" "$out/clips.list"
