def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// Four modules built at once (-T 4) against one empty pack cache: every app is right...
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 4')
assert !log.contains('not marked as @threadSafe') && !log.contains('not thread-safe')

File m = new File(basedir, 'greet-app')
py.expectLines(py.expectExit(py.python(m, py.pyz(m, 'app'), ['Four']), 0), ['argv0=greet.cli:main', 'args=Four', 'Hello, Four!'])
m = new File(basedir, 'trans-app')
py.expectLines(py.expectExit(py.python(m, py.pyz(m, 'app'), []), 0), ['b uses c 42'])
m = new File(basedir, 'meta-app')
py.expectLines(py.expectExit(py.python(m, py.pyz(m, 'app'), ['-c',
        'import greet, selfmeta, trans_b; print(selfmeta.__version__, greet.greet("meta"), trans_b.describe())']), 0),
        ['1.5.2 Hello, meta! b uses c 42'])
m = new File(basedir, 'all-app')
py.expectLines(py.expectExit(py.python(m, py.pyz(m, 'app'), ['x']), 0), ['hello-module name=__main__', 'Hello, module!', 'args=x'])

// ...and the shared cache holds exactly one whole entry per wheel, packed and compiled, with no temp file left.
List<String> wheels = ['greet-1.0-py3-none-any.whl', 'selfmeta-1.5.2-py3-none-any.whl',
                       'trans_b-2.0-py3-none-any.whl', 'trans_c-3.0-py3-none-any.whl']
File cache = new File(basedir, 'target/shared-cache')
List<File> files = []
cache.eachFileRecurse { if (it.file) files << it }
List<String> rel = files.collect { cache.toPath().relativize(it.toPath()).toString() }
assert !rel.any { it.endsWith('.tmp') } : "temp files left in ${cache}: ${rel.findAll { it.endsWith('.tmp') }}"
['packed', 'bytecode'].each { String kind ->
    List<String> zips = rel.findAll { it.startsWith(kind + '/') && it.endsWith('.whl.zip') }
    assert zips.collect { new File(it).name - '.zip' }.sort() == wheels : "expected one ${kind} entry per wheel in ${cache}, found ${zips}"
    assert rel.findAll { it.startsWith(kind + '/') && it.endsWith('.whl.info') }.size() == wheels.size()
}

// Each wheel was packed and compiled exactly once, though up to three modules needed it at the same moment:
// the first to lock a cache entry writes it, the others wait and take it from the cache.
Map<String, Integer> users = ['greet-1.0-py3-none-any.whl': 3, 'selfmeta-1.5.2-py3-none-any.whl': 2,
                              'trans_b-2.0-py3-none-any.whl': 3, 'trans_c-3.0-py3-none-any.whl': 3]
users.each { String wheel, int n ->
    int packed = log.readLines().count { it.contains("Packed and checked ${wheel} ") }
    int compiled = log.readLines().count { it.contains("Compiled ${wheel}:") }
    println "multimodule-parallel: ${wheel} packed ${packed} time(s), compiled ${compiled} time(s), used by ${n} module(s)"
    assert packed == 1 : "${wheel} was packed ${packed} times by ${n} modules building at once"
    assert compiled == 1 : "${wheel} was compiled ${compiled} times by ${n} modules building at once"
}
return true
