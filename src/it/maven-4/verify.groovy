def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// The build ran under that Maven, and its zipapp (with trans_c, through trans_b's POM) was installed and runs.
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log =~ /Apache Maven 4\.\d/ : 'not built by Maven 4:\n' + log.readLines().take(20).join('\n')
// No warning from this Maven about the plugin (downloads from the ITs' file repository, which has no
// checksums, warn on a first run: those are not about the plugin).
List<String> warnings = log.readLines().findAll { it.startsWith('[WARNING]') && !(it =~ /(?i)checksum|integrity/) }
assert !log.contains('Plugin validation issues') && warnings.isEmpty() : 'warnings under this Maven:\n' + warnings.join('\n')
File pyz = py.pyz(basedir, 'app')
assert py.manifest(pyz).wheels*.file == ['greet-1.0-py3-none-any.whl', 'trans_b-2.0-py3-none-any.whl', 'trans_c-3.0-py3-none-any.whl']
File installed = new File(localRepositoryPath.toString(), 'it/pyz/maven-4/1.0/maven-4-1.0.pyz')
assert installed.file : "not installed: ${installed.parentFile.list()}"
assert installed.bytes == pyz.bytes
def r = py.expectExit(py.python(basedir, installed, ['Maven']), 0)
py.expectLines(r, ['argv0=greet.cli:main', 'args=Maven', 'Hello, Maven!'])
r = py.expectExit(py.python(basedir, pyz, ['-c', 'import trans_b; print(trans_b.describe())'], [PYZ_INTERPRETER: '1']), 0)
py.expectLines(r, ['b uses c 42'])
return true
