// Writes one module POM per case listed in pom.xml's <modules>: a project that bundles the wheel
// it.pyz.bad:bad_<case> (written by make_wheels.py in setup-wheels), or for too_large a good wheel under
// a maxWheelSize it exceeds.
String pom = new File(basedir, 'pom.xml').getText('UTF-8')
String managed = pom.substring(pom.indexOf('<pluginManagement>'))
String pluginGroup = (managed =~ /<groupId>([^<]+)<\/groupId>/)[0][1]
String pluginArtifact = (managed =~ /<artifactId>([^<]+)<\/artifactId>/)[0][1]
(pom =~ /<module>([^<]+)<\/module>/).collect { it[1] }.each { String c ->
    String dependency = c == 'too_large'
            ? '<groupId>it.pyz.wheels</groupId><artifactId>greet</artifactId><version>1.0</version>'
            : "<groupId>it.pyz.bad</groupId><artifactId>bad_${c}</artifactId><version>1.0</version>"
    String configuration = c == 'too_large' ? '<configuration><maxWheelSize>100</maxWheelSize></configuration>' : ''
    File dir = new File(basedir, c)
    dir.mkdirs()
    new File(dir, 'pom.xml').setText("""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>it.pyz</groupId>
    <artifactId>bad-inputs</artifactId>
    <version>1.0</version>
  </parent>
  <artifactId>bad-${c}</artifactId>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>${dependency}<type>whl</type><classifier>py3-none-any</classifier></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>${pluginGroup}</groupId>
        <artifactId>${pluginArtifact}</artifactId>
        ${configuration}
      </plugin>
    </plugins>
  </build>
</project>
""", 'UTF-8')
}
return true
