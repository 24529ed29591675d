# Written by pyz-maven-plugin: hands over to the bootstrap in .pyz/ (see docs/FORMAT.md).
import os
import sys

_archive = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(_archive, ".pyz"))
try:
    import pyz_bootstrap
finally:
    del sys.path[0]
pyz_bootstrap.run(_archive)
