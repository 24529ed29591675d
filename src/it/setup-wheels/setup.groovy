// Writes the ITs' wheels (and their POMs) into the ITs' local repository with make_wheels.py.
// Hook variables: basedir (target/it/setup-wheels), localRepositoryPath (target/local-repo), itTools
// (src/it/tools, set in the POM).
File tools = new File(itTools)
String python = System.getenv('PYZ_IT_PYTHON') ?: 'python3'
List<String> cmd = [python, new File(tools, 'make_wheels.py').path, localRepositoryPath.toString()]
Process p
try {
    p = new ProcessBuilder(cmd).redirectErrorStream(true).start()
} catch (IOException e) {
    throw new IllegalStateException("The integration tests need Python 3: could not run '${python}' "
            + "(put python3 on the PATH or set PYZ_IT_PYTHON): ${e.message}", e)
}
p.outputStream.close()
String out = p.inputStream.getText('UTF-8')
int rc = p.waitFor()
println out
if (rc != 0) {
    throw new IllegalStateException("make_wheels.py failed with exit ${rc}: ${cmd.join(' ')}\n${out}")
}
return true
