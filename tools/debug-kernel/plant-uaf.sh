#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# plant-uaf.sh - show that make check-debug catches a use-after-free.
#
# Usage: tools/debug-kernel/plant-uaf.sh   (make check-debug-selftest)
#
# Runs the check-debug flow (tools/check.sh debug) with plant-uaf.patch
# applied to the module's scratch copy, build/debug-patched/ (kmod/ is
# never touched): PMP_IOC_VERSION then reads memory it has just freed.
# The VM's kernel panics at its first KASAN report (kasan.fault=panic), so
# the run stops there rather than running every suite on a broken module.
# Passes when that flow fails and its output holds KASAN's report of the
# use-after-free in ioctl_version; prints the flow's output, then
# "1 passed, 0 failed" or "0 passed, 1 failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

PMP_DEBUG_PATCHES=$here/plant-uaf.patch PMP_VM_APPEND=kasan.fault=panic \
	PMP_RESULTS=$top/build/results/debug-patched \
	sh "$top/tools/check.sh" debug > "$log" 2>&1
status=$?
cat "$log"

echo "== planted use-after-free"
if [ "$status" = 0 ]; then
	echo "# check-debug passed with a use-after-free in the module"
elif ! grep -q 'BUG: KASAN: use-after-free in ioctl_version' "$log"; then
	echo "# check-debug failed, but without KASAN's report of the bug"
else
	echo "ok 1 check-debug fails and prints KASAN's report"
	echo "1 passed, 0 failed"
	exit 0
fi
echo "not ok 1 check-debug fails and prints KASAN's report"
echo "0 passed, 1 failed"
exit 1
