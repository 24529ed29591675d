// The wheels are in the ITs' local repository under the coordinate convention.
def repo = new File(localRepositoryPath.toString(), 'it/pyz/wheels')
['greet/1.0/greet-1.0-py3-none-any.whl', 'greet/1.0/greet-1.0.pom',
 'trans_b/2.0/trans_b-2.0-py3-none-any.whl', 'trans_c/3.0/trans_c-3.0.pom',
 'tagged/0.3/tagged-0.3-7-py2.py3-none-any.whl'].each {
    assert new File(repo, it).file : "make_wheels.py did not write ${it} under ${repo}"
}
return true
