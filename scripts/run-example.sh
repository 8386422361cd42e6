#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs the main job on the bundled example data with the embedded
# defaults: files in, files out, state under $HEDIS_MOCKUP_HOME (default ~/.local/share/hedis-mockup).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
bin=build/tools/cli/hedis-mockup

echo
echo "== The sample Value Set Directory (examples/vsd, public codes only) =="
"$bin" vsd info --vsd examples/vsd
echo
echo "== Which value sets hold CPT 84153? =="
"$bin" vsd lookup --vsd examples/vsd --code 84153
echo
echo "== The codes of 'PSA Lab Test' =="
"$bin" vsd codes --vsd examples/vsd --value-set "PSA Lab Test"
echo
echo "== A QA test-case workbook read as written (examples/testcases/psa_example.csv) =="
# parse exits 1 when a row needs attention: that is a finding to show, not a failure of the demo.
"$bin" parse --testcases examples/testcases/psa_example.csv --my 2026 --vsd examples/vsd || (($? == 1))
echo
echo "== The measures shipped =="
"$bin" measure list
echo
echo "== PSA evaluated over the example mockup tables (examples/mockup/psa, CSV in the engine layout) =="
"$bin" evaluate --measure PSA --data examples/mockup/psa --vsd examples/vsd --my 2026
echo
echo "== The main job: the mockup of the example workbook, checked and proven (output: example-output/) =="
"$bin" generate --measure PSA --testcases examples/testcases/psa_example.csv --vsd examples/vsd \
  --my 2026 --format xlsx,csv,sqlite --out example-output
echo
echo "== The written mockup read back and validated again, on its own =="
"$bin" validate --measure PSA --testcases examples/testcases/psa_example.csv --vsd examples/vsd \
  --my 2026 --mockup example-output/PSA_MY2026_Mockup.xlsx
