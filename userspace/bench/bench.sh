#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench.sh - `make bench` inside the VM: /dev/pmp's figures (pmp-bench),
# then the project installed into the VM's throw-away root and the Media
# Session figures (pmp-bench-session), appended to the same table.
#
# Usage: userspace/bench/bench.sh RESULTS_FILE
set -e
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
"$here/pmp-bench" "$1"
make -s -C "$top/userspace" install PREFIX=/usr/local > /dev/null
ldconfig
"$here/pmp-bench-session" "$1"
