#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""pmpidl.py - pmp's IDL compiler: one declaration per COM interface.

Reads an .idl file written in a subset of MIDL (the language of Microsoft's
and Wine's .idl files) and writes, from that one declaration:

  -h FILE   the public header: C view (lpVtbl struct, COBJMACROS call
            macros), C++ view (MIDL_INTERFACE abstract classes), DEFINE_GUID,
            __X_FWD_DEFINED__ / __X_INTERFACE_DEFINED__ guards, formatted as
            the kernel's .clang-format would (include/pmp/*.h are this
            output, committed; userspace/idl/Makefile checks they are current)
  -p FILE   the proxy/stub file: for each interface not marked [local], a
            proxy vtable of small thunks, stub thunks and the tables that
            drive libpmp's generic marshaling (<pmpproxy.h>), collected in
            `const struct pmp_ps_file pmp_ps_file_<name>`
  -a FILE   ABI test data: X-macros listing every interface with its slot
            count, every method with its vtable slot, every GUID with its
            value (userspace/tests consume them)
  -I DIR    where imports are looked for, after the importing file's
            directory

The subset accepted (anything else is an error naming the line):

  /* comment */            passed through to the header; one right before
                           an interface, a typedef or a function is that
                           item's documentation; // comments are dropped
  import "x.idl";          parses x.idl (same directory) for its interfaces
                           and types; the header includes "x.h"
  cpp_quote("text")        one line of text, verbatim, in the header; inside
                           an interface body, a line of its C++ class
  const TYPE NAME = VALUE; #define NAME VALUE
  DEFINE_GUID(NAME, l, w1, w2, b1, ..., b8);  a plain GUID (CLSID, service)
  typedef [attrs] enum [tag] { A = 1, B } NAME;
  typedef [attrs] struct [tag] { TYPE field; ... } NAME;
  typedef TYPE NAME;       inside an interface body too (e.g. LPUNKNOWN)
  [object, uuid(...), local] interface NAME [: BASE] { methods };
      a method:  RET NAME([attrs] TYPE name, ...);   or NAME(void)
  [attrs] RET [CALLCONV] NAME(params);   a function (extern "C" prototype)

Parameter attributes: in, out, retval, string, size_is(p), iid_is(p),
unique, and pmp's own fd (an int carried as a file descriptor; MIDL's
counterpart is system_handle(sh_file)).  What the marshaling of an
interface that is not [local] can carry, by wire kind (com.rst has the
format): 32-bit integers and enums, 64-bit integers, REFGUID/REFIID/
REFCLSID in and GUID * out, fixed byte arrays (BYTE x[N]), [string] char
strings in, [out, string, size_is(n)] char buffers, byte blobs ([in,
size_is(n)] const BYTE *, [out, size_is(room), length_is(len)] BYTE *; at
most PMP_PS_BLOB_MAX bytes), [fd] int and int * ([out, fd, unique]: may
be -1),
interface pointers out (IFoo ** or [iid_is(riid)] void **) and interface
pointers in ([in] IFoo *, IUnknown * included: a proxy of an object of the
same host, passed as its kernel handle; NULL only with [unique]).

