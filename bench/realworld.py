#!/usr/bin/env python3
"""Real-world check: popular Python tools, built from their real wheels, run from the .pyz as from a venv.

Usage: bench/realworld.py [--cases a,b,c] [--work DIR] [--plugin DIR] [--no-install] [--keep]
                          [--fresh-cache] [--python PY] [--list]

For every case (a name, PEP 508 requirements, the console script or `main` module the zipapp runs, or
neither for interpreter mode, the command line, input files, and what to compare) it:

 1. downloads the wheels: `python3.11 -m pip download --retries 0 --only-binary=:all: -d WORK/wheels/<key>
    REQS` (pip's own configuration supplies the local index; --retries 0 keeps pip from retrying the
    unreachable default index five times per project; the folder is reused while its requirement
    string is unchanged);
 2. imports them into a local repository used only by this harness (WORK/repo) with `pyz:import`,
    after installing the plugin from --plugin (default: the checkout this script is in) into it;
 3. writes a POM (packaging pom) that declares every wheel of the folder as a `whl` dependency and
    binds `pyz:zipapp` with only `<script>` or `<main>` in its configuration (a case may add more, none
    of the default cases does), and runs a fresh `mvn package -Dpyz.forceCreation`;
 4. runs the command from a venv of the same wheels (the reference), from the .pyz with an empty
    PYZ_ROOT (first run) and again with the same PYZ_ROOT (second run), and from a pex of the same
    requirements when `pex` is on PATH; every run gets a fresh copy of the case's input folder as its
    working folder, and a fresh HOME and TMPDIR;
 5. compares each run with the reference: exit status, and stdout (per case also stderr, and a listing
    of the files left in the working folder) after normalisation (each runner's own paths, the
    interpreter, the place its packages live and the program name in usage lines become placeholders;
    a case may drop volatile lines such as timings).

It prints one line per case (build, reference exit, pyz first, pyz second, pex: "same", "DIFF",
"FAIL(exit n)"), then a short diff for each difference and the stderr tail of each failing run, and
writes the same to WORK/report.txt (WORK/results.json has everything). The exit status is 0 only when
every case built and both of its pyz runs matched the reference.

Environment of every run: the harness's own, less PYTHON*, PIP_*, PEX_*, PYZ_*, VIRTUAL_ENV and CONDA*
variables, with HOME and TMPDIR pointed at fresh folders of the run, PYTHONHASHSEED=0 (so that set and
dict orders in outputs are the same in every runner) and the case's own variables. PATH is kept (put
/work/anchors/bin first to have pex). Every runner uses the same interpreter, the real python3.11
(resolved once through any pyenv shim; `--python` chooses another).

Scratch output goes under --work (default /work/rw), never into the repository.
"""
import argparse
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN = "dev.pyz:pyz-maven-plugin:0.1.0-SNAPSHOT"
GROUP = "pypi"
PY_VERSION = "3.11"

# ---------------------------------------------------------------------------------------------------
# Input files shared by several cases.

BAD_PY = '''\
import os, sys
def f( x ):
    y = 1
    return x+undefined_name
class c:  pass
'''

UNSORTED_PY = '''\
import sys
import os
from collections import OrderedDict, defaultdict
import json
print(os, sys, json, OrderedDict, defaultdict)
'''

TYPED_PY = '''\
def add(a: int, b: int) -> int:
    return a + b


add(1, "2")
'''

TESTS = {
    "tests/test_x.py": '''\
def test_ok():
    assert 1 + 1 == 2


def test_fail():
    assert [1, 2] == [1, 3]
''',
}

COV_FILES = {
    "pytest.ini": "[pytest]\npythonpath = .\n",
    "mod.py": '''\
def half(x):
    if x % 2:
        return None
    return x // 2
''',
    "tests/test_mod.py": '''\
import mod


def test_half():
    assert mod.half(4) == 2
''',
}

SPHINX_FILES = {
    "src/conf.py": "project = 'Demo'\nauthor = 'Someone'\ncopyright = '2024, Someone'\nextensions = ['sphinx.ext.autodoc']\n",
    "src/index.rst": '''\
Demo
====

Some *text* with a ``literal`` and a link to :ref:`genindex`.

.. toctree::

   page

.. note:: A note.
''',
    "src/page.rst": '''\
Page
----

.. code-block:: python

   print("hello")
''',
}

RST = '''\
Title
=====

Some *emphasis*, **strong** and ``literal`` text.

- item one
- item two

.. note:: A note.
'''

BABEL_FILES = {
    "src/app.py": 'from gettext import gettext as _\n\nprint(_("Hello"))\nprint(_("Goodbye"))\n',
}

TIMING = [r"\b\d+(\.\d+)?\s*(ms|s|sec|seconds)\b", r"<T>"]  # a (regex, replacement) pair

# A project that pip builds in an isolated environment: its build needs wheel 0.48.0, and the setup script
# fails when it imports another (the one the app bundles would be 0.46.3)
BUILD_ISOLATION_FILES = {
    "proj/pyproject.toml": '[build-system]\nrequires = ["setuptools", "wheel==0.48.0"]\n'
                           'build-backend = "setuptools.build_meta"\n',
    "proj/setup.py": 'import wheel\nassert wheel.__version__ == "0.48.0", "the build sees wheel " + wheel.__version__\n'
                     'from setuptools import setup\nsetup(name="proj", version="1.0", py_modules=["proj"])\n',
    "proj/proj.py": "X = 1\n",
}

# ---------------------------------------------------------------------------------------------------
# The cases. Keys:
#   name, requires (PEP 508 strings), one of script / main (neither: interpreter mode), and either
#   args (one command) or commands (several; a command starting with "@host" runs the rest as is, not
#   through the runner); files {relative path: text}; compare: any of "stdout", "stderr", "listing"
#   (default stdout; the exit status is always compared); listing: {"depth", "sizes", "ignore",
#   "nosize"}; subs: [[regex, replacement], ...]; drop: [regex, ...] (lines to drop); env {}; expect
#   (the exit status the reference should have, to flag a broken reference); pom_config (extra XML
#   inside the plugin's <configuration>: no default case uses it); note (printed with the results).

NB_JSON = '''{
 "cells": [
  {"cell_type": "markdown", "id": "a1", "metadata": {}, "source": ["# Title\\n", "Some *text*."]},
  {"cell_type": "code", "execution_count": 1, "id": "a2", "metadata": {},
   "outputs": [{"name": "stdout", "output_type": "stream", "text": ["3\\n"]}],
   "source": ["print(1 + 2)"]}
 ],
 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
              "language_info": {"name": "python"}},
 "nbformat": 4, "nbformat_minor": 5
}
'''

