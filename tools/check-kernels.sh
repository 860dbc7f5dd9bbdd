#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-kernels.sh - the VM suites of make check on each of Debian's kernels.
#
# Usage: tools/check-kernels.sh
#
# For each kernel of tools/kernels.list (Debian's 6.1, 6.12 and 6.1
# PREEMPT_RT): installs its image and headers when missing (tools/deps.sh),
# builds pmp.ko for it in build/kernels/RELEASE/ (a scratch copy: kmod/ is
# never written to), boots it with that module and runs tools/check.sh's
# "vm" part (kselftests and installed-tree tests), results in
# build/results/kernels/RELEASE/.  Prints one line per kernel, then the
# totals as "N passed, N failed".  A module that does not build for a
# kernel counts as one failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

# shellcheck disable=SC2046
sh tools/deps.sh $(grep -v '^#' tools/kernels.list) || exit 1

total_pass=0 total_fail=0
summary=""
while read -r image _headers; do
	kver=$(tools/kver.sh "$image") || exit 1
	echo "== $kver ($image)"
	if ko=$(tools/build-module.sh "/lib/modules/$kver/build" \
		"build/kernels/$kver"); then
		KVER=$kver PMP_VM_MODULE=$ko \
			PMP_RESULTS=$top/build/results/kernels/$kver \
			tools/check.sh vm | tee build/kernels/"$kver"/check.log
		# The last line of check.sh is "N passed, N failed".
		# shellcheck disable=SC2046
		set -- $(tail -n 1 build/kernels/"$kver"/check.log | tr -d ',')
		pass=${1:-0} fail=${3:-1}
	else
		pass=0 fail=1
	fi
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
	summary="$summary$kver: $pass passed, $fail failed
"
done <<EOF
$(grep -v '^#' tools/kernels.list)
EOF

echo "== summary"
printf '%s' "$summary"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
