def py = evaluate(new File(itTools, 'ItSupport.groovy')) // the ITs' shared helpers (src/it/tools; see the POM)

String log = new File(basedir, 'build.log').getText('UTF-8')
def invocations = log.split(/(?m)^\[INFO\] Scanning for projects/) as List
invocations.remove(0)
py.check(invocations.size() == 4, "four invocations: ${invocations.size()}")

// 1. packed and compiled here, then deployed: what packing found of three wheels, and their bytecode
String publish = invocations[0]
py.check(publish.contains('3 packed, 0 from the cache'), publish)
py.check((publish =~ /Shared cache file:.*shared-repo \(pyz-shared\): deployed 6 entries, 0 of 6 there already/).find(), publish)
File repo = new File(basedir, 'target/shared-repo/dev/pyz/cache')
def shas = repo.listFiles().findAll { it.directory }*.name.sort()
py.check(shas.size() == 3 && shas.every { it ==~ /[0-9a-f]{64}/ }, "one artifact per wheel sha256: ${shas}")
def deployed = []
repo.eachFileRecurse { if (it.file && !(it.name =~ /\.(md5|sha1|sha256|sha512)$/) && !it.name.startsWith('maven-metadata')) deployed << it.name.replaceAll(/^[0-9a-f]{64}-/, '') }
py.check(!deployed.contains('8.4.zip'), "no packed zip is deployed (it is made from the wheel): ${deployed}")
py.check(deployed.count { it == '8.4-info.properties' } == 3 && deployed.count { it == '8.4.pom' } == 3, "${deployed}")
py.check(deployed.count { it ==~ /8\.4-cpython-3\d+-[0-9a-f]{8}-b5\.zip/ } == 3, "three bytecode zips: ${deployed}")

// 2. an empty pack cache takes everything from the repository: no wheel checked against RECORD, nothing compiled
String taken = invocations[1]
py.check(taken.contains('3 wheel(s): 0 packed, 0 from the cache'), taken)
py.check(taken.contains(', 3 from the shared cache'), taken)
py.check(taken.contains('Took the bytecode of 3 of 3 wheel(s) from the shared cache'), taken)
py.check(!taken.contains('Packed and checked') && !taken.contains('Compiling bytecode'), taken)
py.check(new File(basedir, 'target/cache-b/bytecode').isDirectory(), 'the bytecode is in the new cache')

// 4. the lying info file is refused and greet is packed here; the damaged bytecode fails Maven's checksum
//    and trans_b is compiled here; the rest still comes from the repository
String refused = invocations[3]
py.check((refused =~ /\[WARNING\] The shared cache's entry for greet-1\.0-py3-none-any\.whl is refused, it is packed here: its info file does not describe this wheel's packing: entries is '\d+', packing here finds '\d+'/).find(), refused)
py.check(refused.contains('Packed and checked greet-1.0-py3-none-any.whl'), refused)
py.check(refused.contains('3 wheel(s): 1 packed, 0 from the cache') && refused.contains(', 2 from the shared cache'), refused)
py.check((refused =~ /\[WARNING\] An entry of the shared cache in repository pyz-shared could not be fetched \(.*[Cc]hecksum/).find(), refused)
py.check(refused.contains('Took the bytecode of 2 of 3 wheel(s) from the shared cache'), refused)

// the apps built from shared entries run
py.expectLines(py.expectExit(py.python(basedir, new File(basedir, 'target/app.pyz'), ['World']), 0),
        ['argv0=greet.cli:main', 'args=World', 'Hello, World!'])
return true
