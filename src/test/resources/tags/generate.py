"""Writes the CPython tag lists packaging.tags (what pip uses) computes for a few targets, most preferred
first, for TagPriorityTest. Run with any Python that has packaging: python3 generate.py"""
import sys
from packaging import tags, _manylinux, _musllinux

TARGETS = {
    # file: (python, platform list maker)
    "cp311-glibc2.28-x86_64": ((3, 11), lambda: linux("x86_64", glibc=(2, 28))),
    "cp312-glibc2.31-aarch64": ((3, 12), lambda: linux("aarch64", glibc=(2, 31))),
    "cp39-musl1.2-x86_64": ((3, 9), lambda: linux("x86_64", musl=(1, 2))),
    "cp312-macos14-arm64": ((3, 12), lambda: list(tags.mac_platforms((14, 0), "arm64"))),
    "cp310-macos12-x86_64": ((3, 10), lambda: list(tags.mac_platforms((12, 0), "x86_64"))),
    "cp38-macos10.13-x86_64": ((3, 8), lambda: list(tags.mac_platforms((10, 13), "x86_64"))),
    "cp313-win-amd64": ((3, 13), lambda: ["win_amd64"]),
}


def linux(arch, glibc=None, musl=None):
    _manylinux._have_compatible_abi = lambda executable, archs: True
    _manylinux._get_glibc_version = lambda: glibc or (-1, -1)
    _musllinux._get_musl_version = lambda executable: _musllinux._MuslVersion(*musl) if musl else None
    platforms = list(_manylinux.platform_tags([arch])) if glibc else []
    platforms += list(_musllinux.platform_tags([arch]))
    return platforms + ["linux_" + arch]


for name, (version, platforms) in TARGETS.items():
    plats = platforms()
    interpreter = "cp%d%d" % version
    ordered = list(tags.cpython_tags(version, [interpreter], plats))
    ordered += list(tags.compatible_tags(version, interpreter, plats))
    with open(name + ".txt", "w") as f:
        f.writelines(str(t) + "\n" for t in ordered)
    print(name, len(ordered), file=sys.stderr)
