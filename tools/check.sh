#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check.sh - run every test of the project; the last line is the totals.
#
# Usage: tools/check.sh [PART...]
#
# PARTs, all three by default (make check); make check-fast runs "host vm",
# make check-debug "debug":
# host   On this machine, with no module: the COM ABI, IUnknown rules, the
#        errno/HRESULT table and the whole COM API in MFPMPSESSION_IN_PROCESS
#        mode (userspace/tests: make check-host).
# vm     Inside the QEMU VM, with pmp.ko loaded: the kernel selftests, then
#        the project installed into the VM's throw-away root and the user
#        space tests that need the module and the installed tree
#        (tools/check-vm.sh).  The VM also fails the run when insmod or
#        rmmod fails, the VM hangs or dies, or the kernel log shows a
#        WARNING, BUG, Oops or leak report: such a run counts as one more
#        failure.  KVER and PMP_VM_MODULE pick another kernel and module
#        (tools/check-kernels.sh).  Then the isolation matrix alone with
#        the module loaded with enforce=0.
# debug  The same suites on the debug kernel (KASAN, lockdep, kmemleak; see
#        tools/debug-kernel/build.sh) with pmp.ko built for it under
#        build/debug/.  Any KASAN, lockdep, WARN or BUG report or a kmemleak
#        report in pmp fails the run, and the report is printed.
#        PMP_DEBUG_PATCHES (patch files) are applied to the module's
#        scratch copy, which then goes to build/debug-patched/
#        (tools/debug-kernel/plant-uaf.sh).
#        pmpplay_test.sh is left out there (run-installed.sh says why).
#
# PMP_RESULTS is where the "pass fail skip" files go (default build/results).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
results=${PMP_RESULTS:-$top/build/results}
mkdir -p "$results"
rm -f "$results"/*.sum
[ $# -gt 0 ] || set -- host vm debug

total_pass=0 total_fail=0 total_skip=0
trusted=/usr/libexec/pmp/pmphost,/usr/local/libexec/pmp/pmphost

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

vm_failed() { # vm_failed STATUS: a VM that timed out or died is one failure
	if [ "$1" = 124 ] || [ "$1" = 125 ]; then
		echo "# the VM run failed (status $1): counted as one failure"
		total_fail=$((total_fail + 1))
	fi
}

vm_suites() { # vm_suites RESULTS_DIR [--no-playback]: check-vm.sh, counted
	mkdir -p "$1"
	rm -f "$1"/*.sum
	# The kernel selftests' own hardened children (pmp_test and fds_test,
	# exec'd again) register protected hosts: trusted beside pmphost's
	# install paths.
	PMP_VM_STDIN=/dev/null tools/vm/run --insmod-args \
		"trusted_exe=$trusted,$top/selftests/pmp/pmp_test,$top/selftests/pmp/fds_test" \
		tools/check-vm.sh "$1" ${2:-}
	vm_failed $?
	add "$1/selftests.sum"
	add "$1/installed.sum"
}

# The isolation matrix once more, the module loaded with enforcement off:
# root then reaches the protected host, and the loader honours LD_PRELOAD
# for the trusted pmphost; the kernel's own refusals stay.
enforce_off_suite() { # enforce_off_suite RESULTS_DIR
	PMP_VM_STDIN=/dev/null tools/vm/run --insmod-args \
		"enforce=0 trusted_exe=$trusted" \
		userspace/tests/run-installed.sh "$1/enforce-off.sum" \
		--isolation-only
	vm_failed $?
	add "$1/enforce-off.sum"
}

# Under TCG, KASAN and lockdep slow the kernel several times over, and
# KASAN's shadow takes an eighth of the memory.  no5lvl: with QEMU's
# 5-level paging, an interrupt early in boot can draw a KASAN
# wild-memory-access report, which also turns lockdep off for the run.
debug_suites() {
	out=build/debug
	[ -n "${PMP_DEBUG_PATCHES:-}" ] && out=build/debug-patched
	# shellcheck disable=SC2086
	if ! dir=$(tools/debug-kernel/build.sh) ||
		! ko=$(tools/build-module.sh "$dir/build" "$out" \
			${PMP_DEBUG_PATCHES:-}); then
		echo "# no debug kernel or no module for it: counted as one failure"
		total_fail=$((total_fail + 1))
		return
	fi
	PMP_VM_KERNEL=$dir/bzImage PMP_VM_MODULE=$ko \
		PMP_VM_MEM=${PMP_VM_MEM:-2048} \
		PMP_VM_TIMEOUT=${PMP_VM_TIMEOUT:-3600} \
		PMP_VM_APPEND="no5lvl ${PMP_VM_APPEND:-}" \
		vm_suites "$results/debug" --no-playback
}

for part in "$@"; do
	case "$part" in
	host)
		echo "== user space tests without the module (this machine)"
		make -s --no-print-directory -C userspace/tests check-host \
			SUMMARY="$results/host.sum"
		add "$results/host.sum"
		;;
	vm)
		echo "== kernel selftests and installed-tree tests" \
			"(in the VM, module loaded)"
		vm_suites "$results"
		echo "== the isolation matrix with enforcement off (in the VM)"
		rm -f "$results/enforce-off.sum"
		enforce_off_suite "$results"
		;;
	debug)
		echo "== the same in the VM on the debug kernel" \
			"(KASAN, lockdep, kmemleak)"
		debug_suites
		;;
	*)
		echo "check.sh: unknown part $part (host, vm, debug)" >&2
		exit 2
		;;
	esac
done

echo "# $total_skip skipped (all listed as expected)"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
