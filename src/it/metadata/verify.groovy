def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// importlib.metadata sees the bundled wheels: selfmeta asks for its own version at import.
File pyz = py.pyz(basedir, 'app')
def r = py.expectExit(py.python(basedir, pyz, ['-c', '''
import importlib.metadata as m
import selfmeta
print("selfmeta=" + selfmeta.__version__)
print("greet=" + m.version("greet"))
print("trans_b=" + m.version("trans_b"))
print("trans_b name=" + m.metadata("trans_b")["Name"])
print("trans_b requires=" + ",".join(m.requires("trans_b")))
print("trans_c=" + m.version("trans_c"))
print("tagged=" + m.version("tagged"))
print("scripts=" + ",".join(sorted(e.name for e in m.distribution("greet").entry_points)))
ours = [d.metadata["Name"] for d in m.distributions() if "pyz-maven-plugin integration tests" in (d.metadata.get("Summary") or "")]
print("bundled=" + ",".join(sorted(ours)))
''']), 0)
py.expectLines(r, ['selfmeta=1.5.2', 'greet=1.0', 'trans_b=2.0', 'trans_b name=Trans-B', 'trans_b requires=trans-c==3.0',
                   'trans_c=3.0', 'tagged=0.3', 'scripts=greet-cli', 'bundled=Trans-B,greet,selfmeta,tagged,trans_c'])
return true
