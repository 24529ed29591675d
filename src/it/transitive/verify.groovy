def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// Only trans_b is declared; trans_c comes through trans_b's POM and is importable.
File pyz = py.pyz(basedir, 'app')
def r = py.expectExit(py.python(basedir, pyz, []), 0)
py.expectLines(r, ['b uses c 42'])

def m = py.manifest(pyz)
assert m.wheels*.file == ['trans_b-2.0-py3-none-any.whl', 'trans_c-3.0-py3-none-any.whl']
assert m.wheels*.version == ['2.0', '3.0']
assert m.wheels*.dist_info == ['trans_b-2.0.dist-info', 'trans_c-3.0.dist-info']
return true
