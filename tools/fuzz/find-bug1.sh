#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# find-bug1.sh - check that pmp-fuzz finds known bug 1 of issue 10 when its
# fix is undone, and say how long it takes.
#
# Usage: tools/fuzz/find-bug1.sh [SEED...]      (default seeds: 1 2 3)
#
# Bug 1: recv_requeue() forgot a CANCELLED transaction a second time, after
# a REPLY guessing its id (ECANCELED) or the host's teardown had forgotten
# it: a receive stalls copying a call out, the call times out, the host
# answers or closes, the copy fails; nr_pending wraps and the table's
# reference is dropped twice (refcount_t underflow WARNING).
#
# A scratch pmp.ko with the fix undone is built under build/fuzz/bug1/: in
# the current sources, the in_host tests that the fix added to
# recv_requeue() and pmp_txn_forget_locked() are taken out; when they are
# no longer there to take out, the tree before the fix commit (found by
# its message) is built instead.  The module never goes into kmod/.  Then
# pmp-fuzz runs with each seed under Debian's kernel (PMP_FUZZ_KERNEL=debug:
# the debug kernel) for FUZZ_S seconds at most (default 120) and must fail
# with a kernel report.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
[ $# -gt 0 ] || set -- 1 2 3
secs=${FUZZ_S:-120}
out=$top/build/fuzz/bug1
mkdir -p "$out"

say() { echo "find-bug1: $*"; }

if [ "${PMP_FUZZ_KERNEL:-stock}" = debug ]; then
	dir=$(tools/debug-kernel/build.sh) || exit 1
	kdir=$dir/build
	PMP_VM_KERNEL=$dir/bzImage
	PMP_VM_APPEND="${PMP_VM_APPEND:-} no_timer_check"	# as run.sh
	export PMP_VM_KERNEL PMP_VM_APPEND
	out=$out/debug
	mkdir -p "$out"
else
	kdir=/lib/modules/$(tools/kver.sh)/build
fi

make -s --no-print-directory -C tools/fuzz || exit 1

# The fix's two guards, taken out of copies of the current sources.
patch=$out/undo-fix.patch
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/a/kmod" "$stage/b/kmod"
cp kmod/deliver.c kmod/txn.c "$stage/a/kmod/"
sed 's/txn->state == PMP_TXN_CANCELLED && txn->in_host)/txn->state == PMP_TXN_CANCELLED)/' \
	kmod/deliver.c > "$stage/b/kmod/deliver.c"
sed '/if (WARN_ON_ONCE(!txn->in_host))/{N;d;}' kmod/txn.c > "$stage/b/kmod/txn.c"
(cd "$stage" && diff -u a/kmod/deliver.c b/kmod/deliver.c;
	diff -u a/kmod/txn.c b/kmod/txn.c) > "$patch"

module=
if [ "$(grep -c "^-[^-]" "$patch")" = 3 ]; then
	say "the fix's in_host guards taken out of the current sources"
	module=$(tools/build-module.sh "$kdir" "$out/current" "$patch") || exit 1
else
	fix=$(git log -1 --format=%H -i -E \
		--grep='double forget|bug 1' -- kmod/deliver.c)
	[ -n "$fix" ] || { say "no fix commit found"; exit 1; }
	say "the tree before $(git log -1 --format='%h %s' "$fix")"
	rm -rf "$out/before"
	mkdir -p "$out/before"
	git archive "$fix^" kmod include VERSION | tar -x -C "$out/before" &&
		make -C "$out/before/kmod" KDIR="$kdir" > "$out/build.log" 2>&1 || {
		cat "$out/build.log"
		exit 1
	}
	module=$out/before/kmod/pmp.ko
fi

found=0 worst=0
for seed in "$@"; do
	PMP_VM_MODULE=$module PMP_VM_STDIN=/dev/null \
		PMP_VM_TIMEOUT=$((secs + 600)) tools/vm/run \
		build/fuzz/pmp-fuzz --seconds "$secs" --seed "$seed" \
		> "$out/seed-$seed.log" 2>&1
	vm=$?
	when=$(sed -n 's/.*kernel report after \([0-9.]*\) s: \(.*\)/\1 s (\2)/p' \
		"$out/seed-$seed.log" | head -n 1)
	if [ "$vm" != 0 ] && [ -n "$when" ]; then
		say "seed $seed: found after $when"
		found=$((found + 1))
		s=${when%% *}
		[ "${s%.*}" -ge "$worst" ] && worst=${s%.*}
	else
		say "seed $seed: NOT found in $secs s (VM status $vm," \
			"log in $out/seed-$seed.log)"
	fi
done
say "found with $found of $# seeds, each within $((worst + 1)) s"
[ "$found" = $# ]
