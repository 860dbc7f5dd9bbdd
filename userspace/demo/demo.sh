#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# demo.sh - the pmp demo, run inside the VM by `make demo`.
set -e
here=$(dirname "$0")
echo "pmp demo on $(uname -r): /dev/pmp is $(ls -l /dev/pmp | cut -d' ' -f1),"\
" module $(cat /sys/module/pmp/version)"
exec "$here/pmp-demo"
