#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# deps.sh - install what building and testing pmp needs, and only that.
#
# Usage: tools/deps.sh [PACKAGE...]
#
# Every entry point (README commands, .ci/run, make targets) calls this first.
# It asks dpkg what is missing and runs apt-get only then, so it is quick on a
# machine that already has everything.  With PACKAGEs, it installs those
# instead of the list below (make check-kernels: tools/kernels.list).
set -eu

PKGS="make gcc g++ libc6-dev pkg-config kmod cpio busybox-static
qemu-system-x86 linux-image-amd64 linux-headers-amd64 linux-source-6.1
libseccomp-dev libcap-dev libssl-dev sparse xz-utils
bc flex bison libelf-dev python3
ffmpeg libavformat-dev libavcodec-dev libavutil-dev valgrind"
[ $# -eq 0 ] || PKGS="$*"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	case "$st" in
	ii*) ;;
	*) missing="$missing $p" ;;
	esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "pmp: missing Debian packages:$missing" >&2
	echo "pmp: run as root, or: sudo apt-get install$missing" >&2
	exit 1
fi

echo "pmp: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends $missing >&2; then
	apt-get update >&2
	apt-get install -y --no-install-recommends $missing >&2
fi
