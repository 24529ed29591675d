def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)

// Two apps of one native wheel: app.pyz, and app-other.pyz, which leaves nativepkg/report.py in the archive
// and so extracts the wheel into a folder of its own (<sha256>-x<digest of its patterns>).
File app = py.pyz(basedir, 'app')
File other = py.pyz(basedir, 'app-other')
File root = new File(basedir, 'target/pyz-root')   // ItSupport sets PYZ_ROOT to this
File wheels = new File(root, 'wheels')
String wheel = 'nativepkg-1.0-py3-none-any.whl'
File held = new File(wheels, py.manifest(app).wheels.find { it.file == wheel }.sha256)
def runOther = { py.expectExit(py.python(basedir, other, ['-c', 'import nativepkg'], [PYZ_INTERPRETER: '1']), 0) }

py.expectLines(py.expectExit(py.python(basedir, app, []), 0), ['native_exists=True'])
runOther()
File unheld = wheels.listFiles().find { it.directory && it.name.startsWith(held.name + '-x') }
assert unheld != null : "no folder of app-other.pyz in ${wheels.list()}"

// PYZ_CACHE=info lists both folders and the two apps' child interpreters, and runs nothing
def info = py.expectExit(py.python(basedir, app, [], [PYZ_CACHE: 'info']), 0)
assert !info.out.contains('native_exists') : 'the app ran'
py.expectLines(info, ["  nativepkg 1.0 (${wheel})".toString(), "  nativepkg 1.0 (${wheel})".toString()])
assert info.out.contains("wheels/${held.name}  ") && info.out.contains("wheels/${unheld.name}  ") : info.out
assert info.out =~ /(?m)^total: .* in 4 folders, 0 in use$/

// app.pyz runs in the background until its stdin is closed, holding its folders; a prune of everything
// no running app holds (PYZ_CACHE_MAX_AGE=0) keeps them and removes app-other.pyz's
ProcessBuilder pb = new ProcessBuilder(py.PYTHON, app.path, '-c', "import nativepkg, sys; print('ready', flush=True); sys.stdin.read()")
        .directory(basedir).redirectError(new File(basedir, 'target/held-app.err'))
pb.environment().keySet().removeIf { String k -> k.startsWith('PYZ_') || k.startsWith('PYTHON') }
pb.environment().putAll([PYZ_ROOT: root.path, PYZ_INTERPRETER: '1'])
Process running = pb.start()
try {
    String ready = new BufferedReader(new InputStreamReader(running.inputStream, 'UTF-8')).readLine()
    assert ready == 'ready' : "the app did not start: ${ready}; stderr: ${new File(basedir, 'target/held-app.err').text}"
    def prune = py.expectExit(py.python(basedir, other, [], [PYZ_CACHE: 'prune', PYZ_CACHE_MAX_AGE: '0']), 0)
    assert prune.out.contains("kept    wheels/${held.name}  nativepkg 1.0 (${wheel}): in use by a running app") : prune.out
    assert prune.out.contains("removed wheels/${unheld.name}  nativepkg 1.0 (${wheel})  ") : prune.out
    assert prune.out =~ /(?m)^freed .* \(\d+ bytes\): 2 folders removed; kept 2 in use$/
    assert new File(held, '.pyz-complete').file : "${held} was removed while an app held it"
    assert !unheld.exists() : "${unheld} is still there"
} finally {
    running.outputStream.close()
    if (!running.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
        running.destroyForcibly()
    }
}
assert running.exitValue() == 0 : new File(basedir, 'target/held-app.err').text

// both run after the prune: app-other.pyz extracts its folder again
py.expectLines(py.expectExit(py.python(basedir, app, []), 0), ['native_exists=True'])
runOther()
assert new File(unheld, '.pyz-complete').file : "${unheld} was not extracted again"
return true