Python 3 standard library only.
"""

import argparse
import os
import re
import sys

COLUMNS = 80
# Parameters of a remote method, at most (userspace/lib/com/interp.c).
MAX_PARAMS = 16
# Interface pointers in, at most: the kernel's PMP_OBJS_MAX.
MAX_OBJECTS_IN = 16
CALLCONVS = {'WINAPI', 'STDAPICALLTYPE', 'STDMETHODCALLTYPE', 'CALLBACK'}

# ---- lexer ----

TOKEN_RE = re.compile(r'''
    (?P<ws>[ \t\r\n]+)
  | (?P<comment>/\*.*?\*/)
  | (?P<linecomment>//[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<uuid>[0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12})
  | (?P<number>0[xX][0-9A-Fa-f]+[uUlL]*|[0-9]+[uUlL]*)
  | (?P<ident>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<punct>[()\[\]{};,*=:<>&|+\-~])
''', re.X | re.S)


class IdlError(Exception):
    pass


class Token:
    def __init__(self, kind, text, line):
        self.kind, self.text, self.line = kind, text, line

    def __repr__(self):
        return '%s %r' % (self.kind, self.text)


def tokenize(text, path):
    tokens, pos, line = [], 0, 1
    while pos < len(text):
        m = TOKEN_RE.match(text, pos)
        if not m:
            raise IdlError('%s:%d: unexpected %r' % (path, line, text[pos]))
        kind = m.lastgroup
        if kind not in ('ws', 'linecomment'):
            tokens.append(Token(kind, m.group(), line))
        line += m.group().count('\n')
        pos = m.end()
    tokens.append(Token('eof', '', line))
    return tokens


# ---- the parsed declarations ----

class Param:
    def __init__(self, attrs, type_words, ptr, name, array):
        self.attrs = attrs          # {name: argument or None}
        self.type_words = type_words  # ['const', 'BYTE']
        self.ptr = ptr              # number of '*'
        self.name = name
        self.array = array          # '16' or None

    @property
    def base(self):
        return ' '.join(w for w in self.type_words if w != 'const')

    def c_type(self):
        """The type alone, as a cast would spell it."""
        t = ' '.join(self.type_words)
        stars = '*' * (self.ptr + (1 if self.array else 0))
        return t + (' ' + stars if stars else '')

    def c_decl(self):
        t = ' '.join(self.type_words)
        return '%s %s%s%s' % (t, '*' * self.ptr, self.name,
                              '[%s]' % self.array if self.array else '')


class Method:
    def __init__(self, ret, name, params, line):
        self.ret, self.name, self.params, self.line = ret, name, params, line


class Interface:
    def __init__(self, name, attrs, base):
        self.name, self.attrs, self.base = name, attrs, base
        self.methods = []
        self.typedefs = []      # 'typedef IUnknown *LPUNKNOWN;'
        self.cxx_lines = []     # cpp_quote inside the body
        self.idl = None         # the file that declares it

    @property
    def local(self):
        return 'local' in self.attrs

    def uuid(self):
        u = self.attrs.get('uuid')
        if not u:
            raise IdlError('interface %s has no uuid' % self.name)
        return u.strip('"').upper()


class Idl:
    def __init__(self, path):
        self.path = path
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.spdx = None
        self.title = None       # the leading comment block
        self.imports = []       # Idl objects
        self.items = []         # (kind, object, doc)
        self.interfaces = {}    # own ones, by name
        self.enums = set()


# ---- parser ----

class Parser:
    def __init__(self, path, known):
        self.path = path
        with open(path, encoding='utf-8') as f:
            self.toks = tokenize(f.read(), path)
        self.i = 0
        self.known = known      # name -> Interface, all files
        self.idl = Idl(path)

    def err(self, msg, tok=None):
        tok = tok or self.peek()
        return IdlError('%s:%d: %s' % (self.path, tok.line, msg))

    def peek(self, n=0):
        return self.toks[self.i + n]

    def next(self):
        tok = self.toks[self.i]
        if tok.kind == 'eof':
            raise self.err('unexpected end of file', tok)
        self.i += 1
        return tok

    def accept(self, text):
        if self.peek().text == text and self.peek().kind != 'string':
            return self.next()
        return None

    def expect(self, text):
        tok = self.next()
        if tok.text != text or tok.kind == 'string':
            raise self.err('expected %r, found %r' % (text, tok.text), tok)
        return tok

    def ident(self):
        tok = self.next()
        if tok.kind != 'ident':
            raise self.err('expected a name, found %r' % tok.text, tok)
        return tok.text

    def string(self):
        tok = self.next()
        if tok.kind != 'string':
            raise self.err('expected a string, found %r' % tok.text, tok)
        return bytes(tok.text[1:-1], 'utf-8').decode('unicode_escape')

    def parse(self):
        idl = self.idl
        doc = None
        while self.peek().kind != 'eof':
            tok = self.peek()
            if tok.kind == 'comment':
                self.next()
                text = tok.text
                if idl.spdx is None and 'SPDX-License-Identifier' in text:
                    idl.spdx = text
                elif idl.title is None and not idl.items and doc is None:
                    idl.title = text
                else:
                    if doc:
                        idl.items.append(('comment', doc, None))
                    doc = text
                continue
            if tok.text == 'import':
                self.next()
                while True:
                    idl.imports.append(self.string())
                    if not self.accept(','):
                        break
                self.expect(';')
                continue
            item = self.item()
            if item[0] == 'cpp_quote' and doc:
                idl.items.append(('comment', doc, None))
                doc = None
            idl.items.append((item[0], item[1], doc))
            doc = None
        if doc:
            idl.items.append(('comment', doc, None))
        return idl

    def item(self):
        tok = self.peek()
        if tok.text == 'cpp_quote':
            self.next()
            self.expect('(')
            text = self.string()
            self.expect(')')
            self.accept(';')
            return ('cpp_quote', text)
        if tok.text == 'const':
            self.next()
            name = self.decl()[2]
            self.expect('=')
            value = []
            while self.peek().text != ';':
                value.append(self.next().text)
            self.expect(';')
            return ('const', (name, ' '.join(value)))
        if tok.text == 'DEFINE_GUID':
            self.next()
            self.expect('(')
            name = self.ident()
            nums = []
            while self.accept(','):
                t = self.next()
                if t.kind != 'number':
                    raise self.err('DEFINE_GUID takes 11 numbers', t)
                nums.append(int(t.text.rstrip('uUlL'), 0))
            self.expect(')')
            self.expect(';')
            if len(nums) != 11:
                raise self.err('DEFINE_GUID takes 11 numbers', tok)
            return ('guid', (name, nums))
        if tok.text == 'typedef':
            return ('typedef', self.typedef())
        attrs = self.attrs() if tok.text == '[' else {}
        if self.peek().text == 'interface':
            return ('interface', self.interface(attrs))
        return ('function', self.function(attrs))

    def attrs(self):
        attrs = {}
        self.expect('[')
        while True:
            name = self.ident()
            arg = None
            if self.accept('('):
                depth, parts = 1, []
                while True:
                    t = self.next()
                    if t.text == '(':
                        depth += 1
                    elif t.text == ')':
                        depth -= 1
                        if not depth:
                            break
                    parts.append(t.text)
                arg = ' '.join(parts)
            attrs[name] = arg
            if not self.accept(','):
                break
        self.expect(']')
        return attrs

    def decl(self):
        """TYPE [*...] NAME: the type's words, its stars and the name."""
        words = []
        while self.peek().kind == 'ident':
            words.append(self.next().text)
        ptr = 0
        while self.accept('*'):
            ptr += 1
        if ptr:
            name = self.ident()
        elif len(words) >= 2:
            name = words.pop()
        else:
            raise self.err('expected a type and a name')
        return words, ptr, name

    def param(self):
        attrs = self.attrs() if self.peek().text == '[' else {}
        words, ptr, name = self.decl()
        array = None
        if self.accept('['):
            array = self.next().text
            self.expect(']')
        return Param(attrs, words, ptr, name, array)

    def params(self):
        self.expect('(')
        params = []
        if self.peek().text == 'void' and self.peek(1).text == ')':
            self.next()
        while self.peek().text != ')':
            params.append(self.param())
            if not self.accept(','):
                break
        self.expect(')')
        return params

    def function(self, attrs):
        line = self.peek().line
        words, ptr, name = self.decl()
        callconv = None
        if words[-1] in CALLCONVS:
            callconv = words.pop()
        ret = ' '.join(words) + (' ' + '*' * ptr if ptr else '')
        params = self.params()
        self.expect(';')
        m = Method(ret, name, params, line)
        m.callconv = callconv
        return m

    def typedef(self):
        self.expect('typedef')
        if self.peek().text == '[':
            self.attrs()
        if self.peek().text in ('enum', 'struct'):
            kind = self.next().text
            tag = self.ident() if self.peek().kind == 'ident' else None
            self.expect('{')
            members = []
            while not self.accept('}'):
                if kind == 'enum':
                    name = self.ident()
                    value = None
                    if self.accept('='):
                        parts = []
                        while self.peek().text not in (',', '}'):
                            parts.append(self.next().text)
                        value = ' '.join(parts)
                    members.append((name, value))
                    if not self.accept(','):
                        self.expect('}')
                        break
                else:
                    p = self.param()
                    self.expect(';')
                    members.append(p)
            name = self.ident()
            self.expect(';')
            if kind == 'enum':
                self.idl.enums.add(name)
            return (kind, tag, members, name)
        words, ptr, name = self.decl()
        self.expect(';')
        return ('alias', ' '.join(words), ptr, name)

    def interface(self, attrs):
        self.expect('interface')
        name = self.ident()
        base = None
        if self.accept(':'):
            bname = self.ident()
            base = self.known.get(bname)
            if not base:
                raise self.err('unknown base interface %s' % bname)
        iface = Interface(name, attrs, base)
        iface.idl = self.idl
        self.known[name] = iface
        self.idl.interfaces[name] = iface
        self.expect('{')
        while not self.accept('}'):
            tok = self.peek()
            if tok.kind == 'comment':
                self.next()
                continue
            if tok.text == 'cpp_quote':
                self.next()
                self.expect('(')
                iface.cxx_lines.append(self.string())
                self.expect(')')
                self.accept(';')
                continue
            if tok.text == 'typedef':
                td = self.typedef()
                if td[0] != 'alias':
                    raise self.err('only plain typedefs inside an interface')
                iface.typedefs.append('typedef %s %s%s;' %
                                      (td[1], '*' * td[2], td[3]))
                continue
            if tok.text == '[':
                self.attrs()
            line = self.peek().line
            words, ptr, mname = self.decl()
            ret = ' '.join(words) + (' ' + '*' * ptr if ptr else '')
            params = self.params()
            self.expect(';')
            iface.methods.append(Method(ret, mname, params, line))
        self.accept(';')
        return iface


