// The build cache starts empty (the first build must miss and save, the second hit), and nothing of this
// project is in the local repository yet.
[new File(basedir, 'cache-store'), new File(basedir, 'target'),
 new File(localRepositoryPath.toString(), 'it/pyz/build-cache')].each { it.deleteDir() }
return true
