#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kver.sh - the kernel release pmp builds and tests against by default.
#
# Usage: tools/kver.sh [METAPACKAGE]
#
# That is the kernel Debian's linux-image-amd64 metapackage depends on, not
# the newest directory under /lib/modules: other kernels (backports, -rt,
# -cloud) may be installed beside it and must never be picked by accident.
# With METAPACKAGE (linux-image-rt-amd64, ...), the release that one points to.
set -eu
meta=${1:-linux-image-amd64}
dep=$(dpkg-query -W -f='${Depends}' "$meta" 2>/dev/null) || {
	echo "kver.sh: $meta is not installed (run tools/deps.sh)" >&2
	exit 1
}
kver=$(printf '%s\n' "$dep" | tr ',|' '\n\n' |
	sed -n 's/^ *linux-image-\([^ ]*\).*/\1/p' | head -n 1)
[ -n "$kver" ] || {
	echo "kver.sh: cannot read a kernel release from: $dep" >&2
	exit 1
}
printf '%s\n' "$kver"
