// pyz:import installed the real pytest wheels with POMs; pytest's POM names what it needs on this Python.
File repo = new File(localRepositoryPath.toString(), 'it/pypi')
assert new File(repo, 'pytest/8.4.2/pytest-8.4.2-py3-none-any.whl').file
def pom = new groovy.xml.XmlSlurper().parse(new File(repo, 'pytest/8.4.2/pytest-8.4.2.pom'))
def deps = pom.dependencies.dependency.collect { it.artifactId.text() }.sort()
assert deps.containsAll(['iniconfig', 'packaging', 'pluggy', 'pygments']) : deps
return true
