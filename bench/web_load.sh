#!/usr/bin/env bash
# Load test of the web server (issue 8), local only: starts `hedis-mockup serve` on 127.0.0.1 with
# 4 workers and a throwaway config, data folder and audit home, signs in, then
#   1. runs the example deck N times through POST /api/jobs, all submitted at once, and reports
#      jobs per minute (from the first submit to the last job finished) and failed jobs;
#   2. runs wrk (Debian's package, installed here if missing) for 10 s against one job's status
#      endpoint, GET /api/jobs/{id}, with the session cookie, and reports requests/s and errors
#      (non-2xx answers, socket errors).
# The rate limit is raised in the throwaway config: the load test measures the server, not the
# limiter. Usage: bench/web_load.sh [JOBS=40] (after scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs_n=${1:-40}
cli=build/tools/cli/hedis-mockup
[[ -x $cli ]] || { echo "build first: scripts/setup.sh" >&2; exit 2; }
if ! command -v wrk >/dev/null; then
  sudo=(); [[ "$(id -u)" -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
tmp=$(mktemp -d); trap 'kill $server 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"' EXIT
export HEDIS_MOCKUP_HOME=$tmp/home
cat > "$tmp/config.json" <<JSON
{"users": [], "server": {"default_vsd": ["$PWD/examples/vsd"], "web_dir": "$PWD/web",
  "rate_per_second": 1000000, "rate_burst": 1000000, "queue_capacity": 1000,
  "vsd_cache_dir": "$tmp/cache"}}
JSON
printf 'load-pass-1234\nload-pass-1234\n' | $cli user add load --config "$tmp/config.json" >/dev/null
$cli serve --config "$tmp/config.json" --port 0 --workers 4 --data "$tmp/data" > "$tmp/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "serving on" "$tmp/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$tmp/serve.log" | head -1)
json() { /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
csrf=$(curl -s -c "$tmp/jar" -H 'Content-Type: application/json' \
        -d '{"user":"load","password":"load-pass-1234"}' "$url/api/login" | json '["csrf_token"]')

start=$(date +%s.%N)
ids=()
for _ in $(seq "$jobs_n"); do
  ids+=("$(curl -s -b "$tmp/jar" -H "X-CSRF-Token: $csrf" -F measure=PSA -F my=2026 \
             -F testcases=@examples/testcases/psa_example.csv "$url/api/jobs" | json '["job_id"]')")
done
failed=0
for id in "${ids[@]}"; do
  while :; do
    status=$(curl -s -b "$tmp/jar" "$url/api/jobs/$id" | json '["status"]')
    [[ $status == succeeded || $status == failed ]] && break
    sleep 0.1
  done
  [[ $status == failed ]] && failed=$((failed + 1))
done
end=$(date +%s.%N)
/usr/bin/python3 -c "print(f'jobs: $jobs_n in {($end-$start):.2f} s = {$jobs_n*60/($end-$start):.0f} jobs/min with 4 workers, $failed failed')"

cookie=$(awk '$6 == "hm_session" {print $7}' "$tmp/jar")
wrk -t2 -c16 -d10s -H "Cookie: hm_session=$cookie" "$url/api/jobs/${ids[0]}" | tee "$tmp/wrk.txt"
non2xx=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$tmp/wrk.txt" | grep -o '[0-9]*$' || echo 0)
sock=$(grep -o 'Socket errors:.*' "$tmp/wrk.txt" || echo "Socket errors: none")
echo "status endpoint: $(grep Requests/sec "$tmp/wrk.txt" | awk '{print $2}') requests/s; non-2xx: $non2xx; $sock"