PYX_FILES = {"hello.pyx": "def f(int n):\n    cdef int i, s = 0\n    for i in range(n + 1):\n        s += i\n    return s\n"}

SUBCOV_FILES = {
    ".coveragerc": "[run]\npatch = subprocess\n",
    "pytest.ini": "[pytest]\npythonpath = .\n",
    "child.py": "def twice(x):\n    return 2 * x\n\n\nprint(twice(2))\n",
    "tests/test_sub.py": "import subprocess, sys\n\n\ndef test_child():\n"
                         "    out = subprocess.run([sys.executable, 'child.py'], capture_output=True, text=True).stdout\n"
                         "    assert out.strip() == '4'\n",
}

USES_ATTRS_PY = ("import attrs\n\n\n@attrs.define\nclass Point:\n    x: int\n    y: int = 0\n\n\n"
                 "p = Point(x='one')\nreveal_type(p.y)\n")

INFER_PY = ("import platformdirs\nimport tomlkit\n\ntomlkit.dumps()\ntomlkit.no_such_function()\n"
            "platformdirs.user_data_dir(1, 2, 3, 4, 5, 6, 7, 8, 9)\n")

MESON_FILES = {"meson.build": "project('hello', 'c')\nexecutable('hello', 'hello.c')\n",
               "hello.c": '#include <stdio.h>\nint main(void) { puts("hello from meson"); return 0; }\n'}

