#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# media_core_leaks.sh - media_core_test once more under valgrind: the media
# core reads no byte it should not, and every test, the damaged and
# garbage inputs included, frees all it took (TAP).
#
# valgrind follows the harness's fork into each test; a test with an error
# or a leak exits with 9 and fails there, which fails this.
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "1..1"
name="media_core_test under valgrind: no invalid access, no leak"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "# valgrind is not installed: run tools/deps.sh"
	echo "not ok 1 $name"
elif valgrind --quiet --error-exitcode=9 --leak-check=full \
	--show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect \
	"$here/media_core_test" > "$log" 2>&1; then
	echo "ok 1 $name"
else
	grep -E '^==|not ok|FAIL' "$log" | head -40 | sed 's/^/# /'
	echo "not ok 1 $name"
fi
