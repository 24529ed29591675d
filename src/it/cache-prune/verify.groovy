def py = evaluate(new File(itTools, 'ItSupport.groovy')) // the ITs' shared helpers (src/it/tools; see the POM)

try {
    String log = new File(basedir, 'build.log').getText('UTF-8')
    def invocations = log.split(/(?m)^\[INFO\] Scanning for projects/) as List
    invocations.remove(0) // before the first build
    py.check(invocations.size() == 4, "four invocations: ${invocations.size()}")
    def wheels = ['greet-1.0-py3-none-any.whl', 'trans_b-2.0-py3-none-any.whl', 'trans_c-3.0-py3-none-any.whl']

    // cache-info: every packed wheel and its bytecode (python3 is on the PATH), with totals
    String info = invocations[1]
    wheels.each { w ->
        py.check((info =~ /(?m)^\[INFO\]   packed   ${java.util.regex.Pattern.quote(w)}  [0-9.]+ [KMG]?i?B  last used 20\d\d-/).find(), "info lists ${w}:\n${info}")
        py.check((info =~ /(?m)^\[INFO\]   bytecode ${java.util.regex.Pattern.quote(w)}  cpython-3\d+-[0-9a-f]{8}  /).find(), "info lists the bytecode of ${w}")
    }
    py.check(info.contains('[INFO] 3 packed entries, '), info)
    py.check(info.contains('[INFO] 3 bytecode entries, '), info)

    // the prune leaves trans_b's packed entry, which the holder has, and removes the other five
    String held = new File(basedir, 'target/holder.locked').getText('UTF-8').trim()
    String prune = invocations[2]
    py.check(prune.contains("In use by a running build, left alone: ${held}"), prune)
    py.check(prune.contains('Removed 5 entries unused since'), prune)
    py.check(new File(held, 'trans_b-2.0-py3-none-any.whl.zip').isFile(), "the held entry is whole")
    // the next build packs greet and trans_c again and takes trans_b from the cache
    String again = invocations[3]
    py.check(again.contains('3 wheel(s): 2 packed, 1 from the cache'), again)
    py.check(again.contains('BUILD SUCCESS'), again)

} finally {
    new File(basedir, 'target/holder.release').text = 'done'
}
return true
