#!/usr/bin/env bash
# Times `mvn package` of the multimodule-parallel IT layout (a parent and four zipapp modules sharing
# wheels, one pack cache) with -T 1 against -T 4, each from an empty pack cache, and prints the medians
# and their ratio. Offline, on the IT's local repository; needs the IT to have run once:
#
#   ./mvnw -B -ntp verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
#       -Dinvoker.test=setup-wheels,multimodule-parallel
#   bench/multimodule.sh [runs]        # default 5 runs of each
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
project=target/it/multimodule-parallel
repo=$PWD/target/local-repo
if [[ ! -f $project/pom.xml || ! -d $repo/it/pyz/wheels ]]; then
    echo "run the multimodule-parallel IT first (see the top of $0)" >&2
    exit 2
fi

# The ITs' settings (repository id local.central, which the IT local repository's files came from), so
# that an offline build accepts them.
settings=$PWD/target/bench-settings.xml
sed "s|@localRepositoryUrl@|file://$HOME/.m2/repository|" src/it/settings.xml >"$settings"

once() { # $1 = thread count; prints the wall time in seconds
    rm -rf "$project/target/shared-cache" "$project"/*-app/target
    local start end
    start=$(date +%s.%N)
    ./mvnw -B -q -o -s "$settings" -Dmaven.repo.local="$repo" -f "$project/pom.xml" package -T "$1" >/dev/null
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.2f}')"
}
median() { python3 -c 'import statistics, sys; print(f"{statistics.median(map(float, sys.argv[1:])):.2f}")' "$@"; }

once 1 >/dev/null # warm the JVM's file cache and Maven's
t1=() t4=()
for ((i = 0; i < runs; i++)); do # alternate, so that drift on a shared machine hits both alike
    t1+=("$(once 1)")
    t4+=("$(once 4)")
done
m1=$(median "${t1[@]}") m4=$(median "${t4[@]}")
echo "-T 1: ${t1[*]} s (median $m1 s)"
echo "-T 4: ${t4[*]} s (median $m4 s)"
python3 -c "print(f'-T 1 / -T 4 = {$m1 / $m4:.2f} ($(nproc) cores)')"
