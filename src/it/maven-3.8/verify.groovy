def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)

// The build ran under that Maven without a warning about the plugin, and its zipapp (with trans_c,
// through trans_b's POM) was installed and runs.
py.checkBuildUnder(basedir, localRepositoryPath, 'maven-3.8', ~/Apache Maven 3\.8\.7/)
return true
