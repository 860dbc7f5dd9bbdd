#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# demo.sh - the pmp demo, run inside the VM by `make demo`.
#
# Part 1 shows the kernel module on its own (pmp-demo, raw ioctls); part 2
# installs the project into the VM's throw-away root and runs a Media
# Foundation style client against a protected pmphost (pmp-demo-mf); part 3
# builds pmp-demo-session, written from Microsoft's documentation alone,
# with `pkg-config pmp` and runs Microsoft's procedure for two Media
# Sessions sharing one protected PMP process.
set -e
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
pmpctl="$top/userspace/tools/pmpctl"
linger=/sys/module/pmp/parameters/linger_ms

echo "pmp demo on $(uname -r): /dev/pmp is $(ls -l /dev/pmp | cut -d' ' -f1)"
echo
"$pmpctl" status

echo
echo "=== part 1: pmp.ko alone: registration, hardening, locks, death"
# Its host never creates an object: keep it from being told to exit.
saved=$(cat "$linger")
echo 60000 > "$linger"
"$here/pmp-demo"
echo "$saved" > "$linger"

echo
echo "=== part 2: the Media Foundation API over pmp.ko"
make -s -C "$top/userspace" install PREFIX=/usr/local > /dev/null
ldconfig
echo "installed under /usr/local: libpmp.so.0, pmphost, pmpctl, two components"
"$here/pmp-demo-mf"

echo
echo "=== part 3: two Media Sessions share one PMP process"
tmp=$(mktemp -d)
export PKG_CONFIG_PATH=/usr/local/lib/pkgconfig
echo "cc -o pmp-demo-session pmp-demo-session.c \$(pkg-config --cflags --libs pmp)"
# shellcheck disable=SC2046
cc -Wall -o "$tmp/pmp-demo-session" "$here/pmp-demo-session.c" \
	$(pkg-config --cflags --libs pmp)
"$tmp/pmp-demo-session"
rm -rf "$tmp"

echo
"$pmpctl" status
