#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-vm.sh - what `make check` runs inside the VM, with pmp.ko loaded.
#
# Usage: tools/check-vm.sh RESULTS_DIR [--no-playback]
#
# --no-playback is passed on to run-installed.sh (make check-debug).
#
# The kernel selftests first (they count sysfs figures exactly, so nothing
# else may run beside them), then the installed-tree user space tests.
# Each writes "pass fail skip" to RESULTS_DIR.
top=$(cd "$(dirname "$0")/.." && pwd)
results=$1
status=0
"$top/selftests/run.sh" "$results/selftests.sum" || status=1
"$top/userspace/tests/run-installed.sh" "$results/installed.sum" ${2:-} ||
	status=1
exit $status