CASES = [
    # --- documentation generators
    dict(name="sphinx", requires=["sphinx"], script="sphinx-build",
         args=["-b", "html", "src", "out"], files=SPHINX_FILES, compare=["stdout", "stderr", "listing"],
         listing={"nosize": r"\.(pickle|doctree)$|^out/\.buildinfo$"}, subs=[TIMING], expect=0,
         note="reads its themes, templates and locale files beside its modules"),
    dict(name="docutils", requires=["docutils"], script="rst2html", args=["doc.rst"], files={"doc.rst": RST},
         compare=["stdout", "stderr"], expect=0, note="embeds a stylesheet it reads beside its writer module"),
    # --- i18n
    dict(name="babel-locales", requires=["babel"], script="pybabel", args=["--list-locales"], expect=0,
         note="lists babel/locale-data/*.dat beside its modules"),
    dict(name="babel-catalog", requires=["babel"], script="pybabel",
         commands=[["extract", "-o", "messages.pot", "src"],
                   ["init", "-i", "messages.pot", "-d", "locale", "-l", "de"],
                   ["compile", "-d", "locale", "--statistics"]],
         files=BABEL_FILES, compare=["stdout", "stderr", "listing"], expect=[0, 0, 0],
         note="extract, init de (reads the de locale data), compile"),
    # --- linters
    dict(name="pylint", requires=["pylint"], script="pylint", args=["--persistent=n", "bad.py"],
         files={"bad.py": BAD_PY}, expect=30, note="exit status is a bit mask (E|W|R|C)"),
    dict(name="flake8", requires=["flake8"], script="flake8", args=["bad.py"], files={"bad.py": BAD_PY},
         expect=1, note="pyflakes and pycodestyle come in as entry-point plugins"),
    dict(name="pycodestyle", requires=["pycodestyle"], script="pycodestyle", args=["bad.py"],
         files={"bad.py": BAD_PY}, expect=1),
    # ruff's wheel has no console_scripts entry: its executable is ruff-<v>.data/scripts/ruff, so the
    # zipapp runs the `ruff` module (python -m ruff), which looks for that executable.
    dict(name="ruff", requires=["ruff"], main="ruff", args=["check", "--no-cache", "bad.py"],
         files={"bad.py": BAD_PY}, expect=1,
         note="main=ruff (python -m ruff): no console script, the executable is in .data/scripts"),
    dict(name="mypy", requires=["mypy"], script="mypy", args=["--no-incremental", "typed.py"],
         files={"typed.py": TYPED_PY}, expect=1, note="mypyc-compiled; reads typeshed beside its modules"),
    # --- formatters
    dict(name="black", requires=["black"], script="black", args=["--check", "--diff", "bad.py"],
         files={"bad.py": BAD_PY}, compare=["stdout", "stderr"], expect=1,
         subs=[[r"\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00:00", "\t<DATE>"]]),
    dict(name="isort", requires=["isort"], script="isort", args=["--diff", "--check-only", "unsorted.py"],
         files={"unsorted.py": UNSORTED_PY}, compare=["stdout", "stderr"], expect=1,
         subs=[[r"\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?", "\t<DATE>"]]),
    # --- test runners
    dict(name="pytest", requires=["pytest"], script="pytest", args=["-q", "-p", "no:cacheprovider", "tests"],
         files=TESTS, subs=[TIMING], expect=1),
    dict(name="pytest-cov", requires=["pytest", "pytest-cov"], script="pytest",
         args=["-q", "-p", "no:cacheprovider", "--cov=mod", "--cov-report=term-missing", "tests"],
         files=COV_FILES, subs=[TIMING], expect=0, note="pytest-cov must be found through its pytest11 entry point"),
    dict(name="pytest-xdist", requires=["pytest", "pytest-xdist"], script="pytest",
         args=["-q", "-p", "no:cacheprovider", "-n", "2", "tests"], files=TESTS, subs=[TIMING, [r"\[gw\d+\]", "[gw]"]],
         drop=[r"^[.F]+\s*(\[\s*\d+%\])?$"], expect=1,
         note="workers are new interpreters started with sys.executable"),
    dict(name="coverage", requires=["coverage"], script="coverage",
         commands=[["run", "mod.py"], ["report", "-m"]], files={"mod.py": COV_FILES["mod.py"] + "print(half(4))\n"},
         expect=[0, 0], note="C tracer (native wheel)"),
    # --- web frameworks
    dict(name="django", requires=["django"], script="django-admin",
         commands=[["startproject", "mysite"], ["--version"]], compare=["stdout", "stderr", "listing"],
         expect=[0, 0], note="startproject copies django/conf/project_template beside its modules"),
    dict(name="flask", requires=["flask"], script="flask", args=["--version"], expect=0),
    dict(name="alembic", requires=["alembic"], script="alembic", args=["init", "migrations"],
         compare=["stdout", "stderr", "listing"], expect=0, note="copies alembic/templates/generic beside its modules"),
    dict(name="uvicorn", requires=["uvicorn"], script="uvicorn", args=["--version"], expect=0),
    dict(name="gunicorn", requires=["gunicorn"], script="gunicorn", args=["--version"], expect=0),
    # celery (`celery --version`) is not here: its dependency click-didyoumean is not on the local index,
    # so it cannot be installed here even in a venv.
    # --- environments and packaging
    dict(name="virtualenv", requires=["virtualenv"], script="virtualenv",
         commands=[["--no-download", "--no-periodic-update", "venvdir"],
                   ["@host", "venvdir/bin/python", "-c", "import sys, pip; print(sys.prefix != sys.base_prefix)"]],
         compare=["stdout", "stderr", "listing"],
         listing={"sizes": False, "ignore": r"site-packages/[^/]+/.|/__pycache__(/|$)"},
         subs=[TIMING], expect=[0, 0], note="seeds pip from wheels embedded beside its modules"),
    dict(name="pip-list", requires=["pip"], script="pip", args=["list", "--format=freeze"], expect=0,
         note="shows whether the host's site-packages are visible"),
    dict(name="pip-version", requires=["pip"], script="pip", args=["--version"], expect=0),
    dict(name="pip-build-isolation", requires=["pip", "setuptools", "wheel==0.46.3"], script="pip",
         args=["wheel", "--no-deps", "-q", "--retries", "0", "--index-url", "file:///opt/pypi/simple", "-w", "dist",
               "./proj"], files=BUILD_ISOLATION_FILES,
         compare=["listing"], listing={"sizes": False, "ignore": r"^proj/|\.egg-info"}, expect=0,
         note="the build runs in an isolated environment with wheel 0.48.0; the app bundles 0.46.3"),
    # tox is not here: its dependency pyproject-api is not on the local index (no venv either); nox instead
    dict(name="nox", requires=["nox"], script="nox", args=["--version"], compare=["stdout", "stderr"], expect=0),
    dict(name="pre-commit", requires=["pre-commit"], script="pre-commit", args=["--version"], expect=0),
    # --- data science (interpreter mode: no script, no main)
    dict(name="pandas", requires=["pandas"],
         args=["-c", "import numpy, pandas; print(pandas.DataFrame({'a': [1, 2], 'b': [0.5, 1.5]}).sum().to_dict());"
                     " print(numpy.arange(6).reshape(2, 3).T.tolist())"], expect=0),
    dict(name="scipy", requires=["scipy"],
         args=["-c", "import numpy, scipy.linalg, scipy.special, scipy.stats;"
                     " print(round(float(scipy.linalg.det(numpy.array([[1., 2.], [3., 4.]]))), 6),"
                     " scipy.special.gamma(5), round(float(scipy.stats.norm.cdf(1.0)), 6))"], expect=0),
    dict(name="scikit-learn", requires=["scikit-learn"],
         args=["-c", "from sklearn.datasets import load_iris; from sklearn.linear_model import LogisticRegression;"
                     " X, y = load_iris(return_X_y=True);"
                     " m = LogisticRegression(max_iter=500).fit(X, y); print(X.shape, round(m.score(X, y), 2))"],
         expect=0, note="load_iris reads a CSV shipped beside sklearn.datasets"),
    dict(name="matplotlib", requires=["matplotlib"], env={"MPLBACKEND": "Agg"},
         args=["-c", "import os, matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt;"
                     " fig, ax = plt.subplots(); ax.plot([1, 2, 3], [1, 4, 9]); ax.set_title('t');"
                     " fig.savefig('plot.png'); n = os.path.getsize('plot.png');"
                     " print(matplotlib.get_backend(), 'png', 'small' if n < 5000 else 'ok' if n < 100000 else 'big')"],
         expect=0, note="reads mpl-data (fonts, style) beside its modules"),
    dict(name="requests-httpx", requires=["requests", "httpx"],
         args=["-c", "import ssl, certifi, requests, httpx;"
                     " ctx = ssl.create_default_context(cafile=certifi.where());"
                     " print(requests.__version__ == requests.__version__, httpx.__version__ != '',"
                     " len(ctx.get_ca_certs()) > 50, requests.certs.where() == certifi.where())"],
         expect=0, note="certifi.where() must name a real file"),
    # --- other tools
    dict(name="pygments", requires=["pygments"], script="pygmentize", args=["-l", "python", "-f", "html", "bad.py"],
         files={"bad.py": BAD_PY}, expect=0),
    dict(name="yt-dlp", requires=["yt-dlp"], script="yt-dlp", args=["--version"], expect=0),
    # native executables shipped in <name>-<v>.data/scripts, with no console_scripts entry point
    dict(name="maturin", requires=["maturin"], script="maturin", args=["--version"], expect=0,
         note="native executable in .data/scripts, no console-script entry point"),
    dict(name="py-spy", requires=["py-spy"], script="py-spy", args=["--version"], expect=0,
         note="native executable in .data/scripts, no console-script entry point"),
    # a console-script shim that execs a native binary shipped inside the package (cmake/data/bin)
    dict(name="cmake", requires=["cmake"], script="cmake", args=["--version"], expect=0,
         note="Python shim execs cmake/data/bin/cmake beside its module"),
    # data read beside a module held in a variable, a package folder through importlib.resources.as_file,
    # and a native executable whose name has dots: each wheel is extracted at run time
    dict(name="nbconvert-notebook", requires=["nbconvert"], script="jupyter-nbconvert",
         args=["--to", "notebook", "--stdout", "nb.ipynb"], files={"nb.ipynb": NB_JSON}, compare=["stdout"], expect=0,
         note="nbformat validates against nbformat/v4/nbformat.v4.5.schema.json, found from v.__file__"),
    dict(name="humanize", requires=["humanize"],
         args=["-c", "import humanize; humanize.i18n.activate('de_DE'); print(humanize.naturaldelta(3 * 3600));"
                     " humanize.i18n.activate('fr_FR'); print(humanize.intword(1200000))"],
         expect=0, note="importlib.resources.as_file(files('humanize')) / 'locale' handed to gettext"),
    dict(name="imageio-ffmpeg", requires=["imageio-ffmpeg"],
         args=["-c", "import imageio_ffmpeg, os; e = imageio_ffmpeg.get_ffmpeg_exe(); print(os.access(e, os.X_OK));"
                     " print(imageio_ffmpeg.get_ffmpeg_version() != '')"],
         expect=0, note="runs the ffmpeg executable shipped as imageio_ffmpeg/binaries/ffmpeg-linux-x86_64-v7.0.2"),
    # .pth files of the wheels: setuptools' distutils-precedence.pth, coverage's subprocess hook
    dict(name="cythonize", requires=["cython", "setuptools"], script="cythonize",
         commands=[["-i", "-q", "hello.pyx"], ["@host", "python3.11", "-c", "import hello; print(hello.f(10))"]],
         files=PYX_FILES, compare=["stdout", "listing"],
         listing={"sizes": False, "ignore": r"(^|/)(build|__pycache__)(/|$)"}, expect=[0, 0], timeout=300,
         note="from distutils.core import setup: setuptools' copy, through distutils-precedence.pth"),
    dict(name="pytest-cov-subprocess", requires=["pytest", "pytest-cov"], script="pytest",
         args=["-q", "-p", "no:cacheprovider", "--cov=.", "--cov-report=term-missing", "tests"],
         files=SUBCOV_FILES, subs=[TIMING], expect=0,
         note="coverage's patch = subprocess measures a child started with sys.executable (a1_coverage.pth)"),
    # sys.argv[0] of a console script: a path that runs the same program again
    dict(name="meson-regenerate", requires=["meson"], script="meson",
         commands=[["setup", "build"],
                   ["@host", "sh", "-c", "touch meson.build && ninja -C build >ninja.log 2>&1; echo ninja $?;"
                                         " grep -c 'Regenerating build files' ninja.log; ./build/hello"]],
         files=MESON_FILES, compare=["stdout"], expect=[0, 0],
         note="build.ninja's regenerate rule runs meson again through os.path.abspath(sys.argv[0])"),
    # a type checker that reads the packages it checks against from folders
    dict(name="mypy-typed-dependency", requires=["mypy", "attrs"], script="mypy",
         args=["--no-incremental", "uses_attrs.py"], files={"uses_attrs.py": USES_ATTRS_PY}, expect=1,
         note="attrs is typed (py.typed, PEP 561): mypy finds it only in a folder of sys.path"),
    dict(name="pylint-infer-bundled", requires=["pylint"], script="pylint",
         args=["--persistent=n", "--disable=all", "--enable=E1120,E1121,E1101", "infer.py"],
         files={"infer.py": INFER_PY}, expect=2,
         note="astroid infers calls into the bundled tomlkit and platformdirs from their files"),
    # data files installed under the environment's prefix (.data/data/share/jupyter)
    dict(name="nbconvert-markdown", requires=["nbconvert"], script="jupyter-nbconvert",
         args=["--to", "markdown", "--stdout", "nb.ipynb"], files={"nb.ipynb": NB_JSON}, expect=0,
         note="templates are data files in <prefix>/share/jupyter/nbconvert/templates"),
    dict(name="jupyter-kernelspec", requires=["jupyter-client", "ipykernel"], script="jupyter-kernelspec",
         args=["list", "--json"], expect=0, note="the python3 kernel spec from <prefix>/share/jupyter/kernels"),
    dict(name="jupyter-labextension", requires=["jupyterlab", "jupyterlab-widgets"], script="jupyter-labextension",
         args=["list"], compare=["stdout", "stderr"], expect=0,
         note="prebuilt extensions installed as data files in <prefix>/share/jupyter/labextensions"),
    dict(name="jupyter-subcommand", requires=["jupyter-core", "nbconvert"], script="jupyter",
         args=["nbconvert", "--to", "notebook", "--stdout", "nb.ipynb"], files={"nb.ipynb": NB_JSON},
         compare=["stdout"], expect=0, note="jupyter runs jupyter-nbconvert, found beside sys.argv[0]"),
    # interpreter mode as `python`: the working folder first on sys.path for -c, -m and stdin
    dict(name="python-c-m-cwd", requires=["six"],
         commands=[["-c", "import mymod; print(mymod.X)"], ["-m", "mymod"], ["s.py"]],
         files={"mymod.py": "X = 42\nif __name__ == '__main__':\n    print('main', X)\n",
                "s.py": "import os, sys\nprint(type(__builtins__).__name__, sys.path[0] == os.getcwd())\n"},
         expect=[0, 0, 0], note="python -c/-m put the working folder first on sys.path"),
    dict(name="pytest-m-cwd", requires=["pytest"], commands=[["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"]],
         files={"mod.py": "def half(x):\n    return x // 2\n",
                "tests/test_mod.py": "import mod\n\n\ndef test_half():\n    assert mod.half(4) == 2\n"},
         subs=[TIMING], expect=0, note="python -m pytest: the working folder is importable"),
    dict(name="pytest-mock-introspection", requires=["pytest", "pytest-mock"], script="pytest",
         args=["-q", "-p", "no:cacheprovider", "tests"],
         files={"tests/test_m.py": "def test_args(mocker):\n    m = mocker.Mock()\n    m(1, a=2)\n"
                "    m.assert_called_with(2, a=3)\n"},
         subs=[TIMING, [r"0x[0-9a-f]+", "0x?"], [r"id='\d+'", "id=?"]], expect=1,
         note="pytest rewrites the asserts of its plugins (pytest_mock.plugin), which give the Args/Kwargs diff"),
    dict(name="pytest-traceback-library", requires=["pytest"], script="pytest",
         args=["-q", "-p", "no:cacheprovider", "tests"],
         files={"tests/test_v.py": "from packaging.version import Version\n\n\ndef test_v():\n"
                "    Version('not a version')\n"},
         subs=[TIMING, [r"0x[0-9a-f]+", "0x?"]], expect=1,
         note="pytest shows the source of the library frame (packaging/version.py) a test fails in"),
]

