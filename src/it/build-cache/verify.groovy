def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// build.log holds both builds, the first up to its BUILD SUCCESS.
String log = new File(basedir, 'build.log').getText('UTF-8')
int split = log.indexOf('BUILD SUCCESS')
assert split > 0
String first = log.substring(0, split), second = log.substring(split)

// First build: a miss; pyz:zipapp runs, the build with its .pyz is saved.
assert first.contains('Local build was not found by checksum')
assert first.contains('--- pyz:')
assert first =~ /Saved Build to local file: cache-store\/.*buildinfo\.xml/

// Second build, after clean: a hit; pyz:zipapp does not run, the .pyz comes back from the cache.
assert second.contains('Deleting ' + new File(basedir, 'target').path)
assert second.contains('Found cached build, restoring it.pyz:build-cache from cache')
assert second.contains('Skipping plugin execution (cached): pyz:zipapp')
assert !second.contains('--- pyz:')

File pyz = py.pyz(basedir, 'app')
def r = py.expectExit(py.python(basedir, pyz, ['from', 'cache']), 0)
py.expectLines(r, ['cached: Hello, from cache!'])
assert py.manifest(pyz).wheels*.file == ['greet-1.0-py3-none-any.whl']

// The restored attachment is the project's: install put it into the local repository (type pyz).
File installed = new File(localRepositoryPath.toString(), 'it/pyz/build-cache/1.0/build-cache-1.0.pyz')
assert installed.file : "the restored .pyz was not installed: ${installed.parentFile.list()}"
assert installed.bytes == pyz.bytes
return true
