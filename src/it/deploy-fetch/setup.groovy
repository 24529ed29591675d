// Starts from nothing: no file repository, no fetched copy, no copy in the local repository from an earlier
// run (the fetch must come from the file repository that this run deployed to).
[new File(basedir, 'target'), new File(basedir, 'fetch/target'),
 new File(localRepositoryPath.toString(), 'it/pyz/deploy-fetch')].each { it.deleteDir() }
return true
