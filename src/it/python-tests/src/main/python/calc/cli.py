import os
import sys

import nativepkg
from greet import greet

from calc import add


def main():
    print(greet("calc"))
    print("sum=%d" % add(*[int(a) for a in sys.argv[1:3]]))
    print("native_exists=" + str(os.path.isfile(nativepkg.native_path())))
    return 0
