def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)

if (!(System.getProperty('os.name') == 'Linux' && System.getProperty('os.arch') in ['amd64', 'x86_64'])) {
    println 'nativetool is a Linux x86-64 executable: its runs are skipped here'
    return true
}
// <script>nativetool</script>: the executable of the wheel's .data/scripts, extracted and exec'd: its output
// and its exit status are the app's, on the first run and the next.
File pyz = py.pyz(basedir, 'app')
for (int run = 1; run <= 2; run++) {
    py.expectLines(py.expectExit(py.python(basedir, pyz, ['a', 'b']), 3), ['native tool ran'])
}
def m = py.manifest(pyz)
assert m.entry == [kind: 'executable', name: 'nativetool', wheel: 'nativetool-1.0-py3-none-manylinux_2_5_x86_64.whl',
                   path: 'bin/nativetool']
def tool = m.wheels.find { it.name == 'nativetool' }
assert tool.extract == true && tool.bin == [nativetool: 'native']

// main = nativetool: the shim finds bin/nativetool beside its packages, as pip install --target lays it out
py.expectLines(py.expectExit(py.python(basedir, py.pyz(basedir, 'app-shim'), []), 3), ['native tool ran'])
// a child process finds it on PATH
def child = py.python(basedir, py.pyz(basedir, 'app-shim'),
        ['-c', 'import subprocess, sys; sys.exit(subprocess.call(["nativetool"]))'], [PYZ_INTERPRETER: '1'])
py.expectLines(py.expectExit(child, 3), ['native tool ran'])

// <script>datalib-tool</script>: a Python script of .data/scripts runs as __main__
py.expectLines(py.expectExit(py.python(basedir, py.pyz(basedir, 'app-pyscript'), []), 0), ['datalib-tool'])

// hexrecord: RECORD in hex and a 2.5 MB file of zeros (ratio above 1000:1) are accepted, with one line
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('hexrecord-1.0-py3-none-any.whl: its RECORD writes digests in hex, not in the urlsafe base64 the'
        + ' wheel format asks for; they were compared as written') : log
def size = py.python(basedir, py.pyz(basedir, 'app-shim'), ['-c', 'import hexrecord; print(hexrecord.SIZE)'],
        [PYZ_INTERPRETER: '1'])
py.expectLines(py.expectExit(size, 0), ['2621440'])
return true
