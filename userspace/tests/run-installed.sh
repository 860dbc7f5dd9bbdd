#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run-installed.sh - the user space tests that need pmp.ko and an installed
# tree: install the project the way `make install` does, then run them.
#
# Usage: userspace/tests/run-installed.sh [SUMMARY_FILE [--no-playback |
#                                                         --isolation-only]]
#
# --isolation-only runs isolation_vm_test alone: make check runs it again
# with the module loaded with enforce=0, where the matrix changes as
# Documentation/pmp/design.rst says.
#
# --no-playback leaves pmpplay_test.sh out: make check-debug passes it.  On
# the debug kernel under emulation, decoding every clip twice takes over an
# hour of user-space work that KASAN does not look into; the kernel's side
# of playback (an encrypted clip through a protected and an unprotected
# host, a host killed mid-playback) is mf_session_vm_test's, which runs
# there too.
#
# Meant for the VM (`make check` runs it there), whose root is a throw-away
# overlay; on a real machine it installs into PREFIX for real.  Besides the
# three test programs it builds the COM sample with nothing but
# `pkg-config --cflags --libs pmp-samples` (libpmp, and libpmp-samples for
# the sample components' GUIDs and proxies) against the installed tree and
# runs it: it creates an object in a protected host, calls it and releases
# it.  pmpplay_test.sh plays every test clip with the installed pmpplay,
# protected and unprotected, against ffmpeg's framemd5.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
prefix=${PREFIX:-/usr/local}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! make -s -C "$top/userspace" install PREFIX="$prefix" > "$tmp/install.log" 2>&1; then
	cat "$tmp/install.log"
	echo "1..1"
	echo "not ok 1 make install"
	[ -n "${1:-}" ] && echo "0 1 0" > "$1"
	exit 1
fi
ldconfig

if [ "${2:-}" = --isolation-only ]; then
	PMP_TEST_PREFIX=$prefix exec "$top/tools/tap-run.sh" \
		--name "isolation matrix" ${1:+--summary "$1"} \
		"$top/userspace/tests/isolation_vm_test"
fi

# The sample, as a user would build it, reported as one TAP test.
cat > "$tmp/sample.sh" <<EOS
#!/bin/sh
mkdir -p "$tmp/sample"
cp "$top/userspace/samples/pmp-mfclient.c" "$tmp/sample/"
echo "1..1"
if PKG_CONFIG_PATH=$prefix/lib/pkgconfig cc -Wall -o "$tmp/sample/pmp-mfclient" \\
	"$tmp/sample/pmp-mfclient.c" \$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs pmp-samples) &&
	"$tmp/sample/pmp-mfclient"; then
	echo "ok 1 pmp-mfclient built with pkg-config runs in a protected host"
else
	echo "not ok 1 pmp-mfclient built with pkg-config runs in a protected host"
fi
EOS
chmod +x "$tmp/sample.sh"

# pmpplay against ffmpeg's framemd5, in a protected and an unprotected host.
for mode in protected unprotected; do
	cat > "$tmp/pmpplay-$mode.sh" <<EOS
#!/bin/sh
exec "$top/userspace/tests/pmpplay_test.sh" $mode "$prefix/bin/pmpplay"
EOS
	chmod +x "$tmp/pmpplay-$mode.sh"
done

playback="$tmp/pmpplay-protected.sh $tmp/pmpplay-unprotected.sh"
[ "${2:-}" = --no-playback ] && playback=""

# shellcheck disable=SC2086
PMP_TEST_PREFIX=$prefix "$top/tools/tap-run.sh" \
	--name "installed user space tests" ${1:+--summary "$1"} \
	"$top/userspace/tests/native_test" "$top/userspace/tests/com_vm_test" \
	"$top/userspace/tests/mf_session_vm_test" \
	"$top/userspace/tests/isolation_vm_test" \
	"$top/userspace/tests/sandbox_vm_test" "$tmp/sample.sh" \
	"$top/userspace/tests/session_share_test.sh" $playback
