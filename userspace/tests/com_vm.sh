#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# com_vm.sh - the COM API inside the VM: install the project into the VM's
# throw-away overlay, run com_vm_test, then build the sample against the
# installed tree with pkg-config and run it in a protected PMP process.
#
#   PMP_VM_STDIN=/dev/null tools/vm/run userspace/tests/com_vm.sh
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
prefix=/usr/local
rc=0

make -s -C "$top/userspace" install PREFIX=$prefix >/dev/null || exit 1
ldconfig

echo "# com_vm_test"
PMP_TEST_PREFIX=$prefix "$top/userspace/tests/com_vm_test" || rc=1

echo "# pmp-mfclient, built with pkg-config against $prefix"
sample=$(mktemp -d) || exit 1
cp "$top/userspace/samples/pmp-mfclient.c" "$top/userspace/samples/Makefile" \
	"$sample/"
if PKG_CONFIG_PATH=$prefix/lib/pkgconfig make -s -C "$sample" &&
	"$sample/pmp-mfclient"; then
	echo "ok pmp-mfclient (protected)"
else
	echo "not ok pmp-mfclient (protected)"
	rc=1
fi
rm -rf "$sample"
exit $rc
