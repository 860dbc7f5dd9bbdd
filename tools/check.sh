#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check.sh - run every test of the project; the last line is the totals.
#
# The kernel selftests run inside the QEMU VM (tools/vm/run), which also
# fails the run when insmod or rmmod fails, the VM hangs or dies, or the
# kernel log shows a WARNING, BUG, Oops or leak report: such a run counts as
# one more failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
results="$top/build/results"
mkdir -p "$results"

total_pass=0 total_fail=0 total_skip=0

add() { # add PASS FAIL SKIP
	total_pass=$((total_pass + $1))
	total_fail=$((total_fail + $2))
	total_skip=$((total_skip + $3))
}

echo "== kernel selftests (in the VM, module loaded)"
rm -f "$results/selftests.sum"
PMP_VM_STDIN=/dev/null tools/vm/run selftests/run.sh "$results/selftests.sum"
vm=$?
if [ -r "$results/selftests.sum" ]; then
	# shellcheck disable=SC2046
	add $(cat "$results/selftests.sum")
fi
if [ "$vm" != 0 ] && [ "$total_fail" = 0 ]; then
	echo "# the VM run failed (status $vm): counted as one failure"
	add 0 1 0
fi

echo "# $total_skip skipped (all listed in selftests/expected-skips)"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
