def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// The file repository holds the zipapp and the POM, each with its checksums, and the metadata.
File dir = new File(basedir, 'target/file-repo/it/pyz/deploy-fetch/1.0')
File deployed = new File(dir, 'deploy-fetch-1.0.pyz')
File pom = new File(dir, 'deploy-fetch-1.0.pom')
[deployed, pom].each { File f ->
    assert f.file : "${f.name} not deployed; ${dir} holds ${dir.list()}"
    ['sha1': 'SHA-1', 'md5': 'MD5'].each { ext, algorithm ->
        File sum = new File(f.path + '.' + ext)
        assert sum.file : "${sum.name} not deployed; ${dir} holds ${dir.list()}"
        String expected = java.security.MessageDigest.getInstance(algorithm).digest(f.bytes).encodeHex().toString()
        assert sum.text.trim() == expected : "${sum} says ${sum.text.trim()}, the file's ${algorithm} is ${expected}"
    }
}
assert new File(dir.parentFile, 'maven-metadata.xml').file
assert deployed.bytes == py.pyz(basedir, 'app').bytes
// Deployed, not installed: the local repository learned of it only through the fetch below.

// The consumer fetched it by coordinates, from the file repository.
File fetched = new File(basedir, 'fetch/target/fetched/deploy-fetch-1.0.pyz')
assert fetched.file : "dependency:copy did not write ${fetched}"
assert fetched.bytes == deployed.bytes
File origin = new File(localRepositoryPath.toString(), 'it/pyz/deploy-fetch/1.0/_remote.repositories')
assert origin.file && origin.text.contains('deploy-fetch-1.0.pyz>it-file=') : "not fetched from it-file: ${origin.file ? origin.text : 'no ' + origin}"

def r = py.expectExit(py.python(basedir, fetched, ['Fetched']), 0)
py.expectLines(r, ['argv0=greet.cli:main', 'args=Fetched', 'Hello, Fetched!'])
return true
