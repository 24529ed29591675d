// Another process that will hold trans_b's entry (as a running build would) once the first build packed it.
new File(basedir, 'target').deleteDir()
new File(basedir, 'target').mkdirs()
def py = evaluate(new File(itTools, 'ItSupport.groovy'))
def holder = new ProcessBuilder(py.PYTHON, new File(basedir, 'holder.py').path, basedir.path)
        .redirectErrorStream(true).redirectOutput(new File(basedir, 'target/holder.log')).start()
return holder.alive || holder.exitValue() == 0