def find_import(name, path, dirs):
    """@name, imported by @path: next to it, else in one of @dirs."""
    for d in [os.path.dirname(path)] + dirs:
        candidate = os.path.normpath(os.path.join(d, name))
        if os.path.exists(candidate):
            return candidate
    raise IdlError('%s: cannot find import "%s"' % (path, name))


def parse_file(path, known, cache, dirs):
    path = os.path.normpath(path)
    if path in cache:
        return cache[path]
    # Imports first, so that their interfaces are known.
    with open(path, encoding='utf-8') as f:
        imports = re.findall(r'^\s*import\s+"([^"]+)"', f.read(), re.M)
    for imp in imports:
        parse_file(find_import(imp, path, dirs), known, cache, dirs)
    idl = Parser(path, known).parse()
    idl.imports = [cache[find_import(i, path, dirs)] for i in idl.imports]
    cache[path] = idl
    return idl


# ---- formatting, as clang-format lays these constructs out ----

def width(s):
    col = 0
    for ch in s:
        col = (col // 8 + 1) * 8 if ch == '\t' else col + 1
    return col


def indent(col):
    return '\t' * (col // 8) + ' ' * (col % 8)


def pack(first, pieces, col, limit):
    """Bin-packs @pieces after @first, continuation lines at @col."""
    lines = [first + pieces[0]] if pieces else [first]
    for k, p in enumerate(pieces[1:], 2):
        # clang-format leaves a line that ends in a comma one column short.
        room = limit if k == len(pieces) else limit - 1
        if width(lines[-1] + ' ' + p) <= room:
            lines[-1] += ' ' + p
        else:
            lines.append(indent(col) + p)
    return lines


def wrap_call(head, args, tail, limit=COLUMNS):
    """head 'f(' + args joined by ', ' + tail ');', wrapped at @limit."""
    if not args:
        return [head + tail]
    one = head + ', '.join(args) + tail
    if width(one) <= limit:
        return [one]
    pieces = [a + ',' for a in args[:-1]] + [args[-1] + tail]
    lines = pack(head, pieces, width(head), limit)
    if all(width(line) <= limit for line in lines):
        return lines
    lead = len(head) - len(head.lstrip('\t'))
    col = width(head[:lead]) + 8
    return [head] + pack(indent(col), pieces, col, limit)


def define(head_name, params, body):
    """A function-like macro, wrapped with right-aligned backslashes."""
    head = '#define %s(' % head_name
    one = head + ', '.join(params) + ') ' + body
    if width(one) <= COLUMNS:
        return [one]
    lines = wrap_call(head, params, ')', COLUMNS - 2)
    out = [line + ' ' * (COLUMNS - 1 - width(line)) + '\\' for line in lines]
    return out + ['\t' + body]


def guid_string(nums):
    return '%08X-%04X-%04X-%02X%02X-%s' % (
        nums[0], nums[1], nums[2], nums[3], nums[4],
        ''.join('%02X' % b for b in nums[5:]))


def guid_nums(uuid):
    h = uuid.replace('-', '')
    return ([int(h[0:8], 16), int(h[8:12], 16), int(h[12:16], 16)] +
            [int(h[16 + 2 * i:18 + 2 * i], 16) for i in range(8)])


def guid_args(nums):
    return (['0x%08x' % nums[0], '0x%04x' % nums[1], '0x%04x' % nums[2]] +
            ['0x%02x' % b for b in nums[3:]])


def define_guid(name, nums):
    return (['/* {%s} */' % guid_string(nums)] +
            wrap_call('DEFINE_GUID(', [name] + guid_args(nums), ');'))


# ---- the header ----

def chain(iface):
    """The interface and its bases, root first."""
    out = []
    while iface:
        out.insert(0, iface)
        iface = iface.base
    return out


def all_methods(iface):
    return [(i, m) for i in chain(iface) for m in i.methods]


def header_comment(idl, out_name, what):
    lines = [idl.spdx or '/* SPDX-License-Identifier: LGPL-2.1-or-later */']
    gen = (' * Generated from %s.idl by userspace/idl/pmpidl.py: '
           'do not edit.' % idl.name)
    if idl.title:
        body = idl.title.split('\n')
        body[1] = body[1].replace('%s.idl' % idl.name, out_name)
        # After the title paragraph.
        end = body.index(' *') if ' *' in body else len(body) - 1
        lines += body[:end] + [' *', gen] + body[end:]
    else:
        lines += ['/*', ' * %s - %s' % (out_name, what), ' *', gen, ' */']
    return lines


def c_vtbl(iface):
    n = iface.name
    lines = ['typedef struct %sVtbl {' % n, '\tBEGIN_INTERFACE']
    for i in chain(iface):
        lines += ['', '\t/* %s */' % i.name]
        for m in i.methods:
            params = ['%s *This' % n] + [p.c_decl() for p in m.params]
            one = '\t%s(STDMETHODCALLTYPE *%s)(%s);' % (m.ret, m.name,
                                                       ', '.join(params))
            if width(one) <= COLUMNS:
                lines.append(one)
            else:
                lines.append('\t%s(STDMETHODCALLTYPE *%s)' % (m.ret, m.name))
                lines += wrap_call('\t(', params, ');')
    lines += ['', '\tEND_INTERFACE', '} %sVtbl;' % n, '',
              'interface %s {' % n, '\tCONST_VTBL %sVtbl *lpVtbl;' % n, '};',
              '', '#ifdef COBJMACROS']
    for i, m in all_methods(iface):
        names = ['This'] + [p.name for p in m.params]
        lines += define('%s_%s' % (n, m.name), names,
                        '((This)->lpVtbl->%s(%s))' % (m.name,
                                                      ', '.join(names)))
    lines += ['#endif']
    return lines


def cxx_class(iface):
    n, u = iface.name, iface.uuid()
    lines = ['MIDL_INTERFACE("%s")' % u]
    lines.append('%s : public %s' % (n, iface.base.name) if iface.base
                 else n)
    lines.append('{')
    body = []
    for m in iface.methods:
        head = '\tvirtual %s STDMETHODCALLTYPE %s(' % (m.ret, m.name)
        body += wrap_call(head, [p.c_decl() for p in m.params], ') = 0;')
    body += iface.cxx_lines
    if not iface.base:
        body = ['\tBEGIN_INTERFACE', ''] + body + ['', '\tEND_INTERFACE']
    lines += body + ['};']
    lines += wrap_call('__CRT_UUID_DECL(', [n] + guid_args(guid_nums(u)), ')')
    return lines


def interface_block(iface, doc):
    n = iface.name
    lines = ['/* ---- %s ---- */' % n, '']
    if doc:
        lines += doc.split('\n')
    lines += ['#ifndef __%s_INTERFACE_DEFINED__' % n,
              '#define __%s_INTERFACE_DEFINED__' % n, '']
    if iface.typedefs:
        lines += iface.typedefs + ['']
    lines += define_guid('IID_' + n, guid_nums(iface.uuid())) + ['']
    lines += ['#if defined(__cplusplus) && !defined(CINTERFACE)']
    lines += cxx_class(iface)
    lines += ['#else']
    lines += c_vtbl(iface)
    lines += ['#endif', '', '#endif /* __%s_INTERFACE_DEFINED__ */' % n]
    return lines


def typedef_lines(td):
    if td[0] == 'alias':
        return ['typedef %s %s%s;' % (td[1], '*' * td[2], td[3])]
    kind, tag, members, name = td
    lines = ['typedef %s %s{' % (kind, tag + ' ' if tag else '')]
    if kind == 'enum':
        for k, (mname, value) in enumerate(members):
            sep = ',' if k < len(members) - 1 else ''
            lines.append('\t%s%s%s' % (mname, ' = ' + value if value else '',
                                       sep))
    else:
        lines += ['\t%s;' % p.c_decl() for p in members]
    return lines + ['} %s;' % name]


def function_lines(f):
    head = '%s %s%s(' % (f.ret, f.callconv + ' ' if f.callconv else '',
                         f.name)
    return wrap_call(head, [p.c_decl() for p in f.params] or ['void'], ');')


def write_header(idl):
    out_name = idl.name + '.h'
    guard = 'PMP_%s_H' % re.sub(r'\W', '_', idl.name.upper())
    lines = header_comment(idl, out_name, 'interfaces of %s.idl' % idl.name)
    lines += ['', '#ifndef ' + guard, '#define ' + guard, '']
    # Leading cpp_quote lines are the includes; imports come after them.
    items = list(idl.items)
    includes = []
    while items and items[0][0] == 'cpp_quote' and \
            items[0][1].startswith('#include'):
        includes.append(items.pop(0)[1])
    includes += ['#include "%s.h"' % imp.name for imp in idl.imports]
    lines += includes
    for iface in idl.interfaces.values():
        n = iface.name
        lines += ['', '#ifndef __%s_FWD_DEFINED__' % n,
                  '#define __%s_FWD_DEFINED__' % n,
                  'typedef interface %s %s;' % (n, n), '#endif']
    k = 0
    while k < len(items):
        kind, obj, doc = items[k]
        block = doc.split('\n') if doc and kind != 'interface' else []
        if kind == 'comment':
            block = obj.split('\n')
        elif kind == 'cpp_quote':
            block = [obj]
            while k + 1 < len(items) and items[k + 1][0] == 'cpp_quote':
                k += 1
                block.append(items[k][1])
        elif kind == 'const':
            block.append('#define %s %s' % obj)
        elif kind == 'guid':
            block += define_guid(*obj)
        elif kind == 'typedef':
            block += typedef_lines(obj)
        elif kind == 'interface':
            block = interface_block(obj, doc)
        elif kind == 'function':
            block = ['#ifdef __cplusplus', 'extern "C" {', '#endif', '']
            while True:
                doc = items[k][2]
                block += (doc.split('\n') if doc else []) + \
                    function_lines(items[k][1]) + ['']
                if k + 1 < len(items) and items[k + 1][0] == 'function':
                    k += 1
                else:
                    break
            block += ['#ifdef __cplusplus', '}', '#endif']
        lines += [''] + block
        k += 1
    lines += ['', '#endif /* %s */' % guard]
    return '\n'.join(lines) + '\n'


# ---- marshaling: wire kinds ----

U32 = {'LONG', 'ULONG', 'DWORD', 'HRESULT', 'BOOL', 'UINT', 'INT', 'int',
       'UINT32', 'INT32', 'unsigned int', 'unsigned'}
U64 = {'QWORD', 'LONGLONG', 'ULONGLONG', 'UINT64', 'INT64', 'LONG64',
       'ULONG64', 'MFTIME', 'TOPOID'}
GUID_IN = {'REFGUID', 'REFIID', 'REFCLSID', 'REFFMTID'}
GUID_OUT = {'GUID', 'IID', 'CLSID'}
STR_TYPES = {'LPCSTR', 'LPSTR', 'char'}


class Wire:
    def __init__(self, kind, out, size=0, ref=-1, iid='NULL', flags='0'):
        self.kind, self.out, self.size, self.ref, self.iid = \
            kind, out, size, ref, iid
        self.flags = flags


def wire_of(iface, m, p, known, enums):
    out = 'out' in p.attrs
    if 'in' in p.attrs and out:
        raise IdlError('%s::%s: [in, out] %s is not supported yet' %
                       (iface.name, m.name, p.name))
    where = '%s:%d: %s::%s(%s)' % (iface.idl.path, m.line, iface.name,
                                   m.name, p.name)
    base = p.base
    names = [q.name for q in m.params]

    def ref(attr):
        arg = p.attrs.get(attr)
        if arg not in names:
            raise IdlError('%s: %s names no parameter' % (where, attr))
        return names.index(arg)

    depth = p.ptr - (1 if out else 0)
    if base in STR_TYPES and (base != 'char' or p.ptr == 1 + out) and \
            'string' in p.attrs:
        if out:
            return Wire('STR', True, ref=ref('size_is'))
        return Wire('STR', False)
    if 'fd' in p.attrs and base == 'int' and depth == 0:
        if 'unique' in p.attrs and not out:
            raise IdlError('%s: [unique] fd is for [out] only' % where)
        return Wire('FD', out,
                    flags='PMP_PS_UNIQUE' if 'unique' in p.attrs else '0')
    if base in ('BYTE', 'UCHAR') and p.ptr == 1 and \
            not p.array and 'size_is' in p.attrs:
        return blob_wire(m, p, out, where, ref)
    if base in ('BYTE', 'UCHAR') and p.array and p.ptr == 0:
        return Wire('BYTES', out, size=int(p.array, 0))
    if not out and base in GUID_IN and p.ptr == 0:
        return Wire('GUID', False)
    if out and base in GUID_OUT and p.ptr == 1:
        return Wire('GUID', True)
    if (base in U32 or base in enums) and depth == 0 and not p.array:
        return Wire('U32', out)
    if base in U64 and depth == 0 and not p.array:
        return Wire('U64', out)
    if out and p.ptr == 2 and base in known:
        return Wire('OBJECT', True, iid='&IID_' + base)
    if not out and p.ptr == 1 and base in known:
        return Wire('OBJECT_IN', False, iid='&IID_' + base,
                    flags='PMP_PS_UNIQUE' if 'unique' in p.attrs else '0')
    if out and p.ptr == 2 and base == 'void' and 'iid_is' in p.attrs:
        return Wire('OBJECT', True, ref=ref('iid_is'))
    if out and p.ptr == 1 and base in ('LPVOID', 'PVOID') and \
            'iid_is' in p.attrs:
        return Wire('OBJECT', True, ref=ref('iid_is'))
    raise IdlError('%s: type %s cannot be marshaled; mark the interface '
                   '[local]' % (where, p.c_type()))


def blob_wire(m, p, out, where, ref):
    """[in, size_is(n)] const BYTE *p, or [out, size_is(room),
    length_is(len)] BYTE *p: n and room [in] 32-bit, len [out] DWORD *."""
    def u32_param(k, want_out, what):
        q = m.params[k]
        if ('out' in q.attrs) != want_out or q.base not in U32 or \
                q.ptr != (1 if want_out else 0) or q.array:
            raise IdlError('%s: %s must name an [%s] 32-bit integer' %
                           (where, what, 'out' if want_out else 'in'))
        return k
    size = u32_param(ref('size_is'), False, 'size_is')
    if not out:
        if 'length_is' in p.attrs:
            raise IdlError('%s: length_is is for [out] blobs' % where)
        return Wire('BLOB', False, ref=size)
    if 'length_is' not in p.attrs:
        raise IdlError('%s: an [out] blob needs length_is' % where)
    p.attrs['length_is'] = p.attrs['length_is'].lstrip('* ')
    return Wire('BLOB', True, ref=size,
                size=u32_param(ref('length_is'), True, 'length_is'))


def stub_arg(p, w, k):
    if w.kind == 'BLOB':
        return '(%s)args[%d]' % (p.c_type(), k)
    if w.out or w.kind in ('BYTES', 'STR', 'GUID'):
        return '(%s)args[%d]' % (p.c_type(), k)
    return '*(%s *)args[%d]' % (p.c_type(), k)


def write_proxy(idl, known):
    enums = set()
    for i in known.values():
        enums |= i.idl.enums
    lines = ['// SPDX-License-Identifier: LGPL-2.1-or-later', '/*',
             ' * %s_p.c - the proxies and stubs of %s.idl\'s interfaces' %
             (idl.name, idl.name), ' *',
             ' * Generated from %s.idl by userspace/idl/pmpidl.py: '
             'do not edit.' % idl.name,
             ' * Tables for the generic marshaling of <pmpproxy.h>; the '
             'proxies reach', ' * libpmp through their own header, so '
             'that this file links anywhere.', ' */', '',
             '#include "pmpproxy.h"', '#include "%s.h"' % idl.name]
    pairs = []
    for iface in idl.interfaces.values():
        if iface.local:
            continue
        n = iface.name
        pairs.append(n)
        lines += ['', '/* ---- %s ---- */' % n]
        methods = all_methods(iface)
        own = methods[3:]
        if [m.name for _, m in methods[:3]] != ['QueryInterface', 'AddRef',
                                                 'Release']:
            raise IdlError('%s does not derive from IUnknown' % n)
        lines += ['', 'static HRESULT STDMETHODCALLTYPE',
                  '%s_QueryInterface_Proxy(%s *This, REFIID riid, '
                  'void **ppv)' % (n, n), '{',
                  '\treturn PMP_PROXY_OPS(This)->query_interface(This, riid, '
                  'ppv);', '}', '',
                  'static ULONG STDMETHODCALLTYPE %s_AddRef_Proxy(%s *This)' %
                  (n, n), '{', '\treturn PMP_PROXY_OPS(This)->add_ref(This);',
                  '}', '',
                  'static ULONG STDMETHODCALLTYPE %s_Release_Proxy(%s *This)' %
                  (n, n), '{', '\treturn PMP_PROXY_OPS(This)->release(This);',
                  '}']
        tables = []
        for slot, (_, m) in enumerate(own, 3):
            if m.ret != 'HRESULT':
                raise IdlError('%s::%s: a remote method returns HRESULT' %
                               (n, m.name))
            wires = [wire_of(iface, m, p, known, enums) for p in m.params]
            if len(wires) > MAX_PARAMS:
                raise IdlError('%s::%s: more than %d parameters' %
                               (n, m.name, MAX_PARAMS))
            if sum(1 for w in wires if w.kind == 'OBJECT') > 1:
                raise IdlError('%s::%s: at most one interface pointer out' %
                               (n, m.name))
            if sum(1 for w in wires if w.kind == 'OBJECT_IN') > \
                    MAX_OBJECTS_IN:
                raise IdlError('%s::%s: more than %d interface pointers in' %
                               (n, m.name, MAX_OBJECTS_IN))
            if sum(1 for w in wires if w.kind == 'STR' and w.out) > 1:
                raise IdlError('%s::%s: at most one string out' %
                               (n, m.name))
            decls = ['%s *This' % n] + [p.c_decl() for p in m.params]
            lines += ['', 'static HRESULT STDMETHODCALLTYPE']
            lines += wrap_call('%s_%s_Proxy(' % (n, m.name), decls, ')')
            lines += ['{']
            if m.params:
                # REFIID and its kin are const pointers: cast the const away.
                lines += wrap_call('\tvoid *args[] = { ',
                                   ['(void *)&' + p.name if p.base in GUID_IN
                                    else '&' + p.name for p in m.params],
                                   ' };')
                lines += ['', '\treturn PMP_PROXY_OPS(This)->invoke(This, '
                          '%d, args);' % slot]
            else:
                lines += ['\treturn PMP_PROXY_OPS(This)->invoke(This, %d, '
                          'NULL);' % slot]
            lines += ['}', '',
                      'static HRESULT %s_%s_Stub(IUnknown *iface, '
                      'void **args)' % (n, m.name), '{',
                      '\t%s *This = (%s *)iface;' % (n, n), '']
            call = ['This'] + [stub_arg(p, w, k) for k, (p, w) in
                               enumerate(zip(m.params, wires))]
            if not m.params:
                lines += ['\t(void)args;']
            lines += wrap_call('\treturn This->lpVtbl->%s(' % m.name, call,
                               ');')
            lines += ['}']
            if m.params:
                lines += ['', 'static const struct pmp_ps_param '
                          '%s_%s_params[] = {' % (n, m.name)]
                for w in wires:
                    lines.append('\t{ PMP_PS_%s, %s, %d, %d, %s, %s },' % (
                        w.kind, 'PMP_PS_OUT' if w.out else 'PMP_PS_IN',
                        w.size, w.ref, w.flags, w.iid))
                lines += ['};']
            tables.append('\t{ "%s", %d, %s, %s_%s_Stub },' % (
                m.name, len(m.params),
                '%s_%s_params' % (n, m.name) if m.params else 'NULL',
                n, m.name))
        if own:
            lines += ['', 'static const struct pmp_ps_method '
                      '%s_methods[] = {' % n] + tables + ['};']
        lines += ['', 'static const %sVtbl %s_proxy_vtbl = {' % (n, n)]
        for _, m in methods:
            lines.append('\t.%s = %s_%s_Proxy,' % (m.name, n, m.name))
        lines += ['};', '', 'static const struct pmp_ps_pair pmp_ps_%s = {' %
                  n, '\t.iid = &IID_%s,' % n, '\t.name = "%s",' % n,
                  '\t.methods = %d,' % len(methods),
                  '\t.proxy_vtbl = &%s_proxy_vtbl,' % n,
                  '\t.own = %s,' % ('%s_methods' % n if own else 'NULL'),
                  '};']
    lines += ['', 'static const struct pmp_ps_pair *const %s_pairs[] = {' %
              idl.name] + ['\t&pmp_ps_%s,' % n for n in pairs] + ['\tNULL,',
                                                                  '};']
    lines += ['', 'const struct pmp_ps_file pmp_ps_file_%s = {' % idl.name,
              '\t.version = PMP_PS_VERSION,', '\t.count = %d,' % len(pairs),
              '\t.pairs = %s_pairs,' % idl.name, '};']
    return '\n'.join(lines) + '\n'


# ---- ABI test data ----

def write_abi(idl):
    n = idl.name
    ifaces = list(idl.interfaces.values())
    lines = ['/* SPDX-License-Identifier: LGPL-2.1-or-later */', '/*',
             ' * %s_abi.h - the ABI facts %s.idl declares, for the tests' %
             (n, n), ' *',
             ' * Generated from %s.idl by userspace/idl/pmpidl.py: '
             'do not edit.' % n,
             ' * X-macros: I(interface, vtable slots), M(interface, method, '
             'slot),', ' * G(name, l, w1, w2, b1..b8).  METHODS lists '
             'every slot of an', ' * interface; OWN_METHODS the methods '
             'it declares itself, from slot 3.', ' */', '']

    def xmacro(name, param, entries):
        out = ['#define PMP_ABI_%s_%s(%s)' % (n.upper(), name, param)]
        body = entries or ['/* none */']
        rows = out + ['\t' + e for e in body]
        return [r + (' \\' if k < len(rows) - 1 else '')
                for k, r in enumerate(rows)] + ['']

    lines += xmacro('INTERFACES', 'I', ['I(%s, %d)' % (
        i.name, len(all_methods(i))) for i in ifaces])
    lines += xmacro('METHODS', 'M', ['M(%s, %s, %d)' % (i.name, m.name, s)
                                     for i in ifaces for s, (_, m) in
                                     enumerate(all_methods(i))])
    lines += xmacro('OWN_METHODS', 'M', [
        'M(%s, %s, %d)' % (i.name, m.name, s)
        for i in ifaces for s, (j, m) in enumerate(all_methods(i))
        if j is i and s >= 3])
    guids = [('IID_' + i.name, guid_nums(i.uuid())) for i in ifaces]
    guids += [obj for kind, obj, _ in idl.items if kind == 'guid']
    lines += xmacro('GUIDS', 'G', ['G(%s, %s)' % (g, ', '.join(guid_args(v)))
                                   for g, v in guids])
    return '\n'.join(lines).rstrip('\n') + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0],
                                 add_help=False)
    ap.add_argument('idl')
    ap.add_argument('-h', dest='header', metavar='FILE')
    ap.add_argument('-p', dest='proxy', metavar='FILE')
    ap.add_argument('-a', dest='abi', metavar='FILE')
    ap.add_argument('-I', dest='dirs', metavar='DIR', action='append',
                    default=[])
    ap.add_argument('--help', action='help')
    args = ap.parse_args()
    known, cache = {}, {}
    try:
        idl = parse_file(args.idl, known, cache, args.dirs)
        outputs = []
        if args.header:
            outputs.append((args.header, write_header(idl)))
        if args.proxy:
            outputs.append((args.proxy, write_proxy(idl, known)))
        if args.abi:
            outputs.append((args.abi, write_abi(idl)))
    except IdlError as e:
        print('pmpidl: %s' % e, file=sys.stderr)
        return 1
    for path, text in outputs:
        tmp = path + '.tmp'
        with open(tmp, 'w', encoding='utf-8') as f:
            f.write(text)
        os.replace(tmp, path)
    return 0


if __name__ == '__main__':
    sys.exit(main())
