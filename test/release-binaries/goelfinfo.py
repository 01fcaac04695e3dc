#!/usr/bin/env python3
"""Inspect a Go linux/amd64 ELF file without a Go toolchain (stdlib only).

Prints one tab-separated line per file:
  path goversion pclntab_layout stripped elf_type dynamic size_bytes nfunc
  buildinfo_layout pclntab_location main_module buildmode cgo
Used by fetch-release-binaries.sh --recheck and when pinning new binaries.
"""
import re
import struct
import sys

MAGICS = {
    0xFFFFFFFB: "go1.2",   # Go 1.2 - 1.15
    0xFFFFFFFA: "go1.16",  # Go 1.16 - 1.17
    0xFFFFFFF0: "go1.18",  # Go 1.18 - 1.19
    0xFFFFFFF1: "go1.20",  # Go 1.20+
}
BUILDINFO_MAGIC = b"\xff Go buildinf:"
R_X86_64_RELATIVE = 8


class Elf:
    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = f.read()
        d = self.data
        if d[:4] != b"\x7fELF" or d[4] != 2 or d[5] != 1:
            raise ValueError("not a little-endian ELF64 file")
        (self.e_type, self.e_machine) = struct.unpack_from("<HH", d, 16)
        if self.e_machine != 62:
            raise ValueError("not an x86-64 file (e_machine %d)" % self.e_machine)
        (e_phoff, e_shoff) = struct.unpack_from("<QQ", d, 32)
        (e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx) = struct.unpack_from("<HHHHH", d, 54)
        self.phdrs = []
        for i in range(e_phnum):
            p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align = \
                struct.unpack_from("<IIQQQQQQ", d, e_phoff + i * e_phentsize)
            self.phdrs.append((p_type, p_offset, p_vaddr, p_filesz, p_memsz))
        self.sections = []
        raw = []
        for i in range(e_shnum):
            raw.append(struct.unpack_from("<IIQQQQIIQQ", d, e_shoff + i * e_shentsize))
        if raw and e_shstrndx < len(raw):
            stroff = raw[e_shstrndx][4]
            for (name, typ, flags, addr, off, size, link, info, align, entsize) in raw:
                end = d.index(b"\0", stroff + name)
                self.sections.append((d[stroff + name:end].decode(), typ, addr, off, size))
        self._rela = None

    def section(self, name):
        for s in self.sections:
            if s[0] == name:
                return s
        return None

    def has_interp(self):
        return any(p[0] == 3 for p in self.phdrs)

    def has_dynamic(self):
        return any(p[0] == 2 for p in self.phdrs)

    def off(self, vaddr):
        for (t, off, va, filesz, memsz) in self.phdrs:
            if t == 1 and va <= vaddr < va + filesz:
                return off + vaddr - va
        return None

    def rela(self):
        if self._rela is None:
            self._rela = {}
            for (name, typ, addr, off, size) in self.sections:
                if typ == 4:  # SHT_RELA
                    for i in range(0, size - size % 24, 24):
                        r_off, r_info, r_add = struct.unpack_from("<QQq", self.data, off + i)
                        if r_info & 0xffffffff == R_X86_64_RELATIVE:
                            self._rela[r_off] = r_add
        return self._rela

    def ptr(self, vaddr):
        o = self.off(vaddr)
        if o is None:
            return None
        v = struct.unpack_from("<Q", self.data, o)[0]
        if v == 0:
            v = self.rela().get(vaddr, 0)
        return v

    def gostring(self, vaddr):
        p = self.ptr(vaddr)
        n = self.ptr(vaddr + 8)
        if not p or n is None or n > 1 << 24:
            return None
        o = self.off(p)
        if o is None:
            return None
        return self.data[o:o + n].decode("utf-8", "replace")


def uvarint(b, i):
    x = 0
    s = 0
    while True:
        c = b[i]
        i += 1
        x |= (c & 0x7F) << s
        if c < 0x80:
            return x, i
        s += 7


def buildinfo(elf):
    d = elf.data
    sec = elf.section(".go.buildinfo")
    if sec:
        start = sec[3]
        if d[start:start + 14] != BUILDINFO_MAGIC:
            start = -1
    else:
        start = -1
    if start < 0:
        # Scan (16-byte aligned) within data segments.
        start = 0
        while True:
            start = d.find(BUILDINFO_MAGIC, start)
            if start < 0:
                return None, None, None
            if start % 16 == 0:
                break
            start += 1
    flags = d[start + 15]
    if flags & 2:
        i = start + 32
        n, i = uvarint(d, i)
        ver = d[i:i + n].decode()
        i += n
        n, i = uvarint(d, i)
        mod = d[i:i + n]
        layout = "inline"
    else:
        if flags & 1:
            return "big-endian?", "pointer", None
        hdr_va = None
        for (name, typ, addr, off, size) in elf.sections:
            if off <= start < off + size and addr:
                hdr_va = addr + start - off
        if hdr_va is None:
            for (t, off, va, filesz, memsz) in elf.phdrs:
                if t == 1 and off <= start < off + filesz:
                    hdr_va = va + start - off
        ver = elf.gostring(elf.ptr(hdr_va + 16) or 0)
        modp = elf.ptr(hdr_va + 24)
        mod = elf.gostring(modp) if modp else None
        mod = mod.encode("utf-8", "surrogateescape") if mod else b""
        layout = "pointer"
    if len(mod) >= 33 and mod[-17:-16] == b"\n":
        mod = mod[16:-16]
    return ver, layout, mod.decode("utf-8", "replace")


