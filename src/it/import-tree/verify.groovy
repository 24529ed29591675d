def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)

// pyz:import wrote each wheel and a POM whose dependencies mirror Requires-Dist.
File repo = new File(localRepositoryPath.toString(), 'it/imported')
File pom = new File(repo, 'trans_b/2.0/trans_b-2.0.pom')
assert pom.file : "no POM at ${pom}"
def xml = new groovy.xml.XmlSlurper().parse(pom)
assert xml.packaging.text() == 'whl'
def deps = xml.dependencies.dependency.collect { "${it.groupId}:${it.artifactId}:${it.version}:${it.type}:${it.classifier}".toString() }
assert deps == ['it.imported:trans_c:3.0:whl:py3-none-any'] : deps
assert new File(repo, 'trans_c/3.0/trans_c-3.0-py3-none-any.whl').file
assert new File(repo, 'greet/1.0/greet-1.0.pom').file

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('<artifactId>greet</artifactId>') && log.contains('<artifactId>trans_b</artifactId>') :
        'pyz:import did not print the dependency block to paste'

// the project named only trans_b; trans_c came through the generated POM, and the app runs
File pyz = py.pyz(basedir, 'app')
py.expectLines(py.expectExit(py.python(basedir, pyz, []), 0), ['b uses c 42'])

// pyz:tree printed the graph
assert log.contains('[INFO] Trans-B 2.0') : 'pyz:tree did not print trans_b as a root'
assert log.contains('[INFO]   trans_c 3.0 (trans-c==3.0)') : 'pyz:tree did not print trans_c under trans_b'
assert log.contains('Every requirement is met.')

// pyz:import -Durl=... deployed the wheels with their POMs (and checksums) to the remote repository,
// and installed none of them into the local one (which keeps only the resolver's metadata records)
File remote = new File(basedir, 'target/remote-repo/it/deployed')
for (String f : ['trans_b/2.0/trans_b-2.0-py3-none-any.whl', 'trans_b/2.0/trans_b-2.0.pom', 'trans_b/2.0/trans_b-2.0.pom.sha1',
                 'trans_c/3.0/trans_c-3.0-py3-none-any.whl', 'greet/1.0/greet-1.0.pom', 'greet/maven-metadata.xml']) {
    assert new File(remote, f).file : "not deployed: ${f} under ${remote}"
}
assert new groovy.xml.XmlSlurper().parse(new File(remote, 'trans_b/2.0/trans_b-2.0.pom')).dependencies.dependency.artifactId.text() == 'trans_c'
def installed = []
new File(localRepositoryPath.toString(), 'it/deployed').eachFileRecurse { if (it.name.endsWith('.whl') || it.name.endsWith('.pom')) installed << it }
assert installed.isEmpty() : "a deploy also installed into the local repository: ${installed}"

// 5: both bad parameters named at once, before any work
assert log.contains('2 parameters are not valid:') : 'the bad import parameters were not reported together'
assert log =~ /wheels \(pyz\.wheels\): \S*no-such-folder is not a folder/
assert log.contains("groupId (pyz.groupId): 'bad/group' is not a valid groupId")
return true
