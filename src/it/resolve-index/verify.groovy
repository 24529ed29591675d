def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)

// 1, 3: pyz:resolve installed trans_b and trans_c with POMs as pyz:import makes them
File repo = new File(localRepositoryPath.toString(), 'it/resolved')
File pom = new File(repo, 'trans_b/2.0/trans_b-2.0.pom')
assert pom.file : "no POM at ${pom}"
def xml = new groovy.xml.XmlSlurper().parse(pom)
def deps = xml.dependencies.dependency.collect { "${it.groupId}:${it.artifactId}:${it.version}:${it.type}:${it.classifier}".toString() }
assert deps == ['it.resolved:trans_c:3.0:whl:py3-none-any'] : deps
assert pom.text.contains('Made by pyz:import from trans_b-2.0-py3-none-any.whl for CPython 3.11 on ')
assert new File(repo, 'trans_c/3.0/trans_c-3.0-py3-none-any.whl').file
assert !new File(repo, 'trans_c/9.0').exists() : 'the Windows-only trans_c was installed'

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Resolved 2 project(s) for CPython 3.11 on ') && log.contains(': trans-b 2.0, trans-c 3.0')
assert log =~ /Downloaded trans_c-3\.0-py3-none-any\.whl \(.*\) \[\d\/2\]/
assert log.contains('<artifactId>trans_b</artifactId>') : 'the dependency block to paste was not printed'

// 3: the re-run took the installed wheels and left every file as it was: Maven installed the POM once
assert log =~ /Reused trans_b-2\.0-py3-none-any\.whl \(.*\) \[\d\/\d\]/
assert log =~ /Reused trans_c-3\.0-py3-none-any\.whl \(.*\) \[\d\/2\]/
assert log.contains('All 4 files (wheels and POMs) were already installed, byte for byte: nothing changed')
def installs = log.readLines().findAll { it =~ /Installing .* to .*resolved\/trans_b\/2\.0\/trans_b-2\.0\.pom$/ }
assert installs.size() == 1 : "the POM was written ${installs.size()} times: ${installs}"

// 2: the project named only trans_b; trans_c came through the generated POM, and the app runs
File pyz = py.pyz(basedir, 'app')
py.expectLines(py.expectExit(py.python(basedir, pyz, []), 0), ['b uses c 42'])

// 4: no solution, named with the requirement that nothing meets and what the index has
assert log.contains('Cannot resolve the requirements: no version of trans-c meets all of these:')
assert log.contains('the requirements ask for trans-c>=4')
assert log.contains('trans-c has 3.0 (loosen one of these requirements')
// 5: the lock file's wheels, installed with POMs as pyz:import makes them
def locked = new groovy.xml.XmlSlurper().parse(new File(localRepositoryPath.toString(), 'it/locked/trans_b/2.0/trans_b-2.0.pom'))
assert locked.dependencies.dependency.collect { "${it.groupId}:${it.artifactId}:${it.version}".toString() } == ['it.locked:trans_c:3.0']
assert !new File(localRepositoryPath.toString(), 'it/locked/trans_c/9.0').exists() : 'the Windows-only trans_c was installed'
assert log.contains('Installing 2 package(s) of the lock file for CPython 3.11 on ') && log.contains(': trans-b 2.0, trans-c 3.0')
assert log =~ /Imported 2 wheel\(s\) from the lock file \S*pylock\.toml into /
return true
