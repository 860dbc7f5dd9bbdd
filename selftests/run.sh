#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run.sh - run every pmp kselftest program and check its TAP.
#
# Usage: selftests/run.sh [SUMMARY_FILE]
#
# Runs where /dev/pmp is (inside the VM for `make check`, or on a machine
# with the module loaded).  A SKIP not listed in selftests/expected-skips
# is a failure; see tools/tap-run.sh.
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../tools/tap-run.sh" --name "kernel selftests" \
	--expected "$here/expected-skips" ${1:+--summary "$1"} \
	"$here/pmp/pmp_test" "$here/pmp/objects_test" "$here/pmp/list_test" \
	"$here/pmp/races_test" "$here/pmp/abi_test" "$here/pmp/objargs_test" \
	"$here/pmp/fds_test"
