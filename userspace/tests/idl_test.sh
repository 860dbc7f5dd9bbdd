#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# idl_test.sh - pmpidl.py refuses what the marshaling cannot carry, naming
# the file and line, and accepts anything in a [local] interface (TAP)
here=$(cd "$(dirname "$0")" && pwd)
idl=$here/../idl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$idl/unknwn.idl" "$tmp/"
n=0

# check NAME EXPECTED-STATUS EXPECTED-MESSAGE IDL-BODY
check() {
	n=$((n + 1))
	printf 'import "unknwn.idl";\n%s\n' "$4" > "$tmp/t.idl"
	msg=$(${PYTHON:-python3} "$idl/pmpidl.py" "$tmp/t.idl" \
		-h "$tmp/t.h" -p "$tmp/t_p.c" -a "$tmp/t_abi.h" 2>&1)
	status=$?
	if [ "$status" -eq "$2" ] && echo "$msg" | grep -q -F -- "$3"; then
		echo "ok $n $1"
	else
		echo "# status $status: $msg"
		echo "not ok $n $1"
	fi
}

echo "1..9"
check "a float in a remote method is refused at its line" 1 \
	"t.idl:3: IBad::F(x): type float cannot be marshaled" \
	"[object, uuid(01234567-89ab-cdef-0123-456789abcdef)]
interface IBad : IUnknown { HRESULT F([in] float x); }"
check "[in, out] is refused" 1 "[in, out] x is not supported" \
	"[object, uuid(01234567-89ab-cdef-0123-456789abcdef)]
interface IBad : IUnknown { HRESULT F([in, out] LONG *x); }"
check "a remote method returns HRESULT" 1 "a remote method returns HRESULT" \
	"[object, uuid(01234567-89ab-cdef-0123-456789abcdef)]
interface IBad : IUnknown { ULONG F(); }"
check "a size_is naming no parameter is refused" 1 "size_is names no parameter" \
	"[object, uuid(01234567-89ab-cdef-0123-456789abcdef)]
interface IBad : IUnknown { HRESULT F([out, string, size_is(n)] LPSTR s); }"
check "an [out] blob needs length_is" 1 "an [out] blob needs length_is" \
	"[object, uuid(01234567-89ab-cdef-0123-456789abcdef)]
interface IBad : IUnknown { HRESULT F([in] DWORD n, [out, size_is(n)] BYTE *b); }"
check "a blob's size_is names an [in] 32-bit integer" 1 \
	"size_is must name an [in] 32-bit integer" \
	"[object, uuid(01234567-89ab-cdef-0123-456789abcdef)]
interface IBad : IUnknown { HRESULT F([in, size_is(n)] const BYTE *b, [in] QWORD n); }"
check "[unique] fd is for [out] only" 1 "[unique] fd is for [out] only" \
	"[object, uuid(01234567-89ab-cdef-0123-456789abcdef)]
interface IBad : IUnknown { HRESULT F([in, fd, unique] int f); }"
check "a [local] interface may use any type" 0 "" \
	"[object, uuid(01234567-89ab-cdef-0123-456789abcdef), local]
interface IGood : IUnknown { ULONG F([in] float x, [in, out] LONG *y); }"

# The remote kinds: the generated header compiles as C and C++, the
# proxy/stub file as C, without a warning.
n=$((n + 1))
check_compiles() {
	inc="-I$tmp -I$here/../../include/pmp -Wall -Wextra -Werror"
	${CC:-cc} $inc -fsyntax-only -x c "$tmp/t.h" &&
		${CXX:-c++} $inc -fsyntax-only -x c++ "$tmp/t.h" &&
		${CC:-cc} $inc -fsyntax-only "$tmp/t_p.c"
}
printf 'import "unknwn.idl";\n%s\n' \
"typedef enum { A = 1 } E;
[object, uuid(01234567-89ab-cdef-0123-456789abcdef)]
interface IAll : IUnknown
{
	HRESULT F([in] LONG a, [in] QWORD b, [in] E c, [in] REFGUID d,
		  [in] const BYTE e[4], [in, string] LPCSTR f, [in, fd] int g,
		  [out] DWORD *h, [out] LONGLONG *i, [out] GUID *j,
		  [out] BYTE k[8], [out, string, size_is(a)] LPSTR l,
		  [out, fd] int *m);
	HRESULT G([in] REFIID riid, [out, iid_is(riid)] void **ppv);
	HRESULT H([out] IAll **copy);
	HRESULT I([in] IAll *other, [in, unique] IUnknown *maybe);
	HRESULT J([in, size_is(n)] const BYTE *b, [in] DWORD n, [in] DWORD room,
		  [out, size_is(room), length_is(len)] BYTE *c,
		  [out] DWORD *len, [out, fd, unique] int *f);
}" > "$tmp/t.idl"
if ${PYTHON:-python3} "$idl/pmpidl.py" "$tmp/t.idl" -h "$tmp/t.h" \
	-p "$tmp/t_p.c" -a "$tmp/t_abi.h" && check_compiles; then
	echo "ok $n every remote kind generates code that compiles"
else
	echo "not ok $n every remote kind generates code that compiles"
fi
