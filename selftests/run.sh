#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run.sh - run every pmp kselftest program and check its TAP.
#
# Usage: selftests/run.sh [SUMMARY_FILE]
#
# Runs where /dev/pmp is (inside the VM for `make check`, or on a machine
# with the module loaded).  Prints each program's TAP, then one line of
# totals.  A test that fails, a program that dies or reports fewer results
# than it planned, and a SKIP not listed in selftests/expected-skips are all
# failures.  With SUMMARY_FILE, also writes "pass fail skip" there.
set -u
summary=${1:-}
here=$(cd "$(dirname "$0")" && pwd)
progs="pmp/pmp_test pmp/objects_test pmp/list_test"
expected="$here/expected-skips"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass=0 fail=0 skip=0
for prog in $progs; do
	name=$(basename "$prog")
	if [ ! -x "$here/$prog" ]; then
		echo "not ok $name # not built"
		fail=$((fail + 1))
		continue
	fi
	"$here/$prog" > "$tmp/$name.tap" 2>&1
	rc=$?
	cat "$tmp/$name.tap"
	# shellcheck disable=SC2046
	set -- $(awk -v prog="$name" -v expected="$expected" '
		BEGIN {
			while ((getline line < expected) > 0) {
				if (line ~ /^#/ || line ~ /^[ \t]*$/)
					continue
				split(line, f, /[ \t]+/)
				allowed[f[1]] = 1
			}
		}
		/^1\.\.[0-9]+/ { plan = substr($1, 4) + 0 }
		# The harness names a skipped test only in its RUN line.
		/^#  RUN / { name = $3 }
		/^not ok / { fail++; seen++; next }
		/^ok / {
			seen++
			if ($0 ~ /# SKIP/) {
				t = name
				if ((prog ":" t) in allowed) { skip++ }
				else {
					print "# unlisted SKIP: " prog ":" t > "/dev/stderr"
					fail++
				}
			} else pass++
		}
		END {
			if (seen < plan) {
				print "# " prog ": " plan - seen " result(s) missing" > "/dev/stderr"
				fail += plan - seen
			}
			printf "%d %d %d %d\n", pass, fail, skip, plan
		}' "$tmp/$name.tap")
	p=$1 f=$2 s=$3 plan=$4
	# kselftest exits 0 (pass) or 4 (all skipped); anything else with no
	# failing test means the program itself broke.
	if [ "$f" = 0 ] && [ "$rc" != 0 ] && [ "$rc" != 4 ]; then
		echo "# $name exited with status $rc"
		f=1
	fi
	if [ "$plan" = 0 ]; then
		echo "# $name printed no TAP plan"
		f=$((f + 1))
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
done

if [ -n "$summary" ]; then
	echo "$pass $fail $skip" > "$summary"
fi
echo "# selftests: $pass passed, $fail failed, $skip skipped (listed in expected-skips)"
[ "$fail" = 0 ]
