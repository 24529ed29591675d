# Written by pyz-maven-plugin: hands over to the bootstrap in .pyz/ (see docs/FORMAT.md).
# These first lines run on any Python, 2.7 included, to say which one the app needs.
import sys

BUILT_FOR = "CPython 3.8 or newer"  # the build writes its target here

if sys.version_info < (3, 8):
    sys.stderr.write("pyz: %s needs Python 3.8 or newer (it was built for %s); this is Python %s at %s\n"
                     % (sys.argv[0], BUILT_FOR, sys.version.split()[0], sys.executable))
    sys.exit(1)

import os

_archive = os.path.dirname(os.path.abspath(__file__))
for _name in ("pyz_bootstrap", "pyz_extract", "pyz_cache"):  # another app's, when a child of that app runs this one
    _loaded = sys.modules.get(_name)
    if _loaded is not None and not str(getattr(_loaded, "__file__", "")).startswith(os.path.join(_archive, "")):
        del sys.modules[_name]
sys.path.insert(0, os.path.join(_archive, ".pyz"))
try:
    import pyz_bootstrap
finally:
    del sys.path[0]
if __name__ == "__main__":
    pyz_bootstrap.run(_archive)
else:  # multiprocessing's spawn runs this file again as __mp_main__ in its children: set up, run nothing
    pyz_bootstrap.activate(_archive)
