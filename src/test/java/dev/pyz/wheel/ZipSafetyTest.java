package dev.pyz.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ZipSafetyTest {
    /** The verdict for a wheel of these files (path to content; null content for a data file). */
    private static Optional<String> verdict(Map<String, String> files) {
        ZipSafety safety = new ZipSafety();
        new TreeMap<>(files).forEach((path, content) -> {
            safety.file(path);
            if (path.endsWith(".py")) {
                safety.module(path, content.getBytes(StandardCharsets.UTF_8));
            }
        });
        return safety.verdict();
    }

    private static final String READS_BESIDE = "import os\nHERE = os.path.dirname(__file__)\n"
            + "def load():\n    return open(os.path.join(HERE, 'data', 'x.json')).read()\n";

    @Test
    void aModuleThatTakesItsLocationInAPackageWithDataIsNotZipSafe() {
        assertEquals(Optional.of("pkg/core.py takes its location from __file__ and its package ships data files"
                + " (pkg/data/x.json)"), verdict(Map.of("pkg/__init__.py", "", "pkg/core.py", READS_BESIDE,
                        "pkg/data/x.json", "{}")));
        // the same with pathlib, and with pkg_resources' file-system API
        assertEquals(Optional.of("pkg/core.py takes its location from __file__ and its package ships data files"
                + " (pkg/templates/a.html)"), verdict(Map.of("pkg/core.py",
                        "from pathlib import Path\nT = Path(__file__).parent / 'templates'\n", "pkg/templates/a.html", "")));
        assertEquals(Optional.of("pkg/core.py takes its location from resource_filename and its package ships data"
                + " files (pkg/a.dat)"), verdict(Map.of("pkg/core.py",
                        "import pkg_resources\nP = pkg_resources.resource_filename(__name__, 'a.dat')\n", "pkg/a.dat", "")));
    }

    @Test
    void aModuleThatListsAFolderFoundFromItsLocationIsNotZipSafeWithoutData() {
        assertEquals(Optional.of("pkg/plugins.py takes its location from __file__ and lists a folder (listdir) (and 1"
                + " more module(s))"), verdict(Map.of(
                        "pkg/plugins.py", "import os\nfor f in os.listdir(os.path.dirname(__file__)):\n    pass\n",
                        "pkg/walker.py", "import os\nfor r, d, f in os.walk(os.path.dirname(__file__)):\n    pass\n")));
        assertEquals(Optional.of("pkg/checkers/__init__.py uses its package's folder as a path (__path__[...])"),
                verdict(Map.of("pkg/checkers/__init__.py", "def initialize(linter):\n    register(linter, __path__[0])\n")));
    }

    @Test
    void importSystemReadsCommentsStringsMainBlocksAndTestsAreNoEvidence() {
        assertEquals(Optional.empty(), verdict(Map.of(
                "pkg/__init__.py", "__path__ = __import__('pkgutil').extend_path(__path__, __name__)\n",
                "pkg/res.py", "from importlib.resources import files\nT = files('pkg').joinpath('data/x.json').read_text()\n",
                "pkg/doc.py", "'''Reads __file__ and os.listdir'''\n# os.path.dirname(__file__)\nX = '__file__'\n",
                "pkg/cli.py", "import sys\n\nif __name__ == '__main__':\n    print(__file__)\n    import os; os.listdir('.')\n"
                        + "x = 1\n",
                "pkg/tests/test_data.py", READS_BESIDE, "pkg/tests/data/x.json", "",
                "pkg/data/x.json", "{}", "pkg/py.typed", "", "pkg/core.pyi", "", "pkg/LICENSE.txt", "")));
        // code after the main block counts again
        assertEquals(Optional.of("pkg/cli.py takes its location from __file__ and its package ships data files"
                + " (pkg/x.dat)"), verdict(Map.of("pkg/x.dat", "", "pkg/cli.py",
                        "if __name__ == \"__main__\":\n    main()\nHERE = __file__\n")));
        // the location put on sys.path, or only shown, is no read of a file beside the module
        assertEquals(Optional.empty(), verdict(Map.of("pkg/data.txt", "", "pkg/run.py",
                "import os, sys, warnings, logging\n"
                        + "if __package__ == '':\n    sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))\n"
                        + "log = logging.getLogger(__file__)\nwarnings.warn('loaded from %s' % __file__)\n"
                        + "print(__file__)\nif not __file__.endswith('.py'):\n    raise ImportError(__file__)\n")));
        // another package's location is not this one's (pytest's path.py reads mod.__file__ of modules it imports)
        assertEquals(Optional.empty(), verdict(Map.of("pkg/data.txt", "", "pkg/imp.py",
                "import os\ndef where(mod):\n    return os.path.dirname(mod.__file__)\n")));
        assertEquals(Optional.of("pkg/imp.py takes its location from __file__ and its package ships data files"
                + " (pkg/data.txt)"), verdict(Map.of("pkg/__init__.py", "", "pkg/data.txt", "", "pkg/imp.py",
                        "import os, pkg\nHERE = os.path.dirname(pkg.__file__)\n")));
        // but a path collected for later reads counts
        assertEquals(Optional.of("pkg/run.py takes its location from __file__ and its package ships data files"
                + " (pkg/data.txt)"), verdict(Map.of("pkg/data.txt", "", "pkg/run.py",
                        "import os\nDIRS = []\nDIRS.append(os.path.dirname(__file__))\n")));
        // a top-level module has no package folder to read data from
        assertEquals(Optional.empty(), verdict(Map.of("mod.py", READS_BESIDE, "other/data.txt", "")));
    }

    @Test
    void codeThatHidesInConditionsFStringsAndShortLinesIsSeen() {
        // the tokens of an `if` that is not the main check are scanned too
        assertEquals(Optional.of("pkg/a.py takes its location from __file__ and lists a folder (listdir)"),
                verdict(Map.of("pkg/a.py", "import os\nHERE = os.path.dirname(__file__)\nif not os.listdir(HERE):\n"
                        + "    pass\n")));
        assertEquals(Optional.of("pkg/a.py uses its package's folder as a path (__path__[...])"),
                verdict(Map.of("pkg/a.py", "if __path__[0]:\n    pass\n")));
        // code in an f-string's replacement field, and a format spec whose fill is a quote
        assertEquals(Optional.of("pkg/a.py takes its location from __file__ and lists a folder (listdir)"),
                verdict(Map.of("pkg/a.py", "import os\nT = f\"{x:'>10}\"\n"
                        + "N = os.listdir(f\"{os.path.dirname(__file__)}/templates\")\n")));
        // a print after a semicolon makes only its own statement harmless
        assertEquals(Optional.of("pkg/a.py takes its location from __file__ and lists a folder (listdir)"),
                verdict(Map.of("pkg/a.py", "import os\nN = os.listdir(os.path.dirname(__file__)); print(N)\n")));
        // the module's own entry in sys.modules is its own location
        assertEquals(Optional.of("pkg/a.py takes its location from __file__ and its package ships data files"
                + " (pkg/d.txt)"), verdict(Map.of("pkg/d.txt", "", "pkg/a.py",
                        "import sys\nHERE = sys.modules[__name__].__file__\n")));
    }

    @Test
    void aPathJoinedToTheFileOfAModuleInAVariableIsEvidence() {
        // as nbformat reads its schemas: v is one of its own modules, passed in
        assertEquals(Optional.of("pkg/validator.py takes its location from __file__ and its package ships data files"
                + " (pkg/v4/schema.json)"), verdict(Map.of("pkg/v4/schema.json", "{}", "pkg/validator.py",
                        "from pathlib import Path\ndef schema(v):\n    return str(Path(v.__file__).parent / v.name)\n")));
        assertTrue(verdict(Map.of("pkg/d.txt", "", "pkg/a.py", "import os\ndef f(m):\n"
                + "    return open(os.path.join(os.path.dirname(m.__file__), 'd.txt'))\n")).isPresent());
        // an imported package's location, with a path joined to it or not, is that package's
        assertEquals(Optional.empty(), verdict(Map.of("pkg/d.txt", "", "pkg/a.py",
                "import os\nimport numpy as np\nfrom other import mod\n"
                        + "INC = os.path.join(os.path.dirname(np.__file__), 'core', 'include')\n"
                        + "T = os.path.dirname(mod.__file__) + '/templates'\n")));
    }

    @Test
    void asFileOfAWholePackageFolderIsEvidenceAsFileOfOneFileIsNot() {
        // as humanize finds its translations
        String folder = "import importlib.resources\ndef locale():\n"
                + "    with importlib.resources.as_file(importlib.resources.files(__package__)) as d:\n"
                + "        return d / 'locale'\n";
        assertEquals(Optional.of("pkg/i18n.py takes its location from as_file(files(...)) and its package ships data"
                + " files (pkg/locale/de/LC_MESSAGES/pkg.mo)"), verdict(Map.of("pkg/locale/de/LC_MESSAGES/pkg.mo", "",
                        "pkg/i18n.py", folder)));
        assertEquals(Optional.empty(), verdict(Map.of("pkg/data.txt", "", "pkg/a.py",
                "from importlib.resources import as_file, files\n"
                        + "def a():\n    with as_file(files('pkg') / 'data.txt') as p:\n        return p.read_text()\n"
                        + "def b():\n    with as_file(files('pkg').joinpath('data.txt')) as p:\n        return p.read_text()\n"
                        + "def c(ref):\n    with as_file(ref) as p:\n        return p.read_text()\n")));
    }

    @Test
    void aNotZipSafeMarkerIsEvidence() {
        assertEquals(Optional.of("its dist-info says not-zip-safe"),
                verdict(Map.of("pkg/__init__.py", "", "pkg-1.0.dist-info/not-zip-safe", "")));
        assertEquals(Optional.empty(), verdict(Map.of("pkg/__init__.py", "", "pkg-1.0.dist-info/zip-safe", "")));
    }
}
