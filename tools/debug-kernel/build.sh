#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# build.sh - build the pmp debug kernel, or reuse the one already cached.
#
# Usage: tools/debug-kernel/build.sh
#
# Prints one line, the directory DIR of the kernel; all else goes to stderr.
# DIR holds:
#   DIR/bzImage          the image: PMP_VM_KERNEL=DIR/bzImage
#                        PMP_VM_APPEND=no5lvl PMP_VM_MEM=2048 tools/vm/run
#                        (no5lvl: see tools/check.sh)
#   DIR/modules.builtin  beside the image: tools/vm/run finds there that
#                        virtio, 9p and overlayfs are built in
#   DIR/kernelrelease    its release (uname -r in the VM)
#   DIR/build            its kernel build tree, the KDIR for external
#                        modules: tools/build-module.sh DIR/build OUTDIR
#                        builds pmp.ko against it
#   DIR/build-seconds    how long the cold build took
#
# The kernel is Debian's linux-source-6.1 (/usr/src/linux-source-6.1.tar.xz)
# configured as tinyconfig plus tools/debug-kernel/pmp-debug.config (KASAN,
# lockdep, kmemleak and what the VM and the suites need; all built in).
# DIR is $PMP_CACHE/debug-kernel/KEY, outside any work tree, so that every
# checkout and CI run on the machine shares one build.  KEY hashes the
# fragment's option lines (not its comments), the linux-source-6.1 package
# version and the compiler: a change to any of them builds a new kernel
# beside the old ones.  A lock serialises
# concurrent callers (make check-debug and make fuzz at the same time build
# once).  A build that was interrupted is started again from scratch.
#
# Environment:
#   PMP_CACHE=DIR   the cache (default /var/cache/pmp)
#   PMP_JOBS=N      parallel jobs for make (default: the number of CPUs)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
fragment=$here/pmp-debug.config
tarball=/usr/src/linux-source-6.1.tar.xz
cache=${PMP_CACHE:-/var/cache/pmp}/debug-kernel
jobs=${PMP_JOBS:-$(nproc)}

msg() { echo "debug-kernel: $*" >&2; }

srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null) &&
	[ -r "$tarball" ] || {
	msg "linux-source-6.1 is not installed (run tools/deps.sh)"
	exit 1
}
for tool in bc flex bison gcc make; do
	command -v "$tool" >/dev/null || {
		msg "$tool is missing (run tools/deps.sh)"
		exit 1
	}
done

key=$({
	grep -E '^(CONFIG_|# CONFIG_.* is not set)' "$fragment"
	echo "linux-source-6.1 $srcver"
	gcc --version | head -n 1
} | sha256sum | cut -c1-16)
dir=$cache/$key

if [ -e "$dir/done" ]; then
	echo "$dir"
	exit 0
fi

mkdir -p "$cache"
exec 9> "$cache/lock"
flock 9
if [ -e "$dir/done" ]; then
	echo "$dir"
	exit 0
fi

start=$(date +%s)
msg "building $dir (linux-source-6.1 $srcver, make -j$jobs); this takes a while"
rm -rf "$dir"
mkdir -p "$dir/build"
tar -xJf "$tarball" -C "$dir/build" --strip-components=1

# Quiet, reproducible and in the tree only: make's own output goes to a
# log that is shown when the build fails.
log=$dir/build.log
kmake() {
	make -C "$dir/build" -j"$jobs" KBUILD_BUILD_USER=pmp \
		KBUILD_BUILD_HOST=pmp "$@" >> "$log" 2>&1 || {
		tail -n 60 "$log" >&2
		msg "make $* failed; the whole log is $log"
		exit 1
	}
}
kmake tinyconfig
(cd "$dir/build" &&
	scripts/kconfig/merge_config.sh -m .config "$fragment" >> "$log" 2>&1)
kmake olddefconfig

# Kconfig drops what it cannot satisfy without a word: check every line.
missing=$(grep -E '^(CONFIG_|# CONFIG_.* is not set)' "$fragment" |
	while read -r line; do
		case "$line" in
		"# "*)
			opt=${line#\# }
			opt=${opt%% *}
			! grep -q "^$opt=" "$dir/build/.config" || echo "$line"
			;;
		*)
			grep -qxF "$line" "$dir/build/.config" || echo "$line"
			;;
		esac
	done)
if [ -n "$missing" ]; then
	msg "the configuration does not hold what pmp-debug.config asks:"
	echo "$missing" >&2
	exit 1
fi

kmake all
cp "$dir/build/arch/x86/boot/bzImage" "$dir/bzImage"
cp "$dir/build/modules.builtin" "$dir/modules.builtin"
make -s -C "$dir/build" kernelrelease > "$dir/kernelrelease"
echo $(($(date +%s) - start)) > "$dir/build-seconds"
touch "$dir/done"
msg "built $(cat "$dir/kernelrelease") in $(cat "$dir/build-seconds") s"
echo "$dir"
