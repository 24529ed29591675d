import sys
from importlib import metadata

import greeting


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "world"
    print(greeting.greet(name))
    print("greeting", metadata.version("greeting"), "from", greeting.__file__)
    return 0
