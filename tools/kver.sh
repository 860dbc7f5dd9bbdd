#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kver.sh - the kernel release pmp builds and tests against by default.
#
# That is the kernel Debian's linux-image-amd64 metapackage depends on, not
# the newest directory under /lib/modules: other kernels (backports, -rt,
# -cloud) may be installed beside it and must never be picked by accident.
set -eu
dep=$(dpkg-query -W -f='${Depends}' linux-image-amd64 2>/dev/null) || {
	echo "kver.sh: linux-image-amd64 is not installed (run tools/deps.sh)" >&2
	exit 1
}
kver=$(printf '%s\n' "$dep" | tr ',|' '\n\n' |
	sed -n 's/^ *linux-image-\([^ ]*\).*/\1/p' | head -n 1)
[ -n "$kver" ] || {
	echo "kver.sh: cannot read a kernel release from: $dep" >&2
	exit 1
}
printf '%s\n' "$kver"
