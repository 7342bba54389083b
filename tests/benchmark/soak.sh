#!/usr/bin/env bash
# Soak test (docs/performance.md and docs/reliability.md, "Soak"): mixed load on one app instance for 5 minutes at
# 32 connections, after a warm-up of the same load: sponsors saving answers (PUT .../answers, bearer token, each on
# drafts of their own), reviewers on the dashboard (/portfolio under several views, sign-in cookie) and report
# downloads (GET .../report.pdf). Three wrk processes run side by side, one per kind, so each kind has its own
# p50/p95/p99; the app's resident memory (VmRSS) is sampled every 5 s. Passes when no request failed (no non-2xx, no
# socket error or timeout) and RSS at the end is less than 10% above RSS at the end of the warm-up.
# Beside RSS: the GC's counters every 5 s (dotnet-counters: heap size after the last collection, committed memory,
# working set) and, at the end of the warm-up and of the soak, the live managed heap after a full collection
# (dotnet-gcdump collect induces one and writes what is reachable): a leak grows the live heap; a GC keeping more
# memory for a heavier load grows only what it has committed.
#
# Usage: tests/benchmark/soak.sh [--duration 300] [--warmup 60] [--assessments 2000]
#                                [--savers 16] [--dashboard 12] [--reports 4]
#   --duration     seconds of measured load
#   --warmup       seconds of the same load before it (JIT, caches, pools; not measured)
#   --assessments  size of the synthetic portfolio the dashboard and the reports read
#   --savers / --dashboard / --reports   connections of each kind (32 in all by default)
# Environment: PGPORT, PGROOT (see tests/postgres.sh), BENCH_PORT (default 5192). Debian as root, .NET 10 SDK.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPO_ROOT="$(pwd)"
OUT_DIR="$REPO_ROOT/artifacts/benchmark"
PROJECT=src/PilotReadiness.Web

duration=300
warmup=60
assessments=2000
savers=16
dashboard=12
reports=4
port="${BENCH_PORT:-5192}"
password="bench-password-2026"
reviewer="reviewer01@synthetic.example.com"
sponsor="sponsor01@synthetic.example.com"

usage() { sed -n '9,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --duration)    [ $# -ge 2 ] || { usage; exit 2; }; duration="$2"; shift 2 ;;
    --warmup)      [ $# -ge 2 ] || { usage; exit 2; }; warmup="$2"; shift 2 ;;
    --assessments) [ $# -ge 2 ] || { usage; exit 2; }; assessments="$2"; shift 2 ;;
    --savers)      [ $# -ge 2 ] || { usage; exit 2; }; savers="$2"; shift 2 ;;
    --dashboard)   [ $# -ge 2 ] || { usage; exit 2; }; dashboard="$2"; shift 2 ;;
    --reports)     [ $# -ge 2 ] || { usage; exit 2; }; reports="$2"; shift 2 ;;
    -h|--help)     usage; exit 0 ;;
    *)             echo "unknown argument: $1" >&2; usage; exit 2 ;;
  esac
done

command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK ('dotnet') is required" >&2; exit 1; }
base="http://127.0.0.1:$port"
# shellcheck source=tests/benchmark/common.sh
source "$REPO_ROOT/tests/benchmark/common.sh"
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v curl >/dev/null 2>&1 || apt_install curl
command -v jq >/dev/null 2>&1 || apt_install jq

bench_build
echo "== Diagnostics tools (dotnet-counters, dotnet-gcdump; the repository's tool manifest)"
dotnet tool restore >/dev/null
sampler=""
counters=""
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  [ -z "$sampler" ] || kill "$sampler" 2>/dev/null || true
  [ -z "$counters" ] || kill "$counters" 2>/dev/null || true
  bench_stop_app
}
trap cleanup EXIT
db=pilotreadiness_soak
bench_fresh_db "$db"
bench_seed "$db" "$assessments"
bench_start_app "$OUT_DIR/app-soak.log"

