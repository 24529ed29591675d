def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)

// "mvn package then writes target/<finalName>.pyz; run it as ./target/app.pyz args... or python3 target/app.pyz args..."
File pyz = py.pyz(basedir, 'app')
py.expectLines(py.expectExit(py.python(basedir, pyz, ['Maven']), 0), ['Hello, Maven!'])
py.expectLines(py.expectExit(py.run(basedir, [pyz.path]), 0), ['Hello, README!'])
return true
