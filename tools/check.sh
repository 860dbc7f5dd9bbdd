#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check.sh - run every test of the project; the last line is the totals.
#
# 1. On this machine, with no module: the COM ABI, IUnknown rules, the
#    errno/HRESULT table and the whole COM API in MFPMPSESSION_IN_PROCESS
#    mode (userspace/tests: make check-host).
# 2. Inside the QEMU VM, with pmp.ko loaded: the kernel selftests, then the
#    project installed into the VM's throw-away root and the user space
#    tests that need the module and the installed tree (tools/check-vm.sh).
#    The VM also fails the run when insmod or rmmod fails, the VM hangs or
#    dies, or the kernel log shows a WARNING, BUG, Oops or leak report: such
#    a run counts as one more failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
results="$top/build/results"
mkdir -p "$results"
rm -f "$results"/*.sum

total_pass=0 total_fail=0 total_skip=0

add() { # add SUMMARY_FILE
	if [ -r "$1" ]; then
		# shellcheck disable=SC2046
		set -- $(cat "$1")
	else
		echo "# $(basename "$1" .sum): no results: counted as one failure"
		set -- 0 1 0
	fi
	total_pass=$((total_pass + $1))
	total_fail=$((total_fail + $2))
	total_skip=$((total_skip + $3))
}

echo "== user space tests without the module (this machine)"
make -s --no-print-directory -C userspace/tests check-host \
	SUMMARY="$results/host.sum"
add "$results/host.sum"

echo "== kernel selftests and installed-tree tests (in the VM, module loaded)"
PMP_VM_STDIN=/dev/null tools/vm/run tools/check-vm.sh "$results"
vm=$?
add "$results/selftests.sum"
add "$results/installed.sum"
if [ "$vm" = 124 ] || [ "$vm" = 125 ]; then
	echo "# the VM run failed (status $vm): counted as one failure"
	total_fail=$((total_fail + 1))
fi

echo "# $total_skip skipped (all listed as expected)"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
