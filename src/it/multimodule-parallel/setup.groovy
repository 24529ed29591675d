// The shared pack cache starts empty, and so do the modules' outputs.
new File(basedir, 'target').deleteDir()
['greet-app', 'trans-app', 'meta-app', 'all-app'].each { new File(basedir, "${it}/target").deleteDir() }
return true
