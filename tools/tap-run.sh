#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tap-run.sh - run TAP-speaking test programs and check what they say.
#
# Usage: tools/tap-run.sh [--expected FILE] [--summary FILE] [--name NAME]
#                         PROGRAM...
#
# Prints each program's TAP, then one line of totals.  A test that fails,
# a program that dies or reports fewer results than it planned, and a SKIP
# not listed in the --expected file (lines "PROGRAM:TEST reason") are all
# failures.  With --summary, also writes "pass fail skip" to FILE.
set -u
expected=/dev/null summary="" label="tests"
while [ $# -gt 0 ]; do
	case "$1" in
	--expected) expected=$2; shift 2 ;;
	--summary) summary=$2; shift 2 ;;
	--name) label=$2; shift 2 ;;
	*) break ;;
	esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass=0 fail=0 skip=0
for prog in "$@"; do
	name=$(basename "$prog")
	if [ ! -x "$prog" ]; then
		echo "not ok $name # not built"
		fail=$((fail + 1))
		continue
	fi
	"$prog" > "$tmp/$name.tap" 2>&1
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
		# The kselftest harness names a skipped test only in its RUN line.
		/^#  RUN / { name = $3 }
		/^not ok / { fail++; seen++; next }
		/^ok / {
			seen++
			if ($0 ~ /# SKIP/) {
				if ((prog ":" name) in allowed) { skip++ }
				else {
					print "# unlisted SKIP: " prog ":" name > "/dev/stderr"
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
echo "# $label: $pass passed, $fail failed, $skip skipped (listed as expected)"
[ "$fail" = 0 ]
