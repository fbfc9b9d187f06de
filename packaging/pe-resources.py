#!/usr/bin/env python3
"""Checks that a Windows exe carries LeadQ's icon and version resource (build.rs embeds them,
with mingw-w64's windres when cross-built): an RT_GROUP_ICON with its RT_ICON images, and an
RT_VERSION whose strings name LeadQ and the version. Standard library only.
Usage: python3 packaging/pe-resources.py leadq.exe VERSION"""
import struct
import sys

RT_ICON, RT_GROUP_ICON, RT_VERSION = 3, 14, 16


def resources(data):
    """The resource section's bytes, its RVA, and the top-level type ids."""
    (pe,) = struct.unpack_from("<I", data, 0x3C)
    if data[pe:pe + 4] != b"PE\0\0":
        sys.exit("not a PE file")
    sections, opt_size = struct.unpack_from("<H12xH", data, pe + 6)
    opt = pe + 24
    magic = struct.unpack_from("<H", data, opt)[0]
    dirs = opt + (112 if magic == 0x20B else 96)
    rva, size = struct.unpack_from("<II", data, dirs + 2 * 8)
    if not rva:
        return None, 0, set()
    table = opt + opt_size
    for i in range(sections):
        vsize, vaddr, raw_size, raw_ptr = struct.unpack_from("<IIII", data, table + i * 40 + 8)
        if vaddr <= rva < vaddr + max(vsize, raw_size):
            start = raw_ptr + (rva - vaddr)
            rsrc = data[start:start + size]
            named, ids = struct.unpack_from("<HH", rsrc, 12)
            types = set()
            for e in range(named + ids):
                name, _ = struct.unpack_from("<II", rsrc, 16 + e * 8)
                if not name & 0x80000000:
                    types.add(name)
            return rsrc, rva, types
    return None, 0, set()


def main():
    path, version = sys.argv[1], sys.argv[2]
    data = open(path, "rb").read()
    rsrc, _, types = resources(data)
    problems = []
    if rsrc is None:
        problems.append("no resource section")
    else:
        for t, name in ((RT_ICON, "icon images"), (RT_GROUP_ICON, "icon"), (RT_VERSION, "version")):
            if t not in types:
                problems.append(f"no {name} resource")
        for text in ("LeadQ", "FileVersion", "ProductVersion", version):
            if text.encode("utf-16-le") not in rsrc:
                problems.append(f"the version resource does not say {text!r}")
    if problems:
        sys.exit(f"{path}: " + "; ".join(problems))
    print(f"{path}: icon and version {version} resources present")


main()
