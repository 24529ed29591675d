// A simple index (PEP 503) in a folder, made from the ITs' wheels (setup-wheels): index/simple/<project>/index.html
// links index/files/<wheel>#sha256=..., with an older trans_c the resolver must not take and a wheel for another target.
import java.security.MessageDigest

// the wheels resolved by an earlier run of this IT would be reused: step 1 starts from none
new File(localRepositoryPath.toString(), 'it/resolved').deleteDir()
new File(localRepositoryPath.toString(), 'it/locked').deleteDir()
File repo = new File(localRepositoryPath.toString(), 'it/pyz/wheels')
File files = new File(basedir, 'index/files')
files.mkdirs()
Map<String, File> found = [:]
repo.eachFileRecurse { File f -> if (f.name in ['trans_b-2.0-py3-none-any.whl', 'trans_c-3.0-py3-none-any.whl']) found[f.name] = f }
assert found.size() == 2 : "expected trans_b and trans_c under ${repo}: ${found.keySet()}"
found.each { name, f -> new File(files, name).bytes = f.bytes }
// a newer trans_c for Windows only: a Linux target cannot take it
new File(files, 'trans_c-9.0-cp311-cp311-win_amd64.whl').bytes = found['trans_c-3.0-py3-none-any.whl'].bytes

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
Map<String, List<File>> byProject = [:]
files.eachFile { File f -> byProject.computeIfAbsent(f.name.split('-')[0].replace('_', '-'), { [] }) << f }
byProject.each { project, wheels ->
    File page = new File(basedir, "index/simple/${project}/index.html")
    page.parentFile.mkdirs()
    page.text = '<!DOCTYPE html><html><body>\n' + wheels.sort { it.name }.collect {
        "<a href=\"../../files/${it.name}#sha256=${sha256(it)}\" data-requires-python=\"&gt;=3.8\">${it.name}</a>"
    }.join('\n') + '\n</body></html>\n'
}
new File(basedir, 'requirements.txt').text = "# pinned, with the hash pip would write\n" +
        "Trans-B==2.0 \\\n    --hash=sha256:${sha256(new File(files, 'trans_b-2.0-py3-none-any.whl')).toUpperCase()}\n"
new File(basedir, 'conflict.txt').text = 'trans_b\ntrans-c>=4\n'
// a pylock.toml (PEP 751) of the same wheels, by path; the Windows-only trans_c 9.0 has a marker that skips it
def wheel = { String name -> "{ path = \"index/files/${name}\", hashes = { sha256 = \"${sha256(new File(files, name))}\" } }" }
new File(basedir, 'pylock.toml').text = """lock-version = "1.0"
created-by = "resolve-index IT"
requires-python = ">=3.8"

[[packages]]
name = "trans-b"
version = "2.0"
wheels = [${wheel('trans_b-2.0-py3-none-any.whl')}]

[[packages]]
name = "trans-c"
version = "3.0"
marker = "sys_platform != 'win32'"
wheels = [${wheel('trans_c-3.0-py3-none-any.whl')}]

[[packages]]
name = "trans-c"
version = "9.0"
marker = "sys_platform == 'win32'"
wheels = [${wheel('trans_c-9.0-cp311-cp311-win_amd64.whl')}]
"""
return true