# ---- Who does what
saver_token="$(bench_sign_in_bearer "$sponsor")"
reviewer_token="$(bench_sign_in_bearer "$reviewer")"
reviewer_cookie="$(bench_sign_in_cookie "$reviewer")"
echo "== Drafts for the savers, and the reports to download"
drafts=()
for i in $(seq 1 256); do   # many more than connections: no two saves of one draft at once
  drafts+=("$(curl -fsS "$base/api/assessments" -H "Authorization: Bearer $saver_token" -H 'Content-Type: application/json' \
    -d "{\"title\":\"Soak draft $i\",\"businessUnit\":\"Operations\",\"sponsor\":\"Soak\",\"description\":\"Saved over and over by the soak test.\"}" | jq -r .id)")
done
mapfile -t report_ids < <(curl -fsS -H "Authorization: Bearer $reviewer_token" "$base/api/portfolio?pageSize=100" | jq -r '.items[].id')
[ "${#report_ids[@]}" -gt 0 ] || { echo "error: the portfolio is empty" >&2; exit 1; }

# ---- One wrk Lua script per kind: the requests it cycles through, and p50/p95/p99 and errors when it is done.
lua_list() { printf '"%s",' "$@"; }
lua_done='
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("SOAK kind=%s requests=%d errors=%d non2xx=%d socket=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f rps=%.1f\n",
    kind, summary.requests, e.status + e.connect + e.read + e.write + e.timeout, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1000000)))
end'
cat > "$OUT_DIR/soak-save.lua" <<LUA
kind = "save"
local ids = { $(lua_list "${drafts[@]}") }
local i = 0
request = function()
  i = i + 1
  local body = '{"answers":{"involvement.daily-users":' .. (i % 5000 + 1) .. ',"commitment.rollout-date":"2027-0' .. (i % 9 + 1) .. '-15"}}'
  return wrk.format("PUT", "/api/assessments/" .. ids[i % #ids + 1] .. "/answers",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer $saver_token" }, body)
end
$lua_done
LUA
cat > "$OUT_DIR/soak-dashboard.lua" <<LUA
kind = "dashboard"
local views = { "/portfolio", "/portfolio?status=submitted", "/portfolio?verdict=go", "/portfolio?verdict=not-ready&sort=overall",
  "/portfolio?sort=title&dir=asc", "/portfolio?page=2", "/portfolio?gate=pilot-theatre", "/portfolio?q=assistant" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", views[i % #views + 1], { ["Cookie"] = "$reviewer_cookie" })
end
$lua_done
LUA
cat > "$OUT_DIR/soak-report.lua" <<LUA
kind = "report"
local ids = { $(lua_list "${report_ids[@]}") }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/assessments/" .. ids[i % #ids + 1] .. "/report.pdf", { ["Authorization"] = "Bearer $reviewer_token" })
end
$lua_done
LUA

# run_load SECONDS TAG: the three kinds side by side; each wrk's report in $OUT_DIR/soak-TAG-KIND.txt.
run_load() {
  local seconds="$1" tag="$2" kind connections pids=()
  for kind in save dashboard report; do
    case "$kind" in save) connections="$savers" ;; dashboard) connections="$dashboard" ;; report) connections="$reports" ;; esac
    [ "$connections" -gt 0 ] || continue
    wrk -t1 -c"$connections" -d"${seconds}s" --timeout 30s --latency -s "$OUT_DIR/soak-$kind.lua" "$base" > "$OUT_DIR/soak-$tag-$kind.txt" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}"
}
rss_mb() { awk '$1 == "VmRSS:" { printf "%.0f", $2 / 1024 }' "/proc/$app_pid/status"; }
# live_heap_mb TAG: a full collection (induced by dotnet-gcdump) and the size, in MB, of what is still reachable.
live_heap_mb() {
  local dump="$OUT_DIR/soak-$1.gcdump"
  rm -f "$dump"
  dotnet dotnet-gcdump collect -p "$app_pid" -o "$dump" >/dev/null 2>&1
  dotnet dotnet-gcdump report "$dump" 2>/dev/null \
    | awk '$2 == "GC" && $3 == "Heap" && $4 == "bytes" { gsub(",", "", $1); printf "%.0f", $1 / 1048576; exit }'
}

echo "== Warm-up: ${warmup} s of the same load"
run_load "$warmup" warmup
rss_start="$(rss_mb)"
heap_start="$(live_heap_mb warmup)"
: > "$OUT_DIR/soak-rss.txt"
( while true; do echo "$(date +%s) $(rss_mb)" >> "$OUT_DIR/soak-rss.txt"; sleep 5; done ) &
sampler=$!
rm -f "$OUT_DIR/soak-counters.csv"
# It stops by itself at the end of the soak (stopped by a signal, it would leave no file).
dotnet dotnet-counters collect -p "$app_pid" --refresh-interval 5 --format csv -o "$OUT_DIR/soak-counters.csv" \
  --counters System.Runtime --duration "$(printf '00:%02d:%02d:%02d' $((duration / 3600)) $((duration % 3600 / 60)) $((duration % 60)))" >/dev/null 2>&1 &
