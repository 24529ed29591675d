def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// pyz:pack fills target/cache (the configured cacheDirectory) with the packed wheels, B and C, and
// their bytecode (python3 is on the PATH), and builds no zipapp.

File cache = new File(basedir, 'target/cache')
def packed = []
def compiled = []
cache.eachFileRecurse { if (it.file && it.name.endsWith('.whl.zip')) (it.path.contains('/bytecode/') ? compiled : packed) << it }
assert compiled*.name.sort() == packed*.name.sort() : "compiled: ${compiled}"
compiled.each { File f ->
    new java.util.zip.ZipFile(f).withCloseable { z ->
        assert z.entries().collect { it.name }.every { it.startsWith('.deps/' + f.name.replaceAll(/\.zip$/, '') + '/') && it.endsWith('.pyc') }
    }
}
assert packed*.name.sort() == ['greet-1.0-py3-none-any.whl.zip', 'trans_b-2.0-py3-none-any.whl.zip',
                               'trans_c-3.0-py3-none-any.whl.zip'] : "packed: ${packed}"
packed.each { File f ->
    // packed/<layout>/<sha256>/<wheel>.zip, entries under .deps/<wheel>/, the folder entry first
    assert f.parentFile.name ==~ /[0-9a-f]{64}/
    assert f.parentFile.parentFile.parentFile.name == 'packed'
    String prefix = '.deps/' + f.name.replaceAll(/\.zip$/, '') + '/'
    new java.util.zip.ZipFile(f).withCloseable { z ->
        def names = z.entries().collect { it.name }
        assert names[0] == prefix
        assert names.every { it.startsWith(prefix) }
    }
}
assert !new File(basedir, 'target').listFiles().any { it.name.endsWith('.pyz') }
return true
