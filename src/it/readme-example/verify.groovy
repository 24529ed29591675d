// Loads the shared helpers (src/it/tools/ItSupport.groovy) from the source tree above this clone.
File tools = null
for (File d = basedir.canonicalFile; d != null && tools == null; d = d.parentFile) {
    if (new File(d, "src/it/tools/ItSupport.groovy").file) tools = new File(d, "src/it/tools")
}
assert tools != null : "src/it/tools/ItSupport.groovy not found above ${basedir}"
def py = evaluate(new File(tools, "ItSupport.groovy"))

// "mvn package then writes target/<finalName>.pyz; run it as ./target/app.pyz args... or python3 target/app.pyz args..."
File pyz = py.pyz(basedir, 'app')
py.expectLines(py.expectExit(py.python(basedir, pyz, ['Maven']), 0), ['Hello, Maven!'])
py.expectLines(py.expectExit(py.run(basedir, [pyz.path]), 0), ['Hello, README!'])
return true