# ---------------------------------------------------------------------------------------------------


class Ctx:
    pass


def log(msg):
    print(msg, flush=True)


def sh(cmd, cwd=None, env=None, timeout=None, check=True, what=None):
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       errors="replace", timeout=timeout)
    if check and p.returncode != 0:
        raise RuntimeError(f"{what or ' '.join(cmd)} failed ({p.returncode}):\n{p.stdout[-3000:]}")
    return p


def real_python(name):
    exe = shutil.which(name) or name
    out = subprocess.run([exe, "-c", "import sys; print(sys.executable); print('%d.%d' % sys.version_info[:2])"],
                         stdout=subprocess.PIPE, text=True, check=True).stdout.split()
    return os.path.realpath(out[0]), out[1]


def slug(s):
    return re.sub(r"[^A-Za-z0-9]+", "-", s).strip("-")[:40]


def commands_of(case):
    return case["commands"] if "commands" in case else [case.get("args", [])]


# --- steps 1-2: wheels and import ------------------------------------------------------------------

def wheels_for(ctx, case):
    """Downloads (or reuses) the wheels of the case's requirements; returns (dir, coordinates)."""
    reqs = case["requires"]
    key = "\n".join(reqs)
    d = os.path.join(ctx.work, "wheels", slug("_".join(reqs)) + "-" + hashlib.sha256(key.encode()).hexdigest()[:8])
    marker = os.path.join(d, ".requirements")
    if not (os.path.isfile(marker) and open(marker).read() == key):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        # --retries 0: pip's configuration keeps the default index (unreachable here) and adds the local
        # one; without it every project waits through five retries of the default index.
        sh([ctx.python, "-m", "pip", "download", "-q", "--retries", "0", "--disable-pip-version-check",
            "--only-binary=:all:", "-d", d] + reqs, what=f"pip download {' '.join(reqs)}")
        with open(marker, "w") as f:
            f.write(key)
    wheels = sorted(f for f in os.listdir(d) if f.endswith(".whl"))
    coords_file = os.path.join(d, ".coords.json")
    coords = None
    if os.path.isfile(coords_file):
        coords = json.load(open(coords_file))
        if sorted(coords) != wheels or not all(os.path.isfile(artifact_path(ctx, c)) for c in coords.values()):
            coords = None
    if coords is None:
        p = sh([ctx.mvnw, "-B", "-ntp", f"{PLUGIN}:import", f"-Dpyz.wheels={d}", f"-Dpyz.targetPython={PY_VERSION}",
                f"-Dpyz.groupId={GROUP}", f"-Dmaven.repo.local={ctx.repo}"], cwd=ctx.work, what="pyz:import")
        installed = re.findall(r"Installed (\S+?):(\S+?):(\S+?):whl:(\S+) with", p.stdout)
        by_name = {}
        for g, a, v, c in installed:
            by_name[f"{a}-{v}-{c}.whl"] = dict(groupId=g, artifactId=a, version=v, classifier=c)
        coords = {}
        for w in wheels:
            c = by_name.get(w)
            if c is None:  # the import names files by the convention; match loosely on name and version
                # pyz:import names backports.tarfile-1.2.0-...whl backports_tarfile
                norm = lambda f: re.sub(r"[-_.]+", "_", f.split("-", 1)[0]).lower() + "-" + f.split("-", 1)[1].lower()
                c = next((x for n, x in by_name.items() if norm(n) == norm(w)), None)
            if c is None:
                raise RuntimeError(f"pyz:import printed no coordinates for {w}:\n{p.stdout[-3000:]}")
            coords[w] = c
        with open(coords_file, "w") as f:
            json.dump(coords, f, indent=1)
    return d, coords


