#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# pmpplay_test.sh - pmpplay prints ffmpeg's framemd5 lines for every test
# clip, and fails as its manual page says (TAP).
#
# Usage: pmpplay_test.sh [MODE [PMPPLAY [CLIPS]]]
#   MODE     in-process (the default; no module: the build machine) or
#            protected or
#            unprotected (the VM, against the installed tree)
#   PMPPLAY  the program (default: ../player/pmpplay next to this script)
#   CLIPS    a directory of tools/media/mkclips.sh's (default: build/clips
#            next to this script, made when missing)
#
# Frame lines (those not starting with '#') must equal ffmpeg's exactly and
# in order; the header lines are compared too.  A clip played without its
# key prints no frame line, names the KID and exits 1.
set -u

here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-in-process}
player=${2:-$here/../player/pmpplay}
clips=${3:-$here/build/clips}
case $mode in
in-process)
	flag=--in-process
	# The build tree's components, unless told otherwise.
	export PMP_REGISTRY_DIR="${PMP_REGISTRY_DIR:-$here/../components/registry}"
	;;
unprotected) flag=--unprotected ;;
protected) flag= ;;
*) echo "pmpplay_test.sh: unknown mode $mode" >&2; exit 2 ;;
esac

if [ ! -f "$clips/clips.list" ]; then
	"$here/../../tools/media/mkclips.sh" "$clips" >&2 || exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
ok() { n=$((n + 1)); echo "ok $n $*"; }
notok() { n=$((n + 1)); echo "not ok $n $*"; }

total=$(($(wc -l < "$clips/clips.list") * 2 + 7))
echo "1..$total"

# play NAME ARGS...: runs pmpplay, stdout to $tmp/out, stderr to $tmp/err,
# status in $st.
play() {
	# shellcheck disable=SC2086
	"$player" $flag "$@" > "$tmp/out" 2> "$tmp/err"
	st=$?
}

while read -r file kid key frames; do
	name=$(basename "$file" .mp4)
	ref=$clips/$name.framemd5
	if [ "$kid" = - ]; then
		play "$clips/$file"
	else
		play --key "$kid:$key" "$clips/$file"
	fi
	grep -v '^#' "$ref" > "$tmp/ref.frames"
	grep -v '^#' "$tmp/out" > "$tmp/out.frames"
	if [ $st -eq 0 ] && cmp -s "$tmp/ref.frames" "$tmp/out.frames" &&
		[ "$(wc -l < "$tmp/out.frames")" -eq "$frames" ]; then
		ok "$mode: $name: $frames frame lines equal to ffmpeg's"
	else
		echo "# status $st"
		sed 's/^/# stderr: /' "$tmp/err" | head -5
		diff "$tmp/ref.frames" "$tmp/out.frames" | head -10 |
			sed 's/^/# /'
		notok "$mode: $name: frame lines equal to ffmpeg's"
	fi
	grep '^#' "$ref" | grep -v '^#software' > "$tmp/ref.head"
	grep '^#' "$tmp/out" | grep -v '^#software' > "$tmp/out.head"
	if cmp -s "$tmp/ref.head" "$tmp/out.head"; then
		ok "$mode: $name: header lines equal to ffmpeg's"
	else
		diff "$tmp/ref.head" "$tmp/out.head" | head -10 | sed 's/^/# /'
		notok "$mode: $name: header lines equal to ffmpeg's"
	fi
done < "$clips/clips.list"

# An encrypted clip, without its key, with a wrong key id, with a license.
enc=$(awk '$2 != "-" { print; exit }' "$clips/clips.list")
set -- $enc
efile=$clips/$1 ekid=$2 ekey=$3
play "$efile"
if [ $st -eq 1 ] && ! grep -qv '^#' "$tmp/out" &&
	grep -q "no key for KID $ekid" "$tmp/err"; then
	ok "$mode: no key: exit 1, no frame line, the KID named"
else
	echo "# status $st"; sed 's/^/# /' "$tmp/err" | head -3
	notok "$mode: no key: exit 1, no frame line, the KID named"
fi

play --key "00112233445566778899aabbccddeeff:$ekey" "$efile"
if [ $st -eq 1 ] && ! grep -qv '^#' "$tmp/out" &&
	grep -q "no key for KID $ekid" "$tmp/err"; then
	ok "$mode: another KID's key: exit 1, the content's KID named"
else
	notok "$mode: another KID's key: exit 1, the content's KID named"
fi

b64url() {
	python3 -c 'import base64, sys
print(base64.urlsafe_b64encode(bytes.fromhex(sys.argv[1])).decode().rstrip("="))' "$1"
}
printf '{"keys":[{"kty":"oct","kid":"%s","k":"%s"}],"type":"temporary"}' \
	"$(b64url "$ekid")" "$(b64url "$ekey")" > "$tmp/license.json"
play --license "$tmp/license.json" "$efile"
ename=$(basename "$efile" .mp4)
grep -v '^#' "$clips/$ename.framemd5" > "$tmp/ref.frames"
if [ $st -eq 0 ] && grep -v '^#' "$tmp/out" | cmp -s - "$tmp/ref.frames"
then
	ok "$mode: a ClearKey license file plays the clip"
else
	notok "$mode: a ClearKey license file plays the clip"
fi

# A truncated file and a file that is no media.
head -c 3000 "$efile" > "$tmp/cut.mp4"
play --key "$ekid:$ekey" "$tmp/cut.mp4"
if [ $st -eq 1 ] && [ -s "$tmp/err" ]; then
	ok "$mode: a truncated file: exit 1 with a message"
else
	notok "$mode: a truncated file: exit 1 with a message (status $st)"
fi
head -c 4096 /dev/urandom > "$tmp/noise.mp4"
play "$tmp/noise.mp4"
if [ $st -eq 1 ] && [ -s "$tmp/err" ] && [ ! -s "$tmp/out" ]; then
	ok "$mode: not a media file: exit 1 with a message"
else
	notok "$mode: not a media file: exit 1 with a message (status $st)"
fi

# Usage errors: exit 2.
play --key nothex "$efile"
[ $st -eq 2 ] && ok "$mode: a malformed --key: exit 2" ||
	notok "$mode: a malformed --key: exit 2 (status $st)"
"$player" > /dev/null 2>&1
st=$?
[ $st -eq 2 ] && ok "$mode: no file: exit 2" ||
	notok "$mode: no file: exit 2 (status $st)"
