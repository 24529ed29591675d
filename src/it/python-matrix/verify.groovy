def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)

// The same zipapp under every CPython 3.8-3.13 on this machine: console script, imports (pure from the
// archive, namespace package across two wheels, native extracted), metadata, package data.
File pyz = py.pyz(basedir, 'app')
def manifest = py.manifest(pyz)
assert manifest.bytecode?.cache_tag : "bytecode=required, so the manifest names the bytecode: ${manifest.bytecode}"

String check = '''
import importlib.metadata as m, sys
import acme.one, acme.two, greet, nativepkg, resdata, selfmeta, trans_b
print("python=%d.%d" % sys.version_info[:2])
print("greet=" + greet.greet("matrix") + " from " + ("archive" if ".pyz" in greet.__file__ else greet.__file__))
print("namespace=" + acme.one.WHO + "," + acme.two.WHO)
print("transitive=" + trans_b.describe())
print("native=" + str(".pyz" not in nativepkg.where()))
print("metadata=" + selfmeta.__version__ + "," + m.version("greet") + "," + m.version("nativepkg") + ","
      + ",".join(e.name for e in m.distribution("greet").entry_points))
print("files=" + str(any(str(f) == "resdata/data/greeting.txt" for f in m.files("resdata"))))
print("pkgutil=" + resdata.by_pkgutil())
print("resources=" + resdata.by_resources())
'''
List<String> found = []
List<String> skipped = []
for (String minor : ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13']) {
    String python = findPython(minor)
    if (python == null) {
        skipped << minor
        println "python-matrix: skipping CPython ${minor}: not found on this machine"
        continue
    }
    found << minor
    File root = new File(basedir, "target/pyz-root-${minor}")
    def env = [PYZ_ROOT: root.path]
    def script = py.expectExit(py.run(basedir, [python, pyz.path, 'Matrix'], env), 0)
    py.expectLines(script, ['argv0=greet-cli', 'args=Matrix', 'Hello, Matrix!'])
    def r = py.expectExit(py.run(basedir, [python, pyz.path, '-c', check], env + [PYZ_INTERPRETER: '1', PYZ_VERBOSE: '1']), 0)
    py.expectLines(r, ["python=${minor}".toString(), 'greet=Hello, matrix! from archive', 'namespace=one,two',
                       'transitive=b uses c 42', 'native=True', 'metadata=1.5.2,1.0,1.0,greet-cli', 'files=True',
                       'pkgutil=greetings from package data', 'resources=greetings from package data'])
    String tag = 'cpython-' + minor.replace('.', '')
    String expected = tag == manifest.bytecode.cache_tag ? "bytecode for ${tag}: used" : 'not used by this interpreter'
    assert r.err.contains(expected) : "under ${minor}: expected '${expected}' in\n${r.err}"
    println "python-matrix: CPython ${minor} (${python}) passed"
}
assert !found.isEmpty() : "no CPython 3.8-3.13 found on this machine"
println "python-matrix: ran under ${found}, skipped ${skipped}"
return true

/** python3.X that really runs: pyenv's versions folder, then PATH, then the usual system places. */
String findPython(String minor) {
    List<String> candidates = []
    File versions = new File(System.getenv('PYENV_ROOT') ?: (System.getProperty('user.home') + '/.pyenv'), 'versions')
    versions.listFiles()?.findAll { it.name ==~ (java.util.regex.Pattern.quote(minor) + /(\.\d+)?/) }?.sort()?.each {
        candidates << new File(it, "bin/python${minor}").path
    }
    (System.getenv('PATH') ?: '').split(File.pathSeparator).each { candidates << new File(it, "python${minor}").path }
    candidates << "/usr/bin/python${minor}" << "/usr/local/bin/python${minor}"
    for (String c : candidates) {
        if (!new File(c).canExecute()) continue
        try {
            Process p = new ProcessBuilder(c, '-c', 'import sys; print("%d.%d" % sys.version_info[:2])').redirectErrorStream(true).start()
            String out = p.inputStream.text.trim()
            if (p.waitFor() == 0 && out == minor) return c
        } catch (IOException ignored) {
        }
    }
    return null
}
