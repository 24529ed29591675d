#!/usr/bin/env bash
# Downloads a real wheel set for the benchmarks: bench/make-corpus.sh DIR [REQUIREMENT ...]
#
# Default set: tensorflow-cpu 2.21.0 with all its dependencies for CPython 3.11 on Linux x86-64 (32 wheels,
# ~331 MB compressed, ~1.46 GB installed, ~19k entries), the shape of the slow zipapp builds pex and shiv
# users report. Uses the package index pip is configured with (pip config); when that names extra
# indexes only, the first becomes the main index, so that no unreachable default is tried. Prints what it
# downloaded: wheels, entries, sizes.
set -euo pipefail
dir=${1:?usage: bench/make-corpus.sh DIR [REQUIREMENT ...]}; shift || true
reqs=("$@"); [ ${#reqs[@]} -gt 0 ] || reqs=(tensorflow-cpu==2.21.0)
python=${PYTHON:-python3}
mkdir -p "$dir"
read -r -a extra <<<"$("$python" -m pip config get global.extra-index-url 2>/dev/null || true)"
args=()
if [ ${#extra[@]} -gt 0 ]; then
  args+=(--index-url "${extra[0]}")
  for url in "${extra[@]:1}"; do args+=(--extra-index-url "$url"); done
fi
# the set the benchmarks describe, whatever Python runs pip: CPython 3.11 on Linux x86-64
args+=(--python-version "${PYZ_CORPUS_PYTHON:-3.11}" --implementation cp --platform "${PYZ_CORPUS_PLATFORM:-manylinux_2_28_x86_64}")
"$python" -m pip download -q --only-binary=:all: --retries 0 -d "$dir" "${args[@]}" "${reqs[@]}"
"$python" - "$dir" <<'PY'
import glob, sys, zipfile
wheels = glob.glob(sys.argv[1] + "/*.whl")
entries = size = compressed = 0
for wheel in wheels:
    for info in zipfile.ZipFile(wheel).infolist():
        entries += 1
        size += info.file_size
        compressed += info.compress_size
print(f"{len(wheels)} wheels, {entries} entries, {size / 1e6:.0f} MB uncompressed, {compressed / 1e6:.0f} MB compressed")
PY
