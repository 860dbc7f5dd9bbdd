#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# demo.sh - the pmp demo, run inside the VM by `make demo`.
#
# Part 1 shows the kernel module on its own (pmp-demo, raw ioctls); part 2
# installs the project into the VM's throw-away root and runs a Media
# Foundation style client against a protected pmphost (pmp-demo-mf); part 3
# makes an encrypted clip with ffmpeg, builds pmp-demo-video with
# `pkg-config pmp` and runs Microsoft's procedure for two Media Sessions
# sharing one protected PMP process, each session playing the clip, both
# checked frame by frame against ffmpeg's decoding.
set -e
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
pmpctl="$top/userspace/tools/pmpctl"
linger=/sys/module/pmp/parameters/linger_ms

echo "pmp demo on $(uname -r): /dev/pmp is $(ls -l /dev/pmp | cut -d' ' -f1)"
echo
"$pmpctl" status

echo
echo "=== part 1: pmp.ko alone: registration, hardening, locks, death"
# Its host never creates an object: keep it from being told to exit.
saved=$(cat "$linger")
echo 60000 > "$linger"
"$here/pmp-demo"
echo "$saved" > "$linger"

echo
echo "=== part 2: the Media Foundation API over pmp.ko"
make -s -C "$top/userspace" install PREFIX=/usr/local > /dev/null
ldconfig
echo "installed under /usr/local: libpmp.so.0, its headers and pmp.pc, pmphost,"
echo "pmpctl, pmpplay, the components"
"$here/pmp-demo-mf"

echo
echo "=== part 3: encrypted video, played twice in one PMP process"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The demo's key: fixed and printed, it protects nothing but this clip.
# As text the KID reads "demo-kid-pmp-001" and the key "demo-key-not-sec".
kid=64656d6f2d6b69642d706d702d303031
key=64656d6f2d6b65792d6e6f742d736563
echo "The clip, made now with $(ffmpeg -version | sed -n '1s/ Copyright.*//p'):"
echo "  100 frames of lavfi testsrc2, 320x240 at 25 fps, libx264 (high profile,"
echo "  B-frames), progressive MP4, encrypted by ffmpeg's muxer: cenc-aes-ctr"
echo "  with the demo key KID $kid"
echo "                    KEY $key"
ffmpeg -nostdin -v error -f lavfi -i testsrc2=size=320x240:rate=25 \
	-frames:v 100 -c:v libx264 -profile:v high -pix_fmt yuv420p \
	-encryption_scheme cenc-aes-ctr -encryption_key "$key" \
	-encryption_kid "$kid" "$tmp/clip.mp4"
echo "ffmpeg's reference:"
echo "  ffmpeg -decryption_key KEY -i clip.mp4 -map 0:v:0 -f framemd5 -"
ffmpeg -nostdin -v error -decryption_key "$key" -i "$tmp/clip.mp4" \
	-map 0:v:0 -f framemd5 - > "$tmp/clip.framemd5"
# The digest: SHA-256 of the frames' MD5s (framemd5's last column), one a
# line; pmp-demo-video computes its runs' the same way.
frames=$(grep -vc '^#' "$tmp/clip.framemd5")
digest=$(grep -v '^#' "$tmp/clip.framemd5" | awk -F', *' '{ print $NF }' |
	sha256sum | cut -d' ' -f1)
echo "  $frames frames; SHA-256 of their MD5s in hex, one per line:"
echo "  $digest"
export PKG_CONFIG_PATH=/usr/local/lib/pkgconfig
pc="pmp libcrypto"
echo "cc -o pmp-demo-video pmp-demo-video.c \$(pkg-config --cflags --libs $pc)"
# shellcheck disable=SC2046,SC2086
cc -Wall -o "$tmp/pmp-demo-video" "$here/pmp-demo-video.c" \
	$(pkg-config --cflags --libs $pc)
echo "pmp-demo-video clip.mp4 KID KEY FRAMES DIGEST"
"$tmp/pmp-demo-video" "$tmp/clip.mp4" "$kid" "$key" "$frames" "$digest"

echo
"$pmpctl" status