def pclntab(elf):
    d = elf.data
    sec = elf.section(".gopclntab")
    if sec and sec[4] >= 16:
        m = struct.unpack_from("<I", d, sec[3])[0]
        if m in MAGICS:
            return m, ".gopclntab", struct.unpack_from("<Q", d, sec[3] + 8)[0]
    # Scan: magic, 0, 0, minLC in {1,2,4}, ptrsize 8; prefer data sections.
    pat = re.compile(rb"(\xfb|\xfa|\xf0|\xf1)\xff\xff\xff\x00\x00[\x01\x02\x04]\x08", re.S)
    cands = []
    for mt in pat.finditer(d):
        o = mt.start()
        m = struct.unpack_from("<I", d, o)[0]
        nfunc = struct.unpack_from("<Q", d, o + 8)[0]
        if 0 < nfunc < 10_000_000:
            where = "offset 0x%x" % o
            for (name, typ, addr, off, size) in elf.sections:
                if off <= o < off + size and typ != 8:
                    where = "inside %s+0x%x" % (name, o - off)
            cands.append((nfunc, m, where))
    if not cands:
        return None, None, None
    nfunc, m, where = max(cands)
    return m, where, nfunc


def symtab_version(elf):
    """runtime.buildVersion via .symtab (unstripped binaries, any Go version)."""
    sym = elf.section(".symtab")
    if not sym:
        return None
    strtab = elf.section(".strtab")
    if not strtab:
        return None
    d = elf.data
    want = b"runtime.buildVersion\0"
    for i in range(sym[3], sym[3] + sym[4] - 23, 24):
        st_name, st_info, st_other, st_shndx, st_value, st_size = struct.unpack_from("<IBBHQQ", d, i)
        o = strtab[3] + st_name
        if d[o:o + len(want)] == want:
            return elf.gostring(st_value)
    return None


def heuristic_version(elf):
    vers = re.findall(rb"go1\.\d+(?:\.\d+)?(?:beta\d|rc\d)?", elf.data)
    if not vers:
        return None
    best = max(set(vers), key=lambda v: (vers.count(v), len(v)))
    return best.decode()


def describe(path):
    elf = Elf(path)
    ver, bilayout, mod = buildinfo(elf)
    if not ver:
        ver = symtab_version(elf)
        bilayout = bilayout or "none"
    if not ver:
        hv = heuristic_version(elf)
        ver = (hv + "?") if hv else "unknown"
        bilayout = bilayout or "none"
    magic, where, nfunc = pclntab(elf)
    layout = MAGICS.get(magic, "none")
    if magic is not None:
        layout = "%s(0x%08x)" % (layout, magic)
    stripped = "no" if elf.section(".symtab") else "yes"
    etype = {2: "EXEC", 3: "DYN"}.get(elf.e_type, str(elf.e_type))
    if elf.has_interp():
        dyn = "dynamic"
    elif elf.has_dynamic():
        dyn = "shared-lib" if etype == "DYN" and not elf.section(".interp") else "static-pie"
    else:
        dyn = "static"
    main = buildmode = cgo = "-"
    for line in (mod or "").splitlines():
        f = line.split("\t")
        if f[0] == "path" and len(f) > 1:
            main = f[1]
        elif f[0] == "mod" and len(f) > 1 and main == "-":
            main = f[1]
        elif f[0] == "build" and len(f) > 1:
            if f[1].startswith("-buildmode="):
                buildmode = f[1].split("=", 1)[1]
            elif f[1].startswith("CGO_ENABLED="):
                cgo = f[1].split("=", 1)[1]
    return [path, ver, layout, stripped, etype, dyn, str(len(elf.data)), str(nfunc or 0),
            bilayout, where or "-", main, buildmode, cgo]


if __name__ == "__main__":
    rc = 0
    for p in sys.argv[1:]:
        try:
            print("\t".join(describe(p)))
        except Exception as e:  # keep going over a list of files
            print("%s\terror: %s" % (p, e), file=sys.stderr)
            rc = 1
    sys.exit(rc)