def artifact_path(ctx, c):
    return os.path.join(ctx.repo, *c["groupId"].split("."), c["artifactId"], c["version"],
                        f"{c['artifactId']}-{c['version']}-{c['classifier']}.whl")


# --- step 3: the POM and the build -----------------------------------------------------------------

def write_pom(case, coords, project):
    # Every wheel of the folder is declared, not only the roots that pyz:import prints under "Add to your
    # POM": the folder is exactly what pip resolved (extras and markers included), the same set the venv
    # and the pex get; declaring only the roots would rely on the generated POMs' transitive
    # dependencies reproducing pip's resolution.
    deps = "".join(
        textwrap.dedent(f"""\
            <dependency>
              <groupId>{c['groupId']}</groupId>
              <artifactId>{c['artifactId']}</artifactId>
              <version>{c['version']}</version>
              <type>whl</type>
              <classifier>{c['classifier']}</classifier>
            </dependency>
        """) for _, c in sorted(coords.items()))
    conf = ""
    if case.get("script"):
        conf += f"<script>{case['script']}</script>"
    if case.get("main"):
        conf += f"<main>{case['main']}</main>"
    conf += case.get("pom_config", "")
    pom = f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>realworld</groupId>
  <artifactId>{slug(case['name'])}</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
{textwrap.indent(deps, '    ')}  </dependencies>
  <build>
    <finalName>app</finalName>
    <plugins>
      <plugin>
        <groupId>dev.pyz</groupId>
        <artifactId>pyz-maven-plugin</artifactId>
        <version>0.1.0-SNAPSHOT</version>
        <executions>
          <execution>
            <goals><goal>zipapp</goal></goals>
            <configuration>{conf}</configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
