#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run.sh - make fuzz and make soak: build pmp-fuzz, boot the VM, run it.
#
# Usage: tools/fuzz/run.sh fuzz|soak
#
#   fuzz   FUZZ_S seconds (default 120) of pmp-fuzz: spoilt commands,
#          stalled copies, kills.  Last line:
#          "fuzz: N operations, seed S, P problems".
#   soak   SOAK_S seconds (default 180) of pmp-fuzz --soak: valid commands,
#          processes killed often.  Last line: "1 passed, 0 failed".
#
# FUZZ_SEED=N repeats the choices of the run that printed seed N.
#
# The kernel is the debug kernel (KASAN, lockdep, kmemleak), built or
# reused by tools/debug-kernel/build.sh, with pmp.ko built against it by
# tools/build-module.sh; PMP_FUZZ_KERNEL=stock runs Debian's kernel instead
# (faster, fewer checks), with pmp.ko built in build/fuzz/module-stock/.  PMP_VM_MODULE=FILE runs
# another module (with Debian's kernel unless PMP_VM_KERNEL is set too).
#
# A run fails when pmp-fuzz counts a problem (an undocumented error, a hang,
# a live counter not back to zero, a kernel report in /dev/kmsg) or the VM
# does: a kernel report, a kmemleak leak in pmp, rmmod failing, a time-out.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1

mode=${1:-}
case "$mode" in
fuzz) secs=${FUZZ_S:-120}; flag= ;;
soak) secs=${SOAK_S:-180}; flag=--soak ;;
*) echo "usage: $0 fuzz|soak" >&2; exit 2 ;;
esac
seed=${FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
out=$top/build/fuzz

make -s --no-print-directory -C tools/fuzz || exit 1
if [ -n "${PMP_VM_MODULE:-}" ]; then
	echo "$mode: module $PMP_VM_MODULE"
elif [ "${PMP_FUZZ_KERNEL:-debug}" = debug ] &&
	[ -x tools/debug-kernel/build.sh ] && [ -x tools/build-module.sh ]; then
	dir=$(tools/debug-kernel/build.sh) || {
		echo "$mode: the debug kernel did not build" \
			"(PMP_FUZZ_KERNEL=stock runs Debian's)"
		exit 1
	}
	PMP_VM_MODULE=$(tools/build-module.sh "$dir/build" "$out/module-debug") ||
		exit 1
	PMP_VM_KERNEL=$dir/bzImage
	# Its IO-APIC timer check fails when the emulator is slow: skip it.
	PMP_VM_APPEND="${PMP_VM_APPEND:-} no_timer_check"
	export PMP_VM_KERNEL PMP_VM_MODULE PMP_VM_APPEND
	echo "$mode: debug kernel $(cat "$dir/kernelrelease") (KASAN, lockdep, kmemleak)"
elif [ -x tools/build-module.sh ]; then
	PMP_VM_MODULE=$(tools/build-module.sh \
		"/lib/modules/$(tools/kver.sh)/build" "$out/module-stock") ||
		exit 1
	export PMP_VM_MODULE
	echo "$mode: Debian's kernel $(tools/kver.sh)"
else
	make -s --no-print-directory module || exit 1
	echo "$mode: Debian's kernel $(tools/kver.sh)"
fi

# The VM's boot, module load, unload and kmemleak scan come on top.
{
	PMP_VM_STDIN=/dev/null PMP_VM_TIMEOUT=$((secs + 600)) \
		tools/vm/run build/fuzz/pmp-fuzz $flag --seconds "$secs" \
		--seed "$seed"
	echo $? > "$out/$mode.status"
} 2>&1 | tee "$out/$mode.log"
vm=$(cat "$out/$mode.status")

# The fuzzer's own last line, and whether the VM agrees.
last=$(grep -E "^$mode: [0-9]+ operations" "$out/$mode.log" | tail -n 1)
[ -n "$last" ] || last="$mode: no result, seed $seed"
case "$vm" in
0) why= ;;
1) why="problems above" ;;
124) why="the VM timed out" ;;
125) why="the kernel or the VM reports a problem (above)" ;;
*) why="exit status $vm" ;;
esac
if [ "$mode" = soak ]; then
	echo "$last"
	if [ -z "$why" ]; then
		echo "1 passed, 0 failed"
		exit 0
	fi
	echo "# soak: $why; replay: make soak FUZZ_SEED=$seed"
	echo "0 passed, 1 failed"
	exit 1
fi
if [ -z "$why" ]; then
	[ "$(tail -n 1 "$out/$mode.log")" = "$last" ] || echo "$last"
	exit 0
fi
case "$last" in
*" 0 problems") last="${last% 0 problems} 1 problems" ;;
esac
echo "$last ($why; replay: make fuzz FUZZ_SEED=$seed)"
exit 1
