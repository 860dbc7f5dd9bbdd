#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lint.sh - the module's static checks: sparse (C=2), W=1 and checkpatch.pl.
#
# Usage: tools/lint.sh KDIR
# Fails on any warning.  checkpatch.pl and its data files come from Debian's
# linux-source-6.1 and are unpacked once into build/checkpatch/.
set -eu

kdir=$1
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/build/lint"
cp="$top/build/checkpatch"
mkdir -p "$out"
status=0

tarball=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -n 1)
if [ ! -x "$cp/scripts/checkpatch.pl" ]; then
	[ -n "$tarball" ] || { echo "lint: linux-source-6.1 missing" >&2; exit 1; }
	rm -rf "$cp" && mkdir -p "$cp"
	tar -xf "$tarball" -C "$cp" --strip-components=1 \
		--wildcards '*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
		'*/scripts/const_structs.checkpatch'
fi

echo "lint: sparse and W=1 on kmod/"
make -s -C "$kdir" M="$top/kmod" clean >/dev/null
make -s -C "$kdir" M="$top/kmod" C=2 W=1 modules > "$out/build.log" 2>&1 || status=1
if grep -E 'warning:|error:' "$out/build.log"; then
	status=1
fi

echo "lint: checkpatch.pl on kmod/ and the uapi header"
# MACRO_ARG_REUSE: params.c pastes a parameter's name into several
# identifiers, as module_param() itself does; nothing is evaluated twice.
checkpatch() {
	"$cp/scripts/checkpatch.pl" --no-tree --strict --terse --show-types \
		--ignore FILE_PATH_CHANGES,MACRO_ARG_REUSE "$@" > "$out/checkpatch.log" || status=1
	grep -v '^total: 0 errors, 0 warnings, 0 checks' "$out/checkpatch.log" || :
}
# Generated files are not ours to style.
checkpatch -f $(ls "$top"/kmod/*.[ch] | grep -v '\.mod\.c$')
# BIT() does not exist for user space.
checkpatch --ignore BIT_MACRO -f "$top/include/uapi/linux/pmp.h"

if [ "$status" = 0 ]; then
	echo "lint: clean"
else
	echo "lint: FAILED" >&2
fi
exit "$status"
