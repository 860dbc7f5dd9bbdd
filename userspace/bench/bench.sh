#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench.sh - `make bench` inside the VM: /dev/pmp's figures (pmp-bench),
# then the project installed into the VM's throw-away root and the Media
# Session figures (pmp-bench-session, pmp-bench-media), appended to the
# same table.
#
# Usage: userspace/bench/bench.sh RESULTS_FILE
set -e
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
"$here/pmp-bench" "$1"
make -s -C "$top/userspace" install PREFIX=/usr/local > /dev/null
ldconfig
"$here/pmp-bench-session" "$1"

# pmp-bench-media's clips, made now with ffmpeg (nothing binary is
# committed), in the VM's memory:
#   play.mp4        320x240 H.264, 250 frames, encrypted ('cenc'): long
#                   enough that the cost per frame outweighs a session's
#   bulk-clear.mp4  64 samples of about 1 MiB: random pictures, lossless,
#                   all intra (x264's fastest preset: the pictures only
#                   have to be large, and made quickly under emulation)
#   bulk-cenc.mp4   the same samples, encrypted by ffmpeg's muxer
# The key is a test key; it protects nothing.
kid=a1b2c3d4e5f60718293a4b5c6d7e8f90
key=00112233445566778899aabbccddeeff
enc="-encryption_scheme cenc-aes-ctr -encryption_key $key
	-encryption_kid $kid"
clips=$(mktemp -d)
trap 'rm -rf "$clips"' EXIT
# shellcheck disable=SC2086
ffmpeg -nostdin -v error -f lavfi -i testsrc2=size=320x240:rate=25 \
	-frames:v 250 -c:v libx264 -threads 1 -profile:v high \
	-pix_fmt yuv420p $enc "$clips/play.mp4"
ffmpeg -nostdin -v error -f rawvideo -pix_fmt gray -s 832x832 -r 25 \
	-i /dev/urandom -frames:v 64 -c:v libx264 -preset ultrafast -qp 0 \
	-g 1 -threads 1 -pix_fmt yuv420p "$clips/bulk-clear.mp4"
# shellcheck disable=SC2086
ffmpeg -nostdin -v error -i "$clips/bulk-clear.mp4" -c copy $enc \
	"$clips/bulk-cenc.mp4"
"$here/pmp-bench-media" "$1" "$clips" "$kid" "$key"
