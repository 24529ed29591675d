// A folder of wheels, as pip download would leave it: copied from the ITs' repository (setup-wheels).
File wheels = new File(basedir, 'wheels')
wheels.mkdirs()
File repo = new File(localRepositoryPath.toString(), 'it/pyz/wheels')
int copied = 0
repo.eachFileRecurse { File f ->
    if (f.name in ['greet-1.0-py3-none-any.whl', 'trans_b-2.0-py3-none-any.whl', 'trans_c-3.0-py3-none-any.whl']) {
        new File(wheels, f.name).bytes = f.bytes
        copied++
    }
}
assert copied == 3 : "expected 3 wheels under ${repo}, copied ${copied}"
return true