"""
    os.makedirs(project, exist_ok=True)
    with open(os.path.join(project, "pom.xml"), "w") as f:
        f.write(pom)


def build_pyz(ctx, case, coords, project):
    shutil.rmtree(os.path.join(project, "target"), ignore_errors=True)
    write_pom(case, coords, project)
    t = time.perf_counter()
    p = sh([ctx.mvnw, "-B", "-ntp", "package", "-Dpyz.forceCreation", f"-Dmaven.repo.local={ctx.repo}"],
           cwd=project, check=False)
    elapsed = time.perf_counter() - t
    with open(os.path.join(project, "build.log"), "w") as f:
        f.write(p.stdout)
    pyz = os.path.join(project, "target", "app.pyz")
    ok = p.returncode == 0 and os.path.isfile(pyz)
    errors = []
    if not ok:
        for line in p.stdout.splitlines():
            if line.startswith("[ERROR]") and line.strip() != "[ERROR]":
                errors.append(line.replace(" -> [Help 1]", ""))
            if line.startswith("[ERROR]") and "-> [Help" in line:
                break
        errors = errors[:12] or p.stdout.splitlines()[-12:]
    warnings = [ln for ln in p.stdout.splitlines() if ln.startswith("[WARNING]")][:10]
    return dict(ok=ok, seconds=round(elapsed, 1), errors=errors, warnings=warnings, pyz=pyz if ok else None)


# --- step 4: the runners ---------------------------------------------------------------------------

def make_venv(ctx, wheels_dir, venv):
    shutil.rmtree(venv, ignore_errors=True)
    sh([ctx.python, "-m", "venv", "--without-pip", venv], what="python -m venv")
    wheels = [os.path.join(wheels_dir, w) for w in sorted(os.listdir(wheels_dir)) if w.endswith(".whl")]
    # the host's pip installs into the venv (--python): the venv then holds exactly the case's wheels
    sh([ctx.python, "-m", "pip", "--python", os.path.join(venv, "bin", "python"), "install", "-q",
        "--disable-pip-version-check", "--no-index", "--no-deps"] + wheels, what="pip install into the venv")


def build_pex(ctx, case, wheels_dir, out):
    cmd = [ctx.pex, "--no-pypi", "-f", wheels_dir] + case["requires"]
    if case.get("script"):
        cmd += ["-c", case["script"]]
    elif case.get("main"):
        cmd += ["-m", case["main"]]
    cmd += ["-o", out, "--python", ctx.python, "--pex-root", os.path.join(ctx.work, "pex-root")]
    t = time.perf_counter()
    p = sh(cmd, check=False, env=clean_env())
    return dict(ok=p.returncode == 0 and os.path.isfile(out), seconds=round(time.perf_counter() - t, 1),
                errors=p.stdout.splitlines()[-12:] if p.returncode else [])


def clean_env():
    drop = ("PYTHON", "PIP_", "PEX_", "PYZ_", "VIRTUAL_ENV", "CONDA")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env.setdefault("PYENV_ROOT", os.path.expanduser("~/.pyenv"))  # pyenv shims on PATH still work with HOME moved
    return env


def runner_argv(ctx, case, runner, venv, app):
    if runner == "venv":
        if case.get("script"):
            return [os.path.join(venv, "bin", case["script"])]
        py = os.path.join(venv, "bin", "python")
        main = case.get("main")
        if not main:
            return [py]
        if ":" in main:
            mod, fn = main.split(":", 1)
            return [py, "-c", f"import sys; from {mod} import {fn} as f; sys.exit(f())"]
        return [py, "-m", main]
    return [ctx.python, app]


def run_one(ctx, case, runner, base, venv, app, pyzroot):
    """Runs the case's commands with one runner in a fresh copy of its inputs; returns the raw result."""
    rundir = os.path.join(base, runner)
    shutil.rmtree(rundir, ignore_errors=True)
    cwd, home, tmp = (os.path.join(rundir, x) for x in ("cwd", "home", "tmp"))
    for d in (cwd, home, tmp):
        os.makedirs(d)
    for rel, text in case.get("files", {}).items():
        path = os.path.join(cwd, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    env = clean_env()
    env.update(HOME=home, TMPDIR=tmp, PYTHONHASHSEED="0")
    if runner.startswith("pyz"):
        env["PYZ_ROOT"] = pyzroot
    env.update(case.get("env", {}))
    argv0 = runner_argv(ctx, case, runner, venv, app)
    cmds = commands_of(case)
    outs, errs, codes, secs = [], [], [], 0.0
    for i, args in enumerate(cmds):
        argv = args[1:] if args and args[0] == "@host" else argv0 + args
        t = time.perf_counter()
        try:
            p = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, timeout=case.get("timeout", 300))
            code, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            code, out, err = "timeout", e.stdout or b"", (e.stderr or b"") + b"\n[timed out]\n"
        secs += time.perf_counter() - t
        out, err = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
        if len(cmds) > 1:
            out = f"$ command {i + 1}\n{out}[exit {code}]\n"
            err = f"$ command {i + 1}\n{err}"
        outs.append(out)
        errs.append(err)
        codes.append(code)
    listing = make_listing(cwd, case.get("listing", {})) if "listing" in case.get("compare", ()) else ""
    paths = dict(rundir=rundir, cwd=cwd, home=home, tmp=tmp, pyzroot=pyzroot, venv=venv, app=app,
                 prog=case.get("script") or "")
    return dict(codes=codes, stdout="".join(outs), stderr="".join(errs), listing=listing,
                seconds=round(secs, 2), paths=paths)


def make_listing(root, opts):
    depth = opts.get("depth", 8)
    sizes = opts.get("sizes", True)
    ignore = re.compile(opts.get("ignore") or r"(^|/)(__pycache__|\.mypy_cache|\.ruff_cache|\.pytest_cache)(/|$)")
    nosize = re.compile(opts["nosize"]) if opts.get("nosize") else None
    lines = []
    for dirpath, dirnames, filenames in os.walk(root):
        reldir = os.path.relpath(dirpath, root)
        level = 0 if reldir == "." else reldir.count("/") + 1
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            full = os.path.join(dirpath, name)
            rel = os.path.normpath(os.path.join(reldir, name))
            if ignore.search(rel):
                if name in dirnames:
                    dirnames.remove(name)
                continue
            if os.path.islink(full):
                lines.append(f"l {rel} -> {os.readlink(full)}")
            elif os.path.isdir(full):
                lines.append(f"d {rel}/")
            else:
                st = os.stat(full)
                size = "" if not sizes or (nosize and nosize.search(rel)) else f" {st.st_size}"
                x = " x" if st.st_mode & 0o100 else ""
                lines.append(f"f {rel}{size}{x}")
        if level + 1 >= depth:
            dirnames[:] = []
    return "\n".join(lines) + ("\n" if lines else "")


# --- step 5: normalisation and comparison ----------------------------------------------------------

