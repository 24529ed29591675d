// No targetPython: the build targets the version of the interpreter it compiles with (and this machine's
// platform), so future_only (Requires-Python >=3.99) fails the build, not the first start, and the
// message names the wheel, why, and what to change.
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('1 wheel(s) cannot run on the target, CPython 3.') : "no target refusal in the log:\n${log}"
assert log.contains('future_only-1.0-py3-none-any.whl: Requires-Python >=3.99') : "the wheel is not named:\n${log}"
assert log.contains('(the version of the interpreter found; set targetPython for another)') : "the default is not explained:\n${log}"
assert log.contains('change targetPython') : "no advice:\n${log}"
assert !new File(basedir, 'target/app.pyz').exists() : 'a zipapp was written'
return true