counters=$!
echo "== Soak: ${duration} s at $((savers + dashboard + reports)) connections ($savers saving, $dashboard on the dashboard, $reports downloading reports); RSS $rss_start MB, live heap $heap_start MB"
run_load "$duration" soak
kill "$sampler" 2>/dev/null || true; sampler=""
wait "$counters" 2>/dev/null || true; counters=""
rss_end="$(rss_mb)"
heap_end="$(live_heap_mb end)"
rss_max="$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$OUT_DIR/soak-rss.txt")"

# ---- The table
results="$OUT_DIR/soak-$(date -u +%Y%m%dT%H%M%SZ).txt"
failures=()
{
  echo
  echo "Soak: $(nproc) cores, PostgreSQL on the same machine, $assessments synthetic assessments, logging at Warning,"
  echo "${duration} s after ${warmup} s of warm-up, $((savers + dashboard + reports)) connections; $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  printf '| %-9s | %5s | %9s | %7s | %8s | %8s | %8s | %8s | %6s |\n' kind conns requests "req/s" "p50 ms" "p95 ms" "p99 ms" "max ms" errors
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "-----------" "------:" "----------:" "--------:" "---------:" "---------:" "---------:" "---------:" "-------:"
  for kind in save dashboard report; do
    line="$(grep '^SOAK ' "$OUT_DIR/soak-soak-$kind.txt" 2>/dev/null || true)"
    [ -n "$line" ] || continue
    get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$line"; }
    case "$kind" in save) c="$savers" ;; dashboard) c="$dashboard" ;; report) c="$reports" ;; esac
    printf '| %-9s | %5s | %9s | %7s | %8s | %8s | %8s | %8s | %6s |\n' "$kind" "$c" "$(get requests)" "$(get rps)" "$(get p50)" "$(get p95)" "$(get p99)" "$(get max)" "$(get errors)"
  done
  echo
  echo "RSS: $rss_start MB after the warm-up, $rss_end MB at the end ($(awk -v a="$rss_start" -v b="$rss_end" 'BEGIN { printf "%+.1f%%", 100 * (b - a) / a }')), at most $rss_max MB during the soak"
  echo "Live managed heap after a full collection: $heap_start MB after the warm-up, $heap_end MB at the end"
  if [ -s "$OUT_DIR/soak-counters.csv" ]; then
    echo "GC counters (first and last sample, MB):"
    awk -F, 'NR > 1 {
        name = $3; sub(/ \(By\).*/, "", name)
        if (name == "dotnet.gc.last_collection.heap.size") heap[$1] += $NF
        else if (name == "dotnet.gc.last_collection.memory.committed_size") committed[$1] = $NF
        else if (name == "dotnet.process.memory.working_set") ws[$1] = $NF
        else next
        if (!($1 in seen)) { seen[$1] = 1; stamps[++n] = $1 } }
      END { if (n == 0) exit
        a = stamps[1]; b = stamps[n]
        printf "  GC heap after the last collection: %.0f -> %.0f\n", heap[a] / 1048576, heap[b] / 1048576
        printf "  GC committed memory: %.0f -> %.0f\n", committed[a] / 1048576, committed[b] / 1048576
        printf "  working set: %.0f -> %.0f\n", ws[a] / 1048576, ws[b] / 1048576 }' \
      "$OUT_DIR/soak-counters.csv"
  fi
} | tee "$results"
echo "(saved to ${results#"$REPO_ROOT"/}; wrk reports and RSS samples in ${OUT_DIR#"$REPO_ROOT"/}/soak-*)"

for kind in save dashboard report; do
  line="$(grep '^SOAK ' "$OUT_DIR/soak-soak-$kind.txt" 2>/dev/null || true)"
  if [ -z "$line" ]; then failures+=("$kind: wrk gave no summary (see $OUT_DIR/soak-soak-$kind.txt)"); continue; fi
  errors="$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' <<< "$line")"
  [ "$errors" = 0 ] || failures+=("$kind: $errors requests failed")
done
awk -v a="$rss_start" -v b="$rss_end" 'BEGIN { exit !(b < 1.10 * a) }' || failures+=("RSS grew from $rss_start MB to $rss_end MB (10% or more)")
if [ ${#failures[@]} -eq 0 ]; then
  echo "soak: PASS"
else
  echo "soak: FAIL"; printf '  - %s\n' "${failures[@]}"; exit 1
fi
