#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# session_share_test.sh - Microsoft's procedure for two Media Sessions
# sharing one PMP process, as an application builds it (TAP).
#
# Builds userspace/demo/pmp-demo-session.c, written from Microsoft's
# documentation alone, with nothing but `pkg-config --cflags --libs pmp`
# against the installed tree (PREFIX, default /usr/local), runs it for a
# protected and an unprotected host, and checks what `pmpctl hosts` showed
# between its steps: one host process for both sessions (one PID), of the
# protection asked for, gone once both sessions are shut down and the lock
# given back.  Needs pmp.ko (the VM).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
prefix=${PMP_TEST_PREFIX:-${PREFIX:-/usr/local}}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PATH="$prefix/bin:$PATH"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"

# Hosts of earlier tests linger for linger_ms: wait until none is left.
no_hosts() {
	i=0
	while [ $i -lt 100 ]; do
		pmpctl hosts | grep -q '^(no hosts' && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

echo "1..5"
# shellcheck disable=SC2046
if cc -Wall -Werror -o "$tmp/pmp-demo-session" \
	"$top/userspace/demo/pmp-demo-session.c" \
	$(pkg-config --cflags --libs pmp) 2> "$tmp/cc.log"; then
	echo "ok 1 pmp-demo-session builds with pkg-config pmp alone"
else
	sed 's/^/# /' "$tmp/cc.log"
	echo "not ok 1 pmp-demo-session builds with pkg-config pmp alone"
fi

n=2
for mode in protected unprotected; do
	arg=
	[ "$mode" = unprotected ] && arg=--unprotected
	no_hosts || echo "# hosts of earlier tests are still there"
	"$tmp/pmp-demo-session" $arg > "$tmp/$mode.log" 2>&1
	status=$?
	# The host lines pmpctl printed: ID PID UID PROTECTION ...
	pids=$(awk '$1 ~ /^[0-9]+$/ && ($4 == "protected" || $4 == "unprotected") { print $2 }' \
		"$tmp/$mode.log" | sort -u)
	kinds=$(awk '$1 ~ /^[0-9]+$/ && ($4 == "protected" || $4 == "unprotected") { print $4 }' \
		"$tmp/$mode.log" | sort -u)
	last=$(grep -E '^    (\(no hosts|ID )' "$tmp/$mode.log" | tail -n 1)
	if [ $status = 0 ] && [ "$(echo "$pids" | wc -w)" = 1 ] &&
	   [ "$kinds" = "$mode" ]; then
		echo "ok $n $mode: both sessions in one $mode host (pid $pids)"
	else
		sed 's/^/# /' "$tmp/$mode.log"
		echo "not ok $n $mode: both sessions in one $mode host" \
			"(status $status, pids:" $pids", kinds:" $kinds")"
	fi
	n=$((n + 1))
	case "$last" in
	*"(no hosts"*)
		echo "ok $n $mode: the host exits once unlocked and unused" ;;
	*)
		sed 's/^/# /' "$tmp/$mode.log"
		echo "not ok $n $mode: the host exits once unlocked and unused" ;;
	esac
	n=$((n + 1))
done
