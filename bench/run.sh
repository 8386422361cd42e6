#!/usr/bin/env bash
# Runs the benchmarks and an end-to-end timing of the CLI on the same synthetic VSD.
# Quote medians from one run in notes; this machine is shared and noisy.
#
#   bench/run.sh [extra Google Benchmark flags]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
export HM_BENCH_DIR=${HM_BENCH_DIR:-/tmp/hm-bench}
rm -rf "$HM_BENCH_DIR/cache"

echo "== Google Benchmark: VSD load, 150,000 codes =="
build/bench/vsd_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true "$@"

echo
echo "== Google Benchmark: logging throughput (text and JSON lines to a rotating file) =="
build/bench/log_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true

echo
echo "== Google Benchmark: audit history and statistics over 100,000 sessions =="
build/bench/audit_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true

echo
echo "== Google Benchmark: reading a 5,000-row test-case workbook (xlsx, CSV) and the grammar alone =="
build/bench/testcase_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true

echo
echo "== Google Benchmark: every shipped measure over 1,000,000 in-memory timelines (one thread, all cores) =="
build/bench/measure_bench

echo
echo "== End to end: hedis-mockup vsd info on the same workbook =="
home=$(mktemp -d)
for run in cold cached; do
  start=$(date +%s.%N)
  HEDIS_MOCKUP_HOME=$home build/tools/cli/hedis-mockup vsd info --vsd "$HM_BENCH_DIR/vsd-150k.xlsx" >/dev/null
  end=$(date +%s.%N)
  awk -v run="$run" -v s="$start" -v e="$end" 'BEGIN { printf "%-7s %.3f s\n", run, e - s }'
done
rm -rf "$home"

echo
echo "== End to end: hedis-mockup parse on the 5,000-row test-case workbook =="
home=$(mktemp -d)
start=$(date +%s.%N)
rc=0  # 1 only says some rows need attention
HEDIS_MOCKUP_HOME=$home build/tools/cli/hedis-mockup parse --my 2026 --json \
  --testcases "$HM_BENCH_DIR/testcases-5k.xlsx" >/dev/null || rc=$?
end=$(date +%s.%N)
if (( rc > 1 )); then echo "parse failed (exit $rc)" >&2; exit "$rc"; fi
awk -v s="$start" -v e="$end" 'BEGIN { printf "parse   %.3f s\n", e - s }'
rm -rf "$home"
