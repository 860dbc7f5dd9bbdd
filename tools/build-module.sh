#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# build-module.sh - build pmp.ko against another kernel, in a scratch copy.
#
# Usage: tools/build-module.sh KDIR OUTDIR [PATCH...]
#
# Copies the module's sources (kmod/*.c, kmod/*.h, Kbuild, Makefile), the
# uapi header and VERSION into OUTDIR, with the layout kmod/Kbuild expects
# (OUTDIR/kmod, OUTDIR/include/uapi/linux, OUTDIR/VERSION), applies each
# PATCH there (patch -p1, paths as in the project tree: a/kmod/ioctl.c),
# builds pmp.ko against the kernel build tree KDIR and prints its path,
# OUTDIR/kmod/pmp.ko.  kmod/ itself is never written to, so builds for
# other kernels and planted bugs never disturb `make module`.  A file whose
# content has not changed keeps its time stamp: a second build of the same
# sources against the same kernel rebuilds nothing.
#
# Used by make check-debug (tools/debug-kernel/check.sh), make
# check-kernels (tools/check-kernels.sh) and make fuzz.  Make's output goes
# to OUTDIR/build.log and is shown when the build fails.
set -eu

[ $# -ge 2 ] || {
	echo "usage: $0 KDIR OUTDIR [PATCH...]" >&2
	exit 2
}
top=$(cd "$(dirname "$0")/.." && pwd)
kdir=$1
out=$2
shift 2

[ -e "$kdir/Makefile" ] || {
	echo "build-module: $kdir is not a kernel build tree" >&2
	exit 1
}
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage/kmod" "$stage/include/uapi/linux"
for f in "$top"/kmod/*.c "$top"/kmod/*.h "$top/kmod/Kbuild" \
	"$top/kmod/Makefile"; do
	case "$f" in *.mod.c) continue ;; esac
	cp "$f" "$stage/kmod/"
done
cp "$top/include/uapi/linux/pmp.h" "$stage/include/uapi/linux/"
cp "$top/VERSION" "$stage/"
for p in "$@"; do
	patch -s -d "$stage" -p1 < "$p" || {
		echo "build-module: $p does not apply" >&2
		exit 1
	}
done

# Copy what differs, drop sources that are gone: make sees real changes only.
(cd "$stage" && find . -type f) | while read -r f; do
	mkdir -p "$out/$(dirname "$f")"
	cmp -s "$stage/$f" "$out/$f" || cp "$stage/$f" "$out/$f"
done
for f in "$out"/kmod/*.c "$out"/kmod/*.h; do
	case "$f" in *.mod.c) continue ;; esac
	[ -e "$stage/kmod/${f##*/}" ] || rm -f "$f"
done

if ! make -C "$out/kmod" KDIR="$kdir" > "$out/build.log" 2>&1; then
	cat "$out/build.log" >&2
	echo "build-module: pmp.ko does not build against $kdir" >&2
	exit 1
fi
echo "$out/kmod/pmp.ko"
