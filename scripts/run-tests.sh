#!/usr/bin/env bash
# Sets up (scripts/setup.sh --test) and runs every test: a bounded fuzz run of every parser of
# outside input (clang, libFuzzer, ASan+UBSan; build-fuzz/), then the unit and end-to-end suite
# (build/). Exits non-zero if anything fails.
#
#   HM_FUZZ_SECONDS=N   seconds per fuzzer (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
jobs=$(nproc)

echo
echo "== Fuzzing (${HM_FUZZ_SECONDS:-15} s per parser) =="
if [[ ! -f build-fuzz/build.ninja ]]; then
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHM_FUZZ=ON \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
fi
cmake -B build-fuzz -DHM_FUZZ_SECONDS="${HM_FUZZ_SECONDS:-15}" >/dev/null
cmake --build build-fuzz
ctest --test-dir build-fuzz --output-on-failure -j "$jobs"

echo
echo "== Unit and end-to-end tests =="
ctest --test-dir build --output-on-failure -j "$jobs"
