import sys

from cached import message

print(message(sys.argv[1:]))
