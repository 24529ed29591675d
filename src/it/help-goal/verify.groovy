// pyz:help -Ddetail lists every goal and, for each, its parameters with their user properties.
String log = new File(basedir, 'build.log').getText('UTF-8')
for (String goal : ['pyz:help', 'pyz:import', 'pyz:pack', 'pyz:tree', 'pyz:zipapp']) {
    assert log.contains(goal) : "pyz:help does not list ${goal}"
}
for (String property : ['pyz.main', 'pyz.script', 'pyz.bytecode', 'pyz.python', 'pyz.targetPython', 'pyz.dependencyCheck',
                        'pyz.verifyRecord', 'pyz.allowConflicts', 'pyz.forceCreation', 'pyz.threads', 'pyz.cacheDirectory',
                        'pyz.skip', 'pyz.wheels', 'pyz.groupId']) {
    assert log.contains("User property: ${property}") : "pyz:help -Ddetail does not document ${property}"
}
return true