def normalise(ctx, case, runner, text, paths):
    pk = r"[^/\s'\"]+"
    subs = []
    if runner == "venv":
        site = os.path.join(paths["venv"], "lib", f"python{ctx.version}", "site-packages")
        subs += [(re.escape(site), "<PKGS>"), (re.escape(os.path.relpath(site, paths["cwd"])), "<PKGS>"),
                 (re.escape(os.path.join(paths["venv"], "bin", "python")) + r"[0-9.]*\b", "<PYTHON>"),
                 (re.escape(os.path.join(paths["venv"], "bin")), "<BIN>"),
                 (re.escape(paths["venv"]), "<ENV>")]
    elif runner.startswith("pyz"):
        # the bundled modules' files are named by their place in the archive (<app>/.deps/<wheel>/...)
        # child interpreters run the app's environment from $PYZ_ROOT/venvs/<app>-<key>/bin/python, as a venv's
        # children run <venv>/bin/python
        subs += [(re.escape(paths["app"]) + r"/\.deps/" + pk, "<PKGS>"), (r"(?<![\w/.])\.deps/" + pk, "<PKGS>"),
                 (re.escape(paths["pyzroot"]) + r"/wheels/[0-9a-f]+", "<PKGS>"),
                 (re.escape(paths["pyzroot"]) + r"/venvs/[^/\s]+/bin/python[0-9.]*\b", "<PYTHON>"),
                 (re.escape(paths["pyzroot"]) + r"/venvs/[^/\s]+/bin", "<BIN>"),
                 (re.escape(paths["pyzroot"]) + r"/venvs/[^/\s\"']+", "<ENV>")]
    elif runner == "pex":
        subs += [(re.escape(paths["home"]) + r"/\.cache/pex/installed_wheels/\d+/[0-9a-f]+/" + pk, "<PKGS>"),
                 (re.escape(paths["home"]) + r"/\.cache/pex/unzipped_pexes/\d+/[0-9a-f]+", "<APP>")]
    if paths.get("app") and runner != "venv":
        subs.append((re.escape(paths["app"]), "<APP>"))
    for py in ctx.python_paths:
        subs.append((re.escape(py) + r"\b", "<PYTHON>"))
    subs += [(re.escape(paths["cwd"]), "<CWD>"), (re.escape(paths["home"]), "<HOME>"),
             (re.escape(paths["tmp"]) + "(/" + pk + ")?", "<TMP>"), (re.escape(paths["pyzroot"]), "<PYZ_ROOT>"),
             (re.escape(paths["rundir"]), "<RUN>"),
             (r"\b(app\.pyz|x\.pex)\b", "<PROG>"),
             (r"(?im)^(\s*usage:\s+)\S+", r"\1<PROG>"),
             (r"(?m)^\S+: error:", "<PROG>: error:")]
    for pattern, repl in subs:
        text = re.sub(pattern, repl, text)
    for pattern, repl in case.get("subs", []):
        text = re.sub(pattern, repl, text)
    drops = [re.compile(d) for d in case.get("drop", [])]
    if drops:
        text = "".join(ln for ln in text.splitlines(True) if not any(d.search(ln) for d in drops))
    return text


def compare(ctx, case, ref, res, runner, name):
    """'same', 'DIFF' or 'FAIL(exit n)', and the diffs."""
    if res is None:
        return "-", []
    if res["codes"] != ref["codes"]:
        n = next(c for c, r in zip(res["codes"], ref["codes"]) if c != r)
        status = f"FAIL(exit {n})"
    else:
        status = "same"
    diffs = []
    for stream in case.get("compare", ["stdout"]):
        a = normalise(ctx, case, "venv", ref[stream], ref["paths"])
        b = normalise(ctx, case, runner, res[stream], res["paths"])
        if a != b:
            if status == "same":
                status = "DIFF"
            d = list(difflib.unified_diff(a.splitlines(), b.splitlines(), f"venv {stream}", f"{name} {stream}",
                                          lineterm="", n=1))
            diffs.append("\n".join(d[:22] + (["  ..."] if len(d) > 22 else [])))
    return status, diffs


# --- the driver ------------------------------------------------------------------------------------

def run_case(ctx, case):
    name = case["name"]
    r = dict(name=name, requires=case["requires"], note=case.get("note", ""), details=[])
    base = os.path.join(ctx.work, "runs", slug(name))
    shutil.rmtree(base, ignore_errors=True)
    os.makedirs(base)
    project = os.path.join(ctx.work, "cases", slug(name))
    t0 = time.perf_counter()
    try:
        wheels_dir, coords = wheels_for(ctx, case)
    except Exception as e:  # noqa: BLE001 - reported as the case's result
        r.update(build="fail", setup_error=str(e)[-2000:], pyz1="-", pyz2="-", pex="-", ref="-")
        return r
    r["wheels"] = len(coords)
    b = build_pyz(ctx, case, coords, project)
    r["build"] = "ok" if b["ok"] else "fail"
    r["build_seconds"], r["build_errors"], r["build_warnings"] = b["seconds"], b["errors"], b["warnings"]
    venv = os.path.join(base, "env")  # not "venv": that is the reference run's folder
    try:
        make_venv(ctx, wheels_dir, venv)
    except Exception as e:  # noqa: BLE001
        r.update(ref="venv setup failed", setup_error=str(e)[-2000:], pyz1="-", pyz2="-", pex="-")
        return r
    pex_out = os.path.join(base, "x.pex")
    if ctx.pex:
        pb = build_pex(ctx, case, wheels_dir, pex_out)
        r["pex_build"] = pb
    pyzroot = os.path.join(base, "pyzroot")
    results, first = {}, None
    results["venv"] = run_one(ctx, case, "venv", base, venv, None, pyzroot)
    if b["ok"]:
        shutil.rmtree(pyzroot, ignore_errors=True)
        os.makedirs(pyzroot)
        results["pyz1"] = run_one(ctx, case, "pyz1", base, venv, b["pyz"], pyzroot)
        results["pyz2"] = run_one(ctx, case, "pyz2", base, venv, b["pyz"], pyzroot)
    if ctx.pex and r["pex_build"]["ok"]:
        results["pex"] = run_one(ctx, case, "pex", base, venv, pex_out, pyzroot)
    ref = results["venv"]
    codes = ref["codes"] if len(ref["codes"]) > 1 else ref["codes"][0]
    expect = case.get("expect")
    r["ref"] = str(codes).replace(" ", "") + ("" if expect is None or expect == codes else "!")
    r["times"] = {k: v["seconds"] for k, v in results.items()}
    for runner, label in (("pyz1", "pyz first"), ("pyz2", "pyz second"), ("pex", "pex")):
        mark = len(r["details"])
        if runner == "pex" and not ctx.pex:
            r[runner] = "n/a"
            continue
        if runner == "pex" and not r["pex_build"]["ok"]:
            r[runner] = "FAIL(build)"
            r["details"].append(f"{label}: pex build failed:\n" + "\n".join(r["pex_build"]["errors"]))
            continue
        status, diffs = compare(ctx, case, ref, results.get(runner), runner, runner.rstrip("12"))
        r[runner] = status
        if status.startswith("FAIL"):
            err = normalise(ctx, case, runner, results[runner]["stderr"], results[runner]["paths"])
            tail = err.rstrip().splitlines()[-15:]
            r["details"].append(f"{label}: exit {results[runner]['codes']} (venv {ref['codes']}); stderr tail:\n"
                                + textwrap.indent("\n".join(tail), "    "))
        for d in diffs:
            r["details"].append(f"{label}: differs from the venv:\n" + textwrap.indent(d, "    "))
        if status == "DIFF" and "stderr" not in case.get("compare", ["stdout"]):
            err = normalise(ctx, case, runner, results[runner]["stderr"], results[runner]["paths"])
            if err.strip() and err != normalise(ctx, case, "venv", ref["stderr"], ref["paths"]):
                tail = err.rstrip().splitlines()[-8:]
                r["details"].append(f"{label}: stderr tail (not compared):\n" + textwrap.indent("\n".join(tail), "    "))
        if runner == "pyz1":
            first = [d.split(":", 1)[1] for d in r["details"][mark:]]
        elif runner == "pyz2" and first and [d.split(":", 1)[1] for d in r["details"][mark:]] == first:
            del r["details"][mark:]
            r["details"].append("pyz second: as pyz first")
    if ref["codes"] and str(r["ref"]).endswith("!"):
        tail = ref["stderr"].rstrip().splitlines()[-10:]
        r["details"].insert(0, f"reference (venv) exit {ref['codes']}, expected {expect}; stderr tail:\n"
                            + textwrap.indent("\n".join(tail), "    "))
    r["raw"] = {k: dict(codes=v["codes"], stdout=v["stdout"][-8000:], stderr=v["stderr"][-8000:],
                        listing=v["listing"][-8000:]) for k, v in results.items()}
    r["seconds"] = round(time.perf_counter() - t0, 1)
    if not ctx.keep:
        shutil.rmtree(base, ignore_errors=True)
        shutil.rmtree(os.path.join(project, "target"), ignore_errors=True)
    return r


