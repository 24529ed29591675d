def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// Same inputs, other time zone / threads / pack cache: the same bytes.

File first = py.pyz(basedir, 'app')
File second = new File(basedir, 'target/elsewhere/app-again.pyz')
assert second.file : "no ${second}"
assert first.bytes == second.bytes : "${first} and ${second} differ (sizes ${first.length()} and ${second.length()})"

// The second build packed and compiled every wheel afresh into its own cache, with one thread instead
// of two: the packed blocks and the bytecode blocks are the same too.
File fresh = new File(basedir, 'target/fresh-cache')
File shared = new File(localRepositoryPath.toString(), '.cache/pyz')
def packed = []
fresh.eachFileRecurse { if (it.file && (it.name.endsWith('.whl.zip') || it.name.endsWith('.whl.extracted.zip'))) packed << it }
assert packed.findAll { it.path.contains('/packed/') }.size() == 7 : "expected 7 packed wheels in ${fresh}, found ${packed}"
assert packed.findAll { it.path.contains('/bytecode/') }.size() == 7 : "expected 7 compiled wheels in ${fresh}, found ${packed}"
packed.each { File f ->
    File twin = new File(shared, fresh.toPath().relativize(f.toPath()).toString())
    assert twin.file : "${twin} (the first build's pack of ${f.name}) is missing"
    assert twin.bytes == f.bytes : "${f} and ${twin} differ"
}

// The project's own entries carry the outputTimestamp in UTC whatever the time zone.
new java.util.zip.ZipFile(first).withCloseable { z ->
    assert z.getEntry('repro/data.txt').timeLocal == java.time.LocalDateTime.of(2026, 1, 2, 3, 4, 6)
}
def r = py.expectExit(py.python(basedir, first, ['R']), 0)
py.expectLines(r, ['argv0=greet.cli:main', 'args=R', 'Hello, R!'])
return true
