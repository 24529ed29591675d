// Runs only where Debian's Maven is installed (apt-get install maven); elsewhere the case is skipped.
boolean present = new File('/usr/bin/mvn').canExecute()
if (!present) println 'maven-3.8: /usr/bin/mvn not found, skipped'
return present