def table(results):
    head = ["case", "wheels", "build", "venv exit", "pyz first", "pyz second", "pex", "times venv/pyz1/pyz2/pex s"]
    rows = []
    for r in results:
        t = r.get("times", {})
        times = "/".join(f"{t[k]:.2f}" if k in t else "-" for k in ("venv", "pyz1", "pyz2", "pex"))
        rows.append([r["name"], str(r.get("wheels", "-")), r.get("build", "-"), r.get("ref", "-"),
                     r.get("pyz1", "-"), r.get("pyz2", "-"), r.get("pex", "-"), times])
    widths = [max(len(x[i]) for x in rows + [head]) for i in range(len(head))]
    fmt = lambda row: "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip()  # noqa: E731
    return "\n".join([fmt(head), fmt(["-" * w for w in widths])] + [fmt(x) for x in rows])


def details(results):
    out = []
    for r in results:
        lines = []
        if r.get("setup_error"):
            lines.append("setup failed: " + r["setup_error"])
        if r.get("build") == "fail" and r.get("build_errors"):
            lines.append("build failed:\n" + textwrap.indent("\n".join(r["build_errors"]), "    "))
        lines += r.get("details", [])
        if lines:
            out.append(f"=== {r['name']}" + (f"  ({r['note']})" if r.get("note") else ""))
            out += lines
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", help="comma-separated case names (default: all)")
    ap.add_argument("--work", default="/work/rw", help="scratch folder (default /work/rw)")
    ap.add_argument("--plugin", default=ROOT, help="plugin checkout to install and test (default: this repository)")
    ap.add_argument("--no-install", action="store_true", help="do not reinstall the plugin into WORK/repo")
    ap.add_argument("--keep", action="store_true", help="keep the per-run folders, venvs, pexes and zipapps")
    ap.add_argument("--fresh-cache", action="store_true", help="empty the pack cache (WORK/repo/.cache/pyz) first")
    ap.add_argument("--python", default=f"python{PY_VERSION}", help=f"interpreter of every runner (python{PY_VERSION})")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    args = ap.parse_args()

    if args.list:
        for c in CASES:
            entry = f"script {c['script']}" if c.get("script") else f"main {c['main']}" if c.get("main") else "interpreter"
            print(f"{c['name']:16} {' '.join(c['requires']):28} {entry}")
        return 0
    cases = CASES
    if args.cases:
        wanted = [x.strip() for x in args.cases.split(",") if x.strip()]
        unknown = [w for w in wanted if w not in {c["name"] for c in CASES}]
        if unknown:
            sys.exit(f"unknown case(s): {', '.join(unknown)}; --list shows them")
        cases = [c for c in CASES if c["name"] in wanted]

    ctx = Ctx()
    ctx.work = os.path.abspath(args.work)
    if os.path.commonpath([ctx.work, ROOT]) == ROOT:
        sys.exit("--work must be outside the repository")
    ctx.repo = os.path.join(ctx.work, "repo")
    ctx.keep = args.keep
    ctx.python, ctx.version = real_python(args.python)
    shim = shutil.which(args.python)
    ctx.python_paths = sorted({ctx.python, os.path.realpath(ctx.python), shim or ctx.python,
                               os.path.join(os.path.dirname(ctx.python), f"python{ctx.version}")}, key=len, reverse=True)
    ctx.pex = shutil.which("pex")
    plugin = os.path.abspath(args.plugin)
    ctx.mvnw = os.path.join(plugin, "mvnw")
    if not os.access(ctx.mvnw, os.X_OK):
        ctx.mvnw = os.path.join(ROOT, "mvnw")
    os.makedirs(ctx.work, exist_ok=True)
    t0 = time.perf_counter()
    log(f"work {ctx.work}; python {ctx.python} ({ctx.version}); pex {ctx.pex or 'absent (n/a)'}; plugin {plugin}")
    if args.fresh_cache:
        shutil.rmtree(os.path.join(ctx.repo, ".cache", "pyz"), ignore_errors=True)
    if not args.no_install:
        log("installing the plugin into the harness's repository ...")
        sh([ctx.mvnw, "-B", "-ntp", "-q", "install", "-DskipTests", "-DskipITs", f"-Dmaven.repo.local={ctx.repo}"],
           cwd=plugin, what="plugin install")
    results = []
    for case in cases:
        log(f"--- {case['name']} ({' '.join(case['requires'])})")
        r = run_case(ctx, case)
        results.append(r)
        log(f"    build {r.get('build')}, venv exit {r.get('ref')}, pyz first {r.get('pyz1')}, "
            f"pyz second {r.get('pyz2')}, pex {r.get('pex')} ({r.get('seconds', '-')} s)")
    wall = time.perf_counter() - t0
    report = (table(results) + "\n\n" + details(results)
              + f"\n\n{len(results)} case(s), wall time {wall:.0f} s (python {ctx.version}, pex {'yes' if ctx.pex else 'n/a'})\n")
    print("\n" + report)
    with open(os.path.join(ctx.work, "report.txt"), "w") as f:
        f.write(report)
    with open(os.path.join(ctx.work, "results.json"), "w") as f:
        json.dump(dict(wall_seconds=round(wall, 1), results=results), f, indent=1)
    ok = all(r.get("build") == "ok" and r.get("pyz1") == "same" and r.get("pyz2") == "same" for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
