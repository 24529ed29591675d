// What the integration tests' hook scripts share. A hook script loads it with
//
//   def py = evaluate(new File(itTools, 'ItSupport.groovy'))
//
// where itTools is src/it/tools of the source tree (a script variable the POM gives every hook script).
// The script's value is the class below.
//
// The zipapps run under `python3` (or $PYZ_IT_PYTHON) with a clean environment: no PYZ_* or PYTHON*
// variables from outside, PYZ_ROOT in the case's own target/ unless a test sets it.

import groovy.json.JsonSlurper
import java.nio.file.Files
import java.util.concurrent.TimeUnit
import java.util.zip.ZipFile

class Py {
    static final String PYTHON = System.getenv('PYZ_IT_PYTHON') ?: 'python3'
    static final long TIMEOUT_SECONDS = 120

    /** The zipapp a case built: target/<name>.pyz, which must exist. */
    static File pyz(File basedir, String name) {
        File f = new File(basedir, "target/${name}.pyz")
        check(f.isFile(), "expected the zipapp ${f} to exist; target/ holds: ${new File(basedir, 'target').list()}")
        return f
    }

    /** Runs `python3 PYZ ARGS...`; returns [code: int, out: String, err: String]. */
    static Map python(File basedir, File pyz, List args, Map env = [:]) {
        return run(basedir, [PYTHON, pyz.path] + args.collect { it.toString() }, env)
    }

    /** Runs a command in basedir with a clean environment, stdout and stderr captured separately. */
    static Map run(File basedir, List cmd, Map env = [:]) {
        File target = new File(basedir, 'target')
        target.mkdirs()
        File out = Files.createTempFile(target.toPath(), 'out-', '.txt').toFile()
        File err = Files.createTempFile(target.toPath(), 'err-', '.txt').toFile()
        ProcessBuilder pb = new ProcessBuilder(cmd.collect { it.toString() })
                .directory(basedir).redirectOutput(out).redirectError(err)
        Map<String, String> e = pb.environment()
        e.keySet().removeIf { String k -> k.startsWith('PYZ_') || k.startsWith('PYTHON') }
        e.put('PYZ_ROOT', new File(target, 'pyz-root').path)
        e.put('PYTHONIOENCODING', 'utf-8')
        env.each { k, v -> if (v == null) e.remove(k.toString()) else e.put(k.toString(), v.toString()) }
        Process p
        try {
            p = pb.start()
        } catch (IOException x) {
            throw new AssertionError("could not start ${cmd[0]} (the ITs need Python 3 on the PATH, or PYZ_IT_PYTHON): ${x.message}", x)
        }
        p.outputStream.close() // stdin: empty
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly()
            throw new AssertionError("timed out after ${TIMEOUT_SECONDS} s: ${cmd}")
        }
        Map r = [code: p.exitValue(), out: out.getText('UTF-8'), err: err.getText('UTF-8'), cmd: cmd]
        out.delete()
        err.delete()
        println "\$ ${cmd.join(' ')}${env ? '   (env ' + env + ')' : ''}\n-> exit ${r.code}\n-- stdout:\n${r.out}-- stderr:\n${r.err}--"
        return r
    }

    /** Asserts the exit code; returns the result for further checks. */
    static Map expectExit(Map r, int code) {
        check(r.code == code, "expected exit ${code} from ${r.cmd}, got ${r.code}\nstdout:\n${r.out}\nstderr:\n${r.err}")
        return r
    }

    /** The lines of stdout, without line ends. */
    static List<String> lines(Map r) {
        return r.out.readLines()
    }

    /** Asserts that stdout holds each line, exactly, in this order (other lines may come between). */
    static void expectLines(Map r, List<String> expected) {
        List<String> actual = lines(r)
        int at = 0
        for (String line : expected) {
            int i = actual.subList(at, actual.size()).indexOf(line)
            check(i >= 0, "expected the line <${line}> in stdout (in this order: ${expected})\nstdout:\n${r.out}\nstderr:\n${r.err}")
            at += i + 1
        }
    }

    /** The parsed .pyz/manifest.json of a zipapp (read with java.util.zip, which allows the shebang preamble). */
    static Object manifest(File pyz) {
        new ZipFile(pyz).withCloseable { ZipFile z ->
            def entry = z.getEntry('.pyz/manifest.json')
            check(entry != null, "${pyz} has no .pyz/manifest.json")
            return new JsonSlurper().parse(z.getInputStream(entry), 'UTF-8')
        }
    }

    /** The names of a zipapp's entries, in order. */
    static List<String> entries(File pyz) {
        new ZipFile(pyz).withCloseable { ZipFile z -> z.entries().collect { it.name } }
    }

    /**
     * What src/it/maven-3.8 and src/it/maven-4 check of their build under another Maven (whose version
     * line in build.log matches maven): no warning about the plugin, the zipapp (with trans_c, through
     * trans_b's POM) built, installed as artifactId-1.0.pyz and running.
     */
    static void checkBuildUnder(File basedir, Object localRepositoryPath, String artifactId, java.util.regex.Pattern maven) {
        String log = new File(basedir, 'build.log').getText('UTF-8')
        check(maven.matcher(log).find(), "not built by a Maven matching ${maven}:\n" + log.readLines().take(20).join('\n'))
        // downloads from the ITs' file repository, which has no checksums, warn on a first run: those are
        // not about the plugin
        List<String> warnings = log.readLines().findAll { it.startsWith('[WARNING]') && !(it =~ /(?i)checksum|integrity/) }
        check(!log.contains('Plugin validation issues') && warnings.isEmpty(), 'warnings under this Maven:\n' + warnings.join('\n'))
        File app = pyz(basedir, 'app')
        List wheels = manifest(app).wheels*.file
        check(wheels == ['greet-1.0-py3-none-any.whl', 'trans_b-2.0-py3-none-any.whl', 'trans_c-3.0-py3-none-any.whl'],
                "bundled: ${wheels}")
        File installed = new File(localRepositoryPath.toString(), "it/pyz/${artifactId}/1.0/${artifactId}-1.0.pyz")
        check(installed.file, "not installed: ${installed.parentFile.list()}")
        check(installed.bytes == app.bytes, "the installed ${installed} differs from ${app}")
        expectLines(expectExit(python(basedir, installed, ['Maven']), 0), ['argv0=greet.cli:main', 'args=Maven', 'Hello, Maven!'])
        expectLines(expectExit(python(basedir, app, ['-c', 'import trans_b; print(trans_b.describe())'], [PYZ_INTERPRETER: '1']), 0),
                ['b uses c 42'])
    }

    static void check(boolean condition, Object message) {
        if (!condition) {
            throw new AssertionError(message.toString())
        }
    }
}

return Py
