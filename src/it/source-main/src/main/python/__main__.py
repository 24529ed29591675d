import sys

from myapp.core import run

if __name__ == "__main__":
    print("main name=" + __name__)
    sys.exit(run(sys.argv[1:]))
