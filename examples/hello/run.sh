#!/usr/bin/env bash
# Builds the plugin, puts the example's wheel into the local Maven repository under the coordinate
# convention, builds the example zipapp with `mvn package` and runs it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mvn=("$root/mvnw" -B -ntp -q)
"${mvn[@]}" -f "$root/pom.xml" install -DskipTests -DskipITs
wheel=$(python3 "$here/make_wheel.py" "$here/target/wheels")
"${mvn[@]}" install:install-file -Dfile="$wheel" -DgroupId=dev.pyz.examples -DartifactId=greeting \
  -Dversion=1.0 -Dpackaging=whl -Dclassifier=py3-none-any -DgeneratePom=true
"${mvn[@]}" -f "$here/pom.xml" package
"$here/target/hello-1.0.pyz" "${1:-Maven}"
