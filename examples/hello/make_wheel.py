"""Writes the example's one dependency, greeting-1.0-py3-none-any.whl, into the given folder.

A real project would take its wheels from a repository manager or `pip download`; the example makes its
own so that it runs on a machine without a Python package index.
"""
import base64, hashlib, os, sys, zipfile

FILES = {
    "greeting/__init__.py": 'def greet(name):\n    return f"Hello, {name}!"\n',
    "greeting-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: greeting\nVersion: 1.0\n",
    "greeting-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: make_wheel.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
}


def digest(data):
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def main(out):
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "greeting-1.0-py3-none-any.whl")
    record = "".join(f"{n},sha256={digest(c.encode())},{len(c.encode())}\n" for n, c in FILES.items())
    record += "greeting-1.0.dist-info/RECORD,,\n"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in {**FILES, "greeting-1.0.dist-info/RECORD": record}.items():
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), content)
    print(path)


if __name__ == "__main__":
    main(sys.argv[1])
