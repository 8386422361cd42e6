#!/usr/bin/env bash
# Installs whatever is missing on a Debian 12 machine, then configures and builds HEDIS Mockup.
# Re-running on a ready machine is quick: no package is reinstalled and the build is incremental.
#
#   scripts/setup.sh           build tools and libraries, then build/ (release with debug info)
#   scripts/setup.sh --test    also what the test suite needs (clang for the fuzzers, chromium and
#                              playwright-core for the browser test)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config            # toolchain
  libzip-dev libexpat1-dev                    # reading .xlsx (zip + streaming XML)
  libfmt-dev nlohmann-json3-dev libcli11-dev  # formatting, JSON, command line
  libssl-dev                                  # SHA-256 of inputs
  libxlsxwriter-dev                           # writing .xlsx
  libspdlog-dev                               # log sinks and rotation
  libsqlite3-dev                              # embedded tables and the history index
  libpq-dev                                   # PostgreSQL sources and COPY (libpq)
  libyaml-cpp-dev                             # measure files
  libpoppler-cpp-dev                          # text of the specification PDF (measure draft)
  libcpp-httplib-dev libargon2-dev            # the web server (HTTP/TLS) and its password hashes
  libgtest-dev libgmock-dev libbenchmark-dev  # tests and benchmarks are built with the project
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(clang libclang-rt-14-dev)        # libFuzzer and sanitizers
  packages+=(python3 python3-openpyxl)        # an independent reader of the .xlsx files written
  packages+=(postgresql)                      # initdb/pg_ctl: tests start a throwaway server
  packages+=(chromium)                        # the browser test of the web page (test/web)
  packages+=(libreoffice-writer-nogui)        # soffice makes the spec PDFs the drafter's tests read
  # Node and npm from Debian only where no node is installed: a machine with NodeSource's nodejs
  # (which carries npm) must not get Debian's npm and its hundreds of node-* packages.
  if ! command -v node >/dev/null; then packages+=(nodejs); fi
  if ! command -v npm >/dev/null; then packages+=(npm); fi
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}"
  sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# The browser test's one npm package, playwright-core, pinned by test/web/package-lock.json. It
# drives Debian's /usr/bin/chromium: no browser is ever downloaded.
if [[ "${1:-}" == "--test" ]] && ! cmp -s test/web/package-lock.json test/web/node_modules/.hm-installed-lock.json; then
  (cd test/web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error \
     && cp package-lock.json node_modules/.hm-installed-lock.json)
fi

if [[ ! -f build/build.ninja ]]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build build
