#!/usr/bin/env bash
# Builds the plugin, puts the example's wheel into the local Maven repository under the coordinate
# convention, builds the example zipapp with `mvn package` and runs it. Says what it is doing at each step.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mvn=("$root/mvnw" -B -ntp -q)
step() { printf '[%s] %s\n' "$1" "$2"; }
step 1/4 "Building the plugin (the first time the wrapper downloads Maven and the build's dependencies: a few minutes) ..."
"${mvn[@]}" -f "$root/pom.xml" install -DskipTests -DskipITs
step 2/4 "Making the example's wheel and installing it into the local repository ..."
wheel=$(python3 "$here/make_wheel.py" "$here/target/wheels")
"${mvn[@]}" install:install-file -Dfile="$wheel" -DgroupId=dev.pyz.examples -DartifactId=greeting \
  -Dversion=1.0 -Dpackaging=whl -Dclassifier=py3-none-any -DgeneratePom=true
step 3/4 "Building the example zipapp (mvn package) ..."
"${mvn[@]}" -f "$here/pom.xml" package
step 4/4 "Running $here/target/hello-1.0.pyz:"
"$here/target/hello-1.0.pyz" "${1:-Maven}"
